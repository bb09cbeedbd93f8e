// The tables of documents: every record kind the store keeps as its JSON document plus the
// columns it is found by, and what the audit needs to check each of them against the ledger.
//
// A record of such a table is written only through WriteTx::InsertDocument / UpdateDocument,
// which note SHA-256 of the document's stored bytes for the next ledger event of the transaction
// to carry (docs/formats/ledger.md §1.1). The audit (`corridor audit verify`, state_audit.hpp)
// compares each stored document with the hash the last event that wrote it carries, and the
// columns with those this file computes from the document; the contract read does the same for
// the contract it serves (record_check.hpp).
//
// A new record kind adds one entry to DocumentTables() (documents.cpp): its table, key column,
// the columns it is found by and how they follow from the document. Writing a table that is not
// listed is refused, so a kind cannot be left out of the audit.
//
// Thread-safety: the list is built once and read-only after; the functions are pure.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "domain/border.hpp"
#include "domain/cases.hpp"
#include "domain/clearance.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"
#include "domain/statistics_release.hpp"
#include "domain/training.hpp"
#include "json/json.hpp"
#include "store/database.hpp"

namespace corridor::store {

// Columns by name, in the order written.
using Columns = std::vector<std::pair<std::string, Param>>;

// What a stored document says of its record, for the audit.
struct DocumentFacts {
  Columns columns;           // the columns the record is found by, as the writer sets them
  std::string terms_digest;  // contracts: the digest of the terms (codec::TermsDigest); else ""
};

struct DocumentTable {
  std::string table;
  std::string key;  // the key column: "id", or "country" for country_rules
  // The columns the record is found by, which follow from its document. The writer may set
  // others besides (crossings' seq, the order they were recorded in).
  std::vector<std::string> columns;
  // Decodes the document and computes DocumentFacts; an error when it does not decode.
  std::function<Result<DocumentFacts>(const json::Value& doc)> facts;
};

// Every table of documents, in the order the audit reads them.
const std::vector<DocumentTable>& DocumentTables();
// The entry of `table`, or null.
const DocumentTable* FindDocumentTable(std::string_view table);

// Whether the row's `column` holds the value `p` (NULL, integer, text or bytes).
bool SameValue(const Param& p, const Row& row, size_t column);
// Whether two parameters hold the same value.
bool SameParam(const Param& a, const Param& b);

// The columns each registry record is found by (the writers in records.cpp and border_store.cpp
// and the audit share them).
Columns WorkerColumns(const domain::Worker& w);
Columns EmployerColumns(const domain::Employer& e);
Columns AgencyColumns(const domain::Agency& a);
Columns JobOrderColumns(const domain::JobOrder& j);
Columns ContractColumns(const domain::Contract& c);
Columns PermitColumns(const domain::Permit& p);
Columns TransferColumns(const domain::Transfer& t);
Columns AbsenceReportColumns(const domain::AbsenceReport& r);
Columns ExitNoticeColumns(const domain::ExitNotice& n);
Columns CrossingColumns(const domain::Crossing& c);
Columns HitColumns(const domain::ScreeningHit& h);
Columns OverstayColumns(const domain::OverstayFlag& f);
Columns ComplaintColumns(const domain::Complaint& c);
Columns ComplaintMessageColumns(const domain::ComplaintMessage& m);
Columns CaseColumns(const domain::Case& k);
// The order of a case in a queue (cases.next_due_ms): its earliest deadline still to be met,
// missed or not (domain::QueueDeadline), or kNoDeadlineMs, which sorts after every deadline.
inline constexpr int64_t kNoDeadlineMs = 253402300799999;  // 9999-12-31T23:59:59.999Z
int64_t CaseQueueDueMs(const domain::Case& k);
Columns OrientationColumns(const domain::OrientationCompletion& o);
Columns InsuranceColumns(const domain::InsurancePolicy& p);
Columns MedicalColumns(const domain::MedicalFitness& m);
Columns ClearanceColumns(const domain::Clearance& c);
Columns ReleaseColumns(const domain::ReleaseSummary& r);
Columns CentreColumns(const domain::Centre& c);
Columns SessionColumns(const domain::Session& s);
Columns AttendanceColumns(const domain::Attendance& a);
Columns CertificateColumns(const domain::Certificate& c);

}  // namespace corridor::store
