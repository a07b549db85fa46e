"""test_rounds.py - measurement rounds, black box: creating rounds and every
validation error, access (member, outsider, another workplace's round),
closing and reopening, the open link answered end to end, personal
invitations (links shown once, CSV upload, per-line problems, all or
nothing), mail invitations and reminders through a local SMTP sink, the
poster, escaping.

Run from the repository root:  /usr/bin/python3 -m unittest discover -s tests/http -p 'test_rounds.py'
"""

import datetime
import html
import os
import re
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (COORDINATOR, GERIATRIE, MEMBER, PETRA, VLONDER, YOUSSEF,  # noqa: E402
                     ServerTestCase, csrf_from, run_cli)
import mailhelp  # noqa: E402

TOKEN = r"[A-Za-z0-9_-]{22}"


def multipart_body(fields, files=()):
    """fields: (name, value) pairs; files: (name, filename, bytes)."""
    boundary = "----wp" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" %
                    (boundary, name)).encode() + value.encode("utf-8") + b"\r\n")
    for name, filename, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: text/csv\r\n\r\n" % (boundary, name, filename)).encode() +
                   data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=%s" % boundary


def post_multipart(client, path, fields, files=()):
    body, ct = multipart_body(list(fields), list(files))
    return client.request("POST", path, body=body, headers={"Content-Type": ct})


def today(offset=0):
    d = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=offset)
    return d.isoformat()


class RoundsBase(ServerTestCase):
    """Helpers shared by the classes below."""

    def coordinator(self):
        c = self.client()
        c.login_ok(COORDINATOR)
        return c

    def rounds_path(self, slug=GERIATRIE):
        return "/pw/%s/rounds" % slug

    def create(self, c, title="Voorjaar", opens=None, closes=None, k="5", slug=GERIATRIE,
               version=None):
        page = c.get(self.rounds_path(slug))
        self.assertEqual(page.status, 200, page)
        if version is None:
            version = re.search(r'<option value="(\d+)" selected', page.text).group(1)
        fields = [("csrf", csrf_from(page)), ("title", title), ("version", version),
                  ("opens_on", today() if opens is None else opens),
                  ("closes_on", today(21) if closes is None else closes), ("k", k)]
        return c.post(self.rounds_path(slug), fields)

    def create_ok(self, c, **kw):
        r = self.create(c, **kw)
        self.assertEqual(r.status, 303, r)
        m = re.fullmatch(r"/pw/([a-z-]+)/rounds/(\d+)", r.location or "")
        self.assertIsNotNone(m, r)
        return int(m.group(2))

    def round_path(self, rid, slug=GERIATRIE):
        return "/pw/%s/rounds/%d" % (slug, rid)

    def open_url(self, c, rid):
        page = c.get(self.round_path(rid))
        self.assertEqual(page.status, 200, page)
        m = re.search(r'id="open-url" class="copy" readonly value="([^"]+)"', page.text)
        self.assertIsNotNone(m, page)
        return html.unescape(m.group(1))

    def counts(self, c, rid):
        page = c.get(self.round_path(rid))
        self.assertEqual(page.status, 200, page)
        # a group of 1..k-1 is shown as "fewer than k" (data-count="few"),
        # a larger one rounded to protect it as "k or more" ("many")
        out = {p: int(n) if n.isdigit() else kind
               for p, kind, n in re.findall(r'data-perspective="([a-z]+)"(?: data-count="([a-z]+)")?>([^<]*)<',
                                            page.text)}
        out["total"] = int(re.search(r'id="count-total">(\d+)<', page.text).group(1))
        out["started"] = int(re.search(r'id="count-started">(\d+)<', page.text).group(1))
        m = re.search(r"(\d+) uitgenodigd; (\d+) daarvan hebben geantwoord", page.text)
        out["invited"], out["responded"] = int(m.group(1)), int(m.group(2))
        return out

    def invite(self, c, rid, text="", files=(), slug=GERIATRIE):
        page = c.get(self.round_path(rid, slug))
        self.assertEqual(page.status, 200, page)
        return post_multipart(c, self.round_path(rid, slug) + "/invitations",
                                [("csrf", csrf_from(page)), ("addresses", text)], files)

    def invitations(self, rid):
        return self.server.sql("SELECT email, perspective, responded, sent_count FROM invitations"
                               " WHERE round_id = %d ORDER BY email" % rid)

    # ---- the questionnaire ----

    def path_of(self, url):
        m = re.search(r"/r/" + TOKEN + "$", url)
        self.assertIsNotNone(m, url)
        return m.group(0)

    def start(self, c, link, perspective=None):
        """Open a link and start; returns the path /r/T of the response."""
        entry = self.path_of(link)
        page = c.get(entry)
        self.assertEqual(page.status, 200, page)
        fields = [("csrf", csrf_from(page)), ("consent", "yes")]
        if perspective:
            fields.append(("perspective", perspective))
        r = c.post(entry + "/start", fields)
        self.assertEqual(r.status, 303, r)
        m = re.fullmatch(r"(/r/" + TOKEN + ")/p/1", r.location or "")
        self.assertIsNotNone(m, r)
        return m.group(1)

    def answer_all(self, c, resp):
        """Answer every page of a started response and arrive at the review."""
        for n in range(1, 9):
            page = c.get("%s/p/%d" % (resp, n))
            self.assertEqual(page.status, 200, page)
            fields = [("csrf", csrf_from(page)), ("go", "next")]
            for name in sorted(set(re.findall(r'type="radio" name="([^"]+)" value="1"', page.text))):
                fields.append((name, "4"))
            if 'name="trigger"' in page.text:
                fields.append(("trigger", "complex"))
            r = c.post("%s/p/%d" % (resp, n), fields)
            self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, resp + "/review")
        review = c.get(resp + "/review")
        self.assertEqual(review.status, 200, review)
        return review

    def submit(self, c, resp):
        page = c.get(resp + "/review")
        token = csrf_from(page) if page.status == 200 else c.csrf("/login")
        return c.post(resp + "/submit", [("csrf", token)])

    def answer_link(self, link, perspective=None):
        """A fresh browser answers the whole questionnaire; returns its response path."""
        c = self.client()
        resp = self.start(c, link, perspective)
        self.answer_all(c, resp)
        r = self.submit(c, resp)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, resp)
        receipt = c.get(resp)
        self.assertEqual(receipt.status, 200, receipt)
        self.assertIn("Bedankt voor het invullen", receipt.text)
        return c, resp


