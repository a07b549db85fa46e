/* mail_templates.c - /pw/{slug}/mail-templates: a workplace's own texts
 * of its invitation and reminder mails, in Dutch and English, with a
 * preview. Coordinators only.
 *
 * A text is plain (the mail is text/plain: nothing is HTML) with the
 * placeholders of src/io/mail_template.h; what is typed is checked there
 * (known placeholders only, {link} required, no control characters) and
 * shown on this page through the escaping writer. An empty text, or the
 * default itself, means the default. */
#include <string.h>

#include "base/util.h"
#include "io/mail_template.h"
#include "web/app.h"
#include "web/pages/pages.h"

/* The four texts: kind and language. */
static const struct {
	const char *field, *kind, *lang;
	template_kind k;
	bool english;
} texts[] = {
	{"invitation_nl", "invitation", "nl", TPL_INVITATION, false},
	{"invitation_en", "invitation", "en", TPL_INVITATION, true},
	{"reminder_nl", "reminder", "nl", TPL_REMINDER, false},
	{"reminder_en", "reminder", "en", TPL_REMINDER, true},
};
#define N_TEXTS ((int)ARRAY_LEN(texts))

static const char *text_label(req *r, int i)
{
	const char *const labels[] = {
		tr(r, "Uitnodiging, Nederlands", "Invitation, Dutch"),
		tr(r, "Uitnodiging, Engels", "Invitation, English"),
		tr(r, "Herinnering, Nederlands", "Reminder, Dutch"),
		tr(r, "Herinnering, Engels", "Reminder, English"),
	};
	return labels[i];
}

static const char *problem_text(req *r, const template_check *c)
{
	switch (c->problem) {
	case TPL_UNKNOWN:
		return arena_printf(r->a, tr(r, "Regel %d: {%s} is geen invulveld. Gebruik alleen {link}, "
					     "{round}, {workplace}, {opens_on}, {closes_on} en {k}.",
					     "Line %d: {%s} is not a placeholder. Use only {link}, {round}, "
					     "{workplace}, {opens_on}, {closes_on} and {k}."),
				    c->line, c->name);
	case TPL_BRACE:
		return arena_printf(r->a, tr(r, "Regel %d: een accolade { of } mag alleen om een invulveld "
					     "staan, zoals {link}.",
					     "Line %d: a brace { or } may only stand around a placeholder, such "
					     "as {link}."),
				    c->line);
	case TPL_CONTROL:
		return arena_printf(r->a, tr(r, "Regel %d: bevat een tab of een ander stuurteken; gebruik "
					     "spaties.",
					     "Line %d: contains a tab or another control character; use spaces."),
				    c->line);
	case TPL_NO_LINK:
		return tr(r, "De tekst moet {link} bevatten: zonder persoonlijke link kan niemand antwoorden.",
			  "The text must contain {link}: without the personal link nobody can answer.");
	case TPL_TOO_LONG:
		return arena_printf(r->a, tr(r, "Ten hoogste %d tekens.", "At most %d characters."),
				    TEMPLATE_CHARS_MAX);
	default:
		return tr(r, "Deze tekst bevat tekens die niet zijn toegestaan.",
			  "This text contains characters that are not allowed.");
	}
}

/* The stored text, or the default, in *out; false after a reply. */
static bool current_text(req *r, int i, const char **out)
{
	char *body;
	store_rc rc = store_mail_template_get(r->st, r->a, r->wp->id, texts[i].kind, texts[i].lang, &body);
	*out = rc == ST_OK ? body : mail_template_default(texts[i].k, texts[i].english);
	return rc == ST_NOTFOUND || ok_or_reply(r, rc);
}

/* The text of a field as sent: checked; "" means the default. */
static bool read_text(req *r, int i, const char **out)
{
	if (!field_multiline(r, texts[i].field, TEMPLATE_CHARS_MAX, false, out))
		return false;
	if (!**out)
		return true;
	template_check c;
	mail_template_check(*out, &c);
	if (c.problem != TPL_OK)
		field_error(r, texts[i].field, problem_text(r, &c));
	return c.problem == TPL_OK;
}

