// The alignment lattice: every way of cutting both documents into beads, scored bead by bead.
// Internal to the aligner (aligner.h is the public API); exposed for tests, which check the
// banded dynamic programme against brute-force enumeration of all bead sequences.
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_LATTICE_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_LATTICE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "align/aligner.h"
#include "align/sentence_features.h"
#include "base/stop_condition.h"

namespace newsalign {

// A move of the dynamic programme: how many source and target sentences one bead takes.
struct Move {
  int source;
  int target;
};

// Returns the bead shapes `options` allows, 1-1 first.
std::vector<Move> MovesFor(const AlignOptions& options);

// The search region: row i (source sentences consumed) spans target positions [lo(i), hi(i)].
// Either a band centred on the diagonal from (0, 0) to (n, m), or a corridor of any shape
// (around a first estimate of the path; see corridor.h). Cells are stored row after row in one
// buffer.
class Band {
 public:
  // The diagonal band of half-width `half_width`.
  Band(int n, int m, int half_width);
  // A region of the given rows: lo[0] must be 0, hi.back() the target's size, and consecutive
  // rows must overlap (lo[i + 1] <= hi[i]) so that a path joins (0, 0) to the end.
  Band(std::vector<int> lo, std::vector<int> hi);
  // Returns the number of cells the diagonal band of these sizes holds, without building it.
  static int64_t CountCells(int n, int m, int half_width);
  int rows() const { return static_cast<int>(lo_.size()); }
  int lo(int i) const { return lo_[i]; }
  int hi(int i) const { return hi_[i]; }
  int64_t cells() const { return offset_.back(); }
  // Returns the flat index of (i, j), or -1 outside the band.
  int64_t Index(int i, int j) const {
    if (i < 0 || i >= static_cast<int>(lo_.size()) || j < lo_[i] || j > hi_[i]) return -1;
    return offset_[i] + (j - lo_[i]);
  }

 private:
  std::vector<int> lo_, hi_;
  std::vector<int64_t> offset_;
};

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
  // then says why.
  BeadScorer(const PairFeatures& features, const LengthStatistics& length,
             const ModelWeights& weights, int max_run = 5, const Band* region = nullptr,
             const StopCondition* stop = nullptr);

  // The layout's cost of the bead of source [i0, i1) and target [j0, j1), both non-empty: a
  // paragraph begun on one side only, a heading paired with what is not one. 0 when either
  // side has no paragraphs.
  double LayoutPenalty(int i0, int i1, int j0, int j1) const;

  // Length deviation of a bead of `ls` source and `lt` target code points, in standard units.
  double Deviation(double ls, double lt) const;

  // Returns the cost of the bead of source [i0, i1) and target [j0, j1). When given, also sets
  // its length score, anchor score and the ids of the anchors matched across it.
  double Cost(int i0, int i1, int j0, int j1, double* length_score = nullptr,
              double* anchor_score = nullptr, std::vector<uint32_t>* matched = nullptr) const;

  // The same, always by merging the two sides' anchor lists (for tests of the index).
  double CostByMerge(int i0, int i1, int j0, int j1) const;

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
  double Prior(int ns, int nt) const;
  double Combine(int i0, int i1, int j0, int j1, const Evidence& evidence,
                 double* length_score, double* anchor_score) const;
  // Whether the pair index holds every sentence pair of the bead.
  bool Indexed(int i0, int i1, int j0, int j1) const;
  void BuildPairIndex(const Band& region, int max_run, const StopCondition& stop);

  const PairFeatures& f_;
  absl::Status status_;
  LengthStatistics length_;
  const ModelWeights& w_;
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

// The bead costs of one run, by cell of its region and move: a later run of the same lattice
// over a wider region (the same features, weights and moves) reads them instead of
// recomputing them.
struct LatticeCosts {
  Band band{0, 0, 0};
  size_t moves = 0;
  // The cost of (cell, move) at cell * moves + move; infinite where not computed. Kept in
  // double precision up to kExactCosts entries (every article, so their posteriors are
  // computed exactly as before), in single precision beyond (long documents: half the
  // memory, posteriors within 1e-6).
  static constexpr int64_t kExactCosts = 16 << 20;
  // `size` costs, every one infinite, in double precision if `size` <= `exact_limit`; the stop
  // condition's error if it holds while filling.
  absl::Status Reset(int64_t size, int64_t exact_limit, const StopCondition& stop);
  bool empty() const { return exact_.empty() && compact_.empty(); }
  double Get(int64_t index) const {
    return compact_.empty() ? exact_[index] : static_cast<double>(compact_[index]);
  }
  void Set(int64_t index, double cost) {
    if (compact_.empty()) {
      exact_[index] = cost;
    } else {
      compact_[index] = static_cast<float>(cost);
    }
  }

 private:
  std::vector<double> exact_;
  std::vector<float> compact_;
};

struct LatticeResult {
  // The beads of the lowest-cost path, with their posterior probabilities as confidence.
  std::vector<Bead> beads;
  // Posterior probability that each source sentence is left without a target (in a 1-0 bead),
  // and each target sentence without a source (0-1), summed over every path.
  std::vector<double> omission_probability;
  std::vector<double> addition_probability;
  // Paths drawn from the posterior (as many as asked for): the source sentences each leaves
  // without a target, ascending.
  std::vector<std::vector<int>> sampled_omissions;
  // Cost of that path.
  double best_cost = 0;
  // log of the sum over all paths of exp(-cost / temperature).
  double log_partition = 0;
  // The rows, ascending, where the path runs within a few cells of the region's edge (not the
  // document's): a wider region may find a better path. Empty when it runs clear of the edge.
  std::vector<int> edge_rows;
  // With LatticeOptions::keep_costs, the bead costs.
  LatticeCosts costs;
};

// How one run of the lattice is read.
struct LatticeOptions {
  // Costs are divided by it before forward–backward (ModelWeights::temperature).
  double temperature = 1.0;
  // Paths drawn from the posterior; > 0 also fills the omission and addition probabilities.
  int posterior_samples = 0;
  // Only the lowest-cost path: no backward sweep, every bead's confidence 0. For the coarse
  // first estimates of the corridor search, where only the path's place matters.
  bool best_path_only = false;
  // Costs of an earlier run of the same lattice, reused where the regions overlap.
  const LatticeCosts* reuse = nullptr;
  // Return this run's costs (LatticeResult::costs) for a later run to reuse.
  bool keep_costs = false;
  // Most costs kept in double precision (LatticeCosts::kExactCosts); single precision beyond.
  int64_t exact_costs = LatticeCosts::kExactCosts;
};

// Finds the lowest-cost path through the band (Viterbi) and each of its beads' posterior
// (forward–backward, costs divided by `temperature`). With `posterior_samples` > 0 also fills
// the omission and addition probabilities and draws that many paths from the posterior (from a
// fixed seed: the same input draws the same paths). Checks `stop` every 32 rows.
// INVALID_ARGUMENT when options forbid omissions and no path of the allowed beads joins the two
// ends within the band.
absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, int half_width,
                                         double temperature, const StopCondition& stop,
                                         int posterior_samples = 0);

// The same within any search region.
absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, const Band& band,
                                         const LatticeOptions& lattice,
                                         const StopCondition& stop);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_LATTICE_H_
