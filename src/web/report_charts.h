/* report_charts.h - the round report's charts (io/report_pdf.h) drawn by
 * the pages' chart writer (web/svg.h) from the report's table model, so
 * the PDF shows the same drawing as the pages, and only shown cells. */
#ifndef WP_REPORT_CHARTS_H
#define WP_REPORT_CHARTS_H

#include "io/report_pdf.h"
#include "io/report_year.h"

/* Set x's radars of the elements and of the outcome categories: one line
 * per shown column and the score, emphasised, as on the results page.
 * The SVG documents live in t's arena. */
void report_charts(const tables_model *t, report_extras *x);

/* The year report's development chart: every element's score over the
 * rounds (the year before's last, then the year's), at their opening
 * dates, as the development page draws it. NULL when there is no round
 * with figures. An SVG document in y's arena. */
const char *report_year_chart(const year_model *y);

#endif
