/* retention.h - how long personal data is kept (issue 18, the GDPR's
 * storage limitation). Pure: no I/O.
 *
 * Four kinds, each a number of days; 0 means no limit is set (kept until
 * someone deletes it). Answers, comments and invitation addresses count
 * from the day a round closed (its closing date); the audit log counts
 * from each entry's own moment. The site sets a limit per kind; a
 * workplace can only make it shorter, never longer, so that the site's
 * promise to participants holds for every workplace. Comments belong to
 * the answers and go with them at the latest. */
#ifndef WP_RETENTION_H
#define WP_RETENTION_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { RET_ANSWERS, RET_COMMENTS, RET_ADDRESSES, RET_AUDIT, RET_KIND_COUNT } retention_kind;

#define RETENTION_DAYS_MAX 36500 /* a hundred years: the largest limit accepted */

typedef struct {
	int days[RET_KIND_COUNT]; /* 0: no limit */
} retention_policy;

/* "answers", "comments", "addresses", "audit". */
const char *retention_kind_code(retention_kind k);

/* The limits that hold for a workplace: per kind the shorter of the
 * site's and the workplace's (0 counts as no limit); comments never
 * longer than answers. */
retention_policy retention_effective(const retention_policy *site, const retention_policy *workplace);

/* Is a workplace's own limit allowed under the site's: 0 (the site's
 * holds), or 1..RETENTION_DAYS_MAX and not longer than the site's when
 * the site sets one. */
bool retention_allowed(int site_days, int workplace_days);

/* Is data of a round that closed on day `closed` (days since 1970) past
 * a limit of `days` on day `today`? Kept for `days` full days after the
 * closing day; never past with no limit. */
bool retention_past(int64_t closed, int days, int64_t today);

/* The first moment (seconds) that is still kept on day `today` under a
 * limit of `days` for entries dated by their moment (the audit log);
 * entries before it are past. Only for days > 0. */
int64_t retention_cutoff(int days, int64_t today);

#endif
