/* results_bench.c - a round's full results against the database's plain
 * GROUP BY, on SQLite or PostgreSQL.
 *
 *   results_bench fill --db FILE [--respondents 10000] [--statements 40]
 *       adds a round to a demo database (the workplace and instrument
 *       version of round 7) with that many submitted responses, each
 *       answering the first N statements shown to its perspective (1..5,
 *       about one in twelve "don't know"); prints round=ID. The same
 *       answers go, one row each, into a table ref_answers laid out as
 *       SQLite would keep them plainly (schema v3's answers table: response,
 *       item, value, primary key on the first two): the reference reads
 *       that. SQLite only; bench/pg.sh copies the file to PostgreSQL
 *       (migrate-store, and ref_answers with \copy).
 *   results_bench time --db TARGET --round ID [--reps 7]
 *       TARGET an SQLite file or a postgresql:// URL (the store opens
 *       either; the reference then runs through libpq). Times, in turn and
 *       in one process (the store on one read connection, the reference on
 *       another):
 *       cold: the results as a first page view after a change computes them
 *             (results_load with an empty cache: round, store_round_matrix,
 *             analysis_compute);
 *       core: store_round_matrix + analysis_compute alone;
 *       analysis: analysis_compute alone, on the compact arrays in memory;
 *       warm: results_load when the cache holds the round's results;
 *       sql:  SELECT item_id, COUNT, AVG, SUM of squares ... GROUP BY item_id
 *             over ref_answers
 *             (means and standard deviations of every statement) and nothing
 *             else;
 *       checks that every statement's mean, sd and n agree between the two,
 *       and prints the medians and the ratios sql/cold and sql/warm. */
#include <libpq-fe.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "domain/analysis.h"
#include "figures/figures.h"
#include "store/db.h"
#include "store/store.h"
#include "web/app.h"
#include "web/results.h"

#define MAX_REPS 51

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void must(int rc, sqlite3 *h, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "results_bench: %s: %s\n", what, sqlite3_errmsg(h));
		exit(1);
	}
}

static uint64_t rng = 88172645463325252u;
static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 32);
}

/* ---- fill ---- */

typedef struct {
	int64_t id;
	int perspectives; /* bitmask, 0 = everyone */
	int place;        /* items.position: its character in responses.answers */
} item;

