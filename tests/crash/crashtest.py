"""crashtest.py - durability of submissions across kill -9 (issue 8).

Starts the real server on a demo database, lets several clients submit
questionnaires (the one-page mode: start, then every answer and "send" in
one POST) as fast as they can, kills the server with SIGKILL at a random
moment, and checks the database before starting it again:

  * every submission that got its success response (303) is there and
    complete: submitted = 1 and exactly the answers that were sent;
  * nothing is half-stored: a sent response (acknowledged or not) has all
    of its answers, a response that was not sent has none, every stored
    answers text has one place per question, and no sent response is one
    that no client sent;
  * `werkplaats check` passes (integrity, foreign keys, schema version).

The server acknowledges a POST only after the group commit that holds it
is durable (synchronous=FULL), so this must hold whatever moment the kill
comes at. At the end one more run is stopped with SIGTERM under the same
load: the server must finish what is in flight and exit 0. Usage:

  crashtest.py [--cycles 50] [--clients 6] [--seed N] [--store sqlite|pg]

With --store pg the database is a fresh one on the PostgreSQL test
cluster that WERKPLAATS_TEST_DB_URL names (run under tests/pg.sh run).
Killing only werkplaats cannot lose what PostgreSQL committed, so when
WERKPLAATS_TEST_PG_DIR names the cluster's directory (tests/pg.sh run sets
it) the cycles take turns among three kinds of crash:

  server  SIGKILL to werkplaats only;
  both    SIGKILL to werkplaats and, in the same instant, to every process
          of the PostgreSQL server (a power cut: what was acknowledged must
          have been committed, and a commit must survive the server's
          crash recovery);
  db      SIGKILL to PostgreSQL first, werkplaats 0.05-0.3 s later (the
          database dies under a running server: a commit whose answer was
          lost must not be acknowledged; POSTs then fail, unacknowledged).

After a PostgreSQL kill the cluster is started again (crash recovery)
before the checks. Without WERKPLAATS_TEST_PG_DIR every cycle is `server`.
The test database is set to synchronous_commit = off, as a site tuned for
speed may have it: a COMMIT then returns before its WAL is written, so
werkplaats must turn it on for its own sessions (src/store/db_pg.c) or a
`both` cycle loses acknowledged submissions.

The binary is $WERKPLAATS_BIN (default build/werkplaats-asan), through
tests/http/harness.py. Only the Python standard library is used.
"""

import argparse
import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

# the store is chosen before harness.py is imported: it reads it once
_pre = argparse.ArgumentParser(add_help=False)
_pre.add_argument("--store", choices=("sqlite", "pg"), default="sqlite")
STORE = _pre.parse_known_args()[0].store
os.environ["WERKPLAATS_TEST_STORE"] = STORE

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "http"))

import harness  # noqa: E402
import qhelp  # noqa: E402

OPEN_TOKEN = "demo01round02open-link"  # the demo's open round
ROUND = 7
PERSPECTIVES = ["student", "professional", "teacher", "researcher", "citizen", "manager", "other"]
STATEMENTS = {p: [i for page in range(1, 8) for i in qhelp.page_items(page, p)] for p in PERSPECTIVES}
TOKEN_RE = re.compile(r"^/r/([A-Za-z0-9_-]{22})/p/1$")


class Submission:
    def __init__(self, token, perspective, answers):
        self.token = token
        self.perspective = perspective
        self.answers = answers  # {statement id: 1..5, or None for "don't know"}
        self.sent = False  # the POST with go=submit went out
        self.acknowledged = False  # ... and came back 303


class ServerGone(Exception):
    pass


