#include "benchmark.h"

#include <math.h>

double bench_quantile_sorted(const double *sorted, int n, double p)
{
	if (n < 1 || !(p >= 0 && p <= 1))
		return NAN;
	double h = (n - 1) * p;
	int lo = (int)floor(h);
	if (lo >= n - 1)
		return sorted[n - 1];
	return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/* Insertion sort: benchmarks hold one value per workplace of an instance. */
static void sort_ascending(double *v, int n)
{
	for (int i = 1; i < n; i++) {
		double x = v[i];
		int j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

bool bench_summarise(double *v, int n, bench_summary *out)
{
	int m = 0;
	for (int i = 0; i < n; i++)
		if (isfinite(v[i]))
			v[m++] = v[i];
	out->n = m;
	if (m == 0) {
		out->min = out->q1 = out->median = out->q3 = out->max = NAN;
		return false;
	}
	sort_ascending(v, m);
	out->min = v[0];
	out->q1 = bench_quantile_sorted(v, m, 0.25);
	out->median = bench_quantile_sorted(v, m, 0.5);
	out->q3 = bench_quantile_sorted(v, m, 0.75);
	out->max = v[m - 1];
	return true;
}

bench_place bench_position(const bench_summary *s, double x)
{
	if (!s || s->n < 1 || !isfinite(x))
		return BENCH_NONE;
	if (x < s->min)
		return BENCH_LOWEST;
	if (x > s->max)
		return BENCH_HIGHEST;
	if (x < s->q1)
		return BENCH_Q1;
	if (x < s->median)
		return BENCH_Q2;
	if (x == s->median)
		return BENCH_MEDIAN;
	if (x <= s->q3)
		return BENCH_Q3;
	return BENCH_Q4;
}

const char *bench_place_code(bench_place p)
{
	switch (p) {
	case BENCH_LOWEST: return "lowest";
	case BENCH_Q1: return "q1";
	case BENCH_Q2: return "q2";
	case BENCH_MEDIAN: return "median";
	case BENCH_Q3: return "q3";
	case BENCH_Q4: return "q4";
	case BENCH_HIGHEST: return "highest";
	default: return "none";
	}
}
