#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace corridor::http {
namespace {

TEST(Metrics, LabelsComeFromAFixedSet) {
  Metrics m;
  m.SetRoutes({"/api/v1/contracts/{id}", "unmatched", "method-not-allowed"});
  m.ObserveRequest("GET", "/api/v1/contracts/{id}", 200, 0.001);
  // A request can choose its method and path: neither may add a series.
  for (int i = 0; i < 50; ++i) {
    m.ObserveRequest("BREW" + std::to_string(i), "unmatched", 405, 0.001);
    m.ObserveRequest("GET", "/made/up/" + std::to_string(i), 404, 0.001);
  }
  m.ObserveRequest("", "unmatched", 400, 0.001);  // the request line was unreadable
  const std::string text = m.Render();
  EXPECT_EQ(text.find("BREW"), std::string::npos) << text;
  EXPECT_EQ(text.find("/made/up"), std::string::npos) << text;
  EXPECT_NE(text.find("method=\"other\",route=\"unmatched\",status=\"405\"} 50"), std::string::npos)
      << text;
  EXPECT_NE(text.find("method=\"GET\",route=\"unmatched\",status=\"404\"} 50"), std::string::npos)
      << text;
  EXPECT_NE(text.find("method=\"GET\",route=\"/api/v1/contracts/{id}\",status=\"200\"} 1"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace corridor::http
