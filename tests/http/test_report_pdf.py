"""The round report as a PDF (issue 19): /pw/{slug}/rounds/{id}/report.pdf
for the workplace's members and `werkplaats report pdf`. A4, fonts
embedded, tagged (a structure tree with headings, tables, lists, figures
and a table of contents), the workplace and round named, every element's
figures per shown perspective and its headline as the API gives them to
one decimal, the charts as vectors, comments only of groups that reach the
comment threshold; open rounds and rounds below k give 403. Read with
poppler's pdftotext, pdfinfo, pdffonts and pdfimages."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import qhelp
from harness import COORDINATOR, GERIATRIE, MEMBER, ServerTestCase, run_cli

ROUND = 2  # demo: geriatrie, closed, 74 responses
SECRET = "Geheimzinnige opmerking over Jantje"
SMALL = "Verborgen opmerking van een docent"  # 3 teachers: below k_comments (7), even pooled
SHOWN = "Zichtbare opmerking van een student"
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdffonts", "pdfimages"))


def people(groups):
    codes = [i["id"] for e in qhelp.INSTRUMENT["elements"] for i in e["items"]]
    return [(p, {c: (n + i) % 5 + 1 for i, c in enumerate(codes)}, {}) for p, count in groups
            for n in range(count)]


def tool(name, data, *opts):
    """Run a poppler tool (pdfinfo, pdffonts, pdftotext) on PDF bytes; its
    standard output (pdftotext's text)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        args = [name] + list(opts) + [f.name] + (["-"] if name == "pdftotext" else [])
        return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout.decode("utf-8", "replace")


def one_decimal(v):
    return "%.1f" % v


@unittest.skipUnless(POPPLER, "poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed")
class ReportPdfTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        # a comment in the demo's round 2 from a shown comment group (29 students)
        c = qhelp.db(s)
        vid = c.execute("SELECT version_id FROM rounds WHERE id = ?", (ROUND,)).fetchone()[0]
        item = c.execute("SELECT id FROM items WHERE version_id = ? AND kind = 'open' AND group_code = 'VMM'"
                         " ORDER BY id LIMIT 1", (vid,)).fetchone()[0]
        resp = c.execute("SELECT id FROM responses WHERE round_id = ? AND submitted = 1 AND perspective = 'student'"
                         " ORDER BY id LIMIT 1", (ROUND,)).fetchone()[0]
        c.execute("INSERT INTO comments (response_id, item_id, text) VALUES (?, ?, ?)", (resp, item, SECRET))
        c.close()
        # a round of 11 (8 students, 3 teachers: pooled as 'other') whose
        # comment threshold is 12: its figures are shown, its comments not
        open_q = qhelp.INSTRUMENT["elements"][0]["open_questions"][0]["id"]
        cls.small, _ = qhelp.new_round(s, GERIATRIE, "PDF kleine groep")
        rows = people([("student", 8), ("teacher", 3)])
        rows[0] = (rows[0][0], rows[0][1], {open_q: SHOWN})
        rows[-1] = (rows[-1][0], rows[-1][1], {open_q: SMALL})
        qhelp.add_responses(s, cls.small, rows)
        qhelp.close_round(s, cls.small)
        c = qhelp.db(s)
        c.execute("UPDATE rounds SET k_comments = 12 WHERE id = ?", (cls.small,))
        c.close()
        cls.open, _ = qhelp.new_round(s, GERIATRIE, "PDF open")
        qhelp.add_responses(s, cls.open, people([("student", 6), ("teacher", 5)]))
        cls.below, _ = qhelp.new_round(s, GERIATRIE, "PDF te klein")
        qhelp.add_responses(s, cls.below, people([("student", 4)]))
        qhelp.close_round(s, cls.below)

    def path(self, rid):
        return "/pw/%s/rounds/%d/report.pdf" % (GERIATRIE, rid)

    def pdf(self, c, rid=ROUND):
        r = c.get(self.path(rid))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertIn('filename="werkplaats-%s-round-%d-report.pdf"' % (GERIATRIE, rid),
                      r.header("Content-Disposition"))
        self.assertTrue(r.body.startswith(b"%PDF-"))
        return r.body

    def login(self, who=MEMBER, **kw):
        c = self.client(**kw)
        c.login_ok(who)
        return c

    def api(self, c):
        r = c.get("/api/v1/rounds/%d/results" % ROUND)
        self.assertEqual(r.status, 200, r)
        return json.loads(r.text)

    def test_a4_pages_and_embedded_fonts(self):
        data = self.pdf(self.login())
        info = tool("pdfinfo", data)
        self.assertIn("(A4)", info)
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        self.assertGreaterEqual(pages, 2)
        fonts = tool("pdffonts", data).splitlines()[2:]
        self.assertTrue(fonts, "the PDF has text in some font")
        for line in fonts:
            # name type encoding emb sub uni object-id gen: emb is the fourth from the end
            self.assertEqual(line.split()[-5], "yes", line)

    def test_tagged_structure(self):
        data = self.pdf(self.login())
        self.assertRegex(tool("pdfinfo", data), r"(?m)^Tagged:\s+yes$")
        tree = tool("pdfinfo", data, "-struct-text")
        for tag in ("Document", "H1", "H2", "P", "Table", "TR", "TH", "TD", "L", "LI", "Figure", "TOC", "TOCI",
                    "Link"):
            self.assertRegex(tree, r"(?m)^\s*%s\b" % tag, tag)
        # the table of contents links to the sections
        toc = tree[tree.index("TOC"):]
        self.assertIn('"1. Werkzame elementen"', toc)
        self.assertRegex(tree, r'H1 \(block\)\n\s+"Werkzame elementen"')

    def test_charts_are_vectors(self):
        data = self.pdf(self.login())
        # no raster image: the radars are drawn as paths and text
        images = tool("pdfimages", data, "-list").splitlines()[2:]
        self.assertEqual(images, [])
        tree = tool("pdfinfo", data, "-struct-text")
        figure = tree[tree.index("Figure"):].splitlines()[1]
        self.assertIn("LOSSRIGOCVORLEAVMM", figure)  # the axes' labels are text

    def test_names_and_every_figure_as_the_api(self):
        c = self.login()
        text = tool("pdftotext", self.pdf(c), "-layout")
        self.assertIn("Leerafdeling Geriatrie", text)
        self.assertIn("Meting najaar 2026", text)
        api = self.api(c)
        self.assertIn("Respondenten: %d" % api["respondents"], text)
        for code, el in api["elements"].items():
            # the table's row (with figures), not the radar's axis label
            line = next((ln for ln in text.splitlines() if re.match(r"\s*%s\b.*\b\d\.\d\b" % code, ln)), None)
            self.assertIsNotNone(line, code)
            # the first line of the row: the mean of every shown column with
            # a figure, in perspective order, then the headline
            want = [one_decimal(v["mean"]) for v in el["columns"].values() if v and v["mean"] is not None]
            want.append(one_decimal(el["headline"]))
            self.assertEqual(re.findall(r"\b\d\.\d\b", line), want, (code, line))
            self.assertEqual(line.split()[-1], one_decimal(el["headline"]), (code, line))
        self.assertIn("Pagina 1", text)
        self.assertIn("Pagina 2", text)
        self.assertIn("Vragen voor de dialoog", text)

    def test_comments_of_shown_groups_only(self):
        c = self.login(COORDINATOR)
        text = " ".join(tool("pdftotext", self.pdf(c)).split())
        self.assertIn("Wat mensen schreven", text)
        self.assertIn("“%s” (Student)" % SECRET, text)
        self.assertIn("groepen met minstens 7 respondenten", text)
        text = " ".join(tool("pdftotext", self.pdf(c, self.small)).split())
        self.assertIn("Respondenten: 11", text)
        self.assertIn("groepen met minstens 12 respondenten", text)
        self.assertIn("Geen opmerkingen.", text)
        self.assertNotIn("Zichtbare", text)
        self.assertNotIn("Verborgen", text)

    def test_open_round_and_below_k_are_refused(self):
        c = self.login()
        r = c.get(self.path(self.open))
        self.assertEqual(r.status, 403, r)
        self.assertIn("gesloten", r.text)
        r = c.get(self.path(self.below))
        self.assertEqual(r.status, 403, r)
        self.assertIn("minder dan 5", r.text)

    def test_english_by_accept_language_and_cookie(self):
        text = tool("pdftotext", self.pdf(self.login(accept_language="en")))
        self.assertIn("Working elements", text)
        self.assertIn("Page 1", text)
        self.assertNotIn("Werkzame elementen", text)
        c = self.login()
        c.cookies["wp_lang"] = "en"
        text = tool("pdftotext", self.pdf(c))
        self.assertIn("Questions for the dialogue", text)

    def test_api(self):
        c = self.login()
        r = c.get("/api/v1/rounds/%d/report" % ROUND)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        text = " ".join(tool("pdftotext", r.body).split())
        self.assertIn("Leerafdeling Geriatrie", text)
        self.assertIn("“%s” (Student)" % SECRET, text)  # a member reads comments
        r = c.get("/api/v1/rounds/%d/report" % self.below)
        self.assertEqual(r.status, 403, r)
        self.assertIn("fewer than 5", json.loads(r.text)["error"])

    def test_linked_from_the_round_page(self):
        page = self.login().get("/pw/%s/rounds/%d" % (GERIATRIE, ROUND)).text
        self.assertIn('href="/pw/%s/rounds/%d/report.pdf"' % (GERIATRIE, ROUND), page)

    def test_cli(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.pdf")
            res = run_cli(["report", "pdf", "--db", self.server.db, "--round", str(ROUND), "--lang", "en", out])
            self.assertEqual(res.returncode, 0, res)
            with open(out, "rb") as f:
                data = f.read()
            self.assertTrue(data.startswith(b"%PDF-"))
            self.assertIn("Working elements", tool("pdftotext", data))
            res = run_cli(["report", "pdf", "--db", self.server.db, "--round", str(self.open), out + "2"])
            self.assertEqual(res.returncode, 1, res)
            self.assertIn("not closed", res.stderr)
            self.assertFalse(os.path.exists(out + "2"))
            res = run_cli(["report", "pdf", "--db", self.server.db, "--round", str(self.below), out + "3"])
            self.assertEqual(res.returncode, 1, res)
            self.assertIn("fewer than 5", res.stderr)


if __name__ == "__main__":
    unittest.main()
