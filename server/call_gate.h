// Admission of work to the server: at most `workers` alignments run at once and at most `queue`
// more wait their turn, first come first served; a call beyond both is turned away at once with
// RESOURCE_EXHAUSTED naming the flags. A waiting call gives up when its deadline passes or it is
// cancelled. Without it gRPC's synchronous server either runs every call at once (memory and
// CPU without bound) or, with a thread quota, rejects calls instead of queueing them.
//
//   CallGate gate(/*workers=*/2, /*queue=*/64);
//   ASSIGN_OR_RETURN(CallGate::Ticket ticket, gate.Enter(stop));
//   ... align; the worker is released when `ticket` goes out of scope.
#ifndef NEWSALIGN_SERVER_CALL_GATE_H_
#define NEWSALIGN_SERVER_CALL_GATE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "absl/status/statusor.h"
#include "alignment/stop_condition.h"

namespace newsalign {

class CallGate {
 public:
  // A worker held; released on destruction.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Ticket& operator=(Ticket&& other) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();

   private:
    friend class CallGate;
    explicit Ticket(CallGate* gate) : gate_(gate) {}
    CallGate* gate_;
  };

  // `workers` >= 1 alignments at once, `queue` >= 0 waiting.
  CallGate(int workers, int queue);

  // Returns a ticket once a worker is free. RESOURCE_EXHAUSTED when `queue` calls already wait;
  // DEADLINE_EXCEEDED or CANCELLED when `stop` says so while waiting.
  absl::StatusOr<Ticket> Enter(const StopCondition& stop);

  int workers() const { return workers_; }
  int queue() const { return queue_; }
  // Calls running and waiting now (for tests and logs).
  int running() const;
  int waiting() const;

 private:
  void Leave();

  const int workers_;
  const int queue_;
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  int running_ = 0;
  // Tickets of the waiting calls, in arrival order; the front one goes next.
  std::deque<uint64_t> waiting_;
  uint64_t next_ticket_ = 0;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_CALL_GATE_H_
