// The border's commands run as the real binary: `corridor mrz parse` against the JSON that
// docs/formats/mrz.md section 10 prints, `corridor screen import` replacing lists atomically,
// `screen compare` over labelled pairs (tests/data/border/compare-pairs.csv), `screen query`,
// `screen export` against the ledger's digest, and `border daily`. Each test works in a
// temporary directory of its own with an SQLite store.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "crypto/crypto.hpp"
#include "json/json.hpp"
#include "test_data.hpp"

namespace corridor {
namespace {

struct Outcome {
  int exit = -1;
  std::string out, err;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// A file the repository carries for its tests (tests/data/lists/README.md gives provenance).
std::string TestData(const std::string& file) { return corridor::testing::TestDataFile(file); }

class BorderCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/corridor-cli-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    store_ = "sqlite:" + dir_ + "/node.db";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs `corridor ARGS` with standard input from `stdin_text`.
  Outcome Corridor(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    WriteAll(dir_ + "/stdin", stdin_text);
    std::string cmd = Quote(CORRIDOR_BIN);
    for (const auto& a : args) cmd += " " + Quote(a);
    cmd += " < " + Quote(dir_ + "/stdin") + " > " + Quote(dir_ + "/stdout") + " 2> " +
           Quote(dir_ + "/stderr");
    const int status = std::system(cmd.c_str());
    Outcome r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadAll(dir_ + "/stdout");
    r.err = ReadAll(dir_ + "/stderr");
    return r;
  }

  void Init() {
    Outcome r = Corridor({"init", "--store", store_, "--country", "KWT"});
    ASSERT_EQ(r.exit, 0) << r.err;
  }

  std::string File(const std::string& name, const std::string& text) {
    WriteAll(dir_ + "/" + name, text);
    return dir_ + "/" + name;
  }