static int fill(const char *path, int respondents, int statements)
{
	sqlite3 *h;
	must(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), h, path);
	must(sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; BEGIN", NULL, NULL, NULL), h,
	     "begin");
	sqlite3_stmt *s;
	must(sqlite3_prepare_v2(h, "INSERT INTO rounds (workplace_id, version_id, title, opens_on, closes_on,"
				   " k, open_token, created_at) SELECT workplace_id, version_id, 'Benchmark',"
				   " '2020-01-01', '2020-12-31', 5, 'bench' || abs(random()), created_at"
				   " FROM rounds WHERE id = 7 RETURNING id, version_id",
				-1, &s, NULL),
	     h, "round");
	must(sqlite3_step(s), h, "round");
	int64_t round = sqlite3_column_int64(s, 0), version = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	item items[256];
	int n_items = 0, places = 0;
	must(sqlite3_prepare_v2(h, "SELECT id, perspectives, position, kind = 'scale' FROM items"
				   " WHERE version_id = ? ORDER BY position",
				-1, &s, NULL),
	     h, "items");
	sqlite3_bind_int64(s, 1, version);
	while (sqlite3_step(s) == SQLITE_ROW && n_items < 256) {
		places++;
		if (!sqlite3_column_int(s, 3))
			continue;
		items[n_items].id = sqlite3_column_int64(s, 0);
		items[n_items].place = sqlite3_column_int(s, 2);
		items[n_items++].perspectives = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	static const char *const codes[] = {"student", "professional", "teacher", "researcher",
					    "citizen", "manager", "other"};
	/* the perspectives shown at least `statements` statements */
	int usable[7], n_usable = 0;
	for (int p = 0; p < 7; p++) {
		int shown = 0;
		for (int i = 0; i < n_items; i++)
			shown += !items[i].perspectives || (items[i].perspectives & (1 << p));
		if (shown >= statements)
			usable[n_usable++] = p;
	}
	if (!n_usable) {
		fprintf(stderr, "results_bench: no perspective is shown %d statements\n", statements);
		return 1;
	}
	must(sqlite3_exec(h, "CREATE TABLE IF NOT EXISTS ref_answers (response_id INTEGER NOT NULL,"
			     " item_id INTEGER NOT NULL, value INTEGER, PRIMARY KEY (response_id, item_id))",
			  NULL, NULL, NULL),
	     h, "ref_answers");
	sqlite3_stmt *resp, *ans;
	must(sqlite3_prepare_v2(h, "INSERT INTO responses (round_id, perspective, access_hash, submitted, answers)"
				   " VALUES (?, ?, 'bench-' || ? || '-' || ?, 1, ?)",
				-1, &resp, NULL),
	     h, "responses");
	must(sqlite3_prepare_v2(h, "INSERT INTO ref_answers (response_id, item_id, value) VALUES (?, ?, ?)", -1,
				&ans, NULL),
	     h, "answers");
	long answers = 0;
	char text[257];
	for (int r = 0; r < respondents; r++) {
		int p = usable[next_rand() % (unsigned)n_usable];
		memset(text, '.', (size_t)places);
		text[places] = 0;
		int given = 0;
		unsigned value[256] = {0};
		for (int i = 0; i < n_items && given < statements; i++) {
			if (items[i].perspectives && !(items[i].perspectives & (1 << p)))
				continue;
			unsigned v = next_rand() % 12;
			value[i] = v == 11 ? 0 : 1 + v % 5;
			text[items[i].place] = (char)('0' + value[i]);
			value[i] |= 8; /* given */
			given++;
		}
		sqlite3_bind_int64(resp, 1, round);
		sqlite3_bind_text(resp, 2, codes[p], -1, SQLITE_STATIC);
		sqlite3_bind_int64(resp, 3, round);
		sqlite3_bind_int(resp, 4, r);
		sqlite3_bind_text(resp, 5, text, -1, SQLITE_TRANSIENT);
		must(sqlite3_step(resp), h, "response");
		sqlite3_reset(resp);
		int64_t rid = sqlite3_last_insert_rowid(h);
		for (int i = 0; i < n_items; i++) {
			if (!value[i])
				continue;
			sqlite3_bind_int64(ans, 1, rid);
			sqlite3_bind_int64(ans, 2, items[i].id);
			if (value[i] == 8)
				sqlite3_bind_null(ans, 3);
			else
				sqlite3_bind_int(ans, 3, (int)(value[i] & 7));
			must(sqlite3_step(ans), h, "answer");
			sqlite3_reset(ans);
			answers++;
		}
	}
	sqlite3_finalize(resp);
	sqlite3_finalize(ans);
	must(sqlite3_exec(h, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), h, "commit");
	sqlite3_close(h);
	printf("round=%lld respondents=%d answers=%ld\n", (long long)round, respondents, answers);
	return 0;
}

/* ---- time ---- */

typedef struct {
	int64_t item_id;
	int n;
	double mean, sd;
} sql_row;

/* The reference's connection: SQLite (read-only) or libpq. */
typedef struct {
	sqlite3 *lite;
	PGconn *pg;
} ref_db;

#define GROUP_BY(p)                                                                                  \
	"SELECT a.item_id, COUNT(a.value), AVG(a.value), SUM(a.value * a.value)"                     \
	" FROM ref_answers a JOIN responses r ON r.id = a.response_id"                               \
	" WHERE r.round_id = " p " AND r.submitted = 1 AND a.value IS NOT NULL GROUP BY a.item_id"

static void ref_open(ref_db *ref, const char *target)
{
	*ref = (ref_db){0};
	if (!db_target_is_postgres(target)) {
		must(sqlite3_open_v2(target, &ref->lite, SQLITE_OPEN_READONLY, NULL), ref->lite, target);
		return;
	}
	ref->pg = PQconnectdb(target);
	if (PQstatus(ref->pg) != CONNECTION_OK) {
		fprintf(stderr, "results_bench: %s", PQerrorMessage(ref->pg));
		exit(1);
	}
}

