#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Groups: the elements 0..EL_COUNT-1, then the outcome categories. */
#define NG (EL_COUNT + OUT_COUNT)
#define NP PERSP_COUNT

/* Integer moments for Cronbach's alpha over the complete cases of a group:
 * per statement sum x, sum x^2, sum x*T (T = the respondent's group sum). */
typedef struct {
	int64_t sx, sxx, sxt;
} alpha_item_acc;

typedef struct {
	int64_t n, st, stt;
} alpha_group_acc;

/* Everything one computation needs besides its input and result. The pass
 * over the answers only counts answers per statement, perspective and value
 * (one increment per answer); n, sums and squares follow from the counts. */
typedef struct {
	const analysis_input *in;
	int k;
	uint8_t *grp;                   /* group of statement i */
	uint8_t *asked;                 /* bitmask of perspectives statement i is put to */
	int *order;                     /* statements sorted by group ... */
	int gstart[NG + 1];             /* ... group g at order[gstart[g]..gstart[g+1]) */
	int asked_n[NG][NP];            /* statements of group g put to perspective p */
	int core_n[NG];                 /* statements of group g put to everyone */
	int32_t *count;                 /* [i][p][v]: answer v+1 as given, n_items x NP x 5 */
	alpha_item_acc *aitem;          /* n_items */
	alpha_group_acc agroup[NG];
	double *score;                  /* n_respondents x NG; NAN = no score */
	int persp_count[NP];
	int row_count[NG][NP];          /* respondents with a score, per perspective */
} work;

static int group_of(const analysis_item *it)
{
	return it->is_outcome ? EL_COUNT + it->group : it->group;
}

/* The scored value of answer v (1..5) to statement it. */
static int scored(const analysis_item *it, int v)
{
	return it->reverse ? 6 - v : v;
}

static const char *check_input(const analysis_input *in)
{
	if (in->k < ANON_K_MIN)
		return "k is below the minimum of 3";
	if (in->n_items < 0 || in->n_items > ANALYSIS_MAX_ITEMS)
		return "number of statements out of range";
	if (in->n_respondents < 0 || in->n_respondents > ANALYSIS_MAX_RESPONDENTS)
		return "number of respondents out of range";
	if ((in->n_items > 0 && !in->items) ||
	    (in->n_respondents > 0 && (!in->perspective || (in->n_items > 0 && !in->answers))))
		return "missing input array";
	for (int i = 0; i < in->n_items; i++) {
		const analysis_item *it = &in->items[i];
		if (it->group >= (it->is_outcome ? OUT_COUNT : EL_COUNT))
			return "statement group out of range";
		if (it->perspectives >> NP)
			return "statement perspective mask out of range";
	}
	for (int r = 0; r < in->n_respondents; r++)
		if (in->perspective[r] >= NP)
			return "respondent perspective out of range";
	return NULL;
}

static void work_free(work *w)
{
	free(w->grp);
	free(w->asked);
	free(w->order);
	free(w->count);
	free(w->aitem);
	free(w->score);
}

static void work_init(work *w, const analysis_input *in)
{
	memset(w, 0, sizeof *w);
	w->in = in;
	w->k = in->k;
	size_t ni = (size_t)in->n_items, nr = (size_t)in->n_respondents;
	w->grp = xcalloc(ni + 1, sizeof *w->grp);
	w->asked = xcalloc(ni + 1, sizeof *w->asked);
	w->order = xcalloc(ni + 1, sizeof *w->order);
	w->count = xcalloc(ni * NP * 5 + 1, sizeof *w->count);
	w->aitem = xcalloc(ni + 1, sizeof *w->aitem);
	w->score = xmalloc((nr * NG + 1) * sizeof *w->score);
	for (int i = 0; i < in->n_items; i++) {
		int g = group_of(&in->items[i]);
		w->grp[i] = (uint8_t)g;
		w->asked[i] = in->items[i].perspectives ? in->items[i].perspectives
							: (uint8_t)((1u << NP) - 1);
		w->gstart[g + 1]++;
		w->core_n[g] += in->items[i].perspectives == 0;
		for (int p = 0; p < NP; p++)
			w->asked_n[g][p] += w->asked[i] >> p & 1;
	}
	for (int g = 0; g < NG; g++)
		w->gstart[g + 1] += w->gstart[g];
	int fill[NG];
	memcpy(fill, w->gstart, sizeof fill);
	for (int i = 0; i < in->n_items; i++)
		w->order[fill[w->grp[i]]++] = i;
}

