// The QA report over the wire: options.low_confidence_threshold and friends checked and named,
// findings on the beads of the response, the report on the response, through a real server
// reached by InProcessChannel(); and the proto conversion of the report on its own.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "report/report.h"
#include "server/alignment_server.h"
#include "server/proto_convert.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::ReadExample;

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// The sample pair, with "15 ألف" (15 000 troops) in the Arabic changed to `troops`.
v1::AlignRequest SampleRequest(const std::string& troops = "15 ألف") {
  std::string arabic = ReadExample("ar.txt");
  const std::string original = "حوالي 15 ألف جندي";
  arabic.replace(arabic.find(original), original.size(), absl::StrCat("حوالي ", troops, " جندي"));
  v1::AlignRequest request;
  request.set_id("mali");
  request.mutable_source()->set_language("fr");
  request.mutable_source()->set_text(ReadExample("fr.txt"));
  request.mutable_target()->set_language("ar");
  request.mutable_target()->set_text(arabic);
  return request;
}

class ReportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.service.log = nullptr;
    absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::AlignmentService::NewStub(server_->InProcessChannel());
  }

  grpc::Status Align(const v1::AlignRequest& request, v1::AlignResponse* response) {
    grpc::ClientContext context;
    return stub_->Align(&context, request, response);
  }

  std::unique_ptr<AlignmentServer> server_;
  std::unique_ptr<v1::AlignmentService::Stub> stub_;
};

TEST_F(ReportServiceTest, UnchangedSampleHasAReportAndNoErrors) {
  v1::AlignResponse response;
  ASSERT_TRUE(Align(SampleRequest(), &response).ok());
  const v1::Report& report = response.report();
  EXPECT_EQ(report.source_sentences(), 32);
  EXPECT_EQ(report.translated_source_sentences(), 32);
  EXPECT_EQ(report.sentence_coverage(), 1.0);
  EXPECT_EQ(report.character_coverage(), 1.0);
  EXPECT_EQ(report.error_count(), 0);
  EXPECT_EQ(report.beads_with_errors(), 0);
  EXPECT_THAT(report.omitted_source_sentences(), IsEmpty());
  EXPECT_THAT(report.added_target_sentences(), IsEmpty());
  EXPECT_THAT(report.missing_source_paragraphs(), IsEmpty());
  // Without the built-in lexicons a few pairs are less sure: warnings, not errors.
  EXPECT_THAT(report.verdict(),
              ::testing::StartsWith("The Arabic carries 100 % of the French story; no errors"));
  EXPECT_GT(report.mean_confidence(), 0.5);
  EXPECT_GE(report.lowest_confidence_bead(), 0);
  EXPECT_EQ(report.lowest_confidence(),
            response.beads(report.lowest_confidence_bead()).confidence());
}

TEST_F(ReportServiceTest, ChangedFigureIsAnErrorOnItsBead) {
  v1::AlignResponse response;
  ASSERT_TRUE(Align(SampleRequest("16 ألف"), &response).ok());
  int flagged = 0;
  for (const v1::Bead& bead : response.beads()) {
    for (const v1::Finding& finding : bead.findings()) {
      if (finding.severity() != v1::SEVERITY_ERROR) continue;
      ++flagged;
      EXPECT_EQ(finding.kind(), v1::FINDING_KIND_NUMBER_MISMATCH);
      EXPECT_THAT(bead.source_sentences(), ElementsAre(11));
      EXPECT_THAT(bead.target_sentences(), ElementsAre(11));
      EXPECT_THAT(finding.source_only_values(), ElementsAre("15000"));
      EXPECT_THAT(finding.target_only_values(), ElementsAre("16000"));
      EXPECT_THAT(finding.values(), ElementsAre("15000", "16000"));
      EXPECT_EQ(finding.message(),
                "15000 in the source is not in the target; 16000 in the target is not in the "
                "source");
    }
  }
  EXPECT_EQ(flagged, 1);
  EXPECT_EQ(response.report().error_count(), 1);
  EXPECT_EQ(response.report().beads_with_errors(), 1);
  EXPECT_THAT(response.report().finding_counts(),
              ::testing::Contains(Pair("FINDING_KIND_NUMBER_MISMATCH", 1)));
  EXPECT_EQ(response.report().verdict(),
            "The Arabic carries 100 % of the French story; figures differ in 1 pair.");
}

