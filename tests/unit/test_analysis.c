/* test_analysis.c - the figures of a round (src/domain/analysis.c): small
 * cases worked by hand, then every committed fixture in
 * tests/fixtures/analysis/, whose expected figures tests/tools/expected.py
 * computed independently with numpy/scipy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/analysis.h"

#define FIXTURES "tests/fixtures/analysis/"
#define TOL 1e-9   /* figures */
#define TOL_T 1e-6 /* anything that goes through the t quantile */

static void near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

/* ---- a small round built from strings: one char per statement, '0' =
 * missing, '1'..'5' = the answer as given */

#define MINI_ITEMS 16
#define MINI_RESP 32

typedef struct {
	analysis_item items[MINI_ITEMS];
	uint8_t persp[MINI_RESP];
	int8_t ans[MINI_RESP * MINI_ITEMS];
	int ni, nr;
} mini;

static void item(mini *m, bool outcome, int group, bool reverse, uint8_t mask)
{
	assert_true(m->ni < MINI_ITEMS);
	m->items[m->ni++] = (analysis_item){outcome, (uint8_t)group, reverse, mask};
}

static void resp(mini *m, perspective p, const char *answers)
{
	assert_true(m->nr < MINI_RESP);
	assert_int_equal((int)strlen(answers), m->ni);
	m->persp[m->nr] = (uint8_t)p;
	for (int i = 0; i < m->ni; i++)
		m->ans[m->nr * m->ni + i] = (int8_t)(answers[i] - '0');
	m->nr++;
}

/* resp() lays the answers out densely (n_items per row), as analysis_input
 * expects: add every statement before the first respondent. */
static analysis_result *run(const mini *m, int k)
{
	analysis_input in = {m->ni, m->items, m->nr, m->persp, m->ans, k, 0};
	const char *err = NULL;
	analysis_result *r = analysis_compute(&in, &err);
	if (!r)
		fail_msg("analysis_compute: %s", err ? err : "(no message)");
	return r;
}

static void expect_cell(const analysis_cell *c, int n, double mean, double sd)
{
	assert_int_equal(c->n, n);
	if (isnan(mean))
		assert_true(isnan(c->mean));
	else
		near(c->mean, mean, 1e-12);
	if (isnan(sd))
		assert_true(isnan(c->sd));
	else
		near(c->sd, sd, 1e-12);
}

static void expect_hidden_row(const analysis_row *row)
{
	assert_false(row->plan.shown);
	for (int p = 0; p < PERSP_COUNT; p++) {
		assert_int_equal(row->plan.state[p], ANON_HIDDEN);
		expect_cell(&row->col[p], 0, NAN, NAN);
		for (int v = 0; v < 5; v++)
			assert_int_equal(row->dist[p][v], 0);
	}
	expect_cell(&row->total, 0, NAN, NAN);
	for (int v = 0; v < 5; v++)
		assert_int_equal(row->dist_total[v], 0);
	assert_true(isnan(row->headline));
	assert_true(isnan(row->gap));
	assert_int_equal(row->band, BAND_NONE);
	assert_false(row->differ);
}

static void test_three_respondents_by_hand(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_LOS, true, 0); /* reverse-worded: 6 - answer */
	item(&m, false, EL_SRI, false, 0);
	resp(&m, PERSP_STUDENT, "425"); /* LOS (4 + 4) / 2 = 4 */
	resp(&m, PERSP_STUDENT, "510"); /* LOS (5 + 5) / 2 = 5, SRI missing */
	resp(&m, PERSP_STUDENT, "304"); /* LOS 3: 1 of 2 is half */
	analysis_result *r = run(&m, 3);

	const analysis_row *los = &r->elements[EL_LOS];
	assert_true(los->plan.shown);
	expect_cell(&los->col[PERSP_STUDENT], 3, 4, 1); /* sd sqrt((0+1+1)/2) */
	expect_cell(&los->total, 3, 4, 1);
	near(los->headline, 4, 0);
	assert_int_equal(los->band, BAND_STRENGTH);
	assert_true(isnan(los->gap)); /* one column: no gap */
	assert_false(los->differ);
	expect_cell(&los->col[PERSP_OTHER], 0, NAN, NAN);

	expect_hidden_row(&r->elements[EL_SRI]); /* 2 scores < k */
	expect_hidden_row(&r->elements[EL_GOC]); /* no statements */

	const analysis_row *s0 = &r->items[0];
	expect_cell(&s0->col[PERSP_STUDENT], 3, 4, 1);
	const int dist[5] = {0, 0, 1, 1, 1};
	for (int v = 0; v < 5; v++) {
		assert_int_equal(s0->dist[PERSP_STUDENT][v], dist[v]);
		assert_int_equal(s0->dist_total[v], dist[v]);
	}
	expect_hidden_row(&r->items[1]);
	expect_hidden_row(&r->items[2]);

	assert_false(r->alpha_elements[EL_LOS].shown); /* 2 complete cases < k */
	assert_true(isnan(r->alpha_elements[EL_LOS].alpha));
	assert_int_equal(r->corr_n[EL_LOS][EL_LOS], 3);
	near(r->corr[EL_LOS][EL_LOS], 1, 1e-15);
	assert_true(isnan(r->corr[EL_LOS][EL_SRI]));
	assert_int_equal(r->corr_n[EL_LOS][EL_SRI], 0);
	analysis_free(r);
}

