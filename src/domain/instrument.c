/* instrument.c - parse and validate an instrument definition (format 1).
 *
 * The parser walks the JSON tree once, builds the instrument and reports
 * every problem it meets at the JSON path where it is, with a message that
 * says how to fix it. It does not stop at the first problem: a translator
 * fixing a file wants the whole list. Only an unknown format number stops
 * it, because then the rest of the file may mean something else. */
#include "instrument.h"

#include <assert.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define PATH_CAP 256 /* a path longer than this is cut; fine for messages */
#define KEY_SHOWN 40 /* bytes of a foreign key quoted in a path or message */
#define MSG_CAP 512

/* ---- parse context: error list, current JSON path, ids seen ---- */

struct seen_id {
	char *id, *path;
};

struct ctx {
	instr_errors *errs; /* may be NULL: then errors are only counted */
	size_t nerr;
	char path[PATH_CAP];
	size_t plen;
	struct seen_id *ids;
	size_t n_ids, cap_ids;
	bool easy; /* the document has "easy_intro": easy-read texts are required */
};

/* Copy a key from the document for quoting: printable ASCII only, cut. */
static void quote_key(char *out, size_t cap, const char *key)
{
	size_t i = 0;
	for (; key[i] && i < KEY_SHOWN && i + 4 < cap; i++) {
		unsigned char ch = (unsigned char)key[i];
		out[i] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	if (key[i] && i + 4 < cap) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

static size_t path_push(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static size_t path_push(struct ctx *c, const char *fmt, ...)
{
	size_t mark = c->plen;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(c->path + c->plen, PATH_CAP - c->plen, fmt, ap);
	va_end(ap);
	if (n > 0)
		c->plen += (size_t)n < PATH_CAP - c->plen ? (size_t)n : PATH_CAP - 1 - c->plen;
	return mark;
}

static size_t path_key(struct ctx *c, const char *key)
{
	char k[KEY_SHOWN + 4];
	quote_key(k, sizeof k, key);
	return path_push(c, c->plen ? ".%s" : "%s", k);
}

static size_t path_index(struct ctx *c, size_t i)
{
	return path_push(c, "[%zu]", i);
}

static void path_pop(struct ctx *c, size_t mark)
{
	c->plen = mark;
	c->path[mark] = '\0';
}

static const char *path_now(const struct ctx *c)
{
	return c->plen ? c->path : "$";
}

static void add_error(struct ctx *c, const char *path, int line, int column, const char *msg)
{
	c->nerr++;
	if (!c->errs)
		return;
	c->errs->total++;
	if (c->errs->n >= INSTR_MAX_ERRORS)
		return;
	if (!c->errs->v)
		c->errs->v = xcalloc(INSTR_MAX_ERRORS, sizeof *c->errs->v);
	instr_error *e = &c->errs->v[c->errs->n++];
	e->path = xstrdup(path);
	e->message = xstrdup(msg);
	e->line = line;
	e->column = column;
}

static void err(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Report a problem at the current path. */
static void err(struct ctx *c, const char *fmt, ...)
{
	char msg[MSG_CAP];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	add_error(c, path_now(c), 0, 0, msg);
}

/* ---- JSON types ---- */

enum kind { K_OBJECT, K_ARRAY, K_STRING, K_INTEGER, K_BOOLEAN };

static const char *const kind_name[] = {
	[K_OBJECT] = "an object { ... }",
	[K_ARRAY] = "a list [ ... ]",
	[K_STRING] = "a text in double quotes",
	[K_INTEGER] = "a whole number without quotes",
	[K_BOOLEAN] = "true or false without quotes",
};

static bool is_kind(const json_t *v, enum kind k)
{
	switch (k) {
	case K_OBJECT: return json_is_object(v);
	case K_ARRAY: return json_is_array(v);
	case K_STRING: return json_is_string(v);
	case K_INTEGER: return json_is_integer(v);
	case K_BOOLEAN: return json_is_boolean(v);
	}
	return false;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "a list";
	case JSON_STRING: return "a text";
	case JSON_INTEGER: return "a number";
	case JSON_REAL: return "a number with decimals";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

/* Report at the current path when v is not of kind k. */
static bool expect(struct ctx *c, const json_t *v, enum kind k)
{
	if (is_kind(v, k))
		return true;
	err(c, "wrong type: expected %s, got %s", kind_name[k], type_name(v));
	return false;
}

/* The member key of obj when it is there and of kind k. Reports a missing
 * required member, or a wrong type, at the member's path. */
static json_t *member(struct ctx *c, json_t *obj, const char *key, enum kind k, bool required)
{
	json_t *v = json_object_get(obj, key);
	size_t mark = path_key(c, key);
	if (!v) {
		if (required)
			err(c, "missing \"%s\": add it (see docs/instrument.md)", key);
	} else if (!expect(c, v, k)) {
		v = NULL;
	}
	path_pop(c, mark);
	return v;
}

/* ---- unknown keys ---- */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[KEY_SHOWN + 1];
	if (la > KEY_SHOWN || lb > KEY_SHOWN)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static void report_unknown_key(struct ctx *c, const char *key, const char *const *allowed)
{
	char list[MSG_CAP / 2] = "", hint[64] = "", k[KEY_SHOWN + 4];
	size_t used = 0, best = 3;
	for (const char *const *a = allowed; *a; a++) {
		int n = snprintf(list + used, sizeof list - used, "%s\"%s\"", a == allowed ? "" : ", ", *a);
		if (n > 0 && (size_t)n < sizeof list - used)
			used += (size_t)n;
		size_t d = edit_distance(key, *a);
		if (d < best) {
			best = d;
			snprintf(hint, sizeof hint, "did you mean \"%s\"? ", *a);
		}
	}
	quote_key(k, sizeof k, key);
	size_t mark = path_key(c, key);
	err(c, "unknown key \"%s\": %sallowed here are %s", k, hint, list);
	path_pop(c, mark);
}

/* Report every key of obj that is not in the NULL-terminated list. */
static void check_keys(struct ctx *c, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		const char *const *a = allowed;
		while (*a && strcmp(*a, key) != 0)
			a++;
		if (!*a)
			report_unknown_key(c, key, allowed);
	}
}

/* ---- texts ---- */

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return false;
	return true;
}

/* Check a text value at the current path: valid UTF-8, not empty, no
 * control characters, at most INSTR_TEXT_MAX code points. */
static bool check_text(struct ctx *c, const char *s, const char *what)
{
	if (is_blank(s)) {
		err(c, "empty %s: write the text", what);
		return false;
	}
	size_t chars = 0, len = strlen(s);
	for (const char *p = s; *p; chars++) {
		uint32_t cp;
		size_t n = utf8_decode(p, len - (size_t)(p - s), &cp);
		if (n == 0) {
			err(c, "%s is not valid UTF-8 at byte %zu: save the file as UTF-8",
			    what, (size_t)(p - s));
			return false;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			err(c, "%s contains control character U+%04X at character %zu: remove it "
			       "(line breaks and tabs are not allowed in texts)",
			    what, (unsigned)cp, chars + 1);
			return false;
		}
		p += n;
	}
	if (chars > INSTR_TEXT_MAX) {
		err(c, "%s is %zu characters long; the limit is %d: shorten it", what, chars,
		    INSTR_TEXT_MAX);
		return false;
	}
	return true;
}

static char *lang_text(struct ctx *c, json_t *obj, const char *lang, const char *what)
{
	json_t *v = json_object_get(obj, lang);
	size_t mark = path_key(c, lang);
	char *out = NULL;
	if (!v)
		err(c, "missing %s: add \"%s\"", what, lang);
	else if (expect(c, v, K_STRING) && check_text(c, json_string_value(v), what))
		out = xstrdup(json_string_value(v));
	path_pop(c, mark);
	return out;
}

/* A text object {"nl": ..., "en": ...} at the current path. */
static void parse_text_value(struct ctx *c, json_t *v, wp_text *out)
{
	static const char *const keys[] = {"nl", "en", NULL};
	if (!expect(c, v, K_OBJECT))
		return;
	check_keys(c, v, keys);
	out->nl = lang_text(c, v, "nl", "Dutch text");
	out->en = lang_text(c, v, "en", "English text");
}

static void parse_text(struct ctx *c, json_t *obj, const char *key, wp_text *out)
{
	json_t *v = member(c, obj, key, K_OBJECT, true);
	if (!v)
		return;
	size_t mark = path_key(c, key);
	parse_text_value(c, v, out);
	path_pop(c, mark);
}

/* ---- easy-read texts ---- */

/* The optional easy-read text obj[key]. When the instrument offers
 * easy-read (c->easy) and required, a missing one is an error; when it
 * does not, a present one is. Each sentence has at most
 * EASY_SENTENCE_WORDS_MAX words. */
static void parse_easy(struct ctx *c, json_t *obj, const char *key, bool required, wp_text *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v) {
		if (c->easy && required)
			err(c, "missing \"%s\": this instrument offers easy-read (it has \"easy_intro\"), "
			       "so every text put to citizens needs its easy-read version: add it", key);
		return;
	}
	size_t mark = path_key(c, key);
	if (!c->easy)
		err(c, "an easy-read text, but the instrument has no \"easy_intro\": add "
		       "\"easy_intro\" at the top to offer easy-read, or remove \"%s\"", key);
	parse_text_value(c, v, out);
	const char *langs[2] = {out->nl, out->en};
	for (int i = 0; i < 2; i++) {
		size_t words = langs[i] ? easy_longest_sentence(langs[i]) : 0;
		if (words > EASY_SENTENCE_WORDS_MAX)
			err(c, "the %s easy-read text has a sentence of %zu words; easy-read allows at "
			       "most %d: split it or say it shorter", i ? "English" : "Dutch", words,
			    EASY_SENTENCE_WORDS_MAX);
	}
	path_pop(c, mark);
}

/* ---- ids ---- */

static bool token_ok(const char *s, const char *extra)
{
	size_t n = strlen(s);
	if (n == 0 || n > INSTR_ID_MAX)
		return false;
	for (; *s; s++) {
		bool alnum = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');
		if (!alnum && *s != '_' && !strchr(extra, *s))
			return false;
	}
	return true;
}

static bool same_id(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
		char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Remember id at the current path; report it when it was seen before. */
static void register_id(struct ctx *c, const char *id)
{
	for (size_t i = 0; i < c->n_ids; i++) {
		if (same_id(c->ids[i].id, id)) {
			bool differs = strcmp(c->ids[i].id, id) != 0;
			err(c, "duplicate id \"%s\" (already used%s%s%s at %s): every id must be "
			       "unique in the whole file, and letter case does not count",
			    id, differs ? " as \"" : "", differs ? c->ids[i].id : "",
			    differs ? "\"" : "", c->ids[i].path);
			return;
		}
	}
	if (c->n_ids == c->cap_ids) {
		c->cap_ids = c->cap_ids ? 2 * c->cap_ids : 64;
		c->ids = xrealloc(c->ids, c->cap_ids * sizeof *c->ids);
	}
	c->ids[c->n_ids].id = xstrdup(id);
	c->ids[c->n_ids].path = xstrdup(path_now(c));
	c->n_ids++;
}

/* The "id" member of obj: well-formed and unique. */
static char *parse_id(struct ctx *c, json_t *obj)
{
	json_t *v = member(c, obj, "id", K_STRING, true);
	if (!v)
		return NULL;
	const char *s = json_string_value(v);
	size_t mark = path_key(c, "id");
	char *out = NULL;
	if (!token_ok(s, "")) {
		char q[KEY_SHOWN + 4];
		quote_key(q, sizeof q, s);
		err(c, "bad id \"%s\": use 1 to %d letters, digits or underscores (A-Z a-z 0-9 _)",
		    q, INSTR_ID_MAX);
	} else {
		register_id(c, s);
		out = xstrdup(s);
	}
	path_pop(c, mark);
	return out;
}

/* ---- statements ---- */

static unsigned parse_perspective_code(struct ctx *c, json_t *v, unsigned mask)
{
	if (!expect(c, v, K_STRING))
		return 0;
	int p = perspective_from_code(json_string_value(v));
	if (p < 0) {
		char q[KEY_SHOWN + 4];
		quote_key(q, sizeof q, json_string_value(v));
		err(c, "unknown perspective \"%s\": use student, professional, teacher, "
		       "researcher, citizen, manager or other", q);
		return 0;
	}
	if (mask & (1u << p)) {
		err(c, "perspective \"%s\" is listed twice: remove one", perspective_code((perspective)p));
		return 0;
	}
	return 1u << p;
}

/* The optional "perspectives" member: absent = everyone = 0. */
static unsigned parse_perspectives(struct ctx *c, json_t *obj)
{
	json_t *list = member(c, obj, "perspectives", K_ARRAY, false);
	if (!list)
		return 0;
	size_t mark = path_key(c, "perspectives"), i;
	unsigned mask = 0;
	json_t *v;
	if (json_array_size(list) == 0)
		err(c, "empty list of perspectives: name at least one, or remove \"perspectives\" "
		       "so that everyone answers the statement");
	json_array_foreach(list, i, v) {
		size_t m = path_index(c, i);
		mask |= parse_perspective_code(c, v, mask);
		path_pop(c, m);
	}
	path_pop(c, mark);
	return mask;
}

/* The optional "pictogram" of a statement: a name from the table in
 * easy.c, beside an easy-read text. */
static void parse_pictogram(struct ctx *c, json_t *v, instr_item *it)
{
	json_t *name = member(c, v, "pictogram", K_STRING, false);
	bool needed = c->easy && it->easy.nl;
	if (!name) {
		if (needed)
			err(c, "missing \"pictogram\": an easy-read statement has a picture beside it; "
			       "add one of the names in docs/instrument.md");
		return;
	}
	size_t mark = path_key(c, "pictogram");
	it->picto = pictogram_find(json_string_value(name));
	if (!it->easy.nl)
		err(c, "a pictogram without an easy-read text: add \"easy\" or remove \"pictogram\"");
	else if (!it->picto) {
		char q[KEY_SHOWN + 4];
		quote_key(q, sizeof q, json_string_value(name));
		err(c, "unknown pictogram \"%s\": use one of the names in docs/instrument.md "
		       "(for example \"talk\", \"learn\", \"together\")", q);
	}
	path_pop(c, mark);
}

static void parse_item(struct ctx *c, json_t *v, instr_item *it)
{
	static const char *const keys[] = {"id", "text", "reverse", "perspectives", "easy",
					   "pictogram", NULL};
	if (!expect(c, v, K_OBJECT))
		return;
	check_keys(c, v, keys);
	it->id = parse_id(c, v);
	parse_text(c, v, "text", &it->text);
	json_t *rev = member(c, v, "reverse", K_BOOLEAN, false);
	it->reverse = rev && json_is_true(rev);
	it->perspectives = parse_perspectives(c, v);
	parse_easy(c, v, "easy", instr_item_shown_to(it, PERSP_CITIZEN), &it->easy);
	parse_pictogram(c, v, it);
}

/* Report at the current path when a list has too few or too many entries.
 * what is singular; an "s" makes it plural. */
static void check_count(struct ctx *c, size_t n, size_t min, size_t max, const char *owner,
			const char *what)
{
	const char *s = n == 1 ? "" : "s";
	if (n < min)
		err(c, "%s has %zu %s%s; it needs %zu to %zu: add %zu", owner, n, what, s, min, max,
		    min - n);
	else if (n > max)
		err(c, "%s has %zu %s%s; it needs %zu to %zu: remove %zu", owner, n, what, s, min, max,
		    n - max);
}

/* The "items" member of obj: a list of statements. */
static void parse_items(struct ctx *c, json_t *obj, instr_item **out, size_t *n_out,
			size_t min, size_t max, const char *owner)
{
	json_t *list = member(c, obj, "items", K_ARRAY, true);
	if (!list)
		return;
	size_t mark = path_key(c, "items"), i;
	json_t *v;
	check_count(c, json_array_size(list), min, max, owner, "statement");
	*n_out = json_array_size(list);
	*out = xcalloc(*n_out, sizeof **out);
	json_array_foreach(list, i, v) {
		size_t m = path_index(c, i);
		parse_item(c, v, &(*out)[i]);
		path_pop(c, m);
	}
	path_pop(c, mark);
}

/* ---- elements ---- */

static void parse_question(struct ctx *c, json_t *v, instr_question *q)
{
	static const char *const keys[] = {"id", "text", "easy", NULL};
	if (!expect(c, v, K_OBJECT))
		return;
	check_keys(c, v, keys);
	q->id = parse_id(c, v);
	parse_text(c, v, "text", &q->text);
	parse_easy(c, v, "easy", true, &q->easy);
}

static void parse_open_questions(struct ctx *c, json_t *obj, instr_element *el, const char *owner)
{
	json_t *list = member(c, obj, "open_questions", K_ARRAY, true), *v;
	if (!list)
		return;
	size_t mark = path_key(c, "open_questions"), i;
	check_count(c, json_array_size(list), INSTR_OPEN_MIN, INSTR_OPEN_MAX, owner, "open question");
	el->n_open = json_array_size(list);
	el->open = xcalloc(el->n_open, sizeof *el->open);
	json_array_foreach(list, i, v) {
		size_t m = path_index(c, i);
		parse_question(c, v, &el->open[i]);
		path_pop(c, m);
	}
	path_pop(c, mark);
}

static void parse_dialogue(struct ctx *c, json_t *obj, instr_element *el, const char *owner)
{
	json_t *list = member(c, obj, "dialogue_questions", K_ARRAY, true), *v;
	if (!list)
		return;
	size_t mark = path_key(c, "dialogue_questions"), i;
	check_count(c, json_array_size(list), INSTR_DIALOGUE_MIN, INSTR_DIALOGUE_MAX, owner,
		    "dialogue question");
	el->n_dialogue = json_array_size(list);
	el->dialogue = xcalloc(el->n_dialogue, sizeof *el->dialogue);
	json_array_foreach(list, i, v) {
		size_t m = path_index(c, i);
		parse_text_value(c, v, &el->dialogue[i]);
		path_pop(c, m);
	}
	path_pop(c, mark);
}

/* Every perspective must see enough statements of an element for an
 * element score (at least half answered) to mean something. */
static void check_visible(struct ctx *c, const instr_element *el, const char *owner)
{
	if (el->n_items < INSTR_ELEMENT_ITEMS_MIN)
		return; /* already reported */
	size_t mark = path_key(c, "items");
	for (int p = 0; p < PERSP_COUNT; p++) {
		size_t shown = 0;
		for (size_t i = 0; i < el->n_items; i++)
			shown += instr_item_shown_to(&el->items[i], (perspective)p);
		if (shown < INSTR_VISIBLE_ITEMS_MIN)
			err(c, "perspective \"%s\" sees only %zu statements of %s; every perspective "
			       "needs at least %d: widen \"perspectives\" or add statements for everyone",
			    perspective_code((perspective)p), shown, owner, INSTR_VISIBLE_ITEMS_MIN);
	}
	path_pop(c, mark);
}

/* The "code" member of obj, looked up with from_code; -1 when unusable. */
static int parse_code(struct ctx *c, json_t *obj, int (*from_code)(const char *),
		      const char *what, const char *choices)
{
	json_t *v = member(c, obj, "code", K_STRING, true);
	if (!v)
		return -1;
	int code = from_code(json_string_value(v));
	if (code < 0) {
		char q[KEY_SHOWN + 4];
		size_t mark = path_key(c, "code");
		quote_key(q, sizeof q, json_string_value(v));
		err(c, "unknown %s code \"%s\": use one of %s", what, q, choices);
		path_pop(c, mark);
	}
	return code;
}

static int parse_element(struct ctx *c, json_t *v, instr_element *el)
{
	static const char *const keys[] = {"code", "name", "explanation", "easy_explanation", "items",
					   "open_questions", "dialogue_questions", NULL};
	if (!expect(c, v, K_OBJECT))
		return -1;
	check_keys(c, v, keys);
	int code = parse_code(c, v, element_from_code, "element", "LOS, SRI, GOC, VOR, LEA, VMM");
	char owner[32];
	snprintf(owner, sizeof owner, "element %s", code >= 0 ? element_code_str((element_code)code) : "?");
	el->code = code >= 0 ? (element_code)code : EL_LOS;
	parse_text(c, v, "name", &el->name);
	parse_text(c, v, "explanation", &el->explanation);
	parse_easy(c, v, "easy_explanation", true, &el->easy_explanation);
	parse_items(c, v, &el->items, &el->n_items, INSTR_ELEMENT_ITEMS_MIN, INSTR_ELEMENT_ITEMS_MAX, owner);
	check_visible(c, el, owner);
	parse_open_questions(c, v, el, owner);
	parse_dialogue(c, v, el, owner);
	return code;
}

static void free_text(wp_text *t)
{
	free(t->nl);
	free(t->en);
}

static void free_items(instr_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].id);
		free_text(&items[i].text);
		free_text(&items[i].easy);
	}
	free(items);
}

