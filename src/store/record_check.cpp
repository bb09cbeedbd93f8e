#include "store/record_check.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "domain/events.hpp"
#include "ledger/event.hpp"

namespace corridor::store {
namespace {

std::string Num(int64_t n) { return std::to_string(n); }

Result<ledger::Event> DecodeStored(const Row& r, size_t column, int64_t idx) {
  const auto b = r.Blob(column);
  auto e = ledger::DecodeEvent(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  if (!e.ok()) {
    return Status::DataLoss("ledger event " + Num(idx) + " does not decode")
        .WithDetail(e.status().ToString());
  }
  return e;
}

const ledger::RecordHash* Carried(const ledger::Event& e, std::string_view table,
                                  std::string_view id) {
  for (const auto& r : e.records) {
    if (r.table == table && r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace

std::optional<crypto::Digest> RecordedTermsDigest(const ledger::Event& e) {
  if (e.type.starts_with("contract.")) {
    auto type = domain::ParseEventType(e.type);
    if (!type || !domain::CarriesContractDigest(*type)) return std::nullopt;
  } else if (e.type == domain::ToString(domain::EventType::kFederationReceived)) {
    const json::Value* type = e.data.Get("type");
    const json::Value* outcome = e.data.Get("outcome");
    if (type == nullptr || !type->is_string() || type->AsString() != "contract.update" ||
        outcome == nullptr || !outcome->is_string() || outcome->AsString() != "applied") {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  const json::Value* v = e.data.Get("digest");
  if (v == nullptr || !v->is_string() || v->AsString().size() != 64) return std::nullopt;
  auto bytes = HexDecode(v->AsString());
  if (!bytes.ok() || bytes->size() != 32) return std::nullopt;
  crypto::Digest d;
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

Result<RecordCheck> CheckStoredDocument(ReadTx& tx, const DocumentTable& kind, std::string_view id,
                                        const StoredDocument& row) {
  std::vector<std::string> problems;
  const crypto::Digest observed = crypto::Sha256(row.doc);
  std::optional<crypto::Digest> recorded_digest;
  int64_t digest_event = -1;
  int64_t after = -1;
  if (row.ledger_idx) {
    const int64_t idx = *row.ledger_idx;
    after = idx;
    std::optional<ledger::Event> event;
    RETURN_IF_ERROR(tx.conn().Query("SELECT event FROM ledger_events WHERE idx = $1", {idx},
                                    [&](const Row& r) -> Status {
                                      ASSIGN_OR_RETURN(event, DecodeStored(r, 0, idx));
                                      return Status::Ok();
                                    }));
    const ledger::RecordHash* carried = event ? Carried(*event, kind.table, id) : nullptr;
    if (carried == nullptr) {
      problems.push_back("its ledger_idx names event " + Num(idx) + ", which does not record it");
    } else if (carried->sha256 != observed) {
      problems.push_back("the stored document is not the one event " + Num(idx) + " recorded");
    }
    if (carried != nullptr && event->subject == id) {
      const json::Value* d = event->data.Get("digest");
      if (d != nullptr && d->is_string()) {
        auto bytes = HexDecode(d->AsString());
        if (bytes.ok() && bytes->size() == 32) {
          crypto::Digest digest;
          std::copy(bytes->begin(), bytes->end(), digest.begin());
          recorded_digest = digest;
          digest_event = idx;
        }
      }
    }
  }
  // The later events about the record (without a ledger_idx: all of them). One that carries it
  // means an older version was put back; a record without a ledger_idx (last changed by a
  // version 1 event) takes its recorded terms digest from the last of them that records one.
  bool later = false;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT idx, event FROM ledger_events WHERE subject = $1 AND idx > $2 ORDER BY idx "
      "LIMIT 1000",
      {id, after}, [&](const Row& r) -> Status {
        const int64_t idx = r.Int(0);
        ASSIGN_OR_RETURN(ledger::Event e, DecodeStored(r, 1, idx));
        if (!later && Carried(e, kind.table, id) != nullptr) {
          later = true;
          problems.push_back(row.ledger_idx ? "event " + Num(idx) + " recorded a later version"
                                            : "its ledger_idx is empty, but event " + Num(idx) +
                                                  " recorded it");
        }
        if (!row.ledger_idx) {
          if (auto d = RecordedTermsDigest(e)) {
            recorded_digest = d;
            digest_event = idx;
          }
        }
        return Status::Ok();
      }));

  auto parsed = json::Parse(row.doc);
  Result<DocumentFacts> facts =
      parsed.ok() ? kind.facts(*parsed) : Result<DocumentFacts>(parsed.status());
  if (!facts.ok()) {
    problems.emplace_back("the stored document does not decode");
  } else {
    std::string differ;
    for (const std::string& name : kind.columns) {
      auto want = std::find_if(facts->columns.begin(), facts->columns.end(),
                               [&](const auto& c) { return c.first == name; });
      auto have = std::find_if(row.columns.begin(), row.columns.end(),
                               [&](const auto& c) { return c.first == name; });
      if (want == facts->columns.end() || have == row.columns.end() ||
          !SameParam(want->second, have->second)) {
        differ += (differ.empty() ? "" : ", ") + name;
      }
    }
    if (!differ.empty()) {
      const bool many = differ.find(',') != std::string::npos;
      problems.push_back("the column" + std::string(many ? "s " : " ") + differ +
                         (many ? " disagree" : " disagrees") + " with its document");
    }
    if (!facts->terms_digest.empty()) {
      if (recorded_digest && HexEncode(*recorded_digest) != facts->terms_digest) {
        problems.push_back("the digest of its terms is not the one event " + Num(digest_event) +
                           " recorded");
      } else if (!recorded_digest && !row.ledger_idx) {
        problems.emplace_back("no ledger event records the digest of its terms");
      }
    }
  }
  RecordCheck out;
  out.ok = problems.empty();
  for (const auto& p : problems) out.problem += (out.problem.empty() ? "" : "; ") + p;
  return out;
}

Result<RecordCheck> CheckContract(ReadTx& tx, const ContractId& id,
                                  const ReadTx::StoredContract& c) {
  const DocumentTable* kind = FindDocumentTable("contracts");
  if (kind == nullptr) return Status::Internal("contracts is not a table of documents");
  return CheckStoredDocument(tx, *kind, id.value(), {c.doc, c.ledger_idx, c.columns});
}

}  // namespace corridor::store
