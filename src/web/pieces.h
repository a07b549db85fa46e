/* pieces.h - what several pages show or read in the same way (pieces.c). */
#ifndef WP_WEB_PIECES_H
#define WP_WEB_PIECES_H

#include "web/web.h"

/* A time in seconds as "1 maart 2026 14:05" / "1 March 2026 14:05" in the
 * site's time zone (base/zone.h). */
const char *fmt_time(req *r, int64_t t);
/* "LOS – Lerend en onderzoekend samenwerken". */
const char *element_label(req *r, int e);
/* Status of an action as a coloured tag. */
void action_status_tag(req *r, action_status status);
/* An open action due before today (action_overdue). */
bool action_late(const improvement *a);
/* The role of a partner, translated. */
const char *partner_role_name(req *r, const char *role);

/* A labelled <textarea> that must be filled in (textarea_field marks its
 * field optional). */
void textarea_required(req *r, const char *name, const char *label, const char *value, const char *hint);

/* Whether the partners and location meet the definition of a PW, and what
 * is missing, as a notice. */
void definition_notice(req *r, const partner *ps, int n, const char *location);

/* Checkboxes of the six elements in a fieldset, field `name`: ticked are
 * those sent when `sent` (the form is shown again), else those of mask. */
void elements_field(req *r, const char *name, unsigned mask, bool sent);
/* The elements ticked in field `name` into *mask; records an error for an
 * unknown code, and for none when `required`. */
bool read_elements(req *r, const char *name, bool required, unsigned *mask);
/* A short list (title, status, due, overdue) of the workplace's open
 * actions tied to `element` (an element_code), for the results pages;
 * links to the actions when r->wp is that workplace. */
void actions_open_for_element(req *r, int64_t workplace_id, int element);

#endif
