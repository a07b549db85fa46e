# bench/reports.sh - the PDF report of the demo's largest round (the round
# with the most submitted responses) against the same round's HTML results
# page, as a logged-in member: time per request (median of 11 in a row,
# pairs in turn), the ratio PDF/HTML, the PDF's size (goal < 500 KB,
# < 150 ms), and the server's resident memory when 20 reports are
# requested at once, twice over (flat: the second burst must not grow
# it). Sourced by bench/run.sh.

# median_time URL COOKIE N: the median of N request times in ms
median_time() {
	i=0
	while [ "$i" -lt "$3" ]; do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: wp_session=$2" "$1"
		i=$((i + 1))
	done | median | awk '{printf "%.1f\n", $1 * 1000}'
}

# burst URL COOKIE N: N requests at once; fails unless every one is 200
burst() {
	seq "$3" | xargs -P "$3" -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: wp_session=$2" "$1" |
		grep -vc '^200$' | grep -qx 0
}

bench_reports() {
	say "== reports: the PDF report of the demo's largest round vs its HTML results page (member, median of 11 requests, $PAIRS pairs in turn)"
	db=$(fresh_db reports.db) || exit 1
	round=$(sql_one "$db" "SELECT round_id FROM responses WHERE submitted = 1 GROUP BY round_id ORDER BY COUNT(*) DESC, round_id LIMIT 1")
	n=$(sql_one "$db" "SELECT COUNT(*) FROM responses WHERE submitted = 1 AND round_id = $round")
	slug=$(sql_one "$db" "SELECT w.slug FROM rounds r JOIN workplaces w ON w.id = r.workplace_id WHERE r.id = $round")
	port=$(free_port) || exit 1
	start_server "$db" "$port"
	session=$(login "$port" lid@demo.example.org) || exit 1
	base="http://127.0.0.1:$port/pw/$slug/rounds/$round"
	code=$(curl -s -o "$WORK/report.pdf" -w '%{http_code}' -H "Cookie: wp_session=$session" "$base/report.pdf")
	[ "$code" = 200 ] || die "report.pdf answered $code"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: wp_session=$session" "$base/results")
	[ "$code" = 200 ] || die "results page answered $code"
	REP_BYTES=$(wc -c <"$WORK/report.pdf")
	say "  round $round of $slug: $n respondents; report $REP_BYTES bytes, $(pdfinfo "$WORK/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
	: >"$WORK/report-ratios"
	: >"$WORK/report-ms"
	pair=1
	while [ $pair -le "$PAIRS" ]; do
		pdf=$(median_time "$base/report.pdf" "$session" 11)
		page=$(median_time "$base/results" "$session" 11)
		r=$(ratio "$pdf" "$page")
		say "  pair $pair: report.pdf $pdf ms, results page $page ms: ratio $r"
		echo "$r" >>"$WORK/report-ratios"
		echo "$pdf" >>"$WORK/report-ms"
		pair=$((pair + 1))
	done
	REP_RATIO=$(median <"$WORK/report-ratios")
	REP_MS=$(median <"$WORK/report-ms")
	say "  memory (VmRSS of the server) while 20 reports are requested at once, ${BURSTS:-3} bursts:"
	before=$(status_kb "$SERVER_PID" VmRSS)
	REP_RSS="$before"
	b=1
	while [ $b -le "${BURSTS:-3}" ]; do
		burst "$base/report.pdf" "$session" 20 || die "a report of the burst was not 200"
		rss=$(status_kb "$SERVER_PID" VmRSS)
		say "    after burst $b: $rss kB (peak so far $(status_kb "$SERVER_PID" VmHWM) kB)"
		REP_RSS="$REP_RSS $rss"
		b=$((b + 1))
	done
	stop_server
	say "reports: PDF $REP_MS ms (goal < 150 ms), $REP_BYTES bytes (goal < 512000), median ratio PDF/HTML = $REP_RATIO; RSS kB before and after each burst of 20: $REP_RSS"
}
