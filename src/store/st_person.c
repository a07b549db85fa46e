/* st_person.c - everything stored about one e-mail address, and deleting
 * it ("a person's data"; docs/privacy.md). The catalogue below
 * is the one list of where an address or its person lives: a migration
 * that adds a table holding an address or pointing at people adds it
 * here (and to store_person_delete when ON DELETE does not cover it).
 * Responses are anonymous: nothing ties
 * them to a person or an address, so nothing here reads or touches them. */
#include "store/store_internal.h"

#include "base/util.h"

/* Each section's statement takes the address as every ?, except where
 * `pattern` says the last ? is the address as a LIKE pattern (for the
 * audit log's free-text details). Times are seconds since 1970. */
static const struct {
	const char *name, *sql;
	bool pattern;
} sections[] = {
	{"person", SQL("SELECT id, name, email, created_at FROM people WHERE email = ?"), false},
	{"account", SQL("SELECT a.is_admin, a.is_programme_lead, a.is_researcher, a.disabled,"
			" CASE WHEN a.password_hash IS NULL THEN 0 ELSE 1 END AS has_password"
			" FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.email = ?"), false},
	{"memberships", SQL("SELECT w.slug AS workplace, w.name AS workplace_name, m.role, m.created_at"
			    " FROM memberships m JOIN people p ON p.id = m.person_id"
			    " JOIN workplaces w ON w.id = m.workplace_id WHERE p.email = ? ORDER BY w.slug"), false},
	{"workplace_invitations", SQL("SELECT w.slug AS workplace, i.role, i.created_at, i.expires_at"
				      " FROM member_invitations i JOIN workplaces w ON w.id = i.workplace_id"
				      " WHERE i.email = ? ORDER BY i.id"), false},
	{"round_invitations", SQL("SELECT i.round_id, w.slug AS workplace, r.title AS round, i.perspective,"
				  " i.responded, i.sent_count FROM invitations i JOIN rounds r ON r.id = i.round_id"
				  " JOIN workplaces w ON w.id = r.workplace_id WHERE i.email = ? ORDER BY i.id"), false},
	{"sessions", SQL("SELECT s.created_at, s.expires_at FROM sessions s JOIN people p ON p.id = s.person_id"
			 " WHERE p.email = ? ORDER BY s.created_at"), false},
	{"api_tokens", SQL("SELECT t.name, t.hint, t.created_at FROM api_tokens t JOIN people p ON p.id = t.person_id"
			   " WHERE p.email = ? ORDER BY t.id"), false},
	{"password_links", SQL("SELECT l.expires_at FROM password_links l JOIN people p ON p.id = l.person_id"
			       " WHERE p.email = ?"), false},
	{"second_factor", SQL("SELECT t.confirmed_at, CASE WHEN t.confirmed_at IS NULL THEN 'being set up'"
			      " ELSE 'on' END AS state FROM totp t JOIN people p ON p.id = t.person_id"
			      " WHERE p.email = ?"), false},
	{"login_challenges", SQL("SELECT c.expires_at FROM login_challenges c JOIN people p ON p.id = c.person_id"
				 " WHERE p.email = ?"), false},
	{"login_throttle", SQL("SELECT window_start, failures FROM throttle WHERE key = 'login:' || ?"), false},
	{"audit_log", SQL("SELECT l.at, COALESCE(w.slug, '') AS workplace, l.action, l.detail,"
			  " CASE WHEN l.person_id = p.id THEN 1 ELSE 0 END AS by_this_person"
			  " FROM audit_log l LEFT JOIN workplaces w ON w.id = l.workplace_id"
			  " LEFT JOIN people p ON p.email = ?"
			  " WHERE l.person_id = p.id OR lower(l.detail) LIKE ? ESCAPE '\\'"
			  " ORDER BY l.at, l.id"), true},
	{"authored", SQL("SELECT 'action notes' AS what, count(*) AS count FROM action_notes n"
			 " JOIN people p ON p.id = n.person_id WHERE p.email = ?"
			 " UNION ALL SELECT 'realist notes', count(*) FROM realist_notes n"
			 " JOIN people p ON p.id = n.person_id WHERE p.email = ?"
			 " UNION ALL SELECT 'characteristics assessments', count(*) FROM characteristic_assessments c"
			 " JOIN people p ON p.id = c.assessed_by WHERE p.email = ?"
			 " UNION ALL SELECT 'trigger changes', count(*) FROM trigger_changes c"
			 " JOIN people p ON p.id = c.changed_by WHERE p.email = ?"
			 " UNION ALL SELECT 'share links', count(*) FROM share_links l"
			 " JOIN people p ON p.id = l.created_by WHERE p.email = ?"
			 " UNION ALL SELECT 'actions last changed', count(*) FROM actions a"
			 " JOIN people p ON p.id = a.updated_by WHERE p.email = ?"
			 " UNION ALL SELECT 'workplace invitations sent', count(*) FROM member_invitations i"
			 " JOIN people p ON p.id = i.invited_by WHERE p.email = ?"), false},
};

