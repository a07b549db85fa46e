/* test_svg.c - the charts of src/web/svg.c. Every SVG produced here is
 * parsed with libxml2 (it must be well-formed XML) and walked: the
 * accessible name is wired up, every coordinate is a finite number inside
 * the viewBox, no text is smaller than 12 units. Then coordinates worked
 * out by hand from the geometry in svg.c, hostile labels, NAN gaps, the
 * edge cases (no series, one x position, no answers) and the contrast of
 * the colours drawn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/svg.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define EVIL "<script>alert(\"x&y\")</script>'"

static const char *const ELEMENTS[6] = {"LOS", "SRI", "GOC", "VOR", "LEA", "VMM"};

/* ---- a parsed chart ---- */

typedef struct {
	buf out;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
	double w, h; /* of the viewBox */
} chart;

static void chart_begin(chart *c)
{
	memset(c, 0, sizeof *c);
	buf_init(&c->out, BUF_NOCAP);
}

static void chart_end(chart *c)
{
	if (c->xp)
		xmlXPathFreeContext(c->xp);
	if (c->doc)
		xmlFreeDoc(c->doc);
	buf_free(&c->out);
}

static const char *raw(chart *c)
{
	return buf_cstr(&c->out);
}

static xmlXPathObjectPtr eval(chart *c, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c->xp);
	if (!o)
		fail_msg("bad XPath %s", expr);
	return o;
}

static int count(chart *c, const char *expr)
{
	char q[512];
	snprintf(q, sizeof q, "count(%s)", expr);
	xmlXPathObjectPtr o = eval(c, q);
	int n = (int)o->floatval;
	xmlXPathFreeObject(o);
	return n;
}

/* string(expr), caller frees */
static char *str(chart *c, const char *expr)
{
	char q[512];
	snprintf(q, sizeof q, "string(%s)", expr);
	xmlXPathObjectPtr o = eval(c, q);
	char *s = strdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	return s;
}

static void assert_xpath_str(chart *c, const char *expr, const char *want)
{
	char *got = str(c, expr);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

static bool is_numeric_attr(const char *name)
{
	static const char *const names[] = {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
					    "width", "height", "points", "d", "dx", "dy",
					    "font-size", "stroke-width"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Every number in a coordinate attribute is finite; positions lie in the
 * viewBox (dy is relative, sizes are small and positive). */
static void check_numbers(chart *c, const char *elem, const char *name, const char *value)
{
	if (strcmp(name, "width") == 0 && strcmp(elem, "svg") == 0)
		return; /* "100%" */
	char *copy = strdup(value);
	for (char *p = copy; *p; p++) {
		if (strchr("MLHVhvZz,", *p))
			*p = ' ';
		else if (!strchr("0123456789.- ", *p))
			fail_msg("<%s %s=\"%s\">: not a number list", elem, name, value);
	}
	bool relative = strcmp(name, "dx") == 0 || strcmp(name, "dy") == 0 || strcmp(name, "stroke-width") == 0 ||
			strcmp(name, "font-size") == 0;
	char *p = copy, *end;
	int numbers = 0;
	for (double v = strtod(p, &end); end != p; v = strtod(p, &end)) {
		p = end;
		numbers++;
		if (!isfinite(v))
			fail_msg("<%s %s=\"%s\">: not finite", elem, name, value);
		if (!relative && (v < -0.5 || v > fmax(c->w, c->h) + 0.5))
			fail_msg("<%s %s=\"%s\">: %g outside the viewBox", elem, name, value, v);
		if (strcmp(name, "font-size") == 0 && v < 12)
			fail_msg("font-size %g is below 12", v);
	}
	while (*p == ' ')
		p++;
	if (*p || (numbers == 0 && strcmp(name, "d") != 0))
		fail_msg("<%s %s=\"%s\">: not a number list", elem, name, value);
	free(copy);
}

static void walk(chart *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!n->ns || strcmp((const char *)n->ns->href, SVG_NS) != 0)
			fail_msg("<%s> outside the SVG namespace", (const char *)n->name);
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeListGetString(c->doc, a->children, 1);
			if (is_numeric_attr((const char *)a->name))
				check_numbers(c, (const char *)n->name, (const char *)a->name,
					      v ? (const char *)v : "");
			xmlFree(v);
		}
		walk(c, n->children);
	}
}

