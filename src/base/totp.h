/* totp.h - time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second
 * steps, 6 digits), the second factor of password accounts, through
 * liboath. The secret travels as base32 text (what authenticator apps
 * take); the store keeps it sealed (sealed.h). */
#ifndef WP_TOTP_H
#define WP_TOTP_H

#include <stdbool.h>
#include <stdint.h>

#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_B32 32 /* base32 characters of a secret, no padding */
#define TOTP_STEP 30
#define TOTP_DIGITS 6

/* Start liboath once (at program start). */
void totp_init(void);

/* A new random secret as base32 text. */
void totp_secret_new(char out[TOTP_SECRET_B32 + 1]);

/* Is `code` (six digits) right for the secret at `now`, one step either
 * side allowed for clocks that drift, and of a later step than
 * `last_step` (a code is never accepted twice)? *step: the step the
 * code belongs to. */
bool totp_check(const char *secret_b32, const char *code, int64_t now, int64_t last_step, int64_t *step);

#endif
