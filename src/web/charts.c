#include "web/charts.h"

#include <math.h>

#include "web/svg.h"

void charts_radar(req *r, const round_results *rr, const perspective *cols, int ncols)
{
	const char *axes[EL_COUNT];
	for (int e = 0; e < EL_COUNT; e++)
		axes[e] = element_code_str((element_code)e);
	svg_series *series = ARENA_ARRAY(r->a, svg_series, (size_t)ncols + 1);
	for (int c = 0; c < ncols; c++) {
		double *v = ARENA_ARRAY(r->a, double, EL_COUNT);
		for (int e = 0; e < EL_COUNT; e++) {
			const analysis_row *row = &rr->res->elements[e];
			v[e] = row->plan.state[cols[c]] == ANON_SHOWN ? row->col[cols[c]].mean : NAN;
		}
		series[c].name = results_column_name(r, &rr->res->plan, cols[c]);
		series[c].values = v;
	}
	double *head = ARENA_ARRAY(r->a, double, EL_COUNT);
	for (int e = 0; e < EL_COUNT; e++)
		head[e] = rr->res->elements[e].headline;
	series[ncols].name = tr(r, "Score (gelijk gewogen)", "Score (equally weighted)");
	series[ncols].values = head;
	html(&r->out, "<figure class=\"figure\">");
	svg_radar(&r->out, "radar", tr(r, "De zes elementen per perspectief", "The six elements per perspective"),
		  tr(r, "Radardiagram van de scores 1 tot 5 per element; dezelfde getallen staan in de "
			"tabel hieronder.",
		     "Radar chart of the scores 1 to 5 per element; the same numbers are in the table "
		     "below."),
		  axes, EL_COUNT, series, ncols + 1, 1.0, 5.0, ncols);
	html(&r->out, "<figcaption>%s</figcaption></figure>",
	     tr(r, "Elke lijn is een perspectief; de dikke lijn is de score waarin elk perspectief "
		   "even zwaar telt.",
		"Each line is a perspective; the thick line is the score in which each perspective "
		"counts equally."));
}

void charts_distributions(req *r, const round_results *rr, int e)
{
	html(&r->out, "<h2>%s</h2><ul class=\"plain distributions\">",
	     tr(r, "Hoe er geantwoord is", "How people answered"));
	for (int i = 0; i < rr->n_items; i++) {
		if (rr->items[i].is_outcome || rr->items[i].group != e || !rr->res->items[i].plan.total_shown)
			continue;
		const int *d = rr->res->items[i].dist_total;
		html(&r->out, "<li><p>%s</p>", wp_text_get(&rr->instr[i]->text, r->english));
		svg_distribution(&r->out, arena_printf(r->a, "dist-%s", rr->instr[i]->id),
				 arena_printf(r->a, tr(r, "%d× helemaal oneens, %d× oneens, %d× neutraal, "
							  "%d× eens, %d× helemaal eens",
						       "%d× strongly disagree, %d× disagree, %d× neutral, "
						       "%d× agree, %d× strongly agree"),
					      d[0], d[1], d[2], d[3], d[4]),
				 d);
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
}

void charts_development(req *r, const round_results *rs, int n, const analysis_change *change)
{
	const char **x = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		x[i] = rs[i].rd.opens_on;
	svg_series series[EL_COUNT];
	const char *marks[EL_COUNT];
	for (int e = 0; e < EL_COUNT; e++) {
		double *v = ARENA_ARRAY(r->a, double, (size_t)n + 1);
		for (int i = 0; i < n; i++)
			v[i] = rs[i].res->elements[e].headline;
		series[e].name = element_code_str((element_code)e);
		series[e].values = v;
		marks[e] = !change ? NULL
			   : change[e].verdict == CHANGE_UP   ? "▲"
			   : change[e].verdict == CHANGE_DOWN ? "▼"
							      : "●";
	}
	html(&r->out, "<figure class=\"figure\">");
	svg_lines(&r->out, "development", tr(r, "Elementen over de metingen", "Elements over the rounds"),
		  tr(r, "Lijndiagram van de score per element per meting; dezelfde getallen staan in de "
			"tabel hieronder.",
		     "Line chart of the score per element per round; the same numbers are in the table "
		     "below."),
		  x, n, series, EL_COUNT, 1.0, 5.0, change ? marks : NULL);
	html(&r->out, "<figcaption>%s</figcaption></figure>",
	     tr(r, "▲ duidelijk hoger, ▼ duidelijk lager, ● onduidelijk, sinds de vorige meting.",
		"▲ clearly up, ▼ clearly down, ● unclear, since the previous round."));
}
