/* codebook.c - the variables of an export, described from the instrument:
 * names, texts in both languages, the scale, reverse-worded flags and who
 * was asked. Pure. */
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "io/export.h"

static cb_var *add(codebook *cb, const char *name, cb_kind kind, const char *nl, const char *en,
		   const char *section, const char *group)
{
	WP_ASSERT(cb->n < cb->n_items + CB_ID_VARS + TRIG_COUNT);
	cb_var *v = &cb->v[cb->n++];
	v->name = name;
	v->kind = kind;
	v->label_nl = nl;
	v->label_en = en;
	v->section = section;
	v->group = group;
	v->index = -1;
	return v;
}

void codebook_build(arena *a, const instrument *in, codebook *out)
{
	size_t n_items = instrument_scored_count(in);
	memset(out, 0, sizeof *out);
	out->in = in;
	out->v = ARENA_ARRAY(a, cb_var, n_items + CB_ID_VARS + TRIG_COUNT);
	out->n_items = (int)n_items;
	add(out, "workplace", CBV_WORKPLACE, "Werkplaats (korte naam)", "Workplace (short name)", "id", "");
	add(out, "round", CBV_ROUND, "Meetronde (nummer)", "Measurement round (number)", "id", "");
	add(out, "respondent", CBV_RESPONDENT,
	    "Respondent: volgnummer binnen deze export, in willekeurige volgorde",
	    "Respondent: number within this export, in random order", "id", "");
	add(out, "perspective", CBV_PERSPECTIVE,
	    "Perspectief (kleine groepen samengevoegd als 'other' of leeg gelaten)",
	    "Perspective (small groups pooled as 'other' or left blank)", "id", "");
	add(out, "mode", CBV_MODE,
	    "Hoe ingevuld: online, online in eenvoudige taal of op papier (leeg als dat een groep "
	    "van minder dan k mensen zou aanwijzen)",
	    "How answered: online, online in easy language or on paper (blank where it would single "
	    "out a group of fewer than k people)", "id", "");
	for (size_t i = 0; i < n_items; i++) {
		instr_scored sc = instrument_scored_at(in, i);
		const char *group = sc.is_outcome ? outcome_code((outcome_category)sc.group)
						  : element_code_str((element_code)sc.group);
		cb_var *v = add(out, sc.item->id, CBV_STATEMENT, sc.item->text.nl, sc.item->text.en,
				sc.is_outcome ? "outcome" : "element", group);
		v->reverse = sc.item->reverse;
		v->asked = sc.item->perspectives;
		v->index = (int)i;
	}
	for (int t = 0; t < TRIG_COUNT; t++) {
		const wp_text *o = &in->triggers.options[t];
		cb_var *v = add(out, arena_printf(a, "TRIG_%s", trigger_code((trigger_kind)t)), CBV_TRIGGER,
				arena_printf(a, "Aanleiding: %s", o->nl), arena_printf(a, "Trigger: %s", o->en),
				"trigger",
				trigger_code((trigger_kind)t));
		v->index = t;
	}
}

void codebook_add_own(arena *a, codebook *cb, const own_statement *os, int n)
{
	cb_var *v = ARENA_ARRAY(a, cb_var, (size_t)(cb->n + n) + 1);
	memcpy(v, cb->v, sizeof *v * (size_t)cb->n);
	cb->v = v;
	for (int i = 0; i < n; i++) {
		cb_var *o = &cb->v[cb->n++];
		memset(o, 0, sizeof *o);
		o->name = arena_printf(a, "%s%d", OWN_PREFIX, i + 1);
		o->kind = CBV_OWN;
		o->label_nl = arena_printf(a, "Eigen stelling van de werkplaats (%s: niet uit het instrument, niet in "
					      "de elementscores of de benchmark): %s",
					   OWN_PREFIX, os[i].text_nl);
		o->label_en = arena_printf(a, "The workplace's own statement (%s: not from the instrument, not in the "
					      "element scores or the benchmark): %s",
					   OWN_PREFIX, os[i].text_en);
		o->section = "own";
		o->group = own_section_code(os[i].section);
		o->index = i;
	}
	cb->n_own = n;
}

const char *codebook_values(arena *a, const codebook *cb, const cb_var *v, bool english)
{
	buf b;
	buf_init(&b, BUF_NOCAP);
	const instr_scale *sc = &cb->in->scale;
	switch (v->kind) {
	case CBV_STATEMENT:
	case CBV_OWN:
		for (int i = 0; i < INSTR_SCALE_POINTS; i++)
			buf_printf(&b, "%d=%s; ", i + 1, wp_text_get(&sc->labels[i], english));
		buf_printf(&b, "dk=%s", wp_text_get(&sc->dont_know, english));
		break;
	case CBV_TRIGGER:
		buf_puts(&b, english ? "0=not chosen; 1=chosen" : "0=niet gekozen; 1=gekozen");
		break;
	case CBV_MODE:
		buf_puts(&b, english ? "web=online; easy=online, in easy language; paper=on paper"
				     : "web=online; easy=online, in eenvoudige taal; paper=op papier");
		break;
	case CBV_PERSPECTIVE:
		for (int p = 0; p < PERSP_COUNT; p++)
			buf_printf(&b, "%s%s=%s", p ? "; " : "", perspective_code((perspective)p),
				   perspective_name((perspective)p, english));
		break;
	default:
		break;
	}
	const char *out = arena_strdup(a, b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return out;
}
