/* tables_xlsx.c - the aggregate tables as an Excel workbook
 * (libxlsxwriter): the table itself on the first sheet, with the same
 * columns as the CSV (numbers as numbers, shown with two decimals), then
 * a sheet about the round and what the notes mean (written through
 * xlsx_file.h). Text cells are neutralised like the CSV's. */
#include <math.h>
#include <xlsxwriter.h>

#include "io/csv.h"
#include "io/tables.h"
#include "io/xlsx_file.h"

struct xl {
	const tables_model *t;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *dec2;
	int col; /* the next column of the row being written */
};

static const char *L(const tables_model *t, const char *nl, const char *en)
{
	return t->english ? en : nl;
}

static void put_text(struct xl *x, int row, const char *s)
{
	if (s && *s)
		worksheet_write_string(x->ws, (lxw_row_t)row, (lxw_col_t)x->col, csv_neutralise(x->t->a, s), NULL);
	x->col++;
}

static void put_int(struct xl *x, int row, bool shown, int v)
{
	if (shown)
		worksheet_write_number(x->ws, (lxw_row_t)row, (lxw_col_t)x->col, v, NULL);
	x->col++;
}

static void put_number(struct xl *x, int row, double v)
{
	if (!isnan(v))
		worksheet_write_number(x->ws, (lxw_row_t)row, (lxw_col_t)x->col, tables_round2(v), x->dec2);
	x->col++;
}

static void put_cell(struct xl *x, int row, const tables_cell *c, bool with_n, bool with_sd)
{
	bool shown = c->why == TABLES_SHOWN;
	if (with_n)
		put_int(x, row, shown, c->n);
	put_number(x, row, shown ? c->mean : NAN);
	if (with_sd)
		put_number(x, row, shown ? c->sd : NAN);
	put_text(x, row, tables_why_code(c->why));
}

static void table_row(struct xl *x, int y, const tables_row *row)
{
	const tables_model *t = x->t;
	x->col = 0;
	put_text(x, y, tables_kind_code(row->kind));
	put_text(x, y, row->code);
	put_text(x, y, row->group);
	put_text(x, y, row->label);
	put_int(x, y, true, row->reverse ? 1 : 0);
	for (int c = 0; c < t->n_cols; c++) {
		put_cell(x, y, &row->col[c], true, true);
		if (t->cols[c] == PERSP_OTHER)
			put_text(x, y, row->pooled);
	}
	put_cell(x, y, &row->headline, false, false);
	put_cell(x, y, &row->weighted, true, true);
	put_number(x, y, row->gap.why == TABLES_SHOWN ? row->gap.mean : NAN);
	put_text(x, y, row->band);
	put_int(x, y, true, row->differ ? 1 : 0);
}

static void table_sheet(struct xl *x)
{
	const tables_model *t = x->t;
	x->ws = workbook_add_worksheet(x->wb, L(t, "tabellen", "tables"));
	int n;
	const char **h = tables_header(t, &n);
	for (int i = 0; i < n; i++)
		worksheet_write_string(x->ws, 0, (lxw_col_t)i, h[i], x->bold);
	worksheet_set_column(x->ws, 3, 3, 60, NULL);
	worksheet_freeze_panes(x->ws, 1, 4);
	for (int r = 0; r < t->n_rows; r++)
		table_row(x, r + 1, &t->rows[r]);
}

static void about_line(struct xl *x, int *y, const char *label, const char *value)
{
	worksheet_write_string(x->ws, (lxw_row_t)*y, 0, label, x->bold);
	x->col = 1;
	put_text(x, *y, value);
	(*y)++;
}

static void about_sheet(struct xl *x)
{
	const tables_model *t = x->t;
	arena *a = t->a;
	x->ws = workbook_add_worksheet(x->wb, L(t, "toelichting", "about"));
	worksheet_set_column(x->ws, 0, 0, 28, NULL);
	worksheet_set_column(x->ws, 1, 1, 100, NULL);
	int y = 0;
	about_line(x, &y, L(t, "Werkplaats", "Workplace"), t->workplace_name);
	about_line(x, &y, L(t, "Meetronde", "Round"), arena_printf(a, "%lld", (long long)t->round_id));
	about_line(x, &y, L(t, "Titel", "Title"), t->title);
	about_line(x, &y, L(t, "Periode", "Period"), arena_printf(a, "%s – %s", t->opens_on, t->closes_on));
	about_line(x, &y, L(t, "Vragenlijst", "Instrument"), t->instrument);
	about_line(x, &y, "k", arena_printf(a, "%d", t->k));
	about_line(x, &y, L(t, "Respondenten", "Respondents"), arena_printf(a, "%d", t->respondents));
	for (int c = 0; c < t->n_cols; c++)
		about_line(x, &y, arena_printf(a, "%s_*", perspective_code(t->cols[c])),
			   arena_printf(a, "%s, n=%d", t->col_name[c], t->col_n[c]));
	y++;
	about_line(x, &y, "too-few", L(t, "niet getoond: te weinig mensen (minder dan k)",
				       "not shown: too few people (fewer than k)"));
	about_line(x, &y, "not-asked", L(t, "deze stelling is aan niemand van deze kolom gesteld",
					 "this statement was put to nobody of this column"));
	about_line(x, &y, "withheld", L(t, "niet getoond: de samengevoegde groepen kregen verschillende stellingen",
					"not shown: the pooled groups were asked different statements"));
	about_line(x, &y, "exposes-small-group", L(t, "niet getoond: het zou een kleine groep blootgeven",
						   "not shown: it would expose a small group"));
	about_line(x, &y, "score", L(t, "elk getoond perspectief telt even zwaar", "each shown perspective counts equally"));
	about_line(x, &y, "everyone", L(t, "het gemiddelde van alle respondenten in de rij",
					"the mean of every respondent in the row"));
	about_line(x, &y, "differ", L(t, "1: het verschil tussen perspectieven is 1,0 of meer",
				      "1: the gap between perspectives is 1.0 or more"));
}

bool tables_xlsx(const tables_model *t, buf *out, const char **err)
{
	xlsx_file f;
	if (!xlsx_open(&f, err))
		return false;
	struct xl x = {.t = t, .wb = f.wb};
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.dec2 = workbook_add_format(x.wb);
	format_set_num_format(x.dec2, "0.00");
	table_sheet(&x);
	about_sheet(&x);
	return xlsx_close(&f, out, err);
}