static void test_half_of_the_statements(void **state)
{
	(void)state;
	mini m = {0};
	for (int i = 0; i < 6; i++)
		item(&m, false, EL_LOS, false, 0);
	for (int i = 0; i < 5; i++)
		item(&m, false, EL_SRI, false, 0);
	resp(&m, PERSP_STUDENT, "333000" "22000"); /* LOS 3 of 6: yes; SRI 2 of 5: no */
	resp(&m, PERSP_STUDENT, "440000" "44400"); /* LOS 2 of 6: no;  SRI 3 of 5: yes */
	resp(&m, PERSP_STUDENT, "555555" "55555");
	resp(&m, PERSP_STUDENT, "111111" "11111");
	analysis_result *r = run(&m, 3);
	expect_cell(&r->elements[EL_LOS].total, 3, 3, 2);
	expect_cell(&r->elements[EL_SRI].total, 3, 10.0 / 3, sqrt(13.0 / 3));
	analysis_free(r);
}

static void test_statements_put_to_some_perspectives(void **state)
{
	(void)state;
	mini m = {0};
	const uint8_t prof = 1u << PERSP_PROFESSIONAL;
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_LOS, false, prof);
	item(&m, false, EL_LOS, false, prof);
	/* students are asked 2 statements: 1 answered is half */
	resp(&m, PERSP_STUDENT, "4000");
	resp(&m, PERSP_STUDENT, "5500");
	resp(&m, PERSP_STUDENT, "3010"); /* the 1 was not asked: ignored */
	/* professionals are asked 4: 1 answered is not enough, 2 is */
	resp(&m, PERSP_PROFESSIONAL, "4000");
	resp(&m, PERSP_PROFESSIONAL, "4400");
	resp(&m, PERSP_PROFESSIONAL, "5555");
	resp(&m, PERSP_PROFESSIONAL, "2222");
	resp(&m, PERSP_PROFESSIONAL, "3333");
	analysis_result *r = run(&m, 3);
	const analysis_row *los = &r->elements[EL_LOS];
	expect_cell(&los->col[PERSP_STUDENT], 3, 4, 1);
	expect_cell(&los->col[PERSP_PROFESSIONAL], 4, 3.5, sqrt(5.0 / 3));
	near(los->headline, 3.75, 1e-15);
	expect_cell(&los->total, 7, 26.0 / 7, los->total.sd);
	near(los->gap, 0.5, 1e-15);
	/* statement 2: three professionals; the stray student answer neither
	 * counts nor appears in the distribution */
	const analysis_row *s2 = &r->items[2];
	assert_int_equal(s2->total.n, 3);
	const int dist[5] = {0, 1, 1, 0, 1};
	for (int v = 0; v < 5; v++)
		assert_int_equal(s2->dist_total[v], dist[v]);
	assert_int_equal(s2->plan.state[PERSP_STUDENT], ANON_HIDDEN);
	analysis_free(r);
}

static void test_headline_weighs_perspectives_equally(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	for (int i = 0; i < 3; i++)
		resp(&m, PERSP_STUDENT, "5");
	for (int i = 0; i < 6; i++)
		resp(&m, PERSP_PROFESSIONAL, "2");
	analysis_result *r = run(&m, 3);
	const analysis_row *los = &r->elements[EL_LOS];
	near(los->headline, 3.5, 0);          /* (5 + 2) / 2 */
	expect_cell(&los->total, 9, 3, 1.5);  /* (15 + 12) / 9, sd sqrt(18/8) */
	near(los->gap, 3, 0);
	assert_true(los->differ);
	assert_int_equal(los->band, BAND_DISCUSS);
	expect_cell(&los->col[PERSP_STUDENT], 3, 5, 0);
	analysis_free(r);
}

static void test_all_small_headline_is_weighted(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	resp(&m, PERSP_STUDENT, "5");
	resp(&m, PERSP_STUDENT, "4");
	resp(&m, PERSP_STUDENT, "4");
	resp(&m, PERSP_STUDENT, "3");
	resp(&m, PERSP_PROFESSIONAL, "2");
	resp(&m, PERSP_PROFESSIONAL, "3");
	resp(&m, PERSP_PROFESSIONAL, "3");
	resp(&m, PERSP_PROFESSIONAL, "1");
	analysis_result *r = run(&m, 5); /* no group reaches 5, the total does */
	const analysis_row *los = &r->elements[EL_LOS];
	assert_int_equal(los->plan.columns, 1);
	assert_int_equal(los->plan.state[PERSP_STUDENT], ANON_POOLED);
	expect_cell(&los->col[PERSP_OTHER], 8, 25.0 / 8, los->col[PERSP_OTHER].sd);
	assert_true(los->headline == los->total.mean);
	assert_true(isnan(los->gap));
	assert_int_equal(r->plan.state[PERSP_OTHER], ANON_SHOWN);
	analysis_free(r);

	/* one more student: students reach k and become a column; the other
	 * 4 people pool to k-1, so the students are suppressed again */
	resp(&m, PERSP_STUDENT, "5");
	r = run(&m, 5);
	assert_int_equal(r->plan.state[PERSP_STUDENT], ANON_POOLED);
	assert_true(r->elements[EL_LOS].headline == r->elements[EL_LOS].total.mean);
	analysis_free(r);
}

