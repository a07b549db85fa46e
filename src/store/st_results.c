/* st_results.c - reading a round's submitted answers in one pass into the
 * compact arrays the analysis works on, and its comments and triggers. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_round_matrix(store *st, arena *a, int64_t round_id, const int64_t *item_ids,
			    int n_items, int *n_resp, uint8_t **persp, int8_t **answers)
{
	*n_resp = 0;
	*persp = NULL;
	*answers = NULL;
	/* item id -> column: a version's ids lie close together */
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (int i = 0; i < n_items; i++) {
		if (item_ids[i] < lo)
			lo = item_ids[i];
		if (item_ids[i] > hi)
			hi = item_ids[i];
	}
	int span = n_items ? (int)(hi - lo + 1) : 0;
	WP_ASSERT(span >= 0 && span <= 100000);
	int *column = ARENA_ARRAY(a, int, (size_t)span + 1);
	for (int i = 0; i < span; i++)
		column[i] = -1;
	for (int i = 0; i < n_items; i++)
		column[item_ids[i] - lo] = i;

	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM responses WHERE round_id = ?"
					   " AND submitted = 1"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	int n = (int)db_int(s, 0);
	db_done(s);
	uint8_t *pp = ARENA_ARRAY(a, uint8_t, (size_t)n + 1);
	int8_t *ans = ARENA_ARRAY(a, int8_t, (size_t)n * (size_t)n_items + 1);

	/* answers ordered by response: a new response id starts a new row */
	s = db_prepare(st->c, SQL(
		"SELECT r.id, r.perspective, a.item_id, COALESCE(a.value, 0) FROM responses r"
		" LEFT JOIN answers a ON a.response_id = r.id"
		" WHERE r.round_id = ? AND r.submitted = 1 ORDER BY r.id"));
	db_bind_int(s, 1, round_id);
	int row = -1;
	int64_t last = 0;
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t rid = db_int(s, 0);
		if (row < 0 || rid != last) {
			if (row + 1 >= n)
				break; /* cannot happen inside one snapshot */
			row++;
			last = rid;
			int p = perspective_from_code(db_text(s, 1));
			pp[row] = (uint8_t)(p < 0 ? PERSP_OTHER : p);
		}
		if (db_isnull(s, 2))
			continue;
		int64_t item = db_int(s, 2);
		int v = (int)db_int(s, 3);
		if (item < lo || item > hi || column[item - lo] < 0 || v < 0 || v > 5)
			continue;
		ans[(size_t)row * (size_t)n_items + (size_t)column[item - lo]] = (int8_t)v;
	}
	db_done(s);
	if (r < 0)
		return st_from_db(r);
	*n_resp = row + 1;
	*persp = pp;
	*answers = ans;
	return ST_OK;
}

store_rc store_round_comments(store *st, arena *a, int64_t round_id, round_comment **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT r.perspective, c.item_id, c.text FROM comments c"
		" JOIN responses r ON r.id = c.response_id"
		" WHERE r.round_id = ? AND r.submitted = 1"));
	db_bind_int(s, 1, round_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		round_comment *c = st_vec_push(a, &v, sizeof *c);
		int p = perspective_from_code(db_text(s, 0));
		c->persp = p < 0 ? PERSP_OTHER : (perspective)p;
		c->item_id = db_int(s, 1);
		c->text = st_text(a, s, 2);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_round_triggers(store *st, int64_t round_id, int counts[TRIG_COUNT])
{
	for (int t = 0; t < TRIG_COUNT; t++)
		counts[t] = 0;
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT t.kind, COUNT(*) FROM response_triggers t"
		" JOIN responses r ON r.id = t.response_id"
		" WHERE r.round_id = ? AND r.submitted = 1 GROUP BY t.kind"));
	db_bind_int(s, 1, round_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int t = trigger_from_code(db_text(s, 0));
		if (t >= 0)
			counts[t] = (int)db_int(s, 1);
	}
	db_done(s);
	return st_from_db(r);
}
