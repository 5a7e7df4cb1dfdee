// Admission of alignments: at most `workers` at once, a bounded queue served first come first
// served, a full queue turned away at once, and waiting calls that stop with their deadline.
// The last test runs 16 concurrent calls against a server with 2 workers: all succeed.
#include "server/call_gate.h"

#include <atomic>
#include <mutex>
#include <memory>
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

TEST(CallGateTest, AdmitsWorkersThenQueuesThenTurnsAway) {
  CallGate gate(/*workers=*/1, /*queue=*/1);
  absl::StatusOr<CallGate::Ticket> first = gate.Enter(StopCondition());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(gate.running(), 1);

  std::atomic<bool> second_in{false};
  std::thread second([&] {
    absl::StatusOr<CallGate::Ticket> ticket = gate.Enter(StopCondition());
    EXPECT_TRUE(ticket.ok()) << ticket.status();
    second_in = true;
  });
  ASSERT_TRUE(Eventually([&] { return gate.waiting() == 1; }));
  EXPECT_FALSE(second_in);

  // The queue is full: the third is turned away at once, naming the flags.
  absl::StatusOr<CallGate::Ticket> third = gate.Enter(StopCondition());
  EXPECT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(third.status().message(), HasSubstr("--queue=1"));
  EXPECT_THAT(third.status().message(), HasSubstr("--workers=1"));

  first = absl::CancelledError("released");  // drops the ticket: the second goes in
  second.join();
  EXPECT_TRUE(second_in);
  EXPECT_EQ(gate.running(), 0);
  EXPECT_EQ(gate.waiting(), 0);
}

// The waiting calls' requests hold at most max_waiting_bytes between them: a request that
// would pass it is turned away, naming --queue_mib, even when the queue has room; one that fits
// waits. A call that finds a free worker never waits, whatever its size.
TEST(CallGateTest, WaitingRequestsHoldAtMostTheQueuesBytes) {
  CallGate gate(/*workers=*/1, /*queue=*/8, /*max_waiting_bytes=*/1000);
  absl::StatusOr<CallGate::Ticket> held = gate.Enter(StopCondition(), /*bytes=*/5000);
  ASSERT_TRUE(held.ok()) << held.status();

  std::thread waiting([&] { EXPECT_TRUE(gate.Enter(StopCondition(), 600).ok()); });
  ASSERT_TRUE(Eventually([&] { return gate.waiting() == 1; }));
  EXPECT_EQ(gate.waiting_bytes(), 600);

  absl::StatusOr<CallGate::Ticket> too_big = gate.Enter(StopCondition(), 401);
  EXPECT_EQ(too_big.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(too_big.status().message(), HasSubstr("--queue_mib"));
  EXPECT_EQ(gate.waiting(), 1);
  // Exactly up to the bound is allowed: 600 + 400. It stops at its deadline and gives its
  // bytes back.
  absl::StatusOr<CallGate::Ticket> fits =
      gate.Enter(StopCondition(absl::Now() + absl::Milliseconds(30)), 400);
  EXPECT_EQ(fits.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(gate.waiting_bytes(), 600);

  held = absl::CancelledError("released");
  waiting.join();
  EXPECT_EQ(gate.waiting(), 0);
  EXPECT_EQ(gate.waiting_bytes(), 0);
}

TEST(CallGateTest, WaitingCallStopsAtItsDeadline) {
  CallGate gate(1, 4);
  absl::StatusOr<CallGate::Ticket> held = gate.Enter(StopCondition());
  ASSERT_TRUE(held.ok());
  absl::StatusOr<CallGate::Ticket> late =
      gate.Enter(StopCondition(absl::Now() + absl::Milliseconds(50)));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(gate.waiting(), 0);
  // A cancelled wait leaves the queue too.
  absl::StatusOr<CallGate::Ticket> cancelled =
      gate.Enter(StopCondition(absl::InfiniteFuture(), [] { return true; }));
  EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(gate.waiting(), 0);
}

TEST(CallGateTest, ServesTheQueueInArrivalOrder) {
  CallGate gate(1, 8);
  absl::StatusOr<CallGate::Ticket> held = gate.Enter(StopCondition());
  ASSERT_TRUE(held.ok());
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      absl::StatusOr<CallGate::Ticket> ticket = gate.Enter(StopCondition());
      ASSERT_TRUE(ticket.ok());
      std::lock_guard<std::mutex> lock(order_mutex);
      order.push_back(k);
    });
    // Each joins the queue before the next arrives.
    ASSERT_TRUE(Eventually([&] { return gate.waiting() == k + 1; }));
  }
  held = absl::CancelledError("released");
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
