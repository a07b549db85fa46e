/* import.c - the mapping file, the row checks and storing the responses
 * (see import.h and docs/import.md). */
#include "io/import.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/token.h"
#include "base/util.h"

#define T(nl, en) (m->english ? (en) : (nl))

void import_problem_add(arena *a, import_problems *p, int row, const char *column, const char *value,
			const char *why)
{
	p->total++;
	if (p->n >= IMPORT_MAX_PROBLEMS)
		return;
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 32;
		import_problem *v = ARENA_ARRAY(a, import_problem, (size_t)cap);
		if (p->n)
			memcpy(v, p->v, sizeof *v * (size_t)p->n);
		p->v = v;
		p->cap = cap;
	}
	/* copies: the texts may live in a JSON document that is freed soon */
	p->v[p->n++] = (import_problem){row, arena_strdup(a, column ? column : ""),
					arena_strdup(a, value ? value : ""), arena_strdup(a, why)};
}

struct label {
	const char *text;
	int8_t value; /* IMPORT_NONE: counts as not answered */
};

struct persp_label {
	const char *text;
	int persp;
};

struct import_mapping {
	const instrument *in;
	bool english;
	char sep;
	int header_row, skip_rows;
	const char *filter_column;
	const char **filter_values;
	int n_filter;
	const char *persp_column;
	int persp_fixed, persp_missing; /* -1: none */
	struct persp_label *persp_values;
	int n_persp_values;
	const char **item_col;        /* per scored statement, NULL when not mapped */
	const char **open_col;        /* per open question */
	const char *trig_col[TRIG_COUNT];
	struct label *labels;
	int n_labels;
	bool scale_labels, ignore_not_asked;
};

int import_open_count(const instrument *in)
{
	int n = 1; /* the triggers' */
	for (int e = 0; e < EL_COUNT; e++)
		n += (int)in->elements[e].n_open;
	return n;
}

const instr_question *import_open_question(const instrument *in, int i)
{
	for (int e = 0; e < EL_COUNT; e++) {
		if (i < (int)in->elements[e].n_open)
			return &in->elements[e].open[i];
		i -= (int)in->elements[e].n_open;
	}
	return &in->triggers.open;
}

/* ---- the mapping ---- */

struct mctx {
	arena *a;
	import_mapping *m;
	import_problems *pr;
	const char **used;    /* columns named so far, to refuse one used twice */
	const char **used_by;
	int n_used, cap_used;
};

static void bad(struct mctx *c, const char *path, const char *value, const char *why)
{
	import_problem_add(c->a, c->pr, 0, path, value, why);
}

/* Refuse keys that the format does not know (a typo must not pass). */
static void known_keys(struct mctx *c, json_t *obj, const char *path, const char *const *keys)
{
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v)
	{
		bool ok = false;
		for (int i = 0; keys[i] && !ok; i++)
			ok = strcmp(keys[i], k) == 0;
		if (!ok) {
			import_mapping *m = c->m;
			bad(c, *path ? arena_printf(c->a, "%s.%s", path, k) : k, "",
			    T("onbekende sleutel (zie docs/import.md voor wat er kan)",
			      "unknown key (see docs/import.md for what is possible)"));
		}
	}
}

static const char *column_of(struct mctx *c, json_t *v, const char *path)
{
	import_mapping *m = c->m;
	if (!json_is_string(v) || !*json_string_value(v)) {
		bad(c, path, "", T("geef de naam van een kolom (tekst)", "give the name of a column (text)"));
		return NULL;
	}
	const char *name = arena_strdup(c->a, json_string_value(v));
	for (int i = 0; i < c->n_used; i++)
		if (strcmp(c->used[i], name) == 0) {
			bad(c, path, name, arena_printf(c->a, T("deze kolom is al gekoppeld aan %s",
								 "this column is already tied to %s"),
							c->used_by[i]));
			return NULL;
		}
	if (c->n_used == c->cap_used) {
		int cap = c->cap_used ? c->cap_used * 2 : 64;
		const char **u = ARENA_ARRAY(c->a, const char *, (size_t)cap);
		const char **b = ARENA_ARRAY(c->a, const char *, (size_t)cap);
		if (c->n_used) {
			memcpy(u, c->used, sizeof *u * (size_t)c->n_used);
			memcpy(b, c->used_by, sizeof *b * (size_t)c->n_used);
		}
		c->used = u;
		c->used_by = b;
		c->cap_used = cap;
	}
	c->used[c->n_used] = name;
	c->used_by[c->n_used++] = path;
	return name;
}

