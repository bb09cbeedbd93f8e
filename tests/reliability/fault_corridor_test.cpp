// Fault injection over a scripted corridor (docs/reliability.md, "Storage faults").
//
// Two nodes, Nepal (origin) and Kuwait (destination), each on a store wrapped by the
// fault-injecting Database (store/fault_database.hpp), play a corridor through the service
// layer's use cases: employers, an agency and a worker registered, an account created and its
// login, a contract drafted, offered, accepted, attested in Nepal and authenticated in Kuwait, a
// permit issued, a job change filed, a payroll file uploaded, an exit notified, and every
// federation message these queue delivered both ways.
//
// Each use case is run again and again with a fault armed at its N-th operation, for N = 1, 2,
// ... until a run completes without reaching N (the run that succeeds). After every failed run:
// the use case reported the injected error, every table of the node holds exactly what it held
// before (nothing half-written: records, ledger events, tree heads, queued messages), and the
// node's audit (ledger and message log, as `corridor audit verify`) passes.
//
// Delivery is a protocol of many transactions on two nodes, so its check is the protocol's
// promise instead: after each failed pass both audits pass, and once the faults stop every
// message is applied exactly once (sequence numbers 1..n on both sides, one ledger event each).
//
// The test runs once per fault: through the fault-injecting Database (both backends) a failed
// statement, a failed commit, a full disk; and on SQLite, through a VFS that fails SQLite's own
// file operations (store/sqlite/fault_vfs.hpp), a failed write, a failed fsync, a full disk.
// A file fault SQLite absorbs (a failed write of a checkpoint, after the commit is safe in the
// write-ahead log) lets the operation succeed; the audit must pass all the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "domain/testing.hpp"
#include "federation/transport.hpp"
#include "service/accounts.hpp"
#include "service/federation.hpp"
#include "service/registry.hpp"
#include "service/testing.hpp"
#include "service/wages.hpp"
#include "store/fault_database.hpp"
#include "store/federation_store.hpp"
#include "store/payroll_store.hpp"
#include "store/sqlite/fault_vfs.hpp"
#include "store/testing.hpp"

