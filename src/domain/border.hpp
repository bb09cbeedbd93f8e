// The border's records: crossings (entries and exits recorded from a travel document's
// machine-readable zone), screening hits queued for review, and overstay flags; with the rules
// that govern them and who may see them.
//
// - A crossing keeps what the document said (fields of the zone), what the registry said about
//   the traveller (findings: a permit, a cancelled one, an expired passport, an exit notice) and
//   which list versions the traveller was screened against.
// - A hit is one watchlist entry the screening judged worth a look (decision review or match),
//   with the scorer's explanation. An officer confirms or dismisses it, once, with a reason.
// - An overstay is an entry with no exit after the stay was authorised until (a permit, a visa,
//   or the date the officer gave) plus a grace period. It is flagged once.
//
// Need-to-know (docs/border.md): border officers of the node see crossings, hits and overstays;
// a worker sees their own crossings, without what screening found; investigators see only cases
// assigned to them (none of these records); analysts and every other role see none of them.
//
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/access.hpp"

namespace corridor::domain {

CORRIDOR_DEFINE_ID(CrossingId, "X");
CORRIDOR_DEFINE_ID(HitId, "H");
CORRIDOR_DEFINE_ID(OverstayId, "O");

enum class Direction { kEntry, kExit };
std::string_view ToString(Direction d);  // "entry", "exit"
Result<Direction> ParseDirection(std::string_view text);

// A travel document as its machine-readable zone gave it.
struct TravelDocument {
  std::string kind;           // "passport", "visa", "identity_card", "official_travel_document"
  std::string format;         // "TD1", "TD2", "TD3", "MRV-A", "MRV-B"
  std::string document_code;  // "P", "ID", "V"
  std::string issuing_state;  // as in the zone ("NPL", "D")
  std::string number;
  std::string nationality;
  std::string primary_identifier;    // family name(s)
  std::string secondary_identifier;  // given name(s)
  std::string birth_date;            // "1974-08-12", "1974-??-??", "unknown" (as resolved)
  std::string sex;                   // "M", "F", "X" or "<"
  std::optional<Date> expiry;        // absent when the zone's expiry date is not a date
  bool mrz_valid = false;            // every check digit passes and no field has an issue
  std::vector<std::string> lines;    // the normalised zone
  bool operator==(const TravelDocument&) const = default;
};

// What the registry (or the border's own records) says about the traveller, for the officer.
// Codes: registered_worker, not_registered, permit_active, permit_suspended, permit_cancelled,
// permit_expired, no_permit, document_expired, registered_passport_expired,
// registry_identity_differs, exit_notice, final_exit, overstay, no_recorded_entry,
// no_recorded_exit, national, invalid_mrz_accepted, no_watchlists.
struct Finding {
  std::string code;
  std::string message;  // a sentence for the officer
  std::string subject;  // the record it is about (permit, notice, flag id), or ""
  bool operator==(const Finding&) const = default;
};

// One watchlist version a crossing was screened against.
struct ListVersionRef {
  std::string list;
  int64_t version = 0;
  std::string digest;
  bool operator==(const ListVersionRef&) const = default;
};

struct Crossing {
  CrossingId id;
  Direction direction = Direction::kEntry;
  Timestamp time;
  std::string port;     // the border post
  std::string officer;  // the account that recorded it
  TravelDocument document;
  std::optional<TravelDocument> visa;    // a visa read at entry
  std::optional<Date> authorised_until;  // stay authorised until (visa or officer), if stated
  std::string invalid_mrz_reason;        // why a zone that failed its checks was accepted
  std::optional<WorkerId> worker;        // the registry's worker holding this passport
  std::vector<Finding> findings;
  std::vector<ListVersionRef> screened_against;
  int hits = 0;  // hits raised for review
  bool operator==(const Crossing&) const = default;
};

// The same person across documents: the registry's worker if known, else the document.
std::string PersonKey(const Crossing& c);

enum class HitState { kPending, kConfirmed, kDismissed };
std::string_view ToString(HitState s);  // "pending", "confirmed", "dismissed"
Result<HitState> ParseHitState(std::string_view text);

struct ScreeningHit {
  HitId id;
  CrossingId crossing;
  std::optional<WorkerId> worker;
  std::string list;
  int64_t list_version = 0;
  std::string entry_id;
  std::string listed_name;   // the listed name that matched best
  std::string entry_reason;  // why the entry is listed, for the officer
  bool document_match = false;
  double score = 0;
  std::string decision;     // "match" or "review"
  std::string explanation;  // the scorer's account, one fact a line
  Timestamp raised_at;
  HitState state = HitState::kPending;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_reason;
  bool operator==(const ScreeningHit&) const = default;
};

// Confirms or dismisses a pending hit; the reason (1-1000 characters) is required. A decided
// hit is final: deciding again is refused (FailedPrecondition).
Status DecideHit(ScreeningHit& h, bool confirm, std::string_view reason, const std::string& by,
                 Timestamp now);

struct OverstayFlag {
  OverstayId id;
  CrossingId entry;  // the entry with no exit
  std::optional<WorkerId> worker;
  std::string document;  // "ISSUING_STATE:NUMBER"
  Date authorised_until;
  std::string basis;  // what authorised the stay: "permit P-.. valid until ...", "visa ..."
  int grace_days = 0;
  Date flagged_on;
  int days_over = 0;                   // days past authorised_until + grace on flagged_on
  std::optional<CrossingId> departed;  // the exit recorded afterwards, if any
  bool operator==(const OverstayFlag&) const = default;
};

// The last day a permit lets its holder stay: the day it ended (its valid_until, or the day it
// was cancelled) plus the destination's grace after a permit ends (CountryRules::
// permit_grace_days, time to find a new job or leave). The border's own tolerance
// (OverstayDays' grace_days) is counted after that day, as for any stay.
Date PermitStayUntil(Date permit_ended, int permit_grace_days);

// Days past `authorised_until + grace_days` on `today`, or nullopt when the stay has not run
// out (the last day of grace is still lawful).
std::optional<int> OverstayDays(Date authorised_until, int grace_days, Date today);

// Access.
Status CheckMayRecordCrossing(const Actor& a, const NodeContext& node);
Status CheckMayReviewHits(const Actor& a, const NodeContext& node);
// Border officers of the node (and the node itself): crossings, hits, overstays, list metadata.
bool IsBorderAuthority(const Actor& a, const NodeContext& node);
// The crossing itself (a worker: their own), not what screening found.
bool MayViewCrossing(const Actor& a, const Crossing& c, const NodeContext& node);

}  // namespace corridor::domain
