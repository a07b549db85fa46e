"""bench/submissions.py - questionnaire submissions per second through HTTP.

Usage: /usr/bin/python3 bench/submissions.py PORT[,PORT...] SECONDS CLIENTS TOKEN

CLIENTS threads each fill in and send the whole questionnaire behind the
open link TOKEN (start, every page, review, submit: about nine requests)
again and again for SECONDS, spread over the given ports. Prints completed
submissions per second, requests per second and the submit latency. The
load generator is Python on the same machine: on a small machine it takes
a good part of the CPU, so the figures are a floor for the server.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "http"))
import harness  # noqa: E402
from test_pg import Via, answer_round  # noqa: E402


def main():
    ports = [int(p) for p in sys.argv[1].split(",")]
    seconds, clients, token = float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    done, requests, latencies, errors = [], [0], [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(i):
        n = 0
        while time.monotonic() < stop_at:
            statuses = []
            c = harness.Client(Via(ports[(i + n) % len(ports)]))
            n += 1
            t0 = time.monotonic()
            try:
                r, _ = answer_round(c, token, value=str(1 + n % 5), statuses=statuses)
            except Exception as e:  # counted
                with lock:
                    errors.append(repr(e))
                continue
            with lock:
                requests[0] += len(statuses)
                if r.status == 303 and time.monotonic() <= stop_at:
                    done.append(1)
                    latencies.append(time.monotonic() - t0)

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = min(time.monotonic() - t0, seconds)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] if latencies else 0
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0
    print("ports=%s clients=%d seconds=%.0f: %d submissions, %.1f submissions/s, %.0f requests/s,"
          " whole questionnaire p50 %.0f ms p95 %.0f ms, %d errors"
          % (sys.argv[1], clients, seconds, len(done), len(done) / elapsed, requests[0] / elapsed,
             p50 * 1000, p95 * 1000, len(errors)))
    if errors:
        print("first error:", errors[0])


if __name__ == "__main__":
    main()
