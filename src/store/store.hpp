// The node's store: the registry's records and the ledger, written together.
//
// Every write happens in Store::Write, one database transaction in which the caller changes
// records through WriteTx and records what happened with WriteTx::Record. Each Record appends an
// event to the ledger (docs/formats/ledger.md) in the same transaction, so a change and its event
// are committed together or not at all. The node signs a tree head at most every
// `head_interval_ms` and on request (SignHead); every signed head is kept.
//
// Writers are serialised: in-process by a mutex, and across processes sharing a database by the
// lock that each write transaction takes on the ledger's state row first.
//
// Thread-safety: a Store is shared by all threads; a ReadTx or WriteTx belongs to the thread of
// the callback it is handed to.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "domain/access.hpp"
#include "domain/contract.hpp"
#include "domain/events.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"
#include "json/json.hpp"
#include "ledger/event.hpp"
#include "ledger/merkle.hpp"
#include "ledger/tree_head.hpp"
#include "ledger/verify.hpp"
#include "store/database.hpp"
#include "store/documents.hpp"

namespace corridor::store {

struct NodeIdentity {
  std::string node_id;
  std::string country;  // alpha-3
  crypto::PublicKey public_key{};
};

// Keyset pagination: records with id greater than `after`, at most `limit`.
struct Page {
  std::string after;
  int limit = 50;
};

struct ContractFilter {
  std::optional<WorkerId> worker;
  std::optional<EmployerId> employer;
  std::optional<AgencyId> agency;
  std::optional<domain::ContractState> state;
  std::string origin_country;
  std::string destination_country;
};

struct WorkerFilter {
  std::string nationality;
  std::string passport_number;
};

struct Notification {
  std::string id;
  std::string recipient;  // "employer:E-..", "worker:W-..", "embassy:NPL", ...
  std::string type;       // "transfer.filed", ...
  std::string subject;
  Timestamp time;
  json::Value data;
};

class ReadTx {
 public:
  explicit ReadTx(Connection& conn) : conn_(conn) {}
  Connection& conn() { return conn_; }

  Result<domain::Worker> GetWorker(const WorkerId& id);
  Result<std::optional<domain::Worker>> FindWorkerByPassport(std::string_view issuing_state,
                                                             std::string_view number);
  Result<std::vector<domain::Worker>> ListWorkers(const WorkerFilter& f, const Page& page);
  Result<domain::Employer> GetEmployer(const EmployerId& id);
  Result<std::optional<domain::Employer>> FindEmployerByRegistration(std::string_view country,
                                                                     std::string_view number);
  Result<std::vector<domain::Employer>> ListEmployers(std::string_view country, const Page& page);
  Result<domain::Agency> GetAgency(const AgencyId& id);
  Result<std::optional<domain::Agency>> FindAgencyByLicence(std::string_view country,
                                                            std::string_view number);
  Result<std::vector<domain::Agency>> ListAgencies(std::string_view country, const Page& page);
  Result<domain::JobOrder> GetJobOrder(const JobOrderId& id);
  Result<std::vector<domain::JobOrder>> ListJobOrders(const std::optional<EmployerId>& employer,
                                                      const Page& page);
  Result<domain::Contract> GetContract(const ContractId& id);
  // The contract's stored JSON document with the facts an access decision needs, without
  // decoding the document (the read path of GET /contracts/{id}).
  struct StoredContract {
    std::string doc;
    domain::ContractParties parties;
    domain::ContractState state = domain::ContractState::kDraft;
    bool amendment_pending = false;
    // What the ledger check needs (record_check.hpp): the event that carries the document, and
    // the columns the contract is found by, as stored.
    std::optional<int64_t> ledger_idx;
    Columns columns;
  };
  Result<std::optional<StoredContract>> GetContractDocument(const ContractId& id);
  Result<std::vector<domain::Contract>> ListContracts(const ContractFilter& f, const Page& page);
  Result<domain::Permit> GetPermit(const PermitId& id);
  Result<std::vector<domain::Permit>> ListPermits(const std::optional<WorkerId>& worker,
                                                  const Page& page);
  Result<std::optional<domain::Permit>> ActivePermitForContract(const ContractId& contract);
  // The permits of one status, in id order (the daily permit job pages through those in force).
  Result<std::vector<domain::Permit>> ListPermitsWithStatus(domain::PermitStatus status,
                                                            const Page& page);
  Result<domain::Transfer> GetTransfer(const TransferId& id);
  Result<std::vector<domain::Transfer>> ListTransfers(const std::optional<WorkerId>& worker,
                                                      const Page& page);
  Result<domain::AbsenceReport> GetAbsenceReport(const NoticeId& id);
  Result<std::vector<domain::AbsenceReport>> ListAbsenceReports(
      const std::optional<WorkerId>& worker, const Page& page);
  Result<domain::ExitNotice> GetExitNotice(const NoticeId& id);
  Result<std::vector<domain::ExitNotice>> ListExitNotices(const std::optional<WorkerId>& worker,
                                                          const Page& page);
  Result<std::vector<domain::Occupation>> ListOccupations();
  Result<std::optional<domain::Occupation>> FindOccupation(std::string_view isco_code);
  Result<std::vector<domain::WageFloor>> ListWageFloors(std::string_view country);
  Result<std::optional<domain::CountryRules>> FindCountryRules(std::string_view country);
  Result<std::vector<Notification>> ListNotifications(std::string_view recipient, const Page& page);
  // Those of any of `recipients` (1 to 4 of them), merged in id order.
  Result<std::vector<Notification>> ListNotifications(const std::vector<std::string>& recipients,
                                                      const Page& page);
  // The notifications of one type about one subject for a recipient (at most 100).
  Result<std::vector<Notification>> NotificationsAbout(std::string_view recipient,
                                                       std::string_view type,
                                                       std::string_view subject);

