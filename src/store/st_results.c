/* st_results.c - reading a round's submitted answers in one pass into the
 * compact arrays the analysis works on, and its comments and triggers. */
#include "store/store_internal.h"

#include "base/util.h"

/* The place of every column's item in the answers of the round's
 * version (-1: not a question of it). */
static store_rc column_places(store *st, arena *a, int64_t round_id, const int64_t *item_ids,
			      int n_items, int **places)
{
	item_layout lay;
	store_rc rc = st_round_layout(st, a, round_id, &lay);
	int *pl = ARENA_ARRAY(a, int, (size_t)n_items + 1);
	for (int i = 0; i < n_items; i++)
		pl[i] = rc == ST_OK ? st_layout_place(&lay, item_ids[i]) : -1;
	*places = pl;
	return rc;
}

/* Room for twice the n rows of *pp and *ans (arena: the old ones stay
 * until the arena goes). */
static void grow_rows(arena *a, uint8_t **pp, int8_t **ans, int n, int n_items)
{
	uint8_t *p2 = ARENA_ARRAY(a, uint8_t, 2 * (size_t)n + 1);
	int8_t *a2 = ARENA_ARRAY(a, int8_t, 2 * (size_t)n * (size_t)n_items + 1);
	memcpy(p2, *pp, (size_t)n);
	memcpy(a2, *ans, (size_t)n * (size_t)n_items);
	*pp = p2;
	*ans = a2;
}

store_rc store_round_matrix(store *st, arena *a, int64_t round_id, const int64_t *item_ids,
			    int n_items, int *n_resp, uint8_t **persp, int8_t **answers)
{
	*n_resp = 0;
	*persp = NULL;
	*answers = NULL;
	int *place;
	store_rc rc = column_places(st, a, round_id, item_ids, n_items, &place);
	if (rc != ST_OK)
		return rc;
	/* no COUNT(*) first: on PostgreSQL it was one more round trip and one
	 * more scan of the round's responses; the arrays grow instead */
	int n = 256;
	uint8_t *pp = ARENA_ARRAY(a, uint8_t, (size_t)n + 1);
	int8_t *ans = ARENA_ARRAY(a, int8_t, (size_t)n * (size_t)n_items + 1);

	/* the value of each character: 0 for missing or "don't know", as the
	 * analysis wants both */
	int8_t value[256] = {0};
	for (int v = 1; v <= 5; v++)
		value[ANS_DK + v] = (int8_t)v;
	int far = -1; /* the furthest place read */
	for (int i = 0; i < n_items; i++)
		far = place[i] > far ? place[i] : far;

	db_stmt *s = db_prepare(st->c, SQL("SELECT perspective, answers FROM responses"
					   " WHERE round_id = ? AND submitted = 1"));
	db_bind_int(s, 1, round_id);
	int row = 0;
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		if (row == n) {
			grow_rows(a, &pp, &ans, n, n_items);
			n *= 2;
		}
		int p = perspective_from_code(db_text(s, 0));
		pp[row] = (uint8_t)(p < 0 ? PERSP_OTHER : p);
		const unsigned char *text = (const unsigned char *)db_text(s, 1);
		int8_t *out = ans + (size_t)row * (size_t)n_items;
		int len = (int)strlen((const char *)text);
		if (len > far) {
			for (int i = 0; i < n_items; i++)
				out[i] = place[i] >= 0 ? value[text[place[i]]] : 0;
		} else { /* a text shorter than its version: check reports it */
			for (int i = 0; i < n_items; i++)
				out[i] = place[i] >= 0 && place[i] < len ? value[text[place[i]]] : 0;
		}
		row++;
	}
	db_done(s);
	if (r < 0)
		return st_from_db(r);
	*n_resp = row;
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
