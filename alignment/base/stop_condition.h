// When long work must stop: a deadline and an optional cancellation probe.
//
// The aligner polls Check() between rows of its dynamic programme, so a caller's deadline
// (gRPC's, or the client's --deadline) stops the work instead of letting it run on unseen.
//
//   StopCondition stop(absl::Now() + absl::Seconds(2));
//   RETURN_IF_ERROR(stop.Check());
#ifndef NEWSALIGN_ALIGNMENT_BASE_STOP_CONDITION_H_
#define NEWSALIGN_ALIGNMENT_BASE_STOP_CONDITION_H_

#include <cstdint>
#include <functional>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace newsalign {

class StopCondition {
 public:
  // Never stops.
  StopCondition() = default;
  // Stops at `deadline`, or as soon as `cancelled` (if given) returns true.
  explicit StopCondition(absl::Time deadline, std::function<bool()> cancelled = nullptr)
      : deadline_(deadline), cancelled_(std::move(cancelled)) {}

  // Returns OK to go on, DEADLINE_EXCEEDED past the deadline, CANCELLED when cancelled.
  absl::Status Check() const {
    if (cancelled_ && cancelled_()) return absl::CancelledError("the call was cancelled");
    if (deadline_ != absl::InfiniteFuture() && absl::Now() >= deadline_) {
      return absl::DeadlineExceededError(
          "the deadline passed before the alignment finished; allow more time or send a "
          "smaller document");
    }
    return absl::OkStatus();
  }

 private:
  absl::Time deadline_ = absl::InfiniteFuture();
  std::function<bool()> cancelled_;
};

// Checks a StopCondition once every `period` calls of Tick(): for loops whose steps are too
// short to pay a check each (a server's cancellation probe takes a lock). Choose the period so
// that it stands for about a millisecond of work or less.
//
//   StopPoller poll(stop, 256);
//   for (const Sentence& s : sentences) {
//     RETURN_IF_ERROR(poll.Tick());
//     ...
//   }
class StopPoller {
 public:
  StopPoller(const StopCondition& stop, int period) : stop_(stop), period_(period) {}

  // OK, or the condition's error on every period-th call once it holds.
  absl::Status Tick() { return Tick(1); }

  // The same for `steps` steps at once (a row of cells): checks when the steps since the last
  // check reach the period.
  absl::Status Tick(int64_t steps) {
    count_ += steps;
    if (count_ < period_) return absl::OkStatus();
    count_ = 0;
    return stop_.Check();
  }

 private:
  const StopCondition& stop_;
  const int period_;
  int64_t count_ = 0;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_BASE_STOP_CONDITION_H_
