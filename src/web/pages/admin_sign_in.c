/* admin_sign_in.c - /admin/sign-in: the identity providers people sign in
 * through (OpenID Connect or SAML 2.0), what to register with them, and
 * whether password login is on. The client
 * secret is sealed under the key of serve --secret-key-file, as the mail
 * password is (src/base/sealed.h), and never shown again. The same can be
 * done on the command line: werkplaats idp, werkplaats password-login. */
#include <stdlib.h>
#include <string.h>

#include "base/sealed.h"
#include "base/util.h"
#include "io/oidc.h"
#include "web/app.h"
#include "web/pages/pages.h"

static const char *const first_choices[] = {"create", "refuse", NULL};
static const char *const protocols[] = {"oidc", "saml", NULL};

static void password_setting(req *r)
{
	bool on = password_login_on(r);
	html(&r->out, "<h2>%s</h2><p id=\"password-login\" data-on=\"%s\">%s</p>",
	     tr(r, "Inloggen met een wachtwoord", "Logging in with a password"), on ? "yes" : "no",
	     on ? tr(r, "Inloggen met een wachtwoord staat aan.", "Logging in with a password is on.")
		: tr(r, "Inloggen met een wachtwoord staat uit. De beheerder komt altijd binnen met "
			"een eenmalige link: werkplaats login-link --db ... --email ...",
		     "Logging in with a password is off. The administrator can always get in with a "
		     "one-time link: werkplaats login-link --db ... --email ..."));
	form_begin(r, "/admin/sign-in/password", "inline");
	html(&r->out, "<input type=\"hidden\" name=\"on\" value=\"%s\"><button>%s</button>", on ? "0" : "1",
	     on ? tr(r, "Wachtwoorden uitzetten", "Switch passwords off")
		: tr(r, "Wachtwoorden aanzetten", "Switch passwords on"));
	form_end(r);
}

