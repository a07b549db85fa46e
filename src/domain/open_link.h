/* open_link.h - the rules of a round's open link (the QR poster): anyone
 * who has it can start a response, so it is guarded by limits per link
 * and per browser, and what came in through it is shown to the
 * coordinator. Pure functions, no I/O; times are Unix seconds.
 *
 * Starts, submissions and withdrawals through the open link are counted
 * per round in buckets of OPEN_LINK_BUCKET seconds (the store keeps one
 * row per round and bucket, never a row per response). A bucket takes at
 * most a set number of starts and of submissions; past that the link
 * answers 429 until the next bucket. */
#ifndef WP_OPEN_LINK_H
#define WP_OPEN_LINK_H

#include <stdbool.h>
#include <stdint.h>

#define OPEN_LINK_BUCKET 600 /* seconds: the limits are per 10 minutes */
/* Default limits per bucket. Two classes of 35 behind one school's NAT
 * can start and send at once; a script gets at most 100 through in ten
 * minutes (not the 1,160 a second of an unguarded link), and the
 * coordinator sees it. Per link, not per address: a school or a hospital
 * sends everyone from one address. */
#define OPEN_LINK_STARTS_DEFAULT 100
#define OPEN_LINK_SUBMITS_DEFAULT 100
/* After sending, the same browser can start again on the same open link
 * only after this many seconds. Long enough that a person filling in the
 * questionnaire again and again by hand in one browser has to wait
 * between each; short enough that a tablet shared on a ward can be handed
 * to the next person (who reads the welcome page first anyway). It is a
 * speed bump for people, not a defence against scripts (they drop
 * cookies): the limits per link are that. */
#define OPEN_LINK_COOLDOWN_DEFAULT 120
/* A bucket with this many submissions is a burst worth a look. */
#define OPEN_LINK_BURST 20
/* Days of activity the round page lists. */
#define OPEN_LINK_DAYS_SHOWN 14

/* The start of the bucket that holds `now`. */
int64_t open_link_bucket(int64_t now);
/* Seconds until the bucket of `now` ends (1..OPEN_LINK_BUCKET): the
 * Retry-After of a refusal. */
int open_link_retry_after(int64_t now);
/* Seconds a browser that sent at `sent_at` still has to wait at `now`
 * before it can start again; 0 when it may. */
int open_link_cooldown_left(int64_t sent_at, int64_t now, int cooldown);

/* One day's activity of a round's open link (the store sums its buckets). */
typedef struct {
	int64_t day; /* days since 1970-01-01 (UTC) */
	int starts, submits, withdrawals;
	int refused;  /* starts and submissions refused for the limits */
	int busiest;  /* the most submissions in one bucket of the day */
} open_link_day;

/* What the round page says about it. */
typedef struct {
	int withdrawals;        /* over the whole round */
	int refused;            /* over the whole round */
	int64_t last_refused;   /* the last day with a refusal, or -1 */
	int64_t last_burst;     /* the last day with a bucket of OPEN_LINK_BURST
				   submissions or more, or -1 */
	int burst_size;         /* the busiest bucket of that day */
	int shown;              /* how many of the days (newest first) to list */
} open_link_summary;

/* Summarise days, newest first. */
void open_link_summarise(const open_link_day *days, int n, open_link_summary *out);

#endif
