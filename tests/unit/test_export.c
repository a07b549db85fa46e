/* test_export.c - the codebook and the anonymised export set (src/io):
 * nothing below k, the perspective as the disclosure plan shows it
 * (pooled as "other"), perspective-only statements suppressed for pooled
 * people, comments only from shown groups and never beside answers,
 * numbers 1..n, formulas neutralised, and every writer's output readable. */
#include "testutil.h"

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/token.h"
#include "domain/instrument.h"
#include "io/csv.h"
#include "io/export.h"

struct fx {
	arena *a;
	instrument *in;
	item_row *items; /* every statement and open question, id = 100 + position */
	int n_items;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->a = arena_new();
	FILE *fp = fopen("instrument/los-pw.json", "rb");
	assert_non_null(fp);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text, fp);
	fclose(fp);
	f->in = instrument_parse(text, n, NULL);
	assert_non_null(f->in);
	size_t ns = instrument_scored_count(f->in);
	f->items = ARENA_ARRAY(f->a, item_row, ns + 40);
	for (size_t i = 0; i < ns; i++)
		f->items[f->n_items++] = (item_row){100 + f->n_items, instrument_scored_at(f->in, i).item->id, false};
	for (int e = 0; e < EL_COUNT; e++)
		for (size_t q = 0; q < f->in->elements[e].n_open; q++)
			f->items[f->n_items++] = (item_row){100 + f->n_items, f->in->elements[e].open[q].id, true};
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

static int64_t id_of(struct fx *f, const char *code)
{
	for (int i = 0; i < f->n_items; i++)
		if (strcmp(f->items[i].code, code) == 0)
			return f->items[i].id;
	fail_msg("no item %s", code);
	return 0;
}

static int scored(const export_set *s, const char *id)
{
	for (int i = 0; i < s->cb.n_items; i++)
		if (strcmp(instrument_scored_at(s->in, (size_t)i).item->id, id) == 0)
			return i;
	fail_msg("no statement %s", id);
	return -1;
}

/* n responses of perspective p: LOS1 = 4, LOS6 = 5 (students), LOS7 = 3
 * (staff), SRI1 "don't know". */
static void people(struct fx *f, stored_response *out, int *n, perspective p, int count)
{
	for (int i = 0; i < count; i++) {
		answer *an = ARENA_ARRAY(f->a, answer, 4);
		int k = 0;
		an[k++] = (answer){id_of(f, "LOS1"), 4};
		an[k++] = (answer){id_of(f, "SRI1"), 0};
		if (p == PERSP_STUDENT)
			an[k++] = (answer){id_of(f, "LOS6"), 5};
		else if (p != PERSP_CITIZEN)
			an[k++] = (answer){id_of(f, "LOS7"), 3};
		out[(*n)++] = (stored_response){p, MODE_WEB, an, k, 1u << TRIG_COMPLEX};
	}
}

static const mround round2 = {.id = 2, .title = "Meting", .workplace_slug = "geriatrie", .k = 5};

/* The round's figures as the figures room computes them (the analysis of
 * these responses), then export_add with their plans. */
static bool add(struct fx *f, export_set *s, const stored_response *r, int n, const round_comment *cs,
		int nc)
{
	int ni = (int)instrument_scored_count(f->in);
	analysis_item *items = ARENA_ARRAY(f->a, analysis_item, (size_t)ni + 1);
	for (int i = 0; i < ni; i++) {
		instr_scored sc = instrument_scored_at(f->in, (size_t)i);
		items[i] = (analysis_item){sc.is_outcome, (uint8_t)sc.group, sc.item->reverse,
					   (uint8_t)sc.item->perspectives};
	}
	uint8_t *pp = ARENA_ARRAY(f->a, uint8_t, (size_t)n + 1);
	int8_t *ans = ARENA_ARRAY(f->a, int8_t, (size_t)n * (size_t)ni + 1);
	for (int j = 0; j < n; j++) {
		pp[j] = (uint8_t)r[j].persp;
		for (int a = 0; a < r[j].n_answers; a++)
			for (int i = 0; i < ni; i++)
				if (f->items[i].id == r[j].answers[a].item_id)
					ans[(size_t)j * (size_t)ni + (size_t)i] = (int8_t)r[j].answers[a].value;
	}
	analysis_input ai = {ni, items, n, pp, ans, round2.k, round2.k + 2};
	analysis_result *res = analysis_compute(&ai, NULL);
	assert_non_null(res);
	bool added = export_add(s, &round2, res, f->items, f->n_items, r, n, cs, nc);
	analysis_free(res);
	return added;
}

