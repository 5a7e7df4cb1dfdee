// Tests of the aligner: the banded dynamic programme against brute force, options, limits,
// posteriors, and alignments of real French and Arabic.
#include "align/aligner.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "align/corridor.h"
#include "align/lattice.h"
#include "align/sentence_features.h"
#include "text/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// --- Differential test: the DP against enumeration of every bead sequence. ---

struct BruteForce {
  double best_cost = std::numeric_limits<double>::infinity();
  double log_partition = -std::numeric_limits<double>::infinity();
  std::vector<std::pair<int, int>> best_path;  // bead end points
};

// Every bead sequence joining (0, 0) to (n, m); with `region`, only those whose bead ends all
// lie inside it (what a banded or corridor search explores).
BruteForce Enumerate(int n, int m, const std::vector<Move>& moves, const BeadScorer& scorer,
                     double temperature, const Band* region = nullptr) {
  BruteForce result;
  std::vector<std::pair<int, int>> path;
  std::function<void(int, int, double)> walk = [&](int i, int j, double cost) {
    if (i == n && j == m) {
      if (cost < result.best_cost) {
        result.best_cost = cost;
        result.best_path = path;
      }
      const double x = -cost / temperature;
      const double y = result.log_partition;
      result.log_partition = y == -std::numeric_limits<double>::infinity()
                                 ? x
                                 : std::max(x, y) + std::log1p(std::exp(-std::fabs(x - y)));
      return;
    }
    for (const Move& mv : moves) {
      const int ni = i + mv.source, nj = j + mv.target;
      if (ni > n || nj > m) continue;
      if (region != nullptr && region->Index(ni, nj) < 0) continue;
      path.push_back({ni, nj});
      walk(ni, nj, cost + scorer.Cost(i, ni, j, nj));
      path.pop_back();
    }
  };
  walk(0, 0, 0);
  return result;
}

std::string RandomSentence(std::mt19937* rng, bool arabic) {
  static const char* kFrench[] = {"Le Mali", "a quitté", "la mission", "de l'ONU", "en 2024",
                                  "le 15 novembre", "à Bamako", "15 000 soldats", "?", "!",
                                  "selon le communiqué", "Russie"};
  static const char* kArabic[] = {"مالي", "غادرت", "البعثة", "الأمم المتحدة", "في 2024",
                                  "15 نوفمبر", "باماكو", "15 ألف جندي", "؟", "!",
                                  "حسب البيان", "روسيا"};
  std::uniform_int_distribution<int> words(1, 6), pick(0, 11);
  std::string s;
  for (int k = words(*rng); k > 0; --k) {
    if (!s.empty()) s += ' ';
    s += arabic ? kArabic[pick(*rng)] : kFrench[pick(*rng)];
  }
  return s + ".";
}

// The features of `n` random French and `m` random Arabic sentences, with `options`' weights.
PairFeatures RandomFeatures(std::mt19937* rng, int n, int m, const AlignOptions& options) {
  std::vector<std::string> fr, ar;
  for (int i = 0; i < n; ++i) fr.push_back(RandomSentence(rng, false));
  for (int j = 0; j < m; ++j) ar.push_back(RandomSentence(rng, true));
  std::vector<absl::string_view> fr_views(fr.begin(), fr.end()), ar_views(ar.begin(), ar.end());
  return BuildPairFeatures(fr_views, "fr", ar_views, "ar", options.weights, {});
}

class DynamicProgrammeTest : public ::testing::TestWithParam<int> {};

