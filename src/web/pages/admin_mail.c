/* admin_mail.c - /admin/mail: the site's outgoing mail, as an
 * administrator sets it (host, port, security, login, sender), a test
 * message, and the last delivery errors.
 *
 * The password is sealed (src/base/sealed.h) under the key of serve
 * --secret-key-file before it is stored, and never shown again: the page
 * says only whether one is set. The settings hold from the next mail on,
 * without a restart. serve --smtp-url on the command line goes before
 * them; the page says so. */
#include <stdlib.h>
#include <string.h>

#include "base/sealed.h"
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/site_mail.h"

#define HOST_MAX 253
#define LOGIN_MAX 200

static void security_select(req *r, const char *current)
{
	const char *const names[] = {
		tr(r, "STARTTLS (verplicht; meestal poort 587)", "STARTTLS (required; usually port 587)"),
		tr(r, "TLS vanaf het begin (meestal poort 465)", "TLS from the start (usually port 465)"),
		tr(r, "STARTTLS als de server het aanbiedt (alleen voor een server op dit netwerk)",
		   "STARTTLS when the server offers it (only for a server on this network)")};
	select_field(r, "security", tr(r, "Beveiliging", "Security"), mail_securities, names, 3, current,
		     NULL);
}

/* Where the mail comes from now, and what stands in its way. */
static void source_notice(req *r, const mail_setup *ms)
{
	if (ms->source == MAIL_COMMAND_LINE)
		html(&r->out, "<p class=\"notice info\" id=\"mail-source-cli\">%s</p>",
		     tr(r, "Ingesteld via de opdrachtregel (serve --smtp-url): die instelling gaat vóór wat "
			   "hier staat. Wat je hier bewaart, geldt pas als de server zonder --smtp-url start.",
			"Set by the command line (serve --smtp-url): that setting goes before what is "
			"here. What you save here holds only once the server starts without --smtp-url."));
	else if (ms->problem)
		html(&r->out, "<p class=\"notice warn\" role=\"alert\" id=\"mail-problem\">%s</p>",
		     r->app->has_mail_key
			     ? tr(r, "Het bewaarde wachtwoord kan met dit sleutelbestand (--secret-key-file) niet "
				     "worden ontsleuteld: is het sleutelbestand vervangen? Vul het wachtwoord "
				     "opnieuw in. Tot dan gaat er geen mail uit.",
				  "The stored password cannot be decrypted with this key file "
				  "(--secret-key-file): was the key file replaced? Enter the password "
				  "again. Until then no mail goes out.")
			     : tr(r, "Er is een wachtwoord bewaard, maar de server is gestart zonder "
				     "--secret-key-file: het kan niet worden ontsleuteld. Tot dan gaat er geen "
				     "mail uit.",
				  "A password is stored, but the server was started without "
				  "--secret-key-file: it cannot be decrypted. Until then no mail goes out."));
	else if (ms->source == MAIL_OFF)
		html(&r->out, "<p class=\"notice info\" id=\"mail-off\">%s</p>",
		     tr(r, "Er is geen uitgaande mail ingesteld. Uitnodigingen tonen dan de links om zelf door "
			   "te sturen; herinneringen gaan niet uit.",
			"No outgoing mail is set up. Invitations then show the links to pass on yourself; "
			"reminders do not go out."));
}

static void password_field(req *r, bool is_set)
{
	const char *state = is_set ? tr(r, "Er is een wachtwoord ingesteld.", "A password is set.")
				   : tr(r, "Er is geen wachtwoord ingesteld.", "No password is set.");
	const char *how = r->app->has_mail_key
				  ? tr(r, "Leeg laten houdt het bewaarde wachtwoord. Het wordt versleuteld "
					  "bewaard en nooit getoond.",
				       "Leave empty to keep the stored password. It is stored encrypted and "
				       "never shown.")
				  : tr(r, "Start de server met --secret-key-file om een wachtwoord te kunnen "
					  "bewaren.",
				       "Start the server with --secret-key-file to be able to store a "
				       "password.");
	input_field(r, "password", "password", tr(r, "Wachtwoord", "Password"), NULL,
		    arena_printf(r->a, "%s %s", state, how), false);
	html(&r->out, "<p id=\"password-state\" data-set=\"%s\" hidden></p>", is_set ? "yes" : "no");
	if (is_set)
		html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-clear_password\" "
			      "name=\"clear_password\" value=\"1\"><label for=\"f-clear_password\">%s</label></div>",
		     tr(r, "Wachtwoord wissen", "Clear the password"));
}

