// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends).
//
// Reads one record at a time from any std::istream, so files of millions of rows never sit in
// memory. It reads the stream in blocks of 64 KiB into a buffer of its own (so the stream's
// position runs ahead of the records returned) and scans unquoted fields a run at a time. Each
// record knows the line it started on, for error messages. A field longer than the limit, a stray
// quote or an unterminated quoted field is an error naming the line. Thread-safety: one reader per
// thread.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace corridor {

class CsvReader {
 public:
  struct Options {
    char delimiter = ',';
    size_t max_field_bytes = 64 * 1024;
    size_t max_fields = 1024;
    bool skip_comment_lines = false;  // lines starting with '#'
  };

  explicit CsvReader(std::istream& in) : CsvReader(in, Options{}) {}
  CsvReader(std::istream& in, Options options)
      : in_(in), options_(options), buffer_(new char[kBufferSize]) {
    for (const char c : {options.delimiter, '\n', '\r', '"'})
      stop_[static_cast<unsigned char>(c)] = true;
  }

  // Reads the next record into `fields`. Returns false at the end of input; an error Status names
  // the line. Empty lines are skipped.
  Result<bool> Next(std::vector<std::string>& fields);

  // The line on which the last record returned by Next() started (1-based).
  uint64_t record_line() const { return record_line_; }
  // Bytes consumed so far, for progress reports.
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  static constexpr size_t kBufferSize = 64 * 1024;

  bool Fill();  // false at the end of input
  int Get() {
    if (pos_ == end_ && !Fill()) return -1;
    const char c = *pos_++;
    ++bytes_read_;
    // A line ends at LF, CRLF or a lone CR (the record ends there too).
    if (c == '\n' || (c == '\r' && Peek() != '\n')) ++line_;
    return static_cast<unsigned char>(c);
  }
  int Peek() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(*pos_);
  }

  std::istream& in_;
  Options options_;
  std::unique_ptr<char[]> buffer_;
  bool stop_[256] = {};  // the bytes that end an unquoted run
  const char* pos_ = nullptr;
  const char* end_ = nullptr;
  uint64_t line_ = 1;
  uint64_t record_line_ = 0;
  uint64_t bytes_read_ = 0;
};

// Maps header names to column positions and reads named fields of a record.
class CsvHeader {
 public:
  // Refuses duplicate names and, when `required` names are missing, names them.
  static Result<CsvHeader> From(const std::vector<std::string>& names,
                                const std::vector<std::string_view>& required,
                                const std::vector<std::string_view>& optional);
  // The named field of `row`, or "" when the column is absent.
  std::string_view Get(const std::vector<std::string>& row, std::string_view name) const;
  bool Has(std::string_view name) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

// Appends `field` to a CSV line as RFC 4180 writes it: as it is, or quoted with its quotes doubled
// when it holds a comma, a quote or a line break.
void AppendCsvField(std::string& out, std::string_view field);

}  // namespace corridor
