"""What a workplace sees after a round (issue 4), through HTTP: access,
the figures against an independent computation from the stored answers,
the anonymity rules end to end, the charts, the dialogue agenda and the
JSON that never says more than the pages."""

import json
import re
import statistics
import unittest
import xml.etree.ElementTree as ET

import harness
import qhelp
from harness import ADMIN, COORDINATOR, GERIATRIE, MEMBER, PETRA, ServerTestCase

ROUND = 2  # demo: geriatrie, "Meting najaar 2026", 74 responses
PERSPECTIVES = ["student", "professional", "teacher", "researcher", "citizen", "manager", "other"]


def items_by_element():
    out = {}
    for e in qhelp.INSTRUMENT["elements"]:
        out[e["code"]] = e["items"]
    return out


def element_scores(server, round_id):
    """Independently of the program: each respondent's element scores from
    the stored answers (mean of answered statements put to their
    perspective, reverse-worded turned round, only when at least half are
    answered)."""
    rows = server.sql("SELECT r.id, r.perspective, i.code, COALESCE(CAST(a.value AS TEXT), '') FROM responses r"
                      " LEFT JOIN answers a ON a.response_id = r.id LEFT JOIN items i ON i.id = a.item_id"
                      " WHERE r.round_id = %d AND r.submitted = 1" % round_id)
    people = {}
    for rid, persp, code, value in rows:
        p = people.setdefault(rid, {"persp": persp, "answers": {}})
        if code and value:
            p["answers"][code] = int(value)
    out = []
    for p in people.values():
        scores = {}
        for el, items in items_by_element().items():
            asked = [i for i in items if qhelp.shown_to(i, p["persp"])]
            vals = [(6 - p["answers"][i["id"]]) if i.get("reverse") else p["answers"][i["id"]]
                    for i in asked if i["id"] in p["answers"]]
            if vals and 2 * len(vals) >= len(asked):
                scores[el] = statistics.fmean(vals)
        out.append((p["persp"], scores))
    return out


def svgs(text):
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


