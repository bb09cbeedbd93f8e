// Writes a synthetic watchlist of N people made by recombining the real name parts of the UN
// and OFAC lists, and a query set with planted variants of listed names and names that are not
// listed. Both are CSV so that any peer (PostgreSQL pg_trgm, ...) can load the same files.
//
//   screening_gen_list UN.xml SDN.csv ALT.csv N OUT_DIR [SEED]
//
// OUT_DIR/list.csv     the national-list format of docs/formats/watchlists.md
// OUT_DIR/queries.csv  query_id,name,date_of_birth,expected_entry_id,variant
//                      (expected_entry_id empty: the name is not listed; its family name was
//                      held out of the list)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "screening/lists.hpp"

using namespace corridor::screening;

namespace {

bool PlainLatin(const std::string& s) {
  if (s.size() < 2) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

std::string Title(std::string s) {
  for (size_t i = 0; i < s.size(); ++i) {
    s[i] = static_cast<char>(i == 0 || s[i - 1] == '-'
                                 ? std::toupper(static_cast<unsigned char>(s[i]))
                                 : std::tolower(static_cast<unsigned char>(s[i])));
  }
  return s;
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

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < s.size()) {
    size_t e = s.find(' ', p);
    if (e == std::string::npos) e = s.size();
    if (e > p) out.push_back(s.substr(p, e - p));
    p = e + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& p : v) s += (s.empty() ? "" : " ") + p;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: screening_gen_list UN.xml SDN.csv ALT.csv N OUT_DIR [SEED]\n";
    return 2;
  }
  std::ifstream un(argv[1], std::ios::binary), sdn(argv[2], std::ios::binary),
      alt(argv[3], std::ios::binary);
  auto a = ParseUnConsolidatedList(un);
  auto b = ParseOfacSdn(sdn, alt);
  if (!a.ok() || !b.ok()) {
    std::cerr << (a.ok() ? b.status() : a.status()).ToString() << "\n";
    return 1;
  }
  const size_t n = std::stoul(argv[4]);
  const std::string out_dir = argv[5];
  std::mt19937_64 rng(argc > 6 ? std::stoull(argv[6]) : 20260227);

  // Name parts of people: given names (all parts but the last) and family names (the last).
  std::set<std::string> given_set, family_set;
  for (const auto* list : {&*a, &*b}) {
    for (const auto& e : *list) {
      if (e.kind != EntryKind::kPerson) continue;
      for (const auto& name : e.names) {
        std::vector<std::string> parts;
        for (const auto& p : Split(name.full)) {
          if (PlainLatin(p)) parts.push_back(Title(p));
        }
        if (parts.size() < 2) continue;
        for (size_t i = 0; i + 1 < parts.size(); ++i) given_set.insert(parts[i]);
        family_set.insert(parts.back());
      }
    }
  }
  std::vector<std::string> given(given_set.begin(), given_set.end());
  std::vector<std::string> family(family_set.begin(), family_set.end());
  std::shuffle(family.begin(), family.end(), rng);
  // Hold out a tenth of the family names for the queries that must not match.
  const size_t held = family.size() / 10;
  std::vector<std::string> held_out(family.begin(), family.begin() + static_cast<long>(held));
  family.erase(family.begin(), family.begin() + static_cast<long>(held));
  std::set<std::string> listed_family(family.begin(), family.end());
  // Given names that equal a held-out family name would make "non-matches" match.
  given.erase(std::remove_if(given.begin(), given.end(),
                             [&](const std::string& g) {
                               return std::find(held_out.begin(), held_out.end(), g) !=
                                      held_out.end();
                             }),
              given.end());
  std::cerr << given.size() << " given names, " << family.size() << " family names, " << held
            << " held out\n";

  // Zipf-like choice: real populations repeat a few names very often.
  const auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    std::uniform_real_distribution<double> u(0, 1);
    const double x = std::pow(u(rng), 2.5);
    return v[static_cast<size_t>(x * static_cast<double>(v.size())) % v.size()];
  };
  std::uniform_int_distribution<int> parts_dist(1, 3), year_dist(1940, 2005), day_dist(1, 28),
      month_dist(1, 12);
  std::ofstream list(out_dir + "/list.csv");
  list << "list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,"
          "document_number,document_country,reason\n";
  std::vector<std::string> names(n), dobs(n);
  for (size_t i = 0; i < n; ++i) {
    std::vector<std::string> p;
    const int g = parts_dist(rng);
    for (int k = 0; k < g; ++k) p.push_back(pick(given));
    p.push_back(pick(family));
    names[i] = Join(p);
    char dob[16];
    std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", year_dist(rng), month_dist(rng),
                  day_dist(rng));
    dobs[i] = dob;
    list << "SYN," << i << ",person," << Csv(names[i]) << ",," << dob << ",,,,,,synthetic\n";
  }

  // Planted variants of listed names.
  std::ofstream queries(out_dir + "/queries.csv");
  queries << "query_id,name,date_of_birth,expected_entry_id,variant\n";
  std::uniform_int_distribution<size_t> entry_dist(0, n - 1);
  const char* kinds[] = {"exact", "typo", "swapped", "dropped_middle", "transliteration"};
  size_t qid = 0;
  for (int round = 0; round < 400; ++round) {
    for (const char* kind : kinds) {
      size_t e = entry_dist(rng);
      std::vector<std::string> p = Split(names[e]);
      std::string kindname = kind;
      if (kindname == "dropped_middle") {
        while (p.size() < 3) {
          e = entry_dist(rng);
          p = Split(names[e]);
        }
        p.erase(p.begin() + 1);
      } else if (kindname == "swapped") {
        std::rotate(p.begin(), p.end() - 1, p.end());
      } else if (kindname == "typo") {
        // A transposition or a dropped letter inside the longest part.
        auto longest = std::max_element(
            p.begin(), p.end(), [](const auto& x, const auto& y) { return x.size() < y.size(); });
        std::string& w = *longest;
        if (w.size() >= 6) {
          const size_t at = 2 + rng() % (w.size() - 4);
          if (rng() % 2) {
            std::swap(w[at], w[at + 1]);
          } else {
            w.erase(at, 1);
          }
        }
      } else if (kindname == "transliteration") {
        // Vowel spellings as other transliterations write them.
        for (auto& w : p) {
          std::string lw = w;
          for (auto& c : lw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
                   {"ou", "u"}, {"ee", "i"}, {"oo", "u"}, {"ei", "ai"}, {"y", "i"}, {"kh", "h"}}) {
            const size_t at = lw.find(from, 1);
            if (at != std::string::npos) {
              lw.replace(at, from.size(), to);
              break;
            }
          }
          w = Title(lw);
        }
      }
      queries << "Q" << qid++ << "," << Csv(Join(p)) << "," << dobs[e] << "," << e << "," << kind
              << "\n";
    }
  }
  // Names that are not listed: a held-out family name with listed given names.
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::string> p;
    const int g = parts_dist(rng);
    for (int kk = 0; kk < g; ++kk) p.push_back(pick(given));
    p.push_back(held_out[rng() % held_out.size()]);
    queries << "Q" << qid++ << "," << Csv(Join(p)) << ",,,not_listed\n";
  }
  std::cerr << "wrote " << n << " entries and " << qid << " queries to " << out_dir << "\n";
  return 0;
}
