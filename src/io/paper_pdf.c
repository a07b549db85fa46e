/* paper_pdf.c - the printable questionnaire (paper_pdf.h). */
#include "io/paper_pdf.h"

#include "io/pdf_doc.h"

#define BOXES 6     /* 1..5 and "don't know" */
#define COLUMN 2.0  /* a box's column, in box sides */
#define LARGE 1.5   /* large print: every font this much bigger */

typedef struct {
	pdf_doc d;
	const paper_form *f;
	double box; /* the side of an answer box */
} sheet;

static double boxes_left(const sheet *s)
{
	return PDF_PAGE_W - PDF_MARGIN - BOXES * s->box * COLUMN;
}

static void centred(sheet *s, double x, double y, double w, const char *text)
{
	pango_layout_set_alignment(s->d.layout, PANGO_ALIGN_CENTER);
	pdf_draw_text(&s->d, F_BOLD, x, y, w, text);
	pango_layout_set_alignment(s->d.layout, PANGO_ALIGN_LEFT);
}

/* Column heads over the boxes: 1 .. 5 and ?. */
static void box_heads(sheet *s)
{
	static const char *const heads[BOXES] = {"1", "2", "3", "4", "5", "?"};
	for (int i = 0; i < BOXES; i++)
		centred(s, boxes_left(s) + i * s->box * COLUMN, s->d.y, s->box * COLUMN, heads[i]);
	s->d.y += pdf_layout_text(&s->d, F_BOLD, PDF_WIDTH, "1") + 4;
}

static void title_block(sheet *s)
{
	const paper_form *f = s->f;
	pdf_doc *d = &s->d;
	pdf_tag(d, "H1");
	d->y += pdf_draw_text(d, F_TITLE, PDF_MARGIN, d->y, PDF_WIDTH, wp_text_get(&f->in->title, f->english)) + 6;
	pdf_untag(d, "H1");
	pdf_para(d, F_BODY, arena_printf(d->a, "%s · %s · %s", f->workplace, f->round_title,
					 perspective_name(f->persp, f->english)));
	pdf_para(d, F_BOLD, arena_printf(d->a, "%s: %s", pdf_tr(d, "Formuliercode", "Form code"), f->form_code));
	pdf_para(d, F_BOLD, arena_printf(d->a, "%s: ________",
					 pdf_tr(d, "Formuliernummer (vult de werkplaats in)",
						"Form number (the workplace fills it in)")));
	pdf_para(d, F_BODY, wp_text_or_easy(&f->in->intro, &f->in->easy_intro, f->easy, f->english));
	pdf_para(d, F_BODY, pdf_tr(d, "Zet bij elke uitspraak één kruisje. Schrijf je naam niet op dit formulier.",
				   "Put one cross for each statement. Do not write your name on this form."));
	const instr_scale *sc = &f->in->scale;
	for (int v = 0; v < INSTR_SCALE_POINTS; v++)
		pdf_item(d, arena_printf(d->a, "%d = %s", v + 1,
					 wp_text_or_easy(&sc->labels[v], &sc->easy_labels[v], f->easy, f->english)));
	pdf_item(d, arena_printf(d->a, "? = %s",
				 wp_text_or_easy(&sc->dont_know, &sc->easy_dont_know, f->easy, f->english)));
}

/* One statement: its box number, its text and six empty boxes. */
static void statement(sheet *s, int number, const char *text)
{
	pdf_doc *d = &s->d;
	double text_w = PDF_WIDTH - BOXES * s->box * COLUMN - 36;
	double h = pdf_layout_text(d, F_BODY, text_w, text);
	double row = (h > s->box ? h : s->box) + 10;
	int page = d->page;
	pdf_need(d, row);
	if (d->page != page)
		box_heads(s);
	pdf_tag(d, "P");
	pdf_draw_text(d, F_BOLD, PDF_MARGIN, d->y, 32, arena_printf(d->a, "%d.", number));
	pdf_draw_text(d, F_BODY, PDF_MARGIN + 36, d->y, text_w, text);
	pdf_untag(d, "P");
	cairo_set_line_width(d->cr, 0.8);
	for (int i = 0; i < BOXES; i++) {
		cairo_rectangle(d->cr, boxes_left(s) + i * s->box * COLUMN + s->box * (COLUMN - 1) / 2, d->y + 1,
				s->box, s->box);
		cairo_stroke(d->cr);
	}
	d->y += row;
	cairo_set_line_width(d->cr, 0.3);
	cairo_move_to(d->cr, PDF_MARGIN, d->y - 5);
	cairo_line_to(d->cr, PDF_PAGE_W - PDF_MARGIN, d->y - 5);
	cairo_stroke(d->cr);
}

/* A section's heading with the column heads; they and the first
 * statement stay together. */
static void section_head(sheet *s, const char *title)
{
	pdf_need(&s->d, pdf_layout_text(&s->d, F_H2, PDF_WIDTH, title) + 5 * s->box + 40);
	pdf_subheading(&s->d, "H2", title);
	box_heads(s);
}

static int section(sheet *s, const wp_text *name, const instr_item *items, size_t n, int number)
{
	int shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += instr_item_shown_to(&items[i], s->f->persp);
	if (!shown)
		return number;
	section_head(s, wp_text_get(name, s->f->english));
	for (size_t i = 0; i < n; i++)
		if (instr_item_shown_to(&items[i], s->f->persp))
			statement(s, number++,
				  wp_text_or_easy(&items[i].text, &items[i].easy, s->f->easy, s->f->english));
	return number;
}

/* The workplace's own statements, as it wrote them, after the rest. */
static void own_section(sheet *s, int number)
{
	if (!s->f->n_own)
		return;
	section_head(s, pdf_tr(&s->d, "Eigen stellingen van de werkplaats", "The workplace's own statements"));
	for (int i = 0; i < s->f->n_own; i++)
		statement(s, number++, s->f->own[i]);
}

bool paper_pdf(arena *a, const paper_form *f, buf *out, const char **err)
{
	sheet s = {.f = f, .box = f->large ? 16 : 11};
	const char *foot = arena_printf(a, "%s %s", f->english ? "Form code" : "Formuliercode", f->form_code);
	bool ok = pdf_open(&s.d, a, f->english, f->form_code, foot, out);
	if (ok) {
		if (f->large)
			pdf_scale_fonts(&s.d, LARGE);
		title_block(&s);
		const instrument *in = f->in;
		int number = 1;
		for (int e = 0; e < EL_COUNT; e++)
			number = section(&s, &in->elements[e].name, in->elements[e].items, in->elements[e].n_items,
					 number);
		for (int o = 0; o < OUT_COUNT; o++)
			number = section(&s, &in->outcomes[o].name, in->outcomes[o].items, in->outcomes[o].n_items,
					 number);
		own_section(&s, number);
		s.d.y += 8;
		pdf_para(&s.d, F_BODY, pdf_tr(&s.d, "Dank je wel. Geef dit formulier terug zoals de werkplaats heeft "
						    "gevraagd.",
					      "Thank you. Hand this form back as the workplace asked."));
	}
	return pdf_close(&s.d, ok, err);
}
