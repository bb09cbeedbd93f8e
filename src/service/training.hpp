// Orientation and training's use cases (docs/formats/training.md): registering and licensing
// centres, scheduling and cancelling sessions, enrolling workers and officials, and completing a
// session, which issues a certificate to each attendee who completed it and, for a workers'
// course, records her orientation completion for the departure clearance (domain/clearance.hpp).
// Each checks who asks and the domain's rule, then writes the records and their ledger events in
// one Store::Write; a refusal writes nothing.
//
// Who may (domain/training.hpp): a caller who may not see the centre or session gets NotFound,
// like a missing record; one who may see it but not act gets PermissionDenied.
//
// Thread-safety: shared by all threads; holds only its configuration.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/training.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The course files built into the node (data/training/*.json), each read and checked whole, by
// country. An error names the file, the course and the field.
Result<std::map<std::string, domain::Catalogue>> BuiltInCatalogues();

struct TrainingConfig {
  // The node's own country's courses; none: the node schedules no training.
  std::optional<domain::Catalogue> catalogue;
};
// The built-in catalogue of `country`, if it has one.
Result<TrainingConfig> BuiltInTrainingConfig(const std::string& country);

// What completing a session wrote.
struct Completion {
  domain::Session session;
  std::vector<domain::Certificate> certificates;
};

class Training {
 public:
  Training(store::Store& store, TrainingConfig config);

  // The node's courses; null when it has none.
  const domain::Catalogue* catalogue() const {
    return config_.catalogue ? &*config_.catalogue : nullptr;
  }

  // `request` holds the caller's members; the node assigns the rest.
  Result<domain::Centre> RegisterCentre(const domain::Actor& a, domain::Centre request,
                                        const store::WriteOptions& write = {});
  Result<domain::Centre> ChangeLicence(const domain::Actor& a, const CentreId& id,
                                       domain::LicenceStatus status, Date valid_until,
                                       std::string reason);
  Result<domain::Session> Schedule(const domain::Actor& a, domain::Session request,
                                   const store::WriteOptions& write = {});
  Result<domain::Session> Cancel(const domain::Actor& a, const domain::SessionId& id);
  // `request` names a worker or an official; or, with `passport_number` set and neither named,
  // the worker of the node's country who holds that passport, issued by that country (one no
  // such worker holds is refused, field passport_number).
  Result<domain::Attendance> Enrol(const domain::Actor& a, const domain::SessionId& id,
                                   domain::Attendance request,
                                   const store::WriteOptions& write = {},
                                   const std::string& passport_number = "");
  Result<Completion> Complete(const domain::Actor& a, const domain::SessionId& id,
                              Date completed_on, const std::vector<domain::AttendanceId>& absent);

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  // The course of the node's catalogue, or FailedPrecondition / InvalidArgument naming it.
  Result<const domain::Course*> CourseOf(const std::string& id) const;
  store::Store& store_;
  TrainingConfig config_;
};

}  // namespace corridor::service
