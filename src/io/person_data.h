/* person_data.h - a person's data for the administrator (issue 18,
 * docs/privacy.md): everything stored about an e-mail address as JSON,
 * and deleting it. The page /admin/people and `werkplaats person` both
 * use these, so the two can never say different things. */
#ifndef WP_PERSON_DATA_H
#define WP_PERSON_DATA_H

#include <stdbool.h>

#include "store/store.h"

/* The sections of store_person_data as a JSON document (arena memory):
 * the address, the moment of export, a note that answers are anonymous,
 * and per section its rows as objects. */
const char *person_data_json(arena *a, const char *email, const person_section *ps, int n, int64_t now);

/* A cell as the JSON shows it, as text: moments as "YYYY-MM-DD HH:MM UTC". */
const char *person_data_cell_text(arena *a, const char *col, const char *v);

/* True when a section holds any row about the person. */
bool person_data_found(const person_section *ps, int n);

typedef enum { ERASE_OK, ERASE_NOTHING, ERASE_SELF, ERASE_LAST_ADMIN } erase_result;

/* Delete everything stored about the address, inside the caller's
 * transaction, and write one audit log entry ("person data deleted") that
 * says what went, without the address. by: who does it (0: the command
 * line). Refuses (nothing deleted) the deleter's own address and the
 * last active administrator. */
store_rc person_data_erase(store *st, arena *a, const char *email, int64_t by, const char *by_email,
			   erase_result *result, person_deleted *out);

#endif
