"""test_attack_access.py - issue 8, access: every route of the route table
(as `werkplaats routes` prints it) against every role, with the status each
role must get, written down from the access rules below rather than
recorded from the server; plus: no GET changes the database, and no POST
without its CSRF token does anything.

The rules (README, src/web/route.h, src/web/layout.c wp_access):
- a page that needs a login sends the anonymous visitor to /login (GET:
  with ?next=PATH; POST: plain /login);
- a workplace's pages are for its members and the site administrator;
  everyone else gets 404, whether the workplace exists or not;
- a workplace's changes are for its coordinators and the site
  administrator; a plain member gets 403, everyone else 404;
- a round, or its results, exist only under its own workplace: another
  workplace's round id is a 404 there;
- /admin is for the site administrator: 404 for everyone else logged in;
- the API answers 401 without a session and 404 to outsiders;
- /r/TOKEN pages are public: the token decides (a response in progress, an
  open link, a response already sent in a closed round, nothing);
- a programme lead has no access to workplaces of which they are not a
  member (no programme pages exist yet).

Roles: attack.ROLES. Each pattern's placeholders are filled with values of
the demo and of another workplace (attack.Fixture.targets).
"""

import itertools
import unittest

import attack
import harness
from attack import LOGGED_IN, ROLES, Fixture, Roles, relation, route_table
from harness import GERIATRIE, OOST, ServerTestCase
from smtp_sink import SmtpSink

LOGIN_GET = "303 to /login?next=PATH"
LOGIN_POST = "303 to /login"


# ---- rules ---------------------------------------------------------------
# Each returns a function (role, target, slug) -> expected status (or one
# of the two login redirects above).


def public(**by_target):
    """Anyone, logged in or not: the same answer for every role."""
    return lambda role, target, slug: by_target[target]


def login_page(ok):
    """Needs a login; then `ok` for everyone."""
    def rule(role, target, slug):
        return ok if role in LOGGED_IN else None
    return rule


def anon_or_user(anon, user):
    return lambda role, target, slug: user if role in LOGGED_IN else anon


def admin_only(**by_target):
    """Site administrator only: anonymous to /login, others 404."""
    def rule(role, target, slug):
        if role not in LOGGED_IN:
            return LOGIN_POST
        return by_target[target] if role == "admin" else 404
    return rule


EXISTS = ("own", "other")  # targets whose round (if any) belongs to the slug


def workplace_read():
    """A page of a workplace: members, coordinators and the administrator."""
    def rule(role, target, slug):
        rel = relation(role, slug)
        if rel == "anon":
            return None
        return 200 if rel in ("member", "coordinator", "admin") and target in EXISTS else 404
    return rule


def workplace_change(ok):
    """A change to a workplace: its coordinators and the administrator; a
    member learns that the role is missing (403), nobody else anything."""
    def rule(role, target, slug):
        rel = relation(role, slug)
        if rel == "anon":
            return LOGIN_POST
        if rel == "outsider":
            return 404
        if rel == "member":
            return 403
        return ok if target in EXISTS else 404
    return rule


def api_read():
    def rule(role, target, slug):
        rel = relation(role, slug)
        if rel == "anon":
            return 401
        return 200 if rel in ("member", "coordinator", "admin") and target in EXISTS else 404
    return rule


def token(response, open, sent, bogus=404):  # noqa: A002 - the target's name
    """/r/TOKEN: the same for every role; the kind of token decides."""
    return public(response=response, open=open, sent=sent, bogus=bogus)


