"""Federation between two real nodes: two `corridor serve` processes on 127.0.0.1 (ports chosen at
run time) exchanging signed messages (docs/formats/federation.md).

The nodes are bootstrapped with `corridor demo --seed-only` (reference data, the same
organisations and workers on both sides, an account for every role), served separately, and
joined with `corridor peer set`. The cases: the happy path; a substituted contract; the peer down
while messages queue, then back; a node killed with SIGKILL mid-delivery, receiver and sender;
a tampered envelope, a wrong key, a replayed message and a stale time, each refused and recorded;
and a node that rewrites its own history (its own audit passes) caught by the other country from
the heads it kept. An independent check verifies captured envelopes and receipts with a second
Ed25519 and JSON implementation (Python's `cryptography` package from Debian), which also signs
the envelopes the refusal cases send and forges the rewritten history.
"""
import base64
import datetime
import hashlib
import json
import os
import re
import signal
import sqlite3
import ssl
import subprocess
import sys
import time
import unittest

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (Ed25519PrivateKey,
                                                               Ed25519PublicKey)
from cryptography.hazmat.primitives import serialization

import harness as h

WAIT = 120  # seconds: the longest a condition is waited for before the test fails


# ---------------------------------------------------------------- the second implementation

def canonical(value):
    """RFC 8785 for the values federation bodies hold (strings, integers, booleans, null)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def signing_input(member, obj, kind):
    fields = {k: v for k, v in obj.items() if k != "signature"}
    return canonical({member: fields, "type": kind}).encode("utf-8")


def verify(public_key_bytes, member, obj, kind):
    key = Ed25519PublicKey.from_public_bytes(public_key_bytes)
    key.verify(b64url_decode(obj["signature"]), signing_input(member, obj, kind))


def sign_envelope(private_key, envelope):
    envelope = dict(envelope)
    envelope.pop("signature", None)
    sig = private_key.sign(signing_input("envelope", envelope, "corridor.envelope.v1"))
    envelope["signature"] = b64url_encode(sig)
    return envelope


def node_key(key_file):
    """The node's private key from its key file ("corridor-node-key v1" and the seed in hex)."""
    with open(key_file) as f:
        lines = f.read().split()
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(lines[-1]))


def public_bytes(private_key):
    return private_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)


def now_text(offset_seconds=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset_seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def merkle_root(leaves):
    """RFC 6962 §2.1 over leaf hashes."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + merkle_root(leaves[:k]) + merkle_root(leaves[k:])).digest()


def rewrite_history(db, key, node_id):
    """What a node that rewrites its past would do to its own store: edit an old event and
    recompute every leaf hash, stored node and signed tree head so that its own audit passes."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT idx, event FROM ledger_events ORDER BY idx").fetchall()
    victim = next(i for i, (_, e) in enumerate(rows)
                  if json.loads(bytes(e))["type"] == "agency.registered")
    event = json.loads(bytes(rows[victim][1]))
    event["data"]["name"] = "A Name Nobody Registered"
    data = canonical(event).encode("utf-8")
    conn.execute("UPDATE ledger_events SET event = ?, leaf_hash = ? WHERE idx = ?",
                 (data, leaf_hash(data), victim))
    leaves = [leaf_hash(bytes(e)) for _, e in rows]
    leaves[victim] = leaf_hash(data)
    for level, idx in conn.execute("SELECT level, idx FROM ledger_nodes").fetchall():
        span = 1 << level
        conn.execute("UPDATE ledger_nodes SET hash = ? WHERE level = ? AND idx = ?",
                     (merkle_root(leaves[idx * span:(idx + 1) * span]), level, idx))
    for size, time_ms in conn.execute("SELECT size, time_ms FROM ledger_heads").fetchall():
        root = merkle_root(leaves[:size])
        t = datetime.datetime.fromtimestamp(time_ms / 1000, datetime.timezone.utc)
        head = {"node": node_id, "root": root.hex(), "size": size,
                "time": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{time_ms % 1000:03d}Z",
                "type": "corridor.tree_head.v1"}
        conn.execute("UPDATE ledger_heads SET root = ?, signature = ? WHERE size = ?",
                     (root, key.sign(canonical(head).encode()), size))
    conn.commit()
    conn.close()
    return victim


