/* cmd_migrate.c - werkplaats migrate-store: copy a whole store between
 * SQLite and PostgreSQL (either way) and verify the copy table by table. */
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "cmd/commands.h"
#include "store/store.h"

int cmd_migrate_store(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	const char *from = cli_opt(opts, "--from"), *to = cli_opt(opts, "--to");
	if (!from || !*from || !to || !*to) {
		fprintf(stderr, "werkplaats migrate-store: give --from SRC and --to DST "
				"(see 'werkplaats migrate-store --help')\n");
		return 2;
	}
	char from_label[512], to_label[512];
	store_target_label(from, from_label, sizeof from_label);
	store_target_label(to, to_label, sizeof to_label);
	arena *a = arena_new();
	store_copy_report rep;
	char *why = NULL;
	int64_t t0 = wp_monotonic_us();
	store_rc rc = store_copy(from, to, a, &rep, &why);
	if (rc != ST_OK) {
		fprintf(stderr, "werkplaats migrate-store: %s\nNothing was copied.\n", why);
		arena_free(a);
		return 1;
	}
	printf("Copied %s\n    to %s in %.1f s:\n", from_label, to_label,
	       (double)(wp_monotonic_us() - t0) / 1e6);
	printf("  %-26s %10s %10s  %-16s %s\n", "table", "rows", "copied", "digest", "");
	int64_t total = 0;
	for (int i = 0; i < rep.n; i++) {
		const store_copy_table *t = &rep.tables[i];
		total += t->dst_rows;
		printf("  %-26s %10lld %10lld  %.16s %s\n", t->table, (long long)t->src_rows,
		       (long long)t->dst_rows, t->dst_digest, t->same ? "ok" : "DIFFERENT");
		if (!t->same)
			printf("  %-26s source digest %s\n", "", t->src_digest);
	}
	if (rep.mismatches)
		printf("%d table%s differ: the copy is NOT the same; do not use %s.\n", rep.mismatches,
		       rep.mismatches == 1 ? "" : "s", to_label);
	else
		printf("All %d tables are the same (%lld rows): counts and digests agree.\n", rep.n,
		       (long long)total);
	arena_free(a);
	return rep.mismatches ? 1 : 0;
}
