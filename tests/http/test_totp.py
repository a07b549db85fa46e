"""Two-step login (issue 18): a password account sets up a TOTP second
factor on /account/totp (secret as QR code and text, confirmed with a
code), logs in with password and code, can switch it off; a code is never
accepted twice; wrong codes are limited like wrong passwords; with
`serve --require-admin-totp` an administrator without a second factor is
sent to set one up before anything else. The codes are computed here
with Python's hmac and hashlib per RFC 6238, not by the server's library."""

import base64
import hashlib
import hmac
import os
import re
import struct
import tempfile
import time
import unittest

import harness
import qhelp
from harness import ADMIN, COORDINATOR, MEMBER, PETRA, ServerTestCase


def totp(secret_b32, at=None, step=30, digits=6):
    """RFC 6238 with HMAC-SHA1: the code of the 30-second step of `at`."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    return "%0*d" % (digits, value % 10 ** digits)


class RfcVectors(unittest.TestCase):
    def test_rfc6238_sha1(self):
        """The helper itself, against RFC 6238's test vectors (SHA-1)."""
        secret = base64.b32encode(b"12345678901234567890").decode()
        self.assertEqual(totp(secret, 59, digits=8), "94287082")
        self.assertEqual(totp(secret, 1111111109, digits=8), "07081804")
        self.assertEqual(totp(secret, 2000000000, digits=8), "69279037")


KEY_DIR = tempfile.mkdtemp(prefix="wp-totp-")


def key_args():
    """A key file of its own per server (made by serve when missing)."""
    return ["--secret-key-file", tempfile.mktemp(dir=KEY_DIR)]


