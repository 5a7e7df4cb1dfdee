// The corridor search (alignment/align/corridor.h) finds what the unrestricted search finds: on every
// document of ../shared/eval, forced on, it returns the same beads as a band as wide as the
// documents; and its corridors join the two documents' ends and hold the coarse path they come from.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "align/aligner.h"
#include "align/bead_scorer.h"
#include "align/corridor.h"
#include "align/lattice.h"
#include "align/sentence_features.h"
#include "base/stop_condition.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "tests/testing/eval_data.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;
using ::newsalign::testing::IsOk;
using ::newsalign::testing::Lines;
using ::newsalign::testing::LoadLexicon;
using ::newsalign::testing::ReadFile;
using ::newsalign::testing::Views;

std::string Render(const std::vector<Bead>& beads) {
  std::string out;
  for (const Bead& b : beads) {
    absl::StrAppend(&out, "[", absl::StrJoin(b.source, ","), "]:[", absl::StrJoin(b.target, ","),
                    "] ");
  }
  return out;
}

struct EvalSet {
  std::string name, source, target, lexicon;
};

class CorridorOnEvalTest : public ::testing::TestWithParam<EvalSet> {};

TEST_P(CorridorOnEvalTest, EqualsUnrestrictedSearchOnEveryDocument) {
  const EvalSet& set = GetParam();
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / set.name;
  ASSERT_TRUE(fs::is_directory(dir / "gold")) << dir << " is missing";
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(dir / "gold")) {
    docs.push_back(entry.path().filename());
  }
  std::sort(docs.begin(), docs.end());
  ASSERT_FALSE(docs.empty());
  AlignResources resources;
  resources.lexicon = LoadLexicon(set.lexicon, set.source, set.target);
  ASSERT_NE(resources.lexicon, nullptr) << "the build generates " << set.lexicon << ".tsv";
  AlignOptions corridor;
  corridor.corridor_above = 0;
  // The full model in the first pass too: the corridor alone must change nothing.
  corridor.corridor_first_pass_bead_sentences = 5;
  AlignOptions unrestricted = corridor;
  unrestricted.band = 100000;
  int compared = 0;
  for (const fs::path& doc : docs) {
    const std::vector<std::string> source = Lines(dir / set.source / doc);
    const std::vector<std::string> target = Lines(dir / set.target / doc);
    auto in_corridor = AlignSentences(AlignInput(set.source, Views(source)),
                                      AlignInput(set.target, Views(target)), corridor,
                                      resources);
    auto everywhere = AlignSentences(AlignInput(set.source, Views(source)),
                                     AlignInput(set.target, Views(target)), unrestricted,
                                     resources);
    ASSERT_THAT(in_corridor, IsOk());
    ASSERT_THAT(everywhere, IsOk());
    EXPECT_EQ(Render(in_corridor->beads), Render(everywhere->beads)) << set.name << "/" << doc;
    // The posterior too: what the corridor leaves out holds almost nothing, so the confidences,
    // omission and addition probabilities are the whole lattice's (Text+Berg's French stretch
    // without a German source spreads it far from the path: the corridor widens there).
    if (in_corridor->beads.size() == everywhere->beads.size()) {
      double worst = 0;
      for (size_t k = 0; k < everywhere->beads.size(); ++k) {
        worst = std::max(worst, std::fabs(in_corridor->beads[k].confidence -
                                          everywhere->beads[k].confidence));
      }
      for (const auto& [mine, theirs] :
           {std::pair{&in_corridor->omission_probability, &everywhere->omission_probability},
            std::pair{&in_corridor->addition_probability, &everywhere->addition_probability}}) {
        ASSERT_EQ(mine->size(), theirs->size());
        for (size_t k = 0; k < mine->size(); ++k) {
          worst = std::max(worst, std::fabs((*mine)[k] - (*theirs)[k]));
        }
      }
      EXPECT_LT(worst, 1e-6) << set.name << "/" << doc;
    }
    ++compared;
  }
  EXPECT_EQ(compared, static_cast<int>(docs.size()));
}

