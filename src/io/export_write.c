/* export_write.c - the text formats of an export: CSV (long, wide,
 * comments, codebook), JSON and the import mapping for the wide CSV. Every
 * text cell goes through csv_put_text, which neutralises formulas. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/export.h"

#define SEP ','

static void cell_text(buf *b, const char *s, bool first)
{
	if (!first)
		buf_putc(b, SEP);
	csv_put_text(b, s, SEP);
}

static void cell_raw(buf *b, const char *s)
{
	buf_putc(b, SEP);
	csv_put_raw(b, s, SEP);
}

static void cell_int(buf *b, long long v)
{
	buf_printf(b, "%c%lld", SEP, v);
}

/* "1".."5", "dk" or "" */
static const char *value_text(int8_t v)
{
	static const char *const t[] = {"dk", "1", "2", "3", "4", "5"};
	return v >= 0 && v <= 5 ? t[v] : "";
}

/* workplace, round, respondent, perspective, mode */
static void row_ids(const export_set *s, const export_row *row, buf *b)
{
	const export_round *rd = &s->rounds[row->round];
	cell_text(b, rd->workplace, true);
	cell_int(b, rd->id);
	cell_int(b, row->number);
	cell_raw(b, export_persp_code(row->persp));
	cell_raw(b, export_mode_code(row->mode));
}

void export_csv_long(const export_set *s, buf *b)
{
	buf_puts(b, "workplace,round,respondent,perspective,mode,item,value\r\n");
	for (int r = 0; r < s->n_rows; r++) {
		const export_row *row = &s->rows[r];
		for (int i = 0; i < s->cb.n_items; i++) {
			if (row->value[i] == EXPORT_NONE)
				continue;
			row_ids(s, row, b);
			cell_raw(b, instrument_scored_at(s->in, (size_t)i).item->id);
			cell_raw(b, value_text(row->value[i]));
			buf_puts(b, "\r\n");
		}
		for (int t = 0; t < TRIG_COUNT; t++) {
			if (!(row->triggers & (1u << t)))
				continue;
			row_ids(s, row, b);
			buf_printf(b, ",TRIG_%s,1\r\n", trigger_code((trigger_kind)t));
		}
		for (int i = 0; i < s->cb.n_own; i++) {
			if (row->own[i] == EXPORT_NONE)
				continue;
			row_ids(s, row, b);
			buf_printf(b, ",%s%d", OWN_PREFIX, i + 1);
			cell_raw(b, value_text(row->own[i]));
			buf_puts(b, "\r\n");
		}
	}
}

void export_csv_wide(const export_set *s, buf *b)
{
	for (int v = 0; v < s->cb.n; v++) {
		if (v)
			buf_putc(b, SEP);
		csv_put_raw(b, s->cb.v[v].name, SEP);
	}
	buf_puts(b, "\r\n");
	for (int r = 0; r < s->n_rows; r++) {
		const export_row *row = &s->rows[r];
		row_ids(s, row, b);
		for (int i = 0; i < s->cb.n_items; i++)
			cell_raw(b, value_text(row->value[i]));
		for (int t = 0; t < TRIG_COUNT; t++)
			cell_int(b, (row->triggers >> t) & 1u);
		for (int i = 0; i < s->cb.n_own; i++)
			cell_raw(b, value_text(row->own[i]));
		buf_puts(b, "\r\n");
	}
}

void export_csv_comments(const export_set *s, buf *b)
{
	buf_puts(b, "workplace,round,perspective,question,text\r\n");
	for (int i = 0; i < s->n_comments; i++) {
		const export_comment *c = &s->comments[i];
		const export_round *rd = &s->rounds[c->round];
		cell_text(b, rd->workplace, true);
		cell_int(b, rd->id);
		cell_raw(b, export_persp_code(c->persp));
		cell_raw(b, c->question);
		cell_text(b, c->text, false);
		buf_puts(b, "\r\n");
	}
}

