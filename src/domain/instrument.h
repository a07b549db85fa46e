/* instrument.h - the LOS-in-PW questionnaire as data: parse and validate an
 * instrument definition (JSON, format 1, see docs/instrument.md) held in
 * memory. Pure: no I/O; the caller reads the file.
 *
 * An instrument is immutable once parsed. Elements are kept in model order
 * (index = element_code) and outcomes in model order (index =
 * outcome_category), whatever their order in the file. */
#ifndef WP_INSTRUMENT_H
#define WP_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "easy.h"
#include "model.h"

#define INSTR_FORMAT 1          /* the one format version this code reads */
#define INSTR_MAX_ERRORS 100    /* errors kept; more are counted, not kept */
#define INSTR_TEXT_MAX 1000     /* code points per text */
#define INSTR_ID_MAX 32         /* ids: [A-Za-z0-9_]{1,32} */
#define INSTR_SCALE_POINTS 5    /* the agreement scale runs 1..5 */
#define INSTR_ELEMENT_ITEMS_MIN 5
#define INSTR_ELEMENT_ITEMS_MAX 8
#define INSTR_VISIBLE_ITEMS_MIN 4 /* statements of an element that every perspective sees */
#define INSTR_OUTCOME_ITEMS_MIN 2
#define INSTR_OUTCOME_ITEMS_MAX 8
#define INSTR_OPEN_MIN 1
#define INSTR_OPEN_MAX 2
#define INSTR_DIALOGUE_MIN 2
#define INSTR_DIALOGUE_MAX 3

/* A text in both languages of the product; both are always non-empty,
 * except for an easy-read text that the instrument does not have (both
 * NULL). */
typedef struct {
	char *nl, *en;
} wp_text;

/* A statement on the agreement scale. */
typedef struct {
	char *id; /* stable: stored with answers and in exports */
	wp_text text;
	bool reverse;          /* worded the other way round: scoring turns it */
	unsigned perspectives; /* bitmask of 1u << perspective; 0 = everyone */
	wp_text easy;          /* easy-read text, or none */
	const pictogram *picto; /* beside the easy-read text; NULL when none */
} instr_item;

/* An open (free text) question. */
typedef struct {
	char *id;
	wp_text text, easy;
} instr_question;

typedef struct {
	element_code code;
	wp_text name, explanation, easy_explanation;
	instr_item *items;
	size_t n_items;
	instr_question *open; /* "what goes well", "what could be better" */
	size_t n_open;
	wp_text *dialogue; /* questions for the dialogue session */
	size_t n_dialogue;
} instr_element;

typedef struct {
	outcome_category code;
	wp_text name;
	instr_item *items;
	size_t n_items;
} instr_outcome;

typedef struct {
	wp_text question;              /* multiple choice: which apply */
	wp_text options[TRIG_COUNT];   /* index = trigger_kind */
	instr_question open;           /* free text */
	wp_text easy_question, easy_options[TRIG_COUNT];
} instr_triggers;

typedef struct {
	int min, max;                          /* always 1 and 5 */
	wp_text labels[INSTR_SCALE_POINTS];    /* labels[0] belongs to min */
	wp_text dont_know;                     /* stored as missing, never a number */
	wp_text easy_labels[INSTR_SCALE_POINTS], easy_dont_know;
} instr_scale;

typedef struct {
	int format;
	char *id, *version; /* together they name the instrument in the store */
	wp_text title, intro;
	/* Easy-read (docs/instrument.md): when easy is true, every text put to
	 * citizens has an easy-read version beside it (the easy_ members and
	 * each statement's easy and picto); when false, none has. */
	bool easy;
	wp_text easy_intro;
	instr_scale scale;
	instr_element elements[EL_COUNT];  /* index = element_code */
	instr_outcome outcomes[OUT_COUNT]; /* index = outcome_category */
	instr_triggers triggers;
} instrument;

/* One problem found in a definition. */
typedef struct {
	char *path;       /* e.g. elements[2].items[4].text.en; "$" = the document */
	char *message;    /* what is wrong and how to fix it */
	int line, column; /* of a JSON syntax error; 0 otherwise */
} instr_error;

/* The problems of one parse, in document order. Start it as {0}. */
typedef struct {
	instr_error *v;
	size_t n;     /* kept, at most INSTR_MAX_ERRORS */
	size_t total; /* found; more than n when the list was cut off */
} instr_errors;

/* Parse and validate the JSON text json[0..len). Returns a new instrument
 * that the caller frees with instrument_free, or NULL when the definition
 * has any error. errs may be NULL; otherwise it must be {0} or freed, and
 * receives every error found (none when the result is not NULL); the caller
 * frees it with instr_errors_free. */
instrument *instrument_parse(const char *json, size_t len, instr_errors *errs);

void instrument_free(instrument *in);            /* NULL is fine */
void instr_errors_free(instr_errors *errs);      /* frees the contents; leaves {0} */

/* Scored items: the element statements in model order, then the outcome
 * statements in model order. group is the element_code of an element
 * statement, the outcome_category of an outcome statement. */
typedef struct {
	const instr_item *item;
	bool is_outcome;
	int group;
} instr_scored;

size_t instrument_scored_count(const instrument *in);
/* The i-th scored item, 0 <= i < instrument_scored_count(in). */
instr_scored instrument_scored_at(const instrument *in, size_t i);

/* The statement with this id (element or outcome statement), or NULL. */
const instr_item *instrument_find_item(const instrument *in, const char *id);

/* The open question with this id (an element's or the triggers'), or NULL. */
const instr_question *instrument_find_question(const instrument *in, const char *id);

/* True when the statement is put to respondents of perspective p. */
bool instr_item_shown_to(const instr_item *it, perspective p);

/* The value an answer counts for: the answer itself, or turned around
 * (min + max - answer) for a reverse-worded statement. answer must be on
 * the scale; "don't know" never reaches this function. */
int instr_item_value(const instr_item *it, int answer);

/* The text in the asked language. */
const char *wp_text_get(const wp_text *t, bool english);

/* The easy-read text when use_easy and the instrument has one, else the
 * normal text; in the asked language. */
const char *wp_text_or_easy(const wp_text *t, const wp_text *easy, bool use_easy, bool english);

#endif
