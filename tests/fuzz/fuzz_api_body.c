/* Fuzz target: the JSON bodies of the API's writes (actions, outcomes and
 * practice questions).
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
	arena_free(a);
	return 0;
}
