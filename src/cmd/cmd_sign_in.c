/* cmd_sign_in.c - sign-in on the command line: identity providers (idp
 * add | list | remove), the password-login switch, and a one-time login
 * link for an account, which always works: the way in for the first
 * administrator when password login is off or no provider answers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/sealed.h"
#include "base/token.h"
#include "base/util.h"
#include "cmd/commands.h"
#include "io/oidc.h"
#include "store/store.h"

#define LOGIN_LINK_SECONDS (15 * 60)
#define PASSWORD_LOGIN_KEY "password_login" /* as web/web.h */

static store *open_or_say(struct opt *opts, const char *command)
{
	char *err = NULL;
	store *st = store_open_existing(cmd_db_path(opts, command), false, &err);
	if (!st) {
		fprintf(stderr, "werkplaats %s: %s\n", command, err);
		free(err);
	}
	return st;
}

static const char *opt_or(struct opt *opts, const char *name, const char *dflt)
{
	const char *v = cli_opt(opts, name);
	return v ? v : dflt;
}

/* The provider from the options; NULL after saying what is wrong. */
static const char *provider_problem(struct opt *opts, identity_provider *p)
{
	p->protocol = opt_or(opts, "--protocol", "oidc");
	bool saml = strcmp(p->protocol, "saml") == 0;
	if (!saml && strcmp(p->protocol, "oidc") != 0)
		return "--protocol is oidc or saml";
	p->name = opt_or(opts, "--name", NULL);
	p->slug = opt_or(opts, "--slug", NULL);
	p->issuer = opt_or(opts, "--issuer", NULL);
	p->client_id = opt_or(opts, "--client-id", saml ? "" : NULL);
	p->id_claim = opt_or(opts, "--id-claim", saml ? SAML_ID_DEFAULT : "sub");
	p->email_claim = opt_or(opts, "--email-claim", saml ? SAML_EMAIL_DEFAULT : "email");
	p->name_claim = opt_or(opts, "--name-claim", saml ? SAML_NAME_DEFAULT : "name");
	p->first_sign_in = opt_or(opts, "--first-sign-in", "create");
	p->link_email = cli_opt(opts, "--link-email") != NULL;
	p->secret_sealed = "";
	if (!p->name || !*p->name || strlen(p->name) > 100)
		return "--name TEXT is required (at most 100 characters)";
	if (!oidc_slug_ok(p->slug))
		return "--slug NAME is required: 1-40 of a-z, 0-9 and '-'";
	if (!oidc_url_allowed(p->issuer))
		return "--issuer URL is required (OpenID Connect: the issuer; SAML: the metadata URL) and "
		       "must use https (http only on loopback)";
	if (!p->client_id || (!saml && !*p->client_id) || strlen(p->client_id) > 200)
		return "--client-id ID is required for OpenID Connect";
	if (!oidc_claim_name_ok(p->id_claim) || !oidc_claim_name_ok(p->email_claim) ||
	    !oidc_claim_name_ok(p->name_claim))
		return "a claim name must be 1-100 printable characters without spaces";
	if (strcmp(p->first_sign_in, "create") != 0 && strcmp(p->first_sign_in, "refuse") != 0)
		return "--first-sign-in is create or refuse";
	return NULL;
}

/* Seal $WERKPLAATS_OIDC_SECRET under the key file; false after a message. */
static bool seal_secret(struct opt *opts, identity_provider *p, char **sealed)
{
	const char *secret = getenv("WERKPLAATS_OIDC_SECRET");
	*sealed = NULL;
	if (!secret || !*secret)
		return true;
	const char *keyfile = cli_opt(opts, "--secret-key-file");
	unsigned char key[SEALED_KEY_BYTES];
	char *err = NULL;
	if (!keyfile) {
		fprintf(stderr, "werkplaats idp: a client secret needs --secret-key-file (the key of serve)\n");
		return false;
	}
	if (!sealed_key_file(keyfile, key, &err)) {
		fprintf(stderr, "werkplaats idp: %s\n", err);
		free(err);
		return false;
	}
	*sealed = sealed_seal(key, secret);
	if (!*sealed) {
		fprintf(stderr, "werkplaats idp: the client secret is too long\n");
		return false;
	}
	p->secret_sealed = *sealed;
	return true;
}