/* Parse what the chart wrote and check what every chart must be. */
static void parse(chart *c, const char *id)
{
	assert_false(c->out.toobig);
	c->doc = xmlReadMemory(raw(c), (int)c->out.len, "chart.svg", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!c->doc)
		fail_msg("not well-formed XML:\n%s", raw(c));
	c->xp = xmlXPathNewContext(c->doc);
	xmlXPathRegisterNs(c->xp, (const xmlChar *)"s", (const xmlChar *)SVG_NS);
	assert_int_equal(count(c, "/s:svg"), 1);

	char *vb = str(c, "/s:svg/@viewBox");
	assert_int_equal(sscanf(vb, "0 0 %lf %lf", &c->w, &c->h), 2);
	free(vb);
	assert_xpath_str(c, "/s:svg/@width", "100%");
	assert_xpath_str(c, "/s:svg/@role", "img");
	char want[256], q[256];
	snprintf(want, sizeof want, "%s-title %s-desc", id, id);
	assert_xpath_str(c, "/s:svg/@aria-labelledby", want);
	/* the ids named there exist, once each, as the title and the desc */
	snprintf(q, sizeof q, "//*[@id='%s-title']", id);
	assert_int_equal(count(c, q), 1);
	snprintf(q, sizeof q, "/s:svg/s:title[@id='%s-title']", id);
	assert_int_equal(count(c, q), 1);
	snprintf(q, sizeof q, "/s:svg/s:desc[@id='%s-desc']", id);
	assert_int_equal(count(c, q), 1);
	/* no script can come from any label, and no inline CSS is used */
	assert_int_equal(count(c, "//*[local-name()='script' or local-name()='style']"), 0);
	assert_int_equal(count(c, "//@style"), 0);
	assert_null(strstr(raw(c), "<script"));
	walk(c, xmlDocGetRootElement(c->doc));
}

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static void assert_no_nan(chart *c)
{
	assert_false(contains_nocase(raw(c), "nan"));
	assert_false(contains_nocase(raw(c), "inf"));
}

/* ---- contrast (WCAG 2 relative luminance) ---- */

