/* answer.c - /r/{token}: the way in to the questionnaire. A token is a
 * personal invitation link, a round's open link (the QR poster), or the
 * private address of a response in progress. Here: the welcome and
 * consent page, starting, resuming with a code, the receipt and
 * withdrawal. The question pages are in answer_pages.c. */
#include <stdio.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/answering.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/privacy_view.h"
#include "web/results.h"

/* ---- welcome and consent ---- */

static void perspective_choice(req *r)
{
	static const char *const hints_nl[PERSP_COUNT] = {
		"in opleiding (hbo, mbo of universiteit)",
		"werkt in de praktijk van de werkplaats",
		"van een hogeschool, universiteit of mbo",
		"doet onderzoek in of met de werkplaats",
		"bewoner, cliënt, patiënt, ouder of naaste",
		"geeft leiding aan mensen of een organisatie",
		"geen van deze"};
	static const char *const hints_en[PERSP_COUNT] = {
		"in training (higher or vocational education)",
		"works in the practice of the workplace",
		"at a university or vocational school",
		"does research in or with the workplace",
		"resident, client, patient, parent or relative",
		"leads people or an organisation",
		"none of these"};
	const char *chosen = r->post ? form_get(r, "perspective") : NULL;
	const char *err = field_error_for(r, "perspective");
	html(&r->out, "<fieldset class=\"statement\" id=\"f-perspective\"");
	if (err)
		html(&r->out, " aria-describedby=\"e-perspective\"");
	html(&r->out, "><legend>%s</legend>", tr(r, "Vanuit welke rol vul je de vragenlijst in?",
						  "In which role do you answer the questionnaire?"));
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-perspective\">%s</p>", err);
	html(&r->out, "<div class=\"scale choices\">");
	for (int p = 0; p < PERSP_COUNT; p++) {
		const char *code = perspective_code((perspective)p);
		html(&r->out, "<label class=\"opt\"><input type=\"radio\" name=\"perspective\" value=\"%s\"%s>"
			      "<span>%s <small>%s</small></span></label>",
		     code, chosen && strcmp(chosen, code) == 0 ? " checked" : "",
		     perspective_name((perspective)p, r->english), r->english ? hints_en[p] : hints_nl[p]);
	}
	html(&r->out, "</div></fieldset>");
}

/* On the open link's welcome page: this browser has a response in
 * progress already. */
static void started_here(req *r, rctx *c)
{
	response resp;
	const char *token;
	if (open_gate_in_progress(r, &c->rd, &resp, &token))
		html(&r->out, "<p class=\"notice\" role=\"status\">%s <a href=\"%s\">%s</a></p>",
		     tr(r, "Je bent in deze browser al begonnen met deze vragenlijst.",
			"You have already started this questionnaire in this browser."),
		     answer_place(r, token, resp.page),
		     tr(r, "Ga verder met je eigen antwoorden", "Continue with your own answers"));
}

static const char *const reading_codes[] = {"normal", "easy", NULL};

/* Does the welcome page speak easy-read? Its link (?easy=1) or the
 * choice sent with the form says so, when the instrument has it. */
static bool welcome_easy(req *r, const instrument *in)
{
	if (!in->easy)
		return false;
	const char *v = r->post ? form_get(r, "reading") : req_query(r, "easy");
	return v && (strcmp(v, "easy") == 0 || strcmp(v, "1") == 0);
}

/* Normal or easy-read: asked at the start, when the instrument has both. */
static void reading_choice(req *r, bool easy)
{
	html(&r->out, "<fieldset class=\"statement\" id=\"f-reading\"><legend>%s</legend>"
		      "<div class=\"scale choices\">",
	     tr(r, "Hoe wil je de vragen lezen?", "How would you like to read the questions?"));
	const char *names[2] = {tr(r, "Gewone taal", "Standard language"),
				tr(r, "Eenvoudige taal: korte zinnen, met plaatjes",
				   "Easy language: short sentences, with pictures")};
	for (int i = 0; i < 2; i++)
		html(&r->out, "<label class=\"opt\"><input type=\"radio\" name=\"reading\" value=\"%s\"%s>"
			      "<span>%s</span></label>",
		     reading_codes[i], easy == (i == 1) ? " checked" : "", names[i]);
	html(&r->out, "</div></fieldset>");
}

