#include "app/demo_cases.hpp"

#include "store/case_store.hpp"

namespace corridor::app {
namespace {

using domain::ComplaintCategory;
using domain::Indicator;
using domain::IndicatorValue;

Status Seeding(const Status& s, const char* what) {
  if (!s.ok()) return s.WithContext(std::string("seeding protection: ") + what);
  return s;
}

const domain::Actor& Staff(const ProtectionScene& scene, const std::string& key) {
  return scene.staff.at(key);
}

// The open case the node's own signals opened for `worker` (the demo's story produced them
// through the capabilities that detect abuse, never by calling the cases service directly).
Result<domain::CaseId> SignalCase(Node& node, const WorkerId& worker, const char* what) {
  std::optional<domain::Case> found;
  RETURN_IF_ERROR(node.store().Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(found, store::FindOpenCase(tx, worker, std::nullopt));
    return Status::Ok();
  }));
  if (!found) {
    return Status::FailedPrecondition(std::string("seeding protection: no case was opened for ") +
                                      what);
  }
  return found->id;
}

service::ComplaintRequest Request(domain::Channel channel,
                                  std::vector<ComplaintCategory> categories, std::string text,
                                  std::string safe_contact) {
  service::ComplaintRequest r;
  r.channel = channel;
  r.categories = std::move(categories);
  r.text = std::move(text);
  r.safe_contact = std::move(safe_contact);
  return r;
}

domain::IndicatorAssessment Assessed(Indicator i, IndicatorValue v, std::string evidence) {
  domain::IndicatorAssessment a;
  a.indicator = i;
  a.value = v;
  a.evidence = std::move(evidence);
  return a;
}

