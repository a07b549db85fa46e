#include "web/audit_log.h"

#include <string.h>

#include "base/util.h"

/* Every action code the program writes (store_audit, wp_audit; a test
 * holds the sources to this table). */
static const struct audit_kind {
	const char *code, *nl, *en;
} kinds[] = {
	{"instance created", "site aangemaakt", "site created"},
	{"institution created", "instelling aangemaakt", "institution created"},
	{"benchmark agreed", "ingestemd met vergelijken met een andere instelling",
	 "agreed to compare with another institution"},
	{"benchmark withdrawn", "instemming met vergelijken ingetrokken", "consent to compare withdrawn"},
	{"login", "ingelogd", "logged in"},
	{"password set", "wachtwoord ingesteld", "password set"},
	{"password reset", "wachtwoord gereset", "password reset"},
	{"account created", "account aangemaakt", "account created"},
	{"sign-in refused", "inloggen via de instelling geweigerd", "sign-in through the institution refused"},
	{"login link made", "eenmalige inloglink gemaakt", "one-time login link made"},
	{"password login", "inloggen met wachtwoord aan- of uitgezet", "password login switched"},
	{"identity provider added", "inlogdienst toegevoegd", "identity provider added"},
	{"identity provider removed", "inlogdienst verwijderd", "identity provider removed"},
	{"api token created", "API-token aangemaakt", "API token created"},
	{"api token revoked", "API-token ingetrokken", "API token revoked"},
	{"workplace created", "werkplaats aangemaakt", "workplace created"},
	{"profile updated", "profiel gewijzigd", "profile changed"},
	{"characteristics updated", "kenmerken beoordeeld", "characteristics assessed"},
	{"organisation created", "organisatie aangemaakt", "organisation created"},
	{"partner added", "partner toegevoegd", "partner added"},
	{"partner changed", "partner gewijzigd", "partner changed"},
	{"partner removed", "partner verwijderd", "partner removed"},
	{"member invited", "uitnodiging gemaakt", "member invited"},
	{"invitation revoked", "uitnodiging ingetrokken", "invitation revoked"},
	{"member joined", "lid geworden", "member joined"},
	{"member role changed", "rol gewijzigd", "role changed"},
	{"member removed", "lid verwijderd", "member removed"},
	{"round created", "meting aangemaakt", "round created"},
	{"round closed", "meting gesloten", "round closed"},
	{"round reopened", "meting heropend", "round reopened"},
	{"reminders planned", "herinneringen gepland", "reminders planned"},
	{"share link made", "deellink gemaakt", "share link made"},
	{"share link revoked", "deellink ingetrokken", "share link revoked"},
	{"share link used", "deellink gebruikt", "share link used"},
	{"mail settings", "e-mailinstellingen gewijzigd", "mail settings changed"},
	{"look changed", "logo of kleur gewijzigd", "logo or colour changed"},
	{"mail texts", "e-mailteksten gewijzigd", "mail texts changed"},
	{"invitations created", "uitnodigingen aangemaakt", "invitations created"},
	{"reminders", "herinneringen verstuurd", "reminders sent"},
	{"responses imported", "ingevulde vragenlijsten geïmporteerd", "responses imported"},
	{"paper form entered", "papieren formulier ingevoerd", "paper form typed in"},
	{"paper form counted", "papieren formulier gecontroleerd en geteld", "paper form checked and counted"},
	{"paper form removed", "invoer van papieren formulier verwijderd", "paper form entry removed"},
	{"own statement added", "eigen stelling toegevoegd", "own statement added"},
	{"own statement changed", "eigen stelling gewijzigd", "own statement changed"},
	{"own statement moved", "eigen stelling verplaatst", "own statement moved"},
	{"own statement removed", "eigen stelling verwijderd", "own statement removed"},
	{"own statements copied", "eigen stellingen overgenomen", "own statements copied"},
	{"action created", "actie aangemaakt", "action created"},
	{"action created (API)", "actie aangemaakt (API)", "action created (API)"},
	{"action changed", "actie gewijzigd", "action changed"},
	{"action note added", "voortgang genoteerd", "progress note added"},
	{"action from dialogue", "actie uit de dialoog", "action from the dialogue"},
	{"outcome created", "opbrengst vastgelegd", "outcome recorded"},
	{"outcome recorded (API)", "opbrengst vastgelegd (API)", "outcome recorded (API)"},
	{"outcome changed", "opbrengst gewijzigd", "outcome changed"},
	{"outcome deleted", "opbrengst verwijderd", "outcome deleted"},
	{"realist note added", "realistische notitie toegevoegd", "realist note added"},
	{"realist note deleted", "realistische notitie verwijderd", "realist note deleted"},
	{"action shared", "actie gedeeld met de instelling", "action shared with the institution"},
	{"action no longer shared", "actie niet meer gedeeld", "action no longer shared"},
	{"realist note shared", "realistische notitie gedeeld", "realist note shared"},
	{"realist note no longer shared", "realistische notitie niet meer gedeeld", "realist note no longer shared"},
	{"question raised", "vraagstuk ingebracht", "question raised"},
	{"question raised (API)", "vraagstuk ingebracht (API)", "question raised (API)"},
	{"question changed", "vraagstuk gewijzigd", "question changed"},
	{"question deleted", "vraagstuk verwijderd", "question deleted"},
	{"activity added", "activiteit toegevoegd", "activity added"},
	{"activity added (API)", "activiteit toegevoegd (API)", "activity added (API)"},
	{"activity changed", "activiteit gewijzigd", "activity changed"},
	{"activity deleted", "activiteit verwijderd", "activity deleted"},
	{"contributor added", "bijdrage toegevoegd", "contributor added"},
	{"contributor added (API)", "bijdrage toegevoegd (API)", "contributor added (API)"},
	{"contributor removed", "bijdrage verwijderd", "contributor removed"},
	{"retention changed", "bewaartermijnen gewijzigd", "retention changed"},
	{"privacy statement changed", "privacyverklaring gewijzigd", "privacy statement changed"},
	{"second factor on", "inloggen in twee stappen aangezet", "two-step login switched on"},
	{"second factor off", "inloggen in twee stappen uitgezet", "two-step login switched off"},
	{"second factor reset", "tweede stap gewist door beheerder", "second step cleared by an administrator"},
	{"person data deleted", "gegevens van een persoon verwijderd", "a person's data deleted"},
	{"answers deleted (retention)", "antwoorden verwijderd (bewaartermijn)", "answers deleted (retention)"},
	{"comments deleted (retention)", "opmerkingen verwijderd (bewaartermijn)", "comments deleted (retention)"},
	{"addresses deleted (retention)", "adressen verwijderd (bewaartermijn)", "addresses deleted (retention)"},
	{"audit log deleted (retention)", "logboek opgeschoond (bewaartermijn)", "audit log cleaned (retention)"},
};

