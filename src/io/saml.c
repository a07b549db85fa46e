/* saml.c - SAML 2.0 service provider through Lasso (saml.h). What to
 * check after Lasso has verified the signature follows the SAML 2.0
 * profiles (section 4.1.4.3) and what mod_auth_mellon checks. */
#include "io/saml.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <lasso/lasso.h>
#include <lasso/xml/misc_text_node.h>
#include <lasso/xml/saml-2.0/samlp2_response.h>
#include <lasso/xml/saml-2.0/samlp2_authn_request.h>
#include <lasso/xml/saml-2.0/saml2_assertion.h>
#include <lasso/xml/saml-2.0/saml2_attribute.h>
#include <lasso/xml/saml-2.0/saml2_attribute_statement.h>
#include <lasso/xml/saml-2.0/saml2_attribute_value.h>
#include <lasso/xml/saml-2.0/saml2_audience_restriction.h>
#include <lasso/xml/saml-2.0/saml2_conditions.h>
#include <lasso/xml/saml-2.0/saml2_name_id.h>
#include <lasso/xml/saml-2.0/saml2_subject.h>
#include <lasso/xml/saml-2.0/saml2_subject_confirmation.h>
#include <lasso/xml/saml-2.0/saml2_subject_confirmation_data.h>

#include "base/util.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_lasso(void)
{
	if (lasso_init() != 0)
		die("cannot initialise Lasso (SAML)");
}

/* Text with & < > " escaped for XML; caller frees. */
static char *xml_escape(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += strchr("&<>\"'", *p) ? 6 : 1;
	char *out = xmalloc(n + 1), *o = out;
	for (; *s; s++) {
		const char *ent = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
				: *s == '"' ? "&quot;" : *s == '\'' ? "&apos;" : NULL;
		if (ent) {
			memcpy(o, ent, strlen(ent));
			o += strlen(ent);
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
	return out;
}

/* The base64 body of the first certificate in PEM text, without line
 * breaks; caller frees. NULL when there is none. */
static char *pem_body(const char *pem)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----", end[] = "-----END CERTIFICATE-----";
	const char *b = pem ? strstr(pem, begin) : NULL;
	const char *e = b ? strstr(b, end) : NULL;
	if (!e)
		return NULL;
	b += strlen(begin);
	char *out = xmalloc((size_t)(e - b) + 1), *o = out;
	for (; b < e; b++)
		if ((*b >= 'A' && *b <= 'Z') || (*b >= 'a' && *b <= 'z') || (*b >= '0' && *b <= '9') ||
		    *b == '+' || *b == '/' || *b == '=')
			*o++ = *b;
	*o = 0;
	if (o == out) {
		free(out);
		return NULL;
	}
	return out;
}

char *saml_sp_metadata(const char *entity_id, const char *acs_url, const char *cert_pem)
{
	char *cert = pem_body(cert_pem);
	if (!cert)
		return NULL;
	char *id = xml_escape(entity_id), *acs = xml_escape(acs_url);
	static const char fmt[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
		" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"%s\">\n"
		" <md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\""
		" AuthnRequestsSigned=\"true\" WantAssertionsSigned=\"true\">\n"
		"  <md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data>"
		"<ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n"
		"  <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
		"  <md:AssertionConsumerService index=\"0\" isDefault=\"true\""
		" Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"%s\"/>\n"
		" </md:SPSSODescriptor>\n"
		"</md:EntityDescriptor>\n";
	size_t n = sizeof fmt + strlen(id) + strlen(cert) + strlen(acs);
	char *out = xmalloc(n);
	snprintf(out, n, fmt, id, cert, acs);
	free(cert);
	free(id);
	free(acs);
	return out;
}

char *saml_idp_entity_id(const char *idp_metadata)
{
	pthread_once(&init_once, init_lasso);
	LassoProvider *p = idp_metadata ? lasso_provider_new_from_buffer(LASSO_PROVIDER_ROLE_IDP,
									 idp_metadata, NULL, NULL)
					: NULL;
	if (!p)
		return NULL;
	gchar *sso = lasso_provider_get_metadata_one(p, "SingleSignOnService HTTP-Redirect");
	char *id = sso && p->ProviderID ? xstrdup(p->ProviderID) : NULL;
	g_free(sso);
	g_object_unref(p);
	return id;
}

/* A Lasso server for our SP with the IdP added; NULL with *why. */
static LassoServer *sp_server(const saml_sp *sp, const char *idp_metadata, const char **why)
{
	pthread_once(&init_once, init_lasso);
	LassoServer *s = lasso_server_new_from_buffers(sp->metadata, sp->key_file, NULL, sp->cert_file);
	if (!s) {
		*why = "the service provider's metadata, key or certificate cannot be read";
		return NULL;
	}
	s->signature_method = LASSO_SIGNATURE_METHOD_RSA_SHA256; /* for our AuthnRequests */
	if (lasso_server_add_provider_from_buffer(s, LASSO_PROVIDER_ROLE_IDP, idp_metadata, NULL, NULL) != 0) {
		lasso_server_destroy(s);
		*why = "the identity provider's metadata cannot be read";
		return NULL;
	}
	return s;
}

bool saml_authn_request(const saml_sp *sp, const char *idp_metadata, const char *relay,
			char **url, char **request_id, char **err)
{
	const char *why = NULL;
	LassoServer *s = sp_server(sp, idp_metadata, &why);
	LassoLogin *login = s ? lasso_login_new(s) : NULL;
	*url = *request_id = NULL;
	if (login && lasso_login_init_authn_request(login, NULL, LASSO_HTTP_METHOD_REDIRECT) == 0) {
		LassoSamlp2AuthnRequest *req = LASSO_SAMLP2_AUTHN_REQUEST(LASSO_PROFILE(login)->request);
		if (req->NameIDPolicy)
			req->NameIDPolicy->AllowCreate = TRUE;
		req->ForceAuthn = FALSE;
		req->IsPassive = FALSE;
		g_free(req->ProtocolBinding);
		req->ProtocolBinding = g_strdup(LASSO_SAML2_METADATA_BINDING_POST);
		g_free(LASSO_PROFILE(login)->msg_relayState);
		LASSO_PROFILE(login)->msg_relayState = g_strdup(relay);
		if (lasso_login_build_authn_request_msg(login) == 0 && LASSO_PROFILE(login)->msg_url) {
			*url = xstrdup(LASSO_PROFILE(login)->msg_url);
			*request_id = xstrdup(LASSO_SAMLP2_REQUEST_ABSTRACT(req)->ID);
		}
	}
	if (!*url && !why)
		why = "Lasso could not build the AuthnRequest";
	if (login)
		lasso_login_destroy(login);
	if (s)
		lasso_server_destroy(s);
	if (why)
		*err = xstrdup(why);
	return *url != NULL;
}

bool saml_time(const char *s, int64_t *out)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 20 || n > 40 || s[n - 1] != 'Z')
		return false;
	GDateTime *t = g_date_time_new_from_iso8601(s, NULL);
	if (!t)
		return false;
	*out = g_date_time_to_unix(t);
	g_date_time_unref(t);
	return true;
}