static int persp_code_of(struct mctx *c, json_t *v, const char *path)
{
	import_mapping *m = c->m;
	int p = json_is_string(v) ? perspective_from_code(json_string_value(v)) : -1;
	if (p < 0)
		bad(c, path, json_is_string(v) ? json_string_value(v) : "",
		    T("geen perspectief; kies student, professional, teacher, researcher, citizen, manager of other",
		      "not a perspective; choose student, professional, teacher, researcher, citizen, manager or other"));
	return p;
}

static void parse_perspective(struct mctx *c, json_t *o)
{
	import_mapping *m = c->m;
	if (!json_is_object(o)) {
		bad(c, "perspective", "", T("geef een object met \"column\" of \"fixed\"",
					    "give an object with \"column\" or \"fixed\""));
		return;
	}
	static const char *const keys[] = {"column", "values", "missing", "fixed", NULL};
	known_keys(c, o, "perspective", keys);
	json_t *fixed = json_object_get(o, "fixed"), *col = json_object_get(o, "column");
	if (!fixed == !col) {
		bad(c, "perspective", "", T("geef óf \"column\" óf \"fixed\"", "give either \"column\" or \"fixed\""));
		return;
	}
	if (fixed) {
		m->persp_fixed = persp_code_of(c, fixed, "perspective.fixed");
		return;
	}
	m->persp_column = column_of(c, col, "perspective.column");
	json_t *missing = json_object_get(o, "missing");
	if (missing)
		m->persp_missing = persp_code_of(c, missing, "perspective.missing");
	json_t *values = json_object_get(o, "values");
	if (values && !json_is_object(values)) {
		bad(c, "perspective.values", "", T("geef een object: waarde in het bestand → perspectief",
						   "give an object: value in the file → perspective"));
		return;
	}
	m->persp_values = ARENA_ARRAY(c->a, struct persp_label, json_object_size(values) + 1);
	const char *k;
	json_t *v;
	json_object_foreach(values, k, v)
	{
		int p = persp_code_of(c, v, arena_printf(c->a, "perspective.values.%s", k));
		if (p >= 0)
			m->persp_values[m->n_persp_values++] = (struct persp_label){arena_strdup(c->a, k), p};
	}
}

static void parse_items(struct mctx *c, json_t *o)
{
	import_mapping *m = c->m;
	const instrument *in = m->in;
	if (!json_is_object(o) || !json_object_size(o)) {
		bad(c, "items", "", T("geef een object: stelling → kolom, met minstens één stelling",
				      "give an object: statement → column, with at least one statement"));
		return;
	}
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		const char *path = arena_printf(c->a, "items.%s", k);
		int found = -1;
		for (size_t i = 0; i < instrument_scored_count(in) && found < 0; i++)
			if (strcmp(instrument_scored_at(in, i).item->id, k) == 0)
				found = (int)i;
		if (found < 0) {
			bad(c, path, k, arena_printf(c->a, T("geen stelling van %s %s", "not a statement of %s %s"),
						     in->id, in->version));
			continue;
		}
		m->item_col[found] = column_of(c, v, path);
	}
}

static void parse_open(struct mctx *c, json_t *o)
{
	import_mapping *m = c->m;
	if (!json_is_object(o)) {
		bad(c, "open", "", T("geef een object: open vraag → kolom", "give an object: open question → column"));
		return;
	}
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		const char *path = arena_printf(c->a, "open.%s", k);
		int found = -1;
		for (int i = 0; i < import_open_count(m->in) && found < 0; i++)
			if (strcmp(import_open_question(m->in, i)->id, k) == 0)
				found = i;
		if (found < 0)
			bad(c, path, k, T("geen open vraag van deze vragenlijst", "not an open question of this instrument"));
		else
			m->open_col[found] = column_of(c, v, path);
	}
}

