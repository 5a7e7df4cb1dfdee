// The translation QA report: what is wrong with each aligned pair (a figure changed, a sentence
// dropped or added, text left untranslated, ...) and the verdict on the whole document pair
// ("The Arabic carries 87 % of the French story; paragraphs 4 and 5 are missing."). Alignment is
// the means; this is what QA teams and media monitors read.
//
//   ASSIGN_OR_RETURN(DocumentAlignment alignment, AlignDocuments(fr, ar, AlignOptions()));
//   DocumentReport report = BuildReport(alignment, ReportOptions());
//   for (size_t i = 0; i < alignment.beads.size(); ++i)
//     for (const Finding& f : report.bead_findings[i]) ...   // f.kind, f.severity, f.message
//   std::cout << report.verdict;
//
// Every finding rests on evidence the pair itself gives, read from each sentence's MatchingText()
// (the text normalised for matching, normalization.h): numbers and months compared after the
// anchors' normalisation (١٥ = 15, 15 000 = 15.000 = 15 ألف, 3,5 % = 3.5%, novembre = نوفمبر),
// lengths against the document's own length ratio, scripts letter by letter, names as the name
// anchors match them.
#ifndef NEWSALIGN_REPORT_REPORT_H_
#define NEWSALIGN_REPORT_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "align/document_aligner.h"
#include "base/stop_condition.h"

namespace newsalign {

enum class FindingKind {
  // A number, amount, percentage or month on one side only, after normalisation.
  kNumberMismatch,
  // A source sentence with no translation (a 1-0 bead).
  kOmission,
  // A target sentence with no source (a 0-1 bead), or one that repeats an earlier target
  // sentence (20 code points or more) whose source the document does not repeat: a duplicated
  // passage the aligner put in a 1-2 bead.
  kAddition,
  // The pair's length ratio is far from the document's own.
  kLengthRatio,
  // The target is the source left as it is, or mostly in the source's script.
  kUntranslated,
  // The bead's confidence is below ReportOptions::low_confidence_threshold.
  kLowConfidence,
  // A name on one side of the bead only, though the document carries it across in other beads
  // (info: a hint, see NameGapsOf in report/names.cc).
  kNameMismatch,
};

inline constexpr FindingKind kAllFindingKinds[] = {
    FindingKind::kNumberMismatch, FindingKind::kOmission,     FindingKind::kAddition,
    FindingKind::kLengthRatio,    FindingKind::kUntranslated, FindingKind::kLowConfidence,
    FindingKind::kNameMismatch};

// Returns the upper-case name of `kind` as the proto enum writes it without its prefix
// ("NUMBER_MISMATCH", "OMISSION", ...).
absl::string_view FindingKindName(FindingKind kind);

// Ordered: a higher value is worse.
enum class Severity { kInfo, kWarning, kError };

// Returns "info", "warning" or "error".
absl::string_view SeverityName(Severity severity);

// One QA finding on a bead, with its evidence.
struct Finding {
  FindingKind kind = FindingKind::kNumberMismatch;
  Severity severity = Severity::kError;
  // One short sentence in English: "15000 in the source is not in the target; 16000 in the
  // target is not in the source".
  std::string message;
  // The evidence, normalised: for number and name mismatches the values on one side only (those
  // of `source_only`, then those of `target_only`); for LENGTH_RATIO the factor off the
  // document's ratio ("3.40", above 1 when the target is longer); for UNTRANSLATED the share of
  // the target's letters in the source's script ("0.93", or "identical"); for LOW_CONFIDENCE
  // the confidence ("0.31"); empty for omissions and additions.
  std::vector<std::string> values;
  // Number and name mismatches: the values found in the source sentences only.
  std::vector<std::string> source_only;
  // Number and name mismatches: the values found in the target sentences only.
  std::vector<std::string> target_only;
};

struct ReportOptions {
  // A bead whose confidence is below this gets a LOW_CONFIDENCE warning. In [0, 1]; 0 turns
  // the check off.
  double low_confidence_threshold = 0.5;
  // A bead whose length ratio (target / source code points, spaces excluded, smoothed by
  // `length_smoothing`) is this many times above or below the document's ratio gets a
  // LENGTH_RATIO warning. At least 1. On tico19_fr_ar (2739 complete 1-1 translations) 2.0
  // flags one pair (acronyms spelled out in full), 1.8 three, 1.5 twenty.
  double length_ratio_factor = 2.0;
  // Code points added to both sides' lengths before the ratio is taken, so that short lines
  // (headlines, "Source") do not swing it. At least 0.
  double length_smoothing = 20.0;
  // A target whose letters are at least this share in the source's script (Latin letters in an
  // Arabic target) gets an UNTRANSLATED error; URLs, e-mail addresses and all-capital
  // acronyms do not count. In (0, 1]. Used only when the two documents are in different
  // scripts; within one script only a target identical to its source is flagged.
  double untranslated_share = 0.5;
  // A number written in digits on one side only is an error when its value is at least this
  // (or has a fraction); smaller ones are often spelled out on the other side ("trois",
  // "ثلاثة"), so they are warnings when no spelled-out counterpart is found.
  double small_number_limit = 10.0;
  // Threads the report may use (with 2 or more the name check and the second half of the bead
  // checks each run on a thread of their own, beside the first half); the report is the same
  // on any number. Between 1 and 64.
  int threads = 1;

