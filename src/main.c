/* main.c - the werkplaats command: dispatch to serve, init, demo, check and
 * the other commands, each with its own options and --help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/token.h"
#include "base/totp.h"
#include "base/util.h"
#include "cli.h"
#include "cmd/commands.h"

#define WP_VERSION "0.1.0"

static struct opt serve_opts[] = {
	{"--db", "FILE|URL",
	 "database: an SQLite file (created when missing) or a postgresql:// URL", NULL},
	{"--listen", "ADDR:PORT", "address to listen on (default 127.0.0.1:8080)", NULL},
	{"--threads", "N", "worker threads (default 8)", NULL},
	{"--db-pool", "N",
	 "database connections per kind, read-write and read-only (default: as many as threads)", NULL},
	{"--public-url", "URL", "address people use to reach this server (for links and QR codes)", NULL},
	{"--secure-cookies", NULL, "mark cookies Secure (set this when served over HTTPS)", NULL},
	{"--trusted-proxy", "ADDR",
	 "address of the reverse proxy in front (e.g. 127.0.0.1): its X-Forwarded-For names the visitor",
	 NULL},
	{"--announce", NULL, "print the address and the demo login when listening", NULL},
	{"--smtp-url", "URL", "send invitations through smtp://HOST:PORT (STARTTLS when offered) or "
	 "smtps://HOST:PORT; login from $WERKPLAATS_SMTP_USER and $WERKPLAATS_SMTP_PASSWORD", NULL},
	{"--smtp-from", "ADDRESS", "sender address of mail (needed with --smtp-url)", NULL},
	{"--secret-key-file", "PATH",
	 "key that encrypts the SMTP password set on /admin/mail and the secrets of two-step login "
	 "(32 bytes; made, mode 0600, when missing)",
	 NULL},
	{"--saml-key", "FILE", "private key (PEM) of werkplaats as SAML service provider", NULL},
	{"--saml-cert", "FILE", "certificate (PEM) of that key, published in /saml/metadata", NULL},
	{"--scheduler-interval", "SECONDS", "seconds between looks for due reminders (default 60)", NULL},
	{"--admin-totp-optional", NULL,
	 "do not make site administrators who log in with a password set up two-step login (TOTP) first; "
	 "by default they must whenever --secret-key-file is given and password login is on", NULL},
	{"--backup-dir", "DIR", "make consistent copies of the database in DIR while serving", NULL},
	{"--backup-every", "HOURS", "hours between copies (default 24; decimals allowed, at least 1 second)", NULL},
	{"--backup-keep", "N", "copies to keep; older ones are removed (default 7)", NULL},
	{"--open-link-starts-per-10min", "N",
	 "responses a round's open link starts per 10 minutes, from everyone together (default 100)", NULL},
	{"--open-link-submits-per-10min", "N",
	 "responses sent through a round's open link per 10 minutes (default 100)", NULL},
	{"--open-link-cooldown", "SECONDS",
	 "after sending, the same browser can start again on the open link after this long (default 120)", NULL},
	{"--time-zone", "NAME", "zone of the times pages show, from the tz database (default Europe/Amsterdam)",
	 NULL},
	{"--ops-token-file", "PATH",
	 "a file holding the token (at least 32 characters) that /healthz and /metrics ask for as "
	 "'Authorization: Bearer TOKEN'; without it both answer 404", NULL},
	{0, 0, 0, 0},
};
static struct opt db_only_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{0, 0, 0, 0},
};
static struct opt init_opts[] = {
	{"--db", "FILE", "database file to create", NULL},
	{"--admin-email", "EMAIL", "e-mail address of the first administrator (default admin@example.org)", NULL},
	{"--admin-name", "NAME", "name of the first administrator (default Beheerder)", NULL},
	{0, 0, 0, 0},
};
static struct opt backup_opts[] = {
	{"--db", "FILE", "database file to copy", NULL},
	{0, 0, 0, 0},
};

static struct opt migrate_store_opts[] = {
	{"--from", "SRC", "the store to copy: an SQLite file or a postgresql:// URL", NULL},
	{"--to", "DST", "a new SQLite file or an empty PostgreSQL database", NULL},
	{0, 0, 0, 0},
};
static struct opt export_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{"--round", "ID", "export this round", NULL},
	{"--version", "ID", "export every round of this instrument version, across workplaces", NULL},
	{"--format", "F", "csv-long, csv-wide (default), comments, codebook, xlsx, sav, json or mapping", NULL},
	{"--lang", "nl|en", "language of labels and sheet names (default nl)", NULL},
	{0, 0, 0, 0},
};
static struct opt report_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{"--round", "ID", "the round (it must have closed with at least k respondents)", NULL},
	{"--format", "F", "for tables: csv (default), xlsx or json", NULL},
	{"--workplace", "SLUG", "for year: the workplace", NULL},
	{"--year", "YYYY", "for year: the calendar year", NULL},
	{"--lang", "nl|en", "language of names, statements, sheet names and the PDF (default nl)", NULL},
	{0, 0, 0, 0},
};
static struct opt import_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{"--round", "ID", "the round the responses belong to", NULL},
	{"--mapping", "MAP.json", "ties the file's columns to statements and perspectives (docs/import.md)", NULL},
	{"--lang", "en|nl", "language of the problem report (default en)", NULL},
	{0, 0, 0, 0},
};
static struct opt restore_opts[] = {
	{"--db", "FILE", "database file to replace (a copy of it is kept)", NULL},
	{0, 0, 0, 0},
};

static struct opt retention_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{"--as-of", "DATE", "run as if today were DATE (YYYY-MM-DD): to see the limits work, on a copy", NULL},
	{0, 0, 0, 0},
};

static struct opt person_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{"--email", "ADDRESS", "the person's e-mail address", NULL},
	{0, 0, 0, 0},
};

static struct opt privacy_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{"--lang", "en|nl", "language of the record (default en)", NULL},
	{0, 0, 0, 0},
};

static struct opt instrument_opts[] = {
	{"--db", "FILE", "database file (for load)", NULL},
	{0, 0, 0, 0},
};

static struct opt idp_opts[] = {
	{"--db", "FILE|URL", "database", NULL},
	{"--protocol", "oidc|saml", "add: OpenID Connect (default) or SAML 2.0", NULL},
	{"--name", "TEXT", "add: the name on the sign-in button (e.g. SURFconext)", NULL},
	{"--slug", "NAME", "add: short name in URLs (a-z, 0-9, '-')", NULL},
	{"--issuer", "URL", "add: the OpenID Connect issuer, or the SAML IdP's metadata URL (https)", NULL},
	{"--client-id", "ID", "add: the client id the provider gave; the client secret comes from "
	 "$WERKPLAATS_OIDC_SECRET", NULL},
	{"--secret-key-file", "PATH", "add: the key file of serve --secret-key-file, to seal the secret", NULL},
	{"--id-claim", "NAME", "add: claim (SAML: attribute, or NameID) with the person's identifier "
	 "(default sub; SAML: NameID)", NULL},
	{"--email-claim", "NAME", "add: claim with the e-mail address (default email; SAML: "
	 "urn:mace:dir:attribute-def:mail)", NULL},
	{"--name-claim", "NAME", "add: claim with the name (default name; SAML: "
	 "urn:mace:dir:attribute-def:displayName)", NULL},
	{"--first-sign-in", "create|refuse",
	 "add: at a first sign-in make an account without access (default) or refuse", NULL},
	{"--link-email", NULL, "add: bind an existing account with the same e-mail address", NULL},
	{0, 0, 0, 0},
};
static struct opt login_link_opts[] = {
	{"--db", "FILE|URL", "database", NULL},
	{"--email", "EMAIL", "the account to log in as", NULL},
	{"--public-url", "URL", "address of the server (default http://127.0.0.1:8080)", NULL},
	{0, 0, 0, 0},
};

static struct opt institution_opts[] = {
	{"--db", "FILE|URL", "database", NULL},
	{"--slug", "NAME", "add: short name of the institution (a-z, 0-9, '-')", NULL},
	{"--name", "TEXT", "add: the institution's name", NULL},
	{"--admin-email", "EMAIL", "add: e-mail address of its first administrator (required)", NULL},
	{"--admin-name", "NAME", "add: name of that administrator (default Beheerder)", NULL},
	{0, 0, 0, 0},
};

static struct opt no_opts[] = {
	{0, 0, 0, 0},
};

static const struct command commands[] = {
	{"serve", "", "serve the web application", cmd_serve, serve_opts, 0, 0},
	{"init", "", "create a new database with a first administrator", cmd_init, init_opts, 0, 0},
	{"demo", "", "create a new database filled with a realistic demo", cmd_demo, db_only_opts, 0, 0},
	{"check", "", "verify a database: integrity, foreign keys, schema version", cmd_check,
	 db_only_opts, 0, 0},
	{"instrument", "check FILE | load FILE",
	 "check an instrument definition, or load it into a database as a new version",
	 cmd_instrument, instrument_opts, 2, 2},
	{"backup", "FILE", "make a consistent copy of a database, also while it is served", cmd_backup,
	 backup_opts, 1, 1},
	{"migrate-store", "",
	 "copy a whole database between SQLite and PostgreSQL and verify the copy",
	 cmd_migrate_store, migrate_store_opts, 0, 0},
	{"routes", "", "print the route table: method, pattern, access, transaction (tab-separated)",
	 cmd_routes, no_opts, 0, 0},
	{"restore", "FILE", "put a backup in place of a database that no server is using", cmd_restore,
	 restore_opts, 1, 1},
	{"export", "FILE", "write a round's answers (anonymised) to FILE ('-' for standard output)",
	 cmd_export, export_opts, 1, 1},
	{"report", "tables FILE | pdf FILE | year FILE",
	 "write a closed round's aggregate tables (every figure the results pages show) or its report as "
	 "a PDF, or a workplace's year report (--workplace, --year) as a PDF, to FILE ('-' for standard "
	 "output)",
	 cmd_report, report_opts, 2, 2},
	{"import", "FILE.csv", "import responses from another survey tool into a round, all or nothing",
	 cmd_import, import_opts, 1, 1},
	{"retention", "run",
	 "delete the raw answers, comments, invitation addresses and audit log entries past their "
	 "retention limits (the server's scheduler does this too)",
	 cmd_retention, retention_opts, 1, 1},
	{"person", "show | delete",
	 "everything stored about an e-mail address as JSON (exit 3: nothing), or delete it (answers are "
	 "anonymous and stay)",
	 cmd_person, person_opts, 1, 1},
	{"privacy", "record",
	 "print the record of processing (what is stored, why, how long, where) as Markdown",
	 cmd_privacy, privacy_opts, 1, 1},
	{"idp", "add | list | remove SLUG", "set up the identity providers people sign in through",
	 cmd_idp, idp_opts, 1, 2},
	{"password-login", "on | off", "switch logging in with a password on or off", cmd_password_login,
	 db_only_opts, 1, 1},
	{"login-link", "", "print a one-time login link for an account (always works)", cmd_login_link,
	 login_link_opts, 0, 0},
	{"institution", "add | list",
	 "the institutions of a network on one database: add one with its first administrator, or "
	 "list them",
	 cmd_institution, institution_opts, 1, 1},
};

static void usage(FILE *f)
{
	fprintf(f, "werkplaats %s - the LOS-in-PW instrument for professional workplaces\n\n"
		   "Usage: werkplaats COMMAND [OPTIONS]\n\nCommands:\n",
		WP_VERSION);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nRun 'werkplaats COMMAND --help' for the options of a command.\n"
		   "  --help     this text\n  --version  the version\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("werkplaats %s\n", WP_VERSION);
		return 0;
	}
	token_init();
	totp_init();
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		const struct command *c = &commands[i];
		if (strcmp(argv[1], c->name) != 0)
			continue;
		char **pos;
		int npos = cli_parse(c, argc - 2, argv + 2, &pos);
		int rc = c->run(c->opts, npos, pos);
		free(pos);
		return rc;
	}
	fprintf(stderr, "werkplaats: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
