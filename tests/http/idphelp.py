"""idphelp.py - a real OpenID Connect provider on loopback for the sign-in
tests: tests/idp/oidc.mjs (the npm package oidc-provider), started by the
test, installed by tests/idp/install.sh (npm ci) when it is missing.

The provider has no login screens: it signs in whoever its state file
names (OidcProvider.person), and can play a misbehaving provider by
changing its ID token (mode: tamper, audience, expired, nonce, rotate;
see oidc.mjs). browse() follows the redirects a browser would, with the
provider's cookies in a jar of its own, and stops at werkplaats's callback
so that a test can send it as it is, change it, or send it twice."""

import http.client
import json
import os
import subprocess
import time
import urllib.parse

import harness

IDP_DIR = os.path.join(harness.REPO, "tests", "idp")
CLIENT_ID = "werkplaats"
CLIENT_SECRET = "test-secret"


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
    return client.post("/login/sso/%s" % slug, [("csrf", harness.csrf_from(r)), ("next", next_path)])


def callback_for(client, provider, slug, next_path="/"):
    """The callback path the provider sends the browser to (not sent yet)."""
    r = start_sign_in(client, slug, next_path)
    if r.status != 303 or not (r.location or "").startswith(provider.issuer + "/auth?"):
        raise AssertionError("starting the sign-in gave %r" % r)
    return browse(provider, r.location)


def sign_in(client, provider, slug, next_path="/"):
    """The whole sign-in; the callback's response."""
    return client.get(callback_for(client, provider, slug, next_path))
