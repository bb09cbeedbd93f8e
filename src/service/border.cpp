#include "service/border.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "codec/border.hpp"
#include "core/encoding.hpp"
#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "domain/departure.hpp"
#include "mrz/mrz.hpp"
#include "screening/lists.hpp"
#include "screening/normalize.hpp"
#include "service/cases.hpp"
#include "service/permits.hpp"
#include "store/clearance_store.hpp"

namespace corridor::service {
namespace {

using domain::Actor;
using domain::Finding;
using domain::Role;
using screening::WatchlistEntry;

constexpr size_t kMaxZoneBytes = 1024;
// Ledger subjects are at most 64 characters; a list's subject is "watchlist.<list id>".
constexpr size_t kMaxListIdForLedger = 54;

// ---------------------------------------------------------------- the zone

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t p = 0;
  while (p <= text.size()) {
    size_t e = text.find('\n', p);
    if (e == std::string_view::npos) e = text.size();
    out.push_back(text.substr(p, e - p));
    p = e + 1;
  }
  return out;
}

// The first reason the zone is not valid, for the officer: a failing check or an issue, with the
// OCR suggestions if any.
std::string WhyInvalid(const mrz::MrzDocument& d) {
  std::string why;
  size_t failures = 0;
  for (const auto& c : d.checks) {
    if (c.valid) continue;
    if (failures++ == 0) {
      why = "the " + std::string(mrz::ToString(c.kind)) + " check digit at " +
            mrz::ToString(c.position) + " is '" + std::string(1, c.found) + "', not '" +
            std::string(1, c.computed) + "'";
    }
  }
  for (const auto& i : d.issues) {
    if (failures++ == 0) why = i.message;
  }
  if (failures > 1) why += " (and " + std::to_string(failures - 1) + " more)";
  for (size_t i = 0; i < d.suggestions.size(); ++i) {
    const auto& s = d.suggestions[i];
    why += (i == 0 ? "; suggested: " : ", ") + mrz::ToString(s.position) + " '" +
           std::string(1, s.from) + "'->'" + std::string(1, s.to) + "'";
  }
  return why;
}

domain::TravelDocument FromZone(const mrz::MrzDocument& d) {
  domain::TravelDocument t;
  t.kind = std::string(mrz::ToString(d.kind));
  t.format = std::string(mrz::ToString(d.format));
  t.document_code = d.document_code;
  t.issuing_state = d.issuing_state;
  t.number = d.document_number;
  t.nationality = d.nationality;
  t.primary_identifier = d.primary_identifier;
  t.secondary_identifier = d.secondary_identifier;
  t.birth_date = d.birth_date.ToString();
  t.sex = d.sex;
  t.expiry = d.expiry_date.date;
  t.mrz_valid = d.valid();
  t.lines = d.lines;
  return t;
}

Result<mrz::MrzDocument> ReadZone(const std::string& text, const char* field, Date today,
                                  int years_ahead, bool accept_invalid) {
  if (text.size() > kMaxZoneBytes) {
    return Status::InvalidArgument("is longer than " + std::to_string(kMaxZoneBytes) + " bytes",
                                   field);
  }
  const auto lines = Lines(text);
  mrz::ParseOptions options(today);
  options.expiry_years_ahead = years_ahead;
  auto doc = mrz::ParseMrz(lines, options);
  if (!doc.ok()) return Status::InvalidArgument(doc.status().message(), field);
  if (!doc->valid() && !accept_invalid) {
    return Status::InvalidArgument("the zone fails its checks: " + WhyInvalid(*doc) +
                                       "; scan it again, or record it with "
                                       "accept_invalid_reason",
                                   field);
  }
  return doc;
}

std::string Collapse(std::string_view s) {
  // Letters only, upper case: "THAPA MAGAR" and "THAPA<MAGAR" compare equal.
  std::string out;
  for (char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// ---------------------------------------------------------------- registry findings

void PermitFinding(const std::vector<domain::Permit>& permits, Date today,
                   std::vector<Finding>& out) {
  const domain::Permit* valid = nullptr;
  const domain::Permit* suspended = nullptr;
  const domain::Permit* latest = nullptr;
  for (const auto& p : permits) {
    if (p.status == domain::PermitStatus::kActive && p.valid_from <= today &&
        today <= p.valid_until) {
      valid = &p;
    }
    if (p.status == domain::PermitStatus::kSuspended) suspended = &p;
    if (latest == nullptr || p.valid_until > latest->valid_until) latest = &p;
  }
  if (valid) {
    out.push_back({"permit_active",
                   "permit " + valid->id.value() + " is active until " +
                       valid->valid_until.ToString() + " (employer " + valid->employer.value() +
                       ")",
                   valid->id.value()});
    return;
  }
  if (suspended) {
    out.push_back({"permit_suspended",
                   "permit " + suspended->id.value() + " is suspended: " + suspended->status_reason,
                   suspended->id.value()});
    return;
  }
  if (latest == nullptr) {
    out.push_back({"no_permit", "the worker holds no permit", ""});
    return;
  }
  if (latest->status == domain::PermitStatus::kCancelled) {
    out.push_back({"permit_cancelled",
                   "permit " + latest->id.value() + " was cancelled: " + latest->status_reason,
                   latest->id.value()});
    return;
  }
  if (latest->valid_from > today) {
    out.push_back({"permit_active",
                   "permit " + latest->id.value() + " is valid from " +
                       latest->valid_from.ToString() + " until " + latest->valid_until.ToString(),
                   latest->id.value()});
    return;
  }
  out.push_back({"permit_expired",
                 "permit " + latest->id.value() + " expired on " + latest->valid_until.ToString(),
                 latest->id.value()});
}

// The last day a permit authorised the stay: its end, or the day it was cancelled.
Result<Date> PermitEnd(store::ReadTx& tx, const domain::Permit& p) {
  if (p.status != domain::PermitStatus::kCancelled) return p.valid_until;
  ASSIGN_OR_RETURN(auto events, tx.History(p.id.value(), 100));
  for (const auto& e : events) {
    const json::Value* type = e.Get("type");
    const json::Value* time = e.Get("time");
    if (type && type->is_string() &&
        type->AsString() == ToString(domain::EventType::kPermitCancelled) && time &&
        time->is_string()) {
      auto t = Timestamp::Parse(time->AsString());
      if (t.ok()) return std::min(t->date(), p.valid_until);
    }
  }
  return p.valid_until;
}

struct StayBasis {
  Date until;
  std::string basis;
};

// What authorised the stay that began with `entry` at this node, in `country`: the entry's own
// date, and the permits this country issued the registered worker (a permit the origin holds as
// a copy authorises a stay in the destination, not at home), each with the country's grace after
// a permit ends (`permit_grace_days`, domain::PermitStayUntil).
Result<std::optional<StayBasis>> StayOf(store::ReadTx& tx, const domain::Crossing& entry,
                                        const std::string& country, int permit_grace_days) {
  std::optional<StayBasis> best;
  auto consider = [&](Date until, std::string basis) {
    if (!best || until > best->until) best = StayBasis{until, std::move(basis)};
  };
  if (entry.authorised_until) {
    const bool from_visa = entry.visa && entry.visa->expiry == entry.authorised_until;
    consider(*entry.authorised_until,
             from_visa ? "visa " + entry.visa->number + " valid until " +
                             entry.authorised_until->ToString()
                       : "stay authorised at entry until " + entry.authorised_until->ToString());
  }
  if (entry.worker) {
    ASSIGN_OR_RETURN(auto permits, tx.ListPermits(*entry.worker, {"", 1000}));
    for (const auto& p : permits) {
      ASSIGN_OR_RETURN(auto contract, tx.GetContract(p.contract));
      if (contract.terms.destination_country != country) continue;
      ASSIGN_OR_RETURN(Date end, PermitEnd(tx, p));
      std::string basis = p.status == domain::PermitStatus::kCancelled
                              ? "permit " + p.id.value() + " cancelled on " + end.ToString()
                              : "permit " + p.id.value() + " valid until " + end.ToString();
      if (permit_grace_days > 0) {
        basis += ", then " + std::to_string(permit_grace_days) + " days' grace";
      }
      consider(domain::PermitStayUntil(end, permit_grace_days), std::move(basis));
    }
  }
  return best;
}

// The country's grace after a permit ends (its rules; 0 when it has none).
Result<int> PermitGraceDays(store::ReadTx& tx, const std::string& country) {
  ASSIGN_OR_RETURN(auto rules, tx.FindCountryRules(country));
  return rules ? rules->permit_grace_days : 0;
}

// The overstay of the stay that began with `entry`, judged on `today`: nullopt while the stay
// (StayOf, then the border's own tolerance) has not run out, or when nothing authorised it
// (counted in `without_basis`, if given). The flag has no id yet.
Result<std::optional<domain::OverstayFlag>> JudgeStay(
    store::ReadTx& tx, const domain::Crossing& entry, const std::string& country,
    int permit_grace_days, int overstay_grace_days, Date today, size_t* without_basis) {
  ASSIGN_OR_RETURN(auto stay, StayOf(tx, entry, country, permit_grace_days));
  if (!stay) {
    if (without_basis != nullptr) ++*without_basis;
    return std::optional<domain::OverstayFlag>();
  }
  auto days = domain::OverstayDays(stay->until, overstay_grace_days, today);
  if (!days) return std::optional<domain::OverstayFlag>();
  domain::OverstayFlag f;
  f.entry = entry.id;
  f.worker = entry.worker;
  f.document = entry.document.issuing_state + ":" + entry.document.number;
  f.authorised_until = stay->until;
  f.basis = stay->basis;
  f.grace_days = overstay_grace_days;
  f.flagged_on = today;
  f.days_over = *days;
  return std::optional<domain::OverstayFlag>(std::move(f));
}

json::Value VersionEvent(const store::ListReplacement& r) {
  json::Object o;
  o.Set("list", r.now.list_id);
  o.Set("version", r.now.version);
  o.Set("format", r.now.format);
  o.Set("digest", r.now.digest);
  o.Set("entries", r.now.entries);
  o.Set("added", r.now.added);
  o.Set("changed", r.now.changed);
  o.Set("removed", r.now.removed);
  json::Array sources;
  for (const auto& s : r.now.sources) {
    json::Object so;
    so.Set("name", s.name);
    so.Set("sha256", s.sha256);
    so.Set("bytes", s.bytes);
    sources.push_back(std::move(so));
  }
  o.Set("sources", std::move(sources));
  if (r.previous) {
    json::Object p;
    p.Set("version", r.previous->version);
    p.Set("digest", r.previous->digest);
    p.Set("entries", r.previous->entries);
    o.Set("previous", std::move(p));
  } else {
    o.Set("previous", json::Value());
  }
  return o;
}

std::string BaseName(const std::string& name) {
  const size_t slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

}  // namespace

// ---------------------------------------------------------------- the index

struct Border::Snapshot {
  std::unique_ptr<screening::WatchlistIndex> index;
  std::vector<domain::ListVersionRef> lists;
  std::mutex mu;
  // Searchers are declared after the index they refer to, so they are destroyed first.
  std::vector<std::unique_ptr<screening::IndexSearcher>> idle;
};

// Borrows a searcher of the snapshot for one search.
class Border::Lease {
 public:
  explicit Lease(Snapshot& s) : s_(s) {
    {
      std::lock_guard<std::mutex> lock(s_.mu);
      if (!s_.idle.empty()) {
        searcher_ = std::move(s_.idle.back());
        s_.idle.pop_back();
      }
    }
    if (!searcher_) searcher_ = std::make_unique<screening::IndexSearcher>(*s_.index);
  }
  ~Lease() {
    std::lock_guard<std::mutex> lock(s_.mu);
    s_.idle.push_back(std::move(searcher_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  screening::IndexSearcher& operator*() { return *searcher_; }

 private:
  Snapshot& s_;
  std::unique_ptr<screening::IndexSearcher> searcher_;
};

Border::Border(store::Store& store, const screening::NameKnowledge& knowledge, BorderConfig config,
               Cases* cases)
    : store_(store), knowledge_(knowledge), config_(config), cases_(cases) {}

Border::~Border() = default;

Result<std::shared_ptr<Border::Snapshot>> Border::Build(std::vector<WatchlistEntry> entries,
                                                        std::vector<domain::ListVersionRef> lists) {
  ASSIGN_OR_RETURN(auto index, screening::WatchlistIndex::Build(std::move(entries), knowledge_));
  auto s = std::make_shared<Snapshot>();
  s->index = std::move(index);
  s->lists = std::move(lists);
  return s;
}

namespace {

std::vector<domain::ListVersionRef> Refs(const std::vector<store::ListVersionInfo>& v) {
  std::vector<domain::ListVersionRef> out;
  out.reserve(v.size());
  for (const auto& i : v) out.push_back({i.list_id, i.version, i.digest});
  return out;
}

}  // namespace

Status Border::Rebuild() {
  std::lock_guard<std::mutex> rebuild(rebuild_mu_);
  std::vector<domain::ListVersionRef> lists;
  std::vector<WatchlistEntry> entries;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto versions, store::ListWatchlists(tx));
    lists = Refs(versions);
    {
      std::lock_guard<std::mutex> lock(mu_);
      // Another thread rebuilt it already.
      if (snapshot_ && snapshot_->lists == lists) return Status::Ok();
    }
    ASSIGN_OR_RETURN(entries, store::LoadCurrentWatchlists(tx));
    return Status::Ok();
  }));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (snapshot_ && snapshot_->lists == lists) return Status::Ok();
  }
  auto built = Build(std::move(entries), lists);
  if (!built.ok()) {
    return Status::Unavailable("the screening index cannot be built from the stored lists")
        .WithDetail(built.status().ToString());
  }
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_ = std::move(*built);
  return Status::Ok();
}

Status Border::LoadIndex() { return Rebuild(); }

Result<std::shared_ptr<Border::Snapshot>> Border::Current() {
  std::vector<domain::ListVersionRef> stored;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto versions, store::ListWatchlists(tx));
    stored = Refs(versions);
    return Status::Ok();
  }));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (snapshot_ && snapshot_->lists == stored) return snapshot_;
  }
  RETURN_IF_ERROR(Rebuild());
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_;
}

