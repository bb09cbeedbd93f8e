// `audit verify` at a million events, beside the ledger-only verification of the same store, in
// one run.
//
//   audit_bench --store-dir DIR [--pg-uri URI] [--events N]
//
// For each backend (SQLite in DIR; PostgreSQL if --pg-uri is given) it writes a ledger of about
// N events through the store (the default is 1,000,000): for each worker, its registration, a
// contract drafted, offered, accepted, attested and authenticated, and a permit issued with the
// contract's activation, 8 events and 3 stored documents (the worker, the contract, the permit),
// a thousand events per transaction. Then, twice each and alternately:
//   - the peer: Store::Verify, the ledger alone (every event decoded, its leaf hash and the
//     Merkle tree recomputed, every signed head and stored node checked), which is what
//     `audit verify` did before it checked the state;
//   - store::Audit, what `audit verify` runs now: the same, plus every event row's indexed
//     columns, every record against the hash its last event carries, its columns against its
//     document and every contract's terms against their digest.
// Prints one JSON line per measurement (events per second, and records per second for the
// audit) and the ratio of the audit's rate to the peer's, best run of each.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "codec/codec.hpp"
#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "domain/mobility.hpp"
#include "domain/testing.hpp"
#include "store/state_audit.hpp"
#include "store/store.hpp"

using namespace corridor;

namespace {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Die(const Status& s) {
  std::fprintf(stderr, "audit_bench: %s (%s)\n", s.ToString().c_str(), s.detail().c_str());
  return 1;
}

json::Value ContractData(const domain::Contract& c) {
  json::Object o;
  o.Set("state", std::string(ToString(c.state)));
  o.Set("version", c.version);
  o.Set("digest", c.digest);
  return o;
}

// One worker's story: 8 events, 3 documents.
constexpr int kEventsPerWorker = 8;

Status WriteWorker(store::WriteTx& tx, int n) {
  using domain::EventType;
  domain::Worker w = domain::testing::SampleWorker();
  w.id = WorkerId("W-" + std::to_string(n));
  w.passport.number = "PB" + std::to_string(1000000 + n);
  w.phone = "+97798" + std::to_string(10000000 + n);
  RETURN_IF_ERROR(tx.InsertWorker(w));
  RETURN_IF_ERROR(tx.Record(EventType::kWorkerRegistered, w.id.value(), codec::ToJson(w)));
  domain::Contract c;
  c.id = ContractId("C-" + std::to_string(n));
  c.terms = domain::testing::SampleTerms();
  c.terms.worker = w.id;
  c.terms.agency.reset();
  c.digest = codec::TermsDigest(c.terms);
  RETURN_IF_ERROR(tx.InsertContract(c));
  json::Object drafted;
  drafted.Set("terms", codec::ToJson(c.terms));
  drafted.Set("digest", c.digest);
  RETURN_IF_ERROR(tx.Record(EventType::kContractDrafted, c.id.value(), std::move(drafted)));
  const std::pair<domain::ContractState, EventType> steps[] = {
      {domain::ContractState::kOffered, EventType::kContractOffered},
      {domain::ContractState::kAccepted, EventType::kContractAccepted},
      {domain::ContractState::kAttested, EventType::kContractAttested},
      {domain::ContractState::kAuthenticated, EventType::kContractAuthenticated}};
  for (const auto& [state, event] : steps) {
    c.state = state;
    if (state == domain::ContractState::kAttested) {
      c.attested_digest = c.digest;
      c.attested_by = "U-np-officer";
      c.attested_at = tx.now();
    }
    if (state == domain::ContractState::kAuthenticated) {
      c.authenticated_digest = c.digest;
      c.authenticated_by = "U-kw-officer";
      c.authenticated_at = tx.now();
    }
    RETURN_IF_ERROR(tx.UpdateContract(c));
    RETURN_IF_ERROR(tx.Record(event, c.id.value(), ContractData(c)));
  }
  ASSIGN_OR_RETURN(auto permit,
                   domain::IssuePermit(c, PermitId("P-" + std::to_string(n)), tx.now().date()));
  permit.person_number = domain::MakePersonNumber(static_cast<uint64_t>(n) + 1);
  RETURN_IF_ERROR(domain::Activate(c, tx.now().date()));
  RETURN_IF_ERROR(tx.UpdateContract(c));
  RETURN_IF_ERROR(tx.Record(EventType::kContractActivated, c.id.value(), ContractData(c)));
  RETURN_IF_ERROR(tx.InsertPermit(permit));
  return tx.Record(EventType::kPermitIssued, permit.id.value(), codec::ToJson(permit));
}

void Report(const std::string& backend, const std::string& what, uint64_t events, double secs,
            uint64_t records) {
  std::printf(
      "{\"backend\":\"%s\",\"measure\":\"%s\",\"events\":%llu,\"records\":%llu,"
      "\"seconds\":%.3f,\"events_per_second\":%.1f}\n",
      backend.c_str(), what.c_str(), static_cast<unsigned long long>(events),
      static_cast<unsigned long long>(records), secs, events / secs);
  std::fflush(stdout);
}

int RunBackend(const std::string& backend, const std::string& uri, int events) {
  const Timestamp start_time = *Timestamp::Parse("2026-06-01T08:00:00Z");
  ManualClock clock(start_time);
  crypto::SodiumRng rng;
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  if (Status s = store::Store::Initialise(uri, {"node-bench", "KWT", key.public_key()}); !s.ok()) {
    return Die(s);
  }
  store::StoreOptions options;
  options.clock = &clock;
  options.rng = &rng;
  options.key = &key;
  auto st = store::Store::Open(uri, options);
  if (!st.ok()) return Die(st.status());
  store::Store& store = **st;
  domain::Employer e = domain::testing::SampleEmployer();
  Status s = store.Write("system", [&](store::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.InsertEmployer(e));
    return tx.Record(domain::EventType::kEmployerRegistered, e.id.value(), codec::ToJson(e));
  });
  if (!s.ok()) return Die(s);

