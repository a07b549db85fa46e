# bench/lib.sh - helpers shared by the benchmark scripts (POSIX sh, sourced).
# Every benchmark runs its reference in the same run, in turn with the
# measured command (A B A B ...), and reports the median of the pair-wise
# ratios: the machine is shared and noisy, so absolute figures drift.

BIN=${BIN:-./werkplaats}
B=${B:-build/bench}
WORK=${WORK:-$(mktemp -d /tmp/wp-bench.XXXXXX)}
chmod 755 "$WORK" # nginx's workers run as nobody and read the pages from here
PAIRS=${PAIRS:-5}
SECONDS_EACH=${SECONDS_EACH:-5}
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

say() { printf '%s\n' "$*"; }
# In a command substitution die only leaves the subshell: callers write
# x=$(...) || exit 1.
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# A loopback port nobody listens on (the kernel picks it). The server sets
# SO_REUSEPORT, so a port already taken would silently share connections
# with someone else's server: check that ours is the only listener.
free_port() {
	"$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

listeners() { ss -ltnH "sport = :$1" 2>/dev/null | wc -l; }

# start_server DB PORT [serve options...]: sets SERVER_PID; waits until it
# answers. Its log goes to $WORK/server.log.
start_server() {
	db=$1; port=$2; shift 2
	[ "$(listeners "$port")" -eq 0 ] || die "port $port is taken"
	"$BIN" serve --db "$db" --listen "127.0.0.1:$port" "$@" 2>"$WORK/server.log" &
	SERVER_PID=$!
	tries=0
	while ! curl -s -o /dev/null "http://127.0.0.1:$port/login"; do
		tries=$((tries + 1))
		[ $tries -lt 500 ] || die "server did not start: $(tail -3 "$WORK/server.log")"
		kill -0 "$SERVER_PID" 2>/dev/null || die "server exited: $(tail -3 "$WORK/server.log")"
		sleep 0.01
	done
	[ "$(listeners "$port")" -eq 1 ] || die "another process listens on port $port too"
}

stop_server() {
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
}

# field NAME LINE: the value of NAME=... in a line of key=value pairs
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# ratio A B with 2 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b==0) print "nan"; else printf "%.2f\n", a/b}'; }

# fresh_db NAME: a copy of the demo database made once per run
fresh_db() {
	if [ ! -f "$WORK/demo-template.db" ]; then
		"$BIN" demo --db "$WORK/demo-template.db" >/dev/null || die "werkplaats demo failed"
	fi
	rm -f "$WORK/$1" "$WORK/$1-wal" "$WORK/$1-shm"
	cp "$WORK/demo-template.db" "$WORK/$1"
	printf '%s\n' "$WORK/$1"
}

# sql_one DB SQL: the result of one query (unaligned, no header) on an
# SQLite file or a postgresql:// URL (psql from bench/pg.sh)
sql_one() {
	case $1 in
	postgresql://*) PGOPTIONS="-c client_min_messages=warning" "${PSQL:-psql}" -X -A -t -q -v ON_ERROR_STOP=1 "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

# login PORT EMAIL: prints the wp_session cookie of a fresh login (the
# demo password); the welcome page gives the wp_anon cookie and the CSRF
# token the form needs.
login() {
	jar="$WORK/jar.$$"
	rm -f "$jar"
	csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$1/login" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "email=$2" \
		--data-urlencode "password=werkplaats-demo" --data-urlencode "csrf=$csrf" "http://127.0.0.1:$1/login")
	[ "$code" = 303 ] || die "login as $2 answered $code"
	awk '$6 == "wp_session" {print $7}' "$jar"
}

# fill_round DB RESPONDENTS STATEMENTS: adds a round of submitted responses
# to a demo database; prints its id
fill_round() {
	out=$("$B/results_bench" fill --db "$1" --respondents "$2" --statements "$3") || die "fill failed"
	field round "$out"
}

# start_nginx ROOT PORT: nginx from Debian with a prefix, configuration and
# error log of its own, serving ROOT on loopback; sets NGINX_PID
start_nginx() {
	mkdir -p "$WORK/nginx/logs"
	cat >"$WORK/nginx/nginx.conf" <<NGX
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log $WORK/nginx/logs/access.log;
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	fastcgi_temp_path $WORK/nginx/fastcgi;
	uwsgi_temp_path $WORK/nginx/uwsgi;
	scgi_temp_path $WORK/nginx/scgi;
	types { text/html html; }
	keepalive_requests 1000000;
	server { listen 127.0.0.1:$2; root $1; }
}
NGX
	[ "$(listeners "$2")" -eq 0 ] || die "port $2 is taken"
	nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
	NGINX_PID=$!
	tries=0
	while ! curl -s -o /dev/null "http://127.0.0.1:$2/"; do
		tries=$((tries + 1))
		[ $tries -lt 500 ] || die "nginx did not start: $(cat "$WORK/nginx/logs/error.log")"
		sleep 0.01
	done
}

stop_nginx() {
	kill "$NGINX_PID" 2>/dev/null
	wait "$NGINX_PID" 2>/dev/null
	NGINX_PID=
}

# wrk_rate URL [wrk options]: requests per second, and no errors
wrk_rate() {
	url=$1
	shift
	out=$(wrk -t2 -c64 -d"${SECONDS_EACH}s" "$@" "$url") || die "wrk failed"
	if printf '%s\n' "$out" | grep -q "Non-2xx\|Socket errors"; then
		die "wrk saw errors: $out"
	fi
	printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}'
}
