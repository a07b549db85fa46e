/* tables.c - the aggregate tables of a closed round: the model built from
 * the figures room, and its CSV and JSON writers (XLSX: tables_xlsx.c). */
#include "io/tables.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

#define SEP ','

/* ---- what a cell shows ---- */

/* Is statement `item` put to anyone of column col (a perspective, or the
 * pooled "other" with its members in the round)? */
static bool column_asked(const analysis_item *items, const analysis_result *res, int item, perspective col)
{
	unsigned mask = items[item].perspectives;
	if (mask == 0)
		return true;
	for (int p = 0; p < PERSP_COUNT; p++)
		if (anon_column(&res->plan, (perspective)p) == (int)col && (mask >> p & 1))
			return true;
	return false;
}

tables_why tables_cell_why(const analysis_item *items, const analysis_result *res,
			   const analysis_row *row, int item, perspective col)
{
	if (row->plan.state[col] == ANON_SHOWN)
		return isnan(row->col[col].mean) || row->col[col].n == 0 ? TABLES_TOO_FEW : TABLES_SHOWN;
	if (item >= 0 && !column_asked(items, res, item, col))
		return TABLES_NOT_ASKED;
	if (row->plan.withheld >> col & 1)
		return TABLES_WITHHELD;
	return TABLES_TOO_FEW;
}

const char *tables_why_code(tables_why w)
{
	switch (w) {
	case TABLES_TOO_FEW: return "too-few";
	case TABLES_NOT_ASKED: return "not-asked";
	case TABLES_WITHHELD: return "withheld";
	case TABLES_EXPOSES: return "exposes-small-group";
	default: return "";
	}
}

/* ---- the model ---- */

static tables_cell shown_cell(int n, double mean, double sd)
{
	return (tables_cell){.why = TABLES_SHOWN, .n = n, .mean = mean, .sd = sd};
}

static tables_cell hidden_cell(tables_why why)
{
	return (tables_cell){.why = why, .mean = NAN, .sd = NAN};
}

/* The perspectives pooled into the "other" column of a row. */
static const char *pooled_members(arena *a, const analysis_row *row)
{
	const char *s = "";
	for (int q = 0; q < PERSP_OTHER; q++)
		if (row->plan.state[q] == ANON_POOLED)
			s = arena_printf(a, "%s%s%s", s, *s ? " " : "", perspective_code((perspective)q));
	return s;
}

static void fill_row(const tables_model *t, const round_figures *f, const analysis_row *row, int item,
		     tables_row *out)
{
	for (int c = 0; c < t->n_cols; c++) {
		perspective col = t->cols[c];
		tables_why why = tables_cell_why(f->items, f->res, row, item, col);
		out->col[c] = why == TABLES_SHOWN ? shown_cell(row->col[col].n, row->col[col].mean, row->col[col].sd)
						  : hidden_cell(why);
	}
	out->pooled = row->plan.state[PERSP_OTHER] == ANON_SHOWN ? pooled_members(t->a, row) : "";
	out->headline = row->plan.shown && !isnan(row->headline) ? shown_cell(0, row->headline, NAN)
								 : hidden_cell(TABLES_TOO_FEW);
	out->weighted = row->plan.total_shown ? shown_cell(row->total.n, row->total.mean, row->total.sd)
					      : hidden_cell(TABLES_EXPOSES);
	out->gap = isnan(row->gap) ? hidden_cell(TABLES_NONE) : shown_cell(0, row->gap, NAN);
	out->band = row->band == BAND_NONE ? "" : analysis_band_code(row->band);
	out->differ = row->differ;
}

static const char *text_of(const wp_text *w, bool english)
{
	return wp_text_get(w, english);
}

static void add_groups(tables_model *t, const round_figures *f)
{
	for (int e = 0; e < EL_COUNT; e++) {
		tables_row *row = &t->rows[t->n_rows++];
		*row = (tables_row){.kind = TABLES_ELEMENT, .code = element_code_str((element_code)e),
				    .group = element_code_str((element_code)e),
				    .label = text_of(&f->in->elements[e].name, t->english)};
		fill_row(t, f, &f->res->elements[e], -1, row);
	}
	for (int o = 0; o < OUT_COUNT; o++) {
		tables_row *row = &t->rows[t->n_rows++];
		*row = (tables_row){.kind = TABLES_OUTCOME, .code = outcome_code((outcome_category)o),
				    .group = outcome_code((outcome_category)o),
				    .label = text_of(&f->in->outcomes[o].name, t->english)};
		fill_row(t, f, &f->res->outcomes[o], -1, row);
	}
}

static void add_statements(tables_model *t, const round_figures *f)
{
	for (int i = 0; i < f->n_items; i++) {
		const analysis_item *it = &f->items[i];
		tables_row *row = &t->rows[t->n_rows++];
		*row = (tables_row){.kind = TABLES_STATEMENT, .code = f->instr[i]->id,
				    .group = it->is_outcome ? outcome_code((outcome_category)it->group)
							    : element_code_str((element_code)it->group),
				    .label = text_of(&f->instr[i]->text, t->english),
				    .reverse = f->instr[i]->reverse};
		fill_row(t, f, &f->res->items[i], i, row);
	}
}

