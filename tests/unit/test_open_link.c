/* test_open_link.c - the open link's guard and what the round page shows:
 * the buckets, the cool-down and the day summary (src/domain/open_link.c),
 * counts per perspective below k (src/domain/counts.c), the browser's
 * cookie (src/web/answering.c), and in the SQLite store the
 * counting against a limit (st_openlink.c) and migration 6 (k_comments). */
#include "testutil.h"

#include <stdbool.h>
#include <stdint.h>

#include "answers_fixture.h"
#include "base/arena.h"
#include "domain/counts.h"
#include "domain/open_link.h"
#include "store/schema.h"
#include "store/store.h"
#include "web/answering.h"

/* ---- buckets and cool-down ---- */

static void test_buckets(void **state)
{
	(void)state;
	assert_int_equal(open_link_bucket(0), 0);
	assert_int_equal(open_link_bucket(599), 0);
	assert_int_equal(open_link_bucket(600), 600);
	assert_int_equal(open_link_bucket(1700000123), 1699999800);
	assert_int_equal(open_link_retry_after(600), 600); /* a bucket just begun */
	assert_int_equal(open_link_retry_after(1199), 1); /* its last second */
	assert_int_equal(open_link_retry_after(1700000123), 277);
}

static void test_cooldown(void **state)
{
	(void)state;
	assert_int_equal(open_link_cooldown_left(1000, 1000, 120), 120);
	assert_int_equal(open_link_cooldown_left(1000, 1119, 120), 1);
	assert_int_equal(open_link_cooldown_left(1000, 1120, 120), 0);
	assert_int_equal(open_link_cooldown_left(1000, 5000, 120), 0);
	assert_int_equal(open_link_cooldown_left(1000, 1000, 0), 0);
	/* a time in the future waits one cool-down at most */
	assert_int_equal(open_link_cooldown_left(99999, 1000, 120), 120);
}

static void test_summary(void **state)
{
	(void)state;
	open_link_summary s;
	open_link_summarise(NULL, 0, &s);
	assert_int_equal(s.withdrawals, 0);
	assert_int_equal(s.last_refused, -1);
	assert_int_equal(s.last_burst, -1);
	assert_int_equal(s.shown, 0);
	/* newest first; a burst at OPEN_LINK_BURST, not below */
	open_link_day days[16] = {
		{.day = 30, .submits = 25, .withdrawals = 1, .busiest = OPEN_LINK_BURST - 1},
		{.day = 29, .submits = 30, .refused = 2, .busiest = OPEN_LINK_BURST},
		{.day = 28, .withdrawals = 2, .refused = 1, .busiest = OPEN_LINK_BURST + 5},
	};
	for (int i = 3; i < 16; i++)
		days[i] = (open_link_day){.day = 30 - i, .withdrawals = 1};
	open_link_summarise(days, 3, &s);
	assert_int_equal(s.withdrawals, 3);
	assert_int_equal(s.refused, 3);
	assert_int_equal(s.last_refused, 29);
	assert_int_equal(s.last_burst, 29);
	assert_int_equal(s.burst_size, OPEN_LINK_BURST);
	assert_int_equal(s.shown, 3);
	open_link_summarise(days, 16, &s);
	assert_int_equal(s.withdrawals, 16); /* over every day, not only those listed */
	assert_int_equal(s.shown, OPEN_LINK_DAYS_SHOWN);
}

/* ---- counts per perspective ---- */

static void plan(const int n[PERSP_COUNT], int k, count_shown out[PERSP_COUNT])
{
	counts_plan(n, k, out);
	/* whatever the plan, it never lets a small group's count follow */
	bool small_exact = false;
	for (int p = 0; p < PERSP_COUNT; p++)
		small_exact |= n[p] > 0 && n[p] < k && out[p] == COUNT_EXACT;
	assert_false(small_exact);
}

static void test_counts_boundaries(void **state)
{
	(void)state;
	count_shown how[PERSP_COUNT];
	/* student k, professional k-1, teacher 1, the rest 0: two small groups
	 * of 5 together, which could be 1+4, 2+3, ...: nothing to round */
	int n[PERSP_COUNT] = {5, 4, 1, 0, 0, 0, 0};
	plan(n, 5, how);
	assert_int_equal(how[PERSP_STUDENT], COUNT_EXACT);
	assert_int_equal(how[PERSP_PROFESSIONAL], COUNT_FEW);
	assert_int_equal(how[PERSP_TEACHER], COUNT_FEW);
	assert_int_equal(how[PERSP_CITIZEN], COUNT_EXACT);
	assert_false(counts_give_away(n, 5, how));
	/* all at k or above, or 0: all exact */
	int big[PERSP_COUNT] = {5, 6, 0, 0, 50, 0, 0};
	plan(big, 5, how);
	for (int p = 0; p < PERSP_COUNT; p++)
		assert_int_equal(how[p], COUNT_EXACT);
}

