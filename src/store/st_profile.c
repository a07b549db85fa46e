/* st_profile.c - a workplace's profile (its own fields, goals, triggers),
 * the self-assessment of the nine characteristics, and changing partners. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_profile_get(store *st, arena *a, int64_t workplace_id, wp_profile *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT id, slug, name, domain, location, COALESCE(start_date, ''), description,"
		" vision, '', goals FROM workplaces WHERE id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	st_read_workplace(a, s, &out->w);
	out->w.my_role = "";
	out->goals = st_text(a, s, 9);
	db_done(s);
	for (int t = 0; t < TRIG_COUNT; t++)
		out->trigger[t] = "";
	s = db_prepare(st->c, SQL("SELECT kind, text FROM workplace_triggers WHERE workplace_id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int t = trigger_from_code(db_text(s, 0));
		if (t >= 0)
			out->trigger[t] = st_text(a, s, 1);
	}
	db_done(s);
	return st_from_db(r);
}

/* Set one trigger's text ("" or NULL: it no longer applies) and, when it
 * changed, keep the change with who made it and when. */
static store_rc set_trigger(store *st, int64_t workplace_id, trigger_kind t, const char *text,
			    const char *was, int64_t by)
{
	if (!text)
		text = "";
	if (strcmp(text, was) == 0)
		return ST_OK;
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO trigger_changes (workplace_id, kind, text,"
					   " changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"));
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, trigger_code(t));
	db_bind_text(s, 3, text);
	if (by > 0)
		db_bind_int(s, 4, by);
	else
		db_bind_null(s, 4);
	db_bind_int(s, 5, wp_now());
	store_rc rc = st_exec(s);
	if (rc != ST_OK)
		return rc;
	if (!*text) {
		s = db_prepare(st->c, SQL("DELETE FROM workplace_triggers WHERE workplace_id = ?"
					  " AND kind = ?"));
		db_bind_int(s, 1, workplace_id);
		db_bind_text(s, 2, trigger_code(t));
		return st_exec(s);
	}
	s = db_prepare(st->c, SQL("INSERT INTO workplace_triggers (workplace_id, kind, text)"
				  " VALUES (?, ?, ?) ON CONFLICT (workplace_id, kind)"
				  " DO UPDATE SET text = excluded.text"));
	db_bind_int(s, 1, workplace_id);
	db_bind_text(s, 2, trigger_code(t));
	db_bind_text(s, 3, text);
	return st_exec(s);
}

store_rc store_profile_set(store *st, arena *a, const wp_profile *p, int64_t by)
{
	const workplace *w = &p->w;
	wp_profile was;
	store_rc rc = store_profile_get(st, a, w->id, &was);
	if (rc != ST_OK)
		return rc;
	db_stmt *s = db_prepare(st->c, SQL(
		"UPDATE workplaces SET name = ?, domain = ?, location = ?, start_date = ?,"
		" description = ?, vision = ?, goals = ? WHERE id = ?"));
	db_bind_text(s, 1, w->name);
	db_bind_text(s, 2, w->domain ? w->domain : "");
	db_bind_text(s, 3, w->location ? w->location : "");
	db_bind_text(s, 4, w->start_date && *w->start_date ? w->start_date : NULL);
	db_bind_text(s, 5, w->description ? w->description : "");
	db_bind_text(s, 6, w->vision ? w->vision : "");
	db_bind_text(s, 7, p->goals ? p->goals : "");
	db_bind_int(s, 8, w->id);
	rc = st_exec(s);
	if (rc == ST_OK && db_changes(st->c) == 0)
		rc = ST_NOTFOUND;
	for (int t = 0; t < TRIG_COUNT && rc == ST_OK; t++)
		rc = set_trigger(st, w->id, (trigger_kind)t, p->trigger[t], was.trigger[t], by);
	return rc;
}

store_rc store_trigger_changes(store *st, arena *a, int64_t workplace_id, int max,
			       trigger_change **out, int *n)
{
	*out = NULL;
	*n = 0;
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT c.kind, c.text, c.changed_at, COALESCE(p.name, '') FROM trigger_changes c"
		" LEFT JOIN people p ON p.id = c.changed_by WHERE c.workplace_id = ?"
		" ORDER BY c.id DESC LIMIT ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, max);
	trigger_change *list = ARENA_ARRAY(a, trigger_change, (size_t)max);
	db_result r;
	while ((r = db_step(s)) == DB_ROW && *n < max) {
		int t = trigger_from_code(db_text(s, 0));
		if (t < 0)
			continue;
		trigger_change *c = &list[(*n)++];
		c->kind = (trigger_kind)t;
		c->text = st_text(a, s, 1);
		c->at = db_int(s, 2);
		c->by = st_text(a, s, 3);
	}
	db_done(s);
	*out = list;
	return st_from_db(r);
}

static void unassessed(wp_characteristic cs[PW_CHARACTERISTICS])
{
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		cs[i].state = CHAR_UNASSESSED;
		cs[i].note = "";
	}
}

