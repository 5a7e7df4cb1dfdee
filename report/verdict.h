// The QA report's summary of a whole document pair: coverage by sentence and by character (with
// its interval from the aligner's posterior), the sentences and paragraphs left out or added, and
// the verdict line for people ("The Arabic carries 87 % of the French story; paragraphs 4 and 5
// are missing."). Internal to newsalign_report; EstimateCoverage and LanguageName, public
// (report/report.h), are defined in verdict.cc too.
//
//   SetCoverage(alignment, FindRepeats(alignment), &report);   // after the beads' findings
//   report.verdict = Verdict(alignment, report);
#ifndef NEWSALIGN_REPORT_VERDICT_H_
#define NEWSALIGN_REPORT_VERDICT_H_

#include <string>
#include <vector>

#include "align/document_aligner.h"
#include "report/report.h"

namespace newsalign::report_internal {

// Sets the coverage of `report` (sentence and character coverage, its expected value and
// interval, the source sentences and paragraphs not translated, the target sentences and
// paragraphs with no source, and the sentences likely to have no counterpart) from the beads of
// `alignment` and from `repeats` (FindRepeats()), whose sentences count as added.
void SetCoverage(const DocumentAlignment& alignment, const std::vector<int>& repeats,
                 DocumentReport* report);

// Returns the verdict (DocumentReport::verdict) of `report`, whose coverage (SetCoverage) and
// findings are set.
std::string Verdict(const DocumentAlignment& alignment, const DocumentReport& report);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_VERDICT_H_
