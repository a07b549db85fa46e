/* export.c - building the anonymised dataset of an export (see export.h
 * for the rules) and the table of formats. */
#include "io/export.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "domain/analysis.h"
#include "figures/figures.h"

static const export_format_info formats[EXP_FORMAT_COUNT] = {
	[EXP_CSV_LONG] = {"answers-long.csv", "text/csv; charset=utf-8", "Antwoorden, lang (CSV)",
			  "Answers, long (CSV)",
			  "Eén regel per antwoord: werkplaats, ronde, respondent, perspectief, stelling, waarde.",
			  "One row per answer: workplace, round, respondent, perspective, statement, value."},
	[EXP_CSV_WIDE] = {"answers-wide.csv", "text/csv; charset=utf-8", "Antwoorden, breed (CSV)",
			  "Answers, wide (CSV)",
			  "Eén regel per respondent, één kolom per stelling en per aanleiding.",
			  "One row per respondent, one column per statement and per trigger."},
	[EXP_COMMENTS] = {"comments.csv", "text/csv; charset=utf-8", "Opmerkingen (CSV)", "Comments (CSV)",
			  "De antwoorden op de open vragen, los van de rest en in willekeurige volgorde.",
			  "The answers to the open questions, apart from the rest and in random order."},
	[EXP_CODEBOOK] = {"codebook.csv", "text/csv; charset=utf-8", "Codeboek (CSV)", "Codebook (CSV)",
			  "Elke variabele met de tekst in beide talen, de schaal, omgekeerde stellingen "
			  "en de versie van de vragenlijst.",
			  "Every variable with its text in both languages, the scale, reverse-worded "
			  "statements and the questionnaire version."},
	[EXP_XLSX] = {"answers.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		      "Excel-werkmap (XLSX)", "Excel workbook (XLSX)",
		      "Antwoorden (breed), opmerkingen, codeboek en toelichting op aparte bladen.",
		      "Answers (wide), comments, codebook and notes on separate sheets."},
	[EXP_SAV] = {"answers.sav", "application/x-spss-sav", "SPSS-bestand (.sav)", "SPSS file (.sav)",
		     "Breed, met variabele- en waardelabels; 'weet ik niet' is 9, als ontbrekend gemarkeerd.",
		     "Wide, with variable and value labels; 'don't know' is 9, marked as missing."},
	[EXP_JSON] = {"answers.json", "application/json", "JSON", "JSON",
		      "Alles in één bestand: vragenlijst, codeboek, rondes, antwoorden en opmerkingen.",
		      "Everything in one file: instrument, codebook, rounds, answers and comments."},
	[EXP_MAPPING] = {"mapping.json", "application/json", "Koppelbestand voor import", "Import mapping",
			 "Koppelt de kolommen van de brede CSV aan de stellingen, om hem weer in te lezen.",
			 "Ties the columns of the wide CSV to the statements, to import it again."},
};

const export_format_info *export_format_get(export_format f)
{
	WP_ASSERT(f >= 0 && f < EXP_FORMAT_COUNT);
	return &formats[f];
}

int export_format_from_file(const char *file)
{
	for (int f = 0; file && f < EXP_FORMAT_COUNT; f++)
		if (strcmp(formats[f].file, file) == 0)
			return f;
	return -1;
}

const char *export_persp_code(int persp)
{
	return persp >= 0 && persp < PERSP_COUNT ? perspective_code((perspective)persp) : "";
}

const char *export_mode_code(int mode)
{
	static const char *const codes[MODE_COUNT] = {"web", "easy", "paper"};
	return mode >= 0 && mode < MODE_COUNT ? codes[mode] : "";
}

/* The mode is a fact about a person, like the perspective: a round shows
 * it only when every group it makes with the exported perspective column
 * has at least k people (or none). Otherwise "the one citizen who answered
 * on paper" would be a row of its own: every row of the round leaves it
 * blank. rows[first..] are the round's. */
