// The word lists of the sentence splitter (text/sentence_splitter.h), per language.
//
// A period after an abbreviation does not end a sentence ("M. Dupont", "cf. p. 12"), and an
// initial before a word that usually opens a sentence does ("la vitamine D. Des études"). The
// lists are French, German and English; Arabic openers are checked for every language. Words
// are matched as written, with their period, and with the first letter lowercased:
//
//   InWordSet(Abbreviations(SplitterLanguage::kFrench), "Cf.")          -> true ("cf.")
//   InWordSet(AbbreviationsBeforeNumber(SplitterLanguage::kFrench), "sept.") -> true
//   IsSentenceOpener("L’armée", SplitterLanguage::kFrench)              -> true
//   IsSentenceOpener("وفي", SplitterLanguage::kOther)                   -> true
#ifndef NEWSALIGN_ALIGNMENT_TEXT_ABBREVIATIONS_H_
#define NEWSALIGN_ALIGNMENT_TEXT_ABBREVIATIONS_H_

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// The languages with lists of their own; kOther has none (the Arabic openers aside).
enum class SplitterLanguage { kOther, kFrench, kGerman, kEnglish };

using WordSet = absl::flat_hash_set<absl::string_view>;

// Returns the abbreviations that never end a sentence in `language` ("M.", "Dr.", "vgl.",
// "e.g."), or nullptr for kOther.
const WordSet* Abbreviations(SplitterLanguage language);

// Returns the abbreviations that are also words ("sept" is "seven", "Art" and "Jan" are German
// words, "No" is English), so they do not end a sentence only when a number follows: "le 3 sept.
// 2024", "Art. 5 GG", "No. 5". Returns nullptr for kOther.
const WordSet* AbbreviationsBeforeNumber(SplitterLanguage language);

// Returns whether `word` is in `set` (which may be null) as written, or with its first letter
// lowercased.
bool InWordSet(const WordSet* set, absl::string_view word);

// Returns whether `word` usually opens a sentence in `language` (or in Arabic, for every
// language): "Des", "L’armée" (French elision), "Die", "However", "وفي".
bool IsSentenceOpener(absl::string_view word, SplitterLanguage language);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_ABBREVIATIONS_H_
