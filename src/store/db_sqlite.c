/* db_sqlite.c - the SQLite backend of db.h. */
#include "store/db_internal.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* The answers of db_prepare_memo statements a connection remembers: one
 * per slot, found by the hash of the statement and its bound values. */
#define MEMO_SLOTS 64
#define MEMO_KEY 512                /* bytes of bound values; more: not remembered */
#define MEMO_ENTRY_BYTES 8192       /* a larger answer is used once and dropped */
#define MEMO_BYTES (256u * 1024)    /* all of a connection's answers together */

/* One answer: every row of a statement run with these bound values, each
 * column a protected copy (sqlite3_value_dup) read like a live column. */
struct memo {
	int refs; /* its slot's, and one per statement replaying it */
	uint64_t hash;
	const char *sql;
	unsigned char *key;
	size_t keylen, bytes;
	int ncols, nrows;
	sqlite3_value **vals; /* nrows x ncols */
};

struct sq_stmt {
	db_stmt base;
	sqlite3_stmt *st;
	/* db_prepare_memo: the bound values as they are bound, then the
	 * answer being replayed */
	unsigned char key[MEMO_KEY];
	size_t keylen;
	bool key_full;
	bool stepped;
	struct memo *replay; /* held (refs) until reset */
	int row;
};

struct sq_db {
	struct db base;
	sqlite3 *h;
	char errmsg[512];
	struct memo *memo[MEMO_SLOTS];
	size_t memo_bytes;
	bool memo_on;          /* in a read transaction the answers are valid for */
	bool memo_stale;       /* this connection committed: forget at the next read */
	int64_t memo_version;  /* PRAGMA data_version they were read under */
	int64_t memo_changes;  /* sqlite3_total_changes64 they were read under */
};

#define SQ(c) ((struct sq_db *)(c))
#define ST(s) (((struct sq_stmt *)(s))->st)
#define Q(s) ((struct sq_stmt *)(s))

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

/* Let go of an answer: freed when neither a slot nor a statement holds
 * it (a statement may still be replaying it when its slot is reused). */
static void memo_unref(struct memo *m)
{
	if (!m || --m->refs > 0)
		return;
	for (int i = 0; i < m->nrows * m->ncols; i++)
		sqlite3_value_free(m->vals[i]);
	free(m->vals);
	free(m->key);
	free(m);
}

static void memo_clear(struct sq_db *c)
{
	for (int i = 0; i < MEMO_SLOTS; i++) {
		memo_unref(c->memo[i]);
		c->memo[i] = NULL;
	}
	c->memo_bytes = 0;
}

