// Tests of the translation QA report (report/report.h) on real text: the sample article
// (examples/mali-minusma) and TICO-19 documents from ../shared/eval, each changed the way
// translations go wrong (a figure changed, a sentence dropped, a paragraph duplicated, a sentence
// left in French). Each change must give exactly the expected error on the expected pair, and the
// unchanged pairs none. The checks one pair at a time, the summary and the verdict are in
// report_checks_test.cc.
#include "report/report.h"

#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string SamplePath(const std::string& name) {
  return absl::StrCat(NEWSALIGN_SOURCE_DIR, "/examples/mali-minusma/", name);
}

std::string EvalPath(const std::string& set, const std::string& language, const std::string& doc) {
  return absl::StrCat(NEWSALIGN_SHARED_DIR, "/eval/", set, "/", language, "/", doc, ".txt");
}

// One error-level finding where it was found: its kind, its bead, its evidence.
struct Flag {
  FindingKind kind;
  std::vector<int> source;
  std::vector<int> target;
  std::vector<std::string> source_only;
  std::vector<std::string> target_only;

  bool operator==(const Flag& other) const {
    return std::tie(kind, source, target, source_only, target_only) ==
           std::tie(other.kind, other.source, other.target, other.source_only, other.target_only);
  }
  friend std::ostream& operator<<(std::ostream& os, const Flag& flag) {
    return os << FindingKindName(flag.kind) << " [" << absl::StrJoin(flag.source, ",") << "]:["
              << absl::StrJoin(flag.target, ",") << "] {" << absl::StrJoin(flag.source_only, ",")
              << "} {" << absl::StrJoin(flag.target_only, ",") << "}";
  }
};

// Returns every error of the report, bead by bead.
std::vector<Flag> Errors(const DocumentAlignment& alignment, const DocumentReport& report) {
  std::vector<Flag> errors;
  for (size_t b = 0; b < alignment.beads.size(); ++b) {
    for (const Finding& f : report.bead_findings[b]) {
      if (f.severity != Severity::kError) continue;
      errors.push_back({f.kind, alignment.beads[b].source, alignment.beads[b].target, f.source_only,
                        f.target_only});
    }
  }
  return errors;
}

// Every finding of the report, for failure messages.
std::string Describe(const DocumentAlignment& alignment, const DocumentReport& report) {
  std::string out = absl::StrCat(report.verdict, "\n");
  for (size_t b = 0; b < alignment.beads.size(); ++b) {
    for (const Finding& f : report.bead_findings[b]) {
      absl::StrAppend(&out, "  [", absl::StrJoin(alignment.beads[b].source, ","), "]:[",
                      absl::StrJoin(alignment.beads[b].target, ","), "] ", FindingKindName(f.kind),
                      " ", SeverityName(f.severity), ": ", f.message, "\n");
    }
  }
  return out;
}

struct Reported {
  DocumentAlignment alignment;
  DocumentReport report;
};

Reported AlignAndReport(const DocumentInput& source, const DocumentInput& target) {
  absl::StatusOr<DocumentAlignment> alignment = AlignDocuments(source, target, AlignOptions());
  EXPECT_THAT(alignment, IsOk());
  if (!alignment.ok()) return {};
  DocumentReport report = BuildReport(*alignment, ReportOptions());
  return {*std::move(alignment), std::move(report)};
}

