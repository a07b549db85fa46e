/* api_practice.c - the primary process in the API:
 * /api/v1/workplaces/{slug}/questions, .../activities, .../contributors
 * and .../products, with the pages' rules: members read and add, a
 * programme lead does not use them (LEAD_NO, as for the questions). A
 * product is recorded once, as an outcome of the register tied to its
 * question, exactly as the question page's form does it. */
#include <jansson.h>
#include <string.h>

#include "base/util.h"
#include "web/api_body.h"
#include "web/api_json.h"
#include "web/pages/pages.h"
#include "web/practice_view.h"

static json_t *elements_json(unsigned mask)
{
	json_t *els = json_array();
	for (int e = 0; e < EL_COUNT; e++)
		if (mask & (1u << e))
			json_array_append_new(els, json_string(element_code_str((element_code)e)));
	return els;
}

static json_t *question_json(req *r, const practice_question *q)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:i, s:i, s:i, s:i, s:s}", "id",
			 (json_int_t)q->id, "title", q->title, "description", q->description ? q->description : "",
			 "trigger", trigger_code(q->trigger), "raised_by", raised_by_code(q->raised), "status",
			 question_status_code(q->status), "elements", elements_json(q->elements), "partner",
			 q->partner_id ? json_pack("{s:I, s:s}", "id", (json_int_t)q->partner_id, "name",
						   q->partner_name ? q->partner_name : "")
				       : json_null(),
			 "programme", q->programme ? q->programme : "", "raised_on", q->raised_on, "activities",
			 q->n_activities, "participants", q->participants, "students", q->n_students, "products",
			 q->n_products, "self",
			 arena_printf(r->a, "/api/v1/workplaces/%s/questions/%lld", r->wp->slug, (long long)q->id));
}

void page_api_questions(req *r)
{
	int limit, offset, n;
	practice_question *qs;
	if (!api_page_params(r, &limit, &offset) || !wp_access(r, false))
		return;
	question_filter f = practice_filter_from_query(r);
	store_rc rc = store_questions_list(r->st, r->a, r->wp->id, &f, &qs, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	json_t *items = json_array();
	for (int i = offset; i < n && i < offset + limit; i++)
		json_array_append_new(items, question_json(r, &qs[i]));
	api_send(r, 200, api_paged(r, items, n, limit, offset));
}

static json_t *people_json(const int people[PERSP_COUNT])
{
	json_t *o = json_object();
	for (int p = 0; p < PERSP_COUNT; p++)
		if (people[p])
			json_object_set_new(o, perspective_code((perspective)p), json_integer(people[p]));
	return o;
}

static json_t *activity_json(req *r, const practice_activity *x)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:i, s:s}", "id", (json_int_t)x->id, "question",
			 (json_int_t)x->question_id, "kind", activity_kind_code(x->kind), "title", x->title,
			 "description", x->description ? x->description : "", "starts_on", x->starts_on, "ends_on",
			 x->ends_on ? x->ends_on : "", "participants", people_json(x->people), "total",
			 practice_people_total(x->people), "self",
			 arena_printf(r->a, "/api/v1/workplaces/%s/activities/%lld", r->wp->slug, (long long)x->id));
}

static json_t *contributor_json(const practice_contributor *c)
{
	return json_pack("{s:I, s:I, s:s, s:i, s:s, s:s, s:s}", "id", (json_int_t)c->id, "question",
			 (json_int_t)c->question_id, "role", contributor_role_code(c->role), "people", c->people,
			 "period", c->period, "programme", c->programme ? c->programme : "", "name",
			 c->name ? c->name : "");
}

/* A product is an outcome of the register: its id is the outcome's. */
static json_t *product_json(const practice_product *p)
{
	return json_pack("{s:I, s:I, s:s, s:o}", "id", (json_int_t)p->o.id, "question", (json_int_t)p->question_id,
			 "kind", product_kind_code(p->kind), "outcome", api_outcome_json(&p->o));
}

