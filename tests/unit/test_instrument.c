/* test_instrument.c - the shipped instrument, every negative fixture in
 * tests/instrument/, and each validation boundary seen from both sides.
 * Runs from the repository root. The expected counts and messages are
 * worked out by hand from the files, not taken from the code. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/instrument.h"

#define SHIPPED "instrument/los-pw.json"
#define FIXTURES "tests/instrument/"
#define MINIMAL FIXTURES "good-minimal.json"

/* ---- helpers ---- */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static instrument *parse_path(const char *path, instr_errors *errs)
{
	size_t len;
	char *json = read_file(path, &len);
	instrument *in = instrument_parse(json, len, errs);
	free(json);
	return in;
}

static json_t *load_json(const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	assert_non_null(root);
	return root;
}

/* Parse a changed tree; takes the reference to root. */
static instrument *parse_tree(json_t *root, instr_errors *errs)
{
	char *s = json_dumps(root, JSON_INDENT(1));
	assert_non_null(s);
	instrument *in = instrument_parse(s, strlen(s), errs);
	free(s);
	json_decref(root);
	return in;
}

static json_t *element(json_t *root, size_t i)
{
	return json_array_get(json_object_get(root, "elements"), i);
}

static json_t *outcome(json_t *root, size_t i)
{
	return json_array_get(json_object_get(root, "outcomes"), i);
}

static json_t *text(const char *nl, const char *en)
{
	return json_pack("{s:s, s:s}", "nl", nl, "en", en);
}

static json_t *item(const char *id)
{
	return json_pack("{s:s, s:o}", "id", id, "text", text("Uitspraak", "Statement"));
}

/* Append items PREFIX<from>..PREFIX<to> to a list. */
static void add_items(json_t *list, const char *prefix, int from, int to)
{
	char id[40];
	for (int i = from; i <= to; i++) {
		snprintf(id, sizeof id, "%s%d", prefix, i);
		json_array_append_new(list, item(id));
	}
}

/* Expect exactly one error, at path, whose message contains fragment. */
static void expect_one_error(const instr_errors *errs, const char *path, const char *fragment)
{
	assert_int_equal(errs->n, 1);
	assert_int_equal(errs->total, 1);
	assert_string_equal(errs->v[0].path, path);
	if (!strstr(errs->v[0].message, fragment))
		fail_msg("message \"%s\" lacks \"%s\"", errs->v[0].message, fragment);
}

static void expect_ok(instrument *in, instr_errors *errs)
{
	if (!in)
		fail_msg("rejected: %s: %s", errs->v[0].path, errs->v[0].message);
	assert_int_equal(errs->n, 0);
	instrument_free(in);
	instr_errors_free(errs);
}

static void expect_rejected(instrument *in, instr_errors *errs, const char *path,
			    const char *fragment)
{
	assert_null(in);
	expect_one_error(errs, path, fragment);
	instr_errors_free(errs);
}

/* ---- the shipped instrument ---- */

static void shipped_parses_without_errors(void **state)
{
	(void)state;
	instr_errors errs = {0};
	instrument *in = parse_path(SHIPPED, &errs);
	if (!in)
		fail_msg("%s: %s", errs.v[0].path, errs.v[0].message);
	assert_int_equal(errs.n, 0);
	assert_int_equal(errs.total, 0);
	assert_int_equal(in->format, 1);
	assert_string_equal(in->id, "los-pw");
	assert_string_equal(in->version, "2026.2");
	assert_int_equal(in->scale.min, 1);
	assert_int_equal(in->scale.max, 5);
	assert_string_equal(in->scale.labels[0].nl, "Helemaal mee oneens");
	assert_string_equal(in->scale.labels[4].en, "Strongly agree");
	assert_string_equal(in->scale.dont_know.en, "Don't know / not applicable");
	instrument_free(in);
}

