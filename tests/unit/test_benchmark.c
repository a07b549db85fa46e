/* test_benchmark.c - quartiles (Hyndman & Fan type 7) against Python's
 * statistics.quantiles(method="inclusive"), which is the same method
 * (values pasted below), and the place of a value among them on each side
 * of every boundary. */
#include "testutil.h"

#include <math.h>

#include "domain/benchmark.h"

static void near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-12))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void check(const double *in, int n, double min, double q1, double med, double q3, double max)
{
	double v[16];
	memcpy(v, in, sizeof(double) * (size_t)n);
	bench_summary s;
	assert_true(bench_summarise(v, n, &s));
	near(s.min, min);
	near(s.q1, q1);
	near(s.median, med);
	near(s.q3, q3);
	near(s.max, max);
}

static void test_against_python(void **state)
{
	(void)state;
	/* statistics.quantiles(d, n=4, method='inclusive') */
	check((double[]){1, 2, 3, 4}, 4, 1, 1.75, 2.5, 3.25, 4);
	check((double[]){3.8, 4.0, 3.6, 3.7, 3.8}, 5, 3.6, 3.7, 3.8, 3.8, 4.0);
	check((double[]){2.2, 2.4, 2.5, 2.8, 3.2}, 5, 2.2, 2.4, 2.5, 2.8, 3.2);
	check((double[]){1, 2}, 2, 1, 1.25, 1.5, 1.75, 2);
	check((double[]){7, 1, 3, 5, 9, 2}, 6, 1, 2.25, 4.0, 6.5, 9);
	check((double[]){5, 5, 5, 5, 5}, 5, 5, 5, 5, 5, 5);
	check((double[]){4.2}, 1, 4.2, 4.2, 4.2, 4.2, 4.2);
}

static void test_nan_is_skipped_and_input_reordered(void **state)
{
	(void)state;
	double v[] = {NAN, 4, INFINITY, 1, NAN, 3, 2, -INFINITY};
	bench_summary s;
	assert_true(bench_summarise(v, 8, &s));
	assert_int_equal(s.n, 4);
	near(s.q1, 1.75);
	near(s.median, 2.5);
	for (int i = 0; i < 4; i++)
		near(v[i], i + 1);
}

static void test_nothing_to_summarise(void **state)
{
	(void)state;
	double v[] = {NAN, NAN};
	bench_summary s;
	assert_false(bench_summarise(v, 2, &s));
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.min) && isnan(s.q1) && isnan(s.median) && isnan(s.q3) && isnan(s.max));
	assert_false(bench_summarise(v, 0, &s));
	assert_int_equal(bench_position(&s, 3), BENCH_NONE);
}

static void test_quantile_edges(void **state)
{
	(void)state;
	const double x[] = {1, 2, 4};
	near(bench_quantile_sorted(x, 3, 0), 1);
	near(bench_quantile_sorted(x, 3, 1), 4);
	near(bench_quantile_sorted(x, 3, 0.75), 3);
	near(bench_quantile_sorted(x, 3, 0.9), 3.6);
	assert_true(isnan(bench_quantile_sorted(x, 0, 0.5)));
	assert_true(isnan(bench_quantile_sorted(x, 3, -0.01)));
	assert_true(isnan(bench_quantile_sorted(x, 3, 1.01)));
	assert_true(isnan(bench_quantile_sorted(x, 3, NAN)));
}

static void test_position_boundaries(void **state)
{
	(void)state;
	bench_summary s = {.n = 5, .min = 2, .q1 = 3, .median = 4, .q3 = 5, .max = 6};
	assert_int_equal(bench_position(&s, 1.9), BENCH_LOWEST);
	assert_int_equal(bench_position(&s, 2), BENCH_Q1);
	assert_int_equal(bench_position(&s, 2.9), BENCH_Q1);
	assert_int_equal(bench_position(&s, 3), BENCH_Q2);
	assert_int_equal(bench_position(&s, 3.9), BENCH_Q2);
	assert_int_equal(bench_position(&s, 4), BENCH_MEDIAN);
	assert_int_equal(bench_position(&s, 4.1), BENCH_Q3);
	assert_int_equal(bench_position(&s, 5), BENCH_Q3);
	assert_int_equal(bench_position(&s, 5.1), BENCH_Q4);
	assert_int_equal(bench_position(&s, 6), BENCH_Q4);
	assert_int_equal(bench_position(&s, 6.1), BENCH_HIGHEST);
	assert_int_equal(bench_position(&s, NAN), BENCH_NONE);
	assert_int_equal(bench_position(NULL, 4), BENCH_NONE);
}

static void test_all_equal_is_the_median(void **state)
{
	(void)state;
	double v[] = {3.5, 3.5, 3.5, 3.5};
	bench_summary s;
	bench_summarise(v, 4, &s);
	assert_int_equal(bench_position(&s, 3.5), BENCH_MEDIAN);
	assert_int_equal(bench_position(&s, 3.4), BENCH_LOWEST);
	assert_int_equal(bench_position(&s, 3.6), BENCH_HIGHEST);
}

static void test_place_codes(void **state)
{
	(void)state;
	assert_string_equal(bench_place_code(BENCH_LOWEST), "lowest");
	assert_string_equal(bench_place_code(BENCH_Q1), "q1");
	assert_string_equal(bench_place_code(BENCH_MEDIAN), "median");
	assert_string_equal(bench_place_code(BENCH_Q4), "q4");
	assert_string_equal(bench_place_code(BENCH_HIGHEST), "highest");
	assert_string_equal(bench_place_code(BENCH_NONE), "none");
	assert_int_equal(BENCH_MIN_WORKPLACES, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_python),
		cmocka_unit_test(test_nan_is_skipped_and_input_reordered),
		cmocka_unit_test(test_nothing_to_summarise),
		cmocka_unit_test(test_quantile_edges),
		cmocka_unit_test(test_position_boundaries),
		cmocka_unit_test(test_all_equal_is_the_median),
		cmocka_unit_test(test_place_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
