"""harness.py - start the real werkplaats binary and talk HTTP to it.

A black-box harness in the spirit of Redis's runtest and kcgi's regress/:
every test class gets its own server process on a free loopback port with a
fresh demo database in a temporary directory. The server runs under the
sanitizers (build/werkplaats-asan); stopping it fails the run when it does
not exit 0 or when its stderr holds an AddressSanitizer, LeakSanitizer or
UndefinedBehaviorSanitizer report.

The store: an SQLite file in the server's temporary directory, or, with
WERKPLAATS_TEST_STORE=pg, a fresh PostgreSQL database per server on the
cluster whose admin database WERKPLAATS_TEST_DB_URL names (tests/pg.sh run
sets it). Tests reach the store through Server.db (a path or a URL, for
--db), Server.sql(), Server.dump() and qhelp.db(); new_store() gives a
store of their own; those that are about SQLite itself carry
@sqlite_only(reason).

Only the Python standard library is used with SQLite; on PostgreSQL also
psycopg2 (Debian's python3-psycopg2, installed by `make deps-test`).
"""

import atexit
import html as html_lib
import http.client
import itertools
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.abspath(os.path.join(REPO, os.environ.get("WERKPLAATS_BIN", "build/werkplaats-asan")))
LSAN_SUPP = os.path.join(REPO, "tests", "lsan.supp")

DEMO_PASSWORD = "werkplaats-demo"
ADMIN = "beheer@demo.example.org"
COORDINATOR = "coordinator@demo.example.org"  # coordinator of geriatrie, member of de-vlonder
MEMBER = "lid@demo.example.org"  # member of geriatrie only
YOUSSEF = "youssef@demo.example.org"  # coordinator of de-vlonder
PETRA = "petra@demo.example.org"  # coordinator of wijkleerbedrijf-oost
PROGRAMME_LEAD = "programmaleider@demo.example.org"
RESEARCHER = "onderzoeker@demo.example.org"

GERIATRIE = "leerafdeling-geriatrie"
VLONDER = "opleidingsschool-de-vlonder"
OOST = "wijkleerbedrijf-oost"
WORKPLACE_NAMES = {
    GERIATRIE: "Leerafdeling Geriatrie",
    VLONDER: "Opleidingsschool De Vlonder",
    OOST: "Wijkleerbedrijf Oost",
}

BODY_CAP = 2 * 1024 * 1024  # src/web/app.h

# ---- the store under test ----

STORE = os.environ.get("WERKPLAATS_TEST_STORE", "sqlite")
if STORE not in ("sqlite", "pg"):
    raise RuntimeError("WERKPLAATS_TEST_STORE=%s: expected sqlite or pg" % STORE)
PG = STORE == "pg"
PG_ADMIN_URL = os.environ.get("WERKPLAATS_TEST_DB_URL", "")
if PG and not PG_ADMIN_URL:
    raise RuntimeError("WERKPLAATS_TEST_STORE=pg needs WERKPLAATS_TEST_DB_URL (run under tests/pg.sh run)")


def sqlite_only(reason):
    """Skip a test or class on PostgreSQL: it is about SQLite itself."""
    return unittest.skipIf(PG, "about the SQLite store only: " + reason)


def psql_bin():
    for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True) if os.path.isdir(
            "/usr/lib/postgresql") else []:
        p = os.path.join("/usr/lib/postgresql", d, "bin", "psql")
        if os.path.exists(p):
            return p
    return "psql"


def psql(url, sql):
    """Run SQL with psql; rows as lists of str (tab-separated, no header)."""
    p = subprocess.run([psql_bin(), "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                        url, "-c", sql], capture_output=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("psql %r failed: %s" % (sql, p.stderr.decode()))
    return [ln.split("\t") for ln in p.stdout.decode().splitlines()]


def pg_url(name):
    """The URL of database NAME on the test cluster."""
    u = urllib.parse.urlsplit(PG_ADMIN_URL)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, u.query, u.fragment))


_pg_counter = itertools.count(1)
_pg_made = set()  # URLs of the databases made here and not dropped yet


# The role of an application that row-level security holds (issue 23): not
# a superuser, owner of its tables (FORCE ROW LEVEL SECURITY holds the
# owner too). WERKPLAATS_TEST_PG_RLS=1 makes every test database its, so
# that a whole test file runs under the institutions' policies.
RLS_ROLE = "wp_rls_app"
PG_RLS = os.environ.get("WERKPLAATS_TEST_PG_RLS") == "1"


