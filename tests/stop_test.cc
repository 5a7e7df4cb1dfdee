// Work stops with the call: every place the aligner and the report look at the stop condition
// passes its answer on. A call stopped at its k-th look answers CANCELLED, for every k from
// the first look to the last of a call that runs to the end; none goes on to an OK answer.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "align/aligner.h"
#include "align/document_aligner.h"
#include "align/lattice.h"
#include "base/stop_condition.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "lexicon/word_associations.h"
#include "report/report.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::ReadExample;
using ::newsalign::testing::ReadFile;

std::shared_ptr<const Lexicon> FrenchArabicLexicon() {
  const std::string tsv = ReadFile(absl::StrCat(NEWSALIGN_LEXICON_DIR, "/fr-ar.tsv"));
  auto parsed = Lexicon::FromTsv(tsv, "fr", "ar");
  if (tsv.empty() || !parsed.ok()) return nullptr;
  return std::make_shared<const Lexicon>(*std::move(parsed));
}

// Aligns and reports, as the service does; the status of the first step that fails.
absl::Status AlignAndReport(const DocumentInput& source, const DocumentInput& target,
                            const AlignOptions& options, const AlignResources& resources,
                            const StopCondition& stop) {
  auto alignment = AlignDocuments(source, target, options, resources, stop);
  if (!alignment.ok()) return alignment.status();
  return BuildReport(*alignment, ReportOptions(), stop).status();
}

// Counts the looks of a call run to the end, then stops the call at each of them in turn: at
// every one, or at about `points` of them spread evenly plus the last few (the report's).
void ExpectEveryLookStops(const DocumentInput& source, const DocumentInput& target,
                          const AlignOptions& options, const AlignResources& resources,
                          int min_looks, int points = 0) {
  int looks = 0;
  const StopCondition counting(absl::InfiniteFuture(), [&looks] {
    ++looks;
    return false;
  });
  ASSERT_THAT(AlignAndReport(source, target, options, resources, counting), IsOk());
  EXPECT_GE(looks, min_looks);
  const int stride = points > 0 ? std::max(1, looks / points) : 1;
  for (int stop_at = 1; stop_at <= looks;
       stop_at += looks - stop_at < 8 ? 1 : stride) {
    int seen = 0;
    const StopCondition stop(absl::InfiniteFuture(),
                             [&seen, stop_at] { return ++seen >= stop_at; });
    EXPECT_EQ(AlignAndReport(source, target, options, resources, stop).code(),
              absl::StatusCode::kCancelled)
        << "stopped at look " << stop_at << " of " << looks;
    EXPECT_EQ(seen, stop_at) << "the work went on looking after the stop";
  }
}

TEST(StopTest, EveryLookStopsTheSampleArticle) {
  const DocumentInput source{"fr", ReadExample("fr.txt"), {}, false};
  const DocumentInput target{"ar", ReadExample("ar.txt"), {}, false};
  ASSERT_FALSE(source.text.empty());
  ASSERT_FALSE(target.text.empty());
  AlignResources resources;
  resources.lexicon = FrenchArabicLexicon();
  ASSERT_NE(resources.lexicon, nullptr);
  ExpectEveryLookStops(source, target, AlignOptions(), resources, /*min_looks=*/10);
}

// The corridor's coarse levels, the pair index, the association learning of a batch, the
// path's traceback and the posterior draws, on a real document of 252 and 244 sentences with
// omissions and additions (at about 30 of the looks: each stopped call costs up to a whole
// alignment).
TEST(StopTest, EveryLookStopsALongPairInItsCorridor) {
  const std::string dir =
      absl::StrCat(NEWSALIGN_SHARED_DIR, "/eval/tico19_fr_ar_perturbed/");
  DocumentInput source{"fr", "", {}, true};
  DocumentInput target{"ar", "", {}, true};
  source.sentences = absl::StrSplit(ReadFile(dir + "fr/02_PubMed_7.txt"), '\n',
                                    absl::SkipWhitespace());
  target.sentences = absl::StrSplit(ReadFile(dir + "ar/02_PubMed_7.txt"), '\n',
                                    absl::SkipWhitespace());
  ASSERT_GT(source.sentences.size(), 200u) << dir;
  ASSERT_GT(target.sentences.size(), 200u) << dir;
  AlignOptions options;
  options.corridor_above = 0;
  options.posterior_samples = 20;
  AlignResources resources;
  resources.lexicon = FrenchArabicLexicon();
  ASSERT_NE(resources.lexicon, nullptr);
  resources.batch_associations = std::make_shared<WordAssociations>();
  ExpectEveryLookStops(source, target, options, resources, /*min_looks=*/40, /*points=*/30);
}