static void test_row_n_below_k(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_SRI, false, 0);
	resp(&m, PERSP_STUDENT, "44");
	resp(&m, PERSP_STUDENT, "54");
	resp(&m, PERSP_STUDENT, "35");
	resp(&m, PERSP_PROFESSIONAL, "22");
	resp(&m, PERSP_PROFESSIONAL, "13");
	resp(&m, PERSP_PROFESSIONAL, "02"); /* no LOS */
	analysis_result *r = run(&m, 3);
	assert_int_equal(r->plan.state[PERSP_PROFESSIONAL], ANON_SHOWN);
	/* LOS: the professionals' cell holds 2 < k and is hidden, never pooled
	 * with the students (their own column in the round); the total would
	 * then expose the 2, so it is hidden too. The students stay. */
	const analysis_row *los = &r->elements[EL_LOS];
	assert_int_equal(los->plan.state[PERSP_STUDENT], ANON_SHOWN);
	assert_int_equal(los->plan.state[PERSP_PROFESSIONAL], ANON_HIDDEN);
	assert_int_equal(los->plan.state[PERSP_OTHER], ANON_HIDDEN);
	expect_cell(&los->col[PERSP_STUDENT], 3, 4, los->col[PERSP_STUDENT].sd);
	expect_cell(&los->col[PERSP_PROFESSIONAL], 0, NAN, NAN);
	expect_cell(&los->total, 0, NAN, NAN);
	assert_false(los->plan.total_shown);
	near(los->headline, 4, 1e-15);
	/* SRI: everyone answered, both groups shown */
	const analysis_row *sri = &r->elements[EL_SRI];
	expect_cell(&sri->col[PERSP_STUDENT], 3, 13.0 / 3, sri->col[PERSP_STUDENT].sd);
	expect_cell(&sri->col[PERSP_PROFESSIONAL], 3, 7.0 / 3, sri->col[PERSP_PROFESSIONAL].sd);
	near(sri->gap, 2, 1e-15);
	analysis_free(r);
}

static void test_round_below_k_shows_nothing(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_LOS, false, 0);
	item(&m, true, OUT_KNOWLEDGE, false, 0);
	for (int i = 0; i < 4; i++)
		resp(&m, PERSP_STUDENT, "555");
	analysis_result *r = run(&m, 5);
	assert_false(r->plan.shown);
	for (int e = 0; e < EL_COUNT; e++)
		expect_hidden_row(&r->elements[e]);
	for (int o = 0; o < OUT_COUNT; o++)
		expect_hidden_row(&r->outcomes[o]);
	for (int i = 0; i < m.ni; i++)
		expect_hidden_row(&r->items[i]);
	assert_false(r->alpha_elements[EL_LOS].shown);
	assert_int_equal(r->alpha_elements[EL_LOS].n, 0);
	assert_true(isnan(r->alpha_elements[EL_LOS].item_rest[0]));
	assert_true(isnan(r->corr[EL_LOS][EL_LOS]));
	assert_int_equal(r->corr_n[EL_LOS][EL_LOS], 0);
	analysis_free(r);

	resp(&m, PERSP_STUDENT, "555"); /* exactly k */
	r = run(&m, 5);
	assert_true(r->plan.shown);
	expect_cell(&r->elements[EL_LOS].col[PERSP_STUDENT], 5, 5, 0);
	expect_cell(&r->outcomes[OUT_KNOWLEDGE].total, 5, 5, 0);
	analysis_free(r);
}

static void test_alpha_by_hand(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_LOS, true, 0);
	item(&m, false, EL_LOS, false, 0);
	/* scored: 1 2 2 / 2 3 3 / 3 3 4 / 4 5 5 (the middle one turned) */
	resp(&m, PERSP_STUDENT, "142");
	resp(&m, PERSP_STUDENT, "233");
	resp(&m, PERSP_STUDENT, "334");
	resp(&m, PERSP_STUDENT, "415");
	resp(&m, PERSP_STUDENT, "303"); /* not complete: not in alpha */
	analysis_result *r = run(&m, 3);
	const analysis_reliability *rel = &r->alpha_elements[EL_LOS];
	assert_true(rel->shown);
	assert_int_equal(rel->n, 4);
	assert_int_equal(rel->n_items, 3);
	for (int j = 0; j < 3; j++)
		assert_int_equal(rel->item[j], j);
	/* item variances 5/3, 4.75/3, 5/3; sum score 5 8 10 14, variance
	 * 42.75/3: alpha = 3/2 (1 - 14.75/42.75) = 42/42.75 */
	near(rel->alpha, 42 / 42.75, 1e-14);
	near(rel->item_rest[0], 9.5 / sqrt(93.75), 1e-14);
	near(rel->item_rest[1], 9 / sqrt(95), 1e-14);
	near(rel->item_rest[2], 9.5 / sqrt(93.75), 1e-14);
	assert_false(r->alpha_elements[EL_SRI].shown);
	assert_int_equal(r->alpha_elements[EL_SRI].n_items, 0);
	analysis_free(r);

	analysis_result *r4 = run(&m, 4);
	assert_true(r4->alpha_elements[EL_LOS].shown); /* 4 complete cases = k */
	analysis_free(r4);
	analysis_result *r5 = run(&m, 5);
	assert_false(r5->alpha_elements[EL_LOS].shown); /* 4 < k */
	assert_true(isnan(r5->alpha_elements[EL_LOS].alpha));
	assert_true(isnan(r5->alpha_elements[EL_LOS].item_rest[1]));
	analysis_free(r5);
}

