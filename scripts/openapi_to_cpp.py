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
if ')json"' in text:
    sys.exit("openapi_to_cpp: the document contains the raw-string terminator")
with open(target, "w", encoding="utf-8") as out:
    out.write("// Generated from docs/openapi.yaml by scripts/openapi_to_cpp.py; do not edit.\n")
    out.write('#include "http/openapi.hpp"\n\nnamespace corridor::http {\n\n')
    out.write("std::string_view OpenApiJson() {\n")
    out.write('  static constexpr char kJson[] = R"json(' + text + ')json";\n')
    out.write("  return {kJson, sizeof(kJson) - 1};\n}\n\n}  // namespace corridor::http\n")
