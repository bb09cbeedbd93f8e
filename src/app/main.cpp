// corridor: one program for a Corridor node. See `corridor --help`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "app/border_command.hpp"
#include "app/commands.hpp"

int main(int argc, char** argv) {
  using namespace corridor::app;
  CLI::App app{"Corridor: the migration management system a labour-sending and a "
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

  ImportOptions import;
  auto* import_cmd = app.add_subcommand("import", "Import registry records from a CSV file "
                                                  "(docs/formats/import.md), all or nothing");
  import_cmd->add_option("--store", import.store, "store URI")->required();
  import_cmd->add_option("--kind", import.kind,
                         "workers, employers, agencies, contracts, occupations or wage_floors")
      ->required();
  import_cmd->add_option("--key", import.key, "the node's key file (default <sqlite file>.key)");
  import_cmd->add_option("file", import.file, "the CSV file")->required();

  auto border = AddBorderCommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*init_cmd) return RunInit(init);
    if (*verify_cmd) return RunAuditVerify(audit);
    if (*import_cmd) return RunImport(import);
    if (auto code = RunBorderCommands(*border)) return *code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor: unexpected failure: %s\n", e.what());
    return 1;
  }
  return 2;
}
