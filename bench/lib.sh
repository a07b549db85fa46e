# bench/lib.sh - helpers shared by the benchmark scripts (POSIX sh, sourced).
# Every benchmark runs its reference in the same run, in turn with the
# measured command (A B A B ...), and reports the median of the pair-wise
# ratios: the machine is shared and noisy, so absolute figures drift.

BIN=${BIN:-./werkplaats}
B=${B:-build/bench}
WORK=${WORK:-$(mktemp -d /tmp/wp-bench.XXXXXX)}
PAIRS=${PAIRS:-5}
SECONDS_EACH=${SECONDS_EACH:-5}
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

say() { printf '%s\n' "$*"; }
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
