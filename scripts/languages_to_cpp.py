#!/usr/bin/python3
"""Generates the node's table of languages from data/i18n/languages.json (the one list, which
the portal reads too). Refuses a list that is not well-formed, so a bad edit fails the build.

usage: languages_to_cpp.py languages.json OUT.cpp
"""
import json
import re
import sys

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    doc = json.load(f)


def fail(message):
    sys.exit(f"{source}: {message}")


langs = doc.get("languages")
if not isinstance(langs, list) or not langs:
    fail("'languages' must be a non-empty array")
seen = set()
for i, lang in enumerate(langs):
    code = lang.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}", code):
        fail(f"languages[{i}].code must be a BCP 47 primary subtag (2 or 3 lower-case letters)")
    if code in seen:
        fail(f"languages[{i}].code '{code}' appears twice")
    seen.add(code)
    if not isinstance(lang.get("name"), str) or not lang["name"]:
        fail(f"languages[{i}].name must be a non-empty string")
    if lang.get("dir") not in ("ltr", "rtl"):
        fail(f"languages[{i}].dir must be 'ltr' or 'rtl'")
    portal = lang.get("portal")
    if portal is not None and not (isinstance(portal, dict) and isinstance(portal.get("locale"), str)
                                   and isinstance(portal.get("fallback"), str)):
        fail(f"languages[{i}].portal must have a locale and a fallback")
    unknown = set(lang) - {"code", "name", "dir", "portal"}
    if unknown:
        fail(f"languages[{i}] has unknown members {sorted(unknown)}")
if langs[0]["code"] != "en" or "portal" not in langs[0]:
    fail("English comes first and is offered by the portal (the fallback of every catalog)")


def literal(text):
    return '"' + "".join(c if c not in '"\\' else "\\" + c for c in text) + '"'


with open(target, "w", encoding="utf-8") as out:
    out.write("// Generated from data/i18n/languages.json by scripts/languages_to_cpp.py; "
              "do not edit.\n")
    out.write('#include "domain/reference.hpp"\n\nnamespace corridor::domain {\n\n')
    out.write("std::span<const LanguageInfo> Languages() {\n")
    out.write("  static constexpr LanguageInfo kLanguages[] = {\n")
    for lang in langs:
        out.write(f"      {{{literal(lang['code'])}, {literal(lang['name'])}, "
                  f"{'true' if lang['dir'] == 'rtl' else 'false'}, "
                  f"{'true' if 'portal' in lang else 'false'}}},\n")
    out.write("  };\n  return kLanguages;\n}\n\n}  // namespace corridor::domain\n")
