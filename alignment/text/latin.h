// Latin letters without their accents, for matching names across spellings.
//
// Two spellings of one name differ by their accents ("Élysée" and "Elysee", "Peña" and "Pena"),
// so name anchors compare words folded to plain ASCII letters. The folding covers the letters
// of Latin-1 that have an ASCII base, lower-cased first (ICU's u_tolower, so capitals fold too):
//
//   à á â ã ä å -> a    ç -> c    è é ê ë -> e    ì í î ï -> i    ò ó ô õ ö -> o
//   ù ú û ü -> u        ñ -> n    ý ÿ -> y        ß -> s
//
// The last three are folded by AccentFolding::kLatin1 only. Letters with no single ASCII base
// (æ, ø, œ, ð, þ) and every other script are never folded.
//
//   FoldToAscii("Élysée", AccentFolding::kLatin1)                  -> "elysee"
//   FoldToAscii("Peña", AccentFolding::kVowelsAndCedilla)          -> "pea"
#ifndef NEWSALIGN_ALIGNMENT_TEXT_LATIN_H_
#define NEWSALIGN_ALIGNMENT_TEXT_LATIN_H_

#include <string>

#include "absl/strings/string_view.h"
#include "unicode/umachine.h"

namespace newsalign {

// Which accented letters are folded to their ASCII base.
enum class AccentFolding {
  // The accented vowels and the cedilla: à–å ç è–ë ì–ï ò–ö ù–Ü (same-script name prefixes in
  // align/sentence_features.cc).
  kVowelsAndCedilla,
  // Those, and ñ -> n, ý ÿ -> y, ß -> s: every Latin-1 letter with a one-letter ASCII base
  // (the Latin name skeletons of text/name_skeletons.h).
  kLatin1,
};

// Returns u_tolower(c), or its ASCII base letter when that is an accented letter `folding`
// covers: 'É' -> 'e', 'ç' -> 'c', 'Ñ' -> 'n' with kLatin1 ('ñ' with kVowelsAndCedilla).
UChar32 FoldLatinLetter(UChar32 c, AccentFolding folding);

// Returns `word` with every code point folded by FoldLatinLetter() and those that are then not
// ASCII dropped: "Élysée" -> "elysee", "garçon" -> "garcon", "Peña" -> "pena" (kLatin1) or "pea"
// (kVowelsAndCedilla), "فرنسا" -> "".
std::string FoldToAscii(absl::string_view word, AccentFolding folding);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_LATIN_H_
