#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "align/sentence_features.h"
#include "base/status_macros.h"
#include "base/task_pool.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"
#include "report/names.h"
#include "report/numbers.h"
#include "report/repeats.h"
#include "report/sentence_facts.h"
#include "report/text_helpers.h"
#include "report/untranslated.h"
#include "report/verdict.h"
#include "text/tokenizer.h"

// The checks live in one file each, in namespace report_internal: numbers.cc, untranslated.cc,
// names.cc and repeats.cc; verdict.cc sums the report up. This file runs them bead by bead.
namespace newsalign {
namespace {

using report_internal::CheckNames;
using report_internal::CheckNumbers;
using report_internal::CheckRepeats;
using report_internal::CheckUntranslated;
using report_internal::ComparesScripts;
using report_internal::ExtractFigures;
using report_internal::FindRepeats;
using report_internal::Fixed;
using report_internal::LengthOf;
using report_internal::NameGaps;
using report_internal::NameGapsOf;
using report_internal::NumberEvidence;
using report_internal::ReadSentenceFacts;
using report_internal::SentenceRange;
using report_internal::SetCoverage;
using report_internal::SideFacts;
using report_internal::SideText;
using report_internal::Verdict;

// The script a document in `language` should be written in: from the tag when this project
// knows it (so that an Arabic translation left wholly in French is still caught), else the
// script most of its letters are in.
Script ExpectedScript(absl::string_view language, const std::vector<absl::string_view>& texts) {
  const std::string primary = PrimaryLanguage(language);
  static constexpr absl::string_view kArabicScript[] = {"ar", "fa", "ur", "ps"};
  static constexpr absl::string_view kLatinScript[] = {"fr", "de", "en", "es", "it", "pt", "nl",
                                                       "ro", "ca", "rm", "pl", "tr", "sv", "da"};
  if (absl::c_linear_search(kArabicScript, primary)) return Script::kArabic;
  if (absl::c_linear_search(kLatinScript, primary)) return Script::kLatin;
  return DominantScript(texts);
}

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
}

// Compares the lengths of a bead's two sides with the document's `ratio` (target / source code
// points, white space excluded, LengthOf): returns true and fills `finding` (a LENGTH_RATIO
// warning) when the target, with `smoothing` code points added to both sides, is `factor` times
// too long or too short or more.
bool CheckLengthRatio(absl::string_view source_text, absl::string_view target_text, double ratio,
                      double factor, double smoothing, Finding* finding) {
  const double source_length = LengthOf(source_text);
  const double target_length = LengthOf(target_text);
  const double off = (target_length + smoothing) / (ratio * source_length + smoothing);
  if (!(off >= factor || off <= 1 / factor)) return false;
  *finding = {FindingKind::kLengthRatio, Severity::kWarning, "", {Fixed(off, 2)}, {}, {}};
  finding->message = off > 1 ? absl::StrFormat(
                                   "the target is %.1f times as long as the document's length "
                                   "ratio predicts (%.0f code points for %.0f)",
                                   off, target_length, source_length)
                             : absl::StrFormat(
                                   "the target is %.1f times shorter than the document's "
                                   "length ratio predicts (%.0f code points for %.0f)",
                                   1 / off, target_length, source_length);
  return true;
}

}  // namespace

absl::string_view FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kNumberMismatch:
      return "NUMBER_MISMATCH";
    case FindingKind::kOmission:
      return "OMISSION";
    case FindingKind::kAddition:
      return "ADDITION";
    case FindingKind::kLengthRatio:
      return "LENGTH_RATIO";
    case FindingKind::kUntranslated:
      return "UNTRANSLATED";
    case FindingKind::kLowConfidence:
      return "LOW_CONFIDENCE";
    case FindingKind::kNameMismatch:
      return "NAME_MISMATCH";
  }
  return "UNKNOWN";
}

absl::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

absl::Status ReportOptions::Validate() const {
  if (!(low_confidence_threshold >= 0 && low_confidence_threshold <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "low_confidence_threshold must be between 0 and 1, got ", low_confidence_threshold));
  }
  if (!(length_ratio_factor >= 1 && std::isfinite(length_ratio_factor))) {
    return absl::InvalidArgumentError(
        absl::StrCat("length_ratio_factor must be at least 1, got ", length_ratio_factor));
  }
  if (!(length_smoothing >= 0 && std::isfinite(length_smoothing))) {
    return absl::InvalidArgumentError(
        absl::StrCat("length_smoothing must be at least 0, got ", length_smoothing));
  }
  if (!(untranslated_share > 0 && untranslated_share <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("untranslated_share must be above 0 and at most 1, got ", untranslated_share));
  }
  if (!(small_number_limit >= 0 && std::isfinite(small_number_limit))) {
    return absl::InvalidArgumentError(
        absl::StrCat("small_number_limit must be at least 0, got ", small_number_limit));
  }
  if (threads < 1 || threads > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads must be between 1 and 64, got ", threads));
  }
  return absl::OkStatus();
}

