/* saml.h - SAML 2.0 Web Browser SSO as a service provider, through Lasso
 * (the library under mod_auth_mellon): our metadata, an AuthnRequest by
 * the HTTP-Redirect binding, and a Response by the HTTP-POST binding
 * checked as Lasso does (the XML signature, with xmlsec) plus what the
 * profile asks of a service provider: status, destination, issuer, one
 * assertion, bearer subject confirmation with our ACS as recipient, the
 * time windows, our entity ID as audience. The caller refuses a replayed
 * assertion ID (it keeps the IDs until they expire) and an answer to
 * another request than its own (in_response_to). No state here. */
#ifndef WP_SAML_H
#define WP_SAML_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#define SAML_SKEW 60 /* seconds of clock difference forgiven */

/* The service provider: our metadata (saml_sp_metadata) and the files of
 * our key and certificate (PEM). Lasso is given the files, not their
 * text: xmlsec 1.2.37 loses a BIO each time it first tries a certificate
 * text as a file name. */
typedef struct {
	const char *metadata, *key_file, *cert_file;
} saml_sp;

/* Our metadata for entity_id with one ACS (HTTP-POST) at acs_url and the
 * certificate's key for signing; caller frees. NULL when cert_pem holds
 * no certificate. */
char *saml_sp_metadata(const char *entity_id, const char *acs_url, const char *cert_pem);

/* The entityID of an identity provider's metadata (caller frees), or NULL
 * when Lasso does not read it as an IdP with a single sign-on service. */
char *saml_idp_entity_id(const char *idp_metadata);

/* The URL to send the browser to with an AuthnRequest (HTTP-Redirect,
 * signed when the SP has a key), RelayState relay; *request_id is the
 * request's ID, for InResponseTo. Caller frees both. False with *err
 * (caller frees). */
bool saml_authn_request(const saml_sp *sp, const char *idp_metadata, const char *relay,
			char **url, char **request_id, char **err);

typedef struct {
	const char *acs_url;
	int64_t now;
} saml_expect;

typedef struct {
	char *assertion_id;   /* for the replay check */
	char *in_response_to; /* the request's ID: the caller compares it with its own */
	int64_t expires_at;  /* when the assertion can no longer be used */
	char *name_id;
	json_t *attributes; /* name -> first text value */
} saml_assertion;

typedef enum {
	SAML_OK,
	SAML_BAD, /* not signed properly, malformed, or a condition does not hold */
} saml_result;

/* Check a base64 SAMLResponse. On SAML_OK, *out holds the assertion
 * (caller calls saml_assertion_free); otherwise *why says what failed
 * (static text). */
saml_result saml_check_response(const saml_sp *sp, const char *idp_metadata, const char *response_b64,
				const saml_expect *e, saml_assertion *out, const char **why);
void saml_assertion_free(saml_assertion *a);

/* Parse an xs:dateTime in UTC as SAML writes it; false when it is not one. */
bool saml_time(const char *s, int64_t *out);

#endif
