/* student_questions.c - /questions: the practice questions open to
 * students, across the workplaces the visitor may read (their own; a
 * programme lead's or the administrator's: all), for a teacher who looks
 * for questions for the students of a programme. Each links to
 * its page in its workplace, where the usual access rules hold. */
#include <string.h>

#include "base/util.h"
#include "web/characteristics_view.h"
#include "web/pages/pages.h"

#define MAX_PROGRAMME 100

static void search_form(req *r, const char *programme)
{
	html(&r->out, "<form method=\"get\" action=\"/questions\" class=\"actions filters\" role=\"search\">"
		      "<div class=\"field\"><label for=\"q-programme\">%s</label>"
		      "<p class=\"hint\" id=\"q-programme-hint\">%s</p>"
		      "<input type=\"text\" id=\"q-programme\" name=\"programme\" value=\"%s\" "
		      "aria-describedby=\"q-programme-hint\"></div><button>%s</button></form>",
	     tr(r, "Opleiding", "Programme"),
	     tr(r, "Een deel van de naam is genoeg, bijvoorbeeld: verpleeg. Leeg: alle opleidingen.",
		"Part of the name will do, for example: nursing. Empty: every programme."),
	     programme, tr(r, "Zoek", "Search"));
}

/* The open questions of one workplace for the programme; false after a
 * reply. *shown counts the rows written. */
static bool workplace_rows(req *r, const workplace *w, const char *programme, int *shown)
{
	question_filter f = {.status = -1, .element = -1, .trigger = -1, .programme = programme,
			     .for_students = true};
	practice_question *qs;
	int n;
	store_rc rc = store_questions_list(r->st, r->a, w->id, &f, &qs, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	for (int i = 0; i < n; i++) {
		const practice_question *q = &qs[i];
		html(&r->out, "<tr><td><a href=\"/pw/%s/questions/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
			      "<td>%s</td></tr>",
		     w->slug, (long long)q->id, q->title, w->name, q->programme, trigger_title(r, q->trigger),
		     question_status_name(q->status, r->english));
	}
	*shown += n;
	return true;
}

void page_student_questions(req *r)
{
	const char *programme = req_query(r, "programme");
	if (!programme || strlen(programme) > MAX_PROGRAMME || !utf8_valid_text(programme, strlen(programme), false))
		programme = "";
	bool all = is_site_admin(r) || r->user->is_programme_lead;
	workplace *ws;
	int nw, shown = 0;
	store_rc rc = store_workplaces_for(r->st, r->a, r->user->id, all, &ws, &nw);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	page_begin(r, tr(r, "Vraagstukken voor studenten", "Questions for students"));
	html(&r->out, "<h1>%s</h1><p>%s</p>", tr(r, "Vraagstukken voor studenten", "Questions for students"),
	     tr(r, "Open vraagstukken uit de praktijk waar studenten van een opleiding aan kunnen werken, uit de "
		   "werkplaatsen die je kunt inzien.",
		"Open questions from practice that students of a programme can work on, from the workplaces you "
		"can see."));
	search_form(r, programme);
	html(&r->out, "<div class=\"table-wrap\"><table id=\"student-questions\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     *programme ? arena_printf(r->a, tr(r, "Open voor studenten van ‘%s’", "Open to students of ‘%s’"), programme)
			: tr(r, "Open voor studenten", "Open to students"),
	     tr(r, "Vraagstuk", "Question"), tr(r, "Werkplaats", "Workplace"), tr(r, "Opleiding", "Programme"),
	     tr(r, "Aanleiding", "Trigger"), tr(r, "Status", "Status"));
	for (int i = 0; i < nw; i++)
		if (!workplace_rows(r, &ws[i], programme, &shown))
			return;
	html(&r->out, "</tbody></table></div>");
	if (!shown)
		html(&r->out, "<p>%s</p>", tr(r, "Geen open vraagstukken gevonden.", "No open questions found."));
	page_end(r);
}
