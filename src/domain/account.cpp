#include "domain/account.hpp"

#include "core/text.hpp"
#include "domain/reference.hpp"

namespace corridor::domain {

Status ValidateAccount(const Account& a) {
  if (a.username.size() < 3 || a.username.size() > 64) {
    return Status::InvalidArgument("must be 3 to 64 characters", "username");
  }
  for (char c : a.username) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return Status::InvalidArgument("may hold only a-z, 0-9, '.', '_' and '-'", "username");
  }
  if (a.role == Role::kSystem) return Status::InvalidArgument("is not a role for people", "role");
  auto name = RequiredText(a.display_name, "display_name", 120);
  if (!name.ok()) return name.status();
  RETURN_IF_ERROR(CheckLanguage(a.language, "language"));
  const bool needs_country =
      a.role != Role::kEmployer && a.role != Role::kAgency && a.role != Role::kWorker;
  if (needs_country) RETURN_IF_ERROR(CheckCountry(a.country, "country"));
  if (!a.country.empty()) RETURN_IF_ERROR(CheckCountry(a.country, "country"));
  const bool employer = a.role == Role::kEmployer;
  const bool agency = a.role == Role::kAgency;
  const bool worker = a.role == Role::kWorker;
  if (employer != a.employer.has_value()) {
    return Status::InvalidArgument(employer ? "an employer account names its employer"
                                            : "only employer accounts name an employer",
                                   "employer");
  }
  if (agency != a.agency.has_value()) {
    return Status::InvalidArgument(
        agency ? "an agency account names its agency" : "only agency accounts name an agency",
        "agency");
  }
  const bool centre = a.role == Role::kOrientationCentre;
  if (centre != a.centre.has_value()) {
    return Status::InvalidArgument(centre ? "an orientation centre account names its centre"
                                          : "only orientation centre accounts name a centre",
                                   "centre");
  }
  if (worker != a.worker.has_value()) {
    return Status::InvalidArgument(
        worker ? "a worker account names its worker" : "only worker accounts name a worker",
        "worker");
  }
  return Status::Ok();
}

Status ValidatePassword(std::string_view password, std::string_view username) {
  const size_t n = Utf8Length(password);
  if (!IsValidUtf8(password) || n < 10 || n > 200) {
    return Status::InvalidArgument("must be 10 to 200 characters", "password");
  }
  if (password == username) {
    return Status::InvalidArgument("must not be the username", "password");
  }
  return Status::Ok();
}

Actor ToActor(const Account& a) {
  Actor actor;
  actor.account = a.id.value();
  actor.role = a.role;
  actor.country = a.country;
  actor.employer = a.employer;
  actor.agency = a.agency;
  actor.worker = a.worker;
  actor.centre = a.centre;
  return actor;
}

}  // namespace corridor::domain
