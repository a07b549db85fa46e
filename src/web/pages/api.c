/* api.c - /api/v1/...: the same figures as the pages, as JSON, with the
 * same permissions. Never more than the pages show: the JSON is written
 * from the same analysis result, which holds only what may be shown. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "io/export.h"
#include "web/pages/pages.h"
#include "web/api_body.h"
#include "web/api_json.h"
#include "web/results.h"
#include "web/practice_view.h"
#include "web/tables_reply.h"
#include "web/survey.h"

static json_t *number(double v)
{
	return api_number(v);
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
			      "headline", number(row->headline), "weighted",
			      row->plan.total_shown ? cell(&row->total) : json_null(), "gap",
			      number(row->gap), "band", analysis_band_code(row->band), "differ",
			      row->differ);
	if (with_dist && row->plan.total_shown) {
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
	json_t *o = json_pack("{s:o, s:b, s:b}", "round", round, "released", rr->released, "shown",
			      rr->released && res->plan.shown);
	if (!rr->released || !res->plan.shown)
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

/* Find the round named by r->param[0] and check access to its workplace
 * (coordinator: may change it): 404 for outsiders, 403 for members
 * without the role. */
static bool api_round_access(req *r, bool coordinator, mround *rd)
{
	int64_t id;
	if (!parse_int64(r->param[0], 1, INT64_MAX, &id) ||
	    store_round_get(r->st, r->a, id, rd) != ST_OK) {
		api_error(r, 404, "no such round");
		return false;
	}
	r->param[0] = rd->workplace_slug;
	if (!wp_access(r, coordinator)) {
		if (r->status == 404)
			api_error(r, 404, "no such round");
		return false;
	}
	return true;
}

static bool api_round(req *r, round_results *rr)
{
	mround rd;
	if (!api_round_access(r, false, &rd) || !wp_round_visible(r, &rd))
		return false;
	if (!results_load(r, rd.id, rr)) {
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
	api_send(r, 200, results_json(&rr));
}

/* The comments of a closed round per element and open question, as the
 * element pages show them: only from groups shown at k_comments, in the
 * same order, never with a time; for who may read comments (a programme
 * lead only where the workplace shares them). */
void page_api_round_comments(req *r)
{
	round_results rr;
	if (!api_round(r, &rr))
		return;
	if (!wp_may(r, WP_SEE_COMMENTS)) {
		api_error(r, 403, "this workplace does not share its respondents' comments with the programme lead");
		return;
	}
	round_comment *cs;
	int n;
	store_rc rc = store_round_comments(r->st, r->a, rr.rd.id, &cs, &n);
	if (!ok_or_reply(r, rc))
		return;
	json_t *items = json_array();
	for (int e = 0; e < EL_COUNT && rr.released; e++) {
		const instr_element *el = &rr.sv->in->elements[e];
		for (size_t q = 0; q < el->n_open; q++) {
			int *pick;
			int count = results_comment_picks(r, &rr, cs, n, survey_item_id(rr.sv, el->open[q].id), &pick);
			for (int i = 0; i < count; i++) {
				const round_comment *c = &cs[pick[i]];
				int col = anon_column(&rr.res->comments, c->persp);
				json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s}", "element",
								       element_code_str((element_code)e), "question",
								       el->open[q].id, "group",
								       perspective_code((perspective)col), "text", c->text));
			}
		}
	}
	api_send(r, 200, json_pack("{s:I, s:b, s:i, s:o}", "round", (json_int_t)rr.rd.id, "released", rr.released,
				   "k_comments", rr.rd.k_comments, "comments", items));
}

/* The aggregate tables of a closed round: JSON, or ?format=csv|xlsx. */
/* The round's PDF report, with the comments of shown groups for those
 * who may read comments (as on the round page). */
void page_api_round_report(req *r)
{
	round_results rr;
	if (api_round(r, &rr))
		report_pdf_reply(r, &rr, wp_may(r, WP_SEE_COMMENTS), wp_may(r, WP_CONTRIBUTE));
}

