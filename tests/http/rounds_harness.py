"""rounds_harness.py - a small stand-in for the shared harness (tests/http/
harness.py, branch httptests), with the same names where they overlap:
Server, Client, csrf_from, ServerTestCase. It adds what the rounds tests
need: extra `serve` options (the SMTP sink) and multipart uploads.

Only the Python standard library is used. The server is the sanitizer
build; stopping it fails when it exits non-zero or wrote a sanitizer
report.
"""

import html as html_lib
import http.client
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.abspath(os.path.join(REPO, os.environ.get("WERKPLAATS_BIN", "build/werkplaats-asan")))

DEMO_PASSWORD = "werkplaats-demo"
ADMIN = "beheer@demo.example.org"
COORDINATOR = "coordinator@demo.example.org"  # coordinator of geriatrie, member of de-vlonder
MEMBER = "lid@demo.example.org"  # member of geriatrie only
YOUSSEF = "youssef@demo.example.org"  # coordinator of de-vlonder
PETRA = "petra@demo.example.org"  # coordinator of wijkleerbedrijf-oost

GERIATRIE = "leerafdeling-geriatrie"
VLONDER = "opleidingsschool-de-vlonder"
OOST = "wijkleerbedrijf-oost"

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "SUMMARY: UndefinedBehaviorSanitizer", "SUMMARY: AddressSanitizer")


def sanitizer_env():
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    env.pop("WERKPLAATS_SMTP_USER", None)
    env.pop("WERKPLAATS_SMTP_PASSWORD", None)
    return env


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, demo=True, extra_args=None):
        self.tmp = tempfile.TemporaryDirectory(prefix="wp-rounds-")
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "werkplaats.db")
        self.stderr_path = os.path.join(self.dir, "stderr.txt")
        self.extra_args = list(extra_args or [])
        self.proc = None
        if demo:
            p = subprocess.run([BIN, "demo", "--db", self.db], env=sanitizer_env(),
                               capture_output=True, timeout=120)
            if p.returncode != 0:
                raise AssertionError("werkplaats demo failed: %r" % p.stderr)

    def start(self, timeout=30):
        self.port = free_port()
        args = [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port] + \
            self.extra_args
        self._err = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self._err, env=sanitizer_env(), cwd=self.dir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("serve exited:\n" + self.stderr())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.02)
        raise AssertionError("serve did not listen:\n" + self.stderr())

    def stop(self):
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(30)
        self._err.close()
        err = self.stderr()
        if any(m in err for m in SANITIZER_MARKS):
            raise AssertionError("sanitizer report from werkplaats serve:\n" + err[-20000:])
        if rc != 0:
            raise AssertionError("werkplaats serve exited with %d:\n%s" % (rc, err[-4000:]))

    def cleanup(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.tmp.cleanup()

    def stderr(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def sql(self, query):
        p = subprocess.run(["sqlite3", "-readonly", "-separator", "\t", self.db, query],
                           capture_output=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError("sqlite3 %r failed: %s" % (query, p.stderr.decode()))
        return [ln.split("\t") for ln in p.stdout.decode().splitlines()]

    def client(self, **kw):
        return Client(self, **kw)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def location(self):
        return self.header("Location")

    def __repr__(self):
        return "<Response %d location=%r body=%r>" % (self.status, self.location, self.text[:3000])


CSRF_RE = re.compile(r'name="csrf" value="([^"]*)"')


def csrf_from(page):
    text = page.text if isinstance(page, Response) else page
    m = CSRF_RE.search(text)
    if not m:
        raise AssertionError("no csrf field on the page:\n%s" % text[:2000])
    return html_lib.unescape(m.group(1))


def multipart_body(fields, files):
    """fields: list of (name, value); files: list of (name, filename, bytes)."""
    boundary = "----wp" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" %
                    (boundary, name)).encode() + value.encode("utf-8") + b"\r\n")
    for name, filename, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: text/csv\r\n\r\n" % (boundary, name, filename)).encode() +
                   data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=%s" % boundary


class Client:
    def __init__(self, server, accept_language=None):
        self.server = server
        self.cookies = {}
        self.accept_language = accept_language

    def request(self, method, path, body=None, headers=None, timeout=60):
        h = {}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.accept_language:
            h["Accept-Language"] = self.accept_language
        h.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            resp = Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()
        for k, v in resp.headers:
            if k.lower() == "set-cookie":
                parts = [p.strip() for p in v.split(";")]
                name, _, value = parts[0].partition("=")
                if any(p.lower() == "max-age=0" for p in parts[1:]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return resp

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def post_multipart(self, path, fields, files=()):
        body, ct = multipart_body(list(fields), list(files))
        return self.request("POST", path, body=body, headers={"Content-Type": ct})

    def csrf(self, page="/"):
        r = self.get(page)
        if r.status != 200:
            raise AssertionError("GET %s for a csrf token gave %r" % (page, r))
        return csrf_from(r)

    def submit(self, page, action, fields):
        f = list(fields.items()) if isinstance(fields, dict) else list(fields)
        return self.post(action, f + [("csrf", self.csrf(page))])

    def login_ok(self, email, password=DEMO_PASSWORD):
        r = self.get("/login")
        r = self.post("/login", [("csrf", csrf_from(r)), ("email", email),
                                 ("password", password)])
        if r.status != 303 or "wp_session" not in self.cookies:
            raise AssertionError("login as %s failed: %r" % (email, r))
        return r


class ServerTestCase(unittest.TestCase):
    demo = True
    serve_args = ()
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(demo=cls.demo, extra_args=cls.serve_args)
        try:
            cls.server.start()
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
        finally:
            cls.server.cleanup()

    def client(self, **kw):
        return self.server.client(**kw)
