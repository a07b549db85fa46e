/* round_mail.c - the reminders a coordinator plans for a round ("after 5
 * and 10 days") and the language of the round's mails: the fields in the
 * form for a new round and their reading, and the section of the round
 * page that shows what went out and what is planned (see round_view.h).
 * POST .../mail changes them (pages/round_reminders.c); the scheduler of
 * `serve` (src/io/scheduler.c) sends them. */
#include <string.h>

#include "base/util.h"
#include "web/app.h"
#include "web/round_view.h"

static const char *const mail_langs[] = {"both", "nl", "en", NULL};

/* The select of the mails' language; `current` when not re-shown. */
static void lang_select(req *r, const char *current)
{
	const char *const names[] = {tr(r, "Nederlands en Engels (Nederlands eerst)",
					 "Dutch and English (Dutch first)"),
				     tr(r, "Nederlands", "Dutch"), tr(r, "Engels", "English")};
	select_field(r, "mail_lang", tr(r, "Taal van de e-mails", "Language of the e-mails"), mail_langs,
		     names, 3, current, NULL);
}

static void days_field(req *r, const char *current)
{
	input_field(r, "text", "reminders", tr(r, "Herinneringen na … dagen", "Reminders after … days"),
		    current,
		    arena_printf(r->a, tr(r, "Aan wie nog niet heeft geantwoord, zoveel dagen na de opening, "
					     "bijvoorbeeld: 5, 10. Ten hoogste %d, binnen de looptijd. Leeg: "
					     "geen herinneringen.",
					  "To those who have not answered yet, this many days after the "
					  "opening, for example: 5, 10. At most %d, within the round. "
					  "Empty: no reminders."),
				 REMINDER_MAX),
		    false);
}

void round_mail_fields(req *r)
{
	lang_select(r, "both");
	days_field(r, NULL);
}

static const char *days_problem(req *r, reminder_problem p, int bad)
{
	switch (p) {
	case REM_OUT_OF_RANGE:
		return arena_printf(r->a, tr(r, "%d kan niet: kies dagen van 1 tot en met %d.",
					     "%d is not possible: choose days from 1 to %d."),
				    bad, REMINDER_DAY_MAX);
	case REM_TOO_MANY:
		return arena_printf(r->a, tr(r, "Ten hoogste %d herinneringen.", "At most %d reminders."),
				    REMINDER_MAX);
	case REM_TWICE:
		return arena_printf(r->a, tr(r, "Dag %d staat er twee keer.", "Day %d is there twice."), bad);
	default:
		return tr(r, "Geef hele getallen gescheiden door komma's, zoals 5, 10.",
			  "Give whole numbers separated by commas, such as 5, 10.");
	}
}

/* Every day within the round; else an error on the field. */
static bool days_within(req *r, const char *opens_on, const char *closes_on, const int *days, int n)
{
	int64_t o, c;
	if (!parse_date(opens_on, &o) || !parse_date(closes_on, &c))
		return true; /* the dates have their own errors */
	for (int i = 0; i < n; i++)
		if (!reminder_within_round(o, c, days[i])) {
			field_error(r, "reminders",
				    arena_printf(r->a, tr(r, "Na %d dagen is de meetronde al gesloten (sluit na "
							     "%s). Kies minder dagen.",
							  "After %d days the round has closed (it closes "
							  "after %s). Choose fewer days."),
						 days[i], closes_on));
			return false;
		}
	return true;
}

bool round_mail_read(req *r, const char *opens_on, const char *closes_on, const char **lang,
		     int days[REMINDER_MAX], int *n)
{
	int li = 0;
	*n = 0;
	bool ok = !form_get(r, "mail_lang") || field_choice(r, "mail_lang", mail_langs, &li);
	*lang = mail_langs[li];
	const char *text;
	if (!field_text(r, "reminders", REMINDER_TEXT_MAX, false, &text))
		return false;
	int bad;
	reminder_problem p = reminder_days_parse(text, days, n, &bad);
	if (p != REM_OK) {
		field_error(r, "reminders", days_problem(r, p, bad));
		return false;
	}
	return ok && (!opens_on || !closes_on || days_within(r, opens_on, closes_on, days, *n));
}