def pg_app_role():
    """Make RLS_ROLE on the test cluster when it is not there yet."""
    psql(PG_ADMIN_URL, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN"
                       " CREATE ROLE %s LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$" % (RLS_ROLE, RLS_ROLE))


def pg_new_database(owner=None):
    """A fresh, empty database on the test cluster; its URL (dropped by
    pg_drop_database, or when the tests end). It sorts text as a Dutch
    site's database would (ICU, nl-NL), not in byte order as SQLite and the
    cluster's C.UTF-8 do: an order that only holds by chance shows. With
    owner (or WERKPLAATS_TEST_PG_RLS=1), it belongs to RLS_ROLE and the URL
    logs in as that role; the URL's connections see every institution
    (the server sets its own)."""
    name = "wp_h%d_%d_%d" % (os.getpid(), int(time.time() * 1000) % 10**8, next(_pg_counter))
    owner = owner or (RLS_ROLE if PG_RLS else None)
    if owner:
        pg_app_role()
    psql(PG_ADMIN_URL, "CREATE DATABASE %s TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL'"
                       " LOCALE 'C.UTF-8'%s" % (name, " OWNER " + owner if owner else ""))
    url = pg_url(name)
    if owner:
        u = urllib.parse.urlsplit(url)
        host = u.netloc.split("@")[-1]
        url = urllib.parse.urlunsplit((u.scheme, "%s@%s" % (owner, host), u.path,
                                       "options=-c%20werkplaats.institution%3Dall", ""))
    _pg_made.add(url)
    return url


def pg_drop_database(url):
    """Drop a database that pg_new_database made (its sessions are ended)."""
    if url not in _pg_made:
        return
    _pg_made.discard(url)
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    psql(PG_ADMIN_URL, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)


@atexit.register
def _drop_left_databases():
    for url in list(_pg_made):
        try:
            pg_drop_database(url)
        except Exception:  # the cluster may be gone already; tests/pg.sh removes it
            pass


def new_store(directory, name="werkplaats.db"):
    """What --db takes for a new, empty store: a file name in directory, or
    on PostgreSQL the URL of a fresh database."""
    return pg_new_database() if PG else os.path.join(directory, name)


def pg_connect(url, readonly=False):
    """A psycopg2 connection in autocommit mode."""
    import psycopg2  # only on PostgreSQL: the SQLite run needs nothing beyond the standard library
    conn = psycopg2.connect(url)
    conn.autocommit = True
    if readonly:
        conn.set_session(readonly=True, autocommit=True)
    return conn


def sql_text(value):
    """A value as the sqlite3 command-line tool prints it: NULL as the
    empty string, a boolean (PostgreSQL's IS NULL and the like) as 1 or 0."""
    if value is None:
        return ""
    if value is True or value is False:
        return "1" if value else "0"
    if isinstance(value, memoryview):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def columns_query(table):
    """A query for the column names of a table (a name from the test, not
    input), one per row."""
    if PG:
        return ("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                " current_schema() AND table_name = '%s' ORDER BY ordinal_position" % table)
    return "SELECT name FROM pragma_table_info('%s')" % table


def pg_tables(conn):
    """The tables of the current schema, sorted."""
    cur = conn.cursor()
    cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                " AND table_type = 'BASE TABLE' ORDER BY table_name")
    return [r[0] for r in cur.fetchall()]


def pg_dump(url):
    """The contents of every table, as `-- table` headers each followed by
    its rows in COPY's text format, sorted: the same text for the same
    contents, whatever order the rows are stored in."""
    import io
    conn = pg_connect(url, readonly=True)
    try:
        out = []
        cur = conn.cursor()
        for t in pg_tables(conn):
            buf = io.StringIO()
            cur.copy_expert('COPY "%s" TO STDOUT' % t, buf)
            out.append("-- %s" % t)
            out.extend(sorted(buf.getvalue().splitlines()))
        return "\n".join(out) + "\n"
    finally:
        conn.close()

