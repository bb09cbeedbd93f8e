#include "mrz/checks.hpp"

#include <algorithm>
#include <cstddef>

namespace corridor::mrz::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }

struct Change {
  Position position;
  char from = '<';
  char to = '<';
};
using Candidate = std::vector<Change>;

void Apply(Lines& lines, const Candidate& candidate) {
  for (const Change& c : candidate) {
    lines[static_cast<size_t>(c.position.line - 1)][static_cast<size_t>(c.position.column - 1)] =
        c.to;
  }
}

// A date's six characters could be a date: each of YY, MM, DD two digits or "<<", the month
// 01-12 and the day 01-31 when known. The calendar itself is checked by the parser.
bool PlausibleDate(std::string_view six) {
  if (six.size() != 6) return false;
  int values[3] = {-1, -1, -1};
  for (size_t p = 0; p < 3; ++p) {
    const char a = six[2 * p];
    const char b = six[2 * p + 1];
    if (a == '<' && b == '<') continue;
    if (!IsDigit(a) || !IsDigit(b)) return false;
    values[p] = (a - '0') * 10 + (b - '0');
  }
  if (values[1] != -1 && (values[1] < 1 || values[1] > 12)) return false;
  if (values[2] != -1 && (values[2] < 1 || values[2] > 31)) return false;
  return true;
}

// Dates: every letter among the covered characters and the check digit must have been a digit,
// and each letter stands for exactly one digit, so there is at most one candidate: all of them
// mapped. It counts only if the check then passes and the date is plausible.
std::vector<Candidate> NumericCandidates(const Lines& lines, const CheckedField& field) {
  Candidate all;
  std::vector<Position> positions = field.data;
  positions.push_back(field.check);
  for (const Position& p : positions) {
    const char c = At(lines, p);
    if (!IsLetter(c)) continue;
    const char digit = DigitForLetter(c);
    if (digit == '\0') return {};
    all.push_back({p, c, digit});
  }
  if (all.empty()) return {};
  Lines changed = lines;
  Apply(changed, all);
  if (!Passes(changed, field) || !PlausibleDate(Gather(changed, field.data))) return {};
  return {all};
}

// Document numbers and optional data: every single substitution of a confusable character in
// the field (either direction) or of a letter standing in the check digit's place.
std::vector<Candidate> AlphanumericCandidates(const Lines& lines, const CheckedField& field) {
  if (Passes(lines, field)) return {};
  std::vector<Candidate> out;
  Lines changed = lines;
  auto try_change = [&](Position p, char from, char to) {
    changed[static_cast<size_t>(p.line - 1)][static_cast<size_t>(p.column - 1)] = to;
    if (Passes(changed, field)) out.push_back({{p, from, to}});
    changed[static_cast<size_t>(p.line - 1)][static_cast<size_t>(p.column - 1)] = from;
  };
  for (const Position& p : field.data) {
    const char c = At(lines, p);
    if (IsLetter(c)) {
      if (const char d = DigitForLetter(c); d != '\0') try_change(p, c, d);
    } else if (IsDigit(c)) {
      for (const char letter : LettersForDigit(c)) try_change(p, c, letter);
    }
  }
  const char check = At(lines, field.check);
  if (IsLetter(check)) {
    if (const char d = DigitForLetter(check); d != '\0') try_change(field.check, check, d);
  }
  return out;
}

std::string DescribeCandidate(const Candidate& candidate) {
  std::string out;
  for (const Change& c : candidate) {
    if (!out.empty()) out += " + ";
    out += ToString(c.position) + " '" + c.from + "'->'" + c.to + "'";
  }
  return out;
}

std::string DescribeCheck(CheckKind kind) {
  switch (kind) {
    case CheckKind::kDocumentNumber:
      return "document number";
    case CheckKind::kBirthDate:
      return "date of birth";
    case CheckKind::kExpiryDate:
      return "expiry date";
    case CheckKind::kOptionalData:
      return "optional data";
    case CheckKind::kComposite:
      return "composite";
  }
  return "unknown";
}

// More combinations than this and the composite is not used to choose between candidates.
constexpr size_t kMaxCombinations = 4096;

}  // namespace

