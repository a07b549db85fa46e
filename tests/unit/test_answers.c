/* test_answers.c - how a response keeps its answers (one character per
 * question of its version, at the question's position): saving the whole
 * set and part of it, the version guard, a response added as sent, the
 * matrix the analysis reads, migration 4 from schema v3's table of one row
 * per answer (and its refusal of an answer at another version's question),
 * the answers view, and what `check` says about a broken text.
 * The fixture is answers_fixture.h; every expected text below is written
 * out by hand from its table of questions. */
#include "testutil.h"

#include <sqlite3.h>

#include "base/arena.h"
#include "base/util.h"
#include "store/schema.h"
#include "store/store.h"
#include "answers_fixture.h"

struct fx {
	char path[64];
	store *st;
	arena *a;
	item_layout v1, v2;
};

/* The first column of the first row as text ("NULL" for NULL). */
static char *raw_text(arena *a, const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	char *out = NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		out = arena_strdup(a, sqlite3_column_type(s, 0) == SQLITE_NULL
					      ? "NULL"
					      : (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return out;
}

static char *text_of(struct fx *f, int64_t response_id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT answers FROM responses WHERE id = %lld", (long long)response_id);
	return raw_text(f->a, f->path, sql);
}

static void load_layout(struct fx *f, int64_t version_id, item_layout *lay)
{
	item_row *rows;
	lay->version_id = version_id;
	assert_int_equal(store_items(f->st, f->a, version_id, &rows, &lay->n), ST_OK);
	lay->items = rows;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	tu_tmp_db(f->path, sizeof f->path);
	char *err = NULL;
	f->st = store_open(f->path, &err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	f->a = arena_new();
	tu_raw_exec(f->path, answers_fixture);
	load_layout(f, 1, &f->v1);
	load_layout(f, 2, &f->v2);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	arena_free(f->a);
	tu_remove_db(f->path);
	free(f);
	return 0;
}

static int64_t new_response(struct fx *f, int64_t round_id, perspective p, const char *access)
{
	int64_t id;
	assert_int_equal(store_response_create(f->st, round_id, p, access, NULL, "nl", false, &id), ST_OK);
	return id;
}

static void test_layout_in_position_order(void **state)
{
	struct fx *f = *state;
	assert_int_equal(f->v1.n, 4);
	assert_int_equal(f->v1.items[0].id, 12);
	assert_int_equal(f->v1.items[1].id, 10);
	assert_true(f->v1.items[1].open);
	assert_int_equal(f->v1.items[2].id, 11);
	assert_int_equal(f->v1.items[3].id, 13);
}

static void test_save_whole_and_part(void **state)
{
	struct fx *f = *state;
	int64_t r = new_response(f, 1, PERSP_STUDENT, "h1");
	assert_string_equal(text_of(f, r), "NULL");
	/* A = 3, B = don't know: places 0 and 2 */
	answer whole[] = {{12, 3}, {11, 0}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, whole, 2), ST_OK);
	assert_string_equal(text_of(f, r), "3.0.");
	/* a page with B and C: B loses its answer, C gets 5, A stays */
	int64_t page[] = {11, 13};
	answer given[] = {{13, 5}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, page, 2, given, 1), ST_OK);
	assert_string_equal(text_of(f, r), "3..5");
	answer *got;
	int n;
	assert_int_equal(store_response_answers(f->st, f->a, r, &f->v1, &got, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].item_id, 12);
	assert_int_equal(got[0].value, 3);
	assert_int_equal(got[1].item_id, 13);
	assert_int_equal(got[1].value, 5);
	/* before a whole save: comments and triggers go, the answers are
	 * left to the save, which replaces all of them */
	assert_int_equal(store_comment_set(f->st, r, 10, "een opmerking"), ST_OK);
	assert_int_equal(store_response_triggers_set(f->st, r, 5u), ST_OK);
	assert_string_equal(raw_text(f->a, f->path, "SELECT count(*) FROM comments"), "1");
	assert_string_equal(raw_text(f->a, f->path, "SELECT count(*) FROM response_triggers"), "2");
	assert_int_equal(store_response_clear_extras(f->st, r), ST_OK);
	assert_string_equal(raw_text(f->a, f->path, "SELECT count(*) FROM comments"), "0");
	assert_string_equal(raw_text(f->a, f->path, "SELECT count(*) FROM response_triggers"), "0");
	assert_string_equal(text_of(f, r), "3..5");
	answer only_c[] = {{13, 1}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, only_c, 1), ST_OK);
	assert_string_equal(text_of(f, r), "...1");
	assert_int_equal(store_response_answers(f->st, f->a, r, &f->v1, &got, &n), ST_OK);
	assert_int_equal(n, 1);
}

