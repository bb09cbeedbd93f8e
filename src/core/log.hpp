// The node's log: one small interface for every module, writing structured lines.
//
// A line is `time=... level=... event=... key=value ...`: an event name (a fixed, dotted word such
// as "http.request" or "access_log.flush_failed") and key=value fields. Values that hold spaces,
// quotes, '=' or control characters are quoted and escaped, so a line is always one line and can
// be split by a program.
//
// Nothing personal goes into a log: never a name, a passport number, a token, a password or a
// request or response body. Fields carry ids (a request id, an account id, a record id), codes,
// counts and the internal detail of a failure (the text of a Status, which never carries
// personal data either).
//
// The request id is made by the HTTP layer for each request (or taken from a well-formed
// X-Request-Id header), sent back in the response, and carried down as a value (the caller's
// `domain::Actor::request_id`): a use case that logs names it, so one request's lines can be
// found together. It is never held in a thread-local.
//
// Thread-safety: every function may be called from any thread; a line is written whole.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

namespace corridor::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

std::string_view LevelName(Level level);
// "debug", "info", "warn" or "error".
bool ParseLevel(std::string_view text, Level& out);

// One key=value field. Keys are fixed words of the code; values are formatted at the call.
class Field {
 public:
  Field(std::string_view key, std::string_view value) : key_(key), value_(value) {}
  Field(std::string_view key, const std::string& value) : key_(key), value_(value) {}
  Field(std::string_view key, const char* value) : key_(key), value_(value ? value : "") {}
  template <typename T>
  requires std::is_arithmetic_v<T> &&(!std::is_same_v<T, bool>)Field(std::string_view key, T value)
      : key_(key), value_(std::to_string(value)) {}
  Field(std::string_view key, bool value) : key_(key), value_(value ? "true" : "false") {}

  std::string_view key() const { return key_; }
  std::string_view value() const { return value_; }

 private:
  std::string_view key_;
  std::string value_;
};

// Lines below this level are dropped (default kInfo).
void SetLevel(Level level);
Level CurrentLevel();
inline bool Enabled(Level level) {
  return static_cast<int>(level) >= static_cast<int>(CurrentLevel());
}

// Where whole lines go (without the trailing newline); default: standard error. An empty
// function restores the default. Tests capture lines with it.
using Sink = std::function<void(std::string_view line)>;
void SetSink(Sink sink);

// Writes one line if `level` is enabled.
void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void Debug(std::string_view event, std::initializer_list<Field> fields = {}) {
  if (Enabled(Level::kDebug)) Write(Level::kDebug, event, fields);
}
inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, event, fields);
}

// The formatting of one line, without the time (for tests and for sinks that add their own).
std::string FormatFields(Level level, std::string_view event, std::initializer_list<Field> fields);

// A value as it appears after '=': bare when it is a plain word, else in double quotes with
// '"', '\\' and control characters escaped.
std::string Quote(std::string_view value);

// Whether text is usable as a request id: 1 to 64 characters of [A-Za-z0-9._-].
bool ValidRequestId(std::string_view id);
// A new request id: 16 hexadecimal digits, unique within the process and unlikely to repeat
// across restarts.
std::string NewRequestId();

}  // namespace corridor::log
