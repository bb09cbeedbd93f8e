// Protection's use cases (docs/formats/cases.md): complaints filed by the worker, on her behalf
// or as anonymous tips, acknowledged at once with their reference; cases opened from complaints
// or from automatic signals, the indicators assessed, assigned, worked through actions with
// deadlines, and closed with an outcome; messages between the worker and the people handling
// her complaint; the daily job that escalates every missed deadline once.
//
// Each use case checks the caller against the domain's rules (domain/cases.hpp) and then writes
// the change and its ledger event in one Store::Write. A caller who may not see the complaint or
// case gets NotFound, exactly as for a missing one, and the decision is written to the access
// log; a refusal changes nothing. Ledger events carry ids, codes and the SHA-256 of free text,
// never the text; notifications say only that there is news, with the record's id.
//
// Thread-safety: a Cases is shared by all threads; it holds no mutable state of its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/cases.hpp"
#include "service/accounts.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The rules built into the binary (data/cases/rules.json), parsed and checked.
Result<domain::CaseRules> DefaultCaseRules();
// A rules file's text (the node's configuration), parsed and checked; errors name the member.
Result<domain::CaseRules> ParseCaseRules(std::string_view json_text);

// What a complaint's filer says, as the API received it.
struct ComplaintRequest {
  domain::Channel channel = domain::Channel::kWorker;
  std::string worker;    // a worker id; for the worker channel, absent (it is the caller)
  std::string employer;  // an employer id, optional
  std::vector<domain::ComplaintCategory> categories;
  std::string text;
  std::string safe_contact;
  std::string language;  // default: the worker's preferred language, else "en"
};

// Whom a signal is about.
struct SignalSubject {
  std::optional<WorkerId> worker;
  std::optional<EmployerId> employer;
};

struct SignalOutcome {
  domain::CaseId case_id;
  bool opened = false;  // a new case was opened for it
  bool linked = false;  // false: the source had been taken in before, nothing changed
};

struct EscalationReport {
  size_t complaints = 0;  // complaints whose triage was missed
  size_t deadlines = 0;   // case deadlines missed
};

class Cases {
 public:
  Cases(store::Store& store, AccessLog& access, domain::CaseRules rules);

  const domain::CaseRules& rules() const { return rules_; }
  domain::NodeContext node() const { return {store_.identity().country}; }

  Result<domain::Complaint> FileComplaint(const domain::Actor& a, ComplaintRequest r,
                                          const store::WriteOptions& write = {});
  Result<domain::ComplaintMessage> PostMessage(const domain::Actor& a,
                                               const domain::ComplaintId& complaint,
                                               std::string_view text,
                                               const store::WriteOptions& write = {});

  Result<domain::Case> OpenCase(const domain::Actor& a, const domain::ComplaintId& complaint,
                                const store::WriteOptions& write = {});
  Result<domain::Case> JoinComplaint(const domain::Actor& a, const domain::CaseId& k,
                                     const domain::ComplaintId& complaint);
  Result<domain::Case> AssessIndicators(const domain::Actor& a, const domain::CaseId& k,
                                        const std::vector<domain::IndicatorAssessment>& changes);
  Result<domain::Case> Assign(const domain::Actor& a, const domain::CaseId& k,
                              const AccountId& assignee);
  Result<domain::Case> AddAction(const domain::Actor& a, const domain::CaseId& k,
                                 std::string_view description, std::optional<Date> due_on);
  Result<domain::Case> CompleteAction(const domain::Actor& a, const domain::CaseId& k,
                                      std::string_view action, std::string_view note);
  Result<domain::Case> Close(const domain::Actor& a, const domain::CaseId& k,
                             domain::Outcome outcome, std::string_view reason);

  // Opens a case for a signal about `subject`, or joins the subject's open case; idempotent per
  // (kind, source): a source taken in before changes nothing and names its case. The node acts
  // (`system`), in a write of its own.
  Result<SignalOutcome> OpenOrJoinCaseForSignal(const SignalSubject& subject,
                                                domain::SignalKind kind, const std::string& source);
  // The same inside the write of the use case that detects the signal (docs/architecture.md,
  // "Signals"): the signal's own record, its event and the case are one transaction, so a refused
  // or failed detection opens nothing and a committed one never lacks its case. The case is
  // opened by `system` whoever's write it is.
  Result<SignalOutcome> TakeSignal(store::WriteTx& tx, const SignalSubject& subject,
                                   domain::SignalKind kind, const std::string& source);

  // Escalates every deadline missed at `now`, each once (docs/formats/cases.md section 4).
  Result<EscalationReport> Escalate(Timestamp now);
  // The node's daily jobs at `now` (the escalation); the caller's timer decides when.
  Status RunDailyJobs(Timestamp now);

 private:
  // Reads the case for a step by `a`: NotFound (logged) when `a` may not see it, then the step's
  // role and state rule.
  Result<domain::Case> CaseForStep(store::ReadTx& tx, const domain::Actor& a,
                                   const domain::CaseId& id, domain::CaseStep step);
  // One step of a case's workflow in one transaction: `fn` changes the case, writes it
  // (store::UpdateCase) and then records the step's events, so the event carries the case's new
  // document (docs/formats/ledger.md §1.1).
  Result<domain::Case> Step(const domain::Actor& a, const domain::CaseId& id, domain::CaseStep step,
                            const std::function<Status(store::WriteTx&, domain::Case&)>& fn);

  store::Store& store_;
  AccessLog& access_;
  domain::CaseRules rules_;
};

}  // namespace corridor::service
