// The whole server: health checking, reflection, listening and shutdown. In-process except
// ListensOnAFreePort, which binds 127.0.0.1:0.
#include "server/alignment_server.h"

#include <dirent.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "tests/testing/completion_queue.h"
#include "tests/testing/files.h"

namespace newsalign {
namespace {

using ::newsalign::testing::NextEvent;

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::IsSupersetOf;

ServerOptions QuietOptions() {
  ServerOptions options;
  options.service.log = nullptr;
  return options;
}

class AlignmentServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<AlignmentServer>> server =
        AlignmentServer::Start(QuietOptions());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    health_ = Health::NewStub(server_->InProcessChannel());
  }

  // Returns the health status of `service`, or the call's error code as a negative number.
  int HealthOf(const std::string& service) {
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::ClientContext context;
    const grpc::Status status = health_->Check(&context, request, &response);
    if (!status.ok()) return -static_cast<int>(status.error_code());
    return response.status();
  }

  std::unique_ptr<AlignmentServer> server_;
  std::unique_ptr<Health::Stub> health_;
};


// Takes two absl::Mutex in one order, then in the other: a lock-order inversion, which Abseil's
// deadlock detection reports by aborting, with no deadlock (one thread), then exits with 0.
void InvertLockOrderAndExit() {
  absl::Mutex first, second;
  {
    absl::MutexLock a(&first);
    absl::MutexLock b(&second);
  }
  {
    absl::MutexLock b(&second);
    absl::MutexLock a(&first);
  }
  std::exit(0);
}

// Debian's Abseil (built without NDEBUG) checks the order of every absl::Mutex acquisition,
// gRPC's locks among them: the check the executables switch off is on by default. Should a
// later Abseil leave it off, this fails, and SkipMutexDeadlockDetection() is no longer needed.
TEST(SkipMutexDeadlockDetectionTest, AbseilChecksLockOrderByDefault) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(InvertLockOrderAndExit(), "Potential Mutex deadlock");
}

TEST(SkipMutexDeadlockDetectionTest, LockOrderIsNoLongerChecked) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        SkipMutexDeadlockDetection();
        InvertLockOrderAndExit();
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_F(AlignmentServerTest, HealthReportsServing) {
  EXPECT_EQ(HealthOf(""), HealthCheckResponse::SERVING);
  EXPECT_EQ(HealthOf(kAlignmentServiceName), HealthCheckResponse::SERVING);
  EXPECT_EQ(HealthOf("no.such.Service"), -static_cast<int>(grpc::StatusCode::NOT_FOUND));
}

TEST_F(AlignmentServerTest, HealthReportsNotServingOnceShutdownBegins) {
  server_->SetNotServing();
  EXPECT_EQ(HealthOf(""), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(HealthOf(kAlignmentServiceName), HealthCheckResponse::NOT_SERVING);
  // Calls are still served until Shutdown().
  auto stub = v1::AlignmentService::NewStub(server_->InProcessChannel());
  v1::SegmentRequest request;
  request.mutable_document()->set_language("fr");
  request.mutable_document()->set_text("Le Mali a quitté la mission. Elle est partie.");
  v1::SegmentResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub->Segment(&context, request, &response).ok());
  EXPECT_EQ(response.document().sentences_size(), 2);
}

TEST_F(AlignmentServerTest, ShutdownIsIdempotent) {
  // In-process channels must not be used once the server is shut down (gRPC 1.51 crashes), so
  // this checks only that a second Shutdown() (and the destructor's) return at once.
  health_.reset();
  server_->Shutdown(absl::Now() + absl::Seconds(1));
  server_->Shutdown(absl::Now() + absl::Seconds(1));
  server_.reset();
}