static void preview(req *r, int i, const char *text)
{
	char opens[11], closes[11];
	today(opens);
	format_date(wp_now() / 86400 + 21, closes);
	template_values v = {arena_printf(r->a, "%s/r/VOORBEELDvoorbeeld123456", r->app->public_url),
			     tr(r, "Voorjaar", "Spring"), r->wp->name, opens, closes, 5};
	buf b;
	buf_init(&b, BUF_NOCAP);
	mail_template_render(&b, *text ? text : mail_template_default(texts[i].k, texts[i].english), &v);
	/* line by line: a <pre> would not wrap on a phone */
	html(&r->out, "<h3>%s</h3><div class=\"callout mail-preview\" id=\"preview-%s\"><p>", text_label(r, i),
	     texts[i].field);
	const char *p = buf_cstr(&b);
	for (const char *nl; (nl = strchr(p, '\n')); p = nl + 1)
		html(&r->out, "%s<br>", arena_strndup(r->a, p, (size_t)(nl - p)));
	html(&r->out, "%s</p></div>", p);
	buf_free(&b);
}

static void templates_page(req *r, const char *const *previews)
{
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "E-mailteksten", "E-mail texts"), r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"/pw/%s/rounds\">%s</a></p><h1>%s</h1>",
	     r->wp->slug, r->wp->name, r->wp->slug, tr(r, "Meetrondes", "Measurement rounds"),
	     tr(r, "Teksten van de uitnodiging en de herinnering", "Texts of the invitation and the reminder"));
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "Gewone tekst, geen HTML. Invulvelden: {link} (verplicht: de persoonlijke link), {round} "
		   "(de meetronde), {workplace} (de werkplaats), {opens_on} en {closes_on} (de data), {k} "
		   "(de anonimiteitsgrens). Leeg maken zet de standaardtekst terug. Een meetronde in twee "
		   "talen stuurt de Nederlandse en de Engelse tekst samen.",
		"Plain text, no HTML. Placeholders: {link} (required: the personal link), {round} (the "
		"round), {workplace} (the workplace), {opens_on} and {closes_on} (the dates), {k} (the "
		"anonymity threshold). Emptying a text puts the default back. A round in two languages "
		"sends the Dutch and the English text together."));
	if (previews) {
		html(&r->out, "<section aria-labelledby=\"previews\" class=\"previews\"><h2 id=\"previews\">%s</h2>",
		     tr(r, "Voorbeeld", "Preview"));
		for (int i = 0; i < N_TEXTS; i++)
			preview(r, i, previews[i]);
		html(&r->out, "</section>");
	}
	error_summary(r);
	form_begin(r, arena_printf(r->a, "/pw/%s/mail-templates", r->wp->slug), "stack");
	for (int i = 0; i < N_TEXTS; i++) {
		const char *text;
		if (!current_text(r, i, &text))
			return;
		textarea_field(r, texts[i].field, text_label(r, i), text, NULL);
	}
	html(&r->out, "<p class=\"actions\"><button name=\"action\" value=\"preview\">%s</button> "
		      "<button class=\"primary\" name=\"action\" value=\"save\">%s</button></p>",
	     tr(r, "Voorbeeld bekijken", "Preview"), tr(r, "Opslaan", "Save"));
	form_end(r);
	page_end(r);
}

void page_mail_templates(req *r)
{
	if (wp_access(r, true))
		templates_page(r, NULL);
}

/* Store one text: the default (or nothing) removes the workplace's own. */
static store_rc save_text(req *r, int i, const char *text)
{
	buf norm;
	buf_init(&norm, BUF_NOCAP);
	for (const char *p = text; *p; p++)
		if (*p != '\r')
			buf_putc(&norm, *p);
	const char *t = norm.len ? buf_cstr(&norm) : "";
	store_rc rc = !*t || strcmp(t, mail_template_default(texts[i].k, texts[i].english)) == 0
			      ? store_mail_template_delete(r->st, r->wp->id, texts[i].kind, texts[i].lang)
			      : store_mail_template_set(r->st, r->wp->id, texts[i].kind, texts[i].lang, t);
	buf_free(&norm);
	return rc;
}

void page_mail_templates_save(req *r)
{
	if (!wp_access(r, true))
		return;
	const char *text[N_TEXTS];
	bool ok = true;
	for (int i = 0; i < N_TEXTS; i++)
		ok = read_text(r, i, &text[i]) && ok;
	const char *action = form_get(r, "action");
	if (!ok || (action && strcmp(action, "preview") == 0)) {
		r->status = ok ? 200 : 400;
		templates_page(r, ok ? text : NULL);
		return;
	}
	store_rc rc = ST_OK;
	for (int i = 0; i < N_TEXTS && rc == ST_OK; i++)
		rc = save_text(r, i, text[i]);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "mail texts", "saved");
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "/pw/%s/mail-templates", r->wp->slug));
}
