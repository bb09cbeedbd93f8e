#include "screening/scorer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace corridor::screening {

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kNoMatch:
      return "no_match";
    case Decision::kReview:
      return "review";
    case Decision::kMatch:
      return "match";
  }
  return "?";
}

std::string_view MatchMethodName(MatchMethod m) {
  switch (m) {
    case MatchMethod::kExact:
      return "exact";
    case MatchMethod::kVariant:
      return "equivalent-variant";
    case MatchMethod::kJoined:
      return "joined";
    case MatchMethod::kTransliterated:
      return "transliterated";
    case MatchMethod::kPhonetic:
      return "phonetic";
    case MatchMethod::kEditDistance:
      return "edit-distance";
    case MatchMethod::kInitial:
      return "initial";
    case MatchMethod::kMissing:
      return "missing";
    case MatchMethod::kIgnored:
      return "ignored";
  }
  return "?";
}

Status MatchConfig::Validate() const {
  const auto unit = [](double v) { return v >= 0 && v <= 1; };
  if (!unit(match_threshold) || !unit(review_threshold) || review_threshold > match_threshold) {
    return Status::InvalidArgument("thresholds must satisfy 0 <= review <= match <= 1",
                                   "review_threshold");
  }
  for (double v : {sim_exact,
                   sim_variant,
                   sim_joined,
                   sim_transliterated,
                   sim_phonetic,
                   sim_edit1,
                   sim_edit2,
                   sim_translit_consonant,
                   sim_initial,
                   min_pair_similarity,
                   common_weight_cap,
                   optional_weight_factor,
                   initial_weight,
                   min_weight,
                   missing_query_factor,
                   missing_entry_factor,
                   conflict_factor,
                   conflict_min_weight,
                   evidence_floor,
                   extra_part_evidence,
                   low_quality_alias_factor}) {
    if (!unit(v)) return Status::InvalidArgument("similarities and factors must be in [0, 1]");
  }
  if (evidence_required <= 0) {
    return Status::InvalidArgument("evidence_required must be positive", "evidence_required");
  }
  for (double v : {dob_same_date, dob_same_year, dob_conflict, nationality_same,
                   nationality_conflict, sex_conflict}) {
    if (v < -1 || v > 1) return Status::InvalidArgument("adjustments must be in [-1, 1]");
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Token statistics and weights.

void TokenStats::Add(const NameToken& t) {
  ++df_[t.canonical];
  if (t.unvocalized || !t.key.empty()) ++key_df_[t.key];
}

void TokenStats::Add(const NormalizedName& name) {
  ++names_;
  if (name.forms.empty()) return;
  // A part counts once per name, whatever the number of readings.
  std::vector<const NameToken*> seen;
  for (const auto& t : name.forms[0].tokens) {
    bool dup = false;
    for (const NameToken* s : seen) dup = dup || s->canonical == t.canonical;
    if (!dup) {
      Add(t);
      seen.push_back(&t);
    }
  }
}

uint32_t TokenStats::Df(const NameToken& t) const {
  if (t.unvocalized) {
    auto k = key_df_.find(t.key);
    return k == key_df_.end() ? 0 : k->second;
  }
  auto it = df_.find(t.canonical);
  return it == df_.end() ? 0 : it->second;
}

double TokenStats::Weight(const NameToken& t, const NameKnowledge& k, const MatchConfig& c) const {
  return WeightOf(t, Df(t), k.IsCommon(t.canonical), c);
}

double TokenStats::WeightOf(const NameToken& t, uint32_t df, bool common,
                            const MatchConfig& c) const {
  if (t.role == TokenRole::kTitle || t.role == TokenRole::kParticle) return 0;
  if (t.initial()) return c.initial_weight;
  double w = 1.0;
  if (names_ > 0) {
    const double n = static_cast<double>(names_) + 1;
    w = std::log(n / (static_cast<double>(df) + 1)) / std::log(n);
  }
  if (common) w = std::min(w, c.common_weight_cap);
  if (t.role == TokenRole::kOptional) w *= c.optional_weight_factor;
  return std::max(w, c.min_weight);
}

WeightedName Weigh(const NameForm& form, const TokenStats& stats, const NameKnowledge& k,
                   const MatchConfig& c) {
  WeightedName w;
  for (const auto& t : form.tokens) {
    w.tokens.push_back(&t);
    w.weights.push_back(stats.Weight(t, k, c));
  }
  return w;
}

// ---------------------------------------------------------------------------------------------
// Pair similarity.

int EditDistance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  if (n > 64 || m > 64) return a == b ? 0 : limit + 1;
  int d[65][65];
  for (int i = 0; i <= n; ++i) d[i][0] = i;
  for (int j = 0; j <= m; ++j) d[0][j] = j;
  for (int i = 1; i <= n; ++i) {
    int row_min = limit + 1;
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
  }
  return std::min(d[n][m], limit + 1);
}

namespace {

struct PairSim {
  double sim = 0;
  MatchMethod method = MatchMethod::kMissing;
  int edits = 0;
};

bool KeysMatch(const NameToken& a, const NameToken& b) {
  if (a.key.empty() || b.key.empty()) return false;
  if (a.key == b.key) return true;
  if (!a.alt_key.empty() && a.alt_key == b.key) return true;
  if (!b.alt_key.empty() && b.alt_key == a.key) return true;
  return false;
}

// Compares two spellings (Latin or transliterated); `a_unv`/`b_unv` mark unvocalised ones.
PairSim SpellingSim(std::string_view a, std::string_view b, const std::string& a_key,
                    const std::string& b_key, bool keys_match, bool unvocalized,
                    const MatchConfig& c) {
  PairSim best;
  if (unvocalized) {
    if (keys_match) return {c.sim_transliterated, MatchMethod::kTransliterated, 0};
    if (a_key.size() >= 4 && b_key.size() >= 4 && EditDistance(a_key, b_key, 1) <= 1) {
      return {c.sim_translit_consonant, MatchMethod::kTransliterated, 1};
    }
    return best;
  }
  // Short names differ by one letter far more often as different names (Sita / Gita, Amin /
  // Amir, Kamal / Jamal) than as typing errors: edits count from six letters on.
  const size_t shorter = std::min(a.size(), b.size());
  const int limit = shorter >= c.edit2_min_length ? 2 : shorter >= c.edit1_min_length ? 1 : 0;
  const bool phonetic_possible = keys_match && shorter >= 5;
  if (limit == 0 && !phonetic_possible) return best;
  const int k = EditDistance(a, b, 2);
  if (limit > 0 && k <= limit) {
    best = {k == 1 ? c.sim_edit1 : c.sim_edit2, MatchMethod::kEditDistance, k};
  }
  // The same consonants in the same order (vowels and doubled letters aside), for spellings of
  // five letters or more that are also close in letters: Mukulu / Mukkulu, Tikriti / Takriti;
  // not Hassan / Hussein, which are different names.
  if (keys_match && shorter >= 5 && (k <= 1 || (k <= 2 && a_key.size() >= 4)) &&
      c.sim_phonetic > best.sim) {
    best = {c.sim_phonetic, MatchMethod::kPhonetic, 0};
  }
  return best;
}

PairSim Compare(const NameToken& q, const NameToken& e, const MatchConfig& c) {
  if (q.text == e.text) return {c.sim_exact, MatchMethod::kExact, 0};
  if ((q.cls >= 0 && q.cls == e.cls) || q.canonical == e.canonical) {
    return {c.sim_variant, MatchMethod::kVariant, 0};
  }
  if (q.initial() || e.initial()) {
    const NameToken& init = q.initial() ? q : e;
    const NameToken& full = q.initial() ? e : q;
    if (!full.initial() && !full.unvocalized &&
        (full.text[0] == init.text[0] || full.canonical[0] == init.text[0])) {
      return {c.sim_initial, MatchMethod::kInitial, 0};
    }
    return {};
  }
  const bool unv = q.unvocalized || e.unvocalized;
  PairSim s = SpellingSim(q.text, e.text, q.key, e.key, KeysMatch(q, e), unv, c);
  if (!unv && q.canonical != q.text) {  // a typo of another spelling of the same class
    PairSim v = SpellingSim(q.canonical, e.canonical, q.key, e.key, false, false, c);
    if (v.sim > s.sim) s = v;
  }
  return s;
}

// Joined parts: `one` against the concatenation of `a` and `b`.
PairSim CompareJoined(const NameToken& one, const NameToken& a, const NameToken& b,
                      const MatchConfig& c) {
  // Joining is for spellings: parts in unvocalised scripts are compared part by part only
  // (their consonant keys are too loose to be joined).
  if (one.initial() || a.initial() || b.initial()) return {};
  if (one.unvocalized || a.unvocalized || b.unvocalized) return {};
  // Every rule below needs lengths within two letters.
  const size_t joined_size = a.text.size() + b.text.size();
  if (joined_size > one.text.size() + 2 || one.text.size() > joined_size + 2) return {};
  const std::string joined = a.text + b.text;
  if (one.text == joined) return {c.sim_joined, MatchMethod::kJoined, 0};
  // One letter more or less (Aghajani / Agha Jan), never a changed letter.
  const size_t la = one.text.size(), lb = joined.size();
  if (std::min(la, lb) >= 6 && (la == lb + 1 || lb == la + 1) &&
      EditDistance(one.text, joined, 1) <= 1) {
    return {c.sim_edit1, MatchMethod::kJoined, 1};
  }
  const std::string jkey = PhoneticKey(joined, false);
  if (!one.key.empty() && one.key == jkey && jkey.size() >= 4 &&
      EditDistance(one.text, joined, 2) <= 2) {
    return {c.sim_phonetic, MatchMethod::kJoined, 0};
  }
  return {};
}

struct Candidate {
  double sim;
  double weight;
  size_t q1, q2;  // q2 == SIZE_MAX unless two query parts are joined
  size_t e1, e2;
  PairSim how;
};

}  // namespace

NameScore ScoreNames(const WeightedName& query, const WeightedName& entry, const MatchConfig& c,
                     std::vector<PartMatch>* parts) {
  const size_t nq = query.tokens.size();
  const size_t ne = entry.tokens.size();
  constexpr size_t kNone = SIZE_MAX;
  const auto skip = [](const NameToken* t) {
    return t->role == TokenRole::kTitle || t->role == TokenRole::kParticle;
  };
  std::vector<Candidate> cands;
  for (size_t i = 0; i < nq; ++i) {
    if (skip(query.tokens[i])) continue;
    for (size_t j = 0; j < ne; ++j) {
      if (skip(entry.tokens[j])) continue;
      PairSim s = Compare(*query.tokens[i], *entry.tokens[j], c);
      if (s.sim >= c.min_pair_similarity) {
        cands.push_back({s.sim, query.weights[i] + entry.weights[j], i, kNone, j, kNone, s});
      }
    }
  }
  // Joined parts, either way round ("abdulaziz" / "abdul aziz", "jinping" / "jin ping").
  const auto next_name = [&](const WeightedName& w, size_t from) {
    size_t k = from + 1;
    while (k < w.tokens.size() && skip(w.tokens[k])) ++k;
    return k;
  };
  for (size_t i = 0; i < nq; ++i) {
    if (skip(query.tokens[i])) continue;
    for (size_t j = 0; j < ne; ++j) {
      if (skip(entry.tokens[j])) continue;
      const size_t j2 = next_name(entry, j);
      if (j2 < ne) {
        PairSim s = CompareJoined(*query.tokens[i], *entry.tokens[j], *entry.tokens[j2], c);
        if (s.sim >= c.min_pair_similarity) {
          cands.push_back(
              {s.sim, query.weights[i] + entry.weights[j] + entry.weights[j2], i, kNone, j, j2, s});
        }
      }
      const size_t i2 = next_name(query, i);
      if (i2 < nq) {
        PairSim s = CompareJoined(*entry.tokens[j], *query.tokens[i], *query.tokens[i2], c);
        if (s.sim >= c.min_pair_similarity) {
          cands.push_back(
              {s.sim, query.weights[i] + query.weights[i2] + entry.weights[j], i, i2, j, kNone, s});
        }
      }
    }
  }
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.sim != b.sim) return a.sim > b.sim;
    return a.weight > b.weight;
  });
  std::vector<char> q_used(nq, 0), e_used(ne, 0);
  double matched = 0, paired = 0, evidence = 0;
  std::vector<PartMatch> out;
  for (const Candidate& cand : cands) {
    if (q_used[cand.q1] || e_used[cand.e1]) continue;
    if (cand.q2 != kNone && q_used[cand.q2]) continue;
    if (cand.e2 != kNone && e_used[cand.e2]) continue;
    q_used[cand.q1] = e_used[cand.e1] = 1;
    double wq = query.weights[cand.q1];
    double we = entry.weights[cand.e1];
    std::string qp = query.tokens[cand.q1]->source;
    std::string ep = entry.tokens[cand.e1]->source;
    if (cand.q2 != kNone) {
      q_used[cand.q2] = 1;
      wq += query.weights[cand.q2];
      qp += " " + query.tokens[cand.q2]->source;
    }
    if (cand.e2 != kNone) {
      e_used[cand.e2] = 1;
      we += entry.weights[cand.e2];
      ep += " " + entry.tokens[cand.e2]->source;
    }
    matched += cand.sim * (wq + we);
    paired += wq + we;
    evidence += cand.sim * std::min(wq, we);
    if (parts) {
      PartMatch p;
      p.query_part = qp.empty() ? query.tokens[cand.q1]->text : qp;
      p.entry_part = ep.empty() ? entry.tokens[cand.e1]->text : ep;
      p.method = cand.how.method;
      p.edits = cand.how.edits;
      p.similarity = cand.sim;
      p.query_weight = wq;
      p.entry_weight = we;
      p.transliterated = query.tokens[cand.q1]->script != entry.tokens[cand.e1]->script;
      out.push_back(std::move(p));
    }
  }
  // Parts left over on both sides are not dropped parts but different names (Thapa / Gurung):
  // they count in full. Parts left over on one side only were dropped or added.
  const auto leftover = [&](const WeightedName& w, const std::vector<char>& used) {
    for (size_t i = 0; i < w.tokens.size(); ++i) {
      if (!used[i] && !skip(w.tokens[i]) && !w.tokens[i]->initial()) {
        return true;
      }
    }
    return false;
  };
  const bool conflict = leftover(query, q_used) && leftover(entry, e_used);
  double missing = 0;
  const auto add_missing = [&](const WeightedName& w, const std::vector<char>& used,
                               bool is_query) {
    for (size_t i = 0; i < w.tokens.size(); ++i) {
      if (used[i]) continue;
      const NameToken* t = w.tokens[i];
      const double factor = conflict   ? c.conflict_factor
                            : is_query ? c.missing_query_factor
                                       : c.missing_entry_factor;
      // A different name counts even when it is a common one (Thapa / Magar).
      const double weight = conflict && t->role == TokenRole::kName && !t->initial()
                                ? std::max(w.weights[i], c.conflict_min_weight)
                                : w.weights[i];
      if (!skip(t)) missing += weight * factor;
      if (parts) {
        PartMatch p;
        (is_query ? p.query_part : p.entry_part) = t->source.empty() ? t->text : t->source;
        p.method = skip(t) ? MatchMethod::kIgnored : MatchMethod::kMissing;
        (is_query ? p.query_weight : p.entry_weight) = w.weights[i];
        out.push_back(std::move(p));
      }
    }
  };
  add_missing(query, q_used, true);
  add_missing(entry, e_used, false);
  size_t matched_parts = 0;
  for (size_t i = 0; i < nq; ++i) {
    if (q_used[i] && !query.tokens[i]->initial()) ++matched_parts;
  }
  if (matched_parts > 1) evidence += c.extra_part_evidence * static_cast<double>(matched_parts - 1);
  NameScore s;
  const double denom = paired + missing;
  s.similarity = denom > 0 ? matched / denom : 0;
  s.evidence = evidence;
  s.evidence_factor =
      std::min(1.0, c.evidence_floor + (1 - c.evidence_floor) * evidence / c.evidence_required);
  s.score = s.similarity * s.evidence_factor;
  if (parts) *parts = std::move(out);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Identifiers.

