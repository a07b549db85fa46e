/* test_learning.c - learning across rounds and workplaces: outcomes per
 * round's period on both sides of each closing day, the rounds before and
 * after an action, Spearman's rank correlation against values computed by
 * hand and with scipy.stats.spearmanr (pasted below), and the k-threshold
 * of the associations on both sides. */
#include "testutil.h"

#include <math.h>

#include "domain/learning.h"

static void near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-12))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void test_outcomes_by_round(void **state)
{
	(void)state;
	const char *closes[] = {"2025-06-30", "2026-01-31"};
	const char *dates[] = {"2025-01-01", "2025-06-30", "2025-07-01", "2026-01-31", "2026-02-01", "2026-03-01",
			       "2025-05-05"};
	int cats[] = {OUT_KNOWLEDGE, OUT_KNOWLEDGE, OUT_CURRICULUM, OUT_CURRICULUM, OUT_CONNECTIONS, 99,
		      OUT_COLLABORATION};
	int out[2][OUT_COUNT], after[OUT_COUNT];
	learning_outcomes_by_round(dates, cats, 7, closes, 2, out, after);
	/* up to and including the closing day belongs to the round */
	assert_int_equal(out[0][OUT_KNOWLEDGE], 2);
	assert_int_equal(out[0][OUT_COLLABORATION], 1);
	assert_int_equal(out[0][OUT_CURRICULUM], 0);
	assert_int_equal(out[1][OUT_CURRICULUM], 2);
	assert_int_equal(out[1][OUT_KNOWLEDGE], 0);
	assert_int_equal(after[OUT_CONNECTIONS], 1);
	int sum = 0;
	for (int c = 0; c < OUT_COUNT; c++)
		sum += out[0][c] + out[1][c] + after[c];
	assert_int_equal(sum, 6); /* the unknown category is skipped */
	/* no rounds: everything comes after */
	learning_outcomes_by_round(dates, cats, 7, closes, 0, out, after);
	assert_int_equal(after[OUT_KNOWLEDGE], 2);
	assert_int_equal(after[OUT_CURRICULUM], 2);
}

static void test_before_after(void **state)
{
	(void)state;
	learning_round rs[] = {
		{"2025-01-01", "2025-01-31", true},
		{"2025-06-01", "2025-06-30", false}, /* below k: never compared */
		{"2025-09-01", "2025-09-30", true},
		{"2026-01-01", "2026-01-31", true},
	};
	int b, a;
	learning_before_after(rs, 4, "2025-07-15", -1, &b, &a);
	assert_int_equal(b, 0);
	assert_int_equal(a, 2);
	/* the closing day itself counts as before; the opening day as not after */
	learning_before_after(rs, 4, "2025-09-30", -1, &b, &a);
	assert_int_equal(b, 2);
	assert_int_equal(a, 3);
	learning_before_after(rs, 4, "2025-09-01", -1, &b, &a);
	assert_int_equal(b, 0);
	assert_int_equal(a, 3);
	learning_before_after(rs, 4, "2025-08-31", -1, &b, &a);
	assert_int_equal(a, 2);
	/* tied to a shown round: that one is before */
	learning_before_after(rs, 4, "2025-12-01", 0, &b, &a);
	assert_int_equal(b, 0);
	assert_int_equal(a, 3);
	/* tied to a round below k: by date */
	learning_before_after(rs, 4, "2025-07-15", 1, &b, &a);
	assert_int_equal(b, 0);
	assert_int_equal(a, 2);
	/* nothing before, nothing after */
	learning_before_after(rs, 4, "2024-12-01", -1, &b, &a);
	assert_int_equal(b, -1);
	assert_int_equal(a, 0);
	learning_before_after(rs, 4, "2026-02-01", -1, &b, &a);
	assert_int_equal(b, 3);
	assert_int_equal(a, -1);
}

static void test_spearman(void **state)
{
	(void)state;
	/* by hand: ranks of y are 1, 2, 3.5, 5, 3.5; 8 / sqrt(10 * 9.5) */
	double x1[] = {1, 2, 3, 4, 5}, y1[] = {5, 6, 7, 8, 7};
	near(learning_spearman(x1, y1, 5), 8 / sqrt(95));
	near(learning_spearman(x1, y1, 5), 0.8207826816681233); /* scipy */
	double x2[] = {3.1, 2.4, 4.0, 3.6, 2.9, 3.3}, y2[] = {2, 0, 5, 3, 1, 1};
	near(learning_spearman(x2, y2, 6), 0.8986451052612952); /* scipy */
	double down[] = {9, 4, 1};
	near(learning_spearman(x1, down, 3), -1);
	/* symmetric */
	near(learning_spearman(y2, x2, 6), learning_spearman(x2, y2, 6));
	/* undefined */
	double flat[] = {3, 3, 3};
	assert_true(isnan(learning_spearman(x1, flat, 3)));
	assert_true(isnan(learning_spearman(x1, y1, 1)));
	assert_true(isnan(learning_spearman(x1, y1, 0)));
}

