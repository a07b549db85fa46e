/* demo_rounds.c - the demo's measurement rounds with synthetic
 * respondents, its improvement actions and its outcomes. A fixed random
 * seed makes every run the same. The answers follow a simple model: each
 * workplace has a level per element, each perspective sees it a little
 * differently (citizens, for instance, feel less involved), each person
 * leans a bit up or down, and every answer has some noise. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "cmd/demo.h"
#include "domain/instrument.h"
#include "web/assets.h"

static uint64_t rng = 0x5eed2026u;

static uint64_t next_random(void)
{
	/* splitmix64 */
	uint64_t z = (rng += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static double uniform(void)
{
	return (double)(next_random() >> 11) / 9007199254740992.0;
}

static double normal(void)
{
	double u = uniform(), v = uniform();
	if (u < 1e-12)
		u = 1e-12;
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* How each perspective sees each element, relative to the workplace. */
static const double persp_offset[PERSP_COUNT][EL_COUNT] = {
	[PERSP_STUDENT] = {0.3, -0.2, 0.2, 0.0, 0.1, -0.3},
	[PERSP_PROFESSIONAL] = {0.0, -0.1, 0.0, 0.1, 0.0, -0.5},
	[PERSP_TEACHER] = {0.2, 0.1, 0.3, 0.2, 0.2, -0.1},
	[PERSP_RESEARCHER] = {0.2, 0.0, 0.2, 0.0, 0.1, 0.1},
	[PERSP_CITIZEN] = {-0.7, -0.6, -0.3, -0.8, -0.4, -0.2},
	[PERSP_MANAGER] = {0.2, 0.6, 0.3, 0.3, 0.4, 0.6},
	[PERSP_OTHER] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
};

struct profile {
	double share[PERSP_COUNT];
	double level[EL_COUNT];
	double outcome[OUT_COUNT];
	double change[EL_COUNT]; /* from the first to the second round */
	int n[2];
	unsigned trigger_bias; /* triggers this workplace's people name most */
};

static const struct profile profiles[3] = {
	{ /* care: a learning ward */
	 {0.36, 0.30, 0.10, 0.05, 0.08, 0.06, 0.05},
	 {3.9, 3.2, 3.6, 3.5, 3.4, 2.9},
	 {3.6, 3.8, 3.3, 3.5, 3.2},
	 {0.2, 0.5, 0.1, 0.0, 0.2, -0.4},
	 {62, 74},
	 (1u << TRIG_URGENCY) | (1u << TRIG_COMPLEX)},
	{ /* education: a school */
	 {0.30, 0.30, 0.16, 0.08, 0.10, 0.04, 0.02},
	 {3.7, 3.6, 3.9, 3.8, 3.5, 3.1},
	 {3.4, 3.9, 3.8, 3.6, 3.3},
	 {0.1, -0.1, 0.3, 0.2, 0.4, 0.3},
	 {48, 55},
	 (1u << TRIG_OPPORTUNITY)},
	{ /* social work: a neighbourhood */
	 {0.30, 0.24, 0.10, 0.05, 0.21, 0.05, 0.05},
	 {3.5, 2.9, 3.7, 3.3, 3.2, 2.8},
	 {3.2, 3.5, 3.1, 3.9, 3.8},
	 {0.3, 0.4, 0.0, 0.6, 0.1, 0.2},
	 {41, 58},
	 (1u << TRIG_COMPLEX)},
};

static const char *const good_comments[EL_COUNT][3] = {
	{"We leren echt van elkaar tijdens de overdracht.", "Studenten brengen nieuwe vragen mee en die pakken we op.",
	 "Het samen onderzoeken van casussen werkt goed."},
	{"De doelen voor dit jaar zijn helder opgeschreven.", "Het overleg met alle partners is goed georganiseerd.",
	 "We weten wie waarvoor verantwoordelijk is."},
	{"Fouten mogen gemaakt worden; daar leren we van.", "Er is ruimte om iets nieuws te proberen.",
	 "Mensen van verschillende opleidingen werken als één team."},
	{"De lijnen met de hogeschool zijn kort.", "Ik voel me gehoord door de andere partners.",
	 "We kennen elkaar goed en spreken elkaar makkelijk aan."},
	{"Ik krijg ruimte om zelf beslissingen te nemen.", "De coördinator verbindt mensen goed met elkaar.",
	 "Iedereen kan een idee inbrengen."},
	{"Er is tijd vrijgemaakt voor de begeleiding van studenten.", "Er is budget voor een klein onderzoek.",
	 "We hebben een vaste ruimte om samen te werken."},
};

static const char *const better_comments[EL_COUNT][3] = {
	{"Bewoners en cliënten zouden vaker mee moeten denken.", "Resultaten van onderzoek delen we te weinig.",
	 "Er is te weinig tijd om samen terug te kijken."},
	{"Het is niet duidelijk wat de partners van elkaar verwachten.", "Afspraken worden vaak niet vastgelegd.",
	 "De visie is vooral bekend bij de leiding."},
	{"Soms voelt het alsof studenten er alleen voor staan.", "We blijven te veel in onze eigen hokjes.",
	 "Kritiek geven is nog lastig."},
	{"Contact met de universiteit loopt vooral via één persoon.", "Nieuwe collega's weten niet wie wie is.",
	 "Burgers worden pas laat betrokken."},
	{"Beslissingen worden boven onze hoofden genomen.", "Niet iedereen durft zijn mening te geven.",
	 "Er is weinig ruimte om te experimenteren."},
	{"Begeleiding van studenten komt bovenop het gewone werk.", "Er is te weinig personeel om mee te doen.",
	 "Roosters maken samenwerken moeilijk."},
};

static const char *const trigger_texts[] = {
	"De wachtlijsten werden te lang en we moesten iets anders proberen.",
	"Er kwam subsidie beschikbaar voor samenwerking tussen onderwijs en praktijk.",
	"In de wijk speelden problemen die niemand alleen kon oplossen.",
};

/* Item ids of the demo's instrument version, by code. */
typedef struct {
	item_row *rows;
	int n;
	item_layout layout;
} survey_ids;

static int64_t survey_ids_find(const survey_ids *s, const char *code)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->rows[i].code, code) == 0)
			return s->rows[i].id;
	WP_ASSERT(!"demo instrument item missing");
	return 0;
}

