/* workplace.c - /pw/{slug}: a workplace's own page, for its members: the
 * profile, whether it meets the definition of a PW, the nine
 * characteristics, open practice questions, open actions, outcomes, the
 * benchmark, partners and members. Also the helpers the other workplace pages share. */
#include <string.h>

#include "base/util.h"
#include "base/zone.h"
#include "domain/definition.h"
#include "web/characteristics_view.h"
#include "web/practice_view.h"
#include "web/pages/pages.h"
#include "web/pages/workplace.h"
#include "web/survey.h"

#define OPEN_ACTIONS_SHOWN 8

/* ---- shared helpers ---- */

bool wp_can_manage(const req *r)
{
	return wp_may(r, WP_MANAGE);
}

void wp_subnav(req *r, const char *current)
{
	struct {
		const char *key, *path, *nl, *en;
		int needs; /* a wp_right, or -1: every role that sees the workplace */
	} items[] = {
		{"home", "", "Overzicht", "Overview", -1},
		{"rounds", "/rounds", "Meetrondes", "Measurement rounds", -1},
		{"profile", "/profile", "Profiel", "Profile", WP_MANAGE},
		{"partners", "/partners", "Partners", "Partners", -1},
		{"members", "/members", "Leden", "Members", WP_SEE_MEMBERS},
		{"questions", "/questions", "Vraagstukken", "Practice questions", -1},
		{"actions", "/actions", "Verbeteragenda", "Improvement agenda", -1},
		{"outcomes", "/outcomes", "Opbrengsten", "Outcomes", -1},
		{"realist", "/realist", "Realistische notities", "Realist notes", -1},
		{"development", "/development", "Ontwikkeling", "Development", -1},
		{"audit", "/audit", "Logboek", "Audit log", WP_MANAGE},
		{"privacy", "/privacy", "Privacy", "Privacy", WP_MANAGE},
	};
	html(&r->out, "<nav class=\"subnav\" aria-label=\"%s\">", tr(r, "Werkplaats", "Workplace"));
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		if (items[i].needs >= 0 && !wp_may(r, (wp_right)items[i].needs))
			continue;
		if (strcmp(current, items[i].key) == 0)
			html(&r->out, "<a href=\"%s%s\" aria-current=\"page\">%s</a>", wp_path(r), items[i].path,
			     tr(r, items[i].nl, items[i].en));
		else
			html(&r->out, "<a href=\"%s%s\">%s</a>", wp_path(r), items[i].path,
			     tr(r, items[i].nl, items[i].en));
	}
	html(&r->out, "</nav>");
}

void wp_heading(req *r, const char *title, const char *current)
{
	page_begin(r, arena_printf(r->a, "%s · %s", title, r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a></p><h1>%s</h1>", wp_path(r), r->wp->name,
	     title);
	wp_subnav(r, current);
	lead_notice(r);
}

const char *fmt_time(req *r, int64_t t)
{
	char s[ZONE_TIME_CHARS];
	zone_format(t, r->english, true, s);
	return arena_strdup(r->a, s);
}

const char *element_label(req *r, int e)
{
	return arena_printf(r->a, "%s – %s", element_code_str((element_code)e),
			    element_name((element_code)e, r->english));
}

void action_status_tag(req *r, action_status status)
{
	html(&r->out, "<span class=\"status-%s\">%s</span>", action_status_code(status),
	     action_status_name(status, r->english));
}

bool action_late(const improvement *a)
{
	char t[11];
	today(t);
	return action_overdue(a->status, a->due_on, t);
}

const char *partner_role_name(req *r, const char *role)
{
	return strcmp(role, "lead") == 0 ? tr(r, "penvoerder", "lead partner") : tr(r, "partner", "partner");
}

bool wp_audit(req *r, const char *what, const char *detail)
{
	store_rc rc = store_audit(r->st, r->user ? r->user->id : 0, r->wp ? r->wp->id : 0, what, detail);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	return true;
}

void textarea_required(req *r, const char *name, const char *label, const char *value, const char *hint)
{
	const char *err = field_error_for(r, name);
	const char *submitted = r->post ? form_get(r, name) : NULL;
	html(&r->out, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", err ? " invalid" : "", name, label);
	if (hint)
		html(&r->out, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, err);
	if (err)
		html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\" required aria-invalid=\"true\" "
			      "aria-describedby=\"e-%s\">",
		     name, name, name);
	else
		html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\" required>", name, name);
	html(&r->out, "%s</textarea></div>", submitted ? submitted : value ? value : "");
}