static void shipped_has_the_required_structure(void **state)
{
	(void)state;
	static const size_t items[EL_COUNT] = {7, 7, 6, 6, 7, 6};
	static const size_t dialogue[EL_COUNT] = {3, 3, 2, 2, 2, 3};
	static const size_t outcome_items[OUT_COUNT] = {3, 3, 2, 2, 2};
	static const char *const first_ids[EL_COUNT] = {"LOS1", "SRI1", "GOC1", "VOR1", "LEA1", "VMM1"};
	instrument *in = parse_path(SHIPPED, NULL);
	assert_non_null(in);
	for (int e = 0; e < EL_COUNT; e++) {
		const instr_element *el = &in->elements[e];
		assert_int_equal(el->code, e);
		assert_int_equal(el->n_items, items[e]);
		assert_int_equal(el->n_open, 2);
		assert_int_equal(el->n_dialogue, dialogue[e]);
		assert_string_equal(el->items[0].id, first_ids[e]);
	}
	assert_string_equal(in->elements[EL_LOS].name.nl, "Lerend en onderzoekend samenwerken");
	assert_string_equal(in->elements[EL_VMM].name.en, "Freeing up people and resources");
	assert_string_equal(in->elements[EL_SRI].open[1].id, "SRI_better");
	for (int o = 0; o < OUT_COUNT; o++) {
		assert_int_equal(in->outcomes[o].code, o);
		assert_int_equal(in->outcomes[o].n_items, outcome_items[o]);
	}
	assert_string_equal(in->outcomes[OUT_CONNECTIONS].items[0].id, "CON1");
	for (int t = 0; t < TRIG_COUNT; t++) {
		assert_non_null(in->triggers.options[t].nl);
		assert_non_null(in->triggers.options[t].en);
	}
	assert_non_null(strstr(in->triggers.options[TRIG_URGENCY].en, "urgency"));
	assert_string_equal(in->triggers.open.id, "TRIG_text");
	assert_int_equal(instrument_scored_count(in), 39 + 12);
	instrument_free(in);
}

static void shipped_reverse_and_perspective_items(void **state)
{
	(void)state;
	static const char *const reverse[] = {"SRI6", "GOC5", "VMM5"};
	instrument *in = parse_path(SHIPPED, NULL);
	assert_non_null(in);
	size_t n = instrument_scored_count(in), n_reverse = 0, n_restricted = 0;
	for (size_t i = 0; i < n; i++) {
		const instr_item *it = instrument_scored_at(in, i).item;
		if (it->reverse) {
			assert_string_equal(it->id, reverse[n_reverse]);
			n_reverse++;
		}
		n_restricted += it->perspectives != 0;
	}
	assert_int_equal(n_reverse, 3);
	/* LOS6 LOS7 VOR5 LEA2 VMM3 PRO1 CUR1 CUR2 */
	assert_int_equal(n_restricted, 8);
	const instr_item *los6 = instrument_find_item(in, "LOS6");
	assert_non_null(los6);
	assert_int_equal(los6->perspectives, 1u << PERSP_STUDENT);
	const instr_item *cur1 = instrument_find_item(in, "CUR1");
	assert_false(instr_item_shown_to(cur1, PERSP_CITIZEN));
	assert_false(instr_item_shown_to(cur1, PERSP_OTHER));
	assert_true(instr_item_shown_to(cur1, PERSP_MANAGER));
	instrument_free(in);
}

/* Every text is there in both languages; statements are short (B1). */
static void shipped_texts_are_complete_and_short(void **state)
{
	(void)state;
	instrument *in = parse_path(SHIPPED, NULL);
	assert_non_null(in);
	size_t n = instrument_scored_count(in);
	for (size_t i = 0; i < n; i++) {
		const instr_item *it = instrument_scored_at(in, i).item;
		for (int lang = 0; lang < 2; lang++) {
			const char *s = wp_text_get(&it->text, lang == 1);
			size_t words = 1;
			for (const char *p = s; *p; p++)
				words += *p == ' ';
			if (words > 16 || strlen(s) > 140)
				fail_msg("%s is too long for B1: %s", it->id, s);
		}
	}
	instrument_free(in);
}

/* ---- easy-read (issue 22) ---- */

/* Every statement put to citizens has its easy-read text and pictogram;
 * the others need none (LOS6 is for students only, in the file). */
static void shipped_has_easy_read_for_citizens(void **state)
{
	(void)state;
	instrument *in = parse_path(SHIPPED, NULL);
	assert_non_null(in);
	assert_true(in->easy);
	size_t n = instrument_scored_count(in), with_easy = 0;
	for (size_t i = 0; i < n; i++) {
		const instr_item *it = instrument_scored_at(in, i).item;
		if (instr_item_shown_to(it, PERSP_CITIZEN)) {
			assert_non_null(it->easy.nl);
			assert_non_null(it->easy.en);
			assert_non_null(it->picto);
		}
		with_easy += it->easy.nl != NULL;
	}
	/* 51 statements, 8 of them not put to citizens (counted by hand) */
	assert_int_equal(with_easy, 43);
	assert_string_equal(in->scale.easy_labels[0].nl, "Nee, helemaal niet");
	assert_string_equal(in->scale.easy_labels[4].en, "Yes, completely");
	assert_string_equal(in->scale.easy_dont_know.nl, "Weet ik niet");
	const instr_item *los1 = instrument_find_item(in, "LOS1");
	assert_string_equal(los1->picto->name, "learn");
	assert_string_equal(wp_text_or_easy(&los1->text, &los1->easy, true, false),
			    "Mensen met een ander soort werk leren hier van elkaar.");
	assert_string_equal(wp_text_or_easy(&los1->text, &los1->easy, false, false),
			    "In onze werkplaats leren mensen met verschillende rollen van elkaar.");
	const instr_item *los6 = instrument_find_item(in, "LOS6");
	assert_null(los6->easy.nl);
	assert_string_equal(wp_text_or_easy(&los6->text, &los6->easy, true, true), los6->text.en);
	assert_non_null(in->elements[EL_VMM].easy_explanation.nl);
	assert_non_null(in->triggers.easy_options[TRIG_URGENCY].en);
	assert_non_null(in->triggers.open.easy.nl);
	instrument_free(in);
}

