/* totp.c - the second factor of password accounts: setting it
 * up on /account/totp (the secret as a QR code and as text, confirmed
 * with a code) and switching it off; the second step of logging in
 * (/login/totp) is in login.c. Codes come from src/base/totp.h; a code is
 * never accepted twice (store_totp_used); wrong codes count against the
 * account and the address like wrong passwords. The secret is stored
 * sealed under the key of serve --secret-key-file: without that key
 * there is no second factor. With that key (and without serve
 * --admin-totp-optional) a site administrator with a password and no
 * second factor is sent here before anything else (routes.c). */
#include <stdlib.h>
#include <string.h>

#include "base/sealed.h"
#include "base/totp.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/qr.h"
#include "web/second_factor.h"

/* ---- /account/totp */

static void setup_part(req *r, const char *secret)
{
	const char *uri = arena_printf(r->a, "otpauth://totp/werkplaats:%s?secret=%s&issuer=werkplaats&digits=%d&period=%d",
				       query_escape(r, r->user->email), secret, TOTP_DIGITS, TOTP_STEP);
	html(&r->out, "<p>%s</p><div class=\"qr\" id=\"totp-qr\">",
	     tr(r, "Scan deze code met een authenticator-app, of typ de sleutel eronder over. Vul daarna de code "
		   "in die de app toont.",
		"Scan this code with an authenticator app, or type in the key below it. Then enter the code "
		"the app shows."));
	qr_svg(&r->out, uri, tr(r, "QR-code voor je authenticator-app", "QR code for your authenticator app"));
	html(&r->out, "</div><p>%s <code id=\"totp-secret\">%s</code></p>", tr(r, "Sleutel:", "Key:"), secret);
	form_begin(r, "/account/totp/confirm", "stack");
	totp_code_field(r);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Bevestigen", "Confirm"));
	form_end(r);
}

static void totp_page(req *r, const char *notice)
{
	totp_row t = {0};
	store_rc rc = store_totp_get(r->st, r->a, r->user->id, &t);
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return;
	bool have = rc == ST_OK;
	page_begin(r, tr(r, "Inloggen in twee stappen", "Two-step login"));
	html(&r->out, "<div class=\"narrow\"><p class=\"meta\"><a href=\"/account\">%s</a></p><h1>%s</h1>",
	     tr(r, "Je account", "Your account"), tr(r, "Inloggen in twee stappen", "Two-step login"));
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"totp-notice\">%s</p>", notice);
	if (r->app->require_admin_totp && r->user->is_admin && !(have && t.confirmed))
		html(&r->out, "<p class=\"notice warn\" id=\"totp-required\">%s</p>",
		     tr(r, "Als beheerder moet je eerst inloggen in twee stappen instellen.",
			"As an administrator you must set up two-step login first."));
	error_summary(r);
	if (!r->app->has_mail_key) {
		html(&r->out, "<p id=\"totp-unavailable\">%s</p>",
		     tr(r, "Deze server is gestart zonder --secret-key-file; daarom kan er geen tweede stap worden "
			   "ingesteld.",
			"This server was started without --secret-key-file, so no second step can be set up."));
	} else if (have && t.confirmed) {
		html(&r->out, "<p id=\"totp-on\">%s</p>",
		     tr(r, "Aan: na je wachtwoord vraagt werkplaats een code uit je app.",
			"On: after your password werkplaats asks for a code from your app."));
		if (!(r->app->require_admin_totp && r->user->is_admin)) {
			form_begin(r, "/account/totp/disable", "stack");
			totp_code_field(r);
			html(&r->out, "<button>%s</button>", tr(r, "Uitzetten", "Switch off"));
			form_end(r);
		}
	} else if (have && totp_secret_open(r, &t)) {
		setup_part(r, totp_secret_open(r, &t));
	} else {
		html(&r->out, "<p id=\"totp-off\">%s</p>",
		     tr(r, "Uit. Met een tweede stap vraagt werkplaats na je wachtwoord ook een code uit een "
			   "authenticator-app op je telefoon.",
			"Off. With a second step werkplaats asks, after your password, also for a code from an "
			"authenticator app on your phone."));
		form_begin(r, "/account/totp/start", NULL);
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Instellen", "Set up"));
		form_end(r);
	}
	html(&r->out, "</div>");
	page_end(r);
}

void page_account_totp(req *r)
{
	totp_page(r, NULL);
}

void page_account_totp_start(req *r)
{
	if (!r->app->has_mail_key) {
		reply_error(r, 409, tr(r, "Deze server heeft geen sleutelbestand (--secret-key-file).",
				       "This server has no key file (--secret-key-file)."));
		return;
	}
	char secret[TOTP_SECRET_B32 + 1];
	totp_secret_new(secret);
	char *sealed = sealed_seal(r->app->mail_key, secret);
	store_rc rc = store_totp_begin(r->st, r->user->id, sealed);
	free(sealed);
	if (rc == ST_CONFLICT) {
		reply_error(r, 409, tr(r, "Inloggen in twee stappen staat al aan.", "Two-step login is already on."));
		return;
	}
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/account/totp");
}

/* The code of the form checked against the person's secret: *step set;
 * false after a field error (and a counted failure). */
static bool code_ok(req *r, const totp_row *t, int64_t *step)
{
	const char *secret = totp_secret_open(r, t);
	if (secret && totp_check(secret, form_get(r, "code"), wp_now(), t->last_step, step))
		return true;
	probe_failure(r);
	field_error(r, "code", tr(r, "Deze code klopt niet of is al gebruikt. Wacht op de volgende code van je app.",
				  "This code is wrong or was used already. Wait for the next code of your app."));
	r->status = 400;
	return false;
}

/* The person's row for confirming or switching off; false after replying. */
static bool row_or_reply(req *r, totp_row *t, bool confirmed)
{
	store_rc rc = store_totp_get(r->st, r->a, r->user->id, t);
	if (rc == ST_OK && t->confirmed == confirmed)
		return true;
	if (rc == ST_OK || rc == ST_NOTFOUND)
		reply_error(r, 409, confirmed ? tr(r, "Inloggen in twee stappen staat uit.", "Two-step login is off.")
					      : tr(r, "Begin eerst met instellen.", "Start setting it up first."));
	else
		reply_store_error(r, rc);
	return false;
}

void page_account_totp_confirm(req *r)
{
	totp_row t;
	int64_t step;
	if (probe_blocked(r) || !row_or_reply(r, &t, false))
		return;
	if (!code_ok(r, &t, &step)) {
		totp_page(r, NULL);
		return;
	}
	store_rc rc = store_totp_confirm(r->st, r->user->id, step, wp_now());
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "second factor on", "");
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/account/totp");
}

void page_account_totp_disable(req *r)
{
	totp_row t;
	int64_t step;
	if (probe_blocked(r) || !row_or_reply(r, &t, true))
		return;
	if (r->app->require_admin_totp && r->user->is_admin) {
		reply_error(r, 409, tr(r, "Beheerders kunnen inloggen in twee stappen niet uitzetten.",
				       "Administrators cannot switch two-step login off."));
		return;
	}
	if (!code_ok(r, &t, &step)) {
		totp_page(r, NULL);
		return;
	}
	store_rc rc = store_totp_delete(r->st, r->user->id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "second factor off", "");
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/account/totp");
}
