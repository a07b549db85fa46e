"""The questionnaire as participants use it (/r/...): open link and
personal link, consent, one part per page and all on one page, saving at
every step, resuming, sending once, withdrawing, closed rounds, and every
kind of bad input (which never stores anything)."""

import re
import threading
import unittest

import harness
import qhelp
from harness import GERIATRIE, ServerTestCase


def answers_of(server, token):
    """{item code: value or ''} stored for the response behind token."""
    rows = server.sql("SELECT i.code, COALESCE(CAST(a.value AS TEXT), '') FROM answers a JOIN items i ON i.id = a.item_id"
                      " JOIN responses r ON r.id = a.response_id WHERE r.access_hash = '%s'"
                      % qhelp.token_hash("response", token))
    return {code: value for code, value in rows}


def response_row(server, token):
    rows = server.sql("SELECT perspective, submitted, page FROM responses WHERE access_hash = '%s'"
                      % qhelp.token_hash("response", token))
    return rows[0] if rows else None


class OpenLinkTest(ServerTestCase):
    def setUp(self):
        self.round_id, self.open = qhelp.new_round(self.server, GERIATRIE, title="Open %s" % self.id())

    def test_welcome_explains_who_sees_what_and_asks_consent(self):
        r = self.client().get("/r/%s" % self.open)
        self.assertEqual(r.status, 200)
        self.assertIn("Wie ziet wat?", r.text)
        self.assertIn("minstens 5 mensen", r.text)
        self.assertIn("geen IP-adres", r.text)
        self.assertIn('name="consent"', r.text)
        self.assertIn('name="perspective"', r.text)

    def test_consent_and_perspective_are_required(self):
        c = self.client()
        page = c.get("/r/%s" % self.open)
        r = c.post("/r/%s/start" % self.open, {"csrf": harness.csrf_from(page), "perspective": "student"})
        self.assertEqual(r.status, 400)
        self.assertIn("Vink dit aan om mee te doen.", r.text)
        r = c.post("/r/%s/start" % self.open, {"csrf": harness.csrf_from(page), "consent": "yes",
                                               "perspective": "alien"})
        self.assertEqual(r.status, 400)
        self.assertIn("Kies een van de mogelijkheden.", r.text)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM responses WHERE round_id = %d"
                                         % self.round_id), [["0"]])

    def test_full_answer_stored_exactly_as_given(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open, "citizen")
        given = {}
        for page in range(1, 8):
            items = qhelp.page_items(page, "citizen")
            answers = {}
            for n, code in enumerate(items):
                if n % 4 == 3:
                    continue  # skipped: no row at all
                answers[code] = "dk" if n % 4 == 2 else str(1 + (n + page) % 5)
            given.update(answers)
            r = qhelp.answer_page(c, tok, page, answers, extra={"%s_good" % qhelp.ELEMENTS[page - 1]: "Fijn <b>team</b>"}
                                  if page <= 6 else None)
            self.assertEqual(r.status, 303, r)
            self.assertTrue(r.location.endswith("/p/%d" % (page + 1)), r.location)
        r = qhelp.answer_page(c, tok, 8, {}, extra={"trigger": "urgency", "TRIG_text": "Wachtlijsten"})
        self.assertTrue(r.location.endswith("/review"))
        self.assertEqual(response_row(self.server, tok), ["citizen", "0", "9"])
        r = qhelp.submit(c, tok)
        self.assertEqual(r.status, 303)
        stored = answers_of(self.server, tok)
        expected = {k: ("" if v == "dk" else v) for k, v in given.items()}
        self.assertEqual(stored, expected)  # "don't know" is NULL, skipped has no row
        self.assertEqual(response_row(self.server, tok)[1], "1")
        comments = self.server.sql("SELECT i.code, c.text FROM comments c JOIN items i ON i.id = c.item_id"
                                   " JOIN responses r ON r.id = c.response_id WHERE r.access_hash = '%s'"
                                   " ORDER BY i.code" % qhelp.token_hash("response", tok))
        self.assertIn(["LOS_good", "Fijn <b>team</b>"], comments)
        self.assertIn(["TRIG_text", "Wachtlijsten"], comments)
        receipt = c.get("/r/%s" % tok)
        self.assertEqual(receipt.status, 200)
        self.assertIn("Bedankt voor het invullen", receipt.text)
        # when and where the group results can be read
        closes = self.server.sql("SELECT closes_on FROM rounds WHERE id = %d" % self.round_id)[0][0]
        self.assertRegex(receipt.text, r'id="results-when">[^<]*vanaf de dag na %s: hier, op deze pagina' % closes)
        # citizens are not asked the statements meant for others
        self.assertNotIn("LOS6", stored)

    def test_statements_for_other_perspectives_are_refused(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open, "citizen")
        r = qhelp.answer_page(c, tok, 1, {"LOS6": "4"})  # LOS6 is for students only
        self.assertEqual(r.status, 400)
        self.assertEqual(answers_of(self.server, tok), {})

    def test_reverse_worded_items_are_marked(self):
        rows = self.server.sql("SELECT code FROM items WHERE reverse = 1 ORDER BY code")
        self.assertEqual([r[0] for r in rows], ["GOC5", "SRI6", "VMM5"])

    def test_bad_values_store_nothing(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open)
        for bad in ({"LOS1": "6"}, {"LOS1": "0"}, {"LOS1": "4.5"}, {"LOS1": "abc"}, {"LOS1": ""},
                    {"NOPE1": "3"}, {"VMM1": "3"}):
            with self.subTest(fields=bad):
                r = qhelp.answer_page(c, tok, 1, dict(bad, LOS2="5"))
                self.assertEqual(r.status, 400, r)
                self.assertIn("Er is niets opgeslagen", r.text)
                self.assertEqual(answers_of(self.server, tok), {})
        r = c.post("/r/%s/p/1" % tok, [("csrf", qhelp.csrf(c, tok)), ("LOS1", "3"), ("LOS1", "4")])
        self.assertEqual(r.status, 400)
        r = c.post("/r/%s/p/8" % tok, [("csrf", qhelp.csrf(c, tok)), ("trigger", "boredom")])
        self.assertEqual(r.status, 400)
        self.assertEqual(answers_of(self.server, tok), {})

    def test_too_long_comment_is_refused_and_kept_in_the_form(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open)
        r = qhelp.answer_page(c, tok, 1, {"LOS1": "4"}, extra={"LOS_good": "x" * 2001})
        self.assertEqual(r.status, 400)
        self.assertIn("Maximaal 2000 tekens", r.text)
        self.assertEqual(answers_of(self.server, tok), {})
        r = qhelp.answer_page(c, tok, 1, {"LOS1": "4"}, extra={"LOS_good": "é" * 2000})
        self.assertEqual(r.status, 303)

    def test_missing_csrf_is_refused(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open)
        r = c.post("/r/%s/p/1" % tok, {"LOS1": "4"})
        self.assertEqual(r.status, 403)
        self.assertEqual(answers_of(self.server, tok), {})

    def resume(self, client, code):
        welcome = client.get("/r/%s" % self.open)
        return client.post("/r/%s/resume" % self.open, {"csrf": harness.csrf_from(welcome), "code": code})

    @staticmethod
    def code_on(page):
        m = re.search(r'class="resume-code">([A-Z0-9]{5})-([A-Z0-9]{5})<', page.text)
        assert m, page.text[-2000:]
        return m.group(1) + m.group(2)

    def test_resume_with_code_after_a_break(self):
        phone = self.client()
        tok = qhelp.start_open(phone, self.open, "professional")
        self.assertEqual(qhelp.answer_page(phone, tok, 1, {"LOS1": "2"}).status, 303)
        page2 = phone.get("/r/%s/p/2" % tok)
        self.assertIn("Bewaar je hervatcode", page2.text)
        code = self.code_on(page2)
        laptop = self.client()
        r = self.resume(laptop, code.lower()[:5] + " " + code[5:])
        self.assertEqual(r.status, 303, r)
        self.assertTrue(r.location.endswith("/p/2?resumed=1"), r.location)
        new = qhelp.token_of(r.location)
        self.assertNotEqual(new, tok)
        page = laptop.get(r.location)
        self.assertIn('id="resumed"', page.text)
        self.assertEqual(self.code_on(page), code)  # the code the respondent kept stays
        self.assertEqual(answers_of(self.server, new), {"LOS1": "2"})
        # the old address (a bookmark, a lost phone) is retired: it says so
        # and leads to the resume form, where the same code works again
        old = phone.get("/r/%s/p/2" % tok)
        self.assertEqual(old.status, 410)
        self.assertIn("Deze link is vervangen", old.text)
        self.assertIn('action="/r/%s/resume"' % self.open, old.text)
        r = self.resume(phone, code)
        self.assertEqual(r.status, 303, r)
        newer = qhelp.token_of(r.location)
        self.assertEqual(phone.get("/r/%s/p/2" % newer).status, 200)
        self.assertEqual(laptop.get("/r/%s/p/2" % new).status, 410)
        # once sent, the code opens nothing: whoever saw it cannot withdraw
        self.assertEqual(qhelp.submit(phone, newer).status, 303)
        r = self.resume(self.client(), code)
        self.assertEqual(r.status, 409)
        self.assertIn("alleen tot je verstuurt", r.text)
        self.assertEqual(phone.get("/r/%s" % newer).status, 200)  # the receipt stays reachable

    def test_wrong_resume_code(self):
        c = self.client()
        welcome = c.get("/r/%s" % self.open)
        r = c.post("/r/%s/resume" % self.open, {"csrf": harness.csrf_from(welcome), "code": "AAAAA-BBBBB"})
        self.assertEqual(r.status, 400)
        self.assertIn("Deze code kennen we niet", r.text)
        failures = self.server.sql("SELECT failures FROM throttle WHERE key = 'addr:127.0.0.1'")
        self.assertTrue(failures and int(failures[0][0]) >= 1, failures)

    def test_double_submission_is_refused(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open)
        qhelp.answer_page(c, tok, 1, {"LOS1": "5"})
        self.assertEqual(qhelp.submit(c, tok).status, 303)
        r = c.post("/r/%s/submit" % tok, {"csrf": harness.csrf_from(c.get("/r/%s" % tok))})
        self.assertEqual(r.status, 409)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM responses WHERE round_id = %d AND submitted = 1"
                                         % self.round_id), [["1"]])
        r = c.post("/r/%s/p/1" % tok, {"csrf": harness.csrf_from(c.get("/r/%s" % tok)), "LOS1": "1"})
        self.assertEqual(r.status, 303)  # a sent response is not changed: back to the receipt
        self.assertEqual(answers_of(self.server, tok), {"LOS1": "5"})

    def test_withdrawal_deletes_everything(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open)
        qhelp.answer_page(c, tok, 1, {"LOS1": "5"}, extra={"LOS_good": "weg ermee"})
        qhelp.submit(c, tok)
        receipt = c.get("/r/%s" % tok)
        self.assertIn('href="/r/%s/withdraw"' % tok, receipt.text)  # a link, not a button that deletes
        # without the confirmation nothing happens: back to the question
        r = c.post("/r/%s/withdraw" % tok, {"csrf": harness.csrf_from(receipt)})
        self.assertEqual(r.status, 303)
        self.assertTrue(r.location.endswith("/r/%s/withdraw" % tok), r.location)
        self.assertIsNotNone(response_row(self.server, tok))
        ask = c.get("/r/%s/withdraw" % tok)
        self.assertEqual(ask.status, 200)
        self.assertIn("je antwoorden op de stellingen (1 gegeven)", ask.text)
        self.assertIn("kan niet ongedaan worden gemaakt", ask.text)
        self.assertIn('href="/r/%s"' % tok, ask.text)  # keep them
        self.assertIsNotNone(response_row(self.server, tok))  # asking changed nothing
        r = c.post("/r/%s/withdraw" % tok, {"csrf": harness.csrf_from(ask), "confirm": "yes"})
        self.assertEqual(r.status, 200)
        self.assertIn("ingetrokken", r.text)
        self.assertIsNone(response_row(self.server, tok))
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM comments WHERE text = 'weg ermee'"), [["0"]])
        self.assertEqual(c.get("/r/%s" % tok).status, 404)

    def test_all_on_one_page(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open, "teacher")
        page = c.get("/r/%s/all" % tok)
        self.assertEqual(page.status, 200)
        every = [i for p in range(1, 8) for i in qhelp.page_items(p, "teacher")]
        for code in every:
            self.assertIn('name="%s"' % code, page.text)
        fields = [("csrf", harness.csrf_from(page)), ("go", "submit"), ("trigger", "complex")]
        fields += [(code, "4") for code in every]
        r = c.post("/r/%s/all" % tok, fields)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(answers_of(self.server, tok), {code: "4" for code in every})
        self.assertEqual(response_row(self.server, tok)[1], "1")

    def test_a_response_sent_twice_at_once_among_others(self):
        """Six responses sent at the same moment, one of them twice (two
        tabs, or a double click) with other answers: on PostgreSQL their
        plans share a batch and the second of the pair finds the response
        sent already, so it alone is rolled back and answers 409; the
        others are stored. The pair's answers are those of the one that
        got 303, never a mix."""
        browsers = []
        for _ in range(6):
            c = self.client()
            browsers.append((c, qhelp.start_open(c, self.open, "student")))
        every = [i for p in range(1, 8) for i in qhelp.page_items(p, "student")]
        sends = []
        for c, tok in browsers:
            sends.append((c, tok, [("csrf", qhelp.csrf(c, tok)), ("go", "submit")] + [(i, "4") for i in every]))
        c0, tok0 = browsers[0]
        sends.append((c0, tok0, [("csrf", qhelp.csrf(c0, tok0)), ("go", "submit")] + [(i, "2") for i in every]))
        barrier = threading.Barrier(len(sends))
        statuses = [None] * len(sends)

        def send(i):
            c, tok, fields = sends[i]
            barrier.wait(10)
            statuses[i] = c.post("/r/%s/all" % tok, fields).status

        threads = [threading.Thread(target=send, args=(i,)) for i in range(len(sends))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(statuses[1:6], [303] * 5)
        self.assertEqual(sorted([statuses[0], statuses[6]]), [303, 409])
        for c, tok in browsers[1:]:
            self.assertEqual(response_row(self.server, tok)[1], "1")
            self.assertEqual(answers_of(self.server, tok), {code: "4" for code in every})
        kept = "4" if statuses[0] == 303 else "2"
        self.assertEqual(response_row(self.server, tok0)[1], "1")
        self.assertEqual(answers_of(self.server, tok0), {code: kept for code in every})
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM responses WHERE round_id = %d AND submitted = 1"
                                         % self.round_id), [["6"]])

    def test_one_page_warns_when_a_whole_element_is_unanswered(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open, "teacher")
        page = c.get("/r/%s/all" % tok)
        # LOS and VOR left out entirely, SRI with one answer
        some = [i for p in (2, 3, 5, 6, 7) for i in qhelp.page_items(p, "teacher")]
        some = [i for i in some if not i.startswith("SRI") or i == "SRI1"]
        fields = [("csrf", harness.csrf_from(page)), ("go", "submit")] + [(code, "3") for code in some]
        r = c.post("/r/%s/all" % tok, fields)
        self.assertEqual(r.status, 200, r)
        self.assertRegex(r.text, r'id="empty-elements"><p>Nog niet verstuurd: van LOS, VOR heb je geen enkele')
        self.assertEqual(response_row(self.server, tok)[1], "0")  # not sent
        self.assertEqual(answers_of(self.server, tok), {code: "3" for code in some})  # but saved
        self.assertIn('value="send-anyway"', r.text)
        fields = [("csrf", harness.csrf_from(r)), ("go", "send-anyway")] + [(code, "3") for code in some]
        r = c.post("/r/%s/all" % tok, fields)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(response_row(self.server, tok)[1], "1")

    def test_all_on_one_page_replaces_what_pages_saved(self):
        """The whole questionnaire saved at once replaces every answer and
        comment saved page by page before: one left empty is gone."""
        c = self.client()
        tok = qhelp.start_open(c, self.open, "teacher")
        qhelp.answer_page(c, tok, 1, {"LOS1": "2", "LOS2": "3"}, extra={"LOS_good": "eerder gezegd"})
        self.assertEqual(answers_of(self.server, tok), {"LOS1": "2", "LOS2": "3"})
        page = c.get("/r/%s/all" % tok)
        every = [i for p in range(1, 8) for i in qhelp.page_items(p, "teacher")]
        fields = [("csrf", harness.csrf_from(page)), ("go", "submit"), ("trigger", "complex")]
        fields += [(code, "5") for code in every if code != "LOS1"]
        r = c.post("/r/%s/all" % tok, fields)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(answers_of(self.server, tok), {code: "5" for code in every if code != "LOS1"})
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM comments WHERE text = 'eerder gezegd'"), [["0"]])

    def test_unknown_token(self):
        c = self.client()
        for path in ("/r/AAAAAAAAAAAAAAAAAAAAAA", "/r/short", "/r/AAAAAAAAAAAAAAAAAAAAAA/p/1"):
            r = c.get(path)
            self.assertEqual(r.status, 404, path)
            self.assertIn("Deze link werkt niet", r.text)

    def test_page_numbers_outside_the_questionnaire(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open)
        for n in ("0", "9", "-1", "x", "99999999999999999999"):
            self.assertEqual(c.get("/r/%s/p/%s" % (tok, n)).status, 404, n)