# ---------------------------------------------------------------- two real nodes

class Side:
    def __init__(self, name, directory):
        self.name = name
        self.node_id = "node-" + name
        self.db = os.path.join(directory, name + ".db")
        self.store = "sqlite:" + self.db
        self.key = node_key(self.db + ".key")
        self.public_key = public_bytes(self.key)
        self.proc = None
        self.url = None

    def start(self, config=None):
        args = ["serve", "--store", self.store, "--listen", "127.0.0.1:0"]
        if config:
            args += ["--config", config]
        self.proc = h.Process(args, ready=lambda lines: any("serving at" in l for l in lines))
        self.url = re.search(r"serving at (https?://\S+)", self.proc.lines[-1]).group(1)

    def stop(self, sig=signal.SIGTERM):
        if self.proc is not None:
            self.proc.stop(sig)
            self.proc = None

    def sql(self, query, *args):
        """Reads the node's SQLite file directly (another process may be writing: WAL)."""
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(query, args).fetchall()
        finally:
            conn.close()


class Corridor:
    """Nepal (origin) and Kuwait (destination), served as two processes and peered."""

    def __init__(self, config=None):
        self.dir = h.tempdir()
        code, out, err = h.run("demo", "--dir", self.dir, "--seed-only", "--origin-port", "0",
                               "--destination-port", "0", timeout=600)
        if code != 0:
            raise RuntimeError("demo --seed-only failed: " + err)
        with open(os.path.join(self.dir, "demo-accounts.json")) as f:
            self.accounts = json.load(f)
        self.nepal = Side("nepal", self.dir)
        self.kuwait = Side("kuwait", self.dir)
        self.config = None
        if config:
            self.config = os.path.join(self.dir, "node.json")
            with open(self.config, "w") as f:
                json.dump(config, f)
        self.nepal.start(self.config)
        self.kuwait.start(self.config)
        self.peer(self.nepal, self.kuwait)
        self.peer(self.kuwait, self.nepal)
        self.tokens = {}
        self.api = h.OpenApi()

    def peer(self, at, other):
        code, out, err = h.run("peer", "set", "--store", at.store, "--node-id", other.node_id,
                               "--country", "KWT" if other.name == "kuwait" else "NPL",
                               "--url", other.url, "--public-key", other.public_key.hex())
        if code != 0:
            raise RuntimeError("peer set failed: " + err)

    def close(self):
        self.nepal.stop()
        self.kuwait.stop()

    def call(self, method, side, path, user=None, body=None, check=True):
        token = self.token(side, user) if user else None
        url = side.url + path
        r = h.request(method, url, token, body)
        if check:
            self.api.check(method, url, r)
        return r

    def token(self, side, username):
        key = (side.name, username)
        if key not in self.tokens:
            account = next(a for a in self.accounts
                           if a["node"] == side.name and a["username"] == username)
            r = h.request("POST", side.url + "/api/v1/session", None,
                          {"username": username, "password": account["password"]})
            assert r.status == 201, r.body
            self.tokens[key] = r.json()["token"]
        return self.tokens[key]

    def restart(self, side, sig):
        """Stops `side` (SIGKILL or SIGTERM), starts it again on a new port, re-points its peer."""
        side.stop(sig)
        self.tokens = {k: v for k, v in self.tokens.items() if k[0] != side.name}
        side.start(self.config)
        other = self.kuwait if side is self.nepal else self.nepal
        self.peer(other, side)

    def wait(self, what, condition, timeout=WAIT, poll=0.05):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(poll)
        raise AssertionError("timed out waiting for " + what)

    def pending(self, side):
        return side.sql("SELECT COUNT(*) FROM fed_outbox WHERE state = 'pending'")[0][0]

    def audit(self, side):
        code, out, err = h.run("audit", "verify", "--store", side.store)
        assert code == 0, out + err
        assert "message log verified" in out, out
        return out


