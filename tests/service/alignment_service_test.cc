// AlignmentService through a real grpc::Server reached by InProcessChannel(): no ports, no
// sleeps. What the service answers: alignments of real French and Arabic (raw and pre-split, in
// other Unicode forms, with or without the texts), its log lines, AlignStream in order with
// errors inline, and Segment's offsets into the caller's text. Errors, limits and deadlines are
// in alignment_service_errors_test.cc.
#include "server/alignment_service.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/alignment_server.h"
#include "tests/testing/alignment_service_fixture.h"
#include "tests/testing/completion_queue.h"
#include "tests/testing/files.h"
#include "tests/testing/unicode_forms.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::AlignmentServiceTest;
using ::newsalign::testing::FillLongDocuments;
using ::newsalign::testing::GrpcStatusIs;
using ::newsalign::testing::kPairs;
using ::newsalign::testing::NextEvent;
using ::newsalign::testing::Pair;
using ::newsalign::testing::PairRequest;
using ::newsalign::testing::ReadExample;
using ::newsalign::testing::WithInvalidUtf8;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Ge;
using ::testing::HasSubstr;
using ::testing::Le;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;

// Every sentence of each side lies in exactly one bead, in order.
void ExpectBeadsCoverBothSides(const v1::AlignResponse& response) {
  std::vector<int> source, target;
  for (const v1::Bead& bead : response.beads()) {
    EXPECT_FALSE(bead.source_sentences().empty() && bead.target_sentences().empty());
    source.insert(source.end(), bead.source_sentences().begin(), bead.source_sentences().end());
    target.insert(target.end(), bead.target_sentences().begin(), bead.target_sentences().end());
    EXPECT_THAT(bead.confidence(), AllOf(Ge(0.0), Le(1.0)));
    EXPECT_THAT(bead.length_score(), AllOf(Ge(0.0), Le(1.0)));
    EXPECT_THAT(bead.anchor_score(), AllOf(Ge(0.0), Le(1.0)));
  }
  ASSERT_THAT(source, SizeIs(response.source().sentences_size()));
  ASSERT_THAT(target, SizeIs(response.target().sentences_size()));
  for (int i = 0; i < static_cast<int>(source.size()); ++i) EXPECT_EQ(source[i], i);
  for (int i = 0; i < static_cast<int>(target.size()); ++i) EXPECT_EQ(target[i], i);
}

TEST_F(AlignmentServiceTest, AlignsTheMaliArticle) {
  v1::AlignRequest request;
  request.set_id("mali-minusma");
  request.mutable_source()->set_language("fr");
  request.mutable_source()->set_text(ReadExample("fr.txt"));
  request.mutable_target()->set_language("ar");
  request.mutable_target()->set_text(ReadExample("ar.txt"));
  v1::AlignResponse response;
  ASSERT_TRUE(Align(request, &response).ok());

  EXPECT_EQ(response.id(), "mali-minusma");
  EXPECT_EQ(response.source().language(), "fr");
  EXPECT_EQ(response.target().language(), "ar");
  // examples/mali-minusma/README.md: 32 segments a side in 18 paragraphs, all 1-1.
  EXPECT_EQ(response.source().sentences_size(), 32);
  EXPECT_EQ(response.target().sentences_size(), 32);
  EXPECT_EQ(response.source().sentences(31).paragraph(), 17);
  ExpectBeadsCoverBothSides(response);
  int counted = 0;
  for (const auto& [type, count] : response.summary().bead_counts()) counted += count;
  EXPECT_EQ(counted, response.beads_size());
  EXPECT_GE(response.summary().bead_counts().at("1-1"), 28);
  EXPECT_THAT(response.summary().source_coverage(), AllOf(Ge(0.9), Le(1.0)));
  EXPECT_THAT(response.summary().mean_confidence(), AllOf(Ge(0.5), Le(1.0)));
  // Target code points per source code point: near 1 for French and Arabic news.
  EXPECT_THAT(response.summary().length_ratio(), AllOf(Ge(0.5), Le(2.0)));
}

