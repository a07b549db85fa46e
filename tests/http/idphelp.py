"""idphelp.py - real identity providers on loopback for the sign-in tests,
started by the test: an OpenID Connect provider, tests/idp/oidc.mjs (the
npm package oidc-provider, installed by tests/idp/install.sh with npm ci
when it is missing), and a SAML 2.0 IdP, tests/idp/saml_idp.py (Lasso's
Python binding from Debian, python3-lasso).

The provider has no login screens: it signs in whoever its state file
names (OidcProvider.person), and can play a misbehaving provider by
changing its ID token (mode: tamper, audience, expired, nonce, rotate;
see oidc.mjs). browse() follows the redirects a browser would, with the
provider's cookies in a jar of its own, and stops at werkplaats's callback
so that a test can send it as it is, change it, or send it twice."""

import html as html_lib
import http.client
import json
import os
import re
import subprocess
import time
import urllib.parse

import harness

IDP_DIR = os.path.join(harness.REPO, "tests", "idp")
CLIENT_ID = "werkplaats"
CLIENT_SECRET = "test-secret"


class ProviderTestCase(harness.ServerTestCase):
    """A server and an identity provider (cls.idp, made in before_start)
    that starts once the server's address is known: the address the
    provider needs is cls.provider_argument()."""

    idp = None

    @classmethod
    def provider_argument(cls):
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.idp.start(cls.provider_argument())
        except BaseException:
            super().tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.idp.stop()
        finally:
            super().tearDownClass()

    def person_id(self, subject):
        """The account bound to the provider's subject, or None."""
        rows = self.server.sql("SELECT person_id FROM external_identities WHERE subject = '%s'" % subject)
        return int(rows[0][0]) if rows else None

    def count(self, query):
        return int(self.server.sql(query)[0][0])

    def last_refusal(self):
        return self.server.sql("SELECT detail FROM audit_log WHERE action = 'sign-in refused'"
                               " ORDER BY id DESC LIMIT 1")[0][0]

    def assertRefused(self, resp, status, client):
        """Refused with status, and nobody signed in."""
        self.assertEqual(resp.status, status, resp)
        self.assertNotIn("wp_session", client.cookies)
        self.assertEqual(client.get("/").status, 303)  # still sent to the login page


def install():
    res = subprocess.run(["sh", os.path.join(IDP_DIR, "install.sh")], capture_output=True, text=True)
    if res.returncode != 0:
        raise AssertionError("tests/idp/install.sh failed:\n%s%s" % (res.stdout, res.stderr))


class OidcProvider:
    def __init__(self, directory, port=None):
        self.port = port or harness.free_port()
        self.issuer = "http://127.0.0.1:%d" % self.port
        self.state_path = os.path.join(directory, "idp-state.json")
        self.log_path = os.path.join(directory, "idp-log.txt")
        self.proc = None
        self.person("u1", "eerste@example.org", "Eerste Persoon")

    def person(self, account, email, name, mode=""):
        with open(self.state_path, "w") as f:
            json.dump({"account": account, "claims": {"email": email, "name": name}, "mode": mode}, f)

    def start(self, redirect_uri, timeout=30):
        install()
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(["node", os.path.join(IDP_DIR, "oidc.mjs"), str(self.port),
                                      redirect_uri, self.state_path],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log)
        deadline = time.monotonic() + timeout
        line = b""
        while time.monotonic() < deadline and self.proc.poll() is None:
            line = self.proc.stdout.readline()
            if line.strip() == b"ready":
                return self
        self.stop()
        raise AssertionError("the OpenID Connect provider did not start: %r %s" %
                             (line, open(self.log_path, "rb").read()[-2000:]))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stdout.close()
            self._log.close()
        self.proc = None


def browse(provider, location, max_hops=12):
    """Follow the provider's redirects from location (its authorization
    URL) until one leaves the provider; return that URL's path and query."""
    jar = {}
    for _ in range(max_hops):
        u = urllib.parse.urlsplit(location)
        if u.port != provider.port:
            return u.path + ("?" + u.query if u.query else "")
        conn = http.client.HTTPConnection("127.0.0.1", provider.port, timeout=30)
        headers = {"Cookie": "; ".join("%s=%s" % kv for kv in jar.items())} if jar else {}
        try:
            conn.request("GET", u.path + ("?" + u.query if u.query else ""), headers=headers)
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, value = v.split(";")[0].split("=", 1)
                jar[name] = value
        nxt = resp.getheader("Location")
        if not nxt:
            raise AssertionError("the provider stopped at %s with %d: %r" %
                                 (u.path, resp.status, body[:500]))
        location = urllib.parse.urljoin(provider.issuer + u.path, nxt)
    raise AssertionError("too many redirects at the provider")


