/* snapshot.h - a round's released figures as JSON, kept when retention
 * deletes its raw answers (src/io/retention.c), so that the results, the
 * development page and the aggregate exports show the same figures for
 * years afterwards.
 *
 * Only what the disclosure plan released is in it: the analysis result
 * holds nothing that may not be shown (NAN and 0 in its place), and the
 * counts are those the round page already shows its coordinators. Every
 * number goes in exactly (17 significant digits), so a figure read back
 * prints as it did. */
#ifndef WP_SNAPSHOT_H
#define WP_SNAPSHOT_H

#include "domain/analysis.h"

typedef struct {
	int submitted;             /* submitted questionnaires */
	int counts[PERSP_COUNT];   /* of them per perspective */
	int in_progress;           /* started and not sent, when the answers went */
	int triggers[TRIG_COUNT];  /* how often each trigger was named */
} snapshot_tallies;

/* The JSON text of res and t; the caller frees it. */
char *snapshot_encode(const analysis_result *res, const snapshot_tallies *t);

/* The result and tallies of a text from snapshot_encode: a result the
 * caller frees with analysis_free, or NULL (with *err set to a static
 * message) when the text is not a snapshot this program reads. */
analysis_result *snapshot_decode(const char *json, snapshot_tallies *t, const char **err);

#endif
