// The name knowledge a node screens with: the compiled-in name data plus, when Debian's packages
// are installed, the Korean readings of Han characters (unicode-data's Unihan_Readings.txt.bz2)
// and the Japanese person names of the IPA dictionary (mecab-ipadic's Noun.name.csv), read once
// at start-up. Thread-safety: call from main's thread; the result is immutable.
#pragma once

#include <memory>
#include <string>

#include "core/status.hpp"
#include "screening/name_knowledge.hpp"

namespace corridor::app {

inline constexpr const char* kUnihanReadings = "/usr/share/unicode/Unihan_Readings.txt.bz2";
inline constexpr const char* kIpadicNames = "/usr/share/mecab/dic/ipadic/Noun.name.csv";

// Loads the files that exist (a ".bz2" file is decompressed); an empty path skips that file. A
// file that exists but does not load is an error naming it.
Result<std::unique_ptr<screening::NameKnowledge>> LoadNameKnowledge(
    const std::string& unihan = kUnihanReadings, const std::string& ipadic = kIpadicNames);

}  // namespace corridor::app
