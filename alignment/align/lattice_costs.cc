// LatticeCosts (lattice.h): the bead costs of one search region, kept for the sweeps after
// the first and for a wider run of the same lattice.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "align/lattice.h"
#include "base/status_macros.h"

namespace newsalign {

absl::Status LatticeCosts::Reset(int64_t size, int64_t exact_limit, const StopCondition& stop,
                                 bool infinite) {
  exact_.reset();
  compact_.reset();
  size_ = 0;
  // Filled a block at a time, checking between blocks: at 20,000 sentences a side the cache
  // holds ~30 M costs, whose first touch alone takes tens of milliseconds.
  constexpr int64_t kBlock = 1 << 20;
  auto allocate = [&](auto* costs) -> absl::Status {
    using Cost = typename std::decay_t<decltype(*costs)>::element_type;
    // Not value-initialised: a page is first touched when filled or set.
    costs->reset(new Cost[static_cast<size_t>(size)]);
    size_ = size;
    if (!infinite) return absl::OkStatus();
    for (int64_t done = 0; done < size; done += kBlock) {
      RETURN_IF_ERROR(stop.Check());
      std::fill_n(costs->get() + done, std::min(kBlock, size - done),
                  std::numeric_limits<Cost>::infinity());
    }
    return absl::OkStatus();
  };
  return size <= exact_limit ? allocate(&exact_) : allocate(&compact_);
}

}  // namespace newsalign
