/* test_base.c - the arena, the capped buffer, strict integer parsing,
 * UTF-8 validation and dates. */
#include "testutil.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/tally.h"
#include "base/util.h"

/* ---- arena ---- */

static void test_arena_many_small(void **state)
{
	(void)state;
	enum { N = 20000 };
	arena *a = arena_new();
	static unsigned char *p[N];
	static size_t len[N];
	size_t total = 0;
	for (int i = 0; i < N; i++) {
		len[i] = (size_t)(i % 97) + 1;
		p[i] = arena_alloc(a, len[i]);
		assert_non_null(p[i]);
		for (size_t j = 0; j < len[i]; j++)
			assert_int_equal(p[i][j], 0); /* zeroed */
		memset(p[i], i & 0xff, len[i]);
		total += len[i];
	}
	/* no allocation overlaps another: every pattern is intact */
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < len[i]; j++)
			assert_int_equal(p[i][j], i & 0xff);
	size_t used = arena_used(a);
	assert_true(used >= total);
	assert_true(used <= total + (size_t)N * 16);
	arena_free(a);
}

static void test_arena_big_blocks(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* sizes around the chunk size (16 KiB) and half of it, and far above */
	static const size_t sizes[] = {8191, 8192, 8193, 16383, 16384, 16385, 100000, 1u << 20, 3};
	unsigned char *small_before = arena_alloc(a, 10);
	memset(small_before, 0xaa, 10);
	unsigned char *blocks[ARRAY_LEN(sizes)];
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		size_t before = arena_used(a);
		blocks[i] = arena_alloc(a, sizes[i]);
		assert_true(arena_used(a) - before >= sizes[i]);
		assert_int_equal(blocks[i][0], 0);
		assert_int_equal(blocks[i][sizes[i] - 1], 0);
		/* the whole block is ours: AddressSanitizer complains otherwise */
		memset(blocks[i], (int)i + 1, sizes[i]);
		unsigned char *small = arena_alloc(a, 24);
		memset(small, 0x55, 24);
	}
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		assert_int_equal(blocks[i][0], i + 1);
		assert_int_equal(blocks[i][sizes[i] / 2], i + 1);
		assert_int_equal(blocks[i][sizes[i] - 1], i + 1);
	}
	for (int i = 0; i < 10; i++)
		assert_int_equal(small_before[i], 0xaa);
	arena_free(a);
}

static void test_arena_alignment(void **state)
{
	(void)state;
	arena *a = arena_new();
	const size_t align = _Alignof(max_align_t);
	for (size_t n = 0; n < 200; n++) {
		void *p = arena_alloc(a, n % 37 + 1);
		assert_int_equal((uintptr_t)p % align, 0);
	}
	/* after a big block, too */
	assert_int_equal((uintptr_t)arena_alloc(a, 50001) % align, 0);
	assert_int_equal((uintptr_t)arena_alloc(a, 1) % align, 0);
	long double *ld = ARENA_ARRAY(a, long double, 7);
	assert_int_equal((uintptr_t)ld % _Alignof(long double), 0);
	ld[6] = 1.5L;
	arena_free(a);
}

static void test_arena_strings(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(arena_strdup(a, ""), "");
	assert_string_equal(arena_strdup(a, "werkplaats"), "werkplaats");
	assert_string_equal(arena_strndup(a, "werkplaats", 4), "werk");
	assert_string_equal(arena_strndup(a, "abc", 0), "");
	assert_string_equal(arena_printf(a, "%s-%d-%05.1f-%c", "x", -42, 3.14159, 'z'),
			    "x--42-003.1-z");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	assert_string_equal(arena_printf(a, "%lld", (long long)INT64_MIN), "-9223372036854775808");

	/* output longer than a chunk */
	enum { BIG = 40000 };
	char *big = malloc(BIG + 1);
	for (int i = 0; i < BIG; i++)
		big[i] = (char)('a' + i % 26);
	big[BIG] = 0;
	char *p = arena_printf(a, "[%s]", big);
	assert_int_equal(strlen(p), BIG + 2);
	assert_int_equal(p[0], '[');
	assert_memory_equal(p + 1, big, BIG);
	assert_int_equal(p[BIG + 1], ']');
	free(big);
	arena_free(a);
	arena_free(NULL); /* allowed, like free(NULL) */
}

static void huge_alloc(void *arg)
{
	arena *a = arena_new();
	arena_alloc(a, *(size_t *)arg);
}

