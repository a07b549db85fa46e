/* test_invite_list.c - the pasted or uploaded list of people to invite:
 * separators, perspective names in both languages and any case, headers,
 * quotes, every kind of problem with its line number, and the limits seen
 * from both sides. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "web/invite_list.h"

static invite_list parse(arena *a, const char *text, int max)
{
	invite_list l;
	invite_list_parse(a, text, strlen(text), max, &l);
	return l;
}

static void test_separators_and_names(void **state)
{
	(void)state;
	arena *a = arena_new();
	invite_list l = parse(a, "an@example.org, student\n"
				 "Bob@Example.ORG;DOCENT\n"
				 "cees@example.org\tBurger/Cliënt\r\n"
				 "\n"
				 "  dirk@example.org ,  Onderzoeker  \n"
				 "eva@example.org;LEIDINGGEVENDE;;\n"
				 "\"fien@example.org\",\"anders\"\n"
				 "gijs@example.org, CLIËNT\n"
				 "hans@example.org, professional\n"
				 "ida@example.org, citizen\n"
				 "jan@example.org, burger / cliënt\n",
				 INVITE_MAX);
	assert_int_equal(l.n_errors, 0);
	assert_int_equal(l.n, 10);
	static const struct {
		const char *email;
		perspective p;
		int line;
	} want[] = {
		{"an@example.org", PERSP_STUDENT, 1},      {"bob@example.org", PERSP_TEACHER, 2},
		{"cees@example.org", PERSP_CITIZEN, 3},    {"dirk@example.org", PERSP_RESEARCHER, 5},
		{"eva@example.org", PERSP_MANAGER, 6},     {"fien@example.org", PERSP_OTHER, 7},
		{"gijs@example.org", PERSP_CITIZEN, 8},    {"hans@example.org", PERSP_PROFESSIONAL, 9},
		{"ida@example.org", PERSP_CITIZEN, 10},    {"jan@example.org", PERSP_CITIZEN, 11},
	};
	for (int i = 0; i < 10; i++) {
		assert_string_equal(l.entries[i].email, want[i].email);
		assert_int_equal(l.entries[i].persp, want[i].p);
		assert_int_equal(l.entries[i].line, want[i].line);
	}
	arena_free(a);
}

static void test_every_perspective_code(void **state)
{
	(void)state;
	for (int p = 0; p < PERSP_COUNT; p++)
		assert_int_equal(invite_perspective(perspective_code((perspective)p)), p);
	assert_int_equal(invite_perspective("Docent"), PERSP_TEACHER);
	assert_int_equal(invite_perspective("TEACHER"), PERSP_TEACHER);
	assert_int_equal(invite_perspective("astronaut"), -1);
	assert_int_equal(invite_perspective(""), -1);
	assert_int_equal(invite_perspective("studentstudentstudentstudentstudent"), -1);
}

static void test_header_bom_and_quotes(void **state)
{
	(void)state;
	arena *a = arena_new();
	invite_list l = parse(a, "\xef\xbb\xbf" "E-mail;Perspectief\r\na@example.org;student\r\n", 10);
	assert_int_equal(l.n_errors, 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.entries[0].line, 2);
	assert_int_equal(l.lines, 1);
	/* only the first line can be a header */
	l = parse(a, "a@example.org;student\nemail;perspective\n", 10);
	assert_int_equal(l.n_errors, 1);
	assert_int_equal(l.errors[0].line, 2);
	assert_int_equal(l.errors[0].problem, INV_BAD_EMAIL);
	arena_free(a);
}

