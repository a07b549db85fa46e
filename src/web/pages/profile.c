/* profile.c - /pw/{slug}/profile, /characteristics and /partners: what a
 * workplace is. Coordinators keep the profile (name, domain, location,
 * start, description, vision, goals, triggers), assess the nine
 * characteristics and keep the partner organisations; members read. */
#include <string.h>

#include "base/util.h"
#include "domain/definition.h"
#include "web/characteristics_view.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/wp_frame.h"

#define LONG_TEXT 4000
#define TRIGGER_TEXT 1000
#define NOTE_TEXT 500

/* ---- the profile ---- */

/* The setting "share comments with the programme lead" (default off). */
static void share_comments_field(req *r, bool on)
{
	if (r->post)
		on = form_get(r, "share_comments_lead") != NULL;
	html(&r->out, "<fieldset><legend>%s</legend><div class=\"check\"><input type=\"checkbox\" "
		      "id=\"f-share-comments\" name=\"share_comments_lead\" value=\"1\"%s>"
		      "<label for=\"f-share-comments\">%s</label></div><p class=\"hint\">%s</p></fieldset>",
	     tr(r, "Opmerkingen", "Comments"), on ? " checked" : "",
	     tr(r, "Deel de opmerkingen van respondenten met de programmaleider",
		"Share respondents' comments with the programme lead"),
	     tr(r, "Uit: de programmaleider leest de cijfers van afgesloten metingen, maar geen opmerkingen. "
		   "Aan: ook de opmerkingen bij de elementen, met dezelfde strengere drempel als voor de leden. "
		   "De dialoogagenda blijft voor de leden.",
		"Off: the programme lead reads the figures of closed rounds but no comments. On: also the "
		"comments on the elements, under the same stricter threshold as for members. The dialogue "
		"agenda stays with the members."));
}

static void profile_form(req *r, const wp_profile *p)
{
	wp_heading(r, tr(r, "Profiel bewerken", "Edit the profile"), "profile");
	error_summary(r);
	form_begin(r, arena_printf(r->a, "%s/profile", wp_path(r)), NULL);
	input_field(r, "text", "name", tr(r, "Naam", "Name"), p->w.name, NULL, true);
	input_field(r, "text", "domain", tr(r, "Domein", "Domain"), p->w.domain,
		    tr(r, "Bijvoorbeeld zorg, onderwijs of sociaal werk.", "For example care, education or social work."),
		    false);
	input_field(r, "text", "location", tr(r, "Locatie in de praktijk", "Location in practice"), p->w.location,
		    tr(r, "Waar de werkplaats in de praktijk zit, zoals ‘Ziekenhuis Rijnoever, afdeling 4B’. "
			  "Een PW is per definitie in de praktijk gesitueerd.",
		       "Where the workplace is located in practice, such as ‘Rijnoever hospital, ward 4B’. A PW "
		       "is by definition located in practice."),
		    false);
	input_field(r, "date", "start_date", tr(r, "Startdatum", "Start date"), p->w.start_date,
		    tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), false);
	textarea_field(r, "description", tr(r, "Beschrijving", "Description"), p->w.description, NULL);
	textarea_field(r, "vision", tr(r, "Gedeelde visie", "Shared vision"), p->w.vision, NULL);
	textarea_field(r, "goals", tr(r, "Doelen", "Goals"), p->goals,
		       tr(r, "De gedeelde doelen en hoe jullie ze evalueren.",
			  "The shared goals and how you evaluate them."));
	html(&r->out, "<fieldset><legend>%s</legend><p class=\"hint\">%s</p>", tr(r, "Aanleiding", "Triggers"),
	     tr(r, "Wat bracht de partners bij elkaar? Beschrijf kort elke aanleiding die voor jullie geldt; "
		   "laat leeg wat niet van toepassing is.",
		"What brought the partners together? Describe briefly each trigger that applies to you; leave "
		"empty what does not apply."));
	for (int t = 0; t < TRIG_COUNT; t++)
		textarea_field(r, arena_printf(r->a, "trigger_%s", trigger_code((trigger_kind)t)),
			       trigger_title(r, (trigger_kind)t), p->trigger[t], NULL);
	html(&r->out, "</fieldset>");
	share_comments_field(r, r->wp->share_comments_lead);
	html(&r->out, "<div class=\"actions\"><button class=\"primary\">%s</button>"
		      "<a href=\"%s\">%s</a></div>",
	     tr(r, "Opslaan", "Save"), wp_path(r), tr(r, "Annuleren", "Cancel"));
	form_end(r);
	page_end(r);
}

