#include "store/border_store.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>

#include "codec/border.hpp"
#include "codec/reader.hpp"
#include "core/encoding.hpp"
#include "crypto/crypto.hpp"

namespace corridor::store {
namespace {

using screening::WatchlistEntry;

int ClampLimit(int limit) { return limit < 1 ? 1 : (limit > 1000 ? 1000 : limit); }

std::string HexSha256(std::string_view text) { return HexEncode(crypto::Sha256(text)); }

template <typename E, typename NameOf>
Result<E> ParseNamed(std::string_view text, std::initializer_list<E> values, NameOf name_of,
                     std::string_view what) {
  for (E v : values) {
    if (name_of(v) == text) return v;
  }
  return Status::InvalidArgument("'" + std::string(text) + "' is not a known " + std::string(what));
}

Result<screening::EntryKind> ParseEntryKind(std::string_view t) {
  using K = screening::EntryKind;
  return ParseNamed(t, {K::kPerson, K::kEntity, K::kVessel, K::kAircraft, K::kDocument},
                    screening::EntryKindName, "entry kind");
}
Result<screening::NameQuality> ParseQuality(std::string_view t) {
  using Q = screening::NameQuality;
  return ParseNamed(t, {Q::kPrimary, Q::kGood, Q::kLow}, screening::NameQualityName,
                    "name quality");
}
Result<screening::Script> ParseScript(std::string_view t) {
  using S = screening::Script;
  return ParseNamed(t,
                    {S::kLatin, S::kArabic, S::kHebrew, S::kCyrillic, S::kGreek, S::kDevanagari,
                     S::kBengali, S::kHan, S::kHangul, S::kKana, S::kThai, S::kOther, S::kUnknown},
                    screening::ScriptName, "script");
}

std::string_view SexText(screening::Sex s) {
  return s == screening::Sex::kMale ? "M" : s == screening::Sex::kFemale ? "F" : "";
}

Result<screening::Sex> ParseSexText(std::string_view t) {
  if (t == "M") return screening::Sex::kMale;
  if (t == "F") return screening::Sex::kFemale;
  if (t.empty()) return screening::Sex::kUnknown;
  return Status::InvalidArgument("must be M, F or empty");
}

json::Array Strings(const std::vector<std::string>& v) {
  json::Array a;
  for (const auto& s : v) a.push_back(s);
  return a;
}

// Reads the array member `key` of `r`, calling `each` with a reader per element.
void ReadObjects(codec::ObjectReader& r, std::string_view key,
                 const std::function<void(codec::ObjectReader&)>& each) {
  const json::Value* v = r.Raw(key);
  if (v == nullptr) return;
  if (!v->is_array()) {
    r.Fail(Status::InvalidArgument("must be an array", r.Path(key)));
    return;
  }
  for (size_t i = 0; i < v->AsArray().size() && r.ok(); ++i) {
    codec::ObjectReader er(v->AsArray()[i], r.Path(key) + "." + std::to_string(i));
    each(er);
    r.Fail(er.Finish());
  }
}

Status DecodeFailure(const Status& s) {
  return Status::DataLoss("a stored border record does not decode").WithDetail(s.ToString());
}

template <typename T, typename Decode>
Result<T> DecodeText(std::string_view text, Decode decode) {
  auto v = json::Parse(text);
  if (!v.ok()) return DecodeFailure(v.status());
  auto r = decode(*v);
  if (!r.ok()) return DecodeFailure(r.status());
  return r;
}

}  // namespace

// ---------------------------------------------------------------- watchlist entries

json::Value WatchlistEntryToJson(const WatchlistEntry& e) {
  json::Object o;
  o.Set("list", e.list);
  o.Set("entry_id", e.entry_id);
  o.Set("kind", std::string(screening::EntryKindName(e.kind)));
  json::Array names;
  for (const auto& n : e.names) {
    json::Object no;
    no.Set("full", n.full);
    no.Set("quality", std::string(screening::NameQualityName(n.quality)));
    no.Set("script", std::string(screening::ScriptName(n.script)));
    no.Set("parts", Strings(n.parts));
    names.push_back(std::move(no));
  }
  o.Set("names", std::move(names));
  json::Array dobs;
  for (const auto& d : e.dobs) {
    json::Object dobj;
    using K = screening::BirthDate::Kind;
    dobj.Set("kind", d.kind == K::kExact ? "exact" : d.kind == K::kYear ? "year" : "range");
    dobj.Set("date", d.date ? json::Value(d.date->ToString()) : json::Value());
    dobj.Set("from_year", d.from_year);
    dobj.Set("to_year", d.to_year);
    dobj.Set("approximate", d.approximate);
    dobs.push_back(std::move(dobj));
  }
  o.Set("dobs", std::move(dobs));
  o.Set("nationalities", Strings(e.nationalities));
  json::Array docs;
  for (const auto& d : e.documents) {
    json::Object dobj;
    dobj.Set("type", d.type);
    dobj.Set("number", d.number);
    dobj.Set("key", d.key);
    dobj.Set("country", d.country);
    dobj.Set("note", d.note);
    docs.push_back(std::move(dobj));
  }
  o.Set("documents", std::move(docs));
  o.Set("sex", std::string(SexText(e.sex)));
  o.Set("reference", e.reference);
  o.Set("listed_on", e.listed_on ? json::Value(e.listed_on->ToString()) : json::Value());
  o.Set("reason", e.reason);
  return o;
}

Result<WatchlistEntry> WatchlistEntryFromJson(const json::Value& v) {
  codec::ObjectReader r(v, "");
  WatchlistEntry e;
  e.list = r.String("list");
  e.entry_id = r.String("entry_id");
  e.kind = r.Enum("kind", ParseEntryKind, screening::EntryKind::kPerson);
  ReadObjects(r, "names", [&](codec::ObjectReader& nr) {
    screening::ListedName n;
    n.full = nr.String("full");
    n.quality = nr.Enum("quality", ParseQuality, screening::NameQuality::kPrimary);
    n.script = nr.Enum("script", ParseScript, screening::Script::kUnknown);
    n.parts = nr.StringList("parts");
    e.names.push_back(std::move(n));
  });
  ReadObjects(r, "dobs", [&](codec::ObjectReader& dr) {
    screening::BirthDate b;
    const std::string kind = dr.String("kind");
    if (kind == "exact") {
      b.kind = screening::BirthDate::Kind::kExact;
    } else if (kind == "year") {
      b.kind = screening::BirthDate::Kind::kYear;
    } else if (kind == "range") {
      b.kind = screening::BirthDate::Kind::kYearRange;
    } else if (dr.ok()) {
      dr.Fail(Status::InvalidArgument("must be exact, year or range", dr.Path("kind")));
    }
    b.date = dr.OptionalDate("date");
    b.from_year = dr.Int("from_year", 0, 9999);
    b.to_year = dr.Int("to_year", 0, 9999);
    b.approximate = dr.Bool("approximate");
    if (dr.ok() && (b.kind == screening::BirthDate::Kind::kExact) != b.date.has_value()) {
      dr.Fail(Status::InvalidArgument("an exact date of birth has a date, others none",
                                      dr.Path("date")));
    }
    e.dobs.push_back(b);
  });
  e.nationalities = r.StringList("nationalities");
  ReadObjects(r, "documents", [&](codec::ObjectReader& dr) {
    screening::TravelDocument d;
    d.type = dr.String("type");
    d.number = dr.String("number");
    d.key = dr.String("key");
    d.country = dr.String("country");
    d.note = dr.String("note");
    e.documents.push_back(std::move(d));
  });
  e.sex = r.Enum("sex", ParseSexText, screening::Sex::kUnknown);
  e.reference = r.String("reference");
  e.listed_on = r.OptionalDate("listed_on");
  e.reason = r.String("reason");
  RETURN_IF_ERROR(r.Finish());
  return e;
}

std::string ListDigest(const std::vector<std::string>& sorted_lines) {
  crypto::Sha256Stream h;
  for (const auto& line : sorted_lines) {
    h.Update(line);
    h.Update("\n");
  }
  return HexEncode(h.Finish());
}

// ---------------------------------------------------------------- watchlist versions

namespace {

json::Value SourcesToJson(const std::vector<ListSource>& sources) {
  json::Array a;
  for (const auto& s : sources) {
    json::Object o;
    o.Set("name", s.name);
    o.Set("sha256", s.sha256);
    o.Set("bytes", s.bytes);
    a.push_back(std::move(o));
  }
  return a;
}

Result<std::vector<ListSource>> SourcesFromText(std::string_view text) {
  auto v = json::Parse(text);
  if (!v.ok()) return DecodeFailure(v.status());
  if (!v->is_array()) return DecodeFailure(Status::InvalidArgument("must be an array", "sources"));
  std::vector<ListSource> out;
  for (const auto& item : v->AsArray()) {
    codec::ObjectReader r(item, "sources");
    ListSource s;
    s.name = r.String("name");
    s.sha256 = r.String("sha256");
    s.bytes = static_cast<uint64_t>(r.Int64("bytes"));
    if (Status st = r.Finish(); !st.ok()) return DecodeFailure(st);
    out.push_back(std::move(s));
  }
  return out;
}

constexpr const char* kVersionColumns =
    "list_id, version, format, digest, entries, added, changed, removed, sources, imported_by, "
    "imported_ms";

Result<ListVersionInfo> VersionFromRow(const Row& r) {
  ListVersionInfo v;
  v.list_id = r.String(0);
  v.version = r.Int(1);
  v.format = r.String(2);
  v.digest = r.String(3);
  v.entries = r.Int(4);
  v.added = r.Int(5);
  v.changed = r.Int(6);
  v.removed = r.Int(7);
  ASSIGN_OR_RETURN(v.sources, SourcesFromText(r.Text(8)));
  v.imported_by = r.String(9);
  v.imported_at = Timestamp::FromMillis(r.Int(10));
  return v;
}

Result<std::vector<ListVersionInfo>> QueryVersions(Connection& conn, const std::string& where,
                                                   std::initializer_list<Param> params) {
  std::vector<ListVersionInfo> out;
  RETURN_IF_ERROR(
      conn.Query(std::string("SELECT ") + kVersionColumns + " FROM watchlist_versions " + where,
                 params, [&](const Row& r) -> Status {
                   ASSIGN_OR_RETURN(auto v, VersionFromRow(r));
                   out.push_back(std::move(v));
                   return Status::Ok();
                 }));
  return out;
}

// Inserts entry rows in batches: one statement per `kBatch` rows.
class EntryInserter {
 public:
  EntryInserter(Connection& conn, std::string list_id, int64_t version)
      : conn_(conn), list_id_(std::move(list_id)), version_(version) {}
  Status Add(const std::string& entry_id, std::string hash, std::string doc) {
    rows_.push_back({entry_id, std::move(hash), std::move(doc)});
    if (rows_.size() == kBatch) return Flush();
    return Status::Ok();
  }
  Status Flush() {
    if (rows_.empty()) return Status::Ok();
    std::string sql =
        "INSERT INTO watchlist_entries (list_id, entry_id, added_version, removed_version, "
        "doc_hash, doc) VALUES ";
    std::vector<Param> params;
    params.reserve(rows_.size() * 5);
    for (size_t i = 0; i < rows_.size(); ++i) {
      const size_t b = params.size();
      sql += (i ? ", " : "") + std::string("($") + std::to_string(b + 1) + ", $" +
             std::to_string(b + 2) + ", $" + std::to_string(b + 3) + ", NULL, $" +
             std::to_string(b + 4) + ", $" + std::to_string(b + 5) + ")";
      params.emplace_back(list_id_);
      params.emplace_back(rows_[i].entry_id);
      params.emplace_back(version_);
      params.emplace_back(std::move(rows_[i].hash));
      params.emplace_back(std::move(rows_[i].doc));
    }
    rows_.clear();
    return conn_.Exec(sql, params).status();
  }