// Arabic in presentation forms (as copied from a PDF) and French in NFD: the service reads them
// normalised and answers with the caller's own text at the caller's offsets, and with the
// findings and confidence of the original pair.
TEST_F(AlignmentServiceTest, OtherUnicodeFormsGiveTheOriginalsFindingsAndTheCallersText) {
  const std::string fr = testing::ToNfd(ReadExample("fr.txt"));
  const std::string ar = testing::ToPresentationForms(ReadExample("ar.txt"));
  ASSERT_NE(fr, ReadExample("fr.txt"));
  ASSERT_NE(ar, ReadExample("ar.txt"));
  v1::AlignRequest original;
  original.mutable_source()->set_language("fr");
  original.mutable_source()->set_text(ReadExample("fr.txt"));
  original.mutable_target()->set_language("ar");
  original.mutable_target()->set_text(ReadExample("ar.txt"));
  v1::AlignRequest request = original;
  request.mutable_source()->set_text(fr);
  request.mutable_target()->set_text(ar);
  v1::AlignResponse expected, response;
  ASSERT_TRUE(Align(original, &expected).ok());
  ASSERT_TRUE(Align(request, &response).ok());

  for (const auto& [document, text] : {std::pair{&response.source(), &fr},
                                       std::pair{&response.target(), &ar}}) {
    uint32_t previous_end = 0;
    for (const v1::Sentence& s : document->sentences()) {
      EXPECT_EQ(text->substr(s.byte_begin(), s.byte_end() - s.byte_begin()), s.text());
      EXPECT_GE(s.byte_begin(), previous_end);
      previous_end = s.byte_end();
    }
  }
  ASSERT_EQ(response.beads_size(), expected.beads_size());
  for (int i = 0; i < response.beads_size(); ++i) {
    EXPECT_THAT(response.beads(i).source_sentences(),
                ::testing::ElementsAreArray(expected.beads(i).source_sentences()));
    EXPECT_THAT(response.beads(i).target_sentences(),
                ::testing::ElementsAreArray(expected.beads(i).target_sentences()));
    EXPECT_EQ(response.beads(i).findings_size(), expected.beads(i).findings_size()) << i;
  }
  const auto counts = [](const v1::AlignResponse& r) {
    return std::map<std::string, int32_t>(r.report().finding_counts().begin(),
                                          r.report().finding_counts().end());
  };
  EXPECT_EQ(counts(response), counts(expected));
  EXPECT_EQ(response.report().finding_counts().count("FINDING_KIND_NUMBER_MISMATCH"),
            expected.report().finding_counts().count("FINDING_KIND_NUMBER_MISMATCH"));
  EXPECT_NEAR(response.report().mean_confidence(), expected.report().mean_confidence(), 1e-9);
}

TEST_F(AlignmentServiceTest, ReportsMatchedNumberAnchors) {
  v1::AlignResponse response;
  ASSERT_TRUE(Align(PairRequest(kPairs[0], "p0"), &response).ok());
  ASSERT_THAT(response.beads(), SizeIs(1));
  const v1::Bead& bead = response.beads(0);
  EXPECT_THAT(bead.source_sentences(), ElementsAre(0));
  EXPECT_THAT(bead.target_sentences(), ElementsAre(0));
  std::vector<std::string> numbers;
  for (const v1::Anchor& anchor : bead.anchors()) {
    EXPECT_NE(anchor.kind(), v1::ANCHOR_KIND_UNSPECIFIED);
    if (anchor.kind() == v1::ANCHOR_KIND_NUMBER) numbers.push_back(anchor.value());
  }
  EXPECT_THAT(numbers, Contains("2024"));
  EXPECT_GT(bead.anchor_score(), 0.0);
  EXPECT_EQ(response.summary().bead_counts().at("1-1"), 1);
}