static void sentences_are_counted_in_words(void **state)
{
	(void)state;
	assert_int_equal(easy_longest_sentence(""), 0);
	assert_int_equal(easy_longest_sentence("Een. Twee drie?"), 2);
	assert_int_equal(easy_longest_sentence("Weet je het niet? Kies dan 'Weet ik niet'."), 5);
	assert_int_equal(easy_longest_sentence("Een – twee – drie"), 3);       /* dashes are no words */
	assert_int_equal(easy_longest_sentence("Zorg, school en gemeente (samen)."), 5);
	assert_int_equal(easy_longest_sentence("Cliënten  lezen\tmee!"), 3);
	assert_int_equal(easy_longest_sentence("Hij zei: \"Ja.\" Dan nee"), 3);
	assert_non_null(pictogram_find("talk"));
	assert_null(pictogram_find("Talk"));
	assert_null(pictogram_find(""));
}

static json_t *easy_of(json_t *root, size_t el, size_t it)
{
	return json_object_get(json_array_get(json_object_get(element(root, el), "items"), it), "easy");
}

/* 12 words in a sentence pass, 13 fail; in either language. */
static void easy_sentence_of_12_words_passes_13_fails(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(SHIPPED);
	json_object_set_new(easy_of(root, 0, 0), "nl",
			    json_string("Een twee drie vier vijf zes zeven acht negen tien elf twaalf."));
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(SHIPPED);
	json_object_set_new(easy_of(root, 0, 0), "en",
			    json_string("One two three four five six seven eight nine ten eleven twelve "
					"thirteen. Two short."));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[0].items[0].easy",
			"English easy-read text has a sentence of 13 words");
}

/* With easy_intro, a statement put to citizens needs its easy-read text;
 * a statement for students only does not. */
static void easy_text_required_only_where_citizens_answer(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(SHIPPED);
	json_t *items = json_object_get(element(root, 0), "items");
	json_t *los1 = json_array_get(items, 0);
	json_object_del(los1, "easy");
	json_object_del(los1, "pictogram");
	expect_rejected(parse_tree(root, &errs), &errs, "elements[0].items[0]", "missing \"easy\"");

	/* LOS6 (students only) with easy-read: allowed, not needed */
	root = load_json(SHIPPED);
	json_t *los6 = json_array_get(json_object_get(element(root, 0), "items"), 5);
	assert_string_equal(json_string_value(json_object_get(los6, "id")), "LOS6");
	json_object_set_new(los6, "easy", text("Ik werk hier aan echte vragen.", "I work on real questions here."));
	json_object_set_new(los6, "pictogram", json_string("question"));
	expect_ok(parse_tree(root, &errs), &errs);
}

