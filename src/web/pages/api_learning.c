/* api_learning.c - learning across rounds and workplaces as JSON
 * (docs/openapi.json): a workplace's development (element and outcome
 * scale scores per round, from the figures room, beside the outcomes it
 * registered in each round's period), the library of what works where,
 * and the analysis across workplaces. The same figures and the same rules
 * as the pages: nothing unshared, nothing below k, the list of workplaces
 * in the analysis only for programme leads and site administrators. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "base/util.h"
#include "domain/learning.h"
#include "web/across.h"
#include "web/api_json.h"
#include "web/pages/pages.h"

static json_t *change_json(const analysis_change *c)
{
	if (!c->computed)
		return json_pack("{s:s}", "verdict", "none");
	return json_pack("{s:s, s:o, s:o, s:o}", "verdict", analysis_verdict_code(c->verdict), "diff",
			 api_number(c->ci.diff), "lo", api_number(c->ci.lo), "hi", api_number(c->ci.hi));
}

static json_t *counts_json(const int count[OUT_COUNT])
{
	json_t *o = json_object();
	for (int c = 0; c < OUT_COUNT; c++)
		json_object_set_new(o, outcome_code((outcome_category)c), json_integer(count[c]));
	return o;
}

static json_t *shown_headline(const analysis_row *row)
{
	return api_number(row->plan.shown ? row->headline : NAN);
}

/* One round of the development: scores where its figures are shown. */
static json_t *development_round(const wp_rounds *w, int i, const int registered[OUT_COUNT])
{
	const mround *rd = &w->rounds[i];
	json_t *els = json_object(), *outs = json_object();
	const analysis_result *res = w->lr[i].shown ? w->res[i] : NULL;
	for (int e = 0; e < EL_COUNT; e++)
		json_object_set_new(els, element_code_str((element_code)e),
				    res ? shown_headline(&res->elements[e]) : json_null());
	for (int c = 0; c < OUT_COUNT; c++)
		json_object_set_new(outs, outcome_code((outcome_category)c), res ? shown_headline(&res->outcomes[c]) : json_null());
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "id", (json_int_t)rd->id, "title", rd->title,
			 "opens_on", rd->opens_on, "closes_on", rd->closes_on, "shown", res != NULL, "elements", els,
			 "outcome_scales", outs, "registered", counts_json(registered));
}

/* The change per element between the two latest rounds with figures. */
static json_t *last_change(const wp_rounds *w)
{
	int last = -1, before = -1;
	for (int i = w->n - 1; i >= 0 && before < 0; i--)
		if (w->lr[i].shown) {
			before = last >= 0 ? i : -1;
			last = last >= 0 ? last : i;
		}
	if (before < 0)
		return json_null();
	analysis_change ch[EL_COUNT];
	analysis_compare(w->res[before], w->res[last], ch);
	json_t *o = json_pack("{s:I, s:I}", "from_round", (json_int_t)w->rounds[before].id, "to_round",
			      (json_int_t)w->rounds[last].id);
	for (int e = 0; e < EL_COUNT; e++)
		json_object_set_new(o, element_code_str((element_code)e), change_json(&ch[e]));
	return o;
}

void page_api_development(req *r)
{
	wp_rounds w;
	if (!wp_access(r, false) || !wp_rounds_load(r, r->wp->id, &w))
		return;
	const char **closes = ARENA_ARRAY(r->a, const char *, (size_t)w.n + 1);
	for (int i = 0; i < w.n; i++)
		closes[i] = w.rounds[i].closes_on;
	int(*per)[OUT_COUNT], after[OUT_COUNT];
	if (!across_outcomes_by_round(r, r->wp->id, closes, w.n, &per, after))
		return;
	json_t *rounds = json_array();
	for (int i = 0; i < w.n; i++)
		json_array_append_new(rounds, development_round(&w, i, per[i]));
	api_send(r, 200, json_pack("{s:s, s:o, s:o, s:o}", "workplace", r->wp->slug, "rounds", rounds,
				   "registered_after_last_round", counts_json(after), "last_change", last_change(&w)));
}

static json_t *workplace_ref(const char *slug, const char *name)
{
	return json_pack("{s:s, s:s}", "slug", slug, "name", name);
}

static json_t *note_json(const library_note *n)
{
	return json_pack("{s:I, s:o, s:o, s:s, s:s, s:s, s:s}", "id", (json_int_t)n->note.id, "action",
			 n->note.action_id ? json_integer(n->note.action_id) : json_null(), "element",
			 n->note.element >= 0 ? json_string(element_code_str((element_code)n->note.element)) : json_null(),
			 "about", n->note.about, "context", n->note.context, "mechanism", n->note.mechanism, "result",
			 n->note.result);
}

