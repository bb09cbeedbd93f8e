// Shared fixtures of the screening tests: where the real lists are, the real lists parsed once,
// the name knowledge with the Debian reading data loaded, and the part frequencies of the real
// lists. Test code only.
// Thread-safety: function-local statics, built on first use.
#pragma once

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "screening/lists.hpp"
#include "screening/name_knowledge.hpp"
#include "screening/scorer.hpp"
#include "test_data.hpp"

namespace corridor::screening::testing {

// The real lists the repository carries (tests/data/lists/README.md gives their provenance).
inline std::string ListFile(const std::string& name) {
  return corridor::testing::TestDataFile("lists/" + name);
}

inline void Die(const std::string& what) {
  std::cerr << what << "\n";
  std::abort();
}

// UN and OFAC entries, people first as the lists give them.
inline const std::vector<WatchlistEntry>& RealEntries() {
  static const std::vector<WatchlistEntry> entries = [] {
    std::ifstream un(ListFile("un-consolidated-list.xml"), std::ios::binary);
    std::ifstream sdn(ListFile("ofac-sdn.csv"), std::ios::binary);
    std::ifstream alt(ListFile("ofac-alt.csv"), std::ios::binary);
    auto a = ParseUnConsolidatedList(un);
    auto b = ParseOfacSdn(sdn, alt);
    if (!a.ok() || !b.ok()) Die("cannot load the real lists");
    std::vector<WatchlistEntry> all = std::move(a).value();
    for (auto& e : *b) all.push_back(std::move(e));
    return all;
  }();
  return entries;
}

// The compiled-in name data plus the Korean and Japanese readings from Debian's packages.
inline const NameKnowledge& Knowledge() {
  static const NameKnowledge k = [] {
    NameKnowledge out = NameKnowledge::Default();
    std::ifstream unihan(SCREENING_UNIHAN_TXT);
    std::ifstream ipadic(SCREENING_IPADIC_NAMES, std::ios::binary);
    if (!unihan.good() || !ipadic.good()) {
      Die("reading data missing: install unicode-data and mecab-ipadic (scripts/bootstrap)");
    }
    if (!out.LoadUnihanKoreanReadings(unihan).ok()) Die("bad Unihan data");
    if (!out.LoadIpadicNameReadings(ipadic).ok()) Die("bad IPA dictionary data");
    return out;
  }();
  return k;
}

// Frequencies of name parts over the names of the people in the real lists.
inline const TokenStats& RealStats() {
  static const TokenStats stats = [] {
    TokenStats s;
    NameNormalizer n(Knowledge());
    for (const auto& e : RealEntries()) {
      if (e.kind != EntryKind::kPerson) continue;
      for (const auto& name : e.names) {
        auto nn = n.Normalize(name.full);
        if (nn.ok()) s.Add(*nn);
      }
    }
    return s;
  }();
  return stats;
}

}  // namespace corridor::screening::testing