# What a sanitizer writes when it finds something. UBSan's "runtime error:"
# also covers -fsanitize-recover builds; ASan's leak report starts with
# "ERROR: LeakSanitizer".
SANITIZER_MARKS = (
    "ERROR: AddressSanitizer",
    "ERROR: LeakSanitizer",
    "runtime error:",
    "SUMMARY: UndefinedBehaviorSanitizer",
    "SUMMARY: AddressSanitizer",
)


def sanitizer_env(extra=None):
    """The environment for every run of the binary: leaks at exit fail."""
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0:strict_string_checks=1:" \
                          "detect_stack_use_after_return=1:check_initialization_order=1"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    if os.path.exists(LSAN_SUPP):
        env["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0" % LSAN_SUPP
    if extra:
        env.update(extra)
    return env


def sanitizer_report(text):
    """The lines of text that show a sanitizer report, or []."""
    return [ln for ln in text.splitlines() if any(m in ln for m in SANITIZER_MARKS)]


class CliResult:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr

    def __repr__(self):
        return "CliResult(rc=%d, stdout=%r, stderr=%r)" % (self.returncode, self.stdout[-500:],
                                                           self.stderr[-500:])


def run_cli(args, cwd=None, timeout=120, check_sanitizers=True):
    """Run `werkplaats ARGS...`; AssertionError on a sanitizer report."""
    p = subprocess.run([BIN] + list(args), cwd=cwd, env=sanitizer_env(), capture_output=True,
                       timeout=timeout)
    res = CliResult(p.returncode, p.stdout.decode("utf-8", "replace"),
                    p.stderr.decode("utf-8", "replace"))
    if check_sanitizers:
        report = sanitizer_report(res.stderr)
        if report:
            raise AssertionError("sanitizer report from werkplaats %s:\n%s" %
                                 (" ".join(args), res.stderr))
    return res


def free_port():
    """A loopback port nobody listens on right now (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sqlite_dump(path):
    """`sqlite3 FILE .dump`: the logical content of a database."""
    p = subprocess.run(["sqlite3", path, ".dump"], capture_output=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("sqlite3 .dump %s failed: %s" % (path, p.stderr.decode()))
    return p.stdout.decode("utf-8", "replace")


class Server:
    """One werkplaats serve process with its own database and stderr file."""

    def __init__(self, demo=True, db=None, threads=None, extra_args=()):
        self.extra_args = list(extra_args)  # more `serve` options, e.g. --smtp-url
        self.tmp = tempfile.TemporaryDirectory(prefix="wp-http-")
        self.dir = self.tmp.name
        self.db = db or new_store(self.dir)  # a path, or a PostgreSQL URL
        self.stderr_path = os.path.join(self.dir, "stderr.txt")
        self.threads = threads
        self.proc = None
        self.port = None
        self.demo_output = ""
        if demo:
            try:
                res = run_cli(["demo", "--db", self.db])
                if res.returncode != 0:
                    raise AssertionError("werkplaats demo failed: %r" % res)
            except BaseException:
                self.drop_store()
                self.tmp.cleanup()
                raise
            self.demo_output = res.stdout

    # ---- life cycle ----

    def start(self, timeout=30):
        last_err = ""
        for _attempt in range(5):  # another process may take the free port first
            self.port = free_port()
            args = [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port]
            if self.threads:
                args += ["--threads", str(self.threads)]
            args += self.extra_args
            self._stderr_file = open(self.stderr_path, "ab")
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self._stderr_file,
                                         env=sanitizer_env(), cwd=self.dir)
            if self._wait_listening(timeout):
                return self
            self._stderr_file.close()
            last_err = self.stderr()
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("werkplaats serve did not listen within %ds:\n%s" %
                                     (timeout, last_err))
            if "cannot listen" not in last_err:
                break
        raise AssertionError("werkplaats serve exited with %s:\n%s" % (self.proc.returncode,
                                                                        last_err))

    def _wait_listening(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.02)
        return False

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Signal the server, wait, and return (exit code, stderr).

        sig=None only waits (for a server already signalled). Raises
        AssertionError when it exits non-zero, does not exit, or wrote a
        sanitizer report. Safe to call twice."""
        if self.proc is None:
            return None, self.stderr()
        proc, self.proc = self.proc, None
        if sig is not None and proc.poll() is None:
            proc.send_signal(sig)
        try:
            rc = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            self._stderr_file.close()
            raise AssertionError("werkplaats serve did not stop within %ds after %s:\n%s" %
                                 (timeout, sig and signal.Signals(sig).name,
                                  self.stderr()[-4000:]))
        self._stderr_file.close()
        err = self.stderr()
        report = sanitizer_report(err)
        if report:
            raise AssertionError("sanitizer report from werkplaats serve:\n%s" % err[-20000:])
        if rc != 0:
            raise AssertionError("werkplaats serve exited with %d:\n%s" % (rc, err[-4000:]))
        return rc, err

    def cleanup(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.drop_store()
        self.tmp.cleanup()

    def drop_store(self):
        """On PostgreSQL: drop the database made for this server (the file
        of an SQLite store goes with the temporary directory)."""
        if PG:
            pg_drop_database(self.db)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    # ---- what it wrote ----

    def stderr(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def log_line(self, request_id, timeout=5):
        """The log line with id=REQUEST_ID; it is written once the response
        has been sent, so wait for it a little."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [ln for ln in self.stderr().splitlines() if ("id=%s" % request_id) in ln]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.02)

    def dump(self):
        """The logical content of the database as text: equal dumps mean
        nothing changed (`sqlite3 .dump`; on PostgreSQL pg_dump() above)."""
        return pg_dump(self.db) if PG else sqlite_dump(self.db)

    def stored_bytes(self):
        """Everything the store holds, as bytes, to look for what must never
        be stored: the SQLite file itself (free pages too), or on
        PostgreSQL the dump of its tables."""
        if PG:
            return self.dump().encode()
        with open(self.db, "rb") as f:
            return f.read()

    def sql(self, query):
        """Run one read-only query; rows as lists of str, as the sqlite3
        command-line tool prints them (NULL is ''). On PostgreSQL through
        psycopg2 in a read-only session, a boolean printed as 1 or 0."""
        if PG:
            conn = pg_connect(self.db, readonly=True)
            try:
                cur = conn.cursor()
                try:
                    cur.execute(query)
                except Exception as e:
                    raise AssertionError("%r failed on PostgreSQL: %s" % (query, e)) from e
                return [[sql_text(v) for v in row] for row in cur.fetchall()] if cur.description else []
            finally:
                conn.close()
        p = subprocess.run(["sqlite3", "-readonly", "-separator", "\t", self.db, query],
                           capture_output=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError("sqlite3 %r failed: %s" % (query, p.stderr.decode()))
        return [ln.split("\t") for ln in p.stdout.decode().splitlines()]

    # ---- talking to it ----

    def client(self, **kw):
        return Client(self, **kw)

    def raw(self, data, timeout=10, shutdown=True):
        return raw_request(self.port, data, timeout=timeout, shutdown=shutdown)


class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value), in order
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        """The first header called name (any case), or None."""
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def set_cookies(self):
        """{name: {"value": ..., "attrs": {lower attr: value or True}}} from Set-Cookie."""
        out = {}
        for line in self.header_all("Set-Cookie"):
            parts = [p.strip() for p in line.split(";")]
            name, _, value = parts[0].partition("=")
            attrs = {}
            for p in parts[1:]:
                k, eq, v = p.partition("=")
                attrs[k.strip().lower()] = v if eq else True
            out[name] = {"value": value, "attrs": attrs}
        return out

    @property
    def location(self):
        return self.header("Location")

    def __repr__(self):
        return "<Response %d %s location=%r body=%r>" % (self.status, self.reason, self.location,
                                                         self.text[:300])


CSRF_RE = re.compile(r'name="csrf" value="([^"]*)"')


def csrf_from(page):
    """The CSRF token of the first form on a page (str or Response)."""
    text = page.text if isinstance(page, Response) else page
    m = CSRF_RE.search(text)
    if not m:
        raise AssertionError("no csrf field on the page:\n%s" % text[:2000])
    return html_lib.unescape(m.group(1))


class Client:
    """One browser: its own cookie jar; redirects are never followed."""

    def __init__(self, server, accept_language=None):
        self.server = server
        self.cookies = {}
        self.accept_language = accept_language
        self.last = None

    def request(self, method, path, body=None, headers=None, timeout=30):
        h = {}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.accept_language:
            h["Accept-Language"] = self.accept_language
        if headers:
            h.update(headers)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            resp = Response(r.status, r.reason, r.getheaders(), r.read())
        finally:
            conn.close()
        self._take_cookies(resp)
        self.last = resp
        return resp

    def _take_cookies(self, resp):
        for name, c in resp.set_cookies().items():
            max_age = c["attrs"].get("max-age")
            if max_age is not None and max_age is not True and int(max_age) <= 0:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = c["value"]

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, headers=None):
        """POST fields (a dict or a list of pairs) urlencoded, exactly as given."""
        body = fields if isinstance(fields, (bytes, str)) else urllib.parse.urlencode(fields)
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if headers:
            h.update(headers)
        return self.request("POST", path, body=body, headers=h)

    def csrf(self, page="/"):
        """A valid CSRF token for this browser, taken from page."""
        r = self.get(page)
        if r.status != 200:
            raise AssertionError("GET %s for a csrf token gave %r" % (page, r))
        return csrf_from(r)

    def submit(self, page, action, fields):
        """GET page, take its CSRF token and POST fields plus that token to action."""
        f = list(fields.items()) if isinstance(fields, dict) else list(fields)
        return self.post(action, f + [("csrf", self.csrf(page))])

    def login(self, email, password=DEMO_PASSWORD, next_path=None):
        r = self.get("/login")
        if r.status != 200:
            raise AssertionError("GET /login gave %r" % r)
        fields = [("csrf", csrf_from(r)), ("email", email), ("password", password)]
        if next_path is not None:
            fields.append(("next", next_path))
        return self.post("/login", fields)

    def login_ok(self, email, password=DEMO_PASSWORD):
        """Log in and insist that it worked."""
        r = self.login(email, password)
        if r.status != 303 or "wp_session" not in self.cookies:
            raise AssertionError("login as %s failed: %r" % (email, r))
        return r

    def logout(self):
        return self.submit("/", "/logout", {})


def raw_request(port, data, timeout=10, shutdown=True):
    """Send bytes on a fresh connection and return everything read back
    until the server closes the connection or the timeout passes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
            if shutdown:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server answered and closed early: read what it said
        return read_all(s, timeout)


def read_all(s, timeout):
    chunks = []
    deadline = time.monotonic() + timeout
    s.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            b = s.recv(65536)
        except socket.timeout:
            if chunks and complete_response(b"".join(chunks)):
                break
            continue
        except (ConnectionResetError, OSError):
            break
        if not b:
            break
        chunks.append(b)
    return b"".join(chunks)


def complete_response(data):
    """True when data holds a whole response with a Content-Length body."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    m = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    return bool(m) and len(body) >= int(m.group(1))


def parse_raw(data):
    """Parse the first response in raw bytes into a Response."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError("no complete response head in %r" % data[:500])
    lines = head.decode("latin-1").split("\r\n")
    proto, status, reason = (lines[0].split(" ", 2) + [""])[:3]
    if not proto.startswith("HTTP/"):
        raise AssertionError("not an HTTP response: %r" % data[:200])
    headers = []
    for ln in lines[1:]:
        k, _, v = ln.partition(":")
        headers.append((k.strip(), v.strip()))
    m = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    if m:
        body = body[:int(m.group(1))]
    return Response(int(status), reason, headers, body)


class ServerTestCase(unittest.TestCase):
    """A test class with its own server (started once for the class).

    tearDownClass stops it with SIGTERM and fails the class when the
    server does not exit 0 or reported a sanitizer error."""

    demo = True
    threads = None
    serve_args = ()  # more `serve` options for the class's server
    server = None

    @classmethod
    def before_start(cls, server):
        """What a class does to its store before the server starts (for
        example put it back to an older schema); nothing by default."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(demo=cls.demo, threads=cls.threads, extra_args=cls.serve_args)
        try:
            cls.before_start(cls.server)
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

    def admin(self):
        c = self.client()
        c.login_ok(ADMIN)
        return c

    def assertRedirectsToLogin(self, resp):
        self.assertEqual(resp.status, 303, resp)
        self.assertTrue((resp.location or "").startswith("/login"), resp)

    def assertLocalLocation(self, resp):
        loc = resp.location or ""
        self.assertTrue(loc.startswith("/"), resp)
        self.assertFalse(loc.startswith("//") or loc.startswith("/\\"), resp)
        self.assertNotIn("evil", loc, resp)
