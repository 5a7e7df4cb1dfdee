// Text helpers shared by the QA report's checks (report/*.cc): the text of a bead side, its
// length as the report measures it, and the English of findings and the verdict ("4 and 5",
// "sentences 4-6", "2 pairs"). Internal to newsalign_report.
#ifndef NEWSALIGN_REPORT_TEXT_HELPERS_H_
#define NEWSALIGN_REPORT_TEXT_HELPERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "align/document_aligner.h"
#include "unicode/umachine.h"

namespace newsalign::report_internal {

// Returns the sentences of one bead side joined by a space: the sentence's own text for a side of
// one, else the joined text, kept in `*joined`.
absl::string_view SideText(const SegmentedDocument& document, const std::vector<int>& indices,
                           std::string* joined);

// Code points of `text` without spaces, tabs and line breaks. The length model
// (SideFeatures::length) leaves out spaces and tabs only, so a sentence broken over lines is
// shorter here by its line breaks.
double LengthOf(absl::string_view text);

// Returns `text` with runs of white space (spaces, tabs, line breaks) made one space, trimmed.
std::string CollapseSpaces(absl::string_view text);

// Whether CollapseSpaces(a) == CollapseSpaces(b), without building either: the same words
// between the runs of white space.
bool EqualCollapsed(absl::string_view a, absl::string_view b);

// A chunk between spaces that is a URL or an e-mail address: its letters are not language.
bool IsAddress(absl::string_view chunk);
// False when no chunk of `text` between spaces can be an address (no "@", "://" or "www." in
// any case): then IsAddress() is false for each.
bool MayHoldAddress(absl::string_view text);

// A letter of any script (ICU's Alphabetic property), not a digit; false for U+0000 and for the
// -1 that U8_NEXT gives for ill-formed UTF-8.
bool IsLetter(UChar32 c);

// Returns `value` with `digits` digits after the point: Fixed(0.934, 2) is "0.93".
std::string Fixed(double value, int digits);

// Returns "sentence 4" or "sentences 4-6" (indices as the response gives them).
std::string SentenceRange(const std::vector<int>& indices);

// Returns "4", "4 and 5", "2, 4 and 5".
std::string EnglishList(const std::vector<std::string>& items);

// Returns "1 pair", "2 pairs": `count`, a space and `one` or `many`.
std::string Plural(int count, absl::string_view one, absl::string_view many);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_TEXT_HELPERS_H_
