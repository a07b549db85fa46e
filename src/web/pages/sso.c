/* sso.c - signing in through the institution with OpenID Connect
 * (authorization code flow with PKCE, state and nonce), and the command
 * line's one-time login links.
 *
 * POST /login/oidc/{idp} starts an attempt (web/sign_in.h: a row keyed on
 * the hash of a fresh `state`, with the nonce, the PKCE verifier and a
 * browser token that only this browser's cookie wp_sso carries, 10
 * minutes, path /login/oidc). The provider sends the browser back to GET
 * /login/oidc/callback: the attempt is taken (it works once), the cookie
 * must match, the code is redeemed at the token endpoint with the
 * verifier, and the ID token's signature and claims are checked
 * (src/io/oidc.h). The callback is a GET that signs in, as the protocol
 * has it; it is TX_SELF and opens its own transactions. */
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
#include "web/sign_in.h"

#define CALLBACK_PATH "/login/oidc/callback"

static const attempt_cookie oidc_cookie = {"wp_sso", "/login/oidc", false};

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

/* Fetch the discovery document and the keys, and keep them; false after
 * a reply. */
static bool fetch_documents(req *r, identity_provider *p)
{
	size_t n = strlen(p->issuer);
	const char *disc = sign_in_fetch(r, arena_printf(r->a, "%s%s.well-known/openid-configuration",
							 p->issuer, n && p->issuer[n - 1] == '/' ? "" : "/"));
	if (!disc)
		return false;
	oidc_discovery d;
	char *err = NULL;
	if (!oidc_discovery_parse(disc, p->issuer, &d, &err)) {
		sign_in_unreachable(r, err);
		return false;
	}
	const char *jwks = sign_in_fetch(r, d.jwks_uri);
	oidc_discovery_free(&d);
	return jwks && sign_in_keep_documents(r, p, disc, jwks);
}

/* The provider's endpoints, from the cache while it is fresh. */
static bool provider_discovery(req *r, identity_provider *p, oidc_discovery *d)
{
	char *err = NULL;
	if ((!*p->discovery || p->fetched_at + PROVIDER_DOCUMENT_SECONDS < wp_now()) &&
	    !fetch_documents(r, p))
		return false;
	if (!oidc_discovery_parse(p->discovery, p->issuer, d, &err)) {
		sign_in_unreachable(r, err);
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

void page_oidc_start(req *r)
{
	identity_provider p;
	if (!sign_in_provider(r, r->param[0], 0, &p))
		return;
	if (strcmp(p.protocol, "oidc") != 0) {
		reply_error(r, 404, NULL);
		return;
	}
	oidc_discovery d;
	if (!provider_discovery(r, &p, &d))
		return;
	char state[TOKEN_CHARS + 1], nonce[TOKEN_CHARS + 1], v1[TOKEN_CHARS + 1], v2[TOKEN_CHARS + 1];
	token_random(state);
	token_random(nonce);
	token_random(v1);
	token_random(v2);
	const char *verifier = arena_printf(r->a, "%s%s", v1, v2);
	if (sign_in_attempt_begin(r, &p, state, nonce, verifier, &oidc_cookie))
		reply_redirect(r, arena_printf(r->a,
					       "%s%sresponse_type=code&client_id=%s&redirect_uri=%s"
					       "&scope=openid%%20email%%20profile&state=%s&nonce=%s"
					       "&code_challenge=%s&code_challenge_method=S256",
					       d.authorization_endpoint,
					       strchr(d.authorization_endpoint, '?') ? "&" : "?",
					       url_escape(r, p.client_id), url_escape(r, redirect_uri(r)), state,
					       nonce, pkce_challenge(r, verifier)));
	oidc_discovery_free(&d);
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
		sign_in_unreachable(r, xstrdup("the client secret cannot be unsealed (--secret-key-file)"));
		return NULL;
	}
	char *token = oidc_redeem_code(d->token_endpoint, p->client_id, secret ? secret : "",
				       req_query(r, "code"), redirect_uri(r), la->verifier, &err);
	if (secret) {
		sodium_memzero(secret, strlen(secret));
		free(secret);
	}
	if (!token) {
		sign_in_unreachable(r, err);
		return NULL;
	}
	oidc_expect e = {p->issuer, p->client_id, la->nonce, wp_now()};
	json_t *claims = NULL;
	const char *why = NULL;
	oidc_result res = oidc_verify_id_token(p->jwks, token, &e, &claims, &why);
	/* a key we do not know yet: the provider may have rolled its keys */
	bool fetched = res != OIDC_UNKNOWN_KEY || fetch_documents(r, p);
	if (fetched && res == OIDC_UNKNOWN_KEY)
		res = oidc_verify_id_token(p->jwks, token, &e, &claims, &why);
	free(token);
	if (!fetched)
		return NULL;
	if (res != OIDC_OK) {
		sign_in_refuse(r, p, 403, why,
			       "Het antwoord van de inlogdienst klopt niet (het is niet goed ondertekend, niet "
			       "voor deze site bedoeld of verlopen). Je bent niet ingelogd.",
			       "The sign-in service's answer does not hold up (it is not signed properly, not "
			       "meant for this site, or expired). You are not signed in.");
		return NULL;
	}
	return claims;
}

void page_oidc_callback(req *r)
{
	login_attempt *la = sign_in_attempt_take(r, req_query(r, "state"), &oidc_cookie);
	identity_provider p;
	if (!la || !sign_in_provider(r, NULL, la->provider_id, &p))
		return;
	const char *error = req_query(r, "error"), *code = req_query(r, "code");
	/* RFC 9207: a provider that names itself must be the one asked */
	const char *iss = req_query(r, "iss");
	const char *why = error				    ? arena_printf(r->a, "the provider says %s", error)
			  : iss && strcmp(iss, p.issuer) != 0 ? "the answer names another issuer"
			  : !code || !*code || strlen(code) > 2048 ? "no usable code"
							       : NULL;
	if (why) {
		sign_in_refuse(r, &p, 403, why,
			       "Je instelling heeft je niet ingelogd. Je kunt het opnieuw proberen.",
			       "Your institution did not sign you in. You can try again.");
		return;
	}
	oidc_discovery d;
	if (!provider_discovery(r, &p, &d))
		return;
	json_t *claims = id_token_claims(r, &p, &d, la);
	oidc_discovery_free(&d);
	if (claims)
		sign_in_person(r, &p, claims, la->next);
	json_decref(claims);
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
