/* report_year_data.c - what the year report reads from the store (see
 * report_year.h). Round figures come from the figures room and the tables
 * model, the one place that decides what a page may show. */
#include <math.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "domain/instrument.h"
#include "io/report_year.h"
#include "io/tables.h"

/* The year of "YYYY-MM-DD", 0 when there is none. */
static int year_of_date(const char *ymd)
{
	char y[5] = {0};
	int64_t v = 0;
	if (!ymd || strlen(ymd) < 4)
		return 0;
	memcpy(y, ymd, 4);
	return parse_int64(y, 0, 9999, &v) ? (int)v : 0;
}

static int year_of_time(int64_t t)
{
	time_t s = (time_t)t;
	struct tm tm;
	gmtime_r(&s, &tm);
	return tm.tm_year + 1900;
}

/* The scores of round rd as its pages show them (nothing when they show
 * none). */
static store_rc round_scores(store *st, arena *a, const mround *rd, bool english, year_round *out,
			     const char **err)
{
	*out = (year_round){.title = rd->title, .opens_on = rd->opens_on, .closes_on = rd->closes_on};
	for (int e = 0; e < EL_COUNT; e++)
		out->score[e] = NAN;
	char *def;
	item_row *rows;
	int n_rows;
	store_rc rc = store_instrument_definition(st, a, rd->version_id, &def);
	if (rc == ST_OK)
		rc = store_items(st, a, rd->version_id, &rows, &n_rows);
	if (rc != ST_OK)
		return rc;
	instrument *in = instrument_parse(def, strlen(def), NULL);
	if (!in) {
		*err = "a stored instrument version does not parse";
		return ST_ERROR;
	}
	tables_model t;
	tables_status status = TABLES_OK;
	rc = tables_load(st, a, rd, in, rows, n_rows, english, &t, &status, err);
	out->open = rc == ST_OK && status == TABLES_OPEN;
	if (rc == ST_OK && status == TABLES_OK) {
		out->shown = true;
		out->respondents = t.respondents;
		for (int e = 0; e < EL_COUNT; e++)
			if (t.rows[e].headline.why == TABLES_SHOWN)
				out->score[e] = t.rows[e].headline.mean;
	}
	instrument_free(in);
	return rc;
}

static store_rc load_rounds(store *st, arena *a, int64_t wid, bool closed_only, year_model *y, const char **err)
{
	mround *rs;
	int n;
	store_rc rc = store_rounds_for(st, a, wid, &rs, &n);
	if (rc != ST_OK)
		return rc;
	y->rounds = ARENA_ARRAY(a, year_round, (size_t)n + 1);
	/* newest first: walk back so the year's rounds come oldest first */
	for (int i = n - 1; i >= 0 && rc == ST_OK; i--) {
		int yr = year_of_date(rs[i].closes_on);
		if (yr != y->year)
			continue;
		rc = round_scores(st, a, &rs[i], y->english, &y->rounds[y->n_rounds], err);
		if (!(closed_only && y->rounds[y->n_rounds].open))
			y->n_rounds++;
	}
	/* the last round before the year whose figures are shown: the start */
	for (int i = 0; i < n && rc == ST_OK && !y->has_before; i++)
		if (year_of_date(rs[i].closes_on) < y->year) {
			rc = round_scores(st, a, &rs[i], y->english, &y->before, err);
			y->has_before = y->before.shown;
		}
	return rc;
}

static store_rc load_assessments(store *st, arena *a, int64_t wid, year_model *y)
{
	char_assessment *as;
	int n;
	store_rc rc = store_characteristics_get(st, a, wid, y->current);
	if (rc == ST_OK)
		rc = store_char_assessments(st, a, wid, 100, &as, &n);
	if (rc != ST_OK)
		return rc;
	y->assessments = ARENA_ARRAY(a, char_assessment, (size_t)n + 1);
	for (int i = n - 1; i >= 0; i--)
		if (year_of_time(as[i].at) == y->year)
			y->assessments[y->n_assessments++] = as[i];
	return ST_OK;
}

static bool action_in_year(const action_info *ai, int year)
{
	return year_of_time(ai->created_at) == year || year_of_time(ai->updated_at) == year ||
	       year_of_date(ai->act.due_on) == year;
}

static store_rc load_actions(store *st, arena *a, int64_t wid, year_model *y)
{
	action_info *as;
	int n;
	store_rc rc = store_actions_list(st, a, wid, -1, -1, &as, &n);
	if (rc != ST_OK)
		return rc;
	y->actions = ARENA_ARRAY(a, year_action, (size_t)n + 1);
	for (int i = 0; i < n && rc == ST_OK; i++) {
		if (!action_in_year(&as[i], y->year))
			continue;
		year_action *ya = &y->actions[y->n_actions++];
		*ya = (year_action){.info = as[i], .last_note = "", .last_note_on = ""};
		action_note *notes;
		int nn;
		rc = store_action_notes(st, a, as[i].act.id, &notes, &nn);
		for (int k = 0; rc == ST_OK && k < nn; k++)
			if (strcmp(notes[k].noted_on, ya->last_note_on) >= 0) {
				ya->last_note = notes[k].text;
				ya->last_note_on = notes[k].noted_on;
			}
	}
	return rc;
}

static store_rc load_outcomes(store *st, arena *a, int64_t wid, year_model *y)
{
	outcome_info *os;
	int n;
	store_rc rc = store_outcomes_list(st, a, wid, &os, &n);
	if (rc != ST_OK)
		return rc;
	y->outcomes = ARENA_ARRAY(a, outcome_info, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		if (year_of_date(os[i].o.occurred_on) == y->year)
			y->outcomes[y->n_outcomes++] = os[i];
	return ST_OK;
}

/* The year's row of the same count as the development page's year view. */
static store_rc load_practice(store *st, arena *a, int64_t wid, year_model *y)
{
	practice_year *ys;
	int n;
	store_rc rc = store_practice_years(st, a, wid, &ys, &n);
	for (int i = 0; rc == ST_OK && i < n; i++)
		if (ys[i].year == y->year)
			y->practice = ys[i];
	return rc;
}

store_rc report_year_load(store *st, arena *a, int64_t workplace_id, int year, bool english, bool closed_only,
			  year_model *out, const char **err)
{
	memset(out, 0, sizeof *out);
	*out = (year_model){.a = a, .english = english, .year = year};
	*err = NULL;
	store_rc rc = store_profile_get(st, a, workplace_id, &out->profile);
	if (rc == ST_OK)
		rc = load_assessments(st, a, workplace_id, out);
	if (rc == ST_OK)
		rc = load_rounds(st, a, workplace_id, closed_only, out, err);
	if (rc == ST_OK)
		rc = load_actions(st, a, workplace_id, out);
	if (rc == ST_OK)
		rc = load_outcomes(st, a, workplace_id, out);
	if (rc == ST_OK)
		rc = load_practice(st, a, workplace_id, out);
	return rc;
}
