// Reading the members of a JSON object that must hold exactly a given set of members (the
// transport forms of ledger proofs, federation envelopes and receipts): errors name the member.
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "json/json.hpp"

namespace corridor::json {

// InvalidArgument `<what> member "<member>" <message>`, with the member as the field.
Status MemberError(std::string_view what, std::string_view member, const std::string& message);

// The object, checked to hold exactly `members`: a missing or an extra member is an error
// naming it.
Result<const Object*> ExactObject(const Value& v, std::string_view what,
                                  std::initializer_list<std::string_view> members);

}  // namespace corridor::json
