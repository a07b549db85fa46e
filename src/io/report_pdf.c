/* report_pdf.c - the round report as a PDF, in the flow layout of
 * io/pdf_doc.h. */
#include "io/report_pdf.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/pdf_doc.h"

#define LABEL_W 118.0

typedef struct {
	pdf_doc d;
	const tables_model *t;
	const instrument *in;
	const report_extras *x;
} pdf;

/* ---- the table of elements or outcome categories ---- */

/* What a cell says: the mean over its n, or why it is hidden (the reason
 * tables_cell_why gave, in the pages' words). */
static const char *cell_text(const pdf *p, const tables_cell *c)
{
	switch (c->why) {
	case TABLES_SHOWN:
		return arena_printf(p->t->a, "%s\nn=%d", pdf_tenths(&p->d, c->mean), c->n);
	case TABLES_NOT_ASKED:
		return pdf_tr(&p->d, "niet gevraagd", "not asked");
	case TABLES_WITHHELD:
		return "–*";
	case TABLES_EXPOSES:
		return pdf_tr(&p->d, "– zou kleine groep tonen", "– would expose a small group");
	case TABLES_NONE:
		return "–";
	default:
		return pdf_tr(&p->d, "– te weinig", "– too few");
	}
}

/* The label column, then one per shown column and the score. */
static double table_row(pdf *p, const char **texts, bool head, bool shade)
{
	int n = p->t->n_cols + 2;
	double *w = ARENA_ARRAY(p->t->a, double, (size_t)n);
	w[0] = LABEL_W;
	for (int i = 1; i < n; i++)
		w[i] = (PDF_WIDTH - LABEL_W) / (n - 1);
	return pdf_row(&p->d, texts, w, n, head, shade);
}

static void table_head(pdf *p)
{
	const tables_model *t = p->t;
	const char **texts = ARENA_ARRAY(t->a, const char *, (size_t)t->n_cols + 2);
	texts[0] = "";
	for (int c = 0; c < t->n_cols; c++)
		texts[c + 1] = arena_printf(t->a, "%s\n(n=%d)", t->col_name[c], t->col_n[c]);
	texts[t->n_cols + 1] = pdf_tr(&p->d, "Score", "Score");
	table_row(p, texts, true, false);
}

static void group_table(pdf *p, tables_kind kind)
{
	const tables_model *t = p->t;
	const char **texts = ARENA_ARRAY(t->a, const char *, (size_t)t->n_cols + 2);
	bool withheld = false;
	pdf_tag(&p->d, "Table");
	table_head(p);
	int shown = 0;
	for (int i = 0; i < t->n_rows; i++) {
		const tables_row *row = &t->rows[i];
		if (row->kind != kind)
			continue;
		texts[0] = kind == TABLES_ELEMENT ? arena_printf(t->a, "%s %s", row->code, row->label) : row->label;
		for (int c = 0; c < t->n_cols; c++) {
			texts[c + 1] = cell_text(p, &row->col[c]);
			withheld |= row->col[c].why == TABLES_WITHHELD;
		}
		texts[t->n_cols + 1] = row->headline.why == TABLES_SHOWN ? pdf_tenths(&p->d, row->headline.mean)
									: cell_text(p, &row->headline);
		table_row(p, texts, false, shown++ % 2 == 1);
	}
	pdf_untag(&p->d, "Table");
	p->d.y += 6;
	if (withheld)
		pdf_para(&p->d, F_SMALL,
		     pdf_tr(&p->d, "–* De samengevoegde groepen (‘Overig’) kregen hier niet dezelfde stellingen; hun "
			   "score zou samen met de scores per stelling laten zien wat de kleinste groep "
			   "antwoordde, dus staat hij er niet.",
			"–* The pooled groups (‘Other’) were not asked the same statements here; their score, "
			"together with the scores per statement, would show what the smallest group "
			"answered, so it is not shown."));
}

/* ---- the sections ---- */

typedef struct {
	const char *dest, *nl, *en;
} section;

enum { S_ELEMENTS, S_OUTCOMES, S_OWN, S_DIFFER, S_STRONG, S_COMMENTS, S_DIALOGUE, S_READ, S_COUNT };

