/* workplace.c - /pw/{slug}: a workplace's own page, for its members: the
 * profile, whether it meets the definition of a PW, the nine
 * characteristics, open practice questions, open actions, outcomes, the
 * benchmark, partners, the year reports and members. */
#include <string.h>

#include "base/util.h"
#include "web/characteristics_view.h"
#include "web/latest.h"
#include "web/practice_view.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/share_links.h"
#include "web/survey.h"
#include "web/wp_frame.h"

#define OPEN_ACTIONS_SHOWN 8

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

static bool characteristics_section(req *r)
{
	wp_characteristic cs[PW_CHARACTERISTICS];
	store_rc rc = store_characteristics_get(r->st, r->a, r->wp->id, cs);
	if (!ok_or_reply(r, rc))
		return false;
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
	if (!ok_or_reply(r, rc))
		return false;
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
	if (!ok_or_reply(r, rc))
		return false;
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
	if (!ok_or_reply(r, rc))
		return false;
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
	if (!ok_or_reply(r, rc))
		return false;
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

static int this_year(void)
{
	char day[11];
	int64_t y = 0;
	today(day);
	day[4] = 0;
	parse_int64(day, 0, 9999, &y);
	return (int)y;
}

/* A coordinator's form for a share link to the year report of `year`. */
static void share_form(req *r, int year)
{
	form_begin(r, arena_printf(r->a, "%s/years/%d/share", wp_path(r), year), "inline");
	html(&r->out, "<label for=\"days-%d\">%s</label> <input type=\"number\" id=\"days-%d\" name=\"days\" min=\"1\" "
		      "max=\"%d\" value=\"%d\" required> <button>%s</button>",
	     year, tr(r, "dagen geldig", "days valid"), year, SHARE_DAYS_MAX, SHARE_DAYS_DEFAULT,
	     arena_printf(r->a, tr(r, "Deellink voor %d maken", "Make a share link for %d"), year));
	form_end(r);
}

/* The workplace's year links, for its coordinators. False after a reply. */
static bool links(req *r)
{
	share_link *ls;
	int n;
	store_rc rc = store_year_share_links(r->st, r->a, r->wp->id, &ls, &n);
	if (!ok_or_reply(r, rc))
		return false;
	if (!n)
		return true;
	const char **years = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	years[0] = tr(r, "Jaar", "Year");
	for (int i = 0; i < n; i++)
		years[i + 1] = arena_printf(r->a, "%d", ls[i].year);
	share_links_table(r, arena_printf(r->a, "%s/year-links", wp_path(r)), ls, n, years);
	return true;
}

/* The year reports of the workplace and, for coordinators, their share
 * links (made and revoked in year_share.c). False after a reply. */
static bool year_reports_section(req *r)
{
	if (strcmp(r->wp_role, "lead") == 0)
		return true;
	int year = this_year();
	bool manage = wp_can_manage(r);
	html(&r->out, "<section aria-labelledby=\"year-reports\"><h2 id=\"year-reports\">%s</h2><p>%s</p><ul>",
	     tr(r, "Jaarverslag", "Year report"),
	     tr(r, "Profiel, kenmerken, meetrondes en hun ontwikkeling, verbeteracties en opbrengsten van een "
		   "jaar, als PDF voor het jaargesprek met de partners.",
		"Profile, characteristics, rounds and their development, improvement actions and outcomes of a "
		"year, as a PDF for the annual talk with the partners."));
	for (int y = year; y >= year - 1; y--) {
		html(&r->out, "<li><a href=\"%s/years/%d/report.pdf\">%s</a>", wp_path(r), y,
		     arena_printf(r->a, tr(r, "Jaarverslag %d (PDF)", "Year report %d (PDF)"), y));
		if (manage)
			share_form(r, y);
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
	if (manage) {
		html(&r->out, "<p class=\"hint\">%s</p>",
		     tr(r, "Een deellink geeft wie geen account heeft het jaarverslag als PDF, alleen om te lezen, "
			   "zonder de meetrondes die nog niet gesloten zijn. Stuur hem alleen naar wie hem mag hebben.",
			"A share link gives people without an account the year report as a PDF, read-only, "
			"without the rounds that have not closed. Send it only to those who may have it."));
		if (!links(r))
			return false;
	}
	html(&r->out, "</section>");
	return true;
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
	if (!ok_or_reply(r, rc))
		return;
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
