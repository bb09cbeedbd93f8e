#include "service/integrity.hpp"

#include "core/encoding.hpp"
#include "core/log.hpp"
#include "domain/events.hpp"
#include "service/notifier.hpp"

namespace corridor::service {
namespace {

constexpr size_t kRememberedAlarms = 4096;

std::string_view TableOf(AlarmedRecord kind) {
  switch (kind) {
    case AlarmedRecord::kContract:
      return "contracts";
    case AlarmedRecord::kClearance:
      return "clearances";
    case AlarmedRecord::kCertificate:
      return "training_certificates";
  }
  return "contracts";
}

}  // namespace

std::string_view ToString(AlarmedRecord r) {
  switch (r) {
    case AlarmedRecord::kContract:
      return "contract";
    case AlarmedRecord::kClearance:
      return "clearance";
    case AlarmedRecord::kCertificate:
      return "certificate";
  }
  return "contract";
}

void IntegrityAlarms::Raise(std::string_view request_id, AlarmedRecord kind, std::string_view id,
                            const std::string& problem, const crypto::Digest& observed) {
  CounterOf(kind).fetch_add(1, std::memory_order_relaxed);
  const std::string_view table = TableOf(kind);
  const std::string hash = HexEncode(observed);
  log::Error("integrity.alarm", {{"request", request_id},
                                 {"table", table},
                                 {"record", id},
                                 {"observed_sha256", hash},
                                 {"problem", problem}});
  const std::string key = std::string(table) + " " + std::string(id) + " " + hash;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (recorded_.count(key) > 0) return;  // this process has recorded this one already
  }
  // Once per record and document, in the ledger and for the administrators; a second node
  // process, or a restart, finds the notification and records nothing more.
  Status s = store_.Write("system", [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto earlier,
                     tx.NotificationsAbout(AdministratorRecipient(), "integrity.alarm", id));
    for (const auto& n : earlier) {
      const json::Value* seen = n.data.Get("observed_sha256");
      if (seen != nullptr && seen->is_string() && seen->AsString() == hash) return Status::Ok();
    }
    json::Object data;
    data.Set("table", std::string(table));
    data.Set("record", std::string(id));
    data.Set("observed_sha256", hash);
    data.Set("problem", problem);
    const json::Value value(std::move(data));
    RETURN_IF_ERROR(tx.Record(domain::EventType::kIntegrityAlarmRaised, id, value));
    return Notify(tx, AdministratorRecipient(), "integrity.alarm", id, value);
  });
  if (!s.ok()) {
    log::Error("integrity.alarm_not_recorded",
               {{"request", request_id}, {"record", id}, {"error", s.ToString()}});
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (recorded_.size() >= kRememberedAlarms) recorded_.clear();
  recorded_.insert(key);
}

std::atomic<uint64_t>& IntegrityAlarms::CounterOf(AlarmedRecord kind) {
  switch (kind) {
    case AlarmedRecord::kContract:
      return contracts_;
    case AlarmedRecord::kClearance:
      return clearances_;
    case AlarmedRecord::kCertificate:
      return certificates_;
  }
  return contracts_;
}

uint64_t IntegrityAlarms::Raised(AlarmedRecord kind) const {
  switch (kind) {
    case AlarmedRecord::kContract:
      return contracts_.load(std::memory_order_relaxed);
    case AlarmedRecord::kClearance:
      return clearances_.load(std::memory_order_relaxed);
    case AlarmedRecord::kCertificate:
      return certificates_.load(std::memory_order_relaxed);
  }
  return 0;
}

}  // namespace corridor::service