/* The complete cases of a respondent feed the alpha moments: sc holds the
 * scored answers, gs the sums over the group's statements put to everyone
 * (its scale for reliability), complete[g] whether all of those were
 * answered. */
static void add_alpha(work *w, const int8_t *sc, const int gs[NG], const bool complete[NG])
{
	for (int g = 0; g < NG; g++) {
		if (!complete[g])
			continue;
		w->agroup[g].n++;
		w->agroup[g].st += gs[g];
		w->agroup[g].stt += (int64_t)gs[g] * gs[g];
		for (int j = w->gstart[g]; j < w->gstart[g + 1]; j++) {
			int i = w->order[j], s = sc[i];
			if (w->in->items[i].perspectives)
				continue;
			w->aitem[i].sx += s;
			w->aitem[i].sxx += s * s;
			w->aitem[i].sxt += (int64_t)s * gs[g];
		}
	}
}

/* One respondent: answer counts, group scores, alpha moments. Returns false
 * on an answer outside 0..5. */
static bool score_respondent(work *w, int r)
{
	const analysis_input *in = w->in;
	const int8_t *row = in->answers + (size_t)r * (size_t)in->n_items;
	int p = in->perspective[r];
	int gs[NG] = {0}, gc[NG] = {0}, cs[NG] = {0}, cc[NG] = {0};
	int8_t sc[ANALYSIS_MAX_ITEMS];
	int32_t *count = w->count + (size_t)p * 5;
	for (int i = 0; i < in->n_items; i++) {
		int v = row[i];
		if ((unsigned)v > 5)
			return false;
		sc[i] = 0;
		if (v == 0 || !(w->asked[i] >> p & 1))
			continue;
		int s = scored(&in->items[i], v);
		sc[i] = (int8_t)s;
		count[(size_t)i * NP * 5 + (size_t)(v - 1)]++;
		gs[w->grp[i]] += s;
		gc[w->grp[i]]++;
		if (!in->items[i].perspectives) {
			cs[w->grp[i]] += s;
			cc[w->grp[i]]++;
		}
	}
	bool complete[NG], any_complete = false;
	double *score = w->score + (size_t)r * NG;
	for (int g = 0; g < NG; g++) {
		/* at least half of the statements put to this respondent */
		bool ok = gc[g] > 0 && 2 * gc[g] >= w->asked_n[g][p];
		score[g] = ok ? (double)gs[g] / gc[g] : NAN;
		w->row_count[g][p] += ok;
		complete[g] = cc[g] > 0 && cc[g] == w->core_n[g];
		any_complete |= complete[g];
	}
	if (any_complete)
		add_alpha(w, sc, cs, complete);
	return true;
}

static analysis_cell cell_hidden(void)
{
	return (analysis_cell){0, NAN, NAN};
}

static analysis_cell cell_from_ints(int64_t n, int64_t s, int64_t ss)
{
	if (n == 0)
		return cell_hidden();
	double var = stats_var_int(n, s, ss);
	return (analysis_cell){(int)n, (double)s / (double)n, sqrt(var)};
}

/* Headline, gap, band and "perspectives differ", from the shown columns. */
static void finish_row(analysis_row *row)
{
	row->headline = row->gap = NAN;
	row->band = BAND_NONE;
	row->differ = false;
	if (!row->plan.shown)
		return;
	double sum = 0, lo = INFINITY, hi = -INFINITY;
	int m = 0;
	for (int p = 0; p < NP; p++) {
		if (row->plan.state[p] != ANON_SHOWN)
			continue;
		double x = row->col[p].mean;
		sum += x;
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
		m++;
	}
	if (m == 0)
		return;
	row->headline = sum / m;
	row->band = analysis_band_of(row->headline);
	if (m >= 2) {
		row->gap = hi - lo;
		row->differ = analysis_gap_differs(row->gap);
	}
}