/* Who sees what and what is kept, in the words the page speaks: the
 * start of the consent box, which the caller closes. */
static void consent_texts(req *r, rctx *c, bool easy)
{
	if (easy) {
		html(&r->out, "<div class=\"consent\"><h2>%s</h2><p>%s</p><h2>%s</h2><p>%s</p><p>%s</p>",
		     tr(r, "Wie ziet wat?", "Who sees what?"),
		     arena_printf(r->a,
				  tr(r, "Niemand ziet jouw antwoorden. De werkplaats ziet alleen wat "
					"groepen antwoorden. In een groep zitten minstens %d mensen.",
				     "Nobody sees your answers. The workplace only sees what groups "
				     "answer. A group has at least %d people in it."),
				  c->rd.k),
		     tr(r, "Wat bewaren we?", "What do we keep?"),
		     tr(r, "We bewaren je antwoorden en je rol. We bewaren geen naam en geen e-mail.",
			"We keep your answers and your role. We keep no name and no e-mail."),
		     tr(r, "Schrijf geen namen bij de open vragen. Anderen kunnen lezen wat je schrijft. "
			   "Wil je je antwoorden toch niet geven? Dan kun je ze later weghalen.",
			"Do not write names in the open questions. Others may read what you write. "
			"Changed your mind? Then you can take your answers back later."));
		return;
	}
	html(&r->out, "<div class=\"consent\"><h2>%s</h2><p>%s</p>",
	     tr(r, "Wie ziet wat?", "Who sees what?"),
	     arena_printf(r->a,
			  tr(r, "Je antwoorden zijn anoniem. De werkplaats ziet alleen resultaten van "
				"groepen, nooit de antwoorden van één persoon. Een groep wordt pas "
				"getoond als er minstens %d mensen in zitten.",
			     "Your answers are anonymous. The workplace only sees results of groups, "
			     "never the answers of one person. A group is only shown when at least "
			     "%d people are in it."),
			  c->rd.k));
	html(&r->out, "<h2>%s</h2><p>%s</p><p>%s</p>", tr(r, "Wat bewaren we?", "What do we keep?"),
	     tr(r, "Je antwoorden en je rol (bijvoorbeeld student of professional). Bij je "
		   "antwoorden bewaren we geen naam, geen e-mailadres, geen IP-adres en geen "
		   "gegevens over je browser of telefoon.",
		"Your answers and your role (for example student or professional). With your "
		"answers we keep no name, no e-mail address, no IP address and no data about your "
		"browser or phone."),
	     tr(r, "Wat je bij de open vragen schrijft, kan letterlijk in de groepsresultaten staan. "
		   "Schrijf er daarom geen namen in. Na het versturen kun je je antwoorden intrekken "
		   "zolang de vragenlijst open is.",
		"What you write in the open questions may appear word for word in the group "
		"results, so please do not write names in them. After sending, you can withdraw "
		"your answers as long as the questionnaire is open."));
}

