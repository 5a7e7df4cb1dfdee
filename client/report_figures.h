// The figures of the HTML report's summary block: the server's Report when the response has
// one, or the same figures computed from the beads when it has none (an older server).
//
//   SummaryFigures figures = ComputeSummaryFigures(response);
//   std::cout << figures.translated_source_sentences << " of " << figures.source_sentences;
#ifndef NEWSALIGN_CLIENT_REPORT_FIGURES_H_
#define NEWSALIGN_CLIENT_REPORT_FIGURES_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "newsalign/v1/alignment.pb.h"

namespace newsalign::client {

struct SummaryFigures {
  int source_sentences = 0;
  int translated_source_sentences = 0;
  double character_coverage = 1;
  // The posterior's 90 % interval of the coverage (equal to it without a report).
  double coverage_low = 1;
  double coverage_high = 1;
  // Sentences with their probability of having no counterpart, as the report lists them.
  std::vector<std::pair<int32_t, double>> omission_probabilities;
  std::vector<int32_t> omitted_source_sentences;
  std::vector<int32_t> added_target_sentences;
  std::vector<int32_t> missing_source_paragraphs;
  // By FindingKind enum name.
  std::map<std::string, int> finding_counts;
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  double mean_confidence = 0;
  double lowest_confidence = 0;
  int lowest_confidence_bead = -1;
  int beads_with_errors = 0;
  std::string verdict;
};

// Returns response.report's figures, or, without a report, the figures computed from the beads,
// the sentences and response.summary (no omission probabilities and no verdict then).
SummaryFigures ComputeSummaryFigures(const v1::AlignResponse& response);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_REPORT_FIGURES_H_
