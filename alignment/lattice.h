// The alignment lattice: every way of cutting both documents into beads, scored bead by bead.
// Internal to the aligner (aligner.h is the public API); exposed for tests, which check the
// banded dynamic programme against brute-force enumeration of all bead sequences.
#ifndef NEWSALIGN_ALIGNMENT_LATTICE_H_
#define NEWSALIGN_ALIGNMENT_LATTICE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "alignment/aligner.h"
#include "alignment/sentence_features.h"
#include "alignment/stop_condition.h"

namespace newsalign {

// A move of the dynamic programme: how many source and target sentences one bead takes.
struct Move {
  int source;
  int target;
};

// Returns the bead shapes `options` allows, 1-1 first.
std::vector<Move> MovesFor(const AlignOptions& options);

// The search band: row i (source sentences consumed) spans target positions [lo(i), hi(i)],
// centred on the diagonal from (0, 0) to (n, m). Cells are stored row after row in one buffer.
class Band {
 public:
  Band(int n, int m, int half_width);
  // Returns the number of cells the band of these sizes holds, without building it.
  static int64_t CountCells(int n, int m, int half_width);
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
  // `max_run` is the most sentences of one side any bead takes: runs up to it have their
  // anchors merged once here instead of in every Cost().
  BeadScorer(const PairFeatures& features, const LengthStatistics& length,
             const ModelWeights& weights, int max_run = 5);

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

 private:
  const PairFeatures& f_;
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
  mutable std::vector<uint32_t> source_ids_, target_ids_, matched_ids_;
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
  // The path runs within a few cells of the band's edge (not the document's): a wider band may
  // find a better one.
  bool touches_band_edge = false;
};

// Finds the lowest-cost path through the band (Viterbi) and each of its beads' posterior
// (forward–backward, costs divided by `temperature`). With `posterior_samples` > 0 also fills
// the omission and addition probabilities and draws that many paths from the posterior (from a
// fixed seed: the same input draws the same paths). Checks `stop` every 32 rows.
absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, int half_width,
                                         double temperature, const StopCondition& stop,
                                         int posterior_samples = 0);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_LATTICE_H_
