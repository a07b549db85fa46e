/* raw_submit_pg.c - the raw PostgreSQL reference for the submissions
 * benchmark, raw_submit.c on libpq: the rows one questionnaire submission
 * stores (INSERT INTO responses ... RETURNING id, then one UPDATE that
 * stores its answers text and marks it sent), each submission in its own
 * transaction (BEGIN ... COMMIT), durable (synchronous_commit on: COMMIT
 * returns after the server's WAL flush; the cluster must run with fsync
 * on), one connection, statements prepared once and reused, parameters
 * bound. One round trip per statement, as a plain synchronous client
 * does. No HTTP, no validation, no checks.
 *
 *   raw_submit_pg --db postgresql://... [--round 7] [--seconds 10] [--instrument FILE]
 *
 * The database is one made by `werkplaats demo` (so the schema, its
 * constraints and indexes are the server's own). Prints one line:
 * raw_submissions_per_s=... */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "workload.h"

static PGconn *k;

static void fail(const char *what, PGresult *r)
{
	fprintf(stderr, "raw_submit_pg: %s: %s\n", what, r ? PQresultErrorMessage(r) : PQerrorMessage(k));
	exit(1);
}

static void prep(const char *name, const char *sql)
{
	PGresult *r = PQprepare(k, name, sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail(sql, r);
	PQclear(r);
}

/* Run the prepared statement name; its result (caller clears) must have
 * the status want. */
static PGresult *run(const char *name, int n, const char *const *values, ExecStatusType want)
{
	PGresult *r = PQexecPrepared(k, name, n, values, NULL, NULL, 0);
	if (PQresultStatus(r) != want)
		fail(name, r);
	return r;
}

static void run_clear(const char *name, int n, const char *const *values)
{
	PQclear(run(name, n, values, PGRES_COMMAND_OK));
}

/* the place (items.position) of every perspective's statements in the
 * round's version */
static void item_places(const char *round, wl_raw *o)
{
	prep("places", "SELECT i.code, i.position FROM items i JOIN rounds r ON r.version_id = i.version_id"
		       " WHERE r.id = $1");
	PGresult *r = run("places", 1, &round, PGRES_TUPLES_OK);
	for (int i = 0; i < PQntuples(r); i++)
		wl_places_add(o, PQgetvalue(r, i, 0), (int)strtol(PQgetvalue(r, i, 1), NULL, 10));
	PQclear(r);
	wl_places_check(o);
}

static void submit(void *ctx, const char *perspective, const char *access, const char *resume,
		   const char *answers, int len)
{
	(void)len; /* the text ends in a NUL */
	const char *round = ctx;
	run_clear("begin", 0, NULL);
	const char *row[] = {round, perspective, access, resume};
	PGresult *r = run("resp", 4, row, PGRES_TUPLES_OK);
	if (PQntuples(r) != 1)
		fail("INSERT ... RETURNING id gave no row", NULL);
	const char *upd[] = {answers, PQgetvalue(r, 0, 0)};
	run_clear("sent", 2, upd);
	PQclear(r);
	run_clear("commit", 0, NULL);
}

int main(int argc, char **argv)
{
	static wl_raw o;
	wl_raw_args(argc, argv, "raw_submit_pg", &o);
	k = PQconnectdb(o.db);
	if (PQstatus(k) != CONNECTION_OK)
		fail(o.db, NULL);
	PGresult *r = PQexec(k, "SET synchronous_commit = on");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail("synchronous_commit", r);
	PQclear(r);
	char round[24];
	snprintf(round, sizeof round, "%lld", o.round);
	item_places(round, &o);
	prep("begin", "BEGIN");
	prep("commit", "COMMIT");
	prep("resp", "INSERT INTO responses (round_id, perspective, access_hash, resume_hash, lang)"
		     " VALUES ($1, $2, $3, $4, 'nl') RETURNING id");
	prep("sent", "UPDATE responses SET answers = $1, submitted = 1 WHERE id = $2 AND submitted = 0");
	wl_raw_run(&o, submit, round);
	PQfinish(k);
	return 0;
}