class ResultsTest(ServerTestCase):
    def member(self):
        c = self.client()
        c.login_ok(MEMBER)
        return c

    def path(self, rid, rest="results"):
        return "/pw/%s/rounds/%d/%s" % (GERIATRIE, rid, rest)

    def test_access(self):
        m = self.member()
        for rest in ("results", "results/LOS", "results/VMM", "dialogue"):
            self.assertEqual(m.get(self.path(ROUND, rest)).status, 200, rest)
        self.assertEqual(m.get("/pw/%s/development" % GERIATRIE).status, 200)
        self.assertEqual(m.get("/api/v1/rounds/%d/results" % ROUND).status, 200)
        outsider = self.client()
        outsider.login_ok(PETRA)
        for path in (self.path(ROUND), self.path(ROUND, "results/LOS"), self.path(ROUND, "dialogue"),
                     "/pw/%s/development" % GERIATRIE):
            self.assertEqual(outsider.get(path).status, 404, path)
        r = outsider.get("/api/v1/rounds/%d/results" % ROUND)
        self.assertEqual(r.status, 404)
        self.assertEqual(json.loads(r.text)["error"], "no such round")
        anonymous = self.client()
        self.assertEqual(anonymous.get(self.path(ROUND)).status, 303)
        self.assertEqual(anonymous.get("/api/v1/rounds/%d/results" % ROUND).status, 401)
        # a round of another workplace under this workplace's path
        self.assertEqual(m.get("/pw/%s/rounds/4/results" % GERIATRIE).status, 404)
        self.assertEqual(m.get(self.path(ROUND, "results/XYZ")).status, 404)

    def test_figures_match_an_independent_computation(self):
        data = json.loads(self.member().get("/api/v1/rounds/%d/results" % ROUND).text)
        people = element_scores(self.server, ROUND)
        self.assertEqual(data["respondents"], len(people))
        states = {p: data["perspectives"][p]["state"] for p in PERSPECTIVES}
        totals_shown = 0
        for el in qhelp.ELEMENTS:
            row = data["elements"][el]
            everyone = [s[el] for _, s in people if el in s]
            # the total only when everyone with a score is in a shown column
            outside = [s[el] for q, s in people if el in s and
                       (q if q != "other" and states[q] == "shown" else "other") not in row["columns"]]
            if outside:
                self.assertIsNone(row["weighted"], el)
            else:
                totals_shown += 1
                self.assertAlmostEqual(row["weighted"]["mean"], statistics.fmean(everyone), places=9)
                self.assertAlmostEqual(row["weighted"]["sd"], statistics.stdev(everyone), places=9)
                self.assertEqual(row["weighted"]["n"], len(everyone))
            means = []
            for p, cell in row["columns"].items():
                if p == "other":
                    group = [s[el] for q, s in people if el in s and (q == "other" or states[q] == "pooled")]
                else:
                    group = [s[el] for q, s in people if q == p and el in s]
                self.assertEqual(cell["n"], len(group), (el, p))
                self.assertGreaterEqual(cell["n"], 5)
                self.assertAlmostEqual(cell["mean"], statistics.fmean(group), places=9)
                self.assertAlmostEqual(cell["sd"], statistics.stdev(group), places=9)
                means.append(cell["mean"])
            self.assertAlmostEqual(row["headline"], statistics.fmean(means), places=9)
            self.assertAlmostEqual(row["gap"], max(means) - min(means), places=9)
            shown = round(row["headline"] + 1e-12, 1)
            band = "strength" if shown >= 4.0 else "discuss" if shown >= 3.0 else "attention"
            self.assertEqual(row["band"], band)
        self.assertGreater(totals_shown, 0, "the demo round shows some totals")

    def test_reliability_matches_an_independent_computation(self):
        data = json.loads(self.member().get("/api/v1/rounds/%d/results" % ROUND).text)
        rows = self.server.sql("SELECT r.id, i.code, a.value FROM responses r JOIN answers a ON a.response_id = r.id"
                               " JOIN items i ON i.id = a.item_id WHERE r.round_id = %d AND r.submitted = 1"
                               " AND a.value IS NOT NULL" % ROUND)
        given = {}
        for rid, code, value in rows:
            given.setdefault(rid, {})[code] = int(value)
        for el in ("LOS", "SRI", "VMM"):
            core = [i for i in qhelp.element(el)["items"] if "perspectives" not in i]
            cases = [[(6 - a[i["id"]]) if i.get("reverse") else a[i["id"]] for i in core]
                     for a in given.values() if all(i["id"] in a for i in core)]
            k = len(core)
            totals = [sum(c) for c in cases]
            item_var = sum(statistics.variance([c[j] for c in cases]) for j in range(k))
            alpha = k / (k - 1) * (1 - item_var / statistics.variance(totals))
            rel = data["reliability"][el]
            self.assertEqual(rel["n"], len(cases), el)
            self.assertAlmostEqual(rel["alpha"], alpha, places=9)
            self.assertEqual(sorted(rel["item_rest"]), sorted(i["id"] for i in core))
        corr = data["correlations"]
        self.assertAlmostEqual(corr["LOS"]["LOS"], 1.0)
        self.assertAlmostEqual(corr["SRI"]["VMM"], corr["VMM"]["SRI"])

    def test_page_shows_the_same_numbers_as_the_json(self):
        m = self.member()
        data = json.loads(m.get("/api/v1/rounds/%d/results" % ROUND).text)
        page = m.get(self.path(ROUND)).text
        table = page[page.index('<table class="scores">'):]
        table = table[:table.index("</table>")]
        for el in qhelp.ELEMENTS:
            row_html = re.search(r">%s</a>.*?</tr>" % el, table, flags=re.S).group(0)
            cells = re.findall(r'<td class="num[^"]*">([0-9]\.[0-9])', row_html)
            row = data["elements"][el]
            expected = ["%.1f" % row["columns"][p]["mean"] for p in PERSPECTIVES if p in row["columns"]]
            expected.append("%.1f" % row["headline"])
            if row["weighted"]:
                expected.append("%.1f" % row["weighted"]["mean"])
            self.assertEqual(cells[:len(expected)], expected, el)

    def test_charts_are_well_formed_svg(self):
        m = self.member()
        for path in (self.path(ROUND), self.path(ROUND, "results/SRI"), "/pw/%s/development" % GERIATRIE):
            found = svgs(m.get(path).text)
            self.assertTrue(found, path)
            for svg in found:
                root = ET.fromstring(svg)  # raises on anything not well-formed
                self.assertEqual(root.get("role"), "img")
                self.assertIsNotNone(root.find("{http://www.w3.org/2000/svg}title"))
                self.assertNotIn("nan", svg.lower().replace("nans", ""))

    def test_dialogue_agenda_and_agreements(self):
        c = self.client()
        c.login_ok(COORDINATOR)
        page = c.get(self.path(ROUND, "dialogue"))
        self.assertEqual(page.status, 200)
        self.assertIn("Waar de perspectieven het meest verschillen", page.text)
        self.assertIn("Sterkste en zwakste elementen", page.text)
        self.assertIn(qhelp.element("LOS")["dialogue_questions"][0]["nl"], page.text)
        before = int(self.server.sql("SELECT COUNT(*) FROM actions")[0][0])
        r = c.post(self.path(ROUND, "dialogue"), {"csrf": harness.csrf_from(page), "title0": "Koffie met bewoners",
                                                  "element0": "VOR", "owner0": "Anouk", "due0": "2027-02-01",
                                                  "title1": "", "element1": "LOS"})
        self.assertEqual(r.status, 303, r)
        rows = self.server.sql("SELECT a.title, a.owner, a.due_on, a.round_id, e.element, a.status FROM actions a"
                               " JOIN action_elements e ON e.action_id = a.id WHERE a.title = 'Koffie met bewoners'")
        self.assertEqual(rows, [["Koffie met bewoners", "Anouk", "2027-02-01", str(ROUND), "VOR", "planned"]])
        self.assertEqual(int(self.server.sql("SELECT COUNT(*) FROM actions")[0][0]), before + 1)
        r = c.post(self.path(ROUND, "dialogue"), {"csrf": harness.csrf_from(page), "title0": "",
                                                  "element0": "LOS"})
        self.assertEqual(r.status, 400)
        r = c.post(self.path(ROUND, "dialogue"), {"csrf": harness.csrf_from(page), "title0": "x",
                                                  "element0": "XYZ"})
        self.assertEqual(r.status, 400)
        m = self.member()
        r = m.post(self.path(ROUND, "dialogue"), {"csrf": harness.csrf_from(m.get(self.path(ROUND, "dialogue"))),
                                                  "title0": "Stiekem", "element0": "LOS"})
        self.assertEqual(r.status, 403)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM actions WHERE title = 'Stiekem'"), [["0"]])


