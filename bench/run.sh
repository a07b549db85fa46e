#!/bin/sh
# bench/run.sh - `make bench`: every benchmark of docs/performance.md, each
# against its reference in the same run, reported as ratios.
#   PAIRS=5 SECONDS_EACH=5 ONLY="submissions results pages memory" sh bench/run.sh
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
. bench/submissions.sh

ONLY=${ONLY:-submissions}
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
say "bench: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $WORK"
for part in $ONLY; do
	"bench_$part"
done