static int clamp_answer(double x)
{
	int v = (int)lround(x);
	return v < 1 ? 1 : v > 5 ? 5 : v;
}

static perspective pick_perspective(const struct profile *pf)
{
	double u = uniform(), acc = 0;
	for (int p = 0; p < PERSP_COUNT; p++) {
		acc += pf->share[p];
		if (u < acc)
			return (perspective)p;
	}
	return PERSP_OTHER;
}

/* One synthetic respondent: answers, comments, triggers, submitted. */
static int add_respondent(store *st, const instrument *in, const survey_ids *ids, int64_t round_id,
			  const struct profile *pf, int round_index, int serial)
{
	perspective who = pick_perspective(pf);
	char tok[64], access[HASH_HEX + 1];
	snprintf(tok, sizeof tok, "demo-%lld-%d", (long long)round_id, serial);
	token_hash("response", tok, access);
	int64_t rid;
	if (store_response_create(st, round_id, who, access, NULL, uniform() < 0.15 ? "en" : "nl",
				   who == PERSP_CITIZEN && serial % 5 < 2, &rid) !=
	    ST_OK)
		return -1;
	double lean = normal() * 0.35;
	answer as[64];
	int n = 0;
	for (size_t i = 0; i < instrument_scored_count(in) && n < 64; i++) {
		instr_scored s = instrument_scored_at(in, i);
		if (!instr_item_shown_to(s.item, who))
			continue;
		double level = s.is_outcome ? pf->outcome[s.group]
					    : pf->level[s.group] + persp_offset[who][s.group] +
						      (round_index ? pf->change[s.group] : 0.0);
		double dk = who == PERSP_CITIZEN ? 0.12 : 0.05;
		if (uniform() < 0.03)
			continue; /* skipped */
		int v = clamp_answer(level + lean + normal() * 0.75);
		as[n].item_id = survey_ids_find(ids, s.item->id);
		as[n].value = uniform() < dk ? 0 : (s.item->reverse ? 6 - v : v);
		n++;
	}
	if (store_answers_replace(st, rid, &ids->layout, NULL, 0, as, n) != ST_OK)
		return -1;
	for (int e = 0; e < EL_COUNT; e++) {
		const instr_element *el = &in->elements[e];
		if (uniform() < 0.22 && store_comment_set(st, rid, survey_ids_find(ids, el->open[0].id),
							   good_comments[e][next_random() % 3]) != ST_OK)
			return -1;
		if (el->n_open > 1 && uniform() < 0.22 &&
		    store_comment_set(st, rid, survey_ids_find(ids, el->open[1].id),
				      better_comments[e][next_random() % 3]) != ST_OK)
			return -1;
	}
	unsigned mask = 0;
	for (int t = 0; t < TRIG_COUNT; t++)
		if (uniform() < ((pf->trigger_bias & (1u << t)) ? 0.7 : 0.25))
			mask |= 1u << t;
	if (store_response_triggers_set(st, rid, mask) != ST_OK)
		return -1;
	if (uniform() < 0.1 &&
	    store_comment_set(st, rid, survey_ids_find(ids, in->triggers.open.id),
			      trigger_texts[next_random() % 3]) != ST_OK)
		return -1;
	if (store_response_set_page(st, rid, 9, "nl") != ST_OK || store_response_submit(st, rid) != ST_OK)
		return -1;
	return 0;
}

