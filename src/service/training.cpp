#include "service/training.hpp"

#include <utility>

#include "codec/clearance.hpp"
#include "codec/training.hpp"
#include "core/log.hpp"
#include "service/notifier.hpp"
#include "store/clearance_store.hpp"
#include "store/training_store.hpp"

namespace corridor::service {

// scripts/embed_files.py writes it from data/training/*.json.
std::vector<std::pair<std::string_view, std::string_view>> TrainingCourseFiles();

namespace {

using domain::Actor;

template <typename T>
Result<std::optional<T>> Found(Result<T> r) {
  if (r.ok()) return std::optional<T>(std::move(r).value());
  if (r.status().code() == Code::kNotFound) return std::optional<T>();
  return r.status();
}

Status NoSuchCentre(const CentreId& id) {
  return Status::NotFound("centre " + id.value() + " does not exist");
}
Status NoSuchSession(const domain::SessionId& id) {
  return Status::NotFound("session " + id.value() + " does not exist");
}

// The session when the caller may see it and run it: NotFound when it may not see it (exactly as
// for a missing one), PermissionDenied when it sees but may not act.
Result<domain::Session> SessionToRun(store::ReadTx& tx, const Actor& a, const domain::SessionId& id,
                                     const domain::NodeContext& node) {
  ASSIGN_OR_RETURN(auto s, Found(store::GetSession(tx, id)));
  if (!s || !domain::MayViewSession(a, s->centre, node)) return NoSuchSession(id);
  RETURN_IF_ERROR(domain::CheckMayRunSessions(a, s->centre, node));
  return std::move(*s);
}

}  // namespace

Result<std::map<std::string, domain::Catalogue>> BuiltInCatalogues() {
  std::map<std::string, domain::Catalogue> out;
  for (const auto& [name, text] : TrainingCourseFiles()) {
    const std::string file = "data/training/" + std::string(name);
    auto v = json::Parse(text);
    if (!v.ok()) return Status::InvalidArgument(file + ": " + v.status().ToString());
    auto c = codec::CatalogueFromJson(*v);
    if (!c.ok()) return Status::InvalidArgument(file + ": " + c.status().ToString());
    if (std::string(name) != c->country + ".json") {
      return Status::InvalidArgument(file + ": its country is " + c->country +
                                     "; the file is named by it");
    }
    out[c->country] = std::move(*c);
  }
  return out;
}

Result<TrainingConfig> BuiltInTrainingConfig(const std::string& country) {
  ASSIGN_OR_RETURN(auto all, BuiltInCatalogues());
  TrainingConfig config;
  auto it = all.find(country);
  if (it != all.end()) config.catalogue = std::move(it->second);
  return config;
}

Training::Training(store::Store& store, TrainingConfig config)
    : store_(store), config_(std::move(config)) {}

Result<const domain::Course*> Training::CourseOf(const std::string& id) const {
  if (!config_.catalogue) {
    return Status::FailedPrecondition("no training courses are configured for " + node().country);
  }
  const domain::Course* c = config_.catalogue->Find(id);
  if (c == nullptr) {
    return Status::InvalidArgument("'" + id + "' is not a course of " + node().country, "course");
  }
  return c;
}

Result<domain::Centre> Training::RegisterCentre(const Actor& a, domain::Centre c,
                                                const store::WriteOptions& write) {
  RETURN_IF_ERROR(domain::CheckMayLicenceCentres(a, node()));
  if (!config_.catalogue) {
    return Status::FailedPrecondition("no training courses are configured for " + node().country +
                                      "; a centre is licensed for courses");
  }
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    c.country = node().country;
    c.licence_status = domain::LicenceStatus::kActive;
    c.registered_by = a.account;
    c.registered_at = tx.now();
    RETURN_IF_ERROR(domain::ValidateCentre(c, *config_.catalogue, tx.now().date()));
    c.id = NewId<CentreId>(tx.rng());
    RETURN_IF_ERROR(store::InsertCentre(tx, c));
    return tx.Record(domain::EventType::kTrainingCentreRegistered, c.id.value(), codec::ToJson(c));
  }));
  log::Info("training.centre_registered", {{"request", a.request_id}, {"centre", c.id.value()}});
  return c;
}

