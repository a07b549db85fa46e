/* round_invite.c - /pw/{slug}/rounds/{id}/invitations and /remind:
 * personal invitations to a round, by e-mail when a mail server is
 * configured, otherwise as links shown once to the coordinator.
 *
 * A personal token is random and never stored: invitation_tokens keeps
 * its "invite" hash, and the response started with it gets its
 * "response" hash, so an address can never be joined to a response.
 * A reminder mints a new token for the same invitation.
 *
 * Both handlers run their own transactions (TX_SELF): the invitations
 * (or reminder tokens) are committed before any mail leaves, so a mail
 * never carries a link that does not work; marking mails as sent is a
 * second, short transaction afterwards. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "io/csv.h"
#include "io/outbox.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/pages/round.h"
#include "web/site_mail.h"

#define LIST_CHARS_MAX 600000 /* characters of the pasted list */
#define ERRORS_SHOWN 100      /* problems listed; the rest are counted */

/* ---- the form and its problems ---- */

static const char *problem_text(req *r, const invite_error *e)
{
	const char *t = e->text ? e->text : "";
	switch (e->problem) {
	case INV_BAD_EMAIL:
		return arena_printf(r->a, tr(r, "regel %d: '%s' is geen e-mailadres",
					     "line %d: '%s' is not an e-mail address"),
				    e->line, t);
	case INV_NO_PERSPECTIVE:
		return arena_printf(r->a, tr(r, "regel %d: bij '%s' staat geen perspectief (zoals student of docent)",
					     "line %d: '%s' has no perspective (such as student or teacher)"),
				    e->line, t);
	case INV_BAD_PERSPECTIVE:
		return arena_printf(r->a, tr(r, "regel %d: '%s' is geen perspectief; kies student, "
					        "professional, docent, onderzoeker, burger, leidinggevende "
					        "of anders",
					     "line %d: '%s' is not a perspective; choose student, "
					     "professional, teacher, researcher, citizen, manager or other"),
				    e->line, t);
	case INV_EXTRA_FIELDS:
		return arena_printf(r->a, tr(r, "regel %d: te veel velden ('%s'); geef alleen een "
					        "e-mailadres en een perspectief",
					     "line %d: too many fields ('%s'); give only an e-mail address "
					     "and a perspective"),
				    e->line, t);
	case INV_BAD_TEXT:
		return arena_printf(r->a, tr(r, "regel %d: bevat tekens die niet zijn toegestaan",
					     "line %d: contains characters that are not allowed"),
				    e->line);
	case INV_TOO_LONG:
		return arena_printf(r->a, tr(r, "regel %d: is te lang", "line %d: is too long"), e->line);
	case INV_DUPLICATE:
		return arena_printf(r->a, tr(r, "regel %d: '%s' staat ook al op regel %d",
					     "line %d: '%s' is also on line %d"),
				    e->line, t, e->other_line);
	case INV_INVITED:
	default:
		return arena_printf(r->a, tr(r, "regel %d: '%s' is al uitgenodigd voor deze meetronde",
					     "line %d: '%s' has already been invited to this round"),
				    e->line, t);
	}
}

static void list_problems(req *r, const invite_list *l)
{
	if (!l || !l->n_errors)
		return;
	html(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"invite-errors\"><h3>%s</h3><p>%s</p><ul>",
	     tr(r, "De lijst is niet opgeslagen", "The list was not saved"),
	     tr(r, "Er is niemand uitgenodigd. Verbeter deze regels en verstuur de lijst opnieuw.",
		"Nobody was invited. Correct these lines and send the list again."));
	for (int i = 0; i < l->n_errors && i < ERRORS_SHOWN; i++)
		html(&r->out, "<li>%s</li>", problem_text(r, &l->errors[i]));
	html(&r->out, "</ul>");
	if (l->n_errors > ERRORS_SHOWN)
		html(&r->out, "<p>%s</p>", arena_printf(r->a, tr(r, "En nog %d regels met een probleem.",
								  "And %d more lines with a problem."),
							 l->n_errors - ERRORS_SHOWN));
	html(&r->out, "</div>");
}

