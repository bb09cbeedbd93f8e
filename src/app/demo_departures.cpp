#include "app/demo_departures.hpp"

#include <set>

#include "mrz/mrz.hpp"
#include "store/clearance_store.hpp"
#include "store/training_store.hpp"

namespace corridor::app {
namespace {

using domain::Role;

Status Seeding(const Status& s, const std::string& what) {
  if (!s.ok()) return s.WithContext("seeding departures: " + what);
  return s;
}

domain::Actor NepalOfficer() {
  domain::Actor a;
  a.role = Role::kOriginOfficer;
  a.country = "NPL";
  a.account = "demo-officer";
  return a;
}

domain::Actor NepalBorder() {
  domain::Actor a;
  a.role = Role::kBorderOfficer;
  a.country = "NPL";
  a.account = "demo-border";
  return a;
}

Date Today(Node& n) { return n.store().clock().Now().date(); }

// Contracts 0, 1, 10 (Sita, Ram, Prakash), 2 (Maya) and 3 (Hari) are cleared; 9 (Sarita) is not.
constexpr size_t kCleared[] = {0, 1, 10, 2, 3};
constexpr size_t kMaya = 2;
constexpr size_t kHari = 3;
constexpr size_t kSarita = 9;

Status Depart(Node& nepal, const DepartureScene& s, size_t contract) {
  const WorkerId& worker = s.contracts.at(contract).terms.worker;
  for (const auto& w : s.workers) {
    if (w.id != worker) continue;
    service::CrossingRequest r;
    r.direction = domain::Direction::kExit;
    r.mrz = DemoPassportZone(w);
    r.port = "Tribhuvan International Airport (KTM)";
    return Seeding(nepal.border().RecordCrossing(NepalBorder(), r).status(),
                   "departure of " + worker.value());
  }
  return Status::Internal("seeding departures: no demo worker " + worker.value());
}

// Pre-departure orientation (docs/formats/training.md): the officer licenses the Kathmandu centre,
// whose staff held a session on `held_on` for the workers about to leave; completing it issued
// each a certificate and recorded her orientation for the clearance.
Status HoldOrientation(Node& nepal, const DepartureScene& s, Date today, Date held_on) {
  service::Training& training = nepal.training();
  domain::Centre centre;
  centre.name = "Kathmandu Pre-departure Orientation Centre";
  centre.kind = domain::CentreKind::kOrientationCentre;
  centre.address = "New Baneshwor, Kathmandu";
  centre.licence_number = "DOFE-OC-2026-014";
  centre.licence_valid_until = today.AddDays(730);
  centre.courses = {"NPL-PDO-GCC"};
  auto licensed = training.RegisterCentre(NepalOfficer(), centre);
  RETURN_IF_ERROR(Seeding(licensed.status(), "the orientation centre"));
  domain::Actor staff;
  staff.role = Role::kOrientationCentre;
  staff.country = "NPL";
  staff.account = "demo-centre";
  staff.centre = licensed->id;
  domain::Session request;
  request.course = "NPL-PDO-GCC";
  request.centre = licensed->id;
  request.date = held_on;
  request.place = "Hall 2, New Baneshwor, Kathmandu";
  request.trainer = "Sunita Karki";
  request.capacity = 30;
  auto session = training.Schedule(staff, request);
  RETURN_IF_ERROR(Seeding(session.status(), "the orientation session"));
  std::set<WorkerId> enrolled;
  for (size_t i : kCleared) {
    const WorkerId& worker = s.contracts.at(i).terms.worker;
    if (!enrolled.insert(worker).second) continue;
    domain::Attendance place;
    place.worker = worker;
    RETURN_IF_ERROR(Seeding(training.Enrol(staff, session->id, place).status(),
                            "orientation of " + worker.value()));
  }
  return Seeding(training.Complete(staff, session->id, held_on, {}).status(),
                 "the orientation session's completion");
}

}  // namespace

std::string DemoPassportZone(const domain::Worker& w) {
  auto field = [](std::string text, size_t width) {
    for (char& ch : text) ch = ch == ' ' ? '<' : ch;
    text.resize(width, '<');
    return text;
  };
  auto yymmdd = [](const Date& d) {
    const std::string iso = d.ToString();  // YYYY-MM-DD
    return iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2);
  };
  auto check = [](const std::string& s) { return std::string(1, char('0' + mrz::CheckDigit(s))); };
  const std::string line1 = field("P<NPL" + w.family_name_latin + "<<" + w.given_names_latin, 44);
  const std::string number = field(w.passport.number, 9);
  const std::string birth = yymmdd(w.date_of_birth);
  const std::string expiry = yymmdd(w.passport.expiry);
  const std::string personal = field("", 14);
  const std::string sex(1, w.sex == domain::Sex::kFemale ? 'F' : 'M');
  std::string line2 = number + check(number) + "NPL" + birth + check(birth) + sex + expiry +
                      check(expiry) + personal + "0";
  line2 += check(line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22));
  return line1 + "\n" + line2;
}

