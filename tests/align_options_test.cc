// Tests of the aligner's options and resources (align/aligner.h): validation naming the field,
// the limits and the stop condition with their exact codes, and the word associations a batch
// carries from one document to the next (lexicon/word_associations.h).
#include "align/aligner.h"

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/stop_condition.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lexicon/word_associations.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

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
        BadOption{"FirstPassBeadZero",
                  [](AlignOptions* o) { o->corridor_first_pass_bead_sentences = 0; },
                  "corridor_first_pass_bead_sentences must be between 1 and 5, got 0"},
        BadOption{"FirstPassBeadTooLarge",
                  [](AlignOptions* o) { o->corridor_first_pass_bead_sentences = 6; },
                  "corridor_first_pass_bead_sentences must be between 1 and 5, got 6"},
        BadOption{"FirstPassBeadLimitAboveNegative",
                  [](AlignOptions* o) { o->first_pass_bead_limit_above = -1; },
                  "first_pass_bead_limit_above must be 0 or more, got -1"},
        BadOption{"NoDocumentBytes", [](AlignOptions* o) { o->limits.max_document_bytes = 0; },
                  "limits.max_document_bytes must be at least 1"},
        BadOption{"NegativeMemory", [](AlignOptions* o) { o->limits.max_memory_bytes = -1; },
                  "limits.max_memory_bytes must be 0 (no budget) or more"},
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

// The search's budget is in bytes (one limits struct, AlignLimits): an explicit band whose
// cells do not fit it is refused before any work, naming the search cells and the limit.
TEST(AlignLimitsTest, BandPastTheMemoryBudgetIsResourceExhausted) {
  std::vector<std::string> fr(100, "Le Mali a quitté la mission de l'ONU.");
  std::vector<std::string> ar(100, "غادرت مالي بعثة الأمم المتحدة.");
  std::vector<absl::string_view> a(fr.begin(), fr.end()), b(ar.begin(), ar.end());
  AlignOptions options;
  options.band = 100;  // every one of the 101 x 101 cells
  const int64_t features = EstimateFeatureBytes(200, 100 * (fr[0].size() + ar[0].size()));
  options.limits.max_memory_bytes = features + EstimateSearchBytes(101 * 101, 15, false) - 1;
  EXPECT_THAT(AlignSentences({"fr", a}, {"ar", b}, options),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("10201 search cells"),
                             HasSubstr("(limits.max_memory_bytes)"))));
  options.limits.max_memory_bytes += 1;
  EXPECT_THAT(AlignSentences({"fr", a}, {"ar", b}, options), IsOk());
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