TEST_P(DynamicProgrammeTest, AgreesWithBruteForceOnRandomInputs) {
  const int max_bead = GetParam();
  std::mt19937 rng(1234 + max_bead);
  for (int trial = 0; trial < 40; ++trial) {
    std::uniform_int_distribution<int> size(0, max_bead >= 4 ? 6 : 5);
    const int n = size(rng), m = size(rng);
    AlignOptions options;
    options.max_bead_sentences = max_bead;
    options.allow_omissions = true;
    const PairFeatures features = RandomFeatures(&rng, n, m, options);
    LengthStatistics length{1.1, 4.0};
    // A band wider than the documents: the DP must then be exact.
    auto lattice = RunLattice(features, length, options, 10, options.weights.temperature,
                              StopCondition());
    ASSERT_THAT(lattice, IsOk());
    // Runs of one sentence only: every multi-sentence bead gathers its anchors afresh, which
    // checks the lattice's pre-merged runs as well.
    const BeadScorer scorer(features, length, options.weights, /*max_run=*/1);
    const BruteForce brute =
        Enumerate(n, m, MovesFor(options), scorer, options.weights.temperature);
    SCOPED_TRACE(::testing::Message() << "trial " << trial << " n=" << n << " m=" << m);
    EXPECT_NEAR(lattice->best_cost, brute.best_cost, 1e-9);
    EXPECT_NEAR(lattice->log_partition, brute.log_partition, 1e-9);
    // The path found costs what the best path costs.
    double path_cost = 0;
    int i = 0, j = 0;
    for (const Bead& b : lattice->beads) {
      EXPECT_GE(b.confidence, 0.0);
      EXPECT_LE(b.confidence, 1.0);
      const int ni = i + static_cast<int>(b.source.size());
      const int nj = j + static_cast<int>(b.target.size());
      path_cost += scorer.Cost(i, ni, j, nj);
      i = ni;
      j = nj;
    }
    EXPECT_EQ(i, n);
    EXPECT_EQ(j, m);
    EXPECT_NEAR(path_cost, brute.best_cost, 1e-9);
  }
}

// The search inside a region narrower than the documents (a band around the diagonal, or a
// corridor around a random path, as the corridor search builds them) is exact within it: the
// same best cost, partition function and best path as every bead sequence inside the region.
TEST_P(DynamicProgrammeTest, RegionSearchAgreesWithBruteForceInsideTheRegion) {
  const int max_bead = GetParam();
  std::mt19937 rng(4321 + max_bead);
  int narrower = 0;
  for (int trial = 0; trial < 40; ++trial) {
    std::uniform_int_distribution<int> size(1, max_bead >= 4 ? 7 : 6);
    const int n = size(rng), m = size(rng);
    AlignOptions options;
    options.max_bead_sentences = max_bead;
    options.allow_omissions = true;
    const PairFeatures features = RandomFeatures(&rng, n, m, options);
    LengthStatistics length{1.1, 4.0};
    // The diagonal band's rows must overlap for single-sentence steps: at least the slope wide
    // (as the aligner's own first band is).
    const int slope = (std::max(n, m) + std::min(n, m) - 1) / std::min(n, m);
    Band region(n, m, slope + trial % 3);
    if (trial % 2 == 1) {
      // A random staircase of 1-1, 1-0 and 0-1 steps, and a corridor one sentence either side.
      std::vector<Bead> path;
      int i = 0, j = 0;
      std::uniform_int_distribution<int> step(0, 2);
      while (i < n || j < m) {
        Bead bead;
        const int s = i == n ? 2 : j == m ? 1 : step(rng);
        if (s != 2) bead.source.push_back(i++);
        if (s != 1) bead.target.push_back(j++);
        path.push_back(bead);
      }
      region = CorridorAround(path, /*block=*/1, n, m, /*margin=*/1);
    }
    narrower += region.cells() < static_cast<int64_t>(n + 1) * (m + 1);
    LatticeOptions lattice_options;
    lattice_options.temperature = options.weights.temperature;
    auto lattice = RunLattice(features, length, options, region, lattice_options, StopCondition());
    ASSERT_THAT(lattice, IsOk());
    const BeadScorer scorer(features, length, options.weights, /*max_run=*/1);
    const BruteForce brute =
        Enumerate(n, m, MovesFor(options), scorer, options.weights.temperature, &region);
    SCOPED_TRACE(::testing::Message() << "trial " << trial << " n=" << n << " m=" << m);
    EXPECT_NEAR(lattice->best_cost, brute.best_cost, 1e-9);
    EXPECT_NEAR(lattice->log_partition, brute.log_partition, 1e-9);
    std::vector<std::pair<int, int>> ends;
    int i = 0, j = 0;
    for (const Bead& b : lattice->beads) {
      i += static_cast<int>(b.source.size());
      j += static_cast<int>(b.target.size());
      ends.push_back({i, j});
    }
    double brute_path_cost = 0;
    int bi = 0, bj = 0;
    for (const auto& [ni, nj] : brute.best_path) {
      brute_path_cost += scorer.Cost(bi, ni, bj, nj);
      bi = ni;
      bj = nj;
    }
    // The same path, unless two paths tie.
    if (ends != brute.best_path) {
      EXPECT_NEAR(brute_path_cost, lattice->best_cost, 1e-9);
    }
  }
  // Many regions leave cells out (every corridor but the smallest), so the restriction is
  // tested.
  EXPECT_GE(narrower, 15);
}

