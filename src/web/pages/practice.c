/* practice.c - /pw/{slug}/questions: the practice questions (vraagstukken)
 * a workplace works on. The list is searchable and filterable
 * (text, status, element, trigger, period, partner, programme); a
 * question's page shows its activities with participation per
 * perspective, its contributors over a period and its products, with the
 * forms to add them. Members read and add; a member changes and deletes
 * their own entries, a coordinator every entry (practice_may_edit).
 * Products are recorded once, as outcomes of the register. */
#include <string.h>

#include "base/util.h"
#include "web/characteristics_view.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/practice_view.h"
#include "web/wp_frame.h"

#define TITLE_TEXT 200
#define LONG_TEXT 4000
#define SHORT_TEXT 100

/* ---- choices ---- */

typedef struct {
	int n;
	const char *code[16], *label[16]; /* code[n] is NULL, for field_choice */
} choices;

static choices trigger_choices(req *r)
{
	choices c = {TRIG_COUNT, {0}, {0}};
	for (int i = 0; i < TRIG_COUNT; i++) {
		c.code[i] = trigger_code((trigger_kind)i);
		c.label[i] = trigger_title(r, (trigger_kind)i);
	}
	return c;
}

static choices raised_choices(req *r)
{
	choices c = {RB_COUNT, {0}, {0}};
	for (int i = 0; i < RB_COUNT; i++) {
		c.code[i] = raised_by_code((raised_by)i);
		c.label[i] = raised_by_name((raised_by)i, r->english);
	}
	return c;
}

static choices status_choices(req *r)
{
	choices c = {QS_COUNT, {0}, {0}};
	for (int i = 0; i < QS_COUNT; i++) {
		c.code[i] = question_status_code((question_status)i);
		c.label[i] = question_status_name((question_status)i, r->english);
	}
	return c;
}

static void choice_field(req *r, const char *name, const char *label, const choices *c, const char *selected)
{
	select_field(r, name, label, c->code, c->label, c->n, selected, NULL);
}

/* ---- the question form ---- */

static bool partner_field(req *r, int64_t current)
{
	partner *ps;
	int n;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (!ok_or_reply(r, rc))
		return false;
	const char **values = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	const char **labels = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	values[0] = "";
	labels[0] = tr(r, "— geen partner in het bijzonder —", "— no partner in particular —");
	for (int i = 0; i < n; i++) {
		values[i + 1] = arena_printf(r->a, "%lld", (long long)ps[i].org_id);
		labels[i + 1] = ps[i].name;
	}
	select_field(r, "partner", tr(r, "Betrokken partner", "Partner involved"), values, labels, n + 1,
		     current ? arena_printf(r->a, "%lld", (long long)current) : "", NULL);
	return true;
}

static bool question_fields(req *r, const practice_question *q, const char *trigger)
{
	choices tc = trigger_choices(r), rc = raised_choices(r), sc = status_choices(r);
	input_field(r, "text", "title", tr(r, "Vraagstuk", "Question"), q ? q->title : NULL,
		    tr(r, "Kort en concreet, bijvoorbeeld: Hoe voorkomen we onrust bij de avondoverdracht?",
		       "Short and concrete, for example: How do we prevent unrest at the evening handover?"),
		    true);
	textarea_field(r, "description", tr(r, "Toelichting", "Explanation"), q ? q->description : NULL,
		       practice_no_names(r));
	choice_field(r, "trigger", tr(r, "Aanleiding", "Trigger"), &tc, q ? trigger_code(q->trigger) : trigger);
	choice_field(r, "raised_by", tr(r, "Ingebracht door", "Raised by"), &rc,
		     q ? raised_by_code(q->raised) : NULL);
	choice_field(r, "status", tr(r, "Status", "Status"), &sc, q ? question_status_code(q->status) : "raised");
	elements_field(r, "elements", q ? q->elements : 0, r->post && form_get(r, "title"));
	if (!partner_field(r, q ? q->partner_id : 0))
		return false;
	input_field(r, "text", "programme", tr(r, "Open voor studenten van opleiding", "Open to students of programme"),
		    q ? q->programme : NULL,
		    tr(r, "Bijvoorbeeld: Verpleegkunde. Leeg laten als het vraagstuk niet voor studenten openstaat.",
		       "For example: Nursing. Leave empty when the question is not open to students."),
		    false);
	char day[11];
	today(day);
	input_field(r, "date", "raised_on", tr(r, "Ingebracht op", "Raised on"), q ? q->raised_on : day,
		    tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), true);
	return true;
}