class RoundsTest(RoundsBase):
    """Without a mail server."""

    # ---- creating ----

    def test_create_round(self):
        c = self.coordinator()
        before = self.server.sql("SELECT COUNT(*) FROM rounds")[0][0]
        rid = self.create_ok(c, title="Najaar meting", opens=today(), closes=today(30), k="7")
        row = self.server.sql("SELECT title, opens_on, closes_on, k, length(open_token), closed_early"
                              " FROM rounds WHERE id = %d" % rid)[0]
        self.assertEqual(row, ["Najaar meting", today(), today(30), "7", "22", "0"])
        self.assertEqual(int(self.server.sql("SELECT COUNT(*) FROM rounds")[0][0]), int(before) + 1)
        audit = self.server.sql("SELECT action FROM audit_log WHERE action = 'round created'"
                                " AND detail LIKE 'round %d:%%'" % rid)
        self.assertEqual(len(audit), 1)
        page = c.get(self.round_path(rid))
        self.assertEqual(page.status, 200)
        self.assertIn("Najaar meting", page.text)
        self.assertIn('id="round-state">open<', page.text)
        self.assertIn("<dd>7</dd>", page.text)
        listing = c.get(self.rounds_path())
        self.assertIn(self.round_path(rid), listing.text)

    def test_create_boundaries_accepted(self):
        c = self.coordinator()
        # k at both ends; one-day round; a round in the past; one not yet open
        for kw in ({"k": "3"}, {"k": "50"}, {"opens": today(5), "closes": today(5)},
                   {"opens": "2020-01-01", "closes": "2020-02-01"}):
            self.create_ok(c, **kw)

    def test_create_validation(self):
        c = self.coordinator()
        before = self.server.sql("SELECT COUNT(*) FROM rounds")[0][0]
        cases = [
            ({"title": ""}, "f-title", "Vul dit veld in"),
            ({"title": "x" * 201}, "f-title", "Maximaal 200 tekens"),
            ({"opens": today(10), "closes": today(9)}, "f-closes_on", "sluitdatum ligt vóór"),
            ({"k": "2"}, "f-k", "van 3 tot en met 50"),
            ({"k": "51"}, "f-k", "van 3 tot en met 50"),
            ({"k": "vijf"}, "f-k", "van 3 tot en met 50"),
            ({"opens": "2026-13-01"}, "f-opens_on", "JJJJ-MM-DD"),
            ({"closes": "31-12-2026"}, "f-closes_on", "JJJJ-MM-DD"),
            ({"opens": ""}, "f-opens_on", "Vul dit veld in"),
            ({"version": "999999"}, "f-version", "Kies een van de versies"),
        ]
        for kw, field, message in cases:
            with self.subTest(kw=kw):
                r = self.create(c, **kw)
                self.assertEqual(r.status, 400, r)
                self.assertIn(message, r.text)
                self.assertIn('href="#%s"' % field, r.text)  # in the error summary
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM rounds")[0][0], before)

    def test_form_values_kept_after_error(self):
        c = self.coordinator()
        r = self.create(c, title="Blijft staan", k="2")
        self.assertEqual(r.status, 400)
        self.assertIn('value="Blijft staan"', r.text)

    # ---- access ----

    def test_member_views_but_cannot_change(self):
        coord = self.coordinator()
        rid = self.create_ok(coord)
        m = self.client()
        m.login_ok(MEMBER)
        listing = m.get(self.rounds_path())
        self.assertEqual(listing.status, 200)
        self.assertNotIn("Nieuwe meetronde", listing.text)
        page = m.get(self.round_path(rid))
        self.assertEqual(page.status, 200)
        self.assertNotIn("/invitations", page.text)
        self.assertNotIn("/close", page.text)
        self.assertEqual(m.get(self.round_path(rid) + "/poster").status, 200)
        token = csrf_from(page)
        r = m.post(self.rounds_path(), [("csrf", token), ("title", "x"), ("opens_on", today()),
                                        ("closes_on", today(1)), ("k", "5"), ("version", "1")])
        self.assertEqual(r.status, 403, r)
        for action in ("close", "reopen", "remind"):
            self.assertEqual(m.post(self.round_path(rid) + "/" + action, [("csrf", token)]).status,
                             403, action)
        r = post_multipart(m, self.round_path(rid) + "/invitations",
                             [("csrf", token), ("addresses", "a@example.org, student")])
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.invitations(rid), [])

    def test_outsider_gets_404(self):
        coord = self.coordinator()
        rid = self.create_ok(coord)
        o = self.client()
        o.login_ok(PETRA)  # coordinator elsewhere, not in geriatrie
        for path in (self.rounds_path(), self.round_path(rid), self.round_path(rid) + "/poster"):
            self.assertEqual(o.get(path).status, 404, path)
        token = o.csrf("/")
        for action in ("close", "reopen", "remind", "invitations"):
            self.assertEqual(o.post(self.round_path(rid) + "/" + action, [("csrf", token)]).status,
                             404, action)
        r = o.post(self.rounds_path(), [("csrf", token), ("title", "x")])
        self.assertEqual(r.status, 404)

    def test_round_of_another_workplace_is_404(self):
        coord = self.coordinator()  # coordinator of geriatrie, member of de-vlonder
        rid = self.create_ok(coord)
        self.assertEqual(coord.get(self.round_path(rid, VLONDER)).status, 404)
        self.assertEqual(coord.get(self.round_path(rid, VLONDER) + "/poster").status, 404)
        for bad in ("0", "-1", "abc", "99999999", "1e3"):
            self.assertEqual(coord.get(self.rounds_path() + "/" + bad).status, 404, bad)
        admin_rid = self.create_ok(coord)
        y = self.client()
        y.login_ok(YOUSSEF)  # coordinator of de-vlonder only
        token = y.csrf("/")
        r = y.post(self.round_path(admin_rid, VLONDER) + "/close", [("csrf", token)])
        self.assertEqual(r.status, 404)
        self.assertEqual(self.server.sql("SELECT closed_early FROM rounds WHERE id = %d"
                                         % admin_rid), [["0"]])

    def test_logged_out_goes_to_login(self):
        r = self.client().get(self.rounds_path())
        self.assertEqual(r.status, 303)
        self.assertTrue(r.location.startswith("/login"))

    # ---- closing and reopening ----

    def test_close_and_reopen(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        link = self.open_url(c, rid)
        page = c.get(self.round_path(rid))
        r = c.post(self.round_path(rid) + "/close", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 303, r)
        page = c.get(self.round_path(rid))
        self.assertIn('id="round-state">gesloten<', page.text)
        self.assertIn("/reopen", page.text)
        self.assertEqual(self.client().get(self.path_of(link)).status, 410)
        r = c.post(self.round_path(rid) + "/reopen", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 303, r)
        self.assertIn('id="round-state">open<', c.get(self.round_path(rid)).text)
        self.assertEqual(self.client().get(self.path_of(link)).status, 200)
        actions = [a for (a,) in self.server.sql(
            "SELECT action FROM audit_log WHERE detail = 'round %d' ORDER BY id" % rid)]
        self.assertEqual(actions, ["round closed", "round reopened"])

    def test_reopen_after_closing_date_is_refused(self):
        c = self.coordinator()
        rid = self.create_ok(c, opens=today(-10), closes=today(-1))
        page = c.get(self.round_path(rid))
        self.assertIn('id="round-state">gesloten<', page.text)
        r = c.post(self.round_path(rid) + "/close", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 303)
        r = c.post(self.round_path(rid) + "/reopen", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 400, r)
        self.assertIn("sluitdatum", r.text)
        self.assertIn(today(-1), r.text)
        self.assertEqual(self.server.sql("SELECT closed_early FROM rounds WHERE id = %d" % rid),
                         [["1"]])

    def test_reopen_on_closing_day_is_allowed(self):
        c = self.coordinator()
        rid = self.create_ok(c, opens=today(-3), closes=today())
        token = c.csrf(self.round_path(rid))
        self.assertEqual(c.post(self.round_path(rid) + "/close", [("csrf", token)]).status, 303)
        self.assertEqual(c.post(self.round_path(rid) + "/reopen", [("csrf", token)]).status, 303)

    def test_post_without_csrf_is_refused(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        self.assertEqual(c.post(self.round_path(rid) + "/close", []).status, 403)
        r = post_multipart(c, self.round_path(rid) + "/invitations",
                             [("addresses", "a@example.org, student")])
        self.assertEqual(r.status, 403)
        self.assertEqual(self.server.sql("SELECT closed_early FROM rounds WHERE id = %d" % rid),
                         [["0"]])

    # ---- the open link ----

    def test_open_link_end_to_end(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        link = self.open_url(c, rid)
        self.assertTrue(link.startswith("http://127.0.0.1:%d/r/" % self.server.port), link)
        before = self.counts(c, rid)
        self.assertEqual(before["citizen"], 0)
        b = self.client()
        resp = self.start(b, link, "citizen")
        self.assertEqual(self.counts(c, rid)["started"], before["started"] + 1)
        self.answer_all(b, resp)
        r = self.submit(b, resp)
        self.assertEqual(r.status, 303, r)
        receipt = b.get(resp)
        self.assertIn("Bedankt voor het invullen", receipt.text)
        after = self.counts(c, rid)
        self.assertEqual(after["citizen"], "few")  # 1, below k: not shown exactly
        self.assertEqual(after["total"], before["total"] + 1)
        self.assertEqual(after["started"], before["started"])
        for p in ("student", "professional", "teacher", "researcher", "manager", "other"):
            self.assertEqual(after[p], before[p], p)
        # the list shows the total too
        listing = c.get(self.rounds_path()).text
        row = re.search(r'<tr data-round="%d">.*?</tr>' % rid, listing).group(0)
        self.assertIn('<td class="num">1</td>', row)
        # a second submit of the same response is refused
        self.assertEqual(self.submit(b, resp).status, 409)

    # ---- invitations without mail ----

    def links_from(self, page):
        rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td><code class=\"copy invite-link\">"
                          r"([^<]+)</code></td></tr>", page.text)
        return {html.unescape(e): (p, html.unescape(link)) for e, p, link in rows}

    def test_invitations_show_links_once_and_each_works_once(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        r = self.invite(c, rid, "an@example.org, student\nBob@Example.org; DOCENT\n"
                                "cees@example.org\tBurger/Cliënt\n\n")
        self.assertEqual(r.status, 200, r)
        self.assertIn("alleen nu getoond", r.text)
        links = self.links_from(r)
        self.assertEqual(set(links), {"an@example.org", "bob@example.org", "cees@example.org"})
        self.assertEqual(links["bob@example.org"][0], "Docent")
        self.assertEqual(links["cees@example.org"][0], "Burger / cliënt")
        self.assertEqual(self.invitations(rid), [
            ["an@example.org", "student", "0", "0"],
            ["bob@example.org", "teacher", "0", "0"],
            ["cees@example.org", "citizen", "0", "0"]])
        # tokens are stored only as hashes
        stored = {h for (h,) in self.server.sql("SELECT token_hash FROM invitation_tokens")}
        for _p, link in links.values():
            self.assertNotIn(link.rsplit("/", 1)[1], stored)
            self.assertNotIn(link.rsplit("/", 1)[1].encode(), self.server.stored_bytes())
        # the round page never lists addresses
        page = c.get(self.round_path(rid))
        self.assertNotIn("an@example.org", page.text)
        counts = self.counts(c, rid)
        self.assertEqual((counts["invited"], counts["responded"]), (3, 0))
        # answer with one link: the invitation's perspective counts
        b, resp = self.answer_link(links["bob@example.org"][1])
        self.assertEqual(resp, self.path_of(links["bob@example.org"][1]))
        counts = self.counts(c, rid)
        self.assertEqual((counts["invited"], counts["responded"], counts["teacher"]), (3, 1, "few"))
        # the same link again: a second submit is refused, the receipt stays
        self.assertEqual(self.submit(b, resp).status, 409)
        other = self.client()
        self.assertIn("Bedankt voor het invullen", other.get(resp).text)
        self.assertEqual(other.post(resp + "/submit", [("csrf", other.csrf("/login"))]).status, 409)
        self.assertEqual(self.counts(c, rid)["teacher"], "few")
        self.assertEqual(self.counts(c, rid)["total"], 1)
        audit = self.server.sql("SELECT detail FROM audit_log WHERE action = 'invitations created'"
                                " AND detail = 'round %d: 3'" % rid)
        self.assertEqual(len(audit), 1)

    def test_bad_lines_are_reported_and_nothing_is_stored(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        text = ("good@example.org, student\n"
                "x@, student\n"
                "noperspective@example.org\n"
                "who@example.org, astronaut\n"
                "GOOD@example.org, teacher\n"
                "many@example.org, student, extra\n")
        r = self.invite(c, rid, text)
        self.assertEqual(r.status, 400, r)
        t = html.unescape(r.text)
        self.assertIn("regel 2: 'x@' is geen e-mailadres", t)
        self.assertIn("regel 3: bij 'noperspective@example.org' staat geen perspectief", t)
        self.assertIn("regel 4: 'astronaut' is geen perspectief", t)
        self.assertIn("regel 5: 'good@example.org' staat ook al op regel 1", t)
        self.assertIn("regel 6: te veel velden ('extra')", t)
        self.assertNotIn("regel 1:", t)
        self.assertIn("good@example.org, student", t)  # the list is shown again
        self.assertEqual(self.invitations(rid), [])

    def test_already_invited_is_reported_per_line(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        self.assertEqual(self.invite(c, rid, "one@example.org, student").status, 200)
        r = self.invite(c, rid, "two@example.org, manager\nONE@example.org, other\n")
        self.assertEqual(r.status, 400, r)
        self.assertIn("regel 2: 'one@example.org' is al uitgenodigd", html.unescape(r.text))
        self.assertEqual([e for e, *_ in self.invitations(rid)], ["one@example.org"])
        # the same address in another round is fine
        rid2 = self.create_ok(c)
        self.assertEqual(self.invite(c, rid2, "one@example.org, student").status, 200)

    def test_csv_upload(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        csv = ("\ufeffE-mail;Perspectief\r\n"
               "\"dirk@example.org\";\"Onderzoeker\"\r\n"
               "eva@example.org;leidinggevende;;\r\n"
               "fien@example.org;anders\r\n").encode("utf-8")
        r = self.invite(c, rid, "", files=[("file", "lijst.csv", csv)])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.invitations(rid), [
            ["dirk@example.org", "researcher", "0", "0"],
            ["eva@example.org", "manager", "0", "0"],
            ["fien@example.org", "other", "0", "0"]])
        self.assertEqual(len(self.links_from(r)), 3)

    def test_csv_problems(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        r = self.invite(c, rid, "", files=[("file", "x.csv", "a@example.org;\r\nb@;student\r\n"
                                                              .encode())])
        self.assertEqual(r.status, 400)
        self.assertIn("regel 2: 'b@' is geen e-mailadres", html.unescape(r.text))
        r = self.invite(c, rid, "", files=[("file", "x.xlsx", b"PK\x03\x04\x00\x00binary")])
        self.assertEqual(r.status, 400)
        self.assertIn("geen tekst in UTF-8", r.text)
        r = self.invite(c, rid, "", files=[("file", "x.csv", "zoë@example.org;student\n"
                                                              .encode("latin-1"))])
        self.assertEqual(r.status, 400)
        self.assertIn("geen tekst in UTF-8", r.text)
        r = self.invite(c, rid, "a@example.org, student",
                        files=[("file", "x.csv", b"b@example.org;student\n")])
        self.assertEqual(r.status, 400)
        self.assertIn("niet allebei", html.unescape(r.text))
        r = self.invite(c, rid, "  \n ")
        self.assertEqual(r.status, 400)
        self.assertIn("Vul adressen in of kies een bestand", r.text)
        self.assertEqual(self.invitations(rid), [])

    def test_at_most_2000_per_submission(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        text = "".join("p%d@example.org, student\n" % i for i in range(2001))
        r = self.invite(c, rid, text)
        self.assertEqual(r.status, 400)
        self.assertIn("Ten hoogste 2000 adressen", r.text)
        self.assertEqual(self.invitations(rid), [])
        r = self.invite(c, rid, "".join("p%d@example.org, student\n" % i for i in range(2000)))
        self.assertEqual(r.status, 200)
        self.assertEqual(int(self.server.sql("SELECT COUNT(*) FROM invitations WHERE round_id = %d"
                                             % rid)[0][0]), 2000)

    def test_closed_round_takes_no_invitations(self):
        c = self.coordinator()
        rid = self.create_ok(c, opens=today(-5), closes=today(-1))
        self.assertNotIn("/invitations", c.get(self.round_path(rid)).text)
        r = self.invite(c, rid, "late@example.org, student")
        self.assertEqual(r.status, 400)
        self.assertEqual(self.invitations(rid), [])

    def test_remind_needs_mail(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        self.invite(c, rid, "r@example.org, student")
        page = c.get(self.round_path(rid))
        self.assertIn("geen mailserver ingesteld", page.text)
        r = c.post(self.round_path(rid) + "/remind", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 400)
        self.assertIn("uitgaande mail in te stellen", r.text)  # on /admin/mail

    def test_malformed_multipart_is_400(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        token = c.csrf(self.round_path(rid))
        body = ("--XYZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                "--XYZ\r\nContent-Disposition: form-data; name=\"addresses\"\r\n\r\n"
                "a@example.org, student\r\n" % token).encode()  # no closing delimiter
        r = c.request("POST", self.round_path(rid) + "/invitations", body=body,
                      headers={"Content-Type": "multipart/form-data; boundary=XYZ"})
        self.assertEqual(r.status, 400)
        r = c.request("POST", self.round_path(rid) + "/invitations", body=body + b"--XYZ--\r\n",
                      headers={"Content-Type": "multipart/form-data; boundary=XYZ"})
        self.assertEqual(r.status, 200, r)

    # ---- poster and escaping ----

    def test_poster(self):
        c = self.coordinator()
        rid = self.create_ok(c, title="Poster & QR")
        link = self.open_url(c, rid)
        r = c.get(self.round_path(rid) + "/poster")
        self.assertEqual(r.status, 200)
        self.assertIn('<div class="poster">', r.text)
        self.assertIn("Leerafdeling Geriatrie", r.text)
        self.assertIn("Poster &amp; QR", r.text)
        m = re.search(r'<svg[^>]* class="qr" viewBox="0 0 (\d+) (\d+)"[^>]*>', r.text)
        self.assertIsNotNone(m, r.text[:3000])
        size = int(m.group(1))
        self.assertEqual(size, int(m.group(2)))
        self.assertEqual((size - 8 - 17) % 4, 0)  # 17 + 4v modules plus the quiet zone
        self.assertIn('role="img"', m.group(0))
        self.assertIn(link, r.text)
        self.assertIn('lang="en"', r.text)
        self.assertEqual(r.text.count("<path"), 1)

    def test_everything_escapes(self):
        c = self.coordinator()
        evil = "<script>alert(1)</script>\"'&"
        rid = self.create_ok(c, title=evil)
        for path in (self.round_path(rid), self.rounds_path(), self.round_path(rid) + "/poster"):
            t = c.get(path).text
            self.assertNotIn("<script>alert", t, path)
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;", t, path)
        r = self.invite(c, rid, "<b>x@example.org</b>, <i>student</i>")
        self.assertEqual(r.status, 400)
        self.assertNotIn("<b>x@", r.text)
        self.assertIn("&lt;b&gt;x@example.org&lt;/b&gt;", r.text)
        r = self.create(c, title="<img src=x onerror=alert(1)>", k="1")
        self.assertEqual(r.status, 400)
        self.assertNotIn("<img src=x", r.text)


class RoundsMailTest(mailhelp.WithSink, RoundsBase):
    """With a mail server: the SMTP sink of the test."""

    def link_in(self, msg):
        body = msg.body_decoded()
        links = re.findall(r"http://127\.0\.0\.1:%d/r/%s" % (self.server.port, TOKEN), body)
        self.assertEqual(len(set(links)), 1, body)
        return links[0]

    def test_invitations_by_mail(self):
        self.sink.take()
        c = self.coordinator()
        rid = self.create_ok(c, closes=today(14), k="6")
        r = self.invite(c, rid, "mia@example.org, student\nreject-me@example.org, teacher\n"
                                "noor@example.org, professional\n")
        self.assertEqual(r.status, 200, r)
        self.assertIn("2 van de 3 e-mails zijn verstuurd", r.text)
        self.assertIn("reject-me@example.org", r.text)  # the failure, per address
        self.assertNotIn("invite-link", r.text)  # links are mailed, not shown
        msgs = {m.rcpt_to[0]: m for m in self.sink.take()}
        self.assertEqual(set(msgs), {"mia@example.org", "noor@example.org"})
        m = msgs["mia@example.org"]
        self.assertEqual(m.mail_from, "<werkplaats@example.org>")
        self.assertEqual(m.header("To"), "<mia@example.org>")
        self.assertIn("Leerafdeling Geriatrie", m.header("Subject"))
        self.assertIsNotNone(m.header("Date"))
        self.assertRegex(m.header("Message-ID"), r"^<[0-9a-f]+@example\.org>$")
        self.assertEqual(m.header("Content-Transfer-Encoding"), "quoted-printable")
        self.assertIn("charset=utf-8", m.header("Content-Type"))
        self.assertNotIn(b"\n", m.data.replace(b"\r\n", b""))  # CRLF only
        self.assertTrue(all(len(line) <= 78 for line in m.data.split(b"\r\n")))
        body = m.body_decoded()
        self.assertIn(today(14), body)
        self.assertIn("minstens 6 mensen", body)
        self.assertIn("at least 6 people", body)
        link = self.link_in(m)
        self.assertNotEqual(link, self.link_in(msgs["noor@example.org"]))
        # all three invitations exist; two mails counted as sent
        self.assertEqual(self.invitations(rid), [
            ["mia@example.org", "student", "0", "1"],
            ["noor@example.org", "professional", "0", "1"],
            ["reject-me@example.org", "teacher", "0", "0"]])
        # the link works
        self.answer_link(link)
        self.assertEqual(self.counts(c, rid)["student"], "few")

    def test_reminders_go_only_to_those_who_have_not_answered(self):
        self.sink.take()
        c = self.coordinator()
        rid = self.create_ok(c)
        r = self.invite(c, rid, "ans@example.org, student\nlate@example.org, manager\n"
                                "slow@example.org, other\n")
        self.assertEqual(r.status, 200, r)
        first = {m.rcpt_to[0]: self.link_in(m) for m in self.sink.take()}
        self.assertEqual(len(first), 3)
        self.answer_link(first["ans@example.org"])
        # slow starts with the first link but does not send yet
        slow_browser = self.client()
        slow_resp = self.start(slow_browser, first["slow@example.org"])
        self.answer_all(slow_browser, slow_resp)
        page = c.get(self.round_path(rid))
        self.assertIn("nog niet heeft geantwoord (2)", page.text)
        r = c.post(self.round_path(rid) + "/remind", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 200, r)
        self.assertIn("2 van de 2 e-mails zijn verstuurd", r.text)
        reminders = {m.rcpt_to[0]: m for m in self.sink.take()}
        self.assertEqual(set(reminders), {"late@example.org", "slow@example.org"})
        self.assertIn("Herinnering", reminders["late@example.org"].header("Subject"))
        late_link = self.link_in(reminders["late@example.org"])
        self.assertNotEqual(late_link, first["late@example.org"])
        self.assertEqual(self.server.sql("SELECT email, sent_count FROM invitations WHERE round_id = %d"
                                         " ORDER BY email" % rid),
                         [["ans@example.org", "1"], ["late@example.org", "2"],
                          ["slow@example.org", "2"]])
        # the reminder's link works; after that the first one is used up
        self.answer_link(late_link)
        self.assertEqual(self.client().get(self.path_of(first["late@example.org"])).status, 410)
        # one response per invitation: slow sends with the first link, then
        # a response started with the reminder link is refused at submit
        slow_new = self.link_in(reminders["slow@example.org"])
        other_browser = self.client()
        other_resp = self.start(other_browser, slow_new)
        self.answer_all(other_browser, other_resp)
        self.assertEqual(self.submit(slow_browser, slow_resp).status, 303)
        self.assertEqual(self.submit(other_browser, other_resp).status, 409)
        counts = self.counts(c, rid)
        self.assertEqual((counts["invited"], counts["responded"], counts["total"]), (3, 3, 3))
        self.assertEqual(counts["started"], 1)  # the refused one stays unsent
        # nobody left to remind
        page = c.get(self.round_path(rid))
        r = c.post(self.round_path(rid) + "/remind", [("csrf", csrf_from(page))])
        self.assertEqual(r.status, 200)
        self.assertEqual(self.sink.take(), [])
        self.assertEqual(len(self.server.sql("SELECT id FROM audit_log WHERE action = 'reminders'"
                                             " AND detail LIKE 'round %d:%%'" % rid)), 2)


class RoundsMailAuthTest(mailhelp.WithSink, RoundsBase):
    """A mail server that wants a login: it comes from the environment."""

    USER, PASSWORD = "mailer", "s3cret pass\u00e9"
    sink_credentials = (USER, PASSWORD)

    @classmethod
    def setUpClass(cls):
        saved = {k: os.environ.get(k) for k in ("WERKPLAATS_SMTP_USER", "WERKPLAATS_SMTP_PASSWORD")}
        os.environ["WERKPLAATS_SMTP_USER"] = cls.USER
        os.environ["WERKPLAATS_SMTP_PASSWORD"] = cls.PASSWORD
        try:
            super().setUpClass()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def test_login_from_the_environment(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        r = self.invite(c, rid, "auth@example.org, student")
        self.assertEqual(r.status, 200, r)
        self.assertIn("1 van de 1 e-mails zijn verstuurd", r.text)
        self.assertEqual([m.rcpt_to for m in self.sink.take()], [["auth@example.org"]])
        self.assertIn((self.USER, self.PASSWORD), self.sink.logins)
        with open("/proc/%d/cmdline" % self.server.proc.pid, "rb") as f:
            self.assertNotIn(self.PASSWORD.encode(), f.read())


class ServeMailOptionsTest(unittest.TestCase):
    """Bad mail options stop `serve` before it listens, with a clear message."""

    def serve(self, *args):
        return run_cli(["serve", "--db", "/nonexistent/never-created.db", "--listen",
                        "127.0.0.1:1"] + list(args))

    def test_bad_options(self):
        cases = [
            (["--smtp-url", "http://mail.example.org"], "--smtp-url"),
            (["--smtp-url", "smtp://"], "--smtp-url"),
            (["--smtp-url", "smtp://mail.example.org"], "--smtp-from"),
            (["--smtp-url", "smtp://mail.example.org", "--smtp-from", "not an address"],
             "--smtp-from"),
            (["--smtp-from", "werkplaats@example.org"], "--smtp-url"),
        ]
        for args, named in cases:
            with self.subTest(args=args):
                res = self.serve(*args)
                self.assertEqual(res.returncode, 2, res)
                self.assertIn(named, res.stderr)

    def test_help_names_the_options(self):
        res = run_cli(["serve", "--help"])
        self.assertEqual(res.returncode, 0)
        for word in ("--smtp-url", "--smtp-from", "WERKPLAATS_SMTP_USER", "WERKPLAATS_SMTP_PASSWORD"):
            self.assertIn(word, res.stdout)


if __name__ == "__main__":
    unittest.main()
