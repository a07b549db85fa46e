/* st_share.c - read-only links to a closed round's results. Only the
 * hashes of their tokens are stored. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_share_link_create(store *st, int64_t round_id, const char *token_hash, int64_t person_id,
				 int64_t expires_at, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO share_links (round_id, token_hash, created_by, created_at,"
					   " expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, round_id);
	db_bind_text(s, 2, token_hash);
	if (person_id > 0)
		db_bind_int(s, 3, person_id);
	else
		db_bind_null(s, 3);
	db_bind_int(s, 4, wp_now());
	db_bind_int(s, 5, expires_at);
	return st_insert_id(s, id);
}

/* A link's columns as read_link takes them: a round's, then a year's. */
#define LINK_SELECT                                                                                    \
	"SELECT l.id, l.round_id, r.workplace_id, 0, COALESCE(p.name, ''), l.created_at, l.expires_at,"  \
	" COALESCE(l.revoked_at, 0), COALESCE(l.last_used_at, 0), l.uses FROM share_links l"             \
	" JOIN rounds r ON r.id = l.round_id LEFT JOIN people p ON p.id = l.created_by"
#define YEAR_LINK_SELECT                                                                               \
	"SELECT l.id, 0, l.workplace_id, l.year, COALESCE(p.name, ''), l.created_at, l.expires_at,"      \
	" COALESCE(l.revoked_at, 0), COALESCE(l.last_used_at, 0), l.uses FROM year_share_links l"        \
	" LEFT JOIN people p ON p.id = l.created_by"

static void read_link(arena *a, db_stmt *s, share_link *l)
{
	l->id = db_int(s, 0);
	l->round_id = db_int(s, 1);
	l->workplace_id = db_int(s, 2);
	l->year = (int)db_int(s, 3);
	l->created_by = st_text(a, s, 4);
	l->created_at = db_int(s, 5);
	l->expires_at = db_int(s, 6);
	l->revoked_at = db_int(s, 7);
	l->last_used_at = db_int(s, 8);
	l->uses = (int)db_int(s, 9);
}

/* Every link that statement s (bound) selects. */
static store_rc read_links(arena *a, db_stmt *s, share_link **out, int *n)
{
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_link(a, s, st_vec_push(a, &v, sizeof(share_link)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_share_links(store *st, arena *a, int64_t round_id, share_link **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(LINK_SELECT " WHERE l.round_id = ? ORDER BY l.created_at DESC, l.id DESC"));
	db_bind_int(s, 1, round_id);
	return read_links(a, s, out, n);
}

store_rc store_year_share_link_create(store *st, int64_t workplace_id, int year, const char *token_hash,
				      int64_t person_id, int64_t expires_at, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO year_share_links (workplace_id, year, token_hash, created_by,"
					   " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, year);
	db_bind_text(s, 3, token_hash);
	if (person_id > 0)
		db_bind_int(s, 4, person_id);
	else
		db_bind_null(s, 4);
	db_bind_int(s, 5, wp_now());
	db_bind_int(s, 6, expires_at);
	return st_insert_id(s, id);
}

store_rc store_year_share_links(store *st, arena *a, int64_t workplace_id, share_link **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(YEAR_LINK_SELECT " WHERE l.workplace_id = ?"
							     " ORDER BY l.created_at DESC, l.id DESC"));
	db_bind_int(s, 1, workplace_id);
	return read_links(a, s, out, n);
}

store_rc store_year_share_link_revoke(store *st, int64_t workplace_id, int64_t id, int64_t now)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE year_share_links SET revoked_at = ? WHERE id = ?"
					   " AND workplace_id = ? AND revoked_at IS NULL"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_share_link_revoke(store *st, int64_t round_id, int64_t id, int64_t now)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE share_links SET revoked_at = ? WHERE id = ? AND round_id = ?"
					   " AND revoked_at IS NULL"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, round_id);
	return st_exec_one(st->c, s);
}

store_rc store_share_link_by_token(store *st, arena *a, const char *token_hash, share_link *out)
{
	db_stmt *s = db_prepare(st->c, SQL(LINK_SELECT " WHERE l.token_hash = ?"));
	db_bind_text(s, 1, token_hash);
	store_rc rc = st_one(s);
	if (rc == ST_NOTFOUND) {
		s = db_prepare(st->c, SQL(YEAR_LINK_SELECT " WHERE l.token_hash = ?"));
		db_bind_text(s, 1, token_hash);
		rc = st_one(s);
	}
	if (rc == ST_OK) {
		read_link(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_share_link_used(store *st, int64_t id, bool year_link, int64_t now, int64_t quiet, bool *new_visit)
{
	db_stmt *s = year_link ? db_prepare(st->c, SQL("SELECT COALESCE(last_used_at, 0) FROM year_share_links WHERE id = ?"))
			       : db_prepare(st->c, SQL("SELECT COALESCE(last_used_at, 0) FROM share_links WHERE id = ?"));
	db_bind_int(s, 1, id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	int64_t last = db_int(s, 0);
	db_done(s);
	*new_visit = last == 0 || now - last >= quiet;
	s = year_link ? db_prepare(st->c, SQL("UPDATE year_share_links SET uses = uses + 1, last_used_at = ? WHERE id = ?"))
		      : db_prepare(st->c, SQL("UPDATE share_links SET uses = uses + 1, last_used_at = ? WHERE id = ?"));
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	return st_exec_one(st->c, s);
}
