/* test_pg.c - the PostgreSQL driver against a real server: skipped unless
 * WERKPLAATS_TEST_DB_URL names one (tests/pg.sh start DIR prints it; `make
 * test` sets it). Each run creates a database of its own and drops it.
 *
 * What is checked: the semantics db.h promises for both backends -
 * booleans as 1/0, NULLs, db_changes, a failing statement failing alone
 * inside a transaction, SQLSTATE classes mapped to db_result, a read-only
 * connection refusing writes, a lost connection answering DB_BUSY and
 * coming back by itself, but never in the middle of a transaction (and at
 * once when the BEGIN of a new one finds it lost), the
 * revision check of concurrent editors under READ COMMITTED - and the
 * store on PostgreSQL: schema, check, a conflict, opening an existing
 * database without migrating it, the committer rolling back one failed
 * piece of work of a batch, planned writes sent in one pipeline (one that
 * fails is rolled back alone and runs as ordinary work), and migration 4 moving
 * answers from rows into one text per response. */
#include "testutil.h"

#include <pthread.h>

#include "base/arena.h"
#include "base/util.h"
#include "store/db_internal.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "answers_fixture.h"

static char url[1024]; /* the test database */
static char admin_url[1024];
static char dbname[64];

static db *must_open(const char *target, bool readonly)
{
	char *err = NULL;
	db *c = db_open(target, readonly, &err);
	if (!c)
		fail_msg("db_open: %s", err);
	return c;
}

/* The store at target, created or migrated as needed. */
static store *must_store(const char *target)
{
	char *err = NULL;
	store *st = store_open(target, &err);
	if (!st)
		fail_msg("store_open %s: %s", target, err);
	return st;
}

static void exec_ok(db *c, const char *sql)
{
	if (db_exec_script(c, sql) != DB_DONE)
		fail_msg("%s: %s", sql, db_errmsg(c));
}

static int setup(void **state)
{
	(void)state;
	const char *base = getenv("WERKPLAATS_TEST_DB_URL");
	if (!base || !*base)
		return 0;
	snprintf(admin_url, sizeof admin_url, "%s", base);
	snprintf(dbname, sizeof dbname, "wp_unit_%d_%lld", (int)getpid(), (long long)wp_now());
	db *c = must_open(admin_url, false);
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", dbname);
	exec_ok(c, sql);
	db_close(c);
	/* the same URL with our database instead of the last path segment */
	snprintf(url, sizeof url, "%s", base);
	char *q = strchr(url, '?');
	char tail[512] = "";
	if (q) {
		snprintf(tail, sizeof tail, "%s", q);
		*q = 0;
	}
	char *slash = strrchr(url, '/');
	if (!slash || slash < url + 13)
		fail_msg("WERKPLAATS_TEST_DB_URL must be a postgresql://host/db URL");
	snprintf(slash + 1, sizeof url - (size_t)(slash + 1 - url), "%s%s", dbname, tail);
	return 0;
}

/* The URL of another database on the same server (the test's URL with
 * the name replaced). */
static void url_of(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s", url);
	char *slash = strrchr(out, '/');
	char *q = strchr(slash, '?');
	char tail[512] = "";
	if (q)
		snprintf(tail, sizeof tail, "%s", q);
	snprintf(slash + 1, size - (size_t)(slash + 1 - out), "%s%s", name, tail);
}

static int teardown(void **state)
{
	(void)state;
	if (!*dbname)
		return 0;
	db *c = must_open(admin_url, false);
	char sql[128];
	snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", dbname);
	exec_ok(c, sql);
	db_close(c);
	return 0;
}

#define NEED_SERVER()                                                                              \
	do {                                                                                       \
		if (!*url)                                                                         \
			skip();                                                                    \
	} while (0)

