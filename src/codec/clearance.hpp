// The JSON form of departure clearance's records (docs/formats/clearance.md §1), both ways: stored
// as each record's document, written into its ledger event, sent to the destination (the
// clearance's crossing form) and the base of the API's views. Also the request bodies that create
// them (the members a caller gives; the node assigns the rest) and each country's requirements
// file (§2). Decoders refuse unknown members and name the field path of every error.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/status.hpp"
#include "domain/clearance.hpp"
#include "json/json.hpp"

namespace corridor::codec {

json::Value ToJson(const domain::OrientationCompletion& o);
Result<domain::OrientationCompletion> OrientationFromJson(const json::Value& v);

json::Value ToJson(const domain::InsurancePolicy& p);
Result<domain::InsurancePolicy> InsurancePolicyFromJson(const json::Value& v);

json::Value ToJson(const domain::MedicalFitness& m);
Result<domain::MedicalFitness> MedicalFitnessFromJson(const json::Value& v);

// A clearance without passport or evidence (the crossing form) has no such members.
json::Value ToJson(const domain::Clearance& c);
Result<domain::Clearance> ClearanceFromJson(const json::Value& v, const std::string& path = "");

json::Value ToJson(const domain::RequirementResult& r);

// Request bodies: {centre, completed_on}; {insurer, policy_number, cover_from, cover_until,
// sum_insured}; {centre, examined_on, outcome}. Only the caller's members are filled.
Result<domain::OrientationCompletion> OrientationRequestFromJson(const json::Value& v);
Result<domain::InsurancePolicy> InsuranceRequestFromJson(const json::Value& v);
Result<domain::MedicalFitness> MedicalRequestFromJson(const json::Value& v);

// A requirements file (data/clearance/<country>.json), checked whole
// (domain::ValidateClearanceRequirements).
Result<domain::ClearanceRequirements> ClearanceRequirementsFromJson(const json::Value& v);

}  // namespace corridor::codec
