"""test_foundation.py - black-box tests of the foundation: login, sessions,
CSRF, throttling, access to workplaces, errors, headers, language, account
and administration pages, the request log and the command line.

Every class starts its own server (see harness.py); tests inside a class
share it, so each test uses accounts the others in its class leave alone.
"""

import html as html_lib
import http.client
import os
import re
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

from harness import (ADMIN, REPO, BODY_CAP, COORDINATOR, DEMO_PASSWORD, GERIATRIE, MEMBER, OOST,
                     PETRA, PROGRAMME_LEAD, RESEARCHER, VLONDER, WORKPLACE_NAMES, YOUSSEF,
                     PG, Server, ServerTestCase, csrf_from, new_store, parse_raw, read_all,
                     run_cli, sqlite_dump, sqlite_only)
import harness

NEW_PASSWORD = "een-nieuw-wachtwoord-42"
WRONG_LOGIN = "Dit e-mailadres en wachtwoord horen niet bij elkaar."
FORM_HEADERS = "Content-Type: application/x-www-form-urlencoded\r\n"


def strip_volatile(page):
    """A page without the parts that differ between two requests: CSRF
    tokens, the echoed e-mail address and the language switch's return path."""
    for field in ("csrf", "email", "next"):
        page = re.sub(r'name="%s" value="[^"]*"' % field, 'name="%s" value=""' % field, page)
    return page


def error_sentence(page):
    """The first paragraph of an error page's main content."""
    m = re.search(r'<main id="main"><h1>([^<]+)</h1><p>([^<]{20,})</p>', page)
    return m and m.group(2)


# ---------------------------------------------------------------------------


class LoginTest(ServerTestCase):

    def test_login_ok_sets_session_cookie_and_lists_workplaces(self):
        c = self.client()
        r = c.login(COORDINATOR)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, "/")
        cookie = r.set_cookies().get("wp_session")
        self.assertIsNotNone(cookie, r.headers)
        self.assertTrue(len(cookie["value"]) >= 20, cookie)
        self.assertIs(cookie["attrs"].get("httponly"), True, cookie)
        self.assertEqual(cookie["attrs"].get("samesite"), "Lax", cookie)
        self.assertEqual(cookie["attrs"].get("path"), "/", cookie)
        self.assertNotIn("secure", cookie["attrs"], "Secure only with --secure-cookies")
        home = c.get("/")
        self.assertEqual(home.status, 200, home)
        self.assertIn("Anouk de Vries", home.text)
        self.assertIn(WORKPLACE_NAMES[GERIATRIE], home.text)
        self.assertIn(WORKPLACE_NAMES[VLONDER], home.text)
        self.assertIn('href="/pw/%s"' % GERIATRIE, home.text)
        self.assertNotIn(WORKPLACE_NAMES[OOST], home.text)

    def test_printed_demo_logins_work_as_described(self):
        out = self.server.demo_output
        self.assertIn("password for all: %s" % DEMO_PASSWORD, out)
        printed = re.findall(r"^\s+(\S+@demo\.example\.org)\s+(.+)$", out, re.M)
        self.assertGreaterEqual(len(printed), 5, out)
        for email, what in printed:
            with self.subTest(email=email):
                c = self.client()
                c.login_ok(email)
                home = c.get("/").text
                roles = re.findall(r'<p class="role">Jouw rol: ([^<]+)</p>', home)
                if "site administrator" in what:
                    self.assertIn('href="/admin"', home)
                if "coordinator of one workplace, member of another" in what:
                    self.assertEqual(sorted(roles), ["coördinator", "lid"], what)
                if "member of one workplace" == what.strip():
                    self.assertEqual(roles, ["lid"], what)

    def test_member_home_lists_only_own_workplace(self):
        c = self.client()
        c.login_ok(MEMBER)
        home = c.get("/")
        self.assertEqual(home.status, 200)
        self.assertIn(WORKPLACE_NAMES[GERIATRIE], home.text)
        self.assertNotIn(WORKPLACE_NAMES[VLONDER], home.text)
        self.assertNotIn(WORKPLACE_NAMES[OOST], home.text)
        self.assertNotIn('href="/admin"', home.text)

    def test_email_is_case_insensitive(self):
        c = self.client()
        r = c.login("  Lid@Demo.Example.ORG ")
        self.assertEqual(r.status, 303, r)
        self.assertEqual(c.get("/").status, 200)

    def test_wrong_password(self):
        c = self.client()
        r = c.login(PETRA, "not-the-password")
        self.assertEqual(r.status, 400, r)
        self.assertNotIn("wp_session", r.set_cookies())
        self.assertNotIn("wp_session", c.cookies)
        self.assertIn(WRONG_LOGIN, r.text)
        self.assertIn('aria-invalid="true"', r.text)
        self.assertIn('value="%s"' % PETRA, r.text, "the e-mail address is kept in the form")
        self.assertNotIn("not-the-password", r.text, "a password is never echoed")
        home = c.get("/")
        self.assertRedirectsToLogin(home)

    def test_unknown_email_looks_like_wrong_password(self):
        wrong = self.client().login(YOUSSEF, "not-the-password")
        unknown = self.client().login("niemand@demo.example.org", "not-the-password")
        self.assertEqual(unknown.status, wrong.status)
        self.assertEqual(unknown.status, 400)
        self.assertNotIn("wp_session", unknown.set_cookies())
        self.assertIn(WRONG_LOGIN, unknown.text)
        self.assertEqual(strip_volatile(unknown.text), strip_volatile(wrong.text))

    def test_invalid_email_shape(self):
        for email in ("geen-apenstaartje", "a@b", "@demo.example.org", "a@@demo.example.org",
                      "a b@demo.example.org", "a@demo.example.org."):
            with self.subTest(email=email):
                c = self.client()
                r = c.login(email)
                self.assertEqual(r.status, 400, r)
                self.assertIn("Geef een geldig e-mailadres", r.text)
                self.assertNotIn("wp_session", c.cookies)

    def test_empty_password(self):
        c = self.client()
        r = c.login(MEMBER, "")
        self.assertEqual(r.status, 400, r)
        self.assertIn("Vul je wachtwoord in.", r.text)
        self.assertNotIn("wp_session", c.cookies)

    def test_login_returns_to_local_next(self):
        c = self.client()
        r = c.get("/pw/%s" % GERIATRIE)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.location, "/login?next=/pw/%s" % GERIATRIE)
        form = c.get(r.location)
        self.assertIn('name="next" value="/pw/%s"' % GERIATRIE, form.text)
        r = c.post("/login", {"csrf": csrf_from(form), "email": MEMBER,
                              "password": DEMO_PASSWORD, "next": "/pw/%s" % GERIATRIE})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, "/pw/%s" % GERIATRIE)

    def test_login_page_when_logged_in_redirects(self):
        c = self.client()
        c.login_ok(MEMBER)
        r = c.get("/login")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.location, "/")
        r = c.get("/login?next=/account")
        self.assertEqual(r.location, "/account")

    def test_logout_ends_session_and_cookie_replay_fails(self):
        c = self.client()
        c.login_ok(RESEARCHER)
        old = dict(c.cookies)
        self.assertEqual(c.get("/").status, 200)
        r = c.logout()
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, "/login")
        cleared = r.set_cookies().get("wp_session")
        self.assertIsNotNone(cleared, "logout clears the cookie")
        self.assertEqual(cleared["attrs"].get("max-age"), "0")
        self.assertRedirectsToLogin(c.get("/"))
        # a stolen copy of the cookie no longer works either
        replay = self.client()
        replay.cookies = old
        self.assertRedirectsToLogin(replay.get("/"))
        self.assertRedirectsToLogin(replay.get("/account"))
        self.assertRedirectsToLogin(replay.get("/pw/%s" % GERIATRIE))

    def test_logout_ends_only_that_session(self):
        a, b = self.client(), self.client()
        a.login_ok(PROGRAMME_LEAD)
        b.login_ok(PROGRAMME_LEAD)
        a.logout()
        self.assertRedirectsToLogin(a.get("/"))
        self.assertEqual(b.get("/").status, 200)

    def test_forged_session_cookie_is_anonymous(self):
        c = self.client()
        c.cookies["wp_session"] = "A" * 22
        self.assertRedirectsToLogin(c.get("/"))
        c.cookies["wp_session"] = "<script>"
        self.assertRedirectsToLogin(c.get("/"))


