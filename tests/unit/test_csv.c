/* test_csv.c - the CSV reader (RFC 4180 and what spreadsheets really
 * write) and writer: quotes, doubled quotes, line ends, BOM, separators,
 * limits, errors with their line, and formula neutralisation. */
#include "testutil.h"

#include "base/arena.h"
#include "base/buf.h"
#include "io/csv.h"

static csv_table parse_ok(arena *a, const char *text, char sep)
{
	csv_table t;
	int line = -1;
	csv_status s = csv_parse(a, text, strlen(text), sep, &t, &line);
	if (s != CSV_OK)
		fail_msg("csv_parse failed: %s (line %d)", csv_status_message(s, true), line);
	return t;
}

static void assert_row(const csv_table *t, int r, int n, const char *const *cells)
{
	assert_true(r < t->n);
	assert_int_equal(t->rec[r].n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(t->rec[r].cell[i], cells[i]);
}

static void test_plain_and_quoted(void **state)
{
	(void)state;
	arena *a = arena_new();
	csv_table t = parse_ok(a, "a,b,c\r\n1,\"two, with comma\",\"say \"\"hi\"\"\"\r\n", 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.sep, ',');
	assert_row(&t, 0, 3, (const char *[]){"a", "b", "c"});
	assert_row(&t, 1, 3, (const char *[]){"1", "two, with comma", "say \"hi\""});
	arena_free(a);
}

static void test_line_breaks_in_quotes_and_line_numbers(void **state)
{
	(void)state;
	arena *a = arena_new();
	csv_table t = parse_ok(a, "h1,h2\n\"multi\r\nline\",x\n\nlast,y", 0);
	assert_int_equal(t.n, 3);
	assert_row(&t, 1, 2, (const char *[]){"multi\r\nline", "x"});
	assert_int_equal(t.rec[0].line, 1);
	assert_int_equal(t.rec[1].line, 2);
	assert_int_equal(t.rec[2].line, 5); /* after the two-line record and a blank line */
	assert_row(&t, 2, 2, (const char *[]){"last", "y"}); /* no final line end */
	arena_free(a);
}

static void test_cr_only_line_ends(void **state)
{
	(void)state;
	arena *a = arena_new();
	csv_table t = parse_ok(a, "a,b\r1,2\r3,4\r", 0);
	assert_int_equal(t.n, 3);
	assert_row(&t, 2, 2, (const char *[]){"3", "4"});
	assert_int_equal(t.rec[2].line, 3);
	arena_free(a);
}

static void test_bom_and_separator_detection(void **state)
{
	(void)state;
	arena *a = arena_new();
	csv_table t = parse_ok(a, "\xef\xbb\xbfNaam;Rol;\"a;b\"\nAn;student;1\n", 0);
	assert_true(t.bom);
	assert_int_equal(t.sep, ';');
	assert_row(&t, 0, 3, (const char *[]){"Naam", "Rol", "a;b"});
	t = parse_ok(a, "a\tb\tc,d\n1\t2\t3\n", 0);
	assert_int_equal(t.sep, '\t');
	assert_row(&t, 0, 3, (const char *[]){"a", "b", "c,d"});
	/* commas win a tie, and are the default without any separator */
	t = parse_ok(a, "a;b,c\n", 0);
	assert_int_equal(t.sep, ',');
	t = parse_ok(a, "single\nx\n", 0);
	assert_int_equal(t.sep, ',');
	/* separators inside quotes do not count */
	t = parse_ok(a, "\"a,b,c\";d\n", 0);
	assert_int_equal(t.sep, ';');
	/* a separator given wins over detection */
	t = parse_ok(a, "a;b,c\n", ';');
	assert_row(&t, 0, 2, (const char *[]){"a", "b,c"});
	arena_free(a);
}

static void test_excel_sep_line(void **state)
{
	(void)state;
	arena *a = arena_new();
	csv_table t = parse_ok(a, "sep=;\r\na;b\r\n1;2\r\n", 0);
	assert_int_equal(t.sep, ';');
	assert_int_equal(t.n, 2);
	assert_int_equal(t.rec[0].line, 2);
	assert_row(&t, 0, 2, (const char *[]){"a", "b"});
	arena_free(a);
}

static void test_empty_fields_and_lenient_quote(void **state)
{
	(void)state;
	arena *a = arena_new();
	csv_table t = parse_ok(a, ",,\n\"\",x,\n5\" screen,y,z\n", 0);
	assert_row(&t, 0, 3, (const char *[]){"", "", ""});
	assert_row(&t, 1, 3, (const char *[]){"", "x", ""});
	assert_row(&t, 2, 3, (const char *[]){"5\" screen", "y", "z"});
	t = parse_ok(a, "", 0);
	assert_int_equal(t.n, 0);
	t = parse_ok(a, "\n\n\r\n", 0);
	assert_int_equal(t.n, 0);
	arena_free(a);
}

static void expect_error(const char *text, size_t len, csv_status want, int want_line)
{
	arena *a = arena_new();
	csv_table t;
	int line = 0;
	assert_int_equal(csv_parse(a, text, len, 0, &t, &line), want);
	assert_int_equal(line, want_line);
	assert_int_equal(t.n, 0);
	assert_non_null(csv_status_message(want, true));
	assert_non_null(csv_status_message(want, false));
	arena_free(a);
}

static void test_errors(void **state)
{
	(void)state;
	const char *un = "a,b\n1,\"open\n2,3\n";
	expect_error(un, strlen(un), CSV_UNTERMINATED, 2);
	const char *bq = "a,b\n\"x\"y,2\n";
	expect_error(bq, strlen(bq), CSV_BAD_QUOTE, 2);
	const char nul[] = "a,b\n1,2\n3,\0\n";
	expect_error(nul, sizeof nul - 1, CSV_NUL, 3);
	expect_error("\xff\xfe" "a\0,\0", 6, CSV_UTF16, 1);
}

static void test_limits(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	for (int i = 0; i <= CSV_MAX_FIELDS; i++)
		buf_puts(&b, i ? ",x" : "x");
	expect_error(b.data, b.len, CSV_TOO_MANY_FIELDS, 1);
	buf_reset(&b);
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		buf_puts(&b, i ? ",x" : "x");
	arena *a = arena_new();
	csv_table t = parse_ok(a, buf_cstr(&b), 0);
	assert_int_equal(t.rec[0].n, CSV_MAX_FIELDS);
	arena_free(a);
	buf_reset(&b);
	for (int i = 0; i <= CSV_MAX_FIELD; i++)
		buf_putc(&b, 'x');
	expect_error(b.data, b.len, CSV_FIELD_TOO_LONG, 1);
	buf_reset(&b);
	buf_putc(&b, '"');
	for (int i = 0; i <= CSV_MAX_FIELD; i++)
		buf_putc(&b, 'x');
	buf_putc(&b, '"');
	expect_error(b.data, b.len, CSV_FIELD_TOO_LONG, 1);
	buf_free(&b);
}

static void test_too_many_rows(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	for (int i = 0; i <= CSV_MAX_ROWS; i++)
		buf_puts(&b, "1\n");
	expect_error(b.data, b.len, CSV_TOO_MANY_ROWS, CSV_MAX_ROWS + 1);
	buf_free(&b);
}

static void test_formula_neutralisation(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const char *const risky[] = {"=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\tx", "\rx",
					    "=HYPERLINK(\"http://x\")"};
	for (size_t i = 0; i < sizeof risky / sizeof *risky; i++) {
		assert_true(csv_formula_like(risky[i]));
		const char *n = csv_neutralise(a, risky[i]);
		assert_int_equal(n[0], '\'');
		assert_string_equal(n + 1, risky[i]);
	}
	static const char *const safe[] = {"", "text", "1", "dk", " =x", "a=b", "'quoted"};
	for (size_t i = 0; i < sizeof safe / sizeof *safe; i++) {
		assert_false(csv_formula_like(safe[i]));
		assert_ptr_equal(csv_neutralise(a, safe[i]), safe[i]);
	}
	assert_false(csv_formula_like(NULL));
	arena_free(a);
}

static void test_writer(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	csv_put_text(&b, "plain", ',');
	buf_putc(&b, ',');
	csv_put_text(&b, "=cmd|' /C calc'!A0", ',');
	buf_putc(&b, ',');
	csv_put_text(&b, "a,\"b\"\nc", ',');
	buf_putc(&b, ',');
	csv_put_text(&b, "-1,5", ',');
	buf_putc(&b, ',');
	csv_put_raw(&b, "-1", ',');
	buf_putc(&b, ',');
	csv_put_raw(&b, "sep=;", ',');
	assert_string_equal(buf_cstr(&b), "plain,'=cmd|' /C calc'!A0,\"a,\"\"b\"\"\nc\",\"'-1,5\",-1,\"sep=;\"");
	/* and it reads back as written (neutralised where it had to be) */
	arena *a = arena_new();
	csv_table t = parse_ok(a, buf_cstr(&b), ',');
	assert_row(&t, 0, 6, (const char *[]){"plain", "'=cmd|' /C calc'!A0", "a,\"b\"\nc", "'-1,5", "-1", "sep=;"});
	arena_free(a);
	buf_reset(&b);
	csv_put_text(&b, "x;y", ';');
	assert_string_equal(buf_cstr(&b), "\"x;y\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_line_breaks_in_quotes_and_line_numbers),
		cmocka_unit_test(test_cr_only_line_ends),
		cmocka_unit_test(test_bom_and_separator_detection),
		cmocka_unit_test(test_excel_sep_line),
		cmocka_unit_test(test_empty_fields_and_lenient_quote),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_too_many_rows),
		cmocka_unit_test(test_formula_neutralisation),
		cmocka_unit_test(test_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