/* The ratings of assessments[0..n) (ids in ascending or any order) into
 * their c[]. */
static store_rc read_ratings(store *st, arena *a, int64_t workplace_id, char_assessment *as, int n)
{
	if (!n)
		return ST_OK;
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT r.assessment_id, r.number, r.state, r.note FROM characteristic_ratings r"
		" JOIN characteristic_assessments a ON a.id = r.assessment_id"
		" WHERE a.workplace_id = ? AND a.id >= ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, as[n - 1].id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t id = db_int(s, 0), i = db_int(s, 1) - 1;
		int state = char_state_from_code(db_text(s, 2));
		if (i < 0 || i >= PW_CHARACTERISTICS || state < 0)
			continue;
		for (int k = 0; k < n; k++)
			if (as[k].id == id) {
				as[k].c[i].state = (char_state)state;
				as[k].c[i].note = st_text(a, s, 3);
			}
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_char_assessments(store *st, arena *a, int64_t workplace_id, int max, char_assessment **out,
				 int *n)
{
	*out = NULL;
	*n = 0;
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT a.id, a.assessed_at, COALESCE(p.name, '') FROM characteristic_assessments a"
		" LEFT JOIN people p ON p.id = a.assessed_by WHERE a.workplace_id = ?"
		" ORDER BY a.id DESC LIMIT ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, max);
	char_assessment *list = ARENA_ARRAY(a, char_assessment, (size_t)max);
	db_result r;
	while ((r = db_step(s)) == DB_ROW && *n < max) {
		char_assessment *c = &list[(*n)++];
		c->id = db_int(s, 0);
		c->at = db_int(s, 1);
		c->by = st_text(a, s, 2);
		unassessed(c->c);
	}
	db_done(s);
	store_rc rc = st_from_db(r);
	if (rc == ST_OK)
		rc = read_ratings(st, a, workplace_id, list, *n);
	*out = list;
	return rc;
}

store_rc store_characteristics_get(store *st, arena *a, int64_t workplace_id,
				   wp_characteristic out[PW_CHARACTERISTICS])
{
	char_assessment *as;
	int n;
	unassessed(out);
	store_rc rc = store_char_assessments(st, a, workplace_id, 1, &as, &n);
	if (rc == ST_OK && n)
		memcpy(out, as[0].c, sizeof as[0].c);
	return rc;
}

store_rc store_char_assessment_add(store *st, int64_t workplace_id, int64_t by,
				   const wp_characteristic cs[PW_CHARACTERISTICS], int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO characteristic_assessments (workplace_id,"
					   " assessed_by, assessed_at) VALUES (?, ?, ?) RETURNING id"));
	db_bind_int(s, 1, workplace_id);
	if (by > 0)
		db_bind_int(s, 2, by);
	else
		db_bind_null(s, 2);
	db_bind_int(s, 3, wp_now());
	store_rc rc = st_insert_id(s, id);
	for (int i = 0; i < PW_CHARACTERISTICS && rc == ST_OK; i++) {
		if (cs[i].state == CHAR_UNASSESSED)
			continue;
		s = db_prepare(st->c, SQL("INSERT INTO characteristic_ratings (assessment_id, number, state,"
					  " note) VALUES (?, ?, ?, ?)"));
		db_bind_int(s, 1, *id);
		db_bind_int(s, 2, i + 1);
		db_bind_text(s, 3, char_state_code(cs[i].state));
		db_bind_text(s, 4, cs[i].note ? cs[i].note : "");
		rc = st_exec(s);
	}
	return rc;
}

static void read_org(arena *a, db_stmt *s, organisation *o)
{
	o->id = db_int(s, 0);
	o->name = st_text(a, s, 1);
	int k = org_kind_from_code(db_text(s, 2));
	o->kind = k < 0 ? ORG_PUBLIC : (org_kind)k;
}

store_rc store_org_get(store *st, arena *a, int64_t org_id, organisation *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, name, kind FROM organisations WHERE id = ?"));
	db_bind_int(s, 1, org_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_org(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_org_by_name(store *st, arena *a, const char *name, organisation *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, name, kind FROM organisations"
					   " WHERE lower(name) = lower(?) ORDER BY id LIMIT 1"));
	db_bind_text(s, 1, name);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_org(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_partner_update(store *st, int64_t workplace_id, int64_t org_id, const char *role,
			      const char *joined_on)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE partners SET role = ?, joined_on = ?"
					   " WHERE workplace_id = ? AND organisation_id = ?"));
	db_bind_text(s, 1, role);
	db_bind_text(s, 2, joined_on && *joined_on ? joined_on : NULL);
	db_bind_int(s, 3, workplace_id);
	db_bind_int(s, 4, org_id);
	return st_exec_one(st->c, s);
}

store_rc store_partner_remove(store *st, int64_t workplace_id, int64_t org_id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM partners WHERE workplace_id = ?"
					   " AND organisation_id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, org_id);
	return st_exec_one(st->c, s);
}