// Runs one ServerReflectionInfo exchange over a generic stub, with messages built from the
// reflection service's own descriptors (the server's generated reflection code registers them;
// server_reflection_test.cc covers both versions with their stubs), and returns the
// service names of a list_services answer.
std::set<std::string> ListServicesByReflection(const std::shared_ptr<grpc::Channel>& channel) {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  const google::protobuf::Descriptor* request_type =
      pool->FindMessageTypeByName("grpc.reflection.v1alpha.ServerReflectionRequest");
  const google::protobuf::Descriptor* response_type =
      pool->FindMessageTypeByName("grpc.reflection.v1alpha.ServerReflectionResponse");
  EXPECT_NE(request_type, nullptr);
  EXPECT_NE(response_type, nullptr);
  if (request_type == nullptr || response_type == nullptr) return {};

  google::protobuf::DynamicMessageFactory factory(pool);
  std::unique_ptr<google::protobuf::Message> request(factory.GetPrototype(request_type)->New());
  request->GetReflection()->SetString(request.get(), request_type->FindFieldByName("list_services"),
                                      "*");
  grpc::ByteBuffer request_bytes;
  bool own_buffer = false;
  const grpc::Status serialized =
      grpc::GenericSerialize<grpc::ProtoBufferWriter, google::protobuf::Message>(
          *request, &request_bytes, &own_buffer);
  EXPECT_TRUE(serialized.ok());

  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto next = [&queue](void* expected) { return NextEvent(queue, expected); };
  int tags[5];
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  call->StartCall(&tags[0]);
  EXPECT_TRUE(next(&tags[0]));
  call->Write(request_bytes, &tags[1]);
  EXPECT_TRUE(next(&tags[1]));
  call->WritesDone(&tags[2]);
  EXPECT_TRUE(next(&tags[2]));
  grpc::ByteBuffer response_bytes;
  call->Read(&response_bytes, &tags[3]);
  EXPECT_TRUE(next(&tags[3]));
  grpc::Status status;
  call->Finish(&status, &tags[4]);
  next(&tags[4]);
  EXPECT_TRUE(status.ok()) << status.error_message();
  queue.Shutdown();
  void* tag;
  bool ok;
  while (queue.Next(&tag, &ok)) {
  }

  std::unique_ptr<google::protobuf::Message> response(factory.GetPrototype(response_type)->New());
  grpc::ProtoBufferReader reader(&response_bytes);
  EXPECT_TRUE(response->ParseFromZeroCopyStream(&reader));
  const google::protobuf::Message& list = response->GetReflection()->GetMessage(
      *response, response_type->FindFieldByName("list_services_response"));
  const google::protobuf::FieldDescriptor* service_field =
      list.GetDescriptor()->FindFieldByName("service");
  std::set<std::string> names;
  for (int i = 0; i < list.GetReflection()->FieldSize(list, service_field); ++i) {
    const google::protobuf::Message& service =
        list.GetReflection()->GetRepeatedMessage(list, service_field, i);
    names.insert(service.GetReflection()->GetString(
        service, service.GetDescriptor()->FindFieldByName("name")));
  }
  return names;
}

TEST_F(AlignmentServerTest, ReflectionListsTheServices) {
  EXPECT_THAT(
      ListServicesByReflection(server_->InProcessChannel()),
      IsSupersetOf({std::string(kAlignmentServiceName), std::string("grpc.health.v1.Health"),
                    std::string("grpc.reflection.v1alpha.ServerReflection")}));
}

