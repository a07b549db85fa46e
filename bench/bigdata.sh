# bench/bigdata.sh - a country's worth of data (issue 23): a PostgreSQL
# database of 50 institutions x 40 workplaces, 20,000 rounds and about 10
# million answers (bench/bigdata.sql, at scale 1), and the views of one
# institution measured on it and on the same made at scale 0.1 (5
# institutions): its programme lead's overview of its 40 workplaces, one
# workplace's development page and its home page (whose benchmark reads
# every workplace's latest figures), and the research export. Each cold (the
# first request of a freshly started server: empty figures cache) and
# warm (the median of $BIGDATA_WARM more), with the server's VmRSS
# after them. The view's data is the same at both scales, so the ratios
# 1 / 0.1 should stay near 1.
#
# Not in the default `make bench` set (about 8 minutes, most of them the
# generation and the research export; the database is 112 MB at scale 1):
#   ONLY=bigdata sh bench/run.sh                     scales 0.1 and 1
#   BIGDATA_SCALES=0.1 ONLY=bigdata sh bench/run.sh  a quick look
# The cluster is bench/pg.sh's (pg_start: fsync on, in $WORK/pg) and goes
# with the run's cleanup, the SQLite copy with $WORK; sourced by
# bench/run.sh.

BIGDATA_SCALES=${BIGDATA_SCALES:-0.1 1}
BIGDATA_WARM=${BIGDATA_WARM:-7}
BIGDATA_INST=2 # the institution measured (1 also holds the demo's workplaces)

# Which institution's pages the bench reads: its programme lead's
# overview (the lead sees the institution's own workplaces), one of its
# workplaces, its researcher's export.
bigdata_paths() {
	nn=$(printf '%02d' "$BIGDATA_INST")
	BD_LEAD=lead-$nn@bench.example.org
	BD_RESEARCHER=research-$nn@bench.example.org
	BD_WORKPLACE=bd-$(printf '%05d' $(((BIGDATA_INST - 1) * 40 + 1)))
	BD_OVERVIEW=/overview
	BD_DEVELOPMENT=/pw/$BD_WORKPLACE/development
	BD_EXPORT=/research/export/answers-wide.csv
}

