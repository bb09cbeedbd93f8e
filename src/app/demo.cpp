#include "app/demo.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "app/commands.hpp"
#include "app/demo_cases.hpp"
#include "app/demo_departures.hpp"
#include "app/key_file.hpp"
#include "app/node.hpp"
#include "core/encoding.hpp"
#include "domain/account.hpp"
#include "json/json.hpp"
#include "service/import.hpp"

namespace corridor::app {
namespace {

using domain::Role;

Date D(const char* s) { return *Date::Parse(s); }
Money KWD(const char* s) { return *Money::Parse(s, "KWD"); }

struct DemoWorker {
  const char* native;
  const char* family;
  const char* given;
  const char* dob;
  const char* sex;
  const char* passport;
  const char* phone;
};

// Synthetic people: names common in Nepal, passports and phones that belong to no one.
constexpr DemoWorker kWorkers[] = {
    {"सीता कुमारी थापा", "THAPA", "SITA KUMARI", "1996-04-12", "F", "PA0100001", "+9779800000101"},
    {"राम बहादुर गुरुङ", "GURUNG", "RAM BAHADUR", "1990-01-30", "M", "PA0100002", "+9779800000102"},
    {"माया तामाङ", "TAMANG", "MAYA", "1994-07-21", "F", "PA0100003", "+9779800000103"},
    {"हरि प्रसाद शर्मा", "SHARMA", "HARI PRASAD", "1988-11-02", "M", "PA0100004", "+9779800000104"},
    {"लक्ष्मी राई", "RAI", "LAXMI", "1997-02-14", "F", "PA0100005", "+9779800000105"},
    {"बिनोद मगर", "MAGAR", "BINOD", "1992-09-09", "M", "PA0100006", "+9779800000106"},
    {"गीता लिम्बु", "LIMBU", "GITA", "1995-05-05", "F", "PA0100007", "+9779800000107"},
    {"सुरेश यादव", "YADAV", "SURESH", "1989-12-24", "M", "PA0100008", "+9779800000108"},
    {"कमला शेर्पा", "SHERPA", "KAMALA", "1993-03-17", "F", "PA0100009", "+9779800000109"},
    {"दीपक खड्का", "KHADKA", "DIPAK", "1991-08-08", "M", "PA0100010", "+9779800000110"},
    {"सरिता बस्नेत", "BASNET", "SARITA", "1998-10-10", "F", "PA0100011", "+9779800000111"},
    {"प्रकाश भट्ट", "BHATT", "PRAKASH", "1987-06-30", "M", "PA0100012", "+9779800000112"},
};

struct Cast {
  std::vector<domain::Employer> employers;
  std::vector<domain::Agency> agencies;
  std::vector<domain::Worker> workers;
};

// Ids are fixed so both nodes hold the same records (until federation carries them).
Cast MakeCast() {
  Cast c;
  c.employers = {
      {EmployerId("E-DEMO00000000001"), "KW-2020-55123", "Gulf Care Services W.L.L.",
       "domestic_work", "Salmiya, Block 10, Kuwait City", "KWT"},
      {EmployerId("E-DEMO00000000002"), "KW-2018-20877", "Al Noor Building Contracting Co.",
       "construction", "Shuwaikh Industrial Area, Kuwait City", "KWT"},
      {EmployerId("E-DEMO00000000003"), "KW-2021-33410", "Sea Breeze Hotels Company", "hospitality",
       "Arabian Gulf Street, Salmiya", "KWT"},
  };
  c.agencies = {
      {AgencyId("A-DEMO00000000001"), "DOFE-1234/2075", "Himal Manpower Pvt. Ltd.", "NPL",
       domain::LicenceStatus::kActive, D("2028-07-15")},
      {AgencyId("A-DEMO00000000002"), "DOFE-0987/2074", "Everest Overseas Pvt. Ltd.", "NPL",
       domain::LicenceStatus::kSuspended, D("2027-03-31")},
  };
  int i = 0;
  for (const auto& d : kWorkers) {
    domain::Worker w;
    w.id = WorkerId("W-DEMO" + std::string(11 - std::to_string(i + 1).size(), '0') +
                    std::to_string(i + 1));
    w.name_native = d.native;
    w.family_name_latin = d.family;
    w.given_names_latin = d.given;
    w.date_of_birth = D(d.dob);
    w.sex = *domain::ParseSex(d.sex);
    w.nationality = "NPL";
    w.passport = {d.passport, "NPL", D("2032-01-01")};
    w.phone = d.phone;
    w.preferred_language = i % 4 == 3 ? "hi" : "ne";
    c.workers.push_back(std::move(w));
    ++i;
  }
  return c;
}

domain::ContractTerms Terms(const Cast& cast, size_t worker, size_t employer, bool agency) {
  domain::ContractTerms t;
  t.worker = cast.workers[worker].id;
  t.employer = cast.employers[employer].id;
  if (agency) t.agency = cast.agencies[0].id;
  t.origin_country = "NPL";
  t.destination_country = "KWT";
  const char* positions[] = {"Home care worker", "Mason", "Room attendant"};
  const char* isco[] = {"5322", "7112", "9112"};
  t.position = positions[employer];
  t.isco_code = isco[employer];
  t.basic_wage = KWD(employer == 0 ? "120" : employer == 1 ? "135" : "110");
  t.housing = {domain::AllowanceKind::kInKind, std::nullopt};
  t.food = {domain::AllowanceKind::kCash, KWD("15")};
  t.transport = {employer == 1 ? domain::AllowanceKind::kInKind : domain::AllowanceKind::kNone,
                 std::nullopt};
  t.hours_per_day = 8;
  t.days_per_week = 6;
  t.weekly_rest_day = domain::Weekday::kFriday;
  t.overtime_percent = 125;
  t.annual_leave_days = 30;
  t.probation_months = 3;
  t.start_date = D("2026-12-01");
  t.duration_months = 24;
  t.notice_period_days = 30;
  t.place_of_work = cast.employers[employer].establishment;
  t.accommodation = domain::Accommodation::kProvidedFree;
  t.accommodation_details = employer == 0 ? "private room in the employer's residence"
                                          : "company housing, four to a room at most";
  t.worker_fees = KWD("0");
  t.languages = {cast.workers[worker].preferred_language, "en"};
  return t;
}

struct DemoAccount {
  std::string node;
  std::string username;
  std::string password;
  std::string role;
  std::string note;
};

Status Check(const Status& s, const char* what) {
  if (!s.ok()) return s.WithContext(std::string("seeding ") + what);
  return s;
}

// The system's clock moved back by an offset that only ever shrinks: the demo's corridor is
// seeded as it happened, from July on, and the clock then catches up with the present. Time never
// goes backwards, so the ledger's times and the federation's clock checks stay true.
class CatchUpClock final : public Clock {
 public:
  explicit CatchUpClock(Timestamp start)
      : offset_ms_(std::max<int64_t>(0, SystemClock().Now().millis() - start.millis())) {}
  Timestamp Now() const override { return system_.Now().AddMillis(-offset_ms_.load()); }
  // Moves to `t`, if that is later than now and not in the future.
  void AdvanceTo(Timestamp t) {
    const int64_t offset = system_.Now().millis() - t.millis();
    if (offset >= 0 && offset < offset_ms_.load()) offset_ms_ = offset;
  }
  void CatchUp() { offset_ms_ = 0; }

