/* practice_view.c - shared pieces of the primary process's pages
 * (practice_view.h). */
#include "web/practice_view.h"

#include <math.h>
#include <string.h>

#include "base/util.h"

const char *practice_no_names(const req *r)
{
	return tr(r, "Noem hier geen namen of andere herkenbare gegevens van cliënten of burgers.",
		  "Do not enter names or other identifying details of clients or citizens here.");
}

bool practice_may_edit(const req *r, int64_t created_by)
{
	if (wp_may(r, WP_MANAGE))
		return true;
	return wp_may(r, WP_CONTRIBUTE) && r->user && created_by > 0 && created_by == r->user->id;
}

int practice_people_total(const int people[PERSP_COUNT])
{
	int n = 0;
	for (int p = 0; p < PERSP_COUNT; p++)
		n += people[p];
	return n;
}

const char *practice_people_text(req *r, const int people[PERSP_COUNT])
{
	const char *out = NULL;
	for (int p = 0; p < PERSP_COUNT; p++)
		if (people[p] > 0)
			out = arena_printf(r->a, "%s%s%s %d", out ? out : "", out ? ", " : "",
					   perspective_name((perspective)p, r->english), people[p]);
	return out ? out : "–";
}

const char *practice_period_label(req *r, const char *period)
{
	int year, sem;
	if (!period_parse(period, &year, &sem))
		return period;
	return arena_printf(r->a, tr(r, "%d-%d, semester %d", "%d-%d, semester %d"), year, year + 1, sem);
}

void practice_status_tag(req *r, question_status s)
{
	static const char *const cls[QS_COUNT] = {"status-planned", "status-in_progress", "status-done",
						  "status-dropped"};
	html(&r->out, "<span class=\"%s\">%s</span>", cls[s], question_status_name(s, r->english));
}

/* The filters from the query string (unknown values do not filter). */
question_filter practice_filter_from_query(req *r)
{
	question_filter f = {.status = -1, .element = -1, .trigger = -1};
	const char *v;
	f.text = req_query(r, "text");
	if ((v = req_query(r, "status")))
		f.status = strcmp(v, "open") == 0 ? QS_COUNT : question_status_from_code(v);
	if ((v = req_query(r, "element")))
		f.element = element_from_code(v);
	if ((v = req_query(r, "trigger")))
		f.trigger = trigger_from_code(v);
	int year, sem;
	if ((v = req_query(r, "period")) && period_parse(v, &year, &sem))
		f.period = v;
	if ((v = req_query(r, "partner")) && !parse_int64(v, 1, INT64_MAX, &f.partner_id))
		f.partner_id = 0;
	f.programme = req_query(r, "programme");
	if (f.text && strlen(f.text) > 200)
		f.text = NULL;
	if (f.programme && strlen(f.programme) > 100)
		f.programme = NULL;
	return f;
}

/* ---- the activity form ---- */

void practice_activity_fields(req *r, const practice_activity *cur)
{
	const char *kinds[ACT_COUNT], *labels[ACT_COUNT];
	for (int k = 0; k < ACT_COUNT; k++) {
		kinds[k] = activity_kind_code((activity_kind)k);
		labels[k] = activity_kind_name((activity_kind)k, r->english);
	}
	select_field(r, "act_kind", tr(r, "Soort activiteit", "Kind of activity"), kinds, labels, ACT_COUNT,
		     cur ? activity_kind_code(cur->kind) : NULL, NULL);
	input_field(r, "text", "act_title", tr(r, "Titel", "Title"), cur ? cur->title : NULL, NULL, true);
	char day[11];
	today(day);
	input_field(r, "date", "act_starts_on", tr(r, "Datum (of begindatum)", "Date (or start date)"),
		    cur ? cur->starts_on : day, tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), true);
	input_field(r, "date", "act_ends_on", tr(r, "Einddatum", "End date"), cur ? cur->ends_on : NULL,
		    tr(r, "Alleen bij een activiteit van meer dagen.", "Only for an activity of several days."), false);
	textarea_field(r, "act_description", tr(r, "Wat er gebeurde", "What happened"), cur ? cur->description : NULL,
		       practice_no_names(r));
	const char *err = field_error_for(r, "people");
	html(&r->out, "<fieldset id=\"f-people\" class=\"%s\"><legend>%s</legend><p class=\"hint\">%s</p>",
	     err ? "invalid" : "", tr(r, "Wie deden mee (aantallen)", "Who took part (numbers)"),
	     tr(r, "Aantallen mensen per perspectief, geen namen.", "Numbers of people per perspective, no names."));
	if (err)
		html(&r->out, "<p class=\"field-error\">%s</p>", err);
	for (int p = 0; p < PERSP_COUNT; p++) {
		const char *name = arena_printf(r->a, "n_%s", perspective_code((perspective)p));
		const char *sent = r->post ? form_get(r, name) : NULL;
		const char *v = sent ? sent : cur && cur->people[p] ? arena_printf(r->a, "%d", cur->people[p]) : "";
		html(&r->out, "<div class=\"field inline\"><label for=\"f-%s\">%s</label><input type=\"number\" "
			      "id=\"f-%s\" name=\"%s\" min=\"0\" max=\"10000\" value=\"%s\"></div>",
		     name, perspective_name((perspective)p, r->english), name, name, v);
	}
	html(&r->out, "</fieldset>");
}

