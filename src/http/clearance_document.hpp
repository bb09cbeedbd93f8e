// The printable departure clearance (docs/formats/clearance.md §6): the document the worker holds,
// in her language beside English, with a QR code of the public check's address
// (/verify/{id}). Labels come from data/i18n/clearance.json, embedded at build time.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "domain/clearance.hpp"
#include "domain/registry.hpp"

namespace corridor::http {

// What the page shows besides the clearance.
struct ClearancePage {
  const domain::Clearance* clearance = nullptr;  // the whole clearance (the origin's)
  domain::ClearanceStanding standing = domain::ClearanceStanding::kValid;
  const domain::Worker* worker = nullptr;
  std::string position;  // the contract's
  std::string employer;  // the employer's name, "" when the node does not hold it
};

// `language` is a code of data/i18n/clearance.json; others fall back to English.
Result<std::string> ClearanceDocumentHtml(const ClearancePage& p, std::string_view language,
                                          const std::string& verify_url);

// Whether the clearance labels exist in `language`.
bool HasClearanceLabels(std::string_view language);

}  // namespace corridor::http
