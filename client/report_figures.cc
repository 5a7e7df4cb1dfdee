#include "client/report_figures.h"

#include <set>

#include "absl/container/flat_hash_map.h"

namespace newsalign::client {

SummaryFigures ComputeSummaryFigures(const v1::AlignResponse& response) {
  SummaryFigures figures;
  if (response.has_report()) {
    const v1::Report& report = response.report();
    figures.source_sentences = report.source_sentences();
    figures.translated_source_sentences = report.translated_source_sentences();
    figures.character_coverage = report.character_coverage();
    figures.coverage_low = report.character_coverage_low();
    figures.coverage_high = report.character_coverage_high();
    for (const v1::SentenceProbability& p : report.omission_probabilities()) {
      figures.omission_probabilities.emplace_back(p.sentence(), p.probability());
    }
    figures.omitted_source_sentences.assign(report.omitted_source_sentences().begin(),
                                            report.omitted_source_sentences().end());
    figures.added_target_sentences.assign(report.added_target_sentences().begin(),
                                          report.added_target_sentences().end());
    figures.missing_source_paragraphs.assign(report.missing_source_paragraphs().begin(),
                                             report.missing_source_paragraphs().end());
    figures.finding_counts.insert(report.finding_counts().begin(), report.finding_counts().end());
    figures.errors = report.error_count();
    figures.warnings = report.warning_count();
    figures.infos = report.info_count();
    figures.mean_confidence = report.mean_confidence();
    figures.lowest_confidence = report.lowest_confidence();
    figures.lowest_confidence_bead = report.lowest_confidence_bead();
    figures.beads_with_errors = report.beads_with_errors();
    figures.verdict = report.verdict();
    return figures;
  }

  figures.source_sentences = response.source().sentences_size();
  figures.character_coverage = response.has_summary() ? response.summary().source_coverage() : 1.0;
  figures.coverage_low = figures.coverage_high = figures.character_coverage;
  std::set<int32_t> all_paragraphs;
  std::set<int32_t> translated_paragraphs;
  absl::flat_hash_map<int32_t, int32_t> paragraph_of;
  for (const v1::Sentence& sentence : response.source().sentences()) {
    paragraph_of[sentence.index()] = sentence.paragraph();
    all_paragraphs.insert(sentence.paragraph());
  }
  double confidence_sum = 0;
  for (int i = 0; i < response.beads_size(); ++i) {
    const v1::Bead& bead = response.beads(i);
    if (bead.target_sentences().empty()) {
      figures.omitted_source_sentences.insert(figures.omitted_source_sentences.end(),
                                              bead.source_sentences().begin(),
                                              bead.source_sentences().end());
    } else {
      figures.translated_source_sentences += bead.source_sentences_size();
      for (int32_t index : bead.source_sentences()) {
        if (auto it = paragraph_of.find(index); it != paragraph_of.end()) {
          translated_paragraphs.insert(it->second);
        }
      }
    }
    if (bead.source_sentences().empty()) {
      figures.added_target_sentences.insert(figures.added_target_sentences.end(),
                                            bead.target_sentences().begin(),
                                            bead.target_sentences().end());
    }
    bool has_error = false;
    for (const v1::Finding& finding : bead.findings()) {
      ++figures.finding_counts[v1::FindingKind_Name(finding.kind())];
      if (finding.severity() == v1::SEVERITY_ERROR) {
        ++figures.errors;
        has_error = true;
      } else if (finding.severity() == v1::SEVERITY_WARNING) {
        ++figures.warnings;
      } else {
        ++figures.infos;
      }
    }
    if (has_error) ++figures.beads_with_errors;
    confidence_sum += bead.confidence();
    if (figures.lowest_confidence_bead < 0 || bead.confidence() < figures.lowest_confidence) {
      figures.lowest_confidence = bead.confidence();
      figures.lowest_confidence_bead = i;
    }
  }
  for (int32_t paragraph : all_paragraphs) {
    if (translated_paragraphs.count(paragraph) == 0) {
      figures.missing_source_paragraphs.push_back(paragraph);
    }
  }
  if (response.beads_size() > 0) figures.mean_confidence = confidence_sum / response.beads_size();
  return figures;
}

}  // namespace newsalign::client
