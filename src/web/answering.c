/* answering.c - what the pages of the questionnaire (/r/..., answer.c and
 * answer_pages.c) share: a token resolved to what it is, the frame of the
 * pages, the resume code, the receipt; and the guard of a round's open
 * link (the QR poster), where anyone can start a response: one response in progress per browser, a
 * short cool-down after sending, and limits per link on starts and
 * submissions that hold across servers (counted in the store, in the
 * same transaction as the start or submission). The rules and their
 * numbers are in src/domain/open_link.h; the coordinator sees the counts
 * on the round page (round_activity.c). */
#include <stdio.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/answering.h"

#define COOKIE "wp_open"
#define COOKIE_KEEP (60 * 24 * 3600) /* a response in progress: longer than any round */

/* ---- the open link's cookie ---- */

void open_cookie_parse(const char *value, open_cookie *out)
{
	memset(out, 0, sizeof *out);
	if (!value)
		return;
	if (token_well_formed(value)) {
		out->kind = OPEN_COOKIE_STARTED;
		memcpy(out->token, value, TOKEN_CHARS + 1);
		return;
	}
	/* s.<round id>.<time> */
	char round[24], at[24];
	const char *dot = strncmp(value, "s.", 2) == 0 ? strchr(value + 2, '.') : NULL;
	size_t n = dot ? (size_t)(dot - value - 2) : 0;
	if (!dot || n == 0 || n >= sizeof round || strlen(dot + 1) >= sizeof at)
		return;
	memcpy(round, value + 2, n);
	round[n] = 0;
	snprintf(at, sizeof at, "%s", dot + 1);
	if (parse_int64(round, 1, INT64_MAX, &out->round_id) &&
	    parse_int64(at, 0, INT64_MAX, &out->sent_at))
		out->kind = OPEN_COOKIE_SENT;
}

void open_cookie_sent(int64_t round_id, int64_t now, char out[48])
{
	snprintf(out, 48, "s.%lld.%lld", (long long)round_id, (long long)now);
}

/* Only the open link's own pages get the cookie. */
static const char *cookie_path(req *r, const mround *rd)
{
	return arena_printf(r->a, "/r/%s", rd->open_token);
}

void open_gate_remember(req *r, const mround *rd, const char *token)
{
	set_cookie_at(r, COOKIE, token, cookie_path(r, rd), COOKIE_KEEP);
}

void open_gate_remember_sent(req *r, const mround *rd)
{
	char v[48];
	open_cookie_sent(rd->id, wp_now(), v);
	/* it forgets itself when the cool-down is over */
	set_cookie_at(r, COOKIE, v, cookie_path(r, rd), r->app->open_cooldown);
}

/* ---- one response in progress per browser ---- */

bool open_gate_in_progress(req *r, const mround *rd, response *resp, const char **token)
{
	open_cookie oc;
	open_cookie_parse(req_cookie(r, COOKIE), &oc);
	if (oc.kind != OPEN_COOKIE_STARTED)
		return false;
	char h[HASH_HEX + 1];
	token_hash("response", oc.token, h);
	/* a response that has gone (withdrawn, or moved on by its resume
	 * code) or that is not this round's open-link response in progress
	 * does not count; neither does a store failure: starting anew is
	 * the safe way out */
	if (store_response_by_access(r->st, r->a, h, resp) != ST_OK || resp->round_id != rd->id ||
	    resp->submitted || !resp->resumable)
		return false;
	*token = arena_strdup(r->a, oc.token);
	return true;
}

static const char *minutes(req *r, int seconds)
{
	int m = (seconds + 59) / 60;
	return m == 1 ? tr(r, "1 minuut", "1 minute")
		      : arena_printf(r->a, tr(r, "%d minuten", "%d minutes"), m);
}

static void too_many(req *r, int retry_after, const char *message)
{
	reply_error(r, 429, message);
	reply_header(r, "Retry-After", arena_printf(r->a, "%d", retry_after));
}

