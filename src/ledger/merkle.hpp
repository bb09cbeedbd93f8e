// The ledger's Merkle tree: RFC 6962 §2.1 hashing, a compact right-edge tree for appends, and
// inclusion and consistency proofs generated from stored perfect subtrees and verified as in
// RFC 9162 §2.1.3.2 and §2.1.4.2. The format (hashes, node numbering, proof forms, edge cases) is
// written down in docs/formats/ledger.md §2 and §4.
//
// A node is named by (level, index): the root of the perfect subtree over the 2^level leaves
// [index·2^level, (index+1)·2^level). Nodes never change once complete, so a store keeps every node
// CompactTree::Append reports, and everything else (roots of any past size, proofs) is computed
// from O(log n) of them.
//
// Thread-safety: free functions are pure. A CompactTree or MemoryNodeSource is a value for one
// thread at a time; NodeSource implementations say their own.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.hpp"
#include "core/status.hpp"
#include "crypto/crypto.hpp"

namespace corridor::ledger {

using Hash = crypto::Digest;  // 32 bytes

// SHA-256(0x00 || leaf_input).
Hash LeafHash(std::span<const uint8_t> leaf_input);
inline Hash LeafHash(std::string_view leaf_input) { return LeafHash(AsBytes(leaf_input)); }
// SHA-256(0x01 || left || right).
Hash NodeHash(const Hash& left, const Hash& right);
// SHA-256 of the empty string: the root of the tree with no leaves.
Hash EmptyRoot();
// The Merkle Tree Hash of RFC 6962 §2.1 over the given leaf hashes (reference, O(n) time).
Hash RootOf(std::span<const Hash> leaf_hashes);

// Lower-case hex, and its strict inverse (exactly 64 hex digits).
std::string HashToHex(const Hash& h);
Result<Hash> HashFromHex(std::string_view hex);

// A perfect subtree: level L, index I covers leaves [I·2^L, (I+1)·2^L). Level 0 is the leaf hash.
struct NodeRecord {
  uint32_t level = 0;
  uint64_t index = 0;
  Hash hash{};
  bool operator==(const NodeRecord&) const = default;
};

// Where proofs and restores read complete nodes from (the store, or memory).
class NodeSource {
 public:
  virtual ~NodeSource() = default;
  // The stored node; NotFound when the store does not hold it.
  virtual Result<Hash> PerfectSubtree(uint32_t level, uint64_t index) = 0;
};

// Every node of a tree, in memory: for tests and small tools. Counts reads, so tests can check
// that proofs touch only O(log n) nodes.
class MemoryNodeSource final : public NodeSource {
 public:
  // Stores a completed node. Nodes of one level arrive in index order; storing a node again with
  // the same hash is harmless, with a different hash it is refused (AlreadyExists), and a gap
  // in a level is refused (InvalidArgument).
  Status Put(const NodeRecord& node);
  Status PutAll(std::span<const NodeRecord> nodes);
  // Overwrites a stored node: only for tests that simulate tampering with a store.
  Status Replace(const NodeRecord& node);

  Result<Hash> PerfectSubtree(uint32_t level, uint64_t index) override;

  uint64_t reads() const { return reads_; }
  void ResetReads() { reads_ = 0; }
  size_t node_count() const;

 private:
  std::vector<std::vector<Hash>> levels_;
  uint64_t reads_ = 0;
};

// The right edge of the tree: one hash per one-bit of the size, so at most 64 hashes. Appends
// cost amortised O(1) hashes, the root O(log n).
//
// Invariant: edge_[i] is the perfect subtree for the i-th highest one-bit of size_, in order of
// decreasing level.
class CompactTree {
 public:
  CompactTree() = default;

  // Rebuilds the right edge of a tree of `size` leaves from stored nodes: popcount(size) reads.
  static Result<CompactTree> Restore(uint64_t size, NodeSource& nodes);

  uint64_t size() const { return size_; }

  // Appends a leaf hash. When `completed` is not null, appends to it every perfect subtree this
  // append completes, lowest level first: the leaf itself (level 0), then one node for each
  // trailing one-bit of the old size. The caller stores them.
  void Append(const Hash& leaf_hash, std::vector<NodeRecord>* completed);

  // The root of the tree; EmptyRoot() when it is empty.
  Hash Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> edge_;
};

// The root of the tree of `size` leaves from stored nodes (popcount(size) reads): the signed
// root of a past size can be recomputed without the events.
Result<Hash> RootFromNodes(uint64_t size, NodeSource& nodes);

// The audit path of RFC 6962 §2.1.1 for leaf `leaf_index` (from 0) in the tree of `tree_size`
// leaves, from the leaf upward. Reads at most 2·log2(tree_size) nodes.
Result<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                         NodeSource& nodes);
// The consistency proof of RFC 6962 §2.1.2 between the trees of `old_size` and `new_size` leaves.
// Empty when old_size is 0 or equal to new_size. Reads O(log new_size) nodes.
Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size, NodeSource& nodes);

// RFC 9162 §2.1.3.2. InvalidArgument when the index, size or proof length cannot fit together;
// DataLoss when the proof does not lead from the leaf hash to the root.
Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);
// RFC 9162 §2.1.4.2, plus the cases it leaves out (docs/formats/ledger.md §4): equal sizes need an
// empty proof and equal roots; old size 0 needs an empty proof and the empty root.
// InvalidArgument for sizes or a proof length that cannot fit; DataLoss when the roots do not
// follow from the proof.
Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof);

// The number of hashes a correct proof holds (0 where the proof is empty or the sizes invalid).
size_t InclusionProofLength(uint64_t leaf_index, uint64_t tree_size);
size_t ConsistencyProofLength(uint64_t old_size, uint64_t new_size);

}  // namespace corridor::ledger
