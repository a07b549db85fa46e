/* learning.c - see learning.h. */
#include "learning.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void learning_outcomes_by_round(const char *const *dates, const int *cats, int n, const char *const *closes,
				int nr, int (*out)[OUT_COUNT], int after[OUT_COUNT])
{
	for (int i = 0; i < nr; i++)
		memset(out[i], 0, sizeof out[i]);
	memset(after, 0, sizeof(int) * OUT_COUNT);
	for (int j = 0; j < n; j++) {
		if (cats[j] < 0 || cats[j] >= OUT_COUNT)
			continue;
		int i = 0;
		/* the first round that closed on or after the outcome's day */
		while (i < nr && strcmp(dates[j], closes[i]) > 0)
			i++;
		if (i < nr)
			out[i][cats[j]]++;
		else
			after[cats[j]]++;
	}
}

void learning_before_after(const learning_round *rs, int n, const char *on, int tied, int *before, int *after)
{
	*before = *after = -1;
	if (tied >= 0 && tied < n && rs[tied].shown)
		*before = tied;
	else
		for (int i = 0; i < n; i++)
			if (rs[i].shown && strcmp(rs[i].closes_on, on) <= 0)
				*before = i;
	for (int i = n - 1; i >= 0; i--)
		if (rs[i].shown && strcmp(rs[i].opens_on, on) > 0 && (*before < 0 || i > *before))
			*after = i;
}

/* The rank of v[i] among v[0..n-1], 1 for the smallest; tied values share
 * the mean of the ranks they span. */
static double rank_of(const double *v, int n, int i)
{
	int below = 0, same = 0;
	for (int j = 0; j < n; j++) {
		below += v[j] < v[i];
		same += v[j] == v[i];
	}
	return below + (same + 1) / 2.0;
}

double learning_spearman(const double *x, const double *y, int n)
{
	if (n < 2)
		return NAN;
	/* the ranks of x and of y each have mean (n + 1) / 2 */
	double mean = (n + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
	for (int i = 0; i < n; i++) {
		double a = rank_of(x, n, i) - mean, b = rank_of(y, n, i) - mean;
		sxy += a * b;
		sxx += a * a;
		syy += b * b;
	}
	if (sxx <= 0 || syy <= 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

/* The association of element e with outcome value v (per workplace). */
static learning_assoc associate_one(const learning_profile *ps, int n, int min_n, double *scratch, int e,
				    double (*value)(const learning_profile *p, int o), int o)
{
	double *x = scratch, *y = scratch + n;
	int m = 0;
	for (int i = 0; i < n; i++) {
		double a = ps[i].element[e], b = value(&ps[i], o);
		if (isfinite(a) && isfinite(b)) {
			x[m] = a;
			y[m] = b;
			m++;
		}
	}
	learning_assoc out = {m, false, NAN};
	if (m >= min_n && m >= 2) {
		out.rho = learning_spearman(x, y, m);
		out.shown = true;
	}
	return out;
}

static double scale_of(const learning_profile *p, int o)
{
	return p->outcome[o];
}

static double registered_of(const learning_profile *p, int o)
{
	return p->registered[o] >= 0 ? (double)p->registered[o] : NAN;
}

void learning_associate(const learning_profile *ps, int n, int min_n, double *scratch, learning_associations *out)
{
	for (int e = 0; e < EL_COUNT; e++)
		for (int o = 0; o < OUT_COUNT; o++) {
			out->scale[e][o] = associate_one(ps, n, min_n, scratch, e, scale_of, o);
			out->registered[e][o] = associate_one(ps, n, min_n, scratch, e, registered_of, o);
		}
}

bool learning_year_before(const char *day, char out[11])
{
	if (strlen(day) != 10 || day[4] != '-' || day[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (day[i] < '0' || day[i] > '9'))
			return false;
	int year = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
	if (year < 1)
		return false;
	snprintf(out, 11, "%04d%s", year - 1, day + 4);
	return true;
}

/* Year, month and day of YYYY-MM-DD; false for anything else. */
static bool ymd(const char *d, int *y, int *m, int *day)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	int v[8], k = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (d[i] < '0' || d[i] > '9')
			return false;
		v[k++] = d[i] - '0';
	}
	*y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	*m = v[4] * 10 + v[5];
	*day = v[6] * 10 + v[7];
	return *m >= 1 && *m <= 12 && *day >= 1 && *day <= 31;
}

learning_age learning_age_of(const char *start, const char *today)
{
	int sy, sm, sd, ty, tm, td;
	if (!ymd(start, &sy, &sm, &sd) || !ymd(today, &ty, &tm, &td) || strcmp(start, today) > 0)
		return AGE_UNKNOWN;
	/* whole years: the anniversary counts from its day on */
	int years = ty - sy - (tm < sm || (tm == sm && td < sd));
	return years < 2 ? AGE_YOUNG : years < 5 ? AGE_GROWING : AGE_MATURE;
}

static const char *const age_codes[AGE_COUNT] = {"unknown", "young", "growing", "mature"};

const char *learning_age_code(learning_age a)
{
	return a >= 0 && a < AGE_COUNT ? age_codes[a] : "unknown";
}

int learning_age_from_code(const char *code)
{
	for (int i = 0; code && i < AGE_COUNT; i++)
		if (strcmp(code, age_codes[i]) == 0)
			return i;
	return -1;
}
