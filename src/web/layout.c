/* layout.c - the frame of every page and the form helpers. */
#include <string.h>

#include "web/assets.h"
#include "web/look.h"
#include "web/web.h"

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
