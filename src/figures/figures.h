/* figures.h - a round's figures and their disclosure plan: the one place
 * every page, the JSON API and every export take them from, so that what
 * one view hides no other view shows.
 *
 * Two rules live here on top of the analysis's plan (domain/analysis.h):
 *  - a round's figures are released only when the round has closed. While
 *    it is open, two looks before and after one submission (or one
 *    withdrawal) would differ by exactly that person's answers, so nothing
 *    is shown, only how many have answered;
 *  - once released they never change: a round that was released is not
 *    reopened and takes no imports (figures_frozen), because the figures
 *    before and after would again differ by the people added.
 * docs/threat-model.md gives the reasoning and what remains. */
#ifndef WP_FIGURES_H
#define WP_FIGURES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/analysis.h"
#include "domain/instrument.h"
#include "store/store.h"

typedef enum { ROUND_NOT_YET, ROUND_OPEN, ROUND_CLOSED } round_state;

/* The state of a round on day `today` (YYYY-MM-DD, UTC; both ends of the
 * round inclusive). */
round_state round_state_on(const mround *rd, const char *today);
/* The same for today. */
round_state round_state_of(const mround *rd);

typedef struct {
	mround rd;
	const instrument *in;
	bool released;              /* closed: the figures follow the plan; open:
				     * nothing is shown */
	int submitted;              /* submitted questionnaires, also while open */
	int n_items;                /* scored statements, in analysis order */
	analysis_item *items;
	const instr_item **instr;   /* the statement behind each analysis item */
	const int64_t *item_ids;    /* the stored question of each */
	analysis_result *res;       /* never NULL after figures_load; while the
				     * round is open, a result that shows nothing */
	void *ref_;                 /* the cache entry held (figures_done) */
} round_figures;

/* The stored question id of every scored statement of `in`, from the
 * version's stored questions (0 where one is missing). Arena memory. */
const int64_t *figures_item_ids(arena *a, const instrument *in, const item_row *rows, int n_rows);

/* The figures of round rd, whose instrument is `in` and whose stored
 * question ids item_ids gives (per scored statement). From a cache while
 * the round's answers have not changed. The arrays live in a; call
 * figures_done when the result is no longer used. On failure returns
 * non-ST_OK; ST_ERROR with *err set when the analysis refused its input. */
store_rc figures_load(store *st, arena *a, const mround *rd, const instrument *in,
		      const int64_t *item_ids, round_figures *out, const char **err);
void figures_done(round_figures *f);

/* Released figures never change: true when the round has closed with
 * figures shown (at least k of `submitted`), so it may not be reopened
 * and may take no more answers (imports). */
bool figures_frozen(const mround *rd, int submitted);
/* The same, counting the round's submitted responses in the store. */
store_rc figures_round_frozen(store *st, const mround *rd, bool *frozen);

/* A round's submitted responses per perspective, those started and not
 * sent, and how often each trigger was named (triggers may be NULL):
 * from the store, or from the round's snapshot once retention deleted
 * its raw answers (src/figures/snapshot.h). */
store_rc figures_round_tallies(store *st, arena *a, const mround *rd, int counts[PERSP_COUNT],
			       int *in_progress, int triggers[TRIG_COUNT]);

/* ---- a workplace's own statements (issue 22)
 * Their figures follow the same plan as the round's: computed over the
 * same respondents with the same k, so the round plan is the one of
 * round_figures, and each statement's row plan (its shown cells, the
 * pooled "other", complementary suppression) is made as a shipped
 * statement's is. Released only when the round has closed; never kept in
 * a snapshot (once retention deleted the raw answers, res is NULL). They
 * are a result of their own, never mixed into round_figures: no element,
 * benchmark or cross-workplace figure can count them. */
typedef struct {
	int n;                /* own statements of the round, in their order */
	own_statement *st;
	bool released;
	analysis_result *res; /* n rows in res->items; NULL when none or no answers kept */
} own_figures;

/* The round's own statements and their figures; call figures_own_done. */
store_rc figures_own_load(store *st, arena *a, const mround *rd, own_figures *out, const char **err);
void figures_own_done(own_figures *f);

/* Free the cache (at exit). */
void figures_cache_free(void);

#endif