static void test_codebook(void **state)
{
	struct fx *f = *state;
	codebook cb;
	codebook_build(f->a, f->in, &cb);
	assert_int_equal(cb.n_items, 51);
	assert_int_equal(cb.n, 5 + 51 + TRIG_COUNT);
	assert_string_equal(cb.v[0].name, "workplace");
	assert_string_equal(cb.v[3].name, "perspective");
	assert_string_equal(cb.v[4].name, "mode");
	assert_string_equal(cb.v[5].name, "LOS1");
	int reverse = 0;
	for (int i = 0; i < cb.n; i++) {
		const cb_var *v = &cb.v[i];
		assert_true(*v->label_nl && *v->label_en);
		reverse += v->reverse;
		if (strcmp(v->name, "LOS6") == 0)
			assert_int_equal(v->asked, 1u << PERSP_STUDENT);
		if (strcmp(v->name, "SRI6") == 0) {
			assert_true(v->reverse);
			assert_string_equal(v->group, "SRI");
			assert_string_equal(v->section, "element");
		}
		if (strcmp(v->name, "KNO1") == 0)
			assert_string_equal(v->group, "knowledge");
	}
	assert_int_equal(reverse, 3); /* SRI6, GOC5, VMM5 */
	assert_string_equal(cb.v[cb.n - 1].name, "TRIG_urgency");
	assert_string_equal(codebook_values(f->a, &cb, &cb.v[4], true),
			    "web=online; easy=online, in easy language; paper=on paper");
	const char *vals = codebook_values(f->a, &cb, &cb.v[5], false);
	assert_non_null(strstr(vals, "1=Helemaal mee oneens"));
	assert_non_null(strstr(vals, "5=Helemaal mee eens"));
	assert_non_null(strstr(vals, "dk=Weet ik niet"));
	assert_non_null(strstr(codebook_values(f->a, &cb, &cb.v[3], true), "citizen=Citizen"));
	assert_string_equal(codebook_values(f->a, &cb, &cb.v[0], true), "");
}

static void test_nothing_below_k(void **state)
{
	struct fx *f = *state;
	stored_response r[8];
	int n = 0;
	people(f, r, &n, PERSP_STUDENT, 4);
	export_set s;
	export_begin(&s, f->a, f->in, false);
	assert_false(add(f, &s, r, n, NULL, 0));
	assert_int_equal(s.skipped, 1);
	assert_int_equal(s.n_rounds, 0);
	assert_int_equal(s.n_rows, 0);
	people(f, r, &n, PERSP_STUDENT, 1); /* exactly k */
	assert_true(add(f, &s, r, n, NULL, 0));
	assert_int_equal(s.n_rows, 5);
}

/* The mode of answering is shown only when every group of (exported
 * perspective, mode) with anyone in it has at least k people: 6 students
 * online and 5 on paper show it; 6 and 4 do not, for anyone in the round;
 * 5 students on paper among 6 students and 5 teachers online show it. */
static int modes_of(struct fx *f, int web, int paper, int teachers, int *shown_paper)
{
	stored_response r[32];
	int n = 0;
	people(f, r, &n, PERSP_STUDENT, web + paper);
	for (int i = web; i < web + paper; i++)
		r[i].mode = MODE_PAPER;
	people(f, r, &n, PERSP_TEACHER, teachers);
	export_set s;
	export_begin(&s, f->a, f->in, false);
	assert_true(add(f, &s, r, n, NULL, 0));
	int blank = 0;
	*shown_paper = 0;
	for (int i = 0; i < s.n_rows; i++) {
		blank += s.rows[i].mode < 0;
		*shown_paper += s.rows[i].mode == MODE_PAPER;
	}
	return blank;
}

static void test_mode_only_for_groups_of_k(void **state)
{
	struct fx *f = *state;
	int paper;
	assert_int_equal(modes_of(f, 6, 5, 0, &paper), 0);
	assert_int_equal(paper, 5);
	assert_int_equal(modes_of(f, 6, 4, 0, &paper), 10);
	assert_int_equal(paper, 0);
	assert_int_equal(modes_of(f, 6, 5, 5, &paper), 0);
	assert_int_equal(paper, 5);
	/* 4 teachers are below k and the students join their pool (see
	 * pooled_round): 15 "other", 10 online and 5 on paper, both shown */
	assert_int_equal(modes_of(f, 6, 5, 4, &paper), 0);
	assert_int_equal(paper, 5);
}

/* 6 students, 5 teachers, 3 citizens, 1 manager (k = 5): students and
 * teachers reach k, the pool of 4 does not, so the smallest shown group
 * (teachers) joins it: students shown, everyone else "other". */
