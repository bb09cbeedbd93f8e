// The border's configuration (the screening thresholds and limits a node runs with) and the
// watchlist files an administrator imports, read into entries before the index is rebuilt.
#include <algorithm>
#include <set>
#include <sstream>

#include "codec/border.hpp"
#include "core/encoding.hpp"
#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "mrz/mrz.hpp"
#include "screening/lists.hpp"
#include "screening/normalize.hpp"
#include "service/border.hpp"

namespace corridor::service {
namespace {

using screening::WatchlistEntry;

// ---------------------------------------------------------------- configuration

struct DoubleField {
  const char* name;
  double screening::MatchConfig::*field;
};

constexpr DoubleField kMatchDoubles[] = {
    {"match_threshold", &screening::MatchConfig::match_threshold},
    {"review_threshold", &screening::MatchConfig::review_threshold},
    {"sim_exact", &screening::MatchConfig::sim_exact},
    {"sim_variant", &screening::MatchConfig::sim_variant},
    {"sim_joined", &screening::MatchConfig::sim_joined},
    {"sim_transliterated", &screening::MatchConfig::sim_transliterated},
    {"sim_phonetic", &screening::MatchConfig::sim_phonetic},
    {"sim_edit1", &screening::MatchConfig::sim_edit1},
    {"sim_edit2", &screening::MatchConfig::sim_edit2},
    {"sim_translit_consonant", &screening::MatchConfig::sim_translit_consonant},
    {"sim_initial", &screening::MatchConfig::sim_initial},
    {"min_pair_similarity", &screening::MatchConfig::min_pair_similarity},
    {"common_weight_cap", &screening::MatchConfig::common_weight_cap},
    {"optional_weight_factor", &screening::MatchConfig::optional_weight_factor},
    {"initial_weight", &screening::MatchConfig::initial_weight},
    {"min_weight", &screening::MatchConfig::min_weight},
    {"missing_query_factor", &screening::MatchConfig::missing_query_factor},
    {"missing_entry_factor", &screening::MatchConfig::missing_entry_factor},
    {"conflict_factor", &screening::MatchConfig::conflict_factor},
    {"conflict_min_weight", &screening::MatchConfig::conflict_min_weight},
    {"evidence_required", &screening::MatchConfig::evidence_required},
    {"evidence_floor", &screening::MatchConfig::evidence_floor},
    {"extra_part_evidence", &screening::MatchConfig::extra_part_evidence},
    {"low_quality_alias_factor", &screening::MatchConfig::low_quality_alias_factor},
    {"dob_same_date", &screening::MatchConfig::dob_same_date},
    {"dob_same_year", &screening::MatchConfig::dob_same_year},
    {"dob_conflict", &screening::MatchConfig::dob_conflict},
    {"nationality_same", &screening::MatchConfig::nationality_same},
    {"nationality_conflict", &screening::MatchConfig::nationality_conflict},
    {"sex_conflict", &screening::MatchConfig::sex_conflict},
};

struct SizeField {
  const char* name;
  size_t screening::MatchConfig::*field;
};
constexpr SizeField kMatchSizes[] = {
    {"edit1_min_length", &screening::MatchConfig::edit1_min_length},
    {"edit2_min_length", &screening::MatchConfig::edit2_min_length},
};

struct SearchSizeField {
  const char* name;
  size_t screening::SearchOptions::*field;
};
constexpr SearchSizeField kSearchSizes[] = {
    {"max_candidates", &screening::SearchOptions::max_candidates},
    {"common_posting_limit", &screening::SearchOptions::common_posting_limit},
    {"max_confirm", &screening::SearchOptions::max_confirm},
    {"max_postings", &screening::SearchOptions::max_postings},
    {"max_results", &screening::SearchOptions::max_results},
};

Result<double> Number(const json::Value& v, const std::string& path) {
  if (!v.is_number()) return Status::InvalidArgument("must be a number", path);
  return v.AsNumber();
}

Result<size_t> Count(const json::Value& v, const std::string& path) {
  auto n = v.AsInt64();
  if (!v.is_number() || !n.ok() || *n < 0 || *n > 100'000'000) {
    return Status::InvalidArgument("must be a whole number from 0 to 100000000", path);
  }
  return static_cast<size_t>(*n);
}

Result<screening::Decision> ParseDecision(std::string_view text) {
  for (auto d :
       {screening::Decision::kNoMatch, screening::Decision::kReview, screening::Decision::kMatch}) {
    if (screening::DecisionName(d) == text) return d;
  }
  return Status::InvalidArgument("must be no_match, review or match");
}
}  // namespace

// ---------------------------------------------------------------- configuration

Status BorderConfig::Validate() const {
  RETURN_IF_ERROR(match.Validate().WithContext("match"));
  if (search.max_results < 1 || search.max_results > 1000) {
    return Status::InvalidArgument("must be 1 to 1000", "search.max_results");
  }
  if (search.max_candidates < 1) {
    return Status::InvalidArgument("must be at least 1", "search.max_candidates");
  }
  if (overstay_grace_days < 0 || overstay_grace_days > 3650) {
    return Status::InvalidArgument("must be 0 to 3650", "overstay_grace_days");
  }
  if (mrz_expiry_years_ahead < 0 || mrz_expiry_years_ahead > 99) {
    return Status::InvalidArgument("must be 0 to 99", "mrz_expiry_years_ahead");
  }
  return Status::Ok();
}

Result<BorderConfig> BorderConfigFromJson(const json::Value& v) {
  if (!v.is_object()) return Status::InvalidArgument("must be a JSON object", "config");
  BorderConfig c;
  for (const auto& [key, value] : v.AsObject()) {
    if (key == "match") {
      if (!value.is_object()) return Status::InvalidArgument("must be an object", "match");
      for (const auto& [k, x] : value.AsObject()) {
        const std::string path = "match." + k;
        bool known = false;
        for (const auto& f : kMatchDoubles) {
          if (k != f.name) continue;
          ASSIGN_OR_RETURN(c.match.*f.field, Number(x, path));
          known = true;
        }
        for (const auto& f : kMatchSizes) {
          if (k != f.name) continue;
          ASSIGN_OR_RETURN(c.match.*f.field, Count(x, path));
          known = true;
        }
        if (!known) return Status::InvalidArgument("is not a known setting", path);
      }
    } else if (key == "search") {
      if (!value.is_object()) return Status::InvalidArgument("must be an object", "search");
      for (const auto& [k, x] : value.AsObject()) {
        const std::string path = "search." + k;
        bool known = false;
        for (const auto& f : kSearchSizes) {
          if (k != f.name) continue;
          ASSIGN_OR_RETURN(c.search.*f.field, Count(x, path));
          known = true;
        }
        if (k == "dob_rank_bonus") {
          ASSIGN_OR_RETURN(double d, Number(x, path));
          c.search.dob_rank_bonus = static_cast<float>(d);
          known = true;
        } else if (k == "min_decision") {
          if (!x.is_string()) return Status::InvalidArgument("must be a string", path);
          auto d = ParseDecision(x.AsString());
          if (!d.ok()) return d.status().WithField(path);
          c.search.min_decision = *d;
          known = true;
        } else if (k == "screen_entities") {
          if (!x.is_bool()) return Status::InvalidArgument("must be true or false", path);
          c.search.screen_entities = x.AsBool();
          known = true;
        }
        if (!known) return Status::InvalidArgument("is not a known setting", path);
      }
    } else if (key == "overstay_grace_days" || key == "mrz_expiry_years_ahead") {
      auto n = value.AsInt64();
      if (!value.is_number() || !n.ok() || *n < -1'000'000 || *n > 1'000'000) {
        return Status::InvalidArgument("must be a whole number", key);
      }
      (key == "overstay_grace_days" ? c.overstay_grace_days : c.mrz_expiry_years_ahead) =
          static_cast<int>(*n);
    } else {
      return Status::InvalidArgument("is not a known setting", key);
    }
  }
  RETURN_IF_ERROR(c.Validate());
  return c;
}

Result<ListFormat> ParseListFormat(std::string_view text) {
  for (ListFormat f : {ListFormat::kUnXml, ListFormat::kOfacCsv, ListFormat::kCsv}) {
    if (ToString(f) == text) return f;
  }
  return Status::InvalidArgument("must be un-xml, ofac-csv or csv");
}

std::string_view ToString(ListFormat f) {
  switch (f) {
    case ListFormat::kUnXml:
      return "un-xml";
    case ListFormat::kOfacCsv:
      return "ofac-csv";
    case ListFormat::kCsv:
      return "csv";
  }
  return "?";
}

// ---------------------------------------------------------------- list files

Result<std::map<std::string, std::vector<WatchlistEntry>>> ParseListFiles(
    ListFormat format, const std::vector<SourceFile>& files) {
  std::vector<std::vector<WatchlistEntry>> parsed;
  switch (format) {
    case ListFormat::kUnXml: {
      if (files.size() != 1) {
        return Status::InvalidArgument("un-xml takes one file, the consolidated list", "files");
      }
      std::istringstream in(files[0].bytes);
      auto r = screening::ParseUnConsolidatedList(in);
      if (!r.ok()) return r.status().WithContext(files[0].name);
      parsed.push_back(std::move(*r));
      break;
    }
    case ListFormat::kOfacCsv: {
      if (files.empty() || files.size() > 2) {
        return Status::InvalidArgument(
            "ofac-csv takes the main file (sdn.csv) and, optionally, "
            "the alias file (alt.csv)",
            "files");
      }
      std::istringstream sdn(files[0].bytes);
      std::istringstream alt(files.size() > 1 ? files[1].bytes : std::string());
      auto r = screening::ParseOfacSdn(sdn, alt);
      if (!r.ok()) {
        return r.status().WithContext(files[0].name +
                                      (files.size() > 1 ? " and " + files[1].name : ""));
      }
      parsed.push_back(std::move(*r));
      break;
    }
    case ListFormat::kCsv: {
      if (files.empty()) return Status::InvalidArgument("no file given", "files");
      for (const auto& f : files) {
        std::istringstream in(f.bytes);
        auto r = screening::ParseNationalList(in);
        if (!r.ok()) return r.status().WithContext(f.name);
        parsed.push_back(std::move(*r));
      }
      break;
    }
  }
  std::map<std::string, std::vector<WatchlistEntry>> by_list;
  std::map<std::string, std::set<std::string>> seen;
  for (size_t i = 0; i < parsed.size(); ++i) {
    for (auto& e : parsed[i]) {
      if (!seen[e.list].insert(e.entry_id).second) {
        return Status::InvalidArgument("entry id '" + e.entry_id + "' of list " + e.list +
                                           " appears twice (" +
                                           files[std::min(i, files.size() - 1)].name + ")",
                                       "files");
      }
      by_list[e.list].push_back(std::move(e));
    }
  }
  if (by_list.empty()) {
    return Status::InvalidArgument(
        "the files hold no entries; an empty list is refused (a "
        "truncated download would otherwise clear a list)",
        "files");
  }
  return by_list;
}

}  // namespace corridor::service
