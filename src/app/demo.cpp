#include "app/demo.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/commands.hpp"
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

// The same corridor as seen by one node: origin steps are the origin officer's on the Nepali
// node and the system's (standing in for the peer) on the Kuwaiti one, and the other way round.
Status Seed(Node& node, bool origin, std::vector<DemoAccount>& accounts, Rng& rng) {
  service::Registry& reg = node.registry();
  const domain::Actor sys = domain::SystemActor();
  const Cast cast = MakeCast();
  // Reference data.
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
  RETURN_IF_ERROR(Check(reg.SetCountryRules(sys, kwt), "labour rules"));
  RETURN_IF_ERROR(Check(reg.SetWageFloor(sys, {"KWT", "", KWD("75"), D("2017-01-01")}), "floors"));
  RETURN_IF_ERROR(
      Check(reg.SetWageFloor(sys, {"KWT", "5322", KWD("100"), D("2024-01-01")}), "floors"));
  for (const auto& e : cast.employers)
    RETURN_IF_ERROR(Check(reg.RegisterEmployer(sys, e).status(), "employers"));
  for (const auto& a : cast.agencies)
    RETURN_IF_ERROR(Check(reg.RegisterAgency(sys, a).status(), "agencies"));
  for (const auto& w : cast.workers)
    RETURN_IF_ERROR(Check(reg.RegisterWorker(sys, w).status(), "workers"));

  // Accounts: one for every role that works on this node.
  auto password = [&rng]() {
    uint8_t b[9];
    rng.Fill(b);
    return "demo-" + Base64UrlEncode(b);
  };
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
    a.display_name = display;
    a.language = lang;
    const std::string pw = password();
    auto created = node.accounts().Create(sys, a, pw);
    if (!created.ok()) return created.status().WithContext(std::string("account ") + user);
    accounts.push_back({origin ? "nepal" : "kuwait", user, pw, std::string(ToString(role)), note});
    return Status::Ok();
  };
  const char* here = origin ? "NPL" : "KWT";
  RETURN_IF_ERROR(add("admin", Role::kAdministrator, here, {}, {}, {}, "Node administrator", "en",
                      "accounts and reference data"));
  if (origin) {
    RETURN_IF_ERROR(add("officer", Role::kOriginOfficer, "NPL", {}, {}, {},
                        "Department of Foreign Employment officer", "ne",
                        "attests contracts, licenses agencies"));
    RETURN_IF_ERROR(add("agency", Role::kAgency, "", {}, cast.agencies[0].id, {},
                        cast.agencies[0].name.c_str(), "ne", "places workers"));
  } else {
    RETURN_IF_ERROR(add("officer", Role::kDestinationOfficer, "KWT", {}, {}, {},
                        "Public Authority for Manpower officer", "ar",
                        "authenticates contracts, issues permits"));
    RETURN_IF_ERROR(add("embassy", Role::kEmbassy, "NPL", {}, {}, {},
                        "Embassy of Nepal, labour attaché", "en",
                        "sees Nepali nationals' contracts"));
    RETURN_IF_ERROR(add("employer", Role::kEmployer, "", cast.employers[0].id, {}, {},
                        cast.employers[0].name.c_str(), "ar", "its own workers and contracts"));
    RETURN_IF_ERROR(add("employer2", Role::kEmployer, "", cast.employers[1].id, {}, {},
                        cast.employers[1].name.c_str(), "en", "its own workers and contracts"));
  }
  RETURN_IF_ERROR(add("worker", Role::kWorker, "", {}, {}, cast.workers[0].id, "Sita Kumari Thapa",
                      "ne", "her own contract, permit, wages"));
  RETURN_IF_ERROR(add("worker2", Role::kWorker, "", {}, {}, cast.workers[1].id,
                      "Ram Bahadur Gurung", "ne", "his own records"));
  RETURN_IF_ERROR(add("border", Role::kBorderOfficer, here, {}, {}, {}, "Border officer",
                      origin ? "ne" : "ar", "crossings and watchlist hits"));
  RETURN_IF_ERROR(add("investigator", Role::kInvestigator, here, {}, {}, {},
                      "Anti-trafficking investigator", "en", "cases assigned to them"));
  RETURN_IF_ERROR(
      add("analyst", Role::kAnalyst, here, {}, {}, {}, "Statistician", "en", "aggregates only"));

  // Contracts in every state. The actor of each step is the party the law gives it to on this
  // node, and the system (standing in for the other country) for the other side's steps.
  domain::Actor officer;
  officer.role = origin ? Role::kOriginOfficer : Role::kDestinationOfficer;
  officer.country = here;
  officer.account = "demo-officer";
  const domain::Actor attester = origin ? officer : sys;
  const domain::Actor authenticator = origin ? sys : officer;
  auto draft = [&](size_t w, size_t e, bool agency) {
    return reg.DraftContract(sys, Terms(cast, w, e, agency));
  };

  // 0: active (Sita with the care company), 1: active (Ram, construction) with a filed job change
  // to the hotel (9 accepted the hotel's offer), 2: authenticated, 3: attested, 4: accepted,
  // 5: offered, 6: rejected, 7: draft, 8: withdrawn, 10: attested then substituted on arrival,
  // 11: active with a pending amendment.
  std::vector<domain::Contract> c;
  const size_t plan[][3] = {{0, 0, 1}, {1, 1, 1}, {2, 0, 1}, {3, 1, 1},  {4, 2, 1}, {5, 2, 0},
                            {6, 0, 1}, {7, 1, 0}, {8, 2, 0}, {10, 0, 1}, {11, 1, 1}};
  for (const auto& p : plan) {
    ASSIGN_OR_RETURN(auto ct, draft(p[0], p[1], p[2] != 0));
    c.push_back(ct);
  }
  auto walk = [&](const domain::Contract& ct, int steps) -> Status {
    if (steps >= 1) RETURN_IF_ERROR(reg.OfferContract(sys, ct.id).status());
    if (steps >= 2) RETURN_IF_ERROR(reg.AcceptContract(sys, ct.id).status());
    if (steps >= 3) RETURN_IF_ERROR(reg.AttestContract(attester, ct.id).status());
    if (steps >= 4)
      RETURN_IF_ERROR(reg.AuthenticateContract(authenticator, ct.id, std::nullopt).status());
    if (steps >= 5) RETURN_IF_ERROR(reg.IssuePermit(authenticator, ct.id).status());
    return Status::Ok();
  };
  RETURN_IF_ERROR(Check(walk(c[0], 5), "active contract"));
  RETURN_IF_ERROR(Check(walk(c[1], 5), "active contract"));
  RETURN_IF_ERROR(Check(walk(c[2], 4), "authenticated contract"));
  RETURN_IF_ERROR(Check(walk(c[3], 3), "attested contract"));
  RETURN_IF_ERROR(Check(walk(c[4], 2), "accepted contract"));
  RETURN_IF_ERROR(Check(walk(c[5], 1), "offered contract"));
  RETURN_IF_ERROR(Check(walk(c[6], 1), "rejected contract"));
  RETURN_IF_ERROR(
      reg.RejectContract(sys, c[6].id, "the wage is lower than the job order promised").status());
  RETURN_IF_ERROR(Check(walk(c[8], 1), "withdrawn contract"));
  RETURN_IF_ERROR(reg.WithdrawContract(sys, c[8].id).status());
  RETURN_IF_ERROR(Check(walk(c[9], 3), "substituted contract"));
  domain::ContractTerms worse = c[9].terms;
  worse.basic_wage = KWD("80");
  worse.hours_per_day = 12;
  worse.position = "Housemaid";
  RETURN_IF_ERROR(reg.AuthenticateContract(authenticator, c[9].id, worse).status());
  RETURN_IF_ERROR(Check(walk(c[10], 5), "amended contract"));
  domain::ContractTerms raise = c[10].terms;
  raise.basic_wage = KWD("145");
  RETURN_IF_ERROR(reg.ProposeAmendment(sys, c[10].id, raise, "annual raise").status());
  // Ram's job change to the hotel: the hotel's offer, accepted, then filed by Ram.
  domain::ContractTerms hotel = Terms(cast, 1, 2, false);
  hotel.start_date = D("2027-01-15");
  ASSIGN_OR_RETURN(auto offer, reg.DraftContract(sys, hotel));
  RETURN_IF_ERROR(reg.OfferContract(sys, offer.id).status());
  RETURN_IF_ERROR(reg.AcceptContract(sys, offer.id).status());
  domain::Actor ram;
  ram.role = Role::kWorker;
  ram.worker = cast.workers[1].id;
  ram.account = "demo-worker2";
  RETURN_IF_ERROR(Check(reg.FileTransfer(ram, c[1].id, offer.id, "").status(), "job change"));
  // The old employer's "absconding" report after the job change: refused, and recorded.
  domain::Actor employer2;
  employer2.role = Role::kEmployer;
  employer2.employer = cast.employers[1].id;
  employer2.account = "demo-employer2";
  RETURN_IF_ERROR(reg.ReportAbsence(employer2, c[1].id, node.store().clock().Now().date(),
                                    "did not come to work")
                      .status());
  // Sita's returning exit notice.
  domain::Actor sita;
  sita.role = Role::kWorker;
  sita.worker = cast.workers[0].id;
  sita.account = "demo-worker";
  const Date today = node.store().clock().Now().date();
  RETURN_IF_ERROR(Check(reg.NotifyExit(sita, sita.worker.value(), domain::ExitKind::kReturning,
                                       today.AddDays(40), today.AddDays(70))
                            .status(),
                        "exit notice"));
  return Status::Ok();
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
    bool origin;
  } sides[] = {{"nepal", "NPL", "Nepal (country of origin)", o.origin_port, true},
               {"kuwait", "KWT", "Kuwait (country of work)", o.destination_port, false}};
  std::vector<DemoAccount> accounts;
  const bool fresh = !std::filesystem::exists(o.dir + "/nepal.db");
  std::unique_ptr<Node> nodes[2];
  crypto::SodiumRng rng;
  for (int i = 0; i < 2; ++i) {
    const Side& s = sides[i];
    const std::string db = o.dir + "/" + s.name + ".db";
    if (fresh) {
      InitOptions init{"sqlite:" + db, s.country, std::string("node-") + s.name, ""};
      if (RunInit(init) != 0) return 1;
    }
    NodeConfig c;
    c.store = "sqlite:" + db;
    c.listen = o.host + ":" + std::to_string(s.port);
    c.node_name = s.title;
    c.web_root = o.web_root;
    auto node = Node::Open(c);
    if (!node.ok()) return Fail(std::string(s.name) + ": " + node.status().ToString());
    nodes[i] = std::move(*node);
    if (fresh) {
      Status seeded = Seed(*nodes[i], s.origin, accounts, rng);
      if (!seeded.ok())
        return Fail(std::string(s.name) + ": " + seeded.ToString() + " " + seeded.detail());
    }
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
    std::ofstream out(accounts_path);
    out << json::WritePretty(json::Array(list)) << "\n";
    out.close();
    ::chmod(accounts_path.c_str(), 0600);
  }
  // Print where to go and how to log in.
  std::ifstream in(accounts_path);
  std::stringstream text;
  text << in.rdbuf();
  auto saved = json::Parse(text.str());
  std::printf("\nCorridor demo corridor (data in %s)\n\n", o.dir.c_str());
  for (int i = 0; i < 2; ++i) {
    std::printf("  %-28s %s\n", sides[i].title, nodes[i]->base_url().c_str());
  }
  std::printf("\nAccounts (also in %s):\n", accounts_path.c_str());
  if (saved.ok() && saved->is_array()) {
    for (const auto& a : saved->AsArray()) {
      std::printf("  %-7s %-13s %-20s %-22s %s\n", a.Get("node")->AsString().c_str(),
                  a.Get("username")->AsString().c_str(), a.Get("role")->AsString().c_str(),
                  a.Get("password")->AsString().c_str(), a.Get("note")->AsString().c_str());
    }
  }
  std::printf(
      "\nUntil federation joins them, each node holds the corridor's records itself; the\n"
      "other country's steps were recorded by the node's system account.\n"
      "Press Ctrl-C to stop both nodes.\n\n");
  std::fflush(stdout);
  if (o.seed_only) return 0;
  RunUntilSignal({nodes[0].get(), nodes[1].get()});
  std::printf("stopped\n");
  return 0;
}

}  // namespace corridor::app
