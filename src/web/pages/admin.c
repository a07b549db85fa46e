/* admin.c - /admin: site administration of accounts. Creating an account
 * or resetting a password yields a one-time link that the administrator
 * passes on; the administrator never sees or sets a password. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"

#define LINK_SECONDS (7 * 24 * 3600)

static void roles_text(req *r, const person *p)
{
	const char *sep = "";
	if (p->is_admin) {
		html(&r->out, "%s", tr(r, "beheerder", "administrator"));
		sep = ", ";
	}
	if (p->is_programme_lead) {
		html(&r->out, "%s%s", sep, tr(r, "programmaleider", "programme lead"));
		sep = ", ";
	}
	if (p->is_researcher)
		html(&r->out, "%s%s", sep, tr(r, "onderzoeker", "researcher"));
}

static void admin_page(req *r, const char *link_for, const char *link)
{
	person *people;
	int n, institutions = 1;
	store_rc rc = store_people_list(r->st, r->a, &people, &n);
	if (rc == ST_OK)
		rc = store_institution_count(r->st, &institutions);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, tr(r, "Beheer", "Administration"));
	html(&r->out, "<h1>%s</h1>", tr(r, "Beheer: accounts", "Administration: accounts"));
	if (is_network_admin(r)) /* the site's own settings (access.c) */
		html(&r->out, "<p><a href=\"/admin/mail\">%s</a> · <a href=\"/admin/privacy\">%s</a> · "
			      "<a href=\"/admin/people\">%s</a> · <a href=\"/admin/sign-in\">%s</a> · "
			      "<a href=\"/admin/look\">%s</a></p>",
		     tr(r, "Uitgaande e-mail instellen", "Set up outgoing e-mail"),
		     tr(r, "Privacy en bewaartermijnen", "Privacy and retention"),
		     tr(r, "Iemands gegevens zoeken, downloaden of verwijderen", "Find, download or delete a person's data"),
		     tr(r, "Inloggen via de instelling instellen", "Set up sign-in through the institution"),
		     tr(r, "Logo en kleur", "Logo and colour"));
	if (institutions > 1) /* a network of institutions */
		html(&r->out, "<p><a href=\"/admin/benchmarks\">%s</a></p>",
		     tr(r, "Vergelijken met andere instellingen", "Comparing with other institutions"));
	if (link) {
		html(&r->out, "<div class=\"notice\" role=\"status\"><p>%s <strong>%s</strong>:</p>"
			      "<p><code class=\"copy\">%s</code></p><p class=\"hint\">%s</p></div>",
		     tr(r, "Eenmalige link om een wachtwoord in te stellen voor",
			"One-time link to set a password for"),
		     link_for, link,
		     tr(r, "Geef deze link persoonlijk door. Hij werkt één keer en verloopt na 7 dagen; "
			   "hij wordt niet nog eens getoond.",
			"Pass this link on in person. It works once and expires after 7 days; it will "
			"not be shown again."));
	}
	html(&r->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Naam", "Name"), tr(r, "E-mailadres", "E-mail address"), tr(r, "Rollen", "Roles"),
	     tr(r, "Wachtwoord", "Password"));
	for (int i = 0; i < n; i++) {
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>", people[i].name, people[i].email);
		roles_text(r, &people[i]);
		html(&r->out, "</td><td>");
		form_begin(r, arena_printf(r->a, "/admin/accounts/%lld/reset", (long long)people[i].id),
			   "inline");
		html(&r->out, "<button class=\"small\">%s</button>",
		     tr(r, "Nieuwe link", "New link"));
		form_end(r);
		if (people[i].has_totp) { /* a lost phone: the person sets it up again */
			form_begin(r, arena_printf(r->a, "/admin/accounts/%lld/totp-reset", (long long)people[i].id),
				   "inline");
			html(&r->out, "<button class=\"small\">%s</button>",
			     tr(r, "Tweede stap wissen", "Clear the second step"));
			form_end(r);
		}
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table>");
	html(&r->out, "<h2>%s</h2>", tr(r, "Account aanmaken", "Create an account"));
	error_summary(r);
	form_begin(r, "/admin/accounts", NULL);
	input_field(r, "text", "name", tr(r, "Naam", "Name"), NULL, NULL, true);
	input_field(r, "email", "email", tr(r, "E-mailadres", "E-mail address"), NULL, NULL, true);
	html(&r->out, "<fieldset><legend>%s</legend>", tr(r, "Rollen op siteniveau", "Site roles"));
	static const char *const roles[] = {"admin", "programme_lead", "researcher"};
	const char *labels[] = {tr(r, "Beheerder", "Administrator"),
				tr(r, "Programmaleider", "Programme lead"),
				tr(r, "Onderzoeker", "Researcher")};
	for (int i = 0; i < 3; i++)
		html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" "
			      "value=\"1\"%s><label for=\"f-%s\">%s</label></div>",
		     roles[i], roles[i], r->post && field_checkbox(r, roles[i]) ? " checked" : "",
		     roles[i], labels[i]);
	html(&r->out, "</fieldset><button class=\"primary\">%s</button>",
	     tr(r, "Aanmaken", "Create"));
	form_end(r);
	page_end(r);
}

