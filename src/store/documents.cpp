#include "store/documents.hpp"

#include <algorithm>

#include "codec/border.hpp"
#include "codec/cases.hpp"
#include "codec/clearance.hpp"
#include "codec/codec.hpp"
#include "codec/statistics.hpp"
#include "codec/training.hpp"

namespace corridor::store {
namespace {

// DocumentFacts of a document of record type T: decoded by `decode`, its columns by `columns`.
template <typename T, typename Decode, typename ColumnsOf>
auto Facts(Decode decode, ColumnsOf columns) {
  return [decode, columns](const json::Value& doc) -> Result<DocumentFacts> {
    ASSIGN_OR_RETURN(T record, decode(doc));
    return DocumentFacts{columns(record), ""};
  };
}

std::vector<DocumentTable> BuildTables() {
  std::vector<DocumentTable> t;
  t.push_back({"workers",
               "id",
               {"passport_key", "nationality", "family_name"},
               Facts<domain::Worker>(codec::WorkerFromJson, WorkerColumns)});
  t.push_back({"employers",
               "id",
               {"registration_key", "country", "sector"},
               Facts<domain::Employer>(codec::EmployerFromJson, EmployerColumns)});
  t.push_back({"agencies",
               "id",
               {"licence_key", "country", "status"},
               Facts<domain::Agency>(codec::AgencyFromJson, AgencyColumns)});
  t.push_back({"job_orders",
               "id",
               {"employer_id", "agency_id", "status"},
               Facts<domain::JobOrder>(codec::JobOrderFromJson, JobOrderColumns)});
  t.push_back({"contracts",
               "id",
               {"worker_id", "employer_id", "agency_id", "state", "origin_country",
                "destination_country", "digest", "amendment_pending"},
               [](const json::Value& doc) -> Result<DocumentFacts> {
                 ASSIGN_OR_RETURN(domain::Contract c, codec::ContractFromJson(doc));
                 return DocumentFacts{ContractColumns(c), codec::TermsDigest(c.terms)};
               }});
  t.push_back({"permits",
               "id",
               {"worker_id", "contract_id", "status"},
               Facts<domain::Permit>(codec::PermitFromJson, PermitColumns)});
  t.push_back({"transfers",
               "id",
               {"worker_id", "from_employer", "to_employer", "state"},
               Facts<domain::Transfer>(codec::TransferFromJson, TransferColumns)});
  t.push_back({"absence_reports",
               "id",
               {"worker_id", "employer_id", "state"},
               Facts<domain::AbsenceReport>(codec::AbsenceReportFromJson, AbsenceReportColumns)});
  t.push_back({"exit_notices",
               "id",
               {"worker_id", "departure_date"},
               Facts<domain::ExitNotice>(codec::ExitNoticeFromJson, ExitNoticeColumns)});
  t.push_back({"crossings",
               "id",
               {"direction", "person_key", "worker_id", "document_key", "crossed_ms"},
               Facts<domain::Crossing>(codec::CrossingFromJson, CrossingColumns)});
  t.push_back({"screening_hits",
               "id",
               {"crossing_id", "state"},
               Facts<domain::ScreeningHit>(codec::ScreeningHitFromJson, HitColumns)});
  t.push_back({"overstay_flags",
               "id",
               {"entry_crossing_id", "worker_id", "departed"},
               Facts<domain::OverstayFlag>(codec::OverstayFlagFromJson, OverstayColumns)});
  t.push_back({"complaints",
               "id",
               {"worker_id", "worker_nationality", "case_id", "state", "anonymous", "due_ms"},
               Facts<domain::Complaint>(codec::ComplaintFromJson, ComplaintColumns)});
  t.push_back(
      {"complaint_messages",
       "id",
       {"complaint_id", "time_ms"},
       Facts<domain::ComplaintMessage>(codec::ComplaintMessageFromJson, ComplaintMessageColumns)});
  t.push_back({"cases",
               "id",
               {"state", "worker_id", "employer_id", "worker_nationality", "assignee", "supervisor",
                "flagged", "due_ms", "next_due_ms"},
               Facts<domain::Case>(codec::CaseFromJson, CaseColumns)});
  // Departure clearance (docs/formats/clearance.md); seq, the order recorded, is the writer's.
  t.push_back(
      {"orientation_completions",
       "id",
       {"worker_id", "completed_on", "certificate_id"},
       Facts<domain::OrientationCompletion>(codec::OrientationFromJson, OrientationColumns)});
  t.push_back({"insurance_policies",
               "id",
               {"contract_id", "worker_id"},
               Facts<domain::InsurancePolicy>(codec::InsurancePolicyFromJson, InsuranceColumns)});
  t.push_back({"medical_fitness",
               "id",
               {"worker_id", "examined_on"},
               Facts<domain::MedicalFitness>(codec::MedicalFitnessFromJson, MedicalColumns)});
  t.push_back(
      {"clearances",
       "id",
       {"contract_id", "worker_id", "origin_country", "destination_country", "passport_key",
        "state"},
       Facts<domain::Clearance>([](const json::Value& v) { return codec::ClearanceFromJson(v); },
                                ClearanceColumns)});
  t.push_back({"stats_releases",
               "id",
               {"month"},
               Facts<domain::ReleaseSummary>(codec::ReleaseSummaryFromJson, ReleaseColumns)});
  // Orientation and training (docs/formats/training.md); attendance's seq is the writer's.
  t.push_back({"training_centres",
               "id",
               {"licence_number", "licence_status"},
               Facts<domain::Centre>(codec::CentreFromJson, CentreColumns)});
  t.push_back({"training_sessions",
               "id",
               {"centre_id", "course", "state", "session_date"},
               Facts<domain::Session>(codec::SessionFromJson, SessionColumns)});
  t.push_back({"training_attendance",
               "id",
               {"session_id", "worker_id"},
               Facts<domain::Attendance>(codec::AttendanceFromJson, AttendanceColumns)});
  t.push_back({"training_certificates",
               "id",
               {"session_id", "worker_id", "course", "official_role"},
               Facts<domain::Certificate>(codec::CertificateFromJson, CertificateColumns)});
  t.push_back({"country_rules",
               "country",
               {},
               Facts<domain::CountryRules>(codec::CountryRulesFromJson,
                                           [](const domain::CountryRules&) { return Columns{}; })});
  return t;
}

}  // namespace

const std::vector<DocumentTable>& DocumentTables() {
  static const std::vector<DocumentTable> tables = BuildTables();
  return tables;
}

const DocumentTable* FindDocumentTable(std::string_view table) {
  for (const DocumentTable& t : DocumentTables()) {
    if (t.table == table) return &t;
  }
  return nullptr;
}

bool SameValue(const Param& p, const Row& row, size_t column) {
  return std::visit(
      [&](const auto& v) -> bool {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return row.IsNull(column);
        } else if constexpr (std::is_same_v<V, int64_t>) {
          return !row.IsNull(column) && row.Int(column) == v;
        } else if constexpr (std::is_same_v<V, Param::Text>) {
          return !row.IsNull(column) && row.Text(column) == v.s;
        } else {
          const auto b = row.Blob(column);
          return !row.IsNull(column) && std::equal(b.begin(), b.end(), v.b.begin(), v.b.end());
        }
      },
      p.value());
}

