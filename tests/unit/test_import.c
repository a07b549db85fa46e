/* test_import.c - the import mapping and the row checks (src/io/import.c)
 * against the shipped instrument: every validation branch on both sides,
 * with the row, column, value and reason of each problem. */
#include "testutil.h"

#include "base/arena.h"
#include "domain/instrument.h"
#include "io/import.h"

static instrument *shipped(void)
{
	FILE *f = fopen("instrument/los-pw.json", "rb");
	assert_non_null(f);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text, f);
	fclose(f);
	instrument *in = instrument_parse(text, n, NULL);
	assert_non_null(in);
	return in;
}

struct fx {
	arena *a;
	instrument *in;
	import_problems pr;
	import_result res;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->in = shipped();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	instrument_free(f->in);
	arena_free(f->a);
	free(f);
	return 0;
}

static import_status check(struct fx *f, const char *csv, const char *map)
{
	memset(&f->pr, 0, sizeof f->pr);
	return import_check(f->a, f->in, csv, strlen(csv), map, strlen(map), true, &f->res, &f->pr);
}

/* The problem with this column (or mapping path), or fail. */
static const import_problem *problem(struct fx *f, const char *column, int row)
{
	for (int i = 0; i < f->pr.n; i++)
		if (strcmp(f->pr.v[i].column, column) == 0 && f->pr.v[i].row == row)
			return &f->pr.v[i];
	for (int i = 0; i < f->pr.n; i++)
		fprintf(stderr, "  problem: row %d, column '%s', value '%s': %s\n", f->pr.v[i].row,
			f->pr.v[i].column, f->pr.v[i].value, f->pr.v[i].why);
	fail_msg("no problem for column '%s' on row %d", column, row);
	return NULL;
}

static int scored(struct fx *f, const char *id)
{
	for (size_t i = 0; i < instrument_scored_count(f->in); i++)
		if (strcmp(instrument_scored_at(f->in, i).item->id, id) == 0)
			return (int)i;
	fail_msg("no statement %s", id);
	return -1;
}

#define MAP_BASIC                                                                               \
	"{\"format\": 1, \"instrument\": \"los-pw\", \"version\": \"2026.2\","                  \
	" \"perspective\": {\"column\": \"Rol\", \"values\": {\"Zorgprofessional\": \"professional\"}}," \
	" \"items\": {\"LOS1\": \"Q1\", \"LOS2\": \"Q2\", \"LOS6\": \"Q6\", \"SRI6\": \"Q3\"},"  \
	" \"open\": {\"LOS_good\": \"Goed\"}, \"triggers\": {\"urgency\": \"Urgent\"},"        \
	" \"labels\": {\"Helemaal mee eens\": 5, \"Weet ik niet\": \"dk\", \"n.v.t.\": \"missing\"}}"

static void test_a_good_file(void **state)
{
	struct fx *f = *state;
	const char *csv = "\xef\xbb\xbfRol;Q1;Q2;Q6;Q3;Goed;Urgent\r\n"
			  "student;Helemaal mee eens;4;2.0;Weet ik niet;Fijne sfeer;ja\r\n"
			  "Zorgprofessional;Strongly disagree;n.v.t.;;Mee oneens;;0\r\n"
			  "Docent;3;;;;\"Veel, heel veel\";\r\n";
	assert_int_equal(check(f, csv, MAP_BASIC), IMPORT_OK);
	assert_int_equal(f->pr.total, 0);
	assert_int_equal(f->res.n, 3);
	const import_response *r = f->res.resp;
	assert_int_equal(r[0].persp, PERSP_STUDENT);
	assert_int_equal(r[0].value[scored(f, "LOS1")], 5);
	assert_int_equal(r[0].value[scored(f, "LOS2")], 4);
	assert_int_equal(r[0].value[scored(f, "LOS6")], 2);
	assert_int_equal(r[0].value[scored(f, "SRI6")], 0); /* dk */
	assert_int_equal(r[0].value[scored(f, "LOS3")], IMPORT_NONE);
	assert_string_equal(r[0].open[0], "Fijne sfeer");
	assert_int_equal(r[0].triggers, 1u << TRIG_URGENCY);
	assert_int_equal(r[1].persp, PERSP_PROFESSIONAL);
	assert_int_equal(r[1].value[scored(f, "LOS1")], 1);      /* the instrument's English label */
	assert_int_equal(r[1].value[scored(f, "LOS2")], IMPORT_NONE); /* "missing" */
	assert_int_equal(r[1].value[scored(f, "SRI6")], 2);      /* the instrument's Dutch label */
	assert_null(r[1].open[0]);
	assert_int_equal(r[2].persp, PERSP_TEACHER);            /* the Dutch name of the perspective */
	assert_string_equal(r[2].open[0], "Veel, heel veel");
	assert_int_equal(r[2].row, 4);
}

