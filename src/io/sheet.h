/* sheet.h - a plain table of text and whole numbers (a header row, then
 * rows), written as CSV or as one or more sheets of an XLSX workbook. For
 * the lists a workplace keeps (the practice questions and what belongs to
 * them); the round's figures have their own model (io/tables.h). Text
 * cells that a spreadsheet would run as a formula are neutralised. */
#ifndef WP_SHEET_H
#define WP_SHEET_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"

typedef struct {
	const char *name;      /* the worksheet's name (at most 31 characters) */
	int n_cols;
	const char **header;   /* n_cols column names */
	bool *number;          /* per column: whole numbers (written as numbers) */
	int n_rows, cap;
	const char ***rows;    /* n_rows rows of n_cols cells; NULL reads as "" */
	arena *a;
} sheet;

/* A sheet with these columns; a column name ending in '#' holds whole
 * numbers (the '#' is not part of the name). Arena memory. */
void sheet_init(sheet *s, arena *a, const char *name, const char *const *columns, int n_cols);
/* A new row of empty cells; fill it with sheet_text and sheet_int. */
const char **sheet_row(sheet *s);
void sheet_int(sheet *s, const char **row, int col, long long v);

/* The sheet as CSV (comma, CRLF, header first) into out. */
void sheet_csv(const sheet *s, buf *out);
/* The sheets as one workbook into out; false with *err (static). */
bool sheet_xlsx(const sheet *const *sheets, int n, buf *out, const char **err);

#endif