/* What belongs to a question: activities, contributors, products. */
static bool question_parts(req *r, int64_t id, json_t *o)
{
	practice_activity *as;
	practice_contributor *cs;
	practice_product *ps;
	int na, nc, np;
	store_rc rc = store_activities_list(r->st, r->a, r->wp->id, id, &as, &na);
	if (rc == ST_OK)
		rc = store_contributors_list(r->st, r->a, r->wp->id, id, &cs, &nc);
	if (rc == ST_OK)
		rc = store_products_list(r->st, r->a, r->wp->id, id, &ps, &np);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	json_t *a = json_array(), *c = json_array(), *p = json_array();
	for (int i = 0; i < na; i++)
		json_array_append_new(a, activity_json(r, &as[i]));
	for (int i = 0; i < nc; i++)
		json_array_append_new(c, contributor_json(&cs[i]));
	for (int i = 0; i < np; i++)
		json_array_append_new(p, product_json(&ps[i]));
	json_object_set_new(o, "activity_list", a);
	json_object_set_new(o, "contributor_list", c);
	json_object_set_new(o, "product_list", p);
	return true;
}

void page_api_question(req *r)
{
	if (!wp_access(r, false))
		return;
	int64_t id;
	practice_question q;
	if (!parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		api_error(r, 404, "no such question");
		return;
	}
	store_rc rc = store_question_get(r->st, r->a, r->wp->id, id, &q);
	if (!found_or_reply(r, rc))
		return;
	json_t *o = question_json(r, &q);
	if (!question_parts(r, id, o)) {
		json_decref(o);
		return;
	}
	api_send(r, 200, o);
}

void page_api_question_create(req *r)
{
	if (!wp_access(r, false))
		return;
	if (!wp_may(r, WP_CONTRIBUTE)) {
		api_error(r, 403, "only members of this workplace can raise questions");
		return;
	}
	practice_question q = {.workplace_id = r->wp->id, .created_by = r->user->id};
	if (api_body_refused(r, api_question_body(r->a, r->body, r->body_len, &q)))
		return;
	store_rc rc = store_question_create(r->st, &q, &q.id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "question raised (API)", q.title);
	if (rc == ST_OK)
		rc = store_question_get(r->st, r->a, r->wp->id, q.id, &q);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	const char *self = arena_printf(r->a, "/api/v1/workplaces/%s/questions/%lld", r->wp->slug, (long long)q.id);
	reply_header(r, "Location", self);
	api_send(r, 201, question_json(r, &q));
}

/* ---- activities, contributors and products ---- */

/* The members' right to add (a lead or an outsider has been answered by
 * wp_access already); false after a 403. */
static bool may_add(req *r, const char *what)
{
	if (wp_may(r, WP_CONTRIBUTE))
		return true;
	api_error(r, 403, arena_printf(r->a, "only members of this workplace can add %s", what));
	return false;
}

/* The body's question must be the workplace's: a field error otherwise
 * (errors NULL: the body was no object, nothing to check). */
static store_rc check_question(req *r, json_t *errors, int64_t question_id)
{
	if (!errors || !question_id)
		return ST_OK;
	practice_question q;
	store_rc rc = store_question_get(r->st, r->a, r->wp->id, question_id, &q);
	if (rc == ST_NOTFOUND) {
		if (!json_object_get(errors, "question"))
			json_object_set_new(errors, "question", json_string("the id of a question of this workplace"));
		return ST_OK;
	}
	return rc;
}

/* A create's body checked, its question among them (errors from the body
 * parser, which this takes): false after replying (a store error, or 400
 * with every field's problem). */
static bool body_accepted(req *r, json_t *errors, int64_t question_id)
{
	store_rc rc = check_question(r, errors, question_id);
	if (rc != ST_OK) {
		json_decref(errors);
		reply_store_error(r, rc);
		return false;
	}
	return !api_body_refused(r, errors);
}