static const section sections[S_COUNT] = {
	[S_ELEMENTS] = {"elements", "Werkzame elementen", "Working elements"},
	[S_OUTCOMES] = {"outcomes", "Opbrengsten", "Outcomes"},
	[S_OWN] = {"own", "Eigen stellingen", "Own statements"},
	[S_DIFFER] = {"differ", "Waar de perspectieven verschillen", "Where the perspectives differ"},
	[S_STRONG] = {"strongest", "Sterkste en zwakste elementen", "Strongest and weakest elements"},
	[S_COMMENTS] = {"comments", "Wat mensen schreven", "What people wrote"},
	[S_DIALOGUE] = {"dialogue", "Vragen voor de dialoog", "Questions for the dialogue"},
	[S_READ] = {"reading", "Zo lees je dit rapport", "How to read this report"},
};

static void section_heading(pdf *p, int s)
{
	pdf_heading(&p->d, F_H1, pdf_tr(&p->d, sections[s].nl, sections[s].en), sections[s].dest);
}

static void title_page(pdf *p)
{
	const tables_model *t = p->t;
	pdf_logo(&p->d);
	pdf_tag(&p->d, "P");
	p->d.y += pdf_draw_text(&p->d, F_SMALL_BOLD, PDF_MARGIN, p->d.y, PDF_WIDTH, pdf_tr(&p->d, "RAPPORT VAN EEN MEETRONDE", "ROUND REPORT"));
	pdf_untag(&p->d, "P");
	p->d.y += 8;
	pdf_tag(&p->d, "H1");
	p->d.y += pdf_draw_text(&p->d, F_TITLE, PDF_MARGIN, p->d.y, PDF_WIDTH, t->workplace_name) + 6;
	pdf_untag(&p->d, "H1");
	pdf_tag(&p->d, "P");
	p->d.y += pdf_draw_text(&p->d, F_H2, PDF_MARGIN, p->d.y, PDF_WIDTH, t->title) + 18;
	pdf_untag(&p->d, "P");
	const char *cols = "";
	for (int c = 0; c < t->n_cols; c++)
		cols = arena_printf(t->a, "%s%s%s (%d)", cols, c ? ", " : "", t->col_name[c], t->col_n[c]);
	pdf_item(&p->d, arena_printf(t->a, "%s %s %s %s", pdf_tr(&p->d, "Looptijd:", "Dates:"), t->opens_on, pdf_tr(&p->d, "tot en met", "to"),
			     t->closes_on));
	pdf_item(&p->d, arena_printf(t->a, "%s %d", pdf_tr(&p->d, "Respondenten:", "Respondents:"), t->respondents));
	pdf_item(&p->d, arena_printf(t->a, "%s %d", pdf_tr(&p->d, "Kleinste groep die we tonen (k):", "Smallest group shown (k):"),
			     t->k));
	pdf_item(&p->d, arena_printf(t->a, "%s %s", pdf_tr(&p->d, "Getoonde perspectieven:", "Perspectives shown:"), cols));
	pdf_item(&p->d, arena_printf(t->a, "%s %s", pdf_tr(&p->d, "Instrument:", "Instrument:"), t->instrument));
	p->d.y += 18;
	const char *texts[S_COUNT], *dests[S_COUNT];
	int n = 0;
	for (int s = 0; s < S_COUNT; s++) {
		if (s == S_OWN && !p->x->n_own)
			continue; /* a round without own statements, or a copy without them */
		texts[n] = pdf_tr(&p->d, sections[s].nl, sections[s].en);
		dests[n++] = sections[s].dest;
	}
	pdf_contents(&p->d, texts, dests, n);
}

/* Highest and lowest shown column of a row, as "Student 4.1": the two the
 * gap is taken between. */
static void extremes(const pdf *p, const tables_row *row, const char **hi, const char **lo)
{
	const tables_model *t = p->t;
	int h = -1, l = -1;
	for (int c = 0; c < t->n_cols; c++) {
		if (row->col[c].why != TABLES_SHOWN)
			continue;
		if (h < 0 || row->col[c].mean > row->col[h].mean)
			h = c;
		if (l < 0 || row->col[c].mean < row->col[l].mean)
			l = c;
	}
	*hi = h < 0 ? "–" : arena_printf(t->a, "%s %s", t->col_name[h], pdf_tenths(&p->d, row->col[h].mean));
	*lo = l < 0 ? "–" : arena_printf(t->a, "%s %s", t->col_name[l], pdf_tenths(&p->d, row->col[l].mean));
}

