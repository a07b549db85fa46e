# bench/submissions.sh - durable questionnaire submissions per second
# through HTTP (bench/load.c against `werkplaats serve`) against the raw
# database storing the same rows, one durable transaction per submission:
# on SQLite (bench/raw_submit.c, synchronous=FULL) and, in bench/pg.sh, on
# PostgreSQL (bench/raw_submit_pg.c). Sourced by bench/run.sh.

LOAD_THREADS=${LOAD_THREADS:-2}
LOAD_CONNS=${LOAD_CONNS:-32}     # per load thread
SERVE_THREADS=${SERVE_THREADS:-} # empty: the server's default

# submission_pairs FRESH RAW: $PAIRS pairs in turn, each on fresh copies of
# the demo database made by the function FRESH NAME (it prints the --db
# target), the raw reference being the tool $B/RAW; sets SUB_MEDIAN.
submission_pairs() {
	: >"$WORK/sub-ratios"
	pair=1
	while [ $pair -le "$PAIRS" ]; do
		db=$("$1" raw) || exit 1
		raw=$("$B/$2" --db "$db" --seconds "$SECONDS_EACH") || die "$2 failed"
		db=$("$1" http) || exit 1
		port=$(free_port) || exit 1
		# load.c is a script sending through one open link as fast as it
		# can, which the link's limits stop (src/domain/open_link.h):
		# lifted here, where the point is the server's speed
		start_server "$db" "$port" ${SERVE_THREADS:+--threads "$SERVE_THREADS"} \
			--open-link-starts-per-10min 1000000000 --open-link-submits-per-10min 1000000000
		http=$("$B/load" --port "$port" --threads "$LOAD_THREADS" --conns "$LOAD_CONNS" \
			--seconds "$SECONDS_EACH" --warmup 1) || die "load failed"
		stop_server
		check=$(sql_one "$db" "SELECT count(*) FROM responses r WHERE submitted = 1 AND round_id = 7
			AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id)")
		[ "$check" = 0 ] || die "$check submitted responses without answers"
		r=$(ratio "$(field submissions_per_s "$http")" "$(field raw_submissions_per_s "$raw")")
		say "  pair $pair: http $(field submissions_per_s "$http")/s (errors $(field errors "$http"), p50 $(field p50_ms "$http") ms, p99 $(field p99_ms "$http") ms), raw $(field raw_submissions_per_s "$raw")/s: ratio $r"
		echo "$r" >>"$WORK/sub-ratios"
		pair=$((pair + 1))
	done
	SUB_MEDIAN=$(median <"$WORK/sub-ratios")
}

fresh_sqlite() { fresh_db "$1.db"; }

bench_submissions() {
	say "== submissions: HTTP (load: $LOAD_THREADS threads x $LOAD_CONNS keep-alive connections) vs raw SQLite, $PAIRS pairs of ${SECONDS_EACH}s"
	submission_pairs fresh_sqlite raw_submit
	SUB_RATIO=$SUB_MEDIAN
	say "submissions: median ratio HTTP/raw = $SUB_RATIO (goal >= 1.5)"
}
