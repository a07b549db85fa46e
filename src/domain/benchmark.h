/* benchmark.h - where one workplace's figure stands among the others of
 * the instance: the five-number summary (minimum, first quartile, median,
 * third quartile, maximum) of a set of values, and the quarter a value
 * falls in. Pure: no I/O, no allocation.
 *
 * Quantile method: Hyndman & Fan (1996) type 7, the default of R's
 * quantile(), numpy's percentile(method="linear") and Excel's
 * QUARTILE.INC. For sorted values x[0..n-1] and 0 <= p <= 1:
 * h = (n - 1) p, Q(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 * So the minimum is Q(0), the maximum Q(1), and the median of an even
 * number of values is the mean of the middle two. */
#ifndef WP_BENCHMARK_H
#define WP_BENCHMARK_H

#include <stdbool.h>

/* A benchmark is shown only when at least this many workplaces of the
 * instance have results that meet their k. */
#define BENCH_MIN_WORKPLACES 5

typedef struct {
	int n; /* finite values summarised */
	double min, q1, median, q3, max;
} bench_summary;

/* Type-7 quantile of n >= 1 values sorted ascending; NAN when n < 1 or p is
 * outside [0, 1]. */
double bench_quantile_sorted(const double *sorted, int n, double p);

/* Summarise the finite values among v[0..n-1] (NAN and infinities are
 * skipped). Reorders v: afterwards its first out->n entries are the finite
 * values in ascending order. Returns false (out->n = 0, the rest NAN) when
 * there is no finite value. */
bool bench_summarise(double *v, int n, bench_summary *out);

typedef enum {
	BENCH_NONE,    /* no summary or no value */
	BENCH_LOWEST,  /* below the minimum of the others */
	BENCH_Q1,      /* from the minimum up to (not including) Q1 */
	BENCH_Q2,      /* from Q1 up to (not including) the median */
	BENCH_MEDIAN,  /* exactly at the median */
	BENCH_Q3,      /* above the median up to and including Q3 */
	BENCH_Q4,      /* above Q3 up to and including the maximum */
	BENCH_HIGHEST, /* above the maximum of the others */
} bench_place;

/* The place of x against a summary of the others' values. A value equal to
 * Q1 or Q3 belongs to the inner quarter (Q2 or Q3), so when all values are
 * equal a value equal to them is at the median, never "top" or "bottom". */
bench_place bench_position(const bench_summary *s, double x);

/* "lowest", "q1", "q2", "median", "q3", "q4", "highest", "none". */
const char *bench_place_code(bench_place p);

#endif
