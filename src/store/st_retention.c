/* st_retention.c - retention limits, and deleting what is past them
 * (src/io/retention.c decides what that is). */
#include "store/store_internal.h"

#include <stdio.h>

#include "base/util.h"

static const char *const site_keys[RET_KIND_COUNT] = {"retention_answers", "retention_comments",
						       "retention_addresses", "retention_audit"};

store_rc store_retention_site(store *st, retention_policy *out)
{
	*out = (retention_policy){{0}};
	db_stmt *s = db_prepare(st->c, SQL("SELECT key, value FROM meta WHERE key LIKE 'retention_%'"));
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		for (int k = 0; k < RET_KIND_COUNT; k++) {
			int64_t v;
			if (strcmp(db_text(s, 0), site_keys[k]) == 0 &&
			    parse_int64(db_text(s, 1), 0, RETENTION_DAYS_MAX, &v))
				out->days[k] = (int)v;
		}
	db_done(s);
	return st_from_db(r);
}

store_rc store_retention_site_set(store *st, const retention_policy *p)
{
	store_rc rc = ST_OK;
	for (int k = 0; k < RET_KIND_COUNT && rc == ST_OK; k++) {
		char v[16];
		snprintf(v, sizeof v, "%d", p->days[k]);
		rc = p->days[k] > 0 ? store_meta_set(st, site_keys[k], v) : store_meta_delete(st, site_keys[k]);
	}
	return rc;
}

#define OWN_COLUMNS "COALESCE(w.retention_answers, 0), COALESCE(w.retention_comments, 0)," \
		    " COALESCE(w.retention_addresses, 0), COALESCE(w.retention_audit, 0)"

static void read_own(db_stmt *s, int col, retention_policy *p)
{
	for (int k = 0; k < RET_KIND_COUNT; k++)
		p->days[k] = (int)db_int(s, col + k);
}

store_rc store_retention_workplace(store *st, int64_t workplace_id, retention_policy *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " OWN_COLUMNS " FROM workplaces w WHERE w.id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_own(s, 0, out);
		db_done(s);
	}
	return rc;
}

store_rc store_retention_workplace_set(store *st, int64_t workplace_id, const retention_policy *p)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE workplaces SET retention_answers = ?, retention_comments = ?,"
					   " retention_addresses = ?, retention_audit = ? WHERE id = ?"));
	for (int k = 0; k < RET_KIND_COUNT; k++)
		if (p->days[k] > 0)
			db_bind_int(s, k + 1, p->days[k]);
		else
			db_bind_null(s, k + 1);
	db_bind_int(s, 5, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_retention_rounds(store *st, arena *a, retention_round **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT r.id, r.workplace_id, r.closes_on, r.closed_early, r.answers_deleted_at IS NULL,"
		" r.comments_deleted_at IS NULL, r.addresses_deleted_at IS NULL, " OWN_COLUMNS
		" FROM rounds r JOIN workplaces w ON w.id = r.workplace_id"
		" WHERE r.answers_deleted_at IS NULL OR r.comments_deleted_at IS NULL"
		" OR r.addresses_deleted_at IS NULL ORDER BY r.id"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		retention_round *rr = st_vec_push(a, &v, sizeof *rr);
		rr->round_id = db_int(s, 0);
		rr->workplace_id = db_int(s, 1);
		rr->closes_on = st_text(a, s, 2);
		rr->closed_early = db_int(s, 3);
		rr->answers_kept = db_int(s, 4);
		rr->comments_kept = db_int(s, 5);
		rr->addresses_kept = db_int(s, 6);
		read_own(s, 7, &rr->own);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_retention_workplaces(store *st, arena *a, retention_workplace **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT w.id, w.slug, " OWN_COLUMNS " FROM workplaces w ORDER BY w.slug"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		retention_workplace *w = st_vec_push(a, &v, sizeof *w);
		w->workplace_id = db_int(s, 0);
		w->slug = st_text(a, s, 1);
		read_own(s, 2, &w->own);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_round_snapshot_put(store *st, int64_t round_id, int64_t now, const char *json)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO round_snapshots (round_id, taken_at, figures)"
					   " VALUES (?, ?, ?) ON CONFLICT (round_id) DO UPDATE SET"
					   " taken_at = excluded.taken_at, figures = excluded.figures"));
	db_bind_int(s, 1, round_id);
	db_bind_int(s, 2, now);
	db_bind_text(s, 3, json);
	return st_exec(s);
}

store_rc store_round_snapshot(store *st, arena *a, int64_t round_id, char **json)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT figures FROM round_snapshots WHERE round_id = ?"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*json = st_text(a, s, 0);
		db_done(s);
	}
	return rc;
}

/* Run a DELETE bound to one id; *deleted: the rows it deleted. */
static store_rc delete_counted(store *st, db_stmt *s, int64_t id, int *deleted)
{
	db_bind_int(s, 1, id);
	store_rc rc = st_exec(s);
	*deleted = rc == ST_OK ? (int)db_changes(st->c) : 0;
	return rc;
}

