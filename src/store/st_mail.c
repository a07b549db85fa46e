/* st_mail.c - what sending mail keeps: the reminders planned for rounds
 * and what came of them, the last delivery errors, and a workplace's own
 * texts of its mails. Never an address next to anything a response holds;
 * delivery errors keep only a masked address. */
#include "store/store_internal.h"

#include "base/util.h"

/* ---- reminders ---- */

static void read_reminder(arena *a, db_stmt *s, round_reminder *r)
{
	r->id = db_int(s, 0);
	r->round_id = db_int(s, 1);
	r->day = (int)db_int(s, 2);
	r->due_at = db_int(s, 3);
	r->started_at = db_int(s, 4);
	r->finished_at = db_int(s, 5);
	r->sent = (int)db_int(s, 6);
	r->failed = (int)db_int(s, 7);
	r->note = st_text(a, s, 8);
}

static store_rc reminder_list(db_stmt *s, arena *a, round_reminder **out, int *n)
{
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_reminder(a, s, st_vec_push(a, &v, sizeof(round_reminder)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

#define REMINDER_COLUMNS \
	"id, round_id, day, due_at, started_at, finished_at, sent, failed, note FROM round_reminders"

store_rc store_round_reminders(store *st, arena *a, int64_t round_id, round_reminder **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " REMINDER_COLUMNS " WHERE round_id = ? ORDER BY day"));
	db_bind_int(s, 1, round_id);
	return reminder_list(s, a, out, n);
}

store_rc store_round_reminders_plan(store *st, int64_t round_id, const int *days,
				    const int64_t *due_at, int n)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM round_reminders WHERE round_id = ?"
					   " AND started_at IS NULL"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_exec(s);
	for (int i = 0; i < n && rc == ST_OK; i++) {
		/* a day that already went out stays as it was */
		s = db_prepare(st->c, SQL("INSERT INTO round_reminders (round_id, day, due_at)"
					  " VALUES (?, ?, ?) ON CONFLICT (round_id, day) DO NOTHING"));
		db_bind_int(s, 1, round_id);
		db_bind_int(s, 2, days[i]);
		db_bind_int(s, 3, due_at[i]);
		rc = st_exec(s);
	}
	return rc;
}

store_rc store_reminders_due(store *st, arena *a, int64_t now, int max, round_reminder **out,
			     int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " REMINDER_COLUMNS " WHERE started_at IS NULL"
					   " AND due_at <= ? ORDER BY due_at, id LIMIT ?"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, max);
	return reminder_list(s, a, out, n);
}

store_rc store_reminder_claim(store *st, int64_t id, int64_t now, bool *claimed)
{
	/* Conditional: of two servers that both saw it due, the one whose
	 * UPDATE changes the row owns it. PostgreSQL makes the second wait
	 * for the first's commit and then finds started_at set. */
	db_stmt *s = db_prepare(st->c, SQL("UPDATE round_reminders SET started_at = ?"
					   " WHERE id = ? AND started_at IS NULL"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	store_rc rc = st_exec(s);
	*claimed = rc == ST_OK && db_changes(st->c) == 1;
	return rc;
}

store_rc store_reminder_finish(store *st, int64_t id, int64_t now, int sent, int failed,
			       const char *note)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE round_reminders SET finished_at = ?, sent = ?,"
					   " failed = ?, note = ? WHERE id = ?"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, sent);
	db_bind_int(s, 3, failed);
	db_bind_text(s, 4, note ? note : "");
	db_bind_int(s, 5, id);
	return st_exec_one(st->c, s);
}

/* ---- delivery errors ---- */

store_rc store_mail_failure_add(store *st, int64_t at, const char *recipient, const char *context,
				const char *error)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO mail_failures (at, recipient, context, error)"
					   " VALUES (?, ?, ?, ?)"));
	db_bind_int(s, 1, at);
	db_bind_text(s, 2, recipient);
	db_bind_text(s, 3, context);
	db_bind_text(s, 4, error);
	store_rc rc = st_exec(s);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL("DELETE FROM mail_failures WHERE id <= (SELECT id FROM mail_failures"
				  " ORDER BY id DESC LIMIT 1 OFFSET ?)"));
	db_bind_int(s, 1, MAIL_FAILURES_KEPT);
	return st_exec(s);
}

store_rc store_mail_failures(store *st, arena *a, mail_failure **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT at, recipient, context, error FROM mail_failures"
					   " ORDER BY id DESC"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		mail_failure *f = st_vec_push(a, &v, sizeof(mail_failure));
		f->at = db_int(s, 0);
		f->recipient = st_text(a, s, 1);
		f->context = st_text(a, s, 2);
		f->error = st_text(a, s, 3);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

/* ---- a workplace's texts ---- */

store_rc store_mail_template_get(store *st, arena *a, int64_t workplace_id, const char *kind,
				 const char *lang, char **body)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT body FROM mail_templates WHERE workplace_id = ?"
					   " AND kind = ? AND lang = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, lang);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*body = st_text(a, s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_mail_template_set(store *st, int64_t workplace_id, const char *kind, const char *lang,
				 const char *body)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO mail_templates (workplace_id, kind, lang, body, updated_at)"
		" VALUES (?, ?, ?, ?, ?) ON CONFLICT (workplace_id, kind, lang)"
		" DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"));
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, lang);
	db_bind_text(s, 4, body);
	db_bind_int(s, 5, wp_now());
	return st_exec(s);
}

store_rc store_mail_template_delete(store *st, int64_t workplace_id, const char *kind,
				    const char *lang)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM mail_templates WHERE workplace_id = ?"
					   " AND kind = ? AND lang = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, lang);
	return st_exec(s);
}