void page_profile_form(req *r)
{
	if (!wp_access(r, true))
		return;
	wp_profile p;
	store_rc rc = store_profile_get(r->st, r->a, r->wp->id, &p);
	if (!ok_or_reply(r, rc))
		return;
	profile_form(r, &p);
}

/* The names of the fields that differ, for the audit log. */
static const char *profile_changes(req *r, const wp_profile *a, const wp_profile *b)
{
	const char *out = "";
	struct {
		const char *name, *x, *y;
	} f[] = {{"name", a->w.name, b->w.name},
		 {"domain", a->w.domain, b->w.domain},
		 {"location", a->w.location, b->w.location},
		 {"start date", a->w.start_date, b->w.start_date},
		 {"description", a->w.description, b->w.description},
		 {"vision", a->w.vision, b->w.vision},
		 {"goals", a->goals, b->goals},
		 {"trigger complex", a->trigger[0], b->trigger[0]},
		 {"trigger opportunity", a->trigger[1], b->trigger[1]},
		 {"trigger urgency", a->trigger[2], b->trigger[2]}};
	for (size_t i = 0; i < ARRAY_LEN(f); i++)
		if (strcmp(f[i].x ? f[i].x : "", f[i].y ? f[i].y : "") != 0)
			out = arena_printf(r->a, "%s%s%s", out, *out ? ", " : "", f[i].name);
	return *out ? out : "no changes";
}

void page_profile_save(req *r)
{
	if (!wp_access(r, true))
		return;
	wp_profile old, p;
	store_rc rc = store_profile_get(r->st, r->a, r->wp->id, &old);
	if (!ok_or_reply(r, rc))
		return;
	p = old;
	field_text(r, "name", 200, true, &p.w.name);
	field_text(r, "domain", 100, false, &p.w.domain);
	field_text(r, "location", 200, false, &p.w.location);
	field_date(r, "start_date", false, &p.w.start_date);
	field_multiline(r, "description", LONG_TEXT, false, &p.w.description);
	field_multiline(r, "vision", LONG_TEXT, false, &p.w.vision);
	field_multiline(r, "goals", LONG_TEXT, false, &p.goals);
	for (int t = 0; t < TRIG_COUNT; t++)
		field_multiline(r, arena_printf(r->a, "trigger_%s", trigger_code((trigger_kind)t)), TRIGGER_TEXT,
				false, &p.trigger[t]);
	if (!p.w.start_date)
		p.w.start_date = "";
	if (r->nerrors) {
		r->status = 400;
		profile_form(r, &old);
		return;
	}
	bool share = field_checkbox(r, "share_comments_lead");
	rc = store_profile_set(r->st, r->a, &p, r->user->id);
	if (rc == ST_OK && share != r->wp->share_comments_lead)
		rc = store_workplace_share_comments_set(r->st, r->wp->id, share);
	if (!ok_or_reply(r, rc))
		return;
	const char *changes = profile_changes(r, &old, &p);
	if (share != r->wp->share_comments_lead)
		changes = arena_printf(r->a, "%s; comments %s with the programme lead",
				       strcmp(changes, "no changes") == 0 ? "profile unchanged" : changes,
				       share ? "shared" : "no longer shared");
	if (wp_audit(r, "profile updated", changes))
		reply_redirect(r, arena_printf(r->a, "%s?saved=profile", wp_path(r)));
}

/* ---- the nine characteristics ---- */

static const char *const state_values[] = {"met", "partly", "not_yet", "", NULL};