static void test_values(void **state)
{
	(void)state;
	NEED_SERVER();
	db *c = must_open(url, false);
	assert_int_equal(db_backend(c), DB_POSTGRES);
	exec_ok(c, "CREATE TABLE v (id BIGINT PRIMARY KEY, name TEXT UNIQUE, flag BOOLEAN, x FLOAT8)");
	db_stmt *s = db_prepare(c, SQL("INSERT INTO v VALUES (?, ?, ?, ?) RETURNING id, flag, name"));
	db_bind_int(s, 1, 9007199254740993LL); /* beyond a double's integers */
	db_bind_text(s, 2, "it's ? \"quoted\"");
	db_bind_text(s, 3, "true");
	db_bind_double(s, 4, 0.1);
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_int(s, 0), 9007199254740993LL);
	assert_int_equal(db_int(s, 1), 1); /* 't' */
	assert_string_equal(db_text(s, 2), "it's ? \"quoted\"");
	assert_int_equal(db_step(s), DB_DONE);
	assert_int_equal(db_done(s), DB_DONE);
	assert_int_equal(db_changes(c), 1);
	/* NULLs, false, a literal '?' next to a parameter, doubles */
	s = db_prepare(c, SQL("SELECT '?', ?, NULL, 1 = 2, x FROM v"));
	db_bind_int(s, 1, 7);
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_text(s, 0), "?");
	assert_int_equal(db_int(s, 1), 7);
	assert_true(db_isnull(s, 2));
	assert_string_equal(db_text(s, 2), "");
	assert_int_equal(db_int(s, 2), 0);
	assert_int_equal(db_int(s, 3), 0); /* 'f' */
	assert_true(db_double(s, 4) > 0.0999 && db_double(s, 4) < 0.1001);
	assert_int_equal(db_column_count(s), 5);
	db_done(s);
	/* changes: an UPDATE counts, a SELECT after it leaves the count */
	s = db_prepare(c, SQL("UPDATE v SET flag = NOT flag"));
	assert_int_equal(db_run(s), DB_DONE);
	s = db_prepare(c, SQL("SELECT id FROM v"));
	assert_int_equal(db_run(s), DB_DONE);
	assert_int_equal(db_changes(c), 1);
	/* the same statement twice at once: the second is a temporary one */
	db_stmt *a = db_prepare(c, SQL("SELECT ? + 1"));
	db_bind_int(a, 1, 1);
	assert_int_equal(db_step(a), DB_ROW);
	db_stmt *b = db_prepare(c, SQL("SELECT ? + 1"));
	assert_ptr_not_equal(a, b);
	db_bind_int(b, 1, 10);
	assert_int_equal(db_step(b), DB_ROW);
	assert_int_equal(db_int(b, 0), 11);
	assert_int_equal(db_int(a, 0), 2);
	db_done(b);
	db_done(a);
	exec_ok(c, "DROP TABLE v");
	db_close(c);
}

