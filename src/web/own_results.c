/* own_results.c - the own statements' rows on the result pages. */
#include "web/own_results.h"

#include <math.h>

#include "figures/figures.h"

static const char *section_label(req *r, int section)
{
	return section == OWN_EXTRA ? tr(r, "extra", "extra") : element_code_str((element_code)section);
}

static void own_table(req *r, const round_results *rr, const own_figures *of)
{
	/* the cells' "why not shown" reads the items: every own statement is
	 * put to everyone */
	round_results o = *rr;
	o.res = of->res;
	o.n_items = of->n;
	o.items = ARENA_ARRAY(r->a, analysis_item, (size_t)of->n);
	perspective cols[PERSP_COUNT];
	int ncols = results_columns(&o, cols);
	results_table_begin(r, "own-statements", "scores",
			    tr(r, "Gemiddelde per eigen stelling en perspectief (1 tot 5)",
			       "Mean per own statement and perspective (1 to 5)"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>", tr(r, "Stelling", "Statement"),
	     tr(r, "Onderdeel", "Section"));
	for (int c = 0; c < ncols; c++)
		html(&r->out, "<th scope=\"col\" class=\"num\">%s <small>n=%d</small></th>",
		     results_column_name(r, &o.res->plan, cols[c]), o.res->plan.n[cols[c]]);
	html(&r->out, "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>", tr(r, "Iedereen", "Everyone"));
	for (int i = 0; i < of->n; i++) {
		const analysis_row *row = &of->res->items[i];
		html(&r->out, "<tr><th scope=\"row\"><span class=\"code\">%s%d</span> %s</th><td>%s</td>", OWN_PREFIX,
		     i + 1, r->english ? of->st[i].text_en : of->st[i].text_nl, section_label(r, of->st[i].section));
		for (int c = 0; c < ncols; c++)
			results_row_cell(r, &o, row, i, cols[c]);
		results_total_cell(r, row);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

bool own_results_section(req *r, const round_results *rr)
{
	if (!wp_may(r, WP_CONTRIBUTE))
		return true; /* a programme lead's view: the workplace's own questions stay its own */
	own_figures of;
	const char *err = NULL;
	store_rc rc = figures_own_load(r->st, r->a, &rr->rd, &of, &err);
	if (rc != ST_OK) {
		if (err)
			r->log_note = err;
		reply_store_error(r, rc);
		return false;
	}
	if (of.n == 0)
		return true;
	html(&r->out, "<h2 id=\"own\">%s</h2><p class=\"hint\">%s</p>", tr(r, "Eigen stellingen", "Own statements"),
	     tr(r, "De stellingen die jullie werkplaats zelf toevoegde. Ze tellen niet mee in de scores van de "
		   "elementen en staan niet in de benchmark. Dezelfde anonimiteitsregels gelden.",
		"The statements your workplace added itself. They do not count in the elements' scores and "
		"are not in the benchmark. The same anonymity rules apply."));
	if (!of.res) {
		html(&r->out, "<p class=\"notice info\">%s</p>",
		     tr(r, "Van deze meetronde zijn de antwoorden op de eigen stellingen niet meer bewaard.",
			"The answers to this round's own statements are no longer kept."));
		return true;
	}
	own_table(r, rr, &of);
	figures_own_done(&of);
	return true;
}
