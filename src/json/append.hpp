// Appending members to the text of a JSON object without parsing it (the streaming form of
// json::AppendMembers): for a stored document served with a few members of the reader's own.
// Thread-safety: an appender belongs to the thread that writes the text.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "json/json.hpp"

namespace corridor::json {

// Writes more members onto the end of the text of a JSON object as Write or Canonical wrote it:
// for serving a stored document with a few members of the reader's own, without parsing it. The
// caller makes sure that the names are new. Values are written compactly, as Write does.
//
//   ASSIGN_OR_RETURN(auto out, json::ObjectAppender::Open(&doc));
//   out.String("verify_url", url);
//   out.StringArray("allowed_actions", steps, [](Step s) { return ToString(s); });
//   out.Close();
class ObjectAppender {
 public:
  // InvalidArgument (and *object_text unchanged) when the text does not open and close as an
  // object. `reserve`: the bytes the caller expects to add, to grow the text once.
  static Result<ObjectAppender> Open(std::string* object_text, size_t reserve = 0);
  void String(std::string_view name, std::string_view value);
  void Member(std::string_view name, const Value& value);
  // An array of the strings `project(item)` gives for each item of `items`.
  template <typename Items, typename Project>
  void StringArray(std::string_view name, const Items& items, Project project) {
    Name(name);
    text_->push_back('[');
    bool first = true;
    for (const auto& item : items) {
      if (!first) text_->push_back(',');
      first = false;
      AppendQuoted(text_, project(item));
    }
    text_->push_back(']');
  }
  // Writes the closing brace; nothing may be added after.
  void Close();

 private:
  ObjectAppender(std::string* text, bool empty) : text_(text), first_(empty) {}
  void Name(std::string_view name);
  std::string* text_;
  bool first_;
};
}  // namespace corridor::json
