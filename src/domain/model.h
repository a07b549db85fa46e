/* model.h - the fixed vocabulary of the LOS-in-PW model (see docs and
 * ../shared/MODEL.md): perspectives, the six working elements, the outcome
 * categories, the triggers, organisation kinds, the status of an
 * improvement action, the role of a member. Pure data, no I/O.
 * The codes are stable: they are stored in the database and in exports. */
#ifndef WP_MODEL_H
#define WP_MODEL_H

#include <stdbool.h>

/* Perspectives a respondent answers from. PERSP_OTHER is also the group
 * into which small groups are pooled. */
typedef enum {
	PERSP_STUDENT,
	PERSP_PROFESSIONAL,
	PERSP_TEACHER,
	PERSP_RESEARCHER,
	PERSP_CITIZEN,
	PERSP_MANAGER,
	PERSP_OTHER,
	PERSP_COUNT
} perspective;

/* The six working elements, in the model's order. */
typedef enum { EL_LOS, EL_SRI, EL_GOC, EL_VOR, EL_LEA, EL_VMM, EL_COUNT } element_code;

/* The five outcome categories. */
typedef enum {
	OUT_KNOWLEDGE,     /* knowledge development and innovation of practice */
	OUT_PROFESSIONAL,  /* transformation of the professional */
	OUT_CURRICULUM,    /* current, profession-authentic curricula */
	OUT_COLLABORATION, /* improved (cross-sector) collaboration */
	OUT_CONNECTIONS,   /* new connections */
	OUT_COUNT
} outcome_category;

/* The three kinds of triggers. */
typedef enum { TRIG_COMPLEX, TRIG_OPPORTUNITY, TRIG_URGENCY, TRIG_COUNT } trigger_kind;

/* Kinds of partner organisations. */
typedef enum {
	ORG_HBO,
	ORG_UNIVERSITY,
	ORG_MBO,
	ORG_PUBLIC,
	ORG_PRIVATE,
	ORG_CITIZENS,
	ORG_COUNT
} org_kind;

/* The status of an improvement action; open while planned or in progress. */
typedef enum {
	ACTION_PLANNED,
	ACTION_IN_PROGRESS,
	ACTION_DONE,
	ACTION_DROPPED,
	ACTION_STATUS_COUNT
} action_status;

/* The role of a member of a workplace. */
typedef enum { ROLE_MEMBER, ROLE_COORDINATOR, ROLE_COUNT } member_role;

/* Code <-> enum. The *_from_code functions return -1 for unknown codes. */
const char *perspective_code(perspective p);
int perspective_from_code(const char *code);
const char *perspective_name(perspective p, bool english);

const char *element_code_str(element_code e);
int element_from_code(const char *code);

const char *outcome_code(outcome_category o);
int outcome_from_code(const char *code);
const char *outcome_name(outcome_category o, bool english);

const char *trigger_code(trigger_kind t);
int trigger_from_code(const char *code);
/* "Gevoel van urgentie" / "Sense of urgency". */
const char *trigger_name(trigger_kind t, bool english);

/* The name of an element as the shipped instrument words it (pages that
 * show a round take the name from the round's own instrument version). */
const char *element_name(element_code e, bool english);

const char *org_kind_code(org_kind k);
int org_kind_from_code(const char *code);
const char *org_kind_name(org_kind k, bool english);

/* The action and role codes are "" for a value out of range, which the
 * database's CHECK refuses. Names in lower case: "bezig" / "in progress". */
const char *action_status_code(action_status s);
int action_status_from_code(const char *code);
const char *action_status_name(action_status s, bool english);
/* Planned or in progress. */
bool action_status_open(action_status s);
/* An open action due (YYYY-MM-DD; "" or NULL: no date) before `today`
 * (YYYY-MM-DD); an action due today is not late yet. */
bool action_overdue(action_status s, const char *due_on, const char *today);

const char *member_role_code(member_role r);
int member_role_from_code(const char *code);
const char *member_role_name(member_role r, bool english);

#endif
