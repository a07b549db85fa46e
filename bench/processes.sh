# bench/processes.sh - several `werkplaats serve` processes on one
# PostgreSQL database behind nginx (docs/deployment.md, "Several
# servers"), issue 23: durable questionnaire submissions per second
# (bench/load.c through nginx) with 1, 2 and 4 processes, each count on a
# fresh copy of the demo database, in turn PAIRS times; the ratios of 2
# and 4 processes to 1. Then the results page of pages.sh (a round of
# 10,000 respondents x 40 statements, as a member, wrk through nginx)
# with 1, 2 and 4 processes on pg.sh's bench_results, the same way.
# Sourced by bench/run.sh (ONLY=pg-processes); needs pg.sh's cluster and
# nginx.

PROC_PIDS=

# start_servers URL N: N servers, each on a port the kernel picked (sets
# PROC_PORTS), with the open link's limits lifted (load.c is one script
# sending as fast as it can)
start_servers() {
	PROC_PIDS=
	PROC_PORTS=
	i=0
	while [ $i -lt "$2" ]; do
		port=$(free_port) || exit 1
		[ "$(listeners "$port")" -eq 0 ] || die "port $port is taken"
		PROC_PORTS="$PROC_PORTS $port"
		"$BIN" serve --db "$1" --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 \
			--open-link-starts-per-10min 1000000000 --open-link-submits-per-10min 1000000000 \
			2>>"$WORK/servers.log" &
		PROC_PIDS="$PROC_PIDS $!"
		tries=0
		while ! curl -s -o /dev/null "http://127.0.0.1:$port/login"; do
			tries=$((tries + 1))
			[ $tries -lt 500 ] || die "server $i did not start: $(tail -3 "$WORK/servers.log")"
			sleep 0.01
		done
		i=$((i + 1))
	done
}

stop_servers() {
	for pid in $PROC_PIDS; do kill "$pid" 2>/dev/null; done
	for pid in $PROC_PIDS; do wait "$pid" 2>/dev/null; done
	PROC_PIDS=
}

# start_proxy PORT: nginx in front of the servers on PROC_PORTS, keeping
# connections to them open (as docs/deployment.md's configuration does)
start_proxy() {
	mkdir -p "$WORK/nginx/logs"
	upstream=""
	for p in $PROC_PORTS; do
		upstream="$upstream server 127.0.0.1:$p;"
	done
	cat >"$WORK/nginx/nginx.conf" <<NGX
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
daemon off;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	fastcgi_temp_path $WORK/nginx/fastcgi;
	uwsgi_temp_path $WORK/nginx/uwsgi;
	scgi_temp_path $WORK/nginx/scgi;
	keepalive_requests 1000000;
	upstream werkplaats { $upstream keepalive 128; }
	server {
		listen 127.0.0.1:$1;
		location / {
			proxy_pass http://werkplaats;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$remote_addr;
		}
	}
}
NGX
	[ "$(listeners "$1")" -eq 0 ] || die "port $1 is taken"
	nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
	NGINX_PID=$!
	tries=0
	while ! curl -s -o /dev/null "http://127.0.0.1:$1/login"; do
		tries=$((tries + 1))
		[ $tries -lt 500 ] || die "nginx did not start: $(cat "$WORK/nginx/logs/error.log")"
		sleep 0.01
	done
}

# processes_rate N: submissions/s through nginx with N servers, fresh database
processes_rate() {
	url=$(fresh_pg processes) || exit 1
	start_servers "$url" "$1"
	proxy=$(free_port) || exit 1
	start_proxy "$proxy"
	out=$("$B/load" --port "$proxy" --threads "$LOAD_THREADS" --conns "$LOAD_CONNS" --seconds "$SECONDS_EACH" \
		--warmup 1) || die "load failed"
	stop_nginx
	stop_servers
	[ "$(field errors "$out")" = 0 ] || die "$1 processes: $(field errors "$out") errors"
	field submissions_per_s "$out"
}

# processes_page_rate N: results-page requests/s through nginx with N
# servers on bench_results (a session made once, kept in the database)
PROC_SESSION=
processes_page_rate() {
	start_servers "$(pg_url bench_results)" "$1"
	proxy=$(free_port) || exit 1
	start_proxy "$proxy"
	[ -n "$PROC_SESSION" ] || PROC_SESSION=$(login "$proxy" lid@demo.example.org) || exit 1
	url="http://127.0.0.1:$proxy/pw/leerafdeling-geriatrie/rounds/$PG_RESULTS_ROUND/results"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: wp_session=$PROC_SESSION" "$url")
	[ "$code" = 200 ] || die "the results page through nginx answered $code"
	rate=$(wrk_rate "$url" -H "Cookie: wp_session=$PROC_SESSION") || exit 1
	stop_nginx
	stop_servers
	printf '%s\n' "$rate"
}

# processes_rounds RATE UNIT FILE: $PAIRS rounds of RATE (a function of the
# number of processes) with 1, 2 and 4 processes; the median ratios 2/1 and
# 4/1 land in $WORK/FILE-2 and $WORK/FILE-4.
processes_rounds() {
	: >"$WORK/$3-2" && : >"$WORK/$3-4"
	r=1
	while [ $r -le "$PAIRS" ]; do
		one=$($1 1) || exit 1
		two=$($1 2) || exit 1
		four=$($1 4) || exit 1
		say "  round $r: 1 process ${one}$2, 2 processes ${two}$2, 4 processes ${four}$2: ratios $(ratio "$two" "$one"), $(ratio "$four" "$one")"
		ratio "$two" "$one" >>"$WORK/$3-2"
		ratio "$four" "$one" >>"$WORK/$3-4"
		r=$((r + 1))
	done
}

bench_pg_processes() {
	say "== pg-processes: submissions through nginx with 1, 2 and 4 werkplaats processes on one PostgreSQL database, $PAIRS rounds of ${SECONDS_EACH}s each"
	pg_start
	command -v nginx >/dev/null || die "nginx is missing (make bench installs it)"
	processes_rounds processes_rate /s proc || exit 1
	PROC_RATIO2=$(median <"$WORK/proc-2")
	PROC_RATIO4=$(median <"$WORK/proc-4")
	say "pg-processes: median ratios 2/1 = $PROC_RATIO2 (goal >= 1.6), 4/1 = $PROC_RATIO4"
	say "== pg-processes: the results page (10,000 respondents x 40 statements) through nginx with 1, 2 and 4 processes, $PAIRS rounds"
	pg_results_db
	processes_rounds processes_page_rate " req/s" page || exit 1
	PROC_PAGE2=$(median <"$WORK/page-2")
	PROC_PAGE4=$(median <"$WORK/page-4")
	say "pg-processes: results page, median ratios 2/1 = $PROC_PAGE2, 4/1 = $PROC_PAGE4"
}
