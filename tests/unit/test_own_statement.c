/* test_own_statement.c - the rules for a workplace's own statements
 * (src/domain/own_statement.h). Every boundary is tested on both sides;
 * the expected counts are worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/own_statement.h"

static void a_plain_statement_passes(void **state)
{
	(void)state;
	int neg = -1;
	assert_int_equal(own_check("We leren van elkaar.", false, &neg), OWN_OK);
	assert_int_equal(neg, 0);
	/* one negation is fine: "niet" */
	assert_int_equal(own_check("Ik voel me niet gehoord.", false, &neg), OWN_OK);
	assert_int_equal(neg, 1);
	assert_int_equal(own_check("  We learn from each other.  ", true, &neg), OWN_OK);
}

static void both_texts_must_be_there(void **state)
{
	(void)state;
	assert_int_equal(own_check("", false, NULL), OWN_EMPTY);
	assert_int_equal(own_check("   ", true, NULL), OWN_EMPTY);
	assert_int_equal(own_check(NULL, true, NULL), OWN_EMPTY);
}

static void length_is_counted_in_characters(void **state)
{
	(void)state;
	char s[400];
	/* 160 characters, one word: allowed; 161: too long */
	memset(s, 'a', 160);
	s[160] = 0;
	assert_int_equal(own_check(s, false, NULL), OWN_OK);
	s[160] = 'a';
	s[161] = 0;
	assert_int_equal(own_check(s, false, NULL), OWN_TOO_LONG);
	/* 160 times "é" is 320 bytes but 160 characters */
	for (int i = 0; i < 160; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	s[320] = 0;
	assert_int_equal(own_check(s, false, NULL), OWN_OK);
}

static void words_are_counted(void **state)
{
	(void)state;
	char s[200] = "";
	/* 25 words "ab" separated by one space: 25*2 + 24 = 74 characters */
	for (int i = 0; i < 25; i++)
		memcpy(s + strlen(s), i ? " ab" : "ab", i ? 4 : 3);
	assert_int_equal(own_check(s, true, NULL), OWN_OK);
	memcpy(s + strlen(s), " ab", 4); /* 26 words */
	assert_int_equal(own_check(s, true, NULL), OWN_TOO_MANY_WORDS);
	/* several spaces between two words still make two words */
	assert_int_equal(own_check("a    b", true, NULL), OWN_OK);
}

static void double_negatives_are_found(void **state)
{
	(void)state;
	int neg;
	assert_int_equal(own_check("Niemand voelt zich niet welkom.", false, &neg), OWN_DOUBLE_NEGATIVE);
	assert_int_equal(neg, 2);
	assert_int_equal(own_check("Er is geen dag zonder overleg.", false, &neg), OWN_DOUBLE_NEGATIVE);
	assert_int_equal(neg, 2);
	/* Dutch words do not count in the English text, and the other way round */
	assert_int_equal(own_check("Not geen.", true, &neg), OWN_OK);
	assert_int_equal(neg, 1);
	assert_int_equal(own_check("NOT never", true, &neg), OWN_DOUBLE_NEGATIVE);
	assert_int_equal(neg, 2);
	/* n't, with a straight and with a typographic apostrophe */
	assert_int_equal(own_check("I don't think nobody cares.", true, &neg), OWN_DOUBLE_NEGATIVE);
	assert_int_equal(neg, 2);
	assert_int_equal(own_check("We can\xe2\x80\x99t say we haven't tried.", true, &neg),
			 OWN_DOUBLE_NEGATIVE);
	assert_int_equal(neg, 2);
	/* words that merely contain a negation do not count:
	 * "knot", "nothing" as part of "nothingness", "nietig", "noon" */
	assert_int_equal(own_check("A knot at noon is nothingness.", true, &neg), OWN_OK);
	assert_int_equal(neg, 0);
	assert_int_equal(own_check("Het is nietig en geenszins erg.", false, &neg), OWN_OK);
	assert_int_equal(neg, 0);
}

static void control_characters_and_bad_bytes_are_refused(void **state)
{
	(void)state;
	assert_int_equal(own_check("een\tstelling", false, NULL), OWN_BAD_TEXT);
	assert_int_equal(own_check("een\nstelling", false, NULL), OWN_BAD_TEXT);
	assert_int_equal(own_check("een\x7fstelling", false, NULL), OWN_BAD_TEXT);
	assert_int_equal(own_check("een\xc2\x85stelling", false, NULL), OWN_BAD_TEXT); /* C1: NEL */
	assert_int_equal(own_check("een\xe2\x80\xa8stelling", false, NULL), OWN_BAD_TEXT); /* U+2028 */
	assert_int_equal(own_check("\xc3(", false, NULL), OWN_BAD_TEXT);             /* cut off */
	assert_int_equal(own_check("\xc0\xaf", false, NULL), OWN_BAD_TEXT);          /* overlong */
	assert_int_equal(own_check("\xed\xa0\x80", false, NULL), OWN_BAD_TEXT);      /* surrogate */
	/* a bad byte is reported before the length */
	char s[300];
	memset(s, 'a', 299);
	s[299] = 0;
	s[5] = '\x01';
	assert_int_equal(own_check(s, false, NULL), OWN_BAD_TEXT);
}

static void messages_name_the_text_and_the_fix(void **state)
{
	(void)state;
	assert_null(own_problem_message(OWN_OK, false, false));
	const char *m = own_problem_message(OWN_TOO_LONG, true, false);
	assert_non_null(strstr(m, "Engelse"));
	assert_non_null(strstr(m, "160"));
	m = own_problem_message(OWN_TOO_MANY_WORDS, false, true);
	assert_non_null(strstr(m, "Dutch"));
	assert_non_null(strstr(m, "25"));
	m = own_problem_message(OWN_DOUBLE_NEGATIVE, true, true);
	assert_non_null(strstr(m, "n't"));
	for (int p = OWN_EMPTY; p <= OWN_DOUBLE_NEGATIVE; p++)
		for (int t = 0; t < 2; t++)
			for (int rd = 0; rd < 2; rd++)
				assert_non_null(own_problem_message((own_problem)p, t, rd));
}

static void sections_have_codes(void **state)
{
	(void)state;
	assert_string_equal(own_section_code(0), "LOS");
	assert_string_equal(own_section_code(5), "VMM");
	assert_string_equal(own_section_code(OWN_EXTRA), "extra");
	assert_null(own_section_code(7));
	assert_null(own_section_code(-1));
	assert_int_equal(own_section_from_code("VOR"), 3);
	assert_int_equal(own_section_from_code("extra"), OWN_EXTRA);
	assert_int_equal(own_section_from_code("EXTRA"), -1);
	assert_int_equal(own_section_from_code(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_plain_statement_passes),
		cmocka_unit_test(both_texts_must_be_there),
		cmocka_unit_test(length_is_counted_in_characters),
		cmocka_unit_test(words_are_counted),
		cmocka_unit_test(double_negatives_are_found),
		cmocka_unit_test(control_characters_and_bad_bytes_are_refused),
		cmocka_unit_test(messages_name_the_text_and_the_fix),
		cmocka_unit_test(sections_have_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
