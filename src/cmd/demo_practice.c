/* demo_practice.c - a year and a half of practice for the demo's first
 * three workplaces (issue 21): the questions they work on, the activities
 * around them with how many people of each perspective took part, the
 * students and teachers per semester, and which of the register's demo
 * outcomes came from which question. Fixed texts: the same every run. */
#include <string.h>

#include "base/util.h"
#include "cmd/demo.h"

enum { S = PERSP_STUDENT, P = PERSP_PROFESSIONAL, T = PERSP_TEACHER, R = PERSP_RESEARCHER, C = PERSP_CITIZEN,
       M = PERSP_MANAGER, X = PERSP_OTHER };

struct demo_question {
	int wp; /* index into the demo's workplaces */
	const char *title, *description;
	trigger_kind trigger;
	raised_by by;
	question_status status;
	unsigned elements;
	const char *partner;   /* a partner's name, or NULL */
	const char *programme; /* open to students of, or "" */
	const char *raised_on;
	const char *product_of; /* the title of a demo outcome it yielded, or NULL */
	product_kind product;
};

#define EL(e) (1u << EL_##e)

static const struct demo_question questions[] = {
	/* 0..3: Leerafdeling Geriatrie */
	{0, "Hoe voorkomen we dat ouderen 's avonds vallen?",
	 "Na het avondeten vallen er meer ouderen dan overdag. Wat is er dan anders, en wat helpt?", TRIG_COMPLEX,
	 RB_PROFESSIONAL, QS_ANSWERED, EL(LOS) | EL(VOR), NULL, "HBO-Verpleegkunde", "2025-01-20",
	 "Valpreventie met beweegmomenten", PROD_ROUTINE},
	{0, "Wat hebben ouderen en hun familie nodig bij ontslag naar huis?",
	 "Familie voelt zich vaak overvallen door het ontslag. We willen weten wat zij en de wijkverpleging nodig "
	 "hebben.",
	 TRIG_OPPORTUNITY, RB_CLIENT, QS_IN_PROGRESS, EL(LOS) | EL(VOR) | EL(GOC), NULL, "HBO-Verpleegkunde",
	 "2025-09-08", NULL, PROD_OTHER},
	{0, "Hoe leren studenten van hbo en mbo samen in één dienst?",
	 "Door het personeelstekort zijn er minder werkbegeleiders. Kunnen studenten meer van elkaar leren?",
	 TRIG_URGENCY, RB_TEACHER, QS_IN_PROGRESS, EL(LEA) | EL(VMM), "ROC Rivierenland", "", "2025-08-25",
	 "Nieuwe module ouderenzorg", PROD_MODULE},
	{0, "Kan een bewegingssensor nachtelijke onrust eerder signaleren?",
	 "Zorgtech Noord wil een sensor testen. Wat vinden verpleegkundigen, ouderen en familie daarvan?",
	 TRIG_OPPORTUNITY, RB_PARTNER, QS_RAISED, EL(LOS) | EL(VMM), "Zorgtech Noord B.V.", "HBO-ICT", "2026-04-10",
	 NULL, PROD_OTHER},
	/* 4: Opleidingsschool De Vlonder */
	{1, "Hoe leren meertalige kinderen beter begrijpend lezen?",
	 "Veel kinderen spreken thuis een andere taal. De leraren willen weten welke leesaanpak in hun groepen werkt.",
	 TRIG_COMPLEX, RB_TEACHER, QS_ANSWERED, EL(LOS) | EL(GOC), NULL, "Pabo", "2025-01-13",
	 "Artikel over meertalig lezen", PROD_PUBLICATION},
	/* 5..8: Wijkleerbedrijf Oost */
	{2, "Hoe bereiken we eenzame ouderen die niet naar het buurthuis komen?",
	 "Welzijnswerkers zien vooral wie al komt. Wie komt er niet, en waarom niet?", TRIG_COMPLEX,
	 RB_PROFESSIONAL, QS_IN_PROGRESS, EL(LOS) | EL(VOR), "Welzijn Havenstad", "Social Work", "2025-02-10", NULL,
	 PROD_OTHER},
	{2, "Hoe helpen we bewoners eerder bij geldzorgen?",
	 "Bewoners melden zich pas als de schulden hoog zijn. De gemeente en welzijn willen eerder in beeld zijn.",
	 TRIG_URGENCY, RB_PARTNER, QS_ANSWERED, EL(SRI) | EL(VOR), "Gemeente Havenstad", "", "2025-03-03",
	 "Schuldhulp in één loket", PROD_ROUTINE},
	{2, "Wat maakt studenten sterke coaches voor nieuwe studenten?",
	 "Studenten die hier al een jaar werken, willen nieuwe studenten wegwijs maken in de wijk.",
	 TRIG_OPPORTUNITY, RB_STUDENT, QS_IN_PROGRESS, EL(LOS) | EL(LEA) | EL(GOC), NULL, "Social Work",
	 "2026-01-12", "Studenten als ervaringsdeskundige coach", PROD_ROUTINE},
	{2, "Kunnen jongeren uit de wijk meedenken over de nieuwe speelplek?",
	 "Terzijde gelegd: de gemeente neemt het mee in het wijkplan en betrekt de jongeren daar zelf bij.",
	 TRIG_OPPORTUNITY, RB_CLIENT, QS_SET_ASIDE, EL(VOR), "Buurtkracht Oost", "", "2025-06-02", NULL,
	 PROD_OTHER},
};

