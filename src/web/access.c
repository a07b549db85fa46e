/* access.c - who may enter a workplace's pages and what they may see and
 * do there: wp_access, the workplace's part of every handler's prologue,
 * and wp_may, the one table of rights per role.
 *
 * Roles in a workplace (r->wp_role): "coordinator" and "member" from the
 * membership, "" for the site administrator (who may do everything), and
 * "lead" for a programme lead who is not a member. The lead's view is
 * one-way and read-only: only routes marked LEAD_READ in the route table
 * let the lead in (every other workplace route, every POST among them,
 * answers 403), and inside those pages wp_may keeps rounds that have not
 * closed (beyond their existence), comments and the member list out of
 * sight and shows no form that changes anything. docs/overview.md.
 * Also the guessing guard for tokens and codes (probe_blocked). */
#include <string.h>

#include "base/util.h"
#include "figures/figures.h"
#include "web/app.h"
#include "web/route.h"
#include "web/web.h"

bool is_site_admin(const req *r)
{
	return r->user && r->user->is_admin;
}

/* The administrator of the network's first institution, which runs the
 * site: the site's own settings are theirs (network_page). On a site of
 * one institution every administrator. */
bool is_network_admin(const req *r)
{
	return is_site_admin(r) && r->user->institution_id == 1;
}

/* The administration pages that set up the whole site (mail, privacy and
 * retention, sign-in, the look) or reach across institutions (a person's
 * data by e-mail address, the site's audit log): for the network's
 * administrator; another institution's administrator gets 404. */
bool network_page(const struct route *rt)
{
	static const char *const prefixes[] = {"/admin/mail", "/admin/privacy", "/admin/people",
					       "/admin/sign-in", "/admin/audit", "/admin/look"};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(rt->pattern, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

const char *wp_path(req *r)
{
	return arena_printf(r->a, "/pw/%s", r->wp->slug);
}

/* The role of a programme lead who is not a member, or NULL (after a 403
 * reply) where the route is not part of the lead's view. */
static const char *lead_role(req *r, bool coordinator)
{
	if (!coordinator && !r->post && r->route && r->route->lead == LEAD_READ)
		return "lead";
	reply_error(r, 403, tr(r, "Als programmaleider kun je van deze werkplaats het profiel, de resultaten van "
				  "afgesloten metingen, de ontwikkeling, de verbeteracties en de opbrengsten "
				  "lezen. Deze pagina is voor de leden van de werkplaats.",
			       "As programme lead you can read this workplace's profile, the results of "
			       "closed rounds, its development, improvement actions and outcomes. This page "
			       "is for the workplace's members."));
	return NULL;
}

bool wp_access(req *r, bool coordinator)
{
	const char *slug = r->param[0];
	if (!r->user || !slug) {
		reply_error(r, 404, NULL);
		return false;
	}
	workplace *w = ARENA_NEW(r->a, workplace);
	store_rc rc = store_workplace_by_slug(r->st, r->a, slug, w);
	if (!found_or_reply(r, rc))
		return false;
	int as = -1;
	rc = store_membership_role(r->st, w->id, r->user->id, &as);
	if (!ok_or_reply(r, rc))
		return false;
	const char *role = as >= 0 ? member_role_code((member_role)as) : NULL;
	if (!role && !is_site_admin(r)) {
		if (!r->user->is_programme_lead) {
			reply_error(r, 404, NULL);
			return false;
		}
		if (!(role = lead_role(r, coordinator)))
			return false;
	}
	r->wp = w;
	r->wp_role = role ? role : "";
	w->my_role = r->wp_role;
	if (coordinator && !wp_may(r, WP_MANAGE)) {
		reply_error(r, 403, tr(r, "Alleen coördinatoren van deze werkplaats kunnen dit doen.",
				       "Only coordinators of this workplace can do this."));
		return false;
	}
	return true;
}

bool wp_may(const req *r, wp_right right)
{
	if (is_site_admin(r))
		return true;
	const char *role = r->wp_role ? r->wp_role : "";
	if (strcmp(role, "coordinator") == 0)
		return true;
	if (strcmp(role, "member") == 0)
		return right != WP_MANAGE;
	/* "lead": read-only, closed rounds only, no member list, comments
	 * only where the workplace shares them with the lead (still under the
	 * round's k_comments: the figures room's comment plan). Anything
	 * unknown: nothing. */
	if (strcmp(role, "lead") == 0 && right == WP_SEE_COMMENTS)
		return r->wp && r->wp->share_comments_lead;
	return false;
}

bool wp_round_visible(req *r, const mround *rd)
{
	if (wp_may(r, WP_SEE_RUNNING) || round_state_of(rd) == ROUND_CLOSED)
		return true;
	reply_error(r, 403, tr(r, "Een meting die nog niet is afgesloten is alleen voor de leden van de "
				  "werkplaats. De resultaten verschijnen hier zodra de meting sluit.",
			       "A round that has not closed is for the workplace's members only. Its "
			       "results appear here once the round closes."));
	return false;
}

/* ---- guessing guard ---- */

static const char *probe_key(req *r)
{
	return arena_printf(r->a, "addr:%s", r->client);
}

bool probe_blocked(req *r)
{
	bool blocked = false;
	store_throttle_blocked(r->st, probe_key(r), wp_now(), THROTTLE_WINDOW, THROTTLE_ADDRESS,
			       &blocked);
	if (blocked) {
		reply_error(r, 429, tr(r, "Te veel ongeldige links of codes geprobeerd. Wacht een "
					  "kwartier en probeer het dan opnieuw.",
				       "Too many invalid links or codes tried. Wait fifteen minutes, "
				       "then try again."));
		reply_header(r, "Retry-After", "900");
	}
	return blocked;
}

void probe_failure(req *r)
{
	/* A GET never writes, not even this counter: a GET can only probe a
	 * 128-bit token, which no rate of guessing finds. Posted probes (the
	 * short resume code among them) are counted. */
	r->probe_failed = r->post;
}
