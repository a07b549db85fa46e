/* wp_frame.c - the frame of a workplace's pages (/pw/{slug}/...): the sub
 * navigation, the heading, the programme lead's notice, the id in the
 * address and the audit line of a change (see wp_frame.h). */
#include <string.h>

#include "base/util.h"
#include "web/wp_frame.h"

bool wp_can_manage(const req *r)
{
	return wp_may(r, WP_MANAGE);
}

void wp_subnav(req *r, const char *current)
{
	struct {
		const char *key, *path, *nl, *en;
		int needs; /* a wp_right, or -1: every role that sees the workplace */
	} items[] = {
		{"home", "", "Overzicht", "Overview", -1},
		{"rounds", "/rounds", "Meetrondes", "Measurement rounds", -1},
		{"profile", "/profile", "Profiel", "Profile", WP_MANAGE},
		{"partners", "/partners", "Partners", "Partners", -1},
		{"members", "/members", "Leden", "Members", WP_SEE_MEMBERS},
		{"questions", "/questions", "Vraagstukken", "Practice questions", -1},
		{"actions", "/actions", "Verbeteragenda", "Improvement agenda", -1},
		{"outcomes", "/outcomes", "Opbrengsten", "Outcomes", -1},
		{"realist", "/realist", "Realistische notities", "Realist notes", -1},
		{"development", "/development", "Ontwikkeling", "Development", -1},
		{"audit", "/audit", "Logboek", "Audit log", WP_MANAGE},
		{"privacy", "/privacy", "Privacy", "Privacy", WP_MANAGE},
	};
	html(&r->out, "<nav class=\"subnav\" aria-label=\"%s\">", tr(r, "Werkplaats", "Workplace"));
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		if (items[i].needs >= 0 && !wp_may(r, (wp_right)items[i].needs))
			continue;
		if (strcmp(current, items[i].key) == 0)
			html(&r->out, "<a href=\"%s%s\" aria-current=\"page\">%s</a>", wp_path(r), items[i].path,
			     tr(r, items[i].nl, items[i].en));
		else
			html(&r->out, "<a href=\"%s%s\">%s</a>", wp_path(r), items[i].path,
			     tr(r, items[i].nl, items[i].en));
	}
	html(&r->out, "</nav>");
}

void wp_heading(req *r, const char *title, const char *current)
{
	page_begin(r, arena_printf(r->a, "%s · %s", title, r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a></p><h1>%s</h1>", wp_path(r), r->wp->name,
	     title);
	wp_subnav(r, current);
	lead_notice(r);
}

bool wp_audit(req *r, const char *what, const char *detail)
{
	store_rc rc = store_audit(r->st, r->user ? r->user->id : 0, r->wp ? r->wp->id : 0, what, detail);
	if (!ok_or_reply(r, rc))
		return false;
	return true;
}

int64_t param_id(req *r)
{
	int64_t id;
	if (!r->param[1] || !parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return 0;
	}
	return id;
}

void lead_notice(req *r)
{
	if (wp_may(r, WP_SEE_RUNNING)) /* members and staff see it all */
		return;
	if (wp_may(r, WP_SEE_COMMENTS))
		html(&r->out, "<p class=\"notice\" id=\"lead-view\" data-comments=\"shared\">%s</p>",
		     tr(r, "Je leest deze werkplaats als programmaleider: alleen lezen. Lopende metingen en de "
			   "ledenlijst zijn voor de leden van de werkplaats. De werkplaats deelt de opmerkingen van "
			   "respondenten met je (bij de elementen van afgesloten metingen).",
			"You are reading this workplace as programme lead: read-only. Running rounds and the "
			"member list are for the workplace's members. The workplace shares respondents' comments "
			"with you (on the elements of closed rounds)."));
	else
		html(&r->out, "<p class=\"notice\" id=\"lead-view\">%s</p>",
		     tr(r, "Je leest deze werkplaats als programmaleider: alleen lezen. Lopende metingen, "
			   "opmerkingen van respondenten en de ledenlijst zijn voor de leden van de werkplaats.",
			"You are reading this workplace as programme lead: read-only. Running rounds, "
			"respondents' comments and the member list are for the workplace's members."));
}
