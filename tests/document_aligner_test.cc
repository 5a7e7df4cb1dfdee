// Tests of whole-document alignment: validation errors by exact code, offsets that slice the
// caller's text, the summary, and the golden alignment of the sample article.
//
// Refresh the golden file after an intended change, then read the diff:
//   NEWSALIGN_UPDATE_GOLDEN=1 build/tests/document_aligner_test --gtest_filter='Golden*'
#include "alignment/document_aligner.h"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "alignment/lexicon.h"
#include "alignment/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::ReadFile;

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::HasSubstr;

std::string SamplePath(const std::string& name) {
  return absl::StrCat(NEWSALIGN_SOURCE_DIR, "/examples/mali-minusma/", name);
}

TEST(SegmentDocumentTest, OffsetsSliceTheCallersText) {
  const std::string text = ReadFile(SamplePath("ar.txt"));
  ASSERT_FALSE(text.empty());
  auto doc = SegmentDocument({"ar", text, {}, false}, "target", DocumentLimits());
  ASSERT_THAT(doc, IsOk());
  ASSERT_FALSE(doc->sentences.empty());
  size_t previous_end = 0;
  for (const Sentence& s : doc->sentences) {
    EXPECT_EQ(text.substr(s.byte_begin, s.byte_end - s.byte_begin), s.text);
    EXPECT_GE(s.byte_begin, previous_end);
    previous_end = s.byte_end;
    EXPECT_EQ(CountCodePoints(text.substr(0, s.byte_begin)), s.code_point_begin);
    EXPECT_EQ(CountCodePoints(text.substr(0, s.byte_end)), s.code_point_end);
  }
}

TEST(SegmentDocumentTest, PreSplitOffsetsIndexTheOnePerLineText) {
  DocumentInput doc{"fr", "", {"Le Mali.", "La MINUSMA part le 15 novembre."}, true};
  auto segmented = SegmentDocument(doc, "source", DocumentLimits());
  ASSERT_THAT(segmented, IsOk());
  const std::string joined = "Le Mali.\nLa MINUSMA part le 15 novembre.";
  for (const Sentence& s : segmented->sentences) {
    EXPECT_EQ(joined.substr(s.byte_begin, s.byte_end - s.byte_begin), s.text);
  }
  EXPECT_EQ(segmented->sentences[1].code_point_begin, 9u);
}

struct BadDocument {
  std::string name;
  DocumentInput document;
  absl::StatusCode code;
  std::string message;
};

class SegmentDocumentErrorTest : public ::testing::TestWithParam<BadDocument> {};

TEST_P(SegmentDocumentErrorTest, NamesTheField) {
  DocumentLimits limits;
  limits.max_document_bytes = 200;
  limits.max_sentences = 5;
  EXPECT_THAT(SegmentDocument(GetParam().document, "source", limits),
              StatusIs(GetParam().code, HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SegmentDocumentErrorTest,
    ::testing::Values(
        BadDocument{"EmptyText", {"fr", "", {}, false}, absl::StatusCode::kInvalidArgument,
                    "source.text is empty"},
        BadDocument{"BlankText", {"fr", " \n\n ", {}, false},
                    absl::StatusCode::kInvalidArgument, "source.text is empty"},
        BadDocument{"InvalidUtf8", {"fr", "Le Mali\xC3 part.", {}, false},
                    absl::StatusCode::kInvalidArgument, "source.text: invalid UTF-8 at byte 7"},
        BadDocument{"MissingLanguage", {"", "Le Mali.", {}, false},
                    absl::StatusCode::kInvalidArgument, "source.language"},
        BadDocument{"BadLanguage", {"not a tag!", "Le Mali.", {}, false},
                    absl::StatusCode::kInvalidArgument, "source.language"},
        BadDocument{"EmptyPreSplitSentence", {"fr", "", {"Le Mali.", "", "La Russie."}, true},
                    absl::StatusCode::kInvalidArgument, "source.sentences[1] is empty"},
        BadDocument{"InvalidUtf8PreSplit", {"ar", "", {"مالي", "\xFF"}, true},
                    absl::StatusCode::kInvalidArgument,
                    "source.sentences[1]: invalid UTF-8 at byte 0"},
        BadDocument{"NoPreSplitSentences", {"fr", "", {}, true},
                    absl::StatusCode::kInvalidArgument, "source.sentences is empty"},
        BadDocument{"TooManyBytes", {"fr", std::string(300, 'a'), {}, false},
                    absl::StatusCode::kResourceExhausted, "max_document_bytes"},
        BadDocument{"TooManySentences", {"fr", "", {"a", "b", "c", "d", "e", "f"}, true},
                    absl::StatusCode::kResourceExhausted, "max_sentences"}),
    [](const ::testing::TestParamInfo<BadDocument>& info) { return info.param.name; });

TEST(AlignDocumentsTest, ErrorsNameTheTargetSide) {
  EXPECT_THAT(AlignDocuments({"fr", "Le Mali.", {}, false}, {"ar", "", {}, false}, AlignOptions()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("target.text")));
}

// The sample pair, pre-split by the splitter, with the Arabic edited as translations are.
class EditedSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [name, lang, out] :
         {std::tuple<const char*, const char*, std::vector<std::string>*>{"fr.txt", "fr", &fr_},
          {"ar.txt", "ar", &ar_}}) {
      auto doc = SegmentDocument({lang, ReadFile(SamplePath(name)), {}, false}, lang,
                                 DocumentLimits());
      ASSERT_THAT(doc, IsOk());
      for (const Sentence& s : doc->sentences) out->push_back(s.text);
    }
    ASSERT_EQ(fr_.size(), ar_.size());
  }

  // Aligns with the model the service uses: the FreeDict lexicon the build generated.
  absl::StatusOr<DocumentAlignment> Align() {
    AlignOptions options;
    const std::string tsv = ReadFile(absl::StrCat(NEWSALIGN_LEXICON_DIR, "/fr-ar.tsv"));
    auto lexicon = Lexicon::FromTsv(tsv, "fr", "ar");
    EXPECT_THAT(lexicon, IsOk());
    EXPECT_FALSE(tsv.empty()) << "the build generates " << NEWSALIGN_LEXICON_DIR << "/fr-ar.tsv";
    if (lexicon.ok()) options.lexicon = std::make_shared<const Lexicon>(*std::move(lexicon));
    return AlignDocuments({"fr", "", fr_, true}, {"ar", "", ar_, true}, options);
  }

  std::vector<std::string> fr_, ar_;
};

