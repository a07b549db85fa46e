/* metrics.h - counters and histograms for `GET /metrics` (the Prometheus
 * text format, docs/deployment.md). Lock-free: every thread adds to them
 * with atomic operations; a reader sees each value whole, not all of them
 * at one instant, which the format allows. */
#ifndef WP_METRICS_H
#define WP_METRICS_H

#include <stdatomic.h>
#include <stdint.h>

#include "base/buf.h"

#define METRIC_BOUNDS_MAX 15

/* A histogram of whole-number observations (microseconds, items). */
typedef struct {
	const int64_t *bounds; /* upper bounds, ascending; +Inf is implied */
	int n_bounds;
	_Atomic uint64_t le[METRIC_BOUNDS_MAX + 1]; /* per bucket, not cumulative */
	_Atomic uint64_t sum;
} metric_hist;

/* Durations in microseconds: 1 ms .. 10 s. */
#define METRIC_DURATION_N 11
extern const int64_t metric_duration_bounds[METRIC_DURATION_N];
#define METRIC_DURATIONS {.bounds = metric_duration_bounds, .n_bounds = METRIC_DURATION_N}

void metric_hist_add(metric_hist *h, int64_t value);

/* Write h as a Prometheus histogram `name` with the label text `labels`
 * (`group="api"`, or "" for none); values are multiplied by scale (1e-6
 * turns microseconds into seconds). The # TYPE line is the caller's. */
void metric_hist_write(buf *out, const char *name, const char *labels, const metric_hist *h, double scale);

/* Counters that several layers add to. */
typedef enum { MC_REMINDERS_SENT, MC_STORE_ERRORS, MC_COUNT } metric_counter;

void metric_count(metric_counter c, uint64_t n);
uint64_t metric_value(metric_counter c);

#endif
