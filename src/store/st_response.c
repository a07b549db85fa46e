/* st_response.c - responses, their answers, comments and triggers. */
#include "store/store_internal.h"

#include <stdlib.h>

#include "base/util.h"

#define CREATE_RESPONSE \
	"INSERT INTO responses (round_id, perspective, access_hash, resume_hash, lang, easy)" \
	" VALUES (?, ?, ?, ?, ?, ?) RETURNING id"

store_rc store_response_create(store *st, int64_t round_id, perspective p, const char *access_hash,
			       const char *resume_hash, const char *lang, bool easy, int64_t *id)
{
	db_call *call = st_plan_add(st, SQL(CREATE_RESPONSE), 1);
	if (call) { /* planned: the id is not known yet */
		db_call_int(call, 1, round_id);
		db_call_text(call, 2, perspective_code(p));
		db_call_text(call, 3, access_hash);
		db_call_text(call, 4, resume_hash);
		db_call_text(call, 5, lang);
		db_call_int(call, 6, easy);
		*id = 0;
		return ST_OK;
	}
	db_stmt *s = db_prepare(st->c, SQL(CREATE_RESPONSE));
	db_bind_int(s, 1, round_id);
	db_bind_text(s, 2, perspective_code(p));
	db_bind_text(s, 3, access_hash);
	db_bind_text(s, 4, resume_hash);
	db_bind_text(s, 5, lang);
	db_bind_int(s, 6, easy);
	return st_insert_id(s, id);
}

static store_rc one_response(db_stmt *s, arena *a, response *out)
{
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		out->id = db_int(s, 0);
		out->round_id = db_int(s, 1);
		int p = perspective_from_code(db_text(s, 2));
		out->persp = p < 0 ? PERSP_OTHER : (perspective)p;
		out->submitted = db_int(s, 3);
		out->page = (int)db_int(s, 4);
		out->lang = st_text(a, s, 5);
		out->resume_hash = db_isnull(s, 6) ? NULL : st_text(a, s, 6);
		out->resumable = out->resume_hash != NULL;
		out->resume_mask = db_isnull(s, 7) ? NULL : st_text(a, s, 7);
		out->easy = db_int(s, 8) != 0;
		db_done(s);
	}
	return rc;
}

store_rc store_response_by_access(store *st, arena *a, const char *access_hash, response *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, round_id, perspective, submitted, page, lang,"
					   " resume_hash, resume_mask, easy FROM responses WHERE access_hash = ?"));
	db_bind_text(s, 1, access_hash);
	return one_response(s, a, out);
}

store_rc store_response_by_resume(store *st, arena *a, int64_t round_id, const char *resume_hash,
				  response *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, round_id, perspective, submitted, page, lang,"
					   " resume_hash, resume_mask, easy FROM responses WHERE resume_hash = ? AND round_id = ?"));
	db_bind_text(s, 1, resume_hash);
	db_bind_int(s, 2, round_id);
	return one_response(s, a, out);
}

store_rc store_response_move(store *st, int64_t id, const char *access_hash, const char *resume_mask)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO retired_links (access_hash, round_id)"
					   " SELECT access_hash, round_id FROM responses WHERE id = ?"));
	db_bind_int(s, 1, id);
	store_rc rc = st_exec_one(st->c, s);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL("UPDATE responses SET access_hash = ?, resume_mask = ? WHERE id = ?"));
	db_bind_text(s, 1, access_hash);
	db_bind_text(s, 2, resume_mask);
	db_bind_int(s, 3, id);
	return st_exec_one(st->c, s);
}

store_rc store_retired_link(store *st, const char *access_hash, int64_t *round_id)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT round_id FROM retired_links WHERE access_hash = ?"));
	db_bind_text(s, 1, access_hash);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*round_id = db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_response_set_page(store *st, int64_t id, int page, const char *lang)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE responses SET page = ?, lang = ? WHERE id = ?"));
	db_bind_int(s, 1, page);
	db_bind_text(s, 2, lang);
	db_bind_int(s, 3, id);
	return st_exec(s);
}