static const tables_row *element_row(const tables_model *t, int e)
{
	assert(t->n_rows > e && t->rows[e].kind == TABLES_ELEMENT);
	return &t->rows[e];
}

static void differ_section(pdf *p)
{
	const tables_model *t = p->t;
	section_heading(p, S_DIFFER);
	pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "Een verschil van 1.0 of meer tussen het hoogste en het laagste getoonde "
			      "perspectief is een onderwerp voor de dialoog.",
			   "A gap of 1.0 or more between the highest and the lowest perspective shown is a "
			   "topic for the dialogue."));
	int n = 0;
	for (int e = 0; e < EL_COUNT; e++) {
		const tables_row *row = element_row(t, e);
		if (!row->differ)
			continue;
		const char *hi, *lo;
		extremes(p, row, &hi, &lo);
		pdf_item(&p->d, arena_printf(t->a, "%s %s: %s %s (%s %s, %s %s)", row->code, row->label, pdf_tr(&p->d, "verschil", "gap"),
				     pdf_tenths(&p->d, row->gap.mean), pdf_tr(&p->d, "hoogst", "highest"), hi, pdf_tr(&p->d, "laagst", "lowest"),
				     lo));
		n++;
	}
	if (!n)
		pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "Bij geen enkel element verschillen de getoonde perspectieven 1.0 of meer.",
				   "On no element do the perspectives shown differ by 1.0 or more."));
}

/* Elements in order of their headline as shown, highest first; returns
 * how many have one. */
static int by_score(const tables_model *t, int order[EL_COUNT])
{
	int n = 0;
	for (int e = 0; e < EL_COUNT; e++)
		if (element_row(t, e)->headline.why == TABLES_SHOWN)
			order[n++] = e;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && element_row(t, order[j])->headline.mean >
					      element_row(t, order[j - 1])->headline.mean; j--) {
			int x = order[j];
			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	return n;
}

static void score_item(pdf *p, int e)
{
	const tables_row *row = element_row(p->t, e);
	pdf_item(&p->d, arena_printf(p->t->a, "%s %s: %s", row->code, row->label, pdf_tenths(&p->d, row->headline.mean)));
}

/* The two strongest and the two weakest; returns the weakest in weak[]
 * (-1 where there is none). */
static void strong_section(pdf *p, int weak[2])
{
	int order[EL_COUNT];
	int n = by_score(p->t, order);
	section_heading(p, S_STRONG);
	pdf_subheading(&p->d, "H2", pdf_tr(&p->d, "Sterkst", "Strongest"));
	for (int i = 0; i < n && i < 2; i++)
		score_item(p, order[i]);
	p->d.y += 6;
	pdf_subheading(&p->d, "H2", pdf_tr(&p->d, "Zwakst", "Weakest"));
	weak[0] = weak[1] = -1;
	for (int i = 0; i < n && i < 2; i++) {
		weak[i] = order[n - 1 - i];
		score_item(p, weak[i]);
	}
	if (!n)
		pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "Er is geen elementscore getoond.", "No element score is shown."));
}

/* The elements the dialogue agenda puts first: where the perspectives
 * differ, and the two weakest. */
static void focus_elements(const pdf *p, const int weak[2], bool focus[EL_COUNT])
{
	for (int e = 0; e < EL_COUNT; e++)
		focus[e] = element_row(p->t, e)->differ || e == weak[0] || e == weak[1];
}

/* The comments on one element's open questions, identical texts once with
 * how often they were written. */
