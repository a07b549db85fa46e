/* test_store.c - the SQLite store on fresh temporary databases: opening,
 * schema versions, backup, accounts, sessions, throttling, password links,
 * workplaces, audit, settings, integrity check, transactions and pools.
 * Where a test needs to set up something the store cannot do (a disabled
 * account, a broken foreign key, an old schema), it uses sqlite3 directly. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/util.h"
#include "store/schema.h"
#include "store/store.h"

struct fx {
	char path[64];
	store *st;
	arena *a;
};

static int db_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	tu_tmp_db(f->path, sizeof f->path);
	char *err = NULL;
	f->st = store_open(f->path, &err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	f->a = arena_new();
	*state = f;
	return 0;
}

static int db_teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	arena_free(f->a);
	tu_remove_db(f->path);
	free(f);
	return 0;
}

/* ---- raw SQLite, for what the store does not offer ---- */

static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static bool contains(const char *s, const char *part)
{
	return s && strstr(s, part) != NULL;
}

static int64_t new_person(store *st, const char *name, const char *email)
{
	int64_t id = 0;
	assert_int_equal(store_person_create(st, name, email, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

/* ---- opening and schema versions ---- */

static void test_open_creates_schema(void **state)
{
	struct fx *f = *state;
	/* the fixture opened an empty file: the schema was created */
	assert_int_equal(store_schema_version(f->st), schema_latest());
	char *v = NULL;
	assert_int_equal(store_meta_get(f->st, f->a, "schema_version", &v), ST_OK);
	char want[16];
	snprintf(want, sizeof want, "%d", schema_latest());
	assert_string_equal(v, want);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				 " AND name IN ('people', 'accounts', 'sessions', 'workplaces',"
				 " 'memberships', 'audit_log')"),
			 6);
	/* from version 0 there is nothing to back up */
	char pattern[128];
	snprintf(pattern, sizeof pattern, "%s.bak-v*", f->path);
	assert_int_equal(tu_glob_count(pattern), 0);

	/* a path that does not exist yet is created too */
	char fresh[128];
	snprintf(fresh, sizeof fresh, "%s-new", f->path);
	char *err = NULL;
	store *st = store_open(fresh, &err);
	assert_non_null(st);
	assert_int_equal(store_schema_version(st), schema_latest());
	store_close(st);
	tu_remove_db(fresh);
}

static void test_reopen_keeps_schema_and_data(void **state)
{
	struct fx *f = *state;
	int64_t id = new_person(f->st, "Anna", "anna@example.nl");
	store_close(f->st);
	char *err = NULL;
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_schema_version(f->st), schema_latest());
	person p;
	assert_int_equal(store_person_get(f->st, f->a, id, &p), ST_OK);
	assert_string_equal(p.name, "Anna");
	char pattern[128];
	snprintf(pattern, sizeof pattern, "%s.bak-v*", f->path);
	assert_int_equal(tu_glob_count(pattern), 0); /* nothing migrated, nothing copied */
}

static void test_refuses_newer_schema(void **state)
{
	struct fx *f = *state;
	char v[16];
	snprintf(v, sizeof v, "%d", schema_latest() + 1);
	assert_int_equal(store_meta_set(f->st, "schema_version", v), ST_OK);
	store_close(f->st);
	f->st = NULL;

	char *err = NULL;
	assert_null(store_open(f->path, &err));
	assert_true(contains(err, "newer"));
	assert_true(contains(err, f->path));
	free(err);

	/* `check` can still look at it and says why */
	err = NULL;
	store *st = store_open_existing(f->path, true, &err);
	assert_non_null(st);
	char *report = NULL;
	assert_int_equal(store_check(st, f->a, &report), 1);
	assert_true(contains(report, "newer"));
	store_close(st);

	/* a version that is not a number is refused as well */
	tu_raw_exec(f->path, "UPDATE meta SET value = 'x1' WHERE key = 'schema_version'");
	err = NULL;
	assert_null(store_open(f->path, &err));
	assert_non_null(err);
	free(err);
	/* and the file is left as it was */
	assert_int_equal(raw_int(f->path, "SELECT value = 'x1' FROM meta WHERE key = 'schema_version'"), 1);
}

