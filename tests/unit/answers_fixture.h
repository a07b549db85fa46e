/* answers_fixture.h - a small database for the tests of how answers are
 * kept (test_answers.c on SQLite, test_pg.c on PostgreSQL), valid in
 * schema v3 and in the latest. Version 1 numbers its questions out of
 * position order (position 0 is item 12, 1 the open question 10, 2 item
 * 11, 3 item 13), so that nothing may confuse an item's id with its place;
 * version 2 has items 20 and 21. Every expected text is written out by
 * hand from that table. */
#ifndef WP_ANSWERS_FIXTURE_H
#define WP_ANSWERS_FIXTURE_H

/* valid in schema v3 and in the latest */
static const char answers_fixture[] =
	"INSERT INTO workplaces (id, slug, name, created_at) VALUES (1, 'wp', 'W', 0);"
	"INSERT INTO instruments (id, code, created_at) VALUES (1, 'x', 0);"
	"INSERT INTO instrument_versions (id, instrument_id, version_no, label, definition, sha256,"
	" created_at) VALUES (1, 1, 1, 'v1', '{}', 'a', 0), (2, 1, 2, 'v2', '{}', 'b', 0);"
	"INSERT INTO items (id, version_id, code, kind, section, group_code, position) VALUES"
	" (12, 1, 'A', 'scale', 'element', 'LOS', 0), (10, 1, 'Q', 'open', 'element', 'LOS', 1),"
	" (11, 1, 'B', 'scale', 'element', 'LOS', 2), (13, 1, 'C', 'scale', 'element', 'SRI', 3),"
	" (20, 2, 'A', 'scale', 'element', 'LOS', 0), (21, 2, 'B', 'scale', 'element', 'LOS', 1);"
	"INSERT INTO rounds (id, workplace_id, version_id, title, opens_on, closes_on, open_token,"
	" created_at) VALUES (1, 1, 1, 'R1', '2026-01-01', '2026-12-31', 't1', 0),"
	" (2, 1, 2, 'R2', '2026-01-01', '2026-12-31', 't2', 0);";

/* schema v3: responses and their answers as rows */
static const char answers_fixture_v3_responses[] =
	"INSERT INTO responses (id, round_id, perspective, access_hash, submitted) VALUES"
	" (1, 1, 'student', 'h1', 1), (2, 1, 'teacher', 'h2', 0),"
	" (3, 2, 'citizen', 'h3', 1), (4, 1, 'manager', 'h4', 0)";
static const char answers_fixture_v3_answers[] =
	"INSERT INTO answers (response_id, item_id, value) VALUES"
	" (1, 12, 3), (1, 11, NULL), (1, 13, 5), (2, 13, 1), (3, 21, 2)";
/* what migration 4 makes of them: responses 1..4 ("NULL": no text) */
static const char *const answers_fixture_v3_texts[] = {"3.05", "...1", ".2", "NULL"};
/* the answers view afterwards, as one line (SQLite 3.40 has no ordered
 * aggregate; a sorted subquery keeps its order there) */
static const char answers_fixture_view_sqlite[] =
	"SELECT group_concat(response_id || ':' || item_id || '=' || COALESCE(value, 'dk'), ' ')"
	" FROM (SELECT * FROM answers ORDER BY response_id, item_id)";
static const char answers_fixture_view_pg[] =
	"SELECT string_agg(response_id || ':' || item_id || '=' || COALESCE(CAST(value AS TEXT), 'dk'),"
	" ' ' ORDER BY response_id, item_id) FROM answers";
static const char answers_fixture_view[] = "1:11=dk 1:12=3 1:13=5 2:13=1 3:21=2";

#endif
