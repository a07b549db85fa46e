/* pdf_doc.c - the flow layout of the PDF reports (see pdf_doc.h). */
#include "io/pdf_doc.h"

#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#include "domain/analysis.h"

#define CELL_PAD 2.5
#define LOGO_W 140.0
#define LOGO_H 40.0
#define FONT "DejaVu Sans"

static const char *const font_spec[F_COUNT] = {
	[F_BODY] = FONT " 10", [F_BOLD] = FONT " Bold 10", [F_SMALL] = FONT " 8",
	[F_SMALL_BOLD] = FONT " Bold 8", [F_CELL] = FONT " Condensed 7.5",
	[F_CELL_BOLD] = FONT " Condensed Bold 7.5", [F_H1] = FONT " Bold 16", [F_H2] = FONT " Bold 12",
	[F_TITLE] = FONT " Bold 22",
};

const char *pdf_tr(const pdf_doc *p, const char *nl, const char *en)
{
	return p->english ? en : nl;
}

const char *pdf_tenths(const pdf_doc *p, double v)
{
	int t = analysis_tenths(v);
	return arena_printf(p->a, "%d.%d", t / 10, t % 10);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- structure ----
 * Marked content for a screen reader: cairo's structure tags ("H1", "P",
 * "Table" ...) build the PDF's structure tree. cairo 1.16 has no artifacts,
 * so the footer lands in the element open at a page break. */

void pdf_tag(pdf_doc *p, const char *name)
{
	cairo_tag_begin(p->cr, name, NULL);
}

void pdf_untag(pdf_doc *p, const char *name)
{
	cairo_tag_end(p->cr, name);
}

/* ---- text ---- */

double pdf_layout_text(pdf_doc *p, font_kind f, double w, const char *text)
{
	pango_layout_set_font_description(p->layout, p->font[f]);
	pango_layout_set_width(p->layout, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(p->layout, text, -1);
	int pw, ph;
	pango_layout_get_size(p->layout, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

double pdf_draw_text(pdf_doc *p, font_kind f, double x, double y, double w, const char *text)
{
	double h = pdf_layout_text(p, f, w, text);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
	return h;
}

static void footer(pdf_doc *p)
{
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	pdf_draw_text(p, F_SMALL, PDF_MARGIN, PDF_PAGE_H - PDF_MARGIN, PDF_WIDTH - 80, p->foot);
	const char *num = arena_printf(p->a, "%s %d", pdf_tr(p, "Pagina", "Page"), p->page);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_RIGHT);
	pdf_draw_text(p, F_SMALL, PDF_PAGE_W - PDF_MARGIN - 80, PDF_PAGE_H - PDF_MARGIN, 80, num);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

void pdf_new_page(pdf_doc *p)
{
	cairo_show_page(p->cr);
	p->page++;
	p->y = PDF_TOP;
	footer(p);
}

void pdf_need(pdf_doc *p, double h)
{
	if (p->y + h > PDF_BOTTOM && p->y > PDF_TOP)
		pdf_new_page(p);
}

void pdf_para(pdf_doc *p, font_kind f, const char *text)
{
	pdf_need(p, pdf_layout_text(p, f, PDF_WIDTH, text));
	pdf_tag(p, "P");
	p->y += pdf_draw_text(p, f, PDF_MARGIN, p->y, PDF_WIDTH, text) + 6;
	pdf_untag(p, "P");
}

/* Items are their own one-item lists, so a list never spans a heading. */
void pdf_item(pdf_doc *p, const char *text)
{
	pdf_need(p, pdf_layout_text(p, F_BODY, PDF_WIDTH - 14, text));
	pdf_tag(p, "L");
	pdf_tag(p, "LI");
	pdf_tag(p, "Lbl");
	pdf_draw_text(p, F_BODY, PDF_MARGIN + 2, p->y, 12, "•");
	pdf_untag(p, "Lbl");
	pdf_tag(p, "LBody");
	p->y += pdf_draw_text(p, F_BODY, PDF_MARGIN + 14, p->y, PDF_WIDTH - 14, text) + 3;
	pdf_untag(p, "LBody");
	pdf_untag(p, "LI");
	pdf_untag(p, "L");
}

void pdf_subheading(pdf_doc *p, const char *level, const char *text)
{
	font_kind f = strcmp(level, "H2") == 0 ? F_H2 : F_BOLD;
	pdf_need(p, pdf_layout_text(p, f, PDF_WIDTH, text) + 40);
	p->y += 4;
	pdf_tag(p, level);
	p->y += pdf_draw_text(p, f, PDF_MARGIN, p->y, PDF_WIDTH, text) + 4;
	pdf_untag(p, level);
}

/* Keeps at least a few lines of its section with it. */
void pdf_heading(pdf_doc *p, font_kind f, const char *text, const char *dest)
{
	double h = pdf_layout_text(p, f, PDF_WIDTH, text);
	const char *level = f == F_H1 ? "H1" : "H2";
	pdf_need(p, h + 60);
	if (p->y > PDF_TOP)
		p->y += 10;
	pdf_tag(p, level);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, arena_printf(p->a, "name='%s'", dest));
	if (p->look && p->look->has_accent)
		cairo_set_source_rgb(p->cr, p->look->accent[0], p->look->accent[1], p->look->accent[2]);
	pdf_draw_text(p, f, PDF_MARGIN, p->y, PDF_WIDTH, text);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	pdf_untag(p, level);
	cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, text,
				      arena_printf(p->a, "page=%d pos=[%.0f %.0f]", p->page, PDF_MARGIN, p->y), 0);
	p->y += h + 6;
}

void pdf_contents(pdf_doc *p, const char *const *texts, const char *const *dests, int n)
{
	pdf_subheading(p, "H2", pdf_tr(p, "Inhoud", "Contents"));
	p->y += 2;
	pdf_tag(p, "TOC");
	for (int s = 0; s < n; s++) {
		pdf_tag(p, "TOCI");
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, arena_printf(p->a, "dest='%s'", dests[s]));
		cairo_set_source_rgb(p->cr, 0.05, 0.25, 0.6);
		p->y += pdf_draw_text(p, F_BODY, PDF_MARGIN, p->y, PDF_WIDTH,
				      arena_printf(p->a, "%d. %s", s + 1, texts[s])) + 4;
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		pdf_untag(p, "TOCI");
	}
	pdf_untag(p, "TOC");
}