void page_api_round_tables(req *r)
{
	const char *q = req_query(r, "format");
	int f = q ? tables_format_named(q) : TABLES_JSON;
	if (f < 0) {
		api_error(r, 400, "format must be json, csv or xlsx");
		return;
	}
	round_results rr;
	if (api_round(r, &rr))
		tables_reply(r, &rr, (tables_format)f);
}

/* ---- workplaces, rounds, actions, outcomes (docs/openapi.json) ---- */



static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *workplace_json(req *r, const workplace *w)
{
	const char *base = arena_printf(r->a, "/api/v1/workplaces/%s", w->slug);
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:{s:s, s:s, s:s, s:s, s:s}}", "slug", w->slug, "name",
			 w->name, "domain", w->domain, "location", w->location, "start_date",
			 text_or_null(w->start_date), "role", w->my_role ? w->my_role : "", "links", "self",
			 base, "rounds", arena_printf(r->a, "%s/rounds", base), "actions",
			 arena_printf(r->a, "%s/actions", base), "outcomes",
			 arena_printf(r->a, "%s/outcomes", base), "questions",
			 arena_printf(r->a, "%s/questions", base));
}

void page_api_workplaces(req *r)
{
	int limit, offset, n;
	workplace *ws;
	if (!api_page_params(r, &limit, &offset))
		return;
	store_rc rc = store_workplaces_for(r->st, r->a, r->user->id,
					   is_site_admin(r) || r->user->is_programme_lead, &ws, &n);
	if (!ok_or_reply(r, rc))
		return;
	json_t *items = json_array();
	for (int i = offset; i < n && i < offset + limit; i++)
		json_array_append_new(items, workplace_json(r, &ws[i]));
	api_send(r, 200, api_paged(r, items, n, limit, offset));
}

void page_api_workplace(req *r)
{
	if (!wp_access(r, false))
		return;
	partner *ps;
	int n;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (!ok_or_reply(r, rc))
		return;
	json_t *o = workplace_json(r, r->wp), *partners = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(partners, json_pack("{s:s, s:s, s:s, s:o}", "name", ps[i].name, "kind",
							  org_kind_code(ps[i].kind), "role", ps[i].role,
							  "joined_on", text_or_null(ps[i].joined_on)));
	json_object_set_new(o, "share_comments_with_lead", json_boolean(r->wp->share_comments_lead));
	json_object_set_new(o, "description", json_string(r->wp->description));
	json_object_set_new(o, "vision", json_string(r->wp->vision));
	json_object_set_new(o, "partners", partners);
	api_send(r, 200, o);
}

static const char *state_code(round_state s)
{
	return s == ROUND_OPEN ? "open" : s == ROUND_NOT_YET ? "not_yet_open" : "closed";
}

/* A round as the API shows it; NULL after a reply. */
static json_t *round_json(req *r, const mround *rd)
{
	int counts[PERSP_COUNT], started, total = 0;
	store_rc rc = figures_round_tallies(r->st, r->a, rd, counts, &started, NULL);
	if (!ok_or_reply(r, rc))
		return NULL;
	for (int p = 0; p < PERSP_COUNT; p++)
		total += counts[p];
	/* a programme lead learns of a round no more than its existence (the
	 * results of a closed one carry their own shown count) */
	json_t *responses = wp_may(r, WP_SEE_RUNNING) ? json_integer(total) : json_null();
	const char *self = arena_printf(r->a, "/api/v1/rounds/%lld", (long long)rd->id);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:{s:I, s:s}, s:o, s:{s:s, s:s, s:s, s:s}}",
			 "id", (json_int_t)rd->id, "workplace", rd->workplace_slug, "title", rd->title,
			 "opens_on", rd->opens_on, "closes_on", rd->closes_on, "state",
			 state_code(round_state_of(rd)), "k", rd->k, "k_comments", rd->k_comments,
			 "instrument_version", "id", (json_int_t)rd->version_id, "label",
			 rd->version_label, "responses", responses, "links", "self", self, "results",
			 arena_printf(r->a, "%s/results", self), "answers",
			 arena_printf(r->a, "%s/answers", self), "tables",
			 arena_printf(r->a, "%s/tables", self));
}