static const char *type_name(cb_kind k)
{
	switch (k) {
	case CBV_WORKPLACE: return "text";
	case CBV_PERSPECTIVE: return "code";
	case CBV_MODE: return "code";
	case CBV_STATEMENT: return "scale";
	case CBV_OWN: return "scale";
	case CBV_TRIGGER: return "flag";
	default: return "number";
	}
}

/* "all", or the codes of the perspectives asked, separated by spaces. */
static const char *asked_text(arena *a, unsigned mask)
{
	if (!mask)
		return "all";
	const char *out = "";
	for (int p = 0; p < PERSP_COUNT; p++)
		if (mask & (1u << p))
			out = arena_printf(a, "%s%s%s", out, *out ? " " : "", perspective_code((perspective)p));
	return out;
}

void export_csv_codebook(const export_set *s, buf *b)
{
	buf_puts(b, "variable,type,label_nl,label_en,section,group,reverse,asked,values_nl,values_en,"
		    "instrument,version\r\n");
	for (int i = 0; i < s->cb.n; i++) {
		const cb_var *v = &s->cb.v[i];
		csv_put_raw(b, v->name, SEP);
		cell_raw(b, type_name(v->kind));
		cell_text(b, v->label_nl, false);
		cell_text(b, v->label_en, false);
		cell_raw(b, v->section);
		cell_raw(b, v->group);
		cell_int(b, v->reverse);
		cell_raw(b, asked_text(s->a, v->asked));
		cell_text(b, codebook_values(s->a, &s->cb, v, false), false);
		cell_text(b, codebook_values(s->a, &s->cb, v, true), false);
		cell_text(b, s->in->id, false);
		cell_text(b, s->in->version, false);
		buf_puts(b, "\r\n");
	}
}

/* ---- JSON ---- */

static json_t *codebook_json(const export_set *s)
{
	json_t *vars = json_array();
	for (int i = 0; i < s->cb.n; i++) {
		const cb_var *v = &s->cb.v[i];
		json_t *o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:b, s:s}", "name", v->name, "type",
				      type_name(v->kind), "label", "nl", v->label_nl, "en", v->label_en,
				      "section", v->section, "group", v->group, "reverse", v->reverse,
				      "asked", asked_text(s->a, v->asked));
		json_array_append_new(vars, o);
	}
	const instr_scale *sc = &s->in->scale;
	json_t *labels = json_object();
	for (int i = 0; i < INSTR_SCALE_POINTS; i++)
		json_object_set_new(labels, value_text((int8_t)(i + 1)),
				    json_pack("{s:s, s:s}", "nl", sc->labels[i].nl, "en", sc->labels[i].en));
	json_object_set_new(labels, "dk", json_pack("{s:s, s:s}", "nl", sc->dont_know.nl, "en", sc->dont_know.en));
	return json_pack("{s:o, s:o}", "variables", vars, "scale", labels);
}

static json_t *rounds_json(const export_set *s)
{
	json_t *rounds = json_array();
	for (int i = 0; i < s->n_rounds; i++) {
		const export_round *rd = &s->rounds[i];
		json_t *plan = json_object();
		for (int p = 0; p < PERSP_COUNT; p++)
			json_object_set_new(plan, perspective_code((perspective)p),
					    json_string(anon_state_code(rd->plan.state[p])));
		json_array_append_new(rounds, json_pack("{s:I, s:s, s:s, s:i, s:i, s:o}", "id", (json_int_t)rd->id,
							"workplace", rd->workplace, "title", rd->title, "k",
							rd->k, "respondents", rd->plan.total, "perspectives", plan));
	}
	return rounds;
}

