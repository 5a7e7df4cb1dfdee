// Tests of the dynamic programme (align/lattice.h): the banded and corridor searches against
// brute-force enumeration of every bead sequence, the posteriors of the beads (confidences and
// omission probabilities), and the bead priors every move of the search is priced with.
#include "align/lattice.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "align/aligner.h"
#include "align/band.h"
#include "align/bead_scorer.h"
#include "align/corridor.h"
#include "align/sentence_features.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;

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

// --- Searching a region that is widened when the path presses its edge. ---

// A run asked to stop at the edge (LatticeOptions::only_path_at_edge) returns the full run's
// edge rows and cost and no sums; one whose path runs clear of the edge returns what a run
// without the option returns.
// On two threads the costs are scored first and the backward sweeps run beside the forward
// one: a run that stops at the edge stops them before it hands its costs back, and every result
// is the one thread's.
TEST(RegionEdgeTest, PathPressingTheEdgeStopsBeforeTheSums) {
  std::mt19937 rng(7);
  AlignOptions options;
  const PairFeatures f = RandomFeatures(&rng, 24, 18, options);
  LengthStatistics length;
  for (const int half_width : {1, 25}) {
    const Band band(24, 18, half_width);
    LatticeOptions full;
    full.posterior_samples = 20;
    // As a widening search runs it: the costs are handed back for the next run.
    full.keep_costs = true;
    LatticeOptions stopping = full;
    stopping.only_path_at_edge = true;
    options.threads = 1;
    auto a = RunLattice(f, length, options, band, full, StopCondition());
    auto b = RunLattice(f, length, options, band, stopping, StopCondition());
    ASSERT_THAT(a, IsOk());
    ASSERT_THAT(b, IsOk());
    options.threads = 2;
    auto a2 = RunLattice(f, length, options, band, full, StopCondition());
    auto b2 = RunLattice(f, length, options, band, stopping, StopCondition());
    ASSERT_THAT(a2, IsOk());
    ASSERT_THAT(b2, IsOk());
    for (const auto& [one, two] : {std::pair{&*a, &*a2}, std::pair{&*b, &*b2}}) {
      EXPECT_EQ(one->stopped_at_edge, two->stopped_at_edge);
      EXPECT_EQ(one->edge_rows, two->edge_rows);
      EXPECT_EQ(one->best_cost, two->best_cost);
      EXPECT_EQ(one->log_partition, two->log_partition);
      ASSERT_EQ(one->beads.size(), two->beads.size());
      for (size_t k = 0; k < one->beads.size(); ++k) {
        EXPECT_EQ(one->beads[k].confidence, two->beads[k].confidence);
      }
      EXPECT_EQ(one->omission_probability, two->omission_probability);
      EXPECT_EQ(one->sampled_omissions, two->sampled_omissions);
      EXPECT_FALSE(two->costs.empty());
    }
    EXPECT_FALSE(a->stopped_at_edge);
    EXPECT_EQ(a->edge_rows, b->edge_rows);
    EXPECT_EQ(a->best_cost, b->best_cost);
    if (half_width == 1) {
      // Every cell of so narrow a band is near its edge.
      ASSERT_FALSE(a->edge_rows.empty());
      EXPECT_TRUE(b->stopped_at_edge);
      EXPECT_TRUE(b->beads.empty());
      EXPECT_TRUE(b->sampled_omissions.empty());
    } else {
      // The band holds every cell: no edge to press.
      EXPECT_TRUE(a->edge_rows.empty());
      EXPECT_FALSE(b->stopped_at_edge);
      ASSERT_EQ(a->beads.size(), b->beads.size());
      for (size_t k = 0; k < a->beads.size(); ++k) {
        EXPECT_EQ(a->beads[k].source, b->beads[k].source);
        EXPECT_EQ(a->beads[k].confidence, b->beads[k].confidence);
      }
      EXPECT_EQ(a->omission_probability, b->omission_probability);
      EXPECT_EQ(a->sampled_omissions, b->sampled_omissions);
    }
  }
}

// A band that cannot widen (the memory budget holds the first one, not the doubled one) is
// searched in full even though its path presses the edge: the result is the one the same band
// asked for explicitly gives, confidences and all.
TEST(RegionEdgeTest, BandThatCannotWidenIsSearchedInFull) {
  // The Arabic starts at the French sentence 45: the path runs along the first column for 45
  // rows, far outside a band of 32 around the diagonal.
  std::vector<std::string> fr, ar;
  for (int i = 0; i < 100; ++i) {
    fr.push_back(absl::StrCat("Le rapport numéro ", 1000 + i, " a été publié à Bamako."));
    ar.push_back(absl::StrCat("نشر التقرير رقم ", 1045 + i, " في باماكو."));
  }
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  AlignOptions options;
  options.second_pass = false;
  // The band around the diagonal (by default a document this long is searched in a corridor,
  // whose coarse path finds the opening at once: CorridorTest.FindsAnOmittedOpeningAtOnce).
  options.corridor_above = 1000;
  int64_t bytes = 0;
  for (const std::string& s : fr) bytes += s.size();
  for (const std::string& s : ar) bytes += s.size();
  auto widened = AlignSentences({"fr", a}, {"ar", b}, options);
  options.limits.max_memory_bytes = EstimateFeatureBytes(200, bytes) +
                                    EstimateSearchBytes(Band::CountCells(100, 100, 32), 15, false);
  auto held = AlignSentences({"fr", a}, {"ar", b}, options);
  options.limits.max_memory_bytes = 0;
  options.band = 32;
  auto explicit_band = AlignSentences({"fr", a}, {"ar", b}, options);
  ASSERT_THAT(widened, IsOk());
  ASSERT_THAT(held, IsOk());
  ASSERT_THAT(explicit_band, IsOk());
  auto render = [](const Alignment& alignment) {
    std::string out;
    for (const Bead& bead : alignment.beads) {
      absl::StrAppend(&out, "[", absl::StrJoin(bead.source, ","), "]:[",
                      absl::StrJoin(bead.target, ","), "] ", bead.confidence, "\n");
    }
    return out;
  };
  // Widening found the omitted opening: the band of 32 was pressed.
  EXPECT_NE(render(*widened), render(*held));
  EXPECT_EQ(render(*held), render(*explicit_band));
  double confidence = 0;
  for (const Bead& bead : held->beads) confidence += bead.confidence;
  EXPECT_GT(confidence, 1.0);
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

// --- The priors of the moves. ---

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
