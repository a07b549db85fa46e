/* reminder.h - the reminders a coordinator plans for a round: "after 5
 * and 10 days" (days after the round opens), and when each is due. Pure:
 * no I/O, no allocation.
 *
 * A reminder of day d is due from REMINDER_HOUR_UTC o'clock (UTC) on the
 * day d days after the opening date, and only while the round is open:
 * one planned for a day after the closing date is refused when planned,
 * and one whose round closed early is not sent. */
#ifndef WP_REMINDER_H
#define WP_REMINDER_H

#include <stdbool.h>
#include <stdint.h>

#define REMINDER_MAX 3       /* reminders per round */
#define REMINDER_DAY_MAX 365 /* days after opening */
#define REMINDER_HOUR_UTC 8  /* a reminder goes out from 08:00 UTC on its day */
#define REMINDER_TEXT_MAX 100 /* characters of the field */

typedef enum {
	REM_OK,
	REM_BAD_TEXT,     /* not whole numbers separated by commas, spaces or "en"/"and" */
	REM_OUT_OF_RANGE, /* a day outside 1..REMINDER_DAY_MAX (bad_value) */
	REM_TOO_MANY,     /* more than REMINDER_MAX */
	REM_TWICE,        /* the same day twice (bad_value) */
} reminder_problem;

/* Parse the days of a round's reminders: "5, 10", "5 en 10", "5 and 10",
 * "3;7". Empty (or only spaces): no reminders. On REM_OK days[0..*n) are
 * the days in ascending order; otherwise *bad_value is the offending
 * number where there is one. */
reminder_problem reminder_days_parse(const char *text, int days[REMINDER_MAX], int *n,
				     int *bad_value);

/* When the reminder of `day` is due, in seconds since the epoch, for a
 * round that opens on `opens_day` (days since 1970-01-01). */
int64_t reminder_due_at(int64_t opens_day, int day);

/* Does the reminder of `day` fall within the round, on or before its
 * closing day? */
bool reminder_within_round(int64_t opens_day, int64_t closes_day, int day);

/* Should a reminder not yet sent go out at `now`? Only when its time has
 * come; the caller checks the round is still open (reminder_round_open). */
bool reminder_is_due(int64_t due_at, int64_t now);

/* Is the round still taking answers at `now`: not closed early and not
 * past its closing day (days since 1970-01-01, UTC)? */
bool reminder_round_open(int64_t closes_day, bool closed_early, int64_t now);

/* "5, 10" for days[0..n) into out (size bytes; at least 16 per day). */
void reminder_days_format(const int *days, int n, char *out, int size);

#endif