static void test_correlation_by_hand(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	item(&m, false, EL_SRI, false, 0);
	resp(&m, PERSP_STUDENT, "12");
	resp(&m, PERSP_STUDENT, "24");
	resp(&m, PERSP_STUDENT, "35");
	resp(&m, PERSP_STUDENT, "40");
	resp(&m, PERSP_STUDENT, "05");
	analysis_result *r = run(&m, 3);
	/* pairs (1,2) (2,4) (3,5): cov 3, sxx 2, syy 14/3: r = 3 / sqrt(2 * 14/3) */
	assert_int_equal(r->corr_n[EL_LOS][EL_SRI], 3);
	near(r->corr[EL_LOS][EL_SRI], 3 / sqrt(2 * (14.0 / 3)), 1e-14);
	near(r->corr[EL_SRI][EL_LOS], r->corr[EL_LOS][EL_SRI], 0);
	assert_int_equal(r->corr_n[EL_LOS][EL_LOS], 4);
	assert_true(isnan(r->corr[EL_LOS][EL_GOC]));
	analysis_free(r);
	r = run(&m, 4); /* 3 pairs < k: not shown */
	assert_int_equal(r->corr_n[EL_LOS][EL_SRI], 0);
	assert_true(isnan(r->corr[EL_LOS][EL_SRI]));
	assert_int_equal(r->corr_n[EL_LOS][EL_LOS], 4);
	analysis_free(r);
}

static void test_bands_follow_the_shown_value(void **state)
{
	(void)state;
	assert_int_equal(analysis_tenths(3.96), 40);
	assert_int_equal(analysis_tenths(3.94), 39);
	assert_int_equal(analysis_tenths(3.25), 32); /* as printf: exact tie to even */
	assert_int_equal(analysis_band_of(3.96), BAND_STRENGTH);
	assert_int_equal(analysis_band_of(3.949), BAND_DISCUSS);
	assert_int_equal(analysis_band_of(4.0), BAND_STRENGTH);
	assert_int_equal(analysis_band_of(5.0), BAND_STRENGTH);
	assert_int_equal(analysis_band_of(3.0), BAND_DISCUSS);
	assert_int_equal(analysis_band_of(2.96), BAND_DISCUSS);
	assert_int_equal(analysis_band_of(2.95), BAND_DISCUSS); /* printf shows 3.0 */
	assert_int_equal(analysis_band_of(2.94), BAND_ATTENTION);
	assert_int_equal(analysis_band_of(1.0), BAND_ATTENTION);
	assert_int_equal(analysis_band_of(NAN), BAND_NONE);
	assert_true(analysis_gap_differs(1.0));
	assert_true(analysis_gap_differs(0.96));
	assert_false(analysis_gap_differs(0.95)); /* 0.9499999... shows as 0.9 */
	assert_false(analysis_gap_differs(0.94));
	assert_false(analysis_gap_differs(NAN));
	assert_string_equal(analysis_band_code(BAND_STRENGTH), "strength");
	assert_string_equal(analysis_band_code(BAND_DISCUSS), "discuss");
	assert_string_equal(analysis_band_code(BAND_ATTENTION), "attention");
	assert_string_equal(analysis_band_code(BAND_NONE), "none");
	char buf[16];
	const double vs[] = {3.96, 3.94, 2.95, 0.95, 3.25, 3.85, 1.05, 4.45};
	for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		snprintf(buf, sizeof buf, "%d.%d", analysis_tenths(vs[i]) / 10,
			 analysis_tenths(vs[i]) % 10);
		char shown[16];
		snprintf(shown, sizeof shown, "%.1f", vs[i]);
		assert_string_equal(buf, shown);
	}
}

static analysis_row total_row(bool shown, int n, double mean, double sd)
{
	analysis_row row;
	memset(&row, 0, sizeof row);
	row.plan.shown = row.plan.total_shown = shown;
	row.total = (analysis_cell){n, mean, sd};
	return row;
}