Result<domain::Centre> Training::ChangeLicence(const Actor& a, const CentreId& id,
                                               domain::LicenceStatus status, Date valid_until,
                                               std::string reason) {
  domain::Centre c;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, Found(store::GetCentre(tx, id)));
    if (!found || !domain::MayViewCentre(a, id, node())) return NoSuchCentre(id);
    RETURN_IF_ERROR(domain::CheckMayLicenceCentres(a, node()));
    c = std::move(*found);
    const domain::LicenceStatus from = c.licence_status;
    RETURN_IF_ERROR(domain::ChangeLicence(c, status, valid_until, reason, tx.now().date()));
    RETURN_IF_ERROR(store::UpdateCentre(tx, c));
    json::Object data;
    data.Set("licence_status", std::string(ToString(c.licence_status)));
    data.Set("licence_valid_until", c.licence_valid_until.ToString());
    data.Set("previous_status", std::string(ToString(from)));
    data.Set("reason", reason);
    return tx.Record(domain::EventType::kTrainingCentreLicenceChanged, c.id.value(),
                     std::move(data));
  }));
  return c;
}

Result<domain::Session> Training::Schedule(const Actor& a, domain::Session s,
                                           const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto centre, Found(store::GetCentre(tx, s.centre)));
    if (!centre || !domain::MayViewCentre(a, s.centre, node())) {
      return NoSuchCentre(s.centre).WithField("centre");
    }
    RETURN_IF_ERROR(domain::CheckMayRunSessions(a, centre->id, node()));
    ASSIGN_OR_RETURN(const domain::Course* course, CourseOf(s.course));
    s.scheduled_by = a.account;
    s.scheduled_at = tx.now();
    RETURN_IF_ERROR(domain::ValidateSession(s, *course, *centre));
    s.id = NewId<domain::SessionId>(tx.rng());
    RETURN_IF_ERROR(store::InsertSession(tx, s));
    return tx.Record(domain::EventType::kTrainingSessionScheduled, s.id.value(), codec::ToJson(s));
  }));
  return s;
}

Result<domain::Session> Training::Cancel(const Actor& a, const domain::SessionId& id) {
  domain::Session s;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(s, SessionToRun(tx, a, id, node()));
    RETURN_IF_ERROR(domain::CancelSession(s));
    RETURN_IF_ERROR(store::UpdateSession(tx, s));
    return tx.Record(domain::EventType::kTrainingSessionCancelled, s.id.value(), json::Object());
  }));
  return s;
}

Result<domain::Attendance> Training::Enrol(const Actor& a, const domain::SessionId& id,
                                           domain::Attendance who, const store::WriteOptions& write,
                                           const std::string& passport_number) {
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto s, SessionToRun(tx, a, id, node()));
    ASSIGN_OR_RETURN(const domain::Course* course, CourseOf(s.course));
    if (!who.worker && !who.official) {
      // A passport of the node's country, held by one of its registered workers: the courses
      // given here are for them.
      if (passport_number.empty()) {
        return Status::InvalidArgument("is required", "passport_number");
      }
      ASSIGN_OR_RETURN(auto holder, tx.FindWorkerByPassport(node().country, passport_number));
      if (!holder || holder->nationality != node().country) {
        return Status::InvalidArgument(
            "no worker of " + node().country + " registered here holds passport " + passport_number,
            "passport_number");
      }
      who.worker = holder->id;
    }
    std::optional<std::string> nationality;
    if (who.worker) {
      ASSIGN_OR_RETURN(auto w, Found(tx.GetWorker(*who.worker)));
      if (!w) {
        return Status::NotFound("worker " + who.worker->value() + " does not exist")
            .WithField("worker");
      }
      nationality = w->nationality;
    }
    ASSIGN_OR_RETURN(auto others, store::ListAttendance(tx, s.id));
    RETURN_IF_ERROR(domain::Enrol(
        s, *course, who, nationality ? std::optional<std::string_view>(*nationality) : std::nullopt,
        node().country, others));
    who.enrolled_by = a.account;
    who.enrolled_at = tx.now();
    who.id = NewId<domain::AttendanceId>(tx.rng());
    RETURN_IF_ERROR(store::UpdateSession(tx, s));
    RETURN_IF_ERROR(store::InsertAttendance(tx, who));
    return tx.Record(domain::EventType::kTrainingAttendeeEnrolled, who.id.value(),
                     codec::ToJson(who));
  }));
  return who;
}

