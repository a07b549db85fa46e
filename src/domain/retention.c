#include "domain/retention.h"

const char *retention_kind_code(retention_kind k)
{
	static const char *const codes[RET_KIND_COUNT] = {"answers", "comments", "addresses", "audit"};
	return k >= 0 && k < RET_KIND_COUNT ? codes[k] : "";
}

/* The shorter of two limits where 0 is none. */
static int shorter(int a, int b)
{
	if (a <= 0)
		return b > 0 ? b : 0;
	if (b <= 0)
		return a;
	return a < b ? a : b;
}

retention_policy retention_effective(const retention_policy *site, const retention_policy *workplace)
{
	retention_policy out;
	for (int k = 0; k < RET_KIND_COUNT; k++)
		out.days[k] = shorter(site->days[k], workplace ? workplace->days[k] : 0);
	out.days[RET_COMMENTS] = shorter(out.days[RET_COMMENTS], out.days[RET_ANSWERS]);
	return out;
}

bool retention_allowed(int site_days, int workplace_days)
{
	if (workplace_days == 0)
		return true;
	if (workplace_days < 1 || workplace_days > RETENTION_DAYS_MAX)
		return false;
	return site_days <= 0 || workplace_days <= site_days;
}

bool retention_past(int64_t closed, int days, int64_t today)
{
	return days > 0 && today > closed + days;
}

int64_t retention_cutoff(int days, int64_t today)
{
	return (today - days) * 86400;
}
