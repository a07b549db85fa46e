/* cmd_institution.c - the institutions of a network on one database
 * (docs/deployment.md section 8): `institution add` makes one with its
 * first administrator, who then makes its workplaces and accounts on the
 * web; `institution list` shows them. The command line acts for the
 * whole network. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/token.h"
#include "base/util.h"
#include "cmd/commands.h"
#include "cmd/setup.h"
#include "io/oidc.h"
#include "store/store.h"

/* The first administrator's address from --admin-email, lower-cased as the
 * login form looks it up; false after saying what is wrong. */
static bool admin_email(struct opt *opts, char *email, size_t size)
{
	const char *given = cli_opt(opts, "--admin-email");
	if (!given || strlen(given) >= size) {
		fprintf(stderr, "werkplaats institution add: --admin-email EMAIL is required (the "
				"institution's first administrator)\n");
		return false;
	}
	snprintf(email, size, "%s", given);
	for (char *p = email; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!email_well_formed(email)) {
		fprintf(stderr, "werkplaats institution add: --admin-email %s: give an e-mail address such "
				"as beheer@example.org\n", given);
		return false;
	}
	return true;
}

static int institution_add(struct opt *opts, store *st)
{
	const char *slug = cli_opt(opts, "--slug"), *name = cli_opt(opts, "--name");
	const char *admin_name = cli_opt(opts, "--admin-name");
	if (!oidc_slug_ok(slug)) {
		fprintf(stderr, "werkplaats institution add: --slug NAME is required: 1-40 of a-z, 0-9 and '-'\n");
		return 2;
	}
	if (!name || !*name || strlen(name) > 200) {
		fprintf(stderr, "werkplaats institution add: --name TEXT is required (at most 200 characters)\n");
		return 2;
	}
	char email[255];
	if (!admin_email(opts, email, sizeof email))
		return 2;
	char password[TOKEN_CHARS + 1], hash[PASSWORD_HASH_MAX];
	token_random(password);
	if (!password_hash(password, hash)) {
		fprintf(stderr, "werkplaats institution add: cannot hash the password (out of memory)\n");
		return 1;
	}
	int64_t id = 0, admin = 0;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_institution_create(st, slug, name, &id);
	if (rc == ST_OK)
		rc = store_set_institution(st, id, false); /* the administrator's account is made in it */
	if (rc == ST_OK && setup_person(st, admin_name ? admin_name : "Beheerder", email, hash, true, false,
					false, &admin) != 0)
		rc = ST_CONFLICT;
	if (rc == ST_OK)
		rc = store_audit(st, 0, 0, "institution created", name);
	rc = store_end(st, rc);
	if (rc == ST_CONFLICT) {
		fprintf(stderr, "werkplaats institution add: the slug %s or the address %s is taken already\n",
			slug, email);
		return 1;
	}
	if (rc != ST_OK) {
		fprintf(stderr, "werkplaats institution add: %s\n", store_errmsg(st));
		return 1;
	}
	printf("Created institution %s (%s).\nAdministrator: %s\nPassword:      %s\n"
	       "This password is shown only now; change it after logging in.\n",
	       slug, name, email, password);
	return 0;
}

static int institution_list(store *st)
{
	arena *a = arena_new();
	institution *list;
	int n;
	store_rc rc = store_institutions(st, a, &list, &n);
	if (rc == ST_OK) {
		printf("id\tslug\tworkplaces\taccounts\tname\n");
		for (int i = 0; i < n; i++)
			printf("%lld\t%s\t%d\t%d\t%s\n", (long long)list[i].id, list[i].slug, list[i].workplaces,
			       list[i].accounts, list[i].name);
	} else {
		fprintf(stderr, "werkplaats institution list: %s\n", store_errmsg(st));
	}
	arena_free(a);
	return rc == ST_OK ? 0 : 1;
}

int cmd_institution(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	bool add = strcmp(args[0], "add") == 0, list = strcmp(args[0], "list") == 0;
	if (!add && !list) {
		fprintf(stderr, "werkplaats institution: use 'institution add [options]' or 'institution list'\n");
		return 2;
	}
	char *err = NULL;
	store *st = store_open_existing(cmd_db_path(opts, "institution"), list, &err);
	if (!st) {
		fprintf(stderr, "werkplaats institution: %s\n", err);
		free(err);
		return 1;
	}
	int rc = add ? institution_add(opts, st) : institution_list(st);
	store_close(st);
	return rc;
}
