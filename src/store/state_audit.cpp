#include "store/state_audit.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/encoding.hpp"
#include "domain/events.hpp"
#include "store/documents.hpp"
#include "store/record_check.hpp"
#include "store/store.hpp"

namespace corridor::store {
namespace {

std::string Num(uint64_t n) { return std::to_string(n); }

std::string RecordKey(std::string_view table, std::string_view id) {
  std::string key;
  key.reserve(table.size() + 1 + id.size());
  key.append(table);
  key.push_back('\x1f');
  key.append(id);
  return key;
}

// A digest written as 64 lower-case hex digits in an event's data, or nullopt.
std::optional<crypto::Digest> DigestMember(const json::Value& data, std::string_view name) {
  const json::Value* v = data.Get(name);
  if (v == nullptr || !v->is_string() || v->AsString().size() != 64) return std::nullopt;
  auto bytes = HexDecode(v->AsString());
  if (!bytes.ok() || bytes->size() != 32) return std::nullopt;
  crypto::Digest d;
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

class Findings {
 public:
  explicit Findings(StateReport& report) : report_(report) {}
  void Add(std::string table, std::string id, std::string problem) {
    ++report_.findings_total;
    if (report_.findings.size() < kMaxFindings) {
      report_.findings.push_back({std::move(table), std::move(id), std::move(problem)});
    }
  }

 private:
  StateReport& report_;
};

// What the ledger says of the records, gathered while VerifyLog reads the events.
class LedgerFacts final : public ledger::EventObserver {
 public:
  // The last event that wrote a record: the hash of the document it carries, and for a contract
  // the digest of its terms that the event's data records (when the event is about it).
  struct Carrier {
    crypto::Digest sha256{};
    uint64_t event = 0;
    std::optional<crypto::Digest> terms_digest;
    bool seen = false;
  };
  struct LegacyDigest {
    crypto::Digest digest{};
    uint64_t event = 0;
  };

  LedgerFacts(StateReport& report, Findings& findings) : report_(report), findings_(findings) {}

  void Observe(const ledger::StoredEvent& stored, const ledger::Event& e) override {
    if (stored.indexed) {
      ++report_.events_checked;
      std::vector<std::string> differ;
      if (stored.indexed->type != e.type) differ.emplace_back("type");
      if (stored.indexed->subject != e.subject) differ.emplace_back("subject");
      if (stored.indexed->time_ms != e.time.millis()) differ.emplace_back("time_ms");
      if (!differ.empty()) {
        std::string cols;
        for (const auto& d : differ) cols += (cols.empty() ? "" : ", ") + d;
        findings_.Add("ledger_events", Num(e.index),
                      "the indexed column" + std::string(differ.size() > 1 ? "s " : " ") + cols +
                          (differ.size() > 1 ? " disagree" : " disagrees") + " with the event");
      }
    }
    if (e.version == 1) {
      legacy_ = true;
      NoteLegacyDigest(e);
      return;
    }
    for (const ledger::RecordHash& r : e.records) {
      Carrier& c = carriers_[RecordKey(r.table, r.id)];
      c.sha256 = r.sha256;
      c.event = e.index;
      c.terms_digest.reset();
      if (r.table == "contracts" && r.id == e.subject)
        c.terms_digest = DigestMember(e.data, "digest");
    }
  }

  bool legacy() const { return legacy_; }
  Carrier* Find(std::string_view table, std::string_view id) {
    auto it = carriers_.find(RecordKey(table, id));
    return it == carriers_.end() ? nullptr : &it->second;
  }
  const LegacyDigest* FindLegacyDigest(const std::string& contract) const {
    auto it = legacy_digests_.find(contract);
    return it == legacy_digests_.end() ? nullptr : &it->second;
  }
  // Records an event names that no table holds, in table and key order.
  std::vector<std::pair<std::string, const Carrier*>> Unseen() const {
    std::vector<std::pair<std::string, const Carrier*>> out;
    for (const auto& [key, c] : carriers_) {
      if (!c.seen) out.emplace_back(key, &c);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }

 private:
  // Version 1 events carry no record hashes; a contract's terms digest is in the data of its
  // events (record_check.hpp, RecordedTermsDigest).
  void NoteLegacyDigest(const ledger::Event& e) {
    if (auto d = RecordedTermsDigest(e)) legacy_digests_[e.subject] = {*d, e.index};
  }

  StateReport& report_;
  Findings& findings_;
  bool legacy_ = false;
  std::unordered_map<std::string, Carrier> carriers_;
  std::unordered_map<std::string, LegacyDigest> legacy_digests_;
};

// Checks one stored record against what the ledger says of it; the problems found, in order.
std::vector<std::string> CheckRecord(const DocumentTable& kind, const std::string& id,
                                     const Row& row, LedgerFacts& ledger, StateReport& report) {
  std::vector<std::string> problems;
  const std::string_view doc = row.Text(1);
  const bool has_idx = !row.IsNull(2);
  const int64_t ledger_idx = has_idx ? row.Int(2) : -1;
  LedgerFacts::Carrier* carrier = ledger.Find(kind.table, id);
  if (carrier != nullptr) {
    carrier->seen = true;
    if (crypto::Sha256(doc) != carrier->sha256) {
      problems.push_back("the stored document is not the one event " + Num(carrier->event) +
                         " recorded");
    } else {
      ++report.records_verified;
    }
    if (ledger_idx != static_cast<int64_t>(carrier->event)) {
      problems.push_back("its ledger_idx " +
                         (has_idx ? "names event " + std::to_string(ledger_idx) : "is empty") +
                         ", but the last event that wrote it is " + Num(carrier->event));
    }
  } else if (has_idx) {
    problems.push_back("its ledger_idx names event " + std::to_string(ledger_idx) +
                       ", which does not record it");
  } else if (ledger.legacy()) {
    ++report.records_unverifiable;
  } else {
    problems.emplace_back("no ledger event records this document");
  }

  auto parsed = json::Parse(doc);
  Result<DocumentFacts> facts =
      parsed.ok() ? kind.facts(*parsed) : Result<DocumentFacts>(parsed.status());
  if (!facts.ok()) {
    problems.emplace_back("the stored document does not decode");
    return problems;
  }
  std::vector<std::string> differ;
  for (size_t i = 0; i < kind.columns.size(); ++i) {
    const std::string& name = kind.columns[i];
    auto it = std::find_if(facts->columns.begin(), facts->columns.end(),
                           [&](const auto& c) { return c.first == name; });
    if (it == facts->columns.end() || !SameValue(it->second, row, 3 + i)) {
      differ.push_back(name);
    }
  }
  if (!differ.empty()) {
    std::string cols;
    for (const auto& d : differ) cols += (cols.empty() ? "" : ", ") + d;
    problems.push_back("the column" + std::string(differ.size() > 1 ? "s " : " ") + cols +
                       (differ.size() > 1 ? " disagree" : " disagrees") + " with its document");
  }
  if (!facts->terms_digest.empty()) {
    // The terms against the digest the ledger recorded: the carrying event's, or for a contract
    // last changed by a version 1 event, the last digest its events recorded.
    std::optional<crypto::Digest> recorded;
    uint64_t event = 0;
    if (carrier != nullptr) {
      recorded = carrier->terms_digest;
      event = carrier->event;
    } else if (const auto* legacy = ledger.FindLegacyDigest(id)) {
      recorded = legacy->digest;
      event = legacy->event;
    } else if (ledger.legacy()) {
      problems.emplace_back("no ledger event records the digest of its terms");
    }
    if (recorded && HexEncode(*recorded) != facts->terms_digest) {
      problems.push_back("the digest of its terms is not the one event " + Num(event) +
                         " recorded");
    }
  }
  return problems;
}

Status CheckTable(Connection& conn, const DocumentTable& kind, LedgerFacts& ledger,
                  StateReport& report, Findings& findings) {
  std::string sql = "SELECT " + kind.key + ", doc, ledger_idx";
  for (const std::string& c : kind.columns) sql += ", " + c;
  sql += " FROM " + kind.table + " WHERE " + kind.key + " > $1 ORDER BY " + kind.key + " LIMIT $2";
  constexpr int64_t kBatch = 4096;
  std::string after;
  for (;;) {
    int64_t rows = 0;
    RETURN_IF_ERROR(conn.Query(sql, {after, kBatch}, [&](const Row& row) {
      ++rows;
      ++report.records_checked;
      after = row.String(0);
      std::vector<std::string> problems = CheckRecord(kind, after, row, ledger, report);
      if (!problems.empty()) {
        std::string text;
        for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
        findings.Add(kind.table, after, std::move(text));
      }
      return Status::Ok();
    }));
    if (rows < kBatch) return Status::Ok();
  }
}

}  // namespace

Result<AuditReport> Audit(Store& store, const std::function<void()>& between) {
  AuditReport out;
  Findings findings(out.state);
  LedgerFacts ledger(out.state, findings);
  ASSIGN_OR_RETURN(auto conn, store.database().Acquire());
  // One read transaction: the tables are checked in the snapshot the ledger was read in, so a
  // running node's writes after it are seen neither in the ledger nor in the tables.
  RETURN_IF_ERROR(InTransaction(*conn, false, [&]() -> Status {
    ASSIGN_OR_RETURN(out.ledger, store.VerifyOn(*conn, &ledger));
    if (!out.ledger.ok) return Status::Ok();  // the state is checked only against a sound ledger
    if (between) between();
    out.state.checked = true;
    for (const DocumentTable& kind : DocumentTables()) {
      RETURN_IF_ERROR(CheckTable(*conn, kind, ledger, out.state, findings));
    }
    return Status::Ok();
  }));
  if (!out.state.checked) return out;
  for (const auto& [key, carrier] : ledger.Unseen()) {
    const size_t sep = key.find('\x1f');
    std::string table = key.substr(0, sep);
    const bool known = FindDocumentTable(table) != nullptr;
    findings.Add(table, key.substr(sep + 1),
                 "event " + Num(carrier->event) + " recorded this record, but " +
                     (known ? "its table holds no such record" : "it is not a table of documents"));
  }
  return out;
}

}  // namespace corridor::store
