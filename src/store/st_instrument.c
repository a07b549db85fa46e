/* st_instrument.c - instrument versions and their questions. A version is
 * stored once and never changed (the schema has triggers that refuse it). */
#include "store/store_internal.h"

#include "base/util.h"

static store_rc find_instrument(store *st, const char *code, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id FROM instruments WHERE code = ?"));
	db_bind_text(s, 1, code);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*id = db_int(s, 0);
		db_done(s);
		return ST_OK;
	}
	if (rc != ST_NOTFOUND)
		return rc;
	s = db_prepare(st->c, SQL("INSERT INTO instruments (code, created_at) VALUES (?, ?) RETURNING id"));
	db_bind_text(s, 1, code);
	db_bind_int(s, 2, wp_now());
	return st_insert_id(s, id);
}

static store_rc insert_item(store *st, int64_t version_id, const char *code, bool open,
			    const char *section, const char *group, int position, bool reverse,
			    unsigned perspectives)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO items (version_id, code, kind, section, group_code, position, reverse,"
		" perspectives) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
	db_bind_int(s, 1, version_id);
	db_bind_text(s, 2, code);
	db_bind_text(s, 3, open ? "open" : "scale");
	db_bind_text(s, 4, section);
	db_bind_text(s, 5, group);
	db_bind_int(s, 6, position);
	db_bind_int(s, 7, reverse);
	db_bind_int(s, 8, perspectives);
	return st_exec(s);
}

static store_rc insert_element(store *st, int64_t version_id, const char *code, int position)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO instrument_elements (version_id, code, position)"
					   " VALUES (?, ?, ?)"));
	db_bind_int(s, 1, version_id);
	db_bind_text(s, 2, code);
	db_bind_int(s, 3, position);
	return st_exec(s);
}

static store_rc insert_items(store *st, int64_t version_id, const instrument *in)
{
	store_rc rc = ST_OK;
	int pos = 0;
	for (int e = 0; e < EL_COUNT && rc == ST_OK; e++) {
		const instr_element *el = &in->elements[e];
		const char *g = element_code_str((element_code)e);
		rc = insert_element(st, version_id, g, e);
		for (size_t i = 0; i < el->n_items && rc == ST_OK; i++)
			rc = insert_item(st, version_id, el->items[i].id, false, "element", g, pos++,
					 el->items[i].reverse, el->items[i].perspectives);
		for (size_t i = 0; i < el->n_open && rc == ST_OK; i++)
			rc = insert_item(st, version_id, el->open[i].id, true, "element", g, pos++, false, 0);
	}
	for (int o = 0; o < OUT_COUNT && rc == ST_OK; o++) {
		const instr_outcome *oc = &in->outcomes[o];
		for (size_t i = 0; i < oc->n_items && rc == ST_OK; i++)
			rc = insert_item(st, version_id, oc->items[i].id, false, "outcome",
					 outcome_code((outcome_category)o), pos++, oc->items[i].reverse,
					 oc->items[i].perspectives);
	}
	if (rc == ST_OK)
		rc = insert_item(st, version_id, in->triggers.open.id, true, "trigger", "triggers", pos++,
				 false, 0);
	return rc;
}

store_rc store_instrument_load(store *st, const char *code, const char *label,
			       const char *definition, const char *sha256, const instrument *in,
			       int64_t *version_id, int *version_no, bool *existed)
{
	int64_t iid = 0;
	store_rc rc = find_instrument(st, code, &iid);
	if (rc != ST_OK)
		return rc;
	*existed = false;
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, version_no, sha256 = ? FROM instrument_versions"
					   " WHERE instrument_id = ? AND (sha256 = ? OR label = ?)"
					   " ORDER BY sha256 = ? DESC"));
	db_bind_text(s, 1, sha256);
	db_bind_int(s, 2, iid);
	db_bind_text(s, 3, sha256);
	db_bind_text(s, 4, label);
	db_bind_text(s, 5, sha256);
	rc = st_one(s);
	if (rc == ST_OK) {
		bool same = db_int(s, 2);
		*version_id = db_int(s, 0);
		*version_no = (int)db_int(s, 1);
		db_done(s);
		if (!same)
			return ST_CONFLICT;
		*existed = true;
		return ST_OK;
	}
	if (rc != ST_NOTFOUND)
		return rc;
	s = db_prepare(st->c, SQL(
		"INSERT INTO instrument_versions (instrument_id, version_no, label, definition, sha256,"
		" created_at) VALUES (?, (SELECT COALESCE(MAX(version_no), 0) + 1 FROM"
		" instrument_versions WHERE instrument_id = ?), ?, ?, ?, ?) RETURNING id, version_no"));
	db_bind_int(s, 1, iid);
	db_bind_int(s, 2, iid);
	db_bind_text(s, 3, label);
	db_bind_text(s, 4, definition);
	db_bind_text(s, 5, sha256);
	db_bind_int(s, 6, wp_now());
	rc = st_one(s);
	if (rc != ST_OK)
		return rc == ST_NOTFOUND ? ST_ERROR : rc;
	*version_id = db_int(s, 0);
	*version_no = (int)db_int(s, 1);
	db_step(s);
	db_done(s);
	return insert_items(st, *version_id, in);
}

static void read_version(arena *a, db_stmt *s, instr_version *v)
{
	v->id = db_int(s, 0);
	v->code = st_text(a, s, 1);
	v->label = st_text(a, s, 2);
	v->version_no = (int)db_int(s, 3);
	v->created_at = db_int(s, 4);
	v->rounds = (int)db_int(s, 5);
}

store_rc store_instrument_versions(store *st, arena *a, instr_version **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT v.id, i.code, v.label, v.version_no, v.created_at,"
		" (SELECT COUNT(*) FROM rounds r WHERE r.version_id = v.id)"
		" FROM instrument_versions v JOIN instruments i ON i.id = v.instrument_id"
		" ORDER BY i.code, v.version_no DESC"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_version(a, s, st_vec_push(a, &v, sizeof(instr_version)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

store_rc store_instrument_latest(store *st, arena *a, instr_version *out)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT v.id, i.code, v.label, v.version_no, v.created_at, 0"
		" FROM instrument_versions v JOIN instruments i ON i.id = v.instrument_id"
		" ORDER BY v.id DESC LIMIT 1"));
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_version(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_instrument_definition(store *st, arena *a, int64_t version_id, char **definition)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT definition FROM instrument_versions WHERE id = ?"));
	db_bind_int(s, 1, version_id);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*definition = st_text(a, s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_items(store *st, arena *a, int64_t version_id, item_row **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT id, code, kind = 'open' FROM items"
					   " WHERE version_id = ? ORDER BY position"));
	db_bind_int(s, 1, version_id);
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		item_row *it = st_vec_push(a, &v, sizeof *it);
		it->id = db_int(s, 0);
		it->code = st_text(a, s, 1);
		it->open = db_int(s, 2);
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}
