"""A workplace's year report as a PDF (issue 19):
/pw/{slug}/years/{year}/report.pdf and /api/v1/workplaces/{slug}/years/{year}/report
for the workplace's members, and `werkplaats report year`. The profile, the
nine characteristics, the rounds that closed in the year with every
element's score as the round's API gives it (only rounds whose figures are
shown), the actions and the outcomes of that year and not of another."""

import json
import os
import re
import tempfile
import unittest

import qhelp
from harness import GERIATRIE, MEMBER, ServerTestCase, run_cli
from test_report_pdf import POPPLER, one_decimal, tool

YEAR = 2026
BEFORE = 1   # demo: geriatrie's autumn 2025 round, the year's starting point
IN_YEAR = 2  # demo: geriatrie's autumn 2026 round


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