int64_t param_id(req *r)
{
	int64_t id;
	if (!r->param[1] || !parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return 0;
	}
	return id;
}

/* ---- the page ---- */

static void profile_section(req *r, const wp_profile *p)
{
	const workplace *w = &p->w;
	if (*w->description)
		html(&r->out, "<p class=\"lead\">%s</p>", w->description);
	html(&r->out, "<dl class=\"facts\">");
	if (*w->domain)
		html(&r->out, "<dt>%s</dt><dd>%s</dd>", tr(r, "Domein", "Domain"), w->domain);
	html(&r->out, "<dt>%s</dt><dd>%s</dd>", tr(r, "Locatie in de praktijk", "Location in practice"),
	     *w->location ? w->location : tr(r, "nog niet ingevuld", "not filled in yet"));
	if (*w->start_date)
		html(&r->out, "<dt>%s</dt><dd>%s</dd>", tr(r, "Gestart", "Started"), w->start_date);
	html(&r->out, "</dl>");
	if (*w->vision)
		html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Gedeelde visie", "Shared vision"), w->vision);
	if (*p->goals)
		html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Doelen", "Goals"), p->goals);
	bool any = false;
	for (int t = 0; t < TRIG_COUNT; t++)
		any = any || *p->trigger[t];
	if (!any)
		return;
	html(&r->out, "<h2>%s</h2><dl class=\"facts\">", tr(r, "Aanleiding", "Triggers"));
	for (int t = 0; t < TRIG_COUNT; t++)
		if (*p->trigger[t])
			html(&r->out, "<dt>%s</dt><dd>%s</dd>", trigger_title(r, (trigger_kind)t), p->trigger[t]);
	html(&r->out, "</dl>");
}

