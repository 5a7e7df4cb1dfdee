// Tests of IBM Model 1 training (alignment/ibm_model1.h): what EM learns from small real
// French–Arabic and German–French corpora, the EM guarantee (the likelihood never falls), the
// lexicon's filters, options validation and errors by exact code.
#include "lexicon/ibm_model1.h"

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::HasSubstr;

// News sentences about the UN mission in Mali and their Arabic translations. "mission" is
// always translated "بعثة" (construct state); around it the usual function words.
const std::vector<SentencePair>& FrenchArabic() {
  static const auto* const kCorpus = new std::vector<SentencePair>{
      {"La mission de l'ONU au Mali.", "بعثة الأمم المتحدة في مالي."},
      {"Le Mali.", "مالي."},
      {"La mission de maintien de la paix a quitté Bamako.", "غادرت بعثة حفظ السلام باماكو."},
      {"Le gouvernement du Mali.", "حكومة مالي."},
      {"La mission des Nations unies.", "بعثة الأمم المتحدة."},
      {"Le Conseil de sécurité a voté.", "صوت مجلس الأمن."},
      {"La fin du mandat de la mission de l'ONU.", "انتهاء ولاية بعثة الأمم المتحدة."},
      {"Les soldats de la paix.", "جنود حفظ السلام."},
      {"Bamako, la capitale du Mali.", "باماكو عاصمة مالي."},
      {"Le Conseil de sécurité de l'ONU.", "مجلس الأمن التابع للأمم المتحدة."},
      {"Une mission au Mali.", "بعثة في مالي."},
      {"La mission de paix.", "بعثة السلام."},
      {"Les soldats ont quitté le Mali.", "غادر الجنود مالي."},
      {"Le mandat de la mission MINUSMA.", "ولاية بعثة مينوسما."},
      {"Le gouvernement de transition a demandé le départ de la mission en 2023.",
       "طلبت حكومة المرحلة الانتقالية رحيل بعثة في عام 2023."},
      {"La sécurité à Bamako.", "الأمن في باماكو."},
      {"Le Conseil a voté.", "صوت المجلس."},
  };
  return *kCorpus;
}

const std::vector<SentencePair>& GermanFrench() {
  static const auto* const kCorpus = new std::vector<SentencePair>{
      {"Der Sicherheitsrat.", "Le Conseil de sécurité."},
      {"Die Mission der Vereinten Nationen.", "La mission des Nations unies."},
      {"Der Sicherheitsrat hat abgestimmt.", "Le Conseil de sécurité a voté."},
      {"Die Regierung von Mali.", "Le gouvernement du Mali."},
      {"Die Mission in Mali.", "La mission au Mali."},
      {"Die Soldaten der Mission.", "Les soldats de la mission."},
      {"Die Regierung hat abgestimmt.", "Le gouvernement a voté."},
      {"Die Soldaten haben Mali verlassen.", "Les soldats ont quitté le Mali."},
      {"Die Hauptstadt von Mali.", "La capitale du Mali."},
      {"Der Sicherheitsrat der Vereinten Nationen.", "Le Conseil de sécurité des Nations unies."},
      {"Die Regierung und die Soldaten.", "Le gouvernement et les soldats."},
      {"Die Mission hat Bamako verlassen.", "La mission a quitté Bamako."},
  };
  return *kCorpus;
}

// The best translation of `source_word` in `lexicon`, as a key; "" when it has none.
std::string BestTranslation(const Lexicon& lexicon, absl::string_view source_word) {
  const auto* translations =
      lexicon.Translations(LexiconKey(source_word, lexicon.source_language()));
  return translations == nullptr || translations->empty() ? "" : translations->front().first;
}

TEST(IbmModel1Test, LearnsMissionToBiathaFromFrenchArabic) {
  IbmModel1Options options;
  options.iterations = 10;
  absl::StatusOr<Lexicon> lexicon = TrainIbmModel1(FrenchArabic(), "fr", "ar", options);
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(lexicon->source_language(), "fr");
  EXPECT_EQ(lexicon->target_language(), "ar");
  // Keys, not surface words: "بعثة" is looked up as LexiconKey("بعثة", "ar").
  EXPECT_EQ(BestTranslation(*lexicon, "mission"), LexiconKey("بعثة", "ar"));
  EXPECT_EQ(BestTranslation(*lexicon, "missions"), LexiconKey("بعثة", "ar"));
  EXPECT_EQ(BestTranslation(*lexicon, "Mali"), LexiconKey("مالي", "ar"));
  EXPECT_EQ(BestTranslation(*lexicon, "Conseil"), LexiconKey("مجلس", "ar"));
  EXPECT_EQ(BestTranslation(*lexicon, "soldats"), LexiconKey("جنود", "ar"));
  // Numbers are anchors of their own and never lexicon words.
  EXPECT_EQ(lexicon->Translations("2023"), nullptr);
}

