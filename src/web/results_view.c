/* results_view.c - the figures of a round's result pages, written from
 * the analysis result (which holds only what may be shown): the overview's
 * key figures, radar, key points and tables, and one element's table.
 * Shared by the workplace's result pages (pages/results.c) and the share
 * links (pages/share.c), which differ only in where they link. */
#include "web/results_view.h"

#include <math.h>
#include <string.h>

#include "base/util.h"
#include "web/charts.h"

static void row_cells(req *r, const round_results *rr, const analysis_row *row, int item,
		      const perspective *cols, int ncols)
{
	for (int c = 0; c < ncols; c++)
		results_row_cell(r, rr, row, item, cols[c]);
}

/* The header cells of a scores table; the caller closes the row (and may
 * add cells of its own first). */
static void scores_head(req *r, const round_results *rr, const perspective *cols, int ncols,
			const char *first, bool with_change)
{
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th>", first);
	for (int c = 0; c < ncols; c++)
		html(&r->out, "<th scope=\"col\" class=\"num\">%s <small>n=%d</small></th>",
		     results_column_name(r, &rr->res->plan, cols[c]), rr->res->plan.n[cols[c]]);
	html(&r->out, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>",
	     tr(r, "Score", "Score"), tr(r, "Iedereen", "Everyone"), tr(r, "Verschil", "Gap"),
	     tr(r, "Lezing", "Reading"));
	if (with_change)
		html(&r->out, "<th scope=\"col\">%s</th>", tr(r, "Sinds vorige meting", "Since last round"));
}

static void summary_cells(req *r, const analysis_row *row)
{
	results_mean_cell(r, row->headline, row->plan.shown ? 1 : 0);
	results_total_cell(r, row);
	if (isnan(row->gap)) {
		html(&r->out, "<td class=\"num\">–</td>");
	} else {
		int g = analysis_tenths(row->gap);
		html(&r->out, "<td class=\"num%s\">%d.%d", row->differ ? " differ" : "", g / 10, g % 10);
		if (row->differ)
			html(&r->out, " <span aria-hidden=\"true\" title=\"%s\">≠</span>"
				      "<span class=\"visually-hidden\">%s</span>",
			     tr(r, "perspectieven verschillen", "perspectives differ"),
			     tr(r, "perspectieven verschillen", "perspectives differ"));
		html(&r->out, "</td>");
	}
	html(&r->out, "<td>");
	results_band(r, row->band);
	html(&r->out, "</td>");
}

