#include "core/log.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>

namespace corridor::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};

struct SinkHolder {
  std::mutex mu;
  std::shared_ptr<const Sink> sink;  // null: standard error
};

SinkHolder& Holder() {
  static SinkHolder holder;
  return holder;
}

bool PlainChar(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '.' ||
         c == '-' || c == '_' || c == '/' || c == ':' || c == '+' || c == '@' || c == ',' ||
         c == '{' || c == '}' || c >= 0x80;
}

std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm t{};
  gmtime_r(&secs, &t);
  std::array<char, 96> text{};
  std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900,
                t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
                static_cast<int>(ms % 1000));
  return text.data();
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "error";
}

bool ParseLevel(std::string_view text, Level& out) {
  for (const Level l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (text == LevelName(l)) {
      out = l;
      return true;
    }
  }
  return false;
}

void SetLevel(Level level) { g_level.store(static_cast<int>(level)); }

Level CurrentLevel() { return static_cast<Level>(g_level.load(std::memory_order_relaxed)); }

void SetSink(Sink sink) {
  auto& h = Holder();
  std::lock_guard lock(h.mu);
  h.sink = sink ? std::make_shared<const Sink>(std::move(sink)) : nullptr;
}

std::string Quote(std::string_view value) {
  bool plain = !value.empty();
  for (const char c : value) plain = plain && PlainChar(static_cast<unsigned char>(c));
  if (plain) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      std::array<char, 8> esc{};
      std::snprintf(esc.data(), esc.size(), "\\x%02x", static_cast<unsigned>(u));
      out += esc.data();
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string FormatFields(Level level, std::string_view event, std::initializer_list<Field> fields) {
  std::string line = "level=";
  line += LevelName(level);
  line += " event=";
  line += Quote(event);
  for (const Field& f : fields) {
    line += ' ';
    line += f.key();
    line += '=';
    line += Quote(f.value());
  }
  return line;
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  const std::string line = "time=" + UtcNow() + " " + FormatFields(level, event, fields);
  std::shared_ptr<const Sink> sink;
  {
    auto& h = Holder();
    std::lock_guard lock(h.mu);
    sink = h.sink;
  }
  if (sink) {
    (*sink)(line);
    return;
  }
  // One write(2) per line, so lines of concurrent threads never interleave.
  const std::string out = line + "\n";
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(STDERR_FILENO, out.data() + done, out.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    const bool ok = (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // A random 32-bit prefix per process and a counter: unique within the process, and two
  // processes (a restart, the demo's two nodes) almost never share a prefix.
  static const uint32_t prefix = [] {
    std::random_device rd;
    return static_cast<uint32_t>(rd());
  }();
  static std::atomic<uint32_t> counter{0};
  std::array<char, 20> text{};
  std::snprintf(text.data(), text.size(), "%08x%08x", prefix, counter.fetch_add(1) + 1);
  return text.data();
}

}  // namespace corridor::log
