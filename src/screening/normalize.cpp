#include "screening/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "core/text.hpp"
#include "screening/script.hpp"

namespace corridor::screening {
namespace {

constexpr size_t kMaxNameBytes = 1024;

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Marks that carry no letter of a name: Arabic harakat, superscript alef and tatweel, Hebrew
// points and cantillation.
bool IsDroppedMark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
         (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
         c == 0x05C5 || c == 0x05C7;
}

// Characters removed without splitting the word: apostrophes and the ayn/hamza letters that
// Latin spellings write as apostrophes or leave out (Sa'id, Ma'mun).
bool IsJoiner(char32_t c) {
  return c == U'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BE || c == 0x02BF ||
         c == 0x0060 || c == 0x00B4 || c == 0x02B9 || c == 0x02BB;
}

bool IsWordChar(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  const int8_t type = u_charType(u);
  return u_isalpha(u) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsDevanagariConsonant(char32_t c) {
  return (c >= 0x0915 && c <= 0x0939) || (c >= 0x0958 && c <= 0x095F);
}
bool IsBengaliConsonant(char32_t c) {
  return (c >= 0x0995 && c <= 0x09B9) || (c >= 0x09DC && c <= 0x09DF);
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Lower-case ASCII words of `s` (anything else separates words).
std::vector<std::string> AsciiWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalpha(u)) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (u < 0x80 && std::isdigit(u)) {
      // digits are not part of names
    } else if (u < 0x80 || !cur.empty()) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool IsAscii(std::u32string_view w) {
  return std::all_of(w.begin(), w.end(), [](char32_t c) { return c < 0x80; });
}

// Japanese long vowels as passports write them (Hepburn without macrons): Tarou -> Taro.
std::string FoldJapaneseLongVowels(std::string s) {
  ReplaceAll(s, "ou", "o");
  ReplaceAll(s, "uu", "u");
  ReplaceAll(s, "oo", "o");
  return s;
}

}  // namespace

std::string PhoneticKey(std::string_view w, bool unvocalized) {
  std::string out;
  const auto emit = [&out](char c) {
    if (out.empty() || out.back() != c) out.push_back(c);
  };
  const size_t n = w.size();
  size_t i = 0;
  while (i < n) {
    const char c = w[i];
    const char d = i + 1 < n ? w[i + 1] : '\0';
    if (c == 's' && d == 'c' && i + 2 < n && w[i + 2] == 'h') {
      emit('S');
      i += 3;
      continue;
    }
    char two = 0;
    if (d == 'h') {
      switch (c) {
        case 's':
          two = 'S';
          break;
        case 'c':
          two = 'C';
          break;
        case 'k':
          two = 'k';
          break;
        case 'g':
          two = 'g';
          break;
        case 't':
          two = 't';
          break;
        case 'd':
          two = 'd';
          break;
        case 'p':
          two = 'f';
          break;
        case 'b':
          two = 'b';
          break;
        case 'j':
        case 'z':
          two = 'j';
          break;
        default:
          break;
      }
    } else if ((c == 'c' && d == 'k') || (c == 'd' && d == 'j')) {
      two = c == 'c' ? 'k' : 'j';
    }
    if (two != 0) {
      emit(two);
      i += 2;
      continue;
    }
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        if (!out.empty() && out.back() != '_') out.push_back('_');  // a vowel separates
        break;
      case 'q':
      case 'c':
        emit('k');
        break;
      case 'x':
        emit('k');
        emit('s');
        break;
      case 'w':
        if (unvocalized && i > 0) {
          if (!out.empty() && out.back() != '_') out.push_back('_');
        } else {
          emit('v');
        }
        break;
      case 'y':
        if (i == 0) {
          emit('y');
        } else if (!out.empty() && out.back() != '_') {
          out.push_back('_');
        }
        break;
      case 'h':
        if (i + 1 < n) emit('h');
        break;
      default:
        if (c >= 'a' && c <= 'z') emit(c);
        break;
    }
    ++i;
  }
  // Vowels only kept doubled letters apart ("hasan" / "hassan" both give "hsn"); drop them.
  std::string key;
  for (char c : out) {
    if (c == '_') continue;
    if (key.empty() || key.back() != c) key.push_back(c);
  }
  return key;
}

std::string StripArticle(std::string_view rest) {
  if (rest.size() >= 4 && IsVowel(rest[0]) && rest[1] == 'l') return std::string(rest.substr(2));
  if (rest.size() >= 5 && IsVowel(rest[0]) && rest.substr(1, 2) == "sh" &&
      rest.substr(3, 2) == "sh") {
    return std::string(rest.substr(3));
  }
  if (rest.size() >= 4 && IsVowel(rest[0]) && !IsVowel(rest[1]) && rest[1] == rest[2]) {
    const char c = rest[1];
    if (c == 't' || c == 'd' || c == 'r' || c == 'z' || c == 's' || c == 'n') {
      return std::string(rest.substr(2));
    }
  }
  return std::string(rest);
}

struct NameNormalizer::Icu {
  const icu::Normalizer2* nfkc_cf = nullptr;
  std::array<std::unique_ptr<icu::Transliterator>, kCount> trans;

