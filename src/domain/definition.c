#include "definition.h"

#include <stddef.h>
#include <string.h>

pw_definition pw_definition_check(const org_kind *kinds, int n, const char *location)
{
	pw_definition d = {0};
	for (int i = 0; i < n; i++) {
		if (kinds[i] == ORG_HBO || kinds[i] == ORG_UNIVERSITY)
			d.higher_education = true;
		if (kinds[i] == ORG_PUBLIC)
			d.public_org = true;
	}
	for (const char *p = location; p && *p && !d.located; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			d.located = true;
	d.meets = d.higher_education && d.public_org && d.located;
	return d;
}

static const char *const state_codes[CHAR_STATE_COUNT] = {"not_yet", "partly", "met"};
static const char *const state_nl[CHAR_STATE_COUNT] = {"nog niet", "deels", "voldaan"};
static const char *const state_en[CHAR_STATE_COUNT] = {"not yet", "partly", "met"};

const char *char_state_code(char_state s)
{
	return s >= 0 && s < CHAR_STATE_COUNT ? state_codes[s] : "";
}

int char_state_from_code(const char *code)
{
	if (!code || !*code)
		return CHAR_UNASSESSED;
	for (int i = 0; i < CHAR_STATE_COUNT; i++)
		if (strcmp(code, state_codes[i]) == 0)
			return i;
	return -2;
}

const char *char_state_name(char_state s, bool english)
{
	if (s < 0 || s >= CHAR_STATE_COUNT)
		return english ? "not assessed" : "niet beoordeeld";
	return english ? state_en[s] : state_nl[s];
}

struct characteristic {
	const char *title_nl, *title_en, *text_nl, *text_en;
};

/* Paraphrased from the Fontys lectorate's nine characteristics (MODEL.md). */
static const struct characteristic characteristics[PW_CHARACTERISTICS] = {
	{"Duurzame, sectoroverstijgende samenwerking", "Durable, cross-sector collaboration",
	 "Minstens één hogeronderwijsinstelling en één publieke of private organisatie werken "
	 "duurzaam samen, en de werkplaats is in de praktijk gesitueerd.",
	 "At least one higher-education institution and one public or private organisation "
	 "collaborate durably, and the workplace is located in practice."},
	{"Grensorganisatie", "Boundary organisation",
	 "De werkplaats is een grensorganisatie: van alle partners samen en aan hen allemaal "
	 "verantwoording verschuldigd.",
	 "The workplace is a boundary organisation: jointly owned by all partners and accountable "
	 "to each of them."},
	{"Authentieke leer- en werkomgeving", "Authentic learning and working environment",
	 "Leren en werken gebeuren rond echte dienstverlening, met direct contact met cliënten en "
	 "merkbare impact voor hen.",
	 "Learning and working are built around real services, with direct contact with clients "
	 "and a real impact for them."},
	{"Open voor iedereen die ertoe doet", "Open to everyone involved",
	 "Minstens studenten, professionals, docenten en cliënten doen mee; een paar mensen zijn er "
	 "lang en hebben een centrale rol.",
	 "At least students, professionals, teachers and clients take part; a few long-staying "
	 "people hold central roles."},
	{"Relatief veel studenten", "Relatively many students",
	 "Er doen relatief veel studenten mee, en zij werken als katalysator van verandering.",
	 "Relatively many students take part, and they act as catalysts of change."},
	{"Bijdrage aan maatschappelijke opgaven", "Contribution to societal issues",
	 "De werkplaats draagt bij aan maatschappelijke vraagstukken door de praktijk steeds te "
	 "verbeteren; eigen en gedeelde doelen zijn op elkaar afgestemd en worden expliciet en "
	 "doorlopend geëvalueerd.",
	 "The workplace contributes to societal issues by continuously improving practice; own and "
	 "shared goals are aligned and evaluated explicitly and continuously."},
	{"Bewust ontworpen rollen", "Deliberately designed roles",
	 "Rollen zijn bewust ontworpen, met minstens een inhoudelijk rolmodel en een grenswerker.",
	 "Roles are designed deliberately, with at least a subject-matter role model and a "
	 "boundary worker."},
	{"Grensoverstijgende activiteiten", "Boundary-crossing activities",
	 "Er zijn activiteiten die grenzen overschrijden in de driehoek onderwijs, onderzoek en "
	 "praktijk.",
	 "There are boundary-crossing activities in the triangle of education, research and "
	 "practice."},
	{"Ontwikkelingsgerichte cultuur", "Development-oriented culture",
	 "Een cultuur van voortdurend leren, waarin mensen zich kwetsbaar durven op te stellen en "
	 "zich gelijkwaardig en wederkerig tot elkaar verhouden.",
	 "A culture of continuous learning, in which people dare to be vulnerable and relate to "
	 "each other as equals, reciprocally."},
};

const char *pw_characteristic_title(int i, bool english)
{
	if (i < 0 || i >= PW_CHARACTERISTICS)
		return "";
	return english ? characteristics[i].title_en : characteristics[i].title_nl;
}

const char *pw_characteristic_text(int i, bool english)
{
	if (i < 0 || i >= PW_CHARACTERISTICS)
		return "";
	return english ? characteristics[i].text_en : characteristics[i].text_nl;
}
