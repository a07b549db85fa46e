/* api.c - /api/v1/...: the same figures as the pages, as JSON, with the
 * same permissions. Never more than the pages show: the JSON is written
 * from the same analysis result, which holds only what may be shown. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "web/pages/pages.h"
#include "web/results.h"

void api_error(req *r, int status, const char *message)
{
	json_t *o = json_pack("{s:s, s:i, s:s}", "error", message, "status", status, "request_id", r->id);
	char *text = json_dumps(o, JSON_COMPACT);
	reply_json(r, status, text);
	free(text);
	json_decref(o);
}

static json_t *number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *cell(const analysis_cell *c)
{
	if (c->n == 0)
		return json_null();
	return json_pack("{s:i, s:o, s:o}", "n", c->n, "mean", number(c->mean), "sd", number(c->sd));
}

/* One row: columns shown, headline, respondent-weighted, gap, band. */
static json_t *row_json(const analysis_row *row, bool with_dist)
{
	if (!row->plan.shown)
		return json_pack("{s:b}", "shown", 0);
	json_t *cols = json_object();
	for (int p = 0; p < PERSP_COUNT; p++)
		if (row->plan.state[p] == ANON_SHOWN)
			json_object_set_new(cols, perspective_code((perspective)p), cell(&row->col[p]));
	json_t *o = json_pack("{s:b, s:o, s:o, s:o, s:o, s:s, s:b}", "shown", 1, "columns", cols,
			      "headline", number(row->headline), "weighted", cell(&row->total), "gap",
			      number(row->gap), "band", analysis_band_code(row->band), "differ",
			      row->differ);
	if (with_dist) {
		json_t *d = json_array();
		for (int v = 0; v < 5; v++)
			json_array_append_new(d, json_integer(row->dist_total[v]));
		json_object_set_new(o, "distribution", d);
	}
	return o;
}

static json_t *plan_json(const anon_plan *plan)
{
	json_t *o = json_object();
	for (int p = 0; p < PERSP_COUNT; p++) {
		json_t *g = json_pack("{s:s}", "state", anon_state_code(plan->state[p]));
		if (plan->state[p] == ANON_SHOWN)
			json_object_set_new(g, "n", json_integer(plan->n[p]));
		json_object_set_new(o, perspective_code((perspective)p), g);
	}
	return o;
}

static json_t *results_json(const round_results *rr)
{
	const analysis_result *res = rr->res;
	json_t *round = json_pack("{s:I, s:s, s:s, s:s, s:i}", "id", (json_int_t)rr->rd.id, "title",
				  rr->rd.title, "opens_on", rr->rd.opens_on, "closes_on", rr->rd.closes_on,
				  "k", rr->rd.k);
	json_t *o = json_pack("{s:o, s:b}", "round", round, "shown", res->plan.shown);
	if (!res->plan.shown)
		return o;
	json_object_set_new(o, "respondents", json_integer(res->plan.total));
	json_object_set_new(o, "perspectives", plan_json(&res->plan));
	json_t *els = json_object(), *outs = json_object(), *items = json_object(), *alpha = json_object();
	for (int e = 0; e < EL_COUNT; e++) {
		json_object_set_new(els, element_code_str((element_code)e), row_json(&res->elements[e], false));
		const analysis_reliability *a = &res->alpha_elements[e];
		if (a->shown) {
			json_t *ir = json_object();
			for (int i = 0; i < a->n_items; i++)
				json_object_set_new(ir, rr->instr[a->item[i]]->id, number(a->item_rest[i]));
			json_object_set_new(alpha, element_code_str((element_code)e),
					    json_pack("{s:i, s:o, s:o}", "n", a->n, "alpha", number(a->alpha),
						      "item_rest", ir));
		}
	}
	for (int c = 0; c < OUT_COUNT; c++)
		json_object_set_new(outs, outcome_code((outcome_category)c), row_json(&res->outcomes[c], false));
	for (int i = 0; i < rr->n_items; i++) {
		json_t *row = row_json(&res->items[i], true);
		json_object_set_new(row, "reverse", json_boolean(rr->instr[i]->reverse));
		json_object_set_new(items, rr->instr[i]->id, row);
	}
	json_object_set_new(o, "elements", els);
	json_object_set_new(o, "outcomes", outs);
	json_object_set_new(o, "statements", items);
	json_object_set_new(o, "reliability", alpha);
	json_t *corr = json_object();
	for (int e = 0; e < EL_COUNT; e++) {
		json_t *row = json_object();
		for (int f = 0; f < EL_COUNT; f++)
			json_object_set_new(row, element_code_str((element_code)f), number(res->corr[e][f]));
		json_object_set_new(corr, element_code_str((element_code)e), row);
	}
	json_object_set_new(o, "correlations", corr);
	return o;
}

/* Find the round, check membership of its workplace: 404 for outsiders. */
static bool api_round(req *r, round_results *rr)
{
	int64_t id;
	mround rd;
	if (!r->user) {
		api_error(r, 401, "log in first (a session cookie is needed)");
		return false;
	}
	if (!parse_int64(r->param[0], 1, INT64_MAX, &id) ||
	    store_round_get(r->st, r->a, id, &rd) != ST_OK) {
		api_error(r, 404, "no such round");
		return false;
	}
	r->param[0] = rd.workplace_slug;
	if (!wp_access(r, false)) {
		api_error(r, 404, "no such round");
		return false;
	}
	if (!results_load(r, id, rr)) {
		api_error(r, r->status, "the results could not be computed");
		return false;
	}
	return true;
}

void page_api_round_results(req *r)
{
	round_results rr;
	if (!api_round(r, &rr))
		return;
	json_t *o = results_json(&rr);
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17));
	reply_json(r, 200, text);
	free(text);
	json_decref(o);
}
