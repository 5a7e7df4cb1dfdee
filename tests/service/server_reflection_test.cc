// Server reflection, grpc.reflection.v1 and v1alpha (server/server_reflection.h), through the
// whole server: every case runs on both versions, in-process, except the one over TCP.
#include "server/server_reflection.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/api.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "server/alignment_server.h"

namespace newsalign {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// The two versions, for TYPED_TEST: the same messages in two packages.
struct V1 {
  using Service = grpc::reflection::v1::ServerReflection;
  using Request = grpc::reflection::v1::ServerReflectionRequest;
  using Response = grpc::reflection::v1::ServerReflectionResponse;
};
struct V1alpha {
  using Service = grpc::reflection::v1alpha::ServerReflection;
  using Request = grpc::reflection::v1alpha::ServerReflectionRequest;
  using Response = grpc::reflection::v1alpha::ServerReflectionResponse;
};

ServerOptions QuietOptions() {
  ServerOptions options;
  options.service.log = nullptr;
  return options;
}

// Sends `requests` on one ServerReflectionInfo stream, each after the answer to the one
// before (as clients do), closes it, and returns the responses and the call's status in
// `status`.
template <typename Version>
std::vector<typename Version::Response> Exchange(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::vector<typename Version::Request>& requests, grpc::Status* status) {
  auto stub = Version::Service::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto stream = stub->ServerReflectionInfo(&context);
  std::vector<typename Version::Response> responses;
  typename Version::Response response;
  for (const typename Version::Request& request : requests) {
    if (!stream->Write(request) || !stream->Read(&response)) break;
    responses.push_back(response);
  }
  stream->WritesDone();
  while (stream->Read(&response)) responses.push_back(response);
  *status = stream->Finish();
  return responses;
}

// Builds the files of a file_descriptor_response into `pool`, each after the files it imports,
// as a client does; returns the names of the files that could not be built.
template <typename Response>
std::set<std::string> BuildFiles(const Response& response, google::protobuf::DescriptorPool* pool) {
  std::vector<google::protobuf::FileDescriptorProto> pending;
  for (const std::string& bytes : response.file_descriptor_response().file_descriptor_proto()) {
    google::protobuf::FileDescriptorProto file;
    EXPECT_TRUE(file.ParseFromString(bytes));
    pending.push_back(file);
  }
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    for (auto file = pending.begin(); file != pending.end();) {
      bool ready = true;
      for (const std::string& dependency : file->dependency()) {
        ready = ready && pool->FindFileByName(dependency) != nullptr;
      }
      if (!ready) {
        ++file;
        continue;
      }
      EXPECT_NE(pool->BuildFile(*file), nullptr) << file->name();
      file = pending.erase(file);
      progress = true;
    }
  }
  std::set<std::string> unbuilt;
  for (const auto& file : pending) unbuilt.insert(file.name());
  return unbuilt;
}

template <typename Response>
std::vector<std::string> FileNames(const Response& response) {
  std::vector<std::string> names;
  for (const std::string& bytes : response.file_descriptor_response().file_descriptor_proto()) {
    google::protobuf::FileDescriptorProto file;
    EXPECT_TRUE(file.ParseFromString(bytes));
    names.push_back(file.name());
  }
  return names;
}

template <typename Version>
class ServerReflectionTest : public ::testing::Test {
 protected:
  using Request = typename Version::Request;
  using Response = typename Version::Response;

  void SetUp() override {
    absl::StatusOr<std::unique_ptr<AlignmentServer>> server =
        AlignmentServer::Start(QuietOptions());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  // Returns the responses to `requests`, sent on one stream, which must end OK.
  std::vector<Response> Ask(const std::vector<Request>& requests) {
    grpc::Status status;
    std::vector<Response> responses =
        Exchange<Version>(server_->InProcessChannel(), requests, &status);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
    EXPECT_EQ(responses.size(), requests.size());
    return responses;
  }

  static Request ListServices() {
    Request request;
    request.set_list_services("*");
    return request;
  }
  static Request Symbol(const std::string& symbol) {
    Request request;
    request.set_file_containing_symbol(symbol);
    return request;
  }
  static Request File(const std::string& name) {
    Request request;
    request.set_file_by_filename(name);
    return request;
  }
  static Request Extension(const std::string& type, int number) {
    Request request;
    request.mutable_file_containing_extension()->set_containing_type(type);
    request.mutable_file_containing_extension()->set_extension_number(number);
    return request;
  }
  static Request ExtensionNumbers(const std::string& type) {
    Request request;
    request.set_all_extension_numbers_of_type(type);
    return request;
  }

  static std::vector<std::string> ServiceNames(const Response& response) {
    std::vector<std::string> names;
    for (const auto& service : response.list_services_response().service()) {
      names.push_back(service.name());
    }
    return names;
  }

  std::unique_ptr<AlignmentServer> server_;
};

using Versions = ::testing::Types<V1, V1alpha>;
TYPED_TEST_SUITE(ServerReflectionTest, Versions);

TYPED_TEST(ServerReflectionTest, ListsEveryServiceOfTheServer) {
  const auto responses = this->Ask({this->ListServices()});
  ASSERT_EQ(responses.size(), 1u);
  ASSERT_TRUE(responses[0].has_list_services_response()) << responses[0].DebugString();
  EXPECT_THAT(this->ServiceNames(responses[0]),
              UnorderedElementsAre(kAlignmentServiceName, "grpc.health.v1.Health",
                                   kReflectionV1ServiceName, kReflectionV1alphaServiceName));
  // The request comes back with its answer.
  EXPECT_EQ(responses[0].original_request().list_services(), "*");
}

TYPED_TEST(ServerReflectionTest, FileContainingTheServiceBuildsWithItsDependencies) {
  const auto responses = this->Ask({this->Symbol(kAlignmentServiceName)});
  ASSERT_EQ(responses.size(), 1u);
  ASSERT_TRUE(responses[0].has_file_descriptor_response()) << responses[0].DebugString();
  const std::vector<std::string> names = FileNames(responses[0]);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names[0], "newsalign/v1/alignment.proto");