static void profile(learning_profile *p, double score, double outcome, int registered)
{
	for (int e = 0; e < EL_COUNT; e++)
		p->element[e] = score + e * 0.01;
	for (int o = 0; o < OUT_COUNT; o++) {
		p->outcome[o] = outcome;
		p->registered[o] = registered;
	}
}

static void test_associate_threshold(void **state)
{
	(void)state;
	learning_profile ps[6];
	for (int i = 0; i < 5; i++)
		profile(&ps[i], 2.0 + i * 0.5, 4.5 - i * 0.25, i);
	profile(&ps[5], NAN, 3.0, 2); /* no element score: left out */
	double scratch[12];
	learning_associations as;
	/* five workplaces with both values, min 5: shown */
	learning_associate(ps, 6, 5, scratch, &as);
	assert_int_equal(as.scale[EL_LOS][OUT_KNOWLEDGE].n, 5);
	assert_true(as.scale[EL_LOS][OUT_KNOWLEDGE].shown);
	near(as.scale[EL_LOS][OUT_KNOWLEDGE].rho, -1);
	near(as.registered[EL_VMM][OUT_CONNECTIONS].rho, 1);
	/* min 6: below it, nothing */
	learning_associate(ps, 6, 6, scratch, &as);
	assert_int_equal(as.scale[EL_LOS][OUT_KNOWLEDGE].n, 5);
	assert_false(as.scale[EL_LOS][OUT_KNOWLEDGE].shown);
	assert_true(isnan(as.scale[EL_LOS][OUT_KNOWLEDGE].rho));
	/* a hidden outcome scale (NAN) leaves its workplace out of that pair only */
	ps[0].outcome[OUT_CURRICULUM] = NAN;
	learning_associate(ps, 6, 5, scratch, &as);
	assert_int_equal(as.scale[EL_LOS][OUT_CURRICULUM].n, 4);
	assert_false(as.scale[EL_LOS][OUT_CURRICULUM].shown);
	assert_int_equal(as.registered[EL_LOS][OUT_CURRICULUM].n, 5);
}

static void test_year_before(void **state)
{
	(void)state;
	char out[11];
	assert_true(learning_year_before("2026-03-01", out));
	assert_string_equal(out, "2025-03-01");
	assert_true(learning_year_before("2024-02-29", out));
	assert_string_equal(out, "2023-02-29"); /* compared as text: still between the right days */
	assert_false(learning_year_before("2026-3-01", out));
	assert_false(learning_year_before("", out));
	assert_false(learning_year_before("0000-01-01", out));
	assert_false(learning_year_before("2026-03-0x", out));
}

static void test_age(void **state)
{
	(void)state;
	/* both sides of each boundary: the anniversary day counts */
	assert_int_equal(learning_age_of("2024-03-10", "2026-03-09"), AGE_YOUNG);
	assert_int_equal(learning_age_of("2024-03-10", "2026-03-10"), AGE_GROWING);
	assert_int_equal(learning_age_of("2021-03-10", "2026-03-09"), AGE_GROWING);
	assert_int_equal(learning_age_of("2021-03-10", "2026-03-10"), AGE_MATURE);
	assert_int_equal(learning_age_of("2021-12-31", "2026-01-01"), AGE_GROWING);
	assert_int_equal(learning_age_of("2026-03-10", "2026-03-10"), AGE_YOUNG);
	/* unknown: no date, a bad one, a start in the future */
	assert_int_equal(learning_age_of("", "2026-03-10"), AGE_UNKNOWN);
	assert_int_equal(learning_age_of("2026-13-01", "2026-03-10"), AGE_UNKNOWN);
	assert_int_equal(learning_age_of("2026-03-11", "2026-03-10"), AGE_UNKNOWN);
	assert_int_equal(learning_age_of(NULL, "2026-03-10"), AGE_UNKNOWN);
	assert_string_equal(learning_age_code(AGE_MATURE), "mature");
	assert_int_equal(learning_age_from_code("growing"), AGE_GROWING);
	assert_int_equal(learning_age_from_code("old"), -1);
	assert_int_equal(learning_age_from_code(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcomes_by_round),
		cmocka_unit_test(test_before_after),
		cmocka_unit_test(test_spearman),
		cmocka_unit_test(test_associate_threshold),
		cmocka_unit_test(test_year_before),
		cmocka_unit_test(test_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
