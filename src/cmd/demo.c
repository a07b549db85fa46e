/* demo.c - werkplaats demo: a realistic, deterministic demo instance. */
#include "cmd/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/token.h"
#include "base/util.h"
#include "cmd/commands.h"
#include "cmd/setup.h"

struct demo_org {
	const char *name;
	org_kind kind;
};

static const struct demo_org orgs[] = {
	{"Hogeschool Deltastad", ORG_HBO},             /* 0 */
	{"Universiteit van Zuidland", ORG_UNIVERSITY}, /* 1 */
	{"ROC Rivierenland", ORG_MBO},                 /* 2 */
	{"Ziekenhuis Rijnoever", ORG_PUBLIC},          /* 3 */
	{"Basisschool De Vlonder", ORG_PUBLIC},        /* 4 */
	{"Gemeente Havenstad", ORG_PUBLIC},            /* 5 */
	{"Zorgtech Noord B.V.", ORG_PRIVATE},          /* 6 */
	{"Buurtkracht Oost", ORG_CITIZENS},            /* 7 */
	{"Welzijn Havenstad", ORG_PRIVATE},            /* 8 */
	{"Gezondheidscentrum De Brug", ORG_PUBLIC},    /* 9 */
	{"Van Dam Installatietechniek", ORG_PRIVATE},  /* 10 */
};

struct demo_partner {
	int org;
	const char *role, *joined;
};

struct demo_wp {
	const char *slug, *name, *domain, *location, *start, *description, *vision;
	struct demo_partner partners[5];
};

static const struct demo_wp workplaces[] = {
	{"leerafdeling-geriatrie", "Leerafdeling Geriatrie", "Zorg",
	 "Ziekenhuis Rijnoever, afdeling 4B", "2019-09-01",
	 "Een verpleegafdeling voor ouderen waar studenten van hbo en mbo samen met "
	 "verpleegkundigen, docenten en onderzoekers leren, zorg verlenen en de zorg verbeteren.",
	 "Samen leren op de werkvloer maakt de zorg voor kwetsbare ouderen beter en de "
	 "professionals van nu en straks sterker.",
	 {{3, "lead", "2019-09-01"}, {0, "partner", "2019-09-01"}, {2, "partner", "2020-02-01"},
	  {6, "partner", "2022-05-15"}, {-1, 0, 0}}},
	{"opleidingsschool-de-vlonder", "Opleidingsschool De Vlonder", "Onderwijs",
	 "Basisschool De Vlonder, Havenstad-Noord", "2020-08-15",
	 "Een basisschool waar leraren in opleiding, leraren, lerarenopleiders en onderzoekers "
	 "samen werken aan goed onderwijs in een wijk met veel talen.",
	 "Elk kind leert beter als leraren samen onderzoeken wat werkt in hun eigen klas.",
	 {{4, "lead", "2020-08-15"}, {0, "partner", "2020-08-15"}, {1, "partner", "2021-01-10"},
	  {-1, 0, 0}, {-1, 0, 0}}},
	{"wijkleerbedrijf-oost", "Wijkleerbedrijf Oost", "Sociaal werk",
	 "Buurthuis De Kade, Havenstad-Oost", "2021-03-01",
	 "Studenten sociaal werk, welzijnswerkers, bewoners en de gemeente pakken samen vragen "
	 "uit de wijk aan: eenzaamheid, schulden en meedoen.",
	 "Bewoners, professionals en studenten zijn gelijkwaardige partners in het sterker maken "
	 "van de wijk.",
	 {{5, "lead", "2021-03-01"}, {0, "partner", "2021-03-01"}, {7, "partner", "2021-06-01"},
	  {8, "partner", "2021-03-01"}, {2, "partner", "2023-09-01"}}},
	/* two smaller workplaces with one round each, so that the benchmark
	 * (at least five workplaces with results) shows */
	{"gezondheidscentrum-de-brug", "Leerwerkplaats De Brug", "Eerstelijnszorg",
	 "Gezondheidscentrum De Brug, Havenstad-West", "2024-02-01",
	 "Studenten verpleegkunde, fysiotherapie en geneeskunde werken samen met huisartsen en "
	 "wijkverpleegkundigen aan zorg dicht bij huis.",
	 "Samen leren zorgen in de wijk, met de patiënt als partner.",
	 {{9, "lead", "2024-02-01"}, {0, "partner", "2024-02-01"}, {1, "partner", "2025-01-15"},
	  {-1, 0, 0}, {-1, 0, 0}}},
	/* deliberately not (yet) a PW by the definition: no public partner, no
	 * location in practice */
	{"leerwerkplaats-installatietechniek", "Leerwerkplaats Installatietechniek", "Techniek", "",
	 "2025-01-06",
	 "Mbo- en hbo-studenten werken met monteurs aan de warmtepompen van morgen.",
	 "Vakmanschap en onderzoek samen voor de energietransitie.",
	 {{10, "lead", "2025-01-06"}, {2, "partner", "2025-01-06"}, {0, "partner", "2025-09-01"},
	  {-1, 0, 0}, {-1, 0, 0}}},
};

struct demo_person {
	const char *name, *email;
	bool admin, lead, researcher;
	/* role per workplace: 'c' coordinator, 'm' member, 0 none */
	char roles[5];
};