static double channel(int v)
{
	double c = v / 255.0;
	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(const char *hex)
{
	unsigned r, g, b;
	if (strlen(hex) == 4 && sscanf(hex, "#%1x%1x%1x", &r, &g, &b) == 3) {
		r *= 17;
		g *= 17;
		b *= 17;
	} else if (sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3) {
		fail_msg("not a colour: %s", hex);
	}
	return 0.2126 * channel((int)r) + 0.7152 * channel((int)g) + 0.0722 * channel((int)b);
}

static double contrast(const char *a, const char *b)
{
	double la = luminance(a), lb = luminance(b);
	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/* The shape of the first marker of series i (1-based), told from its
 * geometry, not its colour. Caller frees. */
static char *marker_kind(chart *c, int i)
{
	char q[128];
	snprintf(q, sizeof q, "(//s:g[@class='series'])[%d]/*[2]", i);
	xmlXPathObjectPtr o = eval(c, q);
	assert_non_null(o->nodesetval);
	assert_int_equal(o->nodesetval->nodeNr, 1);
	xmlNodePtr n = o->nodesetval->nodeTab[0];
	const char *name = (const char *)n->name, *kind = "?";
	xmlChar *fill = xmlGetProp(n, (const xmlChar *)"fill");
	xmlChar *pts = xmlGetProp(n, (const xmlChar *)"points");
	xmlChar *d = xmlGetProp(n, (const xmlChar *)"d");
	if (strcmp(name, "circle") == 0) {
		kind = strcmp((const char *)fill, "#fff") == 0 ? "ring" : "circle";
	} else if (strcmp(name, "rect") == 0) {
		kind = "square";
	} else if (strcmp(name, "polygon") == 0) {
		double x[4], y[4];
		int k = sscanf((const char *)pts, "%lf,%lf %lf,%lf %lf,%lf %lf,%lf", &x[0], &y[0],
			       &x[1], &y[1], &x[2], &y[2], &x[3], &y[3]);
		kind = k == 8 ? "diamond" : y[0] < y[1] ? "triangle-up" : "triangle-down";
	} else if (strcmp(name, "path") == 0) {
		kind = strchr((const char *)d, 'H') ? "plus" : "cross";
	}
	xmlFree(fill);
	xmlFree(pts);
	xmlFree(d);
	xmlXPathFreeObject(o);
	return strdup(kind);
}

/* ---- fixtures ---- */

static double v6_all(double v, double out[6])
{
	for (int i = 0; i < 6; i++)
		out[i] = v;
	return v;
}

static void radar1(chart *c, const double values[6], double min, double max)
{
	svg_series s = {"Alle deelnemers", values};
	svg_radar(&c->out, "r", "Scores", "Per element", ELEMENTS, 6, &s, 1, min, max, -1);
	parse(c, "r");
}

/* ---- radar ---- */

/* Centre (240, 195), outer ring radius 145, first axis up, clockwise every
 * 60 degrees: 145 cos 30 = 125.57, 145 sin 30 = 72.5. */
#define OUTER "240.0,50.0 365.6,122.5 365.6,267.5 240.0,340.0 114.4,267.5 114.4,122.5"

static void radar_at_max_is_the_outer_ring(void **state)
{
	(void)state;
	chart c;
	double v[6];
	chart_begin(&c);
	v6_all(5, v);
	radar1(&c, v, 1, 5);
	assert_xpath_str(&c, "//s:g[@class='series']/s:polygon/@points", OUTER);
	/* the first ring drawn is the outer one, through the same points */
	assert_xpath_str(&c, "//s:g[@class='grid']/s:polygon[1]/@points", OUTER);
	/* five rings, six spokes, six markers on the outer vertices */
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:polygon"), 5);
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:line"), 6);
	assert_int_equal(count(&c, "//s:g[@class='series']/s:circle"), 6);
	assert_xpath_str(&c, "//s:g[@class='series']/s:circle[2]/@cx", "365.6");
	assert_xpath_str(&c, "//s:g[@class='series']/s:circle[2]/@cy", "122.5");
	/* the ring values 1..5 */
	assert_int_equal(count(&c, "//s:g[@class='scale']/s:text"), 5);
	assert_xpath_str(&c, "//s:g[@class='scale']/s:text[1]", "1");
	assert_xpath_str(&c, "//s:g[@class='scale']/s:text[5]", "5");
	chart_end(&c);
}

/* The centre stands for 0 on a 1..5 scale: 3 is at 3/5 of 145 = 87
 * (87 cos 30 = 75.34, 87 sin 30 = 43.5); 1 at 29. Out-of-range values sit
 * on the nearest bound. */
static void radar_radius_is_proportional(void **state)
{
	(void)state;
	chart c;
	double v[6];
	chart_begin(&c);
	v6_all(3, v);
	radar1(&c, v, 1, 5);
	assert_xpath_str(&c, "//s:g[@class='series']/s:polygon/@points",
			 "240.0,108.0 315.3,151.5 315.3,238.5 240.0,282.0 164.7,238.5 164.7,151.5");
	chart_end(&c);

	chart_begin(&c);
	double w[6] = {1, -7, 9, 5, 1, 1};
	radar1(&c, w, 1, 5);
	assert_xpath_str(&c, "//s:g[@class='series']/s:polygon/@points",
			 "240.0,166.0 265.1,180.5 365.6,267.5 240.0,340.0 214.9,209.5 214.9,180.5");
	chart_end(&c);
}

/* A NAN leaves the series open: no edges to that axis, no marker there. */
static void radar_nan_is_a_gap(void **state)
{
	(void)state;
	chart c;
	double v[6];
	chart_begin(&c);
	v6_all(5, v);
	v[2] = NAN;
	radar1(&c, v, 1, 5);
	assert_no_nan(&c);
	assert_int_equal(count(&c, "//s:g[@class='series']/s:polygon"), 0);
	assert_xpath_str(&c, "//s:g[@class='series']/s:path/@d",
			 "M240.0 340.0L114.4 267.5L114.4 122.5L240.0 50.0L365.6 122.5");
	assert_int_equal(count(&c, "//s:g[@class='series']/s:circle"), 5);
	chart_end(&c);

	/* every other value missing: markers alone, no line */
	chart_begin(&c);
	double w[6] = {NAN, 4, NAN, 4, NAN, 4};
	radar1(&c, w, 1, 5);
	assert_no_nan(&c);
	assert_int_equal(count(&c, "//s:g[@class='series']/s:path"), 0);
	assert_int_equal(count(&c, "//s:g[@class='series']/s:circle"), 3);
	chart_end(&c);

	/* nothing at all: only the legend shows the series */
	chart_begin(&c);
	v6_all(NAN, v);
	radar1(&c, v, 1, 5);
	assert_no_nan(&c);
	assert_int_equal(count(&c, "//s:g[@class='series']/*"), 0);
	assert_int_equal(count(&c, "//s:g[@class='legend']/s:text"), 1);
	chart_end(&c);

	/* gaps at both ends of the list: the run wraps from the last axis */
	chart_begin(&c);
	double x[6] = {5, NAN, 5, 5, NAN, 5};
	radar1(&c, x, 1, 5);
	assert_xpath_str(&c, "//s:g[@class='series']/s:path/@d",
			 "M114.4 122.5L240.0 50.0M365.6 267.5L240.0 340.0");
	chart_end(&c);
}

static void radar_hostile_labels_are_text(void **state)
{
	(void)state;
	chart c;
	double v[6];
	chart_begin(&c);
	v6_all(4, v);
	const char *axes[6] = {EVIL, "SRI", "a\"b", "<b>", "&amp;", "x\x01y"};
	svg_series s[2] = {{EVIL, v}, {"\"&'", v}};
	svg_radar(&c.out, "h", EVIL, EVIL, axes, 6, s, 2, 1, 5, 1);
	parse(&c, "h");
	assert_xpath_str(&c, "/s:svg/s:title", EVIL);
	assert_xpath_str(&c, "/s:svg/s:desc", EVIL);
	assert_xpath_str(&c, "(//s:text[@font-weight='600'])[1]", EVIL);
	assert_xpath_str(&c, "(//s:text[@font-weight='600'])[4]", "<b>");
	assert_xpath_str(&c, "(//s:text[@font-weight='600'])[5]", "&amp;");
	assert_xpath_str(&c, "(//s:text[@font-weight='600'])[6]", "x y");
	assert_xpath_str(&c, "//s:g[@class='legend']/s:text[1]", EVIL);
	assert_xpath_str(&c, "//s:g[@class='legend']/s:text[2]", "\"&'");
	assert_int_equal(count(&c, "//*[local-name()='b']"), 0);
	chart_end(&c);

	/* a hostile id breaks only its own reference */
	chart_begin(&c);
	svg_radar(&c.out, "x\"><script>", "t", "d", ELEMENTS, 6, NULL, 0, 1, 5, -1);
	parse(&c, "x\"><script>");
	chart_end(&c);
}

static void radar_without_series(void **state)
{
	(void)state;
	chart c;
	chart_begin(&c);
	svg_radar(&c.out, "e", "Nog geen antwoorden", "", ELEMENTS, 6, NULL, 0, 1, 5, 0);
	parse(&c, "e");
	assert_int_equal(count(&c, "//s:g[@class='series']"), 0);
	assert_int_equal(count(&c, "//s:g[@class='legend']"), 0);
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:polygon"), 5);
	assert_int_equal(count(&c, "//s:text[@font-weight='600']"), 6);
	chart_end(&c);
}

/* The headline series is thicker, filled, and drawn last (on top). */
static void radar_emphasis(void **state)
{
	(void)state;
	chart c;
	double a[6], b[6], d[6];
	v6_all(2, a);
	v6_all(3, b);
	v6_all(4, d);
	svg_series s[3] = {{"a", a}, {"b", b}, {"c", d}};
	chart_begin(&c);
	svg_radar(&c.out, "m", "t", "d", ELEMENTS, 6, s, 3, 1, 5, 1);
	parse(&c, "m");
	assert_xpath_str(&c, "(//s:g[@class='series'])[3]/s:polygon/@stroke-width", "4.0");
	assert_xpath_str(&c, "(//s:g[@class='series'])[3]/s:polygon/@points",
			 "240.0,108.0 315.3,151.5 315.3,238.5 240.0,282.0 164.7,238.5 164.7,151.5");
	assert_xpath_str(&c, "(//s:g[@class='series'])[3]/s:polygon/@fill-opacity", "0.12");
	assert_xpath_str(&c, "(//s:g[@class='series'])[1]/s:polygon/@stroke-width", "2.5");
	assert_xpath_str(&c, "(//s:g[@class='series'])[1]/s:polygon/@fill", "none");
	chart_end(&c);

	/* an emphasis out of range is ignored */
	chart_begin(&c);
	svg_radar(&c.out, "m", "t", "d", ELEMENTS, 6, s, 3, 1, 5, 7);
	parse(&c, "m");
	assert_int_equal(count(&c, "//s:polygon[@stroke-width='4.0']"), 0);
	chart_end(&c);
}

/* Longer labels break at '\n' into lines of their own. */
static void radar_multiline_labels(void **state)
{
	(void)state;
	chart c;
	const char *axes[6] = {"LOS\nLerend samen", "SRI", "GOC", "VOR\nRelaties", "LEA", "VMM"};
	chart_begin(&c);
	svg_radar(&c.out, "l", "t", "d", axes, 6, NULL, 0, 1, 5, -1);
	parse(&c, "l");
	assert_int_equal(count(&c, "(//s:text[@font-weight='600'])[1]/s:tspan"), 2);
	assert_xpath_str(&c, "(//s:text[@font-weight='600'])[1]/s:tspan[2]", "Lerend samen");
	assert_xpath_str(&c, "(//s:text[@font-weight='600'])[1]/s:tspan[2]/@dy", "19.2");
	assert_int_equal(count(&c, "(//s:text[@font-weight='600'])[2]/s:tspan"), 1);
	chart_end(&c);
}

/* Odd shapes draw something sensible and never crash. */
static void radar_degenerate(void **state)
{
	(void)state;
	chart c;
	double v[2] = {3, 4};
	svg_series s = {"x", v};
	chart_begin(&c);
	svg_radar(&c.out, "d", "t", "d", ELEMENTS, 2, &s, 1, 1, 5, 0);
	parse(&c, "d");
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:circle"), 5);
	chart_end(&c);

	chart_begin(&c);
	svg_radar(&c.out, "d", NULL, NULL, NULL, 0, NULL, 0, 1, 5, -1);
	parse(&c, "d");
	chart_end(&c);

	/* NULL axis labels, NULL values, a bad range (read as 1..5) */
	svg_series z = {NULL, NULL};
	chart_begin(&c);
	svg_radar(&c.out, "d", "t", "d", NULL, 6, &z, 1, NAN, 2, 0);
	parse(&c, "d");
	assert_int_equal(count(&c, "//s:g[@class='scale']/s:text"), 5);
	chart_end(&c);

	/* a wide range gets fewer rings: 0..100 in steps of 10 */
	chart_begin(&c);
	svg_radar(&c.out, "d", "t", "d", ELEMENTS, 6, NULL, 0, 0, 100, -1);
	parse(&c, "d");
	assert_int_equal(count(&c, "//s:g[@class='scale']/s:text"), 11);
	assert_xpath_str(&c, "//s:g[@class='scale']/s:text[2]", "10");
	chart_end(&c);
}

/* ---- timeline ---- */

/* Days since 1970-01-01, worked out by hand: 55 years of 365 days and 14
 * leap days (1972 ... 2024) to 2025-01-01. */
#define D2025 20089 /* 2025-01-01 */
#define D2026 20454 /* 2026-01-01 */

static const char *const MONTHS[12] = {"jan", "feb", "mrt", "apr", "mei", "jun",
				       "jul", "aug", "sep", "okt", "nov", "dec"};

/* Plot x from 60 (first date) to 378 (last date), in proportion to the
 * date; y from 232 (min) to 12 (max). */
static void timeline_x_follows_the_date(void **state)
{
	(void)state;
	chart c;
	/* 2025-01-01, 292 days later (2025-10-20), 2026-01-01: 0.8 of the way
	 * is 0.8 x 318 = 254.4 units from 60 */
	int64_t days[3] = {D2025, D2025 + 292, D2026};
	svg_time_axis t = {days, 3, MONTHS};
	double v[3] = {1, 3, 5};
	svg_series s = {"LOS", v};
	chart_begin(&c);
	svg_timeline(&c.out, "t", "Ontwikkeling", "LOS per ronde", &t, &s, 1, 1, 5, NULL);
	parse(&c, "t");
	assert_no_nan(&c);
	assert_xpath_str(&c, "//s:g[@class='series']/s:path/@d", "M60.0 232.0L314.4 122.0L378.0 12.0");
	/* every value has its marker, at its date */
	assert_int_equal(count(&c, "//s:g[@class='series']/s:circle"), 3);
	assert_xpath_str(&c, "(//s:g[@class='series']/s:circle)[2]/@cx", "314.4");
	/* gridlines at 1..5 with their values */
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:line[@x1='34']"), 5);
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[1]", "1");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[1]/@y", "237.0");
	/* a year over 318 units: 26.5 a month; "jan 2025" is 8 x 8.4 + 12 =
	 * 79.2 wide, so a tick every 3 months (79.6): jan, apr, jul, okt, jan */
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle']"), 5);
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][1]", "jan 2025");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][1]/@x", "60.0");
	/* 2025-07-01 is 181 days in: 60 + 181 x 318 / 365 = 217.7 */
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[text()='jul']/@x", "217.7");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][5]", "jan 2026");
	assert_int_equal(count(&c, "//s:g[@class='labels']"), 0);
	assert_int_equal(count(&c, "//s:g[@class='empty']/*"), 0);
	chart_end(&c);
}

