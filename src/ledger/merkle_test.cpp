#include "ledger/merkle.hpp"

#include <gtest/gtest.h>

#include <bit>

namespace corridor::ledger {
namespace {

// --- Reference definitions, written straight from RFC 6962 §2.1 (recursive, O(n)) ---

uint64_t RefSplit(uint64_t n) {  // the largest power of two smaller than n
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Hash RefMth(std::span<const Hash> d) {
  if (d.empty()) return EmptyRoot();
  if (d.size() == 1) return d[0];
  const uint64_t k = RefSplit(d.size());
  return NodeHash(RefMth(d.subspan(0, k)), RefMth(d.subspan(k)));
}

std::vector<Hash> RefPath(uint64_t m, std::span<const Hash> d) {
  if (d.size() == 1) return {};
  const uint64_t k = RefSplit(d.size());
  std::vector<Hash> out;
  if (m < k) {
    out = RefPath(m, d.subspan(0, k));
    out.push_back(RefMth(d.subspan(k)));
  } else {
    out = RefPath(m - k, d.subspan(k));
    out.push_back(RefMth(d.subspan(0, k)));
  }
  return out;
}

std::vector<Hash> RefSubproof(uint64_t m, std::span<const Hash> d, bool b) {
  const uint64_t n = d.size();
  if (m == n) {
    if (b) return {};
    return {RefMth(d)};
  }
  const uint64_t k = RefSplit(n);
  std::vector<Hash> out;
  if (m <= k) {
    out = RefSubproof(m, d.subspan(0, k), b);
    out.push_back(RefMth(d.subspan(k)));
  } else {
    out = RefSubproof(m - k, d.subspan(k), false);
    out.push_back(RefMth(d.subspan(0, k)));
  }
  return out;
}

std::vector<Hash> RefProof(uint64_t m, std::span<const Hash> d) { return RefSubproof(m, d, true); }

// Which side each path hash sits on, from the leaf up (true: the sibling is on the right).
std::vector<bool> RefDirections(uint64_t m, uint64_t n) {
  if (n == 1) return {};
  const uint64_t k = RefSplit(n);
  std::vector<bool> out = m < k ? RefDirections(m, k) : RefDirections(m - k, n - k);
  out.push_back(m < k);
  return out;
}

// The shape of SUBPROOF(m, D[n], b): 'N' for a subtree's own root, then for each appended sibling
// 'R' (it sits to the right) or 'L'. Equal shapes mean the verifier does the same hashing.
std::string RefConsistencyShape(uint64_t m, uint64_t n, bool b) {
  if (m == n) return b ? "" : "N";
  const uint64_t k = RefSplit(n);
  if (m <= k) return RefConsistencyShape(m, k, b) + "R";
  return RefConsistencyShape(m - k, n - k, false) + "L";
}

std::vector<Hash> Leaves(uint64_t n) {
  std::vector<Hash> out;
  for (uint64_t i = 0; i < n; ++i) out.push_back(LeafHash("leaf " + std::to_string(i)));
  return out;
}

// A tree built by appends, with every completed node stored.
struct StoredTree {
  CompactTree tree;
  MemoryNodeSource nodes;
  void Append(const Hash& h) {
    std::vector<NodeRecord> completed;
    tree.Append(h, &completed);
    ASSERT_TRUE(nodes.PutAll(completed).ok());
  }
};

Hash Flip(Hash h, int bit) {
  h[static_cast<size_t>(bit / 8) % 32] ^= static_cast<uint8_t>(1u << (bit % 8));
  return h;
}

TEST(MerkleTest, HashesFollowRfc6962) {
  EXPECT_EQ(HashToHex(EmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Leaf: SHA-256 of 0x00 || input; node: SHA-256 of 0x01 || left || right.
  const std::string leaf_input = "abc";
  EXPECT_EQ(LeafHash(leaf_input), crypto::Sha256(std::string("\0abc", 4)));
  const Hash a = LeafHash("a");
  const Hash b = LeafHash("b");
  std::string node_input = "\x01";
  node_input.append(reinterpret_cast<const char*>(a.data()), 32);
  node_input.append(reinterpret_cast<const char*>(b.data()), 32);
  EXPECT_EQ(NodeHash(a, b), crypto::Sha256(node_input));
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
  EXPECT_NE(LeafHash(""), EmptyRoot());
}

TEST(MerkleTest, HashHexIsStrict) {
  const Hash h = LeafHash("x");
  EXPECT_EQ(*HashFromHex(HashToHex(h)), h);
  EXPECT_FALSE(HashFromHex("abc").ok());
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')).ok());
  EXPECT_TRUE(HashFromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").ok());
  EXPECT_FALSE(
      HashFromHex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855").ok());
}

TEST(MerkleTest, CompactTreeMatchesReferenceAndReportsEveryCompletedNode) {
  const std::vector<Hash> leaves = Leaves(300);
  CompactTree tree;
  EXPECT_EQ(tree.Root(), EmptyRoot());
  size_t total_nodes = 0;
  for (uint64_t i = 0; i < leaves.size(); ++i) {
    std::vector<NodeRecord> completed;
    tree.Append(leaves[i], &completed);
    ASSERT_EQ(tree.size(), i + 1);
    ASSERT_EQ(tree.Root(), RefMth(std::span(leaves).first(i + 1))) << "size " << i + 1;
    // Exactly the perfect subtrees that end at the new size, lowest first.
    ASSERT_EQ(completed.size(), static_cast<size_t>(std::countr_one(i)) + 1) << i;
    for (uint32_t level = 0; level < completed.size(); ++level) {
      const NodeRecord& rec = completed[level];
      ASSERT_EQ(rec.level, level);
      ASSERT_EQ((rec.index + 1) << level, i + 1);
      ASSERT_EQ(rec.hash, RefMth(std::span(leaves).subspan(rec.index << level, 1ull << level)));
    }
    total_nodes += completed.size();
  }
  EXPECT_EQ(total_nodes, 2 * 300 - std::popcount(300u));
  // Passing no vector is allowed.
  CompactTree quiet;
  quiet.Append(leaves[0], nullptr);
  EXPECT_EQ(quiet.Root(), leaves[0]);
}

TEST(MerkleTest, RootOfMatchesReference) {
  const std::vector<Hash> leaves = Leaves(100);
  for (size_t n = 0; n <= leaves.size(); ++n) {
    EXPECT_EQ(RootOf(std::span(leaves).first(n)), RefMth(std::span(leaves).first(n)));
  }
}

TEST(MerkleTest, RestoreReadsOneNodePerOneBitAndContinues) {
  const std::vector<Hash> leaves = Leaves(260);
  StoredTree st;
  for (const Hash& h : leaves) st.Append(h);
  for (uint64_t size = 0; size <= 200; ++size) {
    st.nodes.ResetReads();
    auto restored = CompactTree::Restore(size, st.nodes);
    ASSERT_TRUE(restored.ok()) << restored.status().ToString();
    EXPECT_EQ(st.nodes.reads(), static_cast<uint64_t>(std::popcount(size)));
    EXPECT_EQ(restored->size(), size);
    EXPECT_EQ(restored->Root(), RefMth(std::span(leaves).first(size)));
    EXPECT_EQ(*RootFromNodes(size, st.nodes), restored->Root());
    // Appending to the restored tree continues the same tree.
    for (uint64_t j = size; j < size + 60; ++j) restored->Append(leaves[j], nullptr);
    EXPECT_EQ(restored->Root(), RefMth(std::span(leaves).first(size + 60)));
  }
  auto beyond = CompactTree::Restore(261, st.nodes);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.status().code(), Code::kNotFound);
}

TEST(MerkleTest, MemoryNodeSourceIsAppendOnly) {
  MemoryNodeSource nodes;
  const Hash a = LeafHash("a");
  const Hash b = LeafHash("b");
  EXPECT_TRUE(nodes.Put({0, 0, a}).ok());
  EXPECT_TRUE(nodes.Put({0, 0, a}).ok());  // again, same hash
  EXPECT_EQ(nodes.Put({0, 0, b}).code(), Code::kAlreadyExists);
  EXPECT_EQ(nodes.Put({0, 2, b}).code(), Code::kInvalidArgument);
  EXPECT_EQ(nodes.Put({64, 0, b}).code(), Code::kInvalidArgument);
  EXPECT_EQ(nodes.PerfectSubtree(0, 1).status().code(), Code::kNotFound);
  EXPECT_EQ(nodes.PerfectSubtree(5, 0).status().code(), Code::kNotFound);
  EXPECT_TRUE(nodes.Replace({0, 0, b}).ok());
  EXPECT_EQ(*nodes.PerfectSubtree(0, 0), b);
  EXPECT_EQ(nodes.Replace({0, 1, b}).code(), Code::kNotFound);
  EXPECT_EQ(nodes.node_count(), 1u);
}

// For every tree size 1..70 and every leaf and every pair of sizes: proofs from stored nodes equal
// the reference definitions and verify; a flipped bit, another index or another size fails.
TEST(MerkleTest, ProofsEqualReferenceAndVerifyForAllSmallTrees) {
  constexpr uint64_t kMax = 70;
  const std::vector<Hash> leaves = Leaves(kMax + 2);
  StoredTree st;
  for (uint64_t i = 0; i < kMax; ++i) st.Append(leaves[i]);
  std::vector<Hash> roots(kMax + 1);
  for (uint64_t n = 0; n <= kMax; ++n) roots[n] = RefMth(std::span(leaves).first(n));

  int size_coincidences = 0;
  for (uint64_t n = 1; n <= kMax; ++n) {
    const auto d = std::span(leaves).first(n);
    for (uint64_t m = 0; m < n; ++m) {
      auto proof = InclusionProof(m, n, st.nodes);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, RefPath(m, d)) << "leaf " << m << " size " << n;
      ASSERT_EQ(proof->size(), InclusionProofLength(m, n));
      ASSERT_TRUE(VerifyInclusion(m, n, leaves[m], *proof, roots[n]).ok()) << m << "/" << n;
      for (size_t j = 0; j < proof->size(); ++j) {
        std::vector<Hash> bad = *proof;
        bad[j] = Flip(bad[j], static_cast<int>((j * 37 + m) % 256));
        ASSERT_EQ(VerifyInclusion(m, n, leaves[m], bad, roots[n]).code(), Code::kDataLoss);
      }
      ASSERT_FALSE(VerifyInclusion(m, n, Flip(leaves[m], 3), *proof, roots[n]).ok());
      ASSERT_FALSE(VerifyInclusion(m, n, leaves[m], *proof, Flip(roots[n], 200)).ok());
      for (uint64_t other = 0; other < n; ++other) {
        if (other == m) continue;
        ASSERT_FALSE(VerifyInclusion(other, n, leaves[m], *proof, roots[n]).ok()) << m << n;
        ASSERT_FALSE(VerifyInclusion(other, n, leaves[other], *proof, roots[n]).ok());
      }
      // Another size fails, except where the path has the very same shape: a proof does not bind
      // the tree size by itself (the signed tree head does).
      for (uint64_t other = m + 1; other <= 2 * n + 2; ++other) {
        if (other == n) continue;
        const bool same_shape = RefDirections(m, other) == RefDirections(m, n);
        ASSERT_EQ(VerifyInclusion(m, other, leaves[m], *proof, roots[n]).ok(), same_shape)
            << "leaf " << m << " size " << n << " claimed size " << other;
        size_coincidences += same_shape ? 1 : 0;
      }
    }
    ASSERT_FALSE(InclusionProof(n, n, st.nodes).ok());

    for (uint64_t m = 0; m <= n; ++m) {
      auto proof = ConsistencyProof(m, n, st.nodes);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      if (m > 0) {
        ASSERT_EQ(*proof, RefProof(m, d)) << "sizes " << m << " -> " << n;
      } else {
        ASSERT_TRUE(proof->empty());
      }
      ASSERT_EQ(proof->size(), ConsistencyProofLength(m, n));
      ASSERT_TRUE(VerifyConsistency(m, n, roots[m], roots[n], *proof).ok()) << m << "->" << n;
      for (size_t j = 0; j < proof->size(); ++j) {
        std::vector<Hash> bad = *proof;
        bad[j] = Flip(bad[j], static_cast<int>((j * 53 + m) % 256));
        ASSERT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], bad).ok()) << m << "->" << n;
      }
      ASSERT_FALSE(VerifyConsistency(m, n, Flip(roots[m], 1), roots[n], *proof).ok());
      // (From the empty tree, any new root is consistent: there is nothing to check.)
      ASSERT_EQ(VerifyConsistency(m, n, roots[m], Flip(roots[n], 9), *proof).ok(), m == 0);
      // Claimed sizes other than the true ones: the proof computes the true roots only when the
      // shape is the same, and never the roots of the claimed sizes.
      if (m == 0 || m == n) continue;
      const std::string shape = RefConsistencyShape(m, n, true);
      for (uint64_t other = 1; other < n; ++other) {
        if (other == m) continue;
        const bool same_shape = RefConsistencyShape(other, n, true) == shape;
        ASSERT_EQ(VerifyConsistency(other, n, roots[m], roots[n], *proof).ok(), same_shape)
            << "sizes " << m << " -> " << n << " claimed old size " << other;
        ASSERT_FALSE(VerifyConsistency(other, n, roots[other], roots[n], *proof).ok())
            << "sizes " << m << " -> " << n << " claimed old size " << other;
        size_coincidences += same_shape ? 1 : 0;
      }
      for (uint64_t other = m + 1; other <= kMax; ++other) {
        if (other == n) continue;
        const bool same_shape = RefConsistencyShape(m, other, true) == shape;
        ASSERT_EQ(VerifyConsistency(m, other, roots[m], roots[n], *proof).ok(), same_shape)
            << "sizes " << m << " -> " << n << " claimed new size " << other;
        ASSERT_FALSE(VerifyConsistency(m, other, roots[m], roots[other], *proof).ok())
            << "sizes " << m << " -> " << n << " claimed new size " << other;
        size_coincidences += same_shape ? 1 : 0;
      }
    }
  }
  EXPECT_GT(size_coincidences, 0);
}

// A node source that makes up a hash for any node and counts reads: lets the read bound be
// checked for trees far larger than memory.
class SyntheticNodes final : public NodeSource {
 public:
  Result<Hash> PerfectSubtree(uint32_t level, uint64_t index) override {
    ++reads;
    return LeafHash(std::to_string(level) + "/" + std::to_string(index));
  }
  uint64_t reads = 0;
};

TEST(MerkleTest, ProofsReadOnlyLogarithmicallyManyNodes) {
  SyntheticNodes nodes;
  const uint64_t sizes[] = {1,    2, 3, 1000, 1'000'000, (1ull << 40) + 12345, (1ull << 62) + 7,
                            ~0ull};
  for (uint64_t n : sizes) {
    const uint64_t indexes[] = {0, n / 3, n / 2, n - 1};
    for (uint64_t m : indexes) {
      nodes.reads = 0;
      auto proof = InclusionProof(m, n, nodes);
      ASSERT_TRUE(proof.ok());
      EXPECT_EQ(proof->size(), InclusionProofLength(m, n));
      EXPECT_LE(nodes.reads, 2u * 64u) << m << "/" << n;
      EXPECT_LE(nodes.reads, proof->size() + 64u);
      if (m == 0) continue;
      nodes.reads = 0;
      auto consistency = ConsistencyProof(m, n, nodes);
      ASSERT_TRUE(consistency.ok());
      EXPECT_EQ(consistency->size(), ConsistencyProofLength(m, n));
      EXPECT_LE(nodes.reads, 2u * 64u + 1) << m << "->" << n;
    }
  }
}

TEST(MerkleTest, VerificationRefusesImpossibleArguments) {
  const Hash h = LeafHash("x");
  const std::vector<Hash> none;
  Status s = VerifyInclusion(0, 0, h, none, EmptyRoot());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "inclusion proof for leaf 0 in a tree of size 0: no such leaf");
  EXPECT_EQ(VerifyInclusion(5, 5, h, none, h).code(), Code::kInvalidArgument);
  EXPECT_TRUE(VerifyInclusion(0, 1, h, none, h).ok());
  EXPECT_EQ(VerifyInclusion(0, 1, h, none, LeafHash("y")).code(), Code::kDataLoss);
  s = VerifyInclusion(0, 2, h, none, h);
  EXPECT_EQ(s.message(), "inclusion proof for leaf 0 in a tree of size 2 has 0 hashes, not 1");
  const std::vector<Hash> one = {h};
  EXPECT_EQ(VerifyInclusion(0, 1, h, one, h).code(), Code::kInvalidArgument);

