"""attack.py - what the attack tests (test_attack_*.py) share: the route
table as the binary reports it (`werkplaats routes`), a fixture of rounds,
tokens and accounts added to a server's demo database, one browser per role,
filling route patterns with real values, watching the database for writes,
and checking HTML for markup that came from input.

Roles: anonymous, participant (a browser that started a response through
an open link), member, coordinator, coordinator of another workplace,
programme lead, researcher and site administrator. Every logged-in role
also has a personal API token (Fixture.api_tokens). Standard library only
(on PostgreSQL also psycopg2, through qhelp.db).
"""

import datetime
import hashlib
import html.parser
import json
import os
import re
import urllib.parse

import harness
import qhelp
from harness import (ADMIN, COORDINATOR, GERIATRIE, MEMBER, OOST, PETRA, PROGRAMME_LEAD,
                     RESEARCHER, csrf_from, run_cli)

ATTACK_DIR = os.path.join(harness.REPO, "tests", "attack")

ROLES = ("anonymous", "participant", "member", "coordinator", "other_coordinator",
         "programme_lead", "researcher", "admin")
ROLE_LOGIN = {"member": MEMBER, "coordinator": COORDINATOR, "other_coordinator": PETRA,
              "programme_lead": PROGRAMME_LEAD, "researcher": RESEARCHER, "admin": ADMIN}
LOGGED_IN = tuple(ROLE_LOGIN)

# Membership in the demo (harness.py): what each logged-in role is in the
# workplaces the targets name.
MEMBERSHIP = {
    "member": {GERIATRIE: "member"},
    "coordinator": {GERIATRIE: "coordinator"},
    "other_coordinator": {OOST: "coordinator"},
    "programme_lead": {},
    "researcher": {},
}

NO_SLUG = "geen-werkplaats"
NO_ID = "999999"
BOGUS_TOKEN = "Xq3" + "z" * 19  # well-formed, matches nothing


def today(offset=0):
    d = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=offset)
    return d.isoformat()


def token_for(label):
    """A well-formed 22-character token, fixed per label."""
    return ("A" + hashlib.sha256(label.encode()).hexdigest())[:22]


# ---------------------------------------------------------------------------
# the route table


def route_table(with_lead=False):
    """[(method, pattern, access, tx)] as `werkplaats routes` prints them;
    with_lead: also what a programme lead who is not a member gets
    ("read" or "-"), as a fifth column."""
    res = run_cli(["routes"])
    if res.returncode != 0:
        raise AssertionError("werkplaats routes failed: %r" % res)
    rows = [tuple(line.split("\t")) for line in res.stdout.splitlines() if line]
    for row in rows:
        if len(row) != 5 or row[4] not in ("read", "-"):
            raise AssertionError("werkplaats routes: not method, pattern, access, tx, lead: %r" % (row,))
    return rows if with_lead else [row[:4] for row in rows]


def pattern_regex(pattern):
    """A regex matching a concrete path of the pattern ({x}: one segment)."""
    parts = re.split(r"(\{[a-z]+\})", pattern)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p)
                                     for p in parts) + "$")


def route_of(routes, method, path):
    """The (method, pattern) a concrete path is routed to, or None."""
    path = urllib.parse.urlsplit(path).path
    for m, pattern, _access, _tx in routes:
        if m == method and pattern_regex(pattern).match(path):
            return (m, pattern)
    return None


# ---------------------------------------------------------------------------
# fixture: values to put into the patterns


