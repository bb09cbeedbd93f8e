#include "service/training_queries.hpp"

#include <set>

#include "codec/training.hpp"
#include "store/clearance_store.hpp"
#include "store/training_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;

template <typename T>
Result<std::optional<T>> Found(Result<T> r) {
  if (r.ok()) return std::optional<T>(std::move(r).value());
  if (r.status().code() == Code::kNotFound) return std::optional<T>();
  return r.status();
}

Status NoSuchWorker(const WorkerId& id) {
  return Status::NotFound("worker " + id.value() + " does not exist");
}
Status NoSuchSession(const domain::SessionId& id) {
  return Status::NotFound("session " + id.value() + " does not exist");
}

// The centre whose sessions a reader lists: every centre (nullopt) for the authority, its own for
// a centre's staff; PermissionDenied for every other role.
Result<std::optional<CentreId>> SessionScope(const domain::Actor& a,
                                             const domain::NodeContext& node) {
  if (domain::IsTrainingAuthority(a, node)) return std::optional<CentreId>();
  if (a.role == Role::kOrientationCentre && a.centre) return std::optional<CentreId>(*a.centre);
  return Status::PermissionDenied("this role does not see training centres or sessions");
}

}  // namespace

TrainingQueries::TrainingQueries(store::Store& store, AccessLog& access, const Training& training,
                                 IntegrityAlarms* alarms, domain::DisclosurePolicy policy)
    : store_(store), access_(access), training_(training), alarms_(alarms), policy_(policy) {}

std::vector<domain::Course> TrainingQueries::Courses(const domain::Actor& /*a*/) const {
  const domain::Catalogue* c = training_.catalogue();
  return c == nullptr ? std::vector<domain::Course>() : c->courses;
}

Result<CentreItem> TrainingQueries::Centre(const domain::Actor& a, const CentreId& id) {
  std::optional<domain::Centre> c;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    if (!domain::MayViewCentre(a, id, node())) return Status::Ok();
    ASSIGN_OR_RETURN(c, Found(store::GetCentre(tx, id)));
    return Status::Ok();
  }));
  if (!c) return Status::NotFound("centre " + id.value() + " does not exist");
  return WithActions(a, std::move(*c));
}

Result<Listing<CentreItem>> TrainingQueries::Centres(const domain::Actor& a,
                                                     const store::Page& page) {
  ASSIGN_OR_RETURN(auto scope, SessionScope(a, node()));
  Listing<domain::Centre> found;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    if (scope) {
      // A centre's staff: their own centre, on the first page.
      if (page.after.empty() || page.after < scope->value()) {
        ASSIGN_OR_RETURN(auto own, Found(store::GetCentre(tx, *scope)));
        if (own) found.items.push_back(std::move(*own));
      }
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(found.items, store::ListCentres(tx, page));
    if (static_cast<int>(found.items.size()) == page.limit) {
      found.next = found.items.back().id.value();
    }
    return Status::Ok();
  }));
  Listing<CentreItem> out;
  out.next = std::move(found.next);
  out.items.reserve(found.items.size());
  for (auto& c : found.items) out.items.push_back(WithActions(a, std::move(c)));
  return out;
}

CentreItem TrainingQueries::WithActions(const domain::Actor& a, domain::Centre c) const {
  auto allowed = domain::AllowedCentreActions(a, c, node(), store_.clock().Now().date());
  return CentreItem{std::move(c), std::move(allowed)};
}

SessionItem TrainingQueries::WithActions(const domain::Actor& a, domain::Session s) const {
  auto allowed = domain::AllowedSessionActions(a, s, node());
  return SessionItem{std::move(s), std::move(allowed)};
}

Result<SessionItem> TrainingQueries::Session(const domain::Actor& a, const domain::SessionId& id) {
  std::optional<domain::Session> s;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(s, Found(store::GetSession(tx, id)));
    return Status::Ok();
  }));
  if (!s || !domain::MayViewSession(a, s->centre, node())) return NoSuchSession(id);
  return WithActions(a, std::move(*s));
}

Result<Listing<SessionItem>> TrainingQueries::Sessions(const domain::Actor& a,
                                                       const store::Page& page,
                                                       const std::optional<CentreId>& centre) {
  ASSIGN_OR_RETURN(auto scope, SessionScope(a, node()));
  if (centre) {
    if (scope && *scope != *centre) return Listing<SessionItem>{};
    scope = centre;
  }
  std::vector<domain::Session> sessions;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(sessions, store::ListSessions(tx, scope, page));
    return Status::Ok();
  }));
  Listing<SessionItem> out;
  if (static_cast<int>(sessions.size()) == page.limit) out.next = sessions.back().id.value();
  for (auto& s : sessions) {
    if (domain::MayViewSession(a, s.centre, node())) out.items.push_back(WithActions(a, s));
  }
  return out;
}

Result<std::vector<Attendee>> TrainingQueries::Attendees(const domain::Actor& a,
                                                         const domain::SessionId& id) {
  std::optional<domain::Session> s;
  std::vector<Attendee> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(s, Found(store::GetSession(tx, id)));
    if (!s || !domain::MayViewSession(a, s->centre, node())) return Status::Ok();
    ASSIGN_OR_RETURN(auto attendance, store::ListAttendance(tx, id));
    out.reserve(attendance.size());
    for (auto& at : attendance) {
      Attendee item{std::move(at), "", ""};
      if (item.attendance.worker) {
        ASSIGN_OR_RETURN(auto w, Found(tx.GetWorker(*item.attendance.worker)));
        if (w) {
          item.worker_name = w->given_names_latin.empty()
                                 ? w->family_name_latin
                                 : w->given_names_latin + " " + w->family_name_latin;
          item.worker_name_native = w->name_native;
        }
      }
      out.push_back(std::move(item));
    }
    return Status::Ok();
  }));
  const bool allowed = s && domain::MayViewSession(a, s->centre, node());
  access_.Record(a, "list", "training_attendance", id.value(), allowed);
  if (!allowed) return NoSuchSession(id);
  return out;
}

