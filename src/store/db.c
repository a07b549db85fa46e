/* db.c - the dispatch of db.h to a backend, and what every backend shares:
 * choosing the backend from the target and the statement cache. */
#include "store/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

bool db_target_is_postgres(const char *target)
{
	if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0)
		return true;
	/* libpq key=value form: "host=... dbname=..." (a file name may hold
	 * '=' too, but not with one of these keys in front of it) */
	if (!strchr(target, '='))
		return false;
	static const char *const keys[] = {"dbname=", "host=", "hostaddr=", "service="};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *k = strstr(target, keys[i]);
		if (k && (k == target || k[-1] == ' ' || k[-1] == '\t'))
			return true;
	}
	return false;
}

/* Copy src to out with the n bytes at src+from replaced by "***". */
static void mask(const char *src, size_t from, size_t n, char *out, size_t size)
{
	snprintf(out, size, "%.*s***%s", (int)from, src, src + from + n);
}

void db_target_label(const char *target, char *out, size_t size)
{
	snprintf(out, size, "%s", target);
	if (!db_target_is_postgres(target))
		return;
	const char *scheme = strstr(target, "://");
	if (scheme) { /* postgresql://user:SECRET@host/... */
		const char *at = strchr(scheme + 3, '@');
		const char *colon = strchr(scheme + 3, ':');
		if (at && colon && colon < at)
			mask(target, (size_t)(colon + 1 - target), (size_t)(at - colon - 1), out, size);
		return;
	}
	const char *pw = strstr(target, "password="); /* key=value form */
	if (!pw)
		return;
	const char *v = pw + 9, *end = v;
	if (*end == '\'') {
		for (end++; *end && *end != '\''; end++)
			if (*end == '\\' && end[1])
				end++;
		if (*end)
			end++;
	} else {
		while (*end && *end != ' ')
			end++;
	}
	mask(target, (size_t)(v - target), (size_t)(end - v), out, size);
}

db *db_open(const char *target, bool readonly, char **err)
{
	const struct db_driver *drv = db_target_is_postgres(target) ? &db_pg_driver : &db_sqlite_driver;
	return drv->open(target, readonly, err);
}

db *db_open_later(const char *target, bool readonly)
{
	const struct db_driver *drv = db_target_is_postgres(target) ? &db_pg_driver : &db_sqlite_driver;
	return drv->open_later ? drv->open_later(target, readonly) : NULL;
}

void db_close(db *c)
{
	if (!c)
		return;
	for (int i = 0; i < DB_STMT_CACHE; i++)
		if (c->cache[i])
			c->drv->stmt_free(c->cache[i]);
	c->drv->close(c);
}

db_kind db_backend(const db *c)
{
	return c->kind;
}

const char *db_errmsg(db *c)
{
	return c->drv->errmsg(c);
}

bool db_readonly(const db *c)
{
	return c->readonly;
}

static db_stmt *stmt_new(db *c, const char *sql, bool cached)
{
	db_stmt *s = c->drv->stmt_new(c, sql, cached);
	s->owner = c;
	s->sql = sql;
	s->temporary = !cached;
	return s;
}

db_stmt *db_prepare(db *c, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) % DB_STMT_CACHE;
	for (size_t i = 0; i < DB_STMT_CACHE; i++) {
		size_t slot = (h + i) % DB_STMT_CACHE;
		db_stmt *s = c->cache[slot];
		if (!s) {
			s = stmt_new(c, sql, true);
			c->cache[slot] = s;
			return s;
		}
		if (s->sql == sql)
			return s->busy ? stmt_new(c, sql, false) : s;
	}
	return stmt_new(c, sql, false); /* cache full: uncached */
}

db_stmt *db_prepare_memo(db *c, const char *sql)
{
	db_stmt *s = db_prepare(c, sql);
	s->memo = true;
	return s;
}

db_stmt *db_prepare_once(db *c, const char *sql)
{
	return stmt_new(c, sql, false);
}

db_stmt *db_prepare_owned(db *c, const char *sql)
{
	db_stmt *s = stmt_new(c, sql, true); /* prepared like a cached one */
	s->temporary = false;
	s->owned = true;
	return s;
}

void db_finalize(db_stmt *s)
{
	if (s) {
		WP_ASSERT(s->owned);
		s->owner->drv->stmt_free(s);
	}
}

void db_bind_int(db_stmt *s, int idx, int64_t v)
{
	s->owner->drv->bind_int(s, idx, v);
}

void db_bind_text(db_stmt *s, int idx, const char *v)
{
	if (v)
		s->owner->drv->bind_text(s, idx, v);
	else
		s->owner->drv->bind_null(s, idx);
}

void db_bind_double(db_stmt *s, int idx, double v)
{
	s->owner->drv->bind_double(s, idx, v);
}

