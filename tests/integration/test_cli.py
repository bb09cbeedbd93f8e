"""The corridor command line, as an operator uses it: init, import, audit verify, serve, --help.
Each bad input gets one clear line on stderr, a non-zero exit, and leaves nothing half-written.
"""
import base64
import datetime
import hashlib
import json
import os
import re
import sqlite3
import stat
import unittest

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

import harness as h


class InitTest(unittest.TestCase):
    def setUp(self):
        self.dir = h.tempdir()
        self.db = os.path.join(self.dir, "n.db")

    def test_init_creates_the_store_and_a_private_key(self):
        code, out, err = h.run("init", "--store", "sqlite:" + self.db, "--country", "NPL")
        self.assertEqual(code, 0, err)
        self.assertIn("initialised node node-NPL", out)
        mode = stat.S_IMODE(os.stat(self.db + ".key").st_mode)
        self.assertEqual(mode, 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        with open(self.db + ".key") as f:
            key = f.read()
        self.assertNotIn(key.splitlines()[1], out + err)  # the secret is never printed

    def test_bad_input_is_one_line_and_leaves_nothing(self):
        code, _, err = h.run("init", "--store", "sqlite:" + self.db, "--country", "Nepal")
        self.assertNotEqual(code, 0)
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn("country", err)
        self.assertFalse(os.path.exists(self.db))
        self.assertFalse(os.path.exists(self.db + ".key"))
        code, _, err = h.run("init", "--store", "mysql://x", "--country", "NPL", "--key",
                             os.path.join(self.dir, "k"))
        self.assertNotEqual(code, 0)
        self.assertIn("store URI", err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "k")))

    def test_init_twice_is_refused_and_the_key_kept(self):
        self.assertEqual(h.run("init", "--store", "sqlite:" + self.db, "--country", "NPL")[0], 0)
        with open(self.db + ".key") as f:
            key = f.read()
        code, _, err = h.run("init", "--store", "sqlite:" + self.db, "--country", "NPL")
        self.assertNotEqual(code, 0)
        self.assertIn("exists already", err)
        with open(self.db + ".key") as f:
            self.assertEqual(f.read(), key)

    def test_postgres_store_needs_a_key_path(self):
        uri = h.pg_uri()
        if uri is None:
            self.skipTest("SQLite run; the PostgreSQL run covers this")
        code, _, err = h.run("init", "--store", uri, "--country", "KWT")
        self.assertNotEqual(code, 0)
        self.assertIn("--key", err)
        key = os.path.join(self.dir, "pg.key")
        code, out, err = h.run("init", "--store", uri, "--country", "KWT", "--key", key)
        self.assertEqual(code, 0, err)
        self.assertNotIn("password", out)


