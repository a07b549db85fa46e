/* export_sav.c - the export as an SPSS system file (.sav) through
 * libreadstat: the wide layout with variable labels (the statement text in
 * the export's language), value labels for the scale, the perspectives and
 * the triggers, "don't know" as 9 declared missing, not answered as system
 * missing. Comments are not in it (they never sit beside answers). */
#include <readstat.h>
#include <string.h>
#include <sys/types.h>

#include "io/export.h"

#define SAV_LABEL_MAX 255 /* bytes of a variable label */

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
	return buf_append(ctx, data, len) ? (ssize_t)len : -1;
}

/* s cut to at most max bytes at a UTF-8 character boundary. */
static const char *cut(arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return s;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return arena_strndup(a, s, n);
}

struct sav {
	const export_set *s;
	readstat_writer_t *w;
	readstat_label_set_t *agree, *persp, *mode, *chosen;
	readstat_variable_t **var;
};

static void label_sets(struct sav *x)
{
	const export_set *s = x->s;
	const instr_scale *sc = &s->in->scale;
	x->agree = readstat_add_label_set(x->w, READSTAT_TYPE_DOUBLE, "agree");
	for (int i = 0; i < INSTR_SCALE_POINTS; i++)
		readstat_label_double_value(x->agree, i + 1,
					    cut(s->a, wp_text_get(&sc->labels[i], s->english), 120));
	readstat_label_double_value(x->agree, EXPORT_SAV_DK,
				    cut(s->a, wp_text_get(&sc->dont_know, s->english), 120));
	x->persp = readstat_add_label_set(x->w, READSTAT_TYPE_DOUBLE, "persp");
	for (int p = 0; p < PERSP_COUNT; p++)
		readstat_label_double_value(x->persp, p + 1, perspective_name((perspective)p, s->english));
	/* 1 web, 2 easy, 3 paper: the response_mode plus one, like the perspective */
	x->mode = readstat_add_label_set(x->w, READSTAT_TYPE_DOUBLE, "mode");
	readstat_label_double_value(x->mode, 1, "online");
	readstat_label_double_value(x->mode, 2, s->english ? "online, easy language" : "online, eenvoudige taal");
	readstat_label_double_value(x->mode, 3, s->english ? "on paper" : "op papier");
	x->chosen = readstat_add_label_set(x->w, READSTAT_TYPE_DOUBLE, "chosen");
	readstat_label_double_value(x->chosen, 0, s->english ? "not chosen" : "niet gekozen");
	readstat_label_double_value(x->chosen, 1, s->english ? "chosen" : "gekozen");
}

static size_t workplace_width(const export_set *s)
{
	size_t w = 1;
	for (int i = 0; i < s->n_rounds; i++)
		if (strlen(s->rounds[i].workplace) > w)
			w = strlen(s->rounds[i].workplace);
	return w;
}

static void variables(struct sav *x)
{
	const export_set *s = x->s;
	x->var = ARENA_ARRAY(s->a, readstat_variable_t *, (size_t)s->cb.n);
	for (int i = 0; i < s->cb.n; i++) {
		const cb_var *v = &s->cb.v[i];
		bool text = v->kind == CBV_WORKPLACE;
		readstat_variable_t *rv = readstat_add_variable(
			x->w, v->name, text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE,
			text ? workplace_width(s) : 0);
		readstat_variable_set_label(rv, cut(s->a, s->english ? v->label_en : v->label_nl, SAV_LABEL_MAX));
		switch (v->kind) {
		case CBV_STATEMENT:
		case CBV_OWN:
			readstat_variable_set_label_set(rv, x->agree);
			readstat_variable_add_missing_double_value(rv, EXPORT_SAV_DK);
			readstat_variable_set_measure(rv, READSTAT_MEASURE_ORDINAL);
			readstat_variable_set_format(rv, "F1.0");
			break;
		case CBV_PERSPECTIVE:
			readstat_variable_set_label_set(rv, x->persp);
			readstat_variable_set_measure(rv, READSTAT_MEASURE_NOMINAL);
			readstat_variable_set_format(rv, "F1.0");
			break;
		case CBV_MODE:
			readstat_variable_set_label_set(rv, x->mode);
			readstat_variable_set_measure(rv, READSTAT_MEASURE_NOMINAL);
			readstat_variable_set_format(rv, "F1.0");
			break;
		case CBV_TRIGGER:
			readstat_variable_set_label_set(rv, x->chosen);
			readstat_variable_set_measure(rv, READSTAT_MEASURE_NOMINAL);
			readstat_variable_set_format(rv, "F1.0");
			break;
		case CBV_WORKPLACE:
			readstat_variable_set_measure(rv, READSTAT_MEASURE_NOMINAL);
			break;
		default:
			readstat_variable_set_measure(rv, READSTAT_MEASURE_SCALE);
			readstat_variable_set_format(rv, "F8.0");
			break;
		}
		x->var[i] = rv;
	}
}