TEST_F(AlignmentServiceTest, DisabledAnchorsAreNotReported) {
  v1::AlignRequest request = PairRequest(kPairs[0], "p0");
  request.mutable_options()->add_disabled_anchors(v1::ANCHOR_KIND_NUMBER);
  v1::AlignResponse response;
  ASSERT_TRUE(Align(request, &response).ok());
  for (const v1::Bead& bead : response.beads()) {
    for (const v1::Anchor& anchor : bead.anchors()) {
      EXPECT_NE(anchor.kind(), v1::ANCHOR_KIND_NUMBER) << anchor.value();
    }
  }
}

TEST_F(AlignmentServiceTest, AlignsPreSplitDocuments) {
  v1::AlignRequest request;
  request.set_id("pre-split");
  request.mutable_source()->set_language("fr");
  request.mutable_target()->set_language("ar");
  for (const Pair& pair : kPairs) {
    request.mutable_source()->mutable_sentences()->add_sentences(pair.fr);
    request.mutable_target()->mutable_sentences()->add_sentences(pair.ar);
  }
  v1::AlignResponse response;
  ASSERT_TRUE(Align(request, &response).ok());
  ASSERT_EQ(response.source().sentences_size(), 4);
  ASSERT_EQ(response.target().sentences_size(), 4);
  ExpectBeadsCoverBothSides(response);
  // Offsets index the sentences joined by "\n".
  std::string joined;
  for (const Pair& pair : kPairs) absl::StrAppend(&joined, joined.empty() ? "" : "\n", pair.ar);
  for (const v1::Sentence& sentence : response.target().sentences()) {
    EXPECT_EQ(sentence.text(), kPairs[sentence.index()].ar);
    EXPECT_EQ(joined.substr(sentence.byte_begin(), sentence.byte_end() - sentence.byte_begin()),
              sentence.text());
    EXPECT_EQ(sentence.paragraph(), 0);
  }
}

TEST_F(AlignmentServiceTest, LogsOneLineWithoutTheText) {
  v1::AlignResponse response;
  ASSERT_TRUE(Align(PairRequest(kPairs[3], "pair-3"), &response).ok());
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(1));
  // A JSON object: time (UTC, milliseconds), level, method, code, then the call's fields.
  EXPECT_THAT(log[0], MatchesRegex("\\{\"time\":\"20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:"
                                   "[0-5][0-9]:[0-6][0-9]\\.[0-9][0-9][0-9]Z\",\"level\":\"INFO\","
                                   "\"method\":\"Align\",\"code\":\"OK\",\"id\":\"pair-3\",.*"
                                   "\"elapsed_ms\":[0-9]+\\.[0-9]\\}"));
  EXPECT_THAT(log[0], HasSubstr(absl::StrCat("\"source_bytes\":", std::string(kPairs[3].fr).size(),
                                             ",\"target_bytes\":", std::string(kPairs[3].ar).size())));
  EXPECT_THAT(log[0], HasSubstr("\"source_sentences\":1,\"target_sentences\":1,"));
  EXPECT_THAT(log[0], Not(HasSubstr("Bamako")));
  EXPECT_THAT(log[0], Not(HasSubstr("باماكو")));
  EXPECT_EQ(log[0].find('\n'), std::string::npos);
}

TEST_F(AlignmentServiceTest, LogEscapesTheCallersId) {
  v1::AlignResponse response;
  ASSERT_TRUE(Align(PairRequest(kPairs[0], "a\nmethod=Forged"), &response).ok());
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(1));
  EXPECT_THAT(log[0], HasSubstr("\"id\":\"a\\nmethod=Forged\""));
  // Quotes and control characters cannot forge a field either; a long id is cut at 64 bytes on
  // a character boundary (the Arabic letters take two bytes each).
  ASSERT_TRUE(Align(PairRequest(kPairs[0], "x\",\"level\":\"ERROR\x1b"), &response).ok());
  ASSERT_TRUE(Align(PairRequest(kPairs[0], "a" + std::string(40, 'x') + "بعثة الأمم المتحدة في مالي"),
                    &response).ok());
  const std::vector<std::string> more = Log();
  ASSERT_THAT(more, SizeIs(3));
  EXPECT_THAT(more[1], HasSubstr("\"id\":\"x\\\",\\\"level\\\":\\\"ERROR\\u001b\""));
  EXPECT_THAT(more[2], HasSubstr("\"id\":\"a" + std::string(40, 'x') + "بعثة الأمم ا...\","));
}