// Stopping takes effect where the time goes: a long pair stopped before its report is built
// answers CANCELLED from the report, not OK.
TEST(StopTest, TheReportStopsToo) {
  DocumentInput source{"fr", "", {}, true};
  DocumentInput target{"ar", "", {}, true};
  for (int i = 0; i < 600; ++i) {
    source.sentences.push_back(absl::StrCat("Le 12 mars, ", i, " soldats sont arrivés à Gao."));
    target.sentences.push_back(absl::StrCat("في 12 مارس، وصل ", i, " جنديا إلى غاو."));
  }
  auto alignment = AlignDocuments(source, target, AlignOptions());
  ASSERT_THAT(alignment, IsOk());
  const StopCondition cancelled(absl::InfiniteFuture(), [] { return true; });
  EXPECT_EQ(BuildReport(*alignment, ReportOptions(), cancelled).status().code(),
            absl::StatusCode::kCancelled);
  const StopCondition passed(absl::InfinitePast());
  EXPECT_EQ(BuildReport(*alignment, ReportOptions(), passed).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(BuildReport(*alignment, ReportOptions(), StopCondition()), IsOk());
}

TEST(StopPollerTest, LooksOnceEveryPeriod) {
  int looks = 0;
  const StopCondition stop(absl::InfiniteFuture(), [&looks] {
    ++looks;
    return looks >= 3;
  });
  StopPoller poll(stop, 4);
  int ok = 0;
  while (poll.Tick().ok()) ++ok;
  // Looks at calls 4, 8 and 12; the third look stops.
  EXPECT_EQ(looks, 3);
  EXPECT_EQ(ok, 11);
}

// The memory budget: features and the first search region are estimated before they are
// allocated; one byte short of the estimate is refused with RESOURCE_EXHAUSTED naming the
// budget, the estimate itself is enough.
TEST(MemoryBudgetTest, RefusesOneByteShortOfTheEstimateAndAlignsAtIt) {
  std::vector<std::string> fr, ar;
  for (int i = 0; i < 300; ++i) {
    fr.push_back(absl::StrCat("Le convoi numéro ", i, " est arrivé à Tombouctou."));
    ar.push_back(absl::StrCat("وصلت القافلة رقم ", i, " إلى تمبكتو."));
  }
  const std::vector<absl::string_view> source(fr.begin(), fr.end()), target(ar.begin(), ar.end());
  int64_t text_bytes = 0;
  for (const std::string& s : fr) text_bytes += static_cast<int64_t>(s.size());
  for (const std::string& s : ar) text_bytes += static_cast<int64_t>(s.size());
  AlignOptions options;
  options.band = 10;
  const int64_t estimate =
      EstimateFeatureBytes(600, text_bytes) +
      EstimateSearchBytes(Band::CountCells(300, 300, 10), 15, /*widening=*/false);
  auto unbounded = AlignSentences(AlignInput("fr", source), AlignInput("ar", target), options);
  ASSERT_THAT(unbounded, IsOk());

  options.limits.max_memory_bytes = estimate - 1;
  auto refused = AlignSentences(AlignInput("fr", source), AlignInput("ar", target), options);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.status().message(),
              ::testing::AllOf(::testing::HasSubstr("limits.max_memory_bytes"),
                               ::testing::HasSubstr("300 x 300 sentences needs about"),
                               ::testing::HasSubstr("split the document or raise the limit")));

  options.limits.max_memory_bytes = estimate;
  auto fits = AlignSentences(AlignInput("fr", source), AlignInput("ar", target), options);
  ASSERT_THAT(fits, IsOk());
  ASSERT_EQ(fits->beads.size(), unbounded->beads.size());
  for (size_t b = 0; b < fits->beads.size(); ++b) {
    EXPECT_EQ(fits->beads[b].source, unbounded->beads[b].source);
    EXPECT_EQ(fits->beads[b].target, unbounded->beads[b].target);
  }
}

// In the corridor the features are checked before they are built, and errors name the budget
// as the caller does (the server, its flag).
TEST(MemoryBudgetTest, LongDocumentsAreRefusedBeforeTheirFeaturesUnderTheCallersName) {
  std::vector<std::string> fr(3000, "Les casques bleus ont quitté la base de Kidal."),
      ar(3000, "غادر جنود حفظ السلام قاعدة كيدال.");
  AlignOptions options;
  options.limits.max_memory_bytes = 1 << 20;
  options.limits.memory_limit_name = "--max_call_memory_mib";
  int looks = 0;
  const StopCondition counting(absl::InfiniteFuture(), [&looks] {
    ++looks;
    return false;
  });
  auto refused = AlignSentences(AlignInput("fr", {fr.begin(), fr.end()}),
                                AlignInput("ar", {ar.begin(), ar.end()}), options, {}, counting);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("(--max_call_memory_mib)"));
  EXPECT_EQ(looks, 0) << "refused before any work";
}

TEST(MemoryBudgetTest, NegativeBudgetIsInvalid) {
  AlignOptions options;
  options.limits.max_memory_bytes = -1;
  EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(options.Validate().message(), ::testing::HasSubstr("limits.max_memory_bytes"));
}

}  // namespace
}  // namespace newsalign