def sri_score(value):
    """The SRI score of someone who gave every statement `value`: SRI6 is
    worded the other way round and scored 6 - value."""
    return (6 * value + (6 - value)) / 7


def all_items(value):
    return {i["id"]: value for e in qhelp.INSTRUMENT["elements"] for i in e["items"] if "perspectives" not in i}


class AnonymityTest(ServerTestCase):
    """Rounds with chosen groups; the rules of MODEL.md on both sides of k."""

    def make(self, title, groups, comments=None):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title=title)
        rows = []
        for persp, n, value in groups:
            for i in range(n):
                rows.append((persp, all_items(value), (comments or {}).get(persp)))
        qhelp.add_responses(self.server, rid, rows)
        qhelp.close_round(self.server, rid)
        return rid

    def fetch(self, rid):
        c = self.client()
        c.login_ok(MEMBER)
        data = json.loads(c.get("/api/v1/rounds/%d/results" % rid).text)
        page = c.get("/pw/%s/rounds/%d/results" % (GERIATRIE, rid)).text
        element = c.get("/pw/%s/rounds/%d/results/LOS" % (GERIATRIE, rid)).text
        return data, page, element

    def test_below_k_in_total_shows_nothing(self):
        rid = self.make("Vier", [("student", 4, 4)], {"student": {"LOS_good": "geheim vier"}})
        data, page, element = self.fetch(rid)
        self.assertEqual(data["shown"], False)
        self.assertNotIn("elements", data)
        self.assertNotIn("respondents", data)
        self.assertIn("minder dan 5 ingevulde vragenlijsten", page)
        self.assertNotIn("4.0", page)
        self.assertNotIn("geheim vier", element)

    def test_exactly_k_in_total_is_shown(self):
        rid = self.make("Vijf", [("student", 5, 4)])
        data, page, _ = self.fetch(rid)
        self.assertTrue(data["shown"])
        self.assertEqual(data["respondents"], 5)
        self.assertEqual(data["elements"]["LOS"]["columns"]["student"]["n"], 5)

    def test_group_of_k_minus_one_is_not_shown_on_its_own(self):
        # 5 students, 4 professionals: the pool (4) is below k, so students join it
        rid = self.make("Negen", [("student", 5, 5), ("professional", 4, 1)],
                        {"professional": {"LOS_good": "van een professional"}})
        data, page, element = self.fetch(rid)
        self.assertEqual(data["perspectives"]["professional"]["state"], "pooled")
        self.assertEqual(data["perspectives"]["student"]["state"], "pooled")
        self.assertEqual(list(data["elements"]["SRI"]["columns"]), ["other"])
        sri = data["elements"]["SRI"]
        self.assertAlmostEqual(sri["columns"]["other"]["mean"], (5 * sri_score(5) + 4 * sri_score(1)) / 9)
        self.assertAlmostEqual(sri["headline"], sri["weighted"]["mean"])  # one column: the weighted mean
        # LOS puts LOS6 to students and LOS7 to professionals: the pool's
        # element score would weigh them differently, so it is withheld
        self.assertEqual(data["elements"]["LOS"], {"shown": False})
        self.assertIn("–*", element)
        self.assertIn("verschillende stellingen", element)
        self.assertNotIn(">Professional ", page)
        self.assertNotIn(">Student <", page)
        self.assertIn("van een professional", element)  # comments follow the pooled column
        self.assertIn("Overig (samengevoegd)", element)

    def test_groups_of_k_are_shown_and_small_ones_pool(self):
        rid = self.make("Pool", [("student", 5, 5), ("professional", 5, 3), ("teacher", 4, 2), ("citizen", 1, 1)])
        data, _, _ = self.fetch(rid)
        st = data["perspectives"]
        self.assertEqual((st["student"]["state"], st["professional"]["state"], st["teacher"]["state"],
                          st["citizen"]["state"], st["other"]["state"]),
                         ("shown", "shown", "pooled", "pooled", "shown"))
        sri = data["elements"]["SRI"]["columns"]
        self.assertEqual(sri["other"]["n"], 5)
        other = (4 * sri_score(2) + sri_score(1)) / 5
        self.assertAlmostEqual(sri["other"]["mean"], other)
        self.assertAlmostEqual(data["elements"]["SRI"]["headline"], (sri_score(5) + sri_score(3) + other) / 3)
        self.assertNotIn("teacher", sri)
        self.assertNotIn("citizen", sri)
        # LOS7 is put to teachers, not to citizens: the pool's LOS cell is
        # withheld, and so is the total (it would be the pool's sum)
        los = data["elements"]["LOS"]
        self.assertEqual(sorted(los["columns"]), ["professional", "student"])
        self.assertIsNone(los["weighted"])

    def test_labels_say_what_happened(self):
        # the pooled teachers and citizens answer highest and lowest, but
        # "other" is no one a team can talk to: the agenda names the
        # highest and lowest of the groups shown as themselves
        rid = self.make("Labels", [("student", 5, 3), ("professional", 5, 4), ("teacher", 3, 5), ("citizen", 2, 5)])
        data, _, element = self.fetch(rid)
        self.assertEqual(data["perspectives"]["other"]["state"], "shown")
        c = self.client()
        c.login_ok(MEMBER)
        agenda = c.get("/pw/%s/rounds/%d/dialogue" % (GERIATRIE, rid)).text
        named = re.findall(r"(Hoogst|laagst): ([^(<]+) \(", agenda)
        self.assertTrue(named, agenda[-3000:])
        for _, who in named:
            self.assertNotIn("Overig", who)
        # LOS6 is put to students only: "not asked" for the others, and
        # the students' empty cell is hidden as too small
        row = re.search(r'<tr><th scope="row">[^<]*%s.*?</tr>' % re.escape(qhelp.element("LOS")["items"][5]["text"]["nl"]),
                        element, flags=re.S)
        self.assertTrue(row, element[-3000:])
        self.assertEqual(row.group(0).count("niet gevraagd"), 2)  # professionals, other
        self.assertIn("niet getoond (te weinig mensen)", row.group(0))  # the students: none answered

    def test_complementary_suppression_when_one_group_would_be_hidden(self):
        # 6 students, 5 professionals, 2 citizens: the 2 citizens alone would be
        # total minus the shown groups; the smaller shown group joins them.
        rid = self.make("Aanvulling", [("student", 6, 4), ("professional", 5, 2), ("citizen", 2, 1)])
        data, _, _ = self.fetch(rid)
        st = data["perspectives"]
        self.assertEqual(st["student"]["state"], "shown")
        self.assertEqual(st["professional"]["state"], "pooled")
        self.assertEqual(data["perspectives"]["other"]["n"], 7)
        cols = data["elements"]["SRI"]["columns"]
        self.assertEqual(sum(c["n"] for c in cols.values()), data["respondents"])  # nothing left to subtract