  std::string dir_;
  std::string store_;
};

// The JSON blocks of docs/formats/mrz.md section 10, in order.
std::vector<json::Value> DocumentedMrzJson() {
  const std::string doc = ReadAll(std::string(CORRIDOR_SOURCE_DIR) + "/docs/formats/mrz.md");
  const size_t from = doc.find("## 10.");
  const size_t to = doc.find("## 11.");
  std::vector<json::Value> out;
  size_t p = from;
  while ((p = doc.find("```json\n", p)) != std::string::npos && p < to) {
    const size_t start = p + 8;
    const size_t end = doc.find("```", start);
    auto v = json::Parse(doc.substr(start, end - start));
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    if (v.ok()) out.push_back(*v);
    p = end + 3;
  }
  return out;
}

// The command prints exactly the documented objects (keys in the documented order) for the
// documented input: the ICAO passport with a misread date of birth, and a zone whose second line
// is one character short, starting on line 7.
TEST_F(BorderCliTest, MrzParsePrintsWhatTheFormatDocumentSays) {
  const auto documented = DocumentedMrzJson();
  ASSERT_EQ(documented.size(), 2u);
  const std::string input =
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
      "L898902C36UTO74O8122F1204159ZE184226B<<<<<10\n"
      "\n"
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
      "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
      "\n"
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
      "L898902C36UTO7408122F1204159ZE184226B<<<<<1\n";
  Outcome r = Corridor({"mrz", "parse", "--today", "2026-03-01"}, input);
  EXPECT_EQ(r.exit, 1) << r.err;  // one zone invalid, one refused
  auto printed = json::Parse(r.out);
  ASSERT_TRUE(printed.ok()) << printed.status().ToString() << "\n" << r.out;
  ASSERT_EQ(printed->AsArray().size(), 3u);
  EXPECT_EQ(json::Write(printed->AsArray()[0]), json::Write(documented[0]));
  EXPECT_EQ(json::Write(printed->AsArray()[2]), json::Write(documented[1]));
  const json::Value& valid = printed->AsArray()[1];
  EXPECT_EQ(valid.Get("input_line")->AsNumber(), 4);
  EXPECT_TRUE(valid.Get("valid")->AsBool());
  // One object a line inside the array.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);
}

TEST_F(BorderCliTest, MrzParseReadsArgumentsAndExitsByTheDocumentedCodes) {
  Outcome r = Corridor({"mrz", "parse", "--today", "2026-03-01",
                        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                        "L898902C36UTO7408122F1204159ZE184226B<<<<<10"});
  EXPECT_EQ(r.exit, 0) << r.err;
  auto v = json::Parse(r.out);
  ASSERT_TRUE(v.ok()) << r.out;
  ASSERT_EQ(v->AsArray().size(), 1u);
  const json::Value& d = v->AsArray()[0];
  EXPECT_EQ(d.Get("input_line")->AsNumber(), 1);
  EXPECT_EQ(d.Get("fields")->Get("birth_date")->Get("date")->AsString(), "1974-08-12");
  // An empty argument separates zones: the second starts at argument 4.
  r = Corridor({"mrz", "parse", "--today", "2026-03-01",
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10", "", "I<UTO"});
  EXPECT_EQ(r.exit, 1);
  v = json::Parse(r.out);
  ASSERT_TRUE(v.ok()) << r.out;
  EXPECT_EQ(v->AsArray()[1].Get("input_line")->AsNumber(), 4);
  EXPECT_FALSE(v->AsArray()[1].Get("ok")->AsBool());
  // Bad options and oversized input: exit 2, a message, no JSON.
  r = Corridor({"mrz", "parse", "--today", "2026-02-30"}, "x\n");
  EXPECT_EQ(r.exit, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("--today"), std::string::npos);
  r = Corridor({"mrz", "parse", "--expiry-years-ahead", "100"}, "x\n");
  EXPECT_EQ(r.exit, 2);
  r = Corridor({"mrz", "parse"}, std::string((1 << 20) + 1, '<'));
  EXPECT_EQ(r.exit, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("1 MiB"), std::string::npos);
}

const char* kHeader =
    "list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,"
    "document_number,document_country,reason\n";

// A list import replaces the list or, with any bad file, changes nothing; every version can be
// exported, and its SHA-256 is the digest the import reported (and the ledger keeps).
TEST_F(BorderCliTest, ScreenImportReplacesAtomicallyAndKeepsEveryVersion) {
  Init();
  const std::string v1 = File("v1.csv", std::string(kHeader) +
                                            "NP-WANTED,17,person,Ram Bahadur Thapa,,1980-03-04,"
                                            "NPL,M,,,,warrant\n"
                                            "NP-LOST,P1,document,,,,,,Passport,PA7654321,NPL,"
                                            "stolen\n");
  Outcome r = Corridor({"screen", "import", "--store", store_, "--list", "csv", v1});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("NP-WANTED: version 1, 1 entries"), std::string::npos) << r.out;
  const size_t at = r.out.find("NP-WANTED: version 1");
  const std::string digest1 = r.out.substr(r.out.find("digest ", at) + 7, 64);

  const std::string good = File("good.csv", std::string(kHeader) +
                                                "NP-WANTED,18,person,Maya Tamang,,1975-01-02,NPL,"
                                                "F,,,,fraud\n");
  const std::string bad = File("bad.csv", std::string(kHeader) +
                                              "NP-WANTED,19,person,Hari Rai,,1980-02-30,NPL,M,,,,"
                                              "x\n");
  r = Corridor({"screen", "import", "--store", store_, "--list", "csv", good, bad});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("bad.csv: line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
  r = Corridor({"screen", "export", "--store", store_, "--list", "NP-WANTED"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(HexEncode(crypto::Sha256(r.out)), digest1);
  EXPECT_NE(r.out.find("Ram Bahadur Thapa"), std::string::npos);

  r = Corridor({"screen", "import", "--store", store_, "--list", "csv", good});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("NP-WANTED: version 2, 1 entries (1 added, 0 changed, 1 removed)"),
            std::string::npos)
      << r.out;
  r = Corridor({"screen", "export", "--store", store_, "--list", "NP-WANTED", "--version", "1"});
  ASSERT_EQ(r.exit, 0);
  EXPECT_EQ(HexEncode(crypto::Sha256(r.out)), digest1);
  r = Corridor({"screen", "export", "--store", store_, "--list", "NP-WANTED"});
  EXPECT_NE(r.out.find("Maya Tamang"), std::string::npos);
  EXPECT_EQ(r.out.find("Ram Bahadur Thapa"), std::string::npos);
  r = Corridor({"screen", "lists", "--store", store_});
  EXPECT_NE(r.out.find("NP-WANTED version 1 (csv)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NP-WANTED version 2 (csv)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("source good.csv"), std::string::npos) << r.out;
  r = Corridor({"screen", "export", "--store", store_, "--list", "NOPE"});
  EXPECT_EQ(r.exit, 1);
  // The ledger verifies after every import.
  r = Corridor({"audit", "verify", "--store", store_});
  EXPECT_EQ(r.exit, 0) << r.err;
  r = Corridor({"screen", "import", "--store", store_, "--list", "xml", good});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("--list must be un-xml, ofac-csv or csv"), std::string::npos) << r.err;
}

TEST_F(BorderCliTest, TheRealUnAndOfacListsImport) {
  Init();
  Outcome r = Corridor({"screen", "import", "--store", store_, "--list", "un-xml",
                        TestData("lists/un-consolidated-list.xml")});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("UN: version 1"), std::string::npos) << r.out;
  r = Corridor({"screen", "import", "--store", store_, "--list", "ofac-csv",
                TestData("lists/ofac-sdn.csv"), TestData("lists/ofac-alt.csv")});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("OFAC-SDN: version 1"), std::string::npos) << r.out;
  // A UN file given as OFAC's is refused, naming the file.
  r = Corridor({"screen", "import", "--store", store_, "--list", "ofac-csv",
                TestData("lists/un-consolidated-list.xml")});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("un-consolidated-list.xml"), std::string::npos) << r.err;
  r = Corridor({"screen", "query", "--store", store_, "Ayman al-Zawahiri", "--limit", "3"});
  ASSERT_EQ(r.exit, 0) << r.err;
  auto line = json::Parse(r.out.substr(0, r.out.find('\n')));
  ASSERT_TRUE(line.ok()) << r.out;
  ASSERT_FALSE(line->Get("candidates")->AsArray().empty()) << r.out;
  std::string listed = line->Get("candidates")->AsArray()[0].Get("listed_name")->AsString();
  for (char& ch : listed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_NE(listed.find("ZAWAHIRI"), std::string::npos) << r.out;
}

// Labelled pairs (tests/data/border/compare-pairs.csv, name1,name2,expected): every row's
// decision, without lists (every name part weighs alike).
TEST_F(BorderCliTest, ScreenCompareDecidesTheLabelledPairs) {
  const std::string file =
      std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/border/compare-pairs.csv";
  Outcome r = Corridor({"screen", "compare", "--pairs", file});
  ASSERT_EQ(r.exit, 0) << r.err;
  std::istringstream labelled(ReadAll(file)), printed(r.out);
  std::string want, got;
  std::getline(printed, got);
  EXPECT_EQ(got, "name1,name2,score,decision");
  int rows = 0;
  while (std::getline(labelled, want)) {
    if (want.empty() || want[0] == '#' || want.rfind("name1,", 0) == 0) continue;
    ASSERT_TRUE(std::getline(printed, got)) << "no output for " << want;
    const std::string expected = want.substr(want.rfind(',') + 1);
    const std::string decision = got.substr(got.rfind(',') + 1);
    const std::string names = want.substr(0, want.rfind(','));
    EXPECT_EQ(got.substr(0, names.size()), names);
    EXPECT_EQ(decision, expected) << got;
    ++rows;
  }
  EXPECT_GE(rows, 30);
  EXPECT_FALSE(std::getline(printed, got));

  // Two names: score, decision, explanation.
  r = Corridor({"screen", "compare", "Mohammed Abdelaziz Hamdan", "Muhammad Abd al-Aziz Hamdan"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out.rfind("score ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\ndecision match\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("equivalent-variant"), std::string::npos) << r.out;
  // Thresholds are options: the same pair is only a review when a match needs 0.999.
  r = Corridor({"screen", "compare", "--match-threshold", "0.999", "Mohamed Abdelaziz Hamdan",
                "Muhammad Abd al-Aziz Hamdan"});
  EXPECT_NE(r.out.find("\ndecision review\n"), std::string::npos) << r.out;
  const std::string config = File("config.json", R"({"match": {"match_threshold": 0.999}})");
  r = Corridor({"screen", "compare", "--config", config, "Mohamed Abdelaziz Hamdan",
                "Muhammad Abd al-Aziz Hamdan"});
  EXPECT_NE(r.out.find("\ndecision review\n"), std::string::npos) << r.out;
  const std::string bad = File("bad.json", R"({"match": {"match_treshold": 0.9}})");
  r = Corridor({"screen", "compare", "--config", bad, "A B", "A B"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("match.match_treshold"), std::string::npos) << r.err;
  r = Corridor({"screen", "compare", "only one"});
  EXPECT_EQ(r.exit, 1);
}

// The shared cross-script pairs file has no header: its first two columns are compared.
TEST_F(BorderCliTest, ScreenCompareReadsTheCrossScriptPairs) {
  Outcome r =
      Corridor({"screen", "compare", "--pairs", TestData("screening/cross-script-name-pairs.csv")});
  ASSERT_EQ(r.exit, 0) << r.err;
  std::istringstream printed(r.out);
  std::string line;
  int rows = -1, matches = 0;
  while (std::getline(printed, line)) {
    ++rows;
    matches += line.size() > 6 && line.compare(line.size() - 6, 6, ",match") == 0;
  }
  EXPECT_EQ(rows, 22);
  // Every pair names one person; with the Korean and Japanese readings loaded (Debian's
  // unicode-data and mecab-ipadic) every one is a match when all name parts weigh alike.
  EXPECT_EQ(matches, 22) << r.out;
}

TEST_F(BorderCliTest, ScreenQueryPrintsOneJsonLinePerQuery) {
  Init();
  const std::string list = File("list.csv", std::string(kHeader) +
                                                "NP-WANTED,17,person,Ram Bahadur Thapa,,"
                                                "1980-03-04,NPL,M,,,,warrant\n"
                                                "NP-WANTED,18,person,Maya Tamang,,1975-01-02,NPL,"
                                                "F,,,,fraud\n");
  ASSERT_EQ(Corridor({"screen", "import", "--store", store_, "--list", "csv", list}).exit, 0);
  Outcome r = Corridor({"screen", "query", "--store", store_, "Ram Thapa", "--dob", "1980-03-04",
                        "--nationality", "NP"});
  ASSERT_EQ(r.exit, 0) << r.err;
  auto v = json::Parse(r.out);
  ASSERT_TRUE(v.ok()) << r.out;
  EXPECT_EQ(v->Get("query")->Get("nationality")->AsString(), "NPL");
  ASSERT_EQ(v->Get("candidates")->AsArray().size(), 1u);
  const json::Value& c = v->Get("candidates")->AsArray()[0];
  EXPECT_EQ(c.Get("entry_id")->AsString(), "17");
  EXPECT_NE(c.Get("explanation")->AsString().find("date of birth"), std::string::npos);
  EXPECT_FALSE(c.Get("parts")->AsArray().empty());

  const std::string queries = File("q.csv",
                                   "full_name,date_of_birth,nationality\n"
                                   "Ram Bahadur Thapa,1980-03-04,Nepal\n"
                                   "Maya Tamang,,\n"
                                   "Sita Rai,1990-01-01,NPL\n");
  r = Corridor({"screen", "query", "--store", store_, "--queries", queries});
  ASSERT_EQ(r.exit, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<json::Value> printed;
  std::string line;
  while (std::getline(lines, line)) printed.push_back(*json::Parse(line));
  ASSERT_EQ(printed.size(), 3u);
  EXPECT_EQ(printed[0].Get("line")->AsNumber(), 2);
  EXPECT_EQ(printed[1].Get("candidates")->AsArray()[0].Get("entry_id")->AsString(), "18");
  EXPECT_TRUE(printed[2].Get("candidates")->AsArray().empty());
  // A bad row is an error naming it, and nothing is printed.
  const std::string bad = File("bad.csv",
                               "full_name,date_of_birth\n"
                               "Ram Bahadur Thapa,1980-03-04\n"
                               "Maya Tamang,1975-13-01\n");
  r = Corridor({"screen", "query", "--store", store_, "--queries", bad});
  EXPECT_EQ(r.exit, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("line 3: date_of_birth"), std::string::npos) << r.err;
  r = Corridor({"screen", "query", "--store", store_, "Ram Thapa", "--nationality", "Atlantis"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("nationality"), std::string::npos) << r.err;
}

TEST_F(BorderCliTest, BorderDailyRunsTheOverstayJob) {
  Init();
  Outcome r = Corridor({"border", "daily", "--store", store_, "--today", "2027-01-01"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("overstays on 2027-01-01: 0 open entries examined, 0 flagged"),
            std::string::npos)
      << r.out;
  r = Corridor({"border", "daily", "--store", store_, "--today", "tomorrow"});
  EXPECT_EQ(r.exit, 1);
}

}  // namespace
}  // namespace corridor