bool practice_read_activity(req *r, practice_activity *x)
{
	const char *kinds[ACT_COUNT + 1] = {0};
	for (int k = 0; k < ACT_COUNT; k++)
		kinds[k] = activity_kind_code((activity_kind)k);
	int v;
	if (field_choice(r, "act_kind", kinds, &v))
		x->kind = (activity_kind)v;
	field_text(r, "act_title", 200, true, &x->title);
	field_multiline(r, "act_description", 4000, false, &x->description);
	field_date(r, "act_starts_on", true, &x->starts_on);
	if (field_date(r, "act_ends_on", false, &x->ends_on) && x->ends_on && x->starts_on &&
	    strcmp(x->ends_on, x->starts_on) < 0)
		field_error(r, "act_ends_on", tr(r, "De einddatum ligt voor de begindatum.",
						 "The end date lies before the start date."));
	if (!x->ends_on)
		x->ends_on = "";
	int total = 0;
	for (int p = 0; p < PERSP_COUNT; p++) {
		const char *name = arena_printf(r->a, "n_%s", perspective_code((perspective)p));
		const char *raw = form_get(r, name);
		int64_t n = 0;
		if (raw && *raw && !parse_int64(raw, 0, 10000, &n)) {
			field_error(r, "people", tr(r, "Geef per perspectief een aantal van 0 tot en met 10000.",
						    "Give a number from 0 to 10000 per perspective."));
			return false;
		}
		x->people[p] = (int)n;
		total += (int)n;
	}
	if (!total)
		field_error(r, "people", tr(r, "Geef aan hoeveel mensen meededen, in minstens één perspectief.",
					    "Say how many people took part, in at least one perspective."));
	return !r->nerrors;
}

/* ---- the year view ---- */

static void year_head(req *r, bool scores)
{
	html(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>",
	     tr(r, "Jaar", "Year"), tr(r, "Vraagstukken", "Questions"), tr(r, "Activiteiten", "Activities"),
	     tr(r, "Deelnemers per perspectief", "Participants per perspective"), tr(r, "Studenten", "Students"),
	     tr(r, "Producten per soort opbrengst", "Products per kind of outcome"));
	if (scores)
		html(&r->out, "<th scope=\"col\">%s</th>",
		     tr(r, "Elementscores van de metingen", "Element scores of the rounds"));
	html(&r->out, "</tr></thead><tbody>");
}

static void products_cell(req *r, const practice_year *y)
{
	html(&r->out, "<td>");
	int any = 0;
	for (int c = 0; c < OUT_COUNT; c++)
		if (y->products[c]) {
			if (any++)
				html(&r->out, "<br>");
			html(&r->out, "%s %d", outcome_name((outcome_category)c, r->english), y->products[c]);
		}
	if (!any)
		html(&r->out, "–");
	html(&r->out, "</td>");
}

static void scores_cell(req *r, int year, const practice_scores *sc)
{
	html(&r->out, "<td>");
	int any = 0;
	for (int i = 0; i < sc->n; i++) {
		if (sc->years[i] != year)
			continue;
		if (any++)
			html(&r->out, "<br>");
		html(&r->out, "<small>%s:</small>", sc->titles[i]);
		int shown = 0;
		for (int e = 0; e < EL_COUNT; e++)
			if (!isnan(sc->scores[i][e]))
				html(&r->out, "%s%s %.1f", shown++ ? " · " : " ", element_code_str((element_code)e),
				     sc->scores[i][e]);
		if (!shown)
			html(&r->out, " –");
	}
	if (!any)
		html(&r->out, "–");
	html(&r->out, "</td>");
}

