// AlignmentService through a real grpc::Server reached by InProcessChannel(), and called
// directly: every error by its exact code and the field its message names. Invalid requests, the
// server's limits and memory budget, deadlines, requests protobuf cannot parse (invalid UTF-8
// from clients other than `newsalign`), and the service's options. What the service answers to
// valid requests is in alignment_service_test.cc.
#include "server/alignment_service.h"

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/alignment_server.h"
#include "server/checked_request.h"
#include "tests/testing/alignment_service_fixture.h"

namespace newsalign {
namespace {

using ::newsalign::testing::AlignmentServiceTest;
using ::newsalign::testing::FillLongDocuments;
using ::newsalign::testing::GrpcStatusIs;
using ::newsalign::testing::kPairs;
using ::newsalign::testing::PairRequest;
using ::newsalign::testing::WithInvalidUtf8;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Le;
using ::testing::SizeIs;

// --- Errors: exact code, and the message names the field. ---

struct ErrorCase {
  const char* name;
  std::function<void(v1::AlignRequest&)> break_request;
  grpc::StatusCode code;
  std::vector<std::string> message_parts;
};

// Names the case in test listings (instead of the struct's bytes).
void PrintTo(const ErrorCase& error_case, std::ostream* os) { *os << error_case.name; }

class AlignErrorTest : public AlignmentServiceTest,
                       public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(AlignErrorTest, FailsNamingTheField) {
  v1::AlignRequest request = PairRequest(kPairs[1], "bad");
  GetParam().break_request(request);
  v1::AlignResponse response;
  const grpc::Status status = Align(request, &response);
  EXPECT_EQ(status.error_code(), GetParam().code) << status.error_message();
  for (const std::string& part : GetParam().message_parts) {
    EXPECT_THAT(status.error_message(), HasSubstr(part));
  }
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(1));
  EXPECT_THAT(log[0], HasSubstr("\"level\":\"WARNING\",\"method\":\"Align\",\"code\":\"INVALID_ARGUMENT\""));
}

INSTANTIATE_TEST_SUITE_P(
    Requests, AlignErrorTest,
    ::testing::Values(
        ErrorCase{"EmptySourceText",
                  [](v1::AlignRequest& r) { r.mutable_source()->set_text(""); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"source.text"}},
        ErrorCase{"BlankTargetText",
                  [](v1::AlignRequest& r) { r.mutable_target()->set_text(" \n\n "); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"target.text"}},
        ErrorCase{"NoSourceContent",
                  [](v1::AlignRequest& r) { r.mutable_source()->clear_content(); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"source.text"}},
        ErrorCase{"EmptyPreSplitSentence",
                  [](v1::AlignRequest& r) {
                    v1::SentenceList* sentences = r.mutable_source()->mutable_sentences();
                    sentences->add_sentences("Le Mali a quitté la mission.");
                    sentences->add_sentences("");
                    sentences->add_sentences("Elle est partie.");
                  },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"source.sentences[1]"}},
        ErrorCase{"NoPreSplitSentences",
                  [](v1::AlignRequest& r) { r.mutable_target()->mutable_sentences(); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"target.sentences"}},
        ErrorCase{"MissingSourceLanguage",
                  [](v1::AlignRequest& r) { r.mutable_source()->clear_language(); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"source.language"}},
        ErrorCase{"MissingTargetDocument",
                  [](v1::AlignRequest& r) { r.clear_target(); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"target.language"}},
        ErrorCase{"MalformedLanguage",
                  [](v1::AlignRequest& r) { r.mutable_target()->set_language("!!"); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"target.language", "!!"}},
        ErrorCase{"MaxBeadSentencesTooLarge",
                  [](v1::AlignRequest& r) { r.mutable_options()->set_max_bead_sentences(7); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"options.max_bead_sentences must be between 1 and 5, got 7"}},
        ErrorCase{"MaxBeadSentencesNegative",
                  [](v1::AlignRequest& r) { r.mutable_options()->set_max_bead_sentences(-1); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"options.max_bead_sentences", "-1"}},
        ErrorCase{"BandNegative",
                  [](v1::AlignRequest& r) { r.mutable_options()->set_band(-3); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"options.band", "-3"}},
        ErrorCase{"BandTooLarge",
                  [](v1::AlignRequest& r) { r.mutable_options()->set_band(1000000); },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"options.band", "1000000"}},
        ErrorCase{"UnspecifiedAnchorKind",
                  [](v1::AlignRequest& r) {
                    r.mutable_options()->add_disabled_anchors(v1::ANCHOR_KIND_NUMBER);
                    r.mutable_options()->add_disabled_anchors(v1::ANCHOR_KIND_UNSPECIFIED);
                  },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"options.disabled_anchors[1]", "ANCHOR_KIND_UNSPECIFIED"}},
        ErrorCase{"UnknownAnchorKind",
                  [](v1::AlignRequest& r) {
                    r.mutable_options()->add_disabled_anchors(static_cast<v1::AnchorKind>(99));
                  },
                  grpc::StatusCode::INVALID_ARGUMENT,
                  {"options.disabled_anchors[0]", "99"}}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return info.param.name; });