// Replaces the one occurrence of `from` in `text`; fails the test when it is not exactly one.
std::string ReplaceOnce(const std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the text: " << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "more than once: " << from;
  std::string out = text;
  out.replace(at, from.size(), to);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The sample article, unchanged and changed.

// Paragraphs of the Arabic sample, as the tests quote them.
constexpr char kArabicTroopsParagraph[] =
    "ومع وجود حوالي 15 ألف جندي وضابط شرطة من عشرات البلدان، كانت المهمة الرئيسية لبعثة الأمم "
    "المتحدة المتكاملة المتعددة الأبعاد لتحقيق الاستقرار في مالي هي تقديم الدعم للحكومة المالية في "
    "جهودها لتحقيق الاستقرار وحماية المدنيين. لكن الحفاظ على وجودها أصبح من الصعب بشكل متزايد منذ "
    "وصول عقيداء الانقلاب إلى السلطة في عام 2020، الذين نأوا بأنفسهم تدريجياً عن المجتمع الدولي.";

TEST(ReportSampleTest, UnchangedPairHasNoErrors) {
  const Reported r = AlignAndReport({"fr", ReadFile(SamplePath("fr.txt")), {}, false},
                                    {"ar", ReadFile(SamplePath("ar.txt")), {}, false});
  ASSERT_EQ(r.alignment.beads.size(), 32u);
  EXPECT_EQ(r.report.error_count, 0) << Describe(r.alignment, r.report);
  // Without a lexicon two short pairs (a heading among them) are less than 50 % sure; nothing
  // else is even a warning: no figure, length or script is off.
  for (const std::vector<Finding>& findings : r.report.bead_findings) {
    for (const Finding& f : findings) {
      if (f.severity == Severity::kWarning) {
        EXPECT_EQ(f.kind, FindingKind::kLowConfidence) << Describe(r.alignment, r.report);
      }
    }
  }
  EXPECT_LE(r.report.warning_count, 2) << Describe(r.alignment, r.report);
  // Without a lexicon the posterior keeps a little doubt (the coverage test with the lexicon
  // finds none): "The Arabic carries 100 % of the French story (likely between 99 % and
  // 100 %); no errors found."
  EXPECT_THAT(r.report.verdict,
              ::testing::StartsWith("The Arabic carries 100 % of the French story"));
  EXPECT_THAT(r.report.verdict, ::testing::HasSubstr("; no errors"));
  EXPECT_EQ(r.report.character_coverage_high, 1.0);
  EXPECT_GT(r.report.character_coverage_low, 0.98);
  EXPECT_EQ(r.report.sentence_coverage, 1.0);
  EXPECT_EQ(r.report.character_coverage, 1.0);
  EXPECT_THAT(r.report.omitted_source_sentences, IsEmpty());
  EXPECT_THAT(r.report.missing_source_paragraphs, IsEmpty());
}

struct SampleChange {
  std::string name;
  // Returns the changed Arabic text.
  std::function<std::string(const std::string&)> edit;
  // Every error-level finding the changed pair must give, and no other; or any of several
  // such lists when several are right (a duplicated passage: either copy is the addition).
  std::vector<std::vector<Flag>> accepted;
};

// Matches any of the `accepted` lists of errors.
::testing::Matcher<std::vector<Flag>> AnyOfErrors(const std::vector<std::vector<Flag>>& accepted) {
  std::vector<::testing::Matcher<std::vector<Flag>>> matchers;
  for (const std::vector<Flag>& errors : accepted) matchers.push_back(ElementsAreArray(errors));
  return ::testing::AnyOfArray(matchers);
}

// The right errors for target sentences [first, first + count) copied right after themselves:
// one ADDITION per sentence, on either of its two copies, in target order.
std::vector<std::vector<Flag>> DuplicateAdditions(int first, int count) {
  std::vector<std::vector<Flag>> accepted;
  for (int mask = 0; mask < (1 << count); ++mask) {
    std::vector<int> added;
    for (int k = 0; k < count; ++k) added.push_back(first + k + ((mask >> k) & 1 ? count : 0));
    std::sort(added.begin(), added.end());
    std::vector<Flag> errors;
    for (int t : added) errors.push_back({FindingKind::kAddition, {}, {t}, {}, {}});
    accepted.push_back(errors);
  }
  return accepted;
}

class ReportSampleChangeTest : public ::testing::TestWithParam<SampleChange> {};

TEST_P(ReportSampleChangeTest, GivesExactlyTheExpectedErrors) {
  const std::string arabic = GetParam().edit(ReadFile(SamplePath("ar.txt")));
  const Reported r =
      AlignAndReport({"fr", ReadFile(SamplePath("fr.txt")), {}, false}, {"ar", arabic, {}, false});
  EXPECT_THAT(Errors(r.alignment, r.report), AnyOfErrors(GetParam().accepted))
      << Describe(r.alignment, r.report);
  // The same report on more threads: the name check and each half of the bead checks on a
  // thread of their own.
  for (int threads : {2, 3}) {
    ReportOptions options;
    options.threads = threads;
    const DocumentReport other = BuildReport(r.alignment, options);
    EXPECT_EQ(Describe(r.alignment, other), Describe(r.alignment, r.report)) << threads;
    EXPECT_EQ(other.error_count, r.report.error_count) << threads;
    EXPECT_EQ(other.finding_counts, r.report.finding_counts) << threads;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Changes, ReportSampleChangeTest,
    ::testing::Values(
        SampleChange{"TroopsFifteenThousandBecomeSixteen",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar, "حوالي 15 ألف جندي", "حوالي 16 ألف جندي");
                     },
                     {{{FindingKind::kNumberMismatch, {11}, {11}, {"15000"}, {"16000"}}}}},
        SampleChange{"PeacekeepersKilledChanged",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar, "أكثر من 180 من", "أكثر من 150 من");
                     },
                     {{{FindingKind::kNumberMismatch, {16}, {16}, {"180"}, {"150"}}}}},
        SampleChange{
            "YearInArabicIndicDigitsChanged",
            [](const std::string& ar) { return ReplaceOnce(ar, "في عام 2013", "في عام ٢٠١٤"); },
            {{{FindingKind::kNumberMismatch, {6}, {6}, {"2013"}, {"2014"}}}}},
        SampleChange{"MonthChanged",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar, "البلاد نهائيًا في 15 نوفمبر 2024",
                                          "البلاد نهائيًا في 15 ديسمبر 2024");
                     },
                     {{{FindingKind::kNumberMismatch, {4}, {4}, {"month:11"}, {"month:12"}}}}},
        SampleChange{"FigureDropped",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar, "ومع وجود حوالي 15 ألف جندي", "ومع وجود آلاف الجنود");
                     },
                     {{{FindingKind::kNumberMismatch, {11}, {11}, {"15000"}, {}}}}},
        SampleChange{"SentenceDropped",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar,
                                          " وهو رحيل يثير العديد من التساؤلات حول مستقبل هذا "
                                          "البلد الذي يعاني من الاضطرابات.",
                                          "");
                     },
                     {{{FindingKind::kOmission, {2}, {}, {}, {}}}}},
        SampleChange{"ParagraphDuplicated",
                     [](const std::string& ar) {
                       return ReplaceOnce(
                           ar, kArabicTroopsParagraph,
                           absl::StrCat(kArabicTroopsParagraph, "\n\n", kArabicTroopsParagraph));
                     },
                     DuplicateAdditions(11, 2)},
        SampleChange{"SentenceLeftInFrench",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar, "تعرف على ما وراء هذا الانسحاب المعلن...",
                                          "Découvrez ce qui se cache derrière ce retrait "
                                          "annoncé...");
                     },
                     {{{FindingKind::kUntranslated, {3}, {3}, {}, {}}}}},
        SampleChange{"SentenceHalfInFrench",
                     [](const std::string& ar) {
                       return ReplaceOnce(ar, "وهو رحيل يثير العديد من التساؤلات",
                                          "Un départ qui soulève de nombreuses questions");
                     },
                     {{{FindingKind::kUntranslated, {2}, {2}, {}, {}}}}}),
    [](const ::testing::TestParamInfo<SampleChange>& info) { return info.param.name; });

