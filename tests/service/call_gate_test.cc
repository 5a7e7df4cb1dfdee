// Admission of alignments: at most `workers` at once, a bounded queue served first come first
// served, a full queue turned away at once, and waiting calls that stop with their deadline.
// The last test runs 16 concurrent calls against a server with 2 workers: all succeed.
#include "server/call_gate.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/alignment_server.h"
#include "tests/testing/files.h"

namespace newsalign {
namespace {

using ::newsalign::testing::ReadExample;
using ::testing::HasSubstr;

// Waits (polling, bounded) until `done` holds.
template <typename Done>
bool Eventually(Done done) {
  for (int i = 0; i < 2000 && !done(); ++i) absl::SleepFor(absl::Milliseconds(5));
  return done();
}

// A call that holds a worker of `gate` until released, on a thread of its own.
class HeldCall {
 public:
  explicit HeldCall(CallGate* gate, int64_t bytes = 0)
      : thread_([this, gate, bytes] {
          status_ = gate->Run(StopCondition(), bytes, [this] {
            running_.Notify();
            release_.WaitForNotification();
            return absl::OkStatus();
          });
        }) {}
  ~HeldCall() { Release(); }
  // Waits until a worker runs it.
  bool WaitUntilRunning() {
    return running_.WaitForNotificationWithTimeout(absl::Seconds(10));
  }
  // Lets it finish, and waits for its Run() to return.
  const absl::Status& Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
    if (thread_.joinable()) thread_.join();
    return status_;
  }

