/* web.h - what every page handler sees: the request context, the response,
 * typed form fields, translations, errors, the page layout and access checks.
 *
 * A handler follows one prologue: the route table has already
 * authenticated the visitor, checked site-level access and (for POST) the
 * CSRF token, and opened the store (a read-only snapshot for GET, a write
 * transaction for POST that commits only when the handler succeeds). The
 * handler checks workplace access (wp_access), validates its fields, then
 * renders. */
#ifndef WP_WEB_H
#define WP_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/token.h"
#include "store/store.h"
#include "web/html.h"

typedef struct app app;

struct kv {
	const char *key, *val;
};

typedef struct {
	struct kv *v;
	int n, cap;
} kvlist;

/* The files of a multipart form, as the parser found them (never from a
 * field's name or value, which the sender controls). */
typedef struct {
	const char *name, *filename; /* the form field, the name the browser gave */
	const char *data;            /* len bytes, NULs and all (NUL-terminated copy) */
	size_t len;
} form_part;

typedef struct {
	form_part *v;
	int n, cap;
} form_parts;

struct field_error {
	const char *field, *message;
};

#define MAX_SEGMENTS 12
#define MAX_FIELD_ERRORS 32

struct route;

typedef struct req {
	arena *a;
	const app *app;
	void *conn; /* the libmicrohttpd connection */

	/* the request */
	const char *method;
	bool post;
	const char *path;                 /* decoded, without query */
	const char *seg[MAX_SEGMENTS];    /* path segments */
	int nseg;
	const char *param[4];             /* {captures} of the matched route */
	const struct route *route;        /* the matched route, once dispatched */
	kvlist form;                      /* urlencoded body fields */
	form_parts files;                 /* the files of a multipart body */
	const char *body;
	size_t body_len;
	char client[64];                  /* peer address */
	char id[REQUEST_ID_CHARS + 1];    /* request id, also in the log */
	bool english;

	/* who asks */
	person *user;                     /* NULL when not logged in */
	const char *session_token;
	const char *anon_token;
	bool bearer;                      /* authenticated by an API token (Authorization: Bearer) */
	bool api;                         /* a /api/ path: errors are JSON */
	const char *csrf;                 /* the token of this visitor's forms, once made */
	store *st;

	/* the workplace of a /pw/{slug} page, after wp_access */
	workplace *wp;
	const char *wp_role;              /* "coordinator", "member", "lead" (a programme lead
					   * who is not a member: read-only), or "" for site staff */

	/* validation */
	struct field_error errors[MAX_FIELD_ERRORS];
	int nerrors;

	/* the response */
	int status;
	buf out;
	const char *content_type;
	kvlist headers;
	bool cacheable;                   /* otherwise Cache-Control: no-store */
	bool wide;                        /* a page of wide tables: a wider column */
	const char *log_note;             /* extra detail for the log line of a 500 */
	bool probe_failed;                /* a wrong token or code: counted after the request */
	struct {                          /* an open-link start or submission refused for the */
		int64_t round_id;         /* link's limits (round_id 0: none): counted after */
		open_event event;         /* the request */
	} refused;
	struct {                          /* a share link that opened a page or file (link_id 0: */
		int64_t link_id;          /* none): its use is counted and logged after the */
		int64_t workplace_id, round_id; /* request (share.c); round_id 0: */
		int year;                 /* a year link, of this year */
		const char *what;         /* the page or file, never the token */
	} shared;
	bool replied;                     /* the server's note that a reply is ready (server.c,
					   * routes.c); handlers do not ask it: see errors below */

	/* a POST whose handler waits for the committer (route_dispatch) */
	const struct route *queued;
	void (*resume)(void *arg);        /* called on the committer's thread after the commit */
	void *resume_arg;
	store_rc commit_rc;               /* what the shared transaction did */
	store_plan *plan;                 /* TX_PLAN: the writes, with the reply made */
	struct req *unplanned;            /* TX_PLAN: the request before its handler ran */

	/* released after the response is sent (heap results of a request),
	 * the last registered first; as many as the request needs (the
	 * development page holds the results of up to 12 rounds) */
	struct req_cleanup {
		void (*fn)(void *);
		void *p;
		struct req_cleanup *next;
	} *cleanup;
} req;

