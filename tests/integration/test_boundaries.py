"""Every operation of docs/openapi.yaml walked with boundary values, on a demo corridor.

For each operation, a request that is valid (or nearly: built from the demo's own records) is
sent as an authorised caller, then again with one thing changed at a time: each path and query
parameter, and each member of a JSON body (one level into nested objects), set to values at and
beyond every boundary (empty, huge, negative, the wrong type, unicode, out of range), each member
left out, an unknown member added, and bodies that are not what the operation reads. No answer
may be a 5xx, and every 4xx must be a problem document (RFC 9457).

Then the consistency of refusals:
- every operation with a JSON body refuses an unknown member with a 4xx naming that member;
- for every role and every operation addressed to a record, a record the role may not see
  answers exactly like an id that does not exist (status, problem type and detail, the id aside).
"""
import json
import os
import re
import unittest
import urllib.parse

import harness as h

# Values for a text parameter or member at and beyond its boundaries.
TEXT_VALUES = [
    "", " ", "0", "-1", "1", "999999999999999999999999999999", "-9223372036854775809",
    "9223372036854775808", "1e400", "NaN", "Infinity", "0x10", "1.5", "01",
    "9999-12", "0000-00", "2026-13", "2026-00", "2026-1", "9999-12-31", "0000-01-01",
    "-0001-01-01", "2026-02-30", "2026-02-29", "1900-01-01", "2026-06-01T00:00:00Z",
    "65536", "2147483648", "4294967296", "999999", "999999999999999999",
    "\u0000", "\u202e\u202d", "名前", "ネパール", "😀" * 20, "\udbff", "a\u0301", "नेपाल",
    "../../../etc/passwd", "%00", "%", "%zz", "<script>alert(1)</script>", "' OR '1'='1",
    "null", "true", "[]", "{}", "x" * 300, "x" * 5000,
]
# Values for a JSON member: every type, at the edges of each.
JSON_VALUES = [
    None, True, False, 0, -1, 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63, -(2 ** 63) - 1, 10 ** 30,
    1.5, -1e308, 1e308, 1e-320, [], [1], {}, {"a": 1}, [[[[[]]]]],
    "x" * 70_000,
] + TEXT_VALUES

# Raw bodies that are not what the operation reads.
RAW_BODIES = [
    (b"", "application/json"), (b"{", "application/json"), (b"[]", "application/json"),
    (b"1", "application/json"), (b"null", "application/json"), (b'"x"', "application/json"),
    (b'{"a":1,"a":2}', "application/json"), (b"\xff\xfe", "application/json"),
    (b"[" * 10_000, "application/json"), (b'{"x":' * 100 + b"1" + b"}" * 100, "application/json"),
    (b"x" * (1 << 20) + b"x", "application/json"), (b"{}", "text/plain"),
    (b"{}", "application/json; charset=latin1"), (b"\x00" * 64, "application/octet-stream"),
    (b"a,b\n\xff\xfe,\x00\n", "text/csv"), (b"<x>", "application/xml"),
    (b"--b\r\n\r\n", "multipart/form-data; boundary=b"), (b"x", "multipart/form-data"),
]

MISSING = "ZZ-nosuch-0000"


def td3(family, given, number, birth, sex, expiry):
    """A passport's zone (ICAO 9303 TD3) with its check digits computed."""
    def check(s):
        weights = (7, 3, 1)
        total = 0
        for i, c in enumerate(s):
            v = 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55
            total += v * weights[i % 3]
        return str(total % 10)
    line1 = ("P<NPL" + family + "<<" + given.replace(" ", "<")).ljust(44, "<")
    line2 = (number + check(number) + "NPL" + birth + check(birth) + sex + expiry +
             check(expiry) + "<" * 14 + "0")
    line2 += check(line2[0:10] + line2[13:20] + line2[21:43])
    return line1 + "\n" + line2


