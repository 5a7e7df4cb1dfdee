// Beads and their cost: the shapes a bead may take (1-1, 1-0, 0-1, 1-2, ... 5-1), the prior
// of each shape, and the scorer that prices one bead from the length model, the anchors its
// sentences share and the layout. Internal to the aligner; exposed for tests.
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_BEAD_SCORER_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_BEAD_SCORER_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "align/aligner.h"
#include "align/band.h"
#include "align/length_model.h"
#include "align/model_weights.h"
#include "align/sentence_features.h"
#include "base/stop_condition.h"

namespace newsalign {

// The most sentences on one side of a bead (AlignOptions::max_bead_sentences at most).
constexpr int kMaxBeadSentences = 5;

// A move of the dynamic programme: how many source and target sentences one bead takes.
struct Move {
  int source;
  int target;
};

// Returns the bead shapes `options` allows, 1-1 first.
std::vector<Move> MovesFor(const AlignOptions& options);

// The bead shapes, as their priors price them: a shape and its mirror (1-2 and 2-1) share one.
enum class BeadPrior { k1_1, k1_2, k2_2, k1_3, k2_3, k1_4, k1_5, kOmission };

// The prior that prices a bead of `ns` source and `nt` target sentences: kOmission when either
// is 0, k1_1 for a shape no move makes.
BeadPrior PriorOf(int ns, int nt);

// The field of ModelWeights that holds `prior` (for kOmission, omission_fixed).
double ModelWeights::*PriorWeight(BeadPrior prior);

// The cost of one bead (-log probability, in nats): bead-type prior + Gale–Church length cost
// - capped anchor evidence + penalties for anchors on one side only; omissions and additions
// have a price of their own.
class BeadScorer {
 public:
  // `max_run` is the most sentences of one side any bead takes. Without `region`, runs up to
  // it have their anchors merged once here instead of in every Cost().
  // With `region`, the anchors each source sentence shares with each target sentence it can
  // meet in a bead inside the region are found once here (through an index of the target's
  // anchors), and Cost() reads them instead of merging both sides' anchor lists: its work is
  // then the number of anchors a bead matches, not the number its sentences hold. Cost() of a
  // bead outside the region (or without one) merges the lists; both give the same value.
  // Building the index polls `stop` (when given) and leaves it out once it holds; status()
  // then says why. With `threads` above 1 a large index is built on two threads; it is the
  // same index.
  BeadScorer(const PairFeatures& features, const LengthStatistics& length,
             const ModelWeights& weights, int max_run = 5, const Band* region = nullptr,
             const StopCondition* stop = nullptr, int threads = 1);

  // The layout's cost of the bead of source [i0, i1) and target [j0, j1), both non-empty: a
  // paragraph begun on one side only, a heading paired with what is not one. 0 when either
  // side has no paragraphs.
  double LayoutPenalty(int i0, int i1, int j0, int j1) const;

  // Length deviation of a bead of `ls` source and `lt` target code points, in standard units
  // (LengthDeviation under the scorer's length model).
  double Deviation(double ls, double lt) const { return LengthDeviation(length_, ls, lt); }

  // Returns the cost of the bead of source [i0, i1) and target [j0, j1). When given, also sets
  // its length score, anchor score and the ids of the anchors matched across it.
  double Cost(int i0, int i1, int j0, int j1, double* length_score = nullptr,
              double* anchor_score = nullptr, std::vector<uint32_t>* matched = nullptr) const;

  // The same, always by merging the two sides' anchor lists (for tests of the index).
  double CostByMerge(int i0, int i1, int j0, int j1) const;

  // Working space of CostsEndingAt, one per thread: the anchors of the bead being grown, and
  // its evidence so far.
  class CellScratch {
   private:
    friend class BeadScorer;
    // An anchor of the bead: which sentences of each side hold it (bit and slot d: the
    // sentence d before the cell), their counts of it, and the counts summed.
    struct Entry {
      uint32_t id;
      uint8_t source_holds;
      uint8_t target_holds;
      uint16_t source_of[kMaxBeadSentences];
      uint16_t target_of[kMaxBeadSentences];
      int source_total;
      int target_total;
    };
    // Empties the bead.
    void Clear();
    // Sizes the tables by anchor id for a vocabulary of `size` anchors.
    void Fit(size_t size) {
      if (entry_of_.size() < size) {
        entry_of_.resize(size, 0);
        run_totals_.resize(size, 0);
      }
    }
    // The entry of anchor `id`, added empty when the bead has none yet.
    Entry& Find(uint32_t id) {
      const uint32_t at = entry_of_[id];
      if (at != 0) return chain_[at - 1];
      Entry& entry = chain_.emplace_back();
      entry.id = id;
      entry_of_[id] = static_cast<uint32_t>(chain_.size());
      return entry;
    }

