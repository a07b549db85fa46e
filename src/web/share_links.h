/* share_links.h - what the pages that make share links have in common
 * (round_share.c for a round's results, year_share.c for a year report):
 * the table of links with their use and a revoke button, and the page
 * that shows a new link once. */
#ifndef WP_SHARE_LINKS_H
#define WP_SHARE_LINKS_H

#include "web/web.h"

#define SHARE_DAYS_DEFAULT 60
#define SHARE_DAYS_MAX 365

/* "2026-12-06", "–" for 0 (arena text). */
const char *share_date(req *r, int64_t t);
/* The links ls[0..n) with their use; a live one gets a form that posts to
 * revoke_base + "/{id}/revoke". what (may be NULL) heads a first column
 * per link (e.g. the year). */
void share_links_table(req *r, const char *revoke_base, const share_link *ls, int n,
		       const char *const *what);
/* The page that shows a new link (url) once; back: where to return. */
void share_created_page(req *r, const char *back, const char *back_label, const char *url, int64_t expires_at);
/* A new token into tok and its hash into h. */
void share_new_token(char *tok, char *h);

#endif
