// Unicode normalisation for matching, with a map back to the caller's offsets.
//
// The same words reach newsalign in several Unicode forms: Arabic copied from a PDF comes in
// presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF: "ﺳﻼﻡ" for "سلام", "ﻻ" for "لا"), French
// from macOS or a database in NFD ("e" + U+0301 for "é"), Latin ligatures ("ﬁ") and full-width
// forms ("１５") from typesetting. Read as they are, they are other letters: the tokens, the
// anchors (numbers, months, names) and the lexicon miss them. Every document (and every
// sentence of a pre-split one) is normalised once at the entry of the core; splitting,
// tokens, anchors, features and the QA report read the normalised text, and every offset and
// sentence text that goes out is mapped back to the caller's.
//
// The form is NFKC except for the characters whose compatibility mapping would change what the
// model reads in text that is already fine; these are kept as they are:
//   - spaces (general category Zs): French writes U+00A0 and U+202F before ": ; ! ?" and as a
//     thousands separator ("15 000"); NFKC makes them plain spaces, which the length model does
//     not count: on ../shared/eval plain NFKC turns 4,654 of them into plain spaces and moves the
//     table (FLORES-200 perturbed strict F1 0.964 -> 0.962, its added-sentence F1 0.821 ->
//     0.789); and the spacing accents, which NFKC makes a space and a combining mark: a space
//     inside the word ("aujourd´hui", the acute typed as an apostrophe, -> "aujourd ́hui");
//   - superscripts, subscripts, fractions and every other character that NFKC would turn into
//     digits though it is none: "km²" -> "km2", "½" -> "1⁄2", "①" -> "1", "㎡" -> "m2" would be
//     numbers the other side writes in words or symbols (false NUMBER_MISMATCH findings), and
//     "™" -> "TM" would glue letters to a name;
//   - the ellipsis "…" (the splitter reads it and "..." alike; NFKC would make it three
//     characters in the lengths).
// With these kept, every figure and bead of ../shared/eval is as it was without normalisation
// (NFKC keeping only the spaces leaves the table but moves its confidence calibration).
// The Arabic presentation forms of the vowel marks (U+FE70–U+FE7F, and the shadda ligatures
// U+FC5E–U+FC63, U+FCF2–U+FCF4), which PDFs give for "رسميًا" as "ﺭﺳﻤﻴﹰﺎ", are read as the marks
// alone: NFKC makes each a space or a tatweel and the mark, a space in the middle of the word.
// Everything else gets NFKC: canonical composition and order (NFC) everywhere, Arabic
// presentation forms and ligatures ("ﻻ" -> "لا", "ﷲ" -> "الله"), Latin ligatures ("ﬁ" -> "fi"),
// full-width and half-width forms, mathematical letters and digits, and the like.
//
// Offsets: ICU reports the normalisation as edits, each a short run of the caller's text
// (one character, or a base letter and its marks) replaced by a run of the normalised text.
// An offset of the normalised text maps to the caller's text exactly outside the edits; inside
// one, a range is widened to the whole edit, so a range of the normalised text maps to the
// smallest range of the caller's text that holds all of it.
//
// Text that is already in this form (ICU's quick check, one pass, no allocation) is not
// copied: text() is then a view of the caller's text.
//
//   ASSIGN_OR_RETURN(NormalizedText normalized, NormalizeForMatching(text));
//   ASSIGN_OR_RETURN(std::vector<Segment> segments, SplitSentences(normalized.text(), "ar"));
//   for (const Segment& s : segments) {
//     const OffsetRange caller = normalized.ToOriginal(s.begin, s.end);
//     Use(text.substr(caller.begin, caller.end - caller.begin));   // the caller's sentence
//   }
//
// With text "ﻻ ﬁn", text() is "لا fin"; ToOriginal(0, 4) (the two letters "لا") is {0, 3}
// (the one character "ﻻ"), ToOriginal(5, 8) ("fin") is {4, 8} ("ﬁn"), and ToOriginal(6, 8)
// ("in") is {4, 8} too, since "i" comes from inside "ﬁ".
#ifndef NEWSALIGN_ALIGNMENT_TEXT_NORMALIZATION_H_
#define NEWSALIGN_ALIGNMENT_TEXT_NORMALIZATION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

class NormalizedText;

namespace internal {
// NormalizeForMatching(), asking ICU's quick check alone when `table_first` is false (for tests
// that compare the table of stable code points with ICU).
absl::StatusOr<NormalizedText> NormalizeForMatching(absl::string_view text, bool table_first);
}  // namespace internal

// A byte range [begin, end) of a text.
struct OffsetRange {
  size_t begin = 0;
  size_t end = 0;
};

// A text normalised for matching, and the map from its offsets to the caller's.
class NormalizedText {
 public:
  // The empty text.
  NormalizedText() = default;

  // Returns the normalised text: a view of original() when normalisation changed nothing, else
  // of a copy this object owns.
  absl::string_view text() const { return changed_ ? absl::string_view(normalized_) : original_; }

  // Returns the caller's text, as given to NormalizeForMatching() (a view: the caller keeps it).
  absl::string_view original() const { return original_; }

  // Returns whether normalisation changed the text.
  bool changed() const { return changed_; }

  // Returns the smallest range of original() that holds the range [begin, end) of text()
  // (begin <= end <= text().size()): exact outside the edits, widened to whole edits inside
  // them. Ordered ranges of text() map to ordered ranges of original(); ranges that are apart
  // in text() may touch the same edit and then overlap in original().
  OffsetRange ToOriginal(size_t begin, size_t end) const;

  // Returns the offset of original() where the character at `offset` of text() begins (the
  // start of its edit when it lies inside one). `offset` <= text().size().
  size_t ToOriginalBegin(size_t offset) const;

  // Returns the offset of original() where the text before `offset` of text() ends (the end of
  // the edit when `offset` lies strictly inside one). `offset` <= text().size().
  size_t ToOriginalEnd(size_t offset) const;

 private:
  friend absl::StatusOr<NormalizedText> internal::NormalizeForMatching(absl::string_view text,
                                                                      bool table_first);

  // One edit: original()[original_begin, original_end) became
  // text()[normalized_begin, normalized_end).
  struct Edit {
    size_t original_begin = 0;
    size_t original_end = 0;
    size_t normalized_begin = 0;
    size_t normalized_end = 0;
  };

  absl::string_view original_;
  bool changed_ = false;
  std::string normalized_;
  // Ordered, apart; empty when nothing changed.
  std::vector<Edit> edits_;
};

// Normalises `text` (valid UTF-8: ValidateUtf8() first) for matching, in the form described at
// the top of this file. The result keeps a view of `text`, which must outlive it. Returns
// RESOURCE_EXHAUSTED for a text of 2 GiB or more (ICU's limit) and INTERNAL when ICU's
// normalisation data cannot be loaded.
absl::StatusOr<NormalizedText> NormalizeForMatching(absl::string_view text);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_NORMALIZATION_H_
