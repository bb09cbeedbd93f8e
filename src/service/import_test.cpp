#include "service/import.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "service/testing.hpp"

namespace corridor::service {
namespace {

using namespace service::testing;

class ImportTest : public ::testing::Test {
 protected:
  // Whatever a test wrote, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto node = store::testing::TestNode::Create("node-np", "NPL",
                                                 *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    node_ = std::move(*node);
    registry_ = std::make_unique<Registry>(*node_.store);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
  }

  Result<ImportReport> Run(ImportKind kind, const std::string& csv) {
    std::istringstream in(csv);
    return Import(*registry_, domain::SystemActor(), kind, in);
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

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
};

const char* kWorkersHeader =
    "family_name_latin,given_names_latin,name_native,date_of_birth,sex,nationality,"
    "passport_number,passport_issuing_state,passport_expiry,phone,preferred_language\n";

TEST_F(ImportTest, GoodFileImportsEveryRowWithItsEvent) {
  const uint64_t before = LedgerSize();
  auto r =
      Run(ImportKind::kWorkers,
          std::string(kWorkersHeader) +
              "THAPA,SITA,सीता थापा,1996-04-12,F,NPL,PA1234567,NPL,2031-03-01,+9779812345678,ne\n"
              "GURUNG,RAM BAHADUR,राम बहादुर गुरुङ,1990-01-30,M,NPL,PA7654321,NPL,2030-05-05,"
              "+9779800000001,ne\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->imported, 2u);
  EXPECT_EQ(LedgerSize(), before + 2);
}

TEST_F(ImportTest, EveryBadRowIsNamedAndNothingIsWritten) {
  const uint64_t before = LedgerSize();
  auto r = Run(ImportKind::kWorkers,
               std::string(kWorkersHeader) +
                   "THAPA,SITA,,1996-04-12,F,NPL,PA1234567,NPL,2031-03-01,+9779812345678,ne\n"
                   "GURUNG,RAM,,1990-13-30,M,NPL,PA7654321,NPL,2030-05-05,+9779800000001,ne\n"
                   "RAI,HARI,,1990-01-30,M,NPL,PA1234567,NPL,2030-05-05,+9779800000002,ne\n"
                   "LAMA,DAWA,,1990-01-30,Q,NPL,PA1111111,NPL,2030-05-05,+9779800000003,ne\n"
                   "TAMANG,PASANG,,1990-01-30,M,NPL,PA2222222,NPL,2030-05-05,+9779800000004\n"
                   "SHERPA,MINGMA,,1990-01-30,M,NPL,PA3333333,NPL,2030-05-05,+9779800000005,ne\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ok());
  EXPECT_EQ(r->rows, 6u);
  EXPECT_EQ(r->imported, 0u);
  ASSERT_EQ(r->bad_rows, 4u);
  EXPECT_EQ(r->errors[0].line, 3u);
  EXPECT_EQ(r->errors[0].field, "date_of_birth");
  EXPECT_EQ(r->errors[1].line, 4u);  // the passport of line 2, again
  EXPECT_EQ(r->errors[1].field, "passport_number");
  EXPECT_EQ(r->errors[2].line, 5u);
  EXPECT_EQ(r->errors[2].field, "sex");
  EXPECT_EQ(r->errors[3].line, 6u);
  EXPECT_NE(r->errors[3].message.find("fields"), std::string::npos);
  EXPECT_EQ(LedgerSize(), before);
  std::vector<domain::Worker> workers;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(workers, tx.ListWorkers({}, {}));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(workers.empty());
}

TEST_F(ImportTest, HeaderProblemsRefuseTheFile) {
  EXPECT_NE(Run(ImportKind::kWorkers, "family_name_latin,colour\n")
                .status()
                .message()
                .find("unknown column 'colour'"),
            std::string::npos);
  EXPECT_NE(Run(ImportKind::kWorkers, "family_name_latin\n").status().message().find("missing"),
            std::string::npos);
  EXPECT_FALSE(Run(ImportKind::kWorkers, "").ok());
  EXPECT_NE(Run(ImportKind::kWorkers, std::string(kWorkersHeader) + "\"open\n")
                .status()
                .message()
                .find("line 2"),
            std::string::npos);
}

TEST_F(ImportTest, ContractsNameTheirPartiesByNaturalKeys) {
  ASSERT_TRUE(Run(ImportKind::kWorkers,
                  std::string(kWorkersHeader) +
                      "THAPA,SITA,,1996-04-12,F,NPL,PA1234567,NPL,2031-03-01,+9779812345678,ne\n")
                  ->ok());
  ASSERT_TRUE(Run(ImportKind::kEmployers,
                  "registration_number,name,sector,establishment,country\n"
                  "KW-2020-55123,Gulf Care Services W.L.L.,domestic_work,\"Salmiya, Kuwait\",KWT\n")
                  ->ok());
  ASSERT_TRUE(Run(ImportKind::kAgencies,
                  "licence_number,name,country,status,licence_expiry\n"
                  "DOFE-1234/2075,Himal Manpower,NPL,active,2028-07-15\n")
                  ->ok());
  const std::string header =
      "worker_passport_issuing_state,worker_passport_number,employer_registration_number,"
      "agency_licence_number,origin_country,destination_country,position,isco_code,currency,"
      "basic_wage,housing_kind,food_kind,food_amount,hours_per_day,days_per_week,"
      "weekly_rest_day,overtime_percent,annual_leave_days,probation_months,start_date,"
      "duration_months,notice_period_days,place_of_work,accommodation,"
      "recruitment_fees_paid_by,travel_paid_by,repatriation_paid_by,worker_fees,languages,offer\n";
  auto bad = Run(ImportKind::kContracts,
                 header +
                     "NPL,PA9999999,KW-2020-55123,DOFE-1234/2075,NPL,KWT,Care worker,5322,KWD,"
                     "120,in_kind,cash,15,8,6,friday,125,30,3,2027-01-01,24,30,Salmiya,"
                     "provided_free,employer,employer,employer,0,ne en,yes\n"
                     "NPL,PA1234567,KW-2020-55123,DOFE-1234/2075,NPL,KWT,Care worker,5322,KWD,"
                     "120.0001,in_kind,cash,15,8,6,friday,125,30,3,2027-01-01,24,30,Salmiya,"
                     "provided_free,employer,employer,employer,0,ne en,yes\n");
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->bad_rows, 2u);
  EXPECT_EQ(bad->errors[0].field, "worker_passport_number");
  EXPECT_EQ(bad->errors[1].field, "basic_wage");
  auto good = Run(ImportKind::kContracts,
                  header +
                      "NPL,PA1234567,KW-2020-55123,DOFE-1234/2075,NPL,KWT,Care worker,5322,KWD,"
                      "120,in_kind,cash,15,8,6,friday,125,30,3,2027-01-01,24,30,Salmiya,"
                      "provided_free,employer,employer,employer,0,ne en,yes\n");
  ASSERT_TRUE(good.ok());
  ASSERT_TRUE(good->ok()) << good->errors[0].field << ": " << good->errors[0].message;
  std::vector<domain::Contract> contracts;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(contracts, tx.ListContracts({}, {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(contracts.size(), 1u);
  EXPECT_EQ(contracts[0].state, domain::ContractState::kOffered);
  EXPECT_EQ(contracts[0].terms.languages, (std::vector<std::string>{"ne", "en"}));
}

TEST_F(ImportTest, TheShippedIscoClassificationImports) {
  std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/data/reference/isco08.csv");
  ASSERT_TRUE(in);
  auto r = Import(*registry_, domain::SystemActor(), ImportKind::kOccupations, in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->imported, 436u);  // every ISCO-08 unit group
}

}  // namespace
}  // namespace corridor::service
