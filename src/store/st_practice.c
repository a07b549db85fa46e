/* st_practice.c - the primary process: practice questions,
 * activities with participation per perspective, contributors over a
 * period, products (outcomes of the register tied to a question) and a
 * workplace's practice per year. */
#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>

#include "store/store_internal.h"

#include "base/util.h"

static void bind_opt_id(db_stmt *s, int idx, int64_t id)
{
	if (id > 0)
		db_bind_int(s, idx, id);
	else
		db_bind_null(s, idx);
}

/* ---- questions ---- */

store_rc store_question_create(store *st, const practice_question *q, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO practice_questions (workplace_id, title, description, trigger_kind, raised_by, status,"
		" elements, partner_id, programme, raised_on, created_by, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	int64_t now = wp_now();
	db_bind_int(s, 1, q->workplace_id);
	db_bind_text(s, 2, q->title);
	db_bind_text(s, 3, q->description ? q->description : "");
	db_bind_text(s, 4, trigger_code(q->trigger));
	db_bind_text(s, 5, raised_by_code(q->raised));
	db_bind_text(s, 6, question_status_code(q->status));
	db_bind_int(s, 7, q->elements);
	bind_opt_id(s, 8, q->partner_id);
	db_bind_text(s, 9, q->programme ? q->programme : "");
	db_bind_text(s, 10, q->raised_on);
	bind_opt_id(s, 11, q->created_by);
	db_bind_int(s, 12, now);
	db_bind_int(s, 13, now);
	return st_insert_id(s, id);
}

store_rc store_question_update(store *st, const practice_question *q)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"UPDATE practice_questions SET title = ?, description = ?, trigger_kind = ?, raised_by = ?,"
		" status = ?, elements = ?, partner_id = ?, programme = ?, raised_on = ?, updated_at = ?"
		" WHERE id = ? AND workplace_id = ?"));
	db_bind_text(s, 1, q->title);
	db_bind_text(s, 2, q->description ? q->description : "");
	db_bind_text(s, 3, trigger_code(q->trigger));
	db_bind_text(s, 4, raised_by_code(q->raised));
	db_bind_text(s, 5, question_status_code(q->status));
	db_bind_int(s, 6, q->elements);
	bind_opt_id(s, 7, q->partner_id);
	db_bind_text(s, 8, q->programme ? q->programme : "");
	db_bind_text(s, 9, q->raised_on);
	db_bind_int(s, 10, wp_now());
	db_bind_int(s, 11, q->id);
	db_bind_int(s, 12, q->workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_question_delete(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM practice_questions WHERE id = ? AND workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	return st_exec_one(st->c, s);
}

#define QUESTION_SELECT \
	"SELECT q.id, q.workplace_id, q.title, q.description, q.trigger_kind, q.raised_by, q.status," \
	" q.elements, COALESCE(q.partner_id, 0), q.programme, q.raised_on, COALESCE(q.created_by, 0)," \
	" COALESCE(o.name, '')," \
	" (SELECT count(*) FROM practice_activities x WHERE x.question_id = q.id)," \
	" (SELECT count(*) FROM practice_products p WHERE p.question_id = q.id)," \
	" (SELECT COALESCE(SUM(c.people), 0) FROM question_contributors c" \
	" WHERE c.question_id = q.id AND c.role = 'student')," \
	" (SELECT COALESCE(SUM(ap.people), 0) FROM activity_participants ap" \
	" JOIN practice_activities x ON x.id = ap.activity_id WHERE x.question_id = q.id)" \
	" FROM practice_questions q LEFT JOIN organisations o ON o.id = q.partner_id"

static int code_or(int v, int fallback)
{
	return v < 0 ? fallback : v;
}

static void read_question(arena *a, db_stmt *s, practice_question *q)
{
	q->id = db_int(s, 0);
	q->workplace_id = db_int(s, 1);
	q->title = st_text(a, s, 2);
	q->description = st_text(a, s, 3);
	q->trigger = (trigger_kind)code_or(trigger_from_code(db_text(s, 4)), TRIG_COMPLEX);
	q->raised = (raised_by)code_or(raised_by_from_code(db_text(s, 5)), RB_OTHER);
	q->status = (question_status)code_or(question_status_from_code(db_text(s, 6)), QS_RAISED);
	q->elements = (unsigned)db_int(s, 7);
	q->partner_id = db_int(s, 8);
	q->programme = st_text(a, s, 9);
	q->raised_on = st_text(a, s, 10);
	q->created_by = db_int(s, 11);
	q->partner_name = st_text(a, s, 12);
	q->n_activities = (int)db_int(s, 13);
	q->n_products = (int)db_int(s, 14);
	q->n_students = (int)db_int(s, 15);
	q->participants = (int)db_int(s, 16);
}

store_rc store_question_get(store *st, arena *a, int64_t workplace_id, int64_t id, practice_question *out)
{
	db_stmt *s = db_prepare(st->c, SQL(QUESTION_SELECT " WHERE q.id = ? AND q.workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	read_question(a, s, out);
	db_done(s);
	return ST_OK;
}

/* "%text%" in lower case (ASCII) with LIKE's own characters escaped by
 * a backslash; "" for no text. */
static const char *like_pattern(arena *a, const char *text)
{
	if (!text || !*text)
		return "";
	size_t n = strlen(text);
	char *p = arena_alloc(a, 2 * n + 3), *o = p;
	*o++ = '%';
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			*o++ = '\\';
		*o++ = (char)tolower((unsigned char)*c);
	}
	*o++ = '%';
	*o = 0;
	return p;
}

store_rc store_questions_list(store *st, arena *a, int64_t workplace_id, const question_filter *f,
			      practice_question **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(QUESTION_SELECT
		" WHERE q.workplace_id = ?"
		" AND (? = '' OR lower(q.title) LIKE ? ESCAPE '\\' OR lower(q.description) LIKE ? ESCAPE '\\')"
		" AND (? = '' OR q.status = ? OR (? = 'open' AND q.status IN ('raised', 'in_progress')))"
		" AND (? = 0 OR (q.elements & ?) <> 0)"
		" AND (? = '' OR q.trigger_kind = ?)"
		" AND (? = 0 OR q.partner_id = ?)"
		" AND (? = '' OR (lower(q.programme) LIKE ? ESCAPE '\\' AND q.status IN ('raised', 'in_progress')))"
		" AND (? = 0 OR (q.programme <> '' AND q.status IN ('raised', 'in_progress')))"
		" AND (? = '' OR EXISTS (SELECT 1 FROM question_contributors c WHERE c.question_id = q.id"
		" AND c.period = ?) OR EXISTS (SELECT 1 FROM practice_activities x WHERE x.question_id = q.id"
		" AND x.starts_on <= ? AND COALESCE(x.ends_on, x.starts_on) >= ?))"
		" ORDER BY CASE WHEN q.status IN ('raised', 'in_progress') THEN 0 ELSE 1 END,"
		" q.raised_on DESC, q.id DESC"));
	const char *text = like_pattern(a, f->text);
	const char *status = f->status == QS_COUNT ? "open"
			     : f->status >= 0 && f->status < QS_COUNT ? question_status_code((question_status)f->status)
								       : "";
	int64_t mask = f->element >= 0 && f->element < EL_COUNT ? (int64_t)1 << f->element : 0;
	const char *trig = f->trigger >= 0 && f->trigger < TRIG_COUNT ? trigger_code((trigger_kind)f->trigger) : "";
	const char *prog = like_pattern(a, f->programme);
	int year, sem;
	char from[11] = "", to[11] = "";
	const char *period = f->period && period_parse(f->period, &year, &sem) ? f->period : "";
	if (*period)
		period_bounds(year, sem, from, to);
	int i = 1;
	db_bind_int(s, i++, workplace_id);
	for (int k = 0; k < 3; k++)
		db_bind_text(s, i++, text);
	for (int k = 0; k < 3; k++)
		db_bind_text(s, i++, status);
	db_bind_int(s, i++, mask);
	db_bind_int(s, i++, mask);
	db_bind_text(s, i++, trig);
	db_bind_text(s, i++, trig);
	db_bind_int(s, i++, f->partner_id);
	db_bind_int(s, i++, f->partner_id);
	db_bind_text(s, i++, prog);
	db_bind_text(s, i++, prog);
	db_bind_int(s, i++, f->for_students);
	db_bind_text(s, i++, period);
	db_bind_text(s, i++, period);
	db_bind_text(s, i++, to);
	db_bind_text(s, i++, from);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_question(a, s, st_vec_push(a, &v, sizeof(practice_question)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

/* Run a list statement bound with (workplace_id, question_id,
 * question_id) and read each row with `read` into an array of `size`-byte
 * items in the arena. */
static store_rc list_rows(db_stmt *s, arena *a, int64_t workplace_id, int64_t question_id, size_t size,
			  void (*read)(arena *, db_stmt *, void *), void **out, int *n)
{
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, question_id);
	db_bind_int(s, 3, question_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read(a, s, st_vec_push(a, &v, size));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

/* ---- activities ---- */

/* The participation of an activity, as a whole (the old rows go). */
static store_rc put_people(store *st, int64_t activity_id, const int people[PERSP_COUNT])
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM activity_participants WHERE activity_id = ?"));
	db_bind_int(s, 1, activity_id);
	store_rc rc = st_exec(s);
	for (int p = 0; p < PERSP_COUNT && rc == ST_OK; p++) {
		if (people[p] <= 0)
			continue;
		s = db_prepare(st->c, SQL("INSERT INTO activity_participants (activity_id, perspective, people)"
					  " VALUES (?, ?, ?)"));
		db_bind_int(s, 1, activity_id);
		db_bind_text(s, 2, perspective_code((perspective)p));
		db_bind_int(s, 3, people[p]);
		rc = st_exec(s);
	}
	return rc;
}

store_rc store_activity_create(store *st, const practice_activity *x, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO practice_activities (question_id, kind, title, description, starts_on, ends_on,"
		" created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, x->question_id);
	db_bind_text(s, 2, activity_kind_code(x->kind));
	db_bind_text(s, 3, x->title);
	db_bind_text(s, 4, x->description ? x->description : "");
	db_bind_text(s, 5, x->starts_on);
	db_bind_text(s, 6, x->ends_on && *x->ends_on ? x->ends_on : NULL);
	bind_opt_id(s, 7, x->created_by);
	db_bind_int(s, 8, wp_now());
	store_rc rc = st_insert_id(s, id);
	return rc == ST_OK ? put_people(st, *id, x->people) : rc;
}

#define ACTIVITY_SELECT \
	"SELECT x.id, x.question_id, x.kind, x.title, x.description, x.starts_on, COALESCE(x.ends_on, '')," \
	" COALESCE(x.created_by, 0), q.title FROM practice_activities x" \
	" JOIN practice_questions q ON q.id = x.question_id"

static void read_activity(arena *a, db_stmt *s, void *item)
{
	practice_activity *x = item;
	memset(x, 0, sizeof *x);
	x->id = db_int(s, 0);
	x->question_id = db_int(s, 1);
	x->kind = (activity_kind)code_or(activity_kind_from_code(db_text(s, 2)), ACT_OTHER);
	x->title = st_text(a, s, 3);
	x->description = st_text(a, s, 4);
	x->starts_on = st_text(a, s, 5);
	x->ends_on = st_text(a, s, 6);
	x->created_by = db_int(s, 7);
	x->question_title = st_text(a, s, 8);
}

/* Fill in the participation of the activities (one query for a question,
 * the workplace, or one activity). */
static store_rc attach_people(store *st, int64_t workplace_id, int64_t question_id, int64_t activity_id,
			      practice_activity *list, int n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT ap.activity_id, ap.perspective, ap.people FROM activity_participants ap"
		" JOIN practice_activities x ON x.id = ap.activity_id JOIN practice_questions q ON q.id = x.question_id"
		" WHERE q.workplace_id = ? AND (? = 0 OR x.question_id = ?) AND (? = 0 OR x.id = ?)"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, question_id);
	db_bind_int(s, 3, question_id);
	db_bind_int(s, 4, activity_id);
	db_bind_int(s, 5, activity_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t id = db_int(s, 0);
		int p = perspective_from_code(db_text(s, 1));
		for (int i = 0; i < n && p >= 0; i++)
			if (list[i].id == id)
				list[i].people[p] = (int)db_int(s, 2);
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_activity_get(store *st, arena *a, int64_t workplace_id, int64_t id, practice_activity *out)
{
	db_stmt *s = db_prepare(st->c, SQL(ACTIVITY_SELECT " WHERE x.id = ? AND q.workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	read_activity(a, s, out);
	db_done(s);
	return attach_people(st, workplace_id, 0, id, out, 1);
}

store_rc store_activity_update(store *st, int64_t workplace_id, const practice_activity *x)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"UPDATE practice_activities SET kind = ?, title = ?, description = ?, starts_on = ?, ends_on = ?"
		" WHERE id = ? AND question_id IN (SELECT id FROM practice_questions WHERE workplace_id = ?)"));
	db_bind_text(s, 1, activity_kind_code(x->kind));
	db_bind_text(s, 2, x->title);
	db_bind_text(s, 3, x->description ? x->description : "");
	db_bind_text(s, 4, x->starts_on);
	db_bind_text(s, 5, x->ends_on && *x->ends_on ? x->ends_on : NULL);
	db_bind_int(s, 6, x->id);
	db_bind_int(s, 7, workplace_id);
	store_rc rc = st_exec_one(st->c, s);
	return rc == ST_OK ? put_people(st, x->id, x->people) : rc;
}

store_rc store_activity_delete(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"DELETE FROM practice_activities WHERE id = ?"
		" AND question_id IN (SELECT id FROM practice_questions WHERE workplace_id = ?)"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_activities_list(store *st, arena *a, int64_t workplace_id, int64_t question_id,
			       practice_activity **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(ACTIVITY_SELECT
		" WHERE q.workplace_id = ? AND (? = 0 OR x.question_id = ?) ORDER BY x.starts_on, x.id"));
	store_rc rc = list_rows(s, a, workplace_id, question_id, sizeof(practice_activity), read_activity,
				(void **)out, n);
	return rc == ST_OK ? attach_people(st, workplace_id, question_id, 0, *out, *n) : rc;
}

/* ---- contributors ---- */

store_rc store_contributor_add(store *st, const practice_contributor *c, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO question_contributors (question_id, role, people, name, programme, period, created_by,"
		" created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, c->question_id);
	db_bind_text(s, 2, contributor_role_code(c->role));
	db_bind_int(s, 3, c->people);
	db_bind_text(s, 4, c->name ? c->name : "");
	db_bind_text(s, 5, c->programme ? c->programme : "");
	db_bind_text(s, 6, c->period);
	bind_opt_id(s, 7, c->created_by);
	db_bind_int(s, 8, wp_now());
	return st_insert_id(s, id);
}

#define CONTRIBUTOR_SELECT \
	"SELECT c.id, c.question_id, c.role, c.people, c.name, c.programme, c.period," \
	" COALESCE(c.created_by, 0), q.title FROM question_contributors c" \
	" JOIN practice_questions q ON q.id = c.question_id"

static void read_contributor(arena *a, db_stmt *s, void *item)
{
	practice_contributor *c = item;
	c->id = db_int(s, 0);
	c->question_id = db_int(s, 1);
	c->role = (contributor_role)code_or(contributor_role_from_code(db_text(s, 2)), CONTRIB_STUDENT);
	c->people = (int)db_int(s, 3);
	c->name = st_text(a, s, 4);
	c->programme = st_text(a, s, 5);
	c->period = st_text(a, s, 6);
	c->created_by = db_int(s, 7);
	c->question_title = st_text(a, s, 8);
}

store_rc store_contributor_get(store *st, arena *a, int64_t workplace_id, int64_t id, practice_contributor *out)
{
	db_stmt *s = db_prepare(st->c, SQL(CONTRIBUTOR_SELECT " WHERE c.id = ? AND q.workplace_id = ?"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	read_contributor(a, s, out);
	db_done(s);
	return ST_OK;
}

store_rc store_contributor_delete(store *st, int64_t workplace_id, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"DELETE FROM question_contributors WHERE id = ?"
		" AND question_id IN (SELECT id FROM practice_questions WHERE workplace_id = ?)"));
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, workplace_id);
	return st_exec_one(st->c, s);
}

store_rc store_contributors_list(store *st, arena *a, int64_t workplace_id, int64_t question_id,
				 practice_contributor **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(CONTRIBUTOR_SELECT
		" WHERE q.workplace_id = ? AND (? = 0 OR c.question_id = ?) ORDER BY c.period, c.role, c.id"));
	return list_rows(s, a, workplace_id, question_id, sizeof(practice_contributor), read_contributor, (void **)out,
			 n);
}

/* ---- products ---- */

store_rc store_product_link(store *st, int64_t outcome_id, int64_t question_id, product_kind kind,
			    int64_t created_by)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO practice_products (outcome_id, question_id, kind, created_by) VALUES (?, ?, ?, ?)"));
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, question_id);
	db_bind_text(s, 3, product_kind_code(kind));
	bind_opt_id(s, 4, created_by);
	return st_exec(s);
}

store_rc store_product_create(store *st, const practice_product *p, int64_t *id)
{
	store_rc rc = store_outcome_create(st, &p->o, id);
	return rc == ST_OK ? store_product_link(st, *id, p->question_id, p->kind, p->created_by) : rc;
}

#define PRODUCT_SELECT \
	"SELECT o.id, o.workplace_id, o.category, o.occurred_on, o.title, o.description, o.evidence_url," \
	" p.question_id, p.kind, COALESCE(p.created_by, 0), q.title FROM practice_products p" \
	" JOIN outcomes o ON o.id = p.outcome_id JOIN practice_questions q ON q.id = p.question_id"

static void read_product(arena *a, db_stmt *s, void *item)
{
	practice_product *p = item;
	outcome *o = &p->o;
	o->id = db_int(s, 0);
	o->workplace_id = db_int(s, 1);
	o->category = (outcome_category)code_or(outcome_from_code(db_text(s, 2)), OUT_KNOWLEDGE);
	o->occurred_on = st_text(a, s, 3);
	o->title = st_text(a, s, 4);
	o->description = st_text(a, s, 5);
	o->evidence_url = st_text(a, s, 6);
	p->question_id = db_int(s, 7);
	p->kind = (product_kind)code_or(product_kind_from_code(db_text(s, 8)), PROD_OTHER);
	p->created_by = db_int(s, 9);
	p->question_title = st_text(a, s, 10);
}

store_rc store_product_of_outcome(store *st, arena *a, int64_t workplace_id, int64_t outcome_id,
				  practice_product *out)
{
	db_stmt *s = db_prepare(st->c, SQL(PRODUCT_SELECT " WHERE o.id = ? AND o.workplace_id = ?"));
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	read_product(a, s, out);
	db_done(s);
	return ST_OK;
}

store_rc store_products_list(store *st, arena *a, int64_t workplace_id, int64_t question_id,
			     practice_product **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(PRODUCT_SELECT
		" WHERE o.workplace_id = ? AND (? = 0 OR p.question_id = ?) ORDER BY o.occurred_on, o.id"));
	return list_rows(s, a, workplace_id, question_id, sizeof(practice_product), read_product, (void **)out, n);
}

/* ---- evidence files ---- */

store_rc store_evidence_put(store *st, int64_t outcome_id, const evidence_file *f, int64_t created_by)
{
	size_t cap = sodium_base64_ENCODED_LEN(f->size, sodium_base64_VARIANT_ORIGINAL);
	char *text = malloc(cap);
	if (!text)
		return ST_ERROR;
	sodium_bin2base64(text, cap, (const unsigned char *)f->data, f->size, sodium_base64_VARIANT_ORIGINAL);
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM evidence_files WHERE outcome_id = ?"));
	db_bind_int(s, 1, outcome_id);
	store_rc rc = st_exec(s);
	if (rc == ST_OK) {
		s = db_prepare(st->c, SQL(
			"INSERT INTO evidence_files (outcome_id, filename, content_type, size, data, created_by, created_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?)"));
		db_bind_int(s, 1, outcome_id);
		db_bind_text(s, 2, f->filename ? f->filename : "");
		db_bind_text(s, 3, f->content_type);
		db_bind_int(s, 4, (int64_t)f->size);
		db_bind_text(s, 5, text);
		bind_opt_id(s, 6, created_by);
		db_bind_int(s, 7, wp_now());
		rc = st_exec(s);
	}
	free(text);
	return rc;
}

store_rc store_evidence_get(store *st, arena *a, int64_t workplace_id, int64_t outcome_id, evidence_file *out)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT e.filename, e.content_type, e.size, e.data FROM evidence_files e"
		" JOIN outcomes o ON o.id = e.outcome_id WHERE e.outcome_id = ? AND o.workplace_id = ?"));
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	out->filename = st_text(a, s, 0);
	out->content_type = st_text(a, s, 1);
	size_t size = (size_t)db_int(s, 2), got = 0;
	const char *text = db_text(s, 3);
	unsigned char *bin = arena_alloc(a, size + 1);
	int bad = sodium_base642bin(bin, size + 1, text, strlen(text), NULL, &got, NULL,
				    sodium_base64_VARIANT_ORIGINAL);
	db_done(s);
	if (bad || got != size)
		return ST_ERROR;
	out->data = (const char *)bin;
	out->size = size;
	return ST_OK;
}