static const struct demo_person people[] = {
	{"Beheerder Demo", "beheer@demo.example.org", true, false, false, {0, 0, 0, 0, 0}},
	{"Anouk de Vries", "coordinator@demo.example.org", false, false, false, {'c', 'm', 0, 0, 0}},
	{"Youssef El Amrani", "youssef@demo.example.org", false, false, false, {0, 'c', 0, 0, 'c'}},
	{"Petra Janssen", "petra@demo.example.org", false, false, false, {0, 0, 'c', 'c', 0}},
	{"Sanne Bakker", "lid@demo.example.org", false, false, false, {'m', 0, 0, 0, 0}},
	{"Jeroen Visser", "jeroen@demo.example.org", false, false, false, {0, 'm', 'm', 0, 'm'}},
	{"Fatma Yilmaz", "programmaleider@demo.example.org", false, true, false, {0, 0, 0, 0, 0}},
	{"Dr. Marloes Smit", "onderzoeker@demo.example.org", false, false, true, {0, 0, 0, 0, 0}},
};

bool demo_present(store *st)
{
	arena *a = arena_new();
	char *v = NULL;
	bool present = store_meta_get(st, a, "demo", &v) == ST_OK && strcmp(v, "1") == 0;
	arena_free(a);
	return present;
}

const char *demo_login_text(void)
{
	return "  Demo logins (password for all: " DEMO_PASSWORD "):\n"
	       "    coordinator@demo.example.org    coordinator of one workplace, member of another\n"
	       "    lid@demo.example.org            member of one workplace\n"
	       "    programmaleider@demo.example.org programme lead\n"
	       "    onderzoeker@demo.example.org     researcher\n"
	       "    beheer@demo.example.org         site administrator\n";
}

static int fill(store *st, const char *hash, int64_t *wp_ids)
{
	int64_t org_ids[ARRAY_LEN(orgs)];
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++)
		if (store_org_create(st, orgs[i].name, orgs[i].kind, &org_ids[i]) != ST_OK)
			return -1;
	for (size_t i = 0; i < ARRAY_LEN(workplaces); i++) {
		const struct demo_wp *d = &workplaces[i];
		workplace w = {.slug = d->slug, .name = d->name, .domain = d->domain,
			       .location = d->location, .start_date = d->start,
			       .description = d->description, .vision = d->vision};
		if (store_workplace_create(st, &w, &wp_ids[i]) != ST_OK)
			return -1;
		for (int p = 0; p < 5 && d->partners[p].org >= 0; p++)
			if (store_partner_add(st, wp_ids[i], org_ids[d->partners[p].org], d->partners[p].role,
					      d->partners[p].joined) != ST_OK)
				return -1;
	}
	int64_t coordinator = 0;
	for (size_t i = 0; i < ARRAY_LEN(people); i++) {
		const struct demo_person *p = &people[i];
		int64_t id;
		if (setup_person(st, p->name, p->email, hash, p->admin, p->lead, p->researcher, &id) != 0)
			return -1;
		for (size_t w = 0; w < ARRAY_LEN(workplaces); w++)
			if (p->roles[w] && store_membership_set(st, wp_ids[w], id,
								p->roles[w] == 'c' ? ROLE_COORDINATOR
										   : ROLE_MEMBER) != ST_OK)
				return -1;
		if (i == 1)
			coordinator = id;
	}
	if (demo_fill_rounds(st, wp_ids, (int)ARRAY_LEN(workplaces), coordinator) != 0)
		return -1;
	if (demo_fill_profiles(st, wp_ids, (int)ARRAY_LEN(workplaces), coordinator) != 0)
		return -1;
	return demo_fill_practice(st, wp_ids, (int)ARRAY_LEN(workplaces));
}

int cmd_demo(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	(void)args;
	const char *path = cmd_db_path(opts, "demo");
	char label[512];
	store_target_label(path, label, sizeof label);
	if (store_exists(path)) {
		fprintf(stderr, "werkplaats demo: %s already exists; the demo fills a new database\n",
			label);
		return 1;
	}
	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st) {
		fprintf(stderr, "werkplaats demo: %s\n", err);
		free(err);
		return 1;
	}
	char hash[PASSWORD_HASH_MAX];
	int64_t wp_ids[ARRAY_LEN(workplaces)];
	int rc = -1;
	if (password_hash(DEMO_PASSWORD, hash) && store_begin(st) == ST_OK) {
		char secret[65];
		token_hex(secret, 32);
		if (store_meta_set(st, "site_secret", secret) == ST_OK &&
		    store_meta_set(st, "demo", "1") == ST_OK && setup_shipped_instruments(st, &err) == 0 &&
		    fill(st, hash, wp_ids) == 0 &&
		    store_commit(st) == ST_OK)
			rc = 0;
		else
			store_rollback(st);
	}
	if (rc != 0) {
		fprintf(stderr, "werkplaats demo: %s\n", err ? err : store_errmsg(st));
		free(err);
		store_close(st);
		if (!store_is_postgres(path))
			remove(path);
		return 1;
	}
	store_close(st);
	printf("Created the demo in %s: %zu workplaces.\n%s", label, ARRAY_LEN(workplaces),
	       demo_login_text());
	return 0;
}