struct demo_round {
	const char *title, *opens, *closes;
	int respondents; /* 0: from the profile */
};

static const struct demo_round demo_rounds[] = {
	{"Meting najaar 2025", "2025-10-06", "2025-10-31", 0},
	{"Meting najaar 2026", "2026-10-05", "2026-10-30", 0},
};

static const struct profile small_profiles[2] = {
	{ /* primary care: a health centre */
	 {0.34, 0.30, 0.12, 0.04, 0.12, 0.04, 0.04},
	 {3.6, 3.4, 3.8, 3.7, 3.3, 3.0},
	 {3.5, 3.7, 3.4, 3.6, 3.5},
	 {0, 0, 0, 0, 0, 0},
	 {26, 0},
	 (1u << TRIG_COMPLEX) | (1u << TRIG_OPPORTUNITY)},
	{ /* technology: installation engineering */
	 {0.44, 0.36, 0.10, 0.02, 0.00, 0.06, 0.02},
	 {3.3, 2.8, 3.4, 3.1, 3.6, 2.6},
	 {3.7, 3.3, 3.5, 3.0, 3.4},
	 {0, 0, 0, 0, 0, 0},
	 {21, 0},
	 (1u << TRIG_OPPORTUNITY) | (1u << TRIG_URGENCY)},
};

static const struct demo_round small_rounds[2] = {
	{"Eerste meting 2026", "2026-03-02", "2026-03-27", 26},
	{"Nulmeting", "2026-05-11", "2026-06-05", 21},
};

struct demo_action {
	int wp;
	const char *title, *description, *owner, *due;
	action_status status;
	unsigned elements;
	const char *note;
};

