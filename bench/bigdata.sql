-- bench/bigdata.sql - a country's worth of data (issue 23), made inside
-- PostgreSQL with generate_series: run by bench/bigdata.sh on a database
-- that `werkplaats demo` has just made (schema, the instrument, the demo
-- accounts), never on a real site.
--
--   psql -v insts=50 -f bench/bigdata.sql URL
--
-- insts institutions of 40 workplaces each; per workplace ten closed
-- rounds, spring and autumn 2022-2026, of 9 to 12 respondents (five of
-- one perspective, up to five of a second, at times one of a third), so
-- the figures of most rounds pass k = 5; every scale statement answered
-- (4% "don't know"), open questions empty except a comment from one
-- respondent in six. The scores drift upward over the years, differ per
-- workplace and element, and reverse-worded statements are answered
-- reversed. insts = 50 gives 2,000 workplaces, 20,000 rounds and about
-- 10 million answers (non-empty characters of responses.answers, the
-- rows of the answers view). Deterministic except for the values.
\set ON_ERROR_STOP 1
BEGIN;

CREATE TEMP TABLE bd_base AS SELECT
	(SELECT COALESCE(max(id), 0) FROM workplaces) AS w0,
	(SELECT COALESCE(max(id), 0) FROM organisations) AS o0,
	(SELECT COALESCE(max(id), 0) FROM people) AS p0,
	(SELECT COALESCE(max(id), 0) FROM rounds) AS r0,
	(SELECT COALESCE(max(id), 0) FROM responses) AS s0,
	(SELECT COALESCE(max(id), 0) FROM actions) AS a0,
	(SELECT COALESCE(max(id), 0) FROM outcomes) AS u0,
	(SELECT COALESCE(max(id), 0) FROM characteristic_assessments) AS c0,
	(SELECT min(id) FROM instrument_versions) AS version_id,
	(SELECT a.password_hash FROM accounts a JOIN people p ON p.id = a.person_id
	 WHERE p.email = 'programmaleider@demo.example.org') AS hash,
	extract(epoch FROM timestamp '2021-09-01')::bigint AS t0;

-- THE one place that says which institution a workplace belongs to:
-- workplace no (1..40*insts) is in institution (no - 1) / 40 + 1 (see
-- the end of this file for institution_id); an institution's workplaces
-- also share one domain ("Zorg (instelling 02)").
CREATE TEMP TABLE bd_wp AS
SELECT n AS no, b.w0 + n AS id, (n - 1) / 40 + 1 AS inst,
	(ARRAY['Zorg', 'Onderwijs', 'Sociaal domein', 'Techniek', 'Economie', 'Kunst en cultuur',
	       'Sport en bewegen', 'Veiligheid'])[((n - 1) / 40) % 8 + 1] AS sector,
	-- how this workplace scores (about -0.6..+0.6) and which two
	-- perspectives answer most
	((n * 7919) % 13 - 6) / 10.0 AS effect,
	(ARRAY['student', 'professional', 'citizen', 'teacher'])[n % 4 + 1] AS p1,
	(ARRAY['professional', 'teacher', 'professional', 'student'])[n % 4 + 1] AS p2,
	(ARRAY['manager', 'researcher', 'other'])[n % 3 + 1] AS p3
FROM bd_base b, generate_series(1, :insts * 40) n;

INSERT INTO organisations (id, name, kind, created_at)
SELECT b.o0 + i, format('Hogeschool %s', lpad(i::text, 2, '0')), 'hbo', b.t0
FROM bd_base b, generate_series(1, :insts) i;
INSERT INTO organisations (id, name, kind, created_at)
SELECT b.o0 + :insts + w.no, format('Praktijkpartner %s', w.no),
	(ARRAY['public', 'private', 'mbo'])[w.no % 3 + 1], b.t0
FROM bd_base b, bd_wp w;

INSERT INTO workplaces (id, slug, name, domain, location, start_date, description, vision, goals, created_at)
SELECT w.id, format('bd-%s', lpad(w.no::text, 5, '0')),
	format('Werkplaats %s %s', w.sector, w.no),
	format('%s (instelling %s)', w.sector, lpad(w.inst::text, 2, '0')),
	format('Locatie %s', w.no), '2021-09-01',
	'Een professionele werkplaats van de benchdatabase: studenten, professionals en docenten leren en onderzoeken samen.',
	'Samen leren en onderzoeken maakt de praktijk beter.', 'Elk jaar twee verbeteringen.', b.t0
FROM bd_base b, bd_wp w;

INSERT INTO partners (workplace_id, organisation_id, role, joined_on)
SELECT w.id, b.o0 + w.inst, 'lead', '2021-09-01' FROM bd_base b, bd_wp w
UNION ALL
SELECT w.id, b.o0 + :insts + w.no, 'partner', '2021-09-01' FROM bd_base b, bd_wp w;

