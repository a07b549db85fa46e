#include "io/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* ---- reading ---- */

struct parser {
	arena *a;
	char *s; /* the arena's copy of the text, one byte longer: fields end in place */
	size_t n, i;
	char sep;
	int line;
	/* fields of the record being read (heap, reused) */
	char **field;
	int nfield, capfield;
};

static bool is_eol(char c)
{
	return c == '\r' || c == '\n';
}

/* Line breaks in s[from..to): LF, CRLF and a lone CR each count once. */
static int count_breaks(const char *s, size_t from, size_t to, size_t n)
{
	int k = 0;
	for (size_t i = from; i < to; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
			k++;
	return k;
}

/* The separator that occurs most often outside quotes in the first record. */
static char detect_sep(const char *s, size_t n)
{
	int comma = 0, semi = 0, tab = 0;
	bool quoted = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (is_eol(c))
			break;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semi++;
		else if (c == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* An Excel "sep=X" first line: its separator, and *skip its length. */
static char sep_line(const char *s, size_t n, size_t *skip)
{
	if (n < 5 || (strncmp(s, "sep=", 4) != 0 && strncmp(s, "SEP=", 4) != 0))
		return 0;
	char c = s[4];
	if (c != ',' && c != ';' && c != '\t')
		return 0;
	size_t i = 5;
	if (i < n && !is_eol(s[i]))
		return 0;
	if (i < n && s[i] == '\r')
		i++;
	if (i < n && s[i] == '\n')
		i++;
	*skip = i;
	return c;
}

static void push_field(struct parser *p, char *f)
{
	if (p->nfield == p->capfield) {
		p->capfield = p->capfield ? p->capfield * 2 : 32;
		p->field = xrealloc(p->field, sizeof(char *) * (size_t)p->capfield);
	}
	p->field[p->nfield++] = f;
}

/* A quoted field starting at the opening quote. */
static csv_status quoted_field(struct parser *p, char **out)
{
	size_t start = ++p->i, len = 0, j = start;
	int line0 = p->line;
	/* first pass: find the closing quote and the length without doubles */
	for (;;) {
		const char *q = memchr(p->s + j, '"', p->n - j);
		if (!q) {
			p->line = line0;
			return CSV_UNTERMINATED;
		}
		size_t at = (size_t)(q - p->s);
		len += at - j;
		if (at + 1 < p->n && p->s[at + 1] == '"') {
			len++;
			j = at + 2;
			continue;
		}
		j = at + 1;
		break;
	}
	if (len > CSV_MAX_FIELD)
		return CSV_FIELD_TOO_LONG;
	p->line += count_breaks(p->s, start, j - 1, p->n);
	/* undoubled in place: the text only gets shorter, and the bytes after
	 * the closing quote are not touched */
	char *f = p->s + start;
	size_t o = 0;
	for (size_t k = start; k < j - 1; k++) {
		f[o++] = p->s[k];
		if (p->s[k] == '"')
			k++; /* the second of a doubled quote */
	}
	f[o] = 0;
	p->i = j;
	if (p->i < p->n && p->s[p->i] != p->sep && !is_eol(p->s[p->i]))
		return CSV_BAD_QUOTE;
	*out = f;
	return CSV_OK;
}

/* An unquoted field: up to the separator or line end. A quote inside it
 * is kept as written (lenient, as spreadsheets are). It is left in the
 * text; read_record ends it once it has seen what follows. */
static csv_status plain_field(struct parser *p, char **out)
{
	size_t start = p->i;
	while (p->i < p->n && p->s[p->i] != p->sep && !is_eol(p->s[p->i]))
		p->i++;
	if (p->i - start > CSV_MAX_FIELD)
		return CSV_FIELD_TOO_LONG;
	*out = p->s + start;
	return CSV_OK;
}

/* Read one record into p->field; *blank when it was an empty line. */
static csv_status read_record(struct parser *p, bool *blank)
{
	p->nfield = 0;
	bool any_quote = false;
	char end = 0;
	for (;;) {
		char *f = NULL;
		csv_status st;
		bool quoted = p->i < p->n && p->s[p->i] == '"';
		if (quoted) {
			any_quote = true;
			st = quoted_field(p, &f);
		} else {
			st = plain_field(p, &f);
		}
		if (st != CSV_OK)
			return st;
		if (p->nfield >= CSV_MAX_FIELDS)
			return CSV_TOO_MANY_FIELDS;
		push_field(p, f);
		/* what ends the field: a separator, a line end, or the end (the
		 * copy's extra NUL); a plain field ends here in place */
		end = p->s[p->i];
		if (!quoted)
			p->s[p->i] = 0;
		if (p->i < p->n && end == p->sep) {
			p->i++;
			continue;
		}
		break;
	}
	if (p->i < p->n && end == '\r') {
		p->i++;
		end = p->s[p->i];
	}
	if (p->i < p->n && end == '\n')
		p->i++;
	*blank = p->nfield == 1 && !any_quote && !*p->field[0];
	return CSV_OK;
}

static int line_of(const char *s, size_t at, size_t n)
{
	return 1 + count_breaks(s, 0, at, n);
}

csv_status csv_parse(arena *a, const char *text, size_t len, char sep, csv_table *out,
		     int *err_line)
{
	memset(out, 0, sizeof *out);
	*err_line = 0;
	const unsigned char *u = (const unsigned char *)text;
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		*err_line = 1;
		return CSV_UTF16;
	}
	const char *nul = memchr(text, 0, len);
	if (nul) {
		*err_line = line_of(text, (size_t)(nul - text), len);
		return CSV_NUL;
	}
	struct parser p = {.a = a, .s = arena_alloc(a, len + 1), .n = len, .line = 1};
	memcpy(p.s, text, len);
	bool bom = len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf;
	if (bom)
		p.i = 3;
	size_t skip = 0;
	char named = sep_line(text + p.i, len - p.i, &skip);
	if (named) {
		p.i += skip;
		p.line++;
	}
	p.sep = sep ? sep : named ? named : detect_sep(text + p.i, len - p.i);

	csv_record *rec = NULL;
	int nrec = 0, caprec = 0;
	csv_status st = CSV_OK;
	while (p.i < p.n) {
		int line = p.line;
		bool blank;
		st = read_record(&p, &blank);
		if (st != CSV_OK)
			break;
		p.line++; /* the line end that closed the record */
		if (blank)
			continue;
		if (nrec >= CSV_MAX_ROWS) {
			st = CSV_TOO_MANY_ROWS;
			p.line = line;
			break;
		}
		if (nrec == caprec) {
			int cap = caprec ? caprec * 2 : 64;
			csv_record *bigger = ARENA_ARRAY(a, csv_record, (size_t)cap);
			if (nrec)
				memcpy(bigger, rec, sizeof *rec * (size_t)nrec);
			rec = bigger;
			caprec = cap;
		}
		csv_record *r = &rec[nrec++];
		r->n = p.nfield;
		r->line = line;
		r->cell = ARENA_ARRAY(a, char *, (size_t)p.nfield);
		memcpy(r->cell, p.field, sizeof(char *) * (size_t)p.nfield);
	}
	free(p.field);
	if (st != CSV_OK) {
		*err_line = p.line;
		return st;
	}
	out->rec = rec;
	out->n = nrec;
	out->sep = p.sep;
	out->bom = bom;
	return CSV_OK;
}

const char *csv_status_message(csv_status s, bool english)
{
	switch (s) {
	case CSV_OK:
		return "ok";
	case CSV_UNTERMINATED:
		return english ? "a quoted field is not closed: a \" is missing"
			       : "een veld tussen aanhalingstekens wordt niet afgesloten: er ontbreekt een \"";
	case CSV_BAD_QUOTE:
		return english ? "after a closing \" comes something other than a separator or a line end"
			       : "na een afsluitende \" volgt iets anders dan een scheidingsteken of regeleinde";
	case CSV_NUL:
		return english ? "the file contains a NUL byte: it is not a text file"
			       : "het bestand bevat een NUL-teken: het is geen tekstbestand";
	case CSV_UTF16:
		return english ? "the file is UTF-16 text; save it as 'CSV UTF-8' and try again"
			       : "het bestand is UTF-16-tekst; sla het op als 'CSV UTF-8' en probeer het opnieuw";
	case CSV_TOO_MANY_ROWS:
		return english ? "more than 200000 rows" : "meer dan 200000 regels";
	case CSV_TOO_MANY_FIELDS:
		return english ? "more than 4000 columns in a row" : "meer dan 4000 kolommen in een regel";
	case CSV_FIELD_TOO_LONG:
		return english ? "a field is longer than 100000 bytes" : "een veld is langer dan 100000 bytes";
	}
	return "?";
}

/* ---- writing ---- */

bool csv_formula_like(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

const char *csv_neutralise(arena *a, const char *s)
{
	return csv_formula_like(s) ? arena_printf(a, "'%s", s) : s;
}

/* A field that, at the start of a file, a reader would take for an Excel
 * "sep=" line or a byte order mark. */
static bool risky_start(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	return strncmp(s, "sep=", 4) == 0 || strncmp(s, "SEP=", 4) == 0 || u[0] == 0xef || u[0] == 0xfe ||
	       u[0] == 0xff;
}

static void put(buf *b, const char *prefix, const char *s, char sep)
{
	bool quote = strchr(s, sep) || strchr(s, '"') || strchr(s, '\r') || strchr(s, '\n') ||
		     (prefix && strchr(prefix, sep)) || (!prefix && risky_start(s));
	if (!quote) {
		if (prefix)
			buf_puts(b, prefix);
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (prefix)
		buf_puts(b, prefix);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

void csv_put_text(buf *b, const char *s, char sep)
{
	s = s ? s : "";
	put(b, csv_formula_like(s) ? "'" : NULL, s, sep);
}

void csv_put_raw(buf *b, const char *s, char sep)
{
	put(b, NULL, s ? s : "", sep);
}