std::vector<domain::ListVersionRef> Border::LoadedLists() {
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_ ? snapshot_->lists : std::vector<domain::ListVersionRef>();
}

// ---------------------------------------------------------------- imports

Result<std::vector<store::ListReplacement>> Border::ImportLists(
    const Actor& a, ListFormat format, const std::vector<SourceFile>& files,
    const store::WriteOptions& write) {
  if (a.role != Role::kSystem && a.role != Role::kAdministrator) {
    return Status::PermissionDenied("only an administrator imports watchlists");
  }
  ASSIGN_OR_RETURN(auto lists, ParseListFiles(format, files));
  // Every name must be one the screening can read: a list that cannot be screened would leave
  // the border without its index.
  screening::NameNormalizer normalizer(knowledge_);
  for (const auto& [list, entries] : lists) {
    if (list.size() > kMaxListIdForLedger) {
      return Status::InvalidArgument("list id '" + list + "' is longer than " +
                                         std::to_string(kMaxListIdForLedger) + " characters",
                                     "list_id");
    }
    for (const auto& e : entries) {
      for (const auto& n : e.names) {
        auto nn = normalizer.Normalize(n.full);
        if (!nn.ok()) {
          return nn.status().WithContext("list " + list + " entry " + e.entry_id);
        }
      }
    }
  }
  std::vector<store::ListSource> sources;
  sources.reserve(files.size());
  for (const auto& f : files) {
    sources.push_back({BaseName(f.name), HexEncode(crypto::Sha256(f.bytes)), f.bytes.size()});
  }
  std::vector<store::ListReplacement> out;
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    out.clear();
    for (const auto& [list, entries] : lists) {
      std::vector<const WatchlistEntry*> ptrs;
      ptrs.reserve(entries.size());
      for (const auto& e : entries) ptrs.push_back(&e);
      ASSIGN_OR_RETURN(
          auto r, store::ReplaceWatchlist(tx, list, ToString(format), ptrs, sources, a.account));
      RETURN_IF_ERROR(
          tx.Record(domain::EventType::kWatchlistImported, "watchlist." + list, VersionEvent(r)));
      out.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  bool loaded = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    loaded = snapshot_ != nullptr;
  }
  if (loaded) RETURN_IF_ERROR(Rebuild());
  return out;
}