 private:
  static constexpr size_t kBatch = 200;
  struct Pending {
    std::string entry_id, hash, doc;
  };
  Connection& conn_;
  std::string list_id_;
  int64_t version_;
  std::vector<Pending> rows_;
};

}  // namespace

Result<ListReplacement> ReplaceWatchlist(WriteTx& tx, std::string_view list_id,
                                         std::string_view format,
                                         const std::vector<const WatchlistEntry*>& entries,
                                         const std::vector<ListSource>& sources,
                                         const std::string& imported_by) {
  Connection& conn = tx.conn();
  const std::string list(list_id);
  ListReplacement out;
  ASSIGN_OR_RETURN(auto current,
                   QueryVersions(conn,
                                 "WHERE list_id = $1 AND version = (SELECT MAX(version) FROM "
                                 "watchlist_versions WHERE list_id = $1)",
                                 {list}));
  if (!current.empty()) out.previous = current.front();
  const int64_t version = out.previous ? out.previous->version + 1 : 1;

  // The live rows of the list: entry id -> hash of its document.
  std::unordered_map<std::string, std::string> live;
  RETURN_IF_ERROR(
      conn.Query("SELECT entry_id, doc_hash FROM watchlist_entries WHERE list_id = $1 AND "
                 "removed_version IS NULL",
                 {list}, [&](const Row& r) {
                   live.emplace(r.String(0), r.String(1));
                   return Status::Ok();
                 }));

  // The new version's lines in entry-id order.
  std::vector<std::pair<std::string, std::string>> lines;  // entry id, canonical doc
  lines.reserve(entries.size());
  for (const WatchlistEntry* e : entries) {
    if (e->list != list) {
      return Status::Internal("entry " + e->entry_id + " of list " + e->list +
                              " given to the replacement of " + list);
    }
    lines.emplace_back(e->entry_id, json::Canonical(WatchlistEntryToJson(*e)));
  }
  std::sort(lines.begin(), lines.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].first == lines[i - 1].first) {
      return Status::InvalidArgument("entry id '" + lines[i].first + "' appears twice in list " +
                                     list);
    }
  }

  EntryInserter inserter(conn, list, version);
  std::vector<std::string> digest_lines;
  digest_lines.reserve(lines.size());
  ListVersionInfo& now = out.now;
  for (auto& [entry_id, doc] : lines) {
    std::string hash = HexSha256(doc);
    auto it = live.find(entry_id);
    if (it != live.end()) {
      const bool same = it->second == hash;
      live.erase(it);
      if (same) {
        digest_lines.push_back(std::move(doc));
        continue;
      }
      ++now.changed;
      RETURN_IF_ERROR(conn.Exec("UPDATE watchlist_entries SET removed_version = $3 WHERE "
                                "list_id = $1 AND entry_id = $2 AND removed_version IS NULL",
                                {list, entry_id, version})
                          .status());
    } else {
      ++now.added;
    }
    RETURN_IF_ERROR(inserter.Add(entry_id, std::move(hash), doc));
    digest_lines.push_back(std::move(doc));
  }
  RETURN_IF_ERROR(inserter.Flush());
  for (const auto& [entry_id, hash] : live) {
    ++now.removed;
    RETURN_IF_ERROR(conn.Exec("UPDATE watchlist_entries SET removed_version = $3 WHERE "
                              "list_id = $1 AND entry_id = $2 AND removed_version IS NULL",
                              {list, entry_id, version})
                        .status());
  }

  now.list_id = list;
  now.version = version;
  now.format = std::string(format);
  now.digest = ListDigest(digest_lines);
  now.entries = static_cast<int64_t>(digest_lines.size());
  now.sources = sources;
  now.imported_by = imported_by;
  now.imported_at = tx.now();
  RETURN_IF_ERROR(
      conn.Exec(std::string("INSERT INTO watchlist_versions (") + kVersionColumns +
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                {now.list_id, now.version, now.format, now.digest, now.entries, now.added,
                 now.changed, now.removed, json::Write(SourcesToJson(now.sources)), now.imported_by,
                 now.imported_at.millis()})
          .status());
  ASSIGN_OR_RETURN(int64_t updated,
                   conn.Exec("UPDATE watchlists SET version = $2, format = $3, digest = $4, "
                             "entries = $5, updated_ms = $6 WHERE list_id = $1",
                             {now.list_id, now.version, now.format, now.digest, now.entries,
                              now.imported_at.millis()}));
  if (updated == 0) {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO watchlists (list_id, version, format, digest, "
                              "entries, updated_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                              {now.list_id, now.version, now.format, now.digest, now.entries,
                               now.imported_at.millis()})
                        .status());
  }
  return out;
}

