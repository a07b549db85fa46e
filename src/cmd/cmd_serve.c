/* cmd_serve.c - werkplaats serve: open the store, load the instance
 * secret, run the web server until a signal. */
#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/token.h"
#include "base/util.h"
#include "base/zone.h"
#include "cmd/commands.h"
#include "cmd/demo.h"
#include "cmd/setup.h"
#include "figures/figures.h"
#include "io/backup.h"
#include "base/sealed.h"
#include "io/mail.h"
#include "io/scheduler.h"
#include "web/app.h"
#include "web/page_cache.h"
#include "web/results.h"
#include "web/server.h"
#include "web/survey.h"

bool app_load_secret(struct app *a, store *st, char **err)
{
	arena *ar = arena_new();
	char *hex = NULL;
	store_rc rc = store_meta_get(st, ar, "site_secret", &hex);
	if (rc == ST_NOTFOUND) {
		/* a database made without `init` (or `demo`): make the secret now */
		char fresh[65];
		token_hex(fresh, 32);
		rc = store_meta_set(st, "site_secret", fresh);
		hex = arena_strdup(ar, fresh);
	}
	size_t len = 0;
	bool ok = rc == ST_OK &&
		  sodium_hex2bin(a->secret, sizeof a->secret, hex, strlen(hex), NULL, &len, NULL) == 0 &&
		  len == sizeof a->secret;
	if (!ok)
		*err = xstrdup(rc == ST_OK ? "the instance secret in the database is damaged"
					   : store_errmsg(st));
	arena_free(ar);
	return ok;
}

/* A database made by an older werkplaats gets the instrument versions this
 * one ships (rounds keep the version they have; new rounds take the
 * newest). Not fatal: a site that stored other content under the same
 * label keeps it, and the server says so. */
static void add_shipped_instruments(store *st)
{
	char *err = NULL;
	if (store_begin(st) != ST_OK) {
		fprintf(stderr, "werkplaats serve: cannot add the shipped instrument: %s\n", store_errmsg(st));
		return;
	}
	if (setup_shipped_instruments(st, &err) == 0 && store_commit(st) == ST_OK)
		return;
	fprintf(stderr, "werkplaats serve: the shipped instrument was not added: %s\n",
		err ? err : store_errmsg(st));
	free(err);
	store_rollback(st);
}

/* --smtp-url and --smtp-from, and the login from the environment (never
 * from the command line, where other users of the machine can read it). */
static bool mail_options(struct opt *opts, struct app *a)
{
	const char *url = cli_opt(opts, "--smtp-url"), *from = cli_opt(opts, "--smtp-from");
	if (!url && !from)
		return true;
	if (!url || !mail_url_ok(url)) {
		fprintf(stderr, "werkplaats serve: --smtp-url %s: give an address like "
				"smtp://mail.example.org:587 or smtps://mail.example.org:465\n",
			url ? url : "is missing");
		return false;
	}
	if (!from || !mail_address_ok(from)) {
		fprintf(stderr, "werkplaats serve: --smtp-from %s: give the sender's e-mail address, "
				"like werkplaats@example.org\n",
			from ? from : "is missing");
		return false;
	}
	a->smtp_url = url;
	a->smtp_from = from;
	a->smtp_user = getenv("WERKPLAATS_SMTP_USER");
	a->smtp_password = getenv("WERKPLAATS_SMTP_PASSWORD");
	return true;
}

struct backup_opts {
	const char *dir;
	int64_t every;
	int keep;
};

/* --backup-dir, --backup-every HOURS (decimals allowed), --backup-keep N. */
static bool backup_options(struct opt *opts, struct backup_opts *b)
{
	b->dir = cli_opt(opts, "--backup-dir");
	const char *every = cli_opt(opts, "--backup-every"), *keep = cli_opt(opts, "--backup-keep");
	b->every = 24 * 3600;
	b->keep = 7;
	if (!b->dir && (every || keep)) {
		fprintf(stderr, "werkplaats serve: --backup-every and --backup-keep need --backup-dir DIR\n");
		return false;
	}
	if (every) {
		char *end;
		double h = strtod(every, &end);
		if (end == every || *end || !(h * 3600 >= 1) || h > 100000) {
			fprintf(stderr, "werkplaats serve: --backup-every %s: give the hours between copies, "
					"like 24 or 0.5 (at least one second)\n",
				every);
			return false;
		}
		b->every = (int64_t)(h * 3600 + 0.5);
	}
	int64_t n;
	if (keep) {
		if (!parse_int64(keep, 1, 100000, &n)) {
			fprintf(stderr, "werkplaats serve: --backup-keep %s: give a number of copies from 1\n", keep);
			return false;
		}
		b->keep = (int)n;
	}
	return true;
}

