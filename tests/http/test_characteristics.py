"""test_characteristics.py - the nine characteristics and the triggers over
time (issue 20): every save of the characteristics form is a dated
assessment with its author, the newest is the current one, the history
shows on the characteristics pages, the development page and in the API,
the dialogue agenda names the characteristics that are "not yet", and
migration 10 keeps what a database of version 9 held as the first
assessment. Runs on SQLite and on PostgreSQL (WERKPLAATS_TEST_STORE=pg).
"""

import html as html_lib
import json
import re
import unittest

import harness
import htmlcheck
import qhelp
from harness import (COORDINATOR, GERIATRIE, MEMBER, OOST, PETRA, PROGRAMME_LEAD, ServerTestCase,
                     csrf_from)

JEROEN = "jeroen@demo.example.org"  # not a member of geriatrie
W = "/pw/" + GERIATRIE


def text_of(page):
    t = page.text if hasattr(page, "text") else page
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html_lib.unescape(t)).strip()


def form_fields(**over):
    f = {"c%d" % i: "" for i in range(1, 10)}
    f.update({"n%d" % i: "" for i in range(1, 10)})
    f.update(over)
    return f


def items(weak):
    return {i["id"]: 1 if e["code"] == weak else 4
            for e in qhelp.INSTRUMENT["elements"] for i in e["items"] if "perspectives" not in i}


