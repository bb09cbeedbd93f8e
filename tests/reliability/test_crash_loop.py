"""Crash loops (docs/reliability.md, "Crash loops"): the real `corridor serve`, killed with SIGKILL
at random moments of a scripted load and started again, many times.

One node: a client writes as fast as the node answers (an agency, a worker and a contract draft in
turn, each with an Idempotency-Key), and a timer kills the node after a random delay. After every
kill `corridor audit verify` checks the store as the crash left it; the node is started again; the
request that was in flight is sent again with its key; then every write the node had acknowledged
is there exactly once, nothing unacknowledged is there beyond that retried request, and the ledger
verifies.

Two nodes: Nepal registers agencies (each queues a message for Kuwait) while the delivery worker
sends them; Kuwait (or, every other time, Nepal) is killed after a random delay and started again.
At the end every message is applied exactly once on the other side, and both audits pass.

The random delays come from one seed, printed at the start; CORRIDOR_CRASH_SEED replays a run.
CORRIDOR_CRASH_RUNS sets the number of kills of each loop (default 100 for the node, 40 for the
pair; docs/reliability.md has the figures of full runs).
"""
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import unittest
import urllib.error

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import harness as h  # noqa: E402
import test_federation as fed  # noqa: E402

SEED = int(os.environ.get("CORRIDOR_CRASH_SEED", str(random.SystemRandom().randrange(1 << 32))))
NODE_RUNS = int(os.environ.get("CORRIDOR_CRASH_RUNS", "100"))
PAIR_RUNS = int(os.environ.get("CORRIDOR_CRASH_PAIR_RUNS", os.environ.get("CORRIDOR_CRASH_RUNS",
                                                                           "40")))


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def audit(store):
    code, out, err = h.run("audit", "verify", "--store", store)
    assert code == 0, f"audit verify failed after a kill: {out}{err}"
    assert "message log verified" in out, out


class Node:
    """One `corridor serve` on a store that survives its kills."""

    def __init__(self, store):
        self.store = store
        self.proc = None
        self.url = None

    def start(self):
        self.proc = h.Process(["serve", "--store", self.store, "--listen", "127.0.0.1:0"],
                              ready=lambda lines: any("serving at" in l for l in lines))
        self.url = re.search(r"serving at (https?://\S+)", self.proc.lines[-1]).group(1)

    def kill(self):
        if self.proc is not None:
            self.proc.stop(signal.SIGKILL)
            self.proc = None


class Client:
    """The scripted load: creates records in turn, remembering what the node acknowledged."""

    KINDS = ("agency", "worker", "contract")

    def __init__(self, corridor_accounts, run, tokens):
        self.accounts = corridor_accounts
        self.run = run
        self.tokens = tokens  # sessions are stored: a token survives the node's restarts
        self.acked = []       # (kind, marker, key, id)
        self.in_flight = None  # (kind, marker, key, path, user, body)
        self.stop = threading.Event()

    def token(self, url, username):
        if username not in self.tokens:
            account = next(a for a in self.accounts
                           if a["node"] == "nepal" and a["username"] == username)
            r = h.request("POST", url + "/api/v1/session", None,
                          {"username": username, "password": account["password"]}, timeout=10)
            assert r.status == 201, r.body
            self.tokens[username] = r.json()["token"]
        return self.tokens[username]

    def request_for(self, n):
        kind = self.KINDS[n % 3]
        marker = f"{self.run}-{n}"
        if kind == "agency":
            body = {"licence_number": f"CRASH-{marker}", "name": f"Agency {marker}",
                    "country": "NPL", "licence_expiry": "2030-01-01"}
            return kind, marker, "/api/v1/agencies", "officer", body
        if kind == "worker":
            digits = f"{self.run:03d}{n:05d}"[-8:]
            body = {"family_name_latin": "CRASH", "given_names_latin": "RUN " + letters(marker),
                    "date_of_birth": "1990-01-30", "sex": "F", "nationality": "NPL",
                    "passport": {"number": "PC" + digits, "issuing_state": "NPL",
                                 "expiry": "2031-01-01"},
                    "phone": "+9779800000001", "preferred_language": "ne"}
            return kind, marker, "/api/v1/workers", "officer", body
        body = fed.terms()
        body["place_of_work"] = "crash loop " + marker
        return kind, marker, "/api/v1/contracts", "agency", body

    def send(self, url, kind, marker, path, user, body, key):
        return h.request("POST", url + path, self.token(url, user), body,
                         headers={"Idempotency-Key": key}, timeout=10)

    def load(self, url):
        """Writes until the node dies (or stop is set)."""
        n = 0
        while not self.stop.is_set():
            kind, marker, path, user, body = self.request_for(n)
            key = "k-" + marker
            self.in_flight = (kind, marker, key, path, user, body)
            try:
                r = self.send(url, kind, marker, path, user, body, key)
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the node is gone; in_flight holds what it may or may not have done
            if r.status != 201:
                raise AssertionError(f"{path} answered {r.status}: {r.body}")
            self.acked.append((kind, marker, key, r.json()["id"]))
            self.in_flight = None
            n += 1


