"""Sign-in through the institution with OpenID Connect, against a real
provider on loopback (tests/idp/oidc.mjs: the npm package oidc-provider),
started by the test (issue 18).

What must hold: a sign-in works and lands where it was asked to; a first
sign-in makes an account without access; the account is found by
(provider, subject), so a changed e-mail address at the provider makes no
second account; a wrong or replayed state, a callback in another browser,
a tampered ID token, one for another audience, an expired one and one with
another nonce are refused and sign nobody in; rotated keys are fetched
again; password login can be switched off and the command line's login
link still lets the administrator in; sign-out ends the session."""

import os
import re

import harness
import idphelp
from harness import ADMIN, COORDINATOR, GERIATRIE, ServerTestCase, run_cli


class SignInOidcTest(idphelp.ProviderTestCase):
    @classmethod
    def before_start(cls, server):
        cls.idp = idphelp.OidcProvider(server.dir)
        key = os.path.join(server.dir, "secret.key")
        server.extra_args += ["--secret-key-file", key, "--admin-totp-optional"]
        os.environ["WERKPLAATS_OIDC_SECRET"] = idphelp.CLIENT_SECRET
        try:
            for slug, extra in (("test", []), ("strict", ["--first-sign-in", "refuse"])):
                res = run_cli(["idp", "add", "--db", server.db, "--name", "Test " + slug, "--slug", slug,
                               "--issuer", cls.idp.issuer, "--client-id", idphelp.CLIENT_ID,
                               "--secret-key-file", key] + extra)
                assert res.returncode == 0, res
        finally:
            del os.environ["WERKPLAATS_OIDC_SECRET"]

    @classmethod
    def provider_argument(cls):
        return "http://127.0.0.1:%d/login/oidc/callback" % cls.server.port

    # ---- signing in ----

    def test_first_sign_in_makes_an_account_without_access(self):
        people = self.count("SELECT COUNT(*) FROM people")
        self.idp.person("first-1", "Nieuw.Persoon@Example.org", "Nieuwe Persoon")
        c = self.client()
        r = idphelp.sign_in(c, self.idp, "test")
        self.assertEqual((r.status, r.location), (303, "/"), r)
        self.assertIn("wp_session", c.cookies)
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people + 1)
        pid = self.person_id("first-1")
        self.assertEqual(self.server.sql("SELECT name, email FROM people WHERE id = %d" % pid),
                         [["Nieuwe Persoon", "nieuw.persoon@example.org"]])
        self.assertEqual(self.count("SELECT COUNT(*) FROM memberships WHERE person_id = %d" % pid), 0)
        self.assertEqual(self.server.sql("SELECT is_admin, password_hash FROM accounts"
                                         " WHERE person_id = %d" % pid), [["0", ""]])
        home = c.get("/")
        self.assertEqual(home.status, 200)
        self.assertIn("Nieuwe Persoon", home.text)
        self.assertEqual(c.get("/pw/%s" % GERIATRIE).status, 404)
        self.assertEqual(c.get("/admin").status, 404)
        # no password to change: the account page says how this person signs in
        account = c.get("/account").text
        self.assertIn('id="no-password"', account)
        self.assertNotIn('name="current"', account)
        self.assertNotIn('id="totp-link"', account)

    def test_sign_in_returns_to_the_page_asked_for(self):
        self.idp.person("next-1", "next@example.org", "Naar Account")
        c = self.client()
        r = idphelp.sign_in(c, self.idp, "test", next_path="/account")
        self.assertEqual((r.status, r.location), (303, "/account"), r)
        self.assertEqual(c.get("/account").status, 200)
        # a next that leaves the site is not followed
        c2 = self.client()
        r = idphelp.sign_in(c2, self.idp, "test", next_path="//evil.example/")
        self.assertEqual((r.status, r.location), (303, "/"), r)

    def test_a_changed_e_mail_address_makes_no_second_account(self):
        self.idp.person("mail-1", "oud@example.org", "Wisselend Adres")
        self.assertEqual(idphelp.sign_in(self.client(), self.idp, "test").status, 303)
        pid = self.person_id("mail-1")
        people = self.count("SELECT COUNT(*) FROM people")
        self.idp.person("mail-1", "nieuw@example.org", "Wisselend Adres")
        c = self.client()
        self.assertEqual(idphelp.sign_in(c, self.idp, "test").status, 303)
        self.assertEqual(self.person_id("mail-1"), pid)
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people)
        self.assertIn("Wisselend Adres", c.get("/").text)

    def test_returning_person_signs_in_to_the_same_account(self):
        self.idp.person("again-1", "again@example.org", "Nog Eens")
        self.assertEqual(idphelp.sign_in(self.client(), self.idp, "test").status, 303)
        pid = self.person_id("again-1")
        self.assertEqual(idphelp.sign_in(self.client(), self.idp, "test").status, 303)
        self.assertEqual(self.person_id("again-1"), pid)
        self.assertEqual(self.count("SELECT COUNT(*) FROM audit_log WHERE person_id = %d"
                                    " AND action = 'login'" % pid), 2)

    def test_sign_out_ends_the_session(self):
        self.idp.person("out-1", "out@example.org", "Uit Logger")
        c = self.client()
        self.assertEqual(idphelp.sign_in(c, self.idp, "test").status, 303)
        token = c.cookies["wp_session"]
        c.logout()
        other = self.client()
        other.cookies["wp_session"] = token
        self.assertEqual(other.get("/").status, 303)

    def test_an_invitation_binds_a_first_sign_in_to_a_workplace(self):
        coord = self.client()
        coord.login_ok(COORDINATOR)
        path = "/pw/%s" % GERIATRIE
        r = coord.submit(path + "/members", path + "/members/invite",
                         {"email": "uitgenodigd@example.org", "role": "member"})
        self.assertEqual(r.status, 200, r)
        link = re.search(r'<code class="copy"[^>]*>[^<]*?(/join/[A-Za-z0-9_-]{22})</code>', r.text).group(1)
        c = self.client()
        page = c.get(link)
        self.assertIn('id="sso-test"', page.text)  # sign in through the provider from here
        self.idp.person("invited-1", "Uitgenodigd@example.org", "Uitgenodigde Persoon")
        r = idphelp.sign_in(c, self.idp, "test", next_path=link)
        self.assertEqual((r.status, r.location), (303, link), r)
        page = c.get(link)
        self.assertEqual(page.status, 200)
        r = c.post(link, [("csrf", harness.csrf_from(page))])
        self.assertEqual((r.status, r.location), (303, path + "?joined=1"), r)
        pid = self.person_id("invited-1")
        self.assertEqual(self.server.sql("SELECT role FROM memberships m JOIN workplaces w ON w.id ="
                                         " m.workplace_id WHERE w.slug = '%s' AND m.person_id = %d"
                                         % (GERIATRIE, pid)), [["member"]])
        self.assertEqual(c.get(path).status, 200)

    # ---- first sign-in policy ----

    def test_refuse_policy_signs_in_no_stranger(self):
        people = self.count("SELECT COUNT(*) FROM people")
        self.idp.person("stranger-1", "stranger@example.org", "Onbekende")
        c = self.client()
        self.assertRefused(idphelp.sign_in(c, self.idp, "strict"), 403, c)
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people)

    def test_an_existing_address_is_not_taken_over(self):
        """Without link_email an address that already has an account does
        not bind the provider's identity to that account."""
        self.idp.person("takeover-1", ADMIN, "Geen Beheerder")
        c = self.client()
        self.assertRefused(idphelp.sign_in(c, self.idp, "test"), 409, c)
        self.assertIsNone(self.person_id("takeover-1"))

    # ---- refusals ----

    def test_wrong_state_is_refused(self):
        c = self.client()
        path = idphelp.callback_for(c, self.idp, "test")
        forged = path.replace("state=", "state=AAAAAAAAAAAAAAAAAAAAAA&x=")
        self.assertRefused(c.get(forged), 400, c)
        c2 = self.client()
        path = idphelp.callback_for(c2, self.idp, "test")
        self.assertRefused(c2.get(path.replace("state=", "nostate=")), 400, c2)

    def test_a_replayed_callback_is_refused(self):
        self.idp.person("replay-1", "replay@example.org", "Twee Keer")
        c = self.client()
        path = idphelp.callback_for(c, self.idp, "test")
        self.assertEqual(c.get(path).status, 303)
        c.logout()
        sso = c.cookies.get("wp_sso")
        self.assertIsNone(sso)  # the attempt's cookie was cleared
        attacker = self.client()
        self.assertRefused(attacker.get(path), 400, attacker)
        self.assertRefused(c.get(path), 400, c)

    def test_a_callback_in_another_browser_is_refused(self):
        c = self.client()
        path = idphelp.callback_for(c, self.idp, "test")
        other = self.client()
        self.assertRefused(other.get(path), 400, other)
        # and the attempt is used up: the right browser cannot use it now
        self.assertRefused(c.get(path), 400, c)

    def refused_token(self, mode):
        self.idp.person("bad-" + mode, "bad-%s@example.org" % mode, "Slecht Token", mode=mode)
        people = self.count("SELECT COUNT(*) FROM people")
        c = self.client()
        try:
            self.assertRefused(idphelp.sign_in(c, self.idp, "test"), 403, c)
        finally:
            self.idp.person("u1", "eerste@example.org", "Eerste Persoon")
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people)
        self.assertIsNone(self.person_id("bad-" + mode))
        return self.last_refusal()

    def test_a_tampered_id_token_is_refused(self):
        self.assertIn("signature", self.refused_token("tamper"))

    def test_an_id_token_for_another_audience_is_refused(self):
        self.assertIn("audience", self.refused_token("audience"))

    def test_an_expired_id_token_is_refused(self):
        self.assertIn("expired", self.refused_token("expired"))

    def test_an_id_token_with_another_nonce_is_refused(self):
        self.assertIn("nonce", self.refused_token("nonce"))

    def test_rotated_keys_are_fetched_again(self):
        """The provider signs with a key that was not in the cached set:
        werkplaats fetches the keys once more and the sign-in works."""
        self.idp.person("rotate-1", "rotate@example.org", "Nieuwe Sleutel", mode="rotate")
        try:
            c = self.client()
            self.assertEqual(idphelp.sign_in(c, self.idp, "test").status, 303)
        finally:
            self.idp.person("u1", "eerste@example.org", "Eerste Persoon")
        self.assertIsNotNone(self.person_id("rotate-1"))
        self.assertIn("key-2", self.server.sql("SELECT jwks FROM identity_providers"
                                               " WHERE slug = 'test'")[0][0])

    def test_an_unknown_provider_is_404(self):
        r = idphelp.start_sign_in(self.client(), "nope")
        self.assertEqual(r.status, 404)


