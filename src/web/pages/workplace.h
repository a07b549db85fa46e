/* workplace.h - what the pages that run a workplace share (workplace.c,
 * profile.c, members.c, actions.c, outcomes.c, audit.c, overview.c): the
 * workplace's sub navigation, labels, the audit helper and the figures of
 * every workplace's latest results. */
#ifndef WP_PAGES_WORKPLACE_H
#define WP_PAGES_WORKPLACE_H

#include "web/results.h"
#include "web/web.h"

/* The navigation between a workplace's pages; current: "home", "profile",
 * "partners", "members", "actions", "outcomes", "realist", "development",
 * "audit". */
void wp_subnav(req *r, const char *current);
/* The heading of a workplace page: link to the workplace, h1, sub nav. */
void wp_heading(req *r, const char *title, const char *current);

/* True when the visitor may change the workplace (coordinator or site
 * admin): wp_may(r, WP_MANAGE). */
bool wp_can_manage(const req *r);
/* The workplace page's section of year reports and, for coordinators,
 * their share links (year_share.c). False after a reply. */
bool year_reports_section(req *r);
/* For a programme lead who is not a member (role "lead"): a notice that the
 * page is read-only and what is left out. Nothing for other roles. */
void lead_notice(req *r);

/* A time in seconds as "1 maart 2026 14:05" / "1 March 2026 14:05" in the
 * site's time zone (base/zone.h). */
const char *fmt_time(req *r, int64_t t);
/* "LOS – Lerend en onderzoekend samenwerken". */
const char *element_label(req *r, int e);
/* Status of an action as a coloured tag. */
void action_status_tag(req *r, action_status status);
/* An open action due before today (action_overdue). */
bool action_late(const improvement *a);
/* The role of a partner, translated. */
const char *partner_role_name(req *r, const char *role);

/* Record a change to the current workplace (r->wp) in the audit log;
 * replies with a store error and returns false when that fails. */
bool wp_audit(req *r, const char *what, const char *detail);

/* A labelled <textarea> that must be filled in (textarea_field marks its
 * field optional). */
void textarea_required(req *r, const char *name, const char *label, const char *value, const char *hint);

/* Whether the partners and location meet the definition of a PW, and what
 * is missing, as a notice. */
void definition_notice(req *r, const partner *ps, int n, const char *location);

/* Checkboxes of the six elements in a fieldset, field `name`: ticked are
 * those sent when `sent` (the form is shown again), else those of mask. */
void elements_field(req *r, const char *name, unsigned mask, bool sent);
/* The elements ticked in field `name` into *mask; records an error for an
 * unknown code, and for none when `required`. */
bool read_elements(req *r, const char *name, bool required, unsigned *mask);

/* The id in URL segment r->param[1], or 0 (after a 404 reply). */
int64_t param_id(req *r);

/* ---- realist notes (realist.c) ---- */

/* The notes of one action or outcome and a form posting to post_path;
 * false after a reply. */
bool realist_section(req *r, int64_t action_id, int64_t outcome_id, const char *post_path);
/* Whether an action or a realist note is shared with the institution's
 * library (/library), and for a coordinator a button that posts
 * shared=1 or 0 to action_path to change it. */
void share_toggle(req *r, const char *action_path, bool shared);
/* The POST that sets such a flag: shared=1 or 0; false (after a 400
 * reply) when the field is missing or something else. */
bool share_field(req *r, bool *shared);
/* Validate and store a note from the form; false with field errors (the
 * caller shows the page again) or after a reply (r->replied). */
bool realist_add(req *r, int64_t action_id, int64_t outcome_id, const char *about);

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

/* The benchmark of the current workplace among all workplaces (a section
 * of the workplace page); writes a hint while fewer than
 * BENCH_MIN_WORKPLACES workplaces have results. False after a reply. */
bool benchmark_section(req *r);

#endif