TEST_F(AlignmentServiceTest, DocumentOverTheServersLimitNamesTheLimit) {
  ServiceOptions options;
  options.align_limits.max_document_bytes = 20;
  StartServer(options);
  v1::AlignResponse response;
  EXPECT_THAT(Align(PairRequest(kPairs[0], "big"), &response),
              GrpcStatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           AllOf(HasSubstr("source.text"), HasSubstr("max_document_bytes"))));
}

TEST_F(AlignmentServiceTest, TooManySentencesNamesTheLimit) {
  ServiceOptions options;
  options.align_limits.max_sentences = 2;
  StartServer(options);
  v1::AlignRequest request = PairRequest(kPairs[0], "many");
  request.mutable_source()->set_text(
      absl::StrCat(kPairs[0].fr, " ", kPairs[1].fr, " ", kPairs[2].fr));
  v1::AlignResponse response;
  EXPECT_THAT(Align(request, &response),
              GrpcStatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           AllOf(HasSubstr("source.text"), HasSubstr("max_sentences"))));
}

TEST_F(AlignmentServiceTest, CallOverTheMemoryBudgetNamesTheBudget) {
  ServiceOptions options;
  options.align_limits.max_memory_bytes = 2 << 20;
  options.align_limits.memory_limit_name = "--max_call_memory_mib";
  StartServer(options);
  v1::AlignRequest request;
  FillLongDocuments(3000, &request);
  v1::AlignResponse response;
  EXPECT_THAT(Align(request, &response),
              GrpcStatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           AllOf(HasSubstr("needs about"), HasSubstr("--max_call_memory_mib"))));
  // The sample pair fits.
  EXPECT_TRUE(Align(PairRequest(kPairs[0], "small"), &response).ok());
}

TEST_F(AlignmentServiceTest, DeadlineShorterThanTheWorkIsDeadlineExceeded) {
  v1::AlignRequest request;
  request.set_id("long");
  FillLongDocuments(4000, &request);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(5));
  v1::AlignResponse response;
  const grpc::Status status = stub_->Align(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
}

// A call whose deadline passes mid-alignment is logged as DEADLINE_EXCEEDED: gRPC cancels
// the call at its deadline, and the service used to report (and log) that as CANCELLED. The
// deadline leaves time for the 20,000-sentence request to reach the service on a loaded
// machine under TSan (at 300 ms it once expired before: no handler ran, so nothing was
// logged), and is still well before the alignment's end (over 2 s in Release).
TEST_F(AlignmentServiceTest, DeadlineExceededIsLoggedAsSuch) {
  v1::AlignRequest request;
  request.set_id("long");
  FillLongDocuments(20000, &request);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1000));
  v1::AlignResponse response;
  EXPECT_EQ(stub_->Align(&context, request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  // Shutdown() returns once every handler has returned, so the call's line is written.
  stub_.reset();
  server_->Shutdown(absl::InfiniteFuture());
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(1));
  EXPECT_THAT(log[0], HasSubstr("\"level\":\"WARNING\",\"method\":\"Align\","
                                "\"code\":\"DEADLINE_EXCEEDED\",\"id\":\"long\""));
}

// --- Requests protobuf cannot parse, from clients other than `newsalign` ---

// Calls `method` with `bytes` as the request message, as a generic client would, and returns
// the status; `response` gets the response bytes.
grpc::Status CallWithBytes(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& method, const std::string& bytes,
                           grpc::ByteBuffer* response) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  grpc::Slice slice(bytes);
  const grpc::ByteBuffer request(&slice, 1);
  std::unique_ptr<grpc::ClientAsyncResponseReader<grpc::ByteBuffer>> call =
      stub.PrepareUnaryCall(&context, method, request, &queue);
  call->StartCall();
  grpc::Status status;
  int tag = 0;
  call->Finish(response, &status, &tag);
  void* got = nullptr;
  bool ok = false;
  EXPECT_TRUE(queue.Next(&got, &ok));
  EXPECT_EQ(got, &tag);
  queue.Shutdown();
  while (queue.Next(&got, &ok)) {
  }
  return status;
}

