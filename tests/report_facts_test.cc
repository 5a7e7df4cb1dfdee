// Tests of the report's reading of each sentence once (report/sentence_facts.h): a side of one
// sentence is checked from its sentence's facts, a side of several from their joined text, and
// either way the findings are those of the checks reading each bead's text whole.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "align/document_aligner.h"
#include "anchors/numbers.h"
#include "report/names.h"
#include "report/numbers.h"
#include "report/report.h"
#include "report/sentence_facts.h"
#include "report/text_helpers.h"
#include "report/untranslated.h"
#include "base/stop_condition.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

std::string Describe(const Finding& f) {
  std::string out = std::string(FindingKindName(f.kind)) + "/" +
                    std::string(SeverityName(f.severity)) + ": " + f.message + " [";
  for (const std::string& v : f.values) out += v + " ";
  return out + "]";
}

// French source, Arabic target. Source sentences 1 and 2 are one sentence cut through its
// figure ("10" | "000"), as a splitter may cut it; the target's sentence 2 is the source's
// sentence 3 left in French with its figure changed.
DocumentAlignment Sample() {
  const std::vector<std::string> french = {
      "Le Conseil de sécurité a prolongé le mandat de la MINUSMA jusqu'au 30 juin 2023.",
      "Selon l'ONU, le nombre de déplacés s'élève à 10",
      "000 dans la région de Mopti.",
      "Plus de 1 200 soldats ont quitté Bamako en décembre.",
      "Voir https://www.un.org/fr pour le communiqué complet."};
  const std::vector<std::string> arabic = {
      "مدد مجلس الأمن ولاية بعثة مينوسما حتى 30 يونيو 2023.",
      "ووفقا للأمم المتحدة، بلغ عدد النازحين 10 000 في منطقة موبتي.",
      "Plus de 1 500 soldats ont quitté Bamako en décembre.",
      "انظر https://www.un.org/fr للاطلاع على البيان الكامل."};
  DocumentAlignment alignment;
  alignment.source.language = "fr";
  alignment.target.language = "ar";
  for (size_t i = 0; i < french.size(); ++i) {
    const int index = static_cast<int>(i);
    alignment.source.sentences.push_back({index, index, 0, 0, 0, 0, french[i], ""});
  }
  for (size_t i = 0; i < arabic.size(); ++i) {
    const int index = static_cast<int>(i);
    alignment.target.sentences.push_back({index, index, 0, 0, 0, 0, arabic[i], ""});
  }
  const std::vector<std::pair<std::vector<int>, std::vector<int>>> beads = {
      {{0}, {0}}, {{1, 2}, {1}}, {{3}, {2}}, {{4}, {3}}};
  for (const auto& [source, target] : beads) {
    Bead bead;
    bead.source = source;
    bead.target = target;
    bead.confidence = 0.9;
    alignment.beads.push_back(bead);
  }
  return alignment;
}

// The number and untranslated findings of each bead, from each side's text read whole.
std::vector<std::vector<std::string>> ReadWhole(const DocumentAlignment& alignment) {
  std::vector<std::vector<std::string>> out;
  for (const Bead& bead : alignment.beads) {
    std::string source_joined, target_joined;
    const absl::string_view source =
        report_internal::SideText(alignment.source, bead.source, &source_joined);
    const absl::string_view target =
        report_internal::SideText(alignment.target, bead.target, &target_joined);
    std::vector<std::string> findings;
    if (Finding f; report_internal::CheckUntranslated(source, target, Script::kLatin,
                                                      Script::kArabic, ReportOptions(), &f)) {
      findings.push_back(Describe(f));
    }
    report_internal::NumberEvidence source_numbers, target_numbers;
    report_internal::ExtractFigures(source, &source_numbers);
    report_internal::ExtractFigures(target, &target_numbers);
    if (Finding f; report_internal::CheckNumbers(source_numbers, target_numbers, ReportOptions(),
                                                 &f)) {
      findings.push_back(Describe(f));
    }
    std::sort(findings.begin(), findings.end());
    out.push_back(findings);
  }
  return out;
}

