// How often a server call's cancellation is asked of gRPC: never within a period of the first
// look, at most once a period after it, and a cancellation once seen is kept. A fake clock
// drives the probe, so no test depends on how fast the machine runs.
#include "server/cancellation_probe.h"

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace newsalign {
namespace {

constexpr int64_t kPeriod = 2000000;

// A probe whose clock and answer the test sets, counting how often it asks.
struct FakeCall {
  std::atomic<int64_t> now{0};
  std::atomic<bool> cancelled{false};
  std::atomic<int> asked{0};
  CancellationProbe probe{[this] {
                            ++asked;
                            return cancelled.load();
                          },
                          kPeriod, [this] { return now.load(); }};
};

TEST(CancellationProbeTest, NotAskedWithinAPeriodOfTheFirstLook) {
  FakeCall call;
  call.now = 5 * kPeriod;
  EXPECT_FALSE(call.probe.Cancelled());
  call.now = 6 * kPeriod - 1;
  EXPECT_FALSE(call.probe.Cancelled());
  EXPECT_EQ(call.asked, 0);
  call.now = 6 * kPeriod;
  EXPECT_FALSE(call.probe.Cancelled());
  EXPECT_EQ(call.asked, 1);
}

// The period starts at the first look, not when the probe is made: a call that waited in the
// queue for longer than a period does not ask as soon as its work begins.
TEST(CancellationProbeTest, PeriodStartsAtTheFirstLookNotAtTheCallsArrival) {
  FakeCall call;
  call.cancelled = true;
  call.now = 10 * kPeriod;  // made at 0, first look 10 periods later
  EXPECT_FALSE(call.probe.Cancelled());
  call.now = 10 * kPeriod + kPeriod / 2;
  EXPECT_FALSE(call.probe.Cancelled());
  EXPECT_EQ(call.asked, 0);
  call.now = 11 * kPeriod;
  EXPECT_TRUE(call.probe.Cancelled());
  EXPECT_EQ(call.asked, 1);
}

TEST(CancellationProbeTest, AskedAtMostOnceAPeriod) {
  FakeCall call;
  EXPECT_FALSE(call.probe.Cancelled());  // t = 0: the period starts
  // Looks every tenth of a period for ten periods: the tenth of each period asks.
  for (int step = 1; step <= 100; ++step) {
    call.now = step * (kPeriod / 10);
    EXPECT_FALSE(call.probe.Cancelled());
  }
  EXPECT_EQ(call.asked, 10);
}

TEST(CancellationProbeTest, CancellationOnceSeenIsKeptWithoutAskingAgain) {
  FakeCall call;
  EXPECT_FALSE(call.probe.Cancelled());
  call.cancelled = true;
  call.now = kPeriod;
  EXPECT_TRUE(call.probe.Cancelled());
  call.now = kPeriod + 1;  // within the next period: the answer is kept, not asked
  EXPECT_TRUE(call.probe.Cancelled());
  call.now = 5 * kPeriod;
  EXPECT_TRUE(call.probe.Cancelled());
  EXPECT_EQ(call.asked, 1);
}

// Threads that look at once, as a call's scoring threads do: one of them asks per period.
TEST(CancellationProbeTest, ThreadsLookingAtOnceAskOnceAPeriod) {
  FakeCall call;
  EXPECT_FALSE(call.probe.Cancelled());
  call.now = kPeriod;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&call] {
      for (int k = 0; k < 1000; ++k) EXPECT_FALSE(call.probe.Cancelled());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(call.asked, 1);
}

}  // namespace
}  // namespace newsalign
