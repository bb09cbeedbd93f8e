// Runs every case of tests/data/mrz/*.txt through ParseMrz. The case format is described in
// tests/data/mrz/README.md; adding a case or a file needs no C++.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "mrz/mrz.hpp"

namespace corridor::mrz {
namespace {

struct Case {
  std::string name;      // file stem and case name, for the test's name
  std::string location;  // file:line, for failure messages
  std::string load_error;
  Date today;
  int years_ahead = 20;
  std::vector<std::string> lines;
  std::optional<std::string> error;
  std::map<std::string, std::string> fields;
  std::optional<std::string> valid;
  std::vector<std::string> checks;
  std::vector<std::string> issues;
  std::vector<std::string> suggestions;
  std::vector<std::string> warnings;
};

// gtest prints a parameter on failure; the case's place in its file is what helps.
void PrintTo(const Case& c, std::ostream* os) { *os << c.location; }

const char* const kFieldKeys[] = {"format",
                                  "kind",
                                  "document_code",
                                  "issuing_state",
                                  "document_number",
                                  "nationality",
                                  "birth_date",
                                  "expiry_date",
                                  "sex",
                                  "primary",
                                  "secondary",
                                  "name_truncated",
                                  "optional_data1",
                                  "optional_data2",
                                  "birth_date_raw",
                                  "expiry_date_raw"};

std::string Unquote(std::string v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
  return v;
}

std::string Sanitise(std::string s) {
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

std::vector<Case> LoadFile(const std::filesystem::path& path) {
  std::vector<Case> cases;
  std::ifstream in(path);
  const std::string stem = path.stem().string();
  Date default_today = *Date::Parse("2026-03-01");
  std::optional<Case> current;
  std::string raw;
  int line_no = 0;
  auto fail = [&](const std::string& why) {
    Case c;
    c.name = Sanitise(stem + "_line_" + std::to_string(line_no));
    c.location = path.filename().string() + ":" + std::to_string(line_no);
    c.load_error = why;
    cases.push_back(c);
    current.reset();
  };
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    const size_t b = raw.find_first_not_of(" \t");
    if (b == std::string::npos || raw[b] == '#') continue;
    std::string text = raw.substr(b);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    const size_t sp = text.find(' ');
    const std::string key = text.substr(0, sp);
    const std::string value = sp == std::string::npos ? "" : Unquote(text.substr(sp + 1));
    if (key == "case") {
      if (current) {
        fail("case without end before 'case " + value + "'");
        continue;
      }
      current.emplace();
      std::string name = stem;
      name += '_';
      name += value;
      current->name = Sanitise(std::move(name));
      current->location = path.filename().string() + ":" + std::to_string(line_no);
      current->today = default_today;
      continue;
    }
    if (!current) {
      if (key == "today") {
        auto d = Date::Parse(value);
        if (!d.ok()) {
          fail("bad date " + value);
        } else {
          default_today = *d;
        }
      } else {
        fail("'" + key + "' outside a case");
      }
      continue;
    }
    Case& c = *current;
    if (key == "end") {
      if (!c.error && !c.valid) {
        fail("case " + c.name + " has neither 'valid' nor 'error'");
        continue;
      }
      if (c.error && (c.valid || !c.fields.empty() || !c.checks.empty() || !c.issues.empty() ||
                      !c.suggestions.empty() || !c.warnings.empty())) {
        fail("case " + c.name + " expects an error and a document at once");
        continue;
      }
      cases.push_back(std::move(c));
      current.reset();
    } else if (key == "today") {
      auto d = Date::Parse(value);
      if (!d.ok()) {
        fail("bad date " + value);
        continue;
      }
      c.today = *d;
    } else if (key == "years_ahead") {
      c.years_ahead = std::stoi(value);
    } else if (key == "line") {
      c.lines.push_back(value);
    } else if (key == "error") {
      c.error = value;
    } else if (key == "valid") {
      c.valid = value;
    } else if (key == "check") {
      c.checks.push_back(value);
    } else if (key == "issue") {
      c.issues.push_back(value);
    } else if (key == "suggestion") {
      c.suggestions.push_back(value);
    } else if (key == "warning") {
      c.warnings.push_back(value);
    } else if (std::find(std::begin(kFieldKeys), std::end(kFieldKeys), key) !=
               std::end(kFieldKeys)) {
      if (c.fields.count(key) != 0) {
        fail("'" + key + "' twice in case " + c.name);
        continue;
      }
      c.fields[key] = value;
    } else {
      fail("unknown key '" + key + "'");
    }
  }
  if (current) fail("case " + current->name + " has no end");
  return cases;
}

std::vector<Case> LoadAll() {
  const std::filesystem::path dir = std::filesystem::path(CORRIDOR_SOURCE_DIR) / "tests/data/mrz";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> all;
  for (const auto& f : files) {
    std::vector<Case> cases = LoadFile(f);
    all.insert(all.end(), cases.begin(), cases.end());
  }
  if (all.empty()) {
    Case c;
    c.name = "no_cases";
    c.load_error = "no cases found in " + dir.string();
    all.push_back(c);
  }
  return all;
}

std::string FieldOf(const MrzDocument& d, const std::string& key) {
  if (key == "format") return std::string(ToString(d.format));
  if (key == "kind") return std::string(ToString(d.kind));
  if (key == "document_code") return d.document_code;
  if (key == "issuing_state") return d.issuing_state;
  if (key == "document_number") return d.document_number;
  if (key == "nationality") return d.nationality;
  if (key == "birth_date") return d.birth_date.ToString();
  if (key == "expiry_date") return d.expiry_date.ToString();
  if (key == "birth_date_raw") return d.birth_date.raw;
  if (key == "expiry_date_raw") return d.expiry_date.raw;
  if (key == "sex") return d.sex;
  if (key == "primary") return d.primary_identifier;
  if (key == "secondary") return d.secondary_identifier;
  if (key == "name_truncated") return d.name_truncated ? "true" : "false";
  if (key == "optional_data1") return d.optional_data1;
  if (key == "optional_data2") return d.optional_data2;
  return "<no such field>";
}

class MrzCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(MrzCaseTest, MatchesExpectations) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.location);
  ASSERT_TRUE(c.load_error.empty()) << c.load_error;
  std::vector<std::string_view> views(c.lines.begin(), c.lines.end());
  ParseOptions options(c.today);
  options.expiry_years_ahead = c.years_ahead;
  const Result<MrzDocument> r = ParseMrz(views, options);
  if (c.error) {
    ASSERT_FALSE(r.ok()) << "expected an error containing: " << *c.error;
    EXPECT_THAT(r.status().message(), ::testing::HasSubstr(*c.error));
    return;
  }
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const MrzDocument& d = *r;
  for (const auto& [key, want] : c.fields) {
    EXPECT_EQ(FieldOf(d, key), want) << "field " << key;
  }
  EXPECT_EQ(d.valid() ? "true" : "false", *c.valid) << "valid";