INSTANTIATE_TEST_SUITE_P(BeadSets, DynamicProgrammeTest, ::testing::Values(1, 2, 3, 4, 5),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "UpTo" + std::to_string(info.param);
                         });

TEST(DynamicProgrammeTest, NarrowBandStillConnectsUnequalDocuments) {
  std::vector<std::string> fr(30, "Le Mali a quitté la mission de l'ONU."), ar(5, "غادرت مالي.");
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  AlignOptions options;
  options.band = 4;
  auto result = AlignSentences({"fr", a}, {"ar", b}, options);
  ASSERT_THAT(result, IsOk());
  int sources = 0, targets = 0;
  for (const Bead& bead : result->beads) {
    sources += bead.source.size();
    targets += bead.target.size();
  }
  EXPECT_EQ(sources, 30);
  EXPECT_EQ(targets, 5);
}

// --- Posteriors. ---

// Every path covers each source sentence with exactly one bead, so the posteriors of the
// distinct beads holding a sentence sum to at most one. At one temperature for confidences
// and coverage, the path's bead holding sentence i and every 1-0 bead leaving i alone
// (Alignment::omission_probability[i]) are such beads.
TEST(PosteriorTest, SumOverBeadsCoveringASentenceIsAtMostOne) {
  // The third French sentence has no counterpart (the aligner is unsure where: the path pairs
  // it, and the fourth sentence is merged).
  const std::vector<std::string> fr = {
      "Le Mali a quitté la mission de l'ONU le 15 novembre 2024.",
      "La MINUSMA comptait 15 000 soldats.",
      "Le porte-parole du gouvernement malien, joint par téléphone dans la soirée, n'a pas "
      "souhaité commenter cette décision ni préciser le calendrier du départ des casques bleus.",
      "Le retrait inquiète les pays voisins, qui craignent une extension des violences.",
      "Le Niger et le Burkina Faso ont renforcé leurs frontières."};
  const std::vector<std::string> ar = {"غادرت مالي بعثة الأمم المتحدة في 15 نوفمبر 2024.",
                                       "كانت مينوسما تضم 15 ألف جندي.",
                                       "يقلق الانسحاب دول الجوار التي تخشى امتداد أعمال العنف.",
                                       "عززت النيجر وبوركينا فاسو حدودهما."};
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  AlignOptions options;
  options.weights.confidence_temperature = options.weights.coverage_temperature;
  auto result = AlignSentences({"fr", a}, {"ar", b}, options);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->omission_probability.size(), fr.size());
  int uncertain = 0;
  for (const Bead& bead : result->beads) {
    for (int i : bead.source) {
      const double omitted = result->omission_probability[i];
      if (bead.target.empty()) {
        // The path's own 1-0 bead is one of those summed in omission_probability[i].
        EXPECT_GE(omitted, bead.confidence - 1e-12) << i;
        EXPECT_LE(omitted, 1.0) << i;
      } else {
        EXPECT_LE(bead.confidence + omitted, 1.0 + 1e-9) << i;
      }
      uncertain += bead.confidence < 0.99 || (omitted > 0.01 && !bead.target.empty());
    }
  }
  // Not a trivial pass: some sentence's posterior is spread over several beads.
  EXPECT_GT(uncertain, 1);
  // The paths drawn from the same posterior leave each sentence alone about as often
  // (200 draws: a standard error of at most 0.035).
  ASSERT_EQ(result->sampled_omissions.size(), 200u);
  for (size_t i = 0; i < fr.size(); ++i) {
    int drawn = 0;
    for (const std::vector<int>& omitted : result->sampled_omissions) {
      drawn += std::count(omitted.begin(), omitted.end(), static_cast<int>(i));
    }
    EXPECT_NEAR(drawn / 200.0, result->omission_probability[i], 0.1) << i;
  }
}