static const struct demo_action demo_actions[] = {
	{0, "Elke week een leermoment bij de overdracht",
	 "Tien minuten na de middagoverdracht bespreken studenten en verpleegkundigen samen een casus.",
	 "Anouk de Vries", "2026-03-31", ACTION_DONE, 1u << EL_LOS, "Loopt sinds februari; wordt goed bezocht."},
	{0, "Afspraken tussen ziekenhuis en hogeschool vastleggen",
	 "Een samenwerkingsovereenkomst met doelen, rollen en wie wat betaalt.", "Teamleider 4B",
	 "2026-06-30", ACTION_IN_PROGRESS, (1u << EL_SRI) | (1u << EL_VMM),
	 "Eerste versie besproken in het partneroverleg."},
	{0, "Uren voor werkbegeleiders vrijmaken", "Per student twee uur per week in het rooster.",
	 "Teamleider 4B", "2026-01-31", ACTION_PLANNED, 1u << EL_VMM, NULL},
	{1, "Ouders uitnodigen voor het praktijkonderzoek",
	 "Twee ouders denken mee in de onderzoeksgroep over meertaligheid.", "Youssef El Amrani",
	 "2026-05-01", ACTION_DONE, (1u << EL_LOS) | (1u << EL_VOR), "Twee ouders doen mee sinds april."},
	{1, "Intervisie voor leraren in opleiding", "Maandelijkse intervisie, geleid door een lerarenopleider.",
	 "Youssef El Amrani", "2026-12-15", ACTION_IN_PROGRESS, 1u << EL_GOC, NULL},
	{2, "Bewonerspanel opzetten", "Vijf bewoners praten elk kwartaal mee over wat het wijkleerbedrijf doet.",
	 "Petra Janssen", "2026-04-01", ACTION_DONE, (1u << EL_VOR) | (1u << EL_LEA),
	 "Het panel kwam drie keer bij elkaar."},
	{2, "Vaste financiering voor 2027", "Gemeente en hogeschool zoeken samen structureel budget.",
	 "Petra Janssen", "2026-12-31", ACTION_IN_PROGRESS, 1u << EL_VMM, NULL},
	{2, "Gezamenlijke visie opschrijven", "Een visie van één pagina, met bewoners en partners gemaakt.",
	 "Petra Janssen", "2026-02-28", ACTION_DROPPED, 1u << EL_SRI, "Opgegaan in de nieuwe samenwerkingsafspraken."},
};

struct demo_outcome {
	int wp;
	outcome_category cat;
	const char *date, *title, *description, *url;
};

static const struct demo_outcome demo_outcomes[] = {
	{0, OUT_KNOWLEDGE, "2025-06-12", "Valpreventie met beweegmomenten",
	 "Een werkwijze uit studentonderzoek is door de afdeling overgenomen.", ""},
	{0, OUT_CURRICULUM, "2025-09-01", "Nieuwe module ouderenzorg",
	 "De hogeschool heeft een module geschreven met casussen van de afdeling.",
	 "https://example.org/module-ouderenzorg"},
	{0, OUT_PROFESSIONAL, "2026-02-01", "Verpleegkundige wordt praktijkonderzoeker",
	 "Een verpleegkundige werkt nu twee dagen als onderzoeker.", ""},
	{0, OUT_CONNECTIONS, "2026-05-15", "Zorgtechnologiebedrijf sluit aan", "Zorgtech Noord test een sensor op de afdeling.", ""},
	{1, OUT_KNOWLEDGE, "2025-11-20", "Artikel over meertalig lezen", "Publicatie in een vakblad voor leraren.",
	 "https://example.org/artikel-meertalig-lezen"},
	{1, OUT_COLLABORATION, "2026-03-10", "Gezamenlijke scholingsdag", "School en opleiding organiseren samen een studiedag.", ""},
	{1, OUT_CURRICULUM, "2026-09-01", "Praktijkonderzoek in het tweede jaar",
	 "Tweedejaars doen hun onderzoek nu op De Vlonder.", ""},
	{2, OUT_CONNECTIONS, "2025-04-01", "Buurtkracht Oost wordt partner", "Het burgerinitiatief is nu formeel partner.", ""},
	{2, OUT_COLLABORATION, "2025-12-01", "Schuldhulp in één loket", "Gemeente en welzijn werken vanuit één loket in het buurthuis.", ""},
	{2, OUT_PROFESSIONAL, "2026-06-20", "Studenten als ervaringsdeskundige coach",
	 "Oud-studenten begeleiden nu nieuwe studenten in de wijk.", ""},
};

static int load_ids(store *st, arena *a, int64_t version_id, survey_ids *ids)
{
	if (store_items(st, a, version_id, &ids->rows, &ids->n) != ST_OK)
		return -1;
	ids->layout = (item_layout){version_id, ids->rows, ids->n};
	return 0;
}

