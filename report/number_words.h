// The number words of the QA report: cardinals and ordinals spelled out in French, Arabic,
// German and English, with their value and whether they multiply the number before them
// ("deux mille" is 2000). The table is report/data/number_words.tsv, compiled in; it is parsed
// once, on first use. Internal to newsalign_report (report/numbers.cc reads it).
//
//   const NumberWord* w = FindNumberWord("والف");   // -> {"الف", 1e3, true}
#ifndef NEWSALIGN_REPORT_NUMBER_WORDS_H_
#define NEWSALIGN_REPORT_NUMBER_WORDS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign::report_internal {

// A number word: its value, and whether it multiplies what comes before it (cent, mille, ألف).
struct NumberWord {
  absl::string_view word;  // NormalizeWord() form
  double value = 0;
  bool multiplier = false;
};

// Looks a normalised word up, also without an Arabic proclitic (the conjunction و, the
// preposition ب, the article ال, or و or ب with ال); returns null when it is no number word.
const NumberWord* FindNumberWord(absl::string_view word);

// Returns the entries of `tsv` (the format of report/data/number_words.tsv; the words are views
// into `tsv`), in order, or INVALID_ARGUMENT naming the first line that does not hold a word in
// NormalizeWord() form, a positive value and "yes" or "no", or that repeats a word.
absl::StatusOr<std::vector<NumberWord>> ParseNumberWords(absl::string_view tsv);

// Returns the compiled-in table's text (report/data/number_words.tsv).
absl::string_view NumberWordsTsv();

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_NUMBER_WORDS_H_
