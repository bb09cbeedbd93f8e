#include "http/document.hpp"

#include <qrencode.h>

#include <memory>

#include "domain/reference.hpp"
#include "http/html.hpp"
#include "json/json.hpp"

namespace corridor::http {

std::string_view ContractLabelsJson();  // generated from data/i18n/contract.json

namespace {

const json::Value& Labels() {
  static const json::Value labels = [] {
    auto v = json::Parse(ContractLabelsJson());
    return v.ok() ? *v : json::Value(json::Object());
  }();
  return labels;
}

class Catalog {
 public:
  explicit Catalog(std::string_view lang) {
    const json::Value* l = Labels().Get(lang);
    table_ = l ? l : Labels().Get("en");
    en_ = Labels().Get("en");
  }
  std::string operator()(std::string_view key) const {
    const json::Value* v = table_ ? table_->Get(key) : nullptr;
    if (v == nullptr && en_) v = en_->Get(key);
    return v && v->is_string() ? v->AsString() : std::string(key);
  }
  std::string Fill(std::string_view key,
                   std::initializer_list<std::pair<const char*, std::string>> values) const {
    std::string s = (*this)(key);
    for (const auto& [name, value] : values) {
      const std::string slot = std::string("{") + name + "}";
      for (size_t at; (at = s.find(slot)) != std::string::npos;) s.replace(at, slot.size(), value);
    }
    return s;
  }