static void test_statement_fails_alone(void **state)
{
	(void)state;
	NEED_SERVER();
	db *c = must_open(url, false);
	exec_ok(c, "CREATE TABLE u (id BIGINT PRIMARY KEY, n BIGINT CHECK (n > 0))");
	assert_int_equal(db_begin_write(c), DB_DONE);
	db_stmt *s = db_prepare(c, SQL("INSERT INTO u VALUES (?, ?)"));
	db_bind_int(s, 1, 1);
	db_bind_int(s, 2, 1);
	assert_int_equal(db_run(s), DB_DONE);
	for (int i = 0; i < 3; i++) { /* duplicate key, check, bad input: each alone */
		s = db_prepare(c, SQL("INSERT INTO u VALUES (?, ?)"));
		db_bind_int(s, 1, i == 0 ? 1 : 2);
		if (i == 2)
			db_bind_text(s, 2, "not a number");
		else
			db_bind_int(s, 2, i == 1 ? -1 : 1);
		db_result r = db_run(s);
		assert_int_equal(r, i == 2 ? DB_ERROR : DB_CONSTRAINT);
		assert_true(db_in_transaction(c));
	}
	s = db_prepare(c, SQL("INSERT INTO u VALUES (?, ?)"));
	db_bind_int(s, 1, 3);
	db_bind_int(s, 2, 3);
	assert_int_equal(db_run(s), DB_DONE);
	assert_int_equal(db_commit(c), DB_DONE);
	s = db_prepare(c, SQL("SELECT COUNT(*), SUM(id) FROM u"));
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_int(s, 0), 2);
	assert_int_equal(db_int(s, 1), 4);
	db_done(s);
	/* a transaction rolled back leaves nothing */
	assert_int_equal(db_begin_write(c), DB_DONE);
	s = db_prepare(c, SQL("INSERT INTO u VALUES (?, ?)"));
	db_bind_int(s, 1, 5);
	db_bind_int(s, 2, 5);
	assert_int_equal(db_run(s), DB_DONE);
	db_rollback(c);
	assert_false(db_in_transaction(c));
	s = db_prepare(c, SQL("SELECT COUNT(*) FROM u"));
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_int(s, 0), 2);
	db_done(s);
	exec_ok(c, "DROP TABLE u");
	db_close(c);
}

static void test_readonly_connection(void **state)
{
	(void)state;
	NEED_SERVER();
	db *w = must_open(url, false);
	exec_ok(w, "CREATE TABLE r (id BIGINT)");
	db *c = must_open(url, true);
	assert_true(db_readonly(c));
	db_stmt *s = db_prepare(c, SQL("INSERT INTO r VALUES (1)"));
	assert_int_equal(db_run(s), DB_ERROR);
	assert_non_null(strstr(db_errmsg(c), "read-only"));
	assert_int_equal(db_begin_read(c), DB_DONE);
	s = db_prepare(c, SQL("SELECT COUNT(*) FROM r"));
	assert_int_equal(db_step(s), DB_ROW);
	db_done(s);
	db_rollback(c);
	db_close(c);
	exec_ok(w, "DROP TABLE r");
	db_close(w);
}

static int64_t backend_pid(db *c)
{
	db_stmt *s = db_prepare(c, SQL("SELECT pg_backend_pid()"));
	assert_int_equal(db_step(s), DB_ROW);
	int64_t pid = db_int(s, 0);
	db_done(s);
	return pid;
}

static void terminate(db *killer, int64_t pid)
{
	db_stmt *s = db_prepare(killer, SQL("SELECT pg_terminate_backend(?)"));
	db_bind_int(s, 1, pid);
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_int(s, 0), 1);
	db_done(s);
	usleep(100000);
}

static void test_lost_connection(void **state)
{
	(void)state;
	NEED_SERVER();
	db *killer = must_open(url, false);
	db *c = must_open(url, false);
	/* outside a transaction: busy once, then back by itself */
	terminate(killer, backend_pid(c));
	db_stmt *s = db_prepare(c, SQL("SELECT 1"));
	assert_int_equal(db_run(s), DB_BUSY);
	assert_true(db_broken(c));
	assert_non_null(strstr(db_errmsg(c), "connection"));
	s = db_prepare(c, SQL("SELECT 1"));
	assert_int_equal(db_step(s), DB_ROW);
	db_done(s);
	assert_false(db_broken(c));
	/* inside a transaction: busy until the caller ends it, however long */
	assert_int_equal(db_begin_write(c), DB_DONE);
	terminate(killer, backend_pid(c));
	s = db_prepare(c, SQL("SELECT 1"));
	assert_int_equal(db_run(s), DB_BUSY);
	usleep(1100000); /* past the once-a-second limit */
	s = db_prepare(c, SQL("SELECT 1"));
	assert_int_equal(db_run(s), DB_BUSY); /* no silent reconnect mid-transaction */
	assert_int_equal(db_commit(c), DB_BUSY);
	db_rollback(c);
	assert_int_equal(db_begin_write(c), DB_DONE); /* a new transaction reconnects */
	s = db_prepare(c, SQL("SELECT 1"));
	assert_int_equal(db_step(s), DB_ROW);
	db_done(s);
	assert_int_equal(db_commit(c), DB_DONE);
	db_close(c);
	db_close(killer);
}

