// Departures at the origin's border (docs/border.md, "Departure clearance"): a Nepali node's
// border officer records a worker leaving for work in Kuwait and is shown her departure
// clearance, or that it is missing, expired or revoked.
#include "domain/departure.hpp"

#include <gtest/gtest.h>

#include "codec/codec.hpp"
#include "service/border.hpp"
#include "service/border_queries.hpp"
#include "service/border_testing.hpp"
#include "service/clearance.hpp"
#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Direction;
using domain::Role;
using domain::testing::D;
using namespace service::testing;

// A Nepali node on 2026-11-29: a licensed agency, a Kuwaiti employer, Sita (a Nepali worker) and
// her contract for work in Kuwait, accepted; a national watchlist; an origin officer and a
// border officer at Tribhuvan International.
class DepartureTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto n = store::testing::TestNode::Create("node-npl", "NPL",
                                              *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(n.ok()) << n.status().ToString() << " " << n.status().detail();
    node_ = std::move(*n);
    registry_ = std::make_unique<Registry>(*node_.store);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    auto rules = BuiltInClearanceRequirements();
    ASSERT_TRUE(rules.ok());
    clearances_ = std::make_unique<Clearances>(*node_.store, ClearanceConfig{*rules});
    border_ =
        std::make_unique<Border>(*node_.store, screening::NameKnowledge::Default(), BorderConfig{});
    access_ = std::make_unique<AccessLog>(*node_.store, 10);
    queries_ = std::make_unique<BorderQueries>(*node_.store, *access_);

    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    employer_ = registry_->RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    agency_ = registry_->RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    worker_ = registry_->RegisterWorker(officer_, w)->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_;
    t.employer = employer_;
    t.agency = agency_;
    auto c = registry_->DraftContract(AgencyActor(agency_), t);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    contract_ = c->id;
    ASSERT_TRUE(registry_->OfferContract(AgencyActor(agency_), contract_).ok());
    ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker_), contract_).ok());

    ASSERT_TRUE(
        border_
            ->ImportLists(sys, ListFormat::kCsv,
                          {{"national.csv", std::string(kListHeader) +
                                                "NP-WANTED,17,person,Ram Bahadur Thapa,,1980-03-04,"
                                                "Nepal,M,,,,court warrant 2024/17\n"}})
            .ok());
    ASSERT_TRUE(border_->LoadIndex().ok());
  }

  // Attests the contract and records what Nepal requires.
  void AttestWithEvidence() {
    ASSERT_TRUE(registry_->AttestContract(officer_, contract_).ok());
    domain::OrientationCompletion o;
    o.centre = "Kathmandu Orientation Centre";
    o.completed_on = D("2026-11-20");
    ASSERT_TRUE(clearances_->RecordOrientation(officer_, worker_, o).ok());
    domain::MedicalFitness m;
    m.centre = "Norvic Medical Centre";
    m.examined_on = D("2026-11-25");
    m.outcome = domain::MedicalOutcome::kFit;
    ASSERT_TRUE(clearances_->RecordMedical(officer_, worker_, m).ok());
    domain::InsurancePolicy p;
    p.insurer = "Himalayan Life";
    p.policy_number = "HL-2026-0042";
    p.cover_from = D("2026-12-01");
    p.cover_until = D("2029-01-31");
    p.sum_insured = *Money::Parse("2500000", "NPR");
    ASSERT_TRUE(clearances_->RecordInsurance(officer_, contract_, p).ok());
  }

  domain::Clearance IssueClearance() {
    AttestWithEvidence();
    auto issued = clearances_->Issue(officer_, contract_);
    EXPECT_TRUE(issued.ok() && issued->clearance) << issued.status().ToString();
    return issued.ok() && issued->clearance ? *issued->clearance : domain::Clearance{};
  }

  Result<CrossingOutcome> Depart(const std::string& zone = SitasPassport()) {
    CrossingRequest r;
    r.direction = Direction::kExit;
    r.mrz = zone;
    r.port = "KTM Tribhuvan International";
    return border_->RecordCrossing(border_officer_, r);
  }

  static std::string SitasPassport() {
    return Td3("NPL", "THAPA", "SITA KUMARI", "PA1234567", "NPL", "960412", 'F', "310301");
  }

  // The departure clearance findings of the crossing, by code.
  static std::vector<std::string> ClearanceFindings(const domain::Crossing& c) {
    std::vector<std::string> out;
    for (const auto& f : c.findings) {
      if (f.code.rfind("departure_clearance", 0) == 0) out.push_back(f.code);
    }
    return out;
  }

  static const domain::Finding* Find(const domain::Crossing& c, std::string_view code) {
    for (const auto& f : c.findings) {
      if (f.code == code) return &f;
    }
    return nullptr;
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  // The findings the crossing's ledger event carries.
  std::vector<std::string> LedgerFindings(const domain::CrossingId& id) {
    std::vector<std::string> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto events, tx.History(id.value(), 10));
                      for (const auto& e : events) {
                        const json::Value* data = e.Get("data");
                        const json::Value* findings = data ? data->Get("findings") : nullptr;
                        if (findings == nullptr || !findings->is_array()) continue;
                        for (const auto& f : findings->AsArray()) {
                          const json::Value* code = f.Get("code");
                          if (code && code->is_string()) out.push_back(code->AsString());
                        }
                      }
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Clearances> clearances_;
  std::unique_ptr<Border> border_;
  std::unique_ptr<AccessLog> access_;
  std::unique_ptr<BorderQueries> queries_;
  domain::Actor officer_ = Officer(Role::kOriginOfficer, "NPL", "U-np-officer");
  domain::Actor border_officer_ = Officer(Role::kBorderOfficer, "NPL", "U-np-border");
  EmployerId employer_;
  AgencyId agency_;
  WorkerId worker_;
  ContractId contract_;
};