/* One date: drawn in the middle, its month named below it. */
static void timeline_one_date(void **state)
{
	(void)state;
	chart c;
	int64_t days[1] = {D2025 + 181}; /* 2025-07-01 */
	svg_time_axis t = {days, 1, NULL};
	double a[1] = {4}, b[1] = {NAN};
	svg_series s[2] = {{"alle", a}, {"student", b}};
	const char *labels[2] = {"alle 4.0", "student"};
	chart_begin(&c);
	svg_timeline(&c.out, "o", "t", "d", &t, s, 2, 1, 5, labels);
	parse(&c, "o");
	assert_no_nan(&c);
	assert_int_equal(count(&c, "//s:g[@class='series']/s:path"), 0);
	assert_xpath_str(&c, "//s:g[@class='series']/s:circle/@cx", "219.0");
	assert_xpath_str(&c, "//s:g[@class='series']/s:circle/@cy", "67.0");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle']", "2025-07");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle']/@x", "219.0");
	/* a series without values has no label; the other's stands right of
	 * the plot (marker at 392, text at 400), a leader from its point */
	assert_int_equal(count(&c, "//s:g[@class='labels']/s:text"), 1);
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text", "alle 4.0");
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text/@x", "400");
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text/@y", "72.0");
	assert_xpath_str(&c, "//s:g[@class='labels']/s:path/@d", "M225.0 67.0L385.0 67.0");
	assert_xpath_str(&c, "//s:g[@class='labels']/s:circle/@cx", "392.0");
	chart_end(&c);
}