  icu::Transliterator* Get(Trans which) {
    auto& t = trans[which];
    if (!t) {
      static constexpr const char* kIds[kCount] = {"Any-Latin", "Latin-ASCII", "Russian-Latin/BGN",
                                                   "Hangul-Latin", "Han-Latin"};
      UErrorCode status = U_ZERO_ERROR;
      t.reset(icu::Transliterator::createInstance(kIds[which], UTRANS_FORWARD, status));
      if (U_FAILURE(status)) t.reset();
    }
    return t.get();
  }
};

NameNormalizer::NameNormalizer(const NameKnowledge& knowledge)
    : knowledge_(knowledge), icu_(std::make_unique<Icu>()) {
  UErrorCode status = U_ZERO_ERROR;
  icu_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) icu_->nfkc_cf = nullptr;
}

NameNormalizer::~NameNormalizer() = default;

std::string NameNormalizer::RunIcu(Trans which, std::u32string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(text.data()), static_cast<int32_t>(text.size()));
  if (icu::Transliterator* t = icu_->Get(which)) t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

void NameNormalizer::WordToLatin(std::u32string_view word, Script script,
                                 std::vector<std::string>& out, bool& unvocalized) {
  unvocalized = false;
  if (IsAscii(word)) {
    for (auto& w : AsciiWords(ToUtf8(word))) out.push_back(std::move(w));
    return;
  }
  std::string latin;
  std::u32string w(word);
  switch (script) {
    case Script::kArabic:
    case Script::kHebrew: {
      // Ta marbuta is read as a final h (Fatimah, Fatima), which the key drops.
      if (!w.empty() && w.back() == 0x0629) w.back() = 0x0647;
      latin = RunIcu(kAnyLatin, w);
      ReplaceAll(latin, "ş", "sh");
      ReplaceAll(latin, "š", "sh");
      unvocalized = true;
      break;
    }
    case Script::kThai:
      latin = RunIcu(kAnyLatin, w);
      unvocalized = true;
      break;
    case Script::kDevanagari:
    case Script::kBengali: {
      // Hindi, Nepali and Bengali drop the inherent vowel of a final consonant that follows a
      // vowel sign or a single consonant (राम is "Ram", बहादुर "Bahadur"), but keep it after a
      // conjunct (कृष्ण is "Krishna"). A virama on that final consonant says so to ICU.
      const bool deva = script == Script::kDevanagari;
      const char32_t virama = deva ? 0x094D : 0x09CD;
      const auto consonant = [&](char32_t c) {
        return deva ? IsDevanagariConsonant(c) : IsBengaliConsonant(c);
      };
      if (w.size() >= 2 && consonant(w.back()) && w[w.size() - 2] != virama) w.push_back(virama);
      latin = RunIcu(kAnyLatin, w);
      // Passport spellings rather than ISO 15919.
      ReplaceAll(latin, "r̥", "ri");
      ReplaceAll(latin, "ś", "sh");
      ReplaceAll(latin, "ṣ", "sh");
      ReplaceAll(latin, "ṅ", "ng");
      ReplaceAll(latin, "ṁ", "n");
      ReplaceAll(latin, "ṃ", "n");
      ReplaceAll(latin, "c", "ch");
      // Bengali ফ is "f" in names (Rafiq, Farid); Devanagari फ stays "ph" (Phulmaya).
      if (!deva) ReplaceAll(latin, "ph", "f");
      break;
    }
    case Script::kCyrillic:
      latin = RunIcu(kCyrillic, w);
      break;
    case Script::kHangul: {
      // Syllable by syllable: Korean names are romanised one syllable per part or hyphenated.
      for (char32_t c : w) {
        const std::string syl = RunIcu(kHangul, std::u32string(1, c));
        for (auto& a : AsciiWords(RunIcu(kLatinAscii, ToU32(syl)))) out.push_back(std::move(a));
      }
      return;
    }
    case Script::kKana: {
      latin = RunIcu(kAnyLatin, w);
      for (auto& a : AsciiWords(RunIcu(kLatinAscii, ToU32(latin)))) {
        out.push_back(FoldJapaneseLongVowels(std::move(a)));
      }
      return;
    }
    case Script::kLatin:
      latin = ToUtf8(w);
      break;
    default:
      latin = RunIcu(kAnyLatin, w);
      break;
  }
  for (auto& a : AsciiWords(RunIcu(kLatinAscii, ToU32(latin)))) out.push_back(std::move(a));
}

