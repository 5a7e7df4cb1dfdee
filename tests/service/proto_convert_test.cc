// Conversions between newsalign.v1 and the core: options (zero means default, errors name the
// proto field), enums, documents, and the status mapping.
#include "server/proto_convert.h"

#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ToAlignOptionsTest, EmptyMessageGivesTheCoresDefaults) {
  AlignLimits limits;
  limits.max_sentences = 123;
  absl::StatusOr<AlignOptions> options = ToAlignOptions(v1::AlignOptions(), limits);
  ASSERT_THAT(options, IsOk());
  const AlignOptions defaults;
  EXPECT_EQ(options->max_bead_sentences, defaults.max_bead_sentences);
  EXPECT_EQ(options->allow_omissions, defaults.allow_omissions);
  EXPECT_EQ(options->second_pass, defaults.second_pass);
  EXPECT_EQ(options->band, defaults.band);
  EXPECT_TRUE(options->disabled_anchors.empty());
  EXPECT_EQ(options->limits.max_sentences, 123);
}

TEST(ToAlignOptionsTest, SetFieldsOverrideTheDefaults) {
  v1::AlignOptions wire;
  wire.set_max_bead_sentences(3);
  wire.set_allow_omissions(false);
  wire.set_second_pass(false);
  wire.set_band(40);
  wire.add_disabled_anchors(v1::ANCHOR_KIND_LEXICON);
  wire.add_disabled_anchors(v1::ANCHOR_KIND_DATE);
  absl::StatusOr<AlignOptions> options = ToAlignOptions(wire, AlignLimits());
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->max_bead_sentences, 3);
  EXPECT_FALSE(options->allow_omissions);
  EXPECT_FALSE(options->second_pass);
  EXPECT_EQ(options->band, 40);
  EXPECT_THAT(options->disabled_anchors, ElementsAre(AnchorKind::kLexicon, AnchorKind::kDate));
}

TEST(ToAlignOptionsTest, ExplicitTrueIsKept) {
  v1::AlignOptions wire;
  wire.set_allow_omissions(true);
  absl::StatusOr<AlignOptions> options = ToAlignOptions(wire, AlignLimits());
  ASSERT_THAT(options, IsOk());
  EXPECT_TRUE(options->allow_omissions);
}

TEST(ToAlignOptionsTest, OutOfRangeNamesTheProtoField) {
  v1::AlignOptions wire;
  wire.set_max_bead_sentences(7);
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("options.max_bead_sentences must be between 1 and 5, got 7")));
  wire.Clear();
  wire.set_band(-1);
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("options.band")));
  wire.Clear();
  wire.add_disabled_anchors(v1::ANCHOR_KIND_UNSPECIFIED);
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("options.disabled_anchors[0] must be an anchor kind")));
}

TEST(AnchorKindTest, EveryCoreKindRoundTrips) {
  for (AnchorKind kind : kAllAnchorKinds) {
    const v1::AnchorKind wire = ToProto(kind);
    EXPECT_NE(wire, v1::ANCHOR_KIND_UNSPECIFIED) << AnchorKindName(kind);
    absl::StatusOr<AnchorKind> back = FromProto(wire, "kind");
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(*back, kind);
  }
}

TEST(AnchorKindTest, WireNamesMatchTheCoreNames) {
  for (AnchorKind kind : kAllAnchorKinds) {
    std::string core(AnchorKindName(kind));
    for (char& c : core) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(v1::AnchorKind_Name(ToProto(kind)), "ANCHOR_KIND_" + core);
  }
}