char At(const Lines& lines, Position p) {
  return lines[static_cast<size_t>(p.line - 1)][static_cast<size_t>(p.column - 1)];
}

std::string Gather(const Lines& lines, const std::vector<Position>& positions) {
  std::string out;
  out.reserve(positions.size());
  for (const Position& p : positions) out += At(lines, p);
  return out;
}

std::string FieldValue(const Lines& lines, const std::vector<Position>& positions) {
  std::string value = Gather(lines, positions);
  while (!value.empty() && value.back() == '<') value.pop_back();
  return value;
}

Verdict Judge(const Lines& lines, const CheckedField& field) {
  const char found = At(lines, field.check);
  const std::string covered = Gather(lines, field.data);
  if (IsDigit(found)) {
    const int digit = found - '0';
    if (CheckDigit(covered) == digit) return Verdict::kPass;
    if (!field.variant_data.empty() && CheckDigit(Gather(lines, field.variant_data)) == digit) {
      return Verdict::kPassByVariant;
    }
    return Verdict::kFail;
  }
  if (found == '<' && field.filler_check_when_empty &&
      covered.find_first_not_of('<') == std::string::npos) {
    return Verdict::kPassEmptyFiller;
  }
  return Verdict::kFail;
}

bool CompositePasses(const Lines& lines, const CompositeCheck& composite) {
  const char found = At(lines, composite.check);
  return IsDigit(found) && CheckDigit(Gather(lines, composite.covered)) == found - '0';
}

char DigitForLetter(char letter) {
  switch (letter) {
    case 'O':
    case 'Q':
    case 'D':
      return '0';
    case 'I':
    case 'L':
      return '1';
    case 'Z':
      return '2';
    case 'A':
      return '4';
    case 'S':
      return '5';
    case 'G':
      return '6';
    case 'T':
      return '7';
    case 'B':
      return '8';
    default:
      return '\0';
  }
}

std::string_view LettersForDigit(char digit) {
  switch (digit) {
    case '0':
      return "OQD";
    case '1':
      return "IL";
    case '2':
      return "Z";
    case '4':
      return "A";
    case '5':
      return "S";
    case '6':
      return "G";
    case '7':
      return "T";
    case '8':
      return "B";
    default:
      return "";
  }
}

