/* members.c - /pw/{slug}/members: who belongs to a workplace and in what
 * role; one-time links to join (/join/{token}). A link is made for one
 * e-mail address and one role; its token is stored hashed and works once.
 * Someone with an account joins after logging in as that address; someone
 * without one creates an account with a name and a password (the address
 * is fixed). Removing a member ends all their sessions. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/sign_in.h"
#include "web/wp_frame.h"

#define INVITE_SECONDS (7 * 24 * 3600)

/* The role codes in the order of member_role, NULL-terminated. */
static void role_codes(const char *codes[ROLE_COUNT + 1])
{
	for (int i = 0; i < ROLE_COUNT; i++)
		codes[i] = member_role_code((member_role)i);
	codes[ROLE_COUNT] = NULL;
}

static bool invitations_section(req *r)
{
	member_invitation *is;
	int n;
	store_rc rc = store_member_invitations_open(r->st, r->a, r->wp->id, wp_now(), &is, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<h2>%s</h2>", tr(r, "Openstaande uitnodigingen", "Open invitations"));
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Er staan geen uitnodigingen open.", "There are no open invitations."));
		return true;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span "
		      "class=\"visually-hidden\">%s</span></th></tr></thead><tbody>",
	     tr(r, "E-mailadres", "E-mail address"), tr(r, "Rol", "Role"), tr(r, "Uitgenodigd door", "Invited by"),
	     tr(r, "Verloopt", "Expires"), tr(r, "Intrekken", "Revoke"));
	for (int i = 0; i < n; i++) {
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", is[i].email,
		     member_role_name(is[i].role, r->english), *is[i].invited_by ? is[i].invited_by : "–",
		     fmt_time(r, is[i].expires_at));
		form_begin(r, arena_printf(r->a, "%s/invitations/%lld/revoke", wp_path(r), (long long)is[i].id), "inline");
		html(&r->out, "<button class=\"small danger\">%s</button>", tr(r, "Intrekken", "Revoke"));
		form_end(r);
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table></div>");
	return true;
}

static void member_row(req *r, const member *m, bool manage)
{
	html(&r->out, "<tr><td>%s</td>", m->name);
	if (manage)
		html(&r->out, "<td>%s</td>", m->email);
	html(&r->out, "<td><span class=\"tag\">%s</span></td>", member_role_name(m->role, r->english));
	if (!manage) {
		html(&r->out, "</tr>");
		return;
	}
	const char *labels[] = {tr(r, "Lid", "Member"), tr(r, "Coördinator", "Coordinator")};
	html(&r->out, "<td>");
	form_begin(r, arena_printf(r->a, "%s/members/%lld/role", wp_path(r), (long long)m->person_id), "inline");
	html(&r->out, "<label class=\"visually-hidden\" for=\"role-%lld\">%s</label><select id=\"role-%lld\" name=\"role\">",
	     (long long)m->person_id, arena_printf(r->a, tr(r, "Rol van %s", "Role of %s"), m->name),
	     (long long)m->person_id);
	for (int i = 0; i < ROLE_COUNT; i++)
		html(&r->out, "<option value=\"%s\"%s>%s</option>", member_role_code((member_role)i),
		     (int)m->role == i ? " selected" : "", labels[i]);
	html(&r->out, "</select> <button class=\"small\">%s</button>", tr(r, "Rol wijzigen", "Change role"));
	form_end(r);
	html(&r->out, " ");
	form_begin(r, arena_printf(r->a, "%s/members/%lld/remove", wp_path(r), (long long)m->person_id), "inline");
	html(&r->out, "<button class=\"small danger\">%s</button>", tr(r, "Verwijderen", "Remove"));
	form_end(r);
	html(&r->out, "</td></tr>");
}

static void invite_form(req *r)
{
	const char *labels[] = {tr(r, "Lid", "Member"), tr(r, "Coördinator", "Coordinator")}, *roles[ROLE_COUNT + 1];
	role_codes(roles);
	html(&r->out, "<h2 id=\"invite\">%s</h2><p>%s</p>", tr(r, "Iemand uitnodigen", "Invite someone"),
	     tr(r, "Je krijgt een eenmalige link voor dit e-mailadres. Wie al een account heeft, logt in en "
		   "wordt lid; wie nog geen account heeft, maakt er met de link een aan.",
		"You get a one-time link for this e-mail address. Someone with an account logs in and "
		"joins; someone without one creates an account with the link."));
	form_begin(r, arena_printf(r->a, "%s/members/invite", wp_path(r)), NULL);
	input_field(r, "email", "email", tr(r, "E-mailadres", "E-mail address"), NULL, NULL, true);
	select_field(r, "role", tr(r, "Rol", "Role"), roles, labels, ROLE_COUNT, member_role_code(ROLE_MEMBER),
		     tr(r, "Coördinatoren beheren het profiel, de leden, de agenda en de opbrengsten.",
			"Coordinators keep the profile, the members, the agenda and the outcomes."));
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Link maken", "Make a link"));
	form_end(r);
}