static int idp_add(struct opt *opts, store *st)
{
	identity_provider p = {0};
	const char *problem = provider_problem(opts, &p);
	if (problem) {
		fprintf(stderr, "werkplaats idp add: %s\n", problem);
		return 2;
	}
	char *sealed = NULL;
	if (!seal_secret(opts, &p, &sealed))
		return 1;
	int64_t id = 0;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_idp_create(st, &p, &id);
	if (rc == ST_OK)
		rc = store_audit(st, 0, 0, "identity provider added",
				 p.slug); /* from the command line: no person */
	rc = store_end(st, rc);
	free(sealed);
	if (rc == ST_CONFLICT) {
		fprintf(stderr, "werkplaats idp add: there already is a provider '%s'\n", p.slug);
		return 1;
	}
	if (rc != ST_OK) {
		fprintf(stderr, "werkplaats idp add: %s\n", store_errmsg(st));
		return 1;
	}
	printf("Added identity provider %s (%s).\n", p.slug, p.issuer);
	return 0;
}

static int idp_list(store *st)
{
	arena *a = arena_new();
	identity_provider *ps;
	int n = 0;
	store_rc rc = store_idps(st, a, &ps, &n);
	for (int i = 0; rc == ST_OK && i < n; i++)
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", ps[i].slug, ps[i].protocol, ps[i].issuer, ps[i].client_id,
		       ps[i].first_sign_in, ps[i].name);
	arena_free(a);
	return rc == ST_OK ? 0 : 1;
}

static int idp_remove(store *st, const char *slug)
{
	arena *a = arena_new();
	identity_provider p;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_idp_by_slug(st, a, slug, &p);
	if (rc == ST_OK)
		rc = store_idp_delete(st, p.id);
	if (rc == ST_OK)
		rc = store_audit(st, 0, 0, "identity provider removed", slug);
	rc = store_end(st, rc);
	arena_free(a);
	if (rc == ST_NOTFOUND)
		fprintf(stderr, "werkplaats idp remove: there is no provider '%s'\n", slug);
	else if (rc != ST_OK)
		fprintf(stderr, "werkplaats idp remove: %s\n", store_errmsg(st));
	else
		printf("Removed identity provider %s.\n", slug);
	return rc == ST_OK ? 0 : 1;
}

int cmd_idp(struct opt *opts, int nargs, char **args)
{
	const char *what = args[0];
	bool add = strcmp(what, "add") == 0, list = strcmp(what, "list") == 0,
	     remove_ = strcmp(what, "remove") == 0;
	if ((!add && !list && !remove_) || (remove_ != (nargs == 2))) {
		fprintf(stderr, "werkplaats idp: use 'idp add [options]', 'idp list' or 'idp remove SLUG'\n");
		return 2;
	}
	store *st = open_or_say(opts, "idp");
	if (!st)
		return 1;
	int rc = add ? idp_add(opts, st) : list ? idp_list(st) : idp_remove(st, args[1]);
	store_close(st);
	return rc;
}

int cmd_password_login(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	bool on = strcmp(args[0], "on") == 0;
	if (!on && strcmp(args[0], "off") != 0) {
		fprintf(stderr, "werkplaats password-login: say on or off\n");
		return 2;
	}
	store *st = open_or_say(opts, "password-login");
	if (!st)
		return 1;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_meta_set(st, PASSWORD_LOGIN_KEY, on ? "on" : "off");
	if (rc == ST_OK)
		rc = store_audit(st, 0, 0, "password login", on ? "on" : "off");
	rc = store_end(st, rc);
	if (rc != ST_OK)
		fprintf(stderr, "werkplaats password-login: %s\n", store_errmsg(st));
	else
		printf("Logging in with a password is %s.\n", on ? "on" : "off");
	store_close(st);
	return rc == ST_OK ? 0 : 1;
}

int cmd_login_link(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	const char *given = cli_opt(opts, "--email");
	char email[255];
	if (!given || strlen(given) >= sizeof email) {
		fprintf(stderr, "werkplaats login-link: --email EMAIL is required\n");
		return 2;
	}
	snprintf(email, sizeof email, "%s", given);
	for (char *c = email; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	store *st = open_or_say(opts, "login-link");
	if (!st)
		return 1;
	arena *a = arena_new();
	person p;
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(tok);
	token_hash("login-link", tok, h);
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_person_by_email(st, a, email, &p, NULL);
	if (rc == ST_OK)
		rc = store_login_link_create(st, h, p.id, wp_now() + LOGIN_LINK_SECONDS);
	if (rc == ST_OK)
		rc = store_audit(st, p.id, 0, "login link made", "on the command line");
	rc = store_end(st, rc);
	arena_free(a);
	if (rc == ST_NOTFOUND)
		fprintf(stderr, "werkplaats login-link: there is no account with the address %s\n", email);
	else if (rc != ST_OK)
		fprintf(stderr, "werkplaats login-link: %s\n", store_errmsg(st));
	else
		printf("%s/login/link/%s\nThis link logs in as %s once, within 15 minutes.\n",
		       opt_or(opts, "--public-url", "http://127.0.0.1:8080"), tok, email);
	store_close(st);
	return rc == ST_OK ? 0 : 1;
}
