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

static void legend_item(buf *b, const svg_series *s, int i, double x, double y, bool em)
{
	html(b, "<path d=\"M%.1f %.1fh%d\"", x, y, LEGEND_SAMPLE);
	series_stroke(b, i, em ? 4 : 2.5, false);
	html(b, "/>");
	marker(b, STYLE(i).marker, x + LEGEND_SAMPLE / 2.0, y, em ? 5.5 : 4.5, STYLE(i).colour);
	html(b, "<text x=\"%.1f\" y=\"%.1f\">", x + LEGEND_SAMPLE + 8, y + 5.5);
	put_label(b, s->name);
	html(b, "</text>");
}

/* Lay out the legend in rows from (x0, y0) within width; draw it when b is
 * not NULL. Returns the height used (0 without series). */
static double legend(buf *b, const svg_series *s, int n, double x0, double y0, double width,
		     int emphasis)
{
	if (n <= 0)
		return 0;
	double x = x0, y = y0 + LEGEND_ROW / 2.0;
	if (b)
		html(b, "<g class=\"legend\">");
	for (int i = 0; i < n; i++) {
		double w = LEGEND_SAMPLE + 8 + text_width(s[i].name, FONT);
		if (x > x0 && x + w > x0 + width) {
			x = x0;
			y += LEGEND_ROW;
		}
		if (b)
			legend_item(b, &s[i], i, x, y, i == emphasis);
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
	double lh = legend(NULL, series, n_series, 16, RADAR_LEGEND_Y, RADAR_W - 32, emphasis);
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
	legend(b, series, n_series, 16, RADAR_LEGEND_Y, RADAR_W - 32, emphasis);
	html(b, "</svg>");
}

/* ---- timeline ---- */

enum { TL_W = 480, TL_LEFT = 34, TL_X0 = 60, TL_X1 = 378, TL_TOP = 12, TL_BOTTOM = 232,
       TL_LEGEND_Y = 266, TL_MIN_SPAN = 30 };

#define DAYS_PER_MONTH 30.44

typedef struct {
	const svg_time_axis *t;
	double lo, hi; /* the days at TL_X0 and TL_X1 */
	double min, max;
} time_geo;

/* The days at the ends of the plot: the first and last date, or a month
 * around them when they lie closer together (one date is drawn in the
 * middle). */
static void time_domain(time_geo *g)
{
	g->lo = g->hi = 0;
	for (int i = 0; i < g->t->n; i++) {
		double d = (double)g->t->days[i];
		g->lo = i == 0 || d < g->lo ? d : g->lo;
		g->hi = i == 0 || d > g->hi ? d : g->hi;
	}
	if (g->hi - g->lo < TL_MIN_SPAN) {
		double mid = (g->lo + g->hi) / 2;
		g->lo = mid - TL_MIN_SPAN / 2.0;
		g->hi = mid + TL_MIN_SPAN / 2.0;
	}
}

static double time_x(const time_geo *g, double day)
{
	return TL_X0 + (day - g->lo) * (TL_X1 - TL_X0) / (g->hi - g->lo);
}

static double time_y(const time_geo *g, double v)
{
	return TL_BOTTOM - (clamp(v, g->min, g->max) - g->min) / (g->max - g->min) * (TL_BOTTOM - TL_TOP);
}

/* Months are counted as year * 12 + month - 1. */
static int month_of(double day)
{
	char d[11];
	format_date((int64_t)floor(day), d);
	return (int)strtol(d, NULL, 10) * 12 + (int)strtol(d + 5, NULL, 10) - 1;
}

static double month_start(int m)
{
	char d[32];
	int64_t day = 0;
	snprintf(d, sizeof d, "%04d-%02d-01", m / 12, m % 12 + 1);
	return parse_date(d, &day) ? (double)day : NAN;
}

/* Width of a tick label: a year, or a month with its year. */
static double tick_width(const svg_time_axis *t, bool year_only)
{
	if (year_only)
		return text_width("0000", FONT_SCALE);
	if (!t->months)
		return text_width("0000-00", FONT_SCALE);
	double w = 0;
	for (int i = 0; i < 12; i++)
		w = fmax(w, text_width(t->months[i], FONT_SCALE));
	return w + text_width(" 0000", FONT_SCALE);
}

/* Months between calendar ticks: the fewest for which labels do not
 * overlap. Steps of a year or more tick at January only. */
static int tick_step(const time_geo *g)
{
	static const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 600};
	double per_month = DAYS_PER_MONTH * (TL_X1 - TL_X0) / (g->hi - g->lo);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++)
		if (steps[i] * per_month >= tick_width(g->t, steps[i] >= 12) + 12)
			return steps[i];
	return steps[ARRAY_LEN(steps) - 1];
}

