/* report_charts.h - the round report's charts (io/report_pdf.h) drawn by
 * the pages' chart writer (web/svg.h) from the report's table model, so
 * the PDF shows the same drawing as the pages, and only shown cells. */
#ifndef WP_REPORT_CHARTS_H
#define WP_REPORT_CHARTS_H

#include "io/report_pdf.h"

/* Set x's radars of the elements and of the outcome categories: one line
 * per shown column and the score, emphasised, as on the results page.
 * The SVG documents live in t's arena. */
void report_charts(const tables_model *t, report_extras *x);

#endif