void ApplyIdentifiers(const NameQuery& q, const WatchlistEntry& e, const MatchConfig& c,
                      MatchResult& r) {
  double score = r.name_score;
  // Date of birth.
  std::optional<int> q_year = q.birth_year;
  if (q.date_of_birth) q_year = q.date_of_birth->year();
  if (q_year && !e.dobs.empty()) {
    bool same_date = false, same_year = false;
    std::string listed;
    for (const auto& d : e.dobs) {
      listed += (listed.empty() ? "" : ", ") + d.ToString();
      const int slack = d.approximate ? 1 : 0;
      if (d.kind == BirthDate::Kind::kExact && q.date_of_birth && *d.date == *q.date_of_birth) {
        same_date = true;
      }
      if (*q_year >= d.from_year - slack && *q_year <= d.to_year + slack) same_year = true;
    }
    const std::string mine =
        q.date_of_birth ? q.date_of_birth->ToString() : std::to_string(*q_year);
    if (same_date) {
      r.adjustments.push_back(
          {"date of birth " + mine + " equals a listed date (" + listed + ")", c.dob_same_date});
    } else if (same_year) {
      r.adjustments.push_back(
          {"year of birth of " + mine + " agrees with a listed date (" + listed + ")",
           c.dob_same_year});
    } else {
      bool near = false;  // within a year: a typing error or a different calendar
      for (const auto& d : e.dobs)
        near = near || (*q_year >= d.from_year - 1 && *q_year <= d.to_year + 1);
      if (!near) {
        r.adjustments.push_back(
            {"date of birth " + mine + " conflicts with every listed date (" + listed + ")",
             c.dob_conflict});
      }
    }
  }
  if (!q.nationality.empty() && !e.nationalities.empty()) {
    const bool same = std::find(e.nationalities.begin(), e.nationalities.end(), q.nationality) !=
                      e.nationalities.end();
    std::string listed;
    for (const auto& n : e.nationalities) listed += (listed.empty() ? "" : ", ") + n;
    r.adjustments.push_back(
        same ? Adjustment{"nationality " + q.nationality + " is listed", c.nationality_same}
             : Adjustment{
                   "nationality " + q.nationality + " is not among the listed (" + listed + ")",
                   c.nationality_conflict});
  }
  if (q.sex != Sex::kUnknown && e.sex != Sex::kUnknown && q.sex != e.sex) {
    r.adjustments.push_back({"sex differs from the listed sex", c.sex_conflict});
  }
  for (const auto& a : r.adjustments) score += a.delta;
  // A document number: exact equality only, and the issuing country when both sides know it.
  if (!q.document_number.empty()) {
    const std::string key = NormalizeDocumentNumber(q.document_number);
    for (const auto& d : e.documents) {
      if (d.key != key || key.empty()) continue;
      if (!q.document_country.empty() && !d.country.empty() && d.country != q.document_country) {
        continue;
      }
      r.document_match = true;
      r.adjustments.push_back({"document number " + d.number + " (" + d.type +
                                   (d.country.empty() ? "" : ", " + d.country) +
                                   ") is listed exactly",
                               1.0});
      score = 1.0;
      break;
    }
  }
  r.score = std::clamp(score, 0.0, 1.0);
  r.decision = r.score >= c.match_threshold    ? Decision::kMatch
               : r.score >= c.review_threshold ? Decision::kReview
                                               : Decision::kNoMatch;
}

