/* test_form.c - urlencoded bodies (form_parse) and the typed field
 * validators of src/web/request.c, each on both sides of its boundaries. */
#include "testutil.h"

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/util.h"
#include "web/form.h"
#include "web/web.h"

/* ---- form_parse ---- */

static arena *fa;

static int arena_setup(void **state)
{
	(void)state;
	fa = arena_new();
	return 0;
}

static int arena_teardown(void **state)
{
	(void)state;
	arena_free(fa);
	return 0;
}

static bool parse(const char *body, kvlist *l)
{
	memset(l, 0, sizeof *l);
	return form_parse(fa, body, strlen(body), l);
}

static void assert_kv(const kvlist *l, int i, const char *key, const char *val)
{
	assert_true(i < l->n);
	assert_string_equal(l->v[i].key, key);
	assert_string_equal(l->v[i].val, val);
}

static void test_form_basic(void **state)
{
	(void)state;
	kvlist l;
	assert_true(parse("a=1&b=two", &l));
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "a", "1");
	assert_kv(&l, 1, "b", "two");

	assert_true(parse("", &l));
	assert_int_equal(l.n, 0);

	assert_true(parse("a=b=c", &l)); /* only the first = splits */
	assert_int_equal(l.n, 1);
	assert_kv(&l, 0, "a", "b=c");

	assert_true(parse("a=", &l));
	assert_int_equal(l.n, 1);
	assert_kv(&l, 0, "a", "");

	/* raw UTF-8 and other bytes are kept as they are */
	assert_true(parse("naam=Jos\xc3\xa9&x=~!*()", &l));
	assert_kv(&l, 0, "naam", "Jos\xc3\xa9");
	assert_kv(&l, 1, "x", "~!*()");
}

static void test_form_plus_and_escapes(void **state)
{
	(void)state;
	kvlist l;
	assert_true(parse("q=hello+world&a+b=c", &l));
	assert_kv(&l, 0, "q", "hello world");
	assert_kv(&l, 1, "a b", "c");

	assert_true(parse("q=%2B%2b&r=a%20b", &l)); /* an escaped + stays a + */
	assert_kv(&l, 0, "q", "++");
	assert_kv(&l, 1, "r", "a b");

	assert_true(parse("x=%41%62%7e%7E%3d%26", &l)); /* upper and lower case hex */
	assert_kv(&l, 0, "x", "Ab~~=&");

	assert_true(parse("x=%c3%a9%C3%A9", &l));
	assert_kv(&l, 0, "x", "\xc3\xa9\xc3\xa9");

	assert_true(parse("%6B%65%79=v", &l)); /* escapes in the key */
	assert_kv(&l, 0, "key", "v");

	assert_true(parse("x=%0A%0d%FF", &l));
	assert_kv(&l, 0, "x", "\n\r\xff");
}

static void test_form_bad_escapes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"a=%G1", "a=%1G", "a=%g0", "a=%4", "a=%", "a=1%", "a=%%", "a=%%41", "a=% 1",
		"%=1", "%G1=1", "ok=1&a=%4", "a=%4&ok=1", "a=%-1", "a=%+1", "a=%0x",
		"a=%00", "%00=1", "a=x%00y", "a=%00%41",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		kvlist l;
		if (parse(bad[i], &l))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(l.n, 0); /* nothing appended */
	}
	/* a raw NUL byte inside the body */
	kvlist l = {0};
	assert_false(form_parse(fa, "a=b\0c", 5, &l));
	assert_false(form_parse(fa, "a\0=b", 4, &l));
	assert_int_equal(l.n, 0);
}

static void test_form_empty_pairs_and_bare_keys(void **state)
{
	(void)state;
	kvlist l;
	assert_true(parse("&&a=1&&&b=2&", &l));
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "a", "1");
	assert_kv(&l, 1, "b", "2");

	assert_true(parse("&", &l));
	assert_int_equal(l.n, 0);

	assert_true(parse("flag&x=1&other", &l));
	assert_int_equal(l.n, 3);
	assert_kv(&l, 0, "flag", "");
	assert_kv(&l, 1, "x", "1");
	assert_kv(&l, 2, "other", "");
}

