/* paper_pdf.c - the printable questionnaire (paper_pdf.h), drawn with
 * cairo and pango like the round report. */
#include "io/paper_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define MARGIN 48.0
#define WIDTH (PAGE_W - 2 * MARGIN)
#define TOP 64.0
#define BOTTOM (PAGE_H - 56.0)
#define FONT "DejaVu Sans"
#define BOXES 6 /* 1..5 and "don't know" */
#define COLUMN 2.0 /* a box's column, in box sides */

typedef enum { F_BODY, F_BOLD, F_SMALL, F_TITLE, F_COUNT } font_kind;

typedef struct {
	const paper_form *f;
	buf *out;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *font[F_COUNT];
	double y, box; /* the next line; the side of an answer box */
	int page;
} sheet;

static const char *tr(const sheet *s, const char *nl, const char *en)
{
	return s->f->english ? en : nl;
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static double text_height(sheet *s, font_kind f, double w, const char *text)
{
	pango_layout_set_font_description(s->layout, s->font[f]);
	pango_layout_set_width(s->layout, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(s->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(s->layout, text, -1);
	int pw, ph;
	pango_layout_get_size(s->layout, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

static double text_at(sheet *s, font_kind f, double x, double y, double w, const char *text)
{
	double h = text_height(s, f, w, text);
	cairo_move_to(s->cr, x, y);
	pango_cairo_show_layout(s->cr, s->layout);
	return h;
}

static void centred(sheet *s, font_kind f, double x, double y, double w, const char *text)
{
	pango_layout_set_alignment(s->layout, PANGO_ALIGN_CENTER);
	text_at(s, f, x, y, w, text);
	pango_layout_set_alignment(s->layout, PANGO_ALIGN_LEFT);
}

/* The form code and page number at the foot of every page: a page that
 * comes loose still says which round and perspective it belongs to. */
static void footer(sheet *s)
{
	char line[160];
	snprintf(line, sizeof line, "%s %s · %s %d", tr(s, "Formuliercode", "Form code"), s->f->form_code,
		 tr(s, "pagina", "page"), s->page);
	text_at(s, F_SMALL, MARGIN, PAGE_H - 40, WIDTH, line);
}

static void new_page(sheet *s)
{
	cairo_show_page(s->cr);
	s->page++;
	s->y = TOP;
	footer(s);
}

static void para(sheet *s, font_kind f, const char *text)
{
	s->y += text_at(s, f, MARGIN, s->y, WIDTH, text) + 8;
}

/* Column heads over the boxes: 1 .. 5 and ?. */
static void box_heads(sheet *s)
{
	double x0 = PAGE_W - MARGIN - BOXES * s->box * COLUMN;
	static const char *const heads[BOXES] = {"1", "2", "3", "4", "5", "?"};
	for (int i = 0; i < BOXES; i++)
		centred(s, F_BOLD, x0 + i * s->box * COLUMN, s->y, s->box * COLUMN, heads[i]);
	s->y += text_height(s, F_BOLD, WIDTH, "1") + 4;
}

static void title_block(sheet *s)
{
	const paper_form *f = s->f;
	const char *title = wp_text_get(&f->in->title, f->english);
	s->y = MARGIN;
	s->y += text_at(s, F_TITLE, MARGIN, s->y, WIDTH, title) + 6;
	char line[400];
	snprintf(line, sizeof line, "%s · %s · %s", f->workplace, f->round_title, perspective_name(f->persp, f->english));
	para(s, F_BODY, line);
	snprintf(line, sizeof line, "%s: %s", tr(s, "Formuliercode", "Form code"), f->form_code);
	s->y += text_at(s, F_BOLD, MARGIN, s->y, WIDTH, line) + 2;
	snprintf(line, sizeof line, "%s: ________", tr(s, "Formuliernummer (vult de werkplaats in)",
						      "Form number (the workplace fills it in)"));
	para(s, F_BOLD, line);
	para(s, F_BODY, wp_text_or_easy(&f->in->intro, &f->in->easy_intro, f->easy, f->english));
	para(s, F_BODY, tr(s, "Zet bij elke uitspraak één kruisje. Schrijf je naam niet op dit formulier.",
			   "Put one cross for each statement. Do not write your name on this form."));
	const instr_scale *sc = &f->in->scale;
	for (int v = 0; v < 5; v++) {
		snprintf(line, sizeof line, "%d = %s", v + 1,
			 wp_text_or_easy(&sc->labels[v], &sc->easy_labels[v], f->easy, f->english));
		s->y += text_at(s, F_BODY, MARGIN + 12, s->y, WIDTH - 12, line) + 1;
	}
	snprintf(line, sizeof line, "? = %s", wp_text_or_easy(&sc->dont_know, &sc->easy_dont_know, f->easy, f->english));
	s->y += text_at(s, F_BODY, MARGIN + 12, s->y, WIDTH - 12, line) + 12;
}

/* One statement: its box number, its text and six empty boxes. */
static void statement(sheet *s, int number, const instr_item *it)
{
	double boxes_w = BOXES * s->box * COLUMN;
	double text_w = WIDTH - boxes_w - 36;
	const char *text = wp_text_or_easy(&it->text, &it->easy, s->f->easy, s->f->english);
	double h = text_height(s, F_BODY, text_w, text);
	double row = (h > s->box ? h : s->box) + 10;
	if (s->y + row > BOTTOM) {
		new_page(s);
		box_heads(s);
	}
	char num[16];
	snprintf(num, sizeof num, "%d.", number);
	text_at(s, F_BOLD, MARGIN, s->y, 32, num);
	text_at(s, F_BODY, MARGIN + 36, s->y, text_w, text);
	double x0 = PAGE_W - MARGIN - boxes_w;
	cairo_set_line_width(s->cr, 0.8);
	for (int i = 0; i < BOXES; i++) {
		cairo_rectangle(s->cr, x0 + i * s->box * COLUMN + s->box * (COLUMN - 1) / 2, s->y + 1, s->box, s->box);
		cairo_stroke(s->cr);
	}
	s->y += row;
	cairo_set_line_width(s->cr, 0.3);
	cairo_move_to(s->cr, MARGIN, s->y - 5);
	cairo_line_to(s->cr, PAGE_W - MARGIN, s->y - 5);
	cairo_stroke(s->cr);
}

static int section(sheet *s, const wp_text *name, const instr_item *items, size_t n, int number)
{
	int shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += instr_item_shown_to(&items[i], s->f->persp);
	if (!shown)
		return number;
	const char *title = wp_text_get(name, s->f->english);
	if (s->y + text_height(s, F_BOLD, WIDTH, title) + 3 * s->box > BOTTOM)
		new_page(s);
	s->y += 6;
	s->y += text_at(s, F_BOLD, MARGIN, s->y, WIDTH, title) + 4;
	box_heads(s);
	for (size_t i = 0; i < n; i++)
		if (instr_item_shown_to(&items[i], s->f->persp))
			statement(s, number++, &items[i]);
	return number;
}

static void body(sheet *s)
{
	const instrument *in = s->f->in;
	footer(s);
	title_block(s);
	int number = 1;
	for (int e = 0; e < EL_COUNT; e++)
		number = section(s, &in->elements[e].name, in->elements[e].items, in->elements[e].n_items, number);
	for (int o = 0; o < OUT_COUNT; o++)
		number = section(s, &in->outcomes[o].name, in->outcomes[o].items, in->outcomes[o].n_items, number);
	s->y += 8;
	if (s->y + 40 > BOTTOM)
		new_page(s);
	para(s, F_BODY, tr(s, "Dank je wel. Geef dit formulier terug zoals de werkplaats heeft gevraagd.",
			   "Thank you. Hand this form back as the workplace asked."));
}

static bool open_sheet(sheet *s)
{
	static const char *const normal[F_COUNT] = {FONT " 10", FONT " Bold 10", FONT " 8", FONT " Bold 16"};
	static const char *const large[F_COUNT] = {FONT " 15", FONT " Bold 15", FONT " 11", FONT " Bold 22"};
	s->surface = cairo_pdf_surface_create_for_stream(write_out, s->out, PAGE_W, PAGE_H);
	s->cr = cairo_create(s->surface);
	if (cairo_status(s->cr) != CAIRO_STATUS_SUCCESS)
		return false;
	cairo_pdf_surface_set_metadata(s->surface, CAIRO_PDF_METADATA_TITLE, s->f->form_code);
	cairo_pdf_surface_set_metadata(s->surface, CAIRO_PDF_METADATA_CREATOR, "werkplaats");
	s->fonts = pango_cairo_font_map_new();
	s->ctx = pango_font_map_create_context(s->fonts);
	pango_cairo_update_context(s->cr, s->ctx);
	s->layout = pango_layout_new(s->ctx);
	for (int f = 0; f < F_COUNT; f++)
		s->font[f] = pango_font_description_from_string(s->f->large ? large[f] : normal[f]);
	s->box = s->f->large ? 16 : 11;
	s->page = 1;
	cairo_set_source_rgb(s->cr, 0, 0, 0);
	return true;
}

static void close_sheet(sheet *s)
{
	for (int f = 0; f < F_COUNT; f++)
		if (s->font[f])
			pango_font_description_free(s->font[f]);
	if (s->layout)
		g_object_unref(s->layout);
	if (s->ctx)
		g_object_unref(s->ctx);
	if (s->fonts)
		g_object_unref(s->fonts);
	if (s->cr)
		cairo_destroy(s->cr);
	if (s->surface)
		cairo_surface_destroy(s->surface);
}

bool paper_pdf(const paper_form *f, buf *out, const char **err)
{
	sheet s = {.f = f, .out = out};
	*err = NULL;
	bool ok = open_sheet(&s);
	if (ok) {
		body(&s);
		cairo_surface_finish(s.surface);
		ok = cairo_surface_status(s.surface) == CAIRO_STATUS_SUCCESS;
	}
	close_sheet(&s);
	if (!ok)
		*err = out->toobig ? "the form is larger than the reply may be" : "cairo could not make the PDF";
	return ok;
}
