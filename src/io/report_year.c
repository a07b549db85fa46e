/* report_year.c - a workplace's year as a PDF (see report_year.h), in the
 * flow layout of io/pdf_doc.h. */
#include "io/report_year.h"

#include <math.h>
#include <string.h>

#include "base/util.h"
#include "domain/analysis.h"
#include "domain/definition.h"
#include "io/pdf_doc.h"

#define LABEL_W 150.0

typedef struct {
	pdf_doc d;
	const year_model *y;
	const char *dev_svg;
} year_pdf;

static const char *tr(const year_pdf *p, const char *nl, const char *en)
{
	return pdf_tr(&p->d, nl, en);
}

/* A table of n columns: the label column, the others share the rest. */
static void row(year_pdf *p, const char **texts, int n, bool head, bool shade)
{
	double *w = ARENA_ARRAY(p->y->a, double, (size_t)n);
	w[0] = LABEL_W;
	for (int i = 1; i < n; i++)
		w[i] = (PDF_WIDTH - LABEL_W) / (n - 1);
	pdf_row(&p->d, texts, w, n, head, shade);
}

/* ---- the sections ---- */

static void profile_section(year_pdf *p)
{
	const wp_profile *pr = &p->y->profile;
	const struct {
		const char *nl, *en, *text;
	} fields[] = {
		{"Beschrijving", "Description", pr->w.description},
		{"Visie", "Vision", pr->w.vision},
		{"Doelen", "Goals", pr->goals},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!fields[i].text || !*fields[i].text)
			continue;
		pdf_subheading(&p->d, "H2", tr(p, fields[i].nl, fields[i].en));
		pdf_para(&p->d, F_BODY, fields[i].text);
	}
	bool any = false;
	for (int t = 0; t < TRIG_COUNT; t++) {
		if (!pr->trigger[t] || !*pr->trigger[t])
			continue;
		if (!any)
			pdf_subheading(&p->d, "H2", tr(p, "Aanleidingen", "Triggers"));
		any = true;
		pdf_item(&p->d, arena_printf(p->y->a, "%s: %s", trigger_name((trigger_kind)t, p->y->english),
					     pr->trigger[t]));
	}
}

static const char *state(const year_pdf *p, char_state s)
{
	return s == CHAR_UNASSESSED ? "–" : char_state_name(s, p->y->english);
}

#define MAX_ASSESSMENTS 4

/* "2026-03-14": the day of a moment (arena text). */
static const char *day_text(arena *a, int64_t at)
{
	char *d = ARENA_ARRAY(a, char, 11);
	format_date(at / 86400, d);
	return d;
}

/* Characteristic by assessment date: the year's latest few, then the
 * current state. */
static void characteristics_section(year_pdf *p)
{
	const year_model *y = p->y;
	int from = y->n_assessments > MAX_ASSESSMENTS ? y->n_assessments - MAX_ASSESSMENTS : 0;
	int n = y->n_assessments - from + 2;
	const char **texts = ARENA_ARRAY(y->a, const char *, (size_t)n);
	pdf_para(&p->d, F_BODY,
		 y->n_assessments
			 ? arena_printf(y->a, tr(p, "De werkplaats beoordeelde zichzelf %d keer in %d.",
						 "The workplace assessed itself %d times in %d."),
					y->n_assessments, y->year)
			 : arena_printf(y->a, tr(p, "Geen beoordeling in %d; de huidige staat hieronder.",
						 "No assessment in %d; the current state is below."),
					y->year));
	pdf_tag(&p->d, "Table");
	texts[0] = tr(p, "Kenmerk", "Characteristic");
	for (int i = from; i < y->n_assessments; i++)
		texts[i - from + 1] = day_text(y->a, y->assessments[i].at);
	texts[n - 1] = tr(p, "Nu", "Now");
	row(p, texts, n, true, false);
	for (int c = 0; c < PW_CHARACTERISTICS; c++) {
		texts[0] = arena_printf(y->a, "%d. %s", c + 1, pw_characteristic_title(c, y->english));
		for (int i = from; i < y->n_assessments; i++)
			texts[i - from + 1] = state(p, y->assessments[i].c[c].state);
		texts[n - 1] = state(p, y->current[c].state);
		row(p, texts, n, false, c % 2 == 1);
	}
	pdf_untag(&p->d, "Table");
}

static const char *score_text(const year_pdf *p, const year_round *r, int e)
{
	if (!r->shown)
		return tr(p, "geen cijfers", "no figures");
	return isnan(r->score[e]) ? "–" : pdf_tenths(&p->d, r->score[e]);
}

/* The change of element e from the first round with its score shown to
 * the last ("+0.3"), or "–". */
