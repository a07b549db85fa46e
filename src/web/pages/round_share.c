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
#include "web/pages/round.h"
#include "web/share_links.h"


/* Why no link can be made for this round (frozen: figures_frozen), or
 * NULL when one can. */
static const char *share_refusal(req *r, const mround *rd, bool frozen)
{
	const char *why = NULL;
	if (round_state_of(rd) != ROUND_CLOSED)
		why = tr(r, "Een deellink kan pas als de meetronde gesloten is: tot dan zijn er geen "
			     "resultaten om te delen.",
			  "A share link can be made only once the round has closed: until then there "
			  "are no results to share.");
	else if (!frozen)
		why = arena_printf(r->a, tr(r, "Er is niets te delen: deze meetronde heeft minder dan %d "
					       "respondenten, en dan tonen we geen resultaten.",
					    "There is nothing to share: this round has fewer than %d "
					    "respondents, and then no results are shown."),
				    rd->k);
	return why;
}

void round_share_section(req *r, const mround *rd, bool frozen)
{
	const char *why = share_refusal(r, rd, frozen);
	share_link *ls;
	int n;
	store_rc rc = store_share_links(r->st, r->a, rd->id, &ls, &n);
	if (!ok_or_reply(r, rc))
		return;
	html(&r->out, "<section aria-labelledby=\"share\"><h2 id=\"share\">%s</h2><p>%s</p>",
	     tr(r, "Delen met wie geen account heeft", "Share with people without an account"),
	     tr(r, "Een deellink laat de resultaten van deze meetronde zien (het overzicht, de elementen en de "
		   "tabellen), alleen om te lezen, zonder opmerkingen en zonder iets anders van de werkplaats. "
		   "Iedereen met de link kan ze lezen tot hij verloopt of je hem intrekt: stuur hem alleen naar "
		   "wie hem mag hebben, bijvoorbeeld het bestuur van de partners.",
		"A share link shows the results of this round (the overview, the elements and the tables), "
		"read-only, without comments and without anything else of the workplace. Anyone with the "
		"link can read them until it expires or you revoke it: send it only to those who may have "
		"it, such as the partners' board."));
	if (why) {
		html(&r->out, "<p class=\"notice\" id=\"share-refused\">%s</p>", why);
	} else {
		error_summary(r);
		form_begin(r, arena_printf(r->a, "%s/share", round_path(r, rd)), NULL);
		input_field(r, "number", "days", tr(r, "Geldig (dagen)", "Valid for (days)"),
			    arena_printf(r->a, "%d", SHARE_DAYS_DEFAULT),
			    arena_printf(r->a, tr(r, "1 tot en met %d.", "1 to %d."), SHARE_DAYS_MAX), true);
		html(&r->out, "<button>%s</button>", tr(r, "Deellink maken", "Make a share link"));
		form_end(r);
	}
	if (n)
		share_links_table(r, arena_printf(r->a, "%s/share", round_path(r, rd)), ls, n, NULL);
	html(&r->out, "</section>");
}

void page_round_share_create(req *r)
{
	mround rd;
	bool frozen;
	if (!round_load(r, true, &rd))
		return;
	store_rc rc = figures_round_frozen(r->st, &rd, &frozen);
	if (!ok_or_reply(r, rc))
		return;
	const char *why = share_refusal(r, &rd, frozen);
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