class RememberedLookupsTest(ServerTestCase):
    """The session, the workplace, the membership and the round that every
    page looks up are remembered per store connection inside read
    transactions (db_prepare_memo, src/store/db.h). Changed by another
    process (here: a plain connection to the store) while the server runs,
    each is seen by the very next request on every connection."""

    def pages(self, clients, path):
        """Each client's view of path, several times over: the requests
        spread over the server's threads and store connections."""
        out = []
        for _ in range(4):
            for c in clients:
                out.append(c.get(path))
        return out

    def test_changes_by_another_process(self):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title="Onthouden")
        qhelp.add_responses(self.server, rid, [("student", all_items(4), None)] * 5)
        path = "/pw/%s/rounds/%d/results" % (GERIATRIE, rid)
        clients = [self.client() for _ in range(6)]
        for c in clients:
            c.login_ok(MEMBER)
        for r in self.pages(clients, path):  # every connection remembers
            self.assertEqual(r.status, 200)
            self.assertTrue("Onthouden" in r.text, "the round's title is not on the page")
        store = qhelp.db(self.server)
        store.execute("UPDATE rounds SET title = 'Herdoopt' WHERE id = %d" % rid)
        store.execute("UPDATE workplaces SET name = 'Geriatrie hernoemd' WHERE slug = '%s'" % GERIATRIE)
        for r in self.pages(clients, path):
            self.assertEqual(r.status, 200)
            self.assertTrue("Herdoopt" in r.text and "Onthouden" not in r.text, "an old title of the round")
            self.assertTrue("Geriatrie hernoemd" in r.text, "an old name of the workplace")
        # the member leaves the workplace: not found, on every connection
        store.execute("DELETE FROM memberships WHERE person_id = (SELECT id FROM people"
                      " WHERE email = '%s') AND workplace_id = (SELECT id FROM workplaces"
                      " WHERE slug = '%s')" % (MEMBER, GERIATRIE))
        for r in self.pages(clients, path):
            self.assertEqual(r.status, 404)
        # every session ends: each visitor is sent to log in
        store.execute("DELETE FROM sessions")
        for r in self.pages(clients, "/account"):
            self.assertEqual(r.status, 303)
            self.assertTrue((r.location or "").startswith("/login"), r)