/* Read the form into q, field errors into r->errors; false after a reply. */
static bool read_question(req *r, practice_question *q)
{
	choices tc = trigger_choices(r), rc = raised_choices(r), sc = status_choices(r);
	int v;
	field_text(r, "title", TITLE_TEXT, true, &q->title);
	field_multiline(r, "description", LONG_TEXT, false, &q->description);
	if (field_choice(r, "trigger", tc.code, &v))
		q->trigger = (trigger_kind)v;
	if (field_choice(r, "raised_by", rc.code, &v))
		q->raised = (raised_by)v;
	if (field_choice(r, "status", sc.code, &v))
		q->status = (question_status)v;
	read_elements(r, "elements", false, &q->elements);
	field_text(r, "programme", SHORT_TEXT, false, &q->programme);
	field_date(r, "raised_on", true, &q->raised_on);
	const char *p = form_get(r, "partner");
	q->partner_id = 0;
	if (p && *p) {
		partner *ps;
		int n;
		store_rc src = store_partners(r->st, r->a, r->wp->id, &ps, &n);
		if (!ok_or_reply(r, src))
			return false;
		bool known = parse_int64(p, 1, INT64_MAX, &q->partner_id);
		bool found = false;
		for (int i = 0; known && i < n; i++)
			found = found || ps[i].org_id == q->partner_id;
		if (!found)
			field_error(r, "partner", tr(r, "Kies een partner van deze werkplaats.",
						     "Choose a partner of this workplace."));
	}
	return true;
}

/* ---- the list ---- */

static void select_open(req *r, const char *id, const char *name, const char *label)
{
	html(&r->out, "<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">"
		      "<option value=\"\">%s</option>",
	     id, label, id, name, tr(r, "Alle", "All"));
}

static void option(req *r, const char *value, const char *label, bool on)
{
	html(&r->out, "<option value=\"%s\"%s>%s</option>", value, on ? " selected" : "", label);
}

static void text_filter(req *r, const char *id, const char *label, const char *value, const char *hint)
{
	html(&r->out, "<div class=\"field\"><label for=\"%s\">%s</label>", id, label);
	if (hint)
		html(&r->out, "<small id=\"%s-hint\" class=\"hint\">%s</small>", id, hint);
	html(&r->out, "<input type=\"text\" id=\"%s\" name=\"%s\" value=\"%s\"", id, id + 2, value ? value : "");
	if (hint)
		html(&r->out, " aria-describedby=\"%s-hint\"", id);
	html(&r->out, "></div>");
}

static bool filters(req *r, const question_filter *f)
{
	partner *ps;
	int np;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &np);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<form method=\"get\" action=\"%s/questions\" class=\"actions filters\" role=\"search\">",
	     wp_path(r));
	text_filter(r, "q-text", tr(r, "Zoek", "Search"), f->text, NULL);
	select_open(r, "q-status", "status", tr(r, "Status", "Status"));
	option(r, "open", tr(r, "Open (ingebracht of in bewerking)", "Open (raised or being worked on)"),
	       f->status == QS_COUNT);
	for (int s = 0; s < QS_COUNT; s++)
		option(r, question_status_code((question_status)s), question_status_name((question_status)s, r->english),
		       f->status == s);
	html(&r->out, "</select></div>");
	select_open(r, "q-element", "element", tr(r, "Element", "Element"));
	for (int e = 0; e < EL_COUNT; e++)
		option(r, element_code_str((element_code)e), element_label(r, e), f->element == e);
	html(&r->out, "</select></div>");
	select_open(r, "q-trigger", "trigger", tr(r, "Aanleiding", "Trigger"));
	for (int t = 0; t < TRIG_COUNT; t++)
		option(r, trigger_code((trigger_kind)t), trigger_title(r, (trigger_kind)t), f->trigger == t);
	html(&r->out, "</select></div>");
	select_open(r, "q-partner", "partner", tr(r, "Partner", "Partner"));
	for (int i = 0; i < np; i++)
		option(r, arena_printf(r->a, "%lld", (long long)ps[i].org_id), ps[i].name, f->partner_id == ps[i].org_id);
	html(&r->out, "</select></div>");
	text_filter(r, "q-period", tr(r, "Periode", "Period"), f->period,
		    tr(r, "Een semester: 2026-S1 of 2026-S2", "A semester: 2026-S1 or 2026-S2"));
	text_filter(r, "q-programme", tr(r, "Open voor opleiding", "Open to programme"), f->programme, NULL);
	html(&r->out, "<button>%s</button></form>", tr(r, "Toon", "Show"));
	return true;
}

