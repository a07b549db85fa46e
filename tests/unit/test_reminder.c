/* test_reminder.c - the reminders planned for a round: parsing "5, 10"
 * and each refusal on both sides of its boundary, when a reminder is due,
 * and whether the round still takes answers. */
#include "testutil.h"

#include "domain/reminder.h"

static reminder_problem parse(const char *text, int *days, int *n, int *bad)
{
	return reminder_days_parse(text, days, n, bad);
}

static void test_parse_accepts(void **state)
{
	(void)state;
	int d[REMINDER_MAX], n, bad;
	assert_int_equal(parse("", d, &n, &bad), REM_OK);
	assert_int_equal(n, 0);
	assert_int_equal(parse("  ", d, &n, &bad), REM_OK);
	assert_int_equal(n, 0);
	assert_int_equal(parse("5, 10", d, &n, &bad), REM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(d[0], 5);
	assert_int_equal(d[1], 10);
	assert_int_equal(parse("14 en 7", d, &n, &bad), REM_OK); /* sorted */
	assert_int_equal(n, 2);
	assert_int_equal(d[0], 7);
	assert_int_equal(d[1], 14);
	assert_int_equal(parse("3;1 and 2", d, &n, &bad), REM_OK);
	assert_int_equal(n, 3);
	assert_int_equal(d[0] * 100 + d[1] * 10 + d[2], 123);
	assert_int_equal(parse("1, 365", d, &n, &bad), REM_OK); /* both ends */
	assert_int_equal(n, 2);
}

static void test_parse_refuses(void **state)
{
	(void)state;
	int d[REMINDER_MAX], n, bad;
	assert_int_equal(parse("0", d, &n, &bad), REM_OUT_OF_RANGE);
	assert_int_equal(bad, 0);
	assert_int_equal(parse("366", d, &n, &bad), REM_OUT_OF_RANGE);
	assert_int_equal(bad, 366);
	assert_int_equal(parse("1, 2, 3, 4", d, &n, &bad), REM_TOO_MANY);
	assert_int_equal(parse("4, 4", d, &n, &bad), REM_TWICE);
	assert_int_equal(bad, 4);
	assert_int_equal(parse("vijf", d, &n, &bad), REM_BAD_TEXT);
	assert_int_equal(parse("5x", d, &n, &bad), REM_BAD_TEXT);
	assert_int_equal(parse("-3", d, &n, &bad), REM_BAD_TEXT);
	assert_int_equal(parse("2.5", d, &n, &bad), REM_BAD_TEXT);
	assert_int_equal(parse("1234567", d, &n, &bad), REM_BAD_TEXT); /* too many digits */
	assert_int_equal(parse("en", d, &n, &bad), REM_OK);          /* only a separator */
	assert_int_equal(n, 0);
}

static void test_due(void **state)
{
	(void)state;
	int64_t opens = 20000; /* a day number */
	int64_t due = reminder_due_at(opens, 5);
	assert_int_equal(due, (opens + 5) * 86400 + REMINDER_HOUR_UTC * 3600);
	assert_false(reminder_is_due(due, due - 1));
	assert_true(reminder_is_due(due, due));
	assert_true(reminder_is_due(due, due + 86400 * 30));
	assert_true(reminder_within_round(opens, opens + 5, 5));
	assert_false(reminder_within_round(opens, opens + 5, 6));
}

static void test_round_open(void **state)
{
	(void)state;
	int64_t closes = 20010;
	assert_true(reminder_round_open(closes, false, closes * 86400 + 86399)); /* its last second */
	assert_false(reminder_round_open(closes, false, (closes + 1) * 86400));
	assert_false(reminder_round_open(closes, true, closes * 86400));
}

static void test_format(void **state)
{
	(void)state;
	char out[64];
	int d[] = {5, 10, 300};
	reminder_days_format(d, 3, out, sizeof out);
	assert_string_equal(out, "5, 10, 300");
	reminder_days_format(d, 0, out, sizeof out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_round_open),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
