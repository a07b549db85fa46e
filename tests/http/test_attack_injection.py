"""test_attack_injection.py - issue 8, injection: every payload of
tests/attack/payloads.txt (markup, script URLs, SQL, template syntax,
unicode tricks, control characters, invalid UTF-8, very long strings) sent
through every field of every form (found by crawling the pages as each
role), through query parameters and through path segments. Then every page
(crawled again as each role, and every page of every round) and every JSON
answer is parsed: no payload may have produced an element or an attribute,
no attribute may have been escaped inside a tag, and the database still
holds all its tables and exactly the values that were sent.

The attack runs once, in setUpClass, and records every response; the tests
then judge what was recorded. One server for the class.
"""

import json
import re
import unittest
import urllib.parse

import attack
import harness
import qhelp
from attack import Fixture, Roles, markup_problems, parse_page, post_form, route_of, route_table
from harness import GERIATRIE, ServerTestCase

ROLES = ("anonymous", "participant", "member", "coordinator", "admin")
TEXT_KINDS = ("text", "textarea", "hidden", "password", "search", "url", "tel")
CRAWL_CAP = 3        # pages per route pattern in a crawl
CRAWL_LIMIT = 200    # pages per crawl
URL_PAYLOAD_MAX = 2000  # longer payloads are not put into URLs
# A password field makes the server run Argon2id (about 0.1 s under the
# sanitizers): it gets one payload in PASSWORD_EVERY, and is left out
# otherwise, so that the other fields of the form are checked quickly.
PASSWORD_EVERY = 10


