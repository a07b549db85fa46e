# bench/pages.sh - requests per second for the results page of a round of
# 10,000 respondents x 40 statements, as a logged-in member (wrk with the
# session cookie), against nginx serving a saved copy of the same bytes as
# a static file. Sourced by bench/run.sh.

bench_pages() {
	say "== pages: results overview as a member (wrk -t2 -c64, keep-alive) vs nginx serving the same bytes, $PAIRS pairs of ${SECONDS_EACH}s"
	db=$(fresh_db pages.db) || exit 1
	round=$(fill_round "$db" 10000 40) || exit 1
	port=$(free_port) || exit 1
	start_server "$db" "$port"
	session=$(login "$port" lid@demo.example.org) || exit 1
	url="http://127.0.0.1:$port/pw/leerafdeling-geriatrie/rounds/$round/results"
	mkdir -p "$WORK/www"
	first=$(curl -s -o "$WORK/www/results.html" -w '%{http_code} %{time_total}' -H "Cookie: wp_session=$session" "$url")
	[ "${first%% *}" = 200 ] || die "results page answered $first"
	bytes=$(wc -c <"$WORK/www/results.html")
	again=$(curl -s -o "$WORK/again.html" -w '%{time_total}' -H "Cookie: wp_session=$session" "$url")
	cmp -s "$WORK/www/results.html" "$WORK/again.html" || die "the second view differs from the first"
	say "  page: $bytes bytes; first view (figures computed, page rendered) ${first#* }s, second ${again}s"
	nport=$(free_port) || exit 1
	start_nginx "$WORK/www" "$nport"
	: >"$WORK/page-ratios"
	pair=1
	while [ $pair -le "$PAIRS" ]; do
		ours=$(wrk_rate "$url" -H "Cookie: wp_session=$session") || exit 1
		theirs=$(wrk_rate "http://127.0.0.1:$nport/results.html" -H "Cookie: wp_session=$session") || exit 1
		r=$(ratio "$ours" "$theirs")
		say "  pair $pair: werkplaats $ours req/s, nginx $theirs req/s: ratio $r"
		echo "$r" >>"$WORK/page-ratios"
		pair=$((pair + 1))
	done
	stop_nginx
	stop_server
	PAGE_RATIO=$(median <"$WORK/page-ratios")
	say "pages: median ratio werkplaats/nginx = $PAGE_RATIO (goal >= 0.7)"
}