Result<std::vector<ListVersionInfo>> ListWatchlists(ReadTx& tx) {
  ASSIGN_OR_RETURN(auto all, QueryVersions(tx.conn(),
                                           "v WHERE version = (SELECT MAX(version) FROM "
                                           "watchlist_versions w WHERE w.list_id = v.list_id)",
                                           {}));
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.list_id < b.list_id; });
  return all;
}

Result<std::vector<ListVersionInfo>> ListWatchlistVersions(ReadTx& tx, std::string_view list_id) {
  ASSIGN_OR_RETURN(auto all,
                   QueryVersions(tx.conn(), "WHERE list_id = $1 ORDER BY version", {list_id}));
  return all;
}

Status ReadWatchlistVersion(ReadTx& tx, std::string_view list_id, int64_t version,
                            const std::function<Status(const std::string& line)>& on_line) {
  ASSIGN_OR_RETURN(auto known, QueryVersions(tx.conn(), "WHERE list_id = $1 AND version = $2",
                                             {list_id, version}));
  if (known.empty()) {
    return Status::NotFound("list " + std::string(list_id) + " has no version " +
                            std::to_string(version));
  }
  std::vector<std::pair<std::string, std::string>> rows;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT entry_id, doc FROM watchlist_entries WHERE list_id = $1 AND added_version <= $2 "
      "AND (removed_version IS NULL OR removed_version > $2)",
      {list_id, version}, [&](const Row& r) {
        rows.emplace_back(r.String(0), r.String(1));
        return Status::Ok();
      }));
  // Byte order, whatever the database's collation.
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [id, doc] : rows) RETURN_IF_ERROR(on_line(doc));
  return Status::Ok();
}