Status PrepareDepartures(Node& nepal, const DepartureScene& s) {
  const std::string list =
      "list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,"
      "document_number,document_country,reason\n"
      "NP-LOST,L-1,document,,,,,,Passport,PA0888888,NPL,reported lost (synthetic demo entry)\n";
  RETURN_IF_ERROR(Seeding(nepal.border()
                              .ImportLists(domain::SystemActor(), service::ListFormat::kCsv,
                                           {{"lost-passports.csv", list}})
                              .status(),
                          "Nepal's watchlist"));
  const domain::Actor officer = NepalOfficer();
  const Date today = Today(nepal);
  service::Clearances& clearances = nepal.clearances();
  RETURN_IF_ERROR(HoldOrientation(nepal, s, today, today.AddDays(-2)));
  int n = 0;
  for (size_t i : kCleared) {
    const domain::Contract& c = s.contracts.at(i);
    const std::string who = "contract " + c.id.value();
    domain::MedicalFitness m;
    m.centre = "Kathmandu Health Check Centre";
    m.examined_on = today.AddDays(-5);
    m.outcome = domain::MedicalOutcome::kFit;
    RETURN_IF_ERROR(Seeding(clearances.RecordMedical(officer, c.terms.worker, m).status(),
                            "medical fitness for " + who));
    domain::InsurancePolicy p;
    p.insurer = "Sagarmatha Insurance (synthetic)";
    p.policy_number = "FE-2026-" + std::to_string(1000 + ++n);
    p.cover_from = std::min(today, c.terms.start_date);
    p.cover_until = c.terms.end_date().AddDays(30);
    ASSIGN_OR_RETURN(p.sum_insured, Money::Parse("2500000.00", "NPR"));
    RETURN_IF_ERROR(
        Seeding(clearances.RecordInsurance(officer, c.id, p).status(), "insurance for " + who));
    auto issued = clearances.Issue(officer, c.id);
    if (!issued.ok()) return Seeding(issued.status(), "the clearance of " + who);
    if (!issued->clearance) {
      std::string missing;
      for (const auto& r : issued->check.Missing()) {
        missing += (missing.empty() ? "" : "; ") + r.detail;
      }
      return Status::FailedPrecondition("seeding departures: " + who +
                                        " cannot be cleared: " + missing);
    }
  }
  return Status::Ok();
}

Status RevokeLapsedClearance(Node& nepal, const DepartureScene& s) {
  const ContractId& contract = s.contracts.at(kMaya).id;
  std::optional<domain::Clearance> c;
  RETURN_IF_ERROR(nepal.store().Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(c, store::LatestClearanceForContract(tx, contract));
    return Status::Ok();
  }));
  if (!c) return Status::Internal("seeding departures: no clearance for " + contract.value());
  return Seeding(nepal.clearances()
                     .Revoke(NepalOfficer(), c->id, domain::RevocationReason::kRequirementLapsed,
                             "the insurer cancelled the policy")
                     .status(),
                 "revoking " + c->id.value());
}

Status DepartInJuly(Node& nepal, const DepartureScene& s) {
  for (size_t i : {size_t{0}, size_t{1}, size_t{10}, kMaya, kSarita}) {
    RETURN_IF_ERROR(Depart(nepal, s, i));
  }
  return Status::Ok();
}

Status DepartToday(Node& nepal, const DepartureScene& s) { return Depart(nepal, s, kHari); }

Result<CentreId> DemoOrientationCentre(Node& nepal) {
  std::vector<domain::Centre> centres;
  RETURN_IF_ERROR(nepal.store().Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(centres, store::ListCentres(tx, {"", 10}));
    return Status::Ok();
  }));
  if (centres.empty()) return Status::Internal("seeding departures: no orientation centre");
  return centres.front().id;
}

}  // namespace corridor::app