  // Ledger events about one record, oldest first (decoded).
  Result<std::vector<json::Value>> History(std::string_view subject, int limit);
  Result<uint64_t> LedgerSize();

 protected:
  Result<std::optional<std::string>> GetDoc(std::string_view table, std::string_view id);
  Result<std::optional<std::string>> GetDocBy(std::string_view table, std::string_view column,
                                              std::string_view value);
  Result<std::vector<std::string>> ListDocs(std::string_view table,
                                            const std::vector<std::pair<std::string, Param>>& eq,
                                            const Page& page);
  Connection& conn_;
};

class Store;

// Who causes a write. A change made on this node by one of its actors (or its own jobs) may have
// to be told to a peer: the store queues the federation message in the same transaction
// (outbound.hpp). A change applied from a peer's message is never sent back.
enum class Origin { kLocal, kPeer };

// Makes a creating request idempotent: the write stores (account, key, request hash, the first
// event's subject) in its transaction, so a second request with the same key finds it and a retry
// never creates twice, even if the first response was lost in a crash. The write sets `recorded`
// when it committed the key; a write that finds the key stored already fails with Conflict.
struct IdempotencyKey {
  std::string account;
  std::string key;
  crypto::Digest request_hash{};
  bool recorded = false;
};

// How a write is made: passed to Store::Write by the use case, never kept on a thread.
struct WriteOptions {
  Origin origin = Origin::kLocal;
  // The creating request's key, or null. Owned by the caller; only the first write that records
  // an event stores it (later writes of the same use case see `recorded` and skip it).
  IdempotencyKey* idempotency = nullptr;
};

class WriteTx : public ReadTx {
 public:
  // Inserts refuse a record whose id or natural key (passport, registration or licence number)
  // is stored already; updates refuse a record that is not there.
  Status InsertWorker(const domain::Worker& w);
  Status UpdateWorker(const domain::Worker& w);
  Status InsertEmployer(const domain::Employer& e);
  Status InsertAgency(const domain::Agency& a);
  Status UpdateAgency(const domain::Agency& a);
  Status InsertJobOrder(const domain::JobOrder& j);
  Status UpdateJobOrder(const domain::JobOrder& j);
  Status InsertContract(const domain::Contract& c);
  Status UpdateContract(const domain::Contract& c);
  Status InsertPermit(const domain::Permit& p);
  Status UpdatePermit(const domain::Permit& p);
  Status InsertTransfer(const domain::Transfer& t);
  Status UpdateTransfer(const domain::Transfer& t);
  Status InsertAbsenceReport(const domain::AbsenceReport& r);
  Status InsertExitNotice(const domain::ExitNotice& n);
  Status PutOccupation(const domain::Occupation& o);
  Status PutWageFloor(const domain::WageFloor& f);
  Status PutCountryRules(const domain::CountryRules& r);
  Status InsertNotification(const Notification& n);

  // Writes a record of a table of documents (store/documents.hpp): its document (written
  // compactly, json::Write), the columns it is found by and any others the caller sets, its
  // version, time and `ledger_idx` (the index of the event that will carry it). Notes SHA-256 of
  // the document's bytes for the next event this transaction records, which carries it in its
  // `records` (docs/formats/ledger.md §1.1). Insert refuses a key stored already
  // (AlreadyExists), update a record that is not there (NotFound) or one whose stored document is
  // not the one its ledger_idx event carries (DataLoss: a change is never built on a record
  // edited behind the node's back); a table that is not listed in DocumentTables() is a defect
  // (Internal). The capability stores (*_store.cpp) write their
  // records through these two.
  Status InsertDocument(std::string_view table, const std::string& id, const json::Value& doc,
                        const Columns& columns);
  Status UpdateDocument(std::string_view table, const std::string& id, const json::Value& doc,
                        const Columns& columns);

  // Appends an event to the ledger in this transaction, carrying the records written since the
  // previous event (InsertDocument, UpdateDocument); for a local change whose event another
  // country must learn of, also queues the federation message (outbound.hpp). A transaction that
  // writes a record and records no event after it is refused when it ends (Store::Write).
  Status Record(domain::EventType type, std::string_view subject, json::Value data);

  Timestamp now() const { return now_; }
  Rng& rng() { return rng_; }
  const NodeIdentity& node() const;
  const WriteOptions& options() const { return options_; }

