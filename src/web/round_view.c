/* round_view.c - the round page (/pw/{slug}/rounds/{id}) that the round's
 * page files show, also again after a refused form: the facts, the
 * response counts, the open link, the invitation form with a refused
 * list's problems, and the share links (see round_view.h).
 *
 * Only counts of responses are shown here, never anything a response
 * contains: results (with the anonymity threshold k) are another page. */
#include <string.h>

#include "base/util.h"
#include "domain/counts.h"
#include "web/app.h"
#include "web/results.h"
#include "web/round_view.h"
#include "web/share_links.h"
#include "web/site_mail.h"
#include "web/wp_frame.h"

#define ERRORS_SHOWN 100 /* problems of a refused list listed; the rest are counted */

static void facts(req *r, const mround *rd, round_state s)
{
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd><span class=\"state state-%s\" id=\"round-state\">%s</span>",
	     tr(r, "Status", "State"), round_state_class(s), round_state_name(r, s));
	if (rd->closed_early)
		html(&r->out, " %s", tr(r, "(vroegtijdig gesloten)", "(closed early)"));
	html(&r->out, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%d</dd>"
		      "<dt>%s</dt><dd id=\"k-comments\">%s</dd><dt>%s</dt><dd>%s</dd></dl>",
	     tr(r, "Opent op", "Opens on"), rd->opens_on, tr(r, "Sluit na", "Closes after"), rd->closes_on,
	     tr(r, "Anonimiteitsgrens k", "Anonymity threshold k"), rd->k,
	     tr(r, "Grens voor opmerkingen", "Threshold for comments"),
	     arena_printf(r->a, tr(r, "Opmerkingen worden getoond vanaf %d mensen per groep",
				   "Comments are shown for groups of at least %d people"),
			  rd->k_comments),
	     tr(r, "Vragenlijst", "Questionnaire"), rd->version_label);
}

/* Close now, or reopen: only a round closed early, before its closing
 * date, whose results were not shown (figures_frozen). */
static void close_buttons(req *r, const mround *rd, round_state s, bool shown)
{
	char t[11];
	today(t);
	if (s != ROUND_CLOSED) {
		form_begin(r, arena_printf(r->a, "%s/close", round_path(r, rd)), "inline");
		html(&r->out, "<button>%s</button>", tr(r, "Nu sluiten", "Close now"));
		form_end(r);
	} else if (rd->closed_early && strcmp(t, rd->closes_on) <= 0 && !shown) {
		form_begin(r, arena_printf(r->a, "%s/reopen", round_path(r, rd)), "inline");
		html(&r->out, "<button>%s</button>", tr(r, "Weer openen", "Reopen"));
		form_end(r);
	}
}

/* One perspective's count as counts_plan says it may be shown. */
static void count_cell(req *r, perspective p, int n, count_shown how, int k)
{
	html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\" data-perspective=\"%s\"",
	     perspective_name(p, r->english), perspective_code(p));
	if (how == COUNT_FEW)
		html(&r->out, " data-count=\"few\">%s</td></tr>",
		     arena_printf(r->a, tr(r, "minder dan %d", "fewer than %d"), k));
	else if (how == COUNT_MANY)
		html(&r->out, " data-count=\"many\">%s</td></tr>",
		     arena_printf(r->a, tr(r, "%d of meer", "%d or more"), k));
	else
		html(&r->out, ">%d</td></tr>", n);
}