std::string NameNormalizer::Transliterate(std::string_view word) {
  std::vector<std::string> out;
  bool unvocalized = false;
  std::u32string w = ToU32(word);
  WordToLatin(w, DetectScript(word), out, unvocalized);
  std::string joined;
  for (const auto& o : out) joined += (joined.empty() ? "" : " ") + o;
  return joined;
}

void NameNormalizer::ReadHan(std::u32string_view word, std::vector<NameForm>& forms,
                             std::vector<std::string>& source) {
  (void)source;
  // forms[0]: Mandarin, forms[1]: Korean, forms[2]: Japanese; an empty reading marks a form
  // that could not be read and is dropped at the end.
  for (auto& a : AsciiWords(RunIcu(kLatinAscii, ToU32(RunIcu(kHan, word))))) {
    NameToken t;
    t.text = a;
    t.source = ToUtf8(word);
    t.script = Script::kHan;
    forms[0].tokens.push_back(std::move(t));
  }
  if (!forms[1].reading.empty()) {
    for (char32_t c : word) {
      const std::string_view hangul = knowledge_.KoreanReading(c);
      if (hangul.empty()) {
        forms[1].reading.clear();
        break;
      }
      for (auto& a : AsciiWords(RunIcu(kLatinAscii, ToU32(RunIcu(kHangul, ToU32(hangul)))))) {
        NameToken t;
        t.text = a;
        t.source = ToUtf8(std::u32string(1, c));
        t.script = Script::kHan;
        forms[1].tokens.push_back(std::move(t));
      }
    }
  }
  if (!forms[2].reading.empty()) {
    // Fewest dictionary names that cover the word (family name, then given name).
    const size_t n = word.size();
    const size_t longest = knowledge_.longest_japanese_name();
    std::vector<size_t> best(n + 1, SIZE_MAX), from(n + 1, 0);
    best[0] = 0;
    for (size_t i = 0; i < n; ++i) {
      if (best[i] == SIZE_MAX) continue;
      for (size_t len = 1; len <= longest && i + len <= n; ++len) {
        if (knowledge_.JapaneseReading(ToUtf8(word.substr(i, len))).empty()) continue;
        if (best[i] + 1 < best[i + len]) {
          best[i + len] = best[i] + 1;
          from[i + len] = i;
        }
      }
    }
    if (best[n] == SIZE_MAX) {
      forms[2].reading.clear();
    } else {
      std::vector<std::pair<size_t, size_t>> pieces;
      for (size_t e = n; e > 0; e = from[e]) pieces.emplace_back(from[e], e);
      std::reverse(pieces.begin(), pieces.end());
      for (auto [b, e] : pieces) {
        const std::string kanji = ToUtf8(word.substr(b, e - b));
        const std::string_view kana = knowledge_.JapaneseReading(kanji);
        std::string latin = RunIcu(kLatinAscii, ToU32(RunIcu(kAnyLatin, ToU32(kana))));
        for (auto& a : AsciiWords(latin)) {
          NameToken t;
          t.text = FoldJapaneseLongVowels(a);
          t.source = kanji;
          t.script = Script::kHan;
          forms[2].tokens.push_back(std::move(t));
        }
      }
    }
  }
}

