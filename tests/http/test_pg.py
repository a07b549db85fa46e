"""test_pg.py - werkplaats on PostgreSQL, black-box.

Skipped unless WERKPLAATS_TEST_DB_URL names a PostgreSQL server that the
tests may create databases on (tests/pg.sh start DIR prints one). Each test
class works in a fresh database of its own. The outage test also needs
WERKPLAATS_TEST_PG_DIR (the DIR given to tests/pg.sh) to stop and start the
server.

- TestStoreRoundTrip: serve --db URL; login, pages, a whole questionnaire,
  the throttle, check.
- TestMigrateStore: SQLite -> PostgreSQL -> SQLite with migrate-store's
  verification, and the same rows at the end as at the start.
- TestScaleOut: two serve processes on one database behind nginx: a
  session works on both, submissions through both all count, and both give
  the same results.
- TestOutage: PostgreSQL stops and starts during a run of submissions:
  503s while it is down, every acknowledged (303) submission is stored, and
  the server recovers by itself.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

PG_URL = os.environ.get("WERKPLAATS_TEST_DB_URL", "")
PG_DIR = os.environ.get("WERKPLAATS_TEST_PG_DIR", "")
PG_SH = os.path.join(harness.REPO, "tests", "pg.sh")
OPEN_ROUND = 7  # the demo's round that is open today (workplace 1, index 2)

_needs_url = unittest.skipUnless(PG_URL, "WERKPLAATS_TEST_DB_URL is not set (see tests/pg.sh)")
# These make their own databases whatever the store under test; tests/run.sh
# runs them in the SQLite pass, so the PostgreSQL pass leaves them out.
_once = unittest.skipIf(harness.PG, "ran in the SQLite pass (these tests choose their stores themselves)")


def requires_pg(cls):
    return _once(_needs_url(cls))


# ---- the database, from outside (psql) ----


def latest_schema():
    """The schema version this program writes, read off a new SQLite store."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "v.db")
        res = harness.run_cli(["init", "--db", path])
        assert res.returncode == 0, res
        p = subprocess.run(["sqlite3", path, "SELECT value FROM meta WHERE key = 'schema_version'"],
                           capture_output=True, text=True, timeout=30)
        return int(p.stdout.strip())

def psql_bin():
    found = shutil.which("psql")
    if found:
        return found
    for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True):
        p = os.path.join("/usr/lib/postgresql", d, "bin", "psql")
        if os.path.exists(p):
            return p
    raise AssertionError("psql not found")


def psql(url, sql):
    """Run SQL, return rows as lists of str."""
    p = subprocess.run([psql_bin(), "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                        url, "-c", sql], capture_output=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("psql %r failed: %s" % (sql, p.stderr.decode()))
    return [ln.split("\t") for ln in p.stdout.decode().splitlines() if ln]


def with_database(url, name):
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, u.query, u.fragment))


_counter = [0]


def new_database():
    """A fresh, empty database on the test server; its URL."""
    _counter[0] += 1
    name = "wp_t%d_%d_%d" % (os.getpid(), int(time.time() * 1000) % 10**8, _counter[0])
    psql(PG_URL, "CREATE DATABASE %s" % name)
    return with_database(PG_URL, name)


def submitted_count(url, round_id=OPEN_ROUND):
    return int(psql(url, "SELECT COUNT(*) FROM responses WHERE round_id = %d AND submitted = 1"
                    % round_id)[0][0])


def open_token(url, round_id=OPEN_ROUND):
    return psql(url, "SELECT open_token FROM rounds WHERE id = %d" % round_id)[0][0]


# ---- a respondent ----

RADIO_RE = re.compile(r'<input type="radio" name="([^"]+)" value="([^"]+)"')


class Outage(Exception):
    pass


def with_retry(fn, deadline, statuses):
    """Call fn until it gives something other than 503 (the database is
    away) or the deadline passes; every status is appended to statuses."""
    while True:
        r = fn()
        statuses.append(r.status)
        if r.status != 503:
            return r
        if time.monotonic() > deadline:
            raise Outage("still 503 at the deadline")
        time.sleep(0.2)


