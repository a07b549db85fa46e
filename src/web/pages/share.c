/* share.c - /s/{token}/...: the results of one closed round, or one
 * workplace's year report, read-only, for people without an account (a
 * partners' board), through a link a coordinator made on the round page
 * (round_share.c) or the workplace page (year_share.c). A round's token
 * opens the round's results overview, its element pages, its aggregate
 * tables and its PDF report, a year's token a page offering that year's
 * PDF and the PDF, and nothing else: no other round or year, nothing else
 * of the workplace, no API, no comments (free text can name people, and a
 * link can be passed on to anyone; docs/reports.md). The figures are the
 * ones the workplace's own pages show, from the same figures room; a year
 * report through a link leaves out the rounds that have not closed.
 *
 * Every page is rendered for an anonymous visitor, also when the browser
 * holds a session: the frame then shows no menu of the visitor's account.
 * Each use is counted on the link after the request (routes.c). */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/pages/pages.h"
#include "web/results_view.h"
#include "web/survey.h"
#include "web/share_links.h"
#include "web/tables_reply.h"

/* The live link of the token in r->param[0], a round's or a year's, to
 * show `what` (a page or file, for the audit log); false after replying
 * 404 (unknown), 410 (expired or revoked) or a store error. */
static bool link_open(req *r, const char *what, share_link *l)
{
	char h[HASH_HEX + 1];
	const char *tok = r->param[0];
	r->user = NULL;
	reply_header(r, "X-Robots-Tag", "noindex, nofollow");
	if (!token_well_formed(tok)) {
		reply_error(r, 404, NULL);
		return false;
	}
	token_hash("share", tok, h);
	if (!found_or_reply(r, store_share_link_by_token(r->st, r->a, h, l)))
		return false;
	if (l->revoked_at || l->expires_at <= wp_now()) {
		reply_error(r, 410, l->revoked_at
					    ? tr(r, "Deze link is ingetrokken door de werkplaats. Vraag wie hem "
						    "stuurde om een nieuwe.",
						 "This link has been revoked by the workplace. Ask whoever sent "
						 "it for a new one.")
					    : tr(r, "Deze link is verlopen. Vraag wie hem stuurde om een nieuwe.",
						 "This link has expired. Ask whoever sent it for a new one."));
		return false;
	}
	r->shared.link_id = l->id;
	r->shared.workplace_id = l->workplace_id;
	r->shared.round_id = l->round_id;
	r->shared.year = l->year;
	r->shared.what = what;
	return true;
}

/* The live round link of the token and its round's figures; a year
 * link opens no round page (404). False after replying. */
static bool share_open(req *r, const char *what, share_link *l, round_results *rr)
{
	if (!link_open(r, what, l))
		return false;
	if (l->year) {
		r->shared.link_id = 0; /* nothing was opened */
		reply_error(r, 404, NULL);
		return false;
	}
	memset(rr, 0, sizeof *rr);
	if (!found_or_reply(r, store_round_get(r->st, r->a, l->round_id, &rr->rd)))
		return false;
	const survey *sv = survey_load(r, rr->rd.version_id);
	if (!sv || !(rr->res = results_compute(r, &rr->rd, sv, rr)))
		return false;
	if (!rr->released || !rr->res->plan.shown) {
		/* made only for a round whose figures were released, which
		 * never changes (figures_frozen); kept as a guard */
		reply_error(r, 410, tr(r, "De resultaten van deze meetronde zijn niet meer te zien.",
				       "The results of this round can no longer be seen."));
		return false;
	}
	return true;
}

static const char *share_base(req *r)
{
	return arena_printf(r->a, "/s/%s", r->param[0]);
}

/* The frame of a shared page: who shared what, until when, and the
 * sub navigation between the overview and the elements. */
static void share_head(req *r, const share_link *l, const round_results *rr, const char *title,
		       const char *current)
{
	const char *until = share_date(r, l->expires_at);
	r->wide = true;
	page_begin(r, title);
	html(&r->out, "<p class=\"meta\">%s · %s</p><h1>%s</h1>", rr->rd.workplace_name, rr->rd.title, title);
	html(&r->out, "<p class=\"notice\" id=\"share-notice\">%s</p>",
	     arena_printf(r->a, tr(r, "De werkplaats %s deelt met deze link de resultaten van één gesloten "
				      "meetronde, alleen om te lezen. De link werkt tot en met %s.",
				   "Workplace %s shares the results of one closed round through this "
				   "link, read-only. The link works until %s."),
			  rr->rd.workplace_name, until));
	const char *base = share_base(r);
	results_subnav_at(r, base, arena_printf(r->a, "%s/results", base), NULL, current);
}