Result<std::vector<WatchlistEntry>> LoadCurrentWatchlists(ReadTx& tx) {
  std::vector<WatchlistEntry> out;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT doc FROM watchlist_entries WHERE removed_version IS NULL", {},
      [&](const Row& r) -> Status {
        ASSIGN_OR_RETURN(auto e, DecodeText<WatchlistEntry>(r.Text(0), WatchlistEntryFromJson));
        out.push_back(std::move(e));
        return Status::Ok();
      }));
  // A stable order (list, entry id), so that an index built twice is built alike.
  std::sort(out.begin(), out.end(), [](const WatchlistEntry& a, const WatchlistEntry& b) {
    return a.list != b.list ? a.list < b.list : a.entry_id < b.entry_id;
  });
  return out;
}

// ---------------------------------------------------------------- crossings

Status InsertCrossing(WriteTx& tx, const domain::Crossing& c) {
  int64_t seq = 0;
  RETURN_IF_ERROR(tx.conn().Query("SELECT MAX(seq) FROM crossings", {}, [&](const Row& r) {
    seq = r.IsNull(0) ? 0 : r.Int(0);
    return Status::Ok();
  }));
  Columns columns = CrossingColumns(c);
  columns.emplace_back("seq", Param(seq + 1));
  return tx.InsertDocument("crossings", c.id.value(), codec::ToJson(c), columns);
}