  google::protobuf::DescriptorPool pool;
  EXPECT_THAT(BuildFiles(responses[0], &pool), IsEmpty());
  const google::protobuf::ServiceDescriptor* service =
      pool.FindServiceByName(kAlignmentServiceName);
  ASSERT_NE(service, nullptr);
  const google::protobuf::MethodDescriptor* align = service->FindMethodByName("Align");
  ASSERT_NE(align, nullptr);
  EXPECT_EQ(align->input_type()->full_name(), "newsalign.v1.AlignRequest");
  EXPECT_EQ(align->output_type()->full_name(), "newsalign.v1.AlignResponse");
  const google::protobuf::MethodDescriptor* stream = service->FindMethodByName("AlignStream");
  ASSERT_NE(stream, nullptr);
  EXPECT_TRUE(stream->client_streaming());
  EXPECT_TRUE(stream->server_streaming());

  // Each import is in the answer, and can be asked for by name.
  const google::protobuf::FileDescriptor* file = service->file();
  for (int i = 0; i < file->dependency_count(); ++i) {
    const std::string dependency = file->dependency(i)->name();
    const auto by_name = this->Ask({this->File(dependency)});
    ASSERT_EQ(by_name.size(), 1u);
    EXPECT_EQ(FileNames(by_name[0]).at(0), dependency);
  }
}

// google/protobuf/api.proto imports type.proto and source_context.proto, and type.proto
// imports any.proto and source_context.proto: each comes once, after the file asked for.
TYPED_TEST(ServerReflectionTest, FileByFilenameSendsEveryTransitiveDependencyOnce) {
  // The server serves the files of the generated pool; from Protobuf's static archive only the
  // generated code something names is linked, so this test names api.proto's.
  ASSERT_EQ(google::protobuf::Api::descriptor()->file()->name(), "google/protobuf/api.proto");
  const auto responses = this->Ask({this->File("google/protobuf/api.proto")});
  ASSERT_EQ(responses.size(), 1u);
  ASSERT_TRUE(responses[0].has_file_descriptor_response()) << responses[0].DebugString();
  const std::vector<std::string> names = FileNames(responses[0]);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names[0], "google/protobuf/api.proto");
  EXPECT_THAT(
      std::set<std::string>(names.begin(), names.end()),
      UnorderedElementsAre("google/protobuf/api.proto", "google/protobuf/type.proto",
                           "google/protobuf/any.proto", "google/protobuf/source_context.proto"));
  EXPECT_EQ(names.size(), 4u);
  google::protobuf::DescriptorPool pool;
  EXPECT_THAT(BuildFiles(responses[0], &pool), IsEmpty());
  EXPECT_NE(pool.FindMessageTypeByName("google.protobuf.Method"), nullptr);
}

// What a client such as grpcurl does first: list, then describe every service listed.
TYPED_TEST(ServerReflectionTest, EveryListedServiceIsDescribed) {
  const auto list = this->Ask({this->ListServices()});
  ASSERT_EQ(list.size(), 1u);
  for (const std::string& name : this->ServiceNames(list[0])) {
    SCOPED_TRACE(name);
    const auto responses = this->Ask({this->Symbol(name)});
    ASSERT_EQ(responses.size(), 1u);
    ASSERT_TRUE(responses[0].has_file_descriptor_response()) << responses[0].DebugString();
    google::protobuf::DescriptorPool pool;
    EXPECT_THAT(BuildFiles(responses[0], &pool), IsEmpty());
    EXPECT_NE(pool.FindServiceByName(name), nullptr);
  }
}

