/* round_view.h - what the page files of /pw/{slug}/rounds/... share
 * (pages/round.c, round_invite.c, round_reminders.c, round_share.c,
 * export.c, import.c, paper.c, own_statements.c): the round's frame
 * (round_frame.c), the round page with its sections (round_view.c, and
 * round_activity.c for the open link's activity), and the reminders' fields
 * (round_mail.c). */
#ifndef WP_WEB_ROUND_VIEW_H
#define WP_WEB_ROUND_VIEW_H

#include "domain/reminder.h"
#include "io/outbox.h"
#include "web/invite_list.h"
#include "web/survey.h"
#include "web/web.h"

/* Check workplace access (wp_access with `coordinator`) and load the round
 * named by r->param[1] into *rd. A round of another workplace, or no round
 * at all, is a 404. On failure the reply is sent and false returned. */
bool round_load(req *r, bool coordinator, mround *rd);
/* May the visitor change this workplace's rounds (coordinator or site
 * administrator)? Only after wp_access. */
bool round_may_change(req *r);
/* "/pw/<slug>/rounds/<id>" */
const char *round_path(req *r, const mround *rd);
/* The absolute open link: public_url + "/r/" + open token. */
const char *round_open_url(req *r, const mround *rd);
/* The absolute personal link of an invitation token. */
const char *round_invite_url(req *r, const char *token);
const char *round_state_name(req *r, round_state s);
/* The CSS class of a state: "open", "not-yet", "closed". */
const char *round_state_class(round_state s);
/* Links back to the workplace and (to_rounds) its rounds. */
void round_trail(req *r, bool to_rounds);

/* The round page. `errors` (may be NULL) are the problems of a list of
 * invitations that was refused; shown with the invitation form. */
void round_page(req *r, const mround *rd, const invite_list *errors);

/* The sections of the round page return false after a reply.
 * round_activity.c: what came in through the open link, for coordinators. */
bool round_activity_section(req *r, const mround *rd);

/* round_mail.c: the planned reminders and the mails' language, on
 * the round page (with the mail setup the page loaded) and in the form
 * for a new round. */
bool round_reminders_section(req *r, const mround *rd, const mail_setup *ms);
void round_mail_fields(req *r);
/* Read the fields of round_mail_fields (validated; errors on the fields)
 * for a round that opens and closes on these dates; false when invalid. */
bool round_mail_read(req *r, const char *opens_on, const char *closes_on, const char **lang,
		     int days[REMINDER_MAX], int *n);
/* Plan the reminders of days[0..n) for the round (in the request's transaction). */
store_rc round_reminders_plan(req *r, int64_t round_id, const char *opens_on, const int *days, int n);
/* round_view.c: the share links of the round, for coordinators. */
bool round_share_section(req *r, const mround *rd, bool frozen);
/* Why no share link can be made for this round (frozen: figures_frozen),
 * or NULL when one can. */
const char *round_share_refusal(req *r, const mround *rd, bool frozen);

/* round_view.c: the invitations section of the round page. */
bool round_invite_section(req *r, const mround *rd, round_state state, const invite_list *errors);

#endif