/* A connection that died while idle (its server restarted or failed
 * over): the BEGIN that finds out reconnects at once, read-only or not,
 * and the request that asked never sees the loss. */
static void test_idle_connection_lost_before_begin(void **state)
{
	(void)state;
	NEED_SERVER();
	db *killer = must_open(url, false);
	db *c[2] = {must_open(url, false), must_open(url, true)};
	for (int i = 0; i < 2; i++) {
		int64_t pid = backend_pid(c[i]);
		terminate(killer, pid);
		assert_int_equal(i ? db_begin_read(c[i]) : db_begin_write(c[i]), DB_DONE);
		assert_false(db_broken(c[i]));
		assert_false(db_on_standby(c[i])); /* one server: no standby to fall back on */
		assert_true(backend_pid(c[i]) != pid);
		db_rollback(c[i]);
		db_close(c[i]);
	}
	db_close(killer);
}

/* werkplaats.institution as the connection has it outside a transaction. */
static void scope_is(db *c, const char *want)
{
	db_stmt *s = db_prepare(c, SQL("SELECT COALESCE(current_setting('werkplaats.institution', true), '')"));
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_text(s, 0), want);
	db_done(s);
}

/* Row-level security's setting: a connection sees every institution
 * ('all') until db_scope_closed, after which it has none, also when it is
 * opened again after a loss, whatever the connection string asks for. */
static void test_scope_closed_connection(void **state)
{
	(void)state;
	NEED_SERVER();
	char with_all[sizeof url + 64];
	snprintf(with_all, sizeof with_all, "%s%soptions=-c%%20werkplaats.institution%%3Dall", url,
		 strchr(url, '?') ? "&" : "?");
	db *killer = must_open(url, false);
	db *c = must_open(with_all, true);
	scope_is(c, "all");
	db_scope_closed(c);
	scope_is(c, "");
	terminate(killer, backend_pid(c));
	db_stmt *s = db_prepare(c, SQL("SELECT 1"));
	assert_int_equal(db_run(s), DB_BUSY);
	usleep(1100000); /* past the once-a-second limit */
	assert_true(db_reconnect(c));
	scope_is(c, "");
	db_close(c);
	db *w = must_open(url, false); /* the command line, the committer */
	scope_is(w, "all");
	db_close(w);
	db_close(killer);
}

/* Optimistic locking under READ COMMITTED (what the action editor will
 * use): the second of two writers that read the same revision changes
 * nothing, also when its UPDATE waited for the first writer's lock. */
struct writer {
	db *c;
	int64_t changed;
};

static void *first_writer(void *arg)
{
	struct writer *w = arg;
	db_begin_write(w->c);
	db_stmt *s = db_prepare(w->c, SQL("UPDATE act SET title = ?, revision = revision + 1"
					  " WHERE id = 1 AND revision = ?"));
	db_bind_text(s, 1, "first");
	db_bind_int(s, 2, 1);
	db_run(s);
	w->changed = db_changes(w->c);
	usleep(300000); /* the second writer's UPDATE waits for this lock */
	db_commit(w->c);
	return NULL;
}