static const char *change_text(const year_pdf *p, int e)
{
	const year_model *y = p->y;
	double first = y->has_before ? y->before.score[e] : NAN, last = NAN;
	for (int i = 0; i < y->n_rounds; i++)
		if (y->rounds[i].shown && !isnan(y->rounds[i].score[e])) {
			if (isnan(first))
				first = y->rounds[i].score[e];
			else
				last = y->rounds[i].score[e];
		}
	if (isnan(first) || isnan(last))
		return "–";
	int d = analysis_tenths(last) - analysis_tenths(first);
	return arena_printf(y->a, "%s%d.%d", d < 0 ? "−" : "+", (d < 0 ? -d : d) / 10, (d < 0 ? -d : d) % 10);
}

static void rounds_section(year_pdf *p)
{
	const year_model *y = p->y;
	if (!y->n_rounds) {
		pdf_para(&p->d, F_BODY, arena_printf(y->a, tr(p, "Er sloot geen meetronde in %d.",
							     "No round closed in %d."), y->year));
		return;
	}
	pdf_para(&p->d, F_BODY,
		 tr(p, "De score per element (elk getoond perspectief weegt even zwaar), zoals de pagina's van "
		       "elke meetronde hem tonen; een ronde zonder cijfers is nog open of had minder dan k "
		       "respondenten. De eerste kolom is de laatste ronde van het jaar ervoor, het beginpunt.",
		    "Every element's score (each shown perspective weighs equally) as each round's pages show "
		    "it; a round without figures is still open or had fewer than k respondents. The first "
		    "column is the last round of the year before, the starting point."));
	pdf_chart(&p->d, p->dev_svg, 400);
	int before = y->has_before ? 1 : 0, n = y->n_rounds + before + 2;
	const char **texts = ARENA_ARRAY(y->a, const char *, (size_t)n);
	texts[0] = "";
	if (before)
		texts[1] = arena_printf(y->a, "%s\n%s", y->before.title, y->before.closes_on);
	for (int i = 0; i < y->n_rounds; i++)
		texts[before + 1 + i] = arena_printf(y->a, "%s\n%s", y->rounds[i].title, y->rounds[i].closes_on);
	texts[n - 1] = tr(p, "Verandering", "Change");
	pdf_tag(&p->d, "Table");
	row(p, texts, n, true, false);
	texts[0] = tr(p, "Respondenten", "Respondents");
	if (before)
		texts[1] = arena_printf(y->a, "%d", y->before.respondents);
	for (int i = 0; i < y->n_rounds; i++)
		texts[before + 1 + i] = y->rounds[i].shown ? arena_printf(y->a, "%d", y->rounds[i].respondents) : "–";
	texts[n - 1] = "";
	row(p, texts, n, false, false);
	for (int e = 0; e < EL_COUNT; e++) {
		texts[0] = arena_printf(y->a, "%s %s", element_code_str((element_code)e),
					element_name((element_code)e, y->english));
		if (before)
			texts[1] = score_text(p, &y->before, e);
		for (int i = 0; i < y->n_rounds; i++)
			texts[before + 1 + i] = score_text(p, &y->rounds[i], e);
		texts[n - 1] = change_text(p, e);
		row(p, texts, n, false, e % 2 == 0);
	}
	pdf_untag(&p->d, "Table");
}

static const char *element_codes(arena *a, unsigned elements)
{
	const char *s = "";
	for (int e = 0; e < EL_COUNT; e++)
		if (elements & (1u << e))
			s = arena_printf(a, "%s%s%s", s, *s ? ", " : "", element_code_str((element_code)e));
	return s;
}

static void actions_section(year_pdf *p)
{
	const year_model *y = p->y;
	pdf_para(&p->d, F_BODY, arena_printf(y->a, tr(p, "Acties die in %d zijn gemaakt, gewijzigd of klaar moesten "
						       "zijn, met hun stand en de laatste notitie.",
						    "Actions made, changed or due in %d, with their status and the "
						    "latest note."),
					     y->year));
	if (!y->n_actions)
		pdf_para(&p->d, F_BODY, tr(p, "Geen acties.", "No actions."));
	for (int i = 0; i < y->n_actions; i++) {
		const year_action *ya = &y->actions[i];
		const improvement *act = &ya->info.act;
		const char *what = arena_printf(y->a, "%s — %s", act->title, action_status_name(act->status, y->english));
		const char *codes = element_codes(y->a, act->elements);
		if (*codes)
			what = arena_printf(y->a, "%s · %s", what, codes);
		if (act->owner && *act->owner)
			what = arena_printf(y->a, "%s · %s", what, act->owner);
		if (act->due_on && *act->due_on)
			what = arena_printf(y->a, "%s · %s %s", what, tr(p, "klaar op", "due"), act->due_on);
		if (*ya->last_note)
			what = arena_printf(y->a, "%s\n%s %s: %s", what, tr(p, "Notitie", "Note"), ya->last_note_on,
					    ya->last_note);
		pdf_item(&p->d, what);
	}
}

