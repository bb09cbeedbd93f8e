#include "service/permits.hpp"

#include <vector>

#include "codec/codec.hpp"
#include "core/log.hpp"
#include "domain/actions.hpp"
#include "domain/contract.hpp"
#include "domain/events.hpp"
#include "domain/mobility.hpp"
#include "service/contract_events.hpp"
#include "service/notifier.hpp"

namespace corridor::service {
namespace {

using domain::Permit;
using domain::PermitStatus;

// What a notification about a permit carries: ids, its state and its end; nothing personal.
json::Value PermitNote(const Permit& p) {
  json::Object note;
  note.Set("permit", p.id.value());
  note.Set("contract", p.contract.value());
  note.Set("status", std::string(ToString(p.status)));
  note.Set("valid_until", p.valid_until.ToString());
  return note;
}

Status NotifyParties(store::WriteTx& tx, const Permit& p, std::string_view type) {
  const json::Value note = PermitNote(p);
  RETURN_IF_ERROR(Notify(tx, WorkerRecipient(p.worker), type, p.id.value(), note));
  return Notify(tx, EmployerRecipient(p.employer), type, p.id.value(), note);
}

}  // namespace

Result<int> PermitMaxMonths(store::ReadTx& tx, const std::string& country) {
  ASSIGN_OR_RETURN(auto rules, tx.FindCountryRules(country));
  return rules ? rules->permit_max_months : 0;
}

Status FollowContractTermIn(store::WriteTx& tx, const domain::Contract& c,
                            const domain::ContractTerms& terms, bool check_only) {
  ASSIGN_OR_RETURN(auto permit, tx.ActivePermitForContract(c.id));
  if (!permit) return Status::Ok();
  const Permit before = *permit;
  ASSIGN_OR_RETURN(const int max_months, PermitMaxMonths(tx, c.terms.destination_country));
  ASSIGN_OR_RETURN(bool changed,
                   domain::FollowContractTerm(*permit, terms, tx.now().date(), max_months));
  if (!changed || check_only) return Status::Ok();
  RETURN_IF_ERROR(tx.UpdatePermit(*permit));
  json::Value data = codec::ToJson(*permit);
  data.AsObject().Set("previous_valid_from", before.valid_from.ToString());
  data.AsObject().Set("previous_valid_until", before.valid_until.ToString());
  data.AsObject().Set("contract_version", c.version);
  RETURN_IF_ERROR(
      tx.Record(domain::EventType::kPermitAmended, permit->id.value(), std::move(data)));
  return NotifyParties(tx, *permit, "permit.amended");
}

Result<std::string> CompleteFinalExitIn(store::WriteTx& tx, const WorkerId& worker,
                                        const std::string& exit, const std::string& country) {
  const Date today = tx.now().date();
  ASSIGN_OR_RETURN(auto notices, tx.ListExitNotices(worker, {"", 1000}));
  const auto notice = domain::FinalExitCompleted(notices, today);
  if (!notice) return std::string();
  store::ContractFilter f;
  f.worker = worker;
  f.state = domain::ContractState::kActive;
  ASSIGN_OR_RETURN(auto active, tx.ListContracts(f, {"", 100}));
  std::string said;
  for (domain::Contract& c : active) {
    // The origin holds copies of the destination's contracts; only the destination ends them.
    if (c.terms.destination_country != country) continue;
    RETURN_IF_ERROR(domain::End(c, domain::EndReason::kFinalExit, today));
    RETURN_IF_ERROR(tx.UpdateContract(c));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kContractEnded, c.id.value(), ContractEventData(c)));
    said += (said.empty() ? "" : "; ") + std::string("contract ") + c.id.value() + " ended";
    ASSIGN_OR_RETURN(auto permit, tx.ActivePermitForContract(c.id));
    if (!permit) continue;
    RETURN_IF_ERROR(domain::CancelPermit(
        *permit, "final exit " + exit + " (exit notice " + notice->id.value() + ")"));
    RETURN_IF_ERROR(tx.UpdatePermit(*permit));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kPermitCancelled, permit->id.value(), codec::ToJson(*permit)));
    RETURN_IF_ERROR(NotifyParties(tx, *permit, "permit.cancelled"));
    said += ", permit " + permit->id.value() + " cancelled";
  }
  if (said.empty()) return said;
  return "the worker's final exit (notice " + notice->id.value() + "): " + said;
}

Status PermitsConfig::Validate() const {
  if (expiry_notice_days < 0 || expiry_notice_days > 365) {
    return Status::InvalidArgument("must be 0 to 365", "permit_expiry_notice_days");
  }
  return Status::Ok();
}

Permits::Permits(store::Store& store, PermitsConfig config) : store_(store), config_(config) {}

Result<Permit> Permits::Renew(const domain::Actor& a, const PermitId& id, Date end) {
  Permit p;
  const domain::NodeContext node{store_.identity().country};
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    auto loaded = tx.GetPermit(id);
    if (!loaded.ok()) {
      return loaded.status().code() == Code::kNotFound
                 ? Status::NotFound("permit " + id.value() + " does not exist")
                 : loaded.status();
    }
    p = std::move(*loaded);
    ASSIGN_OR_RETURN(domain::Contract c, tx.GetContract(p.contract));
    if (!domain::MayViewPermit(a, c, node)) {
      return Status::NotFound("permit " + id.value() + " does not exist");
    }
    // Who issues a permit renews it (domain/actions.hpp lists the step by the same rule).
    if (!domain::MayTakeContractAction(a, domain::ContractAction::kIssuePermit,
                                       domain::PartiesOf(c.terms), node)) {
      return Status::PermissionDenied("only a destination-authority officer of " +
                                      c.terms.destination_country + " renews this permit");
    }
    const Date previous = p.valid_until;
    ASSIGN_OR_RETURN(const int max_months, PermitMaxMonths(tx, c.terms.destination_country));
    RETURN_IF_ERROR(domain::RenewPermit(p, c, end, tx.now().date(), max_months));
    RETURN_IF_ERROR(tx.UpdatePermit(p));
    json::Value data = codec::ToJson(p);
    data.AsObject().Set("previous_valid_until", previous.ToString());
    data.AsObject().Set("contract_version", c.version);
    RETURN_IF_ERROR(tx.Record(domain::EventType::kPermitRenewed, p.id.value(), std::move(data)));
    return NotifyParties(tx, p, "permit.renewed");
  }));
  return p;
}

