/* cmd_serve.c - werkplaats serve: open the store, load the instance
 * secret, run the web server until a signal. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "cmd/commands.h"
#include "cmd/demo.h"
#include "io/mail.h"
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

int cmd_serve(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	struct app a = {0};
	const char *path = cmd_db_path(opts, "serve");
	a.listen = cli_opt(opts, "--listen") ? cli_opt(opts, "--listen") : "127.0.0.1:8080";
	a.threads = 8;
	const char *t = cli_opt(opts, "--threads");
	int64_t n;
	if (t) {
		if (!parse_int64(t, 1, 256, &n)) {
			fprintf(stderr, "werkplaats serve: --threads %s: give a number from 1 to 256\n", t);
			return 2;
		}
		a.threads = (int)n;
	}
	a.secure_cookies = cli_opt(opts, "--secure-cookies") != NULL;
	const char *url = cli_opt(opts, "--public-url");
	if (url && strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		fprintf(stderr, "werkplaats serve: --public-url %s: give an address starting with "
				"http:// or https://\n",
			url);
		return 2;
	}
	if (!mail_options(opts, &a))
		return 2;
	char *err = NULL;
	a.pool = store_pool_open(path, a.threads, &err);
	if (!a.pool) {
		fprintf(stderr, "werkplaats serve: %s\n", err);
		free(err);
		return 1;
	}
	store *st = store_acquire(a.pool, false);
	bool ok = app_load_secret(&a, st, &err);
	bool is_demo = demo_present(st);
	store_release(a.pool, st);
	if (!ok) {
		fprintf(stderr, "werkplaats serve: %s\n", err);
		free(err);
		store_pool_close(a.pool);
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
	a.committer = store_committer_start(a.pool);
	mail_global_init();
	int rc = server_run(&a, cli_opt(opts, "--announce") != NULL,
			    is_demo ? demo_login_text() : NULL);
	mail_global_cleanup();
	store_committer_stop(a.committer);
	store_pool_close(a.pool);
	survey_cache_free();
	results_cache_free();
	page_cache_free();
	free(public_url);
	return rc;
}