static void test_revision_check_under_read_committed(void **state)
{
	(void)state;
	NEED_SERVER();
	db *c = must_open(url, false);
	exec_ok(c, "CREATE TABLE act (id BIGINT PRIMARY KEY, title TEXT, revision BIGINT);"
		   " INSERT INTO act VALUES (1, 'start', 1)");
	struct writer w = {must_open(url, false), -1};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, first_writer, &w), 0);
	usleep(100000);
	assert_int_equal(db_begin_write(c), DB_DONE);
	db_stmt *s = db_prepare(c, SQL("UPDATE act SET title = ?, revision = revision + 1"
				       " WHERE id = 1 AND revision = ?"));
	db_bind_text(s, 1, "second");
	db_bind_int(s, 2, 1); /* it read revision 1 too */
	int64_t t0 = wp_monotonic_us();
	assert_int_equal(db_run(s), DB_DONE);
	assert_true(wp_monotonic_us() - t0 > 100000); /* it did wait */
	assert_int_equal(db_changes(c), 0);            /* and lost: the caller says "changed meanwhile" */
	assert_int_equal(db_commit(c), DB_DONE);
	pthread_join(t, NULL);
	assert_int_equal(w.changed, 1);
	s = db_prepare(c, SQL("SELECT title, revision FROM act WHERE id = 1"));
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_text(s, 0), "first");
	assert_int_equal(db_int(s, 1), 2);
	db_done(s);
	exec_ok(c, "DROP TABLE act");
	db_close(w.c);
	db_close(c);
}

static void test_store_on_postgres(void **state)
{
	(void)state;
	NEED_SERVER();
	store *st = must_store(url);
	assert_int_equal(store_schema_version(st), schema_latest());
	arena *a = arena_new();
	char *report = NULL;
	assert_int_equal(store_check(st, a, &report), 0);
	int64_t id;
	assert_int_equal(store_begin(st), ST_OK);
	assert_int_equal(store_person_create(st, "Ann", "ann@example.org", &id), ST_OK);
	int64_t id2;
	assert_int_equal(store_person_create(st, "Ann", "ann@example.org", &id2), ST_CONFLICT);
	person p;
	assert_int_equal(store_person_get(st, a, id, &p), ST_OK); /* the transaction goes on */
	assert_int_equal(store_commit(st), ST_OK);
	assert_false(p.is_admin);
	assert_int_equal(store_backup(st, "/tmp/x.db"), ST_ERROR);
	assert_non_null(strstr(store_errmsg(st), "pg_dump"));
	store_close(st);
	/* opening again does not migrate again */
	st = must_store(url);
	assert_true(store_exists(url));
	store_close(st);
	arena_free(a);
}

/* Leave nonzero bytes where the next call's locals will be. */
static __attribute__((noinline)) void dirty_stack(void)
{
	volatile unsigned char junk[16384];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = 0xa5;
}

/* store_open_existing (check, export, backup, results_bench) opens a
 * PostgreSQL database as it is. It once looked at an SQLite file header
 * for it too, through a struct stat never filled: whatever the stack held
 * decided, and with garbage there it said "not a database". */
static void test_open_existing_on_postgres(void **state)
{
	(void)state;
	NEED_SERVER();
	store_close(must_store(url));
	for (int readonly = 0; readonly <= 1; readonly++) {
		char *err = NULL;
		dirty_stack();
		store *st = store_open_existing(url, readonly, &err);
		if (!st)
			fail_msg("store_open_existing(readonly=%d): %s", readonly, err);
		assert_int_equal(store_schema_version(st), schema_latest());
		store_close(st);
	}
}

/* One text of the first column of the first row. */
static char *one_text(db *c, arena *a, const char *sql)
{
	db_stmt *s = db_prepare_once(c, sql);
	char *out = NULL;
	if (db_step(s) == DB_ROW)
		out = arena_strdup(a, db_isnull(s, 0) ? "NULL" : db_text(s, 0));
	db_done(s);
	return out;
}

/* The committer on PostgreSQL: work that fails is rolled back alone,
 * the rest of its batch is committed. Its savepoint once died with the
 * driver's own savepoint around the first statement, so a failed POST's
 * writes were committed with the batch (and every RELEASE failed). */
struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool open;
};

static store_rc wait_at_gate(store *st, void *arg)
{
	(void)st;
	struct gate *g = arg;
	pthread_mutex_lock(&g->mu);
	while (!g->open)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
	return ST_OK;
}