static void provider_list(req *r, identity_provider *ps, int n)
{
	html(&r->out, "<h2>%s</h2>", tr(r, "Inlogdiensten", "Identity providers"));
	if (n == 0) {
		html(&r->out, "<p>%s</p>", tr(r, "Er is nog geen inlogdienst ingesteld.",
					     "No identity provider has been set up yet."));
		return;
	}
	html(&r->out, "<table id=\"providers\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
		      "</thead><tbody>",
	     tr(r, "Naam", "Name"), tr(r, "Uitgever (issuer)", "Issuer"), tr(r, "Client-id", "Client id"),
	     tr(r, "Eerste keer", "First sign-in"), tr(r, "Verwijderen", "Remove"));
	for (int i = 0; i < n; i++) {
		html(&r->out, "<tr><td>%s <code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>",
		     ps[i].name, ps[i].slug, ps[i].issuer, ps[i].client_id,
		     strcmp(ps[i].first_sign_in, "create") == 0
			     ? tr(r, "account zonder toegang", "account without access")
			     : tr(r, "weigeren", "refuse"));
		form_begin(r, arena_printf(r->a, "/admin/sign-in/providers/%lld/remove", (long long)ps[i].id),
			   "inline");
		html(&r->out, "<button class=\"small\">%s</button>", tr(r, "Verwijderen", "Remove"));
		form_end(r);
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table>");
}

/* What to register with a provider: our addresses for each protocol. */
static void registration(req *r)
{
	const char *u = r->app->public_url;
	html(&r->out, "<h2>%s</h2><dl class=\"facts\"><dt>%s</dt><dd><code id=\"redirect-uri\">%s/login/oidc/callback"
		      "</code></dd>",
	     tr(r, "Wat je bij de inlogdienst registreert", "What to register with the provider"),
	     tr(r, "OpenID Connect: redirect-URI", "OpenID Connect: redirect URI"), u);
	if (r->app->saml_cert_pem)
		html(&r->out, "<dt>%s</dt><dd><code id=\"saml-metadata\">%s/saml/metadata</code></dd><dt>%s</dt>"
			      "<dd><code>%s/saml/acs</code></dd>",
		     tr(r, "SAML: metadata en entity-ID", "SAML: metadata and entity ID"), u,
		     tr(r, "SAML: Assertion Consumer Service (HTTP-POST)", "SAML: Assertion Consumer Service (HTTP-POST)"),
		     u);
	else
		html(&r->out, "<dt>SAML</dt><dd>%s</dd>",
		     tr(r, "Start de server met --saml-key en --saml-cert om SAML te gebruiken.",
			"Start the server with --saml-key and --saml-cert to use SAML."));
	html(&r->out, "</dl>");
}

static void provider_form(req *r)
{
	registration(r);
	html(&r->out, "<h2>%s</h2>", tr(r, "Inlogdienst toevoegen", "Add an identity provider"));
	error_summary(r);
	form_begin(r, "/admin/sign-in/providers", "stack");
	const char *proto_names[] = {"OpenID Connect", "SAML 2.0"};
	select_field(r, "protocol", tr(r, "Protocol", "Protocol"), protocols, proto_names, 2, form_get(r, "protocol"),
		     NULL);
	input_field(r, "text", "name", tr(r, "Naam op de knop", "Name on the button"), form_get(r, "name"),
		    tr(r, "Bijvoorbeeld SURFconext.", "For example SURFconext."), true);
	input_field(r, "text", "slug", tr(r, "Korte naam", "Short name"), form_get(r, "slug"),
		    tr(r, "Kleine letters, cijfers en streepjes; staat in de URL.",
		       "Lower-case letters, digits and dashes; part of the URL."),
		    true);
	input_field(r, "url", "issuer", tr(r, "Uitgever (issuer) of metadata-URL", "Issuer or metadata URL"),
		    form_get(r, "issuer"),
		    tr(r, "OpenID Connect: de issuer, bijvoorbeeld https://connect.surfconext.nl. SAML: de URL van de "
			  "metadata van de IdP, bijvoorbeeld https://metadata.surfconext.nl/idp-metadata.xml.",
		       "OpenID Connect: the issuer, for example https://connect.surfconext.nl. SAML: the URL of the "
		       "IdP's metadata, for example https://metadata.surfconext.nl/idp-metadata.xml."),
		    true);
	input_field(r, "text", "client_id", tr(r, "Client-id", "Client id"), form_get(r, "client_id"),
		    tr(r, "Alleen voor OpenID Connect.", "OpenID Connect only."), false);
	input_field(r, "password", "secret", tr(r, "Client-secret", "Client secret"), NULL,
		    r->app->has_mail_key ? tr(r, "Wordt versleuteld bewaard en nooit getoond.",
					      "Stored encrypted and never shown.")
					 : tr(r, "Start de server met --secret-key-file om een secret te kunnen "
						 "bewaren.",
					      "Start the server with --secret-key-file to be able to store a "
					      "secret."),
		    false);
	const char *dflt = tr(r, "Leeg: %s (OpenID Connect) of %s (SAML).", "Empty: %s (OpenID Connect) or %s (SAML).");
	input_field(r, "text", "id_claim", tr(r, "Claim of attribuut met de identiteit", "Claim or attribute holding the identity"),
		    form_get(r, "id_claim"), arena_printf(r->a, dflt, "sub", SAML_ID_DEFAULT), false);
	input_field(r, "text", "email_claim", tr(r, "Claim of attribuut met het e-mailadres",
						 "Claim or attribute holding the e-mail address"),
		    form_get(r, "email_claim"), arena_printf(r->a, dflt, "email", SAML_EMAIL_DEFAULT), false);
	input_field(r, "text", "name_claim", tr(r, "Claim of attribuut met de naam", "Claim or attribute holding the name"),
		    form_get(r, "name_claim"), arena_printf(r->a, dflt, "name", SAML_NAME_DEFAULT), false);
	const char *first_names[] = {
		tr(r, "Een account zonder toegang maken (een coördinator voegt het toe aan een werkplaats)",
		   "Make an account without access (a coordinator adds it to a workplace)"),
		tr(r, "Weigeren: alleen wie al een account heeft", "Refuse: only people who already have an account")};
	select_field(r, "first_sign_in", tr(r, "Bij de eerste keer inloggen", "At the first sign-in"), first_choices,
		     first_names, 2, form_get(r, "first_sign_in"), NULL);
	html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-link_email\" name=\"link_email\" "
		      "value=\"1\"%s><label for=\"f-link_email\">%s</label></div>",
	     field_checkbox(r, "link_email") ? " checked" : "",
	     tr(r, "Een bestaand account met hetzelfde e-mailadres koppelen (alleen als deze dienst "
		   "e-mailadressen controleert)",
		"Bind an existing account with the same e-mail address (only when this provider "
		"verifies e-mail addresses)"));
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Toevoegen", "Add"));
	form_end(r);
}

static void sign_in_page(req *r)
{
	identity_provider *ps;
	int n;
	store_rc rc = store_idps(r->st, r->a, &ps, &n);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, tr(r, "Inloggen via de instelling", "Sign-in through the institution"));
	html(&r->out, "<h1>%s</h1>", tr(r, "Beheer: inloggen", "Administration: sign-in"));
	password_setting(r);
	provider_list(r, ps, n);
	provider_form(r);
	page_end(r);
}

