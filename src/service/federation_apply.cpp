// How a received message is applied (docs/formats/federation.md §6): each function checks the
// body and the rules first and then writes, inside the transaction that also records the
// sequence number, the envelope and its receipt. A non-transient error refuses the message (it is
// then recorded as rejected, with the error as its reason).
#include <initializer_list>

#include "codec/clearance.hpp"
#include "codec/codec.hpp"
#include "core/ids.hpp"
#include "federation/contract_sync.hpp"
#include "federation/heads.hpp"
#include "service/clearance.hpp"
#include "service/federation.hpp"
#include "service/notifier.hpp"

namespace corridor::service {
namespace {

using federation::Envelope;

template <typename T>
Result<std::optional<T>> Optional(Result<T> r) {
  if (r.ok()) return std::optional<T>(std::move(r).value());
  if (r.status().code() == Code::kNotFound) return std::optional<T>();
  return r.status();
}

// The body holds exactly the members named.
Status Members(const Envelope& e, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (e.body.Get(n) == nullptr) {
      return Status::InvalidArgument("the " + e.type + " message has no \"" + std::string(n) +
                                     "\"");
    }
  }
  for (const auto& [name, value] : e.body.AsObject()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      return Status::InvalidArgument("the " + e.type + " message has an unknown member \"" + name +
                                     "\"");
    }
  }
  return Status::Ok();
}

Result<std::string> TextMember(const Envelope& e, std::string_view name) {
  const json::Value* v = e.body.Get(name);
  if (v == nullptr || !v->is_string()) {
    return Status::InvalidArgument("the " + e.type + " message's \"" + std::string(name) +
                                   "\" must be a string");
  }
  return v->AsString();
}

template <typename T, typename Reader>
Result<T> Decode(const Envelope& e, std::string_view member, Reader decode) {
  auto r = decode(*e.body.Get(member));
  if (!r.ok()) {
    return Status::InvalidArgument("the " + e.type + " message's " + std::string(member) +
                                   " does not read: " + r.status().ToString());
  }
  return r;
}

Status SubjectIs(const Envelope& e, const std::string& id) {
  if (id == e.subject) return Status::Ok();
  return Status::InvalidArgument("the " + e.type + " message is about " + e.subject +
                                 " but carries " + id);
}

// An employer from its own country's node: inserted if absent; an identical copy is nothing new;
// a different one is refused when `strict` (employers are not edited), kept as it is otherwise.
Status UpsertEmployer(store::WriteTx& tx, const store::PeerRow& peer, const domain::Employer& e,
                      bool strict) {
  ASSIGN_OR_RETURN(auto local, Optional(tx.GetEmployer(e.id)));
  if (local) {
    if (strict && *local != e) {
      return Status::FailedPrecondition("employer " + e.id.value() +
                                        " differs from the record held here; employers are not "
                                        "edited");
    }
    return Status::Ok();
  }
  if (e.country != peer.country) {
    return Status::FailedPrecondition("employer " + e.id.value() + " is registered in " +
                                      e.country + "; only that country's node sends its record");
  }
  RETURN_IF_ERROR(domain::ValidateEmployer(e));
  ASSIGN_OR_RETURN(auto same_number,
                   tx.FindEmployerByRegistration(e.country, e.registration_number));
  if (same_number) {
    return Status::AlreadyExists("employer " + same_number->id.value() +
                                 " holds registration number " + e.registration_number +
                                 " here already");
  }
  return tx.InsertEmployer(e);
}

// An agency: inserted if absent, updated when its own licensing country sends it.
Status UpsertAgency(store::WriteTx& tx, const store::PeerRow& peer, const domain::Agency& a) {
  ASSIGN_OR_RETURN(auto local, Optional(tx.GetAgency(a.id)));
  if (local) {
    if (a.country != peer.country || *local == a) return Status::Ok();
    return tx.UpdateAgency(a);
  }
  RETURN_IF_ERROR(domain::ValidateAgency(a));
  ASSIGN_OR_RETURN(auto same_licence, tx.FindAgencyByLicence(a.country, a.licence_number));
  if (same_licence) {
    return Status::AlreadyExists("agency " + same_licence->id.value() + " holds licence " +
                                 a.licence_number + " here already");
  }
  return tx.InsertAgency(a);
}

