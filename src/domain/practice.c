/* practice.c - the code tables of practice questions, activities,
 * contributors and products, and semesters as periods (practice.h). */
#include "domain/practice.h"

#include <stdio.h>
#include <string.h>

struct named {
	const char *code, *nl, *en;
};

static const struct named statuses[QS_COUNT] = {
	[QS_RAISED] = {"raised", "Ingebracht", "Raised"},
	[QS_IN_PROGRESS] = {"in_progress", "In bewerking", "Being worked on"},
	[QS_ANSWERED] = {"answered", "Beantwoord", "Answered"},
	[QS_SET_ASIDE] = {"set_aside", "Terzijde gelegd", "Set aside"},
};

static const struct named raisers[RB_COUNT] = {
	[RB_CLIENT] = {"client", "Cliënt of burger", "Client or citizen"},
	[RB_PROFESSIONAL] = {"professional", "Professional", "Professional"},
	[RB_STUDENT] = {"student", "Student", "Student"},
	[RB_TEACHER] = {"teacher", "Docent", "Teacher"},
	[RB_PARTNER] = {"partner", "Partnerorganisatie", "Partner organisation"},
	[RB_OTHER] = {"other", "Anders", "Other"},
};

static const struct named activities[ACT_COUNT] = {
	[ACT_RESEARCH] = {"research", "Onderzoek van studenten", "Student research project"},
	[ACT_LEARNING] = {"learning", "Leerbijeenkomst", "Learning meeting"},
	[ACT_INTERVISION] = {"intervision", "Intervisie", "Intervision"},
	[ACT_CODESIGN] = {"codesign", "Co-creatie met burgers", "Co-design session with citizens"},
	[ACT_PILOT] = {"pilot", "Pilot", "Pilot"},
	[ACT_OTHER] = {"other", "Anders", "Other"},
};

static const struct named products[PROD_COUNT] = {
	[PROD_PROTOCOL] = {"protocol", "Protocol", "Protocol"},
	[PROD_ADVICE] = {"advice", "Advies", "Advice"},
	[PROD_THESIS] = {"thesis", "Afstudeerwerk", "Thesis"},
	[PROD_MODULE] = {"module", "Onderwijsmodule", "Teaching module"},
	[PROD_PUBLICATION] = {"publication", "Publicatie", "Publication"},
	[PROD_ROUTINE] = {"routine", "Veranderde werkwijze", "Changed routine"},
	[PROD_OTHER] = {"other", "Anders", "Other"},
};

static const struct named roles[CONTRIB_COUNT] = {
	[CONTRIB_STUDENT] = {"student", "Student(en)", "Student(s)"},
	[CONTRIB_TEACHER] = {"teacher", "Docent(en)", "Teacher(s)"},
};

static int find(const struct named *t, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

#define TABLE(prefix, type, table, count)                                                            \
	const char *prefix##_code(type v) { return table[v].code; }                                  \
	int prefix##_from_code(const char *code) { return find(table, count, code); }                \
	const char *prefix##_name(type v, bool en) { return en ? table[v].en : table[v].nl; }

TABLE(question_status, question_status, statuses, QS_COUNT)
TABLE(raised_by, raised_by, raisers, RB_COUNT)
TABLE(activity_kind, activity_kind, activities, ACT_COUNT)
TABLE(product_kind, product_kind, products, PROD_COUNT)
TABLE(contributor_role, contributor_role, roles, CONTRIB_COUNT)

bool question_status_open(question_status s)
{
	return s == QS_RAISED || s == QS_IN_PROGRESS;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool period_parse(const char *s, int *year, int *semester)
{
	if (!s || strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || s[5] != 'S' || (s[6] != '1' && s[6] != '2'))
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	if (y < 2000 || y > 2099)
		return false;
	*year = y;
	*semester = s[6] - '0';
	return true;
}

void period_bounds(int year, int semester, char from[11], char to[11])
{
	/* the years period_parse accepts (and the compiler sees four digits) */
	year = year < 2000 ? 2000 : year > 2099 ? 2099 : year;
	if (semester == 1) {
		snprintf(from, 11, "%04d-09-01", year);
		snprintf(to, 11, "%04d-01-31", year + 1);
	} else {
		snprintf(from, 11, "%04d-02-01", year + 1);
		snprintf(to, 11, "%04d-08-31", year + 1);
	}
}

bool period_of_day(const char *day, char out[8])
{
	if (!day || strlen(day) != 10 || !digits(day, 4) || day[4] != '-' || !digits(day + 5, 2))
		return false;
	int y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
	int m = (day[5] - '0') * 10 + (day[6] - '0');
	if (m < 1 || m > 12)
		return false;
	/* September to January: semester 1 of the year that started in September */
	int start = m >= 9 ? y : y - 1;
	int sem = m >= 9 || m == 1 ? 1 : 2;
	if (start < 2000 || start > 2099)
		return false;
	snprintf(out, 8, "%04d-S%d", start, sem);
	return true;
}