struct demo_activity {
	int q; /* index into questions */
	activity_kind kind;
	const char *title, *description, *starts, *ends;
	int people[PERSP_COUNT];
};

static const struct demo_activity activities[] = {
	{0, ACT_RESEARCH, "Afstudeeronderzoek valincidenten", "Drie studenten zetten de meldingen van een jaar op "
	 "een rij en spraken met het avondteam.", "2025-02-03", "2025-06-06", {[S] = 3, [P] = 2, [R] = 1}},
	{0, ACT_LEARNING, "Leerbijeenkomst valpreventie", "De studenten lieten zien wat ze vonden; het team koos "
	 "twee dingen om te proberen.", "2025-04-15", NULL, {[S] = 8, [P] = 9, [T] = 2}},
	{0, ACT_PILOT, "Pilot beweegmomenten na het avondeten", "Een maand lang elke avond tien minuten samen "
	 "bewegen in de huiskamer.", "2025-05-01", "2025-05-31", {[S] = 4, [P] = 7, [C] = 12}},
	{1, ACT_CODESIGN, "Co-creatiesessie met familie over ontslag", "Familieleden en studenten tekenden samen "
	 "de weg van opname tot thuis.", "2025-10-14", NULL, {[S] = 5, [P] = 3, [C] = 6}},
	{1, ACT_INTERVISION, "Intervisie overdracht naar de wijk", NULL, "2025-11-25", NULL,
	 {[S] = 4, [P] = 6, [T] = 1}},
	{1, ACT_RESEARCH, "Interviews met oud-patiënten", "Twee studenten spreken ouderen een maand na hun ontslag.",
	 "2026-02-02", "2026-05-29", {[S] = 2, [R] = 1, [C] = 9}},
	{2, ACT_LEARNING, "Leerbijeenkomst samen opleiden", "Hbo- en mbo-studenten maakten afspraken over wie wat "
	 "doet in een dienst.", "2025-09-16", NULL, {[S] = 12, [P] = 5, [T] = 3}},
	{2, ACT_INTERVISION, "Intervisie werkbegeleiders", NULL, "2026-01-20", NULL, {[P] = 7, [T] = 2}},
	{3, ACT_LEARNING, "Kennismaking met Zorgtech Noord", "Het bedrijf liet de sensor zien; het team stelde "
	 "vragen over privacy en werkdruk.", "2026-05-12", NULL, {[P] = 4, [M] = 1, [X] = 2}},
	{4, ACT_RESEARCH, "Praktijkonderzoek leesgroepen", "Vier leraren in opleiding vergeleken twee aanpakken in "
	 "groep 5.", "2025-02-03", "2025-06-27", {[S] = 4, [T] = 6, [R] = 1}},
	{4, ACT_LEARNING, "Leerteam lezen", NULL, "2025-10-07", NULL, {[S] = 5, [T] = 9, [R] = 1}},
	{5, ACT_RESEARCH, "Wijkverkenning eenzaamheid", "Studenten gingen langs de deuren en op het marktplein in "
	 "gesprek.", "2025-02-17", "2025-06-13", {[S] = 5, [P] = 2, [C] = 14}},
	{5, ACT_CODESIGN, "Bewonersavond: wat helpt tegen eenzaamheid?", NULL, "2025-05-22", NULL,
	 {[S] = 6, [P] = 4, [C] = 18, [M] = 1}},
	{5, ACT_PILOT, "Pilot huisbezoeken in duo's", "Een student en een vrijwilliger uit de wijk gaan samen op "
	 "huisbezoek.", "2025-10-01", "2026-01-31", {[S] = 6, [P] = 3, [C] = 25}},
	{6, ACT_LEARNING, "Casusoverleg geldzorgen", "Gemeente, welzijn en studenten bespraken drie (geanonimiseerde) "
	 "casussen.", "2025-04-08", NULL, {[S] = 3, [P] = 8, [M] = 2}},
	{6, ACT_INTERVISION, "Intervisie vroegsignalering", NULL, "2025-09-18", NULL, {[S] = 4, [P] = 6}},
	{7, ACT_LEARNING, "Leerkring studentcoaches", NULL, "2026-02-05", NULL, {[S] = 9, [P] = 2, [T] = 2}},
	{7, ACT_LEARNING, "Terugkomdag coaches en bewoners", "Bewoners vertelden wat de studenten voor hen "
	 "betekenden.", "2026-04-16", NULL, {[S] = 11, [P] = 3, [T] = 1, [C] = 5}},
};

