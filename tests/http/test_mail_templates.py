"""test_mail_templates.py - a workplace's own texts of its invitation and
reminder mails (issue 17), black box: coordinators adjust them with a
preview; unknown placeholders, stray braces, control characters and a
text without {link} are refused with a clear message and nothing is kept;
the saved text is what the mails carry; an empty text puts the default
back; only coordinators.

Run from the repository root:
  /usr/bin/python3 -m unittest discover -s tests/http -t tests/http -p 'test_mail_templates.py'
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import GERIATRIE, MEMBER, VLONDER, csrf_from  # noqa: E402
from mailhelp import WithSink  # noqa: E402
from test_rounds import RoundsBase  # noqa: E402

PATH = "/pw/%s/mail-templates" % GERIATRIE
FIELDS = ("invitation_nl", "invitation_en", "reminder_nl", "reminder_en")


class TemplatesTest(WithSink, RoundsBase):
    def post(self, c, action="save", **texts):
        page = c.get(PATH)
        self.assertEqual(page.status, 200, page)
        fields = [("csrf", csrf_from(page)), ("action", action)]
        fields += [(f, texts.get(f, "")) for f in FIELDS]
        return c.post(PATH, fields)

    def stored(self):
        return self.server.sql("SELECT kind, lang FROM mail_templates ORDER BY kind, lang")

    def test_defaults_shown(self):
        c = self.coordinator()
        page = c.get(PATH)
        self.assertIn("Je bent uitgenodigd om de vragenlijst van {workplace} in te vullen", page.text)
        self.assertIn("Reminder: we have not received your answers yet", page.text)
        self.assertIn('id="mail-templates-link"', c.get(self.round_path(self.create_ok(c))).text)

    def test_preview_escapes_and_keeps_nothing(self):
        c = self.coordinator()
        r = self.post(c, "preview", invitation_nl="Hallo <b>{workplace}</b>,\n{link}\ntot {closes_on}")
        self.assertEqual(r.status, 200, r)
        pre = r.text.split('id="preview-invitation_nl">', 1)[1].split("</div>", 1)[0]
        self.assertIn("Hallo &lt;b&gt;Leerafdeling Geriatrie&lt;/b&gt;,<br>", pre)
        self.assertIn("/r/VOORBEELD", pre)
        self.assertNotIn("<b>", r.text.split('id="previews"', 1)[1].split("<form", 1)[0])
        # the other texts preview as their defaults
        self.assertIn("You are invited", r.text.split('id="preview-invitation_en">', 1)[1])
        self.assertEqual(self.stored(), [])

    def test_refusals(self):
        c = self.coordinator()
        cases = [("Hoi {naam},\n{link}", "Regel 1: {naam} is geen invulveld"),
                 ("Hoi\n{link} {datum}", "Regel 2: {datum} is geen invulveld"),
                 ("Geen link hier", "De tekst moet {link} bevatten"),
                 ("{link} en {", "een accolade { of } mag alleen om een invulveld staan"),
                 ("{link}\ttab", "Regel 1: bevat een tab"),
                 ("{link}\x1b[31m", "tekens die niet zijn toegestaan"),
                 ("{link}" + "x" * 5000, "Maximaal 5000 tekens")]
        for text, message in cases:
            with self.subTest(text=text[:20]):
                for action in ("save", "preview"):
                    r = self.post(c, action, reminder_en=text)
                    self.assertEqual(r.status, 400, r)
                    self.assertIn(message, r.text)
                    self.assertNotIn('id="previews"', r.text)
        self.assertEqual(self.stored(), [])

    def test_saved_text_goes_out_and_empty_restores(self):
        c = self.coordinator()
        mine = "Beste collega,\n\nVul de vragenlijst {round} in: {link}\nSluit na {closes_on}. <geen html>\n"
        r = self.post(c, invitation_nl=mine)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.stored(), [["invitation", "nl"]])
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM mail_templates WHERE body LIKE"
                                         " 'Beste collega,%<geen html>'"), [["1"]])
        self.assertIn("Beste collega,", c.get(PATH).text)
        rid = self.create_ok(c, title="Najaar")
        self.sink.take()
        self.assertEqual(self.invite(c, rid, "tpl@example.org, student").status, 200)
        (m,) = self.sink.take()
        body = m.body_decoded().replace("\r\n", "\n")
        self.assertIn("<geen html>\n\n-- English --\n\nYou are invited", body)
        self.assertIn("Beste collega,\n\nVul de vragenlijst Najaar in: http://", body)
        self.assertIn("<geen html>", body)
        self.assertIn("You are invited", body)  # the English default beside it
        self.assertNotIn("Je bent uitgenodigd", body)
        self.assertNotIn("{", body)
        # the default itself, or empty, removes the workplace's own text
        self.assertEqual(self.post(c).status, 303)
        self.assertEqual(self.stored(), [])
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'mail texts'"),
                         [["2"]])

    def test_only_coordinators(self):
        m = self.client()
        m.login_ok(MEMBER)
        self.assertEqual(m.get(PATH).status, 403)
        r = m.post(PATH, [("csrf", m.csrf("/")), ("invitation_nl", "{link}")])
        self.assertEqual(r.status, 403)
        c = self.coordinator()
        self.assertEqual(c.get("/pw/%s/mail-templates" % VLONDER).status, 403)  # a member there
        self.assertEqual(self.stored(), [])


if __name__ == "__main__":
    unittest.main()