 private:
  SystemClock system_;
  std::atomic<int64_t> offset_ms_;
};

// Reference data every node holds: occupations, the destination's labour rules and wage floors.
Status SeedReference(Node& node) {
  service::Registry& reg = node.registry();
  const domain::Actor sys = domain::SystemActor();
  std::ifstream isco(std::string(CORRIDOR_SOURCE_DIR) + "/data/reference/isco08.csv");
  if (isco) {
    auto r = service::Import(reg, sys, service::ImportKind::kOccupations, isco);
    if (!r.ok()) return r.status();
  } else {
    for (const auto& o : std::vector<domain::Occupation>{
             {"5322", "Home-based personal care workers"},
             {"7112", "Bricklayers and related workers"},
             {"9112", "Cleaners and helpers in offices, hotels and other establishments"}}) {
      RETURN_IF_ERROR(reg.SetOccupation(sys, o));
    }
  }
  domain::CountryRules kwt;
  kwt.country = "KWT";
  // Residence permits for a year at a time: the demo's permits, issued from July on, end a year
  // later and are renewed for the rest of their contracts' 24 months (docs/permits.md).
  kwt.permit_max_months = 12;
  RETURN_IF_ERROR(Check(reg.SetCountryRules(sys, kwt), "labour rules"));
  RETURN_IF_ERROR(Check(reg.SetWageFloor(sys, {"KWT", "", KWD("75"), D("2017-01-01")}), "floors"));
  RETURN_IF_ERROR(
      Check(reg.SetWageFloor(sys, {"KWT", "5322", KWD("100"), D("2024-01-01")}), "floors"));
  return Status::Ok();
}

// Pins each node as the other's peer, with its current address (a rerun may have new ports).
Status PairNodes(Node& a, Node& b) {
  for (auto [here, there] : {std::pair<Node*, Node*>{&a, &b}, {&b, &a}}) {
    service::PeerConfig p;
    p.node_id = there->store().identity().node_id;
    p.country = there->store().identity().country;
    p.url = there->base_url();
    p.public_key = there->public_key();
    RETURN_IF_ERROR(Check(here->federation().SetPeer(domain::SystemActor(), p), "peers"));
  }
  return Status::Ok();
}

// Waits until each node's peer has acknowledged every message queued so far; a message the peer
// rejected fails the seeding (the demo's data would not be what it claims).
Status WaitForDelivery(const std::vector<Node*>& nodes) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (true) {
    bool pending = false;
    for (Node* n : nodes) {
      n->federation().Wake();
      ASSIGN_OR_RETURN(auto peers, n->federation().Peers(domain::SystemActor()));
      for (const auto& p : peers) {
        if (p.rejected_by_peer > 0) {
          return Status::Internal(p.peer.node_id + " rejected " +
                                  std::to_string(p.rejected_by_peer) + " of " +
                                  n->store().identity().node_id + "'s messages");
        }
        if (p.pending > 0) pending = true;
      }
    }
    if (!pending) return Status::Ok();
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Unavailable("the two nodes did not exchange their messages within a minute");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

class Seeder {
 public:
  Seeder(Node& nepal, Node& kuwait, CatchUpClock& clock, std::vector<DemoAccount>& accounts,
         Rng& rng)
      : nepal_(nepal),
        kuwait_(kuwait),
        clock_(clock),
        accounts_(accounts),
        rng_(rng),
        cast_(MakeCast()) {}

  // The corridor as it happened since June: each step on the node of the country the law gives
  // it to, on its day; the other node learns of it through federation, as it would in service.
  Status Run() {
    const Date today = SystemClock().Now().date();
    RETURN_IF_ERROR(On("2026-06-15"));
    RETURN_IF_ERROR(SeedReference(nepal_));
    RETURN_IF_ERROR(SeedReference(kuwait_));
    RETURN_IF_ERROR(Organisations());
    RETURN_IF_ERROR(WaitForDelivery({&nepal_, &kuwait_}));
    RETURN_IF_ERROR(On("2026-06-20"));
    RETURN_IF_ERROR(InNepal());
    RETURN_IF_ERROR(WaitForDelivery({&nepal_, &kuwait_}));
    RETURN_IF_ERROR(On("2026-07-01"));
    RETURN_IF_ERROR(Watchlist());
    // Nepal clears workers for departure, revokes one clearance, and its border sees them leave.
    RETURN_IF_ERROR(On("2026-07-10"));
    RETURN_IF_ERROR(PrepareDepartures(nepal_, Scene()));
    RETURN_IF_ERROR(On("2026-07-20"));
    RETURN_IF_ERROR(RevokeLapsedClearance(nepal_, Scene()));
    RETURN_IF_ERROR(On("2026-07-24"));
    RETURN_IF_ERROR(DepartInJuly(nepal_, Scene()));
    RETURN_IF_ERROR(On("2026-07-25"));
    RETURN_IF_ERROR(Arrival());
    RETURN_IF_ERROR(On("2026-08-01"));
    RETURN_IF_ERROR(Crossings());
    RETURN_IF_ERROR(Payroll());
    RETURN_IF_ERROR(WaitForDelivery({&nepal_, &kuwait_}));
    clock_.CatchUp();
    // Today's daily jobs first: Ram's arrears free him to change job without notice.
    kuwait_.RunDailyJobs();
    RETURN_IF_ERROR(LifeInKuwait(today));
    RETURN_IF_ERROR(DepartToday(nepal_, Scene()));
    RETURN_IF_ERROR(Accounts(nepal_, true));
    RETURN_IF_ERROR(Accounts(kuwait_, false));
    RETURN_IF_ERROR(Protection());
    // Today's daily jobs (arrears, the escalation ladder, overstays) before anyone looks.
    nepal_.RunDailyJobs();
    kuwait_.RunDailyJobs();
    return WaitForDelivery({&nepal_, &kuwait_});
  }

 private:
  static domain::Actor Officer(bool origin) {
    domain::Actor a;
    a.role = origin ? Role::kOriginOfficer : Role::kDestinationOfficer;
    a.country = origin ? "NPL" : "KWT";
    a.account = "demo-officer";
    return a;
  }
  DepartureScene Scene() const { return {cast_.workers, contracts_}; }
  domain::Actor Worker(size_t i, const char* account) const {
    domain::Actor a;
    a.role = Role::kWorker;
    a.worker = cast_.workers[i].id;
    a.account = account;
    return a;
  }
  domain::Actor Employer(size_t i, const char* account) const {
    domain::Actor a;
    a.role = Role::kEmployer;
    a.employer = cast_.employers[i].id;
    a.account = account;
    return a;
  }

  // Kuwait registers its employers; Nepal licenses its agencies and registers its workers.
  Status Organisations() {
    const domain::Actor sys = domain::SystemActor();
    for (const auto& e : cast_.employers) {
      RETURN_IF_ERROR(Check(kuwait_.registry().RegisterEmployer(sys, e).status(), "employers"));
    }
    for (const auto& a : cast_.agencies) {
      RETURN_IF_ERROR(Check(nepal_.registry().RegisterAgency(sys, a).status(), "agencies"));
    }
    for (const auto& w : cast_.workers) {
      RETURN_IF_ERROR(Check(nepal_.registry().RegisterWorker(sys, w).status(), "workers"));
    }
    return Status::Ok();
  }

  // Contracts in every state before departure: drafted by the agency, offered, accepted or
  // rejected by the worker, attested by Nepal's officer. Attested ones travel to Kuwait.
  // 0: to be active (Sita with the care company), 1: to be active (Ram, construction), 2: to be
  // authenticated, 3: attested, 4: accepted, 5: offered, 6: rejected, 7: draft, 8: withdrawn,
  // 9: to be substituted on arrival, 10: to be active with a pending amendment.
  Status InNepal() {
    service::Registry& reg = nepal_.registry();
    const domain::Actor sys = domain::SystemActor();
    const size_t plan[][3] = {{0, 0, 1}, {1, 1, 1}, {2, 0, 1}, {3, 1, 1},  {4, 2, 1}, {5, 2, 0},
                              {6, 0, 1}, {7, 1, 0}, {8, 2, 0}, {10, 0, 1}, {11, 1, 1}};
    for (const auto& p : plan) {
      domain::ContractTerms t = Terms(cast_, p[0], p[1], p[2] != 0);
      // The contracts that will be active began in August: they have payroll months behind them.
      const size_t k = contracts_.size();
      if (k == 0 || k == 1 || k == 10) t.start_date = D("2026-08-01");
      ASSIGN_OR_RETURN(auto ct, reg.DraftContract(sys, t));
      contracts_.push_back(ct);
    }
    auto walk = [&](size_t i, int steps) -> Status {
      const ContractId& id = contracts_[i].id;
      if (steps >= 1) RETURN_IF_ERROR(reg.OfferContract(sys, id).status());
      if (steps >= 2) RETURN_IF_ERROR(reg.AcceptContract(sys, id).status());
      if (steps >= 3) RETURN_IF_ERROR(reg.AttestContract(Officer(true), id).status());
      return Status::Ok();
    };
    for (size_t i : {0, 1, 2, 3, 9, 10}) RETURN_IF_ERROR(Check(walk(i, 3), "attested contracts"));
    RETURN_IF_ERROR(Check(walk(4, 2), "accepted contract"));
    RETURN_IF_ERROR(Check(walk(5, 1), "offered contract"));
    RETURN_IF_ERROR(Check(walk(6, 1), "rejected contract"));
    RETURN_IF_ERROR(
        reg.RejectContract(sys, contracts_[6].id, "the wage is lower than the job order promised")
            .status());
    RETURN_IF_ERROR(Check(walk(8, 1), "withdrawn contract"));
    return reg.WithdrawContract(sys, contracts_[8].id).status();
  }

  // Moves the corridor's clock to 09:00 UTC on `day` (never backwards, never past the present).
  // Every message of the day before is delivered first: an envelope is judged by the time it
  // was signed, which must be within minutes of the receiver's clock.
  Status On(const char* day) {
    RETURN_IF_ERROR(WaitForDelivery({&nepal_, &kuwait_}));
    ASSIGN_OR_RETURN(Timestamp t, Timestamp::Parse(std::string(day) + "T09:00:00Z"));
    clock_.AdvanceTo(t);
    return Status::Ok();
  }

  // On arrival: Kuwait's officer authenticates what the worker holds and issues permits; one
  // contract presented with worse terms is flagged as substitution.
  Status Arrival() {
    service::Registry& reg = kuwait_.registry();
    const domain::Actor officer = Officer(false);
    for (size_t i : {0, 1, 2, 10}) {
      RETURN_IF_ERROR(
          Check(reg.AuthenticateContract(officer, contracts_[i].id, std::nullopt).status(),
                "authentication"));
    }
    for (size_t i : {0, 1, 10}) {
      RETURN_IF_ERROR(Check(reg.IssuePermit(officer, contracts_[i].id).status(), "permits"));
    }
    domain::ContractTerms worse = contracts_[9].terms;
    worse.basic_wage = KWD("80");
    worse.hours_per_day = 12;
    worse.position = "Housemaid";
    // The flag opens a protection case in the same write; nobody assesses it in time, so the daily
    // job escalates it.
    return Check(reg.AuthenticateContract(officer, contracts_[9].id, worse).status(),
                 "the substitution");
  }

  // Life in Kuwait, lately: an amendment proposed, Ram's job change without his employer's
  // consent, the old employer's "absconding" report refused, Sita's notice of a visit home.
  Status LifeInKuwait(Date today) {
    service::Registry& reg = kuwait_.registry();
    domain::ContractTerms raise = contracts_[10].terms;
    raise.basic_wage = KWD("145");
    RETURN_IF_ERROR(Check(reg.ProposeAmendment(Employer(1, "demo-employer2"), contracts_[10].id,
                                               raise, "annual raise")
                              .status(),
                          "amendment"));
    // Ram's job change to the hotel: the hotel's offer, accepted, then filed by Ram.
    const domain::Actor sys = domain::SystemActor();
    domain::ContractTerms hotel = Terms(cast_, 1, 2, false);
    hotel.start_date = D("2027-01-15");
    ASSIGN_OR_RETURN(auto offer, reg.DraftContract(sys, hotel));
    RETURN_IF_ERROR(reg.OfferContract(sys, offer.id).status());
    RETURN_IF_ERROR(reg.AcceptContract(Worker(1, "demo-worker2"), offer.id).status());
    RETURN_IF_ERROR(
        Check(reg.FileTransfer(Worker(1, "demo-worker2"), contracts_[1].id, offer.id, "").status(),
              "job change"));
    // The old employer's "absconding" report after the job change: refused, and recorded.
    RETURN_IF_ERROR(reg.ReportAbsence(Employer(1, "demo-employer2"), contracts_[1].id, today,
                                      "did not come to work")
                        .status());
    return Check(reg.NotifyExit(Worker(0, "demo-worker"), cast_.workers[0].id,
                                domain::ExitKind::kReturning, today.AddDays(40), today.AddDays(70))
                     .status(),
                 "exit notice");
  }

  // Three months of payroll in Kuwait, in the extended format: the care company pays in full;
  // the construction company paid August in full, then paid Ram 100.000 of his 135.000 in
  // September and October (two months in arrears: his job change needs no notice, and Nepal is
  // told) and recovered a "recruitment fee" from his colleague's wage in October.
  Status Payroll() {
    const char* header =
        "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,"
        "food,transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
        "payment_channel,currency\n";
    struct Month {
      const char* month;
      const char* days;
      const char* paid_on;
    } months[] = {{"2026-08", "31", "2026-09-03"},
                  {"2026-09", "30", "2026-10-03"},
                  {"2026-10", "31", "2026-11-03"}};
    auto line = [&](size_t contract, const Month& m, const char* basic, const char* deductions) {
      const domain::ContractTerms& t = contracts_[contract].terms;
      const domain::Employer& e =
          t.employer == cast_.employers[0].id ? cast_.employers[0] : cast_.employers[1];
      return contracts_[contract].id.value() + "," + t.worker.value() + "," +
             e.registration_number + "," + m.month + "," + m.days + ",0," + basic +
             ",in_kind,15.000," +
             (t.transport.kind == domain::AllowanceKind::kInKind ? "in_kind" : "") + ",,0,0," +
             deductions + "," + m.paid_on + ",bank,KWD\n";
    };
    for (const Month& m : months) {
      RETURN_IF_ERROR(On(m.paid_on));
      const bool october = std::string_view(m.month) == "2026-10";
      const bool august = std::string_view(m.month) == "2026-08";
      const std::string care = header + line(0, m, "120.000", "");
      const std::string construction =
          header + line(1, m, august ? "135.000" : "100.000", "") +
          line(10, m, "135.000", october ? "recruitment_fee_recovery:20.000" : "");
      service::Submission s;
      s.month = m.month;
      s.name = std::string("payroll-") + m.month + ".csv";
      RETURN_IF_ERROR(Check(
          kuwait_.wages().SubmitFile(Employer(0, "demo-employer"), s, care).status(), "payroll"));
      // October's unlawful deduction opens Prakash's case in the same write.
      RETURN_IF_ERROR(
          Check(kuwait_.wages().SubmitFile(Employer(1, "demo-employer2"), s, construction).status(),
                "payroll"));
    }
    return Status::Ok();
  }

  // Kuwait's border: a national list, and Sita's and Ram's arrival through the airport. Ram's
  // name is close to a listed one with another date of birth: a hit for the officer to review.
  Status Watchlist() {
    const std::string list =
        "list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,"
        "document_number,document_country,reason\n"
        "KW-WANTED,D-1,person,Ram Bahadur Gurang,R. B. Gurang,1971,Nepal,M,,,,"
        "court warrant (synthetic demo entry)\n"
        "KW-LOST,D-2,document,,,,,,Passport,PA0999999,NPL,reported stolen (synthetic demo entry)\n";
    RETURN_IF_ERROR(Check(kuwait_.border()
                              .ImportLists(domain::SystemActor(), service::ListFormat::kCsv,
                                           {{"national-list.csv", list}})
                              .status(),
                          "watchlist"));
    return Status::Ok();
  }

  Status Crossings() {
    domain::Actor officer;
    officer.role = Role::kBorderOfficer;
    officer.country = "KWT";
    officer.account = "demo-border";
    for (size_t w : {0, 1}) {
      service::CrossingRequest r;
      r.direction = domain::Direction::kEntry;
      r.mrz = DemoPassportZone(cast_.workers[w]);
      r.port = "Kuwait International Airport";
      RETURN_IF_ERROR(Check(kuwait_.border().RecordCrossing(officer, r).status(), "crossings"));
    }
    return Status::Ok();
  }

  // One account for every role that works on each node.
  Status Accounts(Node& node, bool origin) {
    const domain::Actor sys = domain::SystemActor();
    auto password = [this]() {
      uint8_t b[9];
      rng_.Fill(b);
      return "demo-" + Base64UrlEncode(b);
    };
    std::optional<CentreId> centre;  // the orientation centre's staff account names it
    auto add = [&](const char* user, Role role, std::string country, std::optional<EmployerId> emp,
                   std::optional<AgencyId> ag, std::optional<WorkerId> w, const char* display,
                   const char* lang, const char* note) -> Status {
      domain::Account a;
      a.username = user;
      a.role = role;
      a.country = std::move(country);
      a.employer = std::move(emp);
      a.agency = std::move(ag);
      a.worker = std::move(w);
      if (role == Role::kOrientationCentre) a.centre = centre;
      a.display_name = display;
      a.language = lang;
      const std::string pw = password();
      auto created = node.accounts().Create(sys, a, pw);
      if (!created.ok()) return created.status().WithContext(std::string("account ") + user);
      staff_[std::string(origin ? "nepal/" : "kuwait/") + user] = domain::ToActor(*created);
      accounts_.push_back(
          {origin ? "nepal" : "kuwait", user, pw, std::string(ToString(role)), note});
      return Status::Ok();
    };
    const char* here = origin ? "NPL" : "KWT";
    const Cast& cast = cast_;
    RETURN_IF_ERROR(add("admin", Role::kAdministrator, here, {}, {}, {}, "Node administrator", "en",
                        "accounts and reference data"));
    if (origin) {
      RETURN_IF_ERROR(add("officer", Role::kOriginOfficer, "NPL", {}, {}, {},
                          "Department of Foreign Employment officer", "ne",
                          "attests contracts, licenses agencies"));
      RETURN_IF_ERROR(add("agency", Role::kAgency, "", {}, cast.agencies[0].id, {},
                          cast.agencies[0].name.c_str(), "ne", "places workers"));
      ASSIGN_OR_RETURN(centre, DemoOrientationCentre(node));
      RETURN_IF_ERROR(add("centre", Role::kOrientationCentre, "NPL", {}, {}, {},
                          "Kathmandu Pre-departure Orientation Centre", "ne",
                          "its orientation sessions and their attendees"));
    } else {
      RETURN_IF_ERROR(add("officer", Role::kDestinationOfficer, "KWT", {}, {}, {},
                          "Public Authority for Manpower officer", "ar",
                          "authenticates contracts, issues permits"));
      RETURN_IF_ERROR(add("embassy", Role::kEmbassy, "NPL", {}, {}, {},
                          "Embassy of Nepal, labour attaché", "en",
                          "sees Nepali nationals' contracts and cases"));
      RETURN_IF_ERROR(add("employer", Role::kEmployer, "", cast.employers[0].id, {}, {},
                          cast.employers[0].name.c_str(), "ar", "its own workers and contracts"));
      RETURN_IF_ERROR(add("employer2", Role::kEmployer, "", cast.employers[1].id, {}, {},
                          cast.employers[1].name.c_str(), "en", "its own workers and contracts"));
    }
    RETURN_IF_ERROR(add("worker", Role::kWorker, "", {}, {}, cast.workers[0].id,
                        "Sita Kumari Thapa", "ne", "her own contract, permit, wages"));
    RETURN_IF_ERROR(add("worker2", Role::kWorker, "", {}, {}, cast.workers[1].id,
                        "Ram Bahadur Gurung", "ne", "his own records"));
    RETURN_IF_ERROR(add("border", Role::kBorderOfficer, here, {}, {}, {}, "Border officer",
                        origin ? "ne" : "ar", "crossings and watchlist hits"));
    RETURN_IF_ERROR(add("investigator", Role::kInvestigator, here, {}, {}, {},
                        "Anti-trafficking investigator", "en", "cases assigned to them"));
    // Protection's staff (docs/formats/cases.md section 6): each node has its own unit.
    RETURN_IF_ERROR(add("casesupervisor", Role::kCaseSupervisor, here, {}, {}, {},
                        "Protection unit supervisor", "en",
                        "intake queue, assigns cases, watches deadlines"));
    RETURN_IF_ERROR(add("caseworker", Role::kCaseworker, here, {}, {}, {}, "Caseworker", "en",
                        "cases assigned to them"));
    RETURN_IF_ERROR(add("hotline", Role::kHotlineOperator, here, {}, {}, {}, "Hotline operator",
                        origin ? "ne" : "ar", "files complaints and tips for callers"));
    return add("analyst", Role::kAnalyst, here, {}, {}, {}, "Statistician", "en",
               "aggregates only");
  }

  // Complaints and cases in each state for protection's staff (app/demo_cases.cpp).
  Status Protection() {
    ProtectionScene scene;
    scene.staff = staff_;
    for (const auto& w : cast_.workers) scene.workers.push_back(w.id);
    for (const auto& e : cast_.employers) scene.employers.push_back(e.id);
    return SeedProtection(nepal_, kuwait_, scene);
  }

  Node& nepal_;
  Node& kuwait_;
  CatchUpClock& clock_;
  std::vector<DemoAccount>& accounts_;
  Rng& rng_;
  const Cast cast_;
  std::vector<domain::Contract> contracts_;
  std::map<std::string, domain::Actor> staff_;  // accounts made, by "<node>/<username>"
};

// Blocks until SIGINT or SIGTERM (blocked in every thread by BlockStopSignals).
void WaitForStopSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
}

}  // namespace

int RunDemo(const DemoOptions& o) {
  std::error_code ec;
  std::filesystem::create_directories(o.dir, ec);
  if (ec) return Fail("cannot create " + o.dir + ": " + ec.message());
  ::chmod(o.dir.c_str(), 0700);
  const std::string accounts_path = o.dir + "/demo-accounts.json";
  struct Side {
    const char* name;
    const char* country;
    const char* title;
    int port;
  } sides[] = {{"nepal", "NPL", "Nepal (country of origin)", o.origin_port},
               {"kuwait", "KWT", "Kuwait (country of work)", o.destination_port}};
  std::vector<DemoAccount> accounts;
  // A directory whose seeding did not finish has no accounts file: it is seeded again from
  // scratch rather than served half-made.
  const bool fresh = !std::filesystem::exists(accounts_path);
  // The corridor's story starts in June (declared before the nodes: it outlives them).
  CatchUpClock clock(Timestamp::FromMillis(1781510400000));  // 2026-06-15T08:00:00Z
  if (!fresh) clock.CatchUp();
  std::unique_ptr<Node> nodes[2];
  crypto::SodiumRng rng;
  for (int i = 0; i < 2; ++i) {
    const Side& s = sides[i];
    const std::string db = o.dir + "/" + s.name + ".db";
    if (fresh) {
      for (const char* suffix : {"", "-wal", "-shm", ".key"}) {
        std::filesystem::remove(db + suffix, ec);
      }
      InitOptions init{"sqlite:" + db, s.country, std::string("node-") + s.name, ""};
      if (RunInit(init) != 0) return 1;
    }
    NodeConfig c;
    c.store = "sqlite:" + db;
    c.listen = o.host + ":" + std::to_string(s.port);
    c.node_name = s.title;
    c.web_root = o.web_root;
    c.clock = &clock;
    auto node = Node::Open(c);
    if (!node.ok()) return Fail(std::string(s.name) + ": " + node.status().ToString());
    nodes[i] = std::move(*node);
  }
  // Both serve from here on: seeding needs them to deliver to each other.
  std::vector<std::thread> runners;
  for (auto& n : nodes) runners.emplace_back([node = n.get()] { node->Run(); });
  auto stop = [&]() {
    for (auto& n : nodes) n->Stop();
    for (auto& t : runners) t.join();
  };
  Status ready = PairNodes(*nodes[0], *nodes[1]);
  if (ready.ok() && fresh) ready = Seeder(*nodes[0], *nodes[1], clock, accounts, rng).Run();
  if (!ready.ok()) {
    stop();
    return Fail("seeding the demo: " + ready.ToString() + " " + ready.detail());
  }
  if (fresh) {
    json::Array list;
    for (const auto& a : accounts) {
      json::Object j;
      j.Set("node", a.node);
      j.Set("username", a.username);
      j.Set("password", a.password);
      j.Set("role", a.role);
      j.Set("note", a.note);
      list.push_back(std::move(j));
    }
    const std::string partial = accounts_path + ".partial";
    std::ofstream out(partial);
    out << json::WritePretty(json::Array(list)) << "\n";
    out.close();
    ::chmod(partial.c_str(), 0600);
    std::filesystem::rename(partial, accounts_path, ec);
    if (!out || ec) {
      stop();
      return Fail("cannot write " + accounts_path);
    }
  }
  // Print where to go and how to log in. The passwords are printed once, when they are made;
  // afterwards only where they are kept.
  std::ifstream in(accounts_path);
  std::stringstream text;
  text << in.rdbuf();
  auto saved = json::Parse(text.str());
  std::printf("\nCorridor demo corridor (data in %s)\n\n", o.dir.c_str());
  for (int i = 0; i < 2; ++i) {
    std::printf("  %-28s %s\n", sides[i].title, nodes[i]->base_url().c_str());
  }
  if (fresh) {
    std::printf("\nAccounts (also in %s):\n", accounts_path.c_str());
  } else {
    std::printf("\nAccounts (their passwords were shown when they were made; they are in %s):\n",
                accounts_path.c_str());
  }
  if (saved.ok() && saved->is_array()) {
    for (const auto& a : saved->AsArray()) {
      const std::string password = fresh ? a.Get("password")->AsString() + " " : "";
      std::printf("  %-7s %-15s %-20s %-*s%s\n", a.Get("node")->AsString().c_str(),
                  a.Get("username")->AsString().c_str(), a.Get("role")->AsString().c_str(),
                  fresh ? 23 : 0, password.c_str(), a.Get("note")->AsString().c_str());
    }
  }
  std::printf(
      "\nThe two nodes are federation peers: each step was taken on the node of the country it\n"
      "belongs to, and the other learnt of it through signed messages (officers: Federation).\n"
      "Press Ctrl-C to stop both nodes.\n\n");
  std::fflush(stdout);
  if (!o.seed_only) WaitForStopSignal();
  stop();
  if (!o.seed_only) std::printf("stopped\n");
  return 0;
}

}  // namespace corridor::app