# bigdata_make SCALE NAME: a fresh database NAME made at SCALE; sets BD_URL
# and says how long it took and how big it is.
bigdata_make() {
	insts=$(awk -v s="$1" 'BEGIN {n = int(50 * s + 0.5); print (n < 2 ? 2 : n)}')
	sql_one "$PG_URL" "DROP DATABASE IF EXISTS $2" >/dev/null
	sql_one "$PG_URL" "CREATE DATABASE $2" >/dev/null || die "cannot create $2"
	BD_URL=$(pg_url "$2")
	t0=$(date +%s.%N)
	"$BIN" demo --db "$BD_URL" >/dev/null || die "werkplaats demo on PostgreSQL failed"
	t1=$(date +%s.%N)
	"$PSQL" -X -q -o /dev/null -v ON_ERROR_STOP=1 -v insts="$insts" -f bench/bigdata.sql "$BD_URL" ||
		die "bench/bigdata.sql failed"
	t2=$(date +%s.%N)
	sql_one "$BD_URL" "VACUUM ANALYZE" >/dev/null # tests/pg.sh clusters run no autovacuum
	t3=$(date +%s.%N)
	counts=$(sql_one "$BD_URL" "SELECT (SELECT count(*) FROM workplaces) || ' workplaces, '
		|| (SELECT count(*) FROM rounds) || ' rounds, ' || count(*) || ' responses, '
		|| sum(length(replace(answers, '.', ''))) || ' answers, '
		|| (SELECT count(*) FROM comments) || ' comments; database '
		|| pg_size_pretty(pg_database_size(current_database())) || ', responses with indexes '
		|| pg_size_pretty(pg_total_relation_size('responses')) FROM responses")
	say "  scale $1 ($insts institutions): $counts"
	say "  made in $(awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {printf "%.1f s (demo %.1f s, bigdata.sql %.1f s, VACUUM ANALYZE %.1f s)", d - a, b - a, c - b, d - c}')"
}

# bd_get PORT SESSION PATH: milliseconds of one GET, which must answer 200
bd_get() {
	out=$(curl -s -o "$WORK/bd-body" -w '%{http_code} %{time_total} %{size_download}' \
		-H "Cookie: wp_session=$2" "http://127.0.0.1:$1$3") || die "GET $3 failed"
	set -- $out
	[ "$1" = 200 ] || die "GET answered $1: $(head -c 300 "$WORK/bd-body")"
	BD_BYTES=$3
	awk -v t="$2" 'BEGIN {printf "%.1f\n", t * 1000}'
}

# bd_view NAME PATH SESSION: a fresh server; the first request (cold),
# then $BIGDATA_WARM more (warm: their median); sets BD_<NAME>_COLD,
# _WARM, _RSS (kB)
bd_view() {
	port=$(free_port) || exit 1
	start_server "$BD_URL" "$port"
	cold=$(bd_get "$port" "$3" "$2") || exit 1
	i=0
	: >"$WORK/bd-warm"
	while [ $i -lt "$BIGDATA_WARM" ]; do
		bd_get "$port" "$3" "$2" >>"$WORK/bd-warm" || exit 1
		i=$((i + 1))
	done
	warm=$(median <"$WORK/bd-warm")
	fastest=$(sort -g "$WORK/bd-warm" | head -1)
	rss=$(status_kb "$SERVER_PID" VmRSS)
	hwm=$(status_kb "$SERVER_PID" VmHWM)
	bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: wp_session=$3" "http://127.0.0.1:$port$2")
	stop_server
	say "  $1 $2: cold $cold ms, warm $warm ms (median of $BIGDATA_WARM; fastest $fastest ms), $bytes bytes; VmRSS $rss kB (peak $hwm kB)"
	eval "BD_${1}_COLD=\$cold BD_${1}_WARM=\$warm BD_${1}_RSS=\$rss"
}

# bd_measure SCALE STORE: the three views of institution $BIGDATA_INST on
# $BD_URL
bd_measure() {
	bigdata_paths "$BD_URL"
	port=$(free_port) || exit 1
	start_server "$BD_URL" "$port"
	lead=$(login "$port" "$BD_LEAD") || exit 1
	researcher=$(login "$port" "$BD_RESEARCHER") || exit 1
	stop_server
	rows=$(sql_one "$BD_URL" "SELECT count(*) FROM workplaces WHERE institution_id = $BIGDATA_INST")
	say "  $2: institution $BIGDATA_INST, $rows workplaces on its overview; workplace $BD_WORKPLACE"
	bd_view overview "$BD_OVERVIEW" "$lead" || exit 1
	bd_view development "$BD_DEVELOPMENT" "$lead" || exit 1
	bd_view workplace "/pw/$BD_WORKPLACE" "$lead" || exit 1
	BIGDATA_WARM=${BIGDATA_EXPORT_WARM:-3} bd_view export "$BD_EXPORT" "$researcher" || exit 1
	for v in overview development workplace export; do
		eval "echo \"$1 $2 $v \$BD_${v}_COLD \$BD_${v}_WARM \$BD_${v}_RSS\"" >>"$WORK/bd-results"
	done
}

bench_bigdata() {
	say "== bigdata: one institution's views on a database of 50 x scale institutions (40 workplaces, 400 rounds, ~200,000 answers each), scales $BIGDATA_SCALES; PostgreSQL, then a copy in SQLite (BIGDATA_SQLITE=0: not)"
	pg_start
	: >"$WORK/bd-results"
	stores=pg
	[ "${BIGDATA_SQLITE:-1}" = 0 ] || stores="pg sqlite"
	for s in $BIGDATA_SCALES; do
		name=bench_bigdata_$(printf '%s' "$s" | tr -c '0-9\n' '_')
		bigdata_make "$s" "$name" || exit 1
		pg=$BD_URL
		bd_measure "$s" pg || exit 1
		if [ "${BIGDATA_SQLITE:-1}" != 0 ]; then
			rm -f "$WORK/bigdata.db"
			t0=$(date +%s.%N)
			"$BIN" migrate-store --from "$pg" --to "$WORK/bigdata.db" >"$WORK/migrate.log" ||
				die "migrate-store failed: $(tail -3 "$WORK/migrate.log")"
			t1=$(date +%s.%N)
			say "  copied to SQLite (migrate-store, verified) in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s: $(du -k "$WORK/bigdata.db" | cut -f1) kB"
			BD_URL=$WORK/bigdata.db
			bd_measure "$s" sqlite || exit 1
			rm -f "$WORK/bigdata.db" "$WORK/bigdata.db-wal" "$WORK/bigdata.db-shm"
		fi
		sql_one "$PG_URL" "DROP DATABASE $name" >/dev/null
	done
	set -- $BIGDATA_SCALES
	[ $# -ge 2 ] || return 0
	small=$1 big=$2
	say "bigdata: ratios scale $big / scale $small (1.0: does not grow with the data around the view)"
	BIGDATA_SUMMARY=
	BIGDATA_RATIO_OF="$big / $small"
	for st in $stores; do
		for v in overview development workplace export; do
			a=$(awk -v s="$small" -v t="$st" -v v="$v" '$1 == s && $2 == t && $3 == v' "$WORK/bd-results")
			b=$(awk -v s="$big" -v t="$st" -v v="$v" '$1 == s && $2 == t && $3 == v' "$WORK/bd-results")
			set -- $a
			c0=$4 w0=$5 r0=$6
			set -- $b
			line="$st $v cold $(ratio "$4" "$c0"), warm $(ratio "$5" "$w0"), RSS $(ratio "$6" "$r0")"
			say "  $line (scale $big: cold $4 ms, warm $5 ms, RSS $6 kB)"
			[ "$st $v" = "pg overview" ] && BIGDATA_OVERVIEW_WARM=$5
			BIGDATA_SUMMARY="$BIGDATA_SUMMARY; $line"
		done
	done
	BIGDATA_SUMMARY=${BIGDATA_SUMMARY#; }
}
