// The JSON printer prints an AlignResponse's long lists a chunk at a time: the bytes must be
// those of the whole message printed at once, on one line and indented, for every chunk size,
// on the sample's real response and on a long response built by hand with what JSON escapes.
#include "client/json_printer.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/response_builders.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::AddBead;
using ::newsalign::testing::AddSentence;
using ::newsalign::testing::ReadExample;

// Both printers on `response`, on one line and indented, chunk by chunk.
void ExpectSameAsWhole(const v1::AlignResponse& response, const std::vector<int>& chunks) {
  for (const bool whitespace : {false, true}) {
    const absl::StatusOr<std::string> whole = PrintJsonWhole(response, whitespace);
    ASSERT_TRUE(whole.ok()) << whole.status();
    for (const int chunk : chunks) {
      const absl::StatusOr<std::string> chunked = PrintJson(response, whitespace, chunk);
      ASSERT_TRUE(chunked.ok()) << chunked.status();
      EXPECT_EQ(*chunked, *whole) << "chunk " << chunk << (whitespace ? ", indented" : "");
    }
  }
}

TEST(JsonPrinterTest, TheSampleChunkedPrintsAsTheWhole) {
  absl::StatusOr<Connection> connection = Connect("");
  ASSERT_TRUE(connection.ok()) << connection.status();
  v1::AlignRequest request;
  request.mutable_source()->set_language("fr");
  request.mutable_source()->set_text(ReadExample("fr.txt"));
  request.mutable_target()->set_language("ar");
  request.mutable_target()->set_text(ReadExample("ar.txt"));
  grpc::ClientContext context;
  v1::AlignResponse response;
  const grpc::Status status = connection->alignment->Align(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GT(response.beads_size(), 20);
  ASSERT_GT(response.report().finding_counts_size(), 0);
  ExpectSameAsWhole(response, {1, 2, 5, 16, 1000});
}

// Sentences and beads by the hundred, with quotes, backslashes, controls, Arabic, an emoji,
// line and paragraph separators; findings, anchors, maps; a source longer than the target and
// an empty side.
v1::AlignResponse LongResponse(int sentences, bool empty_target) {
  v1::AlignResponse response;
  response.set_id("long \"pair\" \\ 1");
  response.mutable_source()->set_language("fr");
  response.mutable_target()->set_language("ar");
  const std::vector<std::string> french = {
      "Le Mali a \"voté\" la fin de la MINUSMA\\", "Tab\there, nul\x01 et \x1b[31m.",
      "La mission, créée en 2013, comptait 15 000 casques bleus.", "<b>&</b> \u2028 \u2029 😀"};
  const std::vector<std::string> arabic = {"صوّت مالي على إنهاء مينوسما.",
                                           "أُنشئت البعثة عام 2013 وضمّت 15 ألف جندي.",
                                           "\"اقتباس\" \\ نهاية"};
  for (int i = 0; i < sentences; ++i) {
    AddSentence(response.mutable_source(), absl::StrCat(french[i % french.size()], " ", i));
    if (!empty_target && i % 3 != 2) {
      AddSentence(response.mutable_target(), absl::StrCat(arabic[i % arabic.size()], " ", i));
    }
  }
  int target = 0;
  for (int i = 0; i < sentences; ++i) {
    const bool paired = !empty_target && i % 3 != 2;
    v1::Bead* bead = paired ? AddBead(&response, {i}, {target++}, 1.0 / (i + 3))
                            : AddBead(&response, {i}, {}, 0.5 + i * 1e-9);
    bead->set_length_score(i * 0.001);
    if (i % 4 == 0) {
      v1::Anchor* anchor = bead->add_anchors();
      anchor->set_kind(v1::ANCHOR_KIND_NUMBER);
      anchor->set_value(absl::StrCat(2013 + i));
    }
    if (i % 5 == 0) {
      v1::Finding* finding = bead->add_findings();
      finding->set_kind(v1::FINDING_KIND_NUMBER_MISMATCH);
      finding->set_severity(v1::SEVERITY_WARNING);
      finding->set_message(absl::StrCat("15 000 in the source ", i, " is not \"in\" the target"));
      finding->add_values("15000");
    }
  }
  (*response.mutable_summary()->mutable_bead_counts())["1-1"] = sentences - sentences / 3;
  (*response.mutable_summary()->mutable_bead_counts())["1-0"] = sentences / 3;
  response.mutable_summary()->set_source_coverage(2.0 / 3);
  (*response.mutable_report()->mutable_finding_counts())["number_mismatch"] = sentences / 5;
  response.mutable_report()->set_verdict("L'arabe porte 67 % du récit \"français\".");
  return response;
}

TEST(JsonPrinterTest, LongListsChunkedPrintAsTheWhole) {
  ExpectSameAsWhole(LongResponse(700, /*empty_target=*/false), {1, 3, 64, 256, 699, 700, 701});
}

TEST(JsonPrinterTest, AnEmptySidePrintsAsTheWhole) {
  ExpectSameAsWhole(LongResponse(300, /*empty_target=*/true), {1, 7, 256});
}

// PrintJson copies an AlignResponse's fields but its lists one by one: a new field must be
// added there (client/json_printer.cc), and to LongResponse above.
TEST(JsonPrinterTest, KnowsEveryFieldOfTheResponse) {
  EXPECT_EQ(v1::AlignResponse::descriptor()->field_count(), 6);
  EXPECT_EQ(v1::SegmentedDocument::descriptor()->field_count(), 2);
}

TEST(JsonPrinterTest, OtherMessagesPrintWhole) {
  v1::AlignRequest request;
  request.set_id("x");
  request.mutable_source()->set_text("Le Mali.");
  const absl::StatusOr<std::string> whole = PrintJsonWhole(request, true);
  const absl::StatusOr<std::string> printed = PrintJson(request, true, 1);
  ASSERT_TRUE(whole.ok() && printed.ok());
  EXPECT_EQ(*printed, *whole);
}

}  // namespace
}  // namespace newsalign::client