/* One whole-number option from min to max; false after saying why. */
static bool int_option(struct opt *opts, const char *name, int64_t min, int64_t max, int *out)
{
	const char *v = cli_opt(opts, name);
	int64_t n;
	if (!v)
		return true;
	if (!parse_int64(v, min, max, &n)) {
		fprintf(stderr, "werkplaats serve: %s %s: give a number from %lld to %lld\n", name, v,
			(long long)min, (long long)max);
		return false;
	}
	*out = (int)n;
	return true;
}

/* The open link's limits (src/domain/open_link.h). */
static bool open_link_options(struct opt *opts, struct app *a)
{
	a->open_starts = OPEN_LINK_STARTS_DEFAULT;
	a->open_submits = OPEN_LINK_SUBMITS_DEFAULT;
	a->open_cooldown = OPEN_LINK_COOLDOWN_DEFAULT;
	return int_option(opts, "--open-link-starts-per-10min", 1, 1000000000, &a->open_starts) &&
	       int_option(opts, "--open-link-submits-per-10min", 1, 1000000000, &a->open_submits) &&
	       int_option(opts, "--open-link-cooldown", 0, 86400, &a->open_cooldown);
}

/* --time-zone NAME (default Europe/Amsterdam): the zone of the times pages
 * show, set for the whole process while it has one thread. */
static bool zone_option(struct opt *opts)
{
	const char *zone = cli_opt(opts, "--time-zone");
	if (zone_set(zone ? zone : ZONE_DEFAULT))
		return true;
	fprintf(stderr, "werkplaats serve: --time-zone %s: not a zone of the tz database in /usr/share/zoneinfo "
			"(package tzdata); give a name like Europe/Amsterdam or UTC\n",
		zone ? zone : ZONE_DEFAULT);
	return false;
}

#define OPS_TOKEN_MIN 32
#define OPS_TOKEN_MAX 256

/* --ops-token-file PATH: one line, the token; too short a token is
 * refused (it guards what the server knows about its load). */
static bool ops_token_option(struct opt *opts, struct app *a)
{
	const char *path = cli_opt(opts, "--ops-token-file");
	if (!path)
		return true;
	FILE *f = fopen(path, "r");
	char line[OPS_TOKEN_MAX + 2] = "";
	bool read = f && fgets(line, sizeof line, f);
	if (f)
		fclose(f);
	line[strcspn(line, "\r\n")] = 0;
	if (!read || strlen(line) < OPS_TOKEN_MIN || strlen(line) > OPS_TOKEN_MAX) {
		fprintf(stderr, "werkplaats serve: --ops-token-file %s: %s\n", path,
			!f ? "cannot read it" : "give a file with one line of 32 to 256 characters, "
						"for example from 'openssl rand -hex 32'");
		return false;
	}
	static char token[OPS_TOKEN_MAX + 1]; /* one server per process */
	memcpy(token, line, strlen(line) + 1);
	a->ops_token = token;
	return true;
}

/* --secret-key-file PATH (made when missing) and --scheduler-interval
 * SECONDS: the site's own mail settings and the reminder scheduler. */
static bool mail_site_options(struct opt *opts, struct app *a)
{
	a->scheduler_interval = SCHEDULER_INTERVAL_DEFAULT;
	if (!int_option(opts, "--scheduler-interval", 1, 86400, &a->scheduler_interval))
		return false;
	a->mail_key_file = cli_opt(opts, "--secret-key-file");
	char *err = NULL;
	if (a->mail_key_file && !sealed_key_file(a->mail_key_file, a->mail_key, &err)) {
		fprintf(stderr, "werkplaats serve: %s\n", err);
		free(err);
		return false;
	}
	a->has_mail_key = a->mail_key_file != NULL;
	/* two-step login needs the key that seals its secrets: with it,
	 * administrators who log in with a password must use it (issue 18),
	 * unless the site says otherwise */
	a->require_admin_totp = a->has_mail_key && !cli_opt(opts, "--admin-totp-optional");
	return ops_token_option(opts, a);
}

/* --saml-key FILE and --saml-cert FILE: both or neither. */
static bool saml_options(struct opt *opts, struct app *a, buf *key, buf *cert)
{
	const char *k = cli_opt(opts, "--saml-key"), *c = cli_opt(opts, "--saml-cert");
	buf_init(key, 64 * 1024);
	buf_init(cert, 64 * 1024);
	if (!k && !c)
		return true;
	if (!k || !c) {
		fprintf(stderr, "werkplaats serve: give --saml-key and --saml-cert together\n");
		return false;
	}
	if (!cmd_read_all("serve", k, 64 * 1024, key) || !cmd_read_all("serve", c, 64 * 1024, cert))
		return false;
	if (!strstr(buf_cstr(cert), "-----BEGIN CERTIFICATE-----") || !strstr(buf_cstr(key), "PRIVATE KEY-----")) {
		fprintf(stderr, "werkplaats serve: --saml-key and --saml-cert take PEM files (a private key, "
				"a certificate)\n");
		return false;
	}
	a->saml_key_file = k;
	a->saml_cert_file = c;
	a->saml_cert_pem = buf_cstr(cert);
	return true;
}

