/* st_account.c - people, accounts, sessions, login throttling and
 * one-time password links. Tokens arrive here already hashed. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_person_create(store *st, const char *name, const char *email, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO people (name, email, created_at)"
					   " VALUES (?, ?, ?) RETURNING id"));
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, email);
	db_bind_int(s, 3, wp_now());
	store_rc rc = st_insert_id(s, id);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL("INSERT INTO accounts (person_id, institution_id)"
				  " VALUES (?, COALESCE(NULLIF(?, 0), 1))"));
	db_bind_int(s, 1, *id);
	db_bind_int(s, 2, st->institution);
	return st_exec(s);
}

/* The columns read_person reads, from people p joined with accounts a. */
#define PERSON_COLUMNS                                                                   \
	"p.id, p.name, p.email, a.password_hash, a.is_admin, a.is_programme_lead,"         \
	" a.is_researcher, a.disabled, EXISTS (SELECT 1 FROM totp t WHERE t.person_id = p.id" \
	" AND t.confirmed_at IS NOT NULL), a.institution_id"

static void read_person(arena *a, db_stmt *s, person *p)
{
	p->id = db_int(s, 0);
	p->name = st_text(a, s, 1);
	p->email = st_text(a, s, 2);
	p->has_password = !db_isnull(s, 3);
	p->is_admin = db_int(s, 4);
	p->is_programme_lead = db_int(s, 5);
	p->is_researcher = db_int(s, 6);
	p->disabled = db_int(s, 7);
	p->has_totp = db_int(s, 8);
	p->institution_id = db_int(s, 9);
}

store_rc store_person_get(store *st, arena *a, int64_t id, person *out)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT " PERSON_COLUMNS " FROM people p JOIN accounts a ON a.person_id = p.id"
		" WHERE p.id = ? AND (? = 0 OR a.institution_id = ?)"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, st->institution);
	db_bind_int(s, 3, st->institution);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_person(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_person_by_email(store *st, arena *a, const char *email, person *out,
			       char **password_hash)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT " PERSON_COLUMNS " FROM people p JOIN accounts a ON a.person_id = p.id"
		" WHERE p.email = ?"));
	db_bind_text(s, 1, email);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_person(a, s, out);
		if (password_hash)
			*password_hash = db_isnull(s, 3) ? NULL : st_text(a, s, 3);
		db_done(s);
	}
	return rc;
}

store_rc store_people_list(store *st, arena *a, person **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT " PERSON_COLUMNS " FROM people p JOIN accounts a ON a.person_id = p.id"
		" WHERE ? = 0 OR a.institution_id = ? ORDER BY p.name, p.id"));
	db_bind_int(s, 1, st->institution);
	db_bind_int(s, 2, st->institution);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_person(a, s, st_vec_push(a, &v, sizeof(person)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_account_set_password(store *st, int64_t person_id, const char *hash)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE accounts SET password_hash = ? WHERE person_id = ?"));
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, person_id);
	return st_exec_one(st->c, s);
}

store_rc store_account_set_roles(store *st, int64_t person_id, bool admin, bool programme_lead,
				 bool researcher)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE accounts SET is_admin = ?, is_programme_lead = ?,"
					   " is_researcher = ? WHERE person_id = ?"));
	db_bind_int(s, 1, admin);
	db_bind_int(s, 2, programme_lead);
	db_bind_int(s, 3, researcher);
	db_bind_int(s, 4, person_id);
	return st_exec_one(st->c, s);
}

store_rc store_account_password_hash(store *st, arena *a, int64_t person_id, char **hash)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT password_hash FROM accounts WHERE person_id = ?"
					   " AND password_hash IS NOT NULL"));
	db_bind_int(s, 1, person_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*hash = st_text(a, s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_session_create(store *st, const char *token_hash, int64_t person_id,
			      int64_t expires_at)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO sessions (token_hash, person_id, created_at,"
					   " expires_at) VALUES (?, ?, ?, ?)"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, wp_now());
	db_bind_int(s, 4, expires_at);
	return st_exec(s);
}

store_rc store_session_person(store *st, arena *a, const char *token_hash, int64_t now,
			      person *out)
{
	db_stmt *s = db_prepare_memo(st->c, SQL(
		"SELECT " PERSON_COLUMNS " FROM sessions s JOIN people p ON p.id = s.person_id"
		" JOIN accounts a ON a.person_id = p.id"
		" WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_person(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_session_delete(store *st, const char *token_hash)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM sessions WHERE token_hash = ?"));
	db_bind_text(s, 1, token_hash);
	return st_exec(s);
}

store_rc store_sessions_delete_person(store *st, int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM sessions WHERE person_id = ?"));
	db_bind_int(s, 1, person_id);
	return st_exec(s);
}

store_rc store_throttle_blocked(store *st, const char *key, int64_t now, int64_t window, int max,
				bool *blocked)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT failures FROM throttle WHERE key = ?"
					   " AND window_start > ?"));
	db_bind_text(s, 1, key);
	db_bind_int(s, 2, now - window);
	store_rc rc = st_one(s);
	*blocked = false;
	if (rc == ST_OK) {
		*blocked = db_int(s, 0) >= max;
		db_done(s);
	}
	return rc == ST_NOTFOUND ? ST_OK : rc;
}

store_rc store_throttle_fail(store *st, const char *key, int64_t now, int64_t window)
{
	/* a failure after the window has passed starts a new window */
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO throttle (key, window_start, failures) VALUES (?, ?, 1)"
		" ON CONFLICT (key) DO UPDATE SET"
		" failures = CASE WHEN throttle.window_start > ? THEN throttle.failures + 1 ELSE 1 END,"
		" window_start = CASE WHEN throttle.window_start > ? THEN throttle.window_start"
		" ELSE excluded.window_start END"));
	db_bind_text(s, 1, key);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, now - window);
	db_bind_int(s, 4, now - window);
	return st_exec(s);
}

store_rc store_throttle_clear(store *st, const char *key)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM throttle WHERE key = ?"));
	db_bind_text(s, 1, key);
	return st_exec(s);
}

store_rc store_password_link_create(store *st, const char *token_hash, int64_t person_id,
				    int64_t expires_at)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO password_links (token_hash, person_id,"
					   " expires_at) VALUES (?, ?, ?)"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, expires_at);
	return st_exec(s);
}

store_rc store_password_link_person(store *st, const char *token_hash, int64_t now,
				    int64_t *person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT person_id FROM password_links"
					   " WHERE token_hash = ? AND expires_at > ?"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*person_id = db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_password_link_delete_person(store *st, int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM password_links WHERE person_id = ?"));
	db_bind_int(s, 1, person_id);
	return st_exec(s);
}