void page_api_workplace_rounds(req *r)
{
	int limit, offset, n;
	mround *rs;
	if (!api_page_params(r, &limit, &offset) || !wp_access(r, false))
		return;
	store_rc rc = store_rounds_for(r->st, r->a, r->wp->id, &rs, &n);
	if (!ok_or_reply(r, rc))
		return;
	json_t *items = json_array();
	for (int i = offset; i < n && i < offset + limit; i++) {
		json_t *o = round_json(r, &rs[i]);
		if (!o) {
			json_decref(items);
			return;
		}
		json_array_append_new(items, o);
	}
	api_send(r, 200, api_paged(r, items, n, limit, offset));
}

/* The round's own statements as [{code, section, text}]: only
 * when it has some, and only for the workplace's members, never for the
 * programme lead's view. */
static bool own_statements_json(req *r, const mround *rd, json_t *o)
{
	if (!wp_may(r, WP_CONTRIBUTE))
		return true;
	own_statement *os;
	int n;
	store_rc rc = store_own_statements(r->st, r->a, rd->id, &os, &n);
	if (!ok_or_reply(r, rc))
		return false;
	if (!n)
		return true;
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:{s:s, s:s}}", "code",
						      arena_printf(r->a, "%s%d", OWN_PREFIX, i + 1), "section",
						      own_section_code(os[i].section), "text", "nl", os[i].text_nl,
						      "en", os[i].text_en));
	json_object_set_new(o, "own_statements", list);
	return true;
}

void page_api_round(req *r)
{
	mround rd;
	if (!api_round_access(r, false, &rd) || !wp_round_visible(r, &rd))
		return;
	json_t *o = round_json(r, &rd);
	if (!o)
		return;
	if (own_statements_json(r, &rd, o))
		api_send(r, 200, o);
	else
		json_decref(o);
}

/* The anonymised answers of a round (the JSON export), for coordinators. */
void page_api_round_answers(req *r)
{
	mround rd;
	if (!api_round_access(r, true, &rd))
		return;
	const survey *sv = survey_load(r, rd.version_id);
	if (!sv)
		return;
	export_set set;
	bool added;
	export_begin(&set, r->a, sv->in, r->english);
	store_rc rc = export_add_round(&set, r->st, &rd, sv->rows, sv->n_rows, &added);
	if (!ok_or_reply(r, rc))
		return;
	if (!added && set.deleted) {
		api_error(r, 410, "the answers of this round were deleted under the retention limits; its "
				  "figures remain (GET /api/v1/rounds/{id}/results)");
		return;
	}
	if (!added && set.open) {
		api_error(r, 403, "this round has not closed: its answers leave only once it has closed");
		return;
	}
	if (!added) {
		api_error(r, 403, arena_printf(r->a, "this round has fewer than %d respondents: below k the "
						     "anonymity rules let nothing out",
					       rd.k));
		return;
	}
	export_finish(&set);
	buf_reset(&r->out);
	export_json(&set, &r->out);
	r->status = 200;
	r->content_type = "application/json";
	r->replied = true;
}

static json_t *action_json(const improvement *a)
{
	json_t *els = json_array();
	for (int e = 0; e < EL_COUNT; e++)
		if (a->elements & (1u << e))
			json_array_append_new(els, json_string(element_code_str((element_code)e)));
	return json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:i}", "id", (json_int_t)a->id, "round",
			 a->round_id ? json_integer(a->round_id) : json_null(), "title", a->title,
			 "description", a->description ? a->description : "", "owner",
			 a->owner ? a->owner : "", "due_on", text_or_null(a->due_on), "status",
			 action_status_code(a->status), "elements", els, "revision", a->revision);
}

void page_api_actions(req *r)
{
	int limit, offset, n, total;
	improvement *as;
	if (!api_page_params(r, &limit, &offset) || !wp_access(r, false))
		return;
	store_rc rc = store_actions_page(r->st, r->a, r->wp->id, limit, offset, &as, &n, &total);
	if (!ok_or_reply(r, rc))
		return;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, action_json(&as[i]));
	api_send(r, 200, api_paged(r, items, total, limit, offset));
}

