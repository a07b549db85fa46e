"""test_mail_settings.py - the site's own outgoing mail (issue 17), black
box: an administrator sets it on /admin/mail; every field is checked; the
password is stored sealed under the key file of --secret-key-file (the
clear text is nowhere in the store) and never shown back; a test message
arrives, a failed one is listed with the address masked; invitations use
the settings at once, without a restart; a wrong key file cannot decrypt
the password and the page says so; the command line goes before the page.

Run from the repository root:
  /usr/bin/python3 -m unittest discover -s tests/http -t tests/http -p 'test_mail_settings.py'
"""

import os
import re
import stat
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import COORDINATOR, ServerTestCase, csrf_from, run_cli  # noqa: E402
from mailhelp import FROM, WithSink  # noqa: E402
from test_rounds import RoundsBase  # noqa: E402

USER, PASSWORD = "mailer", "Geheim wachtwoord \u00e9\u00e9n-2"


class MailSettingsBase(WithSink, ServerTestCase):
    sink_on_command_line = False
    sink_credentials = (USER, PASSWORD)

    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.keydir = tempfile.TemporaryDirectory(prefix="wp-key-")
        cls.keyfile = os.path.join(cls.keydir.name, "mail.key")
        # the administrator sets up mail here, not a second factor
        cls.serve_more = ["--secret-key-file", cls.keyfile, "--admin-totp-optional"]
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.keydir.cleanup()

    def save(self, c, **fields):
        page = c.get("/admin/mail")
        self.assertEqual(page.status, 200, page)
        values = {"host": "127.0.0.1", "port": str(self.sink.port), "security": "starttls-optional",
                  "user": USER, "password": PASSWORD, "from": FROM}
        values.update(fields)
        return c.post("/admin/mail", [("csrf", csrf_from(page))] + list(values.items()))

    def send_test(self, c, to):
        page = c.get("/admin/mail")
        return c.post("/admin/mail/test", [("csrf", csrf_from(page)), ("to", to)])

    def meta(self, key):
        rows = self.server.sql("SELECT value FROM meta WHERE key = '%s'" % key)
        return rows[0][0] if rows else None


class MailSettingsTest(MailSettingsBase):
    def test_1_saved_sealed_and_never_shown(self):
        c = self.admin()
        page = c.get("/admin/mail")
        self.assertIn('id="mail-off"', page.text)
        self.assertIn('data-set="no"', page.text)
        r = self.save(c)
        self.assertEqual(r.status, 303, r)
        page = c.get("/admin/mail")
        self.assertNotIn(PASSWORD, page.text)
        self.assertNotIn("mail-off", page.text)
        self.assertIn('data-set="yes"', page.text)
        self.assertIn("Er is een wachtwoord ingesteld.", page.text)
        self.assertIn('value="%s"' % USER, page.text)
        sealed = self.meta("mail.password")
        self.assertTrue(sealed.startswith("v1:"), sealed)
        self.assertNotIn(PASSWORD.encode(), self.server.stored_bytes())
        self.assertNotIn(PASSWORD.encode("utf-8").hex().encode(), self.server.stored_bytes())
        # a nonce per write: saving the same password again seals it differently
        self.assertEqual(self.save(c).status, 303)
        self.assertNotEqual(self.meta("mail.password"), sealed)
        # the key file: 32 bytes, only for its owner
        st = os.stat(self.keyfile)
        self.assertEqual(st.st_size, 32)
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)
        # empty keeps the password
        self.assertEqual(self.save(c, password="").status, 303)
        self.assertTrue(self.meta("mail.password").startswith("v1:"))
        # nothing about it in the audit log
        for (detail,) in self.server.sql("SELECT detail FROM audit_log WHERE action = 'mail settings'"):
            self.assertNotIn(PASSWORD, detail)

    def test_2_test_message_arrives_with_the_login(self):
        c = self.admin()
        self.assertEqual(self.save(c).status, 303)
        self.sink.take()
        r = self.send_test(c, "check@example.org")
        self.assertEqual(r.status, 200, r)
        self.assertIn("Het testbericht is verstuurd naar check@example.org", r.text)
        (m,) = self.sink.take()
        self.assertEqual(m.rcpt_to, ["check@example.org"])
        self.assertEqual(m.mail_from, "<%s>" % FROM)
        self.assertIn("testbericht", m.body_decoded())
        self.assertIn((USER, PASSWORD), self.sink.logins)  # the password was decrypted

    def test_3_a_failure_is_listed_masked(self):
        c = self.admin()
        self.assertEqual(self.save(c).status, 303)
        r = self.send_test(c, "reject-this@example.org")
        self.assertEqual(r.status, 200, r)
        self.assertIn("Het testbericht kon niet worden verstuurd", r.text)
        page = c.get("/admin/mail")
        table = page.text.split('id="mail-failures"', 1)[1]
        self.assertIn("r***@example.org", table)
        self.assertIn("550", table)
        self.assertNotIn("reject-this", table)
        self.assertEqual(self.server.sql("SELECT recipient, context FROM mail_failures ORDER BY id DESC LIMIT 1"),
                         [["r***@example.org", "test"]])
        self.assertNotIn(b"reject-this@example.org", self.server.stored_bytes())

    def test_4_failures_are_bounded(self):
        c = self.admin()
        self.assertEqual(self.save(c).status, 303)
        for i in range(53):
            self.assertEqual(self.send_test(c, "reject%d@example.org" % i).status, 200)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM mail_failures"), [["50"]])

    def test_5_invitations_use_the_settings_without_a_restart(self):
        c = self.admin()
        self.assertEqual(self.save(c).status, 303)
        self.sink.take()
        rb = RoundsBase("run")
        rb.server = self.server
        coord = self.client()
        coord.login_ok(COORDINATOR)
        rid = rb.create_ok(coord)
        r = rb.invite(coord, rid, "site@example.org, student")
        self.assertEqual(r.status, 200, r)
        self.assertIn("1 van de 1 e-mails zijn verstuurd", r.text)
        self.assertEqual([m.rcpt_to for m in self.sink.take()], [["site@example.org"]])
        # mail off: the links are shown instead
        self.assertEqual(self.save(c, host="").status, 303)
        self.assertIsNone(self.meta("mail.host"))
        r = rb.invite(coord, rid, "off@example.org, student")
        self.assertIn("invite-link", r.text)
        self.assertEqual(self.sink.take(), [])

    def test_6_clearing_the_password(self):
        c = self.admin()
        self.assertEqual(self.save(c).status, 303)
        self.assertEqual(self.save(c, password="", clear_password="1").status, 303)
        self.assertEqual(self.meta("mail.password"), "")
        self.assertIn('data-set="no"', c.get("/admin/mail").text)

    def test_7_every_field_is_checked(self):
        c = self.admin()
        cases = [({"host": "mail server"}, "Geef de naam of het IP-adres"),
                 ({"host": "-x.org"}, "Geef de naam of het IP-adres"),
                 ({"port": "0"}, "Geef een geheel getal van 1 tot en met 65535"),
                 ({"port": "70000"}, "Geef een geheel getal van 1 tot en met 65535"),
                 ({"security": "ssl3"}, "Kies een van de mogelijkheden"),
                 ({"user": "a\tb"}, "zonder tabs"),
                 ({"password": "x\x01y"}, "zonder tabs of andere stuurtekens"),
                 ({"password": "p" * 201}, "ten hoogste 200 tekens"),
                 ({"from": "not an address"}, "e-mailadres van de afzender"),
                 ({"from": ""}, "Vul dit veld in")]
        before = self.server.sql("SELECT key, value FROM meta WHERE key LIKE 'mail.%' ORDER BY key")
        for fields, message in cases:
            with self.subTest(fields=fields):
                r = self.save(c, **fields)
                self.assertEqual(r.status, 400, r)
                self.assertIn(message, r.text)
                self.assertNotIn(PASSWORD, r.text)
        self.assertEqual(self.server.sql("SELECT key, value FROM meta WHERE key LIKE 'mail.%' ORDER BY key"),
                         before)

    def test_8_only_administrators(self):
        c = self.client()
        c.login_ok(COORDINATOR)
        self.assertIn(c.get("/admin/mail").status, (403, 404))
        r = c.post("/admin/mail", [("csrf", c.csrf("/")), ("host", "evil.example.org")])
        self.assertIn(r.status, (403, 404))


