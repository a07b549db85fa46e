/* report_data.c - what the round report takes from the store besides the
 * figures: the comments that the round's comment plan shows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "domain/look.h"
#include "figures/figures.h"
#include "io/report_pdf.h"

/* The element and open question of a stored question id, or -1. */
static int open_question(const instrument *in, const item_row *rows, int n_rows, int64_t id, int *q)
{
	const char *code = NULL;
	for (int i = 0; i < n_rows && !code; i++)
		if (rows[i].id == id && rows[i].open)
			code = rows[i].code;
	for (int e = 0; code && e < EL_COUNT; e++)
		for (size_t k = 0; k < in->elements[e].n_open; k++)
			if (strcmp(in->elements[e].open[k].id, code) == 0) {
				*q = (int)k;
				return e;
			}
	return -1;
}

/* Element, question (by its place in the instrument), text, group: an order
 * that says nothing about who wrote first. */
static int by_place(const void *pa, const void *pb)
{
	const report_comment *a = pa, *b = pb;
	if (a->element != b->element)
		return a->element - b->element;
	if (a->question_no != b->question_no)
		return a->question_no - b->question_no;
	int c = strcmp(a->text, b->text);
	return c ? c : strcmp(a->group, b->group);
}

store_rc report_comments_load(store *st, arena *a, const mround *rd, const instrument *in,
			      const item_row *rows, int n_rows, const anon_plan *plan, bool english,
			      report_extras *x)
{
	round_comment *cs;
	int n;
	store_rc rc = store_round_comments(st, a, rd->id, &cs, &n);
	if (rc != ST_OK)
		return rc;
	report_comment *out = ARENA_ARRAY(a, report_comment, (size_t)n + 1);
	int m = 0;
	for (int i = 0; i < n; i++) {
		int q = 0;
		int e = open_question(in, rows, n_rows, cs[i].item_id, &q);
		int col = anon_column(plan, cs[i].persp);
		if (e < 0 || col < 0)
			continue;
		out[m++] = (report_comment){.element = e, .question_no = q,
					    .question = wp_text_get(&in->elements[e].open[q].text, english),
					    .group = tables_column_name(plan, (perspective)col, english),
					    .text = cs[i].text};
	}
	qsort(out, (size_t)m, sizeof *out, by_place);
	x->comments = out;
	x->n_comments = m;
	x->comments_shown = true;
	x->k_comments = rd->k_comments;
	return ST_OK;
}

store_rc report_round_load(store *st, arena *a, const mround *rd, const instrument *in, const item_row *rows,
			   int n_rows, bool english, tables_model *t, report_extras *x, tables_status *status,
			   const char **err)
{
	round_figures f;
	memset(x, 0, sizeof *x);
	store_rc rc = figures_load(st, a, rd, in, figures_item_ids(a, in, rows, n_rows), &f, err);
	if (rc != ST_OK)
		return rc;
	*status = tables_build(a, &f, english, t);
	if (*status == TABLES_OK)
		rc = report_comments_load(st, a, rd, in, rows, n_rows, &f.res->comments, english, x);
	if (rc == ST_OK && *status == TABLES_OK) {
		pdf_look *look = ARENA_ARRAY(a, pdf_look, 1);
		rc = report_look_load(st, a, look);
		x->look = look;
	}
	figures_done(&f);
	return rc;
}

/* One cell of an own statement's row, as the tables give it. */
static tables_cell own_cell(const own_figures *of, const analysis_item *items, int i, perspective col)
{
	const analysis_row *row = &of->res->items[i];
	tables_why why = tables_cell_why(items, of->res, row, i, col);
	if (why != TABLES_SHOWN)
		return (tables_cell){why, 0, NAN, NAN};
	return (tables_cell){why, row->col[col].n, row->col[col].mean, row->col[col].sd};
}

store_rc report_own_load(store *st, arena *a, const mround *rd, const tables_model *t, report_extras *x,
			 const char **err)
{
	own_figures of;
	store_rc rc = figures_own_load(st, a, rd, &of, err);
	if (rc != ST_OK || !of.res)
		return rc;
	analysis_item *items = ARENA_ARRAY(a, analysis_item, (size_t)of.n + 1); /* put to everyone */
	tables_row *rows = ARENA_ARRAY(a, tables_row, (size_t)of.n + 1);
	for (int i = 0; i < of.n; i++) {
		tables_row *tr = &rows[i];
		const analysis_row *row = &of.res->items[i];
		tr->kind = TABLES_STATEMENT;
		tr->code = arena_printf(a, "%s%d", OWN_PREFIX, i + 1);
		tr->group = own_section_code(of.st[i].section);
		tr->label = t->english ? of.st[i].text_en : of.st[i].text_nl;
		for (int c = 0; c < t->n_cols; c++)
			tr->col[c] = own_cell(&of, items, i, t->cols[c]);
		tr->weighted = row->plan.total_shown
				       ? (tables_cell){TABLES_SHOWN, row->total.n, row->total.mean, row->total.sd}
				       : (tables_cell){TABLES_EXPOSES, 0, NAN, NAN};
	}
	x->own = rows;
	x->n_own = of.n;
	figures_own_done(&of);
	return ST_OK;
}

store_rc report_look_load(store *st, arena *a, pdf_look *out)
{
	site_look l;
	*out = (pdf_look){0};
	store_rc rc = store_look_get(st, a, &l);
	if (rc != ST_OK)
		return rc;
	size_t n = strlen(l.logo), len = 0;
	unsigned char *bin = ARENA_ARRAY(a, unsigned char, n + 1);
	if (n && sodium_base642bin(bin, n, l.logo, n, NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    len) {
		out->logo = bin;
		out->logo_len = len;
		out->logo_svg = strcmp(l.logo_kind, "svg") == 0;
	}
	look_rgb c;
	if (look_colour_parse(l.accent, &c)) {
		out->has_accent = true;
		out->accent[0] = c.r / 255.0;
		out->accent[1] = c.g / 255.0;
		out->accent[2] = c.b / 255.0;
	}
	return ST_OK;
}
