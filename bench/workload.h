/* workload.h - what one questionnaire submission contains, shared by the
 * HTTP load generator (load.c) and the raw SQLite reference
 * (raw_submit.c), so that both store the same rows: the statements each
 * perspective is shown (read from the instrument JSON, as the server
 * does), perspectives taken in turn, answers 1..5 or "don't know". */
#ifndef WP_BENCH_WORKLOAD_H
#define WP_BENCH_WORKLOAD_H

#include <stdint.h>

#define WL_PERSPECTIVES 7
#define WL_MAX_ITEMS 64

typedef struct {
	const char *code;               /* "student", ... as stored */
	int n;                          /* statements shown to it */
	char ids[WL_MAX_ITEMS][16];     /* statement ids ("LOS1"), instrument order */
} wl_perspective;

/* Read the statements of the instrument at path for every perspective;
 * exits with a message when the file cannot be read. */
void wl_load(const char *path, wl_perspective out[WL_PERSPECTIVES]);

/* The perspective of submission number i. */
int wl_persp_of(uint64_t i);

/* The next answer from a per-client generator: 1..5, or 0 for "don't
 * know" (about one in twelve), stored as a missing value. */
int wl_value(uint64_t *rng);

/* Seconds on a monotonic clock. */
double wl_now(void);

#endif
