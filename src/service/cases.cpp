#include "service/cases.hpp"

#include "codec/cases.hpp"
#include "codec/reader.hpp"
#include "core/encoding.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "domain/reference.hpp"
#include "json/json.hpp"
#include "service/notifier.hpp"
#include "store/accounts.hpp"
#include "store/case_store.hpp"

namespace corridor::service {

std::string_view CaseRulesJson();  // generated from data/cases/rules.json

namespace {

using domain::Actor;
using domain::Case;
using domain::CaseStep;
using domain::Complaint;
using domain::EventType;
using domain::Role;

// What a notification about protection says: that there is news, and on which record.
constexpr std::string_view kNews = "case.news";
constexpr std::string_view kFiledForYou = "complaint.filed_for_you";
constexpr std::string_view kReceived = "complaint.received";

std::string Sha256Hex(std::string_view text) { return HexEncode(crypto::Sha256(text)); }

Status NoSuchComplaint(const domain::ComplaintId& id) {
  return Status::NotFound("complaint " + id.value() + " does not exist");
}
Status NoSuchCase(const domain::CaseId& id) {
  return Status::NotFound("case " + id.value() + " does not exist");
}

// The worker a complaint may tell of news (not the subject of an anonymous tip).
std::optional<WorkerId> WorkerToTell(const Complaint& c) {
  if (c.channel == domain::Channel::kAnonymousTip) return std::nullopt;
  return c.worker;
}

// Whoever handles a case now: its assignee, else its supervisor, else the node's supervisors.
std::string CaseTeamRecipient(const Case& k, std::string_view country) {
  if (!k.assignee.empty()) return AccountRecipient(k.assignee);
  if (!k.supervisor.empty()) return AccountRecipient(k.supervisor);
  return CaseSupervisorsRecipient(country);
}

std::string SupervisionRecipient(const Case& k, std::string_view country) {
  if (!k.supervisor.empty()) return AccountRecipient(k.supervisor);
  return CaseSupervisorsRecipient(country);
}

Status TellWorkersOfNews(store::WriteTx& tx, const Case& k) {
  for (const auto& id : k.complaints) {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, id));
    if (!stored) continue;
    if (auto w = WorkerToTell(stored->complaint)) {
      RETURN_IF_ERROR(Notify(tx, WorkerRecipient(*w), kNews, id.value(), json::Object()));
    }
  }
  return Status::Ok();
}

json::Value CaseOpenedData(const Case& k) {
  json::Object d;
  d.Set("worker", codec::OptId(k.worker));
  d.Set("employer", codec::OptId(k.employer));
  d.Set("categories", codec::NamesToJson(k.categories));
  d.Set("assessment_due", k.assessment_due.ToString());
  return d;
}

}  // namespace

Result<domain::CaseRules> ParseCaseRules(std::string_view json_text) {
  auto v = json::Parse(json_text);
  if (!v.ok()) return Status::InvalidArgument(v.status().message(), "rules");
  return codec::CaseRulesFromJson(*v);
}

Result<domain::CaseRules> DefaultCaseRules() { return ParseCaseRules(CaseRulesJson()); }

Cases::Cases(store::Store& store, AccessLog& access, domain::CaseRules rules)
    : store_(store), access_(access), rules_(std::move(rules)) {}

// ---------------------------------------------------------------- complaints

