// For tests that drive a grpc::GenericStub by hand: waits for the next event of `queue`,
// expects it to be `expected` and returns whether its operation succeeded.
//
//   call->StartCall(&tags[0]);
//   ASSERT_TRUE(NextEvent(queue, &tags[0]));
#ifndef NEWSALIGN_TESTS_TESTING_COMPLETION_QUEUE_H_
#define NEWSALIGN_TESTS_TESTING_COMPLETION_QUEUE_H_

#include "grpcpp/completion_queue.h"
#include "gtest/gtest.h"

namespace newsalign::testing {

inline bool NextEvent(grpc::CompletionQueue& queue, void* expected) {
  void* tag = nullptr;
  bool ok = false;
  EXPECT_TRUE(queue.Next(&tag, &ok));
  EXPECT_EQ(tag, expected);
  return ok;
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_COMPLETION_QUEUE_H_