    std::vector<Entry> chain_;
    // By anchor id: its entry's index in chain_ + 1, or 0 when the bead has none (Fit() sizes
    // it; an anchor's id is its index in the vocabulary, so no hash is needed).
    std::vector<uint32_t> entry_of_;
    // The bead's evidence so far, kept as each pair's matches come in: the matched weight, the
    // matched anchors' penalties (each side's), and the weight found of each slot's sentence.
    // Weights lie on OnWeightGrid's grid, so each sum is exactly the one Cost() adds up.
    struct Sums {
      double gain = 0;
      double matched_penalty = 0;
      double found_source[kMaxBeadSentences] = {};
      double found_target[kMaxBeadSentences] = {};
    };
    Sums sums_;
    // Takes the bead back to the one of `entries` entries and evidence `sums` it was before
    // target slot `d` (held by none of those entries then) was added.
    void DropTargetSlot(int d, size_t entries, const Sums& sums);
    // For a bead with one sentence on a side (1-L, L-1), by anchor id: how many times the
    // other side's sentences hold it so far. Zero outside the bead being grown (Fit() sizes it).
    std::vector<int> run_totals_;
  };

  // Sets costs[k] to Cost() of the bead of move k that ends at cell (i, j), for every k whose
  // bit is set in `wanted`; the others are left as they are. Each bead must lie inside the
  // documents. The same values as Cost(), to the last bit. The beads share their work: 1-2
  // adds one sentence pair's matches from the pair index to those of 1-1, 1-3 one more, and so
  // on (2-1 to 5-1 alike; 2-3 and 3-2 from 2-2), instead of merging all their pairs' again.
  void CostsEndingAt(int i, int j, const std::vector<Move>& moves, uint32_t wanted,
                     double* costs, CellScratch* scratch) const;

  // OK, or the stop condition's error when it held while the pair index was built.
  const absl::Status& status() const { return status_; }

 private:
  // The anchor evidence of a bead with both sides non-empty: matched weight (uncapped), the
  // penalty of the anchors left unmatched (uncapped), and the silent sentences' count.
  struct Evidence {
    double gain = 0;
    double loss = 0;
    double silent = 0;
  };
  Evidence EvidenceByMerge(int i0, int i1, int j0, int j1,
                           std::vector<uint32_t>* matched) const;
  Evidence EvidenceByIndex(int i0, int i1, int j0, int j1,
                           std::vector<uint32_t>* matched) const;
  // Whether the pair index holds the pairs of source sentence s with targets [j0, j1).
  bool PairIndexed(int s, int j0, int j1) const {
    return !first_.empty() && j0 >= first_[s] && j1 <= last_[s];
  }
  // The pricing of one cell's beads (CostsEndingAt) is the aligner's inner loop. Its steps
  // below are defined in cell_costs.cc, the only file that calls them, and always inlined
  // there: each call site then knows its slots and lengths, and a cell's beads share the loads
  // of their common end. Inlining them took the sample request from 19.96 to 19.37 M
  // instructions, with the same costs to the bit (its wall time did not move measurably:
  // bench/RESULTS.md, 2026-12-06, fourth session).
  //
  // Adds the matches of sentence pair (s, t), slots d_source and d_target of the bead, to
  // `scratch` and its evidence.
  __attribute__((always_inline)) inline void AddPair(int s, int t, int d_source, int d_target,
                                                     CellScratch* scratch) const;
  struct Match;
  // Adds the matches of sentence pair (s, t) to a bead whose one sentence is s (kOneSource:
  // 1-L, t its target slot d) or t (L-1, s its source slot d), whose evidence `scratch` holds
  // in its sums and run totals, without its table: with one sentence on a side, the weight
  // found of each sentence of the other is the pair's alone (each anchor found min(its two
  // counts) times), and the matched count of an anchor needs only the run's total of it.
  template <bool kOneSource>
  __attribute__((always_inline)) inline void AddToRun(int s, int t, int d,
                                                      CellScratch* scratch) const;
  // Sets the run totals of the anchors of pair (s, t) back to zero.
  void ClearRun(int s, int t, CellScratch* scratch) const;
  // AddPair()'s work for its matches [match, end), at least one.
  __attribute__((always_inline)) inline void AddMatches(const Match* match, const Match* end,
                                                        int d_source, int d_target,
                                                        CellScratch* scratch) const;
  // The cost of the bead of source [i0, i1) and target [j0, j1) whose anchors `scratch` holds
  // (slot d: sentence i1 - 1 - d, j1 - 1 - d), as Cost() finds it.
  __attribute__((always_inline)) inline double ChainCost(int i0, int i1, int j0, int j1,
                                                         const CellScratch& scratch) const;
  double Prior(int ns, int nt) const { return prior_[std::min(ns, nt)][std::max(ns, nt)]; }
  double Combine(int i0, int i1, int j0, int j1, const Evidence& evidence,
                 double* length_score, double* anchor_score) const;
  // Whether the pair index holds every sentence pair of the bead.
  bool Indexed(int i0, int i1, int j0, int j1) const;
  void BuildPairIndex(const Band& region, int max_run, const StopCondition& stop, int threads);