static void modes_or_blank(export_set *s, int first, int k)
{
	int count[PERSP_COUNT + 1][MODE_COUNT];
	memset(count, 0, sizeof count);
	for (int i = first; i < s->n_rows; i++)
		count[s->rows[i].persp + 1][s->rows[i].mode]++; /* persp -1: blank */
	bool shown = true;
	for (int p = 0; p <= PERSP_COUNT; p++)
		for (int m = 0; m < MODE_COUNT; m++)
			shown &= count[p][m] == 0 || count[p][m] >= k;
	if (!shown)
		for (int i = first; i < s->n_rows; i++)
			s->rows[i].mode = -1;
}

void export_begin(export_set *s, arena *a, const instrument *in, bool english)
{
	memset(s, 0, sizeof *s);
	s->a = a;
	s->in = in;
	s->english = english;
	codebook_build(a, in, &s->cb);
}

/* Grow an arena array of `size`-byte elements to hold one more. */
static void *grow(arena *a, void *items, int n, int *cap, size_t size)
{
	if (n < *cap)
		return items;
	int c = *cap ? *cap * 2 : 64;
	void *bigger = arena_alloc(a, size * (size_t)c);
	if (n)
		memcpy(bigger, items, size * (size_t)n);
	*cap = c;
	return bigger;
}

/* The scored-item index of each stored question items[j] (-1: not a
 * statement), worked out once per round rather than once per answer. */
static int *scored_indexes(const export_set *s, const item_row *items, int n_items)
{
	int *at = ARENA_ARRAY(s->a, int, (size_t)n_items + 1);
	for (int j = 0; j < n_items; j++) {
		at[j] = -1;
		for (int i = 0; i < s->cb.n_items && at[j] < 0; i++)
			if (strcmp(instrument_scored_at(s->in, (size_t)i).item->id, items[j].code) == 0)
				at[j] = i;
	}
	return at;
}

/* The position in items of stored question id; answers come in the
 * questions' order, so the search starts after the previous one (*hint). */
static int item_at(const item_row *items, int n_items, int64_t id, int *hint)
{
	for (int k = 0; k < n_items; k++) {
		int j = (*hint + k) % n_items;
		if (items[j].id == id) {
			*hint = j + 1;
			return j;
		}
	}
	return -1;
}

/* Apply the plan to one respondent and add the row. */
static void add_row(export_set *s, int round, const anon_plan *plan, perspective p, response_mode mode,
		    int8_t *values, unsigned triggers)
{
	int col = anon_column(plan, p);
	if (col != (int)p) {
		/* not shown as itself: which statements were put to this person
		 * would tell the perspective */
		for (int i = 0; i < s->cb.n_items; i++)
			if (instrument_scored_at(s->in, (size_t)i).item->perspectives)
				values[i] = EXPORT_NONE;
	}
	s->rows = grow(s->a, s->rows, s->n_rows, &s->cap_rows, sizeof *s->rows);
	s->rows[s->n_rows++] = (export_row){round, 0, col, (int)mode, values, triggers, NULL};
}

static void add_comments(export_set *s, int round, const anon_plan *plan, const item_row *items,
			 int n_items, const round_comment *cs, int n)
{
	for (int i = 0; i < n; i++) {
		int col = anon_column(plan, cs[i].persp);
		const char *code = NULL;
		for (int j = 0; j < n_items && !code; j++)
			if (items[j].id == cs[i].item_id && items[j].open)
				code = items[j].code;
		if (col < 0 || !code || !*cs[i].text)
			continue;
		s->comments = grow(s->a, s->comments, s->n_comments, &s->cap_comments, sizeof *s->comments);
		s->comments[s->n_comments++] = (export_comment){round, col, code, cs[i].text};
	}
}