static void characteristics_form(req *r, const wp_characteristic cs[PW_CHARACTERISTICS])
{
	wp_heading(r, tr(r, "De negen kenmerken", "The nine characteristics"), "home");
	html(&r->out, "<p class=\"lead\">%s</p>",
	     tr(r, "Beoordeel als werkplaats zelf in hoeverre elk kenmerk van een professionele werkplaats "
		   "voor jullie geldt, en noteer kort waaraan je dat ziet.",
		"Assess as a workplace to what extent each characteristic of a professional workplace holds "
		"for you, and note briefly what shows it."));
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "Elke keer dat je opslaat, komt er een gedateerde beoordeling bij; de vorige blijven "
		   "bewaard en staan onder het formulier.",
		"Each time you save, a dated assessment is added; the earlier ones are kept and are listed "
		"below the form."));
	error_summary(r);
	form_begin(r, arena_printf(r->a, "%s/characteristics", wp_path(r)), NULL);
	const char *labels[] = {tr(r, "Voldaan", "Met"), tr(r, "Deels", "Partly"), tr(r, "Nog niet", "Not yet"),
				tr(r, "Niet beoordeeld", "Not assessed")};
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		const char *name = arena_printf(r->a, "c%d", i + 1);
		const char *sent = r->post ? form_get(r, name) : NULL;
		const char *cur = sent ? sent : char_state_code(cs[i].state);
		const char *err = field_error_for(r, name);
		html(&r->out, "<fieldset class=\"%s\" id=\"f-%s\"><legend>%d. %s</legend><p class=\"hint\">%s</p>",
		     err ? "invalid" : "", name, i + 1, pw_characteristic_title(i, r->english),
		     pw_characteristic_text(i, r->english));
		if (err)
			html(&r->out, "<p class=\"field-error\">%s</p>", err);
		for (int s = 0; s < 4; s++)
			html(&r->out, "<div class=\"check\"><input type=\"radio\" id=\"f-%s-%d\" name=\"%s\" "
				      "value=\"%s\"%s><label for=\"f-%s-%d\">%s</label></div>",
			     name, s, name, state_values[s], strcmp(cur, state_values[s]) == 0 ? " checked" : "",
			     name, s, labels[s]);
		input_field(r, "text", arena_printf(r->a, "n%d", i + 1),
			    tr(r, "Waaraan zie je dat?", "What shows it?"), cs[i].note, NULL, false);
		html(&r->out, "</fieldset>");
	}
	html(&r->out, "<div class=\"actions\"><button class=\"primary\">%s</button><a href=\"%s\">%s</a></div>",
	     tr(r, "Opslaan", "Save"), wp_path(r), tr(r, "Annuleren", "Cancel"));
	form_end(r);
	if (chars_history(r, false))
		page_end(r);
}

void page_characteristics_form(req *r)
{
	if (!wp_access(r, true))
		return;
	wp_characteristic cs[PW_CHARACTERISTICS];
	store_rc rc = store_characteristics_get(r->st, r->a, r->wp->id, cs);
	if (!ok_or_reply(r, rc))
		return;
	characteristics_form(r, cs);
}

