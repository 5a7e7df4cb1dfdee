// The QA report's number check: the figures, spelled-out numbers, months and weekdays of each
// side of a bead, compared after the anchors' normalisation (ExtractNumbers, ExtractDates), so
// that ١٥ = 15, 15 000 = 15 ألف, 3,5 % = 3.5% and novembre = نوفمبر. Internal to
// newsalign_report.
//
//   NumberEvidence source, target;
//   ExtractFigures(source_text, &source);
//   ExtractFigures(target_text, &target);
//   if (Finding f; CheckNumbers(source, target, options, &f)) ...   // a NUMBER_MISMATCH
#ifndef NEWSALIGN_REPORT_NUMBERS_H_
#define NEWSALIGN_REPORT_NUMBERS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "report/report.h"
#include "text/tokenizer.h"

namespace newsalign::report_internal {

// What one side of a bead says in figures.
struct NumberEvidence {
  // Numbers written in digits standing on their own: 15 000, 3,5 %, 2024, ١٥ ألف.
  std::vector<std::string> strong;
  // Numbers in digits that belong to a word: codes (COVID-19, H1N1, SARS-CoV-2) and ordinals
  // (1er, 21e, 2nd). They may lose or change their digits in translation.
  std::vector<std::string> weak;
  // Values spelled out in words ("trois", "ثلاثة آلاف", "XXI").
  absl::flat_hash_set<std::string> spelled;
  // Months named ("month:11") and weekdays ("weekday:3").
  std::vector<std::string> months;
  std::vector<std::string> weekdays;
};

// Splits the figures of `text` into strong and weak ones (see NumberEvidence). Spaces are
// made plain, a fraction written without its 0 (".08") gets it, and the digits of weak numbers
// are read apart and taken out of the text ExtractNumbers() reads.
void ExtractFigures(absl::string_view text, NumberEvidence* out);

// The same with `text`'s tokens already read (Tokenize(text)), and with `dates` and `numbers`,
// when given, their ExtractDates() and the text's ExtractNumbers() (read while aligning:
// SentenceReading). The numbers serve as the strong figures when the text has nothing to take
// out or make plain, as in most sentences.
void ExtractFigures(absl::string_view text, const std::vector<Token>& tokens,
                    NumberEvidence* out, const std::vector<std::string>* dates = nullptr,
                    const std::vector<std::string>* numbers = nullptr);

// Compares the figures and dates of both sides; returns false when they agree, else true with
// a NUMBER_MISMATCH in `finding` (a new Finding: its value lists are appended to).
bool CheckNumbers(const NumberEvidence& source, const NumberEvidence& target,
                  const ReportOptions& options, Finding* finding);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_NUMBERS_H_