# What every route must answer. The POST bodies are in BODIES: each would
# do its work when sent with a valid CSRF token by someone allowed to.
EXPECT = {
    ("GET", "/static/{name}"): public(asset=200, missing=404),
    ("GET", "/"): login_page(200),
    ("GET", "/login"): anon_or_user(anon=200, user=303),
    ("POST", "/login"): public(**{"-": 400}),                 # no e-mail address given
    ("POST", "/logout"): public(**{"-": 303}),
    ("POST", "/lang"): public(**{"-": 303}),
    ("GET", "/account"): login_page(200),
    ("POST", "/account/password"): login_page(400),           # not the current password
    ("GET", "/password/{token}"): public(link=200, bogus=404),
    ("POST", "/password/{token}"): public(link=400, bogus=404),  # no new password given
    ("GET", "/admin"): admin_only(**{"-": 200}),
    ("POST", "/admin/accounts"): admin_only(**{"-": 400}),     # no name, no address
    ("POST", "/admin/accounts/{id}/reset"): admin_only(person=200, missing=404),
    ("GET", "/pw/{slug}"): workplace_read(),
    ("GET", "/pw/{slug}/rounds"): workplace_read(),
    ("POST", "/pw/{slug}/rounds"): workplace_change(303),
    ("GET", "/pw/{slug}/rounds/{id}"): workplace_read(),
    ("POST", "/pw/{slug}/rounds/{id}/close"): workplace_change(303),
    ("POST", "/pw/{slug}/rounds/{id}/reopen"): workplace_change(303),
    ("GET", "/pw/{slug}/rounds/{id}/poster"): workplace_read(),
    ("POST", "/pw/{slug}/rounds/{id}/invitations"): workplace_change(200),
    ("POST", "/pw/{slug}/rounds/{id}/remind"): workplace_change(200),
    ("GET", "/pw/{slug}/rounds/{id}/results"): workplace_read(),
    ("GET", "/pw/{slug}/rounds/{id}/results/{element}"): workplace_read(),
    ("GET", "/pw/{slug}/rounds/{id}/dialogue"): workplace_read(),
    ("POST", "/pw/{slug}/rounds/{id}/dialogue"): workplace_change(303),
    ("GET", "/pw/{slug}/development"): workplace_read(),
    ("GET", "/guide"): public(**{"-": 200}),
    ("GET", "/api/v1/rounds/{id}/results"): api_read(),
    ("GET", "/r/{token}"): token(response=303, open=200, sent=200),
    ("POST", "/r/{token}/start"): token(response=303, open=400, sent=303),
    ("POST", "/r/{token}/resume"): token(response=303, open=400, sent=303),
    ("GET", "/r/{token}/p/{n}"): token(response=200, open=303, sent=410),
    ("POST", "/r/{token}/p/{n}"): token(response=303, open=303, sent=410),
    ("GET", "/r/{token}/all"): token(response=200, open=303, sent=410),
    ("POST", "/r/{token}/all"): token(response=303, open=303, sent=409),
    ("GET", "/r/{token}/review"): token(response=200, open=303, sent=410),
    ("POST", "/r/{token}/submit"): token(response=303, open=303, sent=409),
    ("POST", "/r/{token}/withdraw"): token(response=303, open=303, sent=410),
    ("GET", "/r/{token}/results"): token(response=404, open=404, sent=200),
}


NEXT = itertools.count(1).__next__  # unique titles and addresses

# Fields (besides csrf) of each POST: what makes the request succeed for
# someone allowed to make it.
BODIES = {
    ("POST", "/lang"): lambda fx: [("lang", "nl"), ("next", "/")],
    ("POST", "/pw/{slug}/rounds"): lambda fx: [
        ("title", "Matrixronde %d" % NEXT()), ("version", str(fx.version)),
        ("opens_on", attack.today()), ("closes_on", attack.today(30)), ("k", "5")],
    ("POST", "/pw/{slug}/rounds/{id}/invitations"): lambda fx: [
        ("addresses", "matrix-%d@example.org, student" % NEXT())],
    ("POST", "/pw/{slug}/rounds/{id}/dialogue"): lambda fx: [
        ("title0", "Afspraak uit de matrix"), ("element0", "LOS"), ("owner0", ""), ("due0", "")],
}