static void question_row(req *r, const practice_question *q)
{
	html(&r->out, "<tr><td><a href=\"%s/questions/%lld\">%s</a>", wp_path(r), (long long)q->id, q->title);
	if (*q->partner_name)
		html(&r->out, "<br><small>%s</small>", q->partner_name);
	html(&r->out, "</td><td>%s<br><small>%s</small></td><td>", trigger_title(r, q->trigger), q->raised_on);
	practice_status_tag(r, q->status);
	html(&r->out, "</td><td>");
	for (int e = 0; e < EL_COUNT; e++)
		if (q->elements & (1u << e))
			html(&r->out, "<span class=\"tag\">%s</span> ", element_code_str((element_code)e));
	html(&r->out, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
		      "<td class=\"num\">%d</td></tr>",
	     q->n_activities, q->participants, q->n_students, q->n_products);
}

static void questions_table(req *r, const practice_question *qs, int n)
{
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Geen vraagstukken gevonden.", "No questions found."));
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table id=\"questions\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     arena_printf(r->a, tr(r, "%d vraagstukken", "%d questions"), n), tr(r, "Vraagstuk", "Question"),
	     tr(r, "Aanleiding", "Trigger"), tr(r, "Status", "Status"), tr(r, "Elementen", "Elements"),
	     tr(r, "Activiteiten", "Activities"), tr(r, "Deelnemers", "Participants"), tr(r, "Studenten", "Students"),
	     tr(r, "Producten", "Products"));
	for (int i = 0; i < n; i++)
		question_row(r, &qs[i]);
	html(&r->out, "</tbody></table></div>");
}

/* The workplace's own triggers, each with a link that raises a question
 * from it. */
static bool triggers_section(req *r)
{
	wp_profile pr;
	store_rc rc = store_profile_get(r->st, r->a, r->wp->id, &pr);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"triggers\"><h2 id=\"triggers\">%s</h2><ul class=\"plain\">",
	     tr(r, "Aanleidingen van deze werkplaats", "This workplace's triggers"));
	for (int t = 0; t < TRIG_COUNT; t++) {
		html(&r->out, "<li><strong>%s</strong>: %s", trigger_title(r, (trigger_kind)t),
		     *pr.trigger[t] ? pr.trigger[t] : tr(r, "(niet beschreven)", "(not described)"));
		if (wp_may(r, WP_CONTRIBUTE))
			html(&r->out, " · <a href=\"%s/questions?new=%s#new\">%s</a>", wp_path(r),
			     trigger_code((trigger_kind)t), tr(r, "vraagstuk inbrengen", "raise a question"));
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul></section>");
	return true;
}

static void exports_line(req *r)
{
	html(&r->out, "<p class=\"meta\">%s <a href=\"%s/questions.csv\">%s</a> · <a href=\"%s/activities.csv\">%s</a>"
		      " · <a href=\"%s/products.csv\">%s</a> · <a href=\"%s/practice.xlsx\">%s</a></p>",
	     tr(r, "Downloaden:", "Download:"), wp_path(r), tr(r, "vraagstukken (CSV)", "questions (CSV)"), wp_path(r),
	     tr(r, "activiteiten (CSV)", "activities (CSV)"), wp_path(r), tr(r, "producten (CSV)", "products (CSV)"),
	     wp_path(r), tr(r, "alles (XLSX)", "everything (XLSX)"));
}

static void questions_page(req *r, const char *notice)
{
	question_filter f = practice_filter_from_query(r);
	practice_question *qs;
	int n;
	store_rc rc = store_questions_list(r->st, r->a, r->wp->id, &f, &qs, &n);
	if (!ok_or_reply(r, rc))
		return;
	wp_heading(r, tr(r, "Vraagstukken", "Practice questions"), "questions");
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	html(&r->out, "<p>%s</p>",
	     tr(r, "De vragen uit de praktijk waar de werkplaats aan werkt, met de activiteiten eromheen, wie "
		   "eraan bijdraagt en wat ze opleveren.",
		"The questions from practice the workplace works on, the activities around them, who contributes "
		"and what they yield."));
	if (!filters(r, &f))
		return;
	questions_table(r, qs, n);
	exports_line(r);
	if (!triggers_section(r))
		return;
	if (wp_may(r, WP_CONTRIBUTE)) {
		const char *trig = req_query(r, "new");
		html(&r->out, "<h2 id=\"new\">%s</h2>", tr(r, "Vraagstuk inbrengen", "Raise a question"));
		error_summary(r);
		form_begin(r, arena_printf(r->a, "%s/questions", wp_path(r)), NULL);
		if (!question_fields(r, NULL, trig && trigger_from_code(trig) >= 0 ? trig : NULL))
			return;
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Inbrengen", "Raise"));
		form_end(r);
	}
	page_end(r);
}