static void free_element(instr_element *el)
{
	free_text(&el->name);
	free_text(&el->explanation);
	free_text(&el->easy_explanation);
	free_items(el->items, el->n_items);
	for (size_t i = 0; i < el->n_open; i++) {
		free(el->open[i].id);
		free_text(&el->open[i].text);
		free_text(&el->open[i].easy);
	}
	free(el->open);
	for (size_t i = 0; i < el->n_dialogue; i++)
		free_text(&el->dialogue[i]);
	free(el->dialogue);
}

static void free_outcome(instr_outcome *o)
{
	free_text(&o->name);
	free_items(o->items, o->n_items);
}

/* A code may appear once. Returns true when slot code is still free. */
static bool claim(struct ctx *c, long *first, int code, const char *list, const char *what,
		  const char *name)
{
	if (code < 0)
		return false;
	if (first[code] >= 0) {
		size_t mark = path_key(c, "code");
		err(c, "%s %s appears twice (first at %s[%ld]): keep one", what, name, list, first[code]);
		path_pop(c, mark);
		return false;
	}
	return true;
}

static void parse_elements(struct ctx *c, json_t *root, instrument *in)
{
	json_t *list = member(c, root, "elements", K_ARRAY, true), *v;
	if (!list)
		return;
	long first[EL_COUNT];
	size_t mark = path_key(c, "elements"), i;
	for (int e = 0; e < EL_COUNT; e++)
		first[e] = -1;
	json_array_foreach(list, i, v) {
		instr_element el = {0};
		size_t m = path_index(c, i);
		int code = parse_element(c, v, &el);
		if (claim(c, first, code, "elements", "element",
			  code >= 0 ? element_code_str((element_code)code) : "")) {
			first[code] = (long)i;
			in->elements[code] = el;
		} else {
			free_element(&el);
		}
		path_pop(c, m);
	}
	for (int e = 0; e < EL_COUNT; e++)
		if (first[e] < 0)
			err(c, "missing element %s: add an element with \"code\": \"%s\"",
			    element_code_str((element_code)e), element_code_str((element_code)e));
	path_pop(c, mark);
}

