#include "model.h"

#include <string.h>

struct named {
	const char *code, *nl, *en;
};

static const struct named perspectives[PERSP_COUNT] = {
	[PERSP_STUDENT] = {"student", "Student", "Student"},
	[PERSP_PROFESSIONAL] = {"professional", "Professional", "Professional"},
	[PERSP_TEACHER] = {"teacher", "Docent", "Teacher"},
	[PERSP_RESEARCHER] = {"researcher", "Onderzoeker", "Researcher"},
	[PERSP_CITIZEN] = {"citizen", "Burger / cliënt", "Citizen / client"},
	[PERSP_MANAGER] = {"manager", "Leidinggevende", "Manager"},
	[PERSP_OTHER] = {"other", "Anders", "Other"},
};

static const char *const elements[EL_COUNT] = {"LOS", "SRI", "GOC", "VOR", "LEA", "VMM"};

static const struct named outcomes[OUT_COUNT] = {
	[OUT_KNOWLEDGE] = {"knowledge", "Kennisontwikkeling en innovatie van de praktijk",
			   "Knowledge development and innovation of practice"},
	[OUT_PROFESSIONAL] = {"professional", "Transformatie van de professional",
			      "Transformation of the professional"},
	[OUT_CURRICULUM] = {"curriculum", "Actuele, beroepsechte curricula",
			    "Current, profession-authentic curricula"},
	[OUT_COLLABORATION] = {"collaboration", "Verbeterde (sectoroverstijgende) samenwerking",
			       "Improved (cross-sector) collaboration"},
	[OUT_CONNECTIONS] = {"connections", "Nieuwe verbindingen", "New connections"},
};

static const char *const triggers[TRIG_COUNT] = {"complex", "opportunity", "urgency"};

static const struct named org_kinds[ORG_COUNT] = {
	[ORG_HBO] = {"hbo", "Hogeschool (hbo)", "University of applied sciences"},
	[ORG_UNIVERSITY] = {"university", "Universiteit", "University"},
	[ORG_MBO] = {"mbo", "Mbo-instelling", "Vocational school (mbo)"},
	[ORG_PUBLIC] = {"public", "Publieke organisatie", "Public organisation"},
	[ORG_PRIVATE] = {"private", "Private organisatie", "Private organisation"},
	[ORG_CITIZENS] = {"citizens", "Burgerinitiatief", "Citizens' initiative"},
};

static const struct named action_statuses[ACTION_STATUS_COUNT] = {
	[ACTION_PLANNED] = {"planned", "gepland", "planned"},
	[ACTION_IN_PROGRESS] = {"in_progress", "bezig", "in progress"},
	[ACTION_DONE] = {"done", "klaar", "done"},
	[ACTION_DROPPED] = {"dropped", "vervallen", "dropped"},
};

static const struct named member_roles[ROLE_COUNT] = {
	[ROLE_MEMBER] = {"member", "lid", "member"},
	[ROLE_COORDINATOR] = {"coordinator", "coördinator", "coordinator"},
};

/* The first character first: these run once per stored row when a
 * round's answers are read. */
static int find_named(const struct named *t, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (t[i].code[0] == code[0] && strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

static int find_plain(const char *const *t, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (t[i][0] == code[0] && strcmp(t[i], code) == 0)
			return i;
	return -1;
}

const char *perspective_code(perspective p) { return perspectives[p].code; }
int perspective_from_code(const char *c) { return find_named(perspectives, PERSP_COUNT, c); }
const char *perspective_name(perspective p, bool en) { return en ? perspectives[p].en : perspectives[p].nl; }

const char *element_code_str(element_code e) { return elements[e]; }
int element_from_code(const char *c) { return find_plain(elements, EL_COUNT, c); }

static const struct named element_names[EL_COUNT] = {
	[EL_LOS] = {"LOS", "Lerend en onderzoekend samenwerken", "Learning and researching together"},
	[EL_SRI] = {"SRI", "Samen richten en (her)inrichten", "Jointly directing and (re)arranging"},
	[EL_GOC] = {"GOC", "Grensoverstijgende en ontwikkelingsgerichte cultuur",
		    "Boundary-crossing, development-oriented culture"},
	[EL_VOR] = {"VOR", "Vormgeven en onderhouden van relaties", "Shaping and maintaining relationships"},
	[EL_LEA] = {"LEA", "Leiderschap en autonomie", "Leadership and autonomy"},
	[EL_VMM] = {"VMM", "Vrijmaken van mensen en middelen", "Freeing up people and resources"},
};

const char *element_name(element_code e, bool en) { return en ? element_names[e].en : element_names[e].nl; }

const char *outcome_code(outcome_category o) { return outcomes[o].code; }
int outcome_from_code(const char *c) { return find_named(outcomes, OUT_COUNT, c); }
const char *outcome_name(outcome_category o, bool en) { return en ? outcomes[o].en : outcomes[o].nl; }

const char *trigger_code(trigger_kind t) { return triggers[t]; }
int trigger_from_code(const char *c) { return find_plain(triggers, TRIG_COUNT, c); }

const char *trigger_name(trigger_kind t, bool en)
{
	static const char *const nl[TRIG_COUNT] = {"Complexe maatschappelijke opgave", "Kansen en mogelijkheden",
						   "Gevoel van urgentie"};
	static const char *const e[TRIG_COUNT] = {"Complex societal issue", "Opportunities and possibilities",
						  "Sense of urgency"};
	return en ? e[t] : nl[t];
}

const char *org_kind_code(org_kind k) { return org_kinds[k].code; }
int org_kind_from_code(const char *c) { return find_named(org_kinds, ORG_COUNT, c); }
const char *org_kind_name(org_kind k, bool en) { return en ? org_kinds[k].en : org_kinds[k].nl; }

const char *action_status_code(action_status s)
{
	return (unsigned)s < ACTION_STATUS_COUNT ? action_statuses[s].code : "";
}

int action_status_from_code(const char *c) { return find_named(action_statuses, ACTION_STATUS_COUNT, c); }

const char *action_status_name(action_status s, bool en)
{
	return en ? action_statuses[s].en : action_statuses[s].nl;
}

bool action_status_open(action_status s) { return s == ACTION_PLANNED || s == ACTION_IN_PROGRESS; }

bool action_overdue(action_status s, const char *due_on, const char *today)
{
	return action_status_open(s) && due_on && *due_on && strcmp(due_on, today) < 0;
}

const char *member_role_code(member_role r) { return (unsigned)r < ROLE_COUNT ? member_roles[r].code : ""; }
int member_role_from_code(const char *c) { return find_named(member_roles, ROLE_COUNT, c); }
const char *member_role_name(member_role r, bool en) { return en ? member_roles[r].en : member_roles[r].nl; }
