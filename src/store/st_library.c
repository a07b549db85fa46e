/* st_library.c - what works where: the improvement actions and
 * realist notes a workplace shares with the institution, and finding them
 * by element across the workplaces. An item is shared only when its
 * workplace's coordinator said so (actions.shared, realist_notes.shared);
 * nothing unshared ever leaves its workplace through these functions. */
#include "store/store_internal.h"

store_rc store_action_share_set(store *st, int64_t workplace_id, int64_t action_id, bool shared)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE actions SET shared = ? WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, shared);
	db_bind_int(s, 2, action_id);
	db_bind_int(s, 3, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_realist_share_set(store *st, int64_t workplace_id, int64_t note_id, bool shared)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE realist_notes SET shared = ? WHERE id = ?"
					   " AND workplace_id = ?"));
	db_bind_int(s, 1, shared);
	db_bind_int(s, 2, note_id);
	db_bind_int(s, 3, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_action_shared(store *st, int64_t workplace_id, int64_t action_id, bool *shared)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT shared FROM actions WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, action_id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	*shared = false;
	if (rc == ST_OK) {
		*shared = db_int(s, 0) != 0;
		db_done(s);
	}
	return rc;
}

store_rc store_realist_shared_ids(store *st, arena *a, int64_t workplace_id, int64_t **ids, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id FROM realist_notes WHERE workplace_id = ? AND shared = 1"
					   " ORDER BY id"));
	db_bind_int(s, 1, workplace_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		*(int64_t *)st_vec_push(a, &v, sizeof(int64_t)) = db_int(s, 0);
	db_done(s);
	*ids = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_library_actions(store *st, arena *a, int element, library_action **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT a.id, a.workplace_id, COALESCE(a.round_id, 0), a.title, a.description, a.status,"
		" a.created_at, w.slug, w.name, w.domain FROM actions a JOIN workplaces w ON w.id = a.workplace_id"
		" WHERE a.shared = 1 AND EXISTS (SELECT 1 FROM action_elements x WHERE x.action_id = a.id"
		" AND x.element = ?) AND (? = 0 OR w.institution_id = ?)"
		" ORDER BY w.name, w.id, a.created_at, a.id"));
	db_bind_text(s, 1, element_code_str((element_code)element));
	db_bind_int(s, 2, st->institution);
	db_bind_int(s, 3, st->institution);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		library_action *x = st_vec_push(a, &v, sizeof *x);
		x->id = db_int(s, 0);
		x->workplace_id = db_int(s, 1);
		x->round_id = db_int(s, 2);
		x->title = st_text(a, s, 3);
		x->description = st_text(a, s, 4);
		int k = action_status_from_code(db_text(s, 5));
		x->status = k < 0 ? ACTION_PLANNED : (action_status)k;
		x->created_at = db_int(s, 6);
		x->workplace_slug = st_text(a, s, 7);
		x->workplace_name = st_text(a, s, 8);
		x->workplace_domain = st_text(a, s, 9);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_library_notes(store *st, arena *a, int element, library_note **out, int *n)
{
	/* a note about this element, or on an action that is tied to it
	 * (whatever element the note names); the title of the action it is about only when that
	 * action is shared too (an outcome's title never: the register is not
	 * shared) */
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT n.id, n.workplace_id, COALESCE(n.action_id, 0), COALESCE(n.outcome_id, 0),"
		" COALESCE(n.element, ''), n.context, n.mechanism, n.result,"
		" CASE WHEN a.shared = 1 THEN a.title ELSE '' END,"
		" n.created_at, w.slug, w.name FROM realist_notes n JOIN workplaces w ON w.id = n.workplace_id"
		" LEFT JOIN actions a ON a.id = n.action_id LEFT JOIN outcomes o ON o.id = n.outcome_id"
		" WHERE n.shared = 1 AND (n.element = ? OR EXISTS (SELECT 1"
		" FROM action_elements x WHERE x.action_id = n.action_id AND x.element = ?))"
		" AND (? = 0 OR w.institution_id = ?) ORDER BY w.name, w.id, n.created_at, n.id"));
	const char *code = element_code_str((element_code)element);
	db_bind_text(s, 1, code);
	db_bind_text(s, 2, code);
	db_bind_int(s, 3, st->institution);
	db_bind_int(s, 4, st->institution);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		library_note *x = st_vec_push(a, &v, sizeof *x);
		x->note.id = db_int(s, 0);
		x->note.workplace_id = db_int(s, 1);
		x->note.action_id = db_int(s, 2);
		x->note.outcome_id = db_int(s, 3);
		x->note.element = element_from_code(db_text(s, 4));
		x->note.context = st_text(a, s, 5);
		x->note.mechanism = st_text(a, s, 6);
		x->note.result = st_text(a, s, 7);
		x->note.about = st_text(a, s, 8);
		x->note.author = "";
		x->note.created_at = db_int(s, 9);
		x->workplace_slug = st_text(a, s, 10);
		x->workplace_name = st_text(a, s, 11);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