/* ---- tables ---- */

double pdf_row(pdf_doc *p, const char *const *texts, const double *w, int n, bool head, bool shade)
{
	double h = 0;
	for (int i = 0; i < n; i++) {
		font_kind f = head || i == 0 || i == n - 1 ? F_CELL_BOLD : F_CELL;
		h = fmax(h, pdf_layout_text(p, f, w[i] - 2 * CELL_PAD, texts[i]));
	}
	h += 2 * CELL_PAD;
	pdf_need(p, h);
	if (shade) {
		cairo_set_source_rgb(p->cr, 0.93, 0.95, 0.97);
		cairo_rectangle(p->cr, PDF_MARGIN, p->y, PDF_WIDTH, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	const char *cell = head ? "TH" : "TD";
	double x = PDF_MARGIN;
	pdf_tag(p, "TR");
	for (int i = 0; i < n; i++) {
		font_kind f = head || i == 0 || i == n - 1 ? F_CELL_BOLD : F_CELL;
		pdf_tag(p, i == 0 ? "TH" : cell);
		pdf_draw_text(p, f, x + CELL_PAD, p->y + CELL_PAD, w[i] - 2 * CELL_PAD, texts[i]);
		pdf_untag(p, i == 0 ? "TH" : cell);
		x += w[i];
	}
	pdf_untag(p, "TR");
	p->y += h;
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, PDF_MARGIN, p->y);
	cairo_line_to(p->cr, PDF_MARGIN + PDF_WIDTH, p->y);
	cairo_stroke(p->cr);
	return h;
}

/* ---- charts ---- */

/* Nothing when svg is NULL or does not parse: the table beside a chart
 * holds the same figures. */
void pdf_chart(pdf_doc *p, const char *svg, double w)
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
	pdf_need(p, height);
	RsvgRectangle vp = {.x = PDF_MARGIN + (PDF_WIDTH - w) / 2, .y = p->y, .width = w, .height = height};
	pdf_tag(p, "Figure");
	if (!rsvg_handle_render_document(h, p->cr, &vp, &e))
		g_error_free(e);
	pdf_untag(p, "Figure");
	g_object_unref(h);
	p->y += height + 8;
}