void page_characteristics_save(req *r)
{
	if (!wp_access(r, true))
		return;
	wp_characteristic old[PW_CHARACTERISTICS], cs[PW_CHARACTERISTICS];
	store_rc rc = store_characteristics_get(r->st, r->a, r->wp->id, old);
	if (!ok_or_reply(r, rc))
		return;
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		int s = 0;
		cs[i].state = CHAR_UNASSESSED;
		if (field_choice(r, arena_printf(r->a, "c%d", i + 1), state_values, &s))
			cs[i].state = (char_state)char_state_from_code(state_values[s]);
		const char *note_name = arena_printf(r->a, "n%d", i + 1);
		if (field_text(r, note_name, NOTE_TEXT, false, &cs[i].note) && *cs[i].note &&
		    cs[i].state == CHAR_UNASSESSED && !field_error_for(r, arena_printf(r->a, "c%d", i + 1)))
			/* a note without an assessment would have nowhere to live */
			field_error(r, note_name, tr(r, "Kies ook voldaan, deels of nog niet bij deze notitie.",
						     "Also choose met, partly or not yet for this note."));
	}
	if (r->nerrors) {
		r->status = 400;
		characteristics_form(r, old);
		return;
	}
	int64_t id; /* every save is an assessment, also one that changes nothing */
	rc = store_char_assessment_add(r->st, r->wp->id, r->user->id, cs, &id);
	if (!ok_or_reply(r, rc))
		return;
	const char *changed = "";
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		if (cs[i].state != old[i].state || strcmp(cs[i].note, old[i].note) != 0)
			changed = arena_printf(r->a, "%s%s%d: %s", changed, *changed ? "; " : "", i + 1,
					       cs[i].state == CHAR_UNASSESSED ? "not assessed"
									 : char_state_code(cs[i].state));
	if (wp_audit(r, "characteristics updated", *changed ? changed : "no changes"))
		reply_redirect(r, arena_printf(r->a, "%s?saved=characteristics#characteristics", wp_path(r)));
}

/* Every assessment of the characteristics and every change of the
 * triggers, read-only: for members and the programme lead. */
void page_characteristics_history(req *r)
{
	if (!wp_access(r, false))
		return;
	wp_heading(r, tr(r, "De negen kenmerken door de tijd", "The nine characteristics over time"), "home");
	if (wp_can_manage(r))
		html(&r->out, "<p><a href=\"%s/characteristics\">%s</a></p>", wp_path(r),
		     tr(r, "Kenmerken opnieuw beoordelen", "Assess the characteristics again"));
	if (chars_history(r, false))
		page_end(r);
}

/* ---- partners ---- */

static const char *const role_values[] = {"lead", "partner", NULL};

static void partner_row(req *r, const partner *p)
{
	html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", p->name,
	     org_kind_name(p->kind, r->english), partner_role_name(r, p->role),
	     *p->joined_on ? p->joined_on : "–");
	if (!wp_can_manage(r)) {
		html(&r->out, "</tr>");
		return;
	}
	const char *role_labels[] = {tr(r, "Penvoerder", "Lead partner"), tr(r, "Partner", "Partner")};
	html(&r->out, "<td><details><summary>%s</summary>", tr(r, "Wijzigen", "Change"));
	form_begin(r, arena_printf(r->a, "%s/partners/%lld", wp_path(r), (long long)p->org_id), "stack");
	select_field(r, arena_printf(r->a, "role-%lld", (long long)p->org_id), tr(r, "Rol", "Role"), role_values,
		     role_labels, 2, p->role, NULL);
	input_field(r, "date", arena_printf(r->a, "joined-%lld", (long long)p->org_id),
		    tr(r, "Partner sinds", "Partner since"), p->joined_on, tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), false);
	html(&r->out, "<button class=\"small\">%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
	form_begin(r, arena_printf(r->a, "%s/partners/%lld/remove", wp_path(r), (long long)p->org_id), "inline");
	html(&r->out, "<button class=\"small danger\">%s</button>", tr(r, "Verwijderen als partner", "Remove as partner"));
	form_end(r);
	html(&r->out, "</details></td></tr>");
}

