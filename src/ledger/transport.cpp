#include "ledger/transport.hpp"

#include <algorithm>
#include <initializer_list>

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "json/exact.hpp"

namespace corridor::ledger {
namespace {

constexpr size_t kMaxProofHashes = 64;
constexpr int64_t kMaxSafe = 9007199254740991;

using json::ExactObject;
using json::MemberError;

Result<uint64_t> SizeMember(const json::Object& o, std::string_view what, std::string_view m) {
  auto n = o.Find(m)->AsInt64();
  if (!n.ok() || *n < 0) {
    return MemberError(what, m, "must be an integer from 0 to " + std::to_string(kMaxSafe));
  }
  return static_cast<uint64_t>(*n);
}

Result<std::string> StringMember(const json::Object& o, std::string_view what, std::string_view m) {
  const json::Value* v = o.Find(m);
  if (!v->is_string()) return MemberError(what, m, "must be a string");
  return v->AsString();
}

Result<Hash> HashMember(const json::Value& v, std::string_view what, std::string_view m) {
  if (!v.is_string()) return MemberError(what, m, "must hold 64-digit hex strings");
  auto h = HashFromHex(v.AsString());
  if (!h.ok()) return MemberError(what, m, h.status().message());
  return h;
}

json::Value HashList(const std::vector<Hash>& hashes) {
  json::Array a;
  a.reserve(hashes.size());
  for (const Hash& h : hashes) a.emplace_back(HashToHex(h));
  return json::Value(std::move(a));
}

Result<std::vector<Hash>> HashListMember(const json::Object& o, std::string_view what,
                                         std::string_view m) {
  const json::Value* v = o.Find(m);
  if (!v->is_array()) return MemberError(what, m, "must be an array of hex strings");
  if (v->AsArray().size() > kMaxProofHashes) {
    return MemberError(what, m, "holds more than " + std::to_string(kMaxProofHashes) + " hashes");
  }
  std::vector<Hash> out;
  for (const json::Value& item : v->AsArray()) {
    ASSIGN_OR_RETURN(Hash h, HashMember(item, what, m));
    out.push_back(h);
  }
  return out;
}

}  // namespace

json::Value SignedTreeHeadToJson(const SignedTreeHead& sth) {
  json::Object o;
  o.Set("node", sth.head.node_id);
  o.Set("size", sth.head.size);
  o.Set("root", HashToHex(sth.head.root));
  o.Set("time", sth.head.time.ToString());
  o.Set("signature", Base64UrlEncode(sth.signature));
  return json::Value(std::move(o));
}

Result<SignedTreeHead> SignedTreeHeadFromJson(const json::Value& v) {
  constexpr std::string_view kWhat = "signed tree head";
  ASSIGN_OR_RETURN(const json::Object* o,
                   ExactObject(v, kWhat, {"node", "size", "root", "time", "signature"}));
  SignedTreeHead sth;
  ASSIGN_OR_RETURN(sth.head.node_id, StringMember(*o, kWhat, "node"));
  if (Status s = CheckIdText(sth.head.node_id); !s.ok()) {
    return MemberError(kWhat, "node", s.message());
  }
  ASSIGN_OR_RETURN(sth.head.size, SizeMember(*o, kWhat, "size"));
  ASSIGN_OR_RETURN(sth.head.root, HashMember(*o->Find("root"), kWhat, "root"));
  ASSIGN_OR_RETURN(std::string time_text, StringMember(*o, kWhat, "time"));
  auto time = Timestamp::Parse(time_text);
  if (!time.ok()) return MemberError(kWhat, "time", time.status().message());
  sth.head.time = *time;
  ASSIGN_OR_RETURN(std::string sig_text, StringMember(*o, kWhat, "signature"));
  auto sig = Base64UrlDecode(sig_text);
  if (!sig.ok() || sig->size() != sth.signature.size()) {
    return MemberError(kWhat, "signature", "must be 64 bytes in base64url without padding");
  }
  std::copy(sig->begin(), sig->end(), sth.signature.begin());
  return sth;
}

json::Value InclusionProofToJson(const InclusionProofMessage& p) {
  json::Object o;
  o.Set("leaf_index", p.leaf_index);
  o.Set("tree_size", p.tree_size);
  o.Set("path", HashList(p.path));
  return json::Value(std::move(o));
}

Result<InclusionProofMessage> InclusionProofFromJson(const json::Value& v) {
  constexpr std::string_view kWhat = "inclusion proof";
  ASSIGN_OR_RETURN(const json::Object* o,
                   ExactObject(v, kWhat, {"leaf_index", "tree_size", "path"}));
  InclusionProofMessage p;
  ASSIGN_OR_RETURN(p.leaf_index, SizeMember(*o, kWhat, "leaf_index"));
  ASSIGN_OR_RETURN(p.tree_size, SizeMember(*o, kWhat, "tree_size"));
  ASSIGN_OR_RETURN(p.path, HashListMember(*o, kWhat, "path"));
  return p;
}

json::Value ConsistencyProofToJson(const ConsistencyProofMessage& p) {
  json::Object o;
  o.Set("old_size", p.old_size);
  o.Set("new_size", p.new_size);
  o.Set("proof", HashList(p.proof));
  return json::Value(std::move(o));
}

Result<ConsistencyProofMessage> ConsistencyProofFromJson(const json::Value& v) {
  constexpr std::string_view kWhat = "consistency proof";
  ASSIGN_OR_RETURN(const json::Object* o, ExactObject(v, kWhat, {"old_size", "new_size", "proof"}));
  ConsistencyProofMessage p;
  ASSIGN_OR_RETURN(p.old_size, SizeMember(*o, kWhat, "old_size"));
  ASSIGN_OR_RETURN(p.new_size, SizeMember(*o, kWhat, "new_size"));
  ASSIGN_OR_RETURN(p.proof, HashListMember(*o, kWhat, "proof"));
  return p;
}

}  // namespace corridor::ledger
