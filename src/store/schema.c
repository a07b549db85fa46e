/* schema.c - the versioned migrations. Migration N turns schema N-1 into
 * schema N; they run in order inside one transaction at start. Never edit a
 * migration that has been released: add the next one.
 *
 * One source for both backends. The migrations are written in SQLite's
 * dialect, and schema_migration_sql() translates the few SQLite-only
 * constructs for PostgreSQL when it is asked for that dialect (see "the
 * PostgreSQL dialect" below). We chose translation over a second text per
 * migration because two texts drift apart: a column added to one and
 * forgotten in the other is found only on the other backend, in
 * production. The translator refuses what it does not know (the unit test
 * translates every migration), and a migration that needs more than it
 * offers can give its PostgreSQL text in pg_override[] instead. */
#include "schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"

static const char *const migrations[] = {
	/* 1: the domain */
	"CREATE TABLE meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE perspectives (\n"
	"  code TEXT PRIMARY KEY,\n"
	"  position INTEGER NOT NULL UNIQUE\n"
	");\n"
	"INSERT INTO perspectives (code, position) VALUES ('student', 0), ('professional', 1),"
	" ('teacher', 2), ('researcher', 3), ('citizen', 4), ('manager', 5), ('other', 6);\n"
	"CREATE TABLE organisations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('hbo','university','mbo','public','private','citizens')),\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE workplaces (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  domain TEXT NOT NULL DEFAULT '',\n"
	"  location TEXT NOT NULL DEFAULT '',\n"
	"  start_date TEXT,\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  vision TEXT NOT NULL DEFAULT '',\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE workplace_triggers (\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('complex','opportunity','urgency')),\n"
	"  text TEXT NOT NULL DEFAULT '',\n"
	"  PRIMARY KEY (workplace_id, kind)\n"
	");\n"
	"CREATE TABLE partners (\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  organisation_id INTEGER NOT NULL REFERENCES organisations(id),\n"
	"  role TEXT NOT NULL CHECK (role IN ('lead','partner')),\n"
	"  joined_on TEXT,\n"
	"  PRIMARY KEY (workplace_id, organisation_id)\n"
	");\n"
	"CREATE TABLE people (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  email TEXT NOT NULL UNIQUE,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE accounts (\n"
	"  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,\n"
	"  password_hash TEXT,\n"
	"  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0,1)),\n"
	"  is_programme_lead INTEGER NOT NULL DEFAULT 0 CHECK (is_programme_lead IN (0,1)),\n"
	"  is_researcher INTEGER NOT NULL DEFAULT 0 CHECK (is_researcher IN (0,1)),\n"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1))\n"
	");\n"
	"CREATE TABLE memberships (\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('coordinator','member')),\n"
	"  created_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (workplace_id, person_id)\n"
	");\n"
	"CREATE INDEX memberships_person ON memberships(person_id);\n"
	"CREATE TABLE sessions (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX sessions_person ON sessions(person_id);\n"
	"CREATE TABLE throttle (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  window_start INTEGER NOT NULL,\n"
	"  failures INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE password_links (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  expires_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE instruments (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  code TEXT NOT NULL UNIQUE,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE instrument_versions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  instrument_id INTEGER NOT NULL REFERENCES instruments(id),\n"
	"  version_no INTEGER NOT NULL,\n"
	"  label TEXT NOT NULL,\n"
	"  definition TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  UNIQUE (instrument_id, version_no),\n"
	"  UNIQUE (instrument_id, sha256)\n"
	");\n"
	"CREATE TABLE instrument_elements (\n"
	"  version_id INTEGER NOT NULL REFERENCES instrument_versions(id),\n"
	"  code TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL,\n"
	"  PRIMARY KEY (version_id, code)\n"
	");\n"
	"CREATE TABLE items (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  version_id INTEGER NOT NULL REFERENCES instrument_versions(id),\n"
	"  code TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('scale','open')),\n"
	"  section TEXT NOT NULL CHECK (section IN ('element','outcome','trigger')),\n"
	"  group_code TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL,\n"
	"  reverse INTEGER NOT NULL DEFAULT 0 CHECK (reverse IN (0,1)),\n"
	"  perspectives INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (version_id, code)\n"
	");\n"
	"CREATE TABLE rounds (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  version_id INTEGER NOT NULL REFERENCES instrument_versions(id),\n"
	"  title TEXT NOT NULL,\n"
	"  opens_on TEXT NOT NULL,\n"
	"  closes_on TEXT NOT NULL,\n"
	"  k INTEGER NOT NULL DEFAULT 5 CHECK (k >= 3),\n"
	"  closed_early INTEGER NOT NULL DEFAULT 0 CHECK (closed_early IN (0,1)),\n"
	"  open_token TEXT NOT NULL UNIQUE,\n"
	/* counts every change to the submitted answers: a results cache keyed
	 * by it can never show stale figures, also across processes */
	"  answers_version INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  CHECK (closes_on >= opens_on)\n"
	");\n"
	"CREATE INDEX rounds_workplace ON rounds(workplace_id);\n"
	/* Invitations hold e-mail addresses and never point at a response;
	 * responses never point at an invitation. The link between the two
	 * exists only in the token the invited person holds. */
	"CREATE TABLE invitations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  email TEXT NOT NULL,\n"
	"  perspective TEXT NOT NULL REFERENCES perspectives(code),\n"
	"  responded INTEGER NOT NULL DEFAULT 0 CHECK (responded IN (0,1)),\n"
	"  sent_count INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (round_id, email)\n"
	");\n"
	/* every link mailed to an invitee (the first and each reminder) */
	"CREATE TABLE invitation_tokens (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  invitation_id INTEGER NOT NULL REFERENCES invitations(id) ON DELETE CASCADE\n"
	");\n"
	"CREATE INDEX invitation_tokens_invitation ON invitation_tokens(invitation_id);\n"
	"CREATE TABLE responses (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  perspective TEXT NOT NULL REFERENCES perspectives(code),\n"
	"  access_hash TEXT NOT NULL UNIQUE,\n"
	"  resume_hash TEXT UNIQUE,\n"
	"  submitted INTEGER NOT NULL DEFAULT 0 CHECK (submitted IN (0,1)),\n"
	"  page INTEGER NOT NULL DEFAULT 0,\n"
	"  lang TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl','en'))\n"
	");\n"
	"CREATE INDEX responses_round ON responses(round_id, submitted);\n"
	"CREATE TABLE answers (\n"
	"  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,\n"
	"  item_id INTEGER NOT NULL REFERENCES items(id),\n"
	"  value INTEGER CHECK (value BETWEEN 1 AND 5),\n"
	"  PRIMARY KEY (response_id, item_id)\n"
	");\n"
	"CREATE TABLE response_triggers (\n"
	"  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('complex','opportunity','urgency')),\n"
	"  PRIMARY KEY (response_id, kind)\n"
	");\n"
	"CREATE TABLE comments (\n"
	"  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,\n"
	"  item_id INTEGER NOT NULL REFERENCES items(id),\n"
	"  text TEXT NOT NULL,\n"
	"  PRIMARY KEY (response_id, item_id)\n"
	");\n"
	"CREATE TABLE actions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  owner TEXT NOT NULL DEFAULT '',\n"
	"  due_on TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'planned'"
	" CHECK (status IN ('planned','in_progress','done','dropped')),\n"
	"  revision INTEGER NOT NULL DEFAULT 1,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  updated_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX actions_workplace ON actions(workplace_id);\n"
	"CREATE TABLE action_elements (\n"
	"  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,\n"
	"  element TEXT NOT NULL CHECK (element IN ('LOS','SRI','GOC','VOR','LEA','VMM')),\n"
	"  PRIMARY KEY (action_id, element)\n"
	");\n"
	"CREATE TABLE action_notes (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,\n"
	"  noted_on TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL\n"
	");\n"
	"CREATE TABLE outcomes (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  category TEXT NOT NULL CHECK (category IN"
	" ('knowledge','professional','curriculum','collaboration','connections')),\n"
	"  occurred_on TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  evidence_url TEXT NOT NULL DEFAULT '',\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX outcomes_workplace ON outcomes(workplace_id);\n"
	"CREATE TABLE outcome_partners (\n"
	"  outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,\n"
	"  organisation_id INTEGER NOT NULL REFERENCES organisations(id),\n"
	"  PRIMARY KEY (outcome_id, organisation_id)\n"
	");\n"
	"CREATE TABLE audit_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at INTEGER NOT NULL,\n"
	"  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  workplace_id INTEGER REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  action TEXT NOT NULL,\n"
	"  detail TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE INDEX audit_workplace ON audit_log(workplace_id, at);\n"
	/* an instrument version is never changed once stored */
	"CREATE TRIGGER instrument_versions_immutable BEFORE UPDATE ON instrument_versions\n"
	"BEGIN SELECT RAISE(ABORT, 'instrument versions are immutable'); END;\n"
	"CREATE TRIGGER items_immutable BEFORE UPDATE ON items\n"
	"BEGIN SELECT RAISE(ABORT, 'instrument versions are immutable'); END;\n"
	"CREATE TRIGGER items_keep BEFORE DELETE ON items\n"
	"BEGIN SELECT RAISE(ABORT, 'instrument versions are immutable'); END;\n",
	/* 2: running a workplace: goals, the nine characteristics, invitations
	 * to join, who last changed an action, realist (CMO) notes */
	"ALTER TABLE workplaces ADD COLUMN goals TEXT NOT NULL DEFAULT '';\n"
	"CREATE TABLE workplace_characteristics (\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9),\n"
	"  state TEXT NOT NULL CHECK (state IN ('not_yet','partly','met')),\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  updated_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (workplace_id, number)\n"
	");\n"
	/* one-time links to join a workplace; the token is stored hashed and
	 * the row is deleted when the link is used or revoked */
	"CREATE TABLE member_invitations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  token_hash TEXT NOT NULL UNIQUE,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  email TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role IN ('coordinator','member')),\n"
	"  invited_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  UNIQUE (workplace_id, email)\n"
	");\n"
	"ALTER TABLE actions ADD COLUMN updated_by INTEGER REFERENCES people(id) ON DELETE SET NULL;\n"
	"CREATE INDEX action_notes_action ON action_notes(action_id);\n"
	"CREATE INDEX action_elements_element ON action_elements(element, action_id);\n"
	/* context - mechanism - outcome, attached to an action or an outcome */
	"CREATE TABLE realist_notes (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  action_id INTEGER REFERENCES actions(id) ON DELETE CASCADE,\n"
	"  outcome_id INTEGER REFERENCES outcomes(id) ON DELETE CASCADE,\n"
	"  element TEXT CHECK (element IN ('LOS','SRI','GOC','VOR','LEA','VMM')),\n"
	"  context TEXT NOT NULL,\n"
	"  mechanism TEXT NOT NULL,\n"
	"  result TEXT NOT NULL,\n"
	"  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  CHECK ((action_id IS NULL) <> (outcome_id IS NULL))\n"
	");\n"
	"CREATE INDEX realist_notes_workplace ON realist_notes(workplace_id);\n"
	"CREATE INDEX realist_notes_action ON realist_notes(action_id);\n"
	"CREATE INDEX realist_notes_outcome ON realist_notes(outcome_id);\n",
	/* 3: personal API tokens.
	 * Only the "api" hash of a token is kept; hint is its first characters,
	 * so that people can tell their tokens apart. */
	"CREATE TABLE api_tokens (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  token_hash TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  hint TEXT NOT NULL,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX api_tokens_person ON api_tokens(person_id);\n",
	/* 4: a response keeps its answers in one text: one character per
	 * question of its round's instrument version, at the question's
	 * items.position: '1'..'5' the answer given, '0' "don't know / not
	 * applicable", '.' no answer (open questions are always '.'). NULL:
	 * nothing saved yet. One row per response instead of one per answer
	 * makes a submission one write and a round's results one short read.
	 * Only the store writes it (st_answers.c checks every value); `check`
	 * reads every text against its version. A CHECK rule on the
	 * characters was tried and left out: SQLite evaluates it character by
	 * character on every write (a tenth of an import's time).
	 * store.c fills it from the answers table right after this text
	 * (st_answers_fill); migration 5 drops that table. */
	"ALTER TABLE responses ADD COLUMN answers TEXT;\n",
	/* 5: the answers live in responses.answers (4). The view of the same
	 * name shows them as rows again, one per answer given, for whoever
	 * reads the database with SQL (value NULL: "don't know"). */
	"DROP TABLE answers;\n"
	"CREATE VIEW answers AS\n"
	"SELECT r.id AS response_id, i.id AS item_id,\n"
	"  NULLIF(CAST(substr(r.answers, CAST(i.position + 1 AS INT), 1) AS INTEGER), 0) AS value\n"
	"FROM responses r JOIN rounds rd ON rd.id = r.round_id\n"
	"JOIN items i ON i.version_id = rd.version_id\n"
	"WHERE r.answers IS NOT NULL\n"
	"  AND substr(r.answers, CAST(i.position + 1 AS INT), 1) NOT IN ('.', '');\n"
	/* a workplace's rounds in their order (store_rounds_for, and the round
	 * before another on every results page) straight from an index,
	 * without sorting them per request */
	"DROP INDEX rounds_workplace;\n"
	"CREATE INDEX rounds_workplace ON rounds(workplace_id, opens_on, id);\n",
	/* 6: the open link's guard, and a stricter threshold for comments.
	 * k_comments: no comment of a group is shown below it; it is never
	 * below k. A row written without it (SQL from outside) reads as k + 2,
	 * the default; existing rounds get k + 2 here. */
	"ALTER TABLE rounds ADD COLUMN k_comments INTEGER CHECK (k_comments >= k);\n"
	"UPDATE rounds SET k_comments = k + 2;\n"
	/* What came in through a round's open link, counted per round and
	 * bucket of ten minutes (src/domain/open_link.h): the limits per link
	 * are checked against it, in the same transaction as the start, the
	 * submission or the withdrawal, so that they hold across several
	 * servers on one database; the round page shows it per day. Never a
	 * row per response: a withdrawal leaves only a count. refused_*
	 * counts starts and submissions refused for the limits. */
	"CREATE TABLE open_link_activity (\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  bucket_start INTEGER NOT NULL,\n"
	"  starts INTEGER NOT NULL DEFAULT 0,\n"
	"  submits INTEGER NOT NULL DEFAULT 0,\n"
	"  withdrawals INTEGER NOT NULL DEFAULT 0,\n"
	"  refused_starts INTEGER NOT NULL DEFAULT 0,\n"
	"  refused_submits INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (round_id, bucket_start)\n"
	");\n",
	/* 7: the addresses a response had before its respondent continued
	 * elsewhere with the resume code. They no longer open the response;
	 * they lead to the round's resume form instead of a bare "not found".
	 * Only the round is kept, never the response. */
	"CREATE TABLE retired_links (\n"
	"  access_hash TEXT PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE\n"
	");\n"
	/* The resume code stays when the address moves: the new address
	 * carries it masked (token_resume_mask), so it can be shown again
	 * without being stored in the clear. NULL: the code is the one of the
	 * response's first address. */
	"ALTER TABLE responses ADD COLUMN resume_mask TEXT;\n",
	/* 8: mail from the site itself (issue 17). A round's mails (invitations
	 * and reminders) go in its mail_lang: Dutch, English, or both (Dutch
	 * first), as every mail did before. */
	"ALTER TABLE rounds ADD COLUMN mail_lang TEXT NOT NULL DEFAULT 'both'"
	" CHECK (mail_lang IN ('nl','en','both'));\n"
	/* Reminders planned for a round, days after its opening; the
	 * scheduler of `serve` sends each once, to the invitations not yet
	 * used. started_at is the claim: a conditional UPDATE (WHERE
	 * started_at IS NULL) in the transaction that mints the reminder's
	 * links, so of several servers on one database one sends it.
	 * finished_at, sent and failed say what came of it; a claim without
	 * finished_at is a reminder whose server stopped while sending: it is
	 * never sent again (at most once). note: why nothing was sent. */
	"CREATE TABLE round_reminders (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 365),\n"
	"  due_at INTEGER NOT NULL,\n"
	"  started_at INTEGER,\n"
	"  finished_at INTEGER,\n"
	"  sent INTEGER NOT NULL DEFAULT 0,\n"
	"  failed INTEGER NOT NULL DEFAULT 0,\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  UNIQUE (round_id, day)\n"
	");\n"
	"CREATE INDEX round_reminders_due ON round_reminders(due_at) WHERE started_at IS NULL;\n"
	/* The last delivery errors, for the administrator: the recipient only
	 * masked (m***@example.org); the store keeps the newest 50. */
	"CREATE TABLE mail_failures (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at INTEGER NOT NULL,\n"
	"  recipient TEXT NOT NULL,\n"
	"  context TEXT NOT NULL,\n"
	"  error TEXT NOT NULL\n"
	");\n"
	/* A workplace's own texts of its invitation and reminder mails (plain
	 * text with placeholders, checked by src/io/mail_template.c); without
	 * a row the default text. */
	"CREATE TABLE mail_templates (\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('invitation','reminder')),\n"
	"  lang TEXT NOT NULL CHECK (lang IN ('nl','en')),\n"
	"  body TEXT NOT NULL,\n"
	"  updated_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (workplace_id, kind, lang)\n"
	");\n",
	/* 9: read-only links to the results of a closed round, for people
	 * without an account (src/web/pages/share.c). Only the "share" hash
	 * of a token is kept. A revoked link keeps its row (revoked_at), so
	 * that it answers "revoked" rather than "not found" and stays in the
	 * round page's list; uses and last_used_at count the pages and files
	 * opened through it. */
	"CREATE TABLE share_links (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  token_hash TEXT NOT NULL UNIQUE,\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  revoked_at INTEGER,\n"
	"  last_used_at INTEGER,\n"
	"  uses INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX share_links_round ON share_links(round_id);\n",
	/* 10: the nine characteristics and the triggers over time (issue 20).
	 * Every save of the characteristics form is an assessment of its own
	 * (who, when, per characteristic the state and the note); the newest
	 * is the current one, so the table of migration 2, which held only
	 * that, goes. Its rows become each workplace's first assessment,
	 * dated at the newest change among them (its updated_at: the day the
	 * assessment had last been made), by nobody known. A characteristic
	 * not assessed has no row. trigger_changes keeps every change of a
	 * trigger's text ("" when it no longer applies); workplace_triggers
	 * stays the current text. The triggers already named become the
	 * first changes, dated at the workplace's creation: they are what
	 * brought it about, and no date of their own was kept. */
	"CREATE TABLE characteristic_assessments (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  assessed_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  assessed_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX characteristic_assessments_workplace ON characteristic_assessments(workplace_id, id);\n"
	"CREATE TABLE characteristic_ratings (\n"
	"  assessment_id INTEGER NOT NULL REFERENCES characteristic_assessments(id) ON DELETE CASCADE,\n"
	"  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9),\n"
	"  state TEXT NOT NULL CHECK (state IN ('not_yet','partly','met')),\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  PRIMARY KEY (assessment_id, number)\n"
	");\n"
	"INSERT INTO characteristic_assessments (workplace_id, assessed_by, assessed_at)"
	" SELECT workplace_id, NULL, MAX(updated_at) FROM workplace_characteristics"
	" GROUP BY workplace_id ORDER BY workplace_id;\n"
	"INSERT INTO characteristic_ratings (assessment_id, number, state, note)"
	" SELECT a.id, c.number, c.state, c.note FROM workplace_characteristics c"
	" JOIN characteristic_assessments a ON a.workplace_id = c.workplace_id;\n"
	"DROP TABLE workplace_characteristics;\n"
	"CREATE TABLE trigger_changes (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('complex','opportunity','urgency')),\n"
	"  text TEXT NOT NULL DEFAULT '',\n"
	"  changed_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  changed_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX trigger_changes_workplace ON trigger_changes(workplace_id, id);\n"
	"INSERT INTO trigger_changes (workplace_id, kind, text, changed_by, changed_at)"
	" SELECT t.workplace_id, t.kind, t.text, NULL, w.created_at FROM workplace_triggers t"
	" JOIN workplaces w ON w.id = t.workplace_id ORDER BY t.workplace_id, t.kind;\n",
	/* 11: a response answered in easy-read (issue 22): the participant
	 * chose it at the start; the answers count for the same statements. */
	"ALTER TABLE responses ADD COLUMN easy INTEGER NOT NULL DEFAULT 0 CHECK (easy IN (0, 1));\n",
	/* 12: paper questionnaires typed in twice (issue 22). An entry is the
	 * digits of one returned form as the first person typed them; a
	 * second person types the same form again, and when both agree the
	 * form becomes a sent response (responses.paper) and the digits go
	 * (checked_at set, digits ''): the row stays so that a form number is
	 * never counted twice. No row points at its response. */
	"ALTER TABLE responses ADD COLUMN paper INTEGER NOT NULL DEFAULT 0 CHECK (paper IN (0, 1));\n"
	"CREATE TABLE paper_entries (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  form_no INTEGER NOT NULL CHECK (form_no >= 1),\n"
	"  perspective TEXT NOT NULL REFERENCES perspectives(code),\n"
	"  digits TEXT NOT NULL,\n"
	"  entered_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  entered_at INTEGER NOT NULL,\n"
	"  checked_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  checked_at INTEGER,\n"
	"  UNIQUE (round_id, form_no)\n"
	");\n",
	/* 13: learning across workplaces (issue 20). share_comments_lead: the
	 * workplace lets a programme lead read its respondents' comments
	 * (still under k_comments); off until a coordinator turns it on.
	 * shared on an action or a realist note: the workplace shares it with
	 * the institution's library of what works where; off by default. */
	"ALTER TABLE workplaces ADD COLUMN share_comments_lead INTEGER NOT NULL DEFAULT 0"
	" CHECK (share_comments_lead IN (0, 1));\n"
	"ALTER TABLE actions ADD COLUMN shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1));\n"
	"ALTER TABLE realist_notes ADD COLUMN shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1));\n",
	/* 14: the primary process (issue 21): the practice questions a
	 * workplace works on (vraagstukken), the activities around them with
	 * how many people of each perspective took part (counts, never names),
	 * the students and teachers who contribute in a period (a semester,
	 * "YYYY-S1"), and the products they yield. A product is an outcome of
	 * the register (one row there, with its kind of outcome, date, title
	 * and evidence) plus the row here that ties it to its question: the
	 * register shows it without a second entry. Deleting a question
	 * deletes its activities, contributors and product ties; the outcomes
	 * stay in the register. elements: a bitmask of the six elements in
	 * the model's order (LOS = 1 ... VMM = 32). programme: the study
	 * programme whose students may take the question up ("" none). */
	"CREATE TABLE practice_questions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  title TEXT NOT NULL,\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  trigger_kind TEXT NOT NULL CHECK (trigger_kind IN ('complex','opportunity','urgency')),\n"
	"  raised_by TEXT NOT NULL CHECK (raised_by IN"
	" ('client','professional','student','teacher','partner','other')),\n"
	"  status TEXT NOT NULL DEFAULT 'raised' CHECK (status IN"
	" ('raised','in_progress','answered','set_aside')),\n"
	"  elements INTEGER NOT NULL DEFAULT 0 CHECK (elements BETWEEN 0 AND 63),\n"
	"  partner_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,\n"
	"  programme TEXT NOT NULL DEFAULT '',\n"
	"  raised_on TEXT NOT NULL,\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  updated_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX practice_questions_workplace ON practice_questions(workplace_id, status);\n"
	"CREATE TABLE practice_activities (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  question_id INTEGER NOT NULL REFERENCES practice_questions(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN"
	" ('research','learning','intervision','codesign','pilot','other')),\n"
	"  title TEXT NOT NULL,\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  starts_on TEXT NOT NULL,\n"
	"  ends_on TEXT,\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX practice_activities_question ON practice_activities(question_id);\n"
	"CREATE TABLE activity_participants (\n"
	"  activity_id INTEGER NOT NULL REFERENCES practice_activities(id) ON DELETE CASCADE,\n"
	"  perspective TEXT NOT NULL REFERENCES perspectives(code),\n"
	"  people INTEGER NOT NULL CHECK (people BETWEEN 1 AND 10000),\n"
	"  PRIMARY KEY (activity_id, perspective)\n"
	");\n"
	"CREATE TABLE question_contributors (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  question_id INTEGER NOT NULL REFERENCES practice_questions(id) ON DELETE CASCADE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('student','teacher')),\n"
	"  people INTEGER NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 1000),\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  programme TEXT NOT NULL DEFAULT '',\n"
	"  period TEXT NOT NULL,\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX question_contributors_question ON question_contributors(question_id);\n"
	"CREATE TABLE practice_products (\n"
	"  outcome_id INTEGER PRIMARY KEY REFERENCES outcomes(id) ON DELETE CASCADE,\n"
	"  question_id INTEGER NOT NULL REFERENCES practice_questions(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN"
	" ('protocol','advice','thesis','module','publication','routine','other')),\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL\n"
	");\n"
	"CREATE INDEX practice_products_question ON practice_products(question_id);\n"
	/* A small file as an outcome's evidence (at most 1 MiB; PDF, PNG, JPEG
	 * or plain text, recognised by its content): data is base64 text, so
	 * that both stores keep it in a TEXT column. content_type is one that
	 * the type check gave; the file is only ever served as a download. */
	"CREATE TABLE evidence_files (\n"
	"  outcome_id INTEGER PRIMARY KEY REFERENCES outcomes(id) ON DELETE CASCADE,\n"
	"  filename TEXT NOT NULL DEFAULT '',\n"
	"  content_type TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 1048576),\n"
	"  data TEXT NOT NULL,\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n",
	/* 15: privacy duties and the second factor (issue 18). How long a workplace keeps a closed
	 * round's raw answers, comments and invitation addresses, and its
	 * audit log, in days (src/domain/retention.h); NULL: the site's
	 * setting (meta keys retention_*), which a workplace can only
	 * shorten. A round records when each was deleted. Before its raw
	 * answers go, the round's released (k-safe) figures are kept in
	 * round_snapshots as JSON (src/figures/snapshot.c): the results,
	 * the development page and the aggregate exports read them from
	 * there afterwards. */
	"ALTER TABLE workplaces ADD COLUMN retention_answers INTEGER CHECK (retention_answers > 0);\n"
	"ALTER TABLE workplaces ADD COLUMN retention_comments INTEGER CHECK (retention_comments > 0);\n"
	"ALTER TABLE workplaces ADD COLUMN retention_addresses INTEGER CHECK (retention_addresses > 0);\n"
	"ALTER TABLE workplaces ADD COLUMN retention_audit INTEGER CHECK (retention_audit > 0);\n"
	"ALTER TABLE rounds ADD COLUMN answers_deleted_at INTEGER;\n"
	"ALTER TABLE rounds ADD COLUMN comments_deleted_at INTEGER;\n"
	"ALTER TABLE rounds ADD COLUMN addresses_deleted_at INTEGER;\n"
	"CREATE TABLE round_snapshots (\n"
	"  round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  taken_at INTEGER NOT NULL,\n"
	"  figures TEXT NOT NULL\n"
	");\n"
	/* A password account's second factor (TOTP, RFC 6238): its secret
	 * sealed under the key of serve --secret-key-file (src/base/sealed.h),
	 * confirmed_at NULL while it is being set up, and the time step of
	 * the last code used, so that no code is used twice. */
	"CREATE TABLE totp (\n"
	"  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,\n"
	"  secret_sealed TEXT NOT NULL,\n"
	"  confirmed_at INTEGER,\n"
	"  last_step INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	/* A login whose password was right and whose code is still due; only
	 * the "login2" hash of its token is kept. */
	"CREATE TABLE login_challenges (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  next TEXT NOT NULL DEFAULT '/'\n"
	");\n",
	/* 16: sign-in through the institution (issue 18): identity providers, the
	 * external identities bound to accounts (keyed on provider and
	 * subject, never on the e-mail address), the browser-bound login
	 * attempts (OpenID Connect and SAML), the SAML assertion IDs used
	 * (kept until they expire, so that none is used twice), and one-time
	 * login links the command line makes for an administrator */
	"CREATE TABLE identity_providers (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  protocol TEXT NOT NULL CHECK (protocol IN ('oidc','saml')),\n"
	"  issuer TEXT NOT NULL,\n"
	"  client_id TEXT NOT NULL,\n"
	"  secret_sealed TEXT NOT NULL DEFAULT '',\n"
	"  id_claim TEXT NOT NULL DEFAULT 'sub',\n"
	"  email_claim TEXT NOT NULL DEFAULT 'email',\n"
	"  name_claim TEXT NOT NULL DEFAULT 'name',\n"
	"  first_sign_in TEXT NOT NULL DEFAULT 'create' CHECK (first_sign_in IN ('create','refuse')),\n"
	"  link_email INTEGER NOT NULL DEFAULT 0,\n"
	"  discovery TEXT NOT NULL DEFAULT '',\n"
	"  jwks TEXT NOT NULL DEFAULT '',\n"
	"  fetched_at INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE external_identities (\n"
	"  provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,\n"
	"  subject TEXT NOT NULL,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  last_seen INTEGER NOT NULL,\n"
	"  PRIMARY KEY (provider_id, subject)\n"
	");\n"
	"CREATE INDEX external_identities_person ON external_identities(person_id);\n"
	"CREATE TABLE login_attempts (\n"
	"  state_hash TEXT PRIMARY KEY,\n"
	"  provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,\n"
	"  browser_hash TEXT NOT NULL,\n"
	"  nonce TEXT NOT NULL,\n"
	"  verifier TEXT NOT NULL,\n"
	"  next TEXT NOT NULL,\n"
	"  expires_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE used_assertions (\n"
	"  provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,\n"
	"  assertion_id TEXT NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (provider_id, assertion_id)\n"
	");\n"
	"CREATE TABLE login_links (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	"  expires_at INTEGER NOT NULL\n"
	");\n",
	/* 17: read-only links to a workplace's year report (issue 19), beside
	 * the links to a round's results (share_links). Their own table: a
	 * round link belongs to a round, a year link to a workplace and a
	 * year, and a token opens exactly one of the two. */
	"CREATE TABLE year_share_links (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
	"  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),\n"
	"  token_hash TEXT NOT NULL UNIQUE,\n"
	"  created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  revoked_at INTEGER,\n"
	"  last_used_at INTEGER,\n"
	"  uses INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX year_share_links_workplace ON year_share_links(workplace_id, year);\n"
	/* and the site's own look (issue 18): one row, made when the
	 * administrator first saves it. The logo is kept as base64 text
	 * (either backend stores text alike), checked before it is saved
	 * (src/io/logo.h); accent is "#rrggbb", checked for contrast
	 * (src/domain/look.h). */
	"CREATE TABLE site_look (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  logo TEXT,\n"
	"  logo_kind TEXT CHECK (logo_kind IN ('png','svg')),\n"
	"  accent TEXT,\n"
	"  updated_at INTEGER NOT NULL\n"
	");\n",
	/* 18: a workplace's own statements (issue 22): up to ten per round,
	 * under an element or in the extra section ('extra'), in Dutch and
	 * English (src/domain/own_statement.h). They can change only while
	 * the round has not opened. Their answers live in a table of their
	 * own, never in responses.answers: element scores, the benchmark,
	 * the research export and every cross-workplace figure read that
	 * text and the items of the instrument, so they cannot count an own
	 * statement by accident. value NULL: "don't know"; no row: no
	 * answer. */
	"CREATE TABLE own_statements (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL CHECK (position >= 1),\n"
	"  section TEXT NOT NULL CHECK (section IN ('LOS','SRI','GOC','VOR','LEA','VMM','extra')),\n"
	"  text_nl TEXT NOT NULL CHECK (length(text_nl) BETWEEN 1 AND 160),\n"
	"  text_en TEXT NOT NULL CHECK (length(text_en) BETWEEN 1 AND 160),\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX own_statements_round ON own_statements(round_id, position);\n"
	"CREATE TABLE own_answers (\n"
	"  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,\n"
	"  statement_id INTEGER NOT NULL REFERENCES own_statements(id) ON DELETE CASCADE,\n"
	"  value INTEGER CHECK (value BETWEEN 1 AND 5),\n"
	"  PRIMARY KEY (response_id, statement_id)\n"
	");\n"
	"CREATE INDEX own_answers_statement ON own_answers(statement_id);\n",
	/* 19: many institutions on one database (issue 23). A national
	 * network runs one store for several institutions; every workplace
	 * and every account belongs to exactly one. Institution 1 is made
	 * here and owns all existing data, so a site of one institution
	 * (every SQLite site) sees no change. The application scopes its
	 * reads by the signed-in account's institution (store_set_institution);
	 * on PostgreSQL row-level security enforces the same in the database
	 * (the part between the pg markers, a comment for SQLite): a
	 * transaction sees the rows of the institution named by the setting
	 * werkplaats.institution, all rows when it is 'all', and none when it
	 * is not set (fail closed). A table of a workplace's data holds
	 * its rows where the row it belongs to (its workplace, round or
	 * response) is visible, by a correlated EXISTS: its cost grows with
	 * the rows a query reads (about 4 us a row), where an IN over the
	 * visible rounds grew with all of the institution's rounds (measured:
	 * 2.7 ms against 0.25 ms for a round's 200 answers among 1,000 rounds;
	 * docs/deployment.md section 8). docs/deployment.md. SQLite cannot add a
	 * column with REFERENCES and a default, so the foreign keys are made
	 * on PostgreSQL only; on SQLite the command line checks the
	 * institution before it uses it. */
	"CREATE TABLE institutions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO institutions (slug, name, created_at) VALUES ('default', 'Default', 0);\n"
	"ALTER TABLE workplaces ADD COLUMN institution_id INTEGER NOT NULL DEFAULT 1;\n"
	"ALTER TABLE accounts ADD COLUMN institution_id INTEGER NOT NULL DEFAULT 1;\n"
	"CREATE INDEX workplaces_institution ON workplaces(institution_id);\n"
	"CREATE INDEX accounts_institution ON accounts(institution_id);\n"
	/* An institution's consent to compare its workplaces with another's
	 * in the benchmark; a pair compares only when both have agreed. */
	"CREATE TABLE benchmark_agreements (\n"
	"  institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,\n"
	"  partner_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,\n"
	"  agreed_at INTEGER NOT NULL,\n"
	"  agreed_by INTEGER REFERENCES people(id) ON DELETE SET NULL,\n"
	"  PRIMARY KEY (institution_id, partner_id),\n"
	"  CHECK (institution_id <> partner_id)\n"
	");\n"
	"/*pg:\n"
	"ALTER TABLE workplaces ADD FOREIGN KEY (institution_id) REFERENCES institutions(id);\n"
	"ALTER TABLE accounts ADD FOREIGN KEY (institution_id) REFERENCES institutions(id);\n"
	"CREATE FUNCTION wp_all_institutions() RETURNS boolean LANGUAGE sql STABLE AS\n"
	"  $f$ SELECT current_setting('werkplaats.institution', true) = 'all' $f$;\n"
	"CREATE FUNCTION wp_institution_visible(inst BIGINT) RETURNS boolean LANGUAGE sql STABLE AS\n"
	"  $f$ SELECT current_setting('werkplaats.institution', true) IN ('all', inst::text) $f$;\n"
	"ALTER TABLE workplaces ENABLE ROW LEVEL SECURITY;\n"
	"ALTER TABLE workplaces FORCE ROW LEVEL SECURITY;\n"
	"CREATE POLICY institution ON workplaces USING (wp_institution_visible(institution_id));\n"
	"ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;\n"
	"ALTER TABLE accounts FORCE ROW LEVEL SECURITY;\n"
	"CREATE POLICY institution ON accounts USING (wp_institution_visible(institution_id));\n"
	"DO $d$ DECLARE t text; BEGIN\n"
	"  FOREACH t IN ARRAY ARRAY['memberships','rounds','actions','outcomes','realist_notes'] LOOP\n"
	"    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('CREATE POLICY institution ON %I USING (wp_all_institutions() OR EXISTS'\n"
	"                   ' (SELECT 1 FROM workplaces w WHERE w.id = %I.workplace_id))', t, t);\n"
	"  END LOOP;\n"
	"  FOREACH t IN ARRAY ARRAY['invitations','responses','round_snapshots','paper_entries',\n"
	"                        'own_statements'] LOOP\n"
	"    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('CREATE POLICY institution ON %I USING (wp_all_institutions() OR EXISTS'\n"
	"                   ' (SELECT 1 FROM rounds r WHERE r.id = %I.round_id))', t, t);\n"
	"  END LOOP;\n"
	"  FOREACH t IN ARRAY ARRAY['comments','response_triggers','own_answers'] LOOP\n"
	"    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('CREATE POLICY institution ON %I USING (wp_all_institutions() OR EXISTS'\n"
	"                   ' (SELECT 1 FROM responses x WHERE x.id = %I.response_id))', t, t);\n"
	"  END LOOP;\n"
	"END $d$;\n"
	":pg*/\n",
};

