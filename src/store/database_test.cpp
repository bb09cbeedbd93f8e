#include "store/database.hpp"

#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/testing.hpp"

namespace corridor::store {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loc = testing::TestLocation::Create();
    ASSERT_TRUE(loc.ok()) << loc.status().ToString() << " " << loc.status().detail();
    loc_ = std::move(*loc);
    OpenOptions options;
    options.create = true;
    auto db = Database::Open(loc_->uri(), options);
    ASSERT_TRUE(db.ok()) << db.status().ToString() << " " << db.status().detail();
    db_ = std::move(*db);
  }

  std::unique_ptr<testing::TestLocation> loc_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, MigratesToTheLatestVersionOnceAndRefusesNewer) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.ok());
  EXPECT_EQ(*SchemaVersion(**conn), 0);
  ASSERT_TRUE(Migrate(**conn).ok());
  EXPECT_EQ(*SchemaVersion(**conn), LatestSchemaVersion());
  ASSERT_TRUE(Migrate(**conn).ok());  // idempotent
  ASSERT_TRUE((*conn)
                  ->Exec("UPDATE meta SET value = $1 WHERE key = 'schema_version'",
                         {std::to_string(LatestSchemaVersion() + 1)})
                  .ok());
  Status s = Migrate(**conn);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("newer than this program"), std::string::npos) << s.message();
}

TEST_F(DatabaseTest, ParametersAndTypesRoundTrip) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.ok());
  Connection& c = **conn;
  const char* blob_type = c.dialect() == Dialect::kSqlite ? "BLOB" : "BYTEA";
  ASSERT_TRUE(c.ExecScript(std::string("CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT, b ") +
                           blob_type + ", s TEXT)")
                  .ok());
  const uint8_t bytes[] = {0, 1, 2, 255, 0};
  const std::string text = "राम \xe2\x80\x94 'quoted' $1";
  ASSERT_TRUE(c.Exec("INSERT INTO t (id, n, b, s) VALUES ($1, $2, $3, $4)",
                     {"a", int64_t{-9007199254740993}, Param::Blob(bytes), text})
                  .ok());
  ASSERT_TRUE(c.Exec("INSERT INTO t (id, n, b, s) VALUES ($1, $2, $3, $4)",
                     {"b", Param(), Param(), Param()})
                  .ok());
  int rows = 0;
  ASSERT_TRUE(c.Query("SELECT id, n, b, s FROM t ORDER BY id", {}, [&](const Row& r) {
                 ++rows;
                 if (r.Text(0) == "a") {
                   EXPECT_EQ(r.Int(1), -9007199254740993);
                   EXPECT_EQ(std::vector<uint8_t>(r.Blob(2).begin(), r.Blob(2).end()),
                             std::vector<uint8_t>(std::begin(bytes), std::end(bytes)));
                   EXPECT_EQ(r.Text(3), text);
                 } else {
                   EXPECT_TRUE(r.IsNull(1));
                   EXPECT_TRUE(r.IsNull(2));
                   EXPECT_TRUE(r.IsNull(3));
                 }
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(*c.Exec("UPDATE t SET n = $1 WHERE id = $2", {int64_t{5}, "b"}), 1);
  EXPECT_EQ(*c.Exec("UPDATE t SET n = $1 WHERE id = $2", {int64_t{5}, "zz"}), 0);
  int64_t count = -1;
  ASSERT_TRUE(c.Query("SELECT COUNT(*) FROM t WHERE n = $1", {int64_t{5}}, [&](const Row& r) {
                 count = r.Int(0);
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(count, 1);
}

TEST_F(DatabaseTest, ConstraintViolationIsAlreadyExistsAndRollsBack) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.ok());
  Connection& c = **conn;
  ASSERT_TRUE(c.ExecScript("CREATE TABLE u (k TEXT PRIMARY KEY)").ok());
  Status s = InTransaction(c, true, [&]() -> Status {
    RETURN_IF_ERROR(c.Exec("INSERT INTO u (k) VALUES ($1)", {"x"}).status());
    return c.Exec("INSERT INTO u (k) VALUES ($1)", {"x"}).status();
  });
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
  EXPECT_FALSE(s.detail().empty());                          // for the log
  EXPECT_EQ(s.message().find("INSERT"), std::string::npos);  // never for the client
  int64_t count = -1;
  ASSERT_TRUE(c.Query("SELECT COUNT(*) FROM u", {}, [&](const Row& r) {
                 count = r.Int(0);
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(count, 0);  // nothing half-written
}

TEST_F(DatabaseTest, CallbackErrorStopsTheQuery) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.ok());
  int seen = 0;
  Status s = (*conn)->Query("SELECT 1 UNION ALL SELECT 2", {}, [&](const Row&) {
    ++seen;
    return Status::NotFound("stop");
  });
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(seen, 1);
}

TEST(DatabaseUriTest, RefusesUnknownSchemesAndMissingFiles) {
  EXPECT_EQ(Database::Open("mysql://x", {}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Database::Open("sqlite:", {}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Database::Open("sqlite:/nonexistent-dir/x.db", {}).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace corridor::store
