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
	db_bind_text(s, 7, action_status_code(a->status));
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

/* ---- reading and changing the agenda ---- */

/* The codes of the open statuses (action_status_open), for SQL. */
#define OPEN_STATUSES "('planned', 'in_progress')"

/* The element mask of an action, computed in SQL so a list needs one query. */
#define ACTION_SELECT \
	"SELECT a.id, a.workplace_id, COALESCE(a.round_id, 0), a.title, a.description, a.owner," \
	" COALESCE(a.due_on, ''), a.status, a.revision," \
	" (SELECT COALESCE(SUM(CASE e.element WHEN 'LOS' THEN 1 WHEN 'SRI' THEN 2 WHEN 'GOC' THEN 4" \
	" WHEN 'VOR' THEN 8 WHEN 'LEA' THEN 16 WHEN 'VMM' THEN 32 ELSE 0 END), 0)" \
	" FROM action_elements e WHERE e.action_id = a.id)," \
	" COALESCE(r.title, ''), a.created_at, a.updated_at, COALESCE(p.name, '')," \
	" (SELECT count(*) FROM action_notes n WHERE n.action_id = a.id)" \
	" FROM actions a LEFT JOIN rounds r ON r.id = a.round_id" \
	" LEFT JOIN people p ON p.id = a.updated_by"

static void read_action(arena *a, db_stmt *s, action_info *x)
{
	improvement *m = &x->act;
	m->id = db_int(s, 0);
	m->workplace_id = db_int(s, 1);
	m->round_id = db_int(s, 2);
	m->title = st_text(a, s, 3);
	m->description = st_text(a, s, 4);
	m->owner = st_text(a, s, 5);
	m->due_on = st_text(a, s, 6);
	int st = action_status_from_code(db_text(s, 7));
	m->status = st < 0 ? ACTION_PLANNED : (action_status)st;
	m->revision = (int)db_int(s, 8);
	m->elements = (unsigned)db_int(s, 9);
	x->round_title = st_text(a, s, 10);
	x->created_at = db_int(s, 11);
	x->updated_at = db_int(s, 12);
	x->updated_by = st_text(a, s, 13);
	x->n_notes = (int)db_int(s, 14);
}

store_rc store_actions_list(store *st, arena *a, int64_t workplace_id, int status,
			    int element, action_info **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(ACTION_SELECT
		" WHERE a.workplace_id = ?"
		" AND (? = '' OR a.status = ? OR (? = 'open' AND a.status IN " OPEN_STATUSES "))"
		" AND (? = '' OR EXISTS (SELECT 1 FROM action_elements x WHERE x.action_id = a.id"
		" AND x.element = ?))"
		" ORDER BY CASE WHEN a.status IN " OPEN_STATUSES " THEN 0 ELSE 1 END,"
		" CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on, a.id"));
	const char *el = element >= 0 && element < EL_COUNT ? element_code_str((element_code)element) : "";
	const char *code = status == ACTION_STATUS_COUNT ? "open"
			   : status >= 0 ? action_status_code((action_status)status) : "";
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, code);
	db_bind_text(s, 3, code);
	db_bind_text(s, 4, code);
	db_bind_text(s, 5, el);
	db_bind_text(s, 6, el);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_action(a, s, st_vec_push(a, &v, sizeof(action_info)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_action_get(store *st, arena *a, int64_t workplace_id, int64_t id, action_info *out)
{
	db_stmt *s = db_prepare(st->c, SQL(ACTION_SELECT " WHERE a.id = ? AND a.workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_action(a, s, out);
		db_done(s);
	}
	return rc;
}

static store_rc action_exists(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT 1 FROM actions WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK)
		db_done(s);
	return rc;
}

store_rc store_action_update(store *st, const improvement *a, int revision, int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"UPDATE actions SET round_id = ?, title = ?, description = ?, owner = ?, due_on = ?,"
		" status = ?, revision = revision + 1, updated_at = ?, updated_by = ?"
		" WHERE id = ? AND workplace_id = ? AND revision = ?"));
	if (a->round_id > 0)
		db_bind_int(s, 1, a->round_id);
	else
		db_bind_null(s, 1);
	db_bind_text(s, 2, a->title);
	db_bind_text(s, 3, a->description ? a->description : "");
	db_bind_text(s, 4, a->owner ? a->owner : "");
	db_bind_text(s, 5, a->due_on && *a->due_on ? a->due_on : NULL);
	db_bind_text(s, 6, action_status_code(a->status));
	db_bind_int(s, 7, wp_now());
	if (person_id > 0)
		db_bind_int(s, 8, person_id);
	else
		db_bind_null(s, 8);
	db_bind_int(s, 9, a->id);
	db_bind_int(s, 10, a->workplace_id);
	db_bind_int(s, 11, revision);
	store_rc rc = st_exec(s);
	if (rc != ST_OK)
		return rc;
	if (db_changes(st->c) == 0) {
		rc = action_exists(st, a->workplace_id, a->id);
		return rc == ST_OK ? ST_CONFLICT : rc;
	}
	s = db_prepare(st->c, SQL("DELETE FROM action_elements WHERE action_id = ?"));
	db_bind_int(s, 1, a->id);
	rc = st_exec(s);
	for (int e = 0; e < EL_COUNT && rc == ST_OK; e++) {
		if (!(a->elements & (1u << e)))
			continue;
		s = db_prepare(st->c, SQL("INSERT INTO action_elements (action_id, element) VALUES (?, ?)"));
		db_bind_int(s, 1, a->id);
		db_bind_text(s, 2, element_code_str((element_code)e));
		rc = st_exec(s);
	}
	return rc;
}

