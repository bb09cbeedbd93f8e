#include "screening/name_knowledge.hpp"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "core/log.hpp"
#include "core/text.hpp"
#include "screening/embedded_data.hpp"
#include "screening/script.hpp"

namespace corridor::screening {

std::string_view TokenRoleName(TokenRole role) {
  switch (role) {
    case TokenRole::kName:
      return "name";
    case TokenRole::kParticle:
      return "particle";
    case TokenRole::kTitle:
      return "title";
    case TokenRole::kOptional:
      return "optional";
  }
  return "?";
}

namespace {

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Result<NameKnowledge> NameKnowledge::Parse(std::string_view text) {
  NameKnowledge k;
  std::string section;
  size_t pos = 0;
  int line_no = 0;
  std::unordered_set<std::string> seen_in_section;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimAscii(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    const auto error = [&](const std::string& what) {
      return Status::InvalidArgument("name data line " + std::to_string(line_no) + ": " + what);
    };
    if (line.empty() || line.front() == '#') continue;
    if (!IsValidUtf8(line)) return error("not valid UTF-8");
    if (line.front() == '[') {
      if (line.back() != ']') return error("a section header must end with ']'");
      section = std::string(line.substr(1, line.size() - 2));
      if (section != "variants" && section != "particles" && section != "titles" &&
          section != "optional" && section != "common" && section != "heads" &&
          section != "tails") {
        return error("unknown section [" + section + "]");
      }
      seen_in_section.clear();
      continue;
    }
    if (section.empty()) return error("data before the first [section]");
    std::vector<std::string_view> words = Words(line);
    if (section == "tails") {
      if (words.size() < 3 || words[1] != "=") return error("a tail line is 'canonical = forms'");
      for (size_t i = 2; i < words.size(); ++i) {
        k.tails_.emplace_back(std::string(words[i]), std::string(words[0]));
      }
      continue;
    }
    for (std::string_view w : words) {
      for (char c : w) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !(c >= 'a' && c <= 'z')) {
          return error("'" + std::string(w) + "' is not a normalised spelling (a-z only)");
        }
      }
      if (!seen_in_section.insert(std::string(w)).second) {
        return error("'" + std::string(w) + "' appears twice in [" + section + "]");
      }
    }
    if (section == "variants") {
      const auto cls = static_cast<int32_t>(k.canonical_.size());
      k.canonical_.emplace_back(words[0]);
      for (std::string_view w : words) k.class_of_[std::string(w)] = cls;
    } else if (section == "particles" || section == "titles" || section == "optional") {
      const TokenRole role = section == "particles" ? TokenRole::kParticle
                             : section == "titles"  ? TokenRole::kTitle
                                                    : TokenRole::kOptional;
      for (std::string_view w : words) {
        if (k.roles_.count(std::string(w)) != 0) {
          return error("'" + std::string(w) + "' already has a role in another section");
        }
        k.roles_[std::string(w)] = role;
      }
    } else if (section == "common") {
      for (std::string_view w : words) k.common_.insert(std::string(w));
    } else if (section == "heads") {
      for (std::string_view w : words) k.heads_.insert(std::string(w));
    }
  }
  std::sort(k.tails_.begin(), k.tails_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // Common names are given by their canonical spelling: a spelling of a class is refused.
  for (const auto& c : k.common_) {
    const int32_t cls = k.ClassOf(c);
    if (cls >= 0 && k.Canonical(cls) != c) {
      return Status::InvalidArgument("name data: common name '" + c +
                                     "' is not the canonical spelling '" + k.Canonical(cls) +
                                     "' of its class");
    }
  }
  return k;
}

const NameKnowledge& NameKnowledge::Default() {
  static const NameKnowledge knowledge = [] {
    auto k = Parse(EmbeddedNameVariants());
    if (!k.ok()) {
      log::Error("screening.name_data_corrupt", {{"error", k.status().ToString()}});
      std::abort();
    }
    return std::move(k).value();
  }();
  return knowledge;
}

int32_t NameKnowledge::ClassOf(std::string_view spelling) const {
  auto it = class_of_.find(std::string(spelling));
  return it == class_of_.end() ? -1 : it->second;
}

TokenRole NameKnowledge::RoleOf(std::string_view token) const {
  auto it = roles_.find(std::string(token));
  return it == roles_.end() ? TokenRole::kName : it->second;
}

std::string_view NameKnowledge::TailOf(std::string_view token) const {
  for (const auto& [form, canonical] : tails_) {
    if (form == token) return canonical;
  }
  return {};
}

size_t NameKnowledge::SplitTail(std::string_view token, std::string_view* tail) const {
  for (const auto& [form, canonical] : tails_) {
    // Only forms that start with a vowel mark a joined compound ("saifuddin", "habibullah");
    // a bare "din" at the end of a word is too often just the word.
    const char f = form.empty() ? '\0' : form[0];
    if (f != 'u' && f != 'e' && f != 'a' && f != 'i' && f != 'o') continue;
    if (token.size() >= form.size() + 3 && token.substr(token.size() - form.size()) == form) {
      *tail = canonical;
      return token.size() - form.size();
    }
  }
  return 0;
}

std::string_view NameKnowledge::KoreanReading(char32_t han) const {
  auto it = korean_.find(han);
  return it == korean_.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view NameKnowledge::JapaneseReading(std::string_view kanji) const {
  auto it = japanese_.find(std::string(kanji));
  return it == japanese_.end() ? std::string_view() : std::string_view(it->second);
}

Status NameKnowledge::LoadUnihanKoreanReadings(std::istream& in) {
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    // "U+91D1<TAB>kHangul<TAB>금:0E 김:0N"
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) {
      return Status::InvalidArgument("Unihan line " + std::to_string(line_no) +
                                     ": expected three tab-separated fields");
    }
    if (line.compare(t1 + 1, t2 - t1 - 1, "kHangul") != 0) continue;
    if (line.compare(0, 2, "U+") != 0) {
      return Status::InvalidArgument("Unihan line " + std::to_string(line_no) +
                                     ": code point must start with U+");
    }
    char* endp = nullptr;
    const unsigned long cp = std::strtoul(line.c_str() + 2, &endp, 16);
    if (endp != line.c_str() + t1 || cp > 0x10FFFF) {
      return Status::InvalidArgument("Unihan line " + std::to_string(line_no) + ": bad code point");
    }
    // Several readings: a reading marked N (used in personal names) wins, else the first.
    std::string chosen;
    for (std::string_view r : Words(std::string_view(line).substr(t2 + 1))) {
      const size_t colon = r.find(':');
      const std::string_view hangul = r.substr(0, colon);
      const std::string_view flags = colon == std::string_view::npos ? "" : r.substr(colon + 1);
      if (chosen.empty() || flags.find('N') != std::string_view::npos) {
        chosen = std::string(hangul);
        if (flags.find('N') != std::string_view::npos) break;
      }
    }
    if (!IsValidUtf8(chosen)) {
      return Status::InvalidArgument("Unihan line " + std::to_string(line_no) +
                                     ": reading is not valid UTF-8");
    }
    if (!chosen.empty()) korean_[static_cast<char32_t>(cp)] = chosen;
  }
  if (in.bad()) return Status::Unavailable("reading the Unihan data failed");
  return Status::Ok();
}