/* The choice to take the links as a CSV file instead, and its warning. */
static void csv_option(req *r, bool mailed)
{
	html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-csv\" name=\"csv\" value=\"1\"%s>"
		      "<label for=\"f-csv\">%s</label></div>",
	     r->post && field_checkbox(r, "csv") ? " checked" : "",
	     mailed ? tr(r, "Download de persoonlijke links als CSV-bestand in plaats van e-mails te sturen",
			 "Download the personal links as a CSV file instead of sending e-mails")
		    : tr(r, "Download de persoonlijke links als CSV-bestand",
			 "Download the personal links as a CSV file"));
	html(&r->out, "<p class=\"hint\" id=\"csv-warning\"><strong>%s</strong> %s</p>",
	     tr(r, "Het bestand bevat de sleutels tot de vragenlijst:",
		"The file holds the keys to the questionnaire:"),
	     tr(r, "met een link kan iemand antwoorden alsof hij die persoon is. Zet het niet op een gedeelde "
		   "plek en verwijder het zodra iedereen zijn link heeft. Je kunt het maar één keer "
		   "downloaden: de links worden nergens bewaard (alleen onherkenbaar, als hash), dus een "
		   "tweede download is niet mogelijk.",
		"with a link anyone can answer as if they were that person. Do not put it in a shared "
		"place and delete it once everyone has their link. You can download it only once: the "
		"links are not kept anywhere (only unrecognisably, as a hash), so a second download is "
		"not possible."));
}

static void invite_form(req *r, const mround *rd, const invite_list *errors, bool mailed)
{
	html(&r->out, "<h3>%s</h3>", tr(r, "Mensen uitnodigen", "Invite people"));
	error_summary(r);
	list_problems(r, errors);
	html(&r->out, "<form method=\"post\" action=\"%s/invitations\" class=\"stack\" "
		      "enctype=\"multipart/form-data\" novalidate>"
		      "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     round_path(r, rd), csrf_token(r));
	textarea_field(r, "addresses", tr(r, "E-mailadressen met perspectief", "E-mail addresses with perspective"),
		       NULL,
		       tr(r, "Eén persoon per regel: e-mailadres, perspectief. Bijvoorbeeld: "
			     "an@voorbeeld.nl, student. Perspectieven: student, professional, docent, "
			     "onderzoeker, burger, leidinggevende, anders. Scheid met een komma, "
			     "puntkomma of tab; ten hoogste 2000 per keer.",
			  "One person a line: e-mail address, perspective. For example: "
			  "an@example.org, student. Perspectives: student, professional, teacher, "
			  "researcher, citizen, manager, other. Separate with a comma, semicolon or tab; "
			  "at most 2000 at a time."));
	const char *ferr = field_error_for(r, "file");
	html(&r->out, "<div class=\"field%s\"><label for=\"f-file\">%s</label>", ferr ? " invalid" : "",
	     tr(r, "Of een CSV-bestand (optioneel)", "Or a CSV file (optional)"));
	if (ferr)
		html(&r->out, "<p class=\"field-error\" id=\"e-file\">%s</p>", ferr);
	html(&r->out, "<input type=\"file\" id=\"f-file\" name=\"file\" accept=\".csv,.txt,text/csv,text/plain\"");
	if (ferr)
		html(&r->out, " aria-describedby=\"e-file\"");
	html(&r->out, "></div>");
	csv_option(r, mailed);
	html(&r->out, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form>",
	     mailed ? tr(r, "Iedereen krijgt een e-mail met een persoonlijke link.",
			 "Everyone gets an e-mail with a personal link.")
		    : tr(r, "Er is geen mailserver ingesteld: je krijgt de persoonlijke links één keer te "
			    "zien, om zelf door te sturen.",
			 "No mail server is configured: you will see the personal links once, to pass "
			 "on yourself."),
	     tr(r, "Uitnodigen", "Invite"));
}

static void remind_form(req *r, const mround *rd, int pending, bool mailed)
{
	html(&r->out, "<h3>%s</h3>", tr(r, "Herinneren", "Remind"));
	if (!mailed) {
		html(&r->out, "<p class=\"hint\">%s</p>",
		     tr(r, "Herinneringen gaan per e-mail; er is geen mailserver ingesteld.",
			"Reminders are sent by e-mail; no mail server is configured."));
		return;
	}
	form_begin(r, arena_printf(r->a, "%s/remind", round_path(r, rd)), "inline");
	html(&r->out, "<button%s>%s</button>", pending ? "" : " disabled",
	     arena_printf(r->a, tr(r, "Herinnering sturen aan wie nog niet heeft geantwoord (%d)",
				   "Send a reminder to those who have not answered (%d)"),
			  pending));
	form_end(r);
}

void round_invite_section(req *r, const mround *rd, round_state state, const invite_list *errors)
{
	int invited, responded;
	mail_setup ms;
	store_rc rc = store_invitation_counts(r->st, rd->id, &invited, &responded);
	if (!ok_or_reply(r, rc))
		return;
	if (!site_mail_or_reply(r, &ms))
		return;
	html(&r->out, "<section aria-labelledby=\"invitations\"><h2 id=\"invitations\">%s</h2>",
	     tr(r, "Persoonlijke uitnodigingen", "Personal invitations"));
	html(&r->out, "<p>%s</p>",
	     arena_printf(r->a, tr(r, "%d uitgenodigd; %d daarvan hebben geantwoord.",
				   "%d invited; %d of them have answered."),
			  invited, responded));
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "Wie er heeft geantwoord, is nergens te zien: alleen het aantal.",
		"Who has answered is not shown anywhere: only the number."));
	if (round_may_change(r) && state != ROUND_CLOSED) {
		invite_form(r, rd, errors, outbox_ready(&ms));
		remind_form(r, rd, invited - responded, outbox_ready(&ms));
		round_reminders_section(r, rd, &ms);
		html(&r->out, "<p><a href=\"/pw/%s/mail-templates\" id=\"mail-templates-link\">%s</a></p>",
		     r->wp->slug, tr(r, "Teksten van de e-mails aanpassen", "Adjust the texts of the e-mails"));
	} else if (round_may_change(r)) {
		html(&r->out, "<p>%s</p>", tr(r, "De meetronde is gesloten; uitnodigen kan niet meer.",
					     "The round is closed; inviting is no longer possible."));
	}
	html(&r->out, "</section>");
}