 private:
  const json::Value* table_ = nullptr;
  const json::Value* en_ = nullptr;
};

std::string Allowance(const Catalog& t, const domain::Allowance& a) {
  std::string s = t(std::string("allowance_") + std::string(ToString(a.kind)));
  if (a.amount) s += ": " + a.amount->ToString();
  return s;
}

// The rows of the terms, as (label key, value) in one language.
std::vector<std::pair<std::string, std::string>> Rows(const Catalog& t, const domain::Contract& c,
                                                      const DocumentParties& p) {
  const domain::ContractTerms& x = c.terms;
  auto n = [](int v) { return std::to_string(v); };
  std::vector<std::pair<std::string, std::string>> rows = {
      {t("employer"), p.employer->name + " (" + p.employer->registration_number + ")"},
      {t("worker"), p.worker->given_names_latin + " " + p.worker->family_name_latin +
                        (p.worker->name_native.empty() ? "" : " — " + p.worker->name_native)},
      {t("passport"), p.worker->passport.number + " (" + p.worker->passport.issuing_state + ")"},
      {t("agency"), p.agency ? p.agency->name + " (" + p.agency->licence_number + ")" : t("none")},
      {t("position"), x.position},
      {t("occupation"), x.isco_code},
      {t("place_of_work"), x.place_of_work},
      {t("basic_wage"), x.basic_wage.ToString()},
      {t("housing"), Allowance(t, x.housing)},
      {t("food"), Allowance(t, x.food)},
      {t("transport"), Allowance(t, x.transport)},
      {t("hours"),
       t.Fill("hours_value", {{"hours", n(x.hours_per_day)}, {"days", n(x.days_per_week)}})},
      {t("rest_day"), t(ToString(x.weekly_rest_day))},
      {t("overtime"), t.Fill("overtime_value", {{"percent", n(x.overtime_percent)}})},
      {t("leave"), t.Fill("days_value", {{"n", n(x.annual_leave_days)}})},
      {t("probation"), t.Fill("months_value", {{"n", n(x.probation_months)}})},
      {t("start"), x.start_date.ToString()},
      {t("duration"), t.Fill("months_value", {{"n", n(x.duration_months)}})},
      {t("notice"), t.Fill("days_value", {{"n", n(x.notice_period_days)}})},
      {t("accommodation"),
       t(ToString(x.accommodation)) +
           (x.accommodation_details.empty() ? "" : " — " + x.accommodation_details)},
      {t("recruitment_fees"),
       t(std::string("payer_") + std::string(ToString(x.recruitment_fees_paid_by)))},
      {t("travel"), t(std::string("payer_") + std::string(ToString(x.travel_paid_by)))},
      {t("repatriation"), t(std::string("payer_") + std::string(ToString(x.repatriation_paid_by)))},
      {t("worker_fees"), x.worker_fees.ToString()},
  };
  std::string langs;
  for (const auto& l : x.languages) langs += (langs.empty() ? "" : ", ") + l;
  rows.push_back({t("languages"), langs});
  return rows;
}

}  // namespace

bool HasContractLabels(std::string_view language) { return Labels().Get(language) != nullptr; }

std::string TwoLanguageTable(std::string_view language_name, const DocumentRows& local,
                             const DocumentRows* en) {
  std::string h = "<table><thead><tr><th>" + HtmlEscape(language_name) + "</th><th></th>";
  if (en) h += "<th lang=\"en\">English</th><th lang=\"en\"></th>";
  h += "</tr></thead><tbody>";
  for (size_t i = 0; i < local.size(); ++i) {
    h += "<tr><th scope=\"row\">" + HtmlEscape(local[i].first) + "</th><td>" +
         HtmlEscape(local[i].second) + "</td>";
    if (en && i < en->size()) {
      h += "<th scope=\"row\" lang=\"en\">" + HtmlEscape((*en)[i].first) + "</th><td lang=\"en\">" +
           HtmlEscape((*en)[i].second) + "</td>";
    }
    h += "</tr>";
  }
  return h + "</tbody></table>";
}

Result<std::string> QrSvg(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) return Status::InvalidArgument("the address is too long for a QR code");
  const int w = qr->width;
  const int quiet = 4;
  const int size = w + 2 * quiet;
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
      std::to_string(size) +
      "\" width=\"164\" height=\"164\" role=\"img\" aria-label=\"QR code: " + HtmlEscape(text) +
      "\" shape-rendering=\"crispEdges\"><rect width=\"" + std::to_string(size) + "\" height=\"" +
      std::to_string(size) + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w; ++x) {
      if (qr->data[y * w + x] & 1) {
        svg += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  svg += "\"/></svg>";
  return svg;
}

Result<std::string> ContractDocumentHtml(const domain::Contract& c, const DocumentParties& p,
                                         std::string_view language, const std::string& verify_url) {
  if (!p.worker || !p.employer) return Status::Internal("document without its parties");
  const std::string lang = HasContractLabels(language) ? std::string(language) : "en";
  const Catalog local(lang);
  const Catalog en("en");
  const bool two = lang != "en";
  ASSIGN_OR_RETURN(std::string qr, QrSvg(verify_url));
  const auto rows_local = Rows(local, c, p);
  const auto rows_en = Rows(en, c, p);
  // The language's own name and direction come from the one list (data/i18n/languages.json).
  const domain::LanguageInfo* info = domain::FindLanguage(lang);
  const std::string dir = info != nullptr && info->right_to_left ? "rtl" : "ltr";
  const std::string language_name = info != nullptr ? std::string(info->name) : lang;
  std::string h;
  h += "<!doctype html><html lang=\"" + lang + "\" dir=\"" + dir +
       "\"><head><meta charset=\"utf-8\">";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  h += "<title>" + HtmlEscape(local("title")) + " " + HtmlEscape(c.id.value()) +
       "</title><style>"
       "body{font-family:'Noto Sans','Noto Sans Devanagari','Noto Sans Bengali','Noto Sans Arabic',"
       "sans-serif;margin:1.5em;color:#111;line-height:1.4}"
       "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.35em .5em;"
       "vertical-align:top;text-align:start}th{background:#eee}"
       ".meta{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap;margin:1em 0}"
       ".digest{font-family:monospace;word-break:break-all}.rights{border:2px solid #333;"
       "padding:.6em;margin-top:1em}[lang=en]{direction:ltr}@media print{body{margin:0}}"
       "</style></head><body>";
  h += "<h1>" + HtmlEscape(local("title")) +
       (two ? " — <span lang=\"en\">" + HtmlEscape(en("title")) + "</span>" : "") + "</h1>";
  h += "<div class=\"meta\"><div><p>" + HtmlEscape(local("contract_no")) + ": <strong>" +
       HtmlEscape(c.id.value()) + "</strong><br>" + HtmlEscape(local("version")) + ": " +
       std::to_string(c.version) + "<br>" + HtmlEscape(local("state")) + ": " +
       std::string(ToString(c.state)) + "</p><p>" + HtmlEscape(local("digest")) +
       ":<br><span class=\"digest\">" + c.digest + "</span></p>";
  if (c.attested_at) {
    h +=
        "<p>" + HtmlEscape(local("attested_on")) + ": " + c.attested_at->date().ToString() + "</p>";
  }
  if (c.authenticated_at) {
    h += "<p>" + HtmlEscape(local("authenticated_on")) + ": " +
         c.authenticated_at->date().ToString() + "</p>";
  }
  h += "</div><figure>" + qr + "<figcaption><strong>" + HtmlEscape(local("verify")) +
       "</strong><br>" + HtmlEscape(local("verify_note")) + "<br><a href=\"" +
       HtmlEscape(verify_url) + "\">" + HtmlEscape(verify_url) + "</a></figcaption></figure></div>";
  h += TwoLanguageTable(language_name, rows_local, two ? &rows_en : nullptr);
  h += "<p class=\"rights\">" + HtmlEscape(local("rights")) + "</p>";
  if (two) h += "<p class=\"rights\" lang=\"en\">" + HtmlEscape(en("rights")) + "</p>";
  h += "</body></html>";
  return h;
}

}  // namespace corridor::http