TYPED_TEST(ServerReflectionTest, AMethodOrAMessageFindsItsFile) {
  const auto responses = this->Ask({this->Symbol("newsalign.v1.AlignmentService.Segment"),
                                    this->Symbol("newsalign.v1.AlignRequest"),
                                    this->Symbol("grpc.health.v1.HealthCheckRequest")});
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(FileNames(responses[0]).at(0), "newsalign/v1/alignment.proto");
  EXPECT_EQ(FileNames(responses[1]).at(0), "newsalign/v1/alignment.proto");
  EXPECT_EQ(FileNames(responses[2]).at(0), "grpc/health/v1/health.proto");
}

// Each error is an error_response on the stream with its exact code; the stream goes on and
// the call ends OK.
TYPED_TEST(ServerReflectionTest, WhatTheServerDoesNotKnowIsNotFoundOnTheStream) {
  struct Case {
    typename TestFixture::Request request;
    grpc::StatusCode code;
  };
  const std::vector<Case> cases = {
      {this->Symbol("newsalign.v1.NoSuchService"), grpc::StatusCode::NOT_FOUND},
      {this->File("newsalign/v1/no_such.proto"), grpc::StatusCode::NOT_FOUND},
      {this->Extension("newsalign.v1.NoSuchMessage", 100), grpc::StatusCode::NOT_FOUND},
      // A known message with no such extension.
      {this->Extension("newsalign.v1.AlignRequest", 1000), grpc::StatusCode::NOT_FOUND},
      {this->ExtensionNumbers("newsalign.v1.NoSuchMessage"), grpc::StatusCode::NOT_FOUND},
      // No request at all (or one newer than the server's protocol).
      {typename TestFixture::Request(), grpc::StatusCode::UNIMPLEMENTED},
  };
  std::vector<typename TestFixture::Request> requests;
  for (const Case& c : cases) requests.push_back(c.request);
  requests.push_back(this->ListServices());
  const auto responses = this->Ask(requests);
  ASSERT_EQ(responses.size(), cases.size() + 1);
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].request.ShortDebugString());
    ASSERT_TRUE(responses[i].has_error_response()) << responses[i].DebugString();
    EXPECT_EQ(responses[i].error_response().error_code(), static_cast<int>(cases[i].code));
    EXPECT_FALSE(responses[i].error_response().error_message().empty());
  }
  EXPECT_EQ(responses[0].error_response().error_message(),
            "symbol \"newsalign.v1.NoSuchService\" is not known to this server");
  EXPECT_TRUE(responses.back().has_list_services_response());
}

TYPED_TEST(ServerReflectionTest, ExtensionNumbersOfAMessageWithNone) {
  const auto responses = this->Ask({this->ExtensionNumbers("newsalign.v1.AlignRequest")});
  ASSERT_EQ(responses.size(), 1u);
  ASSERT_TRUE(responses[0].has_all_extension_numbers_response()) << responses[0].DebugString();
  EXPECT_EQ(responses[0].all_extension_numbers_response().base_type_name(),
            "newsalign.v1.AlignRequest");
  EXPECT_THAT(responses[0].all_extension_numbers_response().extension_number(), IsEmpty());
}

TYPED_TEST(ServerReflectionTest, TheReflectionServicesDescribeThemselves) {
  const auto responses = this->Ask(
      {this->Symbol(kReflectionV1ServiceName), this->Symbol(kReflectionV1alphaServiceName)});
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_THAT(FileNames(responses[0]), ElementsAre("grpc/reflection/v1/reflection.proto"));
  EXPECT_THAT(FileNames(responses[1]), ElementsAre("grpc/reflection/v1alpha/reflection.proto"));
}

// --reflection=false: neither version is served, UNIMPLEMENTED from gRPC itself.
TYPED_TEST(ServerReflectionTest, TurnedOffIsUnimplemented) {
  ServerOptions options = QuietOptions();
  options.reflection = false;
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  grpc::Status status;
  const auto responses =
      Exchange<TypeParam>((*server)->InProcessChannel(), {this->ListServices()}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_THAT(responses, IsEmpty());
}

// Over TCP, as grpcurl would ask.
TYPED_TEST(ServerReflectionTest, ListsServicesOverTcp) {
  ServerOptions options = QuietOptions();
  options.listen_address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  grpc::Status status;
  const auto responses = Exchange<TypeParam>(
      grpc::CreateChannel((*server)->address(), grpc::InsecureChannelCredentials()),
      {this->ListServices()}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_THAT(this->ServiceNames(responses[0]),
              UnorderedElementsAre(kAlignmentServiceName, "grpc.health.v1.Health",
                                   kReflectionV1ServiceName, kReflectionV1alphaServiceName));
  (*server)->Shutdown(absl::Now() + absl::Seconds(1));
}

}  // namespace
}  // namespace newsalign
