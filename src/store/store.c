/* store.c - opening a store, migrating its schema, pools, integrity
 * check and backup. */
#include "store/store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "store/schema.h"

static store *store_wrap(db *c)
{
	store *st = xcalloc(1, sizeof *st);
	st->c = c;
	return st;
}

const char *store_errmsg(store *st)
{
	return db_errmsg(st->c);
}

bool store_on_standby(store *st)
{
	return db_on_standby(st->c);
}

static bool table_exists(store *st, const char *name)
{
	db_stmt *s = db_backend(st->c) == DB_POSTGRES
			     ? db_prepare(st->c, SQL("SELECT 1 WHERE to_regclass(?) IS NOT NULL"))
			     : db_prepare(st->c, SQL("SELECT 1 FROM sqlite_master WHERE type = 'table'"
						     " AND name = ?"));
	db_bind_text(s, 1, name);
	bool found = db_step(s) == DB_ROW;
	db_done(s);
	return found;
}

int store_schema_version(store *st)
{
	if (!table_exists(st, "meta"))
		return 0;
	db_stmt *s = db_prepare(st->c, SQL("SELECT value FROM meta WHERE key = 'schema_version'"));
	int64_t v = 0;
	if (db_step(s) == DB_ROW && !parse_int64(db_text(s, 0), 0, 1000000, &v))
		v = -1;
	db_done(s);
	return (int)v;
}

static char *errf(const char *fmt, const char *a, int x, int y)
{
	char tmp[1536];
	snprintf(tmp, sizeof tmp, fmt, a, x, y);
	return xstrdup(tmp);
}

/* Copy an SQLite file before migrating it. PostgreSQL runs the whole
 * migration in one transaction (its DDL is transactional); a dump before
 * upgrading is the operator's (docs/deployment.md). */
static bool backup_before(store *st, const char *target, int current, char **err)
{
	if (current == 0 || db_backend(st->c) == DB_POSTGRES)
		return true;
	char path[4096];
	snprintf(path, sizeof path, "%s.bak-v%d-%lld", target, current, (long long)wp_now());
	if (db_backup(st->c, path) != DB_DONE) {
		*err = errf("%s: cannot make the backup before migrating (v%d to v%d)",
			    db_errmsg(st->c), current, schema_latest());
		return false;
	}
	fprintf(stderr, "werkplaats: database schema v%d copied to %s before migrating\n", current,
		path);
	return true;
}

static bool run_migration(store *st, int v, char **err)
{
	char *why = NULL;
	char *sql = schema_migration_sql(v, db_backend(st->c) == DB_POSTGRES, &why);
	if (!sql) {
		*err = errf("%s (v%d of %d)", why, v, schema_latest());
		free(why);
		return false;
	}
	db_result r = db_exec_script(st->c, sql);
	free(sql);
	if (r != DB_DONE) {
		*err = errf("%s: migration failed (v%d of %d); nothing was changed", db_errmsg(st->c), v,
			    schema_latest());
		return false;
	}
	/* what a migration moves that SQL alone does not (see schema.c) */
	if (v == 4)
		return st_answers_fill(st, err);
	return true;
}

/* Apply migrations current+1 .. latest in one transaction. The version is
 * read again inside it: another process (a second server on the same
 * PostgreSQL database) may have migrated meanwhile. */
static bool migrate(store *st, const char *target, int current, char **err)
{
	int latest = schema_latest();
	if (!backup_before(st, target, current, err))
		return false;
	if (db_begin_write(st->c) != DB_DONE) {
		*err = errf("%s: cannot start the migration (v%d to v%d)", db_errmsg(st->c), current, latest);
		return false;
	}
	if (db_backend(st->c) == DB_POSTGRES) {
		/* one migrating process at a time; released at commit */
		db_stmt *lock = db_prepare(st->c, SQL("SELECT pg_advisory_xact_lock(7157201)"));
		if (db_run(lock) != DB_DONE) {
			*err = errf("%s: cannot lock the schema (v%d to v%d)", db_errmsg(st->c), current,
				    latest);
			db_rollback(st->c);
			return false;
		}
		current = store_schema_version(st);
	}
	for (int v = current + 1; v <= latest; v++) {
		if (!run_migration(st, v, err)) {
			db_rollback(st->c);
			return false;
		}
	}
	char vs[16];
	snprintf(vs, sizeof vs, "%d", latest);
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
					   " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
	db_bind_text(s, 1, vs);
	if (db_run(s) != DB_DONE || db_commit(st->c) != DB_DONE) {
		*err = errf("%s: cannot record the schema version (v%d to v%d)", db_errmsg(st->c), current,
			    latest);
		db_rollback(st->c);
		return false;
	}
	return true;
}