bool export_add(export_set *s, const mround *rd, const analysis_result *res, const item_row *items,
		int n_items, const stored_response *resp, int n_resp, const round_comment *cs, int n_comments)
{
	if (!res->plan.shown) {
		s->skipped++;
		return false;
	}
	int ni = s->cb.n_items;
	s->rounds = grow(s->a, s->rounds, s->n_rounds, &s->cap_rounds, sizeof *s->rounds);
	int round = s->n_rounds++;
	s->rounds[round] = (export_round){rd->id, rd->workplace_slug, rd->title, rd->k, res->plan};
	int first = s->n_rows;
	const int *scored = n_items ? scored_indexes(s, items, n_items) : NULL;
	for (int r = 0; r < n_resp; r++) {
		int8_t *values = ARENA_ARRAY(s->a, int8_t, (size_t)ni + 1);
		memset(values, EXPORT_NONE, (size_t)ni);
		int hint = 0;
		for (int k = 0; k < resp[r].n_answers; k++) {
			int j = item_at(items, n_items, resp[r].answers[k].item_id, &hint);
			int i = j >= 0 ? scored[j] : -1;
			int v = resp[r].answers[k].value;
			if (i >= 0 && v >= 0 && v <= 5)
				values[i] = (int8_t)v;
		}
		add_row(s, round, &res->plan, resp[r].persp, resp[r].mode, values, resp[r].triggers);
	}
	modes_or_blank(s, first, rd->k);
	add_comments(s, round, &res->comments, items, n_items, cs, n_comments);
	return true;
}

void export_with_own(export_set *s)
{
	s->with_own = true;
}

/* ---- own statements in the rows: k for every combination ----
 * A workplace writes its own statements itself, so one of them can single
 * a person out ("I work the night shift"), and with it their row and
 * every answer in it. So in the rows an own statement's answers stay only
 * where at least k rows of the round share the same perspective and mode
 * (as exported) and the same answers to all own statements; the other
 * rows lose all their own answers (blank, as "not answered"). Then the
 * rows with no own answer in one perspective and mode are complementary:
 * 1 to k-1 of them would point at the rare ones, so the smallest group of
 * answers there joins them until they are k or more. The figures on the
 * results page are not touched: they follow the round's plan. */
typedef struct {
	int persp, mode;
	int8_t v[OWN_MAX];
	int row;
} own_key;

static int own_key_cmp(const void *pa, const void *pb)
{
	const own_key *a = pa, *b = pb;
	if (a->persp != b->persp)
		return a->persp < b->persp ? -1 : 1;
	if (a->mode != b->mode)
		return a->mode < b->mode ? -1 : 1;
	return memcmp(a->v, b->v, sizeof a->v);
}

static bool own_blank(const own_key *k)
{
	for (int j = 0; j < OWN_MAX; j++)
		if (k->v[j] != EXPORT_NONE)
			return false;
	return true;
}

/* The end of the run of equal keys from i. */
static int run_end(const own_key *keys, int n, int i, bool whole_group)
{
	int j = i + 1;
	while (j < n && keys[j].persp == keys[i].persp && keys[j].mode == keys[i].mode &&
	       (whole_group || memcmp(keys[j].v, keys[i].v, sizeof keys[i].v) == 0))
		j++;
	return j;
}

static void own_blank_run(own_key *keys, int from, int to)
{
	for (int i = from; i < to; i++)
		memset(keys[i].v, EXPORT_NONE, sizeof keys[i].v);
}

/* In one perspective and mode (keys[from..to), sorted): while 1..k-1 rows
 * are blank, the smallest group of answers (the later one on a tie) is
 * blanked too. */
static void own_complement(own_key *keys, int from, int to, int k)
{
	for (;;) {
		int blank = 0, small_at = -1, small_n = 0;
		for (int i = from; i < to;) {
			int e = run_end(keys, to, i, false);
			if (own_blank(&keys[i]))
				blank += e - i;
			else if (small_at < 0 || e - i <= small_n)
				small_at = i, small_n = e - i;
			i = e;
		}
		if (blank == 0 || blank >= k || small_at < 0)
			return;
		own_blank_run(keys, small_at, small_at + small_n);
		qsort(keys + from, (size_t)(to - from), sizeof *keys, own_key_cmp);
	}
}

