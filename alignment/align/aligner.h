// The sentence aligner: a dynamic programme over beads (0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1,
// 2-3, 3-2, 1-4, 4-1, 1-5, 5-1) scored by a Gale–Church length cost, bead-type priors and
// anchor evidence (numbers, dates, names, identical tokens, punctuation, lexicon). Confidence is
// the posterior probability of each bead, by forward–backward over the same lattice.
//
// The core works on sentences already split; see document_aligner.h for whole documents.
//
//   AlignInput source{"fr", {"Le Mali a quitté l'ONU.", "Il y a 15 000 soldats."}};
//   AlignInput target{"ar", {"غادرت مالي الأمم المتحدة.", "هناك 15 ألف جندي."}};
//   ASSIGN_OR_RETURN(Alignment alignment, AlignSentences(source, target, AlignOptions()));
//
// AlignOptions are what the caller chooses (the search's shape, the model's weights, the
// limits); AlignResources what it lends (a lexicon, a batch's word associations).
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_ALIGNER_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_ALIGNER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "align/length_model.h"
#include "align/model_weights.h"
#include "align/sentence_readings.h"
#include "anchors/anchor.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"
#include "lexicon/word_associations.h"

namespace newsalign {

// The limits of one alignment, all of them: checked before any allocation; past them the
// aligner answers RESOURCE_EXHAUSTED naming the limit and how to change it.
struct AlignLimits {
  // Largest document, in bytes of UTF-8 (raw text, or all sentences together; AlignDocuments).
  size_t max_document_bytes = 4 << 20;
  // Most sentences in one document (each side of a pair).
  int max_sentences = 20000;
  // Most memory one alignment may take, in bytes: the sentences' features and each run of the
  // dynamic programme (bead costs, sweeps, pair index), estimated before they are allocated
  // (EstimateFeatureBytes, EstimateSearchBytes). A search region that would widen past it
  // stays as it is; a first one past it is refused. 0: no budget. The default, 4 GiB, holds
  // the search of about 40 million cells (a band of 1,000 sentences either side over 20,000
  // sentences); the server sets its own (--max_call_memory_mib).
  int64_t max_memory_bytes = int64_t{4} << 30;
  // How errors name that budget: the server names its flag.
  std::string memory_limit_name = "limits.max_memory_bytes";
};

// The memory estimates the budget is checked with, in bytes. Features: per byte of text and
// per sentence, from the features of 20,009 + 19,227 sentences of ../shared/eval (8.9 MB of
// text, 113 MB of features) with a margin of about 20 %. A run of the dynamic programme: per
// cell of its region, with `moves` bead shapes; costs in double precision up to 1 Mi of them,
// single beyond; `widening` counts the previous run's costs, kept while a wider one runs.
int64_t EstimateFeatureBytes(int64_t sentences, int64_t text_bytes);
int64_t EstimateSearchBytes(int64_t cells, int moves, bool widening);

struct AlignOptions {
  // Largest number of sentences on one side of a bead, 1 to 5. 2 allows 1-2, 2-1 and 2-2;
  // 3 adds 1-3, 3-1, 2-3 and 3-2; 4 adds 1-4 and 4-1; 5 adds 1-5 and 5-1. Translators of
  // long German sentences split them in four or five (Text+Berg: 3 gains +0.07 strict F1 over
  // 2, and 5 another +0.023); on the French-Arabic sets beads beyond 2 move strict F1 by
  // 0.002 at most (TICO-19 and FLORES +0.002, TICO-19 perturbed -0.002).
  int max_bead_sentences = 5;
  // Allow 1-0 (omission) and 0-1 (addition) beads.
  bool allow_omissions = true;
  // Anchor kinds left out of the score (for ablation or for callers who distrust one kind).
  std::vector<AnchorKind> disabled_anchors;
  // Realign once more with word associations learnt from the first pass's confident pairs
  // (Moore 2002).
  bool second_pass = true;
  // Half-width of the search band around the diagonal, in sentences, searched as it is in both
  // passes. 0 chooses the search region automatically. The first pass searches a band around
  // the diagonal (half-width 32, or more for sides of very unequal lengths), doubled while the
  // path runs within 3 cells of its edge, or, past `corridor_above`, a corridor around a coarse
  // first path, widened locally where the path presses its edge (see corridor.h). The second
  // pass searches 5 target sentences either side of the first pass's path (8 past 1,000
  // sentences a side), widened the same way, and, up to 1,000 sentences a side, also where more
  // than 1e-6 of the posterior reaches the edge: its confidences, omission probabilities and
  // draws are then those of the whole lattice. No region grows past the memory budget
  // (limits.max_memory_bytes).
  int band = 0;
  // With an automatic band, documents whose longer side has more sentences than this are
  // searched in a corridor around a coarse first estimate of the path, in time and memory
  // linear in their length; shorter ones in the band around the diagonal. 0 (the default)
  // searches every document of more than 4 sentences a side in a corridor. On every document
  // of ../shared/eval (3 to 554 sentences) the corridor finds the beads the band finds
  // (tests/corridor_test.cc), and the service's JSON, confidences and omission probabilities
  // included, is the same to the last byte; it searches fewer cells (the sample article's
  // alignment: 12 % fewer instructions), and a coarse path sees an omitted opening far past
  // the band's first 32 sentences. A value above the documents' length keeps the band.
  int corridor_above = 0;
  // In a corridor search with a second pass, on documents whose longer side has more than
  // `first_pass_bead_limit_above` sentences, the first pass takes beads of at most this many
  // sentences a side (1 to 5; never more than max_bead_sentences). That pass only places the
  // second pass's corridor and finds the confident 1-1 pairs, lengths and bead counts the
  // second pass learns from, and its larger merges cost most of its time; the second pass
  // takes every shape. Shapes the first pass could not find keep the model's prior.
  // 5 makes the first pass the full model, as in the band around the diagonal.
  int corridor_first_pass_bead_sentences = 3;
  // See corridor_first_pass_bead_sentences: shorter documents take every shape in their first
  // pass too (on Text+Berg, 554 sentences, a first pass of at most 3 moved strict F1 from 0.895
  // to 0.893). 0 limits every corridor search's first pass.
  int first_pass_bead_limit_above = 1000;
  // Paths drawn from the posterior of the final pass, from which the coverage interval is taken
  // (Alignment::sampled_omissions); 0 draws none and leaves the omission probabilities empty
  // too. At most 10000.
  int posterior_samples = 200;
  // Threads one alignment may use, 1 to 64: the bead costs of each search region are scored
  // by that many threads at once (and the two sides' features built side by side). The result
  // is the same for every count. 1 runs on the caller's thread alone, as a server running
  // several calls at once should.
  int threads = 1;
  // The model: weights, priors and length statistics' fallbacks, tuned on ../shared/eval.
  ModelWeights weights;
  AlignLimits limits;

