// The contract book: the registered contracts a month's payroll is held to, and the wage floors.
//
// These are the engine's own input types; the node fills them from its registry (see
// docs/formats/payroll.md, section 3, for the CSV form the tests and benchmarks load). The book
// is built once (Add..., then Build) and is read-only afterwards: lookups by contract id, by
// person id (the id in SIF lines) and by worker id allocate nothing. Memory is one compact record
// per contract plus three open-addressing indexes.
//
// Thread-safety: Add/Build on one thread; after Build, any number of threads may read.
#pragma once

#include <cstdint>
#include <istream>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/money.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "payroll/month.hpp"

namespace corridor::payroll {

struct ContractTerms {
  std::string contract_id;
  std::string worker_id;    // Corridor's worker id (extended files name it)
  std::string person_id;    // the destination's person id (SIF EDR lines name it)
  std::string employer_id;  // as the employer's files carry it (SIF: 13-digit establishment id)
  std::string country;      // destination country, ISO 3166 alpha-2 or alpha-3 (the node's
                            // registry writes alpha-3), to find the wage floor
  std::string isco_code;    // occupation, ISCO-08, to find the wage floor
  Money basic;              // monthly basic wage
  Money housing, food, transport, other;  // monthly allowances promised in cash
  int hours_per_day_centi = 800;          // 8.00 hours
  int days_per_week = 6;
  int overtime_rate_milli = 1250;  // 1.25
  Date start;
  std::optional<Date> end;  // nullopt: open-ended
  int payment_due_day = 7;  // day of the following month by which the wage is due
  int max_deduction_percent = 50;
};

struct WageFloor {
  std::string country;
  std::string isco_code;  // "*": every occupation without a floor of its own
  Money amount;           // monthly minimum basic wage
};

inline constexpr uint32_t kNoContract = std::numeric_limits<uint32_t>::max();

// A contract as the engine reads it: fixed size, amounts in minor units of `currency`.
struct ContractRecord {
  int64_t basic = 0;
  int64_t allowances = 0;  // housing + food + transport + other
  int64_t floor = -1;      // monthly wage floor, -1 when none applies
  int32_t start = 0;       // days since 1970-01-01
  int32_t end = std::numeric_limits<int32_t>::max();
  uint32_t employer = 0;  // index into the book's employer ids
  uint32_t next_of_person = kNoContract;
  uint32_t next_of_worker = kNoContract;
  uint32_t id_offset[3] = {0, 0, 0};  // contract, worker, person ids in the book's arena
  uint8_t id_size[3] = {0, 0, 0};
  uint8_t currency = 0;  // index into the book's currencies
  uint8_t days_per_week = 6;
  uint8_t due_day = 7;
  uint8_t max_deduction_percent = 50;
  uint16_t hours_per_day_centi = 800;
  uint16_t overtime_rate_milli = 1250;

  // Days of `m` inside the contract's term (0 when not active in m).
  int DaysIn(const Month& m) const;
  // The same for the days [first, last] (days since 1970-01-01), without calendar arithmetic.
  int DaysIn(int32_t first, int32_t last) const {
    const int32_t from = first > start ? first : start;
    const int32_t to = last < end ? last : end;
    return to < from ? 0 : to - from + 1;
  }
};

class ContractBook {
 public:
  ContractBook() = default;
  ContractBook(const ContractBook&) = delete;
  ContractBook& operator=(const ContractBook&) = delete;
  ContractBook(ContractBook&&) = default;
  ContractBook& operator=(ContractBook&&) = default;

  // Checks and stores one contract; the error names the field.
  Status Add(const ContractTerms& terms);
  Status AddFloor(const WageFloor& floor);
  // Builds the indexes and resolves each contract's floor; refuses a repeated contract id and a
  // floor in another currency than a contract it applies to.
  Status Build();
  bool built() const { return built_; }
  size_t size() const { return records_.size(); }

  uint32_t FindContract(std::string_view contract_id) const;
  // A hint that FindContract(contract_id) follows soon: starts loading its index slot, so that a
  // caller reading ahead overlaps the memory access with other work. Changes nothing.
  void PrefetchContract(std::string_view contract_id) const;
  uint32_t FirstOfPerson(std::string_view person_id) const;
  uint32_t FirstOfWorker(std::string_view worker_id) const;

  const ContractRecord& record(uint32_t i) const { return records_[i]; }
  std::string_view contract_id(uint32_t i) const { return Id(i, 0); }
  std::string_view worker_id(uint32_t i) const { return Id(i, 1); }
  std::string_view person_id(uint32_t i) const { return Id(i, 2); }
  std::string_view employer_id(uint32_t i) const { return employers_[records_[i].employer]; }
  std::string_view currency(uint32_t i) const { return currencies_[records_[i].currency]; }
  int exponent(uint32_t i) const { return exponents_[records_[i].currency]; }
  // The employer index for an id, or kNoContract when no contract names that employer.
  uint32_t FindEmployer(std::string_view employer_id) const;

 private:
  struct Index {
    std::vector<uint64_t> slots;  // (hash high 32 bits << 32) | (record + 1); 0 = empty
    uint64_t mask = 0;
  };
  std::string_view Id(uint32_t i, int which) const {
    const auto& r = records_[i];
    return std::string_view(arena_).substr(r.id_offset[which], r.id_size[which]);
  }
  // Fills `index`; for a unique index (no chaining) returns a record whose key repeats, if any.
  uint32_t BuildIndex(Index& index, int which, bool chain_person, bool chain_worker);
  uint32_t Lookup(const Index& index, int which, std::string_view key) const;

  std::vector<ContractRecord> records_;
  std::vector<uint32_t> floor_key_;  // per record, index into floor_keys_ (build time)
  std::string arena_;
  std::vector<std::string> employers_;
  std::unordered_map<std::string, uint32_t> employer_index_;
  uint32_t last_employer_ = 0;
  uint32_t last_floor_key_ = 0;
  std::vector<std::string> currencies_;
  std::vector<int> exponents_;
  std::unordered_map<std::string, uint32_t> floor_key_index_;  // "country|isco"
  std::vector<std::string> floor_keys_;
  std::unordered_map<std::string, Money> floors_;  // "country|isco" -> amount
  Index by_contract_, by_person_, by_worker_;
  bool built_ = false;
};

// Reads docs/formats/payroll.md section 3 `contracts.csv` into `book` (not built yet).
Status LoadContractsCsv(std::istream& in, ContractBook& book);
// Reads `floors.csv` into `book`.
Status LoadFloorsCsv(std::istream& in, ContractBook& book);

// A hash of short identifiers (64-bit, good spread); shared by the book and the sessions.
uint64_t HashId(std::string_view s);

}  // namespace corridor::payroll
