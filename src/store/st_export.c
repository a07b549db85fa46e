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

static store_rc read_answers(store *st, arena *a, int64_t round_id, st_vec *resp, st_vec *ids,
			     st_vec *ans, int **first)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT r.id, r.perspective, a.item_id, a.value IS NULL, COALESCE(a.value, 0)"
		" FROM responses r LEFT JOIN answers a ON a.response_id = r.id"
		" WHERE r.round_id = ? AND r.submitted = 1 ORDER BY r.id, a.item_id"));
	db_bind_int(s, 1, round_id);
	st_vec firsts = {0};
	db_result r;
	int64_t last = 0;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t rid = db_int(s, 0);
		if (!resp->n || rid != last) {
			last = rid;
			stored_response *sr = st_vec_push(a, resp, sizeof *sr);
			int p = perspective_from_code(db_text(s, 1));
			sr->persp = p < 0 ? PERSP_OTHER : (perspective)p;
			*(int64_t *)st_vec_push(a, ids, sizeof(int64_t)) = rid;
			*(int *)st_vec_push(a, &firsts, sizeof(int)) = ans->n;
		}
		if (db_isnull(s, 2))
			continue;
		answer *an = st_vec_push(a, ans, sizeof *an);
		an->item_id = db_int(s, 2);
		an->value = db_int(s, 3) ? 0 : (int)db_int(s, 4);
	}
	db_done(s);
	*first = firsts.items;
	return st_from_db(r);
}

store_rc store_round_responses(store *st, arena *a, int64_t round_id, stored_response **out, int *n)
{
	st_vec resp = {0}, ids = {0}, ans = {0};
	int *first = NULL;
	*out = NULL;
	*n = 0;
	store_rc rc = read_answers(st, a, round_id, &resp, &ids, &ans, &first);
	if (rc != ST_OK)
		return rc;
	stored_response *rs = resp.items;
	for (int i = 0; i < resp.n; i++) {
		int end = i + 1 < resp.n ? first[i + 1] : ans.n;
		rs[i].answers = (answer *)ans.items + first[i];
		rs[i].n_answers = end - first[i];
	}
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