/* ---- the logo ---- */

typedef struct {
	const unsigned char *data;
	size_t len, at;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *out, unsigned int len)
{
	png_reader *r = closure;
	if (r->len - r->at < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Scale (w x h) into the logo's box; its width and height in points. */
static void fit(double w, double h, double *fw, double *fh)
{
	double s = fmin(LOGO_W / w, LOGO_H / h);
	*fw = w * s;
	*fh = h * s;
}

static void logo_png(pdf_doc *p)
{
	png_reader rd = {p->look->logo, p->look->logo_len, 0};
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_png, &rd);
	if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
		double w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img), fw, fh;
		fit(w, h, &fw, &fh);
		cairo_save(p->cr);
		cairo_translate(p->cr, PDF_PAGE_W - PDF_MARGIN - fw, 12);
		cairo_scale(p->cr, fw / w, fh / h);
		cairo_set_source_surface(p->cr, img, 0, 0);
		cairo_paint(p->cr);
		cairo_restore(p->cr);
	}
	cairo_surface_destroy(img);
}

static void logo_svg(pdf_doc *p)
{
	RsvgHandle *h = rsvg_handle_new_from_data(p->look->logo, p->look->logo_len, NULL);
	if (!h)
		return;
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
	double w = has_vb && vb.width > 0 ? vb.width : (has_w ? lw.length : LOGO_W);
	double hh = has_vb && vb.height > 0 ? vb.height : (has_h ? lh.length : LOGO_H), fw, fh;
	fit(w, hh, &fw, &fh);
	RsvgRectangle vp = {.x = PDF_PAGE_W - PDF_MARGIN - fw, .y = 12, .width = fw,
			    .height = fh};
	rsvg_handle_render_document(h, p->cr, &vp, NULL);
	g_object_unref(h);
}

void pdf_logo(pdf_doc *p)
{
	if (!p->look || !p->look->logo)
		return;
	pdf_tag(p, "Figure");
	if (p->look->logo_svg)
		logo_svg(p);
	else
		logo_png(p);
	pdf_untag(p, "Figure");
}

/* ---- set up and tear down ---- */

bool pdf_open(pdf_doc *p, arena *a, bool english, const char *title, const char *foot, buf *out)
{
	*p = (pdf_doc){.a = a, .english = english, .foot = foot, .out = out, .page = 1, .y = PDF_TOP};
	p->surface = cairo_pdf_surface_create_for_stream(write_out, out, PDF_PAGE_W, PDF_PAGE_H);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
		return false;
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "werkplaats");
	/* pango's default font map is one per thread: nothing is shared between
	 * the server's threads, and a thread's later reports find their fonts
	 * loaded */
	p->fonts = pango_cairo_font_map_get_default();
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
	footer(p);
	pdf_tag(p, "Document");
	return true;
}

void pdf_scale_fonts(pdf_doc *p, double factor)
{
	for (int f = 0; f < F_COUNT; f++)
		pango_font_description_set_size(
			p->font[f], (gint)(pango_font_description_get_size(p->font[f]) * factor + 0.5));
}

bool pdf_close(pdf_doc *p, bool ok, const char **err)
{
	*err = NULL;
	if (ok) {
		pdf_untag(p, "Document");
		cairo_surface_finish(p->surface);
		ok = cairo_surface_status(p->surface) == CAIRO_STATUS_SUCCESS;
	}
	for (int f = 0; f < F_COUNT; f++)
		if (p->font[f])
			pango_font_description_free(p->font[f]);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->ctx)
		g_object_unref(p->ctx);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	if (!ok)
		*err = p->out->toobig ? "the report is larger than the reply may be" : "cairo could not make the PDF";
	return ok;
}
