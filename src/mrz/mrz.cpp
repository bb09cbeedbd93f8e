#include "mrz/mrz.hpp"

#include <cstdio>

namespace corridor::mrz {

std::string_view ToString(Format format) {
  switch (format) {
    case Format::kTd1:
      return "TD1";
    case Format::kTd2:
      return "TD2";
    case Format::kTd3:
      return "TD3";
    case Format::kMrvA:
      return "MRV-A";
    case Format::kMrvB:
      return "MRV-B";
  }
  return "unknown";
}

std::string_view ToString(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kPassport:
      return "passport";
    case DocumentKind::kVisa:
      return "visa";
    case DocumentKind::kIdentityCard:
      return "identity_card";
    case DocumentKind::kOfficialTravelDocument:
      return "official_travel_document";
  }
  return "unknown";
}

std::string_view ToString(Field field) {
  switch (field) {
    case Field::kDocumentCode:
      return "document_code";
    case Field::kIssuingState:
      return "issuing_state";
    case Field::kName:
      return "name";
    case Field::kDocumentNumber:
      return "document_number";
    case Field::kDocumentNumberCheckDigit:
      return "document_number_check_digit";
    case Field::kNationality:
      return "nationality";
    case Field::kBirthDate:
      return "birth_date";
    case Field::kBirthDateCheckDigit:
      return "birth_date_check_digit";
    case Field::kSex:
      return "sex";
    case Field::kExpiryDate:
      return "expiry_date";
    case Field::kExpiryDateCheckDigit:
      return "expiry_date_check_digit";
    case Field::kOptionalData1:
      return "optional_data1";
    case Field::kOptionalData1CheckDigit:
      return "optional_data1_check_digit";
    case Field::kOptionalData2:
      return "optional_data2";
    case Field::kCompositeCheckDigit:
      return "composite_check_digit";
  }
  return "unknown";
}

std::string_view ToString(CheckKind kind) {
  switch (kind) {
    case CheckKind::kDocumentNumber:
      return "document_number";
    case CheckKind::kBirthDate:
      return "birth_date";
    case CheckKind::kExpiryDate:
      return "expiry_date";
    case CheckKind::kOptionalData:
      return "optional_data";
    case CheckKind::kComposite:
      return "composite";
  }
  return "unknown";
}

std::string_view ToString(DateStatus status) {
  switch (status) {
    case DateStatus::kComplete:
      return "complete";
    case DateStatus::kPartial:
      return "partial";
    case DateStatus::kUnknown:
      return "unknown";
    case DateStatus::kInvalid:
      return "invalid";
  }
  return "unknown";
}

std::string ToString(Position position) {
  return std::to_string(position.line) + ":" + std::to_string(position.column);
}

int CheckDigit(std::string_view characters) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < characters.size(); ++i) {
    const char c = characters[i];
    int value = 0;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    }
    sum = (sum + value * kWeights[i % 3]) % 10;
  }
  return sum;
}

std::string MrzDate::ToString() const {
  switch (status) {
    case DateStatus::kUnknown:
      return "unknown";
    case DateStatus::kInvalid:
      return "invalid";
    case DateStatus::kComplete:
    case DateStatus::kPartial:
      break;
  }
  char buf[32];
  std::string y = year ? (std::snprintf(buf, sizeof buf, "%04d", *year), std::string(buf)) : "????";
  std::string m = month ? (std::snprintf(buf, sizeof buf, "%02d", *month), std::string(buf)) : "??";
  std::string d = day ? (std::snprintf(buf, sizeof buf, "%02d", *day), std::string(buf)) : "??";
  return y + "-" + m + "-" + d;
}

bool MrzDocument::valid() const {
  if (!issues.empty()) return false;
  for (const CheckResult& c : checks) {
    if (!c.valid) return false;
  }
  return true;
}

}  // namespace corridor::mrz
