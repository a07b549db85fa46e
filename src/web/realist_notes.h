/* realist_notes.h - realist notes on an action or an outcome, and sharing
 * with the institution's library (realist_notes.c). */
#ifndef WP_WEB_REALIST_NOTES_H
#define WP_WEB_REALIST_NOTES_H

#include "web/web.h"

/* The notes of one action or outcome and a form posting to post_path;
 * false after a reply. */
bool realist_section(req *r, int64_t action_id, int64_t outcome_id, const char *post_path);
/* Whether an action or a realist note is shared with the institution's
 * library (/library), and for a coordinator a button that posts
 * shared=1 or 0 to action_path to change it. */
void share_toggle(req *r, const char *action_path, bool shared);
/* The POST that sets such a flag: shared=1 or 0; false (after a 400
 * reply) when the field is missing or something else. */
bool share_field(req *r, bool *shared);
/* Validate and store a note from the form: stored when there are no field
 * errors (r->nerrors; the caller shows the page again); false after a
 * reply. */
bool realist_add(req *r, int64_t action_id, int64_t outcome_id, const char *about);
/* One note as an item of a list (with what it is about when with_about),
 * with its share toggle (shared when its id is among shared_ids) and, for
 * a coordinator, a delete button. */
void realist_note_item(req *r, const realist_note *n, bool with_about, const int64_t *shared_ids, int nshared);

#endif