struct demo_contributor {
	int q;
	contributor_role role;
	int people;
	const char *programme, *period;
};

static const struct demo_contributor contributors[] = {
	{0, CONTRIB_STUDENT, 3, "HBO-Verpleegkunde", "2024-S2"},
	{0, CONTRIB_TEACHER, 1, "HBO-Verpleegkunde", "2024-S2"},
	{1, CONTRIB_STUDENT, 2, "HBO-Verpleegkunde", "2025-S1"},
	{1, CONTRIB_STUDENT, 2, "HBO-Verpleegkunde", "2025-S2"},
	{1, CONTRIB_TEACHER, 1, "HBO-Verpleegkunde", "2025-S1"},
	{2, CONTRIB_STUDENT, 6, "HBO-Verpleegkunde", "2025-S1"},
	{2, CONTRIB_STUDENT, 6, "MBO-Verpleegkunde", "2025-S1"},
	{2, CONTRIB_TEACHER, 2, "MBO-Verpleegkunde", "2025-S1"},
	{4, CONTRIB_STUDENT, 4, "Pabo", "2024-S2"},
	{4, CONTRIB_TEACHER, 1, "Pabo", "2024-S2"},
	{5, CONTRIB_STUDENT, 5, "Social Work", "2024-S2"},
	{5, CONTRIB_STUDENT, 6, "Social Work", "2025-S1"},
	{5, CONTRIB_TEACHER, 1, "Social Work", "2025-S1"},
	{6, CONTRIB_STUDENT, 3, "Social Work", "2025-S1"},
	{7, CONTRIB_STUDENT, 8, "Social Work", "2025-S2"},
	{7, CONTRIB_TEACHER, 1, "Social Work", "2025-S2"},
};

static int64_t partner_named(store *st, arena *a, int64_t wid, const char *name)
{
	partner *ps;
	int n;
	if (!name || store_partners(st, a, wid, &ps, &n) != ST_OK)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(ps[i].name, name) == 0)
			return ps[i].org_id;
	return 0;
}

static int64_t outcome_titled(store *st, arena *a, int64_t wid, const char *title)
{
	outcome_info *os;
	int n;
	if (!title || store_outcomes_list(st, a, wid, &os, &n) != ST_OK)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(os[i].o.title, title) == 0)
			return os[i].o.id;
	return 0;
}

static int add_question(store *st, arena *a, const struct demo_question *d, int64_t wid, int64_t *id)
{
	int64_t by = demo_coordinator_of(st, a, wid, 0);
	practice_question q = {.workplace_id = wid, .title = d->title, .description = d->description,
			       .trigger = d->trigger, .raised = d->by, .status = d->status, .elements = d->elements,
			       .partner_id = partner_named(st, a, wid, d->partner), .programme = d->programme,
			       .raised_on = d->raised_on, .created_by = by};
	if (store_question_create(st, &q, id) != ST_OK)
		return -1;
	int64_t oid = outcome_titled(st, a, wid, d->product_of);
	if (d->product_of && (!oid || store_product_link(st, oid, *id, d->product, by) != ST_OK))
		return -1;
	return 0;
}

int demo_fill_practice(store *st, const int64_t *wp_ids, int n_wp)
{
	arena *a = arena_new();
	int64_t qid[ARRAY_LEN(questions)] = {0};
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(questions) && rc == 0; i++)
		if (questions[i].wp < n_wp)
			rc = add_question(st, a, &questions[i], wp_ids[questions[i].wp], &qid[i]);
	for (size_t i = 0; i < ARRAY_LEN(activities) && rc == 0; i++) {
		const struct demo_activity *d = &activities[i];
		if (!qid[d->q])
			continue;
		practice_activity x = {.question_id = qid[d->q], .kind = d->kind, .title = d->title,
				       .description = d->description ? d->description : "", .starts_on = d->starts,
				       .ends_on = d->ends ? d->ends : "",
				       .created_by = demo_coordinator_of(st, a, wp_ids[questions[d->q].wp], 0)};
		memcpy(x.people, d->people, sizeof x.people);
		int64_t id;
		if (store_activity_create(st, &x, &id) != ST_OK)
			rc = -1;
	}
	for (size_t i = 0; i < ARRAY_LEN(contributors) && rc == 0; i++) {
		const struct demo_contributor *d = &contributors[i];
		if (!qid[d->q])
			continue;
		practice_contributor c = {.question_id = qid[d->q], .role = d->role, .people = d->people, .name = "",
					  .programme = d->programme, .period = d->period,
					  .created_by = demo_coordinator_of(st, a, wp_ids[questions[d->q].wp], 0)};
		int64_t id;
		if (store_contributor_add(st, &c, &id) != ST_OK)
			rc = -1;
	}
	arena_free(a);
	return rc;
}