static bool add_partner_form(req *r, const partner *ps, int np)
{
	organisation *orgs;
	int n;
	store_rc rc = store_orgs_list(r->st, r->a, &orgs, &n);
	if (!ok_or_reply(r, rc))
		return false;
	const char **values = ARENA_ARRAY(r->a, const char *, (size_t)n + 2);
	const char **labels = ARENA_ARRAY(r->a, const char *, (size_t)n + 2);
	int k = 0;
	values[k] = "new";
	labels[k++] = tr(r, "— een nieuwe organisatie (vul hieronder in) —", "— a new organisation (fill in below) —");
	for (int i = 0; i < n; i++) {
		bool already = false;
		for (int j = 0; j < np; j++)
			already = already || ps[j].org_id == orgs[i].id;
		if (already)
			continue;
		values[k] = arena_printf(r->a, "%lld", (long long)orgs[i].id);
		labels[k++] = arena_printf(r->a, "%s (%s)", orgs[i].name, org_kind_name(orgs[i].kind, r->english));
	}
	const char *kind_values[ORG_COUNT + 1], *kind_labels[ORG_COUNT];
	for (int i = 0; i < ORG_COUNT; i++) {
		kind_values[i] = org_kind_code((org_kind)i);
		kind_labels[i] = org_kind_name((org_kind)i, r->english);
	}
	kind_values[ORG_COUNT] = NULL;
	const char *role_labels[] = {tr(r, "Penvoerder", "Lead partner"), tr(r, "Partner", "Partner")};
	html(&r->out, "<h2 id=\"add\">%s</h2>", tr(r, "Partner toevoegen", "Add a partner"));
	form_begin(r, arena_printf(r->a, "%s/partners", wp_path(r)), NULL);
	select_field(r, "org", tr(r, "Organisatie", "Organisation"), values, labels, k, "new",
		     tr(r, "Kies een organisatie die al bekend is, of maak een nieuwe.",
			"Choose an organisation that is already known, or create a new one."));
	html(&r->out, "<fieldset><legend>%s</legend>", tr(r, "Nieuwe organisatie", "New organisation"));
	input_field(r, "text", "new_name", tr(r, "Naam", "Name"), NULL,
		    tr(r, "Alleen als je hierboven ‘een nieuwe organisatie’ kiest. De soort ligt daarna vast.",
		       "Only when you choose ‘a new organisation’ above. The kind is fixed after that."),
		    true);
	select_field(r, "new_kind", tr(r, "Soort", "Kind"), kind_values, kind_labels, ORG_COUNT, "public", NULL);
	html(&r->out, "</fieldset>");
	select_field(r, "role", tr(r, "Rol", "Role"), role_values, role_labels, 2, "partner", NULL);
	input_field(r, "date", "joined_on", tr(r, "Partner sinds", "Partner since"), NULL,
		    tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), false);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Toevoegen", "Add"));
	form_end(r);
	return true;
}

