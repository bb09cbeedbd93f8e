#include "app/name_data.hpp"

#include <bzlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace corridor::app {
namespace {

bool Exists(const std::string& path) { return !path.empty() && std::ifstream(path).good(); }

bool EndsWith(const std::string& s, const char* suffix) {
  const std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

Result<std::string> ReadMaybeCompressed(const std::string& path) {
  if (!EndsWith(path, ".bz2")) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return Status::InvalidArgument("cannot read " + path);
    return text.str();
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::InvalidArgument("cannot read " + path);
  int err = BZ_OK;
  BZFILE* bz = BZ2_bzReadOpen(&err, f, 0, 0, nullptr, 0);
  std::string out;
  char buf[1 << 16];
  while (err == BZ_OK) {
    const int n = BZ2_bzRead(&err, bz, buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<size_t>(n));
  }
  const bool ok = err == BZ_STREAM_END;
  BZ2_bzReadClose(&err, bz);
  std::fclose(f);
  if (!ok) return Status::InvalidArgument(path + " is not a readable bzip2 file");
  return out;
}

}  // namespace

Result<std::unique_ptr<screening::NameKnowledge>> LoadNameKnowledge(const std::string& unihan,
                                                                    const std::string& ipadic) {
  auto k = std::make_unique<screening::NameKnowledge>(screening::NameKnowledge::Default());
  if (Exists(unihan)) {
    ASSIGN_OR_RETURN(std::string text, ReadMaybeCompressed(unihan));
    std::istringstream in(text);
    RETURN_IF_ERROR(k->LoadUnihanKoreanReadings(in).WithContext(unihan));
  }
  if (Exists(ipadic)) {
    std::ifstream in(ipadic, std::ios::binary);
    RETURN_IF_ERROR(k->LoadIpadicNameReadings(in).WithContext(ipadic));
  }
  return k;
}

}  // namespace corridor::app