// ---------------------------------------------------------------- crossings

namespace {

// The departure clearance finding of a registered worker leaving (domain/departure.hpp): the
// worker's contracts from this node's country and the clearance last issued for the passport read.
Result<std::optional<Finding>> DepartureClearance(store::ReadTx& tx, const std::string& country,
                                                  const domain::Worker& worker,
                                                  const domain::TravelDocument& document,
                                                  Date today) {
  domain::DepartureFacts f;
  f.node_country = country;
  f.direction = domain::Direction::kExit;
  f.passport = document.issuing_state + ":" + document.number;
  f.today = today;
  store::ContractFilter filter;
  filter.worker = worker.id;
  filter.origin_country = country;
  ASSIGN_OR_RETURN(f.contracts, tx.ListContracts(filter, {"", 1000}));
  if (domain::BoundForWork(f.contracts, f.node_country).empty()) {
    return std::optional<Finding>();
  }
  ASSIGN_OR_RETURN(f.clearance,
                   store::LatestClearanceForPassport(tx, document.issuing_state, document.number));
  return domain::DepartureClearanceFinding(f);
}

}  // namespace

Result<CrossingOutcome> Border::RecordCrossing(const Actor& a, const CrossingRequest& r,
                                               const store::WriteOptions& write) {
  RETURN_IF_ERROR(domain::CheckMayRecordCrossing(a, node()));
  const Date today = store_.clock().Now().date();
  const bool accept_invalid = !r.accept_invalid_reason.empty();
  std::string invalid_reason;
  if (accept_invalid) {
    ASSIGN_OR_RETURN(invalid_reason,
                     RequiredText(r.accept_invalid_reason, "accept_invalid_reason", 500));
  }
  ASSIGN_OR_RETURN(std::string port, RequiredText(r.port, "port", 100));
  ASSIGN_OR_RETURN(mrz::MrzDocument zone,
                   ReadZone(r.mrz, "mrz", today, config_.mrz_expiry_years_ahead, accept_invalid));
  if (zone.kind == mrz::DocumentKind::kVisa) {
    return Status::InvalidArgument(
        "is a visa; give the travel document's zone here and the "
        "visa's in visa_mrz",
        "mrz");
  }
  std::optional<mrz::MrzDocument> visa;
  if (!r.visa_mrz.empty()) {
    ASSIGN_OR_RETURN(visa, ReadZone(r.visa_mrz, "visa_mrz", today, config_.mrz_expiry_years_ahead,
                                    accept_invalid));
    if (visa->kind != mrz::DocumentKind::kVisa) {
      return Status::InvalidArgument("is not a visa (document code " + visa->document_code + ")",
                                     "visa_mrz");
    }
  }
  ASSIGN_OR_RETURN(auto snapshot, Current());

  CrossingOutcome out;
  domain::Crossing& c = out.crossing;
  c.direction = r.direction;
  c.port = port;
  c.officer = a.account;
  c.document = FromZone(zone);
  if (visa) c.visa = FromZone(*visa);
  c.authorised_until = r.authorised_until;
  if (!c.authorised_until && visa && visa->expiry_date.date)
    c.authorised_until = visa->expiry_date.date;
  c.invalid_mrz_reason = invalid_reason;
  c.screened_against = snapshot->lists;

  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    out.hits.clear();
    c.findings.clear();
    c.id = NewId<domain::CrossingId>(tx.rng());
    c.time = tx.now();
    if (!c.document.mrz_valid || (c.visa && !c.visa->mrz_valid)) {
      c.findings.push_back({"invalid_mrz_accepted",
                            "a zone that fails its checks was recorded: " + invalid_reason, ""});
    }
    if (c.document.expiry && *c.document.expiry < today) {
      c.findings.push_back(
          {"document_expired",
           "the " + c.document.kind + " expired on " + c.document.expiry->ToString(), ""});
    }

    // A national of this node's country is at home: her stay needs no permit, and her first
    // departure recorded here follows no recorded entry (the border records crossings, not births).
    const bool national = c.document.nationality == node().country;
    if (national) {
      c.findings.push_back(
          {"national", "a national of " + node().country + ": no permit or entry needed", ""});
    }

    // The registry.
    ASSIGN_OR_RETURN(auto worker,
                     tx.FindWorkerByPassport(c.document.issuing_state, c.document.number));
    if (!worker) {
      c.findings.push_back({"not_registered",
                            "no worker in the registry holds " + c.document.kind + " " +
                                c.document.number + " of " + c.document.issuing_state,
                            ""});
    } else {
      c.worker = worker->id;
      c.findings.push_back({"registered_worker",
                            "registered worker " + worker->id.value() + ", " +
                                worker->given_names_latin + " " + worker->family_name_latin,
                            worker->id.value()});
      std::vector<std::string> differs;
      if (Collapse(worker->family_name_latin) != Collapse(c.document.primary_identifier)) {
        differs.push_back("family name " + worker->family_name_latin);
      }
      if (zone.birth_date.date && *zone.birth_date.date != worker->date_of_birth) {
        differs.push_back("date of birth " + worker->date_of_birth.ToString());
      }
      if (!differs.empty()) {
        std::string m = "the registry's record of this passport says ";
        for (size_t i = 0; i < differs.size(); ++i) m += (i ? ", " : "") + differs[i];
        c.findings.push_back({"registry_identity_differs", m, worker->id.value()});
      }
      if (worker->passport.expiry < today) {
        c.findings.push_back(
            {"registered_passport_expired",
             "the registered passport expired on " + worker->passport.expiry.ToString(),
             worker->id.value()});
      }
      ASSIGN_OR_RETURN(auto permits, tx.ListPermits(worker->id, {"", 1000}));
      if (!national) PermitFinding(permits, today, c.findings);
      ASSIGN_OR_RETURN(auto notices, tx.ListExitNotices(worker->id, {"", 1000}));
      const domain::ExitNotice* latest = nullptr;
      for (const auto& n : notices) {
        if (n.departure_date < today.AddDays(-30)) continue;
        if (latest == nullptr || n.notified_at > latest->notified_at) latest = &n;
      }
      if (latest) {
        std::string m = "the worker notified a " + std::string(ToString(latest->kind)) +
                        " exit, departing " + latest->departure_date.ToString();
        if (latest->return_date) m += ", returning by " + latest->return_date->ToString();
        c.findings.push_back({"exit_notice", m, latest->id.value()});
      }
      if (c.direction == domain::Direction::kExit) {
        ASSIGN_OR_RETURN(auto departure,
                         DepartureClearance(tx, node().country, *worker, c.document, today));
        if (departure) c.findings.push_back(std::move(*departure));
      }
    }

    // The border's own records of this person.
    ASSIGN_OR_RETURN(auto previous, store::LatestCrossing(tx, domain::PersonKey(c)));
    if (c.direction == domain::Direction::kEntry && previous &&
        previous->direction == domain::Direction::kEntry) {
      c.findings.push_back({"no_recorded_exit",
                            "the last crossing recorded, " + previous->id.value() + " on " +
                                previous->time.date().ToString() + ", was an entry",
                            previous->id.value()});
    }
    std::optional<domain::OverstayFlag> overstay;
    bool new_overstay = false;
    if (c.direction == domain::Direction::kExit) {
      if (!previous || previous->direction == domain::Direction::kExit) {
        if (previous || !national) {
          c.findings.push_back({"no_recorded_entry", "no entry is recorded before this exit", ""});
        }
      } else {
        ASSIGN_OR_RETURN(overstay, store::FindOverstayForEntry(tx, previous->id));
        if (!overstay) {
          // Not flagged yet (the daily job has not judged this stay since it ran out): the
          // exit judges it by the same rule, so leaving after the stay and its grace ran out
          // is an overstay whenever the job last ran, and leaving within them is none.
          ASSIGN_OR_RETURN(const int permit_grace, PermitGraceDays(tx, node().country));
          ASSIGN_OR_RETURN(overstay, JudgeStay(tx, *previous, node().country, permit_grace,
                                               config_.overstay_grace_days, today, nullptr));
          new_overstay = overstay.has_value();
          if (new_overstay) overstay->id = NewId<domain::OverstayId>(tx.rng());
        }
        if (overstay && !overstay->departed) {
          c.findings.push_back({"overstay",
                                "overstay " + overstay->id.value() +
                                    ": the stay was authorised "
                                    "until " +
                                    overstay->authorised_until.ToString() + " (" + overstay->basis +
                                    ")",
                                overstay->id.value()});
        } else {
          overstay.reset();
        }
      }
    }
    if (snapshot->lists.empty()) {
      c.findings.push_back(
          {"no_watchlists", "no watchlist is loaded: the traveller was not screened", ""});
    }

    // The lists.
    screening::NameQuery q;
    std::string latin = c.document.secondary_identifier;
    if (!c.document.primary_identifier.empty()) {
      latin += (latin.empty() ? "" : " ") + c.document.primary_identifier;
    }
    if (!latin.empty()) q.names.push_back(latin);
    if (worker && !worker->name_native.empty()) q.names.push_back(worker->name_native);
    if (zone.birth_date.status == mrz::DateStatus::kComplete) {
      q.date_of_birth = zone.birth_date.date;
    } else if (zone.birth_date.year) {
      q.birth_year = zone.birth_date.year;
    }
    q.nationality = screening::CountryCode(c.document.nationality);
    q.sex = c.document.sex == "M"   ? screening::Sex::kMale
            : c.document.sex == "F" ? screening::Sex::kFemale
                                    : screening::Sex::kUnknown;
    q.document_number = c.document.number;
    q.document_country = screening::CountryCode(c.document.issuing_state);
    std::vector<screening::Hit> found;
    if (!snapshot->lists.empty()) {
      Lease lease(*snapshot);
      ASSIGN_OR_RETURN(found, (*lease).Search(q, config_.match, config_.search));
    }
    for (const auto& h : found) {
      const WatchlistEntry& e = snapshot->index->entries()[h.entry];
      domain::ScreeningHit hit;
      hit.id = NewId<domain::HitId>(tx.rng());
      hit.crossing = c.id;
      hit.worker = c.worker;
      hit.list = e.list;
      for (const auto& l : snapshot->lists) {
        if (l.list == e.list) hit.list_version = l.version;
      }
      hit.entry_id = e.entry_id;
      hit.listed_name = h.result.entry_name.empty() && !e.names.empty() ? e.names.front().full
                                                                        : h.result.entry_name;
      hit.entry_reason = e.reason;
      hit.document_match = h.result.document_match;
      hit.score = h.result.score;
      hit.decision = std::string(screening::DecisionName(h.result.decision));
      hit.explanation = h.result.Explain();
      hit.raised_at = tx.now();
      out.hits.push_back(std::move(hit));
    }
    c.hits = static_cast<int>(out.hits.size());

    // A registered worker's exit that completes her final exit notice ends her contract here and
    // cancels its permit, in this transaction (docs/permits.md); the officer is told.
    if (c.direction == domain::Direction::kExit && worker && !national) {
      ASSIGN_OR_RETURN(std::string ended,
                       CompleteFinalExitIn(tx, worker->id, c.id.value(), node().country));
      if (!ended.empty()) c.findings.push_back({"final_exit", std::move(ended), ""});
    }

    RETURN_IF_ERROR(store::InsertCrossing(tx, c));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kCrossingRecorded, c.id.value(), codec::ToJson(c)));
    for (const auto& hit : out.hits) {
      RETURN_IF_ERROR(store::InsertHit(tx, hit));
      RETURN_IF_ERROR(
          tx.Record(domain::EventType::kScreeningHitRaised, hit.id.value(), codec::ToJson(hit)));
    }
    if (overstay) {
      if (new_overstay) RETURN_IF_ERROR(FlagOverstay(tx, *overstay));
      overstay->departed = c.id;
      RETURN_IF_ERROR(store::UpdateOverstay(tx, *overstay));
      json::Object data;
      data.Set("entry", overstay->entry.value());
      data.Set("exit", c.id.value());
      RETURN_IF_ERROR(
          tx.Record(domain::EventType::kOverstayDeparted, overstay->id.value(), std::move(data)));
    }
    return Status::Ok();
  }));
  return out;
}

