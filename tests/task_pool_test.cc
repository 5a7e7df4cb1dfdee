// The task pool runs a call's side steps on threads started once: every step runs exactly
// once, on a pool thread or on the thread that joins it, and a busy pool never blocks a call.
#include "base/task_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace newsalign {
namespace {

TEST(TaskPoolTest, EveryStepRunsOnceAndItsWritesAreSeenAfterJoin) {
  TaskPool pool(2);
  std::vector<int> results(200, 0);
  std::vector<TaskPool::Task> tasks;
  for (int i = 0; i < 200; ++i) {
    tasks.push_back(pool.Start([&results, i] { results[i] += i * i; }));
  }
  for (TaskPool::Task& task : tasks) task.Join();
  for (int i = 0; i < 200; ++i) EXPECT_EQ(results[i], i * i) << i;
}

// Counts the threads a step first runs on (a thread-local flag: a thread id can be reused).
std::atomic<int> threads_seen{0};
void NoteThread() {
  thread_local bool seen = false;
  if (!seen) {
    seen = true;
    ++threads_seen;
  }
}

TEST(TaskPoolTest, StepsRunOnThePoolsThreadsNotOneStartedEach) {
  TaskPool pool(2);
  NoteThread();  // this thread
  const int before = threads_seen.load();
  for (int round = 0; round < 50; ++round) {
    TaskPool::Task task = pool.Start(NoteThread);
    // Give a pool thread time to take it, so that it does not run here.
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    task.Join();
  }
  EXPECT_GE(threads_seen.load() - before, 1);
  EXPECT_LE(threads_seen.load() - before, 2);  // a thread started for each step would give 50
}

// A step no pool thread is free to take runs on the joining thread: the call goes on.
TEST(TaskPoolTest, AStepTheBusyPoolHasNotTakenRunsOnTheJoiningThread) {
  TaskPool pool(1);
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  std::atomic<bool> blocker_running{false};
  TaskPool::Task blocker = pool.Start([&] {
    blocker_running = true;
    std::unique_lock<std::mutex> lock(mutex);
    released.wait(lock, [&] { return release; });
  });
  while (!blocker_running) std::this_thread::yield();
  std::thread::id ran_on;
  TaskPool::Task waiting = pool.Start([&] { ran_on = std::this_thread::get_id(); });
  waiting.Join();  // the only pool thread is blocked: without running it here, this never ends
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  released.notify_all();
  blocker.Join();
}

TEST(TaskPoolTest, StepsStartAndJoinStepsOfTheirOwn) {
  TaskPool pool(1);
  std::atomic<int> leaves{0};
  std::vector<TaskPool::Task> outer;
  for (int i = 0; i < 8; ++i) {
    outer.push_back(pool.Start([&] {
      std::vector<TaskPool::Task> inner;
      for (int k = 0; k < 4; ++k) inner.push_back(pool.Start([&] { ++leaves; }));
      for (TaskPool::Task& task : inner) task.Join();
    }));
  }
  for (TaskPool::Task& task : outer) task.Join();
  EXPECT_EQ(leaves.load(), 32);
}

TEST(TaskPoolTest, ATaskJoinsWhenDestroyedOrReplaced) {
  TaskPool pool(1);
  std::atomic<int> ran{0};
  {
    TaskPool::Task task = pool.Start([&] { ++ran; });
    task = pool.Start([&] { ++ran; });  // the first is joined before it is replaced
    EXPECT_GE(ran.load(), 1);
  }
  EXPECT_EQ(ran.load(), 2);
  TaskPool::Task empty;
  EXPECT_FALSE(empty.joinable());
  empty.Join();  // nothing to join
}

TEST(TaskPoolTest, APoolRunsTheStepsStillQueuedBeforeItsThreadsEnd) {
  std::atomic<int> ran{0};
  std::vector<TaskPool::Task> tasks;
  {
    TaskPool pool(2);
    for (int i = 0; i < 20; ++i) tasks.push_back(pool.Start([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 20);
  for (TaskPool::Task& task : tasks) task.Join();  // already run: nothing runs twice
  EXPECT_EQ(ran.load(), 20);
}

TEST(TaskPoolTest, TheSharedPoolLeavesTheCallerACpu) {
  const int cpus = static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_EQ(TaskPool::Shared().threads(), std::max(1, std::min(cpus - 1, 63)));
  EXPECT_EQ(&TaskPool::Shared(), &TaskPool::Shared());
}

}  // namespace
}  // namespace newsalign