static void partners_page(req *r, const char *notice)
{
	partner *ps;
	int n;
	wp_profile p;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (rc == ST_OK)
		rc = store_profile_get(r->st, r->a, r->wp->id, &p);
	if (!ok_or_reply(r, rc))
		return;
	wp_heading(r, tr(r, "Partners", "Partners"), "partners");
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	error_summary(r);
	definition_notice(r, ps, n, p.w.location);
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Nog geen partners vastgelegd.", "No partners recorded yet."));
	else
		html(&r->out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		     tr(r, "Organisatie", "Organisation"), tr(r, "Soort", "Kind"), tr(r, "Rol", "Role"),
		     tr(r, "Sinds", "Since"));
	if (n && wp_can_manage(r))
		html(&r->out, "<th scope=\"col\"><span class=\"visually-hidden\">%s</span></th>",
		     tr(r, "Wijzigen", "Change"));
	if (n)
		html(&r->out, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		partner_row(r, &ps[i]);
	if (n)
		html(&r->out, "</tbody></table></div>");
	if (wp_can_manage(r) && !add_partner_form(r, ps, n))
		return;
	page_end(r);
}

void page_partners(req *r)
{
	if (!wp_access(r, false))
		return;
	const char *done = req_query(r, "done");
	const char *notice = !done                       ? NULL
			     : strcmp(done, "added") == 0   ? tr(r, "De partner is toegevoegd.", "The partner has been added.")
			     : strcmp(done, "changed") == 0 ? tr(r, "De partner is gewijzigd.", "The partner has been changed.")
			     : strcmp(done, "removed") == 0 ? tr(r, "De partner is verwijderd.", "The partner has been removed.")
							    : NULL;
	partners_page(r, notice);
}

static void partners_error(req *r)
{
	r->status = 400;
	partners_page(r, NULL);
}

/* The organisation chosen or created for a new partner in *id (0 with
 * field errors); false after a reply. */
static bool chosen_org(req *r, const char **name, int64_t *id)
{
	const char *org = form_get(r, "org");
	*id = 0;
	if (org && strcmp(org, "new") != 0) {
		organisation o;
		if (!parse_int64(org, 1, INT64_MAX, id) || store_org_get(r->st, r->a, *id, &o) != ST_OK) {
			*id = 0;
			field_error(r, "org", tr(r, "Kies een organisatie uit de lijst.", "Choose an organisation from the list."));
			return true;
		}
		*name = o.name;
		return true;
	}
	const char *new_name;
	int kind = 0;
	static const char *const kinds[] = {"hbo", "university", "mbo", "public", "private", "citizens", NULL};
	bool ok = field_text(r, "new_name", 200, true, &new_name);
	ok = field_choice(r, "new_kind", kinds, &kind) && ok;
	if (!ok)
		return true;
	organisation same;
	store_rc rc = store_org_by_name(r->st, r->a, new_name, &same);
	if (rc == ST_OK) {
		field_error(r, "new_name", tr(r, "Er is al een organisatie met deze naam; kies die uit de lijst.",
					      "There already is an organisation with this name; choose it from the list."));
		return true;
	}
	if (rc == ST_NOTFOUND)
		rc = store_org_create(r->st, new_name, (org_kind)kind, id);
	if (!ok_or_reply(r, rc) ||
	    !wp_audit(r, "organisation created", arena_printf(r->a, "%s (%s)", new_name, kinds[kind])))
		return false;
	*name = new_name;
	return true;
}

void page_partner_add(req *r)
{
	if (!wp_access(r, true))
		return;
	int role = 0;
	const char *joined, *name = "";
	field_choice(r, "role", role_values, &role);
	field_date(r, "joined_on", false, &joined);
	int64_t org = 0;
	if (!r->nerrors && !chosen_org(r, &name, &org))
		return;
	if (!org || r->nerrors) {
		partners_error(r);
		return;
	}
	store_rc rc = store_partner_add(r->st, r->wp->id, org, role_values[role], joined);
	if (rc == ST_CONFLICT) {
		field_error(r, "org", tr(r, "Deze organisatie is al partner.", "This organisation already is a partner."));
		partners_error(r);
		return;
	}
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "partner added", arena_printf(r->a, "%s as %s", name, role_values[role])))
		reply_redirect(r, arena_printf(r->a, "%s/partners?done=added", wp_path(r)));
}

/* The partner organisation in the URL; 0 after a 404. */
static int64_t partner_param(req *r, const char **name)
{
	int64_t id = param_id(r);
	if (!id)
		return 0;
	partner *ps;
	int n;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (!ok_or_reply(r, rc))
		return 0;
	for (int i = 0; i < n; i++)
		if (ps[i].org_id == id) {
			*name = ps[i].name;
			return id;
		}
	reply_error(r, 404, NULL);
	return 0;
}

void page_partner_update(req *r)
{
	const char *name;
	int64_t org;
	if (!wp_access(r, true) || !(org = partner_param(r, &name)))
		return;
	int role = 0;
	const char *joined;
	field_choice(r, arena_printf(r->a, "role-%lld", (long long)org), role_values, &role);
	field_date(r, arena_printf(r->a, "joined-%lld", (long long)org), false, &joined);
	if (r->nerrors) {
		partners_error(r);
		return;
	}
	store_rc rc = store_partner_update(r->st, r->wp->id, org, role_values[role], joined);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "partner changed", arena_printf(r->a, "%s: %s since %s", name, role_values[role],
						       joined ? joined : "-")))
		reply_redirect(r, arena_printf(r->a, "%s/partners?done=changed", wp_path(r)));
}

void page_partner_remove(req *r)
{
	const char *name;
	int64_t org;
	if (!wp_access(r, true) || !(org = partner_param(r, &name)))
		return;
	store_rc rc = store_partner_remove(r->st, r->wp->id, org);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "partner removed", name))
		reply_redirect(r, arena_printf(r->a, "%s/partners?done=removed", wp_path(r)));
}
