/* db_internal.h - what the backends of db.h share with the dispatch in
 * db.c; nothing outside src/store/db*.c includes it.
 *
 * A backend embeds `struct db` as the first member of its connection and
 * `struct db_stmt` as the first member of its statement, and fills a
 * `struct db_driver` with its primitives. db.c owns what is the same for
 * every backend: choosing the backend from the target, the statement cache
 * keyed by the address of the SQL literal, and the bookkeeping of a
 * statement's use (busy, temporary, its last error). */
#ifndef WP_DB_INTERNAL_H
#define WP_DB_INTERNAL_H

#include "store/db.h"

#define DB_STMT_CACHE 512 /* slots; open addressing keyed by literal address */

struct db_driver {
	db *(*open)(const char *target, bool readonly, char **err);
	db *(*open_later)(const char *target, bool readonly); /* NULL: not offered */
	void (*close)(db *c);
	const char *(*errmsg)(db *c);
	/* cached: the statement stays prepared for the connection's life;
	 * otherwise it is used once and freed by db_done */
	db_stmt *(*stmt_new)(db *c, const char *sql, bool cached);
	void (*stmt_free)(db_stmt *s);
	void (*stmt_reset)(db_stmt *s); /* drop the result and the bindings */
	void (*bind_int)(db_stmt *s, int idx, int64_t v);
	void (*bind_text)(db_stmt *s, int idx, const char *v);
	void (*bind_double)(db_stmt *s, int idx, double v);
	void (*bind_null)(db_stmt *s, int idx);
	db_result (*step)(db_stmt *s);
	int64_t (*col_int)(db_stmt *s, int col);
	double (*col_double)(db_stmt *s, int col);
	const char *(*col_text)(db_stmt *s, int col); /* NULL for SQL NULL */
	bool (*col_isnull)(db_stmt *s, int col);
	int (*col_count)(db_stmt *s);
	const char *(*col_name)(db_stmt *s, int col);
	int64_t (*changes)(db *c);
	db_result (*begin_read)(db *c);
	db_result (*begin_write)(db *c);
	db_result (*commit)(db *c);
	void (*rollback)(db *c);
	bool (*in_transaction)(db *c);
	db_result (*exec_script)(db *c, const char *sql);
	db_result (*checkpoint)(db *c);
	db_result (*backup)(db *c, const char *path);
	bool (*broken)(db *c);
	bool (*reconnect)(db *c);
	bool (*on_standby)(db *c); /* NULL: never */
	void (*scope_closed)(db *c); /* db_scope_closed; NULL: nothing to do */
	/* db_pipeline with the calls' statements prepared (NULL: one after
	 * another through step, as db.c does) */
	db_result (*pipeline)(db *c, db_stmt **stmts, const db_call *calls, int n, int *failed);
};

struct db {
	const struct db_driver *drv;
	db_kind kind;
	bool readonly;
	bool bulk; /* db_set_bulk */
	bool scope_closed; /* db_scope_closed */
	int64_t memo_hits; /* db_prepare_memo lookups answered from memory */
	db_stmt *cache[DB_STMT_CACHE];
};

struct db_stmt {
	db *owner;
	const char *sql;
	bool busy;      /* stepped and not yet done */
	bool temporary; /* not in the cache: freed by db_done */
	bool owned;     /* db_prepare_owned: freed by db_finalize */
	bool memo;      /* db_prepare_memo: the backend may answer it from memory */
	db_result err;  /* the last error of this use */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

/* Rewrite `?` placeholders outside quotes and comments as $1..$n
 * (PostgreSQL). Returns a malloc'ed string (caller frees) and the count. */
char *db_pg_placeholders(const char *sql, int *count);

#endif
