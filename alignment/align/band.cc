#include "align/band.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace newsalign {

Band::Band(int n, int m, int half_width) : lo_(n + 1), hi_(n + 1), offset_(n + 2) {
  for (int i = 0; i <= n; ++i) {
    const double center = n == 0 ? 0 : static_cast<double>(i) * m / n;
    lo_[i] = std::max(0, static_cast<int>(std::floor(center)) - half_width);
    hi_[i] = std::min(m, static_cast<int>(std::ceil(center)) + half_width);
    if (i == 0) lo_[i] = 0;
    if (i == n) hi_[i] = m;
  }
  offset_[0] = 0;
  for (int i = 0; i <= n; ++i) offset_[i + 1] = offset_[i] + (hi_[i] - lo_[i] + 1);
}

Band::Band(std::vector<int> lo, std::vector<int> hi)
    : lo_(std::move(lo)), hi_(std::move(hi)), offset_(lo_.size() + 1) {
  offset_[0] = 0;
  for (size_t i = 0; i < lo_.size(); ++i) offset_[i + 1] = offset_[i] + (hi_[i] - lo_[i] + 1);
}

int64_t Band::CountCells(int n, int m, int half_width) {
  int64_t cells = 0;
  for (int i = 0; i <= n; ++i) {
    const double center = n == 0 ? 0 : static_cast<double>(i) * m / n;
    int lo = std::max(0, static_cast<int>(std::floor(center)) - half_width);
    int hi = std::min(m, static_cast<int>(std::ceil(center)) + half_width);
    if (i == 0) lo = 0;
    if (i == n) hi = m;
    cells += hi - lo + 1;
  }
  return cells;
}

}  // namespace newsalign