/* Every table, parents before children: the order in which migrate-store
 * copies rows (foreign keys are checked row by row) and check counts them.
 * `identity` names the column that PostgreSQL numbers itself (SQLite's
 * INTEGER PRIMARY KEY); `seeded` tables are filled by a migration. Add a
 * table here when a migration creates one: the unit test compares this
 * list with the tables of a freshly migrated database. */
const struct schema_table schema_tables[] = {
	{"meta", NULL, true},
	{"perspectives", NULL, true},
	{"institutions", "id", true},
	{"organisations", "id", false},
	{"workplaces", "id", false},
	{"workplace_triggers", NULL, false},
	{"partners", NULL, false},
	{"people", "id", false},
	{"accounts", NULL, false},
	{"memberships", NULL, false},
	{"sessions", NULL, false},
	{"throttle", NULL, false},
	{"password_links", NULL, false},
	{"instruments", "id", false},
	{"instrument_versions", "id", false},
	{"instrument_elements", NULL, false},
	{"items", "id", false},
	{"rounds", "id", false},
	{"invitations", "id", false},
	{"invitation_tokens", NULL, false},
	{"responses", "id", false},
	{"response_triggers", NULL, false},
	{"comments", NULL, false},
	{"actions", "id", false},
	{"action_elements", NULL, false},
	{"action_notes", "id", false},
	{"outcomes", "id", false},
	{"outcome_partners", NULL, false},
	{"audit_log", "id", false},
	{"member_invitations", "id", false},
	{"realist_notes", "id", false},
	{"api_tokens", "id", false},
	{"open_link_activity", NULL, false},
	{"retired_links", NULL, false},
	{"round_reminders", "id", false},
	{"mail_failures", "id", false},
	{"mail_templates", NULL, false},
	{"share_links", "id", false},
	{"characteristic_assessments", "id", false},
	{"characteristic_ratings", NULL, false},
	{"trigger_changes", "id", false},
	{"paper_entries", "id", false},
	{"practice_questions", "id", false},
	{"practice_activities", "id", false},
	{"activity_participants", NULL, false},
	{"question_contributors", "id", false},
	{"practice_products", NULL, false},
	{"evidence_files", NULL, false},
	{"round_snapshots", NULL, false},
	{"totp", NULL, false},
	{"login_challenges", NULL, false},
	{"identity_providers", "id", false},
	{"external_identities", NULL, false},
	{"login_attempts", NULL, false},
	{"used_assertions", NULL, false},
	{"login_links", NULL, false},
	{"year_share_links", "id", false},
	{"site_look", NULL, false},
	{"own_statements", "id", false},
	{"own_answers", NULL, false},
	{"benchmark_agreements", NULL, false},
};
const int schema_table_count = (int)(sizeof schema_tables / sizeof schema_tables[0]);