static void test_failed_migration_changes_nothing(void **state)
{
	struct fx *f = *state;
	new_person(f->st, "Anna", "anna@example.nl");
	store_close(f->st);
	f->st = NULL;
	/* The tables exist but the version says 0: migration 1 runs again and
	 * fails on the first CREATE TABLE; its transaction is rolled back. */
	tu_raw_exec(f->path, "UPDATE meta SET value = '0' WHERE key = 'schema_version'");
	char *err = NULL;
	assert_null(store_open(f->path, &err));
	assert_true(contains(err, "migration failed"));
	free(err);
	assert_int_equal(raw_int(f->path, "SELECT value = '0' FROM meta WHERE key = 'schema_version'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 1);
}

/* Build a genuine database of schema version `version` with sqlite3 alone. */
static void build_old_schema(const char *path, int version)
{
	for (int v = 1; v <= version; v++)
		tu_raw_exec(path, schema_migration(v));
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO meta (key, value) VALUES ('schema_version', '%d')",
		 version);
	tu_raw_exec(path, sql);
}

static void test_migration_makes_backup(void **state)
{
	(void)state;
	/* A backup is made only when migrating from a version > 0. With one
	 * migration there is no such version yet; test_store_backup covers
	 * the copy itself. This test runs once migration 2 exists. */
	if (schema_latest() < 2)
		skip();
	char path[64];
	tu_tmp_db(path, sizeof path);
	int old = schema_latest() - 1;
	build_old_schema(path, old);
	tu_raw_exec(path, "INSERT INTO people (name, email, created_at) VALUES ('Anna', 'a@b.nl', 0)");

	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st)
		fail_msg("migrating v%d: %s", old, err);
	assert_int_equal(store_schema_version(st), schema_latest());
	store_close(st);

	char pattern[128];
	snprintf(pattern, sizeof pattern, "%s.bak-v%d-*", path, old);
	assert_int_equal(tu_glob_count(pattern), 1);
	glob_t g;
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	st = store_open_existing(g.gl_pathv[0], true, &err);
	globfree(&g);
	assert_non_null(st);
	assert_int_equal(store_schema_version(st), old);
	store_close(st);
	tu_remove_db(path);
}

static void test_schema_migrations_in_range(void **state)
{
	(void)state;
	assert_true(schema_latest() >= 1);
	assert_null(schema_migration(0));
	assert_null(schema_migration(schema_latest() + 1));
	for (int v = 1; v <= schema_latest(); v++)
		assert_non_null(schema_migration(v));
	/* every migration applies cleanly on top of the previous ones */
	char path[64];
	tu_tmp_db(path, sizeof path);
	build_old_schema(path, schema_latest());
	char *err = NULL;
	store *st = store_open(path, &err);
	assert_non_null(st);
	arena *a = arena_new();
	char *report;
	assert_int_equal(store_check(st, a, &report), 0);
	arena_free(a);
	store_close(st);
	tu_remove_db(path);
}

static void test_store_backup(void **state)
{
	struct fx *f = *state;
	new_person(f->st, "Anna", "anna@example.nl");
	char copy[128];
	snprintf(copy, sizeof copy, "%s.bak-vtest", f->path);
	assert_int_equal(store_backup(f->st, copy), ST_OK);
	/* the original keeps working and the copy is independent */
	new_person(f->st, "Bram", "bram@example.nl");

	char *err = NULL;
	store *st = store_open_existing(copy, true, &err);
	assert_non_null(st);
	assert_int_equal(store_schema_version(st), schema_latest());
	person p;
	assert_int_equal(store_person_by_email(st, f->a, "anna@example.nl", &p, NULL), ST_OK);
	assert_int_equal(store_person_by_email(st, f->a, "bram@example.nl", &p, NULL), ST_NOTFOUND);
	char *report;
	assert_int_equal(store_check(st, f->a, &report), 0);
	store_close(st);

	assert_int_not_equal(store_backup(f->st, "/nonexistent-dir/x/backup.db"), ST_OK);
}