  if (!c.checks.empty()) {
    // "kind line:column pass|fail", then " note: <part of the note>" when the check has one.
    std::vector<std::string> got;
    std::vector<std::string> want;
    for (const CheckResult& k : d.checks) {
      got.push_back(std::string(ToString(k.kind)) + " " + ToString(k.position) + " " +
                    (k.valid ? "pass" : "fail") + (k.note.empty() ? "" : " note"));
    }
    for (const std::string& w : c.checks) {
      const size_t n = w.find(" note: ");
      want.push_back(n == std::string::npos ? w : w.substr(0, n) + " note");
    }
    EXPECT_EQ(got, want) << "checks";
    if (got == want) {
      for (size_t i = 0; i < c.checks.size(); ++i) {
        const size_t n = c.checks[i].find(" note: ");
        if (n != std::string::npos) {
          EXPECT_THAT(d.checks[i].note, ::testing::HasSubstr(c.checks[i].substr(n + 7)));
        }
      }
    }
  }

  std::vector<std::string> got_suggestions;
  for (const Suggestion& s : d.suggestions) {
    got_suggestions.push_back(std::string(ToString(s.field)) + " " + ToString(s.position) + " " +
                              s.from + " " + s.to + " " + s.corrected + " " +
                              (s.confirmed_by_composite ? "confirmed" : "unconfirmed"));
  }
  EXPECT_EQ(got_suggestions, c.suggestions) << "suggestions";

  std::vector<std::string> issue_heads;
  std::vector<std::string> want_heads;
  for (const Issue& i : d.issues) {
    issue_heads.push_back(std::string(ToString(i.field)) + " " + ToString(i.position));
  }
  for (const std::string& w : c.issues) {
    const size_t second = w.find(' ', w.find(' ') + 1);
    want_heads.push_back(w.substr(0, second));
  }
  EXPECT_EQ(issue_heads, want_heads) << "issues (field and position)";
  if (issue_heads == want_heads) {
    for (size_t i = 0; i < c.issues.size(); ++i) {
      const size_t second = c.issues[i].find(' ', c.issues[i].find(' ') + 1);
      if (second != std::string::npos) {
        EXPECT_THAT(d.issues[i].message, ::testing::HasSubstr(c.issues[i].substr(second + 1)));
      }
    }
  }

  ASSERT_EQ(d.warnings.size(), c.warnings.size())
      << "warnings: " << ::testing::PrintToString(d.warnings);
  for (size_t i = 0; i < c.warnings.size(); ++i) {
    EXPECT_THAT(d.warnings[i], ::testing::HasSubstr(c.warnings[i]));
  }
}

INSTANTIATE_TEST_SUITE_P(Data, MrzCaseTest, ::testing::ValuesIn(LoadAll()),
                         [](const ::testing::TestParamInfo<Case>& p) { return p.param.name; });

}  // namespace
}  // namespace corridor::mrz