/* The reminder scheduler's view of the app; lives as long as the server. */
static scheduler *start_scheduler(struct app *a, scheduler_config *sc, mail_config *cli)
{
	*cli = (mail_config){a->smtp_url, a->smtp_from, a->smtp_user, a->smtp_password, false};
	*sc = (scheduler_config){a->public_url, a->smtp_url ? cli : NULL,
				 a->has_mail_key ? a->mail_key : NULL, a->scheduler_interval};
	return scheduler_start(a->pool, sc);
}

#define NO_LOCK (-2)

static void unlock(int lock)
{
	if (lock >= 0)
		close(lock);
}

int cmd_serve(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	struct app a = {0};
	const char *path = cmd_db_path(opts, "serve");
	a.listen = cli_opt(opts, "--listen") ? cli_opt(opts, "--listen") : "127.0.0.1:8080";
	a.threads = 8;
	if (!int_option(opts, "--threads", 1, 256, &a.threads))
		return 2;
	int pool = a.threads;
	if (!int_option(opts, "--db-pool", 1, 1024, &pool))
		return 2;
	a.secure_cookies = cli_opt(opts, "--secure-cookies") != NULL;
	a.trusted_proxy = cli_opt(opts, "--trusted-proxy");
	unsigned char bin[16];
	if (a.trusted_proxy && inet_pton(AF_INET, a.trusted_proxy, bin) != 1 &&
	    inet_pton(AF_INET6, a.trusted_proxy, bin) != 1) {
		fprintf(stderr, "werkplaats serve: --trusted-proxy %s: give the proxy's IP address, "
				"such as 127.0.0.1\n",
			a.trusted_proxy);
		return 2;
	}
	const char *url = cli_opt(opts, "--public-url");
	if (url && strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		fprintf(stderr, "werkplaats serve: --public-url %s: give an address starting with "
				"http:// or https://\n",
			url);
		return 2;
	}
	struct backup_opts bo;
	buf saml_key, saml_cert;
	if (!mail_options(opts, &a) || !backup_options(opts, &bo) || !open_link_options(opts, &a) ||
	    !zone_option(opts) || !mail_site_options(opts, &a) ||
	    !saml_options(opts, &a, &saml_key, &saml_cert)) {
		buf_free(&saml_key);
		buf_free(&saml_cert);
		return 2;
	}
	char *err = NULL;
	a.pool = store_pool_open(path, pool, &err);
	/* an SQLite file is locked (shared) against a restore under our feet;
	 * PostgreSQL looks after its own */
	int lock = !a.pool ? -1 : store_is_postgres(path) ? NO_LOCK : backup_lock_shared(path, &err);
	if (lock == -1) {
		fprintf(stderr, "werkplaats serve: %s\n", err);
		free(err);
		buf_free(&saml_key);
		buf_free(&saml_cert);
		store_pool_close(a.pool);
		return 1;
	}
	store *st = store_acquire(a.pool, false);
	bool ok = app_load_secret(&a, st, &err);
	bool is_demo = demo_present(st);
	if (ok)
		add_shipped_instruments(st);
	store_release(a.pool, st);
	if (!ok) {
		fprintf(stderr, "werkplaats serve: %s\n", err);
		free(err);
		buf_free(&saml_key);
		buf_free(&saml_cert);
		store_pool_close(a.pool);
		unlock(lock);
		return 1;
	}
	backup_schedule *bs = NULL;
	if (bo.dir && !(bs = backup_schedule_start(path, bo.dir, bo.every, bo.keep, &err))) {
		fprintf(stderr, "werkplaats serve: %s\n", err);
		free(err);
		buf_free(&saml_key);
		buf_free(&saml_cert);
		store_pool_close(a.pool);
		unlock(lock);
		return 1;
	}
	char *public_url = url ? xstrdup(url) : NULL;
	if (!public_url) {
		size_t len = strlen(a.listen) + 16;
		public_url = xmalloc(len);
		snprintf(public_url, len, "http://%s", a.listen);
	}
	size_t ul = strlen(public_url);
	while (ul > 0 && public_url[ul - 1] == '/')
		public_url[--ul] = 0;
	a.public_url = public_url;
	char db_label[256];
	store_target_label(path, db_label, sizeof db_label);
	a.db_label = db_label;
	server_block_signals(); /* before the committer thread starts: it must not take them */
	a.committer = store_committer_start(a.pool);
	mail_global_init();
	scheduler_config sc;
	mail_config cli;
	scheduler *sched = start_scheduler(&a, &sc, &cli);
	int rc = server_run(&a, cli_opt(opts, "--announce") != NULL,
			    is_demo ? demo_login_text() : NULL);
	scheduler_stop(sched);
	mail_global_cleanup();
	backup_schedule_stop(bs);
	store_committer_stop(a.committer);
	store_pool_close(a.pool);
	survey_cache_free();
	figures_cache_free();
	page_cache_free();
	free(public_url);
	buf_free(&saml_key);
	buf_free(&saml_cert);
	unlock(lock);
	return rc;
}
