/* test_practice.c - the vocabulary of the primary process (issue 21):
 * every code table both ways, which statuses are open, semesters as
 * periods on each side of their boundaries, and which evidence files are
 * kept (by content, never by name; markup refused; the size limit on
 * both sides). */
#include "testutil.h"

#include "domain/practice.h"
#include "web/practice_view.h"

static void test_code_tables_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < QS_COUNT; i++)
		assert_int_equal(question_status_from_code(question_status_code((question_status)i)), i);
	for (int i = 0; i < RB_COUNT; i++)
		assert_int_equal(raised_by_from_code(raised_by_code((raised_by)i)), i);
	for (int i = 0; i < ACT_COUNT; i++)
		assert_int_equal(activity_kind_from_code(activity_kind_code((activity_kind)i)), i);
	for (int i = 0; i < PROD_COUNT; i++)
		assert_int_equal(product_kind_from_code(product_kind_code((product_kind)i)), i);
	for (int i = 0; i < CONTRIB_COUNT; i++)
		assert_int_equal(contributor_role_from_code(contributor_role_code((contributor_role)i)), i);
	assert_int_equal(question_status_from_code("open"), -1);
	assert_int_equal(question_status_from_code(NULL), -1);
	assert_int_equal(activity_kind_from_code("Research"), -1);
	assert_string_equal(question_status_name(QS_SET_ASIDE, false), "Terzijde gelegd");
	assert_string_equal(product_kind_name(PROD_MODULE, true), "Teaching module");
	assert_true(question_status_open(QS_RAISED));
	assert_true(question_status_open(QS_IN_PROGRESS));
	assert_false(question_status_open(QS_ANSWERED));
	assert_false(question_status_open(QS_SET_ASIDE));
}

static void test_periods(void **state)
{
	(void)state;
	int y, s;
	char from[11], to[11], p[8];
	assert_true(period_parse("2026-S1", &y, &s));
	assert_int_equal(y, 2026);
	assert_int_equal(s, 1);
	period_bounds(y, s, from, to);
	assert_string_equal(from, "2026-09-01");
	assert_string_equal(to, "2027-01-31");
	assert_true(period_parse("2026-S2", &y, &s));
	period_bounds(y, s, from, to);
	assert_string_equal(from, "2027-02-01");
	assert_string_equal(to, "2027-08-31");
	assert_true(period_parse("2000-S1", &y, &s));
	assert_true(period_parse("2099-S2", &y, &s));
	const char *bad[] = {"1999-S2", "2100-S1", "2026-S3", "2026-S0", "2026-s1", "2026S1", "2026-S1 ", "26-S1",
			     "", "2026-SS", "abcd-S1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(period_parse(bad[i], &y, &s));
	assert_false(period_parse(NULL, &y, &s));
	/* the boundaries of a semester, from the day */
	struct {
		const char *day, *period;
	} days[] = {{"2026-08-31", "2025-S2"}, {"2026-09-01", "2026-S1"}, {"2027-01-31", "2026-S1"},
		    {"2027-02-01", "2026-S2"}, {"2026-12-06", "2026-S1"}, {"2026-03-15", "2025-S2"}};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		assert_true(period_of_day(days[i].day, p));
		assert_string_equal(p, days[i].period);
	}
	assert_false(period_of_day("2026-13-01", p));
	assert_false(period_of_day("2000-01-15", p)); /* semester 1 of 1999: outside */
	assert_false(period_of_day("gisteren", p));
	assert_false(period_of_day(NULL, p));
}

static void test_evidence_kinds(void **state)
{
	(void)state;
	static const char pdf[] = "%PDF-1.7\n";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
	assert_int_equal(evidence_kind_of(pdf, sizeof pdf - 1), EVIDENCE_PDF);
	assert_int_equal(evidence_kind_of(png, sizeof png - 1), EVIDENCE_PNG);
	assert_int_equal(evidence_kind_of(jpg, sizeof jpg - 1), EVIDENCE_JPEG);
	assert_int_equal(evidence_kind_of("Leerpunten\n- rust\n", 18), EVIDENCE_TEXT);
	assert_int_equal(evidence_kind_of("caf\xc3\xa9", 5), EVIDENCE_TEXT);
	/* the magic alone is not a file */
	assert_int_equal(evidence_kind_of("%PDF-", 5), EVIDENCE_TEXT);
	assert_int_equal(evidence_kind_of("\x89PNG\r\n\x1a\n", 8), -1);
	/* markup, binary, invalid UTF-8, nothing */
	assert_int_equal(evidence_kind_of("<svg/>", 6), -1);
	assert_int_equal(evidence_kind_of(" \r\n\t<html>", 10), -1);
	assert_int_equal(evidence_kind_of("\xef\xbb\xbf<x>", 6), -1);
	assert_int_equal(evidence_kind_of("MZ\x90\0", 4), -1);
	assert_int_equal(evidence_kind_of("caf\xe9", 4), -1);
	assert_int_equal(evidence_kind_of("   ", 3), -1);
	assert_int_equal(evidence_kind_of("", 0), -1);
	assert_int_equal(evidence_kind_of(NULL, 4), -1);
	/* the size limit, both sides */
	char *big = malloc(EVIDENCE_MAX_BYTES + 1);
	memset(big, 'a', EVIDENCE_MAX_BYTES + 1);
	memcpy(big, "%PDF-", 5);
	assert_int_equal(evidence_kind_of(big, EVIDENCE_MAX_BYTES), EVIDENCE_PDF);
	assert_int_equal(evidence_kind_of(big, EVIDENCE_MAX_BYTES + 1), -1);
	free(big);
	for (int k = 0; k < EVIDENCE_KINDS; k++)
		assert_int_equal(evidence_kind_from_type(evidence_content_type((evidence_kind)k)), k);
	assert_int_equal(evidence_kind_from_type("text/html"), -1);
	assert_int_equal(evidence_kind_from_type("image/svg+xml"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_tables_round_trip),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_evidence_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