store_rc round_reminders_plan(req *r, int64_t round_id, const char *opens_on, const int *days, int n)
{
	int64_t o, due[REMINDER_MAX];
	if (!parse_date(opens_on, &o))
		return ST_ERROR;
	for (int i = 0; i < n; i++)
		due[i] = reminder_due_at(o, days[i]);
	return store_round_reminders_plan(r->st, round_id, days, due, n);
}

/* "2026-03-05 08:00 UTC" */
static const char *moment(req *r, int64_t at)
{
	char m[21];
	format_moment(at, m);
	return arena_strdup(r->a, m);
}

static const char *reminder_state(req *r, const round_reminder *rr)
{
	if (rr->finished_at && strcmp(rr->note, "closed") == 0)
		return tr(r, "niet verstuurd: de meetronde was gesloten", "not sent: the round had closed");
	if (rr->finished_at)
		return arena_printf(r->a, tr(r, "verstuurd op %s: %d e-mails, %d mislukt",
					     "sent on %s: %d e-mails, %d failed"),
				    moment(r, rr->finished_at), rr->sent, rr->failed);
	if (rr->started_at)
		return arena_printf(r->a, tr(r, "begonnen op %s en niet afgemaakt (de server stopte); hij "
					     "wordt niet opnieuw verstuurd",
					     "started on %s and not finished (the server stopped); it is "
					     "not sent again"),
				    moment(r, rr->started_at));
	return arena_printf(r->a, tr(r, "gepland voor %s", "planned for %s"), moment(r, rr->due_at));
}

static void reminders_table(req *r, const round_reminder *rs, int n)
{
	if (!n) {
		html(&r->out, "<p id=\"reminders-none\">%s</p>",
		     tr(r, "Er zijn geen herinneringen gepland.", "No reminders are planned."));
		return;
	}
	html(&r->out, "<table class=\"reminders\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "</tr></thead><tbody>",
	     tr(r, "Na", "After"), tr(r, "Wat", "What"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<tr data-day=\"%d\" data-state=\"%s\"><td>%s</td><td>%s</td></tr>", rs[i].day,
		     rs[i].finished_at ? "done" : rs[i].started_at ? "started" : "planned",
		     arena_printf(r->a, tr(r, "%d dagen", "%d days"), rs[i].day), reminder_state(r, &rs[i]));
	html(&r->out, "</tbody></table>");
}

/* The days not yet started, as the field shows them. */
static const char *planned_days(req *r, const round_reminder *rs, int n)
{
	int days[REMINDER_MAX], k = 0;
	for (int i = 0; i < n && k < REMINDER_MAX; i++)
		if (!rs[i].started_at)
			days[k++] = rs[i].day;
	char *out = arena_alloc(r->a, 16 * REMINDER_MAX + 1);
	reminder_days_format(days, k, out, 16 * REMINDER_MAX + 1);
	return out;
}

bool round_reminders_section(req *r, const mround *rd, const mail_setup *ms)
{
	round_reminder *rs;
	int n;
	store_rc rc = store_round_reminders(r->st, r->a, rd->id, &rs, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<h3 id=\"reminders\">%s</h3>", tr(r, "Geplande herinneringen", "Planned reminders"));
	if (!outbox_ready(ms))
		html(&r->out, "<p class=\"notice warn\" id=\"reminders-no-mail\">%s</p>",
		     tr(r, "Er is geen mailserver ingesteld: geplande herinneringen gaan pas uit als de "
			   "beheerder de uitgaande mail heeft ingesteld.",
			"No mail server is configured: planned reminders go out only once the "
			"administrator has set up outgoing mail."));
	reminders_table(r, rs, n);
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "Een herinnering gaat om 08:00 UTC op haar dag naar iedereen die nog niet heeft "
		   "geantwoord, met een nieuwe persoonlijke link.",
		"A reminder goes out at 08:00 UTC on its day to everyone who has not answered yet, "
		"with a new personal link."));
	form_begin(r, arena_printf(r->a, "%s/mail", round_path(r, rd)), "stack");
	lang_select(r, rd->mail_lang);
	days_field(r, planned_days(r, rs, n));
	html(&r->out, "<button>%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
	return true;
}