std::vector<NameToken> NameNormalizer::FinishTokens(std::vector<NameToken> raw) const {
  const NameKnowledge& k = knowledge_;
  const auto canon = [&k](const std::string& s) {
    const int32_t c = k.ClassOf(s);
    return c >= 0 ? k.Canonical(c) : s;
  };
  // Roles first: compound folding skips particles.
  for (auto& t : raw) t.role = k.RoleOf(t.text);
  std::vector<NameToken> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    NameToken t = std::move(raw[i]);
    const bool head = k.IsHead(t.text) || k.IsHead(t.source);
    if (head && i + 1 < raw.size()) {
      // "Abd al-Rahman", "Abdul Rahman", "Abdur Rahman": one token "abdrahman".
      size_t j = i + 1;
      if (raw[j].role == TokenRole::kParticle && j + 1 < raw.size()) ++j;
      NameToken& rest = raw[j];
      const int32_t rest_cls = std::max(k.ClassOf(rest.text), k.ClassOf(rest.source));
      const std::string rest_text = rest_cls >= 0 ? k.Canonical(rest_cls) : rest.text;
      t.text = "abd" + canon(StripArticle(rest_text));
      for (size_t m = i + 1; m <= j; ++m) t.source += " " + raw[m].source;
      t.unvocalized = rest.unvocalized && rest_cls < 0;
      t.compound = true;
      t.role = TokenRole::kName;
      i = j;
    } else if (t.text.size() > 5 && t.text.compare(0, 3, "abd") == 0 && !head) {
      // "abdurrahman", "abdulaziz", "abdullah"
      t.text = "abd" + canon(StripArticle(t.text.substr(3)));
      t.compound = true;
    } else {
      std::string_view tail = k.TailOf(t.text);
      if (tail.empty()) tail = k.TailOf(t.source);
      size_t split = 0;
      std::string_view joined_tail;
      if (tail.empty()) split = k.SplitTail(t.text, &joined_tail);
      if (!tail.empty() && !out.empty()) {
        // "Saif al-Din", "Saif ud Din", "Habib Ullah": fold into the part before.
        size_t p = out.size() - 1;
        if (out[p].role == TokenRole::kParticle && p > 0) --p;
        NameToken& prev = out[p];
        if (prev.role == TokenRole::kName && !prev.compound) {
          prev.text = canon(prev.text) + std::string(tail);
          for (size_t m = p + 1; m < out.size(); ++m) prev.source += " " + out[m].source;
          prev.source += " " + t.source;
          prev.compound = true;
          out.resize(p + 1);
          continue;
        }
      } else if (split > 0) {
        t.text = canon(t.text.substr(0, split)) + std::string(joined_tail);
        t.compound = true;
        t.role = TokenRole::kName;
      }
    }
    out.push_back(std::move(t));
  }
  for (auto& t : out) {
    if (t.text.empty()) continue;
    t.cls = k.ClassOf(t.text);
    if (t.cls < 0) t.cls = k.ClassOf(t.source);
    t.canonical = t.cls >= 0 ? k.Canonical(t.cls) : t.text;
    if (t.cls >= 0 && t.unvocalized && t.text != t.canonical) {
      // A form in its own script found in the data: its Latin spelling is known.
      t.text = t.canonical;
      t.unvocalized = false;
    }
    if (t.role == TokenRole::kName) t.role = k.RoleOf(t.canonical);
    t.key = PhoneticKey(t.text, t.unvocalized);
    if (t.unvocalized) {
      std::string v = t.text;
      std::replace(v.begin() + 1, v.end(), 'w', 'v');
      t.alt_key = PhoneticKey(v, false);
      if (t.alt_key == t.key) t.alt_key.clear();
    }
  }
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const NameToken& t) { return t.text.empty(); }),
      out.end());
  return out;
}