static void test_form_repeated_keys_in_order(void **state)
{
	(void)state;
	kvlist l;
	assert_true(parse("c=1&c=2&d=0&c=3", &l));
	assert_int_equal(l.n, 4);
	assert_kv(&l, 0, "c", "1");
	assert_kv(&l, 1, "c", "2");
	assert_kv(&l, 2, "d", "0");
	assert_kv(&l, 3, "c", "3");

	req r = {0};
	r.a = fa;
	r.form = l;
	assert_string_equal(form_get(&r, "c"), "1"); /* the first */
	assert_null(form_get(&r, "e"));
	int n;
	const char **all = form_all(&r, "c", &n);
	assert_int_equal(n, 3);
	assert_string_equal(all[0], "1");
	assert_string_equal(all[1], "2");
	assert_string_equal(all[2], "3");
	form_all(&r, "none", &n);
	assert_int_equal(n, 0);
}

static void test_form_length_and_append(void **state)
{
	(void)state;
	kvlist l = {0};
	/* only len bytes are read */
	assert_true(form_parse(fa, "a=1&b=2", 3, &l));
	assert_int_equal(l.n, 1);
	assert_kv(&l, 0, "a", "1");
	/* a second parse appends to the list */
	assert_true(form_parse(fa, "b=2", 3, &l));
	assert_int_equal(l.n, 2);
	assert_kv(&l, 1, "b", "2");
	/* an escape cut off by the length is malformed, even when the bytes
	 * after it would complete it */
	kvlist cut = {0};
	assert_false(form_parse(fa, "a=%41", 4, &cut));
	assert_false(form_parse(fa, "%41=1", 2, &cut));
	assert_true(form_parse(fa, "a=%41", 5, &cut));
	assert_kv(&cut, 0, "a", "A");
	/* a failing parse leaves the list as it was */
	assert_false(form_parse(fa, "c=3&d=%", 7, &l));
	assert_int_equal(l.n, 2);
}

static char *repeat_fields(int n)
{
	char *body = malloc((size_t)n * 4 + 1);
	char *p = body;
	for (int i = 0; i < n; i++) {
		memcpy(p, i ? "&f=1" : "f=1", i ? 4 : 3);
		p += i ? 4 : 3;
	}
	*p = 0;
	return body;
}

static void test_form_field_limit(void **state)
{
	(void)state;
	kvlist l;
	char *body = repeat_fields(FORM_MAX_FIELDS);
	assert_true(parse(body, &l));
	assert_int_equal(l.n, FORM_MAX_FIELDS);
	free(body);

	body = repeat_fields(FORM_MAX_FIELDS + 1);
	kvlist pre = {0};
	kv_push(fa, &pre, "keep", "me");
	assert_false(form_parse(fa, body, strlen(body), &pre));
	assert_int_equal(pre.n, 1);
	assert_kv(&pre, 0, "keep", "me");
	free(body);

	/* empty pairs do not count as fields */
	size_t len = strlen("f=1") * FORM_MAX_FIELDS + FORM_MAX_FIELDS * 2;
	body = malloc(len + 1);
	char *p = body;
	for (int i = 0; i < FORM_MAX_FIELDS; i++) {
		memcpy(p, "f=1&&", 5);
		p += 5;
	}
	*p = 0;
	assert_true(parse(body, &l));
	assert_int_equal(l.n, FORM_MAX_FIELDS);
	free(body);
}

/* ---- field validators ---- */

static req R;

static int req_setup(void **state)
{
	(void)state;
	memset(&R, 0, sizeof R);
	R.a = arena_new();
	return 0;
}

static int req_teardown(void **state)
{
	(void)state;
	arena_free(R.a);
	return 0;
}

/* A request whose body holds the single field name=value (value NULL: no
 * field at all), in Dutch or English. */
static req *with(const char *name, const char *value, bool english)
{
	arena *a = R.a;
	memset(&R, 0, sizeof R);
	R.a = a;
	R.english = english;
	if (value)
		kv_push(R.a, &R.form, name, arena_strdup(R.a, value));
	return &R;
}

