// Admission of work to the server: the gate's `workers` threads run at most that many
// alignments at once and at most `queue` more wait their turn, first come first served, holding
// at most `max_waiting_bytes` of requests between them; a call beyond these is turned away at
// once with RESOURCE_EXHAUSTED naming the flags. A waiting call gives up when its deadline
// passes or it is cancelled. Without it gRPC's synchronous server either runs every call at once
// (memory and CPU without bound) or, with a thread quota, rejects calls instead of queueing them.
//
// The work runs on the gate's own threads, each taking the next waiting call as soon as it is
// done with one: a call's thread handing the CPU to the next waiting call's thread left that
// thread queued behind it on the same CPU for up to a scheduler tick (~4 ms) while the other CPU
// sat idle (perf sched: a fifth of two CPUs idle at 8 calls in flight).
//
//   CallGate gate(/*workers=*/2, /*queue=*/64, /*max_waiting_bytes=*/256 << 20);
//   absl::Status status = gate.Run(stop, request.ByteSizeLong(), [&] { return Align(...); });
#ifndef NEWSALIGN_SERVER_CALL_GATE_H_
#define NEWSALIGN_SERVER_CALL_GATE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "base/stop_condition.h"

namespace newsalign {

class CallGate {
 public:
  // `workers` >= 1 alignments at once, `queue` >= 0 waiting, whose requests hold at most
  // `max_waiting_bytes` between them (0: no bound on the bytes). Starts the worker threads.
  CallGate(int workers, int queue, int64_t max_waiting_bytes = 0);
  // Every Run() must have returned. Stops the worker threads.
  ~CallGate();
  CallGate(const CallGate&) = delete;
  CallGate& operator=(const CallGate&) = delete;

  // Runs `work` on one of the gate's threads once one is free and every call that came before
  // has been taken, for a call whose request holds `bytes`; returns what `work` returns once it
  // is done. Without running it: RESOURCE_EXHAUSTED when it would have to wait and `queue`
  // calls already wait, or their requests and this one would hold more than
  // `max_waiting_bytes`; DEADLINE_EXCEEDED or CANCELLED when `stop` says so before a thread
  // takes it. Once taken, `work` runs to its end (it watches `stop` itself).
  absl::Status Run(const StopCondition& stop, int64_t bytes,
                   absl::FunctionRef<absl::Status()> work);

  int workers() const { return workers_; }
  int queue() const { return queue_; }
  // Calls running and waiting now, and the bytes of the waiting calls' requests (for tests and
  // logs).
  int running() const;
  int waiting() const;
  int64_t waiting_bytes() const;

 private:
  // A call given to Run(), on its caller's stack until it returns.
  struct Call {
    Call(absl::FunctionRef<absl::Status()> work, int64_t bytes) : work(work), bytes(bytes) {}
    absl::FunctionRef<absl::Status()> work;
    int64_t bytes;
    absl::Status status;
    bool done = false;
    std::condition_variable finished;
  };

  // A worker thread: takes the front waiting call, runs it, and so on until the gate closes.
  void Serve();

  const int workers_;
  const int queue_;
  const int64_t max_waiting_bytes_;
  mutable std::mutex mutex_;
  // Signalled when a call joins the queue or the gate closes.
  std::condition_variable arrived_;
  int running_ = 0;
  // The waiting calls, in arrival order; the front one goes next.
  std::deque<Call*> waiting_;
  int64_t waiting_bytes_ = 0;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_CALL_GATE_H_
