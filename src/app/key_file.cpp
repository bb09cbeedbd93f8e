#include "app/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/errno_text.hpp"

namespace corridor::app {
namespace {
constexpr std::string_view kMagic = "corridor-node-key v1";
}

Result<std::string> DefaultKeyPath(const std::string& store_uri) {
  if (store_uri.rfind("sqlite:", 0) == 0 && store_uri.size() > 7)
    return store_uri.substr(7) + ".key";
  return Status::InvalidArgument("a PostgreSQL store needs --key FILE naming the node's key file",
                                 "key");
}

Status WriteKeyFile(const std::string& path, const crypto::SigningKey& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::AlreadyExists("the key file " + path +
                                   " exists already; it is never replaced");
    }
    return Status::Unavailable("cannot create the key file " + path + ": " + ErrnoText(errno));
  }
  const auto seed = key.Seed();
  std::string text = std::string(kMagic) + "\n" + HexEncode(seed) + "\n";
  const ssize_t n = ::write(fd, text.data(), text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  std::fill(text.begin(), text.end(), '\0');
  if (n != static_cast<ssize_t>(text.size()) || !synced) {
    ::unlink(path.c_str());
    return Status::Unavailable("cannot write the key file " + path);
  }
  return Status::Ok();
}

Result<crypto::SigningKey> ReadKeyFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Status::NotFound("the key file " + path + " does not exist");
  }
  if ((st.st_mode & 077) != 0) {
    return Status::PermissionDenied("the key file " + path +
                                    " is readable by others; chmod 600 it first");
  }
  std::ifstream in(path);
  std::string magic;
  std::string hex;
  if (!std::getline(in, magic) || !std::getline(in, hex) || magic != kMagic) {
    return Status::InvalidArgument("the key file " + path + " is not a Corridor node key");
  }
  auto seed = HexDecode(hex);
  if (!seed.ok() || seed->size() != 32) {
    return Status::InvalidArgument("the key file " + path + " holds a damaged key");
  }
  auto key = crypto::SigningKey::FromSeed(*seed);
  std::fill(seed->begin(), seed->end(), 0);
  std::fill(hex.begin(), hex.end(), '\0');
  return key;
}

}  // namespace corridor::app