Result<Completion> Training::Complete(const Actor& a, const domain::SessionId& id,
                                      Date completed_on,
                                      const std::vector<domain::AttendanceId>& absent) {
  Completion out;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto s, SessionToRun(tx, a, id, node()));
    ASSIGN_OR_RETURN(auto centre, store::GetCentre(tx, s.centre));
    ASSIGN_OR_RETURN(auto attendances, store::ListAttendance(tx, s.id));
    RETURN_IF_ERROR(domain::Complete(s, attendances, absent, completed_on, tx.now().date()));
    // The session and those absent, then each who completed with her certificate.
    RETURN_IF_ERROR(store::UpdateSession(tx, s));
    int64_t completed = 0;
    for (const auto& at : attendances) {
      if (at.outcome == domain::AttendanceOutcome::kAbsent) {
        RETURN_IF_ERROR(store::UpdateAttendance(tx, at));
      } else {
        ++completed;
      }
    }
    json::Object data;
    data.Set("completed_on", completed_on.ToString());
    data.Set("completed", completed);
    data.Set("absent", static_cast<int64_t>(attendances.size()) - completed);
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kTrainingSessionCompleted, s.id.value(), std::move(data)));
    for (auto& at : attendances) {
      if (at.outcome != domain::AttendanceOutcome::kCompleted) continue;
      ASSIGN_OR_RETURN(auto cert,
                       domain::IssueCertificate(s, at, NewId<CertificateId>(tx.rng()), tx.now()));
      RETURN_IF_ERROR(store::UpdateAttendance(tx, at));
      RETURN_IF_ERROR(store::InsertCertificate(tx, cert));
      RETURN_IF_ERROR(tx.Record(domain::EventType::kTrainingCertificateIssued, cert.id.value(),
                                codec::ToJson(cert)));
      if (cert.worker) {
        // The orientation completion the departure clearance reads.
        domain::OrientationCompletion o;
        o.worker = *cert.worker;
        o.centre = centre.name;
        o.completed_on = cert.completed_on;
        o.recorded_by = a.account;
        o.recorded_at = tx.now();
        o.certificate = cert.id;
        RETURN_IF_ERROR(domain::ValidateOrientation(o, tx.now().date()));
        o.id = NewId<domain::OrientationId>(tx.rng());
        RETURN_IF_ERROR(store::InsertOrientation(tx, o));
        RETURN_IF_ERROR(
            tx.Record(domain::EventType::kOrientationRecorded, o.id.value(), codec::ToJson(o)));
        json::Object note;
        note.Set("certificate", cert.id.value());
        note.Set("course", cert.course);
        note.Set("completed_on", cert.completed_on.ToString());
        RETURN_IF_ERROR(Notify(tx, WorkerRecipient(*cert.worker), "training.certificate_issued",
                               cert.id.value(), std::move(note)));
      }
      out.certificates.push_back(std::move(cert));
    }
    out.session = std::move(s);
    return Status::Ok();
  }));
  log::Info("training.session_completed",
            {{"request", a.request_id},
             {"session", id.value()},
             {"certificates", std::to_string(out.certificates.size())}});
  return out;
}

}  // namespace corridor::service
