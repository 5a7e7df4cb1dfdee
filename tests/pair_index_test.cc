// BeadScorer's pair index (alignment/align/pair_index.cc): every bead inside the search region
// costs what merging its sentences' anchor lists gives, the index built on two threads is the
// index built on one, and the costs of a cell's beads scored together are each bead's.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "align/aligner.h"
#include "align/band.h"
#include "align/bead_scorer.h"
#include "align/sentence_features.h"
#include "base/stop_condition.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/eval_data.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;
using ::newsalign::testing::IsOk;
using ::newsalign::testing::Lines;
using ::newsalign::testing::LoadLexicon;
using ::newsalign::testing::Views;

// The French documents of an eval set, in name order.
std::vector<fs::path> FrenchDocuments(const fs::path& set) {
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(set / "fr")) docs.push_back(entry.path());
  std::sort(docs.begin(), docs.end());
  return docs;
}

// A length model near the eval's (fr -> ar), fixed so that the costs compared are the same.
LengthStatistics FixedLength() {
  LengthStatistics length;
  length.ratio = 1.1;
  length.variance = 6.5;
  return length;
}

// Calls visit(i0, i1, j0, j1) for every bead of `options`' shapes inside `band` that ends in a
// row `row` accepts.
template <typename RowFilter, typename Visit>
void ForEachBead(const Band& band, const AlignOptions& options, RowFilter row, Visit visit) {
  const int n = band.rows() - 1;
  for (const Move& move : MovesFor(options)) {
    for (int i = move.source; i <= n; ++i) {
      if (!row(i)) continue;
      for (int j = std::max(band.lo(i), move.target); j <= band.hi(i); ++j) {
        const int pi = i - move.source, pj = j - move.target;
        if (band.Index(pi, pj) >= 0) visit(pi, i, pj, j);
      }
    }
  }
}

// The pair index gives every bead inside the region the cost the anchor lists give.
TEST(BeadScorerTest, IndexedCostEqualsMergedCostOnRealDocuments) {
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "tico19_fr_ar_perturbed";
  const std::vector<fs::path> docs = FrenchDocuments(dir);
  ASSERT_GE(docs.size(), 3u);
  const auto lexicon = LoadLexicon("fr-ar", "fr", "ar");
  ASSERT_NE(lexicon, nullptr);
  int beads = 0, with_evidence = 0;
  for (size_t d = 0; d < 3; ++d) {
    const std::vector<std::string> fr = Lines(docs[d]);
    const std::vector<std::string> ar = Lines(dir / "ar" / docs[d].filename());
    AlignOptions options;
    const PairFeatures f =
        BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", options.weights, {}, lexicon.get());
    const int n = static_cast<int>(fr.size()), m = static_cast<int>(ar.size());
    const Band band(n, m, 12);
    const BeadScorer indexed(f, FixedLength(), options.weights, 5, &band);
    const BeadScorer merged(f, FixedLength(), options.weights, 5);
    ForEachBead(band, options, [](int) { return true; }, [&](int pi, int i, int pj, int j) {
      std::vector<uint32_t> by_index, by_merge;
      double anchor_index = 0, anchor_merge = 0;
      const double cost = indexed.Cost(pi, i, pj, j, nullptr, &anchor_index, &by_index);
      EXPECT_NEAR(cost, merged.CostByMerge(pi, i, pj, j), 1e-9)
          << docs[d].filename() << " [" << pi << "," << i << ")x[" << pj << "," << j << ")";
      merged.Cost(pi, i, pj, j, nullptr, &anchor_merge, &by_merge);
      EXPECT_EQ(by_index, by_merge);
      EXPECT_DOUBLE_EQ(anchor_index, anchor_merge);
      ++beads;
      with_evidence += !by_index.empty();
    });
  }
  EXPECT_GT(beads, 10000);
  EXPECT_GT(with_evidence, beads / 10);
}

