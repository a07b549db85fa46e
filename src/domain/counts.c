/* counts.c - rounding a round's counts per perspective (counts.h). */
#include "counts.h"

/* What an observer knows of the groups that are not shown exactly: they
 * add up to the total minus the exact ones (rest); each of the `few`
 * groups holds 1..k-1, each of the `many` groups k or more. Every "few"
 * group has the same range of possible counts; this is its width. */
bool counts_give_away(const int n[PERSP_COUNT], int k, const count_shown shown[PERSP_COUNT])
{
	int rest = 0, few = 0, many = 0;
	for (int p = 0; p < PERSP_COUNT; p++) {
		if (shown[p] == COUNT_EXACT)
			continue;
		rest += n[p];
		few += shown[p] == COUNT_FEW;
		many += shown[p] == COUNT_MANY;
	}
	if (!few)
		return false;
	/* one "few" group: at least what the others cannot hold (they hold at
	 * most k-1 each when there is no "many" group to take the rest) */
	int lo = 1;
	if (!many && rest - (few - 1) * (k - 1) > lo)
		lo = rest - (few - 1) * (k - 1);
	/* at most what is left when the others hold their least */
	int hi = rest - (few - 1) - many * k;
	if (hi > k - 1)
		hi = k - 1;
	return lo >= hi;
}

void counts_plan(const int n[PERSP_COUNT], int k, count_shown out[PERSP_COUNT])
{
	for (int p = 0; p < PERSP_COUNT; p++)
		out[p] = n[p] > 0 && n[p] < k ? COUNT_FEW : COUNT_EXACT;
	while (counts_give_away(n, k, out)) {
		int smallest = -1;
		for (int p = 0; p < PERSP_COUNT; p++)
			if (out[p] == COUNT_EXACT && n[p] >= k && (smallest < 0 || n[p] < n[smallest]))
				smallest = p;
		if (smallest < 0)
			return; /* nothing left to round: the total gives it away */
		out[smallest] = COUNT_MANY;
	}
}