TEST_F(DepartureTest, AValidClearanceIsShownToTheOfficer) {
  const domain::Clearance k = IssueClearance();
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(ClearanceFindings(out->crossing),
            std::vector<std::string>{std::string(domain::kDepartureClearanceValid)});
  const domain::Finding* f = Find(out->crossing, domain::kDepartureClearanceValid);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->subject, k.id.value());
  EXPECT_NE(f->message.find(k.valid_until.ToString()), std::string::npos) << f->message;
  EXPECT_EQ(LedgerFindings(out->crossing.id), [&] {
    std::vector<std::string> codes;
    for (const auto& x : out->crossing.findings) codes.push_back(x.code);
    return codes;
  }());
}

TEST_F(DepartureTest, AnAttestedContractWithoutAClearanceIsMissing) {
  AttestWithEvidence();
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(ClearanceFindings(out->crossing),
            std::vector<std::string>{std::string(domain::kDepartureClearanceMissing)});
  const domain::Finding* f = Find(out->crossing, domain::kDepartureClearanceMissing);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->subject, contract_.value());
  EXPECT_EQ(out->crossing.worker, worker_);
  // The crossing is recorded all the same (no exit permit exists) and its event keeps the finding.
  const auto codes = LedgerFindings(out->crossing.id);
  EXPECT_NE(std::find(codes.begin(), codes.end(), domain::kDepartureClearanceMissing), codes.end());
}

TEST_F(DepartureTest, AClearancePastItsLastDayIsExpired) {
  const domain::Clearance k = IssueClearance();
  node_.clock->Set(*Timestamp::Parse(k.valid_until.AddDays(1).ToString() + "T09:00:00Z"));
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(ClearanceFindings(out->crossing),
            std::vector<std::string>{std::string(domain::kDepartureClearanceExpired)});
  EXPECT_EQ(Find(out->crossing, domain::kDepartureClearanceExpired)->subject, k.id.value());
}

TEST_F(DepartureTest, ARevokedClearanceIsShownRevokedWithItsReason) {
  const domain::Clearance k = IssueClearance();
  ASSERT_TRUE(clearances_
                  ->Revoke(officer_, k.id, domain::RevocationReason::kAgencyLicenceRevoked,
                           "licence DOFE-1234/2075 revoked")
                  .ok());
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(ClearanceFindings(out->crossing),
            std::vector<std::string>{std::string(domain::kDepartureClearanceRevoked)});
  const domain::Finding* f = Find(out->crossing, domain::kDepartureClearanceRevoked);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("agency_licence_revoked"), std::string::npos) << f->message;
}

TEST_F(DepartureTest, ATravellerNotBoundForWorkHasNoClearanceFinding) {
  // The contract is accepted but not attested: not yet bound for work.
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(ClearanceFindings(out->crossing).empty());
  // A traveller the registry does not know.
  auto stranger = Depart(Td3("NPL", "GURUNG", "HARI", "PA7777777", "NPL", "880101", 'M', "300101"));
  ASSERT_TRUE(stranger.ok()) << stranger.status().ToString();
  EXPECT_TRUE(ClearanceFindings(stranger->crossing).empty());
  // Arriving is not departing, even with an attested contract and no clearance.
  AttestWithEvidence();
  CrossingRequest r;
  r.direction = Direction::kEntry;
  r.mrz = SitasPassport();
  r.port = "KTM Tribhuvan International";
  auto entry = border_->RecordCrossing(border_officer_, r);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_TRUE(ClearanceFindings(entry->crossing).empty());
}

// The origin holds copies of the permits its workers hold abroad (sent by the destination): a
// permit for work in Kuwait authorises no stay in Nepal, so a worker home again is never an
// overstayer when her Kuwaiti permit ends, whatever Nepal's rules.
TEST_F(DepartureTest, APermitHeldAsACopyAuthorisesNoStayAtTheOrigin) {
  ASSERT_TRUE(node_.store
                  ->Write("system",
                          [&](store::WriteTx& tx) -> Status {
                            domain::Permit copy{NewId<PermitId>(tx.rng()),
                                                worker_,
                                                contract_,
                                                employer_,
                                                D("2026-12-01"),
                                                D("2027-01-01"),
                                                domain::PermitStatus::kActive,
                                                "",
                                                domain::MakePersonNumber(7),
                                                std::nullopt};
                            RETURN_IF_ERROR(tx.InsertPermit(copy));
                            return tx.Record(domain::EventType::kPermitIssued, copy.id.value(),
                                             codec::ToJson(copy));
                          })
                  .ok());
  CrossingRequest r;
  r.direction = Direction::kEntry;
  r.mrz = SitasPassport();
  r.port = "KTM Tribhuvan International";
  ASSERT_TRUE(border_->RecordCrossing(border_officer_, r).ok());
  auto report = border_->DetectOverstays(D("2027-06-01"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->flagged.empty());
  EXPECT_EQ(report->without_basis, 1u);
  node_.clock->Set(*Timestamp::Parse("2027-06-01T08:00:00Z"));
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(out->crossing, "overstay"), nullptr);
}