Status Kuwait(Node& node, const ProtectionScene& scene) {
  service::Cases& cases = node.cases();
  const domain::Actor& supervisor = Staff(scene, "kuwait/casesupervisor");
  const domain::Actor& caseworker = Staff(scene, "kuwait/caseworker");
  const domain::Actor& investigator = Staff(scene, "kuwait/investigator");
  const domain::Actor& hotline = Staff(scene, "kuwait/hotline");
  const domain::Actor& officer = Staff(scene, "kuwait/officer");
  const WorkerId& ram = scene.workers.at(1);
  const WorkerId& maya = scene.workers.at(2);
  const WorkerId& prakash = scene.workers.at(11);

  // Sita, from her phone: her passport is kept. The intake queue answers her first.
  ASSIGN_OR_RETURN(
      auto sita,
      cases.FileComplaint(
          Staff(scene, "kuwait/worker"),
          Request(domain::Channel::kWorker, {ComplaintCategory::kPassportKept},
                  "Madam keeps my passport since I arrived. I asked for it to visit home in "
                  "January and she said no.",
                  "WhatsApp after 9 in the evening; not during the day")));
  RETURN_IF_ERROR(Seeding(cases
                              .PostMessage(supervisor, sita.id,
                                           "We have your complaint. Keeping your passport is not "
                                           "allowed. We will contact you at the time you gave.")
                              .status(),
                          "the answer to Sita"));

  // A caller who gives no name: long hours at the hotel.
  auto tip = Request(domain::Channel::kAnonymousTip, {ComplaintCategory::kExcessiveHours},
                     "Room attendants at the hotel in Salmiya work fourteen hours a day, seven "
                     "days a week, and are not paid for the extra hours.",
                     "");
  tip.employer = scene.employers.at(2).value();
  RETURN_IF_ERROR(Seeding(cases.FileComplaint(hotline, tip).status(), "the tip"));

  // Ram's arrears: the case the daily wages job opened when they unlocked his job change (his
  // old employer's refused "absconding" report joined it), his complaint through the officer,
  // assessed, assigned to the caseworker with an action due in three days.
  ASSIGN_OR_RETURN(const domain::CaseId ram_case, SignalCase(node, ram, "Ram's arrears case"));
  auto for_ram = Request(domain::Channel::kOnBehalf, {ComplaintCategory::kUnpaidWages},
                         "Mr Gurung says September and October were paid 35 KWD short each month "
                         "and the company refuses to give him payslips.",
                         "Through the embassy only");
  for_ram.worker = ram.value();
  ASSIGN_OR_RETURN(auto ram_complaint, cases.FileComplaint(officer, for_ram));
  RETURN_IF_ERROR(
      Seeding(cases.JoinComplaint(supervisor, ram_case, ram_complaint.id).status(), "Ram's case"));
  RETURN_IF_ERROR(Seeding(
      cases
          .AssessIndicators(supervisor, ram_case,
                            {Assessed(Indicator::kWithholdingOfWages, IndicatorValue::kPresent,
                                      "The payroll files for September and October show 100.000 "
                                      "KWD paid of the 135.000 KWD contracted."),
                             Assessed(Indicator::kDeception, IndicatorValue::kAbsent, "")})
          .status(),
      "Ram's indicators"));
  RETURN_IF_ERROR(
      Seeding(cases.Assign(supervisor, ram_case, AccountId(caseworker.account)).status(),
              "Ram's caseworker"));
  const Date today = node.store().clock().Now().date();
  RETURN_IF_ERROR(Seeding(cases
                              .AddAction(caseworker, ram_case,
                                         "Ask Al Noor Building Contracting for the September and "
                                         "October payslips and the bank transfers.",
                                         today.AddDays(3))
                              .status(),
                          "Ram's action"));

  // Maya, through the hotline: locked in, her phone taken. Flagged, for the investigator.
  auto for_maya =
      Request(domain::Channel::kOnBehalf,
              {ComplaintCategory::kConfinement, ComplaintCategory::kPassportKept},
              "A neighbour called for Ms Tamang: she is not allowed to leave the house, her phone "
              "was taken and her passport is kept by the employer.",
              "Only through the embassy; never call the employer's house");
  for_maya.worker = maya.value();
  ASSIGN_OR_RETURN(auto maya_complaint, cases.FileComplaint(hotline, for_maya));
  ASSIGN_OR_RETURN(auto confinement, cases.OpenCase(supervisor, maya_complaint.id));
  RETURN_IF_ERROR(Seeding(
      cases
          .AssessIndicators(
              supervisor, confinement.id,
              {Assessed(Indicator::kRestrictionOfMovement, IndicatorValue::kPresent,
                        "The caller saw that she is locked in when the family is out."),
               Assessed(Indicator::kIsolation, IndicatorValue::kPresent,
                        "Her phone was taken; she called from a neighbour's phone."),
               Assessed(Indicator::kRetentionOfIdentityDocuments, IndicatorValue::kUnknown, "")})
          .status(),
      "Maya's indicators"));
  RETURN_IF_ERROR(
      Seeding(cases.Assign(supervisor, confinement.id, AccountId(investigator.account)).status(),
              "Maya's investigator"));
  RETURN_IF_ERROR(Seeding(cases
                              .AddAction(investigator, confinement.id,
                                         "Visit the house with the police and the embassy's "
                                         "labour attaché.",
                                         today.AddDays(1))
                              .status(),
                          "Maya's action"));

  // The unlawful deduction from Prakash's wage (its case opened by October's payroll file):
  // repaid, closed.
  ASSIGN_OR_RETURN(const domain::CaseId fee_case,
                   SignalCase(node, prakash, "the unlawful deduction's case"));
  RETURN_IF_ERROR(Seeding(
      cases.Assign(supervisor, fee_case, AccountId(caseworker.account)).status(), "the fee"));
  RETURN_IF_ERROR(Seeding(
      cases
          .AssessIndicators(caseworker, fee_case,
                            {Assessed(Indicator::kWithholdingOfWages, IndicatorValue::kPresent,
                                      "20.000 KWD deducted in October as a recruitment fee."),
                             Assessed(Indicator::kDebtBondage, IndicatorValue::kAbsent, "")})
          .status(),
      "the fee's indicators"));
  return Seeding(cases
                     .Close(caseworker, fee_case, domain::Outcome::kResolvedWithPayment,
                            "The employer repaid the 20.000 KWD with the November wage; the bank "
                            "transfer was checked.")
                     .status(),
                 "the fee's closure");
}

Status Nepal(Node& node, const ProtectionScene& scene) {
  auto r = Request(domain::Channel::kOnBehalf, {ComplaintCategory::kRecruitmentFee},
                   "Ms Rai's family says a sub-agent of the recruitment agency asked for NPR "
                   "150,000 before her departure, although the contract says she pays nothing.",
                   "Her brother's phone, in the morning");
  r.worker = scene.workers.at(4).value();
  return Seeding(node.cases().FileComplaint(Staff(scene, "nepal/hotline"), r).status(),
                 "Nepal's hotline");
}

}  // namespace

Status SeedProtection(Node& nepal, Node& kuwait, const ProtectionScene& scene) {
  RETURN_IF_ERROR(Kuwait(kuwait, scene));
  return Nepal(nepal, scene);
}

}  // namespace corridor::app