class ThrottleTest(ServerTestCase):
    """Failed logins per account: the 6th attempt within 15 minutes is refused."""

    def fail(self, email, times):
        for i in range(times):
            r = self.client().login(email, "wrong-password-%d" % i)
            self.assertEqual(r.status, 400, "failure %d: %r" % (i + 1, r))

    def test_sixth_attempt_is_refused_even_with_right_password(self):
        self.fail(MEMBER, 5)
        c = self.client()
        r = c.login(MEMBER, DEMO_PASSWORD)
        self.assertEqual(r.status, 429, r)
        self.assertEqual(r.header("Retry-After"), "900")
        self.assertIn("Te veel mislukte pogingen", r.text)
        self.assertNotIn("wp_session", c.cookies)
        # another account from the same address is not affected
        self.client().login_ok(COORDINATOR)

    def test_four_failures_then_right_password_logs_in_and_resets(self):
        self.fail(YOUSSEF, 4)
        self.client().login_ok(YOUSSEF)
        # the success cleared the count: four more failures are allowed again
        self.fail(YOUSSEF, 4)
        self.client().login_ok(YOUSSEF)


class AddressThrottleTest(ServerTestCase):
    """Failures per address: 20 within 15 minutes (failed logins and posts to
    unknown password links together) block every login and link."""

    def probe_link(self, c, i):
        return c.post("/password/%s" % ("p%021d" % i), {"csrf": c.csrf("/login"),
                                                         "new": NEW_PASSWORD,
                                                         "repeat": NEW_PASSWORD})

    def test_twenty_failures_from_one_address_block_all_logins(self):
        for i in range(10):
            r = self.client().login("onbekend-%d@demo.example.org" % i, "wrong-password")
            self.assertEqual(r.status, 400, r)
        c = self.client()
        for i in range(9):
            self.assertEqual(self.probe_link(c, i).status, 404)
        for i in range(5):  # looking at a link is not a probe: GET never writes
            self.assertEqual(c.get("/password/%s" % ("g%021d" % i)).status, 404)
        self.client().login_ok(PETRA)  # 19 failures: still allowed
        self.assertEqual(self.probe_link(c, 99).status, 404)  # the 20th
        r = self.client().login(PETRA)
        self.assertEqual(r.status, 429, r)
        self.assertEqual(r.header("Retry-After"), "900")
        self.assertIn("Te veel mislukte pogingen", r.text)
        r = c.get("/password/%s" % ("g%021d" % 0))
        self.assertEqual(r.status, 429, r)
        self.assertIn("Te veel ongeldige links", r.text)


