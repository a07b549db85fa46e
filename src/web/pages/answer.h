/* answer.h - what the two files of the questionnaire (/r/...) share. */
#ifndef WP_ANSWER_H
#define WP_ANSWER_H

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

#endif