static void element_comments(pdf *p, int e, int from, int to)
{
	const tables_model *t = p->t;
	const report_comment *cs = p->x->comments;
	const tables_row *row = element_row(t, e);
	pdf_subheading(&p->d, "H2", arena_printf(t->a, "%s %s", row->code, row->label));
	for (int i = from; i < to; i++) {
		if (i == from || cs[i].question_no != cs[i - 1].question_no) {
			pdf_need(&p->d, 40);
			pdf_tag(&p->d, "H3");
			p->d.y += pdf_draw_text(&p->d, F_BOLD, PDF_MARGIN, p->d.y, PDF_WIDTH, cs[i].question) + 3;
			pdf_untag(&p->d, "H3");
		}
		int same = 1;
		while (i + same < to && cs[i + same].question_no == cs[i].question_no &&
		       strcmp(cs[i + same].text, cs[i].text) == 0 && strcmp(cs[i + same].group, cs[i].group) == 0)
			same++;
		pdf_item(&p->d, same > 1 ? arena_printf(t->a, "“%s” (%s; %d×)", cs[i].text, cs[i].group, same)
				 : arena_printf(t->a, "“%s” (%s)", cs[i].text, cs[i].group));
		i += same - 1;
	}
}

static void comments_section(pdf *p)
{
	const report_extras *x = p->x;
	section_heading(p, S_COMMENTS);
	if (!x->comments_shown) {
		pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "Opmerkingen van respondenten zijn alleen voor de leden van de werkplaats; "
				      "dit exemplaar bevat ze niet.",
				   "Respondents' comments are for the workplace's members only; this copy holds "
				   "none."));
		return;
	}
	pdf_para(&p->d, F_BODY, arena_printf(p->t->a,
				     pdf_tr(&p->d, "De antwoorden op de open vragen van groepen met minstens %d "
					   "respondenten, per element, in alfabetische volgorde.",
					"The answers to the open questions from groups of at least %d "
					"respondents, per element, in alphabetical order."),
				     x->k_comments));
	if (!x->n_comments)
		pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "Geen opmerkingen.", "No comments."));
	for (int i = 0; i < x->n_comments;) {
		int j = i;
		while (j < x->n_comments && x->comments[j].element == x->comments[i].element)
			j++;
		element_comments(p, x->comments[i].element, i, j);
		i = j;
	}
}

static void dialogue_section(pdf *p, const bool focus[EL_COUNT])
{
	const tables_model *t = p->t;
	section_heading(p, S_DIALOGUE);
	pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "De vragen van de dialoogagenda uit het instrument, voor de elementen waar de "
			      "perspectieven verschillen en de twee zwakste.",
			   "The dialogue agenda's questions from the instrument, for the elements where the "
			   "perspectives differ and the two weakest."));
	for (int e = 0; e < EL_COUNT; e++) {
		if (!focus[e])
			continue;
		const instr_element *el = &p->in->elements[e];
		const tables_row *row = element_row(t, e);
		pdf_subheading(&p->d, "H2", arena_printf(t->a, "%s %s", row->code, row->label));
		for (size_t q = 0; q < el->n_dialogue; q++)
			pdf_item(&p->d, wp_text_get(&el->dialogue[q], t->english));
	}
}

