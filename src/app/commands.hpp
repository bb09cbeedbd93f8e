// The `corridor` command line: each subcommand is a function from parsed options to an exit
// code. Errors are one line on stderr naming what is wrong; nothing is half-written.
// Thread-safety: run from main's thread.
#pragma once

#include <string>
#include <vector>

namespace corridor::app {

struct InitOptions {
  std::string store;
  std::string country;
  std::string node_id;
  std::string key;
};
int RunInit(const InitOptions& o);

struct AuditOptions {
  std::string store;
  bool json = false;
};
int RunAuditVerify(const AuditOptions& o);

struct StatsOptions {
  std::string store;
  std::string key;  // stats release: the node's key file (default <sqlite file>.key)
  std::string id;   // stats release: its last month, YYYY-MM
};
// `corridor stats rebuild`: empties the statistics counters and folds the whole ledger again
// (docs/statistics.md). Safe beside a running node: the two fold in turn, never the same event.
int RunStatsRebuild(const StatsOptions& o);
// `corridor stats release --id YYYY-MM`: makes the statistics release of the months up to that
// one (docs/statistics.md, "Releases"), as the node itself; prints its SHA-256.
int RunStatsRelease(const StatsOptions& o);

struct ImportOptions {
  std::string store;
  std::string key;
  std::string kind;
  std::string file;
};
int RunImport(const ImportOptions& o);

struct ServeOptions {
  std::string config;
  std::string store;
  std::string key;
  std::string listen;
  std::string web_root;
};
int RunServe(const ServeOptions& o);

// Prints "corridor: <message>" on stderr and returns 1.
int Fail(const std::string& message);

}  // namespace corridor::app
