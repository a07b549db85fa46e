/* csv.h - reading and writing CSV (RFC 4180) as spreadsheets and survey
 * tools produce it. Pure: no I/O, everything allocated in the arena; a
 * fuzz target (tests/fuzz/fuzz_csv.c) drives the parser.
 *
 * Reading accepts what real exports contain: a UTF-8 byte order mark, the
 * separators ',' ';' and tab (detected from the first record, or named by
 * an Excel "sep=;" first line), quoted fields with doubled quotes and line
 * breaks inside, CRLF, LF or CR line ends, blank lines (skipped) and a
 * missing final line end. Writing quotes what needs quoting and
 * neutralises cells that a spreadsheet would run as a formula. */
#ifndef WP_CSV_H
#define WP_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

#define CSV_MAX_ROWS 200000     /* records in one file */
#define CSV_MAX_FIELDS 4000     /* fields in one record */
#define CSV_MAX_FIELD 100000    /* bytes in one field */

typedef struct {
	char **cell;  /* n NUL-terminated fields, as written (quotes removed) */
	int n;
	int line;     /* physical line (1-based) on which the record starts */
} csv_record;

typedef struct {
	csv_record *rec;
	int n;        /* records, blank lines not counted */
	char sep;     /* the separator used */
	bool bom;     /* the text started with a UTF-8 byte order mark */
} csv_table;

typedef enum {
	CSV_OK,
	CSV_UNTERMINATED,   /* a quoted field runs to the end of the text */
	CSV_BAD_QUOTE,      /* something other than a separator or line end after a closing quote */
	CSV_NUL,            /* a NUL byte: not a text file */
	CSV_UTF16,          /* a UTF-16 byte order mark ("Unicode text" from Excel) */
	CSV_TOO_MANY_ROWS,
	CSV_TOO_MANY_FIELDS,
	CSV_FIELD_TOO_LONG,
} csv_status;

/* Parse text[0..len). sep is ',', ';' or '\t', or 0 to detect it: the
 * "sep=X" line when there is one, else whichever of the three occurs most
 * often outside quotes in the first record (',' on a tie or when none
 * does). On failure returns the status with *err_line set to the physical
 * line where the problem is, and out holds nothing. Work is linear in len. */
csv_status csv_parse(arena *a, const char *text, size_t len, char sep, csv_table *out,
		     int *err_line);

/* What went wrong, for people; the line number is added by the caller. */
const char *csv_status_message(csv_status s, bool english);

/* True when a spreadsheet would take the cell as a formula (or a DDE
 * command): it starts with = + - @, a tab or a carriage return. */
bool csv_formula_like(const char *s);

/* s, or s with a single quote in front when csv_formula_like(s), in the
 * arena. The quote makes spreadsheets show the text as it is. */
const char *csv_neutralise(arena *a, const char *s);

/* Append one text field: neutralised, then quoted when it holds the
 * separator, a quote, CR or LF (quotes doubled). No separator is added. */
void csv_put_text(buf *b, const char *s, char sep);
/* Append one field exactly as given (numbers and codes this program made),
 * quoted when needed but never neutralised. */
void csv_put_raw(buf *b, const char *s, char sep);

#endif