/* A time window [not_before, not_on_or_after): NULL when now is inside
 * (with SAML_SKEW), otherwise the problem. *until takes the end. */
static const char *window(const char *not_before, const char *not_on_or_after, bool end_required,
			  int64_t now, int64_t *until)
{
	int64_t t;
	if (not_before && (!saml_time(not_before, &t) || t - SAML_SKEW > now))
		return "the assertion is not valid yet";
	if (!not_on_or_after)
		return end_required ? "the assertion has no end of validity" : NULL;
	if (!saml_time(not_on_or_after, &t) || now >= t + SAML_SKEW)
		return "the assertion has expired";
	if (t < *until)
		*until = t;
	return NULL;
}

static const char *check_subject(LassoNode *response, LassoSaml2Assertion *a, const saml_expect *e,
				 int64_t *until)
{
	LassoSaml2Subject *subj = a->Subject;
	if (!LASSO_IS_SAML2_SUBJECT(subj) || !LASSO_IS_SAML2_SUBJECT_CONFIRMATION(subj->SubjectConfirmation))
		return "the assertion has no subject confirmation";
	LassoSaml2SubjectConfirmation *sc = subj->SubjectConfirmation;
	if (!sc->Method || strcmp(sc->Method, LASSO_SAML2_CONFIRMATION_METHOD_BEARER) != 0)
		return "the subject confirmation is not of the bearer kind";
	LassoSaml2SubjectConfirmationData *d = sc->SubjectConfirmationData;
	if (!LASSO_IS_SAML2_SUBJECT_CONFIRMATION_DATA(d))
		return "the subject confirmation has no data";
	if (!d->Recipient || strcmp(d->Recipient, e->acs_url) != 0)
		return "the assertion names another recipient";
	LassoSamlp2StatusResponse *sr = LASSO_SAMLP2_STATUS_RESPONSE(response);
	if (!d->InResponseTo || strcmp(d->InResponseTo, sr->InResponseTo) != 0)
		return "the assertion answers another request than its response";
	return window(d->NotBefore, d->NotOnOrAfter, true, e->now, until);
}

static const char *check_conditions(LassoSaml2Assertion *a, const char *entity_id, const saml_expect *e,
				    int64_t *until)
{
	LassoSaml2Conditions *c = a->Conditions;
	if (!LASSO_IS_SAML2_CONDITIONS(c) || !c->AudienceRestriction)
		return "the assertion names no audience";
	if (c->Condition)
		return "the assertion has a condition we do not know";
	for (GList *i = c->AudienceRestriction; i; i = i->next) {
		LassoSaml2AudienceRestriction *ar = i->data;
		if (!LASSO_IS_SAML2_AUDIENCE_RESTRICTION(ar) || !ar->Audience ||
		    strcmp(ar->Audience, entity_id) != 0)
			return "the assertion is meant for another audience";
	}
	return window(c->NotBefore, c->NotOnOrAfter, false, e->now, until);
}

