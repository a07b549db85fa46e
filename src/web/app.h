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
	store_committer *committer; /* group commit for the writes of POST requests */
	unsigned char secret[32]; /* signs CSRF tokens; shared by every process via the store */
	bool secure_cookies;      /* served over TLS (directly or behind a proxy) */
	const char *public_url;   /* base of links that leave the site (mail, QR) */
	const char *db_label;     /* where the database is, without a password (processing record) */
	const char *trusted_proxy; /* address of a reverse proxy whose X-Forwarded-For we believe */
	const char *listen;
	int threads;
	/* outgoing mail (invitations, reminders); smtp_url NULL: no mail */
	const char *smtp_url;      /* --smtp-url smtp://host:port or smtps://host:port */
	const char *smtp_from;     /* --smtp-from ADDRESS */
	const char *smtp_user;     /* WERKPLAATS_SMTP_USER, or NULL */
	const char *smtp_password; /* WERKPLAATS_SMTP_PASSWORD, or NULL */
	/* --secret-key-file: the key that seals the SMTP password of the
	 * site's mail settings (/admin/mail); without it no password is kept */
	bool has_mail_key;
	unsigned char mail_key[32];
	const char *mail_key_file;
	/* --saml-key and --saml-cert: the SAML service provider's key and
	 * certificate (the files, and the certificate's PEM text for our
	 * metadata), NULL when SAML is not set up */
	const char *saml_key_file, *saml_cert_file, *saml_cert_pem;
	int scheduler_interval; /* --scheduler-interval: seconds between looks for due reminders */
	bool require_admin_totp; /* --secret-key-file without --admin-totp-optional: administrators
				  * who log in with a password must have a second factor */
	/* the open link's guard (src/domain/open_link.h) */
	int open_starts;   /* --open-link-starts-per-10min: starts per round and bucket */
	int open_submits;  /* --open-link-submits-per-10min: submissions per round and bucket */
	int open_cooldown; /* --open-link-cooldown: seconds before a browser that sent can start again */
	/* --ops-token-file: the bearer token of /healthz and /metrics (a
	 * load balancer, Prometheus); NULL: both are 404 */
	const char *ops_token;
};

/* Load (or create on first start) the instance secret. */
bool app_load_secret(struct app *a, store *st, char **err);

#endif