static void timeline_nan_breaks_the_line(void **state)
{
	(void)state;
	chart c;
	int64_t days[4] = {D2025, D2025 + 100, D2025 + 200, D2025 + 300};
	svg_time_axis t = {days, 4, MONTHS};
	double v[4] = {1, NAN, 3, 4};
	svg_series s = {"GOC", v};
	chart_begin(&c);
	svg_timeline(&c.out, "g", "t", "d", &t, &s, 1, 1, 5, NULL);
	parse(&c, "g");
	assert_no_nan(&c);
	/* x = 60 + 106 i: the lone first value is a marker only */
	assert_xpath_str(&c, "//s:g[@class='series']/s:path/@d", "M272.0 122.0L378.0 67.0");
	assert_int_equal(count(&c, "//s:g[@class='series']/s:circle"), 3);
	/* the second date still has a value in no series: a dashed line */
	assert_int_equal(count(&c, "//s:g[@class='empty']/s:line"), 1);
	assert_xpath_str(&c, "//s:g[@class='empty']/s:line/@x1", "166.0");
	chart_end(&c);
}

/* Labels at the same value are pushed a line (17) apart; at the bottom
 * they stay inside the plot, pushed upwards. */
static void timeline_end_labels(void **state)
{
	(void)state;
	chart c;
	int64_t days[2] = {D2025, D2026};
	svg_time_axis t = {days, 2, MONTHS};
	double a[2] = {2, 3}, b[2] = {4, 3}, d[2] = {5, NAN}, e[2] = {1, 1};
	svg_series s[4] = {{"a", a}, {"b", b}, {"c", d}, {"e", e}};
	const char *labels[4] = {"a 3.0", EVIL, "c 5.0", NULL};
	chart_begin(&c);
	svg_timeline(&c.out, "k", "t", "d", &t, s, 4, 1, 5, labels);
	parse(&c, "k");
	assert_int_equal(count(&c, "//s:g[@class='labels']/s:text"), 3);
	/* "c" ends early, at the first date, at the top: its leader runs from
	 * its point (60) to the label */
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[text()='c 5.0']/@y", "17.0");
	assert_int_equal(count(&c, "//s:g[@class='labels']/s:path[@d='M66.0 12.0L385.0 12.0']"), 1);
	/* "a" and "b" both end at 3 (y 122): a keeps its place, b moves down */
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[text()='a 3.0']/@y", "127.0");
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[3]", EVIL);
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[3]/@y", "144.0");
	/* labels are in the colour of their series; the legend holds the
	 * names only */
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[text()='a 3.0']/@fill", "#1d4e89");
	assert_xpath_str(&c, "//s:g[@class='legend']/s:text[1]", "a");
	assert_xpath_str(&c, "//s:g[@class='legend']/s:text[2]", "b");
	chart_end(&c);

	double f[2] = {1, 1}, g[2] = {1, 1};
	svg_series u[2] = {{"f", f}, {"g", g}};
	const char *l2[2] = {"f 1.0", "g 1.0"};
	chart_begin(&c);
	svg_timeline(&c.out, "k", "t", "d", &t, u, 2, 1, 5, l2);
	parse(&c, "k");
	/* 232 and 249 would leave the plot: the lower stops at 236, the
	 * other a line above it (219); text baselines 5 lower */
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[1]/@y", "224.0");
	assert_xpath_str(&c, "//s:g[@class='labels']/s:text[2]/@y", "241.0");
	chart_end(&c);
}

