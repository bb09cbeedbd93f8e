#include "ledger/merkle.hpp"

#include <algorithm>
#include <bit>

namespace corridor::ledger {
namespace {

// The largest power of two strictly smaller than n (n >= 2): RFC 6962's split point k.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

uint32_t Log2(uint64_t power_of_two) {
  return static_cast<uint32_t>(std::countr_zero(power_of_two));
}

Status NodeReadError(const Status& s, uint32_t level, uint64_t index) {
  return s.WithContext("stored node at level " + std::to_string(level) + ", index " +
                       std::to_string(index));
}

Result<Hash> ReadNode(NodeSource& nodes, uint32_t level, uint64_t index) {
  auto h = nodes.PerfectSubtree(level, index);
  if (!h.ok()) return NodeReadError(h.status(), level, index);
  return h;
}

// The hash of leaves [begin, end), a subtree of the RFC 6962 tree (begin is a multiple of the
// power of two at or above end - begin), folded from the perfect subtrees that make it up.
Result<Hash> RangeHash(uint64_t begin, uint64_t end, NodeSource& nodes) {
  Hash parts[64];
  int count = 0;
  uint64_t at = begin;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if (((end - begin) & width) == 0) continue;
    ASSIGN_OR_RETURN(parts[count], ReadNode(nodes, static_cast<uint32_t>(level), at >> level));
    ++count;
    at += width;
  }
  Hash h = parts[count - 1];
  for (int i = count - 2; i >= 0; --i) h = NodeHash(parts[i], h);
  return h;
}

}  // namespace

Hash LeafHash(std::span<const uint8_t> leaf_input) {
  crypto::Sha256Stream s;
  const uint8_t prefix = 0x00;
  s.Update(std::span<const uint8_t>(&prefix, 1));
  s.Update(leaf_input);
  return s.Finish();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  uint8_t buf[65];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 33);
  return crypto::Sha256(std::span<const uint8_t>(buf, sizeof buf));
}

Hash EmptyRoot() { return crypto::Sha256(std::string_view()); }

Hash RootOf(std::span<const Hash> leaf_hashes) {
  const size_t n = leaf_hashes.size();
  if (n == 0) return EmptyRoot();
  if (n == 1) return leaf_hashes[0];
  const size_t k = SplitPoint(n);
  return NodeHash(RootOf(leaf_hashes.subspan(0, k)), RootOf(leaf_hashes.subspan(k)));
}

std::string HashToHex(const Hash& h) { return HexEncode(h); }

Result<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 64) {
    return Status::InvalidArgument("a hash must be 64 hex digits, not " +
                                   std::to_string(hex.size()) + " characters");
  }
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Status::InvalidArgument("a hash must be written in lower-case hex digits");
    }
  }
  ASSIGN_OR_RETURN(Bytes bytes, HexDecode(hex));
  Hash h{};
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

// --- MemoryNodeSource ---

Status MemoryNodeSource::Put(const NodeRecord& node) {
  if (node.level >= 64) return Status::InvalidArgument("node level must be below 64");
  if (levels_.size() <= node.level) levels_.resize(node.level + 1);
  std::vector<Hash>& level = levels_[node.level];
  if (node.index < level.size()) {
    if (level[node.index] == node.hash) return Status::Ok();
    return Status::AlreadyExists("node at level " + std::to_string(node.level) + ", index " +
                                 std::to_string(node.index) +
                                 " is already stored with a different hash");
  }
  if (node.index > level.size()) {
    return Status::InvalidArgument("node at level " + std::to_string(node.level) + ", index " +
                                   std::to_string(node.index) + " leaves a gap after index " +
                                   std::to_string(level.size()));
  }
  level.push_back(node.hash);
  return Status::Ok();
}

Status MemoryNodeSource::PutAll(std::span<const NodeRecord> nodes) {
  for (const NodeRecord& n : nodes) RETURN_IF_ERROR(Put(n));
  return Status::Ok();
}

