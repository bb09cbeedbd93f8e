#!/usr/bin/python3
"""Embeds docs/openapi.yaml into the binary as JSON (served at /api/v1/openapi.json).

usage: openapi_to_cpp.py docs/openapi.yaml OUT.cpp
"""
import json
import sys

import yaml

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    document = yaml.safe_load(f)
text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
data = text.encode("utf-8")
# A byte array, not a string literal: the document is longer than the 65,536 characters a string
# literal may portably have (clang's -Woverlength-strings).
with open(target, "w", encoding="utf-8") as out:
    out.write("// Generated from docs/openapi.yaml by scripts/openapi_to_cpp.py; do not edit.\n")
    out.write('#include "http/openapi.hpp"\n\nnamespace corridor::http {\n\n')
    out.write("std::string_view OpenApiJson() {\n  static constexpr unsigned char kJson[] = {")
    for i, b in enumerate(data):
        if i % 20 == 0:
            out.write("\n      ")
        out.write(f"{b},")
    out.write("0};\n")
    out.write(f"  return {{reinterpret_cast<const char*>(kJson), {len(data)}}};\n}}\n\n")
    out.write("}  // namespace corridor::http\n")
