// The server's responses as bytes: the same request gets the same bytes back, map fields and
// all (server/deterministic_message.h). Through a real grpc::Server reached in-process, with
// generic calls that see the wire bytes.
#include "server/deterministic_message.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/slice.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.pb.h"
#include "server/alignment_server.h"
#include "tests/testing/completion_queue.h"
#include "tests/testing/files.h"

namespace newsalign {
namespace {

using ::google::protobuf::UnknownFieldSet;
using ::testing::ElementsAreArray;
using ::testing::SizeIs;

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  EXPECT_TRUE(buffer.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

// The bytes SerializationTraits<DeterministicMessage<>> writes for `message`.
std::string WireBytes(const v1::AlignResponse& message) {
  grpc::ByteBuffer buffer;
  bool own_buffer = false;
  const grpc::Status status =
      grpc::SerializationTraits<DeterministicMessage<v1::AlignResponse>>::Serialize(
          DeterministicMessage<v1::AlignResponse>(message), &buffer, &own_buffer);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(own_buffer);
  return BytesOf(buffer);
}

// The keys of map field `map_field` of the submessage in field `field` of `bytes` (an
// AlignResponse), in the order they are on the wire.
std::vector<std::string> MapKeysOnWire(const std::string& bytes, int field, int map_field) {
  std::vector<std::string> keys;
  UnknownFieldSet response;
  EXPECT_TRUE(response.ParseFromString(bytes));
  for (int i = 0; i < response.field_count(); ++i) {
    if (response.field(i).number() != field) continue;
    UnknownFieldSet sub;
    EXPECT_TRUE(sub.ParseFromString(response.field(i).length_delimited()));
    for (int k = 0; k < sub.field_count(); ++k) {
      if (sub.field(k).number() != map_field) continue;
      UnknownFieldSet entry;
      EXPECT_TRUE(entry.ParseFromString(sub.field(k).length_delimited()));
      for (int e = 0; e < entry.field_count(); ++e) {
        if (entry.field(e).number() == 1) keys.push_back(entry.field(e).length_delimited());
      }
    }
  }
  return keys;
}

const std::vector<std::string>& BeadShapes() {
  static const auto* shapes = new std::vector<std::string>{
      "0-1", "1-0", "1-1", "1-2", "1-3", "1-4", "1-5", "2-1", "2-2", "2-3", "3-1", "3-2"};
  return *shapes;
}

// A response whose two maps hold many keys, inserted in the order of `shapes` and `kinds`.
v1::AlignResponse ResponseWithMaps(const std::vector<std::string>& shapes,
                                   const std::vector<std::string>& kinds) {
  v1::AlignResponse response;
  response.set_id("ابن رشد");
  int count = 1;
  for (const std::string& shape : shapes) {
    (*response.mutable_summary()->mutable_bead_counts())[shape] = count++;
  }
  for (const std::string& kind : kinds) {
    (*response.mutable_report()->mutable_finding_counts())[kind] = count++;
  }
  return response;
}

const std::vector<std::string> kKinds = {
    "FINDING_KIND_OMISSION", "FINDING_KIND_ADDITION", "FINDING_KIND_NUMBER_MISMATCH",
    "FINDING_KIND_LOW_CONFIDENCE", "FINDING_KIND_UNTRANSLATED", "FINDING_KIND_NAME_MISMATCH"};

TEST(DeterministicMessageTest, WritesMapEntriesInKeyOrder) {
  std::vector<std::string> shapes = BeadShapes();
  std::reverse(shapes.begin(), shapes.end());
  const std::string bytes = WireBytes(ResponseWithMaps(shapes, kKinds));
  EXPECT_THAT(MapKeysOnWire(bytes, /*summary*/ 6, /*bead_counts*/ 1),
              ElementsAreArray(BeadShapes()));
  std::vector<std::string> sorted_kinds = kKinds;
  std::sort(sorted_kinds.begin(), sorted_kinds.end());
  EXPECT_THAT(MapKeysOnWire(bytes, /*report*/ 7, /*finding_counts*/ 8),
              ElementsAreArray(sorted_kinds));
}

TEST(DeterministicMessageTest, EqualMessagesGiveEqualBytes) {
  // Twenty messages with the same content, their maps filled in different orders (each map
  // seeds its hash table anew): one set of bytes, which parses back to the same message.
  const v1::AlignResponse first = ResponseWithMaps(BeadShapes(), kKinds);
  const std::string expected = WireBytes(first);
  EXPECT_EQ(SerializeDeterministically(first), expected);
  std::vector<std::string> shapes = BeadShapes();
  std::vector<std::string> kinds = kKinds;
  for (int round = 0; round < 20; ++round) {
    std::rotate(shapes.begin(), shapes.begin() + 5, shapes.end());
    std::rotate(kinds.begin(), kinds.begin() + 1, kinds.end());
    v1::AlignResponse same;
    // The same counts a key as `first` has.
    for (const std::string& shape : shapes) {
      (*same.mutable_summary()->mutable_bead_counts())[shape] =
          first.summary().bead_counts().at(shape);
    }
    for (const std::string& kind : kinds) {
      (*same.mutable_report()->mutable_finding_counts())[kind] =
          first.report().finding_counts().at(kind);
    }
    same.set_id(first.id());
    ASSERT_EQ(WireBytes(same), expected) << "round " << round;
  }
  v1::AlignResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(expected));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, first));
}