/* ---- outcomes ---- */

static int parse_outcome(struct ctx *c, json_t *v, instr_outcome *o)
{
	static const char *const keys[] = {"code", "name", "items", NULL};
	if (!expect(c, v, K_OBJECT))
		return -1;
	check_keys(c, v, keys);
	int code = parse_code(c, v, outcome_from_code, "outcome",
			      "knowledge, professional, curriculum, collaboration, connections");
	char owner[40];
	snprintf(owner, sizeof owner, "outcome %s", code >= 0 ? outcome_code((outcome_category)code) : "?");
	o->code = code >= 0 ? (outcome_category)code : OUT_KNOWLEDGE;
	parse_text(c, v, "name", &o->name);
	parse_items(c, v, &o->items, &o->n_items, INSTR_OUTCOME_ITEMS_MIN, INSTR_OUTCOME_ITEMS_MAX, owner);
	return code;
}

static void parse_outcomes(struct ctx *c, json_t *root, instrument *in)
{
	json_t *list = member(c, root, "outcomes", K_ARRAY, true), *v;
	if (!list)
		return;
	long first[OUT_COUNT];
	size_t mark = path_key(c, "outcomes"), i;
	for (int o = 0; o < OUT_COUNT; o++)
		first[o] = -1;
	json_array_foreach(list, i, v) {
		instr_outcome out = {0};
		size_t m = path_index(c, i);
		int code = parse_outcome(c, v, &out);
		if (claim(c, first, code, "outcomes", "outcome",
			  code >= 0 ? outcome_code((outcome_category)code) : "")) {
			first[code] = (long)i;
			in->outcomes[code] = out;
		} else {
			free_outcome(&out);
		}
		path_pop(c, m);
	}
	for (int o = 0; o < OUT_COUNT; o++)
		if (first[o] < 0)
			err(c, "missing outcome category %s: add an outcome with \"code\": \"%s\"",
			    outcome_code((outcome_category)o), outcome_code((outcome_category)o));
	path_pop(c, mark);
}