static void test_arena_too_large_dies(void **state)
{
	(void)state;
	/* Sizes that wrap around when rounded up or when the chunk header is
	 * added must end in die(), not in a short block written past its end.
	 * SIZE_MAX - 46 is the smallest that wraps with the 32-byte header;
	 * smaller ones are plain out-of-memory (an abort, not tested here). */
	static const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 5, SIZE_MAX - 20, SIZE_MAX - 40,
				       SIZE_MAX - 46};
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		char err[4096];
		size_t n = sizes[i];
		int rc = tu_exit_status(huge_alloc, &n, err, sizeof err);
		if (rc != 1 || !strstr(err, "werkplaats: arena allocation too large"))
			fail_msg("arena_alloc(SIZE_MAX - %zu): exit %d, stderr:\n%.600s",
				 SIZE_MAX - n, rc, err);
	}
}

/* ---- buf ---- */

static void test_buf_cap(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 10);
	assert_string_equal(buf_cstr(&b), "");
	assert_true(buf_puts(&b, "hello"));
	assert_true(buf_puts(&b, "world")); /* exactly the cap */
	assert_false(b.toobig);
	assert_int_equal(b.len, 10);

	assert_false(buf_putc(&b, '!')); /* one past the cap */
	assert_true(b.toobig);
	assert_int_equal(b.len, 10);
	assert_string_equal(buf_cstr(&b), "helloworld");

	assert_false(buf_printf(&b, "%d", 7));
	assert_false(buf_append(&b, "xyz", 3));
	assert_string_equal(buf_cstr(&b), "helloworld");
	assert_int_equal(b.len, 10);

	buf_reset(&b);
	assert_false(b.toobig);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_true(buf_printf(&b, "%s=%d", "k", 12345)); /* 7 bytes */
	assert_string_equal(buf_cstr(&b), "k=12345");
	assert_false(buf_printf(&b, "%s", "abcd")); /* would be 11 */
	assert_true(b.toobig);
	assert_string_equal(buf_cstr(&b), "k=12345");
	assert_true(buf_printf(&b, "%s", "abc")); /* 10: fits */
	assert_string_equal(buf_cstr(&b), "k=12345abc");
	buf_free(&b);
}

static void test_buf_single_append_larger_than_cap(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 4);
	assert_false(buf_puts(&b, "12345"));
	assert_true(b.toobig);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);

	buf_init(&b, 0);
	assert_true(buf_append(&b, "", 0));
	assert_false(buf_putc(&b, 'x'));
	buf_free(&b);
}

static void test_buf_growth_and_steal(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	enum { N = 100000 };
	for (int i = 0; i < N; i++)
		assert_true(buf_putc(&b, (char)('0' + i % 10)));
	assert_int_equal(b.len, N);
	const char *s = buf_cstr(&b);
	assert_int_equal(strlen(s), N);
	for (int i = 0; i < N; i++)
		assert_int_equal(s[i], '0' + i % 10);
	char *stolen = buf_steal(&b);
	assert_int_equal(strlen(stolen), N);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	free(stolen);

	/* stealing an empty buffer gives an empty string the caller frees */
	stolen = buf_steal(&b);
	assert_string_equal(stolen, "");
	free(stolen);
	buf_free(&b);
}

static void test_buf_numbers_and_printf_growth(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	assert_true(buf_put_int(&b, 0));
	buf_putc(&b, ' ');
	buf_put_int(&b, -7);
	buf_putc(&b, ' ');
	buf_put_int(&b, 1234567890123LL);
	buf_putc(&b, ' ');
	buf_put_int(&b, LLONG_MIN);
	buf_putc(&b, ' ');
	buf_put_int(&b, LLONG_MAX);
	buf_putc(&b, ' ');
	buf_put_uint(&b, 255, true);
	buf_putc(&b, ' ');
	buf_put_uint(&b, ULLONG_MAX, false);
	buf_putc(&b, ' ');
	buf_put_uint(&b, 0, true);
	assert_string_equal(buf_cstr(&b), "0 -7 1234567890123 -9223372036854775808 "
					  "9223372036854775807 ff 18446744073709551615 0");
	/* printf into a buffer that has room, then one that must grow past
	 * its allocation in the middle of a formatted piece */
	buf_reset(&b);
	char expect[2000] = "";
	for (int i = 0; i < 150; i++) {
		assert_true(buf_printf(&b, "<%d:%s>", i, "abc"));
		size_t l = strlen(expect);
		snprintf(expect + l, sizeof expect - l, "<%d:%s>", i, "abc");
	}
	assert_string_equal(buf_cstr(&b), expect);
	assert_int_equal(b.len, strlen(expect));
	buf_free(&b);
}

