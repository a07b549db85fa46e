/* api_json.c - see api_json.h. */
#include "web/api_json.h"

#include <math.h>
#include <stdlib.h>

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
