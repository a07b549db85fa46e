#include "web/api_body.h"

#include <string.h>

#include "base/util.h"

struct body {
	arena *a;
	json_t *o;
	json_t *errors; /* field -> message */
};

static bool body_open(arena *a, const char *text, size_t len, struct body *b)
{
	json_error_t je;
	b->a = a;
	b->o = len ? json_loadb(text, len, JSON_REJECT_DUPLICATES, &je) : NULL;
	if (!json_is_object(b->o)) {
		json_decref(b->o);
		return false;
	}
	b->errors = json_object();
	return true;
}

static json_t *body_close(struct body *b)
{
	json_decref(b->o);
	return b->errors;
}

static void body_bad(struct body *b, const char *field, const char *message)
{
	if (!json_object_get(b->errors, field))
		json_object_set_new(b->errors, field, json_string(message));
}

/* A misspelt field must not pass unnoticed. */
static void body_known(struct body *b, const char *const *keys)
{
	const char *k;
	json_t *v;
	json_object_foreach(b->o, k, v)
	{
		bool ok = false;
		for (int i = 0; keys[i] && !ok; i++)
			ok = strcmp(keys[i], k) == 0;
		if (!ok)
			body_bad(b, k, "unknown field");
	}
}

/* A text field of at most max characters; "" when absent and optional. */
static const char *body_text(struct body *b, const char *field, size_t max, bool required)
{
	json_t *v = json_object_get(b->o, field);
	if (!v || json_is_null(v)) {
		if (required)
			body_bad(b, field, "required");
		return "";
	}
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	size_t n = s ? json_string_length(v) : 0;
	if (!s || strlen(s) != n || !utf8_valid_text(s, n, true) || utf8_length(s) > max ||
	    (required && !*s)) {
		body_bad(b, field, arena_printf(b->a, "a text of %s%zu characters", required ? "1 to " : "at most ",
						max));
		return "";
	}
	return arena_strdup(b->a, s);
}

static const char *body_date(struct body *b, const char *field, bool required)
{
	const char *s = body_text(b, field, 10, required);
	int64_t days;
	if (*s && !parse_date(s, &days))
		body_bad(b, field, "a date as YYYY-MM-DD");
	return *s ? s : NULL;
}

static unsigned body_elements(struct body *b)
{
	json_t *v = json_object_get(b->o, "elements"), *e;
	unsigned mask = 0;
	size_t i;
	if (!v)
		return 0;
	if (!json_is_array(v)) {
		body_bad(b, "elements", "a list of element codes: LOS, SRI, GOC, VOR, LEA, VMM");
		return 0;
	}
	json_array_foreach(v, i, e)
	{
		int c = json_is_string(e) ? element_from_code(json_string_value(e)) : -1;
		if (c < 0)
			body_bad(b, "elements", "a list of element codes: LOS, SRI, GOC, VOR, LEA, VMM");
		else
			mask |= 1u << c;
	}
	return mask;
}

static int64_t body_round(struct body *b)
{
	json_t *v = json_object_get(b->o, "round");
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		body_bad(b, "round", "the id of a round of this workplace");
		return 0;
	}
	return (int64_t)json_integer_value(v);
}

static int body_code(struct body *b, const char *field, int (*from_code)(const char *), int def, const char *expect);

json_t *api_action_body(arena *a, const char *text, size_t len, improvement *out, int64_t *round)
{
	static const char *const keys[] = {"title", "description", "owner", "due_on", "status", "elements",
					   "round", NULL};
	struct body b;
	if (!body_open(a, text, len, &b))
		return NULL;
	body_known(&b, keys);
	out->title = body_text(&b, "title", 200, true);
	out->description = body_text(&b, "description", 4000, false);
	out->owner = body_text(&b, "owner", 100, false);
	out->due_on = body_date(&b, "due_on", false);
	int st = body_code(&b, "status", action_status_from_code, ACTION_PLANNED, "planned, in_progress, done or dropped");
	out->status = st < 0 ? ACTION_PLANNED : (action_status)st;
	out->elements = body_elements(&b);
	*round = body_round(&b);
	return body_close(&b);
}

