/* test_retention.c - the retention rules (src/domain/retention.h): the
 * shorter limit wins, a workplace can only shorten, comments never
 * outlive answers, and the day on which data is past its limit, on
 * either side of the boundary. Also the snapshot of a round's figures
 * (src/figures/snapshot.h): a text it does not know is refused. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

#include "domain/retention.h"
#include "figures/snapshot.h"

static void test_effective(void **state)
{
	(void)state;
	retention_policy site = {{400, 30, 60, 0}}, own = {{100, 0, 90, 10}};
	retention_policy e = retention_effective(&site, &own);
	assert_int_equal(e.days[RET_ANSWERS], 100);   /* the workplace's, shorter */
	assert_int_equal(e.days[RET_COMMENTS], 30);   /* the site's; the workplace sets none */
	assert_int_equal(e.days[RET_ADDRESSES], 60);  /* never longer than the site's */
	assert_int_equal(e.days[RET_AUDIT], 10);      /* the site sets none */
	retention_policy none = {{0}}, answers_only = {{20, 0, 0, 0}};
	e = retention_effective(&none, NULL);
	for (int k = 0; k < RET_KIND_COUNT; k++)
		assert_int_equal(e.days[k], 0);
	/* comments go with the answers at the latest */
	e = retention_effective(&answers_only, NULL);
	assert_int_equal(e.days[RET_COMMENTS], 20);
	retention_policy longer_comments = {{20, 50, 0, 0}};
	e = retention_effective(&longer_comments, NULL);
	assert_int_equal(e.days[RET_COMMENTS], 20);
}

static void test_allowed(void **state)
{
	(void)state;
	assert_true(retention_allowed(30, 0));
	assert_true(retention_allowed(30, 30));
	assert_false(retention_allowed(30, 31));
	assert_true(retention_allowed(0, RETENTION_DAYS_MAX));
	assert_false(retention_allowed(0, RETENTION_DAYS_MAX + 1));
	assert_false(retention_allowed(0, -1));
}

static void test_past(void **state)
{
	(void)state;
	/* closed on day 100, kept 30 full days: day 130 keeps it, day 131 not */
	assert_false(retention_past(100, 30, 130));
	assert_true(retention_past(100, 30, 131));
	assert_false(retention_past(100, 0, 100000)); /* no limit */
	/* audit log: on day 20 with 10 days, entries from day 10 00:00 stay */
	assert_int_equal(retention_cutoff(10, 20), 10 * 86400);
	assert_string_equal(retention_kind_code(RET_AUDIT), "audit");
}

static void test_snapshot_refused(void **state)
{
	(void)state;
	snapshot_tallies t;
	const char *err = NULL;
	assert_null(snapshot_decode("not json", &t, &err));
	assert_non_null(err);
	err = NULL;
	assert_null(snapshot_decode("{\"version\":2}", &t, &err));
	assert_non_null(err);
	err = NULL;
	assert_null(snapshot_decode("{\"version\":1,\"submitted\":-1}", &t, &err));
	assert_non_null(err);
}

/* A round's figures survive the snapshot unchanged: the text read back
 * and written again is the same text, and the figures the pages print
 * are the same numbers. */
static void test_snapshot_round_trip(void **state)
{
	(void)state;
	enum { N = 20, ITEMS = 4 };
	analysis_item items[ITEMS] = {{false, EL_LOS, false, 0}, {false, EL_LOS, true, 0},
				      {false, EL_SRI, false, 0}, {true, 0, false, 0}};
	uint8_t persp[N];
	int8_t answers[N * ITEMS];
	for (int i = 0; i < N; i++) {
		persp[i] = (uint8_t)(i < 8 ? PERSP_STUDENT : i < 15 ? PERSP_PROFESSIONAL : i % 2 ? PERSP_TEACHER : PERSP_CITIZEN);
		for (int j = 0; j < ITEMS; j++)
			answers[i * ITEMS + j] = (int8_t)((i * 7 + j * 3) % 6); /* 0 = don't know now and then */
	}
	analysis_input in = {.n_items = ITEMS, .items = items, .n_respondents = N, .perspective = persp,
			     .answers = answers, .k = 5, .k_comments = 7};
	const char *err = NULL;
	analysis_result *res = analysis_compute(&in, &err);
	assert_non_null(res);
	snapshot_tallies t = {.submitted = N, .counts = {8, 7, 3, 0, 2}, .in_progress = 1, .triggers = {4, 0, 9}};
	char *text = snapshot_encode(res, &t);
	snapshot_tallies back_t;
	analysis_result *back = snapshot_decode(text, &back_t, &err);
	assert_non_null(back);
	char *again = snapshot_encode(back, &back_t);
	assert_string_equal(text, again);
	assert_memory_equal(&t, &back_t, sizeof t);
	assert_int_equal(back->plan.total, res->plan.total);
	for (int e = 0; e < EL_COUNT; e++) {
		assert_true(back->elements[e].plan.shown == res->elements[e].plan.shown);
		if (!isnan(res->elements[e].headline))
			assert_true(back->elements[e].headline == res->elements[e].headline);
		else
			assert_true(isnan(back->elements[e].headline));
	}
	assert_true(res->plan.shown); /* the fixture shows something */
	free(text);
	free(again);
	analysis_free(back);
	analysis_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_effective),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_past),
		cmocka_unit_test(test_snapshot_refused),
		cmocka_unit_test(test_snapshot_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