bool SameParam(const Param& a, const Param& b) {
  if (a.value().index() != b.value().index()) return false;
  return std::visit(
      [&](const auto& v) -> bool {
        using V = std::decay_t<decltype(v)>;
        const V& w = std::get<V>(b.value());
        if constexpr (std::is_same_v<V, std::monostate>) {
          return true;
        } else if constexpr (std::is_same_v<V, int64_t>) {
          return v == w;
        } else if constexpr (std::is_same_v<V, Param::Text>) {
          return v.s == w.s;
        } else {
          return std::equal(v.b.begin(), v.b.end(), w.b.begin(), w.b.end());
        }
      },
      a.value());
}

Columns WorkerColumns(const domain::Worker& w) {
  return {{"passport_key", Param(w.passport.issuing_state + ":" + w.passport.number)},
          {"nationality", Param(w.nationality)},
          {"family_name", Param(w.family_name_latin)}};
}

Columns EmployerColumns(const domain::Employer& e) {
  return {{"registration_key", Param(e.country + ":" + e.registration_number)},
          {"country", Param(e.country)},
          {"sector", Param(e.sector)}};
}

Columns AgencyColumns(const domain::Agency& a) {
  return {{"licence_key", Param(a.country + ":" + a.licence_number)},
          {"country", Param(a.country)},
          {"status", Param(std::string(ToString(a.status)))}};
}

