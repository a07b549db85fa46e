/* results.h - a round's figures for the pages and the API: load the
 * submitted answers, run the analysis (src/domain/analysis.h) and offer the
 * pieces the result pages share. Everything shown follows the disclosure
 * plan inside the result: what may not be shown is not in it. */
#ifndef WP_RESULTS_H
#define WP_RESULTS_H

#include "domain/analysis.h"
#include "web/survey.h"
#include "web/web.h"

typedef struct {
	mround rd;
	const survey *sv;
	int n_items;                /* scored statements, in analysis order */
	analysis_item *items;
	const instr_item **instr;   /* the statement behind each analysis item */
	int64_t *item_ids;
	analysis_result *res;       /* freed when the request is done */
} round_results;

/* Load the round with this id, which must belong to r->wp (else 404), and
 * compute its figures. On failure the reply is sent and false returned. */
bool results_load(req *r, int64_t round_id, round_results *out);
/* The figures of round rd (any workplace: the caller checks access), from
 * the cache when its answers have not changed. The result lives until the
 * request is done. scratch (may be NULL) receives the item description.
 * NULL after replying on failure. */
analysis_result *results_compute(req *r, const mround *rd, const survey *sv, round_results *scratch);
/* Same, from the id in the URL segment r->param[1]. */
bool results_load_param(req *r, round_results *out);
/* The round before cur in the same workplace (by opening date), computed;
 * false when there is none (or on a store error, after replying). */
bool results_previous(req *r, const round_results *cur, round_results *prev, bool *failed);
/* The same without computing anything: the rounds themselves. */
bool results_round_param(req *r, mround *rd);
bool results_previous_round(req *r, const mround *cur, mround *prev, bool *failed);

/* Free the cached results (at exit). */
void results_cache_free(void);

/* The shown columns of the round, in perspective order; returns count. */
int results_columns(const round_results *rr, perspective cols[PERSP_COUNT]);
/* Header text of a column. */
const char *results_column_name(req *r, const anon_plan *plan, perspective p);

/* "3.7", or "–" (with a hidden-for-anonymity hint) for NAN. */
void results_mean_cell(req *r, double v, int n);
void results_band(req *r, analysis_band b);
void results_change(req *r, const analysis_change *c);
/* The sub navigation of a round's result pages; current: "overview",
 * an element code, "dialogue". */
void results_subnav(req *r, const round_results *rr, const char *current);
/* The element with this code (from a URL), or -1. */
int results_element_param(const char *code);

#endif