/* The stored text of a response's answers, checked against the layout:
 * a fresh text of no answers when there is none yet. */
static store_rc read_text(store *st, int64_t response_id, const item_layout *lay, char *text)
{
	st_answers_text(text, lay, NULL, 0);
	db_stmt *s = db_prepare(st->c, SQL("SELECT r.answers FROM responses r"
					   " JOIN rounds rd ON rd.id = r.round_id"
					   " WHERE r.id = ? AND rd.version_id = ?"));
	db_bind_int(s, 1, response_id);
	db_bind_int(s, 2, lay->version_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	const char *old = db_text(s, 0);
	size_t len = strlen(old);
	memcpy(text, old, len < (size_t)lay->n ? len : (size_t)lay->n);
	db_done(s);
	return ST_OK;
}

#define WRITE_TEXT \
	"UPDATE responses SET answers = ? WHERE id = ?" \
	" AND (SELECT version_id FROM rounds WHERE id = round_id) = ?"

static store_rc write_text(store *st, int64_t response_id, const item_layout *lay, const char *text)
{
	db_call *call = st_plan_add(st, SQL(WRITE_TEXT), 1);
	if (call) {
		db_call_text(call, 1, text);
		db_call_int(call, 2, response_id);
		db_call_int(call, 3, lay->version_id);
		return ST_OK;
	}
	db_stmt *s = db_prepare(st->c, SQL(WRITE_TEXT));
	db_bind_text(s, 1, text);
	db_bind_int(s, 2, response_id);
	db_bind_int(s, 3, lay->version_id);
	return st_exec_one(st->c, s);
}

store_rc store_answers_replace(store *st, int64_t response_id, const item_layout *lay,
			       const int64_t *ids, int n_ids, const answer *answers, int n_answers)
{
	char *text = xmalloc((size_t)lay->n + 1);
	store_rc rc = ST_OK;
	if (ids) {
		rc = read_text(st, response_id, lay, text);
		for (int i = 0; i < n_ids && rc == ST_OK; i++) {
			int place = st_layout_place(lay, ids[i]);
			if (place < 0)
				rc = ST_CONFLICT;
			else
				text[place] = ANS_NONE;
		}
		if (rc == ST_OK && !st_answers_put(text, lay, answers, n_answers))
			rc = ST_CONFLICT;
	} else if (!st_answers_text(text, lay, answers, n_answers)) {
		rc = ST_CONFLICT;
	}
	if (rc == ST_OK)
		rc = write_text(st, response_id, lay, text);
	free(text);
	return rc;
}

/* Does the round exist and use the layout's version? */
static store_rc round_uses(store *st, int64_t round_id, const item_layout *lay)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT 1 FROM rounds WHERE id = ? AND version_id = ?"));
	db_bind_int(s, 1, round_id);
	db_bind_int(s, 2, lay->version_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK)
		db_done(s);
	return rc;
}

/* Rows of sent responses, up to 16 per statement; plain ? placeholders
 * (the PostgreSQL driver numbers them in order). */
#define SENT_ROW "(?, ?, ?, 1, ?)"
#define SENT_ROWS4 SENT_ROW ", " SENT_ROW ", " SENT_ROW ", " SENT_ROW
#define INSERT_SENT "INSERT INTO responses (round_id, perspective, access_hash, submitted, answers) VALUES "

/* One statement for the first 16, 4 or 1 of rs; returns how many it took
 * in *took. texts: room for 16 texts of lay->n places. */
static store_rc insert_sent(store *st, int64_t round_id, const item_layout *lay,
			    const sent_response *rs, int n, char *texts, int *took)
{
	int rows = *took = n >= 16 ? 16 : n >= 4 ? 4 : 1;
	db_stmt *s = rows == 16 ? db_prepare(st->c, SQL(INSERT_SENT SENT_ROWS4 ", " SENT_ROWS4 ", "
							 SENT_ROWS4 ", " SENT_ROWS4))
		     : rows == 4 ? db_prepare(st->c, SQL(INSERT_SENT SENT_ROWS4))
				 : db_prepare(st->c, SQL(INSERT_SENT SENT_ROW));
	for (int i = 0; i < rows; i++) {
		char *text = texts + (size_t)i * ((size_t)lay->n + 1);
		if (!st_answers_text(text, lay, rs[i].answers, rs[i].n_answers)) {
			db_done(s);
			return ST_CONFLICT;
		}
		db_bind_int(s, 1 + 4 * i, round_id);
		db_bind_text(s, 2 + 4 * i, perspective_code(rs[i].persp));
		db_bind_text(s, 3 + 4 * i, rs[i].access_hash);
		db_bind_text(s, 4 + 4 * i, text);
	}
	return st_exec(s);
}