INSTANTIATE_TEST_SUITE_P(
    Sets, CorridorOnEvalTest,
    ::testing::Values(EvalSet{"tico19_fr_ar", "fr", "ar", "fr-ar"},
                      EvalSet{"tico19_fr_ar_perturbed", "fr", "ar", "fr-ar"},
                      EvalSet{"flores200_fr_ar_perturbed", "fr", "ar", "fr-ar"},
                      EvalSet{"flores200_fr_ar_perturbed", "ar", "fr", "fr-ar"},
                      EvalSet{"textberg_de_fr_dev", "de", "fr", "de-fr"}),
    [](const ::testing::TestParamInfo<EvalSet>& info) {
      std::string name = absl::StrCat(info.param.name, "_", info.param.source);
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

// Text+Berg (de→fr) has a French stretch of 38 sentences with no German source near its start:
// the path between blocks puts it at a block's edge, and the corridor must still reach it.
TEST(CorridorTest, ReachesAdditionsInsideABlock) {
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "textberg_de_fr_dev";
  const std::vector<std::string> de = Lines(dir / "de" / "dev.txt");
  const std::vector<std::string> fr = Lines(dir / "fr" / "dev.txt");
  ASSERT_GT(de.size(), 400u);
  AlignOptions options;
  AlignResources resources;
  resources.lexicon = LoadLexicon("de-fr", "de", "fr");
  options.corridor_above = 0;
  auto alignment = AlignSentences(AlignInput("de", Views(de)), AlignInput("fr", Views(fr)),
                                  options, resources);
  ASSERT_THAT(alignment, IsOk());
  // The gold pairs German sentence 14 with French sentence 52: [14]:[52].
  bool found = false;
  for (const Bead& b : alignment->beads) {
    if (b.source == std::vector<int>{14}) found = b.target == std::vector<int>{52};
  }
  EXPECT_TRUE(found) << Render(alignment->beads).substr(0, 600);
}

// An article of 100 sentences whose Arabic starts at the French sentence 45 (the opening left
// untranslated): by default (corridor_above 0) it is searched in a corridor around a coarse
// path, which finds the omitted opening at once, even under a memory budget too small for the
// band around the diagonal to widen to it (RegionEdgeTest.BandThatCannotWidenIsSearchedInFull:
// the band held there pairs the wrong sentences).
TEST(CorridorTest, FindsAnOmittedOpeningAtOnce) {
  std::vector<std::string> fr, ar;
  for (int i = 0; i < 100; ++i) {
    fr.push_back(absl::StrCat("Le rapport numéro ", 1000 + i, " a été publié à Bamako."));
    ar.push_back(absl::StrCat("نشر التقرير رقم ", 1045 + i, " في باماكو."));
  }
  int64_t bytes = 0;
  for (const std::string& s : fr) bytes += s.size();
  for (const std::string& s : ar) bytes += s.size();
  AlignOptions options;
  options.second_pass = false;
  ASSERT_EQ(options.corridor_above, 0);
  options.limits.max_memory_bytes = EstimateFeatureBytes(200, bytes) +
                                    EstimateSearchBytes(Band::CountCells(100, 100, 32), 15, false);
  auto alignment = AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)),
                                  options);
  ASSERT_THAT(alignment, IsOk());
  std::string expected;
  for (int i = 0; i < 45; ++i) absl::StrAppend(&expected, "[", i, "]:[] ");
  for (int i = 45; i < 100; ++i) absl::StrAppend(&expected, "[", i, "]:[", i - 45, "] ");
  for (int j = 55; j < 100; ++j) absl::StrAppend(&expected, "[]:[", j, "] ");
  EXPECT_EQ(Render(alignment->beads), expected);
}

