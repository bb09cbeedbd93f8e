#include "http/clearance_document.hpp"

#include <utility>
#include <vector>

#include "domain/reference.hpp"
#include "http/document.hpp"
#include "http/html.hpp"
#include "json/json.hpp"

namespace corridor::http {

std::string_view ClearanceLabelsJson();  // generated from data/i18n/clearance.json

namespace {

const json::Value& Labels() {
  static const json::Value labels = [] {
    auto v = json::Parse(ClearanceLabelsJson());
    return v.ok() ? *v : json::Value(json::Object());
  }();
  return labels;
}

// One language's labels, falling back to English, then to the key.
class Catalog {
 public:
  explicit Catalog(std::string_view lang) : table_(Labels().Get(lang)), en_(Labels().Get("en")) {}
  std::string operator()(std::string_view key) const {
    const json::Value* v = table_ ? table_->Get(key) : nullptr;
    if (v == nullptr && en_) v = en_->Get(key);
    return v && v->is_string() ? v->AsString() : std::string(key);
  }

 private:
  const json::Value* table_;
  const json::Value* en_;
};

std::vector<std::pair<std::string, std::string>> Rows(const Catalog& t, const ClearancePage& p) {
  const domain::Clearance& c = *p.clearance;
  const domain::Worker& w = *p.worker;
  std::vector<std::pair<std::string, std::string>> rows = {
      {t("worker"), w.given_names_latin + " " + w.family_name_latin +
                        (w.name_native.empty() ? "" : " — " + w.name_native)},
      {t("passport"),
       c.passport ? c.passport->number + " (" + c.passport->issuing_state + ")" : std::string()},
      {t("contract"), c.contract.value()},
      {t("position"), p.position},
  };
  if (!p.employer.empty()) rows.emplace_back(t("employer"), p.employer);
  rows.emplace_back(t("destination"), c.destination_country);
  rows.emplace_back(t("issued_on"), c.issued_on.ToString());
  rows.emplace_back(t("valid_until"), c.valid_until.ToString());
  if (c.revoked_on) rows.emplace_back(t("revoked_on"), c.revoked_on->ToString());
  return rows;
}

}  // namespace

bool HasClearanceLabels(std::string_view language) { return Labels().Get(language) != nullptr; }

Result<std::string> ClearanceDocumentHtml(const ClearancePage& p, std::string_view language,
                                          const std::string& verify_url) {
  if (p.clearance == nullptr || p.worker == nullptr) {
    return Status::Internal("clearance document without its clearance or worker");
  }
  const domain::Clearance& c = *p.clearance;
  const std::string lang = HasClearanceLabels(language) ? std::string(language) : "en";
  const Catalog local(lang);
  const Catalog en("en");
  const bool two = lang != "en";
  ASSIGN_OR_RETURN(std::string qr, QrSvg(verify_url));
  const auto rows_local = Rows(local, p);
  const auto rows_en = Rows(en, p);
  const domain::LanguageInfo* info = domain::FindLanguage(lang);
  const std::string dir = info != nullptr && info->right_to_left ? "rtl" : "ltr";
  const std::string language_name = info != nullptr ? std::string(info->name) : lang;
  const std::string standing = "standing_" + std::string(ToString(p.standing));
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
       ".standing{font-size:1.3em;font-weight:bold}.valid{color:#0a5d00}.expired,.revoked"
       "{color:#a40000}.keep{border:2px solid #333;padding:.6em;margin-top:1em}"
       "[lang=en]{direction:ltr}@media print{body{margin:0}}"
       "</style></head><body>";
  h += "<h1>" + HtmlEscape(local("title")) +
       (two ? " — <span lang=\"en\">" + HtmlEscape(en("title")) + "</span>" : "") + "</h1>";
  h += "<div class=\"meta\"><div><p>" + HtmlEscape(local("clearance_no")) + ": <strong>" +
       HtmlEscape(c.id.value()) + "</strong></p><p>" + HtmlEscape(local("standing")) +
       ": <span class=\"standing " + std::string(ToString(p.standing)) + "\" data-standing=\"" +
       std::string(ToString(p.standing)) + "\">" + HtmlEscape(local(standing)) +
       (two ? " (" + HtmlEscape(en(standing)) + ")" : "") + "</span></p></div>";
  h += "<figure>" + qr + "<figcaption><strong>" + HtmlEscape(local("verify")) + "</strong><br>" +
       HtmlEscape(local("verify_note")) + "<br><a href=\"" + HtmlEscape(verify_url) + "\">" +
       HtmlEscape(verify_url) + "</a></figcaption></figure></div>";
  h += TwoLanguageTable(language_name, rows_local, two ? &rows_en : nullptr);
  h += "<p class=\"keep\">" + HtmlEscape(local("keep")) + "</p>";
  if (two) h += "<p class=\"keep\" lang=\"en\">" + HtmlEscape(en("keep")) + "</p>";
  h += "</body></html>";
  return h;
}

}  // namespace corridor::http
