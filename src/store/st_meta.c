/* st_meta.c - key/value settings of an instance (site secret, ...). */
#include "store/store_internal.h"

store_rc store_meta_get(store *st, arena *a, const char *key, char **value)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT value FROM meta WHERE key = ?"));
	db_bind_text(s, 1, key);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*value = st_text(a, s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_meta_set(store *st, const char *key, const char *value)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO meta (key, value) VALUES (?, ?)"
					   " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
	db_bind_text(s, 1, key);
	db_bind_text(s, 2, value);
	return st_exec(s);
}

store_rc store_meta_delete(store *st, const char *key)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM meta WHERE key = ?"));
	db_bind_text(s, 1, key);
	return st_exec(s);
}
