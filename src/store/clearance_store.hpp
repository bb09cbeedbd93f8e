// Departure clearance's records in the store (docs/formats/clearance.md, schema migration 8):
// orientation completions and medical fitness records by worker, insurance policies by contract,
// clearances by contract, worker and passport.
//
// Free functions over the transaction the caller holds: writes go through Store::Write and
// WriteTx::InsertDocument/UpdateDocument (tables of documents, store/documents.hpp; ledger_idx
// from migration 12), with their ledger events recorded by the caller after them in the same
// transaction; reads through Store::Read.
// Lists hold at most 100 records: a worker has a handful of each, never more.
// Thread-safety: as the transaction they are given (one thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/clearance.hpp"
#include "store/documents.hpp"
#include "store/record_check.hpp"
#include "store/store.hpp"

namespace corridor::store {

Status InsertOrientation(WriteTx& tx, const domain::OrientationCompletion& o);
// The worker's completions, latest completion date first (recorded later first on the same day).
Result<std::vector<domain::OrientationCompletion>> ListOrientations(ReadTx& tx,
                                                                    const WorkerId& worker);

// The completion written from a training certificate, if any.
Result<std::optional<domain::OrientationCompletion>> OrientationForCertificate(
    ReadTx& tx, const CertificateId& certificate);

Status InsertInsurance(WriteTx& tx, const domain::InsurancePolicy& p);
// The policies recorded for the contract, most recently recorded first.
Result<std::vector<domain::InsurancePolicy>> ListInsurance(ReadTx& tx, const ContractId& contract);

Status InsertMedical(WriteTx& tx, const domain::MedicalFitness& m);
// The worker's examinations, latest examination first (recorded later first on the same day).
Result<std::vector<domain::MedicalFitness>> ListMedical(ReadTx& tx, const WorkerId& worker);

// Refuses an id stored already (AlreadyExists).
Status InsertClearance(WriteTx& tx, const domain::Clearance& c);
Status UpdateClearance(WriteTx& tx, const domain::Clearance& c);
Result<domain::Clearance> GetClearance(ReadTx& tx, const domain::ClearanceId& id);
// The clearance issued last for the contract, if any.
Result<std::optional<domain::Clearance>> LatestClearanceForContract(ReadTx& tx,
                                                                    const ContractId& contract);
// The clearance issued last for the passport (its issuing state and number), if any.
Result<std::optional<domain::Clearance>> LatestClearanceForPassport(ReadTx& tx,
                                                                    std::string_view issuing_state,
                                                                    std::string_view number);

// A clearance's row as stored, for the check against the ledger (record_check.hpp) before it is
// presented as a document or publicly: its document's bytes, ledger_idx and the columns it is
// found by, and from those the parties the need-to-know rule reads.
struct StoredClearance {
  std::string doc;
  std::optional<int64_t> ledger_idx;
  Columns columns;
  WorkerId worker;
  std::string origin_country;
  std::string destination_country;
};
Result<std::optional<StoredClearance>> GetStoredClearance(ReadTx& tx,
                                                          const domain::ClearanceId& id);
// CheckStoredDocument of a clearance as GetStoredClearance read it.
Result<RecordCheck> CheckClearance(ReadTx& tx, const domain::ClearanceId& id,
                                   const StoredClearance& c);

struct ClearanceFilter {
  std::optional<ContractId> contract;
  std::optional<WorkerId> worker;
  std::string origin_country;       // "" for any
  std::string destination_country;  // "" for any
};
// By id, keyset-paged.
Result<std::vector<domain::Clearance>> ListClearances(ReadTx& tx, const ClearanceFilter& f,
                                                      const Page& page);

// A contract that may be cleared for departure (attested, or authenticated and not yet started)
// with the clearance issued last for it, if any: a candidate of the origin officer's queue.
struct ClearanceCandidate {
  domain::Contract contract;
  std::optional<domain::Clearance> latest;
};
// The contracts of `origin` in state attested or authenticated, by id, keyset-paged, each with
// its latest clearance (read in the same statement).
Result<std::vector<ClearanceCandidate>> ListClearanceCandidates(ReadTx& tx, std::string_view origin,
                                                                const Page& page);

}  // namespace corridor::store