static void test_problems_per_line(void **state)
{
	(void)state;
	arena *a = arena_new();
	invite_list l = parse(a, "good@example.org, student\n"
				 "x@, student\n"
				 "nope@example.org\n"
				 "who@example.org, astronaut\n"
				 "GOOD@example.org, teacher\n"
				 "many@example.org, student, extra\n"
				 "bad\x01text@example.org, student\n"
				 "@example.org, student\n"
				 "a@b, student\n"
				 "zoë@example.org, student\n"
				 "empty@example.org,\n",
				 INVITE_MAX);
	assert_int_equal(l.n, 1);
	static const struct {
		int line;
		invite_problem p;
		const char *text;
	} want[] = {
		{2, INV_BAD_EMAIL, "x@"},
		{3, INV_NO_PERSPECTIVE, "nope@example.org"},
		{4, INV_BAD_PERSPECTIVE, "astronaut"},
		{5, INV_DUPLICATE, "good@example.org"},
		{6, INV_EXTRA_FIELDS, "extra"},
		{7, INV_BAD_TEXT, NULL},
		{8, INV_BAD_EMAIL, "@example.org"},
		{9, INV_BAD_EMAIL, "a@b"},
		{10, INV_BAD_EMAIL, "zoë@example.org"},
		{11, INV_NO_PERSPECTIVE, "empty@example.org"},
	};
	assert_int_equal(l.n_errors, 10);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(l.errors[i].line, want[i].line);
		assert_int_equal(l.errors[i].problem, want[i].p);
		if (want[i].text)
			assert_string_equal(l.errors[i].text, want[i].text);
	}
	assert_int_equal(l.errors[3].other_line, 1);
	invite_list_add_error(a, &l, 1, INV_INVITED, "good@example.org");
	assert_int_equal(l.n_errors, 11);
	assert_int_equal(l.errors[10].problem, INV_INVITED);
	arena_free(a);
}

static void test_line_length(void **state)
{
	(void)state;
	arena *a = arena_new();
	for (int extra = 0; extra <= 1; extra++) {
		buf b;
		buf_init(&b, BUF_NOCAP);
		buf_puts(&b, "a@example.org, student");
		while (b.len < (size_t)INVITE_LINE_MAX + (size_t)extra)
			buf_putc(&b, ' ');
		buf_putc(&b, '\n');
		invite_list l;
		invite_list_parse(a, b.data, b.len, 10, &l);
		assert_int_equal(l.n, extra ? 0 : 1);
		assert_int_equal(l.n_errors, extra);
		if (extra)
			assert_int_equal(l.errors[0].problem, INV_TOO_LONG);
		buf_free(&b);
	}
	arena_free(a);
}

static void test_at_most_max(void **state)
{
	(void)state;
	arena *a = arena_new();
	for (int extra = 0; extra <= 1; extra++) {
		buf b;
		buf_init(&b, BUF_NOCAP);
		for (int i = 0; i < INVITE_MAX + extra; i++)
			buf_printf(&b, "p%d@example.org, student\n\n", i);
		invite_list l;
		invite_list_parse(a, b.data, b.len, INVITE_MAX, &l);
		assert_int_equal(l.too_many, extra == 1);
		assert_int_equal(l.n, INVITE_MAX);
		assert_int_equal(l.n_errors, 0);
		buf_free(&b);
	}
	arena_free(a);
}

static void test_empty_input(void **state)
{
	(void)state;
	arena *a = arena_new();
	invite_list l = parse(a, "", 10);
	assert_int_equal(l.n + l.n_errors + l.lines, 0);
	l = parse(a, "\n \r\n\t\n", 10);
	assert_int_equal(l.n + l.n_errors + l.lines, 0);
	l = parse(a, "e-mail, perspectief\n", 10);
	assert_int_equal(l.n + l.n_errors + l.lines, 0);
	arena_free(a);
}

static void test_email_bounds(void **state)
{
	(void)state;
	char s[300];
	memset(s, 'a', 242);
	memcpy(s + 242, "@example.org", 13);
	assert_true(invite_email_ok(s)); /* 254 */
	memset(s, 'a', 243);
	memcpy(s + 243, "@example.org", 13);
	assert_false(invite_email_ok(s)); /* 255 */
	assert_true(invite_email_ok("a@b.nl"));
	assert_false(invite_email_ok("a@.nl"));
	assert_false(invite_email_ok("a@b.nl."));
	assert_false(invite_email_ok("a b@c.nl"));
	assert_false(invite_email_ok("a@b@c.nl"));
	assert_false(invite_email_ok("<a@b.nl>"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_separators_and_names),
		cmocka_unit_test(test_every_perspective_code),
		cmocka_unit_test(test_header_bom_and_quotes),
		cmocka_unit_test(test_problems_per_line),
		cmocka_unit_test(test_line_length),
		cmocka_unit_test(test_at_most_max),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_email_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