  const PairFeatures& f_;
  absl::Status status_;
  LengthStatistics length_;
  const ModelWeights& w_;
  // The prior of each bead shape by its smaller and larger side, from PriorOf.
  double prior_[kMaxBeadSentences + 1][kMaxBeadSentences + 1] = {};
  // Prefix sums of sentence lengths and of orphan numbers.
  std::vector<double> prefix_source_, prefix_target_;
  std::vector<double> orphans_source_, orphans_target_;
  // Prefix counts of paragraph starts and of headings; empty unless both sides have paragraphs.
  std::vector<int> starts_source_, starts_target_, headings_source_, headings_target_;
  // The sorted anchor ids of every run of k sentences, k = 1 .. max_run: the run of k starting
  // at sentence i is data[offset[i] .. offset[i + 1]) of runs[k - 1].
  struct Runs {
    std::vector<uint32_t> data;
    std::vector<size_t> offset;
  };
  static std::vector<Runs> MergeRuns(const std::vector<std::vector<uint32_t>>& anchors,
                                     int max_run);
  std::vector<Runs> source_runs_, target_runs_;

  // Prefix sums of each sentence's unmatched-anchor penalties (every anchor unmatched).
  std::vector<double> penalty_source_, penalty_target_;
  // The pair index: for source sentence s, target sentences [first_[s], last_[s]) each have
  // the anchors they share with s in matches_[offset_[row_base_[s] + t - first_[s]] ..
  // offset_[row_base_[s] + t - first_[s] + 1]), ascending by id, with both counts.
  struct Match {
    uint32_t id;
    uint16_t source_count;
    uint16_t target_count;
  };
  std::vector<int> first_, last_;
  std::vector<int64_t> row_base_;
  std::vector<uint32_t> offset_;
  std::vector<Match> matches_;
};

namespace bead_internal {

// The silent sentences of a merged side of `count` sentences from `begin` (none for one
// sentence): each holding anchors of its own counts 1 when none is found across the bead
// (`threshold` 0), else how far the weight found falls short of `threshold`. found(k) is the
// weight found of the side's k-th sentence in the bead.
template <typename Found>
double Silence(const SideFeatures& side, int begin, int count, double threshold, Found found) {
  double sum = 0;
  if (count < 2) return sum;
  for (int k = 0; k < count; ++k) {
    if (side.anchors[begin + k].empty()) continue;
    const double weight = found(k);
    sum += threshold <= 0 ? (weight == 0) : std::max(0.0, 1.0 - weight / threshold);
  }
  return sum;
}

}  // namespace bead_internal

// Defined here so that CostsEndingAt (cell_costs.cc) inlines them: they price every bead.
inline double BeadScorer::LayoutPenalty(int i0, int i1, int j0, int j1) const {
  if (starts_source_.empty() || starts_target_.empty()) return 0;
  double penalty = 0;
  // Whether the bead's first sentence starts a paragraph, from the prefix counts (reading
  // SideFeatures::paragraph_start, a vector<bool>, cost more than the rest of the function).
  const bool source_starts = starts_source_[i0 + 1] > starts_source_[i0];
  const bool target_starts = starts_target_[j0 + 1] > starts_target_[j0];
  if (source_starts != target_starts) penalty += w_.paragraph_boundary_penalty;
  // A merged side that runs over a paragraph's end: translators keep paragraphs.
  penalty += w_.paragraph_boundary_penalty * (starts_source_[i1] - starts_source_[i0 + 1] +
                                              starts_target_[j1] - starts_target_[j0 + 1]);
  const bool source_heading = headings_source_[i1] > headings_source_[i0];
  const bool target_heading = headings_target_[j1] > headings_target_[j0];
  const bool merged = i1 - i0 > 1 || j1 - j0 > 1;
  if (source_heading != target_heading || (merged && (source_heading || target_heading))) {
    penalty += w_.heading_penalty;
  }
  return penalty;
}

inline double BeadScorer::Combine(int i0, int i1, int j0, int j1, const Evidence& evidence,
                                  double* length_score, double* anchor_score) const {
  const int ns = i1 - i0, nt = j1 - j0;
  const double ls = prefix_source_[i1] - prefix_source_[i0];
  const double lt = prefix_target_[j1] - prefix_target_[j0];
  const double prior = Prior(ns, nt);
  const double z = Deviation(ls, lt);
  const double length_cost = LengthCost(w_, z);
  if (length_score) *length_score = LengthScore(z);
  double loss = std::min(std::max(evidence.loss, 0.0), w_.penalty_cap);
  // In a merged side, a sentence none of whose anchors is found across the bead is likely an
  // omission or an addition glued to its neighbour.
  if (w_.silent_sentence_penalty > 0 && (ns > 1 || nt > 1) && evidence.gain > 0) {
    loss += w_.silent_sentence_penalty * evidence.silent;
  }
  loss += w_.orphan_number_penalty * (orphans_source_[i1] - orphans_source_[i0] +
                                      orphans_target_[j1] - orphans_target_[j0]);
  loss += LayoutPenalty(i0, i1, j0, j1);
  const double capped = std::min(evidence.gain, w_.anchor_cap);
  if (anchor_score) *anchor_score = w_.anchor_cap > 0 ? capped / w_.anchor_cap : 0;
  return prior + length_cost - capped + loss;
}

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_BEAD_SCORER_H_
