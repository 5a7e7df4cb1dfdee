// Paths drawn from a lattice run's posterior (forward filtering, backward sampling), for the
// coverage interval: each path's omitted source sentences. Internal to the lattice
// (lattice.cc), apart so that it reads on its own.
//
//   std::vector<std::vector<int>> omitted;
//   RETURN_IF_ERROR(DrawPaths(band, moves, alpha, cost, temperature, 200, stop, &omitted));
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_POSTERIOR_DRAWS_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_POSTERIOR_DRAWS_H_

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "align/band.h"
#include "align/bead_scorer.h"
#include "base/stop_condition.h"

namespace newsalign {

// Draws `samples` paths backwards from the end of `band` to its start: at each cell the bead
// that ends there by move k is chosen with probability
// exp(alpha[start] - cost(i, j, k) / temperature - alpha[cell]), where `alpha` are the forward
// sums at `temperature` (by cell index in `band`) and cost(i, j, k) the cost of the bead of move
// k ending at cell (i, j). A fixed-seed generator makes the draws the same for the same input.
// Appends each path's omitted source sentences (of its 1-0 beads and larger omissions),
// ascending, to `omitted`. Fails with `stop`'s error once it holds (polled every 4096 steps),
// RESOURCE_EXHAUSTED past 2^31 memoised weights, INTERNAL if a cell has no bead to draw.
absl::Status DrawPaths(const Band& band, const std::vector<Move>& moves,
                       const std::vector<double>& alpha,
                       absl::FunctionRef<double(int i, int j, size_t k)> cost, double temperature,
                       int samples, const StopCondition& stop,
                       std::vector<std::vector<int>>* omitted);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_POSTERIOR_DRAWS_H_
