#include "domain/cases.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace corridor::domain {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

template <typename E, size_t N>
Result<E> ParseNamed(std::string_view text, const std::array<std::string_view, N>& names,
                     std::string_view what) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  std::string list;
  for (size_t i = 0; i < N; ++i) list += (i ? ", " : "") + std::string(names[i]);
  return Status::InvalidArgument("'" + std::string(text) + "' is not " + std::string(what) +
                                 " (one of " + list + ")");
}

constexpr std::array<std::string_view, kComplaintCategoryCount> kCategories = {
    "unpaid_wages",    "passport_kept",   "confinement",           "violence", "threats",
    "excessive_hours", "recruitment_fee", "contract_substitution", "other"};
constexpr std::array<std::string_view, 3> kChannels = {"worker", "on_behalf", "anonymous_tip"};
constexpr std::array<std::string_view, 2> kComplaintStates = {"received", "in_case"};
constexpr std::array<std::string_view, kIndicatorCount> kIndicators = {
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_and_sexual_violence",
    "intimidation_and_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_working_and_living_conditions",
    "excessive_overtime"};
constexpr std::array<std::string_view, 3> kIndicatorValues = {"unknown", "present", "absent"};
constexpr std::array<std::string_view, 4> kCaseStates = {"intake", "assessment", "in_progress",
                                                         "closed"};
constexpr std::array<std::string_view, 5> kOutcomes = {
    "resolved_with_payment", "referred_to_prosecution", "repatriation_assisted", "withdrawn",
    "unfounded"};
constexpr std::array<std::string_view, 7> kSignalKinds = {
    "substitution_flagged", "arrears_transfer_unlocked", "ladder_referral", "unlawful_deduction",
    "absconding_refused",   "watchlist_hit_confirmed",   "overstay"};
constexpr std::array<std::string_view, 7> kCaseSteps = {
    "join_complaint", "assess_indicators", "assign", "add_action", "complete_action",
    "close",          "list_reads"};
constexpr std::array<std::string_view, 3> kComplaintSteps = {"open_case", "join_case",
                                                             "post_message"};

void AddCategories(std::vector<ComplaintCategory>& into,
                   const std::vector<ComplaintCategory>& more) {
  into.insert(into.end(), more.begin(), more.end());
  std::sort(into.begin(), into.end());
  into.erase(std::unique(into.begin(), into.end()), into.end());
}

Status RefuseClosed(const Case& k) {
  return Status::FailedPrecondition("case " + k.id.value() + " is closed");
}

}  // namespace

std::string_view ToString(ComplaintCategory c) { return kCategories[static_cast<size_t>(c)]; }
Result<ComplaintCategory> ParseComplaintCategory(std::string_view text) {
  return ParseNamed<ComplaintCategory>(text, kCategories, "a complaint category");
}
std::string_view ToString(Channel c) { return kChannels[static_cast<size_t>(c)]; }
Result<Channel> ParseChannel(std::string_view text) {
  return ParseNamed<Channel>(text, kChannels, "a channel");
}
std::string_view ToString(ComplaintState s) { return kComplaintStates[static_cast<size_t>(s)]; }
Result<ComplaintState> ParseComplaintState(std::string_view text) {
  return ParseNamed<ComplaintState>(text, kComplaintStates, "a complaint state");
}
std::string_view ToString(Indicator i) { return kIndicators[static_cast<size_t>(i)]; }
Result<Indicator> ParseIndicator(std::string_view text) {
  return ParseNamed<Indicator>(text, kIndicators, "a forced-labour indicator");
}
std::string_view ToString(IndicatorValue v) { return kIndicatorValues[static_cast<size_t>(v)]; }
Result<IndicatorValue> ParseIndicatorValue(std::string_view text) {
  return ParseNamed<IndicatorValue>(text, kIndicatorValues, "an indicator value");
}
std::string_view ToString(CaseState s) { return kCaseStates[static_cast<size_t>(s)]; }
Result<CaseState> ParseCaseState(std::string_view text) {
  return ParseNamed<CaseState>(text, kCaseStates, "a case state");
}
std::string_view ToString(Outcome o) { return kOutcomes[static_cast<size_t>(o)]; }
Result<Outcome> ParseOutcome(std::string_view text) {
  return ParseNamed<Outcome>(text, kOutcomes, "an outcome");
}
std::string_view ToString(SignalKind k) { return kSignalKinds[static_cast<size_t>(k)]; }
Result<SignalKind> ParseSignalKind(std::string_view text) {
  return ParseNamed<SignalKind>(text, kSignalKinds, "a signal kind");
}
std::string_view ToString(CaseStep s) { return kCaseSteps[static_cast<size_t>(s)]; }
std::string_view ToString(ComplaintStep s) { return kComplaintSteps[static_cast<size_t>(s)]; }

