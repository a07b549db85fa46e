"""test_attack_abuse.py - issue 8, abuse of the server itself: bodies above
the cap (refused with 413 before they are read), oversized headers, slow
clients (slowloris) and many connections at once. The server must keep
answering others quickly, give back what it took (memory and file
descriptors, read from /proc), and stop cleanly afterwards (with the
sanitizers' verdict, as every harness server)."""

import http.client
import os
import re
import socket
import threading
import time
import unittest

import attack
from harness import BODY_CAP, GERIATRIE, OOST, PETRA, ServerTestCase, parse_raw, read_all

FORM = "Content-Type: application/x-www-form-urlencoded\r\n"


class AbuseTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fx = attack.Fixture(cls.server)

    # ---- helpers ----

    def proc_status(self, field):
        with open("/proc/%d/status" % self.server.proc.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise AssertionError("no %s in /proc/PID/status" % field)

    def fd_count(self):
        return len(os.listdir("/proc/%d/fd" % self.server.proc.pid))

    def timed_get(self, path="/login", timeout=5):
        """(status, seconds) of one GET on a fresh connection."""
        t = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=timeout)
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            return r.status, time.monotonic() - t
        finally:
            conn.close()

    def assertServing(self, limit=1.0):
        self.assertTrue(self.server.alive(), "the server died")
        status, took = self.timed_get()
        self.assertEqual(status, 200)
        self.assertLess(took, limit, "a normal request took %.2fs" % took)

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.server.port), timeout=10)

    # ---- bodies ----

    def test_content_length_above_cap_is_refused_before_the_body(self):
        """A request announcing more than the cap gets 413 before sending its
        body when it waits for 100 Continue (and is not invited to send it)
        or announces an absurd length (which is not worth reading)."""
        paths = ["/login", "/pw/%s/rounds" % GERIATRIE, "/r/%s/all" % self.fx.own_open,
                 "/admin/accounts", "/nope", "/pw/%s/rounds/%d/import" % (GERIATRIE, self.fx.own_round),
                 "/api/v1/workplaces/%s/actions" % GERIATRIE]
        cases = ((BODY_CAP + 1, "Expect: 100-continue\r\n"),
                 (10 * 1024 ** 3, "Expect: 100-continue\r\n"),
                 (10 * 1024 ** 3, ""))
        for path in paths:
            for length, expect in cases:
                with self.subTest(path=path, length=length, expect=bool(expect)):
                    s = self.connect()
                    try:
                        t = time.monotonic()
                        s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\n%s%sContent-Length: %d\r\n\r\n"
                                   % (path, FORM, expect, length)).encode())
                        data = read_all(s, 5)
                        took = time.monotonic() - t
                    finally:
                        s.close()
                    self.assertFalse(data.startswith(b"HTTP/1.1 100"),
                                     "100 Continue invites a body above the cap")
                    r = parse_raw(data)
                    self.assertEqual(r.status, 413, r)
                    self.assertIn("te groot", r.text)
                    self.assertLess(took, 2.0, "the 413 waited for the body")
        self.assertServing()

    def test_oversize_body_sent_anyway(self):
        """A client that sends the whole oversized body still gets 413, on
        urlencoded, multipart and chunked requests."""
        big = b"a=" + b"x" * (BODY_CAP + 10)
        for ct in ("application/x-www-form-urlencoded", "multipart/form-data; boundary=zz"):
            with self.subTest(content_type=ct):
                head = ("POST /r/%s/all HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\n"
                        "Content-Length: %d\r\nConnection: close\r\n\r\n"
                        % (self.fx.own_open, ct, len(big))).encode()
                r = parse_raw(self.server.raw(head + big, timeout=30))
                self.assertEqual(r.status, 413, r)
        s = self.connect()
        try:
            s.sendall(("POST /login HTTP/1.1\r\nHost: x\r\n%sTransfer-Encoding: chunked\r\n"
                       "Connection: close\r\n\r\n" % FORM).encode())
            chunk = b"x" * 65536
            try:
                for _ in range(BODY_CAP // len(chunk) + 2):
                    s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                s.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # answered and closed early
            r = parse_raw(read_all(s, 30))
            self.assertEqual(r.status, 413, r)
        finally:
            s.close()
        self.assertServing()

    # ---- headers ----

    def test_oversized_headers(self):
        """A 100 KB header (one line, many lines, a cookie, a URL): refused
        (413/414/431/400) or the connection closed; nothing else breaks."""
        cases = {
            "one 100 KB header": b"X-Big: " + b"a" * 100000 + b"\r\n",
            "200 headers of 500 bytes": b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 500) for i in range(200)),
            "100 KB cookie": b"Cookie: wp_session=" + b"c" * 100000 + b"\r\n",
        }
        for name, headers in cases.items():
            with self.subTest(case=name):
                data = self.server.raw(b"GET /login HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n",
                                       timeout=10)
                if data:
                    self.assertIn(parse_raw(data).status, (400, 413, 431), data[:200])
                self.assertServing()
        with self.subTest(case="100 KB URL"):
            data = self.server.raw(b"GET /pw/" + b"u" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                                   timeout=10)
            if data:
                self.assertIn(parse_raw(data).status, (400, 404, 413, 414, 431), data[:200])
            self.assertServing()

    def test_large_but_reasonable_headers_are_served(self):
        """What common servers accept by default (a header line up to 8 KB:
        nginx, Apache, Tomcat) fits in a connection's memory of 16 KB
        (server.c): one 8 KB header, 12 KB of headers, two browser-size
        cookies of 3 KB (a browser keeps a cookie under 4 KB). The page,
        not 431."""
        cases = {
            "one 8 KB header": b"X-Big: " + b"a" * 8000 + b"\r\n",
            "24 headers of 500 bytes": b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 500) for i in range(24)),
            "two 3 KB cookies": b"Cookie: a=" + b"c" * 3000 + b"; b=" + b"d" * 3000 + b"\r\n",
        }
        for name, headers in cases.items():
            with self.subTest(case=name):
                data = self.server.raw(b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                       + headers + b"\r\n", timeout=10)
                self.assertEqual(parse_raw(data).status, 200, data[:200])

    # ---- signals ----

    def test_only_the_main_thread_takes_the_stop_signals(self):
        """SIGINT and SIGTERM are meant for the main thread's sigwait (which
        finishes the requests in flight). A thread that does not block them
        (the committer, started before the server blocked them) takes a
        SIGTERM that arrives while the main thread is not waiting, and the
        process dies at once: seen as a flaky 'exited with -15' in
        test_foundation's stalled-upload test."""
        pid = self.server.proc.pid
        tasks = os.listdir("/proc/%d/task" % pid)
        self.assertGreater(len(tasks), 3)
        stop_signals = (1 << (2 - 1)) | (1 << (15 - 1))  # SIGINT, SIGTERM
        for tid in tasks:
            if int(tid) == pid:
                continue  # in sigwait, which unblocks them while it waits
            with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            blocked = int(fields["SigBlk"].strip(), 16)
            with self.subTest(thread=tid, name=fields["Name"].strip()):
                self.assertEqual(blocked & stop_signals, stop_signals, "SigBlk %x" % blocked)

    # ---- many rounds ----

    def test_development_of_a_workplace_with_many_rounds(self):
        """The development page holds the results of up to 12 rounds at
        once; each is released after the response. With more than 8 rounds
        the list of things to release overflowed and the server aborted
        (found by the injection test, whose payload titles made rounds)."""
        for i in range(14):
            attack.qhelp.new_round(self.server, OOST, title="Ronde %d" % i,
                                   open_token=attack.token_for("many-%d" % i))
        c = self.client()
        c.login_ok(PETRA)
        for _ in range(2):  # computed, then from the results cache
            r = c.get("/pw/%s/development" % OOST)
            self.assertEqual(r.status, 200, r)
            # the scores table and the outcomes table each have a column per round
            for caption in ("development", "outcomes-beside"):
                t = re.search(r'<caption id="%s-caption">.*?</table>' % caption, r.text, re.S).group(0)
                self.assertEqual(len(re.findall(r'/rounds/\d+/results">', t)), 12,
                                 "the 12 most recent rounds")
        self.assertServing()

    # ---- slow and many clients ----

    def test_slowloris(self):
        """50 connections sending their headers one byte a second: normal
        requests meanwhile are answered quickly."""
        socks = [self.connect() for _ in range(50)]
        stop = threading.Event()
        header = b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 1000

        def dribble():
            i = 0
            while not stop.is_set() and i < len(header):
                for s in socks:
                    try:
                        s.send(header[i:i + 1])
                    except OSError:
                        pass
                i += 1
                stop.wait(1.0)

        t = threading.Thread(target=dribble, daemon=True)
        t.start()
        try:
            worst = 0.0
            deadline = time.monotonic() + 5.0
            n = 0
            while time.monotonic() < deadline:
                status, took = self.timed_get("/pw/%s" % GERIATRIE if n % 2 else "/login")
                self.assertIn(status, (200, 303))
                worst = max(worst, took)
                n += 1
                time.sleep(0.1)
            self.assertGreater(n, 20)
            self.assertLess(worst, 1.0, "a normal request waited %.2fs behind slow clients" % worst)
        finally:
            stop.set()
            t.join()
            for s in socks:
                s.close()
        self.assertServing()

    def test_many_connections_are_given_back(self):
        """500 connections at once (half idle, half with half a request):
        others are still served; after they close, the server's file
        descriptors are back to what they were and its memory near it."""
        for _ in range(30):  # warm up: threads, pool connections, caches
            self.timed_get()
            self.timed_get("/pw/%s/rounds" % GERIATRIE)
        time.sleep(0.2)
        fds_before, rss_before = self.fd_count(), self.proc_status("VmRSS")
        socks = []
        try:
            for i in range(500):
                s = self.connect()
                if i % 2:
                    s.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\n%sContent-Length: 100\r\n\r\na=" %
                              FORM.encode())
                socks.append(s)
            time.sleep(0.3)
            self.assertGreaterEqual(self.fd_count(), fds_before + 450,
                                    "the server holds the connections")
            for _ in range(10):
                self.assertServing()
        finally:
            for s in socks:
                s.close()
        deadline = time.monotonic() + 10
        while self.fd_count() > fds_before and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertLessEqual(self.fd_count(), fds_before, "file descriptors were not given back")
        for _ in range(10):
            self.assertServing()
        grown = self.proc_status("VmRSS") - rss_before
        self.assertLess(grown, 16 * 1024, "VmRSS grew by %d kB after the connections closed" % grown)


if __name__ == "__main__":
    unittest.main()
