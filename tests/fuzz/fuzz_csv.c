/* Fuzz target: the CSV parser (src/io/csv.c). The first byte chooses the
 * separator (0: detect), the rest is the text. Nothing may crash, leak or
 * read out of bounds; on success every record has 1..CSV_MAX_FIELDS
 * NUL-terminated fields no longer than the text, records come in line
 * order, and writing the fields back and parsing again gives the same
 * fields. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/util.h"
#include "io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(arena *a, const csv_table *t)
{
	buf b;
	buf_init(&b, BUF_NOCAP);
	for (int r = 0; r < t->n; r++) {
		for (int i = 0; i < t->rec[r].n; i++) {
			if (i)
				buf_putc(&b, ',');
			csv_put_raw(&b, t->rec[r].cell[i], ',');
		}
		buf_puts(&b, "\r\n");
	}
	csv_table u;
	int line;
	csv_status s = csv_parse(a, b.data ? b.data : "", b.len, ',', &u, &line);
	WP_ASSERT(s == CSV_OK);
	/* blank records (one empty field) are skipped when read back */
	int k = 0;
	for (int r = 0; r < t->n; r++) {
		if (t->rec[r].n == 1 && !*t->rec[r].cell[0])
			continue;
		WP_ASSERT(k < u.n && u.rec[k].n == t->rec[r].n);
		for (int i = 0; i < t->rec[r].n; i++)
			WP_ASSERT(strcmp(u.rec[k].cell[i], t->rec[r].cell[i]) == 0);
		k++;
	}
	WP_ASSERT(k == u.n);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char seps[] = {0, ',', ';', '\t'};
	char sep = seps[data[0] % 4];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	arena *a = arena_new();
	csv_table t;
	int line;
	if (csv_parse(a, text, len, sep, &t, &line) == CSV_OK) {
		int last = 0;
		for (int r = 0; r < t.n; r++) {
			WP_ASSERT(t.rec[r].n >= 1 && t.rec[r].n <= CSV_MAX_FIELDS);
			WP_ASSERT(t.rec[r].line > last);
			last = t.rec[r].line;
			for (int i = 0; i < t.rec[r].n; i++)
				WP_ASSERT(strlen(t.rec[r].cell[i]) <= len);
		}
		round_trip(a, &t);
	} else {
		WP_ASSERT(t.n == 0 && line >= 1);
	}
	arena_free(a);
	return 0;
}