static void welcome(req *r, rctx *c)
{
	const instrument *in = c->sv->in;
	bool easy = welcome_easy(r, in);
	answer_begin(r, c, wp_text_get(&in->title, r->english));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1>", wp_text_get(&in->title, r->english));
	if (in->easy)
		html(&r->out, "<p class=\"easy-switch\"><a href=\"/r/%s%s\">%s</a></p>", c->token,
		     easy ? "" : "?easy=1",
		     easy ? tr(r, "Liever gewone taal?", "Prefer standard language?")
			  : tr(r, "Liever eenvoudige taal? Korte zinnen, met plaatjes.",
			       "Prefer easy language? Short sentences, with pictures."));
	if (c->kind == T_OPEN)
		started_here(r, c);
	html(&r->out, "<p class=\"lead\">%s</p>", wp_text_or_easy(&in->intro, &in->easy_intro, easy, r->english));
	consent_texts(r, c, easy);
	if (!privacy_for_round(r, &c->rd))
		return;
	html(&r->out, "</div>");
	error_summary(r);
	form_begin(r, arena_printf(r->a, "/r/%s/start", c->token), NULL);
	if (in->easy)
		reading_choice(r, easy);
	if (c->kind == T_OPEN)
		perspective_choice(r);
	else
		html(&r->out, "<p>%s <strong>%s</strong>.</p>",
		     tr(r, "Je bent uitgenodigd als", "You were invited as"),
		     perspective_name(c->inv.persp, r->english));
	const char *cerr = field_error_for(r, "consent");
	if (cerr)
		html(&r->out, "<p class=\"field-error\" id=\"e-consent\">%s</p>", cerr);
	html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-consent\" name=\"consent\" "
		      "value=\"yes\"");
	if (cerr)
		html(&r->out, " aria-describedby=\"e-consent\" aria-invalid=\"true\"");
	html(&r->out, "><label for=\"f-consent\">%s</label></div>",
	     tr(r, "Ik heb dit gelezen en ik doe mee.", "I have read this and I take part."));
	html(&r->out, "<div class=\"nav-buttons\"><button class=\"primary\">%s</button></div>",
	     tr(r, "Begin", "Start"));
	form_end(r);
	if (c->kind == T_OPEN) {
		html(&r->out, "<h2>%s</h2>", tr(r, "Al begonnen?", "Already started?"));
		answer_resume_form(r, c->token);
	}
	html(&r->out, "</div>");
	page_end(r);
}

static void link_used(req *r)
{
	reply_error(r, 410, tr(r, "Deze persoonlijke link is al gebruikt: de antwoorden zijn verstuurd "
				  "of ingetrokken. Een link werkt voor één keer invullen.",
			       "This personal link has been used: the answers were sent or withdrawn. "
			       "A link works for answering once."));
}

void page_r_entry(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c))
		return;
	if (c.kind == T_RESPONSE && c.resp.submitted) {
		answer_receipt(r, &c);
		return;
	}
	if (c.state != ROUND_OPEN) {
		answer_round_not_open(r, &c);
		return;
	}
	if (c.kind == T_RESPONSE) {
		reply_redirect(r, answer_place(r, c.token, c.resp.page));
		return;
	}
	if (c.kind == T_INVITATION && c.inv.responded) {
		link_used(r);
		return;
	}
	welcome(r, &c);
}

void page_r_start(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c))
		return;
	if (c.kind == T_RESPONSE) { /* started already (a second click) */
		reply_redirect(r, arena_printf(r->a, "/r/%s", c.token));
		return;
	}
	if (c.state != ROUND_OPEN) {
		answer_round_not_open(r, &c);
		return;
	}
	if (c.kind == T_INVITATION && c.inv.responded) {
		link_used(r);
		return;
	}
	static const char *const persp_codes[] = {"student", "professional", "teacher", "researcher",
						  "citizen", "manager", "other", NULL};
	int p = c.kind == T_INVITATION ? (int)c.inv.persp : -1;
	if (c.kind == T_OPEN)
		field_choice(r, "perspective", persp_codes, &p);
	if (!field_checkbox(r, "consent"))
		field_error(r, "consent", tr(r, "Vink dit aan om mee te doen.", "Tick this to take part."));
	int reading = 0; /* normal, unless easy-read was chosen */
	if (form_get(r, "reading"))
		field_choice(r, "reading", reading_codes, &reading);
	if (r->nerrors) {
		r->status = 400;
		welcome(r, &c);
		return;
	}
	if (c.kind == T_OPEN && !open_gate_start(r, &c))
		return;
	/* an open link starts a response at a new private address; a personal
	 * link is itself the address of its response */
	char fresh[TOKEN_CHARS + 1], access[HASH_HEX + 1], resume[HASH_HEX + 1];
	const char *token = c.token;
	const char *resume_hash = NULL;
	if (c.kind == T_OPEN) {
		char code[RESUME_CHARS + 1];
		token_random(fresh);
		token = fresh;
		token_resume_code(r->app->secret, token, code);
		token_hash("resume", code, resume);
		resume_hash = resume;
	}
	if (c.kind == T_OPEN && !open_gate_count(r, &c.rd, OPEN_START))
		return;
	token_hash("response", token, access);
	int64_t id;
	store_rc rc = store_response_create(r->st, c.rd.id, (perspective)p, access, resume_hash,
					    r->english ? "en" : "nl", reading == 1 && c.sv->in->easy, &id);
	if (!ok_or_reply(r, rc))
		return;
	if (c.kind == T_OPEN)
		open_gate_remember(r, &c.rd, token);
	reply_redirect(r, arena_printf(r->a, "/r/%s/p/1", token));
}