/* /s/{token} of a year link: what it shares, and the PDF. */
static void year_page(req *r, const share_link *l)
{
	wp_profile pr;
	if (!found_or_reply(r, store_profile_get(r->st, r->a, l->workplace_id, &pr)))
		return;
	const workplace w = pr.w;
	const char *title = arena_printf(r->a, tr(r, "Jaarverslag %d", "Year report %d"), l->year);
	page_begin(r, title);
	html(&r->out, "<p class=\"meta\">%s</p><h1>%s</h1>", w.name, title);
	html(&r->out, "<p class=\"notice\" id=\"share-notice\">%s</p>",
	     arena_printf(r->a, tr(r, "De werkplaats %s deelt met deze link haar jaarverslag van %d, alleen om te "
				      "lezen: het profiel, de kenmerken, de gesloten meetrondes en hun ontwikkeling, "
				      "de verbeteracties en de opbrengsten. De link werkt tot en met %s.",
				   "Workplace %s shares its year report of %d through this link, read-only: the "
				   "profile, the characteristics, the closed rounds and their development, the "
				   "improvement actions and the outcomes. The link works until %s."),
			  w.name, l->year, share_date(r, l->expires_at)));
	html(&r->out, "<p class=\"downloads\" id=\"report\"><a href=\"%s/report.pdf\" download>%s</a></p>",
	     share_base(r), tr(r, "Jaarverslag (PDF)", "Year report (PDF)"));
	page_end(r);
}

void page_share(req *r)
{
	share_link l;
	round_results rr;
	if (!link_open(r, "overview", &l))
		return;
	if (l.year) {
		year_page(r, &l);
		return;
	}
	if (!share_open(r, "overview", &l, &rr))
		return;
	const char *base = share_base(r);
	share_head(r, &l, &rr, arena_printf(r->a, "%s: %s", tr(r, "Resultaten", "Results"), rr.rd.title),
		   "overview");
	html(&r->out, "<p class=\"downloads\" id=\"tables\">%s <a href=\"%s/tables.xlsx\" download>Excel</a> · "
		      "<a href=\"%s/tables.csv\" download>CSV</a> · <a href=\"%s/report.pdf\" download>%s</a></p>",
	     tr(r, "Alle cijfers als tabel:", "Every figure as a table:"), base, base, base,
	     tr(r, "Rapport (PDF)", "Report (PDF)"));
	results_links links = {.elements = arena_printf(r->a, "%s/results", base), .actions = NULL};
	if (results_view_overview(r, &rr, &links, NULL, NULL))
		page_end(r);
}

void page_share_element(req *r)
{
	share_link l;
	round_results rr;
	int e = results_element_param(r->param[1]);
	if (e < 0) {
		r->user = NULL;
		reply_error(r, 404, NULL);
		return;
	}
	if (!share_open(r, element_code_str((element_code)e), &l, &rr))
		return;
	const instr_element *el = &rr.sv->in->elements[e];
	share_head(r, &l, &rr,
		   arena_printf(r->a, "%s – %s", element_code_str((element_code)e), wp_text_get(&el->name, r->english)),
		   element_code_str((element_code)e));
	html(&r->out, "<p class=\"element-intro\">%s</p>", wp_text_get(&el->explanation, r->english));
	results_view_element(r, &rr, e);
	page_end(r);
}

static void share_tables(req *r, tables_format f)
{
	share_link l;
	round_results rr;
	if (share_open(r, f == TABLES_CSV ? "tables.csv" : "tables.xlsx", &l, &rr))
		tables_reply(r, &rr, f);
}

void page_share_tables_csv(req *r)
{
	share_tables(r, TABLES_CSV);
}

void page_share_tables_xlsx(req *r)
{
	share_tables(r, TABLES_XLSX);
}

/* The PDF: a round link's report without comments, or a year link's year
 * report without the rounds that have not closed. */
void page_share_report_pdf(req *r)
{
	share_link l;
	round_results rr;
	if (!link_open(r, "report.pdf", &l))
		return;
	if (l.year)
		year_report_reply(r, l.workplace_id, l.year, true);
	else if (share_open(r, "report.pdf", &l, &rr))
		report_pdf_reply(r, &rr, false, false); /* a share link: not the own statements */
}
