#include "anonymity.h"

#include <string.h>

static void plan_hidden(anon_plan *out)
{
	memset(out, 0, sizeof *out);
	for (int p = 0; p < PERSP_COUNT; p++)
		out->state[p] = ANON_HIDDEN;
}

/* The shown group that complementary suppression takes first: the smallest,
 * and on a tie the one later in perspective order. -1 when none is shown. */
static int smallest_shown(const int count[PERSP_COUNT], const bool own[PERSP_COUNT])
{
	int best = -1;
	for (int p = 0; p < PERSP_COUNT; p++)
		if (own[p] && (best < 0 || count[p] <= count[best]))
			best = p;
	return best;
}

void anon_plan_make(const int count[PERSP_COUNT], int k, anon_plan *out)
{
	if (k < ANON_K_MIN)
		k = ANON_K_MIN;
	int total = 0;
	for (int p = 0; p < PERSP_COUNT; p++)
		total += count[p] > 0 ? count[p] : 0;
	plan_hidden(out);
	if (total < k)
		return;

	bool own[PERSP_COUNT];
	int pool = 0;
	for (int p = 0; p < PERSP_COUNT; p++) {
		own[p] = p != PERSP_OTHER && count[p] >= k;
		if (!own[p])
			pool += count[p] > 0 ? count[p] : 0;
	}
	while (pool > 0 && pool < k) {
		int g = smallest_shown(count, own);
		if (g < 0) /* cannot happen: then pool == total >= k */
			break;
		own[g] = false;
		pool += count[g];
	}
	if (pool > 0 && pool < k) /* defensive: never show a small remainder */
		return;

	out->shown = out->total_shown = true;
	out->total = total;
	for (int p = 0; p < PERSP_COUNT; p++) {
		if (own[p]) {
			out->state[p] = ANON_SHOWN;
			out->n[p] = count[p];
			out->columns++;
		} else if (pool >= k) {
			out->state[p] = p == PERSP_OTHER ? ANON_SHOWN : ANON_POOLED;
		}
	}
	if (pool >= k) {
		out->n[PERSP_OTHER] = pool;
		out->columns++;
	}
}

void anon_row_plan(const anon_plan *round, const int count[PERSP_COUNT], int k, unsigned withheld,
		   anon_plan *out)
{
	if (k < ANON_K_MIN)
		k = ANON_K_MIN;
	plan_hidden(out);
	if (!round->shown)
		return;
	int in_col[PERSP_COUNT] = {0}, everyone = 0, in_shown = 0;
	for (int p = 0; p < PERSP_COUNT; p++) {
		int c = anon_column(round, (perspective)p), m = count[p] > 0 ? count[p] : 0;
		everyone += m;
		if (c >= 0)
			in_col[c] += m;
	}
	for (int c = 0; c < PERSP_COUNT; c++) {
		if (round->state[c] != ANON_SHOWN || in_col[c] == 0)
			continue;
		if (withheld >> c & 1)
			out->withheld |= 1u << c;
		if (in_col[c] < k || (withheld >> c & 1))
			continue;
		out->n[c] = in_col[c];
		out->columns++;
		in_shown += in_col[c];
	}
	for (int p = 0; p < PERSP_COUNT; p++) {
		int c = anon_column(round, (perspective)p);
		if (c < 0 || out->n[c] == 0)
			continue;
		if (c == p)
			out->state[p] = ANON_SHOWN;
		else if (count[p] > 0)
			out->state[p] = ANON_POOLED;
	}
	out->shown = out->columns > 0;
	out->total_shown = out->shown && in_shown == everyone;
	out->total = out->total_shown ? everyone : 0;
}

int anon_column(const anon_plan *plan, perspective p)
{
	switch (plan->state[p]) {
	case ANON_SHOWN:
		return (int)p;
	case ANON_POOLED:
		return PERSP_OTHER;
	case ANON_HIDDEN:
		break;
	}
	return -1;
}

const char *anon_state_code(anon_state s)
{
	switch (s) {
	case ANON_HIDDEN:
		return "hidden";
	case ANON_POOLED:
		return "pooled";
	case ANON_SHOWN:
		return "shown";
	}
	return "hidden";
}