// A server giving each call two threads (the bead costs shared out, the report's name check
// beside its other checks) answers exactly what a one-thread server does. Under TSan (this
// target runs there) it is also the check that those threads share nothing unguarded.
TEST_F(ReportServiceTest, TwoThreadsPerCallGiveTheSameResponse) {
  ServerOptions options;
  options.service.log = nullptr;
  options.service.threads_per_call = 2;
  absl::StatusOr<std::unique_ptr<AlignmentServer>> two = AlignmentServer::Start(options);
  ASSERT_TRUE(two.ok()) << two.status();
  auto two_stub = v1::AlignmentService::NewStub((*two)->InProcessChannel());
  for (const std::string& troops : {std::string("15 ألف"), std::string("16 ألف")}) {
    v1::AlignResponse one_thread, two_threads;
    ASSERT_TRUE(Align(SampleRequest(troops), &one_thread).ok());
    grpc::ClientContext context;
    ASSERT_TRUE(two_stub->Align(&context, SampleRequest(troops), &two_threads).ok());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(one_thread, two_threads))
        << troops;
    EXPECT_GT(two_threads.beads_size(), 0);
  }
}

TEST_F(ReportServiceTest, LowConfidenceThresholdIsTheCallers) {
  v1::AlignRequest request = SampleRequest();
  request.mutable_options()->set_low_confidence_threshold(0.999);
  v1::AlignResponse response;
  ASSERT_TRUE(Align(request, &response).ok());
  int low = 0;
  for (const v1::Bead& bead : response.beads()) {
    for (const v1::Finding& finding : bead.findings()) {
      if (finding.kind() != v1::FINDING_KIND_LOW_CONFIDENCE) continue;
      ++low;
      EXPECT_EQ(finding.severity(), v1::SEVERITY_WARNING);
      EXPECT_LT(bead.confidence(), 0.999);
    }
  }
  EXPECT_GT(low, 0);
  EXPECT_EQ(response.report().finding_counts().at("FINDING_KIND_LOW_CONFIDENCE"), low);
}

struct BadReportOption {
  std::string name;
  double low_confidence_threshold;
  double length_ratio_factor;
  double untranslated_share;
  std::string message;
};

class ReportOptionsServiceTest : public ReportServiceTest,
                                 public ::testing::WithParamInterface<BadReportOption> {};

TEST_P(ReportOptionsServiceTest, OutOfRangeIsInvalidArgumentNamingTheField) {
  v1::AlignRequest request = SampleRequest();
  request.mutable_options()->set_low_confidence_threshold(GetParam().low_confidence_threshold);
  request.mutable_options()->set_length_ratio_factor(GetParam().length_ratio_factor);
  request.mutable_options()->set_untranslated_share(GetParam().untranslated_share);
  v1::AlignResponse response;
  const grpc::Status status = Align(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ReportOptionsServiceTest,
    ::testing::Values(
        BadReportOption{"ThresholdAboveOne", 1.5, 0, 0,
                        "options.low_confidence_threshold must be between 0 and 1, got 1.5"},
        BadReportOption{"ThresholdNegative", -0.2, 0, 0,
                        "options.low_confidence_threshold must be between 0 and 1, got -0.2"},
        BadReportOption{"FactorBelowOne", 0, 0.5, 0,
                        "options.length_ratio_factor must be at least 1, got 0.5"},
        BadReportOption{"ShareAboveOne", 0, 0, 1.5,
                        "options.untranslated_share must be above 0 and at most 1, got 1.5"},
        BadReportOption{"ShareNegative", 0, 0, -1,
                        "options.untranslated_share must be above 0 and at most 1, got -1"}),
    [](const ::testing::TestParamInfo<BadReportOption>& info) { return info.param.name; });

TEST_F(ReportServiceTest, StreamAnswersABadThresholdWithAnErrorAndGoesOn) {
  grpc::ClientContext context;
  auto stream = stub_->AlignStream(&context);
  v1::AlignRequest bad = SampleRequest();
  bad.set_id("bad");
  bad.mutable_options()->set_low_confidence_threshold(2);
  v1::AlignRequest good = SampleRequest("16 ألف");
  good.set_id("good");
  // One request at a time: a response this size fills the flow-control window.
  v1::AlignStreamRequest request;
  *request.mutable_request() = bad;
  ASSERT_TRUE(stream->Write(request));
  v1::AlignStreamResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.id(), "bad");
  EXPECT_EQ(response.status().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(response.status().message(), HasSubstr("options.low_confidence_threshold"));
  EXPECT_FALSE(response.has_response());
  *request.mutable_request() = good;
  ASSERT_TRUE(stream->Write(request));
  stream->WritesDone();
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.id(), "good");
  EXPECT_EQ(response.status().code(), 0);
  EXPECT_EQ(response.response().report().error_count(), 1);
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

// --- proto_convert ---

TEST(ReportProtoConvertTest, ZeroOptionsTakeTheDefaults) {
  absl::StatusOr<ReportOptions> options = ToReportOptions(v1::AlignOptions());
  ASSERT_THAT(options, IsOk());
  const ReportOptions defaults;
  EXPECT_EQ(options->low_confidence_threshold, defaults.low_confidence_threshold);
  EXPECT_EQ(options->length_ratio_factor, defaults.length_ratio_factor);
  EXPECT_EQ(options->untranslated_share, defaults.untranslated_share);

  v1::AlignOptions wire;
  wire.set_low_confidence_threshold(0.25);
  wire.set_length_ratio_factor(3);
  wire.set_untranslated_share(0.75);
  options = ToReportOptions(wire);
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->low_confidence_threshold, 0.25);
  EXPECT_EQ(options->length_ratio_factor, 3);
  EXPECT_EQ(options->untranslated_share, 0.75);

  wire.set_low_confidence_threshold(7);
  EXPECT_THAT(ToReportOptions(wire),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "options.low_confidence_threshold must be between 0 and 1, got 7"));
}

