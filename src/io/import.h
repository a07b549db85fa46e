/* import.h - responses from other survey tools (LimeSurvey, Microsoft
 * Forms, Qualtrics, a spreadsheet) into a round: a CSV file plus a mapping
 * (JSON, docs/import.md) that ties its columns to statements, open
 * questions, triggers and the perspective, and its answer labels to scale
 * values.
 *
 * Validation comes first and is complete: every rejected row and cell is
 * reported (row number, column, value, why); only a file without a single
 * problem is stored, and then all of it, in the caller's transaction, as
 * submitted responses (each bumping the round's answers_version). The
 * mapping and row checks are pure; import_store writes. */
#ifndef WP_IMPORT_H
#define WP_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/instrument.h"
#include "io/csv.h"
#include "store/store.h"

#define IMPORT_MAX_PROBLEMS 1000 /* kept; more are counted */
#define IMPORT_TEXT_MAX 2000     /* characters of an answer to an open question */
#define IMPORT_FILE_MAX (16u * 1024 * 1024)
#define IMPORT_MAPPING_MAX (1024u * 1024)

typedef struct {
	int row;            /* line of the record in the file (1-based); 0: the mapping or the whole file */
	const char *column; /* the column's name, or the mapping path ("items.LOS1") */
	const char *value;  /* the value as written ("" when none) */
	const char *why;
} import_problem;

typedef struct {
	import_problem *v;
	int n, cap;  /* kept, at most IMPORT_MAX_PROBLEMS */
	int total;   /* found */
} import_problems;

void import_problem_add(arena *a, import_problems *p, int row, const char *column, const char *value,
			const char *why);

typedef struct import_mapping import_mapping;

/* Parse and check a mapping against the round's instrument: unknown keys,
 * unknown statements or questions, wrong value types, a column used twice,
 * an instrument or version that is not the round's. NULL when anything is
 * wrong (every problem is added, row 0). */
import_mapping *import_mapping_parse(arena *a, const char *json, size_t len, const instrument *in,
				     bool english, import_problems *pr);

/* The separator the mapping names, or 0 to detect it. */
char import_mapping_sep(const import_mapping *m);

#define IMPORT_NONE ((int8_t)-1)

typedef struct {
	int row;            /* line in the file */
	perspective persp;
	int8_t *value;      /* per scored statement: IMPORT_NONE, 0 for "don't know", 1..5 */
	const char **open;  /* per open question (import_open_question), NULL when empty */
	unsigned triggers;
} import_response;

typedef struct {
	import_response *resp;
	int n;
	int skipped;        /* rows the mapping's filter left out */
} import_result;

/* Open questions in a fixed order: each element's, then the triggers'. */
int import_open_count(const instrument *in);
const instr_question *import_open_question(const instrument *in, int i);

/* Check the parsed file against the mapping and turn its rows into
 * responses. True when there is no problem at all; otherwise every
 * problem is in pr and out must not be stored. */
bool import_rows(arena *a, const import_mapping *m, const csv_table *t, bool english,
		 import_result *out, import_problems *pr);

typedef enum { IMPORT_OK, IMPORT_BAD_MAPPING, IMPORT_BAD_FILE } import_status;

/* Parse the CSV text and the mapping and check them (the three steps
 * above): IMPORT_OK with *out when all is well; otherwise which of the two
 * files the problems are in. */
import_status import_check(arena *a, const instrument *in, const char *csv, size_t csv_len,
		  const char *mapping, size_t mapping_len, bool english, import_result *out,
		  import_problems *pr);

/* Store every response as a submitted response of the round, inside the
 * caller's transaction. lay: the stored questions of the round's
 * instrument version. */
store_rc import_store(store *st, const instrument *in, const item_layout *lay, int64_t round_id,
		      const import_result *res);

#endif