store_rc store_action_notes(store *st, arena *a, int64_t action_id, action_note **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT n.id, n.noted_on, n.text, COALESCE(p.name, '') FROM action_notes n"
		" LEFT JOIN people p ON p.id = n.person_id WHERE n.action_id = ?"
		" ORDER BY n.noted_on, n.id"));
	db_bind_int(s, 1, action_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		action_note *x = st_vec_push(a, &v, sizeof *x);
		x->id = db_int(s, 0);
		x->noted_on = st_text(a, s, 1);
		x->text = st_text(a, s, 2);
		x->author = st_text(a, s, 3);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_action_open_counts(store *st, int64_t workplace_id, int counts[EL_COUNT])
{
	for (int e = 0; e < EL_COUNT; e++)
		counts[e] = 0;
	/* counted here: a GROUP BY would build a temporary B-tree on every
	 * results page for a handful of rows */
	db_stmt *s = db_prepare_memo(st->c, SQL(
		"SELECT e.element FROM action_elements e JOIN actions a ON a.id = e.action_id"
		" WHERE a.workplace_id = ? AND a.status IN " OPEN_STATUSES));
	db_bind_int(s, 1, workplace_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int e = element_from_code(db_text(s, 0));
		if (e >= 0)
			counts[e]++;
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_action_counts(store *st, int64_t workplace_id, const char *today, int *open,
			     int *overdue)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT count(*), COALESCE(SUM(CASE WHEN due_on < ? THEN 1 ELSE 0 END), 0)"
		" FROM actions WHERE workplace_id = ? AND status IN " OPEN_STATUSES));
	db_bind_text(s, 1, today);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	*open = *overdue = 0;
	if (rc == ST_OK) {
		*open = (int)db_int(s, 0);
		*overdue = (int)db_int(s, 1);
		db_done(s);
	}
	return rc;
}

/* ---- reading and changing the outcomes register ---- */

#define OUTCOME_SELECT \
	"SELECT id, workplace_id, category, occurred_on, title, description, evidence_url FROM outcomes"

static void read_outcome(arena *a, db_stmt *s, outcome_info *x)
{
	outcome *o = &x->o;
	o->id = db_int(s, 0);
	o->workplace_id = db_int(s, 1);
	int c = outcome_from_code(db_text(s, 2));
	o->category = c < 0 ? OUT_KNOWLEDGE : (outcome_category)c;
	o->occurred_on = st_text(a, s, 3);
	o->title = st_text(a, s, 4);
	o->description = st_text(a, s, 5);
	o->evidence_url = st_text(a, s, 6);
}

