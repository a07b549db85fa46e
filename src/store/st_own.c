/* st_own.c - a workplace's own statements and their answers (migration
 * 18; the rules in src/domain/own_statement.h, docs/rounds.md). */
#include "store/store_internal.h"

#include "base/util.h"

/* ST_CONFLICT once the round has a response: its statements are frozen. */
static store_rc still_open_to_change(store *st, int64_t round_id)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM responses WHERE round_id = ?"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	bool any = db_int(s, 0) > 0;
	db_done(s);
	return any ? ST_CONFLICT : ST_OK;
}

static store_rc count_of(store *st, int64_t round_id, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM own_statements WHERE round_id = ?"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*n = (int)db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_own_statements(store *st, arena *a, int64_t round_id, own_statement **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, round_id, position, section, text_nl, text_en"
					   " FROM own_statements WHERE round_id = ? ORDER BY position, id"));
	db_bind_int(s, 1, round_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		own_statement *o = st_vec_push(a, &v, sizeof *o);
		o->id = db_int(s, 0);
		o->round_id = db_int(s, 1);
		o->position = (int)db_int(s, 2);
		int sec = own_section_from_code(db_text(s, 3));
		o->section = sec < 0 ? OWN_EXTRA : sec;
		o->text_nl = st_text(a, s, 4);
		o->text_en = st_text(a, s, 5);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_own_add(store *st, int64_t round_id, int section, const char *nl, const char *en, int64_t *id)
{
	int n = 0;
	store_rc rc = still_open_to_change(st, round_id);
	if (rc == ST_OK)
		rc = count_of(st, round_id, &n);
	if (rc != ST_OK)
		return rc;
	if (n >= OWN_MAX)
		return ST_CONFLICT;
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO own_statements (round_id, position, section, text_nl,"
					   " text_en, created_at) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1"
					   " FROM own_statements WHERE round_id = ?), ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, round_id);
	db_bind_int(s, 2, round_id);
	db_bind_text(s, 3, own_section_code(section));
	db_bind_text(s, 4, nl);
	db_bind_text(s, 5, en);
	db_bind_int(s, 6, wp_now());
	return st_insert_id(s, id);
}

store_rc store_own_update(store *st, int64_t round_id, int64_t id, int section, const char *nl, const char *en)
{
	store_rc rc = still_open_to_change(st, round_id);
	if (rc != ST_OK)
		return rc;
	db_stmt *s = db_prepare(st->c, SQL("UPDATE own_statements SET section = ?, text_nl = ?, text_en = ?"
					   " WHERE id = ? AND round_id = ?"));
	db_bind_text(s, 1, own_section_code(section));
	db_bind_text(s, 2, nl);
	db_bind_text(s, 3, en);
	db_bind_int(s, 4, id);
	db_bind_int(s, 5, round_id);
	return st_exec_one(st->c, s);
}

store_rc store_own_delete(store *st, int64_t round_id, int64_t id)
{
	store_rc rc = still_open_to_change(st, round_id);
	if (rc != ST_OK)
		return rc;
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM own_statements WHERE id = ? AND round_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, round_id);
	return st_exec_one(st->c, s);
}

static store_rc set_position(store *st, int64_t id, int position)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE own_statements SET position = ? WHERE id = ?"));
	db_bind_int(s, 1, position);
	db_bind_int(s, 2, id);
	return st_exec_one(st->c, s);
}

store_rc store_own_move(store *st, int64_t round_id, int64_t id, bool up)
{
	store_rc rc = still_open_to_change(st, round_id);
	if (rc != ST_OK)
		return rc;
	arena *a = arena_new();
	own_statement *os;
	int n, at = -1;
	rc = store_own_statements(st, a, round_id, &os, &n);
	for (int i = 0; i < n && rc == ST_OK; i++)
		if (os[i].id == id)
			at = i;
	int other = up ? at - 1 : at + 1;
	if (rc == ST_OK && at < 0)
		rc = ST_NOTFOUND;
	else if (rc == ST_OK && other >= 0 && other < n) {
		/* positions may have gaps after a removal: the two swap theirs,
		 * and equal ones (never written, but cheap to survive) part */
		int pa = os[at].position, pb = os[other].position;
		if (pa == pb)
			pa += up ? 1 : -1;
		rc = set_position(st, os[at].id, pb);
		if (rc == ST_OK)
			rc = set_position(st, os[other].id, pa);
	}
	arena_free(a);
	return rc;
}

store_rc store_own_previous_round(store *st, int64_t round_id, int64_t *from, int *count)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT p.id, (SELECT COUNT(*) FROM own_statements o WHERE o.round_id = p.id)"
					   " FROM rounds r JOIN rounds p ON p.workplace_id = r.workplace_id"
					   " WHERE r.id = ? AND p.id <> r.id AND (p.opens_on < r.opens_on"
					   " OR (p.opens_on = r.opens_on AND p.id < r.id))"
					   " AND EXISTS (SELECT 1 FROM own_statements o WHERE o.round_id = p.id)"
					   " ORDER BY p.opens_on DESC, p.id DESC LIMIT 1"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*from = db_int(s, 0);
		*count = (int)db_int(s, 1);
		db_done(s);
	}
	return rc;
}

