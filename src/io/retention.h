/* retention.h - deleting what is past its retention limit
 * (src/domain/retention.h): a closed round's raw answers, its comments,
 * its invitation addresses, and audit log entries; and what has expired
 * anyway (sessions, one-time links, login counters). The scheduler of
 * `serve` runs a pass on every wake-up; `werkplaats retention run` runs
 * one from the command line (with --as-of, as if it were another day).
 *
 * Before a round's raw answers go, its released figures are kept as a
 * snapshot (src/figures/snapshot.h) in the same transaction, so the
 * k-safe figures stay for the workplace's development over the years.
 * Each round is one transaction (snapshot, deletions and the audit log
 * entry that says what went); the audit log's own clean-up another. */
#ifndef WP_IO_RETENTION_H
#define WP_IO_RETENTION_H

#include <stdint.h>

#include "store/store.h"

typedef struct {
	int rounds_answers;    /* rounds whose raw answers were deleted */
	int responses;         /* responses deleted with them */
	int rounds_comments;   /* rounds whose comments were deleted (answers kept) */
	int comments;
	int rounds_addresses;  /* rounds whose invitation addresses were deleted */
	int addresses;
	int audit_entries;     /* audit log entries deleted */
	int expired;           /* expired sessions, one-time links, invitations to join, throttle counters */
	int failed;            /* rounds or logs that could not be handled */
} retention_report;

/* One pass at moment `now` as if the day were `today` (days since
 * 1970): deletes what is past its limit. Rounds count as closed by the
 * real clock only (their figures must have been released). */
store_rc retention_pass(store *st, int64_t now, int64_t today, retention_report *out);

#endif
