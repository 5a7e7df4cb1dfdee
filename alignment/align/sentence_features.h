// What the aligner knows of each sentence: its length and its anchors, as ids into a vocabulary
// shared by both sides of one document pair.
//
// Anchors are extracted per sentence (numbers, dates, names, tokens, punctuation), then kept
// only when the same value occurs somewhere on the other side of the pair: an anchor that can
// never match carries no evidence. Each kept anchor is weighted by its kind's weight and by how
// rare it is in the pair (a number in every sentence, like the 19 of COVID-19, says little).
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_SENTENCE_FEATURES_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_SENTENCE_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "align/model_weights.h"
#include "align/sentence_readings.h"
#include "anchors/anchor.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"
#include "text/tokenizer.h"

namespace newsalign {

// One anchor value as extracted from one sentence, before matching.
struct RawAnchor {
  AnchorKind kind;
  std::string value;
};

// Returns the anchors of `sentence` in `language`, written in `own` script, for a pair whose
// other side is in `other` script (names and tokens are found differently within and across
// scripts).
std::vector<RawAnchor> ExtractRawAnchors(absl::string_view sentence, absl::string_view language,
                                         Script own, Script other);
// The same, with the lexicon keys of `language` remembered in `keys`.
std::vector<RawAnchor> ExtractRawAnchors(absl::string_view sentence, Script own, Script other,
                                         LexiconKeys* keys);

// Returns the script most letters of `sentences` are written in (of the first 2,000 sentences).
Script DominantScript(const std::vector<absl::string_view>& sentences);

// `x` rounded to the nearest multiple of 2^-32 (a change of at most 1.2e-10). Anchor weights and
// penalties lie on this grid: any sum of them below 2^21 in magnitude is then exact, the same
// whatever order its terms are added in, so a bead's evidence gathered one sentence pair at a
// time (BeadScorer::CostsEndingAt) equals the evidence summed anchor by anchor (Cost()).
double OnWeightGrid(double x);

struct AnchorVocabulary {
  std::vector<AnchorKind> kind;
  std::vector<std::string> value;
  // Evidence added when the anchor is on both sides of a bead.
  std::vector<double> weight;
  // Cost added per occurrence left unmatched in a bead (the other side lacks it).
  std::vector<double> penalty;

  // Interns (kind, value) with the given weight and penalty, each rounded to a multiple of
  // 2^-32 (OnWeightGrid); returns its id.
  uint32_t Add(AnchorKind kind, std::string value, double weight, double penalty);
  size_t size() const { return kind.size(); }
};

struct SideFeatures {
  // Length in code points, spaces excluded.
  std::vector<double> length;
  // Sorted anchor ids of each sentence (a multiset: repeated ids repeat).
  std::vector<std::vector<uint32_t>> anchors;
  // Numbers of each sentence that occur nowhere on the other side: evidence that the sentence
  // has no translation there (or wrote the number in words).
  std::vector<double> orphan_numbers;
  // Sentences without a word of two letters or more ("…", "- _-", OCR debris): nothing to
  // translate, so leaving them unaligned is cheap.
  std::vector<bool> noise;
  // The lexicon keys (LexiconKey) of the side's words, each once, in order of first
  // occurrence; and each sentence's words as indices into them, in order. For lexicon anchors
  // and for learning word associations. (A sentence's keys as strings took some 2.4 KB of a
  // 20,000-sentence pair's memory per sentence.)
  std::vector<std::string> word_keys;
  std::vector<std::vector<uint32_t>> words;
  // Layout, when the text had paragraphs (both empty otherwise): whether each sentence begins a
  // paragraph, and whether it is a heading (a paragraph of one sentence that does not end as a
  // sentence does: "Un retrait définitif consacré", "انسحاب نهائي مخصص").
  std::vector<bool> paragraph_start;
  std::vector<bool> heading;
};

// Fills `side`'s paragraph_start and heading from the paragraph number of each sentence
// (non-decreasing). Leaves them empty when there are fewer than two paragraphs: one paragraph
// says nothing about layout.
void SetParagraphs(const std::vector<int>& paragraphs,
                   const std::vector<absl::string_view>& sentences, SideFeatures* side);

struct PairFeatures {
  AnchorVocabulary vocabulary;
  SideFeatures source;
  SideFeatures target;
  Script source_script = Script::kOther;
  Script target_script = Script::kOther;
};

// Builds the features of both sides. Anchor kinds listed in `disabled` are left out. When
// `lexicon` is given (source words to target words, keys by LexiconKey()), each of its pairs
// whose two words occur in the two documents becomes a lexicon anchor.
PairFeatures BuildPairFeatures(const std::vector<absl::string_view>& source,
                               absl::string_view source_language,
                               const std::vector<absl::string_view>& target,
                               absl::string_view target_language, const ModelWeights& weights,
                               const std::vector<AnchorKind>& disabled,
                               const Lexicon* lexicon = nullptr);

// The same, looking at `stop` every 256 sentences: DEADLINE_EXCEEDED or CANCELLED when it says
// so (features of 100,000 sentences take seconds). With `threads` > 1 the two sides' anchors
// are extracted side by side, with the same result. With `word_keys`, the words' lexicon keys
// are read from and added to it (the same result, with fewer words stemmed). With `readings`,
// what was read of each sentence is left there for the QA report.
absl::StatusOr<PairFeatures> BuildPairFeatures(const std::vector<absl::string_view>& source,
                                               absl::string_view source_language,
                                               const std::vector<absl::string_view>& target,
                                               absl::string_view target_language,
                                               const ModelWeights& weights,
                                               const std::vector<AnchorKind>& disabled,
                                               const Lexicon* lexicon,
                                               const StopCondition& stop, int threads = 1,
                                               WordKeyCache* word_keys = nullptr,
                                               SentenceReadings* readings = nullptr);

// Each of `side`'s word keys (SideFeatures::word_keys) with its index there, to find a word by
// its key. The keys are views into `side`: valid while its word_keys are not changed.
absl::flat_hash_map<absl::string_view, uint32_t> WordKeyIndex(const SideFeatures& side);

// Adds one anchor id to sentence `sentence` of `side`, keeping its list sorted.
void AddAnchor(SideFeatures* side, int sentence, uint32_t id);

// Adds to each sentence of `side` the anchor ids `ids_of_word` gives for its words (indexed as
// SideFeatures::word_keys; shorter means none for the rest), each id once per sentence. Returns
// `stop`'s error (polled every few hundred sentences) once it holds, with only some sentences
// given their ids.
absl::Status AddWordAnchors(const std::vector<std::vector<uint32_t>>& ids_of_word,
                            SideFeatures* side, const StopCondition& stop = StopCondition());

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_SENTENCE_FEATURES_H_
