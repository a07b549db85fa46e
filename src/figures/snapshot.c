#include "figures/snapshot.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SNAPSHOT_VERSION 1

/* ---- writing */

static json_t *real(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *ints(const int *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_integer(v[i]));
	return a;
}

static json_t *cell(const analysis_cell *c)
{
	return json_pack("[i,o,o]", c->n, real(c->mean), real(c->sd));
}

static json_t *plan(const anon_plan *p)
{
	int state[PERSP_COUNT];
	for (int i = 0; i < PERSP_COUNT; i++)
		state[i] = (int)p->state[i];
	return json_pack("{s:b,s:b,s:i,s:i,s:o,s:I,s:o}", "shown", p->shown, "total_shown", p->total_shown,
			 "total", p->total, "columns", p->columns, "state", ints(state, PERSP_COUNT),
			 "withheld", (json_int_t)p->withheld, "n", ints(p->n, PERSP_COUNT));
}

static json_t *row(const analysis_row *r)
{
	json_t *cols = json_array(), *dist = json_array();
	for (int p = 0; p < PERSP_COUNT; p++) {
		json_array_append_new(cols, cell(&r->col[p]));
		json_array_append_new(dist, ints(r->dist[p], 5));
	}
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:i,s:b,s:o,s:o}", "plan", plan(&r->plan), "col", cols, "total",
			 cell(&r->total), "headline", real(r->headline), "gap", real(r->gap), "band",
			 (int)r->band, "differ", r->differ, "dist", dist, "dist_total", ints(r->dist_total, 5));
}

static json_t *rows(const analysis_row *r, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, row(&r[i]));
	return a;
}

static json_t *reliability(const analysis_reliability *rel, int n)
{
	json_t *a = json_array();
	for (int g = 0; g < n; g++) {
		json_t *rest = json_array();
		for (int i = 0; i < rel[g].n_items; i++)
			json_array_append_new(rest, real(rel[g].item_rest[i]));
		json_array_append_new(a, json_pack("{s:b,s:i,s:o,s:o,s:o}", "shown", rel[g].shown, "n", rel[g].n,
						   "item", ints(rel[g].item, rel[g].n_items), "alpha",
						   real(rel[g].alpha), "item_rest", rest));
	}
	return a;
}

static json_t *correlations(const analysis_result *res)
{
	json_t *corr = json_array(), *n = json_array();
	for (int i = 0; i < EL_COUNT; i++) {
		json_t *line = json_array();
		for (int j = 0; j < EL_COUNT; j++)
			json_array_append_new(line, real(res->corr[i][j]));
		json_array_append_new(corr, line);
		json_array_append_new(n, ints(res->corr_n[i], EL_COUNT));
	}
	return json_pack("{s:o,s:o}", "r", corr, "n", n);
}

char *snapshot_encode(const analysis_result *res, const snapshot_tallies *t)
{
	json_t *result = json_pack(
		"{s:i,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "k", res->k, "n_respondents", res->n_respondents,
		"plan", plan(&res->plan), "comments", plan(&res->comments), "items", rows(res->items, res->n_items),
		"elements", rows(res->elements, EL_COUNT), "outcomes", rows(res->outcomes, OUT_COUNT),
		"alpha_elements", reliability(res->alpha_elements, EL_COUNT), "alpha_outcomes",
		reliability(res->alpha_outcomes, OUT_COUNT), "correlations", correlations(res));
	json_t *root = json_pack("{s:i,s:i,s:o,s:i,s:o,s:o}", "version", SNAPSHOT_VERSION, "submitted", t->submitted,
				 "counts", ints(t->counts, PERSP_COUNT), "in_progress", t->in_progress, "triggers",
				 ints(t->triggers, TRIG_COUNT), "result", result);
	char *text = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(root);
	return text;
}

/* ---- reading: every value is checked; one wrong value spoils the whole */

typedef struct {
	bool bad;
	double *rest;   /* next free place in the result's item_rest_ */
	int *index;     /* next free place in its item_index_ */
	int room;       /* places left in both */
} reader;

static json_t *member(reader *rd, json_t *o, const char *key)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	if (!v)
		rd->bad = true;
	return v;
}

static int get_int(reader *rd, json_t *v, int min, int max)
{
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		rd->bad = true;
		return min;
	}
	return (int)json_integer_value(v);
}

