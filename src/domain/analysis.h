/* analysis.h - the figures of one measurement round, computed from the raw
 * answers in memory in a few passes over compact arrays. Pure: no I/O.
 *
 * Every figure obeys the disclosure plan (anonymity.h): what may not be
 * shown is not in the result at all (NAN, 0 and ANON_HIDDEN in its place),
 * so a caller cannot leak it by accident. docs/analysis.md explains every
 * figure and rule. */
#ifndef WP_ANALYSIS_H
#define WP_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "anonymity.h"
#include "model.h"
#include "stats.h"

#define ANALYSIS_MAX_ITEMS 200           /* keeps the integer moments in int64 */
#define ANALYSIS_MAX_RESPONDENTS 1000000

/* ---- Input: built by the caller from the store; borrowed, not copied. */

/* One scored statement. */
typedef struct {
	bool is_outcome;       /* false: an element statement; true: an outcome one */
	uint8_t group;         /* element_code, or outcome_category when is_outcome */
	bool reverse;          /* worded the other way round: scored as 6 - answer */
	uint8_t perspectives;  /* bitmask of 1u << perspective it is put to; 0 = all */
} analysis_item;

typedef struct {
	int n_items;                 /* 0..ANALYSIS_MAX_ITEMS */
	const analysis_item *items;  /* n_items */
	int n_respondents;           /* 0..ANALYSIS_MAX_RESPONDENTS */
	const uint8_t *perspective;  /* n_respondents values, each < PERSP_COUNT */
	const int8_t *answers;       /* n_respondents x n_items, one row per
				      * respondent: 0 = missing or "don't know",
				      * 1..5 = the answer as given (not reversed) */
	int k;                       /* anonymity threshold of the round, >= ANON_K_MIN */
	int k_comments;              /* threshold for free-text comments; below k
				      * counts as k */
} analysis_input;

/* ---- Output. */

typedef enum { BAND_NONE, BAND_ATTENTION, BAND_DISCUSS, BAND_STRENGTH } analysis_band;

/* A mean with its n and sample standard deviation (n - 1). Not shown:
 * n = 0, mean = sd = NAN. */
typedef struct {
	int n;
	double mean, sd;
} analysis_cell;

/* One row of the results: an element, an outcome category or a statement.
 * Means are on the scored scale (reverse-worded statements turned round),
 * so higher is always better. */
typedef struct {
	anon_plan plan;                  /* which columns of this row are shown */
	analysis_cell col[PERSP_COUNT];  /* valid where plan.state[p] == ANON_SHOWN;
					  * col[PERSP_OTHER] is the pooled "other" */
	analysis_cell total;             /* respondent-weighted: everyone in the row;
					  * only where plan.total_shown */
	double headline;                 /* mean of the shown column means */
	double gap;                      /* highest - lowest shown column mean;
					  * NAN with fewer than 2 columns */
	analysis_band band;              /* of the headline as shown (one decimal) */
	bool differ;                     /* the gap as shown is >= 1.0 */
	/* Statement rows only (zero in element and outcome rows): how often
	 * each answer 1..5 was given as worded, not reversed; dist[p] per
	 * shown column, dist_total for everyone in the row. */
	int dist[PERSP_COUNT][5];
	int dist_total[5];               /* zero unless plan.total_shown */
} analysis_row;

/* Reliability of one element or outcome category, for researchers: over
 * the statements of the group that are put to every perspective (a
 * statement for some perspectives only cannot be answered by everyone). */
typedef struct {
	bool shown;          /* n >= k */
	int n;               /* respondents who answered all those statements */
	int n_items;         /* those statements */
	const int *item;     /* n_items indexes into the input's items */
	double alpha;        /* Cronbach's alpha; NAN when not shown or undefined */
	const double *item_rest; /* n_items item-rest correlations, NAN likewise */
} analysis_reliability;

typedef struct {
	int k;
	int n_respondents;                    /* the input's count, for progress
					       * messages; describes no group */
	anon_plan plan;                       /* round plan: the columns of every row */
	anon_plan comments;                   /* the plan for free-text comments,
					       * with the input's k_comments */
	int n_items;
	analysis_row *items;                  /* n_items rows, in input order */
	analysis_row elements[EL_COUNT];
	analysis_row outcomes[OUT_COUNT];
	analysis_reliability alpha_elements[EL_COUNT];
	analysis_reliability alpha_outcomes[OUT_COUNT];
	/* Pearson correlations of the element scores, pairwise complete;
	 * NAN where corr_n < k or undefined. corr_n is 0 where not shown. */
	double corr[EL_COUNT][EL_COUNT];
	int corr_n[EL_COUNT][EL_COUNT];
	/* owned storage behind items, item and item_rest */
	int *item_index_;
	double *item_rest_;
} analysis_result;

/* Compute every figure of a round. Returns a result the caller frees with
 * analysis_free, or NULL with *err (when err is not NULL) set to a static
 * message: invalid input (sizes, k, perspective, answer or group out of
 * range). Out of memory aborts (base/util.h). Never reads outside the
 * given arrays. */
analysis_result *analysis_compute(const analysis_input *in, const char **err);

void analysis_free(analysis_result *r); /* NULL is fine */

/* A value as shown with one decimal, in tenths: exactly what printf's
 * "%.1f" shows (39.6 -> 40 for 3.96). Bands use it so that the shown
 * number and its band always agree. */
int analysis_tenths(double v);

/* >= 4.0 strength, 3.0..3.9 to discuss, below 3.0 needs attention, of the
 * value as shown; BAND_NONE for NAN. */
analysis_band analysis_band_of(double v);

/* True when the gap as shown is 1.0 or more ("perspectives differ"). */
bool analysis_gap_differs(double gap);

/* "strength", "discuss", "attention", "none". */
const char *analysis_band_code(analysis_band b);

/* ---- Change between two rounds of one workplace. */

typedef enum { CHANGE_UNCLEAR, CHANGE_UP, CHANGE_DOWN } analysis_verdict;

typedef struct {
	bool computed;            /* both rows show a cell, each with n >= 2 in all */
	stats_welch_ci ci;        /* 95%, after minus before; NAN unless computed */
	analysis_verdict verdict; /* up: ci.lo > 0; down: ci.hi < 0; else unclear */
} analysis_change;

/* The respondent-weighted figures of the people in a row's shown cells:
 * the row's total when it is shown, else its shown cells combined (n, mean
 * and SD from the cells' own). n 0 when nothing is shown. */
analysis_cell analysis_shown_people(const analysis_row *row);

/* The change of a row's respondent-weighted mean (over the people in its
 * shown cells, analysis_shown_people) from before to after. */
analysis_change analysis_change_of(const analysis_row *before, const analysis_row *after);

/* The same for the six elements: out[e] for element e. */
void analysis_compare(const analysis_result *before, const analysis_result *after,
		      analysis_change out[EL_COUNT]);

/* "up", "down", "unclear". */
const char *analysis_verdict_code(analysis_verdict v);

#endif
