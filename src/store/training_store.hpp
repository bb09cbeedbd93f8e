// Orientation and training's records in the store (docs/formats/training.md, schema migration
// 14): centres, sessions by centre, attendance by session and worker, certificates by worker and
// course.
//
// Free functions over the transaction the caller holds: writes go through Store::Write and
// WriteTx::InsertDocument/UpdateDocument (tables of documents, store/documents.hpp), with their
// ledger events recorded by the caller after them in the same transaction; reads through
// Store::Read. A session holds at most 500 attendees (domain::kMaxCapacity); a worker's lists
// hold at most 100 records.
// Thread-safety: as the transaction they are given (one thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/training.hpp"
#include "store/documents.hpp"
#include "store/record_check.hpp"
#include "store/store.hpp"

namespace corridor::store {

// AlreadyExists (field licence_number) when another centre holds the licence number.
Status InsertCentre(WriteTx& tx, const domain::Centre& c);
Status UpdateCentre(WriteTx& tx, const domain::Centre& c);
Result<domain::Centre> GetCentre(ReadTx& tx, const CentreId& id);
// By id, keyset-paged.
Result<std::vector<domain::Centre>> ListCentres(ReadTx& tx, const Page& page);

Status InsertSession(WriteTx& tx, const domain::Session& s);
Status UpdateSession(WriteTx& tx, const domain::Session& s);
Result<domain::Session> GetSession(ReadTx& tx, const domain::SessionId& id);
// By id, keyset-paged; `centre` null for every centre's.
Result<std::vector<domain::Session>> ListSessions(ReadTx& tx, const std::optional<CentreId>& centre,
                                                  const Page& page);

Status InsertAttendance(WriteTx& tx, const domain::Attendance& a);
Status UpdateAttendance(WriteTx& tx, const domain::Attendance& a);
// The session's attendees in the order enrolled.
Result<std::vector<domain::Attendance>> ListAttendance(ReadTx& tx, const domain::SessionId& id);
// The worker's attendances, latest enrolled first.
Result<std::vector<domain::Attendance>> ListWorkerAttendance(ReadTx& tx, const WorkerId& worker);

Status InsertCertificate(WriteTx& tx, const domain::Certificate& c);
Result<domain::Certificate> GetCertificate(ReadTx& tx, const CertificateId& id);
// The worker's certificates, by id.
Result<std::vector<domain::Certificate>> ListWorkerCertificates(ReadTx& tx, const WorkerId& worker);

// A certificate's row as stored, for the check against the ledger before the public check
// presents it (record_check.hpp).
struct StoredCertificate {
  std::string doc;
  std::optional<int64_t> ledger_idx;
  Columns columns;
};
Result<std::optional<StoredCertificate>> GetStoredCertificate(ReadTx& tx, const CertificateId& id);
Result<RecordCheck> CheckCertificate(ReadTx& tx, const CertificateId& id,
                                     const StoredCertificate& c);

// Counts for the analysts (docs/formats/training.md §4): per course, the sessions completed and
// the certificates issued; per course and official role, the certificates of officials.
struct TrainingCount {
  std::string course;
  std::string official_role;  // "" for all of the course's certificates
  int64_t sessions_completed = 0;
  int64_t certified = 0;
};
Result<std::vector<TrainingCount>> CountTraining(ReadTx& tx);

}  // namespace corridor::store
