/* api_json.h - what every JSON answer of the API shares: numbers as
 * JSON (null where a figure is not shown), sending a JSON value or an
 * error, paging and refusing a bad body. */
#ifndef WP_API_JSON_H
#define WP_API_JSON_H

#include <jansson.h>

#include "web/web.h"

/* A JSON number, null for NAN and infinities (a figure not shown). */
json_t *api_number(double v);
/* Send o as the reply with this status; o is decref'd. */
void api_send(req *r, int status, json_t *o);

/* An error reply of the API (JSON). */
void api_error(req *r, int status, const char *message);

/* ?limit= (1..500, default 50) and ?offset= (from 0); false after a 400. */
bool api_page_params(req *r, int *limit, int *offset);
/* {"items": [...], "total": n, "limit": l, "offset": o, "next": url or
 * null}; takes items. */
json_t *api_paged(req *r, json_t *items, int total, int limit, int offset);
/* For the errors an api_*_body gave (api_body.h): true after a 400 when
 * the body is no object or has field problems (errors is taken); false
 * when the body is good. */
bool api_body_refused(req *r, json_t *errors);
/* An outcome of the register. */
json_t *api_outcome_json(const outcome *o);

#endif
