/* test_retention.c - the retention rules (src/domain/retention.h): the
 * shorter limit wins, a workplace can only shorten, comments never
 * outlive answers, and the day on which data is past its limit, on
 * either side of the boundary. Also the snapshot of a round's figures
 * (src/figures/snapshot.h): a text it does not know is refused. */
#include "testutil.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_effective),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_past),
		cmocka_unit_test(test_snapshot_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
