/* people.c - /admin/people: a person's data (docs/privacy.md).
 * The administrator looks up an e-mail address and sees everything stored
 * about it (src/store/st_person.c holds the one list of where), downloads
 * it as JSON, and deletes it. Answers to questionnaires are anonymous and
 * not tied to anyone: the page says so, and nothing here touches them.
 *
 * The address travels in the query of the GET pages (never in a log line:
 * the server logs paths without their query) and in the body of the
 * deleting POST. */
#include <ctype.h>
#include <string.h>

#include "base/util.h"
#include "io/person_data.h"
#include "web/app.h"
#include "web/pages/pages.h"

#define EMAIL_MAX 254

/* The address of ?email=, lower case; NULL when there is none, and NULL
 * after a field error when it is not an address. */
static const char *query_email(req *r)
{
	const char *v = req_query(r, "email");
	if (!v || !*v)
		return NULL;
	char *lower = arena_strdup(r->a, v);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strlen(lower) > EMAIL_MAX || !email_well_formed(lower)) {
		field_error(r, "email", tr(r, "Geef een e-mailadres, zoals naam@example.org.",
					   "Enter an e-mail address, such as name@example.org."));
		return NULL;
	}
	return lower;
}

/* A section's title in the page's language; the code (also the key in
 * the JSON download) follows it. */
static const char *section_title(req *r, const char *name)
{
	static const struct {
		const char *name, *nl, *en;
	} titles[] = {
		{"person", "Persoon", "Person"},
		{"account", "Account", "Account"},
		{"memberships", "Lidmaatschappen", "Memberships"},
		{"workplace_invitations", "Uitnodigingen om lid te worden", "Invitations to join"},
		{"round_invitations", "Uitnodigingen voor meetrondes", "Invitations to rounds"},
		{"sessions", "Sessies", "Sessions"},
		{"api_tokens", "API-tokens", "API tokens"},
		{"password_links", "Wachtwoordlinks", "Password links"},
		{"second_factor", "Tweede stap bij inloggen", "Two-step login"},
		{"login_challenges", "Inlogpogingen die op een code wachten", "Logins waiting for a code"},
		{"login_throttle", "Mislukte inlogpogingen", "Failed logins"},
		{"audit_log", "Logboek", "Audit log"},
		{"authored", "Geschreven of gewijzigd (aantallen)", "Written or changed (counts)"},
	};
	for (size_t i = 0; i < ARRAY_LEN(titles); i++)
		if (strcmp(titles[i].name, name) == 0)
			return tr(r, titles[i].nl, titles[i].en);
	return name;
}

static void section_table(req *r, const person_section *s)
{
	html(&r->out, "<h3>%s <code>%s</code> <span class=\"count\" data-rows=\"%d\">(%d)</span></h3>",
	     section_title(r, s->name), s->name, s->n_rows, s->n_rows);
	if (!s->n_rows)
		return;
	html(&r->out, "<div class=\"table-wrap\"><table id=\"section-%s\"><thead><tr>", s->name);
	for (int c = 0; c < s->n_cols; c++)
		html(&r->out, "<th scope=\"col\">%s</th>", s->cols[c]);
	html(&r->out, "</tr></thead><tbody>");
	for (int i = 0; i < s->n_rows; i++) {
		html(&r->out, "<tr>");
		for (int c = 0; c < s->n_cols; c++) {
			html(&r->out, "<td>%s</td>", person_data_cell_text(r->a, s->cols[c], s->cells[i * s->n_cols + c]));
		}
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

static void explain(req *r)
{
	html(&r->out, "<p>%s</p>",
	     tr(r, "Zoek op een e-mailadres: je ziet alles wat werkplaats erover bewaart (het account, lidmaatschappen, "
		   "uitnodigingen, sessies, API-tokens, het logboek), kunt het downloaden als JSON en kunt het "
		   "verwijderen. Antwoorden op vragenlijsten zijn anoniem: niets verbindt ze met een persoon of "
		   "een adres. Ze horen daarom niet bij iemands gegevens en blijven staan.",
		"Search for an e-mail address: you see everything werkplaats keeps about it (the account, "
		"memberships, invitations, sessions, API tokens, the audit log), can download it as JSON and "
		"can delete it. Answers to questionnaires are anonymous: nothing ties them to a person or an "
		"address. They are therefore not part of anyone's data and stay."));
}

static void search_form(req *r, const char *email)
{
	error_summary(r);
	html(&r->out, "<form method=\"get\" action=\"/admin/people\" class=\"stack\">");
	input_field(r, "email", "email", tr(r, "E-mailadres", "E-mail address"), email, NULL, true);
	html(&r->out, "<button class=\"primary\">%s</button></form>", tr(r, "Zoeken", "Search"));
}

static void delete_form(req *r, const char *email)
{
	html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Verwijderen", "Delete"),
	     tr(r, "Verwijdert het account met zijn lidmaatschappen, sessies, API-tokens en wachtwoordlinks, alle "
		   "uitnodigingen aan dit adres, en maakt de toelichting leeg van logboekregels die het adres noemen. "
		   "Wat deze persoon schreef (notities, acties) blijft, zonder naam. Het logboek houdt bij dat er "
		   "iets is verwijderd, zonder het adres. Dit kan niet ongedaan worden gemaakt.",
		"Deletes the account with its memberships, sessions, API tokens and password links, every "
		"invitation to this address, and empties the detail of audit log entries that name the address. "
		"What this person wrote (notes, actions) stays, without a name. The audit log records that "
		"something was deleted, without the address. This cannot be undone."));
	form_begin(r, "/admin/people/delete", "stack");
	html(&r->out, "<input type=\"hidden\" name=\"email\" value=\"%s\">", email);
	html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-confirm\" name=\"confirm\" value=\"1\" "
		      "required><label for=\"f-confirm\">%s</label></div>",
	     tr(r, "Ja, verwijder alles over dit adres", "Yes, delete everything about this address"));
	html(&r->out, "<button class=\"danger\">%s</button>", tr(r, "Verwijderen", "Delete"));
	form_end(r);
}