ComplaintCategory CategoryOf(SignalKind k) {
  switch (k) {
    case SignalKind::kSubstitutionFlagged:
      return ComplaintCategory::kContractSubstitution;
    case SignalKind::kArrearsTransferUnlocked:
    case SignalKind::kLadderReferral:
      return ComplaintCategory::kUnpaidWages;
    case SignalKind::kUnlawfulDeduction:
      return ComplaintCategory::kRecruitmentFee;
    case SignalKind::kAbscondingRefused:
      return ComplaintCategory::kThreats;
    case SignalKind::kWatchlistHitConfirmed:
    case SignalKind::kOverstay:
      return ComplaintCategory::kOther;
  }
  return ComplaintCategory::kOther;
}

// ---------------------------------------------------------------- rules

Status CaseRules::Validate() const {
  for (size_t i = 0; i < deadlines.size(); ++i) {
    const CategoryDeadlines& d = deadlines[i];
    const std::string at = "deadlines." + std::string(kCategories[i]);
    if (d.triage_days < 1 || d.triage_days > 365) {
      return Status::InvalidArgument("must be 1 to 365 days", at + ".triage_days");
    }
    if (d.assessment_days < 1 || d.assessment_days > 365) {
      return Status::InvalidArgument("must be 1 to 365 days", at + ".assessment_days");
    }
    if (d.action_days < 1 || d.action_days > 365) {
      return Status::InvalidArgument("must be 1 to 365 days", at + ".action_days");
    }
  }
  for (size_t i = 0; i < trafficking_flag.size(); ++i) {
    const FlagClause& c = trafficking_flag[i];
    const std::string at = "trafficking_flag." + std::to_string(i);
    if (c.name.empty()) return Status::InvalidArgument("is required", at + ".name");
    if (c.among.empty()) return Status::InvalidArgument("names no indicator", at + ".among");
    if (c.min_present < 1 || c.min_present > static_cast<int>(c.among.size())) {
      return Status::InvalidArgument(
          "must be 1 to the number of indicators the clause names, or it can never hold",
          at + ".min_present");
    }
  }
  return Status::Ok();
}

CategoryDeadlines DeadlinesFor(const CaseRules& rules,
                               const std::vector<ComplaintCategory>& categories) {
  if (categories.empty()) {
    return rules.deadlines[static_cast<size_t>(ComplaintCategory::kOther)];
  }
  CategoryDeadlines out = rules.deadlines[static_cast<size_t>(categories.front())];
  for (ComplaintCategory c : categories) {
    const CategoryDeadlines& d = rules.deadlines[static_cast<size_t>(c)];
    out.triage_days = std::min(out.triage_days, d.triage_days);
    out.assessment_days = std::min(out.assessment_days, d.assessment_days);
    out.action_days = std::min(out.action_days, d.action_days);
  }
  return out;
}

// ---------------------------------------------------------------- complaints

Status CheckNewComplaint(Complaint& c, const CaseRules& rules) {
  if (c.categories.empty()) {
    return Status::InvalidArgument("names no category; give at least one", "categories");
  }
  std::vector<ComplaintCategory> sorted = c.categories;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    return Status::InvalidArgument("names a category twice", "categories");
  }
  ASSIGN_OR_RETURN(c.text, RequiredText(c.text, "text", kMaxComplaintText));
  if (!c.safe_contact.empty()) {
    ASSIGN_OR_RETURN(c.safe_contact, RequiredText(c.safe_contact, "safe_contact", kMaxSafeContact));
  }
  switch (c.channel) {
    case Channel::kWorker:
    case Channel::kOnBehalf:
      if (!c.worker) return Status::InvalidArgument("is required for this channel", "worker");
      break;
    case Channel::kAnonymousTip:
      break;
  }
  c.triage_due = c.filed_at.AddMillis(DeadlinesFor(rules, c.categories).triage_days * kDayMs);
  c.state = ComplaintState::kReceived;
  c.case_id.reset();
  c.triage_escalated = false;
  return Status::Ok();
}

