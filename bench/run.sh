#!/bin/sh
# bench/run.sh - `make bench`: every benchmark of docs/performance.md, each
# against its reference in the same run, reported as ratios.
#   PAIRS=5 SECONDS_EACH=5 ONLY="submissions results pages memory reports import pg-submissions pg-results pg-processes" sh bench/run.sh
# Not in the default set (minutes, GBs): ONLY=bigdata (bench/bigdata.sh).
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
. bench/submissions.sh
. bench/results.sh
. bench/pages.sh
. bench/memory.sh
. bench/reports.sh
. bench/import.sh
. bench/pg.sh
. bench/processes.sh
. bench/bigdata.sh

ONLY=${ONLY:-submissions results pages memory reports import pg-submissions pg-results pg-processes}
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
	stop_servers
	pg_destroy
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
say "bench: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $WORK"
for part in $ONLY; do
	"bench_$(printf '%s' "$part" | tr - _)"
	echo
done
say "== summary (ratios: median of pairs run in turn)"
[ -n "$SUB_RATIO" ] && say "submissions  HTTP/raw SQLite            $SUB_RATIO   (goal >= 1.5)"
[ -n "$RES_COLD" ] && say "results      SQL/ours cold, warm       $RES_COLD, $RES_WARM   (goal >= 20; analysis alone $RES_ANALYSIS)"
[ -n "$PAGE_RATIO" ] && say "pages        werkplaats/nginx          $PAGE_RATIO   (goal >= 0.7)"
[ -n "$MEM_IDLE" ] && say "memory       idle, loaded (kB)         $MEM_IDLE, $MEM_LOADED   (goal idle < 16384)"
[ -n "$REP_RATIO" ] && say "reports      PDF ms, bytes, PDF/HTML    $REP_MS, $REP_BYTES, $REP_RATIO   (goal < 150 ms, < 512000 bytes; RSS around bursts of 20: $REP_RSS kB)"
[ -n "$START_MS" ] && say "start        ms, ratio to nginx        $START_MS, $START_RATIO   (goal < 50 ms)"
[ -n "$PG_SUB_RATIO" ] && say "pg-submissions HTTP/raw libpq           $PG_SUB_RATIO   (goal >= 1.5)"
[ -n "$PG_RES_COLD" ] && say "pg-results   SQL/ours cold, warm       $PG_RES_COLD, $PG_RES_WARM   (goal cold >= 20; analysis alone $PG_RES_ANALYSIS)"
[ -n "$PROC_RATIO2" ] && say "pg-processes 2/1, 4/1 processes          $PROC_RATIO2, $PROC_RATIO4   (goal 2/1 >= 1.6)"
[ -n "$BIGDATA_SUMMARY" ] && say "bigdata      scale $BIGDATA_RATIO_OF: $BIGDATA_SUMMARY   (overview warm at the larger: $BIGDATA_OVERVIEW_WARM ms; goal < 50 ms)"
[ -n "$PROC_PAGE2" ] && say "pg-processes results page 2/1, 4/1       $PROC_PAGE2, $PROC_PAGE4"
[ -n "$IMPORT_WIDE" ] && say "import       time ours/sqlite3 .import  $IMPORT_WIDE (wide CSV), $IMPORT_LONG (long CSV)"
exit 0