Result<Complaint> Cases::FileComplaint(const Actor& a, ComplaintRequest r,
                                       const store::WriteOptions& write) {
  RETURN_IF_ERROR(domain::CheckMayFileComplaint(a, r.channel, node()));
  Complaint c;
  c.channel = r.channel;
  if (r.channel == domain::Channel::kWorker) {
    if (!r.worker.empty() && (!a.worker || r.worker != a.worker->value())) {
      return Status::InvalidArgument("a worker files only her own complaint; leave it out",
                                     "worker");
    }
    if (a.worker) c.worker = a.worker;
  } else if (!r.worker.empty()) {
    RETURN_IF_ERROR(CheckIdText(r.worker).WithField("worker"));
    c.worker = WorkerId(r.worker);
  }
  if (!r.employer.empty()) {
    RETURN_IF_ERROR(CheckIdText(r.employer).WithField("employer"));
    c.employer = EmployerId(r.employer);
  }
  c.categories = std::move(r.categories);
  c.text = std::move(r.text);
  c.safe_contact = std::move(r.safe_contact);
  c.language = std::move(r.language);
  c.filed_by = a.account;
  c.filed_by_role = a.role;
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    std::string preferred = "en";
    if (c.worker) {
      auto w = tx.GetWorker(*c.worker);
      if (!w.ok()) {
        if (w.status().code() == Code::kNotFound) {
          return Status::InvalidArgument("is not a registered worker", "worker");
        }
        return w.status();
      }
      if (a.role == Role::kEmbassy && w->nationality != a.country) {
        return Status::PermissionDenied("an embassy files complaints for its own nationals");
      }
      c.worker_nationality = w->nationality;
      preferred = w->preferred_language;
    }
    if (c.employer) {
      auto e = tx.GetEmployer(*c.employer);
      if (!e.ok()) {
        if (e.status().code() == Code::kNotFound) {
          return Status::InvalidArgument("is not a registered employer", "employer");
        }
        return e.status();
      }
    }
    if (c.language.empty()) c.language = preferred;
    RETURN_IF_ERROR(domain::CheckLanguage(c.language, "language"));
    c.filed_at = tx.now();
    RETURN_IF_ERROR(domain::CheckNewComplaint(c, rules_));
    c.id = NewId<domain::ComplaintId>(tx.rng());
    RETURN_IF_ERROR(store::InsertComplaint(tx, c));
    json::Object d;
    d.Set("channel", std::string(ToString(c.channel)));
    d.Set("worker", codec::OptId(c.worker));
    d.Set("employer", codec::OptId(c.employer));
    d.Set("categories", codec::NamesToJson(c.categories));
    d.Set("text_sha256", Sha256Hex(c.text));
    d.Set("filed_by_role", std::string(ToString(c.filed_by_role)));
    d.Set("triage_due", c.triage_due.ToString());
    RETURN_IF_ERROR(tx.Record(EventType::kComplaintFiled, c.id.value(), std::move(d)));
    if (c.channel == domain::Channel::kOnBehalf && c.worker) {
      RETURN_IF_ERROR(
          Notify(tx, WorkerRecipient(*c.worker), kFiledForYou, c.id.value(), json::Object()));
    }
    return Notify(tx, CaseSupervisorsRecipient(node().country), kReceived, c.id.value(),
                  json::Object());
  }));
  access_.Record(a, "create", "complaint", c.id.value(), true);
  log::Info("complaint.filed", {{"request_id", a.request_id},
                                {"complaint", c.id.value()},
                                {"channel", std::string(ToString(c.channel))}});
  return c;
}

Result<domain::ComplaintMessage> Cases::PostMessage(const Actor& a,
                                                    const domain::ComplaintId& complaint,
                                                    std::string_view text,
                                                    const store::WriteOptions& write) {
  domain::ComplaintMessage m;
  bool visible = false;
  Status s = store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, complaint));
    if (!stored) return NoSuchComplaint(complaint);
    const domain::ComplaintFacts facts = domain::FactsOf(stored->complaint, stored->in_case);
    visible = domain::MayViewComplaint(a, facts, node());
    if (!visible) return NoSuchComplaint(complaint);
    ASSIGN_OR_RETURN(m.text, RequiredText(text, "text", domain::kMaxComplaintText));
    m.id = NewId<domain::MessageId>(tx.rng());
    m.complaint = complaint;
    m.from_worker = domain::SpeaksAsWorker(a, facts);
    m.author = a.account;
    m.time = tx.now();
    RETURN_IF_ERROR(store::InsertMessage(tx, m));
    json::Object d;
    d.Set("message", m.id.value());
    d.Set("from", m.from_worker ? "worker" : "case_team");
    d.Set("text_sha256", Sha256Hex(m.text));
    RETURN_IF_ERROR(tx.Record(EventType::kComplaintMessagePosted, complaint.value(), std::move(d)));
    if (!m.from_worker) {
      if (auto w = WorkerToTell(stored->complaint)) {
        return Notify(tx, WorkerRecipient(*w), kNews, complaint.value(), json::Object());
      }
      return Status::Ok();
    }
    std::string to = CaseSupervisorsRecipient(node().country);
    if (stored->complaint.case_id) {
      ASSIGN_OR_RETURN(auto k, store::GetCase(tx, *stored->complaint.case_id));
      if (k) to = CaseTeamRecipient(*k, node().country);
    }
    return Notify(tx, to, kNews, complaint.value(), json::Object());
  });
  access_.Record(a, "message", "complaint", complaint.value(), visible);
  if (!s.ok()) return s;
  return m;
}