static void parse_triggers(struct mctx *c, json_t *o)
{
	import_mapping *m = c->m;
	if (!json_is_object(o)) {
		bad(c, "triggers", "", T("geef een object: aanleiding → kolom", "give an object: trigger → column"));
		return;
	}
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		int t = trigger_from_code(k);
		const char *path = arena_printf(c->a, "triggers.%s", k);
		if (t < 0)
			bad(c, path, k, T("geen aanleiding; kies complex, opportunity of urgency",
					  "not a trigger; choose complex, opportunity or urgency"));
		else
			m->trig_col[t] = column_of(c, v, path);
	}
}

static void parse_labels(struct mctx *c, json_t *o)
{
	import_mapping *m = c->m;
	if (!json_is_object(o)) {
		bad(c, "labels", "", T("geef een object: antwoord in het bestand → 1..5, \"dk\" of \"missing\"",
				       "give an object: answer in the file → 1..5, \"dk\" or \"missing\""));
		return;
	}
	m->labels = ARENA_ARRAY(c->a, struct label, json_object_size(o) + 1);
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		int8_t val = -2;
		if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 5)
			val = (int8_t)json_integer_value(v);
		else if (json_is_string(v) && strcmp(json_string_value(v), "dk") == 0)
			val = 0;
		else if (json_is_string(v) && strcmp(json_string_value(v), "missing") == 0)
			val = IMPORT_NONE;
		if (val == -2)
			bad(c, arena_printf(c->a, "labels.%s", k), json_is_string(v) ? json_string_value(v) : "",
			    T("geef 1 tot en met 5, \"dk\" (weet ik niet) of \"missing\" (geen antwoord)",
			      "give 1 to 5, \"dk\" (don't know) or \"missing\" (no answer)"));
		else
			m->labels[m->n_labels++] = (struct label){arena_strdup(c->a, k), val};
	}
}

static void parse_filter(struct mctx *c, json_t *o)
{
	import_mapping *m = c->m;
	static const char *const keys[] = {"column", "values", NULL};
	json_t *vals = json_is_object(o) ? json_object_get(o, "values") : NULL;
	if (!json_is_object(o) || !json_is_array(vals) || !json_array_size(vals)) {
		bad(c, "filter", "", T("geef {\"column\": ..., \"values\": [...]}", "give {\"column\": ..., \"values\": [...]}"));
		return;
	}
	known_keys(c, o, "filter", keys);
	m->filter_column = column_of(c, json_object_get(o, "column"), "filter.column");
	m->filter_values = ARENA_ARRAY(c->a, const char *, json_array_size(vals) + 1);
	size_t i;
	json_t *v;
	json_array_foreach(vals, i, v)
	{
		if (json_is_string(v))
			m->filter_values[m->n_filter++] = arena_strdup(c->a, json_string_value(v));
		else
			bad(c, arena_printf(c->a, "filter.values[%zu]", i), "", T("geef tekst", "give text"));
	}
}