static void easy_statement_needs_a_known_pictogram(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(SHIPPED);
	json_object_del(json_array_get(json_object_get(element(root, 2), "items"), 0), "pictogram");
	expect_rejected(parse_tree(root, &errs), &errs, "elements[2].items[0]",
			"missing \"pictogram\"");

	root = load_json(SHIPPED);
	json_object_set_new(json_array_get(json_object_get(element(root, 2), "items"), 0), "pictogram",
			    json_string("smiley"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[2].items[0].pictogram",
			"unknown pictogram \"smiley\"");

	/* a pictogram without an easy-read text */
	root = load_json(SHIPPED);
	json_t *los6 = json_array_get(json_object_get(element(root, 0), "items"), 5);
	json_object_set_new(los6, "pictogram", json_string("learn"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[0].items[5].pictogram",
			"a pictogram without an easy-read text");
}

/* Easy-read is all or nothing: an easy text without easy_intro is an
 * error, and so is easy_intro without the scale's easy labels. */
static void easy_read_is_all_or_nothing(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_object_set_new(json_object_get(element(root, 0), "open_questions") ?
				    json_array_get(json_object_get(element(root, 0), "open_questions"), 0) : NULL,
			    "easy", text("Wat gaat goed?", "What goes well?"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[0].open_questions[0].easy",
			"has no \"easy_intro\"");

	root = load_json(SHIPPED);
	json_object_del(json_object_get(root, "scale"), "easy_labels");
	expect_rejected(parse_tree(root, &errs), &errs, "scale", "missing \"easy_labels\"");

	root = load_json(SHIPPED);
	json_object_del(json_object_get(root, "triggers"), "easy_question");
	expect_rejected(parse_tree(root, &errs), &errs, "triggers", "missing \"easy_question\"");

	root = load_json(SHIPPED);
	json_object_del(element(root, 3), "easy_explanation");
	expect_rejected(parse_tree(root, &errs), &errs, "elements[3]", "missing \"easy_explanation\"");
}

/* ---- the negative fixtures ---- */

static const struct bad_case {
	const char *file;
	size_t n_errors;
	const char *path, *fragment; /* of the first error */
	int line;                    /* of a JSON syntax error */
	const char *path2, *fragment2; /* of the second error, if any */
} bad_cases[] = {
	{"bad-control-char.json", 1, "elements[3].items[0].text.nl", "control character U+000A", 0, 0, 0},
	{"bad-dialogue-count.json", 1, "elements[0].dialogue_questions",
	 "element LOS has 4 dialogue questions; it needs 2 to 3: remove 1", 0, 0, 0},
	{"bad-duplicate-element.json", 1, "elements[6].code",
	 "element SRI appears twice (first at elements[1])", 0, 0, 0},
	{"bad-duplicate-id-case.json", 1, "triggers.open_question.id",
	 "duplicate id \"TRIG_text\" (already used as \"trig_TEXT\" at outcomes[4].items[1].id)", 0, 0, 0},
	{"bad-duplicate-id.json", 1, "elements[1].items[0].id",
	 "duplicate id \"LOS1\" (already used at elements[0].items[0].id)", 0, 0, 0},
	{"bad-duplicate-key.json", 1, "$", "line 5, column 11: duplicate object key", 5, 0, 0},
	{"bad-empty-perspectives.json", 1, "elements[0].items[2].perspectives",
	 "empty list of perspectives", 0, 0, 0},
	{"bad-empty-text.json", 1, "elements[0].name.nl", "empty Dutch text", 0, 0, 0},
	{"bad-format.json", 1, "format", "unknown format 2", 0, 0, 0},
	{"bad-id.json", 1, "elements[0].items[0].id", "bad id \"LOS 1\"", 0, 0, 0},
	{"bad-invalid-utf8.json", 1, "$", "save it as UTF-8", 6, 0, 0},
	{"bad-invisible.json", 2, "elements[3].items",
	 "perspective \"citizen\" sees only 3 statements of element VOR", 0,
	 "elements[3].items", "perspective \"other\" sees only 3"},
	{"bad-missing-element.json", 1, "elements", "missing element GOC", 0, 0, 0},
	{"bad-missing-key.json", 1, "elements[4].items[3].text", "missing \"text\"", 0, 0, 0},
	{"bad-missing-language.json", 1, "elements[2].items[4].text.en",
	 "missing English text: add \"en\"", 0, 0, 0},
	{"bad-missing-outcome.json", 1, "outcomes", "missing outcome category connections", 0, 0, 0},
	{"bad-missing-trigger.json", 1, "triggers.options", "missing trigger urgency", 0, 0, 0},
	{"bad-not-object.json", 1, "$", "must be a JSON object { ... }, got a list", 0, 0, 0},
	{"bad-open-count.json", 1, "elements[2].open_questions",
	 "element GOC has 0 open questions; it needs 1 to 2: add 1", 0, 0, 0},
	{"bad-scale-dont-know.json", 1, "scale.dont_know", "missing \"dont_know\"", 0, 0, 0},
	{"bad-scale-labels.json", 1, "scale.labels.nl", "found 4 Dutch labels; the scale needs exactly 5",
	 0, 0, 0},
	{"bad-scale-max.json", 1, "scale.max", "set \"max\": 5", 0, 0, 0},
	{"bad-syntax.json", 1, "$", "JSON syntax error at line 6", 6, 0, 0},
	{"bad-text-too-long.json", 1, "intro.en", "1001 characters long; the limit is 1000", 0, 0, 0},
	{"bad-too-few-items.json", 1, "elements[3].items",
	 "element VOR has 4 statements; it needs 5 to 8: add 1", 0, 0, 0},
	{"bad-too-few-outcome-items.json", 1, "outcomes[2].items",
	 "outcome curriculum has 1 statement; it needs 2 to 8: add 1", 0, 0, 0},
	{"bad-too-many-items.json", 1, "elements[4].items",
	 "element LEA has 9 statements; it needs 5 to 8: remove 1", 0, 0, 0},
	{"bad-unknown-element.json", 2, "elements[5].code", "unknown element code \"VMX\"", 0,
	 "elements", "missing element VMM"},
	{"bad-unknown-key.json", 1, "elements[1].items[1].reversed",
	 "unknown key \"reversed\": did you mean \"reverse\"?", 0, 0, 0},
	{"bad-unknown-language.json", 1, "title.de", "unknown key \"de\"", 0, 0, 0},
	{"bad-unknown-outcome.json", 2, "outcomes[2].code", "unknown outcome code \"curricula\"", 0,
	 "outcomes", "missing outcome category curriculum"},
	{"bad-unknown-perspective.json", 1, "elements[0].items[1].perspectives[1]",
	 "unknown perspective \"studnet\"", 0, 0, 0},
	{"bad-unknown-trigger.json", 2, "triggers.options[1].code", "unknown trigger code \"chance\"", 0,
	 "triggers.options", "missing trigger opportunity"},
	{"bad-version.json", 1, "version", "bad version \"2026 1\"", 0, 0, 0},
	{"bad-wrong-type-list.json", 1, "outcomes[0].items", "expected a list [ ... ], got an object",
	 0, 0, 0},
	{"bad-wrong-type-text.json", 1, "elements[5].items[3].text.en",
	 "expected a text in double quotes, got a number", 0, 0, 0},
	{"bad-wrong-type.json", 1, "elements[1].items[2].reverse",
	 "expected true or false without quotes, got a text", 0, 0, 0},
};

static void check_error(const instr_error *e, const char *path, const char *fragment)
{
	assert_string_equal(e->path, path);
	if (!strstr(e->message, fragment))
		fail_msg("message \"%s\" lacks \"%s\"", e->message, fragment);
}

static void every_bad_fixture_is_rejected_as_expected(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *b = &bad_cases[i];
		char path[256];
		snprintf(path, sizeof path, FIXTURES "%s", b->file);
		instr_errors errs = {0};
		instrument *in = parse_path(path, &errs);
		print_message("  %s\n", b->file);
		assert_null(in);
		assert_int_equal(errs.n, b->n_errors);
		assert_int_equal(errs.total, b->n_errors);
		check_error(&errs.v[0], b->path, b->fragment);
		assert_int_equal(errs.v[0].line, b->line);
		if (b->line)
			assert_true(errs.v[0].column > 0);
		if (b->path2)
			check_error(&errs.v[1], b->path2, b->fragment2);
		instr_errors_free(&errs);
	}
}

/* A fixture without a row in the table would never be checked. */
static void every_bad_fixture_has_a_row(void **state)
{
	(void)state;
	DIR *d = opendir(FIXTURES);
	assert_non_null(d);
	size_t files = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "bad-", 4) != 0)
			continue;
		files++;
		bool found = false;
		for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
			found |= strcmp(bad_cases[i].file, de->d_name) == 0;
		if (!found)
			fail_msg("%s has no row in bad_cases", de->d_name);
	}
	closedir(d);
	assert_int_equal(files, sizeof bad_cases / sizeof bad_cases[0]);
}

