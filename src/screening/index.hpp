// The watchlist index: screens one traveller against a million listed names in about a
// millisecond. Candidate generation looks the query's name parts up in inverted lists (by
// canonical spelling, by phonetic key, by one-deletion neighbours of longer spellings for typing
// errors, and by joined adjacent parts), ranks listed names by the summed weight of the query
// parts they share, and scores at most `max_candidates` of them with the same scorer as
// Screener (scorer.hpp). Very common parts (posting lists longer than `common_posting_limit`)
// only add candidates when nothing rarer does. Document numbers have their own exact index.
//
// Thread-safety: a built WatchlistIndex is immutable and may be shared by any number of
// threads; each thread searches through its own IndexSearcher (which holds the ICU
// normaliser and scratch memory).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "screening/name_knowledge.hpp"
#include "screening/normalize.hpp"
#include "screening/scorer.hpp"
#include "screening/watchlist.hpp"

namespace corridor::screening {

struct SearchOptions {
  size_t max_candidates = 100;  // listed names scored per query form
  float dob_rank_bonus = 0.5f;  // ranking bonus of a candidate whose listed birth year agrees
  size_t common_posting_limit = 5'000;  // longer lists only confirm, never add candidates
  size_t max_confirm = 2'000;           // candidates a common list may still confirm
  size_t max_postings = 40'000;  // postings read per query form; past them, lists only confirm
  size_t max_results = 20;
  Decision min_decision = Decision::kReview;
  bool screen_entities = false;  // people only by default: border screening of travellers
};

struct Hit {
  uint32_t entry = 0;  // position in WatchlistIndex::entries()
  MatchResult result;
};

struct IndexFigures {
  size_t entries = 0;
  size_t names = 0;       // listed names and their readings
  size_t tokens = 0;      // name parts over all names
  size_t vocabulary = 0;  // distinct name parts
  size_t postings = 0;    // entries of all inverted lists
  size_t documents = 0;
};

class WatchlistIndex {
 public:
  // Normalises every name of every entry (entries of kind kDocument contribute only their
  // documents). A name that cannot be normalised fails the build, naming the entry.
  static Result<std::unique_ptr<WatchlistIndex>> Build(std::vector<WatchlistEntry> entries,
                                                       const NameKnowledge& knowledge);

  const std::vector<WatchlistEntry>& entries() const { return entries_; }
  const TokenStats& stats() const { return stats_; }
  const NameKnowledge& knowledge() const { return knowledge_; }
  IndexFigures figures() const;

  // Entries holding this document number (exact after NormalizeDocumentNumber); an issuing
  // country, when given, must agree with the listed one when that is known.
  std::vector<uint32_t> FindDocument(std::string_view number, std::string_view country) const;

 private:
  friend class IndexSearcher;
  explicit WatchlistIndex(const NameKnowledge& k) : knowledge_(k) {}
  uint32_t Intern(const NameToken& t);
  void Post(const std::string& key, uint32_t name);

  struct IndexedName {
    uint32_t entry;
    uint32_t first_token;  // into token_ids_
    uint16_t token_count;
    uint16_t name_index;  // into the entry's names
    uint8_t reading;      // into reading_labels_
  };

  const NameKnowledge& knowledge_;
  std::vector<WatchlistEntry> entries_;
  std::vector<NameToken> vocab_;
  std::vector<uint32_t> vocab_df_;     // per vocabulary part: its frequency in the lists
  std::vector<uint8_t> vocab_common_;  // per vocabulary part: a [common] name
  // per vocabulary part: the inverted lists it is posted to (keys made once per distinct part)
  std::vector<std::vector<std::vector<uint32_t>*>> vocab_lists_;
  std::unordered_map<std::string, uint32_t> vocab_ids_;
  std::vector<IndexedName> names_;
  std::vector<uint32_t> entry_first_name_;  // per entry (and one past the last): into names_
  // per entry: the earliest and latest listed year of birth (0 when none), to rank candidates
  std::vector<std::pair<uint16_t, uint16_t>> entry_years_;
  std::vector<uint32_t> token_ids_;
  std::vector<std::string> reading_labels_;
  // Inverted lists: "c:" canonical, "k:" phonetic key, "d:" one-deletion neighbour of a
  // canonical spelling of six letters or more, "j:" two adjacent parts joined.
  std::unordered_map<std::string, std::vector<uint32_t>> postings_;
  std::unordered_multimap<std::string, uint32_t> documents_;
  TokenStats stats_;
  size_t posting_count_ = 0;
};

// Searches one index; one per thread.
class IndexSearcher {
 public:
  explicit IndexSearcher(const WatchlistIndex& index);

  // The listed entries the query may be, best first, each with its full explanation; an error
  // only for a name that cannot be normalised.
  Result<std::vector<Hit>> Search(const NameQuery& query, const MatchConfig& config,
                                  const SearchOptions& options);
  // The same scoring over every entry, without candidate generation: the reference that tests
  // and benchmarks measure the index's recall against.
  Result<std::vector<Hit>> SearchAll(const NameQuery& query, const MatchConfig& config,
                                     const SearchOptions& options);

  // Candidates scored by the last Search (for measurements).
  size_t last_candidates() const { return last_candidates_; }

 private:
  struct QueryForm {
    const NameForm* form = nullptr;
    WeightedName weighted;
  };
  struct PreparedQuery {
    std::vector<NormalizedName> names;
    std::vector<WeightedName> weighted;                     // one per form
    std::vector<std::pair<size_t, const NameForm*>> forms;  // (query name, form)
  };
  Result<PreparedQuery> Prepare(const NameQuery& query, const MatchConfig& config);
  void Weigh(PreparedQuery& q, const MatchConfig& config) const;
  // The best name score over the entry's names (cheap: no explanation), or with `explain`
  // the full result with identifiers applied.
  MatchResult ScoreEntry(uint32_t entry, const PreparedQuery& q, const NameQuery& query,
                         const MatchConfig& config, bool explain);
  std::vector<Hit> Finish(std::vector<Hit> hits, const SearchOptions& options) const;
  std::vector<Hit> ScoreCandidates(const std::vector<uint32_t>& candidates,
                                   const PreparedQuery& prepared, const NameQuery& query,
                                   const MatchConfig& config, const SearchOptions& options);
  std::vector<WeightedName> entry_weighted_;  // scratch
  std::vector<float> vocab_weight_;           // per vocabulary part, for weights_config_
  MatchConfig weights_config_;
  bool weights_ready_ = false;

  const WatchlistIndex& index_;
  NameNormalizer normalizer_;
  struct Slot {
    float acc = 0;      // summed weight of the query parts this listed name shares
    uint32_t mark = 0;  // the last query part that counted for it
  };
  std::vector<Slot> slots_;  // per listed name
  std::vector<uint32_t> touched_;
  uint32_t NextPart();
  uint32_t part_counter_ = 0;
  std::vector<uint32_t> entry_mark_;
  uint32_t epoch_ = 0;
  size_t last_candidates_ = 0;
};

}  // namespace corridor::screening