static void test_refuses_what_is_not_a_question(void **state)
{
	struct fx *f = *state;
	int64_t r = new_response(f, 1, PERSP_TEACHER, "h1");
	answer start[] = {{13, 2}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, start, 1), ST_OK);
	answer open[] = {{10, 3}};    /* the open question takes no value */
	answer other[] = {{20, 3}};   /* a question of version 2 */
	answer high[] = {{12, 6}};    /* outside the scale */
	answer low[] = {{12, -1}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, open, 1), ST_CONFLICT);
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, other, 1), ST_CONFLICT);
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, high, 1), ST_CONFLICT);
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, low, 1), ST_CONFLICT);
	int64_t unknown[] = {99};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, unknown, 1, NULL, 0), ST_CONFLICT);
	/* the layout of another version: the response's round uses version 1 */
	answer v2[] = {{20, 4}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v2, NULL, 0, v2, 1), ST_NOTFOUND);
	int64_t v2page[] = {20};
	assert_int_equal(store_answers_replace(f->st, r, &f->v2, v2page, 1, v2, 1), ST_NOTFOUND);
	answer *got;
	int n;
	assert_int_equal(store_response_answers(f->st, f->a, r, &f->v2, &got, &n), ST_NOTFOUND);
	assert_int_equal(store_answers_replace(f->st, 999, &f->v1, NULL, 0, start, 1), ST_NOTFOUND);
	/* nothing of it was stored */
	assert_string_equal(text_of(f, r), "...2");
}

static void test_add_sent_and_matrix(void **state)
{
	struct fx *f = *state;
	int64_t r1 = new_response(f, 1, PERSP_STUDENT, "h1");
	answer a1[] = {{12, 3}, {13, 5}};
	assert_int_equal(store_answers_replace(f->st, r1, &f->v1, NULL, 0, a1, 2), ST_OK);
	assert_int_equal(store_response_submit(f->st, r1), ST_OK);
	int64_t r2;
	answer a2[] = {{11, 4}, {12, 0}};
	assert_int_equal(store_response_add_sent(f->st, 1, PERSP_PROFESSIONAL, "import-1", &f->v1, a2, 2,
						 &r2),
			 ST_OK);
	assert_string_equal(text_of(f, r2), "0.4.");
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT submitted FROM responses WHERE id = %lld", (long long)r2);
	assert_string_equal(raw_text(f->a, f->path, sql), "1");
	/* not sent: not in the matrix */
	int64_t r3 = new_response(f, 1, PERSP_TEACHER, "h3");
	answer a3[] = {{12, 1}};
	assert_int_equal(store_answers_replace(f->st, r3, &f->v1, NULL, 0, a3, 1), ST_OK);
	/* the wrong version, or a round that does not exist: nothing added */
	int64_t none = 0;
	assert_int_equal(store_response_add_sent(f->st, 1, PERSP_STUDENT, "import-2", &f->v2, a2, 0, &none),
			 ST_NOTFOUND);
	assert_int_equal(store_response_add_sent(f->st, 9, PERSP_STUDENT, "import-3", &f->v1, a2, 0, &none),
			 ST_NOTFOUND);
	answer open[] = {{10, 1}};
	assert_int_equal(store_response_add_sent(f->st, 1, PERSP_STUDENT, "import-4", &f->v1, open, 1, &none),
			 ST_CONFLICT);
	assert_string_equal(raw_text(f->a, f->path, "SELECT COUNT(*) FROM responses"), "3");

	/* columns C, A, B; rows in response order; "don't know" and missing read 0 */
	int64_t cols[] = {13, 12, 11};
	int n;
	uint8_t *persp;
	int8_t *m;
	assert_int_equal(store_round_matrix(f->st, f->a, 1, cols, 3, &n, &persp, &m), ST_OK);
	assert_int_equal(n, 2);
	int8_t want[] = {5, 3, 0, 0, 0, 4};
	bool first_is_r1 = persp[0] == PERSP_STUDENT;
	for (int i = 0; i < 6; i++)
		assert_int_equal(m[first_is_r1 ? i : (i + 3) % 6], want[i]);
	assert_int_equal(persp[first_is_r1 ? 1 : 0], PERSP_PROFESSIONAL);

	/* exports read the same, with the item ids */
	stored_response *sr;
	assert_int_equal(store_round_responses(f->st, f->a, 1, &sr, &n), ST_OK);
	assert_int_equal(n, 2);
	const stored_response *imp = sr[0].persp == PERSP_PROFESSIONAL ? &sr[0] : &sr[1];
	assert_int_equal(imp->n_answers, 2);
	assert_int_equal(imp->answers[0].item_id, 12);
	assert_int_equal(imp->answers[0].value, 0);
	assert_int_equal(imp->answers[1].item_id, 11);
	assert_int_equal(imp->answers[1].value, 4);

	/* the view gives them back as rows: NULL for "don't know" */
	assert_string_equal(raw_text(f->a, f->path,
				     "SELECT group_concat(item_id || '=' || COALESCE(value, 'dk'), ' ') FROM"
				     " (SELECT * FROM answers ORDER BY response_id, item_id)"),
			    "12=3 13=5 11=4 12=dk 12=1");
	char *report;
	assert_int_equal(store_check(f->st, f->a, &report), 0);
}

