/* layout.c - the frame of every page, error pages, and form helpers. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/look.h"
#include "web/web.h"

const char *csrf_token(req *r)
{
	static const char cookie_name[] = "wp_anon";
	char mac[HASH_HEX + 1];
	const char *basis;
	if (r->csrf) /* a page has two or three forms: one HMAC each request */
		return r->csrf;
	if (r->session_token) {
		basis = arena_printf(r->a, "s:%s", r->session_token);
	} else {
		/* error pages answered before the prologue (no route, 413) have
		 * not read the cookie yet: a new one would void every form the
		 * browser has open */
		const char *kept = r->anon_token ? NULL : req_cookie(r, cookie_name);
		if (kept && token_well_formed(kept))
			r->anon_token = kept;
		if (!r->anon_token) {
			char t[TOKEN_CHARS + 1];
			token_random(t);
			r->anon_token = arena_strdup(r->a, t);
			set_cookie(r, cookie_name, t, 30 * 24 * 3600);
		}
		basis = arena_printf(r->a, "a:%s", r->anon_token);
	}
	/* the same visitor's next request on this thread asks for the same
	 * HMAC: kept with the secret and the basis it was made from */
	static _Thread_local unsigned char last_secret[sizeof r->app->secret];
	static _Thread_local char last_basis[2 + TOKEN_CHARS + 1], last_mac[HASH_HEX + 1];
	if (strcmp(basis, last_basis) == 0 &&
	    memcmp(last_secret, r->app->secret, sizeof last_secret) == 0) {
		memcpy(mac, last_mac, sizeof mac);
	} else {
		token_hmac(r->app->secret, basis, mac);
		size_t n = strlen(basis);
		if (n < sizeof last_basis) {
			memcpy(last_secret, r->app->secret, sizeof last_secret);
			memcpy(last_basis, basis, n + 1);
			memcpy(last_mac, mac, sizeof last_mac);
		}
	}
	r->csrf = arena_strdup(r->a, mac);
	return r->csrf;
}

static void lang_switch(req *r)
{
	buf *o = &r->out;
	html(o, "<form method=\"post\" action=\"/lang\" class=\"lang\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<input type=\"hidden\" name=\"next\" value=\"%s\">",
	     csrf_token(r), r->path);
	if (r->english)
		html(o, "<button name=\"lang\" value=\"nl\" lang=\"nl\">Nederlands</button>");
	else
		html(o, "<button name=\"lang\" value=\"en\" lang=\"en\">English</button>");
	html(o, "</form>");
}

void page_begin(req *r, const char *title)
{
	buf *o = &r->out;
	r->content_type = "text/html; charset=utf-8";
	html(o, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<title>%s · werkplaats</title>"
		"<link rel=\"stylesheet\" href=\"/static/app.css?v=%s\">"
		"<link rel=\"icon\" href=\"/static/icon.svg?v=%s\" type=\"image/svg+xml\">",
	     r->english ? "en" : "nl", title, asset_version(), asset_version());
	look_head(r);
	html(o, "</head>");
	/* a page of wide tables widens the whole column: header, main and footer */
	if (r->wide)
		html(o, "<body class=\"wide\">");
	else
		html(o, "<body>");
	html(o, "<a class=\"skip\" href=\"#main\">%s</a>", tr(r, "Naar de inhoud", "Skip to content"));
	html(o, "<header class=\"top\"><a class=\"brand\" href=\"/\">");
	look_logo_img(r, "site-logo", "");
	html(o, "<img src=\"/static/icon.svg?v=%s\" alt=\"\" width=\"28\" height=\"28\">werkplaats</a>"
		"<nav aria-label=\"%s\">",
	     asset_version(), tr(r, "Hoofdmenu", "Main menu"));
	if (r->user) {
		html(o, "<a href=\"/\">%s</a>", tr(r, "Mijn werkplaatsen", "My workplaces"));
		if (r->user->is_admin || r->user->is_programme_lead)
			html(o, "<a href=\"/overview\">%s</a>", tr(r, "Alle werkplaatsen", "All workplaces"));
		if (r->user->is_admin)
			html(o, "<a href=\"/admin\">%s</a>", tr(r, "Beheer", "Administration"));
		if (r->user->is_admin || r->user->is_researcher)
			html(o, "<a href=\"/research/export\">%s</a>", tr(r, "Onderzoeksdata", "Research data"));
		html(o, "<a href=\"/guide\">%s</a>", tr(r, "Handleiding", "Guide"));
		html(o, "<a href=\"/account\">%s</a>", tr(r, "Account", "Account"));
		html(o, "<form method=\"post\" action=\"/logout\" class=\"inline\">"
			"<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			"<button class=\"link\">%s</button></form>",
		     csrf_token(r), tr(r, "Uitloggen", "Log out"));
	}
	lang_switch(r);
	html(o, "</nav></header><main id=\"main\">");
}