class Client(threading.Thread):
    """One respondent after another on one keep-alive connection, until
    the server goes away."""

    def __init__(self, port, rng, log, db_down):
        super().__init__(daemon=True)
        self.port = port
        self.rng = rng
        self.log = log  # shared list of Submission, appended under log_lock
        self.db_down = db_down  # set once the database has been killed
        self.conn = None
        self.cookie = None
        self.error = None

    def request(self, method, path, fields=None):
        headers = {}
        if self.cookie:
            headers["Cookie"] = "wp_anon=" + self.cookie
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException) as e:
            raise ServerGone(e)
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        if r.status == 503 and method == "POST":
            raise ServerGone("stopping")  # after SIGTERM: nothing was stored
        if r.status >= 500 and self.db_down.is_set():
            raise ServerGone("database gone")  # an error, so not acknowledged
        return r.status, r.getheaders(), data.decode("utf-8", "replace")

    def run(self):
        try:
            status, headers, page = self.request("GET", "/r/%s" % OPEN_TOKEN)
            if status != 200:
                raise AssertionError("welcome page: %d" % status)
            for name, value in headers:
                if name.lower() == "set-cookie" and value.startswith("wp_anon="):
                    self.cookie = value.split(";")[0].split("=", 1)[1]
            csrf = harness.csrf_from(page)
            while True:
                self.one(csrf)
        except ServerGone:
            pass
        except BaseException as e:  # reported by the main thread
            self.error = e
        finally:
            if self.conn is not None:
                self.conn.close()

    def one(self, csrf):
        persp = self.rng.choice(PERSPECTIVES)
        status, headers, _ = self.request("POST", "/r/%s/start" % OPEN_TOKEN,
                                          [("csrf", csrf), ("perspective", persp), ("consent", "yes")])
        if status != 303:
            raise AssertionError("start: %d" % status)
        location = dict((k.lower(), v) for k, v in headers)["location"]
        m = TOKEN_RE.match(location)
        if not m:
            raise AssertionError("start went to %r" % location)
        answers = {}
        for item in STATEMENTS[persp]:
            v = self.rng.randint(0, 5)
            answers[item] = v or None
        sub = Submission(m.group(1), persp, answers)
        with log_lock:
            self.log.append(sub)
        fields = [("csrf", csrf), ("go", "submit")]
        fields += [(k, str(v) if v else "dk") for k, v in answers.items()]
        sub.sent = True
        status, _, _ = self.request("POST", "/r/%s/all" % sub.token, fields)
        if status != 303:
            raise AssertionError("all: %d" % status)
        sub.acknowledged = True


log_lock = threading.Lock()


def check_database(server, log, first_response_id):
    """The rules of the module docstring; returns (acknowledged, stored) counts."""
    res = harness.run_cli(["check", "--db", server.db], check_sanitizers=True)
    if res.returncode != 0:
        raise AssertionError("werkplaats check failed: %r" % res)
    c = qhelp.db(server)  # sqlite3, or psycopg2 taking the same statements
    try:
        places = qhelp.answer_places(c, c.execute("SELECT version_id FROM rounds WHERE id = ?",
                                                  (ROUND,)).fetchone()[0])
        responses = {}
        answers = {}
        for rid, access, persp, submitted, text in c.execute(
                "SELECT id, access_hash, perspective, submitted, answers FROM responses"
                " WHERE round_id = ? AND id >= ?", (ROUND, first_response_id)):
            responses[access] = (rid, persp, submitted)
            if text is not None and len(text) != len(places):
                raise AssertionError("response %d holds %d answer places; the version has %d questions"
                                     % (rid, len(text), len(places)))
            answers[rid] = qhelp.answers_of(places, text)
    finally:
        c.close()
    known = set()
    acknowledged = stored = 0
    for sub in log:
        access = qhelp.token_hash("response", sub.token)
        known.add(access)
        row = responses.get(access)
        if sub.acknowledged:
            acknowledged += 1
            if row is None:
                raise AssertionError("acknowledged submission %s is missing" % sub.token)
            if row[2] != 1:
                raise AssertionError("acknowledged submission %s is not marked sent" % sub.token)
        if row is None:
            continue  # started or sent, not acknowledged, and not stored: allowed
        rid, persp, submitted = row
        got = answers.get(rid, {})
        if persp != sub.perspective:
            raise AssertionError("response %s stored as %s, sent as %s" % (sub.token, persp, sub.perspective))
        if submitted:
            stored += 1
            if got != sub.answers:
                missing = set(sub.answers) - set(got)
                raise AssertionError("sent response %s is half-stored: %d of %d answers (missing %s), or other values"
                                     % (sub.token, len(got), len(sub.answers), sorted(missing)[:5]))
        elif got:
            raise AssertionError("response %s was not sent but has %d answers" % (sub.token, len(got)))
    for access, (rid, persp, submitted) in responses.items():
        if access not in known and (submitted or answers.get(rid)):
            raise AssertionError("response %d was sent or answered, but by no client" % rid)
    return acknowledged, stored


# ---- PostgreSQL's own crash ----

PG_DIR = os.environ.get("WERKPLAATS_TEST_PG_DIR", "")
PG_SH = os.path.join(os.path.dirname(HERE), "pg.sh")


def pg_kill():
    """SIGKILL to every process of the test cluster at once, as a power cut
    would stop them: the postmaster is stopped first so that it forks no new
    backend while its children are listed; then each gets SIGKILL and we
    wait until all are gone (a survivor would keep the shared memory)."""
    with open(os.path.join(PG_DIR, "data", "postmaster.pid")) as f:
        master = int(f.readline())
    os.kill(master, signal.SIGSTOP)
    pids = [master]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:  # its parent
                pids.append(int(entry))
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # gone means reaped too (by init): pg_ctl takes a zombie for a server
    deadline = time.monotonic() + 30
    for pid in pids:
        while os.path.exists("/proc/%d" % pid):
            if time.monotonic() > deadline:
                raise AssertionError("PostgreSQL process %d is still there after SIGKILL" % pid)
            time.sleep(0.01)


