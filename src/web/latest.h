/* latest.h - every workplace with its latest results, and the benchmark
 * of a workplace among the others (latest.c). */
#ifndef WP_WEB_LATEST_H
#define WP_WEB_LATEST_H

#include "web/results.h"
#include "web/web.h"

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

/* The benchmark of the current workplace among all workplaces (a section
 * of the workplace page); writes a hint while fewer than
 * BENCH_MIN_WORKPLACES workplaces have results. False after a reply. */
bool benchmark_section(req *r);

/* l for workplace w, with the figures of its latest round that meets k,
 * and the change since the round before only with_change (the benchmark
 * needs the latest scores alone). False after a reply. */
bool latest_of(req *r, const workplace *w, wp_latest *l, bool with_change);
/* A score as shown: one decimal (NAN stays NAN). Benchmarks are made of
 * the shown values, so a place never contradicts the numbers beside it. */
double score_shown(double v);
/* A score as a table cell, "–" for NAN. */
void score_cell(req *r, double v);
/* How the shown scores and quartiles are made, for a hint under a table. */
const char *benchmark_method_hint(req *r);

#endif