std::string MatchResult::Explain() const {
  char buf[160];
  std::string out;
  std::snprintf(buf, sizeof buf, "decision %s: score %.3f (name %.3f",
                DecisionName(decision).data(), score, name_score);
  out += buf;
  for (const auto& a : adjustments) {
    std::snprintf(buf, sizeof buf, " %+.3f", a.delta);
    out += buf;
  }
  out += ")\n";
  out += "listed name: " + entry_name + " [" + std::string(NameQualityName(entry_name_quality)) +
         "] in " + list + " " + entry_id + "\n";
  out += "query name: " + query_name + (reading.empty() ? "" : " (read as " + reading + ")") + "\n";
  std::snprintf(buf, sizeof buf,
                "name score %.3f = similarity %.3f x evidence factor %.3f (evidence %.2f)\n",
                name_score, similarity, evidence_factor, evidence);
  out += buf;
  for (const auto& p : parts) {
    std::string how(MatchMethodName(p.method));
    if (p.method == MatchMethod::kEditDistance ||
        (p.method == MatchMethod::kJoined && p.edits > 0) ||
        (p.method == MatchMethod::kTransliterated && p.edits > 0)) {
      how += " " + std::to_string(p.edits);
    }
    if (p.transliterated && p.method != MatchMethod::kMissing &&
        p.method != MatchMethod::kIgnored && p.method != MatchMethod::kTransliterated) {
      how += ", across scripts";
    }
    if (p.method == MatchMethod::kMissing || p.method == MatchMethod::kIgnored) {
      const bool q = !p.query_part.empty();
      std::snprintf(buf, sizeof buf, "  %s '%s' only in the %s (weight %.2f)\n", how.c_str(),
                    (q ? p.query_part : p.entry_part).c_str(), q ? "query" : "listed name",
                    q ? p.query_weight : p.entry_weight);
    } else {
      std::snprintf(buf, sizeof buf, "  '%s' ~ '%s': %s, similarity %.2f (weights %.2f / %.2f)\n",
                    p.query_part.c_str(), p.entry_part.c_str(), how.c_str(), p.similarity,
                    p.query_weight, p.entry_weight);
    }
    out += buf;
  }
  for (const auto& a : adjustments) {
    std::snprintf(buf, sizeof buf, "  %+.3f: ", a.delta);
    out += buf + a.reason + "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Screener.

Result<MatchResult> Screener::Compare(const NameQuery& query, const WatchlistEntry& entry,
                                      const MatchConfig& config) {
  MatchResult best;
  best.list = entry.list;
  best.entry_id = entry.entry_id;
  bool any = false;
  std::vector<NormalizedName> qnames;
  for (const auto& n : query.names) {
    ASSIGN_OR_RETURN(NormalizedName nn, normalizer_.Normalize(n));
    qnames.push_back(std::move(nn));
  }
  for (const auto& listed : entry.names) {
    ASSIGN_OR_RETURN(NormalizedName en, normalizer_.Normalize(listed.full));
    for (const auto& ef : en.forms) {
      const WeightedName ew = Weigh(ef, stats_, knowledge_, config);
      for (size_t qi = 0; qi < qnames.size(); ++qi) {
        for (const auto& qf : qnames[qi].forms) {
          const WeightedName qw = Weigh(qf, stats_, knowledge_, config);
          std::vector<PartMatch> parts;
          NameScore s = ScoreNames(qw, ew, config, &parts);
          if (listed.quality == NameQuality::kLow) s.score *= config.low_quality_alias_factor;
          if (!any || s.score > best.name_score) {
            any = true;
            best.name_score = s.score;
            best.similarity = s.similarity;
            best.evidence = s.evidence;
            best.evidence_factor = s.evidence_factor;
            best.query_name = query.names[qi];
            best.entry_name = listed.full;
            best.entry_name_quality = listed.quality;
            best.reading = qf.reading.empty() ? ef.reading : qf.reading;
            best.parts = std::move(parts);
          }
        }
      }
    }
  }
  ApplyIdentifiers(query, entry, config, best);
  return best;
}

Result<MatchResult> Screener::CompareNames(std::string_view query, std::string_view entry,
                                           const MatchConfig& config) {
  NameQuery q;
  q.names.emplace_back(query);
  WatchlistEntry e;
  ListedName n;
  n.full = std::string(entry);
  e.names.push_back(std::move(n));
  return Compare(q, e, config);
}

}  // namespace corridor::screening