store_rc store_responses_add_sent(store *st, int64_t round_id, const item_layout *lay,
				  const sent_response *rs, int n)
{
	store_rc rc = round_uses(st, round_id, lay);
	if (rc != ST_OK || n == 0)
		return rc;
	char *texts = xmalloc(16 * ((size_t)lay->n + 1));
	for (int done = 0, took = 0; done < n && rc == ST_OK; done += took)
		rc = insert_sent(st, round_id, lay, rs + done, n - done, texts, &took);
	free(texts);
	return rc;
}

store_rc store_response_add_sent(store *st, int64_t round_id, perspective p,
				 const char *access_hash, const item_layout *lay,
				 const answer *answers, int n_answers, int64_t *id)
{
	char *text = xmalloc((size_t)lay->n + 1);
	if (!st_answers_text(text, lay, answers, n_answers)) {
		free(text);
		return ST_CONFLICT;
	}
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO responses (round_id, perspective, access_hash, submitted, answers)"
		" SELECT id, ?, ?, 1, ? FROM rounds WHERE id = ? AND version_id = ? RETURNING id"));
	db_bind_text(s, 1, perspective_code(p));
	db_bind_text(s, 2, access_hash);
	db_bind_text(s, 3, text);
	db_bind_int(s, 4, round_id);
	db_bind_int(s, 5, lay->version_id);
	*id = 0;
	store_rc rc = st_insert_id(s, id);
	free(text);
	return rc == ST_OK && !*id ? ST_NOTFOUND : rc;
}

/* A statement with the response's id as its one value, run or planned
 * (touching any number of rows). */
static store_rc of_response(store *st, const char *sql, int64_t response_id)
{
	db_call *call = st_plan_add(st, sql, DB_ANY_ROWS);
	if (call) {
		db_call_int(call, 1, response_id);
		return ST_OK;
	}
	db_stmt *s = db_prepare(st->c, sql);
	db_bind_int(s, 1, response_id);
	return st_exec(s);
}

store_rc store_response_clear_extras(store *st, int64_t response_id)
{
	store_rc rc = of_response(st, SQL("DELETE FROM comments WHERE response_id = ?"), response_id);
	if (rc == ST_OK)
		rc = of_response(st, SQL("DELETE FROM response_triggers WHERE response_id = ?"), response_id);
	return rc;
}

store_rc store_comment_set(store *st, int64_t response_id, int64_t item_id, const char *text)
{
	bool del = !text || !*text;
	const char *sql = del ? SQL("DELETE FROM comments WHERE response_id = ? AND item_id = ?")
			      : SQL("INSERT INTO comments (response_id, item_id, text) VALUES (?, ?, ?)"
				    " ON CONFLICT (response_id, item_id) DO UPDATE SET text = excluded.text");
	db_call *call = st_plan_add(st, sql, DB_ANY_ROWS);
	if (call) {
		db_call_int(call, 1, response_id);
		db_call_int(call, 2, item_id);
		if (!del)
			db_call_text(call, 3, text);
		return ST_OK;
	}
	db_stmt *s = db_prepare(st->c, sql);
	db_bind_int(s, 1, response_id);
	db_bind_int(s, 2, item_id);
	if (!del)
		db_bind_text(s, 3, text);
	return st_exec(s);
}

