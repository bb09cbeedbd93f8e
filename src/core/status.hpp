// Status and Result<T>: the one error type of Corridor.
//
// Expected failures (bad input, a rule that refuses, a record that is not there) travel as values,
// never as exceptions. A Status carries a stable code, a message safe to show to the person who
// made the request, and, where one field is to blame, that field's name. Internal detail that
// must not reach a client (SQL text, file paths) goes into `detail`, which only logs see.
//
// Thread-safety: values; no shared state.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace corridor {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // the input is malformed or out of range
  kNotFound,            // no such record (or not visible to the caller)
  kAlreadyExists,       // a record with that key is there already
  kFailedPrecondition,  // a domain rule refuses the change in the record's present state
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // who the caller is could not be established
  kResourceExhausted,   // a limit was reached (size, rate)
  kConflict,            // a concurrent change won; retrying may succeed
  kUnavailable,         // a dependency is down; retrying later may succeed
  kDataLoss,            // stored data fails verification (tampering, corruption)
  kInternal,            // a defect or an unexpected environment failure
};

std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string message, std::string field = {}) {
    return {Code::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status AlreadyExists(std::string message, std::string field = {}) {
    return {Code::kAlreadyExists, std::move(message), std::move(field)};
  }
  static Status FailedPrecondition(std::string message, std::string field = {}) {
    return {Code::kFailedPrecondition, std::move(message), std::move(field)};
  }
  static Status PermissionDenied(std::string message) {
    return {Code::kPermissionDenied, std::move(message)};
  }
  static Status Unauthenticated(std::string message) {
    return {Code::kUnauthenticated, std::move(message)};
  }
  static Status ResourceExhausted(std::string message) {
    return {Code::kResourceExhausted, std::move(message)};
  }
  static Status Conflict(std::string message) { return {Code::kConflict, std::move(message)}; }
  static Status Unavailable(std::string message) {
    return {Code::kUnavailable, std::move(message)};
  }
  static Status DataLoss(std::string message) { return {Code::kDataLoss, std::move(message)}; }
  // `public_message` may be shown to a client; `detail` goes only to the log.
  static Status Internal(std::string detail, std::string public_message = "internal error") {
    Status s{Code::kInternal, std::move(public_message)};
    s.detail_ = std::move(detail);
    return s;
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::string& detail() const { return detail_; }

  // Prefixes the message with context, as "line 12: ..." (the field is kept).
  Status WithContext(std::string_view context) const;
  // Sets the field if none is set yet, as "worker.passport.number".
  Status WithField(std::string field) const;
  Status WithDetail(std::string detail) const;

  // "INVALID_ARGUMENT: date_of_birth: must be YYYY-MM-DD" (no detail: safe for users).
  std::string ToString() const;

 private:
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
  std::string detail_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "Result from an OK status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace corridor

#define CORRIDOR_CONCAT_INNER(a, b) a##b
#define CORRIDOR_CONCAT(a, b) CORRIDOR_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
// Unique names (__COUNTER__) let these nest, as in a lambda inside another's argument.
#define RETURN_IF_ERROR(expr) RETURN_IF_ERROR_IMPL(CORRIDOR_CONCAT(_status_, __COUNTER__), expr)
// NOLINTBEGIN(bugprone-macro-parentheses): `tmp` and `lhs` are declarators, never expressions.
#define RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                  \
    ::corridor::Status tmp = (expr);    \
    if (!tmp.ok()) return tmp;          \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value, or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(CORRIDOR_CONCAT(_result_, __COUNTER__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
