// Internal to the mrz module: what each check digit covers, how it is judged, and the search
// for OCR corrections that make a failing check pass. The parser and the suggestion search use
// the same judgement (Passes), so a suggestion never disagrees with the reported check.
//
// Thread-safety: pure functions over values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mrz/mrz.hpp"

namespace corridor::mrz::internal {

// Which substitutions a field admits: a date holds only digits (and '<'), so a letter in it is
// always a misreading; document numbers and optional data hold letters and digits, so both
// directions of a confusion are possible.
enum class CharClass { kNumeric, kAlphanumeric };

struct CheckedField {
  CheckKind kind = CheckKind::kDocumentNumber;
  Field field = Field::kDocumentNumber;                  // the data field
  Field check_field = Field::kDocumentNumberCheckDigit;  // its check digit
  CharClass char_class = CharClass::kAlphanumeric;
  std::vector<Position> data;  // the characters covered, in order
  // A second coverage also accepted (the TD1/TD2 long document number computed with the filler
  // that stands in the first check digit position); empty when there is none.
  std::vector<Position> variant_data;
  // TD3 optional data: '<' is an accepted check digit when every covered character is '<'.
  bool filler_check_when_empty = false;
  Position check;
};

struct CompositeCheck {
  std::vector<Position> covered;
  Position check;
};

using Lines = std::vector<std::string>;

char At(const Lines& lines, Position p);
std::string Gather(const Lines& lines, const std::vector<Position>& positions);
// The field's value as the document reports it: the covered characters without trailing fillers.
std::string FieldValue(const Lines& lines, const std::vector<Position>& positions);

enum class Verdict { kFail, kPass, kPassByVariant, kPassEmptyFiller };
Verdict Judge(const Lines& lines, const CheckedField& field);
inline bool Passes(const Lines& lines, const CheckedField& field) {
  return Judge(lines, field) != Verdict::kFail;
}
bool CompositePasses(const Lines& lines, const CompositeCheck& composite);

// The digit an OCR engine most likely misread as `letter` ('O' -> '0'), or '\0' when none.
char DigitForLetter(char letter);
// The letters an OCR engine most likely reads for `digit` ('0' -> "OQD"), possibly empty.
std::string_view LettersForDigit(char digit);

// Appends to `suggestions` and `warnings` the corrections the rules of docs/formats/mrz.md
// allow for `fields` (each with its check) and the composite check, if the format has one.
void SuggestCorrections(const Lines& lines, const std::vector<CheckedField>& fields,
                        const std::optional<CompositeCheck>& composite,
                        std::vector<Suggestion>* suggestions, std::vector<std::string>* warnings);

}  // namespace corridor::mrz::internal