store_rc store_response_triggers_set(store *st, int64_t response_id, unsigned mask)
{
	store_rc rc = of_response(st, SQL("DELETE FROM response_triggers WHERE response_id = ?"), response_id);
	const char *insert = SQL("INSERT INTO response_triggers (response_id, kind) VALUES (?, ?)");
	for (int t = 0; t < TRIG_COUNT && rc == ST_OK; t++) {
		if (!(mask & (1u << t)))
			continue;
		db_call *call = st_plan_add(st, insert, 1);
		if (call) {
			db_call_int(call, 1, response_id);
			db_call_text(call, 2, trigger_code((trigger_kind)t));
			continue;
		}
		db_stmt *s = db_prepare(st->c, insert);
		db_bind_int(s, 1, response_id);
		db_bind_text(s, 2, trigger_code((trigger_kind)t));
		rc = st_exec(s);
	}
	return rc;
}

store_rc store_response_answers(store *st, arena *a, int64_t response_id, const item_layout *lay,
				answer **out, int *n)
{
	char *text = ARENA_ARRAY(a, char, (size_t)lay->n + 1);
	*out = ARENA_ARRAY(a, answer, (size_t)lay->n + 1);
	*n = 0;
	store_rc rc = read_text(st, response_id, lay, text);
	if (rc == ST_OK)
		*n = st_answers_get(text, lay, *out);
	return rc;
}

store_rc store_response_comments(store *st, arena *a, int64_t response_id, comment **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT item_id, text FROM comments WHERE response_id = ?"));
	db_bind_int(s, 1, response_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		comment *c = st_vec_push(a, &v, sizeof *c);
		c->item_id = db_int(s, 0);
		c->text = st_text(a, s, 1);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_response_triggers(store *st, int64_t response_id, unsigned *mask)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT kind FROM response_triggers WHERE response_id = ?"));
	db_bind_int(s, 1, response_id);
	*mask = 0;
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int t = trigger_from_code(db_text(s, 0));
		if (t >= 0)
			*mask |= 1u << t;
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_round_answers_changed(store *st, int64_t round_id)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE rounds SET answers_version = answers_version + 1"
					   " WHERE id = ?"));
	db_bind_int(s, 1, round_id);
	return st_exec_one(st->c, s);
}

/* The submitted answers of the response's round change. */
static store_rc bump_round(store *st, int64_t response_id)
{
	store_rc rc = of_response(st, SQL("UPDATE rounds SET answers_version = answers_version + 1"
					  " WHERE id = (SELECT round_id FROM responses WHERE id = ?)"),
				  response_id);
	if (st->plan) /* every submission of the round updates its row */
		st_plan_last_call(st)->last = true;
	return rc;
}

/* Planned, it must mark the response: sent meanwhile, the plan does not
 * apply, and the request runs again to say so. When the same plan writes
 * the response's answers (the whole questionnaire sent at once), that
 * write marks it too: one new version of the row instead of two (the
 * second one changed an indexed column, so PostgreSQL wrote every index
 * of responses again). */
store_rc store_response_submit(store *st, int64_t id)
{
	const char *sql = SQL("UPDATE responses SET submitted = 1 WHERE id = ? AND submitted = 0");
	db_call *answers = st->plan ? st_plan_find(st, WRITE_TEXT, 2, id) : NULL;
	if (answers) {
		answers->sql = SQL("UPDATE responses SET answers = ?, submitted = 1 WHERE id = ? AND submitted = 0"
				   " AND (SELECT version_id FROM rounds WHERE id = round_id) = ?");
		return bump_round(st, id);
	}
	db_call *call = st_plan_add(st, sql, 1);
	if (call) {
		db_call_int(call, 1, id);
		return bump_round(st, id);
	}
	db_stmt *s = db_prepare(st->c, sql);
	db_bind_int(s, 1, id);
	store_rc rc = st_exec(s);
	if (rc == ST_OK && db_changes(st->c) == 0)
		return ST_CONFLICT;
	return rc == ST_OK ? bump_round(st, id) : rc;
}

store_rc store_response_delete(store *st, int64_t id)
{
	store_rc rc = bump_round(st, id);
	if (rc != ST_OK)
		return rc;
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM responses WHERE id = ?"));
	db_bind_int(s, 1, id);
	return st_exec_one(st->c, s);
}
