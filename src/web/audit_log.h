/* audit_log.h - what an entry of the audit log says to people. The log
 * stores an action code in English ("invitations created") and a detail
 * ("round 12: 3"); the pages show them in the page's language, with the
 * count of a counted action in the words ("3 uitnodigingen aangemaakt",
 * "1 invitation created") and the round named in the detail ("meting 12").
 * The stored values stay as they are: exports, tests and the data-what
 * attribute read the codes. Pure functions: the results are allocated in
 * the arena a. */
#ifndef WP_AUDIT_LOG_H
#define WP_AUDIT_LOG_H

#include <stdbool.h>

#include "base/arena.h"

/* The action of an entry: a code from the table, translated (with the
 * count from the detail where the action counts something); an unknown
 * code as it is. */
const char *audit_action_text(arena *a, const char *what, const char *detail, bool english);

/* The detail of an entry: "round N" at its start as "meting N" in Dutch;
 * the count of a counted action left out (audit_action_text says it). */
const char *audit_detail_text(arena *a, const char *what, const char *detail, bool english);

#endif