TEST(ReportSampleTest, VerdictNamesTheMissingParagraphs) {
  // Paragraphs 6 and 7 of the story (counting from 1): "Selon le communiqué du Conseil des
  // ministres ..." and "Forte d’environ 15 000 soldats ...", two sentences each.
  std::vector<std::string> paragraphs = absl::StrSplit(ReadFile(SamplePath("ar.txt")), "\n\n");
  ASSERT_EQ(paragraphs.size(), 18u);
  paragraphs.erase(paragraphs.begin() + 5, paragraphs.begin() + 7);
  const Reported r = AlignAndReport({"fr", ReadFile(SamplePath("fr.txt")), {}, false},
                                    {"ar", absl::StrJoin(paragraphs, "\n\n"), {}, false});
  EXPECT_THAT(r.report.missing_source_paragraphs, ElementsAre(5, 6))
      << Describe(r.alignment, r.report);
  EXPECT_THAT(r.report.omitted_source_sentences, ElementsAre(9, 10, 11, 12));
  EXPECT_THAT(r.report.added_target_sentences, IsEmpty());
  EXPECT_EQ(r.report.source_sentences, 32);
  EXPECT_EQ(r.report.translated_source_sentences, 28);
  EXPECT_DOUBLE_EQ(r.report.sentence_coverage, 28.0 / 32.0);
  EXPECT_GT(r.report.character_coverage, 0.75);
  EXPECT_LT(r.report.character_coverage, 0.85);
  const int percent = static_cast<int>(100 * r.report.character_coverage);
  const int low = static_cast<int>(100 * r.report.character_coverage_low);
  const int high = static_cast<int>(100 * r.report.character_coverage_high);
  EXPECT_LE(r.report.character_coverage_low, r.report.character_coverage);
  EXPECT_GE(r.report.character_coverage_high, r.report.character_coverage);
  const std::string interval =
      low == percent && high == percent
          ? ""
          : absl::StrCat(" (likely between ", low, " % and ", high, " %)");
  EXPECT_EQ(r.report.verdict, absl::StrCat("The Arabic carries ", percent, " % of the French story",
                                           interval, "; paragraphs 6 and 7 are missing."));
  EXPECT_EQ(r.report.finding_counts.at(FindingKind::kOmission), 4);
  EXPECT_EQ(r.report.error_count, 4);
}