bool EscalateTriage(Complaint& c, Timestamp now) {
  if (c.state != ComplaintState::kReceived || c.triage_escalated || now <= c.triage_due) {
    return false;
  }
  c.triage_escalated = true;
  return true;
}

// ---------------------------------------------------------------- cases

Case NewCase(const CaseId& id, std::optional<WorkerId> worker, std::string worker_nationality,
             std::optional<EmployerId> employer, const std::vector<ComplaintCategory>& categories,
             const std::string& opened_by, Timestamp now, const CaseRules& rules) {
  Case k;
  k.id = id;
  k.worker = std::move(worker);
  k.worker_nationality = std::move(worker_nationality);
  k.employer = std::move(employer);
  AddCategories(k.categories, categories);
  for (size_t i = 0; i < kIndicatorCount; ++i) {
    IndicatorAssessment a;
    a.indicator = static_cast<Indicator>(i);
    k.indicators.push_back(a);
  }
  k.opened_by = opened_by;
  k.opened_at = now;
  k.assessment_due = now.AddMillis(DeadlinesFor(rules, k.categories).assessment_days * kDayMs);
  return k;
}

Status JoinComplaint(Case& k, Complaint& c) {
  if (k.state == CaseState::kClosed) return RefuseClosed(k);
  if (c.state != ComplaintState::kReceived) {
    return Status::FailedPrecondition("complaint " + c.id.value() + " is in case " +
                                          (c.case_id ? c.case_id->value() : std::string("?")) +
                                          " already",
                                      "complaint");
  }
  if (k.worker && c.worker && *k.worker != *c.worker) {
    return Status::FailedPrecondition(
        "the complaint is about another worker than the case; open a case of its own", "complaint");
  }
  if (!k.worker && c.worker) {
    k.worker = c.worker;
    k.worker_nationality = c.worker_nationality;
  }
  if (!k.employer && c.employer) k.employer = c.employer;
  AddCategories(k.categories, c.categories);
  k.complaints.push_back(c.id);
  c.state = ComplaintState::kInCase;
  c.case_id = k.id;
  return Status::Ok();
}

Status LinkSignal(Case& k, SignalKind kind, const std::string& source, Timestamp now) {
  if (k.state == CaseState::kClosed) return RefuseClosed(k);
  for (const auto& s : k.signals) {
    if (s.source == source && s.kind == kind) {
      return Status::AlreadyExists("the signal from " + source + " is in the case already");
    }
  }
  k.signals.push_back({kind, source, now});
  AddCategories(k.categories, {CategoryOf(kind)});
  return Status::Ok();
}

std::string FlagVerdict(const std::vector<IndicatorAssessment>& indicators,
                        const CaseRules& rules) {
  for (const FlagClause& clause : rules.trafficking_flag) {
    int present = 0;
    for (Indicator i : clause.among) {
      for (const auto& a : indicators) {
        if (a.indicator == i && a.value == IndicatorValue::kPresent) ++present;
      }
    }
    if (present >= clause.min_present) return clause.name;
  }
  return "";
}

Result<bool> AssessIndicators(Case& k, const std::vector<IndicatorAssessment>& changes,
                              const CaseRules& rules, const std::string& by, Timestamp now) {
  if (k.state == CaseState::kClosed) return RefuseClosed(k);
  if (changes.empty()) return Status::InvalidArgument("names no indicator", "indicators");
  std::vector<IndicatorAssessment> next = k.indicators;
  std::array<bool, kIndicatorCount> seen{};
  for (size_t n = 0; n < changes.size(); ++n) {
    const IndicatorAssessment& c = changes[n];
    const std::string at = "indicators." + std::to_string(n);
    const auto i = static_cast<size_t>(c.indicator);
    if (seen[i]) {
      return Status::InvalidArgument(
          "names " + std::string(ToString(c.indicator)) + " a second time", at + ".indicator");
    }
    seen[i] = true;
    IndicatorAssessment a;
    a.indicator = c.indicator;
    a.value = c.value;
    if (c.value == IndicatorValue::kPresent || !c.evidence.empty()) {
      ASSIGN_OR_RETURN(a.evidence, RequiredText(c.evidence, at + ".evidence", kMaxEvidence));
    }
    a.assessed_by = by;
    a.assessed_at = now;
    next[i] = std::move(a);
  }
  const bool was = k.trafficking_flag;
  k.indicators = std::move(next);
  k.flag_rule = FlagVerdict(k.indicators, rules);
  k.trafficking_flag = !k.flag_rule.empty();
  if (k.state == CaseState::kIntake) k.state = CaseState::kAssessment;
  return !was && k.trafficking_flag;
}