class ImportAndAuditTest(unittest.TestCase):
    def setUp(self):
        self.dir = h.tempdir()
        uri = h.pg_uri()
        if uri:
            self.store = uri
            self.key = ["--key", os.path.join(self.dir, "node.key")]
        else:
            self.store = "sqlite:" + os.path.join(self.dir, "n.db")
            self.key = []
        code, _, err = h.run("init", "--store", self.store, "--country", "NPL", *self.key)
        self.assertEqual(code, 0, err)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    HEADER = ("family_name_latin,given_names_latin,name_native,date_of_birth,sex,nationality,"
              "passport_number,passport_issuing_state,passport_expiry,phone,preferred_language\n")

    def test_import_reports_every_bad_row_and_writes_nothing(self):
        path = self.write("w.csv", self.HEADER +
                          "THAPA,SITA,,1996-04-12,F,NPL,PA1234567,NPL,2031-03-01,+9779812345678,ne\n"
                          "RAI,HARI,,1996-02-30,M,NPL,PA2222222,NPL,2031-03-01,+9779812345679,ne\n"
                          "LAMA,DAWA,,1990-01-30,M,NPL,PA3333333,NPL,2031-03-01,+9779812345670,xx\n")
        code, _, err = h.run("import", "--store", self.store, *self.key, "--kind", "workers", path)
        self.assertEqual(code, 1)
        self.assertIn("w.csv:3: date_of_birth:", err)
        self.assertIn("w.csv:4: preferred_language:", err)
        self.assertIn("nothing was imported", err)
        code, out, _ = h.run("audit", "verify", "--store", self.store)
        self.assertEqual(code, 0)
        self.assertIn("ledger verified: 0 events", out)

    def test_import_then_tamper_is_named_by_audit(self):
        path = self.write("w.csv", self.HEADER + "".join(
            f"THAPA,SITA,,1996-04-12,F,NPL,PA{1000000 + i},NPL,2031-03-01,+97798123456{i:02d},ne\n"
            for i in range(20)))
        code, out, err = h.run("import", "--store", self.store, *self.key, "--kind", "workers",
                               path)
        self.assertEqual(code, 0, err)
        self.assertIn("imported 20 workers", out)
        code, out, _ = h.run("audit", "verify", "--store", self.store)
        self.assertEqual(code, 0, out)
        self.assertIn("20 events", out)
        if not self.store.startswith("sqlite:"):
            return  # the store's own tests tamper with PostgreSQL; here the CLI path matters
        db = sqlite3.connect(self.store[len("sqlite:"):])
        db.execute("UPDATE ledger_events SET event = CAST(REPLACE(CAST(event AS TEXT), "
                   "'PA1000007', 'PA9999999') AS BLOB) WHERE idx = 7")
        db.commit()
        db.close()
        code, _, err = h.run("audit", "verify", "--store", self.store)
        self.assertEqual(code, 1)
        self.assertIn("event 7", err)

    def test_rows_edited_behind_the_node_are_named_by_audit(self):
        path = self.write("w.csv", self.HEADER + "".join(
            f"THAPA,SITA,,1996-04-12,F,NPL,PA{2000000 + i},NPL,2031-03-01,+97798123457{i:02d},ne\n"
            for i in range(5)))
        code, _, err = h.run("import", "--store", self.store, *self.key, "--kind", "workers",
                             path)
        self.assertEqual(code, 0, err)
        code, out, err = h.run("audit", "verify", "--store", self.store)
        self.assertEqual(code, 0, err)
        self.assertIn("state verified: 5 records, 5 against the event that last wrote them", out)
        if not self.store.startswith("sqlite:"):
            return  # the store's own tests tamper with PostgreSQL; here the CLI path matters
        db = sqlite3.connect(self.store[len("sqlite:"):])
        ids = [r[0] for r in db.execute("SELECT id FROM workers ORDER BY id")]
        db.execute("UPDATE workers SET doc = REPLACE(doc, 'SITA', 'GITA') WHERE id = ?", (ids[1],))
        db.execute("UPDATE workers SET passport_key = 'NPL:PX1' WHERE id = ?", (ids[3],))
        db.commit()
        db.close()
        code, out, err = h.run("audit", "verify", "--store", self.store)
        self.assertEqual(code, 1)
        self.assertIn("ledger verified", out)  # the ledger alone does not see it
        self.assertIn("state verification FAILED: 2 of", err)
        self.assertIn(f"workers {ids[1]}: the stored document is not the one event", err)
        self.assertIn(f"workers {ids[3]}: the column passport_key disagrees with its document", err)
        for value in ("GITA", "SITA", "PX1", "THAPA"):
            self.assertNotIn(value, out + err)  # records by id, never by their data

    def test_unknown_kind_and_missing_file(self):
        code, _, err = h.run("import", "--store", self.store, *self.key, "--kind", "cats", "x.csv")
        self.assertNotEqual(code, 0)
        self.assertIn("--kind", err)
        code, _, err = h.run("import", "--store", self.store, *self.key, "--kind", "workers",
                             os.path.join(self.dir, "missing.csv"))
        self.assertNotEqual(code, 0)
        self.assertIn("cannot read", err)


def check_digit(text):
    weights, total = (7, 3, 1), 0
    for i, c in enumerate(text):
        value = 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55
        total += value * weights[i % 3]
    return str(total % 10)


