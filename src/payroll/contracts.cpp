#include "payroll/contracts.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "core/csv.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "payroll/amounts.hpp"

namespace corridor::payroll {

uint64_t HashId(std::string_view s) {
  // 8 bytes at a time, multiply-xorshift mixing (identifiers are short).
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (s.size() * 0xFF51AFD7ED558CCDULL);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0xFF51AFD7ED558CCDULL;
  h ^= h >> 32;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 29;
  return h;
}

int ContractRecord::DaysIn(const Month& m) const {
  const int32_t first = m.first_day().days_since_epoch();
  return DaysIn(first, first + m.days() - 1);
}

namespace {

Status CheckId(std::string_view value, std::string_view field) {
  Status s = CheckIdText(value);
  if (!s.ok()) return Status::InvalidArgument(s.message(), std::string(field));
  return Status::Ok();
}

}  // namespace

Status ContractBook::Add(const ContractTerms& t) {
  if (built_) return Status::FailedPrecondition("the contract book is already built");
  RETURN_IF_ERROR(CheckId(t.contract_id, "contract_id"));
  RETURN_IF_ERROR(CheckId(t.worker_id, "worker_id"));
  RETURN_IF_ERROR(CheckId(t.person_id, "person_id"));
  RETURN_IF_ERROR(CheckId(t.employer_id, "employer_id"));
  const auto exponent = CurrencyExponent(t.basic.currency);
  if (!exponent) return Status::InvalidArgument("unknown currency", "currency");
  struct Part {
    const Money* m;
    const char* field;
  };
  const Part parts[] = {{&t.basic, "basic"},
                        {&t.housing, "housing"},
                        {&t.food, "food"},
                        {&t.transport, "transport"},
                        {&t.other, "other_allowance"}};
  const int64_t max_minor = kMaxMajorUnits * 1000;
  for (const auto& p : parts) {
    if (p.m->currency != t.basic.currency) {
      return Status::InvalidArgument("must be in the contract's currency", p.field);
    }
    if (p.m->minor < 0 || p.m->minor > max_minor) {
      return Status::InvalidArgument("must be between 0 and 10^12", p.field);
    }
  }
  if (t.hours_per_day_centi <= 0 || t.hours_per_day_centi > 2400) {
    return Status::InvalidArgument("must be more than 0 and at most 24", "hours_per_day");
  }
  if (t.days_per_week < 1 || t.days_per_week > 7) {
    return Status::InvalidArgument("must be between 1 and 7", "days_per_week");
  }
  if (t.overtime_rate_milli < 1000 || t.overtime_rate_milli > 10000) {
    return Status::InvalidArgument("must be between 1 and 10", "overtime_rate");
  }
  if (t.payment_due_day < 1 || t.payment_due_day > 31) {
    return Status::InvalidArgument("must be between 1 and 31", "payment_due_day");
  }
  if (t.max_deduction_percent < 0 || t.max_deduction_percent > 100) {
    return Status::InvalidArgument("must be between 0 and 100", "max_deduction_percent");
  }
  if (t.end && *t.end < t.start) return Status::InvalidArgument("is before start", "end");
  if ((t.country.size() != 2 && t.country.size() != 3) || !IsAsciiUpper(t.country)) {
    return Status::InvalidArgument("must be an ISO 3166 alpha-2 or alpha-3 code", "country");
  }
  if (t.isco_code.empty() || t.isco_code.size() > 8 || !IsAsciiDigits(t.isco_code)) {
    return Status::InvalidArgument("must be an ISCO-08 code (digits)", "isco_code");
  }
  if (records_.size() >= kNoContract - 1) {
    return Status::ResourceExhausted("too many contracts in one book");
  }

  ContractRecord r;
  r.basic = t.basic.minor;
  r.allowances = t.housing.minor + t.food.minor + t.transport.minor + t.other.minor;
  r.start = t.start.days_since_epoch();
  if (t.end) r.end = t.end->days_since_epoch();
  r.days_per_week = static_cast<uint8_t>(t.days_per_week);
  r.due_day = static_cast<uint8_t>(t.payment_due_day);
  r.max_deduction_percent = static_cast<uint8_t>(t.max_deduction_percent);
  r.hours_per_day_centi = static_cast<uint16_t>(t.hours_per_day_centi);
  r.overtime_rate_milli = static_cast<uint16_t>(t.overtime_rate_milli);
  const std::string_view ids[3] = {t.contract_id, t.worker_id, t.person_id};
  for (int k = 0; k < 3; ++k) {
    r.id_offset[k] = static_cast<uint32_t>(arena_.size());
    r.id_size[k] = static_cast<uint8_t>(ids[k].size());
    arena_.append(ids[k]);
  }
  if (arena_.size() > std::numeric_limits<uint32_t>::max()) {
    return Status::ResourceExhausted("contract identifiers exceed the book's capacity");
  }
  // Registries list contracts employer by employer: the previous employer is the likely one.
  if (employers_.empty() || employers_[last_employer_] != t.employer_id) {
    auto [emp, inserted] =
        employer_index_.try_emplace(t.employer_id, static_cast<uint32_t>(employers_.size()));
    if (inserted) employers_.push_back(t.employer_id);
    last_employer_ = emp->second;
  }
  r.employer = last_employer_;
  auto cur = std::find(currencies_.begin(), currencies_.end(), t.basic.currency);
  if (cur == currencies_.end()) {
    currencies_.push_back(t.basic.currency);
    exponents_.push_back(*exponent);
    cur = currencies_.end() - 1;
  }
  r.currency = static_cast<uint8_t>(cur - currencies_.begin());
  if (floor_keys_.empty() ||
      floor_keys_[last_floor_key_].size() != t.country.size() + 1 + t.isco_code.size() ||
      floor_keys_[last_floor_key_].compare(0, 2, t.country) != 0 ||
      floor_keys_[last_floor_key_].compare(3, std::string::npos, t.isco_code) != 0) {
    std::string key = t.country + "|" + t.isco_code;
    auto [fk, fresh] = floor_key_index_.try_emplace(key, static_cast<uint32_t>(floor_keys_.size()));
    if (fresh) floor_keys_.push_back(key);
    last_floor_key_ = fk->second;
  }
  floor_key_.push_back(last_floor_key_);
  records_.push_back(r);
  return Status::Ok();
}

Status ContractBook::AddFloor(const WageFloor& f) {
  if (built_) return Status::FailedPrecondition("the contract book is already built");
  if ((f.country.size() != 2 && f.country.size() != 3) || !IsAsciiUpper(f.country)) {
    return Status::InvalidArgument("must be an ISO 3166 alpha-2 or alpha-3 code", "country");
  }
  if (f.isco_code != "*" && (f.isco_code.empty() || !IsAsciiDigits(f.isco_code))) {
    return Status::InvalidArgument("must be an ISCO-08 code or *", "isco_code");
  }
  if (!CurrencyExponent(f.amount.currency)) {
    return Status::InvalidArgument("unknown currency", "currency");
  }
  if (f.amount.minor < 0) return Status::InvalidArgument("must not be negative", "amount");
  if (!floors_.try_emplace(f.country + "|" + f.isco_code, f.amount).second) {
    return Status::AlreadyExists("a floor for " + f.country + " " + f.isco_code + " is given twice",
                                 "isco_code");
  }
  return Status::Ok();
}

uint32_t ContractBook::BuildIndex(Index& index, int which, bool chain_person, bool chain_worker) {
  size_t cap = 16;
  while (cap < records_.size() * 2) cap <<= 1;
  index.slots = {};
  index.slots.reserve(cap);
#ifdef __linux__
  // A hint only: an index of millions of slots is probed at random, once per payroll line, and
  // huge pages spare most of the TLB misses. Nothing depends on it being honoured.
  {
    const auto begin = reinterpret_cast<uintptr_t>(index.slots.data());
    const uintptr_t huge = uintptr_t{2} << 20;
    const uintptr_t from = (begin + huge - 1) & ~(huge - 1);
    const uintptr_t to = (begin + cap * sizeof(uint64_t)) & ~(huge - 1);
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
  }
#endif
  index.slots.assign(cap, 0);
  index.mask = cap - 1;
  // Newest first so that chains end up in the order contracts were added.
  for (size_t n = records_.size(); n-- > 0;) {
    const auto i = static_cast<uint32_t>(n);
    const std::string_view key = Id(i, which);
    const uint64_t h = HashId(key);
    uint64_t pos = h & index.mask;
    for (;;) {
      uint64_t& slot = index.slots[pos];
      if (slot == 0) {
        slot = (h & 0xFFFFFFFF00000000ULL) | (static_cast<uint64_t>(i) + 1);
        break;
      }
      const auto other = static_cast<uint32_t>((slot & 0xFFFFFFFFULL) - 1);
      if ((slot >> 32) == (h >> 32) && Id(other, which) == key) {
        if (!chain_person && !chain_worker) return i;  // a unique index: a repeated key
        // Same key: the newer-added record becomes the chain's head.
        if (chain_person) records_[i].next_of_person = other;
        if (chain_worker) records_[i].next_of_worker = other;
        slot = (h & 0xFFFFFFFF00000000ULL) | (static_cast<uint64_t>(i) + 1);
        break;
      }
      pos = (pos + 1) & index.mask;
    }
  }
  return kNoContract;
}

uint32_t ContractBook::Lookup(const Index& index, int which, std::string_view key) const {
  if (index.slots.empty()) return kNoContract;
  const uint64_t h = HashId(key);
  uint64_t pos = h & index.mask;
  for (;;) {
    const uint64_t slot = index.slots[pos];
    if (slot == 0) return kNoContract;
    if ((slot >> 32) == (h >> 32)) {
      const auto i = static_cast<uint32_t>((slot & 0xFFFFFFFFULL) - 1);
      if (Id(i, which) == key) return i;
    }
    pos = (pos + 1) & index.mask;
  }
}

Status ContractBook::Build() {
  if (built_) return Status::FailedPrecondition("the contract book is already built");
  const uint32_t repeated = BuildIndex(by_contract_, 0, false, false);
  if (repeated != kNoContract) {
    return Status::AlreadyExists(
        "contract " + std::string(contract_id(repeated)) + " is given twice", "contract_id");
  }
  BuildIndex(by_person_, 2, true, false);
  BuildIndex(by_worker_, 1, false, true);
  // Resolve floors once per (country, occupation).
  std::vector<const Money*> resolved(floor_keys_.size(), nullptr);
  for (size_t k = 0; k < floor_keys_.size(); ++k) {
    auto it = floors_.find(floor_keys_[k]);
    if (it == floors_.end()) it = floors_.find(floor_keys_[k].substr(0, 2) + "|*");
    if (it != floors_.end()) resolved[k] = &it->second;
  }
  for (uint32_t i = 0; i < records_.size(); ++i) {
    const Money* f = resolved[floor_key_[i]];
    if (f == nullptr) continue;
    if (f->currency != currencies_[records_[i].currency]) {
      return Status::InvalidArgument("the wage floor for contract " + std::string(contract_id(i)) +
                                         " is in " + f->currency + ", the contract in " +
                                         currencies_[records_[i].currency],
                                     "currency");
    }
    records_[i].floor = f->minor;
  }
  floor_key_ = {};
  built_ = true;
  return Status::Ok();
}

uint32_t ContractBook::FindContract(std::string_view id) const {
  return Lookup(by_contract_, 0, id);
}
void ContractBook::PrefetchContract(std::string_view id) const {
  if (by_contract_.slots.empty()) return;
  __builtin_prefetch(&by_contract_.slots[HashId(id) & by_contract_.mask]);
}

uint32_t ContractBook::FirstOfPerson(std::string_view id) const {
  return Lookup(by_person_, 2, id);
}
uint32_t ContractBook::FirstOfWorker(std::string_view id) const {
  return Lookup(by_worker_, 1, id);
}

uint32_t ContractBook::FindEmployer(std::string_view employer_id) const {
  auto it = employer_index_.find(std::string(employer_id));
  return it == employer_index_.end() ? kNoContract : it->second;
}

namespace {

Status LineError(uint64_t line, std::string_view field, std::string_view what) {
  return Status::InvalidArgument(
      "line " + std::to_string(line) + ": " + std::string(field) + ": " + std::string(what),
      std::string(field));
}

}  // namespace

Status LoadContractsCsv(std::istream& in, ContractBook& book) {
  CsvReader reader(in, CsvReader::Options{.skip_comment_lines = true});
  std::vector<std::string> row;
  ASSIGN_OR_RETURN(bool any, reader.Next(row));
  if (!any) return Status::InvalidArgument("line 1: the header row is missing");
  ASSIGN_OR_RETURN(
      CsvHeader h,
      CsvHeader::From(row,
                      {"contract_id", "worker_id", "person_id", "employer_id", "country",
                       "isco_code", "currency", "basic", "housing", "food", "transport",
                       "other_allowance", "hours_per_day", "days_per_week", "overtime_rate",
                       "start", "end", "payment_due_day", "max_deduction_percent"},
                      {}));
  // Column positions once, not a search by name for every field of every row.
  std::unordered_map<std::string, size_t> position;
  for (size_t i = 0; i < row.size(); ++i) position.emplace(std::string(TrimAscii(row[i])), i);
  const size_t p_contract = position.at("contract_id"), p_worker = position.at("worker_id"),
               p_person = position.at("person_id"), p_employer = position.at("employer_id"),
               p_country = position.at("country"), p_isco = position.at("isco_code"),
               p_currency = position.at("currency"), p_hours = position.at("hours_per_day"),
               p_days = position.at("days_per_week"), p_rate = position.at("overtime_rate"),
               p_start = position.at("start"), p_end = position.at("end"),
               p_due = position.at("payment_due_day"), p_cap = position.at("max_deduction_percent");
  const size_t p_amount[] = {position.at("basic"), position.at("housing"), position.at("food"),
                             position.at("transport"), position.at("other_allowance")};
  ContractTerms t;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) return Status::Ok();
    const uint64_t line = reader.record_line();
    if (row.size() != h.size()) return LineError(line, "row", "wrong number of fields");
    auto get = [&row](size_t i) { return TrimAscii(row[i]); };
    t.end.reset();
    t.contract_id = get(p_contract);
    t.worker_id = get(p_worker);
    t.person_id = get(p_person);
    t.employer_id = get(p_employer);
    t.country = get(p_country);
    t.isco_code = get(p_isco);
    const std::string currency(get(p_currency));
    const auto exponent = CurrencyExponent(currency);
    if (!exponent) return LineError(line, "currency", "unknown currency");
    Money* amounts[] = {&t.basic, &t.housing, &t.food, &t.transport, &t.other};
    const char* names[] = {"basic", "housing", "food", "transport", "other_allowance"};
    for (int k = 0; k < 5; ++k) {
      amounts[k]->currency = currency;
      if (!ParseFixed(get(p_amount[k]), *exponent, &amounts[k]->minor)) {
        return LineError(line, names[k], "must be an amount");
      }
    }
    int64_t v = 0;
    if (!ParseFixed(get(p_hours), 2, &v) || v > 2400) {
      return LineError(line, "hours_per_day", "must be hours with at most 2 decimals");
    }
    t.hours_per_day_centi = static_cast<int>(v);
    if (!ParseCount(get(p_days), 1, &v)) {
      return LineError(line, "days_per_week", "must be a number of days");
    }
    t.days_per_week = static_cast<int>(v);
    if (!ParseFixed(get(p_rate), 3, &v) || v > 10000) {
      return LineError(line, "overtime_rate", "must be a factor with at most 3 decimals");
    }
    t.overtime_rate_milli = static_cast<int>(v);
    auto start = Date::Parse(get(p_start));
    if (!start.ok()) return LineError(line, "start", start.status().message());
    t.start = *start;
    if (!get(p_end).empty()) {
      auto end = Date::Parse(get(p_end));
      if (!end.ok()) return LineError(line, "end", end.status().message());
      t.end = *end;
    }
    if (!ParseCount(get(p_due), 2, &v)) {
      return LineError(line, "payment_due_day", "must be a day of the month");
    }
    t.payment_due_day = static_cast<int>(v);
    if (!ParseCount(get(p_cap), 3, &v)) {
      return LineError(line, "max_deduction_percent", "must be a whole percent");
    }
    t.max_deduction_percent = static_cast<int>(v);
    Status s = book.Add(t);
    if (!s.ok()) return LineError(line, s.field().empty() ? "row" : s.field(), s.message());
  }
}

Status LoadFloorsCsv(std::istream& in, ContractBook& book) {
  CsvReader reader(in, CsvReader::Options{.skip_comment_lines = true});
  std::vector<std::string> row;
  ASSIGN_OR_RETURN(bool any, reader.Next(row));
  if (!any) return Status::InvalidArgument("line 1: the header row is missing");
  ASSIGN_OR_RETURN(CsvHeader h,
                   CsvHeader::From(row, {"country", "isco_code", "currency", "amount"}, {}));
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) return Status::Ok();
    const uint64_t line = reader.record_line();
    if (row.size() != h.size()) return LineError(line, "row", "wrong number of fields");
    WageFloor f;
    f.country = h.Get(row, "country");
    f.isco_code = h.Get(row, "isco_code");
    auto amount = Money::Parse(h.Get(row, "amount"), h.Get(row, "currency"));
    if (!amount.ok()) return LineError(line, "amount", amount.status().message());
    f.amount = *amount;
    Status s = book.AddFloor(f);
    if (!s.ok()) return LineError(line, s.field().empty() ? "row" : s.field(), s.message());
  }
}

}  // namespace corridor::payroll
