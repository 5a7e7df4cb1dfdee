// Tests of the translation QA report on real text: the sample article (examples/mali-minusma)
// and TICO-19 documents from ../shared/eval, each changed the way translations go wrong (a
// figure changed, a sentence dropped, a paragraph duplicated, a sentence left in French). Each
// change must give exactly the expected error on the expected pair, and the unchanged pairs none.
// Then the number rules one by one, the other checks, the summary and the verdict.
#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::ReadFile;

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

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

// ---------------------------------------------------------------------------------------------
// One pair at a time: the number rules, the other checks.

// A document pair of one sentence each, aligned 1-1 with `confidence`, at the pair's own
// length ratio (so that LENGTH_RATIO stays quiet unless a test sets it).
DocumentAlignment OnePair(const std::string& source, const std::string& target,
                          double confidence = 0.95) {
  DocumentAlignment alignment;
  alignment.source.language = "fr";
  alignment.target.language = "ar";
  alignment.source.sentences.push_back({0, 0, 0, source.size(), 0, source.size(), source, ""});
  alignment.target.sentences.push_back({0, 0, 0, target.size(), 0, target.size(), target, ""});
  Bead bead;
  bead.source = {0};
  bead.target = {0};
  bead.confidence = confidence;
  alignment.beads.push_back(bead);
  alignment.length.ratio = 1.0;
  return alignment;
}

// Returns the findings of `kind` on the one bead of `alignment`.
std::vector<Finding> FindingsOf(const DocumentAlignment& alignment, FindingKind kind,
                                const ReportOptions& options = ReportOptions()) {
  ReportOptions quiet = options;
  quiet.length_ratio_factor = kind == FindingKind::kLengthRatio ? options.length_ratio_factor : 1e9;
  const DocumentReport report = BuildReport(alignment, quiet);
  std::vector<Finding> out;
  for (const Finding& f : report.bead_findings[0]) {
    if (f.kind == kind) out.push_back(f);
  }
  return out;
}

struct NumberCase {
  std::string name;
  std::string source;
  std::string target;
  // No finding when empty; else its severity and evidence.
  std::vector<Severity> severity;
  std::vector<std::string> source_only;
  std::vector<std::string> target_only;
};

class ReportNumberTest : public ::testing::TestWithParam<NumberCase> {};

TEST_P(ReportNumberTest, ComparesFiguresAfterNormalisation) {
  const NumberCase& c = GetParam();
  const std::vector<Finding> findings =
      FindingsOf(OnePair(c.source, c.target), FindingKind::kNumberMismatch);
  if (c.severity.empty()) {
    EXPECT_THAT(findings, IsEmpty()) << findings[0].message;
    return;
  }
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, c.severity[0]) << findings[0].message;
  EXPECT_EQ(findings[0].source_only, c.source_only) << findings[0].message;
  EXPECT_EQ(findings[0].target_only, c.target_only) << findings[0].message;
  std::vector<std::string> values = c.source_only;
  values.insert(values.end(), c.target_only.begin(), c.target_only.end());
  EXPECT_EQ(findings[0].values, values);
}

constexpr Severity kError = Severity::kError;
constexpr Severity kWarning = Severity::kWarning;

