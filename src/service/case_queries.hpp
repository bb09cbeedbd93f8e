// Reads of protection's records: complaints, their messages and cases, each decided by the
// domain's rules (MayViewComplaint, MayViewCase in domain/cases.hpp), every decision written to
// the access log, and returned view-ready with the steps the reader may take; a record the
// caller may not see is NotFound, exactly like a missing one (service/queries.hpp). A case's
// supervisor reads who read it.
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/cases.hpp"
#include "service/accounts.hpp"
#include "service/queries.hpp"
#include "store/accounts.hpp"
#include "store/case_store.hpp"
#include "store/store.hpp"

namespace corridor::service {

// A complaint as its reader sees it. `as_worker`: the worker's own view (what she said, its
// state, the case's progress and outcome; never who handles it).
struct ComplaintItem {
  domain::Complaint complaint;
  bool as_worker = false;
  std::optional<domain::CaseState> case_state;
  std::optional<domain::Outcome> outcome;
  std::vector<domain::ComplaintStep> allowed_actions;
};

struct MessageItem {
  domain::ComplaintMessage message;
  bool as_worker = false;  // the worker's view: who wrote it is not shown
};

using CaseItem = Actionable<domain::Case, domain::CaseStep>;

struct CaseListQuery {
  std::optional<domain::CaseState> state;
  std::optional<bool> flagged;
  store::Page page;
  // kDue: a queue, the earliest deadline still to be met first; `page.after` and the listing's
  // `next` are then store::DueCursor values.
  store::CaseOrder order = store::CaseOrder::kId;
};

// An account a case may be assigned to, as the supervisor choosing one sees it.
struct Assignee {
  AccountId id;
  std::string display_name;
  domain::Role role = domain::Role::kCaseworker;
};

class CaseQueries {
 public:
  CaseQueries(store::Store& store, AccessLog& access);

  Result<ComplaintItem> Complaint(const domain::Actor& a, const domain::ComplaintId& id);
  // What whoever filed a complaint is given back at once: what was said and its reference, in
  // the worker's shape (no nationality, nobody who handles it), whoever filed it.
  ComplaintItem Acknowledgement(const domain::Actor& a, const domain::Complaint& filed);
  Result<Listing<ComplaintItem>> Complaints(const domain::Actor& a,
                                            std::optional<domain::ComplaintState> state,
                                            const store::Page& page);
  Result<Listing<MessageItem>> Messages(const domain::Actor& a, const domain::ComplaintId& id,
                                        const store::Page& page);
  // Before a message's body is read: OK, or NotFound (logged) for a caller who may not see it.
  Status CheckMaySeeComplaint(const domain::Actor& a, const domain::ComplaintId& id);

  Result<CaseItem> Case(const domain::Actor& a, const domain::CaseId& id);
  Result<Listing<CaseItem>> Cases(const domain::Actor& a, const CaseListQuery& q);
  // Before a step's body is read: OK, or NotFound (logged) for a caller who may not see the case.
  Status CheckMaySeeCase(const domain::Actor& a, const domain::CaseId& id);
  // The active investigators and caseworkers of the node the case may be assigned to, by name:
  // for whoever may assign it now (NotFound, logged, for a caller who may not see the case).
  Result<std::vector<Assignee>> Assignees(const domain::Actor& a, const domain::CaseId& id);
  // Who read the case and who was refused, newest first (the case's supervisor).
  Result<std::vector<store::AccessRecord>> Reads(const domain::Actor& a, const domain::CaseId& id,
                                                 int limit);

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  Result<ComplaintItem> ItemOf(store::ReadTx& tx, const domain::Actor& a,
                               domain::Complaint complaint,
                               const std::optional<domain::CaseFacts>& in_case);
  store::Store& store_;
  AccessLog& access_;
};

}  // namespace corridor::service
