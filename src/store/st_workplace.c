/* st_workplace.c - organisations, workplaces, partners, memberships. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_org_create(store *st, const char *name, org_kind kind, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO organisations (name, kind, created_at)"
					   " VALUES (?, ?, ?) RETURNING id"));
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, org_kind_code(kind));
	db_bind_int(s, 3, wp_now());
	return st_insert_id(s, id);
}

store_rc store_orgs_list(store *st, arena *a, organisation **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, name, kind FROM organisations ORDER BY name, id"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		organisation *o = st_vec_push(a, &v, sizeof *o);
		o->id = db_int(s, 0);
		o->name = st_text(a, s, 1);
		int k = org_kind_from_code(db_text(s, 2));
		o->kind = k < 0 ? ORG_PUBLIC : (org_kind)k;
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_workplace_create(store *st, const workplace *w, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO workplaces (slug, name, domain, location, start_date, description,"
		" vision, created_at, institution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
		" COALESCE(NULLIF(?, 0), 1)) RETURNING id"));
	db_bind_text(s, 1, w->slug);
	db_bind_text(s, 2, w->name);
	db_bind_text(s, 3, w->domain ? w->domain : "");
	db_bind_text(s, 4, w->location ? w->location : "");
	db_bind_text(s, 5, w->start_date);
	db_bind_text(s, 6, w->description ? w->description : "");
	db_bind_text(s, 7, w->vision ? w->vision : "");
	db_bind_int(s, 8, wp_now());
	db_bind_int(s, 9, st->institution);
	return st_insert_id(s, id);
}

void st_read_workplace(arena *a, db_stmt *s, workplace *w)
{
	w->id = db_int(s, 0);
	w->slug = st_text(a, s, 1);
	w->name = st_text(a, s, 2);
	w->domain = st_text(a, s, 3);
	w->location = st_text(a, s, 4);
	w->start_date = st_text(a, s, 5);
	w->description = st_text(a, s, 6);
	w->vision = st_text(a, s, 7);
	w->my_role = st_text(a, s, 8);
}

store_rc store_workplaces_for(store *st, arena *a, int64_t person_id, bool all, workplace **out,
			      int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT w.id, w.slug, w.name, w.domain, w.location, w.start_date, w.description,"
		" w.vision, COALESCE(m.role, '') FROM workplaces w"
		" LEFT JOIN memberships m ON m.workplace_id = w.id AND m.person_id = ?"
		" WHERE (m.person_id IS NOT NULL OR ? = 1) AND (? = 0 OR w.institution_id = ?)"
		" ORDER BY w.name, w.id"));
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, all);
	db_bind_int(s, 3, st->institution);
	db_bind_int(s, 4, st->institution);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		st_read_workplace(a, s, st_vec_push(a, &v, sizeof(workplace)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_workplace_by_slug(store *st, arena *a, const char *slug, workplace *out)
{
	/* The slug comes from the path as sent: every stored slug is UTF-8,
	 * so other bytes match nothing (and PostgreSQL refuses them as a
	 * parameter, which would be an error rather than "not found"). */
	if (!utf8_valid_text(slug, strlen(slug), false))
		return ST_NOTFOUND;
	db_stmt *s = db_prepare_memo(st->c, SQL(
		"SELECT id, slug, name, domain, location, start_date, description, vision, '',"
		" share_comments_lead FROM workplaces WHERE slug = ? AND (? = 0 OR institution_id = ?)"));
	db_bind_text(s, 1, slug);
	db_bind_int(s, 2, st->institution);
	db_bind_int(s, 3, st->institution);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		st_read_workplace(a, s, out);
		out->share_comments_lead = db_int(s, 9) != 0;
		db_done(s);
	}
	return rc;
}

store_rc store_workplace_share_comments_set(store *st, int64_t workplace_id, bool on)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE workplaces SET share_comments_lead = ? WHERE id = ?"));
	db_bind_int(s, 1, on);
	db_bind_int(s, 2, workplace_id);
	store_rc rc = st_exec(s);
	return rc == ST_OK && db_changes(st->c) == 0 ? ST_NOTFOUND : rc;
}

store_rc store_membership_role(store *st, int64_t workplace_id, int64_t person_id, int *role)
{
	db_stmt *s = db_prepare_memo(st->c, SQL("SELECT role FROM memberships WHERE workplace_id = ?"
					   " AND person_id = ?"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, person_id);
	store_rc rc = st_one(s);
	*role = -1;
	if (rc == ST_OK) {
		*role = (int)st_member_role(s, 0);
		db_done(s);
	}
	return rc == ST_NOTFOUND ? ST_OK : rc;
}

store_rc store_membership_set(store *st, int64_t workplace_id, int64_t person_id, member_role role)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO memberships (workplace_id, person_id, role, created_at)"
		" VALUES (?, ?, ?, ?) ON CONFLICT (workplace_id, person_id)"
		" DO UPDATE SET role = excluded.role"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, person_id);
	db_bind_text(s, 3, member_role_code(role));
	db_bind_int(s, 4, wp_now());
	return st_exec(s);
}

store_rc store_partner_add(store *st, int64_t workplace_id, int64_t org_id, const char *role,
			   const char *joined_on)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO partners (workplace_id, organisation_id,"
					   " role, joined_on) VALUES (?, ?, ?, ?)"));
	db_bind_int(s, 1, workplace_id);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, role);
	db_bind_text(s, 4, joined_on);
	return st_exec(s);
}

store_rc store_partners(store *st, arena *a, int64_t workplace_id, partner **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT o.id, o.name, o.kind, p.role, COALESCE(p.joined_on, '') FROM partners p"
		" JOIN organisations o ON o.id = p.organisation_id WHERE p.workplace_id = ?"
		" ORDER BY p.role = 'lead' DESC, o.name"));
	db_bind_int(s, 1, workplace_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		partner *p = st_vec_push(a, &v, sizeof *p);
		p->org_id = db_int(s, 0);
		p->name = st_text(a, s, 1);
		int k = org_kind_from_code(db_text(s, 2));
		p->kind = k < 0 ? ORG_PUBLIC : (org_kind)k;
		p->role = st_text(a, s, 3);
		p->joined_on = st_text(a, s, 4);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_members(store *st, arena *a, int64_t workplace_id, member **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT p.id, p.name, p.email, m.role FROM memberships m"
		" JOIN people p ON p.id = m.person_id WHERE m.workplace_id = ?"
		" ORDER BY m.role = 'coordinator' DESC, p.name"));
	db_bind_int(s, 1, workplace_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		member *m = st_vec_push(a, &v, sizeof *m);
		m->person_id = db_int(s, 0);
		m->name = st_text(a, s, 1);
		m->email = st_text(a, s, 2);
		m->role = st_member_role(s, 3);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
