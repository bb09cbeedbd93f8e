#include "screening/index.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::screening {
namespace {

std::string InternKey(const NameToken& t) {
  std::string k = t.text;
  k.push_back('\x1f');
  k.push_back(t.unvocalized ? 'u' : 'v');
  k.push_back(static_cast<char>('A' + static_cast<int>(t.script)));
  k.push_back(static_cast<char>('0' + static_cast<int>(t.role)));
  return k;
}

// One-deletion neighbours of a spelling (the spelling itself excluded).
void Deletions(const std::string& s, std::vector<std::string>& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && s[i] == s[i - 1]) continue;  // same neighbour as the previous deletion
    std::string d = s;
    d.erase(i, 1);
    out.push_back(std::move(d));
  }
}

bool Searchable(const NameToken& t) {
  return t.role != TokenRole::kTitle && t.role != TokenRole::kParticle && !t.initial();
}

}  // namespace

uint32_t WatchlistIndex::Intern(const NameToken& t) {
  const std::string key = InternKey(t);
  auto it = vocab_ids_.find(key);
  if (it != vocab_ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(vocab_.size());
  vocab_.push_back(t);
  vocab_ids_.emplace(key, id);
  // The inverted lists this part is posted to, made once per distinct part.
  std::vector<std::vector<uint32_t>*> lists;
  if (Searchable(t)) {
    std::vector<std::string> keys = {"c:" + t.canonical};
    if (t.text != t.canonical) keys.push_back("c:" + t.text);
    if (!t.key.empty()) keys.push_back("k:" + t.key);
    if (!t.alt_key.empty()) keys.push_back("k:" + t.alt_key);
    std::vector<std::string> dels;
    if (!t.unvocalized && t.text.size() >= 6) {
      Deletions(t.text, dels);
      for (const auto& d : dels) keys.push_back("d:" + d);
    }
    if (!t.unvocalized && t.canonical != t.text && t.canonical.size() >= 6) {
      Deletions(t.canonical, dels);
      for (const auto& d : dels) keys.push_back("d:" + d);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const auto& k : keys) lists.push_back(&postings_[k]);
  }
  vocab_lists_.push_back(std::move(lists));
  return id;
}

void WatchlistIndex::Post(const std::string& key, uint32_t name) {
  auto& list = postings_[key];
  if (list.empty() || list.back() != name) {
    list.push_back(name);
    ++posting_count_;
  }
}

Result<std::unique_ptr<WatchlistIndex>> WatchlistIndex::Build(std::vector<WatchlistEntry> entries,
                                                              const NameKnowledge& knowledge) {
  std::unique_ptr<WatchlistIndex> index(new WatchlistIndex(knowledge));
  index->entries_ = std::move(entries);
  index->reading_labels_ = {""};
  NameNormalizer normalizer(knowledge);
  for (uint32_t ei = 0; ei < index->entries_.size(); ++ei) {
    const WatchlistEntry& e = index->entries_[ei];
    for (const auto& d : e.documents) {
      if (!d.key.empty()) index->documents_.emplace(d.key, ei);
    }
    if (e.kind == EntryKind::kDocument) continue;
    for (size_t ni = 0; ni < e.names.size() && ni < 0xFFFF; ++ni) {
      auto nn = normalizer.Normalize(e.names[ni].full);
      if (!nn.ok()) {
        return nn.status().WithContext(e.list + " entry " + e.entry_id + " name " +
                                       std::to_string(ni + 1));
      }
      index->stats_.Add(*nn);
      for (const auto& form : nn->forms) {
        IndexedName in{};
        in.entry = ei;
        in.first_token = static_cast<uint32_t>(index->token_ids_.size());
        in.token_count = static_cast<uint16_t>(std::min<size_t>(form.tokens.size(), 0xFFFF));
        in.name_index = static_cast<uint16_t>(ni);
        auto label =
            std::find(index->reading_labels_.begin(), index->reading_labels_.end(), form.reading);
        if (label == index->reading_labels_.end()) {
          index->reading_labels_.push_back(form.reading);
          label = index->reading_labels_.end() - 1;
        }
        in.reading = static_cast<uint8_t>(label - index->reading_labels_.begin());
        const auto name_id = static_cast<uint32_t>(index->names_.size());
        index->names_.push_back(in);
        const NameToken* prev = nullptr;
        for (size_t ti = 0; ti < in.token_count; ++ti) {
          const NameToken& t = form.tokens[ti];
          const uint32_t id = index->Intern(t);
          index->token_ids_.push_back(id);
          for (std::vector<uint32_t>* list : index->vocab_lists_[id]) {
            if (list->empty() || list->back() != name_id) {
              list->push_back(name_id);
              ++index->posting_count_;
            }
          }
          if (!Searchable(t)) continue;
          if (prev != nullptr && !prev->unvocalized && !t.unvocalized) {
            index->Post("j:" + prev->text + t.text, name_id);
            index->Post("k:" + PhoneticKey(prev->text + t.text, false), name_id);
          }
          prev = &t;
        }
      }
    }
  }
  // names_ is in entry order: each entry's first name (an entry without names points at the
  // next entry's first, so that its range is empty).
  index->entry_first_name_.assign(index->entries_.size() + 1,
                                  static_cast<uint32_t>(index->names_.size()));
  for (size_t i = index->names_.size(); i-- > 0;) {
    index->entry_first_name_[index->names_[i].entry] = static_cast<uint32_t>(i);
  }
  for (size_t e = index->entries_.size(); e-- > 0;) {
    index->entry_first_name_[e] =
        std::min(index->entry_first_name_[e], index->entry_first_name_[e + 1]);
  }
  index->entry_years_.resize(index->entries_.size(), {0, 0});
  for (size_t e = 0; e < index->entries_.size(); ++e) {
    for (const auto& d : index->entries_[e].dobs) {
      auto& [lo, hi] = index->entry_years_[e];
      const auto from = static_cast<uint16_t>(d.from_year - (d.approximate ? 1 : 0));
      const auto to = static_cast<uint16_t>(d.to_year + (d.approximate ? 1 : 0));
      lo = lo == 0 ? from : std::min(lo, from);
      hi = std::max(hi, to);
    }
  }
  index->vocab_df_.reserve(index->vocab_.size());
  for (const auto& t : index->vocab_) {
    index->vocab_df_.push_back(index->stats_.Df(t));
    index->vocab_common_.push_back(knowledge.IsCommon(t.canonical) ? 1 : 0);
  }
  return index;
}

IndexFigures WatchlistIndex::figures() const {
  IndexFigures f;
  f.entries = entries_.size();
  f.names = names_.size();
  f.tokens = token_ids_.size();
  f.vocabulary = vocab_.size();
  f.postings = posting_count_;
  f.documents = documents_.size();
  return f;
}

std::vector<uint32_t> WatchlistIndex::FindDocument(std::string_view number,
                                                   std::string_view country) const {
  std::vector<uint32_t> out;
  const std::string key = NormalizeDocumentNumber(number);
  if (key.empty()) return out;
  auto [b, e] = documents_.equal_range(key);
  for (auto it = b; it != e; ++it) {
    bool ok = true;
    if (!country.empty()) {
      ok = false;
      for (const auto& d : entries_[it->second].documents) {
        if (d.key == key && (d.country.empty() || d.country == country)) ok = true;
      }
    }
    if (ok && (out.empty() || out.back() != it->second)) out.push_back(it->second);
  }
  return out;
}

IndexSearcher::IndexSearcher(const WatchlistIndex& index)
    : index_(index),
      normalizer_(index.knowledge()),
      slots_(index.names_.size()),
      entry_mark_(index.entries_.size(), 0) {}

uint32_t IndexSearcher::NextPart() {
  if (++part_counter_ == 0) {
    for (Slot& slot : slots_) slot.mark = 0;
    part_counter_ = 1;
  }
  return part_counter_;
}

namespace {

bool SameWeights(const MatchConfig& a, const MatchConfig& b) {
  return a.common_weight_cap == b.common_weight_cap &&
         a.optional_weight_factor == b.optional_weight_factor &&
         a.initial_weight == b.initial_weight && a.min_weight == b.min_weight;
}

}  // namespace

Result<IndexSearcher::PreparedQuery> IndexSearcher::Prepare(const NameQuery& query,
                                                            const MatchConfig& config) {
  PreparedQuery q;
  for (const auto& n : query.names) {
    ASSIGN_OR_RETURN(NormalizedName nn, normalizer_.Normalize(n));
    q.names.push_back(std::move(nn));
  }
  Weigh(q, config);
  if (!weights_ready_ || !SameWeights(config, weights_config_)) {
    const WatchlistIndex& ix = index_;
    vocab_weight_.resize(ix.vocab_.size());
    for (size_t i = 0; i < ix.vocab_.size(); ++i) {
      vocab_weight_[i] = static_cast<float>(
          ix.stats_.WeightOf(ix.vocab_[i], ix.vocab_df_[i], ix.vocab_common_[i] != 0, config));
    }
    weights_config_ = config;
    weights_ready_ = true;
  }
  return q;
}

void IndexSearcher::Weigh(PreparedQuery& q, const MatchConfig& config) const {
  for (size_t qi = 0; qi < q.names.size(); ++qi) {
    for (const auto& f : q.names[qi].forms) {
      q.weighted.push_back(screening::Weigh(f, index_.stats_, index_.knowledge_, config));
      q.forms.emplace_back(qi, &f);
    }
  }
}

MatchResult IndexSearcher::ScoreEntry(uint32_t entry, const PreparedQuery& q,
                                      const NameQuery& query, const MatchConfig& config,
                                      bool explain) {
  const WatchlistIndex& ix = index_;
  const WatchlistEntry& e = ix.entries_[entry];
  MatchResult best;
  best.list = e.list;
  best.entry_id = e.entry_id;
  bool any = false;
  // names_ is in entry order: a binary search finds the entry's first name.
  auto first = ix.names_.begin() + ix.entry_first_name_[entry];
  WeightedName ew;
  for (auto it = first; it != ix.names_.end() && it->entry == entry; ++it) {
    ew.tokens.clear();
    ew.weights.clear();
    for (uint32_t k = 0; k < it->token_count; ++k) {
      const uint32_t id = ix.token_ids_[it->first_token + k];
      ew.tokens.push_back(&ix.vocab_[id]);
      ew.weights.push_back(vocab_weight_[id]);
    }
    const ListedName& listed = e.names[it->name_index];
    for (size_t f = 0; f < q.weighted.size(); ++f) {
      std::vector<PartMatch> parts;
      NameScore s = ScoreNames(q.weighted[f], ew, config, explain ? &parts : nullptr);
      if (listed.quality == NameQuality::kLow) s.score *= config.low_quality_alias_factor;
      if (!any || s.score > best.name_score) {
        any = true;
        best.name_score = s.score;
        best.similarity = s.similarity;
        best.evidence = s.evidence;
        best.evidence_factor = s.evidence_factor;
        if (explain) {
          best.query_name = query.names[q.forms[f].first];
          best.entry_name = listed.full;
          best.entry_name_quality = listed.quality;
          best.reading = q.forms[f].second->reading.empty() ? ix.reading_labels_[it->reading]
                                                            : q.forms[f].second->reading;
          best.parts = std::move(parts);
        }
      }
    }
  }
  if (explain) ApplyIdentifiers(query, e, config, best);
  return best;
}

std::vector<Hit> IndexSearcher::Finish(std::vector<Hit> hits, const SearchOptions& options) const {
  hits.erase(std::remove_if(hits.begin(), hits.end(),
                            [&](const Hit& h) { return h.result.decision < options.min_decision; }),
             hits.end());
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.result.score != b.result.score) return a.result.score > b.result.score;
    return a.entry < b.entry;
  });
  if (hits.size() > options.max_results) hits.resize(options.max_results);
  return hits;
}

