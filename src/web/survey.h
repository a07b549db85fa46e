/* survey.h - a round's questionnaire as the web layer uses it: the parsed
 * instrument of a stored version with the database ids of its questions,
 * the pages it is shown on, and the state of a round on a given day.
 * Parsed versions are cached for the life of the process; that is safe
 * because a stored version never changes. */
#ifndef WP_SURVEY_H
#define WP_SURVEY_H

#include <stdint.h>

#include "domain/instrument.h"
#include "figures/figures.h"
#include "web/web.h"

typedef struct {
	int64_t version_id;
	instrument *in;
	int n_rows;
	item_row *rows; /* id and code of every stored question */
	int *by_code;   /* open addressing on the code: row index + 1, 0 empty */
	int n_slots;    /* a power of two, over twice n_rows */
	item_layout layout; /* how its responses keep their answers (over rows) */
} survey;

/* The survey of a version; on failure replies (500) and returns NULL. */
const survey *survey_load(req *r, int64_t version_id);
/* Database id of the question with this code, or 0. */
int64_t survey_item_id(const survey *s, const char *code);
void survey_cache_free(void);

/* Pages of the questionnaire: one per element, then the outcomes, then the
 * triggers. */
#define SURVEY_PAGES (EL_COUNT + 2)
#define PAGE_OUTCOMES (EL_COUNT + 1)
#define PAGE_TRIGGERS (EL_COUNT + 2)


#endif
