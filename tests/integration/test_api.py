"""The demo corridor served for real: two nodes over HTTP, every response checked against
docs/openapi.yaml, graceful shutdown on SIGTERM.
"""
import json
import os
import re
import signal
import time
import unittest

import harness as h


class DemoCorridorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = h.tempdir()
        cls.node = h.Process(["demo", "--dir", cls.dir, "--origin-port", "0",
                              "--destination-port", "0"],
                             ready=lambda lines: any("Press Ctrl-C" in l for l in lines),
                             timeout=300)
        urls = [re.search(r"(http://\S+)", l).group(1) for l in cls.node.lines
                if re.search(r"\(country of (origin|work)\)\s+http://", l)]
        cls.nepal, cls.kuwait = urls
        with open(os.path.join(cls.dir, "demo-accounts.json")) as f:
            cls.accounts = json.load(f)
        cls.api = h.OpenApi()
        cls.tokens = {}

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    def call(self, method, url, token=None, body=None, headers=None):
        r = h.request(method, url, token, body, headers)
        self.api.check(method, url, r)
        return r

    def token(self, node, username):
        key = (node, username)
        if key not in self.tokens:
            account = next(a for a in self.accounts
                           if a["node"] == node and a["username"] == username)
            base = self.nepal if node == "nepal" else self.kuwait
            r = self.call("POST", base + "/api/v1/session", body={
                "username": username, "password": account["password"]})
            self.assertEqual(r.status, 201, r.body)
            self.tokens[key] = r.json()["token"]
        return self.tokens[key]

    def test_accounts_file_lists_every_role(self):
        roles = {a["role"] for a in self.accounts}
        for role in ("administrator", "origin_officer", "destination_officer", "embassy",
                     "employer", "agency", "worker", "border_officer", "investigator", "analyst",
                     "caseworker", "case_supervisor", "hotline_operator", "orientation_centre"):
            self.assertIn(role, roles)
        self.assertEqual(os.stat(os.path.join(self.dir, "demo-accounts.json")).st_mode & 0o077, 0)

    def test_each_protection_role_has_work_on_first_login(self):
        # docs/formats/cases.md: the demo seeds complaints and cases in each state.
        k = self.kuwait
        sup = self.token("kuwait", "casesupervisor")
        intake = self.call("GET", k + "/api/v1/complaints?state=received", sup).json()["items"]
        self.assertGreaterEqual(len(intake), 2)
        queue = self.call("GET", k + "/api/v1/cases?order=due", sup).json()["items"]
        self.assertTrue({"intake", "in_progress", "closed"} <= {c["state"] for c in queue})
        # The queue is the node's order: missed deadlines first, cases without one last.
        dues = [c["next_due"] for c in queue if c["next_due"] is not None]
        self.assertEqual(dues, sorted(dues))
        self.assertIsNone(queue[-1]["next_due"])
        self.assertTrue(any(c["escalations"] > 0 for c in queue))
        for who in ("caseworker", "investigator"):
            t = self.token("kuwait", who)
            mine = self.call("GET", k + "/api/v1/cases?order=due", t).json()["items"]
            self.assertTrue(any(c["state"] == "in_progress" for c in mine), who)
            for c in mine:
                self.call("GET", k + "/api/v1/cases/" + c["id"], t)
                for complaint in c["complaints"]:
                    self.call("GET", k + "/api/v1/complaints/" + complaint, t)
                    self.call("GET", k + "/api/v1/complaints/" + complaint + "/messages", t)
        investigator = self.call("GET", k + "/api/v1/cases?flagged=true",
                                 self.token("kuwait", "investigator")).json()["items"]
        self.assertEqual(len(investigator), 1)
        embassy = self.call("GET", k + "/api/v1/cases", self.token("kuwait", "embassy")).json()
        self.assertGreaterEqual(len(embassy["items"]), 3)
        own = self.call("GET", k + "/api/v1/complaints", self.token("kuwait", "worker")).json()
        self.assertEqual(len(own["items"]), 1)
        self.assertNotIn("filed_by", own["items"][0])
        # The hotline files and sees nothing afterwards; Nepal's unit has its own queue.
        self.assertEqual(self.call("GET", k + "/api/v1/complaints",
                                   self.token("kuwait", "hotline")).status, 403)
        nepal = self.call("GET", self.nepal + "/api/v1/complaints?state=received",
                          self.token("nepal", "casesupervisor")).json()["items"]
        self.assertEqual(len(nepal), 1)

    def test_every_lifecycle_state_is_there(self):
        def states(node):
            base = self.nepal if node == "nepal" else self.kuwait
            r = self.call("GET", base + "/api/v1/contracts?limit=200", self.token(node, "officer"))
            self.assertEqual(r.status, 200)
            return {c["state"] for c in r.json()["items"]}, r.json()["items"]
        # Nepal holds every state: the early ones happen there.
        nepal, _ = states("nepal")
        for state in ("draft", "offered", "accepted", "rejected", "withdrawn", "attested",
                      "authenticated", "active"):
            self.assertIn(state, nepal)
        # Kuwait learnt of the attested contracts through federation, and never of the others.
        kuwait, items = states("kuwait")
        for state in ("attested", "authenticated", "active"):
            self.assertIn(state, kuwait)
        for state in ("draft", "offered", "rejected", "withdrawn"):
            self.assertNotIn(state, kuwait)
        # An attested contract has the same digest on both sides.
        attested = next(c for c in items if c["state"] == "attested")
        r = self.call("GET", self.nepal + "/api/v1/contracts/" + attested["id"],
                      self.token("nepal", "officer"))
        self.assertEqual(r.json()["digest"], attested["digest"])

    def test_responses_match_the_openapi_document(self):
        for node, base in (("kuwait", self.kuwait), ("nepal", self.nepal)):
            for user in ("officer", "worker", "admin", "analyst"):
                t = self.token(node, user)
                for path in ("/api/v1/me", "/api/v1/contracts", "/api/v1/workers",
                             "/api/v1/permits", "/api/v1/transfers", "/api/v1/notifications",
                             "/api/v1/occupations?limit=5", "/api/v1/wage-floors",
                             "/api/v1/ledger/head", "/api/v1/employers", "/api/v1/agencies",
                             "/api/v1/job-orders", "/api/v1/accounts"):
                    self.call("GET", base + path, t)
        t = self.token("kuwait", "employer")
        contracts = self.call("GET", self.kuwait + "/api/v1/contracts", t).json()["items"]
        self.assertTrue(contracts)
        for c in contracts:
            self.call("GET", self.kuwait + "/api/v1/contracts/" + c["id"], t)
            self.call("GET", self.kuwait + "/api/v1/contracts/" + c["id"] + "/history", t)
            self.call("GET", self.kuwait + "/verify/" + c["id"] + "?format=json")
            self.call("GET", self.kuwait + "/api/v1/workers/" + c["terms"]["worker"], t)
        for path in ("/healthz", "/readyz", "/metrics", "/api/v1/openapi.json",
                     "/verify/C-NOSUCH?format=json", "/verify/C-NOSUCH"):
            self.call("GET", self.kuwait + path)
        # Refusals are documented problems too.
        self.call("GET", self.kuwait + "/api/v1/contracts")
        self.call("GET", self.kuwait + "/api/v1/contracts", "bad-token")
        self.call("POST", self.kuwait + "/api/v1/contracts", t, body={"worker": 1})
        self.call("POST", self.kuwait + "/api/v1/session", body={"username": "x"})

    def test_an_administrator_imports_the_real_lists_over_http(self):
        # The real lists the repository carries (tests/data/lists/README.md).
        data = os.path.join(h.SOURCE, "tests", "data", "lists")
        for name in ("un-consolidated-list.xml", "ofac-sdn.csv", "ofac-alt.csv"):
            self.assertTrue(os.path.isfile(os.path.join(data, name)),
                            "missing test data file: " + os.path.join(data, name))
        t = self.token("kuwait", "admin")
        url = self.kuwait + "/api/v1/watchlists/imports"
        with open(os.path.join(data, "un-consolidated-list.xml"), "rb") as f:
            un = f.read()
        r = self.call("POST", url + "?format=un-xml&name=consolidated.xml", t, un,
                      {"Content-Type": "application/xml"})
        self.assertEqual(r.status, 200, r.body)
        (imported,) = r.json()["lists"]
        self.assertIsNone(imported["previous"])
        self.assertGreater(imported["now"]["entries"], 700)
        self.assertEqual(imported["now"]["sources"][0]["bytes"], len(un))
        # OFAC's two files in one multipart body, the main file first.
        boundary = "corridor-it-boundary"
        body = b""
        for name in ("ofac-sdn.csv", "ofac-alt.csv"):
            with open(os.path.join(data, name), "rb") as f:
                body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                         f"filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").encode()
                body += f.read() + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        r = self.call("POST", url + "?format=ofac-csv", t, body,
                      {"Content-Type": "multipart/form-data; boundary=" + boundary})
        self.assertEqual(r.status, 200, r.body)
        sources = r.json()["lists"][0]["now"]["sources"]
        self.assertEqual([s["name"] for s in sources], ["ofac-sdn.csv", "ofac-alt.csv"])
        # Refusals: the border officer, a bad file. (A body beyond 16 MiB is answered 413 before it
        # is read: the server's tests and the API's unit tests cover it.)
        r = self.call("POST", url + "?format=csv", self.token("kuwait", "border"), b"x",
                      {"Content-Type": "text/csv"})
        self.assertEqual(r.status, 403)
        r = self.call("POST", url + "?format=un-xml&name=bad.xml", t, un[: len(un) // 2],
                      {"Content-Type": "application/xml"})
        self.assertEqual(r.status, 422)
        self.assertTrue(r.json()["detail"].startswith("bad.xml: "), r.body)

    def test_a_worker_sees_only_her_own(self):
        t = self.token("kuwait", "worker")
        mine = self.call("GET", self.kuwait + "/api/v1/contracts", t).json()["items"]
        self.assertTrue(mine)
        me = self.call("GET", self.kuwait + "/api/v1/me", t).json()
        for c in mine:
            self.assertEqual(c["terms"]["worker"], me["worker"])
        other = self.call("GET", self.kuwait + "/api/v1/contracts",
                          self.token("kuwait", "employer2")).json()["items"]
        for c in other:
            if c["terms"]["worker"] != me["worker"]:
                self.assertEqual(self.call("GET", self.kuwait + "/api/v1/contracts/" + c["id"],
                                           t).status, 404)

    def test_bad_http_is_refused_precisely(self):
        # A declared body over the limit is refused before it is read.
        import http.client
        import urllib.parse
        u = urllib.parse.urlparse(self.kuwait)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        conn.putrequest("POST", "/api/v1/session")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(17 << 20))
        conn.endheaders()
        r = conn.getresponse()
        self.assertEqual(r.status, 413)
        self.assertEqual(json.loads(r.read())["type"], "/problems/content-too-large")
        conn.close()
        r = h.request("GET", self.kuwait + "/api/v1/me",
                      headers={"X-Big": "y" * (20 << 10)})
        self.assertEqual(r.status, 431)
        # RFC 9112 6.1: a transfer coding the node does not implement is refused.
        s = self.raw_request("POST", "/api/v1/session", {"Transfer-Encoding": "gzip, chunked",
                                                         "Content-Type": "application/json"})
        status, headers, body = self.read_response(s)
        self.assertEqual(status, 501)
        self.assertEqual(json.loads(body)["type"], "/problems/unsupported-transfer-coding")
        s.close()

    # --- the edge: the head decides before the body, memory, metrics, HTML headers ---------

    def raw_request(self, method, path, headers, node=None):
        """Sends a request head (no body) on a new connection; returns the socket."""
        import socket
        import urllib.parse
        u = urllib.parse.urlparse(node or self.kuwait)
        s = socket.create_connection((u.hostname, u.port), timeout=60)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {u.hostname}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return s

    @staticmethod
    def read_response(s):
        """Reads one response (a 100 Continue too); returns (status, headers, body)."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                raise AssertionError("the connection ended before a response: %r" % data)
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, headers, rest[:length].decode()

    def rss_kib(self):
        with open(f"/proc/{self.node.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise AssertionError("no VmRSS")

    def test_a_request_is_refused_on_its_head_before_its_body(self):
        # No login, a large body announced and never sent: answered at once, not after a timeout.
        s = self.raw_request("POST", "/api/v1/payroll/files",
                             {"Content-Type": "text/csv", "Content-Length": str(8 << 20)})
        status, _, body = self.read_response(s)
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(body)["type"], "/problems/unauthenticated")
        s.close()
        s = self.raw_request("POST", "/api/v1/no/such/route",
                             {"Content-Type": "text/csv", "Content-Length": str(8 << 20)})
        self.assertEqual(self.read_response(s)[0], 404)
        s.close()

    def test_the_documented_payroll_limit_is_the_servers(self):
        with open(os.path.join(h.SOURCE, "docs/openapi.yaml"), encoding="utf-8") as f:
            text = f.read()
        section = text[text.index("/api/v1/payroll/files:"):]
        limit = int(re.search(r"at most (\d+) MiB", section).group(1)) << 20
        t = self.token("kuwait", "employer2")
        headers = {"Authorization": "Bearer " + t, "Content-Type": "text/csv",
                   "Expect": "100-continue"}
        s = self.raw_request("POST", "/api/v1/payroll/files",
                             dict(headers, **{"Content-Length": str(limit + 1)}))
        status, _, body = self.read_response(s)
        self.assertEqual(status, 413, body)
        self.assertIn(str(limit), json.loads(body)["detail"])
        s.close()
        # Exactly the documented size is taken on (and then refused for what it holds).
        s = self.raw_request("POST", "/api/v1/payroll/files",
                             dict(headers, **{"Content-Length": str(limit)}))
        self.assertEqual(self.read_response(s)[0], 100)
        piece = b"x" * (1 << 20)
        for _ in range(limit >> 20):
            s.sendall(piece)
        status, _, body = self.read_response(s)
        self.assertEqual(status, 422, body)
        s.close()

    def test_large_bodies_held_open_keep_memory_bounded(self):
        # 32 connections each announce a 32 MiB payroll file. The node takes on only what fits its
        # budget of bodies in flight (128 MiB); the others get 503 before sending anything. While
        # the bodies taken on are held one byte short of their end, the node's memory stays within
        # the budget; when they end, it is handed back.
        t = self.token("kuwait", "employer2")
        size = 32 << 20
        before = self.rss_kib()
        socks = [self.raw_request("POST", "/api/v1/payroll/files", {
            "Authorization": "Bearer " + t, "Content-Type": "text/csv",
            "Content-Length": str(size), "Expect": "100-continue"}) for _ in range(32)]
        taken, refused = [], 0
        for s in socks:
            status, headers, _ = self.read_response(s)
            if status == 100:
                taken.append(s)
            else:
                self.assertEqual(status, 503)
                self.assertEqual(headers.get("retry-after"), "1")
                refused += 1
                s.close()
        self.assertGreaterEqual(len(taken), 1)
        self.assertLessEqual(len(taken), (128 << 20) // size)
        self.assertEqual(len(taken) + refused, 32)
        piece = b"x" * (1 << 20)
        for s in taken:
            for _ in range(size // len(piece) - 1):
                s.sendall(piece)
            s.sendall(piece[:-1])
        held = self.rss_kib()
        # The budget is 128 MiB; without it 32 bodies would hold 1 GiB.
        self.assertLess(held - before, 256 << 10, f"{before} KiB before, {held} KiB held")
        for s in taken:
            s.sendall(b"x")
            status, _, body = self.read_response(s)
            self.assertEqual(status, 422, body)
            s.close()
        after = self.rss_kib()
        if os.environ.get("CORRIDOR_SANITIZED") != "1":  # AddressSanitizer quarantines frees
            self.assertLess(after - before, 64 << 10, f"{before} KiB before, {after} KiB after")

    def test_metrics_labels_come_from_a_fixed_set(self):
        for method, path in (("BREW", "/coffee"), ("GET", "/no/such/path/P1234567"),
                             ("PROPFIND", "/api/v1/contracts")):
            s = self.raw_request(method, path, {})
            self.assertIn(self.read_response(s)[0], (404, 405))
            s.close()
        text = h.request("GET", self.kuwait + "/metrics").body
        for unexpected in ("BREW", "PROPFIND", "/coffee", "P1234567"):
            self.assertNotIn(unexpected, text)
        self.assertIn('method="other",route="unmatched"', text)

    def gauge(self, base, name):
        text = h.request("GET", base + "/metrics").body
        m = re.search(r"^" + name + r" (\S+)$", text, re.M)
        self.assertIsNotNone(m, name)
        return float(m.group(1))

    def test_the_node_folds_its_ledger_into_the_statistics(self):
        # docs/statistics.md: every head interval the node folds its new ledger events.
        for base in (self.nepal, self.kuwait):
            size = self.gauge(base, "corridor_ledger_events")
            self.assertGreater(size, 0)
            deadline = time.monotonic() + 60
            while self.gauge(base, "corridor_statistics_folded_events") < size:
                self.assertLess(time.monotonic(), deadline, "the statistics do not follow " + base)
                time.sleep(0.1)

    def test_html_pages_carry_the_security_headers(self):
        pages = [self.kuwait + "/verify/C-NOSUCH"]
        if h.request("GET", self.kuwait + "/").status == 200:  # the portal is built
            pages += [self.kuwait + "/", self.kuwait + "/app/contracts"]
        for url in pages:
            r = h.request("GET", url)
            self.assertTrue(r.header("Content-Type").startswith("text/html"), url)
            csp = r.header("Content-Security-Policy")
            self.assertIn("script-src 'self';", csp)
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertNotIn("unsafe-eval", csp)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
            self.assertEqual(r.header("Referrer-Policy"), "no-referrer")


class ServeTest(unittest.TestCase):
    def test_serve_answers_and_stops_on_sigterm(self):
        d = h.tempdir()
        db = os.path.join(d, "n.db")
        self.assertEqual(h.run("init", "--store", "sqlite:" + db, "--country", "KWT")[0], 0)
        node = h.Process(["serve", "--store", "sqlite:" + db, "--listen", "127.0.0.1:0"],
                         ready=lambda lines: any("serving at" in l for l in lines))
        url = re.search(r"serving at (\S+)", node.lines[-1]).group(1)
        self.assertEqual(h.request("GET", url + "/healthz").status, 200)
        self.assertEqual(h.request("GET", url + "/readyz").status, 200)
        code, out, _ = node.stop(signal.SIGTERM)
        self.assertEqual(code, 0)
        self.assertIn("stopped", out)

    def test_serve_refuses_a_missing_store_and_a_bad_listen(self):
        d = h.tempdir()
        code, _, err = h.run("serve", "--store", "sqlite:" + os.path.join(d, "none.db"))
        self.assertNotEqual(code, 0)
        self.assertIn("key file", err)
        db = os.path.join(d, "n.db")
        self.assertEqual(h.run("init", "--store", "sqlite:" + db, "--country", "KWT")[0], 0)
        code, _, err = h.run("serve", "--store", "sqlite:" + db, "--listen", "nowhere")
        self.assertNotEqual(code, 0)
        self.assertIn("HOST:PORT", err)
        # Configuration files of the node's jobs: each refusal names the file and what is wrong.
        def serve_with(settings, files):
            for name, text in files.items():
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            config = os.path.join(d, "node.json")
            with open(config, "w") as f:
                json.dump({k: os.path.join(d, v) if k.endswith("_file") else v
                           for k, v in settings.items()}, f)
            return h.run("serve", "--store", "sqlite:" + db, "--listen", "127.0.0.1:0",
                         "--config", config)
        cases = [
            ({"screening_config_file": "missing.json"}, {}, "missing.json"),
            ({"screening_config_file": "s.json"}, {"s.json": '{"match": {"bogus": 1}}'},
             "match.bogus: is not a known setting"),
            ({"payroll_ladder_file": "l.csv"}, {"l.csv": "country,day,action\nKWT,ten,notice\n"},
             "l.csv"),
            ({"federation_ca_file": "ca.pem"}, {"ca.pem": "not a certificate"}, "ca.pem"),
            ({"daily_jobs_interval_ms": 5}, {}, "daily_jobs_interval_ms must be at least 1000"),
        ]
        for settings, files, expected in cases:
            code, _, err = serve_with(settings, files)
            self.assertNotEqual(code, 0, settings)
            self.assertIn(expected, err, settings)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == "__main__":
    unittest.main()
