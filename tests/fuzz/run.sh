#!/bin/sh
# Run every libFuzzer target in build/fuzz. Argument: seconds per target,
# or "smoke" for a short run that replays the seed corpus (tests/fuzz/corpus/
# TARGET, where every input that once crashed is kept) plus 5000 new inputs.
set -u
mode=${1:-60}
failed=0
for bin in build/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	seeds="tests/fuzz/corpus/${name#fuzz_}"
	work="build/fuzz/corpus-${name#fuzz_}"
	mkdir -p "$work"
	if [ "$mode" = smoke ]; then
		args="-runs=5000"
	else
		args="-max_total_time=$mode"
	fi
	echo "== $name ($mode)"
	if ! "$bin" $args -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="build/fuzz/$name-" "$work" "$seeds" >"build/fuzz/$name.log" 2>&1; then
		echo "FAILED: $name (see build/fuzz/$name.log; crashing input: build/fuzz/$name-*)"
		tail -20 "build/fuzz/$name.log"
		failed=1
	else
		grep -E "^(Done|#[0-9]+.*DONE)" "build/fuzz/$name.log" | tail -1
	fi
done
exit $failed