static json_t *rows_json(const export_set *s)
{
	json_t *rows = json_array();
	for (int r = 0; r < s->n_rows; r++) {
		const export_row *row = &s->rows[r];
		json_t *answers = json_object(), *trig = json_array();
		for (int i = 0; i < s->cb.n_items; i++) {
			int8_t v = row->value[i];
			if (v == EXPORT_NONE)
				continue;
			json_object_set_new(answers, instrument_scored_at(s->in, (size_t)i).item->id,
					    v == EXPORT_DK ? json_string("dk") : json_integer(v));
		}
		for (int t = 0; t < TRIG_COUNT; t++)
			if (row->triggers & (1u << t))
				json_array_append_new(trig, json_string(trigger_code((trigger_kind)t)));
		for (int i = 0; i < s->cb.n_own; i++)
			if (row->own[i] != EXPORT_NONE)
				json_object_set_new(answers, s->cb.v[s->cb.n - s->cb.n_own + i].name,
						    row->own[i] == EXPORT_DK ? json_string("dk") : json_integer(row->own[i]));
		json_array_append_new(rows, json_pack("{s:I, s:i, s:o, s:o, s:o, s:o}", "round",
						      (json_int_t)s->rounds[row->round].id, "respondent",
						      row->number, "perspective",
						      row->persp < 0 ? json_null()
								     : json_string(export_persp_code(row->persp)),
						      "mode",
						      row->mode < 0 ? json_null() : json_string(export_mode_code(row->mode)),
						      "answers", answers, "triggers", trig));
	}
	return rows;
}

static json_t *comments_json(const export_set *s)
{
	json_t *out = json_array();
	for (int i = 0; i < s->n_comments; i++) {
		const export_comment *c = &s->comments[i];
		json_array_append_new(out, json_pack("{s:I, s:s, s:s, s:s}", "round",
						     (json_int_t)s->rounds[c->round].id, "perspective",
						     export_persp_code(c->persp), "question", c->question, "text",
						     c->text));
	}
	return out;
}

static void dump(json_t *o, buf *b)
{
	char *text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	buf_puts(b, text);
	buf_putc(b, '\n');
	free(text);
	json_decref(o);
}

void export_json(const export_set *s, buf *b)
{
	json_t *o = json_pack("{s:s, s:{s:s, s:s}, s:o, s:o, s:i, s:o, s:o}", "format", "werkplaats-export/1",
			      "instrument", "id", s->in->id, "version", s->in->version, "codebook",
			      codebook_json(s), "rounds", rounds_json(s), "rounds_left_out", s->skipped,
			      "responses", rows_json(s), "comments", comments_json(s));
	dump(o, b);
}

/* The mapping that imports answers-wide.csv (docs/import.md). */
void export_mapping(const export_set *s, buf *b)
{
	json_t *items = json_object(), *trig = json_object();
	for (int i = 0; i < s->cb.n_items; i++) {
		const char *id = instrument_scored_at(s->in, (size_t)i).item->id;
		json_object_set_new(items, id, json_string(id));
	}
	for (int t = 0; t < TRIG_COUNT; t++)
		json_object_set_new(trig, trigger_code((trigger_kind)t),
				    json_string(arena_printf(s->a, "TRIG_%s", trigger_code((trigger_kind)t))));
	json_t *o = json_pack("{s:i, s:s, s:s, s:{s:s, s:s}, s:o, s:o, s:{s:s}}", "format", 1, "instrument",
			      s->in->id, "version", s->in->version, "perspective", "column", "perspective",
			      "missing", "other", "items", items, "triggers", trig, "labels", "dk", "dk");
	dump(o, b);
}

bool export_write(const export_set *s, export_format f, buf *out, const char **err)
{
	*err = NULL;
	switch (f) {
	case EXP_CSV_LONG: export_csv_long(s, out); break;
	case EXP_CSV_WIDE: export_csv_wide(s, out); break;
	case EXP_COMMENTS: export_csv_comments(s, out); break;
	case EXP_CODEBOOK: export_csv_codebook(s, out); break;
	case EXP_JSON: export_json(s, out); break;
	case EXP_MAPPING: export_mapping(s, out); break;
	case EXP_XLSX:
		if (!export_xlsx(s, out, err))
			return false;
		break;
	case EXP_SAV:
		if (!export_sav(s, out, err))
			return false;
		break;
	default:
		*err = "unknown format";
		return false;
	}
	if (out->toobig) {
		*err = "the export is larger than this server allows in one response";
		return false;
	}
	return true;
}
