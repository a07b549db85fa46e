# bench/results.sh - a round's full results (10,000 respondents x 40
# statements) against SQLite's plain GROUP BY of means and standard
# deviations, cold (read from the database and computed), analysis alone,
# and warm (the cache holds them). Sourced by bench/run.sh.

bench_results() {
	say "== results: 10,000 respondents x 40 statements, full results vs SQLite GROUP BY (means, SDs), median of ${RESULT_REPS:-11}"
	db=$(fresh_db results.db) || exit 1
	round=$(fill_round "$db" 10000 40) || exit 1
	out=$("$B/results_bench" time --db "$db" --round "$round" --reps "${RESULT_REPS:-11}") || die "results_bench failed"
	say "  $out"
	RES_COLD=$(field ratio_cold "$out")
	RES_ANALYSIS=$(field ratio_analysis "$out")
	RES_WARM=$(field ratio_warm "$out")
	say "results: ratio sql/ours cold = $RES_COLD, analysis alone = $RES_ANALYSIS, warm = $RES_WARM (goal >= 20); every statement's n, mean and sd identical"
}
