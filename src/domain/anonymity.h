/* anonymity.h - the disclosure plan: which perspective groups a figure may
 * show as themselves, which are pooled into "other", and whether anything
 * may be shown at all. The rules are law (MODEL.md, "Measurement rules");
 * docs/analysis.md explains them and the choices made here. Pure, no I/O.
 *
 * A plan is made from the number of people per perspective in one figure.
 * The round plan uses everyone who answered; a row plan (one element, one
 * statement) uses the people with a value in that row and may never show
 * more than the round plan does. In every shown plan each person belongs
 * to exactly one shown column, so no difference of shown figures can
 * single out a hidden group. */
#ifndef WP_ANONYMITY_H
#define WP_ANONYMITY_H

#include <stdbool.h>

#include "model.h"

#define ANON_K_MIN 3     /* k is never below this */
#define ANON_K_DEFAULT 5

typedef enum {
	ANON_HIDDEN, /* nothing of this group is shown, not even pooled */
	ANON_POOLED, /* counts only inside the shown "other" column */
	ANON_SHOWN,  /* shown as itself; for PERSP_OTHER: the pooled column is shown */
} anon_state;

typedef struct {
	bool shown;                    /* false: nothing at all of this figure is shown */
	bool total_shown;              /* the figure's total may be shown: everyone in
					* it is in a shown column */
	int total;                     /* people in the figure; 0 unless total_shown */
	int columns;                   /* shown columns, the pooled "other" included */
	anon_state state[PERSP_COUNT]; /* every perspective */
	unsigned withheld;             /* row plans: columns with people in the row
					* that the caller withheld (1u << column) */
	int n[PERSP_COUNT];            /* people per shown column, 0 elsewhere;
					* n[PERSP_OTHER] is the whole pool */
} anon_plan;

/* Make the round plan from count[p] people of perspective p (all >= 0)
 * and threshold k (values below ANON_K_MIN count as ANON_K_MIN).
 *
 * 1. total < k: nothing is shown (every state ANON_HIDDEN).
 * 2. A perspective other than PERSP_OTHER with count >= k is shown; the
 *    rest (and the real "other" perspective) pool into "other".
 * 3. Complementary suppression: while the pool holds 1..k-1 people, the
 *    smallest shown group joins it (on a tie, the one later in perspective
 *    order). Every shown group has >= k people, so one step suffices.
 * 4. A pool of >= k people is the shown "other" column; its members are
 *    ANON_POOLED. An empty pool is not a column; its (empty) groups are
 *    ANON_HIDDEN. */
void anon_plan_make(const int count[PERSP_COUNT], int k, anon_plan *out);

/* The plan of one row of a round whose plan is `round`: count[p] people
 * of perspective p have a value in the row. The row has the round's
 * columns; a column's cell is shown when it holds at least k people of the
 * row and the column is not in `withheld` (a bitmask of 1u << column, for
 * cells the caller must not show whatever their size: a pooled column
 * whose members were asked different statements of an element). A hidden
 * cell's perspectives are ANON_HIDDEN in the row; a pooled perspective
 * without people in the row is ANON_HIDDEN too (it is not in the cell).
 * total_shown when every person of the row is in a shown cell. */
void anon_row_plan(const anon_plan *round, const int count[PERSP_COUNT], int k, unsigned withheld,
		   anon_plan *out);

/* The column under which figures and comments of perspective p appear:
 * p itself, PERSP_OTHER when pooled, or -1 when hidden. */
int anon_column(const anon_plan *plan, perspective p);

/* "hidden", "pooled", "shown" - stable codes for exports and templates. */
const char *anon_state_code(anon_state s);

#endif
