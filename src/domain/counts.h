/* counts.h - how the number of people who answered a round may be shown
 * per perspective, next to the exact total. Pure, no I/O.
 *
 * A group of 1 to k-1 people is shown as "fewer than k", never exactly:
 * an exact small count tells an insider how many made-up respondents would
 * lift the group to k (the "fake respondents" attack, docs/rounds.md).
 * Because the total stays exact, the counts shown exactly could still give
 * the small groups away by subtraction (total 15, students 12: the one
 * small group is 3). So, as the results do with their figures
 * (complementary suppression), more groups are rounded, the smallest
 * first, to "k or more" until no small group's count follows from what is
 * shown. Where even that cannot help (every other group is 0 or already
 * rounded) the total gives it away; the total is shown regardless. */
#ifndef WP_COUNTS_H
#define WP_COUNTS_H

#include <stdbool.h>

#include "model.h"

typedef enum {
	COUNT_EXACT, /* 0, or k and more: the number itself */
	COUNT_FEW,   /* 1 .. k-1: "fewer than k" */
	COUNT_MANY   /* k or more, rounded to protect a small group: "k or more" */
} count_shown;

/* How each perspective's count n[p] is shown beside the exact total, for a
 * round's threshold k (>= 1). */
void counts_plan(const int n[PERSP_COUNT], int k, count_shown out[PERSP_COUNT]);

/* Given only what the plan shows (the labels, the exact counts and the
 * total), can the count of a "fewer than k" group be worked out? True
 * when the plan has such a group and its count has one possible value. */
bool counts_give_away(const int n[PERSP_COUNT], int k, const count_shown shown[PERSP_COUNT]);

#endif