def answer_round(c, token, value="4", deadline=None, statuses=None):
    """Fill in and send the questionnaire behind an open link. Returns
    (the submit response, the response's private path /r/T). Retries on
    503 when a deadline is given (a person pressing again)."""
    statuses = statuses if statuses is not None else []
    deadline = deadline or time.monotonic()
    r = with_retry(lambda: c.get("/r/%s" % token), deadline, statuses)
    assert r.status == 200, r
    csrf = harness.csrf_from(r)
    r = with_retry(lambda: c.post("/r/%s/start" % token, {"csrf": csrf, "perspective": "student",
                                                          "consent": "yes"}), deadline, statuses)
    assert r.status == 303 and "/p/1" in (r.location or ""), r
    loc = r.location
    private = loc.split("/p/")[0]
    while "/p/" in loc:
        page = with_retry(lambda: c.get(loc), deadline, statuses)
        assert page.status == 200, page
        fields = {"csrf": harness.csrf_from(page), "go": "next"}
        for name, _v in RADIO_RE.findall(page.text):
            if name not in ("perspective",):
                fields[name] = value
        r = with_retry(lambda: c.post(loc, fields), deadline, statuses)
        assert r.status == 303, r
        loc = r.location
    assert loc.endswith("/review"), loc
    review = with_retry(lambda: c.get(loc), deadline, statuses)
    assert review.status == 200, review
    csrf = harness.csrf_from(review)
    r = with_retry(lambda: c.post(private + "/submit", {"csrf": csrf}), deadline, statuses)
    return r, private


# ---- servers ----

class PgServer(harness.Server):
    """A werkplaats serve process on a PostgreSQL database."""

    def __init__(self, url, demo=False, threads=None, extra_args=()):
        super().__init__(demo=False, db=url, threads=threads)
        self.extra_args = list(extra_args)
        if demo:
            res = harness.run_cli(["demo", "--db", url])
            if res.returncode != 0:
                raise AssertionError("werkplaats demo failed: %r" % res)
            self.demo_output = res.stdout

    def start(self, timeout=30):
        """harness.Server.start with extra options for serve."""
        for _attempt in range(5):
            self.port = harness.free_port()
            args = [harness.BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port]
            if self.threads:
                args += ["--threads", str(self.threads)]
            args += self.extra_args
            self._stderr_file = open(self.stderr_path, "ab")
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=self._stderr_file, env=harness.sanitizer_env(),
                                         cwd=self.dir)
            if self._wait_listening(timeout):
                return self
            self._stderr_file.close()
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
                break
            if "cannot listen" not in self.stderr():
                break
        raise AssertionError("werkplaats serve did not start:\n%s" % self.stderr())


class Nginx:
    """nginx on loopback in front of some servers, round robin."""

    def __init__(self, ports):
        self.dir = tempfile.mkdtemp(prefix="wp-nginx-")
        os.chmod(self.dir, 0o777)
        self.port = harness.free_port()
        upstreams = "".join("    server 127.0.0.1:%d;\n" % p for p in ports)
        conf = """
daemon off;
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %(d)s/body;
  proxy_temp_path %(d)s/proxy;
  fastcgi_temp_path %(d)s/fastcgi;
  uwsgi_temp_path %(d)s/uwsgi;
  scgi_temp_path %(d)s/scgi;
  upstream werkplaats {
%(up)s    keepalive 16;
  }
  server {
    listen 127.0.0.1:%(port)d;
    location / {
      proxy_pass http://werkplaats;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream off;
    }
  }
}
""" % {"d": self.dir, "up": upstreams, "port": self.port}
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen(["nginx", "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf"),
                                      "-e", os.path.join(self.dir, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("nginx exited: %s" % self.proc.stderr.read().decode())
            try:
                harness.socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("nginx did not listen")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def ensure_nginx():
    if shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"):
        return True
    if os.geteuid() != 0:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, timeout=600)
    p = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"],
                       capture_output=True, env=env, timeout=900)
    return p.returncode == 0