namespace {

Result<std::vector<domain::Crossing>> QueryCrossings(Connection& conn, const std::string& sql,
                                                     std::span<const Param> params) {
  std::vector<domain::Crossing> out;
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) -> Status {
    ASSIGN_OR_RETURN(auto c, DecodeText<domain::Crossing>(r.Text(0), codec::CrossingFromJson));
    out.push_back(std::move(c));
    return Status::Ok();
  }));
  return out;
}

}  // namespace

Result<domain::Crossing> GetCrossing(ReadTx& tx, const domain::CrossingId& id) {
  const std::vector<Param> params{id.value()};
  ASSIGN_OR_RETURN(auto found,
                   QueryCrossings(tx.conn(), "SELECT doc FROM crossings WHERE id = $1", params));
  if (found.empty()) return Status::NotFound("crossing " + id.value() + " does not exist");
  return std::move(found.front());
}

Result<std::vector<domain::Crossing>> ListCrossings(ReadTx& tx, const CrossingFilter& f,
                                                    const Page& page) {
  std::string sql = "SELECT doc FROM crossings WHERE id > $1";
  std::vector<Param> params{page.after};
  if (f.worker) {
    params.emplace_back(f.worker->value());
    sql += " AND worker_id = $" + std::to_string(params.size());
  }
  if (!f.document_key.empty()) {
    params.emplace_back(f.document_key);
    sql += " AND document_key = $" + std::to_string(params.size());
  }
  params.emplace_back(int64_t{ClampLimit(page.limit)});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  return QueryCrossings(tx.conn(), sql, params);
}

