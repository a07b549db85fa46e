/* raw_submit.c - the raw SQLite reference for the submissions benchmark:
 * the rows one questionnaire submission stores (one response row, then
 * its answers as the one text a response keeps and the mark that it is
 * sent, in one update), each submission in its own
 * transaction, durable (WAL, synchronous=FULL, as the server runs), one
 * writer, prepared statements reused. No HTTP, no validation, no checks.
 * raw_submit_pg.c is the same on PostgreSQL; the loop is workload.c's.
 *
 *   raw_submit --db FILE [--round 7] [--seconds 10] [--instrument FILE]
 *
 * FILE is a database made by `werkplaats demo` (or init), so the schema,
 * its constraints and indexes are the server's own. Prints one line:
 * raw_submissions_per_s=... */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "workload.h"

static sqlite3 *h;
static sqlite3_stmt *begin, *commit, *resp, *sent;

static void fail(const char *what)
{
	fprintf(stderr, "raw_submit: %s: %s\n", what, sqlite3_errmsg(h));
	exit(1);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
		fail(sql);
	return s;
}

static void exec(const char *sql)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail(sql);
}

static void step_done(sqlite3_stmt *s)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		fail("step");
	sqlite3_reset(s);
}

/* the place (items.position) of every perspective's statements in the
 * round's version */
static void item_places(wl_raw *o)
{
	sqlite3_stmt *s = prep("SELECT i.code, i.position FROM items i JOIN rounds r ON r.version_id = i.version_id"
			       " WHERE r.id = ?");
	sqlite3_bind_int64(s, 1, o->round);
	while (sqlite3_step(s) == SQLITE_ROW)
		wl_places_add(o, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1));
	sqlite3_finalize(s);
	wl_places_check(o);
}

static void submit(void *ctx, const char *perspective, const char *access, const char *resume,
		   const char *answers, int len)
{
	sqlite3_int64 round = *(const long long *)ctx;
	step_done(begin);
	sqlite3_bind_int64(resp, 1, round);
	sqlite3_bind_text(resp, 2, perspective, -1, SQLITE_STATIC);
	sqlite3_bind_text(resp, 3, access, -1, SQLITE_STATIC);
	sqlite3_bind_text(resp, 4, resume, -1, SQLITE_STATIC);
	step_done(resp);
	sqlite3_bind_text(sent, 1, answers, len, SQLITE_STATIC);
	sqlite3_bind_int64(sent, 2, sqlite3_last_insert_rowid(h));
	step_done(sent);
	step_done(commit);
}

int main(int argc, char **argv)
{
	static wl_raw o;
	wl_raw_args(argc, argv, "raw_submit", &o);
	if (sqlite3_open_v2(o.db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail(o.db);
	sqlite3_busy_timeout(h, 5000);
	exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
	item_places(&o);
	begin = prep("BEGIN IMMEDIATE");
	commit = prep("COMMIT");
	resp = prep("INSERT INTO responses (round_id, perspective, access_hash, resume_hash, lang)"
		    " VALUES (?, ?, ?, ?, 'nl')");
	sent = prep("UPDATE responses SET answers = ?, submitted = 1 WHERE id = ? AND submitted = 0");
	wl_raw_run(&o, submit, &o.round);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_finalize(resp);
	sqlite3_finalize(sent);
	sqlite3_close(h);
	return 0;
}