// The first pass of a corridor search takes beads of at most
// corridor_first_pass_bead_sentences a side past first_pass_bead_limit_above sentences: on
// Text+Berg (554 sentences) with the limit forced, 3 gives other beads than the full model's 5
// (eval: strict F1 0.893 against 0.895); by default (limits past 1,000) it takes every shape,
// in the corridor as in the band around the diagonal.
TEST(CorridorTest, FirstPassBeadLimitIsHonoured) {
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "textberg_de_fr_dev";
  const std::vector<std::string> de = Lines(dir / "de" / "dev.txt");
  const std::vector<std::string> fr = Lines(dir / "fr" / "dev.txt");
  AlignResources resources;
  resources.lexicon = LoadLexicon("de-fr", "de", "fr");
  ASSERT_NE(resources.lexicon, nullptr);
  // The beads with the first pass limited to `bead_sentences`, past `corridor_above`.
  auto align = [&](int corridor_above, int bead_sentences, int limit_above = 0) {
    AlignOptions options;
    options.corridor_above = corridor_above;
    options.corridor_first_pass_bead_sentences = bead_sentences;
    options.first_pass_bead_limit_above = limit_above;
    auto alignment = AlignSentences(AlignInput("de", Views(de)), AlignInput("fr", Views(fr)),
                                    options, resources);
    EXPECT_THAT(alignment, IsOk());
    return alignment.ok() ? Render(alignment->beads) : std::string();
  };
  EXPECT_NE(align(0, 5), align(0, 3));
  // In the band around the diagonal it changes nothing.
  EXPECT_EQ(align(1000, 5), align(1000, 1));
  // Nor below first_pass_bead_limit_above (the default, 1,000): the corridor, the default for
  // a document this size, finds the band's beads.
  const AlignOptions defaults;
  const int longer = static_cast<int>(std::max(de.size(), fr.size()));
  ASSERT_GT(longer, defaults.corridor_above);
  ASSERT_LT(longer, defaults.first_pass_bead_limit_above);
  EXPECT_EQ(align(defaults.corridor_above, 1, defaults.first_pass_bead_limit_above),
            align(1000, 5));
}

// A coarse path with an added target block and an omitted source block.
TEST(CorridorTest, HoldsTheCoarsePathAndJoinsBothEnds) {
  // Blocks of 4: source 0 ↔ target 0, target block 1 added, source 1 ↔ target 2, source
  // block 2 omitted, source 3 ↔ target 3 (the last blocks shorter: n = 15, m = 14).
  auto bead = [](std::vector<int> s, std::vector<int> t) {
    Bead b;
    b.source = std::move(s);
    b.target = std::move(t);
    return b;
  };
  const std::vector<Bead> coarse = {bead({0}, {0}), bead({}, {1}), bead({1}, {2}),
                                    bead({2}, {}), bead({3}, {3})};
  const int n = 15, m = 14, block = 4, margin = 2;
  const Band corridor = CorridorAround(coarse, block, n, m, margin);
  ASSERT_EQ(corridor.rows(), n + 1);
  EXPECT_EQ(corridor.lo(0), 0);
  EXPECT_EQ(corridor.hi(n), m);
  for (int i = 0; i < n; ++i) {
    EXPECT_LE(corridor.lo(i), corridor.lo(i + 1)) << i;
    EXPECT_LE(corridor.hi(i), corridor.hi(i + 1)) << i;
    EXPECT_LE(corridor.lo(i + 1), corridor.hi(i)) << "rows " << i << " and " << i + 1;
  }
  // The added target block (sentences 4-7) is reachable from the source block before it and
  // the one after (a block cuts through beads).
  EXPECT_LE(corridor.lo(2), 4);
  EXPECT_GE(corridor.hi(2), 8);
  // The omitted source block (rows 8-12) stays near target position 12.
  EXPECT_LE(corridor.lo(10), 12 - margin);
  EXPECT_GE(corridor.hi(10), 12);
  EXPECT_LT(corridor.cells(), static_cast<int64_t>(n + 1) * (m + 1));

  const Band wider = WidenAround(corridor, {10}, 1, 3, m);
  EXPECT_EQ(wider.lo(10), std::max(0, corridor.lo(10) - 3));
  EXPECT_EQ(wider.hi(10), std::min(m, corridor.hi(10) + 3));
  EXPECT_EQ(wider.hi(0), std::max(corridor.hi(0), wider.hi(0)));
  for (int i = 0; i < n; ++i) EXPECT_LE(wider.lo(i + 1), wider.hi(i)) << i;
}