INSTANTIATE_TEST_SUITE_P(
    Cases, ReportNumberTest,
    ::testing::Values(
        // The same figure however it is written.
        NumberCase{"ThousandsWordAndSpace", "15 000 soldats", "15 ألف جندي", {}, {}, {}},
        NumberCase{"ArabicIndicDigits", "15.000 soldats", "١٥ ألف جندي", {}, {}, {}},
        NumberCase{"DecimalCommaAndPercent", "3,5 % de croissance", "نمو بنسبة 3.5%", {}, {}, {}},
        NumberCase{"ArabicDecimalSeparator", "3,5 %", "٣٫٥٪", {}, {}, {}},
        NumberCase{"ArabicGroupingComma", "1 727 décès", "و1,727 وفاة", {}, {}, {}},
        NumberCase{
            "ProcliticBeforeDigits", "114 cas et 33 guéris", "114 حالة و33 حالة تعاف", {}, {}, {}},
        NumberCase{
            "FractionWithoutZero", "0,08 % en Nouvelle-Zélande", "و.08% في نيوزيلندا", {}, {}, {}},
        NumberCase{
            "ScaleWordAfterNoBreakSpace", "50\u00a0milliards\u00a0$", "50 مليار دولار", {}, {}, {}},
        NumberCase{"MillionAlone", "1 million de tests", "مليون اختبار", {}, {}, {}},
        NumberCase{"SpelledOutInTarget", "3 soldats", "ثلاثة جنود", {}, {}, {}},
        NumberCase{"SpelledOutInSource", "trois soldats", "3 جنود", {}, {}, {}},
        NumberCase{"SpelledOutThousands", "deux mille soldats", "2000 جندي", {}, {}, {}},
        NumberCase{"CodeKeptOnBothSides", "la COVID-19", "مرض كوفيد-19", {}, {}, {}},
        NumberCase{"OrdinalAgainstWord", "le 1er mai", "في الأول من مايو", {}, {}, {}},
        NumberCase{"RomanCenturyAgainstDigits", "au XXIe siècle", "في القرن الـ 21", {}, {}, {}},
        NumberCase{"DecadeAgainstYear", "dans les années 30", "في 1930", {}, {}, {}},
        NumberCase{"ShortYearRange", "la pandémie de 2019-2020", "جائحة 2019-20", {}, {}, {}},
        NumberCase{"SameMonthInTwoScripts", "le 15 novembre", "في 15 نوفمبر", {}, {}, {}},
        NumberCase{"LevantineMonth", "le 15 novembre", "في 15 تشرين الثاني", {}, {}, {}},
        // Changed or missing figures: errors.
        NumberCase{
            "ChangedFigure", "15 000 soldats", "16 ألف جندي", {kError}, {"15000"}, {"16000"}},
        NumberCase{"ChangedPercentage", "3,5 %", "4.5%", {kError}, {"3.5"}, {"4.5"}},
        NumberCase{"ChangedScale",
                   "648 milliards $",
                   "648 مليون دولار",
                   {kError},
                   {"648000000000"},
                   {"648000000"}},
        NumberCase{
            "MissingLargeFigure", "plus de 180 soldats", "العديد من الجنود", {kError}, {"180"}, {}},
        NumberCase{"AddedYear", "le retrait", "الانسحاب في 2024", {kError}, {}, {"2024"}},
        NumberCase{"ChangedSmallFigure", "5 décès", "6 وفيات", {kError}, {"5"}, {"6"}},
        NumberCase{
            "ChangedMonth", "le 15 novembre", "في 15 ديسمبر", {kError}, {"month:11"}, {"month:12"}},
        // Weak cases: warnings.
        NumberCase{"MissingSmallFigure", "7 soldats", "جنود", {kWarning}, {"7"}, {}},
        NumberCase{"CodeLosesItsDigits", "la COVID-19", "مرض كوفيد", {kWarning}, {"19"}, {}},
        NumberCase{
            "MonthOnOneSide", "le 15 novembre", "في 15 من الشهر", {kWarning}, {"month:11"}, {}},
        NumberCase{"WeekdayChanged",
                   "mercredi soir",
                   "مساء الخميس",
                   {kWarning},
                   {"weekday:3"},
                   {"weekday:4"}}),
    [](const ::testing::TestParamInfo<NumberCase>& info) { return info.param.name; });

struct UntranslatedCase {
  std::string name;
  std::string source;
  std::string target;
  bool flagged;
  std::string value;
};

class ReportUntranslatedTest : public ::testing::TestWithParam<UntranslatedCase> {};

TEST_P(ReportUntranslatedTest, FlagsTheSourceLeftAsItIs) {
  const UntranslatedCase& c = GetParam();
  const std::vector<Finding> findings =
      FindingsOf(OnePair(c.source, c.target), FindingKind::kUntranslated);
  if (!c.flagged) {
    EXPECT_THAT(findings, IsEmpty()) << findings[0].message;
    return;
  }
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_THAT(findings[0].values, ElementsAre(c.value));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReportUntranslatedTest,
    ::testing::Values(
        UntranslatedCase{"Identical", "Découvrez ce qui se cache derrière ce retrait annoncé.",
                         "Découvrez ce qui se cache derrière ce retrait annoncé.", true,
                         "identical"},
        UntranslatedCase{"FrenchInArabicTarget", "Un départ qui soulève des questions.",
                         "Un départ qui soulève de nombreuses questions.", true, "1.00"},
        UntranslatedCase{"MostlyFrench", "Un départ qui soulève de nombreuses questions.",
                         "Un départ qui soulève de nombreuses questions تساؤلات.", true, "0.85"},
        UntranslatedCase{"HeadingLeftAsItIs", "Source", "Source", true, "1.00"},
        UntranslatedCase{"SameUrl", "https://viralmag.fr/mali-la-mission-de-lonu-quittera",
                         "https://viralmag.fr/mali-la-mission-de-lonu-quittera", false, ""},
        UntranslatedCase{"AcronymsAndAddressesKept",
                         "Dans un article publié sur News.com.au, l’IEDCR a indiqué 114 cas.",
                         "أفاد معهد IEDCR في تقرير لموقع News.com.au بتسجيل 114 حالة.", false, ""},
        UntranslatedCase{
            "LatinNameInArabic", "Le fabricant Who Gives a Crap a déclaré mercredi dernier.",
            "ذكرت شركة Who Gives a Crap يوم الأربعاء الماضي أن مخزونها نفد.", false, ""},
        UntranslatedCase{"Translated", "Source", "المصدر", false, ""}),
    [](const ::testing::TestParamInfo<UntranslatedCase>& info) { return info.param.name; });

