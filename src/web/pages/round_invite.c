/* round_invite.c - /pw/{slug}/rounds/{id}/invitations and /remind:
 * personal invitations to a round, by e-mail when a mail server is
 * configured, otherwise as links shown once to the coordinator (the form
 * is part of the round page, round_view.c).
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
#include "web/round_view.h"
#include "web/site_mail.h"

#define LIST_CHARS_MAX 600000 /* characters of the pasted list */

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
