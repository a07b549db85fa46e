"""test_practice.py - the primary process (issue 21): practice questions
raised from a trigger, activities with participation per perspective,
contributors over a semester, products that appear in the outcomes
register under their kind of outcome without a second entry, the year
view on the development page, the lists' filters, the exports (CSV and
XLSX) and the API; who may do what (members add, a member changes only
their own entries, coordinators everything, the programme lead reads);
and hostile input: bad ids, another workplace's ids, oversized and
malformed fields, missing CSRF tokens. Runs on SQLite and PostgreSQL
(WERKPLAATS_TEST_STORE=pg).
"""

import html as html_lib
import io
import json
import re
import unittest
import zipfile

import attack
import htmlcheck

from harness import (COORDINATOR, GERIATRIE, MEMBER, OOST, PETRA, PROGRAMME_LEAD, ServerTestCase,
                     csrf_from)

W = "/pw/" + GERIATRIE
O = "/pw/" + OOST
PERSPECTIVES = ("student", "professional", "teacher", "researcher", "citizen", "manager", "other")


def text_of(page):
    t = re.sub(r"<[^>]+>", " ", page.text)
    return re.sub(r"\s+", " ", html_lib.unescape(t)).strip()


def question_fields(title, **over):
    f = {"title": title, "description": "", "trigger": "urgency", "raised_by": "professional",
         "status": "raised", "elements": "LOS", "partner": "", "programme": "", "raised_on": "2026-03-02"}
    f.update(over)
    return f


def activity_fields(title, people, **over):
    f = {"act_kind": "learning", "act_title": title, "act_starts_on": "2026-03-10", "act_ends_on": "",
         "act_description": ""}
    f.update({"n_" + p: "" for p in PERSPECTIVES})
    f.update({"n_" + p: str(n) for p, n in people.items()})
    f.update(over)
    return f


def product_fields(title, **over):
    f = {"prod_kind": "protocol", "prod_category": "curriculum", "prod_title": title,
         "prod_date": "2026-05-20", "prod_description": "", "prod_url": ""}
    f.update(over)
    return f


def pairs(fields):
    """A dict as form pairs; a list value as a repeated field (checkboxes)."""
    out = []
    for k, v in fields.items():
        out += [(k, x) for x in v] if isinstance(v, list) else [(k, v)]
    return out


class PracticeCase(ServerTestCase):
    def login(self, who):
        c = self.client()
        c.login_ok(who)
        return c

    def post_form(self, c, page, path, fields):
        form = c.get(page)
        self.assertEqual(form.status, 200, form)
        return c.post(path, pairs(dict(fields, csrf=csrf_from(form))))

    def raise_question(self, c, title, slug_path=W, **over):
        r = self.post_form(c, slug_path + "/questions", slug_path + "/questions", question_fields(title, **over))
        self.assertEqual(r.status, 303, r)
        m = re.match(r"^%s/questions/(\d+)\?done=created$" % re.escape(slug_path), r.location or "")
        self.assertTrue(m, r.location)
        return int(m.group(1))

    def sql(self, q, args=()):
        return self.server.sql(q, args) if args else self.server.sql(q)


