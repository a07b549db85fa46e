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
	int total;                     /* people in the figure; 0 when !shown */
	int columns;                   /* shown columns, the pooled "other" included */
	anon_state state[PERSP_COUNT]; /* every perspective */
	int n[PERSP_COUNT];            /* people per shown column, 0 elsewhere;
					* n[PERSP_OTHER] is the whole pool */
} anon_plan;

/* Make the plan for a figure with count[p] people of perspective p (all
 * >= 0) and threshold k (values below ANON_K_MIN count as ANON_K_MIN).
 * parent NULL: a round plan. Otherwise the plan of the enclosing round: a
 * perspective is shown as itself only when the parent shows it as itself,
 * and nothing is shown when the parent shows nothing.
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
void anon_plan_make(const int count[PERSP_COUNT], int k, const anon_plan *parent,
		    anon_plan *out);

/* The column under which figures and comments of perspective p appear:
 * p itself, PERSP_OTHER when pooled, or -1 when hidden. */
int anon_column(const anon_plan *plan, perspective p);

/* "hidden", "pooled", "shown" - stable codes for exports and templates. */
const char *anon_state_code(anon_state s);

#endif