void page_practice_questions(req *r)
{
	if (!wp_access(r, false))
		return;
	questions_page(r, req_query(r, "deleted") ? tr(r, "Het vraagstuk is verwijderd.", "The question has been deleted.")
						 : NULL);
}

void page_question_create(req *r)
{
	if (!wp_access(r, false))
		return;
	practice_question q = {.workplace_id = r->wp->id, .created_by = r->user->id};
	if (!read_question(r, &q))
		return;
	if (r->nerrors) {
		r->status = 400;
		questions_page(r, NULL);
		return;
	}
	int64_t id;
	store_rc rc = store_question_create(r->st, &q, &id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "question raised", arena_printf(r->a, "#%lld \"%s\"", (long long)id, q.title)))
		reply_redirect(r, arena_printf(r->a, "%s/questions/%lld?done=created", wp_path(r), (long long)id));
}

/* ---- one question ---- */

static bool question_param(req *r, practice_question *out)
{
	int64_t id = param_id(r);
	if (!id)
		return false;
	return found_or_reply(r, store_question_get(r->st, r->a, r->wp->id, id, out));
}

static void delete_button(req *r, const char *path, const char *label)
{
	form_begin(r, path, "inline");
	html(&r->out, "<button class=\"link danger\">%s</button>", label);
	form_end(r);
}

static void activities_section(req *r, const practice_activity *as, int n)
{
	html(&r->out, "<section aria-labelledby=\"activities\"><h2 id=\"activities\">%s</h2>",
	     tr(r, "Activiteiten", "Activities"));
	if (!n) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Nog geen activiteiten.", "No activities yet."));
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table id=\"activity-list\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Activiteiten rond dit vraagstuk", "Activities around this question"), tr(r, "Activiteit", "Activity"),
	     tr(r, "Soort", "Kind"), tr(r, "Datum", "Date"), tr(r, "Deelnemers per perspectief", "Participants per perspective"),
	     tr(r, "Totaal", "Total"));
	for (int i = 0; i < n; i++) {
		const practice_activity *x = &as[i];
		html(&r->out, "<tr><td><a href=\"%s/activities/%lld\">%s</a></td><td>%s</td><td>%s%s%s</td><td>%s</td>"
			      "<td class=\"num\">%d</td></tr>",
		     wp_path(r), (long long)x->id, x->title, activity_kind_name(x->kind, r->english), x->starts_on,
		     *x->ends_on ? " – " : "", x->ends_on, practice_people_text(r, x->people),
		     practice_people_total(x->people));
	}
	html(&r->out, "</tbody></table></div></section>");
}

static void contributors_section(req *r, const practice_contributor *cs, int n)
{
	html(&r->out, "<section aria-labelledby=\"contributors\"><h2 id=\"contributors\">%s</h2>",
	     tr(r, "Studenten en docenten", "Students and teachers"));
	if (!n) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Nog niemand toegevoegd.", "Nobody added yet."));
		return;
	}
	html(&r->out, "<ul class=\"plain\">");
	for (int i = 0; i < n; i++) {
		const practice_contributor *c = &cs[i];
		html(&r->out, "<li><strong>%d</strong> %s", c->people, contributor_role_name(c->role, r->english));
		if (*c->name)
			html(&r->out, " (%s)", c->name);
		if (*c->programme)
			html(&r->out, ", %s", c->programme);
		html(&r->out, " · %s", practice_period_label(r, c->period));
		if (practice_may_edit(r, c->created_by)) {
			html(&r->out, " ");
			delete_button(r, arena_printf(r->a, "%s/contributors/%lld/delete", wp_path(r), (long long)c->id),
				      tr(r, "verwijderen", "remove"));
		}
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul></section>");
}