class ConcurrencyTest(ServerTestCase):
    """Many browsers at once: logins (writes) and page views (reads) from
    parallel connections all succeed; none gets a 5xx."""

    def test_parallel_browsers(self):
        people = [ADMIN, COORDINATOR, MEMBER, YOUSSEF, PETRA, PROGRAMME_LEAD, RESEARCHER]
        statuses, errors = [], []

        def browse(i):
            try:
                c = self.client()
                statuses.append(c.login(people[i % len(people)]).status)
                for _ in range(4):
                    statuses.append(c.get("/").status)
                    statuses.append(c.submit("/", "/lang", {"lang": "en", "next": "/"}).status)
            except Exception as e:  # reported below, with the others
                errors.append(repr(e))

        threads = [threading.Thread(target=browse, args=(i,)) for i in range(24)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(len(statuses), 24 * 9)
        self.assertEqual(sorted(set(statuses)), [200, 303])

    def test_keep_alive(self):
        c = self.client()
        c.login_ok(MEMBER)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            headers = {"Cookie": "wp_session=%s" % c.cookies["wp_session"]}
            socks = set()
            for path, status in (("/", 200), ("/nope", 404), ("/pw/%s" % GERIATRIE, 200),
                                 ("/static/app.css", 200)):
                conn.request("GET", path, headers=headers)
                r = conn.getresponse()
                r.read()
                self.assertEqual(r.status, status, path)
                socks.add(id(conn.sock))
            self.assertEqual(len(socks), 1, "one connection served every request")
        finally:
            conn.close()


# ---------------------------------------------------------------------------


class CsrfTest(ServerTestCase):

    def assertForbidden(self, r):
        self.assertEqual(r.status, 403, r)
        self.assertIn("Er is niets opgeslagen", r.text)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")

    def bad_tokens(self, c):
        """Missing, empty, wrong, and another browser's valid token."""
        other = self.client()
        other.login_ok(PROGRAMME_LEAD)
        return [None, "", "0" * 64, csrf_from(other.get("/"))]

    def fields(self, base, token):
        f = list(base.items())
        if token is not None:
            f.append(("csrf", token))
        return f

    def test_logout_without_valid_csrf(self):
        c = self.client()
        c.login_ok(MEMBER)
        for tok in self.bad_tokens(c):
            with self.subTest(token=tok):
                r = c.post("/logout", self.fields({}, tok))
                self.assertForbidden(r)
                self.assertNotIn("wp_session", r.set_cookies())
                self.assertEqual(c.get("/").status, 200, "the session still works")

    def test_lang_without_valid_csrf(self):
        c = self.client()
        c.get("/login")
        for tok in [None, "", "0" * 64]:
            with self.subTest(token=tok):
                r = c.post("/lang", self.fields({"lang": "en", "next": "/login"}, tok))
                self.assertForbidden(r)
                self.assertNotIn("wp_lang", r.set_cookies())
                self.assertIn('<html lang="nl">', c.get("/login").text)

    def test_admin_account_create_without_valid_csrf(self):
        c = self.admin()
        for i, tok in enumerate(self.bad_tokens(c)):
            email = "csrf-%d@demo.example.org" % i
            with self.subTest(token=tok):
                r = c.post("/admin/accounts",
                           self.fields({"name": "Via CSRF", "email": email}, tok))
                self.assertForbidden(r)
                self.assertNotIn("/password/", r.text)
                admin = c.get("/admin")
                self.assertEqual(admin.status, 200)
                self.assertNotIn(email, admin.text)
                self.assertEqual(self.server.sql(
                    "SELECT count(*) FROM people WHERE email = '%s'" % email), [["0"]])

    def test_account_password_without_valid_csrf(self):
        c = self.client()
        c.login_ok(RESEARCHER)
        for tok in self.bad_tokens(c):
            with self.subTest(token=tok):
                r = c.post("/account/password", self.fields(
                    {"current": DEMO_PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD}, tok))
                self.assertForbidden(r)
                self.assertEqual(c.get("/account").status, 200, "the session still works")
        self.assertEqual(self.client().login(RESEARCHER, NEW_PASSWORD).status, 400)
        self.client().login_ok(RESEARCHER, DEMO_PASSWORD)

    def test_login_without_valid_csrf(self):
        c = self.client()
        c.get("/login")
        r = c.post("/login", {"email": PETRA, "password": DEMO_PASSWORD})
        self.assertForbidden(r)
        self.assertNotIn("wp_session", c.cookies)
        # a token made for one anonymous browser does not work for another
        other = self.client()
        r = other.post("/login", {"email": PETRA, "password": DEMO_PASSWORD,
                                  "csrf": csrf_from(c.get("/login"))})
        self.assertForbidden(r)
        self.assertNotIn("wp_session", other.cookies)

    def test_token_from_before_login_is_refused_after_login(self):
        c = self.client()
        before = csrf_from(c.get("/login"))
        c.login_ok(YOUSSEF)
        r = c.post("/logout", {"csrf": before})
        self.assertForbidden(r)
        self.assertEqual(c.get("/").status, 200)

    def test_valid_csrf_is_accepted(self):
        # the other side of the boundary: the same requests with the page's token work
        c = self.client()
        c.login_ok(COORDINATOR)
        r = c.submit("/", "/lang", {"lang": "en", "next": "/"})
        self.assertEqual(r.status, 303, r)
        r = c.submit("/", "/logout", {})
        self.assertEqual(r.status, 303, r)
        self.assertRedirectsToLogin(c.get("/"))


# ---------------------------------------------------------------------------


class ReadOnlyGetTest(ServerTestCase):
    """No GET (or HEAD) changes the database, for any visitor."""

    LINK_RE = re.compile(r'(?:href|src)="([^"]*)"')

    def crawl(self, c, start, base):
        seen, todo, statuses = set(), list(start), {}
        while todo:
            path = todo.pop(0)
            if path in seen:
                continue
            seen.add(path)
            r = c.get(path)
            statuses[path] = r.status
            self.assertLess(r.status, 500, (path, r))
            h = c.request("HEAD", path)
            self.assertEqual(h.status, r.status, ("HEAD", path))
            self.assertEqual(h.body, b"", ("HEAD has no body", path))
            if r.location:
                todo.append(r.location)
            if "text/html" not in (r.header("Content-Type") or ""):
                continue
            for link in self.LINK_RE.findall(r.text):
                link = html_lib.unescape(link)
                if link.startswith(base):
                    link = link[len(base):]
                if link.startswith("/") and not link.startswith("//"):
                    todo.append(link.split("#")[0])
        return statuses

    def test_gets_do_not_change_the_database(self):
        admin = self.admin()
        member = self.client()
        member.login_ok(MEMBER)
        created = admin.submit("/admin", "/admin/accounts",
                               {"name": "Nieuw Lid", "email": "nieuw@demo.example.org"})
        self.assertEqual(created.status, 200, created)
        link = re.search(r"/password/[A-Za-z0-9_-]+", created.text).group(0)
        base = "http://127.0.0.1:%d" % self.server.port

        before = self.server.dump()
        extra = ["/", "/login", "/login?next=/admin", "/login?done=1", "/account",
                 "/account?changed=1", "/admin", "/pw/%s" % GERIATRIE, "/pw/%s" % VLONDER,
                 "/pw/%s" % OOST, "/pw/does-not-exist", link, "/password/" + "x" * 22,
                 "/password/nonsense", "/static/app.css", "/static/nope.css", "/nope",
                 "/logout", "/lang", "/account/password", "/admin/accounts"]
        seen = {}
        for who, c in (("anonymous", self.client()), ("admin", admin), ("member", member),
                       ("english", self.client(accept_language="en"))):
            with self.subTest(visitor=who):
                seen[who] = self.crawl(c, extra, base)
        after = self.server.dump()
        self.assertEqual(before.splitlines(), after.splitlines())
        # the crawl did reach the pages it should have
        for path in ("/admin", "/account", "/pw/%s" % OOST, link):
            self.assertEqual(seen["admin"].get(path), 200, path)
        self.assertEqual(seen["anonymous"].get(link), 200)
        self.assertEqual(seen["member"].get("/pw/%s" % GERIATRIE), 200)
        self.assertTrue(any(p.startswith("/static/app.css?v=") and s == 200
                            for p, s in seen["anonymous"].items()), seen["anonymous"])
        # and the password link still works after being looked at
        r = self.client().get(link)
        self.assertEqual(r.status, 200)


# ---------------------------------------------------------------------------


class ErrorTest(ServerTestCase):

    def raw_post(self, path, body, extra_headers=FORM_HEADERS):
        req = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sContent-Length: %d\r\n"
               "Connection: close\r\n\r\n" % (path, extra_headers, len(body))).encode() + body
        return parse_raw(self.server.raw(req, timeout=30))

    def assertErrorPage(self, r, status, sentence=None):
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8", r)
        self.assertTrue(r.text.startswith("<!doctype html>"), r)
        self.assertIn("</html>", r.text)
        s = error_sentence(r.text)
        self.assertTrue(s, "an error page says what happened in a sentence: %r" % r.text[:800])
        if sentence:
            self.assertIn(sentence, r.text)
        self.assertIn('href="/"', r.text, "an error page leads back to the start page")
        self.assertEqual(r.header("Cache-Control"), "no-store")

    def test_400_malformed_urlencoded_body(self):
        c = self.client()
        tok = c.csrf("/login")
        for body in ("a=%ZZ", "email=%", "email=%4", "a=%00b", "%G0=1", "csrf=%s&email=%%zz" % tok):
            with self.subTest(body=body):
                r = c.post("/login", body)
                self.assertErrorPage(r, 400, "ongeldige codering")
                self.assertNotIn("wp_session", c.cookies)

    def test_well_formed_body_is_not_400(self):
        # the other side: the same fields well encoded reach the handler
        c = self.client()
        r = c.post("/login", "a=%41%2b+&email=%40")
        self.assertEqual(r.status, 403, r)  # no csrf: got past the parser

    def test_400_invalid_email_shape(self):
        c = self.client()
        r = c.login("not an e-mail")
        self.assertEqual(r.status, 400, r)
        self.assertIn("Geef een geldig e-mailadres", r.text)
        self.assertIn('id="f-email"', r.text, "the form is shown again")

    def test_404_unknown_paths(self):
        c = self.client()
        for path in ("/does-not-exist", "/login/", "/static/", "/static/nope.css", "/pw",
                     "/pw/", "/admin/", "/admin/accounts/1", "/" + "a/" * 40,
                     "/" + "x" * 2000):
            with self.subTest(path=path):
                self.assertErrorPage(c.get(path), 404, "Deze pagina bestaat niet")

    def test_404_unknown_workplace(self):
        c = self.admin()
        self.assertErrorPage(c.get("/pw/does-not-exist"), 404, "Deze pagina bestaat niet")
        self.assertEqual(c.get("/pw/%s" % GERIATRIE).status, 200)

    def test_405_with_allow(self):
        c = self.client()
        cases = [("DELETE", "/login", {"GET", "POST"}), ("PUT", "/login", {"GET", "POST"}),
                 ("POST", "/", {"GET"}), ("GET", "/logout", {"POST"}),
                 ("OPTIONS", "/admin", {"GET"}), ("POST", "/static/app.css", {"GET"}),
                 ("PATCH", "/pw/%s" % GERIATRIE, {"GET"})]
        for method, path, allowed in cases:
            with self.subTest(method=method, path=path):
                r = c.request(method, path, body=b"" if method in ("POST", "PUT", "PATCH")
                              else None)
                self.assertErrorPage(r, 405)
                allow = {m.strip() for m in (r.header("Allow") or "").split(",")}
                self.assertEqual(allow, allowed, r.headers)

    def test_head_is_get_without_body(self):
        c = self.client()
        g, h = c.get("/login"), c.request("HEAD", "/login")
        self.assertEqual(h.status, 200)
        self.assertEqual(h.body, b"")
        self.assertEqual(h.header("Content-Type"), g.header("Content-Type"))

    def test_odd_methods_and_garbage(self):
        # libmicrohttpd answers most of these itself; the server must survive
        for req in (b"BREW /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    b"GET /login\r\n\r\n", b"\x00\x01\x02 / HTTP/1.1\r\n\r\n",
                    b"GET /login HTTP/9.9\r\nHost: x\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 100000 + b"\r\n\r\n"):
            with self.subTest(req=req[:40]):
                data = self.server.raw(req, timeout=3)
                if data:  # a status line, never a crash; an empty answer is a close
                    self.assertTrue(data.startswith(b"HTTP/1."), data[:100])
                    status = int(data.split(b" ", 2)[1])
                    self.assertTrue(400 <= status < 600, data[:100])
                self.assertTrue(self.server.alive())
                self.assertEqual(self.client().get("/login").status, 200)

    def test_413_content_length_above_cap(self):
        body = b"a" * (BODY_CAP + 1)
        r = self.raw_post("/login", body)
        self.assertErrorPage(r, 413, "Het verzoek is te groot.")

    def test_absurd_content_length(self):
        # libmicrohttpd refuses these itself (400 or 413); the server lives on
        for cl in ("99999999999999999999", "-1", "abc", "1, 2"):
            with self.subTest(content_length=cl):
                req = ("POST /login HTTP/1.1\r\nHost: x\r\n%sContent-Length: %s\r\n\r\na=1"
                       % (FORM_HEADERS, cl)).encode()
                r = parse_raw(self.server.raw(req, timeout=5))
                self.assertIn(r.status, (400, 413), r)
                self.assertTrue(self.server.alive())
        self.assertEqual(self.client().get("/login").status, 200)

    def test_body_at_cap_is_not_413(self):
        body = b"a" * BODY_CAP
        r = self.raw_post("/login", body)
        self.assertEqual(r.status, 403, r)  # parsed; no csrf

    def chunked_post(self, total, chunk=65536):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=30)
        try:
            s.sendall(("POST /login HTTP/1.1\r\nHost: x\r\n%sTransfer-Encoding: chunked\r\n"
                       "Connection: close\r\n\r\n" % FORM_HEADERS).encode())
            sent = 0
            try:
                while sent < total:
                    n = min(chunk, total - sent)
                    s.sendall(b"%x\r\n" % n + b"a" * n + b"\r\n")
                    sent += n
                s.sendall(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before the end
            return parse_raw(read_all(s, 30))
        finally:
            s.close()

    def test_413_chunked_body_growing_past_cap(self):
        r = self.chunked_post(BODY_CAP + 65536)
        self.assertErrorPage(r, 413, "Het verzoek is te groot.")

    def test_chunked_body_within_cap(self):
        r = self.chunked_post(BODY_CAP)
        self.assertEqual(r.status, 403, r)

    def test_415_other_content_type(self):
        c = self.client()
        tok = c.csrf("/login")
        for ct in ("text/plain", "application/json"):
            with self.subTest(content_type=ct):
                r = c.request("POST", "/login", body="csrf=%s&email=%s&password=%s" % (
                    tok, PETRA, DEMO_PASSWORD), headers={"Content-Type": ct})
                self.assertErrorPage(r, 415, "onbekend formaat")
                self.assertNotIn("wp_session", c.cookies)
        # multipart/form-data is read (file uploads); a urlencoded body sent
        # under that name is a damaged form
        r = c.request("POST", "/login", body="csrf=%s&email=%s&password=%s" % (
            tok, PETRA, DEMO_PASSWORD), headers={"Content-Type": "multipart/form-data; boundary=x"})
        self.assertErrorPage(r, 400, "beschadigd")
        self.assertNotIn("wp_session", c.cookies)
        r = c.request("POST", "/login", body="csrf=" + tok)  # no Content-Type at all
        self.assertErrorPage(r, 415)

    def test_empty_body_with_other_content_type_is_not_415(self):
        c = self.client()
        c.login_ok(ADMIN)
        r = c.request("POST", "/logout", body=b"", headers={"Content-Type": "text/plain"})
        self.assertEqual(r.status, 403, r)  # nothing to parse; stopped by CSRF

    def test_content_type_with_charset_is_accepted(self):
        c = self.client()
        tok = c.csrf("/login")
        r = c.post("/login", {"csrf": tok, "email": PETRA, "password": DEMO_PASSWORD},
                   headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
        self.assertEqual(r.status, 303, r)

    def test_english_error_page(self):
        r = self.client(accept_language="en").get("/nope")
        self.assertErrorPage(r, 404, "This page does not exist")
        self.assertIn('<html lang="en">', r.text)


# ---------------------------------------------------------------------------


class AccessTest(ServerTestCase):

    def test_member_sees_only_own_workplace(self):
        c = self.client()
        c.login_ok(MEMBER)
        own = c.get("/pw/%s" % GERIATRIE)
        self.assertEqual(own.status, 200)
        self.assertIn("<h1>%s</h1>" % WORKPLACE_NAMES[GERIATRIE], own.text)
        self.assertIn("Sanne Bakker", own.text)
        missing = c.get("/pw/does-not-exist")
        for slug in (OOST, VLONDER):
            with self.subTest(slug=slug):
                r = c.get("/pw/%s" % slug)
                self.assertEqual(r.status, 404, r)
                self.assertNotIn(WORKPLACE_NAMES[slug], r.text)
                # no difference between "exists but not yours" and "does not exist"
                self.assertEqual(strip_volatile(r.text), strip_volatile(missing.text))

    def test_coordinators_see_their_workplaces(self):
        # a programme lead reads every workplace, read-only (issue 20, docs/overview.md)
        expect = {COORDINATOR: {GERIATRIE, VLONDER}, YOUSSEF: {VLONDER}, PETRA: {OOST},
                  PROGRAMME_LEAD: {GERIATRIE, VLONDER, OOST}, RESEARCHER: set()}
        for email, allowed in expect.items():
            c = self.client()
            c.login_ok(email)
            for slug in (GERIATRIE, VLONDER, OOST):
                with self.subTest(who=email, slug=slug):
                    self.assertEqual(c.get("/pw/%s" % slug).status,
                                     200 if slug in allowed else 404)

    def test_site_admin_sees_all(self):
        c = self.admin()
        home = c.get("/")
        for slug, name in WORKPLACE_NAMES.items():
            with self.subTest(slug=slug):
                self.assertIn('href="/pw/%s"' % slug, home.text)
                r = c.get("/pw/%s" % slug)
                self.assertEqual(r.status, 200)
                self.assertIn("<h1>%s</h1>" % name, r.text)

    def test_anonymous_is_sent_to_login(self):
        c = self.client()
        for path in ("/", "/account", "/pw/%s" % GERIATRIE, "/pw/does-not-exist"):
            with self.subTest(path=path):
                r = c.get(path)
                self.assertRedirectsToLogin(r)
                self.assertEqual(r.location, "/login?next=%s" % path)
        self.assertRedirectsToLogin(c.get("/admin"))
        self.assertRedirectsToLogin(c.post("/admin/accounts", {"name": "x", "email": "x@y.org"}))

    def test_redirect_to_login_keeps_odd_paths_intact(self):
        # the path goes into a query string: it must be encoded, and a
        # CR/LF in it must not cost the redirect its Location header
        c = self.client()
        for path, raw in (("/pw/a%20b", "/pw/a b"), ("/pw/a%0D%0ASet-Cookie:x=1",
                                                     "/pw/a\r\nSet-Cookie:x=1"),
                          ("/pw/a%26next=x", "/pw/a&next=x"), ("/pw/%C3%A9", "/pw/\u00e9")):
            with self.subTest(path=path):
                r = c.get(path)
                self.assertEqual(r.status, 303, r)
                loc = r.location
                self.assertIsNotNone(loc, r.headers)
                self.assertTrue(loc.startswith("/login?next="), loc)
                self.assertNotIn("x", r.set_cookies())
                q = urllib.parse.parse_qs(urllib.parse.urlsplit(loc).query)
                self.assertEqual(q.get("next"), [raw], loc)

    def test_non_admin_gets_404_for_admin(self):
        for email in (MEMBER, COORDINATOR, PROGRAMME_LEAD):
            c = self.client()
            c.login_ok(email)
            with self.subTest(who=email):
                r = c.get("/admin")
                self.assertEqual(r.status, 404, r)
                self.assertNotIn("beheer@demo.example.org", r.text)
                self.assertNotIn('href="/admin"', c.get("/").text)
                tok = c.csrf("/")
                r = c.post("/admin/accounts", {"csrf": tok, "name": "Indringer",
                                               "email": "indringer@demo.example.org"})
                self.assertEqual(r.status, 404, r)
                r = c.post("/admin/accounts/1/reset", {"csrf": tok})
                self.assertEqual(r.status, 404, r)
        self.assertEqual(self.server.sql(
            "SELECT count(*) FROM people WHERE email = 'indringer@demo.example.org'"), [["0"]])
        self.client().login_ok(ADMIN)  # account 1's password was not reset


# ---------------------------------------------------------------------------


class HeadersTest(ServerTestCase):

    def assertSecurityHeaders(self, r, what):
        csp = r.header("Content-Security-Policy") or ""
        self.assertTrue(csp, "%s: no CSP" % what)
        self.assertNotIn("unsafe-inline", csp, what)
        self.assertNotIn("unsafe-eval", csp, what)
        self.assertIn("frame-ancestors 'none'", csp, what)
        self.assertIn("default-src 'none'", csp, what)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", what)
        self.assertTrue(r.header("Referrer-Policy"), what)
        self.assertEqual(r.header("X-Frame-Options"), "DENY", what)
        self.assertRegex(r.header("X-Request-Id") or "", r"^[0-9a-f]{16}$", what)
        self.assertIsNone(r.header("Strict-Transport-Security"), "only with --secure-cookies")
        self.assertEqual(len(r.header_all("Content-Security-Policy")), 1, what)

    def test_every_kind_of_response(self):
        c = self.client()
        page = c.get("/login")
        css = re.search(r'href="(/static/app\.css\?v=[0-9a-f]+)"', page.text).group(1)
        cases = {
            "page": page, "redirect": c.get("/"), "404": c.get("/nope"),
            "405": c.request("DELETE", "/"), "403": c.post("/logout", {}),
            "415": c.request("POST", "/login", body="x", headers={"Content-Type": "text/plain"}),
            "static": c.get(css),
        }
        etag = cases["static"].header("ETag")
        cases["304"] = c.get(css, headers={"If-None-Match": etag})
        self.assertEqual(cases["redirect"].status, 303)
        self.assertEqual(cases["304"].status, 304)
        for what, r in cases.items():
            with self.subTest(response=what):
                self.assertSecurityHeaders(r, what)
        for what in ("page", "redirect", "404", "405", "403", "415"):
            with self.subTest(no_store=what):
                self.assertEqual(cases[what].header("Cache-Control"), "no-store")
        a = self.admin()
        for path in ("/", "/admin", "/account", "/pw/%s" % GERIATRIE):
            with self.subTest(path=path):
                r = a.get(path)
                self.assertEqual(r.status, 200)
                self.assertSecurityHeaders(r, path)
                self.assertEqual(r.header("Cache-Control"), "no-store")

    def test_pages_have_no_inline_script_or_style(self):
        # the CSP forbids them, so a page that uses them would break
        a = self.admin()
        for path in ("/", "/admin", "/account", "/pw/%s" % GERIATRIE, "/login?x", "/nope"):
            with self.subTest(path=path):
                t = a.get(path).text
                self.assertNotRegex(t, r"<script(?![^>]*\bsrc=)[^>]*>", path)
                self.assertNotRegex(t, r"<style\b", path)
                self.assertNotRegex(t, r"\sstyle=", path)
                self.assertNotRegex(t, r"\son[a-z]+=", path)

    def test_static_asset_caching(self):
        c = self.client()
        page = c.get("/login")
        css = re.search(r'href="(/static/app\.css\?v=([0-9a-f]+))"', page.text)
        r = c.get(css.group(1))
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/css"), r.headers)
        cc = r.header("Cache-Control") or ""
        self.assertIn("max-age=31536000", cc)
        self.assertIn("immutable", cc)
        self.assertNotIn("no-store", cc)
        self.assertEqual(len(r.header_all("Cache-Control")), 1, r.headers)
        self.assertNotIn("Set-Cookie", [k for k, _ in r.headers], "assets set no cookies")
        with open(os.path.join(REPO, "assets", "app.css"), "rb") as f:
            self.assertEqual(r.body, f.read())
        etag = r.header("ETag")
        self.assertRegex(etag or "", r'^"[^"]+"$')
        same = c.get(css.group(1), headers={"If-None-Match": etag})
        self.assertEqual(same.status, 304)
        self.assertEqual(same.body, b"")
        self.assertEqual(same.header("ETag"), etag)
        other = c.get(css.group(1), headers={"If-None-Match": '"something-else"'})
        self.assertEqual(other.status, 200)
        self.assertEqual(other.body, r.body)
        # without the current version the asset may change: a short cache only
        for path in ("/static/app.css", "/static/app.css?v=0000"):
            with self.subTest(path=path):
                r = c.get(path)
                self.assertEqual(r.status, 200)
                self.assertNotIn("immutable", r.header("Cache-Control"))
        icon = re.search(r'href="(/static/icon\.svg\?v=[0-9a-f]+)"', page.text).group(1)
        r = c.get(icon)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("image/svg+xml"), r.headers)
        self.assertTrue(r.text.lstrip().startswith("<svg") or "<svg" in r.text[:300])


# ---------------------------------------------------------------------------


class LanguageTest(ServerTestCase):

    def test_default_is_dutch(self):
        r = self.client().get("/login")
        self.assertIn('<html lang="nl">', r.text)
        self.assertIn("<h1>Inloggen</h1>", r.text)

    def test_switch_to_english_and_back(self):
        c = self.client()
        tok = c.csrf("/login")
        r = c.post("/lang", {"csrf": tok, "lang": "en", "next": "/login"})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, "/login")
        cookie = r.set_cookies().get("wp_lang")
        self.assertIsNotNone(cookie, r.headers)
        self.assertEqual(cookie["value"], "en")
        self.assertEqual(cookie["attrs"].get("path"), "/")
        page = c.get("/login")
        self.assertIn('<html lang="en">', page.text)
        self.assertIn("<h1>Log in</h1>", page.text)
        self.assertIn('value="nl"', page.text, "offers the way back")
        r = c.post("/lang", {"csrf": csrf_from(page), "lang": "nl", "next": "/login"})
        self.assertEqual(r.status, 303)
        self.assertIn('<html lang="nl">', c.get("/login").text)

    def test_unknown_language_is_400(self):
        c = self.client()
        r = c.post("/lang", {"csrf": c.csrf("/login"), "lang": "fr"})
        self.assertEqual(r.status, 400, r)
        self.assertNotIn("wp_lang", r.set_cookies())

    def test_accept_language(self):
        for header, lang in (("en", "en"), ("en-GB,en;q=0.9", "en"), ("EN-us", "en"),
                             ("nl-NL,en;q=0.5", "nl"), ("de", "nl")):
            with self.subTest(accept_language=header):
                r = self.client(accept_language=header).get("/login")
                self.assertIn('<html lang="%s">' % lang, r.text)
                self.assertIn("Log in" if lang == "en" else "Inloggen", r.text)

    def test_cookie_beats_accept_language(self):
        c = self.client(accept_language="en")
        c.cookies["wp_lang"] = "nl"
        self.assertIn('<html lang="nl">', c.get("/login").text)

    def test_no_open_redirect(self):
        evil = ["//evil.example", "https://evil.example", "http://evil.example/x",
                "/\\evil.example", "\\\\evil.example", "//evil.example/%2F..", "evil.example",
                " //evil.example", "/\t/evil.example", "javascript:alert(1)//evil"]
        c = self.client()
        for nxt in evil:
            with self.subTest(where="lang", next=nxt):
                r = c.post("/lang", {"csrf": c.csrf("/login"), "lang": "nl", "next": nxt})
                self.assertEqual(r.status, 303, r)
                self.assertLocalLocation(r)
        for nxt in evil[:4]:
            with self.subTest(where="login", next=nxt):
                u = self.client()
                r = u.login(COORDINATOR, next_path=nxt)
                self.assertEqual(r.status, 303, r)
                self.assertLocalLocation(r)
                with self.subTest(where="login page", next=nxt):
                    r = u.get("/login?next=" + urllib.parse.quote(nxt, safe=""))
                    self.assertEqual(r.status, 303)
                    self.assertLocalLocation(r)
        form = self.client().get("/login?next=" + urllib.parse.quote("//evil.example"))
        self.assertIn('name="next" value="/"', form.text)

    def test_local_next_is_kept(self):
        c = self.client()
        r = c.post("/lang", {"csrf": c.csrf("/login"), "lang": "en", "next": "/login?done=1"})
        self.assertEqual(r.location, "/login?done=1")


