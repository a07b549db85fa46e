/* export_xlsx.c - the export as an Excel workbook (libxlsxwriter): the
 * answers (wide) on the first sheet, then the comments, the codebook and
 * notes (written through xlsx_file.h). Text cells are
 * neutralised like the CSV's, so a formula typed into a comment stays
 * text even after the sheet is saved again as CSV. */
#include <string.h>
#include <xlsxwriter.h>

#include "io/csv.h"
#include "io/export.h"
#include "io/xlsx_file.h"

struct xl {
	const export_set *s;
	lxw_workbook *wb;
	lxw_format *bold;
};

static const char *L(const export_set *s, const char *nl, const char *en)
{
	return s->english ? en : nl;
}

static void text(struct xl *x, lxw_worksheet *ws, int row, int col, const char *t)
{
	if (t && *t)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, csv_neutralise(x->s->a, t), NULL);
}

static void header(struct xl *x, lxw_worksheet *ws, int col, const char *t)
{
	worksheet_write_string(ws, 0, (lxw_col_t)col, t, x->bold);
}

#define ID_COLUMNS 5 /* workplace, round, respondent, perspective, mode */

static void answers_sheet(struct xl *x)
{
	const export_set *s = x->s;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, L(s, "antwoorden", "answers"));
	for (int v = 0; v < s->cb.n; v++)
		header(x, ws, v, s->cb.v[v].name);
	worksheet_freeze_panes(ws, 1, ID_COLUMNS);
	for (int r = 0; r < s->n_rows; r++) {
		const export_row *row = &s->rows[r];
		lxw_row_t y = (lxw_row_t)(r + 1);
		text(x, ws, (int)y, 0, s->rounds[row->round].workplace);
		worksheet_write_number(ws, y, 1, (double)s->rounds[row->round].id, NULL);
		worksheet_write_number(ws, y, 2, row->number, NULL);
		text(x, ws, (int)y, 3, export_persp_code(row->persp));
		text(x, ws, (int)y, 4, export_mode_code(row->mode));
		for (int i = 0; i < s->cb.n_items; i++) {
			int8_t v = row->value[i];
			if (v == EXPORT_DK)
				worksheet_write_string(ws, y, (lxw_col_t)(ID_COLUMNS + i), "dk", NULL);
			else if (v > 0)
				worksheet_write_number(ws, y, (lxw_col_t)(ID_COLUMNS + i), v, NULL);
		}
		for (int t = 0; t < TRIG_COUNT; t++)
			worksheet_write_number(ws, y, (lxw_col_t)(ID_COLUMNS + s->cb.n_items + t),
					       (row->triggers >> t) & 1u, NULL);
		for (int i = 0; i < s->cb.n_own; i++) {
			lxw_col_t col = (lxw_col_t)(ID_COLUMNS + s->cb.n_items + TRIG_COUNT + i);
			if (row->own[i] == EXPORT_DK)
				worksheet_write_string(ws, y, col, "dk", NULL);
			else if (row->own[i] > 0)
				worksheet_write_number(ws, y, col, row->own[i], NULL);
		}
	}
}

static void comments_sheet(struct xl *x)
{
	const export_set *s = x->s;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, L(s, "opmerkingen", "comments"));
	static const char *const cols[] = {"workplace", "round", "perspective", "question", "text"};
	for (int c = 0; c < 5; c++)
		header(x, ws, c, cols[c]);
	worksheet_set_column(ws, 4, 4, 80, NULL);
	for (int i = 0; i < s->n_comments; i++) {
		const export_comment *c = &s->comments[i];
		text(x, ws, i + 1, 0, s->rounds[c->round].workplace);
		worksheet_write_number(ws, (lxw_row_t)(i + 1), 1, (double)s->rounds[c->round].id, NULL);
		text(x, ws, i + 1, 2, export_persp_code(c->persp));
		text(x, ws, i + 1, 3, c->question);
		text(x, ws, i + 1, 4, c->text);
	}
}