class PersonalLinkTest(ServerTestCase):
    def test_one_response_per_invitation_across_reminders(self):
        rid, _ = qhelp.new_round(self.server, GERIATRIE, title="Persoonlijk")
        first, reminder = "P" * 21 + "1", "P" * 21 + "2"
        qhelp.invite(self.server, rid, "a@example.org", "manager", first)
        c = qhelp.db(self.server)
        inv = c.execute("SELECT id FROM invitations WHERE email = 'a@example.org'").fetchone()[0]
        c.execute("INSERT INTO invitation_tokens (token_hash, invitation_id) VALUES (?, ?)",
                  (qhelp.token_hash("invite", reminder), inv))
        c.close()
        b = self.client()
        welcome = b.get("/r/%s" % first)
        self.assertEqual(welcome.status, 200)
        self.assertIn("Je bent uitgenodigd als", welcome.text)
        self.assertNotIn('name="perspective"', welcome.text)
        r = b.post("/r/%s/start" % first, {"csrf": harness.csrf_from(welcome), "consent": "yes",
                                            "perspective": "student"})
        self.assertEqual(r.status, 303)
        self.assertEqual(response_row(self.server, first)[0], "manager")  # the invitation decides
        qhelp.answer_page(b, first, 1, {"LOS1": "3"})
        self.assertEqual(qhelp.submit(b, first).status, 303)
        self.assertEqual(self.server.sql("SELECT responded FROM invitations WHERE id = %d" % inv), [["1"]])
        # the reminder link: the invitation is answered already
        r = b.get("/r/%s" % reminder)
        self.assertEqual(r.status, 410)
        # no table joins an address to a response
        for table in ("responses", "answers", "comments"):
            cols = [row[0] for row in self.server.sql(harness.columns_query(table))]
            self.assertFalse(any("invit" in col or "email" in col for col in cols), (table, cols))