TEST(PosteriorTest, PathBeadsOfACleanPairAreConfidentAndCarryTheirAnchors) {
  std::vector<std::string> fr = {"Le Mali a quitté la mission de l'ONU le 15 novembre 2024.",
                                 "La MINUSMA comptait 15 000 soldats.",
                                 "Le retrait inquiète les pays voisins."};
  std::vector<std::string> ar = {"غادرت مالي بعثة الأمم المتحدة في 15 نوفمبر 2024.",
                                 "كانت مينوسما تضم 15 ألف جندي.",
                                 "يقلق الانسحاب دول الجوار."};
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  auto result = AlignSentences({"fr", a}, {"ar", b}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->beads.size(), 3u);
  for (const Bead& bead : result->beads) {
    EXPECT_EQ(bead.source.size(), 1u);
    EXPECT_EQ(bead.target.size(), 1u);
    EXPECT_GT(bead.confidence, 0.5);
    EXPECT_LE(bead.confidence, 1.0);
  }
  // The numbers of the first two pairs were matched as anchors.
  auto has = [](const Bead& b, AnchorKind kind, const std::string& value) {
    for (const AnchorMatch& a : b.anchors) {
      if (a.kind == kind && a.value == value) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(result->beads[0], AnchorKind::kNumber, "2024"));
  EXPECT_TRUE(has(result->beads[0], AnchorKind::kDate, "month:11"));
  EXPECT_TRUE(has(result->beads[1], AnchorKind::kNumber, "15000"));
  EXPECT_TRUE(has(result->beads[1], AnchorKind::kName, "mnsm"));
}

TEST(AlignSentencesTest, EmptySidesGiveOnlyOmissionsOrAdditions) {
  std::vector<std::string> fr = {"Le Mali.", "La Russie."};
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  auto result = AlignSentences({"fr", a}, {"ar", {}}, AlignOptions());
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->beads.size(), 2u);
  EXPECT_TRUE(result->beads[0].target.empty());
  auto none = AlignSentences({"fr", {}}, {"ar", {}}, AlignOptions());
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->beads.empty());
}

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

// --- Word associations carried across the documents of a batch. ---

bool HasLexiconAnchor(const Bead& bead) {
  for (const AnchorMatch& a : bead.anchors) {
    if (a.kind == AnchorKind::kLexicon) return true;
  }
  return false;
}

TEST(BatchAssociationsTest, EarlierDocumentsTeachLaterOnes) {
  // Twelve sure pairs where "vaccin" and "اللقاح" always go together.
  std::vector<std::string> fr1, ar1;
  for (int k = 1; k <= 12; ++k) {
    fr1.push_back(absl::StrCat("La région ", k, " a reçu ", k * 100, " doses du vaccin."));
    ar1.push_back(absl::StrCat("تلقت المنطقة ", k, " عدد ", k * 100, " جرعة من اللقاح."));
  }
  // A short document: too few pairs to learn anything from alone.
  const std::vector<std::string> fr2 = {"Le vaccin arrive enfin.", "Les hôpitaux attendent."};
  const std::vector<std::string> ar2 = {"وصل اللقاح أخيرا.", "المستشفيات تنتظر."};
  std::vector<absl::string_view> a1(fr1.begin(), fr1.end()), b1(ar1.begin(), ar1.end());
  std::vector<absl::string_view> a2(fr2.begin(), fr2.end()), b2(ar2.begin(), ar2.end());

  AlignOptions alone;
  auto without = AlignSentences({"fr", a2}, {"ar", b2}, alone);
  ASSERT_THAT(without, IsOk());
  ASSERT_FALSE(without->beads.empty());
  EXPECT_FALSE(HasLexiconAnchor(without->beads[0]));

  AlignOptions batch;
  AlignResources resources;
  resources.batch_associations = std::make_shared<WordAssociations>();
  ASSERT_THAT(AlignSentences({"fr", a1}, {"ar", b1}, batch, resources), IsOk());
  EXPECT_EQ(resources.batch_associations->sentence_pairs(), 12);
  auto with = AlignSentences({"fr", a2}, {"ar", b2}, batch, resources);
  ASSERT_THAT(with, IsOk());
  ASSERT_FALSE(with->beads.empty());
  EXPECT_TRUE(HasLexiconAnchor(with->beads[0]));
}