// Coarsened features sum lengths and keep only strong anchors, once per block.
TEST(CorridorTest, CoarseFeaturesKeepStrongAnchorsOncePerBlock) {
  const std::vector<std::string> fr = {
      "Le Mali a quitté la MINUSMA en 2023.", "Bamako l'a demandé.",
      "La mission comptait 15 000 soldats.", "Bamako et Niamey se sont rapprochés."};
  const std::vector<std::string> ar = {"غادرت مالي مينوسما في 2023.", "طلبت باماكو ذلك.",
                                       "كانت البعثة تضم 15 000 جندي.",
                                       "تقاربت باماكو ونيامي."};
  AlignOptions options;
  const PairFeatures f =
      BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", options.weights, {}, nullptr);
  const PairFeatures coarse = CoarsenFeatures(f, 2);
  ASSERT_EQ(coarse.source.length.size(), 2u);
  EXPECT_DOUBLE_EQ(coarse.source.length[0], f.source.length[0] + f.source.length[1]);
  EXPECT_DOUBLE_EQ(coarse.target.length[1], f.target.length[2] + f.target.length[3]);
  for (const auto& ids : coarse.source.anchors) {
    EXPECT_TRUE(std::adjacent_find(ids.begin(), ids.end()) == ids.end()) << "an id twice";
    for (uint32_t id : ids) {
      const AnchorKind kind = coarse.vocabulary.kind[id];
      EXPECT_TRUE(kind == AnchorKind::kNumber || kind == AnchorKind::kDate ||
                  kind == AnchorKind::kName || kind == AnchorKind::kToken ||
                  kind == AnchorKind::kLexicon);
      EXPECT_NE(kind, AnchorKind::kPunctuation);
    }
  }
  // "2023" in block 0 and "15 000" in block 1 of both sides.
  EXPECT_FALSE(coarse.source.anchors[0].empty());
  EXPECT_FALSE(coarse.target.anchors[1].empty());
}

// A long pair in the corridor: the cancellation probe is asked all along (features, the
// coarse levels, both passes, the draws), and its answer stops the work with CANCELLED even at
// its last looks.
TEST(CorridorTest, CancellationIsCheckedAllAlong) {
  std::vector<std::string> fr, ar;
  for (int i = 0; i < 2000; ++i) {
    fr.push_back(absl::StrCat("Le rapport numéro ", i, " a été publié à Bamako."));
    ar.push_back(absl::StrCat("نُشر التقرير رقم ", i, " في باماكو."));
  }
  int looks = 0;
  const StopCondition counting(absl::InfiniteFuture(), [&looks] {
    ++looks;
    return false;
  });
  auto whole =
      AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)), AlignOptions(),
                     AlignResources(), counting);
  ASSERT_THAT(whole, IsOk());
  ASSERT_EQ(whole->beads.size(), 2000u);
  EXPECT_EQ(whole->beads[1999].source, std::vector<int>{1999});
  EXPECT_EQ(whole->beads[1999].target, std::vector<int>{1999});
  // Every 256 sentences of features, 32 rows of each sweep of each level and pass, 32 draws.
  EXPECT_GT(looks, 400);
  for (const int cancel_at : {looks / 2, looks - 2}) {
    int checks = 0;
    const StopCondition stop(absl::InfiniteFuture(),
                             [&checks, cancel_at] { return ++checks >= cancel_at; });
    auto cancelled = AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)),
                                    AlignOptions(), AlignResources(), stop);
    EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled) << cancel_at;
    EXPECT_EQ(checks, cancel_at);
  }
}

// Everything an alignment returns, every double to its last bit.
std::string RenderAll(const Alignment& a) {
  std::string out = absl::StrCat(a.length.ratio, " ", a.length.variance, "\n");
  for (const Bead& b : a.beads) {
    absl::StrAppendFormat(&out, "[%s]:[%s] %a %a %a", absl::StrJoin(b.source, ","),
                          absl::StrJoin(b.target, ","), b.confidence, b.length_score,
                          b.anchor_score);
    for (const AnchorMatch& m : b.anchors) {
      absl::StrAppend(&out, " ", static_cast<int>(m.kind), ":", m.value);
    }
    absl::StrAppend(&out, "\n");
  }
  for (double p : a.omission_probability) absl::StrAppendFormat(&out, "%a ", p);
  for (double p : a.addition_probability) absl::StrAppendFormat(&out, "%a ", p);
  for (const std::vector<int>& draw : a.sampled_omissions) {
    absl::StrAppend(&out, "{", absl::StrJoin(draw, ","), "}");
  }
  return out;
}

