"""Helpers for tests of the questionnaire and the results: walking a
response through the pages, creating rounds and invitations directly in
the database (as the server would), and reading what was stored."""

import hashlib
import json
import re
import sqlite3
import urllib.parse

import harness

# The shipped instrument, read independently of the program.
with open(harness.os.path.join(harness.REPO, "instrument", "los-pw.json"), encoding="utf-8") as f:
    INSTRUMENT = json.load(f)

ELEMENTS = ["LOS", "SRI", "GOC", "VOR", "LEA", "VMM"]
OUTCOMES = ["knowledge", "professional", "curriculum", "collaboration", "connections"]


def element(code):
    return next(e for e in INSTRUMENT["elements"] if e["code"] == code)


def shown_to(item, perspective):
    return "perspectives" not in item or perspective in item["perspectives"]


def page_items(page, perspective):
    """The statement ids on page 1..8 for a perspective."""
    if page <= 6:
        return [i["id"] for i in element(ELEMENTS[page - 1])["items"] if shown_to(i, perspective)]
    if page == 7:
        out = []
        for code in OUTCOMES:
            o = next(x for x in INSTRUMENT["outcomes"] if x["code"] == code)
            out += [i["id"] for i in o["items"] if shown_to(i, perspective)]
        return out
    return []


def token_hash(purpose, token):
    """crypto_generichash (BLAKE2b-256, unkeyed) of "purpose:token", hex."""
    return hashlib.blake2b((purpose + ":" + token).encode(), digest_size=32).hexdigest()


def db(server):
    """A connection to the server's store in autocommit mode, for setting
    up rows as the server would store them: sqlite3's, or on PostgreSQL a
    PgConnection that takes the same statements."""
    if harness.PG:
        return PgConnection(server.db)
    c = sqlite3.connect(server.db, timeout=30, isolation_level=None)
    c.execute("PRAGMA foreign_keys=ON")
    return c


# ---- the same statements on PostgreSQL ----

_PG_ID_TABLES = {}  # table name -> whether it has an id column (the same schema everywhere)


class PgCursor:
    """What the tests use of a sqlite3 cursor: fetchone, fetchall,
    iteration and lastrowid (an INSERT into a table with an id column gets
    RETURNING id)."""

    def __init__(self, cur, lastrowid=None, rows=None):
        self._cur, self.lastrowid, self._rows = cur, lastrowid, rows

    def fetchone(self):
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        return self._cur.fetchone() if self._cur is not None and self._cur.description else None

    def fetchall(self):
        if self._rows is not None:
            rows, self._rows = self._rows, []
            return rows
        return self._cur.fetchall() if self._cur is not None and self._cur.description else []

    def __iter__(self):
        return iter(self.fetchall())


class PgConnection:
    """A psycopg2 connection (autocommit) that takes the SQLite statements
    the tests write: ? placeholders, BEGIN IMMEDIATE, INSERT OR IGNORE
    (ON CONFLICT DO NOTHING), lastrowid; PRAGMA statements do nothing
    (PostgreSQL always checks foreign keys). A statement that would mean
    something else on PostgreSQL (INSERT OR REPLACE) is refused: write
    such a test store-neutrally."""

    def __init__(self, url):
        self.conn = harness.pg_connect(url)

    def execute(self, sql, params=()):
        text = sql.strip()
        head = text.upper()
        if head.startswith("PRAGMA"):
            return PgCursor(None)
        if head.startswith("BEGIN"):
            text = "BEGIN"
        if head.startswith("INSERT OR REPLACE"):
            raise NotImplementedError("INSERT OR REPLACE has no one translation; delete and insert")
        if head.startswith("INSERT OR IGNORE"):
            text = "INSERT" + text[len("INSERT OR IGNORE"):] + " ON CONFLICT DO NOTHING"
        returning = False
        m = re.match(r"(?is)INSERT\s+INTO\s+(\w+)", text)
        if m and "RETURNING" not in head and self._has_id(m.group(1)):
            text += " RETURNING id"
            returning = True
        cur = self.conn.cursor()
        cur.execute(pg_placeholders(text), tuple(params))
        if returning:
            row = cur.fetchone()
            return PgCursor(None, lastrowid=row[0] if row else None, rows=[])
        return PgCursor(cur)

    def _has_id(self, table):
        if table not in _PG_ID_TABLES:
            cur = self.conn.cursor()
            cur.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                        " current_schema() AND table_name = %s AND column_name = 'id'", (table,))
            _PG_ID_TABLES[table] = cur.fetchone()[0] > 0
        return _PG_ID_TABLES[table]

    def close(self):
        self.conn.close()