static void settings_form(req *r, const mail_site_settings *s)
{
	html(&r->out, "<h2>%s</h2>", tr(r, "Uitgaande mail", "Outgoing mail"));
	error_summary(r);
	form_begin(r, "/admin/mail", "stack");
	input_field(r, "text", "host", tr(r, "Mailserver", "Mail server"), s->host,
		    tr(r, "Bijvoorbeeld smtp.example.org. Leeg: geen uitgaande mail.",
		       "For example smtp.example.org. Empty: no outgoing mail."),
		    false);
	input_field(r, "number", "port", tr(r, "Poort", "Port"), arena_printf(r->a, "%d", s->port), NULL, true);
	security_select(r, s->security);
	input_field(r, "text", "user", tr(r, "Gebruikersnaam", "User name"), s->user,
		    tr(r, "Leeg: niet inloggen.", "Empty: no login."), false);
	password_field(r, *s->password_sealed != 0);
	input_field(r, "email", "from", tr(r, "Afzender", "Sender"), s->from,
		    tr(r, "Het adres waar de mails van komen.", "The address the mails come from."), true);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
}

static void test_form(req *r)
{
	html(&r->out, "<h2>%s</h2>", tr(r, "Testbericht", "Test message"));
	form_begin(r, "/admin/mail/test", "stack");
	input_field(r, "email", "to", tr(r, "Stuur een testbericht naar", "Send a test message to"), NULL, NULL,
		    true);
	html(&r->out, "<button>%s</button>", tr(r, "Testbericht sturen", "Send a test message"));
	form_end(r);
}

/* The mails that could not be sent; false after a reply. */
static bool failures_list(req *r)
{
	mail_failure *fs;
	int n;
	store_rc rc = store_mail_failures(r->st, r->a, &fs, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<h2>%s</h2>", tr(r, "Laatste afleverfouten", "Last delivery errors"));
	if (!n) {
		html(&r->out, "<p id=\"mail-failures-none\">%s</p>", tr(r, "Geen.", "None."));
		return true;
	}
	html(&r->out, "<table id=\"mail-failures\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Wanneer", "When"), tr(r, "Aan", "To"), tr(r, "Wat", "What"), tr(r, "Fout", "Error"));
	for (int i = 0; i < n; i++) {
		char at[21];
		format_moment(fs[i].at, at);
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", at, fs[i].recipient,
		     fs[i].context, fs[i].error);
	}
	html(&r->out, "</tbody></table><p class=\"hint\">%s</p>",
	     arena_printf(r->a, tr(r, "De laatste %d; van een adres alleen de eerste letter en het domein.",
				   "The last %d; of an address only its first letter and the domain."),
			  MAIL_FAILURES_KEPT));
	return true;
}

/* The page; `notice` (may be NULL) reports what the last POST did. */
static void mail_page(req *r, const char *notice, bool notice_ok)
{
	mail_setup ms;
	mail_site_settings s;
	store_rc rc = outbox_settings_load(r->st, r->a, &s);
	if (rc == ST_NOTFOUND)
		s = (mail_site_settings){"", 587, "starttls", "", "", ""};
	else if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	if (!site_mail_or_reply(r, &ms))
		return;
	page_begin(r, tr(r, "E-mail · Beheer", "E-mail · Administration"));
	html(&r->out, "<p class=\"meta\"><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(r, "Beheer", "Administration"),
	     tr(r, "Beheer: e-mail", "Administration: e-mail"));
	if (notice)
		html(&r->out, "<p class=\"notice%s\" role=\"status\" id=\"mail-notice\">%s</p>",
		     notice_ok ? "" : " warn", notice);
	source_notice(r, &ms);
	settings_form(r, &s);
	test_form(r);
	if (failures_list(r))
		page_end(r);
}

void page_admin_mail(req *r)
{
	mail_page(r, NULL, true);
}

/* ---- saving ---- */

/* A host name or an IP address: letters, digits, dots, hyphens, or the
 * colons and hex digits of IPv6. */