const char *tables_column_name(const anon_plan *plan, perspective p, bool english)
{
	bool pooled = false;
	for (int q = 0; q < PERSP_OTHER; q++)
		pooled |= plan->state[q] == ANON_POOLED;
	if (p == PERSP_OTHER && pooled)
		return english ? "Other (pooled)" : "Overig (samengevoegd)";
	return perspective_name(p, english);
}

/* The round's shown columns and their names, as the pages head them. */
static void add_columns(tables_model *t, const anon_plan *plan)
{
	for (int p = 0; p < PERSP_COUNT; p++) {
		if (plan->state[p] != ANON_SHOWN)
			continue;
		t->cols[t->n_cols] = (perspective)p;
		t->col_n[t->n_cols] = plan->n[p];
		t->col_name[t->n_cols] = tables_column_name(plan, (perspective)p, t->english);
		t->n_cols++;
	}
}

tables_status tables_build(arena *a, const round_figures *f, bool english, tables_model *out)
{
	memset(out, 0, sizeof *out);
	if (!f->released)
		return TABLES_OPEN;
	if (!f->res->plan.shown)
		return TABLES_BELOW_K;
	*out = (tables_model){.a = a, .english = english, .round_id = f->rd.id,
			      .workplace = f->rd.workplace_slug, .workplace_name = f->rd.workplace_name,
			      .title = f->rd.title, .opens_on = f->rd.opens_on, .closes_on = f->rd.closes_on,
			      .instrument = arena_printf(a, "%s %s", f->in->id, f->in->version),
			      .k = f->rd.k, .respondents = f->res->plan.total};
	add_columns(out, &f->res->plan);
	out->rows = ARENA_ARRAY(a, tables_row, (size_t)(EL_COUNT + OUT_COUNT + f->n_items));
	add_groups(out, f);
	add_statements(out, f);
	return TABLES_OK;
}

store_rc tables_load(store *st, arena *a, const mround *rd, const instrument *in, const item_row *items,
		     int n_items, bool english, tables_model *out, tables_status *status, const char **err)
{
	round_figures f;
	store_rc rc = figures_load(st, a, rd, in, figures_item_ids(a, in, items, n_items), &f, err);
	if (rc != ST_OK)
		return rc;
	*status = tables_build(a, &f, english, out);
	figures_done(&f);
	return ST_OK;
}

/* ---- formats ---- */