Status MemoryNodeSource::Replace(const NodeRecord& node) {
  if (node.level >= levels_.size() || node.index >= levels_[node.level].size()) {
    return Status::NotFound("no stored node at level " + std::to_string(node.level) + ", index " +
                            std::to_string(node.index));
  }
  levels_[node.level][node.index] = node.hash;
  return Status::Ok();
}

Result<Hash> MemoryNodeSource::PerfectSubtree(uint32_t level, uint64_t index) {
  ++reads_;
  if (level >= levels_.size() || index >= levels_[level].size()) {
    return Status::NotFound("no stored node at level " + std::to_string(level) + ", index " +
                            std::to_string(index));
  }
  return levels_[level][index];
}

size_t MemoryNodeSource::node_count() const {
  size_t n = 0;
  for (const auto& level : levels_) n += level.size();
  return n;
}

// --- CompactTree ---

Result<CompactTree> CompactTree::Restore(uint64_t size, NodeSource& nodes) {
  CompactTree tree;
  uint64_t at = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if ((size & width) == 0) continue;
    ASSIGN_OR_RETURN(Hash h, ReadNode(nodes, static_cast<uint32_t>(level), at >> level));
    tree.edge_.push_back(h);
    at += width;
  }
  tree.size_ = size;
  return tree;
}

void CompactTree::Append(const Hash& leaf_hash, std::vector<NodeRecord>* completed) {
  Hash h = leaf_hash;
  if (completed != nullptr) completed->push_back({0, size_, h});
  uint32_t level = 0;
  // Each trailing one-bit of the old size is a perfect subtree of the same height to our left.
  for (uint64_t s = size_; (s & 1) != 0; s >>= 1) {
    h = NodeHash(edge_.back(), h);
    edge_.pop_back();
    ++level;
    if (completed != nullptr) completed->push_back({level, size_ >> level, h});
  }
  edge_.push_back(h);
  ++size_;
}

Hash CompactTree::Root() const {
  if (edge_.empty()) return EmptyRoot();
  Hash h = edge_.back();
  for (size_t i = edge_.size() - 1; i-- > 0;) h = NodeHash(edge_[i], h);
  return h;
}

Result<Hash> RootFromNodes(uint64_t size, NodeSource& nodes) {
  if (size == 0) return EmptyRoot();
  return RangeHash(0, size, nodes);
}

// --- Proof generation: RFC 6962 §2.1.1 and §2.1.2, unrolled from the root downward ---

