/* Fuzz target: the JSON bodies of the API's writes (actions, outcomes,
 * practice questions, activities, contributors and products).
 * A body is refused (NULL) or checked field by field; whatever is accepted
 * is valid text of bounded length. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "web/api_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	improvement act = {0};
	int64_t round = 0;
	json_t *errors = api_action_body(a, (const char *)data, size, &act, &round);
	if (errors && !json_object_size(errors))
		WP_ASSERT(act.title && *act.title && utf8_length(act.title) <= 200 && round >= 0);
	json_decref(errors);
	outcome o = {0};
	errors = api_outcome_body(a, (const char *)data, size, &o);
	if (errors && !json_object_size(errors))
		WP_ASSERT(o.title && *o.title && o.occurred_on && strlen(o.occurred_on) == 10);
	json_decref(errors);
	practice_question q = {0};
	errors = api_question_body(a, (const char *)data, size, &q);
	if (errors && !json_object_size(errors))
		WP_ASSERT(q.title && *q.title && q.raised_on && strlen(q.raised_on) == 10 && q.elements < 64 &&
			  utf8_length(q.programme) <= 100);
	json_decref(errors);
	practice_activity x = {0};
	errors = api_activity_body(a, (const char *)data, size, &x);
	if (errors && !json_object_size(errors)) {
		int total = 0;
		for (int p = 0; p < PERSP_COUNT; p++) {
			WP_ASSERT(x.people[p] >= 0 && x.people[p] <= 10000);
			total += x.people[p];
		}
		WP_ASSERT(total > 0 && x.question_id > 0 && x.title && *x.title && x.starts_on &&
			  (!*x.ends_on || strcmp(x.ends_on, x.starts_on) >= 0));
	}
	json_decref(errors);
	practice_contributor c = {0};
	errors = api_contributor_body(a, (const char *)data, size, &c);
	if (errors && !json_object_size(errors))
		WP_ASSERT(c.question_id > 0 && c.people >= 1 && c.people <= 1000 && strlen(c.period) == 7 &&
			  (!*c.name || c.people == 1));
	json_decref(errors);
	practice_product pr = {0};
	errors = api_product_body(a, (const char *)data, size, &pr);
	if (errors && !json_object_size(errors))
		WP_ASSERT(pr.question_id > 0 && pr.o.title && *pr.o.title && pr.o.occurred_on &&
			  strlen(pr.o.occurred_on) == 10 && !strchr(pr.o.evidence_url, ' '));
	json_decref(errors);
	arena_free(a);
	return 0;
}