// TICO-19 (perturbed) documents one after the other, in name order, until the French side
// holds more than `more_than` sentences.
void ConcatenateTico(size_t more_than, std::vector<std::string>* fr, std::vector<std::string>* ar) {
  const fs::path tico = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "tico19_fr_ar_perturbed";
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(tico / "gold")) {
    docs.push_back(entry.path().filename());
  }
  std::sort(docs.begin(), docs.end());
  for (const fs::path& doc : docs) {
    for (std::string& line : Lines(tico / "fr" / doc)) fr->push_back(std::move(line));
    for (std::string& line : Lines(tico / "ar" / doc)) ar->push_back(std::move(line));
    if (fr->size() > more_than) break;
  }
}

// Scoring a region's beads on several threads changes nothing: the same beads, confidences,
// scores, anchors, probabilities and draws, to the last bit; in a corridor (a long pair of
// TICO-19 documents one after the other, and Text+Berg forced into one) and in a band.
TEST(ThreadsTest, EveryThreadCountGivesTheSameAlignment) {
  std::vector<std::string> fr, ar;
  ConcatenateTico(1200, &fr, &ar);
  ASSERT_GT(fr.size(), 1000u);  // past corridor_above: a corridor by default
  const fs::path textberg = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "textberg_de_fr_dev";
  const std::vector<std::string> de = Lines(textberg / "de" / "dev.txt");
  const std::vector<std::string> de_fr = Lines(textberg / "fr" / "dev.txt");
  const std::vector<std::string> fr_short(fr.begin(), fr.begin() + 40);
  const std::vector<std::string> ar_short(ar.begin(), ar.begin() + 38);
  struct Case {
    std::string name, source_language, target_language;
    const std::vector<std::string>* source;
    const std::vector<std::string>* target;
    int corridor_above;
  };
  const std::vector<Case> cases = {
      {"tico19 concatenated", "fr", "ar", &fr, &ar, 1000},
      {"textberg in a corridor", "de", "fr", &de, &de_fr, 0},
      {"tico19 in a band", "fr", "ar", &fr_short, &ar_short, 1000},
  };
  for (const Case& c : cases) {
    AlignOptions options;
    AlignResources resources;
    resources.lexicon = c.source_language == "de" ? LoadLexicon("de-fr", "de", "fr")
                                                  : LoadLexicon("fr-ar", "fr", "ar");
    ASSERT_NE(resources.lexicon, nullptr);
    options.corridor_above = c.corridor_above;
    std::string one_thread;
    for (const int threads : {1, 2, 3, 8}) {
      options.threads = threads;
      auto alignment = AlignSentences(AlignInput(c.source_language, Views(*c.source)),
                                      AlignInput(c.target_language, Views(*c.target)), options,
                                      resources);
      ASSERT_THAT(alignment, IsOk()) << c.name;
      if (threads == 1) {
        one_thread = RenderAll(*alignment);
        ASSERT_FALSE(alignment->sampled_omissions.empty()) << c.name;
      } else {
        EXPECT_EQ(RenderAll(*alignment), one_thread) << c.name << " on " << threads << " threads";
      }
    }
  }
}

