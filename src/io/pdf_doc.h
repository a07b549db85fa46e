/* pdf_doc.h - a small flow layout for the PDF reports (round, year): pango
 * on a cairo PDF surface that writes into a capped buffer. A cursor runs
 * down the A4 page and a block that does not fit starts a new page, which
 * gets its footer (the document's name and the page number) when it
 * begins. Everything drawn is tagged for the PDF's structure tree
 * (docs/reports.md says what cairo 1.16 can and cannot tag). */
#ifndef WP_PDF_DOC_H
#define WP_PDF_DOC_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"

/* A4 in points, and the margins. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.890
#define PDF_MARGIN 48.0
#define PDF_TOP PDF_MARGIN
#define PDF_BOTTOM (PDF_PAGE_H - PDF_MARGIN - 14.0)
#define PDF_WIDTH (PDF_PAGE_W - 2 * PDF_MARGIN)

typedef enum { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_CELL, F_CELL_BOLD, F_H1, F_H2, F_TITLE, F_COUNT } font_kind;

/* The site's own look (issue 18) for a PDF: the logo (a checked PNG or
 * SVG, io/logo.h) and the accent colour of the headings. */
typedef struct {
	const unsigned char *logo; /* NULL: none */
	size_t logo_len;
	bool logo_svg;
	bool has_accent;
	double accent[3];          /* 0..1 per channel */
} pdf_look;

typedef struct {
	arena *a;
	bool english;
	const pdf_look *look; /* may be NULL */
	const char *foot; /* the footer's left text */
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts; /* the thread's default: not ours to free */
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *font[F_COUNT];
	double y;  /* the cursor, from the top of the page */
	int page;  /* the page being drawn, from 1 */
	buf *out;
} pdf_doc;

/* Start a document titled title (its metadata) writing into out, with the
 * footer foot on every page; opens the "Document" structure element. False
 * when cairo failed (call pdf_close all the same). */
bool pdf_open(pdf_doc *p, arena *a, bool english, const char *title, const char *foot, buf *out);
/* Finish the file; false with *err (static text) when cairo failed or
 * out's cap was reached. Releases everything (also after a failed open). */
bool pdf_close(pdf_doc *p, bool ok, const char **err);

/* Every font factor times its size (large print: 1.5). */
void pdf_scale_fonts(pdf_doc *p, double factor);

const char *pdf_tr(const pdf_doc *p, const char *nl, const char *en);
/* "3.7": a mean to one decimal as the pages round it (arena text). */
const char *pdf_tenths(const pdf_doc *p, double v);

void pdf_tag(pdf_doc *p, const char *name);
void pdf_untag(pdf_doc *p, const char *name);
/* Height of text laid out in a box of width w; pdf_draw_text also draws it. */
double pdf_layout_text(pdf_doc *p, font_kind f, double w, const char *text);
double pdf_draw_text(pdf_doc *p, font_kind f, double x, double y, double w, const char *text);
void pdf_new_page(pdf_doc *p);
/* Start a new page unless h more points fit on this one. */
void pdf_need(pdf_doc *p, double h);
void pdf_para(pdf_doc *p, font_kind f, const char *text);
void pdf_item(pdf_doc *p, const char *text);
/* A heading of structure level "H2" or "H3" without an anchor. */
void pdf_subheading(pdf_doc *p, const char *level, const char *text);
/* A section heading (H1 for F_H1, else H2) that is the link destination
 * dest and an entry of the document outline. */
void pdf_heading(pdf_doc *p, font_kind f, const char *text, const char *dest);
/* A linked table of contents: n entries, texts[i] pointing to dests[i]. */
void pdf_contents(pdf_doc *p, const char *const *texts, const char *const *dests, int n);
/* One table row of n cells with widths w[]; texts[0] is the row's header
 * cell. head: the table's header row (TH cells). Returns its height. */
double pdf_row(pdf_doc *p, const char *const *texts, const double *w, int n, bool head, bool shade);
/* An SVG drawing (web/svg.h) as vectors, w points wide, centred. */
void pdf_chart(pdf_doc *p, const char *svg, double w);
/* The site's logo at the top right of the page (at most LOGO_W x LOGO_H
 * points, its proportions kept), when the look has one; a Figure. */
void pdf_logo(pdf_doc *p);

#endif