/* Attach the partners involved to each of the outcomes (one query for the
 * whole workplace, or for one outcome when outcome_id > 0). */
static store_rc attach_partners(store *st, arena *a, int64_t workplace_id, int64_t outcome_id,
				outcome_info *list, int n)
{
	for (int i = 0; i < n; i++) {
		list[i].partner_ids = ARENA_ARRAY(a, int64_t, 1);
		list[i].partner_names = ARENA_ARRAY(a, const char *, 1);
	}
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT op.outcome_id, o.id, o.name FROM outcome_partners op"
		" JOIN outcomes x ON x.id = op.outcome_id JOIN organisations o ON o.id = op.organisation_id"
		" WHERE x.workplace_id = ? AND (? = 0 OR x.id = ?) ORDER BY op.outcome_id, o.name"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, outcome_id);
	db_bind_int(s, 3, outcome_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t oid = db_int(s, 0);
		int i = 0;
		while (i < n && list[i].o.id != oid)
			i++;
		if (i == n)
			continue;
		outcome_info *x = &list[i];
		int k = x->n_partners;
		int64_t *ids = ARENA_ARRAY(a, int64_t, (size_t)k + 1);
		const char **names = ARENA_ARRAY(a, const char *, (size_t)k + 1);
		if (k) {
			memcpy(ids, x->partner_ids, sizeof *ids * (size_t)k);
			memcpy(names, x->partner_names, sizeof *names * (size_t)k);
		}
		ids[k] = db_int(s, 1);
		names[k] = st_text(a, s, 2);
		x->partner_ids = ids;
		x->partner_names = names;
		x->n_partners = k + 1;
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_outcomes_list(store *st, arena *a, int64_t workplace_id, outcome_info **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(OUTCOME_SELECT " WHERE workplace_id = ? ORDER BY occurred_on, id"));
	db_bind_int(s, 1, workplace_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_outcome(a, s, st_vec_push(a, &v, sizeof(outcome_info)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	store_rc rc = st_from_db(r);
	return rc == ST_OK ? attach_partners(st, a, workplace_id, 0, *out, *n) : rc;
}

store_rc store_outcome_get(store *st, arena *a, int64_t workplace_id, int64_t id,
			   outcome_info *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(st->c, SQL(OUTCOME_SELECT " WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	read_outcome(a, s, out);
	db_done(s);
	return attach_partners(st, a, workplace_id, id, out, 1);
}

store_rc store_outcome_update(store *st, const outcome *o)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"UPDATE outcomes SET category = ?, occurred_on = ?, title = ?, description = ?,"
		" evidence_url = ? WHERE id = ? AND workplace_id = ?"));
	db_bind_text(s, 1, outcome_code(o->category));
	db_bind_text(s, 2, o->occurred_on);
	db_bind_text(s, 3, o->title);
	db_bind_text(s, 4, o->description ? o->description : "");
	db_bind_text(s, 5, o->evidence_url ? o->evidence_url : "");
	db_bind_int(s, 6, o->id);
	db_bind_int(s, 7, o->workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_outcome_delete(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM outcomes WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_outcome_partners_set(store *st, int64_t outcome_id, const int64_t *org_ids, int n)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM outcome_partners WHERE outcome_id = ?"));
	db_bind_int(s, 1, outcome_id);
	store_rc rc = st_exec(s);
	for (int i = 0; i < n && rc == ST_OK; i++)
		rc = store_outcome_partner_add(st, outcome_id, org_ids[i]);
	return rc;
}

store_rc store_outcome_years(store *st, arena *a, int64_t workplace_id, outcome_year **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT CAST(substr(occurred_on, 1, 4) AS INTEGER) AS y, category, count(*)"
		" FROM outcomes WHERE workplace_id = ? GROUP BY y, category ORDER BY y"));
	db_bind_int(s, 1, workplace_id);
	st_vec v = {0};
	db_result r;
	outcome_year *cur = NULL;
	while ((r = db_step(s)) == DB_ROW) {
		int y = (int)db_int(s, 0);
		if (!cur || cur->year != y) {
			cur = st_vec_push(a, &v, sizeof *cur);
			memset(cur, 0, sizeof *cur);
			cur->year = y;
		}
		int c = outcome_from_code(db_text(s, 1));
		if (c >= 0)
			cur->count[c] = (int)db_int(s, 2);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

/* ---- realist notes ---- */

store_rc store_realist_add(store *st, const realist_note *n, int64_t person_id, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO realist_notes (workplace_id, action_id, outcome_id, element, context,"
		" mechanism, result, person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" RETURNING id"));
	db_bind_int(s, 1, n->workplace_id);
	if (n->action_id > 0)
		db_bind_int(s, 2, n->action_id);
	else
		db_bind_null(s, 2);
	if (n->outcome_id > 0)
		db_bind_int(s, 3, n->outcome_id);
	else
		db_bind_null(s, 3);
	if (n->element >= 0 && n->element < EL_COUNT)
		db_bind_text(s, 4, element_code_str((element_code)n->element));
	else
		db_bind_null(s, 4);
	db_bind_text(s, 5, n->context);
	db_bind_text(s, 6, n->mechanism);
	db_bind_text(s, 7, n->result);
	if (person_id > 0)
		db_bind_int(s, 8, person_id);
	else
		db_bind_null(s, 8);
	db_bind_int(s, 9, wp_now());
	return st_insert_id(s, id);
}

store_rc store_realist_notes(store *st, arena *a, int64_t workplace_id, int64_t action_id,
			     int64_t outcome_id, realist_note **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT n.id, n.workplace_id, COALESCE(n.action_id, 0), COALESCE(n.outcome_id, 0),"
		" COALESCE(n.element, ''), n.context, n.mechanism, n.result, COALESCE(p.name, ''),"
		" COALESCE(a.title, o.title, ''), n.created_at FROM realist_notes n"
		" LEFT JOIN actions a ON a.id = n.action_id LEFT JOIN outcomes o ON o.id = n.outcome_id"
		" LEFT JOIN people p ON p.id = n.person_id"
		" WHERE n.workplace_id = ? AND (? = 0 OR n.action_id = ?) AND (? = 0 OR n.outcome_id = ?)"
		" ORDER BY n.created_at, n.id"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, action_id);
	db_bind_int(s, 3, action_id);
	db_bind_int(s, 4, outcome_id);
	db_bind_int(s, 5, outcome_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		realist_note *x = st_vec_push(a, &v, sizeof *x);
		x->id = db_int(s, 0);
		x->workplace_id = db_int(s, 1);
		x->action_id = db_int(s, 2);
		x->outcome_id = db_int(s, 3);
		x->element = element_from_code(db_text(s, 4));
		x->context = st_text(a, s, 5);
		x->mechanism = st_text(a, s, 6);
		x->result = st_text(a, s, 7);
		x->author = st_text(a, s, 8);
		x->about = st_text(a, s, 9);
		x->created_at = db_int(s, 10);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_realist_delete(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM realist_notes WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	return st_exec_one(st->c, s);
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

store_rc store_actions_page(store *st, arena *a, int64_t workplace_id, int limit, int offset,
			    improvement **out, int *n, int *total)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM actions WHERE workplace_id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = count_of(s, total);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL(ACTION_SELECT " WHERE a.workplace_id = ? ORDER BY a.id LIMIT ? OFFSET ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		action_info x;
		read_action(a, s, &x);
		*(improvement *)st_vec_push(a, &v, sizeof x.act) = x.act;
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_outcomes_page(store *st, arena *a, int64_t workplace_id, int limit, int offset,
			     outcome **out, int *n, int *total)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM outcomes WHERE workplace_id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = count_of(s, total);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL(OUTCOME_SELECT " WHERE workplace_id = ? ORDER BY occurred_on, id LIMIT ? OFFSET ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		outcome_info x;
		read_outcome(a, s, &x);
		*(outcome *)st_vec_push(a, &v, sizeof x.o) = x.o;
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
