/* st_audit.c - the audit log: who changed what, when. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_audit(store *st, int64_t person_id, int64_t workplace_id, const char *what,
		     const char *detail)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO audit_log (at, person_id, workplace_id, action,"
					   " detail) VALUES (?, ?, ?, ?, ?)"));
	db_bind_int(s, 1, wp_now());
	if (person_id > 0)
		db_bind_int(s, 2, person_id);
	else
		db_bind_null(s, 2);
	if (workplace_id > 0)
		db_bind_int(s, 3, workplace_id);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, what);
	db_bind_text(s, 5, detail ? detail : "");
	return st_exec(s);
}
