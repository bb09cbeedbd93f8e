// Scores every pair of a labelled name-pair file with the project's scorer and prints, for each
// category and overall, how well the decisions and the score separate the same person from
// different people. The evaluation set is tests/data/screening/eval/ (its README says how it is
// made); bench/screening/eval runs this on one of its splits.
//
//   screening_eval UN.xml SDN.csv ALT.csv PAIRS.csv [--unihan FILE] [--ipadic FILE]
//                  [--scores OUT.csv]
//
// The lists give the parts their weights, as the index gives them over the loaded lists (every
// name of every listed person and entity). --unihan (Unihan_Readings.txt, uncompressed) and
// --ipadic (the IPA dictionary's Noun.name.csv) load the Korean and Japanese readings of Han
// names, as the node does when configured with them. PAIRS.csv has the columns category, name1
// (the traveller), name2 (the listed name), label ("same" or "different"), source; lines starting
// with '#' are comments. Each pair is scored as Screener::CompareNames scores two bare names, with
// MatchConfig's default thresholds. --scores writes every pair with its score and decision.
//
// The table goes to standard output, the rest to standard error. Exit status 2 for a bad
// argument or input, naming the file and line.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "screening/lists.hpp"
#include "screening/scorer.hpp"

using namespace corridor;
using namespace corridor::screening;

namespace {

struct Pair {
  std::string category, name1, name2, source;
  bool same = false;
  double score = 0;
  Decision decision = Decision::kNoMatch;
};

// Counts for one decision rule ("review or match", or "match" alone).
struct Confusion {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(bool same, bool raised) {
    if (same) {
      (raised ? tp : fn) += 1;
    } else {
      (raised ? fp : tn) += 1;
    }
  }
};

std::string Ratio(int num, int den) {
  if (den == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(num) / den);
  return buf;
}

// Precision, recall, F1 and the false-alarm rate (the share of "different" pairs raised); "-"
// where the figure is undefined (no pair raised, no "same" pair, no "different" pair).
std::string Figures(const Confusion& c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " %6s %6s %6s %6s", Ratio(c.tp, c.tp + c.fp).c_str(),
                Ratio(c.tp, c.tp + c.fn).c_str(), Ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn).c_str(),
                Ratio(c.fp, c.fp + c.tn).c_str());
  return buf;
}

// The area under the ROC curve of the score: the probability that a "same" pair scores above a
// "different" one, ties counting one half (the Mann-Whitney statistic, from average ranks).
std::string Auc(std::vector<const Pair*> pairs) {
  std::sort(pairs.begin(), pairs.end(),
            [](const Pair* a, const Pair* b) { return a->score < b->score; });
  double rank_sum = 0;
  double positives = 0, negatives = 0;
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j]->score == pairs[i]->score) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (pairs[k]->same) {
        rank_sum += rank;
        ++positives;
      } else {
        ++negatives;
      }
    }
    i = j;
  }
  if (positives == 0 || negatives == 0) return "-";
  const double u = rank_sum - positives * (positives + 1) / 2;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", u / (positives * negatives));
  return buf;
}

void PrintRow(const std::string& name, const std::vector<const Pair*>& pairs) {
  Confusion review, match;
  int same = 0;
  for (const Pair* p : pairs) {
    same += p->same;
    review.Add(p->same, p->decision != Decision::kNoMatch);
    match.Add(p->same, p->decision == Decision::kMatch);
  }
  std::printf("%-26s %6zu %6d %6d |%s |%s | %6s\n", name.c_str(), pairs.size(), same,
              static_cast<int>(pairs.size()) - same, Figures(review).c_str(),
              Figures(match).c_str(), Auc(pairs).c_str());
}

// A bad argument or input: the command stops at start-up, naming what is wrong.
struct Refused {
  std::string what;
};

[[noreturn]] void Fail(const std::string& what) { throw Refused{what}; }