Status Assign(Case& k, const std::string& assignee, Role assignee_role,
              const std::string& supervisor) {
  if (k.state == CaseState::kClosed) return RefuseClosed(k);
  if (assignee_role != Role::kInvestigator && assignee_role != Role::kCaseworker) {
    return Status::InvalidArgument("is not an investigator's or a caseworker's account",
                                   "assignee");
  }
  k.assignee = assignee;
  k.assignee_role = assignee_role;
  k.supervisor = supervisor;
  k.state = CaseState::kInProgress;
  return Status::Ok();
}

Result<CaseAction> AddAction(Case& k, std::string_view description, std::optional<Date> due_on,
                             const CaseRules& rules, const std::string& by, Timestamp now) {
  if (k.state != CaseState::kInProgress) {
    return Status::FailedPrecondition("actions are added to a case in progress; case " +
                                      k.id.value() + " is " + std::string(ToString(k.state)));
  }
  CaseAction a;
  ASSIGN_OR_RETURN(a.description, RequiredText(description, "description", kMaxNote));
  const Date today = now.date();
  const Date limit = today.AddDays(DeadlinesFor(rules, k.categories).action_days);
  a.due_on = due_on.value_or(limit);
  if (a.due_on < today || a.due_on > limit) {
    return Status::InvalidArgument("must be from " + today.ToString() + " to " + limit.ToString() +
                                       " (the limit for the case's categories)",
                                   "due_on");
  }
  a.id = "A" + std::to_string(k.actions.size() + 1);
  a.added_by = by;
  a.added_at = now;
  k.actions.push_back(a);
  return a;
}

Status CompleteAction(Case& k, std::string_view action, std::string_view note, Timestamp now) {
  if (k.state != CaseState::kInProgress) {
    return Status::FailedPrecondition("case " + k.id.value() + " is " +
                                      std::string(ToString(k.state)) + ", not in progress");
  }
  for (auto& a : k.actions) {
    if (a.id != action) continue;
    if (a.done) return Status::FailedPrecondition("action " + a.id + " is done already");
    ASSIGN_OR_RETURN(a.done_note, RequiredText(note, "note", kMaxNote));
    a.done = true;
    a.done_at = now;
    return Status::Ok();
  }
  return Status::NotFound("the case has no action " + std::string(action));
}

Status Close(Case& k, Outcome outcome, std::string_view reason, const std::string& by,
             Timestamp now) {
  if (k.state == CaseState::kClosed) return RefuseClosed(k);
  const bool needs_work = outcome == Outcome::kResolvedWithPayment ||
                          outcome == Outcome::kReferredToProsecution ||
                          outcome == Outcome::kRepatriationAssisted;
  if (needs_work && k.state != CaseState::kInProgress) {
    return Status::FailedPrecondition("a case is closed " + std::string(ToString(outcome)) +
                                          " only once it is in progress; case " + k.id.value() +
                                          " is " + std::string(ToString(k.state)),
                                      "outcome");
  }
  ASSIGN_OR_RETURN(k.closure_reason, RequiredText(reason, "reason", kMaxNote));
  k.outcome = outcome;
  k.closed_by = by;
  k.closed_at = now;
  k.state = CaseState::kClosed;
  return Status::Ok();
}