store *store_open(const char *target, char **err)
{
	db *c = db_open(target, false, err);
	if (!c)
		return NULL;
	store *st = store_wrap(c);
	int v = store_schema_version(st);
	int latest = schema_latest();
	if (v < 0 || v > latest) {
		*err = errf("%s was written by a newer werkplaats (schema v%d; this program knows up to "
			    "v%d): upgrade werkplaats to open it",
			    target, v, latest);
		store_close(st);
		return NULL;
	}
	if (v < latest && !migrate(st, target, v, err)) {
		store_close(st);
		return NULL;
	}
	return st;
}

bool store_is_postgres(const char *target)
{
	return db_target_is_postgres(target);
}

void store_target_label(const char *target, char *out, size_t size)
{
	db_target_label(target, out, size);
}

bool store_exists(const char *target)
{
	if (!db_target_is_postgres(target)) {
		struct stat sb;
		return stat(target, &sb) == 0;
	}
	char *err = NULL;
	db *c = db_open(target, true, &err);
	if (!c) {
		free(err);
		return false; /* store_open says why */
	}
	store *st = store_wrap(c);
	bool used = table_exists(st, "meta");
	store_close(st);
	return used;
}

/* Is the SQLite file at path there and a database (or empty)? SQLite opens
 * anything lazily; a file that is not a database would fail only at the
 * first statement. */
static bool sqlite_file_ok(const char *path, char **err)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		*err = errf("%s: no such file", path, 0, 0);
		return false;
	}
	char head[16] = {0};
	FILE *f = sb.st_size > 0 ? fopen(path, "rb") : NULL;
	bool is_db = sb.st_size == 0 || (f && fread(head, 1, sizeof head, f) == sizeof head &&
					 memcmp(head, "SQLite format 3", 16) == 0);
	if (f)
		fclose(f);
	if (!is_db)
		*err = errf("%s: not a database (no SQLite header)", path, 0, 0);
	return is_db;
}

store *store_open_existing(const char *target, bool readonly, char **err)
{
	/* a PostgreSQL target has no file to look at */
	if (!db_target_is_postgres(target) && !sqlite_file_ok(target, err))
		return NULL;
	db *c = db_open(target, readonly, err);
	return c ? store_wrap(c) : NULL;
}

void store_close(store *st)
{
	if (!st)
		return;
	db_close(st->c);
	free(st);
}

store_rc store_begin(store *st)
{
	return st_from_db(db_begin_write(st->c));
}

store_rc store_begin_read(store *st)
{
	return st_from_db(db_begin_read(st->c));
}

store_rc store_commit(store *st)
{
	store_rc rc = st_from_db(db_commit(st->c));
	if (rc != ST_OK)
		db_rollback(st->c);
	return rc;
}

void store_rollback(store *st)
{
	db_rollback(st->c);
}

store_rc store_end(store *st, store_rc rc)
{
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

store_rc store_backup(store *st, const char *path)
{
	return st_from_db(db_backup(st->c, path));
}

/* ---- integrity ---- */

int st_report(arena *a, char **report, const char *line)
{
	*report = arena_printf(a, "%s%s\n", *report ? *report : "", line);
	return 1;
}

static int check_sqlite(store *st, arena *a, char **report)
{
	int problems = 0;
	db_stmt *s = db_prepare(st->c, SQL("PRAGMA integrity_check"));
	while (db_step(s) == DB_ROW)
		if (strcmp(db_text(s, 0), "ok") != 0)
			problems += st_report(a, report, arena_printf(a, "integrity: %s", db_text(s, 0)));
	if (db_done(s) != DB_DONE)
		problems += st_report(a, report, arena_printf(a, "integrity check failed: %s",
								 db_errmsg(st->c)));
	s = db_prepare(st->c, SQL("PRAGMA foreign_key_check"));
	while (db_step(s) == DB_ROW)
		problems += st_report(
			a, report,
			arena_printf(a, "foreign key: row %lld of table %s points at a missing row in %s",
				     (long long)db_int(s, 1), db_text(s, 0), db_text(s, 2)));
	db_done(s);
	return problems;
}

/* PostgreSQL checks its pages, foreign keys and constraints itself; what
 * can still be wrong is what was done around it: a table missing, a
 * constraint added NOT VALID and never validated, or an identity sequence
 * behind the ids (rows copied in with their ids and the sequence not
 * moved on: the next insert would collide). */
static int check_postgres(store *st, arena *a, char **report)
{
	int problems = 0;
	if (!table_exists(st, "meta"))
		return 0; /* not ours at all: the schema version line says so */
	db_stmt *s = db_prepare(st->c, SQL(
		"SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c"
		" JOIN pg_namespace n ON n.oid = c.connamespace"
		" WHERE n.nspname = current_schema() AND NOT c.convalidated"));
	while (db_step(s) == DB_ROW)
		problems += st_report(a, report, arena_printf(a, "constraint %s on %s is not validated",
								 db_text(s, 1), db_text(s, 0)));
	if (db_done(s) != DB_DONE)
		problems += st_report(a, report, arena_printf(a, "constraint check failed: %s",
								 db_errmsg(st->c)));
	for (int i = 0; i < schema_table_count; i++) {
		const struct schema_table *t = &schema_tables[i];
		if (!table_exists(st, t->name)) {
			problems += st_report(a, report, arena_printf(a, "table %s is missing", t->name));
			continue;
		}
		if (!t->identity)
			continue;
		/* built from the schema's own table list, never from input; a
		 * sequence never used has no last_value (0 here) */
		s = db_prepare_once(st->c, arena_printf(a,
			"SELECT COALESCE(MAX(%s), 0), (SELECT COALESCE(last_value, 0) FROM pg_sequences"
			" WHERE format('%%I.%%I', schemaname, sequencename) ="
			" pg_get_serial_sequence('%s', '%s')) FROM %s",
			t->identity, t->name, t->identity, t->name));
		if (db_step(s) == DB_ROW && db_int(s, 0) > db_int(s, 1))
			problems += st_report(
				a, report,
				arena_printf(a, "table %s: the identity sequence (at %lld) is behind the "
						"highest id %lld; new rows would collide",
					     t->name, (long long)db_int(s, 1), (long long)db_int(s, 0)));
		db_done(s);
	}
	return problems;
}

int store_check(store *st, arena *a, char **report)
{
	*report = NULL;
	int problems = db_backend(st->c) == DB_POSTGRES ? check_postgres(st, a, report)
						       : check_sqlite(st, a, report);
	int v = store_schema_version(st);
	if (v == schema_latest())
		problems += st_answers_check(st, a, report);
	if (v == 0)
		problems += st_report(a, report, "schema: not a werkplaats database (no schema version)");
	else if (v < 0 || v > schema_latest())
		problems += st_report(a, report,
					arena_printf(a, "schema: version %d is newer than this program (v%d)",
						     v, schema_latest()));
	else if (v < schema_latest())
		problems += st_report(a, report,
					arena_printf(a, "schema: version %d is older than v%d; it is "
						     "migrated when the server starts",
						     v, schema_latest()));
	return problems;
}

/* ---- pools ---- */

struct store_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *target;
	int size;
	store **free_rw, **free_ro;
	int n_rw, n_ro; /* free entries */
	int open_rw, open_ro; /* connections opened so far */
};