store_rc store_evidence_exists(store *st, int64_t outcome_id, bool *exists)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT 1 FROM evidence_files WHERE outcome_id = ?"));
	db_bind_int(s, 1, outcome_id);
	store_rc rc = st_one(s);
	*exists = rc == ST_OK;
	if (rc == ST_OK)
		db_done(s);
	return rc == ST_NOTFOUND ? ST_OK : rc;
}

store_rc store_evidence_delete(store *st, int64_t outcome_id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM evidence_files WHERE outcome_id = ?"));
	db_bind_int(s, 1, outcome_id);
	return st_exec(s);
}

/* ---- the years ---- */

/* The row of `year` in the list (kept ascending), added when missing. */
static practice_year *year_row(arena *a, st_vec *v, int year)
{
	practice_year *ys = v->items;
	int i = 0;
	while (i < v->n && ys[i].year < year)
		i++;
	if (i < v->n && ys[i].year == year)
		return &ys[i];
	st_vec_push(a, v, sizeof(practice_year));
	ys = v->items;
	memmove(&ys[i + 1], &ys[i], sizeof *ys * (size_t)(v->n - 1 - i));
	memset(&ys[i], 0, sizeof *ys);
	ys[i].year = year;
	return &ys[i];
}

static int year_of(arena *a, const char *s)
{
	int64_t y = 0;
	if (s && strlen(s) >= 4)
		parse_int64(arena_strndup(a, s, 4), 1, 9999, &y);
	return (int)y;
}