static void test_change_verdicts(void **state)
{
	(void)state;
	analysis_row a = total_row(true, 10, 3, 1);
	/* se = sqrt(0.2), df = 18, t = 2.10092204024096: half width 0.93956090 */
	analysis_row up = total_row(true, 10, 3.9396, 1);
	analysis_row flat = total_row(true, 10, 3.9395, 1);
	analysis_change ch = analysis_change_of(&a, &up);
	assert_true(ch.computed);
	assert_int_equal(ch.verdict, CHANGE_UP);
	near(ch.ci.df, 18, 1e-12);
	near(ch.ci.lo, 0.9396 - 0.9395608994812671, TOL_T);
	ch = analysis_change_of(&a, &flat);
	assert_int_equal(ch.verdict, CHANGE_UNCLEAR);
	assert_true(ch.ci.lo < 0 && ch.ci.hi > 0);
	ch = analysis_change_of(&up, &a);
	assert_int_equal(ch.verdict, CHANGE_DOWN);
	ch = analysis_change_of(&flat, &a);
	assert_int_equal(ch.verdict, CHANGE_UNCLEAR);

	/* a round below k, or n < 2: unclear, no interval */
	analysis_row hidden = total_row(false, 0, NAN, NAN);
	ch = analysis_change_of(&a, &hidden);
	assert_false(ch.computed);
	assert_int_equal(ch.verdict, CHANGE_UNCLEAR);
	assert_true(isnan(ch.ci.diff) && isnan(ch.ci.lo) && isnan(ch.ci.hi));
	ch = analysis_change_of(&hidden, &up);
	assert_int_equal(ch.verdict, CHANGE_UNCLEAR);
	analysis_row one = total_row(true, 1, 5, NAN);
	ch = analysis_change_of(&a, &one);
	assert_false(ch.computed);
	assert_int_equal(ch.verdict, CHANGE_UNCLEAR);

	/* a row whose total is hidden: the people of its shown cells, combined
	 * from the cells: {2,2,3,4,4} and {3,3,4,5,5} are n 10, mean 3.5,
	 * squared deviations 10.5, so SD sqrt(10.5 / 9) */
	analysis_row cells;
	memset(&cells, 0, sizeof cells);
	cells.plan.shown = true;
	cells.plan.state[PERSP_STUDENT] = cells.plan.state[PERSP_TEACHER] = ANON_SHOWN;
	cells.plan.state[PERSP_CITIZEN] = ANON_HIDDEN;
	cells.col[PERSP_STUDENT] = (analysis_cell){5, 3, 1};
	cells.col[PERSP_TEACHER] = (analysis_cell){5, 4, 1};
	cells.col[PERSP_CITIZEN] = (analysis_cell){0, NAN, NAN};
	cells.total = (analysis_cell){0, NAN, NAN};
	analysis_cell both = analysis_shown_people(&cells);
	assert_int_equal(both.n, 10);
	near(both.mean, 3.5, 1e-15);
	near(both.sd, sqrt(10.5 / 9), 1e-15);
	ch = analysis_change_of(&cells, &a);
	assert_true(ch.computed);
	near(ch.ci.diff, 3 - 3.5, 1e-15);
	assert_int_equal(analysis_shown_people(&hidden).n, 0);

	/* no variance on either side: the sign decides */
	analysis_row c3 = total_row(true, 5, 3, 0), c4 = total_row(true, 5, 4, 0);
	assert_int_equal(analysis_change_of(&c3, &c4).verdict, CHANGE_UP);
	assert_int_equal(analysis_change_of(&c4, &c3).verdict, CHANGE_DOWN);
	assert_int_equal(analysis_change_of(&c3, &c3).verdict, CHANGE_UNCLEAR);
	assert_string_equal(analysis_verdict_code(CHANGE_UP), "up");
	assert_string_equal(analysis_verdict_code(CHANGE_DOWN), "down");
	assert_string_equal(analysis_verdict_code(CHANGE_UNCLEAR), "unclear");
}

static void expect_rejected(mini *m, int k, const char *why)
{
	analysis_input in = {m->ni, m->items, m->nr, m->persp, m->ans, k, 0};
	const char *err = NULL;
	analysis_result *r = analysis_compute(&in, &err);
	if (r) {
		analysis_free(r);
		fail_msg("accepted input that should fail: %s", why);
	}
	assert_non_null(err);
}

static void test_invalid_input(void **state)
{
	(void)state;
	mini m = {0};
	item(&m, false, EL_LOS, false, 0);
	item(&m, true, OUT_CONNECTIONS, false, 0);
	resp(&m, PERSP_STUDENT, "45");
	resp(&m, PERSP_OTHER, "00");
	expect_rejected(&m, 2, "k below 3");
	analysis_free(run(&m, 3)); /* k = 3 is fine */

	m.ans[1] = 6;
	expect_rejected(&m, 3, "answer 6");
	m.ans[1] = -1;
	expect_rejected(&m, 3, "answer -1");
	m.ans[1] = 5;
	m.persp[1] = PERSP_COUNT;
	expect_rejected(&m, 3, "perspective out of range");
	m.persp[1] = PERSP_OTHER;
	m.items[0].group = EL_COUNT;
	expect_rejected(&m, 3, "element out of range");
	m.items[0].group = EL_VMM;
	m.items[1].group = OUT_COUNT;
	expect_rejected(&m, 3, "outcome out of range");
	m.items[1].group = OUT_CONNECTIONS;
	m.items[1].perspectives = 1u << PERSP_COUNT;
	expect_rejected(&m, 3, "perspective mask out of range");
	m.items[1].perspectives = 0;

	analysis_input in = {ANALYSIS_MAX_ITEMS + 1, m.items, 0, m.persp, m.ans, 5, 0};
	const char *err = NULL;
	assert_null(analysis_compute(&in, &err));
	in = (analysis_input){0, NULL, 0, NULL, NULL, 5, 0};
	analysis_result *r = analysis_compute(&in, &err);
	assert_non_null(r); /* an empty round is valid and shows nothing */
	assert_false(r->plan.shown);
	expect_hidden_row(&r->elements[EL_LOS]);
	analysis_free(r);
	analysis_free(NULL);
}