static void ref_close(ref_db *ref)
{
	sqlite3_close(ref->lite);
	PQfinish(ref->pg);
}

/* One statement's figures from its count, mean and sum of squares. */
static void set_row(sql_row *r, int64_t item_id, int n, double mean, double sumsq)
{
	r->item_id = item_id;
	r->n = n;
	r->mean = mean;
	r->sd = n > 1 ? sqrt((sumsq - n * mean * mean) / (n - 1)) : NAN;
}

static int sql_means_pg(PGconn *k, int64_t round, sql_row *out, int cap)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)round);
	const char *const values[] = {id};
	PGresult *r = PQexecParams(k, GROUP_BY("$1"), 1, NULL, values, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "results_bench: group by: %s", PQresultErrorMessage(r));
		exit(1);
	}
	int n = 0;
	for (; n < PQntuples(r) && n < cap; n++)
		set_row(&out[n], strtoll(PQgetvalue(r, n, 0), NULL, 10), (int)strtol(PQgetvalue(r, n, 1), NULL, 10),
			strtod(PQgetvalue(r, n, 2), NULL), strtod(PQgetvalue(r, n, 3), NULL));
	PQclear(r);
	return n;
}

static int sql_means(const ref_db *ref, int64_t round, sql_row *out, int cap)
{
	if (ref->pg)
		return sql_means_pg(ref->pg, round, out, cap);
	sqlite3 *h = ref->lite;
	sqlite3_stmt *s;
	must(sqlite3_prepare_v2(h, GROUP_BY("?"), -1, &s, NULL), h, "group by");
	sqlite3_bind_int64(s, 1, round);
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW && n < cap) {
		set_row(&out[n++], sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1), sqlite3_column_double(s, 2),
			sqlite3_column_double(s, 3));
	}
	sqlite3_finalize(s);
	return n;
}

static req *new_req(const app *ap, store *st, workplace *wp)
{
	req *r = calloc(1, sizeof *r);
	r->a = arena_new();
	r->app = ap;
	r->st = st;
	r->wp = wp;
	r->status = 200;
	return r;
}

static void end_req(req *r)
{
	for (struct req_cleanup *cl = r->cleanup; cl; cl = cl->next)
		cl->fn(cl->p);
	arena_free(r->a);
	free(r);
}

/* Every statement's figures agree: returns the number compared. */
static int compare(const round_results *rr, const sql_row *sq, int n_sql)
{
	int compared = 0;
	for (int i = 0; i < rr->n_items; i++) {
		const analysis_cell *t = &rr->res->items[i].total;
		const sql_row *s = NULL;
		for (int j = 0; j < n_sql; j++)
			if (sq[j].item_id == rr->item_ids[i])
				s = &sq[j];
		if (!s && t->n == 0)
			continue;
		double mean = s ? (rr->items[i].reverse ? 6 - s->mean : s->mean) : NAN;
		if (!s || s->n != t->n || fabs(mean - t->mean) > 1e-9 || fabs(s->sd - t->sd) > 1e-9) {
			fprintf(stderr, "results_bench: statement %lld differs: sql n=%d mean=%.12f sd=%.12f,"
					" analysis n=%d mean=%.12f sd=%.12f\n",
				(long long)rr->item_ids[i], s ? s->n : 0, mean, s ? s->sd : NAN, t->n, t->mean,
				t->sd);
			exit(1);
		}
		compared++;
	}
	return compared;
}