/* ---- triggers ---- */

static int parse_trigger_option(struct ctx *c, json_t *v, wp_text *text, wp_text *easy)
{
	static const char *const keys[] = {"code", "text", "easy", NULL};
	if (!expect(c, v, K_OBJECT))
		return -1;
	check_keys(c, v, keys);
	int code = parse_code(c, v, trigger_from_code, "trigger", "complex, opportunity, urgency");
	parse_text(c, v, "text", text);
	parse_easy(c, v, "easy", true, easy);
	return code;
}

static void parse_trigger_options(struct ctx *c, json_t *trig, instr_triggers *t)
{
	json_t *list = member(c, trig, "options", K_ARRAY, true), *v;
	if (!list)
		return;
	long first[TRIG_COUNT];
	size_t mark = path_key(c, "options"), i;
	for (int k = 0; k < TRIG_COUNT; k++)
		first[k] = -1;
	json_array_foreach(list, i, v) {
		wp_text text = {0}, easy = {0};
		size_t m = path_index(c, i);
		int code = parse_trigger_option(c, v, &text, &easy);
		if (claim(c, first, code, "triggers.options", "trigger",
			  code >= 0 ? trigger_code((trigger_kind)code) : "")) {
			first[code] = (long)i;
			t->options[code] = text;
			t->easy_options[code] = easy;
		} else {
			free_text(&text);
			free_text(&easy);
		}
		path_pop(c, m);
	}
	for (int k = 0; k < TRIG_COUNT; k++)
		if (first[k] < 0)
			err(c, "missing trigger %s: add an option with \"code\": \"%s\"",
			    trigger_code((trigger_kind)k), trigger_code((trigger_kind)k));
	path_pop(c, mark);
}

