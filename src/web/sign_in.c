/* sign_in.c - signing in through an identity provider, whatever the
 * protocol (sign_in.h).
 *
 * The account is found by (provider, subject), never by e-mail address:
 * a changed address at the provider does not make a second account. At a
 * first sign-in the provider's setting decides: make an account with no
 * access (a coordinator or the administrator adds it to a workplace, or an
 * invitation link binds it), or refuse. An existing account with the same
 * address is bound only where the administrator trusts the provider's
 * addresses (link_email); otherwise the person is told to ask. */
#include "web/sign_in.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "io/oidc.h"
#include "web/app.h"

bool sign_in_buttons(req *r, const char *next)
{
	identity_provider *ps;
	int n = 0;
	if (store_idps(r->st, r->a, &ps, &n) != ST_OK || n == 0)
		return false;
	html(&r->out, "<div class=\"sign-in-providers\">");
	for (int i = 0; i < n; i++) {
		form_begin(r, arena_printf(r->a, "/login/%s/%s", ps[i].protocol, ps[i].slug), "inline");
		html(&r->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
		html(&r->out, "<button class=\"primary\" id=\"sso-%s\">%s %s</button>", ps[i].slug,
		     tr(r, "Inloggen via", "Sign in through"), ps[i].name);
		form_end(r);
	}
	html(&r->out, "</div>");
	return true;
}

bool sign_in_provider(req *r, const char *slug, int64_t id, identity_provider *p)
{
	store_rc rc = slug ? store_idp_by_slug(r->st, r->a, slug, p) : store_idp_get(r->st, r->a, id, p);
	if (rc == ST_NOTFOUND) {
		reply_error(r, 404, tr(r, "Deze inlogdienst is hier niet (meer) ingesteld.",
				       "This sign-in service is not (or no longer) set up here."));
		return false;
	}
	if (!ok_or_reply(r, rc))
		return false;
	return true;
}

void sign_in_unreachable(req *r, char *why)
{
	r->log_note = arena_strdup(r->a, why ? why : "");
	free(why);
	reply_error(r, 502, tr(r, "De inlogdienst van je instelling geeft nu geen goed antwoord. Probeer "
				  "het later opnieuw; blijft het zo, meld het dan de beheerder.",
			       "Your institution's sign-in service is not answering properly right now. "
			       "Try again later; if it stays this way, tell the administrator."));
}

const char *sign_in_fetch(req *r, const char *url)
{
	char *err = NULL;
	char *body = oidc_get(url, &err);
	if (!body) {
		sign_in_unreachable(r, err);
		return NULL;
	}
	const char *copy = arena_strdup(r->a, body);
	free(body);
	return copy;
}

bool sign_in_keep_documents(req *r, identity_provider *p, const char *document, const char *keys)
{
	p->discovery = document;
	p->jwks = keys;
	p->fetched_at = wp_now();
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_idp_cache(r->st, p->id, p->discovery, p->jwks, p->fetched_at);
	rc = store_end(r->st, rc);
	return ok_or_reply(r, rc);
}

static void attempt_set_cookie(req *r, const attempt_cookie *c, const char *value, int64_t max_age)
{
	if (!c->cross_site_post || !cookie_secure(r)) {
		set_cookie_at(r, c->name, value, c->path, max_age);
		return;
	}
	/* the answer arrives as a POST from the provider's site */
	reply_header(r, "Set-Cookie", arena_printf(r->a, "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; "
							 "SameSite=None; Secure",
						   c->name, value, c->path, (long long)max_age));
}

bool sign_in_attempt_begin(req *r, const identity_provider *p, const char *state, const char *nonce,
			   const char *verifier, const attempt_cookie *c)
{
	char browser[TOKEN_CHARS + 1], h[HASH_HEX + 1], bh[HASH_HEX + 1];
	token_random(browser);
	token_hash("sso-state", state, h);
	token_hash("sso-browser", browser, bh);
	login_attempt la = {p->id, bh, nonce, verifier, safe_next(form_get(r, "next"))};
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_login_attempt_create(r->st, h, &la, wp_now() + ATTEMPT_SECONDS);
	rc = store_end(r->st, rc);
	if (!ok_or_reply(r, rc))
		return false;
	attempt_set_cookie(r, c, browser, ATTEMPT_SECONDS);
	return true;
}

login_attempt *sign_in_attempt_take(req *r, const char *state, const attempt_cookie *c)
{
	const char *browser = req_cookie(r, c->name);
	login_attempt *la = ARENA_NEW(r->a, login_attempt);
	store_rc rc = ST_NOTFOUND;
	if (state && token_well_formed(state)) {
		char h[HASH_HEX + 1];
		token_hash("sso-state", state, h);
		rc = store_begin(r->st);
		if (rc == ST_OK)
			rc = store_login_attempt_take(r->st, r->a, h, wp_now(), la);
		if (rc == ST_OK || rc == ST_NOTFOUND)
			rc = store_commit(r->st) == ST_OK ? rc : ST_ERROR;
		else
			store_rollback(r->st);
	}
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return NULL;
	char bh[HASH_HEX + 1];
	if (rc == ST_OK && browser && token_well_formed(browser)) {
		token_hash("sso-browser", browser, bh);
		if (token_equal(bh, la->browser_hash)) {
			attempt_set_cookie(r, c, "", 0);
			return la;
		}
	}
	/* no probe counted: a state is 128 random bits, not worth guessing */
	reply_error(r, 400, tr(r, "Deze inlogpoging is onbekend, al gebruikt, verlopen of in een andere "
				  "browser begonnen. Begin opnieuw bij Inloggen.",
			       "This sign-in attempt is unknown, already used, expired or was started in "
			       "another browser. Start again from Log in."));
	return NULL;
}

void sign_in_refuse(req *r, const identity_provider *p, int status, const char *why, const char *nl,
		    const char *en)
{
	r->log_note = why;
	if (store_begin(r->st) == ST_OK) {
		if (store_audit(r->st, 0, 0, "sign-in refused", arena_printf(r->a, "%s: %s", p->slug, why)) ==
		    ST_OK)
			store_commit(r->st);
		else
			store_rollback(r->st);
	}
	reply_error(r, status, tr(r, nl, en));
}

typedef struct {
	const char *subject, *email, *name;
} external_person;

static void refused(req *r, int status, const char *nl, const char *en)
{
	reply_error(r, status, tr(r, nl, en));
}

/* Inside the transaction: the account for a first sign-in; 0 when not:
 * with *rc ST_OK after a reply that says why, else *rc failed. */
static int64_t first_sign_in(req *r, const identity_provider *p, const external_person *x,
			     store_rc *rc)
{
	person existing;
	int64_t pid = 0;
	*rc = x->email ? store_person_by_email(r->st, r->a, x->email, &existing, NULL) : ST_NOTFOUND;
	if (*rc == ST_OK && p->link_email) {
		pid = existing.id;
	} else if (*rc == ST_OK) {
		refused(r, 409,
			"Er is hier al een account met het e-mailadres dat je instelling doorgeeft, maar het "
			"is nog niet aan deze inlogdienst gekoppeld. Vraag de beheerder om het te koppelen.",
			"There already is an account here with the e-mail address your institution sends, "
			"but it is not yet bound to this sign-in service. Ask the administrator to bind it.");
		*rc = ST_OK;
		return 0;
	} else if (*rc != ST_NOTFOUND) {
		return 0;
	} else if (strcmp(p->first_sign_in, "create") != 0 || !x->email) {
		refused(r, 403,
			"Je hebt hier nog geen account. Vraag de coördinator van je werkplaats om een "
			"uitnodiging of de beheerder om een account.",
			"You do not have an account here yet. Ask your workplace's coordinator for an "
			"invitation, or the administrator for an account.");
		*rc = ST_OK;
		return 0;
	} else {
		*rc = store_person_create(r->st, x->name ? x->name : x->email, x->email, &pid);
		if (*rc == ST_OK)
			*rc = store_audit(r->st, pid, 0, "account created",
					  arena_printf(r->a, "%s (first sign-in through %s)", x->email, p->slug));
	}
	if (*rc == ST_OK)
		*rc = store_identity_bind(r->st, p->id, x->subject, pid);
	return *rc == ST_OK ? pid : 0;
}

/* Find or make the account, start the session, in one transaction. */
static bool sign_in(req *r, const identity_provider *p, const external_person *x)
{
	int64_t pid = 0;
	person who;
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_identity_person(r->st, p->id, x->subject, &pid);
	if (rc == ST_NOTFOUND)
		pid = first_sign_in(r, p, x, &rc);
	if (rc == ST_OK && pid)
		rc = store_person_get(r->st, r->a, pid, &who);
	if (rc == ST_OK && pid && who.disabled) {
		refused(r, 403, "Dit account is uitgeschakeld.", "This account is disabled.");
		pid = 0;
	}
	if (rc == ST_OK && pid)
		rc = session_start(r, pid);
	if (rc == ST_OK && pid)
		rc = store_audit(r->st, pid, 0, "login", arena_printf(r->a, "through %s", p->slug));
	if (rc == ST_OK && pid)
		rc = store_commit(r->st);
	if (rc == ST_OK && pid)
		return true;
	store_rollback(r->st);
	r->headers.n = 0;
	if (rc != ST_OK) /* else refused above, with a reply */
		reply_store_error(r, rc);
	return false;
}

/* The person as the provider names them, by the claims the administrator
 * chose; NULL after a reply when the identifier is missing. */
static external_person *claims_person(req *r, const identity_provider *p, json_t *claims)
{
	char nb[3][32];
	external_person *x = ARENA_NEW(r->a, external_person);
	const char *sub = oidc_claim_text(claims, p->id_claim, nb[0], sizeof nb[0]);
	const char *email = oidc_claim_text(claims, p->email_claim, nb[1], sizeof nb[1]);
	const char *name = oidc_claim_text(claims, p->name_claim, nb[2], sizeof nb[2]);
	if (!sub || strlen(sub) > 255) {
		refused(r, 403, "De inlogdienst gaf geen bruikbare identiteit door.",
			"The sign-in service sent no usable identity.");
		return NULL;
	}
	x->subject = arena_strdup(r->a, sub);
	if (email && strlen(email) < 255) {
		char *e = arena_strdup(r->a, email);
		for (char *c = e; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		x->email = email_well_formed(e) ? e : NULL;
	}
	x->name = name && utf8_valid_text(name, strlen(name), false) && utf8_length(name) <= 200
			  ? arena_strdup(r->a, name)
			  : NULL;
	return x;
}

void sign_in_person(req *r, const identity_provider *p, json_t *claims, const char *next)
{
	external_person *x = claims_person(r, p, claims);
	if (x && sign_in(r, p, x))
		reply_redirect(r, next);
}