static void test_open_existing_and_bad_files(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	assert_null(store_open_existing("/tmp/wp-unit-does-not-exist", true, &err));
	assert_true(contains(err, "no such file"));
	free(err);

	/* a file that is not a database */
	char junk[64];
	tu_tmp_db(junk, sizeof junk);
	FILE *fp = fopen(junk, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("this is not an SQLite database\n", fp);
	fclose(fp);
	err = NULL;
	assert_null(store_open(junk, &err));
	assert_non_null(err);
	free(err);
	tu_remove_db(junk);

	err = NULL;
	assert_null(store_open("/nonexistent-dir/x/wp.db", &err));
	assert_non_null(err);
	free(err);

	/* an existing good database opens without migrating */
	err = NULL;
	store *st = store_open_existing(f->path, false, &err);
	assert_non_null(st);
	assert_int_equal(store_schema_version(st), schema_latest());
	store_close(st);
}

/* ---- people and accounts ---- */

static void test_people_and_accounts(void **state)
{
	struct fx *f = *state;
	int64_t anna = new_person(f->st, "Anna", "anna@example.nl");
	int64_t id = 0;
	assert_int_equal(store_person_create(f->st, "Anna 2", "anna@example.nl", &id), ST_CONFLICT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM accounts"), 1);

	person p;
	assert_int_equal(store_person_get(f->st, f->a, anna, &p), ST_OK);
	assert_true(p.id == anna);
	assert_string_equal(p.name, "Anna");
	assert_string_equal(p.email, "anna@example.nl");
	assert_false(p.has_password);
	assert_false(p.is_admin || p.is_programme_lead || p.is_researcher || p.disabled);
	assert_int_equal(store_person_get(f->st, f->a, anna + 100, &p), ST_NOTFOUND);

	/* no password yet */
	char *hash = (char *)"unset";
	assert_int_equal(store_person_by_email(f->st, f->a, "anna@example.nl", &p, &hash), ST_OK);
	assert_null(hash);
	assert_int_equal(store_account_password_hash(f->st, f->a, anna, &hash), ST_NOTFOUND);

	assert_int_equal(store_account_set_password(f->st, anna, "$argon2id$v=19$fake"), ST_OK);
	assert_int_equal(store_person_by_email(f->st, f->a, "anna@example.nl", &p, &hash), ST_OK);
	assert_string_equal(hash, "$argon2id$v=19$fake");
	assert_true(p.has_password);
	assert_true(p.id == anna);
	assert_int_equal(store_account_password_hash(f->st, f->a, anna, &hash), ST_OK);
	assert_string_equal(hash, "$argon2id$v=19$fake");
	assert_int_equal(store_person_by_email(f->st, f->a, "anna@example.nl", &p, NULL), ST_OK);
	assert_int_equal(store_person_by_email(f->st, f->a, "nobody@example.nl", &p, &hash),
			 ST_NOTFOUND);
	assert_int_equal(store_person_by_email(f->st, f->a, "ANNA@example.nl", &p, &hash),
			 ST_NOTFOUND); /* addresses are stored lower-cased by the web layer */

	assert_int_equal(store_account_set_roles(f->st, anna, true, false, true), ST_OK);
	assert_int_equal(store_person_get(f->st, f->a, anna, &p), ST_OK);
	assert_true(p.is_admin);
	assert_false(p.is_programme_lead);
	assert_true(p.is_researcher);
	assert_int_equal(store_account_set_roles(f->st, anna, false, true, false), ST_OK);
	assert_int_equal(store_person_get(f->st, f->a, anna, &p), ST_OK);
	assert_false(p.is_admin);
	assert_true(p.is_programme_lead);
	assert_false(p.is_researcher);

	assert_int_equal(store_account_set_roles(f->st, anna + 100, true, true, true), ST_NOTFOUND);
	assert_int_equal(store_account_set_password(f->st, anna + 100, "x"), ST_NOTFOUND);
}

static void test_people_list_order(void **state)
{
	struct fx *f = *state;
	new_person(f->st, "Cees", "cees@example.nl");
	new_person(f->st, "Anna", "anna@example.nl");
	new_person(f->st, "Bram", "bram@example.nl");
	person *list;
	int n;
	assert_int_equal(store_people_list(f->st, f->a, &list, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Anna");
	assert_string_equal(list[1].name, "Bram");
	assert_string_equal(list[2].name, "Cees");
	assert_string_equal(list[2].email, "cees@example.nl");
}

/* ---- sessions ---- */

static void test_sessions(void **state)
{
	struct fx *f = *state;
	int64_t anna = new_person(f->st, "Anna", "anna@example.nl");
	int64_t bram = new_person(f->st, "Bram", "bram@example.nl");
	assert_int_equal(store_session_create(f->st, "h1", anna, 1000), ST_OK);
	assert_int_equal(store_session_create(f->st, "h1", bram, 1000), ST_CONFLICT);
	assert_int_equal(store_session_create(f->st, "h9", anna + bram + 100, 1000), ST_CONFLICT);

	person p;
	assert_int_equal(store_session_person(f->st, f->a, "h1", 999, &p), ST_OK);
	assert_true(p.id == anna);
	assert_string_equal(p.email, "anna@example.nl");
	assert_int_equal(store_session_person(f->st, f->a, "h1", 1000, &p), ST_NOTFOUND); /* expired */
	assert_int_equal(store_session_person(f->st, f->a, "h1", 5000, &p), ST_NOTFOUND);
	assert_int_equal(store_session_person(f->st, f->a, "nope", 0, &p), ST_NOTFOUND);

	/* a disabled account has no live session */
	tu_raw_exec(f->path, "UPDATE accounts SET disabled = 1 WHERE person_id = (SELECT id FROM people"
			  " WHERE email = 'anna@example.nl')");
	assert_int_equal(store_session_person(f->st, f->a, "h1", 999, &p), ST_NOTFOUND);
	tu_raw_exec(f->path, "UPDATE accounts SET disabled = 0");
	assert_int_equal(store_session_person(f->st, f->a, "h1", 999, &p), ST_OK);

	assert_int_equal(store_session_delete(f->st, "h1"), ST_OK);
	assert_int_equal(store_session_person(f->st, f->a, "h1", 999, &p), ST_NOTFOUND);
	assert_int_equal(store_session_delete(f->st, "h1"), ST_OK); /* already gone: fine */

	/* all sessions of one person, and only theirs */
	assert_int_equal(store_session_create(f->st, "a1", anna, 1000), ST_OK);
	assert_int_equal(store_session_create(f->st, "a2", anna, 2000), ST_OK);
	assert_int_equal(store_session_create(f->st, "b1", bram, 1000), ST_OK);
	assert_int_equal(store_sessions_delete_person(f->st, anna), ST_OK);
	assert_int_equal(store_session_person(f->st, f->a, "a1", 0, &p), ST_NOTFOUND);
	assert_int_equal(store_session_person(f->st, f->a, "a2", 0, &p), ST_NOTFOUND);
	assert_int_equal(store_session_person(f->st, f->a, "b1", 0, &p), ST_OK);
	assert_true(p.id == bram);
}

/* ---- throttling ---- */

static bool blocked_at(store *st, const char *key, int64_t now, int max)
{
	bool b = true;
	assert_int_equal(store_throttle_blocked(st, key, now, 60, max, &b), ST_OK);
	return b;
}

static void test_throttle(void **state)
{
	struct fx *f = *state;
	const char *k = "login:anna@example.nl";
	assert_false(blocked_at(f->st, k, 1000, 3));
	assert_int_equal(store_throttle_fail(f->st, k, 1000, 60), ST_OK);
	assert_int_equal(store_throttle_fail(f->st, k, 1010, 60), ST_OK);
	assert_false(blocked_at(f->st, k, 1020, 3)); /* 2 of 3 */
	assert_int_equal(store_throttle_fail(f->st, k, 1020, 60), ST_OK);
	assert_true(blocked_at(f->st, k, 1020, 3)); /* 3 of 3 */
	assert_true(blocked_at(f->st, k, 1059, 3)); /* the window started at 1000 */
	assert_false(blocked_at(f->st, k, 1060, 3)); /* and ends at 1060 */
	assert_false(blocked_at(f->st, "login:other", 1020, 3));

	/* a failure after the window starts counting again from 1 */
	assert_int_equal(store_throttle_fail(f->st, k, 1061, 60), ST_OK);
	assert_false(blocked_at(f->st, k, 1061, 3));
	assert_true(blocked_at(f->st, k, 1061, 1));
	assert_false(blocked_at(f->st, k, 1061, 2));
	assert_int_equal(store_throttle_fail(f->st, k, 1062, 60), ST_OK);
	assert_int_equal(store_throttle_fail(f->st, k, 1063, 60), ST_OK);
	assert_true(blocked_at(f->st, k, 1063, 3));

	assert_int_equal(store_throttle_clear(f->st, k), ST_OK);
	assert_false(blocked_at(f->st, k, 1063, 3));
	assert_false(blocked_at(f->st, k, 1063, 1));
}

static void test_throttle_window_edge(void **state)
{
	struct fx *f = *state;
	const char *k = "ip:192.0.2.1";
	assert_int_equal(store_throttle_fail(f->st, k, 1000, 60), ST_OK);
	assert_int_equal(store_throttle_fail(f->st, k, 1059, 60), ST_OK); /* last second inside */
	assert_true(blocked_at(f->st, k, 1059, 2));
	assert_int_equal(store_throttle_fail(f->st, k, 1060, 60), ST_OK); /* first second outside */
	/* a new window of one failure, starting at 1060 */
	assert_true(blocked_at(f->st, k, 1060, 1));
	assert_false(blocked_at(f->st, k, 1060, 2));
	assert_true(blocked_at(f->st, k, 1119, 1));
	assert_false(blocked_at(f->st, k, 1120, 1));
}

/* ---- password links ---- */

static void test_password_links(void **state)
{
	struct fx *f = *state;
	int64_t anna = new_person(f->st, "Anna", "anna@example.nl");
	int64_t bram = new_person(f->st, "Bram", "bram@example.nl");
	assert_int_equal(store_password_link_create(f->st, "p1", anna, 2000), ST_OK);
	assert_int_equal(store_password_link_create(f->st, "p2", bram, 2000), ST_OK);
	assert_int_equal(store_password_link_create(f->st, "p1", bram, 2000), ST_CONFLICT);

	int64_t who = 0;
	assert_int_equal(store_password_link_person(f->st, "p1", 1999, &who), ST_OK);
	assert_true(who == anna);
	assert_int_equal(store_password_link_person(f->st, "p1", 2000, &who), ST_NOTFOUND);
	assert_int_equal(store_password_link_person(f->st, "zz", 0, &who), ST_NOTFOUND);

	assert_int_equal(store_password_link_delete_person(f->st, anna), ST_OK);
	assert_int_equal(store_password_link_person(f->st, "p1", 1999, &who), ST_NOTFOUND);
	assert_int_equal(store_password_link_person(f->st, "p2", 1999, &who), ST_OK);
	assert_true(who == bram);
}

/* ---- workplaces ---- */

static void test_workplaces(void **state)
{
	struct fx *f = *state;
	arena *a = f->a;
	int64_t anna = new_person(f->st, "Anna", "anna@example.nl");
	int64_t bram = new_person(f->st, "Bram", "bram@example.nl");
	int64_t cees = new_person(f->st, "Cees", "cees@example.nl");

	int64_t hs, zh;
	assert_int_equal(store_org_create(f->st, "Ziekenhuis Y", ORG_PUBLIC, &zh), ST_OK);
	assert_int_equal(store_org_create(f->st, "Hogeschool X", ORG_HBO, &hs), ST_OK);
	organisation *orgs;
	int n;
	assert_int_equal(store_orgs_list(f->st, a, &orgs, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(orgs[0].name, "Hogeschool X");
	assert_int_equal(orgs[0].kind, ORG_HBO);
	assert_int_equal(orgs[1].kind, ORG_PUBLIC);

	workplace w = {.slug = "zorg-leren", .name = "Zorg & Leren", .domain = "zorg",
		       .location = "Tilburg", .start_date = "2024-09-01",
		       .description = "Samen leren op de afdeling.", .vision = "Leren <samen>"};
	int64_t wz, wa;
	assert_int_equal(store_workplace_create(f->st, &w, &wz), ST_OK);
	assert_int_equal(store_workplace_create(f->st, &w, NULL), ST_CONFLICT); /* slug taken */
	workplace w2 = {.slug = "alpha", .name = "Alpha werkplaats"};
	assert_int_equal(store_workplace_create(f->st, &w2, &wa), ST_OK);
	assert_true(wz != wa);

	workplace got;
	assert_int_equal(store_workplace_by_slug(f->st, a, "zorg-leren", &got), ST_OK);
	assert_true(got.id == wz);
	assert_string_equal(got.name, "Zorg & Leren");
	assert_string_equal(got.domain, "zorg");
	assert_string_equal(got.location, "Tilburg");
	assert_string_equal(got.start_date, "2024-09-01");
	assert_string_equal(got.description, "Samen leren op de afdeling.");
	assert_string_equal(got.vision, "Leren <samen>");
	assert_int_equal(store_workplace_by_slug(f->st, a, "alpha", &got), ST_OK);
	assert_string_equal(got.domain, "");
	assert_string_equal(got.start_date, ""); /* no start date reads as empty */
	assert_int_equal(store_workplace_by_slug(f->st, a, "Alpha", &got), ST_NOTFOUND);
	assert_int_equal(store_workplace_by_slug(f->st, a, "", &got), ST_NOTFOUND);

	/* memberships */
	assert_int_equal(store_membership_set(f->st, wz, anna, ROLE_COORDINATOR), ST_OK);
	assert_int_equal(store_membership_set(f->st, wz, bram, ROLE_MEMBER), ST_OK);
	assert_int_equal(store_membership_set(f->st, wa, bram, ROLE_COORDINATOR), ST_OK);
	assert_int_equal(store_membership_set(f->st, wa, cees, ROLE_COUNT), ST_CONFLICT); /* no code: the CHECK */
	assert_int_equal(store_membership_set(f->st, wa + wz + 100, cees, ROLE_MEMBER), ST_CONFLICT);

	int role = 99;
	assert_int_equal(store_membership_role(f->st, wz, anna, &role), ST_OK);
	assert_int_equal(role, ROLE_COORDINATOR);
	assert_int_equal(store_membership_role(f->st, wz, bram, &role), ST_OK);
	assert_int_equal(role, ROLE_MEMBER);
	assert_int_equal(store_membership_role(f->st, wz, cees, &role), ST_OK);
	assert_int_equal(role, -1); /* an outsider */
	role = 99;
	assert_int_equal(store_membership_role(f->st, wa, anna, &role), ST_OK);
	assert_int_equal(role, -1);

	workplace *list;
	assert_int_equal(store_workplaces_for(f->st, a, anna, false, &list, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].slug, "zorg-leren");
	assert_string_equal(list[0].my_role, "coordinator");
	assert_int_equal(store_workplaces_for(f->st, a, bram, false, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Alpha werkplaats"); /* by name */
	assert_string_equal(list[0].my_role, "coordinator");
	assert_string_equal(list[1].name, "Zorg & Leren");
	assert_string_equal(list[1].my_role, "member");
	assert_int_equal(store_workplaces_for(f->st, a, cees, false, &list, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_workplaces_for(f->st, a, cees, true, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].my_role, "");
	assert_string_equal(list[1].my_role, "");
	assert_int_equal(store_workplaces_for(f->st, a, anna, true, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].my_role, "");
	assert_string_equal(list[1].my_role, "coordinator");

	/* members: coordinators first, then by name */
	assert_int_equal(store_membership_set(f->st, wz, cees, ROLE_MEMBER), ST_OK);
	member *mem;
	assert_int_equal(store_members(f->st, a, wz, &mem, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(mem[0].name, "Anna");
	assert_int_equal(mem[0].role, ROLE_COORDINATOR);
	assert_string_equal(mem[1].name, "Bram");
	assert_string_equal(mem[2].name, "Cees");
	assert_string_equal(mem[2].email, "cees@example.nl");
	assert_true(mem[2].person_id == cees);
	/* setting again changes the role */
	assert_int_equal(store_membership_set(f->st, wz, cees, ROLE_COORDINATOR), ST_OK);
	assert_int_equal(store_members(f->st, a, wz, &mem, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(mem[1].name, "Cees");
	assert_int_equal(mem[1].role, ROLE_COORDINATOR);
	assert_string_equal(mem[2].name, "Bram");

	/* partners: the lead first, even when its name sorts last */
	assert_int_equal(store_partner_add(f->st, wz, hs, "partner", "2024-09-01"), ST_OK);
	assert_int_equal(store_partner_add(f->st, wz, zh, "lead", NULL), ST_OK);
	assert_int_equal(store_partner_add(f->st, wz, zh, "partner", NULL), ST_CONFLICT);
	assert_int_equal(store_partner_add(f->st, wa, hs, "boss", NULL), ST_CONFLICT);
	assert_int_equal(store_partner_add(f->st, wa, hs + zh + 100, "partner", NULL), ST_CONFLICT);
	partner *parts;
	assert_int_equal(store_partners(f->st, a, wz, &parts, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_true(parts[0].org_id == zh);
	assert_string_equal(parts[0].name, "Ziekenhuis Y");
	assert_int_equal(parts[0].kind, ORG_PUBLIC);
	assert_string_equal(parts[0].role, "lead");
	assert_string_equal(parts[0].joined_on, "");
	assert_true(parts[1].org_id == hs);
	assert_int_equal(parts[1].kind, ORG_HBO);
	assert_string_equal(parts[1].role, "partner");
	assert_string_equal(parts[1].joined_on, "2024-09-01");
	assert_int_equal(store_partners(f->st, a, wa, &parts, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* ---- audit and settings ---- */

static void test_audit(void **state)
{
	struct fx *f = *state;
	int64_t anna = new_person(f->st, "Anna", "anna@example.nl");
	workplace w = {.slug = "w", .name = "W"};
	int64_t wid;
	assert_int_equal(store_workplace_create(f->st, &w, &wid), ST_OK);
	assert_int_equal(store_audit(f->st, anna, wid, "workplace.create", "slug=w"), ST_OK);
	assert_int_equal(store_audit(f->st, 0, 0, "system.start", NULL), ST_OK);
	assert_int_equal(store_audit(f->st, anna + 100, 0, "x", NULL), ST_CONFLICT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit_log"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit_log WHERE action ="
				 " 'workplace.create' AND detail = 'slug=w' AND person_id IS NOT NULL"
				 " AND workplace_id IS NOT NULL AND at > 0"),
			 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit_log WHERE action ="
				 " 'system.start' AND detail = '' AND person_id IS NULL"
				 " AND workplace_id IS NULL"),
			 1);
}

static void test_meta(void **state)
{
	struct fx *f = *state;
	char *v = NULL;
	assert_int_equal(store_meta_get(f->st, f->a, "site_secret", &v), ST_NOTFOUND);
	assert_int_equal(store_meta_set(f->st, "site_secret", "abc"), ST_OK);
	assert_int_equal(store_meta_get(f->st, f->a, "site_secret", &v), ST_OK);
	assert_string_equal(v, "abc");
	assert_int_equal(store_meta_set(f->st, "site_secret", "d'e\"f"), ST_OK);
	assert_int_equal(store_meta_get(f->st, f->a, "site_secret", &v), ST_OK);
	assert_string_equal(v, "d'e\"f");
	assert_int_equal(store_meta_set(f->st, "empty", ""), ST_OK);
	assert_int_equal(store_meta_get(f->st, f->a, "empty", &v), ST_OK);
	assert_string_equal(v, "");
}

/* ---- integrity check ---- */

static void test_check(void **state)
{
	struct fx *f = *state;
	char *report = (char *)"unset";
	assert_int_equal(store_check(f->st, f->a, &report), 0);
	assert_null(report);

	new_person(f->st, "Anna", "anna@example.nl");
	assert_int_equal(store_check(f->st, f->a, &report), 0);

	/* a session of a person that does not exist, slipped past the rules */
	tu_raw_exec(f->path, "PRAGMA foreign_keys = OFF;"
			  " INSERT INTO sessions (token_hash, person_id, created_at, expires_at)"
			  " VALUES ('orphan', 999, 0, 0)");
	assert_int_equal(store_check(f->st, f->a, &report), 1);
	assert_true(contains(report, "foreign key"));
	assert_true(contains(report, "sessions"));
	assert_true(contains(report, "people"));

	/* no schema version: not ours */
	tu_raw_exec(f->path, "DELETE FROM sessions; DELETE FROM meta");
	assert_int_equal(store_check(f->st, f->a, &report), 1);
	assert_true(contains(report, "schema"));
}

static void test_check_corrupt_index(void **state)
{
	struct fx *f = *state;
	new_person(f->st, "Anna", "anna@example.nl");
	new_person(f->st, "Bram", "bram@example.nl");
	store_close(f->st);
	f->st = NULL;
	/* An index whose stored definition no longer matches its entries: the
	 * kind of damage only PRAGMA integrity_check finds. */
	tu_raw_exec(f->path, "CREATE INDEX people_name ON people(name);"
			  " PRAGMA writable_schema = ON;"
			  " UPDATE sqlite_master SET sql = 'CREATE INDEX people_name ON people(email)'"
			  " WHERE name = 'people_name';"
			  " PRAGMA writable_schema = OFF;");
	char *err = NULL;
	store *st = store_open_existing(f->path, true, &err);
	assert_non_null(st);
	char *report = NULL;
	int problems = store_check(st, f->a, &report);
	store_close(st);
	assert_true(problems >= 1);
	assert_true(contains(report, "integrity"));
	assert_true(contains(report, "people_name"));
}

/* ---- transactions ---- */

static void test_transactions(void **state)
{
	struct fx *f = *state;
	person p;
	assert_int_equal(store_begin(f->st), ST_OK);
	new_person(f->st, "Anna", "anna@example.nl");
	assert_int_equal(store_person_by_email(f->st, f->a, "anna@example.nl", &p, NULL), ST_OK);
	store_rollback(f->st);
	assert_int_equal(store_person_by_email(f->st, f->a, "anna@example.nl", &p, NULL), ST_NOTFOUND);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM accounts"), 0);

	assert_int_equal(store_begin(f->st), ST_OK);
	new_person(f->st, "Bram", "bram@example.nl");
	assert_int_equal(store_commit(f->st), ST_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 1);

	assert_int_equal(store_begin_read(f->st), ST_OK);
	assert_int_equal(store_person_by_email(f->st, f->a, "bram@example.nl", &p, NULL), ST_OK);
	store_rollback(f->st);
	store_rollback(f->st); /* nothing open: harmless */
}

/* ---- pools ---- */

static void test_pool_readonly(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	f->st = NULL;
	char *err = NULL;
	store_pool *pool = store_pool_open(f->path, 2, &err);
	assert_non_null(pool);

	store *rw = store_acquire(pool, false);
	assert_int_equal(store_meta_set(rw, "k", "v"), ST_OK);
	store *ro = store_acquire(pool, true);
	assert_true(ro != rw);
	char *v = NULL;
	assert_int_equal(store_meta_get(ro, f->a, "k", &v), ST_OK);
	assert_string_equal(v, "v");

	/* writes through a read-only connection fail cleanly */
	store_rc rc = store_meta_set(ro, "k", "w");
	assert_true(rc == ST_ERROR);
	assert_true(strlen(store_errmsg(ro)) > 0);
	int64_t id = 0;
	assert_int_not_equal(store_person_create(ro, "Eve", "eve@example.nl", &id), ST_OK);
	assert_int_not_equal(store_audit(ro, 0, 0, "x", NULL), ST_OK);
	assert_int_equal(store_meta_get(rw, f->a, "k", &v), ST_OK);
	assert_string_equal(v, "v");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 0);
	/* and the connection stays usable for reading */
	assert_int_equal(store_meta_get(ro, f->a, "k", &v), ST_OK);
	store_release(pool, ro);

	/* release rolls back what was left open */
	assert_int_equal(store_begin(rw), ST_OK);
	assert_int_equal(store_meta_set(rw, "k", "uncommitted"), ST_OK);
	store_release(pool, rw);
	rw = store_acquire(pool, false);
	assert_int_equal(store_meta_get(rw, f->a, "k", &v), ST_OK);
	assert_string_equal(v, "v");

	ro = store_acquire(pool, true);
	assert_int_equal(store_begin_read(ro), ST_OK);
	assert_int_equal(store_meta_get(ro, f->a, "k", &v), ST_OK);
	assert_string_equal(v, "v");
	store_release(pool, ro);
	store_release(pool, rw);
	store_pool_close(pool);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, db_setup, db_teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_creates_schema),
		T(test_reopen_keeps_schema_and_data),
		T(test_refuses_newer_schema),
		T(test_failed_migration_changes_nothing),
		cmocka_unit_test(test_migration_makes_backup),
		cmocka_unit_test(test_schema_migrations_in_range),
		T(test_store_backup),
		T(test_open_existing_and_bad_files),
		T(test_people_and_accounts),
		T(test_people_list_order),
		T(test_sessions),
		T(test_throttle),
		T(test_throttle_window_edge),
		T(test_password_links),
		T(test_workplaces),
		T(test_audit),
		T(test_meta),
		T(test_check),
		T(test_check_corrupt_index),
		T(test_transactions),
		T(test_pool_readonly),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
