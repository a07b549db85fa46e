/* st_institution.c - the institutions of a network on one store, and the
 * institution a connection's reads keep to (store.h). */
#include "store/store_internal.h"

#include <stdio.h>

#include "base/util.h"

store_rc store_institution_create(store *st, const char *slug, const char *name, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO institutions (slug, name, created_at)"
					   " VALUES (?, ?, ?) RETURNING id"));
	db_bind_text(s, 1, slug);
	db_bind_text(s, 2, name);
	db_bind_int(s, 3, wp_now());
	return st_insert_id(s, id);
}

store_rc store_institutions(store *st, arena *a, institution **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT i.id, i.slug, i.name,"
		" (SELECT COUNT(*) FROM workplaces w WHERE w.institution_id = i.id),"
		" (SELECT COUNT(*) FROM accounts a WHERE a.institution_id = i.id)"
		" FROM institutions i ORDER BY i.id"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		institution *i = st_vec_push(a, &v, sizeof *i);
		i->id = db_int(s, 0);
		i->slug = st_text(a, s, 1);
		i->name = st_text(a, s, 2);
		i->workplaces = (int)db_int(s, 3);
		i->accounts = (int)db_int(s, 4);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_institution_by_slug(store *st, arena *a, const char *slug, institution *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, slug, name FROM institutions WHERE slug = ?"));
	db_bind_text(s, 1, slug);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		out->id = db_int(s, 0);
		out->slug = st_text(a, s, 1);
		out->name = st_text(a, s, 2);
		out->workplaces = out->accounts = 0;
		db_done(s);
	}
	return rc;
}

store_rc store_institution_count(store *st, int *n)
{
	db_stmt *s = db_prepare_memo(st->c, SQL("SELECT COUNT(*) FROM institutions"));
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*n = (int)db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_set_institution(store *st, int64_t institution_id, bool tell_database)
{
	st->institution = institution_id;
	if (!tell_database || db_backend(st->c) != DB_POSTGRES || !db_in_transaction(st->c))
		return ST_OK;
	/* is_local: the setting ends with the transaction, so a pooled
	 * connection never carries one request's institution into the next */
	char value[24];
	if (institution_id > 0)
		snprintf(value, sizeof value, "%lld", (long long)institution_id);
	else
		snprintf(value, sizeof value, "all");
	db_stmt *s = db_prepare(st->c, SQL("SELECT set_config('werkplaats.institution', ?, true)"));
	db_bind_text(s, 1, value);
	store_rc rc = st_one(s);
	if (rc == ST_OK)
		db_done(s);
	return rc;
}

int64_t store_institution(const store *st)
{
	return st->institution;
}

store_rc store_workplace_institution(store *st, int64_t workplace_id, int64_t *institution_id)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT institution_id FROM workplaces WHERE id = ?"));
	db_bind_int(s, 1, workplace_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*institution_id = db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_benchmark_partners(store *st, arena *a, benchmark_partner **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT i.id, i.slug, i.name,"
		" EXISTS (SELECT 1 FROM benchmark_agreements g WHERE g.institution_id = ? AND g.partner_id = i.id),"
		" EXISTS (SELECT 1 FROM benchmark_agreements g WHERE g.institution_id = i.id AND g.partner_id = ?)"
		" FROM institutions i WHERE i.id <> ? ORDER BY i.name, i.id"));
	int64_t own = st->institution > 0 ? st->institution : 1;
	for (int i = 1; i <= 3; i++)
		db_bind_int(s, i, own);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		benchmark_partner *p = st_vec_push(a, &v, sizeof *p);
		p->id = db_int(s, 0);
		p->slug = st_text(a, s, 1);
		p->name = st_text(a, s, 2);
		p->we_agreed = db_int(s, 3) != 0;
		p->they_agreed = db_int(s, 4) != 0;
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_benchmark_agree(store *st, int64_t partner_id, int64_t person_id, bool agree)
{
	int64_t own = st->institution > 0 ? st->institution : 1;
	db_stmt *s = db_prepare(st->c, SQL("SELECT 1 FROM institutions WHERE id = ? AND id <> ?"));
	db_bind_int(s, 1, partner_id);
	db_bind_int(s, 2, own);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	db_done(s);
	if (!agree) {
		s = db_prepare(st->c, SQL("DELETE FROM benchmark_agreements WHERE institution_id = ?"
					  " AND partner_id = ?"));
		db_bind_int(s, 1, own);
		db_bind_int(s, 2, partner_id);
		return st_exec(s);
	}
	s = db_prepare(st->c, SQL("INSERT INTO benchmark_agreements (institution_id, partner_id, agreed_at,"
				  " agreed_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
	db_bind_int(s, 1, own);
	db_bind_int(s, 2, partner_id);
	db_bind_int(s, 3, wp_now());
	if (person_id > 0)
		db_bind_int(s, 4, person_id);
	else
		db_bind_null(s, 4);
	return st_exec(s);
}

store_rc store_benchmark_workplaces(store *st, arena *a, int64_t institution_id, workplace **out,
				    int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT w.id, w.slug, w.name, w.domain, w.location, w.start_date, w.description,"
		" w.vision, '' FROM workplaces w WHERE ? = 0 OR w.institution_id = ?"
		" OR w.institution_id IN (SELECT g.partner_id FROM benchmark_agreements g"
		" JOIN benchmark_agreements h ON h.institution_id = g.partner_id"
		" AND h.partner_id = g.institution_id WHERE g.institution_id = ?)"
		" ORDER BY w.name, w.id"));
	for (int i = 1; i <= 3; i++)
		db_bind_int(s, i, institution_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		st_read_workplace(a, s, st_vec_push(a, &v, sizeof(workplace)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
