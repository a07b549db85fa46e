"""Retention (issue 18, docs/privacy.md): the site's limits, a workplace's
shorter ones, and the pass that deletes what is past them, moved through
time with `werkplaats retention run --as-of DATE`; the scheduler of
`serve` runs the same pass.

The expected deletions are worked out here from the round dates in the
store and the rule of docs/privacy.md (kept for N full days after the
closing day), not read from the server. After a round's raw answers are
gone, its results, its development page, its aggregate tables and the
API must show exactly what they showed before."""

import datetime
import re
import time
import unittest

import harness
import qhelp
from harness import ADMIN, COORDINATOR, GERIATRIE, ServerTestCase, run_cli

GERIATRIE_ROUNDS = (1, 2)  # demo: closed rounds of geriatrie (7 is open)


def day(text):
    return datetime.date.fromisoformat(text)


def past(closes_on, days, as_of):
    """Kept for `days` full days after the closing day."""
    return bool(days) and as_of > day(closes_on) + datetime.timedelta(days=days)


def numbers(page):
    """Every number cell of a page, in order: what the figures show."""
    return re.findall(r'<td class="num[^"]*"[^>]*>(.*?)</td>', page)


class RetentionPass(ServerTestCase):
    """Limits set on the pages, then two passes with --as-of on either side
    of a boundary."""

    SITE = {"answers": 400, "comments": 30, "addresses": 30, "audit": ""}
    GERIATRIE_OWN = {"answers": 100}

    def count(self, sql, *args):
        c = qhelp.db(self.server)
        n = c.execute(sql, args).fetchone()[0]
        c.close()
        return n

    def rounds(self):
        c = qhelp.db(self.server)
        rows = c.execute("SELECT r.id, w.slug, r.closes_on FROM rounds r JOIN workplaces w"
                         " ON w.id = r.workplace_id ORDER BY r.id").fetchall()
        c.close()
        return rows

    def comments_of(self, rid):
        return self.count("SELECT count(*) FROM comments c JOIN responses s ON s.id = c.response_id"
                          " WHERE s.round_id = ?", rid)

    def responses_of(self, rid):
        return self.count("SELECT count(*) FROM responses WHERE round_id = ?", rid)

    def views(self, coord, rid):
        """What a coordinator sees of a round's figures: pages, tables, API."""
        base = "/pw/%s/rounds/%d" % (GERIATRIE, rid)
        out = {}
        for path in (base + "/results", base + "/results/LOS", base + "/tables.csv",
                     "/api/v1/rounds/%d/results" % rid, "/api/v1/rounds/%d" % rid):
            resp = coord.get(path)
            self.assertEqual(resp.status, 200, (path, resp))
            out[path] = resp.body.decode()
        return out

    def test_retention(self):
        admin = self.admin()
        coord = self.client()
        coord.login_ok(COORDINATOR)
        # the site's limits, set on its page
        page = admin.get("/admin/privacy")
        self.assertEqual(page.status, 200)
        resp = admin.submit("/admin/privacy", "/admin/privacy", {k: str(v) for k, v in self.SITE.items()})
        self.assertEqual(resp.status, 303, resp)
        bad = admin.submit("/admin/privacy", "/admin/privacy", {"answers": "0"})
        self.assertEqual(bad.status, 400)
        # a workplace may shorten a limit, never lengthen it
        wp = "/pw/%s/privacy" % GERIATRIE
        longer = coord.submit(wp, wp, {"answers": "401"})
        self.assertEqual(longer.status, 400, longer)
        self.assertIn("alleen korter", longer.body.decode())
        resp = coord.submit(wp, wp, {k: str(v) for k, v in self.GERIATRIE_OWN.items()})
        self.assertEqual(resp.status, 303, resp)
        shown = coord.get(wp).body.decode()
        self.assertIn('data-days="100"', shown)   # answers: the workplace's own
        self.assertEqual(re.findall(r'data-days="(\d+)"', shown), ["100", "30", "30", "0"])
        # invitation addresses to be deleted with the round's
        qhelp.invite(self.server, 2, "a@example.org", "student", "I" * 22)
        qhelp.invite(self.server, 2, "b@example.org", "teacher", "J" * 22)

        before = {rid: self.views(coord, rid) for rid in GERIATRIE_ROUNDS}
        dev_before = coord.get("/pw/%s/development" % GERIATRIE).body.decode()
        round_page_before = coord.get("/pw/%s/rounds/1" % GERIATRIE).body.decode()
        comments = {rid: self.comments_of(rid) for rid, _, _ in self.rounds()}
        responses = {rid: self.responses_of(rid) for rid, _, _ in self.rounds()}
        today = datetime.date.today()

        closes2 = day(dict((r[0], r[2]) for r in self.rounds())[2])
        for as_of in (closes2 + datetime.timedelta(days=30), closes2 + datetime.timedelta(days=31)):
            res = run_cli(["retention", "run", "--db", self.server.db, "--as-of", as_of.isoformat()])
            self.assertEqual(res.returncode, 0, res)
            for rid, slug, closes_on in self.rounds():
                own = self.GERIATRIE_OWN if slug == GERIATRIE else {}
                answers_days = min(own.get("answers", 400), 400)
                closed = day(closes_on) < today
                gone = closed and past(closes_on, answers_days, as_of)
                self.assertEqual(self.responses_of(rid), 0 if gone else responses[rid], (as_of, rid))
                comments_gone = gone or (closed and past(closes_on, 30, as_of))
                self.assertEqual(self.comments_of(rid), 0 if comments_gone else comments[rid], (as_of, rid))
            if as_of == closes2 + datetime.timedelta(days=30):
                # the boundary: 30 full days after closing, round 2 keeps its comments and addresses
                self.assertEqual(self.comments_of(2), comments[2])
                self.assertEqual(self.count("SELECT count(*) FROM invitations WHERE round_id = 2"), 2)
                self.assertIn("raw answers deleted: 1 rounds, %d responses" % responses[1], res.stdout)
        self.assertEqual(self.comments_of(2), 0)
        self.assertEqual(self.responses_of(2), responses[2])  # answers: 100 days
        self.assertEqual(self.count("SELECT count(*) FROM invitations WHERE round_id = 2"), 0)
        self.assertEqual(self.count("SELECT count(*) FROM round_snapshots WHERE round_id = 1"), 1)
        self.assertEqual(self.count("SELECT count(*) FROM round_snapshots WHERE round_id = 2"), 0)
        # the open round is never touched
        self.assertEqual(self.responses_of(7), responses[7])
        self.assertEqual(self.comments_of(7), comments[7])

        # the figures of the round without raw answers are the same everywhere
        after = self.views(coord, 1)
        for path, body in before[1].items():
            if path.startswith("/api/") or path.endswith(".csv"):
                self.assertTrue(after[path] == body, path)   # byte for byte
            elif path.endswith("/results"):
                self.assertIn('id="answers-deleted"', after[path])
                self.assertEqual(numbers(after[path]), numbers(body), path)
                self.assertTrue(numbers(body))
            elif path.endswith("/LOS"):
                self.assertEqual(numbers(after[path]), numbers(body), path)
                self.assertIn('id="comments-deleted"', after[path])
        self.assertTrue(coord.get("/pw/%s/development" % GERIATRIE).body.decode() == dev_before)
        round_page = coord.get("/pw/%s/rounds/1" % GERIATRIE).body.decode()
        self.assertEqual(re.findall(r"<td class=\"num\">(\d+)</td>", round_page),
                         re.findall(r"<td class=\"num\">(\d+)</td>", round_page_before))
        res = run_cli(["report", "tables", "--db", self.server.db, "--round", "1", "-"])
        self.assertEqual(res.returncode, 0, res)
        self.assertEqual(res.stdout, before[1]["/pw/%s/rounds/1/tables.csv" % GERIATRIE])
        # the raw answers are gone from every export, which says so; the others still export
        page = coord.get("/pw/%s/rounds/1/export" % GERIATRIE)
        self.assertEqual(page.status, 200)
        self.assertIn('id="answers-deleted"', page.body.decode())
        self.assertEqual(coord.get("/api/v1/rounds/1/answers").status, 410)
        research = admin.get("/research/export")
        self.assertEqual(research.status, 200, research)
        self.assertIn('id="research-deleted"', research.body.decode())
        res = run_cli(["export", "--db", self.server.db, "--round", "1", "-"])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("deleted under the retention limits", res.stderr)
        vid = qhelp.db(self.server).execute("SELECT version_id FROM rounds WHERE id = 1").fetchone()[0]
        res = run_cli(["export", "--db", self.server.db, "--version", str(vid), "-"])
        self.assertEqual(res.returncode, 0, res)
        self.assertEqual(len(res.stdout.strip().splitlines()) - 1,
                         sum(n for rid, n in responses.items() if rid not in (1, 7) and self.responses_of(rid)),
                         "every closed round with its answers, none of round 1")
        # and the round cannot take answers again
        reopen = coord.submit("/pw/%s/rounds/1" % GERIATRIE, "/pw/%s/rounds/1/reopen" % GERIATRIE, {})
        self.assertNotEqual(reopen.status, 303)
        self.assertEqual(self.responses_of(1), 0)

        # the audit log says what went, with the count and without any address
        c = qhelp.db(self.server)
        rows = c.execute("SELECT action, detail FROM audit_log WHERE action LIKE '%(retention)'"
                         " ORDER BY id").fetchall()
        c.close()
        self.assertIn(("answers deleted (retention)", "round 1: %d" % responses[1]), rows)
        self.assertIn(("comments deleted (retention)", "round 2: %d" % comments[2]), rows)
        self.assertIn(("addresses deleted (retention)", "round 2: 2"), rows)
        log = admin.get("/admin/audit").body.decode()
        self.assertIn("antwoorden van %d ingevulde vragenlijsten verwijderd (bewaartermijn)" % responses[1], log)
        self.assertNotIn("a@example.org", log)

    def test_audit_log_limit(self):
        """Entries older than the limit go; one at the limit stays."""
        admin = self.admin()
        resp = admin.submit("/admin/privacy", "/admin/privacy", {"audit": "10"})
        self.assertEqual(resp.status, 303, resp)
        as_of = datetime.date(2030, 6, 20)
        cutoff = int(datetime.datetime(2030, 6, 10, tzinfo=datetime.timezone.utc).timestamp())
        c = qhelp.db(self.server)
        c.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, 'login', 'old')", (cutoff - 1,))
        c.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, 'login', 'kept')", (cutoff,))
        c.close()
        res = run_cli(["retention", "run", "--db", self.server.db, "--as-of", as_of.isoformat()])
        self.assertEqual(res.returncode, 0, res)
        self.assertEqual(self.count("SELECT count(*) FROM audit_log WHERE detail = 'old'"), 0)
        self.assertEqual(self.count("SELECT count(*) FROM audit_log WHERE detail = 'kept'"), 1)
        self.assertEqual(self.count("SELECT count(*) FROM audit_log WHERE action ="
                                    " 'audit log deleted (retention)' AND workplace_id IS NULL"), 1)
        admin.submit("/admin/privacy", "/admin/privacy", {})

    def test_bad_as_of(self):
        res = run_cli(["retention", "run", "--db", self.server.db, "--as-of", "2030-02-30"])
        self.assertEqual(res.returncode, 2, res)


