// The RFC 6962 test vectors published with the Certificate Transparency reference code, read as
// data from the Debian package golang-github-google-certificate-transparency-dev (installed by
// scripts/bootstrap --test): the C++ test file holds them as C initializers, and the Go test of
// the tree hasher adds leaf and node hash vectors. A small tokenizer extracts the quoted hex
// strings and integers of each named initializer; nothing is copied into this file.
//
// The C++ vectors number leaves from 1 (leaf 1 is the first leaf); ours number them from 0.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <variant>

#include "ledger/merkle.hpp"

namespace corridor::ledger {
namespace {

constexpr char kCtRoot[] = "/usr/share/gocode/src/github.com/google/certificate-transparency";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A token of an initializer: a quoted string or an integer.
using Token = std::variant<std::string, int64_t>;

// The tokens between the braces that follow `marker` (the first '{' after it, to its matching
// '}'), skipping comments. Empty when the marker is not found.
std::vector<Token> InitializerTokens(const std::string& text, const std::string& marker) {
  std::vector<Token> out;
  size_t pos = text.find(marker);
  if (pos == std::string::npos) return out;
  pos = text.find('{', pos + marker.size());
  if (pos == std::string::npos) return out;
  int depth = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
      continue;
    }
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) break;
    } else if (c == '"') {
      const size_t end = text.find('"', i + 1);
      out.emplace_back(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (c >= '0' && c <= '9') {
      // A number, unless it is part of an identifier such as kSHA256.
      const bool in_identifier =
          i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_');
      size_t end = i;
      while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
      if (!in_identifier) out.emplace_back(std::stoll(text.substr(i, end - i)));
      i = end - 1;
    }
  }
  return out;
}

std::string Str(const Token& t) { return std::get<std::string>(t); }
int64_t Int(const Token& t) { return std::get<int64_t>(t); }

Bytes Unhex(const std::string& hex) {
  auto b = HexDecode(hex);
  EXPECT_TRUE(b.ok()) << hex;
  return b.ok() ? *b : Bytes{};
}

Hash UnhexHash(const std::string& hex) {
  auto h = HashFromHex(hex);
  EXPECT_TRUE(h.ok()) << hex;
  return h.ok() ? *h : Hash{};
}

class CtVectorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = std::string(kCtRoot) + "/cpp/merkletree/merkle_tree_test.cc";
    text_ = ReadFile(path);
    ASSERT_FALSE(text_.empty()) << path
                                << " is missing: install the test dependencies with "
                                   "scripts/bootstrap --test";
    // kInputs: {"hex", length} pairs.
    const auto inputs = InitializerTokens(text_, "kInputs[");
    ASSERT_EQ(inputs.size() % 2, 0u);
    for (size_t i = 0; i < inputs.size(); i += 2) {
      Bytes b = Unhex(Str(inputs[i]));
      ASSERT_EQ(static_cast<int64_t>(b.size()), Int(inputs[i + 1]));
      leaves_.push_back(b);
    }
    ASSERT_EQ(leaves_.size(), 8u);
    const auto roots = InitializerTokens(text_, "kSHA256Roots[");
    for (size_t i = 0; i < roots.size(); i += 2) roots_.push_back(UnhexHash(Str(roots[i])));
    ASSERT_EQ(roots_.size(), 8u);
    for (const Bytes& b : leaves_) leaf_hashes_.push_back(LeafHash(b));
    for (const Hash& h : leaf_hashes_) {
      std::vector<NodeRecord> completed;
      tree_.Append(h, &completed);
      ASSERT_TRUE(nodes_.PutAll(completed).ok());
    }
  }

  // Entries of the form {a, b, length, {{"hex", n}, {"hex", n}, {"hex", n}}}.
  struct Vector {
    int64_t a;
    int64_t b;
    std::vector<Hash> hashes;
  };
  std::vector<Vector> Vectors(const std::string& name) {
    const auto tokens = InitializerTokens(text_, name);
    std::vector<Vector> out;
    EXPECT_EQ(tokens.size() % 9, 0u) << name;
    for (size_t i = 0; i + 9 <= tokens.size(); i += 9) {
      Vector v{Int(tokens[i]), Int(tokens[i + 1]), {}};
      const int64_t length = Int(tokens[i + 2]);
      for (int64_t j = 0; j < length; ++j) {
        v.hashes.push_back(UnhexHash(Str(tokens[i + 3 + 2 * static_cast<size_t>(j)])));
      }
      out.push_back(v);
    }
    return out;
  }

  std::string text_;
  std::vector<Bytes> leaves_;
  std::vector<Hash> leaf_hashes_;
  std::vector<Hash> roots_;
  CompactTree tree_;
  MemoryNodeSource nodes_;
};

