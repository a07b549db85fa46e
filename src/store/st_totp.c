/* st_totp.c - the second factor of password accounts: a sealed secret
 * per person, and logins waiting for their code. */
#include "store/store_internal.h"

store_rc store_totp_get(store *st, arena *a, int64_t person_id, totp_row *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT secret_sealed, confirmed_at IS NOT NULL, last_step FROM totp"
					   " WHERE person_id = ?"));
	db_bind_int(s, 1, person_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		out->secret_sealed = st_text(a, s, 0);
		out->confirmed = db_int(s, 1);
		out->last_step = db_int(s, 2);
		db_done(s);
	}
	return rc;
}

store_rc store_totp_begin(store *st, int64_t person_id, const char *secret_sealed)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO totp (person_id, secret_sealed) VALUES (?, ?)"
					   " ON CONFLICT (person_id) DO UPDATE SET secret_sealed = excluded.secret_sealed,"
					   " last_step = 0 WHERE totp.confirmed_at IS NULL"));
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, secret_sealed);
	store_rc rc = st_exec(s);
	return rc == ST_OK && db_changes(st->c) == 0 ? ST_CONFLICT : rc;
}

store_rc store_totp_confirm(store *st, int64_t person_id, int64_t step, int64_t now)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE totp SET confirmed_at = ?, last_step = ? WHERE person_id = ?"
					   " AND confirmed_at IS NULL"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, step);
	db_bind_int(s, 3, person_id);
	return st_exec_one(st->c, s);
}

store_rc store_totp_used(store *st, int64_t person_id, int64_t step)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE totp SET last_step = ? WHERE person_id = ? AND last_step < ?"));
	db_bind_int(s, 1, step);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, step);
	store_rc rc = st_exec(s);
	return rc == ST_OK && db_changes(st->c) == 0 ? ST_CONFLICT : rc;
}

store_rc store_totp_delete(store *st, int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM totp WHERE person_id = ?"));
	db_bind_int(s, 1, person_id);
	return st_exec(s);
}

store_rc store_login_challenge_create(store *st, const char *token_hash, int64_t person_id, int64_t expires_at,
				      const char *next)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO login_challenges (token_hash, person_id, expires_at, next)"
					   " VALUES (?, ?, ?, ?)"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, expires_at);
	db_bind_text(s, 4, next);
	return st_exec(s);
}

store_rc store_login_challenge_get(store *st, arena *a, const char *token_hash, int64_t now, int64_t *person_id,
				   char **next)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT person_id, next FROM login_challenges WHERE token_hash = ?"
					   " AND expires_at >= ?"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*person_id = db_int(s, 0);
		*next = st_text(a, s, 1);
		db_done(s);
	}
	return rc;
}

store_rc store_login_challenge_delete(store *st, const char *token_hash)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM login_challenges WHERE token_hash = ?"));
	db_bind_text(s, 1, token_hash);
	return st_exec(s);
}