class Fixture:
    """Rounds, tokens, accounts and workplace records added to a demo
    database (before or while the server runs, as the server itself would
    store them). In GERIATRIE ("own") and in OOST ("other") alike:

    own_round:    an open round (k=3); other_round the same in OOST
    results:      a demo round with answers above k (exports), per workplace
    sent_token:   a submitted response in a closed round of GERIATRIE
    link_token:   a password link of a spare account
    spare_id:     an account that may be reset by the matrix
    items:        {group: (own id, other id)} for the groups of /pw/{slug}/GROUP/{id}:
                  rounds, actions, outcomes, realist notes, members (spare
                  people), invitations (to the workplace), partners, and practice
                  questions, activities and contributors (issue 21)
    join_member:  a join link of OOST for the member's own address
    join_fresh:   a join link of GERIATRIE for an address without an account
    api_tokens:   {logged-in role: its personal API token}
    share_*:      share link tokens (live, expired, revoked) of GERIATRIE's results
                  round; share_links: {slug: id of its live link}
    revocable:    the id of another API token of the coordinator"""

    def __init__(self, server):
        self.server = server
        self.own_round, self.own_open = qhelp.new_round(
            server, GERIATRIE, title="Aanvalsronde", k=3, open_token=token_for("own-open"))
        self.other_round, self.other_open = qhelp.new_round(
            server, OOST, title="Aanvalsronde Oost", k=3, open_token=token_for("other-open"))
        self.closed_round, _ = qhelp.new_round(
            server, GERIATRIE, title="Gesloten ronde", opens="2000-01-01", closes="2000-01-31",
            k=3, open_token=token_for("closed-open"))
        self.rows = []  # (table, {column: value}): what restore() puts back
        db = qhelp.db(server)
        try:
            self.sent_token = token_for("sent")
            db.execute("INSERT INTO responses (round_id, perspective, access_hash, submitted, page)"
                       " VALUES (?, 'student', ?, 1, 9)",
                       (self.closed_round, qhelp.token_hash("response", self.sent_token)))
            cur = db.execute("INSERT INTO people (name, email, created_at) VALUES"
                             " ('Reserve Account', 'reserve@demo.example.org', 0)")
            self.spare_id = cur.lastrowid
            db.execute("INSERT INTO accounts (person_id) VALUES (?)", (self.spare_id,))
            self.link_token = token_for("password-link")
            db.execute("INSERT INTO password_links (token_hash, person_id, expires_at)"
                       " VALUES (?, ?, ?)", (qhelp.token_hash("password", self.link_token),
                                            self.spare_id, 4102444800))
            self.version = db.execute("SELECT MAX(id) FROM instrument_versions").fetchone()[0]
            self.wp = dict(db.execute("SELECT slug, id FROM workplaces").fetchall())
            self.person = {role: db.execute("SELECT id FROM people WHERE email = ?", (email,)).fetchone()[0]
                           for role, email in ROLE_LOGIN.items()}
            self._workplace_records(db)
            self._api_tokens(db)
        finally:
            db.close()

    # ---- what the new groups of pages need ----

    def _insert(self, db, table, row, restore=True):
        cur = db.execute("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(row), ", ".join("?" * len(row))),
                         tuple(row.values()))
        if restore:
            self.rows.append((table, dict(row, **({"id": cur.lastrowid} if "id" not in row and table not in (
                "memberships", "partners", "evidence_files") else {}))))
        return cur.lastrowid

    def _workplace_records(self, db):
        items = {"rounds": (self.own_round, self.other_round)}
        # the demo round of each workplace with the most answers: exports need k
        self.results = tuple(db.execute(
            "SELECT r.id FROM rounds r WHERE r.workplace_id = ? ORDER BY (SELECT count(*) FROM responses x"
            " WHERE x.round_id = r.id AND x.submitted = 1) DESC, r.id LIMIT 1", (self.wp[slug],)).fetchone()[0]
            for slug in (GERIATRIE, OOST))
        made = {g: [] for g in ("actions", "outcomes", "realist", "members", "invitations", "partners",
                                "questions", "activities", "contributors")}
        for slug, label in ((GERIATRIE, "Aanval"), (OOST, "Aanval Oost")):
            w = self.wp[slug]
            org = self._insert(db, "organisations", {"name": "%spartner" % label, "kind": "public",
                                                     "created_at": 0})
            self._insert(db, "partners", {"workplace_id": w, "organisation_id": org, "role": "partner"})
            made["partners"].append(org)
            email = "%s@demo.example.org" % label.lower().replace(" ", "-")
            pid = self._insert(db, "people", {"name": "%slid" % label, "email": email, "created_at": 0}, False)
            db.execute("INSERT INTO accounts (person_id) VALUES (?)", (pid,))
            self._insert(db, "memberships", {"workplace_id": w, "person_id": pid, "role": "member",
                                             "created_at": 0})
            made["members"].append(pid)
            made["invitations"].append(self._insert(db, "member_invitations", {
                "token_hash": qhelp.token_hash("join", token_for("invitation " + label)), "workplace_id": w,
                "email": "uitgenodigd-" + email, "role": "member", "created_at": 0, "expires_at": 4102444800}))
            action = self._insert(db, "actions", {"workplace_id": w, "title": "%sactie" % label,
                                                  "created_at": 0, "updated_at": 0})
            self._insert(db, "action_elements", {"action_id": action, "element": "LOS"}, False)
            made["actions"].append(action)
            made["outcomes"].append(self._insert(db, "outcomes", {
                "workplace_id": w, "category": "knowledge", "occurred_on": "2026-01-15",
                "title": "%sopbrengst" % label, "created_at": 0}))
            self._insert(db, "evidence_files", {  # "Bewijs\n" as a text file
                "outcome_id": made["outcomes"][-1], "content_type": "text/plain; charset=utf-8", "size": 7,
                "data": "QmV3aWpzCg==", "created_at": 0})
            made["realist"].append(self._insert(db, "realist_notes", {
                "workplace_id": w, "action_id": action, "context": "Context", "mechanism": "Mechanisme",
                "result": "Uitkomst", "created_at": 0}))
            question = self._insert(db, "practice_questions", {
                "workplace_id": w, "title": "%svraagstuk" % label, "trigger_kind": "urgency",
                "raised_by": "professional", "raised_on": "2026-01-10", "created_at": 0, "updated_at": 0})
            made["questions"].append(question)
            made["activities"].append(self._insert(db, "practice_activities", {
                "question_id": question, "kind": "learning", "title": "%sactiviteit" % label,
                "starts_on": "2026-01-20", "created_at": 0}))
            made["contributors"].append(self._insert(db, "question_contributors", {
                "question_id": question, "role": "student", "people": 2, "period": "2025-S2", "created_at": 0}))
        items.update((g, tuple(v)) for g, v in made.items())
        self.items = items
        self._share_links(db)
        self.join_member = token_for("join member")
        self._insert(db, "member_invitations", {
            "token_hash": qhelp.token_hash("join", self.join_member), "workplace_id": self.wp[OOST],
            "email": MEMBER, "role": "member", "created_at": 0, "expires_at": 4102444800})
        self.join_fresh = token_for("join fresh")
        self._insert(db, "member_invitations", {
            "token_hash": qhelp.token_hash("join", self.join_fresh), "workplace_id": self.wp[GERIATRIE],
            "email": "nieuwkomer@demo.example.org", "role": "member", "created_at": 0,
            "expires_at": 4102444800})

    def _share_links(self, db):
        """A live share link of each workplace's results round; an expired
        and a revoked one of GERIATRIE's."""
        own, other = self.results
        self.share_live, self.share_expired, self.share_revoked = (
            token_for("share " + s) for s in ("live", "expired", "revoked"))
        self.share_links = {}
        for slug, rid, tok, expires, revoked in (
                (GERIATRIE, own, self.share_live, 4102444800, None),
                (OOST, other, token_for("share oost"), 4102444800, None),
                (None, own, self.share_expired, 1, None),
                (None, own, self.share_revoked, 4102444800, 1)):
            cur = db.execute("INSERT INTO share_links (round_id, token_hash, created_at, expires_at, revoked_at)"
                             " VALUES (?, ?, 0, ?, ?)", (rid, qhelp.token_hash("share", tok), expires, revoked))
            if slug:
                self.share_links[slug] = cur.lastrowid
        self.year_links = {}
        for slug in (GERIATRIE, OOST):
            cur = db.execute("INSERT INTO year_share_links (workplace_id, year, token_hash, created_at, expires_at)"
                             " VALUES (?, 2026, ?, 0, 4102444800)",
                             (self.wp[slug], qhelp.token_hash("share", token_for("year " + slug))))
            self.year_links[slug] = cur.lastrowid

    def _api_tokens(self, db):
        self.api_tokens = {}
        for role, pid in self.person.items():
            tok = "wpt_" + token_for("api " + role)
            self.api_tokens[role] = tok
            db.execute("INSERT INTO api_tokens (person_id, token_hash, name, hint, created_at)"
                       " VALUES (?, ?, ?, ?, 0)", (pid, qhelp.token_hash("api", tok), "aanval " + role, tok[:8]))
        self.revocable = self._insert(db, "api_tokens", {
            "person_id": self.person["coordinator"], "name": "intrekbaar",
            "token_hash": qhelp.token_hash("api", "wpt_" + token_for("revocable")), "hint": "wpt_intr",
            "created_at": 0})

    def question_of(self, slug):
        """The fixture's practice question of a workplace (OOST's for OOST,
        GERIATRIE's otherwise), for the API's bodies that name one."""
        own, other = self.items["questions"]
        return other if slug == OOST else own

    def restore(self, conn):
        """Put back what a POST of the matrix removed or changed of the
        fixture (a removed partner, member, invitation, note, outcome or
        token; an action's revision; the member's membership of OOST that
        joining gave), with conn (autocommit)."""
        for table, row in self.rows:
            conn.execute("INSERT OR IGNORE INTO %s (%s) VALUES (%s)" % (
                table, ", ".join(row), ", ".join("?" * len(row))), tuple(row.values()))
        conn.execute("UPDATE actions SET revision = 1 WHERE id IN (?, ?)", self.items["actions"])
        conn.execute("UPDATE share_links SET revoked_at = NULL WHERE id IN (?, ?)",
                     tuple(self.share_links.values()))
        conn.execute("UPDATE year_share_links SET revoked_at = NULL WHERE id IN (?, ?)",
                     tuple(self.year_links.values()))
        conn.execute("DELETE FROM memberships WHERE workplace_id = ? AND person_id = ?",
                     (self.wp[OOST], self.person["member"]))

    def renew_password_link(self, conn):
        """The spare account's password link again, as it was before a
        POST used it up or an administrator's reset replaced it."""
        link = qhelp.token_hash("password", self.link_token)
        conn.execute("DELETE FROM password_links WHERE token_hash = ?", (link,))
        conn.execute("INSERT INTO password_links (token_hash, person_id, expires_at) VALUES (?, ?, 4102444800)",
                     (link, self.spare_id))

    # ---- bodies that change nothing but still do their work ----

    def profile_fields(self, slug):
        """The profile form of a workplace as it is stored (saving it again
        changes nothing)."""
        db = qhelp.db(self.server)
        try:
            row = db.execute("SELECT id, name, domain, location, coalesce(start_date, ''), description,"
                             " vision, goals, share_comments_lead FROM workplaces WHERE slug = ?",
                             (slug,)).fetchone()
            if row is None:
                return [("name", "Geen werkplaats")]
            triggers = dict(db.execute("SELECT kind, text FROM workplace_triggers WHERE workplace_id = ?",
                                       (row[0],)).fetchall())
        finally:
            db.close()
        names = ("name", "domain", "location", "start_date", "description", "vision", "goals")
        return (list(zip(names, row[1:8])) + [("trigger_" + k, triggers.get(k, ""))
                                              for k in ("complex", "opportunity", "urgency")]
                + ([("share_comments_lead", "1")] if row[8] else []))

    def characteristics_fields(self, slug):
        db = qhelp.db(self.server)
        try:
            # the current assessment: the newest
            stored = {n: (s, note) for n, s, note in db.execute(
                "SELECT r.number, r.state, r.note FROM characteristic_ratings r"
                " WHERE r.assessment_id = (SELECT max(a.id) FROM characteristic_assessments a"
                " JOIN workplaces w ON w.id = a.workplace_id WHERE w.slug = ?)", (slug,)).fetchall()}
        finally:
            db.close()
        out = []
        for n in range(1, 10):
            state, note = stored.get(n, ("", ""))
            out += [("c%d" % n, state), ("n%d" % n, note)]
        return out

    def response_token(self, open_token=None):
        """Start a response through the open link (as a participant does);
        its private token, which gives any browser access to it. Started
        in a browser of its own: a browser has one response in progress per
        open link and waits a while after sending (src/domain/open_link.h),
        so a role's browser could not start one per test."""
        return qhelp.start_open(harness.Client(self.server), open_token or self.own_open)

    # A target is a name plus the values for a pattern's placeholders
    # ("_wp": the workplace a target belongs to, where no {slug} says it).
    def targets(self, pattern):
        """{target name: {placeholder: value}} for a route pattern."""
        own, other = str(self.own_round), str(self.other_round)
        if pattern.startswith("/static/"):
            return {"asset": {"name": "app.css"}, "missing": {"name": "nope.css"}}
        if pattern.startswith("/password/"):
            return {"link": {"token": self.link_token}, "bogus": {"token": BOGUS_TOKEN}}
        if pattern.startswith(("/login/oidc/{", "/login/saml/{")):
            return {"-": {"idp": "nope"}}  # no such provider
        if pattern.startswith("/login/link/"):
            return {"-": {"token": BOGUS_TOKEN}}  # no such link
        if pattern.startswith("/join/"):
            return {"invite": {"token": self.join_member}, "fresh": {"token": self.join_fresh},
                    "bogus": {"token": BOGUS_TOKEN}}
        if pattern.startswith("/account/tokens/"):
            return {"coordinators": {"id": str(self.revocable)}, "missing": {"id": NO_ID}}
        if pattern.startswith("/admin/") and "{id}" in pattern:
            return {"person": {"id": str(self.spare_id)}, "missing": {"id": NO_ID}}
        if pattern.startswith("/research/") and "{file}" in pattern:
            return {"file": {"file": "answers-wide.csv"}, "nofile": {"file": "nope.csv"}}
        if pattern.startswith("/api/v1/workplaces/"):
            t = {"own": {"slug": GERIATRIE, "year": "2026"}, "other": {"slug": OOST, "year": "2026"},
                 "noslug": {"slug": NO_SLUG, "year": "2026"}}
            if "{id}" in pattern:  # a record of the workplace: /api/v1/workplaces/{slug}/GROUP/{id}
                mine, theirs = (str(i) for i in self.items[pattern.split("/")[5]])
                t["own"]["id"] = t["noslug"]["id"] = mine
                t["other"]["id"] = theirs
                t["cross"] = {"slug": GERIATRIE, "id": theirs, "year": "2026"}
                t["missing"] = {"slug": GERIATRIE, "id": NO_ID, "year": "2026"}
            return t
        if pattern.startswith("/api/") and "{id}" in pattern:
            t = {"own": {"id": own, "_wp": GERIATRIE}, "other": {"id": other, "_wp": OOST},
                 "missing": {"id": NO_ID}}
            if pattern.endswith(("/answers", "/tables", "/report")):  # these need k respondents
                t["own"]["id"], t["other"]["id"] = (str(i) for i in self.results)
                t["belowk"] = {"id": own, "_wp": GERIATRIE}
            else:  # a closed round with figures (own and other are open): the lead's view
                t["closed"] = {"id": str(self.results[0]), "_wp": GERIATRIE}
            return t
        if pattern.startswith("/s/"):
            return {name: {"token": tok, "element": "LOS"} for name, tok in (
                ("live", self.share_live), ("expired", self.share_expired), ("revoked", self.share_revoked),
                ("bogus", BOGUS_TOKEN))}
        if pattern.startswith("/r/"):
            return {"response": {"token": None, "n": "1"},  # a fresh response, see fill()
                    "open": {"token": self.own_open, "n": "1"},
                    "sent": {"token": self.sent_token, "n": "1"},
                    "bogus": {"token": BOGUS_TOKEN, "n": "1"}}
        if pattern.startswith("/pw/"):
            return self._workplace_targets(pattern)
        if "{" in pattern:
            raise AssertionError("no values for the placeholders of %s: add them to "
                                 "attack.Fixture.targets" % pattern)
        return {"-": {}}

    def _workplace_targets(self, pattern):
        parts = pattern.split("/")
        group = parts[3] if len(parts) > 3 else None
        has_id = "{id}" in pattern or "{org}" in pattern
        if has_id and group not in self.items:
            raise AssertionError("no ids for /pw/{slug}/%s/...: add them to attack.Fixture" % group)
        mine, theirs = self.items.get(group, (0, 0))
        export = ("/export" in pattern or "/tables." in pattern or "/rounds/{id}/share" in pattern
                  or "/rounds/{id}/report." in pattern)
        if export:  # exports, tables, the report and share links need a closed round with k respondents
            mine, theirs = self.results
        t = {"own": {"slug": GERIATRIE, "id": mine},
             "other": {"slug": OOST, "id": theirs},
             "noslug": {"slug": NO_SLUG, "id": mine}}
        if has_id:
            t["cross"] = {"slug": GERIATRIE, "id": theirs}  # another workplace's
            t["missing"] = {"slug": GERIATRIE, "id": NO_ID}
        if export:
            t["belowk"] = {"slug": GERIATRIE, "id": self.own_round}
        if "/results" in pattern:  # a closed round with figures (the open ones: own, other)
            t["closed"] = {"slug": GERIATRIE, "id": self.results[0]}
        if "{file}" in pattern:
            t["nofile"] = {"slug": GERIATRIE, "id": mine, "file": "nope.csv"}
        for v in t.values():
            v["id"] = v["org"] = str(v["id"])
            v["element"] = "LOS"
            v["year"] = "2026"
            v.setdefault("file", "answers-wide.csv")
            v["link"] = str(self.share_links[OOST if v["slug"] == OOST else GERIATRIE])
            v["entry"] = NO_ID  # a paper form entry (none in the fixture)
        if "/year-links/" in pattern:  # a year link of the workplace; cross: another's
            for name, v in t.items():
                v["link"] = str(self.year_links[OOST if v["slug"] == OOST else GERIATRIE])
            t["cross"] = {"slug": GERIATRIE, "id": "0", "org": "0", "element": "LOS", "year": "2026",
                          "file": "answers-wide.csv", "link": str(self.year_links[OOST])}
        return t

    @staticmethod
    def fill(pattern, values):
        def sub(m):
            v = values.get(m.group(1))
            if v is None:
                raise AssertionError("no value for {%s} in %s" % (m.group(1), pattern))
            return urllib.parse.quote(v, safe="")
        return re.sub(r"\{([a-z]+)\}", sub, pattern)


