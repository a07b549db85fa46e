/* cli.h - option parsing for the commands: main.c declares each command
 * with its options, src/cmd runs them (cmd/commands.h). */
#ifndef WP_CLI_H
#define WP_CLI_H

#include <stdbool.h>

struct opt {
	const char *name; /* "--db" */
	const char *arg;  /* "FILE", or NULL for a flag */
	const char *help;
	const char *value; /* filled by cli_parse; "1" for a set flag */
};

struct command {
	const char *name, *args, *summary;
	int (*run)(struct opt *opts, int nargs, char **args);
	struct opt *opts;
	int min_args, max_args; /* positional arguments */
};

/* Parse argv into the command's options and positional arguments. Exits
 * with status 2 and a clear message on anything unknown or missing; prints
 * help and exits 0 on --help. */
int cli_parse(const struct command *c, int argc, char **argv, char ***positional);
const char *cli_opt(const struct opt *opts, const char *name);

#endif
