/* demo_profile.c - the demo's workplace profiles: goals, the triggers in
 * the workplace's own words, the self-assessment of the nine
 * characteristics, and realist (context - mechanism - outcome) notes on
 * some of its actions and outcomes, two of them shared with the
 * institution's library with their actions. Fixed texts: the same every
 * run. */
#include <string.h>

#include "base/util.h"
#include "cmd/demo.h"

struct demo_profile {
	const char *goals;
	const char *trigger[TRIG_COUNT];
	/* per characteristic: 'm' met, 'p' partly, 'n' not yet, 0 not assessed */
	const char states[PW_CHARACTERISTICS + 1];
	const char *notes[PW_CHARACTERISTICS];
};

static const struct demo_profile demo_profiles[] = {
	{"Elke student leert in een echt team; elk jaar twee verbeteringen in de zorg die uit "
	 "gezamenlijk onderzoek komen; het aantal vallende patiënten daalt.",
	 {"Kwetsbare ouderen hebben steeds complexere zorg nodig, terwijl er te weinig verpleegkundigen zijn.",
	  "De hogeschool zocht leerplaatsen waar onderzoek en praktijk samenkomen.",
	  "De wachtlijst voor stageplaatsen liep op en het verloop op de afdeling was hoog."},
	 "mmmppmpmp",
	 {"Convenant ziekenhuis, hogeschool en ROC sinds 2019.", "Stuurgroep met alle partners, maar "
	  "verantwoording loopt nog vooral via het ziekenhuis.", "Studenten zorgen voor echte patiënten.",
	  "Patiënten en familie doen nog weinig mee.", "Twaalf tot zestien studenten per periode.",
	  "Jaarlijkse evaluatie van de doelen met alle partners.", "Werkbegeleiders zijn er; een grenswerker "
	  "nog niet.", "Studentonderzoek wordt op de afdeling ingevoerd.", "Fouten bespreken gaat steeds beter."}},
	{"Leraren in opleiding doen onderzoek dat de school zelf nodig heeft; meertaligheid wordt een "
	 "kracht in elke klas.",
	 {"Veel kinderen in de wijk spreken thuis een andere taal dan Nederlands.",
	  "Een subsidie voor opleidingsscholen maakte de samenwerking mogelijk.", ""},
	 "mpmmmmmpp",
	 {"School, hogeschool en universiteit werken sinds 2020 samen.", "De school is eigenaar; de "
	  "opleiding denkt mee.", "Leraren in opleiding staan voor echte klassen.", "Ouders doen sinds dit "
	  "jaar mee in de onderzoeksgroep.", "Acht leraren in opleiding per jaar.", "Doelen staan in het "
	  "schoolplan en worden elk jaar besproken.", "Schoolopleider en onderzoeker als vaste rollen.",
	  "Onderzoek, opleiding en praktijk komen samen in de onderzoeksgroep.", "Intervisie loopt nog maar kort."}},
	{"Bewoners hebben een stem in wat er gebeurt; minder mensen met schulden blijven buiten beeld.",
	 {"Eenzaamheid en schulden in de wijk vragen om samenwerking tussen gemeente, welzijn en bewoners.", "",
	  "Er waren signalen dat mensen met schulden te laat hulp kregen."},
	 "mmmmpppmm",
	 {NULL, NULL, "Studenten werken in het buurthuis met bewoners.", "Bewoners, studenten en professionals "
	  "doen allemaal mee.", "Nog weinig studenten buiten sociaal werk.", "De gezamenlijke visie is nog niet "
	  "opgeschreven.", "De rol van grenswerker ligt nog bij één persoon.", NULL, NULL}},
	{"Zorg dicht bij huis verbeteren door studenten van verschillende opleidingen samen te laten leren.",
	 {"Meer ouderen wonen langer thuis met meerdere aandoeningen.",
	  "Het gezondheidscentrum wilde opleiden en innoveren tegelijk.", ""},
	 "mppm00000",
	 {"Gezondheidscentrum, hogeschool en universiteit.", "Afspraken zijn nog vooral mondeling.", NULL,
	  "Patiënten zijn nog niet betrokken.", NULL, NULL, NULL, NULL, NULL}},
	{"Elk jaar twintig vakmensen erbij die ook onderzoekend werken.",
	 {"", "Bedrijven, ROC en hogeschool zagen samen kansen in de energietransitie.",
	  "Er zijn te weinig monteurs voor de warmtepompen die nodig zijn."},
	 "pn0mm0000",
	 {"Een publieke partner ontbreekt nog.", "Het bedrijf beslist nu nog alleen.", NULL,
	  "Klanten doen nog niet mee.", NULL, NULL, NULL, NULL, NULL}},
};

struct demo_cmo {
	int wp;
	bool on_action; /* else on an outcome */
	const char *title;
	int element; /* element_code, or -1 */
	const char *context, *mechanism, *result;
	bool shared; /* the note, and the action it is on, shared with the institution */
};

