#include "store/outbound.hpp"

#include "codec/clearance.hpp"
#include "codec/codec.hpp"
#include "federation/envelope.hpp"
#include "federation/routing.hpp"
#include "store/clearance_store.hpp"

namespace corridor::store {
namespace {

using domain::EventType;
using federation::Address;
using federation::RouteFacts;

// The message's body and the facts its route's audience needs, read from the records in `tx`.
struct Outgoing {
  RouteFacts facts;
  std::string subject;
  json::Value body;
};

Status ContractFacts(const domain::Contract& c, RouteFacts& f) {
  f.origin_country = c.terms.origin_country;
  f.destination_country = c.terms.destination_country;
  return Status::Ok();
}

// Builds what crosses for the message type of the route. nullopt: nothing to send.
Result<std::optional<Outgoing>> Build(WriteTx& tx, std::string_view message,
                                      const ledger::Event& e) {
  Outgoing out;
  out.facts.node_country = tx.node().country;
  out.subject = e.subject;
  json::Object body;
  if (message == federation::kAgencyRecord) {
    ASSIGN_OR_RETURN(auto ag, tx.GetAgency(AgencyId(e.subject)));
    out.facts.record_country = ag.country;
    body.Set("agency", codec::ToJson(ag));
  } else if (message == federation::kEmployerRecord) {
    ASSIGN_OR_RETURN(auto emp, tx.GetEmployer(EmployerId(e.subject)));
    out.facts.record_country = emp.country;
    body.Set("employer", codec::ToJson(emp));
  } else if (message == federation::kJobOrderRecord) {
    ASSIGN_OR_RETURN(auto j, tx.GetJobOrder(JobOrderId(e.subject)));
    out.facts.record_country = j.country;
    if (!j.agency || j.country != out.facts.node_country) return std::optional<Outgoing>();
    ASSIGN_OR_RETURN(auto ag, tx.GetAgency(*j.agency));
    out.facts.agency_country = ag.country;
    ASSIGN_OR_RETURN(auto emp, tx.GetEmployer(j.employer));
    body.Set("job_order", codec::ToJson(j));
    body.Set("employer", codec::ToJson(emp));
  } else if (message == federation::kContractUpdate) {
    ASSIGN_OR_RETURN(auto c, tx.GetContract(ContractId(e.subject)));
    RETURN_IF_ERROR(ContractFacts(c, out.facts));
    ASSIGN_OR_RETURN(auto worker, tx.GetWorker(c.terms.worker));
    ASSIGN_OR_RETURN(auto emp, tx.GetEmployer(c.terms.employer));
    body.Set("cause", e.type);
    body.Set("contract", codec::ToJson(c));
    body.Set("worker", federation::MinimisedWorker(worker));
    body.Set("employer", codec::ToJson(emp));
    if (c.terms.agency) {
      ASSIGN_OR_RETURN(auto ag, tx.GetAgency(*c.terms.agency));
      body.Set("agency", codec::ToJson(ag));
    } else {
      body.Set("agency", nullptr);
    }
  } else if (message == federation::kContractSubstitution) {
    ASSIGN_OR_RETURN(auto c, tx.GetContract(ContractId(e.subject)));
    RETURN_IF_ERROR(ContractFacts(c, out.facts));
    out.body = e.data;
    return std::optional<Outgoing>(std::move(out));
  } else if (message == federation::kPermitRecord) {
    ASSIGN_OR_RETURN(auto p, tx.GetPermit(PermitId(e.subject)));
    ASSIGN_OR_RETURN(auto c, tx.GetContract(p.contract));
    RETURN_IF_ERROR(ContractFacts(c, out.facts));
    body.Set("cause", e.type);
    body.Set("permit", codec::ToJson(p));
  } else if (message == federation::kTransferRecord) {
    ASSIGN_OR_RETURN(auto t, tx.GetTransfer(TransferId(e.subject)));
    ASSIGN_OR_RETURN(auto w, tx.GetWorker(t.worker));
    out.facts.worker_country = w.nationality;
    body.Set("cause", e.type);
    body.Set("transfer", codec::ToJson(t));
  } else if (message == federation::kExitRecord) {
    ASSIGN_OR_RETURN(auto n, tx.GetExitNotice(NoticeId(e.subject)));
    ASSIGN_OR_RETURN(auto w, tx.GetWorker(n.worker));
    out.facts.worker_country = w.nationality;
    if (w.nationality == out.facts.node_country && n.contract) {
      ASSIGN_OR_RETURN(auto c, tx.GetContract(*n.contract));
      RETURN_IF_ERROR(ContractFacts(c, out.facts));
    }
    body.Set("notice", codec::ToJson(n));
    body.Set("worker", federation::MinimisedWorker(w));
  } else if (message == federation::kWageAlert) {
    // Wage events are about an employer or a worker; the alert crosses for the contract named.
    const json::Value* contract = e.data.Get("contract");
    if (contract == nullptr || !contract->is_string()) return std::optional<Outgoing>();
    ASSIGN_OR_RETURN(auto c, tx.GetContract(ContractId(contract->AsString())));
    RETURN_IF_ERROR(ContractFacts(c, out.facts));
    out.subject = c.id.value();
    body.Set("alert", e.type);
    body.Set("contract", c.id.value());
    body.Set("worker", c.terms.worker.value());
    body.Set("data", e.data);
  } else if (message == federation::kClearanceRecord) {
    // The destination learns that the clearance exists and whether it holds: its crossing form,
    // without the passport and the evidence (docs/formats/clearance.md §4).
    ASSIGN_OR_RETURN(auto c, GetClearance(tx, domain::ClearanceId(e.subject)));
    out.facts.origin_country = c.origin_country;
    out.facts.destination_country = c.destination_country;
    body.Set("cause", e.type);
    body.Set("clearance", codec::ToJson(domain::CrossingForm(std::move(c))));
  } else {
    return Status::Internal("no body is built for message type " + std::string(message));
  }
  out.body = json::Value(std::move(body));
  return std::optional<Outgoing>(std::move(out));
}

}  // namespace

Status QueueMessage(WriteTx& tx, const PeerRow& peer, std::string_view type,
                    const std::string& subject, const json::Value& body) {
  ASSIGN_OR_RETURN(uint64_t seq, TakeOutSeq(tx.conn(), peer.node_id));
  OutboxRow row;
  row.peer = peer.node_id;
  row.seq = seq;
  row.type = std::string(type);
  row.subject = subject;
  row.body = json::Canonical(body);
  row.body_digest = federation::BodyDigest(body);
  row.created_ms = tx.now().millis();
  RETURN_IF_ERROR(InsertOutbox(tx.conn(), row));
  if (type == federation::kLedgerHead) return Status::Ok();
  json::Object data;
  data.Set("peer", peer.node_id);
  data.Set("seq", seq);
  data.Set("type", std::string(type));
  data.Set("body_digest", row.body_digest);
  return tx.Record(EventType::kFederationQueued, subject, std::move(data));
}

Status QueueOutbound(WriteTx& tx, domain::EventType type, const ledger::Event& event) {
  const auto route = federation::RouteOf(type);
  if (!route) return Status::Ok();
  ASSIGN_OR_RETURN(auto peers, ListPeers(tx.conn()));
  if (peers.empty()) return Status::Ok();  // a node without peers sends nothing
  ASSIGN_OR_RETURN(auto out, Build(tx, route->message, event));
  if (!out) return Status::Ok();
  const Address to = federation::AddressOf(*route, out->facts);
  switch (to.kind) {
    case Address::Kind::kNobody:
      return Status::Ok();
    case Address::Kind::kEveryPeer: {
      for (const auto& p : peers) {
        RETURN_IF_ERROR(QueueMessage(tx, p, route->message, out->subject, out->body));
      }
      return Status::Ok();
    }
    case Address::Kind::kCountry: {
      ASSIGN_OR_RETURN(auto peer, FindPeerByCountry(tx.conn(), to.country));
      if (!peer) return Status::Ok();  // no corridor with that country: nothing crosses
      return QueueMessage(tx, *peer, route->message, out->subject, out->body);
    }
  }
  return Status::Ok();
}

}  // namespace corridor::store
