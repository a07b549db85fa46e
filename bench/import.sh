# bench/import.sh - werkplaats import of 1M answers from CSV (20,000
# respondents x 50 statements, with its mapping) against sqlite3 .import of
# the same file, and of the same answers one per line. Whole processes,
# timed by farm-bench in turn (A B A B ...), each run on a fresh copy of the
# database. IMPORT_BIN names the binary whose import is timed (default: the
# binary under test). Sourced by bench/run.sh.

bench_import() {
	IMPORT_BIN=${IMPORT_BIN:-$BIN}
	if ! "$IMPORT_BIN" import --help >/dev/null 2>&1; then
		say "== import: skipped: $IMPORT_BIN has no import command; set IMPORT_BIN to a build that has"
		return 0
	fi
	command -v farm-bench >/dev/null || { say "== import: skipped: farm-bench is not on PATH"; return 0; }
	IMPORT_BIN=$(cd "$(dirname "$IMPORT_BIN")" && pwd)/$(basename "$IMPORT_BIN")
	say "== import: $IMPORT_BIN import, 1M answers from CSV, vs sqlite3 .import (farm-bench, ${IMPORT_RUNS:-5} runs in turn)"
	d="$WORK/import"
	mkdir -p "$d"
	"$IMPORT_BIN" demo --db "$d/template.db" >/dev/null || die "demo failed"
	round=$(sqlite3 "$d/template.db" "INSERT INTO rounds (workplace_id, version_id, title, opens_on,
		closes_on, k, open_token, created_at) SELECT workplace_id, version_id, 'Import', '2020-01-01',
		'2020-12-31', 5, 'bench-import-round', created_at FROM rounds WHERE id = 7 RETURNING id")
	say "  $("$PYTHON" bench/import_data.py instrument/los-pw.json "$d")"
	cat >"$d/ours.sh" <<SH
cp "$d/template.db" "$d/ours.db" && rm -f "$d/ours.db-wal" "$d/ours.db-shm" &&
exec "$IMPORT_BIN" import --db "$d/ours.db" --round $round --mapping "$d/mapping.json" "$d/wide.csv"
SH
	cat >"$d/wide.sh" <<SH
cp "$d/template.db" "$d/sq.db" && rm -f "$d/sq.db-wal" "$d/sq.db-shm" &&
exec sqlite3 "$d/sq.db" ".import --csv $d/wide.csv raw_wide"
SH
	cat >"$d/long.sh" <<SH
cp "$d/template.db" "$d/sq.db" && rm -f "$d/sq.db-wal" "$d/sq.db-shm" &&
exec sqlite3 "$d/sq.db" ".import --csv $d/long.csv raw_long"
SH
	for ref in wide long; do
		out=$(farm-bench -n "${IMPORT_RUNS:-5}" --timeout 900 --vs "sh $d/$ref.sh" -- sh "$d/ours.sh" 2>&1) ||
			die "farm-bench failed: $out"
		a=$(printf '%s\n' "$out" | awk '$1 == "A" && $2 == "wall" {print $4}')
		b=$(printf '%s\n' "$out" | awk '$1 == "B" && $2 == "wall" {print $4}')
		ab=$(printf '%s\n' "$out" | awk '$1 == "A/B" && $2 == "wall" {print $3}')
		n=$(sqlite3 "$d/ours.db" "SELECT COUNT(*) FROM answers a JOIN responses r ON r.id = a.response_id
			WHERE r.round_id = $round AND r.submitted = 1")
		[ "$n" = 1000000 ] || die "the import stored $n answers, not 1000000"
		say "  vs .import of $ref.csv: werkplaats import ${a}s, sqlite3 ${b}s (medians): A/B wall $ab"
		[ $ref = wide ] && IMPORT_WIDE=$ab
		[ $ref = long ] && IMPORT_LONG=$ab
	done
	say "import: time werkplaats import / sqlite3 .import = $IMPORT_WIDE (the wide file, 20,000 rows), $IMPORT_LONG (one answer per line, 1M rows)"
}