static void products_section(req *r, const practice_product *ps, int n)
{
	html(&r->out, "<section aria-labelledby=\"products\"><h2 id=\"products\">%s</h2>",
	     tr(r, "Wat het oplevert", "What it yields"));
	if (!n) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Nog geen producten.", "No products yet."));
		return;
	}
	html(&r->out, "<ul class=\"plain\">");
	for (int i = 0; i < n; i++) {
		const practice_product *p = &ps[i];
		html(&r->out, "<li><strong>%s</strong> <a href=\"%s/outcomes/%lld\">%s</a> <span class=\"tag\">%s</span> "
			      "<small>%s</small></li>",
		     product_kind_name(p->kind, r->english), wp_path(r), (long long)p->o.id, p->o.title,
		     outcome_name(p->o.category, r->english), p->o.occurred_on);
	}
	html(&r->out, "</ul><p class=\"hint\">%s <a href=\"%s/outcomes\">%s</a></p></section>",
	     tr(r, "Producten staan ook in het", "Products also appear in the"), wp_path(r),
	     tr(r, "opbrengstenregister", "outcomes register"));
}

/* ---- the forms of the question page ---- */

/* " open" for the <details> of a form that was sent and is shown again
 * with its errors. */
static const char *sent_form(req *r, const char *field)
{
	return r->post && form_get(r, field) ? " open" : "";
}

static void activity_form(req *r, const practice_question *q)
{
	html(&r->out, "<details id=\"add-activity\"%s><summary>%s</summary>", sent_form(r, "act_title"),
	     tr(r, "Activiteit toevoegen", "Add an activity"));
	form_begin(r, arena_printf(r->a, "%s/questions/%lld/activities", wp_path(r), (long long)q->id), NULL);
	practice_activity_fields(r, NULL);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Activiteit toevoegen", "Add the activity"));
	form_end(r);
	html(&r->out, "</details>");
}

static void contributor_form(req *r, const practice_question *q)
{
	html(&r->out, "<details id=\"add-contributor\"%s><summary>%s</summary>", sent_form(r, "con_period"),
	     tr(r, "Student of docent toevoegen", "Add a student or teacher"));
	form_begin(r, arena_printf(r->a, "%s/questions/%lld/contributors", wp_path(r), (long long)q->id), NULL);
	const char *roles[CONTRIB_COUNT], *labels[CONTRIB_COUNT];
	for (int k = 0; k < CONTRIB_COUNT; k++) {
		roles[k] = contributor_role_code((contributor_role)k);
		labels[k] = contributor_role_name((contributor_role)k, r->english);
	}
	select_field(r, "con_role", tr(r, "Rol", "Role"), roles, labels, CONTRIB_COUNT, NULL, NULL);
	input_field(r, "number", "con_people", tr(r, "Aantal", "Number"), "1", NULL, true);
	char day[11], period[8];
	today(day);
	input_field(r, "text", "con_period", tr(r, "Periode", "Period"), period_of_day(day, period) ? period : NULL,
		    tr(r, "Een semester: 2026-S1 (september–januari) of 2026-S2 (februari–augustus).",
		       "A semester: 2026-S1 (September–January) or 2026-S2 (February–August)."),
		    true);
	input_field(r, "text", "con_programme", tr(r, "Opleiding", "Programme"), q->programme, NULL, false);
	input_field(r, "text", "con_name", tr(r, "Naam (alleen als iemand genoemd wil worden)",
					      "Name (only when someone wants to be named)"),
		    NULL, NULL, false);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Toevoegen", "Add"));
	form_end(r);
	html(&r->out, "</details>");
}

