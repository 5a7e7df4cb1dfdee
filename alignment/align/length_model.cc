#include "align/length_model.h"

#include <algorithm>
#include <cmath>

namespace newsalign {

LengthStatistics InitialLengthStatistics(const std::vector<double>& source,
                                         const std::vector<double>& target,
                                         const ModelWeights& w) {
  LengthStatistics length;
  double ls = 0, lt = 0;
  for (double l : source) ls += l;
  for (double l : target) lt += l;
  if (ls > 0 && lt > 0) length.ratio = lt / ls;
  length.variance = w.variance_initial;
  return length;
}

LengthStatistics EstimateLengthStatistics(const std::vector<std::pair<double, double>>& pairs,
                                          const LengthStatistics& fallback,
                                          const ModelWeights& w) {
  double sum_source = 0, sum_target = 0;
  for (const auto& [ls, lt] : pairs) {
    sum_source += ls;
    sum_target += lt;
  }
  if (static_cast<double>(pairs.size()) < w.length_min_pairs || sum_source <= 0 ||
      sum_target <= 0) {
    return fallback;
  }
  LengthStatistics s;
  s.ratio = sum_target / sum_source;
  // Deviations in units of the mean's square root alone (variance 1).
  const LengthStatistics unit{s.ratio, 1.0};
  std::vector<double> deviations;
  deviations.reserve(pairs.size());
  for (const auto& [ls, lt] : pairs) deviations.push_back(std::fabs(LengthDeviation(unit, ls, lt)));
  std::nth_element(deviations.begin(), deviations.begin() + deviations.size() / 2,
                   deviations.end());
  const double mad = deviations[deviations.size() / 2];
  s.variance = std::clamp(std::pow(1.4826 * mad, 2), w.variance_min, w.variance_max);
  return s;
}

}  // namespace newsalign
