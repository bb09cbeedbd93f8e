#!/usr/bin/python3
"""Embeds a text file in the binary: a function returning its bytes.

usage: embed_text.py FUNCTION_NAME SOURCE OUT.cpp [NAMESPACE]

NAMESPACE defaults to corridor::http.
"""
import sys

name, source, target = sys.argv[1], sys.argv[2], sys.argv[3]
namespace = sys.argv[4] if len(sys.argv) > 4 else "corridor::http"
with open(source, "rb") as f:
    data = f.read()
data.decode("utf-8")  # must be UTF-8 text
with open(target, "w", encoding="utf-8") as out:
    out.write(f"// Generated from {source.split('/')[-2]}/{source.split('/')[-1]} by "
              "scripts/embed_text.py; do not edit.\n#include <string_view>\n\n")
    out.write(f"namespace {namespace} {{\n\n")
    out.write(f"std::string_view {name}() {{\n  static constexpr unsigned char kData[] = {{")
    for i, b in enumerate(data):
        if i % 20 == 0:
            out.write("\n      ")
        out.write(f"{b},")
    out.write("0};\n")
    out.write(f"  return {{reinterpret_cast<const char*>(kData), {len(data)}}};\n}}\n\n")
    out.write(f"}}  // namespace {namespace}\n")
