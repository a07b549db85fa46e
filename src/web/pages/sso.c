/* sso.c - signing in through the institution with OpenID Connect
 * (authorization code flow with PKCE, state and nonce), and the
 * command line's one-time login links.
 *
 * POST /login/sso/{idp} starts an attempt: a row keyed on the hash of a
 * fresh `state`, holding the nonce, the PKCE verifier, where to go after,
 * and the hash of a browser token that only this browser's cookie
 * (wp_sso, 10 minutes, path /login/oidc) carries. The provider sends the
 * browser back to GET /login/oidc/callback: the attempt is taken (it works
 * once), the cookie must match, the code is redeemed at the token
 * endpoint with the verifier, and the ID token's signature and claims are
 * checked (src/io/oidc.h). The callback is a GET that signs in, as the
 * protocol has it; it is TX_SELF and opens its own transactions.
 *
 * The account is found by (provider, subject), never by e-mail address:
 * a changed address at the provider does not make a second account. At a
 * first sign-in the provider's setting decides: make an account with no
 * access (a coordinator or the administrator adds it to a workplace, or an
 * invitation link binds it), or refuse. An existing account with the same
 * address is bound only where the administrator trusts the provider's
 * addresses (link_email); otherwise the person is told to ask. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/sealed.h"
#include "base/token.h"
#include "base/util.h"
#include "io/oidc.h"
#include "web/app.h"
#include "web/pages/pages.h"

#define ATTEMPT_SECONDS 600
#define DISCOVERY_SECONDS (24 * 3600)
#define LOGIN_LINK_SECONDS (15 * 60)
#define CALLBACK_PATH "/login/oidc/callback"

/* Percent-encode everything but RFC 3986's unreserved characters. */
static const char *url_escape(req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(r->a, strlen(s) * 3 + 1), *o = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~", c)) {
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

static void provider_unreachable(req *r, char *why)
{
	r->log_note = arena_strdup(r->a, why ? why : "");
	free(why);
	reply_error(r, 502, tr(r, "De inlogdienst van je instelling geeft nu geen goed antwoord. Probeer "
				  "het later opnieuw; blijft het zo, meld het dan de beheerder.",
			       "Your institution's sign-in service is not answering properly right now. "
			       "Try again later; if it stays this way, tell the administrator."));
}

/* Fetch the discovery document and the keys, and keep them. */
static bool fetch_documents(req *r, identity_provider *p)
{
	char *err = NULL;
	const char *issuer = p->issuer;
	size_t n = strlen(issuer);
	char *disc = oidc_get(arena_printf(r->a, "%s%s.well-known/openid-configuration", issuer,
					   n && issuer[n - 1] == '/' ? "" : "/"),
			      &err);
	oidc_discovery d;
	char *jwks = NULL;
	if (disc && oidc_discovery_parse(disc, issuer, &d, &err)) {
		jwks = oidc_get(d.jwks_uri, &err);
		oidc_discovery_free(&d);
	}
	if (!jwks) {
		free(disc);
		provider_unreachable(r, err);
		return false;
	}
	p->discovery = arena_strdup(r->a, disc);
	p->jwks = arena_strdup(r->a, jwks);
	p->fetched_at = wp_now();
	free(disc);
	free(jwks);
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_idp_cache(r->st, p->id, p->discovery, p->jwks, p->fetched_at);
	if (rc == ST_OK)
		rc = store_commit(r->st);
	else
		store_rollback(r->st);
	if (rc != ST_OK)
		reply_store_error(r, rc);
	return rc == ST_OK;
}

/* The provider's endpoints, from the cache while it is fresh. */
static bool provider_discovery(req *r, identity_provider *p, oidc_discovery *d)
{
	char *err = NULL;
	if ((!*p->discovery || p->fetched_at + DISCOVERY_SECONDS < wp_now()) && !fetch_documents(r, p))
		return false;
	if (!oidc_discovery_parse(p->discovery, p->issuer, d, &err)) {
		provider_unreachable(r, err);
		return false;
	}
	return true;
}

static bool provider_or_404(req *r, store_rc rc)
{
	if (rc == ST_NOTFOUND) {
		reply_error(r, 404, tr(r, "Deze inlogdienst is hier niet (meer) ingesteld.",
				       "This sign-in service is not (or no longer) set up here."));
		return false;
	}
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	return true;
}

/* base64url(SHA-256(verifier)), the PKCE S256 challenge. */
static const char *pkce_challenge(req *r, const char *verifier)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)verifier, strlen(verifier));
	size_t len = sodium_base64_ENCODED_LEN(sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(r->a, len);
	sodium_bin2base64(out, len, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static const char *redirect_uri(req *r)
{
	return arena_printf(r->a, "%s%s", r->app->public_url, CALLBACK_PATH);
}

/* A local path to return to: one '/', no scheme, no control characters. */
static const char *local_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 512)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\')
			return "/";
	return next;
}