// A request over max_receive_message_bytes is RESOURCE_EXHAUSTED from gRPC, for the
// streamed-unary Align and Segment (server/checked_request.h) as for any unary method.
TEST(AlignmentServerLimitsTest, RequestOverTheMessageLimitIsResourceExhausted) {
  ServerOptions options = QuietOptions();
  options.max_receive_message_bytes = 1000;
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::AlignmentService::NewStub((*server)->InProcessChannel());
  std::string arabic;
  for (int i = 0; i < 40; ++i) arabic += "انسحبت البعثة من مالي. ";
  v1::AlignRequest align;
  align.mutable_source()->set_language("fr");
  align.mutable_source()->set_text("La MINUSMA a quitté le Mali.");
  align.mutable_target()->set_language("ar");
  align.mutable_target()->set_text(arabic);
  v1::AlignResponse align_response;
  grpc::ClientContext align_context;
  EXPECT_EQ(stub->Align(&align_context, align, &align_response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  v1::SegmentRequest segment;
  segment.mutable_document()->set_language("ar");
  segment.mutable_document()->set_text(arabic);
  v1::SegmentResponse segment_response;
  grpc::ClientContext segment_context;
  EXPECT_EQ(stub->Segment(&segment_context, segment, &segment_response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// With reflection off, the reflection service is not there at all: UNIMPLEMENTED.
TEST(AlignmentServerReflectionTest, CanBeTurnedOff) {
  ServerOptions options = QuietOptions();
  options.reflection = false;
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  grpc::GenericStub stub((*server)->InProcessChannel());
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  auto next = [&queue](void* expected) { return NextEvent(queue, expected); };
  int tags[3];
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  call->StartCall(&tags[0]);
  next(&tags[0]);
  call->WritesDone(&tags[1]);
  next(&tags[1]);
  grpc::Status status;
  call->Finish(&status, &tags[2]);
  next(&tags[2]);
  queue.Shutdown();
  void* tag;
  bool ok;
  while (queue.Next(&tag, &ok)) {
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  // The other services are there.
  auto health = Health::NewStub((*server)->InProcessChannel());
  HealthCheckResponse response;
  grpc::ClientContext health_context;
  ASSERT_TRUE(health->Check(&health_context, HealthCheckRequest(), &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
}

TEST(AlignmentServerListenTest, ListensOnAFreePort) {
  ServerOptions options = QuietOptions();
  options.listen_address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string& address = (*server)->address();
  ASSERT_TRUE(absl::StartsWith(address, "127.0.0.1:")) << address;
  EXPECT_NE(address, "127.0.0.1:0");
  (*server)->Shutdown(absl::Now() + absl::Seconds(1));
}

// gRPC would listen on 105537 mod 65536 = 40001; Start() refuses before binding anything.
TEST(AlignmentServerListenTest, RefusesAPortOutOfRange) {
  ServerOptions options = QuietOptions();
  options.listen_address = "127.0.0.1:105537";
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(server.status().message(),
            "listen_address: port \"105537\" of \"127.0.0.1:105537\" is not a port number: use "
            "0 to 65535 (0 picks a free port)");
}

// Returns the health status of the server at `address` over a fresh TCP connection, or the
// call's error code as a negative number.
int HealthOverTcp(const std::string& address) {
  auto stub = Health::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  HealthCheckRequest request;
  HealthCheckResponse response;
  grpc::ClientContext context;
  const grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return -static_cast<int>(status.error_code());
  return response.status();
}

v1::SegmentRequest ArabicSegmentRequest() {
  v1::SegmentRequest request;
  request.mutable_document()->set_language("ar");
  request.mutable_document()->set_text("انسحبت البعثة من مالي. غادر آخر الجنود.");
  return request;
}

// The shutdown newsalign-server runs on SIGTERM, over TCP: SetNotServing() (the drain: health
// says NOT_SERVING, the server still listens and serves), then Shutdown(): new calls get
// UNAVAILABLE while the call in flight completes. The call is held in flight by the log sink,
// which waits when that call logs, so nothing depends on timing.
TEST(AlignmentServerShutdownTest, DrainsThenFinishesTheCallInFlight) {
  absl::Notification in_flight;
  absl::Notification release;
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.service.log = [&](absl::string_view line) {
    if (!absl::StrContains(line, "\"id\":\"in-flight\"")) return;
    in_flight.Notify();
    release.WaitForNotification();
  };
  absl::StatusOr<std::unique_ptr<AlignmentServer>> started = AlignmentServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  AlignmentServer& server = **started;
  const std::string address = server.address();

  grpc::Status in_flight_status;
  v1::AlignResponse in_flight_response;
  std::thread client([&] {
    auto stub = v1::AlignmentService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    v1::AlignRequest request;
    request.set_id("in-flight");
    request.mutable_source()->set_language("fr");
    request.mutable_source()->set_text("La MINUSMA a quitté le Mali. Les derniers soldats sont partis.");
    request.mutable_target()->set_language("ar");
    request.mutable_target()->set_text("انسحبت البعثة من مالي. غادر آخر الجنود.");
    grpc::ClientContext context;
    in_flight_status = stub->Align(&context, request, &in_flight_response);
  });
  in_flight.WaitForNotification();

  // The drain: NOT_SERVING over TCP (no "connection refused"), and calls are still served.
  EXPECT_EQ(HealthOverTcp(address), HealthCheckResponse::SERVING);
  server.SetNotServing();
  EXPECT_EQ(HealthOverTcp(address), HealthCheckResponse::NOT_SERVING);
  {
    auto stub = v1::AlignmentService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    v1::SegmentResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(stub->Segment(&context, ArabicSegmentRequest(), &response).ok());
    EXPECT_EQ(response.document().sentences_size(), 2);
  }

  // Shutdown: it waits for the call in flight, which still waits for `release`.
  std::thread shutdown([&] { server.Shutdown(absl::InfiniteFuture()); });
  // Until Shutdown() has closed the listener, health still answers NOT_SERVING; a call that
  // arrives just as it begins is CANCELLED by gRPC; then every call is UNAVAILABLE.
  int health = HealthOverTcp(address);
  while (health != -static_cast<int>(grpc::StatusCode::UNAVAILABLE)) {
    ASSERT_TRUE(health == HealthCheckResponse::NOT_SERVING ||
                health == -static_cast<int>(grpc::StatusCode::CANCELLED))
        << health;
    absl::SleepFor(absl::Milliseconds(5));
    health = HealthOverTcp(address);
  }
  {
    auto stub = v1::AlignmentService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    v1::SegmentResponse response;
    grpc::ClientContext context;
    EXPECT_EQ(stub->Segment(&context, ArabicSegmentRequest(), &response).error_code(),
              grpc::StatusCode::UNAVAILABLE);
  }

  release.Notify();
  client.join();
  shutdown.join();
  EXPECT_TRUE(in_flight_status.ok()) << in_flight_status.error_message();
  EXPECT_EQ(in_flight_response.id(), "in-flight");
  EXPECT_EQ(in_flight_response.target().sentences_size(), 2);
}

TEST(AlignmentServerListenTest, InProcessOnlyServerHasNoAddress) {
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(QuietOptions());
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->address(), "");
}

TEST(AlignmentServerListenTest, UnusableAddressIsUnavailable) {
  ServerOptions options = QuietOptions();
  // TEST-NET-1 (RFC 5737): never an address of this host, so bind() fails.
  options.listen_address = "192.0.2.1:0";
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kUnavailable);
}

TEST(AlignmentServerListenTest, BadOptionsAreInvalidArgument) {
  ServerOptions options = QuietOptions();
  options.max_threads = -1;
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.max_threads = 1;  // a thread that waits for calls and none to serve them
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = QuietOptions();
  options.max_receive_message_bytes = 0;
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = QuietOptions();
  options.service.align_limits.max_sentences = 0;
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(AlignmentServerListenTest, ServesWithALimitedThreadPool) {
  ServerOptions options = QuietOptions();
  options.max_threads = 4;
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::AlignmentService::NewStub((*server)->InProcessChannel());
  v1::SegmentRequest request;
  request.mutable_document()->set_language("ar");
  request.mutable_document()->set_text("غادرت البعثة مالي. انتهت المهمة.");
  v1::SegmentResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub->Segment(&context, request, &response).ok());
  EXPECT_EQ(response.document().sentences_size(), 2);
}

// The ids of this process's threads now.
std::set<int> ThreadIds() {
  std::set<int> ids;
  DIR* dir = opendir("/proc/self/task");
  if (dir == nullptr) return ids;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ids.insert(std::atoi(entry->d_name));
  }
  closedir(dir);
  return ids;
}

TEST(AlignmentServerThreadsTest, ABusyServerKeepsItsThreadsBetweenCalls) {
  ServerOptions options = QuietOptions();
  // One worker: the other calls wait in the queue, each holding a gRPC thread.
  options.service.workers = 1;
  EXPECT_EQ(options.EffectiveIdleThreads(), ServerOptions::kDefaultIdleThreads);
  // Each call, once aligned, waits in the log sink (on its gRPC thread, the worker free again)
  // until all eight calls of its burst are there: the eight are then in the server at once,
  // however slowly the callers start. (Without it, a burst whose calls did not overlap could
  // be served by fewer threads, and the next, better overlapped, had to start some: CI saw
  // that once.)
  constexpr int kBurst = 8;
  // std::mutex, which TSan sees (Debian's Abseil is not built with it).
  std::mutex mutex;
  std::condition_variable all_logged;
  int logged = 0;
  options.service.log = [&](absl::string_view) {
    std::unique_lock<std::mutex> lock(mutex);
    const int burst_end = (logged / kBurst + 1) * kBurst;
    if (++logged == burst_end) all_logged.notify_all();
    // Bounded, so that a server that cannot hold eight calls fails the test instead of hanging.
    all_logged.wait_for(lock, std::chrono::seconds(60), [&] { return logged >= burst_end; });
  };
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::AlignmentService::NewStub((*server)->InProcessChannel());
  v1::AlignRequest request;
  request.mutable_source()->set_language("fr");
  request.mutable_source()->set_text(testing::ReadExample("fr.txt"));
  request.mutable_target()->set_language("ar");
  request.mutable_target()->set_text(testing::ReadExample("ar.txt"));
  ASSERT_FALSE(request.source().text().empty());
  // Eight calls at once, as a pipeline sends them.
  auto burst = [&] {
    std::vector<std::thread> callers;
    std::vector<grpc::StatusCode> codes(kBurst, grpc::StatusCode::UNKNOWN);
    for (int k = 0; k < kBurst; ++k) {
      callers.emplace_back([&, k] {
        grpc::ClientContext context;
        v1::AlignResponse response;
        codes[k] = stub->Align(&context, request, &response).error_code();
      });
    }
    for (std::thread& caller : callers) caller.join();
    for (grpc::StatusCode code : codes) EXPECT_EQ(code, grpc::StatusCode::OK);
  };
  const size_t before = ThreadIds().size();
  burst();
  // Threads that would end do so as soon as their call is answered.
  absl::SleepFor(absl::Milliseconds(200));
  const std::set<int> after_first = ThreadIds();
  // The threads that served the eight calls wait for the next ones (with gRPC's default of two
  // idle threads, all but about two of them ended).
  EXPECT_GE(after_first.size(), before + 6);
  burst();
  absl::SleepFor(absl::Milliseconds(200));
  // And serve them: the second burst started no thread (one is allowed for gRPC's own).
  int started = 0;
  for (int id : ThreadIds()) started += after_first.count(id) == 0;
  EXPECT_LE(started, 1);
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(logged, 2 * kBurst);
}

TEST(AlignmentServerListenTest, IdleThreadsOutOfRangeAreInvalidArgument) {
  ServerOptions options = QuietOptions();
  options.idle_threads = -1;
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.idle_threads = 4097;
  EXPECT_EQ(AlignmentServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.idle_threads = 3;
  EXPECT_EQ(options.EffectiveIdleThreads(), 3);
  options.idle_threads = 0;
  options.service.workers = 12;
  EXPECT_EQ(options.EffectiveIdleThreads(), 24);
}

}  // namespace
}  // namespace newsalign