static void people_page(req *r, const char *email, const char *notice)
{
	person_section *ps = NULL;
	int n = 0;
	if (email) {
		store_rc rc = store_person_data(r->st, r->a, email, &ps, &n);
		if (rc != ST_OK) {
			reply_store_error(r, rc);
			return;
		}
	}
	page_begin(r, tr(r, "Persoonsgegevens · Beheer", "Personal data · Administration"));
	html(&r->out, "<p class=\"meta\"><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(r, "Beheer", "Administration"),
	     tr(r, "Beheer: iemands gegevens", "Administration: a person's data"));
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"people-notice\">%s</p>", notice);
	explain(r);
	search_form(r, email);
	if (email && !person_data_found(ps, n)) {
		html(&r->out, "<p id=\"person-none\">%s</p>",
		     tr(r, "Over dit adres is niets bewaard.", "Nothing is kept about this address."));
	} else if (email) {
		html(&r->out, "<h2>%s</h2><p><a href=\"/admin/people/export?email=%s\" id=\"person-export\">%s</a></p>",
		     tr(r, "Wat er bewaard is", "What is kept"), query_escape(r, email),
		     tr(r, "Downloaden als JSON", "Download as JSON"));
		for (int i = 0; i < n; i++)
			section_table(r, &ps[i]);
		delete_form(r, email);
	}
	page_end(r);
}

void page_admin_people(req *r)
{
	const char *email = query_email(r);
	if (r->nerrors)
		r->status = 400;
	const char *done = req_query(r, "deleted");
	people_page(r, email, done ? tr(r, "Alle gegevens over het adres zijn verwijderd.",
					"Everything about the address was deleted.")
				   : NULL);
}

void page_admin_people_export(req *r)
{
	const char *email = query_email(r);
	if (!email) {
		reply_error(r, 400, tr(r, "Geef ?email= met een e-mailadres.", "Give ?email= with an e-mail address."));
		return;
	}
	person_section *ps;
	int n;
	store_rc rc = store_person_data(r->st, r->a, email, &ps, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	buf_puts(&r->out, person_data_json(r->a, email, ps, n, wp_now()));
	r->status = 200;
	r->content_type = "application/json";
	reply_header(r, "Content-Disposition", "attachment; filename=\"werkplaats-person-data.json\"");
	r->replied = true;
}

void page_admin_people_delete(req *r)
{
	const char *email;
	if (!field_email(r, "email", &email) || !field_checkbox(r, "confirm")) {
		reply_error(r, 400, tr(r, "Geef het adres en vink de bevestiging aan.",
				       "Give the address and tick the confirmation."));
		return;
	}
	erase_result res;
	person_deleted d;
	store_rc rc = person_data_erase(r->st, r->a, email, r->user->id, r->user->email, &res, &d);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	if (res == ERASE_NOTHING)
		reply_error(r, 404, tr(r, "Over dit adres is niets bewaard.", "Nothing is kept about this address."));
	else if (res == ERASE_SELF)
		reply_error(r, 409, tr(r, "Je kunt je eigen gegevens hier niet verwijderen; vraag een andere beheerder.",
				       "You cannot delete your own data here; ask another administrator."));
	else if (res == ERASE_LAST_ADMIN)
		reply_error(r, 409, tr(r, "Dit is de laatste beheerder van de site; maak eerst een andere beheerder.",
				       "This is the site's last administrator; make another administrator first."));
	else
		reply_redirect(r, "/admin/people?deleted=1");
}
