/* api_body.h - the JSON bodies of the API's writes, parsed and checked
 * field by field. Pure: no store, no request; a fuzz target drives it. */
#ifndef WP_API_BODY_H
#define WP_API_BODY_H

#include <jansson.h>
#include <stddef.h>

#include "base/arena.h"
#include "store/store.h"

/* Each returns NULL when the text is not a JSON object. Otherwise a JSON
 * object of field -> message for every problem found (empty when there is
 * none; the caller decrefs it), and the fields in *out (strings in the
 * arena). */

/* POST .../actions: title, description, owner, due_on, status, elements,
 * round (*round: its id, 0 when absent; the caller checks it belongs to
 * the workplace). */
json_t *api_action_body(arena *a, const char *text, size_t len, improvement *out, int64_t *round);

/* POST .../outcomes: category, occurred_on, title, description,
 * evidence_url. */
json_t *api_outcome_body(arena *a, const char *text, size_t len, outcome *out);

/* POST .../questions: title, description, trigger (required), raised_by,
 * status, elements, programme, raised_on (required). */
json_t *api_question_body(arena *a, const char *text, size_t len, practice_question *out);

/* POST .../activities: question (required: the id of the workplace's
 * question; the caller checks), kind, title, starts_on (required),
 * description, ends_on (not before starts_on), participants (required:
 * {perspective code: people 0..10000}, together at least 1). */
json_t *api_activity_body(arena *a, const char *text, size_t len, practice_activity *out);

/* POST .../contributors: question, role, period (required), people
 * (1..1000, default 1), programme, name (only with people 1). */
json_t *api_contributor_body(arena *a, const char *text, size_t len, practice_contributor *out);

/* POST .../products: question, kind, category, occurred_on, title
 * (required), description, evidence_url (out->o: the outcome). */
json_t *api_product_body(arena *a, const char *text, size_t len, practice_product *out);

#endif
