/* invite_list.h - the list of people to invite to a round, as a
 * coordinator pastes it or uploads it as CSV: one person a line, "e-mail,
 * perspective", separated by a comma, semicolon or tab. Pure: no I/O,
 * everything allocated in the arena; a fuzz target drives it.
 *
 * Perspectives are given by code (student, professional, teacher,
 * researcher, citizen, manager, other) or Dutch name (student,
 * professional, docent, onderzoeker, burger, cliënt, burger/cliënt,
 * leidinggevende, anders), in any case. A first line that names the
 * columns ("e-mail;perspectief") is skipped, as are empty lines, a UTF-8
 * byte order mark, double quotes around a field and empty trailing fields
 * (spreadsheets write them). */
#ifndef WP_INVITE_LIST_H
#define WP_INVITE_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "domain/model.h"

#define INVITE_MAX 2000      /* addresses per submission */
#define INVITE_LINE_MAX 1000 /* bytes of one line */
#define INVITE_EMAIL_MAX 254

typedef enum {
	INV_BAD_EMAIL,       /* the first field is not an e-mail address */
	INV_NO_PERSPECTIVE,  /* no second field */
	INV_BAD_PERSPECTIVE, /* the second field is no perspective we know */
	INV_EXTRA_FIELDS,    /* more than two non-empty fields */
	INV_BAD_TEXT,        /* invalid UTF-8 or a control character */
	INV_TOO_LONG,        /* the line is longer than INVITE_LINE_MAX */
	INV_DUPLICATE,       /* the address is on an earlier line (other_line) */
	INV_INVITED,         /* already invited to the round (found by the caller) */
} invite_problem;

typedef struct {
	int line; /* 1-based line number in the text */
	const char *email; /* lower case */
	perspective persp;
} invite_entry;

typedef struct {
	int line;
	invite_problem problem;
	const char *text;  /* the offending field, or the line (NULL for INV_BAD_TEXT, INV_TOO_LONG) */
	int other_line;    /* INV_DUPLICATE: the earlier line */
} invite_error;

typedef struct {
	invite_entry *entries;
	int n;
	invite_error *errors;
	int n_errors;
	int lines;      /* lines that name a person, valid or not */
	bool too_many;  /* more than `max` such lines: parsing stopped there */
	int entries_cap, errors_cap; /* allocated lengths (internal) */
} invite_list;

/* Parse `len` bytes of text. Every line is checked; valid lines become
 * entries, the others errors (several per list, one per line). The caller
 * stores entries only when n_errors == 0 and !too_many. */
void invite_list_parse(arena *a, const char *text, size_t len, int max, invite_list *out);

/* Is s an e-mail address we send to: ASCII, one '@', a dot in the domain,
 * no spaces or the characters < > ( ) [ ] , ; : \ ", at most 254 bytes. */
bool invite_email_ok(const char *s);

/* The perspective a code or Dutch name stands for, or -1. */
int invite_perspective(const char *s);

/* Append an error (for INV_INVITED, found when storing). */
void invite_list_add_error(arena *a, invite_list *l, int line, invite_problem p, const char *text);

#endif
