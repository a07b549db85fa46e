/* st_apitoken.c - personal API tokens. Only their hashes are stored. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_api_token_create(store *st, int64_t person_id, const char *name, const char *hint,
				const char *token_hash, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO api_tokens (person_id, token_hash, name, hint,"
					   " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, token_hash);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, hint);
	db_bind_int(s, 5, wp_now());
	return st_insert_id(s, id);
}

store_rc store_api_tokens(store *st, arena *a, int64_t person_id, api_token **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, name, hint, created_at FROM api_tokens"
					   " WHERE person_id = ? ORDER BY created_at DESC, id DESC"));
	db_bind_int(s, 1, person_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		api_token *t = st_vec_push(a, &v, sizeof *t);
		t->id = db_int(s, 0);
		t->name = st_text(a, s, 1);
		t->hint = st_text(a, s, 2);
		t->created_at = db_int(s, 3);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_api_token_revoke(store *st, int64_t person_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM api_tokens WHERE id = ? AND person_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, person_id);
	return st_exec_one(st->c, s);
}

store_rc store_api_token_person(store *st, arena *a, const char *token_hash, person *out)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT p.id, p.name, p.email, a.password_hash IS NOT NULL, a.is_admin,"
		" a.is_programme_lead, a.is_researcher, a.disabled FROM api_tokens t"
		" JOIN people p ON p.id = t.person_id JOIN accounts a ON a.person_id = p.id"
		" WHERE t.token_hash = ? AND a.disabled = 0"));
	db_bind_text(s, 1, token_hash);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		out->id = db_int(s, 0);
		out->name = st_text(a, s, 1);
		out->email = st_text(a, s, 2);
		out->has_password = db_int(s, 3);
		out->is_admin = db_int(s, 4);
		out->is_programme_lead = db_int(s, 5);
		out->is_researcher = db_int(s, 6);
		out->disabled = db_int(s, 7);
		db_done(s);
	}
	return rc;
}