/* An optional filter of a list: false after a 400 when it is there but
 * not one of the codes from_code knows. */
static bool list_filter(req *r, const char *name, int (*from_code)(const char *), const char *expect, int *out)
{
	const char *v = req_query(r, name);
	*out = v ? from_code(v) : -1;
	if (!v || *out >= 0)
		return true;
	api_error(r, 400, arena_printf(r->a, "%s must be %s", name, expect));
	return false;
}

/* Whether day ("YYYY-MM-DD") lies in year ("YYYY"; NULL: any). */
static bool in_year(const char *day, const char *year)
{
	return !year || (day && strncmp(day, year, 4) == 0);
}

/* Paging, the workplace and ?question= (an id; *question 0 when absent:
 * every question). */
static bool list_start(req *r, int *limit, int *offset, int64_t *question)
{
	if (!api_page_params(r, limit, offset) || !wp_access(r, false))
		return false;
	const char *v = req_query(r, "question");
	*question = 0;
	if (v && !parse_int64(v, 1, INT64_MAX, question)) {
		api_error(r, 400, "question must be the id of a question");
		return false;
	}
	return true;
}

/* ?year=: four digits, a year from 1900; *year NULL when absent. */
static bool list_year(req *r, const char **year)
{
	int64_t y;
	*year = req_query(r, "year");
	if (*year && (strlen(*year) != 4 || !parse_int64(*year, 1900, 2999, &y))) {
		api_error(r, 400, "year must be a year such as 2026");
		return false;
	}
	return true;
}