def terms(wage="120.000", start_in_days=30):
    start = (datetime.date.today() + datetime.timedelta(days=start_in_days)).isoformat()
    return {
        "worker": "W-DEMO00000000001", "employer": "E-DEMO00000000001",
        "agency": "A-DEMO00000000001", "origin_country": "NPL", "destination_country": "KWT",
        "position": "Care worker", "isco_code": "5322",
        "basic_wage": {"amount": wage, "currency": "KWD"},
        "housing": {"kind": "in_kind"},
        "food": {"kind": "cash", "amount": {"amount": "15.000", "currency": "KWD"}},
        "transport": {"kind": "none"},
        "hours_per_day": 8, "days_per_week": 6, "weekly_rest_day": "friday",
        "overtime_percent": 125, "annual_leave_days": 30, "probation_months": 3,
        "start_date": start, "duration_months": 24, "notice_period_days": 30,
        "place_of_work": "Salmiya, Kuwait City", "accommodation": "provided_free",
        "accommodation_details": "a private room", "recruitment_fees_paid_by": "employer",
        "travel_paid_by": "employer", "repatriation_paid_by": "employer",
        "worker_fees": {"amount": "0.000", "currency": "KWD"}, "languages": ["ne", "en"],
    }


class FederationTest(unittest.TestCase):
    def setUp(self):
        self.c = Corridor()

    def tearDown(self):
        self.c.close()

    # A contract drafted by the agency, accepted by the worker and attested, all in Nepal.
    def attested_contract(self, wage="120.000"):
        c, np = self.c, self.c.nepal
        r = c.call("POST", np, "/api/v1/contracts", "agency", terms(wage))
        self.assertEqual(r.status, 201, r.body)
        cid = r.json()["id"]
        for path, user in (("offer", "agency"), ("accept", "worker"), ("attest", "officer")):
            r = c.call("POST", np, f"/api/v1/contracts/{cid}/{path}", user)
            self.assertEqual(r.status, 200, f"{path}: {r.body}")
        return cid, r.json()

    def contract_at(self, side, cid):
        r = self.c.call("GET", side, f"/api/v1/contracts/{cid}", "officer", check=False)
        return r.json() if r.status == 200 else None

    def register_agencies(self, n, start):
        for i in range(n):
            r = self.c.call("POST", self.c.nepal, "/api/v1/agencies", "officer", {
                "licence_number": f"DOFE-{start + i}/2081", "name": f"Agency {start + i}",
                "country": "NPL", "licence_expiry": "2030-01-01"}, check=False)
            self.assertEqual(r.status, 201, r.body)

    def assert_exactly_once(self, at_least):
        """Kuwait applied Nepal's messages 1..n, each once, and both sides agree (n counts the
        heads Nepal hands over on its own too)."""
        c = self.c
        sent = c.nepal.sql("SELECT seq, state FROM fed_outbox WHERE peer = 'node-kuwait' "
                           "ORDER BY seq")
        n = len(sent)
        self.assertGreaterEqual(n, at_least)
        self.assertEqual([r[0] for r in sent], list(range(1, n + 1)))
        self.assertTrue(all(r[1] == "acknowledged" for r in sent), sent)
        rows = c.kuwait.sql("SELECT seq FROM fed_inbox WHERE peer = 'node-nepal' ORDER BY seq")
        self.assertEqual([r[0] for r in rows], list(range(1, n + 1)))
        # One ledger event per message applied (accepted heads excepted), no more.
        received = c.kuwait.sql("SELECT COUNT(*) FROM ledger_events WHERE type = "
                                "'federation.received'")[0][0]
        self.assertEqual(received, c.kuwait.sql(
            "SELECT COUNT(*) FROM fed_inbox WHERE type != 'ledger.head' OR outcome != 'applied'")[0][0])

    def test_happy_path(self):
        c = self.c
        cid, attested = self.attested_contract()
        at_kw = c.wait("the contract in Kuwait", lambda: self.contract_at(c.kuwait, cid))
        self.assertEqual(at_kw["state"], "attested")
        self.assertEqual(at_kw["digest"], attested["digest"])
        # The embassy sees its national's contract in Kuwait.
        r = c.call("GET", c.kuwait, f"/api/v1/contracts/{cid}", "embassy")
        self.assertEqual(r.status, 200, r.body)
        # Authenticated on arrival with the terms the worker holds, and a permit issued.
        r = c.call("POST", c.kuwait, f"/api/v1/contracts/{cid}/authenticate", "officer",
                   {"terms": terms()})
        self.assertEqual(r.status, 200, r.body)
        r = c.call("POST", c.kuwait, f"/api/v1/contracts/{cid}/permit", "officer")
        self.assertEqual(r.status, 201, r.body)
        at_np = c.wait("the contract active in Nepal",
                       lambda: (self.contract_at(c.nepal, cid) or {}).get("state") == "active")
        self.assertTrue(at_np)
        c.wait("nothing pending", lambda: c.pending(c.nepal) == 0 and c.pending(c.kuwait) == 0)
        # The officers' views, on both sides, as documented.
        for side in (c.nepal, c.kuwait):
            r = c.call("GET", side, "/api/v1/federation/peers", "officer")
            self.assertEqual(r.status, 200)
            peer = r.json()["items"][0]
            self.assertEqual(peer["sent"]["pending"], 0)
            self.assertEqual(peer["sent"]["rejected"], 0)
            self.assertEqual(peer["received"]["rejected"], 0)
            for direction in ("sent", "received"):
                r = c.call("GET", side, f"/api/v1/federation/messages?direction={direction}",
                           "officer")
                self.assertEqual(r.status, 200)
                self.assertTrue(r.json()["items"])
            r = c.call("GET", side, "/api/v1/federation/refused", "officer")
            self.assertEqual(r.json()["items"], [])
            r = c.call("GET", side, "/api/v1/federation/messages", "worker")
            self.assertEqual(r.status, 403)
        # The independent check: Nepal's envelope and Kuwait's receipt, as Kuwait keeps them,
        # verified with another Ed25519 and JSON implementation.
        r = c.call("GET", c.kuwait, "/api/v1/federation/messages?direction=received"
                   "&peer=node-nepal", "officer")
        update = next(m for m in r.json()["items"] if m["type"] == "contract.update")
        r = c.call("GET", c.kuwait, f"/api/v1/federation/messages/received/node-nepal/"
                   f"{update['seq']}", "officer")
        message = r.json()
        envelope, receipt = message["envelope"], message["receipt"]
        verify(c.nepal.public_key, "envelope", envelope, "corridor.envelope.v1")
        verify(c.kuwait.public_key, "receipt", receipt, "corridor.receipt.v1")
        self.assertEqual(envelope["body"]["contract"]["digest"], attested["digest"])
        self.assertEqual(receipt["envelope_digest"],
                         hashlib.sha256(canonical(envelope).encode()).hexdigest())
        self.assertEqual(receipt["body_digest"],
                         hashlib.sha256(canonical(envelope["body"]).encode()).hexdigest())
        self.assertNotIn("+977", json.dumps(envelope["body"]["worker"]),
                         "the worker's phone number does not cross")
        tampered = dict(envelope, seq=envelope["seq"] + 1)
        with self.assertRaises(InvalidSignature):
            verify(c.nepal.public_key, "envelope", tampered, "corridor.envelope.v1")
        # Both sides keep the same envelope and receipt.
        r = c.call("GET", c.nepal, f"/api/v1/federation/messages/sent/node-kuwait/"
                   f"{update['seq']}", "officer")
        self.assertEqual(r.json()["envelope"], envelope)
        self.assertEqual(r.json()["receipt"], receipt)
        c.audit(c.nepal)
        c.audit(c.kuwait)

    def test_substituted_contract(self):
        c = self.c
        cid, attested = self.attested_contract()
        c.wait("the contract in Kuwait", lambda: self.contract_at(c.kuwait, cid))
        presented = terms(wage="80.000")
        presented["accommodation_details"] = "a shared room"
        r = c.call("POST", c.kuwait, f"/api/v1/contracts/{cid}/authenticate", "officer",
                   {"terms": presented})
        self.assertEqual(r.status, 409, r.body)
        fields = [d["field"] for d in r.json()["differences"]]
        self.assertEqual(fields, ["basic_wage", "accommodation_details"])

        def flagged(side, user):
            r = c.call("GET", side, "/api/v1/notifications", user)
            for n in r.json()["items"]:
                if n["type"] == "contract.substitution_flagged" and n["subject"] == cid:
                    return n
            return None
        # Both authorities, the embassy and the worker see the same differences.
        for side, user in ((c.kuwait, "officer"), (c.kuwait, "embassy"), (c.kuwait, "worker"),
                           (c.nepal, "officer"), (c.nepal, "worker")):
            n = c.wait(f"the flag for {side.name}/{user}", lambda: flagged(side, user))
            data = n.get("data", n)
            self.assertEqual([d["field"] for d in data["differences"]], fields,
                             f"{side.name}/{user}")
        self.assertEqual(self.contract_at(c.nepal, cid)["state"], "attested")
        self.assertEqual(self.contract_at(c.kuwait, cid)["state"], "attested")
        c.audit(c.nepal)
        c.audit(c.kuwait)

    def test_peer_down_then_back(self):
        c = self.c
        c.wait("the bootstrap settled", lambda: c.pending(c.nepal) == 0)
        before = c.nepal.sql("SELECT COUNT(*) FROM fed_outbox")[0][0]
        c.kuwait.stop()
        self.register_agencies(25, 3000)
        c.wait("a failed attempt", lambda: c.nepal.sql(
            "SELECT failures FROM fed_peers WHERE node_id = 'node-kuwait'")[0][0] >= 1)
        self.assertEqual(c.pending(c.nepal), 25)
        r = c.call("GET", c.nepal, "/api/v1/federation/peers", "officer")
        self.assertNotEqual(r.json()["items"][0]["last_error"], "")
        self.assertEqual(r.json()["items"][0]["sent"]["pending"], 25)
        c.restart(c.kuwait, signal.SIGTERM)
        c.wait("everything delivered", lambda: c.pending(c.nepal) == 0)
        self.assert_exactly_once(before + 25)
        names = c.kuwait.sql("SELECT COUNT(*) FROM agencies WHERE licence_key LIKE 'NPL:DOFE-3%'")
        self.assertEqual(names[0][0], 25)
        c.audit(c.nepal)
        c.audit(c.kuwait)

    def kill_mid_delivery(self, victim):
        c = self.c
        c.wait("the bootstrap settled", lambda: c.pending(c.nepal) == 0)
        before = c.nepal.sql("SELECT COUNT(*) FROM fed_outbox")[0][0]
        received_before = c.kuwait.sql("SELECT COUNT(*) FROM fed_inbox")[0][0]
        c.kuwait.stop()
        # Enough messages (batches of 64) that delivery lasts a good fraction of a second, and
        # the state is polled every few milliseconds, so the kill lands mid-delivery.
        total = 600
        self.register_agencies(total, 5000)
        c.kuwait.start()
        c.peer(c.nepal, c.kuwait)
        # Kill while Kuwait has applied some of them but not all; the sender preferably while
        # Kuwait has committed a batch whose receipts Nepal has not settled yet.
        def under_way():
            k = c.kuwait.sql("SELECT COUNT(*) FROM fed_inbox")[0][0] - received_before
            if not 0 < k < total:
                return 0
            if victim is c.nepal:
                settled = c.nepal.sql("SELECT COUNT(*) FROM fed_outbox WHERE state != 'pending'"
                                      )[0][0] - before
                if settled >= k and k < total - 128:
                    return 0
            return k + received_before
        n = c.wait("delivery under way", under_way, timeout=WAIT, poll=0.002)
        c.restart(victim, signal.SIGKILL)
        if victim is c.nepal:
            c.peer(c.nepal, c.kuwait)
        c.wait("everything delivered", lambda: c.pending(c.nepal) == 0)
        self.assertGreater(n, received_before)
        duplicates = c.kuwait.sql("SELECT COUNT(*) FROM fed_refused WHERE code = 'duplicate'")[0][0]
        sys.stderr.write(f"\n  {victim.name} killed with {n - received_before} of {total} applied; "
                         f"{duplicates} retransmissions answered as duplicates\n")
        self.assert_exactly_once(before + total)
        self.assertEqual(c.kuwait.sql(
            "SELECT COUNT(*) FROM agencies WHERE licence_key LIKE 'NPL:DOFE-5%'")[0][0], total)
        c.audit(c.nepal)
        c.audit(c.kuwait)

    def test_receiver_killed_mid_delivery(self):
        self.kill_mid_delivery(self.c.kuwait)

    def test_sender_killed_mid_delivery(self):
        self.kill_mid_delivery(self.c.nepal)

    def test_tampered_wrong_key_replayed_and_stale_are_refused_and_recorded(self):
        c = self.c
        self.register_agencies(1, 7000)
        c.wait("delivered", lambda: c.pending(c.nepal) == 0)
        r = c.call("GET", c.kuwait, "/api/v1/federation/messages?direction=received"
                   "&peer=node-nepal&limit=1", "officer")
        seq = r.json()["items"][0]["seq"]
        r = c.call("GET", c.kuwait, f"/api/v1/federation/messages/received/node-nepal/{seq}",
                   "officer")
        captured = r.json()["envelope"]
        events_before = c.kuwait.sql("SELECT COUNT(*) FROM ledger_events")[0][0]
        agencies_before = c.kuwait.sql("SELECT COUNT(*) FROM agencies")[0][0]

        def post(envelope):
            r = c.call("POST", c.kuwait, "/federation/v1/messages", body={"envelopes": [envelope]})
            self.assertEqual(r.status, 200, r.body)
            return r.json()

        # A replay of the captured envelope: answered with the original receipt, nothing applied.
        replay = post(captured)
        self.assertEqual(len(replay["results"]), 1)
        self.assertTrue(replay["results"][0]["duplicate"])
        verify(c.kuwait.public_key, "receipt", replay["results"][0]["receipt"],
               "corridor.receipt.v1")
        # The same envelope altered in transit.
        tampered = json.loads(json.dumps(captured))
        tampered["body"]["agency"]["name"] = "Somebody Else Pvt. Ltd."
        self.assertEqual(post(tampered)["refused"]["code"], "bad_signature")
        # A new message signed with a key that is not the one pinned for Nepal.
        stranger = Ed25519PrivateKey.generate()
        forged = sign_envelope(stranger, dict(captured, seq=captured["seq"] + 1,
                                              time=now_text()))
        self.assertEqual(post(forged)["refused"]["code"], "bad_signature")
        # Signed with Nepal's own key by this test, but ten minutes old: the receiver verified a
        # signature made by the second implementation, then refused the time.
        stale = sign_envelope(c.nepal.key, dict(captured, seq=captured["seq"] + 1,
                                                time=now_text(-600)))
        self.assertEqual(post(stale)["refused"]["code"], "stale")
        future = sign_envelope(c.nepal.key, dict(captured, seq=captured["seq"] + 1,
                                                 time=now_text(600)))
        self.assertEqual(post(future)["refused"]["code"], "future")
        # Each refusal is recorded for the officers; none had an effect.
        r = c.call("GET", c.kuwait, "/api/v1/federation/refused", "officer")
        codes = sorted(x["code"] for x in r.json()["items"])
        self.assertEqual(codes, ["bad_signature", "bad_signature", "duplicate", "future", "stale"])
        self.assertEqual(c.kuwait.sql("SELECT COUNT(*) FROM ledger_events")[0][0], events_before)
        self.assertEqual(c.kuwait.sql("SELECT COUNT(*) FROM agencies")[0][0], agencies_before)
        # Nepal's next real message still goes through (no sequence number was used up).
        self.register_agencies(1, 7100)
        c.wait("delivered", lambda: c.pending(c.nepal) == 0)
        c.audit(c.nepal)
        c.audit(c.kuwait)


