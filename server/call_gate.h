// Admission of work to the server: at most `workers` alignments run at once and at most `queue`
// more wait their turn, first come first served, holding at most `max_waiting_bytes` of requests
// between them; a call beyond these is turned away at once with RESOURCE_EXHAUSTED naming the
// flags. A waiting call gives up when its deadline passes or it is
// cancelled. Without it gRPC's synchronous server either runs every call at once (memory and
// CPU without bound) or, with a thread quota, rejects calls instead of queueing them.
//
//   CallGate gate(/*workers=*/2, /*queue=*/64, /*max_waiting_bytes=*/256 << 20);
//   ASSIGN_OR_RETURN(CallGate::Ticket ticket, gate.Enter(stop, request.ByteSizeLong()));
//   ... align; the worker is released when `ticket` goes out of scope.
#ifndef NEWSALIGN_SERVER_CALL_GATE_H_
#define NEWSALIGN_SERVER_CALL_GATE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>

#include "absl/status/statusor.h"
#include "base/stop_condition.h"

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

  // `workers` >= 1 alignments at once, `queue` >= 0 waiting, whose requests hold at most
  // `max_waiting_bytes` between them (0: no bound on the bytes).
  CallGate(int workers, int queue, int64_t max_waiting_bytes = 0);

  // Returns a ticket once a worker is free, for a call whose request holds `bytes`.
  // RESOURCE_EXHAUSTED when it would have to wait and `queue` calls already wait, or their
  // requests and this one would hold more than `max_waiting_bytes`; DEADLINE_EXCEEDED or
  // CANCELLED when `stop` says so while waiting.
  absl::StatusOr<Ticket> Enter(const StopCondition& stop, int64_t bytes = 0);

  int workers() const { return workers_; }
  int queue() const { return queue_; }
  // Calls running and waiting now, and the bytes of the waiting calls' requests (for tests and
  // logs).
  int running() const;
  int waiting() const;
  int64_t waiting_bytes() const;

 private:
  void Leave();

  // Removes the waiting call `ticket`; the lock is held.
  void StopWaiting(uint64_t ticket);

  const int workers_;
  const int queue_;
  const int64_t max_waiting_bytes_;
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  int running_ = 0;
  // The waiting calls (ticket, request bytes), in arrival order; the front one goes next.
  std::deque<std::pair<uint64_t, int64_t>> waiting_;
  int64_t waiting_bytes_ = 0;
  uint64_t next_ticket_ = 0;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_CALL_GATE_H_