class FlowTest(PracticeCase):
    """A coordinator raises a question, adds two activities and a product."""

    def test_question_activities_product_register_and_year(self):
        c = self.login(COORDINATOR)
        qid = self.raise_question(c, "Onrust bij de avondoverdracht", elements=["LOS", "VOR"])
        q = "%s/questions/%d" % (W, qid)
        r = self.post_form(c, q, q + "/activities", activity_fields(
            "Leerbijeenkomst overdracht", {"student": 4, "professional": 6}))
        self.assertEqual(r.status, 303, r)
        r = self.post_form(c, q, q + "/activities", activity_fields(
            "Co-creatie met familie", {"citizen": 3, "student": 2}, act_kind="codesign",
            act_starts_on="2026-04-01", act_ends_on="2026-04-02"))
        self.assertEqual(r.status, 303, r)
        r = self.post_form(c, q, q + "/products", product_fields("Overdrachtsprotocol avonddienst"))
        self.assertEqual(r.status, 303, r)
        oid = int(re.search(r"/outcomes/(\d+)", r.location).group(1))
        page = c.get(q)
        t = text_of(page)
        self.assertIn("Leerbijeenkomst overdracht", t)
        self.assertIn("Student 4, Professional 6", t)
        self.assertIn("Student 2, Burger / cliënt 3", t)
        self.assertIn("Overdrachtsprotocol avonddienst", t)
        # the product is one outcome of the register, under its kind
        rows = self.sql("SELECT category, title FROM outcomes WHERE id = %d" % oid)
        self.assertEqual(rows, [["curriculum", "Overdrachtsprotocol avonddienst"]])
        reg = c.get(W + "/outcomes")
        line = [li for li in re.findall(r"<li>(.*?)</li>", reg.text, re.S) if "Overdrachtsprotocol avonddienst" in li]
        self.assertEqual(len(line), 1, "recorded once")
        self.assertIn('<span class="tag">Actuele, beroepsechte curricula</span>', line[0])
        self.assertIn("product van een vraagstuk: Protocol", line[0])
        out = c.get("%s/outcomes/%d" % (W, oid))
        self.assertIn("uit het vraagstuk", text_of(out))
        self.assertIn('href="%s"' % q, out.text)
        home = c.get(W)
        section = re.search(r'<section aria-labelledby="open-questions">(.*?)</section>', home.text, re.S).group(1)
        self.assertIn('href="%s">Onrust bij de avondoverdracht</a>' % q, section)
        self.assertIn("2 activiteiten, 15 deelnemers", section)
        dev = c.get(W + "/development")
        self.assertEqual(dev.status, 200, dev)
        self.assertIn("Het praktijkjaar", dev.text)


