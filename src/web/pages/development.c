/* development.c - /pw/{slug}/development: every element over all rounds of
 * the workplace, and whether the last change is clearly up, clearly down
 * or unclear; the outcome scales of the rounds beside the outcomes the
 * workplace registered in each round's period; the nine characteristics
 * and the triggers over time. */
#include <math.h>

#include "base/util.h"
#include "web/across.h"
#include "web/characteristics_view.h"
#include "web/charts.h"
#include "web/pages/pages.h"
#include "web/practice_view.h"
#include "web/results.h"

#define MAX_ROUNDS 12 /* the most recent rounds on the chart */

/* A round's column head: a link to its results where the visitor may see
 * them (a programme lead: closed rounds only). */
static void round_head(req *r, const mround *rd)
{
	if (wp_may(r, WP_SEE_RUNNING) || round_state_of(rd) == ROUND_CLOSED)
		html(&r->out, "<th scope=\"col\" class=\"num\"><a href=\"%s/rounds/%lld/results\">%s</a> "
			      "<small>%s</small></th>",
		     wp_path(r), (long long)rd->id, rd->title, rd->opens_on);
	else
		html(&r->out, "<th scope=\"col\" class=\"num\">%s <small>%s</small></th>", rd->title,
		     rd->opens_on);
}

/* An outcome scale's score in a round (as shown: one decimal, from the
 * figures room) over the outcomes registered in that round's period. */
static void outcome_cell(req *r, const analysis_row *row, bool released, int registered)
{
	html(&r->out, "<td class=\"num\" data-registered=\"%d\">", registered);
	if (released && row->plan.shown && !isnan(row->headline)) {
		int h = analysis_tenths(row->headline);
		html(&r->out, "<span class=\"scale\">%d.%d</span>", h / 10, h % 10);
	} else {
		html(&r->out, "<span class=\"scale\" aria-hidden=\"true\">–</span><span class=\"visually-hidden\">%s</span>",
		     tr(r, "geen score getoond", "no score shown"));
	}
	html(&r->out, "<br><small>%s</small></td>",
	     arena_printf(r->a, tr(r, "%d in register", "%d registered"), registered));
}

/* The outcomes register and the outcome scales together: per category the
 * score of each round and the outcomes registered since the round before
 * it closed, up to its closing day. False after a reply. */
