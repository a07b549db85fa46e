/* db_sqlite.c - the SQLite backend of db.h. */
#include "store/db_internal.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct sq_stmt {
	db_stmt base;
	sqlite3_stmt *st;
};

struct sq_db {
	struct db base;
	sqlite3 *h;
	char errmsg[512];
};

#define SQ(c) ((struct sq_db *)(c))
#define ST(s) (((struct sq_stmt *)(s))->st)

static void set_err(struct sq_db *c, const char *what)
{
	snprintf(c->errmsg, sizeof c->errmsg, "%s: %s", what, sqlite3_errmsg(c->h));
}

/* Before SQLite's first use: no allocation statistics. With them on (the
 * default), every allocation inside SQLite takes one process-wide mutex,
 * which all the server's threads contend for. */
static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static db *sq_open(const char *target, bool readonly, char **err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure_sqlite);
	struct sq_db *c = xcalloc(1, sizeof *c);
	c->base.drv = &db_sqlite_driver;
	c->base.kind = DB_SQLITE;
	int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	flags |= SQLITE_OPEN_NOMUTEX; /* one connection is used by one thread at a time */
	if (sqlite3_open_v2(target, &c->h, flags, NULL) != SQLITE_OK) {
		*err = xstrdup(c->h ? sqlite3_errmsg(c->h) : "cannot open database");
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	c->base.readonly = readonly;
	sqlite3_busy_timeout(c->h, 5000);
	sqlite3_extended_result_codes(c->h, 1);
	/* Writers keep statement journals and savepoint journals in memory:
	 * they hold only the pages one savepoint changes (the committer puts
	 * every request in one), and as temporary files they cost a write
	 * system call per page. Readers keep the default: a large sort goes
	 * to a temporary file rather than into memory. */
	const char *pragmas = readonly ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
				       : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
					 " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
	char *msg = NULL;
	if (sqlite3_exec(c->h, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		*err = xstrdup(msg ? msg : "cannot configure database");
		sqlite3_free(msg);
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	return &c->base;
}

static void sq_close(db *c)
{
	sqlite3_close(SQ(c)->h);
	free(c);
}

static const char *sq_errmsg(db *c)
{
	return SQ(c)->errmsg[0] ? SQ(c)->errmsg : sqlite3_errmsg(SQ(c)->h);
}

static db_stmt *sq_stmt_new(db *c, const char *sql, bool cached)
{
	struct sq_stmt *s = xcalloc(1, sizeof *s);
	unsigned flags = cached ? SQLITE_PREPARE_PERSISTENT : 0;
	if (sqlite3_prepare_v3(SQ(c)->h, sql, -1, flags, &s->st, NULL) != SQLITE_OK) {
		/* a statement that does not prepare is a programming error */
		fprintf(stderr, "werkplaats: cannot prepare SQL: %s\n  %s\n", sqlite3_errmsg(SQ(c)->h),
			sql);
		abort();
	}
	return &s->base;
}

static void sq_stmt_free(db_stmt *s)
{
	sqlite3_finalize(ST(s));
	free(s);
}

static void sq_stmt_reset(db_stmt *s)
{
	sqlite3_reset(ST(s));
	sqlite3_clear_bindings(ST(s));
}

static void sq_bind_int(db_stmt *s, int idx, int64_t v)
{
	sqlite3_bind_int64(ST(s), idx, v);
}

static void sq_bind_text(db_stmt *s, int idx, const char *v)
{
	sqlite3_bind_text(ST(s), idx, v, -1, SQLITE_TRANSIENT);
}

static void sq_bind_double(db_stmt *s, int idx, double v)
{
	sqlite3_bind_double(ST(s), idx, v);
}

static void sq_bind_null(db_stmt *s, int idx)
{
	sqlite3_bind_null(ST(s), idx);
}

static db_result map_rc(struct sq_db *c, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
	case SQLITE_OK:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		set_err(c, "database busy");
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		set_err(c, "constraint");
		return DB_CONSTRAINT;
	default:
		set_err(c, "database error");
		return DB_ERROR;
	}
}

static db_result sq_step(db_stmt *s)
{
	return map_rc(SQ(s->owner), sqlite3_step(ST(s)));
}

static int64_t sq_col_int(db_stmt *s, int col)
{
	return sqlite3_column_int64(ST(s), col);
}

static double sq_col_double(db_stmt *s, int col)
{
	return sqlite3_column_double(ST(s), col);
}

static const char *sq_col_text(db_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(ST(s), col);
}

static bool sq_col_isnull(db_stmt *s, int col)
{
	return sqlite3_column_type(ST(s), col) == SQLITE_NULL;
}

static int sq_col_count(db_stmt *s)
{
	return sqlite3_column_count(ST(s));
}

static const char *sq_col_name(db_stmt *s, int col)
{
	return sqlite3_column_name(ST(s), col);
}

static int64_t sq_changes(db *c)
{
	return sqlite3_changes64(SQ(c)->h);
}

static db_result exec_simple(struct sq_db *c, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(c->errmsg, sizeof c->errmsg, "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		db_result r = map_rc(c, rc);
		snprintf(c->errmsg, sizeof c->errmsg, "%s", sqlite3_errmsg(c->h));
		return r;
	}
	return DB_DONE;
}

/* Transaction statements are prepared once per connection, like the
 * others: every request runs one or two of them. */
static db_result sq_begin_read(db *c)
{
	return db_run(db_prepare(c, "BEGIN DEFERRED"));
}

static db_result sq_begin_write(db *c)
{
	return db_run(db_prepare(c, "BEGIN IMMEDIATE"));
}

static db_result sq_commit(db *c)
{
	return db_run(db_prepare(c, "COMMIT"));
}

static void sq_rollback(db *c)
{
	if (!sqlite3_get_autocommit(SQ(c)->h))
		db_run(db_prepare(c, "ROLLBACK"));
}

static bool sq_in_transaction(db *c)
{
	return !sqlite3_get_autocommit(SQ(c)->h);
}

static db_result sq_checkpoint(db *cc)
{
	struct sq_db *c = SQ(cc);
	int rc = sqlite3_wal_checkpoint_v2(c->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return rc == SQLITE_OK ? DB_DONE : map_rc(c, rc);
}

static db_result sq_exec_script(db *c, const char *sql)
{
	return exec_simple(SQ(c), sql);
}

static db_result sq_backup(db *cc, const char *path)
{
	struct sq_db *c = SQ(cc);
	sqlite3 *dst;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(c->errmsg, sizeof c->errmsg, "cannot create %s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERROR;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", c->h, "main");
	if (!b) {
		snprintf(c->errmsg, sizeof c->errmsg, "cannot back up: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERROR;
	}
	int rc;
	/* copy in steps so writers are not held up for the whole copy */
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
	       rc == SQLITE_LOCKED)
		sqlite3_sleep(rc == SQLITE_OK ? 0 : 5);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(c->errmsg, sizeof c->errmsg, "backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(dst);
		return DB_ERROR;
	}
	rc = sqlite3_close(dst);
	return rc == SQLITE_OK ? DB_DONE : DB_ERROR;
}

/* A file does not go away like a server: nothing to reconnect. */
static bool sq_broken(db *c)
{
	(void)c;
	return false;
}

static bool sq_reconnect(db *c)
{
	(void)c;
	return true;
}

const struct db_driver db_sqlite_driver = {
	.open = sq_open,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.stmt_new = sq_stmt_new,
	.stmt_free = sq_stmt_free,
	.stmt_reset = sq_stmt_reset,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_double = sq_bind_double,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_isnull = sq_col_isnull,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.changes = sq_changes,
	.begin_read = sq_begin_read,
	.begin_write = sq_begin_write,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.in_transaction = sq_in_transaction,
	.exec_script = sq_exec_script,
	.checkpoint = sq_checkpoint,
	.backup = sq_backup,
	.broken = sq_broken,
	.reconnect = sq_reconnect,
};
