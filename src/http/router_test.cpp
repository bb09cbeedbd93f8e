#include "http/router.hpp"

#include <gtest/gtest.h>

namespace corridor::http {
namespace {

Request Req(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  return r;
}

Router TestRouter() {
  Router router;
  RouteHandler ok = [](const Request&, const Params& p) {
    Response r;
    r.body = p.count("file") ? p.find("file")->second : "ok";
    return r;
  };
  router.Add("GET", "/assets/{file}", ok);
  router.Add("POST", "/open", ok);
  router.Add("POST", "/upload", WithMaxBody(32 << 20, RouteSpec(ok, [](const Request& head) {
                                              std::optional<Response> refuse;
                                              if (head.header("Authorization").empty()) {
                                                refuse = Response();
                                                refuse->status = 401;
                                              }
                                              return refuse;
                                            })));
  return router;
}

TEST(Router, DotSegmentsAndNulAreRefusedAsSentOrEncoded) {
  const Router router = TestRouter();
  for (const char* target :
       {"/assets/..", "/assets/.", "/assets/%2e%2e", "/assets/%2E.", "/assets/..%2Fsecret",
        "/assets/a%2F..%2F..%2Fetc%2Fpasswd", "/assets/x%00.js", "/../assets/x", "/assets/%2e"}) {
    const Response r = router.Handle(Req("GET", target));
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("/problems/bad-request"), std::string::npos) << target;
    const HeadDecision d = router.Head(Req("GET", target));
    ASSERT_TRUE(d.answer) << target;
    EXPECT_EQ(d.answer->status, 400) << target;
  }
  EXPECT_EQ(router.Handle(Req("GET", "/assets/app.1.js")).body, "app.1.js");
  EXPECT_EQ(router.Handle(Req("GET", "/assets/..app.js")).status, 200);  // a name, not a segment
}

TEST(Router, TheHeadDecidesRouteLoginAndBodyLimit) {
  const Router router = TestRouter();
  HeadDecision d = router.Head(Req("POST", "/nowhere"));
  ASSERT_TRUE(d.answer);
  EXPECT_EQ(d.answer->status, 404);
  EXPECT_EQ(d.answer->route, "unmatched");
  d = router.Head(Req("GET", "/open"));
  ASSERT_TRUE(d.answer);
  EXPECT_EQ(d.answer->status, 405);
  d = router.Head(Req("POST", "/upload"));
  ASSERT_TRUE(d.answer);
  EXPECT_EQ(d.answer->status, 401);
  EXPECT_EQ(d.answer->route, "/upload");
  Request authed = Req("POST", "/upload");
  authed.headers.push_back({"Authorization", "Bearer x"});
  d = router.Head(authed);
  EXPECT_FALSE(d.answer);
  EXPECT_EQ(d.max_body_bytes, 32U << 20);
  d = router.Head(Req("POST", "/open"));
  EXPECT_FALSE(d.answer);
  EXPECT_EQ(d.max_body_bytes, kDefaultMaxBody);
  EXPECT_EQ(router.RouteLabels(), (std::vector<std::string>{"/assets/{file}", "/open", "/upload",
                                                            "unmatched", "method-not-allowed"}));
}

}  // namespace
}  // namespace corridor::http