/* The members page; `link` is a fresh invitation link shown once, `problem`
 * a refusal shown at the top. */
static void members_page(req *r, const char *notice, const char *link_for, const char *link,
			 const char *problem)
{
	member *ms;
	int n;
	store_rc rc = store_members(r->st, r->a, r->wp->id, &ms, &n);
	if (!ok_or_reply(r, rc))
		return;
	bool manage = wp_can_manage(r);
	wp_heading(r, tr(r, "Leden", "Members"), "members");
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (problem)
		html(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>", problem);
	if (link)
		html(&r->out, "<div class=\"notice\" role=\"status\" id=\"invite-link\"><p>%s <strong>%s</strong>:</p>"
			      "<p><code class=\"copy\">%s</code></p><p class=\"hint\">%s</p></div>",
		     tr(r, "Eenmalige link om lid te worden, voor", "One-time link to join, for"), link_for, link,
		     tr(r, "Geef deze link door aan deze persoon. Hij werkt één keer en verloopt na 7 dagen; "
			   "hij wordt niet nog eens getoond.",
			"Pass this link on to this person. It works once and expires after 7 days; it will not "
			"be shown again."));
	error_summary(r);
	html(&r->out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th>", tr(r, "Naam", "Name"));
	if (manage)
		html(&r->out, "<th scope=\"col\">%s</th>", tr(r, "E-mailadres", "E-mail address"));
	html(&r->out, "<th scope=\"col\">%s</th>", tr(r, "Rol", "Role"));
	if (manage)
		html(&r->out, "<th scope=\"col\">%s</th>", tr(r, "Wijzigen", "Change"));
	html(&r->out, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		member_row(r, &ms[i], manage);
	html(&r->out, "</tbody></table></div>");
	if (manage) {
		html(&r->out, "<p class=\"hint\">%s</p>",
		     tr(r, "Wie je verwijdert, wordt overal uitgelogd. Een werkplaats houdt altijd minstens één "
			   "coördinator.",
			"Whoever you remove is logged out everywhere. A workplace always keeps at least one "
			"coordinator."));
		invite_form(r);
		if (!invitations_section(r))
			return;
	}
	page_end(r);
}

void page_members(req *r)
{
	if (!wp_access(r, false))
		return;
	const char *done = req_query(r, "done");
	const char *notice = !done ? NULL
			     : strcmp(done, "role") == 0    ? tr(r, "De rol is gewijzigd.", "The role has been changed.")
			     : strcmp(done, "removed") == 0 ? tr(r, "Het lid is verwijderd en overal uitgelogd.",
								 "The member has been removed and logged out everywhere.")
			     : strcmp(done, "revoked") == 0 ? tr(r, "De uitnodiging is ingetrokken.",
								 "The invitation has been revoked.")
							    : NULL;
	members_page(r, notice, NULL, NULL, NULL);
}

void page_member_invite(req *r)
{
	if (!wp_access(r, true))
		return;
	const char *email, *roles[ROLE_COUNT + 1];
	int role = 0;
	role_codes(roles);
	field_email(r, "email", &email);
	field_choice(r, "role", roles, &role);
	if (!r->nerrors) {
		person p;
		int cur = -1;
		store_rc rc = store_person_by_email(r->st, r->a, email, &p, NULL);
		if (rc == ST_OK)
			rc = store_membership_role(r->st, r->wp->id, p.id, &cur);
		if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
			return;
		if (cur >= 0)
			field_error(r, "email", tr(r, "Deze persoon is al lid van deze werkplaats; wijzig zo nodig de rol.",
						   "This person already is a member of this workplace; change the role if needed."));
	}
	if (r->nerrors) {
		r->status = 400;
		members_page(r, NULL, NULL, NULL, NULL);
		return;
	}
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(tok);
	token_hash("join", tok, h);
	int64_t id;
	store_rc rc = store_member_invitation_create(r->st, r->wp->id, email, (member_role)role, h, r->user->id,
						     wp_now() + INVITE_SECONDS, &id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "member invited", arena_printf(r->a, "%s as %s", email, roles[role])))
		members_page(r, NULL, email, arena_printf(r->a, "%s/join/%s", r->app->public_url, tok), NULL);
}

/* The member named in the URL; false after a reply. */
static bool member_param(req *r, member *out)
{
	int64_t id = param_id(r);
	if (!id)
		return false;
	member *ms;
	int n;
	store_rc rc = store_members(r->st, r->a, r->wp->id, &ms, &n);
	if (!ok_or_reply(r, rc))
		return false;
	for (int i = 0; i < n; i++)
		if (ms[i].person_id == id) {
			*out = ms[i];
			return true;
		}
	reply_error(r, 404, NULL);
	return false;
}

static const char *last_coordinator_text(req *r)
{
	return tr(r, "Dit kan niet: een werkplaats houdt altijd minstens één coördinator. Maak eerst iemand "
		     "anders coördinator.",
		  "This is not possible: a workplace always keeps at least one coordinator. Make someone else "
		  "coordinator first.");
}

void page_member_role(req *r)
{
	member m;
	if (!wp_access(r, true) || !member_param(r, &m))
		return;
	const char *roles[ROLE_COUNT + 1];
	int role = 0;
	role_codes(roles);
	if (!field_choice(r, "role", roles, &role)) {
		r->status = 400;
		members_page(r, NULL, NULL, NULL, NULL);
		return;
	}
	store_rc rc = store_membership_change(r->st, r->wp->id, m.person_id, (member_role)role);
	if (rc == ST_CONFLICT) {
		r->status = 409;
		members_page(r, NULL, NULL, NULL, last_coordinator_text(r));
		return;
	}
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "member role changed", arena_printf(r->a, "%s <%s>: %s -> %s", m.name, m.email,
							   member_role_code(m.role), roles[role])))
		reply_redirect(r, arena_printf(r->a, "%s/members?done=role", wp_path(r)));
}

