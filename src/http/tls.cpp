// The server's TLS context: the certificate chain and private key from PEM files, TLS 1.2 and
// later, with errors that name the file and what is wrong with it.
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <array>
#include <cerrno>
#include <cstdio>

#include "core/errno_text.hpp"
#include "http/server_core.hpp"

namespace corridor::http::internal {
namespace {

std::string OpenSslError() {
  const unsigned long e = ERR_peek_last_error();  // NOLINT(google-runtime-int): OpenSSL's type
  std::string text = "unknown reason";
  if (e != 0) {
    std::array<char, 256> buf{};
    ERR_error_string_n(e, buf.data(), buf.size());
    text = buf.data();
  }
  ERR_clear_error();
  return text;
}

// A file that is missing or unreadable gets that said plainly, before OpenSSL's reasons.
Status CheckReadable(std::string_view option, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    return Status::InvalidArgument(
        std::string(option) + " '" + path + "' cannot be read: " + ErrnoText(err),
        std::string(option));
  }
  std::fclose(f);
  return Status::Ok();
}

int PemPasswordRefused(char* /*buf*/, int /*size*/, int /*rwflag*/, void* asked) {
  *static_cast<bool*>(asked) = true;
  return -1;
}

}  // namespace

Status ConfigureTls(asio::ssl::context& ctx, const ServerOptions& o) {
  SSL_CTX* native = ctx.native_handle();
  ERR_clear_error();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
    return Status::Internal("cannot require TLS 1.2: " + OpenSslError());
  }
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression |
                  asio::ssl::context::single_dh_use);

  RETURN_IF_ERROR(CheckReadable("tls_certificate_file", o.tls_certificate_file));
  RETURN_IF_ERROR(CheckReadable("tls_private_key_file", o.tls_private_key_file));

  if (SSL_CTX_use_certificate_chain_file(native, o.tls_certificate_file.c_str()) != 1) {
    return Status::InvalidArgument("tls_certificate_file '" + o.tls_certificate_file +
                                       "' holds no valid PEM certificate chain (" + OpenSslError() +
                                       ")",
                                   "tls_certificate_file");
  }

  std::FILE* f = std::fopen(o.tls_private_key_file.c_str(), "rb");
  if (f == nullptr) return CheckReadable("tls_private_key_file", o.tls_private_key_file);
  bool password_asked = false;
  EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, &PemPasswordRefused, &password_asked);
  std::fclose(f);
  if (key == nullptr) {
    const std::string reason = OpenSslError();
    return Status::InvalidArgument(
        "tls_private_key_file '" + o.tls_private_key_file + "' " +
            (password_asked ? std::string("is encrypted with a passphrase; give an unencrypted "
                                          "PEM private key")
                            : "holds no valid PEM private key (" + reason + ")"),
        "tls_private_key_file");
  }
  const int used = SSL_CTX_use_PrivateKey(native, key);
  EVP_PKEY_free(key);
  if (used != 1 || SSL_CTX_check_private_key(native) != 1) {
    return Status::InvalidArgument("tls_private_key_file '" + o.tls_private_key_file +
                                       "' does not match the certificate in "
                                       "tls_certificate_file '" +
                                       o.tls_certificate_file + "' (" + OpenSslError() + ")",
                                   "tls_private_key_file");
  }
  return Status::Ok();
}

}  // namespace corridor::http::internal