Result<domain::ScreeningHit> Border::DecideHit(const Actor& a, const domain::HitId& id,
                                               bool confirm, const std::string& reason) {
  RETURN_IF_ERROR(domain::CheckMayReviewHits(a, node()));
  domain::ScreeningHit h;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(h, store::GetHit(tx, id));
    RETURN_IF_ERROR(domain::DecideHit(h, confirm, reason, a.account, tx.now()));
    RETURN_IF_ERROR(store::UpdateHit(tx, h));
    json::Object data;
    data.Set("crossing", h.crossing.value());
    data.Set("list", h.list);
    data.Set("list_version", h.list_version);
    data.Set("entry_id", h.entry_id);
    data.Set("score", h.score);
    data.Set("decision", h.decision);
    data.Set("state", std::string(ToString(h.state)));
    data.Set("reason", h.decision_reason);
    RETURN_IF_ERROR(tx.Record(confirm ? domain::EventType::kScreeningHitConfirmed
                                      : domain::EventType::kScreeningHitDismissed,
                              h.id.value(), std::move(data)));
    // A confirmed hit on a registered worker is a protection signal; a traveller the registry
    // does not know has no case to open.
    if (!confirm || !h.worker || cases_ == nullptr) return Status::Ok();
    return cases_
        ->TakeSignal(tx, {h.worker, std::nullopt}, domain::SignalKind::kWatchlistHitConfirmed,
                     h.id.value())
        .status();
  }));
  return h;
}

