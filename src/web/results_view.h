/* results_view.h - the figures of a round's result pages as HTML, for
 * every page that shows them: the workplace's own result pages and a
 * share link's read-only copy of them. Everything comes from the
 * analysis result (web/results.h), which holds only what may be shown. */
#ifndef WP_RESULTS_VIEW_H
#define WP_RESULTS_VIEW_H

#include "web/results.h"

/* Where the figures link to. */
typedef struct {
	const char *elements; /* an element's page is elements + "/" + its code */
	const char *actions;  /* the workplace's improvement actions (a column of
			       * open actions per element), or NULL: none */
} results_links;

/* The overview of a released round: key figures, the radar with key
 * points, the elements table (with the change since the previous round
 * when change is not NULL, and open actions per element (open_actions)
 * when l->actions is set), the outcomes, every statement, the triggers
 * and the researchers' reliability figures. False after replying on a
 * store error. */
bool results_view_overview(req *r, const round_results *rr, const results_links *l,
			   const analysis_change *change, const int *open_actions);
/* Element e of a released round: its table with its statements, and
 * their answer distributions. */
void results_view_element(req *r, const round_results *rr, int e);

#endif
