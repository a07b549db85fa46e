#!/bin/sh
# tests/pg.sh - a throwaway PostgreSQL server for the tests.
#
#   tests/pg.sh start DIR    install PostgreSQL when missing (Debian), create a
#                            cluster in DIR (when there is none) and start it on
#                            a free loopback port; prints the connection URL
#   tests/pg.sh stop DIR     stop it (fast: open sessions are ended)
#   tests/pg.sh kill DIR     stop it at once (immediate: as a crash would)
#   tests/pg.sh url DIR      print the URL of the running server
#   tests/pg.sh newdb DIR    create a fresh, empty database; prints its URL
#   tests/pg.sh destroy DIR  stop it and remove DIR
#   tests/pg.sh replica DIR PRIMARY
#                            a streaming replica (hot standby) of the running
#                            server in PRIMARY, made with pg_basebackup -R
#                            into DIR and started on a port of its own; its
#                            cluster_name (the application_name it streams
#                            under, for synchronous_standby_names) is
#                            wp_standby; prints its URL
#   tests/pg.sh promote DIR  promote the replica in DIR to a primary
#   tests/pg.sh run CMD...   start a server in a new temporary DIR, run CMD
#                            with WERKPLAATS_TEST_DB_URL (the URL) and
#                            WERKPLAATS_TEST_PG_DIR (DIR) set, then stop the
#                            server and remove DIR; exits with CMD's status
#
# The server listens on 127.0.0.1 only, with its socket in DIR/sock, trust
# authentication and fsync off (a test cluster: a crash of the machine is
# not a case; a crash of the server is, and committed work survives it
# because WAL is still written before a commit is acknowledged), and no
# autovacuum (its ANALYZE takes transaction ids, which the attack tests
# watch to see that a request wrote nothing; the tests' databases are
# small and short-lived). A second
# `start` on the same DIR reuses the cluster and its port, so a test can
# stop and start the server to simulate an outage.
#
# WP_PG_FSYNC=on (for `start`, and `run`): fsync and full_page_writes on,
# as a production server runs, for benchmarks of durable writes
# (bench/pg.sh). Given on the server's command line at each start, so it
# holds for that start whatever the cluster was made with.
#
# initdb refuses to run as root: as root, DIR/data belongs to the postgres
# user and initdb and pg_ctl run through runuser.
set -eu

usage() {
	echo "usage: tests/pg.sh start|stop|kill|url|newdb|destroy|promote DIR | tests/pg.sh replica DIR PRIMARY | tests/pg.sh run CMD..." >&2
	exit 2
}
if [ "${1:-}" = run ]; then
	[ $# -ge 2 ] || usage
	shift
	here=$(cd "$(dirname "$0")" && pwd)
	tmp=$(mktemp -d /tmp/wp-pg-XXXXXX)
	url=$(sh "$here/pg.sh" start "$tmp") || { rm -rf "$tmp"; exit 1; }
	echo "tests/pg.sh: PostgreSQL for the tests at $url" >&2
	set +e
	WERKPLAATS_TEST_DB_URL=$url WERKPLAATS_TEST_PG_DIR=$tmp "$@"
	status=$?
	sh "$here/pg.sh" destroy "$tmp"
	exit $status
fi
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = replica ]; } || usage
cmd=$1
dir=$2

bindir() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	return 1
}

install_postgres() {
	bindir >/dev/null && return 0
	echo "tests/pg.sh: installing PostgreSQL (Debian package postgresql)" >&2
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >/dev/null 2>&1 || true
	$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
	bindir >/dev/null || { echo "tests/pg.sh: no initdb after installing postgresql" >&2; exit 1; }
}

# Run a PostgreSQL program as the owner of the cluster.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

url() {
	echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/${1:-postgres}"
}

running() {
	[ -f "$dir/data/postmaster.pid" ] && as_owner "$(bindir)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
	install_postgres
	bin=$(bindir)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	chmod 755 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		mkdir -p "$dir/data" "$dir/sock"
		[ "$(id -u)" = 0 ] && chown postgres "$dir/data" "$dir/sock"
		as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
			--locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; exit 1; }
		cat >>"$dir/data/postgresql.conf" <<-EOF
			listen_addresses = '127.0.0.1'
			unix_socket_directories = '$dir/sock'
			fsync = off
			full_page_writes = off
			max_connections = 200
			shared_buffers = 128MB
			log_min_messages = warning
			autovacuum = off
		EOF
	fi
	if running; then
		url
		return 0
	fi
	durable=
	case ${WP_PG_FSYNC:-off} in
	on) durable=" -c fsync=on -c full_page_writes=on" ;;
	off) ;;
	*) echo "tests/pg.sh: WP_PG_FSYNC is on or off, not $WP_PG_FSYNC" >&2; exit 2 ;;
	esac
	for attempt in 1 2 3 4 5; do
		[ -f "$dir/port" ] || free_port >"$dir/port"
		port=$(cat "$dir/port")
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
			-o "-p $port$durable" start >/dev/null 2>&1; then
			url
			return 0
		fi
		# the port was taken meanwhile: choose another (a restart keeps its own)
		grep -q "could not bind" "$dir/data/server.log" 2>/dev/null && rm -f "$dir/port"
		sleep 1
	done
	echo "tests/pg.sh: PostgreSQL did not start; see $dir/data/server.log" >&2
	tail -20 "$dir/data/server.log" >&2 || true
	exit 1
}

# A hot standby of the server in $1, streaming from it; then started as
# start() does (the copied configuration, with a socket directory of its
# own: the primary's may go away with it).
replica() {
	primary=$(cd "$1" && pwd)
	bin=$(bindir)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	chmod 755 "$dir"
	[ -f "$primary/port" ] || { echo "tests/pg.sh: no server in $primary" >&2; exit 1; }
	mkdir -p "$dir/data" "$dir/sock"
	chmod 700 "$dir/data"
	[ "$(id -u)" = 0 ] && chown postgres "$dir/data" "$dir/sock"
	as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$(cat "$primary/port")" -U postgres \
		-D "$dir/data" --wal-method=stream --write-recovery-conf --checkpoint=fast \
		>"$dir/basebackup.log" 2>&1 ||
		{ cat "$dir/basebackup.log" >&2; exit 1; }
	cat >>"$dir/data/postgresql.conf" <<-EOF
		unix_socket_directories = '$dir/sock'
		cluster_name = 'wp_standby'
		hot_standby = on
	EOF
	start
}

stop() {
	mode=$1
	[ -d "$dir/data" ] || return 0
	running || return 0
	as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m "$mode" -w -t 60 stop >/dev/null
}

case $cmd in
start) start ;;
stop) stop fast ;;
kill) stop immediate ;;
url) url ;;
newdb)
	name="wp_$(date +%s)_$$_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
	"$(bindir)/psql" -q -X -v ON_ERROR_STOP=1 "$(url)" -c "CREATE DATABASE $name" >/dev/null
	url "$name"
	;;
replica) replica "$3" ;;
promote) as_owner "$(bindir)/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null ;;
destroy)
	stop immediate || true
	rm -rf "$dir"
	;;
*) usage ;;
esac