Result<std::vector<Hit>> IndexSearcher::Search(const NameQuery& query, const MatchConfig& config,
                                               const SearchOptions& options) {
  const WatchlistIndex& ix = index_;
  ASSIGN_OR_RETURN(PreparedQuery prepared, Prepare(query, config));
  const std::vector<NormalizedName>& qnames = prepared.names;
  std::vector<uint32_t> candidates;  // entries
  if (++epoch_ == 0) {
    std::fill(entry_mark_.begin(), entry_mark_.end(), 0);
    epoch_ = 1;
  }
  const uint32_t entry_epoch = epoch_;
  const int query_year = query.date_of_birth ? query.date_of_birth->year()
                         : query.birth_year  ? *query.birth_year
                                             : 0;
  std::vector<std::string> dels;
  for (const auto& qn : qnames) {
    for (const auto& form : qn.forms) {
      touched_.clear();
      const uint32_t first_part = part_counter_ + 1;
      struct Lookup {
        const std::vector<uint32_t>* list;
        float weight;
        uint32_t part;
      };
      std::vector<Lookup> lookups;
      const auto add = [&](const std::string& key, float w, uint32_t part) {
        auto it = ix.postings_.find(key);
        if (it != ix.postings_.end()) lookups.push_back({&it->second, w, part});
      };
      const NameToken* prev = nullptr;
      for (const auto& t : form.tokens) {
        if (!Searchable(t)) continue;
        const auto w = static_cast<float>(ix.stats_.Weight(t, ix.knowledge_, config));
        const uint32_t part = NextPart();
        add("c:" + t.canonical, w, part);
        if (!t.key.empty()) add("k:" + t.key, w, part);
        if (!t.alt_key.empty()) add("k:" + t.alt_key, w, part);
        if (t.text != t.canonical) add("c:" + t.text, w, part);
        if (!t.unvocalized && t.text.size() >= 6) {
          Deletions(t.text, dels);
          for (const auto& d : dels) {
            add("d:" + d, w, part);  // deletion on both sides: one substitution
            add("c:" + d, w, part);  // deletion on the query side: one insertion
            add("j:" + d, w, part);  // joined parts in the entry, one letter shorter
          }
          add("d:" + t.text, w, part);  // deletion on the entry side
        }
        if (prev != nullptr) add("c:" + prev->text + t.text, w, NextPart());  // split in query
        add("j:" + t.text, w, part);                                          // split in entry
        prev = &t;
      }
      // Rare lists first; common ones only when nothing rarer found a candidate.
      std::sort(lookups.begin(), lookups.end(),
                [](const Lookup& a, const Lookup& b) { return a.list->size() < b.list->size(); });
      size_t traversed = 0;
      for (const Lookup& l : lookups) {
        if (!touched_.empty() && (l.list->size() > options.common_posting_limit ||
                                  traversed + l.list->size() > options.max_postings)) {
          // A very common part (or one past the budget) adds no candidates; it confirms the
          // ones found (lists are sorted by name, so a binary search tells).
          if (touched_.size() > options.max_confirm) continue;
          for (uint32_t name : touched_) {
            Slot& slot = slots_[name];
            if (slot.mark != l.part && std::binary_search(l.list->begin(), l.list->end(), name)) {
              slot.mark = l.part;
              slot.acc += l.weight;
            }
          }
          continue;
        }
        traversed += l.list->size();
        for (uint32_t name : *l.list) {
          Slot& slot = slots_[name];
          if (slot.mark == l.part) continue;  // this part already counted for this name
          if (slot.mark < first_part) touched_.push_back(name);
          slot.mark = l.part;
          slot.acc += l.weight;
        }
      }
      // The best-supported names, at most max_candidates.
      const size_t keep = std::min(options.max_candidates, touched_.size());
      // Rank by shared weight; among equals, shorter names first (fewer parts left over).
      // Among names sharing the same parts, those whose listed year of birth agrees with the
      // traveller's come first (a common name is listed many times over).
      for (uint32_t name : touched_) {
        Slot& slot = slots_[name];
        slot.acc -= 0.01f * static_cast<float>(ix.names_[name].token_count);
        if (query_year != 0) {
          const auto [lo, hi] = ix.entry_years_[ix.names_[name].entry];
          if (lo != 0 && query_year >= lo && query_year <= hi) slot.acc += options.dob_rank_bonus;
        }
      }
      std::partial_sort(touched_.begin(), touched_.begin() + static_cast<std::ptrdiff_t>(keep),
                        touched_.end(), [&](uint32_t a, uint32_t b) {
                          const float x = slots_[a].acc, y = slots_[b].acc;
                          if (x != y) return x > y;
                          return a < b;
                        });
      for (size_t i = 0; i < keep; ++i) {
        const uint32_t entry = ix.names_[touched_[i]].entry;
        if (entry_mark_[entry] != entry_epoch) {
          entry_mark_[entry] = entry_epoch;
          candidates.push_back(entry);
        }
      }
      for (uint32_t name : touched_) slots_[name].acc = 0.0f;
    }
  }
  // Document numbers: exact index, whatever the name.
  if (!query.document_number.empty()) {
    for (uint32_t entry : ix.FindDocument(query.document_number, query.document_country)) {
      if (entry_mark_[entry] != entry_epoch) {
        entry_mark_[entry] = entry_epoch;
        candidates.push_back(entry);
      }
    }
  }
  last_candidates_ = candidates.size();
  return ScoreCandidates(candidates, prepared, query, config, options);
}

