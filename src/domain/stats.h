/* stats.h - the statistics behind the figures: the Student t distribution
 * (through the regularized incomplete beta function), Welch's confidence
 * interval for a difference of two means, Pearson correlation, variance
 * from exact integer moments and Cronbach's alpha. Pure functions, no I/O,
 * no allocation, thread-safe (no lgamma(3): it writes the global signgam).
 * Undefined results are NAN, never a made-up number. */
#ifndef WP_STATS_H
#define WP_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* log Gamma(x) for x > 0 (Lanczos, relative error about 1e-15). */
double stats_lgamma(double x);

/* The regularized incomplete beta function I_x(a, b), a > 0, b > 0,
 * 0 <= x <= 1. NAN outside the domain. */
double stats_betainc(double a, double b, double x);

/* P(T <= t) for Student's t with df > 0 degrees of freedom (df need not be
 * an integer). NAN for df <= 0 or NAN arguments. */
double stats_t_cdf(double t, double df);

/* The t with P(T <= t) = p, 0 < p < 1, df > 0: the inverse of stats_t_cdf,
 * found by safeguarded Newton steps inside a bracket (relative accuracy
 * about 1e-12). NAN outside the domain. */
double stats_t_quantile(double p, double df);

/* Welch's confidence interval for the difference of two independent means,
 * diff = mean2 - mean1 ("after minus before"). */
typedef struct {
	double diff;  /* mean2 - mean1 */
	double se;    /* sqrt(sd1^2/n1 + sd2^2/n2) */
	double df;    /* Welch-Satterthwaite; NAN when se == 0 */
	double t;     /* the t quantile used; NAN when se == 0 */
	double lo, hi;
} stats_welch_ci;

/* Fills out and returns true when n1 >= 2, n2 >= 2, the sds are finite and
 * 0 < level < 1 (0.95 for a 95% interval). When both sds are 0 the interval
 * shrinks to [diff, diff] (the limit as se -> 0); df and t are then NAN.
 * Returns false (out all NAN) otherwise. */
bool stats_welch(int n1, double mean1, double sd1, int n2, double mean2, double sd2,
		 double level, stats_welch_ci *out);

/* Sample variance (n - 1) from exact integer moments: s = sum x,
 * ss = sum x^2. NAN when n < 2. Exact up to the final division as long as
 * n * ss fits in int64 (callers keep the values small). */
double stats_var_int(int64_t n, int64_t s, int64_t ss);

/* Pearson correlation from exact integer moments. NAN when n < 2 or a
 * variable has no variance. */
double stats_pearson_int(int64_t n, int64_t sx, int64_t sy, int64_t sxx, int64_t syy,
			 int64_t sxy);

/* Pearson correlation of x[i*stride] and y[i*stride], i < n, over the
 * pairs where both are not NAN (pairwise complete; two passes). *n_used
 * receives the number of such pairs. NAN when fewer than 2 pairs or no
 * variance. */
double stats_pearson_pairwise(const double *x, const double *y, size_t n, size_t stride,
			      int *n_used);

/* Cronbach's alpha of n_items items from the sum of the item variances and
 * the variance of the sum score: n/(n-1) * (1 - sum_var / total_var).
 * NAN when n_items < 2 or total_var <= 0. */
double stats_cronbach_alpha(int n_items, double sum_item_var, double total_var);

#endif