def letters(marker):
    """A marker in letters ("3-17" -> "D BH"): Latin names hold no digits."""
    def one(n):
        out = ""
        while True:
            out = chr(ord("A") + n % 26) + out
            n //= 26
            if n == 0:
                return out
    return " ".join(one(int(part)) for part in marker.split("-"))


def count_marker(db, kind, marker):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        if kind == "agency":
            q, arg = "SELECT COUNT(*) FROM agencies WHERE licence_key = ?", "NPL:CRASH-" + marker
        elif kind == "worker":
            q, arg = ("SELECT COUNT(*) FROM workers WHERE doc LIKE ?",
                      "%RUN " + letters(marker) + "\"%")
        else:
            q, arg = "SELECT COUNT(*) FROM contracts WHERE doc LIKE ?", "%crash loop " + marker + "\"%"
        return conn.execute(q, (arg,)).fetchone()[0]
    finally:
        conn.close()


def count_all(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return (conn.execute("SELECT COUNT(*) FROM agencies WHERE licence_key LIKE 'NPL:CRASH-%'")
                .fetchone()[0] +
                conn.execute("SELECT COUNT(*) FROM workers WHERE doc LIKE '%\"CRASH\"%'").fetchone()[0] +
                conn.execute("SELECT COUNT(*) FROM contracts WHERE doc LIKE '%crash loop %'")
                .fetchone()[0])
    finally:
        conn.close()


class NodeCrashLoopTest(unittest.TestCase):
    def setUp(self):
        self.dir = h.tempdir()
        code, _, err = h.run("demo", "--dir", self.dir, "--seed-only", "--origin-port", "0",
                             "--destination-port", "0", timeout=600)
        self.assertEqual(code, 0, err)
        with open(os.path.join(self.dir, "demo-accounts.json")) as f:
            self.accounts = json.load(f)
        self.db = os.path.join(self.dir, "nepal.db")
        self.node = Node("sqlite:" + self.db)

    def tearDown(self):
        self.node.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_every_acknowledged_write_survives_sigkill_exactly_once(self):
        rng = random.Random(SEED)
        log(f"\n  node crash loop: seed {SEED}, {NODE_RUNS} kills")
        acked_total = 0
        retried = 0
        replayed = 0
        expected = 0
        started = time.monotonic()
        self.node.start()
        tokens = {}
        for run in range(NODE_RUNS):
            client = Client(self.accounts, run, tokens)
            delay = rng.uniform(0.02, 1.0)
            timer = threading.Timer(delay, self.node.kill)
            timer.start()
            client.load(self.node.url)
            timer.join()
            # The store as the crash left it.
            audit(self.node.store)
            self.node.start()
            # The write in flight at the kill: sent again with its key, it happens once.
            if client.in_flight is not None:
                kind, marker, key, path, user, body = client.in_flight
                r = client.send(self.node.url, kind, marker, path, user, body, key)
                # 201: the node never committed it; 200: it had, and the key replays the answer.
                self.assertIn(r.status, (200, 201), f"run {run}: the retried {path}: {r.body}")
                if r.status == 200:
                    self.assertEqual(r.header("Idempotent-Replay"), "true", r.body)
                    replayed += 1
                self.assertEqual(count_marker(self.db, kind, marker), 1,
                                 f"run {run}: the retried {kind} {marker}")
                retried += 1
                expected += 1
            for kind, marker, key, rid in client.acked:
                self.assertEqual(count_marker(self.db, kind, marker), 1,
                                 f"run {run} (seed {SEED}): acknowledged {kind} {marker} ({rid})")
            acked_total += len(client.acked)
            expected += len(client.acked)
            # Nothing else was written: no unacknowledged write survived beside the retried one.
            self.assertEqual(count_all(self.db), expected, f"run {run} (seed {SEED})")
        self.node.kill()
        audit(self.node.store)
        log(f"  node crash loop: {NODE_RUNS} kills, {acked_total} acknowledged writes all present "
            f"once, {retried} in-flight requests retried with their key and applied once ({replayed} "
            f"of them committed before the kill and replayed), ledger "
            f"verified after every kill ({time.monotonic() - started:.0f} s)")


class PairCrashLoopTest(unittest.TestCase):
    def setUp(self):
        self.c = fed.Corridor()

    def tearDown(self):
        self.c.close()
        shutil.rmtree(self.c.dir, ignore_errors=True)

    def test_messages_survive_kills_of_either_side_exactly_once(self):
        c = self.c
        rng = random.Random(SEED ^ 0x5A5A)
        log(f"\n  pair crash loop: seed {SEED}, {PAIR_RUNS} kills")
        c.wait("the bootstrap settled", lambda: c.pending(c.nepal) == 0)
        before = c.nepal.sql("SELECT COUNT(*) FROM fed_outbox")[0][0]
        mid_delivery = 0
        registered = 0
        started = time.monotonic()
        for run in range(PAIR_RUNS):
            victim = c.kuwait if run % 2 == 0 else c.nepal
            batch = rng.randint(20, 120)
            delay = rng.uniform(0.0, 0.4)
            received_before = c.kuwait.sql("SELECT COUNT(*) FROM fed_inbox")[0][0]
            deadline = time.monotonic() + delay
            n = 0
            # Registrations in Nepal while delivery runs; the kill comes after the delay.
            while n < batch and (n < 5 or time.monotonic() < deadline):
                r = c.call("POST", c.nepal, "/api/v1/agencies", "officer", {
                    "licence_number": f"PAIR-{run}-{n}/2081", "name": f"Agency {run}-{n}",
                    "country": "NPL", "licence_expiry": "2030-01-01"}, check=False)
                self.assertEqual(r.status, 201, r.body)
                n += 1
            registered += n
            pending = c.pending(c.nepal)
            received = c.kuwait.sql("SELECT COUNT(*) FROM fed_inbox")[0][0]
            if pending > 0 and received > received_before:
                mid_delivery += 1
            c.restart(victim, signal.SIGKILL)
            if victim is c.nepal:
                c.peer(c.nepal, c.kuwait)
            audit(victim.store)
        c.wait("everything delivered", lambda: c.pending(c.nepal) == 0)
        total = c.nepal.sql("SELECT COUNT(*) FROM fed_outbox")[0][0] - before
        self.assertGreaterEqual(total, registered)
        test = fed.FederationTest("test_happy_path")
        test.c = c
        test.assert_exactly_once(before + registered)
        self.assertEqual(c.kuwait.sql(
            "SELECT COUNT(*) FROM agencies WHERE licence_key LIKE 'NPL:PAIR-%'")[0][0], registered)
        c.audit(c.nepal)
        c.audit(c.kuwait)
        duplicates = c.kuwait.sql("SELECT COUNT(*) FROM fed_refused WHERE code = 'duplicate'")[0][0]
        log(f"  pair crash loop: {PAIR_RUNS} kills ({(PAIR_RUNS + 1) // 2} of Kuwait, "
            f"{PAIR_RUNS // 2} of Nepal), {mid_delivery} with delivery under way; {registered} "
            f"messages applied exactly once, {duplicates} retransmissions answered as duplicates "
            f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    unittest.main()
