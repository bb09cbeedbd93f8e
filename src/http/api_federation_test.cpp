#include <gtest/gtest.h>

#include "federation/protocol.hpp"
#include "http/api.hpp"
#include "ledger/transport.hpp"
#include "service/federation_testing.hpp"

namespace corridor::http {
namespace {

using domain::Role;

// A Nepal-Kuwait corridor whose Kuwaiti node answers through its API: the origin's messages go
// through the peer endpoint's handler, and the officers' views are called as a client would.
class ApiFederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::Init();
    auto c = service::testing::TestCorridor::Create(*Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    c_ = std::move(*c);
    store::Store& st = *c_->destination.node.store;
    accounts_ = std::make_unique<service::Accounts>(st);
    access_ = std::make_unique<service::AccessLog>(st, 10);
    ApiOptions o;
    o.federation = c_->destination.federation.get();
    api_ = std::make_unique<Api>(*c_->destination.registry, *accounts_, *access_, metrics_, o);
    c_->transport.Attach(c_->destination.url, [this](const std::string& body) {
      Response r = Call("POST", "/federation/v1/messages", "", body);
      return federation::HttpReply{r.status, r.body};
    });
    officer_ = Login(Role::kDestinationOfficer, "officer", "KWT");
    admin_ = Login(Role::kAdministrator, "admin", "KWT");
    analyst_ = Login(Role::kAnalyst, "analyst", "KWT");
  }

  std::string Login(Role role, const std::string& name, const std::string& country) {
    domain::Account a;
    a.username = name;
    a.role = role;
    a.country = country;
    a.display_name = name;
    a.language = "en";
    const std::string pw = "correct horse battery " + name;
    auto created = accounts_->Create(domain::SystemActor(), a, pw);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    auto login = accounts_->Login(name, pw);
    EXPECT_TRUE(login.ok());
    return login.ok() ? login->token : "";
  }

  Response Call(const std::string& method, const std::string& target, const std::string& token,
                const std::string& body = "") {
    Request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.remote_address = "203.0.113.9";
    if (!token.empty()) r.headers.push_back({"Authorization", "Bearer " + token});
    if (!body.empty()) r.headers.push_back({"Content-Type", "application/json"});
    return api_->Handle(r);
  }
  static json::Value Json(const Response& r) {
    auto v = json::Parse(r.body);
    return v.ok() ? *v : json::Value("unparsable: " + r.body);
  }

  // Nepal licenses `n` agencies; the messages cross through the endpoint.
  void Agencies(int n) {
    for (int i = 0; i < n; ++i) {
      domain::Agency a = domain::testing::SampleAgency();
      a.id = AgencyId();
      a.licence_number = "DOFE-" + std::to_string(100 + i) + "/2081";
      ASSERT_TRUE(c_->origin.registry->RegisterAgency(domain::SystemActor(), a).ok());
    }
    ASSERT_TRUE(c_->DeliverAll().ok());
  }

  std::unique_ptr<service::testing::TestCorridor> c_;
  std::unique_ptr<service::Accounts> accounts_;
  std::unique_ptr<service::AccessLog> access_;
  Metrics metrics_;
  std::unique_ptr<Api> api_;
  std::string officer_, admin_, analyst_;
};

TEST_F(ApiFederationTest, ThePeerEndpointTakesSignedMessagesWithoutAnAccount) {
  Agencies(3);
  EXPECT_EQ(c_->destination.Count("agencies"), 3);
  EXPECT_EQ(c_->origin.Count("fed_outbox", "state = 'acknowledged'"), 3);
}

TEST_F(ApiFederationTest, ThePeerEndpointRefusesWhatIsNotTheProtocol) {
  for (const char* body : {"", "not json", "[]", "{\"envelopes\":[]}", "{\"x\":1}"}) {
    Response r = Call("POST", "/federation/v1/messages", "", body);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_EQ(r.content_type, "application/problem+json") << body;
  }
  // Each is recorded, by its size alone.
  EXPECT_EQ(c_->destination.Count("fed_refused",
                                  "remote = '203.0.113.9' AND code = 'malformed' "
                                  "AND envelope_digest = ''"),
            5);
  // An envelope that does not read is the receiver's refusal, answered 200 and logged.
  Response r = Call("POST", "/federation/v1/messages", "", "{\"envelopes\":[{\"seq\":4}]}");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["refused"]["code"].AsString(), "malformed");
  EXPECT_EQ(c_->destination.Count("fed_refused", "remote = '203.0.113.9'"), 6);
}