/* Rows (year text, code, count) of one query into the years; which: 0
 * questions, 1 activities, 2 people per perspective, 3 products per
 * outcome kind, 4 students per period, 5 questions answered. */
static store_rc years_from(arena *a, st_vec *v, db_stmt *s, int64_t workplace_id, int which)
{
	db_bind_int(s, 1, workplace_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		const char *key = db_text(s, 0);
		int year = year_of(a, key), count = (int)db_int(s, 2);
		int ps, sem;
		if (which == 4) {
			if (!period_parse(key, &ps, &sem))
				continue;
			year = ps + (sem == 2); /* the calendar year the semester starts in */
		}
		if (year <= 0)
			continue;
		practice_year *y = year_row(a, v, year);
		int c = which == 2 ? perspective_from_code(db_text(s, 1)) : which == 3 ? outcome_from_code(db_text(s, 1)) : 0;
		if (c < 0)
			continue;
		switch (which) {
		case 0: y->questions += count; break;
		case 1: y->activities += count; break;
		case 2: y->people[c] += count; break;
		case 3: y->products[c] += count; break;
		case 4: y->students += count; break;
		default: y->answered += count; break;
		}
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_practice_years(store *st, arena *a, int64_t workplace_id, practice_year **out, int *n)
{
	/* in the order of years_from's `which` */
	db_stmt *q[] = {
		db_prepare(st->c, SQL("SELECT substr(raised_on, 1, 4), '', count(*) FROM practice_questions"
				      " WHERE workplace_id = ? GROUP BY substr(raised_on, 1, 4)")),
		db_prepare(st->c, SQL("SELECT substr(x.starts_on, 1, 4), '', count(*) FROM practice_activities x"
				      " JOIN practice_questions q ON q.id = x.question_id WHERE q.workplace_id = ?"
				      " GROUP BY substr(x.starts_on, 1, 4)")),
		db_prepare(st->c, SQL("SELECT substr(x.starts_on, 1, 4), ap.perspective, SUM(ap.people)"
				      " FROM activity_participants ap JOIN practice_activities x ON x.id = ap.activity_id"
				      " JOIN practice_questions q ON q.id = x.question_id WHERE q.workplace_id = ?"
				      " GROUP BY substr(x.starts_on, 1, 4), ap.perspective")),
		db_prepare(st->c, SQL("SELECT substr(o.occurred_on, 1, 4), o.category, count(*) FROM practice_products p"
				      " JOIN outcomes o ON o.id = p.outcome_id WHERE o.workplace_id = ?"
				      " GROUP BY substr(o.occurred_on, 1, 4), o.category")),
		db_prepare(st->c, SQL("SELECT c.period, '', SUM(c.people) FROM question_contributors c"
				      " JOIN practice_questions q ON q.id = c.question_id"
				      " WHERE q.workplace_id = ? AND c.role = 'student' GROUP BY c.period")),
		db_prepare(st->c, SQL("SELECT substr(raised_on, 1, 4), '', count(*) FROM practice_questions"
				      " WHERE workplace_id = ? AND status = 'answered' GROUP BY substr(raised_on, 1, 4)")),
	};
	st_vec v = {0};
	store_rc rc = ST_OK;
	for (int w = 0; w < (int)ARRAY_LEN(q); w++)
		if (rc == ST_OK)
			rc = years_from(a, &v, q[w], workplace_id, w);
		else
			db_done(q[w]);
	*out = v.items;
	*n = v.n;
	return rc;
}