/* Forty years: ticks every ten years, at their January. */
static void timeline_years(void **state)
{
	(void)state;
	chart c;
	/* 1990-01-01: 20 years and 5 leap days (1972 ... 1988) after 1970;
	 * 2030-01-01: 4 years and 1 leap day (2028) after 2026 */
	int64_t days[2] = {7305, D2026 + 1461};
	svg_time_axis t = {days, 2, MONTHS};
	double v[2] = {2, 4};
	svg_series s = {"x", v};
	chart_begin(&c);
	svg_timeline(&c.out, "y", "t", "d", &t, &s, 1, 1, 5, NULL);
	parse(&c, "y");
	/* 0.66 units a month; "2000" is 33.6 + 12 wide: 5 years (39.8) is too
	 * narrow, 10 years (79.5) fits */
	assert_int_equal(count(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle']"), 5);
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][1]", "1990");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][2]", "2000");
	/* 2000-01-01 is 3652 days in: 60 + 3652 x 318 / 14610 = 139.5 */
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][2]/@x", "139.5");
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle'][5]", "2030");
	chart_end(&c);
}

static void timeline_empty(void **state)
{
	(void)state;
	chart c;
	chart_begin(&c);
	svg_timeline(&c.out, "n", "t", "d", NULL, NULL, 0, 1, 5, NULL);
	parse(&c, "n");
	assert_no_nan(&c);
	assert_int_equal(count(&c, "//s:g[@class='series']"), 0);
	assert_int_equal(count(&c, "//s:g[@class='legend']"), 0);
	assert_xpath_str(&c, "/s:svg/@viewBox", "0 0 480 266");
	chart_end(&c);

	/* hostile month names, labels and series names, NAN everywhere */
	const char *evil_months[12];
	for (int i = 0; i < 12; i++)
		evil_months[i] = EVIL;
	int64_t days[2] = {D2025, D2025 + 20};
	svg_time_axis t = {days, 2, evil_months};
	double v[2] = {NAN, NAN};
	svg_series s = {EVIL, v};
	const char *labels[1] = {EVIL};
	chart_begin(&c);
	svg_timeline(&c.out, "n", EVIL, EVIL, &t, &s, 1, 1, 5, labels);
	parse(&c, "n");
	assert_no_nan(&c);
	/* 20 days are spread over 30; no month starts within: the middle's */
	assert_xpath_str(&c, "//s:g[@class='grid']/s:text[@text-anchor='middle']", EVIL " 2025");
	assert_xpath_str(&c, "//s:g[@class='legend']/s:text", EVIL);
	assert_int_equal(count(&c, "//s:g[@class='series']/*"), 0);
	assert_int_equal(count(&c, "//s:g[@class='labels']"), 0);
	/* both dates without a value: two dashed lines */
	assert_int_equal(count(&c, "//s:g[@class='empty']/s:line"), 2);
	chart_end(&c);
}

/* Eight series: eight different dash patterns and eight marker shapes,
 * each colour readable on white. The legend wraps into rows. */