static void parse_triggers(struct ctx *c, json_t *root, instr_triggers *t)
{
	static const char *const keys[] = {"question", "easy_question", "options", "open_question",
					   NULL};
	json_t *trig = member(c, root, "triggers", K_OBJECT, true);
	if (!trig)
		return;
	size_t mark = path_key(c, "triggers");
	check_keys(c, trig, keys);
	parse_text(c, trig, "question", &t->question);
	parse_easy(c, trig, "easy_question", true, &t->easy_question);
	parse_trigger_options(c, trig, t);
	json_t *open = member(c, trig, "open_question", K_OBJECT, true);
	if (open) {
		size_t m = path_key(c, "open_question");
		parse_question(c, open, &t->open);
		path_pop(c, m);
	}
	path_pop(c, mark);
}

/* ---- scale ---- */

static void parse_scale_bound(struct ctx *c, json_t *scale, const char *key, int want, int *out)
{
	json_t *v = member(c, scale, key, K_INTEGER, true);
	if (!v)
		return;
	*out = want;
	if (json_integer_value(v) != want) {
		size_t mark = path_key(c, key);
		err(c, "the agreement scale runs from 1 to %d: set \"%s\": %d", INSTR_SCALE_POINTS, key, want);
		path_pop(c, mark);
	}
}