class Corridor:
    """The demo corridor and a logged-in token for every account."""

    def __init__(self):
        self.dir = h.tempdir()
        self.proc = h.Process(["demo", "--dir", self.dir, "--origin-port", "0",
                               "--destination-port", "0"],
                              ready=lambda lines: any("Press Ctrl-C" in l for l in lines),
                              timeout=600)
        urls = [re.search(r"(http://\S+)", l).group(1) for l in self.proc.lines
                if re.search(r"\(country of (origin|work)\)\s+http://", l)]
        self.base = {"nepal": urls[0], "kuwait": urls[1]}
        with open(os.path.join(self.dir, "demo-accounts.json")) as f:
            self.accounts = json.load(f)
        # Every account logs in now: the walk sends wrong logins, which use up the address's
        # allowance and lock accounts.
        self.tokens = {}
        for a in self.accounts:
            r = h.request("POST", self.base[a["node"]] + "/api/v1/session",
                          body={"username": a["username"], "password": a["password"]})
            assert r.status == 201, r.body
            self.tokens[(a["node"], a["username"])] = (a["role"], r.json()["token"])

    def close(self):
        self.proc.stop()

    def get(self, node, user, path):
        r = h.request("GET", self.base[node] + path, self.tokens[(node, user)][1])
        assert r.status == 200, f"{path}: {r.status} {r.body}"
        return r.json()

    def users(self, node):
        return [u for (n, u) in self.tokens if n == node]


def problem_failure(r):
    """Why a 4xx response is not a problem document, or None."""
    ctype = (r.header("Content-Type") or "").split(";")[0].strip()
    if ctype != "application/problem+json":
        return f"a {r.status} of type {ctype!r}"
    try:
        p = json.loads(r.body)
    except ValueError:
        return f"a {r.status} whose body is not JSON"
    for key in ("type", "title", "status", "detail"):
        if key not in p:
            return f"a {r.status} problem without {key}"
    if p["status"] != r.status:
        return f"a {r.status} problem saying status {p['status']}"
    return None