static void series_styles_differ(void **state)
{
	(void)state;
	chart c;
	int64_t days[2] = {D2025, D2026};
	svg_time_axis t = {days, 2, MONTHS};
	double v[2] = {3, 4};
	svg_series s[8];
	for (int i = 0; i < 8; i++)
		s[i] = (svg_series){"perspectief", v};
	chart_begin(&c);
	svg_timeline(&c.out, "s", "t", "d", &t, s, 8, 1, 5, NULL);
	parse(&c, "s");
	char *dash[8], *shape[8], q[160];
	for (int i = 0; i < 8; i++) {
		snprintf(q, sizeof q, "(//s:g[@class='series'])[%d]/s:path/@stroke-dasharray", i + 1);
		dash[i] = str(&c, q);
		shape[i] = marker_kind(&c, i + 1);
		snprintf(q, sizeof q, "(//s:g[@class='series'])[%d]/s:path/@stroke", i + 1);
		char *colour = str(&c, q);
		if (contrast(colour, "#ffffff") < 4.5)
			fail_msg("series %d colour %s: contrast %.2f", i, colour,
				 contrast(colour, "#ffffff"));
		free(colour);
	}
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < i; j++) {
			if (strcmp(dash[i], dash[j]) == 0)
				fail_msg("series %d and %d share dash %s", i, j, dash[i]);
			if (strcmp(shape[i], shape[j]) == 0)
				fail_msg("series %d and %d share marker %s", i, j, shape[i]);
		}
	for (int i = 0; i < 8; i++) {
		free(dash[i]);
		free(shape[i]);
	}
	/* 8 x (32 + 8 + 11 x 8.96 + 22) = 8 x 160.6 in 448 units: 2 per row */
	assert_xpath_str(&c, "/s:svg/@viewBox", "0 0 480 382");
	chart_end(&c);
}

/* ---- distribution ---- */

/* Bar from x 1, 478 wide: four equal counts are 119.5 each. */
static void distribution_known(void **state)
{
	(void)state;
	chart c;
	int counts[5] = {1, 1, 1, 1, 0};
	chart_begin(&c);
	svg_distribution(&c.out, "v", "Antwoorden op LOS", counts);
	parse(&c, "v");
	assert_xpath_str(&c, "/s:svg/s:desc", "1: 1, 2: 1, 3: 1, 4: 1, 5: 0");
	assert_int_equal(count(&c, "/s:svg/s:rect[s:title]"), 4);
	assert_xpath_str(&c, "/s:svg/s:rect[1]/@x", "1.00");
	assert_xpath_str(&c, "/s:svg/s:rect[1]/@width", "119.50");
	assert_xpath_str(&c, "/s:svg/s:rect[2]/@x", "120.50");
	assert_xpath_str(&c, "/s:svg/s:rect[4]/@x", "359.50");
	assert_xpath_str(&c, "/s:svg/s:rect[4]/s:title", "4: 1");
	assert_int_equal(count(&c, "/s:svg/s:text"), 4);
	assert_xpath_str(&c, "/s:svg/s:text[1]/@x", "60.75");
	assert_xpath_str(&c, "/s:svg/s:text[1]/@y", "22.6");
	/* the outline comes last */
	assert_xpath_str(&c, "/s:svg/s:rect[5]/@fill", "none");
	chart_end(&c);
}

/* A segment too narrow for its number keeps only its tooltip. */
static void distribution_narrow_segments(void **state)
{
	(void)state;
	chart c;
	int counts[5] = {1, 0, 0, 0, 999};
	chart_begin(&c);
	svg_distribution(&c.out, "w", "t", counts);
	parse(&c, "w");
	assert_int_equal(count(&c, "/s:svg/s:rect[s:title]"), 2);
	assert_int_equal(count(&c, "/s:svg/s:text"), 1);
	assert_xpath_str(&c, "/s:svg/s:text", "999");
	chart_end(&c);
}

static void distribution_empty(void **state)
{
	(void)state;
	chart c;
	int zero[5] = {0, 0, 0, 0, 0}, negative[5] = {-3, 0, 0, 0, 0};
	chart_begin(&c);
	svg_distribution(&c.out, "z", "t", zero);
	parse(&c, "z");
	assert_int_equal(count(&c, "/s:svg/s:rect"), 1);
	assert_xpath_str(&c, "/s:svg/s:rect/@fill", "#f5f7f9");
	assert_int_equal(count(&c, "//s:text"), 0);
	assert_xpath_str(&c, "/s:svg/s:desc", "1: 0, 2: 0, 3: 0, 4: 0, 5: 0");
	chart_end(&c);

	chart_begin(&c);
	svg_distribution(&c.out, "z", EVIL, negative);
	parse(&c, "z");
	assert_int_equal(count(&c, "/s:svg/s:rect"), 1);
	assert_xpath_str(&c, "/s:svg/s:title", EVIL);
	chart_end(&c);

	chart_begin(&c);
	svg_distribution(&c.out, "z", "t", NULL);
	parse(&c, "z");
	assert_int_equal(count(&c, "/s:svg/s:rect"), 1);
	chart_end(&c);
}

/* Every number drawn on a segment has 4.5:1 against it; the scale runs
 * from red (1) to blue (5). */