def pg_start():
    """Start the test cluster again (tests/pg.sh start: crash recovery, the
    same port)."""
    p = subprocess.run(["sh", PG_SH, "start", PG_DIR], capture_output=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError("PostgreSQL did not start again: %s" % p.stderr.decode())


def pg_running():
    with open(os.path.join(PG_DIR, "port")) as f:
        port = int(f.read())
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            return True
    except OSError:
        return False


def crash_kinds(store):
    """The kinds of crash the cycles take turns among (module docstring)."""
    if store == "pg" and PG_DIR:
        return ["server", "both", "db"]
    return ["server"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--store", choices=("sqlite", "pg"), default="sqlite",
                    help="pg: a database on the cluster of WERKPLAATS_TEST_DB_URL")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    kinds = crash_kinds(args.store)
    print("crashtest: %s, %d cycles, %d clients, seed %d, binary %s; crashes: %s"
          % ("PostgreSQL" if harness.PG else "SQLite", args.cycles, args.clients, seed, harness.BIN,
             ", ".join(kinds)), flush=True)
    if args.store == "pg" and not PG_DIR:
        print("crashtest: WERKPLAATS_TEST_PG_DIR is not set: PostgreSQL itself is not killed", flush=True)
    # the clients are scripts sending through one open link as fast as they
    # can, which is what the link's limits stop (src/domain/open_link.h):
    # lifted here, where the point is the load
    server = harness.Server(extra_args=["--open-link-starts-per-10min", "1000000000",
                                        "--open-link-submits-per-10min", "1000000000"])
    if harness.PG:
        name = urllib.parse.urlsplit(server.db).path.lstrip("/")
        harness.psql(harness.PG_ADMIN_URL, "ALTER DATABASE %s SET synchronous_commit = off" % name)
    log = []
    db_down = threading.Event()
    counts = dict((k, 0) for k in kinds)
    try:
        c = qhelp.db(server)
        first_response_id = c.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM responses").fetchone()[0]
        c.close()
        for cycle in range(1, args.cycles + 1):
            kind = kinds[(cycle - 1) % len(kinds)]
            counts[kind] += 1
            db_down.clear()
            server.start()
            clients = [Client(server.port, random.Random(rng.random()), log, db_down) for _ in range(args.clients)]
            for cl in clients:
                cl.start()
            time.sleep(rng.uniform(0.05, 1.0))
            if kind == "db":
                db_down.set()
                pg_kill()
                time.sleep(rng.uniform(0.05, 0.3))
            server.proc.send_signal(signal.SIGKILL)
            if kind == "both":
                db_down.set()
                pg_kill()
            server.proc.wait()
            server._stderr_file.close()
            for cl in clients:
                cl.join(60)
                if cl.is_alive():
                    raise AssertionError("a client did not notice the server had gone")
                if cl.error:
                    raise AssertionError("client failed: %r" % (cl.error,))
            report = harness.sanitizer_report(server.stderr())
            if report:
                raise AssertionError("sanitizer report:\n%s" % server.stderr()[-20000:])
            if db_down.is_set():
                pg_start()
            acknowledged, stored = check_database(server, log, first_response_id)
            print("cycle %d (%s): %d submissions acknowledged, %d sent responses stored, all complete"
                  % (cycle, kind, acknowledged, stored), flush=True)
        # a last run stopped with SIGTERM under the same load: requests in
        # flight (some waiting for the committer) finish, the server exits 0
        db_down.clear()
        server.start()
        clients = [Client(server.port, random.Random(rng.random()), log, db_down) for _ in range(args.clients)]
        for cl in clients:
            cl.start()
        time.sleep(rng.uniform(0.2, 1.0))
        server.stop()  # fails on a non-zero exit or a sanitizer report
        for cl in clients:
            cl.join(60)
            if cl.is_alive() or cl.error:
                raise AssertionError("a client failed after SIGTERM: %r" % (cl.error,))
        acknowledged, stored = check_database(server, log, first_response_id)
        print("SIGTERM under load: %d submissions acknowledged in all, the server exited 0" % acknowledged)
        if acknowledged == 0:
            raise AssertionError("no submission was acknowledged in any cycle")
        print("crashtest: passed on %s: %d cycles (%s), %d submissions acknowledged and present, %d sent"
              " responses stored, none half-stored; werkplaats check passed"
              % ("PostgreSQL" if harness.PG else "SQLite", args.cycles,
                 ", ".join("%d %s" % (counts[k], k) for k in kinds), acknowledged, stored))
        return 0
    except AssertionError as e:
        print("crashtest: FAILED (seed %d): %s" % (seed, e), file=sys.stderr)
        return 1
    finally:
        if harness.PG and PG_DIR and not pg_running():
            pg_start()  # the cluster is shared: leave it running
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
