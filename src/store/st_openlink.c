/* st_openlink.c - what came in through a round's open link, counted per
 * round and bucket of ten minutes (migration 6, src/domain/open_link.h).
 * Only counts: no row here points at a response. */
#include "store/store_internal.h"

#include <stdint.h>

#define NO_LIMIT INT32_MAX

/* Add the counts to the row of (round, bucket), unless that would take its
 * starts past max_starts or its submissions past max_submits: then nothing
 * changes and *counted is false. One statement, so that two servers on one
 * PostgreSQL database cannot both take the last place of a bucket (the
 * update locks the row and checks the rule on its newest version). In a
 * plan it must return its row: over the limit, the plan does not apply
 * and the request runs again as ordinary work, which refuses it. */
#define ADD_COUNTS \
	"INSERT INTO open_link_activity (round_id, bucket_start, starts, submits, withdrawals," \
	" refused_starts, refused_submits) VALUES (?, ?, ?, ?, ?, ?, ?)" \
	" ON CONFLICT (round_id, bucket_start) DO UPDATE SET" \
	" starts = open_link_activity.starts + excluded.starts," \
	" submits = open_link_activity.submits + excluded.submits," \
	" withdrawals = open_link_activity.withdrawals + excluded.withdrawals," \
	" refused_starts = open_link_activity.refused_starts + excluded.refused_starts," \
	" refused_submits = open_link_activity.refused_submits + excluded.refused_submits" \
	" WHERE open_link_activity.starts + excluded.starts <= ?" \
	" AND open_link_activity.submits + excluded.submits <= ?" \
	" RETURNING round_id"

static store_rc add(store *st, int64_t round_id, int64_t bucket, const int delta[5],
		    int64_t max_starts, int64_t max_submits, bool *counted)
{
	const int64_t v[9] = {round_id, bucket, delta[0], delta[1], delta[2], delta[3], delta[4],
			      max_starts, max_submits};
	db_call *call = st_plan_add(st, SQL(ADD_COUNTS), 1);
	if (call) {
		for (int i = 0; i < 9; i++)
			db_call_int(call, i + 1, v[i]);
		call->last = true; /* every start and submission of the link updates it */
		*counted = true;
		return ST_OK;
	}
	db_stmt *s = db_prepare(st->c, SQL(ADD_COUNTS));
	for (int i = 0; i < 9; i++)
		db_bind_int(s, i + 1, v[i]);
	int64_t got = 0;
	store_rc rc = st_insert_id(s, &got);
	*counted = rc == ST_OK && got == round_id;
	return rc;
}

store_rc store_open_link_count(store *st, int64_t round_id, int64_t bucket, open_event e, int limit,
			       bool *counted)
{
	int delta[5] = {e == OPEN_START, e == OPEN_SUBMIT, e == OPEN_WITHDRAW, 0, 0};
	return add(st, round_id, bucket, delta, e == OPEN_START ? limit : NO_LIMIT,
		   e == OPEN_SUBMIT ? limit : NO_LIMIT, counted);
}

store_rc store_open_link_refused(store *st, int64_t round_id, int64_t bucket, open_event e)
{
	int delta[5] = {0, 0, 0, e == OPEN_START, e == OPEN_SUBMIT};
	bool counted;
	return add(st, round_id, bucket, delta, NO_LIMIT, NO_LIMIT, &counted);
}

store_rc store_open_link_days(store *st, arena *a, int64_t round_id, open_link_day **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT bucket_start / 86400, SUM(starts), SUM(submits), SUM(withdrawals),"
		" SUM(refused_starts + refused_submits), MAX(submits) FROM open_link_activity"
		" WHERE round_id = ? GROUP BY bucket_start / 86400 ORDER BY bucket_start / 86400 DESC"));
	db_bind_int(s, 1, round_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		open_link_day *d = st_vec_push(a, &v, sizeof *d);
		d->day = db_int(s, 0);
		d->starts = (int)db_int(s, 1);
		d->submits = (int)db_int(s, 2);
		d->withdrawals = (int)db_int(s, 3);
		d->refused = (int)db_int(s, 4);
		d->busiest = (int)db_int(s, 5);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
