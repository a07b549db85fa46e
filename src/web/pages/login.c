/* login.c - logging in and out, the language switch, the account page
 * (password change) and one-time password links. */
#include <pthread.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/sign_in.h"

#define LINK_SECONDS (7 * 24 * 3600)

static void login_form(req *r, const char *notice)
{
	const char *next = r->post ? form_get(r, "next") : req_query(r, "next");
	page_begin(r, tr(r, "Inloggen", "Log in"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1>", tr(r, "Inloggen", "Log in"));
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	error_summary(r);
	bool any = sign_in_buttons(r, safe_next(next));
	if (password_login_on(r)) {
		if (any)
			html(&r->out, "<h2>%s</h2>", tr(r, "Met een wachtwoord", "With a password"));
		form_begin(r, "/login", NULL);
		html(&r->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">", safe_next(next));
		input_field(r, "email", "email", tr(r, "E-mailadres", "E-mail address"), NULL, NULL, true);
		input_field(r, "password", "password", tr(r, "Wachtwoord", "Password"), NULL, NULL, true);
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Inloggen", "Log in"));
		form_end(r);
	}
	html(&r->out, "<p class=\"hint\">%s</p></div>",
	     tr(r, "Wil je een vragenlijst invullen? Gebruik dan de link of QR-code die je hebt "
		   "gekregen; daarvoor hoef je niet in te loggen.",
		"Do you want to answer a questionnaire? Use the link or QR code you were given; you "
		"do not need to log in for that."));
	page_end(r);
}

void page_login_form(req *r)
{
	if (r->user) {
		reply_redirect(r, safe_next(req_query(r, "next")));
		return;
	}
	const char *done = req_query(r, "done");
	login_form(r, done ? tr(r, "Je wachtwoord is ingesteld. Je kunt nu inloggen.",
				"Your password has been set. You can log in now.")
			   : NULL);
}

/* A hash to verify against when the account does not exist, so that a
 * wrong e-mail address costs as much time as a wrong password. */
static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy_hash(void)
{
	char pw[TOKEN_CHARS + 1];
	token_random(pw);
	if (!password_hash(pw, dummy_hash))
		die("cannot hash a password (out of memory)");
}

static bool throttled(req *r, const char *key, int max)
{
	bool blocked = false;
	store_throttle_blocked(r->st, key, wp_now(), THROTTLE_WINDOW, max, &blocked);
	return blocked;
}

static void record_failure(req *r, const char *acct_key, const char *addr_key)
{
	if (store_begin(r->st) != ST_OK)
		return;
	store_throttle_fail(r->st, acct_key, wp_now(), THROTTLE_WINDOW);
	store_throttle_fail(r->st, addr_key, wp_now(), THROTTLE_WINDOW);
	store_commit(r->st);
}

static void start_session(req *r, int64_t person_id)
{
	store_rc rc = session_start(r, person_id);
	if (rc != ST_OK)
		reply_store_error(r, rc);
}

void page_login(req *r)
{
	if (!password_login_on(r)) {
		reply_error(r, 403, tr(r, "Inloggen met een wachtwoord staat uit op deze site. Log in via je "
					  "instelling.",
				       "Logging in with a password is switched off on this site. Sign in "
				       "through your institution."));
		return;
	}
	const char *email = NULL, *password = form_get(r, "password");
	field_email(r, "email", &email);
	if (!password || !*password)
		field_error(r, "password", tr(r, "Vul je wachtwoord in.", "Please enter your password."));
	if (r->nerrors) {
		r->status = 400;
		login_form(r, NULL);
		return;
	}
	const char *acct_key = arena_printf(r->a, "login:%s", email);
	const char *addr_key = arena_printf(r->a, "addr:%s", r->client);
	if (throttled(r, acct_key, THROTTLE_ACCOUNT) || throttled(r, addr_key, THROTTLE_ADDRESS)) {
		reply_error(r, 429, tr(r, "Te veel mislukte pogingen. Wacht een kwartier en probeer het "
					  "dan opnieuw.",
				       "Too many failed attempts. Wait fifteen minutes, then try again."));
		reply_header(r, "Retry-After", "900");
		return;
	}
	person p;
	char *hash = NULL;
	store_rc rc = store_person_by_email(r->st, r->a, email, &p, &hash);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		reply_store_error(r, rc);
		return;
	}
	pthread_once(&dummy_once, make_dummy_hash);
	bool ok = password_verify(hash ? hash : dummy_hash, password) && rc == ST_OK && hash &&
		  !p.disabled;
	if (!ok) {
		record_failure(r, acct_key, addr_key);
		field_error(r, "password", tr(r, "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
					      "This e-mail address and password do not match."));
		r->status = 400;
		login_form(r, NULL);
		return;
	}
	if (p.has_totp) { /* the second step first (totp.c) */
		login_totp_challenge(r, p.id, safe_next(form_get(r, "next")));
		return;
	}
	if ((rc = store_begin(r->st)) != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	store_throttle_clear(r->st, acct_key);
	start_session(r, p.id);
	store_audit(r->st, p.id, 0, "login", "");
	if (r->status < 400 && (rc = store_commit(r->st)) != ST_OK) {
		r->headers.n = 0;
		reply_store_error(r, rc);
	}
	if (r->status >= 400) {
		store_rollback(r->st);
		return;
	}
	reply_redirect(r, safe_next(form_get(r, "next")));
}

void page_logout(req *r)
{
	if (r->session_token) {
		char h[HASH_HEX + 1];
		token_hash("session", r->session_token, h);
		store_rc rc = store_session_delete(r->st, h);
		if (rc != ST_OK) {
			reply_store_error(r, rc);
			return;
		}
	}
	set_cookie(r, "wp_session", "", 0);
	reply_redirect(r, "/login");
}

void page_lang(req *r)
{
	const char *lang = form_get(r, "lang");
	if (!lang || (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)) {
		reply_error(r, 400, "Kies nl of en. / Choose nl or en.");
		return;
	}
	reply_header(r, "Set-Cookie",
		     arena_printf(r->a, "wp_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", lang,
				  cookie_secure(r) ? "; Secure" : ""));
	reply_redirect(r, safe_next(form_get(r, "next")));
}

/* ---- account ---- */

void account_page(req *r, const char *notice, const char *new_token)
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
		account_tokens_section(r, new_token);
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
	account_tokens_section(r, new_token);
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
		start_session(r, person_id);
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
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		reply_store_error(r, rc);
		return;
	}
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
