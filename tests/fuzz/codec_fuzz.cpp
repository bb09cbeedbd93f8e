// Fuzz target for the JSON form of every record (src/codec): the one decoder that reads API
// request bodies, stored documents, ledger events and the records a peer sends. The first input
// byte picks the record type; the rest is a JSON document. Besides "no crash, no sanitizer
// report": a refusal is InvalidArgument naming what is wrong; a decoded record writes back to a
// form that decodes to the same record and writes to the same bytes again; a contract's terms
// have one canonical form and one digest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "codec/border.hpp"
#include "codec/clearance.hpp"
#include "codec/codec.hpp"
#include "fuzz_check.hpp"
#include "json/json.hpp"

namespace {

using namespace corridor;

template <typename T, typename Decode>
void RoundTrip(const json::Value& v, Decode decode) {
  const Result<T> r = decode(v);
  if (!r.ok()) {
    FUZZ_REQUIRE(r.status().code() == Code::kInvalidArgument);
    FUZZ_REQUIRE(!r.status().message().empty());
    return;
  }
  const json::Value written = codec::ToJson(*r);
  const Result<T> again = decode(written);
  FUZZ_REQUIRE(again.ok());
  FUZZ_REQUIRE(*again == *r);
  FUZZ_REQUIRE(json::Canonical(codec::ToJson(*again)) == json::Canonical(written));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 64 * 1024) return 0;
  const auto v = json::Parse(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (!v.ok()) return 0;
  switch (data[0] % 21) {
    case 0:
      RoundTrip<domain::Worker>(*v, codec::WorkerFromJson);
      break;
    case 1:
      RoundTrip<domain::Employer>(*v, codec::EmployerFromJson);
      break;
    case 2:
      RoundTrip<domain::Agency>(*v, codec::AgencyFromJson);
      break;
    case 3:
      RoundTrip<domain::JobOrder>(*v, codec::JobOrderFromJson);
      break;
    case 4:
      RoundTrip<domain::Occupation>(*v, codec::OccupationFromJson);
      break;
    case 5:
      RoundTrip<domain::WageFloor>(*v, codec::WageFloorFromJson);
      break;
    case 6:
      RoundTrip<domain::CountryRules>(*v, codec::CountryRulesFromJson);
      break;
    case 7: {
      RoundTrip<domain::ContractTerms>(
          *v, [](const json::Value& x) { return codec::TermsFromJson(x); });
      if (auto t = codec::TermsFromJson(*v); t.ok()) {
        const std::string canonical = codec::CanonicalTerms(*t);
        auto again = codec::TermsFromJson(*json::Parse(canonical));
        FUZZ_REQUIRE(again.ok());
        FUZZ_REQUIRE(codec::TermsDigest(*again) == codec::TermsDigest(*t));
      }
      break;
    }
    case 8:
      RoundTrip<domain::Contract>(*v, codec::ContractFromJson);
      break;
    case 9:
      RoundTrip<domain::Permit>(*v, codec::PermitFromJson);
      break;
    case 10:
      RoundTrip<domain::Transfer>(*v, codec::TransferFromJson);
      break;
    case 11:
      RoundTrip<domain::AbsenceReport>(*v, codec::AbsenceReportFromJson);
      break;
    case 12:
      RoundTrip<domain::ExitNotice>(*v, codec::ExitNoticeFromJson);
      break;
    case 13:
      RoundTrip<domain::TravelDocument>(
          *v, [](const json::Value& x) { return codec::TravelDocumentFromJson(x); });
      break;
    case 14:
      RoundTrip<domain::Crossing>(*v, codec::CrossingFromJson);
      break;
    case 15:
      RoundTrip<domain::ScreeningHit>(*v, codec::ScreeningHitFromJson);
      break;
    case 16:
      RoundTrip<domain::OverstayFlag>(*v, codec::OverstayFlagFromJson);
      break;
    case 17:
      RoundTrip<domain::OrientationCompletion>(*v, codec::OrientationFromJson);
      break;
    case 18:
      RoundTrip<domain::InsurancePolicy>(*v, codec::InsurancePolicyFromJson);
      break;
    case 19:
      RoundTrip<domain::MedicalFitness>(*v, codec::MedicalFitnessFromJson);
      break;
    default:
      RoundTrip<domain::Clearance>(
          *v, [](const json::Value& x) { return codec::ClearanceFromJson(x); });
      break;
  }
  return 0;
}
