// The integrity alarm: a stored record found to disagree with the ledger where the node serves
// it (store/record_check.hpp; docs/formats/ledger.md §7). Raising it
//   - counts it (Raised(), exported as corridor_integrity_alarms_total{record="contract"}),
//   - logs it (core/log.hpp, event integrity.alarm: the request, the table, the record's id and
//     what disagrees; no value of the record),
//   - and once per record and stored document, records `integrity.alarm_raised` in the ledger and
//     notifies the administrators (recipient "administrator"), in one write: the alarm itself is
//     then part of the signed history, and an administrator sees it in the notifications.
// The caller refuses to present the record as it is stored; the alarm never changes the record.
//
// Thread-safety: Raise may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The kinds of record the alarm is raised for: the metric's label takes only these values.
enum class AlarmedRecord { kContract, kClearance, kCertificate };
std::string_view ToString(AlarmedRecord r);

class IntegrityAlarms {
 public:
  explicit IntegrityAlarms(store::Store& store) : store_(store) {}

  // `id` of `kind` was read as the document whose hash is `observed` and disagrees with the ledger
  // (`problem`: record_check's wording, no values), while serving request `request_id`.
  void Raise(std::string_view request_id, AlarmedRecord kind, std::string_view id,
             const std::string& problem, const crypto::Digest& observed);
  uint64_t Raised(AlarmedRecord kind) const;

 private:
  std::atomic<uint64_t>& CounterOf(AlarmedRecord kind);
  store::Store& store_;
  std::atomic<uint64_t> contracts_{0};
  std::atomic<uint64_t> clearances_{0};
  std::atomic<uint64_t> certificates_{0};
  std::mutex mu_;
  std::set<std::string, std::less<>> recorded_;  // "table id hash" recorded by this process
};

}  // namespace corridor::service
