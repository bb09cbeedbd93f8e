"""A real full disk (docs/reliability.md, "Storage faults"): `corridor serve` with its SQLite store
on a small tmpfs, mounted in a user and mount namespace this test creates (`unshare -Urm`), so the
file system itself answers ENOSPC; nothing outside the namespace is mounted or filled.

The node takes registrations until the disk is full. Then: the request that did not fit is refused
with 503 and a problem document saying the disk is full (not 500, not a 4xx blaming the client),
nothing of it was stored, every acknowledged registration is there, reads go on working, and
`corridor audit verify` passes on the store as it is. A ballast file on the tmpfs is then removed
(space freed): the same registration succeeds and the audit passes again. The checks run inside
the namespace (`nsenter`), where the tmpfs is mounted.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import harness as h  # noqa: E402

BALLAST = 256 * 1024


def agency(n):
    return {"licence_number": f"DISK-{n}/2081", "name": f"Agency {n}", "country": "NPL",
            "licence_expiry": "2030-01-01"}


class FullDiskTest(unittest.TestCase):
    def setUp(self):
        self.dir = h.tempdir()
        code, _, err = h.run("demo", "--dir", self.dir, "--seed-only", "--origin-port", "0",
                             "--destination-port", "0", timeout=600)
        self.assertEqual(code, 0, err)
        with open(os.path.join(self.dir, "demo-accounts.json")) as f:
            self.accounts = json.load(f)
        self.proc = None

    def tearDown(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.communicate()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start_on_tmpfs(self):
        """Starts the node in a new user and mount namespace with its store on a tmpfs just
        larger than the store; returns the tmpfs's path (inside the namespace)."""
        mnt = os.path.join(self.dir, "disk")
        os.mkdir(mnt)
        used = sum(os.path.getsize(os.path.join(self.dir, f)) for f in os.listdir(self.dir)
                   if f.startswith("nepal.db"))
        size = used + BALLAST + 512 * 1024
        script = (
            "set -e\n"
            f"mount -t tmpfs -o size={size} tmpfs '{mnt}'\n"
            f"cp -p '{self.dir}'/nepal.db* '{mnt}'/\n"
            f"head -c {BALLAST} /dev/zero > '{mnt}/ballast'\n"
            f"exec '{h.BIN}' serve --store 'sqlite:{mnt}/nepal.db' --listen 127.0.0.1:0\n")
        self.proc = subprocess.Popen(["unshare", "--user", "--map-root-user", "--mount", "sh",
                                      "-c", script],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                self.fail("could not serve on a tmpfs in a new user and mount namespace (this "
                          "test needs unprivileged user namespaces, or root): " +
                          self.proc.stderr.read())
            m = re.search(r"serving at (https?://\S+)", line)
            if m:
                self.url = m.group(1)
                return mnt
        self.fail("the node did not start")

    def token(self, username):
        account = next(a for a in self.accounts
                       if a["node"] == "nepal" and a["username"] == username)
        r = h.request("POST", self.url + "/api/v1/session", None,
                      {"username": username, "password": account["password"]})
        self.assertEqual(r.status, 201, r.body)
        return r.json()["token"]

    def inside(self, *command):
        """Runs a command in the node's namespaces, where the tmpfs is mounted."""
        p = subprocess.run(["nsenter", "--target", str(self.proc.pid), "--user", "--mount", "--",
                            *command], capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def count(self, disk, licence_prefix):
        query = ("import sqlite3, sys\n"
                 "c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True, timeout=30)\n"
                 "print(c.execute('SELECT COUNT(*) FROM agencies WHERE licence_key LIKE ?',"
                 " ('NPL:' + sys.argv[2] + '%',)).fetchone()[0])\n")
        code, out, err = self.inside("/usr/bin/python3", "-c", query, f"{disk}/nepal.db",
                                     licence_prefix)
        self.assertEqual(code, 0, err)
        return int(out)

    def audit(self, disk):
        code, out, err = self.inside(os.path.abspath(h.BIN), "audit", "verify", "--store",
                                     f"sqlite:{disk}/nepal.db")
        self.assertEqual(code, 0, out + err)
        self.assertIn("message log verified", out)

    def test_a_full_disk_refuses_writes_precisely_and_changes_nothing(self):
        disk = self.start_on_tmpfs()
        officer = self.token("officer")
        acknowledged = 0
        refused = None
        for n in range(20000):
            r = h.request("POST", self.url + "/api/v1/agencies", officer, agency(n))
            if r.status == 201:
                acknowledged += 1
                continue
            refused = (n, r)
            break
        self.assertIsNotNone(refused, "the disk never filled")
        n, r = refused
        self.assertEqual(r.status, 503, r.body)
        self.assertEqual(r.header("Content-Type"), "application/problem+json")
        self.assertIn("disk is full", r.json()["detail"])
        self.assertGreater(acknowledged, 0)
        # Nothing of the refused registration; every acknowledged one is there, once.
        self.assertEqual(self.count(disk, f"DISK-{n}/"), 0)
        self.assertEqual(self.count(disk, "DISK-"), acknowledged)
        # Reads go on working while the disk is full, and the ledger verifies.
        listed = h.request("GET", self.url + "/api/v1/agencies?limit=5", officer)
        self.assertEqual(listed.status, 200, listed.body)
        self.assertEqual(h.request("GET", self.url + "/healthz").status, 200)
        self.audit(disk)
        # Space freed: the same registration succeeds now, once.
        self.assertEqual(self.inside("rm", f"{disk}/ballast")[0], 0)
        again = h.request("POST", self.url + "/api/v1/agencies", officer, agency(n))
        self.assertEqual(again.status, 201, again.body)
        self.assertEqual(self.count(disk, f"DISK-{n}/"), 1)
        self.assertEqual(self.count(disk, "DISK-"), acknowledged + 1)
        self.audit(disk)
        sys.stderr.write(f"\n  full disk: {acknowledged} registrations fitted on the tmpfs, the "
                         f"next answered 503 and left nothing; after freeing {BALLAST // 1024} "
                         f"KiB it was registered once; the audit passed both times\n")


if __name__ == "__main__":
    unittest.main()
