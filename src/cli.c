/* cli.c - option parsing shared by the commands (declared in cli.h). It
 * lives apart from main.c so that the command files link without main(),
 * as the unit tests do. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

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