std::vector<MissedDeadline> Escalate(Case& k, Timestamp now) {
  std::vector<MissedDeadline> out;
  if (k.state == CaseState::kClosed) return out;
  if (k.state == CaseState::kIntake && !k.assessment_escalated && now > k.assessment_due) {
    k.assessment_escalated = true;
    out.push_back({"assessment", "", k.assessment_due.ToString()});
  }
  const Date today = now.date();
  for (auto& a : k.actions) {
    if (a.done || a.escalated || today <= a.due_on) continue;
    a.escalated = true;
    out.push_back({"action", a.id, a.due_on.ToString()});
  }
  k.escalations += static_cast<int>(out.size());
  return out;
}

namespace {

// The earliest deadline of an open case, counting those already escalated or not.
std::optional<Timestamp> EarliestDeadline(const Case& k, bool escalated_too) {
  if (k.state == CaseState::kClosed) return std::nullopt;
  std::optional<Timestamp> next;
  auto consider = [&](Timestamp t) {
    if (!next || t < *next) next = t;
  };
  if (k.state == CaseState::kIntake && (escalated_too || !k.assessment_escalated)) {
    consider(k.assessment_due);
  }
  for (const auto& a : k.actions) {
    // An action is missed once its day has passed: the first instant of the next day.
    if (!a.done && (escalated_too || !a.escalated)) {
      consider(Timestamp::FromMillis(int64_t{a.due_on.AddDays(1).days_since_epoch()} * kDayMs));
    }
  }
  return next;
}

}  // namespace

std::optional<Timestamp> NextDeadline(const Case& k) { return EarliestDeadline(k, false); }

std::optional<Timestamp> QueueDeadline(const Case& k) { return EarliestDeadline(k, true); }

// ---------------------------------------------------------------- access

CaseFacts FactsOf(const Case& k) {
  return {k.state, k.assignee, k.supervisor, k.worker_nationality};
}

ComplaintFacts FactsOf(const Complaint& c, std::optional<CaseFacts> in_case) {
  return {c.channel, c.worker, c.worker_nationality, c.state, std::move(in_case)};
}

bool IsCaseSupervisor(const Actor& a, const NodeContext& node) {
  return a.role == Role::kCaseSupervisor && a.country == node.country;
}

bool IsEmbassyOf(const Actor& a, std::string_view nationality, const NodeContext& node) {
  return a.role == Role::kEmbassy && !nationality.empty() && a.country == nationality &&
         a.country != node.country;
}

bool MayViewCase(const Actor& a, const CaseFacts& k, const NodeContext& node) {
  switch (a.role) {
    case Role::kSystem:
      return true;
    case Role::kInvestigator:
    case Role::kCaseworker:
      return a.country == node.country && !k.assignee.empty() && a.account == k.assignee;
    case Role::kCaseSupervisor:
      return IsCaseSupervisor(a, node) && (k.supervisor.empty() || k.supervisor == a.account);
    case Role::kEmbassy:
      return IsEmbassyOf(a, k.worker_nationality, node);
    case Role::kAdministrator:
    case Role::kOriginOfficer:
    case Role::kDestinationOfficer:
    case Role::kEmployer:
    case Role::kAgency:
    case Role::kWorker:
    case Role::kBorderOfficer:
    case Role::kAnalyst:
    case Role::kHotlineOperator:
    case Role::kOrientationCentre:
      return false;
  }
  return false;
}

bool MayViewComplaint(const Actor& a, const ComplaintFacts& c, const NodeContext& node) {
  if (a.role == Role::kSystem) return true;
  if (a.role == Role::kWorker) {
    return c.channel != Channel::kAnonymousTip && a.worker && c.worker && *a.worker == *c.worker;
  }
  if (IsEmbassyOf(a, c.worker_nationality, node)) return true;
  if (c.in_case) return MayViewCase(a, *c.in_case, node);
  return c.state == ComplaintState::kReceived && IsCaseSupervisor(a, node);
}

