/* static.c - /static/{name}: CSS and icons compiled into the binary. */
#include <string.h>

#include "web/assets.h"
#include "web/pages/pages.h"

void page_static(req *r)
{
	const struct asset *a = asset_find(r->param[0]);
	if (!a) {
		reply_error(r, 404, NULL);
		return;
	}
	const char *etag = arena_printf(r->a, "\"%s\"", asset_version());
	const char *inm = req_header(r, "If-None-Match");
	const char *v = req_query(r, "v");
	r->cacheable = true;
	reply_header(r, "Cache-Control", v && strcmp(v, asset_version()) == 0
						 ? "public, max-age=31536000, immutable"
						 : "public, max-age=300");
	reply_header(r, "ETag", etag);
	r->content_type = a->content_type;
	r->replied = true;
	if (inm && strcmp(inm, etag) == 0) {
		r->status = 304;
		return;
	}
	html_unescaped(&r->out, (const char *)a->data, a->len);
}