// The same findings of BuildReport(), each bead's in the same order.
std::vector<std::vector<std::string>> Reported(const DocumentAlignment& alignment, int threads) {
  ReportOptions options;
  options.threads = threads;
  const DocumentReport report = BuildReport(alignment, options);
  std::vector<std::vector<std::string>> out;
  for (const std::vector<Finding>& findings : report.bead_findings) {
    std::vector<std::string> kept;
    for (const Finding& f : findings) {
      if (f.kind == FindingKind::kUntranslated || f.kind == FindingKind::kNumberMismatch) {
        kept.push_back(Describe(f));
      }
    }
    std::sort(kept.begin(), kept.end());
    out.push_back(kept);
  }
  return out;
}

TEST(ReportFactsTest, SentencesReadOnceGiveTheFindingsOfEachBeadReadWhole) {
  const DocumentAlignment alignment = Sample();
  const std::vector<std::vector<std::string>> whole = ReadWhole(alignment);
  // What the checks find: the French left in the target with 1 500 for 1 200; the figure cut
  // in two on the source side is 10 000 once joined, as in the target.
  ASSERT_EQ(whole.size(), 4u);
  EXPECT_THAT(whole[1], ElementsAre());
  ASSERT_EQ(whole[2].size(), 2u);
  EXPECT_THAT(whole[2][0], ::testing::StartsWith("NUMBER_MISMATCH/error"));
  EXPECT_THAT(whole[2][1], ::testing::StartsWith("UNTRANSLATED/error"));
  EXPECT_THAT(whole[3], Not(Contains(::testing::StartsWith("UNTRANSLATED"))));
  for (int threads : {1, 2}) {
    EXPECT_EQ(Reported(alignment, threads), whole) << threads << " threads";
  }
}

std::string DescribeFigures(const report_internal::NumberEvidence& e) {
  std::vector<std::string> spelled(e.spelled.begin(), e.spelled.end());
  std::sort(spelled.begin(), spelled.end());
  std::string out;
  for (const std::vector<std::string>* list :
       {&e.strong, &e.weak, static_cast<const std::vector<std::string>*>(&spelled), &e.months,
        &e.weekdays}) {
    for (const std::string& v : *list) out += v + ",";
    out += "|";
  }
  return out;
}

// A short source and a target of many chunks: the source's thread, soon done, reads the
// figures and letters of the target's last chunks while the target's thread reads the rest.
// Every target sentence's facts are those one thread reads.
TEST(ReportFactsTest, TargetChunksReadByEitherThreadGiveTheSameFacts) {
  DocumentAlignment alignment = Sample();
  const std::vector<Sentence> arabic = alignment.target.sentences;
  alignment.target.sentences.clear();
  for (int i = 0; i < 1500; ++i) {
    alignment.target.sentences.push_back({i, i, 0, 0, 0, 0,
                                          arabic[i % arabic.size()].text + " " +
                                              std::to_string(1000 + i),
                                          ""});
  }
  auto read = [&](int threads) {
    report_internal::SideFacts source, target;
    EXPECT_TRUE(report_internal::ReadSentenceFacts(alignment, Script::kLatin, Script::kArabic,
                                                   /*target_letters=*/true, StopCondition(),
                                                   threads, &source, &target)
                    .ok());
    std::vector<std::string> out;
    for (size_t i = 0; i < target.figures.size(); ++i) {
      out.push_back(DescribeFigures(target.figures[i]) + std::to_string(target.letters[i].latin) +
                    "/" + std::to_string(target.letters[i].arabic) + "/" +
                    std::to_string(target.names[i].keys.size()));
    }
    return out;
  };
  const std::vector<std::string> one = read(1);
  ASSERT_EQ(one.size(), 1500u);
  EXPECT_THAT(one[1499], ::testing::HasSubstr("2499"));
  for (int round = 0; round < 3; ++round) EXPECT_EQ(read(2), one) << "round " << round;
}

// Every fact of one side's sentences, in order, to compare two readings.
std::vector<std::string> DescribeSide(const report_internal::SideFacts& facts) {
  std::vector<std::string> out;
  for (size_t i = 0; i < facts.names.size(); ++i) {
    std::string line = DescribeFigures(facts.figures[i]) + "names:";
    for (const std::string& key : facts.names[i].keys) line += key + ",";
    for (const report_internal::NameMention& m : facts.names[i].mentions) {
      line += m.key + "=" + m.surface + ",";
    }
    if (!facts.letters.empty()) {
      line += "letters:" + std::to_string(facts.letters[i].latin) + "/" +
              std::to_string(facts.letters[i].arabic);
    }
    out.push_back(line);
  }
  return out;
}