static bool host_ok(req *r, const char *host)
{
	bool ok = *host && strlen(host) <= HOST_MAX && host[0] != '-' && host[0] != '.';
	for (const char *p = host; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		     *p == '.' || *p == '-' || *p == ':';
	if (!ok)
		field_error(r, "host", tr(r, "Geef de naam of het IP-adres van de mailserver, zoals "
					     "smtp.example.org: letters, cijfers, punten en streepjes.",
					  "Give the name or IP address of the mail server, such as "
					  "smtp.example.org: letters, digits, dots and hyphens."));
	return ok;
}

/* A user name or password as given (not trimmed): one line of text
 * without control characters, at most LOGIN_MAX characters. */
static bool login_field(req *r, const char *name, const char **out)
{
	const char *v = form_get(r, name);
	*out = v ? v : "";
	if (utf8_valid_text(*out, strlen(*out), false) && !strchr(*out, '\t') &&
	    utf8_length(*out) <= LOGIN_MAX)
		return true;
	field_error(r, name, arena_printf(r->a, tr(r, "Eén regel tekst zonder tabs of andere stuurtekens, "
						     "ten hoogste %d tekens.",
						  "One line of text without tabs or other control "
						  "characters, at most %d characters."),
					  LOGIN_MAX));
	return false;
}

static bool sender_ok(req *r, const char **from)
{
	if (!field_text(r, "from", 254, true, from))
		return false;
	if (mail_address_ok(*from))
		return true;
	field_error(r, "from", tr(r, "Geef het e-mailadres van de afzender, zoals werkplaats@example.org.",
				  "Give the sender's e-mail address, such as werkplaats@example.org."));
	return false;
}

/* The sealed password to store: the old one, none, or the new one
 * sealed under the key file's key. */
static bool sealed_password(req *r, const char *typed, const char *old, const char **out)
{
	*out = old;
	if (field_checkbox(r, "clear_password"))
		*out = "";
	else if (*typed && !r->app->has_mail_key)
		field_error(r, "password", tr(r, "Zonder sleutelbestand kan geen wachtwoord worden bewaard: start "
						 "de server met --secret-key-file PAD.",
					      "Without a key file no password can be stored: start the "
					      "server with --secret-key-file PATH."));
	else if (*typed) {
		char *sealed = sealed_seal(r->app->mail_key, typed);
		*out = arena_strdup(r->a, sealed ? sealed : "");
		free(sealed);
	}
	return !field_error_for(r, "password");
}

/* Read and check every field into *s (its password still the old one). */
static bool read_settings(req *r, mail_site_settings *s)
{
	int64_t port = 587;
	int sec = 0;
	const char *typed;
	bool ok = host_ok(r, s->host);
	ok = field_int(r, "port", 1, 65535, &port) && ok;
	ok = field_choice(r, "security", mail_securities, &sec) && ok;
	ok = login_field(r, "user", &s->user) && ok;
	ok = login_field(r, "password", &typed) && ok;
	ok = sender_ok(r, &s->from) && ok;
	s->port = (int)port;
	s->security = mail_securities[sec];
	if (ok && !mail_url_ok(outbox_settings_url(r->a, s))) {
		field_error(r, "host", tr(r, "Met deze naam en poort kan geen verbinding worden gemaakt.",
					  "No connection can be made with this name and port."));
		ok = false;
	}
	return sealed_password(r, typed, s->password_sealed, &s->password_sealed) && ok;
}

void page_admin_mail_save(req *r)
{
	mail_site_settings old, s = {0};
	store_rc rc = outbox_settings_load(r->st, r->a, &old);
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return;
	field_text(r, "host", HOST_MAX, false, &s.host);
	if (!r->nerrors && !*s.host) { /* mail off */
		rc = outbox_settings_clear(r->st);
		if (rc == ST_OK)
			rc = store_audit(r->st, r->user->id, 0, "mail settings", "cleared");
	} else {
		s.password_sealed = rc == ST_OK ? old.password_sealed : "";
		if (r->nerrors || !read_settings(r, &s)) {
			r->status = 400;
			mail_page(r, NULL, true);
			return;
		}
		rc = outbox_settings_save(r->st, &s);
		if (rc == ST_OK)
			rc = store_audit(r->st, r->user->id, 0, "mail settings",
					 arena_printf(r->a, "%s port %d, %s, password %s", s.host, s.port,
						      s.security, *s.password_sealed ? "set" : "not set"));
	}
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/admin/mail");
}

/* ---- the test message ---- */

static bool send_test(req *r, const mail_setup *ms, const char *to, const char **error)
{
	mail_sender *s = mail_sender_open(&ms->cfg);
	mail_message m = {to, "Testbericht van werkplaats / Test message from werkplaats",
			  "Dit is een testbericht: de uitgaande mail van werkplaats werkt.\n\n"
			  "This is a test message: the outgoing mail of werkplaats works.\n"};
	char err[256];
	bool ok = mail_send(s, &m, err, sizeof err);
	mail_sender_close(s);
	*error = ok ? NULL : arena_strdup(r->a, err);
	return ok;
}

void page_admin_mail_test(req *r)
{
	const char *to, *error = NULL;
	mail_setup ms;
	if (!field_email(r, "to", &to) || !mail_address_ok(to)) {
		r->status = 400;
		mail_page(r, NULL, true);
		return;
	}
	if (!site_mail_or_reply(r, &ms))
		return;
	if (!outbox_ready(&ms)) {
		r->status = 400;
		mail_page(r, tr(r, "Er is geen bruikbare uitgaande mail ingesteld: er is niets verstuurd.",
				"No usable outgoing mail is set up: nothing was sent."),
			  false);
		return;
	}
	bool ok = send_test(r, &ms, to, &error);
	outgoing o = {0, to, PERSP_OTHER, NULL, error};
	if (outbox_record(r->st, r->a, &o, 1, "test") != ST_OK)
		r->log_note = arena_printf(r->a, "test mail not recorded: %s", store_errmsg(r->st));
	mail_page(r, ok ? arena_printf(r->a, tr(r, "Het testbericht is verstuurd naar %s.",
					      "The test message has been sent to %s."),
				       to)
			: arena_printf(r->a, tr(r, "Het testbericht kon niet worden verstuurd: %s",
					      "The test message could not be sent: %s"),
				       error),
		  ok);
}