class HistoryTest(ServerTestCase):
    """Two saves on geriatrie (its demo assessment is the first)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.client()
        c.login_ok(COORDINATOR)
        cls.coordinator = c
        for fields in (dict(c1="met", n1="Eerste beoordeling", c9="partly", n9="Gaat beter"),
                       dict(c1="partly", n1="Tweede beoordeling", c4="not_yet", n4="Cliënten ontbreken",
                            c9="not_yet", n9="Fouten bespreken is weer lastig")):
            form = c.get(W + "/characteristics")
            r = c.post(W + "/characteristics", dict(form_fields(**fields), csrf=csrf_from(form)))
            assert r.status == 303, r

    def sql(self, q):
        return self.server.sql(q)

    def wp_id(self, slug=GERIATRIE):
        return self.sql("SELECT id FROM workplaces WHERE slug = '%s'" % slug)[0][0]

    def login(self, who):
        c = self.client()
        c.login_ok(who)
        return c

    def test_two_saves_two_assessments_with_dates_and_authors(self):
        rows = self.sql("SELECT a.id, a.assessed_at, COALESCE(p.email, '') FROM characteristic_assessments a"
                        " LEFT JOIN people p ON p.id = a.assessed_by WHERE a.workplace_id = %s ORDER BY a.id"
                        % self.wp_id())
        self.assertEqual(len(rows), 3, rows)  # the demo's, then ours
        self.assertEqual([r[2] for r in rows[1:]], [COORDINATOR, COORDINATOR])
        self.assertTrue(all(int(r[1]) > 1600000000 for r in rows), rows)
        second = rows[1][0]
        self.assertEqual(self.sql("SELECT number, state, note FROM characteristic_ratings"
                                  " WHERE assessment_id = %s ORDER BY number" % second),
                         [["1", "met", "Eerste beoordeling"], ["9", "partly", "Gaat beter"]])

    def test_the_newest_is_current(self):
        c = self.login(MEMBER)
        t = text_of(c.get(W))
        self.assertIn("deels 1. Duurzame, sectoroverstijgende samenwerking", t)
        self.assertIn("Tweede beoordeling", t)
        self.assertNotIn("Eerste beoordeling", t)
        self.assertIn("nog niet 4.", t)
        form = self.coordinator.get(W + "/characteristics").text
        self.assertRegex(form, r'name="c1"\s+value="partly" checked')
        self.assertRegex(form, r'name="c4"\s+value="not_yet" checked')
        # the history marks the same, newest, assessment as the current one
        page = c.get(W + "/characteristics/history")
        self.assertEqual(page.status, 200, page)
        current = re.search(r'<details class="assessment"><summary>[^<]*\(huidig\)</summary>(.*?)</details>',
                            page.text, re.S)
        self.assertIsNotNone(current, page.text[-3000:])
        self.assertIn("Tweede beoordeling", current.group(1))

    def assertValidHtml(self, page):
        if htmlcheck.available() is None:  # the validators are installed
            self.assertEqual(htmlcheck.problems(page.text), [], page.url if hasattr(page, "url") else "")

    def history_checks(self, page):
        self.assertEqual(page.status, 200, page)
        self.assertValidHtml(page)
        t = text_of(page)
        # one column per assessment, the author beside the date
        heads = re.findall(r'<th scope="col" data-assessment="\d+">(.*?)</th>', page.text)
        self.assertEqual(len(heads), 3, heads)
        name = self.sql("SELECT name FROM people WHERE email = '%s'" % COORDINATOR)[0][0]
        self.assertIn(name, text_of(heads[-1]))
        self.assertRegex(text_of(heads[-1]), r"^\d+ december \d{4} \d\d:\d\d ")
        # the evidence of both saves, each in its own <details>
        details = re.findall(r'<details class="assessment">(.*?)</details>', page.text, re.S)
        self.assertEqual(len(details), 3)
        self.assertIn("Tweede beoordeling", details[0])
        self.assertIn("(huidig)", text_of(details[0]))
        self.assertIn("Eerste beoordeling", details[1])
        self.assertIn("Convenant ziekenhuis", details[2])  # the demo's assessment
        # the row of characteristic 1: met, then partly (oldest left)
        row = re.search(r'<th scope="row">1\. [^<]*</th>(.*?)</tr>', page.text).group(1)
        self.assertEqual(re.findall(r'<span class="[^"]+">([^<]+)</span>', row), ["voldaan", "voldaan", "deels"])

    def test_the_page_shows_both(self):
        self.history_checks(self.coordinator.get(W + "/characteristics"))
        self.history_checks(self.coordinator.get(W + "/characteristics/history"))
        self.assertIn(W + "/characteristics/history", self.coordinator.get(W).text)

    def test_members_and_the_lead_read_outsiders_get_404(self):
        m = self.login(MEMBER)
        page = m.get(W + "/characteristics/history")
        self.history_checks(page)
        self.assertNotIn(W + "/characteristics\"", page.text)  # no link to the form
        self.assertEqual(m.get(W + "/characteristics").status, 403)
        lead = self.login(PROGRAMME_LEAD)
        page = lead.get(W + "/characteristics/history")
        self.history_checks(page)
        self.assertIn('id="lead-view"', page.text)
        self.assertNotIn("<form method=\"post\" action=\"%s/characteristics\"" % W, page.text)
        self.assertEqual(lead.get(W + "/characteristics").status, 403)
        self.assertEqual(lead.post(W + "/characteristics", dict(form_fields(), csrf=csrf_from(page))).status, 403)
        self.assertEqual(self.login(JEROEN).get(W + "/characteristics/history").status, 404)
        self.assertEqual(self.client().get(W + "/characteristics/history").status, 303)  # to the login

    def test_development_page_shows_them(self):
        for who in (MEMBER, PROGRAMME_LEAD):
            page = self.login(who).get(W + "/development")
            self.assertEqual(page.status, 200, page)
            self.assertValidHtml(page)
            self.assertIn("De negen kenmerken door de tijd", page.text)
            heads = re.findall(r'<th scope="col" data-assessment="\d+">', page.text)
            self.assertEqual(len(heads), 3)
            row = re.search(r'<th scope="row">4\. [^<]*</th>(.*?)</tr>', page.text).group(1)
            self.assertEqual(re.findall(r'<span class="[^"]+">([^<]+)</span>', row)[-1], "nog niet")

    def test_agenda_lists_the_not_yet_ones(self):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title="Ronde voor de agenda")
        qhelp.add_responses(self.server, rid, [("student", items("GOC"), {}) for _ in range(6)])
        qhelp.close_round(self.server, rid)
        page = self.login(MEMBER).get("%s/rounds/%d/dialogue" % (W, rid))
        self.assertEqual(page.status, 200, page)
        self.assertValidHtml(page)
        part = page.text.split("Kenmerken die nog niet op orde zijn", 1)
        self.assertEqual(len(part), 2, page.text[-3000:])
        listed = re.search(r'<ul class="not-yet">(.*?)</ul>', part[1], re.S).group(1)
        self.assertEqual(re.findall(r"<li>(\d)\. ", listed), ["4", "9"])
        self.assertIn("Fouten bespreken is weer lastig", text_of(listed))
        # beside the weakest elements, in the same section
        self.assertLess(page.text.index("Zwakst"), page.text.index("Kenmerken die nog niet op orde zijn"))
        en = self.server.client(accept_language="en")
        en.login_ok(MEMBER)
        self.assertIn("Characteristics not yet in place", en.get("%s/rounds/%d/dialogue" % (W, rid)).text)

    def test_triggers_with_their_dates(self):
        c = self.login(PETRA)
        path = "/pw/" + OOST
        before = self.sql("SELECT count(*) FROM trigger_changes WHERE workplace_id = %s" % self.wp_id(OOST))
        form = c.get(path + "/profile")
        fields = {m[0]: html_lib.unescape(m[1]) for m in re.findall(
            r'<input type="(?:text|date)"[^>]* name="([a-z_]+)"[^>]* value="([^"]*)"', form.text)}
        for name in ("description", "vision", "goals", "trigger_complex", "trigger_opportunity"):
            m = re.search(r'<textarea[^>]* name="%s"[^>]*>(.*?)</textarea>' % name, form.text, re.S)
            fields[name] = html_lib.unescape(m.group(1)) if m else ""
        fields["trigger_urgency"] = "Nieuwe urgentie: de wachtlijst schuldhulp"
        r = c.post(path + "/profile", dict(fields, csrf=csrf_from(form)))
        self.assertEqual(r.status, 303, r)
        after = self.sql("SELECT count(*) FROM trigger_changes WHERE workplace_id = %s" % self.wp_id(OOST))
        self.assertEqual(int(after[0][0]), int(before[0][0]) + 1)  # only the changed trigger
        page = c.get(path + "/characteristics/history")
        self.assertValidHtml(page)
        rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", page.text)
        self.assertEqual(rows[0][2], "Gevoel van urgentie")
        self.assertEqual(html_lib.unescape(rows[0][3]), "Nieuwe urgentie: de wachtlijst schuldhulp")
        self.assertIn("Petra", rows[0][1])
        self.assertRegex(rows[0][0], r"\d{4} \d\d:\d\d")
        # the demo's own text is still there, below
        self.assertIn("Er waren signalen dat mensen met schulden te laat hulp kregen.",
                      html_lib.unescape(page.text))

    def token(self, who):
        c = self.login(who)
        page = c.get("/account")
        r = c.post("/account/tokens", {"csrf": csrf_from(page), "token_name": "kenmerken"})
        self.assertEqual(r.status, 200, r)
        return re.search(r'id="new-token">([^<]+)<', r.text).group(1)

    def api(self, tok, slug=GERIATRIE):
        return self.client().request("GET", "/api/v1/workplaces/%s/characteristics" % slug,
                                     headers={"Authorization": "Bearer " + tok})

    def test_api_returns_the_history(self):
        r = self.api(self.token(MEMBER))
        self.assertEqual(r.status, 200, r)
        data = json.loads(r.body)
        a = data["assessments"]
        self.assertEqual(len(a), 3)
        self.assertGreater(a[0]["id"], a[1]["id"])  # newest first: the current one
        self.assertRegex(a[0]["assessed_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(a[0]["assessed_by"], a[1]["assessed_by"])
        self.assertEqual(len(a[0]["characteristics"]), 9)
        self.assertEqual(a[0]["characteristics"][0], {"number": 1, "state": "partly", "note": "Tweede beoordeling"})
        self.assertEqual(a[1]["characteristics"][0]["note"], "Eerste beoordeling")
        self.assertIsNone(a[0]["characteristics"][1]["state"])  # not assessed
        kinds = {t["kind"] for t in data["trigger_changes"]}
        self.assertEqual(kinds, {"complex", "opportunity", "urgency"})
        self.assertEqual(self.api(self.token(JEROEN)).status, 404)
        self.assertEqual(self.client().request("GET", "/api/v1/workplaces/%s/characteristics" % GERIATRIE).status,
                         401)


class MigrationTest(ServerTestCase):
    """A database as migration 9 left it (the demo's characteristics in
    workplace_characteristics, no history tables): the server migrates it
    at start and the demo's characteristics become the first assessment."""

    @classmethod
    def before_start(cls, server):
        cls.expected = cls.rewind_to_9(server)

    @staticmethod
    def rewind_to_9(server):
        db = qhelp.db(server)
        try:
            db.execute("CREATE TABLE workplace_characteristics (\n"
                       "  workplace_id INTEGER NOT NULL REFERENCES workplaces(id) ON DELETE CASCADE,\n"
                       "  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9),\n"
                       "  state TEXT NOT NULL CHECK (state IN ('not_yet','partly','met')),\n"
                       "  note TEXT NOT NULL DEFAULT '',\n"
                       "  updated_at INTEGER NOT NULL,\n"
                       "  PRIMARY KEY (workplace_id, number))")
            # the rows of one workplace changed at different times: the
            # assessment takes the newest
            db.execute("INSERT INTO workplace_characteristics (workplace_id, number, state, note, updated_at)"
                       " SELECT a.workplace_id, r.number, r.state, r.note, 1700000000 + r.number * 1000"
                       " FROM characteristic_ratings r JOIN characteristic_assessments a"
                       " ON a.id = r.assessment_id")
            expected = {}
            for wid, n, state, note, at in db.execute(
                    "SELECT workplace_id, number, state, note, updated_at FROM workplace_characteristics"):
                e = expected.setdefault(int(wid), {"at": 0, "ratings": {}})
                e["ratings"][int(n)] = (state, note)
                e["at"] = max(e["at"], int(at))
            triggers = {(int(w), k): t for w, k, t in db.execute(
                "SELECT workplace_id, kind, text FROM workplace_triggers")}
            created = dict((int(w), int(c)) for w, c in db.execute("SELECT id, created_at FROM workplaces"))
            # the institutions (migration 19): on PostgreSQL first the row-level
            # security that hangs on them
            if harness.PG:
                for t in ("workplaces", "accounts", "memberships", "rounds", "actions", "outcomes",
                          "realist_notes", "invitations", "responses", "round_snapshots",
                          "paper_entries", "comments", "response_triggers", "own_statements",
                          "own_answers"):
                    db.execute("DROP POLICY IF EXISTS institution ON %s" % t)
                    db.execute("ALTER TABLE %s NO FORCE ROW LEVEL SECURITY" % t)
                    db.execute("ALTER TABLE %s DISABLE ROW LEVEL SECURITY" % t)
                db.execute("DROP FUNCTION wp_all_institutions()")
                db.execute("DROP FUNCTION wp_institution_visible(BIGINT)")
            db.execute("DROP INDEX workplaces_institution")
            db.execute("DROP INDEX accounts_institution")
            db.execute("ALTER TABLE workplaces DROP COLUMN institution_id")
            db.execute("ALTER TABLE accounts DROP COLUMN institution_id")
            db.execute("DROP TABLE benchmark_agreements")
            db.execute("DROP TABLE institutions")
            # the tables of migration 10, and of the migrations after it
            # (12: paper forms, 14: the primary process, 15: privacy duties, 16: sign-in
            # through the institution, 17: reports and the site's look, 18: own statements),
            # children first
            for t in ("own_answers", "own_statements", "evidence_files", "practice_products", "question_contributors", "activity_participants",
                      "practice_activities", "practice_questions", "paper_entries",
                      "round_snapshots", "totp", "login_challenges",
                      "external_identities", "login_attempts", "used_assertions", "login_links",
                      "identity_providers", "year_share_links", "site_look",
                      "characteristic_ratings", "characteristic_assessments", "trigger_changes"):
                db.execute("DROP TABLE %s" % t)
            # and what the migrations after 10 added (easy-read, paper, issue 20's sharing flags)
            for table, column in (("responses", "easy"), ("responses", "paper"),
                                  ("workplaces", "retention_answers"), ("workplaces", "retention_comments"),
                                  ("workplaces", "retention_addresses"), ("workplaces", "retention_audit"),
                                  ("rounds", "answers_deleted_at"), ("rounds", "comments_deleted_at"),
                                  ("rounds", "addresses_deleted_at"),
                                  ("workplaces", "share_comments_lead"), ("actions", "shared"),
                                  ("realist_notes", "shared")):
                db.execute("ALTER TABLE %s DROP COLUMN %s" % (table, column))
            latest = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
            db.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
        finally:
            db.close()
        assert expected and triggers
        return {"characteristics": expected, "triggers": triggers, "created": created, "latest": str(latest)}

    def test_the_demo_is_the_first_assessment(self):
        s = self.server
        # migrated to the version a new store has (10 and those after it)
        self.assertEqual(s.sql("SELECT value FROM meta WHERE key = 'schema_version'"), [[self.expected["latest"]]])
        self.assertGreaterEqual(int(self.expected["latest"]), 10)
        rows = s.sql("SELECT id, workplace_id, assessed_at, COALESCE(assessed_by, 0) FROM characteristic_assessments")
        self.assertEqual(sorted(int(r[1]) for r in rows), sorted(self.expected["characteristics"]))
        for aid, wid, at, by in rows:
            e = self.expected["characteristics"][int(wid)]
            self.assertEqual(int(at), e["at"])
            self.assertEqual(by, "0")
            ratings = {int(n): (st, note) for n, st, note in s.sql(
                "SELECT number, state, note FROM characteristic_ratings WHERE assessment_id = %s" % aid)}
            self.assertEqual(ratings, e["ratings"])
        tr = {(int(w), k): (t, int(at), by) for w, k, t, at, by in s.sql(
            "SELECT workplace_id, kind, text, changed_at, COALESCE(changed_by, 0) FROM trigger_changes")}
        self.assertEqual({k: v[0] for k, v in tr.items()}, self.expected["triggers"])
        for (w, _k), (_t, at, by) in tr.items():
            self.assertEqual(at, self.expected["created"][w])
            self.assertEqual(by, "0")
        self.assertEqual(s.sql("SELECT count(*) FROM information_schema.tables"
                               " WHERE table_name = 'workplace_characteristics'") if harness.PG else
                         s.sql("SELECT count(*) FROM sqlite_master WHERE name = 'workplace_characteristics'"),
                         [["0"]])

    def test_the_pages_show_it(self):
        c = self.server.client()
        c.login_ok(COORDINATOR)
        page = c.get(W + "/characteristics/history")
        self.assertEqual(page.status, 200, page)
        self.assertEqual(len(re.findall(r'<details class="assessment">', page.text)), 1)
        self.assertIn("onbekend", text_of(page))  # migrated: nobody known
        self.assertIn("Convenant ziekenhuis, hogeschool en ROC sinds 2019.", html_lib.unescape(page.text))
        self.assertIn("voldaan 1. Duurzame, sectoroverstijgende samenwerking", text_of(c.get(W)))


if __name__ == "__main__":
    unittest.main()