/* '%address%' with LIKE's own characters escaped. Arena memory. */
static const char *like_pattern(arena *a, const char *email)
{
	char *out = arena_alloc(a, strlen(email) * 2 + 3), *o = out;
	*o++ = '%';
	for (const char *p = email; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '%';
	*o = 0;
	return out;
}

/* Bind the address to every ? of a section's statement. */
static void bind_all(arena *a, db_stmt *s, const char *sql, bool pattern, const char *email)
{
	int n = 0;
	for (const char *p = sql; *p; p++)
		n += *p == '?';
	for (int i = 1; i <= n; i++)
		db_bind_text(s, i, pattern && i == n ? like_pattern(a, email) : email);
}

static store_rc read_section(store *st, arena *a, int i, const char *email, person_section *out)
{
	db_stmt *s = db_prepare(st->c, sections[i].sql);
	bind_all(a, s, sections[i].sql, sections[i].pattern, email);
	st_vec cells = {0};
	db_result r;
	out->name = sections[i].name;
	out->n_rows = 0;
	out->n_cols = 0;
	while ((r = db_step(s)) == DB_ROW) {
		if (!out->n_rows) {
			out->n_cols = db_column_count(s);
			out->cols = ARENA_ARRAY(a, const char *, (size_t)out->n_cols);
			for (int c = 0; c < out->n_cols; c++)
				out->cols[c] = arena_strdup(a, db_column_name(s, c));
		}
		for (int c = 0; c < out->n_cols; c++)
			*(const char **)st_vec_push(a, &cells, sizeof(const char *)) =
				db_isnull(s, c) ? NULL : st_text(a, s, c);
		out->n_rows++;
	}
	db_done(s);
	out->cells = cells.items;
	return st_from_db(r);
}

store_rc store_person_data(store *st, arena *a, const char *email, person_section **out, int *n)
{
	int count = (int)ARRAY_LEN(sections);
	person_section *ps = ARENA_ARRAY(a, person_section, (size_t)count);
	store_rc rc = ST_OK;
	for (int i = 0; i < count && rc == ST_OK; i++)
		rc = read_section(st, a, i, email, &ps[i]);
	*out = ps;
	*n = count;
	return rc;
}

/* Run a statement with the address bound to every ?; add its changes. */
static store_rc run(store *st, arena *a, const char *sql, bool pattern, const char *email, int *changed)
{
	db_stmt *s = db_prepare(st->c, sql);
	bind_all(a, s, sql, pattern, email);
	store_rc rc = st_exec(s);
	if (rc == ST_OK && changed)
		*changed += (int)db_changes(st->c);
	return rc;
}

store_rc store_person_delete(store *st, arena *a, const char *email, person_deleted *out)
{
	memset(out, 0, sizeof *out);
	/* the audit log first: its entries name the person by id or address */
	store_rc rc = run(st, a, SQL("UPDATE audit_log SET detail = '' WHERE lower(detail) LIKE ? ESCAPE '\\'"), true,
			  email, &out->audit_details);
	if (rc == ST_OK)
		rc = run(st, a, SQL("DELETE FROM invitations WHERE email = ?"), false, email, &out->round_invitations);
	if (rc == ST_OK)
		rc = run(st, a, SQL("DELETE FROM member_invitations WHERE email = ?"), false, email,
			 &out->workplace_invitations);
	if (rc == ST_OK)
		rc = run(st, a, SQL("DELETE FROM throttle WHERE key = 'login:' || ?"), false, email, NULL);
	/* memberships, sessions, tokens and links go with the person; what
	 * the person wrote stays, no longer tied to anyone (ON DELETE SET
	 * NULL), and so do the audit log entries the person made */
	if (rc == ST_OK)
		rc = run(st, a, SQL("DELETE FROM people WHERE email = ?"), false, email, &out->people);
	return rc;
}

store_rc store_admins_besides(store *st, const char *email, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT count(*) FROM accounts a JOIN people p ON p.id = a.person_id"
					   " WHERE a.is_admin = 1 AND a.disabled = 0 AND p.email <> ?"));
	db_bind_text(s, 1, email);
	store_rc rc = st_one(s);
	*n = 0;
	if (rc == ST_OK) {
		*n = (int)db_int(s, 0);
		db_done(s);
	}
	return rc;
}