static void response_counts(req *r, const mround *rd, const int counts[PERSP_COUNT], int started)
{
	int total = 0;
	count_shown how[PERSP_COUNT];
	counts_plan(counts, rd->k, how);
	bool rounded = false;
	html(&r->out, "<section aria-labelledby=\"responses\"><h2 id=\"responses\">%s</h2>"
		      "<table class=\"counts\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
		      "class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Ingevuld", "Responses"), tr(r, "Perspectief", "Perspective"),
	     tr(r, "Verstuurd", "Sent"));
	for (int p = 0; p < PERSP_COUNT; p++) {
		total += counts[p];
		rounded |= how[p] == COUNT_MANY;
		count_cell(r, (perspective)p, counts[p], how[p], rd->k);
	}
	html(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\" id=\"count-total\">%d</td>"
		      "</tr></tfoot></table>",
	     tr(r, "Totaal", "Total"), total);
	html(&r->out, "<p>%s <strong id=\"count-started\">%d</strong></p>",
	     tr(r, "Begonnen maar nog niet verstuurd:", "Started but not sent:"), started);
	html(&r->out, "<p class=\"hint\">%s", arena_printf(r->a,
		tr(r, "Hier staan alleen aantallen, en een groep van minder dan %d mensen zonder het precieze "
		      "aantal. De resultaten tonen een groep pas als er minstens %d mensen in zitten.",
		   "Only counts are shown here, and a group of fewer than %d people without its exact "
		   "number. The results show a group only when at least %d people are in it."),
		rd->k, rd->k));
	if (rounded)
		html(&r->out, " %s", tr(r, "Ook een grotere groep staat er zonder precies aantal, anders "
					   "volgt het aantal van een kleine groep uit het totaal.",
					"A larger group is shown without its exact number too: otherwise "
					"the number of a small group would follow from the total."));
	html(&r->out, "</p></section>");
}

static void open_link(req *r, const mround *rd)
{
	const char *url = round_open_url(r, rd);
	html(&r->out, "<section aria-labelledby=\"open-link\"><h2 id=\"open-link\">%s</h2><p>%s</p>",
	     tr(r, "Open link", "Open link"),
	     tr(r, "Iedereen met deze link kan meedoen en kiest zelf een perspectief. Zet hem in een "
		   "nieuwsbrief of hang de poster op.",
		"Anyone with this link can take part and chooses a perspective. Put it in a newsletter "
		"or put up the poster."));
	html(&r->out, "<div class=\"field\"><label for=\"open-url\">%s</label>"
		      "<input type=\"text\" id=\"open-url\" class=\"copy\" readonly value=\"%s\"></div>",
	     tr(r, "Link om te kopiëren", "Link to copy"), url);
	html(&r->out, "<p><a href=\"%s/poster\">%s</a></p></section>", round_path(r, rd),
	     tr(r, "Poster (A4) met QR-code", "Poster (A4) with QR code"));
}

void round_page(req *r, const mround *rd, const invite_list *errors)
{
	round_state s = round_state_of(rd);
	page_begin(r, arena_printf(r->a, "%s · %s", rd->title, r->wp->name));
	round_trail(r, true);
	html(&r->out, "<h1>%s</h1>", rd->title);
	html(&r->out, "<p class=\"actions\"><a class=\"button\" href=\"%s/results\">%s</a> "
		      "<a class=\"button\" href=\"%s/dialogue\">%s</a>",
	     round_path(r, rd), tr(r, "Resultaten", "Results"), round_path(r, rd),
	     tr(r, "Dialoogagenda", "Dialogue agenda"));
	if (round_may_change(r))
		html(&r->out, " <a class=\"button\" href=\"%s/export\">%s</a> <a class=\"button\" "
			      "href=\"%s/import\">%s</a>",
		     round_path(r, rd), tr(r, "Exporteren", "Export"), round_path(r, rd),
		     tr(r, "Importeren", "Import"));
	if (round_may_change(r))
		html(&r->out, " <a class=\"button\" href=\"%s/own\">%s</a>", round_path(r, rd),
		     tr(r, "Eigen stellingen", "Own statements"));
	if (wp_may(r, WP_CONTRIBUTE))
		html(&r->out, " <a class=\"button\" href=\"%s/paper\">%s</a>", round_path(r, rd),
		     tr(r, "Op papier", "On paper"));
	html(&r->out, "</p>");
	if (s == ROUND_CLOSED)
		html(&r->out, "<p class=\"downloads\" id=\"tables\">%s <a href=\"%s/tables.xlsx\" download>%s</a> · "
			      "<a href=\"%s/tables.csv\" download>%s</a> · <a href=\"%s/report.pdf\" download>%s</a></p>",
		     tr(r, "Alle cijfers als tabel:", "Every figure as a table:"), round_path(r, rd),
		     tr(r, "Excel", "Excel"), round_path(r, rd), tr(r, "CSV", "CSV"), round_path(r, rd),
		     tr(r, "Rapport (PDF)", "Report (PDF)"));
	facts(r, rd, s);
	int counts[PERSP_COUNT], started, submitted = 0;
	store_rc rc = figures_round_tallies(r->st, r->a, rd, counts, &started, NULL);
	if (!ok_or_reply(r, rc))
		return;
	for (int p = 0; p < PERSP_COUNT; p++)
		submitted += counts[p];
	bool frozen = figures_frozen(rd, submitted);
	if (round_may_change(r))
		close_buttons(r, rd, s, frozen);
	response_counts(r, rd, counts, started);
	open_link(r, rd);
	if (round_may_change(r)) {
		results_disclosure_summary(r, rd);
		if (!round_activity_section(r, rd) || !round_share_section(r, rd, frozen))
			return;
	}
	if (round_invite_section(r, rd, s, errors))
		page_end(r);
}

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

