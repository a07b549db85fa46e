/* st_export.c - the submitted answers of a round as exports need them:
 * per response its perspective, answers and triggers. The response ids
 * are used to group rows here and never leave this file. */
#include "store/store_internal.h"

#include <stdlib.h>

#include "base/util.h"

/* Index of response id in ids[0..n) (ascending), or -1. */
static int find_id(const int64_t *ids, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return mid;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static store_rc read_answers(store *st, arena *a, int64_t round_id, st_vec *resp, st_vec *ids)
{
	item_layout lay;
	store_rc rc = st_round_layout(st, a, round_id, &lay);
	if (rc != ST_OK)
		return rc;
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, perspective, answers, paper, easy FROM responses"
					   " WHERE round_id = ? AND submitted = 1 ORDER BY id"));
	db_bind_int(s, 1, round_id);
	answer *all = ARENA_ARRAY(a, answer, (size_t)lay.n + 1); /* one response's, reused */
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		stored_response *sr = st_vec_push(a, resp, sizeof *sr);
		memset(sr, 0, sizeof *sr);
		int p = perspective_from_code(db_text(s, 1));
		sr->persp = p < 0 ? PERSP_OTHER : (perspective)p;
		sr->mode = db_int(s, 3) ? MODE_PAPER : db_int(s, 4) ? MODE_EASY : MODE_WEB;
		*(int64_t *)st_vec_push(a, ids, sizeof(int64_t)) = db_int(s, 0);
		sr->n_answers = st_answers_get(db_text(s, 2), &lay, all);
		sr->answers = ARENA_ARRAY(a, answer, (size_t)sr->n_answers + 1);
		memcpy(sr->answers, all, sizeof(answer) * (size_t)sr->n_answers);
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_round_responses(store *st, arena *a, int64_t round_id, stored_response **out, int *n)
{
	st_vec resp = {0}, ids = {0};
	*out = NULL;
	*n = 0;
	store_rc rc = read_answers(st, a, round_id, &resp, &ids);
	if (rc != ST_OK)
		return rc;
	stored_response *rs = resp.items;
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT t.response_id, t.kind FROM response_triggers t"
		" JOIN responses r ON r.id = t.response_id WHERE r.round_id = ? AND r.submitted = 1"));
	db_bind_int(s, 1, round_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int i = find_id(ids.items, ids.n, db_int(s, 0));
		int t = trigger_from_code(db_text(s, 1));
		if (i >= 0 && t >= 0)
			rs[i].triggers |= 1u << t;
	}
	db_done(s);
	if (r != DB_DONE)
		return st_from_db(r);
	*out = rs;
	*n = resp.n;
	return ST_OK;
}
