/* saml.c - signing in through the institution with SAML 2.0 Web Browser
 * SSO, werkplaats as service provider (src/io/saml.h, Lasso).
 *
 * GET /saml/metadata is our metadata (entity ID: that address; the ACS
 * and the certificate of serve --saml-key/--saml-cert). POST
 * /login/saml/{idp} starts an attempt (web/sign_in.h; the request's ID
 * kept as its nonce, the RelayState its state, the cookie wp_saml on path
 * /saml) and sends an AuthnRequest by redirect. The provider has the
 * browser POST the Response to /saml/acs, a cross-site POST without our
 * CSRF token (ACC_IDP): it proves itself by its signature and by the
 * attempt this browser started. Checked there: the attempt and cookie,
 * the signature and conditions (saml_check_response), that the assertion
 * was not used before (its ID is kept until it expires), and that it
 * answers this attempt's request.
 *
 * A SAML provider's `issuer` is its metadata URL; the metadata fetched
 * from there is kept a day. Its identifier attribute may be "NameID" (the
 * subject's NameID, e.g. SURFconext's persistent pairwise identifier). */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "io/saml.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/sign_in.h"

#define SAML_RESPONSE_MAX (512 * 1024)

static const attempt_cookie saml_cookie = {"wp_saml", "/saml", true};

static const char *entity_id(req *r)
{
	return arena_printf(r->a, "%s/saml/metadata", r->app->public_url);
}

static const char *acs_url(req *r)
{
	return arena_printf(r->a, "%s/saml/acs", r->app->public_url);
}

/* Our side: metadata, key and certificate; false after a 404 when SAML
 * is not set up on this server. */
static bool service_provider(req *r, saml_sp *sp)
{
	char *md = r->app->saml_cert_pem ? saml_sp_metadata(entity_id(r), acs_url(r), r->app->saml_cert_pem)
					 : NULL;
	if (!md) {
		reply_error(r, 404, tr(r, "Inloggen met SAML is op deze server niet ingesteld (serve --saml-key "
					  "en --saml-cert).",
				       "Signing in with SAML is not set up on this server (serve --saml-key and "
				       "--saml-cert)."));
		return false;
	}
	sp->metadata = arena_strdup(r->a, md);
	sp->key_file = r->app->saml_key_file;
	sp->cert_file = r->app->saml_cert_file;
	free(md);
	return true;
}

void page_saml_metadata(req *r)
{
	saml_sp sp;
	if (!service_provider(r, &sp))
		return;
	r->status = 200;
	r->content_type = "application/samlmetadata+xml";
	buf_puts(&r->out, sp.metadata);
	r->replied = true;
}

/* The provider's metadata, from the cache while it is fresh. */
static const char *provider_metadata(req *r, identity_provider *p)
{
	if (*p->discovery && p->fetched_at + PROVIDER_DOCUMENT_SECONDS >= wp_now())
		return p->discovery;
	const char *md = sign_in_fetch(r, p->issuer);
	if (!md)
		return NULL;
	char *entity = saml_idp_entity_id(md);
	if (!entity) {
		sign_in_unreachable(r, xstrdup("the metadata is not that of a SAML identity provider"));
		return NULL;
	}
	free(entity);
	return sign_in_keep_documents(r, p, md, "") ? md : NULL;
}

static bool saml_provider(req *r, const char *slug, int64_t id, identity_provider *p)
{
	if (!sign_in_provider(r, slug, id, p))
		return false;
	if (strcmp(p->protocol, "saml") != 0) {
		reply_error(r, 404, NULL);
		return false;
	}
	return true;
}

void page_saml_start(req *r)
{
	identity_provider p;
	saml_sp sp;
	if (!saml_provider(r, r->param[0], 0, &p) || !service_provider(r, &sp))
		return;
	const char *md = provider_metadata(r, &p);
	if (!md)
		return;
	/* the attempt keeps the request's ID: made first, under the state
	 * that goes out as RelayState (inside the request's signature) */
	char *url = NULL, *request_id = NULL, *err = NULL;
	char state[TOKEN_CHARS + 1];
	token_random(state);
	if (!saml_authn_request(&sp, md, state, &url, &request_id, &err)) {
		sign_in_unreachable(r, err);
		return;
	}
	if (sign_in_attempt_begin(r, &p, state, request_id, "", &saml_cookie))
		reply_redirect(r, arena_strdup(r->a, url));
	free(url);
	free(request_id);
}

/* The assertion's attributes, with the subject's NameID as "NameID". */
static json_t *assertion_claims(saml_assertion *a)
{
	json_t *claims = json_incref(a->attributes);
	if (a->name_id)
		json_object_set_new(claims, "NameID", json_string(a->name_id));
	return claims;
}

/* Keep the assertion's ID until it expires; false after a refusal when it
 * was used before. */
static bool first_use(req *r, const identity_provider *p, const saml_assertion *a)
{
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_assertion_use(r->st, p->id, a->assertion_id, a->expires_at, wp_now());
	rc = store_end(r->st, rc);
	if (rc == ST_CONFLICT)
		sign_in_refuse(r, p, 403, "the assertion was used before (a replay)",
			       "Dit antwoord van de inlogdienst is al eens gebruikt. Log opnieuw in.",
			       "This answer from the sign-in service has been used before. Sign in again.");
	else if (rc != ST_OK)
		reply_store_error(r, rc);
	return rc == ST_OK;
}

void page_saml_acs(req *r)
{
	login_attempt *la = sign_in_attempt_take(r, form_get(r, "RelayState"), &saml_cookie);
	identity_provider p;
	saml_sp sp;
	if (!la || !saml_provider(r, NULL, la->provider_id, &p) || !service_provider(r, &sp))
		return;
	const char *md = provider_metadata(r, &p), *message = form_get(r, "SAMLResponse");
	if (!md)
		return;
	saml_expect e = {acs_url(r), wp_now()};
	saml_assertion a;
	const char *why = "no SAMLResponse";
	if (message && strlen(message) < SAML_RESPONSE_MAX &&
	    saml_check_response(&sp, md, message, &e, &a, &why) == SAML_OK) {
		why = NULL;
		if (first_use(r, &p, &a)) {
			if (strcmp(a.in_response_to, la->nonce) != 0) {
				why = "the response answers another request";
			} else {
				json_t *claims = assertion_claims(&a);
				sign_in_person(r, &p, claims, la->next);
				json_decref(claims);
			}
		}
		saml_assertion_free(&a);
	}
	if (why)
		sign_in_refuse(r, &p, 403, why,
			       "Het antwoord van de inlogdienst klopt niet (het is niet goed ondertekend, niet "
			       "voor deze site bedoeld, verlopen of al gebruikt). Je bent niet ingelogd.",
			       "The sign-in service's answer does not hold up (it is not signed properly, not "
			       "meant for this site, expired or used before). You are not signed in.");
}