TEST_F(AlignmentServiceTest, InvalidUtf8IsInvalidArgumentNamingTheFieldAndByte) {
  v1::AlignRequest request = PairRequest(kPairs[0], "sans-utf8");
  request.mutable_source()->set_text("Bonjour le monde #.");
  grpc::ByteBuffer response;
  const grpc::Status status = CallWithBytes(server_->InProcessChannel(),
                                            "/newsalign.v1.AlignmentService/Align",
                                            WithInvalidUtf8(request, "Bonjour le monde #."),
                                            &response);
  EXPECT_THAT(status, GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                                   "source.text: invalid UTF-8 at byte 17; send the text encoded "
                                   "as UTF-8"));
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(1));
  EXPECT_THAT(log[0], HasSubstr("\"method\":\"Align\",\"code\":\"INVALID_ARGUMENT\",\"id\":\"\""));
  EXPECT_THAT(log[0], HasSubstr("\"error\":\"source.text: invalid UTF-8 at byte 17; send"));
}

TEST_F(AlignmentServiceTest, InvalidUtf8InAPreSplitSentenceNamesTheSentence) {
  v1::AlignRequest request;
  request.mutable_source()->set_language("fr");
  request.mutable_source()->mutable_sentences()->add_sentences("Le Mali a quitté la mission.");
  request.mutable_target()->set_language("ar");
  request.mutable_target()->mutable_sentences()->add_sentences("غادرت مالي البعثة.");
  request.mutable_target()->mutable_sentences()->add_sentences("مينوسما#");
  grpc::ByteBuffer response;
  EXPECT_THAT(CallWithBytes(server_->InProcessChannel(), "/newsalign.v1.AlignmentService/Align",
                            WithInvalidUtf8(request, "مينوسما#"), &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           "target.sentences[1]: invalid UTF-8 at byte 14; send the text "
                           "encoded as UTF-8"));
}

TEST_F(AlignmentServiceTest, InvalidUtf8InSegmentNamesTheField) {
  v1::SegmentRequest request;
  request.mutable_document()->set_language("ar");
  request.mutable_document()->set_text("انسحبت البعثة من مالي#");
  grpc::ByteBuffer response;
  EXPECT_THAT(CallWithBytes(server_->InProcessChannel(), "/newsalign.v1.AlignmentService/Segment",
                            WithInvalidUtf8(request, "انسحبت البعثة من مالي#"), &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           "document.text: invalid UTF-8 at byte 39; send the text encoded "
                           "as UTF-8"));
}

TEST_F(AlignmentServiceTest, BytesThatAreNoMessageAreInvalidArgument) {
  grpc::ByteBuffer response;
  EXPECT_THAT(CallWithBytes(server_->InProcessChannel(), "/newsalign.v1.AlignmentService/Align",
                            "\x0a\xff\xff\xff\xff\x0f", &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("the request is not a valid newsalign.v1.AlignRequest")));
}

// The checked parse gives valid requests back exactly (a generic client's bytes, served OK).
TEST_F(AlignmentServiceTest, ValidRequestFromAGenericClientIsServed) {
  grpc::ByteBuffer response_bytes;
  const grpc::Status status =
      CallWithBytes(server_->InProcessChannel(), "/newsalign.v1.AlignmentService/Align",
                    PairRequest(kPairs[1], "generic").SerializeAsString(), &response_bytes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::AlignResponse response;
  grpc::ProtoBufferReader reader(&response_bytes);
  ASSERT_TRUE(response.ParseFromZeroCopyStream(&reader));
  EXPECT_EQ(response.id(), "generic");
  EXPECT_EQ(response.source().sentences(0).text(), kPairs[1].fr);
}

TEST(DiagnoseUnparsableMessageTest, NamesNestedFieldsAndRepeatedIndices) {
  v1::AlignRequest request;
  request.set_id("ok");
  request.mutable_source()->set_language("fr#");
  EXPECT_EQ(DiagnoseUnparsableMessage(WithInvalidUtf8(request, "fr#"),
                                      *v1::AlignRequest::descriptor()),
            absl::InvalidArgumentError(
                "source.language: invalid UTF-8 at byte 2; send the text encoded as UTF-8"));
  request.mutable_source()->set_language("fr");
  request.set_id("#");
  EXPECT_EQ(DiagnoseUnparsableMessage(WithInvalidUtf8(request, "#"),
                                      *v1::AlignRequest::descriptor()),
            absl::InvalidArgumentError("id: invalid UTF-8 at byte 0; send the text encoded as UTF-8"));
}

TEST_F(AlignmentServiceTest, SegmentErrorsNameTheDocument) {
  v1::SegmentRequest request;
  request.mutable_document()->set_language("fr");
  grpc::ClientContext context;
  v1::SegmentResponse response;
  EXPECT_THAT(stub_->Segment(&context, request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("document.text")));

  grpc::ClientContext context2;
  request.mutable_document()->clear_language();
  request.mutable_document()->set_text("Le Mali.");
  EXPECT_THAT(stub_->Segment(&context2, request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("document.language")));

  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(2));
  EXPECT_THAT(log[1], HasSubstr("\"method\":\"Segment\",\"code\":\"INVALID_ARGUMENT\",\"id\":\"\","
                                "\"document_bytes\":8,\"sentences\":0,"));
}