/* Call fn(p) once the response has been sent. */
void req_on_done(req *r, void (*fn)(void *), void *p);

/* ---- request values (request.c) ---- */
const char *req_header(req *r, const char *name);
const char *req_cookie(req *r, const char *name);
const char *req_query(req *r, const char *name);
const char *form_get(req *r, const char *name);    /* raw body field or NULL */
/* A file sent in field `name` of a multipart form: its bytes (NULs and
 * all) and length, and the name the browser gave ("" when none). False
 * when no file, or an empty one, was sent. */
bool form_file(req *r, const char *name, const char **data, size_t *len, const char **filename);
/* All values of a repeated field (checkboxes); count in *n. */
const char **form_all(req *r, const char *name, int *n);

/* ---- typed fields ----
 * Each returns true with the value when the field is valid. Otherwise it
 * records a message for the field in r->errors (shown next to the field
 * when the form is rendered again) and returns false. */
bool field_text(req *r, const char *name, size_t max_chars, bool required, const char **out);
bool field_multiline(req *r, const char *name, size_t max_chars, bool required, const char **out);
bool field_int(req *r, const char *name, int64_t min, int64_t max, int64_t *out);
bool field_date(req *r, const char *name, bool required, const char **out);
bool field_email(req *r, const char *name, const char **out);
/* A new password in field "new" (PASSWORD_MIN to PASSWORD_MAX characters,
 * no control characters) and the same again in field "repeat". */
#define PASSWORD_MIN 10
#define PASSWORD_MAX 200
bool field_new_password(req *r, const char **out);
/* One of `choices` (NULL-terminated); *out is its index. */
bool field_choice(req *r, const char *name, const char *const *choices, int *out);
bool field_checkbox(req *r, const char *name);
bool field_url(req *r, const char *name, bool required, const char **out);
void field_error(req *r, const char *field, const char *message);
const char *field_error_for(req *r, const char *field);

/* ---- translations: both languages stand side by side at each use ---- */
static inline const char *tr(const req *r, const char *nl, const char *en)
{
	return r->english ? en : nl;
}

/* ---- responses (request.c) ---- */
void reply_header(req *r, const char *name, const char *value);
void reply_redirect(req *r, const char *location);                 /* 303 See Other */
/* A local path to return to (after login): next when it starts with one
 * '/' and holds no scheme, backslash or control character, else "/". */
const char *safe_next(const char *next);
void reply_json(req *r, int status, const char *json_text);
/* Set-Cookie, HttpOnly and SameSite=Lax, Secure when cookie_secure;
 * set_cookie for the whole site (Path=/), set_cookie_at for a path. */
void set_cookie(req *r, const char *name, const char *value, int64_t max_age);
void set_cookie_at(req *r, const char *name, const char *value, const char *path, int64_t max_age);
/* Are cookies marked Secure: --secure-cookies, or an https --public-url. */
bool cookie_secure(const req *r);
/* The CSRF token every form carries: an HMAC of the session, or of an
 * anonymous visitor's cookie (set here when missing). Arena memory. */
const char *csrf_token(req *r);
/* s as a query value: everything but unreserved characters and '/'
 * percent-encoded. Arena memory. */
const char *query_escape(req *r, const char *s);

/* ---- errors (errors.c) ----
 * One signal for "this has replied": a function that may reply returns
 * bool (or a pointer), false (NULL) when it has sent the reply, and its
 * caller returns at once; true means go on. What else it finds comes in
 * an out parameter (found, passes). Form readers record field errors in
 * r->errors and leave them to the caller (r->nerrors: show the form
 * again); they return false only after a reply. Every helper named
 * ..._or_reply works so. */
