#include "base/totp.h"

#include <liboath/oath.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

void totp_init(void)
{
	if (oath_init() != OATH_OK)
		die("liboath could not be initialised");
}

void totp_secret_new(char out[TOTP_SECRET_B32 + 1])
{
	unsigned char raw[TOTP_SECRET_BYTES];
	char *b32 = NULL;
	size_t len = 0;
	randombytes_buf(raw, sizeof raw);
	if (oath_base32_encode((const char *)raw, sizeof raw, &b32, &len) != OATH_OK || len != TOTP_SECRET_B32)
		die("cannot encode a TOTP secret");
	memcpy(out, b32, TOTP_SECRET_B32);
	out[TOTP_SECRET_B32] = 0;
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(b32, len);
	free(b32);
}

static bool six_digits(const char *code)
{
	if (!code || strlen(code) != TOTP_DIGITS)
		return false;
	for (const char *p = code; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

bool totp_check(const char *secret_b32, const char *code, int64_t now, int64_t last_step, int64_t *step)
{
	char *key = NULL;
	size_t key_len = 0;
	*step = 0;
	if (!six_digits(code) || oath_base32_decode(secret_b32, strlen(secret_b32), &key, &key_len) != OATH_OK)
		return false;
	int pos = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3(key, key_len, (time_t)now, TOTP_STEP, 0, 1, &pos, &counter, code);
	sodium_memzero(key, key_len);
	free(key);
	if (rc < 0)
		return false;
	*step = (int64_t)counter;
	return *step > last_step;
}