namespace corridor {
namespace {

using domain::Role;
using domain::testing::D;
using service::testing::AgencyActor;
using service::testing::EmployerActor;
using service::testing::Officer;
using service::testing::WorkerActor;
using store::FaultKind;
using store::FileFault;

// One way of failing, and the error the caller must see for it.
struct Fault {
  const char* name;
  bool file;  // through SQLite's VFS (SQLite only), else through the Database wrapper
  FaultKind db = FaultKind::kStatement;
  FileFault fs = FileFault::kWrite;
  Code code = Code::kInternal;
};

void PrintTo(const Fault& f, std::ostream* os) { *os << f.name; }

const Fault kDatabaseFaults[] = {
    {"statement", false, FaultKind::kStatement, FileFault::kWrite, Code::kInternal},
    {"commit", false, FaultKind::kCommit, FileFault::kWrite, Code::kInternal},
    {"disk_full", false, FaultKind::kDiskFull, FileFault::kWrite, Code::kUnavailable},
};
const Fault kFileFaults[] = {
    {"write", true, FaultKind::kStatement, FileFault::kWrite, Code::kInternal},
    {"fsync", true, FaultKind::kStatement, FileFault::kSync, Code::kInternal},
    {"full", true, FaultKind::kStatement, FileFault::kFull, Code::kUnavailable},
};

// The VFS of each node, registered once per process (SQLite keeps VFSs until exit).
store::FileFaults* FileFaultsFor(const std::string& node) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<store::FileFaults>> faults;
  std::lock_guard<std::mutex> lock(mu);
  auto& f = faults[node];
  if (!f) {
    f = std::make_unique<store::FileFaults>();
    const Status s = store::RegisterFaultVfs("faults-" + node, f.get());
    if (!s.ok()) return nullptr;
  }
  return f.get();
}

// Every table's rows, each row rendered as bytes, sorted: two snapshots are equal when the
// database holds the same records.
using Snapshot = std::map<std::string, std::vector<std::string>>;
// For some tables, the query that reads them instead of `SELECT *`: it leaves out what an
// operation changes on purpose before it can fail (the login's claim_kept).
using Projection = std::map<std::string, std::string>;

Result<Snapshot> TakeSnapshot(store::Store& st, const Projection& projection = {}) {
  Snapshot out;
  RETURN_IF_ERROR(st.Read([&](store::ReadTx& tx) -> Status {
    std::vector<std::string> tables;
    const char* list =
        tx.conn().dialect() == store::Dialect::kSqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
              "ORDER BY name"
            : "SELECT table_name::text FROM information_schema.tables WHERE table_schema = "
              "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
    RETURN_IF_ERROR(tx.conn().Query(list, {}, [&](const store::Row& r) {
      tables.push_back(r.String(0));
      return Status::Ok();
    }));
    for (const std::string& t : tables) {
      std::vector<std::string>& rows = out[t];
      const auto p = projection.find(t);
      const std::string query = p == projection.end() ? "SELECT * FROM " + t : p->second;
      RETURN_IF_ERROR(tx.conn().Query(query, {}, [&](const store::Row& r) {
        std::string row;
        for (size_t c = 0; c < r.size(); ++c) {
          if (r.IsNull(c)) {
            row += "|NULL";
            continue;
          }
          const auto b = r.Blob(c);
          row += "|" + std::to_string(b.size()) + ":";
          row.append(reinterpret_cast<const char*>(b.data()), b.size());
        }
        rows.push_back(std::move(row));
        return Status::Ok();
      }));
      std::sort(rows.begin(), rows.end());
    }
    return Status::Ok();
  }));
  return out;
}

// The tables whose rows differ, with a count of rows each side holds that the other does not.
std::string Difference(const Snapshot& before, const Snapshot& after) {
  std::string out;
  for (const auto& [table, rows] : after) {
    auto it = before.find(table);
    const std::vector<std::string> empty;
    const std::vector<std::string>& old = it == before.end() ? empty : it->second;
    if (old == rows) continue;
    std::vector<std::string> added;
    std::vector<std::string> removed;
    std::set_difference(rows.begin(), rows.end(), old.begin(), old.end(),
                        std::back_inserter(added));
    std::set_difference(old.begin(), old.end(), rows.begin(), rows.end(),
                        std::back_inserter(removed));
    out += " " + table + " (+" + std::to_string(added.size()) + " -" +
           std::to_string(removed.size()) + ")";
  }
  return out;
}

// One node of the corridor on a store behind the fault-injecting Database.
struct Node {
  std::string name;
  std::string country;
  std::unique_ptr<store::testing::TestLocation> location;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<SeededRng> rng;
  std::unique_ptr<SeededRng> jitter;
  std::unique_ptr<crypto::SigningKey> key;
  std::shared_ptr<store::FaultPlan> plan = std::make_shared<store::FaultPlan>();
  store::FileFaults* files = nullptr;
  Fault fault{};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::Registry> registry;
  std::unique_ptr<service::Accounts> accounts;
  std::unique_ptr<service::Wages> wages;
  std::unique_ptr<service::Federation> federation;
  std::string url;

  Status Create(federation::InProcessTransport& transport, Timestamp now, uint64_t seed) {
    ASSIGN_OR_RETURN(location, store::testing::TestLocation::Create());
    clock = std::make_unique<ManualClock>(now);
    rng = std::make_unique<SeededRng>(0x5eed0000 + seed);
    jitter = std::make_unique<SeededRng>(seed);
    key = std::make_unique<crypto::SigningKey>(crypto::SigningKey::Generate());
    RETURN_IF_ERROR(store::Store::Initialise(location->uri(), {name, country, key->public_key()}));
    store::OpenOptions open;
    open.pool_size = 4;
    if (fault.file) {
      files = FileFaultsFor(name);
      if (files == nullptr) return Status::Internal("cannot register the fault VFS");
      if (location->postgres()) return Status::InvalidArgument("file faults are SQLite's");
      open.sqlite_vfs = "faults-" + name;
    }
    ASSIGN_OR_RETURN(auto db, store::Database::Open(location->uri(), open));
    store::StoreOptions options;
    options.clock = clock.get();
    options.rng = rng.get();
    options.key = key.get();
    options.head_interval_ms = 0;  // a head with every write: more to fail, more to check
    ASSIGN_OR_RETURN(store,
                     store::Store::Open(store::WrapWithFaults(std::move(db), plan), options));
    registry = std::make_unique<service::Registry>(*store);
    service::AuthConfig auth;
    accounts = std::make_unique<service::Accounts>(*store, auth);
    service::WagesConfig wages_config;
    std::istringstream ladder("country,day,action\nKWT,10,notice_to_employer\n");
    ASSIGN_OR_RETURN(wages_config.ladders, service::LoadLadders(ladder));
    wages = std::make_unique<service::Wages>(*store, wages_config);
    federation = std::make_unique<service::Federation>(*store, *key, *jitter, transport);
    url = "http://" + name + ".test";
    service::Federation* fed = federation.get();
    transport.Attach(url, [fed](const std::string& body) -> federation::HttpReply {
      auto r = fed->Receive(body, "127.0.0.1");
      if (!r.ok()) {
        const int status = r.status().code() == Code::kInvalidArgument ? 400 : 503;
        return {status, "{\"title\":\"" + std::string(CodeName(r.status().code())) + "\"}"};
      }
      return {200, json::Write(federation::ResponseToJson(*r))};
    });
    return service::testing::SeedReferenceData(*registry);
  }