Result<WorkerTraining> TrainingQueries::OfWorker(const domain::Actor& a, const WorkerId& worker) {
  std::optional<domain::Worker> w;
  WorkerTraining out;
  out.worker = worker;
  auto may = [&]() { return w && domain::MayViewWorkerTraining(a, w->id, w->nationality, node()); };
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(w, Found(tx.GetWorker(worker)));
    if (!may()) return Status::Ok();
    ASSIGN_OR_RETURN(out.attendance, store::ListWorkerAttendance(tx, worker));
    ASSIGN_OR_RETURN(out.certificates, store::ListWorkerCertificates(tx, worker));
    std::set<std::string> seen;
    for (const auto& at : out.attendance) {
      if (!seen.insert(at.session.value()).second) continue;
      ASSIGN_OR_RETURN(auto s, Found(store::GetSession(tx, at.session)));
      if (!s) continue;
      ASSIGN_OR_RETURN(auto c, Found(store::GetCentre(tx, s->centre)));
      out.sessions.push_back({s->id, s->course, s->date, s->place, s->state,
                              c ? c->name : std::string(), c ? c->address : std::string()});
    }
    return Status::Ok();
  }));
  const bool allowed = may();
  access_.Record(a, "view", "training", worker.value(), allowed);
  if (!allowed) return NoSuchWorker(worker);
  return out;
}

Result<std::vector<TrainingCountView>> TrainingQueries::Counts(const domain::Actor& a) {
  if (!domain::MayViewTrainingCounts(a, node())) {
    return Status::PermissionDenied("only the training authority and analysts see training counts");
  }
  std::vector<store::TrainingCount> counts;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(counts, store::CountTraining(tx));
    return Status::Ok();
  }));
  const domain::Catalogue* catalogue = training_.catalogue();
  std::vector<TrainingCountView> out;
  for (const auto& c : counts) {
    TrainingCountView v;
    v.course = c.course;
    const domain::Course* course = catalogue ? catalogue->Find(c.course) : nullptr;
    v.audience = course ? std::string(ToString(course->audience)) : "";
    v.official_role = c.official_role;
    v.sessions_completed = c.official_role.empty() ? c.sessions_completed : 0;
    // Primary suppression (docs/statistics.md): no totals are published beside these cells.
    if (c.certified == 0 || c.certified >= policy_.threshold) v.certified = c.certified;
    out.push_back(std::move(v));
  }
  return out;
}

Result<domain::OrientationCompletion> TrainingQueries::PresentedCertificate(
    const domain::Actor& a, const WorkerId& worker, const CertificateId& certificate) {
  std::optional<domain::Worker> w;
  std::optional<domain::Certificate> cert;
  std::optional<domain::OrientationCompletion> completion;
  auto sees = [&]() {
    return w && domain::MayViewClearanceRecords(a, w->id, w->nationality, node());
  };
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(w, Found(tx.GetWorker(worker)));
    if (!sees()) return Status::Ok();
    ASSIGN_OR_RETURN(cert, Found(store::GetCertificate(tx, certificate)));
    if (!cert) return Status::Ok();
    ASSIGN_OR_RETURN(completion, store::OrientationForCertificate(tx, certificate));
    return Status::Ok();
  }));
  access_.Record(a, "check", "training_certificate", worker.value(), sees());
  if (!sees()) return NoSuchWorker(worker);
  RETURN_IF_ERROR(domain::CheckMayClear(a, w->nationality, node()));
  if (!cert) {
    return Status::NotFound("certificate " + certificate.value() + " does not exist");
  }
  RETURN_IF_ERROR(domain::CheckCertificateHolder(*cert, worker).WithField("certificate"));
  if (!completion) {
    return Status::FailedPrecondition(
        "certificate " + certificate.value() + " recorded no orientation completion",
        "certificate");
  }
  return std::move(*completion);
}

Result<PublicCertificateCheck> TrainingQueries::PublicCheck(const std::string& id,
                                                            std::string_view request_id) {
  PublicCertificateCheck out;
  if (!CheckIdText(id).ok()) return out;
  const CertificateId cid(id);
  std::optional<store::StoredCertificate> stored;
  store::RecordCheck check;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(stored, store::GetStoredCertificate(tx, cid));
    if (!stored) return Status::Ok();
    ASSIGN_OR_RETURN(check, store::CheckCertificate(tx, cid, *stored));
    if (!check.ok) return Status::Ok();
    auto v = json::Parse(stored->doc);
    if (!v.ok()) return Status::DataLoss("a stored certificate is not valid JSON");
    auto c = codec::CertificateFromJson(*v);
    if (!c.ok()) {
      return Status::DataLoss("a stored certificate does not decode")
          .WithDetail(c.status().ToString());
    }
    out.certificate = std::move(*c);
    return Status::Ok();
  }));
  out.registered = stored.has_value();
  if (stored && !check.ok) {
    out.integrity_ok = false;
    if (alarms_ != nullptr) {
      alarms_->Raise(request_id, AlarmedRecord::kCertificate, id, check.problem,
                     crypto::Sha256(stored->doc));
    }
  }
  if (out.certificate) {
    const domain::Catalogue* catalogue = training_.catalogue();
    const domain::Course* course = catalogue ? catalogue->Find(out.certificate->course) : nullptr;
    if (course != nullptr) out.course_title = course->TitleIn("en");
  }
  return out;
}

}  // namespace corridor::service
