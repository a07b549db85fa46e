/* test_anonymity.c - the disclosure plan (src/domain/anonymity.c). Every
 * rule is tested on both sides of its boundary, then a randomized check of
 * the invariants over many plans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "domain/anonymity.h"

/* counts in perspective order: student professional teacher researcher
 * citizen manager other */
static anon_plan plan7(int k, int s, int pr, int t, int r, int c, int m, int o)
{
	const int count[PERSP_COUNT] = {s, pr, t, r, c, m, o};
	anon_plan p;
	anon_plan_make(count, k, &p);
	return p;
}

static anon_plan row7(const anon_plan *round, int k, int s, int pr, int t, int r, int c, int m,
		      int o)
{
	const int count[PERSP_COUNT] = {s, pr, t, r, c, m, o};
	anon_plan p;
	anon_row_plan(round, count, k, 0, &p);
	return p;
}

/* states as a string: s(hown) p(ooled) h(idden), perspective order */
static void expect_states(const anon_plan *p, const char *want)
{
	char got[PERSP_COUNT + 1];
	for (int i = 0; i < PERSP_COUNT; i++)
		got[i] = "hps"[p->state[i]];
	got[PERSP_COUNT] = '\0';
	assert_string_equal(got, want);
}

static void expect_n(const anon_plan *p, int s, int pr, int t, int r, int c, int m, int o)
{
	const int want[PERSP_COUNT] = {s, pr, t, r, c, m, o};
	for (int i = 0; i < PERSP_COUNT; i++)
		if (p->n[i] != want[i])
			fail_msg("n[%d] = %d, want %d", i, p->n[i], want[i]);
}

static void expect_nothing(const anon_plan *p)
{
	assert_false(p->shown);
	assert_false(p->total_shown);
	assert_int_equal(p->total, 0);
	assert_int_equal(p->columns, 0);
	expect_states(p, "hhhhhhh");
	expect_n(p, 0, 0, 0, 0, 0, 0, 0);
}

static void test_total_below_k_shows_nothing(void **state)
{
	(void)state;
	anon_plan p = plan7(5, 2, 1, 1, 0, 0, 0, 0); /* total k-1 */
	expect_nothing(&p);
	p = plan7(5, 4, 0, 0, 0, 0, 0, 0); /* one group of k-1 */
	expect_nothing(&p);
	p = plan7(5, 0, 0, 0, 0, 0, 0, 0);
	expect_nothing(&p);

	p = plan7(5, 2, 1, 1, 0, 0, 0, 1); /* total exactly k: one pooled column */
	assert_true(p.shown);
	assert_int_equal(p.total, 5);
	assert_int_equal(p.columns, 1);
	expect_states(&p, "pppppps");
	expect_n(&p, 0, 0, 0, 0, 0, 0, 5);

	p = plan7(5, 5, 0, 0, 0, 0, 0, 0); /* exactly k in one group */
	expect_states(&p, "shhhhhh");
	expect_n(&p, 5, 0, 0, 0, 0, 0, 0);
}

static void test_group_k_minus_1_pooled_k_shown(void **state)
{
	(void)state;
	anon_plan p = plan7(5, 4, 0, 0, 0, 0, 0, 6);
	expect_states(&p, "pppppps");
	expect_n(&p, 0, 0, 0, 0, 0, 0, 10);
	assert_int_equal(p.columns, 1);

	p = plan7(5, 5, 0, 0, 0, 0, 0, 6);
	expect_states(&p, "sppppps");
	expect_n(&p, 5, 0, 0, 0, 0, 0, 6);
	assert_int_equal(p.columns, 2);
}

static void test_pool_k_minus_1_vs_k(void **state)
{
	(void)state;
	/* pool of k: shown as "other", nothing suppressed */
	anon_plan p = plan7(5, 10, 8, 0, 2, 0, 0, 3);
	expect_states(&p, "sspppps");
	expect_n(&p, 10, 8, 0, 0, 0, 0, 5);
	assert_int_equal(p.columns, 3);

	/* pool of k-1 (2 researchers + 2 others): total - students - profs
	 * would expose them, so the smallest shown group (profs, 8) joins */
	p = plan7(5, 10, 8, 0, 2, 0, 0, 2);
	expect_states(&p, "sppppps");
	expect_n(&p, 10, 0, 0, 0, 0, 0, 12);
	assert_int_equal(p.columns, 2);
}