def start_sign_in(client, slug, next_path="/"):
    """Press the provider's button on the login page; the redirect."""
    r = client.get("/login")
    if r.status != 200:
        raise AssertionError("GET /login gave %r" % r)
    return client.post("/login/oidc/%s" % slug, [("csrf", harness.csrf_from(r)), ("next", next_path)])


def callback_for(client, provider, slug, next_path="/"):
    """The callback path the provider sends the browser to (not sent yet)."""
    r = start_sign_in(client, slug, next_path)
    if r.status != 303 or not (r.location or "").startswith(provider.issuer + "/auth?"):
        raise AssertionError("starting the sign-in gave %r" % r)
    return browse(provider, r.location)


def sign_in(client, provider, slug, next_path="/"):
    """The whole sign-in; the callback's response."""
    return client.get(callback_for(client, provider, slug, next_path))


# ---- SAML ----

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, where python3-lasso imports


def make_key(directory, name):
    """A fresh RSA key and self-signed certificate: NAME-key.pem, NAME-cert.pem."""
    key, cert = (os.path.join(directory, "%s-%s.pem" % (name, kind)) for kind in ("key", "cert"))
    res = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                          "-out", cert, "-days", "2", "-subj", "/CN=werkplaats test %s" % name],
                         capture_output=True)
    if res.returncode != 0:
        raise AssertionError("openssl failed: %r" % res.stderr)
    return key, cert


class SamlProvider:
    """tests/idp/saml_idp.py: Lasso in the IdP role, on loopback."""

    def __init__(self, directory, port=None):
        self.dir = directory
        self.port = port or harness.free_port()
        self.metadata_url = "http://127.0.0.1:%d/metadata" % self.port
        self.state_path = os.path.join(directory, "saml-idp-state.json")
        self.log_path = os.path.join(directory, "saml-idp-log.txt")
        self.proc = None
        make_key(directory, "idp")
        self.person("u1", "eerste@example.org", "Eerste Persoon")

    person = OidcProvider.person

    def start(self, sp_metadata_url, timeout=30):
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([SYSTEM_PYTHON, os.path.join(IDP_DIR, "saml_idp.py"), str(self.port),
                                      sp_metadata_url, self.dir, self.state_path],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log)
        line = self.proc.stdout.readline()
        if line.strip() != b"ready":
            self.stop()
            raise AssertionError("the SAML identity provider did not start: %r %s" %
                                 (line, open(self.log_path, "rb").read()[-2000:]))
        return self

    stop = OidcProvider.stop


def saml_response(client, provider, slug, next_path="/"):
    """Start a SAML sign-in and let the IdP answer: (ACS path, form fields)
    as the IdP's page would POST them (not sent yet)."""
    r = client.get("/login")
    r = client.post("/login/saml/%s" % slug, [("csrf", harness.csrf_from(r)), ("next", next_path)])
    if r.status != 303 or not (r.location or "").startswith("http://127.0.0.1:%d/sso?" % provider.port):
        raise AssertionError("starting the SAML sign-in gave %r" % r)
    u = urllib.parse.urlsplit(r.location)
    conn = http.client.HTTPConnection("127.0.0.1", provider.port, timeout=30)
    try:
        conn.request("GET", u.path + "?" + u.query)
        resp = conn.getresponse()
        page = resp.read().decode()
    finally:
        conn.close()
    if resp.status != 200:
        raise AssertionError("the SAML IdP answered %d: %s" % (resp.status, page[:500]))
    action = html_lib.unescape(re.search(r'action="([^"]*)"', page).group(1))
    fields = {m.group(1): html_lib.unescape(m.group(2))
              for m in re.finditer(r'name="(\w+)" value="([^"]*)"', page)}
    return urllib.parse.urlsplit(action).path, fields


def saml_sign_in(client, provider, slug, next_path="/"):
    path, fields = saml_response(client, provider, slug, next_path)
    return client.post(path, fields)