// A worker: inserted if absent; updated (keeping the phone number recorded here) when the
// worker's own country sends the record.
Status UpsertWorker(store::WriteTx& tx, const store::PeerRow& peer, const domain::Worker& w) {
  ASSIGN_OR_RETURN(auto local, Optional(tx.GetWorker(w.id)));
  if (local) {
    if (w.nationality != peer.country) return Status::Ok();
    domain::Worker merged = w;
    merged.phone = local->phone;
    if (merged == *local) return Status::Ok();
    return tx.UpdateWorker(merged);
  }
  ASSIGN_OR_RETURN(auto same_passport,
                   tx.FindWorkerByPassport(w.passport.issuing_state, w.passport.number));
  if (same_passport) {
    return Status::AlreadyExists("worker " + same_passport->id.value() + " holds passport " +
                                 w.passport.number + " of " + w.passport.issuing_state +
                                 " here already");
  }
  return tx.InsertWorker(w);
}

}  // namespace

Status Federation::Apply(store::WriteTx& tx, const store::PeerRow& peer, const Envelope& e,
                         json::Object& facts) {
  const std::string& t = e.type;
  if (t == federation::kAgencyRecord) {
    RETURN_IF_ERROR(Members(e, {"agency"}));
    ASSIGN_OR_RETURN(auto ag, Decode<domain::Agency>(e, "agency", codec::AgencyFromJson));
    RETURN_IF_ERROR(SubjectIs(e, ag.id.value()));
    if (ag.country != peer.country) {
      return Status::FailedPrecondition("agency " + ag.id.value() + " is licensed by " +
                                        ag.country + "; only that country's node sends its record");
    }
    facts.Set("licence_status", std::string(domain::ToString(ag.status)));
    return UpsertAgency(tx, peer, ag);
  }
  if (t == federation::kEmployerRecord) {
    RETURN_IF_ERROR(Members(e, {"employer"}));
    ASSIGN_OR_RETURN(auto emp, Decode<domain::Employer>(e, "employer", codec::EmployerFromJson));
    RETURN_IF_ERROR(SubjectIs(e, emp.id.value()));
    if (emp.country != peer.country) {
      return Status::FailedPrecondition("employer " + emp.id.value() + " is registered in " +
                                        emp.country +
                                        "; only that country's node sends its record");
    }
    return UpsertEmployer(tx, peer, emp, /*strict=*/true);
  }
  if (t == federation::kJobOrderRecord) {
    RETURN_IF_ERROR(Members(e, {"job_order", "employer"}));
    ASSIGN_OR_RETURN(auto j, Decode<domain::JobOrder>(e, "job_order", codec::JobOrderFromJson));
    ASSIGN_OR_RETURN(auto emp, Decode<domain::Employer>(e, "employer", codec::EmployerFromJson));
    RETURN_IF_ERROR(SubjectIs(e, j.id.value()));
    if (j.employer != emp.id || j.country != peer.country) {
      return Status::InvalidArgument("job order " + j.id.value() +
                                     " is not the sending country's employer's");
    }
    RETURN_IF_ERROR(domain::ValidateJobOrder(j));
    RETURN_IF_ERROR(UpsertEmployer(tx, peer, emp, /*strict=*/false));
    if (j.agency) {
      ASSIGN_OR_RETURN(auto ag, Optional(tx.GetAgency(*j.agency)));
      if (!ag) {
        return Status::FailedPrecondition("job order " + j.id.value() + " names agency " +
                                          j.agency->value() + ", which is not known here");
      }
    }
    ASSIGN_OR_RETURN(auto local, Optional(tx.GetJobOrder(j.id)));
    return local ? tx.UpdateJobOrder(j) : tx.InsertJobOrder(j);
  }
  if (t == federation::kContractUpdate) {
    RETURN_IF_ERROR(Members(e, {"cause", "contract", "worker", "employer", "agency"}));
    ASSIGN_OR_RETURN(std::string cause, TextMember(e, "cause"));
    ASSIGN_OR_RETURN(auto c, Decode<domain::Contract>(e, "contract", codec::ContractFromJson));
    ASSIGN_OR_RETURN(auto w, Decode<domain::Worker>(e, "worker", codec::WorkerFromJson));
    ASSIGN_OR_RETURN(auto emp, Decode<domain::Employer>(e, "employer", codec::EmployerFromJson));
    std::optional<domain::Agency> ag;
    if (!e.body.Get("agency")->is_null()) {
      ASSIGN_OR_RETURN(auto a, Decode<domain::Agency>(e, "agency", codec::AgencyFromJson));
      ag = std::move(a);
    }
    RETURN_IF_ERROR(SubjectIs(e, c.id.value()));
    if (w.id != c.terms.worker || emp.id != c.terms.employer ||
        (ag ? std::optional<AgencyId>(ag->id) : std::nullopt) != c.terms.agency) {
      return Status::InvalidArgument(
          "the worker, employer or agency sent are not the ones "
          "contract " +
          c.id.value() + " names");
    }
    ASSIGN_OR_RETURN(auto local, Optional(tx.GetContract(c.id)));
    ASSIGN_OR_RETURN(bool changes,
                     federation::CheckPeerContractUpdate(local, c, peer.country, country_,
                                                         codec::TermsDigest(c.terms)));
    facts.Set("cause", cause);
    facts.Set("state", std::string(domain::ToString(c.state)));
    facts.Set("version", c.version);
    facts.Set("digest", c.digest);
    if (!changes) return Status::Ok();
    RETURN_IF_ERROR(UpsertWorker(tx, peer, w));
    if (emp.country != c.terms.destination_country) {
      return Status::InvalidArgument("employer " + emp.id.value() + " is not registered in " +
                                     c.terms.destination_country);
    }
    RETURN_IF_ERROR(UpsertEmployer(tx, peer, emp, /*strict=*/false));
    if (ag) RETURN_IF_ERROR(UpsertAgency(tx, peer, *ag));
    RETURN_IF_ERROR(local ? tx.UpdateContract(c) : tx.InsertContract(c));
    json::Object note;
    note.Set("contract", c.id.value());
    note.Set("cause", cause);
    note.Set("state", std::string(domain::ToString(c.state)));
    note.Set("version", c.version);
    note.Set("digest", c.digest);
    note.Set("from", peer.node_id);
    const json::Value data(std::move(note));
    RETURN_IF_ERROR(
        Notify(tx, "authority:" + country_, "federation.contract_update", c.id.value(), data));
    if (country_ == c.terms.destination_country) {
      RETURN_IF_ERROR(Notify(tx, "embassy:" + c.terms.origin_country, "federation.contract_update",
                             c.id.value(), data));
    } else if (cause == ToString(domain::EventType::kContractAuthenticated) ||
               cause == ToString(domain::EventType::kContractActivated) ||
               cause == ToString(domain::EventType::kContractEnded)) {
      RETURN_IF_ERROR(Notify(tx, "worker:" + c.terms.worker.value(), "federation.contract_update",
                             c.id.value(), data));
    }
    return Status::Ok();
  }
  if (t == federation::kContractSubstitution) {
    RETURN_IF_ERROR(
        Members(e, {"attested_digest", "presented_digest", "presented_terms", "differences"}));
    ASSIGN_OR_RETURN(std::string attested, TextMember(e, "attested_digest"));
    ASSIGN_OR_RETURN(std::string presented_digest, TextMember(e, "presented_digest"));
    auto presented = codec::TermsFromJson(*e.body.Get("presented_terms"), "presented_terms");
    if (!presented.ok()) {
      return Status::InvalidArgument("the presented terms do not read: " +
                                     presented.status().ToString());
    }
    ASSIGN_OR_RETURN(auto c, Optional(tx.GetContract(ContractId(e.subject))));
    if (!c) return Status::NotFound("contract " + e.subject + " is not known here");
    if (c->terms.destination_country != peer.country) {
      return Status::FailedPrecondition("contract " + e.subject + " is not for work in " +
                                        peer.country);
    }
    if (attested != c->attested_digest) {
      return Status::FailedPrecondition("the flag names the attested digest " + attested +
                                        ", but the digest attested here is " + c->attested_digest);
    }
    if (codec::TermsDigest(*presented) != presented_digest) {
      return Status::InvalidArgument(
          "the presented digest is not the digest of the presented "
          "terms");
    }
    // The differences are computed here, from the terms this country attested.
    const auto diffs = domain::DiffTerms(c->terms, *presented);
    json::Object data;
    data.Set("contract", c->id.value());
    data.Set("attested_digest", attested);
    data.Set("presented_digest", presented_digest);
    data.Set("presented_terms", *e.body.Get("presented_terms"));
    data.Set("differences", codec::ToJson(diffs));
    data.Set("flagged_by", peer.node_id);
    const json::Value note(std::move(data));
    facts.Set("presented_digest", presented_digest);
    facts.Set("differences", static_cast<int64_t>(diffs.size()));
    RETURN_IF_ERROR(
        Notify(tx, "authority:" + country_, "contract.substitution_flagged", c->id.value(), note));
    return Notify(tx, "worker:" + c->terms.worker.value(), "contract.substitution_flagged",
                  c->id.value(), note);
  }
  if (t == federation::kPermitRecord) {
    RETURN_IF_ERROR(Members(e, {"cause", "permit"}));
    ASSIGN_OR_RETURN(std::string cause, TextMember(e, "cause"));
    if (cause != ToString(domain::EventType::kPermitIssued) &&
        cause != ToString(domain::EventType::kPermitCancelled) &&
        cause != ToString(domain::EventType::kPermitAmended) &&
        cause != ToString(domain::EventType::kPermitRenewed) &&
        cause != ToString(domain::EventType::kPermitExpired)) {
      return Status::InvalidArgument(
          "a permit record's cause must be permit.issued, permit.cancelled, permit.amended, "
          "permit.renewed or permit.expired");
    }
    ASSIGN_OR_RETURN(auto p, Decode<domain::Permit>(e, "permit", codec::PermitFromJson));
    RETURN_IF_ERROR(SubjectIs(e, p.id.value()));
    ASSIGN_OR_RETURN(auto c, Optional(tx.GetContract(p.contract)));
    if (!c) {
      return Status::NotFound("permit " + p.id.value() + " is for contract " + p.contract.value() +
                              ", which is not known here");
    }
    if (c->terms.destination_country != peer.country || c->terms.worker != p.worker) {
      return Status::FailedPrecondition("permit " + p.id.value() + " does not belong to contract " +
                                        c->id.value() + " as known here");
    }
    ASSIGN_OR_RETURN(auto local, Optional(tx.GetPermit(p.id)));
    RETURN_IF_ERROR(local ? tx.UpdatePermit(p) : tx.InsertPermit(p));
    facts.Set("cause", cause);
    facts.Set("status", std::string(domain::ToString(p.status)));
    json::Object data;
    data.Set("permit", p.id.value());
    data.Set("contract", p.contract.value());
    data.Set("status", std::string(domain::ToString(p.status)));
    data.Set("valid_until", p.valid_until.ToString());
    const json::Value note(std::move(data));
    RETURN_IF_ERROR(Notify(tx, "authority:" + country_, cause, p.id.value(), note));
    return Notify(tx, "worker:" + p.worker.value(), cause, p.id.value(), note);
  }
  if (t == federation::kTransferRecord) {
    RETURN_IF_ERROR(Members(e, {"cause", "transfer"}));
    ASSIGN_OR_RETURN(std::string cause, TextMember(e, "cause"));
    ASSIGN_OR_RETURN(auto tr, Decode<domain::Transfer>(e, "transfer", codec::TransferFromJson));
    RETURN_IF_ERROR(SubjectIs(e, tr.id.value()));
    ASSIGN_OR_RETURN(auto w, Optional(tx.GetWorker(tr.worker)));
    if (!w) return Status::NotFound("worker " + tr.worker.value() + " is not known here");
    if (w->nationality != country_) {
      return Status::FailedPrecondition("worker " + tr.worker.value() + " is not a national of " +
                                        country_);
    }
    ASSIGN_OR_RETURN(auto local, Optional(tx.GetTransfer(tr.id)));
    RETURN_IF_ERROR(local ? tx.UpdateTransfer(tr) : tx.InsertTransfer(tr));
    facts.Set("cause", cause);
    facts.Set("state", std::string(domain::ToString(tr.state)));
    json::Object data;
    data.Set("transfer", tr.id.value());
    data.Set("cause", cause);
    data.Set("state", std::string(domain::ToString(tr.state)));
    data.Set("effective_on", tr.effective_on.ToString());
    const json::Value note(std::move(data));
    RETURN_IF_ERROR(Notify(tx, "authority:" + country_, cause, tr.id.value(), note));
    return Notify(tx, "worker:" + tr.worker.value(), cause, tr.id.value(), note);
  }
  if (t == federation::kExitRecord) {
    RETURN_IF_ERROR(Members(e, {"notice", "worker"}));
    ASSIGN_OR_RETURN(auto n, Decode<domain::ExitNotice>(e, "notice", codec::ExitNoticeFromJson));
    ASSIGN_OR_RETURN(auto w, Decode<domain::Worker>(e, "worker", codec::WorkerFromJson));
    RETURN_IF_ERROR(SubjectIs(e, n.id.value()));
    if (n.worker != w.id) {
      return Status::InvalidArgument("exit notice " + n.id.value() + " is not worker " +
                                     w.id.value() + "'s");
    }
    RETURN_IF_ERROR(UpsertWorker(tx, peer, w));
    ASSIGN_OR_RETURN(auto local, Optional(tx.GetExitNotice(n.id)));
    if (local) {
      if (*local != n) {
        return Status::FailedPrecondition("exit notice " + n.id.value() +
                                          " differs from the one held here");
      }
      return Status::Ok();
    }
    RETURN_IF_ERROR(tx.InsertExitNotice(n));
    facts.Set("kind", std::string(domain::ToString(n.kind)));
    facts.Set("departure_date", n.departure_date.ToString());
    json::Object data;
    data.Set("notice", n.id.value());
    data.Set("worker", w.id.value());
    data.Set("kind", std::string(domain::ToString(n.kind)));
    data.Set("departure_date", n.departure_date.ToString());
    const json::Value note(std::move(data));
    RETURN_IF_ERROR(Notify(tx, "authority:" + country_, "exit.notified", n.id.value(), note));
    if (w.nationality != country_) {
      return Notify(tx, "embassy:" + w.nationality, "exit.notified", n.id.value(), note);
    }
    return Status::Ok();
  }
  if (t == federation::kWageAlert) {
    RETURN_IF_ERROR(Members(e, {"alert", "contract", "worker", "data"}));
    ASSIGN_OR_RETURN(std::string alert, TextMember(e, "alert"));
    ASSIGN_OR_RETURN(std::string contract, TextMember(e, "contract"));
    ASSIGN_OR_RETURN(std::string worker, TextMember(e, "worker"));
    RETURN_IF_ERROR(SubjectIs(e, contract));
    ASSIGN_OR_RETURN(auto c, Optional(tx.GetContract(ContractId(contract))));
    if (!c) return Status::NotFound("contract " + contract + " is not known here");
    if (c->terms.worker.value() != worker || c->terms.destination_country != peer.country) {
      return Status::FailedPrecondition("the wage alert does not match contract " + contract +
                                        " as known here");
    }
    facts.Set("alert", alert);
    json::Object data;
    data.Set("contract", contract);
    data.Set("alert", alert);
    data.Set("data", *e.body.Get("data"));
    const json::Value note(std::move(data));
    RETURN_IF_ERROR(Notify(tx, "authority:" + country_, "wage.alert", contract, note));
    return Notify(tx, "worker:" + worker, "wage.alert", contract, note);
  }
  if (t == federation::kClearanceRecord) {
    RETURN_IF_ERROR(Members(e, {"cause", "clearance"}));
    ASSIGN_OR_RETURN(std::string cause, TextMember(e, "cause"));
    auto c = codec::ClearanceFromJson(*e.body.Get("clearance"), "clearance");
    if (!c.ok()) {
      return Status::InvalidArgument("the clearance.record message's clearance does not read: " +
                                     c.status().ToString());
    }
    RETURN_IF_ERROR(SubjectIs(e, c->id.value()));
    return ApplyPeerClearance(tx, peer.country, cause, *c, facts);
  }
  if (t == federation::kLedgerHead) {
    auto m = federation::HeadFromBody(e.body);
    if (!m.ok()) {
      return Status::InvalidArgument("the head message does not read: " + m.status().ToString());
    }
    RETURN_IF_ERROR(SubjectIs(e, m->head.head.node_id));
    ASSIGN_OR_RETURN(auto last, store::LastPeerHead(tx.conn(), peer.node_id));
    RETURN_IF_ERROR(federation::CheckPeerHead(last, *m, peer.node_id, peer.public_key));
    return store::InsertPeerHead(tx.conn(), {peer.node_id, m->head, tx.now().millis()});
  }
  return Status::InvalidArgument("no node applies messages of type " + t);
}

}  // namespace corridor::service
