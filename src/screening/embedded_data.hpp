// The name data compiled into the library from src/screening/data/ (see embed.cmake): the
// texts are the files byte for byte, so the files stay the one place to edit.
// Thread-safety: immutable static data.
#pragma once

#include <string_view>

namespace corridor::screening {

std::string_view EmbeddedCountryAliases();  // data/country-aliases.txt
std::string_view EmbeddedNameVariants();    // data/name-variants.txt

}  // namespace corridor::screening
