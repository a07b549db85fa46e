"""Share links (issue 19): a coordinator makes a read-only link to the
results of a closed round for people without an account. The link opens
that round's overview, element pages and tables, and nothing else; it
expires, can be revoked, counts and logs its use; only coordinators make
and revoke links, and only for a round whose results have been shown."""

import csv
import html
import io
import re
import time
import unittest

import harness
import qhelp
from harness import COORDINATOR, GERIATRIE, MEMBER, PETRA, ServerTestCase

ROUND = 2  # demo: geriatrie, closed, 74 responses
OTHER_ROUND = 1  # demo: geriatrie, the round before


def people(groups):
    return [(p, {"LOS1": 4, "LOS2": 3}, {}) for p, count in groups for n in range(count)]


class ShareTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        cls.open, _ = qhelp.new_round(s, GERIATRIE, "Deelronde open")
        qhelp.add_responses(s, cls.open, people([("student", 6)]))
        cls.below, _ = qhelp.new_round(s, GERIATRIE, "Deelronde te klein")
        qhelp.add_responses(s, cls.below, people([("student", 4)]))
        qhelp.close_round(s, cls.below)

    def login(self, who=COORDINATOR):
        c = self.client()
        c.login_ok(who)
        return c

    def round_path(self, rid=ROUND):
        return "/pw/%s/rounds/%d" % (GERIATRIE, rid)

    def make(self, c, rid=ROUND, days=None):
        """POST the form as the round page offers it; the response."""
        page = c.get(self.round_path(rid))
        fields = {"csrf": harness.csrf_from(page)}
        if days is not None:
            fields["days"] = str(days)
        return c.post(self.round_path(rid) + "/share", fields)

    def make_ok(self, rid=ROUND, days=None):
        """A new link; its path (/s/TOKEN) and token."""
        r = self.make(self.login(), rid, days)
        self.assertEqual(r.status, 200, r)
        m = re.search(r'id="share-url"[^>]*value="([^"]+)"', r.text)
        self.assertTrue(m, r.text)
        url = html.unescape(m.group(1))
        m = re.search(r"/s/([A-Za-z0-9_-]{22})$", url)
        self.assertTrue(m, url)
        return "/s/" + m.group(1), m.group(1)

    def link_row(self, token):
        rows = self.server.sql("SELECT id, uses, COALESCE(last_used_at, 0), expires_at, COALESCE(revoked_at, 0)"
                               " FROM share_links WHERE token_hash = '%s'" % qhelp.token_hash("share", token))
        self.assertEqual(len(rows), 1)
        return [int(v) for v in rows[0]]

    def audit(self, what):
        return self.server.sql("SELECT detail FROM audit_log WHERE action = '%s' ORDER BY id" % what)

    # ---- what the link opens ----

    def test_the_link_opens_the_round_without_a_login(self):
        path, token = self.make_ok()
        anon = self.client()
        page = anon.get(path)
        self.assertEqual(page.status, 200, page)
        self.assertIn("Meting najaar 2026", page.text)
        self.assertIn('id="elements-caption"', page.text)
        self.assertIn('id="share-notice"', page.text)
        self.assertNotIn("wp_session", page.set_cookies())
        self.assertEqual(page.header("Referrer-Policy"), "no-referrer")
        self.assertIn("noindex", page.header("X-Robots-Tag"))
        # the same figures as the members see, as a table
        member = self.login(MEMBER)
        mine = member.get(self.round_path() + "/tables.csv")
        shared = anon.get(path + "/tables.csv")
        self.assertEqual(shared.status, 200)
        self.assertEqual(shared.text, mine.text)
        self.assertEqual(anon.get(path + "/tables.xlsx").body[:2], b"PK")
        rows = list(csv.DictReader(io.StringIO(shared.text)))
        self.assertEqual(len([r for r in rows if r["section"] == "element"]), 6)
        # the element pages, with the same cells as the members' pages
        for code in ("LOS", "VMM"):
            el = anon.get("%s/results/%s" % (path, code))
            self.assertEqual(el.status, 200, el)
            theirs = member.get(self.round_path() + "/results/" + code).text
            mine_table = theirs[theirs.index('id="element-caption"'):theirs.index("</table>", theirs.index('id="element-caption"'))]
            shared_table = el.text[el.text.index('id="element-caption"'):el.text.index("</table>", el.text.index('id="element-caption"'))]
            self.assertEqual(shared_table, mine_table)

    def test_no_comments_and_no_way_out(self):
        path, token = self.make_ok()
        anon = self.client()
        comments = [t for (t,) in self.server.sql(
            "SELECT c.text FROM comments c JOIN responses r ON r.id = c.response_id WHERE r.round_id = %d" % ROUND)]
        member_page = self.login(MEMBER).get(self.round_path() + "/results/LOS").text
        shown_to_members = [t for t in comments if html.escape(t, quote=True) in member_page or t in member_page]
        self.assertTrue(shown_to_members, "the demo round shows comments to members (the test needs one)")
        for rest in ("", "/results/LOS", "/results/SRI"):
            page = anon.get(path + rest)
            self.assertEqual(page.status, 200)
            for t in shown_to_members:
                self.assertNotIn(html.escape(t, quote=True), page.text)
            hrefs = re.findall(r'(?:href|action)="([^"]*)"', page.text)
            for h in hrefs:
                ok = h in ("/", "#main", "/lang") or h.startswith(("/static/", path + "/", "#")) or h == path
                self.assertTrue(ok, "a shared page links to %s" % h)
            self.assertNotIn("/pw/", page.text)
            self.assertNotIn("/api/", page.text)
            self.assertNotIn("Wat mensen schrijven", page.text)
            self.assertNotIn("Dialoogagenda", page.text)

    def test_nothing_else_opens(self):
        path, token = self.make_ok()
        anon = self.client()
        anon.get(path)  # a browser that holds the link and nothing else
        for p in (path + "/results/XYZ", path + "/rounds/%d" % OTHER_ROUND, path + "/results",
                  path + "/%d" % OTHER_ROUND, path + "/dialogue", path + "/tables.json", path + "/export",
                  "/s/%s" % token[::-1], "/s/short"):
            self.assertEqual(anon.get(p).status, 404, p)
        for p in (self.round_path(), self.round_path() + "/results", self.round_path(OTHER_ROUND) + "/results",
                  self.round_path() + "/tables.csv", "/pw/%s" % GERIATRIE):
            r = anon.get(p)
            self.assertEqual(r.status, 303, p)
            self.assertTrue(r.location.startswith("/login"), r)
        for p in ("/api/v1/rounds/%d/results" % ROUND, "/api/v1/rounds/%d/tables" % ROUND,
                  "/api/v1/workplaces/%s" % GERIATRIE):
            self.assertEqual(anon.get(p).status, 401, p)
            self.assertEqual(anon.get(p, headers={"Authorization": "Bearer " + token}).status, 401, p)
        # no state change by GET, nothing to post to
        self.assertEqual(anon.request("POST", path).status, 405)

    def test_a_logged_in_visitor_sees_no_account_menu(self):
        path, _ = self.make_ok()
        page = self.login(MEMBER).get(path)
        self.assertEqual(page.status, 200)
        self.assertNotIn('href="/account"', page.text)
        self.assertNotIn("/pw/", page.text)

    # ---- expiry, revocation, use ----

    def test_expired(self):
        path, token = self.make_ok(days=1)
        link_id, _u, _l, expires, _r = self.link_row(token)
        self.assertLessEqual(abs(expires - (time.time() + 86400)), 120)
        self.assertEqual(self.client().get(path).status, 200)
        c = qhelp.db(self.server)
        c.execute("UPDATE share_links SET expires_at = ? WHERE id = ?", (int(time.time()) - 1, link_id))
        c.close()
        for rest in ("", "/results/LOS", "/tables.csv", "/tables.xlsx"):
            r = self.client().get(path + rest)
            self.assertEqual(r.status, 410, rest)
            self.assertIn("verlopen", r.text)
        page = self.login().get(self.round_path())
        row = re.search(r'<tr data-link="%d">(.*?)</tr>' % link_id, page.text, flags=re.S).group(1)
        self.assertIn("verlopen", row)
        self.assertNotIn("Intrekken</button>", row)

    def test_revoked(self):
        path, token = self.make_ok()
        link_id = self.link_row(token)[0]
        self.assertEqual(self.client().get(path).status, 200)
        c = self.login()
        page = c.get(self.round_path())
        self.assertIn('data-link="%d"' % link_id, page.text)
        revoke = "%s/share/%d/revoke" % (self.round_path(), link_id)
        r = c.post(revoke, {"csrf": harness.csrf_from(page)})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, self.round_path() + "#share")
        for rest in ("", "/results/LOS", "/tables.csv"):
            r = self.client().get(path + rest)
            self.assertEqual(r.status, 410, rest)
            self.assertIn("ingetrokken", r.text)
        self.assertNotEqual(self.link_row(token)[4], 0)
        self.assertEqual(c.post(revoke, {"csrf": harness.csrf_from(page)}).status, 404)
        # another round's link id under this round does not exist here
        other_path, other_token = self.make_ok()
        other_id = self.link_row(other_token)[0]
        r = c.post("%s/share/%d/revoke" % (self.round_path(OTHER_ROUND), other_id), {"csrf": harness.csrf_from(page)})
        self.assertEqual(r.status, 404)
        self.assertEqual(self.client().get(other_path).status, 200)
        self.assertEqual(len(self.audit("share link revoked")), 1)

    def test_use_is_counted_and_logged_without_the_token(self):
        path, token = self.make_ok()
        link_id, uses, last, _e, _r = self.link_row(token)
        self.assertEqual((uses, last), (0, 0))
        before = len(self.audit("share link used"))
        anon = self.client()
        for rest in ("", "/results/LOS", "/tables.csv"):
            self.assertEqual(anon.get(path + rest).status, 200)
        self.assertEqual(anon.get(path + "/results/NOPE").status, 404)  # not a use
        link_id, uses, last, _e, _r = self.link_row(token)
        self.assertEqual(uses, 3)
        self.assertLessEqual(abs(last - time.time()), 120)
        used = self.audit("share link used")
        self.assertEqual(len(used), before + 1, "one entry per visit, not per page")
        self.assertIn("link %d, round %d" % (link_id, ROUND), used[-1][0])
        made = self.audit("share link made")
        self.assertTrue(any("link %d," % link_id in d for (d,) in made))
        # the token is stored nowhere: only its hash
        dump = self.server.dump()
        self.assertNotIn(token, dump)
        self.assertIn(qhelp.token_hash("share", token), dump)
        # a new visit after a quiet half hour is logged again
        c = qhelp.db(self.server)
        c.execute("UPDATE share_links SET last_used_at = ? WHERE id = ?", (int(time.time()) - 31 * 60, link_id))
        c.close()
        anon.get(path)
        self.assertEqual(len(self.audit("share link used")), before + 2)
        # the round page lists it with its use
        page = self.login().get(self.round_path()).text
        row = re.search(r'<tr data-link="%d">(.*?)</tr>' % link_id, page, flags=re.S).group(1)
        self.assertIn('<td class="num">4</td>', row)
        self.assertIn("actief", row)

    # ---- who may make links, and for which rounds ----

    def test_refused_for_an_open_round_and_below_k(self):
        c = self.login()
        count = "SELECT count(*) FROM share_links WHERE round_id = %d"
        for rid, text in ((self.open, "pas als de meetronde gesloten is"), (self.below, "minder dan 5")):
            page = c.get(self.round_path(rid))
            self.assertIn('id="share-refused"', page.text)
            self.assertNotIn("%s/share\"" % self.round_path(rid), page.text)
            r = c.post(self.round_path(rid) + "/share", {"csrf": harness.csrf_from(page)})
            self.assertEqual(r.status, 409, r)
            self.assertIn(text, r.text)
            self.assertEqual(self.server.sql(count % rid), [["0"]])

    def test_only_coordinators_make_and_revoke(self):
        _path, token = self.make_ok()
        link_id = self.link_row(token)[0]
        count = "SELECT count(*) FROM share_links"
        n = self.server.sql(count)
        member = self.login(MEMBER)
        page = member.get(self.round_path())
        self.assertNotIn('id="share"', page.text)
        tok = harness.csrf_from(page)
        revoke = "%s/share/%d/revoke" % (self.round_path(), link_id)
        self.assertEqual(member.post(self.round_path() + "/share", {"csrf": tok}).status, 403)
        self.assertEqual(member.post(revoke, {"csrf": tok}).status, 403)
        outsider = self.login(PETRA)
        tok = harness.csrf_from(outsider.get("/"))
        self.assertEqual(outsider.post(self.round_path() + "/share", {"csrf": tok}).status, 404)
        self.assertEqual(outsider.post(revoke, {"csrf": tok}).status, 404)
        anon = self.client()
        r = anon.post(self.round_path() + "/share", {"csrf": harness.csrf_from(anon.get("/login"))})
        self.assertEqual((r.status, r.location), (303, "/login"))
        # without the CSRF token, not even the coordinator
        c = self.login()
        self.assertEqual(c.post(self.round_path() + "/share", {"csrf": "0" * 64}).status, 403)
        self.assertEqual(c.post(revoke, {}).status, 403)
        self.assertEqual(c.get(self.round_path() + "/share").status, 405)
        self.assertEqual(self.server.sql(count), n)
        self.assertEqual(self.link_row(token)[4], 0)

    def test_days(self):
        c = self.login()
        for days in ("0", "366", "x"):
            r = self.make(c, days=days)
            self.assertEqual(r.status, 400, days)
            self.assertIn("f-days", r.text)
        _path, token = self.make_ok()
        self.assertLessEqual(abs(self.link_row(token)[3] - (time.time() + 60 * 86400)), 120)
        _path, token = self.make_ok(days=365)
        self.assertLessEqual(abs(self.link_row(token)[3] - (time.time() + 365 * 86400)), 120)


if __name__ == "__main__":
    unittest.main()
