// Wage protection routes: payroll file uploads by employers, the findings report per file, a
// worker's wage history and an employer's compliance history (docs/openapi.yaml, "payroll").
#include "core/money.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"

namespace corridor::http {
namespace {

std::string Amount(int64_t minor, const std::string& currency) {
  return Money{minor, currency}.AmountText();
}

json::Value FileView(const store::PayrollFile& f) {
  json::Object o;
  o.Set("id", f.id);
  o.Set("employer", f.employer.value());
  o.Set("month", f.month);
  o.Set("version", f.version);
  o.Set("current", f.current);
  o.Set("format", f.format);
  o.Set("name", f.name);
  o.Set("digest", f.digest.empty() ? json::Value() : json::Value(f.digest));
  o.Set("size", f.size);
  o.Set("lines", f.lines);
  o.Set("findings", f.findings);
  o.Set("paid_on", f.paid_on.empty() ? json::Value() : json::Value(f.paid_on));
  o.Set("submitted_at", f.submitted.ToString());
  return o;
}

json::Value LineView(const store::StoredBalance& b) {
  json::Object o;
  o.Set("worker", b.worker.value());
  o.Set("employer", b.employer.value());
  o.Set("month", b.month);
  o.Set("currency", b.currency);
  o.Set("expected", Amount(b.owed, b.currency));
  o.Set("paid", Amount(b.paid, b.currency));
  return o;
}

json::Value UnlockView(const store::TransferUnlock& u) {
  json::Object o;
  o.Set("employer", u.employer.value());
  o.Set("active", u.active);
  o.Set("months_in_arrears", u.months);
  o.Set("outstanding", Amount(u.outstanding, u.currency));
  o.Set("currency", u.currency);
  o.Set("since", u.updated.ToString());
  return o;
}

// The offset a list cursor carries ("" for the first page).
Result<int> OffsetOf(const store::Page& page) {
  if (page.after.empty()) return 0;
  if (page.after.size() > 9 || page.after.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("must be a cursor from a previous page", "after");
  }
  return std::stoi(page.after);
}

}  // namespace

void Api::AddPayrollRoutes() {
  // Upload: the body is the file itself (SIF or extended CSV, told apart by content).
  // The body may be as large as the wages configuration allows (docs/openapi.yaml says 32 MiB,
  // the default); the server refuses a larger announced body before reading it.
  router_.Add(
      "POST", "/api/v1/payroll/files",
      WithMaxBody(
          static_cast<size_t>(wages_->config().max_file_bytes),
          Authed(accounts_, [this](Call& c) -> Result<Response> {
            const int64_t limit = wages_->config().max_file_bytes;
            if (static_cast<int64_t>(c.request.body.size()) > limit) {
              return Problem(413, "too-large", "Payroll file too large",
                             "the file is " + std::to_string(c.request.body.size()) +
                                 " bytes; at most " + std::to_string(limit) + " are accepted");
            }
            return Idempotent(
                registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
                  service::Submission s;
                  s.month = c.q("month");
                  if (s.month.empty()) return Status::InvalidArgument("is required", "month");
                  if (const std::string paid = c.q("paid_on"); !paid.empty()) {
                    auto d = Date::Parse(paid);
                    if (!d.ok()) return Status::InvalidArgument("must be YYYY-MM-DD", "paid_on");
                    s.paid_on = *d;
                  }
                  s.currency = c.q("currency");
                  if (!s.currency.empty() && !CurrencyExponent(s.currency)) {
                    return Status::InvalidArgument("is not an ISO 4217 currency Corridor knows",
                                                   "currency");
                  }
                  s.name = c.q("name");
                  ASSIGN_OR_RETURN(auto out, wages_->SubmitFile(c.actor, s, c.request.body, write));
                  json::Object o;
                  o.Set("file", FileView(out.file));
                  o.Set("replaces", out.replaced ? json::Value(out.replaced->id) : json::Value());
                  json::Array findings;
                  for (const auto& f : out.findings) findings.push_back(f.doc);
                  o.Set("findings", std::move(findings));
                  Response r = Json(201, o);
                  r.set_header("Location", "/api/v1/payroll/files/" + out.file.id);
                  return r;
                });
          })));
  router_.Add(
      "GET", "/api/v1/payroll/files", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(store::Page page, PageOf(c));
        ASSIGN_OR_RETURN(int offset, OffsetOf(page));
        std::optional<EmployerId> employer;
        if (!c.q("employer").empty()) {
          RETURN_IF_ERROR(CheckIdText(c.q("employer")).WithField("employer"));
          employer = EmployerId(c.q("employer"));
        }
        ASSIGN_OR_RETURN(auto files,
                         wages_->ListFiles(c.actor, employer, c.q("month"), page.limit, offset));
        json::Array items;
        for (const auto& f : files) items.push_back(FileView(f));
        return List(items, static_cast<int>(files.size()) == page.limit
                               ? std::to_string(offset + page.limit)
                               : "");
      }));
  router_.Add("GET", "/api/v1/payroll/files/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const std::string id = c.param("id");
                auto report = wages_->Report(c.actor, id);
                access_.Record(c.actor, "view", "payroll_file", id, report.ok());
                if (!report.ok()) return report.status();
                json::Object o;
                o.Set("file", FileView(report->file));
                json::Array findings;
                for (const auto& f : report->findings) findings.push_back(f.doc);
                o.Set("findings", std::move(findings));
                json::Array lines;
                for (const auto& b : report->lines) lines.push_back(LineView(b));
                o.Set("lines", std::move(lines));
                return Json(200, o);
              }));
  router_.Add("GET", "/api/v1/workers/{id}/wages",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const WorkerId id(c.param("id"));
                auto history = wages_->WorkerHistory(c.actor, id);
                access_.Record(c.actor, "wages", "worker", id.value(), history.ok());
                if (!history.ok()) return history.status();
                json::Object o;
                o.Set("worker", id.value());
                json::Array months;
                for (const auto& m : history->months) {
                  json::Object row;
                  row.Set("month", m.month);
                  row.Set("employer", m.employer.value());
                  row.Set("currency", m.currency);
                  row.Set("expected", Amount(m.expected, m.currency));
                  row.Set("paid", Amount(m.paid, m.currency));
                  row.Set("arrears", Amount(m.arrears, m.currency));
                  months.push_back(std::move(row));
                }
                o.Set("months", std::move(months));
                json::Array unlocks;
                for (const auto& u : history->unlocks) unlocks.push_back(UnlockView(u));
                o.Set("transfer_without_notice", std::move(unlocks));
                return Json(200, o);
              }));
  router_.Add("GET", "/api/v1/employers/{id}/compliance",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const EmployerId id(c.param("id"));
                ASSIGN_OR_RETURN(auto history, wages_->EmployerCompliance(c.actor, id));
                json::Object o;
                o.Set("employer", id.value());
                json::Array months;
                for (const auto& m : history.months) {
                  json::Object row;
                  row.Set("month", m.file.month);
                  row.Set("file", FileView(m.file));
                  json::Object codes;
                  for (const auto& [code, n] : m.findings_by_code) codes.Set(code, n);
                  row.Set("findings", std::move(codes));
                  row.Set("workers_short", m.workers_short);
                  json::Object shortfall;
                  for (const auto& [currency, minor] : m.shortfall)
                    shortfall.Set(currency, Amount(minor, currency));
                  row.Set("shortfall", std::move(shortfall));
                  months.push_back(std::move(row));
                }
                o.Set("months", std::move(months));
                json::Array steps;
                for (const auto& s : history.steps) {
                  json::Object step;
                  step.Set("month", s.month);
                  step.Set("action", s.action);
                  step.Set("due_on", s.due_on);
                  step.Set("taken_at", s.taken.ToString());
                  step.Set("lifted_at",
                           s.lifted ? json::Value(s.lifted->ToString()) : json::Value());
                  steps.push_back(std::move(step));
                }
                o.Set("escalation", std::move(steps));
                return Json(200, o);
              }));
}

}  // namespace corridor::http
