/* definition.h - what makes a collaboration a professional workplace: the
 * definition check (MODEL.md, "What a professional workplace (PW) is") and
 * the nine characteristics a workplace assesses itself on (Fontys, WIN).
 * Pure: no I/O, no allocation. */
#ifndef WP_DEFINITION_H
#define WP_DEFINITION_H

#include <stdbool.h>

#include "model.h"

/* ---- the definition ---- */

typedef struct {
	bool higher_education; /* at least one hbo or university partner */
	bool public_org;       /* at least one public organisation as partner */
	bool located;          /* located in practice: a location is filled in */
	bool meets;            /* all three */
} pw_definition;

/* Check the partners' kinds (n may be 0, kinds then NULL) and the location
 * (NULL or only white space counts as not filled in). */
pw_definition pw_definition_check(const org_kind *kinds, int n, const char *location);

/* ---- the nine characteristics ---- */

#define PW_CHARACTERISTICS 9

/* A workplace's own assessment of one characteristic. */
typedef enum {
	CHAR_UNASSESSED = -1, /* not assessed yet (no row stored) */
	CHAR_NOT_YET = 0,
	CHAR_PARTLY = 1,
	CHAR_MET = 2,
	CHAR_STATE_COUNT = 3
} char_state;

/* "not_yet", "partly", "met"; the code of CHAR_UNASSESSED is "". */
const char *char_state_code(char_state s);
/* The state for a code; CHAR_UNASSESSED for "" or NULL; -2 when unknown. */
int char_state_from_code(const char *code);
const char *char_state_name(char_state s, bool english);

/* Characteristic i (0..8): a short title and the full description. */
const char *pw_characteristic_title(int i, bool english);
const char *pw_characteristic_text(int i, bool english);

#endif
