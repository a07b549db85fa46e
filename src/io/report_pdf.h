/* report_pdf.h - the report of one closed round as a PDF (A4, Dutch or
 * English): a title page with a linked table of contents, the elements and
 * outcome categories per shown column, where the perspectives differ, the
 * strongest and weakest elements, the instrument's dialogue questions for
 * the weakest, how to read it and the anonymity rules. docs/reports.md
 * describes it.
 *
 * Every figure comes from the tables model (io/tables.h), which is built
 * from the figures room, so the PDF shows exactly what the pages show and
 * hides what they hide, with the same reasons. The charts are the pages'
 * own SVG drawings (web/svg.h), drawn as vectors with librsvg. Comments
 * come only from groups that the round's comment plan shows, and only when
 * the reader may read comments. The instrument gives only words (names,
 * open and dialogue questions). */
#ifndef WP_REPORT_PDF_H
#define WP_REPORT_PDF_H

#include <stdbool.h>

#include "base/buf.h"
#include "domain/instrument.h"
#include "io/pdf_doc.h"
#include "io/tables.h"
#include "store/store.h"

/* A comment from a shown group, on an open question of an element. */
typedef struct {
	int element;
	int question_no;      /* its place among the element's open questions */
	const char *question; /* the open question, in the report's language */
	const char *group;    /* the shown comment group ("Student") */
	const char *text;
} report_comment;

/* What the report holds besides the model's figures. */
typedef struct {
	const pdf_look *look;       /* the site's logo and colour, or NULL */
	const char *radar_elements; /* an SVG document (web/svg.h), or NULL */
	const char *radar_outcomes;
	bool comments_shown;        /* false: the reader may not read comments */
	int k_comments;             /* the comment threshold */
	const report_comment *comments; /* sorted by element, question, text */
	int n_comments;
	/* the round's own statements (issue 22), only in the members' copy:
	 * rows in the model's columns, the last cell everyone's mean */
	const tables_row *own;
	int n_own;
} report_extras;

/* The comments of round rd that its comment plan shows (groups of at least
 * rd->k_comments people), in x (arena memory; sets comments_shown).
 * rows: the stored questions of the round's instrument version. */
store_rc report_comments_load(store *st, arena *a, const mround *rd, const instrument *in,
			      const item_row *rows, int n_rows, const anon_plan *plan, bool english,
			      report_extras *x);

/* The round's own statements as rows in the columns of model t, from the
 * figures room (figures_own_load: the round's plan), into x (arena
 * memory). Nothing when the round has none. */
store_rc report_own_load(store *st, arena *a, const mround *rd, const tables_model *t, report_extras *x,
			 const char **err);

/* The site's look (store_look_get) for a PDF, in out (arena memory): the
 * logo decoded, the accent as fractions. */
store_rc report_look_load(store *st, arena *a, pdf_look *out);

/* The command line's report: the model and everything of x but the charts
 * (the caller draws them: web/report_charts.h), comments included. */
store_rc report_round_load(store *st, arena *a, const mround *rd, const instrument *in, const item_row *rows,
			   int n_rows, bool english, tables_model *t, report_extras *x, tables_status *status,
			   const char **err);

/* Append the PDF of model t (in t->english's language) to out, using the
 * instrument in of its round for the dialogue questions. False with *err
 * (static text) when cairo failed or out's cap was reached; out may then
 * hold part of a file. Allocates nothing the caller must free. */
bool report_pdf(const tables_model *t, const instrument *in, const report_extras *x, buf *out,
		const char **err);

#endif
