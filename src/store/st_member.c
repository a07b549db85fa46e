/* st_member.c - changing who belongs to a workplace: roles, removal (never
 * of the last coordinator) and one-time invitations to join. Tokens arrive
 * here already hashed. */
#include "store/store_internal.h"

#include "base/util.h"

/* Whether the person is a coordinator, and the number of
 * coordinators, read inside the caller's transaction. */
static store_rc role_and_coordinators(store *st, int64_t workplace_id, int64_t person_id,
				      bool *is_coordinator, int64_t *coordinators)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT m.role = 'coordinator', (SELECT count(*) FROM memberships c"
		" WHERE c.workplace_id = m.workplace_id AND c.role = 'coordinator')"
		" FROM memberships m WHERE m.workplace_id = ? AND m.person_id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, person_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*is_coordinator = db_int(s, 0) != 0;
		*coordinators = db_int(s, 1);
		db_done(s);
	}
	return rc;
}

store_rc store_membership_remove(store *st, int64_t workplace_id, int64_t person_id)
{
	bool coord;
	int64_t n;
	store_rc rc = role_and_coordinators(st, workplace_id, person_id, &coord, &n);
	if (rc != ST_OK)
		return rc;
	if (coord && n <= 1)
		return ST_CONFLICT;
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM memberships WHERE workplace_id = ?"
					   " AND person_id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, person_id);
	return st_exec(s);
}

store_rc store_membership_change(store *st, int64_t workplace_id, int64_t person_id,
				 member_role role)
{
	bool coord;
	int64_t n;
	store_rc rc = role_and_coordinators(st, workplace_id, person_id, &coord, &n);
	if (rc != ST_OK)
		return rc;
	if (coord && n <= 1 && role != ROLE_COORDINATOR)
		return ST_CONFLICT;
	db_stmt *s = db_prepare(st->c, SQL("UPDATE memberships SET role = ? WHERE workplace_id = ?"
					   " AND person_id = ?"));
	db_bind_text(s, 1, member_role_code(role));
	db_bind_int(s, 2, workplace_id);
	db_bind_int(s, 3, person_id);
	return st_exec(s);
}

store_rc store_member_invitation_create(store *st, int64_t workplace_id, const char *email,
					member_role role, const char *token_hash,
					int64_t invited_by, int64_t expires_at, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM member_invitations WHERE workplace_id = ?"
					   " AND email = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, email);
	store_rc rc = st_exec(s);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL(
		"INSERT INTO member_invitations (token_hash, workplace_id, email, role, invited_by,"
		" created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, workplace_id);
	db_bind_text(s, 3, email);
	db_bind_text(s, 4, member_role_code(role));
	if (invited_by > 0)
		db_bind_int(s, 5, invited_by);
	else
		db_bind_null(s, 5);
	db_bind_int(s, 6, wp_now());
	db_bind_int(s, 7, expires_at);
	return st_insert_id(s, id);
}

static void read_invitation(arena *a, db_stmt *s, member_invitation *m)
{
	m->id = db_int(s, 0);
	m->workplace_id = db_int(s, 1);
	m->email = st_text(a, s, 2);
	m->role = st_member_role(s, 3);
	m->invited_by = st_text(a, s, 4);
	m->workplace_slug = st_text(a, s, 5);
	m->workplace_name = st_text(a, s, 6);
	m->created_at = db_int(s, 7);
	m->expires_at = db_int(s, 8);
}

store_rc store_member_invitation_by_token(store *st, arena *a, const char *token_hash,
					  int64_t now, member_invitation *out)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT i.id, i.workplace_id, i.email, i.role, COALESCE(p.name, ''), w.slug, w.name,"
		" i.created_at, i.expires_at FROM member_invitations i"
		" JOIN workplaces w ON w.id = i.workplace_id"
		" LEFT JOIN people p ON p.id = i.invited_by"
		" WHERE i.token_hash = ? AND i.expires_at > ?"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_invitation(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_member_invitations_open(store *st, arena *a, int64_t workplace_id, int64_t now,
				       member_invitation **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT i.id, i.workplace_id, i.email, i.role, COALESCE(p.name, ''), w.slug, w.name,"
		" i.created_at, i.expires_at FROM member_invitations i"
		" JOIN workplaces w ON w.id = i.workplace_id"
		" LEFT JOIN people p ON p.id = i.invited_by"
		" WHERE i.workplace_id = ? AND i.expires_at > ? ORDER BY i.created_at DESC, i.id DESC"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, now);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_invitation(a, s, st_vec_push(a, &v, sizeof(member_invitation)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_member_invitation_delete(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM member_invitations WHERE workplace_id = ?"
					   " AND id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, id);
	return st_exec_one(st->c, s);
}