void page_member_remove(req *r)
{
	member m;
	if (!wp_access(r, true) || !member_param(r, &m))
		return;
	store_rc rc = store_membership_remove(r->st, r->wp->id, m.person_id);
	if (rc == ST_CONFLICT) {
		r->status = 409;
		members_page(r, NULL, NULL, NULL, last_coordinator_text(r));
		return;
	}
	/* they must log in again, so nothing they had open keeps working */
	if (rc == ST_OK)
		rc = store_sessions_delete_person(r->st, m.person_id);
	if (!ok_or_reply(r, rc))
		return;
	if (!wp_audit(r, "member removed", arena_printf(r->a, "%s <%s> (%s)", m.name, m.email, member_role_code(m.role))))
		return;
	if (m.person_id == r->user->id) {
		set_cookie(r, "wp_session", "", 0);
		reply_redirect(r, "/login");
		return;
	}
	reply_redirect(r, arena_printf(r->a, "%s/members?done=removed", wp_path(r)));
}

void page_invitation_revoke(req *r)
{
	int64_t id;
	if (!wp_access(r, true) || !(id = param_id(r)))
		return;
	store_rc rc = store_member_invitation_delete(r->st, r->wp->id, id);
	if (!found_or_reply(r, rc))
		return;
	if (wp_audit(r, "invitation revoked", arena_printf(r->a, "#%lld", (long long)id)))
		reply_redirect(r, arena_printf(r->a, "%s/members?done=revoked", wp_path(r)));
}

/* ---- /join/{token} ---- */

/* The invitation behind the link; false after a 404 (a counted probe) or
 * a 429. */
static bool join_invitation(req *r, member_invitation *inv)
{
	if (probe_blocked(r))
		return false;
	const char *tok = r->param[0];
	if (token_well_formed(tok)) {
		char h[HASH_HEX + 1];
		token_hash("join", tok, h);
		store_rc rc = store_member_invitation_by_token(r->st, r->a, h, wp_now(), inv);
		if (rc == ST_OK)
			return true;
		if (rc != ST_NOTFOUND) {
			reply_store_error(r, rc);
			return false;
		}
	}
	probe_failure(r);
	reply_error(r, 404, tr(r, "Deze uitnodiging bestaat niet, is al gebruikt of is verlopen. Vraag de "
				  "coördinator van de werkplaats om een nieuwe link.",
			       "This invitation does not exist, has been used or has expired. Ask the "
			       "coordinator of the workplace for a new link."));
	return false;
}