/* "2026", "jan 2026" (January and the first tick), "apr", or "2026-04"
 * without month names. */
static void tick_label(buf *b, const svg_time_axis *t, int m, int step, bool first, double x)
{
	html(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\" fill=\"%s\">", x,
	     TL_BOTTOM + 22, FONT_SCALE, INK_SOFT);
	if (step >= 12)
		html(b, "%d", m / 12);
	else if (!t->months)
		html(b, "%d-%s%d", m / 12, m % 12 < 9 ? "0" : "", m % 12 + 1);
	else if (first || m % 12 == 0)
		html(b, "%s %d", t->months[m % 12], m / 12);
	else
		html(b, "%s", t->months[m % 12]);
	html(b, "</text>");
}

/* Vertical lines and labels at calendar months or years; when none falls
 * within the plot, the month in its middle is named there. */
static void time_ticks(buf *b, const time_geo *g)
{
	int step = tick_step(g), shown = 0;
	int first = month_of(g->lo), last = month_of(g->hi);
	for (int m = first + (step - first % step) % step; m <= last; m += step) {
		double day = month_start(m);
		if (!(day >= g->lo && day <= g->hi))
			continue;
		double x = time_x(g, day);
		html(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", x, TL_TOP, x,
		     TL_BOTTOM + 6, GRID);
		tick_label(b, g->t, m, step, shown++ == 0, x);
	}
	if (!shown)
		tick_label(b, g->t, month_of((g->lo + g->hi) / 2), 1, true, (TL_X0 + TL_X1) / 2.0);
}

static void time_grid(buf *b, const time_geo *g)
{
	double step = scale_step(g->min, g->max);
	html(b, "<g class=\"grid\">");
	for (double v = ceil(g->min); v <= g->max + 1e-9; v += step) {
		double y = time_y(g, v);
		html(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
		     TL_LEFT, y, TL_X1 + 8, y, v == ceil(g->min) ? GRID_STRONG : GRID);
		html(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%d\" "
			"fill=\"%s\">%.0f</text>", TL_LEFT - 8, y + 5, FONT_SCALE, INK_SOFT, v);
	}
	time_ticks(b, g);
	html(b, "</g>");
}

/* A dashed line at each date where no series has a value (a round without
 * figures), so that it is seen to be missing, not forgotten. */
static void time_empty(buf *b, const time_geo *g, const svg_series *s, int n_series)
{
	html(b, "<g class=\"empty\">");
	for (int i = 0; i < g->t->n; i++) {
		bool any = false;
		for (int k = 0; k < n_series && !any; k++)
			any = s[k].values && isfinite(s[k].values[i]);
		if (any)
			continue;
		double x = time_x(g, (double)g->t->days[i]);
		html(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
			"stroke-width=\"2\" stroke-dasharray=\"2 5\"/>", x, TL_TOP, x, TL_BOTTOM, INK_SOFT);
	}
	html(b, "</g>");
}

/* One series: its line (broken at gaps) and markers. Returns the index of
 * its last value, or -1 when it has none. */