static void product_form(req *r, const practice_question *q)
{
	html(&r->out, "<details id=\"add-product\"%s><summary>%s</summary>", sent_form(r, "prod_title"), tr(r, "Product vastleggen", "Record a product"));
	form_begin_upload(r, arena_printf(r->a, "%s/questions/%lld/products", wp_path(r), (long long)q->id));
	const char *kinds[PROD_COUNT], *klabels[PROD_COUNT], *cats[OUT_COUNT], *clabels[OUT_COUNT];
	for (int k = 0; k < PROD_COUNT; k++) {
		kinds[k] = product_kind_code((product_kind)k);
		klabels[k] = product_kind_name((product_kind)k, r->english);
	}
	for (int c = 0; c < OUT_COUNT; c++) {
		cats[c] = outcome_code((outcome_category)c);
		clabels[c] = outcome_name((outcome_category)c, r->english);
	}
	select_field(r, "prod_kind", tr(r, "Soort product", "Kind of product"), kinds, klabels, PROD_COUNT, NULL, NULL);
	select_field(r, "prod_category", tr(r, "Soort opbrengst", "Kind of outcome"), cats, clabels, OUT_COUNT, NULL,
		     tr(r, "Het product komt onder deze soort in het opbrengstenregister.",
			"The product appears under this kind in the outcomes register."));
	input_field(r, "text", "prod_title", tr(r, "Titel", "Title"), NULL, NULL, true);
	char day[11];
	today(day);
	input_field(r, "date", "prod_date", tr(r, "Datum", "Date"), day, tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), true);
	textarea_field(r, "prod_description", tr(r, "Beschrijving", "Description"), NULL, practice_no_names(r));
	input_field(r, "url", "prod_url", tr(r, "Link naar bewijs", "Link to evidence"), NULL,
		    tr(r, "Een webadres dat begint met https:// of http://.", "A web address starting with https:// or http://."),
		    false);
	file_field(r, "prod_file", tr(r, "Of een klein bestand als bewijs", "Or a small file as evidence"),
		   ".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain",
		   tr(r, "PDF, PNG, JPEG of platte tekst, ten hoogste 1 MB. Geen namen of foto's van cliënten.",
		      "PDF, PNG, JPEG or plain text, at most 1 MB. No names or photos of clients."));
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Vastleggen", "Record"));
	form_end(r);
	html(&r->out, "</details>");
}

static void question_facts(req *r, const practice_question *q)
{
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd>", tr(r, "Status", "Status"));
	practice_status_tag(r, q->status);
	html(&r->out, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s, %s</dd><dt>%s</dt><dd>",
	     tr(r, "Aanleiding", "Trigger"), trigger_title(r, q->trigger), tr(r, "Ingebracht", "Raised"),
	     raised_by_name(q->raised, r->english), q->raised_on, tr(r, "Elementen", "Elements"));
	int any = 0;
	for (int e = 0; e < EL_COUNT; e++)
		if (q->elements & (1u << e))
			html(&r->out, "%s%s", any++ ? ", " : "", element_label(r, e));
	html(&r->out, "%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>", any ? "" : "–",
	     tr(r, "Partner", "Partner"), *q->partner_name ? q->partner_name : "–",
	     tr(r, "Open voor studenten van", "Open to students of"), *q->programme ? q->programme : "–");
	if (*q->description)
		html(&r->out, "<p>%s</p>", q->description);
}

static void question_edit(req *r, const practice_question *q)
{
	html(&r->out, "<section aria-labelledby=\"edit\"><h2 id=\"edit\">%s</h2>", tr(r, "Bewerken", "Edit"));
	form_begin(r, arena_printf(r->a, "%s/questions/%lld", wp_path(r), (long long)q->id), NULL);
	if (!question_fields(r, q, NULL))
		return;
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Wijzigingen opslaan", "Save the changes"));
	form_end(r);
	form_begin(r, arena_printf(r->a, "%s/questions/%lld/delete", wp_path(r), (long long)q->id), "stack");
	html(&r->out, "<button class=\"danger\">%s</button>", tr(r, "Vraagstuk verwijderen", "Delete the question"));
	form_end(r);
	html(&r->out, "<p class=\"hint\">%s</p></section>",
	     tr(r, "Verwijderen wist ook de activiteiten en bijdragen; producten blijven in het opbrengstenregister.",
		"Deleting also removes its activities and contributors; products stay in the outcomes register."));
}

static void question_page(req *r, const practice_question *q, const char *notice)
{
	practice_activity *as;
	practice_contributor *cs;
	practice_product *ps;
	int na, nc, np;
	store_rc rc = store_activities_list(r->st, r->a, r->wp->id, q->id, &as, &na);
	if (rc == ST_OK)
		rc = store_contributors_list(r->st, r->a, r->wp->id, q->id, &cs, &nc);
	if (rc == ST_OK)
		rc = store_products_list(r->st, r->a, r->wp->id, q->id, &ps, &np);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, arena_printf(r->a, "%s · %s", q->title, r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> › <a href=\"%s/questions\">%s</a></p><h1>%s</h1>",
	     wp_path(r), r->wp->name, wp_path(r), tr(r, "Vraagstukken", "Practice questions"), q->title);
	lead_notice(r);
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	error_summary(r);
	question_facts(r, q);
	activities_section(r, as, na);
	if (wp_may(r, WP_CONTRIBUTE))
		activity_form(r, q);
	contributors_section(r, cs, nc);
	if (wp_may(r, WP_CONTRIBUTE))
		contributor_form(r, q);
	products_section(r, ps, np);
	if (wp_may(r, WP_CONTRIBUTE))
		product_form(r, q);
	if (practice_may_edit(r, q->created_by))
		question_edit(r, q);
	page_end(r);
}

