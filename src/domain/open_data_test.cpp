#include "domain/open_data.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace corridor::domain {
namespace {

const IndicatorDefinition kCrossings{"crossings",
                                     IndicatorKind::kFlow,
                                     "direction",
                                     {"origin", "destination", "month", "sex", "age_band"}};
const IndicatorDefinition kActive{
    "permits_active", IndicatorKind::kStock, "status", {"origin", "month", "employer_size_band"}};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(OpenDataTest, ConceptsAndCodesFollowSdmxConventions) {
  EXPECT_EQ(SdmxConcept("origin"), "ORIGIN");
  EXPECT_EQ(SdmxConcept("isco_major"), "OCCUPATION");
  EXPECT_EQ(SdmxConcept("age_band"), "AGE");
  EXPECT_EQ(SdmxConcept("employer_size_band"), "EMP_SIZE");
  EXPECT_EQ(SdmxConcept("end_reason"), "END_REASON");
  EXPECT_EQ(SdmxConcept("month"), "TIME_PERIOD");

  EXPECT_EQ(SdmxCode("sex", ""), "_T");
  EXPECT_EQ(SdmxCode("sex", kUnknownValue), "_U");
  EXPECT_EQ(SdmxCode("sex", "F"), "F");
  EXPECT_EQ(SdmxCode("age_band", "15-19"), "Y15T19");
  EXPECT_EQ(SdmxCode("age_band", "60+"), "Y_GE60");
  EXPECT_EQ(SdmxCode("employer_size_band", "1"), "S1");
  EXPECT_EQ(SdmxCode("employer_size_band", "2-9"), "S2T9");
  EXPECT_EQ(SdmxCode("employer_size_band", "250+"), "S_GE250");
  EXPECT_EQ(SdmxCode("direction", "entry"), "entry");
  EXPECT_EQ(SdmxDataflow("KWT", "permits_issued"), "CORRIDOR_KWT:PERMITS_ISSUED(1.0)");
}

// Every code a release can hold is an SDMX id ([A-Za-z0-9_@$-]+): no '+', no space.
TEST(OpenDataTest, EveryBandCodeIsAnSdmxId) {
  for (const char* band :
       {"15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60+"}) {
    const std::string code = SdmxCode("age_band", band);
    EXPECT_EQ(code.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@$-"),
              std::string::npos)
        << code;
  }
  for (const char* band : {"1", "2-9", "10-49", "50-249", "250+"}) {
    const std::string code = SdmxCode("employer_size_band", band);
    EXPECT_EQ(code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"), std::string::npos)
        << code;
  }
}

TEST(OpenDataTest, FlowFiguresWithAMonthBecomeObservationsTotalsOverTimeDoNot) {
  IndicatorRelease r;
  r.indicator = "crossings";
  r.figures = {
      // The whole period's total: no time period, so not in SDMX-CSV.
      {"crossings", {}, 300},
      {"crossings", {{"sex", "F"}}, 120},
      // A month's figure by sex, and one withheld.
      {"crossings", {{"month", "2026-10"}, {"sex", "F"}}, 42},
      {"crossings", {{"month", "2026-09"}, {"sex", "X"}}, std::nullopt},
      // A month's figure by age band and direction.
      {"crossings", {{"age_band", "60+"}, {"direction", "exit"}, {"month", "2026-10"}}, 6},
  };
  const std::vector<std::string> lines = Lines(SdmxCsv(kCrossings, r, "KWT"));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "DATAFLOW,FREQ,DIRECTION,ORIGIN,DESTINATION,SEX,AGE,TIME_PERIOD,OBS_VALUE,CONF_STATUS");
  // Sorted by their columns' codes, byte by byte: a total (_T) before "exit".
  EXPECT_EQ(lines[1], "CORRIDOR_KWT:CROSSINGS(1.0),M,_T,_T,_T,F,_T,2026-10,42,F");
  EXPECT_EQ(lines[2], "CORRIDOR_KWT:CROSSINGS(1.0),M,_T,_T,_T,X,_T,2026-09,,C");
  EXPECT_EQ(lines[3], "CORRIDOR_KWT:CROSSINGS(1.0),M,exit,_T,_T,_T,Y_GE60,2026-10,6,F");
  for (const auto& line : lines) EXPECT_EQ(Split(line).size(), Split(lines[0]).size()) << line;
}

// A real release: every SDMX observation is a figure of indicators.csv with the same value (or
// both withheld), and every figure of indicators.csv that has a month is an observation.
TEST(OpenDataTest, ObservationsAreExactlyTheFiguresThatHaveAMonth) {
  std::vector<StatDelta> counters;
  int64_t n = 4;
  for (const char* month : {"2026-09", "2026-10"}) {
    for (const char* status : {"active", "suspended"}) {
      for (const char* size : {"1", "2-9", "10-49", "250+"}) {
        for (const char* origin : {"NPL", "PHL"}) {
          n = (n * 5 + 3) % 17;
          StatKey k;
          k.indicator = "permits_active";
          k.extra = status;
          k.origin = origin;
          k.destination = "KWT";
          k.month = month;
          k.size_band = size;
          counters.push_back({k, n});
        }
      }
    }
  }
  // One permit of the only Bengali worker, with the smallest employers: a small cell.
  StatKey rare;
  rare.indicator = "permits_active";
  rare.extra = "active";
  rare.origin = "BGD";
  rare.destination = "KWT";
  rare.month = "2026-10";
  rare.size_band = "50-249";
  counters.push_back({rare, 1});
  auto release = ReleaseIndicator(kActive, counters, "2026-10", DisclosurePolicy{}, 7);
  ASSERT_TRUE(release.ok()) << release.status().ToString();
  const std::vector<std::string> sdmx = Lines(SdmxCsv(kActive, *release, "KWT"));
  // A stock: every figure carries the release's month.
  ASSERT_EQ(sdmx.size(), release->figures.size() + 1);
  EXPECT_EQ(sdmx[0], "DATAFLOW,FREQ,STATUS,ORIGIN,EMP_SIZE,TIME_PERIOD,OBS_VALUE,CONF_STATUS");

  // indicators.csv's figures, keyed by their SDMX codes.
  const std::vector<IndicatorDefinition> defs = {kActive};
  const std::vector<IndicatorRelease> releases = {*release};
  const std::vector<std::string> csv = Lines(FiguresCsv(defs, releases));
  const std::vector<std::string> header = Split(csv[0]);
  auto column = [&](const std::string& name) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    ADD_FAILURE() << name;
    return size_t{0};
  };
  std::map<std::string, std::string> figures;
  for (size_t i = 1; i < csv.size(); ++i) {
    const std::vector<std::string> f = Split(csv[i]);
    ASSERT_EQ(f[column("month")], "2026-10");
    const std::string key = SdmxCode("status", f[column("status")]) + "," +
                            SdmxCode("origin", f[column("origin")]) + "," +
                            SdmxCode("employer_size_band", f[column("employer_size_band")]);
    figures[key] = f[column("value")] + (f[column("flag")] == "suppressed" ? ",C" : ",F");
  }
  int withheld = 0;
  for (size_t i = 1; i < sdmx.size(); ++i) {
    const std::vector<std::string> o = Split(sdmx[i]);
    ASSERT_EQ(o.size(), 8u);
    EXPECT_EQ(o[0], "CORRIDOR_KWT:PERMITS_ACTIVE(1.0)");
    EXPECT_EQ(o[5], "2026-10");
    const std::string key = o[2] + "," + o[3] + "," + o[4];
    ASSERT_TRUE(figures.count(key)) << sdmx[i];
    EXPECT_EQ(figures[key], o[6] + "," + o[7]) << sdmx[i];
    if (o[7] == "C") ++withheld;
  }
  EXPECT_EQ(figures.size(), sdmx.size() - 1);
  EXPECT_GT(withheld, 0);  // the small cells of this corridor are withheld here too
}

}  // namespace
}  // namespace corridor::domain