/* ---- parse_int64 ---- */

static void test_parse_int64_valid(void **state)
{
	(void)state;
	int64_t v;
	assert_true(parse_int64("0", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 0);
	assert_true(parse_int64("-0", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 0);
	assert_true(parse_int64("123", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 123);
	assert_true(parse_int64("-123", INT64_MIN, INT64_MAX, &v));
	assert_true(v == -123);
	assert_true(parse_int64("007", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 7);
	assert_true(parse_int64("9223372036854775807", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MAX);
	assert_true(parse_int64("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MIN);
}

static void test_parse_int64_bounds(void **state)
{
	(void)state;
	int64_t v;
	assert_false(parse_int64("4", 5, 10, &v));
	assert_true(parse_int64("5", 5, 10, &v));
	assert_int_equal(v, 5);
	assert_true(parse_int64("10", 5, 10, &v));
	assert_int_equal(v, 10);
	assert_false(parse_int64("11", 5, 10, &v));
	assert_true(parse_int64("-5", -5, -1, &v));
	assert_false(parse_int64("-6", -5, -1, &v));
	assert_false(parse_int64("0", -5, -1, &v));
	/* overflow of int64 itself */
	assert_false(parse_int64("9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_false(parse_int64("-9223372036854775809", INT64_MIN, INT64_MAX, &v));
	assert_false(parse_int64("99999999999999999999999", INT64_MIN, INT64_MAX, &v));
}

static void test_parse_int64_junk(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "-", "--1", "+1", " 1", "1 ", "\t1", "1\n", "12a", "a12", "1-", "0x10",
		"1.0", "1e3", "1,000", "١", "--", "- 1", "0-", "\xef\xbc\x91" /* fullwidth 1 */,
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		int64_t v = 77;
		if (parse_int64(bad[i], INT64_MIN, INT64_MAX, &v))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(v, 77); /* untouched on failure */
	}
	int64_t v;
	assert_false(parse_int64(NULL, INT64_MIN, INT64_MAX, &v));
}

/* ---- UTF-8 ---- */

static bool valid(const char *s, bool nl)
{
	return utf8_valid_text(s, strlen(s), nl);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"",
		"abc",
		"h\xc3\xa9llo",         /* é */
		"\xc2\xa0",             /* U+00A0, the first after the C1 range */
		"\xdf\xbf",             /* U+07FF, last 2-byte */
		"\xe0\xa0\x80",         /* U+0800, first 3-byte */
		"\xe2\x82\xac",         /* € */
		"\xed\x9f\xbf",         /* U+D7FF, just below the surrogates */
		"\xee\x80\x80",         /* U+E000, just above */
		"\xef\xbf\xbd",         /* U+FFFD */
		"\xf0\x90\x80\x80",     /* U+10000, first 4-byte */
		"\xf0\x9d\x84\x9e",     /* U+1D11E */
		"\xf4\x8f\xbf\xbf",     /* U+10FFFF, the last code point */
		"tab\there",
		"~ printable ASCII !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}",
	};
	for (size_t i = 0; i < ARRAY_LEN(good); i++) {
		if (!valid(good[i], false) || !valid(good[i], true))
			fail_msg("rejected good string %zu", i);
	}
}

static void test_utf8_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xc0\x80",             /* overlong NUL */
		"\xc0\xaf",             /* overlong '/' */
		"\xc1\xbf",             /* overlong U+007F */
		"\xe0\x80\x80",         /* overlong 3-byte */
		"\xe0\x9f\xbf",         /* overlong U+07FF */
		"\xf0\x80\x80\x80",     /* overlong 4-byte */
		"\xf0\x8f\xbf\xbf",     /* overlong U+FFFF */
		"\xed\xa0\x80",         /* U+D800 surrogate */
		"\xed\xbf\xbf",         /* U+DFFF surrogate */
		"\xed\xa0\x80\xed\xb0\x80", /* surrogate pair in CESU-8 */
		"\xf4\x90\x80\x80",     /* U+110000 */
		"\xf5\x80\x80\x80",
		"\xf8\x88\x80\x80\x80", /* old 5-byte form */
		"\xfe", "\xff",
		"\x80",                 /* lone continuation */
		"a\xbf" "b",
		"\xc2\x80",             /* U+0080, C1 */
		"\xc2\x85",             /* NEL, C1 */
		"\xc2\x9f",             /* U+009F, last C1 */
		"\xc3",                 /* truncated 2-byte */
		"\xe2\x82",             /* truncated 3-byte */
		"\xf0\x9d\x84",         /* truncated 4-byte */
		"\xe2\x82" "A",         /* continuation missing */
		"\xc3" "A",
		"\xf0\x9d\x84" "A",
		"\x01", "\x1b[0m", "\x1f", "\x7f", "\x0b", "\x0c",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		if (valid(bad[i], false) || valid(bad[i], true))
			fail_msg("accepted bad string %zu", i);
	}
	/* NUL inside the given length */
	assert_false(utf8_valid_text("a\0b", 3, true));
	/* a sequence cut off by the length, even though the bytes go on */
	assert_false(utf8_valid_text("\xe2\x82\xac", 2, true));
	/* nothing past the length is looked at */
	assert_true(utf8_valid_text("ab\x01", 2, false));
}

static void test_utf8_newlines(void **state)
{
	(void)state;
	assert_false(valid("a\nb", false));
	assert_false(valid("a\rb", false));
	assert_false(valid("a\r\nb", false));
	assert_true(valid("a\nb", true));
	assert_true(valid("a\rb", true));
	assert_true(valid("a\r\nb\n", true));
	assert_true(valid("a\tb", false));
	assert_true(valid("a\tb", true));
}

/* The one decoder: code points worked out by hand from the bit patterns. */
static void test_utf8_decode(void **state)
{
	(void)state;
	uint32_t cp = 0;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(utf8_decode("\xc3\xab", 2, &cp), 2); /* e with diaeresis */
	assert_int_equal(cp, 0xeb);
	assert_int_equal(utf8_decode("\xe2\x82\xac", 3, &cp), 3); /* euro sign */
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4); /* U+1F600 */
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4); /* the last code point */
	assert_int_equal(cp, 0x10ffff);
	/* a sequence cut by `avail`, though the bytes follow */
	assert_int_equal(utf8_decode("\xe2\x82\xac", 2, &cp), 0);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);             /* stray continuation */
	assert_int_equal(utf8_decode("\xc0\x80", 2, &cp), 0);         /* overlong NUL */
	assert_int_equal(utf8_decode("\xe0\x9f\xbf", 3, &cp), 0);     /* overlong U+07FF */
	assert_int_equal(utf8_decode("\xf0\x8f\xbf\xbf", 4, &cp), 0); /* overlong U+FFFF */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0);     /* surrogate U+D800 */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* U+110000 */
	assert_int_equal(utf8_decode("\xc3" "A", 2, &cp), 0);         /* no continuation */
}

static void test_utf8_length(void **state)
{
	(void)state;
	assert_int_equal(utf8_length(""), 0);
	assert_int_equal(utf8_length("abc"), 3);
	assert_int_equal(utf8_length("h\xc3\xa9llo"), 5);
	assert_int_equal(utf8_length("\xe2\x82\xac" "uro"), 4);
	assert_int_equal(utf8_length("\xf0\x9d\x84\x9e"), 1);
	assert_int_equal(utf8_length("a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"), 4);
}

/* ---- dates ---- */

static int64_t date_days(const char *s)
{
	int64_t d = INT64_MIN;
	if (!parse_date(s, &d))
		fail_msg("rejected date %s", s);
	return d;
}

static void test_date_known(void **state)
{
	(void)state;
	/* worked out by hand and checked with Python's datetime */
	assert_true(date_days("1970-01-01") == 0);
	assert_true(date_days("1970-01-02") == 1);
	assert_true(date_days("1969-12-31") == -1);
	assert_true(date_days("2000-01-01") == 10957);
	assert_true(date_days("2000-02-29") == 11016);
	assert_true(date_days("2000-03-01") == 11017);
	assert_true(date_days("2024-02-29") == 19782);
	assert_true(date_days("2026-03-01") == 20513);
	assert_true(date_days("1900-01-01") == -25567);
	assert_true(date_days("2999-12-31") == 376199);

	char out[11];
	format_date(0, out);
	assert_string_equal(out, "1970-01-01");
	format_date(-1, out);
	assert_string_equal(out, "1969-12-31");
	format_date(11016, out);
	assert_string_equal(out, "2000-02-29");
	format_date(19782, out);
	assert_string_equal(out, "2024-02-29");
	format_date(-25567, out);
	assert_string_equal(out, "1900-01-01");
}

static void test_date_leap_years(void **state)
{
	(void)state;
	int64_t d;
	assert_true(parse_date("2000-02-29", &d));  /* divisible by 400 */
	assert_false(parse_date("1900-02-29", &d)); /* by 100, not by 400 */
	assert_false(parse_date("2100-02-29", &d));
	assert_true(parse_date("2024-02-29", &d));  /* by 4 */
	assert_false(parse_date("2023-02-29", &d));
	assert_true(parse_date("2023-02-28", &d));
	assert_false(parse_date("2024-02-30", &d));
	assert_false(parse_date("2000-02-30", &d));
}

static void test_date_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "2024", "2024-01", "2024-1-01", "2024-01-1", "2024/01/01", "20240101",
		" 2024-01-01", "2024-01-01 ", "2024-01-01T00:00", "2024-13-01", "2024-00-10",
		"2024-01-00", "2024-01-32", "2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31",
		"+024-01-01", "-024-01-01", "2024-0a-01", "2024-01-0a", "abcd-ef-gh",
		"1899-12-31", "3000-01-01", "0000-01-01", "2024-01-01\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		int64_t d = 5;
		if (parse_date(bad[i], &d))
			fail_msg("accepted date \"%s\"", bad[i]);
		assert_int_equal(d, 5);
	}
	int64_t d;
	assert_false(parse_date(NULL, &d));
	/* the edges of the accepted range and of the months */
	assert_true(parse_date("1900-01-01", &d));
	assert_true(parse_date("2999-12-31", &d));
	assert_true(parse_date("2024-04-30", &d));
	assert_true(parse_date("2024-01-31", &d));
	assert_true(parse_date("2024-12-31", &d));
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Walk every day from 1900-01-01 to 2999-12-31 with a plain calendar
 * counter and compare both directions with it. */
