/* test_stats.c - the statistics of src/domain/stats.c against values from
 * scipy (computed once with /usr/bin/python3, pasted below), closed forms
 * and small cases worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "domain/stats.h"

#define PI 3.14159265358979323846

static void near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

static void rel_near(double got, double want, double rel)
{
	near(got, want, rel * fmax(1, fabs(want)));
}

static void test_lgamma(void **state)
{
	(void)state;
	/* against the C library; ours exists because lgamma() writes signgam */
	const double xs[] = {0.1, 0.5, 1, 1.5, 2, 3.7, 10, 55.5, 1234.5, 1e6};
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
		rel_near(stats_lgamma(xs[i]), lgamma(xs[i]), 1e-13);
	near(stats_lgamma(1), 0, 1e-14);
	near(stats_lgamma(0.5), 0.5 * log(PI), 1e-14);
	assert_true(isnan(stats_lgamma(0)));
	assert_true(isnan(stats_lgamma(-1)));
}

static void test_betainc(void **state)
{
	(void)state;
	/* scipy.special.betainc(a, b, x) */
	static const double cases[][4] = {
		{0.5, 0.5, 0.3, 0.36901011956554541},  {2, 3, 0.4, 0.52479999999999993},
		{5, 0.5, 0.9, 0.31664291502001202},    {0.5, 5, 0.01, 0.24284189089843752},
		{10, 20, 0.35, 0.59238666366390502},   {100, 0.5, 0.995, 0.317308987970016},
		{1, 1, 0.77, 0.77000000000000002},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		near(stats_betainc(cases[i][0], cases[i][1], cases[i][2]), cases[i][3], 1e-13);
	/* I_x(a, 1) = x^a, by hand */
	near(stats_betainc(3, 1, 0.5), 0.125, 1e-15);
	near(stats_betainc(2, 2, 0), 0, 0);
	near(stats_betainc(2, 2, 1), 1, 0);
	assert_true(isnan(stats_betainc(0, 1, 0.5)));
	assert_true(isnan(stats_betainc(1, 1, 1.5)));
}

static void test_t_cdf(void **state)
{
	(void)state;
	/* scipy.stats.t.cdf(t, df) */
	static const double cases[][3] = {
		{-2.5, 3, 0.043853323504032773}, {0.3, 1, 0.59277357907774231},
		{1.96, 1000, 0.97486340752212564}, {-0.7, 7.5, 0.25252781093692533},
		{4, 2.2, 0.97563468663611808},   {12, 30, 0.999999999999721},
		{-30, 4, 3.6764280488306617e-06},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		near(stats_t_cdf(cases[i][0], cases[i][1]), cases[i][2], 1e-13);
	/* df = 1 is the Cauchy distribution: 1/2 + atan(t)/pi */
	near(stats_t_cdf(2.0, 1), 0.5 + atan(2.0) / PI, 1e-14);
	near(stats_t_cdf(0, 5), 0.5, 0);
	near(stats_t_cdf(INFINITY, 5), 1, 0);
	near(stats_t_cdf(-INFINITY, 5), 0, 0);
	assert_true(isnan(stats_t_cdf(1, 0)));
	assert_true(isnan(stats_t_cdf(NAN, 3)));
}

static void test_t_quantile(void **state)
{
	(void)state;
	/* scipy.special.betaincinv, polished by one Newton step with t.sf;
	 * (scipy's own t.ppf is off by up to 2e-9 relative) */
	static const double cases[][3] = {
		{0.975, 1, 12.706204736174692},     {0.975, 2, 4.302652729749461},
		{0.975, 5, 2.5705818356363141},     {0.975, 10, 2.2281388519862735},
		{0.975, 30, 2.0422724563012373},    {0.975, 1000, 1.9623390808264078},
		{0.975, 7.3, 2.3450667365477029},   {0.95, 3.5, 2.2224334936496},
		{0.025, 12.2, -2.1748579307005187}, {0.999, 2.5, 13.822193110865962},
		{0.6, 50, 0.25469934298858804},     {0.975, 20000.5, 1.9600826021925166},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double t = stats_t_quantile(cases[i][0], cases[i][1]);
		rel_near(t, cases[i][2], 1e-6);
		rel_near(t, cases[i][2], 1e-11); /* what we actually achieve */
		near(stats_t_cdf(t, cases[i][1]), cases[i][0], 1e-13);
	}
	/* closed forms: df = 1 tan(pi (p - 1/2)); df = 2 (2p-1)/sqrt(2p(1-p)) */
	for (double p = 0.01; p < 1; p += 0.07) {
		rel_near(stats_t_quantile(p, 1), tan(PI * (p - 0.5)), 1e-11);
		rel_near(stats_t_quantile(p, 2), (2 * p - 1) / sqrt(2 * p * (1 - p)), 1e-11);
	}
	near(stats_t_quantile(0.5, 3), 0, 0);
	assert_true(isnan(stats_t_quantile(0, 3)));
	assert_true(isnan(stats_t_quantile(1, 3)));
	assert_true(isnan(stats_t_quantile(0.9, 0)));
	assert_true(isnan(stats_t_quantile(0.9, -2)));
}

static void test_welch(void **state)
{
	(void)state;
	/* a = {3.0 3.5 4.0 2.5 3.2 3.8}, b = {4.1 3.9 4.6 3.7 4.4 4.8 4.0};
	 * numpy/scipy (ttest_ind(b, a, equal_var=False) gives t = diff/se) */
	stats_welch_ci ci;
	assert_true(stats_welch(6, 3.3333333333333335, 0.5501514942874068, 7, 4.214285714285714,
				0.3976119189552018, 0.95, &ci));
	near(ci.diff, 0.8809523809523809, 1e-12);
	near(ci.se, 0.2702396685500666, 1e-12);
	near(ci.df, 8.979498896339324, 1e-9);
	near(ci.t, 2.2629446964091326, 1e-6);
	near(ci.lo, 0.2694149562476459, 1e-6);
	near(ci.hi, 1.492489805657116, 1e-6);
	near(ci.diff / ci.se, 3.2598929153481, 1e-9);

	/* by hand: equal sds and n give df = 2(n-1) */
	assert_true(stats_welch(10, 3, 1, 10, 3.5, 1, 0.95, &ci));
	near(ci.df, 18, 1e-12);
	near(ci.se, sqrt(0.2), 1e-15);

	/* no variance at all: the interval shrinks to the difference */
	assert_true(stats_welch(5, 3, 0, 5, 4, 0, 0.95, &ci));
	near(ci.lo, 1, 0);
	near(ci.hi, 1, 0);
	assert_true(isnan(ci.df));

	/* one sd zero: df = n - 1 of the other */
	assert_true(stats_welch(5, 3, 0, 8, 4, 1, 0.95, &ci));
	near(ci.df, 7, 1e-12);

	/* n below 2 on either side, or a bad level */
	assert_false(stats_welch(1, 3, 0, 8, 4, 1, 0.95, &ci));
	assert_true(isnan(ci.lo) && isnan(ci.diff));
	assert_false(stats_welch(8, 3, 1, 1, 4, 0, 0.95, &ci));
	assert_true(stats_welch(2, 3, 1, 2, 4, 1, 0.95, &ci));
	assert_false(stats_welch(5, 3, 1, 5, 4, 1, 1.0, &ci));
	assert_false(stats_welch(5, 3, NAN, 5, 4, 1, 0.95, &ci));
}

static void test_moments(void **state)
{
	(void)state;
	/* values 2, 4, 4, 5: mean 3.75, squares 4+16+16+25 = 61,
	 * var = (4*61 - 15^2) / (4*3) = 19/12 */
	near(stats_var_int(4, 15, 61), 19.0 / 12, 1e-15);
	assert_true(isnan(stats_var_int(1, 3, 9)));
	near(stats_var_int(3, 12, 48), 0, 0);

	/* x = 1 2 3, y = 2 4 7: by hand r = 5 / sqrt(2 * 12.6667) */
	near(stats_pearson_int(3, 6, 13, 14, 69, 31), 5 / sqrt(2 * (38.0 / 3)), 1e-14);
	assert_true(isnan(stats_pearson_int(3, 6, 9, 14, 27, 18))); /* y constant */
	near(stats_pearson_int(3, 6, 6, 14, 14, 14), 1, 1e-15);
}

static void test_pearson_pairwise(void **state)
{
	(void)state;
	/* stride 2, NAN pairs skipped: the pairs are (1,2) (2,4) (3,7) */
	const double x[] = {1, 0, NAN, 0, 2, 0, 3, 0, 9, 0};
	const double y[] = {2, 0, 5, 0, 4, 0, 7, 0, NAN, 0};
	int n = -1;
	near(stats_pearson_pairwise(x, y, 5, 2, &n), 5 / sqrt(2 * (38.0 / 3)), 1e-14);
	assert_int_equal(n, 3);
	const double c[] = {3.5, 3.5, 3.5, 3.5};
	const double d[] = {1, 2, 3, 5};
	assert_true(isnan(stats_pearson_pairwise(c, d, 4, 1, &n)));
	assert_int_equal(n, 4);
	assert_true(isnan(stats_pearson_pairwise(d, d, 1, 1, &n)));
	assert_int_equal(n, 1);
	near(stats_pearson_pairwise(d, d, 4, 1, &n), 1, 1e-15);
}

static void test_alpha(void **state)
{
	(void)state;
	/* 3 items with variances 1, 1, 1 and a sum score of variance 6:
	 * 3/2 * (1 - 3/6) = 0.75 */
	near(stats_cronbach_alpha(3, 3, 6), 0.75, 1e-15);
	assert_true(isnan(stats_cronbach_alpha(1, 1, 1)));
	assert_true(isnan(stats_cronbach_alpha(3, 1, 0)));
	near(stats_cronbach_alpha(2, 2, 2), 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lgamma),       cmocka_unit_test(test_betainc),
		cmocka_unit_test(test_t_cdf),        cmocka_unit_test(test_t_quantile),
		cmocka_unit_test(test_welch),        cmocka_unit_test(test_moments),
		cmocka_unit_test(test_pearson_pairwise), cmocka_unit_test(test_alpha),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
