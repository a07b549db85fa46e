/* report_pdf.c - the round report as a PDF, laid out with pango on a cairo
 * PDF surface that writes into a capped buffer. A small flow layout: a
 * cursor runs down the page and a block that does not fit starts a new
 * page, which gets its footer (round and page number) when it begins. */
#include "io/report_pdf.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
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
	const report_extras *x;
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

/* ---- structure ----
 * Marked content for a screen reader: cairo's structure tags ("H1", "P",
 * "Table" ...) build the PDF's structure tree. Page furniture (the footer)
 * stays outside every tag. */

static void tag(pdf *p, const char *name)
{
	cairo_tag_begin(p->cr, name, NULL);
}

static void untag(pdf *p, const char *name)
{
	cairo_tag_end(p->cr, name);
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
	tag(p, "P");
	p->y += draw_text(p, f, MARGIN, p->y, WIDTH, text) + 6;
	untag(p, "P");
}

/* A bullet item, with its list's tags around it: items are their own
 * one-item lists, so a list never spans a heading. */
static void item(pdf *p, const char *text)
{
	need(p, layout_text(p, F_BODY, WIDTH - 14, text));
	tag(p, "L");
	tag(p, "LI");
	tag(p, "Lbl");
	draw_text(p, F_BODY, MARGIN + 2, p->y, 12, "•");
	untag(p, "Lbl");
	tag(p, "LBody");
	p->y += draw_text(p, F_BODY, MARGIN + 14, p->y, WIDTH - 14, text) + 3;
	untag(p, "LBody");
	untag(p, "LI");
	untag(p, "L");
}

/* A heading of level "H2" (or another structure name) without an anchor. */
static void subheading(pdf *p, const char *level, const char *text)
{
	need(p, layout_text(p, F_H2, WIDTH, text) + 40);
	p->y += 4;
	tag(p, level);
	p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, text) + 4;
	untag(p, level);
}

/* A section heading: a link destination named dest and an entry of the
 * document outline. Keeps at least a few lines of its section with it. */
static void heading(pdf *p, font_kind f, const char *text, const char *dest)
{
	double h = layout_text(p, f, WIDTH, text);
	need(p, h + 60);
	if (p->y > TOP)
		p->y += 10;
	tag(p, f == F_H1 ? "H1" : "H2");
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, arena_printf(p->t->a, "name='%s'", dest));
	draw_text(p, f, MARGIN, p->y, WIDTH, text);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	untag(p, f == F_H1 ? "H1" : "H2");
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
	const char *cell = f == F_CELL_BOLD ? "TH" : "TD";
	tag(p, "TR");
	for (int i = 0; i < n; i++) {
		double x = i == 0 ? MARGIN : MARGIN + LABEL_W + (i - 1) * cw;
		double w = (i == 0 ? LABEL_W : cw) - 2 * CELL_PAD;
		tag(p, i == 0 ? "TH" : cell);
		draw_text(p, i == 0 || i == n - 1 ? F_CELL_BOLD : f, x + CELL_PAD,
			  p->y + CELL_PAD, w, texts[i]);
		untag(p, i == 0 ? "TH" : cell);
	}
	untag(p, "TR");
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
	tag(p, "Table");
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
	untag(p, "Table");
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

enum { S_ELEMENTS, S_OUTCOMES, S_DIFFER, S_STRONG, S_COMMENTS, S_DIALOGUE, S_READ, S_COUNT };

static const section sections[S_COUNT] = {
	[S_ELEMENTS] = {"elements", "Werkzame elementen", "Working elements"},
	[S_OUTCOMES] = {"outcomes", "Opbrengsten", "Outcomes"},
	[S_DIFFER] = {"differ", "Waar de perspectieven verschillen", "Where the perspectives differ"},
	[S_STRONG] = {"strongest", "Sterkste en zwakste elementen", "Strongest and weakest elements"},
	[S_COMMENTS] = {"comments", "Wat mensen schreven", "What people wrote"},
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
	tag(p, "P");
	p->y += draw_text(p, F_SMALL_BOLD, MARGIN, p->y, WIDTH, tr(p, "RAPPORT VAN EEN MEETRONDE", "ROUND REPORT"));
	untag(p, "P");
	p->y += 8;
	tag(p, "H1");
	p->y += draw_text(p, F_TITLE, MARGIN, p->y, WIDTH, t->workplace_name) + 6;
	untag(p, "H1");
	tag(p, "P");
	p->y += draw_text(p, F_H2, MARGIN, p->y, WIDTH, t->title) + 18;
	untag(p, "P");
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
	subheading(p, "H2", tr(p, "Inhoud", "Contents"));
	p->y += 2;
	tag(p, "TOC");
	for (int s = 0; s < S_COUNT; s++) {
		tag(p, "TOCI");
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, arena_printf(t->a, "dest='%s'", sections[s].dest));
		cairo_set_source_rgb(p->cr, 0.05, 0.25, 0.6);
		p->y += draw_text(p, F_BODY, MARGIN, p->y, WIDTH,
				  arena_printf(t->a, "%d. %s", s + 1, tr(p, sections[s].nl, sections[s].en))) + 4;
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		untag(p, "TOCI");
	}
	untag(p, "TOC");
}

