/* st_look.c - the site's own look: its logo and accent colour (one row,
 * made on the first save). */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_look_get(store *st, arena *a, site_look *out)
{
	*out = (site_look){.logo = "", .logo_kind = "", .accent = ""};
	db_stmt *s = db_prepare(st->c, SQL("SELECT COALESCE(logo, ''), COALESCE(logo_kind, ''), COALESCE(accent, ''),"
					   " updated_at FROM site_look WHERE id = 1"));
	store_rc rc = st_one(s);
	if (rc == ST_NOTFOUND)
		return ST_OK;
	if (rc != ST_OK)
		return rc;
	out->logo = st_text(a, s, 0);
	out->logo_kind = st_text(a, s, 1);
	out->accent = st_text(a, s, 2);
	out->updated_at = db_int(s, 3);
	db_done(s);
	return ST_OK;
}

store_rc store_look_set_logo(store *st, const char *logo, const char *kind)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO site_look (id, logo, logo_kind, updated_at) VALUES (1, ?, ?, ?)"
					   " ON CONFLICT (id) DO UPDATE SET logo = excluded.logo,"
					   " logo_kind = excluded.logo_kind, updated_at = excluded.updated_at"));
	db_bind_text(s, 1, logo);
	db_bind_text(s, 2, kind);
	db_bind_int(s, 3, wp_now());
	return st_exec(s);
}

store_rc store_look_set_accent(store *st, const char *accent)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO site_look (id, accent, updated_at) VALUES (1, ?, ?)"
					   " ON CONFLICT (id) DO UPDATE SET accent = excluded.accent,"
					   " updated_at = excluded.updated_at"));
	db_bind_text(s, 1, accent);
	db_bind_int(s, 2, wp_now());
	return st_exec(s);
}