static const char *text_ok(const char *value, size_t max, bool multiline)
{
	const char *v = NULL;
	req *r = with("t", value, false);
	bool ok = multiline ? field_multiline(r, "t", max, true, &v) : field_text(r, "t", max, true, &v);
	if (!ok)
		fail_msg("rejected \"%s\" (max %zu): %s", value, max, field_error_for(r, "t"));
	assert_null(field_error_for(r, "t"));
	assert_int_equal(r->nerrors, 0);
	return v;
}

static void text_bad(const char *value, size_t max, bool multiline)
{
	const char *v = NULL;
	req *r = with("t", value, false);
	bool ok = multiline ? field_multiline(r, "t", max, true, &v) : field_text(r, "t", max, true, &v);
	if (ok)
		fail_msg("accepted \"%s\" (max %zu)", value, max);
	assert_non_null(field_error_for(r, "t"));
	assert_null(field_error_for(r, "other"));
}

static void test_field_text_trim_and_required(void **state)
{
	(void)state;
	assert_string_equal(text_ok("  hello  ", 10, false), "hello");
	assert_string_equal(text_ok("\t\r\n hello world \n", 20, false), "hello world");
	assert_string_equal(text_ok("a\tb", 10, false), "a\tb");

	text_bad("", 10, false);
	text_bad("   ", 10, false);
	text_bad(" \r\n\t ", 10, true);
	text_bad(NULL, 10, false);

	const char *v = "unset";
	req *r = with("t", NULL, false);
	assert_true(field_text(r, "t", 10, false, &v)); /* optional and missing */
	assert_string_equal(v, "");
	r = with("t", "  ", true);
	assert_true(field_text(r, "t", 10, false, &v));
	assert_string_equal(v, "");

	r = with("t", "", false);
	assert_false(field_text(r, "t", 10, true, &v));
	assert_string_equal(field_error_for(r, "t"), "Vul dit veld in.");
	r = with("t", "", true);
	assert_false(field_text(r, "t", 10, true, &v));
	assert_string_equal(field_error_for(r, "t"), "Please fill in this field.");
}