  void Arm(int64_t n) {
    if (fault.file) {
      files->Arm(fault.fs, n);
    } else {
      plan->Arm(fault.db, n);
    }
  }
  // Disarms; whether the armed fault happened.
  bool Disarm() {
    if (fault.file) {
      const bool fired = files->fired();
      files->Disarm();
      return fired;
    }
    const bool fired = plan->fired();
    plan->Disarm();
    return fired;
  }

  // What `corridor audit verify` checks: the ledger, the state against it, then the message log.
  Status Audit() {
    const std::string problems = store::testing::AuditProblems(*store);
    if (!problems.empty()) return Status::DataLoss(name + ": " + problems);
    ASSIGN_OR_RETURN(auto log, store::VerifyMessageLog(*store));
    if (!log.ok) return Status::DataLoss(name + ": message log: " + log.problem);
    return Status::Ok();
  }

  // Makes a peer in backoff due again (test bookkeeping, outside the faults).
  Status ResetBackoff(const std::string& peer) {
    return store->Write("system", [&](store::WriteTx& tx) {
      return store::SetDeliveryState(tx.conn(), peer, 0, 0, "", 0);
    });
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    Status s = store->Read([&](store::ReadTx& tx) {
      return tx.conn().Query(sql, {}, [&](const store::Row& r) {
        n = r.Int(0);
        return Status::Ok();
      });
    });
    return s.ok() ? n : -1;
  }
};

// The status of a use case's result.
template <typename T>
Status Ok(const Result<T>& r) {
  return r.status();
}

class FaultCorridorTest : public ::testing::TestWithParam<Fault> {
 protected:
  void SetUp() override {
    crypto::Init();
    const Timestamp start = *Timestamp::Parse("2026-11-29T08:00:00Z");
    np_.name = "node-npl";
    np_.country = "NPL";
    np_.fault = GetParam();
    kw_.name = "node-kwt";
    kw_.country = "KWT";
    kw_.fault = GetParam();
    Status s = np_.Create(transport_, start, 1);
    ASSERT_TRUE(s.ok()) << s.ToString() << " " << s.detail();
    s = kw_.Create(transport_, start, 2);
    ASSERT_TRUE(s.ok()) << s.ToString() << " " << s.detail();
    const domain::Actor sys = domain::SystemActor();
    ASSERT_TRUE(
        np_.federation->SetPeer(sys, {kw_.name, kw_.country, kw_.url, kw_.key->public_key()}).ok());
    ASSERT_TRUE(
        kw_.federation->SetPeer(sys, {np_.name, np_.country, np_.url, np_.key->public_key()}).ok());
  }

