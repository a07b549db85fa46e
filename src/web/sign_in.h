/* sign_in.h - what signing in through an identity provider needs,
 * whichever protocol carries it (pages/sso.c for OpenID Connect,
 * pages/saml.c for SAML): the provider's documents fetched and kept, the
 * login attempt bound to the browser that started it, and the account
 * found or made for the person the provider names.
 *
 * A login attempt is a row keyed on the hash of a fresh `state` (OpenID
 * Connect's state, SAML's RelayState), holding what the answer must match
 * (nonce or request ID, PKCE verifier), where to go after, and the hash
 * of a browser token that only this browser's cookie carries. It lives
 * ATTEMPT_SECONDS and works once. */
#ifndef WP_SIGN_IN_H
#define WP_SIGN_IN_H

#include <jansson.h>

#include "web/web.h"

#define ATTEMPT_SECONDS 600
#define PROVIDER_DOCUMENT_SECONDS (24 * 3600) /* discovery, keys, metadata kept this long */

/* How a protocol's attempt cookie is set: name and path; SameSite=None
 * (with Secure, only where cookies are secure) for an answer that comes
 * back as a cross-site POST (SAML), Lax otherwise. */
typedef struct {
	const char *name, *path;
	bool cross_site_post;
} attempt_cookie;

/* A button per identity provider ("Sign in through NAME"), each a form
 * that starts an attempt returning to next; true when there is one. */
bool sign_in_buttons(req *r, const char *next);

/* Load the provider named by slug or id; false after a 404 or store reply. */
bool sign_in_provider(req *r, const char *slug, int64_t id, identity_provider *p);

/* Fetch url (https, or http on loopback); the body (arena) or NULL after
 * a 502 reply that logs why. */
const char *sign_in_fetch(req *r, const char *url);

/* Keep what was fetched from the provider, in a transaction of its own;
 * false after a reply. */
bool sign_in_keep_documents(req *r, identity_provider *p, const char *document, const char *keys);

/* The 502 reply for a provider that does not answer properly; logs why
 * (freed here). */
void sign_in_unreachable(req *r, char *why);

/* Start an attempt for provider p under state (a fresh token_random;
 * nonce and verifier may be ""), in a transaction of its own, and set the
 * cookie; false after a reply. */
bool sign_in_attempt_begin(req *r, const identity_provider *p, const char *state, const char *nonce,
			   const char *verifier, const attempt_cookie *c);

/* Take the attempt of state for this browser; NULL after a 400 reply when
 * it is unknown, used, expired or another browser's (used up then too). */
login_attempt *sign_in_attempt_take(req *r, const char *state, const attempt_cookie *c);

/* A refusal: reply status with the text in both languages, and write
 * why (English, for the administrator) to the audit log. */
void sign_in_refuse(req *r, const identity_provider *p, int status, const char *why, const char *nl,
		    const char *en);

/* Sign in the person the claims name (by the provider's id, e-mail and
 * name claims): the account bound to (provider, subject), else the first
 * sign-in rule; start the session and go to next. */
void sign_in_person(req *r, const identity_provider *p, json_t *claims, const char *next);

#endif
