#include "http/wire.hpp"

#include <gtest/gtest.h>

namespace corridor::http::wire {
namespace {

TEST(Wire, TransferEncodingAcceptsChunkedAloneOnly) {
  EXPECT_EQ(CheckTransferEncoding("", false, 11).status, 0);
  EXPECT_EQ(CheckTransferEncoding("chunked", false, 11).status, 0);
  EXPECT_EQ(CheckTransferEncoding(" CHUNKED ", false, 11).status, 0);
  // RFC 9112 6.1: a coding the server does not implement.
  EXPECT_EQ(CheckTransferEncoding("gzip, chunked", false, 11).status, 501);
  EXPECT_EQ(CheckTransferEncoding("x-custom,chunked", false, 11).status, 501);
  // RFC 9112 6.3: the length cannot be determined.
  EXPECT_EQ(CheckTransferEncoding("gzip", false, 11).status, 400);
  EXPECT_EQ(CheckTransferEncoding("chunked, identity", false, 11).status, 400);
  EXPECT_EQ(CheckTransferEncoding("chunked, chunked", false, 11).status, 400);
  EXPECT_EQ(CheckTransferEncoding(" , ", false, 11).status, 400);
  EXPECT_EQ(CheckTransferEncoding("chunked", true, 11).status, 400);
  EXPECT_EQ(CheckTransferEncoding("chunked", false, 10).status, 400);
  // The detail names a long coding only in part.
  EXPECT_LT(CheckTransferEncoding(std::string(5000, 'a') + ",chunked", false, 11).detail.size(),
            200U);
}

TEST(Wire, ResponseHeadFramesTheBodyAndDropsWhatTheServerOwns) {
  Response r;
  r.status = 201;
  r.body = "{}";
  r.set_header("Content-Length", "999");
  r.set_header("X-Request-Id", "forged");
  r.set_header("Location", "/x/1");
  HeadInfo info;
  info.server_name = "corridor";
  info.request_id = "r1";
  const std::string head = ResponseHead(r, info);
  EXPECT_EQ(head.rfind("HTTP/1.1 201 Created\r\n", 0), 0U) << head;
  EXPECT_NE(head.find("\r\nContent-Length: 2\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("999"), std::string::npos) << head;
  EXPECT_EQ(head.find("forged"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nX-Request-Id: r1\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nLocation: /x/1\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nCache-Control: no-store\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");

  Response none;
  none.status = 204;
  none.body = "dropped";
  none.set_header("Connection", "close");
  HeadInfo keep;
  keep.server_name = "corridor";
  const std::string h204 = ResponseHead(none, keep);
  EXPECT_TRUE(none.body.empty());
  EXPECT_EQ(h204.find("Content-Length"), std::string::npos) << h204;
  EXPECT_FALSE(keep.keep_alive);
  EXPECT_NE(h204.find("Connection: close"), std::string::npos) << h204;
}

TEST(Wire, FieldChecks) {
  EXPECT_TRUE(ValidFieldName("X-Thing_1"));
  EXPECT_FALSE(ValidFieldName(""));
  EXPECT_FALSE(ValidFieldName("Bad Name"));
  EXPECT_TRUE(ValidFieldValue("any text; q=1"));
  EXPECT_FALSE(ValidFieldValue("a\r\nSet-Cookie: x"));
  EXPECT_FALSE(ValidFieldValue(std::string("a\0b", 3)));
  EXPECT_EQ(Reason(413), "Payload Too Large");
  EXPECT_EQ(Reason(299), "Unknown");
  EXPECT_EQ(HttpDate().size(), 29U);
}

}  // namespace
}  // namespace corridor::http::wire
