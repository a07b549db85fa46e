/* year_share.c - for coordinators, read-only share links to a year report for
 * people without an account (/s/{token}, share.c): made and revoked (the
 * workplace page lists them with their use). The token is shown once; only its hash is stored. A year
 * link opens that PDF and nothing else, without the rounds that have not
 * closed. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/share_links.h"

void page_year_share_create(req *r)
{
	int64_t year, days = SHARE_DAYS_DEFAULT;
	if (!wp_access(r, true))
		return;
	if (!parse_int64(r->param[1], 2000, 2100, &year)) {
		reply_error(r, 404, NULL);
		return;
	}
	const char *raw = form_get(r, "days");
	if (raw && *raw && !parse_int64(raw, 1, SHARE_DAYS_MAX, &days)) {
		reply_error(r, 400, arena_printf(r->a, tr(r, "Geldig (dagen): een getal van 1 tot en met %d.",
							  "Valid for (days): a number from 1 to %d."),
						 SHARE_DAYS_MAX));
		return;
	}
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	share_new_token(tok, h);
	int64_t expires_at = wp_now() + days * 86400, id;
	store_rc rc = store_year_share_link_create(r->st, r->wp->id, (int)year, h, r->user->id, expires_at, &id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "share link made",
				 arena_printf(r->a, "year link %lld, year %lld, until %s", (long long)id, (long long)year,
					      share_date(r, expires_at)));
	if (!ok_or_reply(r, rc))
		return;
	share_created_page(r, arena_printf(r->a, "%s#year-reports", wp_path(r)),
			   arena_printf(r->a, tr(r, "Jaarverslag %lld", "Year report %lld"), (long long)year),
			   arena_printf(r->a, "%s/s/%s", r->app->public_url, tok), expires_at);
}

void page_year_share_revoke(req *r)
{
	int64_t id;
	if (!wp_access(r, true))
		return;
	if (!parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return;
	}
	store_rc rc = store_year_share_link_revoke(r->st, r->wp->id, id, wp_now());
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "share link revoked",
				 arena_printf(r->a, "year link %lld", (long long)id));
	if (found_or_reply(r, rc))
		reply_redirect(r, arena_printf(r->a, "%s#year-reports", wp_path(r)));
}
