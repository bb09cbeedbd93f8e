// The scorer: compares a traveller's name (and date of birth, nationality, sex, document) with a
// watchlist entry and says how alike they are, what to do (match / review / no match), and why,
// part by part. docs/screening.md states the formula; every number in it is a MatchConfig field.
//
// In short: each query name part is paired with at most one entry name part (or with two joined
// parts) by the best of exact, equivalent spelling (name data), transliteration (consonants of
// unvocalised scripts), phonetic key, edit distance 1-2, or initial. Each part weighs by its
// rarity in the lists (a match on "Mohammed" alone proves little). The name score is the
// weighted share of matched parts, scaled down when the matched parts are all common; then date
// of birth, nationality and sex add or subtract.
//
// Thread-safety: MatchConfig, TokenStats and the free functions are safe to share between
// threads once built. Screener holds a NameNormalizer: one Screener per thread.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "screening/normalize.hpp"
#include "screening/watchlist.hpp"

namespace corridor::screening {

// Thresholds and weights: plain data, loaded from configuration by the application.
struct MatchConfig {
  double match_threshold = 0.85;
  double review_threshold = 0.70;

  // Similarity of one pair of name parts, by how they match.
  double sim_exact = 1.0;
  double sim_variant = 0.95;             // equivalent spellings in the name data
  double sim_joined = 0.93;              // "abdulaziz" = "abdul" + "aziz"
  double sim_transliterated = 0.90;      // unvocalised script: same consonants
  double sim_phonetic = 0.85;            // same phonetic key
  double sim_edit1 = 0.85;               // one edit (parts of 4+ letters)
  double sim_edit2 = 0.72;               // two edits (parts of 8+ letters)
  double sim_translit_consonant = 0.75;  // unvocalised: one consonant differs (keys of 4+)
  double sim_initial = 0.50;             // "M." against "Mohammed"
  double min_pair_similarity = 0.45;
  size_t edit1_min_length = 6;  // one edit allowed from this length of the shorter spelling
  size_t edit2_min_length = 9;  // two edits from this length

  // Weights of name parts: rarity in the lists, 0..1.
  double common_weight_cap = 0.30;       // names of [common] never weigh more
  double optional_weight_factor = 0.30;  // Bahadur, Kumar, Devi
  double initial_weight = 0.15;          // an unmatched initial
  double min_weight = 0.05;
  // How much an unmatched part counts against the match (1 = as much as a matched one helps).
  double missing_query_factor = 0.70;  // the traveller has a part the entry lacks
  double missing_entry_factor = 0.45;  // the entry has a part the traveller lacks (lists carry
                                       // more name parts than passports)
  // Parts left over on both sides are different names, not dropped ones: they count with this
  // factor and at least this weight, however common.
  double conflict_factor = 0.80;
  double conflict_min_weight = 0.60;
  // Evidence: the rarity of what matched (the sum of similarity x weight over matched parts),
  // plus `extra_part_evidence` for every matched part after the first (a whole name of two
  // common parts says more than one common part). Below `evidence_required`, the name score is
  // scaled from `evidence_floor` up to 1: "Mohammed" alone against "Mohammed" stays low.
  double evidence_required = 0.80;
  double evidence_floor = 0.30;
  double extra_part_evidence = 0.30;
  double low_quality_alias_factor = 0.90;  // UN "Low" quality and OFAC weak aliases

  // Adjustments from other identifiers, added to the name score.
  double dob_same_date = 0.10;
  double dob_same_year = 0.04;  // year (or range, or approximate year) agrees
  double dob_conflict = -0.15;  // no listed date of birth is within a year
  double nationality_same = 0.03;
  double nationality_conflict = -0.05;  // weak: people hold several nationalities
  double sex_conflict = -0.10;

