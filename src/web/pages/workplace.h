/* workplace.h - what the pages that run a workplace share (workplace.c,
 * profile.c, members.c, actions.c, outcomes.c, audit.c, overview.c): the
 * workplace's sub navigation, labels, the audit helper and the figures of
 * every workplace's latest results. */
#ifndef WP_PAGES_WORKPLACE_H
#define WP_PAGES_WORKPLACE_H

#include "web/results.h"
#include "web/web.h"

/* ---- the latest results of every workplace (overview.c) ---- */

/* A workplace with the figures of its latest closed round whose results
 * meet k: compact, so that any number of workplaces fits in a request. */
typedef struct {
	workplace w;               /* my_role: the visitor's role, "" for none */
	bool have;                 /* there is such a round */
	mround round;
	int respondents;           /* shown total of that round */
	double headline[EL_COUNT]; /* NAN where not shown */
	bool have_change;          /* and an earlier closed round that meets k */
	const char *prev_title;
	analysis_change change[EL_COUNT];
	const char *open_round;    /* title of a round open today, or NULL */
} wp_latest;

/* Every workplace of the instance with its latest results. On failure the
 * reply is sent and false returned. */
bool latest_all(req *r, wp_latest **out, int *n);

/* The benchmark of the current workplace among all workplaces (a section
 * of the workplace page); writes a hint while fewer than
 * BENCH_MIN_WORKPLACES workplaces have results. False after a reply. */
bool benchmark_section(req *r);

#endif
