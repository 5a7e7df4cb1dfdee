// Tests of the aligner: the banded dynamic programme against brute force, options, limits,
// posteriors, and alignments of real French and Arabic.
#include "alignment/aligner.h"

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "alignment/lattice.h"
#include "alignment/sentence_features.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// --- Differential test: the DP against enumeration of every bead sequence. ---

struct BruteForce {
  double best_cost = std::numeric_limits<double>::infinity();
  double log_partition = -std::numeric_limits<double>::infinity();
  std::vector<std::pair<int, int>> best_path;  // bead end points
};

BruteForce Enumerate(int n, int m, const std::vector<Move>& moves, const BeadScorer& scorer,
                     double temperature) {
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

class DynamicProgrammeTest : public ::testing::TestWithParam<int> {};

TEST_P(DynamicProgrammeTest, AgreesWithBruteForceOnRandomInputs) {
  const int max_bead = GetParam();
  std::mt19937 rng(1234 + max_bead);
  for (int trial = 0; trial < 40; ++trial) {
    std::uniform_int_distribution<int> size(0, 5);
    const int n = size(rng), m = size(rng);
    std::vector<std::string> fr, ar;
    for (int i = 0; i < n; ++i) fr.push_back(RandomSentence(&rng, false));
    for (int j = 0; j < m; ++j) ar.push_back(RandomSentence(&rng, true));
    std::vector<absl::string_view> fr_views(fr.begin(), fr.end()), ar_views(ar.begin(), ar.end());
    AlignOptions options;
    options.max_bead_sentences = max_bead;
    options.allow_omissions = true;
    const PairFeatures features = BuildPairFeatures(fr_views, "fr", ar_views, "ar", options.weights, {});
    LengthStatistics length{1.1, 4.0};
    // A band wider than the documents: the DP must then be exact.
    auto lattice = RunLattice(features, length, options, 10, options.weights.temperature,
                              StopCondition());
    ASSERT_THAT(lattice, IsOk());
    const BeadScorer scorer(features, length, options.weights);
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

INSTANTIATE_TEST_SUITE_P(BeadSets, DynamicProgrammeTest, ::testing::Values(1, 2, 3),
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

TEST(PosteriorTest, SumOverBeadsCoveringASentenceIsAtMostOne) {
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

// --- Options and limits. ---

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
        BadOption{"BeadTooLarge", [](AlignOptions* o) { o->max_bead_sentences = 4; },
                  "max_bead_sentences"},
        BadOption{"BeadZero", [](AlignOptions* o) { o->max_bead_sentences = 0; },
                  "max_bead_sentences"},
        BadOption{"NegativeBand", [](AlignOptions* o) { o->band = -1; }, "band"},
        BadOption{"NoCells", [](AlignOptions* o) { o->limits.max_dp_cells = 0; },
                  "max_dp_cells"},
        BadOption{"ZeroTemperature", [](AlignOptions* o) { o->weights.temperature = 0; },
                  "temperature"}),
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
  EXPECT_THAT(AlignSentences({"fr", a}, {"fr", a}, AlignOptions(), stop),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST(StopConditionTest, CancelledIsCancelled) {
  std::vector<std::string> fr(10, "Le Mali.");
  std::vector<absl::string_view> a(fr.begin(), fr.end());
  StopCondition stop(absl::InfiniteFuture(), [] { return true; });
  EXPECT_THAT(AlignSentences({"fr", a}, {"fr", a}, AlignOptions(), stop),
              StatusIs(absl::StatusCode::kCancelled));
}

}  // namespace
}  // namespace newsalign