Result<std::optional<domain::Crossing>> LatestCrossing(ReadTx& tx, std::string_view person_key) {
  const std::vector<Param> params{person_key};
  ASSIGN_OR_RETURN(auto found, QueryCrossings(tx.conn(),
                                              "SELECT doc FROM crossings WHERE person_key = $1 "
                                              "ORDER BY seq DESC LIMIT 1",
                                              params));
  if (found.empty()) return std::optional<domain::Crossing>();
  return std::optional<domain::Crossing>(std::move(found.front()));
}

Result<std::vector<domain::Crossing>> UnflaggedOpenEntries(ReadTx& tx, const Page& page) {
  const std::vector<Param> params{page.after, int64_t{ClampLimit(page.limit)}};
  return QueryCrossings(
      tx.conn(),
      "SELECT c.doc FROM crossings c WHERE c.direction = 'entry' AND c.id > $1 "
      "AND NOT EXISTS (SELECT 1 FROM crossings l WHERE l.person_key = c.person_key AND "
      "l.seq > c.seq) "
      "AND NOT EXISTS (SELECT 1 FROM overstay_flags f WHERE f.entry_crossing_id = c.id) "
      "ORDER BY c.id LIMIT $2",
      params);
}

// ---------------------------------------------------------------- hits

Status InsertHit(WriteTx& tx, const domain::ScreeningHit& h) {
  return tx.InsertDocument("screening_hits", h.id.value(), codec::ToJson(h), HitColumns(h));
}

Status UpdateHit(WriteTx& tx, const domain::ScreeningHit& h) {
  Status s = tx.UpdateDocument("screening_hits", h.id.value(), codec::ToJson(h), HitColumns(h));
  if (s.code() == Code::kNotFound)
    return Status::NotFound("hit " + h.id.value() + " does not exist");
  return s;
}

