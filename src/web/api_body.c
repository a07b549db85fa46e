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

json_t *api_action_body(arena *a, const char *text, size_t len, improvement *out, int64_t *round)
{
	static const char *const statuses[] = {"planned", "in_progress", "done", "dropped", NULL};
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
	out->status = body_text(&b, "status", 20, false);
	if (!*out->status)
		out->status = "planned";
	bool known = false;
	for (int i = 0; statuses[i]; i++)
		known = known || strcmp(statuses[i], out->status) == 0;
	if (!known)
		body_bad(&b, "status", "planned, in_progress, done or dropped");
	out->elements = body_elements(&b);
	*round = body_round(&b);
	return body_close(&b);
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
	out->evidence_url = body_text(&b, "evidence_url", 2000, false);
	if (*out->evidence_url && strncmp(out->evidence_url, "https://", 8) != 0 &&
	    strncmp(out->evidence_url, "http://", 7) != 0)
		body_bad(&b, "evidence_url", "a web address starting with https:// or http://");
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
