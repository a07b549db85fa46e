#include "web/ops_metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "base/metrics.h"

/* The groups: the questionnaire, a workplace's pages, the API, the site
 * administration, share links, static files, these two (healthz and
 * metrics), the rest. */
enum { G_R, G_PW, G_API, G_ADMIN, G_S, G_STATIC, G_OPS, G_OTHER, G_COUNT };
static const char *const group_name[G_COUNT] = {"r", "pw", "api", "admin", "s", "static", "ops", "other"};
/* status classes 1xx..5xx; index 0: abandoned */
#define CLASSES 6
static const char *const class_name[CLASSES] = {"aborted", "1xx", "2xx", "3xx", "4xx", "5xx"};

_Static_assert(G_COUNT == 8, "one METRIC_DURATIONS below per group");
static _Atomic uint64_t answers[G_COUNT][CLASSES];
static metric_hist durations[G_COUNT] = {METRIC_DURATIONS, METRIC_DURATIONS, METRIC_DURATIONS, METRIC_DURATIONS,
					 METRIC_DURATIONS, METRIC_DURATIONS, METRIC_DURATIONS, METRIC_DURATIONS};

static int group_of(const char *path)
{
	if (strcmp(path, "/healthz") == 0 || strcmp(path, "/metrics") == 0)
		return G_OPS;
	for (int g = 0; g < G_OPS; g++) {
		size_t n = strlen(group_name[g]);
		if (path[0] == '/' && strncmp(path + 1, group_name[g], n) == 0 &&
		    (path[1 + n] == '/' || path[1 + n] == '\0' || path[1 + n] == '?'))
			return g;
	}
	return G_OTHER;
}

void ops_request_done(const char *path, int status, int64_t micros)
{
	int g = group_of(path ? path : "");
	int c = status >= 100 && status < 600 ? status / 100 : 0;
	atomic_fetch_add_explicit(&answers[g][c], 1, memory_order_relaxed);
	metric_hist_add(&durations[g], micros);
}

void ops_requests_write(buf *out)
{
	buf_puts(out, "# HELP werkplaats_requests_total Requests answered, by group of routes and status class.\n"
		      "# TYPE werkplaats_requests_total counter\n");
	for (int g = 0; g < G_COUNT; g++)
		for (int c = 0; c < CLASSES; c++)
			buf_printf(out, "werkplaats_requests_total{group=\"%s\",status=\"%s\"} %llu\n", group_name[g],
				   class_name[c], (unsigned long long)atomic_load(&answers[g][c]));
	buf_puts(out, "# HELP werkplaats_request_duration_seconds From the request's arrival to its answer.\n"
		      "# TYPE werkplaats_request_duration_seconds histogram\n");
	for (int g = 0; g < G_COUNT; g++) {
		char labels[32];
		snprintf(labels, sizeof labels, "group=\"%s\"", group_name[g]);
		metric_hist_write(out, "werkplaats_request_duration_seconds", labels, &durations[g], 1e-6);
	}
}