# ---------------------------------------------------------------------------
# crawling


def crawl(client, routes, starts, cap, limit):
    """[(path, response)]: GET pages from starts with client, following local
    links and redirects, at most cap pages of each route pattern (more when
    starts asks for them) and limit pages in all; no static files."""
    base = "http://127.0.0.1:%d" % client.server.port
    seen, per_route, out = set(), {}, []
    todo = list(starts)
    while todo and len(out) < limit:
        path = todo.pop(0)
        if path.startswith(base):
            path = path[len(base):]
        path = path.split("#")[0]
        if path in seen or not path.startswith("/") or path.startswith("//"):
            continue
        seen.add(path)
        key = route_of(routes, "GET", path)
        if key is None or key[1].startswith("/static/"):
            continue
        if per_route.get(key, 0) >= cap and path not in starts:
            continue
        per_route[key] = per_route.get(key, 0) + 1
        r = client.get(path)
        out.append((path, r))
        if r.status == 303 and r.location:
            todo.append(r.location)
        if "text/html" in (r.header("Content-Type") or ""):
            todo += parse_page(r.text).links
    return out


def start_pages(fx, participant_token, role):
    """Where a crawl as role starts: the pages of each role, with the
    fixture's round, action and outcome; participant_token: the response
    of the participant's browser (Roles.participant_token)."""
    t = participant_token
    wp = "/pw/%s" % GERIATRIE
    rd = "%s/rounds/%d" % (wp, fx.own_round)
    action = "%s/actions/%d" % (wp, fx.items["actions"][0])
    outcome = "%s/outcomes/%d" % (wp, fx.items["outcomes"][0])
    return {
        "anonymous": ["/login", "/guide", "/r/%s" % fx.own_open, "/password/%s" % fx.link_token,
                      "/join/%s" % fx.join_fresh],
        "participant": ["/r/%s" % t, "/r/%s/all" % t, "/r/%s/review" % t] +
                       ["/r/%s/p/%d" % (t, n) for n in range(1, 9)],
        "member": ["/", "/account", wp + "/actions", action, outcome],
        "coordinator": ["/", rd, rd + "/dialogue", rd + "/export", rd + "/import", wp] +
                       [wp + rest for rest in ("/profile", "/characteristics", "/partners", "/members",
                                               "/actions", "/outcomes", "/realist", "/audit")] +
                       [action, outcome, "/account"],
        "admin": ["/", "/admin", "/overview", "/admin/audit", "/research/export"],
    }[role]


