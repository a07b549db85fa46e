"""Sign-in through the institution with SAML 2.0 Web Browser SSO, against
a real identity provider on loopback (tests/idp/saml_idp.py: Lasso in the
IdP role), started by the test (issue 18).

What must hold: the metadata names our entity ID, ACS and certificate; a
sign-in works (also when only the assertion is signed, as many IdPs do);
a first sign-in makes an account without access, keyed on the NameID, so
a changed e-mail address makes no second account; refused and signing
nobody in: a tampered response, an unsigned one, one whose assertion was
changed after signing, one for another audience, another recipient, an
expired one, one not valid yet, a replayed assertion, an answer to
another request, a wrong RelayState, a response posted by another
browser."""

import os

import harness
import idphelp
from harness import GERIATRIE, ServerTestCase, run_cli


class SignInSamlTest(idphelp.ProviderTestCase):
    @classmethod
    def before_start(cls, server):
        cls.idp = idphelp.SamlProvider(server.dir)
        key, cert = idphelp.make_key(server.dir, "sp")
        server.extra_args += ["--saml-key", key, "--saml-cert", cert]
        res = run_cli(["idp", "add", "--db", server.db, "--protocol", "saml", "--name", "Test SAML",
                       "--slug", "saml", "--issuer", cls.idp.metadata_url])
        assert res.returncode == 0, res

    @classmethod
    def provider_argument(cls):
        return "http://127.0.0.1:%d/saml/metadata" % cls.server.port

    def tearDown(self):
        self.idp.person("u1", "eerste@example.org", "Eerste Persoon")

    def test_metadata(self):
        r = self.client().get("/saml/metadata")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "application/samlmetadata+xml")
        base = "http://127.0.0.1:%d" % self.server.port
        self.assertIn('entityID="%s/saml/metadata"' % base, r.text)
        self.assertIn('Location="%s/saml/acs"' % base, r.text)
        self.assertIn("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", r.text)
        cert = open(os.path.join(self.server.dir, "sp-cert.pem")).read()
        self.assertIn("".join(cert.split("-----")[2].split()), r.text)

    def test_first_sign_in_makes_an_account_without_access(self):
        people = self.count("SELECT COUNT(*) FROM people")
        self.idp.person("saml-first", "Saml.Nieuw@Example.org", "Saml Nieuw")
        c = self.client()
        r = idphelp.saml_sign_in(c, self.idp, "saml", next_path="/account")
        self.assertEqual((r.status, r.location), (303, "/account"), r)
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people + 1)
        pid = self.person_id("saml-first")
        self.assertEqual(self.server.sql("SELECT name, email FROM people WHERE id = %d" % pid),
                         [["Saml Nieuw", "saml.nieuw@example.org"]])
        self.assertEqual(self.count("SELECT COUNT(*) FROM memberships WHERE person_id = %d" % pid), 0)
        self.assertIn("Saml Nieuw", c.get("/account").text)
        self.assertEqual(c.get("/pw/%s" % GERIATRIE).status, 404)

    def test_a_changed_e_mail_address_makes_no_second_account(self):
        self.idp.person("saml-mail", "voor@example.org", "Adres Wisselaar")
        self.assertEqual(idphelp.saml_sign_in(self.client(), self.idp, "saml").status, 303)
        pid, people = self.person_id("saml-mail"), self.count("SELECT COUNT(*) FROM people")
        self.idp.person("saml-mail", "na@example.org", "Adres Wisselaar")
        self.assertEqual(idphelp.saml_sign_in(self.client(), self.idp, "saml").status, 303)
        self.assertEqual(self.person_id("saml-mail"), pid)
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people)

    def test_only_the_assertion_signed_is_enough(self):
        self.idp.person("saml-assertion", "assertion@example.org", "Alleen Assertie", mode="assertion-signed")
        c = self.client()
        self.assertEqual(idphelp.saml_sign_in(c, self.idp, "saml").status, 303)
        self.assertIn("wp_session", c.cookies)

    def refused(self, mode, status=403):
        self.idp.person("saml-" + mode, "%s@example.org" % mode, "Fout Antwoord", mode=mode)
        people = self.count("SELECT COUNT(*) FROM people")
        c = self.client()
        self.assertRefused(idphelp.saml_sign_in(c, self.idp, "saml"), status, c)
        self.assertEqual(self.count("SELECT COUNT(*) FROM people"), people)
        self.assertIsNone(self.person_id("saml-" + mode))
        return self.last_refusal()

    def test_a_tampered_response_is_refused(self):
        self.assertIn("not signed properly", self.refused("tamper"))

    def test_an_unsigned_response_is_refused(self):
        self.assertIn("not signed properly", self.refused("unsigned"))

    def test_an_assertion_changed_after_signing_is_refused(self):
        self.assertIn("not signed properly", self.refused("assertion-signed-tamper"))

    def test_another_audience_is_refused(self):
        self.assertIn("another audience", self.refused("audience"))

    def test_another_recipient_is_refused(self):
        self.assertIn("another address", self.refused("recipient"))

    def test_an_expired_assertion_is_refused(self):
        self.assertIn("expired", self.refused("expired"))

    def test_an_assertion_not_valid_yet_is_refused(self):
        self.assertIn("not valid yet", self.refused("notyet"))

    def test_a_replayed_assertion_is_refused(self):
        self.idp.person("saml-replay", "replay@example.org", "Twee Keer")
        c = self.client()
        path, fields = idphelp.saml_response(c, self.idp, "saml")
        self.assertEqual(c.post(path, fields).status, 303)
        # the same post again: its attempt is used up
        attacker = self.client()
        self.assertRefused(attacker.post(path, fields), 400, attacker)
        # under a fresh attempt of a browser of its own: the assertion was used
        fresh_path, fresh = idphelp.saml_response(attacker, self.idp, "saml")
        replay = dict(fields, RelayState=fresh["RelayState"])
        self.assertRefused(attacker.post(fresh_path, replay), 403, attacker)
        self.assertIn("used before", self.last_refusal())

    def test_an_answer_to_another_request_is_refused(self):
        self.idp.person("saml-other", "other-request@example.org", "Ander Verzoek")
        c = self.client()
        _path, first = idphelp.saml_response(c, self.idp, "saml")   # never sent
        path, second = idphelp.saml_response(c, self.idp, "saml")
        mixed = dict(first, RelayState=second["RelayState"])
        self.assertRefused(c.post(path, mixed), 403, c)
        self.assertIn("another request", self.last_refusal())
        self.assertIsNone(self.person_id("saml-other"))

    def test_a_wrong_relay_state_is_refused(self):
        c = self.client()
        path, fields = idphelp.saml_response(c, self.idp, "saml")
        self.assertRefused(c.post(path, dict(fields, RelayState="AAAAAAAAAAAAAAAAAAAAAA")), 400, c)
        self.assertRefused(c.post(path, {"SAMLResponse": fields["SAMLResponse"]}), 400, c)

    def test_a_response_posted_by_another_browser_is_refused(self):
        c = self.client()
        path, fields = idphelp.saml_response(c, self.idp, "saml")
        other = self.client()
        self.assertRefused(other.post(path, fields), 400, other)
        self.assertRefused(c.post(path, fields), 400, c)  # used up

    def test_an_oidc_start_for_a_saml_provider_is_404(self):
        c = self.client()
        r = c.post("/login/oidc/saml", [("csrf", harness.csrf_from(c.get("/login")))])
        self.assertEqual(r.status, 404)


class SamlNotSetUpTest(ServerTestCase):
    def test_metadata_is_404_without_a_key(self):
        self.assertEqual(self.client().get("/saml/metadata").status, 404)