TEST(WordAssociationsTest, StrongPairsNeedTwoSightingsAndDice) {
  WordAssociations counts;
  counts.AddSentencePair({"vaccin", "region"}, {"لقاح", "منطق"});
  counts.AddSentencePair({"vaccin", "dose"}, {"لقاح", "جرع"});
  counts.AddSentencePair({"dose"}, {"جرع"});
  const absl::flat_hash_set<std::string> fr = {"vaccin", "region", "dose"};
  const absl::flat_hash_set<std::string> ar = {"لقاح", "منطق", "جرع"};
  std::vector<std::string> found;
  for (const auto& a : counts.Strong(fr, ar, 0.6)) found.push_back(a.source + "=" + a.target);
  // region/منطق were seen together once only; vaccin/جرع have Dice 2*1/(2+2) = 0.5.
  EXPECT_THAT(found, ElementsAre("dose=جرع", "vaccin=لقاح"));
  // Counts from elsewhere add up: one more sighting makes region/منطق strong.
  WordAssociations more;
  more.AddSentencePair({"region"}, {"منطق"});
  found.clear();
  for (const auto& a : counts.Strong(fr, ar, 0.6, &more)) found.push_back(a.source + "=" + a.target);
  EXPECT_THAT(found, ElementsAre("dose=جرع", "region=منطق", "vaccin=لقاح"));
  // A word the document does not hold gives nothing.
  EXPECT_TRUE(counts.Strong({"vaccin"}, {"منطق"}, 0.6).empty());
}

// A pair seen only in `extra`, one seen only here and one seen in both: asking with `extra`
// equals asking the merged counts, and Merge keeps the order-independent result.
TEST(WordAssociationsTest, CountsFromElsewhereEqualMergedCounts) {
  WordAssociations here, elsewhere;
  here.AddSentencePair({"vaccin", "dose", "région"}, {"لقاح", "جرعة", "منطقة"});
  here.AddSentencePair({"vaccin"}, {"لقاح"});
  here.AddSentencePair({"dose"}, {"جرعة"});
  here.AddSentencePair({"hôpital"}, {"مستشفى"});
  elsewhere.AddSentencePair({"région", "hôpital"}, {"منطقة", "مستشفى"});
  elsewhere.AddSentencePair({"région"}, {"منطقة"});
  elsewhere.AddSentencePair({"santé"}, {"صحة"});
  elsewhere.AddSentencePair({"santé", "vaccin"}, {"صحة", "لقاح"});
  const absl::flat_hash_set<std::string> fr = {"vaccin", "dose", "région", "hôpital", "santé"};
  const absl::flat_hash_set<std::string> ar = {"لقاح", "جرعة", "منطقة", "مستشفى", "صحة"};
  auto render = [](const std::vector<WordAssociations::Association>& strong) {
    std::vector<std::string> out;
    for (const auto& a : strong) out.push_back(absl::StrCat(a.source, "=", a.target, " ", a.dice));
    return out;
  };
  WordAssociations merged = here;
  merged.Merge(elsewhere);
  EXPECT_EQ(merged.sentence_pairs(), 8);
  const std::vector<std::string> asked = render(here.Strong(fr, ar, 0.9, &elsewhere));
  EXPECT_EQ(asked, render(merged.Strong(fr, ar, 0.9)));
  // Dice 1 each: vaccin/لقاح and région/منطقة seen 3 times, always together; santé/صحة,
  // hôpital/مستشفى (once in each table) and dose/جرعة twice. Pairs seen together once
  // (vaccin/جرعة, région/مستشفى, ...) are not strong.
  EXPECT_THAT(asked, ElementsAre("dose=جرعة 1", "hôpital=مستشفى 1", "région=منطقة 1",
                                 "santé=صحة 1", "vaccin=لقاح 1"));
  // Without `elsewhere`, only the pairs seen twice here.
  EXPECT_THAT(render(here.Strong(fr, ar, 0.9)), ElementsAre("dose=جرعة 1", "vaccin=لقاح 1"));
}

