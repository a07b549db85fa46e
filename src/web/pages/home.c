/* home.c - the start page after login: the person's workplaces. */
#include "web/pages/pages.h"

static const char *role_label(req *r, const char *role)
{
	int k = member_role_from_code(role);
	return k < 0 ? tr(r, "beheerder", "administrator") : member_role_name((member_role)k, r->english);
}

void page_home(req *r)
{
	workplace *list;
	int n;
	store_rc rc = store_workplaces_for(r->st, r->a, r->user->id, is_site_admin(r), &list, &n);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	page_begin(r, tr(r, "Mijn werkplaatsen", "My workplaces"));
	html(&r->out, "<h1>%s</h1>", tr(r, "Mijn werkplaatsen", "My workplaces"));
	html(&r->out, "<p class=\"lead\">%s, %s</p>", tr(r, "Welkom", "Welcome"), r->user->name);
	if (n == 0)
		html(&r->out, "<p>%s</p>",
		     tr(r, "Je bent nog geen lid van een professionele werkplaats. Een coördinator of "
			   "de beheerder kan je uitnodigen.",
			"You are not a member of a professional workplace yet. A coordinator or the "
			"administrator can invite you."));
	html(&r->out, "<ul class=\"cards\">");
	for (int i = 0; i < n; i++) {
		workplace *w = &list[i];
		html(&r->out, "<li class=\"card\"><h2><a href=\"/pw/%s\">%s</a></h2>", w->slug, w->name);
		html(&r->out, "<p class=\"meta\">%s%s%s</p>", w->domain, *w->domain && *w->location ? " · " : "",
		     w->location);
		html(&r->out, "<p class=\"role\">%s: %s</p></li>", tr(r, "Jouw rol", "Your role"),
		     role_label(r, w->my_role));
	}
	html(&r->out, "</ul><p><a href=\"/questions\">%s</a></p>",
	     tr(r, "Vraagstukken zoeken die openstaan voor studenten", "Find questions open to students"));
	page_end(r);
}