static void distribution_contrast(void **state)
{
	(void)state;
	chart c;
	int counts[5] = {10, 20, 30, 40, 50};
	chart_begin(&c);
	svg_distribution(&c.out, "c", "t", counts);
	parse(&c, "c");
	assert_int_equal(count(&c, "/s:svg/s:text"), 5);
	char q[128];
	for (int i = 1; i <= 5; i++) {
		snprintf(q, sizeof q, "/s:svg/s:rect[%d]/@fill", i);
		char *bg = str(&c, q);
		snprintf(q, sizeof q, "/s:svg/s:text[%d]/@fill", i);
		char *fg = str(&c, q);
		if (contrast(fg, bg) < 4.5)
			fail_msg("value %d: %s on %s is %.2f:1", i, fg, bg, contrast(fg, bg));
		free(bg);
		free(fg);
	}
	char *one = str(&c, "/s:svg/s:rect[1]/@fill"), *five = str(&c, "/s:svg/s:rect[5]/@fill");
	unsigned r1, g1, b1, r5, g5, b5;
	assert_int_equal(sscanf(one, "#%2x%2x%2x", &r1, &g1, &b1), 3);
	assert_int_equal(sscanf(five, "#%2x%2x%2x", &r5, &g5, &b5), 3);
	assert_true(r1 > b1 && b5 > r5);
	free(one);
	free(five);
	chart_end(&c);
}

/* ---- shared ---- */

/* Text colours of the scale and labels are readable too. */
static void text_contrast(void **state)
{
	(void)state;
	chart c;
	chart_begin(&c);
	svg_radar(&c.out, "c", "t", "d", ELEMENTS, 6, NULL, 0, 1, 5, -1);
	parse(&c, "c");
	char *ink = str(&c, "/s:svg/@fill"), *soft = str(&c, "//s:g[@class='scale']/@fill");
	assert_true(contrast(ink, "#fff") >= 7);
	assert_true(contrast(soft, "#fff") >= 4.5);
	free(ink);
	free(soft);
	chart_end(&c);
}

/* A full buffer cuts the chart off and says so; nothing breaks. */
static void buffer_cap(void **state)
{
	(void)state;
	buf b;
	double v[6];
	v6_all(3, v);
	svg_series s = {"x", v};
	int64_t days[6] = {D2025, D2025 + 90, D2025 + 180, D2025 + 270, D2025 + 360, D2025 + 450};
	svg_time_axis t = {days, 6, MONTHS};
	int counts[5] = {1, 2, 3, 4, 5};
	buf_init(&b, 300);
	svg_radar(&b, "r", "t", "d", ELEMENTS, 6, &s, 1, 1, 5, 0);
	assert_true(b.toobig);
	buf_free(&b);
	buf_init(&b, 300);
	svg_timeline(&b, "l", "t", "d", &t, &s, 1, 1, 5, NULL);
	assert_true(b.toobig);
	buf_free(&b);
	buf_init(&b, 300);
	svg_distribution(&b, "d", "t", counts);
	assert_true(b.toobig);
	buf_free(&b);
}

/* Two charts on one page keep their ids apart: each id once, all from
 * the prefixes. */
static void ids_are_prefixed(void **state)
{
	(void)state;
	chart c;
	int counts[5] = {1, 2, 3, 4, 5};
	chart_begin(&c);
	buf_puts(&c.out, "<div>");
	svg_distribution(&c.out, "q1", "t", counts);
	svg_distribution(&c.out, "q2", "t", counts);
	buf_puts(&c.out, "</div>");
	c.doc = xmlReadMemory(raw(&c), (int)c.out.len, "page.xml", NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(c.doc);
	c.xp = xmlXPathNewContext(c.doc);
	assert_int_equal(count(&c, "//@id"), 4);
	const char *ids[4] = {"q1-title", "q1-desc", "q2-title", "q2-desc"};
	for (int i = 0; i < 4; i++) {
		char q[64];
		snprintf(q, sizeof q, "//*[@id='%s']", ids[i]);
		assert_int_equal(count(&c, q), 1);
	}
	chart_end(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(radar_at_max_is_the_outer_ring),
		cmocka_unit_test(radar_radius_is_proportional),
		cmocka_unit_test(radar_nan_is_a_gap),
		cmocka_unit_test(radar_hostile_labels_are_text),
		cmocka_unit_test(radar_without_series),
		cmocka_unit_test(radar_emphasis),
		cmocka_unit_test(radar_multiline_labels),
		cmocka_unit_test(radar_degenerate),
		cmocka_unit_test(timeline_x_follows_the_date),
		cmocka_unit_test(timeline_one_date),
		cmocka_unit_test(timeline_nan_breaks_the_line),
		cmocka_unit_test(timeline_end_labels),
		cmocka_unit_test(timeline_years),
		cmocka_unit_test(timeline_empty),
		cmocka_unit_test(series_styles_differ),
		cmocka_unit_test(distribution_known),
		cmocka_unit_test(distribution_narrow_segments),
		cmocka_unit_test(distribution_empty),
		cmocka_unit_test(distribution_contrast),
		cmocka_unit_test(text_contrast),
		cmocka_unit_test(buffer_cap),
		cmocka_unit_test(ids_are_prefixed),
	};
	xmlInitParser();
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