static void own_suppress(export_set *s, int first, int n_own, int k)
{
	int n = s->n_rows - first;
	own_key *keys = ARENA_ARRAY(s->a, own_key, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		const export_row *row = &s->rows[first + i];
		keys[i].persp = row->persp;
		keys[i].mode = row->mode;
		memset(keys[i].v, EXPORT_NONE, sizeof keys[i].v);
		memcpy(keys[i].v, row->own, (size_t)n_own);
		keys[i].row = first + i;
	}
	qsort(keys, (size_t)n, sizeof *keys, own_key_cmp);
	for (int i = 0; i < n;) {
		int e = run_end(keys, n, i, false);
		if (e - i < k)
			own_blank_run(keys, i, e);
		i = e;
	}
	qsort(keys, (size_t)n, sizeof *keys, own_key_cmp);
	for (int i = 0; i < n;) {
		int e = run_end(keys, n, i, true);
		own_complement(keys, i, e, k);
		i = e;
	}
	for (int i = 0; i < n; i++)
		memcpy(s->rows[keys[i].row].own, keys[i].v, (size_t)n_own);
}

/* The own statements' columns and each new row's values (rows from
 * `first`, in the order of store_round_responses), k-safe in the rows
 * (own_suppress). */
static store_rc add_own(export_set *s, store *st, const mround *rd, int first)
{
	own_statement *os;
	int n, nr;
	uint8_t *persp;
	int8_t *values;
	store_rc rc = store_own_statements(st, s->a, rd->id, &os, &n);
	if (rc != ST_OK || n == 0)
		return rc;
	rc = store_own_matrix(st, s->a, rd->id, os, n, &nr, &persp, &values);
	if (rc != ST_OK)
		return rc;
	if (nr != s->n_rows - first)
		return ST_ERROR; /* the rows and the own answers must be of the same responses */
	codebook_add_own(s->a, &s->cb, os, n);
	for (int r = 0; r < nr; r++)
		s->rows[first + r].own = values + (size_t)r * (size_t)n;
	own_suppress(s, first, n, rd->k);
	return ST_OK;
}

store_rc export_add_round(export_set *s, store *st, const mround *rd, const item_row *items,
			  int n_items, bool *added)
{
	*added = false;
	if (rd->answers_deleted_at) { /* only its figures are left (src/io/retention.h) */
		s->deleted++;
		return ST_OK;
	}
	/* the round's figures and its responses as read live only while its
	 * rows are made (which copy the values and the plan): an export
	 * across thousands of rounds keeps its rows, not every round's
	 * reading of them */
	arena *scratch = arena_new();
	round_figures f;
	const char *err = NULL;
	store_rc rc = figures_load(st, scratch, rd, s->in, figures_item_ids(scratch, s->in, items, n_items),
				   &f, &err);
	if (rc != ST_OK) {
		arena_free(scratch);
		return rc;
	}
	if (!f.released) {
		s->open++;
	} else {
		stored_response *resp;
		round_comment *cs;
		int n, nc;
		rc = store_round_responses(st, scratch, rd->id, &resp, &n);
		if (rc == ST_OK)
			rc = store_round_comments(st, s->a, rd->id, &cs, &nc);
		if (rc == ST_OK && n != f.submitted)
			rc = ST_ERROR; /* the figures and the rows must be of the same answers */
		int first = s->n_rows;
		if (rc == ST_OK)
			*added = export_add(s, rd, f.res, items, n_items, resp, n, cs, nc);
		if (rc == ST_OK && *added && s->with_own && s->n_rounds == 1)
			rc = add_own(s, st, rd, first);
	}
	figures_done(&f);
	arena_free(scratch);
	return rc;
}

static void shuffle(void *items, int n, size_t size, void *tmp)
{
	char *base = items;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)randombytes_uniform((uint32_t)i + 1);
		memcpy(tmp, base + size * (size_t)i, size);
		memcpy(base + size * (size_t)i, base + size * (size_t)j, size);
		memcpy(base + size * (size_t)j, tmp, size);
	}
}

void export_finish(export_set *s)
{
	export_row tr;
	export_comment tc;
	/* random order within each round, rounds in the order they were added */
	int start = 0;
	for (int i = 1; i <= s->n_rows; i++)
		if (i == s->n_rows || s->rows[i].round != s->rows[start].round) {
			shuffle(s->rows + start, i - start, sizeof tr, &tr);
			start = i;
		}
	for (int i = 0; i < s->n_rows; i++)
		s->rows[i].number = i + 1;
	shuffle(s->comments, s->n_comments, sizeof tc, &tc);
}