class TlsTest(unittest.TestCase):
    """The peers speak HTTPS, each trusting the certificate in its federation CA file only."""

    def setUp(self):
        d = h.tempdir()
        self.cert, key = os.path.join(d, "node.pem"), os.path.join(d, "node.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
                        self.cert, "-days", "2", "-subj", "/CN=corridor test node", "-addext",
                        "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        h.SSL_CONTEXT = ssl.create_default_context(cafile=self.cert)
        self.c = Corridor(config={"tls_certificate_file": self.cert,
                                  "tls_private_key_file": key, "federation_ca_file": self.cert})

    def tearDown(self):
        self.c.close()
        h.SSL_CONTEXT = None

    def test_a_contract_crosses_over_tls_and_an_unverified_peer_gets_nothing(self):
        c = self.c
        self.assertTrue(c.kuwait.url.startswith("https://127.0.0.1:"), c.kuwait.url)
        cid, attested = FederationTest.attested_contract(self)
        at_kw = c.wait("the contract in Kuwait", lambda: FederationTest.contract_at(self, c.kuwait,
                                                                                      cid))
        self.assertEqual(at_kw["digest"], attested["digest"])
        # The same peer under a name its certificate does not carry: nothing is delivered, the
        # reason is kept for the officers, and the message waits.
        port = c.kuwait.url.rsplit(":", 1)[1]
        code, out, err = h.run("peer", "set", "--store", c.nepal.store, "--node-id",
                               c.kuwait.node_id, "--country", "KWT", "--url",
                               "https://localhost:" + port, "--public-key",
                               c.kuwait.public_key.hex())
        self.assertEqual(code, 0, err)
        r = c.call("POST", c.nepal, "/api/v1/agencies", "officer", {
            "licence_number": "DOFE-7300/2081", "name": "Agency Over TLS", "country": "NPL",
            "licence_expiry": "2030-01-01"}, check=False)
        self.assertEqual(r.status, 201, r.body)
        error = c.wait("a refused handshake", lambda: c.nepal.sql(
            "SELECT last_error FROM fed_peers WHERE node_id = 'node-kuwait' AND failures > 0"))
        self.assertIn("not trusted", error[0][0])
        self.assertGreater(c.pending(c.nepal), 0)
        # Pointed back at the name its certificate carries, the message goes through.
        c.peer(c.nepal, c.kuwait)
        c.wait("delivered", lambda: c.pending(c.nepal) == 0)
        c.audit(c.nepal)
        c.audit(c.kuwait)


class RewrittenHistoryTest(unittest.TestCase):
    def setUp(self):
        self.c = Corridor(config={"peer_head_interval_ms": 300})

    def tearDown(self):
        self.c.close()

    def test_a_node_that_rewrites_its_history_is_detected_by_the_other_country(self):
        c = self.c
        c.wait("a head of Nepal's kept in Kuwait", lambda: c.kuwait.sql(
            "SELECT COUNT(*) FROM fed_peer_heads WHERE peer = 'node-nepal'")[0][0] > 0)
        c.wait("nothing pending", lambda: c.pending(c.nepal) == 0)
        c.nepal.stop()
        victim = rewrite_history(c.nepal.db, c.nepal.key, c.nepal.node_id)
        # The rewritten store is consistent with itself: its own audit cannot tell.
        out = c.audit(c.nepal)
        self.assertIn("ledger verified", out)
        c.nepal.start(c.config)
        c.peer(c.kuwait, c.nepal)
        # Nepal goes on working; its next head cannot be proved from the one Kuwait kept.
        r = c.call("POST", c.nepal, "/api/v1/agencies", "officer", {
            "licence_number": "DOFE-9000/2081", "name": "After The Rewrite", "country": "NPL"},
            check=False)
        self.assertEqual(r.status, 201, r.body)
        rejected = c.wait("the rewritten head refused", lambda: c.kuwait.sql(
            "SELECT reason FROM fed_inbox WHERE peer = 'node-nepal' AND type = 'ledger.head' "
            "AND outcome = 'rejected'"))
        self.assertTrue(rejected[0][0].startswith("node-nepal rewrote its history"), rejected)
        # Kuwait's officers are told, and the refused head stays in its log as evidence, signed
        # by Nepal's own key.
        r = c.call("GET", c.kuwait, "/api/v1/notifications", "officer")
        self.assertIn("federation.message_rejected", [n["type"] for n in r.json()["items"]])
        r = c.call("GET", c.kuwait, "/api/v1/federation/messages?direction=received"
                   "&state=rejected", "officer")
        seq = r.json()["items"][0]["seq"]
        r = c.call("GET", c.kuwait, f"/api/v1/federation/messages/received/node-nepal/{seq}",
                   "officer")
        verify(c.nepal.public_key, "envelope", r.json()["envelope"], "corridor.envelope.v1")
        self.assertGreater(victim, 0)
        c.audit(c.kuwait)


if __name__ == "__main__":
    unittest.main()
