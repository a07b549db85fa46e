/* test_look.c - the site's accent colour (domain/look.c) and the logo
 * checks (io/logo.c). The contrast ratios were worked out by hand from
 * WCAG 2's formula (and checked with a few lines of Python). */
#include <string.h>

#include "testutil.h"

#include "domain/look.h"
#include "io/logo.h"

static look_rgb hex(const char *s)
{
	look_rgb c = {0, 0, 0};
	assert_true(look_colour_parse(s, &c));
	return c;
}

static void test_parse(void **state)
{
	(void)state;
	look_rgb c;
	assert_true(look_colour_parse("#1D5c63", &c));
	assert_int_equal(c.r, 0x1d);
	assert_int_equal(c.g, 0x5c);
	assert_int_equal(c.b, 0x63);
	char out[8];
	look_colour_format(c, out);
	assert_string_equal(out, "#1d5c63");
	const char *bad[] = {"", "#", "1d5c631", "#1d5c6", "#1d5c633", "#1d5c6g", "red", " #1d5c63", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(look_colour_parse(bad[i], &c));
	assert_false(look_colour_parse(NULL, &c));
}

static void test_contrast(void **state)
{
	(void)state;
	assert_float_equal(look_contrast(hex("#000000"), hex("#ffffff")), 21.0, 1e-9);
	assert_float_equal(look_contrast(hex("#ffffff"), hex("#ffffff")), 1.0, 1e-9);
	assert_float_equal(look_contrast(hex("#777777"), LOOK_WHITE), 4.478, 1e-3);
	assert_float_equal(look_contrast(LOOK_WHITE, hex("#777777")), 4.478, 1e-3); /* symmetric */
	assert_float_equal(look_contrast(hex("#1d5c63"), LOOK_WHITE), 7.600, 1e-3);
}

static void test_accent_on_both_sides_of_the_boundary(void **state)
{
	(void)state;
	double w, bg;
	assert_true(look_accent_ok(hex("#1d5c63"), &w, &bg));
	assert_float_equal(w, 7.600, 1e-3);
	assert_float_equal(bg, 7.006, 1e-3);
	/* #767676: 4.54 with white, but 4.19 on the page background */
	assert_false(look_accent_ok(hex("#767676"), &w, &bg));
	assert_float_equal(w, 4.542, 1e-3);
	assert_float_equal(bg, 4.187, 1e-3);
	assert_false(look_accent_ok(hex("#ffff00"), &w, &bg));
	assert_true(look_accent_ok(hex("#000000"), &w, &bg));
}

static void test_logo_png_header(void **state)
{
	(void)state;
	char d[64];
	int w, h;
	/* a PNG signature, an IHDR of 3000 x 20 (its CRC right) and an empty
	 * IDAT: the header alone decides, nothing is decoded */
	static const unsigned char big[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
					    0, 0, 0x0b, 0xb8, 0, 0, 0, 20, 8, 2, 0, 0, 0, 0x92, 0xae, 0xe7, 0x41,
					    0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xaf, 0x06, 0x1e};
	assert_int_equal(logo_check(LOGO_PNG, big, sizeof big, d, &w, &h), LOGO_PNG_SIZE);
	assert_int_equal(w, 3000);
	assert_int_equal(h, 20);
	/* cut after the IHDR: libpng cannot read on, the file is damaged */
	assert_int_equal(logo_check(LOGO_PNG, big, 33, d, &w, &h), LOGO_BAD_PNG);
	static const unsigned char gif[] = "GIF89a....";
	assert_int_equal(logo_check(LOGO_PNG, gif, sizeof gif - 1, d, &w, &h), LOGO_NOT_PNG);
	assert_int_equal(logo_check(LOGO_PNG, gif, 0, d, &w, &h), LOGO_EMPTY);
}

static void test_logo_svg(void **state)
{
	(void)state;
	char d[64];
	int w, h;
	const struct {
		const char *svg;
		logo_problem want;
		const char *detail;
	} cases[] = {
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\" fill=\"url(#g)\"/></svg>",
		 LOGO_OK, ""},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x()</script></svg>", LOGO_SVG_SCRIPT, "script"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\" onLoad=\"x()\"/>", LOGO_SVG_EVENT, "onLoad"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:x()\"><rect/></a></svg>",
		 LOGO_SVG_EXTERNAL, "href"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:URL( 'http://x/y#z')\"/></svg>",
		 LOGO_SVG_EXTERNAL, "style"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject/></svg>", LOGO_SVG_FOREIGN, "foreignObject"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"><animate attributeName=\"href\"/></svg>", LOGO_SVG_FOREIGN,
		 "animate"},
		{"<!DOCTYPE svg SYSTEM \"http://x/y.dtd\"><svg xmlns=\"http://www.w3.org/2000/svg\"/>", LOGO_SVG_DTD, ""},
		{"<svg><rect/></svg>", LOGO_NOT_SVG, ""}, /* no SVG namespace */
		{"<svg xmlns=\"http://www.w3.org/2000/svg\">", LOGO_NOT_SVG, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *s = cases[i].svg;
		assert_int_equal(logo_kind_of((const unsigned char *)s, strlen(s)), LOGO_SVG);
		assert_int_equal(logo_check(LOGO_SVG, (const unsigned char *)s, strlen(s), d, &w, &h), cases[i].want);
		assert_string_equal(d, cases[i].detail);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_contrast),
		cmocka_unit_test(test_accent_on_both_sides_of_the_boundary),
		cmocka_unit_test(test_logo_png_header),
		cmocka_unit_test(test_logo_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
