/* paper_pdf.h - the printable questionnaire of a round for one
 * perspective (issue 22): A4, the round's form code on every page, a
 * space for the form number, each statement with its box number and six
 * boxes (1 to 5 and "don't know"), optionally in large print and in
 * easy-read. The box numbers are the order in which the digits are typed
 * in (src/domain/paper.h, paper_form_items). Laid out with io/pdf_doc.h,
 * like the reports. */
#ifndef WP_PAPER_PDF_H
#define WP_PAPER_PDF_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "domain/instrument.h"

typedef struct {
	const instrument *in;
	perspective persp;
	const char *workplace, *round_title, *form_code;
	bool english, large, easy;
	/* the round's own statements (issue 22), in the form's language: a
	 * last section, their box numbers following the instrument's */
	const char *const *own;
	int n_own;
} paper_form;

/* Append the PDF to out (a's memory for the layout's texts). False with
 * *err (static text) when cairo failed or out's cap was reached. */
bool paper_pdf(arena *a, const paper_form *f, buf *out, const char **err);

#endif
