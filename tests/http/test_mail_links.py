"""test_mail_links.py - the personal links as a CSV file (issue 17), black
box: right after creating invitations the coordinator can take the links
as CSV instead of mails (or of the table shown once): the answer to the
POST itself, an attachment that is not cached; columns name, e-mail,
link, language; spreadsheet formulas neutralised; a clear warning on the
form; no second download (the store keeps only hashes of the links).

Run from the repository root:
  /usr/bin/python3 -m unittest discover -s tests/http -t tests/http -p 'test_mail_links.py'
"""

import csv
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mailhelp import WithSink  # noqa: E402
from test_rounds import TOKEN, RoundsBase, csrf_from, post_multipart  # noqa: E402


class LinksCsvBase(RoundsBase):
    def invite_csv(self, c, rid, text):
        page = c.get(self.round_path(rid))
        return post_multipart(c, self.round_path(rid) + "/invitations",
                              [("csrf", csrf_from(page)), ("addresses", text), ("csv", "1")])

    def rows(self, resp):
        self.assertEqual(resp.status, 200, resp)
        self.assertTrue(resp.header("Content-Type").startswith("text/csv"), resp.headers)
        return list(csv.reader(io.StringIO(resp.text)))


class LinksCsvTest(LinksCsvBase):
    def test_form_warns(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        page = c.get(self.round_path(rid))
        self.assertIn('name="csv"', page.text)
        warning = page.text.split('id="csv-warning"', 1)[1].split("</p>", 1)[0]
        self.assertIn("Het bestand bevat de sleutels tot de vragenlijst", warning)
        self.assertIn("tweede download is niet mogelijk", warning)

    def test_csv_of_links(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        r = self.invite_csv(c, rid, "an@example.org, student\n=cmd@example.org, teacher\n"
                                    "+31@example.org, other\n-x@example.org, manager\n")
        self.assertEqual(r.header("Content-Disposition"), 'attachment; filename="links-round-%d.csv"' % rid)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        rows = self.rows(r)
        self.assertEqual(rows[0], ["naam", "e-mail", "link", "taal"])
        self.assertEqual([row[1] for row in rows[1:]],
                         ["an@example.org", "'=cmd@example.org", "'+31@example.org", "'-x@example.org"])
        for row in rows[1:]:
            self.assertEqual(row[0], "")
            self.assertEqual(row[3], "nl+en")
            self.assertRegex(row[2], r"^http://127\.0\.0\.1:\d+/r/" + TOKEN + "$")
        # the links work, and are nowhere in the store
        stored = self.server.stored_bytes()
        for row in rows[1:]:
            self.assertNotIn(row[2].rsplit("/", 1)[1].encode(), stored)
        self.answer_link(rows[1][2])
        self.assertIn(["=cmd@example.org", "teacher", "0", "0"], self.invitations(rid))  # stored as given
        self.assertIn(["an@example.org", "student", "1", "0"], self.invitations(rid))
        # there is no second download: no page or route gives the links again
        page = c.get(self.round_path(rid))
        for row in rows[1:]:
            self.assertNotIn(row[2], page.text)
        self.assertEqual(c.get(self.round_path(rid) + "/invitations").status, 405)
        self.assertEqual(c.get(self.round_path(rid) + "/links.csv").status, 404)

    def test_english_round_and_problems(self):
        c = self.client(accept_language="en")
        from harness import COORDINATOR
        c.login_ok(COORDINATOR)
        rid = self.create_ok(c)
        page = c.get(self.round_path(rid))
        c.post(self.round_path(rid) + "/mail", [("csrf", csrf_from(page)), ("mail_lang", "en"),
                                                ("reminders", "")])
        rows = self.rows(self.invite_csv(c, rid, "en@example.org, student"))
        self.assertEqual(rows[0], ["name", "e-mail", "link", "language"])
        self.assertEqual(rows[1][3], "en")
        # a list with a problem gives the page with the problem, no file
        r = self.invite_csv(c, rid, "en@example.org, student")
        self.assertEqual(r.status, 400)
        self.assertIn("text/html", r.header("Content-Type"))


class LinksCsvWithMailTest(WithSink, LinksCsvBase):
    def test_csv_instead_of_mail(self):
        self.sink.take()
        c = self.coordinator()
        rid = self.create_ok(c)
        rows = self.rows(self.invite_csv(c, rid, "nomail@example.org, student"))
        self.assertEqual(len(rows), 2)
        self.assertEqual(self.sink.take(), [])
        self.assertEqual(self.invitations(rid), [["nomail@example.org", "student", "0", "0"]])
        self.assertEqual(self.server.sql("SELECT detail FROM audit_log WHERE action = 'invitations created'"
                                         " AND detail LIKE 'round %d:%%'" % rid),
                         [["round %d: 1 (links downloaded as CSV)" % rid]])


if __name__ == "__main__":
    unittest.main()
