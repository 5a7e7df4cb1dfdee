// Sentence splitting for news text, on ICU's sentence break rules plus the project's own
// corrections for French, Arabic and German.
//
// Input is one raw text. Output is a list of segments, each an exact byte range of the input:
// ranges are ordered, never overlap, hold no leading or trailing whitespace (Unicode White_Space,
// so U+00A0 and U+202F too, plus U+200B and U+FEFF), and everything between two ranges is
// whitespace. Blank lines separate paragraphs; a single line break ends a sentence too
// (headlines, list items, "Source" lines have no final stop).
//
// French: abbreviations and initials (M., Mme, Dr., p. ex., cf., J.-P., U.S.) do not end a
// sentence. Arabic: `؟ ! .` end a sentence, `، ؛` do not; "د. م. ق.م." abbreviations do not.
// Decimals (3.5, 3,5, ٣٫٥) never split. Closing quotes and brackets stay with their sentence
// (« Il part. »). "…" and "..." end a sentence before a new one. An initial followed by a word
// that usually opens a sentence ("vitamine D. Des études") ends it: when unsure, the splitter
// splits, as the aligner can join two segments but cannot cut one. Any other locale ICU knows is
// split by ICU's rules, plus the line rules and the script-level rules above (initials, quotes,
// ellipses); English and German have their own abbreviation lists too. ICU's own abbreviation
// lists are used only when the tag asks for them ("fr-u-ss-standard"): they under-split.
//
// Time is linear in the size of the text (a megabyte of news takes well under a second).
//
//   ASSIGN_OR_RETURN(std::vector<Segment> segments, SplitSentences(text, "fr"));
//   for (const Segment& s : segments) Use(text.substr(s.begin, s.end - s.begin));
#ifndef NEWSALIGN_ALIGNMENT_TEXT_SENTENCE_SPLITTER_H_
#define NEWSALIGN_ALIGNMENT_TEXT_SENTENCE_SPLITTER_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// One sentence: the byte range [begin, end) of the text it was split from.
struct Segment {
  size_t begin = 0;
  size_t end = 0;
  // Paragraph number, from 0; paragraphs are separated by one or more blank lines (or by a
  // form feed or U+2029 PARAGRAPH SEPARATOR).
  int paragraph = 0;
};

// Splits `text` (valid UTF-8; validate first) into sentences for `language`, a BCP 47 tag
// ("fr", "ar", "de-CH", ...). Returns INVALID_ARGUMENT, naming the tag, when the tag is empty
// or not well-formed BCP 47 ("fr_FR" is not); a well-formed tag for a language ICU has no rules
// for gets ICU's default rules. Empty or all-whitespace text gives no segments.
absl::StatusOr<std::vector<Segment>> SplitSentences(absl::string_view text,
                                                    absl::string_view language);

namespace splitter_internal {

// The offsets in `line` (text without a line break) where ICU's sentence rules for `language`
// break it, before its end, ascending: ICU reading it converted to UTF-16, as SplitSentences()
// has it read, or (`utf16` false) reading the UTF-8 itself. The two are the same (for tests,
// which check it).
absl::StatusOr<std::vector<size_t>> IcuBoundaries(absl::string_view line,
                                                  absl::string_view language, bool utf16);

}  // namespace splitter_internal

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_SENTENCE_SPLITTER_H_