class AccessMatrixTest(ServerTestCase):
    """One server (with a mail sink, so reminders can go out) for the
    matrix, the read-only GETs and the CSRF refusals."""

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink()
        cls.serve_args = ["--smtp-url", cls.sink.url, "--smtp-from", "werkplaats@example.org"]
        try:
            super().setUpClass()
            cls.fx = Fixture(cls.server)
            cls.roles = Roles(cls.server, cls.fx)
            cls.watch = attack.DbWatch(cls.server.db)
            cls.routes = route_table()
        except BaseException:
            cls.sink.close()
            if cls.server:
                cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.watch.close()
            super().tearDownClass()
        finally:
            cls.sink.close()

    # ---- the cells ----

    def cells(self, methods=("GET", "POST")):
        """(method, pattern, target, values) for every route and target."""
        for method, pattern, _access, _tx in self.routes:
            if method not in methods:
                continue
            for target, values in self.fx.targets(pattern).items():
                yield method, pattern, target, values

    def expected(self, method, pattern, role, target, values):
        slug = values.get("slug")
        if pattern.startswith("/api/"):
            slug = {"own": GERIATRIE, "other": OOST}.get(target, attack.NO_SLUG)
        want = EXPECT[(method, pattern)](role, target, slug)
        if want is None:  # login_page, workplace_read: anonymous to /login
            want = LOGIN_GET if method == "GET" else LOGIN_POST
        return want

    def path_for(self, role, values, pattern, fresh=True):
        values = dict(values)
        if values.get("token", "") is None:
            values["token"] = (self.fx.response_token(self.roles[role]) if fresh
                               else self.shared_response)
        return Fixture.fill(pattern, values)

    def send(self, role, method, pattern, path, csrf=True, fields=None):
        c = self.roles[role]
        if method == "GET":
            return c.get(path)
        if fields is None:
            make = BODIES.get((method, pattern))
            fields = make(self.fx) if make else []
        if csrf is True:
            fields = fields + [("csrf", self.roles.csrf(role))]
        elif csrf is not None:
            fields = fields + [("csrf", csrf)]
        return c.post(path, fields)

    def check_status(self, r, want, path):
        if want == LOGIN_GET:
            self.assertEqual(r.status, 303, r)
            self.assertEqual(r.location, "/login?next=%s" % path, r)
        elif want == LOGIN_POST:
            self.assertEqual(r.status, 303, r)
            self.assertEqual(r.location, "/login", r)
        else:
            self.assertEqual(r.status, want, r)
            if r.status == 303 and path != "/logout":
                self.assertFalse((r.location or "").startswith("/login"), r)

    def after(self, role, method, pattern, r):
        """Undo what a cell changed that later cells rely on."""
        if pattern.endswith("/close"):
            self.watch.conn.execute("UPDATE rounds SET closed_early = 0 WHERE id IN (?, ?)",
                                    (self.fx.own_round, self.fx.other_round))
        elif pattern == "/logout" and role in LOGGED_IN:
            self.roles.reset(role)
        elif pattern.startswith("/admin/accounts/") and r.status == 200:
            self.watch.conn.execute(
                "INSERT OR REPLACE INTO password_links (token_hash, person_id, expires_at)"
                " VALUES (?, ?, 4102444800)",
                (attack.qhelp.token_hash("password", self.fx.link_token), self.fx.spare_id))
        if method == "POST" and pattern.startswith(("/r/", "/password/")):
            self.watch.clear_throttle()

    # ---- the tests ----

    def test_route_table_and_expectations_cover_the_same_routes(self):
        table = {(m, p) for m, p, _a, _t in self.routes}
        self.assertEqual(len(table), len(self.routes), "a route is in the table twice")
        missing = sorted(table - set(EXPECT))
        stale = sorted(set(EXPECT) - table)
        self.assertEqual(missing, [], "routes without a row in EXPECT (test_attack_access.py)")
        self.assertEqual(stale, [], "rows in EXPECT for routes that no longer exist")
        for method, pattern, access, tx in self.routes:
            self.assertIn(method, ("GET", "POST"), pattern)
            self.assertIn(access, ("asset", "public", "login", "admin"), pattern)
            self.assertIn(tx, ("auto", "self"), pattern)
            # every route has values for its placeholders (raises otherwise)
            for values in self.fx.targets(pattern).values():
                if values.get("token", "") is None:
                    values = dict(values, token=attack.BOGUS_TOKEN)
                Fixture.fill(pattern, values)
        # and the expectation agrees with the declared access level
        for method, pattern, access, _tx in self.routes:
            for target, values in self.fx.targets(pattern).items():
                anon = self.expected(method, pattern, "anonymous", target, values)
                if access == "login":
                    self.assertIn(anon, (LOGIN_GET, LOGIN_POST, 401), (method, pattern))
                elif access == "admin":
                    self.assertEqual(anon, LOGIN_POST, (method, pattern))
                else:
                    self.assertNotIn(anon, (LOGIN_GET, LOGIN_POST), (method, pattern))

    def test_error_pages_keep_the_anonymous_browser_token(self):
        """A 404 or 405 (answered before the prologue reads cookies) must not
        give an anonymous browser a new wp_anon cookie: that would void the
        CSRF token of every form it has open (a questionnaire page, the
        login form). Found by the matrix: /static/nope.css broke the next
        anonymous POST."""
        c = self.client()
        page = c.get("/login")
        tok = harness.csrf_from(page)
        for path, method in (("/static/nope.css", "GET"), ("/nope", "GET"), ("/favicon.ico", "GET"),
                             ("/login/x/y", "GET"), ("/guide", "POST")):
            with self.subTest(path=path):
                r = c.request(method, path)
                self.assertIn(r.status, (404, 405), r)
                self.assertNotIn("wp_anon", r.set_cookies(), r.headers)
                self.assertEqual(harness.csrf_from(r), tok, "the error page's forms use the same token")
        r = c.post("/lang", {"csrf": tok, "lang": "nl", "next": "/login"})
        self.assertEqual(r.status, 303, r)

    def test_matrix(self):
        done = 0
        for method, pattern, target, values in self.cells():
            for role in ROLES:
                path = self.path_for(role, values, pattern)
                want = self.expected(method, pattern, role, target, values)
                with self.subTest(method=method, path=path, role=role, target=target):
                    r = self.send(role, method, pattern, path)
                    self.after(role, method, pattern, r)
                    self.check_status(r, want, path)
                    self.assertLess(r.status, 500)
                    done += 1
        n_routes = len(self.routes)
        self.assertEqual(len(ROLES), 7)
        # printed for the record of the suite: routes x roles, and cells with targets
        print("\n  access matrix: %d routes x %d roles = %d; %d requests over all targets"
              % (n_routes, len(ROLES), n_routes * len(ROLES), done), end=" ")

    def test_get_never_writes(self):
        """Every GET of the matrix, by every role: the database stays as it
        was (no commit at all after any single GET, and the same dump
        before and after each route's GETs)."""
        self.shared_response = self.fx.response_token(self.roles["participant"])
        before = self.server.dump()
        for method, pattern, _a, _t in self.routes:
            if method != "GET":
                continue
            for target, values in self.fx.targets(pattern).items():
                for role in ROLES:
                    path = self.path_for(role, values, pattern, fresh=False)
                    v = self.watch.version()
                    for m in ("GET", "HEAD"):
                        r = self.roles[role].request(m, path)
                        with self.subTest(method=m, path=path, role=role):
                            self.assertLess(r.status, 500, r)
                            self.assertEqual(self.watch.version(), v,
                                             "%s %s as %s committed a change" % (m, path, role))
            after = self.server.dump()
            with self.subTest(route=pattern):
                self.assertEqual(before.splitlines(), after.splitlines(), pattern)
            before = after

    def test_post_without_csrf_is_refused(self):
        """Every POST route, by every role, with the fields that would make
        it work, but without a CSRF token, with an empty one, a wrong one,
        and another browser's valid one: 403 wherever the request got past
        the access check (the login redirect or 404 before it), and the
        database is exactly as before."""
        self.shared_response = self.fx.response_token(self.roles["participant"])
        stranger = harness.Client(self.server)
        stranger.login_ok(harness.YOUSSEF)
        foreign = harness.csrf_from(stranger.get("/"))
        for method, pattern, access, _t in self.routes:
            if method != "POST":
                continue
            before = self.server.dump()
            targets = self.fx.targets(pattern)
            name = next(t for t in ("own", "response", "link", "person", "-") if t in targets)
            values = targets[name]
            for role in ROLES:
                path = self.path_for(role, values, pattern, fresh=False)
                # the access check of the route table comes before the CSRF check
                if access in ("login", "admin") and role not in LOGGED_IN:
                    want = LOGIN_POST
                elif access == "admin" and role != "admin":
                    want = 404
                else:
                    want = 403
                for label, tok in (("none", None), ("empty", ""), ("wrong", "0" * 64),
                                   ("another browser's", foreign)):
                    make = BODIES.get((method, pattern))
                    fields = make(self.fx) if make else []
                    v = self.watch.version()
                    r = self.send(role, method, pattern, path, csrf=tok, fields=fields)
                    with self.subTest(path=path, role=role, csrf=label):
                        self.check_status(r, want, path)
                        if want == 403:
                            self.assertIn("Er is niets opgeslagen", r.text)
                        self.assertNotIn("wp_session", r.set_cookies())
                        self.assertNotIn("wp_lang", r.set_cookies())
                        self.assertEqual(self.watch.version(), v, "a commit without CSRF")
            after = self.server.dump()
            with self.subTest(route=pattern):
                self.assertEqual(before.splitlines(), after.splitlines(), pattern)
        # the sessions all survived the refused logouts
        for role in LOGGED_IN:
            self.assertEqual(self.roles[role].get("/account").status, 200, role)


if __name__ == "__main__":
    unittest.main()