void page_r_resume(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c))
		return;
	if (c.kind != T_OPEN) {
		reply_redirect(r, arena_printf(r->a, "/r/%s", c.token));
		return;
	}
	char code[RESUME_CHARS + 1], h[HASH_HEX + 1];
	const char *typed = form_get(r, "code");
	response found;
	store_rc rc = ST_NOTFOUND;
	if (typed && token_resume_normalise(typed, code)) {
		token_hash("resume", code, h);
		rc = store_response_by_resume(r->st, r->a, c.rd.id, h, &found);
	}
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return;
	if (rc == ST_NOTFOUND) {
		probe_failure(r);
		field_error(r, "code", tr(r, "Deze code kennen we niet bij deze vragenlijst. Controleer "
					     "de tien tekens.",
					  "We do not know this code for this questionnaire. Check the ten "
					  "characters."));
		r->status = 400;
		welcome(r, &c);
		return;
	}
	if (found.submitted) {
		/* a code opens a questionnaire until it is sent, no longer: a code
		 * that someone else saw cannot withdraw the answers */
		reply_error(r, 409, tr(r, "Deze antwoorden zijn al verstuurd. Een hervatcode werkt alleen "
					  "tot je verstuurt. Intrekken kan via het adres van de bedankpagina.",
				       "These answers have already been sent. A resume code only works "
				       "until you send. To withdraw, use the address of the thank-you page."));
		return;
	}
	/* a new private address; the old one (perhaps on a lost phone) is
	 * retired. The code stays: it is what the respondent keeps, carried
	 * masked under the new address so its pages can show it. */
	char fresh[TOKEN_CHARS + 1], access[HASH_HEX + 1], mask[RESUME_CHARS + 1];
	token_random(fresh);
	token_hash("response", fresh, access);
	token_resume_mask(r->app->secret, fresh, code, false, mask);
	rc = store_response_move(r->st, found.id, access, mask);
	if (!ok_or_reply(r, rc))
		return;
	open_gate_remember(r, &c.rd, fresh); /* this browser answers it now */
	reply_redirect(r, arena_printf(r->a, "%s?resumed=1", answer_place(r, fresh, found.page)));
}

/* A sent response of an open round, or false after replying. */
static bool withdrawable(req *r, rctx *c)
{
	if (!answer_resolve(r, c))
		return false;
	if (c->kind != T_RESPONSE || !c->resp.submitted) {
		reply_redirect(r, arena_printf(r->a, "/r/%s", c->token));
		return false;
	}
	if (c->state != ROUND_OPEN) {
		answer_round_not_open(r, c);
		return false;
	}
	return true;
}