namespace {

Result<std::vector<domain::ScreeningHit>> QueryHits(Connection& conn, const std::string& sql,
                                                    std::span<const Param> params) {
  std::vector<domain::ScreeningHit> out;
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) -> Status {
    ASSIGN_OR_RETURN(auto h,
                     DecodeText<domain::ScreeningHit>(r.Text(0), codec::ScreeningHitFromJson));
    out.push_back(std::move(h));
    return Status::Ok();
  }));
  return out;
}

}  // namespace

Result<domain::ScreeningHit> GetHit(ReadTx& tx, const domain::HitId& id) {
  const std::vector<Param> params{id.value()};
  ASSIGN_OR_RETURN(auto found,
                   QueryHits(tx.conn(), "SELECT doc FROM screening_hits WHERE id = $1", params));
  if (found.empty()) return Status::NotFound("hit " + id.value() + " does not exist");
  return std::move(found.front());
}

Result<std::vector<domain::ScreeningHit>> ListHits(ReadTx& tx, const HitFilter& f,
                                                   const Page& page) {
  std::string sql = "SELECT doc FROM screening_hits WHERE id > $1";
  std::vector<Param> params{page.after};
  if (f.state) {
    params.emplace_back(std::string(ToString(*f.state)));
    sql += " AND state = $" + std::to_string(params.size());
  }
  if (f.crossing) {
    params.emplace_back(f.crossing->value());
    sql += " AND crossing_id = $" + std::to_string(params.size());
  }
  params.emplace_back(int64_t{ClampLimit(page.limit)});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  return QueryHits(tx.conn(), sql, params);
}

// ---------------------------------------------------------------- overstays

Status InsertOverstay(WriteTx& tx, const domain::OverstayFlag& f) {
  Status s =
      tx.InsertDocument("overstay_flags", f.id.value(), codec::ToJson(f), OverstayColumns(f));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("entry " + f.entry.value() + " is flagged already");
  }
  return s;
}

Status UpdateOverstay(WriteTx& tx, const domain::OverstayFlag& f) {
  Status s =
      tx.UpdateDocument("overstay_flags", f.id.value(), codec::ToJson(f), OverstayColumns(f));
  if (s.code() == Code::kNotFound) {
    return Status::NotFound("overstay flag " + f.id.value() + " does not exist");
  }
  return s;
}

namespace {

Result<std::vector<domain::OverstayFlag>> QueryOverstays(Connection& conn, const std::string& sql,
                                                         std::span<const Param> params) {
  std::vector<domain::OverstayFlag> out;
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) -> Status {
    ASSIGN_OR_RETURN(auto f,
                     DecodeText<domain::OverstayFlag>(r.Text(0), codec::OverstayFlagFromJson));
    out.push_back(std::move(f));
    return Status::Ok();
  }));
  return out;
}

}  // namespace

Result<std::optional<domain::OverstayFlag>> FindOverstayForEntry(ReadTx& tx,
                                                                 const domain::CrossingId& entry) {
  const std::vector<Param> params{entry.value()};
  ASSIGN_OR_RETURN(
      auto found,
      QueryOverstays(tx.conn(), "SELECT doc FROM overstay_flags WHERE entry_crossing_id = $1",
                     params));
  if (found.empty()) return std::optional<domain::OverstayFlag>();
  return std::optional<domain::OverstayFlag>(std::move(found.front()));
}

Result<std::vector<domain::OverstayFlag>> ListOverstays(ReadTx& tx, bool open_only,
                                                        const Page& page) {
  const std::vector<Param> params{page.after, int64_t{ClampLimit(page.limit)}};
  return QueryOverstays(tx.conn(),
                        std::string("SELECT doc FROM overstay_flags WHERE id > $1") +
                            (open_only ? " AND departed = 0" : "") + " ORDER BY id LIMIT $2",
                        params);
}

}  // namespace corridor::store