class YearViewTest(PracticeCase):
    """The demo's 2025 of Leerafdeling Geriatrie, worked out by hand from
    src/cmd/demo_practice.c: questions raised 2025-01-20, 2025-08-25 and
    2025-09-08; activities of 2025: three of the falls question, two of the
    discharge question, one of the hbo/mbo question; people: students
    3+8+4+5+4+12 = 36, professionals 2+9+7+3+6+5 = 32, teachers 2+1+3 = 6,
    researcher 1, citizens 12+6 = 18; students in semesters that started in
    2025: 3 (2024-S2, February 2025) + 2 + 6 + 6 (2025-S1) = 17; products:
    the falls routine (knowledge, June) and the module (curriculum,
    September)."""

    def test_2025_of_geriatrie(self):
        c = self.login(COORDINATOR)
        page = c.get(W + "/development")
        row = re.search(r'<tr><th scope="row">2025</th>(.*?)</tr>', page.text, re.S).group(1)
        cells = [re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<br>", " | ", re.sub(r"<(?!br)[^>]+>", "", x)))).strip()
                 for x in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        self.assertEqual(cells[:5], ["3", "6", "Student 36, Professional 32, Docent 6, Onderzoeker 1, Burger / cliënt 18",
                                     "17", "Kennisontwikkeling en innovatie van de praktijk 1 | "
                                           "Actuele, beroepsechte curricula 1"])
        # beside them, the scores of the rounds that opened in 2025, as the figures room gives them
        self.assertIn("Meting najaar 2025:", cells[5])
        api = json.loads(c.get("/api/v1/workplaces/%s/rounds" % GERIATRIE).text)
        self.assertTrue(any(r["title"] == "Meting najaar 2025" for r in api["items"]))


class RulesTest(PracticeCase):
    """Who may do what, the filters, the exports, the API, hostile input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.client()
        c.login_ok(COORDINATOR)
        cls.coord = c
        page = c.get(W + "/questions")
        r = c.post(W + "/questions", pairs(dict(question_fields(
            "Rust in de nachtdienst", trigger="complex", status="in_progress", elements=["GOC", "LEA"],
            programme="HBO-Verpleegkunde", description="100% zeker_niet een wildcard"), csrf=csrf_from(page))))
        assert r.status == 303, r
        cls.qid = int(re.search(r"/questions/(\d+)", r.location).group(1))

    def member(self):
        return self.login(MEMBER)

    def q(self, qid=None):
        return "%s/questions/%d" % (W, qid or self.qid)

    # ---- who ----

    def test_member_raises_and_changes_own_but_not_others(self):
        m = self.member()
        own = self.raise_question(m, "Vraag van een lid")
        r = self.post_form(m, self.q(own), self.q(own), question_fields("Vraag van een lid, scherper"))
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.sql("SELECT title FROM practice_questions WHERE id = %d" % own),
                         [["Vraag van een lid, scherper"]])
        # the coordinator's question: no edit form, and a POST is refused
        page = m.get(self.q())
        self.assertEqual(page.status, 200)
        self.assertNotIn('action="%s/delete"' % self.q(), page.text)
        r = m.post(self.q(), pairs(dict(question_fields("Gekaapt"), csrf=csrf_from(page))))
        self.assertEqual(r.status, 403, r)
        r = m.post(self.q() + "/delete", {"csrf": csrf_from(page)})
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.sql("SELECT title FROM practice_questions WHERE id = %d" % self.qid),
                         [["Rust in de nachtdienst"]])
        # the coordinator manages the member's entry
        r = self.post_form(self.coord, self.q(own), self.q(own) + "/delete", {})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.sql("SELECT count(*) FROM practice_questions WHERE id = %d" % own), [["0"]])

    def test_activities_are_changed_by_their_maker_and_coordinators(self):
        m = self.member()
        own = self.raise_question(m, "Vraag met activiteit")
        r = self.post_form(m, self.q(own), self.q(own) + "/activities",
                           activity_fields("Eerste versie", {"student": 2, "professional": 1}))
        self.assertEqual(r.status, 303, r)
        aid = int(self.sql("SELECT id FROM practice_activities WHERE title = 'Eerste versie'")[0][0])
        a = "%s/activities/%d" % (W, aid)
        page = m.get(a)
        self.assertIn('value="2"', page.text)  # the form holds the stored numbers
        r = self.post_form(m, a, a, activity_fields("Tweede versie", {"citizen": 5}, act_kind="pilot"))
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.sql("SELECT kind, title FROM practice_activities WHERE id = %d" % aid),
                         [["pilot", "Tweede versie"]])
        self.assertEqual(self.sql("SELECT perspective, people FROM activity_participants WHERE activity_id = %d"
                                  % aid), [["citizen", "5"]])
        # invalid: 400, nothing changed
        r = self.post_form(m, a, a, activity_fields("Derde versie", {}))
        self.assertEqual(r.status, 400, r)
        self.assertEqual(self.sql("SELECT perspective, people FROM activity_participants WHERE activity_id = %d"
                                  % aid), [["citizen", "5"]])
        # the coordinator's activity is not the member's
        coords = self.sql("SELECT x.id FROM practice_activities x JOIN practice_questions q ON q.id = x.question_id"
                          " JOIN workplaces w ON w.id = q.workplace_id JOIN people p ON p.id = x.created_by"
                          " WHERE w.slug = '%s' AND p.email = '%s' LIMIT 1" % (GERIATRIE, COORDINATOR))[0][0]
        b = "%s/activities/%s" % (W, coords)
        page = m.get(b)
        self.assertNotIn('action="%s"' % b, page.text)
        r = m.post(b, pairs(dict(activity_fields("Gekaapt", {"student": 1}), csrf=csrf_from(page))))
        self.assertEqual(r.status, 403, r)
        # the coordinator changes the member's
        r = self.post_form(self.coord, a, a, activity_fields("Door de coördinator", {"teacher": 1}))
        self.assertEqual(r.status, 303, r)

    def test_lead_reads_but_adds_nothing(self):
        lead = self.login(PROGRAMME_LEAD)
        for path in (W + "/questions", self.q(), W + "/questions.csv", W + "/practice.xlsx"):
            r = lead.get(path)
            self.assertEqual(r.status, 200, (path, r))
        page = lead.get(self.q())
        self.assertNotIn("add-activity", page.text)
        self.assertNotIn('action="%s"' % self.q(), page.text)
        r = lead.post(W + "/questions", pairs(dict(question_fields("Van de leider"), csrf=csrf_from(page))))
        self.assertEqual(r.status, 403, r)

    def test_another_workplace_sees_nothing_and_ids_do_not_cross(self):
        petra = self.login(PETRA)
        for path in (W + "/questions", self.q(), W + "/questions.csv"):
            self.assertEqual(petra.get(path).status, 404, path)
        # Petra's own workplace does not know geriatrie's question
        self.assertEqual(petra.get("%s/questions/%d" % (O, self.qid)).status, 404)
        page = petra.get(O + "/questions")
        r = petra.post("%s/questions/%d/activities" % (O, self.qid), pairs(dict(
            activity_fields("Overstap", {"student": 1}), csrf=csrf_from(page))))
        self.assertEqual(r.status, 404, r)
        r = petra.post("%s/questions/%d/products" % (O, self.qid), pairs(dict(
            product_fields("Overstapproduct"), csrf=csrf_from(page))))
        self.assertEqual(r.status, 404, r)
        self.assertEqual(self.sql("SELECT count(*) FROM outcomes WHERE title = 'Overstapproduct'"), [["0"]])

    def test_without_csrf_nothing_happens(self):
        before = self.sql("SELECT count(*) FROM practice_activities")
        r = self.coord.post(self.q() + "/activities", pairs(activity_fields("Zonder token", {"student": 2})))
        self.assertEqual(r.status, 403, r)
        r = self.coord.post(W + "/questions", pairs(question_fields("Zonder token")))
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.sql("SELECT count(*) FROM practice_activities"), before)
        self.assertEqual(self.sql("SELECT count(*) FROM practice_questions WHERE title = 'Zonder token'"),
                         [["0"]])

    def test_bad_ids(self):
        for bad in ("0", "-1", "abc", "99999999999999999999", "1e3", "%00"):
            r = self.coord.get("%s/questions/%s" % (W, bad))
            self.assertEqual(r.status, 404, (bad, r))
            r = self.coord.get("%s/activities/%s" % (W, bad))
            self.assertEqual(r.status, 404, (bad, r))

    # ---- validation: clear messages, nothing half-stored ----

    def test_activity_form_errors(self):
        before = self.sql("SELECT count(*) FROM practice_activities")
        cases = [
            (activity_fields("", {"student": 1}), "act_title"),
            (activity_fields("Zonder mensen", {}), "Geef aan hoeveel mensen meededen"),
            (activity_fields("Negatief", {"student": -3}), "van 0 tot en met 10000"),
            (activity_fields("Te veel", {"citizen": 10001}), "van 0 tot en met 10000"),
            (activity_fields("Geen getal", {"teacher": "veel"}), "van 0 tot en met 10000"),
            (activity_fields("Achteruit", {"student": 1}, act_ends_on="2026-03-01"), "voor de begindatum"),
            (activity_fields("Slechte datum", {"student": 1}, act_starts_on="2026-02-30"), "JJJJ-MM-DD"),
            (activity_fields("Slechte soort", {"student": 1}, act_kind="feest"), "Kies een van de mogelijkheden"),
            (activity_fields("x" * 201, {"student": 1}), "act_title"),
        ]
        for fields, expect in cases:
            with self.subTest(expect=expect):
                r = self.post_form(self.coord, self.q(), self.q() + "/activities", fields)
                self.assertEqual(r.status, 400, r)
                self.assertIn(expect, r.text)
                self.assertIn('id="add-activity" open', r.text)
        self.assertEqual(self.sql("SELECT count(*) FROM practice_activities"), before)
        self.assertEqual(self.sql("SELECT count(*) FROM activity_participants WHERE activity_id NOT IN"
                                  " (SELECT id FROM practice_activities)"), [["0"]])

    def test_question_and_contributor_and_product_errors(self):
        r = self.post_form(self.coord, W + "/questions", W + "/questions",
                           question_fields("Slecht", trigger="toeval", raised_on="gisteren", elements=["XYZ"]))
        self.assertEqual(r.status, 400, r)
        for msg in ("Kies een van de mogelijkheden", "JJJJ-MM-DD", "Kies elementen uit de lijst"):
            self.assertIn(msg, r.text)
        # a partner of another workplace
        other_org = self.sql("SELECT organisation_id FROM partners p JOIN workplaces w ON w.id = p.workplace_id"
                             " WHERE w.slug = '%s' AND organisation_id NOT IN (SELECT organisation_id FROM partners"
                             " x JOIN workplaces y ON y.id = x.workplace_id WHERE y.slug = '%s')" % (OOST, GERIATRIE))
        r = self.post_form(self.coord, W + "/questions", W + "/questions",
                           question_fields("Verkeerde partner", partner=other_org[0][0]))
        self.assertEqual(r.status, 400, r)
        self.assertIn("Kies een partner van deze werkplaats", r.text)
        for fields, msg in (({"con_role": "student", "con_people": "2", "con_period": "2026-S3"}, "2026-S1"),
                            ({"con_role": "student", "con_people": "0", "con_period": "2026-S1"}, "van 1 tot en met"),
                            ({"con_role": "student", "con_people": "3", "con_period": "2026-S1",
                              "con_name": "Sanne"}, "Een naam hoort bij één persoon"),
                            ({"con_role": "decaan", "con_people": "1", "con_period": "2026-S1"}, "Kies een van")):
            r = self.post_form(self.coord, self.q(), self.q() + "/contributors", fields)
            self.assertEqual(r.status, 400, (fields, r))
            self.assertIn(msg, r.text)
        before = self.sql("SELECT count(*) FROM outcomes")
        for fields, msg in ((product_fields("Script", prod_url="javascript:alert(1)"), "https://"),
                            (product_fields("Geen soort", prod_category="geluk"), "Kies een van"),
                            (product_fields(""), "prod_title")):
            r = self.post_form(self.coord, self.q(), self.q() + "/products", fields)
            self.assertEqual(r.status, 400, (fields, r))
            self.assertIn(msg, r.text)
        self.assertEqual(self.sql("SELECT count(*) FROM outcomes"), before, "no outcome without its product")

    def test_free_text_is_escaped_and_warns_against_names(self):
        evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
        qid = self.raise_question(self.coord, evil, description=evil)
        page = self.coord.get(self.q(qid))
        self.assertNotIn("<script>alert(1)", page.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page.text)
        self.assertIn("Noem hier geen namen", page.text)
        self.assertIn("Noem hier geen namen", self.coord.get(W + "/questions").text)

    # ---- filters ----

    def test_filters(self):
        def titles(query):
            r = self.coord.get(W + "/questions?" + query)
            self.assertEqual(r.status, 200, r)
            found = re.findall(r'<a href="/pw/[^"]+/questions/\d+">([^<]+)</a>', r.text)
            return {html_lib.unescape(t) for t in found}
        everything = titles("")
        self.assertIn("Rust in de nachtdienst", everything)
        self.assertIn("Rust in de nachtdienst", titles("status=in_progress&element=GOC&trigger=complex"))
        self.assertNotIn("Rust in de nachtdienst", titles("status=answered"))
        self.assertNotIn("Rust in de nachtdienst", titles("element=VMM"))
        self.assertNotIn("Rust in de nachtdienst", titles("trigger=urgency"))
        self.assertIn("Rust in de nachtdienst", titles("programme=verpleeg"))
        self.assertIn("Rust in de nachtdienst", titles("text=NACHTDIENST"))
        # LIKE's own characters are searched for as they are
        self.assertIn("Rust in de nachtdienst", titles("text=100%25+zeker_niet"))
        self.assertNotIn("Rust in de nachtdienst", titles("text=100%25+zekerXniet"))
        # the demo's questions (docs: src/cmd/demo_practice.c)
        self.assertEqual(titles("status=answered"), {"Hoe voorkomen we dat ouderen 's avonds vallen?"})
        self.assertEqual(titles("period=2025-S1&status=in_progress&trigger=urgency"),
                         {"Hoe leren studenten van hbo en mbo samen in één dienst?"})
        # unknown filter values do not filter (and do not fail)
        self.assertEqual(titles("status=nope&element=XYZ&trigger=x&period=2026-S9&partner=abc"), everything)

    def test_pages_are_valid_html(self):
        if htmlcheck.available() is not None:
            self.skipTest(htmlcheck.available())
        aid = self.sql("SELECT x.id FROM practice_activities x JOIN practice_questions q ON q.id = x.question_id"
                       " JOIN workplaces w ON w.id = q.workplace_id WHERE w.slug = '%s' LIMIT 1" % GERIATRIE)[0][0]
        pages = [self.coord.get(p) for p in (W + "/questions", W + "/questions?status=open&element=LOS&text=x",
                                             self.q(), "%s/activities/%s" % (W, aid), W + "/development")]
        pages.append(self.post_form(self.coord, self.q(), self.q() + "/activities", activity_fields("", {})))
        pages.append(self.post_form(self.coord, W + "/questions", W + "/questions", question_fields("")))
        for page in pages:
            self.assertEqual(htmlcheck.problems(page.text), [], page.text[:200])

    def test_teacher_finds_questions_open_to_students(self):
        def found(who, programme):
            r = who.get("/questions?programme=" + programme)
            self.assertEqual(r.status, 200, r)
            return {html_lib.unescape(t) for t in re.findall(r'<a href="/pw/[^"]+/questions/\d+">([^<]+)</a>', r.text)}
        m = self.member()  # a member of geriatrie only
        got = found(m, "verpleeg")
        # the demo's open questions of geriatrie for nursing students, and ours
        self.assertEqual(got, {"Wat hebben ouderen en hun familie nodig bij ontslag naar huis?",
                               "Rust in de nachtdienst"})
        self.assertEqual(found(m, "social"), set(), "Oost's questions are not the member's to see")
        petra = self.login(PETRA)
        self.assertEqual(found(petra, "Social+Work"), {
            "Hoe bereiken we eenzame ouderen die niet naar het buurthuis komen?",
            "Wat maakt studenten sterke coaches voor nieuwe studenten?"})
        self.assertEqual(found(petra, "verpleeg"), set())
        lead = self.login(PROGRAMME_LEAD)
        self.assertIn("Rust in de nachtdienst", found(lead, ""))
        self.assertIn("Hoe bereiken we eenzame ouderen die niet naar het buurthuis komen?", found(lead, ""))
        # answered or set aside: not open
        self.assertNotIn("Hoe voorkomen we dat ouderen 's avonds vallen?", found(lead, "verpleeg"))
        # a hostile query is just a search
        self.assertEqual(found(m, "%25%27+OR+1%3D1+--"), set())
        self.assertEqual(self.client().get("/questions").status, 303)

    # ---- exports and API ----

    def test_csv_and_xlsx(self):
        r = self.coord.get(W + "/activities.csv")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.header("Content-Type").startswith("text/csv"))
        self.assertIn("attachment", r.header("Content-Disposition"))
        lines = r.text.splitlines()
        self.assertEqual(lines[0], "id,question_id,kind,title,starts_on,ends_on," + ",".join(PERSPECTIVES) + ",total")
        # the demo's "Pilot beweegmomenten": 4 students, 7 professionals, 12 citizens
        row = [l for l in lines if "Pilot beweegmomenten" in l][0].split(",")
        self.assertEqual(row[6:], ["4", "7", "0", "0", "12", "0", "0", "23"])
        q = self.coord.get(W + "/questions.csv").text
        self.assertTrue(q.startswith("id,title,description,trigger,raised_by,status,elements,partner,programme,"))
        p = self.coord.get(W + "/products.csv").text
        self.assertIn(",module,curriculum,2025-09-01,Nieuwe module ouderenzorg,", p)
        x = self.coord.get(W + "/practice.xlsx")
        self.assertEqual(x.status, 200)
        z = zipfile.ZipFile(io.BytesIO(x.body))
        wb = z.read("xl/workbook.xml").decode()
        for name in ("questions", "activities", "products", "contributors"):
            self.assertIn('name="%s"' % name, wb)

    def test_csv_neutralises_formulas(self):
        qid = self.raise_question(self.coord, "=HYPERLINK(\"http://x\")")
        text = self.coord.get(W + "/questions.csv").text
        self.assertIn("'=HYPERLINK", text)
        self.assertGreater(qid, 0)

    def test_api(self):
        r = self.coord.get("/api/v1/workplaces/%s/questions?status=open&limit=2" % GERIATRIE)
        self.assertEqual(r.status, 200, r)
        d = json.loads(r.text)
        self.assertEqual(len(d["items"]), 2)
        self.assertTrue(all(i["status"] in ("raised", "in_progress") for i in d["items"]))
        r = self.coord.get("/api/v1/workplaces/%s/questions/%d" % (GERIATRIE, self.qid))
        d = json.loads(r.text)
        self.assertEqual((d["title"], d["trigger"], d["elements"]), ("Rust in de nachtdienst", "complex", ["GOC", "LEA"]))
        self.assertEqual(self.coord.get("/api/v1/workplaces/%s/questions/%d" % (OOST, self.qid)).status, 404)
        self.assertEqual(self.coord.get("/api/v1/workplaces/%s/questions/abc" % GERIATRIE).status, 404)
        # create as a member, with a token-less session: CSRF header needed
        m = self.member()
        tok = csrf_from(m.get(W + "/questions"))
        body = json.dumps({"title": "Via de API", "trigger": "opportunity", "raised_on": "2026-04-01",
                           "elements": ["VMM"]})
        r = m.request("POST", "/api/v1/workplaces/%s/questions" % GERIATRIE, body=body,
                      headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 403, r)
        r = m.request("POST", "/api/v1/workplaces/%s/questions" % GERIATRIE, body=body,
                      headers={"Content-Type": "application/json", "X-CSRF-Token": tok})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(json.loads(r.text)["elements"], ["VMM"])
        bad = json.dumps({"title": "", "trigger": "toeval", "raised_on": "morgen", "extra": 1})
        r = m.request("POST", "/api/v1/workplaces/%s/questions" % GERIATRIE, body=bad,
                      headers={"Content-Type": "application/json", "X-CSRF-Token": tok})
        self.assertEqual(r.status, 400, r)
        self.assertEqual(set(json.loads(r.text)["fields"]), {"title", "trigger", "raised_on", "extra"})


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


class EvidenceTest(PracticeCase):
    """A small file as a product's evidence: type and size checked by
    content, stored whole, served only as a download."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.client()
        c.login_ok(MEMBER)
        cls.member = c
        page = c.get(W + "/questions")
        r = c.post(W + "/questions", pairs(dict(question_fields("Bewijs bewaren"), csrf=csrf_from(page))))
        cls.q = r.location.split("?")[0]

    def upload(self, title, data, filename, who=None):
        c = who or self.member
        page = c.get(self.q)
        fields = list(product_fields(title).items()) + [("prod_file", data, filename)]
        body, headers = attack.encode_body(attack.Multipart(fields), csrf_from(page))
        return c.request("POST", self.q + "/products", body=body, headers=headers)

    def test_pdf_and_png_are_kept_whole_and_served_as_downloads(self):
        for title, data, ctype in (("Verslag als PDF", PDF, "application/pdf"),
                                   ("Foto van het bord", PNG, "image/png"),
                                   ("Aantekeningen", "Leerpunten van de avond\n- rust\n".encode(),
                                    "text/plain; charset=utf-8")):
            with self.subTest(title=title):
                r = self.upload(title, data, "bestand.bin")
                self.assertEqual(r.status, 303, r)
                oid = int(re.search(r"/outcomes/(\d+)", r.location).group(1))
                page = self.member.get("%s/outcomes/%d" % (W, oid))
                self.assertIn('href="%s/outcomes/%d/evidence"' % (W, oid), page.text)
                f = self.member.get("%s/outcomes/%d/evidence" % (W, oid))
                self.assertEqual(f.status, 200, f)
                self.assertEqual(f.body, data)
                self.assertEqual(f.header("Content-Type"), ctype)
                self.assertEqual(f.header("X-Content-Type-Options"), "nosniff")
                self.assertTrue(f.header("Content-Disposition").startswith("attachment;"), f.headers)
                self.assertIn("sandbox", " ".join(f.header_all("Content-Security-Policy")))

    def test_evil_and_oversized_files_are_refused_and_nothing_is_stored(self):
        before = self.sql("SELECT count(*) FROM outcomes")
        cases = (
            (b"<html><script>alert(1)</script></html>", "bewijs.pdf"),
            (b"  \n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "plaatje.png"),
            (b"\xef\xbb\xbf<?xml version='1.0'?><svg/>", "plaatje.txt"),
            (b"MZ\x90\x00\x03\x00\x00\x00", "setup.exe"),
            (b"\xff\xfe<\x00h\x00", "utf16.txt"),
            (b"%PDF-" + b"a" * (1024 * 1024), "groot.pdf"),
        )
        for data, name in cases:
            with self.subTest(name=name):
                r = self.upload("Kwaadaardig " + name, data, name)
                self.assertEqual(r.status, 400, r)
                self.assertIn("groter dan 1 MB" if name == "groot.pdf" else "PDF, PNG, JPEG", r.text)
        self.assertEqual(self.sql("SELECT count(*) FROM outcomes"), before)
        self.assertEqual(self.sql("SELECT count(*) FROM evidence_files WHERE outcome_id NOT IN"
                                  " (SELECT id FROM outcomes)"), [["0"]])

    def test_a_file_cannot_be_made_of_ordinary_fields(self):
        """Fields named as the parser's own (prod_file.length, .bytes) are
        only fields: no file comes of them, in either encoding."""
        page = self.member.get(self.q)
        spoof = [("prod_file.length", "1000000"), ("prod_file.bytes", "%PDF-x"),
                 ("prod_file.filename", "x.pdf")]
        r = self.member.post(self.q + "/products", pairs(dict(product_fields("Nagemaakt bestand"),
                                                              csrf=csrf_from(page))) + spoof)
        self.assertEqual(r.status, 303, r)
        fields = list(product_fields("Nagemaakt bestand 2").items()) + spoof
        body, headers = attack.encode_body(attack.Multipart(fields), csrf_from(page))
        r = self.member.request("POST", self.q + "/products", body=body, headers=headers)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.sql("SELECT count(*) FROM evidence_files e JOIN outcomes o ON o.id = e.outcome_id"
                                  " WHERE o.title LIKE 'Nagemaakt bestand%'"), [["0"]])

    def test_outsiders_and_other_ids_get_nothing(self):
        r = self.upload("Alleen voor leden", PDF, "x.pdf")
        oid = int(re.search(r"/outcomes/(\d+)", r.location).group(1))
        petra = self.login(PETRA)
        self.assertEqual(petra.get("%s/outcomes/%d/evidence" % (W, oid)).status, 404)
        self.assertEqual(petra.get("%s/outcomes/%d/evidence" % (O, oid)).status, 404)
        lead = self.login(PROGRAMME_LEAD)
        self.assertEqual(lead.get("%s/outcomes/%d/evidence" % (W, oid)).body, PDF)
        # an outcome without a file
        plain = self.sql("SELECT o.id FROM outcomes o JOIN workplaces w ON w.id = o.workplace_id"
                         " WHERE w.slug = '%s' AND o.id NOT IN (SELECT outcome_id FROM evidence_files)"
                         % GERIATRIE)[0][0]
        self.assertEqual(self.member.get("%s/outcomes/%s/evidence" % (W, plain)).status, 404)


if __name__ == "__main__":
    unittest.main()