TEST_F(CtVectorsTest, EmptyTreeHash) {
  const auto tokens = InitializerTokens(text_, "kSHA256EmptyTreeHash");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(HashToHex(EmptyRoot()), Str(tokens[0]));
  EXPECT_EQ(RootOf({}), EmptyRoot());
}

TEST_F(CtVectorsTest, RootsAfterEachLeaf) {
  CompactTree tree;
  for (size_t i = 0; i < leaf_hashes_.size(); ++i) {
    tree.Append(leaf_hashes_[i], nullptr);
    EXPECT_EQ(HashToHex(tree.Root()), HashToHex(roots_[i])) << "size " << i + 1;
    EXPECT_EQ(RootOf(std::span(leaf_hashes_).first(i + 1)), roots_[i]);
    EXPECT_EQ(*RootFromNodes(i + 1, nodes_), roots_[i]);
  }
}

TEST_F(CtVectorsTest, InclusionPaths) {
  const auto vectors = Vectors("kSHA256Paths[");
  ASSERT_EQ(vectors.size(), 6u);
  for (const Vector& v : vectors) {
    const int64_t leaf = v.a;  // 1-based
    const int64_t size = v.b;
    if (leaf == 0 || size == 0) {
      // The vectors' "no path" case: there is no leaf 0 (1-based) and no tree of size 0.
      EXPECT_TRUE(v.hashes.empty());
      EXPECT_FALSE(InclusionProof(0, 0, nodes_).ok());
      continue;
    }
    const auto index = static_cast<uint64_t>(leaf - 1);
    const auto tree_size = static_cast<uint64_t>(size);
    auto path = InclusionProof(index, tree_size, nodes_);
    ASSERT_TRUE(path.ok()) << path.status().ToString();
    EXPECT_EQ(*path, v.hashes) << "leaf " << leaf << " of " << size;
    EXPECT_TRUE(
        VerifyInclusion(index, tree_size, leaf_hashes_[index], v.hashes, roots_[tree_size - 1])
            .ok())
        << "leaf " << leaf << " of " << size;
  }
}

TEST_F(CtVectorsTest, ConsistencyProofs) {
  const auto vectors = Vectors("kSHA256Proofs[");
  ASSERT_EQ(vectors.size(), 4u);
  for (const Vector& v : vectors) {
    const auto old_size = static_cast<uint64_t>(v.a);
    const auto new_size = static_cast<uint64_t>(v.b);
    auto proof = ConsistencyProof(old_size, new_size, nodes_);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, v.hashes) << old_size << " -> " << new_size;
    EXPECT_TRUE(
        VerifyConsistency(old_size, new_size, roots_[old_size - 1], roots_[new_size - 1], v.hashes)
            .ok())
        << old_size << " -> " << new_size;
  }
}

// The Go tree hasher test adds leaf hashes of other inputs and a node hash.
TEST_F(CtVectorsTest, GoTreeHasherVectors) {
  const std::string path = std::string(kCtRoot) + "/go/merkletree/tree_hasher_test.go";
  const std::string go = ReadFile(path);
  ASSERT_FALSE(go.empty()) << path << " is missing";
  // leaves: {length, dh("input"), dh("hash")}
  const auto leaves = InitializerTokens(go, "leaves: []leafTestVector");
  ASSERT_EQ(leaves.size(), 9u);
  for (size_t i = 0; i < leaves.size(); i += 3) {
    const Bytes input = Unhex(Str(leaves[i + 1]));
    ASSERT_EQ(static_cast<int64_t>(input.size()), Int(leaves[i]));
    EXPECT_EQ(HashToHex(LeafHash(input)), Str(leaves[i + 2]));
  }
  // nodes: {dh("left"), dh("right"), dh("hash")}
  const auto nodes = InitializerTokens(go, "nodes: []nodeTestVector");
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(HashToHex(NodeHash(UnhexHash(Str(nodes[0])), UnhexHash(Str(nodes[1])))), Str(nodes[2]));
  // And the empty hash, a Go string constant.
  EXPECT_NE(go.find("sha256EmptyHash = \"" + HashToHex(EmptyRoot()) + "\""), std::string::npos);
}

}  // namespace
}  // namespace corridor::ledger
