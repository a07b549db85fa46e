/* route.h - the one route table (routes.c) and its dispatcher. */
#ifndef WP_ROUTE_H
#define WP_ROUTE_H

#include "web/web.h"

typedef void (*handler_fn)(req *r);

enum access {
	ACC_ASSET,  /* static file: no store, no session */
	ACC_PUBLIC, /* anyone, logged in or not */
	ACC_IDP,    /* a message an identity provider has the browser POST (SAML's ACS):
		     * anyone, and no CSRF token, as it comes from the provider's page;
		     * the message proves itself (signed, bound to this browser's attempt) */
	ACC_LOGIN,  /* logged in; others are sent to /login */
	ACC_ADMIN,  /* site administrator; others get 404 */
	ACC_RESEARCH, /* site administrator or researcher; others get 404 */
	ACC_API,    /* /api/v1: logged in by session cookie or API token; others get 401 (JSON) */
};

enum txmode {
	TX_AUTO, /* GET: read snapshot; POST: one write transaction around the handler */
	TX_SELF, /* the handler opens its own transactions (slow work outside them) */
	TX_PLAN, /* a POST as TX_AUTO, but on PostgreSQL the handler runs first on a
		  * read-only connection with its writes planned (store.h), and the committer sends
		  * them with the other plans of its batch in one pipeline; a plan that
		  * does not apply runs the handler again as TX_AUTO. Only for handlers
		  * whose every write on the success path can be planned, and whose
		  * writes do not depend on each other's results. */
};

/* What a programme lead who is not a member of the workplace gets on a
 * /pw/{slug} or /api/ route (wp_access decides it; docs/overview.md).
 * Nothing unless the route says so: a new route is closed to the lead. */
enum lead_view {
	LEAD_NO,   /* 403: the workplace exists, this page is for its members */
	LEAD_READ, /* a GET shown read-only (wp_may says what of it) */
};

struct route {
	const char *method;  /* "GET" or "POST" (GET also answers HEAD) */
	const char *pattern; /* "/pw/{slug}/rounds/{id}": {x} matches one segment */
	handler_fn fn;
	enum access access;
	enum txmode tx;
	enum lead_view lead;
};

extern const struct route routes[];
extern const int route_count;

/* Split r->path into r->seg; false when it has too many segments or is too
 * long. "/" has none; an empty segment ("/a/") never matches a route. */
bool route_split(req *r);

/* Find the route for r->method and r->seg: NULL with *allowed set to the
 * methods that would match the path ("" when no pattern matches). */
const struct route *route_match(req *r, char *allowed, size_t allowed_len);

/* Run the request: route, authenticate, check CSRF and access, open the
 * store, call the handler, commit or roll back. Returns true when the
 * reply is ready. Returns false for a POST whose handler must run on the
 * committer (r->queued): the caller then suspends the connection, calls
 * route_queue, and once resume(arg) has been called (on the committer's
 * thread, after the durable commit) calls route_finish for the reply. */
bool route_dispatch(req *r);
void route_queue(req *r, void (*resume)(void *arg), void *arg);
void route_finish(req *r);

#endif
