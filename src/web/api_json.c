/* api_json.c - see api_json.h. */
#include "web/api_json.h"

#include <math.h>
#include <stdlib.h>

#include "base/util.h"

void api_error(req *r, int status, const char *message)
{
	r->api = true;
	reply_error(r, status, message);
}

json_t *api_number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

void api_send(req *r, int status, json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17));
	reply_json(r, status, text);
	free(text);
	json_decref(o);
}

#define API_LIMIT_DEFAULT 50
#define API_LIMIT_MAX 500

/* ?limit= (1..500, default 50) and ?offset= (from 0); 400 when bad. */
bool api_page_params(req *r, int *limit, int *offset)
{
	const char *l = req_query(r, "limit"), *o = req_query(r, "offset");
	int64_t v;
	*limit = API_LIMIT_DEFAULT;
	*offset = 0;
	if (l && !parse_int64(l, 1, API_LIMIT_MAX, &v)) {
		api_error(r, 400, "limit must be a whole number from 1 to 500");
		return false;
	}
	if (l)
		*limit = (int)v;
	if (o && !parse_int64(o, 0, 100000000, &v)) {
		api_error(r, 400, "offset must be a whole number from 0");
		return false;
	}
	if (o)
		*offset = (int)v;
	return true;
}

/* {"items": [...], "total": n, "limit": l, "offset": o, "next": url or null} */
json_t *api_paged(req *r, json_t *items, int total, int limit, int offset)
{
	json_t *next = offset + limit < total
			       ? json_string(arena_printf(r->a, "%s?limit=%d&offset=%d", r->path, limit,
							  offset + limit))
			       : json_null();
	return json_pack("{s:o, s:i, s:i, s:i, s:o}", "items", items, "total", total, "limit", limit,
			 "offset", offset, "next", next);
}

/* Send 400 for a body that is not an object or has field problems (and
 * take the problems); false when the body is good. */
bool api_body_refused(req *r, json_t *errors)
{
	if (!errors) {
		api_error(r, 400, "send a JSON object with Content-Type: application/json");
		return true;
	}
	if (!json_object_size(errors)) {
		json_decref(errors);
		return false;
	}
	json_t *o = json_pack("{s:s, s:i, s:s, s:o}", "error", "the request has invalid fields", "status", 400,
			      "request_id", r->id, "fields", errors);
	api_send(r, 400, o);
	return true;
}

json_t *api_outcome_json(const outcome *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)o->id, "category",
			 outcome_code(o->category), "occurred_on", o->occurred_on, "title", o->title,
			 "description", o->description ? o->description : "", "evidence_url",
			 o->evidence_url ? o->evidence_url : "");
}
