"""Share links to the reports (issue 19): a round's link also opens the
round's PDF report, without comments; a coordinator makes a link to a
workplace's year report on the workplace page, which opens a page offering
that PDF and the PDF (without the rounds that have not closed), works
without a login, counts and logs its use, stops when expired or revoked,
and opens nothing else."""

import html
import re
import time
import unittest

import harness
import qhelp
from harness import COORDINATOR, GERIATRIE, MEMBER, ServerTestCase
from test_report_pdf import POPPLER, tool

ROUND = 2  # demo: geriatrie, closed, 74 responses
YEAR = 2026
WP = "/pw/%s" % GERIATRIE


@unittest.skipUnless(POPPLER, "poppler-utils is not installed")
class ShareReportsTest(ServerTestCase):
    def login(self, who=COORDINATOR):
        c = self.client()
        c.login_ok(who)
        return c

    def url_of(self, r):
        self.assertEqual(r.status, 200, r)
        m = re.search(r'id="share-url"[^>]*value="([^"]+)"', r.text)
        self.assertTrue(m, r.text)
        m = re.search(r"/s/([A-Za-z0-9_-]{22})$", html.unescape(m.group(1)))
        self.assertTrue(m)
        return "/s/" + m.group(1), m.group(1)

    def make_year(self, c=None, year=YEAR, days=None):
        c = c or self.login()
        page = c.get(WP)
        fields = {"csrf": harness.csrf_from(page)}
        if days is not None:
            fields["days"] = str(days)
        return c.post("%s/years/%d/share" % (WP, year), fields)

    def make_round(self):
        c = self.login()
        page = c.get("%s/rounds/%d" % (WP, ROUND))
        return self.url_of(c.post("%s/rounds/%d/share" % (WP, ROUND), {"csrf": harness.csrf_from(page)}))

    def year_row(self, token):
        rows = self.server.sql("SELECT id, uses, year FROM year_share_links WHERE token_hash = '%s'"
                               % qhelp.token_hash("share", token))
        self.assertEqual(len(rows), 1)
        return [int(v) for v in rows[0]]

    def pdf(self, path):
        r = self.client().get(path)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        return " ".join(tool("pdftotext", r.body).split())

    def test_round_link_offers_its_report_without_comments(self):
        path, token = self.make_round()
        page = self.client().get(path)
        self.assertIn('href="%s/report.pdf"' % path, page.text)
        text = self.pdf(path + "/report.pdf")
        self.assertIn("Meting najaar 2026", text)
        self.assertIn("dit exemplaar bevat ze niet", text)
        comments = [t for (t,) in self.server.sql(
            "SELECT c.text FROM comments c JOIN responses r ON r.id = c.response_id WHERE r.round_id = %d" % ROUND)]
        self.assertTrue(comments)
        for t in comments:
            self.assertNotIn(t, text)
        # the members' own report has them
        member = self.login(MEMBER).get("%s/rounds/%d/report.pdf" % (WP, ROUND))
        self.assertIn("Wat mensen schreven", tool("pdftotext", member.body))
        self.assertTrue(any(t in " ".join(tool("pdftotext", member.body).split()) for t in comments))

    def test_year_link_opens_the_year_report_without_a_login(self):
        path, token = self.url_of(self.make_year())
        link_id, uses, year = self.year_row(token)
        self.assertEqual((uses, year), (0, YEAR))
        page = self.client().get(path)
        self.assertEqual(page.status, 200, page)
        self.assertIn("Jaarverslag 2026", page.text)
        self.assertIn("Leerafdeling Geriatrie", page.text)
        for h in re.findall(r'(?:href|action)="([^"]*)"', page.text):
            self.assertTrue(h in ("/", "#main", "/lang") or h.startswith(("/static/", path + "/", "#")), h)
        self.assertNotIn('href="/account"', self.login(MEMBER).get(path).text)
        text = self.pdf(path + "/report.pdf")
        self.assertIn("JAARVERSLAG 2026", text)
        self.assertIn("Meting najaar 2026", text)
        self.assertNotIn("Tussenmeting", text)  # the round that has not closed
        self.assertIn("Tussenmeting", tool("pdftotext", self.login(MEMBER).get(
            "%s/years/%d/report.pdf" % (WP, YEAR)).body))
        self.assertEqual(self.year_row(token)[1], 3)  # the page twice, the PDF once
        log = [d for (d,) in self.server.sql("SELECT detail FROM audit_log WHERE action = 'share link used'")]
        self.assertIn("year link %d, year 2026: overview" % link_id, log)
        self.assertFalse([d for d in log if token in d])
        made = [d for (d,) in self.server.sql("SELECT detail FROM audit_log WHERE action = 'share link made'")]
        self.assertTrue(any(d.startswith("year link %d, year 2026" % link_id) for d in made), made)

    def test_year_link_opens_nothing_else(self):
        path, token = self.url_of(self.make_year())
        anon = self.client()
        for rest in ("/results/LOS", "/tables.csv", "/tables.xlsx", "/results", "/%d" % ROUND, "/years/2025"):
            self.assertEqual(anon.get(path + rest).status, 404, rest)
        for p in ("%s/years/%d/report.pdf" % (WP, YEAR), WP):
            r = anon.get(p)
            self.assertEqual(r.status, 303, p)
            self.assertTrue(r.location.startswith("/login"))
        self.assertEqual(anon.get("/api/v1/workplaces/%s/years/%d/report" % (GERIATRIE, YEAR),
                                  headers={"Authorization": "Bearer " + token}).status, 401)
        # a round link's token is no year link, and the other way round
        rpath, _ = self.make_round()
        self.assertNotIn("Jaarverslag", anon.get(rpath).text)

    def test_year_link_expires(self):
        path, token = self.url_of(self.make_year(days=1))
        link_id = self.year_row(token)[0]
        c = qhelp.db(self.server)
        c.execute("UPDATE year_share_links SET expires_at = ? WHERE id = ?", (int(time.time()) - 1, link_id))
        c.close()
        for rest in ("", "/report.pdf"):
            r = self.client().get(path + rest)
            self.assertEqual(r.status, 410, rest)
            self.assertIn("verlopen", r.text)
        row = re.search(r'<tr data-link="%d">(.*?)</tr>' % link_id, self.login().get(WP).text, flags=re.S).group(1)
        self.assertIn("verlopen", row)
        self.assertNotIn("Intrekken</button>", row)

    def test_year_link_revoked(self):
        path, token = self.url_of(self.make_year())
        link_id = self.year_row(token)[0]
        self.assertEqual(self.client().get(path + "/report.pdf").status, 200)
        c = self.login()
        page = c.get(WP)
        self.assertIn('data-link="%d"' % link_id, page.text)
        revoke = "%s/year-links/%d/revoke" % (WP, link_id)
        r = c.post(revoke, {"csrf": harness.csrf_from(page)})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, WP + "#year-reports")
        for rest in ("", "/report.pdf"):
            r = self.client().get(path + rest)
            self.assertEqual(r.status, 410, rest)
            self.assertIn("ingetrokken", r.text)
        self.assertEqual(c.post(revoke, {"csrf": harness.csrf_from(page)}).status, 404)

    def test_only_coordinators_make_year_links(self):
        r = self.make_year(self.login(MEMBER))
        self.assertEqual(r.status, 403, r)
        self.assertNotIn("/years/%d/share" % YEAR, self.login(MEMBER).get(WP).text)
        self.assertIn("/years/%d/share" % YEAR, self.login().get(WP).text)
        for days in ("0", "366", "x"):
            self.assertEqual(self.make_year(days=days).status, 400, days)
        self.assertEqual(self.make_year(year=1999).status, 404)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM year_share_links WHERE year = 1999")[0][0], "0")


if __name__ == "__main__":
    unittest.main()
