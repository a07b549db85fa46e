/* own_results.h - a round's own statements on the workplace's
 * own result pages: one row per statement, a cell per shown column, under
 * the round's plan (src/figures/figures.h). Only for the workplace's
 * members: never on a programme lead's view or a share link. */
#ifndef WP_OWN_RESULTS_H
#define WP_OWN_RESULTS_H

#include "web/results.h"

/* The section "Eigen stellingen" when the round has own statements;
 * nothing otherwise. False after replying on a store error. */
bool own_results_section(req *r, const round_results *rr);

#endif