/* A statement row from its answer counts, following its plan. */
static void item_row(const work *w, int i, const anon_plan *round, analysis_row *row)
{
	const analysis_item *it = &w->in->items[i];
	const int32_t *cnt = w->count + (size_t)i * NP * 5; /* [p][v] */
	int count[NP] = {0};
	for (int p = 0; p < NP; p++)
		for (int v = 0; v < 5; v++)
			count[p] += cnt[p * 5 + v];
	anon_row_plan(round, count, w->k, 0, &row->plan);
	int64_t n[NP] = {0}, s[NP] = {0}, ss[NP] = {0}, tn = 0, ts = 0, tss = 0;
	for (int p = 0; p < NP; p++) {
		int c = anon_column(&row->plan, (perspective)p);
		if (c < 0)
			continue;
		for (int v = 0; v < 5; v++) {
			int64_t m = cnt[p * 5 + v], x = scored(it, v + 1);
			n[c] += m;
			s[c] += m * x;
			ss[c] += m * x * x;
			row->dist[c][v] += (int)m;
			row->dist_total[v] += (int)m;
		}
	}
	for (int c = 0; c < NP; c++) {
		tn += n[c];
		ts += s[c];
		tss += ss[c];
	}
	for (int p = 0; p < NP; p++)
		row->col[p] = row->plan.state[p] == ANON_SHOWN ? cell_from_ints(n[p], s[p], ss[p])
							       : cell_hidden();
	row->total = row->plan.total_shown ? cell_from_ints(tn, ts, tss) : cell_hidden();
	if (!row->plan.total_shown)
		memset(row->dist_total, 0, sizeof row->dist_total);
	finish_row(row);
}

static analysis_row *group_row(analysis_result *res, int g)
{
	return g < EL_COUNT ? &res->elements[g] : &res->outcomes[g - EL_COUNT];
}

/* Per group: n, sum and squared deviations of the scores per column; index
 * NP is everyone in the row (the respondent-weighted figures). */
typedef struct {
	int n[NP + 1];
	double sum[NP + 1], mean[NP + 1], dev[NP + 1];
} score_acc;

/* One pass over the score matrix: the sums, or (deviations) the squared
 * deviations from the means found by the first pass. col[g][p] is the
 * column of perspective p in group g's row, -1 when hidden. */
static void score_pass(const work *w, const int col[NG][NP], score_acc acc[NG], bool deviations)
{
	const analysis_input *in = w->in;
	for (int r = 0; r < in->n_respondents; r++) {
		const double *x = w->score + (size_t)r * NG;
		int p = in->perspective[r];
		for (int g = 0; g < NG; g++) {
			int c = col[g][p];
			if (isnan(x[g]) || c < 0)
				continue;
			if (deviations) {
				double d = x[g] - acc[g].mean[c], dt = x[g] - acc[g].mean[NP];
				acc[g].dev[c] += d * d;
				acc[g].dev[NP] += dt * dt;
			} else {
				acc[g].sum[c] += x[g];
				acc[g].n[c]++;
				acc[g].sum[NP] += x[g];
				acc[g].n[NP]++;
			}
		}
	}
}

/* Means and sample SDs of the group scores per shown column and in total,
 * in two passes over the score matrix for accuracy. */
static void group_cells(const work *w, analysis_result *res)
{
	int col[NG][NP];
	score_acc acc[NG];
	memset(acc, 0, sizeof acc);
	for (int g = 0; g < NG; g++)
		for (int p = 0; p < NP; p++)
			col[g][p] = anon_column(&group_row(res, g)->plan, (perspective)p);
	score_pass(w, col, acc, false);
	for (int g = 0; g < NG; g++)
		for (int c = 0; c <= NP; c++)
			acc[g].mean[c] = acc[g].n[c] ? acc[g].sum[c] / acc[g].n[c] : NAN;
	score_pass(w, col, acc, true);
	for (int g = 0; g < NG; g++) {
		analysis_row *row = group_row(res, g);
		for (int c = 0; c <= NP; c++) {
			bool shown = c == NP ? row->plan.total_shown : row->plan.state[c] == ANON_SHOWN;
			int n = acc[g].n[c];
			analysis_cell cell = cell_hidden();
			if (shown && n > 0)
				cell = (analysis_cell){n, acc[g].mean[c],
						       n > 1 ? sqrt(acc[g].dev[c] / (n - 1)) : NAN};
			if (c == NP)
				row->total = cell;
			else
				row->col[c] = cell;
		}
	}
}

/* Cronbach's alpha and item-rest correlations of group g from the exact
 * moments of its complete cases, over the statements put to everyone. item/rest are the group's slots in the
 * result's storage. */
