// Tests of the translation QA report's checks (report/report.h) one pair at a time: the number
// rules (figures compared after normalisation, and the number words they read from
// report/data/number_words.tsv), text left untranslated, length ratios, low confidence and names;
// then the summary, the verdict and the options. Whole documents, changed the way translations
// go wrong, are in report_test.cc.
#include "report/report.h"

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"
#include "report/number_words.h"
#include "report/text_helpers.h"
#include "tests/testing/status_matchers.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

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

// ---------------------------------------------------------------------------------------------
// The other checks: text left untranslated, length ratios, low confidence, names.

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
        // Harakat (script Inherited) and the tatweel (Common) are no letters of either script:
        // 39 Latin letters against the 4 of مهمة.
        UntranslatedCase{"ArabicMarksAndTatweelCountForNeither",
                         "Un départ qui soulève de nombreuses questions.",
                         "Un départ qui soulève de nombreuses questions مُهِـــمّة.", true, "0.91"},
        UntranslatedCase{"SameWordsOtherSpacing",
                         "  Découvrez ce qui se cache\tderrière ce retrait annoncé.",
                         "Découvrez ce qui se  cache derrière\nce retrait annoncé. ", true,
                         "identical"},
        UntranslatedCase{"Translated", "Source", "المصدر", false, ""}),
    [](const ::testing::TestParamInfo<UntranslatedCase>& info) { return info.param.name; });

TEST(ReportTextTest, CollapsesRunsOfWhiteSpace) {
  using report_internal::CollapseSpaces;
  using report_internal::EqualCollapsed;
  EXPECT_EQ(CollapseSpaces(" \tالأمم  المتحدة\r\n تغادر   مالي \n"), "الأمم المتحدة تغادر مالي");
  EXPECT_EQ(CollapseSpaces("Le retrait de la MINUSMA"), "Le retrait de la MINUSMA");
  EXPECT_EQ(CollapseSpaces(" \t\n"), "");
  EXPECT_EQ(CollapseSpaces(""), "");
  EXPECT_TRUE(EqualCollapsed("la mission\tde l’ONU ", " la  mission de\nl’ONU"));
  EXPECT_TRUE(EqualCollapsed("", " \n "));
  EXPECT_FALSE(EqualCollapsed("la mission", "la missions"));
  EXPECT_FALSE(EqualCollapsed("la mission", "lamission"));
  EXPECT_FALSE(EqualCollapsed("بعثة الأمم", "بعثة"));
  EXPECT_FALSE(EqualCollapsed("", "مالي"));
}

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
  // On two threads the name check runs beside the bead checks; its finding is the same.
  for (const int threads : {1, 2}) {
    ReportOptions options;
    options.threads = threads;
    const DocumentReport report = BuildReport(alignment, options);
    EXPECT_THAT(report.bead_findings[0], IsEmpty()) << threads;
    EXPECT_THAT(report.bead_findings[1], IsEmpty()) << threads;
    ASSERT_EQ(report.bead_findings[2].size(), 1u) << threads;
    const Finding& f = report.bead_findings[2][0];
    EXPECT_EQ(f.kind, FindingKind::kNameMismatch);
    EXPECT_EQ(f.severity, Severity::kInfo);
    EXPECT_THAT(f.source_only, ElementsAre("Bamako"));
    EXPECT_THAT(f.target_only, IsEmpty());
    EXPECT_THAT(f.values, ElementsAre("Bamako"));
    EXPECT_EQ(report.info_count, 1) << threads;
  }
}

// With the alignment's kept word keys, two threads read the two sides' names with their own
// language's memo; a pair of one language has a single memo, which one thread reads. The
// finding is the same either way.
TEST(ReportNameTest, ReadsTheKeptKeysOfEachLanguageOnTwoThreads) {
  DocumentAlignment across = OneToOne({
      {"La junte de Bamako a parlé.", "تحدث المجلس العسكري في باماكو."},
      {"Le camp de Bamako est remis.", "تم تسليم معسكر باماكو."},
      {"La junte au pouvoir à Bamako a fait un pari.", "قام المجلس العسكري الحاكم بالرهان."},
  });
  DocumentAlignment within = OneToOne({
      {"La junte de Bamako a parlé.", "La junte de Bamako s’est exprimée."},
      {"Le camp de Bamako est remis.", "Le camp de Bamako a été rendu."},
      {"La junte au pouvoir à Bamako a fait un pari.", "La junte au pouvoir a fait un pari."},
  });
  within.target.language = "fr";
  for (DocumentAlignment* alignment : {&across, &within}) {
    for (const int threads : {1, 2}) {
      alignment->word_keys = std::make_shared<WordKeyCache>();
      ReportOptions options;
      options.threads = threads;
      const DocumentReport report = BuildReport(*alignment, options);
      const std::string language = alignment->target.language;
      EXPECT_GT(alignment->word_keys->For("fr").lookups(), 0) << language << threads;
      EXPECT_GT(alignment->word_keys->For(language).lookups(), 0) << language << threads;
      EXPECT_THAT(report.bead_findings[0], IsEmpty()) << language << threads;
      EXPECT_THAT(report.bead_findings[1], IsEmpty()) << language << threads;
      ASSERT_EQ(report.bead_findings[2].size(), 1u) << language << threads;
      EXPECT_EQ(report.bead_findings[2][0].kind, FindingKind::kNameMismatch);
      EXPECT_THAT(report.bead_findings[2][0].source_only, ElementsAre("Bamako"));
    }
  }
}

// A stop condition that holds stops the report on any number of threads (the name check's
// thread is joined before the error returns).
TEST(ReportNameTest, StopsOnAnyNumberOfThreads) {
  const DocumentAlignment alignment = OneToOne({
      {"La junte de Bamako a parlé.", "تحدث المجلس العسكري في باماكو."},
      {"Le camp de Bamako est remis.", "تم تسليم معسكر باماكو."},
  });
  for (const int threads : {1, 2}) {
    ReportOptions options;
    options.threads = threads;
    EXPECT_THAT(BuildReport(alignment, options, StopCondition(absl::InfinitePast())).status(),
                StatusIs(absl::StatusCode::kDeadlineExceeded))
        << threads;
  }
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
                   "small_number_limit must be at least 0"},
        BadOptions{"ThreadsZero", [](ReportOptions& o) { o.threads = 0; },
                   "threads must be between 1 and 64, got 0"},
        BadOptions{"ThreadsAbove64", [](ReportOptions& o) { o.threads = 65; },
                   "threads must be between 1 and 64, got 65"}),
    [](const ::testing::TestParamInfo<BadOptions>& info) { return info.param.name; });

}  // namespace
}  // namespace newsalign
