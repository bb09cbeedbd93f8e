// The JSON form of every registry record, both ways. The same form is stored (as the record's
// document), written into ledger events, and served by the API, so one decoder checks them all:
// unknown fields are refused and every error names its field path.
//
// A contract's terms have one canonical form, RFC 8785 over TermsToJson, and one digest, the
// SHA-256 of that form (docs/formats/contract.md). Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/status.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"
#include "json/json.hpp"

namespace corridor::codec {

json::Value ToJson(const domain::Worker& w);
Result<domain::Worker> WorkerFromJson(const json::Value& v);

json::Value ToJson(const domain::Employer& e);
Result<domain::Employer> EmployerFromJson(const json::Value& v);

json::Value ToJson(const domain::Agency& a);
Result<domain::Agency> AgencyFromJson(const json::Value& v);

json::Value ToJson(const domain::JobOrder& j);
Result<domain::JobOrder> JobOrderFromJson(const json::Value& v);

json::Value ToJson(const domain::Occupation& o);
Result<domain::Occupation> OccupationFromJson(const json::Value& v);

json::Value ToJson(const domain::WageFloor& f);
Result<domain::WageFloor> WageFloorFromJson(const json::Value& v);

json::Value ToJson(const domain::CountryRules& r);
Result<domain::CountryRules> CountryRulesFromJson(const json::Value& v);

json::Value ToJson(const domain::ContractTerms& t);
Result<domain::ContractTerms> TermsFromJson(const json::Value& v, const std::string& path = "");

json::Value ToJson(const domain::Contract& c);
Result<domain::Contract> ContractFromJson(const json::Value& v);

json::Value ToJson(const domain::Permit& p);
Result<domain::Permit> PermitFromJson(const json::Value& v);

json::Value ToJson(const domain::Transfer& t);
Result<domain::Transfer> TransferFromJson(const json::Value& v);

json::Value ToJson(const domain::AbsenceReport& r);
Result<domain::AbsenceReport> AbsenceReportFromJson(const json::Value& v);

json::Value ToJson(const domain::ExitNotice& n);
Result<domain::ExitNotice> ExitNoticeFromJson(const json::Value& v);

json::Value ToJson(const std::vector<domain::FieldDiff>& diffs);

// RFC 8785 canonical JSON of the terms, and its SHA-256 as lower-case hex.
std::string CanonicalTerms(const domain::ContractTerms& t);
std::string TermsDigest(const domain::ContractTerms& t);

}  // namespace corridor::codec
