// Queuing federation messages inside the write that causes them (docs/formats/federation.md §3,
// §6): the outbox row, its sequence number and the ledger event federation.queued are written in
// the transaction of the change, so a message is sent exactly when its change committed, across
// crashes of either side.
//
// Which events cross, as which message and to whom, is federation's pure routing table
// (federation/routing.hpp); here the store reads the records the message carries and writes the
// rows. WriteTx::Record calls QueueOutbound for every event of a local change (Origin::kLocal);
// nothing here calls up into the service layer.
//
// Thread-safety: within the WriteTx of the calling thread.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "domain/events.hpp"
#include "json/json.hpp"
#include "ledger/event.hpp"
#include "store/federation_store.hpp"
#include "store/store.hpp"

namespace corridor::store {

// Queues the message that `event` (just appended, of `type`) routes to, if any.
Status QueueOutbound(WriteTx& tx, domain::EventType type, const ledger::Event& event);

// Queues one message to `peer` in `tx`: the next sequence number, the outbox row, and (for every
// message but a ledger head) the ledger event federation.queued.
Status QueueMessage(WriteTx& tx, const PeerRow& peer, std::string_view type,
                    const std::string& subject, const json::Value& body);

}  // namespace corridor::store
