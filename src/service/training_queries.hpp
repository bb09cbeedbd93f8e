// Reads of orientation and training (docs/formats/training.md §4, §5): courses, centres,
// sessions and their attendees, a worker's attendance and certificates, the analysts' counts,
// the certificate presented at the clearance desk, and the public check of a certificate. Each
// read decides access with the domain's rule (domain/training.hpp), logs the decision on a
// person's record (service::AccessLog) and returns view-ready values with the reader's allowed
// actions. A record the caller may not see answers NotFound, like a missing one.
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/clearance.hpp"
#include "domain/disclosure.hpp"
#include "domain/training.hpp"
#include "service/accounts.hpp"
#include "service/integrity.hpp"
#include "service/queries.hpp"
#include "service/training.hpp"
#include "store/store.hpp"

namespace corridor::service {

using SessionItem = Actionable<domain::Session, domain::SessionStep>;
using CentreItem = Actionable<domain::Centre, domain::CentreStep>;

// Where and when a session of hers takes place, for the worker who does not read sessions
// herself: the session's day, place and state, and its centre's name and address.
struct SessionPlace {
  domain::SessionId session;
  std::string course;
  Date date;
  std::string place;
  domain::SessionState state = domain::SessionState::kScheduled;
  std::string centre_name;
  std::string centre_address;
};

// A worker's training: her places in sessions, where and when those sessions are, and her
// certificates.
struct WorkerTraining {
  WorkerId worker;
  std::vector<domain::Attendance> attendance;
  std::vector<SessionPlace> sessions;
  std::vector<domain::Certificate> certificates;
};

// One attendee of a session as those who run it see her: a worker's names (Latin and her own
// script), to call the roll; empty for an official, whose name the attendance carries.
struct Attendee {
  domain::Attendance attendance;
  std::string worker_name;
  std::string worker_name_native;
};

// One line of the counts: per course (official_role ""), and per course and official role.
// `certified` is null when suppressed (a count from 1 to the threshold less one).
struct TrainingCountView {
  std::string course;
  std::string audience;
  std::string official_role;
  int64_t sessions_completed = 0;  // on the course's line only
  std::optional<int64_t> certified;
};

// What the public check of a certificate id (no login) may show.
struct PublicCertificateCheck {
  bool registered = false;
  bool integrity_ok = true;
  std::optional<domain::Certificate> certificate;  // registered and whole
  std::string course_title;                        // in English
};

class TrainingQueries {
 public:
  TrainingQueries(store::Store& store, AccessLog& access, const Training& training,
                  IntegrityAlarms* alarms = nullptr, domain::DisclosurePolicy policy = {});

  // The node's courses, for any account (published reference data).
  std::vector<domain::Course> Courses(const domain::Actor& a) const;
  Result<CentreItem> Centre(const domain::Actor& a, const CentreId& id);
  // PermissionDenied for a role that sees no centres.
  Result<Listing<CentreItem>> Centres(const domain::Actor& a, const store::Page& page);
  Result<SessionItem> Session(const domain::Actor& a, const domain::SessionId& id);
  // PermissionDenied for a role that sees no sessions. With `centre`, that centre's sessions only
  // (none when the reader may not see that centre's sessions: a filter reveals nothing).
  Result<Listing<SessionItem>> Sessions(const domain::Actor& a, const store::Page& page,
                                        const std::optional<CentreId>& centre = std::nullopt);
  Result<std::vector<Attendee>> Attendees(const domain::Actor& a, const domain::SessionId& id);
  Result<WorkerTraining> OfWorker(const domain::Actor& a, const WorkerId& worker);
  // PermissionDenied for a role that sees no counts.
  Result<std::vector<TrainingCountView>> Counts(const domain::Actor& a);
  // The certificate a worker presents at the clearance desk: the completion it recorded, for an
  // officer who records her clearance evidence (NotFound for the worker otherwise, as for a
  // missing one; PermissionDenied for one who sees but may not record); FailedPrecondition for a
  // certificate of someone else.
  Result<domain::OrientationCompletion> PresentedCertificate(const domain::Actor& a,
                                                             const WorkerId& worker,
                                                             const CertificateId& certificate);
  // For anyone: an id that is not an id is no certificate.
  Result<PublicCertificateCheck> PublicCheck(const std::string& id, std::string_view request_id);
  // The session as `a` sees it, with its steps, after a use case returned it.
  SessionItem WithActions(const domain::Actor& a, domain::Session s) const;
  // The steps `a` may take on the centre today (domain::AllowedCentreActions).
  CentreItem WithActions(const domain::Actor& a, domain::Centre c) const;

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
  const Training& training_;
  IntegrityAlarms* alarms_;
  domain::DisclosurePolicy policy_;
};

}  // namespace corridor::service