class ClosedRoundTest(ServerTestCase):
    def test_closed_and_not_yet_open(self):
        rid, tok = qhelp.new_round(self.server, GERIATRIE, title="Dicht", opens="2020-01-01", closes="2020-02-01")
        c = self.client()
        r = c.get("/r/%s" % tok)
        self.assertEqual(r.status, 410)
        self.assertIn("gesloten", r.text)
        rid2, tok2 = qhelp.new_round(self.server, GERIATRIE, title="Later", opens="2999-01-01",
                                     closes="2999-02-01")
        r = c.get("/r/%s" % tok2)
        self.assertEqual(r.status, 403)
        self.assertIn("2999-01-01", r.text)

    def test_closing_early_stops_saving(self):
        rid, tok = qhelp.new_round(self.server, GERIATRIE, title="Vroeg dicht")
        c = self.client()
        resp = qhelp.start_open(c, tok)
        page = c.get("/r/%s/p/1" % resp)
        db = qhelp.db(self.server)
        db.execute("UPDATE rounds SET closed_early = 1 WHERE id = ?", (rid,))
        db.close()
        r = c.post("/r/%s/p/1" % resp, {"csrf": harness.csrf_from(page), "LOS1": "4", "go": "next"})
        self.assertEqual(r.status, 410)
        self.assertEqual(answers_of(self.server, resp), {})
        r = c.post("/r/%s/submit" % resp, {"csrf": harness.csrf_from(page)})
        self.assertEqual(r.status, 410)


if __name__ == "__main__":
    unittest.main()
