/* main.c - the werkplaats command: dispatch to serve, init, demo, check and
 * the other commands, each with its own options and --help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/token.h"
#include "base/util.h"
#include "cli.h"
#include "cmd/commands.h"

#define WP_VERSION "0.1.0"

static struct opt serve_opts[] = {
	{"--db", "FILE", "database file (created when missing)", NULL},
	{"--listen", "ADDR:PORT", "address to listen on (default 127.0.0.1:8080)", NULL},
	{"--threads", "N", "worker threads (default 8)", NULL},
	{"--public-url", "URL", "address people use to reach this server (for links and QR codes)", NULL},
	{"--secure-cookies", NULL, "mark cookies Secure (set this when served over HTTPS)", NULL},
	{"--announce", NULL, "print the address and the demo login when listening", NULL},
	{"--smtp-url", "URL", "send invitations through smtp://HOST:PORT (STARTTLS when offered) or "
	 "smtps://HOST:PORT; login from $WERKPLAATS_SMTP_USER and $WERKPLAATS_SMTP_PASSWORD", NULL},
	{"--smtp-from", "ADDRESS", "sender address of mail (needed with --smtp-url)", NULL},
	{0, 0, 0, 0},
};
static struct opt db_only_opts[] = {
	{"--db", "FILE", "database file", NULL},
	{0, 0, 0, 0},
};
static struct opt init_opts[] = {
	{"--db", "FILE", "database file to create", NULL},
	{"--admin-email", "EMAIL", "e-mail address of the first administrator (default admin@localhost)", NULL},
	{"--admin-name", "NAME", "name of the first administrator (default Beheerder)", NULL},
	{0, 0, 0, 0},
};
static struct opt backup_opts[] = {
	{"--db", "FILE", "database file to copy", NULL},
	{0, 0, 0, 0},
};

static struct opt instrument_opts[] = {
	{"--db", "FILE", "database file (for load)", NULL},
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

static void command_help(const struct command *c, FILE *f)
{
	fprintf(f, "Usage: werkplaats %s [OPTIONS]%s%s\n\n%s\n\nOptions:\n", c->name, *c->args ? " " : "",
		c->args, c->summary);
	for (const struct opt *o = c->opts; o->name; o++) {
		char left[64];
		snprintf(left, sizeof left, "%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-24s %s\n", left, o->help);
	}
	fprintf(f, "  %-24s %s\n", "--help", "this text");
}

const char *cli_opt(const struct opt *opts, const char *name)
{
	for (const struct opt *o = opts; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o->value;
	return NULL;
}

int cli_parse(const struct command *c, int argc, char **argv, char ***positional)
{
	char **pos = xcalloc((size_t)argc + 1, sizeof(char *));
	int npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			command_help(c, stdout);
			exit(0);
		}
		if (strncmp(a, "--", 2) != 0) {
			pos[npos++] = argv[i];
			continue;
		}
		struct opt *o = c->opts;
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		for (; o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (!o->name) {
			fprintf(stderr, "werkplaats %s: unknown option %s (see 'werkplaats %s --help')\n",
				c->name, a, c->name);
			exit(2);
		}
		if (!o->arg) {
			if (eq) {
				fprintf(stderr, "werkplaats %s: %.*s takes no value\n", c->name, (int)len, a);
				exit(2);
			}
			o->value = "1";
		} else if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			fprintf(stderr, "werkplaats %s: %s needs a value: %s %s\n", c->name, a, a, o->arg);
			exit(2);
		}
	}
	if (npos < c->min_args || npos > c->max_args) {
		fprintf(stderr, "werkplaats %s: expected %s%s (see 'werkplaats %s --help')\n", c->name,
			*c->args ? c->args : "no arguments", npos > c->max_args && *c->args ? " only" : "",
			c->name);
		exit(2);
	}
	*positional = pos;
	return npos;
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
