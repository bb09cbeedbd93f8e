// Test support for the border: machine-readable zones built from fields with correct check
// digits, a national list in the CSV format, and a Border over a test node. Test-only;
// thread-safe (pure functions).
#pragma once

#include <string>

#include "mrz/mrz.hpp"
#include "service/border.hpp"

namespace corridor::service::testing {

inline std::string Fill(std::string s, size_t n) {
  for (char& c : s) {
    if (c == ' ' || c == '-') c = '<';
  }
  s.resize(n, '<');
  return s;
}

inline char Digit(std::string_view s) { return static_cast<char>('0' + mrz::CheckDigit(s)); }

// A TD3 (passport) zone: two lines of 44 with every check digit right. Dates are YYMMDD.
inline std::string Td3(const std::string& state, const std::string& primary,
                       const std::string& secondary, const std::string& number,
                       const std::string& nationality, const std::string& dob, char sex,
                       const std::string& expiry) {
  const std::string line1 = "P<" + Fill(state, 3) + Fill(primary + "  " + secondary, 39);
  const std::string num = Fill(number, 9);
  const std::string optional = Fill("", 14);
  std::string line2 = num + Digit(num) + Fill(nationality, 3) + dob + Digit(dob) + sex + expiry +
                      Digit(expiry) + optional + Digit(optional);
  const std::string composite = line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22);
  line2 += Digit(composite);
  return line1 + "\n" + line2;
}

// An MRV-A visa zone (two lines of 44, no composite check).
inline std::string MrvA(const std::string& state, const std::string& primary,
                        const std::string& secondary, const std::string& number,
                        const std::string& nationality, const std::string& dob, char sex,
                        const std::string& valid_until) {
  const std::string line1 = "V<" + Fill(state, 3) + Fill(primary + "  " + secondary, 39);
  const std::string num = Fill(number, 9);
  const std::string line2 = num + Digit(num) + Fill(nationality, 3) + dob + Digit(dob) + sex +
                            valid_until + Digit(valid_until) + Fill("", 16);
  return line1 + "\n" + line2;
}

inline const char* kListHeader =
    "list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,"
    "document_number,document_country,reason\n";

}  // namespace corridor::service::testing