Columns JobOrderColumns(const domain::JobOrder& j) {
  return {{"employer_id", Param(j.employer.value())},
          {"agency_id", j.agency ? Param(j.agency->value()) : Param()},
          {"status", Param(std::string(ToString(j.status)))}};
}

Columns ContractColumns(const domain::Contract& c) {
  return {{"worker_id", Param(c.terms.worker.value())},
          {"employer_id", Param(c.terms.employer.value())},
          {"agency_id", c.terms.agency ? Param(c.terms.agency->value()) : Param()},
          {"state", Param(std::string(ToString(c.state)))},
          {"origin_country", Param(c.terms.origin_country)},
          {"destination_country", Param(c.terms.destination_country)},
          {"digest", Param(c.digest)},
          {"amendment_pending", Param(int64_t{c.pending_amendment ? 1 : 0})}};
}

Columns PermitColumns(const domain::Permit& p) {
  return {{"worker_id", Param(p.worker.value())},
          {"contract_id", Param(p.contract.value())},
          {"status", Param(std::string(ToString(p.status)))}};
}

Columns TransferColumns(const domain::Transfer& t) {
  return {{"worker_id", Param(t.worker.value())},
          {"from_employer", Param(t.from_employer.value())},
          {"to_employer", Param(t.to_employer.value())},
          {"state", Param(std::string(ToString(t.state)))}};
}

Columns AbsenceReportColumns(const domain::AbsenceReport& r) {
  return {{"worker_id", Param(r.worker.value())},
          {"employer_id", Param(r.employer.value())},
          {"state", Param(std::string(ToString(r.state)))}};
}

Columns ExitNoticeColumns(const domain::ExitNotice& n) {
  return {{"worker_id", Param(n.worker.value())},
          {"departure_date", Param(n.departure_date.ToString())}};
}

Columns CrossingColumns(const domain::Crossing& c) {
  return {{"direction", Param(std::string(ToString(c.direction)))},
          {"person_key", Param(domain::PersonKey(c))},
          {"worker_id", c.worker ? Param(c.worker->value()) : Param()},
          {"document_key", Param(c.document.issuing_state + ":" + c.document.number)},
          {"crossed_ms", Param(c.time.millis())}};
}

Columns HitColumns(const domain::ScreeningHit& h) {
  return {{"crossing_id", Param(h.crossing.value())},
          {"state", Param(std::string(ToString(h.state)))}};
}

Columns OverstayColumns(const domain::OverstayFlag& f) {
  return {{"entry_crossing_id", Param(f.entry.value())},
          {"worker_id", f.worker ? Param(f.worker->value()) : Param()},
          {"departed", Param(f.departed.has_value())}};
}

namespace {

template <typename IdT>
Param OptionalId(const std::optional<IdT>& id) {
  return id ? Param(id->value()) : Param();
}

Param OptionalTime(const std::optional<Timestamp>& t) { return t ? Param(t->millis()) : Param(); }

}  // namespace

