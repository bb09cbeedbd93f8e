// The border's commands:
//
//   corridor mrz parse [LINE...]                     zones from arguments or standard input
//   corridor screen import --store URI --list un-xml|ofac-csv|csv FILE...
//   corridor screen compare NAME1 NAME2 | --pairs FILE.csv
//   corridor screen query --store URI NAME [--dob D] [--nationality CC] | --queries FILE.csv
//   corridor screen lists --store URI                the lists and every version
//   corridor screen export --store URI --list ID [--version N]
//   corridor border daily --store URI [--today D]     the daily jobs once (overstays)
//   corridor border cross --store URI --officer USER --direction entry|exit --port P [LINE...]
//
// Errors are one line on standard error and a non-zero exit; nothing is half-written.
// Thread-safety: run from main's thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "service/border.hpp"

namespace CLI {
class App;
}

namespace corridor::app {

struct ScreeningOptions {
  std::string config;           // a JSON file of thresholds and limits (docs/border.md)
  double match_threshold = -1;  // overrides the file when set
  double review_threshold = -1;
  bool no_reading_data = false;  // skip the Korean and Japanese reading data
};

// The parsed options of every border subcommand, and which one was chosen.
struct BorderCommands {
  CLI::App* mrz_parse = nullptr;
  std::string today;
  int expiry_years_ahead = 20;
  std::vector<std::string> lines;

  CLI::App* import = nullptr;
  CLI::App* compare = nullptr;
  CLI::App* query = nullptr;
  CLI::App* lists = nullptr;
  CLI::App* exporter = nullptr;
  CLI::App* daily = nullptr;
  CLI::App* cross = nullptr;
  std::string officer;
  std::string direction;
  std::string port;
  std::string authorised_until;
  std::string accept_invalid;
  std::vector<std::string> visa_lines;
  std::string store;
  std::string key;
  std::string list_format;
  std::string list_id;
  long long version = 0;
  std::vector<std::string> files;
  std::vector<std::string> names;
  std::string pairs;
  std::string queries;
  std::string dob;
  std::string nationality;
  int limit = 5;
  std::string min_decision = "review";
  ScreeningOptions screening;
};

// Screening thresholds and limits from a JSON file (docs/border.md, "Configuration"), validated;
// an empty path gives the built-in defaults. Errors name the file and the member.
Result<service::BorderConfig> LoadBorderConfigFile(const std::string& path);

// Adds the subcommands to `app`; Run them after parsing.
std::unique_ptr<BorderCommands> AddBorderCommands(CLI::App& app);
// The exit code when one of these subcommands was chosen, else nullopt.
std::optional<int> RunBorderCommands(BorderCommands& commands);

}  // namespace corridor::app
