/* cmd_privacy.c - `werkplaats retention run`: the retention pass of the
 * server's scheduler, once, from the command line (docs/privacy.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/commands.h"
#include "io/retention.h"
#include "store/store.h"

static int retention_run(const char *path, const char *as_of)
{
	int64_t day = wp_now() / 86400;
	if (as_of && !parse_date(as_of, &day)) {
		fprintf(stderr, "werkplaats retention: --as-of takes a date YYYY-MM-DD\n");
		return 2;
	}
	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st) {
		fprintf(stderr, "werkplaats retention: %s\n", err);
		free(err);
		return 1;
	}
	retention_report rep;
	store_rc rc = retention_pass(st, wp_now(), day, &rep);
	if (rc != ST_OK)
		fprintf(stderr, "werkplaats retention: %s\n", store_errmsg(st));
	else
		printf("raw answers deleted: %d rounds, %d responses\n"
		       "comments deleted: %d rounds, %d comments\n"
		       "invitation addresses deleted: %d rounds, %d addresses\n"
		       "audit log entries deleted: %d\n",
		       rep.rounds_answers, rep.responses, rep.rounds_comments, rep.comments, rep.rounds_addresses,
		       rep.addresses, rep.audit_entries);
	store_close(st);
	return rc != ST_OK || rep.failed ? 1 : 0;
}

int cmd_retention(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "retention");
	if (strcmp(args[0], "run") != 0) {
		fprintf(stderr, "werkplaats retention: unknown action '%s' (there is: run)\n", args[0]);
		return 2;
	}
	return retention_run(path, cli_opt(opts, "--as-of"));
}
