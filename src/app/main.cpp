// corridor: one program for a Corridor node. See `corridor --help`.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "app/border_command.hpp"
#include "app/commands.hpp"
#include "app/demo.hpp"
#include "app/federation_command.hpp"
#include "app/node.hpp"
#include "app/payroll_command.hpp"

int main(int argc, char** argv) {
  using namespace corridor::app;
  BlockStopSignals();  // before any thread starts: SIGINT/SIGTERM are waited for, not handled
  CLI::App app{
      "Corridor: the migration management system a labour-sending and a "
      "labour-receiving country run together."};
  app.require_subcommand(1);

  InitOptions init;
  auto* init_cmd = app.add_subcommand("init", "Create a node's store and its Ed25519 signing key");
  init_cmd->add_option("--store", init.store, "store URI: sqlite:PATH or postgresql://...")
      ->required();
  init_cmd->add_option("--country", init.country, "the node's country (ISO 3166 alpha-3, e.g. NPL)")
      ->required();
  init_cmd->add_option("--node-id", init.node_id, "the node's id (default node-<COUNTRY>)");
  init_cmd->add_option("--key", init.key, "where to write the key (default <sqlite file>.key)");

  auto* audit_cmd = app.add_subcommand("audit", "Check the ledger");
  audit_cmd->require_subcommand(1);
  AuditOptions audit;
  auto* verify_cmd = audit_cmd->add_subcommand(
      "verify", "Recompute the ledger from its stored events and check every signed tree head");
  verify_cmd->add_option("--store", audit.store, "store URI")->required();

  auto* stats_cmd = app.add_subcommand("stats", "The node's statistics (docs/statistics.md)");
  stats_cmd->require_subcommand(1);
  StatsOptions stats;
  auto* rebuild_cmd = stats_cmd->add_subcommand(
      "rebuild", "Empty the statistics counters and fold the whole ledger into them again");
  rebuild_cmd->add_option("--store", stats.store, "store URI")->required();
  auto* release_cmd = stats_cmd->add_subcommand(
      "release", "Make the statistics release of the months up to --id (docs/statistics.md)");
  release_cmd->add_option("--store", stats.store, "store URI")->required();
  release_cmd->add_option("--key", stats.key, "the node's key file (default <sqlite file>.key)");
  release_cmd->add_option("--id", stats.id, "the release's last month, YYYY-MM")->required();

  ServeOptions serve;
  auto* serve_cmd =
      app.add_subcommand("serve", "Run a node: the API, the portal, the public check");
  serve_cmd->add_option("--config", serve.config, "a JSON configuration file (docs/operations.md)");
  serve_cmd->add_option("--store", serve.store, "store URI: sqlite:PATH or postgresql://...");
  serve_cmd->add_option("--key", serve.key, "the node's key file (default <sqlite file>.key)");
  serve_cmd->add_option("--listen", serve.listen,
                        "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve_cmd->add_option("--web-root", serve.web_root, "the built portal to serve at /");

  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand(
      "demo", "Run a two-node demo corridor (Nepal and Kuwait) on SQLite files, with demo data");
  demo_cmd->add_option("--dir", demo.dir, "where the nodes keep their files (default ./demo)");
  demo_cmd->add_option("--origin-port", demo.origin_port, "the Nepali node's port (default 8080)");
  demo_cmd->add_option("--destination-port", demo.destination_port,
                       "the Kuwaiti node's port (default 8081)");
  demo_cmd->add_option("--web-root", demo.web_root, "the built portal to serve at /");
  demo_cmd->add_flag("--seed-only", demo.seed_only, "create and seed the nodes, then exit");

  ImportOptions import;
  auto* import_cmd = app.add_subcommand("import",
                                        "Import registry records from a CSV file "
                                        "(docs/formats/import.md), all or nothing");
  import_cmd->add_option("--store", import.store, "store URI")->required();
  import_cmd
      ->add_option("--kind", import.kind,
                   "workers, employers, agencies, contracts, occupations or wage_floors")
      ->required();
  import_cmd->add_option("--key", import.key, "the node's key file (default <sqlite file>.key)");
  import_cmd->add_option("file", import.file, "the CSV file")->required();

  PeerOptions peer;
  auto* peer_cmd = AddPeerCommands(app, peer);
  PayrollCheckOptions payroll_check;
  auto* payroll_check_cmd = AddPayrollCommands(app, payroll_check);
  auto border = AddBorderCommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*init_cmd) return RunInit(init);
    if (*serve_cmd) return RunServe(serve);
    if (*demo_cmd) return RunDemo(demo);
    if (*verify_cmd) return RunAuditVerify(audit);
    if (*import_cmd) return RunImport(import);
    if (*rebuild_cmd) return RunStatsRebuild(stats);
    if (*release_cmd) return RunStatsRelease(stats);
    if (*peer_cmd) return RunPeerCommand(*peer_cmd, peer);
    if (*payroll_check_cmd) return RunPayrollCheck(payroll_check);
    if (auto code = RunBorderCommands(*border)) return *code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor: unexpected failure: %s\n", e.what());
    return 1;
  }
  return 2;
}