static void elements_table(req *r, const round_results *rr, const perspective *cols, int ncols,
			   const results_links *l, const analysis_change *change, const int *open_actions)
{
	const instrument *in = rr->sv->in;
	results_table_begin(r, "elements", "scores",
			    tr(r, "Scores per werkzaam element (1 tot 5; hoger is beter)",
			       "Scores per working element (1 to 5; higher is better)"));
	scores_head(r, rr, cols, ncols, tr(r, "Element", "Element"), change != NULL);
	if (l->actions)
		html(&r->out, "<th scope=\"col\" class=\"num\">%s</th>", tr(r, "Open acties", "Open actions"));
	html(&r->out, "</tr></thead><tbody>");
	for (int e = 0; e < EL_COUNT; e++) {
		const analysis_row *row = &rr->res->elements[e];
		html(&r->out, "<tr><th scope=\"row\"><a href=\"%s/%s\">%s</a> <small>%s</small></th>",
		     l->elements, element_code_str((element_code)e), element_code_str((element_code)e),
		     wp_text_get(&in->elements[e].name, r->english));
		row_cells(r, rr, row, -1, cols, ncols);
		summary_cells(r, row);
		if (change) {
			html(&r->out, "<td>");
			results_change(r, &change[e]);
			html(&r->out, "</td>");
		}
		if (l->actions)
			html(&r->out, "<td class=\"num\"><a href=\"%s?status=open&amp;element=%s\">%d</a></td>",
			     l->actions, element_code_str((element_code)e), open_actions[e]);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
	results_withheld_note(r, rr->res->elements, EL_COUNT);
}

static void outcomes_table(req *r, const round_results *rr, const perspective *cols, int ncols)
{
	const instrument *in = rr->sv->in;
	html(&r->out, "<h2>%s</h2>", tr(r, "Opbrengsten", "Outcomes"));
	results_table_begin(r, "outcomes", "scores",
			    tr(r, "Hoe ver de werkplaats is met de vijf opbrengsten",
			       "How far the workplace is with the five outcomes"));
	scores_head(r, rr, cols, ncols, tr(r, "Opbrengst", "Outcome"), false);
	html(&r->out, "</tr></thead><tbody>");
	for (int o = 0; o < OUT_COUNT; o++) {
		html(&r->out, "<tr><th scope=\"row\">%s</th>", wp_text_get(&in->outcomes[o].name, r->english));
		row_cells(r, rr, &rr->res->outcomes[o], -1, cols, ncols);
		summary_cells(r, &rr->res->outcomes[o]);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
	results_withheld_note(r, rr->res->outcomes, OUT_COUNT);
}

/* Statements x perspectives, each cell coloured by its mean. */
static void heat_map(req *r, const round_results *rr, const perspective *cols, int ncols)
{
	html(&r->out, "<h2>%s</h2>", tr(r, "Alle stellingen", "All statements"));
	results_table_begin(r, "statements", "heat",
			    tr(r, "Gemiddelde per stelling en perspectief; donkerder is hoger",
			       "Mean per statement and perspective; darker is higher"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th>", tr(r, "Stelling", "Statement"));
	for (int c = 0; c < ncols; c++)
		html(&r->out, "<th scope=\"col\" class=\"num\">%s</th>",
		     results_column_name(r, &rr->res->plan, cols[c]));
	html(&r->out, "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Iedereen", "Everyone"));
	for (int i = 0; i < rr->n_items; i++) {
		const analysis_row *row = &rr->res->items[i];
		html(&r->out, "<tr><th scope=\"row\"><span class=\"code\">%s</span> %s", rr->instr[i]->id,
		     wp_text_get(&rr->instr[i]->text, r->english));
		if (rr->instr[i]->reverse)
			html(&r->out, " <small>%s</small>", tr(r, "(omgekeerd gesteld; score omgedraaid)",
								 "(reverse-worded; score turned round)"));
		html(&r->out, "</th>");
		for (int c = 0; c < ncols; c++) {
			bool shown = row->plan.state[cols[c]] == ANON_SHOWN;
			double m = row->col[cols[c]].mean;
			if (!shown || isnan(m)) {
				results_row_cell(r, rr, row, i, cols[c]);
				continue;
			}
			int t = analysis_tenths(m);
			int shade = (t + 5) / 10; /* the whole scale point nearest the mean */
			html(&r->out, "<td class=\"num h%d\">%d.%d</td>", shade < 1 ? 1 : shade > 5 ? 5 : shade,
			     t / 10, t % 10);
		}
		results_total_cell(r, row);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

/* "2 keer genoemd", "named once", "named 2 times". */
static void times_named(req *r, int n)
{
	if (!r->english)
		html(&r->out, "<p class=\"count\"><strong>%d</strong> keer genoemd</p>", n);
	else if (n == 1)
		html(&r->out, "<p class=\"count\">named <strong>once</strong></p>");
	else
		html(&r->out, "<p class=\"count\">named <strong>%d</strong> times</p>", n);
}

static bool triggers_section(req *r, const round_results *rr)
{
	int counts[TRIG_COUNT], persp[PERSP_COUNT], started;
	store_rc rc = figures_round_tallies(r->st, r->a, &rr->rd, persp, &started, counts);
	if (!ok_or_reply(r, rc))
		return false;
	const instr_triggers *t = &rr->sv->in->triggers;
	html(&r->out, "<h2>%s</h2><p>%s</p><ul class=\"triggers\">",
	     tr(r, "Aanleiding", "Triggers"), wp_text_get(&t->question, r->english));
	for (int k = 0; k < TRIG_COUNT; k++) {
		/* the option is a sentence of its own; its count goes below it,
		 * so no colon follows its full stop */
		html(&r->out, "<li><p>%s</p>", wp_text_get(&t->options[k], r->english));
		times_named(r, counts[k]);
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
	return true;
}

static void two_decimals(req *r, double v)
{
	if (isnan(v))
		html(&r->out, "<td class=\"num suppressed\">–</td>");
	else
		html(&r->out, "<td class=\"num\">%.2f</td>", v);
}

/* For researchers: Cronbach's alpha per element with item-rest
 * correlations, and how the elements correlate (the model says they
 * influence each other). Shown only where n reaches k. */
static void reliability_section(req *r, const round_results *rr)
{
	const analysis_result *res = rr->res;
	html(&r->out, "<details class=\"research\"><summary>%s</summary>",
	     tr(r, "Voor onderzoekers: betrouwbaarheid en samenhang",
		"For researchers: reliability and correlations"));
	results_table_begin(r, "alpha", "scores",
			    tr(r, "Cronbachs alfa per element (respondenten die alle stellingen beantwoordden)",
			       "Cronbach's alpha per element (respondents who answered every statement)"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">n</th>"
		      "<th scope=\"col\" class=\"num\">α</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Element", "Element"), tr(r, "Item-rest-correlaties", "Item-rest correlations"));
	for (int e = 0; e < EL_COUNT; e++) {
		const analysis_reliability *a = &res->alpha_elements[e];
		html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td>",
		     element_code_str((element_code)e), a->shown ? a->n : 0);
		two_decimals(r, a->shown ? a->alpha : NAN);
		html(&r->out, "<td>");
		for (int i = 0; a->shown && i < a->n_items; i++) {
			double v = a->item_rest[i];
			if (isnan(v))
				html(&r->out, "%s%s –", i ? ", " : "", rr->instr[a->item[i]]->id);
			else
				html(&r->out, "%s%s %.2f", i ? ", " : "", rr->instr[a->item[i]]->id, v);
		}
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table></div>");
	results_table_begin(r, "correlations", "scores",
			    tr(r, "Correlaties (Pearson) tussen de elementscores",
			       "Correlations (Pearson) between the element scores"));
	html(&r->out, "<thead><tr><th scope=\"col\"></th>");
	for (int e = 0; e < EL_COUNT; e++)
		html(&r->out, "<th scope=\"col\" class=\"num\">%s</th>", element_code_str((element_code)e));
	html(&r->out, "</tr></thead><tbody>");
	for (int e = 0; e < EL_COUNT; e++) {
		html(&r->out, "<tr><th scope=\"row\">%s</th>", element_code_str((element_code)e));
		for (int f = 0; f < EL_COUNT; f++)
			two_decimals(r, res->corr[e][f]);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div></details>");
}

static const char *el_name(req *r, const round_results *rr, int e)
{
	return arena_printf(r->a, "%s %s", element_code_str((element_code)e),
			    wp_text_get(&rr->sv->in->elements[e].name, r->english));
}

/* Key points beside the radar: strongest and weakest element, where the
 * perspectives differ, and what changed clearly since the last round. */
static void key_points(req *r, const round_results *rr, const analysis_change *change)
{
	const analysis_result *res = rr->res;
	int hi = -1, lo = -1;
	for (int e = 0; e < EL_COUNT; e++) {
		double h = res->elements[e].headline;
		if (isnan(h))
			continue;
		if (hi < 0 || h > res->elements[hi].headline)
			hi = e;
		if (lo < 0 || h < res->elements[lo].headline)
			lo = e;
	}
	html(&r->out, "<div class=\"key-points\"><h2>%s</h2><ul>", tr(r, "Kernpunten", "Key points"));
	if (hi >= 0) {
		int t = analysis_tenths(res->elements[hi].headline), u = analysis_tenths(res->elements[lo].headline);
		html(&r->out, "<li>%s <strong>%s</strong> (%d.%d)</li>", tr(r, "Sterkst:", "Strongest:"),
		     el_name(r, rr, hi), t / 10, t % 10);
		html(&r->out, "<li>%s <strong>%s</strong> (%d.%d) ", tr(r, "Zwakst:", "Weakest:"),
		     el_name(r, rr, lo), u / 10, u % 10);
		results_band(r, res->elements[lo].band);
		html(&r->out, "</li>");
	}
	for (int e = 0; e < EL_COUNT; e++)
		if (res->elements[e].differ) {
			int g = analysis_tenths(res->elements[e].gap);
			html(&r->out, "<li>%s <strong>%s</strong> (%s %d.%d)</li>",
			     tr(r, "Perspectieven verschillen bij", "Perspectives differ on"), el_name(r, rr, e),
			     tr(r, "verschil", "gap"), g / 10, g % 10);
		}
	for (int e = 0; change && e < EL_COUNT; e++)
		if (change[e].verdict != CHANGE_UNCLEAR)
			html(&r->out, "<li>%s <strong>%s</strong></li>",
			     change[e].verdict == CHANGE_UP ? tr(r, "Duidelijk hoger dan de vorige meting:",
								 "Clearly up since the last round:")
							    : tr(r, "Duidelijk lager dan de vorige meting:",
								 "Clearly down since the last round:"),
			     el_name(r, rr, e));
	html(&r->out, "</ul></div>");
}

bool results_view_overview(req *r, const round_results *rr, const results_links *l,
			   const analysis_change *change, const int *open_actions)
{
	perspective cols[PERSP_COUNT];
	int ncols = results_columns(rr, cols);
	html(&r->out, "<ul class=\"kpis\"><li class=\"kpi\"><strong>%d</strong> %s</li>"
		      "<li class=\"kpi\"><strong>%d</strong> %s</li><li class=\"kpi\"><strong>%d</strong> %s</li></ul>",
	     rr->res->plan.total, tr(r, "ingevulde vragenlijsten", "completed questionnaires"), ncols,
	     tr(r, "perspectieven getoond", "perspectives shown"), rr->rd.k,
	     tr(r, "minimale groepsgrootte", "minimum group size"));
	html(&r->out, "<div class=\"grid-2 overview\">");
	charts_radar(r, rr, cols, ncols);
	key_points(r, rr, change);
	html(&r->out, "</div>");
	elements_table(r, rr, cols, ncols, l, change, open_actions);
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "Score: elk getoond perspectief telt even zwaar mee, omdat in een werkplaats alle "
		   "partners gelijkwaardig zijn. Iedereen: het gemiddelde van alle respondenten. Groepen met te weinig mensen zijn samengevoegd onder "
		   "‘Overig’ of niet getoond. Een verschil van 1,0 of meer tussen perspectieven (gemarkeerd "
		   "met ≠) is een onderwerp voor de dialoog.",
		"Score: each shown perspective counts equally, because in a workplace all partners "
		"are equal. Everyone: the mean of all respondents. Groups with too few people are pooled under ‘Other’ or not shown. A gap of "
		"1.0 or more between perspectives (marked ≠) is a topic for the dialogue."));
	outcomes_table(r, rr, cols, ncols);
	heat_map(r, rr, cols, ncols);
	if (!triggers_section(r, rr))
		return false;
	reliability_section(r, rr);
	return true;
}

void results_view_element(req *r, const round_results *rr, int e)
{
	perspective cols[PERSP_COUNT];
	int ncols = results_columns(rr, cols);
	const analysis_row *erow = &rr->res->elements[e];
	results_table_begin(r, "element", "scores",
			    tr(r, "Het element en zijn stellingen", "The element and its statements"));
	scores_head(r, rr, cols, ncols, tr(r, "Stelling", "Statement"), false);
	html(&r->out, "</tr></thead><tbody><tr class=\"total\"><th scope=\"row\">%s</th>",
	     tr(r, "Element als geheel", "Element as a whole"));
	row_cells(r, rr, erow, -1, cols, ncols);
	summary_cells(r, erow);
	html(&r->out, "</tr>");
	for (int i = 0; i < rr->n_items; i++) {
		if (rr->items[i].is_outcome || rr->items[i].group != e)
			continue;
		const analysis_row *row = &rr->res->items[i];
		html(&r->out, "<tr><th scope=\"row\">%s", wp_text_get(&rr->instr[i]->text, r->english));
		if (rr->instr[i]->reverse)
			html(&r->out, " <small>%s</small>", tr(r, "(omgekeerd gesteld; score omgedraaid)",
								"(reverse-worded; score turned round)"));
		html(&r->out, "</th>");
		row_cells(r, rr, row, i, cols, ncols);
		summary_cells(r, row);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
	results_withheld_note(r, erow, 1);
	charts_distributions(r, rr, e);
}
