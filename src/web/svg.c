/* svg.c - radar, line and distribution charts as inline SVG (see svg.h).
 * Layout is fixed arithmetic on a viewBox; the numbers below are the
 * design, and tests/unit/test_svg.c checks them by hand. */
#include "web/svg.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "web/html.h"

/* ---- shared look ---- */

#define INK "#1f2933"     /* text: 14.8:1 on white */
#define INK_SOFT "#52606d" /* scale labels: 6.5:1 */
#define GRID "#d9dee3"
#define GRID_STRONG "#a9b3bd"
#define FONT 16        /* labels and legend */
#define FONT_SCALE 15  /* ring and gridline values */
#define CHAR_W 0.56    /* average glyph width in em, for layout estimates */
#define LEGEND_ROW 26
#define LEGEND_SAMPLE 32

typedef enum { MK_CIRCLE, MK_SQUARE, MK_DIAMOND, MK_TRIANGLE, MK_TRIANGLE_DOWN,
	       MK_PLUS, MK_CROSS, MK_RING } marker_shape;

/* Colour, dash and marker together tell a series apart. Colours: at least
 * 4.5:1 against white (the lowest is #2b7a3d, 5.3:1). */
static const struct {
	const char *colour, *dash;
	marker_shape marker;
} styles[] = {
	{"#1d4e89", "none", MK_CIRCLE},
	{"#b4461b", "8 4", MK_SQUARE},
	{"#2b7a3d", "2 3", MK_DIAMOND},
	{"#7b3f98", "10 3 2 3", MK_TRIANGLE},
	{"#00707a", "16 5", MK_TRIANGLE_DOWN},
	{"#a3236b", "2 3 2 3 8 3", MK_PLUS},
	{"#6b5a00", "5 2", MK_CROSS},
	{"#4a5561", "12 3 2 3 2 3", MK_RING},
};

#define STYLE(i) styles[(size_t)(i) % ARRAY_LEN(styles)]

/* Number of characters (UTF-8 code points) in the first n bytes. */
static size_t text_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static double text_width(const char *s, double font)
{
	return s ? (double)text_chars(s, strlen(s)) * font * CHAR_W : 0;
}

/* Write n bytes of s as escaped text. Control characters (which XML does
 * not allow) become spaces; the form layer rejects them anyway. */