TEST(DeterministicMessageTest, EmptyMessageIsNoBytes) {
  EXPECT_EQ(WireBytes(v1::AlignResponse()), "");
}

// Through the server: a real pair of ../shared/eval (tico19, with an omission and an addition
// put in), whose answer has several bead shapes and several kinds of finding.
class ServerBytesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.service.log = nullptr;
    absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    const std::string dir =
        std::string(NEWSALIGN_SHARED_DIR) + "/eval/tico19_fr_ar_perturbed/";
    v1::AlignRequest request;
    request.set_id("21_wiki_20");
    request.mutable_source()->set_language("fr");
    request.mutable_source()->set_text(testing::ReadFile(dir + "fr/21_wiki_20.txt"));
    request.mutable_target()->set_language("ar");
    request.mutable_target()->set_text(testing::ReadFile(dir + "ar/21_wiki_20.txt"));
    ASSERT_FALSE(request.source().text().empty());
    ASSERT_FALSE(request.target().text().empty());
    request_ = request;
  }

  // The bytes of one Align call's answer.
  std::string CallAlign() {
    grpc::GenericStub stub(server_->InProcessChannel());
    grpc::CompletionQueue queue;
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(120)));
    const std::string serialized = request_.SerializeAsString();
    grpc::Slice slice(serialized);
    const grpc::ByteBuffer request(&slice, 1);
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
        stub.PrepareUnaryCall(&context, "/newsalign.v1.AlignmentService/Align", request, &queue);
    grpc::ByteBuffer response;
    grpc::Status status;
    call->StartCall();
    call->Finish(&response, &status, reinterpret_cast<void*>(1));
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(queue.Next(&tag, &ok) && ok);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
    queue.Shutdown();
    while (queue.Next(&tag, &ok)) {
    }
    return BytesOf(response);
  }

  std::unique_ptr<AlignmentServer> server_;
  v1::AlignRequest request_;
};

TEST_F(ServerBytesTest, SameRequestSameBytes) {
  const std::string first = CallAlign();
  v1::AlignResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(first));
  // The maps the bytes used to differ by hold several keys each.
  ASSERT_GE(parsed.summary().bead_counts().size(), 2u);
  ASSERT_GE(parsed.report().finding_counts().size(), 2u);
  EXPECT_EQ(first, SerializeDeterministically(parsed));
  for (int call = 1; call < 6; ++call) {
    ASSERT_EQ(CallAlign(), first) << "call " << call;
  }
}

TEST_F(ServerBytesTest, StreamAnswersAreTheSameBytes) {
  // Three copies of the request over one AlignStream: three answers, byte for byte the same
  // (each carries the request's id), and the same as the unary call's inside them.
  const std::string unary = CallAlign();
  grpc::GenericStub generic(server_->InProcessChannel());
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(120)));
  auto next = [&queue](void* expected) { return testing::NextEvent(queue, expected); };
  int tags[10];
  auto call =
      generic.PrepareCall(&context, "/newsalign.v1.AlignmentService/AlignStream", &queue);
  call->StartCall(&tags[0]);
  ASSERT_TRUE(next(&tags[0]));
  v1::AlignStreamRequest wrapped;
  *wrapped.mutable_request() = request_;
  const std::string serialized = wrapped.SerializeAsString();
  for (int i = 0; i < 3; ++i) {
    grpc::Slice slice(serialized);
    grpc::ByteBuffer message(&slice, 1);
    call->Write(message, &tags[1 + i]);
    ASSERT_TRUE(next(&tags[1 + i]));
  }
  call->WritesDone(&tags[4]);
  ASSERT_TRUE(next(&tags[4]));
  std::vector<std::string> answers;
  for (int i = 0; i < 3; ++i) {
    grpc::ByteBuffer answer;
    call->Read(&answer, &tags[5 + i]);
    ASSERT_TRUE(next(&tags[5 + i]));
    answers.push_back(BytesOf(answer));
  }
  grpc::Status status;
  call->Finish(&status, &tags[8]);
  ASSERT_TRUE(next(&tags[8]));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  queue.Shutdown();
  void* tag;
  bool ok;
  while (queue.Next(&tag, &ok)) {
  }
  ASSERT_THAT(answers, SizeIs(3));
  EXPECT_EQ(answers[1], answers[0]);
  EXPECT_EQ(answers[2], answers[0]);
  v1::AlignStreamResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(answers[0]));
  EXPECT_EQ(parsed.status().code(), 0) << parsed.status().message();
  EXPECT_EQ(SerializeDeterministically(parsed.response()), unary);
}

}  // namespace
}  // namespace newsalign