// ---------------------------------------------------------------- cases

Result<Case> Cases::OpenCase(const Actor& a, const domain::ComplaintId& complaint,
                             const store::WriteOptions& write) {
  Case k;
  bool visible = false;
  Status s = store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, complaint));
    if (!stored) return NoSuchComplaint(complaint).WithField("complaint");
    Complaint& c = stored->complaint;
    visible = domain::MayViewComplaint(a, domain::FactsOf(c, stored->in_case), node());
    if (!visible) return NoSuchComplaint(complaint).WithField("complaint");
    if (a.role != Role::kSystem && !domain::IsCaseSupervisor(a, node())) {
      return Status::PermissionDenied("only a case supervisor of " + node().country +
                                      " opens a case");
    }
    if (c.state != domain::ComplaintState::kReceived) {
      return Status::FailedPrecondition(
          "complaint " + c.id.value() + " is in case " + c.case_id->value() + " already",
          "complaint");
    }
    k = domain::NewCase(NewId<domain::CaseId>(tx.rng()), c.worker, c.worker_nationality, c.employer,
                        c.categories, a.account, tx.now(), rules_);
    RETURN_IF_ERROR(domain::JoinComplaint(k, c));
    RETURN_IF_ERROR(store::InsertCase(tx, k));
    RETURN_IF_ERROR(store::UpdateComplaint(tx, c));
    json::Value opened = CaseOpenedData(k);
    opened.AsObject().Set("complaint", c.id.value());
    RETURN_IF_ERROR(tx.Record(EventType::kCaseOpened, k.id.value(), std::move(opened)));
    json::Object joined;
    joined.Set("case", k.id.value());
    RETURN_IF_ERROR(tx.Record(EventType::kComplaintJoined, c.id.value(), std::move(joined)));
    if (auto w = WorkerToTell(c)) {
      return Notify(tx, WorkerRecipient(*w), kNews, c.id.value(), json::Object());
    }
    return Status::Ok();
  });
  access_.Record(a, "open_case", "complaint", complaint.value(), visible);
  if (!s.ok()) return s;
  access_.Record(a, "create", "case", k.id.value(), true);
  log::Info("case.opened", {{"request_id", a.request_id}, {"case", k.id.value()}});
  return k;
}

Result<Case> Cases::CaseForStep(store::ReadTx& tx, const Actor& a, const domain::CaseId& id,
                                CaseStep step) {
  ASSIGN_OR_RETURN(auto k, store::GetCase(tx, id));
  const bool visible = k && domain::MayViewCase(a, domain::FactsOf(*k), node());
  access_.Record(a, std::string(ToString(step)), "case", id.value(), visible);
  if (!visible) return NoSuchCase(id);
  RETURN_IF_ERROR(domain::CheckCaseStep(a, step, *k, node()));
  return std::move(*k);
}

