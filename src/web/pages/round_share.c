/* round_share.c - share links on the round page: a coordinator makes a
 * read-only link to the results of a closed round for people without an
 * account (/s/{token}, share.c), sees every link with its use, and
 * revokes one. A link is made only for a round whose figures have been
 * released (figures_frozen: closed with at least k respondents), which is
 * never reopened, so a link can never show a round that changes. The
 * token is shown once; only its hash is stored. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/round_view.h"
#include "web/share_links.h"


void page_round_share_create(req *r)
{
	mround rd;
	bool frozen;
	if (!round_load(r, true, &rd))
		return;
	store_rc rc = figures_round_frozen(r->st, &rd, &frozen);
	if (!ok_or_reply(r, rc))
		return;
	const char *why = round_share_refusal(r, &rd, frozen);
	if (why) {
		reply_error(r, 409, why);
		return;
	}
	int64_t days = SHARE_DAYS_DEFAULT;
	const char *raw = form_get(r, "days");
	if (raw && *raw && !field_int(r, "days", 1, SHARE_DAYS_MAX, &days)) {
		r->status = 400;
		round_page(r, &rd, NULL);
		return;
	}
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	share_new_token(tok, h);
	int64_t expires_at = wp_now() + days * 86400, id;
	rc = store_share_link_create(r->st, rd.id, h, r->user->id, expires_at, &id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "share link made",
				 arena_printf(r->a, "link %lld, round %lld, until %s", (long long)id,
					      (long long)rd.id, share_date(r, expires_at)));
	if (!ok_or_reply(r, rc))
		return;
	share_created_page(r, arena_printf(r->a, "%s#share", round_path(r, &rd)), rd.title,
			   arena_printf(r->a, "%s/s/%s", r->app->public_url, tok), expires_at);
}

void page_round_share_revoke(req *r)
{
	mround rd;
	int64_t id;
	if (!round_load(r, true, &rd))
		return;
	if (!parse_int64(r->param[2], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return;
	}
	store_rc rc = store_share_link_revoke(r->st, rd.id, id, wp_now());
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "share link revoked",
				 arena_printf(r->a, "link %lld, round %lld", (long long)id, (long long)rd.id));
	if (found_or_reply(r, rc))
		reply_redirect(r, arena_printf(r->a, "%s#share", round_path(r, &rd)));
}