void page_api_outcomes(req *r)
{
	int limit, offset, n, total;
	outcome *os;
	if (!api_page_params(r, &limit, &offset) || !wp_access(r, false))
		return;
	store_rc rc = store_outcomes_page(r->st, r->a, r->wp->id, limit, offset, &os, &n, &total);
	if (!ok_or_reply(r, rc))
		return;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, api_outcome_json(&os[i]));
	api_send(r, 200, api_paged(r, items, total, limit, offset));
}

/* A stored time as ISO 8601 in UTC: "2026-12-06T14:05:00Z". */
static json_t *utc_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];
	if (!gmtime_r(&tt, &tm) || !strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(s);
}

static json_t *assessment_json(const char_assessment *as)
{
	json_t *cs = json_array();
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		json_array_append_new(cs, json_pack("{s:i, s:o, s:s}", "number", i + 1, "state",
						    as->c[i].state == CHAR_UNASSESSED
							    ? json_null()
							    : json_string(char_state_code(as->c[i].state)),
						    "note", as->c[i].note));
	return json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)as->id, "assessed_at", utc_time(as->at),
			 "assessed_by", *as->by ? json_string(as->by) : json_null(), "characteristics", cs);
}

#define API_HISTORY_MAX 500

/* Every assessment of the nine characteristics, newest first (the first
 * is the current one), and every change of the triggers. */
void page_api_characteristics(req *r)
{
	if (!wp_access(r, false))
		return;
	char_assessment *as;
	trigger_change *tc;
	int n, nt;
	store_rc rc = store_char_assessments(r->st, r->a, r->wp->id, API_HISTORY_MAX, &as, &n);
	if (rc == ST_OK)
		rc = store_trigger_changes(r->st, r->a, r->wp->id, API_HISTORY_MAX, &tc, &nt);
	if (!ok_or_reply(r, rc))
		return;
	json_t *list = json_array(), *triggers = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, assessment_json(&as[i]));
	for (int i = 0; i < nt; i++)
		json_array_append_new(triggers, json_pack("{s:s, s:s, s:o, s:o}", "kind", trigger_code(tc[i].kind),
							  "text", tc[i].text, "changed_at", utc_time(tc[i].at),
							  "changed_by",
							  *tc[i].by ? json_string(tc[i].by) : json_null()));
	api_send(r, 200, json_pack("{s:o, s:o}", "assessments", list, "trigger_changes", triggers));
}

/* ---- writing: a JSON body, checked field by field (api_body.c) ---- */

void page_api_action_create(req *r)
{
	if (!wp_access(r, true))
		return;
	improvement a = {.workplace_id = r->wp->id, .revision = 1};
	int64_t round = 0;
	json_t *errors = api_action_body(r->a, r->body, r->body_len, &a, &round);
	mround rd;
	if (errors && round && (store_round_get(r->st, r->a, round, &rd) != ST_OK || rd.workplace_id != r->wp->id) &&
	    !json_object_get(errors, "round"))
		json_object_set_new(errors, "round", json_string("the id of a round of this workplace"));
	a.round_id = round;
	if (api_body_refused(r, errors))
		return;
	store_rc rc = store_action_create(r->st, &a, &a.id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "action created (API)", a.title);
	if (!ok_or_reply(r, rc))
		return;
	reply_header(r, "Location", arena_printf(r->a, "/api/v1/workplaces/%s/actions", r->wp->slug));
	api_send(r, 201, action_json(&a));
}

void page_api_outcome_create(req *r)
{
	if (!wp_access(r, true))
		return;
	outcome o = {.workplace_id = r->wp->id};
	if (api_body_refused(r, api_outcome_body(r->a, r->body, r->body_len, &o)))
		return;
	store_rc rc = store_outcome_create(r->st, &o, &o.id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "outcome recorded (API)", o.title);
	if (!ok_or_reply(r, rc))
		return;
	reply_header(r, "Location", arena_printf(r->a, "/api/v1/workplaces/%s/outcomes", r->wp->slug));
	api_send(r, 201, api_outcome_json(&o));
}