std::vector<Pair> ReadPairs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) Fail("cannot read " + path);
  CsvReader::Options options;
  options.skip_comment_lines = true;
  CsvReader reader(in, options);
  std::vector<Pair> pairs;
  std::vector<std::string> f;
  bool header = false;
  for (;;) {
    auto more = reader.Next(f);
    if (!more.ok()) Fail(path + ": " + more.status().ToString());
    if (!*more) break;
    const std::string where = path + " line " + std::to_string(reader.record_line());
    if (!header) {
      if (f != std::vector<std::string>{"category", "name1", "name2", "label", "source"}) {
        Fail(where + ": the header must be category,name1,name2,label,source");
      }
      header = true;
      continue;
    }
    if (f.size() != 5) Fail(where + ": " + std::to_string(f.size()) + " fields, 5 expected");
    if (f[0].empty() || f[1].empty() || f[2].empty()) {
      Fail(where + ": category, name1 and name2 must not be empty");
    }
    if (f[3] != "same" && f[3] != "different") {
      Fail(where + ": label '" + f[3] + "' is neither same nor different");
    }
    pairs.push_back({f[0], f[1], f[2], f[4], f[3] == "same"});
  }
  if (!header) Fail(path + ": no header line");
  if (pairs.empty()) Fail(path + ": no pairs");
  return pairs;
}

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int Run(int argc, char** argv) {
  std::vector<std::string> positional;
  std::string unihan, ipadic, scores_out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    std::string* value = a == "--unihan"   ? &unihan
                         : a == "--ipadic" ? &ipadic
                         : a == "--scores" ? &scores_out
                                           : nullptr;
    if (value != nullptr) {
      if (i + 1 >= argc) Fail(a + " needs a file");
      *value = argv[++i];
    } else if (a.rfind("--", 0) == 0) {
      Fail("unknown option " + a);
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 4) {
    std::cerr << "usage: screening_eval UN.xml SDN.csv ALT.csv PAIRS.csv [--unihan FILE] "
                 "[--ipadic FILE] [--scores OUT.csv]\n";
    return 2;
  }

  NameKnowledge knowledge = NameKnowledge::Default();
  if (!unihan.empty()) {
    std::ifstream in(unihan, std::ios::binary);
    if (!in.good()) Fail("cannot read " + unihan);
    if (auto s = knowledge.LoadUnihanKoreanReadings(in); !s.ok())
      Fail(unihan + ": " + s.ToString());
  }
  if (!ipadic.empty()) {
    std::ifstream in(ipadic, std::ios::binary);
    if (!in.good()) Fail("cannot read " + ipadic);
    if (auto s = knowledge.LoadIpadicNameReadings(in); !s.ok()) Fail(ipadic + ": " + s.ToString());
  }

  std::ifstream un(positional[0], std::ios::binary), sdn(positional[1], std::ios::binary),
      alt(positional[2], std::ios::binary);
  if (!un.good() || !sdn.good() || !alt.good()) Fail("cannot read the lists");
  auto un_entries = ParseUnConsolidatedList(un);
  if (!un_entries.ok()) Fail(positional[0] + ": " + un_entries.status().ToString());
  auto ofac_entries = ParseOfacSdn(sdn, alt);
  if (!ofac_entries.ok()) Fail(positional[1] + ": " + ofac_entries.status().ToString());

  // Part weights over the names of the lists, as WatchlistIndex::Build counts them.
  TokenStats stats;
  {
    NameNormalizer normalizer(knowledge);
    for (const auto* list : {&*un_entries, &*ofac_entries}) {
      for (const auto& e : *list) {
        if (e.kind == EntryKind::kDocument) continue;
        for (const auto& name : e.names) {
          auto nn = normalizer.Normalize(name.full);
          if (!nn.ok()) Fail(e.list + " entry " + e.entry_id + ": " + nn.status().ToString());
          stats.Add(*nn);
        }
      }
    }
  }
  std::cerr << "part weights from " << stats.names() << " listed names\n";

  std::vector<Pair> pairs = ReadPairs(positional[3]);
  Screener screener(knowledge, stats);
  const MatchConfig config;
  for (auto& p : pairs) {
    auto m = screener.CompareNames(p.name1, p.name2, config);
    if (!m.ok())
      Fail(positional[3] + ": " + p.name1 + " / " + p.name2 + ": " + m.status().ToString());
    p.score = m->score;
    p.decision = m->decision;
  }

  if (!scores_out.empty()) {
    std::ofstream out(scores_out, std::ios::binary);
    out << "category,name1,name2,label,score,decision,source\n";
    char score[16];
    for (const auto& p : pairs) {
      std::snprintf(score, sizeof score, "%.4f", p.score);
      out << Csv(p.category) << ',' << Csv(p.name1) << ',' << Csv(p.name2) << ','
          << (p.same ? "same" : "different") << ',' << score << ',' << DecisionName(p.decision)
          << ',' << Csv(p.source) << '\n';
    }
    if (!out.good()) Fail("cannot write " + scores_out);
  }

  std::vector<std::string> order;  // categories in the order the file first names them
  std::map<std::string, std::vector<const Pair*>> by_category;
  std::vector<const Pair*> all;
  for (const auto& p : pairs) {
    if (by_category.find(p.category) == by_category.end()) order.push_back(p.category);
    by_category[p.category].push_back(&p);
    all.push_back(&p);
  }
  std::printf(
      "# r: review or match (score >= %.2f); m: match (score >= %.2f). P precision, R recall, "
      "F1, FA false alarms (share of \"different\" pairs raised); AUC of the score. '-': "
      "undefined.\n",
      config.review_threshold, config.match_threshold);
  std::printf("%-26s %6s %6s %6s | %6s %6s %6s %6s | %6s %6s %6s %6s | %6s\n", "category", "pairs",
              "same", "diff", "P(r)", "R(r)", "F1(r)", "FA(r)", "P(m)", "R(m)", "F1(m)", "FA(m)",
              "AUC");
  for (const auto& c : order) PrintRow(c, by_category[c]);
  PrintRow("overall", all);
  return 0;
}

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const Refused& r) {
    std::cerr << "screening_eval: " << r.what << "\n";
    return 2;
  }
}
