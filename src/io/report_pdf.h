/* report_pdf.h - the report of one closed round as a PDF (A4, Dutch or
 * English): a title page with a linked table of contents, the elements and
 * outcome categories per shown column, where the perspectives differ, the
 * strongest and weakest elements, the instrument's dialogue questions for
 * the weakest, how to read it and the anonymity rules. docs/reports.md
 * describes it.
 *
 * Every figure comes from the tables model (io/tables.h), which is built
 * from the figures room, so the PDF shows exactly what the pages show and
 * hides what they hide, with the same reasons. It holds no comments: the
 * model has none. The instrument gives only words (names and dialogue
 * questions). */
#ifndef WP_REPORT_PDF_H
#define WP_REPORT_PDF_H

#include <stdbool.h>

#include "base/buf.h"
#include "domain/instrument.h"
#include "io/tables.h"

/* Append the PDF of model t (in t->english's language) to out, using the
 * instrument in of its round for the dialogue questions. False with *err
 * (static text) when cairo failed or out's cap was reached; out may then
 * hold part of a file. Allocates nothing the caller must free. */
bool report_pdf(const tables_model *t, const instrument *in, buf *out, const char **err);

#endif
