#include "paper.h"

#include <stdbool.h>

static bool skipped(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

paper_read paper_parse(const char *typed, int expected, int *values)
{
	paper_read out = {PAPER_OK, 0, 0, 0};
	for (const char *p = typed; *p; p++) {
		if (skipped(*p))
			continue;
		int v;
		if (*p >= '1' && *p <= '5')
			v = *p - '0';
		else if (*p == '0')
			v = PAPER_DONT_KNOW;
		else if (*p == '.' || *p == '-')
			v = PAPER_BLANK;
		else {
			out.status = PAPER_BAD_CHAR;
			out.bad_at = (size_t)(p - typed);
			out.bad_number = out.count + 1;
			return out;
		}
		if (values && out.count < expected)
			values[out.count] = v;
		out.count++;
	}
	if (out.count < expected)
		out.status = PAPER_TOO_FEW;
	else if (out.count > expected)
		out.status = PAPER_TOO_MANY;
	return out;
}

int paper_compare(const int *a, const int *b, int n, int *diff, int cap)
{
	int differ = 0;
	for (int i = 0; i < n; i++)
		if (a[i] != b[i]) {
			if (differ < cap)
				diff[differ] = i + 1;
			differ++;
		}
	return differ;
}

static int add_items(const instr_item *items, size_t n, perspective p, const instr_item **out, int cap,
		     int count)
{
	for (size_t i = 0; i < n; i++)
		if (instr_item_shown_to(&items[i], p)) {
			if (count < cap)
				out[count] = &items[i];
			count++;
		}
	return count;
}

int paper_form_items(const instrument *in, perspective p, const instr_item **out, int cap)
{
	int n = 0;
	for (int e = 0; e < EL_COUNT; e++)
		n = add_items(in->elements[e].items, in->elements[e].n_items, p, out, cap, n);
	for (int o = 0; o < OUT_COUNT; o++)
		n = add_items(in->outcomes[o].items, in->outcomes[o].n_items, p, out, cap, n);
	return n;
}
