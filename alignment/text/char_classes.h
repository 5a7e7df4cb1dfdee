// ICU's character classes the number readers ask of every code point (anchors/numbers.cc, the
// QA report's figures), answered inline for ASCII and the Arabic block, which make up most of a
// French or Arabic text, and by ICU for the rest. Each gives ICU's answer for every code point
// (tests/utf8_test.cc checks all of them).
#ifndef NEWSALIGN_ALIGNMENT_TEXT_CHAR_CLASSES_H_
#define NEWSALIGN_ALIGNMENT_TEXT_CHAR_CLASSES_H_

#include "unicode/uchar.h"
#include "unicode/umachine.h"

namespace newsalign {

// u_isdigit(c): a decimal digit of any script (general category Nd). In the Arabic block, the
// Arabic-Indic digits U+0660-U+0669 and U+06F0-U+06F9.
inline bool IsDecimalDigit(UChar32 c) {
  if (c >= 0 && c < 0x80) return c >= '0' && c <= '9';
  if (c >= 0x0600 && c <= 0x06FF) {
    return (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
  }
  return u_isdigit(c);
}

// u_isalpha(c): a letter (general category L). U+0620-U+064A are the Arabic letters and the
// tatweel (Lm); U+064B-U+065F the Arabic vowel marks (Mn).
inline bool IsLetterCategory(UChar32 c) {
  if (c >= 0 && c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  if (c >= 0x0620 && c <= 0x064A) return true;
  if (c >= 0x064B && c <= 0x065F) return false;
  return u_isalpha(c);
}

// A letter or a mark that continues a word: u_isalpha(c), a non-zero combining class, or a
// non-spacing mark (U+0620-U+065F: Arabic letters and vowel marks, all of them).
inline bool IsLetterOrMark(UChar32 c) {
  if (c >= 0 && c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  if (c >= 0x0620 && c <= 0x065F) return true;
  return u_isalpha(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_CHAR_CLASSES_H_
