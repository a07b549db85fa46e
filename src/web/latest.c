/* latest.c - every workplace with the figures of its latest round that
 * meets k (the overview's rows), and the benchmark section of a workplace
 * page: where this workplace stands among the others (see latest.h). */
#include <math.h>
#include <string.h>

#include "base/util.h"
#include "domain/benchmark.h"
#include "web/latest.h"
#include "web/pieces.h"
#include "web/survey.h"

/* The figures of one round, shared through the results cache; they live
 * until the request is done. NULL after a reply. */
static analysis_result *round_analysis(req *r, const mround *rd)
{
	const survey *sv = survey_load(r, rd->version_id);
	return sv ? results_compute(r, rd, sv, NULL) : NULL;
}

/* Fill l from the workplace's rounds (newest first); the change since the
 * round before only with_change (the benchmark needs the latest scores
 * alone: one round's figures per workplace, not two). False after a
 * reply. */
static bool latest_one(req *r, wp_latest *l, bool with_change)
{
	mround *rs;
	int n;
	store_rc rc = store_rounds_for(r->st, r->a, l->w.id, &rs, &n);
	if (!ok_or_reply(r, rc))
		return false;
	analysis_result *cur = NULL;
	for (int i = 0; i < n; i++) {
		round_state s = round_state_of(&rs[i]);
		if (s == ROUND_OPEN && !l->open_round)
			l->open_round = rs[i].title;
		if (s != ROUND_CLOSED)
			continue;
		analysis_result *res = round_analysis(r, &rs[i]);
		if (!res)
			return false;
		if (!res->plan.shown)
			continue;
		if (!cur) {
			cur = res;
			l->have = true;
			l->round = rs[i];
			l->respondents = res->plan.total;
			for (int e = 0; e < EL_COUNT; e++)
				l->headline[e] = res->elements[e].headline;
			if (!with_change)
				break;
			continue;
		}
		analysis_compare(res, cur, l->change);
		l->have_change = true;
		l->prev_title = rs[i].title;
		break;
	}
	return true;
}

bool latest_of(req *r, const workplace *w, wp_latest *l, bool with_change)
{
	memset(l, 0, sizeof *l);
	l->w = *w;
	for (int e = 0; e < EL_COUNT; e++)
		l->headline[e] = NAN;
	return latest_one(r, l, with_change);
}

static bool latest_for(req *r, workplace *ws, int nw, wp_latest **out, int *n)
{
	wp_latest *ls = ARENA_ARRAY(r->a, wp_latest, (size_t)nw + 1);
	for (int i = 0; i < nw; i++)
		if (!latest_of(r, &ws[i], &ls[i], false))
			return false;
	*out = ls;
	*n = nw;
	return true;
}

/* The workplaces a benchmark compares: those of the reader's institution,
 * and of every institution that agreed with it both ways. The
 * partners' figures are read network-wide in the database, where
 * row-level security would hide them, and only for the workplaces the
 * store named; the scope returns to the institution afterwards. */
static bool latest_compared(req *r, wp_latest **out, int *n)
{
	int64_t own = store_institution(r->st);
	benchmark_partner *ps;
	int np;
	store_rc rc = own ? store_benchmark_partners(r->st, r->a, &ps, &np) : ST_OK;
	bool across = false;
	for (int i = 0; rc == ST_OK && own && i < np; i++)
		across |= ps[i].we_agreed && ps[i].they_agreed;
	if (rc == ST_OK && across)
		rc = store_set_institution(r->st, 0, true);
	workplace *ws = NULL;
	int nw = 0;
	if (rc == ST_OK)
		rc = store_benchmark_workplaces(r->st, r->a, own, &ws, &nw);
	bool ok = rc == ST_OK && latest_for(r, ws, nw, out, n);
	if (across && store_set_institution(r->st, own, true) != ST_OK && ok) {
		reply_store_error(r, ST_ERROR);
		return false;
	}
	if (rc != ST_OK)
		reply_store_error(r, rc);
	return ok;
}

/* A value as shown: one decimal. Benchmarks are made of the shown values,
 * so a place never contradicts the numbers beside it. */
double score_shown(double v)
{
	return isnan(v) ? NAN : analysis_tenths(v) / 10.0;
}

void score_cell(req *r, double v)
{
	if (isnan(v))
		html(&r->out, "<td class=\"num\">–</td>");
	else
		html(&r->out, "<td class=\"num\">%.1f</td>", v);
}

static const char *place_text(req *r, bench_place p)
{
	switch (p) {
	case BENCH_LOWEST: return tr(r, "lager dan alle andere", "below all others");
	case BENCH_Q1: return tr(r, "laagste kwart", "lowest quarter");
	case BENCH_Q2: return tr(r, "tweede kwart", "second quarter");
	case BENCH_MEDIAN: return tr(r, "op de mediaan", "at the median");
	case BENCH_Q3: return tr(r, "derde kwart", "third quarter");
	case BENCH_Q4: return tr(r, "hoogste kwart", "highest quarter");
	case BENCH_HIGHEST: return tr(r, "hoger dan alle andere", "above all others");
	default: return "–";
	}
}

