/* routes.c - the one route table, and the request prologue that runs
 * before every handler: route, language, form body, store, session,
 * site-level access, CSRF, transaction. */
#include <stdio.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/form.h"
#include "web/pages/pages.h"
#include "web/route.h"

const struct route routes[] = {
	{"GET", "/static/{name}", page_static, ACC_ASSET, TX_AUTO},
	{"GET", "/", page_home, ACC_LOGIN, TX_AUTO},
	{"GET", "/login", page_login_form, ACC_PUBLIC, TX_AUTO},
	{"POST", "/login", page_login, ACC_PUBLIC, TX_SELF},
	{"POST", "/logout", page_logout, ACC_PUBLIC, TX_AUTO},
	{"POST", "/lang", page_lang, ACC_PUBLIC, TX_AUTO},
	{"GET", "/account", page_account, ACC_LOGIN, TX_AUTO},
	{"POST", "/account/password", page_account_password, ACC_LOGIN, TX_SELF},
	{"GET", "/password/{token}", page_password_link_form, ACC_PUBLIC, TX_AUTO},
	{"POST", "/password/{token}", page_password_link, ACC_PUBLIC, TX_SELF},
	{"GET", "/admin", page_admin, ACC_ADMIN, TX_AUTO},
	{"POST", "/admin/accounts", page_admin_account_create, ACC_ADMIN, TX_AUTO},
	{"POST", "/admin/accounts/{id}/reset", page_admin_account_reset, ACC_ADMIN, TX_AUTO},
	{"GET", "/pw/{slug}", page_workplace, ACC_LOGIN, TX_AUTO},
	{"GET", "/pw/{slug}/rounds/{id}/results", page_results, ACC_LOGIN, TX_AUTO},
	{"GET", "/pw/{slug}/rounds/{id}/results/{element}", page_results_element, ACC_LOGIN, TX_AUTO},
	{"GET", "/pw/{slug}/rounds/{id}/dialogue", page_dialogue, ACC_LOGIN, TX_AUTO},
	{"POST", "/pw/{slug}/rounds/{id}/dialogue", page_dialogue_save, ACC_LOGIN, TX_AUTO},
	{"GET", "/pw/{slug}/development", page_development, ACC_LOGIN, TX_AUTO},
	{"GET", "/guide", page_guide, ACC_PUBLIC, TX_AUTO},
	{"GET", "/api/v1/rounds/{id}/results", page_api_round_results, ACC_PUBLIC, TX_AUTO},
	{"GET", "/r/{token}", page_r_entry, ACC_PUBLIC, TX_AUTO},
	{"POST", "/r/{token}/start", page_r_start, ACC_PUBLIC, TX_AUTO},
	{"POST", "/r/{token}/resume", page_r_resume, ACC_PUBLIC, TX_AUTO},
	{"GET", "/r/{token}/p/{n}", page_r_page, ACC_PUBLIC, TX_AUTO},
	{"POST", "/r/{token}/p/{n}", page_r_save, ACC_PUBLIC, TX_AUTO},
	{"GET", "/r/{token}/review", page_r_review, ACC_PUBLIC, TX_AUTO},
	{"POST", "/r/{token}/submit", page_r_submit, ACC_PUBLIC, TX_AUTO},
	{"POST", "/r/{token}/withdraw", page_r_withdraw, ACC_PUBLIC, TX_AUTO},
};
const int route_count = (int)ARRAY_LEN(routes);

/* Does the pattern match r->seg? Captures go to r->param. */
static bool pattern_match(req *r, const char *pattern, bool capture)
{
	int i = 0, np = 0;
	const char *p = pattern;
	while (*p == '/')
		p++;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (i >= r->nseg)
			return false;
		if (p[0] == '{') {
			if (!*r->seg[i])
				return false;
			if (capture && np < 4)
				r->param[np++] = r->seg[i];
		} else if (strlen(r->seg[i]) != len || strncmp(r->seg[i], p, len) != 0) {
			return false;
		}
		i++;
		p += len;
		while (*p == '/')
			p++;
	}
	return i == r->nseg;
}

const struct route *route_match(req *r, char *allowed, size_t allowed_len)
{
	bool head = strcmp(r->method, "HEAD") == 0;
	allowed[0] = 0;
	for (int i = 0; i < route_count; i++) {
		const struct route *rt = &routes[i];
		if (!pattern_match(r, rt->pattern, false))
			continue;
		if (strcmp(rt->method, r->method) == 0 || (head && strcmp(rt->method, "GET") == 0)) {
			pattern_match(r, rt->pattern, true);
			return rt;
		}
		size_t used = strlen(allowed);
		snprintf(allowed + used, allowed_len - used, "%s%s", used ? ", " : "", rt->method);
	}
	return NULL;
}

/* Split the path into segments; false when it has too many or is too long.
 * "/" has none; an empty segment ("/a/") never matches a route. */
static bool split_path(req *r)
{
	if (strlen(r->path) > 1024 || r->path[0] != '/')
		return false;
	char *p = arena_strdup(r->a, r->path + 1);
	r->nseg = 0;
	if (!*p)
		return true;
	for (;;) {
		if (r->nseg == MAX_SEGMENTS)
			return false;
		r->seg[r->nseg++] = p;
		char *slash = strchr(p, '/');
		if (!slash)
			return true;
		*slash = 0;
		p = slash + 1;
	}
}