Columns ComplaintColumns(const domain::Complaint& c) {
  // The triage deadline the daily job looks for, while it has not been escalated.
  const bool due = c.state == domain::ComplaintState::kReceived && !c.triage_escalated;
  return {{"worker_id", OptionalId(c.worker)},
          {"worker_nationality", Param(c.worker_nationality)},
          {"case_id", OptionalId(c.case_id)},
          {"state", Param(std::string(ToString(c.state)))},
          {"anonymous", Param(c.channel == domain::Channel::kAnonymousTip)},
          {"due_ms", due ? Param(c.triage_due.millis()) : Param()}};
}

Columns ComplaintMessageColumns(const domain::ComplaintMessage& m) {
  return {{"complaint_id", Param(m.complaint.value())}, {"time_ms", Param(m.time.millis())}};
}

Columns CaseColumns(const domain::Case& k) {
  return {{"state", Param(std::string(ToString(k.state)))},
          {"worker_id", OptionalId(k.worker)},
          {"employer_id", OptionalId(k.employer)},
          {"worker_nationality", Param(k.worker_nationality)},
          {"assignee", Param(k.assignee)},
          {"supervisor", Param(k.supervisor)},
          {"flagged", Param(k.trafficking_flag)},
          {"due_ms", OptionalTime(domain::NextDeadline(k))},
          {"next_due_ms", Param(CaseQueueDueMs(k))}};
}

int64_t CaseQueueDueMs(const domain::Case& k) {
  const auto due = domain::QueueDeadline(k);
  return due ? due->millis() : kNoDeadlineMs;
}

Columns OrientationColumns(const domain::OrientationCompletion& o) {
  return {{"worker_id", Param(o.worker.value())},
          {"completed_on", Param(o.completed_on.ToString())},
          {"certificate_id", Param(o.certificate ? o.certificate->value() : std::string())}};
}

Columns InsuranceColumns(const domain::InsurancePolicy& p) {
  return {{"contract_id", Param(p.contract.value())}, {"worker_id", Param(p.worker.value())}};
}

Columns MedicalColumns(const domain::MedicalFitness& m) {
  return {{"worker_id", Param(m.worker.value())}, {"examined_on", Param(m.examined_on.ToString())}};
}

Columns ClearanceColumns(const domain::Clearance& c) {
  // passport_key is "" in the destination's copy, which carries no passport.
  return {{"contract_id", Param(c.contract.value())},
          {"worker_id", Param(c.worker.value())},
          {"origin_country", Param(c.origin_country)},
          {"destination_country", Param(c.destination_country)},
          {"passport_key", Param(c.passport ? c.passport->issuing_state + ":" + c.passport->number
                                            : std::string())},
          {"state", Param(std::string(ToString(c.state)))}};
}

Columns ReleaseColumns(const domain::ReleaseSummary& r) { return {{"month", Param(r.id)}}; }
Columns CentreColumns(const domain::Centre& c) {
  return {{"licence_number", Param(c.licence_number)},
          {"licence_status", Param(std::string(ToString(c.licence_status)))}};
}

Columns SessionColumns(const domain::Session& s) {
  return {{"centre_id", Param(s.centre.value())},
          {"course", Param(s.course)},
          {"state", Param(std::string(ToString(s.state)))},
          {"session_date", Param(s.date.ToString())}};
}

Columns AttendanceColumns(const domain::Attendance& a) {
  // worker_id is "" for an official.
  return {{"session_id", Param(a.session.value())},
          {"worker_id", Param(a.worker ? a.worker->value() : std::string())}};
}

Columns CertificateColumns(const domain::Certificate& c) {
  // worker_id is "" for an official, official_role "" for a worker.
  return {{"session_id", Param(c.session.value())},
          {"worker_id", Param(c.worker ? c.worker->value() : std::string())},
          {"course", Param(c.course)},
          {"official_role",
           Param(c.official ? std::string(ToString(c.official->role)) : std::string())}};
}

}  // namespace corridor::store
