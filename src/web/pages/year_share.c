/* year_share.c - the year reports on the workplace page: links to the PDF
 * of this year and the last (/pw/{slug}/years/{year}/report.pdf, tables.c)
 * and, for coordinators, read-only share links to a year report for
 * people without an account (/s/{token}, share.c): made, listed with their
 * use, revoked. The token is shown once; only its hash is stored. A year
 * link opens that PDF and nothing else, without the rounds that have not
 * closed. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/pages/workplace.h"
#include "web/share_links.h"

static int this_year(void)
{
	char day[11];
	int64_t y = 0;
	today(day);
	day[4] = 0;
	parse_int64(day, 0, 9999, &y);
	return (int)y;
}

/* A coordinator's form for a share link to the year report of `year`. */
static void share_form(req *r, int year)
{
	form_begin(r, arena_printf(r->a, "%s/years/%d/share", wp_path(r), year), "inline");
	html(&r->out, "<label for=\"days-%d\">%s</label> <input type=\"number\" id=\"days-%d\" name=\"days\" min=\"1\" "
		      "max=\"%d\" value=\"%d\" required> <button>%s</button>",
	     year, tr(r, "dagen geldig", "days valid"), year, SHARE_DAYS_MAX, SHARE_DAYS_DEFAULT,
	     arena_printf(r->a, tr(r, "Deellink voor %d maken", "Make a share link for %d"), year));
	form_end(r);
}

/* The workplace's year links, for its coordinators. False after a reply. */
static bool links(req *r)
{
	share_link *ls;
	int n;
	store_rc rc = store_year_share_links(r->st, r->a, r->wp->id, &ls, &n);
	if (!ok_or_reply(r, rc))
		return false;
	if (!n)
		return true;
	const char **years = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	years[0] = tr(r, "Jaar", "Year");
	for (int i = 0; i < n; i++)
		years[i + 1] = arena_printf(r->a, "%d", ls[i].year);
	share_links_table(r, arena_printf(r->a, "%s/year-links", wp_path(r)), ls, n, years);
	return true;
}

bool year_reports_section(req *r)
{
	if (strcmp(r->wp_role, "lead") == 0)
		return true;
	int year = this_year();
	bool manage = wp_can_manage(r);
	html(&r->out, "<section aria-labelledby=\"year-reports\"><h2 id=\"year-reports\">%s</h2><p>%s</p><ul>",
	     tr(r, "Jaarverslag", "Year report"),
	     tr(r, "Profiel, kenmerken, meetrondes en hun ontwikkeling, verbeteracties en opbrengsten van een "
		   "jaar, als PDF voor het jaargesprek met de partners.",
		"Profile, characteristics, rounds and their development, improvement actions and outcomes of a "
		"year, as a PDF for the annual talk with the partners."));
	for (int y = year; y >= year - 1; y--) {
		html(&r->out, "<li><a href=\"%s/years/%d/report.pdf\">%s</a>", wp_path(r), y,
		     arena_printf(r->a, tr(r, "Jaarverslag %d (PDF)", "Year report %d (PDF)"), y));
		if (manage)
			share_form(r, y);
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
	if (manage) {
		html(&r->out, "<p class=\"hint\">%s</p>",
		     tr(r, "Een deellink geeft wie geen account heeft het jaarverslag als PDF, alleen om te lezen, "
			   "zonder de meetrondes die nog niet gesloten zijn. Stuur hem alleen naar wie hem mag hebben.",
			"A share link gives people without an account the year report as a PDF, read-only, "
			"without the rounds that have not closed. Send it only to those who may have it."));
		if (!links(r))
			return false;
	}
	html(&r->out, "</section>");
	return true;
}

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