static void reliability(const work *w, int g, int *item, double *rest, analysis_reliability *rel)
{
	const alpha_group_acc *ga = &w->agroup[g];
	rel->n = (int)ga->n;
	rel->shown = ga->n >= w->k; /* implies a shown round: n <= total */
	rel->item = item;
	rel->item_rest = rest;
	rel->n_items = 0;
	double sum_var = 0;
	for (int j = w->gstart[g]; j < w->gstart[g + 1]; j++) {
		int i = w->order[j];
		if (w->in->items[i].perspectives)
			continue; /* not on the scale every respondent answered */
		const alpha_item_acc *a = &w->aitem[i];
		int64_t sr = ga->st - a->sx, ssr = ga->stt - 2 * a->sxt + a->sxx;
		item[rel->n_items] = i;
		rest[rel->n_items] = rel->shown ? stats_pearson_int(ga->n, a->sx, sr, a->sxx, ssr,
								   a->sxt - a->sxx)
						: NAN;
		rel->n_items++;
		sum_var += stats_var_int(ga->n, a->sx, a->sxx);
	}
	rel->alpha = rel->shown ? stats_cronbach_alpha(rel->n_items, sum_var,
							stats_var_int(ga->n, ga->st, ga->stt))
				: NAN;
	if (!rel->shown)
		rel->n = 0;
}

static void correlations(const work *w, analysis_result *res)
{
	for (int a = 0; a < EL_COUNT; a++)
		for (int b = a; b < EL_COUNT; b++) {
			int n = 0;
			double r = stats_pearson_pairwise(w->score + a, w->score + b,
							  (size_t)w->in->n_respondents, NG, &n);
			bool shown = res->plan.shown && n >= w->k;
			res->corr[a][b] = res->corr[b][a] = shown ? r : NAN;
			res->corr_n[a][b] = res->corr_n[b][a] = shown ? n : 0;
		}
}

static analysis_result *result_new(const analysis_input *in)
{
	analysis_result *res = xcalloc(1, sizeof *res);
	res->items = xcalloc((size_t)in->n_items + 1, sizeof *res->items);
	res->item_index_ = xcalloc((size_t)in->n_items + 1, sizeof *res->item_index_);
	res->item_rest_ = xcalloc((size_t)in->n_items + 1, sizeof *res->item_rest_);
	res->k = in->k;
	res->n_respondents = in->n_respondents;
	res->n_items = in->n_items;
	return res;
}

/* The columns whose cell in group g's row must stay hidden whatever its
 * size: the pooled column when its members were asked different
 * statements of the group. Its members' scores are then means over
 * different statements, and with the statement rows (or an export) the
 * difference would isolate the members asked more (docs/threat-model.md). */
static unsigned withheld_columns(const work *w, const anon_plan *round, int g)
{
	unsigned members = 0;
	for (int p = 0; p < NP; p++)
		if (anon_column(round, (perspective)p) == PERSP_OTHER && w->persp_count[p] > 0)
			members |= 1u << p;
	for (int j = w->gstart[g]; j < w->gstart[g + 1]; j++) {
		unsigned asked = w->asked[w->order[j]] & members;
		if (asked != 0 && asked != members)
			return 1u << PERSP_OTHER;
	}
	return 0;
}

/* Everything after the pass over the answers. */
static void fill_result(const work *w, analysis_result *res)
{
	const analysis_input *in = w->in;
	anon_plan_make(w->persp_count, w->k, &res->plan);
	int kc = in->k_comments > w->k ? in->k_comments : w->k;
	anon_plan_make(w->persp_count, kc, &res->comments);
	for (int i = 0; i < in->n_items; i++)
		item_row(w, i, &res->plan, &res->items[i]);
	for (int g = 0; g < NG; g++)
		anon_row_plan(&res->plan, w->row_count[g], w->k, withheld_columns(w, &res->plan, g),
			      &group_row(res, g)->plan);
	group_cells(w, res);
	for (int g = 0; g < NG; g++)
		finish_row(group_row(res, g));
	int used = 0;
	for (int g = 0; g < NG; g++) {
		analysis_reliability *rel = g < EL_COUNT ? &res->alpha_elements[g]
							 : &res->alpha_outcomes[g - EL_COUNT];
		reliability(w, g, res->item_index_ + used, res->item_rest_ + used, rel);
		used += rel->n_items;
	}
	correlations(w, res);
}

