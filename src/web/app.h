/* app.h - what the server knows for its whole life. */
#ifndef WP_APP_H
#define WP_APP_H

#include <stdbool.h>

#include "store/store.h"

#define BODY_CAP (2u * 1024 * 1024) /* bytes of a request body; 413 past it */
#define SESSION_SECONDS (12 * 3600)
#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_ACCOUNT 5  /* failed logins per account per window */
#define THROTTLE_ADDRESS 20 /* failed logins, token or code probes per address per window */

struct app {
	store_pool *pool;
	unsigned char secret[32]; /* signs CSRF tokens; shared by every process via the store */
	bool secure_cookies;      /* served over TLS (directly or behind a proxy) */
	const char *public_url;   /* base of links that leave the site (mail, QR) */
	const char *trusted_proxy; /* address of a reverse proxy whose X-Forwarded-For we believe */
	const char *listen;
	int threads;
};

/* Load (or create on first start) the instance secret. */
bool app_load_secret(struct app *a, store *st, char **err);

#endif
