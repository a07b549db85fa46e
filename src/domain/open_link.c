/* open_link.c - the open link's buckets, cool-down and summary (open_link.h). */
#include "open_link.h"

int64_t open_link_bucket(int64_t now)
{
	return now - (now % OPEN_LINK_BUCKET + OPEN_LINK_BUCKET) % OPEN_LINK_BUCKET;
}

int open_link_retry_after(int64_t now)
{
	return (int)(open_link_bucket(now) + OPEN_LINK_BUCKET - now);
}

int open_link_cooldown_left(int64_t sent_at, int64_t now, int cooldown)
{
	int64_t left = sent_at + cooldown - now;
	if (left <= 0)
		return 0;
	/* a time in the future (a forged cookie, a clock set back) waits no
	 * longer than one cool-down */
	return left > cooldown ? cooldown : (int)left;
}

void open_link_summarise(const open_link_day *days, int n, open_link_summary *out)
{
	*out = (open_link_summary){.last_refused = -1, .last_burst = -1};
	for (int i = 0; i < n; i++) {
		const open_link_day *d = &days[i];
		out->withdrawals += d->withdrawals;
		out->refused += d->refused;
		if (d->refused && d->day > out->last_refused)
			out->last_refused = d->day;
		if (d->busiest >= OPEN_LINK_BURST && d->day > out->last_burst) {
			out->last_burst = d->day;
			out->burst_size = d->busiest;
		}
	}
	out->shown = n < OPEN_LINK_DAYS_SHOWN ? n : OPEN_LINK_DAYS_SHOWN;
}