static bool get_bool(reader *rd, json_t *v)
{
	if (!json_is_boolean(v))
		rd->bad = true;
	return json_is_true(v);
}

static double get_real(reader *rd, json_t *v)
{
	if (json_is_null(v))
		return NAN;
	if (!json_is_number(v))
		rd->bad = true;
	return json_number_value(v);
}

/* An array of exactly n values (NULL and bad otherwise). */
static json_t *array_of(reader *rd, json_t *v, size_t n)
{
	if (!json_is_array(v) || json_array_size(v) != n) {
		rd->bad = true;
		return NULL;
	}
	return v;
}

static void get_ints(reader *rd, json_t *v, int *out, int n, int min, int max)
{
	json_t *a = array_of(rd, v, (size_t)n);
	for (int i = 0; a && i < n; i++)
		out[i] = get_int(rd, json_array_get(a, (size_t)i), min, max);
}

#define COUNT_MAX ANALYSIS_MAX_RESPONDENTS

static void get_plan(reader *rd, json_t *o, anon_plan *p)
{
	int state[PERSP_COUNT] = {0};
	p->shown = get_bool(rd, member(rd, o, "shown"));
	p->total_shown = get_bool(rd, member(rd, o, "total_shown"));
	p->total = get_int(rd, member(rd, o, "total"), 0, COUNT_MAX);
	p->columns = get_int(rd, member(rd, o, "columns"), 0, PERSP_COUNT);
	get_ints(rd, member(rd, o, "state"), state, PERSP_COUNT, ANON_HIDDEN, ANON_SHOWN);
	for (int i = 0; i < PERSP_COUNT; i++)
		p->state[i] = (anon_state)state[i];
	p->withheld = (unsigned)get_int(rd, member(rd, o, "withheld"), 0, (1 << PERSP_COUNT) - 1);
	get_ints(rd, member(rd, o, "n"), p->n, PERSP_COUNT, 0, COUNT_MAX);
}

static void get_cell(reader *rd, json_t *v, analysis_cell *c)
{
	json_t *a = array_of(rd, v, 3);
	if (!a)
		return;
	c->n = get_int(rd, json_array_get(a, 0), 0, COUNT_MAX);
	c->mean = get_real(rd, json_array_get(a, 1));
	c->sd = get_real(rd, json_array_get(a, 2));
}

static void get_row(reader *rd, json_t *o, analysis_row *r)
{
	get_plan(rd, member(rd, o, "plan"), &r->plan);
	json_t *cols = array_of(rd, member(rd, o, "col"), PERSP_COUNT);
	json_t *dist = array_of(rd, member(rd, o, "dist"), PERSP_COUNT);
	for (int p = 0; cols && dist && p < PERSP_COUNT; p++) {
		get_cell(rd, json_array_get(cols, (size_t)p), &r->col[p]);
		get_ints(rd, json_array_get(dist, (size_t)p), r->dist[p], 5, 0, COUNT_MAX);
	}
	get_cell(rd, member(rd, o, "total"), &r->total);
	r->headline = get_real(rd, member(rd, o, "headline"));
	r->gap = get_real(rd, member(rd, o, "gap"));
	r->band = (analysis_band)get_int(rd, member(rd, o, "band"), BAND_NONE, BAND_STRENGTH);
	r->differ = get_bool(rd, member(rd, o, "differ"));
	get_ints(rd, member(rd, o, "dist_total"), r->dist_total, 5, 0, COUNT_MAX);
}

static void get_rows(reader *rd, json_t *v, analysis_row *out, int n)
{
	json_t *a = array_of(rd, v, (size_t)n);
	for (int i = 0; a && i < n; i++)
		get_row(rd, json_array_get(a, (size_t)i), &out[i]);
}

static void get_reliability(reader *rd, json_t *v, analysis_reliability *rel, int n, int n_items)
{
	json_t *a = array_of(rd, v, (size_t)n);
	for (int g = 0; a && g < n && !rd->bad; g++) {
		json_t *o = json_array_get(a, (size_t)g), *item = member(rd, o, "item");
		int m = json_is_array(item) ? (int)json_array_size(item) : 0;
		if (m > rd->room) {
			rd->bad = true;
			return;
		}
		rel[g].shown = get_bool(rd, member(rd, o, "shown"));
		rel[g].n = get_int(rd, member(rd, o, "n"), 0, COUNT_MAX);
		rel[g].alpha = get_real(rd, member(rd, o, "alpha"));
		rel[g].n_items = m;
		get_ints(rd, item, rd->index, m, 0, n_items - 1);
		json_t *rest = array_of(rd, member(rd, o, "item_rest"), (size_t)m);
		for (int i = 0; rest && i < m; i++)
			rd->rest[i] = get_real(rd, json_array_get(rest, (size_t)i));
		rel[g].item = rd->index;
		rel[g].item_rest = rd->rest;
		rd->index += m;
		rd->rest += m;
		rd->room -= m;
	}
}