static readstat_error_t row(struct sav *x, const export_row *r)
{
	const export_set *s = x->s;
	readstat_error_t e = readstat_begin_row(x->w);
	for (int i = 0; i < s->cb.n && e == READSTAT_OK; i++) {
		const cb_var *v = &s->cb.v[i];
		readstat_variable_t *rv = x->var[i];
		switch (v->kind) {
		case CBV_WORKPLACE:
			e = readstat_insert_string_value(x->w, rv, s->rounds[r->round].workplace);
			break;
		case CBV_ROUND:
			e = readstat_insert_double_value(x->w, rv, (double)s->rounds[r->round].id);
			break;
		case CBV_RESPONDENT:
			e = readstat_insert_double_value(x->w, rv, r->number);
			break;
		case CBV_PERSPECTIVE:
			e = r->persp < 0 ? readstat_insert_missing_value(x->w, rv)
					 : readstat_insert_double_value(x->w, rv, r->persp + 1);
			break;
		case CBV_MODE:
			e = r->mode < 0 ? readstat_insert_missing_value(x->w, rv)
					: readstat_insert_double_value(x->w, rv, r->mode + 1);
			break;
		case CBV_STATEMENT: {
			int8_t val = r->value[v->index];
			e = val == EXPORT_NONE ? readstat_insert_missing_value(x->w, rv)
					       : readstat_insert_double_value(
							 x->w, rv, val == EXPORT_DK ? EXPORT_SAV_DK : val);
			break;
		}
		case CBV_TRIGGER:
			e = readstat_insert_double_value(x->w, rv, (r->triggers >> v->index) & 1u);
			break;
		case CBV_OWN: {
			int8_t val = r->own[v->index];
			e = val == EXPORT_NONE ? readstat_insert_missing_value(x->w, rv)
					       : readstat_insert_double_value(
							 x->w, rv, val == EXPORT_DK ? EXPORT_SAV_DK : val);
			break;
		}
		}
	}
	return e == READSTAT_OK ? readstat_end_row(x->w) : e;
}

bool export_sav(const export_set *s, buf *out, const char **err)
{
	struct sav x = {.s = s, .w = readstat_writer_init()};
	readstat_set_data_writer(x.w, write_bytes);
	readstat_writer_set_file_label(x.w, cut(s->a, arena_printf(s->a, "werkplaats %s %s", s->in->id,
								      s->in->version), 64));
	readstat_add_note(x.w, s->english ? "Anonymised export of werkplaats: small groups pooled"
					  : "Geanonimiseerde export van werkplaats: kleine groepen");
	readstat_add_note(x.w, s->english ? "or left blank; respondent numbers in random order."
					  : "samengevoegd of leeg; respondentnummers willekeurig.");
	label_sets(&x);
	variables(&x);
	readstat_error_t e = readstat_begin_writing_sav(x.w, out, s->n_rows);
	for (int r = 0; r < s->n_rows && e == READSTAT_OK; r++)
		e = row(&x, &s->rows[r]);
	if (e == READSTAT_OK)
		e = readstat_end_writing(x.w);
	readstat_writer_free(x.w);
	if (e != READSTAT_OK)
		*err = readstat_error_message(e);
	return e == READSTAT_OK;
}
