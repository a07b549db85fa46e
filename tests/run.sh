#!/bin/sh
# tests/run.sh - what `make test` runs after building: every unit test
# binary in build/asan/tests/ (stopping at the first that fails), a smoke
# run of the fuzz targets, the black-box HTTP suite against the sanitizer
# build on SQLite and, when WERKPLAATS_TEST_DB_URL names a PostgreSQL test
# cluster (`make test` runs this under tests/pg.sh run), again on
# PostgreSQL, the crash test (on PostgreSQL too when the cluster is there),
# then the end-to-end tests in Chromium
# (tests/e2e/run.sh). Exits non-zero when anything failed. POSIX sh.
cd "$(dirname "$0")/.." || exit 1

# Leaks at exit fail, in the unit tests as in the server.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
[ -f tests/lsan.supp ] && LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

WERKPLAATS_BIN=${WERKPLAATS_BIN:-build/werkplaats-asan}
export WERKPLAATS_BIN
# The system python: a pyenv shim on PATH may point elsewhere.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

unit_total=0
unit_failed=""
for t in build/asan/tests/*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	unit_total=$((unit_total + 1))
	echo "== unit: $t"
	if ! "$t"; then
		unit_failed=$t
		break
	fi
done

# The fuzz targets: replay the seed corpora (and every input that once
# crashed) plus a few thousand new inputs each.
echo "== fuzz: smoke run of build/fuzz/fuzz_*"
sh tests/fuzz/run.sh smoke
fuzz_status=$?

http_status=0
pg_status=skipped
if [ ! -x "$WERKPLAATS_BIN" ]; then
	echo "tests/run.sh: $WERKPLAATS_BIN is missing; run 'make build/werkplaats-asan'" >&2
	http_status=1
else
	# the real identity providers the sign-in tests start on loopback
	sh tests/idp/install.sh || echo "tests/run.sh: tests/idp/install.sh failed; the sign-in tests will fail" >&2
	echo "== http: tests/http against $WERKPLAATS_BIN on SQLite"
	WERKPLAATS_TEST_STORE=sqlite "$PYTHON" -m unittest discover -s tests/http -t tests/http -p 'test_*.py' -v
	http_status=$?
	# The same suite with every server on a fresh PostgreSQL database of
	# its own (harness.py); test_pg.py and test_failover.py (which choose
	# their servers themselves) ran above already. Every database belongs
	# to a role that row-level security holds (not a superuser), so the
	# whole suite runs under the institutions' policies, as a network's
	# servers do.
	if [ -n "${WERKPLAATS_TEST_DB_URL:-}" ]; then
		echo "== http: tests/http against $WERKPLAATS_BIN on PostgreSQL, under row-level security"
		WERKPLAATS_TEST_STORE=pg WERKPLAATS_TEST_PG_RLS=1 "$PYTHON" -m unittest discover -s tests/http -t tests/http -p 'test_*.py' -v
		pg_status=$?
	fi
fi

crash_status=0
pg_crash_status=skipped
if [ -x "$WERKPLAATS_BIN" ]; then
	echo "== crash: tests/crash/crashtest.py, ${CRASH_CYCLES:-5} cycles of kill -9 during submissions"
	"$PYTHON" tests/crash/crashtest.py --cycles "${CRASH_CYCLES:-5}"
	crash_status=$?
	# On PostgreSQL too, PostgreSQL itself killed in two cycles of three
	# (it needs the cluster's directory to do that).
	if [ -n "${WERKPLAATS_TEST_DB_URL:-}" ]; then
		echo "== crash: tests/crash/crashtest.py on PostgreSQL, ${PG_CRASH_CYCLES:-3} cycles"
		"$PYTHON" tests/crash/crashtest.py --store pg --cycles "${PG_CRASH_CYCLES:-3}"
		pg_crash_status=$?
	fi
fi

echo "== e2e: tests/e2e in Chromium against $WERKPLAATS_BIN"
sh tests/e2e/run.sh
e2e_status=$?

echo
echo "== summary"
if [ -n "$unit_failed" ]; then
	echo "unit:              FAILED in $unit_failed (stopped there; $unit_total run)"
else
	echo "unit:              $unit_total binaries passed"
fi
if [ "$fuzz_status" -eq 0 ]; then
	echo "fuzz:              smoke passed"
else
	echo "fuzz:              FAILED (see above)"
fi
if [ "$http_status" -eq 0 ]; then
	echo "http (SQLite):     passed"
else
	echo "http (SQLite):     FAILED (see above)"
fi
case $pg_status in
0) echo "http (PostgreSQL): passed" ;;
skipped) echo "http (PostgreSQL): not run (WERKPLAATS_TEST_DB_URL is not set; make test sets it)" ;;
*) echo "http (PostgreSQL): FAILED (see above)" ;;
esac
if [ "$crash_status" -eq 0 ]; then
	echo "crash (SQLite):    passed"
else
	echo "crash (SQLite):    FAILED (see above)"
fi
case $pg_crash_status in
0) echo "crash (PostgreSQL): passed" ;;
skipped) echo "crash (PostgreSQL): not run (WERKPLAATS_TEST_DB_URL is not set; make test sets it)" ;;
*) echo "crash (PostgreSQL): FAILED (see above)" ;;
esac
[ "$e2e_status" -eq 0 ] && echo "e2e:               passed" || echo "e2e:               FAILED (see above)"
[ -z "$unit_failed" ] && [ "$fuzz_status" -eq 0 ] && [ "$http_status" -eq 0 ] &&
	{ [ "$pg_status" = 0 ] || [ "$pg_status" = skipped ]; } && [ "$crash_status" -eq 0 ] &&
	{ [ "$pg_crash_status" = 0 ] || [ "$pg_crash_status" = skipped ]; } && [ "$e2e_status" -eq 0 ]