/* The browser sent a response in this round less than the cool-down ago. */
static bool cooling_down(req *r, const mround *rd)
{
	open_cookie oc;
	open_cookie_parse(req_cookie(r, COOKIE), &oc);
	int left = oc.kind == OPEN_COOKIE_SENT && oc.round_id == rd->id
			   ? open_link_cooldown_left(oc.sent_at, wp_now(), r->app->open_cooldown)
			   : 0;
	if (!left)
		return false;
	too_many(r, left,
		 arena_printf(r->a,
			      tr(r, "Vanuit deze browser zijn net antwoorden verstuurd. Wil iemand anders op "
				    "dit apparaat meedoen? Dat kan over %s.",
				 "Answers were sent from this browser just now. Does someone else want to "
				 "take part on this device? They can start in %s."),
			      minutes(r, left)));
	return true;
}

bool open_gate_start(req *r, rctx *c)
{
	response resp;
	const char *token;
	if (open_gate_in_progress(r, &c->rd, &resp, &token)) {
		/* a second start: back to its own response, which says so */
		reply_redirect(r, arena_printf(r->a, "%s?again=1", answer_place(r, token, resp.page)));
		return false;
	}
	return !cooling_down(r, &c->rd);
}

/* ---- the limits per link ---- */

bool open_gate_count(req *r, const mround *rd, open_event e)
{
	int64_t now = wp_now();
	int limit = e == OPEN_START ? r->app->open_starts : r->app->open_submits;
	bool counted;
	store_rc rc = store_open_link_count(r->st, rd->id, open_link_bucket(now), e, limit, &counted);
	if (!ok_or_reply(r, rc))
		return false;
	if (counted)
		return true;
	r->refused.round_id = rd->id;
	r->refused.event = e;
	too_many(r, open_link_retry_after(now),
		 e == OPEN_START
			 ? tr(r, "Via deze link worden op dit moment erg veel vragenlijsten begonnen. "
				 "Probeer het over een paar minuten opnieuw.",
			      "A great many questionnaires are being started through this link right "
			      "now. Please try again in a few minutes.")
			 : tr(r, "Via deze link worden op dit moment erg veel vragenlijsten verstuurd. Je "
				 "antwoorden zijn nog niet verstuurd. Ga terug en verstuur ze over een paar "
				 "minuten opnieuw.",
			      "A great many questionnaires are being sent through this link right now. "
			      "Your answers have not been sent yet. Go back and send them again in a few "
			      "minutes."));
	return false;
}

/* A response's old address, retired when its respondent continued
 * elsewhere with the resume code: say so and offer the round's resume
 * form (the code still works). True after replying. */