// Past LatticeCosts::kExactCosts (documents of a few thousand sentences) the costs are kept in
// single precision; helper threads' rows are read back from there, so the sweep on the
// caller's thread must read its own rows the same way. Forced here on a short pair.
TEST(ThreadsTest, SinglePrecisionCostsGiveTheSameAlignmentOnAnyThreadCount) {
  std::vector<std::string> fr, ar;
  ConcatenateTico(200, &fr, &ar);
  AlignOptions options;
  const std::shared_ptr<const Lexicon> lexicon = LoadLexicon("fr-ar", "fr", "ar");
  ASSERT_NE(lexicon, nullptr);
  const PairFeatures features = BuildPairFeatures(Views(fr), "fr", Views(ar), "ar",
                                                  options.weights, {}, lexicon.get());
  const int n = static_cast<int>(fr.size()), m = static_cast<int>(ar.size());
  LengthStatistics length;
  length.ratio = 1.1;
  length.variance = 6.5;
  LatticeOptions lattice;
  lattice.temperature = options.weights.confidence_temperature;
  lattice.posterior_samples = 50;
  lattice.exact_costs = 0;  // every cost in single precision
  auto render = [](const LatticeResult& r) {
    std::string out = absl::StrFormat("%.17g %.17g\n", r.best_cost, r.log_partition);
    for (const Bead& b : r.beads) {
      absl::StrAppend(&out, absl::StrJoin(b.source, ","), ":", absl::StrJoin(b.target, ","),
                      absl::StrFormat(" %.17g\n", b.confidence));
    }
    for (double p : r.omission_probability) absl::StrAppend(&out, absl::StrFormat("%.17g ", p));
    for (const std::vector<int>& draw : r.sampled_omissions) {
      absl::StrAppend(&out, "[", absl::StrJoin(draw, ","), "]");
    }
    return out;
  };
  std::string one_thread;
  for (const int threads : {1, 2, 3}) {
    options.threads = threads;
    auto result = RunLattice(features, length, options, Band(n, m, 24), lattice, StopCondition());
    ASSERT_THAT(result, IsOk());
    if (threads == 1) {
      one_thread = render(*result);
    } else {
      EXPECT_EQ(render(*result), one_thread) << threads << " threads";
    }
  }
}

// Past the sizes from which the two sides' steps run side by side (the features' last steps
// and the learned associations from 2,048 sentences a side, their interning from 2,048
// confident pairs: 3,309 here): TICO-19 three times over, 7,284 sentences, gives the same
// alignment on two threads as on one, to the last bit.
TEST(ThreadsTest, LongPairOnTwoThreadsGivesTheSameAlignmentAsOnOne) {
  std::vector<std::string> fr, ar;
  for (int round = 0; round < 3; ++round) ConcatenateTico(1u << 20, &fr, &ar);
  ASSERT_GT(fr.size(), 7000u);
  AlignResources resources;
  resources.lexicon = LoadLexicon("fr-ar", "fr", "ar");
  ASSERT_NE(resources.lexicon, nullptr);
  AlignOptions options;
  std::string one_thread;
  for (const int threads : {1, 2}) {
    options.threads = threads;
    auto alignment =
        AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)), options, resources);
    ASSERT_THAT(alignment, IsOk());
    if (threads == 1) {
      one_thread = RenderAll(*alignment);
    } else {
      EXPECT_EQ(RenderAll(*alignment), one_thread);
    }
  }
}

// A call on several threads stops when asked, wherever its threads are, and leaves none behind.
TEST(ThreadsTest, CancellationStopsEveryThread) {
  std::vector<std::string> fr, ar;
  for (int i = 0; i < 2000; ++i) {
    fr.push_back(absl::StrCat("Le rapport numéro ", i, " a été publié à Bamako."));
    ar.push_back(absl::StrCat("نُشر التقرير رقم ", i, " في باماكو."));
  }
  AlignOptions options;
  options.threads = 2;
  for (const int cancel_at : {50, 200, 400}) {
    std::atomic<int> checks{0};
    const StopCondition stop(absl::InfiniteFuture(),
                             [&checks, cancel_at] { return ++checks >= cancel_at; });
    auto cancelled =
        AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)), options,
                       AlignResources(), stop);
    EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled) << cancel_at;
  }
}

TEST(ThreadsTest, CountOutOfRangeIsInvalid) {
  const std::vector<std::string> fr = {"Le Mali a voté."}, ar = {"صوّت مالي."};
  for (const int threads : {0, -1, 65}) {
    AlignOptions options;
    options.threads = threads;
    auto alignment =
        AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)), options);
    EXPECT_EQ(alignment.status().code(), absl::StatusCode::kInvalidArgument) << threads;
    EXPECT_THAT(alignment.status().message(), ::testing::HasSubstr("threads")) << threads;
  }
}

