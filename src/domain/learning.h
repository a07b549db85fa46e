/* learning.h - learning across rounds and across workplaces (issue 20):
 * which registered outcomes fall between which rounds of a workplace,
 * which rounds lie before and after an improvement action, and which
 * element profiles go together with which outcomes across the workplaces
 * of an institution (Spearman's rank correlation). Pure: no I/O, no
 * allocation beyond what a caller passes in.
 *
 * Dates are ISO days (YYYY-MM-DD), compared as text. docs/learning.md
 * explains the figures and their wording. */
#ifndef WP_LEARNING_H
#define WP_LEARNING_H

#include <stdbool.h>

#include "model.h"

/* ---- the outcomes register beside the rounds of one workplace ---- */

/* Registered outcomes per category in the period of each round: out[i]
 * counts the outcomes (dates[j], category cats[j]) that occurred after
 * round i - 1 closed (closes[i - 1]) up to and including the day round i
 * closed (closes[i]); for round 0 everything up to closes[0]. closes
 * ascending, nr rounds. *after counts, per category, those after the last
 * round closed. An outcome with an invalid category is skipped. */
void learning_outcomes_by_round(const char *const *dates, const int *cats, int n, const char *const *closes,
				int nr, int (*out)[OUT_COUNT], int after[OUT_COUNT]);

/* ---- before and after an action ---- */

/* A round as the library compares them: when it opened and closed, and
 * whether its figures are shown (closed, released, at least k). */
typedef struct {
	const char *opens_on, *closes_on;
	bool shown;
} learning_round;

/* The rounds (ascending by opening date, n of them) before and after an
 * action taken on day `on` (YYYY-MM-DD): *before the latest shown round
 * that closed on or before `on`, *after the first shown round that opened
 * after `on`; -1 where there is none. When `tied` >= 0 (the action was
 * tied to that round) and that round is shown, it is the round before. */
void learning_before_after(const learning_round *rs, int n, const char *on, int tied, int *before, int *after);

/* ---- element profiles and outcomes across workplaces ---- */

/* Spearman's rank correlation of x and y (n pairs): the Pearson
 * correlation of their ranks, ties given the mean of the ranks they span.
 * NAN when n < 2 or either has no variation. */
double learning_spearman(const double *x, const double *y, int n);

/* One workplace as the analysis sees it: the element and outcome scores
 * of its latest closed round whose figures are shown (NAN where a row is
 * not shown), and how many outcomes it registered per category in the
 * year up to that round's closing day. */
typedef struct {
	double element[EL_COUNT];
	double outcome[OUT_COUNT];
	int registered[OUT_COUNT];
} learning_profile;

/* One association: how many workplaces have both values, and their rank
 * correlation, NAN (and shown false) below min_n workplaces. */
typedef struct {
	int n;
	bool shown;
	double rho;
} learning_assoc;

typedef struct {
	learning_assoc scale[EL_COUNT][OUT_COUNT];      /* element score ~ outcome scale score */
	learning_assoc registered[EL_COUNT][OUT_COUNT]; /* element score ~ registered outcomes */
} learning_associations;

/* Every association of the n profiles, each over the workplaces with both
 * values (pairwise complete). scratch holds 2 * n doubles. Nothing is
 * shown below min_n workplaces (never below 2). */
void learning_associate(const learning_profile *ps, int n, int min_n, double *scratch, learning_associations *out);

/* ---- the age of a workplace (the overview's filter) ---- */

typedef enum { AGE_UNKNOWN, AGE_YOUNG, AGE_GROWING, AGE_MATURE, AGE_COUNT } learning_age;

/* The age of a workplace that started on `start` (YYYY-MM-DD; anything
 * else, or a start after today: unknown) on day `today`, in whole years:
 * young under 2, growing from 2 up to 5, mature from 5. */
learning_age learning_age_of(const char *start, const char *today);
/* "unknown", "young", "growing", "mature"; learning_age_from_code gives
 * -1 for anything else. */
const char *learning_age_code(learning_age a);
int learning_age_from_code(const char *code);

/* The year before a day: "2025-03-01" for "2026-03-01" (into out, 11
 * bytes). False when day is not YYYY-MM-DD. */
bool learning_year_before(const char *day, char out[11]);

#endif
