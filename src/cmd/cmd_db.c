/* cmd_db.c - commands on a database file: init, check, backup. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/token.h"
#include "base/util.h"
#include "cmd/commands.h"
#include "cmd/setup.h"
#include "store/store.h"

const char *cmd_db_path(struct opt *opts, const char *command)
{
	const char *db = cli_opt(opts, "--db");
	if (!db || !*db) {
		fprintf(stderr, "werkplaats %s: --db FILE is required (see 'werkplaats %s --help')\n",
			command, command);
		exit(2);
	}
	return db;
}

static bool file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

int cmd_init(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	const char *path = cmd_db_path(opts, "init");
	const char *given = cli_opt(opts, "--admin-email");
	const char *name = cli_opt(opts, "--admin-name");
	/* Store the address as the login form will look it up: lower-cased
	 * and of a shape it accepts; else the first administrator could never
	 * log in. */
	char email[255];
	snprintf(email, sizeof email, "%s", given ? given : "admin@example.org");
	for (char *p = email; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if ((given && strlen(given) >= sizeof email) || !email_well_formed(email)) {
		fprintf(stderr, "werkplaats init: --admin-email %s: give an e-mail address such as "
				"beheer@example.org\n",
			given ? given : email);
		return 2;
	}
	char label[512];
	store_target_label(path, label, sizeof label);
	if (store_exists(path)) {
		fprintf(stderr, "werkplaats init: %s already exists; choose a new file name (or an "
				"empty PostgreSQL database)\n", label);
		return 1;
	}
	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st) {
		fprintf(stderr, "werkplaats init: %s\n", err);
		free(err);
		return 1;
	}
	char password[TOKEN_CHARS + 1];
	token_random(password);
	int rc = setup_instance(st, name ? name : "Beheerder", email, password, &err);
	store_close(st);
	if (rc != 0) {
		fprintf(stderr, "werkplaats init: %s\n", err);
		free(err);
		if (!store_is_postgres(path))
			remove(path);
		return 1;
	}
	printf("Created %s.\nAdministrator: %s\nPassword:      %s\n"
	       "This password is shown only now; change it after logging in.\n",
	       label, email, password);
	return 0;
}

int cmd_check(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	const char *path = cmd_db_path(opts, "check");
	char *err = NULL;
	store *st = store_open_existing(path, true, &err);
	if (!st) {
		fprintf(stderr, "werkplaats check: %s\n", err);
		free(err);
		return 1;
	}
	arena *a = arena_new();
	char *report = NULL;
	int problems = store_check(st, a, &report);
	if (problems == 0)
		printf("%s: ok (schema v%d)\n", path, store_schema_version(st));
	else
		printf("%s: %d problem%s found\n%s", path, problems, problems == 1 ? "" : "s", report);
	arena_free(a);
	store_close(st);
	return problems ? 1 : 0;
}

int cmd_backup(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "backup");
	const char *target = args[0];
	if (file_exists(target)) {
		fprintf(stderr, "werkplaats backup: %s already exists; choose a new file name\n", target);
		return 1;
	}
	char *err = NULL;
	store *st = store_open_existing(path, true, &err);
	if (!st) {
		fprintf(stderr, "werkplaats backup: %s\n", err);
		free(err);
		return 1;
	}
	store_rc rc = store_backup(st, target);
	if (rc != ST_OK)
		fprintf(stderr, "werkplaats backup: %s\n", store_errmsg(st));
	else
		printf("Copied %s to %s.\n", path, target);
	store_close(st);
	return rc == ST_OK ? 0 : 1;
}