/* The actions that count something: their detail is "round N: COUNT", and
 * their text says the count, singular or plural. */
static const struct audit_counted {
	const char *code, *nl_one, *nl_many, *en_one, *en_many;
} counted[] = {
	{"invitations created", "%d uitnodiging aangemaakt", "%d uitnodigingen aangemaakt", "%d invitation created",
	 "%d invitations created"},
	{"reminders", "%d herinnering verstuurd", "%d herinneringen verstuurd", "%d reminder sent",
	 "%d reminders sent"},
	{"responses imported", "%d ingevulde vragenlijst geïmporteerd", "%d ingevulde vragenlijsten geïmporteerd",
	 "%d response imported", "%d responses imported"},
	{"answers deleted (retention)", "antwoorden van %d ingevulde vragenlijst verwijderd (bewaartermijn)",
	 "antwoorden van %d ingevulde vragenlijsten verwijderd (bewaartermijn)",
	 "answers of %d response deleted (retention)", "answers of %d responses deleted (retention)"},
	{"comments deleted (retention)", "%d opmerking verwijderd (bewaartermijn)",
	 "%d opmerkingen verwijderd (bewaartermijn)", "%d comment deleted (retention)",
	 "%d comments deleted (retention)"},
	{"addresses deleted (retention)", "%d uitnodigingsadres verwijderd (bewaartermijn)",
	 "%d uitnodigingsadressen verwijderd (bewaartermijn)", "%d invitation address deleted (retention)",
	 "%d invitation addresses deleted (retention)"},
};

static const struct audit_counted *counted_of(const char *what)
{
	for (size_t i = 0; i < ARRAY_LEN(counted); i++)
		if (strcmp(counted[i].code, what) == 0)
			return &counted[i];
	return NULL;
}

/* "round N" at the start of s: the length of that part, else 0. */
static size_t round_prefix(const char *s)
{
	if (strncmp(s, "round ", 6) != 0 || s[6] < '0' || s[6] > '9')
		return 0;
	size_t n = 6;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* The count of a counted action's detail "round N: COUNT"; false when the
 * detail is not of that form. */
static bool detail_count(const char *detail, int *count)
{
	size_t n = round_prefix(detail);
	int64_t c;
	if (!n || strncmp(detail + n, ": ", 2) != 0 || !parse_int64(detail + n + 2, 0, 1000000000, &c))
		return false;
	*count = (int)c;
	return true;
}

const char *audit_action_text(arena *a, const char *what, const char *detail, bool english)
{
	const struct audit_counted *c = counted_of(what);
	int n;
	if (c && detail_count(detail, &n)) {
		const char *fmt = english ? (n == 1 ? c->en_one : c->en_many) : (n == 1 ? c->nl_one : c->nl_many);
		return arena_printf(a, fmt, n);
	}
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].code, what) == 0)
			return english ? kinds[i].en : kinds[i].nl;
	return what;
}

const char *audit_detail_text(arena *a, const char *what, const char *detail, bool english)
{
	size_t n = round_prefix(detail);
	int count;
	if (counted_of(what) && detail_count(detail, &count))
		return arena_printf(a, "%s %.*s", english ? "round" : "meting", (int)(n - 6), detail + 6);
	if (strcmp(detail, "no changes") == 0)
		return english ? detail : "geen wijzigingen";
	if (!n || english)
		return detail;
	return arena_printf(a, "meting %s", detail + 6);
}
