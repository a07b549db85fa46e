/* round_activity.c - what came in through a round's open link, on the
 * round page for its coordinators: starts, submissions and withdrawals per
 * day, the withdrawals in all, and a warning when the link refused
 * requests for its limits or when many submissions arrived within ten
 * minutes. Anyone with the link can answer, so made-up respondents are
 * possible (docs/rounds.md); the coordinator is the one who can tell
 * whether these were real people. Counts only, from the store's buckets
 * (src/domain/open_link.h); nothing here points at a response. */
#include "base/util.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/round_view.h"

static const char *day_text(req *r, int64_t day)
{
	char *d = arena_alloc(r->a, 11);
	format_date(day, d);
	return d;
}

static void warnings(req *r, const open_link_summary *sum)
{
	if (sum->refused)
		html(&r->out, "<div class=\"notice warn\" role=\"alert\" id=\"open-limit\"><p>%s</p></div>",
		     arena_printf(r->a,
				  tr(r, "De open link heeft zijn limiet bereikt: %d keer werd een begin of een "
					"verzending geweigerd, het laatst op %s. Controleer of dit echte mensen "
					"zijn. Vertrouw je het niet, sluit deze meetronde dan en maak een nieuwe "
					"aan: die krijgt een nieuwe link.",
				     "The open link reached its limit: %d times a start or a submission was "
				     "refused, the last time on %s. Check whether these are real people. If "
				     "you do not trust it, close this round and create a new one: it gets a "
				     "new link."),
				  sum->refused, day_text(r, sum->last_refused)));
	if (sum->last_burst >= 0)
		html(&r->out, "<div class=\"notice warn\" role=\"status\" id=\"open-burst\"><p>%s</p></div>",
		     arena_printf(r->a,
				  tr(r, "Op %s kwamen er %d antwoorden binnen tien minuten binnen via de open "
					"link. Controleer of dit echte mensen zijn; een klas of een teamoverleg "
					"die samen invullen, is een goede reden.",
				     "On %s, %d responses arrived through the open link within ten minutes. "
				     "Check whether these are real people; a class or a team meeting "
				     "answering together is a good reason."),
				  day_text(r, sum->last_burst), sum->burst_size));
}

static void days_table(req *r, const open_link_day *days, const open_link_summary *sum)
{
	html(&r->out, "<div class=\"table-wrap\"><table class=\"counts open-days\" id=\"open-days\"><caption>%s</caption>"
		      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "</tr></thead><tbody>",
	     arena_printf(r->a, tr(r, "Per dag, de laatste %d dagen waarop iets gebeurde",
				   "Per day, the last %d days with activity"),
			  OPEN_LINK_DAYS_SHOWN),
	     tr(r, "Dag", "Day"), tr(r, "Begonnen", "Started"), tr(r, "Verstuurd", "Sent"),
	     tr(r, "Ingetrokken", "Withdrawn"));
	for (int i = 0; i < sum->shown; i++)
		html(&r->out, "<tr data-day=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%d</td>"
			      "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
		     day_text(r, days[i].day), day_text(r, days[i].day), days[i].starts, days[i].submits,
		     days[i].withdrawals);
	html(&r->out, "</tbody></table></div>");
}

bool round_activity_section(req *r, const mround *rd)
{
	open_link_day *days;
	int n;
	store_rc rc = store_open_link_days(r->st, r->a, rd->id, &days, &n);
	if (!ok_or_reply(r, rc))
		return false;
	open_link_summary sum;
	open_link_summarise(days, n, &sum);
	html(&r->out, "<section aria-labelledby=\"open-activity\"><h2 id=\"open-activity\">%s</h2>",
	     tr(r, "Via de open link", "Through the open link"));
	warnings(r, &sum);
	if (n)
		days_table(r, days, &sum);
	else
		html(&r->out, "<p>%s</p>", tr(r, "Er is nog niets via de open link binnengekomen.",
					     "Nothing has come in through the open link yet."));
	html(&r->out, "<p>%s <strong id=\"open-withdrawals\">%d</strong></p>",
	     tr(r, "Ingetrokken via de open link, in totaal:", "Withdrawn through the open link, in all:"),
	     sum.withdrawals);
	html(&r->out, "<p class=\"hint\">%s</p></section>",
	     arena_printf(r->a,
			  tr(r, "De open link neemt per tien minuten hoogstens %d nieuwe vragenlijsten en %d "
				"verzendingen aan; wie daarboven komt, krijgt de vraag het over een paar "
				"minuten opnieuw te proberen. Van ingetrokken antwoorden blijft alleen het "
				"aantal over.",
			     "The open link takes at most %d new questionnaires and %d submissions per ten "
			     "minutes; anyone beyond that is asked to try again in a few minutes. Of "
			     "withdrawn answers only their number is kept."),
			  r->app->open_starts, r->app->open_submits));
	return true;
}
