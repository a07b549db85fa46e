/* login.c - logging in and out, with the second step of a password login
 * (/login/totp) for people who set one up, and the language switch. */
#include <pthread.h>
#include <string.h>

#include "base/token.h"
#include "base/totp.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/second_factor.h"
#include "web/sign_in.h"

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

#define CHALLENGE_SECONDS (5 * 60)

static void challenge_form(req *r, const char *token)
{
	page_begin(r, tr(r, "Inloggen", "Log in"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1><p>%s</p>", tr(r, "Inloggen: tweede stap", "Log in: second step"),
	     tr(r, "Vul de code in die je authenticator-app nu toont.", "Enter the code your authenticator app shows now."));
	error_summary(r);
	form_begin(r, "/login/totp", NULL);
	html(&r->out, "<input type=\"hidden\" name=\"challenge\" value=\"%s\">", token);
	totp_code_field(r);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Inloggen", "Log in"));
	form_end(r);
	html(&r->out, "</div>");
	page_end(r);
}

/* After a right password: ask for the code (a challenge, then its form). */
static void login_totp_challenge(req *r, int64_t person_id, const char *next)
{
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(tok);
	token_hash("login2", tok, h);
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = store_login_challenge_create(r->st, h, person_id, wp_now() + CHALLENGE_SECONDS, next);
	if (rc == ST_OK)
		rc = store_commit(r->st);
	else
		store_rollback(r->st);
	if (!ok_or_reply(r, rc))
		return;
	challenge_form(r, tok);
}

/* Count a wrong code against the person and the address, in its own
 * transaction (the request's work is rolled back). */
static void totp_failure(req *r, const char *key)
{
	if (store_begin(r->st) != ST_OK)
		return;
	store_throttle_fail(r->st, key, wp_now(), THROTTLE_WINDOW);
	store_throttle_fail(r->st, arena_printf(r->a, "addr:%s", r->client), wp_now(), THROTTLE_WINDOW);
	store_commit(r->st);
}

void page_login_totp(req *r)
{
	const char *tok = form_get(r, "challenge");
	char h[HASH_HEX + 1];
	int64_t pid = 0, step;
	char *next = NULL;
	if (!tok || !token_well_formed(tok)) {
		reply_error(r, 400, tr(r, "Log opnieuw in.", "Log in again."));
		return;
	}
	token_hash("login2", tok, h);
	store_rc rc = store_login_challenge_get(r->st, r->a, h, wp_now(), &pid, &next);
	if (rc == ST_NOTFOUND) {
		reply_error(r, 410, tr(r, "Deze inlogpoging is verlopen. Log opnieuw in.",
				       "This login has expired. Log in again."));
		return;
	}
	const char *key = arena_printf(r->a, "totp:%lld", (long long)pid);
	bool blocked = false;
	if (rc == ST_OK)
		rc = store_throttle_blocked(r->st, key, wp_now(), THROTTLE_WINDOW, THROTTLE_ACCOUNT, &blocked);
	if (rc == ST_OK && !blocked)
		rc = store_throttle_blocked(r->st, arena_printf(r->a, "addr:%s", r->client), wp_now(), THROTTLE_WINDOW,
					    THROTTLE_ADDRESS, &blocked);
	if (!ok_or_reply(r, rc))
		return;
	if (blocked) {
		reply_header(r, "Retry-After", "900");
		reply_error(r, 429, tr(r, "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.",
				       "Too many failed attempts. Wait fifteen minutes, then try again."));
		return;
	}
	totp_row t;
	rc = store_totp_get(r->st, r->a, pid, &t);
	const char *secret = rc == ST_OK && t.confirmed ? totp_secret_open(r, &t) : NULL;
	bool ok = secret && totp_check(secret, form_get(r, "code"), wp_now(), t.last_step, &step);
	if ((rc = store_begin(r->st)) == ST_OK && ok) {
		/* of two requests with the same code, one gets here */
		rc = store_totp_used(r->st, pid, step);
		ok = rc == ST_OK;
		if (rc == ST_CONFLICT)
			rc = ST_OK;
	}
	if (rc == ST_OK && ok)
		rc = store_login_challenge_delete(r->st, h);
	if (rc == ST_OK && ok)
		rc = store_throttle_clear(r->st, key);
	if (rc == ST_OK && ok)
		rc = session_start(r, pid);
	if (rc == ST_OK && ok)
		rc = store_audit(r->st, pid, 0, "login", "second factor");
	if (rc == ST_OK && ok)
		rc = store_commit(r->st);
	else
		store_rollback(r->st);
	if (rc != ST_OK) {
		r->headers.n = 0;
		reply_store_error(r, rc);
	} else if (!ok) {
		totp_failure(r, key);
		field_error(r, "code", tr(r, "Deze code klopt niet of is al gebruikt. Wacht op de volgende code van je app.",
					  "This code is wrong or was used already. Wait for the next code of your app."));
		r->status = 400;
		challenge_form(r, tok);
	} else {
		reply_redirect(r, next);
	}
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
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return;
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
	if (p.has_totp) { /* the second step first */
		login_totp_challenge(r, p.id, safe_next(form_get(r, "next")));
		return;
	}
	if ((rc = store_begin(r->st)) != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	store_throttle_clear(r->st, acct_key);
	ok_or_reply(r, session_start(r, p.id));
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
		if (!ok_or_reply(r, rc))
			return;
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