static json_t *afterwards_json(const wp_rounds *w, const across_after *x)
{
	return json_pack("{s:o, s:o, s:o, s:o}", "round_before",
			 x->before >= 0 ? json_integer(w->rounds[x->before].id) : json_null(), "round_after",
			 x->after >= 0 ? json_integer(w->rounds[x->after].id) : json_null(), "change",
			 x->have_change ? change_json(&x->change) : json_null(), "outcomes_since",
			 counts_json(x->outcomes));
}

/* A shared action with its shared notes and what happened afterwards;
 * NULL after a reply. */
static json_t *library_action_json(req *r, wp_rounds_memo *memo, const library_action *a, const library_note *ns,
				   int nn, int element)
{
	const wp_rounds *w = wp_rounds_of(r, memo, a->workplace_id);
	across_after x;
	if (!w || !across_action_after(r, w, a, element, &x))
		return NULL;
	char day[11];
	across_action_day(a, day);
	json_t *notes = json_array();
	for (int i = 0; i < nn; i++)
		if (ns[i].note.action_id == a->id)
			json_array_append_new(notes, note_json(&ns[i]));
	json_t *o = json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)a->id, "workplace",
			      workplace_ref(a->workplace_slug, a->workplace_name), "title", a->title, "description",
			      a->description, "status", action_status_code(a->status), "started_on", day, "notes", notes, "afterwards",
			      afterwards_json(w, &x));
	json_object_set_new(json_object_get(o, "workplace"), "domain", json_string(a->workplace_domain));
	return o;
}

void page_api_library(req *r)
{
	workplace *mine;
	int n_mine, element, na, nn;
	if (!learning_access(r, &mine, &n_mine) || (element = learning_element_param(r)) < 0)
		return;
	library_action *as;
	library_note *ns;
	store_rc rc = store_library_actions(r->st, r->a, element, &as, &na);
	if (rc == ST_OK)
		rc = store_library_notes(r->st, r->a, element, &ns, &nn);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	wp_rounds_memo memo;
	wp_rounds_memo_init(r, &memo, na);
	json_t *actions = json_array(), *notes = json_array();
	for (int i = 0; i < na; i++) {
		json_t *a = library_action_json(r, &memo, &as[i], ns, nn, element);
		if (!a) {
			json_decref(actions);
			json_decref(notes);
			return;
		}
		json_array_append_new(actions, a);
	}
	for (int i = 0; i < nn; i++) {
		bool listed = false;
		for (int j = 0; j < na && !listed; j++)
			listed = ns[i].note.action_id == as[j].id;
		if (listed)
			continue;
		json_t *n = note_json(&ns[i]);
		json_object_set_new(n, "workplace", workplace_ref(ns[i].workplace_slug, ns[i].workplace_name));
		json_array_append_new(notes, n);
	}
	api_send(r, 200, json_pack("{s:s, s:o, s:o}", "element", element_code_str((element_code)element), "actions",
				   actions, "other_notes", notes));
}

static json_t *assoc_json(const learning_assoc (*m)[OUT_COUNT])
{
	json_t *o = json_object();
	for (int e = 0; e < EL_COUNT; e++) {
		json_t *row = json_object();
		for (int c = 0; c < OUT_COUNT; c++)
			json_object_set_new(row, outcome_code((outcome_category)c),
					    json_pack("{s:i, s:o}", "n", m[e][c].shown ? m[e][c].n : 0, "rho",
						      api_number(m[e][c].shown ? m[e][c].rho : NAN)));
		json_object_set_new(o, element_code_str((element_code)e), row);
	}
	return o;
}

void page_api_analysis(req *r)
{
	workplace *mine;
	int n_mine, n, min_n;
	across_profile *ps;
	if (!learning_access(r, &mine, &n_mine) || !across_profiles(r, &ps, &n, &min_n))
		return;
	learning_profile *prof = ARENA_ARRAY(r->a, learning_profile, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		prof[i] = ps[i].p;
	learning_associations as;
	learning_associate(prof, n, min_n, ARENA_ARRAY(r->a, double, 2 * (size_t)n + 2), &as);
	json_t *o = json_pack("{s:i, s:i, s:o, s:o, s:s}", "workplaces", n, "min_workplaces", min_n, "outcome_scales",
			      assoc_json((const learning_assoc(*)[OUT_COUNT])as.scale), "registered",
			      assoc_json((const learning_assoc(*)[OUT_COUNT])as.registered), "note",
			      "Spearman's rank correlation across workplaces: an association, not a cause; uncertain "
			      "with few workplaces");
	if (r->user->is_admin || r->user->is_programme_lead) {
		json_t *list = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(list, json_pack("{s:s, s:s, s:I}", "slug", ps[i].w.slug, "name",
							      ps[i].w.name, "round", (json_int_t)ps[i].round.id));
		json_object_set_new(o, "included", list);
	}
	api_send(r, 200, o);
}
