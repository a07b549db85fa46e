# bench/memory.sh - resident memory idle and with a round of 20,000
# respondents x 50 answers (1M answers) whose results were computed; the
# time from start to the first answered request, against nginx's. Sourced
# by bench/run.sh.

status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

bench_memory() {
	say "== memory: resident set of werkplaats serve (default 8 threads), from /proc/PID/status"
	db=$(fresh_db memory.db) || exit 1
	port=$(free_port) || exit 1
	start_server "$db" "$port"
	curl -s -o /dev/null "http://127.0.0.1:$port/login"
	MEM_IDLE=$(status_kb "$SERVER_PID" VmRSS)
	say "  idle (demo database, after one page): ${MEM_IDLE} kB, of which $(status_kb "$SERVER_PID" RssAnon) kB anonymous (the rest: the program and its shared libraries)"
	stop_server
	round=$(fill_round "$db" 20000 50) || exit 1
	answers=$(sqlite3 "$db" "SELECT COUNT(*) FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.round_id = $round")
	start_server "$db" "$port"
	session=$(login "$port" lid@demo.example.org) || exit 1
	login_peak=$(status_kb "$SERVER_PID" VmHWM)
	echo 5 >"/proc/$SERVER_PID/clear_refs" # the peak from here on
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: wp_session=$session" \
		"http://127.0.0.1:$port/pw/leerafdeling-geriatrie/rounds/$round/results")
	[ "$code" = 200 ] || die "results page answered $code"
	MEM_LOADED=$(status_kb "$SERVER_PID" VmRSS)
	MEM_PEAK=$(status_kb "$SERVER_PID" VmHWM)
	say "  with a round of 20,000 x 50 ($answers answers), results computed and cached: ${MEM_LOADED} kB, of which $(status_kb "$SERVER_PID" RssAnon) kB anonymous; peak while computing ${MEM_PEAK} kB"
	say "  (peak at the login before: ${login_peak} kB: Argon2id hashes the password in 64 MiB)"
	stop_server
	say "memory: idle $MEM_IDLE kB (goal < 16384 kB); loaded $MEM_LOADED kB"

	say "== start: from exec to the first answered request (GET /login; nginx: GET /), median of 21, in turn"
	mkdir -p "$WORK/www"
	echo ok >"$WORK/www/index.html"
	: >"$WORK/start-ratios"
	pair=1
	while [ $pair -le 3 ]; do
		ours=$("$B/startup" --port "$port" --path /login --runs 21 -- "$BIN" serve --db "$db" \
			--listen "127.0.0.1:$port" 2>/dev/null) || die "startup failed"
		nport=$(free_port) || exit 1
		start_nginx "$WORK/www" "$nport"
		stop_nginx
		theirs=$("$B/startup" --port "$nport" --path / --runs 21 -- nginx -p "$WORK/nginx" \
			-c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log") || die "startup (nginx) failed"
		r=$(ratio "$(field start_ms "$ours")" "$(field start_ms "$theirs")")
		say "  werkplaats $ours; nginx $theirs: ratio $r"
		START_MS=$(field start_ms "$ours")
		echo "$r" >>"$WORK/start-ratios"
		pair=$((pair + 1))
	done
	START_RATIO=$(median <"$WORK/start-ratios")
	say "start: werkplaats ${START_MS} ms (goal < 50 ms; with the 20,000-respondent round in the database), median ratio werkplaats/nginx = $START_RATIO"
}