// Past max_pairs, new word pairs are not counted, but the words and known pairs still are.
TEST(WordAssociationsTest, PairLimitKeepsCountingKnownPairs) {
  WordAssociations counts(/*max_pairs=*/1);
  counts.AddSentencePair({"vaccin"}, {"لقاح"});
  counts.AddSentencePair({"vaccin", "dose"}, {"لقاح", "جرعة"});
  counts.AddSentencePair({"dose"}, {"جرعة"});
  EXPECT_EQ(counts.word_pairs(), 1u);
  std::vector<std::string> found;
  for (const auto& a : counts.Strong({"vaccin", "dose"}, {"لقاح", "جرعة"}, 0.6)) {
    found.push_back(a.source + "=" + a.target);
  }
  EXPECT_THAT(found, ElementsAre("vaccin=لقاح"));
}

// --- Options and limits. ---

// Found by fuzz/align_request_fuzzer: without omissions, five sentences cannot pair with one in
// beads of at most two a side, and the lattice answered INTERNAL.
TEST(AlignerTest, NoPathWithoutOmissionsIsInvalidArgument) {
  AlignOptions options;
  options.allow_omissions = false;
  options.max_bead_sentences = 2;
  EXPECT_THAT(AlignSentences({"fr", {"Un.", "Deux.", "Trois.", "Quatre.", "Cinq."}},
                             {"ar", {"واحد."}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("allow omissions")));
}

struct BadOption {
  std::string name;
  std::function<void(AlignOptions*)> change;
  std::string field;
};

class OptionsValidationTest : public ::testing::TestWithParam<BadOption> {};

TEST_P(OptionsValidationTest, NamesTheFieldOutOfRange) {
  AlignOptions options;
  GetParam().change(&options);
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(GetParam().field)));
  EXPECT_THAT(AlignSentences({"fr", {}}, {"ar", {}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(GetParam().field)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, OptionsValidationTest,
    ::testing::Values(
        BadOption{"BeadTooLarge", [](AlignOptions* o) { o->max_bead_sentences = 6; },
                  "max_bead_sentences"},
        BadOption{"BeadZero", [](AlignOptions* o) { o->max_bead_sentences = 0; },
                  "max_bead_sentences"},
        BadOption{"NegativeBand", [](AlignOptions* o) { o->band = -1; }, "band"},
        BadOption{"NoCells", [](AlignOptions* o) { o->limits.max_dp_cells = 0; },
                  "max_dp_cells"},
        BadOption{"ZeroTemperature", [](AlignOptions* o) { o->weights.temperature = 0; },
                  "weights.temperature must be positive, got 0"},
        BadOption{"NotANumber",
                  [](AlignOptions* o) { o->weights.number_weight = std::nan(""); },
                  "weights.number_weight must be a finite number"},
        BadOption{"NegativeCap", [](AlignOptions* o) { o->weights.anchor_cap = -1; },
                  "weights.anchor_cap must be 0 or more, got -1"},
        BadOption{"VariancesCrossed", [](AlignOptions* o) { o->weights.variance_max = 1; },
                  "weights.variance_max must be at least variance_min (1.5), got 1"},
        BadOption{"DiceAboveOne", [](AlignOptions* o) { o->weights.association_min_dice = 2; },
                  "weights.association_min_dice must be between 0 and 1, got 2"}),
    [](const ::testing::TestParamInfo<BadOption>& info) { return info.param.name; });

TEST(AlignLimitsTest, TooManySentencesIsResourceExhausted) {
  std::vector<std::string> fr(11, "Le Mali.");
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  AlignOptions options;
  options.limits.max_sentences = 10;
  EXPECT_THAT(AlignSentences({"fr", a}, {"ar", a}, options),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_sentences")));
}

TEST(AlignLimitsTest, TooManyCellsIsResourceExhausted) {
  std::vector<std::string> fr(100, "Le Mali.");
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  AlignOptions options;
  options.limits.max_dp_cells = 500;
  EXPECT_THAT(AlignSentences({"fr", a}, {"ar", a}, options),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_dp_cells")));
}

TEST(StopConditionTest, PastDeadlineIsDeadlineExceeded) {
  std::vector<std::string> fr(2000, "Le Mali a quitté la mission de l'ONU le 15 novembre.");
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  StopCondition stop(absl::Now() - absl::Milliseconds(1));
  EXPECT_THAT(AlignSentences({"fr", a}, {"fr", a}, AlignOptions(), AlignResources(), stop),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST(StopConditionTest, CancelledIsCancelled) {
  std::vector<std::string> fr(10, "Le Mali.");
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  StopCondition stop(absl::InfiniteFuture(), [] { return true; });
  EXPECT_THAT(AlignSentences({"fr", a}, {"fr", a}, AlignOptions(), AlignResources(), stop),
              StatusIs(absl::StatusCode::kCancelled));
}

// The length model on real pairs: lengths in code points of French sentences and their
// Arabic translations from the sample article.
TEST(LengthModelTest, InitialRatioIsTheRatioOfTotals) {
  const std::vector<double> fr = {CountCodePoints("Le Mali a quitté l'ONU."),
                                  CountCodePoints("Il y a 15 000 soldats.")};
  const std::vector<double> ar = {CountCodePoints("غادرت مالي الأمم المتحدة."),
                                  CountCodePoints("هناك 15 ألف جندي.")};
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

TEST(BeadPriorTest, MirroredShapesShareOnePriorAndOmissionsTheirPrice) {
  EXPECT_EQ(PriorOf(1, 2), BeadPrior::k1_2);
  EXPECT_EQ(PriorOf(2, 1), BeadPrior::k1_2);
  EXPECT_EQ(PriorOf(3, 2), BeadPrior::k2_3);
  EXPECT_EQ(PriorOf(5, 1), BeadPrior::k1_5);
  EXPECT_EQ(PriorOf(1, 0), BeadPrior::kOmission);
  EXPECT_EQ(PriorOf(0, 1), BeadPrior::kOmission);
  ModelWeights w;
  EXPECT_EQ(w.*PriorWeight(BeadPrior::k2_3), w.prior_2_3);
  EXPECT_EQ(w.*PriorWeight(BeadPrior::kOmission), w.omission_fixed);
  // Every move's shape has a prior of its own kind, and the scorer prices it so.
  AlignOptions options;
  for (const Move& move : MovesFor(options)) {
    if (move.source == 0 || move.target == 0) continue;
    ModelWeights changed = w;
    changed.*PriorWeight(PriorOf(move.source, move.target)) += 1;
    std::mt19937 rng(7);
    const PairFeatures f = RandomFeatures(&rng, 6, 6, options);
    const LengthStatistics length{1.0, 6.0};
    const double before = BeadScorer(f, length, w).Cost(0, move.source, 0, move.target);
    const double after = BeadScorer(f, length, changed).Cost(0, move.source, 0, move.target);
    EXPECT_DOUBLE_EQ(after - before, 1.0) << move.source << "-" << move.target;
  }
}

}  // namespace
}  // namespace newsalign