class ConsentPrivacy(ServerTestCase):
    """The participant's first page shows the retention of the round and the
    site's privacy statement, escaped, in paragraphs, in the chosen language."""

    STATEMENT_NL = "Wij zijn <b>De Hogeschool</b> & partners.\r\nTweede regel.\r\n\r\n  \r\nNieuwe alinea."
    STATEMENT_EN = "We are the University."

    def open_link(self):
        c = qhelp.db(self.server)
        tok, closes_on = c.execute("SELECT open_token, closes_on FROM rounds WHERE id = 7").fetchone()
        c.close()
        return "/r/%s" % tok, day(closes_on)

    def test_consent_page(self):
        admin = self.admin()
        path, closes = self.open_link()
        before = self.client().get(path).body.decode()
        self.assertNotIn('id="privacy-statement"', before)   # nothing written yet
        self.assertIn("zonder vaste termijn (de site heeft er geen ingesteld)", before)         # and no limits set
        r = admin.submit("/admin/privacy", "/admin/privacy/statement",
                         {"statement_nl": self.STATEMENT_NL, "statement_en": self.STATEMENT_EN,
                          "contact": "FG <fg@example.org>"})
        self.assertEqual(r.status, 303, r)
        r = admin.submit("/admin/privacy", "/admin/privacy", {"answers": "365", "comments": "90", "addresses": "30"})
        self.assertEqual(r.status, 303, r)
        coord = self.client()
        coord.login_ok(harness.COORDINATOR)
        wp = "/pw/%s/privacy" % GERIATRIE
        self.assertEqual(coord.submit(wp, wp, {"answers": "200"}).status, 303)

        page = self.client().get(path).body.decode()
        statement = re.search(r'<div id="privacy-statement">(.*?)</div>', page, re.S).group(1)
        self.assertEqual(statement,
                         "<p>Wij zijn &lt;b&gt;De Hogeschool&lt;/b&gt; &amp; partners.<br>Tweede regel.</p>"
                         "<p>Nieuwe alinea.</p>"
                         '<p id="privacy-contact">Vragen over privacy: FG &lt;fg@example.org&gt;</p>')
        kept = re.findall(r'<li data-days="(\d+)">(.*?)</li>', page)
        self.assertEqual([d for d, _ in kept], ["200", "90", "30"])
        self.assertIn("tot uiterlijk %s" % (closes + datetime.timedelta(days=200)).isoformat(), kept[0][1])
        self.assertIn("tot uiterlijk %s" % (closes + datetime.timedelta(days=30)).isoformat(), kept[2][1])
        en = self.client(accept_language="en").get(path).body.decode()
        self.assertIn("<p>We are the University.</p>", en)
        self.assertIn("until %s at the latest" % (closes + datetime.timedelta(days=90)).isoformat(), en)
        # too long a text is refused, and nothing changes
        r = admin.submit("/admin/privacy", "/admin/privacy/statement", {"statement_nl": "x" * 20001})
        self.assertEqual(r.status, 400)
        self.assertIn("Nieuwe alinea.", self.client().get(path).body.decode())