class BoundaryWalk(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = Corridor()
        cls.api = h.OpenApi()
        cls.data = {}
        cls.sample_records()

    @classmethod
    def tearDownClass(cls):
        cls.c.close()

    # ------------------------------------------------------------------ the demo's records

    @classmethod
    def sample_records(cls):
        c = cls.c
        d = cls.data
        for node in ("nepal", "kuwait"):
            contracts = c.get(node, "officer", "/api/v1/contracts?limit=200")["items"]
            d[node, "contracts"] = [x["id"] for x in contracts]
            d[node, "terms"] = contracts[0]["terms"]
            workers = c.get(node, "officer", "/api/v1/workers?limit=200")["items"]
            d[node, "workers"] = [x["id"] for x in workers]
            d[node, "worker"] = workers[0]
            d[node, "employers"] = [x["id"] for x in
                                   c.get(node, "admin", "/api/v1/employers?limit=200")["items"]]
            d[node, "agencies"] = [x["id"] for x in
                                  c.get(node, "admin", "/api/v1/agencies?limit=200")["items"]]
        kw = "kuwait"
        d["employer"] = c.get(kw, "admin", "/api/v1/employers/" + d[kw, "employers"][0])
        d["agency"] = c.get("nepal", "admin", "/api/v1/agencies/" + d["nepal", "agencies"][0])
        orders = c.get(kw, "officer", "/api/v1/job-orders")["items"]
        d["job_order"] = orders[0] if orders else {
            "employer": d[kw, "employers"][0], "agency": d["nepal", "agencies"][0],
            "position": "Cleaner", "isco_code": "9111", "openings": 2,
            "basic_wage": {"amount": "120.000", "currency": "KWD"}, "country": "KWT",
            "status": "open"}
        d["transfers"] = [x["id"] for x in c.get(kw, "officer", "/api/v1/transfers")["items"]]
        d["crossings"] = [x["id"] for x in
                          c.get(kw, "border", "/api/v1/crossings?limit=200")["items"]]
        d["hits"] = [x["id"] for x in c.get(kw, "border", "/api/v1/screening/hits")["items"]]
        d["payroll_files"] = [x["id"] for x in
                              c.get(kw, "officer", "/api/v1/payroll/files")["items"]]
        mine = c.get(kw, "employer", "/api/v1/contracts?limit=200")["items"]
        d["payroll_contract"] = next((x for x in mine if x["state"] == "active"), mine[0])
        d["payroll_employer"] = c.get(kw, "employer", "/api/v1/employers/" + d[
            "payroll_contract"]["terms"]["employer"])["registration_number"]
        d["lists"] = [x["list_id"] for x in c.get(kw, "admin", "/api/v1/watchlists")["items"]]
        d["floor"] = c.get(kw, "admin", "/api/v1/wage-floors")["items"][0]
        d["rules"] = c.get(kw, "admin", "/api/v1/country-rules/KWT")
        received = c.get(kw, "officer", "/api/v1/federation/messages?direction=received")
        first = received["items"][0]
        d["received"] = (first["peer"], first["seq"])
        d["envelope"] = c.get(kw, "officer", "/api/v1/federation/messages/received/"
                              f"{first['peer']}/{first['seq']}")["envelope"]

    def path_values(self, node, template):
        """A value for each path parameter of `template` naming a record that exists."""
        d = self.data
        kind = template.split("/")[3] if template.startswith("/api/v1/") else template.split("/")[1]
        ids = {
            "workers": d[node, "workers"], "contracts": d[node, "contracts"],
            "employers": d[node, "employers"], "agencies": d[node, "agencies"],
            "transfers": d["transfers"], "crossings": d["crossings"],
            "screening": d["hits"], "payroll": d["payroll_files"],
            "verify": d[node, "contracts"],
        }
        values = {}
        for name in re.findall(r"\{([^}]+)\}", template):
            if name == "id":
                values[name] = (ids.get(kind) or [MISSING])[0]
            elif name == "code":
                values[name] = "9111"
            elif name == "country":
                values[name] = "KWT"
            elif name == "index":
                values[name] = "0"
            elif name == "list":
                values[name] = (d["lists"] or ["national"])[0]
            elif name == "direction":
                values[name] = "received"
            elif name == "peer":
                values[name] = d["received"][0]
            elif name == "seq":
                values[name] = str(d["received"][1])
            elif name == "indicator":
                values[name] = "contracts_attested"
            elif name == "release":
                values[name] = "2026-07"
            else:
                values[name] = "x"
        return values

    def baseline_query(self, template, method, op):
        """A valid value for each query parameter an operation documents."""
        q = {}
        for p in self.parameters(template, method, op):
            if p.get("in") != "query":
                continue
            name = p["name"]
            schema = p.get("schema", {})
            if name == "format" and template.startswith("/api/v1/watchlists"):
                q[name] = "csv"
            elif "enum" in schema:
                q[name] = schema["enum"][0]
            elif name == "limit":
                q[name] = "5"
            elif name in ("month",):
                q[name] = "2026-07"
            elif name in ("paid_on",):
                continue  # an extended file carries its own payment dates
            elif name == "format" and template.startswith("/api/v1/watchlists"):
                q[name] = "csv"
            elif name == "format":
                q[name] = "json"
            elif name in ("index", "size", "old", "new"):
                q[name] = {"index": "0", "size": "2", "old": "1", "new": "2"}[name]
            elif name == "direction":
                q[name] = "received"
            elif name == "name":
                q[name] = "walk.csv"
            elif name == "currency":
                q[name] = "KWD"
            elif name == "country":
                q[name] = "KWT"
            elif name == "open":
                q[name] = "true"
            elif name == "rows":
                q[name] = "sex"
            elif p.get("required"):
                q[name] = "x"
        return q

    def baseline_body(self, node, template, method):
        """A valid JSON (or file) body for an operation, built from the demo's records."""
        d = self.data
        terms = d[node, "terms"]
        worker = {k: v for k, v in d[node, "worker"].items() if k != "id"}
        worker = json.loads(json.dumps(worker))
        if "passport" in worker:
            worker["passport"]["number"] = "PW" + os.urandom(3).hex().upper()
        contracts = d[node, "contracts"]
        bodies = {
            ("post", "/api/v1/session"): {"username": "nobody", "password": "wrong password"},
            ("post", "/api/v1/accounts"): {
                "username": "walker" + os.urandom(3).hex(), "password": "a long walker password",
                "role": "analyst", "country": "KWT", "display_name": "Walker", "language": "en"},
            ("post", "/api/v1/workers"): worker,
            ("post", "/api/v1/workers/{id}/exit-notices"): {
                "kind": "returning", "departure_date": "2026-12-01", "return_date": "2026-12-20"},
            ("post", "/api/v1/employers"): dict(
                {k: v for k, v in d["employer"].items() if k != "id"},
                registration_number="KW-W-" + os.urandom(3).hex()),
            ("post", "/api/v1/agencies"): dict(
                {k: v for k, v in d["agency"].items() if k != "id"},
                licence_number="DOFE-W-" + os.urandom(3).hex()),
            ("post", "/api/v1/agencies/{id}/licence"): {"status": "active", "reason": "walk"},
            ("post", "/api/v1/job-orders"): {k: v for k, v in d["job_order"].items() if k != "id"},
            ("post", "/api/v1/contracts"): terms,
            ("post", "/api/v1/contracts/{id}/reject"): {"reason": "walk"},
            ("post", "/api/v1/contracts/{id}/authenticate"): {"terms": terms},
            ("post", "/api/v1/contracts/{id}/end"): {"reason": "expiry", "on": "2027-01-01"},
            ("post", "/api/v1/contracts/{id}/amendments"): {"terms": terms, "reason": "walk"},
            ("post", "/api/v1/contracts/{id}/absence-reports"): {
                "last_seen": "2026-10-01", "details": "walk"},
            ("post", "/api/v1/transfers"): {"from_contract": contracts[0],
                                            "to_contract": contracts[-1]},
            ("put", "/api/v1/occupations/{code}"): {"title": "Domestic cleaners and helpers"},
            ("post", "/api/v1/wage-floors"): d["floor"],
            ("put", "/api/v1/country-rules/{country}"): d["rules"],
            ("post", "/api/v1/crossings"): {
                "direction": "entry", "port": "Kuwait International Airport",
                "mrz": td3("WALKER", "TEST", "PW0000001", "900101", "F", "320101")},
            ("post", "/api/v1/screening/hits/{id}/confirm"): {"reason": "walk"},
            ("post", "/api/v1/screening/hits/{id}/dismiss"): {"reason": "walk"},
            ("post", "/federation/v1/messages"): {"envelopes": [d["envelope"]]},
            ("post", "/api/v1/statistics/releases"): {"id": "2026-07"},
        }
        return bodies.get((method, template))

    def raw_body(self, template):
        """The file body of an operation that reads a file, with its content type."""
        if template == "/api/v1/watchlists/imports":
            return (b"list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,"
                    b"document_type,document_number,document_country,reason\n"
                    b"KW-WALK,1,person,Walker Test,W. Test,1980-03-04,Nepal,M,,,,walk\n"
                    b"KW-WALK,2,document,,,,,,Passport,09 123 456,NPL,walk\n", "text/csv")
        if template == "/api/v1/payroll/files":
            c = self.data["payroll_contract"]
            line = (f"{c['id']},{c['terms']['worker']},{self.data['payroll_employer']},2026-07,31,0,"
                    f"{c['terms']['basic_wage']['amount']},,,,,0,0,,2026-08-05,bank,"
                    f"{c['terms']['basic_wage']['currency']}\n")
            return (b"contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,"
                    b"basic,housing,food,transport,other_allowance,overtime_hours,overtime_pay,"
                    b"deductions,payment_date,payment_channel,currency\n" + line.encode(),
                    "text/csv")
        return None

    def parameters(self, template, method, op):
        item = self.api.doc["paths"][template]
        out = []
        for p in op.get("parameters", []) + item.get("parameters", []):
            out.append(self.api.resolve(p["$ref"]) if "$ref" in p else p)
        return out

    # ------------------------------------------------------------------ sending

    def url(self, node, template, path_values, query):
        path = template
        for name, value in path_values.items():
            text = str(value).encode("utf-8", "surrogatepass")
            path = path.replace("{" + name + "}", urllib.parse.quote(text, safe=""))
        url = self.c.base[node] + path
        if query:
            url += "?" + urllib.parse.urlencode(query, errors="surrogatepass")
        return url

    def send(self, node, user, method, template, path_values, query, body=None, raw=None,
             headers=None):
        url = self.url(node, template, path_values, query)
        token = self.c.tokens[(node, user)][1] if user else None
        hdrs = dict(headers or {})
        data = None
        if raw is not None:
            data, ctype = raw
            hdrs["Content-Type"] = ctype
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
            hdrs["Content-Type"] = "application/json"
        try:
            return h.request(method.upper(), url, token, data, hdrs, timeout=120)
        except Exception as e:  # the connection broke: as bad as a 5xx
            return h.Response(599, {}, f"no response: {e!r}")

    def check(self, failures, what, r, method, url):
        if r.status >= 500:
            failures.append(f"{what}: {r.status} {r.body[:300]}")
        elif r.status >= 400:
            why = problem_failure(r)
            if why:
                # Not a problem: then an answer the operation documents (the public check's
                # verdict on a contract it does not know, say).
                try:
                    self.api.check(method, url, r)
                except AssertionError as e:
                    failures.append(f"{what}: {why} ({e}): {r.body[:200]}")

    def operations(self):
        for template, item in self.api.doc["paths"].items():
            for method, op in item.items():
                if method in ("get", "post", "put", "delete"):
                    yield template, method, op

    def callers(self, node, template, method, values, query, body, raw):
        """Users of `node` whose valid request is not refused for who they are (401, 403), those
        it succeeds for first and those it is hidden from (404) last."""
        ranked = []
        op = self.api.doc["paths"][template][method]
        if op.get("security") == []:
            return [None]
        for user in sorted(self.c.users(node)):
            r = self.send(node, user, method, template, values, query, body, raw)
            if r.status not in (401, 403):
                ranked.append((0 if r.status < 300 else 2 if r.status == 404 else 1, user))
        return [user for _, user in sorted(ranked)]

    # ------------------------------------------------------------------ the walk

    def test_no_parameter_or_body_gets_a_5xx(self):
        failures = []
        sent = 0
        reached = []  # how far each operation's valid request got, for the log
        for node, template, method, op in ((n, t, m, o) for n in ("kuwait", "nepal")
                                           for t, m, o in self.operations()):
            if (method, template) == ("delete", "/api/v1/session"):
                continue  # it would end the walker's own session; its only input is the token
            values = self.path_values(node, template)
            query = self.baseline_query(template, method, op)
            body = self.baseline_body(node, template, method)
            raw = self.raw_body(template) if body is None else None
            callers = self.callers(node, template, method, values, query, body, raw)
            if not callers:
                callers = ["admin"]  # nobody may: the refusals are walked all the same
            for user in callers[:2]:
                who = f"{node} {method.upper()} {template} as {user}"

                def go(what, **kw):
                    nonlocal sent
                    args = dict(path_values=values, query=query, body=body, raw=raw)
                    args.update(kw)
                    r = self.send(node, user, method, template, **args)
                    sent += 1
                    url = self.url(node, template, args["path_values"], args["query"])
                    self.check(failures, f"{who}: {what}", r, method, url)
                    return r

                reached.append(f"{who}: {go('the valid request').status}")
                for name in values:
                    for v in TEXT_VALUES:
                        go(f"path {name}={v[:40]!r}", path_values=dict(values, **{name: v}))
                for p in self.parameters(template, method, op):
                    if p.get("in") == "query":
                        name = p["name"]
                        for v in TEXT_VALUES + ["x" * 20_000]:
                            go(f"query {name}={v[:40]!r}", query=dict(query, **{name: v}))
                        go(f"query without {name}",
                           query={k: v for k, v in query.items() if k != name})
                        go(f"query {name} twice", query=list(query.items()) + [(name, "1")])
                    elif p.get("in") == "header":
                        for v in ["", "x" * 65, "bad key!", "é", "k" * 64]:
                            go(f"header {p['name']}={v[:20]!r}", headers={p["name"]: v})
                if body is not None:
                    self.walk_body(go, body)
                if body is not None or raw is not None:
                    for data, ctype in RAW_BODIES:
                        go(f"raw body {data[:20]!r} as {ctype}", raw=(data, ctype), body=None)
                    if raw is not None:
                        data, ctype = raw
                        for mutated in (data * 2000, data.replace(b",", b",,"),
                                        data.replace(b"2026", b"9999"),
                                        data.replace(b"1", b"\xff"), data[: len(data) // 2]):
                            go(f"file {mutated[:30]!r}", raw=(mutated, ctype))
        print(f"\nboundary walk: {sent} requests; the valid requests answered:\n  " +
              "\n  ".join(reached), flush=True)
        self.assertEqual(failures, [], "\n".join(failures[:80]) +
                         f"\n({len(failures)} failures)")

    def walk_body(self, go, body, prefix="", depth=0, root=None, setter=None):
        """Each member of `body` replaced, removed, and an unknown one added."""
        root = body if root is None else root

        def replaced(path, value):
            doc = json.loads(json.dumps(root))
            node = doc
            for key in path[:-1]:
                node = node[key]
            if value is _REMOVE:
                node.pop(path[-1], None)
            else:
                node[path[-1]] = value
            return doc

        def walk(node, path):
            if not isinstance(node, dict):
                return
            go(f"body {'.'.join(path) or 'top'} with an unknown member",
               body=replaced(path + ["zz_unknown"], 1))
            for key, value in node.items():
                where = ".".join(path + [key])
                go(f"body without {where}", body=replaced(path + [key], _REMOVE))
                for v in JSON_VALUES:
                    go(f"body {where}={str(v)[:40]!r}", body=replaced(path + [key], v))
                if isinstance(value, dict) and len(path) < 2:
                    walk(value, path + [key])
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    go(f"body {where} with a bad item", body=replaced(path + [key], [{"x": 1}]))
                    go(f"body {where} with many items", body=replaced(path + [key], value * 200))
        walk(body, [])

    # ------------------------------------------------------------------ unknown members

    def test_every_body_refuses_an_unknown_member_by_name(self):
        failures = []
        for template, method, op in self.operations():
            node = "kuwait"
            body = self.baseline_body(node, template, method)
            if body is None:
                continue
            values = self.path_values(node, template)
            query = self.baseline_query(template, method, op)
            callers = self.callers(node, template, method, values, query, body, None)
            for user in callers[:1] or ["admin"]:
                for path in self.member_paths(body):
                    doc = json.loads(json.dumps(body))
                    target = doc
                    for key in path:
                        target = target[key]
                    target["zz_unknown"] = "x"
                    r = self.send(node, user, method, template, values, query, doc)
                    field = ".".join(path + ["zz_unknown"])
                    try:
                        got = json.loads(r.body).get("field")
                    except ValueError:
                        got = None
                    if not (400 <= r.status < 500) or got != field:
                        failures.append(f"{method.upper()} {template} as {user}: an unknown "
                                        f"member {field} answered {r.status} field={got!r}: "
                                        f"{r.body[:160]}")
        self.assertEqual(failures, [], "\n".join(failures))

    @staticmethod
    def member_paths(body, path=None):
        """The paths of the body and of its nested objects (the places a member can be added)."""
        path = path or []
        out = [path]
        for key, value in body.items():
            if isinstance(value, dict):
                out += BoundaryWalk.member_paths(value, path + [key])
        return out


    # ------------------------------------------------------------------ hidden like missing

    def record_kinds(self, node):
        """For each kind of record: its ids on `node`, the GET that shows one, and the templates
        of every operation addressed to one."""
        d = self.data
        kinds = {
            "workers": (d[node, "workers"], "/api/v1/workers/{id}"),
            "contracts": (d[node, "contracts"], "/api/v1/contracts/{id}"),
            "employers": (d[node, "employers"], "/api/v1/employers/{id}"),
            "agencies": (d[node, "agencies"], "/api/v1/agencies/{id}"),
        }
        if node == "kuwait":
            kinds.update({
                "crossings": (d["crossings"], "/api/v1/crossings/{id}"),
                "screening": (d["hits"], "/api/v1/screening/hits/{id}"),
                "payroll": (d["payroll_files"], "/api/v1/payroll/files/{id}"),
                "transfers": (d["transfers"], None),
            })
        out = {}
        for kind, (ids, get) in kinds.items():
            prefix = "/api/v1/" + ("screening/hits" if kind == "screening" else
                                   "payroll/files" if kind == "payroll" else kind) + "/{id}"
            ops = [(t, m) for t, m, _ in self.operations() if t.startswith(prefix)]
            out[kind] = (ids[:12], get, ops)
        return out

    def visible(self, node, user, kind, record, get):
        if get is None:  # transfers: what the role's list holds
            r = self.send(node, user, "get", "/api/v1/transfers", {}, {"limit": "200"})
            return r.status == 200 and any(x["id"] == record for x in r.json()["items"])
        return self.send(node, user, "get", get, {"id": record}, {}).status == 200

    @staticmethod
    def missing_like(record):
        """An id of the same shape as `record` that names nothing."""
        head, _, tail = record.partition("-")
        return (head + "-" if tail else "") + "Zz9" + "0" * max(0, len(tail or record) - 3)

    @staticmethod
    def answer(r, record):
        """What a response tells, with the id it was about taken out."""
        try:
            p = json.loads(r.body)
        except ValueError:
            p = {}
        if not isinstance(p, dict):
            p = {}
        detail = str(p.get("detail", "")).replace(record, "{id}")
        return (r.status, p.get("type"), detail, p.get("field"))

    def test_a_hidden_record_answers_every_verb_like_a_missing_one(self):
        failures = []
        compared = 0
        for node in ("kuwait", "nepal"):
            users = sorted(self.c.users(node))
            for kind, (ids, get, ops) in self.record_kinds(node).items():
                seen = {u: {i for i in ids if self.visible(node, u, kind, i, get)} for u in users}
                existing = set().union(*seen.values())
                for user in users:
                    hidden = [i for i in ids if i in existing and i not in seen[user]][:2]
                    for record in hidden:
                        missing = self.missing_like(record)
                        for template, method in ops:
                            op = self.api.doc["paths"][template][method]
                            values = dict(self.path_values(node, template), id=record)
                            query = self.baseline_query(template, method, op)
                            body = self.baseline_body(node, template, method)
                            a = self.send(node, user, method, template, values, query, body)
                            b = self.send(node, user, method, template, dict(values, id=missing),
                                          query, body)
                            compared += 1
                            if self.answer(a, record) != self.answer(b, missing):
                                failures.append(
                                    f"{node} {user}: {method.upper()} {template}: hidden "
                                    f"{record} -> {self.answer(a, record)}, missing -> "
                                    f"{self.answer(b, missing)}")
        print(f"\nhidden against missing: {compared} pairs", flush=True)
        self.assertGreater(compared, 100)
        self.assertEqual(failures, [], "\n".join(failures[:60]) + f"\n({len(failures)})")


_REMOVE = object()


if __name__ == "__main__":
    unittest.main()