// options.omit_text: the same alignment, the sentences without their text (a response to a
// 4 MB pair then fits other clients' 4 MiB receive limit); ranges still find the text.
TEST_F(AlignmentServiceTest, OmitTextLeavesTheTextsOutOfTheResponse) {
  const v1::AlignRequest request = PairRequest(kPairs[2], "with-text");
  v1::AlignRequest without = request;
  without.mutable_options()->set_omit_text(true);
  v1::AlignResponse full, slim;
  ASSERT_TRUE(Align(request, &full).ok());
  ASSERT_TRUE(Align(without, &slim).ok());
  ASSERT_GT(slim.source().sentences_size(), 0);
  ASSERT_GT(slim.target().sentences_size(), 0);
  for (const v1::SegmentedDocument* document : {&slim.source(), &slim.target()}) {
    for (const v1::Sentence& sentence : document->sentences()) {
      EXPECT_EQ(sentence.text(), "") << sentence.index();
    }
  }
  ASSERT_EQ(slim.target().sentences_size(), full.target().sentences_size());
  const std::string arabic = kPairs[2].ar;
  for (int i = 0; i < slim.target().sentences_size(); ++i) {
    const v1::Sentence& sentence = slim.target().sentences(i);
    EXPECT_EQ(arabic.substr(sentence.byte_begin(), sentence.byte_end() - sentence.byte_begin()),
              full.target().sentences(i).text());
  }
  EXPECT_EQ(slim.beads_size(), full.beads_size());
  EXPECT_LT(slim.ByteSizeLong(), full.ByteSizeLong());
}

// --- AlignStream ---

// Wraps `request` as one element of an AlignStream.
v1::AlignStreamRequest StreamRequest(v1::AlignRequest request) {
  v1::AlignStreamRequest out;
  *out.mutable_request() = std::move(request);
  return out;
}