void page_end(req *r)
{
	html(&r->out, "</main><footer><p>werkplaats · %s</p></footer></body></html>\n",
	     tr(r, "Lerend en onderzoekend samenwerken in professionele werkplaatsen",
		"Learning and researching together in professional workplaces"));
	r->replied = true;
}

static const char *status_title(req *r, int status)
{
	switch (status) {
	case 400: return tr(r, "Dit klopt niet helemaal", "Something is not quite right");
	case 403: return tr(r, "Dit mag niet", "Not allowed");
	case 404: return tr(r, "Niet gevonden", "Not found");
	case 405: return tr(r, "Deze methode kan hier niet", "Method not allowed");
	case 410: return tr(r, "Niet meer geldig", "No longer valid");
	case 413: return tr(r, "Te groot", "Too large");
	case 415: return tr(r, "Onbekend formaat", "Unsupported format");
	case 429: return tr(r, "Even geduld", "Please wait");
	case 503: return tr(r, "Even niet beschikbaar", "Briefly unavailable");
	default: return tr(r, "Er ging iets mis", "Something went wrong");
	}
}

/* Under /api/ an error is JSON: {"error": message, "status": n, "request_id": id}. */
static void reply_error_json(req *r, int status, const char *message)
{
	if (!message)
		message = status == 404   ? tr(r, "niet gevonden", "not found")
			  : status == 405 ? tr(r, "deze methode kan hier niet; zie de Allow-header",
					       "method not allowed here; see the Allow header")
			  : status == 401 ? tr(r, "log eerst in, of stuur een API-token",
					       "log in first, or send an API token")
			  : status >= 500 ? tr(r, "er ging bij ons iets mis", "something went wrong on our side")
					  : tr(r, "ongeldig verzoek", "invalid request");
	json_t *o = json_pack("{s:s, s:i, s:s}", "error", message, "status", status, "request_id", r->id);
	char *text = json_dumps(o, JSON_COMPACT);
	reply_json(r, status, text);
	free(text);
	json_decref(o);
}

void reply_error(req *r, int status, const char *message)
{
	if (r->api) {
		reply_error_json(r, status, message);
		return;
	}
	r->status = status;
	buf_reset(&r->out);
	page_begin(r, status_title(r, status));
	html(&r->out, "<h1>%s</h1>", status_title(r, status));
	if (!message && status == 404)
		message = tr(r, "Deze pagina bestaat niet, of je hebt er geen toegang toe.",
			     "This page does not exist, or you have no access to it.");
	if (!message && status == 405)
		message = tr(r, "Dit adres bestaat, maar niet voor dit soort verzoek. Open de pagina "
			        "via een link of knop op de site.",
			     "This address exists, but not for this kind of request. Open the page "
			     "through a link or button on the site.");
	if (!message && status >= 500)
		message = tr(r, "Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw.",
			     "Something went wrong on our side. Please try again in a few minutes.");
	if (message)
		html(&r->out, "<p>%s</p>", message);
	if (status >= 500)
		html(&r->out, "<p>%s <code>%s</code></p>",
		     tr(r, "Noem bij een melding deze code:", "When you report this, quote this code:"),
		     r->id);
	html(&r->out, "<p><a href=\"/\">%s</a></p>", tr(r, "Naar de startpagina", "Go to the start page"));
	page_end(r);
}

/* ---- forms ---- */