static void parse_labels(struct ctx *c, json_t *list, bool english, wp_text *labels)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		size_t m = path_index(c, i);
		if (expect(c, v, K_STRING) && check_text(c, json_string_value(v), "label")) {
			char **slot = english ? &labels[i].en : &labels[i].nl;
			*slot = xstrdup(json_string_value(v));
		}
		path_pop(c, m);
	}
}

static void parse_label_list(struct ctx *c, json_t *labels, bool english, wp_text *out)
{
	const char *lang = english ? "en" : "nl", *what = english ? "English" : "Dutch";
	json_t *list = json_object_get(labels, lang);
	size_t mark = path_key(c, lang);
	if (!list)
		err(c, "missing %s labels: add \"%s\": [%d labels, from 1 to %d]", what, lang,
		    INSTR_SCALE_POINTS, INSTR_SCALE_POINTS);
	else if (!expect(c, list, K_ARRAY))
		; /* reported */
	else if (json_array_size(list) != INSTR_SCALE_POINTS)
		err(c, "found %zu %s labels; the scale needs exactly %d, one per point from 1 to %d",
		    json_array_size(list), what, INSTR_SCALE_POINTS, INSTR_SCALE_POINTS);
	else
		parse_labels(c, list, english, out);
	path_pop(c, mark);
}

