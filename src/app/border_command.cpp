#include "app/border_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/key_file.hpp"
#include "app/mrz_json.hpp"
#include "app/name_data.hpp"
#include "codec/border.hpp"
#include "core/clock.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "domain/account.hpp"
#include "mrz/mrz.hpp"
#include "service/border.hpp"
#include "store/accounts.hpp"
#include "store/border_store.hpp"

namespace corridor::app {
namespace {

constexpr size_t kMaxMrzInput = 1 << 20;

std::string Describe(const Status& s) {
  std::string out = s.message();
  if (!s.field().empty() && out.find(s.field()) != 0) out = s.field() + ": " + out;
  return out;
}

// ---------------------------------------------------------------- mrz parse

int RunMrzParse(const BorderCommands& o) {
  Date today = SystemClock().Now().date();
  if (!o.today.empty()) {
    auto d = Date::Parse(o.today);
    if (!d.ok()) {
      std::fprintf(stderr, "corridor: --today: %s\n", d.status().message().c_str());
      return 2;
    }
    today = *d;
  }
  if (today.year() < 1900 || today.year() > 9899) {
    std::fprintf(stderr, "corridor: --today must lie between the years 1900 and 9899\n");
    return 2;
  }
  if (o.expiry_years_ahead < 0 || o.expiry_years_ahead > 99) {
    std::fprintf(stderr, "corridor: --expiry-years-ahead must be 0 to 99\n");
    return 2;
  }
  std::string text;
  if (!o.lines.empty()) {
    for (size_t i = 0; i < o.lines.size(); ++i) text += (i ? "\n" : "") + o.lines[i];
  } else {
    std::vector<char> buf(kMaxMrzInput + 1);
    std::cin.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    text.assign(buf.data(), static_cast<size_t>(std::cin.gcount()));
  }
  if (text.size() > kMaxMrzInput) {
    std::fprintf(stderr, "corridor: the input is over the limit of 1 MiB; nothing was parsed\n");
    return 2;
  }
  mrz::ParseOptions options(today);
  options.expiry_years_ahead = o.expiry_years_ahead;
  const auto blocks = mrz::SplitDocuments(text);
  bool all_valid = !blocks.empty();
  std::string out = "[";
  for (size_t i = 0; i < blocks.size(); ++i) {
    auto doc = mrz::ParseMrz(blocks[i].lines, options);
    json::Value v = doc.ok() ? MrzDocumentJson(*doc, blocks[i].first_line)
                             : MrzErrorJson(doc.status(), blocks[i].first_line);
    all_valid = all_valid && doc.ok() && doc->valid();
    out += (i ? ",\n" : "\n") + json::Write(v);
  }
  out += blocks.empty() ? "]\n" : "\n]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (blocks.empty())
    std::fprintf(stderr, "corridor: no MRZ lines (the input is empty or blank)\n");
  return all_valid ? 0 : 1;
}

// ---------------------------------------------------------------- shared

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::InvalidArgument("cannot read " + path);
  return text.str();
}

Result<service::BorderConfig> LoadConfig(const ScreeningOptions& s) {
  ASSIGN_OR_RETURN(service::BorderConfig c, LoadBorderConfigFile(s.config));
  if (s.match_threshold >= 0) c.match.match_threshold = s.match_threshold;
  if (s.review_threshold >= 0) c.match.review_threshold = s.review_threshold;
  RETURN_IF_ERROR(c.Validate());
  return c;
}

Result<std::unique_ptr<screening::NameKnowledge>> Knowledge(const ScreeningOptions& s) {
  if (s.no_reading_data) return LoadNameKnowledge("", "");
  return LoadNameKnowledge();
}

// The store, read-only unless `key` says where the node's key is (or the default is wanted).
struct OpenStore {
  SystemClock clock;
  crypto::SodiumRng rng;
  std::optional<crypto::SigningKey> key;
  std::unique_ptr<store::Store> store;
};

Result<std::unique_ptr<OpenStore>> Open(const std::string& uri, bool write,
                                        const std::string& key_option) {
  crypto::Init();
  auto o = std::make_unique<OpenStore>();
  store::StoreOptions options;
  options.clock = &o->clock;
  if (write) {
    std::string key_path = key_option;
    if (key_path.empty()) {
      ASSIGN_OR_RETURN(key_path, DefaultKeyPath(uri));
    }
    ASSIGN_OR_RETURN(auto key, ReadKeyFile(key_path));
    o->key.emplace(std::move(key));
    options.rng = &o->rng;
    options.key = &*o->key;
  }
  ASSIGN_OR_RETURN(o->store, store::Store::Open(uri, options));
  return o;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

double Round3(double x) { return std::round(x * 1000) / 1000; }

std::string Score(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

// ---------------------------------------------------------------- screen import

int RunScreenImport(const BorderCommands& o) {
  auto format = service::ParseListFormat(o.list_format);
  if (!format.ok()) return Fail("--list " + format.status().message());
  std::vector<service::SourceFile> files;
  for (const auto& path : o.files) {
    auto bytes = ReadFile(path);
    if (!bytes.ok()) return Fail(bytes.status().message());
    files.push_back({path, std::move(*bytes)});
  }
  auto opened = Open(o.store, true, o.key);
  if (!opened.ok()) return Fail(Describe(opened.status()));
  auto knowledge = Knowledge(o.screening);
  if (!knowledge.ok()) return Fail(Describe(knowledge.status()));
  auto config = LoadConfig(o.screening);
  if (!config.ok()) return Fail(Describe(config.status()));
  service::Border border(*(*opened)->store, **knowledge, *config);
  auto done = border.ImportLists(domain::SystemActor(), *format, files);
  if (!done.ok()) return Fail(Describe(done.status()) + "; nothing was imported");
  for (const auto& r : *done) {
    std::printf(
        "%s: version %lld, %lld entries (%lld added, %lld changed, %lld removed), "
        "digest %s\n",
        r.now.list_id.c_str(), static_cast<long long>(r.now.version),
        static_cast<long long>(r.now.entries), static_cast<long long>(r.now.added),
        static_cast<long long>(r.now.changed), static_cast<long long>(r.now.removed),
        r.now.digest.c_str());
  }
  return 0;
}

// ---------------------------------------------------------------- screen compare

int RunCompare(const BorderCommands& o) {
  if (o.pairs.empty() == (o.names.size() != 2)) {
    return Fail("give two names, or --pairs FILE.csv");
  }
  auto knowledge = Knowledge(o.screening);
  if (!knowledge.ok()) return Fail(Describe(knowledge.status()));
  auto config = LoadConfig(o.screening);
  if (!config.ok()) return Fail(Describe(config.status()));
  // Part weights come from the node's lists when a store is given, else every part weighs the
  // same (common names still capped, optional parts still light).
  std::unique_ptr<OpenStore> opened;
  std::unique_ptr<service::Border> border;
  screening::TokenStats no_lists;
  std::unique_ptr<screening::Screener> screener;
  if (!o.store.empty()) {
    auto s = Open(o.store, false, "");
    if (!s.ok()) return Fail(Describe(s.status()));
    opened = std::move(*s);
    border = std::make_unique<service::Border>(*opened->store, **knowledge, *config);
    if (Status st = border->LoadIndex(); !st.ok()) return Fail(Describe(st));
  } else {
    screener = std::make_unique<screening::Screener>(**knowledge, no_lists);
  }
  auto compare = [&](const std::string& a, const std::string& b) {
    return border ? border->CompareNames(a, b) : screener->CompareNames(a, b, config->match);
  };
  if (o.pairs.empty()) {
    auto m = compare(o.names[0], o.names[1]);
    if (!m.ok()) return Fail(Describe(m.status()));
    std::printf("score %s\ndecision %s\n%s", Score(m->score).c_str(),
                std::string(screening::DecisionName(m->decision)).c_str(), m->Explain().c_str());
    return 0;
  }
  std::ifstream in(o.pairs, std::ios::binary);
  if (!in) return Fail("cannot read " + o.pairs);
  CsvReader::Options ro;
  ro.skip_comment_lines = true;
  CsvReader reader(in, ro);
  std::vector<std::string> row;
  // With a header naming name1 and name2, those columns; without one, the first two.
  size_t c1 = 0, c2 = 1;
  bool first = true;
  std::string out = "name1,name2,score,decision\n";
  for (;;) {
    auto more = reader.Next(row);
    if (!more.ok()) return Fail(o.pairs + ": " + more.status().message());
    if (!*more) break;
    if (first) {
      first = false;
      const auto n1 = std::find(row.begin(), row.end(), "name1");
      const auto n2 = std::find(row.begin(), row.end(), "name2");
      if (n1 != row.end() && n2 != row.end()) {
        c1 = static_cast<size_t>(n1 - row.begin());
        c2 = static_cast<size_t>(n2 - row.begin());
        continue;
      }
    }
    const std::string line = std::to_string(reader.record_line());
    if (row.size() <= std::max(c1, c2)) {
      return Fail(o.pairs + ": line " + line + ": expected name1 and name2");
    }
    auto m = compare(row[c1], row[c2]);
    if (!m.ok()) return Fail(o.pairs + ": line " + line + ": " + Describe(m.status()));
    out += CsvField(row[c1]) + "," + CsvField(row[c2]) + "," + Score(m->score) + "," +
           std::string(screening::DecisionName(m->decision)) + "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

// ---------------------------------------------------------------- screen query

struct Query {
  uint64_t line = 0;  // in the queries file, or 0
  std::string full_name;
  std::string dob;
  std::string nationality;
  screening::NameQuery q;
};

Result<Query> MakeQuery(const std::string& name, const std::string& dob,
                        const std::string& nationality) {
  Query out;
  ASSIGN_OR_RETURN(out.full_name, RequiredText(name, "full_name", 1000));
  out.q.names = {out.full_name};
  out.dob = std::string(TrimAscii(dob));
  if (!out.dob.empty()) {
    auto d = Date::Parse(out.dob);
    if (!d.ok()) return d.status().WithField("date_of_birth");
    out.q.date_of_birth = *d;
  }
  out.nationality = std::string(TrimAscii(nationality));
  if (!out.nationality.empty()) {
    out.q.nationality = screening::CountryCode(out.nationality);
    if (out.q.nationality.empty()) {
      return Status::InvalidArgument("'" + out.nationality + "' is not a country", "nationality");
    }
  }
  return out;
}

json::Value CandidateJson(const service::ScreeningCandidate& c) {
  const screening::MatchResult& m = c.result;
  json::Object o;
  o.Set("list", c.entry.list);
  o.Set("entry_id", c.entry.entry_id);
  o.Set("kind", std::string(screening::EntryKindName(c.entry.kind)));
  o.Set("listed_name", m.entry_name);
  o.Set("matched_query_name", m.query_name);
  o.Set("score", Round3(m.score));
  o.Set("decision", std::string(screening::DecisionName(m.decision)));
  o.Set("name_score", Round3(m.name_score));
  o.Set("document_match", m.document_match);
  json::Array parts;
  for (const auto& p : m.parts) {
    json::Object po;
    po.Set("query_part", p.query_part);
    po.Set("entry_part", p.entry_part);
    po.Set("method", std::string(screening::MatchMethodName(p.method)));
    po.Set("similarity", Round3(p.similarity));
    parts.push_back(std::move(po));
  }
  o.Set("parts", std::move(parts));
  json::Array adjustments;
  for (const auto& a : m.adjustments) {
    json::Object ao;
    ao.Set("reason", a.reason);
    ao.Set("delta", Round3(a.delta));
    adjustments.push_back(std::move(ao));
  }
  o.Set("adjustments", std::move(adjustments));
  o.Set("reason", c.entry.reason);
  o.Set("explanation", m.Explain());
  return o;
}

int RunQuery(const BorderCommands& o) {
  if (o.queries.empty() == (o.names.size() != 1)) {
    return Fail("give one NAME, or --queries FILE.csv");
  }
  if (!o.queries.empty() && (!o.dob.empty() || !o.nationality.empty())) {
    return Fail("--dob and --nationality go with NAME; --queries has its own columns");
  }
  auto min_decision = [&]() -> Result<screening::Decision> {
    for (auto d : {screening::Decision::kNoMatch, screening::Decision::kReview,
                   screening::Decision::kMatch}) {
      if (screening::DecisionName(d) == o.min_decision) return d;
    }
    return Status::InvalidArgument("--min-decision must be no_match, review or match");
  }();
  if (!min_decision.ok()) return Fail(min_decision.status().message());
  if (o.limit < 1 || o.limit > 100) return Fail("--limit must be 1 to 100");
  // Every query is checked before any is run: a bad row is an error, never a partial result.
  std::vector<Query> queries;
  if (o.queries.empty()) {
    auto q = MakeQuery(o.names[0], o.dob, o.nationality);
    if (!q.ok()) return Fail(Describe(q.status()));
    queries.push_back(std::move(*q));
  } else {
    std::ifstream in(o.queries, std::ios::binary);
    if (!in) return Fail("cannot read " + o.queries);
    CsvReader::Options ro;
    ro.skip_comment_lines = true;
    CsvReader reader(in, ro);
    std::vector<std::string> row;
    auto more = reader.Next(row);
    if (!more.ok()) return Fail(o.queries + ": " + more.status().message());
    if (!*more) return Fail(o.queries + ": the file is empty");
    auto header = CsvHeader::From(row, {"full_name"}, {"date_of_birth", "nationality"});
    if (!header.ok()) return Fail(o.queries + ": " + header.status().message());
    for (;;) {
      more = reader.Next(row);
      if (!more.ok()) return Fail(o.queries + ": " + more.status().message());
      if (!*more) break;
      const std::string line = std::to_string(reader.record_line());
      if (row.size() != header->size()) {
        return Fail(o.queries + ": line " + line + ": expected " + std::to_string(header->size()) +
                    " columns, found " + std::to_string(row.size()));
      }
      auto q = MakeQuery(std::string(header->Get(row, "full_name")),
                         std::string(header->Get(row, "date_of_birth")),
                         std::string(header->Get(row, "nationality")));
      if (!q.ok()) return Fail(o.queries + ": line " + line + ": " + Describe(q.status()));
      q->line = reader.record_line();
      queries.push_back(std::move(*q));
    }
  }
  auto knowledge = Knowledge(o.screening);
  if (!knowledge.ok()) return Fail(Describe(knowledge.status()));
  auto config = LoadConfig(o.screening);
  if (!config.ok()) return Fail(Describe(config.status()));
  auto opened = Open(o.store, false, "");
  if (!opened.ok()) return Fail(Describe(opened.status()));
  service::Border border(*(*opened)->store, **knowledge, *config);
  if (Status s = border.LoadIndex(); !s.ok()) return Fail(Describe(s));
  screening::SearchOptions options = config->search;
  options.max_results = static_cast<size_t>(o.limit);
  options.min_decision = *min_decision;
  for (const auto& q : queries) {
    auto found = border.Screen(q.q, options);
    if (!found.ok()) {
      return Fail((q.line ? "line " + std::to_string(q.line) + ": " : std::string()) +
                  Describe(found.status()));
    }
    json::Object line;
    if (q.line) line.Set("line", q.line);
    json::Object qo;
    qo.Set("full_name", q.full_name);
    qo.Set("date_of_birth", q.dob.empty() ? json::Value() : json::Value(q.dob));
    qo.Set("nationality", q.q.nationality.empty() ? json::Value() : json::Value(q.q.nationality));
    line.Set("query", std::move(qo));
    json::Array candidates;
    for (const auto& c : *found) candidates.push_back(CandidateJson(c));
    line.Set("candidates", std::move(candidates));
    const std::string text = json::Write(line) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return 0;
}

// ---------------------------------------------------------------- lists, export, daily

int RunLists(const BorderCommands& o) {
  auto opened = Open(o.store, false, "");
  if (!opened.ok()) return Fail(Describe(opened.status()));
  std::vector<store::ListVersionInfo> all;
  Status s = (*opened)->store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto lists, store::ListWatchlists(tx));
    for (const auto& l : lists) {
      ASSIGN_OR_RETURN(auto versions, store::ListWatchlistVersions(tx, l.list_id));
      all.insert(all.end(), versions.begin(), versions.end());
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(Describe(s));
  for (const auto& v : all) {
    std::printf(
        "%s version %lld (%s): %lld entries, +%lld ~%lld -%lld, digest %s, imported %s "
        "by %s\n",
        v.list_id.c_str(), static_cast<long long>(v.version), v.format.c_str(),
        static_cast<long long>(v.entries), static_cast<long long>(v.added),
        static_cast<long long>(v.changed), static_cast<long long>(v.removed), v.digest.c_str(),
        v.imported_at.ToString().c_str(), v.imported_by.c_str());
    for (const auto& src : v.sources) {
      std::printf("  source %s: %llu bytes, sha256 %s\n", src.name.c_str(),
                  static_cast<unsigned long long>(src.bytes), src.sha256.c_str());
    }
  }
  return 0;
}

int RunExport(const BorderCommands& o) {
  auto opened = Open(o.store, false, "");
  if (!opened.ok()) return Fail(Describe(opened.status()));
  int64_t version = o.version;
  std::string out;
  Status s = (*opened)->store->Read([&](store::ReadTx& tx) -> Status {
    if (version == 0) {
      ASSIGN_OR_RETURN(auto lists, store::ListWatchlists(tx));
      for (const auto& l : lists) {
        if (l.list_id == o.list_id) version = l.version;
      }
      if (version == 0) return Status::NotFound("no list " + o.list_id + " is stored");
    }
    return store::ReadWatchlistVersion(tx, o.list_id, version, [&](const std::string& line) {
      out += line;
      out += '\n';
      return Status::Ok();
    });
  });
  if (!s.ok()) return Fail(Describe(s));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int RunDaily(const BorderCommands& o) {
  auto opened = Open(o.store, true, o.key);
  if (!opened.ok()) return Fail(Describe(opened.status()));
  Date today = (*opened)->clock.Now().date();
  if (!o.today.empty()) {
    auto d = Date::Parse(o.today);
    if (!d.ok()) return Fail("--today: " + d.status().message());
    today = *d;
  }
  auto config = LoadConfig(o.screening);
  if (!config.ok()) return Fail(Describe(config.status()));
  service::Border border(*(*opened)->store, screening::NameKnowledge::Default(), *config);
  auto report = border.DetectOverstays(today);
  if (!report.ok()) return Fail(Describe(report.status()));
  std::printf(
      "overstays on %s: %zu open entries examined, %zu flagged, %zu without a permit, "
      "visa or date to judge by\n",
      today.ToString().c_str(), report->examined, report->flagged.size(), report->without_basis);
  for (const auto& f : report->flagged) {
    std::printf("  %s: entry %s, %s, %d days over (%s)\n", f.id.value().c_str(),
                f.entry.value().c_str(), f.document.c_str(), f.days_over, f.basis.c_str());
  }
  return 0;
}

// ---------------------------------------------------------------- border cross

// A border officer records an entry or exit at a console: the zone's lines from the arguments or
// standard input, screened like a crossing through the API, as the officer's own act.
int RunCross(const BorderCommands& o) {
  auto direction = domain::ParseDirection(o.direction);
  if (!direction.ok()) return Fail("--direction must be entry or exit");
  service::CrossingRequest r;
  r.direction = *direction;
  r.port = o.port;
  r.accept_invalid_reason = o.accept_invalid;
  if (!o.authorised_until.empty()) {
    auto d = Date::Parse(o.authorised_until);
    if (!d.ok()) return Fail("--authorised-until: " + d.status().message());
    r.authorised_until = *d;
  }
  for (size_t i = 0; i < o.visa_lines.size(); ++i) {
    r.visa_mrz += (i ? "\n" : "") + o.visa_lines[i];
  }
  if (!o.lines.empty()) {
    for (size_t i = 0; i < o.lines.size(); ++i) r.mrz += (i ? "\n" : "") + o.lines[i];
  } else {
    std::vector<char> buf(kMaxMrzInput + 1);
    std::cin.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    r.mrz.assign(buf.data(), static_cast<size_t>(std::cin.gcount()));
    if (r.mrz.size() > kMaxMrzInput) return Fail("the zone is over the limit of 1 MiB");
    while (!r.mrz.empty() && (r.mrz.back() == '\n' || r.mrz.back() == '\r')) r.mrz.pop_back();
  }
  auto opened = Open(o.store, true, o.key);
  if (!opened.ok()) return Fail(Describe(opened.status()));
  std::optional<domain::Account> account;
  Status found = (*opened)->store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::FindAccountByUsername(tx.conn(), o.officer));
    if (stored) account = stored->account;
    return Status::Ok();
  });
  if (!found.ok()) return Fail(Describe(found));
  if (!account || account->disabled) return Fail("--officer: no active account " + o.officer);
  auto config = LoadConfig(o.screening);
  if (!config.ok()) return Fail(Describe(config.status()));
  auto knowledge = Knowledge(o.screening);
  if (!knowledge.ok()) return Fail(Describe(knowledge.status()));
  service::Border border(*(*opened)->store, **knowledge, *config);
  if (Status st = border.LoadIndex(); !st.ok()) return Fail(Describe(st));
  auto outcome = border.RecordCrossing(domain::ToActor(*account), r);
  if (!outcome.ok()) return Fail(Describe(outcome.status()) + "; nothing was recorded");
  json::Object out;
  out.Set("crossing", codec::ToJson(outcome->crossing));
  json::Array hits;
  for (const auto& h : outcome->hits) hits.push_back(codec::ToJson(h));
  out.Set("hits", json::Value(std::move(hits)));
  std::printf("%s\n", json::Write(json::Value(std::move(out))).c_str());
  return 0;
}

void AddScreeningOptions(CLI::App* cmd, ScreeningOptions& s) {
  cmd->add_option("--config", s.config,
                  "a JSON file of thresholds and limits (docs/border.md, Configuration)");
  cmd->add_option("--match-threshold", s.match_threshold, "score from which a name is a match")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--review-threshold", s.review_threshold,
                  "score from which a name is worth a review")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--no-reading-data", s.no_reading_data,
                "do not load the Korean and Japanese reading data of Han names");
}

}  // namespace

std::unique_ptr<BorderCommands> AddBorderCommands(CLI::App& app) {
  auto c = std::make_unique<BorderCommands>();

  auto* mrz = app.add_subcommand("mrz", "Machine-readable zones of travel documents (ICAO 9303)");
  mrz->require_subcommand(1);
  c->mrz_parse = mrz->add_subcommand(
      "parse",
      "Parse zones given as arguments (one line each; an empty argument separates zones) or on "
      "standard input (zones separated by a blank line); prints a JSON array, one object per "
      "zone (docs/formats/mrz.md, section 10)");
  c->mrz_parse->add_option("--today", c->today,
                           "the day of reading, YYYY-MM-DD, for two-digit years (default: today, "
                           "UTC)");
  c->mrz_parse->add_option("--expiry-years-ahead", c->expiry_years_ahead,
                           "expiry years lie in the hundred years ending this far ahead (0-99)");
  c->mrz_parse->add_option("lines", c->lines, "the zone's lines");

  auto* screen = app.add_subcommand("screen", "Watchlists and name screening");
  screen->require_subcommand(1);
  c->import = screen->add_subcommand(
      "import", "Replace the lists a file holds, atomically; the previous versions are kept");
  c->import->add_option("--store", c->store, "store URI")->required();
  c->import->add_option("--key", c->key, "the node's key file (default <sqlite file>.key)");
  c->import
      ->add_option("--list", c->list_format,
                   "un-xml (the UN consolidated list), ofac-csv (sdn.csv [alt.csv]) or csv "
                   "(national and lost or stolen document lists)")
      ->required();
  c->import->add_option("files", c->files, "the list's files")->required();
  AddScreeningOptions(c->import, c->screening);

  c->compare = screen->add_subcommand(
      "compare", "Compare two names: score, decision and explanation; or every row of --pairs");
  c->compare->add_option("names", c->names, "NAME1 NAME2");
  c->compare->add_option("--pairs", c->pairs,
                         "a CSV file of name1,name2 (a header naming them, or the first two "
                         "columns); prints name1,name2,score,decision");
  c->compare->add_option("--store", c->store,
                         "weigh name parts by this node's lists (default: all parts alike)");
  AddScreeningOptions(c->compare, c->screening);

  c->query = screen->add_subcommand(
      "query",
      "Screen a name against the stored lists: one JSON line per query with the top "
      "candidates and their explanations");
  c->query->add_option("--store", c->store, "store URI")->required();
  c->query->add_option("name", c->names, "the name");
  c->query->add_option("--dob", c->dob, "date of birth, YYYY-MM-DD");
  c->query->add_option("--nationality", c->nationality, "country code or name");
  c->query->add_option("--queries", c->queries,
                       "a CSV file with columns full_name[,date_of_birth,nationality]");
  c->query->add_option("--limit", c->limit, "candidates per query (1-100, default 5)");
  c->query->add_option("--min-decision", c->min_decision,
                       "lowest decision shown: no_match, review (default) or match");
  AddScreeningOptions(c->query, c->screening);

  c->lists =
      screen->add_subcommand("lists", "Every stored list version with its digest and sources");
  c->lists->add_option("--store", c->store, "store URI")->required();

  c->exporter = screen->add_subcommand(
      "export",
      "Print a list version's entries, one canonical JSON line each, in entry-id order "
      "(their SHA-256 is the version's digest in the ledger)");
  c->exporter->add_option("--store", c->store, "store URI")->required();
  c->exporter->add_option("--list", c->list_id, "the list's id (UN, OFAC-SDN, ...)")->required();
  c->exporter->add_option("--version", c->version, "the version (default: the current one)")
      ->check(CLI::PositiveNumber);

  auto* border = app.add_subcommand("border", "Crossings at the border, and its scheduled jobs");
  border->require_subcommand(1);
  c->daily = border->add_subcommand("daily", "Run the daily jobs once: flag overstays");
  c->daily->add_option("--store", c->store, "store URI")->required();
  c->daily->add_option("--key", c->key, "the node's key file (default <sqlite file>.key)");
  c->daily->add_option("--today", c->today, "the day to judge by, YYYY-MM-DD (default: today)");
  AddScreeningOptions(c->daily, c->screening);
  c->cross = border->add_subcommand(
      "cross",
      "Record an entry or exit from a travel document's zone (arguments or standard input), "
      "screened against every list and the registry; prints the crossing and its hits as JSON");
  c->cross->add_option("--store", c->store, "store URI")->required();
  c->cross->add_option("--key", c->key, "the node's key file (default <sqlite file>.key)");
  c->cross->add_option("--officer", c->officer, "the border officer's account (username)")
      ->required();
  c->cross->add_option("--direction", c->direction, "entry or exit")->required();
  c->cross->add_option("--port", c->port, "the border post")->required();
  c->cross->add_option("--authorised-until", c->authorised_until,
                       "the end of the authorised stay, YYYY-MM-DD (an entry without a permit)");
  c->cross->add_option("--visa-line", c->visa_lines, "a line of a visa's zone (repeat per line)");
  c->cross->add_option("--accept-invalid", c->accept_invalid,
                       "record a zone that fails its checks, with this reason");
  c->cross->add_option("lines", c->lines, "the zone's lines");
  AddScreeningOptions(c->cross, c->screening);
  return c;
}

Result<service::BorderConfig> LoadBorderConfigFile(const std::string& path) {
  service::BorderConfig c;
  if (!path.empty()) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    auto v = json::Parse(text);
    if (!v.ok()) return v.status().WithContext(path);
    auto parsed = service::BorderConfigFromJson(*v);
    if (!parsed.ok()) {
      return Status::InvalidArgument(path + ": " + parsed.status().field() + ": " +
                                     parsed.status().message());
    }
    c = *parsed;
  }
  RETURN_IF_ERROR(c.Validate());
  return c;
}

std::optional<int> RunBorderCommands(BorderCommands& c) {
  if (*c.mrz_parse) return RunMrzParse(c);
  if (*c.import) return RunScreenImport(c);
  if (*c.compare) return RunCompare(c);
  if (*c.query) return RunQuery(c);
  if (*c.lists) return RunLists(c);
  if (*c.exporter) return RunExport(c);
  if (*c.daily) return RunDaily(c);
  if (*c.cross) return RunCross(c);
  return std::nullopt;
}

}  // namespace corridor::app
