/* zone.h - the site's time zone, for showing times to people. Times are
 * stored and computed in UTC (seconds since the epoch); only what a page
 * shows is local.
 *
 * The zone is the process's own: zone_set() puts it in TZ once, at start,
 * before any thread runs; from then on localtime_r() reads it from every
 * thread without a race (TZ never changes again). */
#ifndef WP_ZONE_H
#define WP_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZONE_DEFAULT "Europe/Amsterdam"
/* Room for the longest text zone_format writes, with its NUL. */
#define ZONE_TIME_CHARS 40

/* True when name is a zone of the system's tz database ("Europe/Amsterdam",
 * "UTC"): a plain relative name whose file under $TZDIR (default
 * /usr/share/zoneinfo) is a TZif file. */
bool zone_known(const char *name);

/* Make name the zone of the process; false (nothing changed) when it is
 * not known. Only while the process has one thread. */
bool zone_set(const char *name);

/* The name given to the last successful zone_set, or "" before one
 * (localtime_r then uses the machine's zone: `serve` always sets one). */
const char *zone_name(void);

/* t in the process's zone as "6 december 2026 14:05" (Dutch) or
 * "6 December 2026 14:05" (english), or only the date when with_time is
 * false. out holds at least ZONE_TIME_CHARS bytes. */
void zone_format(int64_t t, bool english, bool with_time, char out[ZONE_TIME_CHARS]);

#endif
