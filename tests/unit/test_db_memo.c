/* test_db_memo.c - db_prepare_memo on SQLite: a lookup repeated in read
 * transactions is answered from the connection's memory, row for row and
 * value for value as SQLite answers it, and never after anything has been
 * committed since: by another connection, another process (a plain sqlite3
 * handle), the connection itself, inside or outside a transaction. The
 * count of answers from memory (db->memo_hits) shows which way a lookup
 * went; the values show that it was right. */
#include "testutil.h"

#include "store/db_internal.h"

struct fx {
	char path[64];
	db *a, *b;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	tu_tmp_db(f->path, sizeof f->path);
	char *err = NULL;
	f->a = db_open(f->path, false, &err);
	assert_non_null(f->a);
	f->b = db_open(f->path, false, &err);
	assert_non_null(f->b);
	assert_int_equal(db_exec_script(f->a, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT,"
					      " score REAL, note TEXT);"
					      "INSERT INTO t VALUES (1, 'een', 1.5, NULL), (2, 'twee', 2.25, 'x'),"
					      " (3, 'drie', -3.0, '');"),
			 DB_DONE);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(f->a);
	db_close(f->b);
	tu_remove_db(f->path);
	free(f);
	return 0;
}

/* The name of row `id` through a memo lookup in its own read transaction
 * (empty when there is no such row); *hit says whether memory answered. */
static const char *name_of(db *c, int64_t id, bool *hit)
{
	static char out[64];
	int64_t before = c->memo_hits;
	assert_int_equal(db_begin_read(c), DB_DONE);
	db_stmt *s = db_prepare_memo(c, SQL("SELECT name FROM t WHERE id = ?"));
	db_bind_int(s, 1, id);
	out[0] = '\0';
	if (db_step(s) == DB_ROW)
		snprintf(out, sizeof out, "%s", db_text(s, 0));
	assert_int_equal(db_step(s), DB_DONE);
	db_done(s);
	db_rollback(c);
	*hit = c->memo_hits > before;
	return out;
}

/* name_of, and whether memory answered it */
static void expect_name(db *c, int64_t id, const char *want, bool want_hit)
{
	bool hit;
	assert_string_equal(name_of(c, id, &hit), want);
	assert_int_equal(hit, want_hit);
}

static void test_repeated_lookup_from_memory(void **state)
{
	struct fx *f = *state;
	expect_name(f->a, 2, "twee", false);
	expect_name(f->a, 2, "twee", true);
	/* other bound values are another lookup */
	expect_name(f->a, 3, "drie", false);
	expect_name(f->a, 9, "", false);
	expect_name(f->a, 9, "", true); /* no row is an answer too */
	expect_name(f->a, 2, "twee", true);
}

static void test_commit_by_another_connection(void **state)
{
	struct fx *f = *state;
	expect_name(f->a, 1, "een", false);
	assert_int_equal(db_exec_script(f->b, "UPDATE t SET name = 'one' WHERE id = 1"), DB_DONE);
	expect_name(f->a, 1, "one", false);
	expect_name(f->a, 1, "one", true);
	/* an unrelated row counts as a change as well */
	assert_int_equal(db_exec_script(f->b, "UPDATE t SET note = 'y' WHERE id = 3"), DB_DONE);
	expect_name(f->a, 1, "one", false);
}

static void test_commit_by_another_process(void **state)
{
	struct fx *f = *state;
	expect_name(f->a, 2, "twee", false);
	tu_raw_exec(f->path, "UPDATE t SET name = 'two' WHERE id = 2");
	expect_name(f->a, 2, "two", false);
	tu_raw_exec(f->path, "DELETE FROM t WHERE id = 2");
	expect_name(f->a, 2, "", false);
}

/* Rename row 1 through c, in whatever transaction c is in. */
static void rename_first(db *c, const char *name)
{
	db_stmt *u = db_prepare(c, SQL("UPDATE t SET name = ? WHERE id = 1"));
	db_bind_text(u, 1, name);
	assert_int_equal(db_run(u), DB_DONE);
}

static void test_own_changes(void **state)
{
	struct fx *f = *state;
	expect_name(f->a, 1, "een", false);
	/* outside a transaction (autocommit) */
	rename_first(f->a, "uno");
	expect_name(f->a, 1, "uno", false);
	/* in a write transaction */
	assert_int_equal(db_begin_write(f->a), DB_DONE);
	rename_first(f->a, "ein");
	assert_int_equal(db_commit(f->a), DB_DONE);
	expect_name(f->a, 1, "ein", false);
	/* a script */
	assert_int_equal(db_exec_script(f->a, "UPDATE t SET name = 'un' WHERE id = 1"), DB_DONE);
	expect_name(f->a, 1, "un", false);
}

/* A write inside a read transaction that is then rolled back: what was
 * read after it was never committed, so it must not be remembered, and
 * within the transaction the lookup sees the write. */
static void test_write_inside_read_transaction(void **state)
{
	struct fx *f = *state;
	expect_name(f->a, 1, "een", false);
	assert_int_equal(db_begin_read(f->a), DB_DONE);
	rename_first(f->a, "never");
	db_stmt *s = db_prepare_memo(f->a, SQL("SELECT name FROM t WHERE id = ?"));
	db_bind_int(s, 1, 1);
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_text(s, 0), "never");
	db_done(s);
	db_rollback(f->a);
	expect_name(f->a, 1, "een", false);
}

