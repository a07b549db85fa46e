/* st_round.c - measurement rounds and invitations. Invitations hold
 * e-mail addresses; nothing here ever joins them to responses. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_round_create(store *st, const mround *r, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO rounds (workplace_id, version_id, title, opens_on, closes_on, k,"
		" open_token, created_at, k_comments, mail_lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" RETURNING id"));
	db_bind_int(s, 1, r->workplace_id);
	db_bind_int(s, 2, r->version_id);
	db_bind_text(s, 3, r->title);
	db_bind_text(s, 4, r->opens_on);
	db_bind_text(s, 5, r->closes_on);
	db_bind_int(s, 6, r->k);
	db_bind_text(s, 7, r->open_token);
	db_bind_int(s, 8, wp_now());
	db_bind_int(s, 9, r->k_comments ? r->k_comments : r->k + 2);
	db_bind_text(s, 10, r->mail_lang ? r->mail_lang : "both");
	return st_insert_id(s, id);
}

#define ROUND_COLUMNS                                                                   \
	"r.id, r.workplace_id, r.version_id, r.title, r.opens_on, r.closes_on, r.k,"    \
	" r.closed_early, r.open_token, w.slug, w.name, v.label, r.answers_version,"    \
	" COALESCE(r.k_comments, r.k + 2), r.mail_lang, r.answers_deleted_at,"          \
	" r.comments_deleted_at, r.addresses_deleted_at FROM rounds r"                  \
	" JOIN workplaces w ON w.id = r.workplace_id"                                   \
	" JOIN instrument_versions v ON v.id = r.version_id"

static void read_round(arena *a, db_stmt *s, mround *r)
{
	r->id = db_int(s, 0);
	r->workplace_id = db_int(s, 1);
	r->version_id = db_int(s, 2);
	r->title = st_text(a, s, 3);
	r->opens_on = st_text(a, s, 4);
	r->closes_on = st_text(a, s, 5);
	r->k = (int)db_int(s, 6);
	r->closed_early = db_int(s, 7);
	r->open_token = st_text(a, s, 8);
	r->workplace_slug = st_text(a, s, 9);
	r->workplace_name = st_text(a, s, 10);
	r->version_label = st_text(a, s, 11);
	r->answers_version = db_int(s, 12);
	r->k_comments = (int)db_int(s, 13);
	if (r->k_comments < r->k) /* never below k, whatever was written from outside */
		r->k_comments = r->k;
	r->mail_lang = st_text(a, s, 14);
	r->answers_deleted_at = db_int(s, 15);
	r->comments_deleted_at = db_int(s, 16);
	r->addresses_deleted_at = db_int(s, 17);
}

static store_rc one_round(db_stmt *s, arena *a, mround *out)
{
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_round(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_round_get(store *st, arena *a, int64_t id, mround *out)
{
	db_stmt *s = db_prepare_memo(st->c, SQL("SELECT " ROUND_COLUMNS " WHERE r.id = ?"
						" AND (? = 0 OR w.institution_id = ?)"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, st->institution);
	db_bind_int(s, 3, st->institution);
	return one_round(s, a, out);
}

store_rc store_round_by_open_token(store *st, arena *a, const char *token, mround *out)
{
	db_stmt *s = db_prepare_memo(st->c, SQL("SELECT " ROUND_COLUMNS " WHERE r.open_token = ?"));
	db_bind_text(s, 1, token);
	return one_round(s, a, out);
}

/* Every round a statement yields. */
static store_rc round_list(db_stmt *s, arena *a, mround **out, int *n)
{
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_round(a, s, st_vec_push(a, &v, sizeof(mround)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_rounds_for(store *st, arena *a, int64_t workplace_id, mround **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " ROUND_COLUMNS " WHERE r.workplace_id = ?"
					   " ORDER BY r.opens_on DESC, r.id DESC"));
	db_bind_int(s, 1, workplace_id);
	return round_list(s, a, out, n);
}

store_rc store_round_previous(store *st, arena *a, const mround *cur, mround *out)
{
	/* the order of store_rounds_for: opening date, then id */
	db_stmt *s = db_prepare_memo(st->c, SQL("SELECT " ROUND_COLUMNS " WHERE r.workplace_id = ?"
					   " AND (r.opens_on, r.id) < (?, ?)"
					   " ORDER BY r.opens_on DESC, r.id DESC LIMIT 1"));
	db_bind_int(s, 1, cur->workplace_id);
	db_bind_text(s, 2, cur->opens_on);
	db_bind_int(s, 3, cur->id);
	return one_round(s, a, out);
}

store_rc store_round_set_closed(store *st, int64_t id, bool closed)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE rounds SET closed_early = ? WHERE id = ?"));
	db_bind_int(s, 1, closed);
	db_bind_int(s, 2, id);
	return st_exec_one(st->c, s);
}

store_rc store_round_set_mail_lang(store *st, int64_t id, const char *lang)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE rounds SET mail_lang = ? WHERE id = ?"));
	db_bind_text(s, 1, lang);
	db_bind_int(s, 2, id);
	return st_exec_one(st->c, s);
}

store_rc store_round_counts(store *st, int64_t round_id, int counts[PERSP_COUNT], int *in_progress)
{
	for (int p = 0; p < PERSP_COUNT; p++)
		counts[p] = 0;
	*in_progress = 0;
	db_stmt *s = db_prepare(st->c, SQL("SELECT perspective, submitted, COUNT(*) FROM responses"
					   " WHERE round_id = ? GROUP BY perspective, submitted"));
	db_bind_int(s, 1, round_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int p = perspective_from_code(db_text(s, 0));
		int n = (int)db_int(s, 2);
		if (!db_int(s, 1))
			*in_progress += n;
		else if (p >= 0)
			counts[p] += n;
	}
	db_done(s);
	return st_from_db(r);
}

/* ---- invitations ---- */

store_rc store_invitation_create(store *st, int64_t round_id, const char *email, perspective p,
				 const char *token_hash, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO invitations (round_id, email, perspective)"
					   " VALUES (?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, round_id);
	db_bind_text(s, 2, email);
	db_bind_text(s, 3, perspective_code(p));
	store_rc rc = st_insert_id(s, id);
	return rc == ST_OK ? store_invitation_add_token(st, *id, token_hash) : rc;
}

store_rc store_invitation_add_token(store *st, int64_t invitation_id, const char *token_hash)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO invitation_tokens (token_hash, invitation_id)"
					   " VALUES (?, ?)"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, invitation_id);
	return st_exec(s);
}