def td3(family, given, number, birth, sex, expiry):
    """A passport's zone (ICAO 9303 TD3) with its check digits computed."""
    line1 = ("P<NPL" + family + "<<" + given.replace(" ", "<")).ljust(44, "<")
    line2 = (number + check_digit(number) + "NPL" + birth + check_digit(birth) + sex + expiry +
             check_digit(expiry) + "<" * 14 + "0")
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    return line1 + "\n" + line2 + "\n"


class BorderCrossTest(unittest.TestCase):
    """`corridor border cross`: a border officer records a crossing at a console."""

    @classmethod
    def setUpClass(cls):
        cls.dir = h.tempdir()
        code, cls.first_output, err = h.run("demo", "--dir", cls.dir, "--seed-only",
                                            "--origin-port", "0", "--destination-port", "0",
                                            timeout=600)
        assert code == 0, err
        cls.store = "sqlite:" + os.path.join(cls.dir, "kuwait.db")
        cls.sita = td3("THAPA", "SITA KUMARI", "PA0100001", "960412", "F", "320101")

    def test_the_demo_prints_passwords_only_when_it_makes_them(self):
        accounts_file = os.path.join(self.dir, "demo-accounts.json")
        with open(accounts_file) as f:
            passwords = [a["password"] for a in json.load(f)]
        self.assertTrue(passwords)
        for p in passwords:
            self.assertIn(p, self.first_output)
        # Started again on the same data: the accounts exist, their passwords are not shown, the
        # file that holds them is named.
        code, out, err = h.run("demo", "--dir", self.dir, "--seed-only", "--origin-port", "0",
                               "--destination-port", "0", timeout=600)
        self.assertEqual(code, 0, err)
        for p in passwords:
            self.assertNotIn(p, out)
        self.assertIn(accounts_file, out)
        self.assertIn("officer", out)

    def crossings(self):
        conn = sqlite3.connect(os.path.join(self.dir, "kuwait.db"))
        try:
            return conn.execute("SELECT COUNT(*) FROM crossings").fetchone()[0]
        finally:
            conn.close()

    def test_an_exit_is_recorded_and_screened(self):
        before = self.crossings()
        code, out, err = h.run("border", "cross", "--store", self.store, "--officer", "border",
                               "--direction", "exit", "--port", "Kuwait International Airport",
                               stdin=self.sita)
        self.assertEqual(code, 0, err)
        result = json.loads(out)
        self.assertEqual(result["crossing"]["direction"], "exit")
        codes = [f["code"] for f in result["crossing"]["findings"]]
        self.assertIn("registered_worker", codes)
        self.assertIn("exit_notice", codes)  # her notice of a visit home is shown
        self.assertEqual(self.crossings(), before + 1)

    def counters(self):
        conn = sqlite3.connect(os.path.join(self.dir, "kuwait.db"))
        try:
            return conn.execute(
                "SELECT indicator, month, extra, origin, destination, isco_major, sex, age_band, "
                "size_band, n FROM stats_counters WHERE n <> 0 "
                "ORDER BY indicator, month, extra, origin, destination, isco_major, sex, "
                "age_band, size_band").fetchall()
        finally:
            conn.close()

    def test_stats_rebuild_folds_the_whole_ledger_again(self):
        code, out, err = h.run("stats", "rebuild", "--store", self.store)
        self.assertEqual(code, 0, err)
        m = re.fullmatch(r"folded (\d+) ledger events into (\d+) counters\n", out)
        self.assertIsNotNone(m, out)
        first = self.counters()
        self.assertEqual(int(m.group(2)), len(first))
        self.assertGreater(int(m.group(1)), 0)
        indicators = {row[0] for row in first}
        # A destination node: its own authentications, permits and crossings.
        for expected in ("contracts_by_state", "contracts_authenticated", "permits_issued",
                         "crossings"):
            self.assertIn(expected, indicators)
        # Nothing personal in a counter: dimensions only, never a name, a number or an id.
        for row in first:
            for value in row[:9]:
                self.assertNotRegex(value, r"THAPA|PA0|^[A-Z]+-[A-Z0-9]{6,}", row)
        code, out, err = h.run("stats", "rebuild", "--store", self.store)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.counters(), first)

    def test_stats_release_publishes_a_month_once(self):
        # docs/statistics.md, "Releases": the last month that has ended, made on the host.
        first_day = datetime.datetime.now(datetime.timezone.utc).date().replace(day=1)
        last = (first_day - datetime.timedelta(days=1)).strftime("%Y-%m")
        code, out, err = h.run("stats", "release", "--store", self.store, "--id", last)
        self.assertEqual(code, 0, err)
        m = re.fullmatch(r"released (\S+): (\d+) tables, (\d+) figures, indicators.csv sha256 "
                         r"([0-9a-f]{64})\n", out)
        self.assertIsNotNone(m, out)
        self.assertEqual(m.group(1), last)
        conn = sqlite3.connect(os.path.join(self.dir, "kuwait.db"))
        try:
            csv_body = conn.execute(
                "SELECT body FROM stats_release_files WHERE release_id = ? AND "
                "name = 'indicators.csv'", (last,)).fetchone()[0]
            events = [json.loads(r[0]) for r in conn.execute(
                "SELECT event FROM ledger_events WHERE type = 'statistics.released'")]
            seeds = conn.execute("SELECT COUNT(*) FROM stats_release_seeds").fetchone()[0]
        finally:
            conn.close()
        # The ledger records the file's SHA-256; the file holds figures and dimensions only.
        self.assertEqual([e["data"]["sha256"] for e in events], [m.group(4)])
        self.assertEqual(hashlib.sha256(csv_body.encode()).hexdigest(), m.group(4))
        self.assertEqual(len(csv_body.splitlines()) - 1, int(m.group(3)))
        self.assertNotRegex(csv_body, r"THAPA|GURUNG|PA0|[A-Z]+-[A-Z0-9]{6,}")
        self.assertEqual(seeds, 1)
        self.check_open_data(last, m.group(4))
        # Never again, and never a month that has not ended: one line each, nothing recorded.
        for month, expected in ((last, "never changes"),
                                (first_day.strftime("%Y-%m"), "has not ended"),
                                ("last-month", "YYYY-MM")):
            code, out, err = h.run("stats", "release", "--store", self.store, "--id", month)
            self.assertNotEqual(code, 0, month)
            self.assertIn(expected, err, month)
            self.assertEqual(len(err.strip().splitlines()), 1, err)

    def check_open_data(self, release, sha256):
        """docs/statistics.md, "Open data": checked as a reader would, by a second implementation:
        the manifest's Ed25519 signature over its canonical JSON with the node's public key, each
        file's size and SHA-256, and nothing personal in any file."""
        conn = sqlite3.connect(os.path.join(self.dir, "kuwait.db"))
        try:
            files = dict(conn.execute(
                "SELECT name, body FROM stats_release_files WHERE release_id = ?",
                (release,)).fetchall())
            public_key = bytes.fromhex(conn.execute(
                "SELECT value FROM meta WHERE key = 'public_key'").fetchone()[0])
        finally:
            conn.close()
        manifest = json.loads(files["release.json"])
        signature = base64.urlsafe_b64decode(manifest["signature"] + "==")
        signed = {k: v for k, v in manifest.items() if k != "signature"}
        data = json.dumps(signed, sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
        self.assertEqual(manifest["type"], "corridor.open_data.v1")
        self.assertEqual(manifest["release"], release)
        self.assertEqual(manifest["sha256"], sha256)
        listed = {f["name"]: f for f in manifest["files"]}
        self.assertEqual(set(listed) | {"release.json"}, set(files))
        self.assertIn("dictionary.csv", listed)
        self.assertIn("permits_issued.sdmx.csv", listed)
        for name, body in files.items():
            raw = body.encode("utf-8")
            if name != "release.json":
                self.assertEqual(listed[name]["bytes"], len(raw), name)
                self.assertEqual(listed[name]["sha256"], hashlib.sha256(raw).hexdigest(), name)
            if name.endswith(".sdmx.csv"):
                self.assertTrue(body.startswith("DATAFLOW,FREQ,"), name)
            self.assertNotRegex(body, r"THAPA|GURUNG|PA0|[A-Z]+-[A-Z0-9]{6,}", name)
        # An edited manifest no longer verifies.
        signed["sha256"] = "0" * 64
        with self.assertRaises(InvalidSignature):
            Ed25519PublicKey.from_public_bytes(public_key).verify(
                signature, json.dumps(signed, sort_keys=True, separators=(",", ":")).encode())

    def test_bad_input_is_one_line_and_records_nothing(self):
        before = self.crossings()
        cases = [
            (["--officer", "worker", "--direction", "exit"], "only a border officer"),
            (["--officer", "nobody", "--direction", "exit"], "no active account nobody"),
            (["--officer", "border", "--direction", "sideways"], "--direction must be"),
        ]
        for args, expected in cases:
            code, _, err = h.run("border", "cross", "--store", self.store, "--port", "X", *args,
                                 stdin=self.sita)
            self.assertNotEqual(code, 0, args)
            self.assertIn(expected, err, args)
            self.assertEqual(len(err.strip().splitlines()), 1, err)
        bad = self.sita.replace("PA01000013", "PA01000019")  # a failing check digit
        code, _, err = h.run("border", "cross", "--store", self.store, "--officer", "border",
                             "--direction", "entry", "--port", "X", stdin=bad)
        self.assertNotEqual(code, 0)
        self.assertIn("nothing was recorded", err)
        self.assertEqual(self.crossings(), before)

    def node_crossings(self, node):
        conn = sqlite3.connect(os.path.join(self.dir, node + ".db"))
        try:
            return [json.loads(r[0]) for r in conn.execute("SELECT doc FROM crossings")]
        finally:
            conn.close()

    @staticmethod
    def clearance_codes(crossing):
        return [f["code"] for f in crossing["findings"]
                if f["code"].startswith("departure_clearance")]

    def test_departures_from_kathmandu_show_each_clearance_standing(self):
        # The demo's own (the console's tests record more, as another officer).
        exits = [c for c in self.node_crossings("nepal")
                 if c["direction"] == "exit" and c["officer"] == "demo-border"]
        self.assertTrue(all("KTM" in c["port"] for c in exits))
        codes = sorted(code for c in exits for code in self.clearance_codes(c))
        self.assertEqual(codes, ["departure_clearance_expired", "departure_clearance_missing",
                                 "departure_clearance_revoked", "departure_clearance_valid",
                                 "departure_clearance_valid", "departure_clearance_valid"])
        # Kuwait's border is no origin: its crossings carry no clearance finding.
        for c in self.node_crossings("kuwait"):
            self.assertEqual(self.clearance_codes(c), [])

    def test_a_departure_recorded_at_the_console_is_checked_too(self):
        # Sarita left without a clearance; her contract is still attested in Nepal.
        sarita = td3("BASNET", "SARITA", "PA0100011", "981010", "F", "320101")
        code, out, err = h.run("border", "cross", "--store",
                               "sqlite:" + os.path.join(self.dir, "nepal.db"), "--officer",
                               "border", "--direction", "exit", "--port",
                               "Tribhuvan International Airport (KTM)", stdin=sarita)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.clearance_codes(json.loads(out)["crossing"]),
                         ["departure_clearance_missing"])


class HelpTest(unittest.TestCase):
    def test_help_everywhere(self):
        for args in (["--help"], ["init", "--help"], ["serve", "--help"], ["demo", "--help"],
                     ["import", "--help"], ["audit", "--help"], ["audit", "verify", "--help"],
                     ["stats", "rebuild", "--help"], ["stats", "release", "--help"]):
            code, out, _ = h.run(*args)
            self.assertEqual(code, 0, args)
            self.assertIn("Usage", out + "Usage" if "Usage" in out else out, args)

    def test_unknown_command(self):
        code, _, err = h.run("fly")
        self.assertNotEqual(code, 0)
        self.assertTrue(err.strip())


if __name__ == "__main__":
    unittest.main()