class Via:
    """A harness.Server look-alike for a Client: just a port."""

    def __init__(self, port):
        self.port = port


# ---- the tests ----

@requires_pg
class TestStoreRoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = new_database()
        cls.server = PgServer(cls.url, demo=True)
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

    def test_schema_on_postgres(self):
        self.assertEqual(psql(self.url, "SELECT value FROM meta WHERE key = 'schema_version'"),
                         [[str(latest_schema())]])
        # the translation made identity columns and bigints
        rows = psql(self.url, "SELECT data_type, is_identity FROM information_schema.columns"
                              " WHERE table_name = 'responses' AND column_name = 'id'")
        self.assertEqual(rows, [["bigint", "YES"]])
        # the immutability triggers work as on SQLite
        p = subprocess.run([psql_bin(), "-X", "-q", self.url, "-c",
                            "UPDATE items SET position = position WHERE id = 1"],
                           capture_output=True, timeout=30)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("instrument versions are immutable", p.stderr.decode())

    def test_check(self):
        res = harness.run_cli(["check", "--db", self.url])
        self.assertEqual(res.returncode, 0, res)
        self.assertIn(": ok (schema v%d)" % latest_schema(), res.stdout)
        # a sequence left behind its ids (rows copied in by hand) is found
        psql(self.url, "SELECT setval(pg_get_serial_sequence('people', 'id'), 1)")
        try:
            res = harness.run_cli(["check", "--db", self.url])
            self.assertEqual(res.returncode, 1, res)
            self.assertIn("table people: the identity sequence (at 1) is behind", res.stdout)
        finally:
            psql(self.url, "SELECT setval(pg_get_serial_sequence('people', 'id'),"
                           " (SELECT MAX(id) FROM people))")
        # an empty database is no werkplaats database
        res = harness.run_cli(["check", "--db", new_database()])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("not a werkplaats database", res.stdout)
        self.assertNotIn("missing", res.stdout)

    def test_login_and_pages(self):
        c = self.server.client()
        c.login_ok(harness.COORDINATOR)
        for path in ["/", "/pw/%s" % harness.GERIATRIE, "/pw/%s/development" % harness.GERIATRIE,
                     "/pw/%s/rounds/1/results" % harness.GERIATRIE,
                     "/pw/%s/rounds/1/dialogue" % harness.GERIATRIE, "/account"]:
            r = c.get(path)
            self.assertEqual(r.status, 200, (path, r))
        r = c.get("/api/v1/rounds/1/results")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.text.startswith("{"), r)
        # the session is a row in the database
        self.assertGreaterEqual(int(psql(self.url, "SELECT COUNT(*) FROM sessions")[0][0]), 1)
        r = c.logout()
        self.assertEqual(r.status, 303, r)
        self.assertRedirectsToLogin(c.get("/"))

    def assertRedirectsToLogin(self, resp):
        self.assertEqual(resp.status, 303, resp)
        self.assertTrue((resp.location or "").startswith("/login"), resp)

    def test_wrong_password_is_throttled_in_the_database(self):
        c = self.server.client()
        r = c.login("lid@demo.example.org", "wrong password")
        self.assertNotEqual(r.status, 303)
        rows = psql(self.url, "SELECT failures FROM throttle WHERE key LIKE '%%lid@demo%%'")
        self.assertEqual(len(rows), 1, rows)

    def test_duplicate_account_is_a_form_error_not_a_500(self):
        # the statement fails, the transaction goes on to render the page
        c = self.server.client()
        c.login_ok(harness.ADMIN)
        for _ in range(3):  # and again, on a connection that has seen the statement
            r = c.submit("/admin", "/admin/accounts", {"name": "Dubbel", "email": harness.MEMBER})
            self.assertEqual(r.status, 400, r)
            self.assertIn("al een account", r.text)
        r = c.submit("/admin", "/admin/accounts", {"name": "Nieuw", "email": "nieuw@example.org"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(psql(self.url, "SELECT name FROM people WHERE email = 'nieuw@example.org'"),
                         [["Nieuw"]])

    def test_questionnaire_submission(self):
        before = submitted_count(self.url)
        c = self.server.client()
        r, private = answer_round(c, open_token(self.url), value="5")
        self.assertEqual(r.status, 303, r)
        self.assertEqual(submitted_count(self.url), before + 1)
        receipt = c.get(private)
        self.assertEqual(receipt.status, 200, receipt)
        self.assertIn('class="receipt"', receipt.text)
        # sent once: a second submit is refused
        r = c.post(private + "/submit", {"csrf": harness.csrf_from(receipt)})
        self.assertIn(r.status, (303, 409), r)
        self.assertEqual(submitted_count(self.url), before + 1)


@requires_pg
class TestMigrateStore(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="wp-mig-")

    def tearDown(self):
        self.tmp.cleanup()

    def sorted_dump(self, path):
        return sorted(harness.sqlite_dump(path).splitlines())

    def test_sqlite_to_postgres_to_sqlite(self):
        src = os.path.join(self.tmp.name, "src.db")
        back = os.path.join(self.tmp.name, "back.db")
        self.assertEqual(harness.run_cli(["demo", "--db", src]).returncode, 0)
        url = new_database()
        res = harness.run_cli(["migrate-store", "--from", src, "--to", url])
        self.assertEqual(res.returncode, 0, res)
        self.assertRegex(res.stdout, r"All \d+ tables are the same")
        self.assertNotIn("DIFFERENT", res.stdout)
        self.assertEqual(harness.run_cli(["check", "--db", url]).returncode, 0)
        # ids kept, and PostgreSQL numbers new rows after them
        max_id = int(psql(url, "SELECT MAX(id) FROM responses")[0][0])
        res = harness.run_cli(["migrate-store", "--from", url, "--to", back])
        self.assertEqual(res.returncode, 0, res)
        self.assertRegex(res.stdout, r"All \d+ tables are the same")
        self.assertEqual(self.sorted_dump(src), self.sorted_dump(back))
        # the copy serves: same site secret, same logins, new rows get new ids
        server = PgServer(url)
        try:
            server.start()
            c = server.client()
            c.login_ok(harness.COORDINATOR)
            r, _ = answer_round(server.client(), open_token(url))
            self.assertEqual(r.status, 303, r)
            self.assertEqual(int(psql(url, "SELECT MAX(id) FROM responses")[0][0]), max_id + 1)
            server.stop()
        finally:
            server.cleanup()

    def test_destination_must_be_empty(self):
        src = os.path.join(self.tmp.name, "src.db")
        self.assertEqual(harness.run_cli(["demo", "--db", src]).returncode, 0)
        url = new_database()
        self.assertEqual(harness.run_cli(["migrate-store", "--from", src, "--to", url]).returncode, 0)
        before = psql(url, "SELECT COUNT(*) FROM answers")
        res = harness.run_cli(["migrate-store", "--from", src, "--to", url])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("not empty", res.stderr)
        self.assertEqual(psql(url, "SELECT COUNT(*) FROM answers"), before)
        # and a source that is no store
        junk = os.path.join(self.tmp.name, "junk.db")
        open(junk, "w").close()
        res = harness.run_cli(["migrate-store", "--from", junk, "--to", new_database()])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("not a werkplaats database", res.stderr)
        res = harness.run_cli(["migrate-store", "--from", src])
        self.assertEqual(res.returncode, 2, res)


@requires_pg
class TestScaleOut(unittest.TestCase):
    CLIENTS = 24

    @classmethod
    def setUpClass(cls):
        if not ensure_nginx():
            raise unittest.SkipTest("nginx is not installed and cannot be installed here")
        cls.url = new_database()
        proxy = ["--trusted-proxy", "127.0.0.1", "--db-pool", "3"]
        cls.a = PgServer(cls.url, demo=True, threads=4, extra_args=proxy)
        cls.b = PgServer(cls.url, threads=4, extra_args=proxy)
        cls.nginx = None
        try:
            cls.a.start()
            cls.b.start()
            cls.nginx = Nginx([cls.a.port, cls.b.port])
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            if cls.nginx:
                cls.nginx.stop()
            for s in (cls.a, cls.b):
                if s.alive():
                    s.stop()
        finally:
            cls.a.cleanup()
            cls.b.cleanup()

    def test_session_works_on_both(self):
        front = harness.Client(Via(self.nginx.port))
        front.login_ok(harness.COORDINATOR)
        for port in (self.a.port, self.b.port):
            c = harness.Client(Via(port))
            c.cookies = dict(front.cookies)
            r = c.get("/pw/%s" % harness.GERIATRIE)
            self.assertEqual(r.status, 200, (port, r))
            # and a POST with the CSRF token from the other server
            r = c.submit("/pw/%s" % harness.GERIATRIE, "/lang", {"lang": "en"})
            self.assertEqual(r.status, 303, (port, r))
        for _ in range(6):  # through nginx: alternating upstreams
            self.assertEqual(front.get("/").status, 200)

    def test_visitor_address_from_the_trusted_proxy(self):
        # nginx appends the address it saw (127.0.0.1 here) to what the
        # visitor sent; only that last entry is believed
        front = harness.Client(Via(self.nginx.port))
        csrf = harness.csrf_from(front.get("/login"))
        r = front.post("/login", {"csrf": csrf, "email": "x@example.org", "password": "y"},
                       headers={"X-Forwarded-For": "203.0.113.9"})
        self.assertNotEqual(r.status, 303)
        keys = [k for (k,) in psql(self.url, "SELECT key FROM throttle WHERE key LIKE 'addr:%'")]
        self.assertIn("addr:127.0.0.1", keys)
        self.assertNotIn("addr:203.0.113.9", keys)
        # straight from the trusted address: its header names the visitor
        direct = harness.Client(Via(self.a.port))
        csrf = harness.csrf_from(direct.get("/login"))
        r = direct.post("/login", {"csrf": csrf, "email": "x@example.org", "password": "y"},
                        headers={"X-Forwarded-For": "10.1.2.3, 198.51.100.7"})
        self.assertNotEqual(r.status, 303)
        keys = [k for (k,) in psql(self.url, "SELECT key FROM throttle WHERE key LIKE 'addr:%'")]
        self.assertIn("addr:198.51.100.7", keys)
        self.assertNotIn("addr:10.1.2.3", keys)
        psql(self.url, "DELETE FROM throttle")

    def test_submissions_through_both_count_and_results_agree(self):
        token = open_token(self.url)
        before = submitted_count(self.url)
        results, errors = [], []

        def respondent(i):
            try:
                via = (self.nginx.port, self.a.port, self.b.port)[i % 3]
                r, _ = answer_round(harness.Client(Via(via)), token, value=str(1 + i % 5))
                results.append(r.status)
            except Exception as e:  # reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=respondent, args=(i,)) for i in range(self.CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        self.assertEqual(errors, [])
        self.assertEqual(results, [303] * self.CLIENTS)
        self.assertEqual(submitted_count(self.url), before + self.CLIENTS)
        # the same results from either server
        c = harness.Client(Via(self.nginx.port))
        c.login_ok(harness.COORDINATOR)
        bodies = []
        for port in (self.a.port, self.b.port):
            d = harness.Client(Via(port))
            d.cookies = dict(c.cookies)
            r = d.get("/api/v1/rounds/%d/results" % OPEN_ROUND)
            self.assertEqual(r.status, 200, r)
            bodies.append(r.text)
        self.assertEqual(bodies[0], bodies[1])


@requires_pg
@unittest.skipUnless(PG_DIR, "WERKPLAATS_TEST_PG_DIR is not set: cannot restart PostgreSQL")
class TestOutage(unittest.TestCase):
    WORKERS = 6
    DURATION = 12.0   # seconds of submissions
    OUTAGE_AT = 3.0   # PostgreSQL stops this long after the start ...
    OUTAGE_FOR = 3.0  # ... and starts again after this long

    @classmethod
    def setUpClass(cls):
        cls.url = new_database()
        # six workers send questionnaires through one open link as fast as
        # they can, which its guard (100 per ten minutes) exists to stop
        unlimited = ["--open-link-starts-per-10min", "1000000000", "--open-link-submits-per-10min",
                     "1000000000", "--open-link-cooldown", "0"]
        cls.server = PgServer(cls.url, demo=True, threads=4, extra_args=unlimited)
        try:
            cls.server.start()
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            subprocess.run(["sh", PG_SH, "start", PG_DIR], capture_output=True, timeout=120)
            cls.server.stop()
        finally:
            cls.server.cleanup()

    def pg(self, what):
        p = subprocess.run(["sh", PG_SH, what, PG_DIR], capture_output=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr.decode())

    def test_restart_during_submissions(self):
        self.outage("stop")  # fast shutdown: sessions are told (57P01) and closed

    def test_crash_during_submissions(self):
        self.outage("kill")  # immediate shutdown: as a crash, recovery from WAL

    def outage(self, how):
        token = open_token(self.url)
        before = submitted_count(self.url)
        start = time.monotonic()
        stop_at = start + self.DURATION
        acked, privates, statuses, errors = [], [], [], []
        lock = threading.Lock()

        def worker():
            while time.monotonic() < stop_at:
                c = harness.Client(Via(self.server.port))
                mine = []
                try:
                    r, private = answer_round(c, token, deadline=time.monotonic() + 60,
                                              statuses=mine)
                except Exception as e:  # reported below
                    with lock:
                        errors.append(repr(e))
                        statuses.extend(mine)
                    return
                with lock:
                    statuses.extend(mine)
                    if r.status == 303:
                        acked.append(private)
                    privates.append((private, r.status))

        member = harness.Client(Via(self.server.port))
        member.login_ok(harness.COORDINATOR)
        page_statuses = []

        def reader():  # a logged-in person clicking around meanwhile
            while time.monotonic() < stop_at:
                for path in ("/", "/pw/%s" % harness.GERIATRIE):
                    r = member.get(path)
                    with lock:
                        page_statuses.append((r.status, r.location))
                time.sleep(0.05)

        threads = [threading.Thread(target=worker) for _ in range(self.WORKERS)]
        threads.append(threading.Thread(target=reader))
        for t in threads:
            t.start()
        time.sleep(self.OUTAGE_AT)
        self.pg(how)
        down = time.monotonic()
        time.sleep(self.OUTAGE_FOR)
        self.pg("start")
        up = time.monotonic()
        for t in threads:
            t.join(180)
        self.assertEqual(errors, [])
        # the outage was seen, and only as 503 (plus the 409 of a submit whose
        # commit happened but whose answer was lost, sent again)
        self.assertIn(503, statuses, "no request fell into the outage (%.1fs)" % (up - down))
        self.assertEqual(sorted(set(statuses) - {200, 303, 503, 409}), [], statuses)
        # logged in: a 503 while the database is away, never "please log in"
        self.assertIn((503, None), page_statuses)
        self.assertEqual(sorted(set(page_statuses) - {(200, None), (503, None)}), [])
        self.assertEqual(page_statuses[-1], (200, None))
        # every acknowledged submission is stored
        after = submitted_count(self.url)
        self.assertGreaterEqual(after - before, len(acked))
        self.assertLessEqual(after - before, len(privates))
        c = harness.Client(Via(self.server.port))
        for private in acked:
            r = c.get(private)
            self.assertEqual(r.status, 200, (private, r))
            self.assertIn('class="receipt"', r.text, private)
        # and the server works as before, by itself
        r, _ = answer_round(harness.Client(Via(self.server.port)), token)
        self.assertEqual(r.status, 303, r)
        d = harness.Client(Via(self.server.port))
        d.login_ok(harness.COORDINATOR)
        self.assertEqual(d.get("/pw/%s" % harness.GERIATRIE).status, 200)
        sys.stderr.write("\n  outage (%s): %d submissions acknowledged, %d requests answered 503 "
                         % (how, len(acked), statuses.count(503)))


if __name__ == "__main__":
    unittest.main()