/* ---- charts ---- */

/* An SVG chart of the pages (web/svg.h), as vectors, WIDTH wide at most
 * and scaled to keep its proportions; nothing when svg is NULL or does
 * not parse (the table beside it holds the same figures). */
static void chart(pdf *p, const char *svg, double w)
{
	if (!svg)
		return;
	GError *e = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg, strlen(svg), &e);
	if (!h) {
		g_error_free(e);
		return;
	}
	/* the pages' charts take the page's font */
	static const char css[] = "svg { font-family: 'DejaVu Sans'; }";
	rsvg_handle_set_stylesheet(h, (const guint8 *)css, sizeof css - 1, NULL);
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
	double height = has_vb && vb.width > 0 ? w * vb.height / vb.width : w;
	need(p, height);
	RsvgRectangle vp = {.x = MARGIN + (WIDTH - w) / 2, .y = p->y, .width = w, .height = height};
	tag(p, "Figure");
	if (!rsvg_handle_render_document(h, p->cr, &vp, &e))
		g_error_free(e);
	untag(p, "Figure");
	g_object_unref(h);
	p->y += height + 8;
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
	subheading(p, "H2", tr(p, "Sterkst", "Strongest"));
	for (int i = 0; i < n && i < 2; i++)
		score_item(p, order[i]);
	p->y += 6;
	subheading(p, "H2", tr(p, "Zwakst", "Weakest"));
	weak[0] = weak[1] = -1;
	for (int i = 0; i < n && i < 2; i++) {
		weak[i] = order[n - 1 - i];
		score_item(p, weak[i]);
	}
	if (!n)
		para(p, F_BODY, tr(p, "Er is geen elementscore getoond.", "No element score is shown."));
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
	subheading(p, "H2", arena_printf(t->a, "%s %s", row->code, row->label));
	for (int i = from; i < to; i++) {
		if (i == from || cs[i].question_no != cs[i - 1].question_no) {
			need(p, 40);
			tag(p, "H3");
			p->y += draw_text(p, F_BOLD, MARGIN, p->y, WIDTH, cs[i].question) + 3;
			untag(p, "H3");
		}
		int same = 1;
		while (i + same < to && cs[i + same].question_no == cs[i].question_no &&
		       strcmp(cs[i + same].text, cs[i].text) == 0 && strcmp(cs[i + same].group, cs[i].group) == 0)
			same++;
		item(p, same > 1 ? arena_printf(t->a, "“%s” (%s; %d×)", cs[i].text, cs[i].group, same)
				 : arena_printf(t->a, "“%s” (%s)", cs[i].text, cs[i].group));
		i += same - 1;
	}
}

static void comments_section(pdf *p)
{
	const report_extras *x = p->x;
	section_heading(p, S_COMMENTS);
	if (!x->comments_shown) {
		para(p, F_BODY, tr(p, "Opmerkingen van respondenten zijn alleen voor de leden van de werkplaats; "
				      "dit exemplaar bevat ze niet.",
				   "Respondents' comments are for the workplace's members only; this copy holds "
				   "none."));
		return;
	}
	para(p, F_BODY, arena_printf(p->t->a,
				     tr(p, "De antwoorden op de open vragen van groepen met minstens %d "
					   "respondenten, per element, in alfabetische volgorde.",
					"The answers to the open questions from groups of at least %d "
					"respondents, per element, in alphabetical order."),
				     x->k_comments));
	if (!x->n_comments)
		para(p, F_BODY, tr(p, "Geen opmerkingen.", "No comments."));
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
	para(p, F_BODY, tr(p, "De vragen van de dialoogagenda uit het instrument, voor de elementen waar de "
			      "perspectieven verschillen en de twee zwakste.",
			   "The dialogue agenda's questions from the instrument, for the elements where the "
			   "perspectives differ and the two weakest."));
	for (int e = 0; e < EL_COUNT; e++) {
		if (!focus[e])
			continue;
		const instr_element *el = &p->in->elements[e];
		const tables_row *row = element_row(t, e);
		subheading(p, "H2", arena_printf(t->a, "%s %s", row->code, row->label));
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

static void body(pdf *p)
{
	int weak[2];
	bool focus[EL_COUNT];
	footer(p);
	tag(p, "Document");
	title_page(p);
	new_page(p);
	section_heading(p, S_ELEMENTS);
	chart(p, p->x->radar_elements, 330);
	group_table(p, TABLES_ELEMENT);
	section_heading(p, S_OUTCOMES);
	chart(p, p->x->radar_outcomes, 330);
	group_table(p, TABLES_OUTCOME);
	differ_section(p);
	strong_section(p, weak);
	comments_section(p);
	focus_elements(p, weak, focus);
	dialogue_section(p, focus);
	reading_section(p);
	untag(p, "Document");
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

bool report_pdf(const tables_model *t, const instrument *in, const report_extras *x, buf *out,
		const char **err)
{
	pdf p = {.t = t, .in = in, .x = x, .out = out};
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
