// Protection's cases over a test node, for the tests of the capabilities that detect signals
// (docs/formats/cases.md section 1.4): the Cases they are handed, and what the node's cases hold.
// Test-only.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/cases.hpp"
#include "store/case_store.hpp"

namespace corridor::service::testing {

class TestCases {
 public:
  explicit TestCases(store::Store& st)
      : store_(st), access_(st, 10), cases_(st, access_, DefaultCaseRules().value()) {}

  Cases* get() { return &cases_; }

  // Every case of the node, by id.
  std::vector<domain::Case> All() {
    std::vector<domain::Case> out;
    Status s = store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, store::ListCases(tx, {}, {"", 1000}));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  // "<kind>:<source>" of each signal of `k`, in the order taken in.
  static std::vector<std::string> Signals(const domain::Case& k) {
    std::vector<std::string> out;
    for (const auto& s : k.signals) out.push_back(std::string(ToString(s.kind)) + ":" + s.source);
    return out;
  }

 private:
  store::Store& store_;
  AccessLog access_;
  Cases cases_;
};

}  // namespace corridor::service::testing
