/* workload.h - what one questionnaire submission contains, shared by the
 * HTTP load generator (load.c) and the raw references (raw_submit.c on
 * SQLite, raw_submit_pg.c on PostgreSQL), so that all store the same
 * rows: the statements each perspective is shown (read from the
 * instrument JSON, as the server does), perspectives taken in turn,
 * answers 1..5 or "don't know". The raw references share their options,
 * their loop and its report (wl_raw_*): only the statements differ. */
#ifndef WP_BENCH_WORKLOAD_H
#define WP_BENCH_WORKLOAD_H

#include <stdint.h>

#define WL_PERSPECTIVES 7
#define WL_MAX_ITEMS 64
#define WL_MAX_PLACES 256 /* questions of a version: the length of responses.answers */

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

/* ---- the raw references ---- */

/* Where each statement's answer goes in responses.answers: at[p][i] is
 * items.position of wl[p].ids[i] in the round's instrument version; n is
 * the number of the version's questions (open ones too), the text's
 * length. */
typedef struct {
	int n;
	int at[WL_PERSPECTIVES][WL_MAX_ITEMS];
} wl_places;

/* A raw reference's run: its options, the statements of the instrument,
 * and where their answers go. */
typedef struct {
	const char *db, *instrument;
	long long round;
	double seconds;
	wl_perspective wl[WL_PERSPECTIVES];
	wl_places pl;
} wl_raw;

/* --db TARGET [--round 7] [--seconds 10] [--instrument FILE], then the
 * instrument's statements into o->wl, no places known yet; exits with the
 * usage line (naming prog) when --db is missing. */
void wl_raw_args(int argc, char **argv, const char *prog, wl_raw *o);
/* One item (code, position) of the round's version, as the reference
 * reads them from its database; exits when the version has too many. */
void wl_places_add(wl_raw *o, const char *code, int position);
/* Exits with a message when a statement was not among the items. */
void wl_places_check(const wl_raw *o);

/* One submission in its own durable transaction: the response row (round,
 * perspective code, access and resume hashes, lang 'nl'), then one update
 * that stores its answers text (len characters) and marks it sent. Exits
 * on any error. */
typedef void (*wl_submit_fn)(void *ctx, const char *perspective, const char *access, const char *resume,
			     const char *answers, int len);

/* Submit for o->seconds, the perspectives in turn, hashes and answers from
 * one generator (seed 42, so every run stores the same rows), then print
 * raw_submissions_per_s=... submissions=... answers=... seconds=... */
void wl_raw_run(const wl_raw *o, wl_submit_fn submit, void *ctx);

#endif
