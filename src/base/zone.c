#include "base/zone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char current[128];

/* Letters, digits and _ + - in parts separated by single slashes: no
 * absolute path, no "..", nothing TZ would read as a rule. */
static bool zone_name_well_formed(const char *name)
{
	size_t n = strlen(name);
	if (!n || n >= sizeof current || name[0] == '/' || name[n - 1] == '/' || strstr(name, "//") ||
	    name[0] == '.' || strstr(name, "/."))
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      strchr("_+-/.", *p)))
			return false;
	return true;
}

bool zone_known(const char *name)
{
	if (!name || !zone_name_well_formed(name))
		return false;
	const char *dir = getenv("TZDIR");
	char path[512], magic[4];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool tzif = fread(magic, 1, sizeof magic, f) == sizeof magic && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return tzif;
}

bool zone_set(const char *name)
{
	if (!zone_known(name))
		return false;
	/* the leading colon: a file of the tz database, never a POSIX rule */
	char tz[sizeof current + 1];
	snprintf(tz, sizeof tz, ":%s", name);
	if (setenv("TZ", tz, 1) != 0)
		return false;
	tzset();
	snprintf(current, sizeof current, "%s", name);
	return true;
}

const char *zone_name(void)
{
	return current;
}

void zone_format(int64_t t, bool english, bool with_time, char out[ZONE_TIME_CHARS])
{
	static const char *const nl[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
					 "juli",    "augustus", "september", "oktober", "november", "december"};
	static const char *const en[] = {"January", "February", "March",     "April",   "May",      "June",
					 "July",    "August",   "September", "October", "November", "December"};
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm)) {
		snprintf(out, ZONE_TIME_CHARS, "?");
		return;
	}
	const char *month = (english ? en : nl)[tm.tm_mon];
	if (with_time)
		snprintf(out, ZONE_TIME_CHARS, "%d %s %d %02d:%02d", tm.tm_mday, month, tm.tm_year + 1900, tm.tm_hour,
			 tm.tm_min);
	else
		snprintf(out, ZONE_TIME_CHARS, "%d %s %d", tm.tm_mday, month, tm.tm_year + 1900);
}
