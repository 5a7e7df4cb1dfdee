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

CallGate::CallGate(int workers, int queue, int64_t max_waiting_bytes)
    : workers_(std::max(workers, 1)),
      queue_(std::max(queue, 0)),
      max_waiting_bytes_(std::max<int64_t>(max_waiting_bytes, 0)) {
  threads_.reserve(workers_);
  for (int k = 0; k < workers_; ++k) threads_.emplace_back([this] { Serve(); });
}

CallGate::~CallGate() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  arrived_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void CallGate::Serve() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    arrived_.wait(lock, [this] { return closing_ || !waiting_.empty(); });
    if (waiting_.empty()) return;  // closing, and nothing left to run
    Call* call = waiting_.front();
    waiting_.pop_front();
    waiting_bytes_ -= call->bytes;
    ++running_;
    lock.unlock();
    absl::Status status = call->work();
    lock.lock();
    --running_;
    call->status = std::move(status);
    call->done = true;
    // Under the lock: the caller cannot wake (and free the call) before this returns.
    call->finished.notify_one();
  }
}

absl::Status CallGate::Run(const StopCondition& stop, int64_t bytes,
                           absl::FunctionRef<absl::Status()> work) {
  std::unique_lock<std::mutex> lock(mutex_);
  // Calls already waiting are taken before this one: this one waits unless a thread is free
  // for it too.
  const int free_threads = workers_ - running_ - static_cast<int>(waiting_.size());
  if (free_threads <= 0) {
    const int waiting = static_cast<int>(waiting_.size()) - (workers_ - running_);
    if (waiting >= queue_) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the server is busy: ", running_, " alignments running (--workers=", workers_,
          ") and ", waiting, " waiting (--queue=", queue_,
          "); retry later, or start the server with a longer queue or more replicas"));
    }
    if (max_waiting_bytes_ > 0 && waiting_bytes_ + bytes > max_waiting_bytes_) {
      constexpr double kMib = 1 << 20;
      return absl::ResourceExhaustedError(absl::StrFormat(
          "the server is busy: %d alignments running (--workers=%d) and %d waiting with %.1f "
          "MiB of requests; this one's %.1f MiB would pass the queue's %.0f MiB (--queue_mib); "
          "retry later, or start the server with a larger queue or more replicas",
          running_, workers_, waiting, waiting_bytes_ / kMib, bytes / kMib,
          max_waiting_bytes_ / kMib));
    }
  }
  Call call{work, bytes};
  waiting_.push_back(&call);
  waiting_bytes_ += bytes;
  arrived_.notify_one();
  while (!call.done) {
    call.finished.wait_for(lock, kPoll);
    if (call.done) break;
    const auto it = std::find(waiting_.begin(), waiting_.end(), &call);
    if (it == waiting_.end()) continue;  // running: it watches `stop` itself
    lock.unlock();
    absl::Status stopped = stop.Check();
    lock.lock();
    if (stopped.ok()) continue;
    // Still waiting (no thread takes it while this one looks: the lock is held)?
    const auto still = std::find(waiting_.begin(), waiting_.end(), &call);
    if (still == waiting_.end()) continue;
    waiting_.erase(still);
    waiting_bytes_ -= bytes;
    return stopped;
  }
  return std::move(call.status);
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