void page_api_activities(req *r)
{
	int limit, offset, kind, n;
	int64_t question;
	const char *year;
	practice_activity *as;
	if (!list_start(r, &limit, &offset, &question) ||
	    !list_filter(r, "kind", activity_kind_from_code, "research, learning, intervision, codesign, pilot or other",
			 &kind) ||
	    !list_year(r, &year))
		return;
	store_rc rc = store_activities_list(r->st, r->a, r->wp->id, question, &as, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	json_t *items = json_array();
	int total = 0;
	for (int i = 0; i < n; i++) {
		if ((kind >= 0 && (int)as[i].kind != kind) || !in_year(as[i].starts_on, year))
			continue;
		if (total >= offset && total < offset + limit)
			json_array_append_new(items, activity_json(r, &as[i]));
		total++;
	}
	api_send(r, 200, api_paged(r, items, total, limit, offset));
}

void page_api_activity(req *r)
{
	int64_t id;
	practice_activity x;
	if (!wp_access(r, false))
		return;
	if (!parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		api_error(r, 404, "no such activity");
		return;
	}
	if (found_or_reply(r, store_activity_get(r->st, r->a, r->wp->id, id, &x)))
		api_send(r, 200, activity_json(r, &x));
}

void page_api_activity_create(req *r)
{
	if (!wp_access(r, false) || !may_add(r, "activities"))
		return;
	practice_activity x = {.created_by = r->user->id};
	json_t *errors = api_activity_body(r->a, r->body, r->body_len, &x);
	if (!body_accepted(r, errors, x.question_id))
		return;
	store_rc rc = store_activity_create(r->st, &x, &x.id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "activity added (API)",
				 arena_printf(r->a, "#%lld \"%s\" (question #%lld, %d people)", (long long)x.id, x.title,
					      (long long)x.question_id, practice_people_total(x.people)));
	if (rc == ST_OK)
		rc = store_activity_get(r->st, r->a, r->wp->id, x.id, &x);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	json_t *o = activity_json(r, &x);
	reply_header(r, "Location", json_string_value(json_object_get(o, "self")));
	api_send(r, 201, o);
}

void page_api_contributors(req *r)
{
	int limit, offset, role, n;
	int64_t question;
	practice_contributor *cs;
	if (!list_start(r, &limit, &offset, &question) ||
	    !list_filter(r, "role", contributor_role_from_code, "student or teacher", &role))
		return;
	const char *period = req_query(r, "period");
	int year, sem;
	if (period && !period_parse(period, &year, &sem)) {
		api_error(r, 400, "period must be a semester such as 2026-S1 or 2026-S2");
		return;
	}
	store_rc rc = store_contributors_list(r->st, r->a, r->wp->id, question, &cs, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	json_t *items = json_array();
	int total = 0;
	for (int i = 0; i < n; i++) {
		if ((role >= 0 && (int)cs[i].role != role) || (period && strcmp(cs[i].period, period) != 0))
			continue;
		if (total >= offset && total < offset + limit)
			json_array_append_new(items, contributor_json(&cs[i]));
		total++;
	}
	api_send(r, 200, api_paged(r, items, total, limit, offset));
}

void page_api_contributor_create(req *r)
{
	if (!wp_access(r, false) || !may_add(r, "contributors"))
		return;
	practice_contributor c = {.created_by = r->user->id};
	json_t *errors = api_contributor_body(r->a, r->body, r->body_len, &c);
	if (!body_accepted(r, errors, c.question_id))
		return;
	store_rc rc = store_contributor_add(r->st, &c, &c.id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "contributor added (API)",
				 arena_printf(r->a, "#%lld %d %s %s (question #%lld)", (long long)c.id, c.people,
					      contributor_role_code(c.role), c.period, (long long)c.question_id));
	if (rc == ST_OK)
		rc = store_contributor_get(r->st, r->a, r->wp->id, c.id, &c);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	reply_header(r, "Location", arena_printf(r->a, "/api/v1/workplaces/%s/contributors?question=%lld", r->wp->slug,
						 (long long)c.question_id));
	api_send(r, 201, contributor_json(&c));
}

void page_api_products(req *r)
{
	int limit, offset, kind, category, n;
	int64_t question;
	const char *year;
	practice_product *ps;
	if (!list_start(r, &limit, &offset, &question) ||
	    !list_filter(r, "kind", product_kind_from_code,
			 "protocol, advice, thesis, module, publication, routine or other", &kind) ||
	    !list_filter(r, "category", outcome_from_code,
			 "knowledge, professional, curriculum, collaboration or connections", &category) ||
	    !list_year(r, &year))
		return;
	store_rc rc = store_products_list(r->st, r->a, r->wp->id, question, &ps, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	json_t *items = json_array();
	int total = 0;
	for (int i = 0; i < n; i++) {
		if ((kind >= 0 && (int)ps[i].kind != kind) || (category >= 0 && (int)ps[i].o.category != category) ||
		    !in_year(ps[i].o.occurred_on, year))
			continue;
		if (total >= offset && total < offset + limit)
			json_array_append_new(items, product_json(&ps[i]));
		total++;
	}
	api_send(r, 200, api_paged(r, items, total, limit, offset));
}

/* The product goes into the outcomes register with its tie to the
 * question in one store call, as the question page's form does. */
void page_api_product_create(req *r)
{
	if (!wp_access(r, false) || !may_add(r, "products"))
		return;
	practice_product p = {.o = {.workplace_id = r->wp->id}, .created_by = r->user->id};
	json_t *errors = api_product_body(r->a, r->body, r->body_len, &p);
	if (!body_accepted(r, errors, p.question_id))
		return;
	int64_t id;
	store_rc rc = store_product_create(r->st, &p, &id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "outcome recorded (API)",
				 arena_printf(r->a, "#%lld \"%s\" (%s, %s; %s of question #%lld)", (long long)id,
					      p.o.title, outcome_code(p.o.category), p.o.occurred_on,
					      product_kind_code(p.kind), (long long)p.question_id));
	if (rc == ST_OK)
		rc = store_product_of_outcome(r->st, r->a, r->wp->id, id, &p);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	reply_header(r, "Location", arena_printf(r->a, "/api/v1/workplaces/%s/products?question=%lld", r->wp->slug,
						 (long long)p.question_id));
	api_send(r, 201, product_json(&p));
}
