# bench/pg.sh - the submissions and results benchmarks with the store on
# PostgreSQL, each against PostgreSQL doing the same work by itself:
#   pg-submissions: bench/load.c against `werkplaats serve --db
#     postgresql://...` vs bench/raw_submit_pg.c (libpq, the same rows,
#     one durable transaction per submission), pairs in turn;
#   pg-results: results_load with an empty cache on the store on
#     PostgreSQL vs PostgreSQL's GROUP BY over the same answers as rows.
# One cluster per run (tests/pg.sh, in $WORK/pg) with fsync and
# full_page_writes on (WP_PG_FSYNC=on) and synchronous_commit on: both
# sides of a pair talk to the same server, over TCP on loopback. Sourced
# by bench/run.sh; run.sh's cleanup calls pg_destroy.

PG_DIR=$WORK/pg
PG_URL=

# Start the cluster once per run (installs PostgreSQL when missing) and
# make the demo database every fresh one is copied from.
pg_start() {
	[ -n "$PG_URL" ] && return 0
	PG_URL=$(WP_PG_FSYNC=on sh tests/pg.sh start "$PG_DIR") || die "tests/pg.sh start failed"
	PSQL=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
	settings=$(sql_one "$PG_URL" "SELECT current_setting('fsync') || ' ' || current_setting('full_page_writes')
		|| ' ' || current_setting('synchronous_commit') || ' ' || version()")
	case $settings in
	"on on on "*) ;;
	*) die "the bench cluster is not durable: fsync, full_page_writes, synchronous_commit = $settings" ;;
	esac
	say "  PostgreSQL at $PG_URL: fsync, full_page_writes and synchronous_commit on; ${settings#on on on }"
	sql_one "$PG_URL" "CREATE DATABASE bench_demo" >/dev/null || die "cannot create bench_demo"
	"$BIN" demo --db "$(pg_url bench_demo)" >/dev/null || die "werkplaats demo on PostgreSQL failed"
	sql_one "$(pg_url bench_demo)" "VACUUM ANALYZE" >/dev/null # autovacuum is off in tests/pg.sh's clusters
}

pg_destroy() {
	[ -n "$PG_URL" ] && sh tests/pg.sh destroy "$PG_DIR"
	PG_URL=
}

# pg_url NAME: the URL of database NAME on the bench cluster
pg_url() { printf '%s/%s\n' "${PG_URL%/*}" "$1"; }

# fresh_pg NAME: a fresh copy of the demo database (names are ours, not input)
fresh_pg() {
	sql_one "$PG_URL" "DROP DATABASE IF EXISTS bench_$1" >/dev/null || die "cannot drop bench_$1"
	sql_one "$PG_URL" "CREATE DATABASE bench_$1 TEMPLATE bench_demo" >/dev/null || die "cannot create bench_$1"
	pg_url "bench_$1"
}

bench_pg_submissions() {
	say "== pg-submissions: HTTP (load: $LOAD_THREADS threads x $LOAD_CONNS keep-alive connections) vs raw libpq, store on PostgreSQL, $PAIRS pairs of ${SECONDS_EACH}s"
	pg_start
	submission_pairs fresh_pg raw_submit_pg
	PG_SUB_RATIO=$SUB_MEDIAN
	say "pg-submissions: median ratio HTTP/raw = $PG_SUB_RATIO"
}

# pg_copy_round FILE URL: the SQLite file (demo + fill_round) into the
# empty PostgreSQL database URL: the store's tables by migrate-store
# (which verifies them), the reference's ref_answers by \copy (the
# schema's table list does not know it), then statistics for the planner.
pg_copy_round() {
	"$BIN" migrate-store --from "$1" --to "$2" >"$WORK/migrate.log" || die "migrate-store failed: $(tail -3 "$WORK/migrate.log")"
	sql_one "$2" "CREATE TABLE ref_answers (response_id BIGINT NOT NULL, item_id BIGINT NOT NULL,
		value BIGINT, PRIMARY KEY (response_id, item_id))" >/dev/null || die "cannot create ref_answers"
	sqlite3 -csv "$1" "SELECT response_id, item_id, value FROM ref_answers" |
		"$PSQL" -X -q -v ON_ERROR_STOP=1 "$2" -c "\\copy ref_answers FROM STDIN WITH (FORMAT csv)" ||
		die "cannot copy ref_answers"
	want=$(sqlite3 "$1" "SELECT count(*) || ' ' || count(value) || ' ' || sum(value) FROM ref_answers")
	got=$(sql_one "$2" "SELECT count(*) || ' ' || count(value) || ' ' || sum(value) FROM ref_answers")
	[ "$want" = "$got" ] || die "ref_answers on PostgreSQL: $got rows/values/sum, in SQLite $want"
	sql_one "$2" "VACUUM ANALYZE" >/dev/null
}

# pg_results_db: once per run, the database bench_results with a round of
# 10,000 respondents x 40 statements; sets PG_RESULTS_ROUND
PG_RESULTS_ROUND=
pg_results_db() {
	[ -n "$PG_RESULTS_ROUND" ] && return 0
	pg_start
	file=$(fresh_db pg-results.db) || exit 1
	PG_RESULTS_ROUND=$(fill_round "$file" 10000 40) || exit 1
	sql_one "$PG_URL" "DROP DATABASE IF EXISTS bench_results" >/dev/null
	sql_one "$PG_URL" "CREATE DATABASE bench_results" >/dev/null || die "cannot create bench_results"
	pg_copy_round "$file" "$(pg_url bench_results)"
}

bench_pg_results() {
	say "== pg-results: 10,000 respondents x 40 statements, full results on PostgreSQL vs PostgreSQL's GROUP BY (means, SDs), median of ${RESULT_REPS:-11}"
	pg_results_db
	results_time "$(pg_url bench_results)" "$PG_RESULTS_ROUND"
	PG_RES_COLD=$R_COLD PG_RES_ANALYSIS=$R_ANALYSIS PG_RES_WARM=$R_WARM
	say "pg-results: ratio sql/ours cold = $PG_RES_COLD, analysis alone = $PG_RES_ANALYSIS, warm = $PG_RES_WARM; every statement's n, mean and sd identical"
}