static store_rc add_person(store *st, void *arg)
{
	int64_t id;
	store_rc rc = store_person_create(st, "Batch", arg, &id);
	/* the second one changes its mind after writing, as a handler that
	 * answers 4xx does */
	return rc == ST_OK && strcmp(arg, "undone@example.org") == 0 ? ST_CONFLICT : rc;
}

static void note_done(void *done_arg, store_rc own, store_rc commit)
{
	store_rc *out = done_arg;
	out[0] = own;
	out[1] = commit;
}

static void test_committer_rolls_back_failed_work(void **state)
{
	(void)state;
	NEED_SERVER();
	char *err = NULL;
	store_pool *p = store_pool_open(url, 1, &err);
	if (!p)
		fail_msg("store_pool_open: %s", err);
	store_committer *c = store_committer_start(p);
	struct gate g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false};
	static const char *const emails[] = {"kept1@example.org", "undone@example.org", "kept2@example.org"};
	store_rc rcs[4][2];
	store_commit_async(c, wait_at_gate, &g, note_done, rcs[0]);
	/* the three wait behind the gate, so they share the next batch */
	for (int i = 0; i < 3; i++)
		store_commit_async(c, add_person, (void *)emails[i], note_done, rcs[i + 1]);
	pthread_mutex_lock(&g.mu);
	g.open = true;
	pthread_cond_signal(&g.cv);
	pthread_mutex_unlock(&g.mu);
	store_committer_stop(c);
	store_pool_close(p);
	int want_own[] = {ST_OK, ST_OK, ST_CONFLICT, ST_OK};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(rcs[i][0], want_own[i]);
		assert_int_equal(rcs[i][1], ST_OK);
	}
	db *check = must_open(url, true);
	arena *a = arena_new();
	assert_string_equal(one_text(check, a, "SELECT string_agg(email, ' ' ORDER BY email) FROM people"
					       " WHERE name = 'Batch'"),
			    "kept1@example.org kept2@example.org");
	arena_free(a);
	db_close(check);
}

/* db_pipeline: every call in one round trip; the first that fails or
 * touches another number of rows is named, and the transaction is
 * rolled back. */
static void test_pipeline_names_the_failed_call(void **state)
{
	(void)state;
	NEED_SERVER();
	db *c = must_open(url, false);
	exec_ok(c, "CREATE TABLE pq (id BIGINT PRIMARY KEY, n BIGINT CHECK (n > 0))");
	db_call calls[4] = {{SQL("INSERT INTO pq VALUES (?, ?)"), 1, {0}, false},
			    {SQL("UPDATE pq SET n = n + 1 WHERE id = ? RETURNING n"), 1, {0}, false},
			    {SQL("INSERT INTO pq VALUES (?, ?)"), 1, {0}, false},
			    {SQL("DELETE FROM pq WHERE id = ?"), DB_ANY_ROWS, {0}, false}};
	db_call_int(&calls[0], 1, 1);
	db_call_int(&calls[0], 2, 1);
	db_call_int(&calls[1], 1, 1);
	db_call_int(&calls[2], 1, 2);
	db_call_int(&calls[2], 2, 5);
	db_call_int(&calls[3], 1, 7);
	int failed = 99;
	assert_int_equal(db_begin_write(c), DB_DONE);
	assert_int_equal(db_pipeline(c, calls, 4, &failed), DB_DONE);
	assert_int_equal(failed, -1);
	assert_int_equal(db_commit(c), DB_DONE);
	/* again: the first insert is a duplicate now */
	assert_int_equal(db_begin_write(c), DB_DONE);
	assert_int_equal(db_pipeline(c, calls, 4, &failed), DB_CONSTRAINT);
	assert_int_equal(failed, 0);
	db_rollback(c);
	/* a call that touches no row where one was planned */
	db_call_int(&calls[1], 1, 42);
	assert_int_equal(db_begin_write(c), DB_DONE);
	assert_int_equal(db_pipeline(c, calls + 1, 1, &failed), DB_CONSTRAINT);
	assert_int_equal(failed, 0);
	db_rollback(c);
	arena *a = arena_new();
	assert_string_equal(one_text(c, a, "SELECT string_agg(id || ':' || n, ' ' ORDER BY id) FROM pq"),
			    "1:2 2:5");
	arena_free(a);
	for (int i = 0; i < 4; i++)
		db_call_clear(&calls[i]);
	exec_ok(c, "DROP TABLE pq");
	db_close(c);
}

