/* own_statement.h - a workplace's own statements (issue 22): up to
 * OWN_MAX statements a coordinator adds to one round, under one of the six
 * elements or in an extra section, each in Dutch and English. Pure: the
 * rules a statement's text must meet, and the messages that say what is
 * wrong and how to fix it.
 *
 * Own statements are answered on the instrument's scale but are never part
 * of it: no element score, benchmark or cross-workplace figure counts them
 * (docs/rounds.md, "Own statements"). */
#ifndef WP_OWN_STATEMENT_H
#define WP_OWN_STATEMENT_H

#include <stdbool.h>

#include "model.h"

#define OWN_MAX 10        /* statements per round */
#define OWN_MAX_CHARS 160 /* characters (code points) per text */
#define OWN_MAX_WORDS 25  /* words per text */
#define OWN_EXTRA EL_COUNT /* the section "Eigen stellingen / Own statements" */
#define OWN_PREFIX "OWN_" /* the column prefix in exports and the codebook */

/* What is wrong with one text, the first problem found in this order. */
typedef enum {
	OWN_OK,
	OWN_EMPTY,           /* nothing but white space */
	OWN_BAD_TEXT,        /* not UTF-8, or a control character (a tab, a line break) */
	OWN_TOO_LONG,        /* over OWN_MAX_CHARS characters */
	OWN_TOO_MANY_WORDS,  /* over OWN_MAX_WORDS words */
	OWN_DOUBLE_NEGATIVE, /* two or more negation words */
} own_problem;

/* Check text (NUL-terminated) as a statement in Dutch (english false) or
 * English. Leading and trailing white space does not count. Negations,
 * Dutch: niet geen nooit niemand niets nergens zonder noch; English: not
 * no never nobody nothing nowhere without neither nor, and every word
 * ending in n't (or n’t). *negations (may be NULL) gets how many. */
own_problem own_check(const char *text, bool english, int *negations);

/* The message for a problem of the Dutch or English text, in the reader's
 * language (reader_en): what is wrong and how to fix it. Static text with
 * no format; NULL for OWN_OK. */
const char *own_problem_message(own_problem p, bool text_en, bool reader_en);

/* The section's code: "LOS".."VMM" for an element, "extra" for
 * OWN_EXTRA; NULL when out of range. */
const char *own_section_code(int section);
/* The section of a code, or -1. */
int own_section_from_code(const char *code);

#endif