// A document's words as indices into its lists count as their text does, and counting only the
// pairs of words that can be strong (StrongOfDocument: both seen in two sentence pairs or more,
// counts close enough for the Dice coefficient asked) finds the same strong associations, with
// their Dice, from far fewer counts.
TEST(WordAssociationsTest, CountingByIndexFindsWhatCountingEveryPairFinds) {
  const std::vector<std::vector<std::string>> fr = {
      {"junte", "mali", "annonc", "fin", "mission"},
      {"minusma", "quitt", "mali", "15", "novembr"},
      {"depart", "soulev", "question", "aven", "pays"},
      {"mission", "onu", "mali", "pays", "retrait"},
      {"casqu", "bleu", "quitt", "pays", "fin"}};
  const std::vector<std::vector<std::string>> ar = {
      {"مجلس", "مالي", "يعلن", "انتهاء", "بعثة"},
      {"مينوسما", "ستغادر", "مالي", "15", "نوفمبر"},
      {"رحيل", "يثير", "تساؤلات", "مستقبل", "بلد"},
      {"بعثة", "أمم", "مالي", "بلد", "انسحاب"},
      {"خوذ", "زرق", "ستغادر", "بلد", "انتهاء"}};
  WordAssociations every;
  for (size_t k = 0; k < fr.size(); ++k) every.AddSentencePair(fr[k], ar[k]);
  // The same sentences as a document holds them: its distinct words, and indices into them.
  std::vector<std::string> fr_keys, ar_keys;
  auto index = [](const std::vector<std::string>& words, std::vector<std::string>* keys) {
    std::vector<uint32_t> ids;
    for (const std::string& word : words) {
      auto it = std::find(keys->begin(), keys->end(), word);
      if (it == keys->end()) it = keys->insert(keys->end(), word);
      ids.push_back(static_cast<uint32_t>(it - keys->begin()));
    }
    return ids;
  };
  std::vector<std::vector<uint32_t>> fr_ids, ar_ids;
  for (size_t k = 0; k < fr.size(); ++k) {
    fr_ids.push_back(index(fr[k], &fr_keys));
    ar_ids.push_back(index(ar[k], &ar_keys));
  }
  std::vector<WordAssociations::SentencePair> pairs;
  for (size_t k = 0; k < fr.size(); ++k) pairs.push_back({&fr_ids[k], &ar_ids[k]});
  absl::flat_hash_set<std::string> fr_words, ar_words;
  for (const auto& words : fr) fr_words.insert(words.begin(), words.end());
  for (const auto& words : ar) ar_words.insert(words.begin(), words.end());
  auto render = [](const std::vector<WordAssociations::Association>& strong) {
    std::vector<std::string> out;
    for (const auto& a : strong) out.push_back(absl::StrCat(a.source, "=", a.target, " ", a.dice));
    return out;
  };
  // 116 distinct pairs of words in all; counted from the document's indices, the same.
  EXPECT_EQ(every.word_pairs(), 116u);
  WordAssociations by_index;
  by_index.AddSentencePairs(pairs, fr_keys, ar_keys);
  EXPECT_EQ(by_index.word_pairs(), 116u);
  EXPECT_EQ(by_index.sentence_pairs(), every.sentence_pairs());

  // At Dice 0.6: mali, mission, quitt, pays and fin with مالي, بعثة, ستغادر, بلد and انتهاء
  // (each of those words is in two or three sentence pairs), counted on the indices alone.
  const std::vector<std::string> expected = render(every.Strong(fr_words, ar_words, 0.6));
  EXPECT_THAT(expected, ElementsAre("fin=انتهاء 1", "mali=بعثة 0.8", "mali=مالي 1",
                                    "mission=بعثة 1", "mission=مالي 0.8", "pays=بلد 1",
                                    "quitt=ستغادر 1"));
  EXPECT_EQ(render(by_index.Strong(fr_words, ar_words, 0.6)), expected);
  auto render_counted = [&](const std::vector<WordAssociations::CountedPair>& strong) {
    std::vector<std::string> out;
    for (const auto& p : strong) {
      out.push_back(absl::StrCat(fr_keys[p.source], "=", ar_keys[p.target], " ", p.dice));
    }
    return out;
  };
  absl::StatusOr<std::vector<WordAssociations::CountedPair>> counted =
      WordAssociations::StrongOfDocument(pairs, fr_keys, ar_keys, 0.6, StopCondition());
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(render_counted(*counted), expected);

  // At Dice 0.9 a word seen three times and one seen twice (2 * 2 / 5 = 0.8 at best) are not
  // associated.
  const std::vector<std::string> expected_09 = render(every.Strong(fr_words, ar_words, 0.9));
  EXPECT_THAT(expected_09, ElementsAre("fin=انتهاء 1", "mali=مالي 1", "mission=بعثة 1",
                                       "pays=بلد 1", "quitt=ستغادر 1"));
  counted = WordAssociations::StrongOfDocument(pairs, fr_keys, ar_keys, 0.9, StopCondition());
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(render_counted(*counted), expected_09);
}

