/* raw_submit.c - the raw SQLite reference for the submissions benchmark:
 * the rows one questionnaire submission stores (one response row, then
 * its answers as the one text a response keeps and the mark that it is
 * sent, in one update), each submission in its own
 * transaction, durable (WAL, synchronous=FULL, as the server runs), one
 * writer, prepared statements reused. No HTTP, no validation, no checks.
 *
 *   raw_submit --db FILE [--round 7] [--seconds 10] [--instrument FILE]
 *
 * FILE is a database made by `werkplaats demo` (or init), so the schema,
 * its constraints and indexes are the server's own. Prints one line:
 * raw_submissions_per_s=... */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload.h"

static sqlite3 *h;

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
 * round's version; returns the number of places */
static int item_places(int64_t round, const wl_perspective *wl, int places[WL_PERSPECTIVES][WL_MAX_ITEMS])
{
	sqlite3_stmt *s = prep("SELECT i.position FROM items i JOIN rounds r ON r.version_id = i.version_id"
			       " WHERE r.id = ? AND i.code = ?");
	for (int p = 0; p < WL_PERSPECTIVES; p++)
		for (int i = 0; i < wl[p].n; i++) {
			sqlite3_bind_int64(s, 1, round);
			sqlite3_bind_text(s, 2, wl[p].ids[i], -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_ROW) {
				fprintf(stderr, "raw_submit: round %lld has no statement %s\n", (long long)round,
					wl[p].ids[i]);
				exit(1);
			}
			places[p][i] = sqlite3_column_int(s, 0);
			sqlite3_reset(s);
		}
	sqlite3_finalize(s);
	s = prep("SELECT COUNT(*) FROM items i JOIN rounds r ON r.version_id = i.version_id WHERE r.id = ?");
	sqlite3_bind_int64(s, 1, round);
	if (sqlite3_step(s) != SQLITE_ROW)
		fail("count items");
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (n > 4 * WL_MAX_ITEMS)
		fail("too many items");
	return n;
}

static void hex_token(uint64_t *rng, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 64; i++) {
		wl_value(rng);
		out[i] = hex[(*rng >> 20) & 15];
	}
	out[64] = 0;
}

int main(int argc, char **argv)
{
	const char *dbpath = NULL, *instr = "instrument/los-pw.json";
	int64_t round = 7;
	double seconds = 10;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--db") == 0)
			dbpath = argv[i + 1];
		else if (strcmp(argv[i], "--round") == 0)
			round = strtoll(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--seconds") == 0)
			seconds = strtod(argv[i + 1], NULL);
		else if (strcmp(argv[i], "--instrument") == 0)
			instr = argv[i + 1];
	}
	if (!dbpath) {
		fprintf(stderr, "usage: raw_submit --db FILE [--round ID] [--seconds S] [--instrument FILE]\n");
		return 2;
	}
	static wl_perspective wl[WL_PERSPECTIVES];
	static int places[WL_PERSPECTIVES][WL_MAX_ITEMS];
	wl_load(instr, wl);
	if (sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail(dbpath);
	sqlite3_busy_timeout(h, 5000);
	exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
	int n_places = item_places(round, wl, places);

	sqlite3_stmt *begin = prep("BEGIN IMMEDIATE"), *commit = prep("COMMIT");
	sqlite3_stmt *resp = prep("INSERT INTO responses (round_id, perspective, access_hash, resume_hash, lang)"
				  " VALUES (?, ?, ?, ?, 'nl')");
	sqlite3_stmt *sent = prep("UPDATE responses SET answers = ?, submitted = 1 WHERE id = ? AND submitted = 0");
	uint64_t rng = 42, n = 0;
	long answers = 0;
	char access[65], resume[65], text[4 * WL_MAX_ITEMS + 1];
	double t0 = wl_now(), t = t0;
	while (t - t0 < seconds) {
		int p = wl_persp_of(n);
		step_done(begin);
		hex_token(&rng, access);
		hex_token(&rng, resume);
		sqlite3_bind_int64(resp, 1, round);
		sqlite3_bind_text(resp, 2, wl[p].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(resp, 3, access, -1, SQLITE_STATIC);
		sqlite3_bind_text(resp, 4, resume, -1, SQLITE_STATIC);
		step_done(resp);
		int64_t id = sqlite3_last_insert_rowid(h);
		memset(text, '.', (size_t)n_places);
		text[n_places] = 0;
		for (int i = 0; i < wl[p].n; i++)
			text[places[p][i]] = (char)('0' + wl_value(&rng));
		answers += wl[p].n;
		sqlite3_bind_text(sent, 1, text, n_places, SQLITE_STATIC);
		sqlite3_bind_int64(sent, 2, id);
		step_done(sent);
		step_done(commit);
		n++;
		t = wl_now();
	}
	double el = t - t0;
	printf("raw_submissions_per_s=%.0f submissions=%llu answers=%ld seconds=%.2f\n", (double)n / el,
	       (unsigned long long)n, answers, el);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_finalize(resp);
	sqlite3_finalize(sent);
	sqlite3_close(h);
	return 0;
}
