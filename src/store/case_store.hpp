// Protection's records in the store: complaints, their messages, cases, and the signal sources
// each case took in (schema migration 7, docs/formats/cases.md).
//
// Each complaint and case is its canonical JSON document plus the columns it is found by: the
// facts need-to-know depends on (assignee, supervisor, the worker's nationality), its state, and
// its next deadline not yet escalated (`due_ms`, NULL when none), so the daily job reads only
// what is due. A signal source is kept once per (kind, source), which makes opening a case for a
// signal idempotent. Message texts, complaint texts and evidence live here, never in the ledger.
//
// Free functions over the transaction the caller holds: writes go through Store::Write (with
// their ledger events recorded by the caller in the same transaction), reads through Store::Read.
// Thread-safety: as the transaction they are given (one thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/cases.hpp"
#include "store/store.hpp"

namespace corridor::store {

// ---------------------------------------------------------------- complaints

Status InsertComplaint(WriteTx& tx, const domain::Complaint& c);
Status UpdateComplaint(WriteTx& tx, const domain::Complaint& c);

// A complaint with the facts of the case it is in, for access decisions.
struct StoredComplaint {
  domain::Complaint complaint;
  std::optional<domain::CaseFacts> in_case;
};
Result<std::optional<StoredComplaint>> GetComplaint(ReadTx& tx, const domain::ComplaintId& id);

// Whose complaints a list holds; the service narrows it to the caller.
struct ComplaintScope {
  enum class Kind {
    kAll,          // the node itself
    kWorker,       // a worker's own (anonymous tips excluded): `value` is the worker id
    kSupervisor,   // received ones, and those in cases unassigned or supervised by `value`
    kAssignee,     // those in cases assigned to `value`
    kNationality,  // about workers of nationality `value`
  };
  Kind kind = Kind::kAll;
  std::string value;
  std::optional<domain::ComplaintState> state;
};
Result<std::vector<StoredComplaint>> ListComplaints(ReadTx& tx, const ComplaintScope& scope,
                                                    const Page& page);
// Received complaints whose triage is due before `now` and not escalated, by id.
Result<std::vector<domain::Complaint>> DueComplaints(ReadTx& tx, Timestamp now, int limit);

// ---------------------------------------------------------------- messages

Status InsertMessage(WriteTx& tx, const domain::ComplaintMessage& m);
// Oldest first; `page.after` is a message id.
Result<std::vector<domain::ComplaintMessage>> ListMessages(ReadTx& tx,
                                                           const domain::ComplaintId& complaint,
                                                           const Page& page);

// ---------------------------------------------------------------- cases

Status InsertCase(WriteTx& tx, const domain::Case& k);
Status UpdateCase(WriteTx& tx, const domain::Case& k);
Result<std::optional<domain::Case>> GetCase(ReadTx& tx, const domain::CaseId& id);

struct CaseScope {
  enum class Kind {
    kAll,          // the node itself
    kAssignee,     // assigned to `value`
    kSupervisor,   // unassigned, or supervised by `value`
    kNationality,  // about workers of nationality `value`
  };
  Kind kind = Kind::kAll;
  std::string value;
  std::optional<domain::CaseState> state;
  std::optional<bool> flagged;
};
// The order of a list of cases: by id, or a queue by the earliest deadline still to be met
// (domain::QueueDeadline), the most urgent first and cases without one last, then by id.
enum class CaseOrder { kId, kDue };
// `page.after` is a case id for kId, and a case's DueCursor for kDue (InvalidArgument naming
// "after" when it is not one).
Result<std::vector<domain::Case>> ListCases(ReadTx& tx, const CaseScope& scope, const Page& page,
                                            CaseOrder order = CaseOrder::kId);
// Where a queue by deadline resumes after `k`: "<milliseconds>.<case id>".
std::string DueCursor(const domain::Case& k);
// The open case about `worker` (or, when no worker is given, about `employer` alone), if any;
// the oldest if there are several.
Result<std::optional<domain::Case>> FindOpenCase(ReadTx& tx, const std::optional<WorkerId>& worker,
                                                 const std::optional<EmployerId>& employer);
// Open cases with a deadline due before `now` not yet escalated, by id.
Result<std::vector<domain::Case>> DueCases(ReadTx& tx, Timestamp now, int limit);

// ---------------------------------------------------------------- signals

// The case a signal source went to, if it was taken in already.
Result<std::optional<domain::CaseId>> FindSignalCase(ReadTx& tx, domain::SignalKind kind,
                                                     std::string_view source);
// Records that the source went to the case; AlreadyExists if it was taken in before.
Status InsertSignalSource(WriteTx& tx, domain::SignalKind kind, std::string_view source,
                          const domain::CaseId& k);

}  // namespace corridor::store