static bool outcomes_beside(req *r, const round_results *rs, int n)
{
	const char **closes = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		closes[i] = rs[i].rd.closes_on;
	int(*per)[OUT_COUNT], after[OUT_COUNT];
	if (!across_outcomes_by_round(r, r->wp->id, closes, n, &per, after))
		return false;
	html(&r->out, "<h2 id=\"outcomes\">%s</h2>", tr(r, "Opbrengsten", "Outcomes"));
	results_table_begin(r, "outcomes-beside", "scores",
			    tr(r, "Opbrengstschalen per meting, met de opbrengsten in het register uit dezelfde periode",
			       "Outcome scales per round, with the outcomes in the register from the same period"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th>", tr(r, "Opbrengst", "Outcome"));
	for (int i = 0; i < n; i++)
		round_head(r, &rs[i].rd);
	html(&r->out, "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "In register na de laatste meting", "Registered after the last round"));
	for (int c = 0; c < OUT_COUNT; c++) {
		html(&r->out, "<tr data-outcome=\"%s\"><th scope=\"row\">%s</th>", outcome_code((outcome_category)c),
		     outcome_name((outcome_category)c, r->english));
		for (int i = 0; i < n; i++)
			outcome_cell(r, &rs[i].res->outcomes[c], rs[i].released, per[i][c]);
		html(&r->out, "<td class=\"num\" data-registered=\"%d\">%d</td></tr>", after[c], after[c]);
	}
	html(&r->out, "</tbody></table></div><p class=\"hint\">%s <a href=\"%s/outcomes\">%s</a></p>",
	     tr(r, "Boven: de score op de opbrengstschaal van de vragenlijst (elk perspectief telt even zwaar; "
		   "alleen van afgesloten metingen die de anonimiteitsdrempel halen). Onder: hoeveel opbrengsten "
		   "de werkplaats registreerde met een datum na het sluiten van de meting ervoor, tot en met de "
		   "sluitdatum van deze meting. Dat ze samen oplopen zegt niet dat het een het ander veroorzaakt.",
		"Above: the score on the questionnaire's outcome scale (each perspective counts equally; only "
		"closed rounds that meet the anonymity threshold). Below: how many outcomes the workplace "
		"registered with a date after the previous round closed, up to and including this round's "
		"closing day. That they rise together does not say that one causes the other."),
	     wp_path(r), tr(r, "Naar het opbrengstenregister", "To the outcomes register"));
	return true;
}

/* The year view of the primary process beside the headline scores of the
 * rounds (by the year each opened), as the figures room released them. */
static bool year_view(req *r, const round_results *rs, int n)
{
	int *years = ARENA_ARRAY(r->a, int, (size_t)n + 1);
	const char **titles = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	double (*scores)[EL_COUNT] = arena_alloc(r->a, sizeof(double[EL_COUNT]) * ((size_t)n + 1));
	for (int i = 0; i < n; i++) {
		int64_t y = 0;
		parse_int64(arena_strndup(r->a, rs[i].rd.opens_on, 4), 1, 9999, &y);
		years[i] = (int)y;
		titles[i] = rs[i].rd.title;
		for (int e = 0; e < EL_COUNT; e++) {
			const analysis_row *row = &rs[i].res->elements[e];
			scores[i][e] = rs[i].released && row->plan.shown ? row->headline : NAN;
		}
	}
	practice_scores sc = {n, years, titles, (const double(*)[EL_COUNT])scores};
	return practice_year_view(r, &sc);
}

void page_development(req *r)
{
	if (!wp_access(r, false))
		return;
	mround *list;
	int n;
	store_rc rc = store_rounds_for(r->st, r->a, r->wp->id, &list, &n);
	if (!ok_or_reply(r, rc))
		return;
	if (n > MAX_ROUNDS)
		n = MAX_ROUNDS;
	/* oldest first */
	round_results *rs = ARENA_ARRAY(r->a, round_results, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		if (!results_load(r, list[n - 1 - i].id, &rs[i]))
			return;
	r->wide = true;
	page_begin(r, tr(r, "Ontwikkeling", "Development"));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a></p><h1>%s</h1>", wp_path(r), r->wp->name,
	     tr(r, "Ontwikkeling over de metingen", "Development over the rounds"));
	if (n == 0) {
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn nog geen metingen.", "There are no rounds yet."));
		if (practice_year_view(r, NULL) && chars_history(r, true))
			page_end(r);
		return;
	}
	analysis_change change[EL_COUNT];
	/* the change between the two latest rounds with figures: an open
	 * round (or one below k) in between shows none */
	int last = -1, before = -1;
	for (int i = n - 1; i >= 0 && before < 0; i--)
		if (rs[i].released && rs[i].res->plan.shown) {
			before = last >= 0 ? i : -1;
			last = last >= 0 ? last : i;
		}
	bool have_change = before >= 0;
	if (have_change)
		analysis_compare(rs[before].res, rs[last].res, change);
	charts_development(r, rs, n, have_change ? change : NULL);
	results_table_begin(r, "development", "scores",
			    tr(r, "Score per element per meting (elk perspectief telt even zwaar)",
			       "Score per element per round (each perspective counts equally)"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th>", tr(r, "Element", "Element"));
	for (int i = 0; i < n; i++)
		round_head(r, &rs[i].rd);
	html(&r->out, "<th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Laatste verandering (95%-interval)", "Last change (95% interval)"));
	for (int e = 0; e < EL_COUNT; e++) {
		html(&r->out, "<tr><th scope=\"row\">%s <small>%s</small></th>", element_code_str((element_code)e),
		     wp_text_get(&rs[n - 1].sv->in->elements[e].name, r->english));
		for (int i = 0; i < n; i++) {
			const analysis_row *row = &rs[i].res->elements[e];
			results_mean_cell(r, row->headline, row->plan.shown ? 1 : 0);
		}
		html(&r->out, "<td>");
		if (have_change)
			results_change(r, &change[e]);
		else
			html(&r->out, "–");
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table></div><p class=\"hint\">%s</p>",
	     tr(r, "‘Duidelijk hoger’ of ‘duidelijk lager’ betekent dat het 95%-betrouwbaarheidsinterval "
		   "van het verschil (Welch) helemaal boven of onder nul ligt. Anders is de verandering "
		   "onduidelijk: die kan toeval zijn.",
		"‘Clearly up’ or ‘clearly down’ means that the 95% confidence interval of the difference "
		"(Welch) lies entirely above or below zero. Otherwise the change is unclear: it may be "
		"chance."));
	if (!outcomes_beside(r, rs, n))
		return;
	/* beside the element scores: the year in practice and the
	 * workplace's own view of itself */
	if (year_view(r, rs, n) && chars_history(r, true))
		page_end(r);
}
