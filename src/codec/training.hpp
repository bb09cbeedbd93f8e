// The JSON form of orientation and training's records (docs/formats/training.md §2), both ways:
// stored as each record's document, written into its ledger event and the base of the API's
// views; the request bodies that create or change them (the caller's members only; the node
// assigns the rest); and a country's course file (§1), checked whole. Decoders refuse unknown
// members and name the field path of every error.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/training.hpp"
#include "json/json.hpp"

namespace corridor::codec {

// A course file (data/training/<country>.json), checked by domain::ValidateCatalogue.
Result<domain::Catalogue> CatalogueFromJson(const json::Value& v);
json::Value ToJson(const domain::Course& c);

json::Value ToJson(const domain::Centre& c);
Result<domain::Centre> CentreFromJson(const json::Value& v);

json::Value ToJson(const domain::Session& s);
Result<domain::Session> SessionFromJson(const json::Value& v);

json::Value ToJson(const domain::Attendance& a);
Result<domain::Attendance> AttendanceFromJson(const json::Value& v);

json::Value ToJson(const domain::Certificate& c);
Result<domain::Certificate> CertificateFromJson(const json::Value& v);

// Request bodies.
// {name, kind, address, licence_number, licence_valid_until, courses}
Result<domain::Centre> CentreRequestFromJson(const json::Value& v);
struct LicenceChange {
  domain::LicenceStatus status = domain::LicenceStatus::kActive;
  Date valid_until;
  std::string reason;
};
// {licence_status, licence_valid_until, reason}
Result<LicenceChange> LicenceChangeFromJson(const json::Value& v);
// {course, centre, date, place, trainer, capacity}
Result<domain::Session> SessionRequestFromJson(const json::Value& v);
// {worker} or {official: {name, role, service_number, organisation}}
struct EnrolRequest {
  domain::Attendance attendance;  // its worker or its official
  std::string passport_number;    // or the worker's passport, which the node looks up
};
// Exactly one of {worker}, {passport_number} and {official}.
Result<EnrolRequest> EnrolRequestFromJson(const json::Value& v);
struct CompletionRequest {
  Date completed_on;
  std::vector<domain::AttendanceId> absent;
};
// {completed_on, absent?}
Result<CompletionRequest> CompletionRequestFromJson(const json::Value& v);

// {certificate}: the certificate a worker presents at the clearance desk.
Result<CertificateId> PresentedCertificateFromJson(const json::Value& v);

}  // namespace corridor::codec
