# bench/results.sh - a round's full results (10,000 respondents x 40
# statements) against SQLite's plain GROUP BY of means and standard
# deviations, cold (read from the database and computed), analysis alone,
# and warm (the cache holds them); bench/pg.sh does the same on
# PostgreSQL. Sourced by bench/run.sh.

# results_time TARGET ROUND: runs results_bench time, prints its line and
# sets R_COLD, R_ANALYSIS and R_WARM (ratios sql/ours)
results_time() {
	out=$("$B/results_bench" time --db "$1" --round "$2" --reps "${RESULT_REPS:-11}") || die "results_bench failed"
	say "  $out"
	R_COLD=$(field ratio_cold "$out")
	R_ANALYSIS=$(field ratio_analysis "$out")
	R_WARM=$(field ratio_warm "$out")
}

bench_results() {
	say "== results: 10,000 respondents x 40 statements, full results vs SQLite GROUP BY (means, SDs), median of ${RESULT_REPS:-11}"
	db=$(fresh_db results.db) || exit 1
	round=$(fill_round "$db" 10000 40) || exit 1
	results_time "$db" "$round"
	RES_COLD=$R_COLD RES_ANALYSIS=$R_ANALYSIS RES_WARM=$R_WARM
	say "results: ratio sql/ours cold = $RES_COLD, analysis alone = $RES_ANALYSIS, warm = $RES_WARM (goal >= 20); every statement's n, mean and sd identical"
}