/* Outside a read transaction a memo statement is a plain one. */
static void test_only_in_read_transactions(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 3; i++) {
		db_stmt *s = db_prepare_memo(f->a, SQL("SELECT name FROM t WHERE id = ?"));
		db_bind_int(s, 1, 3);
		assert_int_equal(db_step(s), DB_ROW);
		assert_string_equal(db_text(s, 0), "drie");
		db_done(s);
	}
	assert_int_equal(db_begin_write(f->a), DB_DONE);
	for (int i = 0; i < 2; i++) {
		db_stmt *s = db_prepare_memo(f->a, SQL("SELECT name FROM t WHERE id = ?"));
		db_bind_int(s, 1, 3);
		assert_int_equal(db_step(s), DB_ROW);
		db_done(s);
	}
	assert_int_equal(db_commit(f->a), DB_DONE);
	assert_int_equal(f->a->memo_hits, 0);
}

/* The current row of SELECT id, name, score, note: every column read as
 * every kind, and a column past the last one. */
static size_t row_text(db_stmt *s, char *out, size_t size)
{
	return (size_t)snprintf(out, size, "%lld|%s|%s|%.2f|%lld|%s|%d|%d;", (long long)db_int(s, 0),
				db_text(s, 0), db_text(s, 1), db_double(s, 2), (long long)db_int(s, 2),
				db_text(s, 3), db_isnull(s, 3), db_isnull(s, 7));
}

/* Every row and every kind of value reads back as SQLite gives it, the
 * second time from memory, with conversions between kinds. */
static void read_all(db *c, char *out, size_t size)
{
	assert_int_equal(db_begin_read(c), DB_DONE);
	db_stmt *s = db_prepare_memo(c, SQL("SELECT id, name, score, note FROM t WHERE id >= ?"
					       " ORDER BY id"));
	db_bind_int(s, 1, 1);
	size_t n = 0;
	out[0] = '\0';
	while (db_step(s) == DB_ROW) {
		assert_int_equal(db_column_count(s), 4);
		assert_string_equal(db_column_name(s, 2), "score");
		n += row_text(s, out + n, size - n);
	}
	db_done(s);
	db_rollback(c);
}

static void test_values_and_rows(void **state)
{
	struct fx *f = *state;
	char first[512], second[512];
	read_all(f->a, first, sizeof first);
	assert_string_equal(first, "1|1|een|1.50|1||1|1;2|2|twee|2.25|2|x|0|1;3|3|drie|-3.00|-3||0|1;");
	int64_t before = f->a->memo_hits;
	read_all(f->a, second, sizeof second);
	assert_int_equal(f->a->memo_hits, before + 1);
	assert_string_equal(second, first);
}

/* A large answer is given in full, and read again from the database. */
static void test_large_answer_not_kept(void **state)
{
	struct fx *f = *state;
	assert_int_equal(db_exec_script(f->a, "WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1"
					      " FROM n WHERE i < 1000) INSERT INTO t SELECT i,"
					      " printf('name %d', i), i, NULL FROM n;"),
			 DB_DONE);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(db_begin_read(f->a), DB_DONE);
		db_stmt *s = db_prepare_memo(f->a, SQL("SELECT id, name FROM t WHERE id >= ? ORDER BY id"));
		db_bind_int(s, 1, 1);
		int64_t sum = 0, rows = 0;
		while (db_step(s) == DB_ROW) {
			sum += db_int(s, 0);
			rows++;
		}
		db_done(s);
		db_rollback(f->a);
		assert_int_equal(rows, 1000);
		assert_int_equal(sum, 1000 * 1001 / 2);
	}
	assert_int_equal(f->a->memo_hits, 0);
}

/* While one statement replays an answer, other lookups take every slot,
 * its own included: the rows it reads stay its own until it is done
 * (AddressSanitizer watches the memory). */
static void test_replay_survives_reuse_of_its_slot(void **state)
{
	struct fx *f = *state;
	char want[512], got[512];
	read_all(f->a, want, sizeof want); /* remembered */
	assert_int_equal(db_begin_read(f->a), DB_DONE);
	db_stmt *s = db_prepare_memo(f->a, SQL("SELECT id, name, score, note FROM t WHERE id >= ?"
					       " ORDER BY id"));
	db_bind_int(s, 1, 1);
	int64_t hits = f->a->memo_hits;
	size_t n = 0;
	got[0] = '\0';
	while (db_step(s) == DB_ROW) {
		assert_int_equal(f->a->memo_hits, hits + 1);
		for (int id = 100; id < 400; id++) {
			db_stmt *o = db_prepare_memo(f->a, SQL("SELECT name FROM t WHERE id = ?"));
			db_bind_int(o, 1, id);
			assert_int_equal(db_step(o), DB_DONE);
			db_done(o);
		}
		n += row_text(s, got + n, sizeof got - n);
	}
	db_done(s);
	db_rollback(f->a);
	assert_string_equal(got, want);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_repeated_lookup_from_memory),
		T(test_commit_by_another_connection),
		T(test_commit_by_another_process),
		T(test_own_changes),
		T(test_write_inside_read_transaction),
		T(test_only_in_read_transactions),
		T(test_values_and_rows),
		T(test_large_answer_not_kept),
		T(test_replay_survives_reuse_of_its_slot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
