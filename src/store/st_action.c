/* st_action.c - the improvement agenda (actions with their elements and
 * progress notes) and the outcomes register. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_action_create(store *st, const improvement *a, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO actions (workplace_id, round_id, title, description, owner, due_on, status,"
		" created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	int64_t now = wp_now();
	db_bind_int(s, 1, a->workplace_id);
	if (a->round_id > 0)
		db_bind_int(s, 2, a->round_id);
	else
		db_bind_null(s, 2);
	db_bind_text(s, 3, a->title);
	db_bind_text(s, 4, a->description ? a->description : "");
	db_bind_text(s, 5, a->owner ? a->owner : "");
	db_bind_text(s, 6, a->due_on && *a->due_on ? a->due_on : NULL);
	db_bind_text(s, 7, a->status ? a->status : "planned");
	db_bind_int(s, 8, now);
	db_bind_int(s, 9, now);
	store_rc rc = st_insert_id(s, id);
	for (int e = 0; e < EL_COUNT && rc == ST_OK; e++) {
		if (!(a->elements & (1u << e)))
			continue;
		s = db_prepare(st->c, SQL("INSERT INTO action_elements (action_id, element) VALUES (?, ?)"));
		db_bind_int(s, 1, *id);
		db_bind_text(s, 2, element_code_str((element_code)e));
		rc = st_exec(s);
	}
	return rc;
}

store_rc store_action_note_add(store *st, int64_t action_id, const char *noted_on, const char *text,
			       int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO action_notes (action_id, noted_on, text, person_id)"
					   " VALUES (?, ?, ?, ?)"));
	db_bind_int(s, 1, action_id);
	db_bind_text(s, 2, noted_on);
	db_bind_text(s, 3, text);
	if (person_id > 0)
		db_bind_int(s, 4, person_id);
	else
		db_bind_null(s, 4);
	return st_exec(s);
}

store_rc store_outcome_create(store *st, const outcome *o, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO outcomes (workplace_id, category, occurred_on, title, description,"
		" evidence_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, o->workplace_id);
	db_bind_text(s, 2, outcome_code(o->category));
	db_bind_text(s, 3, o->occurred_on);
	db_bind_text(s, 4, o->title);
	db_bind_text(s, 5, o->description ? o->description : "");
	db_bind_text(s, 6, o->evidence_url ? o->evidence_url : "");
	db_bind_int(s, 7, wp_now());
	return st_insert_id(s, id);
}

store_rc store_outcome_partner_add(store *st, int64_t outcome_id, int64_t org_id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO outcome_partners (outcome_id, organisation_id)"
					   " VALUES (?, ?)"));
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, org_id);
	return st_exec(s);
}

/* ---- pages for the API ---- */

static store_rc count_of(db_stmt *s, int *total)
{
	store_rc rc = st_one(s);
	*total = 0;
	if (rc == ST_OK) {
		*total = (int)db_int(s, 0);
		db_done(s);
	}
	return rc;
}

static store_rc action_elements(store *st, int64_t workplace_id, int limit, int offset,
				improvement *items, int n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT e.action_id, e.element FROM action_elements e WHERE e.action_id IN"
		" (SELECT id FROM actions WHERE workplace_id = ? ORDER BY id LIMIT ? OFFSET ?)"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int e = element_from_code(db_text(s, 1));
		for (int i = 0; i < n && e >= 0; i++)
			if (items[i].id == db_int(s, 0))
				items[i].elements |= 1u << e;
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_actions_page(store *st, arena *a, int64_t workplace_id, int limit, int offset,
			    improvement **out, int *n, int *total)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM actions WHERE workplace_id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = count_of(s, total);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL(
		"SELECT id, COALESCE(round_id, 0), title, description, owner, COALESCE(due_on, ''),"
		" status, revision FROM actions WHERE workplace_id = ? ORDER BY id LIMIT ? OFFSET ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		improvement *it = st_vec_push(a, &v, sizeof *it);
		it->id = db_int(s, 0);
		it->workplace_id = workplace_id;
		it->round_id = db_int(s, 1);
		it->title = st_text(a, s, 2);
		it->description = st_text(a, s, 3);
		it->owner = st_text(a, s, 4);
		it->due_on = st_text(a, s, 5);
		it->status = st_text(a, s, 6);
		it->revision = (int)db_int(s, 7);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	if (r != DB_DONE)
		return st_from_db(r);
	return action_elements(st, workplace_id, limit, offset, *out, *n);
}

store_rc store_outcomes_page(store *st, arena *a, int64_t workplace_id, int limit, int offset,
			     outcome **out, int *n, int *total)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM outcomes WHERE workplace_id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = count_of(s, total);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL(
		"SELECT id, category, occurred_on, title, description, evidence_url FROM outcomes"
		" WHERE workplace_id = ? ORDER BY occurred_on, id LIMIT ? OFFSET ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		outcome *o = st_vec_push(a, &v, sizeof *o);
		o->id = db_int(s, 0);
		o->workplace_id = workplace_id;
		int c = outcome_from_code(db_text(s, 1));
		o->category = c < 0 ? OUT_KNOWLEDGE : (outcome_category)c;
		o->occurred_on = st_text(a, s, 2);
		o->title = st_text(a, s, 3);
		o->description = st_text(a, s, 4);
		o->evidence_url = st_text(a, s, 5);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
