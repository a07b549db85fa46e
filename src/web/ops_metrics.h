/* ops_metrics.h - what the server counts of its requests, for GET
 * /metrics: per group of routes (the first part of the path) the answers
 * by status class and a histogram of their durations. */
#ifndef WP_OPS_METRICS_H
#define WP_OPS_METRICS_H

#include <stdint.h>

#include "base/buf.h"

/* One finished request: its path, its status (0: abandoned before an
 * answer) and how long it took in microseconds. */
void ops_request_done(const char *path, int status, int64_t micros);

/* The request counters in the Prometheus text format, appended to out. */
void ops_requests_write(buf *out);

#endif
