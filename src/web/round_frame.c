/* round_frame.c - what every page of a round needs (see round_view.h): the
 * round loaded with the workplace's access, its addresses, the name of its
 * state and the links back. */
#include <string.h>

#include "base/util.h"
#include "web/app.h"
#include "web/round_view.h"
#include "web/wp_frame.h"

bool round_may_change(req *r)
{
	return wp_may(r, WP_MANAGE);
}

bool round_load(req *r, bool coordinator, mround *rd)
{
	if (!wp_access(r, coordinator))
		return false;
	int64_t id;
	if (!parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return false;
	}
	store_rc rc = store_round_get(r->st, r->a, id, rd);
	if (rc == ST_OK && rd->workplace_id != r->wp->id)
		rc = ST_NOTFOUND; /* a round of another workplace does not exist here */
	return found_or_reply(r, rc);
}

const char *round_path(req *r, const mround *rd)
{
	return arena_printf(r->a, "/pw/%s/rounds/%lld", rd->workplace_slug, (long long)rd->id);
}

const char *round_open_url(req *r, const mround *rd)
{
	return arena_printf(r->a, "%s/r/%s", r->app->public_url, rd->open_token);
}

const char *round_invite_url(req *r, const char *token)
{
	return outbox_link(r->a, r->app->public_url, token);
}

const char *round_state_name(req *r, round_state s)
{
	switch (s) {
	case ROUND_NOT_YET: return tr(r, "nog niet open", "not yet open");
	case ROUND_OPEN: return tr(r, "open", "open");
	default: return tr(r, "gesloten", "closed");
	}
}

const char *round_state_class(round_state s)
{
	return s == ROUND_OPEN ? "open" : s == ROUND_NOT_YET ? "not-yet" : "closed";
}

void round_trail(req *r, bool to_rounds)
{
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a>", r->wp->slug, r->wp->name);
	if (to_rounds)
		html(&r->out, " · <a href=\"/pw/%s/rounds\">%s</a>", r->wp->slug,
		     tr(r, "Meetrondes", "Measurement rounds"));
	html(&r->out, "</p>");
}