static void parse_options(struct mctx *c, json_t *root)
{
	import_mapping *m = c->m;
	json_t *v;
	if ((v = json_object_get(root, "format")) && (!json_is_integer(v) || json_integer_value(v) != 1))
		bad(c, "format", "", T("alleen format 1 bestaat", "only format 1 exists"));
	if (!v)
		bad(c, "format", "", T("ontbreekt; zet \"format\": 1", "missing; put \"format\": 1"));
	if ((v = json_object_get(root, "instrument")) &&
	    (!json_is_string(v) || strcmp(json_string_value(v), m->in->id) != 0))
		bad(c, "instrument", json_is_string(v) ? json_string_value(v) : "",
		    arena_printf(c->a, T("de meetronde gebruikt vragenlijst %s", "the round uses instrument %s"),
				 m->in->id));
	if ((v = json_object_get(root, "version")) &&
	    (!json_is_string(v) || strcmp(json_string_value(v), m->in->version) != 0))
		bad(c, "version", json_is_string(v) ? json_string_value(v) : "",
		    arena_printf(c->a, T("de meetronde gebruikt versie %s", "the round uses version %s"),
				 m->in->version));
	if ((v = json_object_get(root, "separator"))) {
		const char *s = json_is_string(v) ? json_string_value(v) : "";
		m->sep = strcmp(s, ",") == 0 ? ',' : strcmp(s, ";") == 0 ? ';' : strcmp(s, "tab") == 0 ? '\t' : 0;
		if (!m->sep && strcmp(s, "auto") != 0)
			bad(c, "separator", s, T("kies \",\", \";\", \"tab\" of \"auto\"", "choose \",\", \";\", \"tab\" or \"auto\""));
	}
	if ((v = json_object_get(root, "header_row"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 100)
			bad(c, "header_row", "", T("geef een regelnummer van 1 tot 100", "give a row number from 1 to 100"));
		else
			m->header_row = (int)json_integer_value(v);
	}
	if ((v = json_object_get(root, "skip_rows"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
			bad(c, "skip_rows", "", T("geef een aantal van 0 tot 100", "give a number from 0 to 100"));
		else
			m->skip_rows = (int)json_integer_value(v);
	}
	if ((v = json_object_get(root, "scale_labels"))) {
		if (!json_is_boolean(v))
			bad(c, "scale_labels", "", T("geef true of false", "give true or false"));
		m->scale_labels = json_is_true(v);
	}
	if ((v = json_object_get(root, "not_asked"))) {
		const char *s = json_is_string(v) ? json_string_value(v) : "";
		if (strcmp(s, "error") != 0 && strcmp(s, "ignore") != 0)
			bad(c, "not_asked", s, T("kies \"error\" of \"ignore\"", "choose \"error\" or \"ignore\""));
		m->ignore_not_asked = strcmp(s, "ignore") == 0;
	}
}

import_mapping *import_mapping_parse(arena *a, const char *text, size_t len, const instrument *in,
				     bool english, import_problems *pr)
{
	import_mapping *m = ARENA_NEW(a, import_mapping);
	m->in = in;
	m->english = english;
	m->header_row = 1;
	m->persp_fixed = m->persp_missing = -1;
	m->scale_labels = true;
	m->item_col = ARENA_ARRAY(a, const char *, instrument_scored_count(in) + 1);
	m->open_col = ARENA_ARRAY(a, const char *, (size_t)import_open_count(in) + 1);
	struct mctx c = {.a = a, .m = m, .pr = pr};
	int before = pr->total;
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root || !json_is_object(root)) {
		import_problem_add(a, pr, 0, T("koppelbestand", "mapping"), "",
				   root ? T("het koppelbestand moet een JSON-object zijn",
					    "the mapping must be a JSON object")
					: arena_printf(a, T("geen geldige JSON (regel %d, kolom %d): %s",
							    "not valid JSON (line %d, column %d): %s"),
						       je.line, je.column, je.text));
		json_decref(root);
		return NULL;
	}
	static const char *const keys[] = {"format", "instrument", "version", "separator", "header_row",
					   "skip_rows", "filter", "perspective", "items", "open",
					   "triggers", "labels", "scale_labels", "not_asked", "comment", NULL};
	known_keys(&c, root, "", keys);
	parse_options(&c, root);
	json_t *v;
	if ((v = json_object_get(root, "perspective")))
		parse_perspective(&c, v);
	else
		bad(&c, "perspective", "", T("ontbreekt: geef de kolom met het perspectief, of \"fixed\"",
					     "missing: give the column with the perspective, or \"fixed\""));
	parse_items(&c, json_object_get(root, "items"));
	if ((v = json_object_get(root, "open")))
		parse_open(&c, v);
	if ((v = json_object_get(root, "triggers")))
		parse_triggers(&c, v);
	if ((v = json_object_get(root, "labels")))
		parse_labels(&c, v);
	if ((v = json_object_get(root, "filter")))
		parse_filter(&c, v);
	json_decref(root);
	return pr->total == before ? m : NULL;
}

char import_mapping_sep(const import_mapping *m)
{
	return m->sep;
}

/* ---- the rows ---- */

struct cols {
	int persp, filter, *item, *open, trig[TRIG_COUNT];
};

/* Trimmed copy of a cell (spaces, tabs and no-break spaces at both ends). */
static const char *trim(arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || (s[0] == '\xc2' && s[1] == '\xa0'))
		s += *s == '\xc2' ? 2 : 1;
	size_t len = strlen(s), n = len;
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 2 && s[n - 2] == '\xc2' && s[n - 1] == '\xa0')
			n -= 2;
		else
			break;
	}
	return n == len ? s : arena_strndup(a, s, n); /* most cells have nothing to cut */
}