# ---------------------------------------------------------------------------


class PasswordChangeTest(ServerTestCase):

    def change(self, c, current, new, repeat):
        return c.submit("/account", "/account/password",
                        {"current": current, "new": new, "repeat": repeat})

    def test_wrong_current_password(self):
        c = self.client()
        c.login_ok(MEMBER)
        r = self.change(c, "not-my-password", NEW_PASSWORD, NEW_PASSWORD)
        self.assertEqual(r.status, 400, r)
        self.assertIn("Dit is niet je huidige wachtwoord.", r.text)
        self.assertNotIn(NEW_PASSWORD, r.text)
        self.client().login_ok(MEMBER)

    def test_mismatch_and_length(self):
        c = self.client()
        c.login_ok(YOUSSEF)
        r = self.change(c, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
        self.assertEqual(r.status, 400, r)
        self.assertIn("De twee wachtwoorden zijn niet gelijk.", r.text)
        for bad in ("123456789", "x" * 201):  # one past each boundary
            with self.subTest(length=len(bad)):
                r = self.change(c, DEMO_PASSWORD, bad, bad)
                self.assertEqual(r.status, 400, r)
                self.assertIn("Kies een wachtwoord van 10 tot 200 tekens.", r.text)
        self.client().login_ok(YOUSSEF, DEMO_PASSWORD)

    def test_success_ends_other_sessions(self):
        a, b = self.client(), self.client()
        a.login_ok(PETRA)
        b.login_ok(PETRA)
        old_a = dict(a.cookies)
        r = self.change(a, DEMO_PASSWORD, "1234567890", "1234567890")  # exactly 10: allowed
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, "/account?changed=1")
        self.assertNotEqual(a.cookies.get("wp_session"), old_a["wp_session"],
                            "a fresh session for the browser that changed it")
        done = a.get(r.location)
        self.assertEqual(done.status, 200)
        self.assertIn("Je wachtwoord is gewijzigd.", done.text)
        self.assertRedirectsToLogin(b.get("/"))
        replay = self.client()
        replay.cookies = old_a
        self.assertRedirectsToLogin(replay.get("/"))
        self.assertEqual(self.client().login(PETRA, DEMO_PASSWORD).status, 400)
        self.client().login_ok(PETRA, "1234567890")


