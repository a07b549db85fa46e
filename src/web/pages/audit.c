/* audit.c - the audit log as a page: /pw/{slug}/audit for the coordinators
 * of a workplace, /admin/audit for site administrators; newest first, 50
 * entries a page. */
#include <string.h>

#include "base/util.h"
#include "base/zone.h"
#include "web/audit_log.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/wp_frame.h"

#define AUDIT_PAGE 50

/* The page number from ?page=, 1 when missing or invalid. */
static int page_number(req *r)
{
	int64_t p;
	const char *q = req_query(r, "page");
	return q && parse_int64(q, 1, 1000000, &p) ? (int)p : 1;
}

static void pager(req *r, const char *base, int page, int pages)
{
	if (pages <= 1)
		return;
	html(&r->out, "<nav class=\"actions pager\" aria-label=\"%s\">", tr(r, "Pagina's", "Pages"));
	if (page > 1)
		html(&r->out, "<a rel=\"prev\" href=\"%s?page=%d\">%s</a>", base, page - 1, tr(r, "← Nieuwer", "← Newer"));
	html(&r->out, "<span>%s</span>",
	     arena_printf(r->a, tr(r, "Pagina %d van %d", "Page %d of %d"), page, pages));
	if (page < pages)
		html(&r->out, "<a rel=\"next\" href=\"%s?page=%d\">%s</a>", base, page + 1, tr(r, "Ouder →", "Older →"));
	html(&r->out, "</nav>");
}

/* The table of one page of the log; false after a reply. */
static bool audit_table(req *r, int64_t workplace_id, const char *base)
{
	int page = page_number(r), n, total;
	audit_entry *es;
	store_rc rc = store_audit_page(r->st, r->a, workplace_id, (page - 1) * AUDIT_PAGE, AUDIT_PAGE, &es, &n, &total);
	if (!ok_or_reply(r, rc))
		return false;
	int pages = (total + AUDIT_PAGE - 1) / AUDIT_PAGE;
	if (pages && page > pages) {
		reply_redirect(r, arena_printf(r->a, "%s?page=%d", base, pages));
		return false;
	}
	html(&r->out, "<p class=\"hint\">%s</p>",
	     arena_printf(r->a, total == 1 ? tr(r, "%d vermelding. Tijden in %s.", "%d entry. Times in %s.")
					   : tr(r, "%d vermeldingen, nieuwste eerst. Tijden in %s.",
						"%d entries, newest first. Times in %s."),
			  total, zone_name()));
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Het logboek is leeg.", "The log is empty."));
		return true;
	}
	html(&r->out, "<div class=\"table-wrap\"><table id=\"audit\"><thead><tr><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th>",
	     tr(r, "Wanneer", "When"), tr(r, "Wie", "Who"));
	if (!workplace_id)
		html(&r->out, "<th scope=\"col\">%s</th>", tr(r, "Werkplaats", "Workplace"));
	html(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>", tr(r, "Wat", "What"),
	     tr(r, "Details", "Details"));
	for (int i = 0; i < n; i++) {
		const audit_entry *e = &es[i];
		html(&r->out, "<tr><td>%s</td><td>%s</td>", fmt_time(r, e->at), *e->who ? e->who : "–");
		if (!workplace_id) {
			if (*e->workplace_slug)
				html(&r->out, "<td><a href=\"/pw/%s\">%s</a></td>", e->workplace_slug, e->workplace_name);
			else
				html(&r->out, "<td>–</td>");
		}
		html(&r->out, "<td data-what=\"%s\">%s</td><td>%s</td></tr>", e->what,
		     audit_action_text(r->a, e->what, e->detail, r->english),
		     audit_detail_text(r->a, e->what, e->detail, r->english));
	}
	html(&r->out, "</tbody></table></div>");
	pager(r, base, page, pages);
	return true;
}

void page_wp_audit(req *r)
{
	if (!wp_access(r, true))
		return;
	wp_heading(r, tr(r, "Logboek", "Audit log"), "audit");
	html(&r->out, "<p class=\"lead\">%s</p>",
	     tr(r, "Elke wijziging aan deze werkplaats: wie, wanneer en wat.",
		"Every change to this workplace: who, when and what."));
	if (audit_table(r, r->wp->id, arena_printf(r->a, "%s/audit", wp_path(r))))
		page_end(r);
}

void page_admin_audit(req *r)
{
	page_begin(r, tr(r, "Logboek", "Audit log"));
	html(&r->out, "<p class=\"meta\"><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(r, "Beheer", "Administration"),
	     tr(r, "Logboek van de hele site", "Audit log of the whole site"));
	if (audit_table(r, 0, "/admin/audit"))
		page_end(r);
}