bool round_invite_section(req *r, const mround *rd, round_state state, const invite_list *errors)
{
	int invited, responded;
	mail_setup ms;
	store_rc rc = store_invitation_counts(r->st, rd->id, &invited, &responded);
	if (!ok_or_reply(r, rc))
		return false;
	if (!site_mail_or_reply(r, &ms))
		return false;
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
		if (!round_reminders_section(r, rd, &ms))
			return false;
		html(&r->out, "<p><a href=\"/pw/%s/mail-templates\" id=\"mail-templates-link\">%s</a></p>",
		     r->wp->slug, tr(r, "Teksten van de e-mails aanpassen", "Adjust the texts of the e-mails"));
	} else if (round_may_change(r)) {
		html(&r->out, "<p>%s</p>", tr(r, "De meetronde is gesloten; uitnodigen kan niet meer.",
					     "The round is closed; inviting is no longer possible."));
	}
	html(&r->out, "</section>");
	return true;
}

const char *round_share_refusal(req *r, const mround *rd, bool frozen)
{
	const char *why = NULL;
	if (round_state_of(rd) != ROUND_CLOSED)
		why = tr(r, "Een deellink kan pas als de meetronde gesloten is: tot dan zijn er geen "
			     "resultaten om te delen.",
			  "A share link can be made only once the round has closed: until then there "
			  "are no results to share.");
	else if (!frozen)
		why = arena_printf(r->a, tr(r, "Er is niets te delen: deze meetronde heeft minder dan %d "
					       "respondenten, en dan tonen we geen resultaten.",
					    "There is nothing to share: this round has fewer than %d "
					    "respondents, and then no results are shown."),
				    rd->k);
	return why;
}

bool round_share_section(req *r, const mround *rd, bool frozen)
{
	const char *why = round_share_refusal(r, rd, frozen);
	share_link *ls;
	int n;
	store_rc rc = store_share_links(r->st, r->a, rd->id, &ls, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"share\"><h2 id=\"share\">%s</h2><p>%s</p>",
	     tr(r, "Delen met wie geen account heeft", "Share with people without an account"),
	     tr(r, "Een deellink laat de resultaten van deze meetronde zien (het overzicht, de elementen en de "
		   "tabellen), alleen om te lezen, zonder opmerkingen en zonder iets anders van de werkplaats. "
		   "Iedereen met de link kan ze lezen tot hij verloopt of je hem intrekt: stuur hem alleen naar "
		   "wie hem mag hebben, bijvoorbeeld het bestuur van de partners.",
		"A share link shows the results of this round (the overview, the elements and the tables), "
		"read-only, without comments and without anything else of the workplace. Anyone with the "
		"link can read them until it expires or you revoke it: send it only to those who may have "
		"it, such as the partners' board."));
	if (why) {
		html(&r->out, "<p class=\"notice\" id=\"share-refused\">%s</p>", why);
	} else {
		error_summary(r);
		form_begin(r, arena_printf(r->a, "%s/share", round_path(r, rd)), NULL);
		input_field(r, "number", "days", tr(r, "Geldig (dagen)", "Valid for (days)"),
			    arena_printf(r->a, "%d", SHARE_DAYS_DEFAULT),
			    arena_printf(r->a, tr(r, "1 tot en met %d.", "1 to %d."), SHARE_DAYS_MAX), true);
		html(&r->out, "<button>%s</button>", tr(r, "Deellink maken", "Make a share link"));
		form_end(r);
	}
	if (n)
		share_links_table(r, arena_printf(r->a, "%s/share", round_path(r, rd)), ls, n, NULL);
	html(&r->out, "</section>");
	return true;
}