TEST(ReportProtoConvertTest, EveryKindAndSeverityHasAWireValue) {
  for (FindingKind kind : kAllFindingKinds) {
    const v1::FindingKind wire = ToProto(kind);
    EXPECT_NE(wire, v1::FINDING_KIND_UNSPECIFIED);
    // The wire name is the core's name with the enum's prefix.
    EXPECT_EQ(v1::FindingKind_Name(wire), absl::StrCat("FINDING_KIND_", FindingKindName(kind)));
  }
  EXPECT_EQ(ToProto(Severity::kInfo), v1::SEVERITY_INFO);
  EXPECT_EQ(ToProto(Severity::kWarning), v1::SEVERITY_WARNING);
  EXPECT_EQ(ToProto(Severity::kError), v1::SEVERITY_ERROR);
}

TEST(ReportProtoConvertTest, FillsFindingsAndReport) {
  DocumentReport report;
  report.bead_findings.resize(2);
  report.bead_findings[1].push_back({FindingKind::kNumberMismatch,
                                     Severity::kError,
                                     "15000 in the source is not in the target",
                                     {"15000"},
                                     {"15000"},
                                     {}});
  report.source_sentences = 3;
  report.translated_source_sentences = 2;
  report.sentence_coverage = 2.0 / 3;
  report.character_coverage = 0.5;
  report.omitted_source_sentences = {2};
  report.added_target_sentences = {4};
  report.missing_source_paragraphs = {1};
  report.finding_counts[FindingKind::kNumberMismatch] = 1;
  report.finding_counts[FindingKind::kOmission] = 1;
  report.error_count = 2;
  report.warning_count = 3;
  report.info_count = 4;
  report.beads_with_errors = 2;
  report.mean_confidence = 0.8;
  report.lowest_confidence = 0.1;
  report.lowest_confidence_bead = 1;
  report.verdict = "The Arabic carries 50 % of the French story; paragraph 2 is missing.";

  v1::AlignResponse response;
  response.add_beads();
  response.add_beads();
  ToProto(std::move(report), &response);
  EXPECT_THAT(response.beads(0).findings(), IsEmpty());
  ASSERT_EQ(response.beads(1).findings_size(), 1);
  const v1::Finding& finding = response.beads(1).findings(0);
  EXPECT_EQ(finding.kind(), v1::FINDING_KIND_NUMBER_MISMATCH);
  EXPECT_EQ(finding.severity(), v1::SEVERITY_ERROR);
  EXPECT_EQ(finding.message(), "15000 in the source is not in the target");
  EXPECT_THAT(finding.values(), ElementsAre("15000"));
  EXPECT_THAT(finding.source_only_values(), ElementsAre("15000"));
  EXPECT_THAT(finding.target_only_values(), IsEmpty());
  const v1::Report& wire = response.report();
  EXPECT_EQ(wire.source_sentences(), 3);
  EXPECT_EQ(wire.translated_source_sentences(), 2);
  EXPECT_DOUBLE_EQ(wire.sentence_coverage(), 2.0 / 3);
  EXPECT_EQ(wire.character_coverage(), 0.5);
  EXPECT_THAT(wire.omitted_source_sentences(), ElementsAre(2));
  EXPECT_THAT(wire.added_target_sentences(), ElementsAre(4));
  EXPECT_THAT(wire.missing_source_paragraphs(), ElementsAre(1));
  EXPECT_THAT(wire.finding_counts(), UnorderedElementsAre(Pair("FINDING_KIND_NUMBER_MISMATCH", 1),
                                                          Pair("FINDING_KIND_OMISSION", 1)));
  EXPECT_EQ(wire.error_count(), 2);
  EXPECT_EQ(wire.warning_count(), 3);
  EXPECT_EQ(wire.info_count(), 4);
  EXPECT_EQ(wire.beads_with_errors(), 2);
  EXPECT_EQ(wire.mean_confidence(), 0.8);
  EXPECT_EQ(wire.lowest_confidence(), 0.1);
  EXPECT_EQ(wire.lowest_confidence_bead(), 1);
  EXPECT_EQ(wire.verdict(), "The Arabic carries 50 % of the French story; paragraph 2 is missing.");
}

}  // namespace
}  // namespace newsalign