void form_begin(req *r, const char *action, const char *css_class)
{
	html(&r->out, "<form method=\"post\" action=\"%s\" class=\"%s\" novalidate>"
		      "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     action, css_class ? css_class : "stack", csrf_token(r));
}

static void field_label(req *r, const char *name, const char *label, const char *hint, bool required,
			const char **described);

void form_begin_upload(req *r, const char *action)
{
	html(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack\" enctype=\"multipart/form-data\" novalidate>"
		      "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     action, csrf_token(r));
}

void file_field(req *r, const char *name, const char *label, const char *accept, const char *hint)
{
	const char *described;
	html(&r->out, "<div class=\"field%s\">", field_error_for(r, name) ? " invalid" : "");
	field_label(r, name, label, hint, false, &described);
	html(&r->out, "<input type=\"file\" id=\"f-%s\" name=\"%s\" accept=\"%s\"", name, name, accept);
	if (*described)
		html(&r->out, " aria-describedby=\"%s\"", described);
	if (field_error_for(r, name))
		html(&r->out, " aria-invalid=\"true\"");
	html(&r->out, "></div>");
}

void form_end(req *r)
{
	html(&r->out, "</form>");
}

void error_summary(req *r)
{
	if (!r->nerrors)
		return;
	html(&r->out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><ul>",
	     tr(r, "Controleer het formulier", "Please check the form"));
	for (int i = 0; i < r->nerrors; i++)
		html(&r->out, "<li><a href=\"#f-%s\">%s</a></li>", r->errors[i].field, r->errors[i].message);
	html(&r->out, "</ul></div>");
}

static void field_label(req *r, const char *name, const char *label, const char *hint,
			bool required, const char **described)
{
	html(&r->out, "<label for=\"f-%s\">%s%s</label>", name, label,
	     required ? "" : tr(r, " (optioneel)", " (optional)"));
	const char *err = field_error_for(r, name);
	*described = "";
	if (hint && *hint) {
		html(&r->out, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
		*described = arena_printf(r->a, "h-%s", name);
	}
	if (err) {
		html(&r->out, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, err);
		*described = arena_printf(r->a, "%s%se-%s", *described, **described ? " " : "", name);
	}
}

void input_field(req *r, const char *type, const char *name, const char *label, const char *value,
		 const char *hint, bool required)
{
	const char *described;
	html(&r->out, "<div class=\"field%s\">", field_error_for(r, name) ? " invalid" : "");
	field_label(r, name, label, hint, required, &described);
	const char *submitted = r->post && strcmp(type, "password") != 0 ? form_get(r, name) : NULL;
	const char *v = submitted ? submitted : (value ? value : "");
	if (strcmp(type, "password") == 0)
		v = "";
	html(&r->out, "<input type=\"%s\" id=\"f-%s\" name=\"%s\" value=\"%s\"", type, name, name, v);
	if (*described)
		html(&r->out, " aria-describedby=\"%s\"", described);
	if (field_error_for(r, name))
		html(&r->out, " aria-invalid=\"true\"");
	if (required)
		html(&r->out, " required");
	if (strcmp(type, "email") == 0)
		html(&r->out, " autocomplete=\"email\"");
	html(&r->out, "></div>");
}

void textarea_field(req *r, const char *name, const char *label, const char *value, const char *hint)
{
	const char *described;
	html(&r->out, "<div class=\"field%s\">", field_error_for(r, name) ? " invalid" : "");
	field_label(r, name, label, hint, false, &described);
	const char *submitted = r->post ? form_get(r, name) : NULL;
	html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\"", name, name);
	if (*described)
		html(&r->out, " aria-describedby=\"%s\"", described);
	html(&r->out, ">%s</textarea></div>", submitted ? submitted : (value ? value : ""));
}

/* ---- access ---- */

static const char *probe_key(req *r)
{
	return arena_printf(r->a, "addr:%s", r->client);
}

bool probe_blocked(req *r)
{
	bool blocked = false;
	store_throttle_blocked(r->st, probe_key(r), wp_now(), THROTTLE_WINDOW, THROTTLE_ADDRESS,
			       &blocked);
	if (blocked) {
		reply_error(r, 429, tr(r, "Te veel ongeldige links of codes geprobeerd. Wacht een "
					  "kwartier en probeer het dan opnieuw.",
				       "Too many invalid links or codes tried. Wait fifteen minutes, "
				       "then try again."));
		reply_header(r, "Retry-After", "900");
	}
	return blocked;
}

void probe_failure(req *r)
{
	/* A GET never writes, not even this counter: a GET can only probe a
	 * 128-bit token, which no rate of guessing finds. Posted probes (the
	 * short resume code among them) are counted. */
	r->probe_failed = r->post;
}

void select_field(req *r, const char *name, const char *label, const char *const *values,
		  const char *const *labels, int n, const char *selected, const char *hint)
{
	const char *err = field_error_for(r, name);
	const char *submitted = r->post ? form_get(r, name) : NULL;
	const char *cur = submitted ? submitted : selected ? selected : "";
	html(&r->out, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", err ? " invalid" : "", name,
	     label);
	if (hint)
		html(&r->out, "<p class=\"hint\">%s</p>", hint);
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, err);
	if (err)
		html(&r->out, "<select id=\"f-%s\" name=\"%s\" aria-invalid=\"true\" aria-describedby=\"e-%s\">",
		     name, name, name);
	else
		html(&r->out, "<select id=\"f-%s\" name=\"%s\">", name, name);
	for (int i = 0; i < n; i++)
		html(&r->out, "<option value=\"%s\"%s>%s</option>", values[i],
		     strcmp(values[i], cur) == 0 ? " selected" : "", labels[i]);
	html(&r->out, "</select></div>");
}