static void get_correlations(reader *rd, json_t *o, analysis_result *res)
{
	json_t *r = array_of(rd, member(rd, o, "r"), EL_COUNT), *n = array_of(rd, member(rd, o, "n"), EL_COUNT);
	for (int i = 0; r && n && i < EL_COUNT; i++) {
		json_t *line = array_of(rd, json_array_get(r, (size_t)i), EL_COUNT);
		for (int j = 0; line && j < EL_COUNT; j++)
			res->corr[i][j] = get_real(rd, json_array_get(line, (size_t)j));
		get_ints(rd, json_array_get(n, (size_t)i), res->corr_n[i], EL_COUNT, 0, COUNT_MAX);
	}
}

/* The result's own arrays for n_items statements. */
static analysis_result *result_new(int n_items)
{
	analysis_result *res = calloc(1, sizeof *res);
	if (!res)
		return NULL;
	res->n_items = n_items;
	res->items = calloc((size_t)n_items + 1, sizeof *res->items);
	/* every statement is in at most one group's reliability */
	res->item_index_ = calloc((size_t)n_items + 1, sizeof *res->item_index_);
	res->item_rest_ = calloc((size_t)n_items + 1, sizeof *res->item_rest_);
	if (!res->items || !res->item_index_ || !res->item_rest_) {
		analysis_free(res);
		return NULL;
	}
	return res;
}

static void get_result(reader *rd, json_t *o, analysis_result *res)
{
	res->k = get_int(rd, member(rd, o, "k"), ANON_K_MIN, COUNT_MAX);
	res->n_respondents = get_int(rd, member(rd, o, "n_respondents"), 0, COUNT_MAX);
	get_plan(rd, member(rd, o, "plan"), &res->plan);
	get_plan(rd, member(rd, o, "comments"), &res->comments);
	get_rows(rd, member(rd, o, "items"), res->items, res->n_items);
	get_rows(rd, member(rd, o, "elements"), res->elements, EL_COUNT);
	get_rows(rd, member(rd, o, "outcomes"), res->outcomes, OUT_COUNT);
	rd->index = res->item_index_;
	rd->rest = res->item_rest_;
	rd->room = res->n_items;
	get_reliability(rd, member(rd, o, "alpha_elements"), res->alpha_elements, EL_COUNT, res->n_items);
	get_reliability(rd, member(rd, o, "alpha_outcomes"), res->alpha_outcomes, OUT_COUNT, res->n_items);
	get_correlations(rd, member(rd, o, "correlations"), res);
}

analysis_result *snapshot_decode(const char *json, snapshot_tallies *t, const char **err)
{
	json_t *root = json_loads(json, 0, NULL);
	reader rd = {0};
	analysis_result *res = NULL;
	memset(t, 0, sizeof *t);
	if (get_int(&rd, member(&rd, root, "version"), SNAPSHOT_VERSION, SNAPSHOT_VERSION), !rd.bad) {
		t->submitted = get_int(&rd, member(&rd, root, "submitted"), 0, COUNT_MAX);
		get_ints(&rd, member(&rd, root, "counts"), t->counts, PERSP_COUNT, 0, COUNT_MAX);
		t->in_progress = get_int(&rd, member(&rd, root, "in_progress"), 0, COUNT_MAX);
		get_ints(&rd, member(&rd, root, "triggers"), t->triggers, TRIG_COUNT, 0, COUNT_MAX);
		json_t *result = member(&rd, root, "result"), *items = member(&rd, result, "items");
		size_t n = json_is_array(items) ? json_array_size(items) : 0;
		res = !rd.bad && n <= ANALYSIS_MAX_ITEMS ? result_new((int)n) : NULL;
		if (res)
			get_result(&rd, result, res);
	}
	json_decref(root);
	if (!res || rd.bad) {
		analysis_free(res);
		if (err)
			*err = "the kept figures of this round cannot be read";
		return NULL;
	}
	return res;
}
