// Tests of how beads are priced (align/bead_scorer.h, align/length_model.h), on real French and
// Arabic: large beads (one sentence against four), noise lines left out rather than merged, the
// cap on the penalty of unmatched anchors, the price of a sentence merged in silently, and the
// length model.
#include "align/bead_scorer.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "align/aligner.h"
#include "align/length_model.h"
#include "align/sentence_features.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

// --- Large beads, noise lines and the penalty cap. ---

// Source sentence 1 is translated by four Arabic sentences.
const std::vector<std::string> kSplitFr = {
    "Le Mali a demandé le départ de la mission de l'ONU en juin 2023.",
    "Créée en 2013 par le Conseil de sécurité, la MINUSMA a compté jusqu'à 15 000 soldats, "
    "venus notamment du Tchad, du Niger et du Burkina Faso, et elle a perdu plus de 300 "
    "Casques bleus en dix ans, avant de quitter Bamako en décembre 2023.",
    "Le retrait inquiète les pays voisins.",
};
const std::vector<std::string> kSplitAr = {
    "طلبت مالي رحيل بعثة الأمم المتحدة في يونيو 2023.",
    "أنشأ مجلس الأمن بعثة مينوسما عام 2013.",
    "ضمت البعثة ما يصل إلى 15 ألف جندي.",
    "جاء كثير منهم من تشاد والنيجر وبوركينا فاسو.",
    "فقدت البعثة أكثر من 300 من جنود حفظ السلام في عشر سنوات قبل مغادرة باماكو في ديسمبر 2023.",
    "يقلق الانسحاب دول الجوار.",
};

std::vector<std::pair<std::vector<int>, std::vector<int>>> Shapes(const Alignment& alignment) {
  std::vector<std::pair<std::vector<int>, std::vector<int>>> out;
  for (const Bead& b : alignment.beads) out.push_back({b.source, b.target});
  return out;
}

TEST(LargeBeadTest, OneSentenceSplitInFourIsOneBead) {
  std::vector<absl::string_view> a(kSplitFr.begin(), kSplitFr.end());
  std::vector<absl::string_view> b(kSplitAr.begin(), kSplitAr.end());
  using Shape = std::pair<std::vector<int>, std::vector<int>>;
  auto result = AlignSentences({"fr", a}, {"ar", b}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Shapes(*result), ElementsAre(Shape{{0}, {0}}, Shape{{1}, {1, 2, 3, 4}},
                                           Shape{{2}, {5}}));
  // Up to three sentences a side, the same pair cannot be found whole.
  AlignOptions three;
  three.max_bead_sentences = 3;
  auto limited = AlignSentences({"fr", a}, {"ar", b}, three);
  ASSERT_THAT(limited, IsOk());
  EXPECT_THAT(Shapes(*limited), ::testing::Not(::testing::Contains(Shape{{1}, {1, 2, 3, 4}})));
}

TEST(LargeBeadTest, FourSentencesJoinedInOneAreOneBead) {
  // The same pair the other way round: 4-1.
  std::vector<absl::string_view> a(kSplitAr.begin(), kSplitAr.end());
  std::vector<absl::string_view> b(kSplitFr.begin(), kSplitFr.end());
  using Shape = std::pair<std::vector<int>, std::vector<int>>;
  auto result = AlignSentences({"ar", a}, {"fr", b}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Shapes(*result), ElementsAre(Shape{{0}, {0}}, Shape{{1, 2, 3, 4}, {1}},
                                           Shape{{5}, {2}}));
}

TEST(NoiseLineTest, LineWithoutWordsIsLeftOutNotMerged) {
  // OCR debris between two sentences of the French side.
  const std::vector<std::string> fr = {
      "Le Mali a demandé le départ de la mission de l'ONU en juin 2023.", ". . . . .",
      "Le retrait inquiète les pays voisins.", "La Russie a salué la décision de Bamako."};
  const std::vector<std::string> ar = {"طلبت مالي رحيل بعثة الأمم المتحدة في يونيو 2023.",
                                       "يقلق الانسحاب دول الجوار.",
                                       "رحبت روسيا بقرار باماكو."};
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  using Shape = std::pair<std::vector<int>, std::vector<int>>;
  auto result = AlignSentences({"fr", a}, {"ar", b}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Shapes(*result), ElementsAre(Shape{{0}, {0}}, Shape{{1}, {}}, Shape{{2}, {1}},
                                           Shape{{3}, {2}}));
  // Priced like any other omission, the debris is glued to a neighbour instead.
  AlignOptions plain;
  plain.weights.noise_omission = plain.weights.omission_fixed;
  auto glued = AlignSentences({"fr", a}, {"ar", b}, plain);
  ASSERT_THAT(glued, IsOk());
  EXPECT_THAT(Shapes(*glued), ::testing::Not(::testing::Contains(Shape{{1}, {}})));
}

