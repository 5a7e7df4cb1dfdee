#include "report/verdict.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lexicon/lexicon.h"
#include "report/text_helpers.h"

namespace newsalign {
namespace report_internal {
namespace {

// The coverage's expected value and 90 % interval from the posterior, and the sentences likely
// to have no counterpart. The report's omitted and added sentences must be set.
void SetCoverageInterval(const DocumentAlignment& alignment, DocumentReport* report) {
  // Each sentence the alignment leaves alone, and any other likely to have no counterpart.
  auto list = [](const std::vector<double>& probability, const std::vector<int>& alone) {
    std::vector<SentenceProbability> out;
    for (size_t i = 0; i < probability.size(); ++i) {
      if (probability[i] >= kOmissionProbabilityFloor ||
          std::binary_search(alone.begin(), alone.end(), static_cast<int>(i))) {
        out.push_back({static_cast<int>(i), probability[i]});
      }
    }
    return out;
  };
  std::vector<int> added_alone;  // in 0-1 beads (not the repeats that ADDITION also names)
  for (const Bead& bead : alignment.beads) {
    if (bead.source.empty()) {
      added_alone.insert(added_alone.end(), bead.target.begin(), bead.target.end());
    }
  }
  report->omission_probabilities =
      list(alignment.omission_probability, report->omitted_source_sentences);
  report->addition_probabilities = list(alignment.addition_probability, added_alone);

  const std::vector<Sentence>& sentences = alignment.source.sentences;
  CoverageEstimate estimate{report->character_coverage, report->character_coverage,
                            report->character_coverage};
  if (alignment.omission_probability.size() == sentences.size()) {
    std::vector<double> chars;
    for (const Sentence& s : sentences) {
      chars.push_back(static_cast<double>(s.code_point_end - s.code_point_begin));
    }
    estimate = EstimateCoverage(chars, alignment.omission_probability, alignment.sampled_omissions);
  }
  report->expected_character_coverage = estimate.expected;
  // The interval always holds the figure the report states (the best path's coverage), which
  // the paths drawn may all miss when the best path is itself unlikely.
  report->character_coverage_low = std::min(estimate.low, report->character_coverage);
  report->character_coverage_high = std::max(estimate.high, report->character_coverage);
}

}  // namespace

void SetCoverage(const DocumentAlignment& alignment, const std::vector<int>& repeats,
                 DocumentReport* report) {
  const SegmentedDocument& source = alignment.source;
  // Coverage, by sentence and by character; paragraphs with nothing translated.
  report->source_sentences = static_cast<int>(source.sentences.size());
  std::vector<bool> translated(source.sentences.size(), false);
  for (const Bead& bead : alignment.beads) {
    for (int s : bead.source) translated[s] = !bead.target.empty();
    if (bead.target.empty()) {
      report->omitted_source_sentences.insert(report->omitted_source_sentences.end(),
                                              bead.source.begin(), bead.source.end());
    }
    if (bead.source.empty()) {
      report->added_target_sentences.insert(report->added_target_sentences.end(),
                                            bead.target.begin(), bead.target.end());
    }
  }
  for (size_t t = 0; t < repeats.size(); ++t) {
    if (repeats[t] >= 0) report->added_target_sentences.push_back(static_cast<int>(t));
  }
  std::sort(report->omitted_source_sentences.begin(), report->omitted_source_sentences.end());
  std::sort(report->added_target_sentences.begin(), report->added_target_sentences.end());
  size_t covered = 0, total = 0;
  std::map<int, bool> paragraph_translated;
  for (size_t i = 0; i < source.sentences.size(); ++i) {
    const Sentence& sentence = source.sentences[i];
    const size_t chars = sentence.code_point_end - sentence.code_point_begin;
    total += chars;
    if (translated[i]) {
      covered += chars;
      ++report->translated_source_sentences;
    }
    paragraph_translated[sentence.paragraph] |= translated[i];
  }
  for (const auto& [paragraph, any] : paragraph_translated) {
    if (!any) report->missing_source_paragraphs.push_back(paragraph);
  }
  {
    std::vector<bool> added(alignment.target.sentences.size(), false);
    for (int t : report->added_target_sentences) added[t] = true;
    std::map<int, bool> paragraph_sourced;
    for (size_t t = 0; t < alignment.target.sentences.size(); ++t) {
      paragraph_sourced[alignment.target.sentences[t].paragraph] |= !added[t];
    }
    for (const auto& [paragraph, any] : paragraph_sourced) {
      if (!any) report->added_target_paragraphs.push_back(paragraph);
    }
  }
  if (report->source_sentences > 0) {
    report->sentence_coverage =
        static_cast<double>(report->translated_source_sentences) / report->source_sentences;
  }
  if (total > 0) report->character_coverage = static_cast<double>(covered) / total;
  SetCoverageInterval(alignment, report);
}

std::string Verdict(const DocumentAlignment& alignment, const DocumentReport& report) {
  const std::string target_name = LanguageName(alignment.target.language);
  const std::string source_name = LanguageName(alignment.source.language);
  const bool known =
      target_name != alignment.target.language && source_name != alignment.source.language;
  // Rounded down: a story with a sentence missing never reads "100 %".
  const int percent = static_cast<int>(std::floor(100 * report.character_coverage + 1e-9));
  std::string verdict = known
                            ? absl::StrCat("The ", target_name, " carries ", percent, " % of the ",
                                           source_name, " story")
                            : absl::StrCat("The translation carries ", percent, " % of the source");
  // The posterior's 90 % interval, when it says more than the figure itself.
  const int low = static_cast<int>(std::floor(100 * report.character_coverage_low + 1e-9));
  const int high = static_cast<int>(std::floor(100 * report.character_coverage_high + 1e-9));
  if (low != percent || high != percent) {
    absl::StrAppend(&verdict, " (likely between ", low, " % and ", high, " %)");
  }
  std::vector<std::string> clauses;
  const auto& paragraphs = report.missing_source_paragraphs;
  if (!paragraphs.empty()) {
    std::vector<std::string> numbers;
    for (int p : paragraphs) numbers.push_back(absl::StrCat(p + 1));
    clauses.push_back(absl::StrCat(paragraphs.size() == 1 ? "paragraph " : "paragraphs ",
                                   EnglishList(numbers), paragraphs.size() == 1 ? " is" : " are",
                                   " missing"));
  }
  int other_omitted = 0;
  for (int s : report.omitted_source_sentences) {
    const int paragraph = alignment.source.sentences[s].paragraph;
    if (!std::binary_search(paragraphs.begin(), paragraphs.end(), paragraph)) ++other_omitted;
  }
  if (other_omitted > 0) {
    clauses.push_back(absl::StrCat(Plural(other_omitted, "sentence", "sentences"),
                                   paragraphs.empty() ? "" : " more",
                                   other_omitted == 1 ? " is" : " are", " not translated"));
  }
  const auto& added_paragraphs = report.added_target_paragraphs;
  if (!added_paragraphs.empty()) {
    std::vector<std::string> numbers;
    for (int p : added_paragraphs) numbers.push_back(absl::StrCat(p + 1));
    clauses.push_back(absl::StrCat(
        known ? absl::StrCat("the ", target_name, "'s ") : "the translation's ",
        added_paragraphs.size() == 1 ? "paragraph " : "paragraphs ", EnglishList(numbers),
        added_paragraphs.size() == 1 ? " has" : " have", " no ",
        known ? absl::StrCat(source_name, " ") : "", "source"));
  }
  int other_added = 0;
  for (int t : report.added_target_sentences) {
    const int paragraph = alignment.target.sentences[t].paragraph;
    if (!std::binary_search(added_paragraphs.begin(), added_paragraphs.end(), paragraph)) {
      ++other_added;
    }
  }
  if (other_added > 0) {
    clauses.push_back(absl::StrCat(Plural(other_added, "sentence", "sentences"),
                                   added_paragraphs.empty() ? "" : " more",
                                   other_added == 1 ? " has" : " have", " no source"));
  }
  auto count_errors = [&](FindingKind kind) {
    int n = 0;
    for (const auto& findings : report.bead_findings) {
      for (const Finding& f : findings) n += f.kind == kind && f.severity == Severity::kError;
    }
    return n;
  };
  if (int n = count_errors(FindingKind::kNumberMismatch); n > 0) {
    clauses.push_back(absl::StrCat("figures differ in ", Plural(n, "pair", "pairs")));
  }
  if (int n = count_errors(FindingKind::kUntranslated); n > 0) {
    clauses.push_back(absl::StrCat(Plural(n, "pair is", "pairs are"), " left untranslated"));
  }
  if (clauses.empty()) {
    clauses.push_back(report.warning_count == 0
                          ? "no errors found"
                          : absl::StrCat("no errors found, ",
                                         Plural(report.warning_count, "warning", "warnings"),
                                         " to check"));
  }
  return absl::StrCat(verdict, "; ", absl::StrJoin(clauses, "; "), ".");
}

}  // namespace report_internal

std::string LanguageName(absl::string_view tag) {
  const std::string primary = PrimaryLanguage(tag);
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"ar", "Arabic"},  {"fr", "French"},  {"de", "German"},     {"en", "English"},
      {"es", "Spanish"}, {"it", "Italian"}, {"pt", "Portuguese"}, {"nl", "Dutch"},
      {"ru", "Russian"}, {"tr", "Turkish"}, {"fa", "Persian"},    {"ur", "Urdu"},
      {"he", "Hebrew"},  {"zh", "Chinese"}, {"ja", "Japanese"},   {"rm", "Romansh"},
  };
  for (const auto& [code, name] : kNames) {
    if (primary == code) return std::string(name);
  }
  return std::string(tag);
}

CoverageEstimate EstimateCoverage(const std::vector<double>& chars,
                                  const std::vector<double>& omission_probability,
                                  const std::vector<std::vector<int>>& sampled_omissions) {
  CoverageEstimate estimate;
  double total = 0, expected = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    total += chars[i];
    expected += chars[i] * (1 - (i < omission_probability.size() ? omission_probability[i] : 0));
  }
  if (total <= 0) return estimate;
  estimate.expected = estimate.low = estimate.high = expected / total;
  if (sampled_omissions.empty()) return estimate;
  std::vector<double> coverage;
  for (const std::vector<int>& omitted : sampled_omissions) {
    double lost = 0;
    for (int s : omitted) lost += chars[s];
    coverage.push_back((total - lost) / total);
  }
  std::sort(coverage.begin(), coverage.end());
  const size_t last = coverage.size() - 1;
  estimate.low = coverage[static_cast<size_t>(std::floor(0.05 * last))];
  estimate.high = coverage[static_cast<size_t>(std::ceil(0.95 * last))];
  return estimate;
}

}  // namespace newsalign