static void outcomes_section(year_pdf *p)
{
	const year_model *y = p->y;
	if (!y->n_outcomes)
		pdf_para(&p->d, F_BODY, arena_printf(y->a, tr(p, "Geen opbrengsten vastgelegd in %d.",
							     "No outcomes recorded in %d."), y->year));
	for (int i = 0; i < y->n_outcomes; i++) {
		const outcome_info *o = &y->outcomes[i];
		const char *what = arena_printf(y->a, "%s · %s: %s", o->o.occurred_on,
						outcome_name(o->o.category, y->english), o->o.title);
		for (int k = 0; k < o->n_partners; k++)
			what = arena_printf(y->a, "%s%s%s", what, k ? ", " : tr(p, " — met ", " — with "),
					    o->partner_names[k]);
		pdf_item(&p->d, what);
	}
}

/* The practice table's columns: a label and a number. */
static const double practice_w[] = {PDF_WIDTH - 90.0, 90.0};
#define PRACTICE_CELL_PAD 4.0 /* at least pdf_row's padding of a cell */

static void count_row(year_pdf *p, const char *label, int n, bool shade)
{
	const char *texts[] = {label, arena_printf(p->y->a, "%d", n)};
	pdf_row(&p->d, texts, practice_w, 2, false, shade);
}

/* The height of the practice section's introduction and table, which
 * stay on one page with their heading: the rows are one line each, the
 * introduction three at most. */
static double practice_height(year_pdf *p)
{
	const practice_year *py = &p->y->practice;
	int rows = 7;
	for (int k = 0; k < PERSP_COUNT; k++)
		rows += py->people[k] > 0;
	for (int c = 0; c < OUT_COUNT; c++)
		rows += py->products[c] > 0;
	return (rows + 3) * (pdf_layout_text(&p->d, F_CELL_BOLD, PDF_WIDTH, "0") + 2 * PRACTICE_CELL_PAD);
}

/* The primary process of the year (issue 21), counted by the store's one
 * year count, which the development page's year view shows too. */
static void practice_section(year_pdf *p)
{
	const year_model *y = p->y;
	const practice_year *py = &y->practice;
	int people = 0, products = 0;
	for (int k = 0; k < PERSP_COUNT; k++)
		people += py->people[k];
	for (int c = 0; c < OUT_COUNT; c++)
		products += py->products[c];
	if (!py->questions && !py->activities && !py->students && !products) {
		pdf_para(&p->d, F_BODY, arena_printf(y->a, tr(p, "Geen vraagstukken, activiteiten of producten vastgelegd "
							      "in %d.",
							   "No questions, activities or products recorded in %d."),
						     y->year));
		return;
	}
	pdf_para(&p->d, F_BODY,
		 arena_printf(y->a,
			      tr(p, "Waar de werkplaats in %d aan werkte: de vraagstukken die dat jaar werden ingebracht, de "
				    "activiteiten die begonnen, wie meededen en wat het opleverde.",
				 "What the workplace worked on in %d: the questions raised that year, the activities that "
				 "started, who took part and what it yielded."),
			      y->year));
	pdf_tag(&p->d, "Table");
	const char *head[] = {"", tr(p, "Aantal", "Number")};
	pdf_row(&p->d, head, practice_w, 2, true, false);
	count_row(p, tr(p, "Vraagstukken ingebracht", "Questions raised"), py->questions, false);
	count_row(p, tr(p, "   waarvan nu beantwoord", "   of which answered by now"), py->answered, false);
	count_row(p, tr(p, "Activiteiten", "Activities"), py->activities, true);
	count_row(p, tr(p, "Deelnemers aan de activiteiten", "Participants in the activities"), people, false);
	for (int k = 0; k < PERSP_COUNT; k++)
		if (py->people[k])
			count_row(p, arena_printf(y->a, "   %s", perspective_name((perspective)k, y->english)),
				  py->people[k], false);
	count_row(p, tr(p, "Studenten die bijdroegen", "Students who contributed"), py->students, true);
	count_row(p, tr(p, "Producten", "Products"), products, false);
	for (int c = 0; c < OUT_COUNT; c++)
		if (py->products[c])
			count_row(p, arena_printf(y->a, "   %s", outcome_name((outcome_category)c, y->english)),
				  py->products[c], false);
	pdf_untag(&p->d, "Table");
	p->d.y += 4;
	pdf_para(&p->d, F_SMALL,
		 tr(p, "Deelnemers zijn aantallen mensen per activiteit (wie aan twee activiteiten meedoet, telt twee "
		       "keer), geen namen. Studenten: wie bijdroeg in een semester dat dit jaar begon. Producten staan "
		       "ook in het opbrengstenregister, onder hun soort opbrengst.",
		    "Participants are numbers of people per activity (someone who joins two activities counts twice), "
		    "no names. Students: those who contributed in a semester that started this year. Products are in "
		    "the outcomes register too, under their kind of outcome."));
}