static int with_results(const wp_latest *ls, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += ls[i].have;
	return k;
}

const char *benchmark_method_hint(req *r)
{
	return tr(r, "Scores waarin elk perspectief even zwaar telt, van de laatste afgesloten meting die de "
		     "anonimiteitsdrempel haalt, afgerond op één decimaal. Kwartielen volgens Hyndman & Fan "
		     "type 7 (lineaire interpolatie, zoals R en Excel KWARTIEL.INC).",
		  "Scores in which each perspective counts equally, from the latest closed round that meets "
		  "the anonymity threshold, rounded to one decimal. Quartiles by Hyndman & Fan type 7 (linear "
		  "interpolation, as in R and Excel QUARTILE.INC).");
}

static void benchmark_row(req *r, const wp_latest *ls, int n, int me, int e)
{
	double *v = ARENA_ARRAY(r->a, double, (size_t)n + 1);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (i != me && ls[i].have)
			v[k++] = score_shown(ls[i].headline[e]);
	bench_summary s;
	bench_summarise(v, k, &s);
	/* place against the quartiles as shown, so "lowest quarter" never sits
	 * beside a value equal to the shown first quartile */
	s.q1 = score_shown(s.q1);
	s.median = score_shown(s.median);
	s.q3 = score_shown(s.q3);
	double mine = me >= 0 && ls[me].have ? score_shown(ls[me].headline[e]) : NAN;
	bool enough = s.n + !isnan(mine) >= BENCH_MIN_WORKPLACES;
	html(&r->out, "<tr data-element=\"%s\"><th scope=\"row\">%s</th>", element_code_str((element_code)e),
	     element_label(r, e));
	score_cell(r, mine);
	if (!enough) {
		html(&r->out, "<td colspan=\"6\">%s</td></tr>",
		     tr(r, "te weinig werkplaatsen met een score", "too few workplaces with a score"));
		return;
	}
	score_cell(r, s.min);
	score_cell(r, s.q1);
	score_cell(r, s.median);
	score_cell(r, s.q3);
	score_cell(r, s.max);
	bench_place p = bench_position(&s, mine);
	html(&r->out, "<td data-place=\"%s\">%s</td></tr>", bench_place_code(p), place_text(r, p));
}

bool benchmark_section(req *r)
{
	wp_latest *ls;
	int n;
	if (!latest_compared(r, &ls, &n))
		return false;
	int me = -1;
	for (int i = 0; i < n; i++)
		if (ls[i].w.id == r->wp->id)
			me = i;
	int k = with_results(ls, n);
	html(&r->out, "<section aria-labelledby=\"benchmark\"><h2 id=\"benchmark\">%s</h2>",
	     tr(r, "Vergeleken met andere werkplaatsen", "Compared with other workplaces"));
	if (k < BENCH_MIN_WORKPLACES) {
		html(&r->out, "<p class=\"hint\" id=\"benchmark-hidden\">%s</p></section>",
		     arena_printf(r->a, tr(r, "De vergelijking verschijnt zodra minstens %d werkplaatsen resultaten hebben "
					      "die de anonimiteitsdrempel halen (nu %d).",
					   "The comparison appears once at least %d workplaces have results that meet "
					   "the anonymity threshold (now %d)."),
				  BENCH_MIN_WORKPLACES, k));
		return true;
	}
	if (me < 0 || !ls[me].have)
		html(&r->out, "<p>%s</p>", tr(r, "Deze werkplaats heeft nog geen afgesloten meting die de anonimiteitsdrempel "
					     "haalt; hieronder staat alleen de spreiding van de andere werkplaatsen.",
					     "This workplace has no closed round that meets the anonymity threshold yet; "
					     "below is only the spread of the other workplaces."));
	html(&r->out, "<div class=\"table-wrap\"><table id=\"benchmark-table\" class=\"scores\"><caption>%s</caption>"
		      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     arena_printf(r->a, tr(r, "Deze werkplaats tussen %d andere werkplaatsen", "This workplace among %d other workplaces"),
			  k - (me >= 0 && ls[me].have)),
	     tr(r, "Element", "Element"), tr(r, "Deze werkplaats", "This workplace"), tr(r, "Laagste", "Lowest"),
	     tr(r, "1e kwartiel", "1st quartile"), tr(r, "Mediaan", "Median"), tr(r, "3e kwartiel", "3rd quartile"),
	     tr(r, "Hoogste", "Highest"), tr(r, "Plaats", "Place"));
	for (int e = 0; e < EL_COUNT; e++)
		benchmark_row(r, ls, n, me, e);
	html(&r->out, "</tbody></table></div><p class=\"hint\">%s %s</p></section>", benchmark_method_hint(r),
	     tr(r, "Welke werkplaats welke score heeft, staat hier niet: het gaat om je eigen plaats.",
		"Which workplace has which score is not shown here: this is about your own place."));
	return true;
}