class ProcessingRecord(ServerTestCase):
    """The record of processing, on its page and as Markdown, from the
    site's settings."""

    def test_record(self):
        admin = self.admin()
        r = admin.submit("/admin/privacy", "/admin/privacy", {"answers": "365", "audit": "730"})
        self.assertEqual(r.status, 303)
        coord = self.client()
        coord.login_ok(harness.COORDINATOR)
        wp = "/pw/%s/privacy" % GERIATRIE
        self.assertEqual(coord.submit(wp, wp, {"answers": "100"}).status, 303)
        page = self.client(accept_language="en")
        page.login_ok(ADMIN)
        html = page.get("/admin/privacy/record").body.decode()
        rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", html)
        answers = [row for row in rows if row[0].startswith("Answers to the questionnaire")]
        self.assertEqual(len(answers), 1)
        self.assertEqual(answers[0][2], "365 days after the round closes; shorter in: %s 100" % GERIATRIE)
        audit = [row for row in rows if row[0].startswith("Audit log")][0]
        self.assertEqual(audit[2], "730 days after each entry")
        comments = [row for row in rows if row[0].startswith("Open answers")][0]
        # comments go with the answers at the latest
        self.assertEqual(comments[2], "365 days after the round closes; shorter in: %s 100" % GERIATRIE)
        self.assertIn("<dd>%s</dd>" % self.server.db, html)
        # the command line gives the same rows as Markdown
        res = run_cli(["privacy", "record", "--db", self.server.db])
        self.assertEqual(res.returncode, 0, res)
        md = [line.strip("|").split(" | ") for line in res.stdout.splitlines()
              if line.startswith("| ") and not line.startswith("| What") and not line.startswith("| ---")]
        md = [tuple(c.strip() for c in row) for row in md]
        self.assertEqual(md, [tuple(c.replace("&#39;", "'").replace("&amp;", "&") for c in row) for row in rows])
        self.assertEqual(len(md), 12)