/* The report's sections in order: a new section is one more entry
 * here. keep (may be NULL): the height that stays on the page of the
 * section's heading. */
static const struct {
	const char *dest, *nl, *en;
	void (*draw)(year_pdf *p);
	double (*keep)(year_pdf *p);
} sections[] = {
	{"profile", "Profiel", "Profile", profile_section, NULL},
	{"characteristics", "De negen kenmerken", "The nine characteristics", characteristics_section, NULL},
	{"rounds", "Meetrondes en ontwikkeling", "Rounds and development", rounds_section, NULL},
	{"practice", "Het primaire proces van het jaar", "The primary process of the year", practice_section,
	 practice_height},
	{"actions", "Verbeteracties", "Improvement actions", actions_section, NULL},
	{"outcomes", "Opbrengstenregister", "Outcomes register", outcomes_section, NULL},
};

#define N_SECTIONS ((int)(sizeof sections / sizeof sections[0]))

static void title_page(year_pdf *p)
{
	const year_model *y = p->y;
	const workplace *w = &y->profile.w;
	pdf_logo(&p->d);
	pdf_tag(&p->d, "P");
	p->d.y += pdf_draw_text(&p->d, F_SMALL_BOLD, PDF_MARGIN, p->d.y, PDF_WIDTH,
				arena_printf(y->a, tr(p, "JAARVERSLAG %d", "YEAR REPORT %d"), y->year));
	pdf_untag(&p->d, "P");
	p->d.y += 8;
	pdf_tag(&p->d, "H1");
	p->d.y += pdf_draw_text(&p->d, F_TITLE, PDF_MARGIN, p->d.y, PDF_WIDTH, w->name) + 18;
	pdf_untag(&p->d, "H1");
	if (w->location && *w->location)
		pdf_item(&p->d, arena_printf(y->a, "%s %s", tr(p, "Locatie:", "Location:"), w->location));
	if (w->start_date && *w->start_date)
		pdf_item(&p->d, arena_printf(y->a, "%s %s", tr(p, "Gestart:", "Started:"), w->start_date));
	pdf_item(&p->d, arena_printf(y->a, "%s %d", tr(p, "Meetrondes die dit jaar sluiten:", "Rounds closing this year:"),
				     y->n_rounds));
	pdf_item(&p->d, arena_printf(y->a, "%s %d", tr(p, "Verbeteracties:", "Improvement actions:"), y->n_actions));
	pdf_item(&p->d, arena_printf(y->a, "%s %d", tr(p, "Vraagstukken ingebracht:", "Questions raised:"),
				     y->practice.questions));
	pdf_item(&p->d, arena_printf(y->a, "%s %d", tr(p, "Opbrengsten:", "Outcomes:"), y->n_outcomes));
	p->d.y += 18;
	const char *texts[N_SECTIONS], *dests[N_SECTIONS];
	for (int s = 0; s < N_SECTIONS; s++) {
		texts[s] = tr(p, sections[s].nl, sections[s].en);
		dests[s] = sections[s].dest;
	}
	pdf_contents(&p->d, texts, dests, N_SECTIONS);
}

bool report_year_pdf(const year_model *y, const char *dev_svg, const pdf_look *look, buf *out, const char **err)
{
	year_pdf p = {.y = y, .dev_svg = dev_svg};
	const char *name = arena_printf(y->a, "%s · %s %d", y->profile.w.name, y->english ? "year" : "jaar", y->year);
	bool ok = pdf_open(&p.d, y->a, y->english, name, name, out);
	p.d.look = look;
	if (ok) {
		title_page(&p);
		for (int s = 0; s < N_SECTIONS; s++) {
			if (s == 0)
				pdf_new_page(&p.d);
			if (sections[s].keep)
				pdf_need(&p.d, sections[s].keep(&p) + 50);
			pdf_heading(&p.d, F_H1, tr(&p, sections[s].nl, sections[s].en), sections[s].dest);
			sections[s].draw(&p);
		}
	}
	return pdf_close(&p.d, ok, err);
}
