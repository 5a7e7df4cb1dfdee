// Whether a server call was cancelled, asked of gRPC at most once a period. gRPC 1.51's
// synchronous server answers ServerContext::IsCancelled() by polling the call's completion
// queue under its locks (about three futex calls): asked at every check of the dynamic
// programme (thousands a second, from every thread scoring the call) it took a fifth of a
// 20,000-sentence call's time. The stop condition of a call (CallStopCondition) asks through
// one of these.
//
//   CancellationProbe probe([&context] { return context.IsCancelled(); }, 10'000'000);
//   if (probe.Cancelled()) return absl::CancelledError("...");
#ifndef NEWSALIGN_SERVER_CANCELLATION_PROBE_H_
#define NEWSALIGN_SERVER_CANCELLATION_PROBE_H_

#include <atomic>
#include <cstdint>
#include <functional>

namespace newsalign {

class CancellationProbe {
 public:
  // Asks `is_cancelled` at most once per `period_ns` nanoseconds of `now_ns` (the wall clock
  // unless given), the first time a whole period after the first look: work shorter than a
  // period (an article: a few milliseconds) never asks. The period starts at the first look,
  // not here: a call waits for a worker in the queue before its work looks, and a period
  // started on its arrival had every call that waited longer than a period ask as soon as its
  // work began (at 8 calls in flight, 3 of a call's 20 futex calls).
  CancellationProbe(std::function<bool()> is_cancelled, int64_t period_ns,
                    std::function<int64_t()> now_ns = nullptr);

  // Whether the call was found cancelled: by this look, when it is the first since the period
  // ended (one thread asks when several look at once), or by an earlier one (a cancellation,
  // once seen, is kept). Safe to call from several threads.
  bool Cancelled();

 private:
  int64_t Now() const;

  const std::function<bool()> is_cancelled_;
  const int64_t period_ns_;
  const std::function<int64_t()> now_ns_;
  // When the next look may ask; kUnset before the first look.
  static constexpr int64_t kUnset = INT64_MIN;
  std::atomic<int64_t> next_ns_{kUnset};
  std::atomic<bool> cancelled_{false};
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_CANCELLATION_PROBE_H_
