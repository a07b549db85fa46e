/* practice_view.h - what the pages of the primary process share (issue
 * 21; src/web/pages/practice*.c, the development page, the outcomes
 * register): who may change an entry, and how participation and the
 * codes of questions read. */
#ifndef WP_PRACTICE_VIEW_H
#define WP_PRACTICE_VIEW_H

#include "web/web.h"

/* The warning under every free-text field of the primary process. */
const char *practice_no_names(const req *r);

/* May the visitor change or delete an entry made by person created_by:
 * a coordinator (or the site administrator) always, a member their own. */
bool practice_may_edit(const req *r, int64_t created_by);

/* "Student 4, Docent 1" for the people per perspective ("–" for none). */
const char *practice_people_text(req *r, const int people[PERSP_COUNT]);
/* The total of people[]. */
int practice_people_total(const int people[PERSP_COUNT]);

/* "2026-2027, semester 1" for a period "2026-S1" (the code itself when
 * it is not one). */
const char *practice_period_label(req *r, const char *period);

/* The filters of the question list from the query string: text, status
 * ("open" or a status code), element, trigger, period, partner (an
 * organisation id), programme. A value that is not one of the codes does
 * not filter; a text over 200 characters neither. */
question_filter practice_filter_from_query(req *r);

/* The status of a question as a coloured tag. */
void practice_status_tag(req *r, question_status s);

/* The element scores of a workplace's rounds as the figures room
 * released them: per round the calendar year it opened, its title and
 * the headline score per element (NAN where none is shown). */
typedef struct {
	int n;
	const int *years;
	const char *const *titles;
	const double (*scores)[EL_COUNT];
} practice_scores;

/* The year view of the primary process for r->wp: per calendar year the
 * questions, activities, people per perspective, students and products
 * per kind of outcome, beside the year's element scores (scores may be
 * NULL: no rounds). False after a reply (store error). */
bool practice_year_view(req *r, const practice_scores *scores);

/* The fields of an activity (act_kind, act_title, act_starts_on,
 * act_ends_on, act_description, and n_<perspective> per perspective in a
 * fieldset "people"): cur's values, or the sent ones when the form is
 * shown again; cur NULL: a new activity of today. */
void practice_activity_fields(req *r, const practice_activity *cur);
/* Read those fields into x; false with field errors. */
bool practice_read_activity(req *r, practice_activity *x);

/* ---- evidence files ----
 * A small file kept as a product's evidence: PDF, PNG, JPEG or plain
 * UTF-8 text, at most EVIDENCE_MAX_BYTES, recognised by its content (not
 * by its name). Text that starts like markup ('<') is refused: nothing is
 * ever served as HTML or SVG. Served only as a download (attachment) with
 * the type found here. */
#define EVIDENCE_MAX_BYTES (1024 * 1024)

typedef enum { EVIDENCE_PDF, EVIDENCE_PNG, EVIDENCE_JPEG, EVIDENCE_TEXT, EVIDENCE_KINDS } evidence_kind;

/* The kind of these bytes, or -1 when they are none of the four. */
int evidence_kind_of(const char *data, size_t len);
const char *evidence_content_type(evidence_kind k);
const char *evidence_ext(evidence_kind k);
/* The kind of a stored content type, or -1. */
int evidence_kind_from_type(const char *content_type);

#endif
