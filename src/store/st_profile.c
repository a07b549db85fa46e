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

static store_rc set_trigger(store *st, int64_t workplace_id, trigger_kind t, const char *text)
{
	db_stmt *s;
	if (!text || !*text) {
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

store_rc store_profile_set(store *st, const wp_profile *p)
{
	const workplace *w = &p->w;
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
	store_rc rc = st_exec(s);
	if (rc == ST_OK && db_changes(st->c) == 0)
		rc = ST_NOTFOUND;
	for (int t = 0; t < TRIG_COUNT && rc == ST_OK; t++)
		rc = set_trigger(st, w->id, (trigger_kind)t, p->trigger[t]);
	return rc;
}

store_rc store_characteristics_get(store *st, arena *a, int64_t workplace_id,
				   wp_characteristic out[PW_CHARACTERISTICS])
{
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		out[i].state = CHAR_UNASSESSED;
		out[i].note = "";
	}
	db_stmt *s = db_prepare(st->c, SQL("SELECT number, state, note FROM workplace_characteristics"
					   " WHERE workplace_id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		int64_t i = db_int(s, 0) - 1;
		int state = char_state_from_code(db_text(s, 1));
		if (i < 0 || i >= PW_CHARACTERISTICS || state < 0)
			continue;
		out[i].state = (char_state)state;
		out[i].note = st_text(a, s, 2);
	}
	db_done(s);
	return st_from_db(r);
}

store_rc store_characteristic_set(store *st, int64_t workplace_id, int i, char_state state,
				  const char *note)
{
	WP_ASSERT(i >= 0 && i < PW_CHARACTERISTICS);
	db_stmt *s;
	if (state == CHAR_UNASSESSED) {
		s = db_prepare(st->c, SQL("DELETE FROM workplace_characteristics WHERE workplace_id = ?"
					  " AND number = ?"));
		db_bind_int(s, 1, workplace_id);
		db_bind_int(s, 2, i + 1);
		return st_exec(s);
	}
	s = db_prepare(st->c, SQL(
		"INSERT INTO workplace_characteristics (workplace_id, number, state, note, updated_at)"
		" VALUES (?, ?, ?, ?, ?) ON CONFLICT (workplace_id, number) DO UPDATE SET"
		" state = excluded.state, note = excluded.note, updated_at = excluded.updated_at"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, i + 1);
	db_bind_text(s, 3, char_state_code(state));
	db_bind_text(s, 4, note ? note : "");
	db_bind_int(s, 5, wp_now());
	return st_exec(s);
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