def load_payloads():
    """[(label, bytes)] from tests/attack/payloads.txt (see its header)."""
    out = []
    with open(attack.os.path.join(attack.ATTACK_DIR, "payloads.txt"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line == "#" or line.startswith("# "):
                continue
            if line.startswith("!repeat "):
                _, count, text = line.split(" ", 2)
                text = (text * (int(count) // len(text) + 1))[:int(count)]
                out.append(("line %d (%d chars)" % (n, len(text)), text.encode()))
                continue
            data = bytearray()
            for m in re.finditer(r"\\x([0-9a-fA-F]{2})|\\\\|(.)", line, re.S):
                if m.group(1):
                    data.append(int(m.group(1), 16))
                elif m.group(2) is not None:
                    data += m.group(2).encode("utf-8")
                else:
                    data += b"\\"
            if b"\x00" in data:
                raise AssertionError("payloads.txt line %d: no NUL bytes" % n)
            out.append(("line %d: %s" % (n, line[:50]), bytes(data)))
    return out


PAYLOADS = load_payloads()
ALLOWED_TAGS = attack.program_tags()  # the elements the program's sources write


def as_text(payload):
    return payload.decode("utf-8", "surrogateescape")


def plain_text(payload):
    """Would a text field take this as it is (valid UTF-8, no control
    characters but tab and line breaks, not too long)?"""
    try:
        s = payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(s) <= 200 and not any((ord(c) < 32 and c not in "\t\r\n") or 0x7f <= ord(c) < 0xa0
                                     for c in s)


class Recorder:
    """Every response of the attack, with what it was."""

    def __init__(self):
        self.seen = []  # (what, response)

    def add(self, what, r):
        self.seen.append((what, r))
        return r


class InjectionTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.attack()
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def attack(cls):
        cls.routes = route_table()
        cls.fx = Fixture(cls.server)
        cls.watch = attack.DbWatch(cls.server.db)
        cls.watch.conn.execute("PRAGMA synchronous = OFF")  # only this connection's own writes
        cls.tables_before = cls.watch.tables()
        cls.counts_before = cls.counts()
        cls.roles = Roles(cls.server, cls.fx, roles=ROLES)
        cls.rec = Recorder()
        cls.email_n = 0
        forms = cls.find_forms()
        cls.forms = forms
        for (role, form) in forms.values():
            cls.fuzz_form(role, form)
        cls.fuzz_parameters()
        cls.fuzz_paths()
        cls.seed_responses()
        cls.pages = cls.final_pages()

    @classmethod
    def tearDownClass(cls):
        try:
            cls.watch.close()
        finally:
            super().tearDownClass()

    @classmethod
    def counts(cls):
        c = cls.watch.conn
        return {t: c.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
                for t in ("people", "accounts", "workplaces", "memberships", "rounds", "items",
                          "instrument_versions")} | {
            "admins": c.execute("SELECT count(*) FROM accounts WHERE is_admin = 1").fetchone()[0]}

    # ---- crawling ----

    @classmethod
    def start_pages(cls, role):
        t = cls.roles.participant_token
        return {
            "anonymous": ["/login", "/guide", "/r/%s" % cls.fx.own_open, "/password/%s" % cls.fx.link_token],
            "participant": ["/r/%s" % t, "/r/%s/all" % t, "/r/%s/review" % t] +
                           ["/r/%s/p/%d" % (t, n) for n in range(1, 9)],
            "member": ["/", "/account"],
            "coordinator": ["/", "/pw/%s/rounds/%d" % (GERIATRIE, cls.fx.own_round),
                            "/pw/%s/rounds/%d/dialogue" % (GERIATRIE, cls.fx.own_round)],
            "admin": ["/", "/admin"],
        }[role]

    @classmethod
    def crawl(cls, role, starts, record=True):
        """GET pages from starts, following local links and redirects, at
        most CRAWL_CAP pages of each route (more when asked for by starts)."""
        client = cls.roles[role]
        base = "http://127.0.0.1:%d" % cls.server.port
        seen, per_route, out = set(), {}, []
        todo = list(starts)
        while todo and len(out) < CRAWL_LIMIT:
            path = todo.pop(0)
            if path.startswith(base):
                path = path[len(base):]
            path = path.split("#")[0]
            if path in seen or not path.startswith("/") or path.startswith("//"):
                continue
            seen.add(path)
            key = route_of(cls.routes, "GET", path)
            if key is None or key[1].startswith("/static/"):
                continue
            if per_route.get(key, 0) >= CRAWL_CAP and path not in starts:
                continue
            per_route[key] = per_route.get(key, 0) + 1
            r = client.get(path)
            if record:
                cls.rec.add("GET %s as %s" % (path, role), r)
            out.append((path, r))
            if r.status == 303 and r.location:
                todo.append(r.location)
            if "text/html" in (r.header("Content-Type") or ""):
                todo += parse_page(r.text).links
        return out

    @classmethod
    def find_forms(cls):
        """{(route, field names): (role, form)}: each kind of form once."""
        forms = {}
        cls.clean_pages = []
        for role in ROLES:
            for path, r in cls.crawl(role, cls.start_pages(role), record=False):
                cls.clean_pages.append((role, path, r))
                if "text/html" not in (r.header("Content-Type") or ""):
                    continue
                for f in parse_page(r.text).forms:
                    if f.method != "post":
                        continue
                    key = (route_of(cls.routes, "POST", f.action), f.names())
                    if key[0] is None:
                        raise AssertionError("a form posts where no route is: %r on %s" % (f, path))
                    forms.setdefault(key, (role, f))
        return forms

    # ---- sending payloads ----

    @classmethod
    def fill(cls, form, payload, everything, csrf, with_passwords=True):
        """The fields of a form with payload in every text field (and, when
        `everything`, in every other field too); the rest as the page set
        them, so that the request is otherwise valid."""
        out, done = [], set()
        for f in form.fields:
            name, kind = f["name"], f["kind"]
            if name == "csrf":
                continue
            if kind in ("radio", "button") and name in done:
                continue  # one value a group (the first radio, the first button)
            done.add(name)
            if kind == "password" and not with_passwords:
                continue
            if everything or kind in TEXT_KINDS:
                out.append((name, payload))
            elif kind == "email":
                cls.email_n += 1
                out.append((name, "inj-%d@demo.example.org" % cls.email_n))
            elif kind == "checkbox":
                if f.get("checked"):
                    out.append((name, f["value"]))
            elif kind == "select":
                out.append((name, f["value"] or ""))
            elif kind == "file":
                continue
            else:
                out.append((name, f.get("value", "")))
        return out + [("csrf", csrf)]

    @classmethod
    def after_post(cls, form):
        """Undo the side effects that would stop the attack itself."""
        if form.action.startswith(("/login", "/r/", "/password/")):
            cls.watch.clear_throttle()
        if form.action.startswith("/password/"):
            cls.watch.conn.execute(
                "INSERT OR REPLACE INTO password_links (token_hash, person_id, expires_at)"
                " VALUES (?, ?, 4102444800)",
                (qhelp.token_hash("password", cls.fx.link_token), cls.fx.spare_id))

    @classmethod
    def fuzz_form(cls, role, form):
        kinds = {f["kind"] for f in form.fields if f["name"] != "csrf"}
        variants = []
        if kinds & set(TEXT_KINDS):
            variants.append(False)  # payload in the text fields, the rest valid
        if kinds:
            variants.append(True)   # payload in every field
        for everything in variants:
            for i, (label, payload) in enumerate(PAYLOADS):
                fields = cls.fill(form, payload, everything, cls.roles.csrf(role),
                                  with_passwords=i % PASSWORD_EVERY == 0)
                r = post_form(cls.roles[role], form, fields)
                cls.rec.add("POST %s as %s (%s, %s)" % (form.action, role, label,
                                                        "all fields" if everything else "text fields"), r)
                cls.after_post(form)

    @classmethod
    def fuzz_parameters(cls):
        """Payloads in the query parameters the pages read, and in one they don't."""
        t = cls.roles.participant_token
        where = [("anonymous", "/login?next=%s"), ("anonymous", "/login?done=%s"),
                 ("member", "/account?changed=%s"), ("member", "/?x=%s"),
                 ("coordinator", "/pw/%s/rounds/%d/dialogue?saved=%%s" % (GERIATRIE, cls.fx.own_round)),
                 ("participant", "/r/%s/all?saved=%%s" % t),
                 ("admin", "/login?next=%s"), ("anonymous", "/static/app.css?v=%s")]
        for label, payload in PAYLOADS:
            if len(payload) > URL_PAYLOAD_MAX:
                continue
            q = urllib.parse.quote(payload, safe="")
            for role, pattern in where:
                cls.rec.add("GET %s as %s (%s)" % (pattern, role, label),
                            cls.roles[role].get(pattern % q))

    @classmethod
    def fuzz_paths(cls):
        """Payloads as path segments of every kind of page."""
        shapes = ["/%s", "/pw/%s", "/pw/%s/rounds", "/pw/" + GERIATRIE + "/rounds/%s",
                  "/pw/%s/rounds/%d/results/%%s" % (GERIATRIE, cls.fx.own_round),
                  "/r/%s", "/r/%s/p/1", "/password/%s", "/static/%s", "/api/v1/rounds/%s/results",
                  "/admin/%s"]
        for label, payload in PAYLOADS:
            if len(payload) > URL_PAYLOAD_MAX:
                continue
            q = urllib.parse.quote(payload, safe="")
            for role in ("anonymous", "coordinator"):
                for shape in shapes:
                    path = shape % q
                    cls.rec.add("GET %s as %s (%s)" % (shape, role, label), cls.roles[role].get(path))
        cls.watch.clear_throttle()

    @classmethod
    def seed_responses(cls):
        """Five people answer the fixture's round (k=3) with a payload in
        every open question, so that their comments are shown in the results
        and the dialogue agenda."""
        texts = [as_text(p) for _l, p in PAYLOADS if plain_text(p)]
        cls.seeded = []
        n = 0
        for person in range(5):
            c = cls.server.client()
            tok = qhelp.start_open(c, cls.fx.own_open, "student")
            page = c.get("/r/%s/all" % tok)
            form = next(f for f in parse_page(page.text).forms if f.action.endswith("/all"))
            fields = []
            for f in form.fields:
                if f["name"] in ("csrf", "go") or any(x[0] == f["name"] for x in fields):
                    continue
                if f["kind"] == "radio":
                    fields.append((f["name"], "4"))
                elif f["kind"] == "textarea":
                    text = texts[n % len(texts)]
                    n += 1
                    fields.append((f["name"], text))
                    cls.seeded.append(text)
            fields += [("go", "submit"), ("csrf", harness.csrf_from(page))]
            r = cls.rec.add("POST /r/TOKEN/all (seeding, person %d)" % person, c.post(
                "/r/%s/all" % tok, fields))
            if r.status != 303:
                raise AssertionError("seeding a response failed: %r" % r)

    # ---- looking at everything ----

    @classmethod
    def final_pages(cls):
        """Every page again: a crawl as each role, and as the administrator
        every page of every round (the payload titles made many)."""
        pages = []
        for role in ROLES:
            pages += [(role, p, r) for p, r in cls.crawl(role, cls.start_pages(role), record=False)]
        admin = cls.roles["admin"]
        rounds = cls.watch.conn.execute(
            "SELECT r.id, w.slug FROM rounds r JOIN workplaces w ON w.id = r.workplace_id").fetchall()
        for rid, slug in rounds:
            base = "/pw/%s/rounds/%d" % (slug, rid)
            for path in [base, base + "/results", base + "/dialogue", base + "/poster",
                         "/api/v1/rounds/%d/results" % rid, "/pw/%s/rounds" % slug,
                         "/pw/%s/development" % slug, "/pw/%s" % slug] + \
                    [base + "/results/" + e for e in qhelp.ELEMENTS]:
                pages.append(("admin", path, admin.get(path)))
        return pages

    # ---- the tests ----

    def check_response(self, what, r):
        self.assertLess(r.status, 500, "%s: %r" % (what, r))
        for name in r.set_cookies():
            self.assertIn(name, ("wp_anon", "wp_session", "wp_lang"), (what, r.headers))
        self.assertNotEqual(r.set_cookies().get("wp_session", {}).get("value"), "evil", what)
        if r.status in (301, 302, 303, 307, 308):
            loc = r.location or ""
            self.assertTrue(loc.startswith("/") and not loc.startswith(("//", "/\\")),
                            "%s: redirect away: %r" % (what, loc))
            self.assertFalse(re.search(r"[\x00-\x20\x7f]", loc), "%s: %r" % (what, loc))
        ctype = r.header("Content-Type") or ""
        if ctype.startswith("text/html"):
            problems = markup_problems(r.text, ALLOWED_TAGS)
            self.assertEqual(problems, [], what)
        elif ctype.startswith("application/json"):
            json.loads(r.text)

    def test_pages_before_the_attack(self):
        """Before any payload was sent, the pages hold no escaped attribute
        anywhere: not inside a tag, and not as text either (markup that
        went through an escaping %s shows up as text)."""
        self.assertGreater(len(self.clean_pages), 30)
        for role, path, r in self.clean_pages:
            with self.subTest(role=role, path=path):
                self.check_response("GET %s as %s" % (path, role), r)
                if (r.header("Content-Type") or "").startswith("text/html"):
                    m = attack.ESCAPED_ATTR_RE.search(r.text)
                    self.assertIsNone(m, m and r.text[max(0, m.start() - 80):m.end() + 80])

    def test_forms_were_found_and_attacked(self):
        routes = {key[0][1] for key in self.forms}
        for pattern in ("/login", "/lang", "/account/password", "/password/{token}", "/admin/accounts",
                        "/pw/{slug}/rounds", "/pw/{slug}/rounds/{id}/invitations",
                        "/pw/{slug}/rounds/{id}/dialogue", "/r/{token}/start", "/r/{token}/resume",
                        "/r/{token}/p/{n}", "/r/{token}/all"):
            self.assertIn(pattern, routes, "no form found for %s" % pattern)
        self.assertGreater(len(self.rec.seen), 1000)

    def test_answers_to_the_attack(self):
        """Every response to a payload: no server error, no markup from the
        payload, no foreign cookie or redirect."""
        for what, r in self.rec.seen:
            with self.subTest(what=what):
                self.check_response(what, r)

    def test_every_page_afterwards(self):
        """Every page after the attack, as each role; every round's pages."""
        checked = 0
        for role, path, r in self.pages:
            with self.subTest(role=role, path=path):
                self.check_response("GET %s as %s" % (path, role), r)
                checked += 1
        self.assertGreater(checked, 300)

    def test_payloads_are_shown_as_text(self):
        """The payloads did reach the pages (as text): the checks above
        looked at pages that hold them."""
        by_path = {(role, path): r for role, path, r in self.pages}
        admin = by_path[("admin", "/admin")].text
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", admin)
        rounds = by_path[("admin", "/pw/%s/rounds" % GERIATRIE)].text
        self.assertIn("&#39;; DROP TABLE people; --", rounds)
        self.assertIn("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", rounds)
        element_pages = "".join(r.text for (role, path), r in by_path.items()
                                if path.startswith("/pw/%s/rounds/%d/results/" % (GERIATRIE, self.fx.own_round)))
        self.assertIn("&lt;wpxss data-wpxss=&quot;1&quot;&gt;", element_pages)
        api = by_path[("admin", "/api/v1/rounds/%d/results" % self.fx.own_round)]
        self.assertEqual(json.loads(api.text)["respondents"], 5)

    def test_database_intact_and_values_stored_as_sent(self):
        self.assertEqual(self.watch.tables(), self.tables_before, "tables were dropped or added")
        self.assertEqual(self.watch.conn.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        self.assertEqual(self.watch.conn.execute("PRAGMA foreign_key_check").fetchall(), [])
        after = self.counts()
        for table, n in self.counts_before.items():
            if table == "admins":
                self.assertEqual(after[table], n, "administrators")
            else:
                self.assertGreaterEqual(after[table], n, table)
        for sql in ("'; DROP TABLE people; --", "' OR '1'='1", "x'); UPDATE accounts SET is_admin = 1; --",
                    "<script>alert(1)</script>", "{{7*7}}"):
            with self.subTest(value=sql):
                self.assertEqual(self.server.sql(
                    "SELECT count(*) FROM rounds WHERE title = '%s'" % sql.replace("'", "''")), [["1"]])
                self.assertEqual(self.server.sql(
                    "SELECT count(*) FROM people WHERE name = '%s'" % sql.replace("'", "''")), [["1"]])
        stored = {row[0] for row in self.watch.conn.execute(
            "SELECT c.text FROM comments c JOIN responses r ON r.id = c.response_id"
            " WHERE r.round_id = ? AND r.submitted = 1", (self.fx.own_round,))}
        # as sent, but for the surrounding white space every field trims
        # (and line ends, which a browser sends as CR LF)
        stored = {s.replace("\r\n", "\n") for s in stored}
        for text in self.seeded:
            with self.subTest(comment=text):
                self.assertIn(text.strip(" \t\r\n").replace("\r\n", "\n"), stored)
        self.client().login_ok(harness.ADMIN)  # the administrator's account is as it was


if __name__ == "__main__":
    unittest.main()
