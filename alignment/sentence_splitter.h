// Sentence splitting for news text, on ICU's sentence break rules plus the project's own
// corrections for French and Arabic.
//
// Input is one raw text. Output is a list of segments, each an exact byte range of the input:
// ranges are ordered, never overlap, hold no leading or trailing whitespace, and everything
// between two ranges is whitespace. Blank lines separate paragraphs; a single line break ends
// a sentence too (headlines, list items, "Source" lines have no final stop).
//
// French: abbreviations and initials (M., Mme, Dr, p. ex., cf., J.-P., U.S.) do not end a
// sentence. Arabic: `؟ ! .` end a sentence, `، ؛` do not; "د. م." abbreviations do not.
// Decimals (3.5, 3,5, ٣٫٥) never split. Closing quotes and brackets stay with their sentence.
// Any other locale ICU knows is split by ICU's rules alone, plus the line rules above.
//
//   ASSIGN_OR_RETURN(std::vector<Segment> segments, SplitSentences(text, "fr"));
//   for (const Segment& s : segments) Use(text.substr(s.begin, s.end - s.begin));
#ifndef NEWSALIGN_ALIGNMENT_SENTENCE_SPLITTER_H_
#define NEWSALIGN_ALIGNMENT_SENTENCE_SPLITTER_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// One sentence: the byte range [begin, end) of the text it was split from.
struct Segment {
  size_t begin = 0;
  size_t end = 0;
  // Paragraph number, from 0; paragraphs are separated by one or more blank lines.
  int paragraph = 0;
};

// Splits `text` (valid UTF-8; validate first) into sentences for `language`, a BCP 47 tag
// ("fr", "ar", "de-CH", ...). Returns INVALID_ARGUMENT when ICU does not know the language
// tag's syntax. Empty or all-whitespace text gives no segments.
absl::StatusOr<std::vector<Segment>> SplitSentences(absl::string_view text,
                                                    absl::string_view language);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_SENTENCE_SPLITTER_H_