static void put_text(buf *b, const char *s, size_t n)
{
	char *t = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		t[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	t[n] = 0;
	html(b, "%s", t);
	free(t);
}

static void put_label(buf *b, const char *s)
{
	if (s)
		put_text(b, s, strlen(s));
}

static void svg_open(buf *b, const char *kind, const char *id, double w, double h,
		     const char *title, const char *desc)
{
	html(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-%s\" "
		"viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" role=\"img\" "
		"aria-labelledby=\"%s-title %s-desc\" font-size=\"%d\" fill=\"%s\">",
	     kind, w, h, id, id, FONT, INK);
	html(b, "<title id=\"%s-title\">", id);
	put_label(b, title);
	html(b, "</title><desc id=\"%s-desc\">", id);
	put_label(b, desc);
	html(b, "</desc>");
}

/* The values drawn: [min, max] with max > min, both finite. */
static void fix_range(double *min, double *max)
{
	if (!isfinite(*min) || !isfinite(*max) || *max <= *min) {
		*min = 1;
		*max = 5;
	}
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Whole-number step between rings or gridlines: 1, 2, 5, 10, 20 ... so
 * that there are at most 10 steps. */
static double scale_step(double min, double max)
{
	double step = 1;
	for (int i = 0; (max - min) / step > 10 && i < 40; i++)
		step *= (i % 3 == 1) ? 2.5 : 2;
	return step;
}

static void marker(buf *b, marker_shape m, double x, double y, double s, const char *colour)
{
	switch (m) {
	case MK_CIRCLE:
		html(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#fff\"/>",
		     x, y, s, colour);
		break;
	case MK_RING:
		html(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" stroke=\"%s\" "
			"stroke-width=\"2\"/>", x, y, s - 0.5, colour);
		break;
	case MK_SQUARE:
		s *= 0.9;
		html(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"stroke=\"#fff\"/>", x - s, y - s, 2 * s, 2 * s, colour);
		break;
	case MK_DIAMOND:
		s *= 1.3;
		html(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\" "
			"stroke=\"#fff\"/>", x, y - s, x + s, y, x, y + s, x - s, y, colour);
		break;
	case MK_TRIANGLE:
	case MK_TRIANGLE_DOWN: {
		double d = m == MK_TRIANGLE ? 1 : -1;
		html(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\" "
			"stroke=\"#fff\"/>", x, y - d * 1.4 * s, x + 1.25 * s, y + d * 0.8 * s,
		     x - 1.25 * s, y + d * 0.8 * s, colour);
		break;
	}
	case MK_PLUS:
		s *= 1.2;
		html(b, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1f\" stroke=\"%s\" "
			"stroke-width=\"2.5\" fill=\"none\"/>", x - s, y, x + s, x, y - s, y + s, colour);
		break;
	case MK_CROSS:
		html(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
			"stroke-width=\"2.5\" fill=\"none\"/>",
		     x - s, y - s, x + s, y + s, x - s, y + s, x + s, y - s, colour);
		break;
	}
}

/* Paint attributes of series i: colour, dash, width; filled lightly in
 * its colour when fill, else not filled. */
static void series_stroke(buf *b, int i, double width, bool fill)
{
	if (fill)
		html(b, " fill=\"%s\" fill-opacity=\"0.12\"", STYLE(i).colour);
	else
		html(b, " fill=\"none\"");
	html(b, " stroke=\"%s\" stroke-width=\"%.1f\" stroke-dasharray=\"%s\" "
		"stroke-linejoin=\"round\" stroke-linecap=\"round\"",
	     STYLE(i).colour, width, STYLE(i).dash);
}

static void legend_item(buf *b, const svg_series *s, int i, double x, double y, bool em,
			const char *mark)
{
	html(b, "<path d=\"M%.1f %.1fh%d\"", x, y, LEGEND_SAMPLE);
	series_stroke(b, i, em ? 4 : 2.5, false);
	html(b, "/>");
	marker(b, STYLE(i).marker, x + LEGEND_SAMPLE / 2.0, y, em ? 5.5 : 4.5, STYLE(i).colour);
	html(b, "<text x=\"%.1f\" y=\"%.1f\">", x + LEGEND_SAMPLE + 8, y + 5.5);
	put_label(b, s->name);
	if (mark) {
		html(b, "<tspan dx=\"%.1f\" fill=\"%s\" font-weight=\"700\">", FONT * 0.3,
		     STYLE(i).colour);
		put_label(b, mark);
		html(b, "</tspan>");
	}
	html(b, "</text>");
}

/* Lay out the legend in rows from (x0, y0) within width; draw it when b is
 * not NULL. marks (may be NULL): each series' mark follows its name, so a
 * mark moved off its line still says whose it is. Returns the height used
 * (0 without series). */
static double legend(buf *b, const svg_series *s, int n, double x0, double y0, double width,
		     int emphasis, const char *const *marks)
{
	if (n <= 0)
		return 0;
	double x = x0, y = y0 + LEGEND_ROW / 2.0;
	if (b)
		html(b, "<g class=\"legend\">");
	for (int i = 0; i < n; i++) {
		const char *mark = marks && marks[i] && *marks[i] ? marks[i] : NULL;
		double w = LEGEND_SAMPLE + 8 + text_width(s[i].name, FONT) +
			   (mark ? FONT * 0.3 + text_width(mark, FONT) : 0);
		if (x > x0 && x + w > x0 + width) {
			x = x0;
			y += LEGEND_ROW;
		}
		if (b)
			legend_item(b, &s[i], i, x, y, i == emphasis, mark);
		x += w + 22;
	}
	if (b)
		html(b, "</g>");
	return y - y0 + LEGEND_ROW / 2.0;
}

/* Append "M x y" / "L x y" for each run of two or more points where ok[i];
 * a gap ends a run. With wrap, the last point joins the first (a radar).
 * Returns the number of segments (L commands) written. */
static int gap_path(buf *b, const double *px, const double *py, const bool *ok, int n, bool wrap)
{
	int start = 0, segs = 0;
	if (wrap) /* begin just after a gap, so no run is cut in two */
		for (int i = 0; i < n; i++)
			if (!ok[i])
				start = i + 1;
	for (int k = 0; k < n; k++) {
		int i = (start + k) % n;
		bool prev = k > 0 && ok[(start + k - 1) % n];
		bool next = k + 1 < n && ok[(start + k + 1) % n];
		if (ok[i] && prev) {
			html(b, "L%.1f %.1f", px[i], py[i]);
			segs++;
		} else if (ok[i] && next) {
			html(b, "M%.1f %.1f", px[i], py[i]);
		}
	}
	return segs;
}

/* ---- radar ---- */

enum { RADAR_W = 480, RADAR_CX = 240, RADAR_CY = 195, RADAR_R = 145, RADAR_LEGEND_Y = 398 };

typedef struct {
	int n;
	double min, max, centre; /* centre: the value at the middle */
} radar_geo;

static double radar_radius(const radar_geo *g, double v)
{
	return RADAR_R * (clamp(v, g->min, g->max) - g->centre) / (g->max - g->centre);
}

static void radar_point(const radar_geo *g, int axis, double r, double *x, double *y)
{
	double a = -M_PI / 2 + 2 * M_PI * axis / g->n;
	*x = RADAR_CX + r * cos(a);
	*y = RADAR_CY + r * sin(a);
}

static void radar_ring(buf *b, const radar_geo *g, double r, const char *stroke, const char *fill)
{
	if (g->n < 3) {
		html(b, "<circle cx=\"%d\" cy=\"%d\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>",
		     RADAR_CX, RADAR_CY, r, fill, stroke);
		return;
	}
	html(b, "<polygon points=\"");
	for (int i = 0; i < g->n; i++) {
		double x, y;
		radar_point(g, i, r, &x, &y);
		html(b, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	html(b, "\" fill=\"%s\" stroke=\"%s\"/>", fill, stroke);
}

static void radar_grid(buf *b, const radar_geo *g)
{
	double step = scale_step(g->min, g->max);
	html(b, "<g class=\"grid\">");
	radar_ring(b, g, RADAR_R, GRID_STRONG, "#f7f9fa");
	for (double v = ceil(g->min); v < g->max - 1e-9; v += step)
		radar_ring(b, g, radar_radius(g, v), GRID, "none");
	for (int i = 0; i < g->n; i++) {
		double x, y;
		radar_point(g, i, RADAR_R, &x, &y);
		html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
		     RADAR_CX, RADAR_CY, x, y, GRID);
	}
	html(b, "</g>");
}

/* Ring values halfway between the last and the first axis, where no marker
 * sits; drawn over the series with a white halo, so they stay readable. */
static void radar_ring_values(buf *b, const radar_geo *g)
{
	double step = scale_step(g->min, g->max);
	html(b, "<g class=\"scale\" font-size=\"%d\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"3\" "
		"paint-order=\"stroke\" text-anchor=\"middle\">", FONT_SCALE, INK_SOFT);
	double a = -M_PI / 2 - M_PI / (g->n > 0 ? g->n : 1);
	double inner = g->n >= 3 ? cos(M_PI / g->n) : 1; /* polygon edge: nearer */
	for (double v = ceil(g->min); v <= g->max + 1e-9; v += step) {
		double r = radar_radius(g, v) * inner;
		html(b, "<text x=\"%.1f\" y=\"%.1f\">%.0f</text>", RADAR_CX + r * cos(a),
		     RADAR_CY + r * sin(a) + FONT_SCALE * 0.35, v);
	}
	html(b, "</g>");
}

static void radar_axis_label(buf *b, const radar_geo *g, int i, const char *label)
{
	double x, y, a = -M_PI / 2 + 2 * M_PI * i / g->n;
	double c = cos(a), s = sin(a), lh = FONT * 1.2;
	radar_point(g, i, RADAR_R + 10, &x, &y);
	int lines = 1;
	for (const char *p = label; p && *p; p++)
		lines += *p == '\n';
	const char *anchor = c > 0.3 ? "start" : c < -0.3 ? "end" : "middle";
	double first; /* baseline of the first line */
	if (fabs(c) > 0.3)
		first = y - (lines - 1) * lh / 2 + FONT * 0.35;
	else if (s < 0)
		first = y - 4 - (lines - 1) * lh;
	else
		first = y + FONT * 0.8 + 2;
	html(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"600\">",
	     x, first, anchor);
	const char *p = label ? label : "";
	for (int k = 0; k < lines; k++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		html(b, "<tspan x=\"%.1f\" dy=\"%.1f\">", x, k ? lh : 0.0);
		put_text(b, p, len);
		html(b, "</tspan>");
		p += len + (nl != NULL);
	}
	html(b, "</text>");
}

static void radar_series(buf *b, const radar_geo *g, const svg_series *s, int idx, bool em)
{
	double *px = xcalloc((size_t)g->n, sizeof *px), *py = xcalloc((size_t)g->n, sizeof *py);
	bool *ok = xcalloc((size_t)g->n, sizeof *ok);
	int valid = 0;
	for (int i = 0; i < g->n; i++) {
		ok[i] = s->values && isfinite(s->values[i]);
		valid += ok[i];
		if (ok[i])
			radar_point(g, i, radar_radius(g, s->values[i]), &px[i], &py[i]);
	}
	double width = em ? 4 : 2.5;
	html(b, "<g class=\"series\">");
	if (valid == g->n && g->n >= 3) {
		html(b, "<polygon points=\"");
		for (int i = 0; i < g->n; i++)
			html(b, "%s%.1f,%.1f", i ? " " : "", px[i], py[i]);
		html(b, "\"");
		series_stroke(b, idx, width, em);
		html(b, "/>");
	} else {
		buf d;
		buf_init(&d, BUF_NOCAP);
		if (gap_path(&d, px, py, ok, g->n, true) > 0) {
			html(b, "<path d=\"%s\"", buf_cstr(&d));
			series_stroke(b, idx, width, false);
			html(b, "/>");
		}
		buf_free(&d);
	}
	for (int i = 0; i < g->n; i++)
		if (ok[i])
			marker(b, STYLE(idx).marker, px[i], py[i], em ? 5.5 : 4.5, STYLE(idx).colour);
	html(b, "</g>");
	free(px);
	free(py);
	free(ok);
}

void svg_radar(buf *b, const char *id, const char *title, const char *desc,
	       const char *const *axes, int n_axes, const svg_series *series, int n_series,
	       double min, double max, int emphasis)
{
	fix_range(&min, &max);
	if (n_axes < 0)
		n_axes = 0;
	if (n_series < 0 || !series)
		n_series = 0;
	if (emphasis >= n_series)
		emphasis = -1;
	radar_geo g = {n_axes, min, max, min - scale_step(min, max)};
	double lh = legend(NULL, series, n_series, 16, RADAR_LEGEND_Y, RADAR_W - 32, emphasis, NULL);
	svg_open(b, "radar", id, RADAR_W, RADAR_LEGEND_Y + lh + (lh > 0 ? 12 : 0), title, desc);
	if (n_axes > 0) {
		radar_grid(b, &g);
		for (int i = 0; i < n_axes; i++)
			radar_axis_label(b, &g, i, axes ? axes[i] : NULL);
	}
	if (n_axes > 0) {
		for (int i = 0; i < n_series; i++)
			if (i != emphasis)
				radar_series(b, &g, &series[i], i, false);
		if (emphasis >= 0)
			radar_series(b, &g, &series[emphasis], emphasis, true);
		radar_ring_values(b, &g);
	}
	legend(b, series, n_series, 16, RADAR_LEGEND_Y, RADAR_W - 32, emphasis, NULL);
	html(b, "</svg>");
}

/* ---- lines ---- */

enum { LINES_W = 480, LINES_LEFT = 34, LINES_X0 = 60, LINES_X1 = 428, LINES_TOP = 12,
       LINES_BOTTOM = 232, LINES_LEGEND_Y = 266 };

typedef struct {
	int n_x;
	double min, max;
} lines_geo;

static double lines_x(const lines_geo *g, int i)
{
	if (g->n_x <= 1)
		return (LINES_X0 + LINES_X1) / 2.0;
	return LINES_X0 + (double)(LINES_X1 - LINES_X0) * i / (g->n_x - 1);
}

static double lines_y(const lines_geo *g, double v)
{
	return LINES_BOTTOM - (clamp(v, g->min, g->max) - g->min) / (g->max - g->min) *
				      (LINES_BOTTOM - LINES_TOP);
}

static void lines_grid(buf *b, const lines_geo *g, const char *const *x_labels)
{
	double step = scale_step(g->min, g->max);
	html(b, "<g class=\"grid\">");
	for (double v = ceil(g->min); v <= g->max + 1e-9; v += step) {
		double y = lines_y(g, v);
		html(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
		     LINES_LEFT, y, LINES_X1 + 12, y, v == ceil(g->min) ? GRID_STRONG : GRID);
		html(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%d\" "
			"fill=\"%s\">%.0f</text>", LINES_LEFT - 8, y + 5, FONT_SCALE, INK_SOFT, v);
	}
	/* show every k-th x label so that they do not overlap */
	double widest = 0;
	for (int i = 0; x_labels && i < g->n_x; i++)
		widest = fmax(widest, text_width(x_labels[i], FONT));
	int k = 1;
	if (g->n_x > 1) {
		double space = (double)(LINES_X1 - LINES_X0) / (g->n_x - 1);
		k = (int)ceil((widest + 12) / space);
		k = k < 1 ? 1 : k;
	}
	for (int i = 0; i < g->n_x; i++) {
		double x = lines_x(g, i);
		html(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>",
		     x, LINES_BOTTOM, x, LINES_BOTTOM + 5, GRID_STRONG);
		if (i % k || !x_labels)
			continue;
		html(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, LINES_BOTTOM + 24);
		put_label(b, x_labels[i]);
		html(b, "</text>");
	}
	html(b, "</g>");
}

/* One series: its line (broken at gaps) and markers. Returns the index of
 * its last value, or -1 when it has none. */
static int lines_series(buf *b, const lines_geo *g, const svg_series *s, int idx)
{
	double *px = xcalloc((size_t)g->n_x, sizeof *px), *py = xcalloc((size_t)g->n_x, sizeof *py);
	bool *ok = xcalloc((size_t)g->n_x, sizeof *ok);
	int last = -1;
	for (int i = 0; i < g->n_x; i++) {
		ok[i] = s->values && isfinite(s->values[i]);
		if (ok[i]) {
			px[i] = lines_x(g, i);
			py[i] = lines_y(g, s->values[i]);
			last = i;
		}
	}
	html(b, "<g class=\"series\">");
	buf d;
	buf_init(&d, BUF_NOCAP);
	if (gap_path(&d, px, py, ok, g->n_x, false) > 0) {
		html(b, "<path d=\"%s\"", buf_cstr(&d));
		series_stroke(b, idx, 2.5, false);
		html(b, "/>");
	}
	buf_free(&d);
	for (int i = 0; i < g->n_x; i++)
		if (ok[i])
			marker(b, STYLE(idx).marker, px[i], py[i], 4.5, STYLE(idx).colour);
	html(b, "</g>");
	free(px);
	free(py);
	free(ok);
	return last;
}

typedef struct {
	int series;
	double x, y;
} mark_pos;

static int mark_cmp(const void *pa, const void *pb)
{
	const mark_pos *a = pa, *b = pb;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	return a->series - b->series;
}

/* Marks after the last values; those at the same x are pushed at least a
 * line apart, staying within the plot. */
static void lines_marks(buf *b, mark_pos *m, int n, const char *const *marks)
{
	const double gap = FONT + 1;
	qsort(m, (size_t)n, sizeof *m, mark_cmp);
	for (int i = 1; i < n; i++)
		if (m[i].x == m[i - 1].x && m[i].y < m[i - 1].y + gap)
			m[i].y = m[i - 1].y + gap;
	for (int i = n - 1; i >= 0; i--) {
		double limit = (i + 1 < n && m[i + 1].x == m[i].x) ? m[i + 1].y - gap
								     : LINES_BOTTOM + 4;
		if (m[i].y > limit)
			m[i].y = limit;
	}
	html(b, "<g class=\"marks\" font-weight=\"700\">");
	for (int i = 0; i < n; i++) {
		html(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">", m[i].x + 10, m[i].y + 5.5,
		     STYLE(m[i].series).colour);
		put_label(b, marks[m[i].series]);
		html(b, "</text>");
	}
	html(b, "</g>");
}

void svg_lines(buf *b, const char *id, const char *title, const char *desc,
	       const char *const *x_labels, int n_x, const svg_series *series, int n_series,
	       double min, double max, const char *const *marks)
{
	fix_range(&min, &max);
	if (n_x < 0)
		n_x = 0;
	if (n_series < 0 || !series)
		n_series = 0;
	lines_geo g = {n_x, min, max};
	double lh = legend(NULL, series, n_series, 16, LINES_LEGEND_Y, LINES_W - 32, -1, marks);
	svg_open(b, "lines", id, LINES_W, LINES_LEGEND_Y + lh + (lh > 0 ? 12 : 0), title, desc);
	lines_grid(b, &g, x_labels);
	mark_pos *m = xcalloc((size_t)n_series + 1, sizeof *m);
	int n_marks = 0;
	for (int i = 0; i < n_series; i++) {
		int last = lines_series(b, &g, &series[i], i);
		if (marks && marks[i] && *marks[i] && last >= 0)
			m[n_marks++] = (mark_pos){i, lines_x(&g, last), lines_y(&g, series[i].values[last])};
	}
	if (n_marks)
		lines_marks(b, m, n_marks, marks);
	free(m);
	legend(b, series, n_series, 16, LINES_LEGEND_Y, LINES_W - 32, -1, marks);
	html(b, "</svg>");
}

/* ---- distribution ---- */

enum { DIST_W = 480, DIST_H = 34, DIST_X = 1, DIST_Y = 2, DIST_BAR_W = 478, DIST_BAR_H = 30 };

/* A diverging scale (ColorBrewer RdBu), with the text colour that reads on
 * each: white on the dark ends, ink on the light middle (all >= 4.5:1). */
static const struct {
	const char *fill, *text;
} dist_colours[5] = {
	{"#b2182b", "#fff"}, {"#f4a582", INK}, {"#e4e7eb", INK}, {"#92c5de", INK}, {"#2166ac", "#fff"},
};

void svg_distribution(buf *b, const char *id, const char *title, const int counts[5])
{
	long total = 0;
	int c[5];
	for (int i = 0; i < 5; i++) {
		c[i] = counts && counts[i] > 0 ? counts[i] : 0;
		total += c[i];
	}
	buf desc;
	buf_init(&desc, BUF_NOCAP);
	for (int i = 0; i < 5; i++)
		buf_printf(&desc, "%s%d: %d", i ? ", " : "", i + 1, c[i]);
	svg_open(b, "dist", id, DIST_W, DIST_H, title, buf_cstr(&desc));
	buf_free(&desc);
	long before = 0;
	for (int i = 0; i < 5 && total > 0; i++) {
		if (!c[i])
			continue;
		/* edges from the running total, so the segments meet exactly */
		double x0 = DIST_X + (double)DIST_BAR_W * before / total;
		before += c[i];
		double x1 = DIST_X + (double)DIST_BAR_W * before / total;
		html(b, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" "
			"stroke=\"#fff\"><title>%d: %d</title></rect>",
		     x0, DIST_Y, x1 - x0, DIST_BAR_H, dist_colours[i].fill, i + 1, c[i]);
		char digits[16];
		int nd = snprintf(digits, sizeof digits, "%d", c[i]);
		if (x1 - x0 >= nd * FONT * CHAR_W + 10)
			html(b, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%d</text>",
			     (x0 + x1) / 2, DIST_Y + DIST_BAR_H / 2.0 + FONT * 0.35,
			     dist_colours[i].text, c[i]);
	}
	/* the outline; with no answers a pale empty bar */
	html(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\"/>",
	     DIST_X, DIST_Y, DIST_BAR_W, DIST_BAR_H, total ? "none" : "#f5f7f9", GRID_STRONG);
	html(b, "</svg>");
}