void page_sso_start(req *r)
{
	identity_provider p;
	if (!provider_or_404(r, store_idp_by_slug(r->st, r->a, r->param[0], &p)))
		return;
	oidc_discovery d;
	if (!provider_discovery(r, &p, &d))
		return;
	char state[TOKEN_CHARS + 1], nonce[TOKEN_CHARS + 1], browser[TOKEN_CHARS + 1];
	char v1[TOKEN_CHARS + 1], v2[TOKEN_CHARS + 1], h[HASH_HEX + 1], bh[HASH_HEX + 1];
	token_random(state);
	token_random(nonce);
	token_random(browser);
	token_random(v1);
	token_random(v2);
	token_hash("sso-state", state, h);
	token_hash("sso-browser", browser, bh);
	login_attempt la = {p.id, bh, nonce, arena_printf(r->a, "%s%s", v1, v2),
			    local_next(form_get(r, "next"))};
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_login_attempt_create(r->st, h, &la, wp_now() + ATTEMPT_SECONDS);
	if (rc == ST_OK)
		rc = store_commit(r->st);
	else
		store_rollback(r->st);
	if (rc != ST_OK) {
		oidc_discovery_free(&d);
		reply_store_error(r, rc);
		return;
	}
	set_cookie_at(r, "wp_sso", browser, "/login/oidc", ATTEMPT_SECONDS);
	const char *url = arena_printf(
		r->a,
		"%s%sresponse_type=code&client_id=%s&redirect_uri=%s&scope=openid%%20email%%20profile"
		"&state=%s&nonce=%s&code_challenge=%s&code_challenge_method=S256",
		d.authorization_endpoint, strchr(d.authorization_endpoint, '?') ? "&" : "?",
		url_escape(r, p.client_id), url_escape(r, redirect_uri(r)), state, nonce,
		pkce_challenge(r, la.verifier));
	oidc_discovery_free(&d);
	reply_redirect(r, url);
}

static void refused(req *r, int status, const char *why_nl, const char *why_en)
{
	reply_error(r, status, tr(r, why_nl, why_en));
}

/* Take the attempt this callback answers; NULL after a reply. The attempt
 * is used up also when the browser does not match, so that a stolen state
 * cannot be tried again. */
static login_attempt *take_attempt(req *r)
{
	const char *state = req_query(r, "state"), *browser = req_cookie(r, "wp_sso");
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
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		reply_store_error(r, rc);
		return NULL;
	}
	char bh[HASH_HEX + 1];
	if (rc == ST_OK && browser && token_well_formed(browser)) {
		token_hash("sso-browser", browser, bh);
		if (token_equal(bh, la->browser_hash)) {
			set_cookie_at(r, "wp_sso", "", "/login/oidc", 0);
			return la;
		}
	}
	probe_failure(r);
	refused(r, 400,
		"Deze inlogpoging is onbekend, al gebruikt, verlopen of in een andere browser begonnen. "
		"Begin opnieuw bij Inloggen.",
		"This sign-in attempt is unknown, already used, expired or was started in another "
		"browser. Start again from Log in.");
	return NULL;
}

/* Redeem the code and check the ID token; the claims (caller decrefs) or
 * NULL after a reply. Keys with an unknown kid are fetched again once
 * (the provider rotated its keys). */
static json_t *id_token_claims(req *r, identity_provider *p, const oidc_discovery *d,
			       const login_attempt *la)
{
	char *secret = NULL, *err = NULL;
	if (*p->secret_sealed && (!r->app->has_mail_key ||
				  !(secret = sealed_open(r->app->mail_key, p->secret_sealed)))) {
		provider_unreachable(r, xstrdup("the client secret cannot be unsealed (--secret-key-file)"));
		return NULL;
	}
	char *token = oidc_redeem_code(d->token_endpoint, p->client_id, secret ? secret : "",
				       req_query(r, "code"), redirect_uri(r), la->verifier, &err);
	if (secret) {
		sodium_memzero(secret, strlen(secret));
		free(secret);
	}
	if (!token) {
		provider_unreachable(r, err);
		return NULL;
	}
	oidc_expect e = {p->issuer, p->client_id, la->nonce, wp_now()};
	json_t *claims = NULL;
	const char *why = NULL;
	oidc_result res = oidc_verify_id_token(p->jwks, token, &e, &claims, &why);
	if (res == OIDC_UNKNOWN_KEY && fetch_documents(r, p))
		res = oidc_verify_id_token(p->jwks, token, &e, &claims, &why);
	free(token);
	if (r->replied)
		return NULL;
	if (res != OIDC_OK) {
		r->log_note = why;
		store_begin(r->st);
		store_audit(r->st, 0, 0, "sign-in refused", arena_printf(r->a, "%s: %s", p->slug, why));
		store_commit(r->st);
		refused(r, 403,
			"Het antwoord van de inlogdienst klopt niet (het is niet goed ondertekend, niet voor "
			"deze site bedoeld of verlopen). Je bent niet ingelogd.",
			"The sign-in service's answer does not hold up (it is not signed properly, not "
			"meant for this site, or expired). You are not signed in.");
		return NULL;
	}
	return claims;
}