TEST(ReportUntranslatedTest, ListOfNamesWithinOneScriptIsNotFlagged) {
  DocumentAlignment alignment =
      OnePair("Nanga Parbat, Cho Oyu, Gasherbrum.", "Nanga Parbat, Cho Oyu, Gasherbrum.");
  alignment.source.language = "de";
  alignment.target.language = "fr";
  EXPECT_THAT(FindingsOf(alignment, FindingKind::kUntranslated), IsEmpty());
  alignment = OnePair("Die Hütte ist geschlossen.", "Die Hütte ist geschlossen.");
  alignment.source.language = "de";
  alignment.target.language = "fr";
  EXPECT_THAT(FindingsOf(alignment, FindingKind::kUntranslated), ::testing::SizeIs(1));
}

TEST(ReportLengthTest, FlagsAPairFarFromTheDocumentsRatio) {
  const std::string source = "Le retrait apparaît comme un véritable tournant pour ce pays.";
  // About 4 times as long as the source, at a document ratio of 1.
  const std::string target =
      absl::StrCat(source, " ", source, " ", source, " ", source, " ", source);
  std::vector<Finding> findings = FindingsOf(OnePair(source, target), FindingKind::kLengthRatio);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_THAT(findings[0].message, HasSubstr("times as long"));
  double factor = 0;
  ASSERT_TRUE(absl::SimpleAtod(findings[0].values[0], &factor));
  EXPECT_GT(factor, 3.5);
  EXPECT_LT(factor, 5);

  // The other way round: far shorter.
  findings = FindingsOf(OnePair(target, source), FindingKind::kLengthRatio);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].message, HasSubstr("times shorter"));

  // Short lines swing the ratio: "Source" against "المصدر" and a one-word heading are fine.
  EXPECT_THAT(FindingsOf(OnePair("Source", "المصدر الأصلي للخبر"), FindingKind::kLengthRatio),
              IsEmpty());
}

TEST(ReportConfidenceTest, FlagsConfidenceBelowTheThreshold) {
  const DocumentAlignment alignment = OnePair("Le Mali.", "مالي.", 0.31);
  std::vector<Finding> findings = FindingsOf(alignment, FindingKind::kLowConfidence);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_THAT(findings[0].values, ElementsAre("0.31"));
  ReportOptions options;
  options.low_confidence_threshold = 0.3;
  EXPECT_THAT(FindingsOf(alignment, FindingKind::kLowConfidence, options), IsEmpty());
  options.low_confidence_threshold = 0;  // off
  EXPECT_THAT(FindingsOf(OnePair("Le Mali.", "مالي.", 0.0), FindingKind::kLowConfidence, options),
              IsEmpty());
}

// A French–Arabic document of one-to-one beads (confidence 0.9), one per pair, each sentence
// its own paragraph.
DocumentAlignment OneToOne(const std::vector<std::pair<std::string, std::string>>& pairs) {
  DocumentAlignment alignment;
  alignment.source.language = "fr";
  alignment.target.language = "ar";
  for (size_t i = 0; i < pairs.size(); ++i) {
    const int index = static_cast<int>(i);
    alignment.source.sentences.push_back({index, index, 0, 0, 0, 0, pairs[i].first, ""});
    alignment.target.sentences.push_back({index, index, 0, 0, 0, 0, pairs[i].second, ""});
    Bead bead;
    bead.source = {index};
    bead.target = {index};
    bead.confidence = 0.9;
    alignment.beads.push_back(bead);
  }
  return alignment;
}

