#include "core/log.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace corridor::log {
namespace {

class Captured {
 public:
  Captured() {
    SetSink([this](std::string_view line) { lines.emplace_back(line); });
  }
  ~Captured() {
    SetSink({});
    SetLevel(Level::kInfo);
  }
  Captured(const Captured&) = delete;
  Captured& operator=(const Captured&) = delete;
  std::vector<std::string> lines;
};

TEST(Log, WritesOneStructuredLine) {
  Captured c;
  Warn("access_log.flush_failed", {{"request", "ab12"}, {"count", 3}, {"detail", "disk full"}});
  ASSERT_EQ(c.lines.size(), 1U);
  const std::string& l = c.lines[0];
  EXPECT_EQ(l.rfind("time=", 0), 0U) << l;
  EXPECT_NE(l.find(" level=warn event=access_log.flush_failed request=ab12 count=3 "
                   "detail=\"disk full\""),
            std::string::npos)
      << l;
}

TEST(Log, QuotesWhatWouldBreakTheLine) {
  EXPECT_EQ(Quote("plain-word_1.2/x"), "plain-word_1.2/x");
  EXPECT_EQ(Quote(""), "\"\"");
  EXPECT_EQ(Quote("a=b"), "\"a=b\"");
  EXPECT_EQ(Quote("two\nlines"), "\"two\\nlines\"");
  EXPECT_EQ(Quote("say \"hi\" \\"), "\"say \\\"hi\\\" \\\\\"");
  EXPECT_EQ(Quote(std::string("nul\0x", 5)), "\"nul\\x00x\"");
  EXPECT_EQ(FormatFields(Level::kError, "x.y", {{"ok", true}, {"ms", 1.5}}),
            "level=error event=x.y ok=true ms=1.500000");
}

TEST(Log, LevelFilters) {
  Captured c;
  SetLevel(Level::kWarn);
  Debug("a");
  Info("b");
  Warn("c");
  Error("d");
  ASSERT_EQ(c.lines.size(), 2U);
  EXPECT_NE(c.lines[0].find("event=c"), std::string::npos);
  EXPECT_NE(c.lines[1].find("event=d"), std::string::npos);
  Level l = Level::kInfo;
  EXPECT_TRUE(ParseLevel("debug", l));
  EXPECT_EQ(l, Level::kDebug);
  EXPECT_FALSE(ParseLevel("verbose", l));
}

TEST(Log, RequestIds) {
  EXPECT_TRUE(ValidRequestId("0123abcd-XY_z.9"));
  EXPECT_FALSE(ValidRequestId(""));
  EXPECT_FALSE(ValidRequestId("has space"));
  EXPECT_FALSE(ValidRequestId("new\nline"));
  EXPECT_FALSE(ValidRequestId(std::string(65, 'a')));
  std::set<std::string> seen;
  std::vector<std::thread> threads;
  std::mutex mu;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        std::string id = NewRequestId();
        EXPECT_TRUE(ValidRequestId(id)) << id;
        std::lock_guard lock(mu);
        seen.insert(std::move(id));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(seen.size(), 2000U);
}

}  // namespace
}  // namespace corridor::log