  Status Validate() const;  // thresholds ordered and within [0, 1], factors within [0, 1]
};

enum class Decision { kNoMatch, kReview, kMatch };
std::string_view DecisionName(Decision d);

enum class MatchMethod {
  kExact,
  kVariant,
  kJoined,
  kTransliterated,
  kPhonetic,
  kEditDistance,
  kInitial,
  kMissing,  // a part on one side only
  kIgnored,  // titles and particles
};
std::string_view MatchMethodName(MatchMethod m);

struct PartMatch {
  std::string query_part;  // "" when the part is only on the entry side
  std::string entry_part;  // "" when the part is only on the query side
  MatchMethod method = MatchMethod::kMissing;
  int edits = 0;
  double similarity = 0;
  double query_weight = 0;
  double entry_weight = 0;
  bool transliterated = false;  // the two parts were written in different scripts
};

struct Adjustment {
  std::string reason;  // "date of birth 1970-01-01 equals listed 1970-01-01"
  double delta = 0;
};

struct MatchResult {
  double score = 0;  // final, in [0, 1]
  Decision decision = Decision::kNoMatch;
  double name_score = 0;  // before adjustments
  double similarity = 0;  // weighted share of matched parts
  double evidence = 0;    // rarity of what matched
  double evidence_factor = 1;
  std::string list, entry_id;
  std::string query_name;  // the query name that matched best
  std::string entry_name;  // the listed name that matched best
  NameQuality entry_name_quality = NameQuality::kPrimary;
  std::string reading;  // how a Han name was read ("Mandarin", "Korean", "Japanese"), else ""
  std::vector<PartMatch> parts;
  std::vector<Adjustment> adjustments;
  bool document_match = false;

  // A plain-text account for the officer and the review record, one fact a line.
  std::string Explain() const;
};

// What the border knows about the traveller.
struct NameQuery {
  std::vector<std::string> names;  // e.g. the Latin name from the MRZ and the name in its script
  std::optional<Date> date_of_birth;
  std::optional<int> birth_year;  // when only the year is known
  std::string nationality;        // ISO 3166 alpha-3
  Sex sex = Sex::kUnknown;
  std::string document_number;
  std::string document_country;  // ISO 3166 alpha-3
};

// Document frequencies of name parts over the names of the loaded lists, giving each part its
// weight: ln((N+1)/(df+1)) / ln(N+1), capped for common names, reduced for optional parts.
class TokenStats {
 public:
  void Add(const NormalizedName& name);
  void Add(const NameToken& token);  // one occurrence in one more name (see Add above)
  void CountName() { ++names_; }
  uint64_t names() const { return names_; }
  uint32_t Df(const NameToken& t) const;
  double Weight(const NameToken& t, const NameKnowledge& k, const MatchConfig& c) const;
  // The same with the part's frequency and commonness already looked up.
  double WeightOf(const NameToken& t, uint32_t df, bool common, const MatchConfig& c) const;

 private:
  uint64_t names_ = 0;
  std::unordered_map<std::string, uint32_t> df_;      // by canonical spelling
  std::unordered_map<std::string, uint32_t> key_df_;  // by phonetic key (for unvocalised parts)
};

// One side of a comparison: name parts with their weights.
struct WeightedName {
  std::vector<const NameToken*> tokens;
  std::vector<double> weights;
};
WeightedName Weigh(const NameForm& form, const TokenStats& stats, const NameKnowledge& k,
                   const MatchConfig& c);

struct NameScore {
  double score = 0;
  double similarity = 0;
  double evidence = 0;
  double evidence_factor = 1;
};

// Scores one reading of the query name against one listed name. `parts` (optional) receives
// the explanation.
NameScore ScoreNames(const WeightedName& query, const WeightedName& entry, const MatchConfig& c,
                     std::vector<PartMatch>* parts);

// Restricted Damerau-Levenshtein distance, or `limit + 1` once it exceeds `limit`.
int EditDistance(std::string_view a, std::string_view b, int limit);

// Adds the date-of-birth, nationality, sex and document adjustments to `result.name_score`,
// sets score and decision.
void ApplyIdentifiers(const NameQuery& query, const WatchlistEntry& entry, const MatchConfig& c,
                      MatchResult& result);

// Normalises and compares on the fly: for one-off comparisons and tests. The index keeps entries
// normalised and calls the same functions.
class Screener {
 public:
  Screener(const NameKnowledge& knowledge, const TokenStats& stats)
      : knowledge_(knowledge), stats_(stats), normalizer_(knowledge) {}

  Result<MatchResult> Compare(const NameQuery& query, const WatchlistEntry& entry,
                              const MatchConfig& config);
  // Two bare names (no identifiers): the name score and its explanation.
  Result<MatchResult> CompareNames(std::string_view query, std::string_view entry,
                                   const MatchConfig& config);
  NameNormalizer& normalizer() { return normalizer_; }

 private:
  const NameKnowledge& knowledge_;
  const TokenStats& stats_;
  NameNormalizer normalizer_;
};

}  // namespace corridor::screening