  // Runs `op` on `node` with the fault at its 1st, 2nd, ... operation until a run succeeds
  // without reaching the fault; checks every failed run left the node as it was. Returns the
  // successful run's status (OK) or the first broken promise.
  // `kept` names what a failed run may leave changed by design (the rest must be as it was).
  void EveryFault(const std::string& what, Node& node, const std::function<Status()>& op,
                  const Projection& kept = {}) {
    SCOPED_TRACE(what);
    for (int64_t n = 1;; ++n) {
      ASSERT_LT(n, 5000) << what << " never completed";
      auto before = TakeSnapshot(*node.store, kept);
      ASSERT_TRUE(before.ok()) << before.status().ToString();
      node.Arm(n);
      const Status s = op();
      const bool fired = node.Disarm();
      if (fired && s.ok() && GetParam().file) {
        // SQLite absorbed it (the commit was already safe): the run succeeded.
        const Status audit = node.Audit();
        ASSERT_TRUE(audit.ok()) << what << " (absorbed fault at " << n << "): " << audit.ToString();
        ++absorbed_;
        ++operations_;
        return;
      }
      if (!fired) {
        ASSERT_TRUE(s.ok()) << what << " failed without a fault: " << s.ToString() << " "
                            << s.detail();
        ++operations_;
        return;
      }
      ++failures_;
      EXPECT_FALSE(s.ok()) << what << ": the fault at operation " << n
                           << " was not reported to the caller";
      if (!s.ok()) {
        EXPECT_EQ(s.code(), GetParam().code)
            << what << ": the fault at operation " << n << " came back as " << s.ToString();
      }
      auto after = TakeSnapshot(*node.store, kept);
      ASSERT_TRUE(after.ok()) << after.status().ToString();
      ASSERT_TRUE(*before == *after) << what << ": the fault at operation " << n
                                     << " left a partial change:" << Difference(*before, *after);
      const Status audit = node.Audit();
      ASSERT_TRUE(audit.ok()) << what << " (fault at " << n << "): " << audit.ToString();
    }
  }

  // Delivers from `from` to `to` with the faults on `faulty` (either side), for N = 1, 2, ...
  // until a pass completes without a fault; after each failed pass both audits pass. Then
  // everything is delivered and checked to have been applied exactly once.
  void DeliverWithFaults(const std::string& what, Node& from, Node& to, Node& faulty) {
    SCOPED_TRACE(what);
    for (int64_t n = 1;; ++n) {
      ASSERT_LT(n, 5000) << what << " never completed";
      faulty.Arm(n);
      auto report = from.federation->DeliverDue();
      const bool fired = faulty.Disarm();
      ASSERT_TRUE(from.Audit().ok()) << from.Audit().ToString();
      ASSERT_TRUE(to.Audit().ok()) << to.Audit().ToString();
      if (!fired) {
        ASSERT_TRUE(report.ok()) << report.status().ToString();
        if (report->failures == 0) break;
      } else {
        ++failures_;
        // The pass says it did not finish: an error, or a failure recorded for the peer.
        EXPECT_TRUE(!report.ok() || report->failures > 0 ||
                    from.Count("SELECT COUNT(*) FROM fed_outbox WHERE state = 'pending'") == 0)
            << what << ": the fault at operation " << n << " went unreported";
      }
      ASSERT_TRUE(from.ResetBackoff(to.name).ok());
    }
    ++operations_;
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(from.ResetBackoff(to.name).ok());
      auto report = from.federation->DeliverDue();
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      if (report->sent == 0) break;
    }
    ExpectExactlyOnce(from, to);
  }

  // Every message `from` queued for `to` was acknowledged once and applied once.
  void ExpectExactlyOnce(Node& from, Node& to) {
    const std::string peer_to = "'" + to.name + "'";
    const std::string peer_from = "'" + from.name + "'";
    const int64_t n = from.Count("SELECT COUNT(*) FROM fed_outbox WHERE peer = " + peer_to);
    EXPECT_EQ(from.Count("SELECT COUNT(*) FROM fed_outbox WHERE peer = " + peer_to +
                         " AND state = 'acknowledged'"),
              n);
    EXPECT_EQ(from.Count("SELECT MAX(seq) FROM fed_outbox WHERE peer = " + peer_to), n);
    EXPECT_EQ(to.Count("SELECT COUNT(*) FROM fed_inbox WHERE peer = " + peer_from), n);
    EXPECT_EQ(to.Count("SELECT COUNT(DISTINCT seq) FROM fed_inbox WHERE peer = " + peer_from), n);
    EXPECT_EQ(to.Count("SELECT MAX(seq) FROM fed_inbox WHERE peer = " + peer_from), n);
    EXPECT_EQ(to.Count("SELECT COUNT(*) FROM fed_inbox WHERE peer = " + peer_from +
                       " AND outcome != 'applied'"),
              0);
    // One federation.received event per message applied (accepted heads excepted).
    EXPECT_EQ(to.Count("SELECT COUNT(*) FROM ledger_events WHERE type = 'federation.received'"),
              to.Count("SELECT COUNT(*) FROM fed_inbox WHERE type != 'ledger.head'"));
  }

  void AdvanceBoth(int64_t ms) {
    np_.clock->Advance(ms);
    kw_.clock->Advance(ms);
  }