// Expects the report's facts and findings from `aligned`'s readings to be those it reads
// afresh without them, on one thread or two.
void ExpectFactsFromReadingsAreThoseReadAgain(const DocumentAlignment& aligned) {
  DocumentAlignment without = aligned;
  without.readings = nullptr;
  for (int threads : {1, 2}) {
    report_internal::SideFacts kept_source, kept_target, read_source, read_target;
    ASSERT_TRUE(report_internal::ReadSentenceFacts(aligned, Script::kLatin, Script::kArabic,
                                                   true, StopCondition(), threads,
                                                   &kept_source, &kept_target)
                    .ok());
    ASSERT_TRUE(report_internal::ReadSentenceFacts(without, Script::kLatin, Script::kArabic,
                                                   true, StopCondition(), threads,
                                                   &read_source, &read_target)
                    .ok());
    EXPECT_EQ(DescribeSide(kept_source), DescribeSide(read_source)) << threads;
    EXPECT_EQ(DescribeSide(kept_target), DescribeSide(read_target)) << threads;
    auto findings = [threads](const DocumentAlignment& alignment) {
      ReportOptions options;
      options.threads = threads;
      std::vector<std::string> out;
      for (const std::vector<Finding>& bead : BuildReport(alignment, options).bead_findings) {
        for (const Finding& f : bead) out.push_back(Describe(f));
        out.push_back("--");
      }
      return out;
    };
    EXPECT_EQ(findings(aligned), findings(without)) << threads;
  }
}

// An article's alignment keeps what it read of each sentence (tokens, numbers, dates, curated
// names), and the report's facts from it are those it reads afresh, on one thread or two.
TEST(ReportFactsTest, FactsFromTheAlignmentsReadingsAreThoseReadAgain) {
  const DocumentAlignment sample = Sample();
  DocumentInput french{"fr", "", {}, true};
  DocumentInput arabic{"ar", "", {}, true};
  for (const Sentence& s : sample.source.sentences) french.sentences.push_back(s.text);
  for (const Sentence& s : sample.target.sentences) arabic.sentences.push_back(s.text);
  absl::StatusOr<DocumentAlignment> aligned =
      AlignDocuments(french, arabic, AlignOptions(), AlignResources());
  ASSERT_TRUE(aligned.ok()) << aligned.status();
  ASSERT_NE(aligned->readings, nullptr);
  ASSERT_EQ(aligned->readings->source.size(), french.sentences.size());
  ASSERT_EQ(aligned->readings->target.size(), arabic.sentences.size());
  const SentenceReading& first = aligned->readings->source[0];
  const std::vector<Token> tokens = Tokenize(MatchingText(aligned->source.sentences[0]));
  ASSERT_EQ(first.tokens.size(), tokens.size());
  for (size_t k = 0; k < tokens.size(); ++k) EXPECT_EQ(first.tokens[k].norm, tokens[k].norm);
  // "30 juin 2023": June; "l'ONU" is the curated United Nations.
  EXPECT_THAT(first.dates, Contains("month:6"));
  EXPECT_THAT(aligned->readings->source[1].curated_names, Not(::testing::IsEmpty()));

  // The numbers as the aligner read them from the text.
  for (size_t i = 0; i < french.sentences.size(); ++i) {
    EXPECT_EQ(aligned->readings->source[i].numbers,
              ExtractNumbers(MatchingText(aligned->source.sentences[i])))
        << i;
  }
  ExpectFactsFromReadingsAreThoseReadAgain(*aligned);

  // Sentences whose figures are not read from the text as it is: a code (H1N1), an ordinal
  // (1er), no-break spaces, a fraction written without its 0 after an Arabic proclitic (و.08).
  // Their strong figures are read again from the text made plain, not taken from the aligner.
  const DocumentInput fr_figures{
      "fr",
      "",
      {"Le variant H1N1 a touché 5\u00A0000 personnes le 1er mars.",
       "Selon l’OMS, le taux est passé de 0,08 à 12,5\u00A0%.", "Il faut agir vite."},
      true};
  const DocumentInput ar_figures{"ar",
                                 "",
                                 {"أصاب متحور H1N1 خمسة آلاف شخص في 1 مارس.",
                                  "وبحسب منظمة الصحة العالمية، ارتفع المعدل من و.08 إلى 12,5\u00A0%.",
                                  "يجب التحرك بسرعة."},
                                 true};
  aligned = AlignDocuments(fr_figures, ar_figures, AlignOptions(), AlignResources());
  ASSERT_TRUE(aligned.ok()) << aligned.status();
  ASSERT_NE(aligned->readings, nullptr);
  // The aligner reads "1" of H1N1 among the French numbers; the report takes the code's
  // digits apart, as a weak figure.
  EXPECT_THAT(aligned->readings->source[0].numbers, Contains("1"));
  ExpectFactsFromReadingsAreThoseReadAgain(*aligned);
}