Status NameKnowledge::LoadIpadicNameReadings(std::istream& in) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open("EUC-JP", &status), ucnv_close);
  if (U_FAILURE(status)) return Status::Internal("no EUC-JP converter in ICU");
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (raw.empty()) continue;
    std::string line(raw.size() * 3 + 4, '\0');
    status = U_ZERO_ERROR;
    const int32_t n =
        ucnv_convert("UTF-8", "EUC-JP", line.data(), static_cast<int32_t>(line.size()), raw.data(),
                     static_cast<int32_t>(raw.size()), &status);
    if (U_FAILURE(status)) {
      return Status::InvalidArgument("name dictionary line " + std::to_string(line_no) +
                                     ": not EUC-JP");
    }
    line.resize(static_cast<size_t>(n));
    std::vector<std::string_view> f;
    size_t p = 0;
    while (p <= line.size()) {
      size_t c = line.find(',', p);
      if (c == std::string::npos) c = line.size();
      f.push_back(std::string_view(line).substr(p, c - p));
      p = c + 1;
    }
    if (f.size() < 12) {
      return Status::InvalidArgument("name dictionary line " + std::to_string(line_no) +
                                     ": expected at least 12 fields, found " +
                                     std::to_string(f.size()));
    }
    // Only person names (人名): family names (姓) and given names (名).
    if (f[6] != "人名") continue;
    const std::string surface(f[0]);
    const std::string reading(f[11]);
    const int cost = std::atoi(std::string(f[3]).c_str());
    auto it = japanese_cost_.find(surface);
    if (it != japanese_cost_.end() && it->second <= cost) continue;
    japanese_cost_[surface] = cost;
    japanese_[surface] = reading;
    longest_japanese_ = std::max(longest_japanese_, ToU32(surface).size());
  }
  if (in.bad()) return Status::Unavailable("reading the name dictionary failed");
  return Status::Ok();
}

}  // namespace corridor::screening
