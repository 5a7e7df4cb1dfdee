#include "server/call_gate.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace newsalign {
namespace {

// How often a waiting call looks at its deadline and cancellation.
constexpr std::chrono::milliseconds kPoll(20);

}  // namespace

CallGate::Ticket& CallGate::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    if (gate_ != nullptr) gate_->Leave();
    gate_ = other.gate_;
    other.gate_ = nullptr;
  }
  return *this;
}

CallGate::Ticket::~Ticket() {
  if (gate_ != nullptr) gate_->Leave();
}

CallGate::CallGate(int workers, int queue, int64_t max_waiting_bytes)
    : workers_(std::max(workers, 1)),
      queue_(std::max(queue, 0)),
      max_waiting_bytes_(std::max<int64_t>(max_waiting_bytes, 0)) {}

absl::StatusOr<CallGate::Ticket> CallGate::Enter(const StopCondition& stop, int64_t bytes) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (running_ < workers_ && waiting_.empty()) {
    ++running_;
    return Ticket(this);
  }
  if (static_cast<int>(waiting_.size()) >= queue_) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the server is busy: ", running_, " alignments running (--workers=", workers_, ") and ",
        waiting_.size(), " waiting (--queue=", queue_,
        "); retry later, or start the server with a longer queue or more replicas"));
  }
  if (max_waiting_bytes_ > 0 && waiting_bytes_ + bytes > max_waiting_bytes_) {
    constexpr double kMib = 1 << 20;
    return absl::ResourceExhaustedError(absl::StrFormat(
        "the server is busy: %d alignments running (--workers=%d) and %d waiting with %.1f MiB "
        "of requests; this one's %.1f MiB would pass the queue's %.0f MiB (--queue_mib); retry "
        "later, or start the server with a larger queue or more replicas",
        running_, workers_, waiting_.size(), waiting_bytes_ / kMib, bytes / kMib,
        max_waiting_bytes_ / kMib));
  }
  const uint64_t ticket = next_ticket_++;
  waiting_.emplace_back(ticket, bytes);
  waiting_bytes_ += bytes;
  while (true) {
    if (running_ < workers_ && waiting_.front().first == ticket) {
      StopWaiting(ticket);
      ++running_;
      // The next in line may go too if another worker is free.
      turn_.notify_all();
      return Ticket(this);
    }
    turn_.wait_for(lock, kPoll);
    if (running_ < workers_ && waiting_.front().first == ticket) continue;
    lock.unlock();
    absl::Status stopped = stop.Check();
    lock.lock();
    if (!stopped.ok()) {
      StopWaiting(ticket);
      turn_.notify_all();
      return stopped;
    }
  }
}

void CallGate::StopWaiting(uint64_t ticket) {
  const auto it = std::find_if(waiting_.begin(), waiting_.end(),
                               [ticket](const auto& call) { return call.first == ticket; });
  waiting_bytes_ -= it->second;
  waiting_.erase(it);
}

void CallGate::Leave() {
  std::lock_guard<std::mutex> lock(mutex_);
  --running_;
  turn_.notify_all();
}

int CallGate::running() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_;
}

int CallGate::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<int>(waiting_.size());
}

int64_t CallGate::waiting_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_bytes_;
}

}  // namespace newsalign