# ---------------------------------------------------------------------------
# one browser per role


class Roles:
    """A browser per role with its CSRF token; logged in where the role is."""

    def __init__(self, server, fixture, roles=ROLES):
        self.server, self.fixture = server, fixture
        self.clients, self.tokens = {}, {}
        self.participant_token = None
        for role in roles:
            self.reset(role)

    def reset(self, role):
        c = self.server.client()
        if role == "anonymous":
            page = c.get("/login")
        elif role == "participant":
            self.participant_token = self.fixture.response_token()
            page = c.get("/r/%s/p/1" % self.participant_token)
        else:
            c.login_ok(ROLE_LOGIN[role])
            page = c.get("/")
        if page.status != 200:
            raise AssertionError("%s: no page to take a CSRF token from: %r" % (role, page))
        self.clients[role] = c
        self.tokens[role] = csrf_from(page)
        return c

    def __getitem__(self, role):
        return self.clients[role]

    def csrf(self, role):
        return self.tokens[role]


def relation(role, slug):
    """What a role is in the workplace `slug`: anon, admin, coordinator,
    member, lead (a programme lead who is not a member: read-only),
    outsider (also for a workplace that does not exist)."""
    if role in ("anonymous", "participant"):
        return "anon"
    if role == "admin":
        return "admin" if slug != NO_SLUG else "outsider"
    if role == "programme_lead" and slug != NO_SLUG and slug not in MEMBERSHIP[role]:
        return "lead"
    return MEMBERSHIP[role].get(slug, "outsider")


