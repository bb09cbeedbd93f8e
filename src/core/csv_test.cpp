#include "core/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text, Status* error = nullptr) {
  std::istringstream in(text);
  CsvReader r(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> f;
  for (;;) {
    auto more = r.Next(f);
    if (!more.ok()) {
      if (error) *error = more.status();
      break;
    }
    if (!*more) break;
    rows.push_back(f);
  }
  return rows;
}

TEST(CsvTest, Rfc4180Quoting) {
  auto rows = ReadAll("a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\r\n\"multi\nline\",2,3\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "x,1");
  EXPECT_EQ(rows[1][1], "he said \"hi\"");
  EXPECT_EQ(rows[1][2], "");
  EXPECT_EQ(rows[2][0], "multi\nline");
}

TEST(CsvTest, LastLineWithoutNewlineAndEmptyLines) {
  auto rows = ReadAll("a,b\n\n\nc,d");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "d");
}

TEST(CsvTest, ErrorsNameTheLine) {
  Status err;
  ReadAll("a,b\nc,\"open\n\n", &err);
  EXPECT_EQ(err.code(), Code::kInvalidArgument);
  EXPECT_NE(err.message().find("line 2"), std::string::npos) << err.message();
  ReadAll("a,b\nok,1\nbad\"quote,2\n", &err);
  EXPECT_NE(err.message().find("line 3"), std::string::npos) << err.message();
  ReadAll("a\n\xff\n", &err);
  EXPECT_NE(err.message().find("UTF-8"), std::string::npos) << err.message();
}

TEST(CsvTest, ALoneCarriageReturnEndsALineForItsNumberToo) {
  std::istringstream in("h1,h2\rx,1\r\ny,2\nz,3\r\"q\rr\",4\nw,5\n");
  CsvReader r(in);
  std::vector<std::string> f;
  std::vector<uint64_t> lines;
  while (*r.Next(f)) lines.push_back(r.record_line());
  // The quoted field holds a CR: the record after it starts a line later.
  EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 3, 4, 5, 7}));
}

TEST(CsvHeaderTest, RequiredUnknownAndDuplicateColumns) {
  EXPECT_TRUE(CsvHeader::From({"id", "name"}, {"id"}, {"name"}).ok());
  auto missing = CsvHeader::From({"name"}, {"id", "dob"}, {"name"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("id, dob"), std::string::npos);
  EXPECT_FALSE(CsvHeader::From({"id", "id"}, {"id"}, {}).ok());
  EXPECT_FALSE(CsvHeader::From({"id", "colour"}, {"id"}, {}).ok());
  auto h = CsvHeader::From({"name", "id"}, {"id"}, {"name"});
  EXPECT_EQ(h->Get({"Sita", "7"}, "id"), "7");
}

}  // namespace
}  // namespace corridor
