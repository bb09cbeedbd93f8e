#include "store/clearance_store.hpp"

#include <gtest/gtest.h>

#include "domain/events.hpp"
#include "domain/testing.hpp"
#include "store/testing.hpp"

namespace corridor::store {
namespace {

using domain::testing::D;

class ClearanceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n =
        testing::TestNode::Create("node-NPL", "NPL", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(n.ok()) << n.status().ToString() << " " << n.status().detail();
    node_ = std::move(*n);
  }

  // The records `fn` writes, then an event that carries them (a write that records no event after
  // its records is refused: store/documents.hpp).
  Status Write(const std::function<Status(WriteTx&)>& fn) {
    return node_.store->Write("U-np", [&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(fn(tx));
      return tx.Record(domain::EventType::kClearanceIssued, "CL-test", json::Object());
    });
  }

  template <typename T>
  T Read(const std::function<Result<T>(ReadTx&)>& fn) {
    std::optional<T> out;
    Status s = node_.store->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, fn(tx));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out ? std::move(*out) : T{};
  }

  static domain::Clearance Clearance(const std::string& id, const std::string& contract) {
    domain::Clearance c;
    c.id = domain::ClearanceId(id);
    c.contract = ContractId(contract);
    c.worker = WorkerId("W-1");
    c.origin_country = "NPL";
    c.destination_country = "KWT";
    c.contract_digest = std::string(64, 'c');
    c.passport = domain::PassportRef{"PA1234567", "NPL"};
    c.issued_on = D("2026-11-29");
    c.valid_until = D("2027-02-27");
    c.issued_by = "U-np";
    c.evidence = domain::ClearanceEvidence{};
    return c;
  }

  testing::TestNode node_;
};

TEST_F(ClearanceStoreTest, LatestFirstByDateThenByRecording) {
  const WorkerId w("W-1");
  auto orientation = [&](const char* id, const char* on) {
    return domain::OrientationCompletion{
        domain::OrientationId(id), w, "Centre", D(on), "U-np", node_.clock->Now(), std::nullopt};
  };
  auto medical = [&](const char* id, const char* on, domain::MedicalOutcome o) {
    return domain::MedicalFitness{domain::MedicalRecordId(id), w, "Centre", D(on), o, "U-np",
                                  node_.clock->Now()};
  };
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                RETURN_IF_ERROR(InsertOrientation(tx, orientation("OC-b", "2026-10-01")));
                RETURN_IF_ERROR(InsertOrientation(tx, orientation("OC-a", "2026-11-01")));
                RETURN_IF_ERROR(InsertOrientation(tx, orientation("OC-c", "2026-09-01")));
                RETURN_IF_ERROR(
                    InsertMedical(tx, medical("MF-z", "2026-11-02", domain::MedicalOutcome::kFit)));
                // Recorded later for the same day: it is the latest.
                return InsertMedical(tx,
                                     medical("MF-a", "2026-11-02", domain::MedicalOutcome::kUnfit));
              }).ok());
  auto o = Read<std::vector<domain::OrientationCompletion>>(
      [&](ReadTx& tx) { return ListOrientations(tx, w); });
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[0].id.value(), "OC-a");
  EXPECT_EQ(o[1].id.value(), "OC-b");
  EXPECT_EQ(o[2].id.value(), "OC-c");
  EXPECT_EQ(o[0], orientation("OC-a", "2026-11-01"));
  auto m =
      Read<std::vector<domain::MedicalFitness>>([&](ReadTx& tx) { return ListMedical(tx, w); });
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].id.value(), "MF-a");
  EXPECT_EQ(m[0].outcome, domain::MedicalOutcome::kUnfit);
  EXPECT_TRUE(Read<std::vector<domain::MedicalFitness>>([&](ReadTx& tx) {
                return ListMedical(tx, WorkerId("W-2"));
              }).empty());
}