class TwoStep(ServerTestCase):
    serve_args = key_args() + ["--admin-totp-optional"]

    def enrol(self, c):
        r = c.submit("/account/totp", "/account/totp/start", {})
        self.assertEqual(r.status, 303, r)
        page = c.get("/account/totp").body.decode()
        self.assertIn("<svg", page)
        secret = re.search(r'id="totp-secret">([A-Z2-7]{32})<', page).group(1)
        return secret

    def enrolled(self, email):
        """Log in as email, set up the second factor and confirm it; its secret."""
        c = self.client()
        c.login_ok(email)
        secret = self.enrol(c)
        self.wait_for_fresh_step()
        self.assertEqual(c.submit("/account/totp", "/account/totp/confirm", {"code": totp(secret)}).status, 303)
        return secret

    def wait_for_fresh_step(self):
        """Not within 2 seconds of a step boundary: the code typed is of the step the server sees."""
        while time.time() % 30 > 27:
            time.sleep(0.5)

    def login_first(self, c, email):
        r = c.submit("/login", "/login", {"email": email, "password": harness.DEMO_PASSWORD})
        self.assertEqual(r.status, 200, r)   # the second step, not a session
        self.assertIsNone(c.cookies.get("wp_session") or None)
        return re.search(r'name="challenge" value="([A-Za-z0-9_-]+)"', r.body.decode()).group(1)

    def test_enrol_login_replay_disable(self):
        c = self.client()
        c.login_ok(MEMBER)
        secret = self.enrol(c)
        # a wrong code does not confirm
        wrong = "%06d" % ((int(totp(secret)) + 1) % 1000000)
        r = c.submit("/account/totp", "/account/totp/confirm", {"code": wrong})
        self.assertEqual(r.status, 400)
        self.wait_for_fresh_step()
        r = c.submit("/account/totp", "/account/totp/confirm", {"code": totp(secret)})
        self.assertEqual(r.status, 303, r)
        self.assertIn('id="totp-on"', c.get("/account/totp").body.decode())
        c.logout()
        # the stored secret is sealed, never the plain text
        stored = self.server.sql("SELECT secret_sealed FROM totp")
        self.assertNotIn(secret, str(stored))
        # login: password, then code; the confirming code cannot log in (same step)
        c2 = self.client()
        challenge = self.login_first(c2, MEMBER)
        r = c2.post("/login/totp", {"csrf": c2.csrf("/login"), "challenge": challenge, "code": totp(secret)})
        self.assertEqual(r.status, 400, r)   # used already to confirm
        # the next step's code (one step ahead is allowed) logs in
        t_next = time.time() + 30
        nxt, used_step = totp(secret, t_next), int(t_next // 30)
        r = c2.post("/login/totp", {"csrf": c2.csrf("/login"), "challenge": challenge, "code": nxt})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(c2.get("/account").status, 200)
        # the same code again, in another login: refused
        c3 = self.client()
        ch3 = self.login_first(c3, MEMBER)
        r = c3.post("/login/totp", {"csrf": c3.csrf("/login"), "challenge": ch3, "code": nxt})
        self.assertEqual(r.status, 400, r)
        self.assertRedirectsToLogin(c3.get("/account"))
        # switching off needs a code of a later step: from step used_step on,
        # the code one step ahead is one
        while int(time.time() // 30) < used_step:
            time.sleep(0.5)
        r = c2.submit("/account/totp", "/account/totp/disable", {"code": totp(secret, time.time() + 30)})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.server.sql("SELECT count(*) FROM totp")[0][0], "0")
        log = [row[0] for row in self.server.sql("SELECT l.action FROM audit_log l JOIN people p ON p.id = l.person_id"
                                                 " WHERE l.action LIKE 'second factor%%' AND p.email = '%s'"
                                                 " ORDER BY l.id" % MEMBER)]
        self.assertEqual(log, ["second factor on", "second factor off"])

    def test_admin_clears_a_lost_phone(self):
        secret = self.enrolled(PETRA)
        self.login_first(self.client(), PETRA)      # a code is asked now
        pid = self.server.sql("SELECT id FROM people WHERE email = '%s'" % PETRA)[0][0]
        admin = self.admin()
        self.assertIn("/admin/accounts/%s/totp-reset" % pid, admin.get("/admin").body.decode())
        r = admin.submit("/admin", "/admin/accounts/%s/totp-reset" % pid, {})
        self.assertEqual(r.status, 303, r)
        again = self.client()
        again.login_ok(PETRA)                         # the password alone again
        self.assertEqual(again.get("/account").status, 200)
        self.assertEqual(self.server.sql("SELECT count(*) FROM audit_log WHERE action = 'second factor reset'"),
                         [["1"]])

    def test_wrong_codes_are_limited(self):
        secret = self.enrolled(COORDINATOR)
        c2 = self.client()
        ch = self.login_first(c2, COORDINATOR)
        wrong = "%06d" % ((int(totp(secret)) + 500000) % 1000000)
        statuses = [c2.post("/login/totp", {"csrf": c2.csrf("/login"), "challenge": ch, "code": wrong}).status
                    for _ in range(6)]
        self.assertEqual(statuses, [400] * 5 + [429])
        # even the right code is refused while blocked
        r = c2.post("/login/totp", {"csrf": c2.csrf("/login"), "challenge": ch,
                                    "code": totp(secret, time.time() + 30)})
        self.assertEqual(r.status, 429)
        r = c2.post("/login/totp", {"csrf": c2.csrf("/login"), "challenge": "x" * 22, "code": "123456"})
        self.assertEqual(r.status, 410)


class AdminMustEnrol(ServerTestCase):
    """With the key of two-step login, administrators with a password must
    use it: the default (issue 18)."""
    serve_args = key_args()

    def test_admin_is_sent_to_enrol(self):
        c = self.client()
        c.login_ok(ADMIN)
        for path in ("/", "/admin", "/admin/people"):
            r = c.get(path)
            self.assertEqual((r.status, r.location), (303, "/account/totp"), path)
        self.assertIn('id="totp-required"', c.get("/account/totp").body.decode())
        r = c.submit("/account/totp", "/account/totp/start", {})
        self.assertEqual(r.status, 303)
        secret = re.search(r'id="totp-secret">([A-Z2-7]{32})<', c.get("/account/totp").body.decode()).group(1)
        while time.time() % 30 > 27:
            time.sleep(0.5)
        self.assertEqual(c.submit("/account/totp", "/account/totp/confirm", {"code": totp(secret)}).status, 303)
        self.assertEqual(c.get("/admin").status, 200)
        # an administrator cannot switch it off
        r = c.submit("/account/totp", "/account/totp/disable", {"code": totp(secret, time.time() + 30)})
        self.assertEqual(r.status, 409)
        # other people are not held up
        m = self.client()
        m.login_ok(MEMBER)
        self.assertEqual(m.get("/").status, 200)


class AdminTotpOptional(ServerTestCase):
    serve_args = key_args() + ["--admin-totp-optional"]

    def test_admin_is_not_held_up(self):
        c = self.client()
        c.login_ok(ADMIN)
        self.assertEqual(c.get("/admin").status, 200)


class AdminWithoutPasswordLogin(ServerTestCase):
    """With password login switched off, administrators sign in through the
    institution and are not sent to set up a second factor."""
    serve_args = key_args()

    def test_not_sent_to_enrol(self):
        c = self.client()
        c.login_ok(ADMIN)  # a session made while password login was on
        self.assertEqual(c.get("/admin").status, 303)
        res = harness.run_cli(["password-login", "--db", self.server.db, "off"])
        self.assertEqual(res.returncode, 0, res)
        self.assertEqual(c.get("/admin").status, 200)


if __name__ == "__main__":
    unittest.main()