// ---------------------------------------------------------------- overstays

Result<OverstayReport> Border::DetectOverstays(Date today) {
  OverstayReport report;
  constexpr int kBatch = 500;
  store::Page page{"", kBatch};
  for (;;) {
    std::vector<domain::Crossing> batch;
    std::vector<domain::OverstayFlag> flags;
    RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(batch, store::UnflaggedOpenEntries(tx, page));
      ASSIGN_OR_RETURN(const int permit_grace, PermitGraceDays(tx, node().country));
      for (const auto& c : batch) {
        ASSIGN_OR_RETURN(auto flag,
                         JudgeStay(tx, c, node().country, permit_grace, config_.overstay_grace_days,
                                   today, &report.without_basis));
        if (flag) flags.push_back(std::move(*flag));
      }
      return Status::Ok();
    }));
    report.examined += batch.size();
    if (!flags.empty()) {
      RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
        for (auto& f : flags) RETURN_IF_ERROR(FlagOverstay(tx, f));
        return Status::Ok();
      }));
      for (auto& f : flags) report.flagged.push_back(std::move(f));
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
    page.after = batch.back().id.value();
  }
  return report;
}

Status Border::FlagOverstay(store::WriteTx& tx, domain::OverstayFlag& f) {
  if (f.id.value().empty()) f.id = NewId<domain::OverstayId>(tx.rng());
  RETURN_IF_ERROR(store::InsertOverstay(tx, f));
  RETURN_IF_ERROR(tx.Record(domain::EventType::kOverstayFlagged, f.id.value(), codec::ToJson(f)));
  if (!f.worker || cases_ == nullptr) return Status::Ok();
  return cases_
      ->TakeSignal(tx, {f.worker, std::nullopt}, domain::SignalKind::kOverstay, f.id.value())
      .status();
}

Status Border::RunDailyJobs(Timestamp now) { return DetectOverstays(now.date()).status(); }

// ---------------------------------------------------------------- queries

Result<std::vector<ScreeningCandidate>> Border::Screen(const screening::NameQuery& q,
                                                       const screening::SearchOptions& options) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  Lease lease(*snapshot);
  ASSIGN_OR_RETURN(auto hits, (*lease).Search(q, config_.match, options));
  std::vector<ScreeningCandidate> out;
  out.reserve(hits.size());
  for (auto& h : hits) {
    out.push_back({std::move(h.result), snapshot->index->entries()[h.entry]});
  }
  return out;
}

Result<screening::MatchResult> Border::CompareNames(std::string_view a, std::string_view b) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  screening::Screener screener(knowledge_, snapshot->index->stats());
  return screener.CompareNames(a, b, config_.match);
}

}  // namespace corridor::service
