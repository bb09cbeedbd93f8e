// The demo corridor: two nodes on 127.0.0.1 — Nepal (origin) and Kuwait (destination) — on
// SQLite files under one directory, seeded on first run with synthetic employers, agencies,
// workers and contracts in every lifecycle state, and an account for every role. A later run
// reuses the data. The accounts are printed and written to DIR/demo-accounts.json (mode 0600).
// Thread-safety: run from main's thread.
#pragma once

#include <string>

namespace corridor::app {

struct DemoOptions {
  std::string dir = "demo";
  std::string host = "127.0.0.1";
  int origin_port = 8080;
  int destination_port = 8081;
  std::string web_root;    // the built portal, if any
  bool seed_only = false;  // seed and exit (tests and scripts)
};

int RunDemo(const DemoOptions& o);

}  // namespace corridor::app