// ---------------------------------------------------------------------------------------------
// TICO-19 documents (one sentence per line, all 1-1), unchanged and changed.

DocumentInput EvalDocument(const std::string& language, std::vector<std::string> lines) {
  return {language, "", std::move(lines), true};
}

TEST(ReportEvalTest, CompleteTranslationsRarelyGiveErrors) {
  // tico19_fr_ar: 28 documents (a header line, then one line each), 2712 pairs, all translated
  // 1-1 (the upstream documents whose sides stop corresponding are left out of the set). One pair
  // turns "648 milliards $" into "648 مليون دولار" (a real error) and one source repeats a figure
  // ("1,5 1,5 milliard").
  const std::vector<std::string> docs =
      Lines(ReadFile(absl::StrCat(NEWSALIGN_SHARED_DIR, "/eval/tico19_fr_ar/docs.tsv")));
  ASSERT_EQ(docs.size(), 29u);
  int pairs = 0, error_pairs = 0, length_warnings = 0, merges = 0;
  for (size_t i = 1; i < docs.size(); ++i) {
    const std::string doc = docs[i].substr(0, docs[i].find('\t'));
    const Reported r =
        AlignAndReport(EvalDocument("fr", Lines(ReadFile(EvalPath("tico19_fr_ar", "fr", doc)))),
                       EvalDocument("ar", Lines(ReadFile(EvalPath("tico19_fr_ar", "ar", doc)))));
    pairs += static_cast<int>(r.alignment.beads.size());
    error_pairs += r.report.beads_with_errors;
    EXPECT_EQ(r.report.finding_counts.count(FindingKind::kUntranslated), 0u) << doc;
    if (r.report.finding_counts.count(FindingKind::kLengthRatio) > 0) {
      length_warnings += r.report.finding_counts.at(FindingKind::kLengthRatio);
    }
    for (const Bead& b : r.alignment.beads) merges += b.source.size() != 1 || b.target.size() != 1;
  }
  // Every pair is found 1-1, as translated.
  EXPECT_EQ(merges, 0);
  EXPECT_EQ(pairs, 2712);
  // Measured: 2 pairs with errors (the two above); one LENGTH_RATIO warning (a pair that spells
  // out every acronym).
  RecordProperty("error_pairs", error_pairs);
  RecordProperty("length_warnings", length_warnings);
  EXPECT_LE(error_pairs, 2);
  EXPECT_LE(length_warnings, 2);
}

struct EvalChange {
  std::string name;
  std::string doc;
  // Changes the Arabic lines; the French lines are passed for a sentence left untranslated.
  std::function<void(const std::vector<std::string>& fr, std::vector<std::string>& ar)> edit;
  std::vector<std::vector<Flag>> accepted;
};

class ReportEvalChangeTest : public ::testing::TestWithParam<EvalChange> {};