static void test_mapping_problems(void **state)
{
	struct fx *f = *state;
	const char *map = "{\"format\": 2, \"instrument\": \"other\", \"version\": \"1\", \"typo\": true,"
			  " \"separator\": \"|\", \"header_row\": 0, \"skip_rows\": -1, \"not_asked\": \"maybe\","
			  " \"perspective\": {\"column\": \"Rol\", \"fixed\": \"student\"},"
			  " \"items\": {\"LOS1\": \"Q1\", \"NOPE\": \"Q2\", \"LOS2\": \"Q1\", \"LOS3\": 5},"
			  " \"open\": {\"XX_good\": \"O\"}, \"triggers\": {\"boredom\": \"T\"},"
			  " \"labels\": {\"Eens\": 6, \"Oneens\": \"no\"}, \"scale_labels\": \"yes\"}";
	assert_int_equal(check(f, "Q1\n1\n", map), IMPORT_BAD_MAPPING);
	static const char *const paths[] = {"format", "instrument", "version", "typo", "separator",
					    "header_row", "skip_rows", "not_asked", "perspective",
					    "items.NOPE", "items.LOS2", "items.LOS3", "open.XX_good",
					    "triggers.boredom", "labels.Eens", "labels.Oneens", "scale_labels"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		assert_non_null(problem(f, paths[i], 0)->why);
	assert_string_equal(problem(f, "items.LOS2", 0)->value, "Q1");
	assert_int_equal(f->res.n, 0);
}

static void test_mapping_must_be_json_with_items(void **state)
{
	struct fx *f = *state;
	assert_int_equal(check(f, "a\n1\n", "{not json"), IMPORT_BAD_MAPPING);
	assert_int_equal(f->pr.total, 1);
	assert_non_null(strstr(f->pr.v[0].why, "not valid JSON"));
	assert_int_equal(check(f, "a\n1\n", "[1]"), IMPORT_BAD_MAPPING);
	assert_int_equal(check(f, "a\n1\n", "{\"format\": 1, \"perspective\": {\"fixed\": \"student\"}}"),
			 IMPORT_BAD_MAPPING);
	problem(f, "items", 0);
	assert_int_equal(check(f, "a\n1\n", "{\"format\": 1, \"items\": {\"LOS1\": \"a\"}}"), IMPORT_BAD_MAPPING);
	problem(f, "perspective", 0);
	assert_int_equal(check(f, "a\n1\n", "{\"items\": {\"LOS1\": \"a\"}, \"perspective\": {\"fixed\": \"nobody\"}}"),
			 IMPORT_BAD_MAPPING);
	problem(f, "format", 0);
	problem(f, "perspective.fixed", 0);
	/* duplicate keys are refused by the parser */
	assert_int_equal(check(f, "a\n1\n", "{\"format\": 1, \"format\": 1}"), IMPORT_BAD_MAPPING);
}

static void test_row_problems_are_all_reported(void **state)
{
	struct fx *f = *state;
	const char *csv = "Rol,Q1,Q2,Q6,Q3,Goed,Urgent\n"
			  "student,6,4,,,,\n"                /* row 2: off the scale */
			  "piloot,1,1,,,,\n"                 /* row 3: unknown perspective */
			  ",1,1,,,,\n"                       /* row 4: no perspective */
			  "teacher,1,1,5,,,\n"               /* row 5: LOS6 is for students only */
			  "student,,,,,,\n"                  /* row 6: nothing answered */
			  "student,1,1,,,,misschien\n"       /* row 7: not a trigger value */
			  "student,1\n"                      /* row 8: too few fields */
			  "student,\"Eens\",1,,,,\n";        /* row 9: a label nobody mapped */
	assert_int_equal(check(f, csv, MAP_BASIC), IMPORT_BAD_FILE);
	const import_problem *p = problem(f, "Q1", 2);
	assert_string_equal(p->value, "6");
	assert_string_equal(problem(f, "Rol", 3)->value, "piloot");
	problem(f, "Rol", 4);
	assert_non_null(strstr(problem(f, "Q6", 5)->why, "LOS6"));
	problem(f, "", 6);
	assert_string_equal(problem(f, "Urgent", 7)->value, "misschien");
	assert_non_null(strstr(problem(f, "", 8)->why, "header has 7"));
	problem(f, "Q1", 9);
	assert_int_equal(f->pr.total, 8);
}

static void test_not_asked_may_be_ignored(void **state)
{
	struct fx *f = *state;
	const char *map = "{\"format\": 1, \"not_asked\": \"ignore\", \"perspective\": {\"fixed\": \"teacher\"},"
			  " \"items\": {\"LOS1\": \"a\", \"LOS6\": \"b\"}}";
	assert_int_equal(check(f, "a,b\n3,5\n", map), IMPORT_OK);
	assert_int_equal(f->res.resp[0].value[scored(f, "LOS6")], IMPORT_NONE);
	assert_int_equal(f->res.resp[0].value[scored(f, "LOS1")], 3);
}

static void test_header_problems(void **state)
{
	struct fx *f = *state;
	assert_int_equal(check(f, "Rol,Q1,Q1,Q6,Goed,Urgent\nstudent,1,1,1,,\n", MAP_BASIC), IMPORT_BAD_FILE);
	assert_non_null(strstr(problem(f, "Q1", 1)->why, "more than once"));
	assert_non_null(strstr(problem(f, "Q3", 1)->why, "header"));
	assert_int_equal(f->res.n, 0);
	assert_int_equal(check(f, "", MAP_BASIC), IMPORT_BAD_FILE);
	problem(f, "", 0);
	assert_int_equal(check(f, "Rol,Q1,Q2,Q6,Q3,Goed,Urgent\n", MAP_BASIC), IMPORT_BAD_FILE);
	assert_non_null(strstr(problem(f, "", 0)->why, "no rows"));
	assert_int_equal(check(f, "Rol,Q1\n\"open,1\n", MAP_BASIC), IMPORT_BAD_FILE);
	assert_non_null(strstr(problem(f, "", 2)->why, "quoted field"));
}

static void test_filter_header_row_and_skip(void **state)
{
	struct fx *f = *state;
	/* Qualtrics: the names, the question texts, import ids, then data */
	const char *map = "{\"format\": 1, \"header_row\": 2, \"skip_rows\": 2, \"separator\": \"tab\","
			  " \"filter\": {\"column\": \"Finished\", \"values\": [\"1\", \"True\"]},"
			  " \"perspective\": {\"column\": \"Role\", \"missing\": \"other\"},"
			  " \"items\": {\"VOR1\": \"Q5_1\"}}";
	const char *csv = "export from somewhere\n"
			  "Finished\tRole\tQ5_1\n"
			  "Finished?\tWhat is your role?\tPeople here trust each other\n"
			  "{\"ImportId\":\"finished\"}\t{\"ImportId\":\"QID1\"}\t{\"ImportId\":\"QID5_1\"}\n"
			  "True\tstudent\t4\n"
			  "False\tstudent\t1\n"
			  "1\t\t5\n";
	assert_int_equal(check(f, csv, map), IMPORT_OK);
	assert_int_equal(f->res.n, 2);
	assert_int_equal(f->res.skipped, 1);
	assert_int_equal(f->res.resp[1].persp, PERSP_OTHER);
	assert_int_equal(f->res.resp[1].value[scored(f, "VOR1")], 5);
	assert_int_equal(f->res.resp[1].row, 7);
}

static void test_open_text_checks(void **state)
{
	struct fx *f = *state;
	const char *map = "{\"format\": 1, \"perspective\": {\"fixed\": \"student\"}, \"items\": {\"LOS1\": \"a\"},"
			  " \"open\": {\"TRIG_text\": \"t\"}}";
	char csv[3000];
	snprintf(csv, sizeof csv, "a,t\n1,%0*d\n1,\xff\xfe\n", IMPORT_TEXT_MAX + 1, 7);
	assert_int_equal(check(f, csv, map), IMPORT_BAD_FILE);
	assert_non_null(strstr(problem(f, "t", 2)->why, "longer than"));
	assert_non_null(strstr(problem(f, "t", 3)->why, "UTF-8"));
	snprintf(csv, sizeof csv, "a,t\n1,%0*d\n", IMPORT_TEXT_MAX, 7);
	assert_int_equal(check(f, csv, map), IMPORT_OK);
	assert_int_equal(strlen(f->res.resp[0].open[import_open_count(f->in) - 1]), IMPORT_TEXT_MAX);
}

static void test_problems_are_capped_but_counted(void **state)
{
	struct fx *f = *state;
	const char *map = "{\"format\": 1, \"perspective\": {\"fixed\": \"student\"}, \"items\": {\"LOS1\": \"a\"}}";
	size_t cap = 20 * (IMPORT_MAX_PROBLEMS + 10);
	char *csv = malloc(cap);
	size_t o = (size_t)snprintf(csv, cap, "a\n");
	for (int i = 0; i < IMPORT_MAX_PROBLEMS + 10; i++)
		o += (size_t)snprintf(csv + o, cap - o, "9\n");
	assert_int_equal(check(f, csv, map), IMPORT_BAD_FILE);
	assert_int_equal(f->pr.n, IMPORT_MAX_PROBLEMS);
	assert_int_equal(f->pr.total, IMPORT_MAX_PROBLEMS + 10);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mapping_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mapping_must_be_json_with_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_problems_are_all_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_asked_may_be_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_header_row_and_skip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_text_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_problems_are_capped_but_counted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