static void test_complementary_one_group_hidden(void **state)
{
	(void)state;
	/* exactly one small group (one researcher) and no "other" */
	anon_plan p = plan7(5, 12, 9, 7, 1, 0, 0, 0);
	expect_states(&p, "sspppps");
	expect_n(&p, 12, 9, 0, 0, 0, 0, 8);
	assert_int_equal(p.total, 29);

	/* the same with the small group at k: no suppression at all */
	p = plan7(5, 12, 9, 7, 5, 0, 0, 0);
	expect_states(&p, "sssshhh");
	expect_n(&p, 12, 9, 7, 5, 0, 0, 0);
	assert_int_equal(p.columns, 4);
}

static void test_complementary_tie_takes_later(void **state)
{
	(void)state;
	anon_plan p = plan7(5, 6, 6, 0, 0, 0, 0, 2);
	expect_states(&p, "sppppps");
	expect_n(&p, 6, 0, 0, 0, 0, 0, 8);

	p = plan7(5, 9, 7, 0, 0, 0, 7, 1); /* profs and managers tie at 7 */
	expect_states(&p, "sspppps");
	expect_n(&p, 9, 7, 0, 0, 0, 0, 8);

	/* the smallest is taken, not the later one */
	p = plan7(5, 6, 9, 0, 0, 0, 0, 3);
	expect_states(&p, "pspppps");
	expect_n(&p, 0, 9, 0, 0, 0, 0, 9);
}

static void test_k3_minimum(void **state)
{
	(void)state;
	anon_plan p = plan7(3, 3, 0, 0, 0, 0, 0, 0);
	expect_states(&p, "shhhhhh");
	p = plan7(3, 2, 0, 0, 0, 0, 0, 0);
	expect_nothing(&p);
	p = plan7(3, 3, 2, 0, 0, 0, 0, 0); /* pool 2 = k-1: students join it */
	expect_states(&p, "pppppps");
	expect_n(&p, 0, 0, 0, 0, 0, 0, 5);
	p = plan7(3, 3, 3, 0, 0, 0, 0, 0);
	expect_states(&p, "sshhhhh");

	/* k below the minimum is read as 3, never as less */
	p = plan7(2, 2, 2, 0, 0, 0, 0, 0);
	expect_states(&p, "pppppps");
	expect_n(&p, 0, 0, 0, 0, 0, 0, 4);
	p = plan7(0, 2, 0, 0, 0, 0, 0, 0);
	expect_nothing(&p);
}

static void test_all_groups_small(void **state)
{
	(void)state;
	anon_plan p = plan7(5, 4, 4, 4, 4, 4, 4, 4);
	expect_states(&p, "pppppps");
	expect_n(&p, 0, 0, 0, 0, 0, 0, 28);
	assert_int_equal(p.columns, 1);
}

static void test_real_other_and_empty_pool(void **state)
{
	(void)state;
	/* the real "other" perspective is never a column of its own */
	anon_plan p = plan7(5, 0, 0, 0, 0, 0, 0, 7);
	expect_states(&p, "pppppps");
	expect_n(&p, 0, 0, 0, 0, 0, 0, 7);

	p = plan7(5, 10, 8, 0, 0, 0, 0, 0); /* nobody outside the shown groups */
	expect_states(&p, "sshhhhh");
	assert_int_equal(p.columns, 2);
}