store_rc store_own_copy(store *st, int64_t from, int64_t to, int *copied)
{
	int have = 0, more = 0;
	*copied = 0;
	store_rc rc = still_open_to_change(st, to);
	if (rc == ST_OK)
		rc = count_of(st, to, &have);
	if (rc == ST_OK)
		rc = count_of(st, from, &more);
	if (rc != ST_OK)
		return rc;
	if (have + more > OWN_MAX)
		return ST_CONFLICT;
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO own_statements (round_id, position, section, text_nl, text_en,"
					   " created_at) SELECT ?, position + (SELECT COALESCE(MAX(position), 0)"
					   " FROM own_statements WHERE round_id = ?), section, text_nl, text_en, ?"
					   " FROM own_statements WHERE round_id = ? ORDER BY position, id"));
	db_bind_int(s, 1, to);
	db_bind_int(s, 2, to);
	db_bind_int(s, 3, wp_now());
	db_bind_int(s, 4, from);
	rc = st_exec(s);
	if (rc == ST_OK)
		*copied = (int)db_changes(st->c);
	return rc;
}

store_rc store_own_answers(store *st, arena *a, int64_t response_id, own_answer **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT statement_id, COALESCE(value, 0) FROM own_answers"
					   " WHERE response_id = ?"));
	db_bind_int(s, 1, response_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		own_answer *o = st_vec_push(a, &v, sizeof *o);
		o->statement_id = db_int(s, 0);
		o->value = (int)db_int(s, 1);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_own_answers_replace(store *st, int64_t response_id, const int64_t *ids, int nids,
				   const own_answer *as, int nas)
{
	const char *del = SQL("DELETE FROM own_answers WHERE response_id = ? AND statement_id = ?");
	const char *ins = SQL("INSERT INTO own_answers (response_id, statement_id, value) VALUES (?, ?, ?)");
	store_rc rc = ST_OK;
	for (int i = 0; i < nids && rc == ST_OK; i++) {
		db_call *call = st_plan_add(st, del, DB_ANY_ROWS); /* a questionnaire's plan */
		if (call) {
			db_call_int(call, 1, response_id);
			db_call_int(call, 2, ids[i]);
			continue;
		}
		db_stmt *s = db_prepare(st->c, del);
		db_bind_int(s, 1, response_id);
		db_bind_int(s, 2, ids[i]);
		rc = st_exec(s);
	}
	for (int i = 0; i < nas && rc == ST_OK; i++) {
		if (as[i].value < 0 || as[i].value > 5)
			return ST_ERROR;
		db_call *call = st_plan_add(st, ins, 1);
		if (call) {
			db_call_int(call, 1, response_id);
			db_call_int(call, 2, as[i].statement_id);
			if (as[i].value) /* unset: NULL, "don't know" */
				db_call_int(call, 3, as[i].value);
			continue;
		}
		db_stmt *s = db_prepare(st->c, ins);
		db_bind_int(s, 1, response_id);
		db_bind_int(s, 2, as[i].statement_id);
		if (as[i].value)
			db_bind_int(s, 3, as[i].value);
		else
			db_bind_null(s, 3);
		rc = st_exec(s);
	}
	return rc;
}

store_rc store_own_matrix(store *st, arena *a, int64_t round_id, const own_statement *stmts, int n,
			  int *n_resp, uint8_t **persp, int8_t **answers)
{
	*n_resp = 0;
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM responses WHERE round_id = ? AND submitted = 1"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	int nr = (int)db_int(s, 0);
	db_done(s);
	uint8_t *pp = ARENA_ARRAY(a, uint8_t, (size_t)nr + 1);
	int8_t *ans = ARENA_ARRAY(a, int8_t, (size_t)nr * (size_t)n + 1);
	memset(ans, -1, (size_t)nr * (size_t)n);
	/* one row per (response, own answer), responses without one too;
	 * ordered by response so that each respondent is one run */
	s = db_prepare(st->c, SQL("SELECT r.id, r.perspective, o.statement_id, COALESCE(o.value, 0)"
				  " FROM responses r LEFT JOIN own_answers o ON o.response_id = r.id"
				  " WHERE r.round_id = ? AND r.submitted = 1 ORDER BY r.id"));
	db_bind_int(s, 1, round_id);
	int row = -1;
	int64_t last = 0;
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t rid = db_int(s, 0);
		if (row < 0 || rid != last) {
			if (row + 1 >= nr) /* more cannot be inside one snapshot */
				break;
			row++;
			last = rid;
			int p = perspective_from_code(db_text(s, 1));
			pp[row] = (uint8_t)(p < 0 ? PERSP_OTHER : p);
		}
		int64_t sid = db_isnull(s, 2) ? 0 : db_int(s, 2);
		for (int i = 0; i < n; i++)
			if (stmts[i].id == sid)
				ans[(size_t)row * (size_t)n + (size_t)i] = (int8_t)db_int(s, 3);
	}
	db_done(s);
	if (r != DB_DONE && r != DB_ROW)
		return st_from_db(r);
	*n_resp = row + 1;
	*persp = pp;
	*answers = ans;
	return ST_OK;
}
