/* st_audit.c - the audit log: who changed what, when. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_audit(store *st, int64_t person_id, int64_t workplace_id, const char *what,
		     const char *detail)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO audit_log (at, person_id, workplace_id, action,"
					   " detail) VALUES (?, ?, ?, ?, ?)"));
	db_bind_int(s, 1, wp_now());
	if (person_id > 0)
		db_bind_int(s, 2, person_id);
	else
		db_bind_null(s, 2);
	if (workplace_id > 0)
		db_bind_int(s, 3, workplace_id);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, what);
	db_bind_text(s, 5, detail ? detail : "");
	return st_exec(s);
}

static void read_audit(arena *a, db_stmt *s, audit_entry *e)
{
	e->id = db_int(s, 0);
	e->at = db_int(s, 1);
	e->who = st_text(a, s, 2);
	e->workplace_slug = st_text(a, s, 3);
	e->workplace_name = st_text(a, s, 4);
	e->what = st_text(a, s, 5);
	e->detail = st_text(a, s, 6);
}

static store_rc audit_count(store *st, int64_t workplace_id, int *total)
{
	db_stmt *s;
	if (workplace_id > 0) {
		s = db_prepare(st->c, SQL("SELECT count(*) FROM audit_log WHERE workplace_id = ?"));
		db_bind_int(s, 1, workplace_id);
	} else {
		s = db_prepare(st->c, SQL("SELECT count(*) FROM audit_log"));
	}
	store_rc rc = st_one(s);
	*total = 0;
	if (rc == ST_OK) {
		*total = (int)db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_audit_page(store *st, arena *a, int64_t workplace_id, int offset, int limit,
			  audit_entry **out, int *n, int *total)
{
	*out = NULL;
	*n = 0;
	store_rc rc = audit_count(st, workplace_id, total);
	if (rc != ST_OK)
		return rc;
	db_stmt *s;
	if (workplace_id > 0) {
		s = db_prepare(st->c, SQL(
			"SELECT l.id, l.at, COALESCE(p.name, ''), COALESCE(w.slug, ''), COALESCE(w.name, ''),"
			" l.action, l.detail FROM audit_log l LEFT JOIN people p ON p.id = l.person_id"
			" LEFT JOIN workplaces w ON w.id = l.workplace_id WHERE l.workplace_id = ?"
			" ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?"));
		db_bind_int(s, 1, workplace_id);
		db_bind_int(s, 2, limit);
		db_bind_int(s, 3, offset);
	} else {
		s = db_prepare(st->c, SQL(
			"SELECT l.id, l.at, COALESCE(p.name, ''), COALESCE(w.slug, ''), COALESCE(w.name, ''),"
			" l.action, l.detail FROM audit_log l LEFT JOIN people p ON p.id = l.person_id"
			" LEFT JOIN workplaces w ON w.id = l.workplace_id"
			" ORDER BY l.id DESC LIMIT ? OFFSET ?"));
		db_bind_int(s, 1, limit);
		db_bind_int(s, 2, offset);
	}
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_audit(a, s, st_vec_push(a, &v, sizeof(audit_entry)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