static void test_row_plans(void **state)
{
	(void)state;
	anon_plan round = plan7(5, 10, 8, 0, 0, 0, 0, 5);
	expect_states(&round, "sspppps");

	/* a pooled perspective without people is no member of the row's pool */
	anon_plan p = row7(&round, 5, 10, 8, 0, 0, 0, 0, 5);
	expect_states(&p, "sshhhhs");
	assert_true(p.total_shown);
	assert_int_equal(p.total, 23);

	/* a column with k-1 values in the row is hidden there, never pooled:
	 * its people are not in any other cell, so the total is hidden too */
	p = row7(&round, 5, 10, 4, 0, 0, 0, 0, 5);
	expect_states(&p, "shhhhhs");
	expect_n(&p, 10, 0, 0, 0, 0, 0, 5);
	assert_true(p.shown);
	assert_false(p.total_shown);
	assert_int_equal(p.total, 0);
	p = row7(&round, 5, 10, 5, 0, 0, 0, 0, 5);
	expect_states(&p, "sshhhhs");
	assert_true(p.total_shown);

	/* the pool with k-1 values in the row: hidden, the others stay */
	p = row7(&round, 5, 10, 8, 0, 0, 0, 0, 4);
	expect_states(&p, "sshhhhh");
	expect_n(&p, 10, 8, 0, 0, 0, 0, 0);
	assert_false(p.total_shown);

	/* nobody of the pool in the row: the total is the shown columns' */
	p = row7(&round, 5, 10, 8, 0, 0, 0, 0, 0);
	expect_states(&p, "sshhhhh");
	assert_true(p.total_shown);
	assert_int_equal(p.total, 18);

	/* the pool's cell holds its members with a value in the row */
	anon_plan round3 = plan7(5, 10, 0, 3, 2, 4, 0, 0);
	expect_states(&round3, "sppppps");
	p = row7(&round3, 5, 10, 0, 3, 2, 0, 0, 0);
	expect_states(&p, "shpphhs");
	expect_n(&p, 10, 0, 0, 0, 0, 0, 5);
	assert_true(p.total_shown);
	p = row7(&round3, 5, 10, 0, 3, 0, 0, 0, 0);
	expect_states(&p, "shhhhhh");
	assert_false(p.total_shown);

	/* a column the caller withholds is hidden whatever its size */
	p = row7(&round3, 5, 10, 0, 3, 2, 4, 0, 0);
	anon_plan w;
	const int cw[PERSP_COUNT] = {10, 0, 3, 2, 4, 0, 0};
	anon_row_plan(&round3, cw, 5, 1u << PERSP_OTHER, &w);
	expect_states(&p, "shppphs");
	expect_states(&w, "shhhhhh");
	assert_false(w.total_shown);
	assert_int_equal(w.withheld, 1u << PERSP_OTHER);
	assert_int_equal(p.withheld, 0);

	/* row total k-1 or a row of a round that shows nothing: nothing */
	p = row7(&round, 5, 2, 1, 0, 0, 0, 0, 1);
	expect_nothing(&p);
	anon_plan none = plan7(5, 4, 0, 0, 0, 0, 0, 0);
	p = row7(&none, 5, 40, 0, 0, 0, 0, 0, 0);
	expect_nothing(&p);

	/* a group the round suppressed stays pooled in every row, even with
	 * k or more values there */
	anon_plan round2 = plan7(5, 10, 8, 0, 0, 0, 0, 4);
	expect_states(&round2, "sppppps");
	p = row7(&round2, 5, 10, 8, 0, 0, 0, 0, 4);
	expect_states(&p, "sphhhhs");
	expect_n(&p, 10, 0, 0, 0, 0, 0, 12);
}

static void test_column_and_codes(void **state)
{
	(void)state;
	anon_plan p = plan7(5, 10, 3, 0, 0, 0, 0, 4);
	assert_int_equal(anon_column(&p, PERSP_STUDENT), PERSP_STUDENT);
	assert_int_equal(anon_column(&p, PERSP_PROFESSIONAL), PERSP_OTHER);
	assert_int_equal(anon_column(&p, PERSP_OTHER), PERSP_OTHER);
	p = plan7(5, 10, 0, 0, 0, 0, 0, 0);
	assert_int_equal(anon_column(&p, PERSP_OTHER), -1);
	assert_int_equal(anon_column(&p, PERSP_MANAGER), -1);
	p = plan7(5, 4, 0, 0, 0, 0, 0, 0);
	assert_int_equal(anon_column(&p, PERSP_STUDENT), -1);
	assert_string_equal(anon_state_code(ANON_SHOWN), "shown");
	assert_string_equal(anon_state_code(ANON_POOLED), "pooled");
	assert_string_equal(anon_state_code(ANON_HIDDEN), "hidden");
}

/* ---- invariants over many random plans */

static uint32_t rng_state = 12345;

static int rnd(int n)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return (int)((rng_state >> 8) % (uint32_t)n);
}

/* No difference of shown figures may expose fewer than k people: the total
 * minus any set of shown columns is 0 or at least k. */
static void check_differences(const anon_plan *p, int k)
{
	int cols[PERSP_COUNT], nc = 0;
	for (int i = 0; i < PERSP_COUNT; i++)
		if (p->state[i] == ANON_SHOWN)
			cols[nc++] = p->n[i];
	for (int set = 0; set < (1 << nc); set++) {
		int rest = p->total;
		for (int j = 0; j < nc; j++)
			if (set >> j & 1)
				rest -= cols[j];
		if (rest != 0 && rest < k)
			fail_msg("a difference of shown figures exposes %d people", rest);
	}
}

