/* results.h - a round's figures for the pages and the API, taken from the
 * figures room (src/figures/figures.h), and the pieces the result pages
 * share. Everything shown follows the disclosure plan inside the result:
 * what may not be shown is not in it. */
#ifndef WP_RESULTS_H
#define WP_RESULTS_H

#include "domain/analysis.h"
#include "web/survey.h"
#include "web/web.h"

/* A round's figures as the pages use them, from the figures room
 * (src/figures/figures.h). */
typedef struct {
	mround rd;
	const survey *sv;
	bool released;              /* the round has closed; while open res shows nothing */
	int submitted;              /* submitted questionnaires, also while open */
	int n_items;                /* scored statements, in analysis order */
	analysis_item *items;
	const instr_item **instr;   /* the statement behind each analysis item */
	const int64_t *item_ids;
	analysis_result *res;       /* released when the request is done */
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
/* The round before cur in the same workplace (by opening date), computed
 * when there is one (*found); false after replying on a failure. */
bool results_previous(req *r, const round_results *cur, round_results *prev, bool *found);
/* The same without computing anything: the rounds themselves. */
bool results_round_param(req *r, mround *rd);
bool results_previous_round(req *r, const mround *cur, mround *prev, bool *found);

/* The comments on the question with stored id `item` that the round's
 * comment plan lets out (their group shown at k_comments), as indexes into
 * cs, in an order that is random but the same on every look (seeded by the
 * round and the question), so that it does not follow the responses'
 * order; *pick in the arena. Returns how many. */
int results_comment_picks(req *r, const round_results *rr, const round_comment *cs, int n, int64_t item,
			  int **pick);

/* The shown columns of the round, in perspective order; returns count. */
int results_columns(const round_results *rr, perspective cols[PERSP_COUNT]);
/* Header text of a column. */
const char *results_column_name(req *r, const anon_plan *plan, perspective p);

/* Why a round shows no figures: it has not closed, or fewer than k
 * answered. */
void results_withheld_notice(req *r, const round_results *rr);
/* For the round page: what of the answers can be seen, and what risk
 * remains (docs/threat-model.md in short). */
void results_disclosure_summary(req *r, const mround *rd);
/* "3.7", or "–" (with a hidden-for-anonymity hint) for NAN. */
void results_mean_cell(req *r, double v, int n);
/* A cell of a row in column col: the mean, or why it is not shown ("not
 * asked" for a statement (item >= 0) put to nobody of the column, withheld,
 * too few people). item is the statement's index, -1 for element and
 * outcome rows. */
void results_row_cell(req *r, const round_results *rr, const analysis_row *row, int item, perspective col);
/* The note under a table when one of its rows withheld a cell. */
void results_withheld_note(req *r, const analysis_row *rows, int n);
/* A row's respondent-weighted mean with its n, or why it is hidden. */
void results_total_cell(req *r, const analysis_row *row);
void results_band(req *r, analysis_band b);
void results_change(req *r, const analysis_change *c);
/* The sub navigation of a round's result pages; current: "overview",
 * an element code, "dialogue". */
void results_subnav(req *r, const round_results *rr, const char *current);
/* The same with the addresses given: the overview, the element pages
 * (elements + "/" + code) and the dialogue agenda (NULL: no link). */
void results_subnav_at(req *r, const char *overview, const char *elements, const char *dialogue,
		       const char *current);
/* Open a table that scrolls sideways in its own box instead of widening
 * the page: a focusable region named by the table's caption. id (unique on
 * the page) names the caption; cls is the table's class. The caller writes
 * the rows and closes with "</table></div>". */
void results_table_begin(req *r, const char *id, const char *cls, const char *caption);
/* The element with this code (from a URL), or -1. */
int results_element_param(const char *code);

#endif