Result<Case> Cases::Step(const Actor& a, const domain::CaseId& id, CaseStep step,
                         const std::function<Status(store::WriteTx&, Case&)>& fn) {
  Case k;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(k, CaseForStep(tx, a, id, step));
    return fn(tx, k);
  }));
  log::Info(
      "case.step",
      {{"request_id", a.request_id}, {"case", id.value()}, {"step", std::string(ToString(step))}});
  return k;
}

Result<Case> Cases::JoinComplaint(const Actor& a, const domain::CaseId& id,
                                  const domain::ComplaintId& complaint) {
  return Step(a, id, CaseStep::kJoinComplaint, [&](store::WriteTx& tx, Case& k) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, complaint));
    const bool visible =
        stored &&
        domain::MayViewComplaint(a, domain::FactsOf(stored->complaint, stored->in_case), node());
    access_.Record(a, "join_case", "complaint", complaint.value(), visible);
    if (!visible) return NoSuchComplaint(complaint).WithField("complaint");
    Complaint& c = stored->complaint;
    RETURN_IF_ERROR(domain::JoinComplaint(k, c));
    RETURN_IF_ERROR(store::UpdateComplaint(tx, c));
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
    json::Object joined;
    joined.Set("case", k.id.value());
    RETURN_IF_ERROR(tx.Record(EventType::kComplaintJoined, c.id.value(), std::move(joined)));
    if (auto w = WorkerToTell(c)) {
      return Notify(tx, WorkerRecipient(*w), kNews, c.id.value(), json::Object());
    }
    return Status::Ok();
  });
}

Result<Case> Cases::AssessIndicators(const Actor& a, const domain::CaseId& id,
                                     const std::vector<domain::IndicatorAssessment>& changes) {
  return Step(a, id, CaseStep::kAssessIndicators, [&](store::WriteTx& tx, Case& k) -> Status {
    ASSIGN_OR_RETURN(bool flagged,
                     domain::AssessIndicators(k, changes, rules_, a.account, tx.now()));
    json::Array assessed;
    for (const auto& c : changes) {
      const auto& now = k.indicators[static_cast<size_t>(c.indicator)];
      json::Object o;
      o.Set("indicator", std::string(ToString(now.indicator)));
      o.Set("value", std::string(ToString(now.value)));
      o.Set("evidence_sha256", now.evidence.empty() ? "" : Sha256Hex(now.evidence));
      assessed.push_back(std::move(o));
    }
    json::Object d;
    d.Set("indicators", std::move(assessed));
    d.Set("trafficking_flag", k.trafficking_flag);
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
    RETURN_IF_ERROR(tx.Record(EventType::kCaseIndicatorsAssessed, k.id.value(), std::move(d)));
    if (!flagged) return Status::Ok();
    json::Object f;
    f.Set("rule", k.flag_rule);
    RETURN_IF_ERROR(tx.Record(EventType::kCaseTraffickingFlagged, k.id.value(), std::move(f)));
    return Notify(tx, SupervisionRecipient(k, node().country), kNews, k.id.value(), json::Object());
  });
}

Result<Case> Cases::Assign(const Actor& a, const domain::CaseId& id, const AccountId& assignee) {
  return Step(a, id, CaseStep::kAssign, [&](store::WriteTx& tx, Case& k) -> Status {
    auto not_staff = [&] {
      return Status::InvalidArgument(
          "is not an active investigator's or caseworker's account of " + node().country,
          "assignee");
    };
    if (!CheckIdText(assignee.value()).ok()) return not_staff();
    ASSIGN_OR_RETURN(auto account, store::FindAccount(tx.conn(), assignee));
    if (!account || account->disabled || account->country != node().country ||
        (account->role != Role::kInvestigator && account->role != Role::kCaseworker)) {
      return not_staff();
    }
    RETURN_IF_ERROR(domain::Assign(k, account->id.value(), account->role, a.account));
    json::Object d;
    d.Set("assignee", k.assignee);
    d.Set("assignee_role", std::string(ToString(account->role)));
    d.Set("supervisor", k.supervisor);
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
    RETURN_IF_ERROR(tx.Record(EventType::kCaseAssigned, k.id.value(), std::move(d)));
    return Notify(tx, AccountRecipient(k.assignee), kNews, k.id.value(), json::Object());
  });
}

