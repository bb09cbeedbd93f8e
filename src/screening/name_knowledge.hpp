// What Corridor knows about how names vary, as data: equivalence classes of spellings,
// particles, titles, often-dropped parts, very common names, compound heads and tails
// (src/screening/data/name-variants.txt, compiled in), and optionally the readings of Han
// characters in Korean (Unicode's Unihan database) and of Japanese names written in kanji
// (the person-name entries of the IPA dictionary), both shipped by Debian packages and loaded
// by the caller at start-up.
//
// Thread-safety: immutable after loading; share one instance between threads freely.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.hpp"

namespace corridor::screening {

enum class TokenRole : uint8_t {
  kName,      // an ordinary name part
  kParticle,  // al, bin, de: no weight, may be absent
  kTitle,     // Dr, Haji: ignored
  kOptional,  // Bahadur, Kumar: low weight, absence barely counts
};
std::string_view TokenRoleName(TokenRole role);

class NameKnowledge {
 public:
  // Parses the name-variants format; errors name the line. A spelling may belong to one class
  // only and appear once per section.
  static Result<NameKnowledge> Parse(std::string_view text);
  // The compiled-in data (parsed once; aborts at start-up if the shipped data is malformed,
  // which the tests rule out).
  static const NameKnowledge& Default();

  // Korean readings of Han characters from Unihan_Readings.txt (the kHangul field), so that
  // 金正恩 can be read as 김정은 and romanised. Lines of other fields are skipped.
  Status LoadUnihanKoreanReadings(std::istream& unihan_readings);
  // Japanese name readings from the IPA dictionary's Noun.name.csv (EUC-JP, the format of
  // Debian's mecab-ipadic: surface, ids, cost, POS fields, ..., reading in katakana).
  Status LoadIpadicNameReadings(std::istream& noun_name_csv_eucjp);

  // The equivalence class of a spelling (normalised Latin, or a form in its own script), or -1.
  int32_t ClassOf(std::string_view spelling) const;
  const std::string& Canonical(int32_t cls) const { return canonical_[static_cast<size_t>(cls)]; }
  size_t class_count() const { return canonical_.size(); }

  TokenRole RoleOf(std::string_view token) const;
  bool IsCommon(std::string_view canonical) const { return common_.count(std::string(canonical)); }
  bool IsHead(std::string_view token) const { return heads_.count(std::string(token)) != 0; }
  // If `token` is a tail form ("uddin"), its canonical tail ("din"); else "".
  std::string_view TailOf(std::string_view token) const;
  // If `token` ends with a tail form and keeps at least three letters before it ("saifuddin"),
  // the length of the part before it, else 0; `tail` receives the canonical tail.
  size_t SplitTail(std::string_view token, std::string_view* tail) const;

  // Korean reading (Hangul syllables, UTF-8) of one Han character, or "" when unknown.
  std::string_view KoreanReading(char32_t han) const;
  // The katakana reading of a Japanese name part written in kanji, or "" when unknown.
  std::string_view JapaneseReading(std::string_view kanji) const;
  size_t japanese_name_count() const { return japanese_.size(); }
  size_t korean_reading_count() const { return korean_.size(); }
  size_t longest_japanese_name() const { return longest_japanese_; }  // in code points

 private:
  std::unordered_map<std::string, int32_t> class_of_;
  std::vector<std::string> canonical_;
  std::unordered_map<std::string, TokenRole> roles_;
  std::unordered_set<std::string> common_;
  std::unordered_set<std::string> heads_;
  std::vector<std::pair<std::string, std::string>> tails_;  // form -> canonical, longest first
  std::unordered_map<char32_t, std::string> korean_;
  std::unordered_map<std::string, std::string> japanese_;
  std::unordered_map<std::string, int> japanese_cost_;
  size_t longest_japanese_ = 0;
};

}  // namespace corridor::screening
