/* test_html.c - the escaping HTML writer. */
#include "testutil.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/buf.h"
#include "base/util.h"
#include "web/html.h"

static buf out;

static int setup(void **state)
{
	(void)state;
	buf_init(&out, BUF_NOCAP);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_free(&out);
	return 0;
}

/* The text written so far, and start again. */
static const char *take(void)
{
	static char last[4096];
	snprintf(last, sizeof last, "%s", buf_cstr(&out));
	buf_reset(&out);
	return last;
}

static void test_escapes_strings(void **state)
{
	(void)state;
	html(&out, "%s", "a&b<c>d\"e'f");
	assert_string_equal(take(), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	html(&out, "%s", "<script>alert('x')</script>");
	assert_string_equal(take(), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	/* an entity in the argument is text, so its & is escaped again */
	html(&out, "%s", "&amp;");
	assert_string_equal(take(), "&amp;amp;");
	html(&out, "%s%s", "", "plain");
	assert_string_equal(take(), "plain");
	/* UTF-8 passes through unchanged */
	html(&out, "%s", "caf\xc3\xa9 \xe2\x82\xac");
	assert_string_equal(take(), "caf\xc3\xa9 \xe2\x82\xac");
	/* every special character at the start, in the middle, at the end */
	html(&out, "%s|%s|%s", "<x", "a\"b", "x'");
	assert_string_equal(take(), "&lt;x|a&quot;b|x&#39;");
}

/* A page is valid UTF-8 whatever the input: well-formed sequences of every
 * length pass, anything else becomes U+FFFD (one for each stray byte), and
 * never takes the character after it along. */
static void test_invalid_utf8_becomes_replacement(void **state)
{
	(void)state;
#define FFFD "\xef\xbf\xbd"
	/* the longest and the boundaries that are still well-formed */
	html(&out, "%s", "\xc2\x80|\xdf\xbf|\xe0\xa0\x80|\xed\x9f\xbf|\xee\x80\x80|\xf0\x90\x80\x80|\xf4\x8f\xbf\xbf");
	assert_string_equal(take(), "\xc2\x80|\xdf\xbf|\xe0\xa0\x80|\xed\x9f\xbf|\xee\x80\x80|\xf0\x90\x80\x80|\xf4\x8f\xbf\xbf");
	/* just past them: overlong, surrogate, above U+10FFFF, stray bytes */
	html(&out, "%s", "\xc1\xbf|\xe0\x9f\xbf|\xed\xa0\x80|\xf4\x90\x80\x80|\x80|\xff\xfe");
	assert_string_equal(take(), FFFD FFFD "|" FFFD FFFD FFFD "|" FFFD FFFD FFFD "|" FFFD FFFD FFFD FFFD "|" FFFD
					  "|" FFFD FFFD);
	/* a lead byte does not swallow the quote or '<' after it */
	html(&out, "<input value=\"%s\">", "\xc0\"><script>");
	assert_string_equal(take(), "<input value=\"" FFFD "&quot;&gt;&lt;script&gt;\">");
	html(&out, "%s", "\xe2\x82<b>");
	assert_string_equal(take(), FFFD FFFD "&lt;b&gt;");
	/* a precision that cuts a character leaves no half of it */
	html(&out, "%.4s|%.3s", "caf\xc3\xa9", "caf\xc3\xa9");
	assert_string_equal(take(), "caf" FFFD "|caf");
	html(&out, "%c", '\xc3');
	assert_string_equal(take(), FFFD);
#undef FFFD
}

static void test_escapes_chars(void **state)
{
	(void)state;
	html(&out, "%c%c%c%c%c", '&', '<', '>', '"', '\'');
	assert_string_equal(take(), "&amp;&lt;&gt;&quot;&#39;");
	html(&out, "[%c]", 'x');
	assert_string_equal(take(), "[x]");
}

static void test_literal_format_alone(void **state)
{
	(void)state;
	html(&out, "<a href=\"/x?a=1&b=2\" title='t'>%s</a>", "<b>");
	assert_string_equal(take(), "<a href=\"/x?a=1&b=2\" title='t'>&lt;b&gt;</a>");
	html(&out, "<p>100%% &amp; more</p>");
	assert_string_equal(take(), "<p>100% &amp; more</p>");
	html(&out, "no conversions <br>");
	assert_string_equal(take(), "no conversions <br>");
	/* a % inside an argument is text, not a conversion */
	html(&out, "%s", "%s%d%n");
	assert_string_equal(take(), "%s%d%n");
}

static void test_integers(void **state)
{
	(void)state;
	html(&out, "%d %d %d %i", 0, -42, INT_MIN, INT_MAX);
	assert_string_equal(take(), "0 -42 -2147483648 2147483647");
	html(&out, "%u %u", 0u, UINT_MAX);
	assert_string_equal(take(), "0 4294967295");
	html(&out, "%ld %lu", LONG_MIN, ULONG_MAX);
	assert_string_equal(take(), "-9223372036854775808 18446744073709551615");
	html(&out, "%lld %lld %llu", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
	assert_string_equal(take(), "-9223372036854775808 9223372036854775807 18446744073709551615");
	html(&out, "%zu %zu", (size_t)0, SIZE_MAX);
	assert_string_equal(take(), "0 18446744073709551615");
	html(&out, "%zd", (ssize_t)-5);
	assert_string_equal(take(), "-5");
	html(&out, "%x %x %x %lx %llx", 0u, 255u, 0xdeadbeefu, 0x1234abcdUL, 0xffffffffffffffffULL);
	assert_string_equal(take(), "0 ff deadbeef 1234abcd ffffffffffffffff");
	html(&out, "<svg width=\"%d\" height=\"%zu\">", 640, (size_t)480);
	assert_string_equal(take(), "<svg width=\"640\" height=\"480\">");
}

static void test_doubles(void **state)
{
	(void)state;
	html(&out, "%.1f %.2f", 3.14159, 3.14159);
	assert_string_equal(take(), "3.1 3.14");
	html(&out, "%.1f %.2f %.0f", -0.76, 2.999, 41.7);
	assert_string_equal(take(), "-0.8 3.00 42");
	html(&out, "%f", 1.5);
	assert_string_equal(take(), "1.500000");
	html(&out, "%.3f", 1e6);
	assert_string_equal(take(), "1000000.000");
	html(&out, "<circle cx=\"%.1f\" cy=\"%.1f\"/>", 10.04, 99.96);
	assert_string_equal(take(), "<circle cx=\"10.0\" cy=\"100.0\"/>");
}

static void test_non_finite(void **state)
{
	(void)state;
	html(&out, "%.1f|%.1f|%.1f", (double)NAN, (double)INFINITY, -(double)INFINITY);
	assert_string_equal(take(), "0.0|0.0|0.0");
	html(&out, "%f", (double)NAN);
	assert_string_equal(take(), "0.000000");
	html(&out, "%.0f|%.2f", (double)INFINITY, (double)NAN);
	assert_string_equal(take(), "0|0.00");
	/* the numbers around a non-finite one are not disturbed */
	html(&out, "%d %.1f %d", 1, (double)NAN, 2);
	assert_string_equal(take(), "1 0.0 2");
}

static void test_unescaped(void **state)
{
	(void)state;
	html_unescaped(&out, "<b>&amp;\"'</b>", strlen("<b>&amp;\"'</b>"));
	assert_string_equal(take(), "<b>&amp;\"'</b>");
	html_unescaped(&out, "<i>xyz", 3);
	assert_string_equal(take(), "<i>");
	html(&out, "<p>");
	html_unescaped(&out, "<svg/>", 6);
	html(&out, "%s</p>", "<");
	assert_string_equal(take(), "<p><svg/>&lt;</p>");
	html_escape(&out, "a<'b'>");
	assert_string_equal(take(), "a&lt;&#39;b&#39;&gt;");
}

static void width_conversion(void *arg)
{
	(void)arg;
	buf b;
	buf_init(&b, BUF_NOCAP);
	html(&b, "%5d", 3);
}

static void pointer_conversion(void *arg)
{
	buf b;
	buf_init(&b, BUF_NOCAP);
	html(&b, "%p", arg);
}

static void test_unsupported_conversion_aborts(void **state)
{
	(void)state;
	/* silently printing something else would hide the mistake */
	assert_true(tu_aborts(width_conversion, NULL));
	assert_true(tu_aborts(pointer_conversion, &out));
}

/* ---- property: no argument byte ever becomes markup ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned next_random(void)
{
	/* xorshift64*: reproducible, no libc state */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned)((rng * 0x2545f4914f6cdd1dULL) >> 32);
}

/* Undo the five entities; false when the text holds a raw special
 * character or an & that starts none of them. */
static bool unescape(const char *s, size_t n, char *outp)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		if (c == '<' || c == '>' || c == '"' || c == '\'')
			return false;
		if (c != '&') {
			*outp++ = c;
			i++;
			continue;
		}
		size_t k;
		for (k = 0; k < ARRAY_LEN(ents); k++) {
			size_t el = strlen(ents[k].ent);
			if (n - i >= el && memcmp(s + i, ents[k].ent, el) == 0) {
				*outp++ = ents[k].c;
				i += el;
				break;
			}
		}
		if (k == ARRAY_LEN(ents))
			return false;
	}
	*outp = 0;
	return true;
}