TEST_F(ClearanceStoreTest, PoliciesByContract) {
  auto policy = [&](const char* id, const char* contract) {
    return domain::InsurancePolicy{domain::InsurancePolicyId(id),
                                   ContractId(contract),
                                   WorkerId("W-1"),
                                   "Insurer",
                                   id,
                                   D("2026-12-01"),
                                   D("2029-01-01"),
                                   *Money::Parse("2000000", "NPR"),
                                   "U-np",
                                   node_.clock->Now()};
  };
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                RETURN_IF_ERROR(InsertInsurance(tx, policy("IP-1", "C-1")));
                RETURN_IF_ERROR(InsertInsurance(tx, policy("IP-2", "C-2")));
                return InsertInsurance(tx, policy("IP-0", "C-1"));
              }).ok());
  auto p = Read<std::vector<domain::InsurancePolicy>>(
      [&](ReadTx& tx) { return ListInsurance(tx, ContractId("C-1")); });
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], policy("IP-0", "C-1"));
  EXPECT_EQ(p[1].id.value(), "IP-1");
}

TEST_F(ClearanceStoreTest, ClearancesByIdContractPassportAndScope) {
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                RETURN_IF_ERROR(InsertClearance(tx, Clearance("DC-2", "C-1")));
                domain::Clearance other = Clearance("DC-3", "C-9");
                other.destination_country = "QAT";
                other.passport = domain::PassportRef{"PB999", "NPL"};
                return InsertClearance(tx, other);
              }).ok());
  // The same id twice is refused, and the transaction stays usable.
  ASSERT_TRUE(
      Write([&](WriteTx& tx) -> Status {
        EXPECT_EQ(InsertClearance(tx, Clearance("DC-2", "C-1")).code(), Code::kAlreadyExists);
        ASSIGN_OR_RETURN(domain::Clearance c, GetClearance(tx, domain::ClearanceId("DC-2")));
        EXPECT_TRUE(domain::Revoke(c, domain::RevocationReason::kIssuedInError, "error", "U-np",
                                   D("2026-11-30"))
                        .ok());
        RETURN_IF_ERROR(UpdateClearance(tx, c));
        return InsertClearance(tx, Clearance("DC-1", "C-1"));
      }).ok());
  auto got = Read<domain::Clearance>(
      [&](ReadTx& tx) { return GetClearance(tx, domain::ClearanceId("DC-2")); });
  EXPECT_EQ(got.state, domain::ClearanceState::kRevoked);
  EXPECT_TRUE(node_.store
                  ->Read([&](ReadTx& tx) {
                    EXPECT_EQ(GetClearance(tx, domain::ClearanceId("DC-9")).status().code(),
                              Code::kNotFound);
                    return Status::Ok();
                  })
                  .ok());
  // The latest for the contract is the one stored last, whatever its id.
  auto latest = Read<std::optional<domain::Clearance>>(
      [&](ReadTx& tx) { return LatestClearanceForContract(tx, ContractId("C-1")); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->id.value(), "DC-1");
  auto by_passport = Read<std::optional<domain::Clearance>>(
      [&](ReadTx& tx) { return LatestClearanceForPassport(tx, "NPL", "PB999"); });
  ASSERT_TRUE(by_passport);
  EXPECT_EQ(by_passport->id.value(), "DC-3");
  EXPECT_FALSE(Read<std::optional<domain::Clearance>>(
      [&](ReadTx& tx) { return LatestClearanceForPassport(tx, "PHL", "PB999"); }));
  EXPECT_FALSE(Read<std::optional<domain::Clearance>>(
      [&](ReadTx& tx) { return LatestClearanceForContract(tx, ContractId("C-2")); }));

  ClearanceFilter to_kuwait;
  to_kuwait.destination_country = "KWT";
  auto list = Read<std::vector<domain::Clearance>>([&](ReadTx& tx) {
    return ListClearances(tx, to_kuwait, Page{"", 10});
  });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id.value(), "DC-1");
  EXPECT_EQ(list[1].id.value(), "DC-2");
  auto page2 = Read<std::vector<domain::Clearance>>([&](ReadTx& tx) {
    return ListClearances(tx, to_kuwait, Page{"DC-1", 10});
  });
  ASSERT_EQ(page2.size(), 1u);
  ClearanceFilter by_contract;
  by_contract.contract = ContractId("C-9");
  EXPECT_EQ(Read<std::vector<domain::Clearance>>([&](ReadTx& tx) {
              return ListClearances(tx, by_contract, Page{"", 10});
            }).size(),
            1u);
}

}  // namespace
}  // namespace corridor::store
