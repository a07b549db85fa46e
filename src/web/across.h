/* across.h - what the pages that learn across workplaces share (the
 * library of what works where, the analysis across workplaces, and their
 * API): who may use them, the element picker, and every round of one
 * workplace with its figures from the figures room, oldest first. Any
 * workplace: the caller decides what of it the visitor may see. */
#ifndef WP_ACROSS_H
#define WP_ACROSS_H

#include "domain/analysis.h"
#include "domain/learning.h"
#include "web/web.h"

typedef struct {
	int n;
	mround *rounds;               /* ascending by opening date */
	const analysis_result **res;  /* the figures of a closed round; NULL for
				       * a round that has not closed */
	learning_round *lr;           /* shown: closed and at least k (plan.shown) */
} wp_rounds;

/* Load the rounds of workplace_id; the figures live until the request is
 * done. False after a reply. */
bool wp_rounds_load(req *r, int64_t workplace_id, wp_rounds *out);
/* The latest round whose figures are shown, or -1. */
int wp_rounds_latest_shown(const wp_rounds *w);

/* A workplace in the analysis across workplaces: its latest round whose
 * figures are shown and its profile from that round (learning.h). */
typedef struct {
	workplace w;
	mround round;
	learning_profile p;
} across_profile;

/* Every workplace of the institution that has a round whose figures are
 * shown, with its profile: element and outcome scale scores from the
 * figures room (NAN where a row is not shown), outcomes registered in the
 * year up to that round's closing day. *min_n: no association is shown
 * over fewer workplaces: the highest k of those rounds, at least
 * ANON_K_DEFAULT. False after a reply. */
bool across_profiles(req *r, across_profile **out, int *n, int *min_n);

/* The rounds of several workplaces, each loaded once per request. */
typedef struct {
	int n, cap;
	int64_t *wid;
	wp_rounds *w;
} wp_rounds_memo;

/* A memo for up to cap workplaces (arena memory). */
void wp_rounds_memo_init(req *r, wp_rounds_memo *m, int cap);
/* The rounds of workplace wid; NULL after a reply. */
const wp_rounds *wp_rounds_of(req *r, wp_rounds_memo *m, int64_t wid);

/* What happened after a shared action (the library): the rounds before
 * and after it (indexes into w, -1 where none), the element's change
 * between them (computed only when both exist), and the outcomes its
 * workplace registered after the action's day. */
typedef struct {
	int before, after;
	bool have_change;
	analysis_change change;
	int outcomes[OUT_COUNT];
	int outcomes_total;
} across_after;

/* The action's day (YYYY-MM-DD, UTC) into day. */
void across_action_day(const library_action *a, char day[11]);
/* False after a reply. */
bool across_action_after(req *r, const wp_rounds *w, const library_action *a, int element, across_after *out);

/* The outcomes workplace wid registered per category in the period of
 * each of n rounds whose closing days are closes[] (ascending), and after
 * the last (learning_outcomes_by_round); *per is arena memory of n rows.
 * False after a reply. */
bool across_outcomes_by_round(req *r, int64_t wid, const char *const *closes, int n, int (**per)[OUT_COUNT],
			      int after[OUT_COUNT]);

/* Who may use the library and the analysis across workplaces: a site
 * administrator, a programme lead, or a coordinator of some workplace
 * (404 for everyone else; false then). *mine: the workplaces the visitor
 * is a member of. */
bool learning_access(req *r, workplace **mine, int *n_mine);
/* May the visitor open the pages of workplace `slug` (site administrator,
 * programme lead, or a member of it)? */
bool learning_may_open(const req *r, const workplace *mine, int n_mine, const char *slug);
/* ?element= as an element_code, LOS when absent; -1 after a 404 for an
 * unknown code. */
int learning_element_param(req *r);
/* A GET form choosing an element, posting to action. */
void learning_element_picker(req *r, const char *action, int element);

#endif
