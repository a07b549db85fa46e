/* oidc.h - the OpenID Connect relying party's outside work: fetching a
 * provider's discovery document and keys and redeeming an authorization
 * code (libcurl), and checking an ID token (cjose for the JWS signature,
 * jansson for the claims). No state: the caller keeps the cache.
 *
 * Only HTTPS is spoken to a provider, except on loopback (a provider on
 * the same machine, as in the tests). */
#ifndef WP_OIDC_H
#define WP_OIDC_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#define OIDC_BODY_MAX (256 * 1024) /* bytes of a provider's answer */
#define OIDC_SKEW 60               /* seconds of clock difference forgiven */
#define OIDC_IAT_MAX 600           /* an ID token issued longer ago is refused */

/* What the discovery document says, as copies (caller frees with
 * oidc_discovery_free). */
typedef struct {
	char *issuer, *authorization_endpoint, *token_endpoint, *jwks_uri;
} oidc_discovery;

/* Whether a provider URL may be used: https, or http on loopback. */
bool oidc_url_allowed(const char *url);

/* What a SAML provider's person is read from, unless the administrator
 * says otherwise: the subject's NameID (SURFconext: a persistent,
 * pairwise identifier) and the attributes with the address and name. */
#define SAML_ID_DEFAULT "NameID"
#define SAML_EMAIL_DEFAULT "urn:mace:dir:attribute-def:mail"
#define SAML_NAME_DEFAULT "urn:mace:dir:attribute-def:displayName"

/* A provider's short name in URLs: 1-40 of a-z, 0-9 and '-'. */
bool oidc_slug_ok(const char *slug);
/* A claim (or attribute) name: 1-100 printable ASCII characters. */
bool oidc_claim_name_ok(const char *name);

/* GET url; the body (caller frees) or NULL with *err (caller frees). */
char *oidc_get(const char *url, char **err);

/* Read a discovery document; false with *err (caller frees) when it is
 * not JSON, lacks an endpoint, names another issuer than `issuer` or an
 * endpoint that oidc_url_allowed refuses. */
bool oidc_discovery_parse(const char *json, const char *issuer, oidc_discovery *out, char **err);
void oidc_discovery_free(oidc_discovery *d);

/* POST the authorization code to the token endpoint (client_secret_basic)
 * and return the id_token (caller frees), or NULL with *err. */
char *oidc_redeem_code(const char *token_endpoint, const char *client_id, const char *secret,
		       const char *code, const char *redirect_uri, const char *verifier, char **err);

typedef enum {
	OIDC_OK,
	OIDC_UNKNOWN_KEY, /* no key in the set has the token's kid: refetch the keys once */
	OIDC_BAD_TOKEN,   /* malformed, bad signature, or a claim does not hold */
} oidc_result;

typedef struct {
	const char *issuer, *client_id, *nonce;
	int64_t now;
} oidc_expect;

/* Check an ID token (compact JWS) against the key set (JWKS JSON text):
 * signature by a key of the set with an asymmetric algorithm; iss, aud
 * (and azp when several audiences), exp, iat and nonce. On OIDC_OK,
 * *claims holds the payload (caller json_decref's); otherwise *why says
 * what failed (static text). */
oidc_result oidc_verify_id_token(const char *jwks, const char *token, const oidc_expect *e,
				 json_t **claims, const char **why);

/* A claim as text: a string claim, or a number claim printed, or NULL.
 * The text lives as long as claims. An empty string counts as missing. */
const char *oidc_claim_text(json_t *claims, const char *name, char *numbuf, size_t numlen);

#endif