class OverviewCacheTest(ServerTestCase):
    """The overview's body is rendered once per change and copied below each
    visitor's own header (src/web/page_cache.h): never another visitor's
    header, never figures older than the stored answers."""

    def overview(self, client, rid):
        r = client.get("/pw/%s/rounds/%d/results" % (GERIATRIE, rid))
        self.assertEqual(r.status, 200)
        return r.text

    @staticmethod
    def header_and_body(page):
        head, sep, body = page.partition("<main ")
        assert sep, page[:300]
        return head, body

    def logout_csrf(self, page):
        m = re.search(r'action="/logout" class="inline"><input type="hidden" name="csrf" value="([0-9a-f]+)"', page)
        self.assertTrue(m, page[:2000])
        return m.group(1)

    def test_each_visitor_gets_their_own_header(self):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title="Koppen")
        qhelp.add_responses(self.server, rid, [("student", all_items(4), None)] * 5)
        qhelp.close_round(self.server, rid)
        admin, member, coordinator = self.client(), self.client(), self.client()
        admin.login_ok(ADMIN)
        member.login_ok(MEMBER)
        coordinator.login_ok(COORDINATOR)
        pages = {}
        for _ in range(2):  # the second round of visits is served from the cache
            for name, c in (("admin", admin), ("member", member), ("coordinator", coordinator)):
                pages[name] = self.overview(c, rid)
        for name, c in (("admin", admin), ("member", member), ("coordinator", coordinator)):
            # the logout form carries this visitor's own token, as on any other page
            self.assertEqual(self.logout_csrf(pages[name]), self.logout_csrf(c.get("/account").text), name)
        tokens = {self.logout_csrf(p) for p in pages.values()}
        self.assertEqual(len(tokens), 3)
        self.assertIn('href="/admin"', self.header_and_body(pages["admin"])[0])
        self.assertNotIn('href="/admin"', pages["member"])
        self.assertNotIn('href="/admin"', pages["coordinator"])
        bodies = {self.header_and_body(p)[1] for p in pages.values()}
        self.assertEqual(len(bodies), 1)

    def test_a_change_to_the_answers_shows_at_once(self):
        rid, tok = qhelp.new_round(self.server, GERIATRIE, title="Verse cijfers")
        qhelp.add_responses(self.server, rid, [("student", all_items(4), None)] * 5)
        m = self.client()
        m.login_ok(MEMBER)
        # while the round is open only the count shows, and it follows every change
        so_far = "Tot nu toe zijn %d vragenlijsten ingevuld"
        self.assertIn(so_far % 5, self.overview(m, rid))
        self.assertIn(so_far % 5, self.overview(m, rid))
        # a sixth through the questionnaire, then withdrawn again
        c = self.client()
        resp = qhelp.start_open(c, tok, "student")
        qhelp.answer_page(c, resp, 1, {"LOS1": "1"})
        self.assertEqual(qhelp.submit(c, resp).status, 303)
        self.assertIn(so_far % 6, self.overview(m, rid))
        r = c.post("/r/%s/withdraw" % resp, {"csrf": qhelp.csrf(c, resp), "confirm": "yes"})
        self.assertEqual(r.status, 200)
        self.assertIn(so_far % 5, self.overview(m, rid))
        self.assertNotIn("ingevulde vragenlijsten", self.overview(m, rid))
        # closed: the figures at once
        qhelp.close_round(self.server, rid)
        self.assertIn("<strong>5</strong> ingevulde vragenlijsten", self.overview(m, rid))

    def test_round_title_and_language(self):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title="Eerste titel")
        qhelp.add_responses(self.server, rid, [("student", all_items(3), None)] * 5)
        qhelp.close_round(self.server, rid)
        m = self.client()
        m.login_ok(MEMBER)
        self.assertIn("Eerste titel", self.overview(m, rid))
        db = qhelp.db(self.server)
        db.execute("UPDATE rounds SET title = 'Tweede titel' WHERE id = ?", (rid,))
        db.close()
        page = self.overview(m, rid)
        self.assertIn("Tweede titel", page)
        self.assertNotIn("Eerste titel", page)
        en = self.client(accept_language="en")
        en.login_ok(MEMBER)
        page = self.overview(en, rid)
        self.assertIn("completed questionnaires", page)
        self.assertNotIn("ingevulde vragenlijsten", page)
        self.assertIn("ingevulde vragenlijsten", self.overview(m, rid))