static bool retired(req *r, rctx *c)
{
	char h[HASH_HEX + 1];
	int64_t round_id;
	token_hash("response", c->token, h);
	store_rc rc = store_retired_link(r->st, h, &round_id);
	if (rc == ST_OK)
		rc = store_round_get(r->st, r->a, round_id, &c->rd);
	if (rc == ST_NOTFOUND)
		return false;
	if (!ok_or_reply(r, rc))
		return true;
	r->status = 410;
	answer_begin(r, c, tr(r, "Verder met je code", "Continue with your code"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1><p>%s</p>",
	     tr(r, "Deze link is vervangen", "This link has been replaced"),
	     tr(r, "Deze vragenlijst is ergens anders verder ingevuld met de hervatcode. Daarom werkt "
		   "dit oude adres niet meer. Met je hervatcode ga je hier verder.",
		"This questionnaire was continued elsewhere with its resume code, so this old address "
		"no longer works. With your resume code you continue here."));
	answer_resume_form(r, c->rd.open_token);
	html(&r->out, "</div>");
	page_end(r);
	return true;
}

bool answer_resolve(req *r, rctx *c)
{
	memset(c, 0, sizeof *c);
	c->token = r->param[0];
	if (probe_blocked(r))
		return false;
	store_rc rc = ST_NOTFOUND;
	if (token_well_formed(c->token)) {
		char h[HASH_HEX + 1];
		token_hash("response", c->token, h);
		rc = store_response_by_access(r->st, r->a, h, &c->resp);
		if (rc == ST_OK) {
			c->kind = T_RESPONSE;
			rc = store_round_get(r->st, r->a, c->resp.round_id, &c->rd);
		} else if (rc == ST_NOTFOUND) {
			token_hash("invite", c->token, h);
			rc = store_invitation_by_token(r->st, r->a, h, &c->inv);
			if (rc == ST_OK) {
				c->kind = T_INVITATION;
				rc = store_round_get(r->st, r->a, c->inv.round_id, &c->rd);
			} else if (rc == ST_NOTFOUND) {
				c->kind = T_OPEN;
				rc = store_round_by_open_token(r->st, r->a, c->token, &c->rd);
			}
		}
	}
	if (rc == ST_NOTFOUND && retired(r, c))
		return false;
	if (rc == ST_NOTFOUND) {
		probe_failure(r);
		reply_error(r, 404, tr(r, "Deze link werkt niet. Controleer of je hem helemaal goed hebt "
					  "overgenomen, of scan de QR-code opnieuw.",
				       "This link does not work. Check that you copied all of it, or scan "
				       "the QR code again."));
		return false;
	}
	if (!ok_or_reply(r, rc))
		return false;
	c->state = round_state_of(&c->rd);
	c->sv = survey_load(r, c->rd.version_id);
	return c->sv != NULL;
}

void answer_begin(req *r, rctx *c, const char *title)
{
	page_begin(r, title);
	html(&r->out, "<p class=\"meta\">%s · %s</p>", c->rd.workplace_name, c->rd.title);
}

void answer_round_not_open(req *r, rctx *c)
{
	if (c->state == ROUND_NOT_YET)
		reply_error(r, 403, arena_printf(r->a, tr(r, "Deze vragenlijst is nog niet open. Je kunt "
							     "meedoen vanaf %s.",
							  "This questionnaire is not open yet. You can "
							  "take part from %s."),
						 c->rd.opens_on));
	else
		reply_error(r, 410, tr(r, "Deze vragenlijst is gesloten. Er kan niets meer worden "
					  "ingevuld of veranderd. Dank voor je belangstelling.",
				       "This questionnaire is closed. Nothing can be filled in or "
				       "changed any more. Thank you for your interest."));
}

bool answer_need_progress(req *r, rctx *c)
{
	if (c->kind != T_RESPONSE) {
		reply_redirect(r, arena_printf(r->a, "/r/%s", c->token));
		return false;
	}
	if (c->state != ROUND_OPEN) {
		answer_round_not_open(r, c);
		return false;
	}
	if (c->resp.submitted) {
		reply_redirect(r, arena_printf(r->a, "/r/%s", c->token));
		return false;
	}
	return true;
}

const char *answer_place(req *r, const char *token, int page)
{
	if (page < 1)
		page = 1;
	return page > SURVEY_PAGES ? arena_printf(r->a, "/r/%s/review", token)
				   : arena_printf(r->a, "/r/%s/p/%d", token, page);
}

void answer_again_notice(req *r)
{
	if (req_query(r, "again"))
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
		     tr(r, "Je was in deze browser al begonnen met deze vragenlijst. Hier ga je verder "
			   "met je eigen antwoorden; er is geen tweede begonnen.",
			"You had already started this questionnaire in this browser. Here you continue "
			"with your own answers; no second one was started."));
	if (req_query(r, "resumed"))
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"resumed\">%s</p>",
		     tr(r, "Je gaat hier verder met je eigen antwoorden. Eerdere adressen van deze "
			   "vragenlijst (op een ander apparaat of in een bladwijzer) werken niet meer; je "
			   "hervatcode blijft dezelfde.",
			"You continue here with your own answers. Earlier addresses of this "
			"questionnaire (on another device or in a bookmark) no longer work; your resume "
			"code stays the same."));
}

/* The resume code of a response: the same for its whole life. It is the
 * code of its first address (a keyed hash of that token); when the
 * response moved to a new address (page_r_resume), the new address
 * carries the code masked under it. */
static void resume_code(req *r, const rctx *c, char code[RESUME_CHARS + 1])
{
	if (c->resp.resume_mask && strlen(c->resp.resume_mask) == RESUME_CHARS)
		token_resume_mask(r->app->secret, c->token, c->resp.resume_mask, true, code);
	else
		token_resume_code(r->app->secret, c->token, code);
}