# ---------------------------------------------------------------------------
# the database


class DbWatch:
    """Notices every commit to the database by another connection (the
    server). SQLite: PRAGMA data_version changes exactly then. PostgreSQL:
    the snapshot's xmax (the first transaction id not yet completed)
    moves when a transaction that wrote anything ends; read-only ones get
    no transaction id. That counts the whole test cluster and this
    connection's own writes too, so take a version only around requests
    (tests/pg.sh runs the cluster without autovacuum, whose ANALYZE would
    take ids)."""

    def __init__(self, server):
        self.server = server
        self.conn = qhelp.db(server)

    def version(self):
        if harness.PG:
            return self.conn.execute("SELECT txid_snapshot_xmax(txid_current_snapshot())").fetchone()[0]
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def tables(self):
        if harness.PG:
            return harness.pg_tables(self.conn.conn)
        return sorted(r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))

    def problems(self):
        """What is broken in the database: SQLite's integrity and foreign
        key checks; PostgreSQL checks pages and foreign keys itself, so
        there what `werkplaats check` finds (constraints not validated,
        tables missing, identity sequences behind)."""
        if harness.PG:
            res = run_cli(["check", "--db", self.server.db])
            return [] if res.returncode == 0 else [res.stdout + res.stderr]
        out = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        return out + [repr(r) for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()]

    def clear_throttle(self):
        """Forget failed probes: the matrix sends many wrong tokens on purpose."""
        self.conn.execute("DELETE FROM throttle")

    def close(self):
        self.conn.close()