// Long documents against an empty or a tiny one: the corridor still joins both ends, and
// every sentence of the long side is left alone or paired.
TEST(CorridorTest, LongAgainstEmptyOrTinyDocuments) {
  std::vector<std::string> fr;
  for (int i = 0; i < 1500; ++i) {
    fr.push_back(absl::StrCat("Le bulletin ", i, " annonce la fin de la mission au Mali."));
  }
  const std::vector<std::string> ar = {"أعلنت النشرة 7 نهاية البعثة في مالي.",
                                       "أعلنت النشرة 1200 نهاية البعثة في مالي."};
  const std::vector<std::string> none;
  // Every sentence of both sides in exactly one bead, in order.
  auto covers = [](const Alignment& alignment, size_t n, size_t m) {
    size_t next_source = 0, next_target = 0;
    for (const Bead& b : alignment.beads) {
      for (int i : b.source) {
        if (i != static_cast<int>(next_source++)) return false;
      }
      for (int j : b.target) {
        if (j != static_cast<int>(next_target++)) return false;
      }
    }
    return next_source == n && next_target == m;
  };
  for (const std::vector<std::string>* other : {&ar, &none}) {
    auto forward = AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(*other)),
                                  AlignOptions());
    ASSERT_THAT(forward, IsOk());
    EXPECT_TRUE(covers(*forward, fr.size(), other->size()));
    auto backward = AlignSentences(AlignInput("ar", Views(*other)), AlignInput("fr", Views(fr)),
                                   AlignOptions());
    ASSERT_THAT(backward, IsOk());
    EXPECT_TRUE(covers(*backward, other->size(), fr.size()));
  }
  // The two numbered Arabic bulletins are paired with beads holding their French ones, as the
  // search without a corridor pairs them. (It glues neighbours to them: the length ratio,
  // taken from the totals of a pair this lopsided, makes merges cheap. The model's, not the
  // corridor's.)
  AlignOptions wide;
  wide.corridor_above = 100000;
  auto in_corridor = AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)),
                                    AlignOptions());
  auto everywhere = AlignSentences(AlignInput("fr", Views(fr)), AlignInput("ar", Views(ar)), wide);
  ASSERT_THAT(in_corridor, IsOk());
  ASSERT_THAT(everywhere, IsOk());
  EXPECT_EQ(Render(in_corridor->beads), Render(everywhere->beads));
  int found = 0;
  for (const Bead& b : in_corridor->beads) {
    auto holds = [&b](int i) { return std::count(b.source.begin(), b.source.end(), i) > 0; };
    if (b.target == std::vector<int>{0}) found += holds(7);
    if (b.target == std::vector<int>{1}) found += holds(1200);
  }
  EXPECT_EQ(found, 2) << Render(in_corridor->beads).substr(0, 300);
}

// Building the features of a long pair (seconds at 100,000 sentences) looks at the stop
// condition as it goes, not only the search after it.
TEST(CorridorTest, FeatureBuildingStopsWhenAsked) {
  std::vector<std::string> fr, ar;
  for (int i = 0; i < 2000; ++i) {
    fr.push_back(absl::StrCat("La mission a compté ", i, " casques bleus au Mali."));
    ar.push_back(absl::StrCat("ضمت البعثة ", i, " من جنود حفظ السلام في مالي."));
  }
  int checks = 0;
  const StopCondition stop(absl::InfiniteFuture(), [&checks] { return ++checks > 3; });
  auto features = BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", ModelWeights(), {},
                                    nullptr, stop);
  EXPECT_EQ(features.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(checks, 4);
  auto whole = BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", ModelWeights(), {}, nullptr,
                                 StopCondition());
  ASSERT_THAT(whole, IsOk());
  EXPECT_EQ(whole->source.length.size(), 2000u);
  const StopCondition passed(absl::Now() - absl::Seconds(1));
  EXPECT_EQ(BuildPairFeatures(Views(fr), "fr", Views(ar), "ar", ModelWeights(), {}, nullptr,
                              passed)
                .status()
                .code(),
            absl::StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace newsalign