/* ---- reading the list ---- */

/* The list from the text area or the uploaded file; false (with field
 * errors) when neither or both are given, or the file is not UTF-8 text. */
static bool read_list(req *r, invite_list *l)
{
	const char *text;
	field_multiline(r, "addresses", LIST_CHARS_MAX, false, &text);
	const char *file = form_get(r, "file");
	bool has_file = (file && *file) || form_get(r, "file.binary");
	if (r->nerrors)
		return false;
	if (!*text && !has_file) {
		field_error(r, "addresses", tr(r, "Vul adressen in of kies een bestand.",
					       "Enter addresses or choose a file."));
		return false;
	}
	if (*text && has_file) {
		field_error(r, "addresses", tr(r, "Geef een lijst óf een bestand, niet allebei.",
					       "Give a list or a file, not both."));
		return false;
	}
	if (has_file && (form_get(r, "file.binary") || !utf8_valid_text(file, strlen(file), true))) {
		field_error(r, "file", tr(r, "Dit bestand is geen tekst in UTF-8. Sla het in je spreadsheet "
					     "op als 'CSV UTF-8' en probeer het opnieuw.",
					  "This file is not UTF-8 text. Save it from your spreadsheet as "
					  "'CSV UTF-8' and try again."));
		return false;
	}
	const char *src = has_file ? file : text;
	invite_list_parse(r->a, src, strlen(src), INVITE_MAX, l);
	if (l->too_many) {
		field_error(r, has_file ? "file" : "addresses",
			    arena_printf(r->a, tr(r, "Ten hoogste %d adressen per keer. Verdeel de lijst.",
						  "At most %d addresses at a time. Split the list."),
					 INVITE_MAX));
		return false;
	}
	if (l->n == 0 && l->n_errors == 0) {
		field_error(r, "addresses", tr(r, "De lijst bevat geen adressen.", "The list holds no addresses."));
		return false;
	}
	return l->n_errors == 0;
}

/* ---- mail ---- */

/* Send every mail of o[0..n) and count them; returns how many went out. */
static int send_and_record(req *r, const mround *rd, const mail_setup *ms, outgoing *o, int n,
			   template_kind kind)
{
	mail_texts t;
	store_rc rc = outbox_texts(r->st, r->a, rd, kind, &t);
	int sent = 0;
	if (rc == ST_OK)
		sent = outbox_send(r->a, &ms->cfg, &t, rd, o, n);
	else
		for (int i = 0; i < n; i++)
			o[i].error = tr(r, "de tekst van de e-mail kon niet worden gelezen",
					"the text of the mail could not be read");
	if (outbox_record(r->st, r->a, o, n, kind == TPL_REMINDER ? "reminder" : "invitation") != ST_OK)
		r->log_note = arena_printf(r->a, "mails sent, not counted: %s", store_errmsg(r->st));
	return sent;
}