TEST(NoiseLineTest, NumbersAndShortWordsAreNotNoise) {
  const std::vector<std::string> fr = {". . .", "2023", "Oui.", "a b c", "- _-"};
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  const PairFeatures f = BuildPairFeatures(a, "fr", a, "fr", ModelWeights(), {});
  EXPECT_THAT(f.source.noise, ElementsAre(true, false, false, true, true));
}

TEST(PenaltyCapTest, UnmatchedAnchorsCostAtMostTheCap) {
  // The numbers of French sentence 0 are all in Arabic sentence 1: the bead (0, 0) leaves six
  // of them unmatched.
  const std::vector<std::string> fr = {"Les bilans : 10, 20, 30, 40, 50 et 60 morts.",
                                       "Rien n'a changé."};
  const std::vector<std::string> ar = {"لم يتغير شيء.", "الحصيلة: 10 و20 و30 و40 و50 و60 قتيلا."};
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  ModelWeights capped;
  ModelWeights uncapped;
  uncapped.penalty_cap = std::numeric_limits<double>::infinity();
  const PairFeatures f = BuildPairFeatures(a, "fr", b, "ar", capped, {});
  const LengthStatistics length{1.0, 6.0};
  const double with_cap = BeadScorer(f, length, capped).Cost(0, 1, 0, 1);
  const double without_cap = BeadScorer(f, length, uncapped).Cost(0, 1, 0, 1);
  const double z = BeadScorer(f, length, capped).Deviation(f.source.length[0], f.target.length[0]);
  const double length_cost = capped.length_weight * std::sqrt(2.0) * std::fabs(z);
  EXPECT_GT(without_cap - with_cap, 20.0);
  EXPECT_NEAR(with_cap, capped.prior_1_1 + length_cost + capped.penalty_cap, 1e-9);
}

TEST(SilentSentenceTest, MergedSentenceWithoutItsOwnEvidencePays) {
  // Arabic sentence 0 translates French sentence 0 only; "Russie" is in Arabic sentence 1.
  const std::vector<std::string> fr = {"Le Mali a quitté la MINUSMA en 2023.",
                                       "La Russie a salué la décision."};
  const std::vector<std::string> ar = {"غادرت مالي بعثة مينوسما عام 2023.", "رحبت روسيا بالقرار."};
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  ModelWeights with;
  ModelWeights without;
  without.silent_sentence_penalty = 0;
  const PairFeatures f = BuildPairFeatures(a, "fr", b, "ar", with, {});
  const LengthStatistics length{1.0, 6.0};
  // 2-1: French sentence 1 finds nothing of its own in Arabic sentence 0.
  EXPECT_NEAR(BeadScorer(f, length, with).Cost(0, 2, 0, 1) -
                  BeadScorer(f, length, without).Cost(0, 2, 0, 1),
              with.silent_sentence_penalty, 1e-9);
  // 1-1 beads have no merged side: no penalty.
  EXPECT_NEAR(BeadScorer(f, length, with).Cost(0, 1, 0, 1),
              BeadScorer(f, length, without).Cost(0, 1, 0, 1), 1e-9);
  // 2-2: each sentence finds some evidence of its own, and pays less than a silent one.
  const double penalty_2_2 = BeadScorer(f, length, with).Cost(0, 2, 0, 2) -
                             BeadScorer(f, length, without).Cost(0, 2, 0, 2);
  EXPECT_GE(penalty_2_2, 0.0);
  EXPECT_LT(penalty_2_2, 2 * with.silent_sentence_penalty);
}