void page_question(req *r)
{
	practice_question q;
	if (!wp_access(r, false) || !question_param(r, &q))
		return;
	const char *done = req_query(r, "done");
	static const char *const codes[] = {"created", "saved", "activity", "contributor", "removed", NULL};
	const char *nl[] = {"Het vraagstuk is ingebracht.", "De wijzigingen zijn opgeslagen.",
			    "De activiteit is toegevoegd.", "De bijdrage is toegevoegd.", "Verwijderd."};
	const char *en[] = {"The question has been raised.", "The changes have been saved.",
			    "The activity has been added.", "The contribution has been added.", "Removed."};
	const char *notice = NULL;
	for (int i = 0; done && codes[i]; i++)
		if (strcmp(done, codes[i]) == 0)
			notice = tr(r, nl[i], en[i]);
	question_page(r, &q, notice);
}

/* The question of the URL, which the visitor may change; false after a
 * reply (404, 403). */
static bool editable_question(req *r, practice_question *q)
{
	if (!wp_access(r, false) || !question_param(r, q))
		return false;
	if (!practice_may_edit(r, q->created_by)) {
		reply_error(r, 403, tr(r, "Alleen wie het vraagstuk inbracht en de coördinatoren kunnen het wijzigen.",
				       "Only whoever raised the question and the coordinators can change it."));
		return false;
	}
	return true;
}

void page_question_save(req *r)
{
	practice_question cur;
	if (!editable_question(r, &cur))
		return;
	practice_question q = cur;
	if (!read_question(r, &q))
		return;
	if (r->nerrors) {
		r->status = 400;
		question_page(r, &cur, NULL);
		return;
	}
	store_rc rc = store_question_update(r->st, &q);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "question changed", arena_printf(r->a, "#%lld \"%s\" (%s)", (long long)q.id, q.title,
							 question_status_code(q.status))))
		reply_redirect(r, arena_printf(r->a, "%s/questions/%lld?done=saved", wp_path(r), (long long)q.id));
}

void page_question_delete(req *r)
{
	practice_question q;
	if (!editable_question(r, &q))
		return;
	store_rc rc = store_question_delete(r->st, r->wp->id, q.id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "question deleted", arena_printf(r->a, "#%lld \"%s\"", (long long)q.id, q.title)))
		reply_redirect(r, arena_printf(r->a, "%s/questions?deleted=1", wp_path(r)));
}

/* ---- adding to a question: any member ---- */

/* The question of the URL for a member's addition; false after a reply. */
static bool question_for_adding(req *r, practice_question *q)
{
	if (!wp_access(r, false) || !question_param(r, q))
		return false;
	if (!wp_may(r, WP_CONTRIBUTE)) {
		reply_error(r, 403, NULL);
		return false;
	}
	return true;
}

/* The question's page again with the errors of a member's addition (400). */
static void refuse_form(req *r, const practice_question *q)
{
	r->status = 400;
	question_page(r, q, NULL);
}

void page_activity_create(req *r)
{
	practice_question q;
	if (!question_for_adding(r, &q))
		return;
	practice_activity x = {.question_id = q.id, .created_by = r->user->id};
	if (!practice_read_activity(r, &x)) {
		refuse_form(r, &q);
		return;
	}
	int64_t id;
	store_rc rc = store_activity_create(r->st, &x, &id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "activity added", arena_printf(r->a, "#%lld \"%s\" (question #%lld, %d people)", (long long)id,
						      x.title, (long long)q.id, practice_people_total(x.people))))
		reply_redirect(r, arena_printf(r->a, "%s/questions/%lld?done=activity#activities", wp_path(r),
					       (long long)q.id));
}

static bool read_contributor(req *r, practice_contributor *c)
{
	const char *roles[CONTRIB_COUNT + 1] = {0};
	for (int k = 0; k < CONTRIB_COUNT; k++)
		roles[k] = contributor_role_code((contributor_role)k);
	int v;
	int64_t n;
	if (field_choice(r, "con_role", roles, &v))
		c->role = (contributor_role)v;
	if (field_int(r, "con_people", 1, 1000, &n))
		c->people = (int)n;
	field_text(r, "con_name", SHORT_TEXT, false, &c->name);
	field_text(r, "con_programme", SHORT_TEXT, false, &c->programme);
	int year, sem;
	if (field_text(r, "con_period", 7, true, &c->period) && !period_parse(c->period, &year, &sem))
		field_error(r, "con_period", tr(r, "Geef een semester als 2026-S1 of 2026-S2.",
						"Enter a semester as 2026-S1 or 2026-S2."));
	if (c->name && *c->name && c->people != 1)
		field_error(r, "con_name", tr(r, "Een naam hoort bij één persoon: zet het aantal op 1.",
					      "A name belongs to one person: set the number to 1."));
	return !r->nerrors;
}