/* A web address (http or https, no spaces, quotes or angle brackets, as
 * the forms take it), "" when absent. */
static const char *body_url(struct body *b, const char *field)
{
	const char *v = body_text(b, field, 2000, false);
	bool ok = !*v || strncmp(v, "https://", 8) == 0 || strncmp(v, "http://", 7) == 0;
	for (const char *p = v; ok && *p; p++)
		ok = (unsigned char)*p > ' ' && *p != '"' && *p != '<' && *p != '>';
	if (!ok)
		body_bad(b, field, "a web address starting with https:// or http://");
	return v;
}

json_t *api_outcome_body(arena *a, const char *text, size_t len, outcome *out)
{
	static const char *const keys[] = {"category", "occurred_on", "title", "description", "evidence_url",
					   NULL};
	struct body b;
	if (!body_open(a, text, len, &b))
		return NULL;
	body_known(&b, keys);
	const char *cat = body_text(&b, "category", 20, true);
	int c = outcome_from_code(cat);
	if (*cat && c < 0)
		body_bad(&b, "category", "knowledge, professional, curriculum, collaboration or connections");
	out->category = c < 0 ? OUT_KNOWLEDGE : (outcome_category)c;
	out->occurred_on = body_date(&b, "occurred_on", true);
	out->title = body_text(&b, "title", 200, true);
	out->description = body_text(&b, "description", 4000, false);
	out->evidence_url = body_url(&b, "evidence_url");
	return body_close(&b);
}

/* A code of a code table (from_code gives its index or -1), or def when
 * the field is absent; -1 after recording the error. */
static int body_code(struct body *b, const char *field, int (*from_code)(const char *), int def, const char *expect)
{
	const char *v = body_text(b, field, 20, false);
	if (!*v)
		return def;
	int c = from_code(v);
	if (c < 0)
		body_bad(b, field, expect);
	return c;
}

json_t *api_question_body(arena *a, const char *text, size_t len, practice_question *out)
{
	static const char *const keys[] = {"title", "description", "trigger", "raised_by", "status", "elements",
					   "programme", "raised_on", NULL};
	struct body b;
	if (!body_open(a, text, len, &b))
		return NULL;
	body_known(&b, keys);
	out->title = body_text(&b, "title", 200, true);
	out->description = body_text(&b, "description", 4000, false);
	if (!json_object_get(b.o, "trigger"))
		body_bad(&b, "trigger", "required");
	int t = body_code(&b, "trigger", trigger_from_code, TRIG_COMPLEX, "complex, opportunity or urgency");
	int rb = body_code(&b, "raised_by", raised_by_from_code, RB_OTHER,
			   "client, professional, student, teacher, partner or other");
	int st = body_code(&b, "status", question_status_from_code, QS_RAISED,
			   "raised, in_progress, answered or set_aside");
	out->trigger = t < 0 ? TRIG_COMPLEX : (trigger_kind)t;
	out->raised = rb < 0 ? RB_OTHER : (raised_by)rb;
	out->status = st < 0 ? QS_RAISED : (question_status)st;
	out->elements = body_elements(&b);
	out->programme = body_text(&b, "programme", 100, false);
	out->raised_on = body_date(&b, "raised_on", true);
	return body_close(&b);
}

/* ---- what belongs to a question ---- */

/* "question": the id of a question (the caller checks it is the
 * workplace's); 0 after recording the error. */
static int64_t body_question(struct body *b)
{
	json_t *v = json_object_get(b->o, "question");
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		body_bad(b, "question", "the id of a question of this workplace");
		return 0;
	}
	return (int64_t)json_integer_value(v);
}

/* A whole number from lo to hi; def when absent and optional. */
static int body_int(struct body *b, const char *field, int lo, int hi, bool required, int def)
{
	json_t *v = json_object_get(b->o, field);
	if (!v && !required)
		return def;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		body_bad(b, field, arena_printf(b->a, "a whole number from %d to %d", lo, hi));
		return def;
	}
	return (int)json_integer_value(v);
}

