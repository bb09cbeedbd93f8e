// One stored record checked against the ledger where the node serves it or builds on it
// (docs/formats/ledger.md §7): the contract read, its printable document and the public check
// ask before presenting a contract as attested or authenticated, and every update of a table of
// documents asks before it overwrites a record, so that a record edited behind the node's back is
// neither served as authentic nor laundered into the ledger by the next legitimate change.
//
// The check reads the event the record's ledger_idx names and the later events about the record,
// so it costs two indexed reads; it trusts those events' bytes as stored, which the full audit
// (state_audit.hpp) checks against the signed tree heads.
//
// Thread-safety: within the transaction of the calling thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "ledger/event.hpp"
#include "store/documents.hpp"
#include "store/store.hpp"

namespace corridor::store {

// A row of a table of documents as it was read.
struct StoredDocument {
  std::string_view doc;
  std::optional<int64_t> ledger_idx;
  Columns columns;  // the columns it is found by, as stored (DocumentTable::columns)
};

struct RecordCheck {
  bool ok = true;
  // When not ok, what disagrees, by column names and event indexes, never a value:
  // "the stored document is not the one event 41 recorded".
  std::string problem;
};

// The digest of a contract's terms that an event recorded (version 1 or 2): the "digest" in the
// data of the contract events domain::CarriesContractDigest lists, and of a federation.received
// that applied a contract.update; nullopt for any other event.
std::optional<crypto::Digest> RecordedTermsDigest(const ledger::Event& e);

// Checks the record `id` of `table` as read (`row`): its document against the hash the event at
// its ledger_idx carries, that no later event about it carries another, the columns it is found
// by against its document, and a contract's terms against the digest the ledger recorded (for
// a record last changed before record hashes, the last digest its version 1 events recorded).
Result<RecordCheck> CheckStoredDocument(ReadTx& tx, const DocumentTable& table, std::string_view id,
                                        const StoredDocument& row);

// CheckStoredDocument of a contract as ReadTx::GetContractDocument read it.
Result<RecordCheck> CheckContract(ReadTx& tx, const ContractId& id,
                                  const ReadTx::StoredContract& c);

}  // namespace corridor::store
