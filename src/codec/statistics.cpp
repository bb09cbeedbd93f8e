#include "codec/statistics.hpp"

#include <string>

#include "codec/reader.hpp"
#include "core/csv.hpp"

namespace corridor::codec {
namespace {

json::Value PolicyToJson(const domain::DisclosurePolicy& p) {
  json::Object o;
  o.Set("threshold", p.threshold);
  o.Set("rounding_base", p.rounding_base);
  return o;
}

Result<domain::DisclosurePolicy> PolicyFromJson(const json::Value* v, const std::string& path) {
  if (v == nullptr || !v->is_object()) {
    return Status::InvalidArgument("is required, an object", path);
  }
  ObjectReader r(*v, path);
  domain::DisclosurePolicy p;
  p.threshold = r.Int64("threshold");
  p.rounding_base = r.Int64("rounding_base");
  RETURN_IF_ERROR(r.Finish());
  Status s = domain::ValidateDisclosurePolicy(p);
  if (!s.ok()) return Status::InvalidArgument(s.message(), path + "." + s.field());
  return p;
}

json::Value Figure(const std::optional<int64_t>& v) { return v ? json::Value(*v) : json::Value(); }

json::Value Strings(const std::vector<std::string>& values) {
  json::Array a;
  for (const auto& v : values) a.push_back(v);
  return a;
}

}  // namespace

Result<std::vector<domain::IndicatorDefinition>> IndicatorDefinitionsFromJson(
    const json::Value& v) {
  const json::Value* list = v.Get("indicators");
  if (list == nullptr || !list->is_array()) {
    return Status::InvalidArgument("is required, an array", "indicators");
  }
  std::vector<domain::IndicatorDefinition> out;
  for (size_t k = 0; k < list->AsArray().size(); ++k) {
    const json::Value& item = list->AsArray()[k];
    const std::string path = "indicators[" + std::to_string(k) + "]";
    if (!item.is_object()) return Status::InvalidArgument("must be an object", path);
    domain::IndicatorDefinition d;
    const json::Value* id = item.Get("id");
    const json::Value* kind = item.Get("kind");
    const json::Value* extra = item.Get("extra_dimension");
    const json::Value* dims = item.Get("dimensions");
    if (id == nullptr || !id->is_string() || id->AsString().empty()) {
      return Status::InvalidArgument("is required, a string", path + ".id");
    }
    d.id = id->AsString();
    if (kind == nullptr || !kind->is_string()) {
      return Status::InvalidArgument("is required, a string", path + ".kind");
    }
    auto parsed = domain::ParseIndicatorKind(kind->AsString());
    if (!parsed.ok()) return Status::InvalidArgument(parsed.status().message(), path + ".kind");
    d.kind = *parsed;
    if (extra != nullptr) {
      if (!extra->is_string())
        return Status::InvalidArgument("must be a string", path + ".extra_dimension");
      d.extra_dimension = extra->AsString();
    }
    if (dims == nullptr || !dims->is_array()) {
      return Status::InvalidArgument("is required, an array", path + ".dimensions");
    }
    for (const auto& dim : dims->AsArray()) {
      if (!dim.is_string()) {
        return Status::InvalidArgument("must hold strings", path + ".dimensions");
      }
      d.dimensions.push_back(dim.AsString());
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<domain::DisclosurePolicy> DisclosureDefaultsFromJson(const json::Value& v) {
  return PolicyFromJson(v.Get("disclosure"), "disclosure");
}

json::Value ToJson(const domain::ReleaseSummary& r) {
  json::Object o;
  o.Set("id", r.id);
  o.Set("month", r.id);
  o.Set("reference_date", r.reference_date.ToString());
  o.Set("made_at", r.made_at.ToString());
  o.Set("disclosure", PolicyToJson(r.policy));
  o.Set("sha256", r.sha256);
  o.Set("indicators", Strings(r.indicators));
  o.Set("tables", r.tables);
  o.Set("figures", r.figures);
  return o;
}

Result<domain::ReleaseSummary> ReleaseSummaryFromJson(const json::Value& v) {
  if (!v.is_object()) return Status::InvalidArgument("a release must be an object", "");
  ObjectReader r(v, "");
  domain::ReleaseSummary s;
  s.id = r.String("id");
  const std::string month = r.String("month");
  s.reference_date = r.DateField("reference_date");
  s.made_at = r.TimestampField("made_at");
  const json::Value* policy = r.Raw("disclosure");
  s.sha256 = r.String("sha256");
  s.indicators = r.StringList("indicators");
  s.tables = r.Int64("tables");
  s.figures = r.Int64("figures");
  RETURN_IF_ERROR(r.Finish());
  RETURN_IF_ERROR(domain::ValidateReleaseId(s.id));
  if (month != s.id) return Status::InvalidArgument("must be the release's id", "month");
  ASSIGN_OR_RETURN(s.policy, PolicyFromJson(policy, "disclosure"));
  return s;
}

json::Value ReleasedTableToJson(const domain::ReleasedTable& t, std::string_view release,
                                const domain::DisclosurePolicy& policy) {
  const domain::PublishedTable& p = t.published;
  json::Object o;
  o.Set("indicator", t.indicator);
  o.Set("release", release);
  if (!t.month.empty()) o.Set("month", t.month);
  json::Object rows;
  rows.Set("dimension", t.row_dimension);
  rows.Set("values", Strings(t.row_values));
  o.Set("rows", std::move(rows));
  const auto at = [&](size_t i, size_t j) { return Figure(p.values[i * (p.cols + 1) + j]); };
  json::Array row_totals;
  for (size_t i = 0; i < p.rows; ++i) row_totals.push_back(at(i, p.cols));
  if (!t.col_dimension.empty()) {
    json::Object cols;
    cols.Set("dimension", t.col_dimension);
    cols.Set("values", Strings(t.col_values));
    o.Set("cols", std::move(cols));
    json::Array cells;
    for (size_t i = 0; i < p.rows; ++i) {
      json::Array row;
      for (size_t j = 0; j < p.cols; ++j) row.push_back(at(i, j));
      cells.push_back(std::move(row));
    }
    o.Set("cells", std::move(cells));
    o.Set("row_totals", std::move(row_totals));
    json::Array col_totals;
    for (size_t j = 0; j < p.cols; ++j) col_totals.push_back(at(p.rows, j));
    o.Set("col_totals", std::move(col_totals));
  } else {
    o.Set("row_totals", std::move(row_totals));
  }
  o.Set("total", at(p.rows, p.cols));
  o.Set("suppressed", "null marks a figure withheld by disclosure control");
  o.Set("disclosure", PolicyToJson(policy));
  return o;
}

namespace {

void AppendDictionaryLine(std::string& out, std::string_view name, std::string_view kind,
                          std::string_view meaning) {
  AppendCsvField(out, name);
  out += ',';
  AppendCsvField(out, kind);
  out += ',';
  AppendCsvField(out, meaning);
  out += '\n';
}

}  // namespace

Result<std::string> DictionaryCsv(const json::Value& file,
                                  std::span<const domain::IndicatorDefinition> released) {
  const json::Value* dims = file.Get("dimensions");
  if (dims == nullptr || !dims->is_object()) {
    return Status::InvalidArgument("is required, an object", "dimensions");
  }
  std::string out = "name,kind,meaning\n";
  AppendDictionaryLine(out, "indicator", "column",
                       "the indicator's id (a line of kind flow, stock or share below)");
  for (const std::string& column : domain::FiguresCsvColumns(released)) {
    const json::Value* meaning = dims->Get(column);
    if (meaning != nullptr) {
      if (!meaning->is_string()) {
        return Status::InvalidArgument("must be a string", "dimensions." + column);
      }
      AppendDictionaryLine(out, column, "column",
                           meaning->AsString() + "; empty: the figure is a total over it");
      continue;
    }
    // An indicator's own breakdown: say whose.
    std::string whose;
    for (const auto& d : released) {
      if (d.extra_dimension != column) continue;
      whose += (whose.empty() ? "" : ", ") + d.id;
    }
    if (whose.empty()) {
      return Status::InvalidArgument("has no meaning for column " + column, "dimensions");
    }
    AppendDictionaryLine(out, column, "column",
                         "the own breakdown of " + whose +
                             " (its values as the indicator's definition names them); empty: "
                             "the figure is a total over it");
  }
  AppendDictionaryLine(out, "value", "column",
                       "the figure, rounded under disclosure control; empty when withheld");
  AppendDictionaryLine(out, "flag", "column",
                       "suppressed when the figure is withheld by disclosure control, else empty");

  const json::Value* list = file.Get("indicators");
  if (list == nullptr || !list->is_array()) {
    return Status::InvalidArgument("is required, an array", "indicators");
  }
  for (const auto& d : released) {
    const json::Value* definition = nullptr;
    for (const auto& item : list->AsArray()) {
      const json::Value* id = item.is_object() ? item.Get("id") : nullptr;
      if (id != nullptr && id->is_string() && id->AsString() == d.id) {
        definition = item.Get("definition");
      }
    }
    if (definition == nullptr || !definition->is_string()) {
      return Status::InvalidArgument("has no definition of " + d.id, "indicators");
    }
    AppendDictionaryLine(out, d.id, domain::ToString(d.kind), definition->AsString());
  }
  return out;
}

json::Value OpenDataManifest(const domain::ReleaseSummary& r, std::string_view node,
                             std::string_view country,
                             const std::vector<domain::OpenDataFile>& files) {
  json::Object o;
  o.Set("type", std::string(kOpenDataType));
  o.Set("release", r.id);
  o.Set("node", std::string(node));
  o.Set("country", std::string(country));
  o.Set("reference_date", r.reference_date.ToString());
  o.Set("made_at", r.made_at.ToString());
  o.Set("disclosure", PolicyToJson(r.policy));
  o.Set("sha256", r.sha256);
  json::Array list;
  for (const auto& f : files) {
    json::Object item;
    item.Set("name", f.name);
    item.Set("content_type", f.content_type);
    item.Set("bytes", f.bytes);
    item.Set("sha256", f.sha256);
    list.push_back(std::move(item));
  }
  o.Set("files", std::move(list));
  return o;
}

}  // namespace corridor::codec