/* Record on the round when `what` went. */
static store_rc mark_round(store *st, db_stmt *s, int64_t round_id, int64_t now)
{
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, round_id);
	return st_exec_one(st->c, s);
}

store_rc store_round_delete_answers(store *st, int64_t round_id, int64_t now, int *deleted)
{
	store_rc rc = delete_counted(st, db_prepare(st->c, SQL("DELETE FROM responses WHERE round_id = ?")),
				     round_id, deleted);
	if (rc != ST_OK)
		return rc;
	db_stmt *s = db_prepare(st->c, SQL("UPDATE rounds SET answers_deleted_at = ?,"
					   " comments_deleted_at = COALESCE(comments_deleted_at, ?),"
					   " answers_version = answers_version + 1 WHERE id = ?"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, round_id);
	return st_exec_one(st->c, s);
}

/* Delete with `del` (bound to the round), then record with `mark`. */
static store_rc delete_marked(store *st, const char *del, const char *mark, int64_t round_id, int64_t now,
			      int *deleted)
{
	store_rc rc = delete_counted(st, db_prepare(st->c, del), round_id, deleted);
	return rc == ST_OK ? mark_round(st, db_prepare(st->c, mark), round_id, now) : rc;
}

store_rc store_round_delete_comments(store *st, int64_t round_id, int64_t now, int *deleted)
{
	return delete_marked(st, SQL("DELETE FROM comments WHERE response_id IN"
				     " (SELECT id FROM responses WHERE round_id = ?)"),
			     SQL("UPDATE rounds SET comments_deleted_at = ? WHERE id = ?"), round_id, now, deleted);
}

store_rc store_round_delete_addresses(store *st, int64_t round_id, int64_t now, int *deleted)
{
	return delete_marked(st, SQL("DELETE FROM invitations WHERE round_id = ?"),
			     SQL("UPDATE rounds SET addresses_deleted_at = ? WHERE id = ?"), round_id, now, deleted);
}

store_rc store_audit_delete_before(store *st, int64_t workplace_id, int64_t before, int *deleted)
{
	db_stmt *s;
	if (workplace_id > 0) {
		s = db_prepare(st->c, SQL("DELETE FROM audit_log WHERE workplace_id = ? AND at < ?"));
		db_bind_int(s, 1, workplace_id);
		db_bind_int(s, 2, before);
	} else {
		s = db_prepare(st->c, SQL("DELETE FROM audit_log WHERE workplace_id IS NULL AND at < ?"));
		db_bind_int(s, 1, before);
	}
	store_rc rc = st_exec(s);
	*deleted = rc == ST_OK ? (int)db_changes(st->c) : 0;
	return rc;
}

/* ---- the site's privacy statement and contact (meta keys privacy_*) */

static const char *const text_keys[3] = {"privacy_statement_nl", "privacy_statement_en", "privacy_contact"};

store_rc store_privacy_texts(store *st, arena *a, privacy_texts *out)
{
	const char **fields[3] = {&out->statement_nl, &out->statement_en, &out->contact};
	for (int i = 0; i < 3; i++)
		*fields[i] = "";
	db_stmt *s = db_prepare(st->c, SQL("SELECT key, value FROM meta WHERE key LIKE 'privacy_%'"));
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		for (int i = 0; i < 3; i++)
			if (strcmp(db_text(s, 0), text_keys[i]) == 0)
				*fields[i] = st_text(a, s, 1);
	db_done(s);
	return st_from_db(r);
}

store_rc store_privacy_texts_set(store *st, const privacy_texts *t)
{
	const char *values[3] = {t->statement_nl, t->statement_en, t->contact};
	store_rc rc = ST_OK;
	for (int i = 0; i < 3 && rc == ST_OK; i++)
		rc = *values[i] ? store_meta_set(st, text_keys[i], values[i]) : store_meta_delete(st, text_keys[i]);
	return rc;
}

store_rc store_expired_delete(store *st, int64_t now, int64_t throttle_before, int *deleted)
{
	static const char *const sql[] = {
		SQL("DELETE FROM sessions WHERE expires_at < ?"),
		SQL("DELETE FROM password_links WHERE expires_at < ?"),
		SQL("DELETE FROM member_invitations WHERE expires_at < ?"),
		SQL("DELETE FROM login_challenges WHERE expires_at < ?"),
		SQL("DELETE FROM throttle WHERE window_start < ?"),
	};
	store_rc rc = ST_OK;
	*deleted = 0;
	for (size_t i = 0; i < ARRAY_LEN(sql) && rc == ST_OK; i++) {
		db_stmt *s = db_prepare(st->c, sql[i]);
		db_bind_int(s, 1, i == ARRAY_LEN(sql) - 1 ? throttle_before : now);
		rc = st_exec(s);
		if (rc == ST_OK)
			*deleted += (int)db_changes(st->c);
	}
	return rc;
}
