/* charts.h - the charts of the result pages, drawn from computed results
 * with the SVG writer (svg.h). Each chart has a table beside it on its
 * page; the chart is never the only way to read a figure. */
#ifndef WP_CHARTS_H
#define WP_CHARTS_H

#include "web/results.h"

/* The six elements as a radar: one line per shown perspective and the
 * headline, emphasised. */
void charts_radar(req *r, const round_results *rr, const perspective *cols, int ncols);
/* Answer distributions of the statements of element e. */
void charts_distributions(req *r, const round_results *rr, int e);
/* Every element's headline over the rounds rs[0..n) (oldest first), with
 * the last change marked. */
void charts_development(req *r, const round_results *rs, int n, const analysis_change *change);

/* The 12 short month names for a time axis: "jan" ... / "Jan" ... */
const char *const *charts_months(bool english);

#endif