DocumentReport BuildReport(const DocumentAlignment& alignment, const ReportOptions& options) {
  // Never stops, so never fails.
  return *BuildReport(alignment, options, StopCondition());
}

absl::StatusOr<DocumentReport> BuildReport(const DocumentAlignment& alignment,
                                           const ReportOptions& options,
                                           const StopCondition& stop) {
  DocumentReport report;
  const SegmentedDocument& source = alignment.source;
  const SegmentedDocument& target = alignment.target;
  const double threshold = std::clamp(options.low_confidence_threshold, 0.0, 1.0);
  const double factor = std::max(1.0, options.length_ratio_factor);
  const double smoothing = std::max(0.0, options.length_smoothing);
  const double ratio = alignment.length.ratio > 0 ? alignment.length.ratio : 1.0;

  std::vector<absl::string_view> source_texts, target_texts;
  for (const Sentence& s : source.sentences) source_texts.push_back(MatchingText(s));
  for (const Sentence& s : target.sentences) target_texts.push_back(MatchingText(s));
  const Script source_script = ExpectedScript(source.language, source_texts);
  const Script target_script = ExpectedScript(target.language, target_texts);

  // Every sentence read once: its names, figures and (for an untranslated target) letters.
  // With two threads or more the repeated target sentences are found beside it (the two sides
  // are read on two threads, and the target, read longer, left a core idle).
  std::vector<int> repeats;
  // Steps started on the task pool below are joined on every return (a task joins when it
  // ends).
  TaskPool::Task repeats_task;
  if (options.threads > 1) {
    repeats_task = TaskPool::Shared().Start([&] { repeats = FindRepeats(alignment); });
  }
  SideFacts source_facts, target_facts;
  const bool count_letters = ComparesScripts(source_script, target_script);
  RETURN_IF_ERROR(ReadSentenceFacts(alignment, source_script, target_script, count_letters, stop,
                                    options.threads, &source_facts, &target_facts));
  if (repeats_task.joinable()) {
    repeats_task.Join();
  } else {
    repeats = FindRepeats(alignment);
  }

  // The name check's counts over the beads run beside the bead checks with two threads or
  // more; its findings wait for it at the end. The task is joined on every return.
  std::vector<NameGaps> name_gaps;
  absl::Status names_status;
  auto find_names = [&] {
    absl::StatusOr<std::vector<NameGaps>> found =
        NameGapsOf(alignment, source_facts.names, target_facts.names, stop);
    if (found.ok()) {
      name_gaps = *std::move(found);
    } else {
      names_status = found.status();
    }
  };
  TaskPool::Task names_task;
  if (options.threads > 1) {
    names_task = TaskPool::Shared().Start(find_names);
  } else {
    find_names();
    RETURN_IF_ERROR(names_status);
  }
  RETURN_IF_ERROR(stop.Check());

  report.bead_findings.resize(alignment.beads.size());
  // Beads whose target is flagged untranslated: their names are not checked. One byte each:
  // the two halves of the beads are written by two threads.
  std::vector<uint8_t> untranslated_beads(alignment.beads.size(), 0);
  // The checks of beads [begin, end), each bead's findings its own.
  auto check_beads = [&](size_t begin, size_t end) -> absl::Status {
    StopPoller poll(stop, 256);
    for (size_t b = begin; b < end; ++b) {
      RETURN_IF_ERROR(poll.Tick());
      const Bead& bead = alignment.beads[b];
      std::vector<Finding>& findings = report.bead_findings[b];

      if (bead.target.empty() && !bead.source.empty()) {
        findings.push_back(
            {FindingKind::kOmission,
             Severity::kError,
             absl::StrCat("source ", SentenceRange(bead.source), " has no translation"),
             {},
             {},
             {}});
      } else if (bead.source.empty() && !bead.target.empty()) {
        findings.push_back({FindingKind::kAddition,
                            Severity::kError,
                            absl::StrCat("target ", SentenceRange(bead.target), " has no source"),
                            {},
                            {},
                            {}});
      } else if (!bead.source.empty()) {
        std::string source_joined, target_joined;
        const absl::string_view source_text = SideText(source, bead.source, &source_joined);
        const absl::string_view target_text = SideText(target, bead.target, &target_joined);

        // A target sentence that repeats an earlier one, which the aligner put in a bead with
        // source sentences (a 1-2 bead) rather than alone.
        if (Finding repeat; CheckRepeats(bead, repeats, &repeat)) {
          findings.push_back(std::move(repeat));
        }

        // A side of one sentence has its facts read already; a side of several is read
        // joined (a figure or a word may run across the join).
        Finding untranslated;
        const bool is_untranslated =
            bead.target.size() == 1 && count_letters
                ? CheckUntranslated(source_text, target_text, source_script, target_script,
                                    options, target_facts.letters[bead.target[0]], &untranslated)
                : CheckUntranslated(source_text, target_text, source_script, target_script,
                                    options, &untranslated);
        if (is_untranslated) findings.push_back(std::move(untranslated));
        untranslated_beads[b] = is_untranslated;

        NumberEvidence joined_source_numbers, joined_target_numbers;
        const NumberEvidence* source_numbers = &joined_source_numbers;
        const NumberEvidence* target_numbers = &joined_target_numbers;
        if (bead.source.size() == 1) {
          source_numbers = &source_facts.figures[bead.source[0]];
        } else {
          ExtractFigures(source_text, &joined_source_numbers);
        }
        if (bead.target.size() == 1) {
          target_numbers = &target_facts.figures[bead.target[0]];
        } else {
          ExtractFigures(target_text, &joined_target_numbers);
        }
        if (Finding numbers; CheckNumbers(*source_numbers, *target_numbers, options, &numbers)) {
          findings.push_back(std::move(numbers));
        }

        if (Finding length;
            CheckLengthRatio(source_text, target_text, ratio, factor, smoothing, &length)) {
          findings.push_back(std::move(length));
        }
      }
    }
    return absl::OkStatus();
  };
  // With two threads or more the second half of the beads is checked on the task pool,
  // beside the first half and the name check: on a long pair the bead checks took longer than
  // the name check, which then waited for them. Joined on every return.
  const size_t bead_count = alignment.beads.size();
  const size_t half = options.threads > 1 ? bead_count / 2 : bead_count;
  absl::Status second_half_status;
  TaskPool::Task second_half;
  if (half < bead_count) {
    second_half = TaskPool::Shared().Start(
        [&] { second_half_status = check_beads(half, bead_count); });
  }
  RETURN_IF_ERROR(check_beads(0, half));
  second_half.Join();
  RETURN_IF_ERROR(second_half_status);
  names_task.Join();
  RETURN_IF_ERROR(names_status);
  double confidence_sum = 0;
  StopPoller poll(stop, 256);
  for (size_t b = 0; b < alignment.beads.size(); ++b) {
    RETURN_IF_ERROR(poll.Tick());
    const Bead& bead = alignment.beads[b];
    std::vector<Finding>& findings = report.bead_findings[b];
    confidence_sum += bead.confidence;
    if (report.lowest_confidence_bead < 0 || bead.confidence < report.lowest_confidence) {
      report.lowest_confidence = bead.confidence;
      report.lowest_confidence_bead = static_cast<int>(b);
    }
    // Names on one side only, among those the document carries across reliably.
    if (Finding names; !bead.source.empty() && !bead.target.empty() && !untranslated_beads[b] &&
                       CheckNames(name_gaps[b], &names)) {
      findings.push_back(std::move(names));
    }

    if (bead.confidence < threshold) {
      findings.push_back(
          {FindingKind::kLowConfidence,
           Severity::kWarning,
           absl::StrFormat("confidence %.2f is below %.2f", bead.confidence, threshold),
           {Fixed(bead.confidence, 2)},
           {},
           {}});
    }
    SortFindings(&findings);

    bool has_error = false;
    for (const Finding& f : findings) {
      ++report.finding_counts[f.kind];
      switch (f.severity) {
        case Severity::kError:
          ++report.error_count;
          has_error = true;
          break;
        case Severity::kWarning:
          ++report.warning_count;
          break;
        case Severity::kInfo:
          ++report.info_count;
          break;
      }
    }
    report.beads_with_errors += has_error;
  }
  if (!alignment.beads.empty()) {
    report.mean_confidence = confidence_sum / static_cast<double>(alignment.beads.size());
  }

  SetCoverage(alignment, repeats, &report);
  report.verdict = Verdict(alignment, report);
  return report;
}

}  // namespace newsalign