typedef struct {
	const char *subject, *email, *name;
} external_person;

/* Inside the transaction: the account for a first sign-in, or 0 after
 * *rc or a reply says why not. */
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
		return 0;
	} else if (*rc != ST_NOTFOUND) {
		return 0;
	} else if (strcmp(p->first_sign_in, "create") != 0 || !x->email) {
		refused(r, 403,
			"Je hebt hier nog geen account. Vraag de coördinator van je werkplaats om een "
			"uitnodiging of de beheerder om een account.",
			"You do not have an account here yet. Ask your workplace's coordinator for an "
			"invitation, or the administrator for an account.");
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
	if (!r->replied)
		reply_store_error(r, rc == ST_OK ? ST_ERROR : rc);
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

void page_oidc_callback(req *r)
{
	login_attempt *la = take_attempt(r);
	if (!la)
		return;
	const char *error = req_query(r, "error"), *code = req_query(r, "code");
	if (error || !code || !*code || strlen(code) > 2048) {
		r->log_note = error ? arena_strdup(r->a, error) : "no code";
		refused(r, 403, "Je instelling heeft je niet ingelogd. Je kunt het opnieuw proberen.",
			"Your institution did not sign you in. You can try again.");
		return;
	}
	identity_provider p;
	if (!provider_or_404(r, store_idp_get(r->st, r->a, la->provider_id, &p)))
		return;
	/* RFC 9207: a provider that names itself must be the one asked */
	const char *iss = req_query(r, "iss");
	if (iss && strcmp(iss, p.issuer) != 0) {
		r->log_note = "iss parameter of another provider";
		refused(r, 403, "Dit antwoord komt van een andere inlogdienst dan de gevraagde.",
			"This answer comes from another sign-in service than the one asked.");
		return;
	}
	oidc_discovery d;
	if (!provider_discovery(r, &p, &d))
		return;
	json_t *claims = id_token_claims(r, &p, &d, la);
	oidc_discovery_free(&d);
	if (!claims)
		return;
	external_person *x = claims_person(r, &p, claims);
	bool ok = x && sign_in(r, &p, x);
	json_decref(claims);
	if (ok)
		reply_redirect(r, la->next);
}

/* ---- one-time login links (werkplaats login-link) ---- */

static int64_t login_link_person(req *r, bool take)
{
	if (probe_blocked(r))
		return 0;
	int64_t pid = 0;
	char h[HASH_HEX + 1];
	const char *tok = r->param[0];
	if (token_well_formed(tok)) {
		token_hash("login-link", tok, h);
		if (store_login_link_person(r->st, h, wp_now(), take, &pid) == ST_OK)
			return pid;
	}
	probe_failure(r);
	reply_error(r, 404, tr(r, "Deze inloglink bestaat niet, is al gebruikt of is verlopen.",
			       "This login link does not exist, has been used or has expired."));
	return 0;
}

void page_login_link_form(req *r)
{
	if (!login_link_person(r, false))
		return;
	page_begin(r, tr(r, "Inloggen met een eenmalige link", "Log in with a one-time link"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1><p>%s</p>",
	     tr(r, "Inloggen met een eenmalige link", "Log in with a one-time link"),
	     tr(r, "Deze link is op de opdrachtregel van de server gemaakt. Hij werkt één keer.",
		"This link was made on the server's command line. It works once."));
	form_begin(r, arena_printf(r->a, "/login/link/%s", r->param[0]), NULL);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Inloggen", "Log in"));
	form_end(r);
	html(&r->out, "</div>");
	page_end(r);
}

void page_login_link(req *r)
{
	int64_t pid = login_link_person(r, true);
	if (!pid)
		return;
	store_rc rc = session_start(r, pid);
	if (rc == ST_OK)
		rc = store_audit(r->st, pid, 0, "login", "one-time link from the command line");
	if (rc != ST_OK) {
		r->headers.n = 0;
		reply_store_error(r, rc);
		return;
	}
	reply_redirect(r, "/");
}
