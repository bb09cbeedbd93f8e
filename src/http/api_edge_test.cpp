// The API's edge: what is decided on a request's head (route, login, body limit), the portal's
// files served from the list made at start-up, the security headers of HTML pages, and metrics
// labels from the router's fixed set.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "http/api.hpp"
#include "http/html.hpp"
#include "http/testing.hpp"

namespace corridor::http {
namespace {

namespace fs = std::filesystem;
using domain::Role;

class ApiEdgeTest : public ::testing::Test {
 protected:
  // Whatever a test wrote through the API, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (t_ && t_->node.store) {
      EXPECT_EQ(store::testing::AuditProblems(*t_->node.store), "");
    }
  }

  void SetUp() override {
    auto api = testing::TestApi::Create("KWT", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    t_ = std::move(*api);
    auto token = t_->NewAccount(Role::kAdministrator, "admin", "KWT");
    ASSERT_TRUE(token.ok()) << token.status().ToString();
    admin_ = *token;
  }

  static Request Head(std::string method, std::string target, const std::string& token = "") {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.headers.push_back({"Host", "node"});
    if (!token.empty()) r.headers.push_back({"Authorization", "Bearer " + token});
    return r;
  }

  std::unique_ptr<testing::TestApi> t_;
  std::string admin_;
};

void ExpectHtmlSecurityHeaders(const Response& r) {
  const std::string csp(r.header("Content-Security-Policy"));
  EXPECT_EQ(csp, kContentSecurityPolicy);
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(csp.substr(csp.find("script-src")).find("unsafe-inline;"), std::string::npos)
      << "no inline script: " << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
}

TEST_F(ApiEdgeTest, TheHeadIsRoutedAndAuthenticatedBeforeTheBody) {
  HeadDecision d = t_->api->Head(Head("POST", "/api/v1/contracts"));
  ASSERT_TRUE(d.answer);
  EXPECT_EQ(d.answer->status, 401);
  EXPECT_EQ(d.answer->header("WWW-Authenticate"), "Bearer");
  d = t_->api->Head(Head("POST", "/api/v1/contracts", "not-a-token"));
  ASSERT_TRUE(d.answer);
  EXPECT_EQ(d.answer->status, 401);
  d = t_->api->Head(Head("POST", "/api/v1/contracts", admin_));
  EXPECT_FALSE(d.answer);
  EXPECT_EQ(d.max_body_bytes, size_t{1} << 20);
  d = t_->api->Head(Head("POST", "/api/v1/no-such-thing", admin_));
  ASSERT_TRUE(d.answer);
  EXPECT_EQ(d.answer->status, 404);
  // The uploads take what their documents say (docs/openapi.yaml): payroll files 32 MiB (the
  // wages configuration), watchlist imports 16 MiB.
  d = t_->api->Head(Head("POST", "/api/v1/payroll/files", admin_));
  EXPECT_FALSE(d.answer);
  EXPECT_EQ(d.max_body_bytes, size_t{32} << 20);
  d = t_->api->Head(Head("POST", "/api/v1/watchlists/imports", admin_));
  EXPECT_FALSE(d.answer);
  EXPECT_EQ(d.max_body_bytes, size_t{16} << 20);
  // Logging in needs no token.
  d = t_->api->Head(Head("POST", "/api/v1/session"));
  EXPECT_FALSE(d.answer);
}

TEST_F(ApiEdgeTest, HtmlPagesCarryTheSecurityHeaders) {
  const Response missing = t_->Call("GET", "/verify/C-NOSUCH", "");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type.rfind("text/html", 0), 0U);
  ExpectHtmlSecurityHeaders(missing);
  const Response json = t_->Call("GET", "/verify/C-NOSUCH?format=json", "");
  EXPECT_EQ(json.header("Content-Security-Policy"), "");
}

TEST_F(ApiEdgeTest, ThePortalsFilesAreListedOnceAtStartUp) {
  const fs::path root = fs::path(::testing::TempDir()) / ("web-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>portal</title>";
  std::ofstream(root / "assets" / "app.1.js") << "console.log(1)";
  std::ofstream(root / "secret.txt") << "not a portal file";
  ApiOptions options;
  options.web_root = root.string();
  Metrics metrics;
  Api api(*t_->registry, *t_->accounts, *t_->access, metrics, options);
  // Written after start-up: never served.
  std::ofstream(root / "assets" / "late.js") << "console.log(2)";

  auto get = [&api](const std::string& target) {
    Request r;
    r.method = "GET";
    r.target = target;
    return api.Handle(r);
  };
  Response index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>portal</title>");
  ExpectHtmlSecurityHeaders(index);
  ExpectHtmlSecurityHeaders(get("/app/contracts/C-1"));
  Response js = get("/assets/app.1.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("Content-Security-Policy"), "");
  EXPECT_EQ(get("/assets/late.js").status, 404);
  EXPECT_EQ(get("/secret.txt").status, 404);
  EXPECT_EQ(get("/assets/..%2Fsecret.txt").status, 400);
  EXPECT_EQ(get("/assets/%2e%2e").status, 400);
  EXPECT_EQ(get("/assets/app.1.js%00.png").status, 400);
  fs::remove_all(root);
}

TEST_F(ApiEdgeTest, MetricsKeepOnlyTheRoutersLabels) {
  t_->metrics->ObserveRequest("GET", "/api/v1/contracts/{id}", 200, 0.001);
  t_->metrics->ObserveRequest("GET", "/api/v1/contracts/C-12345", 404, 0.001);
  t_->metrics->ObserveRequest("PROPFIND", "unmatched", 405, 0.001);
  const std::string text = t_->metrics->Render();
  EXPECT_NE(text.find("route=\"/api/v1/contracts/{id}\""), std::string::npos) << text;
  EXPECT_EQ(text.find("C-12345"), std::string::npos) << text;
  EXPECT_EQ(text.find("PROPFIND"), std::string::npos) << text;
}

}  // namespace
}  // namespace corridor::http
