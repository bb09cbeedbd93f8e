#include "service/case_queries.hpp"

#include "store/case_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;

template <typename T>
std::string NextOf(const std::vector<T>& rows, const store::Page& page,
                   const std::function<std::string(const T&)>& id) {
  return static_cast<int>(rows.size()) == page.limit && !rows.empty() ? id(rows.back()) : "";
}

Status NoSuchComplaint(const domain::ComplaintId& id) {
  return Status::NotFound("complaint " + id.value() + " does not exist");
}
// A unit's staff fits a chooser; a node with more names them by the first this many.
constexpr int kMaxAssignees = 500;

Status NoSuchCase(const domain::CaseId& id) {
  return Status::NotFound("case " + id.value() + " does not exist");
}

}  // namespace

CaseQueries::CaseQueries(store::Store& store, AccessLog& access) : store_(store), access_(access) {}

Result<ComplaintItem> CaseQueries::ItemOf(store::ReadTx& tx, const domain::Actor& a,
                                          domain::Complaint complaint,
                                          const std::optional<domain::CaseFacts>& in_case) {
  ComplaintItem item;
  const domain::ComplaintFacts facts = domain::FactsOf(complaint, in_case);
  item.as_worker = a.role == Role::kWorker;
  item.allowed_actions = domain::AllowedComplaintActions(a, facts, node());
  if (in_case) {
    item.case_state = in_case->state;
    if (item.as_worker && in_case->state == domain::CaseState::kClosed && complaint.case_id) {
      ASSIGN_OR_RETURN(auto k, store::GetCase(tx, *complaint.case_id));
      if (k) item.outcome = k->outcome;
    }
  }
  item.complaint = std::move(complaint);
  return item;
}

Result<ComplaintItem> CaseQueries::Complaint(const domain::Actor& a,
                                             const domain::ComplaintId& id) {
  std::optional<ComplaintItem> item;
  bool visible = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, id));
    visible = stored && domain::MayViewComplaint(
                            a, domain::FactsOf(stored->complaint, stored->in_case), node());
    if (!visible) return Status::Ok();
    ASSIGN_OR_RETURN(item, ItemOf(tx, a, std::move(stored->complaint), stored->in_case));
    return Status::Ok();
  }));
  access_.Record(a, "view", "complaint", id.value(), visible);
  if (!visible) return NoSuchComplaint(id);
  return std::move(*item);
}

ComplaintItem CaseQueries::Acknowledgement(const domain::Actor& a, const domain::Complaint& filed) {
  ComplaintItem item;
  item.complaint = filed;
  item.as_worker = true;
  const domain::ComplaintFacts facts = domain::FactsOf(filed, std::nullopt);
  if (domain::SpeaksAsWorker(a, facts)) {
    item.allowed_actions = domain::AllowedComplaintActions(a, facts, node());
  }
  return item;
}

Result<Listing<ComplaintItem>> CaseQueries::Complaints(const domain::Actor& a,
                                                       std::optional<domain::ComplaintState> state,
                                                       const store::Page& page) {
  store::ComplaintScope scope;
  using K = store::ComplaintScope::Kind;
  switch (a.role) {
    case Role::kSystem:
      scope.kind = K::kAll;
      break;
    case Role::kWorker:
      if (!a.worker) return Status::PermissionDenied("this account names no worker");
      scope = {K::kWorker, a.worker->value(), std::nullopt};
      break;
    case Role::kCaseSupervisor:
      if (!domain::IsCaseSupervisor(a, node())) {
        return Status::PermissionDenied("a case supervisor of another country");
      }
      scope = {K::kSupervisor, a.account, std::nullopt};
      break;
    case Role::kInvestigator:
    case Role::kCaseworker:
      scope = {K::kAssignee, a.account, std::nullopt};
      break;
    case Role::kEmbassy:
      if (a.country == node().country) {
        return Status::PermissionDenied("an embassy sees its nationals' complaints abroad");
      }
      scope = {K::kNationality, a.country, std::nullopt};
      break;
    default:
      return Status::PermissionDenied("this role does not see complaints");
  }
  scope.state = state;
  Listing<ComplaintItem> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, store::ListComplaints(tx, scope, page));
    out.next = NextOf<store::StoredComplaint>(
        rows, page, [](const store::StoredComplaint& s) { return s.complaint.id.value(); });
    for (auto& s : rows) {
      // The scope is the store's narrowing; the domain's rule decides.
      if (!domain::MayViewComplaint(a, domain::FactsOf(s.complaint, s.in_case), node())) continue;
      ASSIGN_OR_RETURN(auto item, ItemOf(tx, a, std::move(s.complaint), s.in_case));
      out.items.push_back(std::move(item));
    }
    return Status::Ok();
  }));
  for (const auto& i : out.items)
    access_.Record(a, "list", "complaint", i.complaint.id.value(), true);
  return out;
}

Status CaseQueries::CheckMaySeeComplaint(const domain::Actor& a, const domain::ComplaintId& id) {
  bool visible = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, id));
    visible = stored && domain::MayViewComplaint(
                            a, domain::FactsOf(stored->complaint, stored->in_case), node());
    return Status::Ok();
  }));
  if (!visible) {
    access_.Record(a, "message", "complaint", id.value(), false);
    return NoSuchComplaint(id);
  }
  return Status::Ok();
}