static void test_counts_complementary(void **state)
{
	(void)state;
	count_shown how[PERSP_COUNT];
	/* one small group beside exact ones: total - exact = 3. The smallest
	 * group of k or more (manager 6) is rounded, not the student 12 */
	int n[PERSP_COUNT] = {12, 3, 0, 0, 0, 6, 0};
	plan(n, 5, how);
	assert_int_equal(how[PERSP_PROFESSIONAL], COUNT_FEW);
	assert_int_equal(how[PERSP_MANAGER], COUNT_MANY);
	assert_int_equal(how[PERSP_STUDENT], COUNT_EXACT);
	assert_false(counts_give_away(n, 5, how));
	/* two small groups of k-1 each: 8 = 4 + 4 is the only way */
	int two[PERSP_COUNT] = {4, 4, 7, 0, 0, 0, 0};
	plan(two, 5, how);
	assert_int_equal(how[PERSP_STUDENT], COUNT_FEW);
	assert_int_equal(how[PERSP_TEACHER], COUNT_MANY);
	/* rounding a group of exactly k beside a small group of 1 does not
	 * help (6 = 1 + at least 5): the total gives it away, and the plan
	 * says so rather than pretend */
	int edge[PERSP_COUNT] = {1, 5, 0, 0, 0, 0, 0};
	counts_plan(edge, 5, how);
	assert_int_equal(how[PERSP_STUDENT], COUNT_FEW);
	assert_true(counts_give_away(edge, 5, how));
	/* only a small group: the total is its count */
	int alone[PERSP_COUNT] = {0, 0, 3, 0, 0, 0, 0};
	counts_plan(alone, 5, how);
	assert_int_equal(how[PERSP_TEACHER], COUNT_FEW);
	assert_true(counts_give_away(alone, 5, how));
	/* nothing small: nothing to give away */
	int none[PERSP_COUNT] = {0};
	counts_plan(none, 5, how);
	assert_false(counts_give_away(none, 5, how));
}

/* ---- the browser's cookie ---- */

static void test_cookie(void **state)
{
	(void)state;
	open_cookie c;
	open_cookie_parse(NULL, &c);
	assert_int_equal(c.kind, OPEN_COOKIE_NONE);
	open_cookie_parse("AAAAAAAAAAAAAAAAAAAAAA", &c);
	assert_int_equal(c.kind, OPEN_COOKIE_STARTED);
	assert_string_equal(c.token, "AAAAAAAAAAAAAAAAAAAAAA");
	char v[48];
	open_cookie_sent(7, 1700000000, v);
	assert_string_equal(v, "s.7.1700000000");
	open_cookie_parse(v, &c);
	assert_int_equal(c.kind, OPEN_COOKIE_SENT);
	assert_int_equal(c.round_id, 7);
	assert_int_equal(c.sent_at, 1700000000);
	const char *bad[] = {"", "s.", "s..1", "s.7.", "s.7", "s.0.5", "s.-1.5", "s.7.x", "s.x.7", "s.7.5.5",
			     "x.7.5", "AAAA", "s.99999999999999999999999.1",
			     "s.1.99999999999999999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		open_cookie_parse(bad[i], &c);
		if (c.kind != OPEN_COOKIE_NONE)
			fail_msg("%s read as kind %d", bad[i], c.kind);
	}
}

/* ---- the store ---- */

struct fx {
	char path[64];
	store *st;
	arena *a;
};