// A long document's pair index is built on two threads when the scorer is given them: every
// bead costs exactly what it costs from the index built on one, and matches the same anchors.
TEST(BeadScorerTest, PairIndexBuiltOnTwoThreadsIsTheSame) {
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "tico19_fr_ar";
  // Every document end to end: about 2,400 sentences a side, past the size that uses a thread.
  std::vector<std::string> fr, ar;
  for (const fs::path& doc : FrenchDocuments(dir)) {
    for (std::string& line : Lines(doc)) fr.push_back(std::move(line));
    for (std::string& line : Lines(dir / "ar" / doc.filename())) ar.push_back(std::move(line));
  }
  ASSERT_GT(fr.size(), 2000u);
  const auto lexicon = LoadLexicon("fr-ar", "fr", "ar");
  ASSERT_NE(lexicon, nullptr);
  AlignOptions options;
  const PairFeatures f =
      BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", options.weights, {}, lexicon.get());
  const int n = static_cast<int>(fr.size()), m = static_cast<int>(ar.size());
  const Band band(n, m, 24);
  const StopCondition stop;
  const BeadScorer one(f, FixedLength(), options.weights, 5, &band, &stop, 1);
  const BeadScorer two(f, FixedLength(), options.weights, 5, &band, &stop, 2);
  ASSERT_THAT(two.status(), IsOk());
  int beads = 0, with_evidence = 0;
  // Every row around the middle, where the second thread's rows begin; every 5th elsewhere.
  auto rows = [n](int i) { return std::abs(i - n / 2) <= 40 || i % 5 == 0; };
  ForEachBead(band, options, rows, [&](int pi, int i, int pj, int j) {
    std::vector<uint32_t> matched_one, matched_two;
    const double cost_one = one.Cost(pi, i, pj, j, nullptr, nullptr, &matched_one);
    const double cost_two = two.Cost(pi, i, pj, j, nullptr, nullptr, &matched_two);
    EXPECT_EQ(cost_one, cost_two) << "[" << pi << "," << i << ")x[" << pj << "," << j << ")";
    EXPECT_EQ(matched_one, matched_two);
    ++beads;
    with_evidence += !matched_one.empty();
  });
  EXPECT_GT(beads, 100000);
  EXPECT_GT(with_evidence, beads / 10);
}

// The vocabulary keeps weights and penalties on a grid of 2^-32, where sums are exact: the same
// in any order. CostsEndingAt adds a bead's evidence one sentence pair at a time, Cost() anchor
// by anchor; off the grid, 0.1 + 0.2 + 0.3 already differs from 0.3 + 0.2 + 0.1.
TEST(AnchorVocabularyTest, WeightsAndPenaltiesLieOnAGridWhereSumsAreExact) {
  AnchorVocabulary vocabulary;
  const double given[] = {0.1, 0.2, 0.3, 5.32, 1.862, 0.4 * 0.731};
  for (const double w : given) vocabulary.Add(AnchorKind::kLexicon, "x", w, w / 3);
  ASSERT_NE((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3));
  for (size_t k = 0; k < std::size(given); ++k) {
    for (const double kept : {vocabulary.weight[k], vocabulary.penalty[k]}) {
      const double scaled = std::ldexp(kept, 32);
      EXPECT_EQ(scaled, std::nearbyint(scaled)) << k;
    }
    EXPECT_NEAR(vocabulary.weight[k], given[k], 1.2e-10);
    EXPECT_NEAR(vocabulary.penalty[k], given[k] / 3, 1.2e-10);
  }
  for (const std::vector<double>* values : {&vocabulary.weight, &vocabulary.penalty}) {
    const std::vector<double>& v = *values;
    double forward = 0, backward = 0;
    for (size_t k = 0; k < v.size(); ++k) forward += v[k];
    for (size_t k = v.size(); k-- > 0;) backward += v[k];
    EXPECT_EQ(forward, backward);
    EXPECT_EQ((v[0] + v[1]) + v[2], v[0] + (v[1] + v[2]));
  }
}