  EXPECT_EQ(VerifyConsistency(2, 1, h, h, none).code(), Code::kInvalidArgument);
  EXPECT_TRUE(VerifyConsistency(3, 3, h, h, none).ok());
  EXPECT_EQ(VerifyConsistency(3, 3, h, LeafHash("y"), none).code(), Code::kDataLoss);
  EXPECT_EQ(VerifyConsistency(3, 3, h, h, one).code(), Code::kInvalidArgument);
  EXPECT_TRUE(VerifyConsistency(0, 5, EmptyRoot(), h, none).ok());
  EXPECT_TRUE(VerifyConsistency(0, 0, EmptyRoot(), EmptyRoot(), none).ok());
  EXPECT_EQ(VerifyConsistency(0, 5, h, h, none).code(), Code::kDataLoss);
  EXPECT_EQ(VerifyConsistency(0, 5, EmptyRoot(), h, one).code(), Code::kInvalidArgument);
  s = VerifyConsistency(1, 2, h, h, none);
  EXPECT_EQ(s.message(), "consistency proof from size 1 to size 2 has 0 hashes, not 1");
  EXPECT_EQ(ConsistencyProofLength(3, 2), 0u);
  EXPECT_EQ(InclusionProofLength(3, 2), 0u);

  MemoryNodeSource empty;
  EXPECT_EQ(ConsistencyProof(3, 2, empty).status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(ConsistencyProof(0, 2, empty)->empty());
  EXPECT_TRUE(ConsistencyProof(2, 2, empty)->empty());
  auto missing = InclusionProof(0, 2, empty);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "stored node at level 0, index 1: no stored node at level 0, index 1");
}

}  // namespace
}  // namespace corridor::ledger