TEST(IbmModel1Test, MissionsBestTranslationHasTheHighestProbability) {
  IbmModel1Options options;
  absl::StatusOr<IbmModel1> model = IbmModel1::Create(FrenchArabic(), "fr", "ar", options);
  ASSERT_THAT(model, IsOk());
  for (int i = 0; i < 10; ++i) ASSERT_THAT(model->Iterate(), IsOk());
  const std::string mission = LexiconKey("mission", "fr");
  const double best = model->Probability(mission, LexiconKey("بعثة", "ar"));
  EXPECT_GT(best, 0.5);
  for (const char* other : {"الأمم", "المتحدة", "في", "مالي", "حفظ", "السلام", "ولاية"}) {
    EXPECT_LT(model->Probability(mission, LexiconKey(other, "ar")), best) << other;
  }
  EXPECT_EQ(model->Probability(mission, "never-seen"), 0.0);
  EXPECT_EQ(model->Probability("never-seen", LexiconKey("بعثة", "ar")), 0.0);
}

TEST(IbmModel1Test, LearnsGermanFrench) {
  IbmModel1Options options;
  options.iterations = 10;
  absl::StatusOr<Lexicon> lexicon = TrainIbmModel1(GermanFrench(), "de", "fr", options);
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(BestTranslation(*lexicon, "Regierung"), LexiconKey("gouvernement", "fr"));
  EXPECT_EQ(BestTranslation(*lexicon, "Soldaten"), LexiconKey("soldats", "fr"));
  EXPECT_EQ(BestTranslation(*lexicon, "Mission"), LexiconKey("mission", "fr"));
  EXPECT_EQ(BestTranslation(*lexicon, "abgestimmt"), LexiconKey("voté", "fr"));
}

TEST(IbmModel1Test, MoreIterationsNeverLowerTheLikelihood) {
  for (const auto* corpus : {&FrenchArabic(), &GermanFrench()}) {
    absl::StatusOr<IbmModel1> model =
        IbmModel1::Create(*corpus, corpus == &FrenchArabic() ? "fr" : "de",
                          corpus == &FrenchArabic() ? "ar" : "fr", IbmModel1Options());
    ASSERT_THAT(model, IsOk());
    double previous = model->LogLikelihood();
    ASSERT_TRUE(std::isfinite(previous));
    ASSERT_LT(previous, 0.0);
    for (int i = 1; i <= 20; ++i) {
      ASSERT_THAT(model->Iterate(), IsOk());
      const double current = model->LogLikelihood();
      EXPECT_GE(current, previous - 1e-9) << "iteration " << i;
      if (i == 1) {
        EXPECT_GT(current, previous + 1e-6) << "the first iteration learns nothing";
      }
      previous = current;
    }
    EXPECT_EQ(model->iterations(), 20);
  }
}

TEST(IbmModel1Test, ProbabilitiesOfEachSourceWordSumToOne) {
  absl::StatusOr<IbmModel1> model =
      IbmModel1::Create(GermanFrench(), "de", "fr", IbmModel1Options());
  ASSERT_THAT(model, IsOk());
  ASSERT_THAT(model->Iterate(), IsOk());
  // Every French word that co-occurs with "Regierung" is in these sentences.
  absl::flat_hash_set<std::string> keys;
  for (const char* word :
       {"le", "gouvernement", "du", "mali", "a", "voté", "et", "les", "soldats"}) {
    keys.insert(LexiconKey(word, "fr"));  // "le" and "les" share a key
  }
  double sum = 0;
  for (const std::string& key : keys) sum += model->Probability(LexiconKey("Regierung", "de"), key);
  EXPECT_NEAR(sum, 1.0, 1e-9);
}