void page_admin(req *r)
{
	admin_page(r, NULL, NULL);
}

/* Create a one-time password link for a person; returns its URL. */
static const char *new_link(req *r, int64_t person_id)
{
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(tok);
	token_hash("password", tok, h);
	store_rc rc = store_password_link_create(r->st, h, person_id, wp_now() + LINK_SECONDS);
	if (!ok_or_reply(r, rc))
		return NULL;
	return arena_printf(r->a, "%s/password/%s", r->app->public_url, tok);
}

void page_admin_account_create(req *r)
{
	const char *name, *email;
	field_text(r, "name", 200, true, &name);
	field_email(r, "email", &email);
	if (r->nerrors) {
		r->status = 400;
		admin_page(r, NULL, NULL);
		return;
	}
	int64_t id;
	store_rc rc = store_person_create(r->st, name, email, &id);
	if (rc == ST_CONFLICT) {
		field_error(r, "email", tr(r, "Er is al een account met dit e-mailadres.",
					   "There already is an account with this e-mail address."));
		r->status = 400;
		admin_page(r, NULL, NULL);
		return;
	}
	if (rc == ST_OK)
		rc = store_account_set_roles(r->st, id, field_checkbox(r, "admin"),
					     field_checkbox(r, "programme_lead"),
					     field_checkbox(r, "researcher"));
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "account created", email);
	if (!ok_or_reply(r, rc))
		return;
	const char *link = new_link(r, id);
	if (link)
		admin_page(r, name, link);
}

void page_admin_account_reset(req *r)
{
	int64_t id;
	person p;
	if (!parse_int64(r->param[0], 1, INT64_MAX, &id) ||
	    store_person_get(r->st, r->a, id, &p) != ST_OK) {
		reply_error(r, 404, NULL);
		return;
	}
	/* the old password stops working at once: the link is the way back in */
	store_rc rc = store_account_set_password(r->st, id, NULL);
	if (rc == ST_OK)
		rc = store_sessions_delete_person(r->st, id);
	if (rc == ST_OK)
		rc = store_password_link_delete_person(r->st, id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "password reset", p.email);
	if (!ok_or_reply(r, rc))
		return;
	const char *link = new_link(r, id);
	if (link)
		admin_page(r, p.name, link);
}

/* Clear a person's second factor (a lost phone): the next login asks
 * only the password; an administrator is then sent to set it up again
 * (unless serve --admin-totp-optional). */
void page_admin_account_totp_reset(req *r)
{
	int64_t id;
	person p;
	if (!parse_int64(r->param[0], 1, INT64_MAX, &id) || store_person_get(r->st, r->a, id, &p) != ST_OK) {
		reply_error(r, 404, NULL);
		return;
	}
	store_rc rc = store_totp_delete(r->st, id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "second factor reset", p.email);
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/admin");
}
