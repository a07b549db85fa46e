/* report_pdf.c - the round report as a PDF, laid out with pango on a cairo
 * PDF surface that writes into a capped buffer. A small flow layout: a
 * cursor runs down the page and a block that does not fit starts a new
 * page, which gets its footer (round and page number) when it begins. */
#include "io/report_pdf.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "domain/analysis.h"

/* A4 in points, and the margins. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 48.0
#define TOP MARGIN
#define BOTTOM (PAGE_H - MARGIN - 14.0)
#define WIDTH (PAGE_W - 2 * MARGIN)
#define LABEL_W 118.0
#define CELL_PAD 2.5

#define FONT "DejaVu Sans"

typedef enum { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_CELL, F_CELL_BOLD, F_H1, F_H2, F_TITLE, F_COUNT } font_kind;

static const char *const font_spec[F_COUNT] = {
	[F_BODY] = FONT " 10", [F_BOLD] = FONT " Bold 10", [F_SMALL] = FONT " 8",
	[F_SMALL_BOLD] = FONT " Bold 8", [F_CELL] = FONT " Condensed 7.5",
	[F_CELL_BOLD] = FONT " Condensed Bold 7.5", [F_H1] = FONT " Bold 16", [F_H2] = FONT " Bold 12",
	[F_TITLE] = FONT " Bold 22",
};

typedef struct {
	const tables_model *t;
	const instrument *in;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *font[F_COUNT];
	double y;  /* the cursor, from the top of the page */
	int page;  /* the page being drawn, from 1 */
	buf *out;
} pdf;

static const char *tr(const pdf *p, const char *nl, const char *en)
{
	return p->t->english ? en : nl;
}