void db_bind_null(db_stmt *s, int idx)
{
	s->owner->drv->bind_null(s, idx);
}

db_result db_step(db_stmt *s)
{
	s->busy = true;
	db_result r = s->owner->drv->step(s);
	if (r < 0)
		s->err = r;
	return r;
}

int64_t db_int(db_stmt *s, int col)
{
	return s->owner->drv->col_int(s, col);
}

double db_double(db_stmt *s, int col)
{
	return s->owner->drv->col_double(s, col);
}

const char *db_text(db_stmt *s, int col)
{
	const char *t = s->owner->drv->col_text(s, col);
	return t ? t : "";
}

bool db_isnull(db_stmt *s, int col)
{
	return s->owner->drv->col_isnull(s, col);
}

int db_column_count(db_stmt *s)
{
	return s->owner->drv->col_count(s);
}

const char *db_column_name(db_stmt *s, int col)
{
	return s->owner->drv->col_name(s, col);
}

db_result db_done(db_stmt *s)
{
	db_result err = s->err;
	if (s->temporary) {
		s->owner->drv->stmt_free(s);
		return err;
	}
	s->owner->drv->stmt_reset(s);
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

/* ---- calls ---- */

static char **call_value(db_call *c, int idx)
{
	WP_ASSERT(idx >= 1 && idx <= DB_CALL_VALUES);
	free(c->v[idx - 1]);
	return &c->v[idx - 1];
}

void db_call_int(db_call *c, int idx, int64_t v)
{
	char tmp[24];
	snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	*call_value(c, idx) = xstrdup(tmp);
}

void db_call_text(db_call *c, int idx, const char *v)
{
	*call_value(c, idx) = v ? xstrdup(v) : NULL;
}

void db_call_clear(db_call *c)
{
	for (int i = 0; i < DB_CALL_VALUES; i++)
		free(c->v[i]);
	memset(c, 0, sizeof *c);
}

/* One call through the statement cache: rows returned, or else changed. */
static db_result call_step(db *c, const db_call *call, int64_t *rows)
{
	db_stmt *s = db_prepare(c, call->sql);
	for (int i = 0; i < DB_CALL_VALUES && call->v[i]; i++)
		db_bind_text(s, i + 1, call->v[i]);
	db_result r;
	int64_t returned = 0;
	while ((r = db_step(s)) == DB_ROW)
		returned++;
	db_done(s);
	*rows = returned ? returned : db_changes(c);
	return r;
}

db_result db_pipeline(db *c, db_call *calls, int n, int *failed)
{
	*failed = -1;
	if (n <= 0)
		return DB_DONE;
	if (c->drv->pipeline) {
		db_stmt **stmts = xmalloc((size_t)n * sizeof *stmts);
		for (int i = 0; i < n; i++)
			stmts[i] = db_prepare(c, calls[i].sql); /* not stepped: stays free for the next call */
		db_result r = c->drv->pipeline(c, stmts, calls, n, failed);
		for (int i = 0; i < n; i++)
			if (stmts[i]->temporary) /* a full cache: each one its own */
				c->drv->stmt_free(stmts[i]);
		free(stmts);
		return r;
	}
	for (int i = 0; i < n; i++) {
		int64_t rows;
		db_result r = call_step(c, &calls[i], &rows);
		if (r == DB_DONE && calls[i].expect != DB_ANY_ROWS && rows != calls[i].expect)
			r = DB_CONSTRAINT;
		if (r != DB_DONE) {
			*failed = i;
			return r;
		}
	}
	return DB_DONE;
}

int64_t db_changes(db *c)
{
	return c->drv->changes(c);
}

db_result db_begin_read(db *c)
{
	return c->drv->begin_read(c);
}

db_result db_begin_write(db *c)
{
	return c->drv->begin_write(c);
}

db_result db_commit(db *c)
{
	return c->drv->commit(c);
}

void db_rollback(db *c)
{
	c->drv->rollback(c);
}

bool db_in_transaction(db *c)
{
	return c->drv->in_transaction(c);
}

db_result db_checkpoint(db *c)
{
	return c->drv->checkpoint(c);
}

db_result db_exec_script(db *c, const char *sql)
{
	return c->drv->exec_script(c, sql);
}

db_result db_backup(db *c, const char *path)
{
	return c->drv->backup(c, path);
}

bool db_broken(db *c)
{
	return c->drv->broken(c);
}

bool db_reconnect(db *c)
{
	return c->drv->reconnect(c);
}

bool db_on_standby(db *c)
{
	return c->drv->on_standby && c->drv->on_standby(c);
}

void db_set_bulk(db *c, bool on)
{
	c->bulk = on;
}

void db_scope_closed(db *c)
{
	c->scope_closed = true;
	if (c->drv->scope_closed)
		c->drv->scope_closed(c);
}