static void sq_close(db *c)
{
	memo_clear(SQ(c));
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

static void replay_end(struct sq_stmt *q)
{
	memo_unref(q->replay);
	q->replay = NULL;
	q->keylen = 0;
	q->key_full = false;
	q->stepped = false;
}

static void sq_stmt_free(db_stmt *s)
{
	replay_end(Q(s));
	sqlite3_finalize(ST(s));
	free(s);
}

static void sq_stmt_reset(db_stmt *s)
{
	replay_end(Q(s));
	sqlite3_reset(ST(s));
	sqlite3_clear_bindings(ST(s));
}

/* A bound value of a db_prepare_memo statement, added to its key: the
 * place, the kind and the bytes, so that no two lists of values agree. */
static void key_add(db_stmt *s, int idx, char kind, const void *v, size_t n)
{
	struct sq_stmt *q = Q(s);
	if (!s->memo || q->key_full)
		return;
	if (q->keylen + n + 1 + sizeof idx + sizeof n > MEMO_KEY) {
		q->key_full = true;
		return;
	}
	unsigned char *k = q->key + q->keylen;
	memcpy(k, &idx, sizeof idx);
	k[sizeof idx] = (unsigned char)kind;
	memcpy(k + sizeof idx + 1, &n, sizeof n);
	memcpy(k + sizeof idx + 1 + sizeof n, v, n);
	q->keylen += sizeof idx + 1 + sizeof n + n;
}

static void sq_bind_int(db_stmt *s, int idx, int64_t v)
{
	key_add(s, idx, 'i', &v, sizeof v);
	sqlite3_bind_int64(ST(s), idx, v);
}

static void sq_bind_text(db_stmt *s, int idx, const char *v)
{
	key_add(s, idx, 't', v, strlen(v));
	sqlite3_bind_text(ST(s), idx, v, -1, SQLITE_TRANSIENT);
}

static void sq_bind_double(db_stmt *s, int idx, double v)
{
	key_add(s, idx, 'd', &v, sizeof v);
	sqlite3_bind_double(ST(s), idx, v);
}

static void sq_bind_null(db_stmt *s, int idx)
{
	key_add(s, idx, 'n', "", 0);
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

/* Run the statement to its end, every row copied; NULL and *rc set on an
 * error. */
static struct memo *memo_fill(struct sq_stmt *q, uint64_t hash, db_result *rc)
{
	struct memo *m = xcalloc(1, sizeof *m);
	m->refs = 1;
	m->hash = hash;
	m->sql = q->base.sql;
	m->ncols = sqlite3_column_count(q->st);
	m->bytes = sizeof *m + q->keylen;
	int cap = 0, step;
	while ((step = sqlite3_step(q->st)) == SQLITE_ROW) {
		if ((m->nrows + 1) * m->ncols > cap) {
			cap = cap ? 2 * cap : 4 * (m->ncols ? m->ncols : 1);
			m->vals = xrealloc(m->vals, (size_t)cap * sizeof *m->vals);
		}
		for (int col = 0; col < m->ncols; col++) {
			sqlite3_value *v = sqlite3_value_dup(sqlite3_column_value(q->st, col));
			if (!v)
				die("out of memory");
			m->vals[m->nrows * m->ncols + col] = v;
			m->bytes += sizeof v + 16 + (size_t)sqlite3_column_bytes(q->st, col);
		}
		m->nrows++;
	}
	if ((step & 0xff) != SQLITE_DONE) {
		*rc = map_rc(SQ(q->base.owner), step);
		memo_unref(m);
		return NULL;
	}
	m->key = xmalloc(q->keylen ? q->keylen : 1);
	memcpy(m->key, q->key, q->keylen);
	m->keylen = q->keylen;
	return m;
}

/* Keep an answer just read, in place of whatever held its slot (the
 * slot takes a reference of its own). */
static void memo_keep(struct sq_db *c, struct memo *m)
{
	if (m->bytes > MEMO_ENTRY_BYTES)
		return;
	struct memo **slot = &c->memo[m->hash % MEMO_SLOTS];
	if (*slot) {
		c->memo_bytes -= (*slot)->bytes;
		memo_unref(*slot);
		*slot = NULL;
	}
	if (c->memo_bytes + m->bytes > MEMO_BYTES)
		memo_clear(c);
	m->refs++;
	*slot = m;
	c->memo_bytes += m->bytes;
}

/* May a db_prepare_memo statement be answered from, and kept in, memory
 * now? Only inside the read transaction sq_begin_read checked the
 * answers against, and only while this connection has changed nothing in
 * it: after a write, what it reads may never be committed (the next
 * sq_begin_read sees the changed count and forgets). */
static bool memo_usable(struct sq_db *c)
{
	if (c->memo_on &&
	    (sqlite3_get_autocommit(c->h) || sqlite3_total_changes64(c->h) != c->memo_changes))
		c->memo_on = false;
	return c->memo_on;
}

/* The first step of a db_prepare_memo statement: find its answer or read
 * it, then replay it row by row. */
static db_result memo_start(struct sq_stmt *q)
{
	struct sq_db *c = SQ(q->base.owner);
	uint64_t h = wp_hash(q->key, q->keylen, (uint64_t)(uintptr_t)q->base.sql);
	struct memo *m = c->memo[h % MEMO_SLOTS];
	if (m && m->hash == h && m->sql == q->base.sql && m->keylen == q->keylen &&
	    memcmp(m->key, q->key, q->keylen) == 0) {
		c->base.memo_hits++;
		m->refs++;
	} else {
		db_result rc = DB_DONE;
		if (!(m = memo_fill(q, h, &rc)))
			return rc;
		memo_keep(c, m);
	}
	q->replay = m;
	q->row = -1;
	return DB_ROW;
}

static db_result sq_step(db_stmt *s)
{
	struct sq_stmt *q = Q(s);
	if (!q->stepped) {
		q->stepped = true;
		if (s->memo && !q->key_full && memo_usable(SQ(s->owner))) {
			db_result rc = memo_start(q);
			if (rc != DB_ROW)
				return rc;
		}
	}
	if (q->replay)
		return ++q->row < q->replay->nrows ? DB_ROW : DB_DONE;
	return map_rc(SQ(s->owner), sqlite3_step(q->st));
}

/* The column of the row being replayed; NULL past the last column, as
 * sqlite3_column_value answers. */
static sqlite3_value *replay_col(struct sq_stmt *q, int col)
{
	const struct memo *m = q->replay;
	if (col < 0 || col >= m->ncols || q->row < 0 || q->row >= m->nrows)
		return NULL;
	return m->vals[q->row * m->ncols + col];
}

static int64_t sq_col_int(db_stmt *s, int col)
{
	if (Q(s)->replay) {
		sqlite3_value *v = replay_col(Q(s), col);
		return v ? sqlite3_value_int64(v) : 0;
	}
	return sqlite3_column_int64(ST(s), col);
}

static double sq_col_double(db_stmt *s, int col)
{
	if (Q(s)->replay) {
		sqlite3_value *v = replay_col(Q(s), col);
		return v ? sqlite3_value_double(v) : 0;
	}
	return sqlite3_column_double(ST(s), col);
}

static const char *sq_col_text(db_stmt *s, int col)
{
	if (Q(s)->replay) {
		sqlite3_value *v = replay_col(Q(s), col);
		return v ? (const char *)sqlite3_value_text(v) : NULL;
	}
	return (const char *)sqlite3_column_text(ST(s), col);
}

static bool sq_col_isnull(db_stmt *s, int col)
{
	if (Q(s)->replay) {
		sqlite3_value *v = replay_col(Q(s), col);
		return !v || sqlite3_value_type(v) == SQLITE_NULL;
	}
	return sqlite3_column_type(ST(s), col) == SQLITE_NULL;
}

static int sq_col_count(db_stmt *s)
{
	return Q(s)->replay ? Q(s)->replay->ncols : sqlite3_column_count(ST(s));
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
static void sq_rollback(db *c)
{
	SQ(c)->memo_on = false;
	if (!sqlite3_get_autocommit(SQ(c)->h))
		db_run(db_prepare(c, "ROLLBACK"));
}

/* A read transaction begins with its snapshot, read at once: then PRAGMA
 * data_version says whether anyone has committed since the remembered
 * answers were read (another connection, another process), and the
 * connection's own count of changes whether it has itself. */
static db_result sq_begin_read(db *cc)
{
	struct sq_db *c = SQ(cc);
	c->memo_on = false;
	db_result rc = db_run(db_prepare(cc, "BEGIN DEFERRED"));
	if (rc != DB_DONE)
		return rc;
	db_stmt *v = db_prepare(cc, "PRAGMA data_version");
	rc = db_step(v);
	int64_t version = rc == DB_ROW ? db_int(v, 0) : 0;
	db_done(v);
	if (rc != DB_ROW) {
		sq_rollback(cc);
		return rc == DB_DONE ? DB_ERROR : rc;
	}
	int64_t changes = sqlite3_total_changes64(c->h);
	if (c->memo_stale || version != c->memo_version || changes != c->memo_changes) {
		memo_clear(c);
		c->memo_stale = false;
		c->memo_version = version;
		c->memo_changes = changes;
	}
	c->memo_on = true;
	return DB_DONE;
}

static db_result sq_begin_write(db *c)
{
	SQ(c)->memo_on = false;
	return db_run(db_prepare(c, "BEGIN IMMEDIATE"));
}

static db_result sq_commit(db *c)
{
	SQ(c)->memo_on = false;
	SQ(c)->memo_stale = true;
	return db_run(db_prepare(c, "COMMIT"));
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
	SQ(c)->memo_on = false;
	SQ(c)->memo_stale = true;
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