/* Index of a named column in the header, -1 (with a problem) when absent
 * or ambiguous. */
static int find_column(arena *a, const import_mapping *m, const csv_record *h, const char *name,
		       import_problems *pr)
{
	int found = -1;
	for (int i = 0; i < h->n; i++)
		if (strcmp(trim(a, h->cell[i]), name) == 0) {
			if (found >= 0) {
				import_problem_add(a, pr, h->line, name, "",
						   T("deze kolomnaam staat meer dan eens in de kopregel",
						     "this column name is in the header more than once"));
				return -1;
			}
			found = i;
		}
	if (found < 0)
		import_problem_add(a, pr, h->line, name, "",
				   T("het koppelbestand noemt deze kolom, maar de kopregel van het bestand heeft hem niet",
				     "the mapping names this column, but the file's header does not have it"));
	return found;
}

static int column_or_none(arena *a, const import_mapping *m, const csv_record *h, const char *name,
			  import_problems *pr)
{
	return name ? find_column(a, m, h, name, pr) : -1;
}

static bool resolve_columns(arena *a, const import_mapping *m, const csv_record *h, struct cols *c,
			    import_problems *pr)
{
	int before = pr->total;
	int ni = (int)instrument_scored_count(m->in), no = import_open_count(m->in);
	c->persp = column_or_none(a, m, h, m->persp_column, pr);
	c->filter = column_or_none(a, m, h, m->filter_column, pr);
	c->item = ARENA_ARRAY(a, int, (size_t)ni + 1);
	c->open = ARENA_ARRAY(a, int, (size_t)no + 1);
	for (int i = 0; i < ni; i++)
		c->item[i] = column_or_none(a, m, h, m->item_col[i], pr);
	for (int i = 0; i < no; i++)
		c->open[i] = column_or_none(a, m, h, m->open_col[i], pr);
	for (int t = 0; t < TRIG_COUNT; t++)
		c->trig[t] = column_or_none(a, m, h, m->trig_col[t], pr);
	return pr->total == before;
}

struct rowctx {
	arena *a;
	const import_mapping *m;
	const csv_record *h, *rec;
	import_problems *pr;
	int problems_before;
};

static void row_problem(struct rowctx *x, int col, const char *value, const char *why)
{
	import_problem_add(x->a, x->pr, x->rec->line, col >= 0 ? trim(x->a, x->h->cell[col]) : "", value, why);
}

static int perspective_of(struct rowctx *x, int col)
{
	const import_mapping *m = x->m;
	if (m->persp_fixed >= 0)
		return m->persp_fixed;
	const char *v = trim(x->a, x->rec->cell[col]);
	if (!*v) {
		if (m->persp_missing < 0)
			row_problem(x, col, v, T("het perspectief ontbreekt", "the perspective is missing"));
		return m->persp_missing;
	}
	for (int i = 0; i < m->n_persp_values; i++)
		if (strcasecmp(m->persp_values[i].text, v) == 0)
			return m->persp_values[i].persp;
	for (int p = 0; p < PERSP_COUNT; p++)
		if (strcasecmp(v, perspective_code((perspective)p)) == 0 ||
		    strcasecmp(v, perspective_name((perspective)p, false)) == 0 ||
		    strcasecmp(v, perspective_name((perspective)p, true)) == 0)
			return p;
	row_problem(x, col, v, T("onbekend perspectief; noem het in \"perspective.values\" van het koppelbestand",
				 "unknown perspective; name it in \"perspective.values\" of the mapping"));
	return -1;
}

/* 1..5 from "4" or "4.0"; 0 otherwise. */
static int scale_number(const char *v)
{
	if (v[0] >= '1' && v[0] <= '5' && (!v[1] || (v[1] == '.' && strspn(v + 2, "0") == strlen(v + 2) && v[2])))
		return v[0] - '0';
	return 0;
}

