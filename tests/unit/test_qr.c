/* test_qr.c - the QR code as SVG: well-formed (parsed with libxml2), the
 * viewBox of the version a text needs (worked out from the capacity table
 * of ISO/IEC 18004 for level M in 8-bit mode: version 1 holds 14 bytes,
 * 2 holds 26, 3 holds 42, 4 holds 62), the quiet zone, the path drawing
 * exactly the dark modules, escaping of the label, and refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "web/qr.h"

static char *svg_of(const char *text, const char *label)
{
	buf b;
	buf_init(&b, BUF_NOCAP);
	assert_true(qr_svg(&b, text, label));
	return buf_steal(&b);
}

static xmlDocPtr parse(const char *svg)
{
	xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "qr.svg", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	assert_non_null(v);
	char *s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

static int count_children(xmlNodePtr n, const char *name)
{
	int k = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			k++;
	return k;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	fail_msg("no <%s>", name);
	return NULL;
}

/* The width (in modules, with the quiet zone) the SVG's viewBox gives. */
static int viewbox_size(const char *text)
{
	char *svg = svg_of(text, "qr");
	xmlDocPtr doc = parse(svg);
	char *vb = attr(xmlDocGetRootElement(doc), "viewBox");
	int x, y, w, h;
	assert_int_equal(sscanf(vb, "%d %d %d %d", &x, &y, &w, &h), 4);
	assert_int_equal(x, 0);
	assert_int_equal(y, 0);
	assert_int_equal(w, h);
	free(vb);
	xmlFreeDoc(doc);
	free(svg);
	return w;
}

static char *letters(size_t n)
{
	char *s = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[n] = 0;
	return s;
}

static void test_well_formed(void **state)
{
	(void)state;
	char *svg = svg_of("https://werkplaats.example.org/r/AbCdEfGhIjKlMnOpQrStUv", "QR-code");
	xmlDocPtr doc = parse(svg);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_string_equal((const char *)root->name, "svg");
	char *v = attr(root, "shape-rendering");
	assert_string_equal(v, "crispEdges");
	free(v);
	v = attr(root, "role");
	assert_string_equal(v, "img");
	free(v);
	v = attr(root, "aria-label");
	assert_string_equal(v, "QR-code");
	free(v);
	v = attr(root, "class");
	assert_string_equal(v, "qr");
	free(v);
	assert_int_equal(count_children(root, "path"), 1);
	assert_int_equal(count_children(root, "title"), 1);
	assert_int_equal(count_children(root, "rect"), 1);
	xmlChar *t = xmlNodeGetContent(child(root, "title"));
	assert_string_equal((const char *)t, "QR-code");
	xmlFree(t);
	xmlFreeDoc(doc);
	free(svg);
}

/* Both sides of each version boundary of level M in 8-bit mode. */
static void test_viewbox_per_version(void **state)
{
	(void)state;
	static const struct {
		size_t len;
		int version;
	} cases[] = {{1, 1}, {14, 1}, {15, 2}, {26, 2}, {27, 3}, {42, 3}, {43, 4}, {62, 4}, {63, 5}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = letters(cases[i].len);
		assert_int_equal(viewbox_size(s), 17 + 4 * cases[i].version + 2 * QR_QUIET);
		free(s);
	}
}

/* Draw the path into a grid and compare with the code libqrencode makes:
 * every dark module exactly once, nothing in the quiet zone. */
static void test_path_draws_the_modules(void **state)
{
	(void)state;
	const char *text = "https://werkplaats.example.org/r/0123456789abcdefghijkl";
	char *svg = svg_of(text, "qr");
	xmlDocPtr doc = parse(svg);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *d = attr(child(root, "path"), "d");
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	int w = q->width, size = w + 2 * QR_QUIET;
	assert_int_equal(viewbox_size(text), size);
	int *grid = calloc((size_t)size * (size_t)size, sizeof(int));
	const char *p = d;
	int runs = 0;
	while (*p) {
		int x, y, n, m, used;
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &m, &used), 4);
		assert_int_equal(n, m);
		assert_true(n >= 1);
		assert_true(x >= QR_QUIET && y >= QR_QUIET && y < QR_QUIET + w && x + n <= QR_QUIET + w);
		for (int k = 0; k < n; k++)
			grid[y * size + x + k]++;
		p += used;
		runs++;
	}
	assert_true(runs > 0);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			assert_int_equal(grid[(y + QR_QUIET) * size + x + QR_QUIET], q->data[y * w + x] & 1);
	free(grid);
	QRcode_free(q);
	free(d);
	xmlFreeDoc(doc);
	free(svg);
}

static void test_label_is_escaped(void **state)
{
	(void)state;
	const char *label = "<script>\"'&</script>";
	char *svg = svg_of("abc", label);
	assert_null(strstr(svg, "<script>"));
	xmlDocPtr doc = parse(svg);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *v = attr(root, "aria-label");
	assert_string_equal(v, label);
	free(v);
	xmlChar *t = xmlNodeGetContent(child(root, "title"));
	assert_string_equal((const char *)t, label);
	xmlFree(t);
	xmlFreeDoc(doc);
	free(svg);
}

static void test_refusals_leave_nothing(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	buf_puts(&b, "before");
	assert_false(qr_svg(&b, "", "qr"));
	assert_false(qr_svg(&b, NULL, "qr"));
	/* 8-bit capacity of version 40-M is 2331 bytes: one more cannot be encoded */
	char *big = letters(2332);
	assert_false(qr_svg(&b, big, "qr"));
	assert_string_equal(buf_cstr(&b), "before");
	char *fits = letters(2331);
	assert_true(qr_svg(&b, fits, "qr"));
	free(big);
	free(fits);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_well_formed),
		cmocka_unit_test(test_viewbox_per_version),
		cmocka_unit_test(test_path_draws_the_modules),
		cmocka_unit_test(test_label_is_escaped),
		cmocka_unit_test(test_refusals_leave_nothing),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
