// `corridor payroll ...`: wage protection from the command line. `payroll check` reconciles
// payroll files (SIF or extended CSV, told apart by content) against the registry of a store
// (or a contract book in CSV, docs/formats/payroll.md §3) and prints one JSON object per finding
// and a summary line. It changes nothing.
// Thread-safety: run from main's thread.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace corridor::app {

struct PayrollCheckOptions {
  std::string store;     // store URI, or
  std::string book;      // a directory with contracts.csv and floors.csv
  std::string month;     // "YYYY-MM"; default: the first file's
  std::string paid_on;   // SIF value date; default: each SIF's creation date
  std::string currency;  // SIF currency; default: each SIF's own
  std::string employer;  // only this employer's contracts (store only)
  int grace_days = 0;
  std::vector<std::string> files;
};

// Adds `payroll` and its subcommands to `app`; returns the `check` subcommand.
CLI::App* AddPayrollCommands(CLI::App& app, PayrollCheckOptions& check);

// Exit 0 when every file was read (findings or not); 1 when a file could not be read or was
// refused as structurally invalid (one line on stderr naming the file, line and field each).
int RunPayrollCheck(const PayrollCheckOptions& o);

}  // namespace corridor::app