TEST_F(EditedSampleTest, DroppedSentenceIsAnOmissionAndCoverageDrops) {
  // Sentence 11: "Forte d'environ 15 000 soldats et policiers..."
  ar_.erase(ar_.begin() + 11);
  auto result = Align();
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->summary.bead_counts["1-0"], 1);
  EXPECT_EQ(result->summary.bead_counts["1-1"], static_cast<int>(fr_.size()) - 1);
  for (const Bead& b : result->beads) {
    if (b.target.empty()) {
      EXPECT_THAT(b.source, ::testing::ElementsAre(11));
    }
  }
  size_t total = 0;
  for (const std::string& s : fr_) total += CountCodePoints(s);
  EXPECT_NEAR(result->summary.source_coverage,
              1.0 - static_cast<double>(CountCodePoints(fr_[11])) / total, 1e-9);
  EXPECT_GT(result->summary.mean_confidence, 0.5);
  EXPECT_LE(result->summary.mean_confidence, 1.0);
}

TEST_F(EditedSampleTest, JoinedSentencesAreATwoToOneBead) {
  // The Arabic joins sentences 22 and 23 into one.
  ar_[22] = ar_[22] + " " + ar_[23];
  ar_.erase(ar_.begin() + 23);
  auto result = Align();
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->summary.bead_counts["2-1"], 1);
  for (const Bead& b : result->beads) {
    if (b.source.size() == 2) {
      EXPECT_THAT(b.source, ::testing::ElementsAre(22, 23));
      EXPECT_THAT(b.target, ::testing::ElementsAre(22));
    }
  }
}

TEST_F(EditedSampleTest, AddedSentenceIsAnAddition) {
  ar_.insert(ar_.begin() + 5, "وأكد المتحدث باسم الحكومة أن القرار نهائي ولا رجعة فيه.");
  auto result = Align();
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->summary.bead_counts["0-1"], 1);
  for (const Bead& b : result->beads) {
    if (b.source.empty()) {
      EXPECT_THAT(b.target, ::testing::ElementsAre(5));
    }
  }
}

// The sample article and the project's French rendering align sentence for sentence.
TEST(GoldenTest, SampleArticleAlignment) {
  const std::string fr = ReadFile(SamplePath("fr.txt"));
  const std::string ar = ReadFile(SamplePath("ar.txt"));
  auto result = AlignDocuments({"fr", fr, {}, false}, {"ar", ar, {}, false}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  std::string actual = "# source\ttarget\tfr\tar\n";
  for (const Bead& b : result->beads) {
    std::string src, tgt, src_text, tgt_text;
    for (int i : b.source) {
      absl::StrAppend(&src, src.empty() ? "" : ",", i);
      absl::StrAppend(&src_text, src_text.empty() ? "" : " ", result->source.sentences[i].text);
    }
    for (int j : b.target) {
      absl::StrAppend(&tgt, tgt.empty() ? "" : ",", j);
      absl::StrAppend(&tgt_text, tgt_text.empty() ? "" : " ", result->target.sentences[j].text);
    }
    absl::StrAppend(&actual, src, "\t", tgt, "\t", src_text, "\t", tgt_text, "\n");
  }
  const std::string golden_path =
      absl::StrCat(NEWSALIGN_SOURCE_DIR, "/tests/data/mali-minusma.expected.tsv");
  if (std::getenv("NEWSALIGN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path, std::ios::binary) << actual;
  }
  EXPECT_EQ(actual, ReadFile(golden_path)) << "refresh with NEWSALIGN_UPDATE_GOLDEN=1";
  // Every bead of the sample is 1-1: the rendering is sentence for sentence.
  EXPECT_EQ(result->summary.bead_counts["1-1"], static_cast<int>(result->beads.size()));
}

}  // namespace
}  // namespace newsalign
