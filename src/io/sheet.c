/* sheet.c - plain tables as CSV and XLSX (sheet.h). */
#include "io/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "io/csv.h"
#include "io/xlsx_file.h"

void sheet_init(sheet *s, arena *a, const char *name, const char *const *columns, int n_cols)
{
	memset(s, 0, sizeof *s);
	s->a = a;
	s->name = name;
	s->n_cols = n_cols;
	s->header = ARENA_ARRAY(a, const char *, (size_t)n_cols);
	s->number = ARENA_ARRAY(a, bool, (size_t)n_cols);
	for (int c = 0; c < n_cols; c++) {
		size_t len = strlen(columns[c]);
		s->number[c] = len > 1 && columns[c][len - 1] == '#';
		s->header[c] = s->number[c] ? arena_strndup(a, columns[c], len - 1) : columns[c];
	}
}

const char **sheet_row(sheet *s)
{
	if (s->n_rows == s->cap) {
		int cap = s->cap ? s->cap * 2 : 32;
		const char ***bigger = ARENA_ARRAY(s->a, const char **, (size_t)cap);
		if (s->n_rows)
			memcpy(bigger, s->rows, sizeof *bigger * (size_t)s->n_rows);
		s->rows = bigger;
		s->cap = cap;
	}
	const char **row = ARENA_ARRAY(s->a, const char *, (size_t)s->n_cols);
	s->rows[s->n_rows++] = row;
	return row;
}

void sheet_int(sheet *s, const char **row, int col, long long v)
{
	row[col] = arena_printf(s->a, "%lld", v);
}

void sheet_csv(const sheet *s, buf *out)
{
	for (int c = 0; c < s->n_cols; c++) {
		if (c)
			buf_puts(out, ",");
		csv_put_raw(out, s->header[c], ',');
	}
	buf_puts(out, "\r\n");
	for (int i = 0; i < s->n_rows; i++) {
		for (int c = 0; c < s->n_cols; c++) {
			const char *v = s->rows[i][c] ? s->rows[i][c] : "";
			if (c)
				buf_puts(out, ",");
			if (s->number[c])
				csv_put_raw(out, v, ',');
			else
				csv_put_text(out, v, ',');
		}
		buf_puts(out, "\r\n");
	}
}

static void write_sheet(lxw_workbook *wb, lxw_format *bold, const sheet *s)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
	for (int c = 0; c < s->n_cols; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, s->header[c], bold);
	for (int i = 0; i < s->n_rows; i++)
		for (int c = 0; c < s->n_cols; c++) {
			const char *v = s->rows[i][c] ? s->rows[i][c] : "";
			lxw_row_t row = (lxw_row_t)(i + 1);
			if (s->number[c] && *v)
				worksheet_write_number(ws, row, (lxw_col_t)c, (double)strtoll(v, NULL, 10), NULL);
			else if (*v)
				worksheet_write_string(ws, row, (lxw_col_t)c, csv_neutralise(s->a, v), NULL);
		}
	worksheet_freeze_panes(ws, 1, 0);
}

bool sheet_xlsx(const sheet *const *sheets, int n, buf *out, const char **err)
{
	xlsx_file f;
	if (!xlsx_open(&f, err))
		return false;
	lxw_format *bold = workbook_add_format(f.wb);
	format_set_bold(bold);
	for (int i = 0; i < n; i++)
		write_sheet(f.wb, bold, sheets[i]);
	return xlsx_close(&f, out, err);
}
