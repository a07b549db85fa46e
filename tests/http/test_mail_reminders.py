"""test_mail_reminders.py - reminders planned for a round (issue 17), black
box: the coordinator plans them ("after 5 and 10 days") when creating a
round or later on its page; the scheduler of `serve` sends each once, at
its time, to the invitations not yet used, with a new link; it survives a
restart in between; two servers on one database send each reminder exactly
once; the round page shows what went out and what is planned, and says so
when no mail is configured.

Time: a reminder is due from 08:00 UTC on the day `day` days after the
opening, so a round that opened days ago has reminders due at once; the
hidden option --scheduler-interval makes the scheduler look every second.

Run from the repository root:
  /usr/bin/python3 -m unittest discover -s tests/http -t tests/http -p 'test_mail_reminders.py'
"""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import GERIATRIE, Server, ServerTestCase, csrf_from  # noqa: E402
from mailhelp import FROM, WithSink, wait_for  # noqa: E402
from test_rounds import TOKEN, RoundsBase, today  # noqa: E402

class ReminderHelpers(RoundsBase):
    def link_in(self, msg):
        """The one personal link in a mail (of whichever server sent it)."""
        body = msg.body_decoded()
        links = set(re.findall(r"http://127\.0\.0\.1:\d+/r/" + TOKEN, body))
        self.assertEqual(len(links), 1, body)
        return links.pop()

    def plan(self, c, rid, days, lang=None, status=303):
        page = c.get(self.round_path(rid))
        fields = [("csrf", csrf_from(page)), ("reminders", days)]
        if lang:
            fields.append(("mail_lang", lang))
        r = c.post(self.round_path(rid) + "/mail", fields)
        self.assertEqual(r.status, status, r)
        return r

    def reminders(self, rid):
        return self.server.sql("SELECT day, started_at IS NOT NULL, finished_at IS NOT NULL, sent, failed"
                               " FROM round_reminders WHERE round_id = %d ORDER BY day" % rid)

    def round_with_invitations(self, c, addresses, opened_days_ago=6):
        rid = self.create_ok(c, opens=today(-opened_days_ago), closes=today(14))
        r = self.invite(c, rid, "".join("%s, student\n" % a for a in addresses))
        self.assertEqual(r.status, 200, r)
        return rid


class RemindersTest(WithSink, ReminderHelpers):
    """One server with mail (the sink) whose scheduler looks every second."""

    serve_more = ["--scheduler-interval", "1"]

    def setUp(self):
        self.sink.take()

    def test_due_reminder_goes_once_to_those_who_have_not_answered(self):
        c = self.coordinator()
        rid = self.round_with_invitations(c, ["done@example.org", "late@example.org", "later@example.org"])
        first = {m.rcpt_to[0]: self.link_in(m) for m in self.sink.take()}
        self.answer_link(first["done@example.org"])
        # day 5 is due (the round opened 6 days ago), day 10 is not
        self.plan(c, rid, "5, 10")
        msgs = wait_for(self.sink, 2)
        self.assertEqual(sorted(m.rcpt_to[0] for m in msgs), ["late@example.org", "later@example.org"])
        for m in msgs:
            self.assertIn("Herinnering", m.header("Subject"))
            self.assertIn("Reminder", m.header("Subject"))  # the round's language: both
            self.assertNotEqual(self.link_in(m), first[m.rcpt_to[0]])  # a new link
        self.assertEqual(self.reminders(rid), [["5", "1", "1", "2", "0"], ["10", "0", "0", "0", "0"]])
        # the new link works
        self.answer_link(self.link_in(msgs[0]))
        # nothing more: the scheduler keeps looking, day 5 is done
        self.assertEqual(wait_for(self.sink, 1, timeout=2), [])
        page = c.get(self.round_path(rid))
        self.assertRegex(page.text, r'data-day="5" data-state="done"><td>5 dagen</td><td>verstuurd op '
                                    r'\d{4}-\d\d-\d\d \d\d:\d\d UTC: 2 e-mails, 0 mislukt')
        self.assertRegex(page.text, r'data-day="10" data-state="planned"><td>10 dagen</td><td>gepland voor '
                                    + today(4) + " 08:00 UTC")
        self.assertNotIn("reminders-no-mail", page.text)
        # planning again keeps the one that went out; the field shows what is still planned
        self.assertIn('name="reminders" value="10"', page.text)
        self.plan(c, rid, "5, 12")
        self.assertEqual(self.reminders(rid), [["5", "1", "1", "2", "0"], ["12", "0", "0", "0", "0"]])
        self.assertEqual(wait_for(self.sink, 1, timeout=2), [])
        audit = self.server.sql("SELECT detail FROM audit_log WHERE action = 'reminders'"
                                " AND detail LIKE 'round %d:%%'" % rid)
        self.assertEqual(audit, [["round %d: 2 (planned, day 5)" % rid]])

    def test_planned_when_creating_the_round_and_in_its_language(self):
        c = self.coordinator()
        page = c.get(self.rounds_path())
        self.assertIn('name="reminders"', page.text)
        self.assertIn('name="mail_lang"', page.text)
        version = re.search(r'<option value="(\d+)" selected', page.text).group(1)
        r = c.post(self.rounds_path(), [
            ("csrf", csrf_from(page)), ("title", "Met herinneringen"), ("version", version),
            ("opens_on", today()), ("closes_on", today(21)), ("k", "5"),
            ("mail_lang", "en"), ("reminders", "14 en 7")])
        self.assertEqual(r.status, 303, r)
        rid = int(r.location.rsplit("/", 1)[1])
        self.assertEqual(self.reminders(rid), [["7", "0", "0", "0", "0"], ["14", "0", "0", "0", "0"]])
        self.assertEqual(self.server.sql("SELECT mail_lang FROM rounds WHERE id = %d" % rid), [["en"]])
        # an English round's invitation is in English only
        self.invite(c, rid, "eng@example.org, teacher")
        (m,) = self.sink.take()
        self.assertEqual(m.header("Subject"), "Invitation: questionnaire Leerafdeling Geriatrie")
        body = m.body_decoded()
        self.assertIn("You are invited", body)
        self.assertNotIn("Je bent uitgenodigd", body)

    def test_planning_is_validated(self):
        c = self.coordinator()
        rid = self.create_ok(c, opens=today(), closes=today(20))
        cases = [("5, 10, 15, 18", "Ten hoogste 3 herinneringen"),
                 ("0", "0 kan niet: kies dagen van 1 tot en met 365"),
                 ("400", "400 kan niet"),
                 ("vijf", "Geef hele getallen"),
                 ("5, -3", "Geef hele getallen"),
                 ("5, 5", "Dag 5 staat er twee keer"),
                 ("21", "Na 21 dagen is de meetronde al gesloten")]
        for days, message in cases:
            with self.subTest(days=days):
                r = self.plan(c, rid, days, status=400)
                self.assertIn(message, r.text)
        r = self.plan(c, rid, "5", lang="fr", status=400)
        self.assertIn("Kies een van de mogelijkheden", r.text)
        self.assertEqual(self.reminders(rid), [])
        self.plan(c, rid, "20")  # the closing day itself is within the round
        self.plan(c, rid, "")    # empty: none
        self.assertEqual(self.reminders(rid), [])

    def test_only_coordinators_plan(self):
        from harness import MEMBER
        c = self.coordinator()
        rid = self.create_ok(c)
        m = self.client()
        m.login_ok(MEMBER)
        page = m.get(self.round_path(rid))
        self.assertNotIn('name="reminders"', page.text)
        r = m.post(self.round_path(rid) + "/mail", [("csrf", csrf_from(page)), ("reminders", "3")])
        self.assertEqual(r.status, 403)

    def test_a_closed_round_gets_no_reminder(self):
        c = self.coordinator()
        rid = self.round_with_invitations(c, ["shut@example.org"])
        self.sink.take()
        page = c.get(self.round_path(rid))
        self.assertEqual(c.post(self.round_path(rid) + "/close", [("csrf", csrf_from(page))]).status, 303)
        self.plan(c, rid, "2")
        self.assertEqual(wait_for(self.sink, 1, timeout=4), [])
        self.assertEqual(self.server.sql("SELECT note, sent FROM round_reminders WHERE round_id = %d" % rid),
                         [["closed", "0"]])


