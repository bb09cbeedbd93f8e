#include "json/exact.hpp"

#include <algorithm>

namespace corridor::json {

Status MemberError(std::string_view what, std::string_view member, const std::string& message) {
  return Status::InvalidArgument(
      std::string(what) + " member \"" + std::string(member) + "\" " + message,
      std::string(member));
}

Result<const Object*> ExactObject(const Value& v, std::string_view what,
                                  std::initializer_list<std::string_view> members) {
  if (!v.is_object()) {
    return Status::InvalidArgument(std::string(what) + " must be a JSON object, not " +
                                   std::string(TypeName(v.type())));
  }
  const Object& o = v.AsObject();
  for (std::string_view m : members) {
    if (!o.Contains(m)) return MemberError(what, m, "is missing");
  }
  for (const auto& member : o) {
    if (std::find(members.begin(), members.end(), member.first) == members.end()) {
      return MemberError(what, member.first, "is not allowed here");
    }
  }
  return &o;
}

}  // namespace corridor::json