/* ---- boundaries, each from both sides ---- */

static void minimal_fixture_parses(void **state)
{
	(void)state;
	instr_errors errs = {0};
	instrument *in = parse_path(MINIMAL, &errs);
	assert_non_null(in);
	assert_int_equal(instrument_scored_count(in), 6 * 5 + 5 * 2);
	expect_ok(in, &errs);
}

static void elements_and_outcomes_are_kept_in_model_order(void **state)
{
	(void)state;
	json_t *root = load_json(MINIMAL);
	json_t *els = json_object_get(root, "elements"), *outs = json_object_get(root, "outcomes");
	/* move the first element and the first outcome to the end */
	json_array_append(els, json_array_get(els, 0));
	json_array_remove(els, 0);
	json_array_append(outs, json_array_get(outs, 0));
	json_array_remove(outs, 0);
	assert_string_equal(json_string_value(json_object_get(element(root, 0), "code")), "SRI");
	instrument *in = parse_tree(root, NULL);
	assert_non_null(in);
	assert_string_equal(in->elements[EL_LOS].items[0].id, "LOS1");
	assert_string_equal(in->elements[EL_SRI].items[0].id, "SRI1");
	assert_string_equal(in->outcomes[OUT_KNOWLEDGE].items[0].id, "KNO1");
	instr_scored first = instrument_scored_at(in, 0), kno = instrument_scored_at(in, 30);
	assert_string_equal(first.item->id, "LOS1");
	assert_false(first.is_outcome);
	assert_int_equal(first.group, EL_LOS);
	assert_string_equal(kno.item->id, "KNO1");
	assert_true(kno.is_outcome);
	assert_int_equal(kno.group, OUT_KNOWLEDGE);
	assert_string_equal(instrument_scored_at(in, 39).item->id, "CON2");
	instrument_free(in);
}