# ---------------------------------------------------------------------------
# HTML that input must never shape


def program_tags():
    """Every element name the program writes: the tags in its web sources."""
    tags = set()
    for d in ("src/web", "src/web/pages", "src/io"):
        full = os.path.join(harness.REPO, d)
        if not os.path.isdir(full):
            continue
        for name in os.listdir(full):
            if not name.endswith(".c"):
                continue
            with open(os.path.join(full, name), encoding="utf-8") as f:
                for line in f:
                    if line.lstrip().startswith("#include"):
                        continue
                    tags.update(t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/\\\"]", line))
    return tags


ESCAPED_ATTR_RE = re.compile(r"\s[a-z-]+=&quot;")
TAG_RE = re.compile(r"<[a-zA-Z][^<>]*>")
QUOTED_RE = re.compile(r'"[^"]*"|\'[^\']*\'')
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background")
MARKER = "wpxss"  # payloads carry it as an element and attribute name


def url_scheme_is_script(value):
    v = "".join(ch for ch in (value or "") if ch > " ").lower()
    return v.startswith("javascript:") or v.startswith("vbscript:") or \
        (v.startswith("data:") and not v.startswith("data:image/"))


class MarkupCheck(html.parser.HTMLParser):
    """Elements and attributes that no input may produce."""

    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        where = "<%s %s>" % (tag, " ".join("%s=%r" % a for a in attrs))[:300]
        if tag == "script" or MARKER in tag:
            self.problems.append("element %s" % where)
        elif tag not in self.allowed:
            self.problems.append("element the program never writes: %s" % where)
        for name, value in attrs:
            if name.startswith("on") or MARKER in name or name in ("style", "srcdoc"):
                self.problems.append("attribute %s in %s" % (name, where))
            if name in URL_ATTRS and url_scheme_is_script(value):
                self.problems.append("script URL in %s" % where)
            if tag == "img" and name == "src" and not (value or "").startswith(("/", "data:image/")):
                self.problems.append("image from elsewhere: %s" % where)