static void reading_section(pdf *p)
{
	const tables_model *t = p->t;
	section_heading(p, S_READ);
	pdf_para(&p->d, F_BODY,
	     pdf_tr(&p->d, "Elke stelling is beantwoord op een schaal van 1 (helemaal oneens) tot 5 (helemaal eens); "
		   "‘weet niet’ telt niet mee. De score van een element is het gemiddelde van zijn stellingen; "
		   "per perspectief staat het gemiddelde met het aantal mensen (n). De score in de laatste "
		   "kolom laat elk getoond perspectief even zwaar wegen, omdat het model gelijkwaardige "
		   "partners vraagt. 4.0 en hoger is een sterk punt, 3.0 tot 3.9 iets om te bespreken, "
		   "onder 3.0 vraagt aandacht. Het instrument is een ontwikkelinstrument: de cijfers openen "
		   "het gesprek, ze zijn geen oordeel.",
		"Every statement was answered on a scale from 1 (strongly disagree) to 5 (strongly agree); "
		"‘don't know’ does not count. An element's score is the mean of its statements; per "
		"perspective the mean is given with the number of people (n). The score in the last column "
		"weighs every perspective shown equally, because the model asks for equal partners. 4.0 and "
		"above is a strength, 3.0 to 3.9 something to discuss, below 3.0 needs attention. The "
		"instrument is for development: the figures open the conversation, they are no verdict."));
	pdf_para(&p->d, F_BODY,
	     arena_printf(t->a,
			  pdf_tr(&p->d, "Anonimiteit: een groep is te zien vanaf %d mensen; kleinere groepen staan samen "
				"onder ‘Overig’ of blijven verborgen, en een cijfer dat samen met andere een kleine "
				"groep zou blootgeven, staat er niet (‘– te weinig’, ‘–*’). Onder %d respondenten "
				"in totaal is er geen rapport. De cijfers verschijnen pas als de meetronde gesloten "
				"is en veranderen daarna niet. Opmerkingen staan er alleen in van groepen van "
				"minstens %d mensen, en alleen in het exemplaar voor de leden: vrije tekst kan "
				"iemand herkenbaar maken. Geef dit rapport met zorg door.",
			     "Anonymity: a group is shown from %d people; smaller groups are pooled under ‘Other’ "
			     "or stay hidden, and a figure that together with others would expose a small group "
			     "is left out (‘– too few’, ‘–*’). Below %d respondents in all there is no report. "
			     "The figures appear only once the round has closed and do not change after that. "
			     "Comments are shown only from groups of at least %d people, and only in the "
			     "members' copy: free text can make someone recognisable. Pass this report on "
			     "with care."),
			  t->k, t->k, p->x->k_comments));
}

/* The workplace's own statements: a row each, the last column everyone. */
static void own_section(pdf *p)
{
	const tables_model *t = p->t;
	const report_extras *x = p->x;
	if (!x->n_own)
		return;
	section_heading(p, S_OWN);
	pdf_para(&p->d, F_BODY, pdf_tr(&p->d, "De stellingen die de werkplaats zelf toevoegde. Ze tellen niet mee in de "
					     "scores van de elementen en staan niet in de benchmark.",
				       "The statements the workplace added itself. They do not count in the "
				       "elements' scores and are not in the benchmark."));
	const char **texts = ARENA_ARRAY(t->a, const char *, (size_t)t->n_cols + 2);
	pdf_tag(&p->d, "Table");
	texts[0] = "";
	for (int c = 0; c < t->n_cols; c++)
		texts[c + 1] = arena_printf(t->a, "%s\n(n=%d)", t->col_name[c], t->col_n[c]);
	texts[t->n_cols + 1] = pdf_tr(&p->d, "Iedereen", "Everyone");
	table_row(p, texts, true, false);
	for (int i = 0; i < x->n_own; i++) {
		const tables_row *row = &x->own[i];
		texts[0] = arena_printf(t->a, "%s (%s) %s", row->code, row->group, row->label);
		for (int c = 0; c < t->n_cols; c++)
			texts[c + 1] = cell_text(p, &row->col[c]);
		texts[t->n_cols + 1] = cell_text(p, &row->weighted);
		table_row(p, texts, false, i % 2 == 1);
	}
	pdf_untag(&p->d, "Table");
	p->d.y += 6;
}

static void body(pdf *p)
{
	int weak[2];
	bool focus[EL_COUNT];
	title_page(p);
	pdf_new_page(&p->d);
	section_heading(p, S_ELEMENTS);
	pdf_chart(&p->d, p->x->radar_elements, 330);
	group_table(p, TABLES_ELEMENT);
	section_heading(p, S_OUTCOMES);
	pdf_chart(&p->d, p->x->radar_outcomes, 330);
	group_table(p, TABLES_OUTCOME);
	own_section(p);
	differ_section(p);
	strong_section(p, weak);
	comments_section(p);
	focus_elements(p, weak, focus);
	dialogue_section(p, focus);
	reading_section(p);
}

bool report_pdf(const tables_model *t, const instrument *in, const report_extras *x, buf *out,
		const char **err)
{
	pdf p = {.t = t, .in = in, .x = x};
	const char *name = arena_printf(t->a, "%s · %s", t->workplace_name, t->title);
	bool ok = pdf_open(&p.d, t->a, t->english, name, name, out);
	p.d.look = x->look;
	if (ok)
		body(&p);
	return pdf_close(&p.d, ok, err);
}