class PasswordLoginSwitchTest(ServerTestCase):
    """Password login switched off; the administrator still gets in with
    a one-time link made on the command line."""

    def test_switch_off_and_the_way_back_in(self):
        admin = self.admin()
        # not without a provider: nobody could log in
        r = admin.submit("/admin/sign-in", "/admin/sign-in/password", {"on": "0"})
        self.assertEqual(r.status, 409, r)
        r = admin.submit("/admin/sign-in", "/admin/sign-in/providers", {
            "protocol": "oidc", "name": "Instelling", "slug": "instelling", "issuer": "https://login.example.org",
            "client_id": "wp", "id_claim": "sub", "email_claim": "email", "name_claim": "name",
            "first_sign_in": "create"})
        self.assertEqual(r.status, 303, r)
        r = admin.submit("/admin/sign-in", "/admin/sign-in/password", {"on": "0"})
        self.assertEqual(r.status, 303, r)
        page = self.client().get("/login")
        self.assertNotIn('name="password"', page.text)
        self.assertIn("sso-instelling", page.text)
        c = self.client()
        r = c.post("/login", [("csrf", harness.csrf_from(page)), ("email", ADMIN),
                              ("password", harness.DEMO_PASSWORD)])
        self.assertEqual(r.status, 403, r)
        self.assertNotIn("wp_session", c.cookies)
        # the way in on the command line
        res = run_cli(["login-link", "--db", self.server.db, "--email", ADMIN.upper(),
                       "--public-url", "http://127.0.0.1:%d" % self.server.port])
        self.assertEqual(res.returncode, 0, res)
        path = res.stdout.split()[0].split(str(self.server.port), 1)[1]
        self.assertTrue(path.startswith("/login/link/"), res)
        form = c.get(path)
        self.assertEqual(form.status, 200)
        self.assertNotIn("wp_session", c.cookies)  # GET changes nothing
        r = c.post(path, [("csrf", harness.csrf_from(form))])
        self.assertEqual((r.status, r.location), (303, "/"), r)
        self.assertEqual(c.get("/admin").status, 200)
        # the link works once
        d = self.client()
        self.assertEqual(d.get(path).status, 404)
        # back on, through the command line
        res = run_cli(["password-login", "--db", self.server.db, "on"])
        self.assertEqual(res.returncode, 0, res)
        self.client().login_ok(ADMIN)

    def test_unknown_account_gets_no_link(self):
        res = run_cli(["login-link", "--db", self.server.db, "--email", "niemand@example.org"])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("no account", res.stderr)


