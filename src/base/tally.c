#include "base/tally.h"

#include <stdlib.h>
#include <string.h>

static int by_text(const void *a, const void *b)
{
	const tally_entry *x = a, *y = b;
	int c = strcmp(x->text, y->text);
	return c ? c : x->first - y->first;
}

static int by_count(const void *a, const void *b)
{
	const tally_entry *x = a, *y = b;
	return x->count != y->count ? y->count - x->count : x->first - y->first;
}

int tally_texts(const char *const *texts, int n, tally_entry *out)
{
	if (n <= 0)
		return 0;
	for (int i = 0; i < n; i++)
		out[i] = (tally_entry){texts[i], 1, i};
	qsort(out, (size_t)n, sizeof *out, by_text);
	/* runs of one text become their first entry, with the run's length */
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (m && strcmp(out[m - 1].text, out[i].text) == 0)
			out[m - 1].count++;
		else
			out[m++] = out[i];
	}
	qsort(out, (size_t)m, sizeof *out, by_count);
	return m;
}