TEST(SilentSentenceTest, DroppedSentenceIsAnOmissionNotAMerge) {
  // TICO-19 (CC0), 08_Wikinews_2: the Arabic leaves out French sentence 3.
  const std::vector<std::string> fr = {
      "La National Basketball Association suspend la saison en raison du COVID-19",
      "Mercredi, la National Basketball Association (NBA) des États-Unis a suspendu sa saison de "
      "basket professionnel en raison des inquiétudes liées au COVID-19.",
      "La décision de la NBA a fait suite au dépistage positif au virus COVID-19 d’un joueur des "
      "Utah Jazz.",
      "La NBA n’a pas révélé l’identité du joueur en question dans son annonce.",
      "Ils ont en revanche déclaré qu’il n’était pas présent au Chesapeake Energy Arena "
      "d’Oklahoma City, où les Utah Jazz devaient jouer contre les Oklahoma City Thunder.",
      "Selon son communiqué de presse, la NBA « suspend les matchs suite à la conclusion du "
      "calendrier des matchs [de mercredi] jusqu’à nouvel ordre. »"};
  const std::vector<std::string> ar = {
      "يُعلِّق الاتحاد الوطني لكرة السلة الموسم بسبب مخاوف متعلقة بمرض كوفيد-19",
      "علق الاتحاد الوطني لكرة السلة (NBA) في الولايات المتحدة يوم الأربعاء موسم كرة السلة "
      "الاحترافي بسبب مخاوف تتعلق بمرض كوفيد-19.",
      "جاء قرار الاتحاد الوطني لكرة السلة عقب ثبوت إصابة لاعب نادي يوتا جاز بالفيروس المُسبِّب "
      "لمرض كوفيد-19.",
      "ذكروا أنه لم يكن موجودًا في ساحة تشيسابيك إنرجي أرينا في مدينة أوكلاهوما سيتي؛ حيث كان "
      "مقررًا أن يلعب نادي يوتا جاز ضد نادي أوكلاهوما سيتي ثاندر.",
      "حسب البيان الصحفي للاتحاد الوطني لكرة السلة، \"تم تعليق المباريات بعد انتهاء جدول "
      "مباريات [الأربعاء] حتى إشعار آخر\"."};
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  using Shape = std::pair<std::vector<int>, std::vector<int>>;
  auto result = AlignSentences({"fr", a}, {"ar", b}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Shapes(*result), Contains(Shape{{3}, {}}));
  AlignOptions without;
  without.weights.silent_sentence_penalty = 0;
  auto glued = AlignSentences({"fr", a}, {"ar", b}, without);
  ASSERT_THAT(glued, IsOk());
  EXPECT_THAT(Shapes(*glued), Not(Contains(Shape{{3}, {}})));
}

// The length model on real pairs: lengths in code points of French sentences and their
// Arabic translations from the sample article.
TEST(LengthModelTest, InitialRatioIsTheRatioOfTotals) {
  const std::vector<double> fr = {static_cast<double>(CountCodePoints("Le Mali a quitté l'ONU.")),
                                  static_cast<double>(CountCodePoints("Il y a 15 000 soldats."))};
  const std::vector<double> ar = {
      static_cast<double>(CountCodePoints("غادرت مالي الأمم المتحدة.")),
      static_cast<double>(CountCodePoints("هناك 15 ألف جندي."))};
  ModelWeights w;
  const LengthStatistics s = InitialLengthStatistics(fr, ar, w);
  EXPECT_DOUBLE_EQ(s.ratio, (ar[0] + ar[1]) / (fr[0] + fr[1]));
  EXPECT_EQ(s.variance, w.variance_initial);
  EXPECT_EQ(InitialLengthStatistics(fr, {}, w).ratio, 1.0);
}

TEST(LengthModelTest, DeviationIsInStandardUnitsOfTheMeanLength) {
  const LengthStatistics s{0.9, 4.0};
  // 100 source, 110 target: mean (90 + 110) / 2 = 100, deviation 20 / sqrt(400) = 1.
  EXPECT_DOUBLE_EQ(LengthDeviation(s, 100, 110), 1.0);
  // 100 source, 70 target: mean (90 + 70) / 2 = 80, deviation -20 / sqrt(4 * 80).
  EXPECT_DOUBLE_EQ(LengthDeviation(s, 100, 70), -20 / std::sqrt(320.0));
  // Two empty sides: the mean is at least 1.
  EXPECT_DOUBLE_EQ(LengthDeviation(s, 0, 0), 0.0);
  EXPECT_NEAR(LengthScore(1.0), 0.3173, 1e-4);
  ModelWeights w;
  w.length_weight = 2;
  EXPECT_DOUBLE_EQ(LengthCost(w, -1.0), 2 * std::sqrt(2.0));
}

TEST(LengthModelTest, EstimateNeedsEightPairsAndClampsTheVariance) {
  ModelWeights w;
  const LengthStatistics fallback{1.2, 7.0};
  std::vector<std::pair<double, double>> pairs(7, {100.0, 90.0});
  EXPECT_EQ(EstimateLengthStatistics(pairs, fallback, w).ratio, 1.2);
  pairs.push_back({100.0, 90.0});
  LengthStatistics s = EstimateLengthStatistics(pairs, fallback, w);
  EXPECT_DOUBLE_EQ(s.ratio, 0.9);
  EXPECT_EQ(s.variance, w.variance_min);  // no spread at all
  // Spread far beyond the cap.
  for (size_t k = 0; k < pairs.size(); ++k) pairs[k].second = k % 2 ? 10 : 170;
  s = EstimateLengthStatistics(pairs, fallback, w);
  EXPECT_EQ(s.variance, w.variance_max);
}

}  // namespace
}  // namespace newsalign