bool practice_year_view(req *r, const practice_scores *scores)
{
	practice_year *ys;
	int n;
	store_rc rc = store_practice_years(r->st, r->a, r->wp->id, &ys, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"practice-years\"><h2 id=\"practice-years\">%s</h2>",
	     tr(r, "Het praktijkjaar", "The year in practice"));
	if (!n) {
		html(&r->out, "<p>%s <a href=\"%s/questions\">%s</a></p></section>",
		     tr(r, "Nog geen vraagstukken of activiteiten vastgelegd.", "No questions or activities recorded yet."),
		     wp_path(r), tr(r, "Naar de vraagstukken", "To the practice questions"));
		return true;
	}
	html(&r->out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"practice-years-cap\">"
		      "<table id=\"practice-years-table\"><caption id=\"practice-years-cap\">%s</caption>",
	     tr(r, "Vraagstukken, activiteiten, deelname en producten per jaar, naast de elementscores van de "
		   "metingen van dat jaar",
		"Questions, activities, participation and products per year, beside the element scores of that "
		"year's rounds"));
	year_head(r, scores != NULL);
	for (int i = n - 1; i >= 0; i--) {
		const practice_year *y = &ys[i];
		html(&r->out, "<tr><th scope=\"row\">%d</th><td class=\"num\">%d</td><td class=\"num\">%d</td><td>%s</td>"
			      "<td class=\"num\">%d</td>",
		     y->year, y->questions, y->activities, practice_people_text(r, y->people), y->students);
		products_cell(r, y);
		if (scores)
			scores_cell(r, y->year, scores);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div><p class=\"hint\">%s</p></section>",
	     tr(r, "Deelnemers zijn aantallen mensen per activiteit (wie aan twee activiteiten meedoet, telt twee "
		   "keer). Studenten: van de studenten die in een semester dat jaar begon bijdroegen. De scores komen "
		   "uit de afgesloten metingen die dat jaar openden, elk perspectief even zwaar; ze worden alleen "
		   "getoond waar de anonimiteitsregels dat toelaten.",
		"Participants are numbers of people per activity (someone who joins two activities counts twice). "
		"Students: those who contributed in a semester that started that year. The scores come from the "
		"closed rounds that opened that year, each perspective counting equally; they are shown only where "
		"the anonymity rules allow."));
	return true;
}

/* ---- evidence files ---- */

static const struct {
	const char *type, *ext, *magic;
	size_t magic_len;
} evidence[EVIDENCE_KINDS] = {
	[EVIDENCE_PDF] = {"application/pdf", "pdf", "%PDF-", 5},
	[EVIDENCE_PNG] = {"image/png", "png", "\x89PNG\r\n\x1a\n", 8},
	[EVIDENCE_JPEG] = {"image/jpeg", "jpg", "\xff\xd8\xff", 3},
	[EVIDENCE_TEXT] = {"text/plain; charset=utf-8", "txt", NULL, 0},
};

int evidence_kind_of(const char *data, size_t len)
{
	if (!data || !len || len > EVIDENCE_MAX_BYTES)
		return -1;
	for (int k = 0; k < EVIDENCE_TEXT; k++)
		if (len > evidence[k].magic_len && memcmp(data, evidence[k].magic, evidence[k].magic_len) == 0)
			return k;
	if (!utf8_valid_text(data, len, true))
		return -1;
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	/* a byte order mark before the markup counts as markup too */
	if (i + 3 <= len && memcmp(data + i, "\xef\xbb\xbf", 3) == 0)
		i += 3;
	return i < len && data[i] != '<' ? EVIDENCE_TEXT : -1;
}

const char *evidence_content_type(evidence_kind k)
{
	return evidence[k].type;
}

const char *evidence_ext(evidence_kind k)
{
	return evidence[k].ext;
}

int evidence_kind_from_type(const char *content_type)
{
	for (int k = 0; content_type && k < EVIDENCE_KINDS; k++)
		if (strcmp(evidence[k].type, content_type) == 0)
			return k;
	return -1;
}