TEST_F(ApiFederationTest, AnAddressRefusedTooOftenIsTurnedAwayWithRetryAfter) {
  const int burst = service::FederationOptions{}.refusals.burst;
  for (int i = 0; i < burst; ++i) {
    EXPECT_EQ(Call("POST", "/federation/v1/messages", "", "not json").status, 422) << i;
  }
  Response r = Call("POST", "/federation/v1/messages", "", "not json");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(std::string(r.header("Retry-After")), "10");
  EXPECT_EQ(c_->destination.Count("fed_refused", "remote = '203.0.113.9'"), burst);
}

TEST_F(ApiFederationTest, OfficersSeeWhatCrossedAndAdministratorsOnlyItsShape) {
  Agencies(5);
  Response r = Call("GET", "/api/v1/federation/peers", officer_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value peer = Json(r)["items"].AsArray().at(0);
  EXPECT_EQ(peer.Get("node_id")->AsString(), "node-npl");
  EXPECT_EQ(*peer.Get("received")->Get("applied")->AsInt64(), 5);
  EXPECT_EQ(*peer.Get("next_seq_in")->AsInt64(), 6);
  EXPECT_EQ(Call("GET", "/api/v1/federation/peers", admin_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/federation/peers", analyst_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/federation/peers", "").status, 401);

  // Received messages, newest first, two at a time.
  r = Call("GET", "/api/v1/federation/messages?direction=received&limit=2", officer_);
  ASSERT_EQ(r.status, 200) << r.body;
  json::Value page = Json(r);
  ASSERT_EQ(page["items"].AsArray().size(), 2u);
  EXPECT_EQ(*page["items"].AsArray()[0].Get("seq")->AsInt64(), 5);
  EXPECT_EQ(page["items"].AsArray()[0].Get("state")->AsString(), "applied");
  EXPECT_EQ(page["items"].AsArray()[0].Get("envelope"), nullptr) << "no bodies in lists";
  const std::string next = page["next"].AsString();
  EXPECT_EQ(next, "node-npl/4");
  r = Call("GET", "/api/v1/federation/messages?direction=received&limit=2&after=" + next, officer_);
  EXPECT_EQ(*Json(r)["items"].AsArray()[0].Get("seq")->AsInt64(), 3);
  EXPECT_EQ(Call("GET", "/api/v1/federation/messages?direction=sideways", officer_).status, 422);
  EXPECT_EQ(
      Call("GET", "/api/v1/federation/messages?direction=received&state=pending", officer_).status,
      422);
  EXPECT_EQ(Call("GET", "/api/v1/federation/messages?limit=0", officer_).status, 422);
  EXPECT_EQ(Call("GET", "/api/v1/federation/messages?direction=received", admin_).status, 200);

  // One message whole: officers only, and every look is in the access log.
  r = Call("GET", "/api/v1/federation/messages/received/node-npl/1", officer_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value m = Json(r);
  auto env = federation::EnvelopeFromJson(*m.Get("envelope"));
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  EXPECT_TRUE(federation::VerifyEnvelope(*env, c_->origin.node.key->public_key()).ok());
  auto receipt = federation::ReceiptFromJson(*m.Get("receipt"));
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(federation::VerifyReceipt(*receipt, c_->destination.node.key->public_key()).ok());
  EXPECT_EQ(Call("GET", "/api/v1/federation/messages/received/node-npl/1", admin_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/federation/messages/received/node-npl/99", officer_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/federation/messages/upwards/node-npl/1", officer_).status, 422);
  ASSERT_TRUE(access_->Flush().ok());
  EXPECT_EQ(c_->destination.Count("access_log", "subject_kind = 'federation_message'"), 3);
  EXPECT_EQ(
      c_->destination.Count("access_log", "subject_kind = 'federation_message' AND allowed = 1"),
      1);

  EXPECT_EQ(Call("GET", "/api/v1/federation/refused", officer_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/federation/refused", admin_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/federation/heads", officer_).status, 200);
}

TEST_F(ApiFederationTest, HeadsHandedOverAreListed) {
  Agencies(1);
  ASSERT_EQ(*c_->origin.federation->QueueHeads(), 1);
  ASSERT_TRUE(c_->DeliverAll().ok());
  Response r = Call("GET", "/api/v1/federation/heads?peer=node-npl", officer_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value items = Json(r)["items"];
  ASSERT_EQ(items.AsArray().size(), 1u);
  auto sth = ledger::SignedTreeHeadFromJson(*items.AsArray()[0].Get("head"));
  ASSERT_TRUE(sth.ok());
  EXPECT_TRUE(ledger::VerifyTreeHead(*sth, c_->origin.node.key->public_key()).ok());
}

}  // namespace
}  // namespace corridor::http