static int add_round(store *st, const instrument *in, const survey_ids *ids, int64_t version_id,
		     int64_t wp_id, const struct profile *pf, int index, const char *title,
		     const char *opens, const char *closes, int respondents, int64_t *round_id)
{
	mround rd = {.workplace_id = wp_id, .version_id = version_id, .title = title,
		    .opens_on = opens, .closes_on = closes, .k = 5};
	char open_token[TOKEN_CHARS + 1];
	snprintf(open_token, sizeof open_token, "demo%02lldround%02dopen-link", (long long)wp_id, index);
	rd.open_token = open_token;
	if (store_round_create(st, &rd, round_id) != ST_OK)
		return -1;
	for (int i = 0; i < respondents; i++)
		if (add_respondent(st, in, ids, *round_id, pf, index > 0, i) != 0)
			return -1;
	return 0;
}

int demo_fill_rounds(store *st, const int64_t *wp_ids, int n_wp, int64_t coordinator_id)
{
	arena *a = arena_new();
	int rc = -1;
	instr_version v;
	const struct asset *shipped = &shipped_instruments[0];
	instrument *in = instrument_parse((const char *)shipped->data, shipped->len, NULL);
	survey_ids ids = {0};
	if (!in || store_instrument_latest(st, a, &v) != ST_OK || load_ids(st, a, v.id, &ids) != 0)
		goto done;
	for (int w = 0; w < n_wp && w < 3; w++) {
		int64_t first = 0, rid;
		for (int i = 0; i < 2; i++) {
			const struct demo_round *d = &demo_rounds[i];
			if (add_round(st, in, &ids, v.id, wp_ids[w], &profiles[w], i, d->title, d->opens,
				      d->closes, profiles[w].n[i], &rid) != 0)
				goto done;
			if (i == 0)
				first = rid;
		}
		for (size_t i = 0; i < ARRAY_LEN(demo_actions); i++) {
			const struct demo_action *d = &demo_actions[i];
			if (d->wp != w)
				continue;
			improvement act = {.workplace_id = wp_ids[w], .round_id = first, .title = d->title,
				      .description = d->description, .owner = d->owner, .due_on = d->due,
				      .status = d->status, .elements = d->elements};
			int64_t aid;
			if (store_action_create(st, &act, &aid) != ST_OK ||
			    (d->note && store_action_note_add(st, aid, "2026-05-01", d->note,
							      coordinator_id) != ST_OK))
				goto done;
		}
		for (size_t i = 0; i < ARRAY_LEN(demo_outcomes); i++) {
			const struct demo_outcome *d = &demo_outcomes[i];
			outcome o = {.workplace_id = wp_ids[w], .category = d->cat, .occurred_on = d->date,
				     .title = d->title, .description = d->description, .evidence_url = d->url};
			int64_t oid;
			if (d->wp == w && store_outcome_create(st, &o, &oid) != ST_OK)
				goto done;
		}
	}
	/* the care workplace also has a round that is open now, with a few answers */
	int64_t rid;
	char opens[11], closes[11];
	int64_t day = wp_now() / 86400;
	format_date(day - 10, opens);
	format_date(day + 21, closes);
	if (add_round(st, in, &ids, v.id, wp_ids[0], &profiles[0], 2, "Tussenmeting", opens, closes, 7,
		      &rid) != 0)
		goto done;
	/* the smaller workplaces: one closed round each, after everything
	 * above so that the three main workplaces stay as they were */
	for (int w = 3; w < n_wp && w < 3 + (int)ARRAY_LEN(small_profiles); w++) {
		const struct demo_round *d = &small_rounds[w - 3];
		if (add_round(st, in, &ids, v.id, wp_ids[w], &small_profiles[w - 3], 0, d->title, d->opens,
			      d->closes, d->respondents, &rid) != 0)
			goto done;
	}
	rc = 0;
done:
	instrument_free(in);
	arena_free(a);
	return rc;
}
