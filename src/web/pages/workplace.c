/* workplace.c - /pw/{slug}: a workplace's own page, for its members. */
#include <string.h>

#include "web/pages/pages.h"

static void partners_section(req *r)
{
	partner *ps;
	int n;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	html(&r->out, "<section aria-labelledby=\"partners\"><h2 id=\"partners\">%s</h2>",
	     tr(r, "Partners", "Partners"));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Nog geen partners vastgelegd.", "No partners recorded yet."));
	else
		html(&r->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		     tr(r, "Organisatie", "Organisation"), tr(r, "Soort", "Kind"), tr(r, "Rol", "Role"),
		     tr(r, "Sinds", "Since"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", ps[i].name,
		     org_kind_name(ps[i].kind, r->english),
		     strcmp(ps[i].role, "lead") == 0 ? tr(r, "penvoerder", "lead partner")
						     : tr(r, "partner", "partner"),
		     ps[i].joined_on);
	if (n)
		html(&r->out, "</tbody></table>");
	html(&r->out, "</section>");
}

static void members_section(req *r)
{
	member *ms;
	int n;
	store_rc rc = store_members(r->st, r->a, r->wp->id, &ms, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	html(&r->out, "<section aria-labelledby=\"members\"><h2 id=\"members\">%s</h2><ul class=\"plain\">",
	     tr(r, "Leden", "Members"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<li>%s <span class=\"tag\">%s</span></li>", ms[i].name,
		     strcmp(ms[i].role, "coordinator") == 0 ? tr(r, "coördinator", "coordinator")
							    : tr(r, "lid", "member"));
	html(&r->out, "</ul></section>");
}

void page_workplace(req *r)
{
	if (!wp_access(r, false))
		return;
	workplace *w = r->wp;
	page_begin(r, w->name);
	html(&r->out, "<h1>%s</h1>", w->name);
	html(&r->out, "<p class=\"meta\">%s%s%s</p>", w->domain, *w->domain && *w->location ? " · " : "",
	     w->location);
	if (*w->description)
		html(&r->out, "<p class=\"lead\">%s</p>", w->description);
	if (*w->vision)
		html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Gedeelde visie", "Shared vision"), w->vision);
	html(&r->out, "<nav class=\"subnav\" aria-label=\"%s\"><a href=\"/pw/%s/rounds\">%s</a>"
		      "<a href=\"/pw/%s/development\">%s</a><a href=\"/guide\">%s</a></nav>",
	     tr(r, "Werkplaats", "Workplace"), w->slug, tr(r, "Meetrondes", "Measurement rounds"), w->slug,
	     tr(r, "Ontwikkeling", "Development"), tr(r, "Handleiding", "Guide"));
	partners_section(r);
	if (!r->replied)
		members_section(r);
	if (!r->replied)
		page_end(r);
}