/* ---- fixtures */

static const char *const fixtures[] = {
	"basic", "complementary", "tie", "allsmall", "k3", "below_k", "exactly_k", "rowsupp",
	"change", "change_small",
};

static char ctx[160];
static int mismatches;

static void mismatch(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mismatch(const char *fmt, ...)
{
	if (++mismatches > 30)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", ctx);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* null in the fixture means undefined / not shown: NAN here */
static void cmp_num(json_t *want, double got, double tol, const char *what)
{
	if (json_is_null(want) || !want) {
		if (!isnan(got))
			mismatch("%s: got %.17g, want null", what, got);
		return;
	}
	double w = json_number_value(want);
	if (!(fabs(got - w) <= tol))
		mismatch("%s: got %.17g, want %.17g", what, got, w);
}

static void cmp_int(json_t *want, long long got, const char *what)
{
	if (!json_is_integer(want) || json_integer_value(want) != got)
		mismatch("%s: got %lld, want %lld", what, got,
			 json_is_integer(want) ? (long long)json_integer_value(want) : -1LL);
}

static void cmp_bool(json_t *want, bool got, const char *what)
{
	if (!json_is_boolean(want) || json_is_true(want) != got)
		mismatch("%s: got %d", what, got);
}

static void cmp_str(json_t *want, const char *got, const char *what)
{
	if (!json_is_string(want) || strcmp(json_string_value(want), got) != 0)
		mismatch("%s: got %s, want %s", what, got,
			 json_is_string(want) ? json_string_value(want) : "?");
}

/* A rounding tie at one decimal: the last bit decides which side, and
 * numpy and C may sum in a different order. Bands are not compared there. */
static bool on_rounding_tie(json_t *v)
{
	if (!json_is_number(v))
		return false;
	double x = json_number_value(v) * 10;
	return fabs(x - floor(x) - 0.5) < 1e-6;
}

static void cmp_plan(json_t *want, const anon_plan *p)
{
	cmp_bool(json_object_get(want, "shown"), p->shown, "plan.shown");
	cmp_bool(json_object_get(want, "total_shown"), p->total_shown, "plan.total_shown");
	cmp_int(json_object_get(want, "total"), p->total, "plan.total");
	cmp_int(json_object_get(want, "columns"), p->columns, "plan.columns");
	for (int i = 0; i < PERSP_COUNT; i++) {
		char what[32];
		snprintf(what, sizeof what, "plan.state[%d]", i);
		cmp_str(json_array_get(json_object_get(want, "state"), (size_t)i),
			anon_state_code(p->state[i]), what);
		snprintf(what, sizeof what, "plan.n[%d]", i);
		cmp_int(json_array_get(json_object_get(want, "n"), (size_t)i), p->n[i], what);
	}
}

static void cmp_cell(json_t *want, const analysis_cell *c, const char *name)
{
	char what[80];
	snprintf(what, sizeof what, "%s.n", name);
	cmp_int(json_object_get(want, "n"), c->n, what);
	snprintf(what, sizeof what, "%s.mean", name);
	cmp_num(json_object_get(want, "mean"), c->mean, TOL, what);
	snprintf(what, sizeof what, "%s.sd", name);
	cmp_num(json_object_get(want, "sd"), c->sd, TOL, what);
}

static void cmp_dist(json_t *want, const int *got, const char *name)
{
	for (int v = 0; v < 5; v++) {
		char what[80];
		snprintf(what, sizeof what, "%s[%d]", name, v + 1);
		cmp_int(json_array_get(want, (size_t)v), got[v], what);
	}
}

/* What is not shown carries no figure, whatever the fixture says. */
static void check_hidden_empty(const analysis_row *row)
{
	for (int p = 0; p < PERSP_COUNT; p++) {
		if (row->plan.state[p] == ANON_SHOWN)
			continue;
		if (row->col[p].n != 0 || !isnan(row->col[p].mean) || !isnan(row->col[p].sd))
			mismatch("column %d not shown but has figures", p);
		for (int v = 0; v < 5; v++)
			if (row->dist[p][v])
				mismatch("column %d not shown but has a distribution", p);
	}
	if (!row->plan.shown && (row->total.n || !isnan(row->total.mean) || !isnan(row->headline)))
		mismatch("row not shown but has figures");
	if (!row->plan.total_shown && (row->total.n || !isnan(row->total.mean)))
		mismatch("row total not shown but has figures");
	for (int v = 0; v < 5 && !row->plan.total_shown; v++)
		if (row->dist_total[v])
			mismatch("row total not shown but has a distribution");
}

static void cmp_row(json_t *want, const analysis_row *row, bool statement)
{
	cmp_plan(json_object_get(want, "plan"), &row->plan);
	for (int p = 0; p < PERSP_COUNT; p++) {
		char name[32];
		snprintf(name, sizeof name, "col[%d]", p);
		cmp_cell(json_array_get(json_object_get(want, "col"), (size_t)p), &row->col[p], name);
		if (statement) {
			snprintf(name, sizeof name, "dist[%d]", p);
			cmp_dist(json_array_get(json_object_get(want, "dist"), (size_t)p), row->dist[p],
				 name);
		}
	}
	cmp_cell(json_object_get(want, "total"), &row->total, "total");
	if (statement)
		cmp_dist(json_object_get(want, "dist_total"), row->dist_total, "dist_total");
	json_t *headline = json_object_get(want, "headline"), *gap = json_object_get(want, "gap");
	cmp_num(headline, row->headline, TOL, "headline");
	cmp_num(gap, row->gap, TOL, "gap");
	if (!on_rounding_tie(headline))
		cmp_str(json_object_get(want, "band"), analysis_band_code(row->band), "band");
	if (!on_rounding_tie(gap))
		cmp_bool(json_object_get(want, "differ"), row->differ, "differ");
	check_hidden_empty(row);
}

static void cmp_reliability(json_t *want, const analysis_reliability *rel)
{
	cmp_bool(json_object_get(want, "shown"), rel->shown, "alpha.shown");
	cmp_int(json_object_get(want, "n"), rel->n, "alpha.n");
	cmp_int(json_object_get(want, "n_items"), rel->n_items, "alpha.n_items");
	cmp_num(json_object_get(want, "alpha"), rel->alpha, TOL, "alpha");
	for (int j = 0; j < rel->n_items; j++) {
		char what[32];
		snprintf(what, sizeof what, "item_rest[%d]", j);
		cmp_num(json_array_get(json_object_get(want, "item_rest"), (size_t)j),
			rel->item_rest[j], TOL, what);
		snprintf(what, sizeof what, "alpha.items[%d]", j);
		cmp_int(json_array_get(json_object_get(want, "items"), (size_t)j), rel->item[j], what);
	}
}

static void cmp_round(const char *name, int ri, json_t *want, const analysis_result *r)
{
	snprintf(ctx, sizeof ctx, "%s round %d", name, ri);
	cmp_plan(json_object_get(want, "plan"), &r->plan);
	for (int e = 0; e < EL_COUNT; e++) {
		snprintf(ctx, sizeof ctx, "%s round %d element %d", name, ri, e);
		cmp_row(json_array_get(json_object_get(want, "elements"), (size_t)e), &r->elements[e],
			false);
		cmp_reliability(json_array_get(json_object_get(want, "alpha_elements"), (size_t)e),
				&r->alpha_elements[e]);
	}
	for (int o = 0; o < OUT_COUNT; o++) {
		snprintf(ctx, sizeof ctx, "%s round %d outcome %d", name, ri, o);
		cmp_row(json_array_get(json_object_get(want, "outcomes"), (size_t)o), &r->outcomes[o],
			false);
		cmp_reliability(json_array_get(json_object_get(want, "alpha_outcomes"), (size_t)o),
				&r->alpha_outcomes[o]);
	}
	for (int i = 0; i < r->n_items; i++) {
		snprintf(ctx, sizeof ctx, "%s round %d statement %d", name, ri, i);
		cmp_row(json_array_get(json_object_get(want, "items"), (size_t)i), &r->items[i], true);
	}
	snprintf(ctx, sizeof ctx, "%s round %d correlations", name, ri);
	for (int a = 0; a < EL_COUNT; a++)
		for (int b = 0; b < EL_COUNT; b++) {
			char what[32];
			snprintf(what, sizeof what, "corr[%d][%d]", a, b);
			json_t *row = json_array_get(json_object_get(want, "corr"), (size_t)a);
			cmp_num(json_array_get(row, (size_t)b), r->corr[a][b], TOL, what);
			row = json_array_get(json_object_get(want, "corr_n"), (size_t)a);
			cmp_int(json_array_get(row, (size_t)b), r->corr_n[a][b], what);
		}
}

static void cmp_change(json_t *want, const analysis_change *ch)
{
	cmp_bool(json_object_get(want, "computed"), ch->computed, "computed");
	cmp_num(json_object_get(want, "diff"), ch->ci.diff, TOL, "diff");
	cmp_num(json_object_get(want, "se"), ch->ci.se, TOL, "se");
	cmp_num(json_object_get(want, "df"), ch->ci.df, TOL, "df");
	cmp_num(json_object_get(want, "t"), ch->ci.t, TOL_T, "t");
	cmp_num(json_object_get(want, "lo"), ch->ci.lo, TOL_T, "lo");
	cmp_num(json_object_get(want, "hi"), ch->ci.hi, TOL_T, "hi");
	cmp_str(json_object_get(want, "verdict"), analysis_verdict_code(ch->verdict), "verdict");
}

/* The input of one round of a fixture, in arrays the caller frees. */
static analysis_result *compute_round(json_t *fx, json_t *round, const analysis_item *items,
				      int ni)
{
	json_t *persp = json_object_get(round, "perspectives");
	json_t *answers = json_object_get(round, "answers");
	int nr = (int)json_array_size(persp);
	uint8_t *p = calloc((size_t)nr + 1, 1);
	int8_t *a = calloc((size_t)nr * (size_t)ni + 1, 1);
	assert_non_null(p);
	assert_non_null(a);
	for (int r = 0; r < nr; r++) {
		p[r] = (uint8_t)json_integer_value(json_array_get(persp, (size_t)r));
		json_t *row = json_array_get(answers, (size_t)r);
		assert_int_equal(json_array_size(row), ni);
		for (int i = 0; i < ni; i++)
			a[(size_t)r * (size_t)ni + (size_t)i] =
				(int8_t)json_integer_value(json_array_get(row, (size_t)i));
	}
	analysis_input in = {ni, items, nr, p, a,
			     (int)json_integer_value(json_object_get(fx, "k")), 0};
	const char *err = NULL;
	analysis_result *res = analysis_compute(&in, &err);
	free(p);
	free(a);
	if (!res)
		fail_msg("analysis_compute: %s", err);
	return res;
}

static void run_fixture(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, FIXTURES "%s.json", name);
	json_error_t jerr;
	json_t *fx = json_load_file(path, 0, &jerr);
	if (!fx)
		fail_msg("%s: %s (line %d); run make unit from the repository root", path, jerr.text,
			 jerr.line);
	json_t *jitems = json_object_get(fx, "items");
	int ni = (int)json_array_size(jitems);
	analysis_item *items = calloc((size_t)ni + 1, sizeof *items);
	assert_non_null(items);
	for (int i = 0; i < ni; i++) {
		json_t *it = json_array_get(jitems, (size_t)i);
		items[i] = (analysis_item){
			json_is_true(json_object_get(it, "outcome")),
			(uint8_t)json_integer_value(json_object_get(it, "group")),
			json_is_true(json_object_get(it, "reverse")),
			(uint8_t)json_integer_value(json_object_get(it, "perspectives")),
		};
	}
	json_t *rounds = json_object_get(fx, "rounds");
	json_t *expected = json_object_get(fx, "expected");
	size_t nrounds = json_array_size(rounds);
	assert_true(nrounds >= 1);
	assert_int_equal(json_array_size(json_object_get(expected, "rounds")), nrounds);
	analysis_result **res = calloc(nrounds, sizeof *res);
	assert_non_null(res);
	for (size_t ri = 0; ri < nrounds; ri++) {
		res[ri] = compute_round(fx, json_array_get(rounds, ri), items, ni);
		cmp_round(name, (int)ri, json_array_get(json_object_get(expected, "rounds"), ri),
			  res[ri]);
	}
	json_t *changes = json_object_get(expected, "changes");
	assert_int_equal(json_array_size(changes), nrounds * (nrounds - 1) / 2);
	for (size_t c = 0; c < json_array_size(changes); c++) {
		json_t *jc = json_array_get(changes, c);
		size_t b = (size_t)json_integer_value(json_object_get(jc, "before"));
		size_t a = (size_t)json_integer_value(json_object_get(jc, "after"));
		assert_true(b < nrounds && a < nrounds);
		analysis_change ch[EL_COUNT];
		analysis_compare(res[b], res[a], ch);
		for (int e = 0; e < EL_COUNT; e++) {
			snprintf(ctx, sizeof ctx, "%s change %zu->%zu element %d", name, b, a, e);
			cmp_change(json_array_get(json_object_get(jc, "elements"), (size_t)e), &ch[e]);
		}
	}
	for (size_t ri = 0; ri < nrounds; ri++)
		analysis_free(res[ri]);
	free(res);
	free(items);
	json_decref(fx);
}

static void test_fixtures(void **state)
{
	(void)state;
	mismatches = 0;
	for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++)
		run_fixture(fixtures[f]);
	assert_int_equal(mismatches, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_respondents_by_hand),
		cmocka_unit_test(test_half_of_the_statements),
		cmocka_unit_test(test_statements_put_to_some_perspectives),
		cmocka_unit_test(test_headline_weighs_perspectives_equally),
		cmocka_unit_test(test_all_small_headline_is_weighted),
		cmocka_unit_test(test_row_n_below_k),
		cmocka_unit_test(test_round_below_k_shows_nothing),
		cmocka_unit_test(test_alpha_by_hand),
		cmocka_unit_test(test_correlation_by_hand),
		cmocka_unit_test(test_bands_follow_the_shown_value),
		cmocka_unit_test(test_change_verdicts),
		cmocka_unit_test(test_invalid_input),
		cmocka_unit_test(test_fixtures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
