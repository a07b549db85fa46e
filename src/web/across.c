/* across.c - see across.h. */
#include "web/across.h"

#include <math.h>
#include <string.h>

#include "base/util.h"
#include "figures/figures.h"
#include "web/results.h"
#include "web/survey.h"

bool wp_rounds_load(req *r, int64_t workplace_id, wp_rounds *out)
{
	mround *list;
	int n;
	store_rc rc = store_rounds_for(r->st, r->a, workplace_id, &list, &n);
	if (!ok_or_reply(r, rc))
		return false;
	out->n = n;
	out->rounds = ARENA_ARRAY(r->a, mround, (size_t)n + 1);
	out->res = ARENA_ARRAY(r->a, const analysis_result *, (size_t)n + 1);
	out->lr = ARENA_ARRAY(r->a, learning_round, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		/* the store gives them newest first */
		const mround *rd = &list[n - 1 - i];
		out->rounds[i] = *rd;
		out->res[i] = NULL;
		out->lr[i] = (learning_round){rd->opens_on, rd->closes_on, false};
		if (round_state_of(rd) != ROUND_CLOSED)
			continue;
		const survey *sv = survey_load(r, rd->version_id);
		const analysis_result *res = sv ? results_compute(r, rd, sv, NULL) : NULL;
		if (!res)
			return false;
		out->res[i] = res;
		out->lr[i].shown = res->plan.shown;
	}
	return true;
}

/* The outcomes of workplace wid in (year before `closes`, closes]. */
static bool registered_in_year(req *r, int64_t wid, const char *closes, int out[OUT_COUNT])
{
	memset(out, 0, sizeof(int) * OUT_COUNT);
	outcome_info *os;
	int no;
	store_rc rc = store_outcomes_list(r->st, r->a, wid, &os, &no);
	if (!ok_or_reply(r, rc))
		return false;
	char from[11];
	if (!learning_year_before(closes, from))
		return true;
	for (int i = 0; i < no; i++) {
		const char *d = os[i].o.occurred_on;
		if (strcmp(d, from) > 0 && strcmp(d, closes) <= 0 && (int)os[i].o.category < OUT_COUNT)
			out[os[i].o.category]++;
	}
	return true;
}

static double shown_headline(const analysis_row *row)
{
	return row->plan.shown ? row->headline : NAN;
}

bool across_profiles(req *r, across_profile **out, int *n, int *min_n)
{
	workplace *ws;
	int nw;
	store_rc rc = store_workplaces_for(r->st, r->a, r->user->id, true, &ws, &nw);
	if (!ok_or_reply(r, rc))
		return false;
	across_profile *ps = ARENA_ARRAY(r->a, across_profile, (size_t)nw + 1);
	int k = 0;
	*min_n = ANON_K_DEFAULT;
	for (int i = 0; i < nw; i++) {
		wp_rounds w;
		if (!wp_rounds_load(r, ws[i].id, &w))
			return false;
		int last = wp_rounds_latest_shown(&w);
		if (last < 0)
			continue;
		across_profile *p = &ps[k++];
		p->w = ws[i];
		p->round = w.rounds[last];
		const analysis_result *res = w.res[last];
		for (int e = 0; e < EL_COUNT; e++)
			p->p.element[e] = shown_headline(&res->elements[e]);
		for (int o = 0; o < OUT_COUNT; o++)
			p->p.outcome[o] = shown_headline(&res->outcomes[o]);
		if (!registered_in_year(r, ws[i].id, p->round.closes_on, p->p.registered))
			return false;
		if (p->round.k > *min_n)
			*min_n = p->round.k;
	}
	*out = ps;
	*n = k;
	return true;
}

void wp_rounds_memo_init(req *r, wp_rounds_memo *m, int cap)
{
	m->n = 0;
	m->cap = cap;
	m->wid = ARENA_ARRAY(r->a, int64_t, (size_t)cap + 1);
	m->w = ARENA_ARRAY(r->a, wp_rounds, (size_t)cap + 1);
}

const wp_rounds *wp_rounds_of(req *r, wp_rounds_memo *m, int64_t wid)
{
	for (int i = 0; i < m->n; i++)
		if (m->wid[i] == wid)
			return &m->w[i];
	WP_ASSERT(m->n < m->cap);
	m->wid[m->n] = wid;
	if (!wp_rounds_load(r, wid, &m->w[m->n]))
		return NULL;
	return &m->w[m->n++];
}