static const struct {
	const char *name, *content_type;
} formats[TABLES_FORMAT_COUNT] = {
	[TABLES_CSV] = {"csv", "text/csv; charset=utf-8"},
	[TABLES_XLSX] = {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	[TABLES_JSON] = {"json", "application/json"},
};

int tables_format_named(const char *name)
{
	for (int f = 0; name && f < TABLES_FORMAT_COUNT; f++)
		if (strcmp(formats[f].name, name) == 0)
			return f;
	return -1;
}

const char *tables_format_ext(tables_format f)
{
	return formats[f].name;
}

const char *tables_content_type(tables_format f)
{
	return formats[f].content_type;
}

bool tables_write(const tables_model *t, tables_format f, buf *out, const char **err)
{
	*err = NULL;
	if (f == TABLES_XLSX)
		return tables_xlsx(t, out, err);
	if (f == TABLES_CSV)
		tables_csv(t, out);
	else
		tables_json(t, out);
	if (out->toobig)
		*err = "the tables are larger than the reply may be";
	return !out->toobig;
}

const char **tables_header(const tables_model *t, int *n)
{
	static const char *const head[] = {"section", "code", "group", "label", "reverse"};
	static const char *const tail[] = {"score", "score_note", "everyone_n", "everyone_mean", "everyone_sd",
					   "everyone_note", "gap", "band", "differ"};
	const char **h = ARENA_ARRAY(t->a, const char *, 5 + (size_t)t->n_cols * 4 + 1 + 9);
	int k = 0;
	for (int i = 0; i < 5; i++)
		h[k++] = head[i];
	for (int c = 0; c < t->n_cols; c++) {
		const char *code = perspective_code(t->cols[c]);
		h[k++] = arena_printf(t->a, "%s_n", code);
		h[k++] = arena_printf(t->a, "%s_mean", code);
		h[k++] = arena_printf(t->a, "%s_sd", code);
		h[k++] = arena_printf(t->a, "%s_note", code);
		if (t->cols[c] == PERSP_OTHER)
			h[k++] = "other_members";
	}
	for (int i = 0; i < 9; i++)
		h[k++] = tail[i];
	*n = k;
	return h;
}

const char *tables_kind_code(tables_kind k)
{
	return k == TABLES_ELEMENT ? "element" : k == TABLES_OUTCOME ? "outcome" : "statement";
}

/* ---- CSV ---- */

double tables_round2(double v)
{
	return round(v * 100.0) / 100.0;
}

static void csv_number(buf *b, double v)
{
	buf_putc(b, SEP);
	if (!isnan(v))
		buf_printf(b, "%.2f", tables_round2(v));
}

static void csv_cell(buf *b, const tables_cell *c, bool with_n, bool with_sd)
{
	if (with_n) {
		buf_putc(b, SEP);
		if (c->why == TABLES_SHOWN)
			buf_printf(b, "%d", c->n);
	}
	csv_number(b, c->why == TABLES_SHOWN ? c->mean : NAN);
	if (with_sd)
		csv_number(b, c->why == TABLES_SHOWN ? c->sd : NAN);
	buf_putc(b, SEP);
	csv_put_raw(b, tables_why_code(c->why), SEP);
}

static void csv_row(const tables_model *t, const tables_row *row, buf *b)
{
	csv_put_raw(b, tables_kind_code(row->kind), SEP);
	buf_putc(b, SEP);
	csv_put_text(b, row->code, SEP);
	buf_putc(b, SEP);
	csv_put_text(b, row->group, SEP);
	buf_putc(b, SEP);
	csv_put_text(b, row->label, SEP);
	buf_printf(b, "%c%d", SEP, row->reverse ? 1 : 0);
	for (int c = 0; c < t->n_cols; c++) {
		csv_cell(b, &row->col[c], true, true);
		if (t->cols[c] == PERSP_OTHER) {
			buf_putc(b, SEP);
			csv_put_raw(b, row->pooled, SEP);
		}
	}
	csv_cell(b, &row->headline, false, false);
	csv_cell(b, &row->weighted, true, true);
	csv_number(b, row->gap.why == TABLES_SHOWN ? row->gap.mean : NAN);
	buf_putc(b, SEP);
	csv_put_raw(b, row->band, SEP);
	buf_printf(b, "%c%d\r\n", SEP, row->differ ? 1 : 0);
}

void tables_csv(const tables_model *t, buf *b)
{
	int n;
	const char **h = tables_header(t, &n);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(b, SEP);
		csv_put_raw(b, h[i], SEP);
	}
	buf_puts(b, "\r\n");
	for (int r = 0; r < t->n_rows; r++)
		csv_row(t, &t->rows[r], b);
}

/* ---- JSON ---- */

static json_t *json_num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *json_cell(const tables_cell *c, bool with_n)
{
	if (c->why != TABLES_SHOWN)
		return json_pack("{s:s}", "hidden", tables_why_code(c->why));
	if (!with_n)
		return json_num(c->mean);
	return json_pack("{s:i, s:o, s:o}", "n", c->n, "mean", json_num(c->mean), "sd", json_num(c->sd));
}

static json_t *json_row(const tables_model *t, const tables_row *row)
{
	json_t *cells = json_object();
	for (int c = 0; c < t->n_cols; c++)
		json_object_set_new(cells, perspective_code(t->cols[c]), json_cell(&row->col[c], true));
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:o}", "section", tables_kind_code(row->kind), "code",
			      row->code, "group", row->group, "label", row->label, "reverse", row->reverse,
			      "cells", cells);
	json_object_set_new(o, "other_members", json_string(row->pooled));
	json_object_set_new(o, "score", row->headline.why == TABLES_SHOWN ? json_num(row->headline.mean)
									  : json_null());
	json_object_set_new(o, "everyone", json_cell(&row->weighted, true));
	json_object_set_new(o, "gap", row->gap.why == TABLES_SHOWN ? json_num(row->gap.mean) : json_null());
	json_object_set_new(o, "band", *row->band ? json_string(row->band) : json_null());
	json_object_set_new(o, "differ", json_boolean(row->differ));
	return o;
}

void tables_json(const tables_model *t, buf *out)
{
	json_t *cols = json_array(), *rows = json_array();
	for (int c = 0; c < t->n_cols; c++)
		json_array_append_new(cols, json_pack("{s:s, s:s, s:i}", "code", perspective_code(t->cols[c]),
						      "name", t->col_name[c], "n", t->col_n[c]));
	for (int r = 0; r < t->n_rows; r++)
		json_array_append_new(rows, json_row(t, &t->rows[r]));
	json_t *o = json_pack("{s:{s:I, s:s, s:s, s:s, s:s, s:i, s:s}, s:i, s:o, s:o}", "round", "id",
			      (json_int_t)t->round_id, "workplace", t->workplace, "title", t->title, "opens_on",
			      t->opens_on, "closes_on", t->closes_on, "k", t->k, "instrument", t->instrument,
			      "respondents", t->respondents, "columns", cols, "rows", rows);
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17));
	buf_puts(out, text);
	free(text);
	json_decref(o);
}