TEST(ReportNameTest, FlagsANameTheDocumentCarriesElsewhere) {
  // "Bamako" is carried across in two pairs and dropped in the third.
  const DocumentAlignment alignment = OneToOne({
      {"La junte de Bamako a parlé.", "تحدث المجلس العسكري في باماكو."},
      {"Le camp de Bamako est remis.", "تم تسليم معسكر باماكو."},
      {"La junte au pouvoir à Bamako a fait un pari.", "قام المجلس العسكري الحاكم بالرهان."},
  });
  const DocumentReport report = BuildReport(alignment, ReportOptions());
  EXPECT_THAT(report.bead_findings[0], IsEmpty());
  EXPECT_THAT(report.bead_findings[1], IsEmpty());
  ASSERT_EQ(report.bead_findings[2].size(), 1u);
  const Finding& f = report.bead_findings[2][0];
  EXPECT_EQ(f.kind, FindingKind::kNameMismatch);
  EXPECT_EQ(f.severity, Severity::kInfo);
  EXPECT_THAT(f.source_only, ElementsAre("Bamako"));
  EXPECT_THAT(f.target_only, IsEmpty());
  EXPECT_THAT(f.values, ElementsAre("Bamako"));
}

// A curated name (the UN) carried across twice and added once in the target: the finding
// names it as a person does, in both languages, not by its concept id ("@un").
TEST(ReportNameTest, NamesACuratedNameInBothLanguages) {
  const DocumentAlignment alignment = OneToOne({
      {"L’ONU a quitté le pays.", "غادرت الأمم المتحدة البلاد."},
      {"Le chef de l’ONU a parlé.", "تحدث رئيس الأمم المتحدة."},
      {"La mission a pris fin en décembre.", "انتهت مهمة الأمم المتحدة في ديسمبر."},
  });
  const DocumentReport report = BuildReport(alignment, ReportOptions());
  EXPECT_THAT(report.bead_findings[0], IsEmpty());
  EXPECT_THAT(report.bead_findings[1], IsEmpty());
  std::vector<Finding> findings;
  for (const Finding& f : report.bead_findings[2]) {
    if (f.kind == FindingKind::kNameMismatch) findings.push_back(f);
  }
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].target_only, ElementsAre("ONU / الأمم المتحدة"));
  EXPECT_THAT(findings[0].message, HasSubstr("ONU / الأمم المتحدة in the target is not in the source"));
  EXPECT_THAT(findings[0].message, Not(HasSubstr("@")));
}

// ---------------------------------------------------------------------------------------------
// The summary and the verdict.

TEST(ReportSummaryTest, CountsCoverageAndFindings) {
  // Source: paragraph 0 = sentences 0, 1; paragraph 1 = sentence 2; paragraph 2 = sentence 3.
  DocumentAlignment alignment;
  alignment.source.language = "fr";
  alignment.target.language = "ar";
  const std::vector<std::pair<int, std::string>> source = {
      {0, "Le Mali a quitté l’ONU."},  // 23 code points
      {0, "Il y a 15 000 soldats."},   // 22
      {1, "La mission part."},         // 16
      {2, "Fin."},                     // 4
  };
  size_t offset = 0;
  for (size_t i = 0; i < source.size(); ++i) {
    const size_t length = CountCodePoints(source[i].second);
    alignment.source.sentences.push_back(
        {static_cast<int>(i), source[i].first, 0, 0, offset, offset + length, source[i].second,
         ""});
    offset += length + 1;
  }
  for (const char* t :
       {"غادرت مالي الأمم المتحدة.", "هناك 16 ألف جندي.", "جملة مضافة.", "النهاية."}) {
    const int index = static_cast<int>(alignment.target.sentences.size());
    alignment.target.sentences.push_back({index, 0, 0, 0, 0, 0, t, ""});
  }
  auto bead = [](std::vector<int> s, std::vector<int> t, double confidence) {
    Bead b;
    b.source = std::move(s);
    b.target = std::move(t);
    b.confidence = confidence;
    return b;
  };
  alignment.beads = {bead({0}, {0}, 0.9), bead({1}, {1}, 0.8), bead({2}, {}, 0.7),
                     bead({}, {2}, 0.4), bead({3}, {3}, 1.0)};
  const DocumentReport report = BuildReport(alignment, ReportOptions());
  EXPECT_EQ(report.source_sentences, 4);
  EXPECT_EQ(report.translated_source_sentences, 3);
  EXPECT_DOUBLE_EQ(report.sentence_coverage, 0.75);
  EXPECT_DOUBLE_EQ(report.character_coverage, 49.0 / 65.0);
  EXPECT_THAT(report.omitted_source_sentences, ElementsAre(2));
  EXPECT_THAT(report.added_target_sentences, ElementsAre(2));
  EXPECT_THAT(report.missing_source_paragraphs, ElementsAre(1));
  EXPECT_EQ(report.finding_counts.at(FindingKind::kNumberMismatch), 1);
  EXPECT_EQ(report.finding_counts.at(FindingKind::kOmission), 1);
  EXPECT_EQ(report.finding_counts.at(FindingKind::kAddition), 1);
  EXPECT_EQ(report.finding_counts.at(FindingKind::kLowConfidence), 1);
  EXPECT_EQ(report.error_count, 3);
  EXPECT_EQ(report.warning_count, 1);
  EXPECT_EQ(report.beads_with_errors, 3);
  EXPECT_DOUBLE_EQ(report.mean_confidence, (0.9 + 0.8 + 0.7 + 0.4 + 1.0) / 5);
  EXPECT_DOUBLE_EQ(report.lowest_confidence, 0.4);
  EXPECT_EQ(report.lowest_confidence_bead, 3);
  // The addition is both an error and a low-confidence warning: worst first.
  ASSERT_EQ(report.bead_findings[3].size(), 2u);
  EXPECT_EQ(report.bead_findings[3][0].kind, FindingKind::kAddition);
  EXPECT_EQ(report.bead_findings[3][1].kind, FindingKind::kLowConfidence);
  EXPECT_EQ(report.verdict,
            "The Arabic carries 75 % of the French story; paragraph 2 is missing; 1 sentence "
            "has no source; figures differ in 1 pair.");
}