-- per institution a programme lead and a researcher, and a coordinator per
-- workplace; all with the demo password
INSERT INTO people (id, name, email, created_at)
SELECT b.p0 + i, format('Programmaleider %s', i), format('lead-%s@bench.example.org', lpad(i::text, 2, '0')), b.t0
FROM bd_base b, generate_series(1, :insts) i
UNION ALL
SELECT b.p0 + :insts + i, format('Onderzoeker %s', i), format('research-%s@bench.example.org', lpad(i::text, 2, '0')), b.t0
FROM bd_base b, generate_series(1, :insts) i
UNION ALL
SELECT b.p0 + 2 * :insts + w.no, format('Coördinator %s', w.no), format('coord-%s@bench.example.org', w.no), b.t0
FROM bd_base b, bd_wp w;
INSERT INTO accounts (person_id, password_hash, is_programme_lead, is_researcher)
SELECT b.p0 + i, b.hash, 1, 0 FROM bd_base b, generate_series(1, :insts) i
UNION ALL
SELECT b.p0 + :insts + i, b.hash, 0, 1 FROM bd_base b, generate_series(1, :insts) i
UNION ALL
SELECT b.p0 + 2 * :insts + w.no, b.hash, 0, 0 FROM bd_base b, bd_wp w;
INSERT INTO memberships (workplace_id, person_id, role, created_at)
SELECT w.id, b.p0 + 2 * :insts + w.no, 'coordinator', b.t0 FROM bd_base b, bd_wp w;

-- ten closed rounds per workplace
CREATE TEMP TABLE bd_round AS
SELECT b.r0 + (w.no - 1) * 10 + j + 1 AS id, w.no, w.id AS workplace_id, j,
	2022 + j / 2 AS year, j % 2 = 1 AS autumn, w.effect, w.p1, w.p2, w.p3,
	9 + (w.no + j) % 4 AS respondents
FROM bd_base b, bd_wp w, generate_series(0, 9) j;
INSERT INTO rounds (id, workplace_id, version_id, title, opens_on, closes_on, k, k_comments, open_token,
		    answers_version, created_at, mail_lang)
SELECT r.id, r.workplace_id, b.version_id,
	format('Meting %s %s', CASE WHEN r.autumn THEN 'najaar' ELSE 'voorjaar' END, r.year),
	make_date(r.year, CASE WHEN r.autumn THEN 10 ELSE 3 END, 1)::text,
	make_date(r.year, CASE WHEN r.autumn THEN 10 ELSE 3 END, 28)::text,
	5, 7, format('bd-%s-open-link', r.id), 1,
	extract(epoch FROM make_date(r.year, CASE WHEN r.autumn THEN 9 ELSE 2 END, 1))::bigint, 'both'
FROM bd_base b, bd_round r;

-- the questions of the version: which perspectives each is put to
-- (perspectives: a bit per perspectives.position, 0 all) and how an
-- element scores beside the others
CREATE TEMP TABLE bd_item AS
SELECT i.id, i.position, i.code, i.kind, i.reverse, i.perspectives AS mask, i.group_code,
	CASE i.group_code WHEN 'LOS' THEN 0.3 WHEN 'SRI' THEN -0.2 WHEN 'GOC' THEN 0.2 WHEN 'VOR' THEN 0.1
		WHEN 'LEA' THEN -0.1 WHEN 'VMM' THEN -0.4 ELSE 0 END AS eff
FROM items i, bd_base b WHERE i.version_id = b.version_id;

CREATE TEMP TABLE bd_resp AS
SELECT b.s0 + (r.id - b.r0 - 1) * 12 + k + 1 AS id, r.id AS round_id,
	CASE WHEN k < 5 THEN r.p1 WHEN k < 10 THEN r.p2 ELSE r.p3 END AS perspective,
	-- the mean this person answers around: workplace, years, person
	3.1 + r.effect + 0.07 * r.j + ((k * 31 + r.id) % 7 - 3) / 10.0 AS mu
FROM bd_base b, bd_round r, generate_series(0, 11) k
WHERE k < r.respondents;

INSERT INTO responses (id, round_id, perspective, access_hash, submitted, page, lang, answers)
SELECT s.id, s.round_id, s.perspective, md5('bd-a' || s.id) || md5('bd-b' || s.id), 1, 9,
	CASE WHEN s.id % 10 = 0 THEN 'en' ELSE 'nl' END,
	(SELECT string_agg(
		CASE WHEN i.kind = 'open' OR (i.mask <> 0 AND i.mask & (1::bigint << p.position::int) = 0) THEN '.'
		     WHEN random() < 0.04 THEN '0'
		     ELSE (SELECT CASE WHEN i.reverse = 1 THEN 6 - v ELSE v END
			   FROM (SELECT greatest(1, least(5, round(s.mu + i.eff
				+ (random() + random() + random() - 1.5) * 1.3)))::int AS v) x)::text
		END, '' ORDER BY i.position)
	 FROM bd_item i)