  const int workers = std::max(1, events / kEventsPerWorker);
  constexpr int kWorkersPerWrite = 125;  // a thousand events per transaction
  auto start = std::chrono::steady_clock::now();
  for (int first = 0; first < workers; first += kWorkersPerWrite) {
    s = store.Write("system", [&](store::WriteTx& tx) -> Status {
      for (int n = first; n < std::min(workers, first + kWorkersPerWrite); ++n) {
        RETURN_IF_ERROR(WriteWorker(tx, n));
      }
      return Status::Ok();
    });
    if (!s.ok()) return Die(s);
    clock.Advance(1000);  // a signed head per transaction
  }
  auto head = store.SignHead();
  if (!head.ok()) return Die(head.status());
  std::fprintf(stderr, "audit_bench: %s: wrote %llu events in %.1f s\n", backend.c_str(),
               static_cast<unsigned long long>(head->head.size), Seconds(start));

  double best_peer = 1e300;
  double best_audit = 1e300;
  uint64_t checked = 0;
  uint64_t records = 0;
  for (int round = 0; round < 2; ++round) {
    start = std::chrono::steady_clock::now();
    auto ledger = store.Verify();
    const double peer = Seconds(start);
    if (!ledger.ok()) return Die(ledger.status());
    if (!ledger->ok) return Die(Status::DataLoss(ledger->problem));
    Report(backend, "ledger_verify", ledger->events_checked, peer, 0);
    start = std::chrono::steady_clock::now();
    auto audit = store::Audit(store);
    const double full = Seconds(start);
    if (!audit.ok()) return Die(audit.status());
    if (!audit->ok()) {
      if (!audit->ledger.ok) return Die(Status::DataLoss(audit->ledger.problem));
      const store::StateFinding& f = audit->state.findings.front();
      return Die(Status::DataLoss(f.table + " " + f.id + ": " + f.problem));
    }
    Report(backend, "audit_verify", audit->ledger.events_checked, full,
           audit->state.records_checked);
    best_peer = std::min(best_peer, peer);
    best_audit = std::min(best_audit, full);
    checked = audit->ledger.events_checked;
    records = audit->state.records_checked;
  }
  std::printf(
      "{\"backend\":\"%s\",\"measure\":\"ratio\",\"events\":%llu,\"records\":%llu,"
      "\"ledger_verify_events_per_second\":%.1f,\"audit_verify_events_per_second\":%.1f,"
      "\"audit_over_ledger\":%.3f}\n",
      backend.c_str(), static_cast<unsigned long long>(checked),
      static_cast<unsigned long long>(records), checked / best_peer, checked / best_audit,
      best_peer / best_audit);
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  std::string pg;
  int events = 1000000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--store-dir") {
      dir = argv[i + 1];
    } else if (a == "--pg-uri") {
      pg = argv[i + 1];
    } else if (a == "--events") {
      events = std::stoi(argv[i + 1]);
    }
  }
  if (dir.empty()) {
    std::fprintf(stderr, "usage: audit_bench --store-dir DIR [--pg-uri URI] [--events N]\n");
    return 2;
  }
  crypto::Init();
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir + "/audit.db");
  if (int rc = RunBackend("sqlite", "sqlite:" + dir + "/audit.db", events)) return rc;
  if (!pg.empty()) {
    // A schema of its own: the server may hold another benchmark's node already.
    store::OpenOptions open;
    open.pool_size = 1;
    auto admin = store::Database::Open(pg, open);
    if (!admin.ok()) return Die(admin.status());
    {
      auto conn = (*admin)->Acquire();
      if (!conn.ok()) return Die(conn.status());
      Status s = (*conn)->ExecScript(
          "DROP SCHEMA IF EXISTS audit_bench CASCADE; CREATE SCHEMA audit_bench");
      if (!s.ok()) return Die(s);
    }
    const std::string uri = pg + (pg.find('?') == std::string::npos ? "?" : "&") +
                            "options=-csearch_path%3Daudit_bench";
    if (int rc = RunBackend("postgresql", uri, events)) return rc;
  }
  return 0;
}