TEST_P(ReportEvalChangeTest, UnchangedHasNoErrorsChangedGivesExactlyTheExpected) {
  const std::vector<std::string> fr =
      Lines(ReadFile(EvalPath("tico19_fr_ar", "fr", GetParam().doc)));
  std::vector<std::string> ar = Lines(ReadFile(EvalPath("tico19_fr_ar", "ar", GetParam().doc)));
  ASSERT_FALSE(fr.empty());
  const Reported before = AlignAndReport(EvalDocument("fr", fr), EvalDocument("ar", ar));
  EXPECT_EQ(before.report.error_count, 0) << Describe(before.alignment, before.report);

  GetParam().edit(fr, ar);
  const Reported after = AlignAndReport(EvalDocument("fr", fr), EvalDocument("ar", ar));
  EXPECT_THAT(Errors(after.alignment, after.report), AnyOfErrors(GetParam().accepted))
      << Describe(after.alignment, after.report);
}

// Replaces `from` in one line (exactly once).
std::function<void(const std::vector<std::string>&, std::vector<std::string>&)> ReplaceInLine(
    int line, std::string from, std::string to) {
  return [=](const std::vector<std::string>&, std::vector<std::string>& ar) {
    ar[line] = ReplaceOnce(ar[line], from, to);
  };
}

INSTANTIATE_TEST_SUITE_P(
    Changes, ReportEvalChangeTest,
    ::testing::Values(
        // 10_Wikinews_4: toilet paper rationing in Australia, 24 pairs.
        EvalChange{"ShopsDateChanged",
                   "10_Wikinews_4",
                   ReplaceInLine(21, "في 3 مارس", "في 13 مارس"),
                   {{{FindingKind::kNumberMismatch, {21}, {21}, {"3"}, {"13"}}}}},
        EvalChange{"ShopsRollsChanged",
                   "10_Wikinews_4",
                   ReplaceInLine(23, "من 12 لفافة", "من 24 لفافة"),
                   {{{FindingKind::kNumberMismatch, {23}, {23}, {"12"}, {"24"}}}}},
        EvalChange{"ShopsSentenceDropped",
                   "10_Wikinews_4",
                   [](const std::vector<std::string>&, std::vector<std::string>& ar) {
                     ar.erase(ar.begin() + 12);
                   },
                   {{{FindingKind::kOmission, {12}, {}, {}, {}}}}},
        EvalChange{"ShopsSentencesDuplicated", "10_Wikinews_4",
                   [](const std::vector<std::string>&, std::vector<std::string>& ar) {
                     const std::vector<std::string> copy(ar.begin() + 16, ar.begin() + 18);
                     ar.insert(ar.begin() + 18, copy.begin(), copy.end());
                   },
                   DuplicateAdditions(16, 2)},
        EvalChange{"ShopsSentenceLeftInFrench",
                   "10_Wikinews_4",
                   [](const std::vector<std::string>& fr, std::vector<std::string>& ar) {
                     ar[15] = fr[15];
                   },
                   {{{FindingKind::kUntranslated, {15}, {15}, {}, {}}}}},
        // 12_Wikinews_6: the WHO declares a pandemic, 13 pairs.
        EvalChange{"PandemicCasesChanged",
                   "12_Wikinews_6",
                   ReplaceInLine(12, "126000 حالة", "216000 حالة"),
                   {{{FindingKind::kNumberMismatch, {12}, {12}, {"126000"}, {"216000"}}}}},
        EvalChange{"PandemicMonthChanged",
                   "12_Wikinews_6",
                   ReplaceInLine(10, "في يناير", "في فبراير"),
                   {{{FindingKind::kNumberMismatch, {10}, {10}, {"month:1"}, {"month:2"}}}}},
        EvalChange{"PandemicSentenceDropped",
                   "12_Wikinews_6",
                   [](const std::vector<std::string>&, std::vector<std::string>& ar) {
                     ar.erase(ar.begin() + 10);
                   },
                   {{{FindingKind::kOmission, {10}, {}, {}, {}}}}},
        EvalChange{
            "PandemicSentenceLeftInFrench",
            "12_Wikinews_6",
            [](const std::vector<std::string>& fr, std::vector<std::string>& ar) { ar[7] = fr[7]; },
            {{{FindingKind::kUntranslated, {7}, {7}, {}, {}}}}}),
    [](const ::testing::TestParamInfo<EvalChange>& info) { return info.param.name; });

}  // namespace
}  // namespace newsalign