static void pooled_round(struct fx *f, export_set *s, round_comment *cs, int *nc)
{
	stored_response r[32];
	int n = 0;
	people(f, r, &n, PERSP_STUDENT, 6);
	people(f, r, &n, PERSP_TEACHER, 5);
	people(f, r, &n, PERSP_CITIZEN, 3);
	people(f, r, &n, PERSP_MANAGER, 1);
	*nc = 0;
	cs[(*nc)++] = (round_comment){PERSP_STUDENT, id_of(f, "LOS_good"), "=HYPERLINK(\"x\") goed"};
	cs[(*nc)++] = (round_comment){PERSP_CITIZEN, id_of(f, "LOS_better"), "Meer uitleg"};
	cs[(*nc)++] = (round_comment){PERSP_MANAGER, id_of(f, "LOS1"), "not an open question"};
	export_begin(s, f->a, f->in, false);
	assert_true(add(f, s, r, n, cs, *nc));
	export_finish(s);
}

static void test_pooling_and_suppression(void **state)
{
	struct fx *f = *state;
	export_set s;
	round_comment cs[4];
	int nc;
	pooled_round(f, &s, cs, &nc);
	assert_int_equal(s.rounds[0].plan.state[PERSP_STUDENT], ANON_SHOWN);
	assert_int_equal(s.rounds[0].plan.state[PERSP_TEACHER], ANON_POOLED);
	int students = 0, other = 0;
	bool seen[16] = {0};
	int los6 = scored(&s, "LOS6"), los7 = scored(&s, "LOS7"), los1 = scored(&s, "LOS1"),
	    sri1 = scored(&s, "SRI1");
	for (int i = 0; i < s.n_rows; i++) {
		const export_row *row = &s.rows[i];
		assert_true(row->number >= 1 && row->number <= 15 && !seen[row->number]);
		seen[row->number] = true;
		assert_int_equal(row->value[los1], 4);
		assert_int_equal(row->value[sri1], EXPORT_DK);
		assert_int_equal(row->triggers, 1u << TRIG_COMPLEX);
		if (row->persp == PERSP_STUDENT) {
			students++;
			assert_int_equal(row->value[los6], 5);
		} else {
			assert_int_equal(row->persp, PERSP_OTHER);
			other++;
			/* which statements were asked would tell the perspective */
			assert_int_equal(row->value[los6], EXPORT_NONE);
			assert_int_equal(row->value[los7], EXPORT_NONE);
		}
	}
	assert_int_equal(students, 6);
	assert_int_equal(other, 9);
	/* comments: the open questions only, under the comment threshold
	 * k + 2 = 7: the 6 students' comment is pooled as "other" too */
	assert_int_equal(s.n_comments, 2);
	for (int i = 0; i < s.n_comments; i++)
		assert_int_equal(s.comments[i].persp, PERSP_OTHER);
}

/* The comment threshold k + 2 = 7 on both sides: 6 students' comments are
 * pooled (above), 7 students' stay under their own name, while a group of
 * 5 teachers (a figure column of its own) still pools for comments. */
static void test_comment_threshold(void **state)
{
	struct fx *f = *state;
	stored_response r[32];
	int n = 0;
	people(f, r, &n, PERSP_STUDENT, 7);
	people(f, r, &n, PERSP_TEACHER, 5);
	people(f, r, &n, PERSP_CITIZEN, 5);
	round_comment cs[] = {{PERSP_STUDENT, id_of(f, "LOS_good"), "student"},
			      {PERSP_TEACHER, id_of(f, "LOS_good"), "docent"},
			      {PERSP_CITIZEN, id_of(f, "LOS_good"), "burger"}};
	export_set s;
	export_begin(&s, f->a, f->in, false);
	assert_true(add(f, &s, r, n, cs, 3));
	assert_int_equal(s.rounds[0].plan.state[PERSP_TEACHER], ANON_SHOWN);
	assert_int_equal(s.n_comments, 3);
	for (int i = 0; i < s.n_comments; i++)
		assert_int_equal(s.comments[i].persp,
				 strcmp(s.comments[i].text, "student") == 0 ? PERSP_STUDENT : PERSP_OTHER);
}