  // Returns INVALID_ARGUMENT naming the first field out of range and its allowed range.
  absl::Status Validate() const;
};

// What an alignment reads besides the text and the options: what the caller builds once and
// shares between calls (a lexicon), or carries from one document of a batch to the next (the
// word associations learnt so far). Both may be null.
struct AlignResources {
  // Bilingual word pairs between the pair's two languages (FreeDict, or the caller's own); null
  // for none. One given from the target language to the source language is used inverted; one
  // of other languages is not used.
  std::shared_ptr<const Lexicon> lexicon;
  // Word co-occurrences from the confident pairs of earlier documents of the same batch and
  // language pair; null learns from this document alone. The second pass learns from these
  // and this document's pairs together, then adds this document's to them. One document of a
  // batch at a time (not thread-safe); the order of the batch then matters, as it should for a
  // stream.
  std::shared_ptr<WordAssociations> batch_associations;
  // Each word's lexicon key (stemming is the costliest step of a word's features), kept by the
  // caller across documents: a server keeps one per worker, so most words of the news it reads
  // are stemmed once. Null: this document's words are stemmed afresh. One document at a time
  // (not thread-safe). The result is the same either way.
  std::shared_ptr<WordKeyCache> word_keys;
  // When given, AlignSentences() leaves there what it read of each sentence (tokens, dates,
  // curated names), for the QA report to use instead of reading the sentences again.
  std::shared_ptr<SentenceReadings> readings;
};

// One bead: consecutive source sentences aligned to consecutive target sentences. One side
// empty is an omission (source only) or an addition (target only).
struct Bead {
  std::vector<int> source;
  std::vector<int> target;
  // Posterior probability of this bead given both documents, in [0, 1].
  double confidence = 0.0;
  // How well the lengths agree: the two-sided tail probability of the length deviation
  // under the document's own length model, in [0, 1]; 0 for omissions and additions.
  double length_score = 0.0;
  // Strength of the anchor evidence, in [0, 1]: 0 is none, 1 saturates the cap.
  double anchor_score = 0.0;
  // The anchors found on both sides.
  std::vector<AnchorMatch> anchors;
};

struct Alignment {
  std::vector<Bead> beads;
  LengthStatistics length;
  // Posterior probability, over every path, that each source sentence has no translation (a
  // 1-0 bead) and that each target sentence has no source (0-1). Empty when
  // AlignOptions::posterior_samples is 0.
  std::vector<double> omission_probability;
  std::vector<double> addition_probability;
  // AlignOptions::posterior_samples paths drawn from the posterior: the source sentences each
  // leaves without a translation, ascending. The spread of what they leave out is the
  // uncertainty of the coverage.
  std::vector<std::vector<int>> sampled_omissions;
};

// One side of the input: a language tag and its sentences, in order.
struct AlignInput {
  AlignInput() = default;
  AlignInput(std::string language, std::vector<absl::string_view> sentences,
             std::vector<int> paragraphs = {})
      : language(std::move(language)),
        sentences(std::move(sentences)),
        paragraphs(std::move(paragraphs)) {}

  std::string language;
  std::vector<absl::string_view> sentences;
  // Paragraph number of each sentence (non-decreasing), when the text has paragraphs; empty
  // when it has none (one sentence per line). Paragraph starts and headings on both sides are
  // evidence: translators keep them.
  std::vector<int> paragraphs;
};

// Aligns `source` to `target`. Either side may be empty. Returns INVALID_ARGUMENT on bad
// options (or, without omissions, sides no allowed bead shapes can pair), RESOURCE_EXHAUSTED
// on inputs beyond the limits, DEADLINE_EXCEEDED or CANCELLED when `stop` says so.
absl::StatusOr<Alignment> AlignSentences(const AlignInput& source, const AlignInput& target,
                                         const AlignOptions& options,
                                         const AlignResources& resources = AlignResources(),
                                         const StopCondition& stop = StopCondition());

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_ALIGNER_H_