  // Returns INVALID_ARGUMENT naming the first field out of range: "low_confidence_threshold
  // must be between 0 and 1, got 1.5".
  absl::Status Validate() const;
};

// A sentence and the probability that it has no counterpart.
struct SentenceProbability {
  int sentence = 0;
  double probability = 0.0;
};

// The QA verdict on a whole document pair.
struct DocumentReport {
  // Findings of each bead, parallel to DocumentAlignment::beads, worst first.
  std::vector<std::vector<Finding>> bead_findings;

  // Source sentences, and how many lie in a bead with a target side.
  int source_sentences = 0;
  int translated_source_sentences = 0;
  // translated / all source sentences, in [0, 1]; 1 for an empty source.
  double sentence_coverage = 1.0;
  // Share of source code points (in sentences) in a bead with a target side; 1 when empty.
  double character_coverage = 1.0;
  // The character coverage with its uncertainty, from the aligner's posterior: its expected
  // value over every alignment of the pair, and the interval that holds 90 % of the paths drawn
  // from the posterior (5th to 95th percentile), widened to hold character_coverage when it
  // does not. Without posterior samples all three equal character_coverage.
  double expected_character_coverage = 1.0;
  double character_coverage_low = 1.0;
  double character_coverage_high = 1.0;
  // Source sentences with their probability of having no translation: those the alignment
  // leaves out, and any other whose probability reaches kOmissionProbabilityFloor; by index.
  std::vector<SentenceProbability> omission_probabilities;
  // Target sentences with their probability of having no source, likewise.
  std::vector<SentenceProbability> addition_probabilities;
  // Source sentences in 1-0 beads; target sentences in 0-1 beads or flagged as repeats
  // (ADDITION); by index, ascending.
  std::vector<int> omitted_source_sentences;
  std::vector<int> added_target_sentences;
  // Source paragraphs (Sentence::paragraph) none of whose sentences is translated, ascending.
  std::vector<int> missing_source_paragraphs;
  // Target paragraphs none of whose sentences has a source (all added), ascending.
  std::vector<int> added_target_paragraphs;
  // Number of findings of each kind that occurs.
  std::map<FindingKind, int> finding_counts;
  int error_count = 0;
  int warning_count = 0;
  int info_count = 0;
  // Beads with at least one error.
  int beads_with_errors = 0;
  // Mean and lowest bead confidence, 0 without beads; index of the lowest bead, -1 without.
  double mean_confidence = 0.0;
  double lowest_confidence = 0.0;
  int lowest_confidence_bead = -1;
  // One line in English for people: "The Arabic carries 87 % of the French story; paragraphs
  // 4 and 5 are missing." Paragraphs are numbered from 1 here. An uncertain coverage gives its
  // interval: "carries 79 % of the French story (likely between 76 % and 81 %)"; paragraphs of
  // the target with no source are named too: "the Arabic's paragraph 3 has no French source".
  std::string verdict;
};

// Sentences whose probability of having no counterpart is at least this are listed in
// DocumentReport::omission_probabilities (and addition_probabilities) even when the alignment
// pairs them: a person should look at them.
inline constexpr double kOmissionProbabilityFloor = 0.2;

// A coverage with its uncertainty, from the aligner's posterior.
struct CoverageEstimate {
  // The share of the characters translated, averaged over every alignment.
  double expected = 1.0;
  // The 5th and 95th percentiles of the coverage of the paths drawn from the posterior.
  double low = 1.0;
  double high = 1.0;
};

// Estimates the coverage of a source whose sentence i has `chars[i]` characters, from each
// sentence's probability of having no translation and from the sentences that paths drawn from
// the posterior leave out (Alignment::omission_probability and sampled_omissions). Without
// draws, low and high are the expected value; with no characters, all are 1.
CoverageEstimate EstimateCoverage(const std::vector<double>& chars,
                                  const std::vector<double>& omission_probability,
                                  const std::vector<std::vector<int>>& sampled_omissions);

// Checks every bead of `alignment` and sums the findings up. `options` must be valid
// (Validate()); out-of-range values are clamped.
DocumentReport BuildReport(const DocumentAlignment& alignment, const ReportOptions& options);
// The same, or `stop`'s error once it holds (polled every few hundred sentences and beads).
absl::StatusOr<DocumentReport> BuildReport(const DocumentAlignment& alignment,
                                           const ReportOptions& options,
                                           const StopCondition& stop);

// Returns the English name of a language tag's language ("fr-CA" -> "French"), or the tag
// itself when it is not one this project knows.
std::string LanguageName(absl::string_view tag);

}  // namespace newsalign

#endif  // NEWSALIGN_REPORT_REPORT_H_