/* A labels object {"nl": [5 labels], "en": [5 labels]} at obj[key]. */
static void parse_label_object(struct ctx *c, json_t *obj, const char *key, bool required,
			       wp_text *out)
{
	static const char *const langs[] = {"nl", "en", NULL};
	json_t *labels = member(c, obj, key, K_OBJECT, required);
	if (!labels)
		return;
	size_t m = path_key(c, key);
	check_keys(c, labels, langs);
	parse_label_list(c, labels, false, out);
	parse_label_list(c, labels, true, out);
	path_pop(c, m);
}

/* The scale's easy-read labels: there when the instrument offers
 * easy-read, absent when not. */
static void parse_easy_labels(struct ctx *c, json_t *scale, instr_scale *s)
{
	json_t *v = json_object_get(scale, "easy_labels");
	if (!v && c->easy)
		err(c, "missing \"easy_labels\": this instrument offers easy-read, so the scale "
		       "needs five easy-read labels per language: add them");
	if (v && !c->easy) {
		size_t m = path_key(c, "easy_labels");
		err(c, "easy-read labels, but the instrument has no \"easy_intro\": add it, or "
		       "remove \"easy_labels\"");
		path_pop(c, m);
	}
	if (v)
		parse_label_object(c, scale, "easy_labels", true, s->easy_labels);
}

static void parse_scale(struct ctx *c, json_t *root, instr_scale *s)
{
	static const char *const keys[] = {"min", "max", "labels", "dont_know", "easy_labels",
					   "easy_dont_know", NULL};
	json_t *scale = member(c, root, "scale", K_OBJECT, true);
	if (!scale)
		return;
	size_t mark = path_key(c, "scale");
	check_keys(c, scale, keys);
	parse_scale_bound(c, scale, "min", 1, &s->min);
	parse_scale_bound(c, scale, "max", INSTR_SCALE_POINTS, &s->max);
	parse_label_object(c, scale, "labels", true, s->labels);
	parse_text(c, scale, "dont_know", &s->dont_know);
	parse_easy_labels(c, scale, s);
	parse_easy(c, scale, "easy_dont_know", true, &s->easy_dont_know);
	path_pop(c, mark);
}

/* ---- the document ---- */

/* "id" and "version" of the instrument: short ASCII tokens. */
static char *parse_token(struct ctx *c, json_t *root, const char *key, const char *extra,
			 const char *allowed)
{
	json_t *v = member(c, root, key, K_STRING, true);
	if (!v)
		return NULL;
	if (token_ok(json_string_value(v), extra))
		return xstrdup(json_string_value(v));
	char q[KEY_SHOWN + 4];
	size_t mark = path_key(c, key);
	quote_key(q, sizeof q, json_string_value(v));
	err(c, "bad %s \"%s\": use 1 to %d characters: %s", key, q, INSTR_ID_MAX, allowed);
	path_pop(c, mark);
	return NULL;
}

/* Returns false when the format is one this code cannot read. */
static bool parse_format(struct ctx *c, json_t *root, instrument *in)
{
	json_t *v = member(c, root, "format", K_INTEGER, true);
	in->format = INSTR_FORMAT;
	if (!v || json_integer_value(v) == INSTR_FORMAT)
		return true;
	size_t mark = path_key(c, "format");
	err(c, "unknown format %lld: this version of werkplaats reads format %d only",
	    (long long)json_integer_value(v), INSTR_FORMAT);
	path_pop(c, mark);
	return false;
}

static void parse_document(struct ctx *c, json_t *root, instrument *in)
{
	static const char *const keys[] = {"format", "id", "version", "title", "intro", "easy_intro",
					   "scale", "elements", "outcomes", "triggers", NULL};
	if (!json_is_object(root)) {
		err(c, "the instrument must be a JSON object { ... }, got %s", type_name(root));
		return;
	}
	if (!parse_format(c, root, in))
		return;
	check_keys(c, root, keys);
	in->id = parse_token(c, root, "id", "-", "letters, digits, _ and -");
	in->version = parse_token(c, root, "version", ".-", "letters, digits, _ . and -");
	parse_text(c, root, "title", &in->title);
	parse_text(c, root, "intro", &in->intro);
	c->easy = json_object_get(root, "easy_intro") != NULL;
	parse_easy(c, root, "easy_intro", false, &in->easy_intro);
	in->easy = c->easy;
	parse_scale(c, root, &in->scale);
	parse_elements(c, root, in);
	parse_outcomes(c, root, in);
	parse_triggers(c, root, &in->triggers);
}

