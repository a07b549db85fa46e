/* round_reminders.c - POST /pw/{slug}/rounds/{id}/mail: a coordinator
 * changes the planned reminders of a round and the language of its mails
 * (the fields and the round page's section are in round_mail.c). */
#include <string.h>

#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/round_view.h"

void page_round_mail(req *r)
{
	mround rd;
	if (!round_load(r, true, &rd))
		return;
	const char *lang;
	int days[REMINDER_MAX], n;
	if (!round_mail_read(r, rd.opens_on, rd.closes_on, &lang, days, &n)) {
		r->status = 400;
		round_page(r, &rd, NULL);
		return;
	}
	store_rc rc = store_round_set_mail_lang(r->st, rd.id, lang);
	if (rc == ST_OK)
		rc = round_reminders_plan(r, rd.id, rd.opens_on, days, n);
	char shown[16 * REMINDER_MAX + 1];
	reminder_days_format(days, n, shown, sizeof shown);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "reminders planned",
				 arena_printf(r->a, "round %lld: days %s, mail in %s", (long long)rd.id,
					      n ? shown : "none", lang));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "%s#reminders", round_path(r, &rd)));
}
