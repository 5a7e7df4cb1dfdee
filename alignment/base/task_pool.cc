#include "base/task_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <utility>

namespace newsalign {
namespace {

// How long a thread that would wait (a pool thread for the next step, a joining thread for a
// step running elsewhere) first looks again before it sleeps: a call's steps follow each other
// within microseconds, and sleeping between them made the sample article's request on two
// threads 2.13-2.20 ms instead of 1.85-1.94 (alternated, alignment and report).
constexpr std::chrono::microseconds kSpin{50};

// Calls `done` until it holds or kSpin has passed; whether it held.
template <typename Done>
bool SpinUntil(Done done) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (int round = 0;; ++round) {
    if (done()) return true;
    if ((round & 63) == 63 && std::chrono::steady_clock::now() > until) return false;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
}

}  // namespace

// A step and who runs it: pending until a pool thread or the joining thread claims it.
struct TaskPool::State {
  enum : int { kPending, kRunning, kDone };
  std::function<void()> step;
  // Set with release and read with acquire: the step's writes are seen by whoever reads kDone,
  // and the step itself by whoever claims it.
  std::atomic<int> phase{kPending};
  std::mutex mutex;
  std::condition_variable ended;

  // Runs the step if nobody has claimed it; whether this thread ran it.
  bool Claim() {
    int expected = kPending;
    if (!phase.compare_exchange_strong(expected, kRunning, std::memory_order_acq_rel)) {
      return false;
    }
    step();
    step = nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    phase.store(kDone, std::memory_order_release);
    ended.notify_all();
    return true;
  }
};

void TaskPool::Task::Join() {
  if (state_ == nullptr) return;
  if (!state_->Claim() && !SpinUntil([this] {
        return state_->phase.load(std::memory_order_acquire) == State::kDone;
      })) {
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->ended.wait(lock, [this] {
      return state_->phase.load(std::memory_order_acquire) == State::kDone;
    });
  }
  state_ = nullptr;
}

TaskPool::TaskPool(int threads) {
  threads_.reserve(std::max(threads, 1));
  for (int t = 0; t < std::max(threads, 1); ++t) threads_.emplace_back([this] { Work(); });
}

TaskPool::~TaskPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

TaskPool& TaskPool::Shared() {
  // One thread a CPU but the caller's, which runs its own share; never destroyed: a call may
  // still hold tasks while the process exits.
  static TaskPool* const pool = new TaskPool(
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()) - 1, 1, 63));
  return *pool;
}

TaskPool::Task TaskPool::Start(std::function<void()> step) {
  auto state = std::make_shared<State>();
  state->step = std::move(step);
  state->phase.store(State::kPending, std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(state);
    queued_.fetch_add(1, std::memory_order_relaxed);
  }
  work_.notify_one();
  return Task(std::move(state));
}

void TaskPool::Work() {
  while (true) {
    std::shared_ptr<State> state;
    SpinUntil([this] { return queued_.load(std::memory_order_relaxed) > 0; });
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, with every step taken
      state = std::move(queue_.front());
      queue_.pop_front();
      queued_.fetch_sub(1, std::memory_order_relaxed);
    }
    // A step its caller has already run (or is running) is dropped.
    state->Claim();
  }
}

}  // namespace newsalign
