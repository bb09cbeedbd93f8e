#!/usr/bin/python3
"""`corridor payroll check` against the data-driven payroll cases (tests/data/payroll).

For each case of one session whose files an authority can check as they are (SIF files, and
extended files not tied to a submitting employer), runs the real binary with the case's contract
book and compares its findings with expected.txt: every expected finding printed, nothing else;
every refused file reported on stderr with its line and field, and the exit code 1 then, else 0.
Then checks the command against a store: an empty node store, a file, findings, nothing changed.

    check_cli.py CORRIDOR_BINARY SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
scratch = tempfile.TemporaryDirectory()
cases_dir = os.path.join(source, "tests", "data", "payroll")
failures = []
# Refusals that depend on who submits a SIF and in which currency (an SCR naming another
# employer, another currency than announced): an authority's check takes the SCR's own word.
SUBMISSION_CHECKS = {"16-other-employer.sif", "21-currency.sif"}
checked = 0


def fail(case, message):
    failures.append(f"{case}: {message}")


for case in sorted(os.listdir(cases_dir)):
    d = os.path.join(cases_dir, case)
    lines = [l.split() for l in open(os.path.join(d, "case.txt")) if l.strip() and not l.startswith("#")]
    sessions = [l for l in lines if l[0] == "session"]
    if len(sessions) != 1 or any(l[0] in ("ladder", "threshold") for l in lines):
        continue
    files, paid = [], set()
    usable = True
    grace = "0"
    for l in lines:
        opts = dict(o.split("=", 1) for o in l[2:])
        if l[0] == "grace":
            grace = l[1]
        if l[0] == "sif" and l[1] in SUBMISSION_CHECKS:
            continue
        if l[0] == "sif":
            files.append(os.path.join(d, l[1]))
            paid.add(opts.get("paid_on"))
        elif l[0] == "extended":
            if "employer" in opts:
                usable = False  # an employer's own extended file: the API's check, not this one
            files.append(os.path.join(d, l[1]))
    if not usable or len(paid) > 1:
        continue
    book = tempfile.mkdtemp(dir=scratch.name)
    for l in lines:
        if l[0] in ("contracts", "floors") and os.path.exists(os.path.join(d, l[1])):
            os.symlink(os.path.join(d, l[1]), os.path.join(book, l[0] + ".csv"))
    if not os.path.exists(os.path.join(book, "floors.csv")):
        open(os.path.join(book, "floors.csv"), "w").write("country,isco_code,currency,amount\n")
    cmd = [binary, "payroll", "check", "--book", book, "--month", sessions[0][1], "--grace-days", grace]
    if paid:
        cmd += ["--paid-on", paid.pop()]
    run = subprocess.run(cmd + files, capture_output=True, text=True)
    expected = [l.strip() for l in open(os.path.join(d, "expected.txt")) if l.strip() and not l.startswith("#")]
    want = sorted(l for l in expected if not l.startswith("error,"))
    errors = [l.split(",") for l in expected if l.startswith("error,") and l.split(",")[1] not in SUBMISSION_CHECKS]
    out = [json.loads(l) for l in run.stdout.splitlines()]
    if not out or "summary" not in out[-1]:
        fail(case, "no summary line: " + run.stdout[-300:] + run.stderr[-300:])
        continue
    got = sorted(",".join([f["code"], f["worker"], f["month"], f["expected"], f["actual"]]) for f in out[:-1])
    if got != want:
        fail(case, f"findings differ:\n  missing {sorted(set(want) - set(got))}\n  extra {sorted(set(got) - set(want))}")
    for _, name, line, field in errors:
        needle = f"{name}: line {line}: {field}:"
        if needle not in run.stderr:
            fail(case, f"stderr does not say '{needle}': {run.stderr.strip()}")
    if run.returncode != (1 if errors else 0):
        fail(case, f"exit code {run.returncode}")
    if out[-1]["summary"]["files_refused"] != len(errors):
        fail(case, "summary miscounts refused files")
    checked += 1

if checked < 4:
    fail("cases", f"only {checked} cases were checked")

# Against a store: an empty node knows no worker, so every line is unknown; nothing is written.
with tempfile.TemporaryDirectory() as tmp:
    store = "sqlite:" + os.path.join(tmp, "node.db")
    init = subprocess.run([binary, "init", "--store", store, "--country", "KWT"], capture_output=True, text=True)
    if init.returncode != 0:
        fail("store", "init failed: " + init.stderr)
    else:
        before = open(os.path.join(tmp, "node.db"), "rb").read()
        sif = os.path.join(cases_dir, "clean_aed_sif", "march.sif")
        run = subprocess.run([binary, "payroll", "check", "--store", store, sif], capture_output=True, text=True)
        out = [json.loads(l) for l in run.stdout.splitlines()]
        if run.returncode != 0 or not out or out[-1]["summary"]["lines"] == 0:
            fail("store", f"exit {run.returncode}: {run.stderr}")
        elif {f["code"] for f in out[:-1]} != {"unknown_worker"}:
            fail("store", "an empty registry should make every line unknown: " + run.stdout[:300])
        if open(os.path.join(tmp, "node.db"), "rb").read() != before:
            fail("store", "the check changed the store")
        bad = subprocess.run([binary, "payroll", "check", "--store", store, "--month", "2026-03",
                              os.path.join(tmp, "absent.sif")], capture_output=True, text=True)
        if bad.returncode != 1 or "absent.sif: cannot read the file" not in bad.stderr:
            fail("store", f"an unreadable file: exit {bad.returncode}, {bad.stderr}")

for f in failures:
    print("FAIL", f)
print(f"{checked + 1 - len(failures) if not failures else 0} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