Result<Case> Cases::AddAction(const Actor& a, const domain::CaseId& id,
                              std::string_view description, std::optional<Date> due_on) {
  return Step(a, id, CaseStep::kAddAction, [&](store::WriteTx& tx, Case& k) -> Status {
    ASSIGN_OR_RETURN(auto action,
                     domain::AddAction(k, description, due_on, rules_, a.account, tx.now()));
    json::Object d;
    d.Set("action", action.id);
    d.Set("due_on", action.due_on.ToString());
    d.Set("description_sha256", Sha256Hex(action.description));
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
    return tx.Record(EventType::kCaseActionAdded, k.id.value(), std::move(d));
  });
}

Result<Case> Cases::CompleteAction(const Actor& a, const domain::CaseId& id,
                                   std::string_view action, std::string_view note) {
  return Step(a, id, CaseStep::kCompleteAction, [&](store::WriteTx& tx, Case& k) -> Status {
    RETURN_IF_ERROR(domain::CompleteAction(k, action, note, tx.now()));
    json::Object d;
    d.Set("action", std::string(action));
    d.Set("note_sha256", Sha256Hex(TrimAscii(note)));
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
    return tx.Record(EventType::kCaseActionCompleted, k.id.value(), std::move(d));
  });
}

Result<Case> Cases::Close(const Actor& a, const domain::CaseId& id, domain::Outcome outcome,
                          std::string_view reason) {
  return Step(a, id, CaseStep::kClose, [&](store::WriteTx& tx, Case& k) -> Status {
    RETURN_IF_ERROR(domain::Close(k, outcome, reason, a.account, tx.now()));
    json::Object d;
    d.Set("outcome", std::string(ToString(outcome)));
    d.Set("reason_sha256", Sha256Hex(k.closure_reason));
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
    RETURN_IF_ERROR(tx.Record(EventType::kCaseClosed, k.id.value(), std::move(d)));
    return TellWorkersOfNews(tx, k);
  });
}

// ---------------------------------------------------------------- signals

Result<SignalOutcome> Cases::OpenOrJoinCaseForSignal(const SignalSubject& subject,
                                                     domain::SignalKind kind,
                                                     const std::string& source) {
  SignalOutcome out;
  RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, TakeSignal(tx, subject, kind, source));
    return Status::Ok();
  }));
  return out;
}

Result<SignalOutcome> Cases::TakeSignal(store::WriteTx& tx, const SignalSubject& subject,
                                        domain::SignalKind kind, const std::string& source) {
  if (!subject.worker && !subject.employer) {
    return Status::InvalidArgument("a signal names a worker or an employer", "subject");
  }
  RETURN_IF_ERROR(CheckIdText(source).WithField("source"));
  SignalOutcome out;
  ASSIGN_OR_RETURN(auto seen, store::FindSignalCase(tx, kind, source));
  if (seen) {
    out.case_id = *seen;
    return out;
  }
  std::string nationality;
  if (subject.worker) {
    auto w = tx.GetWorker(*subject.worker);
    if (!w.ok()) {
      if (w.status().code() == Code::kNotFound) {
        return Status::InvalidArgument("is not a registered worker", "worker");
      }
      return w.status();
    }
    nationality = w->nationality;
  }
  ASSIGN_OR_RETURN(auto open, store::FindOpenCase(tx, subject.worker, subject.employer));
  Case k;
  if (open) {
    k = std::move(*open);
    RETURN_IF_ERROR(domain::LinkSignal(k, kind, source, tx.now()));
    RETURN_IF_ERROR(store::UpdateCase(tx, k));
  } else {
    k = domain::NewCase(NewId<domain::CaseId>(tx.rng()), subject.worker, nationality,
                        subject.employer, {domain::CategoryOf(kind)}, "system", tx.now(), rules_);
    RETURN_IF_ERROR(domain::LinkSignal(k, kind, source, tx.now()));
    RETURN_IF_ERROR(store::InsertCase(tx, k));
    json::Value opened = CaseOpenedData(k);
    opened.AsObject().Set("signal", std::string(ToString(kind)));
    RETURN_IF_ERROR(tx.Record(EventType::kCaseOpened, k.id.value(), std::move(opened)));
    out.opened = true;
  }
  RETURN_IF_ERROR(store::InsertSignalSource(tx, kind, source, k.id));
  json::Object d;
  d.Set("kind", std::string(ToString(kind)));
  d.Set("source", source);
  RETURN_IF_ERROR(tx.Record(EventType::kCaseSignalLinked, k.id.value(), std::move(d)));
  out.case_id = k.id;
  out.linked = true;
  RETURN_IF_ERROR(
      Notify(tx, CaseTeamRecipient(k, node().country), kNews, k.id.value(), json::Object()));
  return out;
}

