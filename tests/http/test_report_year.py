"""A workplace's year report as a PDF (issue 19):
/pw/{slug}/years/{year}/report.pdf and /api/v1/workplaces/{slug}/years/{year}/report
for the workplace's members, and `werkplaats report year`. The profile, the
nine characteristics, the rounds that closed in the year with every
element's score as the round's API gives it (only rounds whose figures are
shown), the actions and the outcomes of that year and not of another, and
the primary process of the year (issue 21) as the development page's year
view counts it."""

import json
import os
import re
import tempfile
import unittest

import html as html_lib

import qhelp
from harness import GERIATRIE, MEMBER, ServerTestCase, run_cli
from test_report_pdf import POPPLER, one_decimal, tool

YEAR = 2026
BEFORE = 1   # demo: geriatrie's autumn 2025 round, the year's starting point
IN_YEAR = 2  # demo: geriatrie's autumn 2026 round
PRACTICE_YEAR = 2031  # the practice rows of setUpClass; the demo has none


@unittest.skipUnless(POPPLER, "poppler-utils is not installed")
class YearReportTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = qhelp.db(cls.server)
        wid = c.execute("SELECT id FROM workplaces WHERE slug = ?", (GERIATRIE,)).fetchone()[0]
        cls.outcomes = c.execute("SELECT title, occurred_on FROM outcomes WHERE workplace_id = ?", (wid,)).fetchall()
        c.execute("INSERT INTO outcomes (workplace_id, category, occurred_on, title, description, evidence_url,"
                  " created_at) VALUES (?, 'knowledge', '2024-03-01', 'Opbrengst van lang geleden', '', '', 0)",
                  (wid,))
        c.close()

        cls.practice_year_rows(wid)

    @classmethod
    def practice_year_rows(cls, wid):
        """A year of practice in PRACTICE_YEAR, which the demo leaves empty,
        with rows on both sides of it that must not count:
        questions raised 2031-03-01 (answered) and 2031-10-01 (raised): 2, of
        which 1 answered; activities starting 2031-04-02 (3 students, 2
        professionals) and 2031-11-05 (4 citizens, 1 student): 2, with 10
        participants: students 4, professionals 2, citizens 4; not the one
        of 2032-01-10 (9 students); students 5 in 2030-S2 (February 2031)
        and 2 in 2031-S1: 7, not the 7 of 2031-S2 (February 2032) nor the
        teacher; products of 2031: knowledge 1, curriculum 1, not the
        curriculum product of 2032."""
        c = qhelp.db(cls.server)
        try:
            left = c.execute("SELECT count(*) FROM practice_questions WHERE workplace_id = ? AND raised_on LIKE ?",
                             (wid, "%d%%" % PRACTICE_YEAR)).fetchone()[0]
            assert left == 0, "the demo has questions in %d" % PRACTICE_YEAR

            def insert(table, row):
                cur = c.execute("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(row), ", ".join("?" * len(row))),
                                tuple(row.values()))
                return cur.lastrowid

            def question(on, status):
                return insert("practice_questions", {
                    "workplace_id": wid, "title": "Jaarvraag %s" % on, "trigger_kind": "complex",
                    "raised_by": "student", "status": status, "raised_on": on, "created_at": 0, "updated_at": 0})
            q1, _ = question("2031-03-01", "answered"), question("2031-10-01", "raised")
            for on, people in (("2031-04-02", {"student": 3, "professional": 2}),
                               ("2031-11-05", {"citizen": 4, "student": 1}), ("2032-01-10", {"student": 9})):
                a = insert("practice_activities", {"question_id": q1, "kind": "learning", "title": "Act %s" % on,
                                                   "starts_on": on, "created_at": 0})
                for p, n in people.items():
                    c.execute("INSERT INTO activity_participants (activity_id, perspective, people) VALUES (?, ?, ?)",
                              (a, p, n))
            for role, n, period in (("student", 5, "2030-S2"), ("student", 2, "2031-S1"), ("student", 7, "2031-S2"),
                                    ("teacher", 1, "2031-S1")):
                insert("question_contributors", {"question_id": q1, "role": role, "people": n, "period": period,
                                                 "created_at": 0})
            for cat, on in (("knowledge", "2031-06-01"), ("curriculum", "2031-12-01"), ("curriculum", "2032-02-01")):
                o = insert("outcomes", {"workplace_id": wid, "category": cat, "occurred_on": on,
                                        "title": "Product %s" % on, "description": "", "evidence_url": "",
                                        "created_at": 0})
                c.execute("INSERT INTO practice_products (outcome_id, question_id, kind) VALUES (?, ?, 'advice')",
                          (o, q1))
        finally:
            c.close()

    def practice_lines(self, text):
        """The lines of the practice section's table: {label: number}."""
        part = text.split("Het primaire proces van het jaar")[-1].split("Verbeteracties")[0]
        return {m.group(1).strip(): int(m.group(2))
                for m in re.finditer(r"(?m)^\s*(\S.*?\S)\s{2,}(\d+)\s*$", part)}

    def test_practice_of_the_year(self):
        r = self.login().get(self.path(PRACTICE_YEAR))
        self.assertEqual(r.status, 200, r)
        text = tool("pdftotext", r.body, "-layout")
        self.assertIn("Vraagstukken ingebracht: 2", text)  # the title page
        self.assertEqual(self.practice_lines(text), {
            "Vraagstukken ingebracht": 2, "waarvan nu beantwoord": 1, "Activiteiten": 2,
            "Deelnemers aan de activiteiten": 10, "Student": 4, "Professional": 2, "Burger / cliënt": 4,
            "Studenten die bijdroegen": 7, "Producten": 2, "Kennisontwikkeling en innovatie van de praktijk": 1,
            "Actuele, beroepsechte curricula": 1})
        # a year without any: said so
        r = self.login().get(self.path(2030))
        self.assertIn("Geen vraagstukken, activiteiten of producten vastgelegd in 2030.",
                      " ".join(tool("pdftotext", r.body).split()))

    def test_practice_as_the_development_page(self):
        """The same count as the development page's year view of 2026."""
        c = self.login()
        lines = self.practice_lines(tool("pdftotext", self.pdf(c), "-layout"))
        page = c.get("/pw/%s/development" % GERIATRIE).text
        row = re.search(r'<tr><th scope="row">%d</th>(.*?)</tr>' % YEAR, page, re.S).group(1)
        cells = [html_lib.unescape(re.sub(r"<[^>]+>", "", x)).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        self.assertEqual(lines["Vraagstukken ingebracht"], int(cells[0]))
        self.assertEqual(lines["Activiteiten"], int(cells[1]))
        people = dict((m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"([^,\d]+?) (\d+)", cells[2]))
        self.assertTrue(people)
        self.assertEqual(lines["Deelnemers aan de activiteiten"], sum(people.values()))
        for name, n in people.items():
            self.assertEqual(lines[name], n, name)
        self.assertEqual(lines["Studenten die bijdroegen"], int(cells[3]))

    def path(self, year=YEAR):
        return "/pw/%s/years/%s/report.pdf" % (GERIATRIE, year)

    def login(self, who=MEMBER, **kw):
        c = self.client(**kw)
        c.login_ok(who)
        return c

    def pdf(self, c, path=None):
        r = c.get(path or self.path())
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertIn('filename="werkplaats-%s-year-%d.pdf"' % (GERIATRIE, YEAR), r.header("Content-Disposition"))
        return r.body

    def test_a4_tagged_fonts_embedded(self):
        data = self.pdf(self.login())
        info = tool("pdfinfo", data)
        self.assertIn("(A4)", info)
        self.assertRegex(info, r"(?m)^Tagged:\s+yes$")
        self.assertGreaterEqual(int(re.search(r"(?m)^Pages:\s+(\d+)", info).group(1)), 3)
        for line in tool("pdffonts", data).splitlines()[2:]:
            self.assertEqual(line.split()[-5], "yes", line)
        tree = tool("pdfinfo", data, "-struct-text")
        self.assertIn('"2. De negen kenmerken"', tree)
        self.assertRegex(tree, r'H1 \(block\)\n\s+"Meetrondes en ontwikkeling"')

    def test_sections_and_scores_as_the_api(self):
        c = self.login()
        text = tool("pdftotext", self.pdf(c), "-layout")
        for want in ("JAARVERSLAG 2026", "Leerafdeling Geriatrie", "Profiel", "De negen kenmerken",
                     "1. Duurzame,", "Meetrondes en ontwikkeling", "Verbeteracties", "Opbrengstenregister",
                     "Pagina 3"):
            self.assertIn(want, text)
        heads = []
        for rid in (BEFORE, IN_YEAR):
            api = json.loads(c.get("/api/v1/rounds/%d/results" % rid).text)
            heads.append({code: one_decimal(el["headline"]) for code, el in api["elements"].items()})
        for code in heads[0]:
            line = next((ln for ln in text.splitlines() if re.match(r"\s*%s\b.*\b\d\.\d\b" % code, ln)), None)
            self.assertIsNotNone(line, code)
            self.assertEqual(re.findall(r"\b\d\.\d\b", line)[:2], [heads[0][code], heads[1][code]], line)
        # the open interim round of the year is listed without figures
        self.assertIn("Tussenmeting", text)
        self.assertIn("geen cijfers", text)

    def test_outcomes_of_the_year_only(self):
        text = " ".join(tool("pdftotext", self.pdf(self.login())).split())
        for title, on in self.outcomes:
            if on.startswith(str(YEAR)):
                self.assertIn(title, text)
            else:
                self.assertNotIn(title, text)
        self.assertNotIn("Opbrengst van lang geleden", text)

    def test_english(self):
        text = tool("pdftotext", self.pdf(self.login(accept_language="en")))
        self.assertIn("YEAR REPORT 2026", text)
        self.assertIn("Outcomes register", text)
        self.assertNotIn("Verbeteracties", text)

    def test_api_and_link(self):
        c = self.login()
        data = self.pdf(c, "/api/v1/workplaces/%s/years/%d/report" % (GERIATRIE, YEAR))
        self.assertTrue(data.startswith(b"%PDF-"))
        page = c.get("/pw/%s" % GERIATRIE).text
        self.assertRegex(page, r'href="/pw/%s/years/\d{4}/report.pdf"' % GERIATRIE)

    def test_bad_year_is_404(self):
        c = self.login()
        for year in ("1999", "2101", "abc", "2026x"):
            self.assertEqual(c.get(self.path(year)).status, 404, year)
        r = c.get("/api/v1/workplaces/%s/years/1999/report" % GERIATRIE)
        self.assertEqual(r.status, 404, r)
        self.assertTrue(r.header("Content-Type").startswith("application/json"), r)

    def test_cli(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "y.pdf")
            res = run_cli(["report", "year", "--db", self.server.db, "--workplace", GERIATRIE, "--year", "2026",
                           "--lang", "en", out])
            self.assertEqual(res.returncode, 0, res)
            with open(out, "rb") as f:
                self.assertIn("Rounds and development", tool("pdftotext", f.read()))
            res = run_cli(["report", "year", "--db", self.server.db, "--workplace", "nope", "--year", "2026", out])
            self.assertEqual(res.returncode, 1, res)
            self.assertIn("no workplace", res.stderr)
            res = run_cli(["report", "year", "--db", self.server.db, "--workplace", GERIATRIE, out])
            self.assertEqual(res.returncode, 2, res)


if __name__ == "__main__":
    unittest.main()