void across_action_day(const library_action *a, char day[11])
{
	format_date(a->created_at / 86400, day);
}

bool across_action_after(req *r, const wp_rounds *w, const library_action *a, int element, across_after *out)
{
	memset(out, 0, sizeof *out);
	char day[11];
	across_action_day(a, day);
	int tied = -1;
	for (int i = 0; i < w->n; i++)
		if (w->rounds[i].id == a->round_id)
			tied = i;
	learning_before_after(w->lr, w->n, day, tied, &out->before, &out->after);
	if (out->before >= 0 && out->after >= 0) {
		out->have_change = true;
		out->change = analysis_change_of(&w->res[out->before]->elements[element],
						 &w->res[out->after]->elements[element]);
	}
	outcome_info *os;
	int no;
	store_rc rc = store_outcomes_list(r->st, r->a, a->workplace_id, &os, &no);
	if (!ok_or_reply(r, rc))
		return false;
	for (int i = 0; i < no; i++)
		if (strcmp(os[i].o.occurred_on, day) > 0 && (int)os[i].o.category < OUT_COUNT) {
			out->outcomes[os[i].o.category]++;
			out->outcomes_total++;
		}
	return true;
}

bool across_outcomes_by_round(req *r, int64_t wid, const char *const *closes, int n, int (**per)[OUT_COUNT],
			      int after[OUT_COUNT])
{
	outcome_info *os;
	int no;
	store_rc rc = store_outcomes_list(r->st, r->a, wid, &os, &no);
	if (!ok_or_reply(r, rc))
		return false;
	const char **dates = ARENA_ARRAY(r->a, const char *, (size_t)no + 1);
	int *cats = ARENA_ARRAY(r->a, int, (size_t)no + 1);
	for (int j = 0; j < no; j++) {
		dates[j] = os[j].o.occurred_on;
		cats[j] = (int)os[j].o.category;
	}
	*per = arena_alloc(r->a, sizeof **per * ((size_t)n + 1));
	learning_outcomes_by_round(dates, cats, no, closes, n, *per, after);
	return true;
}

int wp_rounds_latest_shown(const wp_rounds *w)
{
	for (int i = w->n - 1; i >= 0; i--)
		if (w->lr[i].shown)
			return i;
	return -1;
}

/* Who may use the library and the analysis across workplaces: a site
 * administrator, a programme lead, or a coordinator of some workplace
 * (404 for everyone else). *mine: the workplaces the visitor is a member
 * of (to link those only, unless the visitor reads every workplace). */
bool learning_access(req *r, workplace **mine, int *n_mine)
{
	store_rc rc = store_workplaces_for(r->st, r->a, r->user->id, false, mine, n_mine);
	if (!ok_or_reply(r, rc))
		return false;
	if (r->user->is_admin || r->user->is_programme_lead)
		return true;
	for (int i = 0; i < *n_mine; i++)
		if (strcmp((*mine)[i].my_role, "coordinator") == 0)
			return true;
	reply_error(r, 404, NULL);
	return false;
}

/* May the visitor open the pages of workplace `slug`? */
bool learning_may_open(const req *r, const workplace *mine, int n_mine, const char *slug)
{
	if (r->user->is_admin || r->user->is_programme_lead)
		return true;
	for (int i = 0; i < n_mine; i++)
		if (strcmp(mine[i].slug, slug) == 0)
			return true;
	return false;
}

void learning_element_picker(req *r, const char *action, int element)
{
	html(&r->out, "<form method=\"get\" action=\"%s\" class=\"actions filters\" id=\"element-filter\">"
		      "<div class=\"field\"><label for=\"f-element\">%s</label><select id=\"f-element\" name=\"element\">",
	     action, tr(r, "Element", "Element"));
	for (int e = 0; e < EL_COUNT; e++)
		html(&r->out, "<option value=\"%s\"%s>%s – %s</option>", element_code_str((element_code)e),
		     e == element ? " selected" : "", element_code_str((element_code)e), element_name((element_code)e, r->english));
	html(&r->out, "</select></div><button>%s</button></form>", tr(r, "Tonen", "Show"));
}

/* ?element=, LOS when absent; -1 after a 404 for an unknown code. */
int learning_element_param(req *r)
{
	const char *code = req_query(r, "element");
	if (!code || !*code)
		return EL_LOS;
	int e = element_from_code(code);
	if (e < 0)
		reply_error(r, 404, tr(r, "Dat element bestaat niet.", "There is no such element."));
	return e;
}

