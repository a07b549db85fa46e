"""The round report as a PDF (issue 19): /pw/{slug}/rounds/{id}/report.pdf
for the workplace's members and `werkplaats report pdf`. A4, fonts
embedded, the workplace and round named, every element's headline as the
API gives it to one decimal, no comment text; open rounds and rounds below
k give 403. Read with poppler's pdftotext, pdfinfo and pdffonts."""

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
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdffonts"))


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
        # a comment in the demo's round 2 that the PDF must not hold
        c = qhelp.db(s)
        vid = c.execute("SELECT version_id FROM rounds WHERE id = ?", (ROUND,)).fetchone()[0]
        item = c.execute("SELECT id FROM items WHERE version_id = ? AND kind = 'open' AND group_code = 'VMM'"
                         " ORDER BY id LIMIT 1", (vid,)).fetchone()[0]
        resp = c.execute("SELECT id FROM responses WHERE round_id = ? AND submitted = 1 AND perspective = 'student'"
                         " ORDER BY id LIMIT 1", (ROUND,)).fetchone()[0]
        c.execute("INSERT INTO comments (response_id, item_id, text) VALUES (?, ?, ?)", (resp, item, SECRET))
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

    def test_names_and_every_headline_as_the_api(self):
        c = self.login()
        text = tool("pdftotext", self.pdf(c), "-layout")
        self.assertIn("Leerafdeling Geriatrie", text)
        self.assertIn("Meting najaar 2026", text)
        api = self.api(c)
        for code, el in api["elements"].items():
            line = next((ln for ln in text.splitlines() if ln.strip().startswith(code + " ")), None)
            self.assertIsNotNone(line, code)
            self.assertEqual(line.split()[-1], one_decimal(el["headline"]), (code, line))
        self.assertIn("Pagina 1", text)
        self.assertIn("Pagina 2", text)
        self.assertIn("Vragen voor de dialoog", text)

    def test_no_comment_text(self):
        c = self.login(COORDINATOR)
        text = tool("pdftotext", self.pdf(c))
        self.assertIn("VMM", text)  # the element the comment is on is in the report
        self.assertNotIn("Jantje", text)
        self.assertNotIn("Geheimzinnige", text)

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