TEST(ReportSummaryTest, EmptyAlignment) {
  DocumentAlignment alignment;
  alignment.source.language = "de";
  alignment.target.language = "fr";
  const DocumentReport report = BuildReport(alignment, ReportOptions());
  EXPECT_EQ(report.sentence_coverage, 1.0);
  EXPECT_EQ(report.character_coverage, 1.0);
  EXPECT_EQ(report.lowest_confidence_bead, -1);
  EXPECT_EQ(report.verdict, "The French carries 100 % of the German story; no errors found.");
}

TEST(ReportSummaryTest, LanguageNames) {
  EXPECT_EQ(LanguageName("fr"), "French");
  EXPECT_EQ(LanguageName("fr-CA"), "French");
  EXPECT_EQ(LanguageName("AR"), "Arabic");
  EXPECT_EQ(LanguageName("de_CH"), "German");
  EXPECT_EQ(LanguageName("x-klingon"), "x-klingon");
}

TEST(ReportSummaryTest, KindAndSeverityNames) {
  EXPECT_EQ(FindingKindName(FindingKind::kNumberMismatch), "NUMBER_MISMATCH");
  EXPECT_EQ(FindingKindName(FindingKind::kNameMismatch), "NAME_MISMATCH");
  EXPECT_EQ(SeverityName(Severity::kError), "error");
  EXPECT_EQ(SeverityName(Severity::kInfo), "info");
}

struct BadOptions {
  std::string name;
  std::function<void(ReportOptions&)> set;
  std::string message;
};

class ReportOptionsTest : public ::testing::TestWithParam<BadOptions> {};

TEST_P(ReportOptionsTest, ValidateNamesTheField) {
  ReportOptions options;
  EXPECT_THAT(options.Validate(), IsOk());
  GetParam().set(options);
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ReportOptionsTest,
    ::testing::Values(
        BadOptions{"ThresholdAboveOne", [](ReportOptions& o) { o.low_confidence_threshold = 1.5; },
                   "low_confidence_threshold must be between 0 and 1, got 1.5"},
        BadOptions{"ThresholdNegative", [](ReportOptions& o) { o.low_confidence_threshold = -0.1; },
                   "low_confidence_threshold must be between 0 and 1"},
        BadOptions{"ThresholdNan",
                   [](ReportOptions& o) { o.low_confidence_threshold = std::nan(""); },
                   "low_confidence_threshold"},
        BadOptions{"FactorBelowOne", [](ReportOptions& o) { o.length_ratio_factor = 0.5; },
                   "length_ratio_factor must be at least 1, got 0.5"},
        BadOptions{"SmoothingNegative", [](ReportOptions& o) { o.length_smoothing = -1; },
                   "length_smoothing must be at least 0"},
        BadOptions{"ShareZero", [](ReportOptions& o) { o.untranslated_share = 0; },
                   "untranslated_share must be above 0 and at most 1, got 0"},
        BadOptions{"ShareAboveOne", [](ReportOptions& o) { o.untranslated_share = 2; },
                   "untranslated_share must be above 0 and at most 1, got 2"},
        BadOptions{"SmallNumberNegative", [](ReportOptions& o) { o.small_number_limit = -3; },
                   "small_number_limit must be at least 0"}),
    [](const ::testing::TestParamInfo<BadOptions>& info) { return info.param.name; });

}  // namespace
}  // namespace newsalign