static void element_items_5_and_8_pass_4_and_9_fail(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	add_items(json_object_get(element(root, 1), "items"), "SRI", 6, 8);
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(MINIMAL);
	add_items(json_object_get(element(root, 1), "items"), "SRI", 6, 9);
	expect_rejected(parse_tree(root, &errs), &errs, "elements[1].items", "has 9 statements");

	root = load_json(MINIMAL);
	json_array_remove(json_object_get(element(root, 1), "items"), 0);
	expect_rejected(parse_tree(root, &errs), &errs, "elements[1].items", "has 4 statements");
}

static void outcome_items_2_and_8_pass_1_and_9_fail(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	add_items(json_object_get(outcome(root, 3), "items"), "COL", 3, 8);
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(MINIMAL);
	add_items(json_object_get(outcome(root, 3), "items"), "COL", 3, 9);
	expect_rejected(parse_tree(root, &errs), &errs, "outcomes[3].items",
			"outcome collaboration has 9 statements");

	root = load_json(MINIMAL);
	json_array_remove(json_object_get(outcome(root, 3), "items"), 1);
	expect_rejected(parse_tree(root, &errs), &errs, "outcomes[3].items", "has 1 statement;");
}

static json_t *open_question(const char *id)
{
	return json_pack("{s:s, s:o}", "id", id, "text", text("Vraag?", "Question?"));
}

static void open_questions_1_and_2_pass_0_and_3_fail(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_array_append_new(json_object_get(element(root, 4), "open_questions"), open_question("LEA_better"));
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(MINIMAL);
	json_t *list = json_object_get(element(root, 4), "open_questions");
	json_array_append_new(list, open_question("LEA_better"));
	json_array_append_new(list, open_question("LEA_more"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[4].open_questions",
			"element LEA has 3 open questions; it needs 1 to 2: remove 1");

	root = load_json(MINIMAL);
	json_array_clear(json_object_get(element(root, 4), "open_questions"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[4].open_questions", "has 0 open questions");
}

static void dialogue_questions_2_and_3_pass_1_and_4_fail(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_array_append_new(json_object_get(element(root, 5), "dialogue_questions"), text("V3", "Q3"));
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(MINIMAL);
	json_t *list = json_object_get(element(root, 5), "dialogue_questions");
	json_array_append_new(list, text("V3", "Q3"));
	json_array_append_new(list, text("V4", "Q4"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[5].dialogue_questions",
			"has 4 dialogue questions");

	root = load_json(MINIMAL);
	json_array_remove(json_object_get(element(root, 5), "dialogue_questions"), 0);
	expect_rejected(parse_tree(root, &errs), &errs, "elements[5].dialogue_questions",
			"element VMM has 1 dialogue question; it needs 2 to 3: add 1");
}

/* A text of n copies of "é" (two bytes, one character each). */
static char *long_text(size_t n)
{
	char *s = malloc(2 * n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	s[2 * n] = '\0';
	return s;
}

static void text_of_1000_characters_passes_1001_fails(void **state)
{
	(void)state;
	instr_errors errs = {0};
	char *s = long_text(1000);
	json_t *root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "intro"), "nl", json_string(s));
	expect_ok(parse_tree(root, &errs), &errs);
	free(s);

	s = long_text(1001);
	root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "intro"), "nl", json_string(s));
	expect_rejected(parse_tree(root, &errs), &errs, "intro.nl",
			"Dutch text is 1001 characters long");
	free(s);
}

static void id_of_32_characters_passes_33_fails(void **state)
{
	(void)state;
	instr_errors errs = {0};
	const char *id32 = "A_23456789_123456789_123456789_2";
	char id33[40];
	snprintf(id33, sizeof id33, "%sX", id32);
	assert_int_equal(strlen(id32), 32);
	json_t *root = load_json(MINIMAL);
	json_object_set_new(json_array_get(json_object_get(element(root, 0), "items"), 0), "id", json_string(id32));
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(MINIMAL);
	json_object_set_new(json_array_get(json_object_get(element(root, 0), "items"), 0), "id", json_string(id33));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[0].items[0].id", "bad id");
}

static void restrict_items(json_t *root, size_t el, size_t n)
{
	json_t *items = json_object_get(element(root, el), "items");
	for (size_t i = 0; i < n; i++)
		json_object_set_new(json_array_get(items, i), "perspectives",
				    json_pack("[s, s]", "student", "teacher"));
}

static void every_perspective_sees_4_statements_not_3(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	restrict_items(root, 2, 1);
	instrument *in = parse_tree(root, &errs);
	assert_non_null(in);
	unsigned want = (1u << PERSP_STUDENT) | (1u << PERSP_TEACHER);
	assert_int_equal(in->elements[EL_GOC].items[0].perspectives, want);
	assert_int_equal(in->elements[EL_GOC].items[1].perspectives, 0);
	expect_ok(in, &errs);

	root = load_json(MINIMAL);
	restrict_items(root, 2, 2);
	assert_null(parse_tree(root, &errs));
	/* five perspectives lose two statements: professional, researcher,
	 * citizen, manager, other */
	assert_int_equal(errs.n, 5);
	check_error(&errs.v[0], "elements[2].items", "perspective \"professional\" sees only 3 statements");
	check_error(&errs.v[4], "elements[2].items", "perspective \"other\" sees only 3");
	instr_errors_free(&errs);
}

static void perspective_listed_twice_is_rejected(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_object_set_new(json_array_get(json_object_get(element(root, 0), "items"), 0), "perspectives",
			    json_pack("[s, s]", "citizen", "citizen"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[0].items[0].perspectives[1]",
			"perspective \"citizen\" is listed twice");
}

static void scale_must_start_at_1(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "scale"), "min", json_integer(0));
	expect_rejected(parse_tree(root, &errs), &errs, "scale.min", "set \"min\": 1");
}