static void test_csv_writers(void **state)
{
	struct fx *f = *state;
	export_set s;
	round_comment cs[4];
	int nc;
	pooled_round(f, &s, cs, &nc);
	buf b;
	buf_init(&b, BUF_NOCAP);
	export_csv_wide(&s, &b);
	csv_table t;
	int line;
	assert_int_equal(csv_parse(f->a, buf_cstr(&b), b.len, 0, &t, &line), CSV_OK);
	assert_int_equal(t.n, 1 + 15);
	assert_int_equal(t.rec[0].n, s.cb.n);
	assert_string_equal(t.rec[0].cell[4], "mode");
	assert_string_equal(t.rec[0].cell[5], "LOS1");
	for (int r = 1; r < t.n; r++) {
		assert_string_equal(t.rec[r].cell[0], "geriatrie");
		assert_string_equal(t.rec[r].cell[1], "2");
		assert_string_equal(t.rec[r].cell[4], "web");
		assert_string_equal(t.rec[r].cell[5], "4");
		assert_true(strcmp(t.rec[r].cell[3], "student") == 0 || strcmp(t.rec[r].cell[3], "other") == 0);
	}
	buf_reset(&b);
	export_csv_long(&s, &b);
	assert_int_equal(csv_parse(f->a, buf_cstr(&b), b.len, 0, &t, &line), CSV_OK);
	/* per person LOS1, SRI1 and a trigger; students also LOS6 */
	assert_int_equal(t.n, 1 + 15 * 3 + 6);
	buf_reset(&b);
	export_csv_comments(&s, &b);
	assert_non_null(strstr(buf_cstr(&b), "'=HYPERLINK"));
	assert_null(strstr(buf_cstr(&b), ",=HYPERLINK"));
	assert_null(strstr(buf_cstr(&b), "respondent"));
	buf_reset(&b);
	export_csv_codebook(&s, &b);
	assert_int_equal(csv_parse(f->a, buf_cstr(&b), b.len, 0, &t, &line), CSV_OK);
	assert_int_equal(t.n, 1 + s.cb.n);
	assert_string_equal(t.rec[1 + 5].cell[0], "LOS1");
	buf_free(&b);
}

static void test_json_and_mapping(void **state)
{
	struct fx *f = *state;
	export_set s;
	round_comment cs[4];
	int nc;
	pooled_round(f, &s, cs, &nc);
	buf b;
	buf_init(&b, BUF_NOCAP);
	export_json(&s, &b);
	json_error_t je;
	json_t *o = json_loads(buf_cstr(&b), 0, &je);
	assert_non_null(o);
	assert_int_equal(json_array_size(json_object_get(o, "responses")), 15);
	assert_int_equal(json_array_size(json_object_get(o, "comments")), 2);
	json_t *first = json_array_get(json_object_get(o, "responses"), 0);
	assert_null(json_object_get(first, "id"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(first, "answers"), "SRI1")), "dk");
	json_t *round = json_array_get(json_object_get(o, "rounds"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(round, "perspectives"), "teacher")),
			    "pooled");
	json_decref(o);
	buf_reset(&b);
	export_mapping(&s, &b);
	o = json_loads(buf_cstr(&b), 0, &je);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(json_object_get(o, "items"), "LOS1")), "LOS1");
	json_decref(o);
	buf_free(&b);
}

static void test_binary_writers(void **state)
{
	struct fx *f = *state;
	export_set s;
	round_comment cs[4];
	int nc;
	pooled_round(f, &s, cs, &nc);
	buf b;
	buf_init(&b, BUF_NOCAP);
	const char *err;
	assert_true(export_write(&s, EXP_XLSX, &b, &err));
	assert_true(b.len > 1000 && memcmp(b.data, "PK", 2) == 0);
	buf_reset(&b);
	assert_true(export_write(&s, EXP_SAV, &b, &err));
	assert_true(b.len > 1000 && memcmp(b.data, "$FL2", 4) == 0);
	/* a capped buffer reports that it is full */
	buf small;
	buf_init(&small, 100);
	assert_false(export_write(&s, EXP_CSV_WIDE, &small, &err));
	assert_non_null(err);
	buf_free(&small);
	buf_free(&b);
}

static void test_formats(void **state)
{
	(void)state;
	for (int f = 0; f < EXP_FORMAT_COUNT; f++) {
		const export_format_info *fi = export_format_get((export_format)f);
		assert_int_equal(export_format_from_file(fi->file), f);
		assert_true(*fi->name_nl && *fi->name_en && *fi->about_nl && *fi->about_en);
	}
	assert_int_equal(export_format_from_file("answers.exe"), -1);
	assert_int_equal(export_format_from_file(NULL), -1);
}

int main(void)
{
	token_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_codebook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_below_k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mode_only_for_groups_of_k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pooling_and_suppression, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment_threshold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_and_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binary_writers, setup, teardown),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