TEST(IbmModel1Test, CountsTheVocabulariesAndPairs) {
  const std::vector<SentencePair> corpus = {
      {"Le Mali, le Mali.", "مالي"},
      {"12 000", "١٢ ألف"},  // no source words: left out
      {"", "مالي"},          // idem
  };
  absl::StatusOr<IbmModel1> model = IbmModel1::Create(corpus, "fr", "ar", IbmModel1Options());
  ASSERT_THAT(model, IsOk());
  EXPECT_EQ(model->sentence_pairs(), 1u);
  EXPECT_EQ(model->source_vocabulary_size(), 2u);  // le, mali
  EXPECT_EQ(model->target_vocabulary_size(), 2u);  // مالي and ألف (from the pair left out)
  EXPECT_EQ(model->word_pairs(), 3u);              // (NULL, le, mali) x مالي
  EXPECT_EQ(model->cooccurrences(), 3u);
}

TEST(IbmModel1Test, LexiconKeepsOnlyProbableFrequentPairsBestFirst) {
  IbmModel1Options options;
  options.iterations = 10;
  options.min_probability = 0.2;
  options.max_translations = 1;
  options.min_count = 3;
  absl::StatusOr<Lexicon> lexicon = TrainIbmModel1(FrenchArabic(), "fr", "ar", options);
  ASSERT_THAT(lexicon, IsOk());
  ASSERT_FALSE(lexicon->empty());
  // "soldats" occurs in two pairs only: below min_count.
  EXPECT_EQ(lexicon->Translations(LexiconKey("soldats", "fr")), nullptr);
  absl::StatusOr<Lexicon> parsed = Lexicon::FromTsv(lexicon->ToTsv(), "fr", "ar");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->ToTsv(), lexicon->ToTsv());
  // One translation a word, each with a weight in [min_probability, 1].
  for (const char* word : {"mission", "Mali", "Conseil", "soldats", "la", "de"}) {
    const auto* translations = lexicon->Translations(LexiconKey(word, "fr"));
    if (translations == nullptr) continue;
    EXPECT_EQ(translations->size(), 1u) << word;
    EXPECT_GE(translations->front().second, 0.2) << word;
    EXPECT_LE(translations->front().second, 1.0) << word;
  }
  options.max_translations = 5;
  options.min_probability = 0.01;
  options.min_count = 1;
  absl::StatusOr<Lexicon> larger = TrainIbmModel1(FrenchArabic(), "fr", "ar", options);
  ASSERT_THAT(larger, IsOk());
  EXPECT_GT(larger->size(), lexicon->size());
  const auto* translations = larger->Translations(LexiconKey("mission", "fr"));
  ASSERT_NE(translations, nullptr);
  EXPECT_LE(translations->size(), 5u);
  for (size_t i = 1; i < translations->size(); ++i) {
    EXPECT_GE((*translations)[i - 1].second, (*translations)[i].second);
  }
}

TEST(IbmModel1Test, FrequentWordsAreLeftOutOfTheLexicon) {
  // 100 pairs: "de" / "من" in every one, "Mali" / "مالي" in 10.
  std::vector<SentencePair> corpus;
  for (int i = 0; i < 100; ++i) {
    corpus.push_back(i % 10 == 0 ? SentencePair{"le départ de Mali", "الرحيل من مالي"}
                                 : SentencePair{"le départ de Gao", "الرحيل من غاو"});
  }
  IbmModel1Options options;
  absl::StatusOr<Lexicon> filtered = TrainIbmModel1(corpus, "fr", "ar", options);
  ASSERT_THAT(filtered, IsOk());
  EXPECT_EQ(filtered->Translations(LexiconKey("de", "fr")), nullptr);
  EXPECT_EQ(filtered->Translations(LexiconKey("Gao", "fr")), nullptr);      // in 90 pairs
  EXPECT_EQ(BestTranslation(*filtered, "Mali"), LexiconKey("مالي", "ar"));  // in 10 pairs

  options.max_word_share = 1;
  absl::StatusOr<Lexicon> everything = TrainIbmModel1(corpus, "fr", "ar", options);
  ASSERT_THAT(everything, IsOk());
  EXPECT_NE(everything->Translations(LexiconKey("de", "fr")), nullptr);
  EXPECT_EQ(BestTranslation(*everything, "Gao"), LexiconKey("غاو", "ar"));
}

TEST(IbmModel1Test, SmallCorporaKeepTheirFrequentWords) {
  // "mission" is in 8 of the 17 pairs, far above 5 %, but in fewer than kMinFrequentWordPairs.
  ASSERT_LT(8, kMinFrequentWordPairs);
  absl::StatusOr<Lexicon> lexicon = TrainIbmModel1(FrenchArabic(), "fr", "ar", IbmModel1Options());
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(BestTranslation(*lexicon, "mission"), LexiconKey("بعثة", "ar"));
}