Result<Listing<MessageItem>> CaseQueries::Messages(const domain::Actor& a,
                                                   const domain::ComplaintId& id,
                                                   const store::Page& page) {
  Listing<MessageItem> out;
  bool visible = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, id));
    visible = stored && domain::MayViewComplaint(
                            a, domain::FactsOf(stored->complaint, stored->in_case), node());
    if (!visible) return Status::Ok();
    ASSIGN_OR_RETURN(auto rows, store::ListMessages(tx, id, page));
    out.next = NextOf<domain::ComplaintMessage>(
        rows, page, [](const domain::ComplaintMessage& m) { return m.id.value(); });
    for (auto& m : rows) out.items.push_back({std::move(m), a.role == Role::kWorker});
    return Status::Ok();
  }));
  access_.Record(a, "messages", "complaint", id.value(), visible);
  if (!visible) return NoSuchComplaint(id);
  return out;
}

Result<CaseItem> CaseQueries::Case(const domain::Actor& a, const domain::CaseId& id) {
  std::optional<domain::Case> k;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(k, store::GetCase(tx, id));
    return Status::Ok();
  }));
  const bool visible = k && domain::MayViewCase(a, domain::FactsOf(*k), node());
  access_.Record(a, "view", "case", id.value(), visible);
  if (!visible) return NoSuchCase(id);
  CaseItem item;
  item.allowed_actions = domain::AllowedCaseActions(a, *k, node());
  item.record = std::move(*k);
  return item;
}

Result<Listing<CaseItem>> CaseQueries::Cases(const domain::Actor& a, const CaseListQuery& q) {
  store::CaseScope scope;
  using K = store::CaseScope::Kind;
  switch (a.role) {
    case Role::kSystem:
      break;
    case Role::kInvestigator:
    case Role::kCaseworker:
      scope = {K::kAssignee, a.account, std::nullopt, std::nullopt};
      break;
    case Role::kCaseSupervisor:
      if (!domain::IsCaseSupervisor(a, node())) {
        return Status::PermissionDenied("a case supervisor of another country");
      }
      scope = {K::kSupervisor, a.account, std::nullopt, std::nullopt};
      break;
    case Role::kEmbassy:
      if (a.country == node().country) {
        return Status::PermissionDenied("an embassy sees its nationals' cases abroad");
      }
      scope = {K::kNationality, a.country, std::nullopt, std::nullopt};
      break;
    default:
      return Status::PermissionDenied("this role does not see cases");
  }
  scope.state = q.state;
  scope.flagged = q.flagged;
  Listing<CaseItem> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, store::ListCases(tx, scope, q.page, q.order));
    out.next = NextOf<domain::Case>(rows, q.page, [&](const domain::Case& k) {
      return q.order == store::CaseOrder::kDue ? store::DueCursor(k) : k.id.value();
    });
    for (auto& k : rows) {
      if (!domain::MayViewCase(a, domain::FactsOf(k), node())) continue;
      CaseItem item;
      item.allowed_actions = domain::AllowedCaseActions(a, k, node());
      item.record = std::move(k);
      out.items.push_back(std::move(item));
    }
    return Status::Ok();
  }));
  for (const auto& i : out.items) access_.Record(a, "list", "case", i.record.id.value(), true);
  return out;
}

Status CaseQueries::CheckMaySeeCase(const domain::Actor& a, const domain::CaseId& id) {
  std::optional<domain::Case> k;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(k, store::GetCase(tx, id));
    return Status::Ok();
  }));
  if (k && domain::MayViewCase(a, domain::FactsOf(*k), node())) return Status::Ok();
  access_.Record(a, "update", "case", id.value(), false);
  return NoSuchCase(id);
}

Result<std::vector<Assignee>> CaseQueries::Assignees(const domain::Actor& a,
                                                     const domain::CaseId& id) {
  std::optional<domain::Case> k;
  std::vector<domain::Account> staff;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(k, store::GetCase(tx, id));
    if (!k || !domain::MayViewCase(a, domain::FactsOf(*k), node())) return Status::Ok();
    if (!domain::CheckCaseStep(a, domain::CaseStep::kAssign, *k, node()).ok()) {
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(staff,
                     store::ListActiveAccountsByRole(
                         tx.conn(), node().country,
                         {domain::Role::kInvestigator, domain::Role::kCaseworker}, kMaxAssignees));
    return Status::Ok();
  }));
  const bool visible = k && domain::MayViewCase(a, domain::FactsOf(*k), node());
  access_.Record(a, "assignees", "case", id.value(), visible);
  if (!visible) return NoSuchCase(id);
  RETURN_IF_ERROR(domain::CheckCaseStep(a, domain::CaseStep::kAssign, *k, node()));
  std::vector<Assignee> out;
  out.reserve(staff.size());
  for (auto& s : staff) out.push_back({s.id, std::move(s.display_name), s.role});
  return out;
}

Result<std::vector<store::AccessRecord>> CaseQueries::Reads(const domain::Actor& a,
                                                            const domain::CaseId& id, int limit) {
  std::optional<domain::Case> k;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(k, store::GetCase(tx, id));
    return Status::Ok();
  }));
  const bool visible = k && domain::MayViewCase(a, domain::FactsOf(*k), node());
  access_.Record(a, "reads", "case", id.value(), visible);
  if (!visible) return NoSuchCase(id);
  RETURN_IF_ERROR(domain::CheckCaseStep(a, domain::CaseStep::kListReads, *k, node()));
  // What is queued is part of the answer: the reads up to this one.
  RETURN_IF_ERROR(access_.Flush());
  std::vector<store::AccessRecord> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListAccessRecords(tx.conn(), id.value(), limit));
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