_checked = {}


def markup_problems(text, allowed_tags):
    """Problems of one HTML page: elements or attributes input produced, and
    attribute markup that went through an escaping %s. (Remembered: many
    answers to an attack are the same page.)"""
    key = (hashlib.sha256(text.encode("utf-8", "surrogateescape")).digest(), id(allowed_tags))
    if key not in _checked:
        _checked[key] = _markup_problems(text, allowed_tags)
    return list(_checked[key])


def _markup_problems(text, allowed_tags):
    p = MarkupCheck(allowed_tags)
    p.feed(text)
    p.close()
    out = list(p.problems)
    # Inside a tag, outside its quoted attribute values: there an escaped
    # quote means markup went through an escaping %s. (Escaped input text
    # between tags, or inside a quoted value, may look like it and is fine.)
    for tag in TAG_RE.finditer(text):
        bare = QUOTED_RE.sub('""', tag.group(0))
        if ESCAPED_ATTR_RE.search(bare):
            out.append("escaped attribute inside a tag: %r" % tag.group(0)[:300])
    return out


# ---------------------------------------------------------------------------
# forms and links on a page


class Form:
    def __init__(self, action, method, enctype):
        self.action, self.method, self.enctype = action, method, enctype
        self.fields = []  # dicts: name, kind, value, options, checked

    def names(self):
        return tuple(sorted({f["name"] for f in self.fields}))

    def __repr__(self):
        return "<Form %s %s %s>" % (self.method, self.action, self.names())