/* A database of schema 5 with the answers fixture's two rounds (k 5 and
 * 9), migrated by opening it. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	tu_tmp_db(f->path, sizeof f->path);
	for (int v = 1; v <= 5; v++)
		tu_raw_exec(f->path, schema_migration(v));
	tu_raw_exec(f->path, "INSERT INTO meta (key, value) VALUES ('schema_version', '5')");
	tu_raw_exec(f->path, answers_fixture);
	tu_raw_exec(f->path, "UPDATE rounds SET k = 9 WHERE id = 2");
	char *err = NULL;
	f->st = store_open(f->path, &err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	f->a = arena_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	arena_free(f->a);
	tu_remove_db(f->path);
	char pattern[96];
	snprintf(pattern, sizeof pattern, "%s.bak-*", f->path);
	glob_t g;
	if (glob(pattern, 0, NULL, &g) == 0)
		for (size_t i = 0; i < g.gl_pathc; i++)
			remove(g.gl_pathv[i]);
	globfree(&g);
	free(f);
	return 0;
}

static void test_migration_gives_k_plus_2(void **state)
{
	struct fx *f = *state;
	mround rd;
	assert_int_equal(store_round_get(f->st, f->a, 1, &rd), ST_OK);
	assert_int_equal(rd.k, 5);
	assert_int_equal(rd.k_comments, 7);
	assert_int_equal(store_round_get(f->st, f->a, 2, &rd), ST_OK);
	assert_int_equal(rd.k_comments, 11);
	/* a new round: as given, or k + 2 when not given */
	assert_int_equal(store_begin(f->st), ST_OK);
	mround nr = {.workplace_id = 1, .version_id = 1, .title = "N", .opens_on = "2026-01-01",
		     .closes_on = "2026-02-01", .k = 6, .open_token = "t3"};
	int64_t id;
	assert_int_equal(store_round_create(f->st, &nr, &id), ST_OK);
	nr.k_comments = 6;
	nr.open_token = "t4";
	int64_t id2;
	assert_int_equal(store_round_create(f->st, &nr, &id2), ST_OK);
	/* never below k: the database refuses it */
	nr.k_comments = 5;
	nr.open_token = "t5";
	assert_int_equal(store_round_create(f->st, &nr, &id2), ST_CONFLICT);
	assert_int_equal(store_commit(f->st), ST_OK);
	assert_int_equal(store_round_get(f->st, f->a, id, &rd), ST_OK);
	assert_int_equal(rd.k_comments, 8);
}

static bool count(struct fx *f, int64_t round, int64_t bucket, open_event e, int limit)
{
	bool counted = false;
	assert_int_equal(store_open_link_count(f->st, round, bucket, e, limit, &counted), ST_OK);
	return counted;
}

static void test_count_against_the_limit(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->st), ST_OK);
	/* three starts fit in a bucket with limit 3, the fourth does not */
	for (int i = 0; i < 3; i++)
		assert_true(count(f, 1, 600, OPEN_START, 3));
	assert_false(count(f, 1, 600, OPEN_START, 3));
	assert_int_equal(store_open_link_refused(f->st, 1, 600, OPEN_START), ST_OK);
	/* submissions have their own limit; withdrawals none */
	assert_true(count(f, 1, 600, OPEN_SUBMIT, 1));
	assert_false(count(f, 1, 600, OPEN_SUBMIT, 1));
	assert_int_equal(store_open_link_refused(f->st, 1, 600, OPEN_SUBMIT), ST_OK);
	for (int i = 0; i < 5; i++)
		assert_true(count(f, 1, 600, OPEN_WITHDRAW, 1));
	/* the next bucket, another round: fresh */
	assert_true(count(f, 1, 1200, OPEN_START, 3));
	assert_true(count(f, 2, 600, OPEN_START, 1));
	/* the same day in a later bucket, and a day later */
	for (int i = 0; i < 2; i++)
		assert_true(count(f, 1, 86400 - 600, OPEN_SUBMIT, 5));
	assert_true(count(f, 1, 86400 + 600, OPEN_SUBMIT, 5));
	assert_int_equal(store_commit(f->st), ST_OK);

	open_link_day *days;
	int n;
	assert_int_equal(store_open_link_days(f->st, f->a, 1, &days, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(days[0].day, 1); /* newest first */
	assert_int_equal(days[0].submits, 1);
	assert_int_equal(days[1].day, 0);
	assert_int_equal(days[1].starts, 4);
	assert_int_equal(days[1].submits, 3);
	assert_int_equal(days[1].withdrawals, 5);
	assert_int_equal(days[1].refused, 2);
	assert_int_equal(days[1].busiest, 2);
	assert_int_equal(store_open_link_days(f->st, f->a, 99, &days, &n), ST_OK);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_cooldown),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_counts_boundaries),
		cmocka_unit_test(test_counts_complementary),
		cmocka_unit_test(test_cookie),
		cmocka_unit_test_setup_teardown(test_migration_gives_k_plus_2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_against_the_limit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
