/* paper.h - a paper questionnaire typed in (issue 22): the digits of one
 * returned form, read and compared with a second person's typing. Pure.
 *
 * One character per statement, in the order of the printed form's box
 * numbers: '1'..'5' the box ticked, '0' "weet ik niet / don't know", '.'
 * or '-' left empty. Spaces and line breaks may group them and are
 * skipped. */
#ifndef WP_PAPER_H
#define WP_PAPER_H

#include <stddef.h>

#include "instrument.h"

#define PAPER_BLANK (-1) /* a statement left empty on the form */
#define PAPER_DONT_KNOW 0

typedef enum {
	PAPER_OK,
	PAPER_BAD_CHAR, /* a character that is none of the above */
	PAPER_TOO_FEW,  /* fewer answers than the form has statements */
	PAPER_TOO_MANY, /* more */
} paper_status;

typedef struct {
	paper_status status;
	int count;      /* answers read (all of them, also past expected) */
	size_t bad_at;  /* PAPER_BAD_CHAR: byte offset of the character */
	int bad_number; /* PAPER_BAD_CHAR: the box number it would have had */
} paper_read;

/* Read typed for a form of expected statements into values[0..expected)
 * (1..5, PAPER_DONT_KNOW or PAPER_BLANK). values may be NULL to count. */
paper_read paper_parse(const char *typed, int expected, int *values);

/* The box numbers (1-based) where a and b differ, at most cap of them in
 * diff; returns how many differ in all. */
int paper_compare(const int *a, const int *b, int n, int *diff, int cap);

/* The statements of the paper form for perspective p, in box-number
 * order: the elements' statements in model order, then the outcomes';
 * only those put to p. Returns how many (at most cap are stored). */
int paper_form_items(const instrument *in, perspective p, const instr_item **out, int cap);

#endif