FROM bd_resp s JOIN perspectives p ON p.code = s.perspective;

-- one respondent in six wrote what goes well in one element
INSERT INTO comments (response_id, item_id, text)
SELECT s.id, i.id,
	(ARRAY['We leren echt van elkaar op de afdeling.', 'De studenten brengen nieuwe vragen mee.',
	       'Er is ruimte om iets uit te proberen.', 'Het overleg met de partners loopt goed.',
	       'Cliënten denken mee over wat beter kan.', 'Tijd blijft het probleem, maar we maken keuzes.'])[s.id % 6 + 1]
FROM bd_resp s JOIN bd_item i ON i.code = (ARRAY['LOS', 'SRI', 'GOC', 'VOR', 'LEA', 'VMM'])[(s.id / 6) % 6 + 1] || '_good'
WHERE s.id % 6 = 0;

-- what the overview counts beside the figures: improvement actions,
-- outcomes, the nine characteristics
INSERT INTO actions (id, workplace_id, round_id, title, owner, due_on, status, created_at, updated_at)
SELECT b.a0 + (w.no - 1) * 3 + j + 1, w.id, b.r0 + (w.no - 1) * 10 + 8 + j % 2,
	(ARRAY['Intervisie elke maand', 'Gezamenlijke onderzoeksvraag kiezen', 'Rollen in het team vastleggen'])[j + 1],
	'Coördinator', make_date(2026 + j / 2, 1 + j * 4, 15)::text,
	(ARRAY['planned', 'in_progress', 'done'])[(w.no + j) % 3 + 1], b.t0, b.t0
FROM bd_base b, bd_wp w, generate_series(0, 2) j;
INSERT INTO outcomes (id, workplace_id, category, occurred_on, title, created_at)
SELECT b.u0 + (w.no - 1) * 2 + j + 1, w.id,
	(ARRAY['knowledge', 'professional', 'curriculum', 'collaboration', 'connections'])[(w.no + j) % 5 + 1],
	make_date(2024 + j, 6, 1)::text, format('Opbrengst %s van werkplaats %s', j + 1, w.no), b.t0
FROM bd_base b, bd_wp w, generate_series(0, 1) j;
INSERT INTO characteristic_assessments (id, workplace_id, assessed_by, assessed_at)
SELECT b.c0 + w.no, w.id, b.p0 + 2 * :insts + w.no, b.t0 + 86400 * 365 FROM bd_base b, bd_wp w;
INSERT INTO characteristic_ratings (assessment_id, number, state, note)
SELECT b.c0 + w.no, c, (ARRAY['not_yet', 'partly', 'met'])[(w.no + c) % 3 + 1], ''
FROM bd_base b, bd_wp w, generate_series(1, 9) c;

-- identities stay ahead of the rows written with explicit ids
SELECT setval(pg_get_serial_sequence('organisations', 'id'), (SELECT max(id) FROM organisations));
SELECT setval(pg_get_serial_sequence('workplaces', 'id'), (SELECT max(id) FROM workplaces));
SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people));
SELECT setval(pg_get_serial_sequence('rounds', 'id'), (SELECT max(id) FROM rounds));
SELECT setval(pg_get_serial_sequence('responses', 'id'), (SELECT max(id) FROM responses));
SELECT setval(pg_get_serial_sequence('actions', 'id'), (SELECT max(id) FROM actions));
SELECT setval(pg_get_serial_sequence('outcomes', 'id'), (SELECT max(id) FROM outcomes));
SELECT setval(pg_get_serial_sequence('characteristic_assessments', 'id'), (SELECT max(id) FROM characteristic_assessments));

-- The institutions: one row each, and institution_id on the workplaces and
-- accounts made here, from bd_wp.inst (institution 1, made by the
-- migration, also holds the demo's workplaces).
INSERT INTO institutions (id, slug, name, created_at)
SELECT i, format('hs%s', lpad(i::text, 2, '0')), format('Hogeschool %s', lpad(i::text, 2, '0')), 0
FROM generate_series(2, (SELECT max(inst) FROM bd_wp)) i;
SELECT setval(pg_get_serial_sequence('institutions', 'id'), (SELECT max(id) FROM institutions));
UPDATE workplaces w SET institution_id = b.inst FROM bd_wp b WHERE w.id = b.id;
-- the leads and researchers (two per institution, in institution order),
-- then the coordinators and partners (per workplace, 40 to an institution)
UPDATE accounts SET institution_id = CASE
	WHEN person_id <= (SELECT p0 FROM bd_base) + 2 * (SELECT max(inst) FROM bd_wp)
	THEN (person_id - (SELECT p0 FROM bd_base) - 1) % (SELECT max(inst) FROM bd_wp) + 1
	ELSE (person_id - (SELECT p0 FROM bd_base) - 2 * (SELECT max(inst) FROM bd_wp) - 1) / 40 + 1 END
WHERE person_id > (SELECT p0 FROM bd_base);
COMMIT;
