/* api_json.h - what every JSON answer of the API shares: numbers as
 * JSON (null where a figure is not shown) and sending a JSON value. */
#ifndef WP_API_JSON_H
#define WP_API_JSON_H

#include <jansson.h>

#include "web/web.h"

/* A JSON number, null for NAN and infinities (a figure not shown). */
json_t *api_number(double v);
/* Send o as the reply with this status; o is decref'd. */
void api_send(req *r, int status, json_t *o);

#endif
