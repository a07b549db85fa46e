/* st_paper.c - paper questionnaires typed in twice (migration 12, the
 * rules in src/domain/paper.h and docs/rounds.md). */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_paper_add(store *st, int64_t round_id, int form_no, perspective p, const char *digits,
			 int64_t person_id, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO paper_entries (round_id, form_no, perspective, digits,"
					   " entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, round_id);
	db_bind_int(s, 2, form_no);
	db_bind_text(s, 3, perspective_code(p));
	db_bind_text(s, 4, digits);
	db_bind_int(s, 5, person_id);
	db_bind_int(s, 6, wp_now());
	return st_insert_id(s, id);
}

#define ENTRY_SELECT                                                                                  \
	"SELECT e.id, e.round_id, e.form_no, e.perspective, e.digits, COALESCE(e.entered_by, 0),"       \
	" COALESCE(p.name, ''), e.entered_at, e.checked_at IS NOT NULL FROM paper_entries e"           \
	" LEFT JOIN people p ON p.id = e.entered_by"

static void read_entry(arena *a, db_stmt *s, paper_entry *e)
{
	e->id = db_int(s, 0);
	e->round_id = db_int(s, 1);
	e->form_no = (int)db_int(s, 2);
	int p = perspective_from_code(db_text(s, 3));
	e->persp = p < 0 ? PERSP_OTHER : (perspective)p;
	e->digits = st_text(a, s, 4);
	e->entered_by = db_int(s, 5);
	e->entered_by_name = st_text(a, s, 6);
	e->entered_at = db_int(s, 7);
	e->checked = db_int(s, 8) != 0;
}

store_rc store_paper_entries(store *st, arena *a, int64_t round_id, paper_entry **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(ENTRY_SELECT " WHERE e.round_id = ? ORDER BY e.checked_at IS NOT NULL,"
					   " e.form_no"));
	db_bind_int(s, 1, round_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_entry(a, s, st_vec_push(a, &v, sizeof(paper_entry)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_paper_entry(store *st, arena *a, int64_t round_id, int form_no, paper_entry *out)
{
	db_stmt *s = db_prepare(st->c, SQL(ENTRY_SELECT " WHERE e.round_id = ? AND e.form_no = ?"));
	db_bind_int(s, 1, round_id);
	db_bind_int(s, 2, form_no);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_entry(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_paper_checked(store *st, int64_t id, int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE paper_entries SET digits = '', checked_by = ?, checked_at = ?"
					   " WHERE id = ? AND checked_at IS NULL"));
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, wp_now());
	db_bind_int(s, 3, id);
	return st_exec_one(st->c, s);
}

store_rc store_paper_delete(store *st, int64_t round_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM paper_entries WHERE id = ? AND round_id = ?"
					   " AND checked_at IS NULL"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, round_id);
	return st_exec_one(st->c, s);
}

store_rc store_response_mark_paper(store *st, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE responses SET paper = 1 WHERE id = ?"));
	db_bind_int(s, 1, id);
	return st_exec_one(st->c, s);
}
