/* svg.h - charts drawn by the server as inline SVG.
 *
 * Every function appends one complete <svg> element to a buf, written
 * through the escaping writer (web/html.h): labels are escaped, coordinates
 * are numbers. The output is well-formed XML, needs no script and no inline
 * CSS (the CSP forbids style=""): all styling is SVG presentation attributes
 * (fill, stroke, stroke-dasharray, font-size ...), so a chart looks the same
 * on screen, in print and outside our stylesheet. Text inherits the page's
 * font family.
 *
 * Each <svg> has role="img", a <title> and a <desc>, and aria-labelledby
 * naming both. Their ids are "<id>-title" and "<id>-desc": `id` is a short
 * token (letters, digits, '-', '_') that must be unique on the page. It is
 * escaped like any text, so a bad one breaks only the link, never the page.
 *
 * Size: every chart is 480 units wide, width="100%" with a viewBox, so it
 * scales to its container and the height follows. Drawn for a 480 px box:
 * text is 16 units, so it is 16 px there and still 12 px on a 360 px
 * phone (scale values: 15 units, 11 px). The classes "chart" and "chart-radar" / "chart-lines"
 * / "chart-dist" let the stylesheet cap the width on wide screens
 * (svg.chart { max-width: 30rem; height: auto }), or text grows with it.
 *
 * Series: colour is never the only cue. Series i gets colour, dash pattern
 * and marker shape number i (solid/circle, dashed/square, dotted/diamond,
 * dash-dot/triangle, ...); all colours have at least 4.5:1 contrast against
 * white. There are 8 styles; series 9 and further repeat them, so keep a
 * chart to 8 series.
 *
 * Values outside [min, max] are drawn at the nearest bound. NAN means "no
 * value" and is never drawn as a number (see each chart for what a gap
 * looks like). When max <= min or either is not finite, min = 1, max = 5.
 *
 * A chart is never the only way to read a figure: pages put a table beside
 * it. These functions only draw. Nothing is allocated that the caller must
 * free; on a buffer past its cap the output is cut off (buf.toobig). */
#ifndef WP_SVG_H
#define WP_SVG_H

#include <stdint.h>

#include "base/buf.h"

typedef struct {
	const char *name;     /* legend text, escaped; NULL = "" */
	const double *values; /* one per axis / x position; NAN = no value */
} svg_series;

/* Radar (spider) chart, viewBox 480 x 398, plus 26 a legend row and 12.
 * n_axes axes start at the top and run clockwise; axes[i] is escaped and
 * may hold a '\n' to break a longer label over lines (keep lines to about
 * 10 characters: side labels are bold, 16 units, in 100 units of room,
 * e.g. "LEA\nLeiderschap"). Rings are drawn at the whole values from min
 * to max (every 2, 5, 10 ... when there would be more than 10), their
 * values written between the last and the first axis, on top of the
 * series with a white halo. The centre stands for min - 1 (one ring step
 * below min), so a series all at min is a small polygon, not a dot; for
 * 1..5 the radius is proportional to the value.
 *
 * One polygon per series. Where a value is NAN, the series stays open: the
 * two edges to that axis are not drawn (a gap, never a made-up point), and
 * a value whose neighbours are both NAN shows as its marker alone. A
 * complete series is a closed polygon.
 *
 * emphasis: index of the series to draw thicker and lightly filled, on top
 * of the others (the headline), or -1. The legend follows below the chart,
 * in the order of the series. With fewer than 3 axes the rings are circles.
 * n_series may be 0 (rings and axes only). */
void svg_radar(buf *b, const char *id, const char *title, const char *desc,
	       const char *const *axes, int n_axes, const svg_series *series, int n_series,
	       double min, double max, int emphasis);

/* A time axis: the date of each x position. */
typedef struct {
	const int64_t *days;       /* days since 1970-01-01 (parse_date, base/util.h) */
	int n;                     /* x positions */
	const char *const *months; /* 12 short month names for the ticks, escaped; NULL: "2026-04" */
} svg_time_axis;

/* Line chart over time, viewBox 480 x 266, plus 26 a legend row and 12.
 * An x position lies in proportion to its date between the first date
 * (x 60) and the last (x 378); dates less than 30 days apart are spread
 * over 30 days around their middle, so one date is drawn in the middle.
 * Vertical gridlines mark calendar months (every 1, 2, 3 or 6) or years
 * (every 1, 2, 5 ...), as many as fit with their labels ("jan 2026",
 * "apr" ..., or "2026"); when none falls within the dates, the month in
 * the middle is named. Horizontal gridlines with labels at the whole
 * values from min to max (every 2, 5 ... when there would be more than 10).
 *
 * One line per series with a marker on every value. A NAN breaks the line:
 * no segment to or from it; a value between two NANs is its marker alone.
 * A date where every series is NAN gets a dashed vertical line (a round
 * without figures: say why in the description or beside the chart).
 * end_labels (may be NULL, and end_labels[i] may be NULL): per series a
 * short text drawn after its last value with its marker and in its colour,
 * e.g. "LOS 3.8 ▲" (escaped); labels that would overlap are moved apart
 * vertically, staying within the plot. The legend (the series' names)
 * follows below. */
void svg_timeline(buf *b, const char *id, const char *title, const char *desc,
		  const svg_time_axis *x, const svg_series *series, int n_series,
		  double min, double max, const char *const *end_labels);

/* Distribution of the answers 1..5 (counts[0] = number of 1s) as one
 * horizontal 100% stacked bar, viewBox 480 x 34, segments in order 1..5 on
 * a diverging scale (1 red ... 3 grey ... 5 blue). A segment wide enough
 * shows its count (contrast at least 4.5:1 against its colour), and every
 * segment carries a tooltip "value: count". A zero total, or negative
 * counts (read as 0), draws an empty pale bar in its outline. The <desc>
 * is made here from the numbers ("1: 3, 2: 0, ..."). */
void svg_distribution(buf *b, const char *id, const char *title, const int counts[5]);

#endif