// --- Invalid UTF-8 ---
//
// proto3 string fields must hold valid UTF-8. The C++ client sends such a string anyway
// (logging an error); other languages refuse to send it. The server's checked parse
// (server/checked_request.h) answers INVALID_ARGUMENT naming the field and the byte, where
// gRPC alone answered INTERNAL with no message before the service ran.

TEST_F(AlignmentServiceTest, InvalidUtf8FromTheGeneratedCppStubIsInvalidArgument) {
  v1::AlignRequest request = PairRequest(kPairs[0], "bad-utf8");
  request.mutable_source()->set_text(std::string("Bonjour le monde \xff fin."));
  v1::AlignResponse response;
  EXPECT_THAT(Align(request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           "source.text: invalid UTF-8 at byte 17; send the text encoded as "
                           "UTF-8"));
  EXPECT_THAT(Log(), SizeIs(1));
}

// Calls the service's methods directly, without gRPC, as the server does after parsing.
class AlignmentServiceDirectTest : public ::testing::Test {
 protected:
  AlignmentServiceDirectTest() : service_(QuietOptions()) {}

  static ServiceOptions QuietOptions() {
    ServiceOptions options;
    options.log = nullptr;
    return options;
  }

  AlignmentServiceImpl service_;
  grpc::ServerContext context_;
};

TEST_F(AlignmentServiceDirectTest, InvalidUtf8NamesTheFieldAndTheByte) {
  // "Bonjour le monde " is 17 bytes: the bad byte is at offset 17.
  v1::AlignRequest request = PairRequest(kPairs[0], "bad-utf8");
  request.mutable_source()->set_text(std::string("Bonjour le monde \xff fin."));
  v1::AlignResponse response;
  EXPECT_THAT(service_.Align(&context_, &request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("source.text: invalid UTF-8 at byte 17")));

  // "مرحبا " is 11 bytes; a lead byte without its continuation.
  request = PairRequest(kPairs[0], "bad-utf8");
  request.mutable_target()->set_text(std::string("مرحبا \xd8"));
  EXPECT_THAT(service_.Align(&context_, &request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("target.text: invalid UTF-8 at byte 11")));
}

TEST_F(AlignmentServiceDirectTest, InvalidUtf8InAPreSplitSentenceNamesTheSentence) {
  v1::AlignRequest request = PairRequest(kPairs[0], "bad-utf8");
  v1::SentenceList* sentences = request.mutable_source()->mutable_sentences();
  sentences->add_sentences("Le Mali.");
  sentences->add_sentences(std::string("La MINUSMA\xc0\xaf."));  // an overlong "/"
  v1::AlignResponse response;
  EXPECT_THAT(service_.Align(&context_, &request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("source.sentences[1]: invalid UTF-8 at byte 10")));
}

TEST_F(AlignmentServiceDirectTest, SegmentInvalidUtf8NamesTheDocument) {
  v1::SegmentRequest request;
  request.mutable_document()->set_language("fr");
  request.mutable_document()->set_text(std::string("Le Mali\xc3"));
  v1::SegmentResponse response;
  EXPECT_THAT(service_.Segment(&context_, &request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("document.text: invalid UTF-8 at byte 7")));
}

TEST(ServiceOptionsTest, RejectsLimitsThatAreNotPositive) {
  ServiceOptions options;
  EXPECT_TRUE(options.Validate().ok());
  options.align_limits.max_sentences = 0;
  EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(options.Validate().message()), HasSubstr("max_sentences"));
  options = ServiceOptions();
  options.queue_bytes = -1;
  EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(options.Validate().message()), HasSubstr("queue_bytes"));
  for (const int threads : {0, 65}) {
    options = ServiceOptions();
    options.threads_per_call = threads;
    EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument) << threads;
    EXPECT_THAT(std::string(options.Validate().message()), HasSubstr("threads_per_call"));
  }
}

}  // namespace
}  // namespace newsalign