static void codebook_sheet(struct xl *x)
{
	const export_set *s = x->s;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "codebook");
	static const char *const cols[] = {"variable", "label_nl", "label_en", "section", "group",
					   "reverse", "asked", "values_nl", "values_en"};
	for (int c = 0; c < 9; c++)
		header(x, ws, c, cols[c]);
	worksheet_set_column(ws, 1, 2, 60, NULL);
	for (int i = 0; i < s->cb.n; i++) {
		const cb_var *v = &s->cb.v[i];
		int y = i + 1;
		text(x, ws, y, 0, v->name);
		text(x, ws, y, 1, v->label_nl);
		text(x, ws, y, 2, v->label_en);
		text(x, ws, y, 3, v->section);
		text(x, ws, y, 4, v->group);
		worksheet_write_number(ws, (lxw_row_t)y, 5, v->reverse, NULL);
		unsigned m = v->asked;
		const char *asked = "all";
		if (m) {
			asked = "";
			for (int p = 0; p < PERSP_COUNT; p++)
				if (m & (1u << p))
					asked = arena_printf(s->a, "%s%s%s", asked, *asked ? " " : "",
							     perspective_code((perspective)p));
		}
		text(x, ws, y, 6, asked);
		text(x, ws, y, 7, codebook_values(s->a, &s->cb, v, false));
		text(x, ws, y, 8, codebook_values(s->a, &s->cb, v, true));
	}
}

static void about_sheet(struct xl *x)
{
	const export_set *s = x->s;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, L(s, "toelichting", "about"));
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 90, NULL);
	int y = 0;
	worksheet_write_string(ws, (lxw_row_t)y, 0, L(s, "Vragenlijst", "Instrument"), x->bold);
	text(x, ws, y++, 1, arena_printf(s->a, "%s %s", s->in->id, s->in->version));
	worksheet_write_string(ws, (lxw_row_t)y, 0, L(s, "Anonimiteit", "Anonymity"), x->bold);
	text(x, ws, y++, 1,
	     L(s, "Perspectieven met minder dan k mensen zijn samengevoegd als 'other' of leeg gelaten; "
		  "rondes met minder dan k respondenten ontbreken. Respondentnummers gelden alleen binnen "
		  "deze export en staan in willekeurige volgorde. Opmerkingen staan los van de antwoorden.",
	       "Perspectives with fewer than k people are pooled as 'other' or left blank; rounds with "
	       "fewer than k respondents are left out. Respondent numbers hold only within this export "
	       "and are in random order. Comments are kept apart from the answers."));
	worksheet_write_string(ws, (lxw_row_t)y, 0, L(s, "Weggelaten rondes", "Rounds left out"), x->bold);
	worksheet_write_number(ws, (lxw_row_t)y++, 1, s->skipped, NULL);
	y++;
	static const char *const cols[] = {"round", "workplace", "title", "k", "respondents"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, (lxw_row_t)y, (lxw_col_t)c, cols[c], x->bold);
	for (int i = 0; i < s->n_rounds; i++) {
		const export_round *rd = &s->rounds[i];
		y++;
		worksheet_write_number(ws, (lxw_row_t)y, 0, (double)rd->id, NULL);
		text(x, ws, y, 1, rd->workplace);
		text(x, ws, y, 2, rd->title);
		worksheet_write_number(ws, (lxw_row_t)y, 3, rd->k, NULL);
		worksheet_write_number(ws, (lxw_row_t)y, 4, rd->plan.total, NULL);
	}
}

bool export_xlsx(const export_set *s, buf *out, const char **err)
{
	xlsx_file f;
	if (!xlsx_open(&f, err))
		return false;
	struct xl x = {s, f.wb, NULL};
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	answers_sheet(&x);
	comments_sheet(&x);
	codebook_sheet(&x);
	about_sheet(&x);
	return xlsx_close(&f, out, err);
}
