// Strong identifiers: a WorkerId cannot be passed where a ContractId is wanted.
//
// Identifiers are opaque text. New ones are a short type prefix and 80 random bits in Crockford
// base32 ("W-5N3QK8Z1RDX2T7M"): unique across both nodes of a corridor without coordination,
// and not guessable, so a public contract check cannot be used to enumerate contracts.
#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.hpp"
#include "core/status.hpp"

namespace corridor {

template <typename Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const Id&) const = default;

 private:
  std::string value_;
};

// A new random identifier "P-XXXXXXXXXXXXXXXX" for the prefix P.
std::string NewIdText(std::string_view prefix, Rng& rng);

// Identifiers arriving from outside: 1 to 64 characters of [A-Za-z0-9._-].
Status CheckIdText(std::string_view text);

template <typename IdT>
IdT NewId(Rng& rng) {
  return IdT(NewIdText(IdT::kPrefix, rng));
}

#define CORRIDOR_DEFINE_ID(Name, Prefix)                \
  struct Name##Tag {};                                  \
  class Name final : public Id<Name##Tag> {             \
   public:                                              \
    static constexpr std::string_view kPrefix = Prefix; \
    using Id<Name##Tag>::Id;                            \
  }

CORRIDOR_DEFINE_ID(WorkerId, "W");
CORRIDOR_DEFINE_ID(EmployerId, "E");
CORRIDOR_DEFINE_ID(AgencyId, "A");
CORRIDOR_DEFINE_ID(JobOrderId, "J");
CORRIDOR_DEFINE_ID(ContractId, "C");
CORRIDOR_DEFINE_ID(PermitId, "P");
CORRIDOR_DEFINE_ID(TransferId, "T");
CORRIDOR_DEFINE_ID(NoticeId, "N");
CORRIDOR_DEFINE_ID(AccountId, "U");
// A training centre and a training certificate (docs/formats/training.md): here because an
// account names a centre and an orientation completion its certificate.
CORRIDOR_DEFINE_ID(CentreId, "TC");
CORRIDOR_DEFINE_ID(CertificateId, "CT");

}  // namespace corridor

template <typename Tag>
struct std::hash<corridor::Id<Tag>> {
  size_t operator()(const corridor::Id<Tag>& id) const noexcept {
    return std::hash<std::string>()(id.value());
  }
};