Result<NormalizedName> NameNormalizer::Normalize(std::string_view name) {
  if (name.size() > kMaxNameBytes) {
    return Status::InvalidArgument("a name is longer than " + std::to_string(kMaxNameBytes) +
                                   " bytes");
  }
  if (!IsValidUtf8(name)) return Status::InvalidArgument("a name is not valid UTF-8");
  if (icu_->nfkc_cf == nullptr) return Status::Internal("ICU NFKC_Casefold is not available");
  NormalizedName result;
  result.script = DetectScript(name);

  // 1. NFKC + case folding, marks and apostrophes out.
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded =
      icu_->nfkc_cf->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                   name.data(), static_cast<int32_t>(name.size()))),
                               status);
  if (U_FAILURE(status)) return Status::InvalidArgument("a name cannot be normalised");
  std::string folded_utf8;
  folded.toUTF8String(folded_utf8);
  std::u32string text;
  for (char32_t c : ToU32(folded_utf8)) {
    if (IsDroppedMark(c) || IsJoiner(c)) continue;
    text.push_back(c);
  }

  // 2. Words; Arabic-script words lose the article "ال" as a separate particle.
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : text) {
    if (IsWordChar(c)) {
      // A change between scripts also ends a word ("Ali馬" is two words).
      if (!cur.empty()) {
        const Script a = ScriptOf(cur.back());
        const Script b = ScriptOf(c);
        if (a != b && a != Script::kUnknown && b != Script::kUnknown &&
            !(a == Script::kHan && b == Script::kKana) &&
            !(a == Script::kKana && b == Script::kHan)) {
          words.push_back(std::move(cur));
          cur.clear();
        }
      }
      cur.push_back(c);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));

  const bool has_han = std::any_of(words.begin(), words.end(), [](const std::u32string& w) {
    return DetectScript(ToUtf8(w)) == Script::kHan;
  });
  std::vector<NameForm> forms(has_han ? 3 : 1);
  if (has_han) {
    forms[0].reading = "Mandarin";
    if (knowledge_.korean_reading_count() > 0) forms[1].reading = "Korean";
    if (knowledge_.japanese_name_count() > 0) forms[2].reading = "Japanese";
  }
  std::vector<std::string> unused;
  for (const auto& w : words) {
    const std::string utf8 = ToUtf8(w);
    const Script script = DetectScript(utf8);
    if (script == Script::kHan) {
      ReadHan(w, forms, unused);
      continue;
    }
    std::vector<NameToken> tokens;
    if (script == Script::kArabic && knowledge_.ClassOf(utf8) < 0 && w.size() >= 4 &&
        w[0] == 0x0627 && w[1] == 0x0644 && knowledge_.TailOf(utf8).empty()) {
      NameToken article;
      article.text = "al";
      article.source = ToUtf8(w.substr(0, 2));
      article.script = script;
      tokens.push_back(std::move(article));
      std::vector<std::string> latin;
      bool unvocalized = false;
      const std::u32string rest = w.substr(2);
      const std::string rest_utf8 = ToUtf8(rest);
      if (knowledge_.ClassOf(rest_utf8) >= 0) {
        NameToken t;
        t.text = rest_utf8;  // resolved to its class below
        t.source = rest_utf8;
        t.script = script;
        t.unvocalized = true;
        tokens.push_back(std::move(t));
      } else {
        WordToLatin(rest, script, latin, unvocalized);
        for (auto& l : latin) {
          NameToken t;
          t.text = std::move(l);
          t.source = rest_utf8;
          t.script = script;
          t.unvocalized = unvocalized;
          tokens.push_back(std::move(t));
        }
      }
    } else if (script != Script::kLatin && knowledge_.ClassOf(utf8) >= 0) {
      NameToken t;
      t.text = utf8;
      t.source = utf8;
      t.script = script;
      t.unvocalized = true;
      tokens.push_back(std::move(t));
    } else {
      std::vector<std::string> latin;
      bool unvocalized = false;
      WordToLatin(w, script, latin, unvocalized);
      for (auto& l : latin) {
        NameToken t;
        t.text = std::move(l);
        t.source = utf8;
        t.script = script;
        t.unvocalized = unvocalized;
        tokens.push_back(std::move(t));
      }
    }
    for (auto& f : forms) {
      for (const auto& t : tokens) f.tokens.push_back(t);
    }
  }
  for (auto& f : forms) {
    if (has_han && f.reading.empty()) continue;  // a reading that failed
    f.tokens = FinishTokens(std::move(f.tokens));
    if (!f.tokens.empty()) result.forms.push_back(std::move(f));
  }
  return result;
}

}  // namespace corridor::screening