static void trigger_listed_twice_is_rejected(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_t *options = json_object_get(json_object_get(root, "triggers"), "options");
	json_array_append_new(options, json_pack("{s:s, s:o}", "code", "urgency", "text", text("Nog eens", "Again")));
	expect_rejected(parse_tree(root, &errs), &errs, "triggers.options[3].code",
			"trigger urgency appears twice (first at triggers.options[2])");
}

static void control_characters_rejected_other_text_accepted(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "title"), "en", json_string("Caf\xc3\xa9 \xe2\x80\x93 \xe2\x82\xac 5"));
	expect_ok(parse_tree(root, &errs), &errs);

	root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "title"), "en", json_string("a\tb"));
	expect_rejected(parse_tree(root, &errs), &errs, "title.en", "control character U+0009 at character 2");

	root = load_json(MINIMAL); /* U+0085, a C1 control */
	json_object_set_new(json_object_get(root, "title"), "en", json_string("ab\xc2\x85"));
	expect_rejected(parse_tree(root, &errs), &errs, "title.en", "control character U+0085");

	root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "title"), "en", json_string("   "));
	expect_rejected(parse_tree(root, &errs), &errs, "title.en", "empty English text");
}

static void item_of_wrong_type_is_reported(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_array_set_new(json_object_get(element(root, 3), "items"), 2, json_string("VOR3"));
	expect_rejected(parse_tree(root, &errs), &errs, "elements[3].items[2]",
			"expected an object { ... }, got a text");

	root = load_json(MINIMAL);
	json_object_set_new(json_object_get(root, "scale"), "max", json_real(5.0));
	expect_rejected(parse_tree(root, &errs), &errs, "scale.max",
			"expected a whole number without quotes, got a number with decimals");
}

/* All errors are collected, in document order, not only the first. */
static void all_errors_are_collected(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_object_del(json_object_get(root, "title"), "en");
	json_object_set_new(json_array_get(json_object_get(element(root, 2), "items"), 1), "id", json_string("LOS3"));
	json_object_set_new(json_object_get(root, "triggers"), "extra", json_true());
	assert_null(parse_tree(root, &errs));
	assert_int_equal(errs.n, 3);
	assert_int_equal(errs.total, 3);
	check_error(&errs.v[0], "title.en", "missing English text");
	check_error(&errs.v[1], "elements[2].items[1].id", "duplicate id \"LOS3\"");
	check_error(&errs.v[2], "triggers.extra", "unknown key \"extra\"");
	instr_errors_free(&errs);
	assert_null(errs.v);
	assert_int_equal(errs.n, 0);
}

static void errors_are_capped_at_100_but_counted(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	char key[16];
	for (int i = 0; i < 150; i++) {
		snprintf(key, sizeof key, "junk%d", i);
		json_object_set_new(root, key, json_null());
	}
	assert_null(parse_tree(root, &errs));
	assert_int_equal(errs.n, 100);
	assert_int_equal(errs.total, 150);
	check_error(&errs.v[99], "junk99", "unknown key");
	instr_errors_free(&errs);
}

static void errs_may_be_null_and_are_reset_between_parses(void **state)
{
	(void)state;
	instr_errors errs = {0};
	assert_null(instrument_parse("{", 1, NULL));
	assert_null(instrument_parse(NULL, 0, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].line, 1);
	instrument *in = parse_path(MINIMAL, &errs); /* frees the old list first */
	expect_ok(in, &errs);
}

static void length_is_respected_not_the_terminator(void **state)
{
	(void)state;
	size_t len;
	char *json = read_file(MINIMAL, &len);
	instr_errors errs = {0};
	/* cut in the middle: a syntax error, although the buffer goes on */
	assert_null(instrument_parse(json, len / 2, &errs));
	assert_string_equal(errs.v[0].path, "$");
	assert_true(errs.v[0].line > 1);
	instr_errors_free(&errs);
	free(json);
}