/* What the writer must make of arbitrary bytes, from the table of
 * well-formed byte sequences in the Unicode standard (3.9, table 3-7):
 * such sequences as they are, every other byte U+FFFD. */
static void well_formed(const char *s, char *outp)
{
	static const struct {
		unsigned char lo, hi, lo2, hi2;
		int len;
	} seq[] = {{0xc2, 0xdf, 0x80, 0xbf, 2}, {0xe0, 0xe0, 0xa0, 0xbf, 3}, {0xe1, 0xec, 0x80, 0xbf, 3},
		   {0xed, 0xed, 0x80, 0x9f, 3}, {0xee, 0xef, 0x80, 0xbf, 3}, {0xf0, 0xf0, 0x90, 0xbf, 4},
		   {0xf1, 0xf3, 0x80, 0xbf, 4}, {0xf4, 0xf4, 0x80, 0x8f, 4}};
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int len = *p < 0x80;
		for (size_t k = 0; !len && k < ARRAY_LEN(seq); k++) {
			if (p[0] < seq[k].lo || p[0] > seq[k].hi || p[1] < seq[k].lo2 || p[1] > seq[k].hi2)
				continue;
			int i = 2;
			while (i < seq[k].len && p[i] >= 0x80 && p[i] <= 0xbf)
				i++;
			len = i == seq[k].len ? i : 0;
		}
		if (len) {
			memcpy(outp, p, (size_t)len);
			outp += len;
			p += len;
		} else {
			memcpy(outp, "\xef\xbf\xbd", 3);
			outp += 3;
			p++;
		}
	}
	*outp = 0;
}