def pg_placeholders(sql):
    """SQLite's ? placeholders as psycopg2's %s (a literal % doubled),
    leaving quoted strings alone."""
    out, quote = [], None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def token_of(location):
    m = re.search(r"/r/([A-Za-z0-9_-]{22})", location)
    assert m, location
    return m.group(1)


def start_open(client, open_token, perspective="student"):
    """Consent on the open link; returns the response's own token."""
    r = client.get("/r/%s" % open_token)
    assert r.status == 200, r
    r = client.post("/r/%s/start" % open_token, {"csrf": harness.csrf_from(r), "perspective": perspective,
                                                 "consent": "yes"})
    assert r.status == 303, r
    return token_of(r.location)


def csrf(client, token):
    r = client.get("/r/%s" % token)
    if r.status == 303:
        r = client.get(urllib.parse.urlparse(r.location).path)
    return harness.csrf_from(r)


def answer_page(client, token, page, answers, go="next", extra=None):
    fields = [("csrf", csrf(client, token)), ("go", go)]
    fields += [(k, str(v)) for k, v in answers.items()]
    fields += list((extra or {}).items())
    return client.post("/r/%s/p/%d" % (token, page), fields)


def submit(client, token):
    return client.post("/r/%s/submit" % token, {"csrf": csrf(client, token)})


def new_round(server, workplace_slug, title="Testronde", opens="2000-01-01", closes="2999-12-31", k=5,
              open_token=None):
    """A round created directly in the database; returns (id, open token)."""
    c = db(server)
    wid = c.execute("SELECT id FROM workplaces WHERE slug = ?", (workplace_slug,)).fetchone()[0]
    vid = c.execute("SELECT MAX(id) FROM instrument_versions").fetchone()[0]
    tok = open_token or ("t" + hashlib.sha256(title.encode()).hexdigest()[:21])
    cur = c.execute("INSERT INTO rounds (workplace_id, version_id, title, opens_on, closes_on, k, open_token,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)", (wid, vid, title, opens, closes, k, tok))
    rid = cur.lastrowid
    c.close()
    return rid, tok


def invite(server, round_id, email, perspective, token):
    """An invitation with its link token, as the server stores it."""
    c = db(server)
    cur = c.execute("INSERT INTO invitations (round_id, email, perspective) VALUES (?, ?, ?)",
                    (round_id, email, perspective))
    c.execute("INSERT INTO invitation_tokens (token_hash, invitation_id) VALUES (?, ?)",
              (token_hash("invite", token), cur.lastrowid))
    c.close()


def answer_places(c, version_id):
    """The question codes of a version by place: a response keeps its answers
    in responses.answers, one character per question at items.position."""
    rows = c.execute("SELECT position, code FROM items WHERE version_id = ?", (version_id,)).fetchall()
    places = [None] * len(rows)
    for pos, code in rows:
        places[int(pos)] = code
    return places


def answers_text(places, answers):
    """The stored text of {code: 1..5 or None for don't know}."""
    text = ["."] * len(places)
    for code, v in answers.items():
        text[places.index(code)] = "0" if v is None else str(v)
    return "".join(text)


def answers_of(places, text):
    """{code: 1..5 or None for don't know} from a stored text."""
    out = {}
    for code, ch in zip(places, text or ""):
        if ch != ".":
            out[code] = None if ch == "0" else int(ch)
    return out


def add_responses(server, round_id, rows):
    """Submitted responses directly in the database. rows: list of
    (perspective, {item code: value or None for don't know}, {open code: text})."""
    c = db(server)
    c.execute("BEGIN IMMEDIATE")
    vid = c.execute("SELECT version_id FROM rounds WHERE id = ?", (round_id,)).fetchone()[0]
    ids = dict(c.execute("SELECT code, id FROM items WHERE version_id = ?", (vid,)).fetchall())
    places = answer_places(c, vid)
    for n, (persp, answers, comments) in enumerate(rows):
        cur = c.execute("INSERT INTO responses (round_id, perspective, access_hash, submitted, page, answers)"
                        " VALUES (?, ?, ?, 1, 9, ?)", (round_id, persp, token_hash("response", "x%d-%d" % (round_id, n)),
                                                       answers_text(places, answers)))
        rid = cur.lastrowid
        for code, text in (comments or {}).items():
            c.execute("INSERT INTO comments (response_id, item_id, text) VALUES (?, ?, ?)", (rid, ids[code], text))
    c.execute("UPDATE rounds SET answers_version = answers_version + 1 WHERE id = ?", (round_id,))
    c.execute("COMMIT")
    c.close()


def close_round(server, round_id):
    """Close a round as its coordinator would: results and exports are
    released only for closed rounds."""
    c = db(server)
    c.execute("UPDATE rounds SET closed_early = 1 WHERE id = ?", (round_id,))
    c.close()
