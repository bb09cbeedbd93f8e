// Data-driven reconciliation cases: every folder under tests/data/payroll/ is one test.
//
// A folder holds `case.txt` (what to run), the contract book CSVs, the payroll files and
// `expected.txt`, the exact set of lines the run must produce (order does not matter):
//   CODE,WORKER,MONTH,EXPECTED,ACTUAL       one per finding
//   error,FILE,LINE,FIELD                   a file refused whole
//   unlock,WORKER,EMPLOYER,MONTH,MONTHS     a worker newly free to transfer without notice
//   step,EMPLOYER,MONTH,ACTION,new|taken    an escalation step due
// case.txt directives, one per line ('#' starts a comment):
//   contracts FILE | floors FILE | threshold N | grace DAYS | tolerance MINOR
//   session YYYY-MM
//   sif FILE employer=ID paid_on=YYYY-MM-DD [currency=AED]
//   extended FILE [employer=ID]
//   close
//   ladder FILE country=CC today=YYYY-MM-DD [taken=FILE]
// Adding a case needs no C++.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "payroll/consequences.hpp"
#include "payroll/contracts.hpp"
#include "payroll/reconcile.hpp"

namespace corridor::payroll {
namespace {

namespace fs = std::filesystem;

fs::path CasesDir() { return fs::path(CORRIDOR_SOURCE_DIR) / "tests" / "data" / "payroll"; }

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  if (!fs::exists(CasesDir())) return names;
  for (const auto& entry : fs::directory_iterator(CasesDir())) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::map<std::string, std::string> Options(const std::vector<std::string>& words) {
  std::map<std::string, std::string> opts;
  for (size_t i = 2; i < words.size(); ++i) {
    const size_t eq = words[i].find('=');
    if (eq != std::string::npos) opts[words[i].substr(0, eq)] = words[i].substr(eq + 1);
  }
  return opts;
}

std::string ErrorLine(const std::string& file, const Status& s) {
  // Messages start "line N: ..." (see docs/formats/payroll.md).
  std::string line = "?";
  const std::string& m = s.message();
  if (m.rfind("line ", 0) == 0) line = m.substr(5, m.find(':') - 5);
  return "error," + file + "," + line + "," + s.field();
}

std::vector<std::string> ReadExpected(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

class PayrollCase : public ::testing::TestWithParam<std::string> {};

TEST_P(PayrollCase, ProducesExactlyTheExpectedLines) {
  const fs::path dir = CasesDir() / GetParam();
  ASSERT_TRUE(fs::exists(dir / "expected.txt")) << "each case needs expected.txt";
  std::ifstream manifest(dir / "case.txt");
  ASSERT_TRUE(manifest.good()) << "each case needs case.txt";

  ContractBook book;
  bool built = false;
  ReconcileConfig config;
  int threshold = 2;
  std::unique_ptr<Session> session;
  std::vector<Finding> all_findings;
  std::optional<Arrears> arrears;
  std::vector<std::string> got;

  auto finish_session = [&]() {
    if (!session) return;
    for (const Finding& f : session->findings()) {
      got.push_back(std::string(FindingCodeName(f.code)) + "," + f.worker + "," +
                    f.month.ToString() + "," + f.ExpectedText() + "," + f.ActualText());
      all_findings.push_back(f);
    }
    if (!arrears) arrears.emplace(threshold);
    for (const Unlock& u : arrears->Apply(session->balances())) {
      got.push_back("unlock," + u.worker + "," + u.employer + "," + u.month.ToString() + "," +
                    std::to_string(u.months_in_arrears));
    }
    session.reset();
  };

  int n = 0;
  for (std::string line; std::getline(manifest, line);) {
    ++n;
    const auto words = Words(line.substr(0, line.find('#')));
    if (words.empty()) continue;
    const std::string& verb = words[0];
    SCOPED_TRACE("case.txt line " + std::to_string(n) + ": " + line);
    auto open = [&](const std::string& name) {
      auto in = std::make_unique<std::ifstream>(dir / name, std::ios::binary);
      EXPECT_TRUE(in->good()) << "cannot open " << name;
      return in;
    };
    if (verb == "contracts") {
      auto in = open(words.at(1));
      Status s = LoadContractsCsv(*in, book);
      ASSERT_TRUE(s.ok()) << s.ToString();
    } else if (verb == "floors") {
      auto in = open(words.at(1));
      Status s = LoadFloorsCsv(*in, book);
      ASSERT_TRUE(s.ok()) << s.ToString();
    } else if (verb == "threshold") {
      threshold = std::stoi(words.at(1));
    } else if (verb == "grace") {
      config.grace_days = std::stoi(words.at(1));
    } else if (verb == "tolerance") {
      config.tolerance_minor = std::stoll(words.at(1));
    } else if (verb == "session") {
      finish_session();
      if (!built) {
        Status s = book.Build();
        ASSERT_TRUE(s.ok()) << s.ToString();
        built = true;
      }
      auto m = Month::Parse(words.at(1));
      ASSERT_TRUE(m.ok());
      config.month = *m;
      session = std::make_unique<Session>(book, config);
    } else if (verb == "sif" || verb == "extended") {
      ASSERT_TRUE(session) << "a file before any session";
      auto opts = Options(words);
      auto in = open(words.at(1));
      Status s;
      if (verb == "sif") {
        SifSubmission sub;
        sub.employer_id = opts["employer"];
        if (opts.count("currency")) sub.currency = opts["currency"];
        auto paid = Date::Parse(opts["paid_on"]);
        ASSERT_TRUE(paid.ok()) << "sif needs paid_on=YYYY-MM-DD";
        sub.paid_on = *paid;
        s = session->AddSif(*in, sub).status();
      } else {
        ExtendedSubmission sub;
        sub.employer_id = opts["employer"];
        s = session->AddExtended(*in, sub).status();
      }
      if (!s.ok()) got.push_back(ErrorLine(words.at(1), s));
    } else if (verb == "close") {
      ASSERT_TRUE(session) << "close before any session";
      Status s = session->Close();
      ASSERT_TRUE(s.ok()) << s.ToString();
    } else if (verb == "ladder") {
      finish_session();
      auto opts = Options(words);
      auto in = open(words.at(1));
      auto ladder = LoadLadderCsv(*in, opts["country"]);
      ASSERT_TRUE(ladder.ok()) << ladder.status().ToString();
      auto today = Date::Parse(opts["today"]);
      ASSERT_TRUE(today.ok()) << "ladder needs today=YYYY-MM-DD";
      std::vector<StepTaken> taken;
      if (opts.count("taken")) {
        auto tin = open(opts["taken"]);
        CsvReader reader(*tin);
        std::vector<std::string> row;
        bool header = true;
        while (reader.Next(row).value()) {
          if (header) {
            header = false;
            continue;
          }
          ASSERT_EQ(row.size(), 3u) << "taken rows are employer,month,action";
          taken.push_back(StepTaken{row[0], Month::Parse(row[1]).value(), row[2]});
        }
      }
      const auto overdue = OverdueFrom(all_findings);
      for (const StepDue& s : StepsDue(*ladder, overdue, *today, taken)) {
        got.push_back("step," + s.employer + "," + s.month.ToString() + "," + s.action + "," +
                      (s.already_taken ? "taken" : "new"));
      }
    } else {
      FAIL() << "unknown directive '" << verb << "'";
    }
  }
  finish_session();

  std::vector<std::string> want = ReadExpected(dir / "expected.txt");
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  std::ostringstream diff;
  std::vector<std::string> missing;
  std::vector<std::string> extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                      std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  for (const auto& m : missing) diff << "  missing: " << m << "\n";
  for (const auto& e : extra) diff << "  unexpected: " << e << "\n";
  EXPECT_TRUE(missing.empty() && extra.empty()) << GetParam() << ":\n" << diff.str();
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& param_info) {
  return param_info.param;
}

INSTANTIATE_TEST_SUITE_P(Cases, PayrollCase, ::testing::ValuesIn(CaseNames()), CaseName);

TEST(PayrollCases, ThereAreCases) { EXPECT_GE(CaseNames().size(), 10u); }

}  // namespace
}  // namespace corridor::payroll