/* PostgreSQL text for a migration the translator cannot handle; NULL:
 * translate the SQLite text. */
static const char *const pg_override[] = {
	NULL, /* 1 */
};

int schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *schema_migration(int version)
{
	if (version < 1 || version > schema_latest())
		return NULL;
	return migrations[version - 1];
}

/* ---- the PostgreSQL dialect ----
 *
 * What the translation changes, and only outside quoted text:
 *   INTEGER PRIMARY KEY (a column of its own, not a reference)
 *       -> BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY
 *       (BY DEFAULT: migrate-store copies rows with their ids)
 *   INTEGER -> BIGINT (SQLite's integers are 64-bit)
 *   CREATE TRIGGER t BEFORE UPDATE|DELETE|INSERT ON x
 *   BEGIN SELECT RAISE(ABORT, 'why'); END;
 *       -> CREATE TRIGGER t BEFORE ... ON x FOR EACH ROW
 *          EXECUTE FUNCTION wp_refuse('why');
 *       with wp_refuse() raising SQLSTATE 23000 (a constraint, as SQLite's
 *       RAISE(ABORT) is).
 *   the markers PG_ONLY_OPEN ... PG_ONLY_CLOSE (a comment to SQLite)
 *       -> what is between them: statements
 *       that only PostgreSQL has (row-level security), translated as the
 *       rest
 * What it refuses: the SQLite-only words in refused[] below. */

