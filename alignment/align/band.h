// The search region of the dynamic programme: which cells (source sentences consumed, target
// sentences consumed) the lattice visits. A band around the diagonal, or a corridor of any
// shape around a first estimate of the path (corridor.h).
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_BAND_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_BAND_H_

#include <cstdint>
#include <vector>

namespace newsalign {

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
    return RowStart(i) + j;
  }
  // The flat index of (i, j) less j, for row i (0 <= i < rows()): Index(i, j) for every j in
  // [lo(i), hi(i)] without the bounds checks, for loops along a row.
  int64_t RowStart(int i) const { return offset_[i] - lo_[i]; }

 private:
  std::vector<int> lo_, hi_;
  std::vector<int64_t> offset_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_BAND_H_
