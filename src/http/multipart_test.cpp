#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace corridor::http {
namespace {

std::string Part(const std::string& disposition, const std::string& body) {
  return "--XyZ\r\nContent-Disposition: " + disposition + "\r\nContent-Type: text/csv\r\n\r\n" +
         body + "\r\n";
}

TEST(FormBoundary, ReadsTheBoundaryOfFormDataOnly) {
  EXPECT_EQ(*FormBoundary("multipart/form-data; boundary=XyZ"), "XyZ");
  EXPECT_EQ(*FormBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""), "a b;c");
  EXPECT_EQ(*FormBoundary("text/csv"), "");
  EXPECT_EQ(*FormBoundary(""), "");
  EXPECT_EQ(FormBoundary("multipart/form-data").status().field(), "Content-Type");
  EXPECT_FALSE(FormBoundary("multipart/form-data; boundary=").ok());
  EXPECT_FALSE(FormBoundary("multipart/form-data; boundary=" + std::string(71, 'a')).ok());
  EXPECT_FALSE(FormBoundary("multipart/form-data; boundary=\"open").ok());
}

TEST(ParseFormData, SplitsPartsKeepingTheirBytesAndFileNames) {
  const std::string body = "preamble\r\n" +
                           Part(R"(form-data; name="file"; filename="C:\\lists\\sdn.csv")",
                                "a,b\r\n\r\n--XyZnot-a-boundary\r\n") +
                           Part(R"(form-data; name="file"; filename="alt.csv")", "") +
                           "--XyZ--\r\nepilogue";
  auto parts = ParseFormData(body, "XyZ", 4);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "file");
  EXPECT_EQ((*parts)[0].filename, "sdn.csv");
  EXPECT_EQ((*parts)[0].body, "a,b\r\n\r\n--XyZnot-a-boundary\r\n");
  EXPECT_EQ((*parts)[1].filename, "alt.csv");
  EXPECT_EQ((*parts)[1].body, "");
}

TEST(ParseFormData, RefusesBrokenBodiesNamingThePart) {
  const std::string good = Part(R"(form-data; name="file")", "x");
  struct Case {
    std::string body;
    std::string message;
  };
  const Case cases[] = {
      {"no boundary here", "the body has no part opened by its boundary"},
      {good, "part 1: the body ends before the closing boundary"},
      {good + "--XyZ", "part 1: the body ends before the closing boundary"},
      {"--XyZjunk\r\n" + good, "part 1: the boundary is not followed by a line break"},
      {"--XyZ\r\nContent-Type: text/csv\r\n\r\nx\r\n--XyZ--",
       "part 1: it has no Content-Disposition"},
      {"--XyZ\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--XyZ--",
       "part 1: Content-Disposition is not form-data"},
      {good + "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
       "part 2: Content-Disposition has no name"},
      {"--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--", "part 1: a header line has no ':'"},
      {good + good + good + "--XyZ--", "more than 2 parts; at most that many are accepted"},
  };
  for (const auto& c : cases) {
    auto parts = ParseFormData(c.body, "XyZ", 2);
    ASSERT_FALSE(parts.ok()) << c.body;
    EXPECT_EQ(parts.status().message(), c.message) << c.body;
    EXPECT_EQ(parts.status().field(), "body");
  }
  EXPECT_TRUE(ParseFormData(good + "--XyZ--", "XyZ", 2).ok());
}

TEST(ParseFormData, APartMayEndWithItsHeadersAndHaveNoBody) {
  // The delimiter's line break also ends the headers' empty line: the body is empty and ends
  // where the delimiter starts, never past it.
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" +
                           Part(R"(form-data; name="g")", "y") + "--XyZ--";
  auto parts = ParseFormData(body, "XyZ", 4);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "f");
  EXPECT_EQ((*parts)[0].body, "");
  EXPECT_EQ((*parts)[0].body.data(), body.data() + body.find("\r\n--XyZ\r\n"));
  EXPECT_EQ((*parts)[1].body, "y");
  // With no headers at all, the part still needs its Content-Disposition.
  auto bare = ParseFormData("--XyZ\r\n\r\n--XyZ--", "XyZ", 4);
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.status().message(), "part 1: it has no Content-Disposition");
}

}  // namespace
}  // namespace corridor::http