static void test_field_text_max_chars(void **state)
{
	(void)state;
	text_ok("abcde", 5, false);
	text_bad("abcdef", 5, false);
	text_ok("  abcde  ", 5, false); /* white space around does not count */
	/* characters, not bytes */
	text_ok("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5, false);         /* 5 x é, 10 bytes */
	text_bad("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5, false); /* 6 x é */
	text_ok("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 3, false);               /* 3 x €, 9 bytes */
	text_bad("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 3, false);
	text_ok("\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e", 2, false);                   /* 2 x U+1D11E */
	text_bad("\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e", 1, false);
	text_ok("a\r\nb", 4, true);
	text_bad("a\r\nbc", 4, true);

	const char *v;
	req *r = with("t", "abcdef", true);
	assert_false(field_text(r, "t", 5, false, &v));
	assert_string_equal(field_error_for(r, "t"), "At most 5 characters (now 6).");
	r = with("t", "\xc3\xa9\xc3\xa9\xc3\xa9", false);
	assert_false(field_text(r, "t", 2, false, &v));
	assert_string_equal(field_error_for(r, "t"), "Maximaal 2 tekens (nu 3).");
}

static void test_field_text_characters(void **state)
{
	(void)state;
	text_bad("a\nb", 100, false);
	text_bad("a\rb", 100, false);
	assert_string_equal(text_ok("a\nb\r\nc", 100, true), "a\nb\r\nc");
	text_bad("a\x01" "b", 100, false);
	text_bad("a\x01" "b", 100, true);
	text_bad("a\x7f", 100, true);
	text_bad("a\x1b[31m", 100, true);
	text_bad("\xc3", 100, false);         /* truncated UTF-8 */
	text_bad("\xc0\xaf", 100, false);     /* overlong */
	text_bad("\xed\xa0\x80", 100, false); /* surrogate */
	text_bad("a\xc2\x85" "b", 100, true); /* C1 NEL */
	text_ok("caf\xc3\xa9 \xe2\x82\xac 5", 100, false);

	const char *v;
	req *r = with("t", "a\x01", true);
	assert_false(field_multiline(r, "t", 100, false, &v));
	assert_string_equal(field_error_for(r, "t"),
			    "This text contains characters that are not allowed.");
}

static bool int_field(const char *value, int64_t min, int64_t max, int64_t *out)
{
	req *r = with("n", value, true);
	bool ok = field_int(r, "n", min, max, out);
	assert_true(ok == (field_error_for(r, "n") == NULL));
	return ok;
}

static void test_field_int(void **state)
{
	(void)state;
	int64_t v;
	assert_true(int_field("5", 1, 10, &v));
	assert_int_equal(v, 5);
	assert_true(int_field("1", 1, 10, &v));
	assert_int_equal(v, 1);
	assert_true(int_field("10", 1, 10, &v));
	assert_int_equal(v, 10);
	assert_false(int_field("0", 1, 10, &v));
	assert_false(int_field("11", 1, 10, &v));
	assert_true(int_field(" 7 ", 1, 10, &v));
	assert_int_equal(v, 7);
	assert_true(int_field("-5", -5, 5, &v));
	assert_true(v == -5);
	assert_false(int_field("-6", -5, 5, &v));
	assert_false(int_field("", 1, 10, &v));
	assert_false(int_field(NULL, 1, 10, &v));
	assert_false(int_field("7a", 1, 10, &v));
	assert_false(int_field("+7", 1, 10, &v));
	assert_false(int_field("7.0", 1, 10, &v));
	assert_false(int_field("1 0", 1, 100, &v));
	assert_true(int_field("9223372036854775807", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MAX);
	assert_false(int_field("9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(int_field("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MIN);

	req *r = with("n", "11", true);
	assert_false(field_int(r, "n", 1, 10, &v));
	assert_string_equal(field_error_for(r, "n"), "Enter a whole number from 1 to 10.");
	r = with("n", "x", false);
	assert_false(field_int(r, "n", -3, 3, &v));
	assert_string_equal(field_error_for(r, "n"), "Geef een geheel getal van -3 tot en met 3.");
}

static void test_field_date(void **state)
{
	(void)state;
	const char *v = "unset";
	req *r = with("d", "2024-02-29", false);
	assert_true(field_date(r, "d", true, &v));
	assert_string_equal(v, "2024-02-29");
	r = with("d", " 2026-03-01 ", false);
	assert_true(field_date(r, "d", true, &v));
	assert_string_equal(v, "2026-03-01");

	static const char *const bad[] = {
		"2023-02-29", "2024-02-30", "2024-2-29", "29-02-2024", "2024/02/29", "2024-02-29x",
		"2024-13-01", "1899-12-31", "3000-01-01", "yesterday", "2024-02-2\xc3\xa9",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		r = with("d", bad[i], false);
		if (field_date(r, "d", false, &v))
			fail_msg("accepted date \"%s\"", bad[i]);
		assert_non_null(field_error_for(r, "d"));
	}
	r = with("d", "2024-13-01", true);
	assert_false(field_date(r, "d", true, &v));
	assert_string_equal(field_error_for(r, "d"),
			    "Enter a date as YYYY-MM-DD, for example 2026-03-01.");

	/* empty: fine when optional (no date), an error when required */
	v = "unset";
	r = with("d", "", false);
	assert_true(field_date(r, "d", false, &v));
	assert_null(v);
	v = "unset";
	r = with("d", NULL, false);
	assert_true(field_date(r, "d", false, &v));
	assert_null(v);
	r = with("d", "  ", false);
	assert_false(field_date(r, "d", true, &v));
	assert_non_null(field_error_for(r, "d"));
}

static const char *email_ok(const char *value)
{
	const char *v = NULL;
	req *r = with("e", value, false);
	if (!field_email(r, "e", &v))
		fail_msg("rejected e-mail \"%s\"", value);
	assert_int_equal(r->nerrors, 0);
	return v;
}

static void email_bad(const char *value)
{
	const char *v = NULL;
	req *r = with("e", value, false);
	if (field_email(r, "e", &v))
		fail_msg("accepted e-mail \"%s\"", value);
	assert_non_null(field_error_for(r, "e"));
}

static void test_field_email(void **state)
{
	(void)state;
	assert_string_equal(email_ok("Jan.Jansen@Example.NL"), "jan.jansen@example.nl");
	assert_string_equal(email_ok("  a@b.nl  "), "a@b.nl");
	assert_string_equal(email_ok("a@b.co"), "a@b.co");
	assert_string_equal(email_ok("first.last+tag@sub.example.org"), "first.last+tag@sub.example.org");
	assert_string_equal(email_ok("o'brien@example.ie"), "o'brien@example.ie");
	assert_string_equal(email_ok("x_y-z@mail-server.example.com"), "x_y-z@mail-server.example.com");

	static const char *const bad[] = {
		"", "   ", "plain", "@example.nl", "a@", "a@b", "a@.nl", "a@b.", "a@b.nl.",
		"a@@b.nl", "a@b@c.nl", "a b@c.nl", "a@b .nl", "a\t@b.nl", "a<b@c.nl", "a>b@c.nl",
		"a(b)@c.nl", "a[b]@c.nl", "a@b,c.nl", "a;x@c.nl", "a:b@c.nl", "a\\b@c.nl",
		"\"a\"@b.nl", "a@b.nl\nBcc: x@y.nl", "a\x01@b.nl", "\xc3@b.nl",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		email_bad(bad[i]);
	email_bad(NULL);

	/* 254 characters at most */
	char addr[300];
	const char *domain = "@example.nl"; /* 11 */
	memset(addr, 'a', 243);
	snprintf(addr + 243, sizeof addr - 243, "%s", domain);
	assert_int_equal(strlen(addr), 254);
	email_ok(addr);
	memset(addr, 'a', 244);
	snprintf(addr + 244, sizeof addr - 244, "%s", domain);
	email_bad(addr);

	const char *v;
	req *r = with("e", "nope", true);
	assert_false(field_email(r, "e", &v));
	assert_string_equal(field_error_for(r, "e"),
			    "Enter a valid e-mail address, such as name@example.org.");
}

static void test_field_choice(void **state)
{
	(void)state;
	static const char *const roles[] = {"coordinator", "member", NULL};
	int i = -1;
	req *r = with("role", "member", false);
	assert_true(field_choice(r, "role", roles, &i));
	assert_int_equal(i, 1);
	r = with("role", "coordinator", false);
	assert_true(field_choice(r, "role", roles, &i));
	assert_int_equal(i, 0);
	assert_int_equal(r->nerrors, 0);

	static const char *const bad[] = {"Member", " member", "member ", "memb", "memberx", "", "0",
					  "1"};
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		r = with("role", bad[k], false);
		if (field_choice(r, "role", roles, &i))
			fail_msg("accepted choice \"%s\"", bad[k]);
		assert_non_null(field_error_for(r, "role"));
	}
	r = with("role", NULL, true);
	assert_false(field_choice(r, "role", roles, &i));
	assert_string_equal(field_error_for(r, "role"), "Please choose one of the options.");
}

static const char *url_ok(const char *value)
{
	const char *v = NULL;
	req *r = with("u", value, false);
	if (!field_url(r, "u", true, &v))
		fail_msg("rejected url \"%s\"", value);
	assert_int_equal(r->nerrors, 0);
	return v;
}

static void url_bad(const char *value)
{
	const char *v = NULL;
	req *r = with("u", value, false);
	if (field_url(r, "u", false, &v))
		fail_msg("accepted url \"%s\"", value);
	assert_non_null(field_error_for(r, "u"));
}

static void test_field_url(void **state)
{
	(void)state;
	assert_string_equal(url_ok("https://example.org/path?q=1&x=y#top"),
			    "https://example.org/path?q=1&x=y#top");
	assert_string_equal(url_ok("http://example.org"), "http://example.org");
	assert_string_equal(url_ok("  https://x.nl  "), "https://x.nl");

	static const char *const bad[] = {
		"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
		"data:text/html,<script>alert(1)</script>", "data:image/png;base64,AAAA",
		"ftp://example.org", "file:///etc/passwd", "vbscript:msgbox", "mailto:a@b.nl",
		"//example.org", "example.org", "https//x.nl", "https:/x.nl", "http:x.nl",
		"https://exa mple.org", "https://x.nl/\"onmouseover=\"alert(1)",
		"https://x.nl/<script>", "https://x.nl/>", "https://x.nl/\ny", "\x01https://x.nl",
		"https://x.nl/\x7f",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		url_bad(bad[i]);

	/* optional and empty: no URL; required and empty: an error */
	const char *v = "unset";
	req *r = with("u", "", false);
	assert_true(field_url(r, "u", false, &v));
	assert_string_equal(v, "");
	r = with("u", NULL, false);
	assert_false(field_url(r, "u", true, &v));
	assert_non_null(field_error_for(r, "u"));

	/* 2000 characters at most */
	char *long_url = malloc(2002);
	memcpy(long_url, "https://x.nl/", 13);
	memset(long_url + 13, 'a', 2000 - 13);
	long_url[2000] = 0;
	url_ok(long_url);
	long_url[2000] = 'a';
	long_url[2001] = 0;
	url_bad(long_url);
	free(long_url);

	r = with("u", "ftp://x", true);
	assert_false(field_url(r, "u", false, &v));
	assert_string_equal(field_error_for(r, "u"),
			    "Enter a web address starting with https:// or http://.");
}

static void test_field_checkbox(void **state)
{
	(void)state;
	assert_true(field_checkbox(with("c", "on", false), "c"));
	assert_true(field_checkbox(with("c", "1", false), "c"));
	assert_false(field_checkbox(with("c", "", false), "c"));
	req *r = with("c", NULL, false);
	assert_false(field_checkbox(r, "c"));
	assert_int_equal(r->nerrors, 0); /* an unticked box is not an error */
}

static void test_field_errors(void **state)
{
	(void)state;
	req *r = with("x", NULL, false);
	assert_null(field_error_for(r, "a"));
	field_error(r, "a", "first");
	field_error(r, "a", "second"); /* the first message for a field stays */
	assert_string_equal(field_error_for(r, "a"), "first");
	assert_int_equal(r->nerrors, 1);

	/* at most MAX_FIELD_ERRORS are kept, without overflowing */
	static char names[MAX_FIELD_ERRORS + 5][16];
	for (int i = 0; i < MAX_FIELD_ERRORS + 5; i++) {
		snprintf(names[i], sizeof names[i], "f%d", i);
		field_error(r, names[i], "bad");
	}
	assert_int_equal(r->nerrors, MAX_FIELD_ERRORS);
	assert_string_equal(field_error_for(r, "f0"), "bad");
	assert_null(field_error_for(r, names[MAX_FIELD_ERRORS + 4]));

	/* several fields of one form each get their own message */
	r = with("x", NULL, false);
	kv_push(r->a, &r->form, "name", "");
	kv_push(r->a, &r->form, "age", "abc");
	kv_push(r->a, &r->form, "mail", "a@b.nl");
	const char *s;
	int64_t n;
	assert_false(field_text(r, "name", 10, true, &s));
	assert_false(field_int(r, "age", 0, 120, &n));
	assert_true(field_email(r, "mail", &s));
	assert_int_equal(r->nerrors, 2);
	assert_non_null(field_error_for(r, "name"));
	assert_non_null(field_error_for(r, "age"));
	assert_null(field_error_for(r, "mail"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_form_basic, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_form_plus_and_escapes, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_form_bad_escapes, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_form_empty_pairs_and_bare_keys, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_form_repeated_keys_in_order, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_form_length_and_append, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_form_field_limit, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_field_text_trim_and_required, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_text_max_chars, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_text_characters, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_int, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_date, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_email, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_choice, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_url, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_checkbox, req_setup, req_teardown),
		cmocka_unit_test_setup_teardown(test_field_errors, req_setup, req_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