 private:
  friend class Store;
  WriteTx(Connection& conn, Store& store, std::string actor, const WriteOptions& options,
          Timestamp now, Rng& rng, ledger::CompactTree tree)
      : ReadTx(conn),
        store_(store),
        actor_(std::move(actor)),
        options_(options),
        now_(now),
        rng_(rng),
        tree_(std::move(tree)) {}
  Status WriteDocument(bool insert, std::string_view table, const std::string& id,
                       const json::Value& doc, const Columns& columns);
  // DataLoss unless the stored record is the one its ledger_idx event carries (or has none).
  Status CheckBeforeUpdate(const DocumentTable& kind, const std::string& id);

  Store& store_;
  std::string actor_;
  WriteOptions options_;
  Timestamp now_;
  Rng& rng_;
  ledger::CompactTree tree_;
  uint64_t appended_ = 0;
  std::string first_subject_;
  std::vector<ledger::RecordHash> written_;  // records written since the last event
};

struct StoreOptions {
  const Clock* clock = nullptr;             // required
  Rng* rng = nullptr;                       // required for writes
  const crypto::SigningKey* key = nullptr;  // required for writes; null opens read-only
  int64_t head_interval_ms = 1000;          // sign a tree head at most this often on writes
  int pool_size = 4;
  // Told the duration of every read and write transaction ("read", "write"), for metrics.
  std::function<void(const char* operation, double seconds)> observer;
};

class Store {
 public:
  // Creates the schema and the node's identity in an empty database. Refuses a database that
  // holds a Corridor node already.
  static Status Initialise(const std::string& uri, const NodeIdentity& identity);
  // Opens an initialised store, applying pending migrations, and checks that the signing key (if
  // given) is the node's.
  static Result<std::unique_ptr<Store>> Open(const std::string& uri, const StoreOptions& options);
  // The same over a database the caller opened (the fault-injection tests wrap one).
  static Result<std::unique_ptr<Store>> Open(std::unique_ptr<Database> db,
                                             const StoreOptions& options);

  const NodeIdentity& identity() const { return identity_; }
  // Told after each write that appended events has committed (outside its transaction), to wake
  // the federation's delivery worker. It must not write; set it before writes start, and clear
  // it (an empty function) before what it calls goes away.
  void SetCommitListener(std::function<void()> listener);
  Database& database() { return *db_; }
  const Clock& clock() const { return *options_.clock; }

  // Runs `fn` in one write transaction on behalf of `actor` (an account id or "system"): commits
  // its changes and ledger events if it returns OK, leaves no trace otherwise.
  Status Write(const std::string& actor, const std::function<Status(WriteTx&)>& fn) {
    return Write(actor, WriteOptions{}, fn);
  }
  Status Write(const std::string& actor, const WriteOptions& options,
               const std::function<Status(WriteTx&)>& fn);
  Status Read(const std::function<Status(ReadTx&)>& fn);

  // Signs a head over the ledger as it stands, unless the latest head already covers it.
  Result<ledger::SignedTreeHead> SignHead();
  Result<std::optional<ledger::SignedTreeHead>> LatestHead();
  // Signs another statement of the node (a release's open-data manifest): the canonical JSON of
  // `statement`, an object whose string member "type" names what it is, so that its signature is
  // never taken for a tree head's (whose type is refused here: only the store signs heads).
  // InvalidArgument for a statement without its own type; FailedPrecondition on a read-only
  // store.
  Result<crypto::Signature> SignStatement(const json::Value& statement) const;
  Result<std::vector<ledger::Hash>> InclusionProof(uint64_t index, uint64_t tree_size);
  Result<std::vector<ledger::Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size);
  Result<std::optional<std::string>> EventBytes(uint64_t index);

  // Recomputes the whole ledger from the stored events and checks every signed head; an
  // observer is told of each sound event together with its row's indexed columns. The audit of
  // the state as well is Audit (state_audit.hpp), what `corridor audit verify` runs.
  // The heads, events and nodes are read in one read transaction: a node writing meanwhile is not
  // seen half-way.
  Result<ledger::VerifyReport> Verify(ledger::EventObserver* observer = nullptr);
  // The same, on a connection the caller holds inside a read transaction (the audit checks the
  // tables in the same snapshot).
  Result<ledger::VerifyReport> VerifyOn(Connection& conn, ledger::EventObserver* observer);

 private:
  Store(std::unique_ptr<Database> db, NodeIdentity identity, StoreOptions options)
      : db_(std::move(db)), identity_(std::move(identity)), options_(std::move(options)) {}
  friend class WriteTx;
  Status AppendHead(Connection& conn, const ledger::CompactTree& tree, Timestamp now);

  std::unique_ptr<Database> db_;
  NodeIdentity identity_;
  StoreOptions options_;
  std::mutex listener_mu_;
  std::function<void()> commit_listener_;  // guarded by listener_mu_
  std::mutex write_mu_;                    // serialises writers in this process
  ledger::CompactTree tree_;               // the committed right edge; guarded by write_mu_
  uint64_t last_head_size_ = 0;
  int64_t last_head_ms_ = 0;
};

}  // namespace corridor::store
