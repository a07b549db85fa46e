/* answer_gate.c - the guard of a round's open link (the QR poster), where
 * anyone can start a response: one response in progress per browser, a
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
#include "web/pages/answer.h"

#define COOKIE "wp_open"
#define COOKIE_KEEP (60 * 24 * 3600) /* a response in progress: longer than any round */

/* ---- the cookie ---- */

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