/* Plans in one batch: the one that fails and the one that misses its
 * count are rolled back alone and run their ordinary work instead; the
 * others are committed. */
static store_plan *plan_of(int64_t id, int64_t n, const char *then_sql, int64_t then_id)
{
	store_plan *p = store_plan_new();
	store fake = {0};
	store_set_plan(&fake, p);
	db_call *c = st_plan_add(&fake, SQL("INSERT INTO pl VALUES (?, ?)"), 1);
	db_call_int(c, 1, id);
	db_call_int(c, 2, n);
	if (then_sql) {
		c = st_plan_add(&fake, then_sql, 1);
		db_call_int(c, 1, then_id);
	}
	return p;
}

static store_rc plan_fallback(store *st, void *arg)
{
	int64_t id = *(int64_t *)arg;
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO pl VALUES (?, 1)"));
	db_bind_int(s, 1, id);
	store_rc rc = st_from_db(db_run(s));
	return rc == ST_OK && id == 30 ? ST_CONFLICT : rc; /* 30 answers 4xx after writing */
}

static void test_committer_plans_fail_alone(void **state)
{
	(void)state;
	NEED_SERVER();
	db *setup_c = must_open(url, false);
	exec_ok(setup_c, "CREATE TABLE pl (id BIGINT PRIMARY KEY, n BIGINT CHECK (n > 0))");
	exec_ok(setup_c, "INSERT INTO pl VALUES (5, 5)");
	db_close(setup_c);
	char *err = NULL;
	store_pool *p = store_pool_open(url, 1, &err);
	if (!p)
		fail_msg("store_pool_open: %s", err);
	store_committer *c = store_committer_start(p);
	assert_true(store_committer_pipelines(c));
	struct gate g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false};
	store_rc rcs[5][2];
	static int64_t fallback_ids[4] = {10, 20, 30, 40};
	store_commit_async(c, wait_at_gate, &g, note_done, rcs[0]);
	/* 1 applies (and bumps row 5); 2 inserts a duplicate of 5; 3 plans an
	 * update of a row that is not there; 4 applies */
	store_commit_plan(c, plan_of(1, 1, SQL("UPDATE pl SET n = n + 1 WHERE id = ?"), 5),
			  plan_fallback, &fallback_ids[0], note_done, rcs[1]);
	store_commit_plan(c, plan_of(2, 1, SQL("INSERT INTO pl VALUES (?, 1)"), 5), plan_fallback,
			  &fallback_ids[1], note_done, rcs[2]);
	store_commit_plan(c, plan_of(3, 1, SQL("UPDATE pl SET n = n + 1 WHERE id = ?"), 99),
			  plan_fallback, &fallback_ids[2], note_done, rcs[3]);
	store_commit_plan(c, plan_of(4, 1, NULL, 0), plan_fallback, &fallback_ids[3], note_done, rcs[4]);
	pthread_mutex_lock(&g.mu);
	g.open = true;
	pthread_cond_signal(&g.cv);
	pthread_mutex_unlock(&g.mu);
	assert_int_equal(store_committer_ping(c, 10000), ST_OK); /* queued after them: they are done */
	buf m;
	buf_init(&m, 1 << 16);
	store_committer_metrics(c, &m);
	assert_non_null(strstr(buf_cstr(&m), "werkplaats_commit_plans_total 4\n"));
	assert_non_null(strstr(buf_cstr(&m), "werkplaats_commit_plans_fell_back_total 2\n"));
	store_committer_stop(c);
	store_pool_close(p);
	int want_own[] = {ST_OK, ST_OK, ST_OK, ST_CONFLICT, ST_OK};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(rcs[i][0], want_own[i]);
		assert_int_equal(rcs[i][1], ST_OK);
	}
	buf_free(&m);
	db *check = must_open(url, true);
	arena *a = arena_new();
	/* 1 and 4 as planned, 5 bumped once, 20 from the fallback of 2; 3's
	 * insert and 30 are gone */
	assert_string_equal(one_text(check, a, "SELECT string_agg(id || ':' || n, ' ' ORDER BY id) FROM pl"),
			    "1:1 4:1 5:6 20:1");
	arena_free(a);
	db_close(check);
}