static const struct demo_cmo demo_cmos[] = {
	{0, true, "Elke week een leermoment bij de overdracht", EL_LOS,
	 "Een drukke afdeling waar studenten en verpleegkundigen weinig tijd hadden om samen te leren.",
	 "Een vast moment van tien minuten na de overdracht maakte samen leren gewoon; niemand hoefde er "
	 "extra tijd voor te vragen.",
	 "Studenten brengen nu zelf casussen in, en verpleegkundigen vragen studenten om literatuur.", false},
	{0, false, "Valpreventie met beweegmomenten", EL_GOC,
	 "Studentonderzoek naar vallen bij ouderen, met steun van de teamleider.",
	 "Omdat verpleegkundigen zelf meededen aan de metingen, voelden ze zich eigenaar van de uitkomst.",
	 "De afdeling voerde de beweegmomenten in; het aantal valincidenten daalde in een half jaar.", false},
	{1, true, "Ouders uitnodigen voor het praktijkonderzoek", EL_VOR,
	 "Een school met veel meertalige gezinnen, waar ouders zelden op school kwamen.",
	 "Ouders persoonlijk uitnodigen via een leerkracht die ze al kenden, in hun eigen taal.",
	 "Twee ouders doen mee aan de onderzoeksgroep en brengen andere ouders mee naar bijeenkomsten.", true},
	{2, true, "Bewonerspanel opzetten", EL_LEA,
	 "Een wijk met weinig vertrouwen in instanties.",
	 "Bewoners kregen zelf de voorzittersrol in het panel: gedeeld leiderschap gaf eigenaarschap.",
	 "Het panel kwam drie keer bij elkaar en agendeerde zelf het thema schulden.", true},
	{2, false, "Schuldhulp in één loket", EL_SRI,
	 "Gemeente en welzijn werkten langs elkaar heen met eigen loketten.",
	 "Heldere afspraken over wie wat doet, vastgelegd in een gezamenlijk werkproces.",
	 "Bewoners hoeven hun verhaal nog maar één keer te vertellen; de wachttijd halveerde.", false},
};


static int set_profile(store *st, arena *a, int64_t wid, const struct demo_profile *d, int64_t by)
{
	wp_profile p;
	if (store_profile_get(st, a, wid, &p) != ST_OK)
		return -1;
	p.goals = d->goals;
	for (int t = 0; t < TRIG_COUNT; t++)
		p.trigger[t] = d->trigger[t];
	if (store_profile_set(st, a, &p, by) != ST_OK)
		return -1;
	wp_characteristic cs[PW_CHARACTERISTICS];
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		char c = d->states[i];
		cs[i].state = c == 'm' ? CHAR_MET : c == 'p' ? CHAR_PARTLY : c == 'n' ? CHAR_NOT_YET : CHAR_UNASSESSED;
		cs[i].note = cs[i].state != CHAR_UNASSESSED && d->notes[i] ? d->notes[i] : "";
	}
	int64_t id;
	return store_char_assessment_add(st, wid, by, cs, &id) == ST_OK ? 0 : -1;
}

/* The action or outcome of the workplace with this title, or 0. */
static int64_t find_target(store *st, arena *a, int64_t wid, const struct demo_cmo *c)
{
	if (c->on_action) {
		action_info *as;
		int n;
		if (store_actions_list(st, a, wid, -1, -1, &as, &n) != ST_OK)
			return 0;
		for (int i = 0; i < n; i++)
			if (strcmp(as[i].act.title, c->title) == 0)
				return as[i].act.id;
		return 0;
	}
	outcome_info *os;
	int n;
	if (store_outcomes_list(st, a, wid, &os, &n) != ST_OK)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(os[i].o.title, c->title) == 0)
			return os[i].o.id;
	return 0;
}

/* A coordinator of the workplace, as the author of its notes. */
int64_t demo_coordinator_of(store *st, arena *a, int64_t wid, int64_t fallback)
{
	member *ms;
	int n;
	if (store_members(st, a, wid, &ms, &n) != ST_OK)
		return fallback;
	for (int i = 0; i < n; i++)
		if (ms[i].role == ROLE_COORDINATOR)
			return ms[i].person_id;
	return fallback;
}

int demo_fill_profiles(store *st, const int64_t *wp_ids, int n_wp, int64_t coordinator_id)
{
	arena *a = arena_new();
	int rc = 0;
	for (int w = 0; w < n_wp && w < (int)ARRAY_LEN(demo_profiles) && rc == 0; w++)
		rc = set_profile(st, a, wp_ids[w], &demo_profiles[w],
				 demo_coordinator_of(st, a, wp_ids[w], coordinator_id));
	for (size_t i = 0; i < ARRAY_LEN(demo_cmos) && rc == 0; i++) {
		const struct demo_cmo *c = &demo_cmos[i];
		if (c->wp >= n_wp)
			continue;
		int64_t target = find_target(st, a, wp_ids[c->wp], c), id;
		realist_note n = {.workplace_id = wp_ids[c->wp], .action_id = c->on_action ? target : 0,
				  .outcome_id = c->on_action ? 0 : target, .element = c->element,
				  .context = c->context, .mechanism = c->mechanism, .result = c->result};
		int64_t author = demo_coordinator_of(st, a, wp_ids[c->wp], coordinator_id);
		if (!target || store_realist_add(st, &n, author, &id) != ST_OK)
			rc = -1;
		else if (c->shared && (store_realist_share_set(st, n.workplace_id, id, true) != ST_OK ||
				       (c->on_action && store_action_share_set(st, n.workplace_id, target, true) != ST_OK)))
			rc = -1;
	}
	arena_free(a);
	return rc;
}