/* The value of an answer cell: IMPORT_NONE, 0 (dk), 1..5, or -2 unknown. */
static int answer_value(const import_mapping *m, const char *v)
{
	if (!*v)
		return IMPORT_NONE;
	for (int i = 0; i < m->n_labels; i++)
		if (strcasecmp(m->labels[i].text, v) == 0)
			return m->labels[i].value;
	int n = scale_number(v);
	if (n)
		return n;
	if (m->scale_labels) {
		const instr_scale *sc = &m->in->scale;
		for (int i = 0; i < INSTR_SCALE_POINTS; i++)
			if (strcasecmp(sc->labels[i].nl, v) == 0 || strcasecmp(sc->labels[i].en, v) == 0)
				return i + 1;
		if (strcasecmp(sc->dont_know.nl, v) == 0 || strcasecmp(sc->dont_know.en, v) == 0)
			return 0;
	}
	return -2;
}

static bool cell_text_ok(struct rowctx *x, int col, const char *v)
{
	const import_mapping *m = x->m;
	if (utf8_valid_text(v, strlen(v), true))
		return true;
	row_problem(x, col, "", T("geen geldige UTF-8-tekst (sla het bestand op als 'CSV UTF-8')",
				  "not valid UTF-8 text (save the file as 'CSV UTF-8')"));
	return false;
}

static void read_items(struct rowctx *x, const struct cols *c, import_response *r, bool *any)
{
	const import_mapping *m = x->m;
	int ni = (int)instrument_scored_count(m->in);
	for (int i = 0; i < ni; i++) {
		r->value[i] = IMPORT_NONE;
		if (c->item[i] < 0)
			continue;
		const char *v = trim(x->a, x->rec->cell[c->item[i]]);
		if (!cell_text_ok(x, c->item[i], v))
			continue;
		int val = answer_value(m, v);
		if (val == -2) {
			row_problem(x, c->item[i], v,
				    T("geen antwoord op de schaal: verwacht 1 tot en met 5 of een antwoord uit \"labels\"",
				      "not an answer on the scale: expected 1 to 5 or an answer from \"labels\""));
			continue;
		}
		const instr_item *it = instrument_scored_at(m->in, (size_t)i).item;
		if (val != IMPORT_NONE && (int)r->persp >= 0 && !instr_item_shown_to(it, r->persp)) {
			if (!m->ignore_not_asked)
				row_problem(x, c->item[i], v,
					    arena_printf(x->a, T("stelling %s wordt niet aan het perspectief %s gesteld",
								 "statement %s is not put to the perspective %s"),
							 it->id, perspective_code(r->persp)));
			continue;
		}
		r->value[i] = (int8_t)val;
		*any = *any || val != IMPORT_NONE;
	}
}

static void read_open(struct rowctx *x, const struct cols *c, import_response *r, bool *any)
{
	const import_mapping *m = x->m;
	for (int i = 0; i < import_open_count(m->in); i++) {
		if (c->open[i] < 0)
			continue;
		const char *v = trim(x->a, x->rec->cell[c->open[i]]);
		if (!*v || !cell_text_ok(x, c->open[i], v))
			continue;
		if (utf8_length(v) > IMPORT_TEXT_MAX) {
			row_problem(x, c->open[i], arena_printf(x->a, "%.40s...", v),
				    arena_printf(x->a, T("langer dan %d tekens", "longer than %d characters"),
						 IMPORT_TEXT_MAX));
			continue;
		}
		r->open[i] = v;
		*any = true;
	}
}

static void read_triggers(struct rowctx *x, const struct cols *c, import_response *r, bool *any)
{
	static const char *const yes[] = {"1", "x", "yes", "ja", "true", "waar", "y", "j", NULL};
	static const char *const no[] = {"", "0", "no", "nee", "false", "onwaar", "n", NULL};
	const import_mapping *m = x->m;
	for (int t = 0; t < TRIG_COUNT; t++) {
		if (c->trig[t] < 0)
			continue;
		const char *v = trim(x->a, x->rec->cell[c->trig[t]]);
		const wp_text *opt = &m->in->triggers.options[t];
		bool chosen = strcasecmp(v, opt->nl) == 0 || strcasecmp(v, opt->en) == 0, known = chosen;
		for (int i = 0; yes[i] && !known; i++)
			known = chosen = strcasecmp(v, yes[i]) == 0;
		for (int i = 0; no[i] && !known; i++)
			known = strcasecmp(v, no[i]) == 0;
		if (!known) {
			row_problem(x, c->trig[t], v, T("verwacht 1 of 0 (ja of nee, of de tekst van de aanleiding)",
							"expected 1 or 0 (yes or no, or the text of the trigger)"));
			continue;
		}
		if (chosen) {
			r->triggers |= 1u << t;
			*any = true;
		}
	}
}