/* A round plan: everyone in exactly one shown column of >= k people. */
static void check_round(const int count[PERSP_COUNT], int k, const anon_plan *p)
{
	int total = 0, sum = 0, columns = 0;
	for (int i = 0; i < PERSP_COUNT; i++)
		total += count[i];
	if (total < k) {
		expect_nothing(p);
		return;
	}
	assert_true(p->shown && p->total_shown);
	assert_int_equal(p->total, total);
	for (int i = 0; i < PERSP_COUNT; i++) {
		if (p->state[i] == ANON_SHOWN) {
			assert_true(p->n[i] >= k);
			sum += p->n[i];
			columns++;
			if (i != PERSP_OTHER)
				assert_int_equal(p->n[i], count[i]);
		} else {
			assert_int_equal(p->n[i], 0);
		}
		if (p->state[i] == ANON_POOLED)
			assert_int_equal(p->state[PERSP_OTHER], ANON_SHOWN);
		if (count[i] > 0)
			assert_int_not_equal(p->state[i], ANON_HIDDEN);
	}
	assert_int_equal(sum, total); /* nobody is left outside the shown columns */
	assert_int_equal(columns, p->columns);
	check_differences(p, k);

	/* suppression only when needed, and then the smallest group */
	int pool = 0, smallest = 1 << 30;
	for (int i = 0; i < PERSP_COUNT; i++) {
		bool eligible = i != PERSP_OTHER && count[i] >= k;
		if (!eligible)
			pool += count[i];
		else if (count[i] < smallest)
			smallest = count[i];
	}
	for (int i = 0; i < PERSP_OTHER; i++)
		if (count[i] >= k && (pool == 0 || pool >= k || count[i] > smallest))
			assert_int_equal(p->state[i], ANON_SHOWN);
}

/* A row plan: the round's columns, each cell exactly the people of its
 * round column in the row, shown when >= k; the total only when nobody of
 * the row is outside the shown cells. */
static void check_row(const anon_plan *round, const int sub[PERSP_COUNT], int k, const anon_plan *p)
{
	int cell[PERSP_COUNT] = {0}, everyone = 0, in_shown = 0;
	for (int i = 0; i < PERSP_COUNT; i++) {
		everyone += sub[i];
		int c = anon_column(round, (perspective)i);
		if (c >= 0)
			cell[c] += sub[i];
	}
	if (!round->shown) {
		expect_nothing(p);
		return;
	}
	for (int c = 0; c < PERSP_COUNT; c++) {
		bool want = round->state[c] == ANON_SHOWN && cell[c] >= k;
		assert_int_equal(p->n[c], want ? cell[c] : 0);
		in_shown += want ? cell[c] : 0;
	}
	for (int i = 0; i < PERSP_COUNT; i++) {
		int c = anon_column(p, (perspective)i);
		if (c >= 0)
			assert_int_equal(c, anon_column(round, (perspective)i)); /* never re-pooled */
	}
	assert_int_equal(p->total_shown, p->shown && in_shown == everyone);
	if (p->total_shown)
		check_differences(p, k);
}

static void test_random_invariants(void **state)
{
	(void)state;
	for (int trial = 0; trial < 20000; trial++) {
		int k = 3 + rnd(5), count[PERSP_COUNT], sub[PERSP_COUNT];
		for (int i = 0; i < PERSP_COUNT; i++) {
			count[i] = rnd(3) == 0 ? 0 : rnd(2 * k + 3);
			sub[i] = count[i] ? count[i] - rnd(count[i] + 1) : 0;
			if (rnd(2))
				sub[i] = count[i]; /* often the whole group */
		}
		anon_plan round, row;
		anon_plan_make(count, k, &round);
		check_round(count, k, &round);
		anon_row_plan(&round, sub, k, 0, &row);
		check_row(&round, sub, k, &row);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_total_below_k_shows_nothing),
		cmocka_unit_test(test_group_k_minus_1_pooled_k_shown),
		cmocka_unit_test(test_pool_k_minus_1_vs_k),
		cmocka_unit_test(test_complementary_one_group_hidden),
		cmocka_unit_test(test_complementary_tie_takes_later),
		cmocka_unit_test(test_k3_minimum),
		cmocka_unit_test(test_all_groups_small),
		cmocka_unit_test(test_real_other_and_empty_pool),
		cmocka_unit_test(test_row_plans),
		cmocka_unit_test(test_column_and_codes),
		cmocka_unit_test(test_random_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
