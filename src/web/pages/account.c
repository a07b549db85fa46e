/* account.c - /account: the person's own account: the password change,
 * personal API tokens (made and shown once, only their "api" hash kept,
 * listed, revoked; a token acts for its owner with the same permissions as
 * the pages, on /api/v1 only: Authorization: Bearer TOKEN), and the
 * one-time links that set a password (/password/{token}). */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "base/zone.h"
#include "web/pages/pages.h"

#define TOKEN_PREFIX "wpt_"     /* recognisable in configuration files and by secret scanners */
#define TOKEN_NAME_MAX 100
#define TOKENS_MAX 20           /* per person */

static void token_list(req *r, const api_token *ts, int n)
{
	if (!n) {
		html(&r->out, "<p class=\"hint\">%s</p>", tr(r, "Je hebt nog geen API-tokens.", "You have no API tokens yet."));
		return;
	}
	html(&r->out, "<table class=\"tokens\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\"></th></tr></thead><tbody>",
	     tr(r, "Naam", "Name"), tr(r, "Begint met", "Starts with"), tr(r, "Gemaakt", "Created"));
	for (int i = 0; i < n; i++) {
		char day[ZONE_TIME_CHARS];
		zone_format(ts[i].created_at, r->english, false, day);
		html(&r->out, "<tr data-token=\"%lld\"><td>%s</td><td><code>%s…</code></td><td>%s</td><td>",
		     (long long)ts[i].id, ts[i].name, ts[i].hint, day);
		form_begin(r, arena_printf(r->a, "/account/tokens/%lld/revoke", (long long)ts[i].id), "inline");
		html(&r->out, "<button>%s</button>", tr(r, "Intrekken", "Revoke"));
		form_end(r);
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table>");
}

/* The tokens of the person, a form for a new one and the new one shown
 * once (new_token, or NULL). */
static void tokens_section(req *r, const char *new_token)
{
	api_token *ts;
	int n;
	store_rc rc = store_api_tokens(r->st, r->a, r->user->id, &ts, &n);
	if (!ok_or_reply(r, rc))
		return;
	html(&r->out, "<h2 id=\"api-tokens\">%s</h2><p>%s</p>", tr(r, "API-tokens", "API tokens"),
	     tr(r, "Met een persoonlijk API-token leest een programma via /api/v1 wat jij op de "
		   "pagina's mag zien, en doet het wat jij mag doen. Stuur het mee als "
		   "'Authorization: Bearer TOKEN'. Behandel het als een wachtwoord.",
		"With a personal API token a program reads through /api/v1 what you may see on the "
		"pages, and does what you may do. Send it as 'Authorization: Bearer TOKEN'. Treat "
		"it like a password."));
	if (new_token)
		html(&r->out, "<div class=\"notice warning\" role=\"status\"><p><strong>%s</strong> %s</p>"
			      "<p><code class=\"copy\" id=\"new-token\">%s</code></p></div>",
		     tr(r, "Je nieuwe token wordt alleen nu getoond.", "Your new token is shown only now."),
		     tr(r, "Het wordt nergens bewaard; kopieer het nu.", "It is not kept anywhere; copy it now."),
		     new_token);
	token_list(r, ts, n);
	form_begin(r, "/account/tokens", NULL);
	input_field(r, "text", "token_name", tr(r, "Naam van een nieuw token", "Name of a new token"), NULL,
		    tr(r, "Waarvoor je het gebruikt, bijvoorbeeld 'R-script dashboard'.",
		       "What you use it for, for example 'R script dashboard'."),
		    true);
	html(&r->out, "<button>%s</button>", tr(r, "Token maken", "Create token"));
	form_end(r);
}

/* The account page, with a notice and a new API token shown once (both
 * may be NULL). */
static void account_page(req *r, const char *notice, const char *new_token)
{
	page_begin(r, tr(r, "Account", "Account"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1>", tr(r, "Je account", "Your account"));
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
	     tr(r, "Naam", "Name"), r->user->name, tr(r, "E-mailadres", "E-mail address"),
	     r->user->email);
	if (!r->user->has_password) {
		/* signed in through the institution: no password to change, no
		 * second step of a password login */
		html(&r->out, "<p id=\"no-password\">%s</p>",
		     tr(r, "Je logt in via je instelling; dit account heeft geen wachtwoord bij werkplaats.",
			"You sign in through your institution; this account has no werkplaats password."));
		tokens_section(r, new_token);
		html(&r->out, "</div>");
		page_end(r);
		return;
	}
	html(&r->out, "<p><a href=\"/account/totp\" id=\"totp-link\">%s</a></p>",
	     tr(r, "Inloggen in twee stappen", "Two-step login"));
	html(&r->out, "<h2>%s</h2>", tr(r, "Wachtwoord wijzigen", "Change password"));
	if (!field_error_for(r, "token_name"))
		error_summary(r);
	form_begin(r, "/account/password", NULL);
	input_field(r, "password", "current", tr(r, "Huidig wachtwoord", "Current password"), NULL,
		    NULL, true);
	input_field(r, "password", "new", tr(r, "Nieuw wachtwoord", "New password"), NULL,
		    tr(r, "Minstens 10 tekens.", "At least 10 characters."), true);
	input_field(r, "password", "repeat", tr(r, "Herhaal het nieuwe wachtwoord", "Repeat the new password"),
		    NULL, NULL, true);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Wijzigen", "Change"));
	form_end(r);
	tokens_section(r, new_token);
	html(&r->out, "</div>");
	page_end(r);
}

void page_account(req *r)
{
	const char *notice = req_query(r, "changed")   ? tr(r, "Je wachtwoord is gewijzigd.",
							       "Your password has been changed.")
			     : req_query(r, "revoked") ? tr(r, "Het API-token is ingetrokken.",
							    "The API token has been revoked.")
						       : NULL;
	account_page(r, notice, NULL);
}

/* In one transaction: store the hash, end every session of the person,
 * drop open password links; then (optionally) start a fresh session. */
static bool replace_password(req *r, int64_t person_id, const char *hash, bool new_session)
{
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_account_set_password(r->st, person_id, hash);
	if (rc == ST_OK)
		rc = store_sessions_delete_person(r->st, person_id);
	if (rc == ST_OK)
		rc = store_password_link_delete_person(r->st, person_id);
	if (rc == ST_OK)
		rc = store_audit(r->st, person_id, 0, "password set", "");
	if (rc == ST_OK && new_session)
		ok_or_reply(r, session_start(r, person_id));
	if (rc == ST_OK && r->status < 400)
		rc = store_commit(r->st);
	if (rc != ST_OK || r->status >= 400) {
		store_rollback(r->st);
		r->headers.n = 0;
		if (rc != ST_OK)
			reply_store_error(r, rc);
		return false;
	}
	return true;
}

void page_account_password(req *r)
{
	const char *cur = form_get(r, "current"), *pw;
	char *hash = NULL;
	store_rc rc = store_account_password_hash(r->st, r->a, r->user->id, &hash);
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return;
	if (!cur || !hash || !password_verify(hash, cur))
		field_error(r, "current", tr(r, "Dit is niet je huidige wachtwoord.",
					     "This is not your current password."));
	field_new_password(r, &pw);
	if (r->nerrors) {
		r->status = 400;
		account_page(r, NULL, NULL);
		return;
	}
	char newhash[PASSWORD_HASH_MAX];
	if (!password_hash(pw, newhash)) {
		reply_error(r, 500, NULL);
		return;
	}
	if (replace_password(r, r->user->id, newhash, true))
		reply_redirect(r, "/account?changed=1");
}

/* ---- one-time password links ---- */

/* The person a link belongs to, or 0 (after a 404 and a counted probe). */
static int64_t link_person(req *r)
{
	if (probe_blocked(r))
		return 0;
	const char *tok = r->param[0];
	int64_t pid = 0;
	char h[HASH_HEX + 1];
	if (token_well_formed(tok)) {
		token_hash("password", tok, h);
		if (store_password_link_person(r->st, h, wp_now(), &pid) == ST_OK)
			return pid;
	}
	probe_failure(r);
	reply_error(r, 404, tr(r, "Deze link bestaat niet of is verlopen. Vraag de beheerder om "
				  "een nieuwe link.",
			       "This link does not exist or has expired. Ask the administrator for a "
			       "new link."));
	return 0;
}

static void link_form(req *r)
{
	page_begin(r, tr(r, "Wachtwoord instellen", "Set your password"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1>", tr(r, "Wachtwoord instellen", "Set your password"));
	error_summary(r);
	form_begin(r, arena_printf(r->a, "/password/%s", r->param[0]), NULL);
	input_field(r, "password", "new", tr(r, "Nieuw wachtwoord", "New password"), NULL,
		    tr(r, "Minstens 10 tekens.", "At least 10 characters."), true);
	input_field(r, "password", "repeat", tr(r, "Herhaal het wachtwoord", "Repeat the password"),
		    NULL, NULL, true);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
	html(&r->out, "</div>");
	page_end(r);
}

void page_password_link_form(req *r)
{
	if (link_person(r))
		link_form(r);
}

void page_password_link(req *r)
{
	int64_t pid = link_person(r);
	if (!pid)
		return;
	const char *pw;
	if (!field_new_password(r, &pw)) {
		r->status = 400;
		link_form(r);
		return;
	}
	char hash[PASSWORD_HASH_MAX];
	if (!password_hash(pw, hash)) {
		reply_error(r, 500, NULL);
		return;
	}
	if (replace_password(r, pid, hash, false))
		reply_redirect(r, "/login?done=1");
}

/* ---- API tokens ---- */

void page_account_token_create(req *r)
{
	const char *name;
	api_token *ts;
	int n;
	store_rc rc = store_api_tokens(r->st, r->a, r->user->id, &ts, &n);
	if (!ok_or_reply(r, rc))
		return;
	if (field_text(r, "token_name", TOKEN_NAME_MAX, true, &name) && n >= TOKENS_MAX)
		field_error(r, "token_name", arena_printf(r->a, tr(r, "Je hebt al %d tokens; trek er eerst een in.",
								   "You already have %d tokens; revoke one first."),
							  n));
	if (r->nerrors) {
		r->status = 400;
		account_page(r, NULL, NULL);
		return;
	}
	char raw[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(raw);
	const char *tok = arena_printf(r->a, "%s%s", TOKEN_PREFIX, raw);
	token_hash("api", tok, h);
	int64_t id;
	rc = store_api_token_create(r->st, r->user->id, name, arena_printf(r->a, "%.8s", tok), h, &id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "api token created", name);
	if (!ok_or_reply(r, rc))
		return;
	account_page(r, tr(r, "Het API-token is gemaakt.", "The API token has been created."), tok);
}

void page_account_token_revoke(req *r)
{
	int64_t id;
	store_rc rc = parse_int64(r->param[0], 1, INT64_MAX, &id)
			      ? store_api_token_revoke(r->st, r->user->id, id)
			      : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "api token revoked", r->param[0]);
	if (!found_or_reply(r, rc))
		return;
	reply_redirect(r, "/account?revoked=1#api-tokens");
}
