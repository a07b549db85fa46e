#include "web/privacy_view.h"

#include <string.h>

#include "base/util.h"

void privacy_paragraphs(req *r, const char *text)
{
	const char *p = text;
	while (*p) {
		while (*p == '\n' || *p == '\r' || *p == ' ')
			p++;
		if (!*p)
			break;
		html(&r->out, "<p>");
		bool first = true;
		/* the lines of one paragraph, up to a blank line */
		while (*p && *p != '\n') {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			size_t shown = len;
			while (shown && (p[shown - 1] == '\r' || p[shown - 1] == ' '))
				shown--;
			if (!first)
				html(&r->out, "<br>");
			html(&r->out, "%s", arena_strndup(r->a, p, shown));
			first = false;
			p += len;
			if (*p == '\n')
				p++;
			while (*p == '\r' || *p == ' ' || *p == '\t')
				p++; /* a line of spaces counts as blank */
		}
		html(&r->out, "</p>");
	}
}

/* "until 2027-03-31 at the latest (30 days after the round closes)". */
static const char *kept_until(req *r, const char *closes_on, int days)
{
	int64_t closed;
	if (days <= 0 || !parse_date(closes_on, &closed))
		return tr(r, "zonder vaste termijn (de site heeft er geen ingesteld)",
			  "with no fixed limit (the site has set none)");
	char last[11];
	format_date(closed + days, last);
	return arena_printf(r->a, tr(r, "tot uiterlijk %s (%d dagen na het sluiten van de vragenlijst)",
				     "until %s at the latest (%d days after the questionnaire closes)"),
			    last, days);
}

static void retention_text(req *r, const mround *rd, const retention_policy *eff)
{
	html(&r->out, "<h2>%s</h2><ul id=\"consent-retention\">", tr(r, "Hoe lang?", "How long?"));
	html(&r->out, "<li data-days=\"%d\">%s %s.</li>", eff->days[RET_ANSWERS],
	     tr(r, "Je antwoorden bewaren we", "We keep your answers"), kept_until(r, rd->closes_on, eff->days[RET_ANSWERS]));
	html(&r->out, "<li data-days=\"%d\">%s %s.</li>", eff->days[RET_COMMENTS],
	     tr(r, "Wat je bij de open vragen schrijft:", "What you write in the open questions:"),
	     kept_until(r, rd->closes_on, eff->days[RET_COMMENTS]));
	html(&r->out, "<li data-days=\"%d\">%s %s.</li></ul>", eff->days[RET_ADDRESSES],
	     tr(r, "Kreeg je een uitnodiging per e-mail, dan bewaren we je adres",
		"If you were invited by e-mail, we keep your address"),
	     kept_until(r, rd->closes_on, eff->days[RET_ADDRESSES]));
	html(&r->out, "<p>%s</p>",
	     tr(r, "Daarna blijven alleen de groepsresultaten bestaan, voor de ontwikkeling van de werkplaats.",
		"After that only the group results remain, for the workplace's development."));
}

bool privacy_for_round(req *r, const mround *rd)
{
	retention_policy site, own;
	privacy_texts t;
	store_rc rc = store_retention_site(r->st, &site);
	if (rc == ST_OK)
		rc = store_retention_workplace(r->st, rd->workplace_id, &own);
	if (rc == ST_OK)
		rc = store_privacy_texts(r->st, r->a, &t);
	if (!ok_or_reply(r, rc))
		return false;
	retention_policy eff = retention_effective(&site, &own);
	retention_text(r, rd, &eff);
	const char *own_lang = r->english ? t.statement_en : t.statement_nl;
	const char *statement = *own_lang ? own_lang : (r->english ? t.statement_nl : t.statement_en);
	if (*statement || *t.contact) {
		html(&r->out, "<h2>%s</h2><div id=\"privacy-statement\">", tr(r, "Privacyverklaring", "Privacy statement"));
		privacy_paragraphs(r, statement);
		if (*t.contact)
			html(&r->out, "<p id=\"privacy-contact\">%s %s</p>",
			     tr(r, "Vragen over privacy:", "Questions about privacy:"), t.contact);
		html(&r->out, "</div>");
	}
	return true;
}