namespace {

struct DayCounts {
  size_t expired = 0;
  size_t contracts_ended = 0;
  size_t noticed = 0;
};

// One permit's day, read again in the write's own transaction: a permit another process handled
// since the batch was read is left as it is.
Status PermitDayIn(store::WriteTx& tx, const PermitId& id, const std::string& country,
                   int notice_days, DayCounts& counts) {
  ASSIGN_OR_RETURN(Permit p, tx.GetPermit(id));
  ASSIGN_OR_RETURN(domain::Contract c, tx.GetContract(p.contract));
  // The origin holds copies of the destination's permits; only the issuing node acts on them.
  if (c.terms.destination_country != country) return Status::Ok();
  const Date today = tx.now().date();
  // A permit that did not follow an amendment of its active contract (one accepted before
  // permits followed their contract's term) follows it now, rather than expiring at the old end;
  // under the country's longest grant (permit_max_months) only as far as FollowContractTerm
  // allows, so a permit granted for less than its contract waits for its renewal.
  if (c.state == domain::ContractState::kActive && c.terms.end_date() > today) {
    ASSIGN_OR_RETURN(const int max_months, PermitMaxMonths(tx, country));
    Permit followed = p;
    ASSIGN_OR_RETURN(bool moves, domain::FollowContractTerm(followed, c.terms, today, max_months));
    if (moves) {
      RETURN_IF_ERROR(FollowContractTermIn(tx, c, c.terms, /*check_only=*/false));
      ASSIGN_OR_RETURN(p, tx.GetPermit(id));
    }
  }
  if (domain::ExpireIfDue(p, today)) {
    // The contract's term has run out with its permit: it ends, for the reason expiry, on the
    // permit's end date (its own event first, as when an officer ends it).
    if (c.state == domain::ContractState::kActive) {
      RETURN_IF_ERROR(domain::End(c, domain::EndReason::kExpiry, p.valid_until));
      RETURN_IF_ERROR(tx.UpdateContract(c));
      RETURN_IF_ERROR(
          tx.Record(domain::EventType::kContractEnded, c.id.value(), ContractEventData(c)));
      ++counts.contracts_ended;
    }
    RETURN_IF_ERROR(tx.UpdatePermit(p));
    RETURN_IF_ERROR(tx.Record(domain::EventType::kPermitExpired, p.id.value(), codec::ToJson(p)));
    ++counts.expired;
    return NotifyParties(tx, p, "permit.expired");
  }
  if (domain::NoticeExpiryIfDue(p, today, notice_days)) {
    RETURN_IF_ERROR(tx.UpdatePermit(p));
    json::Object data;
    data.Set("valid_until", p.valid_until.ToString());
    data.Set("days_left", static_cast<int64_t>(today.DaysUntil(p.valid_until)));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kPermitExpiryNotified, p.id.value(), std::move(data)));
    ++counts.noticed;
    return NotifyParties(tx, p, "permit.expiring");
  }
  return Status::Ok();
}

}  // namespace

Result<PermitJobReport> Permits::RunDailyJobs(Timestamp now) {
  const Date today = now.date();
  const std::string country = store_.identity().country;
  PermitJobReport report;
  constexpr int kBatch = 200;
  for (PermitStatus status : {PermitStatus::kActive, PermitStatus::kSuspended}) {
    store::Page page{"", kBatch};
    for (;;) {
      size_t seen = 0;
      std::vector<PermitId> due;
      RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(auto batch, tx.ListPermitsWithStatus(status, page));
        seen = batch.size();
        if (!batch.empty()) page.after = batch.back().id.value();
        for (const Permit& p : batch) {
          // The rules on a copy decide whether the permit is worth a write today.
          Permit copy = p;
          if (!domain::ExpireIfDue(copy, today) &&
              !domain::NoticeExpiryIfDue(copy, today, config_.expiry_notice_days)) {
            continue;
          }
          // The origin's copies of the destination's permits are the destination's to change.
          ASSIGN_OR_RETURN(auto c, tx.GetContract(p.contract));
          if (c.terms.destination_country == country) due.push_back(p.id);
        }
        return Status::Ok();
      }));
      report.examined += seen;
      if (!due.empty()) {
        DayCounts counts;
        RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
          counts = {};
          for (const PermitId& id : due) {
            RETURN_IF_ERROR(PermitDayIn(tx, id, country, config_.expiry_notice_days, counts));
          }
          return Status::Ok();
        }));
        report.expired += counts.expired;
        report.contracts_ended += counts.contracts_ended;
        report.noticed += counts.noticed;
      }
      if (static_cast<int>(seen) < kBatch) break;
    }
  }
  if (report.expired > 0 || report.noticed > 0) {
    log::Info("permits.daily", {{"day", today.ToString()},
                                {"expired", report.expired},
                                {"contracts_ended", report.contracts_ended},
                                {"noticed", report.noticed}});
  }
  return report;
}

}  // namespace corridor::service
