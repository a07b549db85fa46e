/* characteristics_view.c - the nine characteristics and the triggers over
 * time, as HTML (characteristics_view.h). */
#include "web/characteristics_view.h"

#include "base/util.h"
#include "base/zone.h"
#include "web/results.h"

#define HISTORY_MAX 50 /* assessments and trigger changes on the full page */
#define COMPACT_MAX 6  /* assessments on the development page */

const char *trigger_title(const req *r, trigger_kind t)
{
	WP_ASSERT(t >= 0 && t < TRIG_COUNT);
	return trigger_name(t, r->english);
}

const char *char_state_class(char_state s)
{
	switch (s) {
	case CHAR_MET: return "band-strength";
	case CHAR_PARTLY: return "band-discuss";
	case CHAR_NOT_YET: return "band-attention";
	default: return "tag";
	}
}

static const char *when(req *r, int64_t t)
{
	char s[ZONE_TIME_CHARS];
	zone_format(t, r->english, true, s);
	return arena_strdup(r->a, s);
}

static const char *who(req *r, const char *by)
{
	return *by ? by : tr(r, "onbekend", "unknown");
}

/* The table: one row per characteristic, one column per assessment, the
 * oldest of as[0..n) (newest first) on the left. */
static void ratings_table(req *r, const char_assessment *as, int n, bool compact)
{
	results_table_begin(r, compact ? "chars-development" : "chars-history", "chars-history",
			    tr(r, "Beoordeling per kenmerk per datum (rechts de huidige)",
			       "Assessment per characteristic per date (the current one on the right)"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th>", tr(r, "Kenmerk", "Characteristic"));
	for (int k = n - 1; k >= 0; k--)
		html(&r->out, "<th scope=\"col\" data-assessment=\"%lld\">%s <small>%s</small></th>",
		     (long long)as[k].id, when(r, as[k].at), who(r, as[k].by));
	html(&r->out, "</tr></thead><tbody>");
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		html(&r->out, "<tr><th scope=\"row\">%d. %s</th>", i + 1, pw_characteristic_title(i, r->english));
		for (int k = n - 1; k >= 0; k--)
			html(&r->out, "<td><span class=\"%s\">%s</span></td>", char_state_class(as[k].c[i].state),
			     char_state_name(as[k].c[i].state, r->english));
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

/* What each assessment noted as evidence, newest first, folded. */
static void evidence(req *r, const char_assessment *as, int n)
{
	for (int k = 0; k < n; k++) {
		html(&r->out, "<details class=\"assessment\"><summary>%s · %s%s</summary>", when(r, as[k].at),
		     who(r, as[k].by), k == 0 ? tr(r, " (huidig)", " (current)") : "");
		int assessed = 0;
		for (int i = 0; i < PW_CHARACTERISTICS; i++)
			assessed += as[k].c[i].state != CHAR_UNASSESSED;
		if (!assessed) {
			html(&r->out, "<p>%s</p></details>",
			     tr(r, "Geen kenmerk beoordeeld.", "No characteristic assessed."));
			continue;
		}
		html(&r->out, "<dl>");
		for (int i = 0; i < PW_CHARACTERISTICS; i++)
			if (as[k].c[i].state != CHAR_UNASSESSED)
				html(&r->out, "<dt>%d. %s <span class=\"%s\">%s</span></dt><dd>%s</dd>", i + 1,
				     pw_characteristic_title(i, r->english), char_state_class(as[k].c[i].state),
				     char_state_name(as[k].c[i].state, r->english),
				     *as[k].c[i].note ? as[k].c[i].note : "–");
		html(&r->out, "</dl></details>");
	}
}

static void trigger_table(req *r, const trigger_change *tc, int n, bool compact)
{
	html(&r->out, "<h%d>%s</h%d>", compact ? 3 : 2, tr(r, "Aanleiding door de tijd", "Triggers over time"),
	     compact ? 3 : 2);
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Er is nog geen aanleiding vastgelegd.", "No trigger recorded yet."));
		return;
	}
	results_table_begin(r, compact ? "triggers-development" : "triggers-history", "triggers-history",
			    tr(r, "Wijzigingen van de aanleiding, nieuwste eerst",
			       "Changes of the triggers, newest first"));
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Datum", "Date"), tr(r, "Door", "By"), tr(r, "Aanleiding", "Trigger"), tr(r, "Tekst", "Text"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", when(r, tc[i].at),
		     who(r, tc[i].by), trigger_title(r, tc[i].kind),
		     *tc[i].text ? tc[i].text : tr(r, "(niet meer van toepassing)", "(no longer applies)"));
	html(&r->out, "</tbody></table></div>");
}

bool chars_history(req *r, bool compact)
{
	char_assessment *as;
	trigger_change *tc;
	int n, nt;
	store_rc rc = store_char_assessments(r->st, r->a, r->wp->id, compact ? COMPACT_MAX : HISTORY_MAX, &as, &n);
	if (rc == ST_OK)
		rc = store_trigger_changes(r->st, r->a, r->wp->id, HISTORY_MAX, &tc, &nt);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>", compact ? "chars-dev" : "chars-hist",
	     compact ? "chars-dev" : "chars-hist",
	     tr(r, "De negen kenmerken door de tijd", "The nine characteristics over time"));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "De kenmerken zijn nog niet beoordeeld.",
					      "The characteristics have not been assessed yet."));
	else
		ratings_table(r, as, n, compact);
	if (n && !compact)
		evidence(r, as, n);
	trigger_table(r, tc, nt, compact);
	html(&r->out, "</section>");
	return true;
}

bool chars_not_yet(req *r)
{
	wp_characteristic cs[PW_CHARACTERISTICS];
	store_rc rc = store_characteristics_get(r->st, r->a, r->wp->id, cs);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<h3>%s</h3>", tr(r, "Kenmerken die nog niet op orde zijn", "Characteristics not yet in place"));
	int listed = 0;
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		listed += cs[i].state == CHAR_NOT_YET;
	if (!listed) {
		html(&r->out, "<p>%s</p>", tr(r, "Geen kenmerk staat in de eigen beoordeling op ‘nog niet’.",
					      "No characteristic is ‘not yet’ in the own assessment."));
		return true;
	}
	html(&r->out, "<ul class=\"not-yet\">");
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		if (cs[i].state == CHAR_NOT_YET)
			html(&r->out, "<li>%d. %s%s%s</li>", i + 1, pw_characteristic_title(i, r->english),
			     *cs[i].note ? ": " : "", cs[i].note);
	html(&r->out, "</ul>");
	return true;
}

bool triggers_now(req *r)
{
	wp_profile p;
	store_rc rc = store_profile_get(r->st, r->a, r->wp->id, &p);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<h3>%s</h3>", tr(r, "Waarom jullie samenwerken: de aanleiding", "Why you work together: the triggers"));
	int listed = 0;
	for (int t = 0; t < TRIG_COUNT; t++)
		listed += *p.trigger[t] != 0;
	if (!listed) {
		html(&r->out, "<p class=\"triggers-now\">%s</p>",
		     tr(r, "Het profiel noemt nog geen aanleiding.", "The profile names no trigger yet."));
		return true;
	}
	html(&r->out, "<dl class=\"facts triggers-now\">");
	for (int t = 0; t < TRIG_COUNT; t++)
		if (*p.trigger[t])
			html(&r->out, "<dt data-trigger=\"%s\">%s</dt><dd>%s</dd>", trigger_code((trigger_kind)t),
			     trigger_title(r, (trigger_kind)t), p.trigger[t]);
	html(&r->out, "</dl>");
	return true;
}