static bool filtered_out(const import_mapping *m, const csv_record *rec, int col, arena *a)
{
	if (col < 0)
		return false;
	const char *v = trim(a, rec->cell[col]);
	for (int i = 0; i < m->n_filter; i++)
		if (strcmp(m->filter_values[i], v) == 0)
			return false;
	return true;
}

/* One data record; adds the response to out when it has no problem. */
static void read_row(arena *a, const import_mapping *m, const csv_record *h, const csv_record *rec,
		     const struct cols *c, import_result *out, import_problems *pr)
{
	struct rowctx x = {a, m, h, rec, pr, pr->total};
	if (rec->n != h->n) {
		import_problem_add(a, pr, rec->line, "", "",
				   arena_printf(a, T("deze regel heeft %d velden; de kopregel heeft er %d",
						     "this row has %d fields; the header has %d"),
						rec->n, h->n));
		return;
	}
	if (filtered_out(m, rec, c->filter, a)) {
		out->skipped++;
		return;
	}
	import_response r = {.row = rec->line};
	int p = perspective_of(&x, c->persp);
	r.persp = p < 0 ? PERSP_OTHER : (perspective)p;
	r.value = ARENA_ARRAY(a, int8_t, instrument_scored_count(m->in) + 1);
	r.open = ARENA_ARRAY(a, const char *, (size_t)import_open_count(m->in) + 1);
	bool any = false;
	if (p >= 0)
		read_items(&x, c, &r, &any);
	read_open(&x, c, &r, &any);
	read_triggers(&x, c, &r, &any);
	if (pr->total == x.problems_before && !any)
		import_problem_add(a, pr, rec->line, "", "",
				   T("deze regel bevat geen enkel antwoord", "this row holds no answer at all"));
	if (pr->total != x.problems_before)
		return;
	out->resp[out->n++] = r;
}

bool import_rows(arena *a, const import_mapping *m, const csv_table *t, bool english,
		 import_result *out, import_problems *pr)
{
	(void)english;
	memset(out, 0, sizeof *out);
	int before = pr->total;
	if (t->n < m->header_row) {
		import_problem_add(a, pr, 0, "", "", T("het bestand heeft geen kopregel met kolomnamen",
						       "the file has no header row with column names"));
		return false;
	}
	const csv_record *h = &t->rec[m->header_row - 1];
	struct cols c;
	if (!resolve_columns(a, m, h, &c, pr))
		return false;
	int first = m->header_row + m->skip_rows;
	out->resp = ARENA_ARRAY(a, import_response, (size_t)(t->n > first ? t->n - first : 0) + 1);
	for (int i = first; i < t->n; i++)
		read_row(a, m, h, &t->rec[i], &c, out, pr);
	if (pr->total == before && out->n == 0)
		import_problem_add(a, pr, 0, "", "", T("het bestand bevat geen regels met antwoorden",
						       "the file holds no rows with answers"));
	return pr->total == before;
}

import_status import_check(arena *a, const instrument *in, const char *csv, size_t csv_len,
			   const char *mapping, size_t mapping_len, bool english, import_result *out,
			   import_problems *pr)
{
	memset(out, 0, sizeof *out);
	import_mapping *m = import_mapping_parse(a, mapping, mapping_len, in, english, pr);
	if (!m)
		return IMPORT_BAD_MAPPING;
	csv_table t;
	int line;
	csv_status s = csv_parse(a, csv, csv_len, import_mapping_sep(m), &t, &line);
	if (s != CSV_OK) {
		import_problem_add(a, pr, line, "", "", csv_status_message(s, english));
		return IMPORT_BAD_FILE;
	}
	return import_rows(a, m, &t, english, out, pr) ? IMPORT_OK : IMPORT_BAD_FILE;
}

/* ---- storing ---- */

/* The stored id of the question with this code, or 0. */
static int64_t item_id(const item_layout *lay, const char *code)
{
	for (int i = 0; i < lay->n; i++)
		if (strcmp(lay->items[i].code, code) == 0)
			return lay->items[i].id;
	return 0;
}

/* The ids of the instrument's scored statements and of the open questions
 * the import reads, looked up once. */
