// The HTTP server serving a fixed 1 KiB JSON body, for load generators (bench/http_vs_nginx runs
// it beside nginx serving the same bytes from a file).
//
//   http_bench_server [--port N] [--threads N]
//
// Every request, whatever its method and target, gets 200 with the body. Prints "port N" on
// standard output once listening; runs until SIGTERM or SIGINT.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "http/server.hpp"

namespace {

// 1024 bytes of JSON, the size of a small API answer.
std::string Body() {
  std::string body = "{\"items\":[";
  for (int i = 0; body.size() < 1024 - 40; ++i) {
    if (i > 0) body += ',';
    body += "{\"id\":" + std::to_string(i) + ",\"ok\":true}";
  }
  body += "],\"note\":\"";
  body.append(1024 - body.size() - 2, 'x');
  body += "\"}";
  return body;
}

}  // namespace

int main(int argc, char** argv) {
  corridor::http::ServerOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) {
      options.port = static_cast<uint16_t>(std::atoi(argv[i + 1]));
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      options.threads = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: http_bench_server [--port N] [--threads N]\n");
      return 2;
    }
  }
  const std::string body = Body();
  auto server = corridor::http::Server::Create(options, [&body](const corridor::http::Request&) {
    corridor::http::Response r;
    r.body = body;
    r.route = "/data.json";
    return r;
  });
  if (!server.ok()) {
    std::fprintf(stderr, "http_bench_server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  (*server)->HandleSignals();
  std::printf("port %u\n", static_cast<unsigned>((*server)->port()));
  std::fflush(stdout);
  (*server)->Run();
  return 0;
}