TEST_F(DepartureTest, BadInputAtADepartureWritesNothing) {
  AttestWithEvidence();
  const uint64_t before = LedgerSize();
  std::string zone = SitasPassport();
  zone[zone.size() - 1] = zone.back() == '0' ? '1' : '0';  // a wrong composite check digit
  auto bad = Depart(zone);
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "mrz");
  CrossingRequest no_port;
  no_port.direction = Direction::kExit;
  no_port.mrz = SitasPassport();
  EXPECT_EQ(border_->RecordCrossing(border_officer_, no_port).status().field(), "port");
  EXPECT_EQ(LedgerSize(), before);
  // Only the node's border officers record departures.
  for (const domain::Actor& a :
       {officer_, Officer(Role::kBorderOfficer, "KWT", "U-kw-border"), WorkerActor(worker_),
        AgencyActor(agency_), Officer(Role::kAdministrator, "NPL", "U-admin")}) {
    CrossingRequest r;
    r.direction = Direction::kExit;
    r.mrz = SitasPassport();
    r.port = "KTM Tribhuvan International";
    EXPECT_EQ(border_->RecordCrossing(a, r).status().code(), Code::kPermissionDenied)
        << ToString(a.role);
  }
  EXPECT_EQ(LedgerSize(), before);
}

TEST_F(DepartureTest, OnlyTheBorderAndTheWorkerHerselfSeeTheDeparture) {
  AttestWithEvidence();
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const domain::CrossingId id = out->crossing.id;
  auto seen = queries_->Crossing(border_officer_, id);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_NE(Find(*seen, domain::kDepartureClearanceMissing), nullptr);
  auto listed = queries_->Crossings(border_officer_, {worker_.value(), "", "", {"", 50}});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_NE(Find(listed->items.front(), domain::kDepartureClearanceMissing), nullptr);
  // The worker sees her own crossing (the API cuts the findings: http/api_border.cpp).
  EXPECT_TRUE(queries_->Crossing(WorkerActor(worker_), id).ok());
  const domain::Actor others[] = {
      officer_,
      Officer(Role::kDestinationOfficer, "KWT", "U-kw-officer"),
      Officer(Role::kEmbassy, "NPL", "U-embassy"),
      Officer(Role::kBorderOfficer, "KWT", "U-kw-border"),
      Officer(Role::kAdministrator, "NPL", "U-admin"),
      Officer(Role::kInvestigator, "NPL", "U-investigator"),
      Officer(Role::kAnalyst, "NPL", "U-analyst"),
      Officer(Role::kCaseworker, "NPL", "U-caseworker"),
      Officer(Role::kCaseSupervisor, "NPL", "U-supervisor"),
      Officer(Role::kHotlineOperator, "NPL", "U-hotline"),
      EmployerActor(employer_),
      AgencyActor(agency_),
      WorkerActor(WorkerId("W-someone-else")),
  };
  for (const auto& a : others) {
    EXPECT_EQ(queries_->Crossing(a, id).status().code(), Code::kNotFound) << ToString(a.role);
    auto list = queries_->Crossings(a, {worker_.value(), "", "", {"", 50}});
    EXPECT_TRUE(!list.ok() || list->items.empty()) << ToString(a.role);
  }
}

TEST_F(DepartureTest, ANationalLeavingHomeNeedsNoPermitNorARecordedEntry) {
  // Sita is Nepali, at Nepal's border: her first exit follows no entry and she holds no permit,
  // and neither is a finding; that she is a national is.
  IssueClearance();
  auto out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NE(Find(out->crossing, "national"), nullptr);
  EXPECT_EQ(Find(out->crossing, "no_recorded_entry"), nullptr);
  EXPECT_EQ(Find(out->crossing, "no_permit"), nullptr);
  EXPECT_NE(Find(out->crossing, domain::kDepartureClearanceValid), nullptr);
  // A second exit with no entry between is a gap in the record, national or not.
  out = Depart();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NE(Find(out->crossing, "no_recorded_entry"), nullptr);
  // A foreigner leaving Nepal with no recorded entry is a finding, as before.
  out = Depart(Td3("IND", "SHARMA", "ANIL", "Z1234567", "IND", "900101", 'M', "330101"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(out->crossing, "national"), nullptr);
  EXPECT_NE(Find(out->crossing, "no_recorded_entry"), nullptr);
}

}  // namespace
}  // namespace corridor::service
