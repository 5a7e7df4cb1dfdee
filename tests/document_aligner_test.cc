// Tests of whole-document alignment: validation errors by exact code, offsets that slice the
// caller's text, the summary, the golden alignment of the sample article, and the sample in the
// other Unicode forms callers send (presentation forms, NFD).
//
// Refresh the golden file after an intended change, then read the diff:
//   NEWSALIGN_UPDATE_GOLDEN=1 build/tests/document_aligner_test --gtest_filter='Golden*'
#include "align/document_aligner.h"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "report/report.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/unicode_forms.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::ReadFile;

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::newsalign::testing::ToNfd;
using ::newsalign::testing::ToPresentationForms;
using ::testing::HasSubstr;

std::string SamplePath(const std::string& name) {
  return absl::StrCat(NEWSALIGN_SOURCE_DIR, "/examples/mali-minusma/", name);
}

TEST(SegmentDocumentTest, OffsetsSliceTheCallersText) {
  const std::string text = ReadFile(SamplePath("ar.txt"));
  ASSERT_FALSE(text.empty());
  auto doc = SegmentDocument({"ar", text, {}, false}, "target", AlignLimits());
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
  auto segmented = SegmentDocument(doc, "source", AlignLimits());
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
  AlignLimits limits;
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

// A pair past the size whose documents are segmented side by side on two threads: the sample
// article, `copies` times over.
DocumentInput RepeatedSample(const std::string& name, const std::string& language, int copies) {
  const std::string text = ReadFile(SamplePath(name));
  DocumentInput doc{language, "", {}, false};
  for (int k = 0; k < copies; ++k) absl::StrAppend(&doc.text, text, "\n\n");
  return doc;
}

TEST(AlignDocumentsTest, LongPairSegmentedOnTwoThreadsAsOnOne) {
  const DocumentInput fr = RepeatedSample("fr.txt", "fr", 40);
  const DocumentInput ar = RepeatedSample("ar.txt", "ar", 40);
  ASSERT_GT(fr.text.size() + ar.text.size(), 300000u);
  AlignOptions options;
  options.second_pass = false;
  options.posterior_samples = 0;
  options.threads = 1;
  auto one = AlignDocuments(fr, ar, options);
  options.threads = 2;
  auto two = AlignDocuments(fr, ar, options);
  ASSERT_THAT(one, IsOk());
  ASSERT_THAT(two, IsOk());
  for (const auto& [a, b] : {std::pair(&one->source, &two->source), {&one->target, &two->target}}) {
    ASSERT_EQ(a->sentences.size(), b->sentences.size());
    for (size_t i = 0; i < a->sentences.size(); ++i) {
      EXPECT_EQ(a->sentences[i].byte_begin, b->sentences[i].byte_begin);
      EXPECT_EQ(a->sentences[i].code_point_end, b->sentences[i].code_point_end);
      EXPECT_EQ(a->sentences[i].text, b->sentences[i].text);
    }
  }
  EXPECT_GT(one->target.sentences.size(), 1000u);
  ASSERT_EQ(one->beads.size(), two->beads.size());
}

TEST(AlignDocumentsTest, LongPairOnTwoThreadsNamesTheSideInError) {
  DocumentInput fr = RepeatedSample("fr.txt", "fr", 40);
  DocumentInput ar = RepeatedSample("ar.txt", "ar", 40);
  AlignOptions options;
  options.threads = 2;
  // Both sides bad: the source's error, as on one thread.
  fr.text += "\xFF";
  ar.language = "";
  EXPECT_THAT(AlignDocuments(fr, ar, options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("source.text: invalid UTF-8")));
  // The source good: the target's.
  fr = RepeatedSample("fr.txt", "fr", 40);
  EXPECT_THAT(AlignDocuments(fr, ar, options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("target.language is empty")));
}

// The sample pair, pre-split by the splitter, with the Arabic edited as translations are.
class EditedSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [name, lang, out] :
         {std::tuple<const char*, const char*, std::vector<std::string>*>{"fr.txt", "fr", &fr_},
          {"ar.txt", "ar", &ar_}}) {
      auto doc = SegmentDocument({lang, ReadFile(SamplePath(name)), {}, false}, lang,
                                 AlignLimits());
      ASSERT_THAT(doc, IsOk());
      for (const Sentence& s : doc->sentences) out->push_back(s.text);
    }
    ASSERT_EQ(fr_.size(), ar_.size());
  }

  // Aligns with the model the service uses: the FreeDict lexicon the build generated.
  absl::StatusOr<DocumentAlignment> Align() {
    AlignResources resources;
    const std::string tsv = ReadFile(absl::StrCat(NEWSALIGN_LEXICON_DIR, "/fr-ar.tsv"));
    auto lexicon = Lexicon::FromTsv(tsv, "fr", "ar");
    EXPECT_THAT(lexicon, IsOk());
    EXPECT_FALSE(tsv.empty()) << "the build generates " << NEWSALIGN_LEXICON_DIR << "/fr-ar.tsv";
    if (lexicon.ok()) resources.lexicon = std::make_shared<const Lexicon>(*std::move(lexicon));
    return AlignDocuments({"fr", "", fr_, true}, {"ar", "", ar_, true}, AlignOptions(),
                          resources);
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

// The report's findings, one line each.
std::string RenderFindings(const DocumentReport& report) {
  std::string out;
  for (size_t b = 0; b < report.bead_findings.size(); ++b) {
    for (const Finding& f : report.bead_findings[b]) {
      absl::StrAppend(&out, b, "\t", FindingKindName(f.kind), "\t", f.message, "\n");
    }
  }
  return out;
}

// A word-key cache kept across documents (as the server keeps one per worker) changes nothing
// in the result; the alignment hands its keys to the report, which reads them instead of
// stemming the same words again.
TEST(AlignDocumentsTest, WordKeysKeptAcrossDocumentsChangeNothing) {
  const std::string fr = ReadFile(SamplePath("fr.txt"));
  const std::string ar = ReadFile(SamplePath("ar.txt"));
  // Another document first: the cache then holds words of both.
  const std::string other_fr = "Les soldats maliens sont arrivés à Gao. Ils étaient 300.";
  const std::string other_ar = "وصل الجنود الماليون إلى غاو. كان عددهم 300.";
  AlignResources fresh;
  auto alone = AlignDocuments({"fr", fr, {}, false}, {"ar", ar, {}, false}, AlignOptions(), fresh);
  ASSERT_THAT(alone, IsOk());
  ASSERT_NE(alone->word_keys, nullptr);  // made for this call
  EXPECT_GT(alone->word_keys->For("fr").size(), 100u);

  AlignResources shared;
  shared.word_keys = std::make_shared<WordKeyCache>();
  ASSERT_THAT(AlignDocuments({"fr", other_fr, {}, false}, {"ar", other_ar, {}, false},
                             AlignOptions(), shared),
              IsOk());
  const size_t after_other = shared.word_keys->words();
  EXPECT_GT(after_other, 0u);
  auto warm = AlignDocuments({"fr", fr, {}, false}, {"ar", ar, {}, false}, AlignOptions(), shared);
  ASSERT_THAT(warm, IsOk());
  EXPECT_EQ(warm->word_keys, shared.word_keys);
  // It holds the sample's words as well as the other document's.
  EXPECT_GE(warm->word_keys->words(), alone->word_keys->words());
  EXPECT_GT(warm->word_keys->words(), after_other);
  ASSERT_EQ(warm->beads.size(), alone->beads.size());
  for (size_t b = 0; b < warm->beads.size(); ++b) {
    EXPECT_EQ(warm->beads[b].source, alone->beads[b].source) << b;
    EXPECT_EQ(warm->beads[b].target, alone->beads[b].target) << b;
    EXPECT_EQ(warm->beads[b].confidence, alone->beads[b].confidence) << b;  // to the last bit
    ASSERT_EQ(warm->beads[b].anchors.size(), alone->beads[b].anchors.size()) << b;
    for (size_t a = 0; a < warm->beads[b].anchors.size(); ++a) {
      EXPECT_EQ(warm->beads[b].anchors[a].value, alone->beads[b].anchors[a].value) << b;
    }
  }
  EXPECT_EQ(warm->omission_probability, alone->omission_probability);

  // The report's name check takes the curated names the alignment found in each sentence
  // (DocumentAlignment::readings): it looks up no word. Without them it reads the alignment's
  // keys: it looks words up in them and finds every one there (the same words, tokenised the
  // same way). The findings are those of a report that stems them afresh either way.
  const int64_t lookups = warm->word_keys->For("fr").lookups();
  const size_t words = warm->word_keys->words();
  ASSERT_NE(warm->readings, nullptr);
  const DocumentReport with_readings = BuildReport(*warm, ReportOptions());
  EXPECT_EQ(warm->word_keys->For("fr").lookups(), lookups);
  DocumentAlignment reread = *warm;
  reread.readings = nullptr;
  const DocumentReport with_keys = BuildReport(reread, ReportOptions());
  EXPECT_GT(warm->word_keys->For("fr").lookups(), lookups + 100);
  EXPECT_EQ(warm->word_keys->words(), words);
  DocumentAlignment without = reread;
  without.word_keys = nullptr;
  const std::string stemmed = RenderFindings(BuildReport(without, ReportOptions()));
  EXPECT_EQ(RenderFindings(with_keys), stemmed);
  EXPECT_EQ(RenderFindings(with_readings), stemmed);
}

// ---------------------------------------------------------------------------------------------
// Text in other Unicode forms: the model reads it normalised, the caller gets its own text back.

// Checks the invariant of a segmented document: each sentence's text is the caller's text at
// its offsets, in bytes and code points; ranges are ordered and never overlap.
void ExpectCallersOffsets(const SegmentedDocument& document, const std::string& callers_text) {
  size_t previous_end = 0;
  for (const Sentence& s : document.sentences) {
    ASSERT_LE(s.byte_begin, s.byte_end);
    ASSERT_LE(s.byte_end, callers_text.size());
    EXPECT_EQ(callers_text.substr(s.byte_begin, s.byte_end - s.byte_begin), s.text)
        << "sentence " << s.index;
    EXPECT_GE(s.byte_begin, previous_end) << "sentence " << s.index;
    previous_end = s.byte_end;
    EXPECT_EQ(CountCodePoints(callers_text.substr(0, s.byte_begin)), s.code_point_begin);
    EXPECT_EQ(CountCodePoints(callers_text.substr(0, s.byte_end)), s.code_point_end);
  }
}

TEST(SegmentDocumentTest, NormalizedSentencesKeepTheCallersOffsets) {
  // "ﻻ" (one character) is read as "لا" (two), "ﬁ" as "fi", "e" + U+0301 as "é".
  const std::string arabic = "ﻻ ﺷﻚ ﺃﻥ ﺍﻟﺒﻌﺜﺔ ﺳﺘﻐﺎﺩﺭ. ﻭﺳﺘﻐﺎﺩﺭ ﻓﻲ ١٥ ﺃﻏﺴﻄﺲ.";
  auto ar = SegmentDocument({"ar", arabic, {}, false}, "target", AlignLimits());
  ASSERT_THAT(ar, IsOk());
  ASSERT_EQ(ar->sentences.size(), 2u);
  ExpectCallersOffsets(*ar, arabic);
  EXPECT_EQ(MatchingText(ar->sentences[0]), "لا شك أن البعثة ستغادر.");
  EXPECT_EQ(MatchingText(ar->sentences[1]), "وستغادر في ١٥ أغسطس.");

  const std::string french = "Le ﬁnancement cesse le 15 de\u0301cembre. La mission part.";
  auto fr = SegmentDocument({"fr", french, {}, false}, "source", AlignLimits());
  ASSERT_THAT(fr, IsOk());
  ASSERT_EQ(fr->sentences.size(), 2u);
  ExpectCallersOffsets(*fr, french);
  EXPECT_EQ(fr->sentences[0].text, "Le ﬁnancement cesse le 15 de\u0301cembre.");
  EXPECT_EQ(MatchingText(fr->sentences[0]), "Le financement cesse le 15 décembre.");
  // Text already normalised is read as it is: no second copy.
  EXPECT_EQ(fr->sentences[1].normalized_text, "");
  EXPECT_EQ(MatchingText(fr->sentences[1]), "La mission part.");
}

TEST(SegmentDocumentTest, PreSplitSentencesAreNormalizedOneByOne) {
  DocumentInput doc{"fr", "", {"Le ﬁnancement.", "Le 15 de\u0301cembre.", "Fin."}, true};
  auto segmented = SegmentDocument(doc, "source", AlignLimits());
  ASSERT_THAT(segmented, IsOk());
  ExpectCallersOffsets(*segmented, "Le ﬁnancement.\nLe 15 de\u0301cembre.\nFin.");
  EXPECT_EQ(MatchingText(segmented->sentences[0]), "Le financement.");
  EXPECT_EQ(MatchingText(segmented->sentences[1]), "Le 15 décembre.");
  EXPECT_EQ(segmented->sentences[2].normalized_text, "");
}

TEST(AlignDocumentsTest, MonthInNfdIsADate) {
  const std::string french = "La mission part le 31 de\u0301cembre.";
  auto result = AlignDocuments({"fr", french, {}, false},
                               {"ar", "تغادر البعثة في 31 ديسمبر.", {}, false}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->beads.size(), 1u);
  std::vector<std::string> dates;
  for (const AnchorMatch& a : result->beads[0].anchors) {
    if (a.kind == AnchorKind::kDate) dates.push_back(a.value);
  }
  EXPECT_THAT(dates, ::testing::ElementsAre("month:12"));
  EXPECT_EQ(result->source.sentences[0].text, french);
}

struct FormVariant {
  const char* name;
  bool arabic_presentation_forms;
  bool french_nfd;
  bool pre_split;
};

// The sample pair, with the Arabic in presentation forms (as copied from a PDF) and the French
// in NFD, aligns as the original pair does: the same beads and anchors, the same QA findings
// (no NUMBER_MISMATCH from a scale word read as other letters, months with accents read as
// dates), the same confidence; and every offset and text that comes back is the caller's.
class OtherFormsTest : public ::testing::TestWithParam<FormVariant> {
 protected:
  static AlignResources Resources() {
    AlignResources resources;
    const std::string tsv = ReadFile(absl::StrCat(NEWSALIGN_LEXICON_DIR, "/fr-ar.tsv"));
    auto lexicon = Lexicon::FromTsv(tsv, "fr", "ar");
    EXPECT_THAT(lexicon, IsOk());
    if (lexicon.ok()) resources.lexicon = std::make_shared<const Lexicon>(*std::move(lexicon));
    return resources;
  }

  // The sample's sentences as SegmentDocument splits the original.
  static std::vector<std::string> Sentences(const std::string& lang, const std::string& text) {
    std::vector<std::string> out;
    auto doc = SegmentDocument({lang, text, {}, false}, lang, AlignLimits());
    EXPECT_THAT(doc, IsOk());
    if (doc.ok()) {
      for (const Sentence& s : doc->sentences) out.push_back(s.text);
    }
    return out;
  }

  // `document` with each text turned by `convert`.
  template <typename Convert>
  static DocumentInput Converted(DocumentInput document, Convert convert) {
    document.text = convert(document.text);
    for (std::string& s : document.sentences) s = convert(s);
    return document;
  }

  // The caller's text that offsets index: the raw text, or the sentences joined by "\n".
  static std::string CallersText(const DocumentInput& document) {
    if (!document.pre_split) return document.text;
    std::string joined;
    for (const std::string& s : document.sentences) {
      absl::StrAppend(&joined, joined.empty() ? "" : "\n", s);
    }
    return joined;
  }
};

TEST_P(OtherFormsTest, AlignsAsTheOriginalWithTheCallersOffsets) {
  const FormVariant& variant = GetParam();
  const std::string fr = ReadFile(SamplePath("fr.txt"));
  const std::string ar = ReadFile(SamplePath("ar.txt"));
  DocumentInput original_fr{"fr", fr, {}, false}, original_ar{"ar", ar, {}, false};
  if (variant.pre_split) {
    original_fr = {"fr", "", Sentences("fr", fr), true};
    original_ar = {"ar", "", Sentences("ar", ar), true};
  }
  const DocumentInput input_fr = variant.french_nfd
                                     ? Converted(original_fr, ToNfd)
                                     : original_fr;
  const DocumentInput input_ar = variant.arabic_presentation_forms
                                     ? Converted(original_ar, ToPresentationForms)
                                     : original_ar;
  ASSERT_NE(CallersText(input_fr) + CallersText(input_ar),
            CallersText(original_fr) + CallersText(original_ar));

  const AlignResources resources = Resources();
  auto expected = AlignDocuments(original_fr, original_ar, AlignOptions(), resources);
  auto actual = AlignDocuments(input_fr, input_ar, AlignOptions(), resources);
  ASSERT_THAT(expected, IsOk());
  ASSERT_THAT(actual, IsOk());

  // The caller's offsets and texts.
  ExpectCallersOffsets(actual->source, CallersText(input_fr));
  ExpectCallersOffsets(actual->target, CallersText(input_ar));
  ASSERT_EQ(actual->source.sentences.size(), expected->source.sentences.size());
  ASSERT_EQ(actual->target.sentences.size(), expected->target.sentences.size());
  for (size_t i = 0; i < actual->source.sentences.size(); ++i) {
    EXPECT_EQ(MatchingText(actual->source.sentences[i]), expected->source.sentences[i].text);
  }
  for (size_t i = 0; i < actual->target.sentences.size(); ++i) {
    EXPECT_EQ(MatchingText(actual->target.sentences[i]), expected->target.sentences[i].text);
  }

  // The same beads, anchors and confidence.
  ASSERT_EQ(actual->beads.size(), expected->beads.size());
  for (size_t i = 0; i < actual->beads.size(); ++i) {
    const Bead& a = actual->beads[i];
    const Bead& e = expected->beads[i];
    EXPECT_EQ(a.source, e.source) << "bead " << i;
    EXPECT_EQ(a.target, e.target) << "bead " << i;
    EXPECT_NEAR(a.confidence, e.confidence, 1e-9) << "bead " << i;
    ASSERT_EQ(a.anchors.size(), e.anchors.size()) << "bead " << i;
    for (size_t k = 0; k < a.anchors.size(); ++k) {
      EXPECT_EQ(a.anchors[k].kind, e.anchors[k].kind) << "bead " << i;
      EXPECT_EQ(a.anchors[k].value, e.anchors[k].value) << "bead " << i;
    }
  }
  EXPECT_NEAR(actual->summary.mean_confidence, expected->summary.mean_confidence, 1e-9);
  EXPECT_EQ(actual->summary.bead_counts, expected->summary.bead_counts);

  // The same findings.
  const DocumentReport expected_report = BuildReport(*expected, ReportOptions());
  const DocumentReport actual_report = BuildReport(*actual, ReportOptions());
  EXPECT_EQ(actual_report.finding_counts, expected_report.finding_counts);
  EXPECT_EQ(actual_report.finding_counts.count(FindingKind::kNumberMismatch),
            expected_report.finding_counts.count(FindingKind::kNumberMismatch));
  ASSERT_EQ(actual_report.bead_findings.size(), expected_report.bead_findings.size());
  for (size_t i = 0; i < actual_report.bead_findings.size(); ++i) {
    const auto& a = actual_report.bead_findings[i];
    const auto& e = expected_report.bead_findings[i];
    ASSERT_EQ(a.size(), e.size()) << "bead " << i;
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].kind, e[k].kind) << "bead " << i;
      EXPECT_EQ(a[k].values, e[k].values) << "bead " << i;
      EXPECT_EQ(a[k].message, e[k].message) << "bead " << i;
    }
  }
  EXPECT_NEAR(actual_report.mean_confidence, expected_report.mean_confidence, 1e-9);
  EXPECT_EQ(actual_report.verdict, expected_report.verdict);
}

INSTANTIATE_TEST_SUITE_P(
    Sample, OtherFormsTest,
    ::testing::Values(FormVariant{"ArabicPresentationForms", true, false, false},
                      FormVariant{"FrenchNfd", false, true, false},
                      FormVariant{"Both", true, true, false},
                      FormVariant{"BothPreSplit", true, true, true}),
    [](const ::testing::TestParamInfo<FormVariant>& info) { return info.param.name; });

}  // namespace
}  // namespace newsalign