 private:
  absl::Notification running_, release_;
  absl::Status status_;
  std::thread thread_;
};

// The status of a call whose work would succeed at once.
absl::Status Quick(CallGate& gate, const StopCondition& stop = StopCondition(),
                   int64_t bytes = 0) {
  return gate.Run(stop, bytes, [] { return absl::OkStatus(); });
}

TEST(CallGateTest, AdmitsWorkersThenQueuesThenTurnsAway) {
  CallGate gate(/*workers=*/1, /*queue=*/1);
  HeldCall first(&gate);
  ASSERT_TRUE(first.WaitUntilRunning());
  EXPECT_EQ(gate.running(), 1);

  std::atomic<bool> second_ran{false};
  std::thread second([&] {
    const absl::Status status = gate.Run(StopCondition(), 0, [&] {
      second_ran = true;
      return absl::InternalError("the work's own status");
    });
    // Run() returns what the work returns.
    EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  });
  ASSERT_TRUE(Eventually([&] { return gate.waiting() == 1; }));
  EXPECT_FALSE(second_ran);

  // The queue is full: the third is turned away at once, naming the flags, and never runs.
  bool third_ran = false;
  const absl::Status third = gate.Run(StopCondition(), 0, [&] {
    third_ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(third.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(third.message(), HasSubstr("--queue=1"));
  EXPECT_THAT(third.message(), HasSubstr("--workers=1"));
  EXPECT_FALSE(third_ran);

  EXPECT_TRUE(first.Release().ok());  // frees the worker: the second runs
  second.join();
  EXPECT_TRUE(second_ran);
  EXPECT_EQ(gate.running(), 0);
  EXPECT_EQ(gate.waiting(), 0);
}

// The work runs on the gate's threads (a fixed set of `workers`), not on the callers'.
TEST(CallGateTest, WorkRunsOnTheGatesOwnThreads) {
  CallGate gate(/*workers=*/2, /*queue=*/8);
  std::mutex mutex;
  std::set<std::thread::id> ran_on;
  std::vector<std::thread> callers;
  for (int k = 0; k < 6; ++k) {
    callers.emplace_back([&] {
      const std::thread::id caller = std::this_thread::get_id();
      EXPECT_TRUE(gate.Run(StopCondition(), 0, [&] {
                        EXPECT_NE(std::this_thread::get_id(), caller);
                        std::lock_guard<std::mutex> lock(mutex);
                        ran_on.insert(std::this_thread::get_id());
                        return absl::OkStatus();
                      }).ok());
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_GE(ran_on.size(), 1u);
  EXPECT_LE(ran_on.size(), 2u);
}

// The waiting calls' requests hold at most max_waiting_bytes between them: a request that
// would pass it is turned away, naming --queue_mib, even when the queue has room; one that fits
// waits. A call that finds a free worker never waits, whatever its size.
TEST(CallGateTest, WaitingRequestsHoldAtMostTheQueuesBytes) {
  CallGate gate(/*workers=*/1, /*queue=*/8, /*max_waiting_bytes=*/1000);
  HeldCall held(&gate, /*bytes=*/5000);
  ASSERT_TRUE(held.WaitUntilRunning());

  std::thread waiting([&] { EXPECT_TRUE(Quick(gate, StopCondition(), 600).ok()); });
  ASSERT_TRUE(Eventually([&] { return gate.waiting() == 1; }));
  EXPECT_EQ(gate.waiting_bytes(), 600);

  const absl::Status too_big = Quick(gate, StopCondition(), 401);
  EXPECT_EQ(too_big.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(too_big.message(), HasSubstr("--queue_mib"));
  EXPECT_EQ(gate.waiting(), 1);
  // Exactly up to the bound is allowed: 600 + 400. It stops at its deadline and gives its
  // bytes back.
  const absl::Status fits = Quick(gate, StopCondition(absl::Now() + absl::Milliseconds(30)), 400);
  EXPECT_EQ(fits.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(gate.waiting_bytes(), 600);

  EXPECT_TRUE(held.Release().ok());
  waiting.join();
  EXPECT_EQ(gate.waiting(), 0);
  EXPECT_EQ(gate.waiting_bytes(), 0);
}

TEST(CallGateTest, WaitingCallStopsAtItsDeadline) {
  CallGate gate(1, 4);
  HeldCall held(&gate);
  ASSERT_TRUE(held.WaitUntilRunning());
  bool ran = false;
  const absl::Status late =
      gate.Run(StopCondition(absl::Now() + absl::Milliseconds(50)), 0, [&] {
        ran = true;
        return absl::OkStatus();
      });
  EXPECT_EQ(late.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(gate.waiting(), 0);
  // A cancelled wait leaves the queue too.
  const absl::Status cancelled =
      Quick(gate, StopCondition(absl::InfiniteFuture(), [] { return true; }));
  EXPECT_EQ(cancelled.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(gate.waiting(), 0);
  EXPECT_TRUE(held.Release().ok());
  EXPECT_FALSE(ran) << "a call that stopped waiting must never run";
}

TEST(CallGateTest, ServesTheQueueInArrivalOrder) {
  CallGate gate(1, 8);
  HeldCall held(&gate);
  ASSERT_TRUE(held.WaitUntilRunning());
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      EXPECT_TRUE(gate.Run(StopCondition(), 0, [&] {
                        std::lock_guard<std::mutex> lock(order_mutex);
                        order.push_back(k);
                        return absl::OkStatus();
                      }).ok());
    });
    // Each joins the queue before the next arrives.
    ASSERT_TRUE(Eventually([&] { return gate.waiting() == k + 1; }));
  }
  EXPECT_TRUE(held.Release().ok());
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

// 16 concurrent calls of the sample pair against a server with 2 workers: the 14 beyond the
// workers wait in the queue instead of failing, and all get the same answer.
TEST(CallGateServerTest, SixteenConcurrentCallsWithTwoWorkersAllSucceed) {
  ServerOptions options;
  options.service.log = nullptr;
  options.service.workers = 2;
  options.service.queue = 64;
  options.listen_address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->address(), grpc::InsecureChannelCredentials());
  auto stub = v1::AlignmentService::NewStub(channel);
  v1::AlignRequest request;
  request.mutable_source()->set_language("fr");
  request.mutable_source()->set_text(ReadExample("fr.txt"));
  request.mutable_target()->set_language("ar");
  request.mutable_target()->set_text(ReadExample("ar.txt"));
  constexpr int kCalls = 16;
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<std::string> answers(kCalls);
  std::vector<std::thread> threads;
  for (int k = 0; k < kCalls; ++k) {
    threads.emplace_back([&, k] {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
      v1::AlignResponse response;
      statuses[k] = stub->Align(&context, request, &response);
      answers[k] = response.SerializeAsString();
    });
  }
  for (std::thread& t : threads) t.join();
  for (int k = 0; k < kCalls; ++k) {
    EXPECT_TRUE(statuses[k].ok()) << k << ": " << statuses[k].error_message();
    EXPECT_EQ(answers[k], answers[0]) << "call " << k << " answered differently";
  }
  EXPECT_GT(answers[0].size(), 1000u);
  (*server)->Shutdown(absl::Now() + absl::Seconds(5));
}

}  // namespace
}  // namespace newsalign
