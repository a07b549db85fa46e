/* test_paper.c - reading the digits of a paper form and comparing two
 * typings (src/domain/paper.h); the form's statement order against the
 * shipped instrument. Expected values worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/paper.h"

static void digits_are_read_in_order(void **state)
{
	(void)state;
	int v[6];
	paper_read r = paper_parse("12 0.\n5-", 6, v);
	assert_int_equal(r.status, PAPER_OK);
	assert_int_equal(r.count, 6);
	int want[6] = {1, 2, PAPER_DONT_KNOW, PAPER_BLANK, 5, PAPER_BLANK};
	assert_memory_equal(v, want, sizeof want);
}

static void too_few_and_too_many_are_counted(void **state)
{
	(void)state;
	int v[4];
	paper_read r = paper_parse("123", 4, v);
	assert_int_equal(r.status, PAPER_TOO_FEW);
	assert_int_equal(r.count, 3);
	r = paper_parse("1234 5", 4, v);
	assert_int_equal(r.status, PAPER_TOO_MANY);
	assert_int_equal(r.count, 5);
	r = paper_parse("", 0, NULL);
	assert_int_equal(r.status, PAPER_OK);
	r = paper_parse("   ", 1, NULL);
	assert_int_equal(r.status, PAPER_TOO_FEW);
}

/* 6 and 9 are not on the scale, nor is a letter: the box number where it
 * stands is reported, counting only answers (spaces are skipped). */
static void other_characters_are_refused_where_they_stand(void **state)
{
	(void)state;
	int v[8];
	paper_read r = paper_parse("12 6", 3, v);
	assert_int_equal(r.status, PAPER_BAD_CHAR);
	assert_int_equal(r.bad_number, 3);
	assert_int_equal(r.bad_at, 3);
	r = paper_parse("x", 1, v);
	assert_int_equal(r.bad_number, 1);
	r = paper_parse("1111111\xc3\xab", 8, v); /* ë */
	assert_int_equal(r.status, PAPER_BAD_CHAR);
	assert_int_equal(r.bad_number, 8);
}

static void differences_are_listed_by_box_number(void **state)
{
	(void)state;
	int a[5] = {1, 2, 3, 4, 5}, b[5] = {1, 3, 3, 4, PAPER_BLANK}, diff[1];
	int d[5];
	assert_int_equal(paper_compare(a, a, 5, d, 5), 0);
	assert_int_equal(paper_compare(a, b, 5, d, 5), 2);
	assert_int_equal(d[0], 2);
	assert_int_equal(d[1], 5);
	/* more than fit: all are counted, the first kept */
	assert_int_equal(paper_compare(a, b, 5, diff, 1), 2);
	assert_int_equal(diff[0], 2);
}

static instrument *shipped(void)
{
	FILE *f = fopen("instrument/los-pw.json", "rb");
	assert_non_null(f);
	static char text[400000];
	size_t n = fread(text, 1, sizeof text, f);
	fclose(f);
	instrument *in = instrument_parse(text, n, NULL);
	assert_non_null(in);
	return in;
}

/* The counts per role, from the file by hand: 51 statements; LOS6 for
 * students only; LOS7, VOR5, VMM3 not for students, citizens, "other";
 * LEA2 not for citizens, managers, "other"; PRO1, CUR1, CUR2 not for
 * citizens and "other". */
static void the_form_asks_what_the_role_is_asked(void **state)
{
	(void)state;
	instrument *in = shipped();
	const instr_item *items[64];
	assert_int_equal(paper_form_items(in, PERSP_CITIZEN, items, 64), 43);
	assert_int_equal(paper_form_items(in, PERSP_STUDENT, items, 64), 48);
	assert_int_equal(paper_form_items(in, PERSP_PROFESSIONAL, items, 64), 50);
	assert_int_equal(paper_form_items(in, PERSP_OTHER, items, 64), 43);
	assert_int_equal(paper_form_items(in, PERSP_MANAGER, items, 64), 49);
	assert_int_equal(paper_form_items(in, PERSP_CITIZEN, items, 64), 43);
	assert_string_equal(items[0]->id, "LOS1");
	assert_string_equal(items[5]->id, "SRI1"); /* LOS1-5: LOS6, LOS7 not for citizens */
	assert_string_equal(items[42]->id, "CON2");
	/* a small cap: the count is still the whole form */
	assert_int_equal(paper_form_items(in, PERSP_CITIZEN, items, 2), 43);
	assert_string_equal(items[1]->id, "LOS2");
	instrument_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(digits_are_read_in_order),
		cmocka_unit_test(too_few_and_too_many_are_counted),
		cmocka_unit_test(other_characters_are_refused_where_they_stand),
		cmocka_unit_test(differences_are_listed_by_box_number),
		cmocka_unit_test(the_form_asks_what_the_role_is_asked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
