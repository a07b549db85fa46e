/* practice.h - the vocabulary of the primary process (issue 21): practice
 * questions (vraagstukken) a workplace works on, the activities around
 * them, who contributes, and the products they yield. Code tables and the
 * rules on them (which statuses are open, what a period means); pure, no
 * I/O. The codes are stored in the database and in exports. */
#ifndef WP_PRACTICE_H
#define WP_PRACTICE_H

#include <stdbool.h>

/* Where a question stands. */
typedef enum { QS_RAISED, QS_IN_PROGRESS, QS_ANSWERED, QS_SET_ASIDE, QS_COUNT } question_status;

/* Who raised a question. */
typedef enum {
	RB_CLIENT,
	RB_PROFESSIONAL,
	RB_STUDENT,
	RB_TEACHER,
	RB_PARTNER,
	RB_OTHER,
	RB_COUNT
} raised_by;

/* The kinds of activity around a question. */
typedef enum {
	ACT_RESEARCH,       /* a student's research project */
	ACT_LEARNING,       /* a learning meeting */
	ACT_INTERVISION,
	ACT_CODESIGN,       /* a co-design session with citizens */
	ACT_PILOT,
	ACT_OTHER,
	ACT_COUNT
} activity_kind;

/* The kinds of product a question yields. */
typedef enum {
	PROD_PROTOCOL,
	PROD_ADVICE,
	PROD_THESIS,
	PROD_MODULE,       /* a teaching module */
	PROD_PUBLICATION,
	PROD_ROUTINE,      /* a changed routine */
	PROD_OTHER,
	PROD_COUNT
} product_kind;

/* Who contributes to a question over a period. */
typedef enum { CONTRIB_STUDENT, CONTRIB_TEACHER, CONTRIB_COUNT } contributor_role;

/* Code <-> enum; *_from_code returns -1 for an unknown code (also NULL). */
const char *question_status_code(question_status s);
int question_status_from_code(const char *code);
const char *question_status_name(question_status s, bool english);
/* Raised or being worked on: still open for work (and for students). */
bool question_status_open(question_status s);

const char *raised_by_code(raised_by b);
int raised_by_from_code(const char *code);
const char *raised_by_name(raised_by b, bool english);

const char *activity_kind_code(activity_kind k);
int activity_kind_from_code(const char *code);
const char *activity_kind_name(activity_kind k, bool english);

const char *product_kind_code(product_kind k);
int product_kind_from_code(const char *code);
const char *product_kind_name(product_kind k, bool english);

const char *contributor_role_code(contributor_role c);
int contributor_role_from_code(const char *code);
const char *contributor_role_name(contributor_role c, bool english);

/* A period is a semester of an academic year, written "YYYY-S1" or
 * "YYYY-S2": the year the academic year starts in (2000..2099). Semester
 * 1 runs from 1 September to 31 January, semester 2 from 1 February to
 * 31 August. period_parse: true with the year and semester (1 or 2) for a
 * well-formed period. period_bounds: the first and last day (YYYY-MM-DD)
 * into from and to (11 bytes each). */
bool period_parse(const char *s, int *year, int *semester);
void period_bounds(int year, int semester, char from[11], char to[11]);
/* The period a day (YYYY-MM-DD) lies in, into out (8 bytes); false for a
 * malformed day or one outside the years period_parse accepts. */
bool period_of_day(const char *day, char out[8]);

#endif
