/* characteristics_view.h - a workplace's nine characteristics and its
 * triggers over time, as HTML, for every page that shows them: the
 * characteristics pages, the development page and the dialogue agenda.
 * Each assessment is one save of the characteristics form; the newest is
 * the current one (store_char_assessments). */
#ifndef WP_CHARACTERISTICS_VIEW_H
#define WP_CHARACTERISTICS_VIEW_H

#include "web/web.h"

/* The name of a trigger: "Gevoel van urgentie" / "Sense of urgency". */
const char *trigger_title(const req *r, trigger_kind t);
/* The CSS class of a characteristic's state (the colours of the bands). */
const char *char_state_class(char_state s);

/* The history of the workplace r->wp: a table of the characteristics by
 * assessment date (oldest left, the current one right), the evidence of
 * each assessment in a <details> (not when compact), and the changes of
 * the triggers. compact: the development page's shorter form, the latest
 * few assessments. On a store error it replies and returns false. */
bool chars_history(req *r, bool compact);

/* The characteristics whose current state is "not yet" (the lowest of the
 * form), as a list with their evidence, or a sentence that there are none.
 * For the dialogue agenda, beside the weakest elements. On a store error
 * it replies and returns false. */
bool chars_not_yet(req *r);

/* The triggers of the workplace's profile that apply now, with their
 * text, or a sentence that there are none. For the dialogue agenda. On a
 * store error it replies and returns false. */
bool triggers_now(req *r);

#endif