typedef struct {
	int64_t *scored, *open;
} import_ids;

static bool find_ids(const instrument *in, const item_layout *lay, import_ids *ids)
{
	size_t ns = instrument_scored_count(in);
	int no = import_open_count(in);
	ids->scored = xcalloc(ns + 1, sizeof(int64_t));
	ids->open = xcalloc((size_t)no + 1, sizeof(int64_t));
	bool ok = true;
	for (size_t i = 0; i < ns; i++)
		ok &= (ids->scored[i] = item_id(lay, instrument_scored_at(in, i).item->id)) != 0;
	for (int i = 0; i < no; i++)
		ok &= (ids->open[i] = item_id(lay, import_open_question(in, i)->id)) != 0;
	return ok;
}

/* The answers of one row, with the stored ids of their statements. */
static int row_answers(const instrument *in, const import_ids *ids, const import_response *r,
		       answer *out)
{
	int n = 0;
	for (size_t i = 0; i < instrument_scored_count(in); i++)
		if (r->value[i] != IMPORT_NONE)
			out[n++] = (answer){ids->scored[i], r->value[i]};
	return n;
}

static bool has_more(const instrument *in, const import_response *r)
{
	for (int i = 0; i < import_open_count(in); i++)
		if (r->open[i])
			return true;
	return r->triggers != 0;
}

/* A row with comments or triggers: its response's id is needed for them. */
static store_rc store_with_more(store *st, const instrument *in, const item_layout *lay,
				const import_ids *ids, int64_t round_id, const char *key,
				const import_response *r, answer *mine)
{
	int64_t id;
	store_rc rc = store_response_add_sent(st, round_id, r->persp, key, lay, mine,
					      row_answers(in, ids, r, mine), &id);
	for (int i = 0; rc == ST_OK && i < import_open_count(in); i++)
		if (r->open[i])
			rc = store_comment_set(st, id, ids->open[i], r->open[i]);
	if (rc == ST_OK && r->triggers)
		rc = store_response_triggers_set(st, id, r->triggers);
	return rc;
}

store_rc import_store(store *st, const instrument *in, const item_layout *lay, int64_t round_id,
		      const import_result *res)
{
	import_ids ids;
	store_rc rc = find_ids(in, lay, &ids) ? ST_OK : ST_CONFLICT;
	size_t ns = instrument_scored_count(in);
	/* Nobody holds a token of an imported response, so it can never be
	 * opened again: its access key is not the hash of any token (those
	 * are hex). One import's keys count up from a random start, which
	 * keeps adding them to the index cheap and two imports apart. */
	uint64_t serial;
	token_bytes(&serial, sizeof serial);
	serial >>= 1;
	/* rows without comments or triggers go in by the batch; a batch's
	 * buffers are reused, and the last slot is for a row with more */
	enum { BATCH = 256 };
	char (*keys)[32] = xcalloc(BATCH + 1, sizeof *keys);
	answer *answers = xcalloc((BATCH + 1) * ns + 1, sizeof *answers);
	sent_response *plain = xcalloc(BATCH, sizeof *plain);
	int n_plain = 0;
	for (int i = 0; i < res->n && rc == ST_OK; i++) {
		const import_response *r = &res->resp[i];
		bool more = has_more(in, r);
		int slot = more ? BATCH : n_plain;
		snprintf(keys[slot], sizeof keys[slot], "import-%016llx",
			 (unsigned long long)(serial + (uint64_t)i));
		answer *mine = answers + (size_t)slot * ns;
		if (more) {
			rc = store_with_more(st, in, lay, &ids, round_id, keys[slot], r, mine);
			continue;
		}
		plain[n_plain++] = (sent_response){r->persp, keys[slot], mine, row_answers(in, &ids, r, mine)};
		if (n_plain == BATCH) {
			rc = store_responses_add_sent(st, round_id, lay, plain, n_plain);
			n_plain = 0;
		}
	}
	if (rc == ST_OK && n_plain)
		rc = store_responses_add_sent(st, round_id, lay, plain, n_plain);
	if (rc == ST_OK && res->n)
		rc = store_round_answers_changed(st, round_id);
	free(keys);
	free(answers);
	free(plain);
	free(ids.scored);
	free(ids.open);
	return rc;
}