void SuggestCorrections(const Lines& lines, const std::vector<CheckedField>& fields,
                        const std::optional<CompositeCheck>& composite,
                        std::vector<Suggestion>* suggestions, std::vector<std::string>* warnings) {
  struct FieldCandidates {
    const CheckedField* field;
    std::vector<Candidate> candidates;
    bool forced;  // the field cannot stay as it is (a letter in a date): no "unchanged" option
    std::vector<bool> confirmed;
  };
  std::vector<FieldCandidates> open;
  for (const CheckedField& f : fields) {
    const bool numeric = f.char_class == CharClass::kNumeric;
    std::vector<Candidate> c =
        numeric ? NumericCandidates(lines, f) : AlphanumericCandidates(lines, f);
    if (c.empty()) continue;
    open.push_back({&f, std::move(c), numeric, {}});
    open.back().confirmed.assign(open.back().candidates.size(), false);
  }

  // A letter in the composite check digit's place is a misreading too; without a digit for it
  // the composite can confirm nothing.
  Candidate composite_fix;
  bool composite_usable = composite.has_value();
  if (composite) {
    const char c = At(lines, composite->check);
    if (IsLetter(c)) {
      const char d = DigitForLetter(c);
      if (d == '\0') {
        composite_usable = false;
      } else {
        composite_fix.push_back({composite->check, c, d});
      }
    } else if (!IsDigit(c)) {
      composite_usable = false;
    }
  }

  // Every combination of one option per open field (a candidate or, unless forced, no change)
  // is tried against the composite; a candidate that takes part in a passing combination is
  // confirmed by it.
  bool judged_by_composite = false;
  if (composite_usable && !open.empty()) {
    size_t combinations = 1;
    std::vector<size_t> radix;
    for (const FieldCandidates& fc : open) {
      radix.push_back(fc.candidates.size() + (fc.forced ? 0 : 1));
      combinations *= radix.back();
      if (combinations > kMaxCombinations) break;
    }
    if (combinations <= kMaxCombinations) {
      judged_by_composite = true;
      std::vector<size_t> digit(open.size(), 0);
      for (size_t n = 0; n < combinations; ++n) {
        Lines changed = lines;
        Apply(changed, composite_fix);
        for (size_t i = 0; i < open.size(); ++i) {
          const size_t choice = digit[i];
          if (choice < open[i].candidates.size()) Apply(changed, open[i].candidates[choice]);
        }
        if (CompositePasses(changed, *composite)) {
          for (size_t i = 0; i < open.size(); ++i) {
            if (digit[i] < open[i].candidates.size()) open[i].confirmed[digit[i]] = true;
          }
        }
        for (size_t i = 0; i < open.size(); ++i) {
          if (++digit[i] < radix[i]) break;
          digit[i] = 0;
        }
      }
    }
  }

  std::vector<std::pair<const CheckedField*, Candidate>> chosen;
  for (const FieldCandidates& fc : open) {
    std::vector<size_t> confirmed;
    for (size_t i = 0; i < fc.candidates.size(); ++i) {
      if (fc.confirmed[i]) confirmed.push_back(i);
    }
    // A date's candidate is the only reading of its letters as digits and its own check passes:
    // it is suggested whatever the composite says. A document number or optional data
    // candidate must be the only one, and the only one the composite accepts when it can judge.
    if (fc.forced) {
      chosen.emplace_back(fc.field, fc.candidates[0]);
      continue;
    }
    if (judged_by_composite ? confirmed.size() == 1 : fc.candidates.size() == 1) {
      chosen.emplace_back(fc.field, fc.candidates[judged_by_composite ? confirmed[0] : 0]);
      continue;
    }
    std::vector<size_t> listed = confirmed;
    if (listed.size() < 2) {
      listed.clear();
      for (size_t i = 0; i < fc.candidates.size(); ++i) listed.push_back(i);
    }
    std::string list;
    for (size_t i = 0; i < listed.size() && i < 6; ++i) {
      if (!list.empty()) list += ", ";
      list += DescribeCandidate(fc.candidates[listed[i]]);
    }
    if (listed.size() > 6) list += ", ...";
    std::string warning = "the " + DescribeCheck(fc.field->kind) + " check fails";
    if (confirmed.size() >= 2) {
      warning += " and " + std::to_string(listed.size());
      warning += " single-character corrections would make it and the composite pass (";
      warning += list;
      warning += "); none is suggested";
    } else if (judged_by_composite && fc.candidates.size() == 1) {
      warning += "; the one single-character correction that would make it pass (";
      warning += list;
      warning += ") leaves the composite failing, so none is suggested";
    } else {
      warning += " and " + std::to_string(listed.size());
      warning += " single-character corrections would make it pass (";
      warning += list;
      warning += ")";
      if (judged_by_composite) warning += ", none of them the composite too";
      warning += "; none is suggested";
    }
    warnings->push_back(std::move(warning));
  }

  Lines corrected = lines;
  for (const auto& [field, candidate] : chosen) Apply(corrected, candidate);
  bool composite_fixed = false;
  if (composite && !composite_fix.empty()) {
    Lines with_fix = corrected;
    Apply(with_fix, composite_fix);
    if (CompositePasses(with_fix, *composite)) {
      corrected = std::move(with_fix);
      composite_fixed = true;
    }
  }
  const bool confirmed = composite && CompositePasses(corrected, *composite);

  for (const auto& [field, candidate] : chosen) {
    const std::string value = FieldValue(corrected, field->data);
    for (const Change& c : candidate) {
      const bool on_check = c.position == field->check;
      suggestions->push_back({field->kind, on_check ? field->check_field : field->field, c.position,
                              c.from, c.to, on_check ? std::string(1, c.to) : value, confirmed});
    }
  }
  if (composite_fixed) {
    const Change& c = composite_fix.front();
    suggestions->push_back({CheckKind::kComposite, Field::kCompositeCheckDigit, c.position, c.from,
                            c.to, std::string(1, c.to), confirmed});
  }
  std::sort(suggestions->begin(), suggestions->end(),
            [](const Suggestion& a, const Suggestion& b) { return a.position < b.position; });
}

}  // namespace corridor::mrz::internal