// ---------------------------------------------------------------- escalation

Result<EscalationReport> Cases::Escalate(Timestamp now) {
  EscalationReport report;
  constexpr int kBatch = 200;
  // Each round escalates at least one deadline of every record it reads (what is due has a
  // deadline missed), so the rounds end; the bound only guards against a defect.
  for (int round = 0; round < 100000; ++round) {
    std::vector<Complaint> due;
    RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(due, store::DueComplaints(tx, now, kBatch));
      return Status::Ok();
    }));
    if (due.empty()) break;
    size_t done = 0;
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
      for (const auto& seen : due) {
        ASSIGN_OR_RETURN(auto stored, store::GetComplaint(tx, seen.id));
        if (!stored) continue;
        Complaint& c = stored->complaint;
        if (!domain::EscalateTriage(c, now)) continue;
        RETURN_IF_ERROR(store::UpdateComplaint(tx, c));
        json::Object d;
        d.Set("triage_due", c.triage_due.ToString());
        RETURN_IF_ERROR(tx.Record(EventType::kComplaintTriageOverdue, c.id.value(), std::move(d)));
        RETURN_IF_ERROR(Notify(tx, CaseSupervisorsRecipient(node().country), kNews, c.id.value(),
                               json::Object()));
        ++done;
      }
      return Status::Ok();
    }));
    report.complaints += done;
    if (done == 0) break;
  }
  for (int round = 0; round < 100000; ++round) {
    std::vector<Case> due;
    RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(due, store::DueCases(tx, now, kBatch));
      return Status::Ok();
    }));
    if (due.empty()) break;
    size_t done = 0;
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
      for (const auto& seen : due) {
        ASSIGN_OR_RETURN(auto k, store::GetCase(tx, seen.id));
        if (!k) continue;
        const auto missed = domain::Escalate(*k, now);
        if (missed.empty()) continue;
        RETURN_IF_ERROR(store::UpdateCase(tx, *k));
        for (const auto& m : missed) {
          json::Object d;
          d.Set("what", m.what);
          d.Set("action", m.action.empty() ? json::Value() : json::Value(m.action));
          d.Set("due", m.due);
          RETURN_IF_ERROR(tx.Record(EventType::kCaseDeadlineMissed, k->id.value(), std::move(d)));
        }
        RETURN_IF_ERROR(Notify(tx, SupervisionRecipient(*k, node().country), kNews, k->id.value(),
                               json::Object()));
        done += missed.size();
      }
      return Status::Ok();
    }));
    report.deadlines += done;
    if (done == 0) break;
  }
  if (report.complaints + report.deadlines > 0) {
    log::Info("cases.escalated", {{"complaints", std::to_string(report.complaints)},
                                  {"deadlines", std::to_string(report.deadlines)}});
  }
  return report;
}

Status Cases::RunDailyJobs(Timestamp now) { return Escalate(now).status(); }

}  // namespace corridor::service