static void unknown_format_stops_at_once(void **state)
{
	(void)state;
	instr_errors errs = {0};
	json_t *root = load_json(MINIMAL);
	json_object_set_new(root, "format", json_integer(3));
	json_object_del(root, "elements");
	expect_rejected(parse_tree(root, &errs), &errs, "format",
			"unknown format 3: this version of werkplaats reads format 1 only");
}

/* ---- queries ---- */

static void reverse_items_are_turned_around(void **state)
{
	(void)state;
	instr_item plain = {.reverse = false}, rev = {.reverse = true};
	assert_int_equal(instr_item_value(&plain, 1), 1);
	assert_int_equal(instr_item_value(&plain, 4), 4);
	assert_int_equal(instr_item_value(&rev, 1), 5);
	assert_int_equal(instr_item_value(&rev, 2), 4);
	assert_int_equal(instr_item_value(&rev, 3), 3);
	assert_int_equal(instr_item_value(&rev, 5), 1);
}

static void items_and_questions_are_found_by_id(void **state)
{
	(void)state;
	instrument *in = parse_path(SHIPPED, NULL);
	assert_non_null(in);
	const instr_item *goc5 = instrument_find_item(in, "GOC5");
	assert_non_null(goc5);
	assert_true(goc5->reverse);
	assert_string_equal(wp_text_get(&goc5->text, false),
			    "Mensen blijven hier vooral binnen de grenzen van hun eigen organisatie.");
	assert_non_null(instrument_find_item(in, "CON2"));
	assert_null(instrument_find_item(in, "LOS_good")); /* open question: not scored */
	assert_null(instrument_find_item(in, "los1"));
	const instr_question *q = instrument_find_question(in, "VOR_better");
	assert_non_null(q);
	assert_string_equal(q->text.en, "What could be better in those contacts?");
	assert_ptr_equal(instrument_find_question(in, "TRIG_text"), &in->triggers.open);
	assert_null(instrument_find_question(in, "LOS1"));
	assert_true(instr_item_shown_to(instrument_find_item(in, "LOS1"), PERSP_CITIZEN));
	assert_false(instr_item_shown_to(instrument_find_item(in, "LOS6"), PERSP_TEACHER));
	instrument_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_parses_without_errors),
		cmocka_unit_test(shipped_has_the_required_structure),
		cmocka_unit_test(shipped_reverse_and_perspective_items),
		cmocka_unit_test(shipped_texts_are_complete_and_short),
		cmocka_unit_test(every_bad_fixture_is_rejected_as_expected),
		cmocka_unit_test(every_bad_fixture_has_a_row),
		cmocka_unit_test(minimal_fixture_parses),
		cmocka_unit_test(elements_and_outcomes_are_kept_in_model_order),
		cmocka_unit_test(element_items_5_and_8_pass_4_and_9_fail),
		cmocka_unit_test(outcome_items_2_and_8_pass_1_and_9_fail),
		cmocka_unit_test(open_questions_1_and_2_pass_0_and_3_fail),
		cmocka_unit_test(dialogue_questions_2_and_3_pass_1_and_4_fail),
		cmocka_unit_test(text_of_1000_characters_passes_1001_fails),
		cmocka_unit_test(id_of_32_characters_passes_33_fails),
		cmocka_unit_test(every_perspective_sees_4_statements_not_3),
		cmocka_unit_test(perspective_listed_twice_is_rejected),
		cmocka_unit_test(scale_must_start_at_1),
		cmocka_unit_test(trigger_listed_twice_is_rejected),
		cmocka_unit_test(control_characters_rejected_other_text_accepted),
		cmocka_unit_test(item_of_wrong_type_is_reported),
		cmocka_unit_test(all_errors_are_collected),
		cmocka_unit_test(errors_are_capped_at_100_but_counted),
		cmocka_unit_test(errs_may_be_null_and_are_reset_between_parses),
		cmocka_unit_test(length_is_respected_not_the_terminator),
		cmocka_unit_test(unknown_format_stops_at_once),
		cmocka_unit_test(reverse_items_are_turned_around),
		cmocka_unit_test(items_and_questions_are_found_by_id),
		cmocka_unit_test(shipped_has_easy_read_for_citizens),
		cmocka_unit_test(sentences_are_counted_in_words),
		cmocka_unit_test(easy_sentence_of_12_words_passes_13_fails),
		cmocka_unit_test(easy_text_required_only_where_citizens_answer),
		cmocka_unit_test(easy_statement_needs_a_known_pictogram),
		cmocka_unit_test(easy_read_is_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
