"""GET /healthz and GET /metrics (issue 23): 404 unless the request sends
the bearer token of --ops-token-file; with it, the health of store,
committer and schema as JSON, and counters in the Prometheus text format
that move by exactly the requests made between two readings."""

import json
import os
import re
import time
import unittest

import harness
from harness import ServerTestCase

TOKEN = "t0ken-" + "x" * 40


def metrics(text):
    """{(name, labels): value} of the Prometheus text."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r'([a-z_]+)(?:\{([^}]*)\})? (\S+)', line)
        assert m, line
        out[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return out


class WithoutTokenTest(ServerTestCase):
    def test_both_are_unknown_paths(self):
        c = self.client()
        for path in ("/healthz", "/metrics"):
            self.assertEqual(c.get(path).status, 404)
            self.assertEqual(c.get(path, headers={"Authorization": "Bearer " + TOKEN}).status, 404)


class WithTokenTest(ServerTestCase):
    @classmethod
    def before_start(cls, server):
        path = os.path.join(server.dir, "ops-token")
        with open(path, "w") as f:
            f.write(TOKEN + "\n")
        server.extra_args += ["--ops-token-file", path]

    def get(self, path, token=TOKEN):
        return self.client().get(path, headers={"Authorization": "Bearer " + token} if token else {})

    def test_a_wrong_or_missing_token_is_404(self):
        for token in (None, TOKEN + "y", TOKEN[:-1], "x"):
            self.assertEqual(self.get("/healthz", token).status, 404, token)
            self.assertEqual(self.get("/metrics", token).status, 404, token)

    def test_health(self):
        r = self.get("/healthz")
        self.assertEqual(r.status, 200, r.text)
        h = json.loads(r.text)
        # the migrations of the program, counted in its source: "/* N:" opens each
        with open(os.path.join(harness.REPO, "src", "store", "schema.c"), encoding="utf-8") as f:
            latest = max(int(n) for n in re.findall(r"/\* (\d+):", f.read()))
        self.assertEqual(self.server.sql("SELECT value FROM meta WHERE key = 'schema_version'"), [[str(latest)]])
        self.assertEqual(h, {"status": "ok", "store": "ok", "committer": "ok",
                             "schema": {"database": latest, "program": latest}})

    def test_counters_move_by_the_requests_made(self):
        before = metrics(self.get("/metrics").text)
        c = self.client()
        for _ in range(3):
            self.assertEqual(c.get("/r/" + "A" * 22).status, 404)
        self.assertEqual(c.get("/login").status, 200)
        page = c.get("/login")
        self.assertEqual(c.post("/lang", {"csrf": harness.csrf_from(page), "lang": "en", "next": "/login"}).status, 303)
        # a request is counted once its answer has gone out, a moment after
        # the client has it: read again until the last one shows
        for _ in range(50):
            after = metrics(self.get("/metrics").text)
            if after.get(("werkplaats_requests_total", 'group="other",status="3xx"'), 0) > \
                    before.get(("werkplaats_requests_total", 'group="other",status="3xx"'), 0):
                break
            time.sleep(0.05)

        def moved(name, labels):
            return after.get((name, labels), 0) - before.get((name, labels), 0)
        self.assertEqual(moved("werkplaats_requests_total", 'group="r",status="4xx"'), 3)
        self.assertEqual(moved("werkplaats_requests_total", 'group="other",status="2xx"'), 2)  # /login twice
        self.assertGreaterEqual(moved("werkplaats_requests_total", 'group="ops",status="2xx"'), 1)
        self.assertEqual(moved("werkplaats_requests_total", 'group="other",status="3xx"'), 1)
        self.assertEqual(moved("werkplaats_request_duration_seconds_count", 'group="r"'), 3)
        self.assertGreaterEqual(moved("werkplaats_commit_batch_size_count", ""), 1)  # the POST
        self.assertEqual(after[("werkplaats_up", "")], 1)
        self.assertIn(("werkplaats_store_errors_total", ""), after)
        self.assertIn(("werkplaats_reminders_sent_total", ""), after)
        # histograms: buckets cumulative, +Inf equal to the count
        for name in ("werkplaats_request_duration_seconds", "werkplaats_commit_duration_seconds",
                     "werkplaats_commit_batch_size"):
            groups = {lb.split(",le=")[0] if ",le=" in lb else "" for (n, lb) in after if n == name + "_bucket"}
            for g in groups:
                prefix = g + "," if g else ""
                buckets = [(lb, v) for (n, lb), v in after.items() if n == name + "_bucket" and lb.startswith(prefix + "le=")]
                values = [v for _lb, v in buckets]
                self.assertEqual(values, sorted(values), (name, g))
                inf = after[(name + "_bucket", prefix + 'le="+Inf"')]
                self.assertEqual(inf, after[(name + "_count", g)], (name, g))

    def test_the_metrics_are_text(self):
        r = self.get("/metrics")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/plain; version=0.0.4"))
        self.assertEqual(r.header("Cache-Control"), "no-store")


class TokenFileTest(unittest.TestCase):
    def test_a_short_token_is_refused(self):
        server = harness.Server(demo=False)
        try:
            path = os.path.join(server.dir, "short")
            with open(path, "w") as f:
                f.write("too-short\n")
            res = harness.run_cli(["serve", "--db", server.db, "--listen", "127.0.0.1:0",
                                   "--ops-token-file", path])
            self.assertEqual(res.returncode, 2)
            self.assertIn("32 to 256 characters", res.stderr)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