// CostsEndingAt gives each bead ending at a cell what Cost() gives, to the last bit: inside the
// pair index (the beads share their pairs' matches), at its edge and outside it (Cost() merges
// the lists), with every move asked for or every other one, and with both ways of pricing a
// silent sentence.
TEST(BeadScorerTest, CostsEndingAtACellEqualCostOfEachBead) {
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "tico19_fr_ar_perturbed";
  const std::vector<fs::path> docs = FrenchDocuments(dir);
  ASSERT_GE(docs.size(), 3u);
  const auto lexicon = LoadLexicon("fr-ar", "fr", "ar");
  ASSERT_NE(lexicon, nullptr);
  int compared = 0, with_anchors = 0, merges_with_anchors = 0;
  for (size_t d = 0; d < 3; ++d) {
    const std::vector<std::string> fr = Lines(docs[d]);
    const std::vector<std::string> ar = Lines(dir / "ar" / docs[d].filename());
    AlignOptions options;
    if (d == 2) options.weights.silent_sentence_threshold = 0;
    const PairFeatures f =
        BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", options.weights, {}, lexicon.get());
    const int n = static_cast<int>(fr.size()), m = static_cast<int>(ar.size());
    // The cells visited reach 20 past the region's edge.
    const Band band(n, m, 8);
    const BeadScorer scorer(f, FixedLength(), options.weights, 5, &band);
    const std::vector<Move> moves = MovesFor(options);
    const uint32_t every = (uint32_t{1} << moves.size()) - 1;
    BeadScorer::CellScratch scratch;
    for (int i = 0; i <= n; ++i) {
      for (int j = std::max(0, i - 28); j <= std::min(m, i + 28); ++j) {
        uint32_t inside = 0;
        for (size_t k = 0; k < moves.size(); ++k) {
          if (moves[k].source <= i && moves[k].target <= j && (i > 0 || j > 0)) {
            inside |= uint32_t{1} << k;
          }
        }
        for (const uint32_t asked : {every, 0x5555u, 0xAAAAu}) {
          const uint32_t wanted = inside & asked;
          double costs[16];
          std::fill(std::begin(costs), std::end(costs), -1.0);
          scorer.CostsEndingAt(i, j, moves, wanted, costs, &scratch);
          for (size_t k = 0; k < moves.size(); ++k) {
            if (!(wanted & (uint32_t{1} << k))) {
              EXPECT_EQ(costs[k], -1.0) << "move " << k << " was not asked for";
              continue;
            }
            const int pi = i - moves[k].source, pj = j - moves[k].target;
            double anchor_score = 0;
            const double cost = scorer.Cost(pi, i, pj, j, nullptr, &anchor_score);
            EXPECT_EQ(costs[k], cost) << docs[d].filename() << " [" << pi << "," << i << ")x["
                                      << pj << "," << j << ")";
            ++compared;
            with_anchors += anchor_score > 0;
            merges_with_anchors += anchor_score > 0 && i - pi + j - pj > 2;
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 50000);
  EXPECT_GT(with_anchors, compared / 10);
  EXPECT_GT(merges_with_anchors, compared / 20);
}

// A bead with one sentence on a side (1-L, L-1) is scored from its pairs' matches alone: an
// anchor the lone sentence holds several times is matched as often as the other side holds it,
// up to the lone sentence's count, and each sentence of the other side finds it min(its count,
// the lone sentence's) times. Numbers repeated on both sides, in both directions, against
// Cost().
TEST(BeadScorerTest, BeadsOfOneSentenceCountRepeatedAnchorsAsCostDoes) {
  const std::vector<std::string> fr = {
      "Les 12 soldats et les 12 policiers blessés le 12 mars sont rentrés à Bamako.",
      "L'armée a annoncé 3 morts.",
      "Selon la MINUSMA, 12 d'entre eux ont été soignés à Gao.",
      "Le convoi a quitté Kidal fin mars.",
      "Le 12 mars, 3 camions et 3 blindés ont quitté Gao.",
  };
  const std::vector<std::string> ar = {
      "عاد 12 جنديا إلى باماكو.",
      "وعاد 12 شرطيا أصيبوا في 12 مارس.",
      "وأعلن الجيش سقوط 3 قتلى، وقالت البعثة إن 12 منهم عولجوا في غاو.",
      "غادرت القافلة كيدال في مارس، ثم عادت إليها في آخر مارس.",
      "وفي 12 مارس غادرت 3 شاحنات و3 مدرعات غاو.",
  };
  const auto lexicon = LoadLexicon("fr-ar", "fr", "ar");
  ASSERT_NE(lexicon, nullptr);
  for (const double threshold : {0.0, AlignOptions().weights.silent_sentence_threshold}) {
    AlignOptions options;
    options.weights.silent_sentence_threshold = threshold;
    for (const bool swapped : {false, true}) {
      // Arabic as the source too: the lone sentence then holds the Arabic side's counts.
      const PairFeatures f =
          swapped ? BuildPairFeatures(Views(ar), "ar", Views(fr), "fr", options.weights, {},
                                      lexicon.get())
                  : BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", options.weights, {},
                                      lexicon.get());
      const int n = 5, m = 5;
      const Band band(n, m, 6);
      const BeadScorer scorer(f, FixedLength(), options.weights, 5, &band);
      const std::vector<Move> moves = MovesFor(options);
      BeadScorer::CellScratch scratch;
      int compared = 0, with_anchors = 0;
      for (int i = 1; i <= n; ++i) {
        for (int j = 1; j <= m; ++j) {
          uint32_t wanted = 0;
          for (size_t k = 0; k < moves.size(); ++k) {
            if (moves[k].source <= i && moves[k].target <= j) wanted |= uint32_t{1} << k;
          }
          double costs[16];
          scorer.CostsEndingAt(i, j, moves, wanted, costs, &scratch);
          for (size_t k = 0; k < moves.size(); ++k) {
            if (!(wanted & (uint32_t{1} << k))) continue;
            const int pi = i - moves[k].source, pj = j - moves[k].target;
            double anchor_score = 0;
            EXPECT_EQ(costs[k], scorer.Cost(pi, i, pj, j, nullptr, &anchor_score))
                << (swapped ? "ar->fr " : "fr->ar ") << "[" << pi << "," << i << ")x[" << pj
                << "," << j << ")";
            EXPECT_EQ(costs[k], scorer.CostByMerge(pi, i, pj, j));
            ++compared;
            with_anchors += anchor_score > 0;
          }
        }
      }
      EXPECT_GT(compared, 60);
      EXPECT_GT(with_anchors, compared / 2);
    }
  }
}

}  // namespace
}  // namespace newsalign
