"""test_failover.py - werkplaats on a PostgreSQL primary with a streaming
replica, through a crash of the primary (issue 23; docs/deployment.md,
section 4).

Two PostgreSQL servers on loopback of its own (tests/pg.sh start and
tests/pg.sh replica): the replica streams synchronously
(synchronous_standby_names on the primary), so a commit, and with it a 303
to a respondent, waits until the replica has it. One werkplaats serve
process has both hosts in its --db with target_session_attrs=read-write and
is never restarted. Respondents send questionnaires and a logged-in
coordinator reads a workplace page and a results page without pause while
the primary is stopped as a crash would (pg_ctl stop -m immediate), and

- test_1_primary_comes_back: ... started again a few seconds later (the
  replica stays a replica); then, with the replica's replay paused, pages of
  responses just written are found, so reads went back to the primary;
- test_2_failover: ... the replica is promoted a few seconds later.

In both, asserted:
- every read answered 200 or 503 within its timeout (never a 500, never a
  hang; a 503 with Retry-After and a page that says the database is
  unreachable), and reads were served from the standby while there was no
  primary;
- every write (POST) made while there was no primary answered 503, and
  writes answered 303 again after;
- /healthz said 503 ("store": "standby only") while there was no primary
  and 200 after;
- every questionnaire that was acknowledged (303), or found already sent
  when sent again (409: the commit happened but its answer was lost), is
  on the primary of the end, and nothing else is: the number of submitted
  responses grew by exactly their number.

Runs where test_pg.py runs (it needs tests/pg.sh's PostgreSQL: `make test`
sets WERKPLAATS_TEST_DB_URL), in the SQLite pass only, on servers of its
own; about 45 seconds.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from test_pg import (OPEN_ROUND, PG_SH, Outage, PgServer, Via, answer_round, open_token,  # noqa: E402
                     psql, requires_pg, submitted_count, with_database)

TOKEN = "failover-" + "f" * 40
READ_TIMEOUT = 30  # seconds a read may take before it counts as a hang


def pg_sh(*args):
    p = subprocess.run(["sh", PG_SH] + list(args), capture_output=True, timeout=180)
    if p.returncode != 0:
        raise AssertionError("tests/pg.sh %s failed: %s" % (" ".join(args), p.stderr.decode()))
    return p.stdout.decode().strip()


def port_of(pg_dir):
    with open(os.path.join(pg_dir, "port")) as f:
        return f.read().strip()


class Recording(harness.Client):
    """A client that logs every request: (method, start, end, status); a
    503 must say when to try again and why."""

    def __init__(self, port, log, lock):
        super().__init__(Via(port))
        self.log, self.lock = log, lock

    def request(self, method, path, body=None, headers=None, timeout=READ_TIMEOUT):
        start = time.monotonic()
        try:
            r = super().request(method, path, body=body, headers=headers, timeout=timeout)
        except Exception as e:  # a hang or a dropped connection: reported by the test
            with self.lock:
                self.log.append((method, start, time.monotonic(), "%s %s: %r" % (method, path, e)))
            raise
        status = r.status
        if status == 503 and (r.header("Retry-After") != "5" or "niet bereikbaar" not in r.text):
            status = "503 without Retry-After: 5 or without the page that says why: %r" % r
        with self.lock:
            self.log.append((method, start, time.monotonic(), status))
        return r


@requires_pg
class TestFailover(unittest.TestCase):
    WRITERS = 4
    BEFORE = 4.0    # seconds of normal work before the primary goes
    NO_PRIMARY = 5.0  # seconds between its crash and the recovery
    AFTER = 8.0     # seconds of work after the promotion

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="wp-failover-")
        os.chmod(cls.tmp, 0o755)  # the servers run as postgres when the tests run as root
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.pdir, cls.sdir = os.path.join(cls.tmp, "primary"), os.path.join(cls.tmp, "standby")
        cls.addClassCleanup(pg_sh, "destroy", cls.pdir)
        primary = pg_sh("start", cls.pdir)
        psql(primary, "CREATE DATABASE wp")
        cls.primary = with_database(primary, "wp")
        res = harness.run_cli(["demo", "--db", cls.primary], timeout=300)
        assert res.returncode == 0, res
        cls.addClassCleanup(pg_sh, "destroy", cls.sdir)
        cls.standby = with_database(pg_sh("replica", cls.sdir, cls.pdir), "wp")
        # from now on a commit waits for the replica (its copy of the
        # configuration, taken before, keeps no synchronous standby: after
        # its promotion it must not wait for one that is gone)
        psql(primary, "ALTER SYSTEM SET synchronous_standby_names = 'wp_standby'")
        psql(primary, "SELECT pg_reload_conf()")
        hosts = ",".join("127.0.0.1:%s" % port_of(d) for d in (cls.pdir, cls.sdir))
        url = "postgresql://postgres@%s/wp?target_session_attrs=read-write" % hosts
        token_file = os.path.join(cls.tmp, "ops-token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        # respondents send through one open link as fast as they can
        unlimited = ["--open-link-starts-per-10min", "1000000000", "--open-link-submits-per-10min",
                     "1000000000", "--open-link-cooldown", "0", "--ops-token-file", token_file]
        cls.server = PgServer(url, threads=4, extra_args=unlimited)
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()

    def health(self):
        c = harness.Client(Via(self.server.port))
        return c.request("GET", "/healthz", headers={"Authorization": "Bearer " + TOKEN},
                         timeout=READ_TIMEOUT)

    def results_path(self, c):
        """A closed round's results page of geriatrie (the demo has some)."""
        rows = psql(self.primary, "SELECT r.id FROM rounds r JOIN workplaces w ON w.id = r.workplace_id"
                                  " WHERE w.slug = '%s' AND r.id <> %d ORDER BY r.id"
                    % (harness.GERIATRIE, OPEN_ROUND))
        for (rid,) in rows:
            path = "/pw/%s/rounds/%s/results" % (harness.GERIATRIE, rid)
            if c.get(path).status == 200:
                return path
        raise AssertionError("no results page of %s answers 200 (rounds %r)" % (harness.GERIATRIE, rows))

    def wait_synchronous(self):
        deadline = time.monotonic() + 60
        while psql(self.primary, "SELECT sync_state FROM pg_stat_replication") != [["sync"]]:
            if time.monotonic() > deadline:
                raise AssertionError("the replica is not synchronous: %r"
                                     % psql(self.primary, "SELECT * FROM pg_stat_replication"))
            time.sleep(0.2)

    def under_load(self, scenario):
        """Respondents and a reader without pause while scenario() runs
        (it returns the moments that matter). Checks what holds in every
        scenario and returns (moments, writes, reads, completed): requests
        as (method, start, end, status), the final status of each
        questionnaire (303, or 409: sent before, its answer lost)."""
        self.assertEqual(self.health().status, 200, self.health().text)
        token = open_token(self.primary)
        lock = threading.Lock()
        writes, reads, errors = [], [], []
        completed = []
        stop = threading.Event()

        def writer():
            while not stop.is_set():
                c = Recording(self.server.port, writes, lock)
                try:
                    r, _private = answer_round(c, token, deadline=time.monotonic() + 90)
                except (Outage, AssertionError, OSError) as e:
                    with lock:
                        errors.append("respondent: %r" % e)
                    return
                with lock:
                    completed.append(r.status)
                if r.status not in (303, 409):
                    return  # reported below

        member = Recording(self.server.port, reads, lock)
        member.login_ok(harness.COORDINATOR)
        results = self.results_path(member)
        reads.clear()

        def reader():
            while not stop.is_set():
                for path in ("/pw/%s" % harness.GERIATRIE, results):
                    try:
                        member.get(path)
                    except OSError:
                        pass  # logged by Recording, asserted below
                time.sleep(0.05)

        threads = [threading.Thread(target=writer) for _ in range(self.WRITERS)]
        threads.append(threading.Thread(target=reader))
        for t in threads:
            t.start()
        try:
            moments = scenario()
        finally:
            stop.set()
            for t in threads:
                t.join(180)
        self.assertFalse(any(t.is_alive() for t in threads), "a client thread still hangs")
        self.assertEqual(errors, [])
        failed = [w for w in writes + reads if not isinstance(w[3], int)]
        self.assertEqual(failed, [], "requests without an answer (hang or dropped)")
        self.assertEqual(sorted({s for _m, _a, _b, s in reads} - {200, 503}), [], reads)
        self.assertEqual(reads[-1][3], 200)
        self.assertEqual(sorted({s for _m, _a, _b, s in writes} - {200, 303, 409, 503}), [], writes)
        self.assertEqual(set(completed) - {303, 409}, set(), completed)
        return moments, writes, reads, completed

    def crash_then(self, recover, after):
        """under_load: the primary crashes, recover() runs a few seconds
        later, and the load goes on for `after` seconds. Returns what
        under_load does, with moments (crash, recovery, /healthz without a
        primary)."""
        def scenario():
            time.sleep(self.BEFORE)
            pg_sh("kill", self.pdir)
            down = time.monotonic()
            time.sleep(self.NO_PRIMARY / 2)
            health_down = self.health()
            time.sleep(self.NO_PRIMARY / 2)
            recover()
            back = time.monotonic()
            time.sleep(after)
            return down, back, health_down
        return self.under_load(scenario)

    def check_gap(self, writes, reads, down, back, health_down):
        """Between the crash and the return of a primary: reads served from
        the standby, every write 503 (from a second after the crash on:
        requests in flight then may end either way), /healthz 503; after
        it, writes succeed. Returns the reads in the gap and the seconds
        until the first write went through."""
        gap_reads = [s for _m, a, b, s in reads if a > down + 1.5 and b < back]
        self.assertIn(200, gap_reads, "no read was served from the standby")
        gap_posts = [s for m, a, b, s in writes if m == "POST" and a > down + 1 and b < back]
        self.assertTrue(gap_posts, "no write fell between the crash and the return of a primary")
        self.assertEqual(set(gap_posts), {503}, gap_posts)
        after = [a for m, a, _b, s in writes if m == "POST" and a > back and s == 303]
        self.assertTrue(after, "no write succeeded after a primary was back")
        self.assertEqual(health_down.status, 503, health_down.text)
        self.assertNotIn('"committer": "ok"', health_down.text)  # it cannot commit
        self.assertIn('"store": "standby only"', health_down.text)
        h = self.health()
        self.assertEqual(h.status, 200, h.text)
        return gap_reads, min(after) - back

    def report(self, what, completed, writes, gap_reads, resumed):
        sys.stderr.write("\n  %s: %d questionnaires sent (%d found sent already), %d writes "
                         "answered 503, %d of %d reads served without a primary, writes back "
                         "%.1fs after "
                         % (what, len(completed), completed.count(409),
                            sum(1 for w in writes if w[3] == 503), gap_reads.count(200),
                            len(gap_reads), resumed))

    def test_1_primary_comes_back(self):
        """The primary crashes and restarts, the standby stays one: reads
        go to the standby meanwhile, and back to the primary after: with
        the standby's replay paused, a questionnaire read right after it
        was written still shows it."""
        before = submitted_count(self.primary)
        (down, back, health_down), writes, reads, completed = self.crash_then(
            lambda: pg_sh("start", self.pdir), self.AFTER / 2)
        gap_reads, resumed = self.check_gap(writes, reads, down, back, health_down)
        self.assertEqual(submitted_count(self.primary) - before, len(completed))
        self.wait_synchronous()
        # every read connection has had a second to look for the primary;
        # from now on the standby shows nothing new
        psql(self.standby, "SELECT pg_wal_replay_pause()")
        token = open_token(self.primary)
        stale = []

        def respondent():  # pages of new responses are on the primary only
            for _ in range(3):
                try:
                    r, private = answer_round(harness.Client(Via(self.server.port)), token)
                    receipt = harness.Client(Via(self.server.port)).get(private)
                except Exception as e:  # a 404 or a 503: reported below
                    stale.append(repr(e))
                    return
                if r.status != 303 or 'class="receipt"' not in receipt.text:
                    stale.append((r, receipt))
        # side by side, so that every read connection of the pool is used
        threads = [threading.Thread(target=respondent) for _ in range(4)]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
        finally:
            psql(self.standby, "SELECT pg_wal_replay_resume()")
        self.assertEqual(stale, [], "a read after the primary's return came from the standby")
        h = self.health()
        self.assertIn('"store": "ok"', h.text)
        self.report("primary back", completed, writes, gap_reads, resumed)

    def test_2_failover(self):
        """The primary crashes and the standby is promoted; werkplaats is
        not restarted and loses nothing it acknowledged."""
        self.wait_synchronous()
        before = submitted_count(self.primary)
        (down, promoted, health_down), writes, reads, completed = self.crash_then(
            lambda: pg_sh("promote", self.sdir), self.AFTER)
        gap_reads, resumed = self.check_gap(writes, reads, down, promoted, health_down)
        # nothing acknowledged lost, nothing counted twice, on the new primary
        self.assertEqual(submitted_count(self.standby) - before, len(completed))
        self.report("failover", completed, writes, gap_reads, resumed)

if __name__ == "__main__":
    unittest.main()
