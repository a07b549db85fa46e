#include "stats.h"

#include <float.h>
#include <math.h>

#define PI 3.14159265358979323846

/* Lanczos approximation, g = 7, nine coefficients. */
static const double lanczos[9] = {
	0.99999999999980993,     676.5203681218851,     -1259.1392167224028,
	771.32342877765313,      -176.61502916214059,   12.507343278686905,
	-0.13857109526572012,    9.9843695780195716e-6, 1.5056327351493116e-7,
};

double stats_lgamma(double x)
{
	if (isnan(x) || x <= 0)
		return NAN;
	if (x < 0.5) /* reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x) */
		return log(PI / sin(PI * x)) - stats_lgamma(1 - x);
	x -= 1;
	double a = lanczos[0];
	for (int i = 1; i < 9; i++)
		a += lanczos[i] / (x + i);
	double t = x + 7.5;
	return 0.5 * log(2 * PI) + (x + 0.5) * log(t) - t + log(a);
}

/* The continued fraction of I_x(a, b), evaluated by the modified Lentz
 * method; converges fast for x < (a + 1) / (a + b + 2). */
static double beta_fraction(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-16;
	double c = 1, d = 1 - (a + b) * x / (a + 1);
	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	double h = d;
	for (int m = 1; m <= 100000; m++) {
		double m2 = 2.0 * m;
		double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + num * d;
		d = fabs(d) < tiny ? 1 / tiny : 1 / d;
		c = 1 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + num * d;
		d = fabs(d) < tiny ? 1 / tiny : 1 / d;
		c = 1 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		double step = d * c;
		h *= step;
		if (fabs(step - 1) < eps)
			break;
	}
	return h;
}

/* I_x(a, b) with y = 1 - x given separately, so that callers that know y
 * more precisely than 1 - x keep that precision. */
static double betainc_xy(double a, double b, double x, double y)
{
	if (x <= 0)
		return 0;
	if (y <= 0)
		return 1;
	double lbeta = stats_lgamma(a) + stats_lgamma(b) - stats_lgamma(a + b);
	double front = exp(a * log(x) + b * log(y) - lbeta);
	if (x < (a + 1) / (a + b + 2))
		return front * beta_fraction(a, b, x) / a;
	return 1 - front * beta_fraction(b, a, y) / b;
}

double stats_betainc(double a, double b, double x)
{
	if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1))
		return NAN;
	return betainc_xy(a, b, x, 1 - x);
}

/* P(T > t) for t >= 0. */
static double t_tail(double t, double df)
{
	double t2 = t * t;
	if (isinf(t2))
		return 0;
	double x = df / (df + t2), y = t2 / (df + t2);
	return 0.5 * betainc_xy(df / 2, 0.5, x, y);
}

static double t_pdf(double t, double df)
{
	double lc = stats_lgamma((df + 1) / 2) - stats_lgamma(df / 2) - 0.5 * log(df * PI);
	return exp(lc - (df + 1) / 2 * log1p(t * t / df));
}

double stats_t_cdf(double t, double df)
{
	if (isnan(t) || isnan(df) || df <= 0)
		return NAN;
	if (t == 0)
		return 0.5;
	double tail = t_tail(fabs(t), df);
	return t > 0 ? 1 - tail : tail;
}

/* The t > 0 with P(T > t) = q, 0 < q < 0.5. The tail falls as t grows;
 * Newton steps that leave the bracket [lo, hi] become bisection steps. */
static double t_upper(double q, double df)
{
	double lo = 0, hi = 1;
	while (t_tail(hi, df) > q) {
		lo = hi;
		hi *= 2;
		if (hi > DBL_MAX / 4)
			return INFINITY;
	}
	double t = 0.5 * (lo + hi);
	for (int i = 0; i < 300; i++) {
		double f = t_tail(t, df) - q;
		if (f == 0)
			return t;
		if (f > 0)
			lo = t;
		else
			hi = t;
		double next = t + f / t_pdf(t, df);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 1e-14 * next || hi - lo <= 1e-15 * hi)
			return next;
		t = next;
	}
	return t;
}

double stats_t_quantile(double p, double df)
{
	if (isnan(p) || isnan(df) || !(p > 0 && p < 1) || df <= 0)
		return NAN;
	if (p == 0.5)
		return 0;
	double t = t_upper(p < 0.5 ? p : 1 - p, df);
	return p < 0.5 ? -t : t;
}

static void welch_nan(stats_welch_ci *out)
{
	out->diff = out->se = out->df = out->t = out->lo = out->hi = NAN;
}

bool stats_welch(int n1, double mean1, double sd1, int n2, double mean2, double sd2,
		 double level, stats_welch_ci *out)
{
	welch_nan(out);
	if (n1 < 2 || n2 < 2 || !isfinite(mean1) || !isfinite(mean2) || !isfinite(sd1) ||
	    !isfinite(sd2) || !(level > 0 && level < 1))
		return false;
	double v1 = sd1 * sd1 / n1, v2 = sd2 * sd2 / n2;
	out->diff = mean2 - mean1;
	out->se = sqrt(v1 + v2);
	if (out->se == 0) {
		out->lo = out->hi = out->diff;
		return true;
	}
	out->df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
	out->t = stats_t_quantile(1 - (1 - level) / 2, out->df);
	out->lo = out->diff - out->t * out->se;
	out->hi = out->diff + out->t * out->se;
	return true;
}

double stats_var_int(int64_t n, int64_t s, int64_t ss)
{
	if (n < 2)
		return NAN;
	int64_t num = n * ss - s * s;
	return (double)num / ((double)n * (double)(n - 1));
}

double stats_pearson_int(int64_t n, int64_t sx, int64_t sy, int64_t sxx, int64_t syy,
			 int64_t sxy)
{
	if (n < 2)
		return NAN;
	int64_t vx = n * sxx - sx * sx, vy = n * syy - sy * sy, cov = n * sxy - sx * sy;
	if (vx <= 0 || vy <= 0)
		return NAN;
	double r = (double)cov / sqrt((double)vx * (double)vy);
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

double stats_pearson_pairwise(const double *x, const double *y, size_t n, size_t stride,
			      int *n_used)
{
	double sx = 0, sy = 0;
	int m = 0;
	for (size_t i = 0; i < n * stride; i += stride)
		if (!isnan(x[i]) && !isnan(y[i])) {
			sx += x[i];
			sy += y[i];
			m++;
		}
	*n_used = m;
	if (m < 2)
		return NAN;
	double mx = sx / m, my = sy / m, cxy = 0, cxx = 0, cyy = 0;
	for (size_t i = 0; i < n * stride; i += stride)
		if (!isnan(x[i]) && !isnan(y[i])) {
			double dx = x[i] - mx, dy = y[i] - my;
			cxy += dx * dy;
			cxx += dx * dx;
			cyy += dy * dy;
		}
	/* a constant variable leaves only rounding noise in cxx or cyy */
	double noise_x = m * (1e-12 * (fabs(mx) + 1)) * (1e-12 * (fabs(mx) + 1));
	double noise_y = m * (1e-12 * (fabs(my) + 1)) * (1e-12 * (fabs(my) + 1));
	if (cxx <= noise_x || cyy <= noise_y)
		return NAN;
	double r = cxy / sqrt(cxx * cyy);
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

double stats_cronbach_alpha(int n_items, double sum_item_var, double total_var)
{
	if (n_items < 2 || !(total_var > 0))
		return NAN;
	return (double)n_items / (n_items - 1) * (1 - sum_item_var / total_var);
}
