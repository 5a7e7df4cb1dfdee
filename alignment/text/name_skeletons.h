// Names across scripts: a consonant skeleton that a Latin-script name and its Arabic spelling
// share, so that Mali = مالي, Bamako = باماكو, MINUSMA = مينوسما, Russie = روسيا, Sahel = الساحل.
//
// Both scripts map letters to one set of consonant classes; vowels, h and the Arabic letters
// that mostly write vowels or gutturals (ا و ي ء ع ح ه) are dropped and doubled consonants
// collapse. Arabic words are tried with and without their proclitics (و ف ب ل ال, and وال فال
// بال لل: text/arabic.h).
//
//   LatinSkeleton("Bamako")   -> "bmk"
//   ArabicSkeletons("وباماكو") -> {"bmk", ...}
#ifndef NEWSALIGN_ALIGNMENT_TEXT_NAME_SKELETONS_H_
#define NEWSALIGN_ALIGNMENT_TEXT_NAME_SKELETONS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsalign {

// Returns the consonant skeleton of a Latin-script word (normalised: lower case).
std::string LatinSkeleton(absl::string_view word);

// Returns the distinct skeletons of a normalised Arabic word: of the word as it is and without
// its proclitics. Skeletons of two consonants are kept only when the word also writes a long
// vowel (ا و ي), since short ones collide with common words (عمل and Mali).
std::vector<std::string> ArabicSkeletons(absl::string_view word);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_NAME_SKELETONS_H_
