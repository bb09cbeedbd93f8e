#include "domain/border.hpp"

#include "core/text.hpp"

namespace corridor::domain {

std::string_view ToString(Direction d) { return d == Direction::kEntry ? "entry" : "exit"; }

Result<Direction> ParseDirection(std::string_view text) {
  if (text == "entry") return Direction::kEntry;
  if (text == "exit") return Direction::kExit;
  return Status::InvalidArgument("must be entry or exit");
}

std::string PersonKey(const Crossing& c) {
  if (c.worker) return "worker:" + c.worker->value();
  return "document:" + c.document.issuing_state + ":" + c.document.number;
}

std::string_view ToString(HitState s) {
  switch (s) {
    case HitState::kPending:
      return "pending";
    case HitState::kConfirmed:
      return "confirmed";
    case HitState::kDismissed:
      return "dismissed";
  }
  return "?";
}

Result<HitState> ParseHitState(std::string_view text) {
  for (HitState s : {HitState::kPending, HitState::kConfirmed, HitState::kDismissed}) {
    if (ToString(s) == text) return s;
  }
  return Status::InvalidArgument("must be pending, confirmed or dismissed");
}

Status DecideHit(ScreeningHit& h, bool confirm, std::string_view reason, const std::string& by,
                 Timestamp now) {
  if (h.state != HitState::kPending) {
    return Status::FailedPrecondition("hit " + h.id.value() + " was " +
                                      std::string(ToString(h.state)) +
                                      " already; a decision is "
                                      "final");
  }
  ASSIGN_OR_RETURN(std::string why, RequiredText(reason, "reason", 1000));
  h.state = confirm ? HitState::kConfirmed : HitState::kDismissed;
  h.decided_by = by;
  h.decided_at = now;
  h.decision_reason = std::move(why);
  return Status::Ok();
}

Date PermitStayUntil(Date permit_ended, int permit_grace_days) {
  return permit_ended.AddDays(permit_grace_days < 0 ? 0 : permit_grace_days);
}

std::optional<int> OverstayDays(Date authorised_until, int grace_days, Date today) {
  const Date last_lawful = authorised_until.AddDays(grace_days);
  if (today <= last_lawful) return std::nullopt;
  return last_lawful.DaysUntil(today);
}

bool IsBorderAuthority(const Actor& a, const NodeContext& node) {
  return a.role == Role::kSystem || (a.role == Role::kBorderOfficer && a.country == node.country);
}

Status CheckMayRecordCrossing(const Actor& a, const NodeContext& node) {
  if (IsBorderAuthority(a, node)) return Status::Ok();
  return Status::PermissionDenied("only a border officer of " + node.country +
                                  " records crossings");
}

Status CheckMayReviewHits(const Actor& a, const NodeContext& node) {
  if (IsBorderAuthority(a, node)) return Status::Ok();
  return Status::PermissionDenied("only a border officer of " + node.country +
                                  " reviews screening hits");
}

bool MayViewCrossing(const Actor& a, const Crossing& c, const NodeContext& node) {
  if (IsBorderAuthority(a, node)) return true;
  // A worker sees their own crossings; investigators see cases assigned to them, which hold no
  // crossings yet; nobody else needs them.
  return a.role == Role::kWorker && a.worker && c.worker && *a.worker == *c.worker;
}

}  // namespace corridor::domain
