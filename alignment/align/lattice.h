// The alignment lattice: every way of cutting both documents into beads, scored bead by bead.
// Internal to the aligner (aligner.h is the public API); exposed for tests, which check the
// banded dynamic programme against brute-force enumeration of all bead sequences.
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_LATTICE_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_LATTICE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "align/aligner.h"
#include "align/band.h"
#include "align/bead_scorer.h"
#include "align/sentence_features.h"
#include "base/stop_condition.h"

namespace newsalign {

// The bead costs of one run, by cell of its region and move: a later run of the same lattice
// over a wider region (the same features, weights and moves) reads them instead of
// recomputing them.
struct LatticeCosts {
  Band band{0, 0, 0};
  size_t moves = 0;
  // The cost of (cell, move) at cell * moves + move; infinite where not computed. Kept in
  // double precision up to kExactCosts entries (every article: 250 sentences a side searched
  // whole are 0.95 M), in single precision beyond (documents of a few thousand sentences and
  // more: half the memory, posteriors within 1e-6; at 20,009 x 19,227 sentences 77 MB less,
  // with the same beads and confidences within 1e-4).
  static constexpr int64_t kExactCosts = 1 << 20;
  // `size` costs, in double precision if `size` <= `exact_limit`: every one infinite when
  // `infinite`, else unset until Set() (for a caller that sets every one: the threads that
  // score them then write each page first, where one thread filled them all before); the stop
  // condition's error if it holds while filling.
  absl::Status Reset(int64_t size, int64_t exact_limit, const StopCondition& stop,
                     bool infinite = true);
  bool empty() const { return size_ == 0; }
  double Get(int64_t index) const {
    return compact_ ? static_cast<double>(compact_[index]) : exact_[index];
  }
  void Set(int64_t index, double cost) {
    if (compact_) {
      compact_[index] = static_cast<float>(cost);
    } else {
      exact_[index] = cost;
    }
  }

 private:
  std::unique_ptr<double[]> exact_;
  std::unique_ptr<float[]> compact_;
  int64_t size_ = 0;
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
  // With LatticeOptions::edge_mass, also the rows whose edge cells hold more posterior
  // probability than that: a wider region holds paths the sums would miss.
  std::vector<int> edge_rows;
  // With LatticeOptions::only_path_at_edge, whether this run stopped after finding edge_rows:
  // it then holds only them, best_cost and the costs.
  bool stopped_at_edge = false;
  // Whether it stopped for the posterior alone (LatticeOptions::edge_mass): the path is clear.
  bool stopped_for_mass = false;
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
  // When the lowest-cost path presses the region's edge, return its edge rows (and the costs)
  // without the sums, the beads or the draws (LatticeResult::stopped_at_edge): for a caller
  // that then runs a wider region.
  bool only_path_at_edge = false;
  // With only_path_at_edge, the most posterior probability a cell on the region's edge (not the
  // document's) may hold, at the confidences' temperature or the coverage's, before the run
  // stops there too and returns the rows where it is exceeded: a region that cuts off paths
  // the confidences, omission probabilities and draws would count is widened, not trusted.
  // 0: the path alone decides.
  double edge_mass = 0;
  // Fill each bead's length score, anchor score and anchors (Bead::length_score, anchor_score,
  // anchors). Off for a pass whose beads only place a later search and give it its counts:
  // reading a bead's anchors (their names copied) cost a pass as much as its omission sums.
  bool bead_evidence = true;
};

// Finds the lowest-cost path through the band (Viterbi) and each of its beads' posterior
// (forward–backward, costs divided by `temperature`). With `posterior_samples` > 0 also fills
// the omission and addition probabilities and draws that many paths from the posterior (from a
// fixed seed: the same input draws the same paths). Checks `stop` every 64 scored cells
// and every 1,024 cells of the other sweeps.
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
