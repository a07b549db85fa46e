/* token.h - random tokens, their hashes, HMACs and password hashes, all
 * through libsodium. Call token_init() once before anything else. */
#ifndef WP_TOKEN_H
#define WP_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_CHARS 22    /* 128 random bits as unpadded base64url */
#define HASH_HEX 64       /* 256-bit hash as lowercase hex */
#define RESUME_CHARS 10   /* short resume code: 50 bits in 10 symbols */
#define PASSWORD_HASH_MAX 128

void token_init(void);

/* A fresh 128-bit token, base64url without padding, NUL-terminated. */
void token_random(char out[TOKEN_CHARS + 1]);
/* A short code people can type, derived from a token under a key: 10
 * symbols from 32 without look-alikes (no 0/O, 1/I), upper case. */
void token_resume_code(const unsigned char key[32], const char *token,
		       char out[RESUME_CHARS + 1]);
/* The resume code hidden under a token: each symbol shifted by a keyed
 * hash of the token ("mask:" + token), so that only who holds the token
 * (and the key) gets the code back. unmask false: code -> masked; true:
 * masked -> code. Both are RESUME_CHARS symbols of the alphabet. */
void token_resume_mask(const unsigned char key[32], const char *token, const char *in, bool unmask,
		       char out[RESUME_CHARS + 1]);
/* Normalise what a person typed: upper case, separators (space, '-')
 * removed. False when the result is not RESUME_CHARS symbols of the
 * alphabet. */
bool token_resume_normalise(const char *typed, char out[RESUME_CHARS + 1]);
/* True when s looks like a token (right length and alphabet). */
bool token_well_formed(const char *s);

/* Hash of a token for storage, separated by purpose ("session", "invite",
 * "response", ...), so a value that leaks from one table is useless in
 * another. Lowercase hex, NUL-terminated. */
void token_hash(const char *purpose, const char *token, char out[HASH_HEX + 1]);

/* HMAC-SHA256 of msg under a 32-byte key, lowercase hex. */
void token_hmac(const unsigned char key[32], const char *msg, char out[HASH_HEX + 1]);

/* Constant-time comparison of two NUL-terminated strings. */
bool token_equal(const char *a, const char *b);

/* Fill buf with n random bytes. */
void token_bytes(void *buf, size_t n);
/* Random lowercase hex string of 2*n characters into out (2n+1 bytes). */
void token_hex(char *out, size_t n);
/* A random id for a request (logs, X-Request-Id): 16 hex characters,
 * drawn from a per-thread store of system randomness. */
#define REQUEST_ID_CHARS 16
void token_request_id(char out[REQUEST_ID_CHARS + 1]);

/* Argon2id (libsodium interactive limits). Returns false only when out of
 * memory. */
bool password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *hash, const char *password);

#endif