Status CheckMayFileComplaint(const Actor& a, Channel channel, const NodeContext& node) {
  if (a.role == Role::kSystem) return Status::Ok();
  if (channel == Channel::kWorker) {
    if (a.role == Role::kWorker && a.worker) return Status::Ok();
    return Status::PermissionDenied(
        "only a worker files through the worker channel; file on_behalf or an anonymous_tip");
  }
  const bool officer = (a.role == Role::kOriginOfficer || a.role == Role::kDestinationOfficer ||
                        a.role == Role::kHotlineOperator) &&
                       a.country == node.country;
  const bool embassy = a.role == Role::kEmbassy && a.country != node.country;
  if (officer || embassy) return Status::Ok();
  if (a.role == Role::kWorker) {
    return Status::PermissionDenied("a worker files her own complaint through the worker channel");
  }
  return Status::PermissionDenied(
      "only officers of " + node.country +
      ", an embassy or a hotline operator file a complaint on a worker's behalf or a tip");
}

bool StateAllows(CaseStep step, const Case& k) {
  const bool open = k.state != CaseState::kClosed;
  switch (step) {
    case CaseStep::kJoinComplaint:
    case CaseStep::kAssessIndicators:
    case CaseStep::kAssign:
    case CaseStep::kClose:
      return open;
    case CaseStep::kAddAction:
      return k.state == CaseState::kInProgress;
    case CaseStep::kCompleteAction:
      return k.state == CaseState::kInProgress &&
             std::any_of(k.actions.begin(), k.actions.end(),
                         [](const CaseAction& a) { return !a.done; });
    case CaseStep::kListReads:
      return true;
  }
  return false;
}

bool MayTakeCaseStep(const Actor& a, CaseStep step, const CaseFacts& k, const NodeContext& node) {
  if (a.role == Role::kSystem) return true;
  if (!MayViewCase(a, k, node)) return false;
  const bool supervisor = IsCaseSupervisor(a, node);
  const bool assignee = (a.role == Role::kInvestigator || a.role == Role::kCaseworker) &&
                        !k.assignee.empty() && a.account == k.assignee;
  switch (step) {
    case CaseStep::kJoinComplaint:
    case CaseStep::kAssign:
    case CaseStep::kListReads:
      return supervisor;
    case CaseStep::kAssessIndicators:
    case CaseStep::kAddAction:
    case CaseStep::kCompleteAction:
    case CaseStep::kClose:
      return supervisor || assignee;
  }
  return false;
}

Status CheckCaseStep(const Actor& a, CaseStep step, const Case& k, const NodeContext& node) {
  if (!MayTakeCaseStep(a, step, FactsOf(k), node)) {
    switch (step) {
      case CaseStep::kJoinComplaint:
      case CaseStep::kAssign:
      case CaseStep::kListReads:
        return Status::PermissionDenied("only the case's supervisor may " +
                                        std::string(ToString(step)));
      default:
        return Status::PermissionDenied("only the case's assignee or supervisor may " +
                                        std::string(ToString(step)));
    }
  }
  if (!StateAllows(step, k)) {
    return Status::FailedPrecondition("case " + k.id.value() + " is " +
                                      std::string(ToString(k.state)) + ": " +
                                      std::string(ToString(step)) + " is not possible now");
  }
  return Status::Ok();
}

std::vector<CaseStep> AllowedCaseActions(const Actor& a, const Case& k, const NodeContext& node) {
  std::vector<CaseStep> out;
  const CaseFacts facts = FactsOf(k);
  for (size_t i = 0; i < kCaseSteps.size(); ++i) {
    const auto step = static_cast<CaseStep>(i);
    if (StateAllows(step, k) && MayTakeCaseStep(a, step, facts, node)) out.push_back(step);
  }
  return out;
}

std::vector<ComplaintStep> AllowedComplaintActions(const Actor& a, const ComplaintFacts& c,
                                                   const NodeContext& node) {
  std::vector<ComplaintStep> out;
  if (!MayViewComplaint(a, c, node)) return out;
  if (c.state == ComplaintState::kReceived && IsCaseSupervisor(a, node)) {
    out.push_back(ComplaintStep::kOpenCase);
    out.push_back(ComplaintStep::kJoinCase);
  }
  out.push_back(ComplaintStep::kPostMessage);
  return out;
}

bool SpeaksAsWorker(const Actor& a, const ComplaintFacts& c) {
  return a.role == Role::kWorker && a.worker && c.worker && *a.worker == *c.worker;
}

bool IsProtectionEventName(std::string_view type) {
  return type.rfind("complaint.", 0) == 0 || type.rfind("case.", 0) == 0;
}

}  // namespace corridor::domain
