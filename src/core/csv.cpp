#include "core/csv.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace corridor {

bool CsvReader::Fill() {
  std::streambuf* buf = in_.rdbuf();
  const std::streamsize n = buf == nullptr ? 0 : buf->sgetn(buffer_.get(), kBufferSize);
  if (n <= 0) {
    in_.setstate(std::ios::eofbit);
    return false;
  }
  pos_ = buffer_.get();
  end_ = pos_ + n;
  return true;
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  // The strings of `fields` are reused (their capacity kept), so reading a file of similar rows
  // allocates nothing after the first rows.
  size_t count = 0;
  for (;;) {
    // Skip empty lines (and comments when asked).
    int c = Peek();
    if (c == -1) {
      fields.clear();
      return false;
    }
    if (c == '\n') {
      Get();
      continue;
    }
    if (c == '\r') {
      Get();
      continue;
    }
    if (options_.skip_comment_lines && c == '#') {
      while ((c = Get()) != -1 && c != '\n') {
      }
      continue;
    }
    break;
  }
  record_line_ = line_;
  auto error = [this](const std::string& what) {
    return Status::InvalidArgument("line " + std::to_string(record_line_) + ": " + what);
  };
  for (;;) {
    if (count == fields.size()) fields.emplace_back();
    std::string& field = fields[count];
    field.clear();
    int c = Peek();
    bool ascii = true;  // an unquoted run of ASCII needs no UTF-8 check
    if (c == '"') {
      ascii = false;
      Get();
      for (;;) {
        c = Get();
        if (c == -1) return error("a quoted field is not closed");
        if (c == '"') {
          if (Peek() == '"') {
            Get();
            field.push_back('"');
            continue;
          }
          break;
        }
        field.push_back(static_cast<char>(c));
        if (field.size() > options_.max_field_bytes) return error("a field is too long");
      }
      c = Peek();
      if (c != options_.delimiter && c != '\n' && c != '\r' && c != -1) {
        return error("unexpected character after a closing quote");
      }
    } else {
      // A run at a time: up to the delimiter, a line end, a quote or the buffer's end.
      while (pos_ != end_ || Fill()) {
        const char* p = pos_;
        unsigned char high = 0;
        while (p != end_ && !stop_[static_cast<unsigned char>(*p)]) {
          high |= static_cast<unsigned char>(*p);
          ++p;
        }
        if (high & 0x80) ascii = false;
        field.append(pos_, static_cast<size_t>(p - pos_));
        bytes_read_ += static_cast<uint64_t>(p - pos_);
        pos_ = p;
        if (field.size() > options_.max_field_bytes) return error("a field is too long");
        if (p == end_) continue;
        if (*p == '"') return error("a quote inside an unquoted field");
        break;
      }
    }
    if (!ascii && !IsValidUtf8(field)) {
      fields.resize(count + 1);
      return error("field " + std::to_string(count + 1) + " is not valid UTF-8");
    }
    ++count;
    if (count > options_.max_fields) {
      fields.resize(count);
      return error("too many fields");
    }
    c = Get();
    if (c == options_.delimiter) continue;
    if (c == '\r') {
      if (Peek() == '\n') Get();
    }
    fields.resize(count);
    return true;  // '\n', '\r' or end of input
  }
}

Result<CsvHeader> CsvHeader::From(const std::vector<std::string>& names,
                                  const std::vector<std::string_view>& required,
                                  const std::vector<std::string_view>& optional) {
  CsvHeader h;
  for (const auto& raw : names) {
    std::string n(TrimAscii(raw));
    if (std::find(h.names_.begin(), h.names_.end(), n) != h.names_.end()) {
      return Status::InvalidArgument("line 1: column '" + n + "' appears twice");
    }
    const bool known = std::find(required.begin(), required.end(), n) != required.end() ||
                       std::find(optional.begin(), optional.end(), n) != optional.end();
    if (!known) return Status::InvalidArgument("line 1: unknown column '" + n + "'");
    h.names_.push_back(std::move(n));
  }
  std::string missing;
  for (auto r : required) {
    if (!h.Has(r)) {
      if (!missing.empty()) missing += ", ";
      missing += r;
    }
  }
  if (!missing.empty()) return Status::InvalidArgument("line 1: missing columns: " + missing);
  return h;
}

std::string_view CsvHeader::Get(const std::vector<std::string>& row, std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i < row.size() ? std::string_view(row[i]) : std::string_view();
  }
  return {};
}

bool CsvHeader::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace corridor