/* Migration 4 on PostgreSQL: schema v3's answers as rows become one text
 * per response, the table becomes a view (test_answers.c does the same on
 * SQLite, with the same fixture and expectations). */
static void test_migration_from_rows_on_postgres(void **state)
{
	(void)state;
	NEED_SERVER();
	char name[80], v3[1200], sql[160];
	snprintf(name, sizeof name, "%s_v3", dbname);
	db *admin = must_open(admin_url, false);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	exec_ok(admin, sql);
	url_of(name, v3, sizeof v3);
	db *c = must_open(v3, false);
	for (int v = 1; v <= 3; v++) {
		char *script = schema_migration_sql(v, true, NULL);
		exec_ok(c, script);
		free(script);
	}
	exec_ok(c, "INSERT INTO meta (key, value) VALUES ('schema_version', '3')");
	exec_ok(c, answers_fixture);
	exec_ok(c, answers_fixture_v3_responses);
	exec_ok(c, answers_fixture_v3_answers);
	/* the fixture gives its ids itself: move the identity sequences past
	 * them, as migrate-store does, or check says new rows would collide */
	static const char *const numbered[] = {"workplaces", "instruments", "instrument_versions",
					       "items", "rounds", "responses"};
	for (size_t i = 0; i < sizeof numbered / sizeof numbered[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), 100)",
			 numbered[i]);
		exec_ok(c, sql);
	}
	db_close(c);

	store *st = must_store(v3); /* migrates v3 */
	arena *a = arena_new();
	char *report = NULL;
	if (store_check(st, a, &report) != 0)
		fail_msg("check after migrating: %s", report);
	store_close(st);
	c = must_open(v3, true);
	for (int i = 0; i < 4; i++) {
		snprintf(sql, sizeof sql, "SELECT answers FROM responses WHERE id = %d", i + 1);
		assert_string_equal(one_text(c, a, sql), answers_fixture_v3_texts[i]);
	}
	assert_string_equal(one_text(c, a, answers_fixture_view_pg), answers_fixture_view);
	assert_string_equal(one_text(c, a, "SELECT table_type FROM information_schema.tables"
					   " WHERE table_name = 'answers'"),
			    "VIEW");
	db_close(c);
	arena_free(a);
	snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", name);
	exec_ok(admin, sql);
	db_close(admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_statement_fails_alone),
		cmocka_unit_test(test_readonly_connection),
		cmocka_unit_test(test_lost_connection),
		cmocka_unit_test(test_idle_connection_lost_before_begin),
		cmocka_unit_test(test_scope_closed_connection),
		cmocka_unit_test(test_revision_check_under_read_committed),
		cmocka_unit_test(test_store_on_postgres),
		cmocka_unit_test(test_open_existing_on_postgres),
		cmocka_unit_test(test_committer_rolls_back_failed_work),
		cmocka_unit_test(test_pipeline_names_the_failed_call),
		cmocka_unit_test(test_committer_plans_fail_alone),
		cmocka_unit_test(test_migration_from_rows_on_postgres),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
