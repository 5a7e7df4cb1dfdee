// The length model (Gale & Church 1993): a translation's length in code points is about a
// fixed ratio of its source's, with a spread that grows with the length. Both are estimated
// from the pair itself: first from the two documents' totals, then from the first pass's
// confident 1-1 beads. A bead's deviation from the ratio, in standard units, is priced with a
// Laplace tail (ModelWeights::length_weight).
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_LENGTH_MODEL_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_LENGTH_MODEL_H_

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "align/model_weights.h"

namespace newsalign {

// The document's length model, as estimated from the pair itself.
struct LengthStatistics {
  // Target code points per source code point.
  double ratio = 1.0;
  // Variance of the length deviation per source code point.
  double variance = 1.0;
};

// The deviation of a bead of `source` and `target` code points from the ratio, in standard
// units: (target - ratio * source) / sqrt(variance * mean), where mean is the two sides'
// average length in target units (at least 1).
inline double LengthDeviation(const LengthStatistics& s, double source, double target) {
  const double mean = std::max(1.0, (s.ratio * source + target) / 2);
  return (target - s.ratio * source) / std::sqrt(s.variance * mean);
}

// The cost of a deviation `z`, in nats: a Laplace tail, which the data prefers to a Gaussian.
inline double LengthCost(const ModelWeights& w, double z) {
  return w.length_weight * std::sqrt(2.0) * std::fabs(z);
}

// How well the lengths agree: the two-sided tail probability of `z` under a standard normal,
// in [0, 1] (Bead::length_score).
inline double LengthScore(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

// The first estimate, from the documents' total lengths (`source` and `target`: each
// sentence's length in code points): the ratio of the totals (1 when either is 0) and
// ModelWeights::variance_initial.
LengthStatistics InitialLengthStatistics(const std::vector<double>& source,
                                         const std::vector<double>& target,
                                         const ModelWeights& w);

// The estimate from the lengths of confident 1-1 pairs (source, target): the ratio of their
// totals and a robust variance (the median absolute deviation, scaled to a standard deviation
// by 1.4826, squared), clamped to [variance_min, variance_max]. `fallback` when there are
// fewer than ModelWeights::length_min_pairs pairs or either total is 0.
LengthStatistics EstimateLengthStatistics(const std::vector<std::pair<double, double>>& pairs,
                                          const LengthStatistics& fallback,
                                          const ModelWeights& w);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_LENGTH_MODEL_H_