static int time_round(const char *path, int64_t round, int reps)
{
	char *err = NULL;
	store *st = store_open_existing(path, true, &err);
	if (!st) {
		fprintf(stderr, "results_bench: %s\n", err);
		return 1;
	}
	ref_db ref;
	ref_open(&ref, path);
	app ap = {0};
	arena *a = arena_new();
	mround rd;
	if (store_begin_read(st) != ST_OK || store_round_get(st, a, round, &rd) != ST_OK) {
		fprintf(stderr, "results_bench: no round %lld\n", (long long)round);
		return 1;
	}
	workplace wp = {.id = rd.workplace_id};
	double cold[MAX_REPS], core[MAX_REPS], anal[MAX_REPS], warm[MAX_REPS], sql[MAX_REPS];
	static sql_row sq[512];
	int n_sql = 0, compared = 0, respondents = 0;
	for (int k = 0; k < reps; k++) {
		/* cold: as the first page view after a change */
		figures_cache_free();
		req *r = new_req(&ap, st, &wp);
		round_results rr;
		double t0 = now();
		if (!results_load(r, round, &rr)) {
			fprintf(stderr, "results_bench: results_load failed\n");
			return 1;
		}
		cold[k] = now() - t0;
		respondents = rr.res->n_respondents;

		/* core: reading the answers and the analysis alone */
		arena *ca = arena_new();
		analysis_input ai = {.n_items = rr.n_items, .items = rr.items, .k = rr.rd.k};
		uint8_t *persp;
		int8_t *answers;
		t0 = now();
		if (store_round_matrix(st, ca, round, rr.item_ids, rr.n_items, &ai.n_respondents, &persp,
				       &answers) != ST_OK) {
			fprintf(stderr, "results_bench: store_round_matrix failed\n");
			return 1;
		}
		ai.perspective = persp;
		ai.answers = answers;
		double t1 = now();
		analysis_result *res = analysis_compute(&ai, NULL);
		core[k] = now() - t0;
		anal[k] = now() - t1;
		analysis_free(res);
		arena_free(ca);

		/* warm: the cache holds them */
		req *w = new_req(&ap, st, &wp);
		round_results wr;
		t0 = now();
		if (!results_load(w, round, &wr) || wr.res != rr.res) {
			fprintf(stderr, "results_bench: the warm load did not hit the cache\n");
			return 1;
		}
		warm[k] = now() - t0;
		end_req(w);

		/* the reference: SQLite's GROUP BY */
		t0 = now();
		n_sql = sql_means(&ref, round, sq, 512);
		sql[k] = now() - t0;
		compared = compare(&rr, sq, n_sql);
		end_req(r);
	}
	double mc = median(cold, reps), mo = median(core, reps), ma = median(anal, reps), mw = median(warm, reps),
	       ms = median(sql, reps);
	printf("respondents=%d statements_compared=%d reps=%d cold_ms=%.3f core_ms=%.3f analysis_ms=%.3f"
	       " warm_ms=%.4f sql_ms=%.3f ratio_cold=%.1f ratio_core=%.1f ratio_analysis=%.0f ratio_warm=%.0f\n",
	       respondents, compared, reps, mc * 1e3, mo * 1e3, ma * 1e3, mw * 1e3, ms * 1e3, ms / mc, ms / mo,
	       ms / ma, ms / mw);
	figures_cache_free();
	survey_cache_free();
	arena_free(a);
	store_close(st);
	ref_close(&ref);
	return 0;
}

int main(int argc, char **argv)
{
	const char *target = NULL;
	int respondents = 10000, statements = 40, reps = 7;
	int64_t round = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: results_bench fill|time --db FILE|URL [--respondents N] [--statements N]"
				" [--round ID] [--reps N]\n");
		return 2;
	}
	for (int i = 2; i + 1 < argc; i += 2) {
		long v = strtol(argv[i + 1], NULL, 10);
		if (strcmp(argv[i], "--db") == 0)
			target = argv[i + 1];
		else if (strcmp(argv[i], "--respondents") == 0)
			respondents = (int)v;
		else if (strcmp(argv[i], "--statements") == 0)
			statements = (int)v;
		else if (strcmp(argv[i], "--round") == 0)
			round = v;
		else if (strcmp(argv[i], "--reps") == 0)
			reps = v < 1 ? 1 : v > MAX_REPS ? MAX_REPS : (int)v;
	}
	if (!target)
		return 2;
	if (strcmp(argv[1], "fill") == 0)
		return fill(target, respondents, statements);
	if (strcmp(argv[1], "time") == 0 && round > 0)
		return time_round(target, round, reps);
	return 2;
}