void answer_resume_hint(req *r, rctx *c)
{
	char code[RESUME_CHARS + 1];
	/* only open-link responses have a resume code; a personal link is its own way back */
	if (c->resp.resumable) {
		resume_code(r, c, code);
		html(&r->out, "<p class=\"hint resume\">%s <span class=\"resume-code\">%.5s-%s</span>. %s</p>",
		     tr(r, "Later verder? Bewaar je hervatcode:", "Continue later? Keep your resume code:"),
		     code, code + 5,
		     tr(r, "Daarmee kom je op elk apparaat terug tot je verstuurt. Ga je met de code "
			   "ergens anders verder, dan werkt het adres van deze pagina niet meer.",
			"With it you get back in on any device until you send. When you continue "
			"elsewhere with the code, the address of this page stops working."));
	} else
		html(&r->out, "<p class=\"hint resume\">%s</p>",
		     tr(r, "Later verder? Open dan opnieuw de link uit je uitnodiging.",
			"Continue later? Open the link from your invitation again."));
}

void answer_resume_form(req *r, const char *open_token)
{
	form_begin(r, arena_printf(r->a, "/r/%s/resume", open_token), NULL);
	input_field(r, "text", "code", tr(r, "Je hervatcode", "Your resume code"), NULL,
		    tr(r, "De code van 10 tekens die je kreeg toen je begon, bijvoorbeeld "
			  "ABCDE-FGH23.",
		       "The 10-character code you were given when you started, for example "
		       "ABCDE-FGH23."),
		    true);
	html(&r->out, "<button>%s</button>", tr(r, "Verder waar ik was", "Continue where I was"));
	form_end(r);
}

void answer_receipt(req *r, rctx *c)
{
	answer_begin(r, c, tr(r, "Bedankt", "Thank you"));
	html(&r->out, "<div class=\"narrow\"><div class=\"receipt\" role=\"status\"><h1>%s</h1><p>%s</p></div>",
	     tr(r, "Bedankt voor het invullen", "Thank you for taking part"),
	     tr(r, "Je antwoorden zijn ontvangen en opgeslagen.", "Your answers have been received and saved."));
	html(&r->out, "<p>%s</p>",
	     arena_printf(r->a,
			  tr(r, "De vragenlijst sluit op %s. Daarna bespreekt de werkplaats de "
				"groepsresultaten samen. Groepen met minder dan %d mensen worden niet "
				"apart getoond.",
			     "The questionnaire closes on %s. After that the workplace discusses the "
			     "group results together. Groups of fewer than %d people are not shown "
			     "separately."),
			  c->rd.closes_on, c->rd.k));
	if (c->state == ROUND_CLOSED)
		html(&r->out, "<p><a class=\"button\" href=\"/r/%s/results\">%s</a></p>", c->token,
		     tr(r, "Bekijk de groepsresultaten", "See the group results"));
	else
		html(&r->out, "<p id=\"results-when\">%s</p>",
		     arena_printf(r->a, tr(r, "De groepsresultaten kun je lezen zodra de vragenlijst "
					      "gesloten is, vanaf de dag na %s: hier, op deze pagina. "
					      "Bewaar daarom het adres van deze pagina (een bladwijzer).",
					   "You can read the group results once the questionnaire has "
					   "closed, from the day after %s: here, on this page. So keep the "
					   "address of this page (a bookmark)."),
				  c->rd.closes_on));
	if (c->state == ROUND_OPEN) {
		html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Toch liever niet?", "Changed your mind?"),
		     tr(r, "Zolang de vragenlijst open is, kun je je antwoorden intrekken. Ze worden dan "
			   "helemaal verwijderd.",
			"As long as the questionnaire is open, you can withdraw your answers. They are "
			"then deleted completely."));
		html(&r->out, "<p><a class=\"button\" href=\"/r/%s/withdraw\">%s</a></p>", c->token,
		     tr(r, "Mijn antwoorden intrekken…", "Withdraw my answers…"));
	}
	html(&r->out, "</div>");
	page_end(r);
}