store_pool *store_pool_open(const char *target, int size, char **err)
{
	store *first = store_open(target, err);
	if (!first)
		return NULL;
	store_pool *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->target = xstrdup(target);
	p->size = size;
	p->free_rw = xcalloc((size_t)size, sizeof(store *));
	p->free_ro = xcalloc((size_t)size, sizeof(store *));
	p->free_rw[p->n_rw++] = first;
	p->open_rw = 1;
	return p;
}

void store_pool_close(store_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_rw; i++)
		store_close(p->free_rw[i]);
	for (int i = 0; i < p->n_ro; i++)
		store_close(p->free_ro[i]);
	free(p->free_rw);
	free(p->free_ro);
	free(p->target);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

/* A connection the pool hands out: a PostgreSQL connection lost since its
 * last use is opened again here (at most once a second; meanwhile its
 * calls answer ST_BUSY, so the request gets a 503 and the server recovers
 * by itself when the database is back). */
store *store_acquire(store_pool *p, bool readonly)
{
	pthread_mutex_lock(&p->mu);
	store **list = readonly ? p->free_ro : p->free_rw;
	int *n = readonly ? &p->n_ro : &p->n_rw;
	int *opened = readonly ? &p->open_ro : &p->open_rw;
	while (*n == 0 && *opened >= p->size)
		pthread_cond_wait(&p->cv, &p->mu);
	if (*n > 0) {
		store *st = list[--*n];
		pthread_mutex_unlock(&p->mu);
		if (db_broken(st->c))
			db_reconnect(st->c);
		return st;
	}
	(*opened)++;
	pthread_mutex_unlock(&p->mu);
	char *err = NULL;
	db *c = db_open(p->target, readonly, &err);
	if (!c && (c = db_open_later(p->target, readonly)) != NULL) {
		fprintf(stderr, "werkplaats: %s\n", err);
		free(err);
	}
	if (!c)
		die("cannot open another connection to %s: %s", p->target, err);
	if (readonly)
		db_scope_closed(c); /* a request's reads: only what it names (routes.c) */
	return store_wrap(c);
}

store *store_pool_connect(store_pool *p)
{
	char *err = NULL;
	db *c = db_open(p->target, false, &err);
	if (!c)
		die("cannot open another connection to %s: %s", p->target, err);
	return store_wrap(c);
}

void store_release(store_pool *p, store *st)
{
	db_rollback(st->c); /* ends the database's institution setting too */
	st->institution = 0;
	pthread_mutex_lock(&p->mu);
	if (db_readonly(st->c))
		p->free_ro[p->n_ro++] = st;
	else
		p->free_rw[p->n_rw++] = st;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
