#!/usr/bin/env python3
"""Fails when a module includes what it does not declare (docs/architecture.md, "Modules").

Reads the manifest that CMake writes (cmake/modules.cmake, corridor_write_module_manifest):

    module NAME public=a,b private=c,d     a library under src/NAME/
    tests NAME deps=NAME,x_testing,...     a test binary or test-helper library of NAME

and every C++ file under src/. A file of module M may include headers of M itself and of the
modules M declares. A header (.hpp) may include only M's public dependencies, since whoever
includes the header sees them. Test files (*_test.cpp, testing.hpp/.cpp, test_support.hpp) may
include whatever their test binaries link. Libraries outside the project are confined to the
files named in EXTERNAL below, so that Boost.Beast, OpenSSL and the database client libraries
stay in the few translation units built around them.

    module_deps.py SOURCE_DIR MANIFEST
"""
import fnmatch
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

# External headers (by prefix) and the files that may include them.
EXTERNAL = {
    "boost/": ["src/http/server.cpp", "src/http/listener.cpp", "src/http/session.cpp",
               "src/http/tls.cpp", "src/http/server_core.hpp",
               "src/federation/http_transport.cpp"],
    "openssl/": ["src/crypto/crypto.cpp", "src/http/tls.cpp",
                 "src/federation/http_transport.cpp"],
    "sodium": ["src/crypto/crypto.cpp"],
    "sqlite3.h": ["src/store/sqlite/*"],
    "libpq-fe.h": ["src/store/postgres/*"],
    "unicode/": ["src/screening/*"],
    "libxml/": ["src/screening/*"],
    "qrencode.h": ["src/http/document.cpp"],
    "CLI/": ["src/app/*"],
}


def is_test_file(name):
    return (name.endswith(("_test.cpp", "_testing.hpp")) or name in ("testing.hpp", "testing.cpp")
            or name == "test_support.hpp")


def read_manifest(path):
    modules, tests = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            fields = dict(p.split("=", 1) for p in parts[2:])
            split = lambda k: [x for x in fields.get(k, "").split(",") if x]
            if parts[0] == "module":
                modules[parts[1]] = (set(split("public")), set(split("private")))
            elif parts[0] == "tests":
                tests.setdefault(parts[1], set()).update(split("deps"))
    return modules, tests


def closure(modules, start):
    seen, todo = set(), list(start)
    while todo:
        m = todo.pop()
        if m.endswith("_testing"):
            m = m[: -len("_testing")]
        if m in seen or m not in modules:
            continue
        seen.add(m)
        todo.extend(modules[m][0] | modules[m][1])
    return seen


def main():
    root, manifest = sys.argv[1], sys.argv[2]
    modules, tests = read_manifest(manifest)
    src = os.path.join(root, "src")
    errors = []
    checked = 0
    for module in sorted(os.listdir(src)):
        mdir = os.path.join(src, module)
        if not os.path.isdir(mdir):
            continue
        if module not in modules:
            errors.append(f"src/{module}/ is not declared with corridor_module()")
            continue
        public, private = modules[module]
        test_allowed = closure(modules, {module} | tests.get(module, set()))
        for dirpath, _, files in os.walk(mdir):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                checked += 1
                for m in INCLUDE.finditer(text):
                    kind, target = m.group(1), m.group(2)
                    line = text.count("\n", 0, m.start()) + 1
                    where = f"{rel}:{line}"
                    if kind == "<":
                        for prefix, allowed in EXTERNAL.items():
                            if target.startswith(prefix) and not any(
                                    fnmatch.fnmatch(rel, pat) for pat in allowed):
                                errors.append(f"{where}: includes <{target}>, which only "
                                              f"{', '.join(allowed)} may include")
                        continue
                    dep = target.split("/", 1)[0] if "/" in target else module
                    if dep == module or dep not in modules:
                        continue
                    if is_test_file(name):
                        if dep not in test_allowed:
                            errors.append(f"{where}: a test of '{module}' includes {target}, "
                                          f"but its test binary does not link '{dep}'")
                    elif name.endswith(".hpp") and dep not in public:
                        what = "declares it only in DEPS (private)" if dep in private else \
                            "does not declare it"
                        errors.append(f"{where}: header of '{module}' includes {target}; "
                                      f"'{module}' {what}, so it must be in PUBLIC_DEPS")
                    elif dep not in public and dep not in private:
                        errors.append(f"{where}: '{module}' includes {target} but does not "
                                      f"declare a dependency on '{dep}'")
    for e in errors:
        print(e)
    print(f"{checked} files checked, {len(errors)} undeclared includes")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