static void read_invitation(arena *a, db_stmt *s, invitation *i)
{
	i->id = db_int(s, 0);
	i->round_id = db_int(s, 1);
	i->email = st_text(a, s, 2);
	int p = perspective_from_code(db_text(s, 3));
	i->persp = p < 0 ? PERSP_OTHER : (perspective)p;
	i->responded = db_int(s, 4);
	i->sent_count = (int)db_int(s, 5);
}

store_rc store_invitation_by_token(store *st, arena *a, const char *token_hash, invitation *out)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT i.id, i.round_id, i.email, i.perspective, i.responded, i.sent_count"
		" FROM invitation_tokens t JOIN invitations i ON i.id = t.invitation_id"
		" WHERE t.token_hash = ?"));
	db_bind_text(s, 1, token_hash);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_invitation(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_invitations_pending(store *st, arena *a, int64_t round_id, invitation **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT id, round_id, email, perspective, responded, sent_count FROM invitations"
		" WHERE round_id = ? AND responded = 0 ORDER BY id"));
	db_bind_int(s, 1, round_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_invitation(a, s, st_vec_push(a, &v, sizeof(invitation)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_invitation_counts(store *st, int64_t round_id, int *invited, int *responded)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*), COALESCE(SUM(responded), 0)"
					   " FROM invitations WHERE round_id = ?"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	*invited = *responded = 0;
	if (rc == ST_OK) {
		*invited = (int)db_int(s, 0);
		*responded = (int)db_int(s, 1);
		db_done(s);
	}
	return rc;
}

store_rc store_invitation_mark_sent(store *st, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE invitations SET sent_count = sent_count + 1"
					   " WHERE id = ?"));
	db_bind_int(s, 1, id);
	return st_exec(s);
}

/* ST_CONFLICT when it was already marked: two submissions through one
 * invitation that raced past the caller's check (possible with two
 * servers on one PostgreSQL database) count once. */
store_rc store_invitation_mark_responded(store *st, int64_t id)
{
	const char *sql = SQL("UPDATE invitations SET responded = 1 WHERE id = ? AND responded = 0");
	db_call *call = st_plan_add(st, sql, 1); /* planned: it must mark it */
	if (call) {
		db_call_int(call, 1, id);
		return ST_OK;
	}
	db_stmt *s = db_prepare(st->c, sql);
	db_bind_int(s, 1, id);
	store_rc rc = st_exec(s);
	return rc == ST_OK && db_changes(st->c) == 0 ? ST_CONFLICT : rc;
}

/* ---- for exports across workplaces ---- */

store_rc store_rounds_of_version(store *st, arena *a, int64_t version_id, mround **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " ROUND_COLUMNS " WHERE r.version_id = ?"
					   " AND (? = 0 OR w.institution_id = ?) ORDER BY r.opens_on, r.id"));
	db_bind_int(s, 1, version_id);
	db_bind_int(s, 2, st->institution);
	db_bind_int(s, 3, st->institution);
	return round_list(s, a, out, n);
}