/* name -> first text value of each attribute */
static json_t *attributes(LassoSaml2Assertion *a)
{
	json_t *o = json_object();
	for (GList *s = a->AttributeStatement; s; s = s->next) {
		if (!LASSO_IS_SAML2_ATTRIBUTE_STATEMENT(s->data))
			continue;
		for (GList *i = LASSO_SAML2_ATTRIBUTE_STATEMENT(s->data)->Attribute; i; i = i->next) {
			LassoSaml2Attribute *at = i->data;
			if (!LASSO_IS_SAML2_ATTRIBUTE(at) || !at->Name || json_object_get(o, at->Name))
				continue;
			for (GList *v = at->AttributeValue; v; v = v->next) {
				LassoSaml2AttributeValue *av = v->data;
				GList *any = LASSO_IS_SAML2_ATTRIBUTE_VALUE(av) ? av->any : NULL;
				if (any && LASSO_IS_MISC_TEXT_NODE(any->data) &&
				    LASSO_MISC_TEXT_NODE(any->data)->content) {
					json_object_set_new(o, at->Name,
							    json_string(LASSO_MISC_TEXT_NODE(any->data)->content));
					break;
				}
			}
		}
	}
	return o;
}

static const char *check_message(LassoLogin *login, const char *idp_entity, const saml_expect *e,
				 LassoSaml2Assertion **out)
{
	LassoSamlp2Response *res = LASSO_SAMLP2_RESPONSE(LASSO_PROFILE(login)->response);
	LassoSamlp2StatusResponse *sr = LASSO_SAMLP2_STATUS_RESPONSE(res);
	if (sr->Destination && strcmp(sr->Destination, e->acs_url) != 0)
		return "the response was sent to another address";
	if (!sr->InResponseTo || !*sr->InResponseTo || strlen(sr->InResponseTo) > 200)
		return "the response answers no request";
	if (g_list_length(res->Assertion) != 1 || !LASSO_IS_SAML2_ASSERTION(res->Assertion->data))
		return "the response does not hold exactly one assertion";
	LassoSaml2Assertion *a = res->Assertion->data;
	if (!a->ID || !*a->ID || strlen(a->ID) > 200)
		return "the assertion has no ID";
	if (!a->Issuer || !a->Issuer->content || strcmp(a->Issuer->content, idp_entity) != 0)
		return "the assertion comes from another identity provider";
	*out = a;
	return NULL;
}

saml_result saml_check_response(const saml_sp *sp, const char *idp_metadata, const char *response_b64,
				const saml_expect *e, saml_assertion *out, const char **why)
{
	memset(out, 0, sizeof *out);
	*why = NULL;
	LassoServer *s = sp_server(sp, idp_metadata, why);
	if (!s)
		return SAML_BAD;
	LassoLogin *login = lasso_login_new(s);
	LassoProfile *profile = LASSO_PROFILE(login);
	/* Lasso's default hint: the response's signature when it has one,
	 * else the assertion's; a message with neither, or with a signature
	 * that does not verify, is refused (tests/http/test_sign_in_saml.py
	 * shows each). FORCE would refuse providers that sign only the
	 * assertion, as many do. */
	char *entity = saml_idp_entity_id(idp_metadata);
	LassoSaml2Assertion *a = NULL;
	int64_t until = INT64_MAX;
	char *msg = xstrdup(response_b64);
	int rc = lasso_login_process_authn_response_msg(login, msg);
	free(msg);
	if (rc != 0 || !LASSO_IS_SAMLP2_RESPONSE(profile->response) || !entity)
		*why = rc == LASSO_PROFILE_ERROR_STATUS_NOT_SUCCESS
			       ? "the identity provider did not sign the person in"
			       : "the response is not signed properly or cannot be read";
	if (!*why)
		*why = check_message(login, entity, e, &a);
	if (!*why)
		*why = check_subject(profile->response, a, e, &until);
	if (!*why)
		*why = check_conditions(a, LASSO_PROVIDER(s)->ProviderID, e, &until);
	LassoSaml2NameID *nid = profile->nameIdentifier && LASSO_IS_SAML2_NAME_ID(profile->nameIdentifier)
					? LASSO_SAML2_NAME_ID(profile->nameIdentifier)
					: NULL;
	if (!*why) {
		out->assertion_id = xstrdup(a->ID);
		out->in_response_to = xstrdup(LASSO_SAMLP2_STATUS_RESPONSE(profile->response)->InResponseTo);
		out->expires_at = until;
		out->name_id = nid && nid->content ? xstrdup(nid->content) : NULL;
		out->attributes = attributes(a);
	}
	free(entity);
	lasso_login_destroy(login);
	lasso_server_destroy(s);
	return *why ? SAML_BAD : SAML_OK;
}

void saml_assertion_free(saml_assertion *a)
{
	free(a->assertion_id);
	free(a->in_response_to);
	free(a->name_id);
	json_decref(a->attributes);
	memset(a, 0, sizeof *a);
}
