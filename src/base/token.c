#include "token.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

void token_init(void)
{
	if (sodium_init() < 0)
		die("libsodium could not be initialised");
}

void token_bytes(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

void token_random(char out[TOKEN_CHARS + 1])
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_CHARS + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static const char resume_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

void token_resume_code(const unsigned char key[32], const char *token,
		       char out[RESUME_CHARS + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char msg[64];
	snprintf(msg, sizeof msg, "resume:%s", token);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	/* 5 bits per symbol from the first 50 bits of the MAC */
	uint64_t bits = 0;
	for (int i = 0; i < 8; i++)
		bits = (bits << 8) | mac[i];
	for (int i = 0; i < RESUME_CHARS; i++)
		out[i] = resume_alphabet[(bits >> (59 - 5 * i)) & 31];
	out[RESUME_CHARS] = 0;
}

void token_resume_mask(const unsigned char key[32], const char *token, const char *in, bool unmask,
		       char out[RESUME_CHARS + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char msg[64];
	snprintf(msg, sizeof msg, "mask:%s", token);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	for (int i = 0; i < RESUME_CHARS; i++) {
		const char *at = strchr(resume_alphabet, in[i]);
		int v = at && in[i] ? (int)(at - resume_alphabet) : 0;
		int m = mac[i] & 31;
		out[i] = resume_alphabet[(v + (unmask ? 32 - m : m)) & 31];
	}
	out[RESUME_CHARS] = 0;
}

bool token_resume_normalise(const char *typed, char out[RESUME_CHARS + 1])
{
	int n = 0;
	for (const char *p = typed; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n == RESUME_CHARS || !strchr(resume_alphabet, c) || !c)
			return false;
		out[n++] = c;
	}
	out[n] = 0;
	return n == RESUME_CHARS;
}

bool token_well_formed(const char *s)
{
	if (!s || strlen(s) != TOKEN_CHARS)
		return false;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

void token_hash(const char *purpose, const char *token, char out[HASH_HEX + 1])
{
	unsigned char h[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose));
	crypto_generichash_update(&st, (const unsigned char *)":", 1);
	crypto_generichash_update(&st, (const unsigned char *)token, strlen(token));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, HASH_HEX + 1, h, sizeof h);
}

void token_hmac(const unsigned char key[32], const char *msg, char out[HASH_HEX + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2hex(out, HASH_HEX + 1, mac, sizeof mac);
}

bool token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}

void token_request_id(char out[REQUEST_ID_CHARS + 1])
{
	/* one call into the kernel for every 64 requests of a thread instead
	 * of one each: the bytes are the system's randomness all the same,
	 * each used once */
	static _Thread_local unsigned char pool[64 * REQUEST_ID_CHARS / 2];
	static _Thread_local size_t left;
	if (left < REQUEST_ID_CHARS / 2) {
		randombytes_buf(pool, sizeof pool);
		left = sizeof pool;
	}
	left -= REQUEST_ID_CHARS / 2;
	sodium_bin2hex(out, REQUEST_ID_CHARS + 1, pool + left, REQUEST_ID_CHARS / 2);
	sodium_memzero(pool + left, REQUEST_ID_CHARS / 2);
}

void token_hex(char *out, size_t n)
{
	unsigned char raw[64];
	WP_ASSERT(n <= sizeof raw);
	randombytes_buf(raw, n);
	sodium_bin2hex(out, 2 * n + 1, raw, n);
}

bool password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
