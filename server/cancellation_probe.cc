#include "server/cancellation_probe.h"

#include <utility>

#include "absl/time/clock.h"

namespace newsalign {

CancellationProbe::CancellationProbe(std::function<bool()> is_cancelled, int64_t period_ns,
                                     std::function<int64_t()> now_ns)
    : is_cancelled_(std::move(is_cancelled)), period_ns_(period_ns), now_ns_(std::move(now_ns)) {}

int64_t CancellationProbe::Now() const {
  return now_ns_ ? now_ns_() : absl::GetCurrentTimeNanos();
}

bool CancellationProbe::Cancelled() {
  if (cancelled_.load(std::memory_order_relaxed)) return true;
  const int64_t now = Now();
  int64_t next = next_ns_.load(std::memory_order_relaxed);
  if (next == kUnset) {
    // The first look starts the period (a look on another thread may have started it first).
    next_ns_.compare_exchange_strong(next, now + period_ns_, std::memory_order_relaxed);
    return false;
  }
  // One of the threads that look once the period has ended asks; it starts the next period.
  if (now < next ||
      !next_ns_.compare_exchange_strong(next, now + period_ns_, std::memory_order_relaxed)) {
    return false;
  }
  if (!is_cancelled_()) return false;
  cancelled_.store(true, std::memory_order_relaxed);
  return true;
}

}  // namespace newsalign
