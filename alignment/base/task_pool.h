// Threads started once that run the side steps of a call: the other document's features, a
// share of a pass's costs, the backward sweep beside the forward one. Starting a thread for
// each such step cost more than the step on an article (the sample on two threads took 4.2 ms
// against 2.7 on one, with eight threads started and ended a call).
//
//   TaskPool::Task costs = TaskPool::Shared().Start([&] { status = ScoreRows(...); });
//   ScoreOtherRows(...);
//   costs.Join();  // run here if no pool thread has taken it yet
//
// A task that no pool thread has taken when it is joined runs on the joining thread, so a
// call never waits for a busy pool: with every pool thread taken by other calls it runs its
// steps one after the other, as on one thread. Tasks may start and join tasks of their own.
#ifndef NEWSALIGN_ALIGNMENT_BASE_TASK_POOL_H_
#define NEWSALIGN_ALIGNMENT_BASE_TASK_POOL_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"

namespace newsalign {

class TaskPool {
 private:
  struct State;

 public:
  // One step started on the pool. Join() returns once it has run; the destructor joins.
  class Task {
   public:
    Task() = default;
    Task(Task&&) = default;
    Task& operator=(Task&& other) {
      Join();
      state_ = std::move(other.state_);
      return *this;
    }
    ~Task() { Join(); }

    bool joinable() const { return state_ != nullptr; }
    // Runs the step here if no pool thread has taken it, else waits for it to end.
    void Join();

   private:
    friend class TaskPool;
    explicit Task(std::shared_ptr<State> state) : state_(std::move(state)) {}
    std::shared_ptr<State> state_;
  };

  // `threads` threads (at least 1), started now.
  explicit TaskPool(int threads);
  // Waits for the steps started to end, then for the threads.
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // The process's pool: one thread a CPU but one (the caller's; at least 1, at most 63),
  // started on first use and kept.
  static TaskPool& Shared();

  // Starts `step` on a pool thread; the returned task must be joined (or destroyed) before
  // anything `step` refers to.
  Task Start(std::function<void()> step);

  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Work();

  // std::mutex, as the service's locks: ThreadSanitizer sees it (Debian's Abseil is not built
  // with it, so an absl::Mutex hand-off would look like a race).
  std::mutex mutex_;
  std::condition_variable work_;
  std::deque<std::shared_ptr<State>> queue_ ABSL_GUARDED_BY(mutex_);
  // queue_.size(), read without the lock by a thread looking for work before it sleeps.
  std::atomic<int> queued_{0};
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_BASE_TASK_POOL_H_
