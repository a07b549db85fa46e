/* report_year.h - a workplace's year as a PDF, for the annual talk with
 * the partners and the institution's quality report: the profile and the
 * nine characteristics with their assessments, the rounds whose closing
 * date falls in the year with every element's score (k-safe, from the
 * figures room, as the pages show them) and its change, the improvement
 * actions of the year and what became of them, the primary process of the
 * year (questions, activities, participation, students and products, as
 * the development page's year view counts them) and the outcomes register
 * of the year. docs/reports.md describes it. */
#ifndef WP_REPORT_YEAR_H
#define WP_REPORT_YEAR_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "io/pdf_doc.h"
#include "store/store.h"

/* One round of the year: its figures only when the pages show them (the
 * round has closed with at least k respondents). */
typedef struct {
	const char *title, *opens_on, *closes_on;
	bool open;                /* not closed yet */
	bool shown;
	int respondents;          /* 0 unless shown */
	double score[EL_COUNT];   /* the equally weighted score; NAN where not shown */
} year_round;

/* An improvement action with its latest note ("" when none). */
typedef struct {
	action_info info;
	const char *last_note, *last_note_on;
} year_action;

typedef struct {
	arena *a;
	bool english;
	int year;
	wp_profile profile;
	char_assessment *assessments; /* of the year, oldest first */
	int n_assessments;
	wp_characteristic current[PW_CHARACTERISTICS]; /* the newest assessment at all */
	year_round *rounds;           /* closing in the year, oldest first */
	int n_rounds;
	year_round before;            /* the last round before the year with figures shown */
	bool has_before;
	year_action *actions;         /* made, changed or due in the year */
	int n_actions;
	outcome_info *outcomes;       /* occurred in the year, oldest first */
	int n_outcomes;
	practice_year practice;       /* the primary process of the year (store_practice_years), all 0 when none */
} year_model;

/* Read the year of workplace_id (arena memory). closed_only: leave out the
 * rounds that have not closed (a share link shows only closed rounds).
 * *err (static text) with ST_ERROR when a stored instrument does not
 * parse. */
store_rc report_year_load(store *st, arena *a, int64_t workplace_id, int year, bool english, bool closed_only,
			  year_model *out, const char **err);

/* Append the PDF of y to out; dev_svg (may be NULL) is the development
 * chart of the year's rounds (web/report_charts.h), look (may be NULL) the
 * site's logo and colour. False with *err
 * (static text) when cairo failed or out's cap was reached. */
bool report_year_pdf(const year_model *y, const char *dev_svg, const pdf_look *look, buf *out, const char **err);

#endif