# ---------------------------------------------------------------------------


class AdminTest(ServerTestCase):

    def create(self, c, name, email, **roles):
        fields = {"name": name, "email": email}
        fields.update({k: "1" for k, v in roles.items() if v})
        return c.submit("/admin", "/admin/accounts", fields)

    def link_of(self, r):
        base = "http://127.0.0.1:%d" % self.server.port
        m = re.search(r'<code class="copy">([^<]*)</code>', r.text)
        self.assertIsNotNone(m, r.text[:3000])
        url = html_lib.unescape(m.group(1))
        self.assertTrue(url.startswith(base + "/password/"), url)
        return url[len(base):]

    def person_id(self, c, email):
        page = c.get("/admin").text
        m = re.search(r"<td>%s</td>.*?/admin/accounts/(\d+)/reset" % re.escape(email), page)
        self.assertIsNotNone(m, email)
        return m.group(1)

    def set_password(self, link, new, repeat=None):
        u = self.client()
        form = u.get(link)
        if form.status != 200:
            return form
        return u.post(link, {"csrf": csrf_from(form), "new": new,
                             "repeat": new if repeat is None else repeat})

    def test_create_account_and_use_its_link_once(self):
        c = self.admin()
        r = self.create(c, "Nieuwe Collega", "nieuw@demo.example.org", researcher=True)
        self.assertEqual(r.status, 200, r)
        self.assertIn("Eenmalige link", r.text)
        link = self.link_of(r)
        admin_page = c.get("/admin")
        self.assertIn("nieuw@demo.example.org", admin_page.text)
        self.assertNotIn(link, admin_page.text, "the link is shown only once")
        row = re.search(r"<td>nieuw@demo\.example\.org</td><td>([^<]*)</td>", admin_page.text)
        self.assertEqual(row.group(1), "onderzoeker")
        # no password yet: the account cannot log in
        self.assertEqual(self.client().login("nieuw@demo.example.org", "anything-at-all").status,
                         400)

        u = self.client()
        form = u.get(link)
        self.assertEqual(form.status, 200, form)
        self.assertIn("Wachtwoord instellen", form.text)
        tok = csrf_from(form)
        r = u.post(link, {"csrf": tok, "new": "123456789", "repeat": "123456789"})
        self.assertEqual(r.status, 400, r)
        self.assertIn("Kies een wachtwoord van 10 tot 200 tekens.", r.text)
        r = u.post(link, {"csrf": tok, "new": NEW_PASSWORD, "repeat": "iets-anders-dan-dat"})
        self.assertEqual(r.status, 400, r)
        self.assertIn("niet gelijk", r.text)
        r = u.post(link, {"csrf": tok, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.location, "/login?done=1")
        self.assertIn("Je wachtwoord is ingesteld.", u.get(r.location).text)

        again = self.client()
        r = again.get(link)
        self.assertEqual(r.status, 404, r)
        self.assertIn("Deze link bestaat niet of is verlopen.", r.text)
        r = again.post(link, {"csrf": csrf_from(again.get("/login")), "new": "nog-een-wachtwoord",
                              "repeat": "nog-een-wachtwoord"})
        self.assertEqual(r.status, 404, r)

        n = self.client()
        n.login_ok("nieuw@demo.example.org", NEW_PASSWORD)
        home = n.get("/")
        self.assertIn("Nieuwe Collega", home.text)
        self.assertIn("nog geen lid", home.text)
        self.assertEqual(self.client().login("nieuw@demo.example.org",
                                             "nog-een-wachtwoord").status, 400)

    def test_validation(self):
        c = self.admin()
        r = self.create(c, "Dubbel", ADMIN)
        self.assertEqual(r.status, 400, r)
        self.assertIn("Er is al een account met dit e-mailadres.", r.text)
        self.assertNotIn("/password/", r.text)
        r = self.create(c, "Dubbel", MEMBER.upper())
        self.assertEqual(r.status, 400, r)
        self.assertIn("Er is al een account met dit e-mailadres.", r.text)
        r = self.create(c, "   ", "leeg@demo.example.org")
        self.assertEqual(r.status, 400, r)
        self.assertIn("Vul dit veld in.", r.text)
        r = self.create(c, "x" * 201, "lang@demo.example.org")
        self.assertEqual(r.status, 400, r)
        self.assertIn("Maximaal 200 tekens", r.text)
        r = self.create(c, "Geen Adres", "geen-adres")
        self.assertEqual(r.status, 400, r)
        self.assertIn("Geef een geldig e-mailadres", r.text)
        r = self.create(c, "Stuur\x01teken", "stuur@demo.example.org")
        self.assertEqual(r.status, 400, r)
        for email in ("leeg@", "lang@", "geen-adres", "stuur@"):
            self.assertEqual(self.server.sql(
                "SELECT count(*) FROM people WHERE email LIKE '%s%%'" % email), [["0"]], email)
        r = self.create(c, "x" * 200, "precies@demo.example.org")  # at the boundary
        self.assertEqual(r.status, 200, r)

    def test_reset_stops_old_password_and_sessions(self):
        j = self.client()
        j.login_ok("jeroen@demo.example.org")
        c = self.admin()
        pid = self.person_id(c, "jeroen@demo.example.org")
        r = c.submit("/admin", "/admin/accounts/%s/reset" % pid, {})
        self.assertEqual(r.status, 200, r)
        self.assertIn("Jeroen Visser", r.text)
        first = self.link_of(r)
        self.assertRedirectsToLogin(j.get("/"))
        self.assertEqual(self.client().login("jeroen@demo.example.org").status, 400)
        # a second reset replaces the first link
        r = c.submit("/admin", "/admin/accounts/%s/reset" % pid, {})
        second = self.link_of(r)
        self.assertNotEqual(first, second)
        self.assertEqual(self.client().get(first).status, 404)
        r = self.set_password(second, NEW_PASSWORD)
        self.assertEqual(r.status, 303, r)
        self.client().login_ok("jeroen@demo.example.org", NEW_PASSWORD)

    def test_reset_unknown_account(self):
        c = self.admin()
        for pid in ("99999", "0", "-1", "abc", "1x"):
            with self.subTest(id=pid):
                r = c.submit("/admin", "/admin/accounts/%s/reset" % pid, {})
                self.assertEqual(r.status, 404, r)

    def test_names_are_escaped(self):
        evil = "<script>alert(1)</script>\"'&"
        escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        c = self.admin()
        r = self.create(c, evil, "escape@demo.example.org")
        self.assertEqual(r.status, 200, r)
        page = c.get("/admin")
        for what, t in (("create", r.text), ("admin", page.text)):
            with self.subTest(page=what):
                self.assertNotIn(evil, t)
                self.assertNotIn("<script>", t)
                self.assertIn(escaped, t)
        # the person's own pages escape it too
        self.assertEqual(self.set_password(self.link_of(r), NEW_PASSWORD).status, 303)
        u = self.client()
        u.login_ok("escape@demo.example.org", NEW_PASSWORD)
        for path in ("/", "/account"):
            with self.subTest(page=path):
                t = u.get(path).text
                self.assertNotIn(evil, t)
                self.assertIn(escaped, t)
        # a submitted value that is echoed back into a form is escaped
        r = self.client().login('"><script>x</script>@evil.example', "whatever-it-is")
        self.assertEqual(r.status, 400)
        self.assertNotIn("<script>x</script>", r.text)
        self.assertIn("&quot;&gt;&lt;script&gt;", r.text)


# ---------------------------------------------------------------------------


class LogTest(ServerTestCase):

    LINE_RE = re.compile(r"^(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) "
                         r"(?P<ms>\d+\.\d)ms id=(?P<id>[0-9a-f]{16})(?: .*)?$")

    def logged(self, r):
        rid = r.header("X-Request-Id")
        self.assertRegex(rid or "", r"^[0-9a-f]{16}$")
        lines = self.server.log_line(rid)
        self.assertEqual(len(lines), 1, "exactly one line for %s: %r" % (rid, lines))
        m = self.LINE_RE.match(lines[0])
        self.assertIsNotNone(m, lines[0])
        return m

    def test_one_line_per_request(self):
        c = self.client()
        cases = [
            (lambda: c.get("/login?next=/geheim&token=abc"), "GET", "/login", 200),
            (lambda: c.get("/"), "GET", "/", 303),
            (lambda: c.get("/nope?q=1"), "GET", "/nope", 404),
            (lambda: c.request("DELETE", "/login"), "DELETE", "/login", 405),
            (lambda: c.post("/logout", {}), "POST", "/logout", 403),
            (lambda: c.request("HEAD", "/login"), "HEAD", "/login", 200),
            (lambda: c.get("/static/app.css?v=1"), "GET", "/static/app.css", 200),
            (lambda: c.login(PETRA), "POST", "/login", 303),
        ]
        ids = set()
        for do, method, path, status in cases:
            with self.subTest(method=method, path=path):
                r = do()
                self.assertEqual(r.status, status)
                m = self.logged(r)
                self.assertEqual(m.group("method"), method)
                self.assertEqual(m.group("path"), path)
                self.assertEqual(int(m.group("status")), status)
                self.assertGreaterEqual(float(m.group("ms")), 0.0)
                ids.add(m.group("id"))
        self.assertEqual(len(ids), len(cases), "request ids are unique")
        err = self.server.stderr()
        self.assertNotIn("geheim", err, "query strings are not logged")
        self.assertNotIn("werkplaats-demo", err, "passwords are not logged")

    def test_hostile_path_cannot_forge_lines(self):
        r = self.client().get("/x%0Afake%20GET%20/admin%20200")
        m = self.logged(r)
        self.assertNotIn("\n", m.group("path"))
        self.assertIn("\\x0a", m.group("path"))
        self.assertFalse(any(ln.startswith("fake") for ln in self.server.stderr().splitlines()))

    def test_abandoned_request_is_logged_without_status(self):
        before = set(self.server.stderr().splitlines())
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as sock:
            sock.sendall(("POST /account/password HTTP/1.1\r\nHost: x\r\n%sContent-Length: 500"
                          "\r\nExpect: 100-continue\r\n\r\n" % FORM_HEADERS).encode())
            self.assertTrue(sock.recv(4096).startswith(b"HTTP/1.1 100"))
            sock.sendall(b"current=abc")
            time.sleep(0.1)
            # close with a reset: libmicrohttpd notices a plain FIN that
            # arrives with the data only at its timeout or at shutdown
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        deadline = time.monotonic() + 5
        new = []
        while not new and time.monotonic() < deadline:
            new = [ln for ln in self.server.stderr().splitlines()
                   if ln not in before and ln.startswith("POST /account/password")]
            time.sleep(0.02)
        self.assertEqual(len(new), 1, new)
        self.assertRegex(new[0], r"^POST /account/password - \d+\.\dms id=[0-9a-f]{16} aborted$")

    def test_413_is_logged(self):
        req = ("POST /login HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\nConnection: close"
               "\r\n\r\n" % (FORM_HEADERS, BODY_CAP + 1)).encode() + b"a" * (BODY_CAP + 1)
        r = parse_raw(self.server.raw(req, timeout=30))
        self.assertEqual(r.status, 413)
        m = self.logged(r)
        self.assertEqual(m.group("status"), "413")


# ---------------------------------------------------------------------------


class CliTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="wp-cli-")
        self.dir = self.tmp.name
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_version(self):
        r = run_cli(["--version"])
        self.assertEqual(r.returncode, 0, r)
        self.assertRegex(r.stdout, r"^werkplaats \d+\.\d+\.\d+\n$")

    def test_help(self):
        r = run_cli(["--help"])
        self.assertEqual(r.returncode, 0, r)
        for cmd in ("serve", "init", "demo", "check", "backup"):
            self.assertRegex(r.stdout, r"(?m)^  %s " % cmd)
        self.assertEqual(r.stderr, "")

    def test_serve_help(self):
        r = run_cli(["serve", "--help"])
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("Usage: werkplaats serve", r.stdout)
        for opt in ("--db FILE", "--listen ADDR:PORT", "--threads N", "--help"):
            self.assertIn(opt, r.stdout)

    def test_no_command(self):
        r = run_cli([])
        self.assertEqual(r.returncode, 2, r)
        self.assertIn("Usage: werkplaats COMMAND", r.stderr)

    def test_unknown_command(self):
        r = run_cli(["frobnicate"])
        self.assertEqual(r.returncode, 2, r)
        self.assertIn("unknown command 'frobnicate'", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_unknown_or_bad_option(self):
        for args, msg in ((["serve", "--frobnicate"], "unknown option --frobnicate"),
                          (["check", "--db"], "--db needs a value"),
                          (["check"], "--db FILE is required"),
                          (["demo", "--db", "x.db", "extra"], "expected no arguments"),
                          (["backup", "--db", "x.db"], "expected FILE"),
                          (["serve", "--announce=yes"], "takes no value"),
                          (["serve", "--db", "x.db", "--threads", "0"], "--threads 0"),
                          (["serve", "--db", "x.db", "--public-url", "ftp://x"],
                           "--public-url"),
                          (["init", "--db", "x.db", "--admin-email", "geen-adres"],
                           "--admin-email geen-adres")):
            with self.subTest(args=args):
                r = run_cli(args, cwd=self.dir)
                self.assertEqual(r.returncode, 2, r)
                self.assertIn(msg, r.stderr)
                self.assertFalse(os.path.exists(self.path("x.db")), "nothing was created")
        r = run_cli(["serve", "--db", "x.db", "--listen", "localhost"], cwd=self.dir)
        self.assertEqual(r.returncode, 2, r)
        self.assertIn("--listen localhost: expected an IPv4 address and port", r.stderr)

    def store(self, name):
        """A new, empty store: a file here, or a fresh PostgreSQL database
        (dropped after the test)."""
        db = new_store(self.dir, name)
        if PG:
            self.addCleanup(harness.pg_drop_database, db)
        return db

    def test_check(self):
        db = self.store("demo.db")
        self.assertEqual(run_cli(["demo", "--db", db]).returncode, 0)
        r = run_cli(["check", "--db", db])
        self.assertEqual(r.returncode, 0, r)
        self.assertRegex(r.stdout, r": ok \(schema v\d+\)")

    def test_check_missing_file(self):
        if PG:
            db = harness.pg_url("wp_missing_%d" % os.getpid())
        else:
            db = self.path("missing.db")
        r = run_cli(["check", "--db", db])
        self.assertNotEqual(r.returncode, 0, r)
        self.assertIn("werkplaats check:", r.stderr)
        self.assertGreater(len(r.stderr.strip()), len("werkplaats check:") + 5)
        if PG:
            self.assertEqual(harness.psql(harness.PG_ADMIN_URL, "SELECT count(*) FROM pg_database"
                                          " WHERE datname = 'wp_missing_%d'" % os.getpid()), [["0"]],
                             "check does not create a database")
        else:
            self.assertFalse(os.path.exists(db), "check does not create a database")

    @sqlite_only("a file that is no SQLite database (test_pg.py checks an empty PostgreSQL database)")
    def test_check_not_a_database(self):
        db = self.path("garbage.db")
        with open(db, "wb") as f:
            f.write(b"this is not a database\n" * 100)
        r = run_cli(["check", "--db", db])
        self.assertNotEqual(r.returncode, 0, r)
        self.assertTrue(r.stderr.strip() or "problem" in r.stdout, r)

    @sqlite_only("foreign keys switched off in an SQLite file (test_pg.py damages a sequence)")
    def test_check_finds_damage(self):
        db = self.path("demo.db")
        self.assertEqual(run_cli(["demo", "--db", db]).returncode, 0)
        subprocess.run(["sqlite3", db, "PRAGMA foreign_keys=OFF; INSERT INTO memberships "
                        "(workplace_id, person_id, role, created_at) VALUES (999, 999, 'member', 0);"],
                       check=True, capture_output=True)
        r = run_cli(["check", "--db", db])
        self.assertNotEqual(r.returncode, 0, r)
        self.assertIn("problem", r.stdout)

    def test_demo_refuses_existing_file(self):
        db = self.store("demo.db")
        self.assertEqual(run_cli(["demo", "--db", db]).returncode, 0)
        s = Server(demo=False, db=db)  # for its dump
        self.addCleanup(s.cleanup)
        before = s.dump()
        r = run_cli(["demo", "--db", db])
        self.assertNotEqual(r.returncode, 0, r)
        self.assertTrue(r.stderr.strip(), r)
        self.assertEqual(s.dump(), before)
        if PG:
            return  # the rest is about files
        other = self.path("other.txt")
        with open(other, "w") as f:
            f.write("keep me\n")
        self.assertNotEqual(run_cli(["demo", "--db", other]).returncode, 0)
        with open(other) as f:
            self.assertEqual(f.read(), "keep me\n")

    def test_init_prints_a_working_admin_password(self):
        db = self.store("new.db")
        r = run_cli(["init", "--db", db, "--admin-email", "Eerste@Voorbeeld.nl",
                     "--admin-name", "Eerste Beheerder"])
        self.assertEqual(r.returncode, 0, r)
        m = re.search(r"Password:\s+(\S+)", r.stdout)
        self.assertIsNotNone(m, r.stdout)
        password = m.group(1)
        self.assertGreaterEqual(len(password), 16)
        self.assertEqual(run_cli(["check", "--db", db]).returncode, 0)
        again = run_cli(["init", "--db", db])
        self.assertNotEqual(again.returncode, 0, "init refuses an existing file")
        s = Server(demo=False, db=db)
        try:
            s.start()
            c = s.client()
            c.login_ok("eerste@voorbeeld.nl", password)
            self.assertEqual(c.get("/admin").status, 200)
            self.assertIn("Eerste Beheerder", c.get("/").text)
            self.assertEqual(s.client().login("eerste@voorbeeld.nl", "werkplaats-demo").status,
                             400)
            s.stop()
        finally:
            s.cleanup()

    def test_init_default_admin_can_log_in(self):
        db = self.store("new.db")
        r = run_cli(["init", "--db", db])
        self.assertEqual(r.returncode, 0, r)
        email = re.search(r"Administrator:\s+(\S+)", r.stdout).group(1)
        password = re.search(r"Password:\s+(\S+)", r.stdout).group(1)
        s = Server(demo=False, db=db)
        try:
            s.start()
            c = s.client()
            c.login_ok(email, password)
            self.assertIn("Beheerder", c.get("/").text)
            s.stop()
        finally:
            s.cleanup()

    @sqlite_only("backup copies SQLite files (PostgreSQL has pg_dump)")
    def test_backup(self):
        db, copy = self.path("demo.db"), self.path("copy.db")
        self.assertEqual(run_cli(["demo", "--db", db]).returncode, 0)
        r = run_cli(["backup", "--db", db, copy])
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(run_cli(["check", "--db", copy]).returncode, 0)
        self.assertEqual(sqlite_dump(copy), sqlite_dump(db))
        r = run_cli(["backup", "--db", db, copy])
        self.assertNotEqual(r.returncode, 0, "backup refuses to overwrite")
        self.assertIn("already exists", r.stderr)
        r = run_cli(["backup", "--db", self.path("missing.db"), self.path("c2.db")])
        self.assertNotEqual(r.returncode, 0)
        self.assertFalse(os.path.exists(self.path("c2.db")))

    @sqlite_only("backup copies SQLite files (PostgreSQL has pg_dump)")
    def test_backup_while_served(self):
        s = Server()
        try:
            s.start()
            c = s.client()
            c.login_ok(ADMIN)
            r = c.submit("/admin", "/admin/accounts", {"name": "Na Start",
                                                       "email": "nastart@demo.example.org"})
            self.assertEqual(r.status, 200)
            copy = self.path("live-copy.db")
            r = run_cli(["backup", "--db", s.db, copy])
            self.assertEqual(r.returncode, 0, r)
            self.assertEqual(run_cli(["check", "--db", copy]).returncode, 0)
            self.assertIn("nastart@demo.example.org", sqlite_dump(copy))
            s.stop()
        finally:
            s.cleanup()

    def test_port_in_use(self):
        with socket.socket() as blocker:
            blocker.bind(("127.0.0.1", 0))
            blocker.listen(1)
            port = blocker.getsockname()[1]
            db = self.store("demo.db")
            self.assertEqual(run_cli(["demo", "--db", db]).returncode, 0)
            r = run_cli(["serve", "--db", db, "--listen", "127.0.0.1:%d" % port], timeout=30)
            self.assertEqual(r.returncode, 1, r)
            self.assertIn("cannot listen", r.stderr)

    def shutdown_with_request_in_flight(self, sig):
        s = Server()
        try:
            s.start()
            body = ("email=%s&password=%s&pad=" % (PETRA, DEMO_PASSWORD)).encode()
            body += b"x" * (2000 - len(body))
            sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
            # "100 Continue" comes once the handler has seen the headers:
            # from then on the request is in flight
            sock.sendall(("POST /login HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\n"
                          "Expect: 100-continue\r\n\r\n" % (FORM_HEADERS, len(body))).encode())
            cont = b""
            while b"\r\n\r\n" not in cont:
                more = sock.recv(4096)
                self.assertTrue(more, "connection closed before 100 Continue")
                cont += more
            self.assertTrue(cont.startswith(b"HTTP/1.1 100"), cont)
            sock.sendall(body[:1000])
            s.proc.send_signal(sig)
            name = signal.Signals(sig).name
            deadline = time.monotonic() + 10
            while "%s received" % name not in s.stderr() and time.monotonic() < deadline:
                time.sleep(0.02)
            self.assertIn("%s received" % name, s.stderr())
            # it stops listening (right after that line) but waits for the request
            refused, deadline = False, time.monotonic() + 5
            while not refused and time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
                    time.sleep(0.05)
                except OSError:
                    refused = True
            self.assertTrue(refused, "no new connections once stopping")
            self.assertTrue(s.alive(), "waits for the request in flight")
            sock.sendall(body[1000:])
            r = parse_raw(read_all(sock, 15))
            sock.close()
            self.assertEqual(r.status, 403, r)  # the request completed (no csrf in it)
            rc, err = s.stop(sig=None, timeout=30)
            self.assertEqual(rc, 0)
            self.assertIn("werkplaats: stopped", err)
            self.assertRegex(err, r"(?m)^POST /login 403 ")
        finally:
            s.cleanup()

    def test_sigterm_with_stalled_upload(self):
        # a client that never finishes its body: the server gives up after
        # its grace period (10 s) and still exits 0 without leaks
        s = Server()
        try:
            s.start()
            sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
            sock.sendall(("POST /login HTTP/1.1\r\nHost: x\r\n%sContent-Length: 5000\r\n"
                          "Expect: 100-continue\r\n\r\n" % FORM_HEADERS).encode())
            self.assertTrue(sock.recv(4096).startswith(b"HTTP/1.1 100"))
            sock.sendall(b"email=x")
            t0 = time.monotonic()
            rc, err = s.stop(timeout=30)
            self.assertLess(time.monotonic() - t0, 25)
            self.assertEqual(rc, 0)
            self.assertIn("werkplaats: stopped", err)
            self.assertRegex(err, r"(?m)^POST /login - \d+\.\dms id=[0-9a-f]{16} aborted$")
            sock.close()
        finally:
            s.cleanup()

    def test_sigterm_with_request_in_flight(self):
        self.shutdown_with_request_in_flight(signal.SIGTERM)

    def test_sigint_with_request_in_flight(self):
        self.shutdown_with_request_in_flight(signal.SIGINT)

    def test_idle_stop(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=sig.name):
                s = Server()
                try:
                    s.start()
                    self.assertEqual(s.client().get("/login").status, 200)
                    rc, err = s.stop(sig=sig)
                    self.assertEqual(rc, 0)
                    self.assertIn("%s received" % sig.name, err)
                    self.assertIn("werkplaats: stopped", err)
                finally:
                    s.cleanup()


if __name__ == "__main__":
    unittest.main()
