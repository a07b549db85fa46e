#include "web/charts.h"

#include <math.h>

#include "base/util.h"

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

static const char *const MONTHS_NL[12] = {"jan", "feb", "mrt", "apr", "mei", "jun",
					    "jul", "aug", "sep", "okt", "nov", "dec"};
static const char *const MONTHS_EN[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char *const *charts_months(bool english)
{
	return english ? MONTHS_EN : MONTHS_NL;
}

/* Whether a round's figures may be shown (closed, and k reached). */
static bool round_shown(const round_results *rr)
{
	return rr->released && rr->res->plan.shown;
}

/* The rounds without figures and why, as one sentence; "" when every
 * round has them. */
static const char *rounds_without_figures(req *r, const round_results *rs, int n)
{
	buf t;
	buf_init(&t, 16 * 1024);
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (round_shown(&rs[i]))
			continue;
		buf_printf(&t, "%s%s (%s, %s)", k++ ? "; " : tr(r, "Zonder cijfers: ", "Without figures: "),
		     rs[i].rd.title, rs[i].rd.opens_on,
		     !rs[i].released ? tr(r, "nog open", "still open")
				     : tr(r, "te weinig antwoorden", "too few responses"));
	}
	if (k)
		buf_printf(&t, "%s", tr(r, ". Die metingen hebben geen punten; een stippellijn markeert ze.",
				  ". Those rounds have no points; a dotted line marks them."));
	/* plain text: escaped where it is written */
	const char *out = arena_strdup(r->a, buf_cstr(&t));
	buf_free(&t);
	return out;
}

/* "LOS 3.8 ▲": the element, its last shown score and the change since the
 * round before. */
static const char *end_label(req *r, int e, const double *v, int n, const analysis_change *change)
{
	int last = n - 1;
	while (last >= 0 && isnan(v[last]))
		last--;
	if (last < 0)
		return NULL;
	int t = analysis_tenths(v[last]);
	const char *mark = !change || last != n - 1 ? ""
			   : change[e].verdict == CHANGE_UP   ? " ▲"
			   : change[e].verdict == CHANGE_DOWN ? " ▼"
							      : " ●";
	return arena_printf(r->a, "%s %d.%d%s", element_code_str((element_code)e), t / 10, t % 10, mark);
}

void charts_development(req *r, const round_results *rs, int n, const analysis_change *change)
{
	int64_t *days = ARENA_ARRAY(r->a, int64_t, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		if (!parse_date(rs[i].rd.opens_on, &days[i])) /* stored dates are valid */
			days[i] = i ? days[i - 1] : 0;
	svg_time_axis axis = {days, n, r->english ? MONTHS_EN : MONTHS_NL};
	svg_series series[EL_COUNT];
	const char *labels[EL_COUNT];
	for (int e = 0; e < EL_COUNT; e++) {
		double *v = ARENA_ARRAY(r->a, double, (size_t)n + 1);
		for (int i = 0; i < n; i++)
			v[i] = round_shown(&rs[i]) ? rs[i].res->elements[e].headline : NAN;
		series[e].name = element_code_str((element_code)e);
		series[e].values = v;
		labels[e] = end_label(r, e, v, n, change);
	}
	const char *missing = rounds_without_figures(r, rs, n);
	html(&r->out, "<figure class=\"figure\">");
	svg_timeline(&r->out, "development", tr(r, "Elementen over de metingen", "Elements over the rounds"),
		     arena_printf(r->a, "%s %s",
				  tr(r, "Lijndiagram van de score per element (1 tot 5) per meting, geplaatst op "
					"de openingsdatum; dezelfde getallen staan in de tabel hieronder.",
				     "Line chart of the score per element (1 to 5) per round, placed at its "
				     "opening date; the same numbers are in the table below."),
				  missing),
		     &axis, series, EL_COUNT, 1.0, 5.0, labels);
	html(&r->out, "<figcaption>%s", tr(r, "Elke meting staat op haar openingsdatum. Aan het eind van elke "
					      "lijn: de laatste score",
					   "Each round stands at its opening date. At the end of each line: "
					   "the latest score"));
	if (change)
		html(&r->out, "%s", tr(r, " en de verandering sinds de vorige meting: ▲ duidelijk hoger, "
					  "▼ duidelijk lager, ● onduidelijk",
				       " and the change since the previous round: ▲ clearly up, "
				       "▼ clearly down, ● unclear"));
	html(&r->out, ".");
	if (*missing)
		html(&r->out, " %s", missing);
	html(&r->out, "</figcaption></figure>");
}