TEST(IbmModel1Test, TrainingIsDeterministic) {
  absl::StatusOr<Lexicon> first = TrainIbmModel1(FrenchArabic(), "fr", "ar", IbmModel1Options());
  absl::StatusOr<Lexicon> second = TrainIbmModel1(FrenchArabic(), "fr", "ar", IbmModel1Options());
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(first->ToTsv(), second->ToTsv());
}

TEST(IbmModel1Test, EmptyCorpusIsInvalidArgument) {
  EXPECT_THAT(TrainIbmModel1({}, "fr", "ar", IbmModel1Options()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("the corpus is empty")));
  EXPECT_THAT(TrainIbmModel1({{"2023", "2023"}, {"", "مالي"}, {"...", "؟"}}, "fr", "ar",
                             IbmModel1Options()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no sentence pair with words on both sides (3 pair(s) read)")));
}

TEST(IbmModel1Test, TooManyCooccurrencesIsResourceExhausted) {
  IbmModel1Options options;
  options.max_cooccurrences = 10;
  EXPECT_THAT(TrainIbmModel1(FrenchArabic(), "fr", "ar", options),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_cooccurrences")));
}

TEST(IbmModel1Test, PassedDeadlineStopsTraining) {
  const StopCondition stop(absl::Now() - absl::Seconds(1));
  EXPECT_THAT(TrainIbmModel1(FrenchArabic(), "fr", "ar", IbmModel1Options(), stop),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  absl::StatusOr<IbmModel1> model = IbmModel1::Create(FrenchArabic(), "fr", "ar", {});
  ASSERT_THAT(model, IsOk());
  const double before = model->LogLikelihood();
  const StopCondition cancelled(absl::InfiniteFuture(), [] { return true; });
  EXPECT_THAT(model->Iterate(cancelled), StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(model->LogLikelihood(), before);
  EXPECT_EQ(model->iterations(), 0);
}

struct BadOptionsCase {
  const char* name;
  void (*set)(IbmModel1Options&);
  const char* message;
};

void PrintTo(const BadOptionsCase& c, std::ostream* os) { *os << c.name; }

class IbmModel1OptionsTest : public ::testing::TestWithParam<BadOptionsCase> {};

TEST_P(IbmModel1OptionsTest, OutOfRangeIsInvalidArgumentNamingTheField) {
  IbmModel1Options options;
  GetParam().set(options);
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(GetParam().message)));
  EXPECT_THAT(TrainIbmModel1(FrenchArabic(), "fr", "ar", options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, IbmModel1OptionsTest,
    ::testing::Values(
        BadOptionsCase{"ZeroIterations", [](IbmModel1Options& o) { o.iterations = 0; },
                       "iterations must be between 1 and 1000, got 0"},
        BadOptionsCase{"TooManyIterations", [](IbmModel1Options& o) { o.iterations = 1001; },
                       "iterations must be between 1 and 1000, got 1001"},
        BadOptionsCase{"ZeroProbability", [](IbmModel1Options& o) { o.min_probability = 0; },
                       "min_probability must be in (0, 1], got 0"},
        BadOptionsCase{"ProbabilityAboveOne", [](IbmModel1Options& o) { o.min_probability = 1.5; },
                       "min_probability must be in (0, 1], got 1.5"},
        BadOptionsCase{"NanProbability", [](IbmModel1Options& o) { o.min_probability = NAN; },
                       "min_probability must be in (0, 1]"},
        BadOptionsCase{"ZeroTranslations", [](IbmModel1Options& o) { o.max_translations = 0; },
                       "max_translations must be at least 1, got 0"},
        BadOptionsCase{"ZeroCount", [](IbmModel1Options& o) { o.min_count = 0; },
                       "min_count must be at least 1, got 0"},
        BadOptionsCase{"ZeroWordShare", [](IbmModel1Options& o) { o.max_word_share = 0; },
                       "max_word_share must be in (0, 1], got 0"},
        BadOptionsCase{"ZeroCooccurrences", [](IbmModel1Options& o) { o.max_cooccurrences = 0; },
                       "max_cooccurrences must be between 1 and 4000000000, got 0"}),
    [](const ::testing::TestParamInfo<BadOptionsCase>& info) { return info.param.name; });

TEST(IbmModel1Test, DefaultOptionsAreValid) { EXPECT_THAT(IbmModel1Options().Validate(), IsOk()); }

}  // namespace
}  // namespace newsalign