// A document alone asks about every one of its words: StrongOfDocument() gives what Strong()
// gives when asked about them all, in the same order, each word by its index in the
// document's list, without a set of words or a look-up by text. A number written the same on
// both sides (15) is seen together twice but is no association, as in Strong().
TEST(WordAssociationsTest, StrongOfDocumentIsStrongOfEveryWordByIndex) {
  const std::vector<std::string> fr_keys = {"mali", "mission", "quitt", "15", "novembr",
                                            "pays", "fin", "casqu", "bleu"};
  const std::vector<std::string> ar_keys = {"مالي", "بعثة", "ستغادر", "15", "نوفمبر",
                                            "بلد", "انتهاء", "خوذ", "زرق"};
  // Five confident pairs of the document, as indices into its words (the Arabic side's words
  // listed in another order than the French's, as a document's own lists are).
  const std::vector<std::vector<uint32_t>> fr_ids = {
      {0, 1, 6}, {2, 0, 3, 4}, {1, 0, 5}, {7, 8, 2, 5, 6}, {3, 4, 0}};
  const std::vector<std::vector<uint32_t>> ar_ids = {
      {0, 1, 6}, {2, 0, 3, 4}, {1, 0, 5}, {7, 8, 2, 5, 6}, {3, 4, 0}};
  std::vector<WordAssociations::SentencePair> pairs;
  for (size_t k = 0; k < fr_ids.size(); ++k) pairs.push_back({&fr_ids[k], &ar_ids[k]});
  const absl::flat_hash_set<std::string> fr_words(fr_keys.begin(), fr_keys.end());
  const absl::flat_hash_set<std::string> ar_words(ar_keys.begin(), ar_keys.end());
  auto render = [](const std::vector<WordAssociations::Association>& strong) {
    std::vector<std::string> out;
    for (const auto& a : strong) out.push_back(absl::StrCat(a.source, "=", a.target, " ", a.dice));
    return out;
  };
  auto render_counted = [&](const std::vector<WordAssociations::CountedPair>& strong) {
    std::vector<std::string> out;
    for (const auto& p : strong) {
      out.push_back(absl::StrCat(fr_keys[p.source], "=", ar_keys[p.target], " ", p.dice));
    }
    return out;
  };
  // Counted in a table of a cell per pair of words, and in a hash map.
  for (const size_t dense_cells : {WordAssociations::kMaxDenseCells, size_t{0}}) {
    for (const double min_dice : {0.5, 0.6, 0.9}) {
      SCOPED_TRACE(absl::StrCat("Dice ", min_dice, ", dense cells ", dense_cells));
      WordAssociations every;
      every.AddSentencePairs(pairs, fr_keys, ar_keys);
      const std::vector<std::string> expected =
          render(every.Strong(fr_words, ar_words, min_dice));
      ASSERT_FALSE(expected.empty());
      const absl::StatusOr<std::vector<WordAssociations::CountedPair>> counted =
          WordAssociations::StrongOfDocument(pairs, fr_keys, ar_keys, min_dice, StopCondition(),
                                             WordAssociations::kDefaultMaxPairs, dense_cells);
      ASSERT_TRUE(counted.ok()) << counted.status();
      EXPECT_EQ(render_counted(*counted), expected);
    }
  }
  absl::StatusOr<std::vector<WordAssociations::CountedPair>> counted =
      WordAssociations::StrongOfDocument(pairs, fr_keys, ar_keys, 0.6, StopCondition());
  ASSERT_TRUE(counted.ok());
  // casqu and bleu are in one pair only; 15 and mali (4 pairs) meet twice: 2 * 2 / 6.
  EXPECT_THAT(render_counted(*counted),
              ElementsAre("15=مالي 0.666667", "15=نوفمبر 1", "fin=انتهاء 1", "mali=15 0.666667",
                          "mali=بعثة 0.666667", "mali=مالي 1", "mali=نوفمبر 0.666667",
                          "mission=بعثة 1", "mission=مالي 0.666667", "novembr=15 1",
                          "novembr=مالي 0.666667", "novembr=نوفمبر 1", "pays=بلد 1",
                          "quitt=ستغادر 1"));
  // With room for two word pairs, the first two met that can be strong (mali's with مالي and
  // بعثة: mali is the first word of the first pair, whose Arabic words مالي and بعثة come
  // before انتهاء by first sighting) are counted, and no other.
  for (const size_t dense_cells : {WordAssociations::kMaxDenseCells, size_t{0}}) {
    counted = WordAssociations::StrongOfDocument(pairs, fr_keys, ar_keys, 0.6, StopCondition(),
                                                 /*max_pairs=*/2, dense_cells);
    ASSERT_TRUE(counted.ok());
    EXPECT_THAT(render_counted(*counted), ElementsAre("mali=بعثة 0.666667", "mali=مالي 1"))
        << "dense cells " << dense_cells;
  }
  // A deadline already past stops it.
  EXPECT_EQ(WordAssociations::StrongOfDocument(pairs, fr_keys, ar_keys, 0.6,
                                               StopCondition(absl::InfinitePast()))
                .status()
                .code(),
            absl::StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace newsalign
