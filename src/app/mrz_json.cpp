#include "app/mrz_json.hpp"

namespace corridor::app {
namespace {

json::Value Opt(const std::optional<int>& v) { return v ? json::Value(*v) : json::Value(); }

json::Value DateJson(const mrz::MrzDate& d) {
  json::Object o;
  o.Set("raw", d.raw);
  o.Set("status", std::string(mrz::ToString(d.status)));
  o.Set("date", d.status == mrz::DateStatus::kComplete && d.date ? json::Value(d.date->ToString())
                                                                 : json::Value());
  o.Set("year", Opt(d.year));
  o.Set("month", Opt(d.month));
  o.Set("day", Opt(d.day));
  return o;
}

std::string Char(char c) { return std::string(1, c); }

}  // namespace

json::Value MrzDocumentJson(const mrz::MrzDocument& d, int input_line) {
  json::Object o;
  o.Set("input_line", input_line);
  o.Set("ok", true);
  o.Set("valid", d.valid());
  o.Set("format", std::string(mrz::ToString(d.format)));
  o.Set("kind", std::string(mrz::ToString(d.kind)));
  json::Array lines;
  for (const auto& l : d.lines) lines.push_back(l);
  o.Set("lines", std::move(lines));
  json::Object f;
  f.Set("document_code", d.document_code);
  f.Set("issuing_state", d.issuing_state);
  f.Set("document_number", d.document_number);
  f.Set("nationality", d.nationality);
  f.Set("birth_date", DateJson(d.birth_date));
  f.Set("sex", d.sex);
  f.Set("expiry_date", DateJson(d.expiry_date));
  f.Set("primary_identifier", d.primary_identifier);
  f.Set("secondary_identifier", d.secondary_identifier);
  f.Set("name_truncated", d.name_truncated);
  f.Set("optional_data1", d.optional_data1);
  f.Set("optional_data2", d.optional_data2);
  o.Set("fields", std::move(f));
  json::Array checks;
  for (const auto& c : d.checks) {
    json::Object co;
    co.Set("check", std::string(mrz::ToString(c.kind)));
    co.Set("line", c.position.line);
    co.Set("column", c.position.column);
    co.Set("found", Char(c.found));
    co.Set("computed", Char(c.computed));
    co.Set("valid", c.valid);
    if (!c.note.empty()) co.Set("note", c.note);
    checks.push_back(std::move(co));
  }
  o.Set("checks", std::move(checks));
  json::Array issues;
  for (const auto& i : d.issues) {
    json::Object io;
    io.Set("field", std::string(mrz::ToString(i.field)));
    io.Set("line", i.position.line);
    io.Set("column", i.position.column);
    io.Set("message", i.message);
    issues.push_back(std::move(io));
  }
  o.Set("issues", std::move(issues));
  json::Array suggestions;
  for (const auto& s : d.suggestions) {
    json::Object so;
    so.Set("check", std::string(mrz::ToString(s.check)));
    so.Set("field", std::string(mrz::ToString(s.field)));
    so.Set("line", s.position.line);
    so.Set("column", s.position.column);
    so.Set("from", Char(s.from));
    so.Set("to", Char(s.to));
    so.Set("corrected", s.corrected);
    so.Set("confirmed_by_composite", s.confirmed_by_composite);
    suggestions.push_back(std::move(so));
  }
  o.Set("suggestions", std::move(suggestions));
  json::Array warnings;
  for (const auto& w : d.warnings) warnings.push_back(w);
  o.Set("warnings", std::move(warnings));
  return o;
}

json::Value MrzErrorJson(const Status& s, int input_line) {
  json::Object o;
  o.Set("input_line", input_line);
  o.Set("ok", false);
  json::Object e;
  e.Set("code", std::string(CodeName(s.code())));
  e.Set("message", s.message());
  o.Set("error", std::move(e));
  return o;
}

}  // namespace corridor::app
