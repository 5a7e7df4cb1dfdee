// Whole documents in, aligned sentences out: validation, normalisation for matching
// (normalization.h), sentence splitting (or the caller's own sentences), alignment, and the
// summary. This is what the service and the client call.
//
// The model reads the normalised text (Arabic presentation forms, NFD French, ligatures and
// full-width forms read as the plain letters); everything that goes out is the caller's: every
// offset, and each sentence's `text`, which is the caller's text at its offsets.
//
//   DocumentInput fr{"fr", french_text};
//   DocumentInput ar{"ar", arabic_text};
//   ASSIGN_OR_RETURN(DocumentAlignment result, AlignDocuments(fr, ar, AlignOptions()));
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_DOCUMENT_ALIGNER_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_DOCUMENT_ALIGNER_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "align/aligner.h"
#include "base/stop_condition.h"

namespace newsalign {

// A document as the caller sends it: raw text, or the caller's own sentences.
struct DocumentInput {
  // BCP 47 language tag: "fr", "ar", "de", "fr-CA", ...
  std::string language;
  // Raw text, split into sentences by SplitSentences(). Used when `pre_split` is false.
  std::string text;
  // The caller's own sentences, in order. Used when `pre_split` is true.
  std::vector<std::string> sentences;
  bool pre_split = false;
};

// One sentence of a segmented document, with offsets into the caller's text. For a pre-split
// document the offsets index the caller's sentences joined by "\n" (the one-per-line file).
// Sentences are ordered and never overlap; `text` is the caller's text at [byte_begin,
// byte_end).
struct Sentence {
  int index = 0;
  // Paragraph number from 0 (blank lines separate paragraphs; pre-split documents have one).
  int paragraph = 0;
  size_t byte_begin = 0;
  size_t byte_end = 0;
  size_t code_point_begin = 0;
  size_t code_point_end = 0;
  // The caller's text of the sentence.
  std::string text;
  // What the model reads: `text` normalised for matching (NormalizeForMatching()); empty when
  // that is `text` itself, as it is for text already in that form. Read it with MatchingText().
  std::string normalized_text;
};

// Returns the text the model reads for `sentence`: its normalised text, or its text when
// normalisation left it as it was.
inline absl::string_view MatchingText(const Sentence& sentence) {
  return sentence.normalized_text.empty() ? absl::string_view(sentence.text)
                                          : absl::string_view(sentence.normalized_text);
}

struct SegmentedDocument {
  std::string language;
  std::vector<Sentence> sentences;
};

// Summary of one aligned pair of documents.
struct AlignmentSummary {
  // Number of beads by type, "1-1", "2-1", "1-0", ... (source count first).
  std::map<std::string, int> bead_counts;
  // Share of source code points (in sentences) that lie in a bead with a target side, in [0, 1].
  double source_coverage = 0.0;
  // Mean bead confidence, 0 when there are no beads.
  double mean_confidence = 0.0;
};

struct DocumentAlignment {
  SegmentedDocument source;
  SegmentedDocument target;
  std::vector<Bead> beads;
  LengthStatistics length;
  AlignmentSummary summary;
  // As in Alignment: each sentence's posterior probability of having no counterpart, and the
  // source sentences that paths drawn from the posterior leave out (empty when
  // AlignOptions::posterior_samples is 0).
  std::vector<double> omission_probability;
  std::vector<double> addition_probability;
  std::vector<std::vector<int>> sampled_omissions;
  // The words' lexicon keys found while aligning (AlignResources::word_keys when given), for
  // the QA report to read instead of stemming the same words again.
  std::shared_ptr<WordKeyCache> word_keys;
  // What the alignment read of each sentence (AlignResources::readings), for the QA report;
  // kept for up to kKeptReadingsUpTo sentences of both sides together, null past them.
  std::shared_ptr<const SentenceReadings> readings;
};

// Validates, normalises (normalization.h) and segments `document`: the splitter reads the
// normalised text, and each sentence's range is mapped back to the caller's text (widened to
// whole normalisation edits; two sentences that would then overlap become one). `field` names
// it in errors ("source", "target", "document"): INVALID_ARGUMENT for an empty or malformed
// language tag, empty text, invalid UTF-8 ("source.text: invalid UTF-8 at byte 17") or an
// empty pre-split sentence ("source.sentences[3] is empty"); RESOURCE_EXHAUSTED for a document
// beyond `limits` (its size as the caller sent it).
absl::StatusOr<SegmentedDocument> SegmentDocument(const DocumentInput& document,
                                                  absl::string_view field,
                                                  const AlignLimits& limits);

// Segments both documents and aligns them. Errors as SegmentDocument() (with field "source" or
// "target") and AlignSentences().
absl::StatusOr<DocumentAlignment> AlignDocuments(const DocumentInput& source,
                                                 const DocumentInput& target,
                                                 const AlignOptions& options,
                                                 const AlignResources& resources = AlignResources(),
                                                 const StopCondition& stop = StopCondition());

// Returns the bead type as "source-target" sizes: "1-1", "2-1", "0-1".
std::string BeadType(const Bead& bead);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_DOCUMENT_ALIGNER_H_