static void join_intro(req *r, const member_invitation *inv)
{
	page_begin(r, tr(r, "Uitnodiging", "Invitation"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p>",
	     arena_printf(r->a, tr(r, "Word lid van %s", "Join %s"), inv->workplace_name),
	     arena_printf(r->a, tr(r, "%s nodigt je uit als %s. De uitnodiging is voor %s.",
				   "%s invites you as %s. The invitation is for %s."),
			  *inv->invited_by ? inv->invited_by : tr(r, "De werkplaats", "The workplace"),
			  member_role_name(inv->role, r->english), inv->email));
}

static void join_account_form(req *r)
{
	error_summary(r);
	if (sign_in_buttons(r, arena_printf(r->a, "/join/%s", r->param[0]))) {
		html(&r->out, "<p>%s</p>",
		     tr(r, "Log in via je instelling (met het e-mailadres van deze uitnodiging); daarna kom je hier "
			   "terug en word je lid.",
			"Sign in through your institution (with the e-mail address of this invitation); then you "
			"come back here and join."));
		if (!password_login_on(r))
			return;
	}
	html(&r->out, "<p>%s</p>", tr(r, "Je hebt nog geen account. Maak er een aan met je naam en een wachtwoord; "
				       "daarna ben je meteen lid.",
				       "You do not have an account yet. Create one with your name and a password; "
				       "then you are a member at once."));
	form_begin(r, arena_printf(r->a, "/join/%s", r->param[0]), NULL);
	input_field(r, "text", "name", tr(r, "Je naam", "Your name"), NULL, NULL, true);
	input_field(r, "password", "new", tr(r, "Wachtwoord", "Password"), NULL,
		    tr(r, "Minstens 10 tekens.", "At least 10 characters."), true);
	input_field(r, "password", "repeat", tr(r, "Herhaal het wachtwoord", "Repeat the password"), NULL, NULL, true);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Account maken en lid worden", "Create the account and join"));
	form_end(r);
}

/* What the person behind the link can do now. */
static void join_page(req *r, const member_invitation *inv)
{
	join_intro(r, inv);
	if (r->user && strcmp(r->user->email, inv->email) == 0) {
		form_begin(r, arena_printf(r->a, "/join/%s", r->param[0]), NULL);
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Lid worden", "Join"));
		form_end(r);
	} else if (r->user) {
		html(&r->out, "<div class=\"notice warn\"><p>%s</p></div>",
		     arena_printf(r->a, tr(r, "Je bent ingelogd als %s, maar deze uitnodiging is voor %s. Log uit en "
					      "open de link opnieuw, of vraag om een uitnodiging voor je eigen adres.",
					   "You are logged in as %s, but this invitation is for %s. Log out and open "
					   "the link again, or ask for an invitation for your own address."),
				  r->user->email, inv->email));
	} else {
		person p;
		store_rc rc = store_person_by_email(r->st, r->a, inv->email, &p, NULL);
		if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
			return;
		if (rc == ST_OK && p.has_password)
			html(&r->out, "<p>%s</p><p><a class=\"button primary\" href=\"/login?next=/join/%s\">%s</a></p>",
			     tr(r, "Er is al een account met dit adres. Log in; daarna kun je lid worden.",
				"There already is an account with this address. Log in; then you can join."),
			     r->param[0], tr(r, "Inloggen", "Log in"));
		else if (rc == ST_OK)
			html(&r->out, "<p>%s</p>",
			     tr(r, "Er is al een account met dit adres, maar er is nog geen wachtwoord ingesteld. "
				   "Stel eerst je wachtwoord in met de link van de beheerder, log in en open deze "
				   "uitnodiging dan opnieuw.",
				"There already is an account with this address, but no password has been set yet. "
				"First set your password with the link from the administrator, log in, then open "
				"this invitation again."));
		else
			join_account_form(r);
	}
	html(&r->out, "</div>");
	page_end(r);
}

void page_join_form(req *r)
{
	member_invitation inv;
	if (join_invitation(r, &inv))
		join_page(r, &inv);
}

/* Inside the transaction: make the person a member (never lowering a
 * coordinator to member), use up the invitation, record it. */
static store_rc join_as(req *r, const member_invitation *inv, int64_t person_id, const char *name)
{
	int cur = -1;
	store_rc rc = store_membership_role(r->st, inv->workplace_id, person_id, &cur);
	member_role role = cur == ROLE_COORDINATOR ? ROLE_COORDINATOR : inv->role;
	if (rc == ST_OK)
		rc = store_membership_set(r->st, inv->workplace_id, person_id, role);
	if (rc == ST_OK)
		rc = store_member_invitation_delete(r->st, inv->workplace_id, inv->id);
	if (rc == ST_OK)
		rc = store_audit(r->st, person_id, inv->workplace_id, "member joined",
				 arena_printf(r->a, "%s <%s> as %s", name, inv->email, member_role_code(role)));
	return rc;
}

/* Create the account (when hash is set) and join, in one transaction. The
 * invitation is read again inside it: a link works once, also when two
 * requests race. */
static void join_commit(req *r, const char *name, const char *hash)
{
	member_invitation inv;
	store_rc rc = store_begin(r->st);
	if (!ok_or_reply(r, rc))
		return;
	char h[HASH_HEX + 1];
	token_hash("join", r->param[0], h);
	rc = store_member_invitation_by_token(r->st, r->a, h, wp_now(), &inv);
	int64_t pid = r->user ? r->user->id : 0;
	if (rc == ST_OK && hash) {
		/* the new account belongs to the workplace's institution */
		int64_t institution_id = 0;
		rc = store_workplace_institution(r->st, inv.workplace_id, &institution_id);
		if (rc == ST_OK)
			rc = store_set_institution(r->st, institution_id, false);
		if (rc == ST_OK)
			rc = store_person_create(r->st, name, inv.email, &pid);
		if (rc == ST_OK)
			rc = store_account_set_password(r->st, pid, hash);
		if (rc == ST_OK)
			rc = store_audit(r->st, pid, 0, "account created", arena_printf(r->a, "%s (invitation)", inv.email));
		if (rc == ST_OK)
			rc = session_start(r, pid);
	}
	if (rc == ST_OK)
		rc = join_as(r, &inv, pid, name);
	if (rc == ST_OK)
		rc = store_commit(r->st);
	if (rc != ST_OK) {
		store_rollback(r->st);
		r->headers.n = 0;
		if (rc == ST_NOTFOUND || rc == ST_CONFLICT)
			reply_error(r, 409, tr(r, "Deze uitnodiging is intussen gebruikt of er is al een account met dit "
						  "adres. Log in en open de link opnieuw.",
					       "This invitation has been used meanwhile, or there already is an "
					       "account with this address. Log in and open the link again."));
		else
			reply_store_error(r, rc);
		return;
	}
	reply_redirect(r, arena_printf(r->a, "/pw/%s?joined=1", inv.workplace_slug));
}

void page_join(req *r)
{
	member_invitation inv;
	if (!join_invitation(r, &inv))
		return;
	if (r->user) {
		if (strcmp(r->user->email, inv.email) != 0) {
			reply_error(r, 403, tr(r, "Deze uitnodiging is voor een ander e-mailadres dan waarmee je bent ingelogd.",
					       "This invitation is for a different e-mail address than the one you are "
					       "logged in with."));
			return;
		}
		join_commit(r, r->user->name, NULL);
		return;
	}
	person p;
	store_rc rc = store_person_by_email(r->st, r->a, inv.email, &p, NULL);
	if (rc == ST_OK) {
		reply_error(r, 409, tr(r, "Er is al een account met dit e-mailadres. Log in en open de link opnieuw.",
				       "There already is an account with this e-mail address. Log in and open the "
				       "link again."));
		return;
	}
	if (rc != ST_NOTFOUND) {
		reply_store_error(r, rc);
		return;
	}
	if (!password_login_on(r)) {
		reply_error(r, 403, tr(r, "Een account met een wachtwoord maken staat uit op deze site. Log in via je "
					  "instelling en open de uitnodiging dan opnieuw.",
				       "Making an account with a password is switched off on this site. Sign in "
				       "through your institution, then open the invitation again."));
		return;
	}
	const char *name, *pw;
	field_text(r, "name", 200, true, &name);
	field_new_password(r, &pw);
	if (r->nerrors) {
		r->status = 400;
		join_page(r, &inv);
		return;
	}
	char hash[PASSWORD_HASH_MAX];
	if (!password_hash(pw, hash)) {
		reply_error(r, 500, NULL);
		return;
	}
	join_commit(r, name, hash);
}