/* What withdrawing deletes, and a confirmation (no JavaScript needed). */
void page_r_withdraw_form(req *r)
{
	rctx c;
	if (!withdrawable(r, &c))
		return;
	answer *as;
	int nas;
	store_rc rc = store_response_answers(r->st, r->a, c.resp.id, &c.sv->layout, &as, &nas);
	if (!ok_or_reply(r, rc))
		return;
	int given = 0;
	for (int i = 0; i < nas; i++)
		given += as[i].value >= 0;
	answer_begin(r, &c, tr(r, "Antwoorden intrekken", "Withdraw your answers"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1><p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li></ul>"
		      "<p><strong>%s</strong></p>",
	     tr(r, "Je antwoorden intrekken?", "Withdraw your answers?"),
	     tr(r, "Als je intrekt, wordt dit helemaal verwijderd:", "Withdrawing deletes all of this:"),
	     arena_printf(r->a, tr(r, "je antwoorden op de stellingen (%d gegeven);",
				   "your answers to the statements (%d given);"),
			  given),
	     tr(r, "wat je bij de open vragen schreef;", "what you wrote in the open questions;"),
	     tr(r, "de aanleidingen die je koos.", "the triggers you chose."),
	     tr(r, "Dit kan niet ongedaan worden gemaakt. Je telt dan niet mee in de resultaten.",
		"This cannot be undone. You will then not count in the results."));
	form_begin(r, arena_printf(r->a, "/r/%s/withdraw", c.token), "stack");
	html(&r->out, "<input type=\"hidden\" name=\"confirm\" value=\"yes\"><div class=\"nav-buttons\">"
		      "<a class=\"button\" href=\"/r/%s\">%s</a><button class=\"danger\">%s</button></div>",
	     c.token, tr(r, "Nee, bewaren", "No, keep them"), tr(r, "Ja, alles intrekken", "Yes, withdraw everything"));
	form_end(r);
	html(&r->out, "</div>");
	page_end(r);
}

void page_r_withdraw(req *r)
{
	rctx c;
	if (!withdrawable(r, &c))
		return;
	if (!field_checkbox(r, "confirm")) { /* not from the confirmation page */
		reply_redirect(r, arena_printf(r->a, "/r/%s/withdraw", c.token));
		return;
	}
	/* an open-link withdrawal is counted: the count outlives the answers */
	if (c.resp.resumable && !open_gate_count(r, &c.rd, OPEN_WITHDRAW))
		return;
	store_rc rc = store_response_delete(r->st, c.resp.id);
	if (!ok_or_reply(r, rc))
		return;
	answer_begin(r, &c, tr(r, "Ingetrokken", "Withdrawn"));
	html(&r->out, "<div class=\"narrow\"><div class=\"receipt\" role=\"status\"><h1>%s</h1><p>%s</p></div></div>",
	     tr(r, "Je antwoorden zijn ingetrokken", "Your answers have been withdrawn"),
	     tr(r, "Ze zijn helemaal verwijderd en tellen niet mee in de resultaten.",
		"They have been deleted completely and do not count in the results."));
	page_end(r);
}

/* /r/{token}/results: after the round has closed, a respondent sees the
 * group results: the element scores as the workplace sees them. */
void page_r_results(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c))
		return;
	if (c.kind != T_RESPONSE || !c.resp.submitted || c.state != ROUND_CLOSED) {
		reply_error(r, 404, tr(r, "De groepsresultaten zijn te zien nadat je antwoorden zijn "
					  "verstuurd en de vragenlijst is gesloten.",
				       "The group results can be seen after your answers were sent and the "
				       "questionnaire has closed."));
		return;
	}
	workplace *w = ARENA_NEW(r->a, workplace);
	store_rc rc = store_workplace_by_slug(r->st, r->a, c.rd.workplace_slug, w);
	if (!ok_or_reply(r, rc))
		return;
	r->wp = w;
	round_results rr;
	if (!results_load(r, c.rd.id, &rr))
		return;
	answer_begin(r, &c, tr(r, "Groepsresultaten", "Group results"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1>", tr(r, "Groepsresultaten", "Group results"));
	if (!rr.released || !rr.res->plan.shown) {
		results_withheld_notice(r, &rr);
		html(&r->out, "</div>");
		page_end(r);
		return;
	}
	html(&r->out, "<p>%s</p><div class=\"table-wrap\"><table class=\"scores\"><caption>%s</caption>"
		      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
		      "</tr></thead><tbody>",
	     arena_printf(r->a, tr(r, "%d mensen vulden de vragenlijst in.", "%d people answered the questionnaire."),
			  rr.res->plan.total),
	     tr(r, "Score per element, 1 tot 5", "Score per element, 1 to 5"), tr(r, "Element", "Element"),
	     tr(r, "Score", "Score"), tr(r, "Lezing", "Reading"));
	for (int e = 0; e < EL_COUNT; e++) {
		const analysis_row *row = &rr.res->elements[e];
		html(&r->out, "<tr><th scope=\"row\">%s</th>", wp_text_get(&rr.sv->in->elements[e].name, r->english));
		results_mean_cell(r, row->headline, row->plan.shown ? 1 : 0);
		html(&r->out, "<td>");
		results_band(r, row->band);
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table></div></div>");
	page_end(r);
}