class PageParser(html.parser.HTMLParser):
    """The forms (with their fields) and local links of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links = [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action", ""), (a.get("method") or "get").lower(),
                              a.get("enctype") or "application/x-www-form-urlencoded")
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a or self._select["value"] is None:
                self._select["value"] = value
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            self._form.fields.append({"name": a["name"], "kind": kind, "value": a.get("value", ""),
                                      "checked": "checked" in a})
        elif tag == "button":
            self._form.fields.append({"name": a["name"], "kind": "button",
                                      "value": a.get("value", "")})
        elif tag == "select":
            self._select = {"name": a["name"], "kind": "select", "options": [], "value": None}
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = {"name": a["name"], "kind": "textarea", "value": ""}
            self._form.fields.append(self._textarea)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(text):
    p = PageParser()
    p.feed(text)
    p.close()
    return p


def multipart_body(fields):
    """fields: (name, str or bytes) or (name, str or bytes, file name)
    -> (body, content type), as a browser sends a form with a file field."""
    boundary = "----wpattack" + hashlib.sha256(repr(fields).encode("utf-8", "replace")).hexdigest()[:24]
    out = []
    for field in fields:
        name, value = field[0], field[1]
        filename = field[2] if len(field) > 2 else None
        if isinstance(value, str):
            value = value.encode("utf-8", "surrogateescape")
        if filename is not None:
            head = 'Content-Disposition: form-data; name="%s"; filename="%s"\r\n' \
                   'Content-Type: application/octet-stream\r\n' % (name, filename)
        else:
            head = 'Content-Disposition: form-data; name="%s"\r\n' % name
        out.append(("--%s\r\n%s\r\n" % (boundary, head)).encode() + value + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=%s" % boundary


class Multipart:
    """A POST body that a browser sends as multipart/form-data (a form with
    a file field): fields as for multipart_body."""

    def __init__(self, fields):
        self.fields = list(fields)


class Json:
    """A POST body for the API: a JSON document; a session's CSRF token
    goes into the X-CSRF-Token header."""

    def __init__(self, data):
        self.data = data


def encode_body(body, csrf):
    """(bytes, headers) of a POST body (pairs, Multipart or Json) with the
    CSRF token where a browser or a program puts it (None: none at all)."""
    if isinstance(body, Json):
        headers = {"Content-Type": "application/json"}
        if csrf is not None:
            headers["X-CSRF-Token"] = csrf
        return json.dumps(body.data).encode(), headers
    fields = list(body.fields if isinstance(body, Multipart) else body)
    if csrf is not None:
        fields.append(("csrf", csrf))
    if isinstance(body, Multipart):
        data, ct = multipart_body(fields)
        return data, {"Content-Type": ct}
    return urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}


def urlencode(fields):
    """Pairs of str or bytes, percent-encoded exactly (bytes as they are)."""
    def enc(v):
        if isinstance(v, str):
            v = v.encode("utf-8", "surrogateescape")
        return urllib.parse.quote_plus(v, safe="")
    return "&".join("%s=%s" % (enc(k), enc(v)) for k, v in fields)


def post_form(client, form, fields):
    """POST fields (pairs) to a form's action, in the form's encoding."""
    if form.enctype.startswith("multipart/"):
        body, ct = multipart_body(fields)
        return client.request("POST", form.action, body=body, headers={"Content-Type": ct})
    return client.request("POST", form.action, body=urlencode(fields),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
