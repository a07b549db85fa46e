/* test_multipart.c - multipart/form-data bodies: fields, files, the
 * boundary in its forms, and every way a body can be malformed (nothing
 * appended then). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "web/form.h"

#define CT "multipart/form-data; boundary=XyZ"

static const char *get(const kvlist *l, const char *key)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

static bool parse(arena *a, const char *ct, const char *body, size_t len, kvlist *out)
{
	memset(out, 0, sizeof *out);
	return form_parse_multipart(a, ct, body, len, out);
}

static bool parse_s(arena *a, const char *ct, const char *body, kvlist *out)
{
	return parse(a, ct, body, strlen(body), out);
}

static void test_fields_and_file(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	const char *body = "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			   "abc\r\n"
			   "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"addresses\"\r\n\r\n"
			   "a@example.org, student\r\nb@example.org; docent\r\n"
			   "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"file\"; filename=\"lijst.csv\"\r\n"
			   "Content-Type: text/csv\r\n\r\n"
			   "c@example.org;anders\r\nx--XyZ is not a delimiter here\r\n"
			   "--XyZ--\r\n";
	assert_true(parse_s(a, CT, body, &l));
	assert_string_equal(get(&l, "csrf"), "abc");
	assert_string_equal(get(&l, "addresses"), "a@example.org, student\r\nb@example.org; docent");
	assert_string_equal(get(&l, "file"), "c@example.org;anders\r\nx--XyZ is not a delimiter here");
	assert_string_equal(get(&l, "file.filename"), "lijst.csv");
	assert_null(get(&l, "file.binary"));
	assert_int_equal(l.n, 4);
	arena_free(a);
}

static void test_empty_values_and_empty_file(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	const char *body = "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n"
			   "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
			   "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--";
	assert_true(parse_s(a, CT, body, &l));
	assert_string_equal(get(&l, "x"), "");
	assert_string_equal(get(&l, "file"), "");
	assert_string_equal(get(&l, "file.filename"), "");
	arena_free(a);
}

static void test_binary_file(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	static const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
				   "filename=\"x.xlsx\"\r\n\r\nPK\x03\x04\0\0binary\r\n--XyZ--\r\n";
	assert_true(parse(a, CT, body, sizeof body - 1, &l));
	assert_string_equal(get(&l, "file"), "");
	assert_string_equal(get(&l, "file.binary"), "1");
	assert_string_equal(get(&l, "file.base64"), "UEsDBAAAYmluYXJ5"); /* "PK\3\4\0\0binary" */
	/* a NUL in an ordinary field is malformed */
	static const char bad[] = "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na\0b\r\n--XyZ--";
	assert_false(parse(a, CT, bad, sizeof bad - 1, &l));
	assert_int_equal(l.n, 0);
	arena_free(a);
}

static void test_boundary_forms(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	const char *body = "--a'b()+_,-./:=?\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n"
			   "--a'b()+_,-./:=?--\r\n";
	assert_true(parse_s(a, "multipart/form-data; boundary=\"a'b()+_,-./:=?\"", body, &l));
	assert_string_equal(get(&l, "k"), "v");
	assert_true(parse_s(a, "Multipart/Form-Data; charset=utf-8; BOUNDARY=XyZ",
			    "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--XyZ--", &l));
	/* a preamble before the first delimiter, transport padding after it */
	assert_true(parse_s(a, CT, "preamble\r\n--XyZ  \r\nContent-Disposition: form-data; name=\"p\"\r\n\r\n"
				   "1\r\n--XyZ--\r\nepilogue", &l));
	assert_string_equal(get(&l, "p"), "1");
	/* 70 characters is the longest boundary; 71 is refused */
	char ct[128], b70[72], bodyb[256];
	memset(b70, 'b', 70);
	b70[70] = 0;
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b70);
	snprintf(bodyb, sizeof bodyb, "--%s\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--%s--",
		 b70, b70);
	assert_true(parse_s(a, ct, bodyb, &l));
	b70[70] = 'b';
	b70[71] = 0;
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b70);
	snprintf(bodyb, sizeof bodyb, "--%s\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--%s--",
		 b70, b70);
	assert_false(parse_s(a, ct, bodyb, &l));
	arena_free(a);
}

static void test_malformed(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	static const struct {
		const char *ct, *body;
	} cases[] = {
		{"multipart/form-data", "--XyZ--"},                       /* no boundary */
		{"multipart/form-data; boundary=", "----"},               /* empty boundary */
		{"multipart/form-data; boundary=\"XyZ", "--XyZ--"},       /* unclosed quote */
		{"text/plain; boundary=XyZ", "--XyZ--"},                  /* not multipart */
		{CT, ""},                                                  /* empty body */
		{CT, "no delimiter at all"},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv"}, /* not closed */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--XyZ"},
		{CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--"},   /* no name */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--XyZ--"},
		{CT, "--XyZ\r\nContent-Disposition: attachment; name=\"k\"\r\n\r\nv\r\n--XyZ--"},
		{CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--"}, /* no disposition */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\nv\r\n--XyZ--"}, /* no blank line */
		{CT, "--XyZjunk\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--XyZ--"},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--XyZ\nX"},
		/* a delimiter must be followed by a line end or "--" */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--XyZ x\r\n--XyZ--"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (parse_s(a, cases[i].ct, cases[i].body, &l))
			fail_msg("case %zu parsed: %s", i, cases[i].body);
		assert_int_equal(l.n, 0);
	}
	arena_free(a);
}

static void test_header_limits(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	buf b;
	/* a header line of MULTIPART_HEADER_MAX bytes passes, one more fails */
	for (int extra = 0; extra <= 1; extra++) {
		buf_init(&b, BUF_NOCAP);
		buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\nX-Pad: ");
		for (int i = 0; i < MULTIPART_HEADER_MAX - 7 + extra; i++)
			buf_putc(&b, 'p');
		buf_puts(&b, "\r\n\r\nv\r\n--XyZ--");
		assert_int_equal(parse(a, CT, b.data, b.len, &l), extra == 0);
		buf_free(&b);
	}
	/* MULTIPART_HEADERS_MAX header lines pass, one more fails */
	for (int extra = 0; extra <= 1; extra++) {
		buf_init(&b, BUF_NOCAP);
		buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n");
		for (int i = 1; i < MULTIPART_HEADERS_MAX + extra; i++)
			buf_puts(&b, "X-Pad: p\r\n");
		buf_puts(&b, "\r\nv\r\n--XyZ--");
		assert_int_equal(parse(a, CT, b.data, b.len, &l), extra == 0);
		buf_free(&b);
	}
	arena_free(a);
}

static void test_field_cap(void **state)
{
	(void)state;
	arena *a = arena_new();
	kvlist l;
	buf b;
	for (int extra = 0; extra <= 1; extra++) {
		buf_init(&b, BUF_NOCAP);
		for (int i = 0; i < FORM_MAX_FIELDS + extra; i++)
			buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
		buf_puts(&b, "--XyZ--");
		assert_int_equal(parse(a, CT, b.data, b.len, &l), extra == 0);
		assert_int_equal(l.n, extra ? 0 : FORM_MAX_FIELDS);
		buf_free(&b);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_file),
		cmocka_unit_test(test_empty_values_and_empty_file),
		cmocka_unit_test(test_binary_file),
		cmocka_unit_test(test_boundary_forms),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_header_limits),
		cmocka_unit_test(test_field_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