static void choose_language(req *r)
{
	const char *c = req_cookie(r, "wp_lang");
	if (c && (strcmp(c, "en") == 0 || strcmp(c, "nl") == 0)) {
		r->english = c[0] == 'e';
		return;
	}
	const char *al = req_header(r, "Accept-Language");
	r->english = al && (al[0] == 'e' || al[0] == 'E') && (al[1] == 'n' || al[1] == 'N');
}

/* False when the store could not be asked (unreachable: the caller
 * answers 503 rather than treat the visitor as logged out). */
static bool load_session(req *r)
{
	const char *tok = req_cookie(r, "wp_session");
	const char *anon = req_cookie(r, "wp_anon");
	if (anon && token_well_formed(anon))
		r->anon_token = anon;
	if (!tok || !token_well_formed(tok))
		return true;
	char h[HASH_HEX + 1];
	token_hash("session", tok, h);
	person *p = ARENA_NEW(r->a, person);
	store_rc rc = store_session_person(r->st, r->a, h, wp_now(), p);
	if (rc == ST_OK) {
		r->user = p;
		r->session_token = tok;
	}
	if (rc == ST_BUSY) {
		reply_store_error(r, rc);
		return false;
	}
	return true;
}

static bool parse_body(req *r)
{
	if (!r->post)
		return true;
	const char *ct = req_header(r, "Content-Type");
	if (r->body_len && (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) != 0)) {
		reply_error(r, 415,
			    tr(r, "Dit formulier is in een onbekend formaat verstuurd.",
			       "This form was sent in an unknown format."));
		return false;
	}
	if (!form_parse(r->a, r->body, r->body_len, &r->form)) {
		reply_error(r, 400, tr(r, "Het formulier is beschadigd aangekomen (ongeldige codering). "
					  "Laad de pagina opnieuw en probeer het nog eens.",
				       "The form arrived damaged (invalid encoding). Reload the page and "
				       "try again."));
		return false;
	}
	return true;
}

/* The (decoded) path as a query value: everything but unreserved
 * characters and '/' percent-encoded, so that a CR/LF, '&' or non-ASCII
 * byte in it cannot break the Location header or the query. */
static const char *query_escape(req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(r->a, strlen(s) * 3 + 1), *o = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = 0;
	return out;
}

static bool check_access(req *r, const struct route *rt)
{
	if (rt->access == ACC_LOGIN && !r->user) {
		if (r->post)
			reply_redirect(r, "/login");
		else
			reply_redirect(r, arena_printf(r->a, "/login?next=%s", query_escape(r, r->path)));
		return false;
	}
	if (rt->access == ACC_ADMIN && !is_site_admin(r)) {
		if (!r->user)
			reply_redirect(r, "/login");
		else
			reply_error(r, 404, NULL);
		return false;
	}
	return true;
}

static bool check_csrf(req *r)
{
	const char *sent = form_get(r, "csrf");
	if (sent && token_equal(sent, csrf_token(r)))
		return true;
	reply_error(r, 403, tr(r, "Dit formulier is verlopen of niet via deze site verstuurd. Ga "
				  "terug, laad de pagina opnieuw en probeer het nog eens. Er is niets "
				  "opgeslagen.",
			       "This form has expired or was not sent from this site. Go back, reload "
			       "the page and try again. Nothing was saved."));
	return false;
}

static void run_handler(req *r, const struct route *rt)
{
	bool write_tx = r->post && rt->tx == TX_AUTO;
	store_rc rc = ST_OK;
	if (!r->post)
		rc = store_begin_read(r->st);
	else if (write_tx)
		rc = store_begin(r->st);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	rt->fn(r);
	WP_ASSERT(r->replied);
	if (!write_tx) {
		store_rollback(r->st); /* ends the read snapshot */
		return;
	}
	if (r->status >= 400) {
		store_rollback(r->st);
		return;
	}
	rc = store_commit(r->st);
	if (rc != ST_OK) {
		r->headers.n = 0;
		reply_store_error(r, rc);
	}
}

/* Count a failed token or code probe in its own short transaction, after
 * the request's own work was committed or rolled back. This failure counter
 * is the one write that a GET can cause. */
static void count_probe(req *r)
{
	store *st = store_acquire(r->app->pool, false);
	if (store_begin(st) == ST_OK) {
		store_throttle_fail(st, arena_printf(r->a, "addr:%s", r->client), wp_now(),
				    THROTTLE_WINDOW);
		store_commit(st);
	}
	store_release(r->app->pool, st);
}

void route_dispatch(req *r)
{
	choose_language(r);
	char allowed[64] = "";
	const struct route *rt = split_path(r) ? route_match(r, allowed, sizeof allowed) : NULL;
	if (!rt) {
		if (allowed[0]) {
			reply_header(r, "Allow", allowed);
			reply_error(r, 405, NULL);
		} else {
			reply_error(r, 404, NULL);
		}
		return;
	}
	if (rt->access == ACC_ASSET) {
		rt->fn(r);
		return;
	}
	if (!parse_body(r))
		return;
	r->st = store_acquire(r->app->pool, !r->post);
	if (load_session(r) && check_access(r, rt) && (!r->post || check_csrf(r)))
		run_handler(r, rt);
	store_release(r->app->pool, r->st);
	r->st = NULL;
	if (r->probe_failed)
		count_probe(r);
}