static void test_date_every_day(void **state)
{
	(void)state;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = 1900, m = 1, dd = 1;
	int64_t day = -25567;
	char want[32], got[11];
	while (y <= 2999) {
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, dd);
		format_date(day, got);
		if (strcmp(want, got) != 0)
			fail_msg("day %lld: format %s, expected %s", (long long)day, got, want);
		int64_t back;
		if (!parse_date(want, &back) || back != day)
			fail_msg("parse %s: expected %lld", want, (long long)day);
		day++;
		if (++dd > mdays[m - 1] + (m == 2 && is_leap(y))) {
			dd = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_true(day == 376200);
}

/* ---- identical texts counted ---- */

static void test_tally_counts_identical_texts(void **state)
{
	(void)state;
	const char *texts[] = {"b", "a", "c", "a", "b", "a", "B", "a "};
	tally_entry t[ARRAY_LEN(texts)];
	int m = tally_texts(texts, (int)ARRAY_LEN(texts), t);
	assert_int_equal(m, 5);
	/* the most frequent first; equal counts by first occurrence */
	assert_string_equal(t[0].text, "a");
	assert_int_equal(t[0].count, 3);
	assert_int_equal(t[0].first, 1);
	assert_string_equal(t[1].text, "b");
	assert_int_equal(t[1].count, 2);
	assert_int_equal(t[1].first, 0);
	/* byte for byte: case and a trailing space make another text */
	assert_string_equal(t[2].text, "c");
	assert_string_equal(t[3].text, "B");
	assert_string_equal(t[4].text, "a ");
	for (int i = 2; i < 5; i++)
		assert_int_equal(t[i].count, 1);
	assert_ptr_equal(t[0].text, texts[1]);
}

static void test_tally_edges(void **state)
{
	(void)state;
	tally_entry t[3];
	assert_int_equal(tally_texts(NULL, 0, t), 0);
	const char *one[] = {"x"};
	assert_int_equal(tally_texts(one, 1, t), 1);
	assert_int_equal(t[0].count, 1);
	const char *same[] = {"x", "x", "x"};
	assert_int_equal(tally_texts(same, 3, t), 1);
	assert_int_equal(t[0].count, 3);
	assert_int_equal(t[0].first, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_many_small),
		cmocka_unit_test(test_arena_big_blocks),
		cmocka_unit_test(test_arena_alignment),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_arena_too_large_dies),
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_buf_single_append_larger_than_cap),
		cmocka_unit_test(test_buf_growth_and_steal),
		cmocka_unit_test(test_buf_numbers_and_printf_growth),
		cmocka_unit_test(test_parse_int64_valid),
		cmocka_unit_test(test_parse_int64_bounds),
		cmocka_unit_test(test_parse_int64_junk),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_newlines),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_utf8_length),
		cmocka_unit_test(test_date_known),
		cmocka_unit_test(test_date_leap_years),
		cmocka_unit_test(test_date_rejects),
		cmocka_unit_test(test_date_every_day),
		cmocka_unit_test(test_tally_counts_identical_texts),
		cmocka_unit_test(test_tally_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
