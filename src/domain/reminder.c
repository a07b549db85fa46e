/* reminder.c - planned reminders of a round: parsing "after 5 and 10
 * days" and when each is due. */
#include "reminder.h"

#include <stdio.h>
#include <string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == ',' || c == ';';
}

/* Skip separators: spaces, commas, semicolons and the words "en" and
 * "and" between numbers. */
static const char *skip_separators(const char *p)
{
	for (;;) {
		while (is_space(*p))
			p++;
		if ((strncmp(p, "en", 2) == 0 && (p[2] == ' ' || !p[2])) ||
		    (strncmp(p, "and", 3) == 0 && (p[3] == ' ' || !p[3])))
			p += p[1] == 'n' && p[2] == 'd' ? 3 : 2;
		else
			return p;
	}
}

/* One number of at most 6 digits at p; -1 when there is none. */
static long read_number(const char **pp)
{
	const char *p = *pp;
	long v = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9') {
		if (++digits > 6)
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	if (!digits || (*p && !is_space(*p)))
		return -1;
	*pp = p;
	return v;
}

static void sort_days(int *days, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && days[j - 1] > days[j]; j--) {
			int t = days[j];
			days[j] = days[j - 1];
			days[j - 1] = t;
		}
}

reminder_problem reminder_days_parse(const char *text, int days[REMINDER_MAX], int *n,
				     int *bad_value)
{
	*n = 0;
	*bad_value = 0;
	const char *p = skip_separators(text);
	while (*p) {
		long v = read_number(&p);
		if (v < 0)
			return REM_BAD_TEXT;
		if (v < 1 || v > REMINDER_DAY_MAX) {
			*bad_value = (int)v;
			return REM_OUT_OF_RANGE;
		}
		for (int i = 0; i < *n; i++)
			if (days[i] == v) {
				*bad_value = (int)v;
				return REM_TWICE;
			}
		if (*n == REMINDER_MAX)
			return REM_TOO_MANY;
		days[(*n)++] = (int)v;
		p = skip_separators(p);
	}
	sort_days(days, *n);
	return REM_OK;
}

int64_t reminder_due_at(int64_t opens_day, int day)
{
	return (opens_day + day) * 86400 + REMINDER_HOUR_UTC * 3600;
}

bool reminder_within_round(int64_t opens_day, int64_t closes_day, int day)
{
	return opens_day + day <= closes_day;
}

bool reminder_is_due(int64_t due_at, int64_t now)
{
	return due_at <= now;
}

bool reminder_round_open(int64_t closes_day, bool closed_early, int64_t now)
{
	return !closed_early && now / 86400 <= closes_day;
}

void reminder_days_format(const int *days, int n, char *out, int size)
{
	int used = 0;
	out[0] = 0;
	for (int i = 0; i < n && used < size; i++)
		used += snprintf(out + used, (size_t)(size - used), "%s%d", i ? ", " : "", days[i]);
}