static void failures_table(req *r, const outgoing *o, int n)
{
	html(&r->out, "<div class=\"notice warn\" role=\"alert\"><p>%s</p><table><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Deze e-mails konden niet worden verstuurd. De uitnodigingen bestaan wel: stuur ze "
		   "later opnieuw met de knop 'Herinnering sturen'.",
		"These e-mails could not be sent. The invitations do exist: send them again later "
		"with the button 'Send a reminder'."),
	     tr(r, "E-mailadres", "E-mail address"), tr(r, "Reden", "Reason"));
	for (int i = 0; i < n; i++)
		if (o[i].error)
			html(&r->out, "<tr class=\"mail-failed\"><td>%s</td><td>%s</td></tr>", o[i].email, o[i].error);
	html(&r->out, "</tbody></table></div>");
}

static void links_table(req *r, const outgoing *o, int n)
{
	html(&r->out, "<div class=\"notice warn\" role=\"status\"><p><strong>%s</strong> %s</p></div>",
	     tr(r, "Deze links worden alleen nu getoond.", "These links are shown only now."),
	     tr(r, "Ze worden nergens bewaard. Kopieer ze en stuur iedereen zijn eigen link; een "
		   "link is persoonlijk en werkt voor één keer invullen.",
		"They are not kept anywhere. Copy them and send everyone their own link; a link is "
		"personal and works for answering once."));
	html(&r->out, "<table class=\"invite-links\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "E-mailadres", "E-mail address"), tr(r, "Perspectief", "Perspective"),
	     tr(r, "Persoonlijke link", "Personal link"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<tr><td>%s</td><td>%s</td><td><code class=\"copy invite-link\">%s</code></td></tr>",
		     o[i].email, perspective_name(o[i].persp, r->english), o[i].link);
	html(&r->out, "</tbody></table>");
}

static void result_page(req *r, const mround *rd, const char *heading, const outgoing *o, int n,
			int sent, bool mailed)
{
	page_begin(r, arena_printf(r->a, "%s · %s", heading, rd->title));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"%s\">%s</a></p><h1>%s</h1>",
	     r->wp->slug, r->wp->name, round_path(r, rd), rd->title, heading);
	if (mailed) {
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"mail-sent\">%s</p>",
		     arena_printf(r->a, tr(r, "%d van de %d e-mails zijn verstuurd.",
					   "%d of the %d e-mails have been sent."),
				  sent, n));
		if (sent < n)
			failures_table(r, o, n);
	} else {
		links_table(r, o, n);
	}
	html(&r->out, "<p><a href=\"%s\">%s</a></p>", round_path(r, rd),
	     tr(r, "Terug naar de meetronde", "Back to the round"));
	page_end(r);
}

/* The links as a CSV file, the answer to the POST itself: they exist
 * nowhere else (the store keeps hashes), so there is no second download.
 * Every field is neutralised against spreadsheet formulas. */
static void links_csv(req *r, const mround *rd, const outgoing *o, int n)
{
	const char *lang = strcmp(rd->mail_lang, "both") == 0 ? "nl+en" : rd->mail_lang;
	buf_reset(&r->out);
	const char *const head[] = {tr(r, "naam", "name"), tr(r, "e-mail", "e-mail"), "link",
				    tr(r, "taal", "language")};
	for (int c = 0; c < 4; c++) {
		csv_put_text(&r->out, head[c], ',');
		buf_puts(&r->out, c < 3 ? "," : "\r\n");
	}
	for (int i = 0; i < n; i++) {
		const char *row[] = {"", o[i].email, o[i].link, lang};
		for (int c = 0; c < 4; c++) {
			csv_put_text(&r->out, row[c], ',');
			buf_puts(&r->out, c < 3 ? "," : "\r\n");
		}
	}
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	reply_header(r, "Content-Disposition",
		     arena_printf(r->a, "attachment; filename=\"links-round-%lld.csv\"", (long long)rd->id));
	r->replied = true;
}

/* ---- creating invitations ---- */

/* Create every invitation with a fresh token in one transaction; an
 * address already invited becomes a line problem and nothing is kept. */
