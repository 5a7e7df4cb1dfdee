// Numbers as anchors: every number in a sentence, normalised to one canonical decimal string so
// that the same quantity compares equal across scripts and conventions.
//
//   ExtractNumbers("15 000 soldats")   -> {"15000"}
//   ExtractNumbers("١٥ ألف جندي")       -> {"15000"}   (Arabic-Indic digits, scale word)
//   ExtractNumbers("3,5 % en 2024")    -> {"3.5", "2024"}
//   ExtractNumbers("مليارين")           -> {"2000000000"} (dual scale word)
//
// Digits of any script (u_charDigitValue); grouping by space, no-break space, narrow no-break
// space, thin space, apostrophe, dot, comma and Arabic ٬ when followed by exactly three digits;
// a decimal comma, dot or Arabic ٫ otherwise. Scale words in French, Arabic, German and English
// multiply the number before them. A number too large for a double (about 1e308) is left out.
#ifndef NEWSALIGN_ALIGNMENT_ANCHORS_NUMBERS_H_
#define NEWSALIGN_ALIGNMENT_ANCHORS_NUMBERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsalign {

// Returns the canonical value of every number in `text` (valid UTF-8), in order of appearance.
std::vector<std::string> ExtractNumbers(absl::string_view text);

// Writes `value` as ExtractNumbers() writes its values: a whole number of magnitude below 1e18
// without a point ("15000"), any other with at most six decimals and no trailing zero ("3.5").
// For other code that must compare numbers with the anchors (the QA report's number check).
std::string CanonicalNumber(double value);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ANCHORS_NUMBERS_H_