class AdminSignInPageTest(ServerTestCase):
    def test_add_validate_and_remove_a_provider(self):
        admin = self.admin()
        page = admin.get("/admin/sign-in")
        self.assertEqual(page.status, 200)
        self.assertIn("http://127.0.0.1:%d/login/oidc/callback" % self.server.port, page.text)
        good = {"protocol": "oidc", "name": "SURFconext", "slug": "surfconext", "issuer": "https://connect.test.surfconext.nl",
                "client_id": "werkplaats.example.org", "id_claim": "sub", "email_claim": "email",
                "name_claim": "name", "first_sign_in": "refuse"}
        for field, bad in (("issuer", "http://connect.example.org"), ("slug", "Met Spatie"),
                           ("id_claim", "two words"), ("first_sign_in", "maybe"), ("protocol", "cas"),
                           ("client_id", "")):
            r = admin.submit("/admin/sign-in", "/admin/sign-in/providers", dict(good, **{field: bad}))
            self.assertEqual(r.status, 400, (field, r))
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM identity_providers"), [["0"]])
        r = admin.submit("/admin/sign-in", "/admin/sign-in/providers", dict(good, secret="geheim"))
        # no --secret-key-file: a secret cannot be kept
        self.assertEqual(r.status, 400, r)
        r = admin.submit("/admin/sign-in", "/admin/sign-in/providers", good)
        self.assertEqual(r.status, 303, r)
        r = admin.submit("/admin/sign-in", "/admin/sign-in/providers", good)
        self.assertEqual(r.status, 400, r)  # the slug is taken
        self.assertEqual(self.server.sql("SELECT slug, issuer, first_sign_in, secret_sealed"
                                         " FROM identity_providers"),
                         [["surfconext", "https://connect.test.surfconext.nl", "refuse", ""]])
        self.assertIn("SURFconext", admin.get("/admin/sign-in").text)
        pid = self.server.sql("SELECT id FROM identity_providers")[0][0]
        r = admin.submit("/admin/sign-in", "/admin/sign-in/providers/%s/remove" % pid, {})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM identity_providers"), [["0"]])
        r = admin.submit("/admin/sign-in", "/admin/sign-in/providers/%s/remove" % pid, {})
        self.assertEqual(r.status, 404, r)