TEST(ToDocumentInputTest, TextOrSentences) {
  v1::Document document;
  document.set_language("ar");
  document.set_text("غادرت البعثة مالي.");
  DocumentInput input = ToDocumentInput(document);
  EXPECT_EQ(input.language, "ar");
  EXPECT_FALSE(input.pre_split);
  EXPECT_EQ(input.text, "غادرت البعثة مالي.");
  EXPECT_EQ(DocumentBytes(document), input.text.size());

  document.mutable_sentences()->add_sentences("Le Mali.");
  document.mutable_sentences()->add_sentences("La MINUSMA.");
  input = ToDocumentInput(document);
  EXPECT_TRUE(input.pre_split);
  EXPECT_THAT(input.sentences, ElementsAre("Le Mali.", "La MINUSMA."));
  EXPECT_TRUE(input.text.empty());
  EXPECT_EQ(DocumentBytes(document), 8u + 11u);

  input = ToDocumentInput(v1::Document());
  EXPECT_FALSE(input.pre_split);
  EXPECT_TRUE(input.text.empty());
}

TEST(ToProtoTest, CopiesSentencesBeadsAndSummary) {
  DocumentAlignment alignment;
  alignment.source.language = "fr";
  alignment.source.sentences.push_back({0, 0, 0, 8, 0, 8, "Le Mali.", ""});
  alignment.source.sentences.push_back({1, 1, 10, 21, 10, 21, "La MINUSMA.", ""});
  alignment.target.language = "ar";
  alignment.target.sentences.push_back({0, 0, 0, 8, 0, 5, "مالي.", ""});
  Bead bead;
  bead.source = {0, 1};
  bead.target = {0};
  bead.confidence = 0.75;
  bead.length_score = 0.5;
  bead.anchor_score = 0.25;
  bead.anchors.push_back({AnchorKind::kName, "mali"});
  alignment.beads.push_back(bead);
  alignment.length.ratio = 0.6;
  alignment.length.variance = 3.0;
  alignment.summary.bead_counts["2-1"] = 1;
  alignment.summary.source_coverage = 1.0;
  alignment.summary.mean_confidence = 0.75;

  v1::AlignResponse response;
  ToProto(std::move(alignment), &response);
  ASSERT_EQ(response.source().sentences_size(), 2);
  const v1::Sentence& second = response.source().sentences(1);
  EXPECT_EQ(second.index(), 1);
  EXPECT_EQ(second.paragraph(), 1);
  EXPECT_EQ(second.byte_begin(), 10u);
  EXPECT_EQ(second.byte_end(), 21u);
  EXPECT_EQ(second.code_point_begin(), 10u);
  EXPECT_EQ(second.code_point_end(), 21u);
  EXPECT_EQ(second.text(), "La MINUSMA.");
  EXPECT_EQ(response.target().sentences(0).code_point_end(), 5u);
  EXPECT_EQ(response.target().language(), "ar");
  ASSERT_EQ(response.beads_size(), 1);
  EXPECT_THAT(response.beads(0).source_sentences(), ElementsAre(0, 1));
  EXPECT_THAT(response.beads(0).target_sentences(), ElementsAre(0));
  EXPECT_EQ(response.beads(0).confidence(), 0.75);
  EXPECT_EQ(response.beads(0).length_score(), 0.5);
  EXPECT_EQ(response.beads(0).anchor_score(), 0.25);
  ASSERT_EQ(response.beads(0).anchors_size(), 1);
  EXPECT_EQ(response.beads(0).anchors(0).kind(), v1::ANCHOR_KIND_NAME);
  EXPECT_EQ(response.beads(0).anchors(0).value(), "mali");
  EXPECT_EQ(response.summary().bead_counts().at("2-1"), 1);
  EXPECT_EQ(response.summary().source_coverage(), 1.0);
  EXPECT_EQ(response.summary().mean_confidence(), 0.75);
  EXPECT_EQ(response.summary().length_ratio(), 0.6);
  EXPECT_EQ(response.summary().length_variance(), 3.0);
}

TEST(ToGrpcStatusTest, SameCodeSameMessage) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  for (int code = 1; code <= 16; ++code) {
    const absl::Status status(static_cast<absl::StatusCode>(code), "source.text: bad");
    const grpc::Status mapped = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(mapped.error_code()), code);
    EXPECT_EQ(mapped.error_message(), "source.text: bad");
  }
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ToGrpcStatus(absl::DeadlineExceededError("x")).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(ToGrpcStatus(absl::ResourceExhaustedError("x")).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

}  // namespace
}  // namespace newsalign