/* A required code of a code table. */
static int body_required_code(struct body *b, const char *field, int (*from_code)(const char *),
			      const char *expect)
{
	if (!json_object_get(b->o, field))
		body_bad(b, field, "required");
	return body_code(b, field, from_code, -1, expect);
}

json_t *api_activity_body(arena *a, const char *text, size_t len, practice_activity *out)
{
	static const char *const keys[] = {"question", "kind",	  "title",	  "description",
					   "starts_on", "ends_on", "participants", NULL};
	struct body b;
	if (!body_open(a, text, len, &b))
		return NULL;
	body_known(&b, keys);
	out->question_id = body_question(&b);
	int k = body_required_code(&b, "kind", activity_kind_from_code,
				   "research, learning, intervision, codesign, pilot or other");
	out->kind = k < 0 ? ACT_OTHER : (activity_kind)k;
	out->title = body_text(&b, "title", 200, true);
	out->description = body_text(&b, "description", 4000, false);
	out->starts_on = body_date(&b, "starts_on", true);
	out->ends_on = body_date(&b, "ends_on", false);
	if (out->ends_on && out->starts_on && strcmp(out->ends_on, out->starts_on) < 0)
		body_bad(&b, "ends_on", "a date on or after starts_on");
	if (!out->ends_on)
		out->ends_on = "";
	json_t *ps = json_object_get(b.o, "participants"), *v;
	const char *code;
	int total = 0;
	const char *expect = "an object of perspective codes (student, professional, teacher, researcher, citizen, "
			     "manager, other) with numbers from 0 to 10000, at least one above 0";
	if (!json_is_object(ps))
		body_bad(&b, "participants", expect);
	else
		json_object_foreach(ps, code, v)
		{
			int p = perspective_from_code(code);
			if (p < 0 || !json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > 10000) {
				body_bad(&b, "participants", expect);
				break;
			}
			out->people[p] = (int)json_integer_value(v);
			total += out->people[p];
		}
	if (!total)
		body_bad(&b, "participants", expect);
	return body_close(&b);
}

json_t *api_contributor_body(arena *a, const char *text, size_t len, practice_contributor *out)
{
	static const char *const keys[] = {"question", "role", "people", "period", "programme", "name", NULL};
	struct body b;
	if (!body_open(a, text, len, &b))
		return NULL;
	body_known(&b, keys);
	out->question_id = body_question(&b);
	int role = body_required_code(&b, "role", contributor_role_from_code, "student or teacher");
	out->role = role < 0 ? CONTRIB_STUDENT : (contributor_role)role;
	out->people = body_int(&b, "people", 1, 1000, false, 1);
	out->period = body_text(&b, "period", 7, true);
	int year, sem;
	if (*out->period && !period_parse(out->period, &year, &sem))
		body_bad(&b, "period", "a semester as 2026-S1 or 2026-S2");
	out->programme = body_text(&b, "programme", 100, false);
	out->name = body_text(&b, "name", 100, false);
	if (*out->name && out->people != 1)
		body_bad(&b, "name", "a name belongs to one person: people must be 1");
	return body_close(&b);
}

json_t *api_product_body(arena *a, const char *text, size_t len, practice_product *out)
{
	static const char *const keys[] = {"question", "kind",	      "category",     "occurred_on",
					   "title",    "description", "evidence_url", NULL};
	struct body b;
	if (!body_open(a, text, len, &b))
		return NULL;
	body_known(&b, keys);
	out->question_id = body_question(&b);
	int k = body_required_code(&b, "kind", product_kind_from_code,
				   "protocol, advice, thesis, module, publication, routine or other");
	out->kind = k < 0 ? PROD_OTHER : (product_kind)k;
	int c = body_required_code(&b, "category", outcome_from_code,
				   "knowledge, professional, curriculum, collaboration or connections");
	out->o.category = c < 0 ? OUT_KNOWLEDGE : (outcome_category)c;
	out->o.occurred_on = body_date(&b, "occurred_on", true);
	out->o.title = body_text(&b, "title", 200, true);
	out->o.description = body_text(&b, "description", 4000, false);
	out->o.evidence_url = body_url(&b, "evidence_url");
	return body_close(&b);
}
