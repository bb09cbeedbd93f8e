// Name normalisation: from a name as written (any script, any case, with diacritics, harakat,
// punctuation) to the tokens the scorer compares.
//
// The pipeline (docs/screening.md gives the reasons):
//   1. NFKC with case folding (ICU); Arabic harakat and tatweel, Hebrew points removed;
//      apostrophes and ayn/hamza letters removed; other punctuation and hyphens split words.
//   2. Each word is transliterated to Latin by its script: Cyrillic with BGN/PCGN, Devanagari and
//      Bengali after restoring the dropped final vowel rule (राम -> ram, not rama) and with
//      passport conventions (ś/ṣ -> sh, c -> ch, ṅ -> ng), Arabic-script and Hebrew words to
//      their consonants (marked "unvocalised": compared by consonant skeleton), Hangul syllable
//      by syllable, Han characters read in Mandarin (and, when the readings are loaded, in Korean
//      and as a Japanese name: each reading is one form of the name), kana with Japanese long
//      vowels folded; then ICU's Latin-ASCII; every other script through ICU's Any-Latin.
//   3. Name knowledge: titles, particles and optional parts get their role; Abd-compounds and
//      -uddin/-ullah compounds are folded to one token; each spelling finds its equivalence
//      class; each token gets its phonetic consonant key.
//
// Thread-safety: a NameNormalizer holds ICU transliterators, which are expensive to create
// (milliseconds each; they are made lazily on first use of a script) and not thread-safe: create
// one NameNormalizer per thread and reuse it. The free functions are pure and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "screening/name_knowledge.hpp"
#include "screening/watchlist.hpp"

namespace corridor::screening {

struct NameToken {
  std::string text;       // normalised Latin spelling, lower-case ASCII ("mohamed")
  std::string source;     // what it was made from, as written ("Mohamed", "محمد")
  std::string canonical;  // the class's canonical spelling ("muhammad"), else == text
  std::string key;        // phonetic consonant key ("mhmd"); "" when the token has none
  std::string alt_key;    // unvocalised tokens: the key with w read as v ("dwd" -> "dvd")
  int32_t cls = -1;       // equivalence class, -1 when none
  Script script = Script::kLatin;
  TokenRole role = TokenRole::kName;
  bool unvocalized = false;  // from a script that writes no short vowels
  bool compound = false;     // folded from several parts or a joined compound
  bool initial() const { return text.size() == 1; }
};

// One reading of a name: most names have one; Han names have a Mandarin reading and, when the
// data is loaded, a Korean and a Japanese one.
struct NameForm {
  std::string reading;  // "" for the plain reading, else "Mandarin", "Korean", "Japanese"
  std::vector<NameToken> tokens;
};

struct NormalizedName {
  Script script = Script::kUnknown;
  std::vector<NameForm> forms;
};

// The phonetic consonant key of a normalised Latin word: digraphs folded (sh, ch, kh, gh, th,
// dh, ph, ck, dj), q/c -> k, x -> ks, w -> v, z kept; vowels, non-initial y, a final h and
// doubled letters dropped. "mohammed" -> "mhmd", "yousef" -> "ysf", "aleksandr" and "alexander"
// -> "lksndr". For unvocalised words, w and non-initial y are dropped too (they may be vowels).
std::string PhoneticKey(std::string_view word, bool unvocalized);

// Strips the Arabic article from the remainder of an Abd-compound: "urrahman" -> "rahman",
// "ulaziz" -> "aziz", "allah" -> "lah".
std::string StripArticle(std::string_view rest);

class NameNormalizer {
 public:
  explicit NameNormalizer(const NameKnowledge& knowledge = NameKnowledge::Default());
  ~NameNormalizer();
  NameNormalizer(const NameNormalizer&) = delete;
  NameNormalizer& operator=(const NameNormalizer&) = delete;

  // Refuses text that is not UTF-8 or longer than 1,024 bytes. A name with no letters gives a
  // name with no tokens (not an error).
  Result<NormalizedName> Normalize(std::string_view name);

  // The transliteration of one word to lower-case ASCII, without name knowledge (for tests and
  // the officer's view).
  std::string Transliterate(std::string_view word);

  const NameKnowledge& knowledge() const { return knowledge_; }

 private:
  enum Trans { kAnyLatin, kLatinAscii, kCyrillic, kHangul, kHan, kCount };
  struct Icu;  // the ICU objects, kept out of this header
  std::string RunIcu(Trans which, std::u32string_view text);
  // Transliterates one word (already case-folded) of one script to ASCII words.
  void WordToLatin(std::u32string_view word, Script script, std::vector<std::string>& out,
                   bool& unvocalized);
  std::vector<NameToken> FinishTokens(std::vector<NameToken> raw) const;
  void ReadHan(std::u32string_view word, std::vector<NameForm>& forms,
               std::vector<std::string>& source);

  const NameKnowledge& knowledge_;
  std::unique_ptr<Icu> icu_;
};

}  // namespace corridor::screening
