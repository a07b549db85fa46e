/* privacy_view.h - what the participant reads about privacy on the
 * consent page: the retention that applies to the round, and
 * the site's privacy statement and contact. Plain text written by the
 * administrator is escaped; a blank line starts a new paragraph. */
#ifndef WP_PRIVACY_VIEW_H
#define WP_PRIVACY_VIEW_H

#include "web/web.h"

/* Plain text as escaped paragraphs: <p> per block between blank lines,
 * single line breaks kept as <br>. */
void privacy_paragraphs(req *r, const char *text);

/* The retention and the privacy statement for a round's participants;
 * false after replying with a store error. */
bool privacy_for_round(req *r, const mround *rd);

#endif
