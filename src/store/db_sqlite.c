/* db_sqlite.c - the SQLite backend of db.h. */
#include "db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define STMT_CACHE 512 /* slots; open addressing keyed by literal address */

struct db_stmt {
	db *owner;
	const char *sql;
	sqlite3_stmt *st;
	bool busy;      /* stepped and not yet done */
	bool temporary; /* prepared because the cached one was busy */
	db_result err;
};

struct db {
	sqlite3 *h;
	bool readonly;
	db_stmt *cache[STMT_CACHE];
	char errmsg[512];
};

static void set_err(db *c, const char *what)
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

db *db_open(const char *target, bool readonly, char **err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure_sqlite);
	db *c = xcalloc(1, sizeof *c);
	int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	flags |= SQLITE_OPEN_NOMUTEX; /* one connection is used by one thread at a time */
	if (sqlite3_open_v2(target, &c->h, flags, NULL) != SQLITE_OK) {
		*err = xstrdup(c->h ? sqlite3_errmsg(c->h) : "cannot open database");
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	c->readonly = readonly;
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
	return c;
}

static void stmt_free(db_stmt *s)
{
	sqlite3_finalize(s->st);
	free(s);
}

void db_close(db *c)
{
	if (!c)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		if (c->cache[i])
			stmt_free(c->cache[i]);
	sqlite3_close(c->h);
	free(c);
}

db_kind db_backend(const db *c)
{
	(void)c;
	return DB_SQLITE;
}

const char *db_errmsg(db *c)
{
	return c->errmsg[0] ? c->errmsg : sqlite3_errmsg(c->h);
}

bool db_readonly(const db *c)
{
	return c->readonly;
}

static db_stmt *stmt_new(db *c, const char *sql)
{
	db_stmt *s = xcalloc(1, sizeof *s);
	s->owner = c;
	s->sql = sql;
	if (sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
		/* a statement that does not prepare is a programming error */
		fprintf(stderr, "werkplaats: cannot prepare SQL: %s\n  %s\n", sqlite3_errmsg(c->h), sql);
		abort();
	}
	return s;
}

db_stmt *db_prepare(db *c, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
	for (size_t i = 0; i < STMT_CACHE; i++) {
		size_t slot = (h + i) % STMT_CACHE;
		db_stmt *s = c->cache[slot];
		if (!s) {
			s = stmt_new(c, sql);
			c->cache[slot] = s;
			return s;
		}
		if (s->sql == sql) {
			if (!s->busy)
				return s;
			db_stmt *t = stmt_new(c, sql);
			t->temporary = true;
			return t;
		}
	}
	db_stmt *t = stmt_new(c, sql); /* cache full: uncached */
	t->temporary = true;
	return t;
}

void db_bind_int(db_stmt *s, int idx, int64_t v)
{
	sqlite3_bind_int64(s->st, idx, v);
}

void db_bind_text(db_stmt *s, int idx, const char *v)
{
	if (v)
		sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, idx);
}

void db_bind_double(db_stmt *s, int idx, double v)
{
	sqlite3_bind_double(s->st, idx, v);
}

void db_bind_null(db_stmt *s, int idx)
{
	sqlite3_bind_null(s->st, idx);
}

static db_result map_rc(db *c, int rc)
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

db_result db_step(db_stmt *s)
{
	s->busy = true;
	db_result r = map_rc(s->owner, sqlite3_step(s->st));
	if (r < 0)
		s->err = r;
	return r;
}

int64_t db_int(db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

double db_double(db_stmt *s, int col)
{
	return sqlite3_column_double(s->st, col);
}

const char *db_text(db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);
	return t ? (const char *)t : "";
}

bool db_isnull(db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

db_result db_done(db_stmt *s)
{
	db_result err = s->err;
	if (s->temporary) {
		stmt_free(s);
		return err;
	}
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->busy = false;
	s->err = DB_DONE;
	return err;
}

db_result db_run(db_stmt *s)
{
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		;
	db_done(s);
	return r;
}

int64_t db_changes(db *c)
{
	return sqlite3_changes64(c->h);
}

static db_result exec_simple(db *c, const char *sql)
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
db_result db_begin_read(db *c)
{
	return db_run(db_prepare(c, "BEGIN DEFERRED"));
}

db_result db_begin_write(db *c)
{
	return db_run(db_prepare(c, "BEGIN IMMEDIATE"));
}

db_result db_commit(db *c)
{
	return db_run(db_prepare(c, "COMMIT"));
}

void db_rollback(db *c)
{
	if (!sqlite3_get_autocommit(c->h))
		db_run(db_prepare(c, "ROLLBACK"));
}

bool db_in_transaction(db *c)
{
	return !sqlite3_get_autocommit(c->h);
}

db_result db_checkpoint(db *c)
{
	int rc = sqlite3_wal_checkpoint_v2(c->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return rc == SQLITE_OK ? DB_DONE : map_rc(c, rc);
}

db_result db_exec_script(db *c, const char *sql)
{
	return exec_simple(c, sql);
}

db_result db_backup(db *c, const char *path)
{
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
