#include "base/metrics.h"

#include <stdio.h>

const int64_t metric_duration_bounds[METRIC_DURATION_N] = {1000,   5000,   10000,   25000,   50000,   100000,
							  250000, 500000, 1000000, 2500000, 10000000};

static _Atomic uint64_t counters[MC_COUNT];

void metric_hist_add(metric_hist *h, int64_t value)
{
	int i = 0;
	while (i < h->n_bounds && value > h->bounds[i])
		i++;
	atomic_fetch_add_explicit(&h->le[i], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->sum, value > 0 ? (uint64_t)value : 0, memory_order_relaxed);
}

void metric_hist_write(buf *out, const char *name, const char *labels, const metric_hist *h, double scale)
{
	const char *sep = *labels ? "," : "";
	uint64_t cumulative = 0;
	for (int i = 0; i <= h->n_bounds; i++) {
		cumulative += atomic_load_explicit(&h->le[i], memory_order_relaxed);
		if (i < h->n_bounds)
			buf_printf(out, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, labels, sep,
				   (double)h->bounds[i] * scale, (unsigned long long)cumulative);
		else
			buf_printf(out, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, labels, sep,
				   (unsigned long long)cumulative);
	}
	const char *open = *labels ? "{" : "", *close = *labels ? "}" : "";
	buf_printf(out, "%s_sum%s%s%s %g\n", name, open, labels, close,
		   (double)atomic_load_explicit(&h->sum, memory_order_relaxed) * scale);
	/* the +Inf bucket's count: the two agree even while others add */
	buf_printf(out, "%s_count%s%s%s %llu\n", name, open, labels, close, (unsigned long long)cumulative);
}

void metric_count(metric_counter c, uint64_t n)
{
	atomic_fetch_add_explicit(&counters[c], n, memory_order_relaxed);
}

uint64_t metric_value(metric_counter c)
{
	return atomic_load_explicit(&counters[c], memory_order_relaxed);
}