class RemindersWithoutMailTest(ReminderHelpers):
    def test_the_page_says_no_mail_is_configured(self):
        c = self.coordinator()
        rid = self.create_ok(c)
        self.plan(c, rid, "3")
        page = c.get(self.round_path(rid))
        self.assertIn('id="reminders-no-mail"', page.text)
        self.assertIn("geplande herinneringen gaan pas uit", page.text)


class RemindersRestartTest(WithSink, ReminderHelpers):
    """A reminder planned while the scheduler sleeps goes out after a restart."""

    serve_more = ["--scheduler-interval", "3600"]

    def test_survives_a_restart(self):
        c = self.coordinator()
        rid = self.round_with_invitations(c, ["a@example.org", "b@example.org"])
        self.sink.take()
        self.plan(c, rid, "4")  # due, but the scheduler looks again only in an hour
        self.assertEqual(wait_for(self.sink, 1, timeout=2), [])
        self.server.stop()
        self.assertEqual(self.reminders(rid), [["4", "0", "0", "0", "0"]])
        self.server.start()  # it looks at start
        msgs = wait_for(self.sink, 2)
        self.assertEqual(sorted(m.rcpt_to[0] for m in msgs), ["a@example.org", "b@example.org"])
        self.assertEqual(self.reminders(rid), [["4", "1", "1", "2", "0"]])


class TwoServersTest(WithSink, ReminderHelpers):
    """Two server processes on one database: each reminder goes out once."""

    serve_more = ["--scheduler-interval", "3600"]

    def test_each_reminder_exactly_once(self):
        c = self.coordinator()
        people = ["p%d@example.org" % i for i in range(6)]
        rid = self.round_with_invitations(c, people + ["answered@example.org"])
        first = {m.rcpt_to[0]: self.link_in(m) for m in self.sink.take()}
        self.answer_link(first["answered@example.org"])
        self.plan(c, rid, "1, 2, 3")  # all three due
        self.server.stop()
        servers = []
        try:
            for _ in range(2):
                s = Server(demo=False, db=self.server.db,
                           extra_args=["--smtp-url", self.sink.url, "--smtp-from", FROM,
                                       "--scheduler-interval", "1"])
                servers.append(s)
            for s in servers:
                s.start()
            msgs = wait_for(self.sink, 18, timeout=60)
        finally:
            for s in servers:
                s.stop()
                s.tmp.cleanup()  # the store is the class's: not dropped here
            self.server.start()
        per = {}
        for m in msgs:
            per[m.rcpt_to[0]] = per.get(m.rcpt_to[0], 0) + 1
        self.assertEqual(per, {p: 3 for p in people})
        self.assertEqual(self.reminders(rid), [[str(d), "1", "1", "6", "0"] for d in (1, 2, 3)])


if __name__ == "__main__":
    unittest.main()
