#include "server/call_gate.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"

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

CallGate::CallGate(int workers, int queue)
    : workers_(std::max(workers, 1)), queue_(std::max(queue, 0)) {}

absl::StatusOr<CallGate::Ticket> CallGate::Enter(const StopCondition& stop) {
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
  const uint64_t ticket = next_ticket_++;
  waiting_.push_back(ticket);
  while (true) {
    if (running_ < workers_ && waiting_.front() == ticket) {
      waiting_.pop_front();
      ++running_;
      // The next in line may go too if another worker is free.
      turn_.notify_all();
      return Ticket(this);
    }
    turn_.wait_for(lock, kPoll);
    if (running_ < workers_ && waiting_.front() == ticket) continue;
    lock.unlock();
    absl::Status stopped = stop.Check();
    lock.lock();
    if (!stopped.ok()) {
      waiting_.erase(std::find(waiting_.begin(), waiting_.end(), ticket));
      turn_.notify_all();
      return stopped;
    }
  }
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

}  // namespace newsalign