static void test_round_bump(void **state)
{
	struct fx *f = *state;
	assert_string_equal(raw_text(f->a, f->path, "SELECT answers_version FROM rounds WHERE id = 2"), "0");
	assert_int_equal(store_round_answers_changed(f->st, 2), ST_OK);
	assert_string_equal(raw_text(f->a, f->path, "SELECT answers_version FROM rounds WHERE id = 2"), "1");
	assert_int_equal(store_round_answers_changed(f->st, 99), ST_NOTFOUND);
}

/* A database of schema v3 with answers as rows, built with sqlite3 alone. */
static void build_v3(const char *path, const char *answers_sql)
{
	for (int v = 1; v <= 3; v++)
		tu_raw_exec(path, schema_migration(v));
	tu_raw_exec(path, "INSERT INTO meta (key, value) VALUES ('schema_version', '3')");
	tu_raw_exec(path, answers_fixture);
	tu_raw_exec(path, answers_fixture_v3_responses);
	tu_raw_exec(path, answers_sql);
}

static void test_migration_from_rows(void **state)
{
	(void)state;
	char path[64];
	tu_tmp_db(path, sizeof path);
	build_v3(path, answers_fixture_v3_answers);
	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st)
		fail_msg("migrating v3: %s", err);
	arena *a = arena_new();
	for (int i = 0; i < 4; i++) {
		char sql[64];
		snprintf(sql, sizeof sql, "SELECT answers FROM responses WHERE id = %d", i + 1);
		assert_string_equal(raw_text(a, path, sql), answers_fixture_v3_texts[i]);
	}
	assert_string_equal(raw_text(a, path, "SELECT type FROM sqlite_master WHERE name = 'answers'"),
			    "view");
	assert_string_equal(raw_text(a, path, answers_fixture_view_sqlite), answers_fixture_view);
	char *report;
	assert_int_equal(store_check(st, a, &report), 0);
	arena_free(a);
	store_close(st);
	tu_remove_db(path);
}

static void test_migration_refuses_a_foreign_answer(void **state)
{
	(void)state;
	char path[64];
	tu_tmp_db(path, sizeof path);
	/* item 20 is a question of version 2; response 1's round uses version 1 */
	build_v3(path, "INSERT INTO answers (response_id, item_id, value) VALUES (1, 12, 3), (1, 20, 4)");
	char *err = NULL;
	assert_null(store_open(path, &err));
	assert_non_null(strstr(err, "migration 4"));
	assert_non_null(strstr(err, "nothing was changed"));
	free(err);
	arena *a = arena_new();
	assert_string_equal(raw_text(a, path, "SELECT value FROM meta WHERE key = 'schema_version'"), "3");
	assert_string_equal(raw_text(a, path, "SELECT COUNT(*) FROM answers"), "2");
	assert_string_equal(raw_text(a, path, "SELECT type FROM sqlite_master WHERE name = 'answers'"),
			    "table");
	arena_free(a);
	tu_remove_db(path);
}

/* After sql, check finds exactly one problem, and says this of it. */
static void one_problem(struct fx *f, const char *sql, const char *says)
{
	tu_raw_exec(f->path, sql);
	char *report = NULL;
	assert_int_equal(store_check(f->st, f->a, &report), 1);
	assert_non_null(strstr(report, says));
}

static void test_check_finds_broken_texts(void **state)
{
	struct fx *f = *state;
	int64_t r = new_response(f, 1, PERSP_STUDENT, "h1");
	answer as[] = {{12, 3}};
	assert_int_equal(store_answers_replace(f->st, r, &f->v1, NULL, 0, as, 1), ST_OK);
	char *report = NULL;
	assert_int_equal(store_check(f->st, f->a, &report), 0);
	one_problem(f, "UPDATE responses SET answers = '3..' WHERE id = 1", /* too short */
		    "response 1: its answers hold 3 places; its instrument version has 4");
	one_problem(f, "UPDATE responses SET answers = '35..' WHERE id = 1", /* at the open question */
		    "place 1 is an open question");
	/* a character that is no answer, and one beyond the scale */
	one_problem(f, "UPDATE responses SET answers = '3.x.'", "response 1: place 2 holds 'x'");
	one_problem(f, "UPDATE responses SET answers = '6...'", "response 1: place 0 holds '6'");
	/* a version whose positions have a gap (only a broken database has one) */
	one_problem(f,
		    "UPDATE responses SET answers = '3...';"
		    " DROP TRIGGER items_immutable; UPDATE items SET position = 7 WHERE id = 13",
		    "response 1: its instrument version has no question at place 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout_in_position_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_whole_and_part, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_what_is_not_a_question, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_sent_and_matrix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_bump, setup, teardown),
		cmocka_unit_test(test_migration_from_rows),
		cmocka_unit_test(test_migration_refuses_a_foreign_answer),
		cmocka_unit_test_setup_teardown(test_check_finds_broken_texts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