static int time_series(buf *b, const time_geo *g, const svg_series *s, int idx)
{
	int n = g->t->n;
	double *px = xcalloc((size_t)n + 1, sizeof *px), *py = xcalloc((size_t)n + 1, sizeof *py);
	bool *ok = xcalloc((size_t)n + 1, sizeof *ok);
	int last = -1;
	for (int i = 0; i < n; i++) {
		ok[i] = s->values && isfinite(s->values[i]);
		if (ok[i]) {
			px[i] = time_x(g, (double)g->t->days[i]);
			py[i] = time_y(g, s->values[i]);
			last = i;
		}
	}
	html(b, "<g class=\"series\">");
	buf d;
	buf_init(&d, BUF_NOCAP);
	if (gap_path(&d, px, py, ok, n, false) > 0) {
		html(b, "<path d=\"%s\"", buf_cstr(&d));
		series_stroke(b, idx, 2.5, false);
		html(b, "/>");
	}
	buf_free(&d);
	for (int i = 0; i < n; i++)
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
	double x, py; /* the point it labels */
	double y;     /* the label's middle */
} end_label;

#define END_GAP (FONT_SCALE + 2) /* between the middles of two labels */
#define END_MARK (TL_X1 + 14)    /* the marker before a label's text */

static int end_label_cmp(const void *pa, const void *pb)
{
	const end_label *a = pa, *b = pb;
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	return a->series - b->series;
}

/* The labels stand in one column right of the plot, in the order of their
 * values; those closer than a line are pushed down, then back up where
 * they would leave the plot. */
static void end_labels_spread(end_label *l, int n)
{
	qsort(l, (size_t)n, sizeof *l, end_label_cmp);
	for (int i = 1; i < n; i++)
		l[i].y = fmax(l[i].y, l[i - 1].y + END_GAP);
	for (int i = n - 1; i >= 0; i--)
		l[i].y = fmin(l[i].y, i + 1 < n ? l[i + 1].y - END_GAP : TL_BOTTOM + 4.0);
}

/* Each line's last value labelled right of the plot, with the series'
 * marker, in its colour, and a thin leader from the point when it lies
 * elsewhere: a label moved off its line still says whose it is. */
static void end_labels_draw(buf *b, end_label *l, int n, const char *const *labels)
{
	end_labels_spread(l, n);
	html(b, "<g class=\"labels\" font-size=\"%d\" font-weight=\"600\">", FONT_SCALE);
	for (int i = 0; i < n; i++) {
		int s = l[i].series;
		if (END_MARK - l[i].x > 20 || fabs(l[i].y - l[i].py) > 1)
			html(b, "<path d=\"M%.1f %.1fL%.1f %.1f\" stroke=\"%s\" fill=\"none\"/>", l[i].x + 6, l[i].py,
			     (double)END_MARK - 7, l[i].y, GRID_STRONG);
		marker(b, STYLE(s).marker, END_MARK, l[i].y, 4, STYLE(s).colour);
		html(b, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">", END_MARK + 8, l[i].y + 5, STYLE(s).colour);
		put_label(b, labels[s]);
		html(b, "</text>");
	}
	html(b, "</g>");
}

void svg_timeline(buf *b, const char *id, const char *title, const char *desc,
		  const svg_time_axis *x, const svg_series *series, int n_series,
		  double min, double max, const char *const *end_labels)
{
	svg_time_axis none = {NULL, 0, NULL};
	if (!x || !x->days || x->n < 0)
		x = &none;
	if (n_series < 0 || !series)
		n_series = 0;
	fix_range(&min, &max);
	time_geo g = {x, 0, 0, min, max};
	time_domain(&g);
	double lh = legend(NULL, series, n_series, 16, TL_LEGEND_Y, TL_W - 32, -1);
	svg_open(b, "lines", id, TL_W, TL_LEGEND_Y + lh + (lh > 0 ? 12 : 0), title, desc);
	time_grid(b, &g);
	time_empty(b, &g, series, n_series);
	end_label *l = xcalloc((size_t)n_series + 1, sizeof *l);
	int n_labels = 0;
	for (int i = 0; i < n_series; i++) {
		int last = time_series(b, &g, &series[i], i);
		if (end_labels && end_labels[i] && *end_labels[i] && last >= 0)
			l[n_labels++] = (end_label){i, time_x(&g, (double)x->days[last]),
						    time_y(&g, series[i].values[last]),
						    time_y(&g, series[i].values[last])};
	}
	if (n_labels)
		end_labels_draw(b, l, n_labels, end_labels);
	free(l);
	legend(b, series, n_series, 16, TL_LEGEND_Y, TL_W - 32, -1);
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
