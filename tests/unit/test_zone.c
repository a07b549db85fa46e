/* test_zone.c - the site's time zone (base/zone.c) and what an audit log
 * entry says (web/audit_log.c): zone names checked against the tz
 * database, times shown in the zone with Dutch and English month names,
 * counted actions in singular and plural. */
#include "testutil.h"

#include "base/arena.h"
#include "base/zone.h"
#include "web/audit_log.h"

/* 2026-12-06 13:05 UTC (CET, UTC+1 in Amsterdam) and 2026-07-01 12:00 UTC (CEST, UTC+2) */
#define WINTER 1796562300
#define SUMMER 1782907200

static void test_zone_names(void **state)
{
	(void)state;
	assert_true(zone_known("Europe/Amsterdam"));
	assert_true(zone_known("UTC"));
	assert_true(zone_known("America/Argentina/Buenos_Aires"));
	const char *bad[] = {"", "Mars/Olympus", "Europe/Amsterdan", "Europe", "../../etc/passwd",
			     "/usr/share/zoneinfo/UTC", "Europe//Amsterdam", "Europe/Amsterdam/", ".hidden",
			     "Europe/./Amsterdam", "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Amsterdam\n", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(zone_known(bad[i]));
	assert_false(zone_known(NULL));
}

static void test_zone_set_keeps_the_zone_on_a_bad_name(void **state)
{
	(void)state;
	assert_true(zone_set("Europe/Amsterdam"));
	assert_false(zone_set("Mars/Olympus"));
	assert_string_equal(zone_name(), "Europe/Amsterdam");
	char s[ZONE_TIME_CHARS];
	zone_format(WINTER, false, true, s);
	assert_string_equal(s, "6 december 2026 14:05");
}

static void test_zone_format_amsterdam(void **state)
{
	(void)state;
	char s[ZONE_TIME_CHARS];
	assert_true(zone_set("Europe/Amsterdam"));
	zone_format(WINTER, false, true, s);
	assert_string_equal(s, "6 december 2026 14:05");
	zone_format(WINTER, true, true, s);
	assert_string_equal(s, "6 December 2026 14:05");
	zone_format(SUMMER, false, true, s);
	assert_string_equal(s, "1 juli 2026 14:00");
	zone_format(SUMMER, true, false, s);
	assert_string_equal(s, "1 July 2026");
	/* 23:30 UTC on 31 December is already the new year in Amsterdam */
	zone_format(1798759800, false, true, s);
	assert_string_equal(s, "1 januari 2027 00:30");
	/* the longest month and a two-digit day fit */
	zone_format(1790000000, false, true, s);
	assert_string_equal(s, "21 september 2026 16:13");
}

static void test_zone_format_utc(void **state)
{
	(void)state;
	char s[ZONE_TIME_CHARS];
	assert_true(zone_set("UTC"));
	assert_string_equal(zone_name(), "UTC");
	zone_format(WINTER, false, true, s);
	assert_string_equal(s, "6 december 2026 13:05");
	zone_format(0, true, true, s);
	assert_string_equal(s, "1 January 1970 00:00");
}

static void action_is(const char *what, const char *detail, const char *nl, const char *en)
{
	arena *a = arena_new();
	assert_string_equal(audit_action_text(a, what, detail, false), nl);
	assert_string_equal(audit_action_text(a, what, detail, true), en);
	arena_free(a);
}

static void detail_is(const char *what, const char *detail, const char *nl, const char *en)
{
	arena *a = arena_new();
	assert_string_equal(audit_detail_text(a, what, detail, false), nl);
	assert_string_equal(audit_detail_text(a, what, detail, true), en);
	arena_free(a);
}

static void test_audit_counted_actions(void **state)
{
	(void)state;
	action_is("invitations created", "round 12: 1", "1 uitnodiging aangemaakt", "1 invitation created");
	action_is("invitations created", "round 12: 2", "2 uitnodigingen aangemaakt", "2 invitations created");
	action_is("invitations created", "round 12: 0", "0 uitnodigingen aangemaakt", "0 invitations created");
	action_is("reminders", "round 3: 1", "1 herinnering verstuurd", "1 reminder sent");
	action_is("reminders", "round 3: 40", "40 herinneringen verstuurd", "40 reminders sent");
	action_is("responses imported", "round 9: 1", "1 ingevulde vragenlijst geïmporteerd", "1 response imported");
	action_is("responses imported", "round 9: 250", "250 ingevulde vragenlijsten geïmporteerd",
		  "250 responses imported");
	detail_is("invitations created", "round 12: 2", "meting 12", "round 12");
	/* a detail of another form: the action without a count, the detail as it is */
	action_is("invitations created", "round 12", "uitnodigingen aangemaakt", "invitations created");
	action_is("reminders", "round 12: many", "herinneringen verstuurd", "reminders sent");
	detail_is("reminders", "round 12: many", "meting 12: many", "round 12: many");
}

static void test_audit_other_actions(void **state)
{
	(void)state;
	action_is("round closed", "round 12", "meting gesloten", "round closed");
	detail_is("round closed", "round 12", "meting 12", "round 12");
	detail_is("round created", "round 7: Najaar (2026-09-01 to 2026-10-01, k=5)",
		  "meting 7: Najaar (2026-09-01 to 2026-10-01, k=5)", "round 7: Najaar (2026-09-01 to 2026-10-01, k=5)");
	action_is("login", "", "ingelogd", "logged in");
	action_is("action note added", "#3 \"x\" (2026-01-01)", "voortgang genoteerd", "progress note added");
	detail_is("action note added", "#3 \"x\" (2026-01-01)", "#3 \"x\" (2026-01-01)", "#3 \"x\" (2026-01-01)");
	detail_is("characteristics updated", "no changes", "geen wijzigingen", "no changes");
	detail_is("partner added", "roundabout as partner", "roundabout as partner", "roundabout as partner");
	/* a code the table does not know (an older version's) is shown as stored */
	action_is("something new", "", "something new", "something new");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zone_names),
		cmocka_unit_test(test_zone_set_keeps_the_zone_on_a_bad_name),
		cmocka_unit_test(test_zone_format_amsterdam),
		cmocka_unit_test(test_zone_format_utc),
		cmocka_unit_test(test_audit_counted_actions),
		cmocka_unit_test(test_audit_other_actions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