Result<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                         NodeSource& nodes) {
  if (leaf_index >= tree_size) {
    return Status::InvalidArgument("leaf " + std::to_string(leaf_index) +
                                   " is not in a tree of size " + std::to_string(tree_size));
  }
  std::vector<Hash> path;
  uint64_t begin = 0;
  uint64_t end = tree_size;
  while (end - begin > 1) {
    const uint64_t k = SplitPoint(end - begin);
    if (leaf_index < begin + k) {
      // The sibling is the right part, the only one that may not be a perfect subtree.
      ASSIGN_OR_RETURN(Hash h, RangeHash(begin + k, end, nodes));
      path.push_back(h);
      end = begin + k;
    } else {
      ASSIGN_OR_RETURN(Hash h, ReadNode(nodes, Log2(k), begin / k));
      path.push_back(h);
      begin += k;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                           NodeSource& nodes) {
  if (old_size > new_size) {
    return Status::InvalidArgument("old size " + std::to_string(old_size) +
                                   " is larger than new size " + std::to_string(new_size));
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  // SUBPROOF(m, D[begin:end], whole_old_tree) with m = old_size, kept as: begin < m <= end.
  uint64_t begin = 0;
  uint64_t end = new_size;
  bool whole_old_tree = true;  // the old tree's root is [0, m) itself: the verifier knows it
  while (old_size != end) {
    const uint64_t k = SplitPoint(end - begin);
    if (old_size <= begin + k) {
      ASSIGN_OR_RETURN(Hash h, RangeHash(begin + k, end, nodes));
      proof.push_back(h);
      end = begin + k;
    } else {
      ASSIGN_OR_RETURN(Hash h, ReadNode(nodes, Log2(k), begin / k));
      proof.push_back(h);
      begin += k;
      whole_old_tree = false;
    }
  }
  if (!whole_old_tree) {
    // [begin, old_size) is a perfect subtree: every step that shrank `end` made it a power of two.
    ASSIGN_OR_RETURN(Hash h, RangeHash(begin, end, nodes));
    proof.push_back(h);
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

// --- Verification: RFC 9162 §2.1.3.2 and §2.1.4.2 ---

size_t InclusionProofLength(uint64_t leaf_index, uint64_t tree_size) {
  if (leaf_index >= tree_size) return 0;
  size_t n = 0;
  uint64_t begin = 0;
  uint64_t end = tree_size;
  while (end - begin > 1) {
    const uint64_t k = SplitPoint(end - begin);
    if (leaf_index < begin + k) {
      end = begin + k;
    } else {
      begin += k;
    }
    ++n;
  }
  return n;
}

size_t ConsistencyProofLength(uint64_t old_size, uint64_t new_size) {
  if (old_size == 0 || old_size >= new_size) return 0;
  size_t n = 0;
  uint64_t begin = 0;
  uint64_t end = new_size;
  bool whole_old_tree = true;
  while (old_size != end) {
    const uint64_t k = SplitPoint(end - begin);
    if (old_size <= begin + k) {
      end = begin + k;
    } else {
      begin += k;
      whole_old_tree = false;
    }
    ++n;
  }
  return whole_old_tree ? n : n + 1;
}

Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  const std::string what =
      "leaf " + std::to_string(leaf_index) + " in a tree of size " + std::to_string(tree_size);
  if (leaf_index >= tree_size) {
    return Status::InvalidArgument("inclusion proof for " + what + ": no such leaf");
  }
  const size_t expected = InclusionProofLength(leaf_index, tree_size);
  if (proof.size() != expected) {
    return Status::InvalidArgument("inclusion proof for " + what + " has " +
                                   std::to_string(proof.size()) + " hashes, not " +
                                   std::to_string(expected));
  }
  uint64_t fn = leaf_index;
  uint64_t sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Status::InvalidArgument("inclusion proof for " + what + " is too long");
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::InvalidArgument("inclusion proof for " + what + " is too short");
  if (r != root) {
    return Status::DataLoss("inclusion proof for " + what + " does not lead to the given root");
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof) {
  const std::string what = "consistency proof from size " + std::to_string(old_size) + " to size " +
                           std::to_string(new_size);
  if (old_size > new_size) {
    return Status::InvalidArgument(what + ": the old size is larger than the new size");
  }
  if (old_size == new_size || old_size == 0) {
    if (!proof.empty()) {
      return Status::InvalidArgument(what + " must be empty, not " + std::to_string(proof.size()) +
                                     " hashes");
    }
    if (old_size == new_size && old_root != new_root) {
      return Status::DataLoss("two different roots for the same tree size " +
                              std::to_string(old_size));
    }
    if (old_size == 0 && old_root != EmptyRoot()) {
      return Status::DataLoss("the root of the empty tree must be SHA-256 of nothing");
    }
    return Status::Ok();
  }
  const size_t expected = ConsistencyProofLength(old_size, new_size);
  if (proof.size() != expected) {
    return Status::InvalidArgument(what + " has " + std::to_string(proof.size()) + " hashes, not " +
                                   std::to_string(expected));
  }
  // Step 2: when the old tree is a perfect subtree, its root is the first node of the path.
  const bool prepend = std::has_single_bit(old_size);
  auto node = [&](size_t i) -> const Hash& {
    if (prepend) return i == 0 ? old_root : proof[i - 1];
    return proof[i];
  };
  const size_t count = proof.size() + (prepend ? 1 : 0);
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = node(0);
  Hash sr = node(0);
  for (size_t i = 1; i < count; ++i) {
    const Hash& c = node(i);
    if (sn == 0) return Status::InvalidArgument(what + " is too long");
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::InvalidArgument(what + " is too short");
  if (fr != old_root) return Status::DataLoss(what + " does not lead to the old root");
  if (sr != new_root) return Status::DataLoss(what + " does not lead to the new root");
  return Status::Ok();
}

}  // namespace corridor::ledger