void page_admin_sign_in(req *r)
{
	sign_in_page(r);
}

void page_admin_password_login(req *r)
{
	bool on = strcmp(form_get(r, "on") ? form_get(r, "on") : "", "1") == 0;
	identity_provider *ps;
	int n = 0;
	store_rc rc = store_idps(r->st, r->a, &ps, &n);
	if (rc == ST_OK && !on && n == 0) {
		reply_error(r, 409, tr(r, "Stel eerst een inlogdienst in; anders kan niemand meer inloggen.",
				       "Set up an identity provider first; otherwise nobody can log in."));
		return;
	}
	if (rc == ST_OK)
		rc = store_meta_set(r->st, PASSWORD_LOGIN_KEY, on ? "on" : "off");
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "password login", on ? "on" : "off");
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/admin/sign-in");
}

/* Validate the form into p; field errors say what is wrong. */
static void read_provider(req *r, identity_provider *p)
{
	field_text(r, "name", 100, true, &p->name);
	field_text(r, "slug", 40, true, &p->slug);
	if (p->slug && !oidc_slug_ok(p->slug))
		field_error(r, "slug", tr(r, "Gebruik kleine letters, cijfers en streepjes.",
					  "Use lower-case letters, digits and dashes."));
	field_text(r, "issuer", 500, true, &p->issuer);
	if (p->issuer && !oidc_url_allowed(p->issuer))
		field_error(r, "issuer", tr(r, "Geef een https-adres.", "Give an https address."));
	int proto = 0;
	field_choice(r, "protocol", protocols, &proto);
	p->protocol = protocols[proto];
	bool saml = proto == 1;
	field_text(r, "client_id", 200, !saml, &p->client_id);
	if (!p->client_id)
		p->client_id = "";
	const char *names[] = {"id_claim", "email_claim", "name_claim"};
	const char *defaults[] = {saml ? SAML_ID_DEFAULT : "sub", saml ? SAML_EMAIL_DEFAULT : "email",
				  saml ? SAML_NAME_DEFAULT : "name"};
	const char **out[] = {&p->id_claim, &p->email_claim, &p->name_claim};
	for (int i = 0; i < 3; i++) {
		if (field_text(r, names[i], 100, false, out[i]) && *out[i] && !oidc_claim_name_ok(*out[i]))
			field_error(r, names[i], tr(r, "Een naam zonder spaties.", "A name without spaces."));
		if (!*out[i] || !**out[i])
			*out[i] = defaults[i];
	}
	int first = 0;
	field_choice(r, "first_sign_in", first_choices, &first);
	p->first_sign_in = first_choices[first];
	p->link_email = field_checkbox(r, "link_email");
}

/* The sealed secret, "" for none; false (with a field error) when a
 * secret was typed but cannot be kept. */
static bool seal_secret(req *r, identity_provider *p)
{
	const char *typed = form_get(r, "secret");
	p->secret_sealed = "";
	if (!typed || !*typed)
		return true;
	char *sealed = r->app->has_mail_key ? sealed_seal(r->app->mail_key, typed) : NULL;
	if (!sealed) {
		field_error(r, "secret", r->app->has_mail_key
						 ? tr(r, "Dit secret is te lang.", "This secret is too long.")
						 : tr(r, "Start de server met --secret-key-file om een secret te kunnen bewaren.",
						      "Start the server with --secret-key-file to be able to store a secret."));
		return false;
	}
	p->secret_sealed = arena_strdup(r->a, sealed);
	free(sealed);
	return true;
}

void page_admin_idp_create(req *r)
{
	identity_provider p = {0};
	read_provider(r, &p);
	seal_secret(r, &p);
	int64_t id = 0;
	store_rc rc = r->nerrors ? ST_OK : store_idp_create(r->st, &p, &id);
	if (rc == ST_CONFLICT)
		field_error(r, "slug", tr(r, "Deze korte naam is al in gebruik.", "This short name is already taken."));
	if (r->nerrors) {
		r->status = 400;
		sign_in_page(r);
		return;
	}
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "identity provider added",
				 arena_printf(r->a, "%s (%s)", p.slug, p.issuer));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/admin/sign-in");
}

void page_admin_idp_remove(req *r)
{
	int64_t id;
	identity_provider p;
	if (!parse_int64(r->param[0], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return;
	}
	if (!found_or_reply(r, store_idp_get(r->st, r->a, id, &p)))
		return;
	store_rc rc = store_idp_delete(r->st, id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "identity provider removed", p.slug);
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/admin/sign-in");
}
