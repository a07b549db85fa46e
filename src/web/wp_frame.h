/* wp_frame.h - the frame of a workplace's pages (/pw/{slug}/...), after
 * wp_access: navigation, heading, the programme lead's notice, the id in
 * the address and the audit line of a change. */
#ifndef WP_WEB_WP_FRAME_H
#define WP_WEB_WP_FRAME_H

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
/* For a programme lead who is not a member (role "lead"): a notice that the
 * page is read-only and what is left out. Nothing for other roles. */
void lead_notice(req *r);

/* Record a change to the current workplace (r->wp) in the audit log;
 * replies with a store error and returns false when that fails. */
bool wp_audit(req *r, const char *what, const char *detail);

/* The id in URL segment r->param[1], or 0 (after a 404 reply). */
int64_t param_id(req *r);

#endif