static void syntax_error(struct ctx *c, const json_error_t *je)
{
	const char *fix;
	switch (json_error_code(je)) {
	case json_error_duplicate_key:
		fix = "a key appears twice in one object: keep one";
		break;
	case json_error_invalid_utf8:
		fix = "the file is not UTF-8: save it as UTF-8";
		break;
	default:
		fix = "check for a missing or extra comma, quote or bracket there";
		break;
	}
	char msg[MSG_CAP];
	snprintf(msg, sizeof msg, "JSON syntax error at line %d, column %d: %s; %s", je->line,
		 je->column, je->text, fix);
	add_error(c, "$", je->line, je->column, msg);
}

instrument *instrument_parse(const char *json, size_t len, instr_errors *errs)
{
	struct ctx c = {.errs = errs};
	json_error_t je;
	if (errs)
		instr_errors_free(errs);
	json_t *root = json_loadb(json ? json : "", json ? len : 0, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		syntax_error(&c, &je);
		return NULL;
	}
	instrument *in = xcalloc(1, sizeof *in);
	parse_document(&c, root, in);
	json_decref(root);
	for (size_t i = 0; i < c.n_ids; i++) {
		free(c.ids[i].id);
		free(c.ids[i].path);
	}
	free(c.ids);
	if (c.nerr) {
		instrument_free(in);
		return NULL;
	}
	return in;
}

void instrument_free(instrument *in)
{
	if (!in)
		return;
	free(in->id);
	free(in->version);
	free_text(&in->title);
	free_text(&in->intro);
	free_text(&in->easy_intro);
	for (int i = 0; i < INSTR_SCALE_POINTS; i++) {
		free_text(&in->scale.labels[i]);
		free_text(&in->scale.easy_labels[i]);
	}
	free_text(&in->scale.dont_know);
	free_text(&in->scale.easy_dont_know);
	for (int e = 0; e < EL_COUNT; e++)
		free_element(&in->elements[e]);
	for (int o = 0; o < OUT_COUNT; o++)
		free_outcome(&in->outcomes[o]);
	free_text(&in->triggers.question);
	free_text(&in->triggers.easy_question);
	for (int t = 0; t < TRIG_COUNT; t++) {
		free_text(&in->triggers.options[t]);
		free_text(&in->triggers.easy_options[t]);
	}
	free(in->triggers.open.id);
	free_text(&in->triggers.open.text);
	free_text(&in->triggers.open.easy);
	free(in);
}

void instr_errors_free(instr_errors *errs)
{
	if (!errs)
		return;
	for (size_t i = 0; i < errs->n; i++) {
		free(errs->v[i].path);
		free(errs->v[i].message);
	}
	free(errs->v);
	*errs = (instr_errors){0};
}

/* ---- queries ---- */

size_t instrument_scored_count(const instrument *in)
{
	size_t n = 0;
	for (int e = 0; e < EL_COUNT; e++)
		n += in->elements[e].n_items;
	for (int o = 0; o < OUT_COUNT; o++)
		n += in->outcomes[o].n_items;
	return n;
}

instr_scored instrument_scored_at(const instrument *in, size_t i)
{
	for (int e = 0; e < EL_COUNT; e++) {
		if (i < in->elements[e].n_items)
			return (instr_scored){&in->elements[e].items[i], false, e};
		i -= in->elements[e].n_items;
	}
	for (int o = 0; o < OUT_COUNT; o++) {
		if (i < in->outcomes[o].n_items)
			return (instr_scored){&in->outcomes[o].items[i], true, o};
		i -= in->outcomes[o].n_items;
	}
	assert(!"instrument_scored_at: index out of range");
	return (instr_scored){NULL, false, -1};
}

const instr_item *instrument_find_item(const instrument *in, const char *id)
{
	size_t n = instrument_scored_count(in);
	for (size_t i = 0; i < n; i++) {
		const instr_item *it = instrument_scored_at(in, i).item;
		if (strcmp(it->id, id) == 0)
			return it;
	}
	return NULL;
}

const instr_question *instrument_find_question(const instrument *in, const char *id)
{
	for (int e = 0; e < EL_COUNT; e++)
		for (size_t i = 0; i < in->elements[e].n_open; i++)
			if (strcmp(in->elements[e].open[i].id, id) == 0)
				return &in->elements[e].open[i];
	return strcmp(in->triggers.open.id, id) == 0 ? &in->triggers.open : NULL;
}

bool instr_item_shown_to(const instr_item *it, perspective p)
{
	return it->perspectives == 0 || (it->perspectives & (1u << p)) != 0;
}

int instr_item_value(const instr_item *it, int answer)
{
	assert(answer >= 1 && answer <= INSTR_SCALE_POINTS);
	return it->reverse ? 1 + INSTR_SCALE_POINTS - answer : answer;
}

const char *wp_text_or_easy(const wp_text *t, const wp_text *easy, bool use_easy, bool english)
{
	return wp_text_get(use_easy && easy->nl ? easy : t, english);
}

const char *wp_text_get(const wp_text *t, bool english)
{
	return english ? t->en : t->nl;
}