SVG = "{http://www.w3.org/2000/svg}"


def days(date):
    """Days since 1970-01-01 of "YYYY-MM-DD"."""
    import datetime
    return (datetime.date.fromisoformat(date) - datetime.date(1970, 1, 1)).days


class LabelsAndChartsTest(ServerTestCase):
    """Issue 17: the trigger cards say their counts in words without a
    doubled stop, and the development chart places each round at its date."""

    def test_trigger_counts_without_a_doubled_stop(self):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title="Aanleidingen")
        qhelp.add_responses(self.server, rid, [("student", all_items(4), None)] * 5)
        db = qhelp.db(self.server)
        ids = [r[0] for r in db.execute("SELECT id FROM responses WHERE round_id = ? ORDER BY id",
                                        (rid,)).fetchall()]
        for resp, kind in ((ids[0], "complex"), (ids[1], "opportunity"), (ids[2], "opportunity")):
            db.execute("INSERT INTO response_triggers (response_id, kind) VALUES (?, ?)", (resp, kind))
        db.close()
        qhelp.close_round(self.server, rid)
        path = "/pw/%s/rounds/%d/results" % (GERIATRIE, rid)
        for lang, counts in (("nl", ["<strong>1</strong> keer genoemd", "<strong>2</strong> keer genoemd",
                                     "<strong>0</strong> keer genoemd"]),
                             ("en", ["named <strong>once</strong>", "named <strong>2</strong> times",
                                     "named <strong>0</strong> times"])):
            c = self.client(accept_language=lang)
            c.login_ok(MEMBER)
            page = c.get(path).text
            section = page[page.index('<ul class="triggers">'):]
            section = section[:section.index("</ul>")]
            items = re.findall(r"<li>(.*?)</li>", section, flags=re.S)
            self.assertEqual(len(items), 3, lang)
            for item, count, option in zip(items, counts, qhelp.INSTRUMENT["triggers"]["options"]):
                self.assertIn(count, item, lang)
                self.assertIn(option["text"][lang], item)
            self.assertNotIn(".:", page, lang)
            self.assertNotIn("<strong>1</strong> times", page)
        # the demo round too
        c = self.client()
        c.login_ok(MEMBER)
        self.assertNotIn(".:", c.get("/pw/%s/rounds/%d/results" % (GERIATRIE, ROUND)).text)

    def development_svg(self):
        c = self.client()
        c.login_ok(MEMBER)
        page = c.get("/pw/%s/development" % GERIATRIE).text
        found = [s for s in svgs(page) if 'aria-labelledby="development-title' in s]
        self.assertEqual(len(found), 1)
        return ET.fromstring(found[0]), page

    def rounds(self):
        """The workplace's rounds oldest first: (title, opening date,
        whether the API shows figures)."""
        c = self.client()
        c.login_ok(MEMBER)
        rows = self.server.sql("SELECT r.id, r.title, r.opens_on FROM rounds r JOIN workplaces w"
                               " ON w.id = r.workplace_id WHERE w.slug = '%s' ORDER BY r.opens_on" % GERIATRIE)
        out = []
        for rid, title, opens in rows:
            data = json.loads(c.get("/api/v1/rounds/%s/results" % rid).text)
            out.append((title, opens, data["shown"] is True))
        return out

    def test_development_points_by_date(self):
        rounds = self.rounds()
        self.assertGreaterEqual(len(rounds), 3)
        self.assertIn(False, [r[2] for r in rounds], "the demo has an open round")
        svg, page = self.development_svg()
        self.assertEqual(svg.get("role"), "img")
        first, last = days(rounds[0][1]), days(rounds[-1][1])
        # the plot runs from x 60 (first date) to 378 (last date)
        want = [60 + (days(opens) - first) * 318 / (last - first) for _, opens, _ in rounds]
        shown = [x for x, r in zip(want, rounds) if r[2]]
        series = svg.findall(".//%sg[@class='series']" % SVG)
        self.assertEqual(len(series), 6)
        for g in series:
            d = g.find("%spath" % SVG).get("d")
            xs = [float(x) for x in re.findall(r"[ML]([0-9.]+) [0-9.]+", d)]
            self.assertEqual(len(xs), len(shown), d)  # every shown round, no other
            for got, expected in zip(xs, shown):
                self.assertAlmostEqual(got, expected, delta=0.06)
        # rounds without figures: a dashed line at their date, named in the text
        empty = [float(line.get("x1")) for line in svg.findall(".//%sg[@class='empty']/%sline" % (SVG, SVG))]
        hidden = [(x, r) for x, r in zip(want, rounds) if not r[2]]
        self.assertEqual(len(empty), len(hidden))
        desc = svg.find("%sdesc" % SVG).text
        for (x, r), got in zip(hidden, empty):
            self.assertAlmostEqual(got, x, delta=0.06)
            self.assertIn(r[0], desc)
        # each line's last value labelled with its element; a legend of names
        labels = [t.text for t in svg.findall(".//%sg[@class='labels']/%stext" % (SVG, SVG))]
        self.assertEqual(sorted(label.split()[0] for label in labels), sorted(qhelp.ELEMENTS))
        for label in labels:
            self.assertRegex(label, r"^[A-Z]{3} [1-5]\.[0-9]( [▲▼●])?$")
        legend = [t.text for t in svg.findall(".//%sg[@class='legend']/%stext" % (SVG, SVG))]
        self.assertEqual(legend, qhelp.ELEMENTS)
        self.assertNotIn("nan", ET.tostring(svg, encoding="unicode").lower())


class ParticipantResultsTest(ServerTestCase):
    def test_group_results_after_closing(self):
        rid, tok = qhelp.new_round(self.server, GERIATRIE, title="Deelnemers")
        qhelp.add_responses(self.server, rid, [("student", all_items(4), None)] * 5)
        c = self.client()
        resp = qhelp.start_open(c, tok, "student")
        qhelp.answer_page(c, resp, 1, {"LOS1": "4"})
        qhelp.submit(c, resp)
        self.assertEqual(c.get("/r/%s/results" % resp).status, 404)  # still open
        db = qhelp.db(self.server)
        db.execute("UPDATE rounds SET closed_early = 1 WHERE id = ?", (rid,))
        db.close()
        receipt = c.get("/r/%s" % resp)
        self.assertIn("/r/%s/results" % resp, receipt.text)
        r = c.get("/r/%s/results" % resp)
        self.assertEqual(r.status, 200)
        self.assertIn("6 mensen vulden de vragenlijst in.", r.text)


if __name__ == "__main__":
    unittest.main()
