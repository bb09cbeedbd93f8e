"""Shared helpers for the integration tests: run the real `corridor` binary, start nodes on
free ports, speak HTTP to them, and check responses against docs/openapi.yaml.

Everything runs on 127.0.0.1 with ports chosen at run time and temporary directories.
Only Debian's /usr/bin/python3 and Debian packages (python3-yaml, python3-jsonschema) are used.
"""
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import jsonschema
import yaml

BIN = os.environ.get("CORRIDOR_BIN", "build/src/app/corridor")
SOURCE = os.environ.get("CORRIDOR_SOURCE_DIR", ".")
PG_DIR = os.environ.get("CORRIDOR_TEST_PG_DIR", "")


def run(*args, stdin=None, timeout=120):
    """Runs corridor with args; returns (exit code, stdout, stderr)."""
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def pg_uri():
    """A fresh schema in the fixture's PostgreSQL, or None when the run is SQLite-only."""
    if not PG_DIR:
        return None
    with open(os.path.join(PG_DIR, "uri")) as f:
        admin = f.read().strip()
    schema = "it_" + os.urandom(6).hex()
    subprocess.run(["psql", "-q", admin, "-c", f"CREATE SCHEMA {schema}"], check=True,
                   capture_output=True)
    return admin + "?options=-csearch_path%3D" + schema


class Process:
    """A corridor process whose first stdout lines tell where it serves."""

    def __init__(self, args, ready, timeout=60):
        self.proc = subprocess.Popen([BIN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        self.lines = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("corridor exited early: " + self.proc.stderr.read())
            self.lines.append(line.rstrip("\n"))
            if ready(self.lines):
                return
        raise RuntimeError("corridor did not become ready: " + "\n".join(self.lines))

    def stop(self, sig=signal.SIGTERM, timeout=60):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        return self.proc.returncode, out, err


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        for k, v in self.headers.items():
            if k.lower() == name.lower():
                return v
        return None


# The TLS context of https requests (a test serving HTTPS sets one trusting its certificate).
SSL_CONTEXT = None


def request(method, url, token=None, body=None, headers=None, timeout=30):
    data = None
    h = dict(headers or {})
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=SSL_CONTEXT) as r:
            return Response(r.status, dict(r.headers), r.read().decode())
    except urllib.error.HTTPError as e:
        return Response(e.code, dict(e.headers), e.read().decode())


class OpenApi:
    """Validates real responses against docs/openapi.yaml."""

    def __init__(self):
        with open(os.path.join(SOURCE, "docs/openapi.yaml"), encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        self.check_document()
        self.paths = []
        for template, item in self.doc["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
            self.paths.append((re.compile(pattern), template, item))

    def check_document(self):
        """The document's own shape: every $ref resolves, every schema and operation is an
        object, nothing is null (a misplaced key or an unquoted comma in YAML shows up here)."""
        doc = self.doc
        assert isinstance(doc.get("security"), list), "top-level security must be a list"
        for name, schema in doc["components"]["schemas"].items():
            assert isinstance(schema, dict), f"schema {name} is not an object"

        def walk(node, where):
            if isinstance(node, dict):
                for key, value in node.items():
                    assert value is not None, f"{where}/{key} is null"
                    if key == "$ref":
                        target = doc
                        for part in value.lstrip("#/").split("/"):
                            assert isinstance(target, dict) and part in target, \
                                f"{where}: $ref {value} does not resolve"
                            target = target[part]
                    walk(value, f"{where}/{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}[{i}]")
        walk(doc, "")

    def operation(self, method, path):
        for pattern, template, item in self.paths:
            if pattern.match(path):
                op = item.get(method.lower())
                if op is not None:
                    return template, op
        return None, None

    def check(self, method, url, response):
        """Raises AssertionError naming the problem when the response does not match."""
        path = urllib.parse.urlparse(url).path
        template, op = self.operation(method, path)
        if op is None:
            raise AssertionError(f"{method} {path} is not in docs/openapi.yaml")
        spec = op["responses"].get(str(response.status))
        if spec is None:
            raise AssertionError(f"{method} {template} answered {response.status}, which "
                                 f"docs/openapi.yaml does not list")
        if "$ref" in spec:
            spec = self.resolve(spec["$ref"])
        for name, header in spec.get("headers", {}).items():
            if header.get("required") and response.header(name) is None:
                raise AssertionError(f"{method} {template} {response.status}: the {name} header "
                                     f"docs/openapi.yaml requires is missing")
        content = spec.get("content")
        if not content or response.status == 204:
            return
        ctype = (response.header("Content-Type") or "").split(";")[0].strip()
        media = content.get(ctype)
        if media is None:
            raise AssertionError(f"{method} {template} {response.status}: content type {ctype} "
                                 f"not documented ({list(content)})")
        schema = media.get("schema")
        if schema is None or not ctype.endswith("json"):
            return
        body = response.json()
        resolver_schema = dict(schema)
        resolver_schema["components"] = self.doc["components"]
        validator = jsonschema.Draft202012Validator(
            self.rewrite(resolver_schema))
        errors = sorted(validator.iter_errors(body), key=lambda e: e.path)
        if errors:
            e = errors[0]
            raise AssertionError(f"{method} {template} {response.status}: "
                                 f"{'/'.join(map(str, e.path))}: {e.message}")

    def resolve(self, ref):
        node = self.doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node

    @staticmethod
    def rewrite(schema):
        # References in the document point at '#/components/...'; the validated schema carries
        # the components at its root, so they resolve unchanged.
        return schema


def tempdir():
    return tempfile.mkdtemp(prefix="corridor-it-")
