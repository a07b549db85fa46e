/* sealed.h - a short secret (the SMTP password) kept encrypted in the
 * store under a key that is not in the store: a key file of 32 random
 * bytes, given to `serve --secret-key-file PATH` (made, mode 0600, when
 * missing). libsodium's crypto_secretbox (XSalsa20-Poly1305) with a fresh
 * random nonce at every write; a wrong key or a changed text does not
 * open. */
#ifndef WP_SEALED_H
#define WP_SEALED_H

#include <stdbool.h>

#define SEALED_KEY_BYTES 32
#define SEALED_PLAIN_MAX 1024 /* bytes of a secret */

/* Encrypt plain under key: "v1:" followed by nonce and ciphertext in
 * lowercase hex. Caller frees. NULL when plain is longer than
 * SEALED_PLAIN_MAX. */
char *sealed_seal(const unsigned char key[SEALED_KEY_BYTES], const char *plain);

/* Decrypt what sealed_seal made; the text (caller frees), or NULL when
 * the key is wrong, the text was changed or is not ours. */
char *sealed_open(const unsigned char key[SEALED_KEY_BYTES], const char *sealed);

/* Read the key from the file at path; when there is no file, make one
 * (mode 0600, 32 random bytes, refused when it exists by then). False
 * with *err (caller frees) when the file cannot be read or made, is not
 * exactly 32 bytes, or can be read by others than its owner. */
bool sealed_key_file(const char *path, unsigned char key[SEALED_KEY_BYTES], char **err);

#endif