void reply_error(req *r, int status, const char *message);         /* error page; JSON under /api/ */
/* A store failure: 503 when busy, 500 (with the request id) otherwise. */
void reply_store_error(req *r, store_rc rc);
/* True for ST_OK; otherwise replies (404 for ST_NOTFOUND, else as
 * reply_store_error) and returns false. */
bool found_or_reply(req *r, store_rc rc);
/* True for ST_OK; otherwise replies as reply_store_error and returns false:
 * `if (!ok_or_reply(r, rc)) return;` */
bool ok_or_reply(req *r, store_rc rc);

/* ---- layout (layout.c) ---- */
void page_begin(req *r, const char *title);
void page_end(req *r);
/* <form method=post> with the CSRF field. */
void form_begin(req *r, const char *action, const char *css_class);
void form_end(req *r);
/* The same for a form that sends files (multipart/form-data). */
void form_begin_upload(req *r, const char *action);
/* A labelled file input; accept: the types offered ("" any). */
void file_field(req *r, const char *name, const char *label, const char *accept, const char *hint);
/* A labelled input; the value is the submitted one when the form is shown
 * again after an error, else `value`. type: text, email, password, date, url. */
void input_field(req *r, const char *type, const char *name, const char *label,
		 const char *value, const char *hint, bool required);
void textarea_field(req *r, const char *name, const char *label, const char *value,
		    const char *hint);
void error_summary(req *r);
/* A labelled <select>; the chosen option is the submitted value when the
 * form is shown again after an error, else `selected`. */
void select_field(req *r, const char *name, const char *label, const char *const *values,
		  const char *const *labels, int n, const char *selected, const char *hint);

/* ---- sessions (session.c) ---- */
/* The meta key of the site setting "password login": "off" switches it off. */
#define PASSWORD_LOGIN_KEY "password_login"
/* Start a session for the person inside the caller's transaction and set
 * its cookie (only when the store took it). */
store_rc session_start(req *r, int64_t person_id);
/* Whether people may log in with a password (the site setting). */
bool password_login_on(req *r);

/* ---- access (access.c) ---- */
/* Load the workplace named by r->param[0] and check that the visitor may
 * see it (member or site staff) and, when `coordinator` is true, change it
 * (coordinator or site admin). Sends 404 for outsiders (existence does not
 * leak) and 403 for members without the role; returns false then.
 * A programme lead who is not a member enters as role "lead" on the routes
 * marked LEAD_READ (GET only, never with `coordinator`); 403 elsewhere. */
bool wp_access(req *r, bool coordinator);
bool is_site_admin(const req *r);
bool is_network_admin(const req *r);
bool network_page(const struct route *rt);

/* What the visitor may see or do inside a workplace's pages, by r->wp_role
 * (after wp_access): the one place that decides it. */
typedef enum {
	WP_MANAGE,        /* coordinator work: rounds, profile, partners, members, actions, outcomes */
	WP_CONTRIBUTE,    /* progress notes and realist notes: any member */
	WP_SEE_RUNNING,   /* a round that has not closed: its page, counts, links, poster, results page */
	WP_SEE_COMMENTS,  /* what respondents wrote (under the round's k_comments): members, and
			   * a programme lead where the workplace shares comments with the lead */
	WP_DIALOGUE,      /* the dialogue agenda (it quotes the comments): members */
	WP_SEE_MEMBERS,   /* who the members are, invitations */
} wp_right;
bool wp_may(const req *r, wp_right right);
/* True when the visitor may see this round of r->wp beyond its existence
 * (a closed round, or WP_SEE_RUNNING); otherwise replies 403. */
bool wp_round_visible(req *r, const mround *rd);

/* Guessing guard for tokens and codes, shared with the login throttle of
 * the address: probe_blocked replies 429 and returns true when the address
 * made too many failed attempts; probe_failure counts one more when the
 * request is a POST (recorded in its own transaction after the request). */
bool probe_blocked(req *r);
void probe_failure(req *r);

/* Path of the current workplace, for links: "/pw/<slug>". */
const char *wp_path(req *r);

#endif