  federation::InProcessTransport transport_;
  Node np_;
  Node kw_;
  int64_t operations_ = 0;  // use cases and delivery passes run to completion
  int64_t failures_ = 0;    // runs failed by an injected fault and checked
  int64_t absorbed_ = 0;    // file faults SQLite absorbed without failing the operation
};

TEST_P(FaultCorridorTest, EveryOperationFailsWholeAndTheLedgerVerifies) {
  const domain::Actor np_officer = Officer(Role::kOriginOfficer, "NPL", "U-np-officer");
  const domain::Actor kw_officer = Officer(Role::kDestinationOfficer, "KWT", "U-kw-officer");
  const domain::Actor np_admin = Officer(Role::kAdministrator, "NPL", "U-np-admin");

  // People and organisations, on their own sides.
  domain::Employer employer;
  EveryFault("register an employer (Kuwait)", kw_, [&] {
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    e.registration_number = "1000000000001";  // 13 digits: it can file a SIF
    auto r = kw_.registry->RegisterEmployer(kw_officer, e);
    if (r.ok()) employer = *r;
    return Ok(r);
  });
  domain::Employer employer2;
  EveryFault("register a second employer (Kuwait)", kw_, [&] {
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    e.registration_number = "KW-2019-1001";
    e.name = "Al Noor Cleaning Co.";
    auto r = kw_.registry->RegisterEmployer(kw_officer, e);
    if (r.ok()) employer2 = *r;
    return Ok(r);
  });
  domain::Agency agency;
  EveryFault("register an agency (Nepal)", np_, [&] {
    domain::Agency a = domain::testing::SampleAgency();
    a.id = AgencyId();
    auto r = np_.registry->RegisterAgency(np_officer, a);
    if (r.ok()) agency = *r;
    return Ok(r);
  });
  domain::Worker worker;
  EveryFault("register a worker (Nepal)", np_, [&] {
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    auto r = np_.registry->RegisterWorker(np_officer, w);
    if (r.ok()) worker = *r;
    return Ok(r);
  });

  // The worker's account and a login (authentication writes the session).
  const std::string password = "a long enough passphrase";
  EveryFault("create the worker's account (Nepal)", np_, [&] {
    domain::Account account;
    account.username = "sita.thapa";
    account.role = Role::kWorker;
    account.worker = worker.id;
    account.display_name = "Sita";
    account.language = "ne";
    return Ok(np_.accounts->Create(np_admin, account, password));
  });
  std::string token;
  // A login claims its attempt in a write of its own before the password is checked
  // (docs/security.md), so a fault after that write leaves the attempt counted: the account's
  // failure count and lock, and the ledger's count of write transactions. Nothing else: no
  // session, no remembered address, no other column of the account. Five such faults lock the
  // account like five wrong passwords, so each run waits out the longest lock first.
  const Projection claim_kept = {
      {"accounts",
       "SELECT id, username, password_hash, role, country, employer_id, agency_id, worker_id, "
       "display_name, language, disabled, created_ms FROM accounts"},
      {"ledger_state", "SELECT id, size FROM ledger_state"}};
  EveryFault(
      "log in (Nepal)", np_,
      [&] {
        AdvanceBoth(2 * 3'600'000);
        auto r = np_.accounts->Login("sita.thapa", password);
        if (r.ok()) token = r->token;
        return Ok(r);
      },
      claim_kept);
  ASSERT_TRUE(np_.accounts->Authenticate(token).ok());

  DeliverWithFaults("organisations to Kuwait, faults in Kuwait", np_, kw_, kw_);
  DeliverWithFaults("organisations to Nepal, faults in Nepal", kw_, np_, np_);

  // The contract: drafted, offered, accepted and attested in Nepal.
  domain::ContractTerms terms = domain::testing::SampleTerms();
  terms.worker = worker.id;
  terms.employer = employer.id;
  terms.agency = agency.id;
  terms.start_date = D("2026-12-01");
  ContractId contract;
  EveryFault("draft a contract (Nepal)", np_, [&] {
    auto r = np_.registry->DraftContract(AgencyActor(agency.id), terms);
    if (r.ok()) contract = r->id;
    return Ok(r);
  });
  EveryFault("offer it (Nepal)", np_,
             [&] { return Ok(np_.registry->OfferContract(AgencyActor(agency.id), contract)); });
  EveryFault("the worker accepts it (Nepal)", np_,
             [&] { return Ok(np_.registry->AcceptContract(WorkerActor(worker.id), contract)); });
  EveryFault("attest it (Nepal)", np_,
             [&] { return Ok(np_.registry->AttestContract(np_officer, contract)); });
  DeliverWithFaults("the attested contract to Kuwait, faults in Kuwait", np_, kw_, kw_);

  // Authenticated and a permit issued in Kuwait; Nepal learns of both.
  EveryFault("authenticate it (Kuwait)", kw_, [&] {
    return Ok(kw_.registry->AuthenticateContract(kw_officer, contract, std::nullopt));
  });
  EveryFault("issue the permit (Kuwait)", kw_,
             [&] { return Ok(kw_.registry->IssuePermit(kw_officer, contract)); });
  DeliverWithFaults("authentication and permit to Nepal, faults in Kuwait (settling)", kw_, np_,
                    kw_);

  // A job change: the second employer's offer, accepted, and the worker files the transfer.
  ContractId offer;
  domain::ContractTerms terms2 = terms;
  terms2.employer = employer2.id;
  terms2.start_date = D("2027-01-15");
  EveryFault("a new employer drafts an offer (Kuwait)", kw_, [&] {
    auto r = kw_.registry->DraftContract(EmployerActor(employer2.id), terms2);
    if (r.ok()) offer = r->id;
    return Ok(r);
  });
  EveryFault("it offers it (Kuwait)", kw_,
             [&] { return Ok(kw_.registry->OfferContract(EmployerActor(employer2.id), offer)); });
  EveryFault("the worker accepts the offer (Kuwait)", kw_,
             [&] { return Ok(kw_.registry->AcceptContract(WorkerActor(worker.id), offer)); });
  EveryFault("the worker files the job change (Kuwait)", kw_, [&] {
    return Ok(kw_.registry->FileTransfer(WorkerActor(worker.id), contract, offer, ""));
  });

  // December's payroll, uploaded by the first employer in January.
  AdvanceBoth(36LL * 24 * 3600 * 1000);  // 2027-01-04
  std::string person;
  ASSERT_TRUE(kw_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto p, store::FindPersonNumber(tx.conn(), worker.id));
                    if (p) person = *p;
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(person.empty());
  const std::string sif = "EDR," + person +
                          ",803510106,1234,2026-12-01,2026-12-31,31,120.000,0,0\n"
                          "SCR,1000000000001,302210101,2027-01-04,0900,122026,1,120.000,KWD,\n";
  EveryFault("upload a payroll file (Kuwait)", kw_, [&] {
    service::Submission s;
    s.month = "2026-12";
    s.paid_on = D("2027-01-04");
    s.name = "december.sif";
    return Ok(kw_.wages->SubmitFile(EmployerActor(employer.id), s, sif));
  });

  // The worker's notice of a journey home and back.
  EveryFault("the worker notifies an exit (Kuwait)", kw_, [&] {
    return Ok(kw_.registry->NotifyExit(WorkerActor(worker.id), worker.id,
                                       domain::ExitKind::kReturning, D("2027-02-01"),
                                       D("2027-03-01")));
  });
  DeliverWithFaults("the job change and exit to Nepal, faults in Nepal", kw_, np_, np_);
  DeliverWithFaults("heads and the rest to Kuwait, faults in Nepal (settling)", np_, kw_, np_);

  ASSERT_TRUE(np_.Audit().ok());
  ASSERT_TRUE(kw_.Audit().ok());
  // The worker's contract reached Kuwait and her exit notice reached Nepal.
  EXPECT_EQ(np_.Count("SELECT COUNT(*) FROM exit_notices"), 1);
  EXPECT_EQ(kw_.Count("SELECT COUNT(*) FROM payroll_files"), 1);
  std::printf(
      "[ fault: %s ] %lld operations completed; %lld runs failed by a fault, each checked; %lld "
      "faults absorbed\n",
      GetParam().name, static_cast<long long>(operations_), static_cast<long long>(failures_),
      static_cast<long long>(absorbed_));
}

std::string FaultName(const ::testing::TestParamInfo<Fault>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(DatabaseFaults, FaultCorridorTest, ::testing::ValuesIn(kDatabaseFaults),
                         FaultName);
// Registered for the SQLite run only (tests/reliability/CMakeLists.txt).
INSTANTIATE_TEST_SUITE_P(SqliteFileFaults, FaultCorridorTest, ::testing::ValuesIn(kFileFaults),
                         FaultName);

}  // namespace
}  // namespace corridor