static bool create_invitations(req *r, const mround *rd, invite_list *l, outgoing *o, bool csv)
{
	store_rc rc = store_begin(r->st);
	for (int i = 0; i < l->n && rc == ST_OK; i++) {
		char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
		token_random(tok);
		token_hash("invite", tok, h);
		const invite_entry *e = &l->entries[i];
		o[i] = (outgoing){0, e->email, e->persp, round_invite_url(r, tok), NULL};
		rc = store_invitation_create(r->st, rd->id, e->email, e->persp, h, &o[i].invitation_id);
		if (rc == ST_CONFLICT) {
			invite_list_add_error(r->a, l, e->line, INV_INVITED, e->email);
			rc = ST_OK;
		}
	}
	if (rc == ST_OK && !l->n_errors)
		rc = store_audit(r->st, r->user->id, r->wp->id, "invitations created",
				 arena_printf(r->a, "round %lld: %d%s", (long long)rd->id, l->n,
					      csv ? " (links downloaded as CSV)" : ""));
	if (rc == ST_OK && !l->n_errors)
		rc = store_commit(r->st);
	else
		store_rollback(r->st);
	if (!ok_or_reply(r, rc))
		return false;
	if (l->n_errors) {
		r->status = 400;
		round_page(r, rd, l);
		return false;
	}
	return true;
}

static bool round_still_open(req *r, const mround *rd)
{
	if (round_state_of(rd) != ROUND_CLOSED)
		return true;
	reply_error(r, 400, tr(r, "Deze meetronde is gesloten. Open hem eerst weer, of maak een nieuwe "
				  "meetronde aan.",
			       "This round is closed. Reopen it first, or create a new round."));
	return false;
}

void page_round_invite(req *r)
{
	mround rd;
	mail_setup ms;
	if (!round_load(r, true, &rd) || !round_still_open(r, &rd) || !site_mail_or_reply(r, &ms))
		return;
	invite_list l;
	memset(&l, 0, sizeof l);
	if (!read_list(r, &l)) {
		r->status = 400;
		round_page(r, &rd, &l);
		return;
	}
	bool csv = field_checkbox(r, "csv");
	outgoing *o = ARENA_ARRAY(r->a, outgoing, (size_t)l.n);
	if (!create_invitations(r, &rd, &l, o, csv))
		return;
	if (csv) {
		links_csv(r, &rd, o, l.n);
		return;
	}
	bool mailed = outbox_ready(&ms);
	int sent = mailed ? send_and_record(r, &rd, &ms, o, l.n, TPL_INVITATION) : 0;
	result_page(r, &rd,
		    arena_printf(r->a, tr(r, "%d uitnodigingen gemaakt", "%d invitations created"), l.n),
		    o, l.n, sent, mailed);
}

/* ---- reminders by hand ---- */

/* A new token for every invitation not yet answered, in one transaction. */
static bool mint_reminders(req *r, const mround *rd, outgoing **out, int *n)
{
	store_rc rc = store_begin(r->st);
	if (rc == ST_OK)
		rc = outbox_mint_reminders(r->st, r->a, r->app->public_url, rd->id, out, n);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "reminders",
				 arena_printf(r->a, "round %lld: %d", (long long)rd->id, *n));
	if (rc == ST_OK)
		rc = store_commit(r->st);
	if (rc != ST_OK) {
		store_rollback(r->st);
		reply_store_error(r, rc);
		return false;
	}
	return true;
}

void page_round_remind(req *r)
{
	mround rd;
	mail_setup ms;
	if (!round_load(r, true, &rd) || !site_mail_or_reply(r, &ms))
		return;
	if (!outbox_ready(&ms)) {
		reply_error(r, 400, tr(r, "Herinneringen gaan per e-mail, maar er is geen mailserver "
					  "ingesteld. Vraag de beheerder om de uitgaande mail in te stellen "
					  "(Beheer, E-mail).",
				       "Reminders are sent by e-mail, but no mail server is configured. "
				       "Ask the administrator to set up outgoing mail (Administration, "
				       "E-mail)."));
		return;
	}
	if (!round_still_open(r, &rd))
		return;
	outgoing *o;
	int n;
	if (!mint_reminders(r, &rd, &o, &n))
		return;
	int sent = send_and_record(r, &rd, &ms, o, n, TPL_REMINDER);
	result_page(r, &rd,
		    arena_printf(r->a, tr(r, "%d herinneringen", "%d reminders"), n), o, n, sent, true);
}