void page_contributor_create(req *r)
{
	practice_question q;
	if (!question_for_adding(r, &q))
		return;
	practice_contributor c = {.question_id = q.id, .created_by = r->user->id};
	if (!read_contributor(r, &c)) {
		refuse_form(r, &q);
		return;
	}
	int64_t id;
	store_rc rc = store_contributor_add(r->st, &c, &id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "contributor added", arena_printf(r->a, "#%lld %d %s %s (question #%lld)", (long long)id,
							 c.people, contributor_role_code(c.role), c.period, (long long)q.id)))
		reply_redirect(r, arena_printf(r->a, "%s/questions/%lld?done=contributor#contributors", wp_path(r),
					       (long long)q.id));
}

static bool read_product(req *r, practice_product *p)
{
	const char *kinds[PROD_COUNT + 1] = {0}, *cats[OUT_COUNT + 1] = {0};
	for (int k = 0; k < PROD_COUNT; k++)
		kinds[k] = product_kind_code((product_kind)k);
	for (int c = 0; c < OUT_COUNT; c++)
		cats[c] = outcome_code((outcome_category)c);
	int v;
	if (field_choice(r, "prod_kind", kinds, &v))
		p->kind = (product_kind)v;
	if (field_choice(r, "prod_category", cats, &v))
		p->o.category = (outcome_category)v;
	field_text(r, "prod_title", TITLE_TEXT, true, &p->o.title);
	field_date(r, "prod_date", true, &p->o.occurred_on);
	field_multiline(r, "prod_description", LONG_TEXT, false, &p->o.description);
	field_url(r, "prod_url", false, &p->o.evidence_url);
	return !r->nerrors;
}

/* The evidence file sent with the product form, checked: *has false when
 * none was sent; false with a field error when it is too large or of a
 * kind we do not keep. */
static bool read_evidence(req *r, evidence_file *f, bool *has)
{
	const char *name;
	*has = form_file(r, "prod_file", &f->data, &f->size, &name);
	if (!*has)
		return true;
	if (f->size > EVIDENCE_MAX_BYTES) {
		field_error(r, "prod_file", tr(r, "Het bestand is groter dan 1 MB. Zet een link naar het bewijs in "
						  "plaats daarvan.",
					       "The file is larger than 1 MB. Give a link to the evidence instead."));
		return false;
	}
	int k = evidence_kind_of(f->data, f->size);
	if (k < 0) {
		field_error(r, "prod_file", tr(r, "Kies een PDF, PNG, JPEG of een bestand met platte tekst (geen HTML of "
						  "SVG).",
					       "Choose a PDF, PNG, JPEG or plain text file (no HTML or SVG)."));
		return false;
	}
	f->content_type = evidence_content_type((evidence_kind)k);
	f->filename = utf8_valid_text(name, strlen(name), false) && strlen(name) <= 200 ? name : "";
	return true;
}

void page_product_create(req *r)
{
	practice_question q;
	if (!question_for_adding(r, &q))
		return;
	practice_product p = {.o = {.workplace_id = r->wp->id}, .question_id = q.id, .created_by = r->user->id};
	evidence_file f = {0};
	bool has_file;
	bool ok = read_product(r, &p);
	if (!read_evidence(r, &f, &has_file) || !ok) {
		refuse_form(r, &q);
		return;
	}
	int64_t id;
	store_rc rc = store_product_create(r->st, &p, &id);
	if (rc == ST_OK && has_file)
		rc = store_evidence_put(r->st, id, &f, r->user->id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "outcome created", arena_printf(r->a, "#%lld \"%s\" (%s, %s; %s of question #%lld)",
						       (long long)id, p.o.title, outcome_code(p.o.category),
						       p.o.occurred_on, product_kind_code(p.kind), (long long)q.id)))
		reply_redirect(r, arena_printf(r->a, "%s/outcomes/%lld?done=created", wp_path(r), (long long)id));
}