static void test_random_arguments_never_become_markup(void **state)
{
	(void)state;
	static const char special[] = "&<>\"'";
	static const char prefix[] = "<p title=\"";
	static const char middle[] = "\">";
	static const char suffix[] = "</p>";
	char arg[257], decoded[3 * 257], want[3 * 257];
	for (int round = 0; round < 20000; round++) {
		size_t n = next_random() % 256;
		for (size_t i = 0; i < n; i++) {
			unsigned r = next_random();
			/* half the bytes from the special set, the rest any non-NUL byte */
			arg[i] = (r & 1) ? special[(r >> 1) % 5] : (char)((r >> 1) % 255 + 1);
		}
		arg[n] = 0;
		html(&out, "<p title=\"%s\">%s</p>", arg, arg);
		const char *s = buf_cstr(&out);
		size_t len = out.len;
		size_t pl = strlen(prefix), ml = strlen(middle), sl = strlen(suffix);
		assert_true(len >= pl + ml + sl);
		assert_memory_equal(s, prefix, pl);
		assert_memory_equal(s + len - sl, suffix, sl);
		/* both copies of the argument are equal and sit between the literals */
		size_t each = (len - pl - ml - sl) / 2;
		assert_int_equal(pl + each + ml + each + sl, len);
		assert_memory_equal(s + pl + each, middle, ml);
		assert_memory_equal(s + pl, s + pl + each + ml, each);
		if (!unescape(s + pl, each, decoded))
			fail_msg("round %d: raw special character in the escaped argument", round);
		well_formed(arg, want);
		assert_string_equal(decoded, want);
		buf_reset(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escapes_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8_becomes_replacement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escapes_chars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_literal_format_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_integers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doubles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_non_finite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unescaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsupported_conversion_aborts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_arguments_never_become_markup, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
