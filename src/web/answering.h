/* answering.h - what the two page files of the questionnaire (/r/...,
 * answer.c and answer_pages.c) share (answering.c). */
#ifndef WP_WEB_ANSWERING_H
#define WP_WEB_ANSWERING_H

#include "web/survey.h"
#include "web/web.h"

#define COMMENT_MAX 2000 /* characters of an answer to an open question */

/* What a token in /r/{token} turned out to be. */
typedef enum { T_RESPONSE, T_INVITATION, T_OPEN } token_kind;

typedef struct {
	const char *token;
	token_kind kind;
	mround rd;
	const survey *sv;
	response resp;  /* T_RESPONSE */
	invitation inv; /* T_INVITATION */
	round_state state;
	/* the round's own statements (answer_pages.c loads them) */
	own_statement *own;
	int n_own;
} rctx;

/* Resolve r->param[0]; on failure the reply (404, 429, 500) is sent and
 * false returned. */
bool answer_resolve(req *r, rctx *c);
/* For actions that need a response in progress in an open round: replies
 * with the right page (receipt, closed, ...) and returns false otherwise. */
bool answer_need_progress(req *r, rctx *c);
/* Reply for a round that is not open (410 closed, 403 not yet). */
void answer_round_not_open(req *r, rctx *c);
/* The questionnaire's frame: page_begin with the round's name above. */
void answer_begin(req *r, rctx *c, const char *title);
/* The resume hint at the bottom of every page. */
void answer_resume_hint(req *r, rctx *c);
/* The receipt for a sent response. */
void answer_receipt(req *r, rctx *c);
/* The form that continues a response elsewhere with its resume code,
 * posting to the round's open link /r/{open_token}/resume. */
void answer_resume_form(req *r, const char *open_token);
/* Where a response in progress continues: its page, or the review. */
const char *answer_place(req *r, const char *token, int page);
/* On a page reached by a second start (?again=1): say it is the same response. */
void answer_again_notice(req *r);

/* ---- the open link's guard ----
 * A browser that starts on an open link gets a cookie (wp_open, only for
 * that link's path) naming its response; once it has sent, the cookie
 * holds the time instead, for the cool-down. */
typedef enum { OPEN_COOKIE_NONE, OPEN_COOKIE_STARTED, OPEN_COOKIE_SENT } open_cookie_kind;

typedef struct {
	open_cookie_kind kind;
	char token[TOKEN_CHARS + 1]; /* OPEN_COOKIE_STARTED: the response's own token */
	int64_t round_id, sent_at;   /* OPEN_COOKIE_SENT */
} open_cookie;

/* The cookie's value: "<token>" or "s.<round id>.<time>"; anything else
 * (or NULL) reads as OPEN_COOKIE_NONE. Nothing in it is secret from the
 * browser: a forged value only makes that browser wait, or sends it to a
 * response it holds already. */
void open_cookie_parse(const char *value, open_cookie *out);
void open_cookie_sent(int64_t round_id, int64_t now, char out[48]);

/* Before a start on the open link: false after replying, with a redirect
 * to the browser's own response in progress in this round (marked
 * ?again=1) or a 429 during the cool-down after it sent. */
bool open_gate_start(req *r, rctx *c);
/* This browser's open-link response in progress in round rd, if any. */
bool open_gate_in_progress(req *r, const mround *rd, response *resp, const char **token);
/* Count a start, submission or withdrawal through rd's open link; false
 * after replying 429 (with Retry-After, the refusal counted after the
 * request) when a start or submission is over the link's limit, or after
 * a store error. */
bool open_gate_count(req *r, const mround *rd, open_event e);
/* Give the browser the cookie of its response in progress / of having sent. */
void open_gate_remember(req *r, const mround *rd, const char *token);
void open_gate_remember_sent(req *r, const mround *rd);

#endif
