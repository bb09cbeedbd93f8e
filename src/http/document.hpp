// The printable contract: every term in the worker's language beside English, the digest, the
// attestation and authentication, and a QR code of the public check's address (libqrencode,
// drawn as inline SVG so the page prints anywhere). Labels come from data/i18n/contract.json,
// embedded at build time.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "domain/contract.hpp"
#include "domain/registry.hpp"

namespace corridor::http {

struct DocumentParties {
  const domain::Worker* worker = nullptr;
  const domain::Employer* employer = nullptr;
  const domain::Agency* agency = nullptr;  // may be null
};

// `language` is a code of data/i18n/contract.json; others fall back to English.
Result<std::string> ContractDocumentHtml(const domain::Contract& c, const DocumentParties& p,
                                         std::string_view language, const std::string& verify_url);

// The QR code of `text` as an SVG element (error correction M), or an error if it does not fit.
Result<std::string> QrSvg(const std::string& text);

// A printable document's terms: a table of label and value rows in the holder's language,
// headed by `language_name`, with the same rows in English beside them when `en` is given.
using DocumentRows = std::vector<std::pair<std::string, std::string>>;
std::string TwoLanguageTable(std::string_view language_name, const DocumentRows& local,
                             const DocumentRows* en);

// Whether the contract labels exist in `language`.
bool HasContractLabels(std::string_view language);

}  // namespace corridor::http