// Past kKeptReadingsUpTo sentences the alignment keeps no readings (the report reads the
// sentences again), so that a book's tokens are not held through its whole alignment.
TEST(ReportFactsTest, ALongPairKeepsNoReadings) {
  DocumentInput french{"fr", "", {}, true};
  DocumentInput arabic{"ar", "", {}, true};
  for (int i = 0; french.sentences.size() + arabic.sentences.size() <=
                  static_cast<size_t>(kKeptReadingsUpTo);
       ++i) {
    french.sentences.push_back("Le bilan est de " + std::to_string(i) + " morts.");
    arabic.sentences.push_back("بلغت الحصيلة " + std::to_string(i) + " قتيلا.");
  }
  absl::StatusOr<DocumentAlignment> aligned =
      AlignDocuments(french, arabic, AlignOptions(), AlignResources());
  ASSERT_TRUE(aligned.ok()) << aligned.status();
  EXPECT_EQ(aligned->readings, nullptr);
  french.sentences.pop_back();
  arabic.sentences.pop_back();
  aligned = AlignDocuments(french, arabic, AlignOptions(), AlignResources());
  ASSERT_TRUE(aligned.ok()) << aligned.status();
  EXPECT_NE(aligned->readings, nullptr);
}

TEST(ReportFactsTest, CountsLettersOutsideAddressesNumbersAndAcronyms) {
  // Latin: "Voir" and "et" (6); not the URL, the e-mail address, MINUSMA or 2023. Arabic:
  // الأمم (5) and ب (1).
  const std::string text =
      "Voir https://www.un.org/fr et contact@un.org MINUSMA 2023 الأمم ب";
  const report_internal::ScriptLetters letters =
      report_internal::CountLetters(text, Tokenize(text));
  EXPECT_EQ(letters.latin, 6);
  EXPECT_EQ(letters.arabic, 6);
}

// Each kind of address alone is left out (the count skips the search for addresses only when
// a text can hold none), and a text without one counts every word.
TEST(ReportFactsTest, CountsLettersOutsideEachKindOfAddressAlone) {
  for (const char* text : {"Voir WWW.LeMonde.fr et الأمم", "Voir ftp://lemonde et الأمم",
                           "Voir redaction@lemonde.fr et الأمم", "Voir et الأمم"}) {
    const report_internal::ScriptLetters letters =
        report_internal::CountLetters(text, Tokenize(text));
    EXPECT_EQ(letters.latin, 6) << text;
    EXPECT_EQ(letters.arabic, 5) << text;
  }
  using report_internal::MayHoldAddress;
  EXPECT_TRUE(MayHoldAddress("voir wWw.un.org"));
  EXPECT_TRUE(MayHoldAddress("https://un.org"));
  EXPECT_TRUE(MayHoldAddress("a@b"));
  EXPECT_FALSE(MayHoldAddress("La MINUSMA quittera le Mali. www"));
  EXPECT_FALSE(MayHoldAddress("ستغادر بعثة الأمم المتحدة مالي.ww."));
  EXPECT_FALSE(MayHoldAddress(".ww"));
}

}  // namespace
}  // namespace newsalign