class RetentionScheduler(ServerTestCase):
    """The scheduler of `serve` deletes on its own, by the real clock."""

    serve_args = ["--scheduler-interval", "1"]

    def test_scheduler_deletes(self):
        admin = self.admin()
        coord = self.client()
        coord.login_ok(COORDINATOR)
        before = coord.get("/pw/%s/rounds/1/tables.csv" % GERIATRIE).body
        resp = admin.submit("/admin/privacy", "/admin/privacy", {"answers": "1"})
        self.assertEqual(resp.status, 303, resp)
        deadline = time.monotonic() + 20
        c = qhelp.db(self.server)
        while time.monotonic() < deadline:
            if c.execute("SELECT count(*) FROM responses WHERE round_id = 1").fetchone()[0] == 0:
                break
            time.sleep(0.2)
        left = c.execute("SELECT count(*) FROM responses WHERE round_id = 1").fetchone()[0]
        open_left = c.execute("SELECT count(*) FROM responses WHERE round_id = 7").fetchone()[0]
        c.close()
        self.assertEqual(left, 0)
        self.assertGreater(open_left, 0)   # the open round keeps its answers
        self.assertEqual(coord.get("/pw/%s/rounds/1/tables.csv" % GERIATRIE).body, before)


if __name__ == "__main__":
    unittest.main()