void definition_notice(req *r, const partner *ps, int n, const char *location)
{
	org_kind *kinds = ARENA_ARRAY(r->a, org_kind, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		kinds[i] = ps[i].kind;
	pw_definition d = pw_definition_check(kinds, n, location);
	if (d.meets) {
		html(&r->out, "<div class=\"notice\" id=\"definition\" data-meets=\"yes\"><p>%s</p></div>",
		     tr(r, "Deze samenwerking voldoet aan de definitie van een professionele werkplaats: "
			   "minstens één hogeronderwijsinstelling en één publieke organisatie, gesitueerd in "
			   "de praktijk.",
			"This collaboration meets the definition of a professional workplace: at least one "
			"higher-education institution and one public organisation, located in practice."));
		return;
	}
	html(&r->out, "<div class=\"notice warn\" id=\"definition\" data-meets=\"no\"><p>%s</p><ul>",
	     tr(r, "Deze samenwerking voldoet nog niet aan de definitie van een professionele werkplaats. "
		   "Wat ontbreekt:",
		"This collaboration does not meet the definition of a professional workplace yet. What is "
		"missing:"));
	if (!d.higher_education)
		html(&r->out, "<li>%s</li>", tr(r, "een hogeronderwijsinstelling (hbo of universiteit) als partner",
					       "a higher-education institution (hbo or university) as partner"));
	if (!d.public_org)
		html(&r->out, "<li>%s</li>", tr(r, "een publieke organisatie als partner",
					       "a public organisation as partner"));
	if (!d.located)
		html(&r->out, "<li>%s</li>", tr(r, "een locatie in de praktijk (vul die in bij het profiel)",
					       "a location in practice (fill it in on the profile)"));
	html(&r->out, "</ul></div>");
}

static bool characteristics_section(req *r)
{
	wp_characteristic cs[PW_CHARACTERISTICS];
	store_rc rc = store_characteristics_get(r->st, r->a, r->wp->id, cs);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	int count[CHAR_STATE_COUNT] = {0};
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		if (cs[i].state >= 0)
			count[cs[i].state]++;
	html(&r->out, "<section aria-labelledby=\"characteristics\"><h2 id=\"characteristics\">%s</h2>"
		      "<p class=\"hint\">%s</p>",
	     tr(r, "De negen kenmerken", "The nine characteristics"),
	     arena_printf(r->a, tr(r, "Eigen beoordeling: %d voldaan, %d deels, %d nog niet.",
				   "Own assessment: %d met, %d partly, %d not yet."),
			  count[CHAR_MET], count[CHAR_PARTLY], count[CHAR_NOT_YET]));
	html(&r->out, "<ul class=\"plain characteristics\">");
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		html(&r->out, "<li><span class=\"%s\">%s</span> %d. %s", char_state_class(cs[i].state),
		     char_state_name(cs[i].state, r->english), i + 1, pw_characteristic_title(i, r->english));
		if (*cs[i].note)
			html(&r->out, "<br><small>%s</small>", cs[i].note);
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
	html(&r->out, "<p><a href=\"%s/characteristics/history\">%s</a></p>", wp_path(r),
	     tr(r, "Alle beoordelingen en de aanleiding door de tijd", "Every assessment and the triggers over time"));
	if (wp_can_manage(r))
		html(&r->out, "<p><a href=\"%s/characteristics\">%s</a></p>", wp_path(r),
		     tr(r, "Kenmerken beoordelen", "Assess the characteristics"));
	html(&r->out, "</section>");
	return true;
}

static bool actions_section(req *r)
{
	action_info *as;
	int n;
	store_rc rc = store_actions_list(r->st, r->a, r->wp->id, ACTION_STATUS_COUNT, -1, &as, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	html(&r->out, "<section aria-labelledby=\"open-actions\"><h2 id=\"open-actions\">%s</h2>",
	     tr(r, "Open verbeteracties", "Open improvement actions"));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn geen open verbeteracties.", "There are no open improvement actions."));
	else
		html(&r->out, "<ul class=\"plain\">");
	for (int i = 0; i < n && i < OPEN_ACTIONS_SHOWN; i++) {
		const improvement *a = &as[i].act;
		html(&r->out, "<li><a href=\"%s/actions/%lld\">%s</a> ", wp_path(r), (long long)a->id, a->title);
		action_status_tag(r, a->status);
		for (int e = 0; e < EL_COUNT; e++)
			if (a->elements & (1u << e))
				html(&r->out, " <span class=\"tag\">%s</span>", element_code_str((element_code)e));
		if (*a->due_on)
			html(&r->out, " <small>%s %s</small>", tr(r, "klaar op", "due"), a->due_on);
		if (action_late(a))
			html(&r->out, " <span class=\"band-attention overdue\">%s</span>", tr(r, "te laat", "overdue"));
		html(&r->out, "</li>");
	}
	if (n)
		html(&r->out, "</ul>");
	html(&r->out, "<p><a href=\"%s/actions\">%s</a></p></section>", wp_path(r),
	     n > OPEN_ACTIONS_SHOWN ? arena_printf(r->a, tr(r, "Alle %d open acties en de hele agenda",
							    "All %d open actions and the whole agenda"), n)
				    : tr(r, "Naar de verbeteragenda", "To the improvement agenda"));
	return true;
}

/* The open practice questions, the first few. */
static bool questions_section(req *r)
{
	question_filter f = {.status = QS_COUNT, .element = -1, .trigger = -1};
	practice_question *qs;
	int n;
	store_rc rc = store_questions_list(r->st, r->a, r->wp->id, &f, &qs, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	html(&r->out, "<section aria-labelledby=\"open-questions\"><h2 id=\"open-questions\">%s</h2>",
	     tr(r, "Vraagstukken waaraan gewerkt wordt", "Questions being worked on"));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn geen open vraagstukken.", "There are no open questions."));
	else
		html(&r->out, "<ul class=\"plain\">");
	for (int i = 0; i < n && i < OPEN_ACTIONS_SHOWN; i++) {
		html(&r->out, "<li><a href=\"%s/questions/%lld\">%s</a> ", wp_path(r), (long long)qs[i].id, qs[i].title);
		practice_status_tag(r, qs[i].status);
		html(&r->out, " <small>%s</small></li>",
		     arena_printf(r->a, tr(r, "%d activiteiten, %d deelnemers", "%d activities, %d participants"),
				  qs[i].n_activities, qs[i].participants));
	}
	if (n)
		html(&r->out, "</ul>");
	html(&r->out, "<p><a href=\"%s/questions\">%s</a></p></section>", wp_path(r),
	     tr(r, "Naar de vraagstukken", "To the practice questions"));
	return true;
}

static bool outcomes_section(req *r)
{
	outcome_year *ys;
	int n;
	store_rc rc = store_outcome_years(r->st, r->a, r->wp->id, &ys, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	int per[OUT_COUNT] = {0}, total = 0;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < OUT_COUNT; c++) {
			per[c] += ys[i].count[c];
			total += ys[i].count[c];
		}
	html(&r->out, "<section aria-labelledby=\"outcomes\"><h2 id=\"outcomes\">%s</h2>",
	     tr(r, "Opbrengsten", "Outcomes"));
	if (!total) {
		html(&r->out, "<p>%s</p>", tr(r, "Nog geen opbrengsten vastgelegd.", "No outcomes recorded yet."));
	} else {
		html(&r->out, "<ul class=\"counts\">");
		for (int c = 0; c < OUT_COUNT; c++)
			html(&r->out, "<li><strong>%d</strong> %s</li>", per[c],
			     outcome_name((outcome_category)c, r->english));
		html(&r->out, "</ul>");
	}
	html(&r->out, "<p><a href=\"%s/outcomes\">%s</a></p></section>", wp_path(r),
	     tr(r, "Naar het opbrengstenregister", "To the outcomes register"));
	return true;
}

static void partners_section(req *r, const partner *ps, int n)
{
	html(&r->out, "<section aria-labelledby=\"partners\"><h2 id=\"partners\">%s</h2>",
	     tr(r, "Partners", "Partners"));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Nog geen partners vastgelegd.", "No partners recorded yet."));
	else
		html(&r->out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "</tr></thead><tbody>",
		     tr(r, "Organisatie", "Organisation"), tr(r, "Soort", "Kind"), tr(r, "Rol", "Role"),
		     tr(r, "Sinds", "Since"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", ps[i].name,
		     org_kind_name(ps[i].kind, r->english), partner_role_name(r, ps[i].role), ps[i].joined_on);
	if (n)
		html(&r->out, "</tbody></table></div>");
	if (wp_can_manage(r))
		html(&r->out, "<p><a href=\"%s/partners\">%s</a></p>", wp_path(r),
		     tr(r, "Partners beheren", "Manage partners"));
	html(&r->out, "</section>");
}

static bool members_section(req *r)
{
	member *ms;
	int n;
	store_rc rc = store_members(r->st, r->a, r->wp->id, &ms, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	html(&r->out, "<section aria-labelledby=\"members\"><h2 id=\"members\">%s</h2><ul class=\"plain\">",
	     tr(r, "Leden", "Members"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<li>%s <span class=\"tag\">%s</span></li>", ms[i].name,
		     member_role_name(ms[i].role, r->english));
	html(&r->out, "</ul><p><a href=\"%s/members\">%s</a></p></section>", wp_path(r),
	     wp_can_manage(r) ? tr(r, "Leden beheren en uitnodigen", "Manage and invite members")
			      : tr(r, "Alle leden", "All members"));
	return true;
}

void lead_notice(req *r)
{
	if (wp_may(r, WP_SEE_RUNNING)) /* members and staff see it all */
		return;
	if (wp_may(r, WP_SEE_COMMENTS))
		html(&r->out, "<p class=\"notice\" id=\"lead-view\" data-comments=\"shared\">%s</p>",
		     tr(r, "Je leest deze werkplaats als programmaleider: alleen lezen. Lopende metingen en de "
			   "ledenlijst zijn voor de leden van de werkplaats. De werkplaats deelt de opmerkingen van "
			   "respondenten met je (bij de elementen van afgesloten metingen).",
			"You are reading this workplace as programme lead: read-only. Running rounds and the "
			"member list are for the workplace's members. The workplace shares respondents' comments "
			"with you (on the elements of closed rounds)."));
	else
		html(&r->out, "<p class=\"notice\" id=\"lead-view\">%s</p>",
		     tr(r, "Je leest deze werkplaats als programmaleider: alleen lezen. Lopende metingen, "
			   "opmerkingen van respondenten en de ledenlijst zijn voor de leden van de werkplaats.",
			"You are reading this workplace as programme lead: read-only. Running rounds, "
			"respondents' comments and the member list are for the workplace's members."));
}

void page_workplace(req *r)
{
	if (!wp_access(r, false))
		return;
	wp_profile p;
	partner *ps;
	int np;
	store_rc rc = store_profile_get(r->st, r->a, r->wp->id, &p);
	if (rc == ST_OK)
		rc = store_partners(r->st, r->a, r->wp->id, &ps, &np);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	workplace *w = r->wp;
	page_begin(r, w->name);
	html(&r->out, "<h1>%s</h1>", w->name);
	html(&r->out, "<p class=\"meta\">%s%s%s</p>", w->domain, *w->domain && *w->location ? " · " : "",
	     w->location);
	wp_subnav(r, "home");
	lead_notice(r);
	if (req_query(r, "joined"))
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
		     arena_printf(r->a, tr(r, "Welkom bij %s.", "Welcome to %s."), w->name));
	profile_section(r, &p);
	definition_notice(r, ps, np, p.w.location);
	if (wp_can_manage(r))
		html(&r->out, "<p><a href=\"%s/profile\">%s</a></p>", wp_path(r),
		     tr(r, "Profiel bewerken", "Edit the profile"));
	if (!characteristics_section(r) || !questions_section(r) || !actions_section(r) || !outcomes_section(r) ||
	    !benchmark_section(r))
		return;
	partners_section(r, ps, np);
	if (!year_reports_section(r))
		return;
	if (!wp_may(r, WP_SEE_MEMBERS) || members_section(r))
		page_end(r);
}

void elements_field(req *r, const char *name, unsigned mask, bool sent)
{
	const char *err = field_error_for(r, name);
	int n = 0;
	const char **got = sent ? form_all(r, name, &n) : NULL;
	html(&r->out, "<fieldset id=\"f-%s\" class=\"%s\"><legend>%s</legend>", name, err ? "invalid" : "",
	     tr(r, "Elementen", "Elements"));
	if (err)
		html(&r->out, "<p class=\"field-error\">%s</p>", err);
	for (int e = 0; e < EL_COUNT; e++) {
		const char *code = element_code_str((element_code)e);
		bool on = mask & (1u << e);
		if (sent) {
			on = false;
			for (int i = 0; i < n; i++)
				on = on || strcmp(got[i], code) == 0;
		}
		html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s-%s\" name=\"%s\" "
			      "value=\"%s\"%s><label for=\"f-%s-%s\">%s</label></div>",
		     name, code, name, code, on ? " checked" : "", name, code, element_label(r, e));
	}
	html(&r->out, "</fieldset>");
}

bool read_elements(req *r, const char *name, bool required, unsigned *mask)
{
	int n;
	const char **els = form_all(r, name, &n);
	*mask = 0;
	for (int i = 0; i < n; i++) {
		int e = element_from_code(els[i]);
		if (e < 0) {
			field_error(r, name, tr(r, "Kies elementen uit de lijst.", "Choose elements from the list."));
			return false;
		}
		*mask |= 1u << e;
	}
	if (!*mask && required) {
		field_error(r, name, tr(r, "Kies minstens één element.", "Choose at least one element."));
		return false;
	}
	return true;
}