#define PG_ONLY_OPEN "/*pg:"
#define PG_ONLY_CLOSE ":pg*/"

static const char pg_prologue[] =
	"CREATE OR REPLACE FUNCTION wp_refuse() RETURNS trigger LANGUAGE plpgsql AS $wp$\n"
	"BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';"
	" END $wp$;\n";

static const char *const refused[] = {
	"AUTOINCREMENT", "WITHOUT ROWID", "PRAGMA", "RAISE", "STRFTIME", "DATETIME", "JULIANDAY",
	"IFNULL", "INSERT OR", "REPLACE INTO", "GLOB", "TYPEOF",
};

typedef struct {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = 0;
}

static void puts_(text *t, const char *s)
{
	put(t, s, strlen(s));
}

/* Does the SQL at p start with `word` (any case) as a whole word? */
static bool word_at(const char *start, const char *p, const char *word)
{
	size_t n = strlen(word);
	if (p > start && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
		return false;
	if (strncasecmp(p, word, n) != 0)
		return false;
	return !isalnum((unsigned char)p[n]) && p[n] != '_';
}

static const char *skip_space(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

/* The next identifier at p into out; returns the position after it. */
static const char *ident(const char *p, char *out, size_t size)
{
	p = skip_space(p);
	size_t n = 0;
	while ((isalnum((unsigned char)*p) || *p == '_') && n + 1 < size)
		out[n++] = *p++;
	out[n] = 0;
	return p;
}

/* CREATE TRIGGER name BEFORE event ON table BEGIN SELECT RAISE(ABORT,
 * 'msg'); END; at p: append the PostgreSQL form and return the position
 * after it, or NULL when the trigger has another form. */
static const char *trigger(text *t, const char *p)
{
	char name[64], when[16], event[16], on[8], table[64];
	const char *q = ident(p + strlen("CREATE TRIGGER"), name, sizeof name);
	q = ident(q, when, sizeof when);
	q = ident(q, event, sizeof event);
	q = ident(q, on, sizeof on);
	q = ident(q, table, sizeof table);
	q = skip_space(q);
	static const char body[] = "BEGIN SELECT RAISE(ABORT, '";
	if (strcasecmp(when, "BEFORE") != 0 || strcasecmp(on, "ON") != 0 || !*name || !*table ||
	    strncasecmp(q, body, strlen(body)) != 0)
		return NULL;
	const char *msg = q + strlen(body) - 1; /* at the opening quote */
	const char *end = strchr(msg + 1, '\'');
	if (!end || strncmp(end + 1, "); END;", 7) != 0)
		return NULL;
	char line[512];
	int n = snprintf(line, sizeof line,
			 "CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION wp_refuse(%.*s);",
			 name, event, table, (int)(end + 1 - msg), msg);
	if (n < 0 || (size_t)n >= sizeof line)
		return NULL;
	puts_(t, line);
	return end + 8;
}

static char *fail(char **err, int version, const char *what)
{
	char tmp[256];
	snprintf(tmp, sizeof tmp,
		 "migration %d uses %s, which has no PostgreSQL translation: give its PostgreSQL "
		 "text in pg_override[] (src/store/schema.c)",
		 version, what);
	if (err)
		*err = xstrdup(tmp);
	return NULL;
}

static char *translate_pg(const char *sql, int version, char **err)
{
	text t = {0};
	bool triggers = strstr(sql, "CREATE TRIGGER") != NULL;
	if (triggers)
		puts_(&t, pg_prologue);
	for (const char *p = sql; *p;) {
		if (*p == '\'') { /* a literal, copied as it is */
			const char *end = strchr(p + 1, '\'');
			size_t n = end ? (size_t)(end + 1 - p) : strlen(p);
			put(&t, p, n);
			p += n;
			continue;
		}
		if (strncmp(p, PG_ONLY_OPEN, strlen(PG_ONLY_OPEN)) == 0 ||
		    strncmp(p, PG_ONLY_CLOSE, strlen(PG_ONLY_CLOSE)) == 0) {
			p += strlen(PG_ONLY_OPEN); /* both markers have the same length */
			continue;
		}
		if (word_at(sql, p, "CREATE") && strncasecmp(p, "CREATE TRIGGER", 14) == 0) {
			const char *next = trigger(&t, p);
			if (!next) {
				free(t.s);
				return fail(err, version, "a trigger other than BEFORE ... RAISE(ABORT)");
			}
			p = next;
			continue;
		}
		if (word_at(sql, p, "INTEGER")) {
			const char *q = skip_space(p + 7);
			if (strncasecmp(q, "PRIMARY KEY", 11) == 0) {
				const char *after = skip_space(q + 11);
				if (*after == ',' || *after == ')' || !*after) {
					puts_(&t, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
					p = q + 11;
					continue;
				}
			}
			puts_(&t, "BIGINT");
			p += 7;
			continue;
		}
		for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
			if (word_at(sql, p, refused[i])) {
				free(t.s);
				return fail(err, version, refused[i]);
			}
		put(&t, p, 1);
		p++;
	}
	return t.s ? t.s : xstrdup("");
}

char *schema_migration_sql(int version, bool postgres, char **err)
{
	const char *sql = schema_migration(version);
	if (!sql) {
		if (err)
			*err = xstrdup("no such migration");
		return NULL;
	}
	if (!postgres)
		return xstrdup(sql);
	if ((size_t)version <= sizeof pg_override / sizeof pg_override[0] && pg_override[version - 1])
		return xstrdup(pg_override[version - 1]);
	return translate_pg(sql, version, err);
}