// A request of a stream that does not parse gets its error in its own response, naming the
// field from the AlignRequest as Align does; the stream goes on (gRPC used to end the stream
// there, as if the client had sent nothing more).
TEST_F(AlignmentServiceTest, StreamAnswersAnUnparsableRequestInlineAndGoesOn) {
  v1::AlignRequest bad = PairRequest(kPairs[0], "bad");
  bad.mutable_target()->set_text("غادرت#");
  const std::vector<std::string> messages = {
      WithInvalidUtf8(StreamRequest(bad), "غادرت#"),
      StreamRequest(PairRequest(kPairs[2], "good")).SerializeAsString()};
  grpc::GenericStub stub(server_->InProcessChannel());
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  auto next = [&queue](void* expected) { return NextEvent(queue, expected); };
  int tags[8];
  auto call = stub.PrepareCall(&context, "/newsalign.v1.AlignmentService/AlignStream", &queue);
  call->StartCall(&tags[0]);
  ASSERT_TRUE(next(&tags[0]));
  for (size_t i = 0; i < messages.size(); ++i) {
    grpc::Slice slice(messages[i]);
    const grpc::ByteBuffer message(&slice, 1);
    call->Write(message, &tags[1 + i]);
    ASSERT_TRUE(next(&tags[1 + i]));
  }
  call->WritesDone(&tags[3]);
  ASSERT_TRUE(next(&tags[3]));
  std::vector<v1::AlignStreamResponse> responses(2);
  for (int i = 0; i < 2; ++i) {
    grpc::ByteBuffer bytes;
    call->Read(&bytes, &tags[4 + i]);
    ASSERT_TRUE(next(&tags[4 + i]));
    grpc::ProtoBufferReader reader(&bytes);
    ASSERT_TRUE(responses[i].ParseFromZeroCopyStream(&reader));
  }
  grpc::Status status;
  call->Finish(&status, &tags[6]);
  next(&tags[6]);
  queue.Shutdown();
  void* tag;
  bool ok;
  while (queue.Next(&tag, &ok)) {
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(responses[0].status().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(responses[0].status().message(),
            "target.text: invalid UTF-8 at byte 10; send the text encoded as UTF-8");
  EXPECT_FALSE(responses[0].has_response());
  EXPECT_EQ(responses[1].status().code(), 0) << responses[1].status().message();
  EXPECT_EQ(responses[1].id(), "good");
  EXPECT_EQ(responses[1].response().id(), "good");
}

TEST_F(AlignmentServiceTest, StreamAnswersEveryRequestInOrderWithErrorsInline) {
  constexpr int kRequests = 100;
  constexpr int kBad = 50;
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<v1::AlignStreamRequest, v1::AlignStreamResponse>>
      stream = stub_->AlignStream(&context);
  std::thread writer([&stream] {
    for (int i = 0; i < kRequests; ++i) {
      v1::AlignRequest request = PairRequest(kPairs[i % 4], absl::StrCat("doc-", i));
      if (i == kBad) request.mutable_target()->set_text("   ");
      if (!stream->Write(StreamRequest(std::move(request)))) break;
    }
    stream->WritesDone();
  });

  std::vector<v1::AlignStreamResponse> responses;
  v1::AlignStreamResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  writer.join();
  const grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();

  ASSERT_THAT(responses, SizeIs(kRequests));
  int errors = 0;
  for (int i = 0; i < kRequests; ++i) {
    const v1::AlignStreamResponse& r = responses[i];
    EXPECT_EQ(r.id(), absl::StrCat("doc-", i));
    ASSERT_TRUE(r.has_status());
    if (i == kBad) {
      ++errors;
      EXPECT_EQ(r.status().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
      EXPECT_THAT(r.status().message(), HasSubstr("target.text is empty"));
      EXPECT_FALSE(r.has_response());
      continue;
    }
    EXPECT_EQ(r.status().code(), 0) << r.status().message();
    EXPECT_EQ(r.status().message(), "");
    EXPECT_EQ(r.response().id(), absl::StrCat("doc-", i));
    EXPECT_THAT(r.response().beads(), SizeIs(1));
    EXPECT_EQ(r.response().source().sentences(0).text(), kPairs[i % 4].fr);
  }
  EXPECT_EQ(errors, 1);

  // One line per request, and one for the stream.
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(kRequests + 1));
  // Requests are aligned side by side: their lines come as each ends.
  const auto bad_line = std::find_if(log.begin(), log.end(), [](const std::string& line) {
    return absl::StrContains(line, absl::StrCat("\"id\":\"doc-", kBad, "\""));
  });
  ASSERT_NE(bad_line, log.end());
  EXPECT_THAT(*bad_line, HasSubstr("\"code\":\"INVALID_ARGUMENT\""));
  EXPECT_THAT(log.back(), HasSubstr("\"method\":\"AlignStream\",\"code\":\"OK\","
                                    "\"requests\":100,\"failed\":1,"));
}

// A stream aligns its requests side by side on the server's workers (two here) and answers in
// their order: a short request sent after a long one is done, and logged, first, and its answer
// still comes second.
TEST_F(AlignmentServiceTest, StreamAlignsRequestsSideBySideAndAnswersInOrder) {
  ServiceOptions options;
  options.workers = 2;
  StartServer(options);
  v1::AlignRequest long_request;
  FillLongDocuments(1500, &long_request);
  long_request.set_id("long");
  grpc::ClientContext context;
  auto stream = stub_->AlignStream(&context);
  ASSERT_TRUE(stream->Write(StreamRequest(long_request)));
  ASSERT_TRUE(stream->Write(StreamRequest(PairRequest(kPairs[1], "short"))));
  stream->WritesDone();
  std::vector<std::string> ids;
  v1::AlignStreamResponse response;
  while (stream->Read(&response)) {
    EXPECT_EQ(response.status().code(), 0) << response.status().message();
    ids.push_back(response.id());
  }
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_THAT(ids, ElementsAre("long", "short"));
  // The log has a line per request as each ends, then the stream's.
  const std::vector<std::string> log = Log();
  ASSERT_THAT(log, SizeIs(3));
  EXPECT_THAT(log[0], HasSubstr("\"id\":\"short\""));
  EXPECT_THAT(log[1], HasSubstr("\"id\":\"long\""));
  EXPECT_THAT(log[2], HasSubstr("\"requests\":2,\"failed\":0"));
}

TEST_F(AlignmentServiceTest, StreamEndsWithDeadlineExceededWhenTheCallRunsOutOfTime) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(5));
  std::unique_ptr<grpc::ClientReaderWriter<v1::AlignStreamRequest, v1::AlignStreamResponse>>
      stream = stub_->AlignStream(&context);
  v1::AlignRequest request;
  request.set_id("long");
  FillLongDocuments(4000, &request);
  stream->Write(StreamRequest(std::move(request)));
  stream->WritesDone();
  v1::AlignStreamResponse response;
  while (stream->Read(&response)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

// Sends `requests` over one AlignStream and returns the responses.
std::vector<v1::AlignStreamResponse> RunStream(v1::AlignmentService::Stub* stub,
                                               const std::vector<v1::AlignRequest>& requests) {
  grpc::ClientContext context;
  auto stream = stub->AlignStream(&context);
  // Writes and reads run at once: writing everything before reading leaves the two sides
  // waiting on each other over the in-process channel.
  std::thread writer([&] {
    for (const v1::AlignRequest& r : requests) {
      if (!stream->Write(StreamRequest(r))) break;
    }
    stream->WritesDone();
  });
  std::vector<v1::AlignStreamResponse> responses;
  v1::AlignStreamResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  writer.join();
  EXPECT_TRUE(stream->Finish().ok());
  return responses;
}

TEST_F(AlignmentServiceTest, StreamCanLearnWordAssociationsAcrossDocuments) {
  // A long document where "vaccin" and "اللقاح" always go together, then a short one too short
  // to learn from alone.
  v1::AlignRequest teacher;
  teacher.set_id("teacher");
  teacher.mutable_source()->set_language("fr");
  teacher.mutable_target()->set_language("ar");
  for (int k = 1; k <= 12; ++k) {
    teacher.mutable_source()->mutable_sentences()->add_sentences(
        absl::StrCat("La région ", k, " a reçu ", k * 100, " doses du vaccin."));
    teacher.mutable_target()->mutable_sentences()->add_sentences(
        absl::StrCat("تلقت المنطقة ", k, " عدد ", k * 100, " جرعة من اللقاح."));
  }
  v1::AlignRequest pupil;
  pupil.set_id("pupil");
  pupil.mutable_source()->set_language("fr");
  pupil.mutable_source()->set_text("Le vaccin arrive enfin. Les hôpitaux attendent.");
  pupil.mutable_target()->set_language("ar");
  pupil.mutable_target()->set_text("وصل اللقاح أخيرا. المستشفيات تنتظر.");
  auto lexicon_anchors = [](const v1::AlignStreamResponse& r) {
    int n = 0;
    for (const auto& bead : r.response().beads()) {
      for (const auto& a : bead.anchors()) n += a.kind() == v1::ANCHOR_KIND_LEXICON;
    }
    return n;
  };

  std::vector<v1::AlignStreamResponse> alone = RunStream(stub_.get(), {teacher, pupil});
  ASSERT_THAT(alone, SizeIs(2));
  EXPECT_EQ(lexicon_anchors(alone[1]), 0);

  teacher.mutable_options()->set_learn_across_stream(true);
  pupil.mutable_options()->set_learn_across_stream(true);
  std::vector<v1::AlignStreamResponse> together = RunStream(stub_.get(), {teacher, pupil});
  ASSERT_THAT(together, SizeIs(2));
  EXPECT_EQ(together[1].status().code(), 0) << together[1].status().message();
  EXPECT_GT(lexicon_anchors(together[1]), 0);
  // A stream teaches nothing to another stream.
  std::vector<v1::AlignStreamResponse> fresh = RunStream(stub_.get(), {pupil});
  ASSERT_THAT(fresh, SizeIs(1));
  EXPECT_EQ(lexicon_anchors(fresh[0]), 0);
}

TEST_F(AlignmentServiceTest, EmptyStreamIsOk) {
  grpc::ClientContext context;
  auto stream = stub_->AlignStream(&context);
  stream->WritesDone();
  v1::AlignStreamResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

// --- Segment ---

// Decodes valid UTF-8 into code points.
std::vector<UChar32> CodePoints(const std::string& text) {
  std::vector<UChar32> out;
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  while (i < static_cast<int32_t>(text.size())) {
    UChar32 c;
    U8_NEXT(data, i, static_cast<int32_t>(text.size()), c);
    out.push_back(c);
  }
  return out;
}

class SegmentExampleTest : public AlignmentServiceTest,
                           public ::testing::WithParamInterface<const char*> {};

TEST_P(SegmentExampleTest, OffsetsSliceTheCallersTextExactly) {
  const std::string language = GetParam();
  const std::string text = ReadExample(language + ".txt");
  v1::SegmentRequest request;
  request.set_id(language);
  request.mutable_document()->set_language(language);
  request.mutable_document()->set_text(text);
  grpc::ClientContext context;
  v1::SegmentResponse response;
  ASSERT_TRUE(stub_->Segment(&context, request, &response).ok());
  EXPECT_EQ(response.id(), language);
  EXPECT_EQ(response.document().language(), language);
  ASSERT_EQ(response.document().sentences_size(), 32);

  const std::vector<UChar32> code_points = CodePoints(text);
  uint32_t previous_end = 0;
  int previous_paragraph = 0;
  for (int i = 0; i < response.document().sentences_size(); ++i) {
    const v1::Sentence& s = response.document().sentences(i);
    EXPECT_EQ(s.index(), i);
    EXPECT_GE(s.byte_begin(), previous_end);
    EXPECT_LT(s.byte_begin(), s.byte_end());
    EXPECT_GE(s.paragraph(), previous_paragraph);
    previous_end = s.byte_end();
    previous_paragraph = s.paragraph();
    EXPECT_EQ(text.substr(s.byte_begin(), s.byte_end() - s.byte_begin()), s.text());
    ASSERT_LE(s.code_point_end(), code_points.size());
    std::string from_code_points;
    for (uint32_t c = s.code_point_begin(); c < s.code_point_end(); ++c) {
      char buffer[4];
      int32_t length = 0;
      U8_APPEND_UNSAFE(buffer, length, code_points[c]);
      from_code_points.append(buffer, length);
    }
    EXPECT_EQ(from_code_points, s.text());
  }
  EXPECT_EQ(previous_paragraph, 17);
}

INSTANTIATE_TEST_SUITE_P(MaliMinusma, SegmentExampleTest, ::testing::Values("fr", "ar"));

TEST_F(AlignmentServiceTest, SegmentSplitsShortArabic) {
  v1::SegmentRequest request;
  request.mutable_document()->set_language("ar");
  request.mutable_document()->set_text("غادرت البعثة مالي. هل تعود يومًا؟ لا أحد يعرف!");
  grpc::ClientContext context;
  v1::SegmentResponse response;
  ASSERT_TRUE(stub_->Segment(&context, request, &response).ok());
  std::vector<std::string> texts;
  for (const v1::Sentence& s : response.document().sentences()) texts.push_back(s.text());
  EXPECT_THAT(texts, ElementsAre("غادرت البعثة مالي.", "هل تعود يومًا؟", "لا أحد يعرف!"));
  EXPECT_EQ(response.document().sentences(1).code_point_begin(), 19u);
}

}  // namespace
}  // namespace newsalign
