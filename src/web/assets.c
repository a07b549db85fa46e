#include "web/assets.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static char version[17];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

static void compute_version(void)
{
	unsigned char h[8];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	for (const struct asset *a = assets; a->name; a++)
		crypto_generichash_update(&st, a->data, a->len);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(version, sizeof version, h, sizeof h);
}

const char *asset_version(void)
{
	pthread_once(&version_once, compute_version);
	return version;
}

const struct asset *asset_find(const char *name)
{
	for (const struct asset *a = assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}