class WrongKeyFileTest(MailSettingsBase):
    def test_a_replaced_key_file_cannot_decrypt(self):
        c = self.admin()
        self.assertEqual(self.save(c).status, 303)
        self.server.stop()
        with open(self.keyfile, "wb") as f:
            f.write(os.urandom(32))
        self.server.start()
        c = self.admin()
        page = c.get("/admin/mail")
        self.assertIn('id="mail-problem"', page.text)
        self.assertIn("kan met dit sleutelbestand (--secret-key-file) niet worden ontsleuteld", page.text)
        self.sink.take()
        r = self.send_test(c, "x@example.org")
        self.assertEqual(r.status, 400)
        self.assertIn("niets verstuurd", r.text)
        self.assertEqual(self.sink.take(), [])
        # entering the password again mends it
        self.assertEqual(self.save(c).status, 303)
        self.assertEqual(self.send_test(c, "x@example.org").status, 200)
        self.assertEqual(len(self.sink.take()), 1)


class KeyFileOptionTest(unittest.TestCase):
    def test_bad_key_files_stop_serve(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            short = os.path.join(d, "short.key")
            with open(short, "wb") as f:
                f.write(b"x" * 31)
            os.chmod(short, 0o600)
            loose = os.path.join(d, "loose.key")
            with open(loose, "wb") as f:
                f.write(b"x" * 32)
            os.chmod(loose, 0o644)
            for path, message in [(short, "exactly 32 bytes"), (loose, "chmod 600"),
                                  (os.path.join(d, "no", "such.key"), "cannot make it")]:
                with self.subTest(path=path):
                    res = run_cli(["serve", "--db", os.path.join(d, "x.db"), "--listen", "127.0.0.1:1",
                                   "--secret-key-file", path])
                    self.assertEqual(res.returncode, 2, res)
                    self.assertIn(message, res.stderr)


class CommandLineWinsTest(WithSink, ServerTestCase):
    def test_the_page_says_the_command_line_wins(self):
        c = self.admin()
        page = c.get("/admin/mail")
        self.assertIn('id="mail-source-cli"', page.text)
        self.assertIn("Ingesteld via de opdrachtregel", page.text)


if __name__ == "__main__":
    unittest.main()