Result<std::vector<Hit>> IndexSearcher::SearchAll(const NameQuery& query, const MatchConfig& config,
                                                  const SearchOptions& options) {
  ASSIGN_OR_RETURN(PreparedQuery prepared, Prepare(query, config));
  std::vector<uint32_t> all(index_.entries_.size());
  for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  return ScoreCandidates(all, prepared, query, config, options);
}

std::vector<Hit> IndexSearcher::ScoreCandidates(const std::vector<uint32_t>& candidates,
                                                const PreparedQuery& prepared,
                                                const NameQuery& query, const MatchConfig& config,
                                                const SearchOptions& options) {
  // The identifiers can add at most this much: below it, a name score cannot reach the lowest
  // decision asked for, and the entry is not explained (unless a document matches).
  const double boost = std::max(0.0, config.dob_same_date) + std::max(0.0, config.nationality_same);
  const double floor = options.min_decision == Decision::kMatch    ? config.match_threshold
                       : options.min_decision == Decision::kReview ? config.review_threshold
                                                                   : 0.0;
  const std::string doc_key =
      query.document_number.empty() ? "" : NormalizeDocumentNumber(query.document_number);
  std::vector<Hit> hits;
  for (uint32_t entry : candidates) {
    const WatchlistEntry& e = index_.entries_[entry];
    if (!options.screen_entities && e.kind != EntryKind::kPerson &&
        e.kind != EntryKind::kDocument) {
      continue;
    }
    bool document = false;
    if (!doc_key.empty()) {
      for (const auto& d : e.documents) document = document || d.key == doc_key;
    }
    if (!document) {
      const MatchResult quick = ScoreEntry(entry, prepared, query, config, false);
      if (quick.name_score + boost < floor) continue;
    }
    hits.push_back({entry, ScoreEntry(entry, prepared, query, config, true)});
  }
  return Finish(std::move(hits), options);
}

}  // namespace corridor::screening