analysis_result *analysis_compute(const analysis_input *in, const char **err)
{
	const char *e = check_input(in);
	if (e) {
		if (err)
			*err = e;
		return NULL;
	}
	work w;
	work_init(&w, in);
	analysis_result *res = result_new(in);
	e = "answer out of range 0..5";
	for (int r = 0; r < in->n_respondents; r++) {
		if (!score_respondent(&w, r))
			goto fail;
		w.persp_count[in->perspective[r]]++;
	}
	fill_result(&w, res);
	work_free(&w);
	return res;
fail:
	work_free(&w);
	analysis_free(res);
	if (err)
		*err = e;
	return NULL;
}

void analysis_free(analysis_result *r)
{
	if (!r)
		return;
	free(r->items);
	free(r->item_index_);
	free(r->item_rest_);
	free(r);
}

int analysis_tenths(double v)
{
	if (isnan(v))
		return 0;
	if (v > 1e8)
		v = 1e8;
	if (v < -1e8)
		v = -1e8;
	char buf[32];
	snprintf(buf, sizeof buf, "%.1f", v);
	const char *s = buf;
	int sign = 1, t = 0;
	if (*s == '-')
		sign = -1, s++;
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			t = t * 10 + (*s - '0');
	return sign * t;
}

analysis_band analysis_band_of(double v)
{
	if (isnan(v))
		return BAND_NONE;
	int t = analysis_tenths(v);
	return t >= 40 ? BAND_STRENGTH : t >= 30 ? BAND_DISCUSS : BAND_ATTENTION;
}

bool analysis_gap_differs(double gap)
{
	return !isnan(gap) && analysis_tenths(gap) >= 10;
}

const char *analysis_band_code(analysis_band b)
{
	switch (b) {
	case BAND_STRENGTH:
		return "strength";
	case BAND_DISCUSS:
		return "discuss";
	case BAND_ATTENTION:
		return "attention";
	case BAND_NONE:
		break;
	}
	return "none";
}

/* The people of a row's shown cells as one group: the total when it is
 * shown, else the shown cells combined. Their n, mean and SD follow from
 * the cells' own (the spread within and between the cells), so a change
 * computed from them shows nothing the cells do not. */
analysis_cell analysis_shown_people(const analysis_row *row)
{
	if (row->plan.total_shown)
		return row->total;
	int n = 0;
	double sum = 0, ss = 0;
	for (int p = 0; p < NP; p++)
		if (row->plan.state[p] == ANON_SHOWN && row->col[p].n > 0) {
			n += row->col[p].n;
			sum += row->col[p].n * row->col[p].mean;
		}
	if (n == 0)
		return cell_hidden();
	double mean = sum / n;
	for (int p = 0; p < NP; p++) {
		const analysis_cell *c = &row->col[p];
		if (row->plan.state[p] != ANON_SHOWN || c->n == 0)
			continue;
		double d = c->mean - mean;
		ss += c->n * d * d + (c->n > 1 ? (c->n - 1) * c->sd * c->sd : 0);
	}
	return (analysis_cell){n, mean, n > 1 ? sqrt(ss / (n - 1)) : NAN};
}

analysis_change analysis_change_of(const analysis_row *before, const analysis_row *after)
{
	analysis_change ch = {.verdict = CHANGE_UNCLEAR};
	analysis_cell a = analysis_shown_people(before), b = analysis_shown_people(after);
	ch.ci.diff = ch.ci.se = ch.ci.df = ch.ci.t = ch.ci.lo = ch.ci.hi = NAN;
	if (before->plan.shown && after->plan.shown)
		ch.computed = stats_welch(a.n, a.mean, a.sd, b.n, b.mean, b.sd, 0.95, &ch.ci);
	if (ch.computed && ch.ci.lo > 0)
		ch.verdict = CHANGE_UP;
	else if (ch.computed && ch.ci.hi < 0)
		ch.verdict = CHANGE_DOWN;
	return ch;
}

void analysis_compare(const analysis_result *before, const analysis_result *after,
		      analysis_change out[EL_COUNT])
{
	for (int e = 0; e < EL_COUNT; e++)
		out[e] = analysis_change_of(&before->elements[e], &after->elements[e]);
}

const char *analysis_verdict_code(analysis_verdict v)
{
	switch (v) {
	case CHANGE_UP:
		return "up";
	case CHANGE_DOWN:
		return "down";
	case CHANGE_UNCLEAR:
		break;
	}
	return "unclear";
}
