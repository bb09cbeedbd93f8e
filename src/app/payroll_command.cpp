#include "app/payroll_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "app/commands.hpp"
#include "core/clock.hpp"
#include "core/money.hpp"
#include "json/json.hpp"
#include "service/wages.hpp"
#include "store/store.hpp"

namespace corridor::app {
namespace {

// "line N: field: what", as the readers write it; the field is added where a message lacks it.
std::string Describe(const Status& s) {
  const std::string& m = s.message();
  if (s.field().empty() || m.find(s.field() + ":") != std::string::npos) return m;
  const size_t colon = m.find(": ");
  if (m.rfind("line ", 0) == 0 && colon != std::string::npos) {
    return m.substr(0, colon + 2) + s.field() + ": " + m.substr(colon + 2);
  }
  return s.field() + ": " + m;
}

// The first and last bytes of a file, to tell its format and read its control line.
bool HeadAndTail(const std::string& path, std::string& head, std::string& tail, uint64_t& size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  size = static_cast<uint64_t>(std::max<std::streamoff>(in.tellg(), 0));
  constexpr uint64_t kPeek = 4096;
  head.assign(std::min(size, kPeek), '\0');
  in.seekg(0);
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  tail.assign(std::min(size, kPeek), '\0');
  in.seekg(static_cast<std::streamoff>(size - tail.size()));
  in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  return static_cast<bool>(in);
}

Result<payroll::ContractBook> BookFromCsv(const std::string& dir) {
  payroll::ContractBook book;
  std::ifstream contracts(dir + "/contracts.csv", std::ios::binary);
  if (!contracts) return Status::NotFound("cannot read " + dir + "/contracts.csv");
  std::ifstream floors(dir + "/floors.csv", std::ios::binary);
  if (!floors) return Status::NotFound("cannot read " + dir + "/floors.csv");
  Status s = payroll::LoadContractsCsv(contracts, book);
  if (!s.ok()) return s.WithContext(dir + "/contracts.csv");
  s = payroll::LoadFloorsCsv(floors, book);
  if (!s.ok()) return s.WithContext(dir + "/floors.csv");
  RETURN_IF_ERROR(book.Build());
  return book;
}

}  // namespace

CLI::App* AddPayrollCommands(CLI::App& app, PayrollCheckOptions& o) {
  auto* payroll = app.add_subcommand("payroll", "Wage protection: payroll files");
  payroll->require_subcommand(1);
  auto* check = payroll->add_subcommand(
      "check",
      "Reconcile payroll files (SIF or extended CSV) with the registered contracts; prints one "
      "JSON object per finding, then a summary line. Changes nothing.");
  auto* store = check->add_option("--store", o.store, "store URI: sqlite:PATH or postgresql://...");
  auto* book = check->add_option("--book", o.book,
                                 "instead of a store: a directory with contracts.csv and "
                                 "floors.csv (docs/formats/payroll.md)");
  store->excludes(book);
  book->excludes(store);
  check->add_option("--month", o.month, "the month, YYYY-MM (default: the first file's)");
  check->add_option("--paid-on", o.paid_on,
                    "the day SIF salaries were credited, YYYY-MM-DD (default: each SIF's "
                    "creation date)");
  check->add_option("--currency", o.currency, "the SIF files' currency (default: each SCR's)");
  check->add_option("--employer", o.employer,
                    "only this employer's contracts (a Corridor employer id; with --store)");
  check->add_option("--grace-days", o.grace_days, "days added to every due date (default 0)")
      ->check(CLI::Range(0, 60));
  check->add_option("files", o.files, "payroll files")->required();
  return check;
}

int RunPayrollCheck(const PayrollCheckOptions& o) {
  if (o.store.empty() == o.book.empty()) return Fail("give --store or --book");
  if (!o.employer.empty() && o.store.empty()) return Fail("--employer needs --store");
  std::optional<Date> paid_on;
  if (!o.paid_on.empty()) {
    auto d = Date::Parse(o.paid_on);
    if (!d.ok()) return Fail("--paid-on must be YYYY-MM-DD");
    paid_on = *d;
  }
  // Look at every file first: an unreadable one is reported before any work.
  struct Input {
    std::string path;
    uint64_t size = 0;
    service::PayrollFileFacts facts;
  };
  std::vector<Input> inputs;
  int bad = 0;
  for (const std::string& path : o.files) {
    Input in;
    in.path = path;
    std::string head, tail;
    if (!HeadAndTail(path, head, tail, in.size)) {
      std::fprintf(stderr, "corridor: %s: cannot read the file\n", path.c_str());
      ++bad;
      continue;
    }
    in.facts = service::SniffPayroll(head, tail);
    // An empty file says nothing of its format: its name does.
    if (head.find_first_not_of(" \r\n") == std::string::npos && path.size() > 4 &&
        path.compare(path.size() - 4, 4, ".sif") == 0) {
      in.facts.format = service::PayrollFormat::kSif;
    }
    inputs.push_back(std::move(in));
  }
  std::string month_text = o.month;
  for (size_t i = 0; month_text.empty() && i < inputs.size(); ++i) {
    month_text = inputs[i].facts.month;
  }
  auto month = payroll::Month::Parse(month_text);
  if (!month.ok()) {
    return Fail(o.month.empty() ? "the files do not say their month; give --month"
                                : "--month must be YYYY-MM");
  }

  // The contract book: from the store's registry, or from CSV.
  service::NodeBook nb;
  if (!o.store.empty()) {
    crypto::Init();
    SystemClock clock;
    store::StoreOptions options;
    options.clock = &clock;  // no key: the store is opened read-only
    auto st = store::Store::Open(o.store, options);
    if (!st.ok()) return Fail(Describe(st.status()));
    std::optional<EmployerId> employer;
    if (!o.employer.empty()) employer = EmployerId(o.employer);
    const std::string country = (*st)->identity().country;
    Status s = (*st)->Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(nb, service::BuildBook(tx, country, *month, employer));
      return Status::Ok();
    });
    if (!s.ok()) return Fail("contract book: " + Describe(s));
  } else {
    auto book = BookFromCsv(o.book);
    if (!book.ok()) return Fail("contract book: " + Describe(book.status()));
    nb.book = std::move(*book);
  }

  const bool tty = ::isatty(STDERR_FILENO) != 0;
  payroll::Session session(nb.book, payroll::ReconcileConfig{*month, o.grace_days, 0});
  // The currency a SIF is read in when neither the option nor its control line says one (the
  // reader then reports what is wrong with the file, usually its missing control line).
  std::string fallback_currency = nb.book.size() > 0 ? std::string(nb.book.currency(0)) : "AED";
  uint64_t lines = 0;
  int read = 0;
  std::vector<std::string> file_of;  // session file number - 1 -> path
  static char buffer[1 << 20];
  for (const Input& input : inputs) {
    std::ifstream in(input.path, std::ios::binary);
    in.rdbuf()->pubsetbuf(buffer, sizeof buffer);
    payroll::ProgressFn progress;
    if (tty) {
      progress = [&input](uint64_t bytes) {
        const int pct = input.size ? static_cast<int>(bytes * 100 / input.size) : 100;
        std::fprintf(stderr, "\r%s: %3d%%", input.path.c_str(), pct);
        std::fflush(stderr);
      };
    }
    Result<payroll::FileReport> r = Status::Internal("not read");
    if (input.facts.format == service::PayrollFormat::kSif) {
      payroll::SifSubmission sub;
      sub.employer_id = input.facts.employer_id;
      sub.currency = !o.currency.empty()                      ? o.currency
                     : CurrencyExponent(input.facts.currency) ? input.facts.currency
                                                              : fallback_currency;
      if (paid_on) {
        sub.paid_on = *paid_on;
      } else if (input.facts.created) {
        sub.paid_on = *input.facts.created;
      }
      r = session.AddSif(in, sub, progress);
    } else {
      r = session.AddExtended(in, payroll::ExtendedSubmission{}, progress);
    }
    file_of.push_back(input.path);
    if (tty) std::fprintf(stderr, "\r\033[K");
    if (!r.ok()) {
      std::fprintf(stderr, "corridor: %s: %s\n", input.path.c_str(), Describe(r.status()).c_str());
      ++bad;
      continue;
    }
    lines += r->lines;
    ++read;
  }
  if (Status s = session.Close(); !s.ok()) return Fail(Describe(s));

  static char out_buffer[1 << 16];
  std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  std::map<std::string, int64_t> by_code;
  for (const payroll::Finding& f : session.findings()) {
    ++by_code[std::string(payroll::FindingCodeName(f.code))];
    json::Object j;
    j.Set("code", std::string(payroll::FindingCodeName(f.code)));
    j.Set("worker", f.worker);
    j.Set("contract", f.contract.empty() ? json::Value() : json::Value(f.contract));
    auto employer = nb.employer_of_key.find(f.employer);
    j.Set("employer", employer == nb.employer_of_key.end() ? f.employer : employer->second.value());
    j.Set("month", f.month.ToString());
    j.Set("expected", f.ExpectedText());
    j.Set("actual", f.ActualText());
    j.Set("file", f.file == 0 ? json::Value() : json::Value(file_of[f.file - 1]));
    j.Set("line", static_cast<int64_t>(f.line));
    j.Set("rule", f.rule);
    const std::string text = json::Write(j);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
  }
  json::Object summary;
  summary.Set("month", month->ToString());
  summary.Set("files", static_cast<int64_t>(o.files.size()));
  summary.Set("files_read", read);
  summary.Set("files_refused", bad);
  summary.Set("lines", static_cast<int64_t>(lines));
  summary.Set("findings", static_cast<int64_t>(session.findings().size()));
  json::Object codes;
  for (const auto& [code, n] : by_code) codes.Set(code, n);
  summary.Set("by_code", std::move(codes));
  json::Object line;
  line.Set("summary", std::move(summary));
  const std::string text = json::Write(line);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
  return bad == 0 ? 0 : 1;
}

}  // namespace corridor::app
