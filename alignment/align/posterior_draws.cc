#include "align/posterior_draws.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "align/log_space.h"
#include "base/status_macros.h"

namespace newsalign {

absl::Status DrawPaths(const Band& band, const std::vector<Move>& moves,
                       const std::vector<double>& alpha,
                       absl::FunctionRef<double(int i, int j, size_t k)> cost, double temperature,
                       int samples, const StopCondition& stop,
                       std::vector<std::vector<int>>* omitted) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const int n = band.rows() - 1;
  const int m = band.hi(n);
  const size_t k_moves = moves.size();
  std::mt19937_64 random(0x6e657773616c6eULL);
  // The draws keep to a few cells near the best path: each cell's bead weights are computed
  // on its first visit and kept (k_moves weights and their total, from memo[cell]).
  std::vector<int32_t> memo(band.cells(), -1);
  std::vector<double> memo_weights;
  // As in the sweeps, not at every step: a server's cancellation check takes a lock. A path
  // of a long document has as many steps as an article's 200 draws.
  StopPoller poll(stop, 4096);
  for (int sample = 0; sample < samples; ++sample) {
    std::vector<int> path_omitted;
    int si = n, sj = m;
    while (si > 0 || sj > 0) {
      RETURN_IF_ERROR(poll.Tick());
      const int64_t here = band.Index(si, sj);
      if (memo[here] < 0) {
        if (memo_weights.size() + k_moves + 1 > static_cast<size_t>(INT32_MAX)) {
          return absl::ResourceExhaustedError("too many cells drawn for the coverage interval");
        }
        memo[here] = static_cast<int32_t>(memo_weights.size());
        double sum = 0;
        for (size_t k = 0; k < k_moves; ++k) {
          double weight = 0;
          const int pi = si - moves[k].source, pj = sj - moves[k].target;
          const int64_t prev = pi < 0 || pj < 0 ? -1 : band.Index(pi, pj);
          if (prev >= 0 && alpha[prev] != -kInf) {
            weight = FastExp(alpha[prev] - cost(si, sj, k) / temperature - alpha[here]);
          }
          memo_weights.push_back(weight);
          sum += weight;
        }
        memo_weights.push_back(sum);
      }
      const double* weights = memo_weights.data() + memo[here];
      const double total = weights[k_moves];
      // 53 random bits, uniform in [0, total).
      double draw = static_cast<double>(random() >> 11) * 0x1.0p-53 * total;
      size_t chosen = k_moves;
      for (size_t k = 0; k < k_moves; ++k) {
        if (weights[k] <= 0) continue;
        chosen = k;
        if (draw < weights[k]) break;
        draw -= weights[k];
      }
      if (chosen == k_moves) return absl::InternalError("posterior sampling found no bead");
      if (moves[chosen].target == 0) {
        for (int k = si - moves[chosen].source; k < si; ++k) path_omitted.push_back(k);
      }
      si -= moves[chosen].source;
      sj -= moves[chosen].target;
    }
    std::sort(path_omitted.begin(), path_omitted.end());
    omitted->push_back(std::move(path_omitted));
  }
  return absl::OkStatus();
}

}  // namespace newsalign
