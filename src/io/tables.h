/* tables.h - the aggregate tables of a closed round: every figure the
 * result pages show (elements, outcome categories, statements; per shown
 * column n, mean and SD; headline, respondent-weighted mean, gap, band,
 * "perspectives differ"), as CSV, XLSX and JSON. docs/reports.md
 * describes the files.
 *
 * One table model is built from the figures room's round_figures
 * (src/figures/figures.h) and every writer reads only the model, so a
 * table cannot show what the pages hide: a hidden cell is blank with the
 * reason, decided by tables_cell_why, which the pages use too
 * (web/results.c, results_row_cell). A round that has not closed, or has
 * fewer than k respondents, gives no model at all. Text cells that a
 * spreadsheet would run as a formula are neutralised (csv_neutralise). */
#ifndef WP_TABLES_H
#define WP_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "domain/analysis.h"
#include "figures/figures.h"
#include "store/store.h"

/* Why a cell shows what it shows. */
typedef enum {
	TABLES_SHOWN,       /* the figure */
	TABLES_TOO_FEW,     /* fewer than k people of the column in the row */
	TABLES_NOT_ASKED,   /* a statement put to nobody of the column */
	TABLES_WITHHELD,    /* the pooled groups were asked different statements */
	TABLES_EXPOSES,     /* a total that would expose a small group */
	TABLES_NONE,        /* no figure exists (a gap with fewer than 2 columns) */
} tables_why;

/* Why the cell of column col in a row is not shown, or TABLES_SHOWN.
 * item: the statement's index into items, -1 for element and outcome rows.
 * The one place that decides it, for the pages and the tables alike. */
tables_why tables_cell_why(const analysis_item *items, const analysis_result *res,
			   const analysis_row *row, int item, perspective col);

/* "too-few", "not-asked", "withheld", "exposes-small-group", "" (shown, none). */
const char *tables_why_code(tables_why w);

typedef struct {
	tables_why why;
	int n;
	double mean, sd;      /* NAN unless shown */
} tables_cell;

typedef enum { TABLES_ELEMENT, TABLES_OUTCOME, TABLES_STATEMENT } tables_kind;

/* "element", "outcome", "statement" */
const char *tables_kind_code(tables_kind k);

typedef struct {
	tables_kind kind;
	const char *code;          /* "LOS", "knowledge", "LOS1" */
	const char *group;         /* the element or outcome code (a statement's own group) */
	const char *label;         /* the name or the statement, in the model's language */
	bool reverse;              /* a reverse-worded statement (its means are turned) */
	tables_cell col[PERSP_COUNT]; /* per column of the model, in column order */
	const char *pooled;        /* the perspectives inside the pooled column in this
				    * row ("student teacher"), "" when it has none */
	tables_cell headline;      /* the equally weighted score (n unused) */
	tables_cell weighted;      /* respondent-weighted mean with n and SD */
	tables_cell gap;           /* highest minus lowest shown column (n unused) */
	const char *band;          /* analysis_band_code */
	bool differ;               /* the gap as shown is 1.0 or more */
} tables_row;

typedef struct {
	arena *a;
	bool english;
	int64_t round_id;
	const char *workplace, *workplace_name, *title, *opens_on, *closes_on, *instrument;
	int k, respondents;
	int n_cols;                       /* the round's shown columns */
	perspective cols[PERSP_COUNT];
	const char *col_name[PERSP_COUNT]; /* "Student", "Other (pooled)" */
	int col_n[PERSP_COUNT];           /* people in each column of the round */
	tables_row *rows;                 /* elements, outcomes, statements */
	int n_rows;
} tables_model;

/* A shown column's name in plan, as the pages head it: "Student",
 * "Other (pooled)" when smaller groups are pooled into it (static text). */
const char *tables_column_name(const anon_plan *plan, perspective p, bool english);

/* Why a round gives no tables. */
typedef enum { TABLES_OK, TABLES_OPEN, TABLES_BELOW_K } tables_status;

/* Build the model from released figures (arena memory). TABLES_OPEN when
 * the round has not closed, TABLES_BELOW_K when nothing is shown; out then
 * holds nothing. */
tables_status tables_build(arena *a, const round_figures *f, bool english, tables_model *out);

/* The same with the figures from the store (for the command line). */
store_rc tables_load(store *st, arena *a, const mround *rd, const instrument *in, const item_row *items,
		     int n_items, bool english, tables_model *out, tables_status *status, const char **err);

typedef enum { TABLES_CSV, TABLES_XLSX, TABLES_JSON, TABLES_FORMAT_COUNT } tables_format;

/* "csv", "xlsx", "json" -> the format, or -1. */
int tables_format_named(const char *name);
const char *tables_format_ext(tables_format f);
const char *tables_content_type(tables_format f);

/* A figure as the CSV and XLSX hold it: rounded to two decimals (half
 * away from zero), so that both files and a spreadsheet's display of the
 * XLSX say the same digits. JSON keeps full precision, as the API. */
double tables_round2(double v);

/* Write the model; false with *err (static text) when a library failed
 * or out's cap was reached. */
bool tables_write(const tables_model *t, tables_format f, buf *out, const char **err);
void tables_csv(const tables_model *t, buf *out);
bool tables_xlsx(const tables_model *t, buf *out, const char **err);
void tables_json(const tables_model *t, buf *out);

/* The column names of the CSV and the first sheet, in order, for a model
 * (arena strings): "section", "code", ..., per column "<code>_n",
 * "<code>_mean", "<code>_sd", "<code>_note", ... Sets *n. */
const char **tables_header(const tables_model *t, int *n);

#endif