static const char *tenths(const pdf *p, double v)
{
	int t = analysis_tenths(v);
	return arena_printf(p->t->a, "%d.%d", t / 10, t % 10);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- text ---- */

/* Lay out text in a box of width w; returns its height. */
static double layout_text(pdf *p, font_kind f, double w, const char *text)
{
	pango_layout_set_font_description(p->layout, p->font[f]);
	pango_layout_set_width(p->layout, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(p->layout, text, -1);
	int pw, ph;
	pango_layout_get_size(p->layout, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

/* Draw text at (x, y) in a box of width w; returns its height. */
static double draw_text(pdf *p, font_kind f, double x, double y, double w, const char *text)
{
	double h = layout_text(p, f, w, text);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
	return h;
}

static void footer(pdf *p)
{
	const tables_model *t = p->t;
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	draw_text(p, F_SMALL, MARGIN, PAGE_H - MARGIN, WIDTH - 80,
		  arena_printf(t->a, "%s · %s", t->workplace_name, t->title));
	const char *num = arena_printf(t->a, "%s %d", tr(p, "Pagina", "Page"), p->page);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_RIGHT);
	draw_text(p, F_SMALL, PAGE_W - MARGIN - 80, PAGE_H - MARGIN, 80, num);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(pdf *p)
{
	cairo_show_page(p->cr);
	p->page++;
	p->y = TOP;
	footer(p);
}

/* Start a new page unless h more points fit on this one. */
static void need(pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > TOP)
		new_page(p);
}

static void para(pdf *p, font_kind f, const char *text)
{
	need(p, layout_text(p, f, WIDTH, text));
	p->y += draw_text(p, f, MARGIN, p->y, WIDTH, text) + 6;
}

/* A bullet item. */
static void item(pdf *p, const char *text)
{
	need(p, layout_text(p, F_BODY, WIDTH - 14, text));
	draw_text(p, F_BODY, MARGIN + 2, p->y, 12, "•");
	p->y += draw_text(p, F_BODY, MARGIN + 14, p->y, WIDTH - 14, text) + 3;
}

/* A section heading: a link destination named dest and an entry of the
 * document outline. Keeps at least a few lines of its section with it. */
static void heading(pdf *p, font_kind f, const char *text, const char *dest)
{
	double h = layout_text(p, f, WIDTH, text);
	need(p, h + 60);
	if (p->y > TOP)
		p->y += 10;
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, arena_printf(p->t->a, "name='%s'", dest));
	draw_text(p, f, MARGIN, p->y, WIDTH, text);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, text,
				      arena_printf(p->t->a, "page=%d pos=[%.0f %.0f]", p->page, MARGIN, p->y),
				      0);
	p->y += h + 6;
}

/* ---- the table of elements or outcome categories ---- */

/* What a cell says: the mean over its n, or why it is hidden (the reason
 * tables_cell_why gave, in the pages' words). */
static const char *cell_text(const pdf *p, const tables_cell *c)
{
	switch (c->why) {
	case TABLES_SHOWN:
		return arena_printf(p->t->a, "%s\nn=%d", tenths(p, c->mean), c->n);
	case TABLES_NOT_ASKED:
		return tr(p, "niet gevraagd", "not asked");
	case TABLES_WITHHELD:
		return "–*";
	case TABLES_EXPOSES:
		return tr(p, "– zou kleine groep tonen", "– would expose a small group");
	case TABLES_NONE:
		return "–";
	default:
		return tr(p, "– te weinig", "– too few");
	}
}

static double column_w(const pdf *p)
{
	return (WIDTH - LABEL_W) / (p->t->n_cols + 1);
}

/* One row of cells: texts[0] in the label column, then one per shown
 * column and the score. Returns its height after drawing. */
static double table_row(pdf *p, const char **texts, font_kind f, bool shade)
{
	int n = p->t->n_cols + 2;
	double cw = column_w(p), h = 0;
	for (int i = 0; i < n; i++) {
		double w = (i == 0 ? LABEL_W : cw) - 2 * CELL_PAD;
		double th = layout_text(p, i == 0 || i == n - 1 ? F_CELL_BOLD : f, w, texts[i]);
		h = fmax(h, th);
	}
	h += 2 * CELL_PAD;
	need(p, h);
	if (shade) {
		cairo_set_source_rgb(p->cr, 0.93, 0.95, 0.97);
		cairo_rectangle(p->cr, MARGIN, p->y, WIDTH, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	for (int i = 0; i < n; i++) {
		double x = i == 0 ? MARGIN : MARGIN + LABEL_W + (i - 1) * cw;
		double w = (i == 0 ? LABEL_W : cw) - 2 * CELL_PAD;
		draw_text(p, i == 0 || i == n - 1 ? F_CELL_BOLD : f, x + CELL_PAD,
			  p->y + CELL_PAD, w, texts[i]);
	}
	p->y += h;
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, MARGIN + WIDTH, p->y);
	cairo_stroke(p->cr);
	return h;
}

static void table_head(pdf *p)
{
	const tables_model *t = p->t;
	const char **texts = ARENA_ARRAY(t->a, const char *, (size_t)t->n_cols + 2);
	texts[0] = "";
	for (int c = 0; c < t->n_cols; c++)
		texts[c + 1] = arena_printf(t->a, "%s\n(n=%d)", t->col_name[c], t->col_n[c]);
	texts[t->n_cols + 1] = tr(p, "Score", "Score");
	table_row(p, texts, F_CELL_BOLD, false);
}

static void group_table(pdf *p, tables_kind kind)
{
	const tables_model *t = p->t;
	const char **texts = ARENA_ARRAY(t->a, const char *, (size_t)t->n_cols + 2);
	bool withheld = false;
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
		texts[t->n_cols + 1] = row->headline.why == TABLES_SHOWN ? tenths(p, row->headline.mean)
									: cell_text(p, &row->headline);
		table_row(p, texts, F_CELL, shown++ % 2 == 1);
	}
	p->y += 6;
	if (withheld)
		para(p, F_SMALL,
		     tr(p, "–* De samengevoegde groepen (‘Overig’) kregen hier niet dezelfde stellingen; hun "
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

enum { S_ELEMENTS, S_OUTCOMES, S_DIFFER, S_STRONG, S_DIALOGUE, S_READ, S_COUNT };

static const section sections[S_COUNT] = {
	[S_ELEMENTS] = {"elements", "Werkzame elementen", "Working elements"},
	[S_OUTCOMES] = {"outcomes", "Opbrengsten", "Outcomes"},
	[S_DIFFER] = {"differ", "Waar de perspectieven verschillen", "Where the perspectives differ"},
	[S_STRONG] = {"strongest", "Sterkste en zwakste elementen", "Strongest and weakest elements"},
	[S_DIALOGUE] = {"dialogue", "Vragen voor de dialoog", "Questions for the dialogue"},
	[S_READ] = {"reading", "Zo lees je dit rapport", "How to read this report"},
};

static void section_heading(pdf *p, int s)
{
	heading(p, F_H1, tr(p, sections[s].nl, sections[s].en), sections[s].dest);
}

static void title_page(pdf *p)
{
	const tables_model *t = p->t;
	p->y += draw_text(p, F_SMALL_BOLD, MARGIN, p->y, WIDTH, tr(p, "RAPPORT VAN EEN MEETRONDE", "ROUND REPORT"));
	p->y += 8;
	p->y += draw_text(p, F_TITLE, MARGIN, p->y, WIDTH, t->workplace_name) + 6;
	p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, t->title) + 18;
	const char *cols = "";
	for (int c = 0; c < t->n_cols; c++)
		cols = arena_printf(t->a, "%s%s%s (%d)", cols, c ? ", " : "", t->col_name[c], t->col_n[c]);
	item(p, arena_printf(t->a, "%s %s %s %s", tr(p, "Looptijd:", "Dates:"), t->opens_on, tr(p, "tot en met", "to"),
			     t->closes_on));
	item(p, arena_printf(t->a, "%s %d", tr(p, "Respondenten:", "Respondents:"), t->respondents));
	item(p, arena_printf(t->a, "%s %d", tr(p, "Kleinste groep die we tonen (k):", "Smallest group shown (k):"),
			     t->k));
	item(p, arena_printf(t->a, "%s %s", tr(p, "Getoonde perspectieven:", "Perspectives shown:"), cols));
	item(p, arena_printf(t->a, "%s %s", tr(p, "Instrument:", "Instrument:"), t->instrument));
	p->y += 18;
	p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, tr(p, "Inhoud", "Contents")) + 6;
	for (int s = 0; s < S_COUNT; s++) {
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, arena_printf(t->a, "dest='%s'", sections[s].dest));
		cairo_set_source_rgb(p->cr, 0.05, 0.25, 0.6);
		p->y += draw_text(p, F_BODY, MARGIN, p->y, WIDTH,
				  arena_printf(t->a, "%d. %s", s + 1, tr(p, sections[s].nl, sections[s].en))) + 4;
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
	}
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
	*hi = h < 0 ? "–" : arena_printf(t->a, "%s %s", t->col_name[h], tenths(p, row->col[h].mean));
	*lo = l < 0 ? "–" : arena_printf(t->a, "%s %s", t->col_name[l], tenths(p, row->col[l].mean));
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
	para(p, F_BODY, tr(p, "Een verschil van 1.0 of meer tussen het hoogste en het laagste getoonde "
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
		item(p, arena_printf(t->a, "%s %s: %s %s (%s %s, %s %s)", row->code, row->label, tr(p, "verschil", "gap"),
				     tenths(p, row->gap.mean), tr(p, "hoogst", "highest"), hi, tr(p, "laagst", "lowest"),
				     lo));
		n++;
	}
	if (!n)
		para(p, F_BODY, tr(p, "Bij geen enkel element verschillen de getoonde perspectieven 1.0 of meer.",
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
	item(p, arena_printf(p->t->a, "%s %s: %s", row->code, row->label, tenths(p, row->headline.mean)));
}

/* The two strongest and the two weakest; returns the weakest in weak[]
 * (-1 where there is none). */
static void strong_section(pdf *p, int weak[2])
{
	int order[EL_COUNT];
	int n = by_score(p->t, order);
	section_heading(p, S_STRONG);
	p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, tr(p, "Sterkst", "Strongest")) + 4;
	for (int i = 0; i < n && i < 2; i++)
		score_item(p, order[i]);
	p->y += 6;
	need(p, 40);
	p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, tr(p, "Zwakst", "Weakest")) + 4;
	weak[0] = weak[1] = -1;
	for (int i = 0; i < n && i < 2; i++) {
		weak[i] = order[n - 1 - i];
		score_item(p, weak[i]);
	}
	if (!n)
		para(p, F_BODY, tr(p, "Er is geen elementscore getoond.", "No element score is shown."));
}

static void dialogue_section(pdf *p, const int weak[2])
{
	const tables_model *t = p->t;
	section_heading(p, S_DIALOGUE);
	para(p, F_BODY, tr(p, "Vragen uit het instrument voor de zwakste elementen, om het gesprek te openen.",
			   "Questions from the instrument for the weakest elements, to open the conversation."));
	for (int i = 0; i < 2; i++) {
		if (weak[i] < 0)
			continue;
		const instr_element *el = &p->in->elements[weak[i]];
		const tables_row *row = element_row(t, weak[i]);
		need(p, 50);
		p->y += 4;
		p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, arena_printf(t->a, "%s %s", row->code, row->label)) + 4;
		for (size_t q = 0; q < el->n_dialogue; q++)
			item(p, wp_text_get(&el->dialogue[q], t->english));
	}
}

static void reading_section(pdf *p)
{
	const tables_model *t = p->t;
	section_heading(p, S_READ);
	para(p, F_BODY,
	     tr(p, "Elke stelling is beantwoord op een schaal van 1 (helemaal oneens) tot 5 (helemaal eens); "
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
	para(p, F_BODY,
	     arena_printf(t->a,
			  tr(p, "Anonimiteit: een groep is te zien vanaf %d mensen; kleinere groepen staan samen "
				"onder ‘Overig’ of blijven verborgen, en een cijfer dat samen met andere een kleine "
				"groep zou blootgeven, staat er niet (‘– te weinig’, ‘–*’). Onder %d respondenten "
				"in totaal is er geen rapport. De cijfers verschijnen pas als de meetronde gesloten "
				"is en veranderen daarna niet. Dit rapport bevat geen opmerkingen: vrije tekst kan "
				"iemand herkenbaar maken, en een PDF wordt doorgegeven.",
			     "Anonymity: a group is shown from %d people; smaller groups are pooled under ‘Other’ "
			     "or stay hidden, and a figure that together with others would expose a small group "
			     "is left out (‘– too few’, ‘–*’). Below %d respondents in all there is no report. "
			     "The figures appear only once the round has closed and do not change after that. "
			     "This report holds no comments: free text can make someone recognisable, and a PDF "
			     "is passed on."),
			  t->k, t->k));
}

static void body(pdf *p)
{
	int weak[2];
	footer(p);
	title_page(p);
	new_page(p);
	section_heading(p, S_ELEMENTS);
	group_table(p, TABLES_ELEMENT);
	section_heading(p, S_OUTCOMES);
	group_table(p, TABLES_OUTCOME);
	differ_section(p);
	strong_section(p, weak);
	dialogue_section(p, weak);
	reading_section(p);
}

/* ---- set up and tear down ---- */

static bool open_pdf(pdf *p)
{
	p->surface = cairo_pdf_surface_create_for_stream(write_out, p->out, PAGE_W, PAGE_H);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
		return false;
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
				       arena_printf(p->t->a, "%s · %s", p->t->workplace_name, p->t->title));
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "werkplaats");
	/* a font map of our own: nothing shared between the server's threads */
	p->fonts = pango_cairo_font_map_new();
	p->ctx = pango_font_map_create_context(p->fonts);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_update_context(p->cr, p->ctx);
	p->layout = pango_layout_new(p->ctx);
	for (int f = 0; f < F_COUNT; f++)
		p->font[f] = pango_font_description_from_string(font_spec[f]);
	p->page = 1;
	p->y = TOP;
	return true;
}

static void close_pdf(pdf *p)
{
	for (int f = 0; f < F_COUNT; f++)
		if (p->font[f])
			pango_font_description_free(p->font[f]);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->ctx)
		g_object_unref(p->ctx);
	if (p->fonts)
		g_object_unref(p->fonts);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
}

bool report_pdf(const tables_model *t, const instrument *in, buf *out, const char **err)
{
	pdf p = {.t = t, .in = in, .out = out};
	*err = NULL;
	bool ok = open_pdf(&p);
	if (ok) {
		body(&p);
		cairo_surface_finish(p.surface);
		ok = cairo_surface_status(p.surface) == CAIRO_STATUS_SUCCESS;
	}
	close_pdf(&p);
	if (!ok)
		*err = out->toobig ? "the report is larger than the reply may be" : "cairo could not make the PDF";
	return ok;
}
